"""The committed human annotation of the seed page obeys the span rules and the annotation guidelines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotation.store import read_annotations
from schemas.records import Annotation, Span, doc_id_for, text_sha256
from schemas.rules import span_faults

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_a3d3bdd04bcaf00f.txt"
STORE = ROOT / "seeds" / "annotations"

OPENING_MARKS = "“‘«‹„‚\"'"
CLOSING_MARKS = "”’»›“‘\"'"
APOSTROPHES = "’'"
# A teaser's own timestamp, as the seed's "Recent Posts" list prints it.
RELATIVE_TIMESTAMP = re.compile(r"\b\d+ (?:second|minute|hour|day|week|month|year)s? ago\b")
LINE_BREAK = re.compile(r"[\r\n]")


@pytest.fixture(scope="module")
def text() -> str:
    # Exactly as ingested: UTF-8 decoded, no newline translation.
    return SEED.read_bytes().decode("utf-8")


@pytest.fixture(scope="module")
def annotation(text: str) -> Annotation:
    stored = [a for a in read_annotations(STORE) if a.doc_id == doc_id_for(text)]
    assert len(stored) == 1, f"expected one committed annotation of the seed in {STORE}, found {len(stored)}"
    return stored[0]


def spans_labelled(annotation: Annotation, label: str) -> list[Span]:
    return sorted((span for span in annotation.spans if span.label == label), key=lambda span: span.start)


def test_annotation_belongs_to_the_seed_text(annotation: Annotation, text: str) -> None:
    assert annotation.text_sha256 == text_sha256(text)
    assert annotation.doc_id == doc_id_for(text)
    assert annotation.source == "seeds/000_a3d3bdd04bcaf00f.txt"


def test_annotation_is_human_ground_truth(annotation: Annotation) -> None:
    assert annotation.origin == "human"
    assert annotation.annotator
    assert annotation.ground_truth is True


def test_spans_validate_as_a_complete_annotation(annotation: Annotation, text: str) -> None:
    assert span_faults(text, annotation.spans, complete=True) == []


def test_every_label_is_used(annotation: Annotation) -> None:
    assert {span.label for span in annotation.spans} == {"article", "boilerplate", "teaser", "quote"}


def test_article_and_boilerplate_spans_are_whole_blocks(annotation: Annotation, text: str) -> None:
    # Guidelines section 5: one article or boilerplate span per line; teasers start and end on line edges.
    line_breaks = [match.start() for match in LINE_BREAK.finditer(text)]
    for span in annotation.spans:
        if span.label in ("article", "boilerplate"):
            assert not LINE_BREAK.search(span.text), f"{span} crosses a line break"
        if span.layer == "zone":
            line_start = max((b + 1 for b in line_breaks if b < span.start), default=0)
            line_end = min((b for b in line_breaks if b >= span.end), default=len(text))
            assert text[line_start:span.start].strip() == "", f"{span} starts inside a line"
            assert text[span.end:line_end].strip() == "", f"{span} ends inside a line"


def test_quote_spans_start_and_end_with_quotation_marks(annotation: Annotation) -> None:
    quotes = spans_labelled(annotation, "quote")
    assert quotes
    for span in quotes:
        assert span.text[0] in OPENING_MARKS, span
        assert span.text[-1] in CLOSING_MARKS, span


def test_apostrophes_never_start_or_end_a_quote(annotation: Annotation, text: str) -> None:
    def between_letters(index: int) -> bool:
        return 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()

    for span in spans_labelled(annotation, "quote"):
        for edge in (span.start, span.end - 1):
            assert not (text[edge] in APOSTROPHES and between_letters(edge)), f"{span} starts or ends on an apostrophe"


def test_every_opening_mark_in_the_article_starts_a_quote(annotation: Annotation, text: str) -> None:
    # The seed has no scare quotes or titles in marks: each “ in the story opens a direct quotation,
    # including the borrowed words “no-limits” (guidelines 7.2).
    quote_starts = {span.start for span in spans_labelled(annotation, "quote")}
    for article in spans_labelled(annotation, "article"):
        for offset, char in enumerate(article.text):
            if char == "“":
                position = article.start + offset
                assert position in quote_starts, f"opening mark at {position} in {article.text[:40]!r} starts no quote"


def test_one_teaser_span_per_promoted_item(annotation: Annotation, text: str) -> None:
    teasers = spans_labelled(annotation, "teaser")
    timestamps = list(RELATIVE_TIMESTAMP.finditer(text))
    assert timestamps
    assert len(teasers) == len(timestamps)
    for span in teasers:
        inside = RELATIVE_TIMESTAMP.findall(span.text)
        assert len(inside) == 1, f"{span} holds {len(inside)} timestamps"
        # The item's own timestamp closes it: headline, summary, then time.
        assert RELATIVE_TIMESTAMP.search(span.text).end() == len(span.text), span
    for match in timestamps:
        owners = [span for span in teasers if span.start <= match.start() and match.end() <= span.end]
        assert len(owners) == 1, f"timestamp {match.group()!r} at {match.start()} lies in {len(owners)} teasers"
