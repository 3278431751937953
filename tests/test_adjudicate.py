"""Adjudication: majority merge with majority boundaries, ground truth, review queue, store, CLI."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import quotes_in, texts, zone_partitions

from annotation.adjudicate import (
    CONFLICTING_GROUND_TRUTH,
    GROUND_TRUTH,
    INVALID_GROUND_TRUTH,
    LOW_AGREEMENT,
    MAJORITY,
    MAJORITY_ADJUDICATOR,
    REVIEW,
    REVIEW_REASONS,
    SKIPPED,
    TIE,
    UNLABELLED,
    adjudicate,
    adjudication_id,
    current_adjudication,
    merge_by_majority,
    review_task,
)
from annotation.labelstudio.config import label_interface
from annotation.store import read_annotations, write_annotations
from corpus.cli import main
from schemas.records import Annotation, Document, Span, is_whitespace
from schemas.rules import span_faults

HAND = "aa bb cc dd"  # a:0-1, b:3-4, c:6-7, d:9-10


def human(document: Document, annotator: str, spans: list[tuple[int, int, str]], *, ground_truth: bool = False,
          annotation_id: str | None = None) -> Annotation:
    return Annotation(
        annotation_id=annotation_id or f"{annotator}-{document.doc_id}", doc_id=document.doc_id,
        text_sha256=document.text_sha256, origin="human", annotator=annotator, ground_truth=ground_truth,
        spans=tuple(Span.on(document.text, start, end, label) for start, end, label in spans),
        source=document.sources[0] if document.sources else None,
    )


def key(spans) -> list[tuple[int, int, str, str]]:
    return sorted((span.start, span.end, span.label, span.text) for span in spans)


def hand_annotations(document: Document) -> list[Annotation]:
    return [
        human(document, "ana", [(0, 2, "boilerplate"), (3, 8, "article"), (9, 11, "teaser"), (3, 5, "quote")]),
        human(document, "ben", [(0, 2, "boilerplate"), (3, 5, "article"), (6, 8, "article"), (9, 11, "teaser"),
                                (3, 5, "quote")]),
        human(document, "cy", [(0, 5, "article"), (6, 11, "article")]),
    ]


def test_majority_by_hand() -> None:
    document = Document.from_text(HAND)
    # Votes: "aa" boilerplate 2 / article 1; "bb", "cc" article 3; "dd" teaser 2 / article 1.
    # "bb" | "cc": all three have article on both; ana joins them, ben and cy split them -> two spans.
    # Quote: ana and ben quote "bb" (2 of 3), in one span each -> one quote [3, 5).
    # (Zone alpha of these three is 0.361, so the default --min-alpha 0.8 would send it to review.)
    result = adjudicate(document, hand_annotations(document), min_alpha=None)
    assert result.outcome == MAJORITY
    assert key(result.annotation.spans) == key([
        Span.on(HAND, 0, 2, "boilerplate"), Span.on(HAND, 3, 5, "article"), Span.on(HAND, 6, 8, "article"),
        Span.on(HAND, 9, 11, "teaser"), Span.on(HAND, 3, 5, "quote"),
    ])
    adjudicated = result.annotation
    assert adjudicated.origin == "adjudicated"
    assert adjudicated.annotator == MAJORITY_ADJUDICATOR
    assert adjudicated.derived_from == tuple(sorted(f"{n}-{document.doc_id}" for n in ("ana", "ben", "cy")))
    assert adjudicated.annotation_id == adjudication_id(document.doc_id, adjudicated.derived_from)
    assert adjudicated.text_sha256 == document.text_sha256

    low = adjudicate(document, hand_annotations(document))
    assert (low.outcome, low.reason) == (REVIEW, LOW_AGREEMENT)
    assert "zone alpha 0.361 < 0.8" in low.detail
    assert adjudicate(document, hand_annotations(document), min_alpha=0.3).outcome == MAJORITY


def test_label_tie_and_boundary_tie_go_to_review() -> None:
    document = Document.from_text(HAND)
    whole = human(document, "ana", [(0, 11, "article")])
    split = human(document, "ben", [(0, 2, "boilerplate"), (3, 11, "article")])
    result = adjudicate(document, [whole, split], min_alpha=None)
    assert (result.outcome, result.reason, result.annotation) == (REVIEW, TIE, None)
    assert "[0, 2) 'aa': zone label votes article 1, boilerplate 1" in result.detail

    one_teaser = human(document, "ana", [(0, 5, "teaser"), (6, 11, "article")])
    two_teasers = human(document, "ben", [(0, 2, "teaser"), (3, 5, "teaser"), (6, 11, "article")])
    result = adjudicate(document, [one_teaser, two_teasers], min_alpha=None)
    assert (result.outcome, result.reason) == (REVIEW, TIE)
    assert "teaser span boundary votes tie" in result.detail
    # A third annotator who splits the teasers decides the boundary.
    third = replace(two_teasers, annotation_id="cy-1", annotator="cy")
    result = adjudicate(document, [one_teaser, two_teasers, third], min_alpha=None)
    assert key(result.annotation.spans) == key(two_teasers.spans)


def test_quote_even_split_and_unlabelled_characters_go_to_review() -> None:
    document = Document.from_text(HAND)
    zones = [(0, 11, "article")]
    result = adjudicate(document, [human(document, "ana", [*zones, (3, 5, "quote")]), human(document, "ben", zones)],
                        min_alpha=None)
    assert (result.outcome, result.reason) == (REVIEW, TIE)
    assert "1 of 2 annotators quote" in result.detail
    # Nobody labelled "dd".
    partial = [(0, 8, "article")]
    result = adjudicate(document, [human(document, "ana", partial), human(document, "ben", partial)])
    assert (result.outcome, result.reason) == (REVIEW, UNLABELLED)
    assert "[9, 11) 'dd'" in result.detail


def test_ground_truth_wins() -> None:
    document = Document.from_text(HAND)
    ana, ben, cy = hand_annotations(document)
    truth = replace(cy, ground_truth=True)
    result = adjudicate(document, [ana, ben, truth])
    assert result.outcome == GROUND_TRUTH
    assert key(result.annotation.spans) == key(cy.spans)
    assert result.annotation.annotator == "cy"
    assert result.annotation.origin == "adjudicated"
    assert set(result.annotation.derived_from) == {ana.annotation_id, ben.annotation_id, cy.annotation_id}
    # Two flagged annotations that differ: review.
    result = adjudicate(document, [replace(ana, ground_truth=True), ben, truth])
    assert (result.outcome, result.reason) == (REVIEW, CONFLICTING_GROUND_TRUTH)
    # A flagged annotation that is not complete cannot be ground truth.
    incomplete = human(document, "dan", [(0, 8, "article")], ground_truth=True)
    assert adjudicate(document, [ana, incomplete]).reason == INVALID_GROUND_TRUTH


def test_single_annotator_and_non_human_annotations_are_not_adjudicated() -> None:
    document = Document.from_text(HAND)
    ana = human(document, "ana", [(0, 11, "article")])
    machine = Annotation(annotation_id="m", doc_id=document.doc_id, text_sha256=document.text_sha256,
                         origin="machine", model_version="rules-1", spans=ana.spans)
    second_by_ana = replace(ana, annotation_id="ana-2", updated_at="2026-01-02T00:00:00Z")
    result = adjudicate(document, [ana, machine, second_by_ana])
    assert result.outcome == SKIPPED and result.annotation is None
    assert [a.annotation_id for a in result.sources] == ["ana-2"]


def test_review_task_carries_each_annotators_version() -> None:
    document = Document.from_text("Site “quoted words” here\n\nMore")
    ana = human(document, "ana", [(0, 24, "article"), (5, 19, "quote"), (26, 30, "teaser")])
    ben = human(document, "ben", [(0, 4, "boilerplate"), (5, 24, "article"), (26, 30, "boilerplate")])
    result = adjudicate(document, [ana, ben])
    assert result.outcome == REVIEW
    built = json.loads(json.dumps(review_task(document, result)))
    assert built["data"]["text"] == document.text
    assert built["data"]["doc_id"] == document.doc_id
    assert built["data"]["review_reason"].startswith(result.reason)
    assert [p["model_version"] for p in built["predictions"]] == ["ana", "ben"]
    interface = label_interface()
    for prediction, annotation in zip(built["predictions"], [ana, ben], strict=True):
        assert interface.validate_prediction(prediction, return_errors=True) == []
        regions = [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0], r["value"]["text"])
                   for r in prediction["result"]]
        assert sorted(regions) == key(annotation.spans)
        for start, end, _, text in regions:
            assert text == document.text[start:end]


def test_adjudication_is_stored_once_and_found_as_current(tmp_path: Path) -> None:
    document = Document.from_text(HAND, sources=("seeds/page.txt",))
    annotations = hand_annotations(document)
    first = adjudicate(document, annotations, min_alpha=None).annotation
    assert write_annotations(tmp_path, [first]) == (1, 0)
    stored = list(read_annotations(tmp_path))
    assert stored == [first]
    # Adjudicating the same annotations again gives an equal annotation: nothing is added.
    again = adjudicate(document, [*annotations, *stored], min_alpha=None).annotation
    assert again == first
    assert write_annotations(tmp_path, [again]) == (0, 1)
    assert current_adjudication([*annotations, *stored]) == first
    # A new human annotation makes the stored adjudication stale.
    newcomer = human(document, "dan", [(0, 2, "boilerplate"), (3, 11, "article")])
    assert current_adjudication([*annotations, newcomer, *stored]) is None


# --- properties --------------------------------------------------------------------------------------


@st.composite
def human_annotation(draw, document: Document, annotator: str, complete: bool = True) -> Annotation:
    zones = draw(zone_partitions(document.text))
    if not complete:
        zones = [zone for zone in zones if draw(st.integers(0, 4))] or zones[:1]
    spans = [*zones, *draw(quotes_in(document.text, zones))]
    return Annotation(annotation_id=f"{annotator}-{document.doc_id}", doc_id=document.doc_id,
                      text_sha256=document.text_sha256, origin="human", annotator=annotator, spans=tuple(spans))


documents = st.builds(lambda text: Document.from_text(text, sources=("seeds/page.txt",)), texts(max_words=12))
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.data(), documents, st.integers(2, 4))
def test_identical_annotations_adjudicate_to_themselves(data: st.DataObject, document: Document, copies: int) -> None:
    original = data.draw(human_annotation(document, "ana"))
    annotations = [replace(original, annotation_id=f"copy-{i}", annotator=f"annotator-{i}") for i in range(copies)]
    result = adjudicate(document, annotations)
    assert result.outcome == MAJORITY, result.detail
    assert key(result.annotation.spans) == key(original.spans)


@PROPERTY_SETTINGS
@given(st.data(), documents, st.integers(2, 3))
def test_an_annotation_held_by_a_majority_wins(data: st.DataObject, document: Document, copies: int) -> None:
    majority = data.draw(human_annotation(document, "maj"))
    others = data.draw(st.integers(0, copies - 1))
    annotations = [replace(majority, annotation_id=f"maj-{i}", annotator=f"maj-{i}") for i in range(copies)]
    annotations += [data.draw(human_annotation(document, f"other-{i}")) for i in range(others)]
    result = adjudicate(document, annotations, min_alpha=None)
    assert result.outcome == MAJORITY, result.detail
    assert key(result.annotation.spans) == key(majority.spans)


@PROPERTY_SETTINGS
@given(st.data(), documents, st.integers(2, 4), st.booleans())
def test_adjudication_is_valid_or_goes_to_review(data: st.DataObject, document: Document, count: int,
                                                 complete: bool) -> None:
    annotations = [data.draw(human_annotation(document, f"annotator-{i}", complete)) for i in range(count)]
    result = adjudicate(document, annotations, min_alpha=None)
    if result.outcome == REVIEW:
        assert result.reason in REVIEW_REASONS and result.detail
        return
    assert result.outcome == MAJORITY
    spans = result.annotation.spans
    assert span_faults(document.text, spans, complete=True) == []
    # Every non-whitespace character carries the label most annotators gave it.
    zones = [span for span in spans if span.layer == "zone"]
    for position, char in enumerate(document.text):
        if is_whitespace(char):
            continue
        votes = Counter(span.label for a in annotations for span in a.spans
                        if span.layer == "zone" and span.start <= position < span.end)
        (label, top), *rest = votes.most_common()
        assert not rest or rest[0][1] < top
        assert [z.label for z in zones if z.start <= position < z.end] == [label]
    assert merge_by_majority(document.text, annotations).spans == tuple(
        sorted(spans, key=lambda s: (s.start, s.layer != "zone", s.end)))


# --- the command -------------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Document]:
    (tmp_path / "pyproject.toml").write_text('[tool.corpus]\ndataset_version = "0.1.0"\n')
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    pages = {"majority": HAND, "tie": "0123456789", "single": "just one"}
    documents = {}
    for name, text in pages.items():
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
        documents[name] = Document.from_text(text, sources=(f"seeds/{name}.txt",))
    tie = documents["tie"]
    write_annotations(seeds / "annotations", [
        *hand_annotations(documents["majority"]),
        human(tie, "ana", [(0, 10, "article")]),
        human(tie, "ben", [(0, 5, "article"), (5, 10, "boilerplate")]),
        human(documents["single"], "ana", [(0, 4, "article"), (5, 8, "article")]),
    ])
    monkeypatch.chdir(tmp_path)
    return documents


def test_cli_adjudicates_writes_review_queue_and_reruns_to_nothing(
        project: dict[str, Document], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["adjudicate", "--min-alpha", "0.3", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["outcomes"] == {"majority": 1, "ground_truth": 0, "review": 1, "skipped": 0}
    assert summary["single_annotator_documents"] == 1
    assert summary["written"]["added_or_updated"] == 1
    stored = [a for a in read_annotations(Path("seeds/annotations")) if a.origin == "adjudicated"]
    assert [a.doc_id for a in stored] == [project["majority"].doc_id]
    assert stored[0].source == "seeds/majority.txt"
    review = json.loads(Path(summary["review_queue"]["file"]).read_text(encoding="utf-8"))
    assert [t["data"]["doc_id"] for t in review] == [project["tie"].doc_id]
    assert [p["model_version"] for p in review[0]["predictions"]] == ["ana", "ben"]

    assert main(["adjudicate", "--min-alpha", "0.3"]) == 0
    out = capsys.readouterr().out
    assert "0 added or updated, 1 unchanged" in out
    assert f"review {project['tie'].doc_id}" in out


def test_cli_dry_run_writes_nothing(project: dict[str, Document], capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.read_text() for p in Path("seeds/annotations").iterdir())
    assert main(["adjudicate", "--dry-run", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["outcomes"]["review"] == 2  # both below the default alpha of 0.8
    assert sorted(p.read_text() for p in Path("seeds/annotations").iterdir()) == before
    assert not Path("dist").exists()


def test_cli_help_and_bad_alpha(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["adjudicate", "--help"])
    assert exit_info.value.code == 0
    assert "--min-alpha" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["adjudicate", "--min-alpha", "2"])
    assert exit_info.value.code == 2
    assert "outside [-1, 1]" in capsys.readouterr().err
