"""Documents and annotations -> Label Studio tasks, predictions and annotation results.

Every region carries ``value.text`` equal to the true slice ``text[start:end]`` (Label Studio keeps
whatever text it is sent), a deterministic region id, and the control name of its label's layer.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotation.labelstudio.config import CONTROL_NAMES, TEXT_NAME
from schemas.records import Annotation, Document, Span, span_order


def region_id(annotation_id: str, span: Span) -> str:
    digest = hashlib.sha256(f"{annotation_id}|{span.label}|{span.start}|{span.end}".encode()).hexdigest()
    return digest[:10]


def regions(text: str, annotation: Annotation) -> list[dict]:
    """The result regions of ``annotation``, each with the true slice of ``text``."""
    result = []
    for span in sorted(annotation.spans, key=span_order):
        region = {
            "id": region_id(annotation.annotation_id, span),
            "from_name": CONTROL_NAMES[span.layer],
            "to_name": TEXT_NAME,
            "type": "labels",
            "origin": "prediction" if annotation.origin == "machine" else "manual",
            "value": {"start": span.start, "end": span.end, "text": text[span.start:span.end],
                      "labels": [span.label]},
        }
        if span.score is not None:
            region["score"] = span.score
        result.append(region)
    return result


def prediction(text: str, annotation: Annotation) -> dict:
    scores = [span.score for span in annotation.spans if span.score is not None]
    return {
        "model_version": annotation.model_version or annotation.annotation_id,
        "score": round(sum(scores) / len(scores), 6) if scores else None,
        "result": regions(text, annotation),
    }


def task(document: Document, predictions: Iterable[Annotation] = (), annotations: Iterable[Annotation] = ()) -> dict:
    """One Label Studio task for ``document``: its text and ids as data, machine spans as predictions,
    existing human annotations (for review) as annotations."""
    return {
        "data": {
            TEXT_NAME: document.text,
            "doc_id": document.doc_id,
            "text_sha256": document.text_sha256,
            "source": document.sources[0] if document.sources else document.doc_id,
        },
        "predictions": [prediction(document.text, a) for a in predictions],
        "annotations": [
            {"result": regions(document.text, a), "ground_truth": a.ground_truth,
             "meta": {"annotation_id": a.annotation_id, "annotator": a.annotator}}
            for a in annotations
        ],
    }


def tasks_for(
    documents: Iterable[Document],
    machine: dict[str, list[Annotation]],
    human: dict[str, list[Annotation]] | None = None,
) -> Iterator[dict]:
    """One task per document: its machine annotations as predictions and, when ``human`` is given, its
    stored human/adjudicated annotations of the same text for review."""
    for document in documents:
        reviewed = [a for a in (human or {}).get(document.doc_id, ()) if a.text_sha256 == document.text_sha256]
        yield task(document, predictions=machine.get(document.doc_id, ()), annotations=reviewed)


def write_tasks(path: Path, tasks: Iterable[dict]) -> int:
    """Write ``tasks`` as a JSON array (Label Studio's import format) atomically, one task at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    count = 0
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write("[")
            for item in tasks:
                handle.write(("\n" if count == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
                count += 1
            handle.write("\n]\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
