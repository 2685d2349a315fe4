"""Recognition of single text lines with RapidOCR's PP-OCRv4 recognition model, keeping its confidence and its
next-best readings.

Issue 17: "crop each cell and run the recognition model on it (not page-level detection), with the recognizer's
confidence kept per cell … the candidate readings (top-k from the recognizer where available)". The model gives,
for each of its time steps, a probability for every character (and the CTC blank); the reading is the best path
collapsed (repeats merged, blanks dropped), its confidence the *lowest* probability of a character kept (a number
is only as sure as its least sure digit), and its candidates the paths that swap the least sure steps for their
second-best character.

A table cell's line whose reading is neither a number nor text with a Chinese character (``o`` or ``。`` for a lone
``0``, nothing at all for a small digit the model barely sees) is read again with only the characters of numbers
and not-applicable marks allowed (:data:`NUMBER_CHARACTERS`): a lone digit in a wide cell is the recognizer's
weak spot. Such a reading has the low confidence of its characters among all characters, so that only the
identities can confirm it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["NUMBER_CHARACTERS", "Reading", "Recognizer"]

NUMBER_CHARACTERS = "0123456789.,-+/—"
"""What a number cell can hold: digits, separators, signs and not-applicable marks."""
_NUMBER = re.compile(r"^[+-]?[\d,]*\.?\d+$|^[-—/]+$")

_HEIGHT = 48
"""The model's input height (pixels)."""
_ALTERNATIVES = 3
"""How many uncertain time steps are varied for the candidate readings (2³ paths at most)."""
_DOUBT = 0.02
"""A time step whose second-best character has at least this probability is varied."""


@frozen
class Reading:
    """A text line as recognised: the best reading, its confidence (0–1), and the candidate readings with their
    path probabilities, best first (the best reading among them)."""

    text: str
    confidence: float
    candidates: tuple[tuple[str, float], ...] = ()


class Recognizer:
    """The recognition model of a :class:`rapidocr_onnxruntime.RapidOCR` engine, run on line images."""

    def __init__(self, engine: Any) -> None:
        recognizer = engine.text_rec
        self._session = recognizer.session
        self._alphabet: list[str] = list(recognizer.postprocess_op.character)
        self._number_columns = [0, *(self._alphabet.index(c) for c in NUMBER_CHARACTERS if c in self._alphabet)]
        self._batch = 8

    def read(self, lines: Sequence[NDArray[np.uint8]], *, numbers: bool = False) -> list[Reading]:
        """The readings of *lines* (greyscale images of one text line each), in order; with *numbers*, lines of
        table cells (read as numbers where the reading is neither a number nor Chinese text)."""
        import numpy as np

        order = sorted(range(len(lines)), key=lambda i: lines[i].shape[1] / max(lines[i].shape[0], 1))
        out: list[Reading | None] = [None] * len(lines)
        for start in range(0, len(order), self._batch):
            chunk = order[start : start + self._batch]
            widths = [math.ceil(_HEIGHT * lines[i].shape[1] / max(lines[i].shape[0], 1)) for i in chunk]
            width = max(max(widths), 64)
            batch = np.zeros((len(chunk), 3, _HEIGHT, width), dtype=np.float32)
            for slot, (i, w) in enumerate(zip(chunk, widths, strict=True)):
                batch[slot, :, :, :w] = _normalised(lines[i], w)
            probabilities = self._session(batch)[0]
            for slot, i in enumerate(chunk):
                reading = self._decode(probabilities[slot])
                if numbers and not _NUMBER.match(reading.text) and not any(_is_cjk(c) for c in reading.text):
                    reading = self._decode_number(probabilities[slot], reading)
                out[i] = reading
        return [reading if reading is not None else Reading("", 0.0) for reading in out]

    def _decode(self, steps: NDArray[np.float32]) -> Reading:
        import numpy as np

        best = steps.argmax(axis=1)
        best_p = steps.max(axis=1)
        text, kept = self._collapse(best, best_p)
        confidence = min(kept, default=1.0 if not text else 0.0)
        rows = np.arange(len(steps))
        others = steps.copy()
        others[rows, best] = -1.0
        second = others.argmax(axis=1)
        second_p = steps[rows, second]
        doubtful = [int(t) for t in np.argsort(-second_p)[:_ALTERNATIVES] if second_p[t] >= _DOUBT]
        scores: dict[str, float] = {}
        base = float(np.sum(np.log(np.maximum(best_p, 1e-12))))
        for choice in itertools.product((False, True), repeat=len(doubtful)):
            path = best.copy()
            score = base
            for swap, t in zip(choice, doubtful, strict=True):
                if swap:
                    path[t] = second[t]
                    score += math.log(max(float(second_p[t]), 1e-12)) - math.log(max(float(best_p[t]), 1e-12))
            candidate, _ = self._collapse(path, best_p)
            scores[candidate] = max(scores.get(candidate, -math.inf), score)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        return Reading(text, float(confidence), tuple((t, math.exp(s - base)) for t, s in ranked))

    def _decode_number(self, steps: NDArray[np.float32], free: Reading) -> Reading:
        """The best path through the characters of numbers only, the free reading its second candidate; a line
        read as nothing gives the likeliest such character of its likeliest step."""
        import numpy as np

        columns = np.asarray(self._number_columns)
        allowed = steps[:, columns]
        path = columns[allowed.argmax(axis=1)]
        text, kept = self._collapse(path, allowed.max(axis=1))
        if not _NUMBER.match(text):  # nothing, or a lone separator: the likeliest digit or mark
            characters = allowed[:, 1:]
            step, column = np.unravel_index(int(characters.argmax()), characters.shape)
            text, kept = self._alphabet[int(columns[column + 1])], [float(characters[step, column])]
        confidence = min(kept)
        return Reading(text, float(confidence), ((text, 1.0), *((free.text, 1.0),) * bool(free.text)))

    def _collapse(self, path: NDArray[Any], probabilities: NDArray[np.float32]) -> tuple[str, list[float]]:
        """The CTC path's text (repeats merged, blanks dropped) and each kept character's probability."""
        chars: list[str] = []
        kept: list[float] = []
        previous = -1
        for index, p in zip(path.tolist(), probabilities.tolist(), strict=True):
            if index != previous and index != 0:
                chars.append(self._alphabet[index])
                kept.append(p)
            previous = index
        return "".join(chars), kept


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _normalised(line: NDArray[np.uint8], width: int) -> NDArray[np.float32]:
    """*line* resized to the model's height and *width*, as three channels scaled to -1…1."""
    import cv2
    import numpy as np

    resized = cv2.resize(line, (width, _HEIGHT)).astype(np.float32)
    scaled = resized / 127.5 - 1.0
    return np.broadcast_to(scaled, (3, _HEIGHT, width))
