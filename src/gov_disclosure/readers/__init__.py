"""Input-form readers: HTML pages, PDF files and DOCX attachments as a ``Document``.

Each reader needs an optional extra and imports it lazily; a missing extra raises
:class:`~gov_disclosure.errors.MissingDependencyError` naming it (``pip install "gov-disclosure[pdf]"``).
"""

from gov_disclosure.readers.errors import MissingDependencyError, OcrRequiredError, ReaderError

__all__ = ["MissingDependencyError", "OcrRequiredError", "ReaderError"]
