"""Shared by ``parse`` and ``check``: read a file through :func:`gov_disclosure.loader.load`, exit 4 if unreadable."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gov_disclosure.cli.findings_output import EXIT_UNREADABLE
from gov_disclosure.errors import GovDisclosureError

if TYPE_CHECKING:
    from gov_disclosure.loader import ReadResult

__all__ = ["read_or_fail", "read_or_none"]


def read_or_none(path: str) -> tuple[ReadResult | None, str | None]:
    """The result of reading *path*, or None and the reason it could not be read (without the path)."""
    from gov_disclosure.batch import without_path
    from gov_disclosure.limits import Limits
    from gov_disclosure.loader import load

    context = click.get_current_context(silent=True)
    limits = context.find_object(Limits) if context is not None else None  # ``--limit`` given to the command
    try:
        return load(path, limits=limits), None
    except GovDisclosureError as exc:
        return None, without_path(str(exc), path)
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}"


def read_or_fail(path: str) -> ReadResult:
    """The result of reading *path*; prints the reason and exits with 4 when it cannot be read."""
    result, error = read_or_none(path)
    if result is None:
        click.echo(f"gov-disclosure: error: {path}: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    return result
