"""``gov-disclosure reuse LAST THIS``: how much of this year's narrative repeats last year's.

Exit codes: 0 at most half of the narrative sentences repeated, 1 more than half (evaluators deduct points: format-spec
§5.5 rule 13), 4 unreadable input or a wrong command line.
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from typing import Any

import click

from gov_disclosure.cli.reading import read_or_fail
from gov_disclosure.cli.validate import UnreadableInputCommand
from gov_disclosure.reuse import EVALUATOR_LIMIT, NarrativeReuse, narrative_reuse
from gov_disclosure.serializers.json import SCHEMA_VERSION

__all__ = ["reuse_command"]


def _fraction(ctx: click.Context, param: click.Parameter, text: str) -> Fraction:
    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise click.BadParameter(f"{text!r} is not a number", ctx=ctx, param=param) from None
    if not 0 < value <= 1:
        raise click.BadParameter(f"{text} is not in (0, 1]", ctx=ctx, param=param)
    return value


def _percent(ratio: Fraction | None) -> str:
    return "—" if ratio is None else f"{float(ratio) * 100:.1f} %"


def _document(last: str, this: str, result: NarrativeReuse) -> dict[str, Any]:
    ratio = result.ratio
    return {
        "schema_version": SCHEMA_VERSION,
        "last": last,
        "this": this,
        "considered": result.considered,
        "repeated": result.repeated,
        "ratio": None if ratio is None else str(ratio),
        "share": None if ratio is None else float(ratio),
        "limit": str(EVALUATOR_LIMIT),
        "over_limit": result.over_limit,
        "threshold": str(Fraction(result.threshold)),
        "pairs": [
            {"current": p.current, "previous": p.previous, "similarity": str(p.similarity), "exact": p.exact}
            for p in result.pairs
        ],
    }


def _text(last: str, this: str, result: NarrativeReuse) -> str:
    verdict = (
        "no narrative sentence to compare"
        if result.ratio is None
        else "over the evaluators' 50 % limit (超过50%)" if result.over_limit else "within the evaluators' 50 % limit"
    )
    lines = [
        f"{this} vs {last}: {result.repeated} of {result.considered} narrative sentences repeated "
        f"({_percent(result.ratio)}): {verdict}"
    ]
    for pair in result.pairs:
        if pair.exact:
            lines.append(f"= {pair.current}")
        else:
            lines.append(f"≈ {float(pair.similarity):.2f} {pair.current}\n       last year: {pair.previous}")
    return "\n".join(lines)


@click.command("reuse", cls=UnreadableInputCommand)
@click.argument("last", type=click.Path(dir_okay=False))
@click.argument("this", type=click.Path(dir_okay=False))
@click.option("--threshold", default="0.8", show_default=True, callback=_fraction,
              help="Bigram similarity from which a sentence with the same numbers counts as a near repeat.")
@click.option("--min-length", type=click.IntRange(min=1), default=10, show_default=True,
              help="Ignore sentences shorter than this (characters, without spaces and punctuation).")
@click.option("--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Readable text or JSON.")
def reuse_command(last: str, this: str, threshold: Fraction, min_length: int, output: str) -> None:
    """Print the share of report THIS's narrative sentences repeated from report LAST (last year's), and which.

    Only narrative sentences count: table rows, headings and statutory boilerplate are left out; numbers are part of
    a sentence, the year it is dated by is not. Exit code: 0 at most 50 % repeated, 1 more, 4 unreadable input.
    """
    previous, current = read_or_fail(last).report, read_or_fail(this).report
    result = narrative_reuse(current, previous, threshold=threshold, min_length=min_length)
    if output == "json":
        click.echo(json.dumps(_document(last, this, result), ensure_ascii=False, indent=2))
    else:
        click.echo(_text(last, this, result))
    sys.exit(1 if result.over_limit else 0)
