"""Label Studio exports -> checked human annotations in the annotation store.

Offsets from Label Studio are trusted only after checking them against the corpus's current text: the
task must name a known document whose text hash is unchanged since the export, every region must be a
``labels`` region of one of the config's controls with one label of that control's layer, integer
offsets inside the text with start < end, and a ``value.text`` (when present) equal to the slice. The
spans then must obey the layer rules of ``schemas.rules.span_faults`` with ``complete=True``: an
annotation is a full zone annotation of the document (every non-whitespace character covered). The layer
rules are judged only when every region passed its own checks, so each reject names the first-hand fault.

An annotation with any fault is rejected whole -- one rejects line per fault, all naming the same
annotation -- so nothing is half-imported. Cancelled (skipped) annotations and drafts are counted and
skipped (``include_drafts`` imports drafts too). Stored annotations pushed for review (``--with-annotations``)
come back as annotations of the pushing user; one nobody touched in Label Studio (no lead time, never
updated) whose spans equal a stored annotation of the document is a review copy, counted and skipped.

Nothing changes in the store until every file has been read completely: an accepted annotation of a
document with nothing stored is staged at once as the document's new file (``annotation.store.StagedStore``);
any other is spooled to a temporary file, and merged (into staged files) once the exports are read; then
the staged files move into the store together.
"""

from __future__ import annotations

import ctypes
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from annotation.labelstudio.config import CONTROL_LABELS, LAYER_OF_CONTROL, TEXT_NAME
from annotation.labelstudio.documents import DocumentIndex
from annotation.labelstudio.exports import ExportedAnnotation, ExportedTask, iter_tasks
from annotation.store import (
    LockedFolder, StagedStore, annotation_from_json, annotation_line, read_file, remove_abandoned_folders)
from schemas.errors import ConfigError
from schemas.labels import layer_of
from schemas.records import Annotation, Document, text_sha256
from schemas.rules import Rule, complete_spans_hold, span_faults

MERGE_BATCH = 5000
SPOOL_PREFIX = ".ls-import-"  # the spool folder's, beside the rejects file
# Of each control, whether each of its labels is in the quote layer: a region's label is looked up and its
# layer found at once.
_QUOTE_LAYER = {control: {label: LAYER_OF_CONTROL[control] == "quote" for label in labels}
                for control, labels in CONTROL_LABELS.items()}


class Reason:
    """Reject reasons beyond the span rules of ``schemas.rules.Rule`` (whose names are used as they are)."""

    UNKNOWN_DOCUMENT = "unknown_document"
    TEXT_CHANGED = Rule.TEXT_HASH_MATCHES
    MALFORMED_RESULT = "malformed_result"
    UNKNOWN_CONTROL = "unknown_control"
    OFFSETS_NOT_INTEGERS = "offsets_not_integers"
    OFFSETS_IN_RANGE = Rule.OFFSETS_IN_RANGE
    SPAN_TEXT_MATCHES = Rule.SPAN_TEXT_MATCHES
    UNKNOWN_LABEL = Rule.KNOWN_LABEL
    LABEL_LAYER = Rule.LABEL_LAYER
    MISSING_ID = "missing_id"


@dataclass(frozen=True, slots=True)
class Reject:
    file: str
    task: Any
    annotation: Any
    region: Any
    doc_id: str | None
    reason: str
    message: str

    def to_json(self) -> dict:
        return {"file": self.file, "task": self.task, "annotation": self.annotation, "region": self.region,
                "doc_id": self.doc_id, "reason": self.reason, "message": self.message}


@dataclass(slots=True)
class ImportTotals:
    files: int = 0
    tasks: int = 0
    annotations: int = 0
    imported: int = 0
    unchanged: int = 0
    rejected: int = 0
    cancelled: int = 0
    drafts_skipped: int = 0
    drafts_imported: int = 0
    review_copies: int = 0
    reject_reasons: Counter = field(default_factory=Counter)
    abandoned_removed: list[str] = field(default_factory=list)  # staging folders of killed imports
    spools_removed: list[str] = field(default_factory=list)  # spool folders of killed imports

    def lines(self) -> list[str]:
        lines = [
            f"files read:            {self.files}",
            f"tasks:                 {self.tasks}",
            f"annotations seen:      {self.annotations}",
            f"imported (new/updated): {self.imported}",
            f"unchanged:             {self.unchanged}",
            f"rejected annotations:  {self.rejected}",
        ]
        lines += [f"  {reason}: {count}" for reason, count in sorted(self.reject_reasons.items())]
        lines += [f"review copies skipped: {self.review_copies}",
                  f"cancelled (skipped):   {self.cancelled}",
                  f"drafts skipped:        {self.drafts_skipped}"]
        if self.drafts_imported:
            lines.append(f"drafts imported:       {self.drafts_imported}")
        lines += [f"removed the staging folder of a killed import: {path}" for path in self.abandoned_removed]
        lines += [f"removed the spool folder of a killed import: {path}" for path in self.spools_removed]
        return lines


def annotation_id_for(project: Any, exported: ExportedAnnotation) -> str:
    """Deterministic: the same Label Studio annotation always gets the same id, so re-imports add nothing."""
    if exported.kind == "draft":
        return f"ls-{project}-draft-{exported.ls_id}"
    return f"ls-{project}-{exported.ls_id}"


class _Checker:
    """Turns one exported annotation into an accepted one (``_Accepted``), or into the rejects saying why not."""

    def __init__(self, documents: DocumentIndex, file: str) -> None:
        self.documents = documents
        self.file = file

    def check(self, task: ExportedTask, exported: ExportedAnnotation, project: Any) -> _Accepted | list[Reject]:
        doc_id = task.data.get("doc_id")

        def reject(reason: str, message: str, region: Any = None) -> Reject:
            return Reject(self.file, task.task_id, exported.ls_id, region,
                          doc_id if isinstance(doc_id, str) else None, reason, message)

        if exported.ls_id is None or task.task_id is None:
            return [reject(Reason.MISSING_ID, "the export gives no task id or annotation id")]
        document = self.documents.get(doc_id) if isinstance(doc_id, str) else None
        if document is None:
            return [reject(Reason.UNKNOWN_DOCUMENT, f"task data doc_id {doc_id!r} is not a document of the corpus")]
        exported_hash = task.data.get("text_sha256")
        exported_text = task.data.get(TEXT_NAME)
        text_hash = None  # the hash of exported_text, when computed
        if exported_hash is None and isinstance(exported_text, str):
            exported_hash = text_hash = text_sha256(exported_text)
        if exported_hash != document.text_sha256:
            return [reject(Reason.TEXT_CHANGED, f"the task's text (sha256 {str(exported_hash)[:12]}...) is not the "
                           f"document's current text (sha256 {document.text_sha256[:12]}...): the page changed "
                           "since the export; re-export the document")]
        if not isinstance(exported.result, list):
            return [reject(Reason.MALFORMED_RESULT, f"result must be a list of regions, got {exported.result!r:.80}")]

        text = self.documents.text(document, exported_text, text_hash)
        length = len(text)
        rejects: list[Reject] = []
        spans: list[_Region] = []
        for number, region in enumerate(exported.result):
            # The common case, a well-formed region of a known control with in-range integer offsets and its
            # text, the slice, is recognised here in one pass; anything else (a field left to its default
            # included) goes to ``_span``, which names the fault or accepts it with the same span as here.
            try:
                value = region["value"]
                labels, start, end, actual = value["labels"], value["start"], value["end"], value["text"]
                quote = _QUOTE_LAYER[region["from_name"]][labels[0]]
                # The region's text, when it is the slice, is the span's text (equal: no slice is copied).
                well_formed = (type(start) is int and type(end) is int and 0 <= start < end <= length
                               and type(labels) is list and len(labels) == 1
                               and region["to_name"] == TEXT_NAME and region["type"] == "labels"
                               and type(actual) is str and len(actual) == end - start
                               and text.startswith(actual, start))
            except (KeyError, TypeError, IndexError):
                well_formed = False
            if well_formed:
                spans.append(_new_region((start, quote, end, labels[0], actual, None)))
                continue
            outcome = self._span(text, region)
            if isinstance(outcome, _Region):
                spans.append(outcome)
            else:
                reason, message = outcome
                rejects.append(reject(reason, message, _region_id(region, number)))
        if rejects:
            # The layer rules are not judged on what is left: a dropped region would show up again as a
            # coverage gap or a quote outside its article, hiding the precise fault.
            return rejects
        # The store's order: a region sorts as (start, layer, end, ...), as ``span_order`` orders spans (spans
        # that would tie there overlap, so an annotation holding them is rejected below).
        ordered = sorted(spans)
        if not complete_spans_hold(text, ordered):
            # Every region gave a span, in order: a fault's span index is its region's number.
            for fault in span_faults(text, spans, complete=True):
                region = _region_id(exported.result[fault.index], fault.index) if fault.index is not None else None
                rejects.append(reject(fault.rule, fault.message, region))
            if rejects:
                return rejects

        annotator = exported.annotator_email or (
            f"labelstudio-user-{exported.completed_by}" if exported.completed_by is not None else None)
        if annotator is None:
            return [reject(Reason.MISSING_ID, "the export names no annotator (completed_by / user)")]
        labelstudio = {"project": project, "task": task.task_id, "annotation": exported.ls_id,
                       "parent_prediction": exported.parent_prediction,
                       "parent_annotation": exported.parent_annotation,
                       "parent_model_version": exported.parent_model_version,
                       "completed_by": exported.completed_by}
        if exported.kind == "draft":
            labelstudio["draft_of"] = exported.draft_of
        return _Accepted(ordered, dict(
            annotation_id=annotation_id_for(project, exported), doc_id=document.doc_id,
            text_sha256=document.text_sha256, origin="human", annotator=annotator,
            source=document.source, created_at=exported.created_at,
            updated_at=exported.updated_at,
            lead_time=exported.lead_time if _is_number(exported.lead_time) and exported.lead_time >= 0 else None,
            ground_truth=exported.ground_truth, labelstudio=labelstudio))

    @staticmethod
    def _span(text: str, region: Any) -> _Region | tuple[str, str]:
        if not isinstance(region, dict) or not isinstance(region.get("value"), dict):
            return Reason.MALFORMED_RESULT, f"region {region!r:.80} has no value object"
        control, value = region.get("from_name"), region["value"]
        if control not in CONTROL_LABELS or region.get("to_name", TEXT_NAME) != TEXT_NAME \
                or region.get("type", "labels") != "labels":
            return Reason.UNKNOWN_CONTROL, (
                f"region from_name={control!r} to_name={region.get('to_name')!r} type={region.get('type')!r} "
                f"is not a control of the config; valid: from_name one of {', '.join(CONTROL_LABELS)}, "
                f"to_name {TEXT_NAME!r}, type 'labels'")
        labels = value.get("labels")
        if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
            return Reason.MALFORMED_RESULT, f"region must carry exactly one label, got labels={labels!r}"
        label = labels[0]
        if label not in CONTROL_LABELS[control]:
            try:
                layer = layer_of(label)
            except ValueError as error:
                return Reason.UNKNOWN_LABEL, str(error)
            return Reason.LABEL_LAYER, (f"label {label!r} (layer {layer}) is not a label of control {control!r} "
                                        f"(layer {LAYER_OF_CONTROL[control]}: {', '.join(CONTROL_LABELS[control])})")
        start, end = value.get("start"), value.get("end")
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)):
            return Reason.OFFSETS_NOT_INTEGERS, f"offsets must be integers, got start={start!r} end={end!r}"
        if not 0 <= start < end <= len(text):
            return Reason.OFFSETS_IN_RANGE, (f"{label} [{start}, {end}) needs 0 <= start < end <= {len(text)} "
                                             "(the text's length in code points)")
        actual = text[start:end]
        if "text" in value and value["text"] != actual:
            return Reason.SPAN_TEXT_MATCHES, (f"{label} [{start}, {end}) stores text {str(value['text'])[:40]!r} "
                                              f"but the document has {actual[:40]!r} there")
        return _Region(start, _QUOTE_LAYER[control][label], end, label, actual)


def _region_id(region: Any, number: int) -> Any:
    """How a reject names a region: its id, else its position in the result."""
    return region.get("id", f"#{number}") if isinstance(region, dict) else f"#{number}"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(slots=True)
class ImportResult:
    totals: ImportTotals
    rejects_path: Path | None


def import_exports(
    paths: Sequence[Path],
    documents: DocumentIndex | Mapping[str, Document],
    store: Path,
    rejects_path: Path,
    *,
    include_drafts: bool = False,
    project: Any = None,
    dry_run: bool = False,
    progress: Callable[[Iterable[ExportedTask], str], Iterable[ExportedTask]] | None = None,
) -> ImportResult:
    """Check every annotation of the exports in ``paths`` and merge the valid ones into ``store``.

    ``project`` names the Label Studio project for exports that do not carry it (JSON_MIN); it is
    required for those, since annotation ids are ``ls-<project>-<annotation id>``. Rejects go to
    ``rejects_path`` (JSON Lines). Nothing is written to the store unless every file was read completely.
    ``documents`` is the corpus: a ``DocumentIndex`` (e.g. ``DocumentIndex.from_pages``, which holds no
    texts) or the documents by id.
    """
    if not isinstance(documents, DocumentIndex):
        documents = DocumentIndex.of(documents)
    totals = ImportTotals()
    untouched: set[str] = set()
    rejects_path.parent.mkdir(parents=True, exist_ok=True)
    store = Path(store)
    # The store does not change while the exports are read: with no store folder, no document has a file.
    has_file = (lambda doc_id: os.path.exists(os.path.join(store, f"{doc_id}.jsonl"))) if store.is_dir() \
        else (lambda doc_id: False)
    # The spool folder is locked like the staging folder, so that one a killed import left is removed too.
    with LockedFolder(rejects_path.parent, SPOOL_PREFIX) as spool_folder, StagedStore(store) as staged:
        if not dry_run:  # which writes nothing but its rejects, and removes nothing
            totals.abandoned_removed = [str(path) for path in staged.remove_abandoned()]
            totals.spools_removed = [
                str(path) for path in remove_abandoned_folders(rejects_path.parent, SPOOL_PREFIX, spool_folder.path)]
        spool = _Spool(spool_folder.path)
        accept = _Acceptor(spool, None if dry_run else staged, has_file, totals)
        rejects_tmp = spool_folder.path / "rejects.jsonl"
        with spool, open(rejects_tmp, "w", encoding="utf-8") as rejects:
            for path in paths:
                totals.files += 1
                checker = _Checker(documents, str(path))
                tasks = iter_tasks(Path(path))
                for task in progress(tasks, f"reading {Path(path).name}") if progress else tasks:
                    totals.tasks += 1
                    for exported in task.annotations:
                        _import_one(task, exported, checker, project, include_drafts, totals, accept, rejects,
                                    untouched)
        if totals.rejected:
            os.replace(rejects_tmp, rejects_path)
        else:
            rejects_path.unlink(missing_ok=True)
        _merge(spool, store, staged, has_file, totals, dry_run, untouched)
        if not dry_run:
            staged.commit()
    return ImportResult(totals, rejects_path if totals.rejected else None)


# glibc's mallopt parameters
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def reuse_freed_memory() -> None:
    """Have glibc's allocator keep the memory the import frees for its next allocations. The export reader's
    buffers are strings of a few MB, made and freed over and over; by default glibc maps each from the
    system and unmaps it when freed (or trims its heap), so every page of each is faulted in again: at
    20,000 tasks, 230,000 to 350,000 page faults and 0.5 to 0.9 s of kernel time. The import's peak memory
    stays the same (freed memory is reused, not added to), but arrays that grow by copying leave resident holes
    under it: `corpus ls import` makes the call after its page index is built, not before. Process-wide and
    not undone, so it is the process's call: `import_exports` does not make it. Nothing to do on another C
    library."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except AttributeError:
        return
    mallopt(_M_MMAP_THRESHOLD, 32 << 20)  # glibc's largest dynamic threshold
    mallopt(_M_TRIM_THRESHOLD, 128 << 20)


class _Acceptor:
    """Where an accepted annotation goes. Of a document with nothing stored, it is new: staged as the
    document's file (a check only counts it), unless the document has one staged already. Any other is
    spooled for the merge, which compares it with what is stored or staged."""

    def __init__(self, spool: _Spool, staged: StagedStore | None, has_file: Callable[[str], bool],
                 totals: ImportTotals) -> None:
        self.spool, self.staged, self.has_file, self.totals = spool, staged, has_file, totals

    def add(self, accepted: _Accepted) -> None:
        doc_id = accepted.fields["doc_id"]
        new = not self.has_file(doc_id)
        if new and self.staged is None:
            self.totals.imported += 1
            return
        line = accepted.line()
        if new and self.staged.add_new(doc_id, line):
            self.totals.imported += 1
            return
        self.spool.add(accepted.fields["annotation_id"], doc_id, line)


def _import_one(task: ExportedTask, exported: ExportedAnnotation, checker: _Checker, project: Any,
                include_drafts: bool, totals: ImportTotals, accept: _Acceptor, rejects,
                untouched: set[str]) -> None:
    if exported.kind == "draft":
        if not include_drafts:
            totals.drafts_skipped += 1
            return
    else:
        totals.annotations += 1
        if exported.was_cancelled:
            totals.cancelled += 1
            return
    effective_project = project if project is not None else (exported.project if exported.project is not None
                                                             else task.project)
    if effective_project is None:
        raise ConfigError(f"{checker.file}: this export ({task.form}) does not carry the Label Studio project id, "
                          "which annotation ids are made of (ls-<project>-<annotation id>); pass --project N "
                          "(the number in the project's URL, /projects/N/)")
    outcome = checker.check(task, exported, effective_project)
    if isinstance(outcome, _Accepted):
        if exported.kind == "draft":
            totals.drafts_imported += 1
        elif exported.lead_time is None and exported.updated_by is None:
            untouched.add(outcome.fields["annotation_id"])
        accept.add(outcome)
        return
    totals.rejected += 1
    for item in outcome:
        totals.reject_reasons[item.reason] += 1
        rejects.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")


class _Region(NamedTuple):
    """A checked region's span. Only the spans of an annotation the merge writes or compares become
    ``Span``s (whose own checks repeat the region's): ``span_faults`` takes these as they are. The fields
    are in ``span_order``'s order, so that regions sort as spans do without a key function."""

    start: int
    quote: bool  # in the quote layer, which comes after the zone layer at the same start
    end: int
    label: str
    text: str
    score: None = None  # a human's span has none; the field makes a region a complete span for the store


# A _Region made from all its fields in one call, not through the named tuple's Python-level __new__: the
# check makes one per region of the export.
_new_region = partial(tuple.__new__, _Region)


@dataclass(frozen=True, slots=True)
class _Accepted:
    """An annotation that passed every check: its spans and the other fields of its ``Annotation``."""

    spans: list[_Region]  # in the store's order
    fields: dict[str, Any]

    def line(self) -> str:
        """``annotation_line`` of the annotation, without building its ``Span``s: ``check`` has judged every
        region already, and a ``Span`` would only repeat that."""
        return annotation_line(Annotation(spans=(), **self.fields), self.spans)


@dataclass(frozen=True, slots=True)
class _Spooled:
    """An accepted annotation as spooled: which it is, and where its line is in the spool."""

    annotation_id: str
    doc_id: str
    offset: int
    length: int
    number: int


class _Spool:
    """Accepted annotations that are not new (``_Acceptor``), on disk until every export has been read:
    their lines as the store holds them, and an index (annotation id, document, where the line is). The
    merge holds only one batch of the index in memory."""

    def __init__(self, folder: Path) -> None:
        self.lines_path = folder / "accepted.jsonl"
        self.index_path = folder / "accepted-index.jsonl"
        self._lines = open(self.lines_path, "wb")
        self._index = open(self.index_path, "w", encoding="utf-8")
        self._size = 0
        self._reader: Any = None

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._lines.close()
        self._index.close()

    def add(self, annotation_id: str, doc_id: str, line: str) -> None:
        data = line.encode("utf-8") + b"\n"
        self._index.write(json.dumps([annotation_id, doc_id, self._size, len(data)]) + "\n")
        self._lines.write(data)
        self._size += len(data)

    def entries(self) -> Iterator[_Spooled]:
        with open(self.index_path, encoding="utf-8") as handle:
            for number, record in enumerate(handle, start=1):
                yield _Spooled(*json.loads(record), number)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Within it, ``line`` and ``parse`` read the spooled lines."""
        with open(self.lines_path, "rb") as self._reader:
            yield
        self._reader = None

    def line(self, item: _Spooled) -> str:
        self._reader.seek(item.offset)
        return self._reader.read(item.length).decode("utf-8").rstrip("\n")

    def parse(self, item: _Spooled) -> Annotation:
        return annotation_from_json(json.loads(self.line(item)), f"{self.lines_path}:{item.number}")


def _same_import(stored: Annotation | None, incoming: Annotation) -> bool:
    """Already imported: the same spans by the same annotator at the same update time (an export form
    that carries fewer Label Studio details, e.g. JSON_MIN, does not overwrite a fuller earlier import)."""
    return stored is not None and stored.spans == incoming.spans and stored.annotator == incoming.annotator \
        and stored.updated_at == incoming.updated_at and stored.doc_id == incoming.doc_id


def _merge(spool: _Spool, store: Path, staged: StagedStore, has_file: Callable[[str], bool], totals: ImportTotals,
           dry_run: bool, untouched: set[str]) -> None:
    batch: list[_Spooled] = []

    def flush() -> None:
        by_doc: dict[str, list[_Spooled]] = {}
        for item in batch:
            by_doc.setdefault(item.doc_id, []).append(item)
        batch.clear()
        incoming: list[Annotation] = []
        for doc_id, items in by_doc.items():
            parsed = [spool.parse(item) for item in items]
            if has_file(doc_id):
                incoming += parsed
            else:
                # Another annotation of a document with nothing stored (whose file is staged): new too.
                added, unchanged = staged.merge(parsed)
                totals.imported += added
                totals.unchanged += unchanged
        if not incoming:
            return
        # What is stored, as the import has changed it so far (an earlier batch may have staged the file).
        stored_by_id: dict[str, Annotation] = {}
        for doc_id in {annotation.doc_id for annotation in incoming}:
            path = staged.current(doc_id)
            if path.exists():
                stored_by_id.update((a.annotation_id, a) for a in read_file(path))
        stored_spans = {(a.doc_id, frozenset(a.spans)) for a in stored_by_id.values()
                        if a.annotation_id not in untouched}
        changed = []
        for annotation in incoming:
            if _same_import(stored_by_id.get(annotation.annotation_id), annotation):
                totals.unchanged += 1
            elif annotation.annotation_id in untouched and \
                    (annotation.doc_id, frozenset(annotation.spans)) in stored_spans:
                totals.review_copies += 1
            else:
                changed.append(annotation)
        if dry_run:
            totals.imported += len(changed)
        elif changed:
            added, unchanged = staged.merge(changed)
            totals.imported += added
            totals.unchanged += unchanged

    with spool.reading():
        for item in spool.entries():
            batch.append(item)
            if len(batch) >= MERGE_BATCH:
                flush()
        flush()
