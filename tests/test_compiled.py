"""The modules pyproject's mypyc build hook compiles: they exist, their classes are the ones mypyc compiles, and in
the run of the suite on the compiled copy (``python3 dev.py test`` sets ``GOV_DISCLOSURE_COMPILED=1`` and puts
``build/native`` first on the path) they are the ones imported — the suite then tests what a compiled wheel ships."""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import re
import sys
from pathlib import Path

import attrs
import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]
COMPILED_RUN = os.environ.get("GOV_DISCLOSURE_COMPILED") == "1"


def _listed() -> list[str]:
    """The module names of the hook's ``include`` (``/src/gov_disclosure/parsing/lines.py`` →
    ``gov_disclosure.parsing.lines``)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]
    assert hook["enable-by-default"] is False  # an sdist or editable install stays pure Python
    return [path.removeprefix("/src/").removesuffix(".py").replace("/", ".") for path in hook["include"]]


MODULES = _listed()


@pytest.mark.parametrize("name", MODULES)
def test_a_listed_module_is_compiled_exactly_in_the_compiled_run(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    compiled = module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    assert compiled == COMPILED_RUN, module.__file__


@pytest.mark.parametrize("name", MODULES)
def test_the_attrs_classes_of_a_listed_module_are_attr_s_classes(name: str) -> None:
    """mypyc compiles a mutable attrs class written ``@attr.s(auto_attribs=True)`` into a native class that keeps
    attrs' ``__eq__`` and ``__repr__`` (not with ``slots=True``, whose new class loses them; ``init=False`` for one
    whose ``__init__`` is written out, compiled natively); a frozen one stays a
    Python class (``@mypyc_attr(native_class=False)``: attrs' frozen ``__init__`` needs what a native class lacks).
    ``define``'s and ``frozen``'s ``field(factory=…)`` are taken for class attributes of the wrong type, and the
    module fails when it is imported. Every attrs class of a compiled module is so written, and is whole: equal to
    compared and shown by its fields (attrs' ``__eq__`` and ``__repr__``)."""
    module = importlib.import_module(name)
    source = (ROOT / "src" / Path(*name.split("."))).with_suffix(".py").read_text(encoding="utf-8")
    classes = [value for value in vars(module).values() if attrs.has(value) and value.__module__ == name]
    for cls in classes:
        mutable = rf"^@attr\.s\(auto_attribs=True(?:, init=False)?\)\nclass {cls.__name__}\b"
        frozen = r"^@mypyc_attr\(native_class=False\)\n@attr\.s\(auto_attribs=True, slots=True, frozen=True[^\n]*\)\n"
        assert re.search(mutable, source, re.M) or re.search(rf"{frozen}class {cls.__name__}\b", source, re.M), cls
        assert {"__eq__", "__repr__"} <= set(vars(cls)), cls  # attrs' own, not object's
    assert "from attrs import" not in source


def test_the_text_lines_written_out_init_takes_every_field_attrs_would() -> None:
    """:class:`~gov_disclosure.parsing.lines.TextLine` writes its ``__init__`` out (compiled, a native one is five
    times as fast): it takes every field attrs' would take, by the same name, with the same defaults."""
    from gov_disclosure.parsing.lines import TextLine

    fields = [field for field in attrs.fields(TextLine) if field.init]
    given: dict[str, object] = {
        "text": "规章\t1",
        "number": 7,
        "start": 10,
        "end": 14,
        "path": "a.txt",
        "cut": True,
        "glued_on": True,
        "joins": (3,),
    }
    assert [field.alias for field in fields] == list(given)
    line = TextLine(text="规章\t1", number=7, start=10, end=14, path="a.txt", cut=True, glued_on=True, joins=(3,))
    assert {field.name: getattr(line, field.name) for field in fields} == given
    plain = TextLine("规章", 1, 0, 2)
    defaults = {field.name: field.default for field in fields if field.default is not attrs.NOTHING}
    assert defaults == {"path": None, "cut": False, "glued_on": False, "joins": ()}
    assert {name: getattr(plain, name) for name in defaults} == defaults
    assert line == TextLine("规章\t1", 7, 10, 14, "a.txt", True, True, (3,)) != plain
    assert repr(plain) == (
        "TextLine(text='规章', number=1, start=0, end=2, path=None, cut=False, glued_on=False, joins=())"
    )
