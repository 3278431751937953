"""Validation of a release whose tables are in ascending doc_id order, one doc_id range at a time.

Releases are written sorted by doc_id. Cut both tables at the same doc_ids, and every rule of
``schemas.validate`` about a document (its row, its repeats, its spans-table rows and nested spans, its
orphans) sees all of that document's rows within one range; ``validate_parts`` is run on each range with
the rows' numbers in the whole tables, so its failures name the same rows. The one rule across documents,
a span id repeated, is decided over the whole release here (an 8-byte hash per span is kept, then the
repeated ones read again). Memory is then bounded by a range, not by the release.

Anything not proven sorted (read, not trusted from statistics: a row group's statistics say nothing of
the order within it), not exactly the release schema (a missing or mistyped column is reported once per
file) or not a single release folder is left to the whole-table path: the report is the same either way.
So is a release small enough to validate whole (``WHOLE_TABLE_MAX_SPANS``), which that path does faster.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.rules import Rule
from schemas.tables import TABLES, arrow_schema
from schemas.validate import (
    RELEASE_FILES,
    Failure,
    TablePart,
    ValidationReport,
    _duplicates,
    _nested,
    _warm_pandera,
    validate_parts,
)

# About this many rows of either table per range (cut between documents: a range ends at the first new
# document after either count). Peak memory at 1M, 3M, 6M spans: ~0.9, 1.1, 1.2 GB (half as many spans per
# range: ~0.75, 0.95, 0.95 GB, but each range costs a validate_parts call, ~0.05 s of CPU).
RANGE_SPANS = 1 << 18
RANGE_DOCUMENTS = 1 << 14
# A release up to this size is validated whole, not range by range: that is about 1.5 times as fast (0.73-0.77 s
# against 1.11-1.16 s at 1M spans, quiet 2-core machine) and takes about 1 GB per million spans. Above it the
# ranges keep memory near 1.2 GB whatever the size, so peak memory is bounded by the larger of the two.
WHOLE_TABLE_MAX_SPANS = 1 << 22
WHOLE_TABLE_MAX_DOCUMENTS = 1 << 17
_HASH_SEED = 0x5EED  # fixed: hashes of one span id must agree across ranges and reads


def validate_sorted_release(paths: Sequence[Path | str]) -> ValidationReport | None:
    """The report of ``validate_path(paths)``, range by range, when ``paths`` is one release folder whose
    tables are in the release schema and ascending doc_id order; None otherwise (or if a file cannot be
    read here: the whole-table path then reports it)."""
    if len(paths) != 1:
        return None
    folder = Path(paths[0])
    files = {name: folder / file for name, file in RELEASE_FILES.items()}
    if not all(file.is_file() for file in files.values()):
        return None  # a hub folder or a Parquet file
    try:
        if all(pq.read_metadata(files[name]).num_rows <= max(whole, in_range)
               for name, whole, in_range in (("documents", WHOLE_TABLE_MAX_DOCUMENTS, RANGE_DOCUMENTS),
                                             ("spans", WHOLE_TABLE_MAX_SPANS, RANGE_SPANS))):
            return None  # small enough to validate whole, which is faster (it reads the nested spans apart)
        return _validate_ranges(files, sources=(str(paths[0]),))
    except (_NotSortedRelease, pa.ArrowException, OSError, pl.exceptions.PolarsError):
        return None


class _NotSortedRelease(Exception):
    """The files are not a release in ascending doc_id order and the release schema."""


def _range_bounds(files: dict[str, Path]) -> dict[str, list[int]] | None:
    """Per table, the first row of each range and the row count: both tables are cut at the same doc_ids,
    each table's cuts every ``RANGE_DOCUMENTS`` documents rows or ``RANGE_SPANS`` spans rows. None unless
    both files are in the release schema and ascending doc_id order."""
    if not all(pq.read_schema(file).remove_metadata().equals(arrow_schema(name).remove_metadata())
               for name, file in files.items()):
        return None
    cuts = set()
    for name, limit in (("documents", RANGE_DOCUMENTS), ("spans", RANGE_SPANS)):
        table_cuts = _sorted_cuts(files[name], limit)
        if table_cuts is None:
            return None
        cuts.update(table_cuts)
    ordered_cuts = pl.Series(sorted(cuts), dtype=pl.String)
    return {name: _bounds(file, ordered_cuts) for name, file in files.items()}


def _sorted_cuts(path: Path, limit: int) -> list[str] | None:
    """The doc_ids that start a range of about ``limit`` rows of the file (each the first row of its
    document), or None unless its doc_ids are in ascending order. Read a row group at a time."""
    file = pq.ParquetFile(path)
    cuts: list[str] = []
    last, row, next_cut = None, 0, limit
    for group in range(file.num_row_groups):
        ids = pl.from_arrow(file.read_row_group(group, columns=["doc_id"]).column(0))
        if ids.is_empty():
            continue
        if ids.null_count() or not ids.is_sorted() or (last is not None and ids[0] < last):
            return None
        # The first row of each document in the group (its first row too, unless it continues one).
        firsts = row + np.flatnonzero(ids.ne_missing(ids.shift(1, fill_value=last)).to_numpy())
        while (index := np.searchsorted(firsts, next_cut)) < len(firsts):
            cuts.append(ids[int(firsts[index]) - row])
            next_cut = int(firsts[index]) + limit
        row, last = row + len(ids), ids[-1]
    return cuts


def _bounds(path: Path, cuts: pl.Series) -> list[int]:
    """The row ranges' bounds in the (sorted) file: 0, the first row at or after each cut, its row count."""
    file = pq.ParquetFile(path)
    before = np.zeros(len(cuts), dtype=np.int64)
    for group in range(file.num_row_groups):
        ids = pl.from_arrow(file.read_row_group(group, columns=["doc_id"]).column(0))
        before += ids.search_sorted(cuts, side="left").to_numpy()
    return [0, *before.tolist(), file.metadata.num_rows]


def _validate_ranges(files: dict[str, Path], sources: tuple[str, ...]) -> ValidationReport:
    failures: list[Failure] = []
    counts = dict.fromkeys(files, 0)
    span_hashes: list[np.ndarray] = []
    nested_of_differing: list[pl.DataFrame] = []
    with ThreadPoolExecutor(1) as pool:
        # The next range is read (polars releases the GIL) while one is validated; the first while pandera
        # is imported (half a second of Python), as the whole-table path reads its files.
        ranges = _ranges(files)
        upcoming = pool.submit(next, ranges, None)
        _warm_pandera()
        while (frames := upcoming.result()) is not None:
            upcoming = pool.submit(next, ranges, None)
            parts = [TablePart(name, frame, str(files[name]), rows=range(first, first + frame.height))
                     for name, (frame, first) in frames.items()]
            report = validate_parts(parts)
            for name, count in report.counts.items():
                counts[name] += count
            # Repeated span ids are decided over the whole release below.
            failures += [failure for failure in report.failures if failure.rule != Rule.UNIQUE_SPAN_ID]
            spans, _ = frames["spans"]
            span_hashes.append(spans.select(_span_id_hash()).to_series().to_numpy())
            differing = {failure.doc_id for failure in report.failures
                         if failure.rule == Rule.NESTED_SPANS_MATCH and failure.table == "documents"}
            if differing:
                documents, first = frames["documents"]
                nested_of_differing.append(_nested(
                    documents.select("doc_id", "spans", _row=pl.int_range(first, first + documents.height,
                                                                          dtype=pl.Int64))
                    .filter(pl.col("doc_id").is_in(list(differing)))).select("doc_id", "span_id", "_row"))
    failures += _repeated_span_ids(files["spans"], np.concatenate(span_hashes))
    if nested_of_differing:
        # As ``_nested_span_failures``: among the nested spans of documents that differ from the spans table.
        failures += [replace(failure, file=str(files["documents"])) for failure in _duplicates(
            pl.concat(nested_of_differing), "span_id", Rule.UNIQUE_SPAN_ID, "documents")]
    return ValidationReport(failures=tuple(sorted(failures, key=Failure.sort_key)), counts=counts,
                            n_documents=counts["documents"], n_spans=counts["spans"], sources=sources)


def _ranges(files: dict[str, Path]) -> Iterator[dict[str, tuple[pl.DataFrame, int]]]:
    """Each range's rows of each table, with the number of its first row."""
    bounds = _range_bounds(files)
    if bounds is None:
        raise _NotSortedRelease
    tables = {name: _table_ranges(files[name], bounds[name]) for name in TABLES}
    for index in range(len(bounds["spans"]) - 1):
        yield {name: (next(tables[name]), bounds[name][index]) for name in TABLES}


def _table_ranges(path: Path, bounds: list[int]) -> Iterator[pl.DataFrame]:
    """The file's rows between consecutive ``bounds``, read by polars in whole row groups (up to the one
    holding a range's end, in one scan): a slice of a scan that cuts a row group would decode it again for
    the next range, and a documents row group holds ten thousand texts."""
    metadata = pq.read_metadata(path)
    group_ends = list(itertools.accumulate(metadata.row_group(group).num_rows
                                           for group in range(metadata.num_row_groups)))
    held, read = pl.scan_parquet(path).slice(0, 0).collect(), 0
    for start, stop in itertools.pairwise(bounds):
        if stop > read:
            end = group_ends[bisect.bisect_left(group_ends, stop)]
            held = pl.concat([held, pl.scan_parquet(path).slice(read, end - read).collect()], rechunk=False)
            read = end
        yield held.slice(0, stop - start)
        held = held.slice(stop - start)


def _span_id_hash() -> pl.Expr:
    return pl.col("span_id").hash(_HASH_SEED)


def _repeated_span_ids(path: Path, hashes: np.ndarray) -> list[Failure]:
    """``UNIQUE_SPAN_ID`` over the whole spans table: the rows whose span id's hash repeats are read again
    (equal ids hash equally), and ``_duplicates`` decides among them."""
    hashes.sort()
    repeated = np.unique(hashes[1:][hashes[1:] == hashes[:-1]])
    if not len(repeated):
        return []
    candidates = (pl.scan_parquet(path).with_row_index("_row").select("_row", "doc_id", "span_id")
                  .filter(_span_id_hash().is_in(pl.Series(repeated, dtype=pl.UInt64).implode()))
                  .collect().with_columns(pl.col("_row").cast(pl.Int64)))
    return [replace(failure, file=str(path))
            for failure in _duplicates(candidates, "span_id", Rule.UNIQUE_SPAN_ID, "spans")]
