"""Regenerate the built-in golden cases from known reports (the expected JSON is the *source* report, not output).

Run from the checkout: ``.venv/bin/python tests/golden/make_golden.py``.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import attrs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from gov_disclosure.serializers.json import dumps  # noqa: E402
from gov_disclosure.testing import random_report  # noqa: E402
from layout_grids import report_docx, report_html  # noqa: E402

KEYS = ("format_version", "agency", "report_year", "table2", "table2_2019", "table3", "table4")


def _expected(report: object) -> str:
    document = json.loads(dumps(report))  # type: ignore[arg-type]
    return json.dumps({k: document[k] for k in KEYS if k in document}, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    """Write the cases."""
    soup = attrs.evolve(random_report(random.Random(2019), "2019"), agency="某市某局", report_year=2020)
    (HERE / "soup-2019.html").write_bytes(report_html(soup, soup=True, split_table2=True).encode("gbk"))
    (HERE / "soup-2019.expected.json").write_text(_expected(soup), encoding="utf-8")
    (HERE / "soup-2019.findings.json").write_text("[]\n", encoding="utf-8")
    merged = attrs.evolve(random_report(random.Random(2021), "2021"), agency="某区某局", report_year=2023)
    (HERE / "merged-2021.docx").write_bytes(report_docx(merged))
    (HERE / "merged-2021.expected.json").write_text(_expected(merged), encoding="utf-8")
    (HERE / "merged-2021.findings.json").write_text("[]\n", encoding="utf-8")


if __name__ == "__main__":
    main()
