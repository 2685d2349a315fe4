"""One :class:`FormatSpec` per national format version: everything that differs between versions lives here.

format-spec §0: "Two national formats: **2019 试行** (国办公开办函〔2019〕60号; report years 2019–2020) and **2021**
(国办公开办函〔2021〕30号; report years 2021 on)". The two share 表三 (but for its （六） rows) and 表四; their 表二
differ entirely. Code that needs to know a version asks its spec (:func:`format_spec`) — its 表二, the rows of a
table in that version, its years, its names, the labels that identify it — instead of comparing version names.

A version may extend another (:attr:`FormatSpec.based_on`): it then has the rows of the shared tables that its base
has, and the rules declared for its base apply to it. A third version (a province's variant, a future national
format) is registered with :func:`register_format_spec`; nothing else needs to change.

>>> FORMAT_2021.table2.key, FORMAT_2019.table2.key
('table2', 'table2_2019')
>>> format_spec("2019").table_keys
('table2_2019', 'table3', 'table4')
>>> len(FORMAT_2021.rows(TABLE3)), len(FORMAT_2019.rows(TABLE3))
(25, 23)
>>> format_for_year(2020).name, format_for_year(2024).name, format_for_year(2018)
('2019', '2021', None)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping

from attrs import field, frozen

from gov_disclosure.errors import ModelError
from gov_disclosure.model.layout import TABLE2, TABLE2_2019, TABLE3, TABLE4, RowSpec, TableSpec
from gov_disclosure.model.tables import TABLE_CLASSES, Table, Table2, Table2_2019
from gov_disclosure.model.versions import FormatVersion

__all__ = [
    "FORMAT_2019",
    "FORMAT_2021",
    "FormatSpec",
    "UnknownFormatError",
    "current_format",
    "default_format_for_year",
    "format_for_year",
    "format_spec",
    "format_specs",
    "layout_of",
    "register_format_spec",
    "unregister_format_spec",
]


class UnknownFormatError(ModelError):
    """No format version of that name is registered."""

    def __init__(self, name: object) -> None:
        known = ", ".join(repr(spec.name) for spec in format_specs())
        super().__init__("format_version", f"expected one of {known}, got {name!r}")


def _lineage(spec: FormatSpec) -> tuple[str, ...]:
    return (spec.name, *(spec.based_on.lineage if spec.based_on is not None else ()))


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@frozen(kw_only=True, cache_hash=True)
class FormatSpec:
    """A national format version (or a variant of one): its tables, years, names and identifying labels."""

    name: FormatVersion
    """The version's name, as ``Report.format_version`` and JSON/XLSX hold it: ``"2019"``, ``"2021"``."""
    title_zh: str
    """How the version is named to a 政务公开 officer, e.g. ``2021年格式（国办公开办函〔2021〕30号）``."""
    title_en: str
    """The same in English."""
    table2: TableSpec
    """The layout of this version's 表二 (its :attr:`TableSpec.key` is where a report keeps it)."""
    table2_class: type[Table]
    """The model class of this version's 表二."""
    first_year: int | None = None
    """The first report year published in this version (None: never inferred from a year)."""
    last_year: int | None = None
    """The last report year published in this version (None: still current)."""
    based_on: FormatSpec | None = None
    """The version this one extends: its rows of the shared tables and its rules apply here too."""
    lineage: tuple[FormatVersion, ...] = field(init=False, eq=False, repr=False)
    """This version's name, then its base's lineage: the names under which rows and rules are declared for it."""
    tables: tuple[TableSpec, ...] = field(init=False, eq=False, repr=False)
    """The three statutory tables of a report of this version, in report order: 二, 三, 四."""
    table_keys: tuple[str, ...] = field(init=False, eq=False, repr=False)
    """Where a report of this version keeps its tables: ``("table2", "table3", "table4")`` for 2021."""
    _rows: Mapping[str, tuple[RowSpec, ...]] = field(init=False, eq=False, repr=False)
    _absent: Mapping[str, tuple[str, ...]] = field(init=False, eq=False, repr=False)
    _collapsible: Mapping[str, Mapping[str, tuple[str, ...]]] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        set_ = object.__setattr__  # derived once, here, for a frozen class (its __init__ has run)
        set_(self, "lineage", _lineage(self))
        set_(self, "tables", (self.table2, TABLE3, TABLE4))
        set_(self, "table_keys", tuple(t.key for t in self.tables))
        rows = {t.key: tuple(r for r in t.rows if any(v in r.versions for v in self.lineage)) for t in self.tables}
        set_(self, "_rows", rows)
        absent = {
            key: tuple(row for row in self.table_class(key).row_types if row not in {r.key for r in rows[key]})
            for key in rows
        }
        set_(self, "_absent", absent)
        set_(self, "_collapsible", {key: _collapsible(self, key, rows[key]) for key in rows})

    def table_class(self, key: str) -> type[Table]:
        """The model class of this version's table *key* (KeyError for a table the version does not have)."""
        if key == self.table2.key:
            return self.table2_class
        if key not in self.table_keys:
            raise KeyError(key)
        return TABLE_CLASSES[key]

    def rows(self, table: TableSpec | str, collapsed: frozenset[str] = frozenset()) -> tuple[RowSpec, ...]:
        """The rows a report of this version has in *table* (a spec or a key), in official order.

        A report that prints rows of :meth:`collapsible` as one row each (*collapsed*, their keys) has them in place
        of their parts:

        >>> [r.key for r in FORMAT_2021.rows(TABLE3, frozenset({"other_processing"}))][-4:]
        ['not_processed_confirm', 'other_processing', 'total_processed', 'carried_forward']
        """
        key = table if isinstance(table, str) else table.key
        found = self._rows.get(key)
        if found is None:
            raise KeyError(key)
        if not collapsed:
            return found
        parts = self._collapsible[key]
        layout = next(t for t in self.tables if t.key == key)
        out: list[RowSpec] = []
        for row in found:
            whole = next((w for w in collapsed if row.key in parts.get(w, ())), None)
            if whole is None:
                out.append(row)
            elif parts[whole][0] == row.key:
                out.append(layout.row(whole))
        return tuple(out)

    def collapsible(self, key: str) -> Mapping[str, tuple[str, ...]]:
        """The rows of table *key*'s model class that this version does not have but splits into parts (the rows it
        groups under the row's label), with those parts: a report may print such a row as one row, as the version
        that has it does, and leave its parts unprinted (:attr:`~gov_disclosure.model.cells.CellKind.NOT_PRINTED`).

        format-spec §3.4: for 表三, "a shared model works if （六）其他处理 is a group whose total is always present
        and whose three sub-items are optional". Real 2021 reports print （六） as one row, as the 2019 form does.

        >>> dict(FORMAT_2021.collapsible("table3")), dict(FORMAT_2019.collapsible("table3"))
        ({'other_processing': ('other_no_correction', 'other_fee_unpaid', 'other_other')}, {})
        """
        return self._collapsible[key]

    def rows_absent(self, key: str) -> tuple[str, ...]:
        """The rows the model class of table *key* has but this version does not (e.g. 2019's single （六） row in
        a 2021 report's 表三): a report of this version leaves them None."""
        return self._absent[key]

    def applies(self, versions: tuple[FormatVersion, ...]) -> bool:
        """True when something declared for *versions* (a rule, a row) applies to this version or its base."""
        return any(v in versions for v in self.lineage)

    def covers_year(self, year: int) -> bool:
        """True when reports for *year* are published in this version."""
        if self.first_year is None or year < self.first_year:
            return False
        return self.last_year is None or year <= self.last_year

    @property
    def markers(self) -> tuple[str, ...]:
        """Labels that identify this version in a text (format-spec §7), NFKC-normalised.

        They are the markers the layout declares on the rows and columns this version has
        (:attr:`RowSpec.marker`, :attr:`ColumnSpec.marker`).
        """
        found: dict[str, None] = {}
        for table in self.tables:
            for row in self.rows(table):
                for marker in (row.marker, *(c.marker for c in row.columns)):
                    if marker is not None:
                        found[_nfkc(marker)] = None
        return tuple(found)


def _collapsible(spec: FormatSpec, key: str, rows: tuple[RowSpec, ...]) -> Mapping[str, tuple[str, ...]]:
    """:meth:`FormatSpec.collapsible` for table *key* whose rows in *spec* are *rows*."""
    table = next(t for t in spec.tables if t.key == key)
    found: dict[str, tuple[str, ...]] = {}
    for absent in spec.rows_absent(key):
        label = table.row(absent).label
        parts = tuple(r.key for r in rows if r.group is not None and r.group == label)
        if parts:
            found[absent] = parts
    return found


FORMAT_2019 = FormatSpec(
    name="2019",
    title_zh="2019年试行格式（国办公开办函〔2019〕60号）",
    title_en="2019 试行 format (国办公开办函〔2019〕60号)",
    table2=TABLE2_2019,
    table2_class=Table2_2019,
    first_year=2019,
    last_year=2020,
)
"""The 2019 试行 format (report years 2019–2020; format-spec §3)."""

FORMAT_2021 = FormatSpec(
    name="2021",
    title_zh="2021年格式（国办公开办函〔2021〕30号）",
    title_en="2021 format (国办公开办函〔2021〕30号)",
    table2=TABLE2,
    table2_class=Table2,
    first_year=2021,
)
"""The 2021 format (report years 2021 on; format-spec §2)."""

_SPECS: dict[str, FormatSpec] = {FORMAT_2019.name: FORMAT_2019, FORMAT_2021.name: FORMAT_2021}
"""The registered versions by name, oldest first (the built-ins, then :func:`register_format_spec`'s)."""


def format_spec(name: str) -> FormatSpec:
    """The registered version called *name* (:class:`UnknownFormatError` if none)."""
    try:
        return _SPECS[name]
    except (KeyError, TypeError):
        raise UnknownFormatError(name) from None


def format_specs() -> tuple[FormatSpec, ...]:
    """Every registered version, oldest first."""
    return tuple(_SPECS.values())


def iter_format_versions() -> Iterator[FormatVersion]:
    """The names of the registered versions, oldest first."""
    return iter(tuple(_SPECS))


def format_for_year(year: int) -> FormatSpec | None:
    """The version reports for *year* are published in (the newest that covers it), None before 2019.

    >>> format_for_year(2019).name
    '2019'
    """
    covering = [spec for spec in _SPECS.values() if spec.covers_year(year)]
    return covering[-1] if covering else None


def current_format() -> FormatSpec:
    """The national format in force: the registered version with the latest first year and no last year."""
    current = [spec for spec in _SPECS.values() if spec.first_year is not None and spec.last_year is None]
    return max(current, key=lambda spec: spec.first_year or 0, default=FORMAT_2021)


def default_format_for_year(report_year: int) -> FormatVersion | None:
    """The name of the version a report for *report_year* is expected to use (format-spec §7), None before 2019.

    >>> default_format_for_year(2020), default_format_for_year(2022), default_format_for_year(2018)
    ('2019', '2021', None)
    """
    spec = format_for_year(report_year)
    return None if spec is None else spec.name


def register_format_spec(spec: FormatSpec) -> FormatSpec:
    """Register *spec* so that reports of its version can be built, read, validated and serialised.

    A version of a registered name is refused (ValueError): unregister it first. Returns *spec*.
    """
    if spec.name in _SPECS:
        raise ValueError(f"format version {spec.name!r} is registered already")
    if spec.based_on is not None and _SPECS.get(spec.based_on.name) != spec.based_on:
        raise ValueError(f"format version {spec.name!r} extends {spec.based_on.name!r}, which is not registered")
    _SPECS[spec.name] = spec
    return spec


def unregister_format_spec(name: str) -> None:
    """Remove a version registered with :func:`register_format_spec` (the built-in versions stay)."""
    if name in (FORMAT_2019.name, FORMAT_2021.name):
        raise ValueError(f"the built-in format version {name!r} cannot be unregistered")
    _SPECS.pop(name, None)


def layout_of(table: str, row: str | None = None) -> TableSpec:
    """The layout of the table called *table* in the registered formats: the first (oldest first) that has a row
    *row* when given, else the first (KeyError when no registered format has such a table or row).

    For a table of known format ask its spec (:attr:`FormatSpec.tables`); this is for a cell key alone.

    >>> layout_of("table2_2019").number, layout_of("table3", "other_other").row("other_other").label
    ('二', '3.其他')
    """
    found = [t for spec in _SPECS.values() for t in spec.tables if t.key == table]
    for layout in found:
        if row is None or any(r.key == row for r in layout.rows):
            return layout
    raise KeyError(table if not found else f"{table}.{row}")
