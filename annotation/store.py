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

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from schemas.errors import InputError
from schemas.records import Annotation, Span, span_order


class AnnotationFileError(InputError, ValueError):
    """An annotation file that cannot be read: names the file, line and field. Fix the file."""


def stored_span_rows(spans: Iterable[Any]) -> list[dict[str, Any]]:
    """The stored rows of ``spans`` (``Span``s, or anything with their start, end, label, text and optional
    score) in the store's order."""
    rows = []
    for span in sorted(spans, key=span_order):
        row = {"start": span.start, "end": span.end, "label": span.label, "text": span.text}
        if getattr(span, "score", None) is not None:
            row["score"] = span.score
        rows.append(row)
    return rows


def annotation_to_json(annotation: Annotation, spans: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The stored object of ``annotation``; ``spans``, when given, are its span rows (``stored_span_rows``) made
    without building the ``Span``s."""
    if spans is None:
        spans = stored_span_rows(annotation.spans)
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
        "spans": spans,
    }


def annotation_line(annotation: Annotation, spans: list[dict[str, Any]] | None = None) -> str:
    """The stored form of one annotation: its JSON line, without the newline (``spans`` as in
    ``annotation_to_json``)."""
    return json.dumps(annotation_to_json(annotation, spans), ensure_ascii=False, sort_keys=False)


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
    by_doc: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        by_doc.setdefault(annotation.doc_id, []).append(annotation)
    added = unchanged = 0
    for doc_id, incoming in sorted(by_doc.items()):
        path = folder / f"{doc_id}.jsonl"
        stored = {a.annotation_id: a for a in read_file(path)} if path.exists() else {}
        for annotation in incoming:
            if stored.get(annotation.annotation_id) == annotation:
                unchanged += 1
            else:
                stored[annotation.annotation_id] = annotation
                added += 1
        _write_lines(path, {annotation_id: annotation_line(a) for annotation_id, a in stored.items()})
    return added, unchanged


def write_new_file(folder: Path, doc_id: str, lines: dict[str, str]) -> None:
    """Write the file of a document that has none yet from its annotations' lines (``annotation_line``)
    by annotation id: the file ``write_annotations`` would write, without encoding them again."""
    path = Path(folder) / f"{doc_id}.jsonl"
    if path.exists():
        raise FileExistsError(f"{path}: the document already has stored annotations; merge with write_annotations")
    _write_lines(path, lines)


def _write_lines(path: Path, lines: dict[str, str]) -> None:
    atomic_write_text(path, "".join(lines[annotation_id] + "\n" for annotation_id in sorted(lines)))


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
