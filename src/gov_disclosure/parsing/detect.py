"""What a text is: report or not, which national format, which agency and year.

format-spec §7: "Detect the format from labels (robust to citations and year): 2021 ⇐ any of
本年制发件数, 本年废止件数, 现行有效件数, 本年收费金额, or （六） sub-items 逾期不补正 / 逾期未按收费通知;
2019 ⇐ any of 本年新制作数量, 对外公开总数量, 上一年项目数量, 其他对外管理服务事项, 第二十条第（九）项, 采购总金额.
Fallback by data year: ≤2018 legacy; 2019–2020 → 2019; ≥2021 → 2021. Flag conflicts".
The report's title (agency and year) is found by :mod:`gov_disclosure.parsing.title`; :class:`Title` and
:func:`find_title` are also importable from here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from functools import cached_property

from attrs import frozen

from gov_disclosure.model.formats import FormatSpec, format_spec, format_specs
from gov_disclosure.model.versions import FormatVersion
from gov_disclosure.parsing.title import Title, find_title, has_title

__all__ = ["FormatEvidence", "Title", "detect_format", "find_title", "looks_like_report"]

_REPORT_WORDS = re.compile(r"政[府务]信息公开|政务公开")
_SECTION = re.compile(
    r"^[#\s]*[一二三四五六][、.]\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题)", re.M
)


@functools.lru_cache(maxsize=8)
def _marker_search(specs: tuple[FormatSpec, ...]) -> tuple[re.Pattern[str], Mapping[str, frozenset[str]]]:
    """One search for the markers of every version in *specs*, and the versions each marker points at.

    Blanks are allowed between a marker's characters. The built-in markers never overlap (none ends with what
    another starts with), so one search finds every one, as a search per version would.
    """
    versions: dict[str, set[str]] = {}
    for spec in specs:
        for marker in spec.markers:
            versions.setdefault(marker, set()).add(spec.name)
    ordered = sorted(versions, key=len, reverse=True)  # a marker that begins another is tried after it
    pattern = re.compile("|".join(r"\s*".join(map(re.escape, marker)) for marker in ordered) or "(?!)")
    return pattern, {marker: frozenset(names) for marker, names in versions.items()}


@frozen
class FormatEvidence:
    """The labels found in a text that point at a format version (format-spec §7)."""

    labels: tuple[tuple[str, frozenset[FormatVersion]], ...] = ()
    """``(label as printed, the versions whose layout has it)``, in the order first printed."""

    def found(self, version: FormatVersion) -> tuple[str, ...]:
        """The printed labels that point at *version*."""
        return tuple(label for label, versions in self.labels if version in versions)

    @property
    def pointed(self) -> tuple[FormatSpec, ...]:
        """The registered versions some label points at, oldest first."""
        return tuple(spec for spec in format_specs() if self.found(spec.name))

    @property
    def printed(self) -> tuple[str, ...]:
        """Every label found, as printed."""
        return tuple(label for label, _ in self.labels)

    @cached_property
    def version(self) -> FormatVersion | None:
        """The version every label found points at, None when they say nothing or disagree (:attr:`mixed`).

        When the labels fit a version and the versions that extend it, the base is meant: a variant is told
        by a label of its own.
        """
        if not self.labels:
            return None
        common = frozenset.intersection(*(versions for _, versions in self.labels))
        for name in common:
            if all(name in format_spec(other).lineage for other in common):
                return name
        return None

    @property
    def mixed(self) -> bool:
        """True when labels of versions that exclude each other were found (e.g. both 2019 and 2021 labels)."""
        return bool(self.labels) and self.version is None


def detect_format(text: str) -> FormatEvidence:
    """The table labels of the registered format versions found in normalised *text*.

    >>> detect_format("信息内容\\t本年制发件数\\t本年废止件数").version
    '2021'
    >>> detect_format("依据国办公开办函〔2019〕60号 …").version is None
    True
    """
    pattern, versions = _marker_search(format_specs())
    found: dict[str, frozenset[str]] = {}
    for match in pattern.finditer(text):
        printed = match.group(0)
        found.setdefault(printed, versions["".join(printed.split())])
    return FormatEvidence(tuple(found.items()))


def looks_like_report(text: str, *, title: Title | None = None, evidence: FormatEvidence | None = None) -> bool:
    """True when *text* speaks of 政府信息公开/政务公开 and has a report title, a section heading or table labels.

    *title* and *evidence*, what :func:`find_title` and :func:`detect_format` found in *text* if asked already,
    spare finding them again.

    >>> looks_like_report("今天天气很好。"), looks_like_report("一、总体情况\\n本机关政府信息公开工作…")
    (False, True)
    """
    if _REPORT_WORDS.search(text) is None:
        return False
    if title is not None or has_title(text) or _SECTION.search(text):
        return True
    return (evidence or detect_format(text)).version is not None
