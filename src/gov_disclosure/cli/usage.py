"""Usage errors of the ``gov-disclosure`` command exit with 4, never click's 2 (which means INCONSISTENCY here).

Light on purpose (click only): the command group is built from it before any command's module is imported.
"""

from __future__ import annotations

import click

__all__ = ["EXIT_UNREADABLE", "BadUsage", "CommandGroup", "UnreadableInputCommand"]

EXIT_UNREADABLE = 4
"""Exit code when the input cannot be read, or the command line is wrong."""


class BadUsage(click.UsageError):
    """A usage error that exits with 4 (like unreadable input), keeping 1–3 for findings."""

    exit_code = EXIT_UNREADABLE


class UnreadableInputCommand(click.Command):
    """A command whose usage errors exit with 4 rather than click's 2, also when it is run on its own."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise BadUsage(exc.format_message(), exc.ctx) from exc


class CommandGroup(click.Group):
    """The ``gov-disclosure`` group: every usage error — its own options, an unknown command, a command's options
    and arguments, a :class:`click.BadParameter` raised by a command — exits with 4."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.exit_code == EXIT_UNREADABLE:
                raise
            raise BadUsage(exc.format_message(), exc.ctx) from exc

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            if exc.exit_code == EXIT_UNREADABLE:
                raise
            raise BadUsage(exc.format_message(), exc.ctx) from exc
