"""Sphinx configuration."""

from __future__ import annotations

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
]
myst_enable_extensions = ["colon_fence", "deflist"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"gov_disclosure {version}"
language = "en"

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = True
nitpicky = False
doctest_global_setup = "import gov_disclosure"
# Docstring examples run under pytest --doctest-modules; Sphinx runs the {doctest} blocks of the guides.
doctest_test_doctest_blocks = ""
suppress_warnings = ["config.cache"]
