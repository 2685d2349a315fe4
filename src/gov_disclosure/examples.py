"""Example reports bundled with the package under ``gov_disclosure/data/examples``: each as a JSON document
(``.json``) and as report text in the official layout (``.txt``, rendered from the JSON by
``scripts/make_example_text.py``).

``huaian-2024``: 淮安市人民政府 2024年政府信息公开工作年度报告 (2021 format), every table cell transcribed from
the published PDF; it satisfies every accounting identity (format-spec §2.4).

>>> report = load_example()
>>> report.agency, report.report_year, report.format_version
('淮安市人民政府', 2024, '2021')
>>> report.table3.new_received.total.value, report.table4.review.total.value
(3119, 351)
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING, Literal

from gov_disclosure.model.report import Report
from gov_disclosure.serializers.json import loads

if TYPE_CHECKING:
    from importlib.abc import Traversable

__all__ = ["EXAMPLES", "ExampleForm", "example_json", "example_path", "example_report_text", "load_example"]

ExampleForm = Literal["json", "txt"]
"""The bundled forms of an example: its JSON document or its report text."""

EXAMPLES: tuple[str, ...] = ("huaian-2024",)
"""The names of the bundled examples."""


def example_path(name: str = "huaian-2024", *, form: ExampleForm = "json") -> Traversable:
    """The bundled JSON document called *name* (a :class:`pathlib.Path` when the package is installed as files).

    >>> example_path().name
    'huaian-2024.json'
    >>> example_path("nowhere-1999")
    Traceback (most recent call last):
    ...
    KeyError: "unknown example 'nowhere-1999'; available: huaian-2024"
    """
    if name not in EXAMPLES:
        raise KeyError(f"unknown example {name!r}; available: {', '.join(EXAMPLES)}")
    return files("gov_disclosure").joinpath("data").joinpath("examples").joinpath(f"{name}.{form}")


def example_json(name: str = "huaian-2024") -> str:
    """The JSON document of the bundled example *name*."""
    text: str = example_path(name).read_text(encoding="utf-8")
    return text


def example_report_text(name: str = "huaian-2024") -> str:
    """The bundled example *name* as report text, the input the text reader expects.

    >>> example_report_text().splitlines()[0]
    '淮安市人民政府2024年政府信息公开工作年度报告'
    """
    text: str = example_path(name, form="txt").read_text(encoding="utf-8")
    return text


def load_example(name: str = "huaian-2024") -> Report:
    """The bundled example *name* as a :class:`~gov_disclosure.model.Report`."""
    return loads(example_json(name))
