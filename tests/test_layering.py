"""The layering of the package: lower layers never import higher ones (model-codebases.md, proposed layout)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gov_disclosure"

# module prefix -> package prefixes it may never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "gov_disclosure.model": (
        "gov_disclosure.findings",
        "gov_disclosure.registry",
        "gov_disclosure.parsing",
        "gov_disclosure.validation",
        "gov_disclosure.serializers",
        "gov_disclosure.readers",
        "gov_disclosure.formats",
        "gov_disclosure.loader",
        "gov_disclosure.cli",
        "gov_disclosure.testing",
    ),
    "gov_disclosure.findings": ("gov_disclosure.registry", "gov_disclosure.validation", "gov_disclosure.cli"),
    "gov_disclosure.registry": ("gov_disclosure.validation", "gov_disclosure.parsing", "gov_disclosure.cli"),
    "gov_disclosure.validation": (
        "gov_disclosure.parsing",
        "gov_disclosure.readers",
        "gov_disclosure.formats",
        "gov_disclosure.serializers",
        "gov_disclosure.loader",
        "gov_disclosure.cli",
    ),
    "gov_disclosure.serializers": ("gov_disclosure.validation", "gov_disclosure.loader", "gov_disclosure.cli"),
    "gov_disclosure.parsing": ("gov_disclosure.validation", "gov_disclosure.serializers", "gov_disclosure.cli"),
}
ONLY_IN_CLI = ("click", "rich")


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _imports(path: Path, module: str) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                yield ".".join([*base, node.module] if node.module else base)
            elif node.module:
                yield node.module


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize(("module", "path"), list(_modules()), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_module_respects_layers(module: str, path: Path) -> None:
    """No module imports a layer above its own, and only the CLI imports click/rich."""
    imported = list(_imports(path, module))
    for prefix, forbidden in FORBIDDEN.items():
        if _under(module, prefix):
            bad = [name for name in imported if any(_under(name, f) for f in forbidden)]
            assert not bad, f"{module} imports {bad}"
    if not _under(module, "gov_disclosure.cli"):
        bad = [name for name in imported if any(_under(name, lib) for lib in ONLY_IN_CLI)]
        assert not bad, f"{module} imports {bad}: only gov_disclosure.cli may"
