"""XLSX workbooks of reports: the official form of tables 二, 三, 四 per report, plus a long ``cells`` sheet.

:func:`to_xlsx` writes one sheet per report laid out as the official form of its format (2019 试行 or 2021),
then the sheets ``cells`` (one row per cell, for pandas / DuckDB / pivot tables), ``reports`` and ``sections``.
:func:`from_xlsx` reads such a workbook back to equal reports — and also reads workbooks filled in by hand,
finding tables and rows by their labels.

>>> import io
>>> from gov_disclosure.model import Report, Table4
>>> report = Report(format_version="2021", agency="某局", report_year=2022,
...                 table4=Table4.from_rows({"review": [1, 0, 0, 1, 2]}))
>>> book = io.BytesIO()
>>> to_xlsx([report], book)
>>> from_xlsx(book) == (report,)
True
"""

from gov_disclosure.serializers.xlsx.errors import (
    DamagedWorkbookError,
    NotAWorkbookError,
    SheetNotFoundError,
    TableNotFoundError,
    UnsafeWorkbookError,
    WorkbookLimitError,
    XlsxError,
    XlsxLayoutError,
)
from gov_disclosure.serializers.xlsx.limits import XlsxLimits
from gov_disclosure.serializers.xlsx.read import SheetReport, XlsxReading, from_cells_sheet, from_xlsx, read_xlsx
from gov_disclosure.serializers.xlsx.write import to_xlsx, workbook_of

__all__ = [
    "DamagedWorkbookError",
    "NotAWorkbookError",
    "SheetNotFoundError",
    "SheetReport",
    "TableNotFoundError",
    "UnsafeWorkbookError",
    "WorkbookLimitError",
    "XlsxError",
    "XlsxLayoutError",
    "XlsxLimits",
    "XlsxReading",
    "from_cells_sheet",
    "from_xlsx",
    "read_xlsx",
    "to_xlsx",
    "workbook_of",
]
