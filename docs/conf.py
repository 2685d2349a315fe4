"""Sphinx configuration."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from gov_disclosure import __version__

project = "gov_disclosure"
author = "gov_disclosure developers"
copyright = "2026, gov_disclosure developers"  # noqa: A001 - Sphinx's own name
release = __version__
version = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "xlsx_picture",  # docs/_ext: renders the workbook picture of spreadsheets.md where LibreOffice is installed
    "check_report_picture",  # docs/_ext: the picture of check-report.md where Chromium and Playwright are installed
]
sys.path.insert(0, str(Path(__file__).parent / "_ext"))
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_generated"]  # _generated/ holds included fragments
html_theme = "furo"
html_title = f"gov_disclosure {version}"
language = "en"

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = True
nitpicky = False
doctest_global_setup = """
import gov_disclosure
try:  # the "Building a panel" page queries a Parquet file with DuckDB when it is installed
    import duckdb
except ImportError:
    duckdb = None
"""
# Docstring examples run under pytest --doctest-modules; Sphinx runs the {doctest} blocks of the guides.
doctest_test_doctest_blocks = ""
suppress_warnings = ["config.cache"]


def _write_rule_catalogue(app: Any) -> None:
    """Generate the rule catalogue that rules.md includes, from the registry (never edited by hand)."""
    from gov_disclosure.validation import write_catalogue

    write_catalogue(Path(app.srcdir) / "_generated" / "rules.md")


def setup(app: Any) -> None:
    """Sphinx extension hooks of this project."""
    app.connect("builder-inited", _write_rule_catalogue)
