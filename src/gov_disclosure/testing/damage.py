"""Hypothesis strategies for :class:`~gov_disclosure.render.Damage` (needs the ``testing`` extra)."""

from __future__ import annotations

from hypothesis import strategies as st

from gov_disclosure.render.damage import SEPARATORS, Damage

__all__ = ["damages"]


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
