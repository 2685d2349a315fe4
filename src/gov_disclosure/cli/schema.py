"""``gov-disclosure schema``: print (or write) the JSON Schema of report documents."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["schema"]


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) that every report document satisfies."""
    from gov_disclosure.serializers.json import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
