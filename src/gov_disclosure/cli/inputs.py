"""Read a report for a command: a JSON document, or any input form :mod:`gov_disclosure.loader` reads.

Unreadable input ends the command with exit code 4 and a one-line message, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE
from gov_disclosure.errors import GovDisclosureError
from gov_disclosure.model.report import Report
from gov_disclosure.serializers.json import JSONFormatError, loads

__all__ = ["fail", "read_report", "read_reports"]


def fail(message: str) -> None:
    """Print ``gov-disclosure: error: …`` and exit with 4 (unreadable input)."""
    click.echo(f"gov-disclosure: error: {message}", err=True)
    sys.exit(EXIT_UNREADABLE)


def _looks_like_json(path: Path) -> bool:
    if path.suffix.lower() == ".json":
        return True
    with path.open("rb") as handle:
        return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _loader() -> Any:
    try:
        return importlib.import_module("gov_disclosure.loader")
    except ImportError:
        return None


def read_report(name: str) -> Report:
    """The report in file *name* (``-`` = a JSON document on stdin); exits with 4 when it cannot be read."""
    try:
        if name == "-":
            return loads(sys.stdin.read())
        path = Path(name)
        if _looks_like_json(path):
            return loads(path.read_bytes())
        loader = _loader()
        if loader is None:
            fail(f"{name}: not a JSON report document (reading other forms needs gov_disclosure.loader)")
        report: Report = loader.load(path)
        return report
    except JSONFormatError as exc:
        fail(f"{name}: {exc}")
    except GovDisclosureError as exc:
        fail(f"{name}: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}")
    raise AssertionError("unreachable")  # pragma: no cover - fail exits


def read_reports(names: tuple[str, ...]) -> tuple[Report, ...]:
    """The reports in files *names*, in order."""
    return tuple(read_report(name) for name in names)
