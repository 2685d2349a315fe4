"""One problem, one finding: identities left undecidable by rows reading could not read are gathered, not listed."""

from __future__ import annotations

from gov_disclosure import load_example, read_text
from gov_disclosure.findings import Outcome
from gov_disclosure.render import render_text


def _without(*labels: str) -> str:
    return "\n".join(line for line in render_text(load_example()).split("\n") if not any(lab in line for lab in labels))


def test_a_missing_row_gives_one_finding_for_the_checks_it_leaves_undecided() -> None:
    result = read_text(_without("二、上年结转"))
    codes = [f.code for f in result.findings]
    assert codes.count("READ.ROW_MISSING") == 1
    gathered = [f for f in result.findings if f.code == "ROW.UNDECIDABLE"]
    assert len(gathered) == 1
    assert gathered[0].table == "table3"
    assert "T3.BALANCE×7" in gathered[0].message
    assert {c.row for c in gathered[0].cells} == {"carried_over"}
    # no identity is reported undecidable on its own
    assert not [f for f in result.findings if f.code.startswith("T3.") and f.outcome is Outcome.UNDECIDABLE]


def test_many_missing_rows_give_one_finding_for_the_table() -> None:
    result = read_text(_without("1.属于国家秘密", "2.其他法律行政法规", "2.重复申请"))
    gathered = [f for f in result.findings if f.code == "ROW.UNDECIDABLE"]
    assert len(gathered) == 1
    assert gathered[0].row is None
    assert {c.row for c in gathered[0].cells} == {
        "denied_state_secret",
        "denied_law_prohibited",
        "not_processed_repeat",
    }
    assert "T3.RESULTS_SUM×7" in gathered[0].message
