"""The ``gov-disclosure`` command. The only place that prints or exits.

Each command lives in its own module of this package and is added to :data:`main` below. A command module imports
at its top only what its options need (click, :class:`~gov_disclosure.registry.BlankPolicy`); the library parts a
command runs are imported inside it, so that ``gov-disclosure --help`` starts without loading the readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gov_disclosure._version import __version__
from gov_disclosure.cli.usage import CommandGroup

if TYPE_CHECKING:
    from gov_disclosure.limits import Limits

__all__ = ["main"]


def _limits(ctx: click.Context, param: click.Parameter, options: tuple[str, ...]) -> Limits:
    from gov_disclosure.limits import Limits

    try:
        return Limits.from_options(options)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gov-disclosure")
@click.option(
    "--limit",
    "limits",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_limits,
    help="Raise (or lower) a safety limit for reading every input, e.g. --limit max_pdf_pages=500 "
    "(repeatable; the limits are the fields of gov_disclosure.limits.Limits).",
)
@click.pass_context
def main(ctx: click.Context, limits: Limits) -> None:
    """Read, validate and compare 政府信息公开工作年度报告 (government information disclosure annual reports)."""
    ctx.obj = limits


from gov_disclosure.cli.validate import validate  # noqa: E402

main.add_command(validate)

from gov_disclosure.cli.schema import schema  # noqa: E402

main.add_command(schema)

from gov_disclosure.cli.compare import aggregate_command, diff_command, series_command  # noqa: E402

main.add_command(diff_command)
main.add_command(aggregate_command)
main.add_command(series_command)

from gov_disclosure.cli.parse import parse  # noqa: E402

main.add_command(parse)

from gov_disclosure.cli.check import check  # noqa: E402

main.add_command(check)

from gov_disclosure.cli.export import export  # noqa: E402

main.add_command(export)

from gov_disclosure.cli.indicators import indicators_command  # noqa: E402

main.add_command(indicators_command)

from gov_disclosure.cli.reuse import reuse_command  # noqa: E402

main.add_command(reuse_command)
from gov_disclosure.cli.show import show  # noqa: E402

main.add_command(show)
