"""Beyond one machine: the long format of many reports read by Dask workers, written as a folder of Parquet parts.

A national year is about 150,000 reports (issue 14). :func:`~gov_disclosure.batch.load_many` reads them with the
cores of one machine; for more, Dask maps :func:`~gov_disclosure.loader.load` over a bag of paths — with local
processes, or on a ``dask.distributed`` cluster with the same code — and each partition of the bag is written as
one Parquet part with the schema of :func:`~gov_disclosure.parquet.arrow_schema`, so that DuckDB, Arrow and
:func:`~gov_disclosure.parquet.read_parquet` read the folder as one table::

    bag = bag_of_paths(["reports/"])             # every report file there, in natural order
    run = records_to_parquet(bag, "cells/")      # cells/part-00000.parquet, part-00001.parquet, …

Needs the ``dask`` extra (``pip install "gov-disclosure[dask]"``: ``dask[bag]``, ``distributed`` and pyarrow),
imported when a function here is called, never when the package is imported. The scheduler is Dask's: whatever
``dask.config`` or a ``distributed.Client`` in the calling process says (this module starts none).

``report_index`` is the position of the file in the bag (0 for the first), whatever partition reads it. A file
that cannot be read — not a report, damaged, over a limit, missing, or a number the Parquet schema cannot hold
exactly (:class:`~gov_disclosure.parquet.ParquetValueError`) — never stops the run: it has no rows (its
``report_index`` is a gap) and is in :attr:`ParquetRun.errors`, a :class:`~gov_disclosure.batch.BatchItem` carrying
the error, as :func:`~gov_disclosure.batch.load_many` gives it.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from gov_disclosure.batch import BatchItem, expand_paths, load_item
from gov_disclosure.errors import MissingDependencyError
from gov_disclosure.limits import Limits
from gov_disclosure.parquet import ParquetValueError, _row, write_parquet
from gov_disclosure.records import CellRecord, report_records

if TYPE_CHECKING:
    from gov_disclosure.formats._registry import Registry

__all__ = ["PART_NAME", "ParquetRun", "bag_of_paths", "records_to_parquet"]

PART_NAME = "part-{:05d}.parquet"
"""The name of the part the bag's partition number ``n`` is written to (``part-00000.parquet`` for the first)."""


@frozen(kw_only=True)
class ParquetRun:
    """What :func:`records_to_parquet` wrote: the parts, how many reports and rows, and the files not read."""

    parts: tuple[str, ...]
    """The Parquet parts, one per partition of the bag, in order (a partition without a readable report has an
    empty part, with the same schema)."""
    reports: int
    """The reports written (one per readable file)."""
    rows: int
    """The rows written: one per cell of those reports."""
    errors: tuple[BatchItem, ...]
    """The files that were not read (or not written), in the bag's order: each item's ``error`` says why."""


@frozen(kw_only=True)
class _Part:
    path: str
    reports: int
    rows: int
    errors: tuple[BatchItem, ...]


def _dask() -> Any:
    try:
        import dask
        import dask.bag
    except ImportError:
        raise MissingDependencyError("", "dask", "dask", purpose="a Dask bag") from None
    return dask


def bag_of_paths(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    npartitions: int | None = None,
    partition_size: int | None = None,
    recursive: bool = True,
) -> Any:
    """A Dask bag of the files *paths* stand for (:func:`~gov_disclosure.batch.expand_paths`: a file as given, a
    folder's report files in natural order), as strings. *npartitions* or *partition_size* (files per partition)
    are Dask's ``from_sequence`` arguments: each partition becomes one Parquet part. With neither, a partition of
    100 files (at ~0.1 s a report, tens of seconds of work per task: Dask's scheduling costs little beside it).
    """
    dask = _dask()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = [str(path) for path in expand_paths([Path(p) for p in paths], recursive=recursive).files]
    if npartitions is None and partition_size is None:
        partition_size = _FILES_PER_PARTITION
    return dask.bag.from_sequence(files, npartitions=npartitions, partition_size=partition_size)


_FILES_PER_PARTITION = 100


def records_to_parquet(
    bag: Any,
    out_dir: str | os.PathLike[str],
    *,
    limits: Limits | None = None,
    registry: Registry | None = None,
) -> ParquetRun:
    """Read every file of the Dask *bag* of paths with :func:`~gov_disclosure.loader.load` and write the long
    format of its report (:func:`~gov_disclosure.records.records`, findings' severities included) to the folder
    *out_dir*, one part per partition (:data:`PART_NAME`); returns what was written (:class:`ParquetRun`).

    The work runs on the scheduler Dask is set to (``dask.config.set(scheduler="processes")``, or a
    ``distributed.Client``): on a cluster, *out_dir* must be a folder every worker can write to (a shared file
    system). *out_dir* is made if missing; one that already holds parts is refused (``FileExistsError``) rather
    than mixed with them. *limits* and *registry* are :func:`~gov_disclosure.loader.load`'s.
    """
    dask = _dask()
    folder = Path(out_dir)
    if folder.is_dir() and any(folder.glob("part-*.parquet")):
        raise FileExistsError(f"{folder}: already holds Parquet parts; write to an empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    tasks = []
    first_index: Any = 0  # the position of the partition's first file in the bag: a running sum of the sizes
    for n, partition in enumerate(bag.to_delayed()):
        out = str(folder / PART_NAME.format(n))
        tasks.append(dask.delayed(_write_part)(partition, out, first_index, limits, registry))
        first_index = dask.delayed(operator.add)(first_index, dask.delayed(len)(partition))
    parts: Sequence[_Part] = dask.compute(*tasks)
    return ParquetRun(
        parts=tuple(part.path for part in parts),
        reports=sum(part.reports for part in parts),
        rows=sum(part.rows for part in parts),
        errors=tuple(item for part in parts for item in part.errors),
    )


def _write_part(
    paths: Sequence[str], out: str, first_index: int, limits: Limits | None, registry: Registry | None
) -> _Part:
    """Read *paths* (the files at positions *first_index*, … of the bag) and write their records to *out*."""
    written: list[CellRecord] = []
    errors: list[BatchItem] = []
    reports = 0
    for index, path in enumerate(paths, start=first_index):
        item = load_item(path, registry, limits)
        if item.result is None:
            errors.append(item)
            continue
        cells = list(report_records(item.result.report, index=index, findings=item.result.findings))
        try:
            for record in cells:  # refuse the whole report before a row of it is written, not halfway
                _row(record)
        except ParquetValueError as exc:
            errors.append(BatchItem(path=path, error=str(exc), error_type=type(exc).__name__))
            continue
        written.extend(cells)
        reports += 1
    rows = write_parquet(written, out)
    return _Part(path=out, reports=reports, rows=rows, errors=tuple(errors))
