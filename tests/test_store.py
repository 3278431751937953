"""The annotation store: a document's file written from encoded lines is the file write_annotations writes."""

from __future__ import annotations

import pytest

from annotation.store import annotation_line, read_file, write_annotations, write_new_file
from schemas.records import Annotation, Document, Span

TEXT = "Menu \U0001F3E0\r\n\u201cQuoted\u201d said Ana.\n"


def annotation(annotation_id: str, document: Document, score: float | None = None) -> Annotation:
    article = TEXT.index("\u201c")
    spans = (Span.on(TEXT, article, article + 8, "quote", score), Span.on(TEXT, 0, 6, "boilerplate", score),
             Span.on(TEXT, article, len(TEXT) - 1, "article", score))
    return Annotation(annotation_id=annotation_id, doc_id=document.doc_id, text_sha256=document.text_sha256,
                      origin="human", spans=spans, annotator="ana@example.com", lead_time=3.5,
                      labelstudio={"project": 1, "task": 2})


def test_new_file_from_lines_is_byte_identical_to_write_annotations(tmp_path):
    document = Document.from_text(TEXT, sources=("seeds/page.txt",))
    annotations = [annotation("b", document), annotation("a", document, 0.5)]
    write_annotations(tmp_path / "merged", annotations)
    write_new_file(tmp_path / "lines", document.doc_id, {a.annotation_id: annotation_line(a) for a in annotations})
    name = f"{document.doc_id}.jsonl"
    assert (tmp_path / "lines" / name).read_bytes() == (tmp_path / "merged" / name).read_bytes()
    assert [a.annotation_id for a in read_file(tmp_path / "lines" / name)] == ["a", "b"]


def test_new_file_refuses_a_document_with_stored_annotations(tmp_path):
    document = Document.from_text(TEXT)
    write_annotations(tmp_path, [annotation("a", document)])
    before = (tmp_path / f"{document.doc_id}.jsonl").read_bytes()
    with pytest.raises(FileExistsError, match="already has stored annotations"):
        write_new_file(tmp_path, document.doc_id, {"b": annotation_line(annotation("b", document))})
    assert (tmp_path / f"{document.doc_id}.jsonl").read_bytes() == before
