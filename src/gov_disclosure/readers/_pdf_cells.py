"""Which characters fall in which ruled cell: a character belongs to a cell when its centre is inside the cell's box
(edges included).

A table of 200 cells on a page of 3,000 characters asked every character for every cell: 600,000 tests per page.
:class:`CharIndex` sorts the characters' centres once by their vertical centre (then x) and finds a cell's rows by
bisection, so each cell tests only the characters of its own band; the answer is the same, in the characters' order.

>>> from gov_disclosure.readers._pdf_page import PdfChar
>>> chars = [PdfChar("一", 0, 10, 0, 10, 10), PdfChar("二", 20, 30, 0, 10, 10), PdfChar("三", 0, 10, 20, 30, 10)]
>>> CharIndex(chars).inside((0, 0, 15, 30))
[0, 2]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from gov_disclosure.readers._pdf_page import Box, PdfChar

__all__ = ["CharIndex", "centre_in"]


def centre_in(char: PdfChar, box: Box) -> bool:
    """True when the centre of *char* is inside *box* (edges included): the plain test the index answers."""
    cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


class CharIndex:
    """The characters of a page, sorted by vertical centre for :meth:`inside`."""

    __slots__ = ("_order", "_xs", "_ys")

    def __init__(self, chars: Sequence[PdfChar]) -> None:
        ys = [(c.top + c.bottom) / 2 for c in chars]
        self._order = sorted(range(len(ys)), key=ys.__getitem__)  # ties in any order: inside() sorts its answer
        self._ys = [ys[i] for i in self._order]
        self._xs = [(chars[i].x0 + chars[i].x1) / 2 for i in self._order]

    def inside(self, box: Box) -> list[int]:
        """The indices (in the characters' order) of the characters whose centre is inside *box*."""
        x0, top, x1, bottom = box
        low, high = bisect.bisect_left(self._ys, top), bisect.bisect_right(self._ys, bottom)
        xs, order = self._xs, self._order
        return sorted(order[i] for i in range(low, high) if x0 <= xs[i] <= x1)
