"""Validation of the corpus tables: every rule is run and every failure reported, in one report.

Inputs are a release folder (``documents.parquet``, ``spans.parquet``), a hub folder (``README.md``,
``data/<table>/<split>-NNNNN-of-NNNNN.parquet``, enumerations as ClassLabel integers) or single Parquet
files recognised by their columns. Either table may be missing; the rules it allows are still run.

The per-span checks (offsets, ``text == doc.text[start:end]``, labels, overlaps, trimming, coverage,
quote containment) are computed column-wise with polars to find the documents that break any of them;
only those documents go through ``schemas.rules.span_faults``, which decides and words each failure.
So the rules live in one place and a valid corpus never pays for Python loops over its spans.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.errors import ConfigError, InputError
from schemas.labels import ANNOTATION_STATUSES, LABEL_NAMES, LAYER_OF_LABEL, QUOTE_CONTAINER_LABEL, SPLITS
from schemas.records import DOC_ID_HEX_CHARS, WHITESPACE_RE, split_for
from schemas.rules import Rule, span_faults
from schemas.tables import SPAN_FIELDS, TABLES, arrow_schema, decode_from_hub, pandera_schema, polars_schema

RELEASE_FILES: dict[str, str] = {name: f"{name}.parquet" for name in TABLES}
HUB_SHARD_RE = re.compile(r"(?P<split>[A-Za-z0-9_.]+)-(?P<index>\d{5})-of-(?P<total>\d{5})\.parquet")
EXPECTED_PATHS = ("a release folder (documents.parquet, spans.parquet), a hub folder (README.md, "
                  "data/documents/*.parquet, data/spans/*.parquet) or .parquet files of either table")

# Spans checked (or compared) at a time: the columns a check adds per span stay small and their memory is
# reused, not newly paged in (in a fresh process, page faults are a third of validation's time).
_CHUNK_SPANS = 1 << 17
_VIEW = np.dtype([("length", "<i4"), ("prefix", "V4"), ("buffer", "<i4"), ("offset", "<i4")])
_VIEW_INLINE_BYTES = 12
# The whitespace class's ASCII characters: a gap of them keeps character and byte offsets apart by the same.
_ASCII_WHITESPACE = "".join(char for char in map(chr, range(128)) if WHITESPACE_RE.fullmatch(char))
# What the span rules use of a span's document (see _texts).
_TEXT_COLUMNS = ("doc_id", "doc_text", "doc_row", "doc_n_chars", "complete")
_SPAN_KEY = ("doc_id", "span_id", "layer", "label", "start", "end", "text", "score")
# The column a rule is about, shown in reports next to the row.
_RULE_COLUMN = {
    Rule.KNOWN_LABEL: "label", Rule.LABEL_LAYER: "layer", Rule.SPAN_TEXT_MATCHES: "text",
    Rule.DOC_ID_MATCHES_TEXT: "doc_id", Rule.TEXT_HASH_MATCHES: "text_sha256", Rule.N_CHARS_MATCHES: "n_chars",
    Rule.SPLIT_MATCHES_DOC_ID: "split", Rule.UNIQUE_DOC_ID: "doc_id", Rule.UNIQUE_SPAN_ID: "span_id",
    Rule.ORPHAN_SPAN: "doc_id", Rule.NESTED_SPANS_MATCH: "spans",
}
# A value check of the schema that a dedicated rule also makes, with a more precise message: the schema
# failure is left out of the report when that rule has reported the same row.
_SCHEMA_CHECK_COVERED_BY = {
    ("spans", "label"): Rule.KNOWN_LABEL, ("spans", "layer"): Rule.LABEL_LAYER,
    ("spans", "start"): Rule.OFFSETS_IN_RANGE, ("spans", "end"): Rule.OFFSETS_IN_RANGE,
    ("documents", "split"): Rule.SPLIT_MATCHES_DOC_ID, ("documents", "n_chars"): Rule.N_CHARS_MATCHES,
}


# --- the report ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Failure:
    """One broken rule at one place: ``row`` is the row in ``file`` (or in the table given) of ``table``."""

    rule: str
    message: str
    table: str
    doc_id: str | None = None
    span_id: str | None = None
    start: int | None = None
    end: int | None = None
    column: str | None = None
    row: int | None = None
    file: str | None = None

    @property
    def where(self) -> str:
        parts = [self.file or self.table]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.doc_id is not None:
            parts.append(f"doc {self.doc_id}")
        if self.span_id is not None:
            parts.append(f"span {self.span_id}")
        elif self.start is not None:
            parts.append(f"[{self.start}, {self.end})")
        return ", ".join(parts)

    def sort_key(self) -> tuple:
        return tuple((value is not None, value) for value in (
            self.rule, self.table, self.file, self.row, self.doc_id, self.start, self.end, self.span_id,
            self.column, self.message))


@dataclass(frozen=True)
class ValidationReport:
    """Every failure found, sorted; ``counts`` is the number of rows read per table."""

    failures: tuple[Failure, ...]
    counts: Mapping[str, int]
    n_documents: int
    n_spans: int
    sources: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failures

    def by_rule(self) -> dict[str, list[Failure]]:
        grouped: dict[str, list[Failure]] = {}
        for failure in self.failures:
            grouped.setdefault(failure.rule, []).append(failure)
        return dict(sorted(grouped.items()))

    def summary(self) -> str:
        scope = f"{self.n_documents} documents, {self.n_spans} spans"
        if self.ok:
            return f"valid: {scope}, every rule holds"
        return f"invalid: {len(self.failures)} failures of {len(self.by_rule())} rules in {scope}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "sources": list(self.sources),
            "counts": dict(sorted(self.counts.items())),
            "n_documents": self.n_documents,
            "n_spans": self.n_spans,
            "failures_by_rule": {rule: len(failures) for rule, failures in self.by_rule().items()},
            "failures": [asdict(failure) for failure in self.failures],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, sort_keys=True, ensure_ascii=False)

    def render(self, examples: int = 5) -> Any:
        """A rich renderable: one row per rule with its count and its first ``examples`` failures."""
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        sources = f" ({', '.join(self.sources)})" if self.sources else ""
        if self.ok:
            return Text(f"✓ {self.summary()}{sources}", style="bold green")
        table = Table(title=f"✗ {self.summary()}{sources}", title_style="bold red", show_lines=True,
                      title_justify="left")
        table.add_column("rule", style="bold")
        table.add_column("failures", justify="right")
        table.add_column(f"first {examples}")
        for rule, failures in self.by_rule().items():
            lines = Text()
            for number, failure in enumerate(failures[:examples]):
                if number:
                    lines.append("\n")
                lines.append(failure.where, style="cyan")
                lines.append(f": {failure.message}")
            if len(failures) > examples:
                lines.append(f"\n… and {len(failures) - examples} more", style="dim")
            table.add_row(rule, str(len(failures)), lines)
        totals = ", ".join(f"{name} {count} rows" for name, count in sorted(self.counts.items()))
        return Group(table, Text(f"read: {totals}", style="dim"))

    def __rich__(self) -> Any:
        return self.render()


# --- reading -------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TablePart:
    """Rows of one table from one place: a file (``file``), or a table handed over in memory.
    ``split`` is the split a hub shard's file name declares for all its rows. ``rows``: the row number of
    each row in the whole table, when the part is a partition of a larger table validated elsewhere
    (``corpus.spark``, ``schemas.validate_stream``); failures then carry those numbers (and ``file``).
    ``table`` is Arrow, in release or hub form, or a polars frame in release form (see ``read_parts``).
    ``nested``: the documents' ``spans`` column when it is read apart from ``table``, which then lacks it
    (see ``_read_parquet``)."""

    name: str
    table: pa.Table | pl.DataFrame
    file: str | None = None
    split: str | None = None
    rows: Sequence[int] | None = None
    nested: Future[pl.DataFrame] | None = None


def validate_tables(documents: pa.Table | None, spans: pa.Table | None, *, source: str = "") -> ValidationReport:
    """Validate the documents and/or spans table, in release or hub form."""
    parts = [TablePart(name, table) for name, table in (("documents", documents), ("spans", spans))
             if table is not None]
    if not parts:
        raise ConfigError("nothing to validate: give a documents table, a spans table or both")
    return validate_parts(parts, sources=(source,) if source else ())


def validate_path(paths: Sequence[Path | str]) -> ValidationReport:
    """Validate release folders, hub folders and/or Parquet files, all together as one corpus."""
    if not paths:
        raise ConfigError(f"nothing to validate: give {EXPECTED_PATHS}")
    from schemas.validate_stream import validate_sorted_release  # it builds on this module

    if (report := validate_sorted_release(paths)) is not None:  # in bounded memory, when a release is sorted
        return report
    parts = (part for path in paths for part in read_parts(Path(path), frames=True))
    return validate_parts(parts, sources=tuple(str(path) for path in paths))


def read_parts(path: Path, *, frames: bool = False) -> Iterator[TablePart]:
    """The table parts at ``path``: one per Parquet file, recognised by layout or by columns. With
    ``frames``, files in release form are read straight into polars frames, which costs half of reading
    Arrow and converting it; hub-form files are read as Arrow, to be decoded."""
    if not path.exists():
        raise ConfigError(f"{path}: no such file or folder; expected {EXPECTED_PATHS}")
    if path.is_file():
        if path.suffix != ".parquet":
            raise ConfigError(f"{path}: not a .parquet file; expected {EXPECTED_PATHS}")
        name, table, nested = _read_parquet(path, None, frames)
        yield TablePart(name, table, str(path), nested=nested)
    elif any((path / file).exists() for file in RELEASE_FILES.values()):
        yield from _release_parts(path, frames)
    elif (path / "data").is_dir():
        yield from _hub_parts(path, frames)
    else:
        releases = sorted(child.name for child in path.iterdir() if (child / RELEASE_FILES["documents"]).is_file())
        hint = f"; it holds the releases {', '.join(releases)}: give one of them" if releases else ""
        raise ConfigError(f"{path}: neither a release nor a hub folder{hint}; expected {EXPECTED_PATHS}")


def _read_parquet(path: Path, name: str | None,
                  frames: bool) -> tuple[str, pa.Table | pl.DataFrame, Future[pl.DataFrame] | None]:
    """The file's table name (recognised by its columns unless given), its rows and, for documents read
    into polars whose nested spans are of the schema's type, those spans apart: their column is most of
    the documents' decoding (a row per span), and only the nested-span rules need it. It is read in a
    thread of its own, while the rules that do not need it start."""
    try:
        schema = pq.read_schema(path)
        name = name or _recognise(schema.names, path)
        if frames and not _hub_form(schema, name):
            if name == "documents" and "spans" in schema.names and (
                    pl.read_parquet_schema(path)["spans"] == polars_schema("documents")["spans"]):
                others = pl.read_parquet(path, columns=[column for column in schema.names if column != "spans"])
                pool = ThreadPoolExecutor(1)
                nested = pool.submit(_read_nested, path)
                pool.shutdown(wait=False)  # not waiting: its thread ends with the read
                return name, others, nested
            return name, pl.read_parquet(path), None
        with pq.ParquetFile(path) as file:  # not pq.read_table: its dataset layer costs more than the read
            return name, file.read(), None
    except (pa.ArrowException, OSError, pl.exceptions.PolarsError) as error:
        raise InputError(f"{path}: not a readable Parquet file: {error}") from None


def _read_nested(path: Path) -> pl.DataFrame:
    try:
        return pl.read_parquet(path, columns=["spans"])
    except (OSError, pl.exceptions.PolarsError) as error:
        raise InputError(f"{path}: not a readable Parquet file: {error}") from None


def _recognise(columns: Sequence[str], path: Path) -> str:
    scores = {name: len(set(columns) & {c.name for c in cols}) - len(set(columns) - {c.name for c in cols})
              for name, cols in TABLES.items()}
    best = max(scores, key=scores.__getitem__)
    if scores[best] <= 0 or list(scores.values()).count(scores[best]) > 1:
        expected = "; ".join(f"{name}: {', '.join(c.name for c in cols)}" for name, cols in TABLES.items())
        raise InputError(f"{path}: columns {', '.join(columns)} match neither corpus table; expected {expected}")
    return best


def _release_parts(folder: Path, frames: bool) -> Iterator[TablePart]:
    missing = [file for file in RELEASE_FILES.values() if not (folder / file).is_file()]
    if missing:
        raise InputError(f"{folder}: release folder lacks {', '.join(missing)}; a release has "
                         f"{', '.join(RELEASE_FILES.values())}")
    yield from _read_files([(name, folder / file, None) for name, file in RELEASE_FILES.items()], frames)


def _hub_parts(folder: Path, frames: bool) -> Iterator[TablePart]:
    if not (folder / "README.md").is_file():
        raise InputError(f"{folder}: hub folder lacks README.md (the dataset card)")
    shards: list[tuple[str, Path, str]] = []
    for name in TABLES:
        table_folder = folder / "data" / name
        files = sorted(table_folder.glob("*.parquet")) if table_folder.is_dir() else []
        if not files:
            raise InputError(f"{folder}: hub folder has no "
                             f"{table_folder.relative_to(folder)}/<split>-NNNNN-of-NNNNN.parquet")
        by_split: dict[str, list[tuple[int, int]]] = {}
        for file in files:
            match = HUB_SHARD_RE.fullmatch(file.name)
            if match is None or match["split"] not in SPLITS:
                raise InputError(f"{file}: not a hub shard name <split>-NNNNN-of-NNNNN.parquet with split one of "
                                 f"{', '.join(SPLITS)}")
            by_split.setdefault(match["split"], []).append((int(match["index"]), int(match["total"])))
            shards.append((name, file, match["split"]))
        for split, numbers in by_split.items():
            totals = {total for _, total in numbers}
            expected = {(index, total) for total in totals for index in range(total)}
            if len(totals) != 1 or set(numbers) != expected:
                raise InputError(f"{table_folder}: the {split} shards are incomplete or inconsistent: have "
                                 f"{', '.join(f'{i:05d}-of-{t:05d}' for i, t in sorted(numbers))}")
    yield from _read_files(shards, frames)


def _read_files(files: Sequence[tuple[str, Path, str | None]], frames: bool) -> Iterator[TablePart]:
    """The parts of (table name, file, split) files, in order, read two at a time: polars and Arrow
    decode a file mostly on one core, and release the GIL. The next file is read while one is handed
    over, so no more than two are held here."""
    def part(name: str, file: Path, split: str | None, read: Future) -> TablePart:
        _, table, nested = read.result()
        return TablePart(name, table, str(file), split, nested=nested)

    with ThreadPoolExecutor(2) as pool:
        reading: deque[tuple[str, Path, str | None, Future]] = deque()
        for name, file, split in files:
            reading.append((name, file, split, pool.submit(_read_parquet, file, name, frames)))
            if len(reading) == 2:
                yield part(*reading.popleft())
        while reading:
            yield part(*reading.popleft())


# --- validation ----------------------------------------------------------------------------------------

@dataclass
class _Table:
    """One table, its parts concatenated; ``_row`` numbers rows across parts, ``locations`` maps back:
    (first row, file, row numbers given by the part) of each part. ``nested``: the parts whose ``spans``
    column is read apart (then every part's), which ``frame`` lacks until ``with_nested``."""

    name: str
    frame: pl.DataFrame | None
    locations: list[tuple[int, str | None, Sequence[int] | None]]
    n_rows: int
    nested: list[tuple[int, TablePart, int, Any]] = field(default_factory=list)

    def with_nested(self, failures: list[Failure]) -> pl.DataFrame | None:
        """The frame with the ``spans`` column of the parts read apart, whose schema failures go to
        ``failures``; once only: the column is then let go with the frame returned."""
        nested, self.nested = self.nested, []
        if not nested or self.frame is None:
            return self.frame
        columns = []
        for _, part, offset, schema in nested:
            column, part_failures = _checked_nested(part, offset, schema)
            columns.append(column)
            failures.extend(part_failures)
        return self.frame.with_columns(pl.concat(columns))

    def locate(self, row: int) -> tuple[str | None, int]:
        offset, file, rows = next(location for location in reversed(self.locations) if location[0] <= row)
        if rows is not None:
            return file, row  # already numbered in the whole table
        return file, row - offset


def validate_parts(parts: Iterable[TablePart], sources: tuple[str, ...] = ()) -> ValidationReport:
    """Validate table parts (several files of a table are one table) against every rule."""
    failures: list[Failure] = []
    tables = _load(parts, failures)
    documents, spans = tables.get("documents"), tables.get("spans")
    docs = documents.frame if documents else None  # without the nested spans when they are read apart
    span_frame = spans.frame if spans else None
    if docs is not None:  # each text's length in characters, counted once for the rules on n_chars and spans
        docs = docs.with_columns(_length=pl.col("text").str.len_chars())

    texts = _texts(docs) if docs is not None else None

    def other_rules() -> tuple[list[Failure], int]:
        failures = []
        if docs is not None:
            failures += _document_failures(docs)
        if span_frame is not None:
            failures += _span_status_failures(span_frame, texts) if texts is not None else []
            failures += _duplicates(span_frame, "span_id", Rule.UNIQUE_SPAN_ID, "spans")
            failures += _split_shard_failures(span_frame)
        # The nested spans last: read apart, they may still be being read; freed when done.
        with_nested = documents.with_nested(failures) if documents else None
        if with_nested is not None:
            failures += _status_failures(with_nested) + _nested_span_failures(with_nested, texts, span_frame)
        return failures, 0 if with_nested is None else with_nested.get_column("spans").list.len().sum()

    with ThreadPoolExecutor(1) as pool:
        # The other rules (hashing every text, the nested spans, the spans' status, repeated span ids) run
        # while the span rules check the spans table: polars and hashlib release the GIL, and either leaves
        # a core idle at times.
        checking = pool.submit(other_rules)
        dedicated = _table_span_failures(span_frame, texts) if span_frame is not None else []
        others, n_nested = checking.result()
        dedicated += others
    failures = _drop_covered_schema_failures(failures, dedicated) + dedicated

    located = []
    for failure in failures:
        if failure.row is not None and failure.table in tables and failure.file is None:
            file, row = tables[failure.table].locate(failure.row)
            failure = replace(failure, file=file, row=row)
        located.append(failure)
    n_spans = spans.n_rows if spans else n_nested
    return ValidationReport(
        failures=tuple(sorted(located, key=Failure.sort_key)),
        counts={name: table.n_rows for name, table in tables.items()},
        n_documents=documents.n_rows if documents else 0,
        n_spans=n_spans,
        sources=sources,
    )


def _load(parts: Iterable[TablePart], failures: list[Failure]) -> dict[str, _Table]:
    """The tables of ``parts``, each checked against the schema (its failures added to ``failures``). Only
    the tables hold on to the parts' data: nested spans read apart are let go once used."""
    # The parts are read (polars and Arrow release the GIL) while pandera, which the schema checks need,
    # is imported: half a second of Python, pandas with it.
    with ThreadPoolExecutor(1) as pool:
        reading = pool.submit(list, parts)
        _warm_pandera()
        parts = reading.result()
    loaders: dict[str, _Loader] = {}
    with ThreadPoolExecutor(2) as pool:
        for part in parts:
            loaders.setdefault(part.name, _Loader(part.name)).add(part, pool)
        return {name: loaders[name].table(failures) for name in TABLES if name in loaders}


def _warm_pandera() -> None:
    """pandera imported and a first validation made, of an empty documents table: it sets up pandera's
    polars backend (a twentieth of a second). One table is enough: a first validation of another schema
    costs about what any later one does (~6 ms)."""
    pandera_schema("documents").validate(pl.DataFrame(schema=polars_schema("documents")))


class _Loader:
    """Collects the parts of one table: each is decoded from hub form, converted to polars and checked
    against the schema, in a thread of ``pool`` (pandera's checks are polars queries, which release the
    GIL); ``table`` concatenates them. The frame is None if any part cannot be used for the other rules
    (a column missing or of the wrong type, hub columns that do not decode)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.checks: list[Future] = []
        self.locations: list[tuple[int, str | None, Sequence[int] | None]] = []
        self.numbered = True  # every part carries its row numbers
        self.n_rows = 0
        self.nested: list[tuple[int, TablePart, int, Any]] = []  # (index, part, offset, schema): spans read apart

    def add(self, part: TablePart, pool: ThreadPoolExecutor) -> None:
        offset = self.n_rows
        self.locations.append((offset, part.file, part.rows))
        self.numbered = self.numbered and part.rows is not None
        self.n_rows += len(part.table)
        # The schema is built here: building it sets warning filters, which threads would race on.
        schema = pandera_schema(self.name)
        if part.nested is not None:
            # The spans column is checked when it is read (with the rows' doc_ids, for the failures).
            nested = schema.select_columns(["spans"])
            nested.strict = False
            self.nested.append((len(self.checks), part, offset, nested))
            schema = schema.remove_columns(["spans"])
        self.checks.append(pool.submit(_checked_part, part, self.name, offset, schema))

    def table(self, failures: list[Failure]) -> _Table:
        frames = []
        for check in self.checks:
            part_frame, part_failures = check.result()
            failures.extend(part_failures)
            frames.append(part_frame)
        nested = self.nested
        if nested and (len(nested) < len(frames) or any(part_frame is None for part_frame in frames)):
            # Not every part can wait for its spans: all are put together now.
            for index, part, offset, schema in nested:
                column, part_failures = _checked_nested(part, offset, schema)
                failures.extend(part_failures)
                if frames[index] is not None:  # where the file has it: parts are concatenated by position
                    position = list(pl.read_parquet_schema(part.file)).index("spans")
                    frames[index] = frames[index].insert_column(position, column)
            nested = []
        frame = None
        if all(part_frame is not None for part_frame in frames):
            frame = (pl.concat(frames, how="vertical_relaxed").with_row_index("_row")
                     .with_columns(pl.col("_row").cast(pl.Int64)))
            if self.numbered:
                frame = frame.with_columns(_row=pl.Series([row for _, _, rows in self.locations for row in rows],
                                                          dtype=pl.Int64))
        return _Table(self.name, frame, self.locations, self.n_rows, nested)


def _checked_nested(part: TablePart, offset: int, schema: Any) -> tuple[pl.Series, list[Failure]]:
    """The ``spans`` column of a part that was read apart, and its failures of ``schema`` (the rows named
    with their doc_ids, as in ``_checked_part``)."""
    nested = part.nested.result()
    ids = part.table.select("doc_id") if "doc_id" in part.table.columns else pl.DataFrame()
    _, failures = _checked_part(replace(part, table=ids.hstack(nested), nested=None), "documents", offset, schema)
    return nested.get_column("spans"), failures


def _checked_part(part: TablePart, name: str, offset: int, schema: Any) -> tuple[pl.DataFrame | None, list[Failure]]:
    """The part in release form, as polars, and its schema failures (rows numbered from ``offset`` unless
    the part numbers them); no frame if it cannot be used for the other rules."""
    if isinstance(part.table, pl.DataFrame):
        frame = part.table
    else:
        table, decode_failure = _release_form(part.table, name)
        if decode_failure is not None:
            return None, [replace(decode_failure, file=part.file)]
        frame = pl.from_arrow(table)
    failures, structural = _schema_failures(frame, schema, offset)
    if part.rows is not None:
        failures = [failure if failure.row is None else replace(failure, row=part.rows[failure.row - offset])
                    for failure in failures]
    return None if structural else frame.with_columns(_shard_split=pl.lit(part.split, pl.String)), failures


def _release_form(table: pa.Table, name: str) -> tuple[pa.Table, Failure | None]:
    """The table with ClassLabel integers decoded to names, when it is in hub form."""
    if not _hub_form(table.schema, name) or not set(arrow_schema(name).names) <= set(table.column_names):
        return table, None
    try:
        decoded = decode_from_hub(table.select(arrow_schema(name).names), name)
    except (pa.ArrowException, TypeError):
        return table, None  # a column has the wrong type: the schema check reports it on the table as is
    except ValueError as error:
        return table, Failure(Rule.SCHEMA, f"cannot decode hub-form (ClassLabel) columns: {error}", name)
    extra = [column for column in table.column_names if column not in decoded.column_names]
    for column in extra:
        decoded = decoded.append_column(table.schema.field(column), table.column(column))
    return decoded, None


def _hub_form(schema: pa.Schema, name: str) -> bool:
    """Whether enumerated columns (or the nested spans' labels) hold ClassLabel integers."""
    enums = [column.name for column in TABLES[name] if column.kind == "enum" and column.name in schema.names]
    nested = "spans" in schema.names and name == "documents" and _nested_label_is_int(schema)
    return nested or any(pa.types.is_integer(schema.field(column).type) for column in enums)


def _nested_label_is_int(schema: pa.Schema) -> bool:
    spans_type = schema.field("spans").type
    if not pa.types.is_list(spans_type) or not pa.types.is_struct(spans_type.value_type):
        return False
    struct = spans_type.value_type
    index = struct.get_field_index("label")
    return index >= 0 and pa.types.is_integer(struct.field(index).type)


def _schema_failures(frame: pl.DataFrame, schema: Any, offset: int) -> tuple[list[Failure], bool]:
    """pandera's failure cases of ``schema`` (a ``pandera_schema``, which imports pandera) as failures;
    ``structural`` when a column is missing or mistyped."""
    import pandera.errors

    name = schema.name
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return [], False
    failures, structural = [], False
    has_ids = {column: column in frame.columns and frame.schema[column] == pl.String
               for column in ("doc_id", "span_id")}
    for case in cases.iter_rows(named=True):
        check, column, value, index = case["check"], case["column"], case["failure_case"], case["index"]
        if check == "column_in_dataframe":
            structural = True
            expected = ", ".join(c.name for c in TABLES[name])
            failures.append(Failure(Rule.SCHEMA, f"column {value!r} is missing; the {name} table has {expected}",
                                    name, column=value))
        elif check == "column_in_schema":
            failures.append(Failure(Rule.SCHEMA, f"unexpected column {value!r}; the {name} table has "
                                    f"{', '.join(c.name for c in TABLES[name])}", name, column=value))
        elif check.startswith("dtype("):
            structural = True
            failures.append(Failure(Rule.SCHEMA, f"column {column!r} has type {value} but must be "
                                    f"{check[len('dtype('):-1]}", name, column=column))
        else:
            row = None if index is None else int(index)
            what = "null in a column that must not be null" if check == "not_nullable" else f"fails {check}"
            ids = {key: frame[key][row] for key, ok in has_ids.items() if ok and row is not None}
            failures.append(Failure(Rule.SCHEMA, f"{column} = {value!r} {what}", name, column=column,
                                    row=None if row is None else row + offset, **ids))
    return failures, structural


def _drop_covered_schema_failures(schema: list[Failure], dedicated: list[Failure]) -> list[Failure]:
    reported = {(failure.table, failure.row, failure.rule) for failure in dedicated}
    return [failure for failure in schema
            if (failure.table, failure.row, _SCHEMA_CHECK_COVERED_BY.get((failure.table, failure.column)))
            not in reported]


# --- documents -----------------------------------------------------------------------------------------

def _duplicates(frame: pl.DataFrame, column: str, rule: str, table: str) -> list[Failure]:
    """Every occurrence of a repeated value after its first."""
    values = frame.get_column(column)
    # Counting distinct values is much cheaper than marking duplicates, and counting distinct hashes
    # cheaper still: equal values hash equally, so distinct hashes prove distinct values.
    distinct = values.len() - max(values.null_count() - 1, 0)  # nulls count as one value
    if _n_distinct_hashes(values) == distinct or values.n_unique() == distinct:
        return []
    repeated = (frame.filter(pl.col(column).is_not_null() & pl.col(column).is_duplicated())
                .sort("_row").group_by(column, maintain_order=True)
                .agg(pl.col("_row"), _doc_ids=pl.col("doc_id")))
    failures = []
    for value, rows, doc_ids in repeated.iter_rows():
        shown = f"{', '.join(map(str, rows[:10]))}{'…' if len(rows) > 10 else ''}"
        for row, doc_id in zip(rows[1:], doc_ids[1:], strict=True):
            failures.append(Failure(rule, f"{column} {value!r} appears {len(rows)} times (rows {shown})", table,
                                    doc_id=doc_id, span_id=value if column == "span_id" else None,
                                    column=column, row=row))
    return failures


def _n_distinct_hashes(values: pl.Series) -> int:
    """How many distinct hashes ``values`` have, counted on the sorted hashes (numpy's sort of a million
    integers costs a third of polars' unique count)."""
    hashes = np.sort(values.hash().to_numpy())
    return int(np.count_nonzero(hashes[1:] != hashes[:-1])) + 1 if len(hashes) else 0


def _document_failures(docs: pl.DataFrame) -> list[Failure]:
    """The rules of each documents row on its own (and doc_ids repeated); ``docs`` has each text's length
    in characters as ``_length`` (see ``validate_parts``)."""
    failures = _duplicates(docs, "doc_id", Rule.UNIQUE_DOC_ID, "documents")
    digests = _sha256_hexdigests(docs.get_column("text"))
    checked = docs.select(
        "_row", "doc_id", "text_sha256", "split", "n_chars", "_shard_split", "_length",
        _digest=pl.Series(digests, dtype=pl.String),
        _expected_split=pl.Series([None if doc_id is None else split_for(doc_id)
                                   for doc_id in docs.get_column("doc_id").to_list()], dtype=pl.String))
    wrong_id = pl.col("doc_id") != pl.col("_digest").str.head(DOC_ID_HEX_CHARS)
    wrong_hash = pl.col("text_sha256") != pl.col("_digest")
    wrong_length = pl.col("n_chars") != pl.col("_length")
    wrong_split = pl.col("split") != pl.col("_expected_split")
    wrong_shard = pl.col("_shard_split") != pl.col("_expected_split")
    for record in checked.filter(pl.any_horizontal(wrong_id, wrong_hash, wrong_length, wrong_split, wrong_shard)
                                 .fill_null(False)).iter_rows(named=True):
        doc_id, row, digest, expected = record["doc_id"], record["_row"], record["_digest"], record["_expected_split"]
        if digest is not None and doc_id is not None and doc_id != digest[:DOC_ID_HEX_CHARS]:
            failures.append(Failure(Rule.DOC_ID_MATCHES_TEXT, f"doc_id {doc_id!r} does not match its text (expected "
                                    f"{digest[:DOC_ID_HEX_CHARS]!r})", "documents", doc_id, column="doc_id", row=row))
        if digest is not None and record["text_sha256"] not in (None, digest):
            failures.append(Failure(Rule.TEXT_HASH_MATCHES, f"text_sha256 {record['text_sha256']!r} is not the "
                                    f"SHA-256 of the text ({digest!r})", "documents", doc_id, column="text_sha256",
                                    row=row))
        if record["_length"] is not None and record["n_chars"] not in (None, record["_length"]):
            failures.append(Failure(Rule.N_CHARS_MATCHES, f"n_chars {record['n_chars']} but the text has "
                                    f"{record['_length']} characters", "documents", doc_id, column="n_chars", row=row))
        if expected is not None and record["split"] not in (None, expected):
            failures.append(Failure(Rule.SPLIT_MATCHES_DOC_ID, f"split {record['split']!r} but doc_id {doc_id!r} "
                                    f"belongs to {expected!r}", "documents", doc_id, column="split", row=row))
        if expected is not None and record["_shard_split"] not in (None, expected):
            failures.append(Failure(Rule.SPLIT_MATCHES_DOC_ID, f"stored in a {record['_shard_split']!r} shard but "
                                    f"doc_id {doc_id!r} belongs to {expected!r}", "documents", doc_id, row=row))
    return failures


def _sha256_hexdigests(texts: pl.Series) -> list[str | None]:
    """SHA-256 of each text's UTF-8 bytes, hashed straight from polars' buffers (exported as Arrow string
    views, which copies nothing). In this one thread, which runs beside the span rules: hashlib releases
    the GIL for each page, and threads taking it back after every page cost more CPU than the hashing
    (six threads: 2.6 times one's, 0.13 CPU-s for 84 MB of pages, and longer to finish on two cores)."""
    array = texts.rechunk().to_arrow(compat_level=pl.CompatLevel.newest())
    if len(array) == 0:
        return []
    # Arrow's string view: the length, then the text itself up to 12 bytes, else a prefix and where it is.
    buffers = array.buffers()
    inline = memoryview(buffers[1])[array.offset * _VIEW.itemsize:]
    views = np.frombuffer(inline, _VIEW, count=len(array))
    lengths, buffer_indexes, offsets = (views[field].tolist() for field in ("length", "buffer", "offset"))
    data = [memoryview(buffer) for buffer in buffers[2:]]
    valid = array.is_valid().to_pylist()

    def text(index: int) -> memoryview:
        length = lengths[index]
        if length <= _VIEW_INLINE_BYTES:
            start = index * _VIEW.itemsize + 4
            return inline[start:start + length]
        return data[buffer_indexes[index]][offsets[index]:offsets[index] + length]

    return [hashlib.sha256(text(index)).hexdigest() if valid[index] else None for index in range(len(array))]


def _split_shard_failures(spans: pl.DataFrame) -> list[Failure]:
    """Spans in a hub shard of one split must belong to documents of that split."""
    shards = (spans.filter(pl.col("_shard_split").is_not_null() & pl.col("doc_id").is_not_null())
              .group_by("doc_id", "_shard_split").agg(pl.col("_row").min(), pl.len()).sort("_row"))
    failures = []
    for doc_id, split, first_row, count in shards.iter_rows():
        expected = split_for(doc_id)
        if split != expected:
            failures.append(Failure(Rule.SPLIT_MATCHES_DOC_ID, f"{count} spans stored in a {split!r} shard but doc_id "
                                    f"{doc_id!r} belongs to {expected!r}", "spans", doc_id, row=first_row))
    return failures


def _status_failures(docs: pl.DataFrame) -> list[Failure]:
    """The annotation status agrees with the nested spans and annotation ids."""
    unannotated = pl.col("annotation_status") == ANNOTATION_STATUSES[0]
    n_spans = pl.col("spans").list.len().fill_null(0)
    n_ids = pl.col("annotation_ids").list.len().fill_null(0)
    failures = []
    for row, doc_id, status, spans, ids in docs.filter(
            (unannotated & ((n_spans > 0) | (n_ids > 0))) | (~unannotated & (n_ids == 0))
    ).select("_row", "doc_id", "annotation_status", n_spans, n_ids).iter_rows():
        if status == ANNOTATION_STATUSES[0]:
            message = f"annotation_status is {status!r} but the document has {spans} spans and {ids} annotation_ids"
        else:
            message = f"annotation_status is {status!r} but annotation_ids is empty"
        failures.append(Failure(Rule.STATUS_CONSISTENT, message, "documents", doc_id, column="annotation_status",
                                row=row))
    return failures


# --- spans ---------------------------------------------------------------------------------------------

class _SpanRow(NamedTuple):
    """A span as read from a table, for ``span_faults``; ``row``/``position`` say where it was read."""

    start: int
    end: int
    label: str
    text: str
    span_id: str | None
    row: int
    position: int | None


def _nested(docs: pl.DataFrame) -> pl.DataFrame:
    """The documents' nested spans, one row each, with the document's row and the position in its list."""
    return (_rows_where(docs.select("doc_id", pl.col("_row"), "spans"), pl.col("spans").list.len() > 0)
            .with_columns(_position=pl.int_ranges(pl.col("spans").list.len(), dtype=pl.Int64))
            .explode("spans", "_position")
            .select("doc_id", "_row", "_position", pl.col("spans").struct.unnest()))


def _texts(docs: pl.DataFrame) -> pl.DataFrame:
    """Per doc_id (the first row of a repeated one), what the span rules need of its document (its text's
    length counted in ``validate_parts``)."""
    # The columns first: filtering copies every column it keeps (the nested spans are most of a document).
    return (docs.select("doc_id", "annotation_status", "annotation_ids", doc_text="text", doc_row="_row",
                        doc_n_chars="_length")
            .filter(pl.col("doc_id").is_not_null()).unique("doc_id", keep="first", maintain_order=True)
            .with_columns(complete=(pl.col("annotation_status") != ANNOTATION_STATUSES[0]).fill_null(False)))


def _table_span_failures(spans: pl.DataFrame, texts: pl.DataFrame | None) -> list[Failure]:
    """The rules of the spans table's rows: with their documents' ``texts`` when the documents are given."""
    failures: list[Failure] = []
    table_spans = spans.select("doc_id", "span_id", "layer", "label", "start", "end", "text", "_row",
                               _position=pl.lit(None, pl.Int64))
    if texts is not None:
        # A left join on doc_id, by each span's row in ``texts`` (doc_ids are unique there): a join would
        # copy every column of the spans, a third of the memory the rules take. Looked up once per run of
        # equal doc_ids (a document's spans are in a row), not per span: less than half the CPU time.
        runs = spans.get_column("doc_id").rle()
        run_rows = runs.struct.field("value").replace_strict(
            texts.get_column("doc_id"), pl.int_range(texts.height, dtype=pl.UInt32, eager=True), default=None)
        found = run_rows.gather(np.repeat(np.arange(len(runs), dtype=np.uint32), runs.struct.field("len").to_numpy()))
        table_spans = _aligned(table_spans.hstack(texts.select(pl.col(_TEXT_COLUMNS[1:]).gather(found))))
        failures += _orphans(table_spans)
    return failures + _span_failures(table_spans, texts, "spans")


def _aligned(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with its one-chunk columns cut, without copying, into the chunks its other columns share
    (a file's row groups): given columns chunked apart, polars copies the frame's columns into one chunk
    each for every query over it."""
    chunkings = {tuple(frame.get_column(name).chunk_lengths()) for name in frame.columns}
    several = [lengths for lengths in chunkings if len(lengths) > 1]
    if len(several) != 1:
        return frame
    bounds = np.cumsum((0, *several[0])).tolist()

    def cut(column: pl.Series) -> pl.Series:
        if column.n_chunks() > 1:
            return column
        return pl.concat([column.slice(start, stop - start) for start, stop in itertools.pairwise(bounds)],
                         rechunk=False)

    return pl.DataFrame([cut(frame.get_column(name)) for name in frame.columns])


def _nested_span_failures(docs: pl.DataFrame, texts: pl.DataFrame, spans: pl.DataFrame | None) -> list[Failure]:
    """The rules of the documents' nested spans: equal to the spans table's rows of each document when it
    is given (then the span rules, already run on those rows, only run where they differ)."""
    if spans is not None and _nested_unbroken_copy(docs, spans):
        return []
    nested = _nested(docs)
    failures = _nested_schema_failures(nested)
    checked_texts = texts
    if spans is not None:
        differences, differing = _nested_differences(nested, spans, docs)
        failures += differences
        nested = nested.filter(pl.col("doc_id").is_in(differing))
        checked_texts = texts.filter(pl.col("doc_id").is_in(differing))
    failures += _duplicates(nested, "span_id", Rule.UNIQUE_SPAN_ID, "documents")
    return failures + _span_failures(nested.join(texts.select(_TEXT_COLUMNS).drop("doc_row"), on="doc_id", how="left")
                                     .with_columns(doc_row=pl.col("_row")), checked_texts, "documents")


def _orphans(spans: pl.DataFrame) -> list[Failure]:
    # Filtering only when there are orphans: the spans' columns are chunked apart from their documents'
    # (looked up), which a filter aligns by copying them.
    is_orphan = pl.col("doc_row").is_null() & pl.col("doc_id").is_not_null()
    if not spans.select(is_orphan.any()).item():
        return []
    orphans = spans.filter(is_orphan)
    return [Failure(Rule.ORPHAN_SPAN, f"span of doc_id {doc_id!r}, which is not in the documents table", "spans",
                    doc_id, span_id, start, end, column="doc_id", row=row)
            for doc_id, span_id, start, end, row in orphans.select("doc_id", "span_id", "start", "end", "_row")
            .iter_rows()]


def _span_status_failures(spans: pl.DataFrame, texts: pl.DataFrame) -> list[Failure]:
    """Spans-table rows agree with their document's annotation status and ids."""
    # Counted per document, origin and annotation id before the join: a document's spans share a few, and
    # are mostly in a row, so runs of rows are counted first (cheaper than grouping a million). A run of
    # the three keys starts wherever one of them starts a run: each column's runs are found apart
    # (polars' run-length encoding, which allocates per run, not per span), their starts merged.
    if spans.is_empty():
        return []
    keys = ("doc_id", "origin", "annotation_id")
    starts = functools.reduce(np.union1d, (_run_starts(spans.get_column(key)) for key in keys))
    runs = spans.select(keys).gather(starts).with_columns(len=pl.Series(np.diff(starts, append=spans.height)))
    disagreeing = (runs.group_by(*keys).agg(pl.col("len").sum())
                   .join(texts.select("doc_id", "annotation_status", "annotation_ids", "doc_row"), on="doc_id")
                   .filter(((pl.col("annotation_status") == ANNOTATION_STATUSES[0])
                            | (pl.col("origin") != pl.col("annotation_status"))
                            | ~pl.col("annotation_ids").list.contains(pl.col("annotation_id"))).fill_null(False))
                   .group_by("doc_id", "annotation_status", "doc_row")
                   .agg(pl.col("len").sum(), pl.col("origin").unique().sort(), pl.col("annotation_id").unique().sort(),
                        pl.col("annotation_ids").first()))
    failures = []
    for doc_id, status, doc_row, count, origins, ids, doc_ids in disagreeing.sort("doc_row").iter_rows():
        if status == ANNOTATION_STATUSES[0]:
            message = f"annotation_status is {status!r} but the spans table has {count} spans of the document"
        else:
            message = (f"{count} spans-table rows have origin {origins} / annotation_id {ids}, but the "
                       f"document's annotation_status is {status!r} and annotation_ids {doc_ids}")
        failures.append(Failure(Rule.STATUS_CONSISTENT, message, "documents", doc_id, column="annotation_status",
                                row=doc_row))
    return failures


def _run_starts(column: pl.Series) -> np.ndarray:
    """The first row of each run of equal values in ``column``."""
    lengths = column.rle().struct.field("len").to_numpy()
    return np.cumsum(lengths, dtype=np.int64) - lengths


def _nested_schema_failures(nested: pl.DataFrame) -> list[Failure]:
    """pandera checks the ``spans`` column's type only; the values inside are checked here."""
    required = [f.name for f in SPAN_FIELDS if not f.nullable]
    broken = nested.filter(_nested_schema_broken())
    failures = []
    for record in broken.iter_rows(named=True):
        nulls = [name for name in required if record[name] is None]
        problem = (f"{', '.join(nulls)} null" if nulls else f"score {record['score']!r} outside [0, 1]")
        failures.append(Failure(Rule.SCHEMA, f"spans[{record['_position']}]: {problem}", "documents",
                                record["doc_id"], record["span_id"], record["start"], record["end"],
                                column="spans", row=record["_row"]))
    return failures


def _nested_schema_broken() -> pl.Expr:
    """A nested span with a required field null or a score outside [0, 1]."""
    required = [f.name for f in SPAN_FIELDS if not f.nullable]
    return pl.any_horizontal(pl.col(required).is_null()) | ~pl.col("score").is_between(0.0, 1.0)


def _nested_unbroken_copy(docs: pl.DataFrame, spans: pl.DataFrame) -> bool:
    """Whether the nested spans, in document order, are the spans table's rows (every field of
    ``_SPAN_KEY``) and none breaks the schema: then no rule is left to check on them (the span rules run
    only where they differ). Compared column by column on the lists' values, which costs a fraction of
    exploding the documents into one row per span, as ``_nested`` does for the other cases.

    A spans-table row without a doc_id belongs to no document: it is a difference (``_nested_differences``
    leaves it out of the table side) however the nested values compare."""
    nested = docs.get_column("spans")
    lengths = nested.list.len().fill_null(0)
    if lengths.sum() != spans.height or spans.get_column("doc_id").null_count():
        return False
    # The lists' values as they are stored, through Arrow (exploding copies them).
    values = pl.concat([pl.from_arrow(chunk.flatten()).struct.unnest() for chunk in
                        nested.to_frame().to_arrow(compat_level=pl.CompatLevel.newest()).column(0).chunks],
                       rechunk=False)
    # Each span's doc_id is its document's: compared as runs of equal doc_ids (a document's spans are one),
    # not repeated for each span.
    document_runs = (docs.select("doc_id", len=lengths.cast(pl.Int64)).filter(pl.col("len") > 0)
                     .group_by(_run=pl.col("doc_id").rle_id(), maintain_order=True)
                     .agg(pl.col("len").sum(), value=pl.col("doc_id").first()).drop("_run"))
    table_runs = spans.get_column("doc_id").rle().struct.unnest().with_columns(pl.col("len").cast(pl.Int64))
    if not document_runs.equals(table_runs, null_equal=True):
        return False
    for start, stop in _slices(spans.get_column("doc_id")):
        table = spans.slice(start, stop - start)
        if not all(values.get_column(name).slice(start, stop - start).equals(
                table.get_column(name), check_dtypes=True, null_equal=True) for name in _SPAN_KEY if name != "doc_id"):
            return False
    return values.filter(_nested_schema_broken()).is_empty()


def _slices(column: pl.Series) -> list[tuple[int, int]]:
    """(start, stop) of consecutive slices of ``column`` of about ``_CHUNK_SPANS`` rows, cut where its chunks
    are (a file's row groups). Columns are compared a slice at a time: compared whole, polars copies them
    into matching chunks, and a document's doc_id repeated for each of its spans takes 32 MB at a million."""
    slices, start, stop = [], 0, 0
    for length in column.chunk_lengths():
        stop += length
        if stop - start >= _CHUNK_SPANS:
            slices.append((start, stop))
            start = stop
    return [*slices, (start, stop)] if stop > start else slices


def _nested_differences(nested: pl.DataFrame, spans: pl.DataFrame,
                        docs: pl.DataFrame) -> tuple[list[Failure], list[str]]:
    """Differences between each documents row's nested spans and the spans-table rows of that document,
    and the doc_ids that have any."""
    table = spans.select(*_SPAN_KEY, "_row")
    known = table.get_column("doc_id").is_in(docs.get_column("doc_id").unique().implode()).fill_null(False)
    if not known.all():  # filtering copies every row: only when some spans' documents are missing
        table = table.filter(known)
    inner = nested.select(*_SPAN_KEY, "_row", "_position")
    if inner.height == table.height and inner.select(_SPAN_KEY).equals(table.select(_SPAN_KEY), null_equal=True):
        return [], []
    occurrence = pl.int_range(pl.len()).over(_SPAN_KEY)
    inner = inner.with_columns(_occurrence=occurrence)
    table = table.with_columns(_occurrence=occurrence)
    keys = [*_SPAN_KEY, "_occurrence"]
    only_inner = inner.join(table, on=keys, how="anti", nulls_equal=True)
    only_table = table.join(inner, on=keys, how="anti", nulls_equal=True)
    doc_rows = dict(docs.unique("doc_id", keep="first").select("doc_id", "_row").iter_rows())
    table_side: dict[tuple, dict] = {}
    for record in only_table.iter_rows(named=True):
        table_side.setdefault((record["doc_id"], record["span_id"]), record)
    failures = []
    for record in only_inner.iter_rows(named=True):
        key = (record["doc_id"], record["span_id"])
        counterpart = table_side.pop(key, None)
        if counterpart is None:
            message = (f"spans[{record['_position']}] {_describe(record)} is not in the spans table")
        else:
            changes = "; ".join(f"{name} {record[name]!r} here, {counterpart[name]!r} in the spans table (row "
                                f"{counterpart['_row']})" for name in _SPAN_KEY if record[name] != counterpart[name])
            message = f"spans[{record['_position']}] {_describe(record)} differs: {changes}"
        failures.append(Failure(Rule.NESTED_SPANS_MATCH, message, "documents", record["doc_id"], record["span_id"],
                                record["start"], record["end"], column="spans", row=record["_row"]))
    for (doc_id, span_id), record in table_side.items():
        failures.append(Failure(Rule.NESTED_SPANS_MATCH, f"spans-table row {record['_row']} "
                                f"{_describe(record)} is missing from the document's nested spans", "documents",
                                doc_id, span_id, record["start"], record["end"], column="spans",
                                row=doc_rows.get(doc_id)))
    differing = sorted({f.doc_id for f in failures if f.doc_id is not None})
    return failures, differing


def _describe(record: Mapping[str, Any]) -> str:
    return f"{record['span_id']!r} ({record['label']} [{record['start']}, {record['end']}))"


def _span_failures(spans: pl.DataFrame, texts: pl.DataFrame | None, table: str) -> list[Failure]:
    """The span rules over ``spans`` (table rows or nested spans, joined to ``texts`` when given): layer per
    row, then ``span_faults`` for the documents the column-wise checks flag. Documents in ``texts`` are
    checked with their text (and coverage when complete), even without spans; other spans without it."""
    columns = ["doc_id", "span_id", "layer", "label", "start", "end", "text", "_row", "_position"]
    if texts is not None:
        columns += ["doc_text", "doc_row", "doc_n_chars", "complete"]
    # Only the columns used: each filter below copies every column it keeps, per span.
    usable = _rows_where(spans.select(columns),
                         pl.all_horizontal(pl.col("doc_id", "label", "start", "end", "text").is_not_null()))
    usable = usable.with_columns(_layer=pl.col("label").replace_strict(LAYER_OF_LABEL, default=None,
                                                                         return_dtype=pl.String))
    failures = _layer_failures(usable, table)
    if texts is None:
        return failures + _textless_span_failures(usable, table)
    has_text = pl.col("doc_text").is_not_null()
    failures += _textless_span_failures(usable.filter(~has_text), table)
    with_text, texts = _rows_where(usable, has_text), texts.filter(pl.col("doc_text").is_not_null())
    return failures + _explain(_suspects(with_text, texts), with_text, texts, table)


def _rows_where(frame: pl.DataFrame, condition: pl.Expr) -> pl.DataFrame:
    """``frame.filter(condition)``, without its copy of every row when all rows are kept."""
    keep = frame.select(condition.fill_null(False)).to_series()
    return frame if keep.all() else frame.filter(keep)


def _layer_failures(spans: pl.DataFrame, table: str) -> list[Failure]:
    wrong = spans.filter(pl.col("_layer").is_not_null() & pl.col("layer").is_not_null()
                         & (pl.col("layer") != pl.col("_layer")))
    return [Failure(Rule.LABEL_LAYER, f"{_where(position)}layer {layer!r} but label {label!r} is in layer {expected!r}",
                    table, doc_id, span_id, start, end, column="layer", row=row)
            for doc_id, span_id, start, end, row, position, layer, label, expected in wrong.select(
                "doc_id", "span_id", "start", "end", "_row", "_position", "layer", "label", "_layer").iter_rows()]


def _where(position: int | None) -> str:
    return "" if position is None else f"spans[{position}]: "


def _suspects(spans: pl.DataFrame, texts: pl.DataFrame) -> pl.DataFrame:
    """The doc_ids of documents whose spans may break a rule of ``span_faults``, found column-wise.

    Spans are sorted by document and start, zones before quotes, so that the zone a quote must lie in and
    the span each span must not overlap are the last ones before it. Only consecutive spans are compared:
    if no two consecutive spans of a layer overlap, none do. Documents with an overlap are suspects, so
    the other checks may assume none.

    A character offset is found by decoding the text up to it, which makes slicing a document's text at
    each span cost the length of the text, per span. So in a complete document spans are compared in
    bytes: each zone's byte offset is its character offset plus the extra bytes of the (stored) zone
    texts before it, which holds exactly when every gap before it is ASCII whitespace (the gap's bytes
    are checked) and every zone before it matches; a quote is sliced from the text of the zone it lies
    in. A gap that is not ASCII whitespace makes its document a suspect. In other documents, which need
    no coverage, spans are sliced in characters.
    """
    in_range = pl.col("_layer").is_not_null() & (pl.col("start") >= 0) & (pl.col("start") < pl.col("end")) & (
        pl.col("end") <= pl.col("doc_n_chars"))
    flagged = spans.lazy().filter(~in_range.fill_null(False)).select("doc_id")
    good = _rows_where(spans, in_range)
    if not _is_ordered(good, "doc_row"):
        good = good.sort("doc_row", "start", pl.col("_layer") == "quote", "end")
    # Documents a few at a time (``_CHUNK_SPANS``): a span's checks need only the spans of its document
    # before it. Two chunks at once: a chunk's ordering runs mostly on one core, and these checks finish
    # last, after the other rules' thread has ended.
    found, zone_ends = [], [pl.DataFrame(schema={"doc_row": pl.Int64, "_last_end": pl.Int64})]
    with ThreadPoolExecutor(2) as pool:
        for chunk_suspects, chunk_zone_ends in pool.map(_chunk_suspects, _document_chunks(good, "doc_row")):
            found.append(chunk_suspects)
            zone_ends.append(chunk_zone_ends)
    tails = (texts.lazy().filter(pl.col("complete"))
             .join(pl.concat(zone_ends).lazy(), on="doc_row", how="left")
             .filter(pl.col("doc_text").str.slice(pl.col("_last_end").fill_null(0))
                     .str.strip_chars() != "").select("doc_id"))
    return pl.concat([flagged, tails, *(frame.lazy() for frame in found)]).unique().collect(engine="in-memory")


def _document_chunks(spans: pl.DataFrame, document: str) -> Iterator[pl.DataFrame]:
    """``spans`` (ordered by ``document``) in slices of about ``_CHUNK_SPANS`` rows, cut between documents."""
    documents = spans.get_column(document).to_numpy()
    starts = np.flatnonzero(documents[1:] != documents[:-1]) + 1  # the first row of each document but the first
    first = 0
    while first < spans.height:
        later = starts[np.searchsorted(starts, first + _CHUNK_SPANS):]
        stop = int(later[0]) if len(later) else spans.height
        yield spans.slice(first, stop - first)
        first = stop


def _chunk_suspects(good: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The doc_ids of ``good`` spans' documents (whole documents, in order) that a check of ``_suspects``
    flags, and the end of each document's last zone (for its text's tail)."""
    is_zone = pl.col("_layer") == "zone"
    length = pl.col("end") - pl.col("start")
    doc_bytes, n_bytes = pl.col("doc_text").cast(pl.Binary), pl.col("text").str.len_bytes().cast(pl.Int64)
    extra = pl.when(is_zone).then(n_bytes - length).otherwise(0)
    # The extra bytes before each span, summed over all spans, less that sum at its document's first span
    # (documents are contiguous once ordered; cheaper than a window over them).
    extra_before = extra.cum_sum() - extra
    first_of_document = pl.col("_document").ne_missing(pl.col("_document").shift(1))
    # The order (forward fills) needs the in-memory engine; the checks of each span after it are
    # independent of each other, which the streaming engine runs on every core.
    ordered = (_ordered(good.lazy(), "doc_row", presorted=True)
               .select("doc_id", "_document", "_layer", "start", "end", "text", "doc_text", "complete",
                       "_zone_document", "_zone_end", "_zone_in_container", "_zone_start", "_zone_text",
                       "_previous_zone_end", "_previous_quote_end",
                       _offset=pl.col("start") + extra_before
                       - pl.when(first_of_document).then(extra_before).forward_fill())
               .collect(engine="in-memory"))

    def spans_of(kind: pl.Expr) -> pl.LazyFrame:
        return ordered.lazy().filter(kind)

    # Whitespace at either end, in one pass: stripping it leaves a shorter view of the same text. polars
    # strips Unicode's White_Space, which is ``WHITESPACE_CLASS`` (tested): faster than a set of characters.
    untrimmed = pl.col("text").str.strip_chars().str.len_bytes() != n_bytes
    # Overlapping zones give a negative gap; their document is a suspect anyway.
    gap = (pl.col("start") - pl.col("_previous_zone_end").fill_null(0)).clip(0)
    # Byte by byte, in hex: a gap's bytes may cut a character (when it is not ASCII), which no string holds.
    gap_is_whitespace = doc_bytes.bin.slice(pl.col("_offset") - gap, gap).bin.encode("hex").str.contains(
        f"^(?:{'|'.join(f'{ord(char):02x}' for char in _ASCII_WHITESPACE)})*$")
    zone_differs = ((doc_bytes.bin.slice(pl.col("_offset"), n_bytes) != pl.col("text").cast(pl.Binary))
                    | (pl.col("text").str.len_chars() != length) | ~gap_is_whitespace)
    quote_differs = pl.col("_zone_text").str.slice(pl.col("start") - pl.col("_zone_start"), length) != pl.col("text")
    complete = pl.col("complete")
    zones_in_bytes = spans_of(complete & is_zone).filter(_order_faults() | zone_differs | untrimmed)
    quotes_in_bytes = spans_of(complete & ~is_zone).filter(_order_faults() | quote_differs)
    zones_in_chars = spans_of(~complete & is_zone).filter(
        _order_faults() | (pl.col("doc_text").str.slice(pl.col("start"), length) != pl.col("text")) | untrimmed)
    quotes_in_chars = spans_of(~complete & ~is_zone).filter(
        _order_faults() | (pl.col("doc_text").str.slice(pl.col("start"), length) != pl.col("text")))
    zone_ends = ordered.lazy().filter(is_zone).group_by(doc_row="_document").agg(_last_end=pl.col("end").max())
    # Without predicate pushdown, which would merge each kind's filter into its checks' filter, and so
    # compute the checks of one kind of span on every span (filtering eagerly instead copies the spans).
    return pl.collect_all(
        [pl.concat([frame.select("doc_id") for frame in (zones_in_bytes, quotes_in_bytes, zones_in_chars,
                                                         quotes_in_chars)]).unique(), zone_ends],
        engine="streaming", optimizations=pl.QueryOptFlags(predicate_pushdown=False))


def _is_ordered(spans: pl.DataFrame, document: str) -> bool:
    """Whether ``spans`` are in the order ``_ordered`` sorts them in, as tables are written."""
    keys = (pl.col(document), pl.col("start"), (pl.col("_layer") == "quote").cast(pl.Int8), pl.col("end"))
    ordered = pl.lit(True)
    for key in reversed(keys):  # lexicographic, from the last key: each earlier one decides unless equal
        ordered = (key > key.shift(1)) | ((key == key.shift(1)) & ordered)
    return spans.select(ordered.fill_null(True).all()).item()


def _ordered(spans: pl.LazyFrame, document: str, presorted: bool = False) -> pl.LazyFrame:
    """``spans`` sorted by ``document`` and start, with the last zone and quote before each span."""
    is_zone, is_quote = pl.col("_layer") == "zone", pl.col("_layer") == "quote"
    in_container = pl.col("label") == QUOTE_CONTAINER_LABEL  # a boolean, not the label: less to copy per span
    spans = spans.with_columns(_document=pl.col(document), _is_quote=is_quote)
    return ((spans if presorted else spans.sort("_document", "start", "_is_quote", "end"))
            .with_columns(_zone_document=pl.when(is_zone).then("_document").forward_fill(),
                          _zone_end=pl.when(is_zone).then("end").forward_fill(),
                          _zone_in_container=pl.when(is_zone).then(in_container).forward_fill(),
                          _zone_start=pl.when(is_zone).then("start").forward_fill(),
                          _zone_text=pl.when(is_zone).then("text").forward_fill(),
                          _quote_document=pl.when(is_quote).then("_document").forward_fill(),
                          _quote_end=pl.when(is_quote).then("end").forward_fill())
            .with_columns(_previous_zone_end=pl.when(pl.col("_zone_document").shift(1) == pl.col("_document"))
                          .then(pl.col("_zone_end").shift(1)),
                          _previous_quote_end=pl.when(pl.col("_quote_document").shift(1) == pl.col("_document"))
                          .then(pl.col("_quote_end").shift(1))))


def _order_faults() -> pl.Expr:
    """Over ``_ordered`` spans: overlaps within a layer, quotes outside the zone before them or not in an
    article (exact when zones do not overlap; documents where they do are suspects anyway)."""
    is_zone = pl.col("_layer") == "zone"
    zone_overlap = is_zone & (pl.col("start") < pl.col("_previous_zone_end")).fill_null(False)
    quote_overlap = ~is_zone & (pl.col("start") < pl.col("_previous_quote_end")).fill_null(False)
    outside = ~is_zone & ((pl.col("_zone_document") != pl.col("_document")).fill_null(True)
                          | ~pl.col("_zone_in_container") | (pl.col("end") > pl.col("_zone_end")))
    return zone_overlap | quote_overlap | outside


def _explain(suspects: pl.DataFrame, spans: pl.DataFrame, texts: pl.DataFrame, table: str) -> list[Failure]:
    """``span_faults`` of each suspect document, as failures."""
    if suspects.is_empty():
        return []
    grouped = _group_spans(spans.join(suspects, on="doc_id", how="semi"))
    failures = []
    for doc_id, text, doc_row, complete in texts.join(suspects, on="doc_id", how="semi").select(
            "doc_id", "doc_text", "doc_row", "complete").iter_rows():
        doc_spans = grouped.get(doc_id, [])
        failures += _faults_to_failures(span_faults(text, doc_spans, complete=complete), doc_spans, doc_id,
                                        table, doc_row if table == "documents" else None)
    return failures


def _group_spans(spans: pl.DataFrame) -> dict[str, list[_SpanRow]]:
    grouped: dict[str, list[_SpanRow]] = {}
    for doc_id, start, end, label, text, span_id, row, position in spans.sort("_row", "_position").select(
            "doc_id", "start", "end", "label", "text", "span_id", "_row", "_position").iter_rows():
        grouped.setdefault(doc_id, []).append(_SpanRow(start, end, label, text, span_id, row, position))
    return grouped


def _faults_to_failures(faults: Iterable, spans: list[_SpanRow], doc_id: str, table: str,
                        doc_row: int | None) -> list[Failure]:
    failures = []
    for fault in faults:
        span = spans[fault.index] if fault.index is not None else None
        failures.append(Failure(
            fault.rule, f"{_where(span.position if span else None)}{fault.message}", table, doc_id,
            span.span_id if span else None, fault.start, fault.end, column=_RULE_COLUMN.get(fault.rule),
            row=span.row if span else doc_row))
    return failures


def _textless_span_failures(spans: pl.DataFrame, table: str) -> list[Failure]:
    """The span rules that need no document text, for spans whose document is not given.

    ``span_faults`` needs a text: a stand-in of non-whitespace, long enough for every span, with spans
    carrying its slices, leaves only the rules about labels, overlaps and quote containment to speak."""
    if spans.is_empty():
        return []
    ordered = (pl.col("start") >= 0) & (pl.col("start") < pl.col("end"))
    good = _ordered(spans.lazy().filter(pl.col("_layer").is_not_null() & ordered), "doc_id")
    suspects = pl.concat([spans.lazy().filter(pl.col("_layer").is_null() | ~ordered).select("doc_id"),
                          good.filter(_order_faults()).select("doc_id")]).unique().collect(engine="in-memory")
    failures = []
    grouped = _group_spans(spans.join(suspects, on="doc_id", how="semi"))
    for doc_id, doc_spans in grouped.items():
        kept = []
        for span in doc_spans:
            if span.label in LABEL_NAMES and not 0 <= span.start < span.end:
                failures.append(Failure(Rule.OFFSETS_IN_RANGE, f"{_where(span.position)}{span.label} "
                                        f"[{span.start}, {span.end}) is not a range 0 <= start < end", table,
                                        doc_id, span.span_id, span.start, span.end, row=span.row))
            else:
                kept.append(span._replace(text="x" * (span.end - span.start)))
        stand_in = "x" * max((span.end for span in kept), default=0)
        failures += _faults_to_failures(span_faults(stand_in, kept, complete=False), kept, doc_id, table, None)
    return failures
