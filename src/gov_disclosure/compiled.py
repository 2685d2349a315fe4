"""Which of the library's modules run compiled: a wheel built with the mypyc build hook (pyproject.toml) ships the
reader's hot modules as C extensions beside their source, an sdist or editable install runs them as Python. Both
read alike (``python3 dev.py test`` runs the suite on each); the compiled ones read about a fifth faster (docs:
"Performance")."""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

__all__ = ["compiled_modules"]


def compiled_modules() -> tuple[str, ...]:
    """The names of the library's modules that are C extensions (compiled by mypyc), sorted; empty for a pure-Python
    install.

    >>> all(name.startswith("gov_disclosure.") for name in compiled_modules())
    True
    """
    package = Path(__file__).resolve().parent
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    names = []
    for path in package.rglob("*"):
        if path.name.endswith(suffixes):
            stem = path.name.split(".", 1)[0]
            names.append(".".join(("gov_disclosure", *path.parent.relative_to(package).parts, stem)))
    return tuple(sorted(names))
