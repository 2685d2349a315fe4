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
        "gov_disclosure.narrative",
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
    "gov_disclosure.parsing": (
        "gov_disclosure.validation",
        "gov_disclosure.serializers",
        "gov_disclosure.cli",
        "gov_disclosure.formats",
        "gov_disclosure.readers",
        "gov_disclosure.loader",
        "gov_disclosure.narrative",
    ),
    "gov_disclosure.narrative": (
        "gov_disclosure.validation",
        "gov_disclosure.serializers",
        "gov_disclosure.readers",
        "gov_disclosure.formats",
        "gov_disclosure.loader",
        "gov_disclosure.cli",
    ),
    "gov_disclosure.reconcile": (
        "gov_disclosure.parsing",
        "gov_disclosure.readers",
        "gov_disclosure.formats",
        "gov_disclosure.serializers",
        "gov_disclosure.loader",
        "gov_disclosure.cli",
    ),
    "gov_disclosure.readers": (
        "gov_disclosure.validation",
        "gov_disclosure.formats",
        "gov_disclosure.loader",
        "gov_disclosure.cli",
        "gov_disclosure.serializers",
    ),
    "gov_disclosure.formats": ("gov_disclosure.loader", "gov_disclosure.cli"),
    "gov_disclosure.loader": ("gov_disclosure.cli", "gov_disclosure.testing"),
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


def _runtime_imports(path: Path, module: str, modules: set[str]) -> Iterator[str]:
    """The package modules that importing *module* imports at once: its module-level imports, not those inside
    functions (run when called) nor those under ``if TYPE_CHECKING:`` (never run).

    ``from a.b import c`` imports ``a.b``, and ``a.b.c`` too when that is a module.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend(node.orelse)
        elif isinstance(node, ast.If):
            pending.extend([*node.body, *node.orelse])
        elif isinstance(node, ast.Try):
            pending.extend([*node.body, *node.orelse, *node.finalbody, *(s for h in node.handlers for s in h.body)])
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            source = ".".join([*base, node.module] if node.module else base)
            if source in modules:
                yield source
            yield from (f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in modules)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports at module level, less its own parent packages (a submodule
    importing its package's ``__init__`` is how a package re-exports, not a cycle)."""
    paths = dict(_modules())
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        parents = {module.rsplit(".", n)[0] for n in range(1, module.count(".") + 1)}
        graph[module] = set(_runtime_imports(path, module, set(paths))) - parents - {module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycles_are_found() -> None:
    """The cycle search finds a cycle and leaves a chain alone."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_runtime_imports_are_those_run_on_import(tmp_path: Path) -> None:
    """Module-level imports count (inside ``if``/``try`` too, a submodule named by ``from`` too); imports inside
    functions and under ``if TYPE_CHECKING:`` do not."""
    path = tmp_path / "m.py"
    path.write_text(
        "from typing import TYPE_CHECKING\n"
        "import p.a\n"
        "from p.b import name, sub\n"
        "from . import c\n"
        "try:\n    import p.d\nexcept ImportError:\n    pass\n"
        "if TYPE_CHECKING:\n    import p.e\n"
        "def f():\n    import p.f\n",
        encoding="utf-8",
    )
    modules = {"p", "p.a", "p.b", "p.b.sub", "p.c", "p.d", "p.e", "p.f"}
    assert sorted(_runtime_imports(path, "p.m", modules)) == ["p", "p.a", "p.b", "p.b.sub", "p.c", "p.d"]


def test_no_import_cycle() -> None:
    """No two modules of the package import each other, directly or through others, when imported."""
    assert _cycles(_import_graph()) == []
