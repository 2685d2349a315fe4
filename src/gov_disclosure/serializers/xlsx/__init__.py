"""XLSX workbooks of reports: the official form of tables 二, 三, 四 per report, plus a long ``cells`` sheet.

The reader is still being written; :func:`to_xlsx` is ready.
"""

from gov_disclosure.serializers.xlsx.errors import (
    NotAWorkbookError,
    SheetNotFoundError,
    TableNotFoundError,
    UnsafeWorkbookError,
    XlsxError,
    XlsxLayoutError,
)
from gov_disclosure.serializers.xlsx.limits import XlsxLimits
from gov_disclosure.serializers.xlsx.write import to_xlsx, workbook_of

__all__ = [
    "NotAWorkbookError",
    "SheetNotFoundError",
    "TableNotFoundError",
    "UnsafeWorkbookError",
    "XlsxError",
    "XlsxLayoutError",
    "XlsxLimits",
    "to_xlsx",
    "workbook_of",
]
