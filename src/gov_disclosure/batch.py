"""Reading many reports at once: :func:`load_many` reads files and folders in parallel and yields one
:class:`BatchItem` per file, in input order; an unreadable file yields an item carrying the error, it never
stops the batch.

The people who check reports check hundreds at a time (a 区 office checks every department and 街镇; a city checks
its districts; issue 15). Folders are searched recursively for files some registered reader is the default for
(:func:`~gov_disclosure.loader.readable_extensions`), in natural order (``r2`` before ``r10``); other files are
skipped and counted (:func:`expand_paths`).

>>> import tempfile
>>> from pathlib import Path
>>> from gov_disclosure.examples import example_report_text
>>> folder = Path(tempfile.mkdtemp())
>>> for name in ("r10.txt", "r2.txt"):
...     _ = (folder / name).write_text(example_report_text(), encoding="utf-8")
>>> _ = (folder / "r3.txt").write_text("a shopping list", encoding="utf-8")
>>> _ = (folder / "notes.doc").write_bytes(b"not read")
>>> for item in load_many([folder], jobs=1):
...     print(item.name, item.result.report.agency if item.ok else item.error_type)
r2.txt 淮安市人民政府
r3.txt NotAReportError
r10.txt 淮安市人民政府
>>> expand_paths([folder]).skipped
1
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from attrs import frozen

from gov_disclosure.errors import GovDisclosureError
from gov_disclosure.findings import Severity, worst_severity
from gov_disclosure.formats._registry import Registry
from gov_disclosure.limits import Limits
from gov_disclosure.loader import ReadResult, load, readable_extensions

__all__ = [
    "BatchItem",
    "Expansion",
    "Progress",
    "expand_paths",
    "load_item",
    "load_many",
    "natural_key",
    "without_path",
]


@frozen(kw_only=True)
class BatchItem:
    """What reading one file of a batch gave: its :class:`~gov_disclosure.loader.ReadResult`, or the error that
    kept it from being read (the message and the name of the exception's type), never both."""

    path: str
    """The file, as found (a path given, or a folder's path joined with the file's)."""
    result: ReadResult | None = None
    """The report and its findings; None when the file could not be read."""
    error: str | None = None
    """Why the file could not be read (the error's message), None when it was read."""
    error_type: str | None = None
    """The type of the error (``NotAReportError``, ``LimitExceededError``, ``OSError`` …), None when read."""

    @property
    def ok(self) -> bool:
        """True when the file was read (it may still have findings)."""
        return self.result is not None

    @property
    def name(self) -> str:
        """The file's name, without its folder."""
        return Path(self.path).name

    @property
    def worst(self) -> Severity | None:
        """The worst severity among the findings of a file that was read; None for none, or for an unreadable
        file (ask :attr:`ok`)."""
        return None if self.result is None else worst_severity(self.result.findings)


Progress = Callable[[int, int, BatchItem], None]
"""Called once per file, in input order, as ``progress(done, total, item)``."""


@frozen(kw_only=True)
class Expansion:
    """The files a list of paths stands for, and how many files of its folders were skipped as not reports."""

    files: tuple[Path, ...]
    skipped: int = 0


_DIGITS = re.compile(r"(\d+)")


def natural_key(path: str | Path) -> tuple[tuple[tuple[int, int | str], ...], ...]:
    """A sort key that orders numbers inside names by value, folder by folder: ``r2`` before ``r10``.

    >>> sorted(["r10.txt", "r2.txt", "R1.txt", "b/r3.txt", "a10/x.txt", "a9/x.txt"], key=natural_key)
    ['a9/x.txt', 'a10/x.txt', 'b/r3.txt', 'R1.txt', 'r2.txt', 'r10.txt']
    """
    parts = Path(path).parts
    return tuple(
        tuple((0, int(piece)) if piece.isdigit() else (1, piece.casefold()) for piece in _DIGITS.split(part) if piece)
        for part in parts
    )


def expand_paths(
    paths: Iterable[str | Path], *, recursive: bool = True, registry: Registry | None = None
) -> Expansion:
    """The files *paths* stand for: a file as given (whatever its name), a folder's report files (those some
    registered reader is the default for) in natural order, its subfolders' too unless *recursive* is false.
    Hidden files and folders (``.name``) are skipped silently; other files are skipped and counted."""
    extensions = readable_extensions(registry)
    files: list[Path] = []
    skipped = 0
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.append(path)
            continue
        found = path.rglob("*") if recursive else path.iterdir()
        inside = sorted(
            (p for p in found if p.is_file() and not _hidden(p.relative_to(path))),
            key=lambda p: natural_key(p.relative_to(path)),
        )
        for file in inside:
            if file.suffix.lower() in extensions:
                files.append(file)
            else:
                skipped += 1
    return Expansion(files=tuple(files), skipped=skipped)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def load_many(
    paths: str | Path | Iterable[str | Path],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    recursive: bool = True,
    registry: Registry | None = None,
    limits: Limits | None = None,
) -> Iterator[BatchItem]:
    """Read every file *paths* (a path, or several) stand for (:func:`expand_paths`) and yield a
    :class:`BatchItem` for each, in order.

    *jobs* worker processes read the files (when None, as many as there are cores, but none for a handful of
    files; ``jobs=1`` reads them in this process); the
    results are the same whatever *jobs* is. A file that cannot be read — not a report, damaged, over a limit,
    missing — gives an item carrying the error; an error the library did not expect (a bug: please report it)
    does too, so one file never stops the batch. *progress* is called after each item (:data:`Progress`).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = expand_paths(paths, recursive=recursive, registry=registry).files
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    # starting a worker costs about a second (it imports the library): a few files are read here
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, len(files) // _FILES_PER_WORKER)
    items = _in_process(files, registry, limits) if workers <= 1 or len(files) < 2 else _in_workers(
        files, min(workers, len(files)), registry, limits
    )
    for done, item in enumerate(items, start=1):
        if progress is not None:
            progress(done, len(files), item)
        yield item


def load_item(path: str | Path, registry: Registry | None = None, limits: Limits | None = None) -> BatchItem:
    """Read one file into a :class:`BatchItem` (what each worker of :func:`load_many` does)."""
    try:
        return BatchItem(path=str(path), result=load(path, registry=registry, limits=limits))
    except (GovDisclosureError, OSError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return BatchItem(path=str(path), error=without_path(message, path), error_type=type(exc).__name__)
    except Exception as exc:  # a bug must not stop the batch: the item says so
        message = f"unexpected error while reading (please report it): {type(exc).__name__}: {exc}"
        return BatchItem(path=str(path), error=message, error_type=type(exc).__name__)


def without_path(message: str, path: str | Path) -> str:
    """*message* without the path and colon it starts with, if it does (whoever shows it names the file once).

    >>> without_path("a.pdf: not a readable PDF file", "a.pdf"), without_path("not a report", "a.pdf")
    ('not a readable PDF file', 'not a report')
    """
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


def _in_process(files: Sequence[Path], registry: Registry | None, limits: Limits | None) -> Iterator[BatchItem]:
    for path in files:
        yield load_item(path, registry, limits)


_FILES_PER_WORKER = 4
"""With *jobs* not given, a worker is started for every this many files, up to the number of cores."""

_AHEAD = 8
"""Files submitted per worker ahead of the one being yielded (bounds the results waiting in memory)."""


def _in_workers(
    files: Sequence[Path], workers: int, registry: Registry | None, limits: Limits | None
) -> Iterator[BatchItem]:
    # "spawn" everywhere: the same on Linux, macOS and Windows, and safe in a process that has threads.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        pending: deque[tuple[Path, Future[BatchItem]]] = deque()
        queue = iter(files)
        for path in queue:
            pending.append((path, pool.submit(load_item, path, registry, limits)))
            if len(pending) >= workers * _AHEAD:
                break
        while pending:
            path, future = pending.popleft()
            yield _outcome(path, future)
            for path in queue:
                pending.append((path, pool.submit(load_item, path, registry, limits)))
                break
    finally:  # also when the caller stops early: drop what was not started
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(path: Path, future: Future[BatchItem]) -> BatchItem:
    try:
        return future.result()
    except Exception as exc:  # the worker died (killed, out of memory) or the result could not be sent back
        message = f"the worker reading it failed: {type(exc).__name__}: {exc}"
        return BatchItem(path=str(path), error=message, error_type=type(exc).__name__)
