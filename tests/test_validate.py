"""Validation of the corpus tables: valid corpora pass, every kind of corruption is named, all are found."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus.cli import main
from schemas.errors import ConfigError, InputError
from schemas.labels import LABEL_NAMES, LABELS_BY_NAME, QUOTE_CONTAINER_LABEL, ZONE_LABELS
from schemas.records import WHITESPACE_CLASS, is_whitespace, split_for
from schemas.rules import Rule, span_faults
from schemas.tables import encode_for_hub
from schemas.validate import Failure, ValidationReport, validate_path, validate_tables
from strategies import corpora, release_tables, tables_from_rows, texts
from strategies import release_rows as rows_of

PROPERTY = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.filter_too_much])


def rules_of(report: ValidationReport) -> set[str]:
    return {failure.rule for failure in report.failures}


# --- valid corpora ---------------------------------------------------------------------------------------

@PROPERTY
@given(corpora())
def test_valid_corpora_validate_clean(corpus):
    documents, spans = release_tables(corpus)
    report = validate_tables(documents, spans)
    assert report.ok, report.to_json()
    assert report.n_documents == len(corpus)
    assert report.n_spans == spans.num_rows
    assert report.counts == {"documents": len(corpus), "spans": spans.num_rows}


@PROPERTY
@given(corpora())
def test_each_table_alone_validates_clean(corpus):
    documents, spans = release_tables(corpus)
    assert validate_tables(documents, None).ok
    assert validate_tables(None, spans).ok


@PROPERTY
@given(corpora())
def test_hub_form_validates_like_release_form(corpus):
    documents, spans = release_tables(corpus)
    report = validate_tables(encode_for_hub(documents, "documents"), encode_for_hub(spans, "spans"))
    assert report.ok, report.to_json()
    assert report.n_spans == spans.num_rows


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corpus=corpora())
def test_parquet_round_trip_validates_clean(tmp_path_factory, corpus):
    folder = tmp_path_factory.mktemp("release")
    documents, spans = release_tables(corpus)
    pq.write_table(documents, folder / "documents.parquet")
    pq.write_table(spans, folder / "spans.parquet")
    report = validate_path([folder])
    assert report.ok, report.to_json()
    assert report.counts == {"documents": documents.num_rows, "spans": spans.num_rows}


@given(st.characters(codec="utf-8"))
def test_polars_whitespace_class_agrees_with_python(char):
    """The column-wise trim and coverage checks rely on the Rust regex class meaning what Python's does."""
    in_polars = pl.Series([char]).str.contains(f"^[{WHITESPACE_CLASS}]$").item()
    assert in_polars == is_whitespace(char)


# --- single corruptions ------------------------------------------------------------------------------------

@dataclass
class Expected:
    rule: str
    doc_id: str
    span_ids: set[str | None]
    also: frozenset[str] = frozenset()  # rules the corruption may break as well


def _spans_of(documents: list[dict], doc_id: str) -> list[dict]:
    return next(row["spans"] for row in documents if row["doc_id"] == doc_id)


def _text_of(documents: list[dict], doc_id: str) -> str:
    return next(row["text"] for row in documents if row["doc_id"] == doc_id)


def _edit(documents: list[dict], spans: list[dict], target: str, **changes) -> None:
    """Change the span ``target`` (an id) the same way in the spans table and in its document's nested spans."""
    for row in [*spans, *(span for document in documents for span in document["spans"])]:
        if row["span_id"] == target:
            row.update(changes)


def _remove(documents: list[dict], spans: list[dict], span_id: str) -> None:
    spans[:] = [row for row in spans if row["span_id"] != span_id]
    for document in documents:
        document["spans"] = [row for row in document["spans"] if row["span_id"] != span_id]


def _pick(data, rows: list[dict]) -> dict:
    assume(rows)
    return data.draw(st.sampled_from(rows))


def _zones(spans: list[dict]) -> list[dict]:
    return sorted((row for row in spans if row["layer"] == "zone"), key=lambda row: (row["doc_id"], row["start"]))


def shift_offset(data, documents, spans):
    span = _pick(data, spans)
    text = _text_of(documents, span["doc_id"])
    shift = data.draw(st.sampled_from((-2, -1, 1, 2)))
    start, end = span["start"] + shift, span["end"] + shift
    assume(0 <= start and end <= len(text) and text[start:end] != span["text"])
    _edit(documents, spans, span["span_id"], start=start, end=end)
    return Expected(Rule.SPAN_TEXT_MATCHES, span["doc_id"], {span["span_id"]}, frozenset({
        Rule.ZONE_TRIMMED, Rule.ZONE_NO_OVERLAP, Rule.QUOTE_NO_OVERLAP, Rule.ZONE_COVERAGE,
        Rule.QUOTE_INSIDE_ARTICLE}))


def wrong_text(data, documents, spans):
    span = _pick(data, spans)
    index = data.draw(st.integers(0, len(span["text"]) - 1))
    replacement = "x" if span["text"][index] != "x" else "y"
    _edit(documents, spans, span["span_id"], text=span["text"][:index] + replacement + span["text"][index + 1:])
    return Expected(Rule.SPAN_TEXT_MATCHES, span["doc_id"], {span["span_id"]})


def label_of_other_layer(data, documents, spans):
    span = _pick(data, spans)
    other = [name for name in LABEL_NAMES if LABELS_BY_NAME[name].layer != span["layer"]]
    _edit(documents, spans, span["span_id"], label=data.draw(st.sampled_from(other)))
    return Expected(Rule.LABEL_LAYER, span["doc_id"], {span["span_id"]}, frozenset({
        Rule.ZONE_TRIMMED, Rule.ZONE_NO_OVERLAP, Rule.QUOTE_NO_OVERLAP, Rule.QUOTE_INSIDE_ARTICLE, Rule.ZONE_COVERAGE}))


def unknown_label(data, documents, spans):
    span = _pick(data, spans)
    _edit(documents, spans, span["span_id"], label="byline")
    return Expected(Rule.KNOWN_LABEL, span["doc_id"], {span["span_id"]},
                    frozenset({Rule.ZONE_COVERAGE, Rule.QUOTE_INSIDE_ARTICLE}))


def relabel_article_holding_quotes(data, documents, spans):
    holders = [(zone, quotes) for zone in spans if zone["label"] == QUOTE_CONTAINER_LABEL
               for quotes in [[q for q in spans if q["layer"] == "quote" and q["doc_id"] == zone["doc_id"]
                               and zone["start"] <= q["start"] and q["end"] <= zone["end"]]] if quotes]
    zone, quotes = _pick(data, holders) if holders else _pick(data, [])
    other = [name for name in ZONE_LABELS if name != QUOTE_CONTAINER_LABEL]
    _edit(documents, spans, zone["span_id"], label=data.draw(st.sampled_from(other)))
    return Expected(Rule.QUOTE_INSIDE_ARTICLE, zone["doc_id"], {quote["span_id"] for quote in quotes})


def overlap_two_zones(data, documents, spans):
    zones = _zones(spans)
    pairs = [(first, second) for first, second in zip(zones, zones[1:]) if first["doc_id"] == second["doc_id"]]
    first, second = _pick(data, pairs) if pairs else _pick(data, [])
    text = _text_of(documents, first["doc_id"])
    end = second["start"] + 1
    _edit(documents, spans, first["span_id"], end=end, text=text[first["start"]:end])
    return Expected(Rule.ZONE_NO_OVERLAP, first["doc_id"], {first["span_id"], second["span_id"]})


def quote_outside_article(data, documents, spans):
    choices = [(quote, zone) for quote in spans if quote["layer"] == "quote" for zone in spans
               if zone["doc_id"] == quote["doc_id"] and zone["layer"] == "zone" and zone["label"] != QUOTE_CONTAINER_LABEL]
    quote, zone = _pick(data, choices) if choices else _pick(data, [])
    text = _text_of(documents, quote["doc_id"])
    _edit(documents, spans, quote["span_id"], start=zone["start"], end=zone["start"] + 1,
          text=text[zone["start"]:zone["start"] + 1])
    return Expected(Rule.QUOTE_INSIDE_ARTICLE, quote["doc_id"], {quote["span_id"]})


def orphan_doc_id(data, documents, spans):
    span = _pick(data, spans)
    stranger = "0" * 16
    assume(all(document["doc_id"] != stranger for document in documents))
    span["doc_id"] = stranger  # the spans table only: the document's nested spans keep it
    return Expected(Rule.ORPHAN_SPAN, stranger, {span["span_id"]}, frozenset({
        Rule.NESTED_SPANS_MATCH, Rule.ZONE_COVERAGE, Rule.QUOTE_INSIDE_ARTICLE}))


def duplicate_span_id(data, documents, spans):
    assume(len(spans) >= 2)
    # the later row of the two is the one reported as repeating the earlier one's id
    first, second = (spans[index] for index in sorted(data.draw(st.lists(st.integers(0, len(spans) - 1),
                                                                         min_size=2, max_size=2, unique=True))))
    _edit(documents, spans, second["span_id"], span_id=first["span_id"])
    return Expected(Rule.UNIQUE_SPAN_ID, second["doc_id"], {first["span_id"]})


def break_trim(data, documents, spans):
    choices = []
    for zone in _zones(spans):
        text = _text_of(documents, zone["doc_id"])
        if zone["end"] < len(text) and is_whitespace(text[zone["end"]]):
            choices.append((zone, zone["start"], zone["end"] + 1))
        if zone["start"] > 0 and is_whitespace(text[zone["start"] - 1]):
            choices.append((zone, zone["start"] - 1, zone["end"]))
    zone, start, end = _pick(data, choices) if choices else _pick(data, [])
    _edit(documents, spans, zone["span_id"], start=start, end=end,
          text=_text_of(documents, zone["doc_id"])[start:end])
    return Expected(Rule.ZONE_TRIMMED, zone["doc_id"], {zone["span_id"]})


def leave_gap(data, documents, spans):
    empty_zones = [zone for zone in _zones(spans) if not any(
        quote["layer"] == "quote" and quote["doc_id"] == zone["doc_id"] and zone["start"] <= quote["start"] < zone["end"]
        for quote in spans)]
    zone = _pick(data, empty_zones)
    _remove(documents, spans, zone["span_id"])
    return Expected(Rule.ZONE_COVERAGE, zone["doc_id"], {None})


MUTATIONS = [shift_offset, wrong_text, label_of_other_layer, unknown_label, relabel_article_holding_quotes,
             overlap_two_zones, quote_outside_article, orphan_doc_id, duplicate_span_id, break_trim, leave_gap]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.__name__)
@PROPERTY
@given(corpus=corpora(), data=st.data())
def test_a_single_corruption_is_named(mutation, corpus, data):
    documents, spans = rows_of(corpus)
    expected = mutation(data, documents, spans)
    report = validate_tables(*tables_from_rows(documents, spans))
    named = [failure for failure in report.failures if failure.rule == expected.rule]
    assert named, report.to_json()
    assert {failure.doc_id for failure in named} == {expected.doc_id}
    assert {failure.span_id for failure in named} <= expected.span_ids
    assert rules_of(report) <= {expected.rule, *expected.also}, report.to_json()
    for failure in named:
        assert failure.message
        assert failure.table in ("spans", "documents")


@PROPERTY
@given(corpus=corpora(min_size=3), data=st.data())
def test_every_failure_is_reported_not_just_the_first(corpus, data):
    documents, spans = rows_of(corpus)
    annotated = [document for document in documents if document["spans"]]
    broken = data.draw(st.lists(st.sampled_from(annotated), min_size=2, unique_by=lambda d: d["doc_id"]))
    for document in broken:
        span = document["spans"][0]
        _edit(documents, spans, span["span_id"], text=("y" if span["text"][0] == "x" else "x") + span["text"][1:])
    report = validate_tables(*tables_from_rows(documents, spans))
    text_failures = [f for f in report.failures if f.rule == Rule.SPAN_TEXT_MATCHES]
    # Once in the spans table; the nested copies equal the table rows, so they are not checked twice.
    assert {(f.doc_id, f.span_id) for f in text_failures} == {(d["doc_id"], d["spans"][0]["span_id"]) for d in broken}
    assert len(report.by_rule()[Rule.SPAN_TEXT_MATCHES]) == len(broken)


# --- column-wise checks agree with span_faults --------------------------------------------------------------

@st.composite
def arbitrary_spans(draw, text: str) -> list[dict]:
    """Any spans at all over ``text``: offsets out of range, unknown labels, wrong texts, overlaps."""
    spans = []
    for number in range(draw(st.integers(0, 8))):
        start = draw(st.integers(-1, len(text) + 1))
        end = draw(st.integers(-1, len(text) + 2))
        label = draw(st.sampled_from((*LABEL_NAMES, "byline")))
        stored = text[max(start, 0):max(end, 0)] if draw(st.integers(0, 5)) else "?"
        spans.append({"span_id": f"s{number}", "label": label, "start": start, "end": end, "text": stored,
                      "layer": LABELS_BY_NAME[label].layer if label in LABELS_BY_NAME else "zone", "score": None})
    return spans


@PROPERTY
@given(data=st.data(), texts_=st.lists(texts(), min_size=1, max_size=4, unique=True),
       complete=st.booleans())
def test_table_validation_reports_what_span_faults_reports(data, texts_, complete):
    """The column-wise filter must never miss a document that ``span_faults`` would fault."""
    from schemas.records import Document

    documents, spans, expected = [], [], set()
    for text in texts_:
        document = Document.from_text(text)
        doc_spans = data.draw(arbitrary_spans(text))
        for span in doc_spans:
            span["span_id"] = f"{document.doc_id}:{span['span_id']}"
        status = "human" if complete else "unannotated"
        documents.append({"doc_id": document.doc_id, "text": text, "sources": [], "url": None, "title": None,
                          "split": document.split, "text_sha256": document.text_sha256,
                          "n_chars": document.n_chars, "annotation_status": status,
                          "annotation_ids": ["a"] if complete else [], "spans": []})
        spans += [{**span, "doc_id": document.doc_id, "origin": "human", "annotation_id": "a",
                   "annotator": "ana", "model_version": None} for span in doc_spans]

        class Row:
            def __init__(self, row):
                self.start, self.end, self.label, self.text = row["start"], row["end"], row["label"], row["text"]
        for fault in span_faults(text, [Row(span) for span in doc_spans], complete=complete):
            span_id = doc_spans[fault.index]["span_id"] if fault.index is not None else None
            expected.add((fault.rule, document.doc_id, span_id, fault.start, fault.end))
    report = validate_tables(*tables_from_rows(documents, spans))
    span_rules = {Rule.KNOWN_LABEL, Rule.OFFSETS_IN_RANGE, Rule.SPAN_TEXT_MATCHES, Rule.ZONE_TRIMMED,
                  Rule.ZONE_NO_OVERLAP, Rule.QUOTE_NO_OVERLAP, Rule.QUOTE_INSIDE_ARTICLE, Rule.ZONE_COVERAGE}
    found = {(f.rule, f.doc_id, f.span_id, f.start, f.end) for f in report.failures
             if f.rule in span_rules and f.table == "spans"}
    assert found == expected
