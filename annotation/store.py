"""The committed annotation store: JSON Lines, one file per document, human-readable and diffable.

``seeds/annotations/<doc_id>.jsonl`` holds every annotation of one document (human, adjudicated), one
JSON object per line, sorted by annotation id. It is the source of truth for human labels and does not
depend on Label Studio; the Label Studio import writes this same format. A line looks like::

    {"annotation_id": "...", "document": {"doc_id": "...", "source": "seeds/x.txt", "text_sha256": "..."},
     "origin": "human", "annotator": "ana", "created_at": "2026-11-26T10:00:00Z", "updated_at": "...",
     "lead_time": 312.5, "ground_truth": false, "model_version": null, "derived_from": [],
     "labelstudio": null, "spans": [{"start": 0, "end": 6, "label": "boilerplate", "text": "Global"}]}
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from schemas.errors import InputError
from schemas.records import Annotation, Span, span_order


class AnnotationFileError(InputError, ValueError):
    """An annotation file that cannot be read: names the file, line and field. Fix the file."""


def stored_span_rows(spans: Iterable[Span]) -> list[dict[str, Any]]:
    """The stored rows of ``spans`` in the store's order."""
    rows = []
    for span in sorted(spans, key=span_order):
        row = {"start": span.start, "end": span.end, "label": span.label, "text": span.text}
        if span.score is not None:
            row["score"] = span.score
        rows.append(row)
    return rows


# One encoder for every line (json.dumps with options builds a new one per call); the string encoder is the
# one it uses, so a span row written by hand below is the row json.dumps writes.
_encode_json = json.JSONEncoder(ensure_ascii=False).encode
_encode_string = json.encoder.encode_basestring


class _EncodedLabels(dict):
    """Each label's JSON string, encoded once."""

    def __missing__(self, label: str) -> str:
        self[label] = encoded = _encode_string(label)
        return encoded


_encoded_labels = _EncodedLabels()


def encoded_span_rows(ordered: Iterable[Any]) -> str:
    """The JSON of ``stored_span_rows(ordered)`` as ``annotation_line`` writes it, without building a dict per
    span (an import writes over a million of them). ``ordered``: ``Span``s, or anything with all their
    fields, already in the store's order (``span_order``)."""
    labels, string = _encoded_labels, _encode_string
    return "[" + ", ".join([
        f'{{"start": {span.start:d}, "end": {span.end:d}, "label": {labels[span.label]}, "text": {string(span.text)}'
        f'{"" if span.score is None else _score_member(span.score)}}}' for span in ordered]) + "]"


def _score_member(score: float) -> str:
    return f', "score": {_encode_json(score)}'


def annotation_to_json(annotation: Annotation) -> dict[str, Any]:
    """The stored object of ``annotation``."""
    return {**_annotation_fields(annotation), "spans": stored_span_rows(annotation.spans)}


def _annotation_fields(annotation: Annotation) -> dict[str, Any]:
    """The stored object of ``annotation`` but its spans, which come last."""
    return {
        "annotation_id": annotation.annotation_id,
        "document": {"doc_id": annotation.doc_id, "source": annotation.source,
                     "text_sha256": annotation.text_sha256},
        "origin": annotation.origin,
        "annotator": annotation.annotator,
        "model_version": annotation.model_version,
        "created_at": annotation.created_at,
        "updated_at": annotation.updated_at,
        "lead_time": annotation.lead_time,
        "ground_truth": annotation.ground_truth,
        "derived_from": list(annotation.derived_from),
        "labelstudio": annotation.labelstudio,
    }


def annotation_line(annotation: Annotation, ordered: Iterable[Any] | None = None) -> str:
    """The stored form of one annotation: its JSON line (``annotation_to_json``), without the newline.
    ``ordered``, when given, stands for ``annotation.spans`` in the store's order (``span_order``):
    anything with all of a ``Span``'s fields, e.g. regions already checked and sorted, so that no ``Span``
    is built and no span sorted again."""
    rows = encoded_span_rows(sorted(annotation.spans, key=span_order) if ordered is None else ordered)
    return f'{_encode_json(_annotation_fields(annotation))[:-1]}, "spans": {rows}}}'


def annotation_from_json(obj: Any, where: str) -> Annotation:
    """Parse one stored annotation; ``where`` (file:line) prefixes every error message."""
    if not isinstance(obj, dict):
        raise AnnotationFileError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    document = obj.get("document")
    if not isinstance(document, dict):
        raise AnnotationFileError(f"{where}: field 'document' must be an object with doc_id, source, text_sha256")
    raw_spans = obj.get("spans")
    if not isinstance(raw_spans, list):
        raise AnnotationFileError(f"{where}: field 'spans' must be a list")
    spans = []
    for number, raw in enumerate(raw_spans):
        try:
            if not isinstance(raw, dict):
                raise ValueError(f"expected an object, got {raw!r}")
            spans.append(Span(start=raw.get("start"), end=raw.get("end"), label=raw.get("label"),
                              text=raw.get("text"), score=raw.get("score")))
        except ValueError as error:
            raise AnnotationFileError(f"{where}: spans[{number}]: {error}") from None
    try:
        return Annotation(
            annotation_id=obj.get("annotation_id"),
            doc_id=document.get("doc_id"),
            text_sha256=document.get("text_sha256"),
            source=document.get("source"),
            origin=obj.get("origin"),
            spans=tuple(spans),
            annotator=obj.get("annotator"),
            model_version=obj.get("model_version"),
            created_at=obj.get("created_at"),
            updated_at=obj.get("updated_at"),
            lead_time=obj.get("lead_time"),
            ground_truth=obj.get("ground_truth", False),
            derived_from=tuple(obj.get("derived_from") or ()),
            labelstudio=obj.get("labelstudio"),
        )
    except ValueError as error:
        raise AnnotationFileError(f"{where}: {error}") from None


def read_file(path: Path) -> Iterator[Annotation]:
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as error:
                raise AnnotationFileError(f"{path}:{number}: invalid JSON at column {error.colno}: {error.msg}") from None
            yield annotation_from_json(obj, f"{path}:{number}")


def read_annotations(folder: Path) -> Iterator[Annotation]:
    """Every stored annotation under ``folder``, in file-name order; a missing folder holds none."""
    folder = Path(folder)
    if not folder.exists():
        return
    for path in sorted(folder.rglob("*.jsonl")):
        yield from read_file(path)


def write_annotations(folder: Path, annotations: Iterable[Annotation]) -> tuple[int, int]:
    """Merge ``annotations`` into the store; returns (added or updated, unchanged).

    An annotation whose id is already stored with the same content is unchanged, so importing the same
    export twice adds nothing. Each document file is rewritten atomically.
    """
    folder = Path(folder)
    added = unchanged = 0
    for doc_id, incoming in sorted(_by_document(annotations).items()):
        path = folder / f"{doc_id}.jsonl"
        lines, counts = _merged_lines(path, incoming)
        atomic_write_text(path, lines)
        added, unchanged = added + counts[0], unchanged + counts[1]
    return added, unchanged


def _by_document(annotations: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    by_doc: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        by_doc.setdefault(annotation.doc_id, []).append(annotation)
    return by_doc


def _merged_lines(path: Path, incoming: list[Annotation]) -> tuple[str, tuple[int, int]]:
    """The content of a document's file once ``incoming`` is merged into the one at ``path`` (if any), and
    (added or updated, unchanged)."""
    stored = {a.annotation_id: a for a in read_file(path)} if path.exists() else {}
    added = unchanged = 0
    for annotation in incoming:
        if stored.get(annotation.annotation_id) == annotation:
            unchanged += 1
        else:
            stored[annotation.annotation_id] = annotation
            added += 1
    lines = "".join(annotation_line(stored[annotation_id]) + "\n" for annotation_id in sorted(stored))
    return lines, (added, unchanged)


class LockedFolder:
    """A new private folder ``<prefix><random>`` in ``parent``, locked (``flock``, held by the open descriptor
    ``lock``) from before anything is put in it until ``remove``: a process killed while holding one leaves
    it unlocked, and ``remove_abandoned_folders`` then removes it. A context manager (``remove`` on exit)."""

    def __init__(self, parent: Path, prefix: str) -> None:
        self.path = Path(tempfile.mkdtemp(dir=parent, prefix=prefix))
        self.lock = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY)
        # Waits only while another process's remove_abandoned_folders looks at it, empty.
        fcntl.flock(self.lock, fcntl.LOCK_EX)

    def __enter__(self) -> LockedFolder:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.remove()

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self.lock)


def remove_abandoned_folders(parent: Path, prefix: str, keep: Path | None = None) -> list[Path]:
    """Remove the ``LockedFolder``s named ``<prefix>*`` in ``parent`` (but ``keep``) that their processes
    left when killed, and return them.

    A folder is abandoned when no process holds its lock and it is not empty: its process locks it right
    after making it and before putting anything in it (a folder found empty may be one being made, and is
    left alone), and holds the lock until it is removed. A running process's folder stays.
    """
    try:
        names = sorted(name for name in os.listdir(parent) if name.startswith(prefix))
    except FileNotFoundError:
        return []
    removed = []
    for name in names:
        path = Path(parent) / name
        if path == keep:
            continue
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except (FileNotFoundError, NotADirectoryError):
            continue  # gone since it was listed (its process finished), or not such a folder
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a running process's
            if os.listdir(path):
                shutil.rmtree(path)
                removed.append(path)
        finally:
            os.close(descriptor)
    return removed


# 2 MB: at 100k new documents in one import, 0.6% of them take the merge's path instead of the direct one.
STAGED_FILTER_BITS = 1 << 24


class StagedStore:
    """The files one import writes, staged beside the store and moved into it together by ``commit``.

    A staged file is the document's whole new file, written plainly: the staging folder is hidden
    (``.<store>.import-*`` next to the store, on its file system) and nothing reads it as part of the store,
    so an import interrupted at any point, even killed, leaves every store file as it was -- and a writing
    import pays for one file creation per document, not a temporary file and a rename each. New documents'
    files are created by a child process (``_StagingWriter``) while the import goes on checking. On the
    first import (no store folder yet) the staged folder becomes the store in one rename. Use it as a
    context manager: leaving it without ``commit`` discards what was staged.

    The staging folder is a ``LockedFolder``: a killed import's lock goes with its process, so the next
    import finds its folder unlocked and removes it (``remove_abandoned``).
    """

    def __init__(self, store: Path, filter_bits: int | None = None) -> None:
        self.store = Path(store)
        self._prefix = f".{self.store.name}.import-"
        # Made for the first staged file: an import writing nothing makes nothing.
        self._holder: LockedFolder | None = None
        self._writer: _StagingWriter | None = None
        # Which documents may have a new file staged: one bit per hash bucket (a one-hash Bloom filter), so
        # memory stays the same whatever the number of documents; a set of their ids grew by ~100 bytes each.
        self._filter_bits = filter_bits or STAGED_FILTER_BITS
        self._maybe_staged = bytearray((self._filter_bits + 7) // 8)

    def __enter__(self) -> StagedStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._discard()

    def _discard(self) -> None:
        if self._writer is not None:
            self._writer.stop()
            self._writer = None
        if self._holder is not None:
            self._holder.remove()
            self._holder = None

    def remove_abandoned(self) -> list[Path]:
        """Remove the staging folders of killed imports into this store, and return them
        (``remove_abandoned_folders``). A running import's folder stays."""
        return remove_abandoned_folders(self.store.parent, self._prefix,
                                        None if self._holder is None else self._holder.path)

    @property
    def folder(self) -> Path:
        """Where the files are staged, named as the store (so that it can become the store)."""
        if self._holder is None:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            self._holder = LockedFolder(self.store.parent, self._prefix)
            # mkdir, not mkdtemp's private mode: as the store, it is a folder like one write_annotations makes.
            (self._holder.path / self.store.name).mkdir()
        return self._holder.path / self.store.name

    def add_new(self, doc_id: str, line: str) -> bool:
        """Stage the file of ``doc_id``, which has nothing stored, holding the one annotation line ``line``
        (``annotation_line``); False, staging nothing, when the document's file may be staged already: then
        ``merge`` the annotation, which writes the same file whether or not it was (only slower)."""
        bucket = hash(doc_id) % self._filter_bits
        if self._maybe_staged[bucket >> 3] & (1 << (bucket & 7)):
            return False
        self._maybe_staged[bucket >> 3] |= 1 << (bucket & 7)
        if self._writer is None:
            self._writer = _StagingWriter(self.folder, self._holder.lock)
        self._writer.write(f"{doc_id}.jsonl", (line + "\n").encode("utf-8"))
        return True

    def _written(self) -> None:
        """Wait for the writer: every new file staged so far is on disk (raises if one could not be)."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.finish()

    def merge(self, annotations: Iterable[Annotation]) -> tuple[int, int]:
        """Stage the files of ``annotations``' documents with them merged in, as ``write_annotations`` would
        write them into the store (over what is staged already); returns (added or updated, unchanged)."""
        self._written()
        added = unchanged = 0
        for doc_id, incoming in sorted(_by_document(annotations).items()):
            lines, counts = _merged_lines(self.current(doc_id), incoming)
            _write_file(self.folder / f"{doc_id}.jsonl", lines.encode("utf-8"))
            added, unchanged = added + counts[0], unchanged + counts[1]
        return added, unchanged

    def current(self, doc_id: str) -> Path:
        """The file of ``doc_id`` as the import has it so far: the staged one, else the store's."""
        self._written()
        if self._holder is not None:
            staged = self.folder / f"{doc_id}.jsonl"
            if staged.exists():
                return staged
        return self.store / f"{doc_id}.jsonl"

    def commit(self) -> None:
        """Move every staged file into the store, each replacing the document's file atomically."""
        self._written()
        if self._holder is None:
            return
        folder = self.folder
        if not self.store.exists():
            os.rename(folder, self.store)
        else:
            for name in os.listdir(folder):
                os.replace(folder / name, self.store / name)
        self._discard()


# The child process that creates staged files. Creating a file is mostly kernel time (an inode and a
# directory entry each: about as long as checking the annotation), which this process spends on another
# core while the import goes on. Plain Python importing nothing of ours, so it starts in milliseconds.
_WRITER_PROGRAM = """
import os, struct, sys
folder, frame, read = sys.argv[1], struct.Struct(sys.argv[2]), sys.stdin.buffer.read
while head := read(frame.size):
    name_size, data_size = frame.unpack(head)
    path = os.path.join(folder, read(name_size).decode())
    data = read(data_size)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as handle:
            handle.write(data)
    except OSError as error:
        sys.exit(f"{path}: {error.strerror or error}")
"""
_WRITER_FRAME = struct.Struct(">HI")  # file name's size, content's size
PIPE_BYTES = 1 << 20


class _StagingWriter:
    """Feeds new files (name, content) through a pipe to the child process running ``_WRITER_PROGRAM``
    in ``folder`` (of the staging folder whose lock is ``lock``): the pipe's buffer bounds what is in
    flight, and ``finish`` waits for all of it."""

    SEND_BYTES = 1 << 18

    def __init__(self, folder: Path, lock: int) -> None:
        self.folder = folder
        # The process shares the staging folder's lock (``lock``, its descriptor): if the import is killed,
        # the writer goes on until it has read what was sent, and the folder is not abandoned until then.
        self._process = subprocess.Popen(
            [sys.executable, "-S", "-c", _WRITER_PROGRAM, str(folder), _WRITER_FRAME.format],
            stdin=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0, pass_fds=(lock,))
        try:
            # A pipe holding several sends, so that handing one over rarely waits for the writer.
            fcntl.fcntl(self._process.stdin, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:
            pass  # a system capping pipes lower (fs.pipe-max-size) only makes the import wait more often
        self._pending = bytearray()

    def write(self, name: str, content: bytes) -> None:
        encoded = name.encode("utf-8")
        self._pending += _WRITER_FRAME.pack(len(encoded), len(content))
        self._pending += encoded
        self._pending += content
        if len(self._pending) >= self.SEND_BYTES:
            self._send()

    def _send(self) -> None:
        try:
            self._process.stdin.write(self._pending)
        except BrokenPipeError:
            self._failed()
        self._pending.clear()

    def finish(self) -> None:
        self._send()
        try:
            self._process.stdin.close()
        except BrokenPipeError:
            pass
        if self._process.wait() != 0:
            self._failed()
        self._process.stderr.close()

    def _failed(self) -> None:
        self._process.kill()
        self._process.wait()
        reason = self._process.stderr.read().decode("utf-8", errors="replace").strip()
        self._process.stderr.close()
        raise OSError(f"could not stage a new annotation file in {self.folder}: "
                      f"{reason or f'the writer process ended with status {self._process.returncode}'}")

    def stop(self) -> None:
        """End the writer without waiting for what is in flight (the staged files are discarded)."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stderr):
            try:
                stream.close()
            except BrokenPipeError:
                pass


def _write_file(path: Path, content: bytes) -> None:
    # Mode 0600, as the store's files have always had (they were made by mkstemp), and as the writer makes.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "wb") as handle:
        handle.write(content)


def atomic_write_text(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
