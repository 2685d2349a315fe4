"""gov_disclosure: read, validate, compare and serialize 政府信息公开工作年度报告.

The curated public API is re-exported here; see the documentation for the full reference.

>>> import gov_disclosure as gd
>>> result = gd.read_text(gd.example_report_text())
>>> result.report.agency, result.report.report_year, result.report.format_version
('淮安市人民政府', 2024, '2021')
>>> result.report.table3.total_processed.total.value
3050
>>> gd.validate(result.report)
()
"""

import importlib
import sys
import types
from typing import TYPE_CHECKING

from gov_disclosure._version import __version__

if TYPE_CHECKING:
    from gov_disclosure.aggregation import Aggregate, AggregationError, MixedTable2Error, aggregate, compare_parent
    from gov_disclosure.compiled import compiled_modules
    from gov_disclosure.crosswalk import TABLE2_CROSSWALK, panel_key
    from gov_disclosure.dataframes import from_dataframe, to_dataframe, to_panel
    from gov_disclosure.diffing import Change, diff
    from gov_disclosure.errors import GovDisclosureError, LimitExceededError, ModelError, UnsafeInputError
    from gov_disclosure.examples import example_json, example_path, example_report_text, load_example
    from gov_disclosure.findings import Finding, Outcome, Severity, worst_severity
    from gov_disclosure.indicators import Indicator, Indicators, indicators
    from gov_disclosure.limits import Limits
    from gov_disclosure.loader import (
        NotAReportError,
        ReadResult,
        UnsupportedFormatError,
        UnsupportedInputError,
        load,
        load_all,
        read_text,
    )
    from gov_disclosure.model import (
        Cell,
        CellKey,
        CellKind,
        FormatVersion,
        Report,
        Sections,
        SourceInfo,
        SourceLocation,
        Table2,
        Table2_2019,
        Table3,
        Table4,
    )
    from gov_disclosure.narrative import NarrativeFact, check_facts, extract_facts, split_sections
    from gov_disclosure.parquet import read_parquet, write_parquet
    from gov_disclosure.records import CellRecord, from_records, records
    from gov_disclosure.registry import BlankPolicy
    from gov_disclosure.render import Damage, render_text
    from gov_disclosure.reuse import NarrativeReuse, narrative_reuse
    from gov_disclosure.serializers.json import JSONFormatError, dumps, json_schema, loads
    from gov_disclosure.serializers.xlsx import XlsxError, from_xlsx, to_xlsx
    from gov_disclosure.series import check_series
    from gov_disclosure.validation import validate

_EXPORTS: dict[str, tuple[str, ...]] = {
    "gov_disclosure.aggregation": ("Aggregate", "AggregationError", "MixedTable2Error", "aggregate", "compare_parent"),
    "gov_disclosure.compiled": ("compiled_modules",),
    "gov_disclosure.crosswalk": ("TABLE2_CROSSWALK", "panel_key"),
    "gov_disclosure.dataframes": ("from_dataframe", "to_dataframe", "to_panel"),
    "gov_disclosure.diffing": ("Change", "diff"),
    "gov_disclosure.errors": ("GovDisclosureError", "LimitExceededError", "ModelError", "UnsafeInputError"),
    "gov_disclosure.examples": ("example_json", "example_path", "example_report_text", "load_example"),
    "gov_disclosure.findings": ("Finding", "Outcome", "Severity", "worst_severity"),
    "gov_disclosure.indicators": ("Indicator", "Indicators", "indicators"),
    "gov_disclosure.limits": ("Limits",),
    "gov_disclosure.loader": (
        "NotAReportError",
        "ReadResult",
        "UnsupportedFormatError",
        "UnsupportedInputError",
        "load",
        "load_all",
        "read_text",
    ),
    "gov_disclosure.model": (
        "Cell",
        "CellKey",
        "CellKind",
        "FormatVersion",
        "Report",
        "Sections",
        "SourceInfo",
        "SourceLocation",
        "Table2",
        "Table2_2019",
        "Table3",
        "Table4",
    ),
    "gov_disclosure.narrative": ("NarrativeFact", "check_facts", "extract_facts", "split_sections"),
    "gov_disclosure.parquet": ("read_parquet", "write_parquet"),
    "gov_disclosure.records": ("CellRecord", "from_records", "records"),
    "gov_disclosure.registry": ("BlankPolicy",),
    "gov_disclosure.render": ("Damage", "render_text"),
    "gov_disclosure.reuse": ("NarrativeReuse", "narrative_reuse"),
    "gov_disclosure.serializers.json": ("JSONFormatError", "dumps", "json_schema", "loads"),
    "gov_disclosure.serializers.xlsx": ("XlsxError", "from_xlsx", "to_xlsx"),
    "gov_disclosure.series": ("check_series",),
    "gov_disclosure.validation": ("validate",),
}
"""The public names and the module each comes from: imported on first use, so that ``import gov_disclosure``
loads neither the whole library nor its heavy dependencies (openpyxl, lxml, …) until a name needs them."""

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str) -> object:
    """A public name, imported from its module on first use (PEP 562) and kept."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """This package's module type: a submodule never hides the public name it shares.

    Importing a submodule sets it as an attribute of its package; ``gov_disclosure.indicators`` (the module)
    would then stand where ``gov_disclosure.indicators`` (the function) is expected. Names of :data:`_EXPORTS`
    are bound only by :func:`__getattr__`.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _MODULE_OF and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "TABLE2_CROSSWALK",
    "Aggregate",
    "AggregationError",
    "BlankPolicy",
    "Cell",
    "CellKey",
    "CellKind",
    "CellRecord",
    "Change",
    "Damage",
    "Finding",
    "FormatVersion",
    "GovDisclosureError",
    "Indicator",
    "Indicators",
    "JSONFormatError",
    "LimitExceededError",
    "Limits",
    "MixedTable2Error",
    "ModelError",
    "NarrativeFact",
    "NarrativeReuse",
    "NotAReportError",
    "Outcome",
    "ReadResult",
    "Report",
    "Sections",
    "Severity",
    "SourceInfo",
    "SourceLocation",
    "Table2",
    "Table2_2019",
    "Table3",
    "Table4",
    "UnsafeInputError",
    "UnsupportedFormatError",
    "UnsupportedInputError",
    "XlsxError",
    "__version__",
    "aggregate",
    "check_facts",
    "check_series",
    "compare_parent",
    "compiled_modules",
    "diff",
    "dumps",
    "example_json",
    "example_path",
    "example_report_text",
    "extract_facts",
    "from_dataframe",
    "from_records",
    "from_xlsx",
    "indicators",
    "json_schema",
    "load",
    "load_all",
    "load_example",
    "loads",
    "narrative_reuse",
    "panel_key",
    "read_parquet",
    "read_text",
    "records",
    "render_text",
    "split_sections",
    "to_dataframe",
    "to_panel",
    "to_xlsx",
    "validate",
    "worst_severity",
    "write_parquet",
]
