"""The error raised when a JSON document cannot be read as a report."""

from __future__ import annotations

from gov_disclosure.errors import GovDisclosureError

__all__ = ["JSONFormatError"]


class JSONFormatError(GovDisclosureError, ValueError):
    """A JSON document is not a valid report document.

    ``path`` is the JSONPath of the offending place (``$.table3.granted.total``), ``message`` says what is
    wrong there, and ``problems`` lists every ``(path, message)`` found (the first one is ``path``/``message``).

    >>> err = JSONFormatError("$.table3.granted.total", "expected an integer, got str 'x'")
    >>> str(err)
    "$.table3.granted.total: expected an integer, got str 'x'"
    """

    def __init__(self, path: str, message: str, *, problems: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.problems = problems or ((path, message),)
