"""Hypothesis strategies for :class:`~gov_disclosure.render.Damage` (needs the ``testing`` extra)."""

from __future__ import annotations

from typing import Literal

from hypothesis import strategies as st

from gov_disclosure.render.damage import SEPARATORS, Damage

__all__ = ["FORMS", "Form", "damages", "form_damages"]

Form = Literal["one-line-body", "column-major", "split-headers", "detached-labels"]
"""A real form of report text that :class:`~gov_disclosure.render.Damage` reproduces (issue 12)."""

FORMS: tuple[Form, ...] = ("one-line-body", "column-major", "split-headers", "detached-labels")


def damages(
    *, separators: tuple[str, ...] = SEPARATORS, max_page_breaks: int = 3, max_glued: int = 2
) -> st.SearchStrategy[Damage]:
    """Any damage: every option drawn independently, with a random seed.

    >>> from hypothesis import given
    >>> @given(damages(separators=("tab",)))
    ... def check(damage: Damage) -> None:
    ...     assert damage.separator == "tab"
    >>> check()
    """
    for separator in separators:
        if separator not in SEPARATORS:
            raise ValueError(f"unknown separator {separator!r}; expected some of {', '.join(SEPARATORS)}")
    width = st.sampled_from(("as-is", "full", "half"))
    return st.builds(
        _damage,
        seed=st.integers(min_value=0, max_value=2**32 - 1),
        separator=st.sampled_from(separators),
        page_breaks=st.integers(min_value=0, max_value=max_page_breaks),
        repeat_headers=st.booleans(),
        split_group_labels=st.booleans(),
        wrapped_labels=st.booleans(),
        vertical_labels=st.booleans(),
        spacing=st.booleans(),
        glued_digits=st.integers(min_value=0, max_value=max_glued),
        enumerator_commas=st.booleans(),
        width=width,
        markdown_headings=st.booleans(),
        line_width=st.none() | st.integers(min_value=12, max_value=40),
    )


def _damage(*, width: str, **options: object) -> Damage:
    return Damage(full_width=width == "full", half_width=width == "half", **options)  # type: ignore[arg-type]


def form_damages(form: Form) -> st.SearchStrategy[Damage]:
    """Damage giving the real form *form*, with the other damage that form is seen with, drawn at random.

    ``one-line-body``: a crawler's ``page.txt`` (``&nbsp;`` spaces, ``1、``, half- or full-width forms);
    ``column-major``: pdfminer's text (one cell or several words per line, 表四's header in pieces, spaces between
    digits and CJK, hard-wrapped narrative); ``split-headers``: pypdf's text (any separator, page breaks, wrapped and
    vertical labels); ``detached-labels``: a markdown conversion (``#`` headings).

    >>> from hypothesis import given
    >>> @given(form_damages("column-major"))
    ... def check(damage: Damage) -> None:
    ...     assert damage.column_major and damage.separator in ("space", "cell-per-line")
    >>> check()
    """
    seed = st.integers(min_value=0, max_value=2**32 - 1)
    width = st.sampled_from(("as-is", "full", "half"))
    if form == "one-line-body":
        return st.builds(
            _damage, seed=seed, one_line_body=st.just(True), nbsp_spaces=st.booleans(),
            enumerator_commas=st.booleans(), width=width,
        )  # fmt: skip
    if form == "column-major":
        return st.builds(
            _damage, seed=seed, column_major=st.just(True), separator=st.sampled_from(("space", "cell-per-line")),
            split_headers=st.booleans(), spacing=st.booleans(), width=st.just("as-is"),
            line_width=st.none() | st.integers(min_value=12, max_value=40),
        )  # fmt: skip
    if form == "split-headers":
        return st.builds(
            _damage, seed=seed, split_headers=st.just(True), separator=st.sampled_from(SEPARATORS),
            page_breaks=st.integers(min_value=0, max_value=2), repeat_headers=st.booleans(),
            wrapped_labels=st.booleans(), vertical_labels=st.booleans(), width=st.just("as-is"),
        )  # fmt: skip
    if form == "detached-labels":
        return st.builds(
            _damage, seed=seed, detached_labels=st.just(True), separator=st.just("markdown"),
            markdown_headings=st.booleans(), width=st.just("as-is"),
        )  # fmt: skip
    raise ValueError(f"unknown form {form!r}; expected one of {', '.join(FORMS)}")
