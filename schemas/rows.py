"""Records -> table rows: one document row (a complete example) and one row per span."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import cache

import pyarrow as pa

from schemas.labels import LAYER_OF_LABEL
from schemas.records import Annotation, Document, annotation_status, span_order
from schemas.tables import arrow_schema


def release_rows(document: Document, annotation: Annotation | None) -> tuple[dict, list[dict]]:
    """The documents-table row of ``document`` less its ``spans`` column, and the spans-table rows of its
    released ``annotation`` in ``span_order``. The documents table's ``spans`` are the same spans (less the
    fields that repeat the annotation): ``release_tables`` takes them from the spans rows, so each span is
    sorted, named and converted once for both tables."""
    doc_id = document.doc_id
    spans: list[dict] = []
    if annotation is not None:
        origin, annotation_id = annotation.origin, annotation.annotation_id
        annotator, model_version = annotation.annotator, annotation.model_version
        for span in sorted(annotation.spans, key=span_order):
            spans.append({"doc_id": doc_id, "span_id": span.span_id(doc_id),
                          # The label was checked when the span was made: its layer is a look-up.
                          "layer": LAYER_OF_LABEL[span.label], "label": span.label, "start": span.start,
                          "end": span.end, "text": span.text, "origin": origin, "annotation_id": annotation_id,
                          "annotator": annotator, "model_version": model_version, "score": span.score})
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
    }
    return row, spans


@cache
def _nested_span_names() -> tuple[str, ...]:
    """The fields of a span in the documents table's ``spans`` column."""
    return tuple(field.name for field in arrow_schema("documents").field("spans").type.value_type)


@cache
def _documents_schema_less_spans() -> pa.Schema:
    schema = arrow_schema("documents")
    return schema.remove(schema.get_field_index("spans"))


def document_row(document: Document, annotation: Annotation | None) -> dict:
    """The documents-table row of ``document`` with the spans of its released ``annotation``."""
    row, spans = release_rows(document, annotation)
    names = _nested_span_names()
    return {**row, "spans": [{name: span[name] for name in names} for span in spans]}


def span_rows(document: Document, annotation: Annotation | None) -> list[dict]:
    """The spans-table rows of ``document``'s released ``annotation``."""
    return release_rows(document, annotation)[1]


def release_tables(groups: Sequence[tuple[dict, list[dict]]]) -> tuple[pa.Table, pa.Table]:
    """The documents and spans tables of ``release_rows`` results, in the order given. Each document's
    ``spans`` column is made from its rows of the spans table (the same values: Arrow columns taken, not
    converted again from Python objects)."""
    schema = arrow_schema("documents")
    spans = pa.Table.from_pylist([span for _, rows in groups for span in rows], schema=arrow_schema("spans"))
    nested_type = schema.field("spans").type
    struct = pa.StructArray.from_arrays([spans.column(name).combine_chunks() for name in _nested_span_names()],
                                        fields=list(nested_type.value_type))
    offsets = pa.array(itertools.accumulate((len(rows) for _, rows in groups), initial=0), pa.int32())
    nested = pa.ListArray.from_arrays(offsets, struct, type=nested_type)
    columns = pa.Table.from_pylist([row for row, _ in groups], schema=_documents_schema_less_spans()).columns
    columns.insert(schema.get_field_index("spans"), nested)
    documents = pa.Table.from_arrays(columns, schema=schema)
    return documents, spans


def to_table(rows: Iterable[dict], table: str) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=arrow_schema(table))
