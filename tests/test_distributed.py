"""Issue 14: ``load`` mapped over a Dask bag of paths, the long format written as a folder of Parquet parts
(:mod:`gov_disclosure.distributed`), on Dask's local process scheduler and on a local ``distributed`` cluster."""

from __future__ import annotations

import random
from pathlib import Path

import dask
import pyarrow.parquet as pq
import pytest

import gov_disclosure as gd
from gov_disclosure.batch import expand_paths
from gov_disclosure.dataframes import to_dataframe
from gov_disclosure.distributed import ParquetRun, bag_of_paths, records_to_parquet
from gov_disclosure.parquet import arrow_schema, read_parquet
from gov_disclosure.records import CellRecord, report_records
from gov_disclosure.render import render_text
from gov_disclosure.render.html import render_html
from gov_disclosure.testing import random_report
from layout_grids import report_docx


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reports of several forms (text, HTML, JSON, DOCX; 2019 and 2021), two unreadable files among them."""
    folder = tmp_path_factory.mktemp("reports")
    rng = random.Random(14)
    writers = {
        ".txt": lambda r: render_text(r).encode("utf-8"),
        ".html": lambda r: render_html(r).encode("utf-8"),
        ".json": lambda r: gd.dumps(r).encode("utf-8"),
        ".docx": report_docx,
    }
    for position, n in enumerate((0, 1, 2, 4, 5, 6, 7)):
        suffix = list(writers)[position % len(writers)]
        report = random_report(rng, "2019" if n == 2 else "2021")
        (folder / f"r{n}{suffix}").write_bytes(writers[suffix](report))
    (folder / "r3.txt").write_text("a shopping list, not a report", encoding="utf-8")
    (folder / "r8.pdf").write_bytes(b"%PDF-1.7 cut off")
    return folder


def _expected(folder: Path) -> tuple[list[CellRecord], list[str]]:
    """The records of every file read with ``load`` one by one (``report_index``: the file's position), and
    the names of the files that could not be read."""
    expected: list[CellRecord] = []
    unreadable: list[str] = []
    for index, path in enumerate(expand_paths([folder]).files):
        try:
            result = gd.load(path)
        except gd.GovDisclosureError:
            unreadable.append(path.name)
            continue
        expected.extend(report_records(result.report, index=index, findings=result.findings))
    return expected, unreadable


def _check(run: ParquetRun, out: Path, folder: Path, parts: int) -> None:
    expected, unreadable = _expected(folder)
    assert unreadable == ["r3.txt", "r8.pdf"]  # the generated files are read, the two others are not
    assert [Path(item.path).name for item in run.errors] == unreadable
    assert [item.error_type for item in run.errors] == ["NotAReportError", "ReaderError"]
    assert run.reports == 7
    assert run.rows == len(expected)
    assert [Path(p).name for p in run.parts] == [f"part-{n:05d}.parquet" for n in range(parts)]
    assert sorted(p.name for p in out.iterdir()) == [Path(p).name for p in run.parts]
    for part in run.parts:
        assert pq.read_schema(part).equals(arrow_schema())
    frame = read_parquet(out).sort_values(["report_index"], kind="stable").reset_index(drop=True)
    assert frame.equals(to_dataframe(expected))
    assert sorted(set(frame["report_index"])) == [0, 1, 2, 4, 5, 6, 7]  # r3.txt and r8.pdf: gaps


def test_records_to_parquet_on_local_processes(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "cells"
    with dask.config.set(scheduler="processes", num_workers=2):
        run = records_to_parquet(bag_of_paths(folder, npartitions=3), out)
    _check(run, out, folder, parts=3)


def test_records_to_parquet_on_a_local_cluster(folder: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "cells"
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster),
    ):
        run = records_to_parquet(bag_of_paths([folder], partition_size=2), out)
    _check(run, out, folder, parts=5)


def test_a_folder_that_holds_parts_is_refused(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "cells"
    with dask.config.set(scheduler="synchronous"):
        first = records_to_parquet(bag_of_paths(folder, partition_size=4), out)
        with pytest.raises(FileExistsError, match="already holds Parquet parts"):
            records_to_parquet(bag_of_paths(folder), out)
    assert len(first.parts) == 3


def test_report_index_is_the_position_in_the_bag_whatever_the_partitions(folder: Path, tmp_path: Path) -> None:
    with dask.config.set(scheduler="synchronous"):
        runs = [records_to_parquet(bag_of_paths(folder, npartitions=n), tmp_path / f"n{n}") for n in (1, 2, 9)]
    frames = [read_parquet(tmp_path / f"n{n}") for n in (1, 2, 9)]
    assert all(frame.equals(frames[0]) for frame in frames)
    assert [len(run.parts) for run in runs] == [1, 2, 9]


def test_bag_of_paths_lists_the_files_in_natural_order(folder: Path, tmp_path: Path) -> None:
    (folder / "notes.bin").write_bytes(b"\x00")  # no reader's extension: skipped
    bag = bag_of_paths(folder)
    assert bag.npartitions == 1
    names = [Path(p).name for p in bag.compute(scheduler="synchronous")]
    assert names == ["r0.txt", "r1.html", "r2.json", "r3.txt", "r4.docx", "r5.txt", "r6.html", "r7.json", "r8.pdf"]


def test_a_number_parquet_cannot_hold_makes_an_error_not_half_a_report(folder: Path, tmp_path: Path) -> None:
    from decimal import Decimal

    from gov_disclosure.model import Cell

    report = gd.load(folder / "r1.html").report.with_cell("table2.fees.amount_wan_yuan", Cell.of(Decimal(10) ** 30))
    (tmp_path / "big.json").write_text(gd.dumps(report), encoding="utf-8")
    with dask.config.set(scheduler="synchronous"):
        run = records_to_parquet(bag_of_paths([tmp_path / "big.json", folder / "r0.txt"]), tmp_path / "cells")
    assert [(Path(item.path).name, item.error_type) for item in run.errors] == [("big.json", "ParquetValueError")]
    assert "does not fit decimal128" in (run.errors[0].error or "")
    assert run.reports == 1
    assert sorted(set(read_parquet(tmp_path / "cells")["report_index"])) == [1]
