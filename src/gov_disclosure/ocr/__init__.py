"""Scanned reports read by OCR (the ``ocr`` extra: RapidOCR's PP-OCRv4 models in ONNX, shipped in its wheel).

Issue 17. A PDF page without a text layer, an image file, or an ``<img>`` table of a web page is read in three
steps, and then goes down the one pipeline every reader feeds (:class:`~gov_disclosure.parsing.document.Document`
→ format adapter → validation):

1. :mod:`~gov_disclosure.ocr.ruling`: the page is turned level and its ruled tables found by morphology, cells as
   the grid's rectangles (merged cells where inner rules are missing);
2. :mod:`~gov_disclosure.ocr.page`: every cell is cropped and its lines recognised one by one, keeping the
   recognizer's confidence and next-best readings (:mod:`~gov_disclosure.ocr.recognize`); the text outside the
   tables by whole-page detection;
3. :mod:`~gov_disclosure.ocr.checksums`: the report's accounting identities check the recognition — a number is
   kept when it is read with high confidence and every identity it takes part in holds, or when the identities
   force one of its readings; any other recognised number is flagged ``OCR.UNCERTAIN`` and left without a value.

Nothing here is imported until a scan is read (the tests check that ``import gov_disclosure`` imports no OCR
package).
"""

from __future__ import annotations

__all__ = ["OCR_ORIGIN"]

OCR_ORIGIN = "ocr"
"""The :attr:`~gov_disclosure.model.source.SourceLocation.origin` of text recognised in an image, and the
:attr:`~gov_disclosure.model.source.SourceInfo.reader` of a document read from images."""
