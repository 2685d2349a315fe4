"""The ``gov-disclosure`` command. The only place that prints or exits.

Each command lives in its own module of this package and is added to :data:`main` below.
"""

from __future__ import annotations

import click

from gov_disclosure._version import __version__

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gov-disclosure")
def main() -> None:
    """Read, validate and compare 政府信息公开工作年度报告 (government information disclosure annual reports)."""


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
