"""Validation of a sorted release range by range gives the whole-table report, byte for byte."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import validate_stream
from schemas.records import Document
from schemas.rules import Rule
from schemas.validate import ValidationReport, read_parts, validate_parts, validate_path
from strategies import corpora, tables_from_rows
from strategies import release_rows as rows_of
from test_validate import MUTATIONS, _annotated


@pytest.fixture
def corpus():
    """Six annotated documents (of two texts' shapes) and an unannotated one: several ranges of one row."""
    pages = [f"Section {n}\nMayor {n} said «yes {n}» today.\nShare {n}" for n in range(6)]
    return [_annotated(page, [("boilerplate", page.split("\n")[0]), ("article", page.split("\n")[1]),
                              ("boilerplate", page.split("\n")[2])], [f"«yes {n}»"], origin="human")
            for n, page in enumerate(pages)] + [(Document.from_text("An unannotated page.\n"), None)]


def _sorted(documents: list[dict], spans: list[dict]) -> tuple[list[dict], list[dict]]:
    """The rows in doc_id order, as a release is written (stable: rows of one document keep their order)."""
    return sorted(documents, key=lambda row: row["doc_id"]), sorted(spans, key=lambda row: row["doc_id"])


def _write(folder: Path, documents: list[dict], spans: list[dict], row_group_size: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in zip(("documents", "spans"), tables_from_rows(documents, spans), strict=True):
        pq.write_table(table, folder / f"{name}.parquet", row_group_size=row_group_size)
    return folder


def _whole(folder: Path) -> ValidationReport:
    """The whole-table path of ``validate_path``."""
    return validate_parts(read_parts(folder, frames=True), sources=(str(folder),))


def _streamed(folder: Path, rows: int, patch: pytest.MonkeyPatch) -> ValidationReport | None:
    """Ranges of ``rows`` rows, for a release larger than one range."""
    for name in ("RANGE_SPANS", "RANGE_DOCUMENTS", "WHOLE_TABLE_MAX_SPANS", "WHOLE_TABLE_MAX_DOCUMENTS"):
        patch.setattr(validate_stream, name, rows)
    return validate_stream.validate_sorted_release([folder])


def _assert_same_in_ranges(folder: Path, patch: pytest.MonkeyPatch, sizes=(1, 2, 5)) -> ValidationReport:
    whole = _whole(folder)
    for rows in sizes:
        streamed = _streamed(folder, rows, patch)
        if max(pq.read_metadata(file).num_rows for file in folder.glob("*.parquet")) <= rows:
            assert streamed is None, "a release of one range is left to the whole-table path"
        else:
            assert streamed is not None, "a sorted release is validated range by range"
            assert streamed.to_json() == whole.to_json()
        assert validate_path([folder]).to_json() == whole.to_json()
    return whole


def test_a_valid_sorted_release_in_ranges_reports_what_the_whole_tables_report(tmp_path, corpus, monkeypatch):
    report = _assert_same_in_ranges(_write(tmp_path, *_sorted(*rows_of(corpus))), monkeypatch)
    assert report.ok and report.counts == {"documents": 7, "spans": 24}


@pytest.mark.parametrize("rows", [1, 2, 5])
def test_ranges_hold_whole_documents_of_both_tables(tmp_path, corpus, monkeypatch, rows):
    documents, spans = _sorted(*rows_of(corpus))
    documents.insert(3, copy.deepcopy(documents[3]))
    folder = _write(tmp_path, documents, spans)
    monkeypatch.setattr(validate_stream, "RANGE_SPANS", rows)
    monkeypatch.setattr(validate_stream, "RANGE_DOCUMENTS", rows)
    files = {name: folder / f"{name}.parquet" for name in ("documents", "spans")}
    ranges = list(validate_stream._ranges(files))
    assert len(ranges) > 1
    seen: dict[str, list[str]] = {"documents": [], "spans": []}
    for frames in ranges:
        ids = set()
        for name, (frame, first) in frames.items():
            assert first == len(seen[name])  # numbered in the whole table
            ids |= set(frame.get_column("doc_id"))
            seen[name] += frame.get_column("doc_id").to_list()
        assert ids.isdisjoint(seen["documents"][:-len(frames["documents"][0])] if frames["documents"][0].height
                              else seen["documents"]), "each document's rows are all in one range"
    assert seen == {"documents": [row["doc_id"] for row in documents], "spans": [row["doc_id"] for row in spans]}
    # cut at the first document after the count: a range ends with a whole document (here up to 4 spans)
    assert max(frames["spans"][0].height for frames in ranges) <= rows - 1 + 4


def test_a_duplicate_document_at_a_range_boundary(tmp_path, corpus, monkeypatch):
    documents, spans = _sorted(*rows_of(corpus))
    documents.insert(3, copy.deepcopy(documents[3]))
    report = _assert_same_in_ranges(_write(tmp_path, documents, spans), monkeypatch)
    [failure] = [failure for failure in report.failures if failure.rule == Rule.UNIQUE_DOC_ID]
    assert (failure.row, failure.doc_id) == (4, documents[3]["doc_id"])
    assert "appears 2 times (rows 3, 4)" in failure.message


def test_a_span_id_repeated_in_distant_ranges(tmp_path, corpus, monkeypatch):
    """Span ids repeat across documents, hence ranges: decided over the whole release, in the spans table
    and among the nested spans that differ from it."""
    documents, spans = _sorted(*rows_of(corpus))
    first, last = spans[0], spans[-1]
    last["span_id"] = first["span_id"]  # the spans table only: the nested spans keep theirs
    annotated = [document for document in documents if document["spans"]]
    annotated[0]["spans"][0]["span_id"] = annotated[-1]["spans"][0]["span_id"]  # and two documents' nested spans
    report = _assert_same_in_ranges(_write(tmp_path, documents, spans), monkeypatch)
    repeated = {(failure.table, failure.row) for failure in report.failures if failure.rule == Rule.UNIQUE_SPAN_ID}
    assert ("spans", len(spans) - 1) in repeated
    assert any(table == "documents" for table, _ in repeated)


def test_an_orphan_span_and_a_bad_slice(tmp_path, corpus, monkeypatch):
    documents, spans = rows_of(corpus)
    spans[4]["doc_id"] = "0" * 16  # sorts first: a range of its own before every document
    spans[7]["start"] += 1
    spans[-1]["doc_id"] = "f" * 16  # and after every document
    report = _assert_same_in_ranges(_write(tmp_path, *_sorted(documents, spans)), monkeypatch)
    assert {Rule.ORPHAN_SPAN, Rule.SPAN_TEXT_MATCHES, Rule.NESTED_SPANS_MATCH} <= {f.rule for f in report.failures}
    assert [f.doc_id for f in report.failures if f.rule == Rule.ORPHAN_SPAN] == ["0" * 16, "f" * 16]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda mutation: mutation.__name__)
@settings(deadline=None, max_examples=8, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(corpus=corpora(min_size=2), data=st.data(), rows=st.integers(1, 6))
def test_every_corruption_is_reported_in_ranges_as_whole(tmp_path_factory, mutation, corpus, data, rows):
    documents, spans = rows_of(corpus)
    mutation(data, documents, spans)
    folder = _write(tmp_path_factory.mktemp("release"), *_sorted(documents, spans), row_group_size=3)
    with pytest.MonkeyPatch.context() as patch:
        _assert_same_in_ranges(folder, patch, sizes=(rows,))


def test_rows_out_of_doc_id_order_take_the_whole_table_path(tmp_path, corpus, monkeypatch):
    documents, spans = _sorted(*rows_of(corpus))
    random.Random(5).shuffle(spans)
    spans[3]["start"] += 1
    folder = _write(tmp_path, documents, spans, row_group_size=len(spans))  # one row group: its order is read
    assert _streamed(folder, 1, monkeypatch) is None
    assert validate_path([folder]).to_json() == _whole(folder).to_json()
    # Ordered within each row group, but not across them: the row groups overlap.
    _write(tmp_path, documents, sorted(spans[:6], key=lambda row: row["doc_id"])
           + sorted(spans[6:], key=lambda row: row["doc_id"]), row_group_size=6)
    assert _streamed(folder, 1, monkeypatch) is None


def test_a_table_not_in_the_release_schema_takes_the_whole_table_path(tmp_path, corpus, monkeypatch):
    folder = _write(tmp_path, *_sorted(*rows_of(corpus)))
    spans = pq.read_table(folder / "spans.parquet")
    pq.write_table(spans.drop_columns(["score"]), folder / "spans.parquet")
    assert _streamed(folder, 1, monkeypatch) is None
    report = validate_path([folder])
    assert report.to_json() == _whole(folder).to_json()
    assert any(f.rule == Rule.SCHEMA and f.column == "score" for f in report.failures)


def test_only_one_release_folder_is_streamed(tmp_path, corpus, monkeypatch):
    folder = _write(tmp_path / "release", *_sorted(*rows_of(corpus)))
    assert _streamed(folder, 1, monkeypatch) is not None
    assert validate_stream.validate_sorted_release([folder, folder]) is None
    assert validate_stream.validate_sorted_release([folder / "spans.parquet"]) is None


def test_a_release_of_one_range_takes_the_whole_table_path(tmp_path, corpus, monkeypatch):
    folder = _write(tmp_path, *_sorted(*rows_of(corpus)))
    assert _streamed(folder, 24, monkeypatch) is None  # 7 documents, 24 spans: one range
    assert _streamed(folder, 23, monkeypatch) is not None  # 24 spans: two


def test_a_release_that_fits_in_memory_takes_the_whole_table_path(tmp_path, corpus, monkeypatch):
    folder = _write(tmp_path, *_sorted(*rows_of(corpus)))
    for name in ("RANGE_SPANS", "RANGE_DOCUMENTS"):
        monkeypatch.setattr(validate_stream, name, 1)
    monkeypatch.setattr(validate_stream, "WHOLE_TABLE_MAX_SPANS", 24)
    monkeypatch.setattr(validate_stream, "WHOLE_TABLE_MAX_DOCUMENTS", 7)
    assert validate_stream.validate_sorted_release([folder]) is None
    monkeypatch.setattr(validate_stream, "WHOLE_TABLE_MAX_SPANS", 23)
    assert validate_stream.validate_sorted_release([folder]) is not None
