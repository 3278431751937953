"""Validation of the corpus tables: valid corpora pass, every kind of corruption is named, all are found."""

from __future__ import annotations

import itertools
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus.cli import main
from schemas import validate
from schemas.errors import ConfigError, InputError
from schemas.labels import LABEL_NAMES, LABELS_BY_NAME, QUOTE_CONTAINER_LABEL, ZONE_LABELS
from schemas.records import WHITESPACE_CLASS, Annotation, Document, Span, is_whitespace, split_for
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
               if zone["doc_id"] == quote["doc_id"] and zone["layer"] == "zone"
               and zone["label"] != QUOTE_CONTAINER_LABEL]
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
        quote["layer"] == "quote" and quote["doc_id"] == zone["doc_id"]
        and zone["start"] <= quote["start"] < zone["end"] for quote in spans)]
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
        # Mostly the exact slice; else nonsense, or the slice from a start off by a little (whitespace
        # before a zone is what the column-wise check must not take for part of it).
        stored = draw(st.sampled_from((0, 0, 0, 0, -2, -1, 1, "?")))
        stored = stored if stored == "?" else text[max(start + stored, 0):max(end, 0)]
        spans.append({"span_id": f"s{number}", "label": label, "start": start, "end": end, "text": stored,
                      "layer": LABELS_BY_NAME[label].layer if label in LABELS_BY_NAME else "zone", "score": None})
    return spans


@PROPERTY
@given(data=st.data(), texts_=st.lists(texts(), min_size=1, max_size=4, unique=True),
       complete=st.booleans())
def test_table_validation_reports_what_span_faults_reports(data, texts_, complete):
    """The column-wise filter must never miss a document that ``span_faults`` would fault, however the
    spans are cut into the chunks it checks (of whole documents)."""
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
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_CHUNK_SPANS", data.draw(st.sampled_from([1, 2, 5, 1 << 17])))
        report = validate_tables(*tables_from_rows(documents, spans))
    span_rules = {Rule.KNOWN_LABEL, Rule.OFFSETS_IN_RANGE, Rule.SPAN_TEXT_MATCHES, Rule.ZONE_TRIMMED,
                  Rule.ZONE_NO_OVERLAP, Rule.QUOTE_NO_OVERLAP, Rule.QUOTE_INSIDE_ARTICLE, Rule.ZONE_COVERAGE}
    found = {(f.rule, f.doc_id, f.span_id, f.start, f.end) for f in report.failures
             if f.rule in span_rules and f.table == "spans"}
    assert found == expected


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow])
@given(data=st.data(), texts_=st.lists(texts(), min_size=1, max_size=4, unique=True))
def test_files_report_exactly_what_arrow_tables_report(tmp_path_factory, data, texts_):
    """``validate_path`` reads release-form files straight into polars, row group by row group;
    ``validate_tables`` converts Arrow tables. The failures must be the same, down to the row."""
    documents, spans = [], []
    for text in texts_:
        document = Document.from_text(text)
        doc_spans = data.draw(arbitrary_spans(text))
        for span in doc_spans:
            span["span_id"] = f"{document.doc_id}:{span['span_id']}"
        nested = doc_spans[:data.draw(st.integers(0, len(doc_spans)))]  # some missing from the nested copy
        documents.append({"doc_id": document.doc_id, "text": text, "sources": [], "url": None, "title": None,
                          "split": document.split, "text_sha256": document.text_sha256,
                          "n_chars": document.n_chars, "annotation_status": "human", "annotation_ids": ["a"],
                          "spans": nested})
        spans += [{**span, "doc_id": document.doc_id, "origin": "human", "annotation_id": "a",
                   "annotator": "ana", "model_version": None} for span in doc_spans]
    if data.draw(st.booleans()):
        documents.append(dict(documents[0]))
    tables = tables_from_rows(documents, spans)
    folder = tmp_path_factory.mktemp("release")
    for name, table in zip(("documents", "spans"), tables, strict=True):
        pq.write_table(table, folder / f"{name}.parquet", row_group_size=3)
    from_files = validate_path([folder])
    in_memory = validate_tables(*tables)
    assert [replace(failure, file=None) for failure in from_files.failures] == list(in_memory.failures)
    assert all(failure.file in (None, str(folder / f"{failure.table}.parquet")) for failure in from_files.failures)


def test_polars_strips_the_whitespace_class():
    """The span rules strip with polars' own whitespace (Unicode's White_Space): it must be exactly
    ``WHITESPACE_CLASS``, every code point either side of a letter."""
    chars = [chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF]
    stripped = pl.Series([f"{char}x{char}" for char in chars]).str.strip_chars()
    assert [char for char, kept in zip(chars, stripped.to_list(), strict=True) if kept == "x"] == [
        char for char in chars if is_whitespace(char)]


# --- document rules, schema failures -------------------------------------------------------------------

def _annotated(text: str, zones: list[tuple[str, str]], quotes: list[str], origin: str = "human"):
    """A document of ``text`` annotated by zones given as (label, exact text) and quotes as exact texts."""
    document = Document.from_text(text, sources=("seeds/page.txt",))
    spans, position = [], 0
    for label, piece in zones:
        start = text.index(piece, position)
        spans.append(Span.on(text, start, start + len(piece), label))
        position = start + len(piece)
    spans += [Span.on(text, text.index(quote), text.index(quote) + len(quote), "quote") for quote in quotes]
    return document, Annotation(f"{origin}-1-{document.doc_id}", document.doc_id, document.text_sha256, origin,
                                tuple(spans), annotator="ana" if origin == "human" else None,
                                model_version="rules-0.1" if origin == "machine" else None)


@pytest.fixture
def corpus():
    page = "World\r\n\r\nXi 🇨🇳 visits Moscow\r\nHe said «no limits» 👍🏽.\r\nRead next: Café e\u0301\u3000\n"
    other = "Sport  \u00a0Final: 𝔘nited 2–1\n\n“We won,” said the coach.\nShare"
    return [
        _annotated(page, [("boilerplate", "World"), ("article", "Xi 🇨🇳 visits Moscow\r\nHe said «no limits» 👍🏽."),
                          ("teaser", "Read next: Café e\u0301")], ["«no limits»"]),
        _annotated(other, [("boilerplate", "Sport"), ("article", "Final: 𝔘nited 2–1\n\n“We won,” said the coach."),
                           ("boilerplate", "Share")], ["“We won,”"], origin="machine"),
        (Document.from_text("An unannotated page.\n"), None),
    ]


def _validate_rows(documents, spans):
    return validate_tables(*tables_from_rows(documents, spans))


@pytest.mark.parametrize(("column", "value", "rule"), [
    ("split", "validation-or-test", Rule.SPLIT_MATCHES_DOC_ID),
    ("n_chars", 1, Rule.N_CHARS_MATCHES),
    ("text_sha256", "0" * 64, Rule.TEXT_HASH_MATCHES),
])
def test_document_fields_must_agree_with_the_text(corpus, column, value, rule):
    documents, spans = rows_of(corpus)
    documents[1][column] = value
    report = _validate_rows(documents, spans)
    assert [(f.rule, f.doc_id, f.row, f.column) for f in report.failures] == [(rule, documents[1]["doc_id"], 1, column)]


def test_split_must_be_the_one_of_the_doc_id(corpus):
    documents, spans = rows_of(corpus)
    other = next(split for split in ("train", "validation", "test") if split != documents[0]["split"])
    documents[0]["split"] = other
    report = _validate_rows(documents, spans)
    assert rules_of(report) == {Rule.SPLIT_MATCHES_DOC_ID}
    assert split_for(documents[0]["doc_id"]) in report.failures[0].message


def test_doc_id_must_match_the_text(corpus):
    documents, spans = rows_of(corpus)
    documents[0]["text"] = documents[0]["text"] + " "  # still covered: trailing whitespace
    documents[0]["n_chars"] += 1
    report = _validate_rows(documents, spans)
    assert rules_of(report) == {Rule.DOC_ID_MATCHES_TEXT, Rule.TEXT_HASH_MATCHES}


def test_duplicate_documents_are_named(corpus):
    documents, spans = rows_of(corpus)
    documents.append(dict(documents[0]))
    report = _validate_rows(documents, spans)
    duplicates = report.by_rule()[Rule.UNIQUE_DOC_ID]
    assert [(f.doc_id, f.row) for f in duplicates] == [(documents[0]["doc_id"], len(documents) - 1)]


def test_unannotated_documents_have_no_spans(corpus):
    documents, spans = rows_of(corpus)
    annotated = next(document for document in documents if document["spans"])
    annotated["annotation_status"] = "unannotated"
    annotated["annotation_ids"] = []
    report = _validate_rows(documents, spans)
    assert Rule.STATUS_CONSISTENT in rules_of(report)
    assert {f.doc_id for f in report.by_rule()[Rule.STATUS_CONSISTENT]} == {annotated["doc_id"]}
    assert Rule.ZONE_COVERAGE not in rules_of(report), "an unannotated document needs no coverage"


def test_spans_origin_must_match_the_status(corpus):
    documents, spans = rows_of(corpus)
    victim = spans[0]
    for span in spans:
        if span["doc_id"] == victim["doc_id"]:
            span["origin"] = "adjudicated" if span["origin"] != "adjudicated" else "human"
    report = _validate_rows(documents, spans)
    assert rules_of(report) == {Rule.STATUS_CONSISTENT}


def test_spans_status_is_counted_per_document_in_any_row_order(corpus):
    """The spans' origins are counted on runs of rows: a document's rows apart from each other still add up."""
    documents, spans = rows_of(corpus)
    victim = spans[0]["doc_id"]
    mine = [span for span in spans if span["doc_id"] == victim]
    others = [span for span in spans if span["doc_id"] != victim]
    for span in mine[::2]:
        span["origin"] = "adjudicated" if span["origin"] != "adjudicated" else "human"
    interleaved = [span for pair in itertools.zip_longest(mine, others) for span in pair if span is not None]
    report = _validate_rows(documents, interleaved)
    [failure] = report.failures
    assert (failure.rule, failure.doc_id) == (Rule.STATUS_CONSISTENT, victim)
    assert failure.message.startswith(f"{len(mine[::2])} spans-table rows have origin ['{mine[0]['origin']}']")


@pytest.mark.parametrize(("column", "value"), [("origin", "adjudicated"), ("annotation_id", "another-annotation")])
def test_spans_status_counts_a_change_within_a_document_apart(corpus, column, value):
    """The spans' runs of rows are cut wherever doc_id, origin or annotation_id changes: the last row of a
    document with another ``column`` than its other rows is counted alone."""
    documents, spans = rows_of(corpus)
    victim = [span for span in spans if span["doc_id"] == spans[0]["doc_id"]]
    assert len(victim) > 1 and victim[-1][column] != value
    victim[-1][column] = value
    report = _validate_rows(documents, spans)
    [failure] = report.failures
    assert (failure.rule, failure.doc_id) == (Rule.STATUS_CONSISTENT, victim[0]["doc_id"])
    assert failure.message.startswith(f"1 spans-table rows have origin ['{victim[-1]['origin']}'] / annotation_id "
                                      f"['{victim[-1]['annotation_id']}']")


def _validate_in_slices(folder, documents, spans, chunk_spans):
    """``validate_path`` of the rows written to ``folder``, the spans table in row groups of 2 rows and its
    per-span checks in chunks of about ``chunk_spans`` spans."""
    documents, spans = tables_from_rows(documents, spans)
    pq.write_table(documents, folder / "documents.parquet")
    pq.write_table(spans, folder / "spans.parquet", row_group_size=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_CHUNK_SPANS", chunk_spans)
        return validate_path([folder])


def test_spans_status_is_counted_across_slices(tmp_path, corpus):
    """The spans table's runs of rows are counted on its columns as read, a chunk per row group: a
    document's rows in several row groups still add up."""
    documents, spans = rows_of(corpus)
    victim = [span for span in spans if span["doc_id"] == spans[0]["doc_id"]]
    for span in victim:
        span["origin"] = "adjudicated"
    report = _validate_in_slices(tmp_path, documents, spans, chunk_spans=1)
    [failure] = report.failures
    assert (failure.rule, failure.doc_id) == (Rule.STATUS_CONSISTENT, victim[0]["doc_id"])
    assert failure.message.startswith(f"{len(victim)} spans-table rows have origin ['adjudicated']")


def test_schema_failures_are_reported_with_row_and_column(corpus):
    documents, spans = rows_of(corpus)
    spans[0]["score"] = 1.5
    spans[1]["origin"] = "oracle"
    report = _validate_rows(documents, spans)
    schema = report.by_rule()[Rule.SCHEMA]
    assert {(f.table, f.column, f.row) for f in schema} >= {("spans", "score", 0), ("spans", "origin", 1)}
    assert all(f.doc_id for f in schema)


def test_a_missing_column_is_a_schema_failure_not_a_crash(corpus):
    documents, spans = release_tables(corpus)
    report = validate_tables(documents.drop_columns(["text_sha256"]), spans.set_column(
        spans.schema.get_field_index("start"), "start", spans.column("start").cast(pa.int32())))
    messages = {(f.table, f.column): f.message for f in report.by_rule()[Rule.SCHEMA]}
    assert "missing" in messages[("documents", "text_sha256")]
    assert "int32" in messages[("spans", "start")].lower()
    assert not report.ok


def test_nested_spans_must_equal_the_spans_table(corpus):
    documents, spans = rows_of(corpus)
    annotated = next(document for document in documents if document["spans"])
    removed = annotated["spans"].pop()
    report = _validate_rows(documents, spans)
    nested = report.by_rule()[Rule.NESTED_SPANS_MATCH]
    assert [(f.doc_id, f.span_id, f.table) for f in nested] == [(annotated["doc_id"], removed["span_id"], "documents")]


@pytest.mark.parametrize("field", ["doc_id", "span_id", "score"])
def test_nested_spans_are_compared_to_every_slice_of_the_spans_table(tmp_path, corpus, field):
    """The nested spans are compared to the spans table a slice of row groups at a time: a difference in
    the second slice only (of the second document's spans; here ``field`` of its nested spans) is found."""
    documents, spans = rows_of(corpus)
    first, second = (document for document in documents if document["spans"])
    assert [span["span_id"] for span in second["spans"]] == [span["span_id"] for span in spans[4:]]
    if field == "doc_id":  # the second document's first nested span moved to the first: the same values
        first["spans"].append(second["spans"].pop(0))
    else:
        second["spans"][-1][field] = "changed" if field == "span_id" else 0.5
    report = _validate_in_slices(tmp_path, documents, spans, chunk_spans=3)
    assert {(f.rule, f.table) for f in report.failures} >= {(Rule.NESTED_SPANS_MATCH, "documents")}
    # The spans table, whose documents are looked up a slice at a time too, is sound.
    assert not [failure for failure in report.failures if failure.table == "spans"]


def test_nested_spans_are_checked_by_the_span_rules(corpus):
    documents, spans = rows_of(corpus)
    annotated = next(document for document in documents if document["spans"])
    annotated["spans"][0]["text"] = "\x00"
    report = validate_tables(to_table(documents), None)
    assert [(f.rule, f.doc_id, f.table, f.column) for f in report.failures] == [
        (Rule.SPAN_TEXT_MATCHES, annotated["doc_id"], "documents", "text")]
    assert report.failures[0].message.startswith("spans[0]: ")


def test_nested_spans_equal_to_the_table_still_have_their_values_checked(corpus):
    """Nested spans equal to the spans table need no span rule of their own (the table's rows had them),
    but their values still get the schema's checks."""
    documents, spans = rows_of(corpus)
    nested = documents[0]["spans"][1]
    row = next(row for row, span in enumerate(spans) if span["span_id"] == nested["span_id"])
    nested["score"] = spans[row]["score"] = 1.5
    report = _validate_rows(documents, spans)
    assert [(f.table, f.column, f.row, f.span_id, f.message) for f in report.failures] == [
        ("documents", "spans", 0, nested["span_id"], "spans[1]: score 1.5 outside [0, 1]"),
        ("spans", "score", row, nested["span_id"], "score = '1.5' fails in_range(0.0, 1.0)")]


def _nullable_spans(documents: pa.Table, null_rows: set[int]) -> pa.Table:
    rows = documents.to_pylist()
    for row in null_rows:
        rows[row]["spans"] = None
    schema = pa.schema([field.with_nullable(True) if field.name == "spans" else field for field in documents.schema])
    return pa.Table.from_pylist(rows, schema=schema)


def test_nested_spans_read_apart_report_what_a_table_read_whole_reports(tmp_path, corpus):
    """``validate_path`` reads a release file's nested spans apart from its other columns and checks their
    schema when they are read: a null list is named as it is in the same table validated at once."""
    documents, spans = release_tables(corpus)
    broken = _nullable_spans(documents, {1})
    from_file = validate_path([_write_release(tmp_path / "release", broken, spans)])
    in_memory = validate_tables(broken, spans)
    assert [replace(failure, file=None) for failure in from_file.failures] == list(in_memory.failures)
    assert ("documents", "spans", 1, broken["doc_id"][1].as_py()) in {
        (f.table, f.column, f.row, f.doc_id) for f in from_file.by_rule()[Rule.SCHEMA]}


def test_nested_spans_read_apart_join_parts_read_whole(tmp_path, corpus):
    """Documents files whose nested spans are read apart (release form) and files read whole (hub form)
    make one table: the same failures as when every file is read whole."""
    documents, spans = rows_of(corpus)
    documents[0]["spans"][1]["text"] = "not the nested text"
    documents, spans = tables_from_rows(documents, spans)
    reports = []
    for read_apart in (True, False):
        folder = tmp_path / f"apart-{read_apart}"
        folder.mkdir()
        first = documents.slice(0, 2)
        pq.write_table(first if read_apart else encode_for_hub(first, "documents"), folder / "a.parquet")
        pq.write_table(encode_for_hub(documents.slice(2), "documents"), folder / "b.parquet")
        pq.write_table(spans, folder / "c.parquet")
        report = validate_path([folder / "a.parquet", folder / "b.parquet", folder / "c.parquet"])
        reports.append([replace(failure, file=Path(failure.file).name) for failure in report.failures])
    assert reports[0] == reports[1]
    assert {(f.rule, f.file, f.row) for f in reports[0]} == {
        (Rule.NESTED_SPANS_MATCH, "a.parquet", 0), (Rule.SPAN_TEXT_MATCHES, "a.parquet", 0)}


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3), st.sampled_from(["zone", "quote"]),
                          st.integers(0, 3)), max_size=8))
def test_spans_are_known_to_be_in_order_exactly_when_sorting_changes_nothing(rows):
    from schemas.validate import _is_ordered

    keys = ["doc_row", "start", "_is_quote", "end"]
    frame = pl.DataFrame(rows, schema=["doc_row", "start", "_layer", "end"], orient="row")
    keyed = frame.with_columns(_is_quote=pl.col("_layer") == "quote").select(keys)
    assert _is_ordered(frame, "doc_row") == keyed.equals(keyed.sort(keys))


def test_spans_in_any_row_order_get_the_same_failures(corpus):
    """Spans in document order are checked as they are; in any other order they are sorted first."""
    documents, spans = rows_of(corpus)
    spans[1]["start"] += 1
    spans[-1]["text"] = "\x00"
    in_order = _validate_rows(documents, spans)
    shuffled = _validate_rows(documents, spans[::-1])
    assert rules_of(in_order) == {Rule.SPAN_TEXT_MATCHES, Rule.NESTED_SPANS_MATCH, Rule.ZONE_COVERAGE}
    table_failures = [sorted((replace(f, row=None) for f in report.failures if f.table == "spans"),
                             key=Failure.sort_key) for report in (in_order, shuffled)]
    assert table_failures[0] == table_failures[1]
    assert {(f.rule, f.span_id) for f in table_failures[0]} == {
        (Rule.SPAN_TEXT_MATCHES, spans[1]["span_id"]), (Rule.SPAN_TEXT_MATCHES, spans[-1]["span_id"]),
        (Rule.ZONE_COVERAGE, None)}


@pytest.mark.parametrize("chunk_spans", [1, 2, 3])
def test_spans_are_checked_in_chunks_of_whole_documents(corpus, chunk_spans):
    """The span checks run a few documents at a time; a chunk never ends inside a document, where a span
    would lose the one before it: here a zone that overlaps the next and is otherwise sound, in a
    document whose spans are compared in characters (not complete, so no coverage) and without its
    quote (which would lose its zone)."""
    documents, spans = rows_of(corpus)
    document = documents[0]
    document.update(annotation_status="unannotated", annotation_ids=[])
    for quote in [span for span in document["spans"] if span["layer"] == "quote"]:
        _remove(documents, spans, quote["span_id"])
    first, second = sorted((span for span in spans if span["doc_id"] == document["doc_id"]
                            and span["layer"] == "zone"), key=lambda span: span["start"])[:2]
    _edit(documents, spans, first["span_id"], end=second["start"] + 2,
          text=document["text"][first["start"]:second["start"] + 2])
    whole = _validate_rows(documents, spans)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "_CHUNK_SPANS", chunk_spans)
        chunked = _validate_rows(documents, spans)
    assert chunked == whole
    assert {(f.rule, f.span_id) for f in chunked.failures if f.rule == Rule.ZONE_NO_OVERLAP} == {
        (Rule.ZONE_NO_OVERLAP, second["span_id"])}


@pytest.mark.parametrize(("index", "piece", "gap"), [
    (0, "Xi 🇨🇳", "\r\n\r\n"),  # ASCII gaps: the spans are compared in bytes
    (1, "Final:", "  \u00a0"),  # a no-break space in the gap: not ASCII, the document goes to span_faults
])
def test_a_zone_moved_onto_the_gap_before_it_is_found(corpus, index, piece, gap):
    """The zone's stored text stays, its start moves onto the whitespace before it: with the gap, that
    text is still the slice stripped of leading whitespace, but not the slice itself."""
    documents, spans = rows_of(corpus)
    text = documents[index]["text"]
    zone = next(span for span in spans
                if span["doc_id"] == documents[index]["doc_id"] and span["text"].startswith(piece))
    assert text[zone["start"] - len(gap):zone["start"]] == gap
    _edit(documents, spans, zone["span_id"], start=zone["start"] - 1)
    report = _validate_rows(documents, spans)
    assert {(f.rule, f.span_id) for f in report.failures if f.table == "spans"} == {
        (Rule.SPAN_TEXT_MATCHES, zone["span_id"]), (Rule.ZONE_TRIMMED, zone["span_id"])}


@pytest.mark.parametrize("stray", ["x", "é"])
def test_a_long_gap_between_zones_is_checked(corpus, stray):
    """Documents with a long gap between zones are valid, and their faults found: a stray character far
    into the gap, ASCII or not, is uncovered."""
    text = corpus[0][0].text.replace("\r\n\r\n", "\r\n" + " " * 20 + "\t\r\n")
    zones = [("boilerplate", "World"), ("article", "Xi 🇨🇳 visits Moscow\r\nHe said «no limits» 👍🏽."),
             ("teaser", "Read next: Café e\u0301")]
    long_gap = [_annotated(text, zones, ["«no limits»"])]
    documents, spans = rows_of(long_gap)
    assert _validate_rows(documents, spans).ok
    quote = next(span for span in spans if span["layer"] == "quote")
    _edit(documents, spans, quote["span_id"], text=quote["text"].replace("no", "NO"))
    report = _validate_rows(documents, spans)
    assert {(f.rule, f.span_id) for f in report.failures if f.table == "spans"} == {
        (Rule.SPAN_TEXT_MATCHES, quote["span_id"])}

    uncovered = text.replace("\t\r\n", f"{stray}\r\n")  # a character no zone covers, far into the gap
    documents, spans = rows_of([_annotated(uncovered, zones, ["«no limits»"])])
    report = _validate_rows(documents, spans)
    assert [(f.rule, f.table, f.start) for f in report.failures] == [
        (Rule.ZONE_COVERAGE, "spans", uncovered.index(stray))]


def to_table(documents):
    return tables_from_rows(documents, [])[0]


def test_orphans_without_documents_still_get_text_free_rules(corpus):
    documents, spans = rows_of(corpus)
    spans[0]["label"] = "byline"
    report = validate_tables(None, tables_from_rows(documents, spans)[1])
    assert [(f.rule, f.span_id) for f in report.failures] == [(Rule.KNOWN_LABEL, spans[0]["span_id"])]


# --- the report -----------------------------------------------------------------------------------------

def test_report_json_is_stable_and_complete(corpus):
    documents, spans = rows_of(corpus)
    for span in spans:
        span["text"] = "\x00" + span["text"][1:]
    report = _validate_rows(documents, spans)
    payload = json.loads(report.to_json())
    assert payload["ok"] is False
    assert payload["failures_by_rule"] == {Rule.SPAN_TEXT_MATCHES: len(spans), Rule.NESTED_SPANS_MATCH: len(spans)}
    assert len(payload["failures"]) == 2 * len(spans)
    assert set(payload["failures"][0]) == {f.name for f in Failure.__dataclass_fields__.values()}
    assert report.to_json() == _validate_rows(documents, spans).to_json()


def test_report_renders_examples_and_totals(corpus):
    from rich.console import Console

    documents, spans = rows_of(corpus)
    for span in spans:
        span["text"] = "\x00" + span["text"][1:]
    report = _validate_rows(documents, spans)
    console = Console(width=200, record=True)
    console.print(report.render(examples=1))
    shown = console.export_text()
    assert Rule.SPAN_TEXT_MATCHES in shown and f"… and {len(spans) - 1} more" in shown


# --- paths and the command line -----------------------------------------------------------------------------

def _write_release(folder: Path, documents: pa.Table, spans: pa.Table) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(documents, folder / "documents.parquet")
    pq.write_table(spans, folder / "spans.parquet")
    return folder


def _write_hub(folder: Path, documents: pa.Table, spans: pa.Table, wrong_shard: bool = False) -> Path:
    (folder / "data" / "documents").mkdir(parents=True)
    (folder / "data" / "spans").mkdir(parents=True)
    (folder / "README.md").write_text("---\n---\n# card\n")
    for name, table in (("documents", documents), ("spans", spans)):
        encoded = encode_for_hub(table, name)
        splits = [split_for(doc_id) for doc_id in table.column("doc_id").to_pylist()]
        if wrong_shard:
            splits = ["test" if split != "test" else "train" for split in splits]
        for split in sorted(set(splits)):
            rows = encoded.filter(pa.array([s == split for s in splits]))
            pq.write_table(rows, folder / "data" / name / f"{split}-00000-of-00001.parquet")
    return folder


def test_release_hub_and_single_files_validate(tmp_path, corpus):
    documents, spans = release_tables(corpus)
    release = _write_release(tmp_path / "releases" / "0.1.0", documents, spans)
    hub = _write_hub(tmp_path / "hub", documents, spans)
    for paths in ([release], [hub], [release / "documents.parquet"], [release / "spans.parquet"],
                  [release / "spans.parquet", release / "documents.parquet"],
                  sorted((hub / "data").rglob("*.parquet"))):
        report = validate_path(paths)
        assert report.ok, (paths, report.to_json())
    assert validate_path([hub]).counts == {"documents": documents.num_rows, "spans": spans.num_rows}


def test_hub_shards_must_hold_their_split(tmp_path, corpus):
    documents, spans = release_tables(corpus)
    report = validate_path([_write_hub(tmp_path / "hub", documents, spans, wrong_shard=True)])
    failures = report.by_rule()[Rule.SPLIT_MATCHES_DOC_ID]
    assert {f.doc_id for f in failures if f.table == "documents"} == set(documents.column("doc_id").to_pylist())
    assert all(f.file and "-00000-of-00001.parquet" in f.file for f in failures)


def test_failures_name_the_file_and_its_row(tmp_path, corpus):
    documents, spans = rows_of(corpus)
    spans[-1]["text"] = "\x00"
    folder = _write_release(tmp_path / "release", *tables_from_rows(documents, spans))
    failure = next(f for f in validate_path([folder]).failures if f.rule == Rule.SPAN_TEXT_MATCHES)
    assert (failure.file, failure.row) == (str(folder / "spans.parquet"), len(spans) - 1)


def test_bad_paths_are_explained(tmp_path, corpus):
    with pytest.raises(ConfigError, match="no such file"):
        validate_path([tmp_path / "missing"])
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ConfigError, match="notes.txt.*not a .parquet"):
        validate_path([tmp_path / "notes.txt"])
    pq.write_table(pa.table({"a": [1]}), tmp_path / "other.parquet")
    with pytest.raises(InputError, match="other.parquet.*match neither"):
        validate_path([tmp_path / "other.parquet"])
    (tmp_path / "broken.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match="broken.parquet.*not a readable Parquet"):
        validate_path([tmp_path / "broken.parquet"])
    documents, spans = release_tables(corpus)
    half = tmp_path / "half"
    half.mkdir()
    pq.write_table(documents, half / "documents.parquet")
    with pytest.raises(InputError, match="lacks spans.parquet"):
        validate_path([half])
    _write_release(tmp_path / "releases" / "0.1.0", documents, spans)
    with pytest.raises(ConfigError, match="0.1.0"):
        validate_path([tmp_path / "releases"])
    hub = _write_hub(tmp_path / "hub", documents, spans)
    shard = next((hub / "data" / "spans").glob("*.parquet"))
    shard.rename(shard.with_name(shard.name.replace("-of-00001", "-of-00002")))
    with pytest.raises(InputError, match="incomplete"):
        validate_path([hub])


def test_cli_exit_codes_and_json(tmp_path, corpus, capsys):
    documents, spans = rows_of(corpus)
    good = _write_release(tmp_path / "good", *tables_from_rows(documents, spans))
    assert main(["validate", str(good)]) == 0
    assert "valid" in capsys.readouterr().out
    spans[0]["label"] = "byline"
    bad = _write_release(tmp_path / "bad", *tables_from_rows(documents, spans))
    assert main(["validate", str(bad)]) == 1
    assert Rule.KNOWN_LABEL in capsys.readouterr().out
    assert main(["validate", "--json", str(bad / "spans.parquet"), str(bad / "documents.parquet")]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and Rule.KNOWN_LABEL in payload["failures_by_rule"]
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_a_class_index_out_of_range_is_a_schema_failure(corpus):
    documents, spans = release_tables(corpus)
    hub_spans = encode_for_hub(spans, "spans")
    labels = hub_spans.column("label").to_pylist()
    broken = hub_spans.set_column(hub_spans.schema.get_field_index("label"), "label",
                                  pa.array([99, *labels[1:]], pa.int64()))
    report = validate_tables(encode_for_hub(documents, "documents"), broken)
    assert [(f.rule, f.table) for f in report.failures] == [(Rule.SCHEMA, "spans")]
    assert "99" in report.failures[0].message


def test_a_zone_missing_its_own_leading_whitespace_is_caught_in_an_incomplete_document():
    """In the character path the gap before a zone is stripped from the slice; the zone's own text must
    not be: a span over a space whose stored text is empty is a wrong slice (found by hypothesis)."""
    text = "a a a a a a a"
    document = Document.from_text(text)
    row = {"doc_id": document.doc_id, "text": text, "sources": [], "url": None, "title": None,
           "split": document.split, "text_sha256": document.text_sha256, "n_chars": document.n_chars,
           "annotation_status": "unannotated", "annotation_ids": [], "spans": []}
    span = {"doc_id": document.doc_id, "span_id": f"{document.doc_id}:s0", "layer": "zone", "label": "article",
            "start": 11, "end": 12, "text": "", "score": None, "origin": "human", "annotation_id": "a",
            "annotator": "ana", "model_version": None}
    report = validate_tables(*tables_from_rows([row], [span]))
    found = {(f.rule, f.start, f.end) for f in report.failures if f.table == "spans"}
    assert {(Rule.SPAN_TEXT_MATCHES, 11, 12), (Rule.ZONE_TRIMMED, 11, 12)} <= found
