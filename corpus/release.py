"""Versioned, immutable releases: ``dist/releases/<version>/``.

A release folder holds::

    documents.parquet   spans.parquet    the two tables in release form (schemas.tables.arrow_schema)
    manifest.json       versions, content hash per table, counts, warnings, and a summary of each listing:
                        files, bytes and one SHA-256 over the listing
    inputs.jsonl  annotation_files.jsonl
                        the listings: path, bytes and SHA-256 of every page and annotation file read
    CHANGELOG.md        what changed against the previous release in the store, then the earlier entries

The content hash of a table is a SHA-256 over a canonical JSON serialisation of its rows sorted by id,
so it depends on the data only: not on the Parquet encoder, its version, compression or row groups.
Releasing the same content under an existing version is a no-op ("up to date"); releasing different
content under an existing version is refused: releases are immutable, bump the version.

A release is written into a temporary folder inside ``dist/releases/`` (named ``.tmp-<pid>-...``, never
read as a release), fsynced, then renamed to its final name in one step. Temporary folders left by an
interrupted run (their process is gone) are removed by the next write.

The stages that turn documents and annotations into release rows (``attach_annotations`` ->
``select_annotations`` -> ``to_rows``) are functions from an iterable of records to an iterable of
records; ``corpus.build`` chains them, and a pre-annotation stage can be inserted before the selection.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import math
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus.config import VERSION_RE, check_version, name_under
from schemas.errors import ConfigError, InputError
from schemas.labels import ANNOTATION_STATUSES, LABEL_NAMES, ORIGINS, SPLITS
from schemas.records import Annotation, Document, split_for
from schemas.rows import release_rows, release_tables
from schemas.tables import SCHEMA_VERSION, arrow_schema

DATASET_NAME = "newszones"
DISTRIBUTION = "newszones"
TABLE_NAMES: tuple[str, ...] = ("documents", "spans")
TABLE_IDS: dict[str, str] = {"documents": "doc_id", "spans": "span_id"}
MANIFEST = "manifest.json"
CHANGELOG = "CHANGELOG.md"
INPUTS_LISTING = "inputs.jsonl"
ANNOTATION_FILES_LISTING = "annotation_files.jsonl"
TEMP_PREFIX = ".tmp-"
# Rows per Parquet row group: small enough for readers to stream, large enough to compress well.
ROW_GROUP_SIZE = 10_000
ORIGIN_RANK = {"adjudicated": 0, "human": 1, "machine": 2}


def toolkit_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


# --- rejects ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Reject:
    """A record set aside by a stage, with why; written to the run's rejects file, never dropped silently."""

    stage: str
    reason: str
    detail: str
    source: str | None = None
    record: str | None = None
    doc_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "reason": self.reason, "source": self.source, "record": self.record,
                "doc_id": self.doc_id, "detail": self.detail}


# --- stages: documents + annotations -> released rows ------------------------------------------------

@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document with every annotation that may be released for it (human, adjudicated, machine)."""

    document: Document
    annotations: tuple[Annotation, ...] = ()


@dataclass(frozen=True, slots=True)
class ReleasedDocument:
    """A document and the one annotation released for it (None: released unannotated)."""

    document: Document
    annotation: Annotation | None
    candidates: int = 0
    unadjudicated_humans: bool = False


class AttachAnnotations:
    """Stage: documents -> ``AnnotatedDocument`` with their stored annotations.

    An annotation whose ``text_sha256`` differs from the document's text (the page changed since it was
    annotated) or whose document is not in the input is not attached: it goes to ``rejects`` with its
    reason once the documents are exhausted. ``files`` maps annotation ids to the file they were read
    from, named in the rejects. ``AttachAnnotations.looking_up`` reads each document's annotations on
    demand instead of holding them all.
    """

    def __init__(self, annotations: Iterable[Annotation], rejects: list[Reject],
                 files: Mapping[str, str] | None = None) -> None:
        files = dict(files or {})
        by_doc: dict[str, list[tuple[Annotation, str | None]]] = {}
        for annotation in annotations:
            by_doc.setdefault(annotation.doc_id, []).append(
                (annotation, files.get(annotation.annotation_id, annotation.source)))
        self._doc_ids: Callable[[], Iterable[str]] = by_doc.keys
        self._lookup: Callable[[str], Sequence[tuple[Annotation, str | None]]] = lambda doc_id: by_doc.get(doc_id, ())
        self._rejects = rejects
        self._seen: Callable[[], Any] = set
        self.attached = 0

    @classmethod
    def looking_up(cls, doc_ids: Callable[[], Iterable[str]],
                   lookup: Callable[[str], Sequence[tuple[Annotation, str | None]]],
                   rejects: list[Reject], seen: Callable[[], Any] = set) -> AttachAnnotations:
        """Annotations from ``lookup(doc_id)`` -> (annotation, file) pairs; ``doc_ids()`` lists the documents
        that have any. ``seen()`` makes the record of the documents that came by (``in`` and ``add``; a set by
        default), which need only hold those ``doc_ids()`` lists: looking up any other again finds nothing
        again."""
        attach = cls((), rejects)
        attach._doc_ids, attach._lookup, attach._seen = doc_ids, lookup, seen
        return attach

    def __call__(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        seen = self._seen()
        for document in documents:
            attached = []
            found = () if document.doc_id in seen else self._lookup(document.doc_id)
            seen.add(document.doc_id)
            for annotation, source in found:
                if annotation.text_sha256 != document.text_sha256:
                    self._rejects.append(Reject(
                        "attach", "text_changed",
                        f"annotation {annotation.annotation_id!r} was made on text {annotation.text_sha256[:12]}... "
                        f"but document {document.doc_id} now has text {document.text_sha256[:12]}...",
                        source, annotation.annotation_id, annotation.doc_id))
                else:
                    attached.append(annotation)
            self.attached += len(attached)
            yield AnnotatedDocument(document, tuple(attached))
        for doc_id in sorted(doc_id for doc_id in self._doc_ids() if doc_id not in seen):
            for annotation, source in self._lookup(doc_id):
                self._rejects.append(Reject(
                    "attach", "unknown_document",
                    f"annotation {annotation.annotation_id!r} is of document {doc_id}, which is not in the input",
                    source, annotation.annotation_id, doc_id))


def _timestamp(annotation: Annotation) -> float | None:
    for value in (annotation.updated_at, annotation.created_at):
        if value:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                continue
            return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
    return None


def _preference(annotation: Annotation) -> tuple:
    """Sort key, best first: origin, ground truth, most recently updated, then id (deterministic)."""
    moment = _timestamp(annotation)
    return (ORIGIN_RANK[annotation.origin], not annotation.ground_truth,
            float("inf") if moment is None else -moment, annotation.annotation_id)


def releasable(annotations: Sequence[Annotation]) -> list[Annotation]:
    """The annotations a release may take: adjudications only when made from the document's current human
    annotations (``annotation.adjudicate.current_adjudication``); a stale one is left out."""
    from annotation.adjudicate import current_adjudication

    current = current_adjudication(annotations)
    return [a for a in annotations if a.origin != "adjudicated" or a is current]


def choose_annotation(annotations: Sequence[Annotation]) -> Annotation | None:
    """The annotation released for a document: a current adjudication > human > machine; among several of
    the best origin, the ground-truth one, else the most recently updated, then the smallest id."""
    return min(releasable(annotations), key=_preference, default=None)


class SelectAnnotations:
    """Stage: ``AnnotatedDocument`` -> ``ReleasedDocument``, choosing the released annotation.

    Counts documents with several human annotations and no adjudication (``unadjudicated``), of which
    ``resolved_by_ground_truth`` had exactly one ground-truth annotation; the build reports them.
    """

    def __init__(self) -> None:
        self.unadjudicated = 0
        self.resolved_by_ground_truth = 0
        self.stale_adjudications = 0

    def __call__(self, documents: Iterable[AnnotatedDocument]) -> Iterator[ReleasedDocument]:
        for item in documents:
            candidates = releasable(item.annotations)
            self.stale_adjudications += len(item.annotations) - len(candidates)
            chosen = choose_annotation(candidates)
            origins = Counter(annotation.origin for annotation in candidates)
            unadjudicated = origins["human"] > 1 and origins["adjudicated"] == 0
            if unadjudicated:
                self.unadjudicated += 1
                truths = [a for a in item.annotations if a.origin == "human" and a.ground_truth]
                self.resolved_by_ground_truth += len(truths) == 1
            yield ReleasedDocument(item.document, chosen, len(item.annotations), unadjudicated)

    def warnings(self) -> list[str]:
        warnings = []
        if self.stale_adjudications:
            warnings.append(f"{self.stale_adjudications} adjudicated annotation(s) were made from earlier human "
                            "annotations and were not released; run `corpus adjudicate` again.")
        if not self.unadjudicated:
            return warnings
        return [*warnings, f"{self.unadjudicated} document(s) have several human annotations and no adjudication; "
                f"released the ground-truth one ({self.resolved_by_ground_truth} document(s)), else the most "
                "recently updated (then the smallest annotation id). Adjudicate them to decide."]


@dataclass(frozen=True, slots=True)
class RowGroup:
    """The table rows of one released document: its documents row less its ``spans`` (the tables take them
    from the spans rows: ``schemas.rows.release_rows``) and its spans rows."""

    document: dict
    spans: list[dict]


def to_rows(documents: Iterable[ReleasedDocument]) -> Iterator[RowGroup]:
    """Stage: ``ReleasedDocument`` -> its rows in release form."""
    for item in documents:
        yield RowGroup(*release_rows(item.document, item.annotation))


@dataclass(frozen=True, slots=True)
class ReleaseTables:
    documents: pa.Table
    spans: pa.Table

    def table(self, name: str) -> pa.Table:
        return {"documents": self.documents, "spans": self.spans}[name]


def collect_tables(groups: Iterable[RowGroup]) -> ReleaseTables:
    """Sink: the release tables, documents sorted by id and each document's spans in text order."""
    ordered = sorted(groups, key=lambda group: group.document["doc_id"])
    seen: set[str] = set()
    for group in ordered:
        if group.document["doc_id"] in seen:
            raise InputError(f"document {group.document['doc_id']} occurs twice; ingest must merge "
                             "documents by doc_id (one row per text, all its source files)")
        seen.add(group.document["doc_id"])
    return ReleaseTables(*release_tables([(group.document, group.spans) for group in ordered]))


# --- content hashes and counts -------------------------------------------------------------------------

# Characters json.dumps(..., ensure_ascii=False) escapes in a string.
_JSON_ESCAPED = r'[\x00-\x1f"\\]'
# What json.dumps(..., ensure_ascii=False) writes for a backslash, a quote, a newline, a carriage return and
# a tab, the backslash first (the others' escapes hold one); any other character below U+0020 is escaped
# by json itself (``_quoted``).
_SHORT_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_JSON_OTHER_CONTROLS = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"


def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, pa.large_string())


def _quoted(array: pa.Array) -> pa.Array:
    """JSON strings of a string array's values, as ``json.dumps(value, ensure_ascii=False)`` writes them
    (nulls left null). In the values that hold a character to escape, backslashes, quotes and the common
    control characters are replaced by Arrow (most documents' texts hold newlines: a pass over the buffer
    per character, not a Python string per text); a value with any other control character goes through
    json's own escaping."""
    plain = pc.binary_join_element_wise(_text('"'), array, _text('"'), _text(""))
    needs_escape = pc.fill_null(pc.match_substring_regex(array, _JSON_ESCAPED), False)
    if not pc.any(needs_escape).as_py():
        return plain
    escaped = array.filter(needs_escape)
    for character, escape in _SHORT_ESCAPES:
        escaped = pc.replace_substring(escaped, character, escape)
    escaped = pc.binary_join_element_wise(_text('"'), escaped, _text('"'), _text(""))
    other = pc.match_substring_regex(escaped, _JSON_OTHER_CONTROLS)
    if pc.any(other).as_py():
        # What json.dumps(value, ensure_ascii=False) calls for a string.
        encoded = map(json.encoder.encode_basestring, array.filter(needs_escape).filter(other).to_pylist())
        escaped = pc.replace_with_mask(escaped, other, pa.array(list(encoded), escaped.type))
    return pc.replace_with_mask(plain, needs_escape, escaped)


def _json_values(array: pa.Array) -> pa.Array:
    """Each value of ``array`` in canonical JSON: ``json.dumps`` of its ``to_pylist()`` value with sorted
    keys, no spaces, ensure_ascii=False and allow_nan=False; a string array without nulls. The types are
    those of the release tables (strings, integers, booleans, floats, lists and structs of them)."""
    kind = array.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        values = _quoted(array.cast(pa.large_string()))
    elif pa.types.is_integer(kind):
        values = pc.cast(array, pa.large_string())
    elif pa.types.is_boolean(kind):
        values = pc.if_else(array, _text("true"), _text("false"))
    elif pa.types.is_floating(kind) and not pa.types.is_float16(kind):
        # Python's float repr (what json.dumps writes), for the values there are; Arrow formats floats otherwise.
        present = pc.is_valid(array)
        floats = array.filter(present).to_pylist()
        if not all(map(math.isfinite, floats)):
            raise ValueError(f"Out of range float values are not JSON compliant: {[v for v in floats if not math.isfinite(v)][0]!r}")
        values = pc.replace_with_mask(pa.nulls(len(array), pa.large_string()), present,
                                      pa.array(list(map(float.__repr__, floats)), pa.large_string()))
    elif pa.types.is_list(kind) or pa.types.is_large_list(kind):
        # The child values the lists span (the offsets may start past 0 in a slice), offsets rebased on them.
        first, last = array.offsets[0].as_py(), array.offsets[-1].as_py()
        offsets = pc.subtract(array.offsets, first).cast(pa.int64())
        items = pa.LargeListArray.from_arrays(offsets, _json_values(array.values.slice(first, last - first)))
        values = pc.binary_join_element_wise(_text("["), pc.binary_join(items, _text(",")), _text("]"), _text(""))
    elif pa.types.is_struct(kind):
        names = [kind.field(index).name for index in range(kind.num_fields)]
        values = _json_object(dict(zip(names, array.flatten(), strict=True)), len(array))
    else:
        raise TypeError(f"the content hash does not encode {kind} values; release tables hold strings, integers, "
                        "booleans, floats and lists and structs of them")
    return pc.if_else(pc.is_null(array), _text("null"), values) if array.null_count else values


def _json_object(fields: Mapping[str, pa.Array], length: int, suffix: str = "") -> pa.Array:
    """``{"key":value,...}`` per row, keys sorted, then ``suffix``: one element-wise join of the values and the
    text between them (a join per field, then of the fields, copied every value twice more)."""
    pieces: list[pa.Scalar | pa.Array] = []
    between = "{"
    for name in sorted(fields):
        pieces += [_text(f"{between}{json.dumps(name, ensure_ascii=False)}:"), _json_values(fields[name])]
        between = ","
    if not pieces:
        return pa.array(["{}" + suffix] * length, pa.large_string())
    return pc.binary_join_element_wise(*pieces, _text("}" + suffix), _text(""))


class TableHash:
    """The release content hash, computed incrementally over record batches that arrive sorted by the
    table's id: the SHA-256 of one canonical JSON line per row (``_json_values``), rows in id order (nulls
    last, as pyarrow sorts them). The lines are built with Arrow compute a batch at a time and hashed from
    the Arrow buffer, with no Python object per row; tests/reference_hash.py writes the same lines row by row
    from the definition (tests/test_release.py checks the two against each other)."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._last: str | None = None
        self.rows = 0

    def update(self, batch: pa.RecordBatch | pa.Table, key: str) -> None:
        if not batch.num_rows:
            return
        table = (pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else batch).combine_chunks()
        self._check_order(table.column(key).chunk(0))
        columns = {name: column.chunk(0) for name, column in zip(table.column_names, table.columns, strict=True)}
        lines = _json_object(columns, table.num_rows, suffix="\n")
        # The lines lie back to back in the data buffer, between the first and the last offset.
        offsets = memoryview(lines.buffers()[1]).cast("q")[lines.offset:lines.offset + len(lines) + 1]
        self._digest.update(memoryview(lines.buffers()[2])[offsets[0]:offsets[-1]])
        self.rows += table.num_rows

    def _check_order(self, keys: pa.Array) -> None:
        """A ValueError unless ``keys`` go on ascending from the last id seen, nulls last."""
        before = pa.concat_arrays([pa.array([self._last], keys.type), keys[:-1]])
        out_of_order = pc.fill_null(pc.or_kleene(pc.less(keys, before), pc.and_(pc.is_null(before), pc.is_valid(keys))),
                                    False)
        if not self.rows:  # the first row has nothing before it
            out_of_order = out_of_order[1:]
        if pc.any(out_of_order).as_py():
            index = pc.index(out_of_order, True).as_py() + (0 if self.rows else 1)
            raise ValueError(f"rows are not sorted by id: {keys[index].as_py()!r} after {before[index].as_py()!r}")
        self._last = keys[-1].as_py()

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


# Arrow bytes of rows hashed at a time: the JSON lines of a batch are built in a few copies of its size.
HASH_BATCH_BYTES = 4 * 2**20


def hash_batches(table: pa.Table) -> list[pa.RecordBatch]:
    """``table`` in batches of about ``HASH_BATCH_BYTES`` (documents with long texts: a few hundred rows;
    spans: tens of thousands), for ``TableHash``."""
    rows = max(64, HASH_BATCH_BYTES * table.num_rows // max(1, table.nbytes))
    return table.to_batches(max_chunksize=rows)


def open_streamed(path: Path) -> pq.ParquetFile:
    """A Parquet file to read a batch at a time. Without ``pre_buffer=False`` (pyarrow's default is True)
    ``iter_batches`` reads every row group's data up front: the whole file in memory, 200 MB for the spans
    of 100k pages."""
    return pq.ParquetFile(path, pre_buffer=False)


def rows_per_batch(parquet: pq.ParquetFile, target_bytes: int) -> int:
    """Rows of ``parquet`` that hold about ``target_bytes`` of uncompressed data (at least one)."""
    metadata = parquet.metadata
    data_bytes = sum(metadata.row_group(index).total_byte_size for index in range(metadata.num_row_groups))
    return max(1, target_bytes * metadata.num_rows // max(1, data_bytes))


def content_sha256(table: pa.Table, name: str) -> str:
    """SHA-256 of the rows of ``table`` (a release table) sorted by id, one canonical JSON line each."""
    key = TABLE_IDS[name]
    content = TableHash()
    if table.num_rows:
        ordered = table.take(pc.sort_indices(table, sort_keys=[(key, "ascending")]))
        for batch in hash_batches(ordered):
            content.update(batch, key)
    return content.hexdigest()


def file_content_sha256(path: Path, name: str) -> str:
    """``content_sha256`` of a release table's Parquet file, read a batch at a time when its rows are in
    release order (documents by id; spans by doc_id, each document's together), else read whole."""
    key = TABLE_IDS[name]
    content = TableHash()
    pending: pa.Table | None = None  # spans of the last document seen, which may go on in the next batch
    try:
        parquet = open_streamed(path)
        for batch in parquet.iter_batches(batch_size=rows_per_batch(parquet, HASH_BATCH_BYTES)):
            table = pa.Table.from_batches([batch]).cast(arrow_schema(name))
            if name == "documents":
                content.update(table, key)
                continue
            table = table if pending is None else pa.concat_tables([pending, table])
            doc_ids = table.column("doc_id")
            last = doc_ids[-1]
            done = pc.not_equal(doc_ids, last)
            complete, pending = table.filter(done), table.filter(pc.invert(done))
            content.update(complete.take(pc.sort_indices(complete, sort_keys=[(key, "ascending")])), key)
        if pending is not None and pending.num_rows:
            content.update(pending.take(pc.sort_indices(pending, sort_keys=[(key, "ascending")])), key)
    except ValueError:  # not in release order: hash the whole table
        return content_sha256(pq.read_table(path, schema=arrow_schema(name)), name)
    return content.hexdigest()


def _value_counts(array: pa.ChunkedArray | pa.Array, names: Sequence[str]) -> dict[str, int]:
    counts = {name: 0 for name in names}
    for item in pc.value_counts(array).to_pylist():
        counts[item["values"]] = item["counts"]
    return counts


def splits_of_ids(doc_ids: pa.ChunkedArray | pa.Array) -> pa.Array:
    """The split of each row's doc_id (``split_for``), computed once per distinct id."""
    unique = pc.unique(doc_ids)
    return pa.array([split_for(doc_id) for doc_id in unique.to_pylist()], pa.string()).take(pc.index_in(doc_ids, unique))


def table_counts(tables: ReleaseTables) -> dict[str, Any]:
    """Counts per split, annotation status, label and origin (every known value listed, zeros included)."""
    documents, spans = tables.documents, tables.spans
    span_splits = splits_of_ids(spans.column("doc_id"))
    per_split_label = {}
    for split in SPLITS:
        mask = pc.equal(span_splits, split)
        per_split_label[split] = _value_counts(pc.filter(spans.column("label"), mask), LABEL_NAMES)
    return {
        "documents": documents.num_rows,
        "spans": spans.num_rows,
        "characters": int(pc.sum(documents.column("n_chars")).as_py() or 0),
        "documents_per_split": _value_counts(documents.column("split"), SPLITS),
        "documents_per_status": _value_counts(documents.column("annotation_status"), ANNOTATION_STATUSES),
        "spans_per_label": _value_counts(spans.column("label"), LABEL_NAMES),
        "spans_per_origin": _value_counts(spans.column("origin"), ORIGINS),
        "spans_per_split": {split: sum(labels.values()) for split, labels in per_split_label.items()},
        "spans_per_split_label": per_split_label,
    }


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class PathNames:
    """Paths as releases name them: relative to ``root`` when the resolved path is inside it, else as
    given, ``/``-separated. Each folder is resolved once and a file's own name only when it is a link:
    the same names as ``path.resolve()`` gives, without a syscall per path component per file. Names are
    worked out as strings (Path objects cost more than the rest, thousands of files a build)."""

    def __init__(self, root: Path | None) -> None:
        self.root = None if root is None else str(Path(root).resolve())
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path | str) -> str:
        if self.root is None:
            return Path(path).as_posix()
        name = os.fspath(path)
        if os.path.islink(name):
            resolved = str(Path(name).resolve())
        else:
            parent, base = os.path.split(name)
            folder = self._folders.get(parent)
            if folder is None:
                folder = self._folders[parent] = str(Path(parent).resolve())
            resolved = os.path.join(folder, base)
        relative = name_under(resolved, self.root)
        return Path(path).as_posix() if relative is None else relative


def write_listing(paths: Iterable[Path | str], root: Path | None, target: Path) -> dict[str, Any]:
    """The provenance of a set of files: ``target`` gets one JSON line per file (path relative to ``root``
    when inside it, size, SHA-256), sorted by path, streamed; returned is the summary the manifest keeps:
    files, bytes, the listing's name and the SHA-256 of the listing (one hash over every file's)."""
    name_of = PathNames(root)
    shown = sorted((name_of(path), Path(path)) for path in paths)
    digest = hashlib.sha256()
    files = total = 0
    with open(target, "wb") as handle:
        for name, path in shown:
            size = path.stat().st_size
            line = (json.dumps({"path": name, "bytes": size, "sha256": file_sha256(path)}, ensure_ascii=False)
                    + "\n").encode("utf-8")
            handle.write(line)
            digest.update(line)
            files, total = files + 1, total + size
        handle.flush()
        os.fsync(handle.fileno())
    return {"files": files, "bytes": total, "listing": target.name, "sha256": digest.hexdigest()}


# --- versions and the store ----------------------------------------------------------------------------

def version_key(version: str) -> tuple:
    """Sort key of MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]: a pre-release sorts before its release."""
    core, _, _build = version.partition("+")
    numbers, _, prerelease = core.partition("-")
    major, minor, patch = (int(part) for part in numbers.split("."))
    pre_key = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in prerelease.split(".")) if prerelease else ()
    return (major, minor, patch, 0 if prerelease else 1, pre_key)


def next_patch(version: str) -> str:
    major, minor, patch = version_key(version)[:3]
    return f"{major}.{minor}.{patch + 1}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(folder: Path, prefix: str) -> list[Path]:
    """Remove ``prefix<pid>-...`` folders in ``folder`` whose writing process is gone (an interrupted run)."""
    removed = []
    if not folder.is_dir():
        return removed
    for path in folder.iterdir():
        if not path.name.startswith(prefix) or not path.is_dir():
            continue
        pid_text = path.name[len(prefix):].split("-", 1)[0]
        if pid_text.isdigit() and _pid_alive(int(pid_text)) and int(pid_text) != os.getpid():
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_bytes_synced(path: Path, content: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


@dataclass(frozen=True, slots=True)
class Release:
    version: str
    path: Path
    manifest: dict[str, Any]
    tables: ReleaseTables | None  # None: left in the files (ReleaseStore.open)
    changelog: str


class ReleaseStore:
    """The releases under ``dist/releases``: one folder per version, each with a manifest."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, version: str) -> Path:
        return self.folder / version

    def versions(self) -> list[str]:
        """Released versions, oldest first; temporary and foreign folders are not releases."""
        if not self.folder.is_dir():
            return []
        found = [path.name for path in self.folder.iterdir()
                 if path.is_dir() and VERSION_RE.fullmatch(path.name) and (path / MANIFEST).is_file()]
        return sorted(found, key=version_key)

    def latest(self) -> str | None:
        versions = self.versions()
        return versions[-1] if versions else None

    def previous(self, version: str) -> str | None:
        """The newest release older than ``version``: what its changelog compares against."""
        older = [v for v in self.versions() if version_key(v) < version_key(version)]
        return older[-1] if older else None

    def exists(self, version: str) -> bool:
        return (self.path(version) / MANIFEST).is_file()

    def manifest(self, version: str) -> dict[str, Any]:
        path = self.path(version) / MANIFEST
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"no release {version} in {self.folder}; releases: "
                              f"{', '.join(self.versions()) or 'none'}") from None
        except json.JSONDecodeError as error:
            raise InputError(f"{path}: invalid JSON: {error}") from None

    def open(self, version: str, *, verify: bool = True) -> Release:
        """A release's manifest and changelog, its tables left in their files (``tables`` is None);
        ``verify`` re-checks the content hashes reading the files a row group at a time."""
        manifest = self.manifest(version)
        folder = self.path(version)
        if verify:
            for name in TABLE_NAMES:
                path = folder / manifest["tables"][name]["file"]
                expected = manifest["tables"][name]["content_sha256"]
                actual = file_content_sha256(path, name)
                if actual != expected:
                    raise InputError(f"{path}: content hash {actual} does not match {expected} in {folder / MANIFEST}; "
                                     "the release was modified after it was written")
        changelog_path = folder / CHANGELOG
        changelog = changelog_path.read_text(encoding="utf-8") if changelog_path.is_file() else ""
        return Release(version, folder, manifest, None, changelog)

    def read(self, version: str, *, verify: bool = True) -> Release:
        """A release's tables, manifest and changelog; ``verify`` re-checks the content hashes."""
        manifest = self.manifest(version)
        folder = self.path(version)
        tables = {}
        for name in TABLE_NAMES:
            path = folder / manifest["tables"][name]["file"]
            table = pq.read_table(path, schema=arrow_schema(name))
            if verify:
                expected = manifest["tables"][name]["content_sha256"]
                actual = content_sha256(table, name)
                if actual != expected:
                    raise InputError(f"{path}: content hash {actual} does not match {expected} in {folder / MANIFEST}; "
                                     "the release was modified after it was written")
            tables[name] = table
        changelog_path = folder / CHANGELOG
        changelog = changelog_path.read_text(encoding="utf-8") if changelog_path.is_file() else ""
        return Release(version, folder, manifest, ReleaseTables(**tables), changelog)


# --- changelog -------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReleaseDiff:
    """What changed between two releases; spans are compared by span_id and label."""

    previous_version: str | None
    documents_added: int
    documents_removed: int
    status_changes: dict[str, int]
    spans_added: dict[str, int]
    spans_removed: dict[str, int]
    relabelled: dict[str, int]

    def relabelled_from(self, label: str) -> int:
        return sum(n for pair, n in self.relabelled.items() if pair.split(" -> ")[0] == label)

    def relabelled_to(self, label: str) -> int:
        return sum(n for pair, n in self.relabelled.items() if pair.split(" -> ")[1] == label)

    def to_json(self) -> dict[str, Any]:
        return {"previous_version": self.previous_version, "documents_added": self.documents_added,
                "documents_removed": self.documents_removed, "status_changes": self.status_changes,
                "spans_added": self.spans_added, "spans_removed": self.spans_removed,
                "relabelled": self.relabelled}


def diff_tables(previous: ReleaseTables | None, current: ReleaseTables, previous_version: str | None) -> ReleaseDiff:
    """Arrow joins on the id columns only (``doc_id``/``annotation_status``, ``span_id``/``label``), so the
    tables may be just those columns read from Parquet: no Python object per row."""
    def columns(tables: ReleaseTables | None, name: str, key: str, value: str) -> pa.Table:
        if tables is None:
            return pa.table({key: pa.array([], pa.string()), value: pa.array([], pa.string())})
        return tables.table(name).select([key, value])

    def pairs(table: pa.Table, old: str, new: str) -> dict[str, int]:
        counted = table.group_by([old, new]).aggregate([([], "count_all")]).to_pylist()
        return dict(sorted((f"{row[old]} -> {row[new]}", row["count_all"]) for row in counted))

    def labels(table: pa.Table) -> dict[str, int]:
        return _value_counts(table.column("label"), LABEL_NAMES)

    new_docs = columns(current, "documents", "doc_id", "annotation_status")
    old_docs = columns(previous, "documents", "doc_id", "annotation_status").rename_columns(["doc_id", "old_status"])
    new_spans = columns(current, "spans", "span_id", "label")
    old_spans = columns(previous, "spans", "span_id", "label").rename_columns(["span_id", "old_label"])
    both_docs = new_docs.join(old_docs, "doc_id", join_type="inner")
    both_spans = new_spans.join(old_spans, "span_id", join_type="inner")
    return ReleaseDiff(
        previous_version=previous_version,
        documents_added=new_docs.join(old_docs, "doc_id", join_type="left anti").num_rows,
        documents_removed=old_docs.join(new_docs, "doc_id", join_type="left anti").num_rows,
        status_changes=pairs(both_docs.filter(pc.not_equal(both_docs["old_status"], both_docs["annotation_status"])),
                             "old_status", "annotation_status"),
        spans_added=labels(new_spans.join(old_spans, "span_id", join_type="left anti")),
        spans_removed=labels(old_spans.join(new_spans, "span_id", join_type="left anti")
                             .rename_columns(["span_id", "label"])),
        relabelled=pairs(both_spans.filter(pc.not_equal(both_spans["old_label"], both_spans["label"])),
                         "old_label", "label"),
    )


def changelog_entry(version: str, date: str, diff: ReleaseDiff, counts: dict[str, Any]) -> str:
    lines = [f"## {version} ({date})", ""]
    if diff.previous_version is None:
        lines.append(f"First release: {counts['documents']} documents, {counts['spans']} spans.")
    else:
        lines.append(f"Compared with {diff.previous_version}: {counts['documents']} documents "
                     f"({diff.documents_added} added, {diff.documents_removed} removed), {counts['spans']} spans.")
    if diff.status_changes:
        lines += ["", "Annotation status changed: " + "; ".join(
            f"{pair.replace(' -> ', ' → ')}: {n}" for pair, n in diff.status_changes.items()) + "."]
    lines += ["", "| label | added | removed | relabelled from | relabelled to |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for label in LABEL_NAMES:
        lines.append(f"| {label} | {diff.spans_added[label]} | {diff.spans_removed[label]} | "
                     f"{diff.relabelled_from(label)} | {diff.relabelled_to(label)} |")
    total_relabelled = sum(diff.relabelled.values())
    lines.append(f"| **total** | {sum(diff.spans_added.values())} | {sum(diff.spans_removed.values())} | "
                 f"{total_relabelled} | {total_relabelled} |")
    if diff.relabelled:
        lines += ["", "Relabelled spans (same span_id, new label): " + "; ".join(
            f"{pair.replace(' -> ', ' → ')}: {n}" for pair, n in diff.relabelled.items()) + "."]
    return "\n".join(lines) + "\n"


def changelog_text(entry: str, previous_changelog: str) -> str:
    """The new entry first, then the previous release's entries (its own header dropped)."""
    earlier = previous_changelog.split("\n", 1)[1].lstrip("\n") if previous_changelog.startswith("# ") else \
        previous_changelog
    text = f"# Changelog: {DATASET_NAME}\n\n{entry}"
    return text + (f"\n{earlier}" if earlier.strip() else "")


# --- writing a release -----------------------------------------------------------------------------------

class ReleaseValidationError(InputError):
    """The release tables break the data contract; ``report`` is the full validation report."""

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True, slots=True)
class ReleaseOutcome:
    """``status`` is ``written`` or ``up_to_date``."""

    status: str
    version: str
    path: Path
    manifest: dict[str, Any]
    warnings: tuple[str, ...] = ()
    removed_leftovers: tuple[Path, ...] = ()


def validate_release_tables(tables: ReleaseTables, provenance: Mapping[str, str] | None = None) -> None:
    """Run the full cross-table validation; any failure -> ReleaseValidationError carrying the report.

    ``provenance`` maps a doc_id to where its released spans came from (annotation id and file), so the
    message names the file to fix.
    """
    from schemas.validate import validate_tables

    raise_if_invalid(validate_tables(tables.documents, tables.spans, source="release"), provenance)


def raise_if_invalid(report: Any, provenance: Mapping[str, str] | None = None) -> None:
    """ReleaseValidationError with ``report`` (a ``schemas.validate.ValidationReport``) unless it is ok."""
    if report.ok:
        return
    lines = []
    for failure in report.failures[:10]:
        origin = (provenance or {}).get(failure.doc_id or "")
        lines.append(f"  {failure.rule}: {failure.where}: {failure.message}" + (f" [from {origin}]" if origin else ""))
    if len(report.failures) > 10:
        lines.append(f"  ... and {len(report.failures) - 10} more")
    raise ReleaseValidationError(f"the release does not validate ({report.summary()}); nothing was written. "
                                 "Fix the inputs or annotations named here:\n" + "\n".join(lines), report)


def provenance(documents: Iterable[ReleasedDocument], files: Mapping[str, str] | None = None) -> dict[str, str]:
    """doc_id -> "annotation <id> in <file>" of each document released with an annotation."""
    files = files or {}
    return {item.document.doc_id: f"annotation {item.annotation.annotation_id}"
            + (f" in {files[item.annotation.annotation_id]}" if item.annotation.annotation_id in files else "")
            for item in documents if item.annotation is not None}


def write_parquet(table: pa.Table, path: Path, name: str, row_group_size: int = ROW_GROUP_SIZE) -> None:
    metadata_value = json.dumps({"table": name, "schema_version": SCHEMA_VERSION})
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"newszones": metadata_value})
    pq.write_table(table, path, compression="zstd", row_group_size=max(1, row_group_size))
    fsync_path(path)


def _bump_message(version: str, version_source: str, differences: list[str], folder: Path) -> str:
    return (f"release {version} already exists in {folder} with different content "
            f"({'; '.join(differences)}). Releases are immutable: bump the dataset version "
            f"({version_source}), e.g. to {next_patch(version)}, and run again.")


def write_release(
    tables: ReleaseTables,
    releases: Path,
    version: str,
    *,
    version_source: str = "--version",
    inputs: Sequence[Path] = (),
    annotation_files: Sequence[Path] = (),
    root: Path | None = None,
    warnings: Sequence[str] = (),
    validate: Callable[[ReleaseTables], None] | None = validate_release_tables,
    row_group_size: int = ROW_GROUP_SIZE,
) -> ReleaseOutcome:
    """Write ``tables`` as release ``version`` under ``releases``, or find it already there.

    Same content under an existing version -> ``up_to_date``, nothing touched. Different content ->
    ConfigError naming the version, the differing table hashes and ``version_source`` (where to bump).
    Tables that do not validate -> ReleaseValidationError with the report; nothing written.
    """
    check_version(version, version_source)
    store = ReleaseStore(releases)
    hashes = {name: content_sha256(tables.table(name), name) for name in TABLE_NAMES}
    released = None
    if store.exists(version):
        existing = store.manifest(version)
        released = {name: existing["tables"][name]["content_sha256"] for name in TABLE_NAMES}
        if released == hashes:
            return ReleaseOutcome("up_to_date", version, store.path(version), existing, tuple(warnings))
    # Validation comes before the bump message: fix the data first, then choose the version.
    if validate is not None:
        validate(tables)
    if released is not None:
        differences = [f"{name}: {released[name][:12]} released, {hashes[name][:12]} now"
                       for name in TABLE_NAMES if released[name] != hashes[name]]
        raise ConfigError(_bump_message(version, version_source, differences, store.path(version)))

    releases.mkdir(parents=True, exist_ok=True)
    removed = remove_leftovers(releases, TEMP_PREFIX)
    previous_version = store.previous(version)
    previous = store.read(previous_version) if previous_version else None
    diff = diff_tables(previous.tables if previous else None, tables, previous_version)
    temporary = Path(tempfile.mkdtemp(dir=releases, prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    try:
        manifest, changelog = _manifest_and_changelog(
            temporary, version, {name: tables.table(name).num_rows for name in TABLE_NAMES}, hashes,
            table_counts(tables), diff, previous_version, previous.changelog if previous else "", inputs,
            annotation_files, root, warnings)
        for name in TABLE_NAMES:
            write_parquet(tables.table(name), temporary / f"{name}.parquet", name, row_group_size)
        _commit(temporary, store, version, manifest, changelog)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return ReleaseOutcome("written", version, store.path(version), manifest, tuple(warnings), tuple(removed))


def _manifest_and_changelog(folder: Path, version: str, rows: Mapping[str, int], hashes: Mapping[str, str], counts: dict[str, Any],
                            diff: ReleaseDiff, previous_version: str | None, previous_changelog: str,
                            inputs: Sequence[Path], annotation_files: Sequence[Path], root: Path | None,
                            warnings: Sequence[str]) -> tuple[dict[str, Any], str]:
    created_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    manifest = {
        "dataset": DATASET_NAME,
        "dataset_version": version,
        "schema_version": SCHEMA_VERSION,
        "toolkit_version": toolkit_version(),
        "created_at": created_at,
        "tables": {name: {"file": f"{name}.parquet", "rows": rows[name], "content_sha256": hashes[name]}
                   for name in TABLE_NAMES},
        "counts": counts,
        "previous_version": previous_version,
        "changes": diff.to_json(),
        # Per-file provenance goes to listings beside the manifest (streamed: a crawl has millions of
        # files); the manifest keeps their counts and one hash over each listing.
        "inputs": write_listing(inputs, root, folder / INPUTS_LISTING),
        "annotation_files": write_listing(annotation_files, root, folder / ANNOTATION_FILES_LISTING),
        "warnings": list(warnings),
    }
    changelog = changelog_text(changelog_entry(version, created_at[:10], diff, counts), previous_changelog)
    return manifest, changelog


def _commit(temporary: Path, store: ReleaseStore, version: str, manifest: dict[str, Any], changelog: str) -> None:
    """The changelog and, last, the manifest into ``temporary`` (holding the tables), renamed into place."""
    write_bytes_synced(temporary / CHANGELOG, changelog.encode("utf-8"))
    # The manifest goes last: a folder with a manifest is a complete release.
    write_bytes_synced(temporary / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    os.chmod(temporary, 0o755)
    fsync_path(temporary)
    try:
        os.rename(temporary, store.path(version))
    except OSError as error:
        if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
            raise ConfigError(f"{store.path(version)} appeared while writing release {version} "
                              "(another run?); run again") from None
        raise
    fsync_path(store.folder)


# --- writing a release from a stream ----------------------------------------------------------------------

# Documents per spill bucket: what the writer holds at a time, whatever the corpus size.
DOCS_PER_BUCKET = 1000
# Documents buffered before they are spilled (converted to Arrow together), over all buckets.
SPILL_BUDGET = 512
# Documents validated together. Each call has a fixed cost (pandera and polars set-up, ~5 ms): 100 at a
# time made validation 4x slower than 1000 (a bucket), with no higher peak (measured on synthetic pages).
VALIDATE_DOCS = 1000


def _parquet_schema(name: str) -> pa.Schema:
    schema = arrow_schema(name)
    value = json.dumps({"table": name, "schema_version": SCHEMA_VERSION})
    return schema.with_metadata({**(schema.metadata or {}), b"newszones": value})


class _Bucket:
    """The rows of one doc_id range, spilled to Arrow IPC files as they come."""

    def __init__(self, folder: Path, index: int) -> None:
        self.paths = {name: folder / f"bucket-{index:05d}-{name}.arrow" for name in TABLE_NAMES}
        self.writers: dict[str, Any] = {}

    def write(self, name: str, table: pa.Table) -> None:
        if name not in self.writers:
            self.writers[name] = pa.ipc.new_stream(self.paths[name], arrow_schema(name))
        self.writers[name].write_table(table)

    def read(self) -> tuple[pa.Table, pa.Table]:
        """The bucket's tables; its files are removed."""
        tables = []
        for name in TABLE_NAMES:
            writer = self.writers.pop(name, None)
            if writer is None:
                tables.append(arrow_schema(name).empty_table())
                continue
            writer.close()
            with pa.OSFile(str(self.paths[name])) as source:
                tables.append(pa.ipc.open_stream(source).read_all())
            self.paths[name].unlink()
        return tables[0], tables[1]


def _add_counts(total: dict[str, Any], part: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in part.items():
        if isinstance(value, Mapping):
            total[key] = _add_counts(total.get(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value
    return total


@dataclass(frozen=True, slots=True)
class WrittenTables:
    """What ``ReleaseWriter.finish`` wrote: rows and content hash per table, counts, the validation report."""

    rows: dict[str, int]
    hashes: dict[str, str]
    counts: dict[str, Any]
    report: Any
    # doc_id -> annotation_ids of each document a validation failure names: what the error says they came from.
    failed_annotations: dict[str, list[str]]


class ReleaseWriter:
    """Sink: ``RowGroup`` s in any order -> ``documents.parquet`` and ``spans.parquet`` in ``folder``, as
    ``collect_tables`` + ``write_parquet`` would write them, in memory bounded by ``DOCS_PER_BUCKET``.

    Row groups are spilled to one of ``ceil(expected_documents / DOCS_PER_BUCKET)`` buckets by their
    doc_id range (ids are hashes: the buckets fill evenly). ``finish`` then takes the buckets in id order:
    each is sorted, checked for repeated doc_ids (a repeated id falls in one bucket), validated (every
    rule is about one document, or about ids that fall in one bucket), appended to the Parquet files and
    fed to the content hashes and counts.
    """

    def __init__(self, folder: Path, expected_documents: int = DOCS_PER_BUCKET, *, validate: bool = True,
                 row_group_size: int = ROW_GROUP_SIZE) -> None:
        self.folder = Path(folder)
        self.spill = self.folder / ".spill"
        self.spill.mkdir(parents=True, exist_ok=True)
        count = max(1, -(-expected_documents // DOCS_PER_BUCKET))
        self.buckets = [_Bucket(self.spill, index) for index in range(count)]
        # (bucket number, row group) of the rows not spilled yet.
        self.pending: list[tuple[int, RowGroup]] = []
        self.validate = validate
        self.row_group_size = max(1, row_group_size)

    def _bucket_of(self, doc_id: str) -> int:
        try:
            prefix = int(doc_id[:8], 16)
        except (TypeError, ValueError):
            raise InputError(f"document id {doc_id!r} is not hexadecimal; ids come from Document.from_text") from None
        return (prefix * len(self.buckets)) >> 32

    def add(self, group: RowGroup) -> None:
        self.pending.append((self._bucket_of(group.document["doc_id"]), group))
        if len(self.pending) >= SPILL_BUDGET:
            self._spill()

    def _spill(self) -> None:
        """The pending rows as one table per release table (one conversion, however many buckets they fall
        in: converting per bucket made thousands of tiny tables at 100k pages), cut into each bucket's part."""
        if not self.pending:
            return
        self.pending.sort(key=lambda item: item[0])  # stable: each bucket's rows keep their arrival order
        documents, spans = release_tables([(group.document, group.spans) for _, group in self.pending])
        tables = {"documents": documents, "spans": spans}
        start = {"documents": 0, "spans": 0}
        for number, items in itertools.groupby(self.pending, key=lambda item: item[0]):
            groups = [group for _, group in items]
            sizes = {"documents": len(groups), "spans": sum(len(group.spans) for group in groups)}
            for name in TABLE_NAMES:
                self.buckets[number].write(name, tables[name].slice(start[name], sizes[name]))
                start[name] += sizes[name]
        self.pending = []

    def finish(self, progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda items: items) -> WrittenTables:
        from schemas.validate import Failure, ValidationReport, validate_tables

        writers = {name: pq.ParquetWriter(self.folder / f"{name}.parquet", _parquet_schema(name), compression="zstd")
                   for name in TABLE_NAMES}
        hashes = {name: TableHash() for name in TABLE_NAMES}
        rows = dict.fromkeys(TABLE_NAMES, 0)
        counts: dict[str, Any] = {}
        failures: list[Failure] = []
        failed_annotations: dict[str, list[str]] = {}
        try:
            self._spill()
            for bucket in progress(self.buckets):
                documents, spans = bucket.read()
                if not documents.num_rows and not spans.num_rows:
                    continue
                documents = documents.take(pc.sort_indices(documents, sort_keys=[("doc_id", "ascending")]))
                _refuse_repeated_ids(documents)
                # Each document's spans stay in the order to_rows gave them (text order).
                position = pa.array(range(spans.num_rows), pa.int64())
                spans = spans.take(pc.sort_indices(spans.append_column("_position", position),
                                                   sort_keys=[("doc_id", "ascending"), ("_position", "ascending")]))
                tables = ReleaseTables(documents, spans)
                if self.validate:
                    found = _validate_in_chunks(documents, spans, rows, validate_tables)
                    failed_annotations.update(_annotations_of(documents, {f.doc_id for f in found if f.doc_id}))
                    failures += found
                for name in TABLE_NAMES:
                    table = tables.table(name)
                    writers[name].write_table(table.cast(writers[name].schema), row_group_size=self.row_group_size)
                    key = TABLE_IDS[name]
                    ordered = table if name == "documents" else table.take(
                        pc.sort_indices(table, sort_keys=[(key, "ascending")]))
                    for batch in hash_batches(ordered):
                        hashes[name].update(batch, key)
                    rows[name] += table.num_rows
                counts = _add_counts(counts, table_counts(tables))
        finally:
            for writer in writers.values():
                writer.close()
            shutil.rmtree(self.spill, ignore_errors=True)
        for name in TABLE_NAMES:
            fsync_path(self.folder / f"{name}.parquet")
        if not counts:
            counts = table_counts(ReleaseTables(*(arrow_schema(name).empty_table() for name in TABLE_NAMES)))
        report = ValidationReport(failures=tuple(sorted(failures, key=Failure.sort_key)), counts=rows,
                                  n_documents=rows["documents"], n_spans=rows["spans"], sources=("release",))
        return WrittenTables(rows, {name: hashes[name].hexdigest() for name in TABLE_NAMES}, counts, report,
                             failed_annotations)


def _annotations_of(documents: pa.Table, doc_ids: set[str]) -> dict[str, list[str]]:
    """doc_id -> annotation_ids of the rows of ``documents`` with these ids."""
    if not doc_ids:
        return {}
    rows = documents.filter(pc.is_in(documents.column("doc_id"), pa.array(sorted(doc_ids), pa.string())))
    return dict(zip(rows.column("doc_id").to_pylist(), rows.column("annotation_ids").to_pylist(), strict=True))


def _validate_in_chunks(documents: pa.Table, spans: pa.Table, offsets: Mapping[str, int],
                        validate_tables: Callable[..., Any]) -> list[Any]:
    """The failures of ``documents`` and their ``spans`` (both sorted by doc_id), validated ``VALIDATE_DOCS``
    documents at a time (the span rules join each span with its document's text: memory grows with the
    documents validated together), rows numbered from ``offsets``."""
    import bisect

    doc_ids, span_doc_ids = documents.column("doc_id").to_pylist(), spans.column("doc_id").to_pylist()
    failures = []
    span_start = 0
    for start in range(0, len(doc_ids), VALIDATE_DOCS):
        stop = min(start + VALIDATE_DOCS, len(doc_ids))
        last = stop == len(doc_ids)
        span_stop = len(span_doc_ids) if last else bisect.bisect_left(span_doc_ids, doc_ids[stop], lo=span_start)
        report = validate_tables(documents.slice(start, stop - start), spans.slice(span_start, span_stop - span_start),
                                 source="release")
        shift = {"documents": offsets["documents"] + start, "spans": offsets["spans"] + span_start}
        failures += [replace(failure, row=None if failure.row is None else failure.row + shift[failure.table])
                     for failure in report.failures]
        span_start = span_stop
    return failures


def _refuse_repeated_ids(documents: pa.Table) -> None:
    ids = documents.column("doc_id")
    if pc.count_distinct(ids).as_py() == documents.num_rows:
        return
    values = ids.to_pylist()
    repeated = next(value for value, following in zip(values, values[1:]) if value == following)
    raise InputError(f"document {repeated} occurs twice; ingest must merge documents by doc_id (one row per "
                     "text, all its source files)")


def write_release_stream(
    groups: Iterable[RowGroup],
    releases: Path,
    version: str,
    *,
    expected_documents: int = DOCS_PER_BUCKET,
    version_source: str = "--version",
    inputs: Sequence[Path] | Callable[[], Sequence[Path]] = (),
    annotation_files: Sequence[Path] | Callable[[], Sequence[Path]] = (),
    root: Path | None = None,
    warnings: Sequence[str] | Callable[[], Sequence[str]] = (),
    validate: bool = True,
    annotation_file: Callable[[str, str], str | None] | None = None,
    row_group_size: int = ROW_GROUP_SIZE,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda items: items,
    staging: Path | None = None,
) -> ReleaseOutcome:
    """``write_release`` for row groups that stream in (``ReleaseWriter``): the same folder, hashes and rules.

    The tables are written into the temporary folder first; then, as ``write_release`` does: a release that
    does not validate -> ReleaseValidationError naming the annotation behind each failing document (and the
    file ``annotation_file(doc_id, annotation_id)`` gives, when it gives one);
    the same content under ``version`` -> ``up_to_date``; different content -> ConfigError (bump). Nothing
    but a complete release is ever renamed into place. ``inputs``, ``annotation_files`` and ``warnings`` may
    be functions, called once the stream is consumed. The tables are written in ``staging`` (default:
    ``releases``; on the same file system), so an up-to-date release leaves ``releases`` untouched.
    """
    check_version(version, version_source)
    store = ReleaseStore(releases)
    staging = releases if staging is None else Path(staging)
    staging.mkdir(parents=True, exist_ok=True)
    removed = remove_leftovers(staging, TEMP_PREFIX)
    temporary = Path(tempfile.mkdtemp(dir=staging, prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    try:
        writer = ReleaseWriter(temporary, expected_documents, validate=validate, row_group_size=row_group_size)
        for group in groups:
            writer.add(group)
        written = writer.finish(progress)
        warnings = list(warnings() if callable(warnings) else warnings)
        if not written.report.ok:
            # Only the failing documents' provenance: a map of every document's grew with the corpus.
            files = annotation_file or (lambda doc_id, annotation_id: None)
            raise_if_invalid(written.report, {
                doc_id: f"annotation {ids[0]}" + (f" in {file}" if (file := files(doc_id, ids[0])) else "")
                for doc_id, ids in written.failed_annotations.items() if ids})
        hashes = written.hashes
        if store.exists(version):
            existing = store.manifest(version)
            released = {name: existing["tables"][name]["content_sha256"] for name in TABLE_NAMES}
            if released == hashes:
                shutil.rmtree(temporary, ignore_errors=True)
                return ReleaseOutcome("up_to_date", version, store.path(version), existing, tuple(warnings))
            differences = [f"{name}: {released[name][:12]} released, {hashes[name][:12]} now"
                           for name in TABLE_NAMES if released[name] != hashes[name]]
            raise ConfigError(_bump_message(version, version_source, differences, store.path(version)))
        previous_version = store.previous(version)
        if previous_version is None:  # everything is added: no need to read the ids back
            diff = ReleaseDiff(None, written.rows["documents"], 0, {}, dict(written.counts["spans_per_label"]),
                               _value_counts(pa.array([], pa.string()), LABEL_NAMES), {})
        else:
            diff = diff_tables(_id_columns(store.path(previous_version)), _id_columns(temporary), previous_version)
        previous_changelog = store.path(previous_version) / CHANGELOG if previous_version else None
        manifest, changelog = _manifest_and_changelog(
            temporary, version, written.rows, hashes, written.counts, diff, previous_version,
            previous_changelog.read_text(encoding="utf-8") if previous_changelog and previous_changelog.is_file() else "",
            inputs() if callable(inputs) else inputs,
            annotation_files() if callable(annotation_files) else annotation_files, root, warnings)
        releases.mkdir(parents=True, exist_ok=True)
        _commit(temporary, store, version, manifest, changelog)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return ReleaseOutcome("written", version, store.path(version), manifest, tuple(warnings), tuple(removed))


def _id_columns(folder: Path) -> ReleaseTables:
    """The id and value columns the changelog compares, read from a release folder's Parquet files."""
    return ReleaseTables(documents=pq.read_table(folder / "documents.parquet", columns=["doc_id", "annotation_status"]),
                         spans=pq.read_table(folder / "spans.parquet", columns=["span_id", "label"]))
