"""Versioned, immutable releases: ``dist/releases/<version>/``.

A release folder holds::

    documents.parquet   spans.parquet    the two tables in release form (schemas.tables.arrow_schema)
    manifest.json       versions, content hash per table, input hashes, counts, warnings
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
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus.config import VERSION_RE, check_version
from schemas.errors import ConfigError, InputError
from schemas.labels import ANNOTATION_STATUSES, LABEL_NAMES, ORIGINS, SPLITS
from schemas.records import Annotation, Document, split_for
from schemas.rows import document_row, span_rows, to_table
from schemas.tables import SCHEMA_VERSION, arrow_schema

DATASET_NAME = "newszones"
DISTRIBUTION = "newszones"
TABLE_NAMES: tuple[str, ...] = ("documents", "spans")
TABLE_IDS: dict[str, str] = {"documents": "doc_id", "spans": "span_id"}
MANIFEST = "manifest.json"
CHANGELOG = "CHANGELOG.md"
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
    from, named in the rejects.
    """

    def __init__(self, annotations: Iterable[Annotation], rejects: list[Reject],
                 files: Mapping[str, str] | None = None) -> None:
        self._files = dict(files or {})
        self._by_doc: dict[str, list[Annotation]] = {}
        for annotation in annotations:
            self._by_doc.setdefault(annotation.doc_id, []).append(annotation)
        self._rejects = rejects
        self.attached = 0

    def __call__(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        pending = {doc_id: list(annotations) for doc_id, annotations in self._by_doc.items()}
        for document in documents:
            attached = []
            for annotation in pending.pop(document.doc_id, []):
                if annotation.text_sha256 != document.text_sha256:
                    self._rejects.append(Reject(
                        "attach", "text_changed",
                        f"annotation {annotation.annotation_id!r} was made on text {annotation.text_sha256[:12]}... "
                        f"but document {document.doc_id} now has text {document.text_sha256[:12]}...",
                        self._source(annotation), annotation.annotation_id, annotation.doc_id))
                else:
                    attached.append(annotation)
            self.attached += len(attached)
            yield AnnotatedDocument(document, tuple(attached))
        for doc_id, annotations in sorted(pending.items()):
            for annotation in annotations:
                self._rejects.append(Reject(
                    "attach", "unknown_document",
                    f"annotation {annotation.annotation_id!r} is of document {doc_id}, which is not in the input",
                    self._source(annotation), annotation.annotation_id, doc_id))

    def _source(self, annotation: Annotation) -> str | None:
        return self._files.get(annotation.annotation_id, annotation.source)


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
    """The table rows of one released document: its documents row and its spans rows."""

    document: dict
    spans: list[dict]


def to_rows(documents: Iterable[ReleasedDocument]) -> Iterator[RowGroup]:
    """Stage: ``ReleasedDocument`` -> its rows in release form."""
    for item in documents:
        yield RowGroup(document_row(item.document, item.annotation), span_rows(item.document, item.annotation))


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
    return ReleaseTables(
        documents=to_table((group.document for group in ordered), "documents"),
        spans=to_table((row for group in ordered for row in group.spans), "spans"),
    )


# --- content hashes and counts -------------------------------------------------------------------------

def content_sha256(table: pa.Table, name: str) -> str:
    """SHA-256 of the rows of ``table`` (a release table) sorted by id, one canonical JSON line each."""
    key = TABLE_IDS[name]
    digest = hashlib.sha256()
    if table.num_rows:
        ordered = table.take(pc.sort_indices(table, sort_keys=[(key, "ascending")]))
        for batch in ordered.to_batches(max_chunksize=4096):
            for row in batch.to_pylist():
                line = json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                digest.update(line.encode("utf-8", errors="surrogatepass") + b"\n")
    return digest.hexdigest()


def _value_counts(array: pa.ChunkedArray | pa.Array, names: Sequence[str]) -> dict[str, int]:
    counts = {name: 0 for name in names}
    for item in pc.value_counts(array).to_pylist():
        counts[item["values"]] = item["counts"]
    return counts


def table_counts(tables: ReleaseTables) -> dict[str, Any]:
    """Counts per split, annotation status, label and origin (every known value listed, zeros included)."""
    documents, spans = tables.documents, tables.spans
    span_splits = pa.array([split_for(doc_id) for doc_id in spans.column("doc_id").to_pylist()], pa.string())
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


def describe_files(paths: Iterable[Path], root: Path | None) -> list[dict[str, Any]]:
    """Path (relative to ``root`` when inside it), size and SHA-256 of each file, sorted by path."""
    described = []
    for path in paths:
        path = Path(path)
        shown = path
        if root is not None:
            try:
                shown = path.resolve().relative_to(Path(root).resolve())
            except ValueError:
                shown = path
        described.append({"path": shown.as_posix(), "bytes": path.stat().st_size, "sha256": file_sha256(path)})
    return sorted(described, key=lambda item: item["path"])


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
    tables: ReleaseTables
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
    def doc_status(tables: ReleaseTables) -> dict[str, str]:
        return dict(zip(tables.documents.column("doc_id").to_pylist(),
                        tables.documents.column("annotation_status").to_pylist(), strict=True))

    def span_labels(tables: ReleaseTables) -> dict[str, str]:
        return dict(zip(tables.spans.column("span_id").to_pylist(), tables.spans.column("label").to_pylist(),
                        strict=True))

    old_docs = doc_status(previous) if previous else {}
    new_docs = doc_status(current)
    old_spans = span_labels(previous) if previous else {}
    new_spans = span_labels(current)
    status_changes = Counter(f"{old_docs[d]} -> {new_docs[d]}" for d in new_docs.keys() & old_docs.keys()
                             if old_docs[d] != new_docs[d])
    added = Counter(new_spans[s] for s in new_spans.keys() - old_spans.keys())
    removed = Counter(old_spans[s] for s in old_spans.keys() - new_spans.keys())
    relabelled = Counter(f"{old_spans[s]} -> {new_spans[s]}" for s in new_spans.keys() & old_spans.keys()
                         if old_spans[s] != new_spans[s])
    return ReleaseDiff(
        previous_version=previous_version,
        documents_added=len(new_docs.keys() - old_docs.keys()),
        documents_removed=len(old_docs.keys() - new_docs.keys()),
        status_changes=dict(sorted(status_changes.items())),
        spans_added={label: added[label] for label in LABEL_NAMES},
        spans_removed={label: removed[label] for label in LABEL_NAMES},
        relabelled=dict(sorted(relabelled.items())),
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

    report = validate_tables(tables.documents, tables.spans, source="release")
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
    counts = table_counts(tables)
    diff = diff_tables(previous.tables if previous else None, tables, previous_version)
    created_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    manifest = {
        "dataset": DATASET_NAME,
        "dataset_version": version,
        "schema_version": SCHEMA_VERSION,
        "toolkit_version": toolkit_version(),
        "created_at": created_at,
        "tables": {name: {"file": f"{name}.parquet", "rows": tables.table(name).num_rows,
                          "content_sha256": hashes[name]} for name in TABLE_NAMES},
        "counts": counts,
        "previous_version": previous_version,
        "changes": diff.to_json(),
        "inputs": describe_files(inputs, root),
        "annotation_files": describe_files(annotation_files, root),
        "warnings": list(warnings),
    }
    changelog = changelog_text(changelog_entry(version, created_at[:10], diff, counts),
                               previous.changelog if previous else "")

    temporary = Path(tempfile.mkdtemp(dir=releases, prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    try:
        for name in TABLE_NAMES:
            write_parquet(tables.table(name), temporary / f"{name}.parquet", name, row_group_size)
        write_bytes_synced(temporary / CHANGELOG, changelog.encode("utf-8"))
        # The manifest goes last: a folder with a manifest is a complete release.
        write_bytes_synced(temporary / MANIFEST,
                           (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        os.chmod(temporary, 0o755)
        fsync_path(temporary)
        try:
            os.rename(temporary, store.path(version))
        except OSError as error:
            if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
                raise ConfigError(f"{store.path(version)} appeared while writing release {version} "
                                  "(another run?); run again") from None
            raise
        fsync_path(releases)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return ReleaseOutcome("written", version, store.path(version), manifest, tuple(warnings), tuple(removed))
