"""Hypothesis strategies for span logic, shared by the test modules.

``texts()`` draws page-like texts that exercise code-point offsets: emoji (with skin-tone modifiers and
flags), astral letters, combining marks, CJK, CRLF line ends, Unicode whitespace (and U+001C, which
Python's ``str.isspace`` counts but the corpus does not). ``annotations(text)`` draws a valid annotation
of a text: a partition of its non-whitespace into trimmed zone spans, quotes inside article spans.
``corpora()`` draws several documents, some unannotated; ``release_rows`` / ``release_tables`` turn them
into the two tables in release form.
"""

from __future__ import annotations

import re

import pyarrow as pa
from hypothesis import strategies as st

from schemas.labels import QUOTE_CONTAINER_LABEL, QUOTE_LABELS, ZONE_LABELS
from schemas.records import WHITESPACE_CLASS, Annotation, Document, Span
from schemas.rows import document_row, span_rows, to_table

CHARACTERS = (
    "a", "b", "Z", "7", ".", ",", "-", "é", "e\u0301", "n\u0303", "中", "ß", "😀", "👍🏽", "🇫🇷", "𝔘", "𝟘",
    "“", "”", "«", "»", '"', "'", "\u200b", "\x1c", "ﬀ",
)
SEPARATORS = (" ", " ", "  ", "\n", "\r\n", "\r\n\r\n", "\t", "\u3000", "\xa0", "\u2028", "\x85", " \u202f ")
TOKEN_RE = re.compile(f"[^{WHITESPACE_CLASS}]+")


@st.composite
def words(draw) -> str:
    return "".join(draw(st.lists(st.sampled_from(CHARACTERS), min_size=1, max_size=6)))


@st.composite
def texts(draw, max_words: int = 24) -> str:
    """A text with at least one non-whitespace character, possibly led and trailed by whitespace."""
    tokens = draw(st.lists(words(), min_size=1, max_size=max_words))
    separators = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(tokens) + 1,
                               max_size=len(tokens) + 1))
    lead = separators[0] if draw(st.booleans()) else ""
    trail = separators[-1] if draw(st.booleans()) else ""
    return lead + "".join(token + separator for token, separator in zip(tokens, separators[1:-1] + [""],
                                                                        strict=True)) + trail


@st.composite
def zone_partitions(draw, text: str) -> list[Span]:
    """Trimmed, non-overlapping zone spans covering every non-whitespace character of ``text``."""
    tokens = [match.span() for match in TOKEN_RE.finditer(text)]
    cuts = sorted(draw(st.sets(st.integers(1, len(tokens) - 1), max_size=len(tokens) - 1))) if len(tokens) > 1 else []
    bounds = [0, *cuts, len(tokens)]
    return [Span.on(text, tokens[first][0], tokens[last - 1][1], draw(st.sampled_from(ZONE_LABELS)))
            for first, last in zip(bounds, bounds[1:])]


@st.composite
def quotes_in(draw, text: str, zones: list[Span]) -> list[Span]:
    """Non-overlapping quote spans, each inside one article zone."""
    quotes = []
    for zone in zones:
        if zone.label != QUOTE_CONTAINER_LABEL or not draw(st.booleans()):
            continue
        points = sorted(draw(st.sets(st.integers(zone.start, zone.end), max_size=4)))
        for start, end in zip(points[::2], points[1::2]):
            quotes.append(Span.on(text, start, end, draw(st.sampled_from(QUOTE_LABELS))))
    return quotes


@st.composite
def annotations(draw, document: Document) -> Annotation:
    """A valid annotation of ``document``, by a human or a machine (whose spans carry scores)."""
    zones = draw(zone_partitions(document.text))
    spans = [*zones, *draw(quotes_in(document.text, zones))]
    origin = draw(st.sampled_from(("human", "machine")))
    if origin == "machine":
        spans = [Span(span.start, span.end, span.label, span.text,
                      draw(st.floats(0.0, 1.0, allow_nan=False))) for span in spans]
    return Annotation(
        annotation_id=f"{origin}-{document.doc_id}", doc_id=document.doc_id,
        text_sha256=document.text_sha256, origin=origin, spans=tuple(spans),
        annotator="ana" if origin == "human" else None,
        model_version="rules-0.1" if origin == "machine" else None,
    )


Example = tuple[Document, Annotation | None]


@st.composite
def examples(draw, annotated: bool | None = None) -> Example:
    """A document and a valid annotation of it, or None (unannotated) when ``annotated`` allows."""
    document = Document.from_text(draw(texts()), sources=("seeds/page.txt",))
    if annotated is None:
        annotated = draw(st.booleans())
    return document, draw(annotations(document)) if annotated else None


@st.composite
def corpora(draw, min_size: int = 1, max_size: int = 5, min_annotated: int = 1) -> list[Example]:
    """Documents with distinct texts; at least ``min_annotated`` of them annotated."""
    annotated = draw(st.lists(examples(annotated=True), min_size=max(min_size, min_annotated),
                              max_size=max(max_size, min_annotated), unique_by=lambda e: e[0].doc_id))
    unannotated = draw(st.lists(examples(annotated=False), max_size=2, unique_by=lambda e: e[0].doc_id))
    seen = {document.doc_id for document, _ in annotated}
    return annotated + [example for example in unannotated if example[0].doc_id not in seen]


def release_rows(corpus: list[Example]) -> tuple[list[dict], list[dict]]:
    """The documents rows and spans rows of ``corpus``, as dicts to build tables from (or to mutate)."""
    documents = [document_row(document, annotation) for document, annotation in corpus]
    spans = [row for document, annotation in corpus for row in span_rows(document, annotation)]
    return documents, spans


def tables_from_rows(documents: list[dict], spans: list[dict]) -> tuple[pa.Table, pa.Table]:
    return to_table(documents, "documents"), to_table(spans, "spans")


def release_tables(corpus: list[Example]) -> tuple[pa.Table, pa.Table]:
    """The documents and spans tables of ``corpus`` in release form."""
    return tables_from_rows(*release_rows(corpus))
