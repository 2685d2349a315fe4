"""Import cost: ``import gov_disclosure`` and ``gov-disclosure --help`` load no heavy optional dependency.

Issue 14: openpyxl, lxml, the PDF engines, python-docx, jinja2, rich, PIL, pandas, pyarrow and dask load only when a
form or command needs them; so do the OCR engine and what it brings (numpy, OpenCV, ONNX Runtime: issue 17). Each
check runs in a fresh interpreter, since this test process has imported them all.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import gov_disclosure

SOURCE = Path(__file__).resolve().parents[1] / "src"
_ENV = {**os.environ, "PYTHONPATH": str(SOURCE)}  # this checkout's sources, whatever is installed

HEAVY = (
    "openpyxl",
    "lxml",
    "pypdfium2",
    "pdfplumber",
    "pdfminer",
    "docx",
    "jinja2",
    "rich",
    "PIL",
    "pandas",
    "pyarrow",
    "dask",
    "numpy",
    "cv2",
    "onnxruntime",
    "rapidocr_onnxruntime",
)


def _loaded_after(code: str) -> list[str]:
    """The top-level packages of :data:`HEAVY` in ``sys.modules`` after a fresh interpreter runs *code*."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.partition('.')[0] for m in sys.modules}})))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=_ENV, check=True)
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    return sorted(loaded.intersection(HEAVY))


def test_the_probe_sees_a_heavy_import() -> None:
    """The probe itself works: importing the XLSX writer loads openpyxl (else the tests below prove nothing)."""
    assert "openpyxl" in _loaded_after("import gov_disclosure.serializers.xlsx.write")


def test_import_loads_no_heavy_dependency() -> None:
    assert _loaded_after("import gov_disclosure") == []


def test_reading_a_text_report_loads_no_heavy_dependency() -> None:
    code = (
        "import gov_disclosure as gd\n"
        "result = gd.read_text(gd.example_report_text())\n"
        "assert not gd.validate(result.report)\n"
    )
    assert _loaded_after(code) == []


def test_cli_help_loads_no_heavy_dependency() -> None:
    code = (
        "from click.testing import CliRunner\nfrom gov_disclosure.cli import main\n"
        "for args in (['--help'], ['check', '--help'], ['export', '--help']):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0\n"
    )
    assert _loaded_after(code) == []


def test_cli_check_of_a_text_loads_no_heavy_dependency(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(gov_disclosure.example_report_text(), encoding="utf-8")
    code = (
        "from click.testing import CliRunner\nfrom gov_disclosure.cli import main\n"
        f"assert CliRunner().invoke(main, ['check', {str(report)!r}]).exit_code == 0\n"
    )
    assert _loaded_after(code) == []


def test_cli_help_does_not_load_the_readers() -> None:
    """``--help`` builds the commands only: the loader (and every reader behind it) waits for a command to run."""
    code = (
        "from click.testing import CliRunner\nfrom gov_disclosure.cli import main\n"
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0\n"
    )
    probe = f"{code}\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith('gov_disclosure.')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=_ENV, check=True)
    loaded = ast.literal_eval(done.stdout.splitlines()[-1])
    assert not [m for m in loaded if m.startswith(("gov_disclosure.loader", "gov_disclosure.readers"))]


@pytest.mark.parametrize("name", gov_disclosure.__all__)
def test_every_public_name_resolves_to_its_module(name: str) -> None:
    value = getattr(gov_disclosure, name)
    if name != "__version__":
        module = sys.modules[gov_disclosure._MODULE_OF[name]]
        assert value is getattr(module, name)


def test_the_lazy_table_and_the_typing_imports_agree() -> None:
    """The names mypy sees (the ``TYPE_CHECKING`` imports) are the names :data:`gov_disclosure._EXPORTS` imports."""
    tree = ast.parse((SOURCE / "gov_disclosure" / "__init__.py").read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    typed = {
        node.module: tuple(alias.name for alias in node.names)
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert typed == gov_disclosure._EXPORTS
    assert sorted(gov_disclosure._MODULE_OF) == sorted(set(gov_disclosure.__all__) - {"__version__"})


def test_a_submodule_never_hides_the_function_of_the_same_name() -> None:
    """``gov_disclosure.indicators`` is the function even after the module ``gov_disclosure.indicators`` loads."""
    code = (
        "import importlib, sys\nimport gov_disclosure as gd\n"
        "importlib.import_module('gov_disclosure.indicators')\n"
        "assert gd.indicators is sys.modules['gov_disclosure.indicators'].indicators, gd.indicators\n"
    )
    subprocess.run([sys.executable, "-c", code], env=_ENV, check=True)


def test_dir_lists_the_public_names() -> None:
    assert set(gov_disclosure.__all__) <= set(dir(gov_disclosure))
