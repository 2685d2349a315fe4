"""Tables for people: aligned text, or a rich table when the output is a terminal and rich is installed.

rich is imported only when a table is drawn on a terminal, never when the CLI starts.
"""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Sequence

__all__ = ["aligned", "table_text", "to_terminal"]


def _width(text: str) -> int:
    """Columns *text* takes in a terminal: CJK characters are two wide."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def aligned(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells (the first is the header) as aligned text; Chinese characters are two columns wide.

    >>> print(aligned([["指标", "VALUE"], ["公开率", "0.5954"]]))
    指标    VALUE
    公开率  0.5954
    """
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def to_terminal() -> bool:
    """True when standard output is a terminal and rich is installed: draw tables with rich."""
    if not sys.stdout.isatty():
        return False
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


def table_text(title: str, rows: Sequence[Sequence[str]], *, terminal: bool) -> str:
    """*title* and *rows* (the first is the header): a rich table when *terminal*, else a title line and aligned text.

    >>> print(table_text("t", [["A", "B"], ["1", "2"]], terminal=False))
    t
    A  B
    1  2
    """
    if not terminal:
        return f"{title}\n{aligned(rows)}"
    from rich.console import Console
    from rich.table import Table

    table = Table(*rows[0], title=title, title_justify="left")
    for row in rows[1:]:
        table.add_row(*row)
    out = io.StringIO()
    Console(file=out, force_terminal=True, width=shutil.get_terminal_size().columns).print(table)
    return out.getvalue().rstrip("\n")
