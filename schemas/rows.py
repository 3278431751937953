"""Records -> table rows: one document row (a complete example) and one row per span."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from schemas.records import Annotation, Document, annotation_status, span_order
from schemas.tables import arrow_schema


def _sorted_spans(annotation: Annotation | None):
    if annotation is None:
        return []
    return sorted(annotation.spans, key=span_order)


def document_row(document: Document, annotation: Annotation | None) -> dict:
    """The documents-table row of ``document`` with the spans of its released ``annotation``."""
    return {
        "doc_id": document.doc_id,
        "text": document.text,
        "sources": list(document.sources),
        "url": document.url,
        "title": document.title,
        "split": document.split,
        "text_sha256": document.text_sha256,
        "n_chars": document.n_chars,
        "annotation_status": annotation_status(annotation.origin if annotation else None),
        "annotation_ids": [annotation.annotation_id] if annotation else [],
        "spans": [
            {"span_id": span.span_id(document.doc_id), "layer": span.layer, "label": span.label,
             "start": span.start, "end": span.end, "text": span.text, "score": span.score}
            for span in _sorted_spans(annotation)
        ],
    }


def span_rows(document: Document, annotation: Annotation | None) -> list[dict]:
    """The spans-table rows of ``document``'s released ``annotation``."""
    if annotation is None:
        return []
    return [
        {"doc_id": document.doc_id, "span_id": span.span_id(document.doc_id), "layer": span.layer,
         "label": span.label, "start": span.start, "end": span.end, "text": span.text,
         "origin": annotation.origin, "annotation_id": annotation.annotation_id,
         "annotator": annotation.annotator, "model_version": annotation.model_version, "score": span.score}
        for span in _sorted_spans(annotation)
    ]


def to_table(rows: Iterable[dict], table: str) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=arrow_schema(table))
