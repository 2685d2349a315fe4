"""Shared fixtures: where the real reports beside the checkout live."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
"""``../shared`` beside the checkout, as in CI."""

settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; skips the test when it is absent, fails under ``CI=true``."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent (the real reports live in ../shared beside the checkout)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture
def seeds_dir() -> Path:
    """``../shared/seeds``: five real reports as extracted text."""
    return shared_path("seeds")


@pytest.fixture
def huaian_pdf() -> Path:
    """``../shared/real/huaian-city-2024.pdf``: a real published PDF report."""
    return shared_path("real", "huaian-city-2024.pdf")


@pytest.fixture
def without_ocr_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``ocr`` extra as if it were not installed: its engine cannot be imported."""
    from gov_disclosure.ocr import engine

    def missing() -> engine.Engine:
        raise ModuleNotFoundError("No module named 'rapidocr_onnxruntime'", name="rapidocr_onnxruntime")

    monkeypatch.setattr(engine, "_loaded", missing)
