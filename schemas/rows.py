"""Records -> table rows: one document row (a complete example) and one row per span."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

from schemas.labels import LAYER_OF_LABEL
from schemas.records import Annotation, Document, annotation_status, span_order
from schemas.tables import arrow_schema


def release_rows(document: Document, annotation: Annotation | None) -> tuple[dict, list[dict]]:
    """The documents-table row of ``document`` with the spans of its released ``annotation``, and the
    spans-table rows of that annotation. Both list the spans in ``span_order``: they are sorted, and each
    span's layer and id worked out, once for the two tables (a build makes both for every document)."""
    doc_id = document.doc_id
    nested: list[dict] = []
    spans: list[dict] = []
    if annotation is not None:
        origin, annotation_id = annotation.origin, annotation.annotation_id
        annotator, model_version = annotation.annotator, annotation.model_version
        for span in sorted(annotation.spans, key=span_order):
            # The label was checked when the span was made: the layer is a look-up (Span.layer, without its
            # error for an unknown label).
            layer = LAYER_OF_LABEL[span.label]
            start, end, label, text, score = span.start, span.end, span.label, span.text, span.score
            span_id = span.span_id(doc_id)
            nested.append({"span_id": span_id, "layer": layer, "label": label, "start": start, "end": end,
                           "text": text, "score": score})
            spans.append({"doc_id": doc_id, "span_id": span_id, "layer": layer, "label": label, "start": start,
                          "end": end, "text": text, "origin": origin, "annotation_id": annotation_id,
                          "annotator": annotator, "model_version": model_version, "score": score})
    row = {
        "doc_id": doc_id,
        "text": document.text,
        "sources": list(document.sources),
        "url": document.url,
        "title": document.title,
        "split": document.split,
        "text_sha256": document.text_sha256,
        "n_chars": document.n_chars,
        "annotation_status": annotation_status(annotation.origin if annotation else None),
        "annotation_ids": [annotation.annotation_id] if annotation else [],
        "spans": nested,
    }
    return row, spans


def document_row(document: Document, annotation: Annotation | None) -> dict:
    """The documents-table row of ``document`` with the spans of its released ``annotation``."""
    return release_rows(document, annotation)[0]


def span_rows(document: Document, annotation: Annotation | None) -> list[dict]:
    """The spans-table rows of ``document``'s released ``annotation``."""
    return release_rows(document, annotation)[1]


def to_table(rows: Iterable[dict], table: str) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=arrow_schema(table))
