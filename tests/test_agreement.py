"""Agreement coefficients against hand-computed small cases, a textbook example, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation.agreement import (
    ROW_NAMES,
    agreement,
    alpha_from_coincidences,
    cohen_kappa,
    coincidences,
    document_agreement,
    krippendorff_alpha,
    span_f1,
    span_matches,
)
from annotation.store import write_annotations
from corpus.cli import main
from schemas.errors import InputError
from schemas.records import Annotation, Document, Span

TEN = "0123456789"


def human(document: Document, annotator: str, spans: list[tuple[int, int, str]], *, annotation_id: str | None = None,
          updated_at: str | None = None, ground_truth: bool = False, origin: str = "human") -> Annotation:
    return Annotation(
        annotation_id=annotation_id or f"{annotator}-{document.doc_id}",
        doc_id=document.doc_id, text_sha256=document.text_sha256, origin=origin,
        spans=tuple(Span.on(document.text, start, end, label) for start, end, label in spans),
        annotator=annotator, updated_at=updated_at, ground_truth=ground_truth,
        model_version="rules-1" if origin == "machine" else None,
        source=document.sources[0] if document.sources else None,
    )


# --- Cohen's kappa and Krippendorff's alpha, by hand -------------------------------------------------


def test_cohen_kappa_by_hand() -> None:
    # a: x x x x x x y y y y; b: x x x x y y y y y y. Agree on 8 of 10: p_o = 0.8.
    # Marginals a: x 6, y 4; b: x 4, y 6 -> p_e = (6*4 + 4*6) / 100 = 0.48.
    # kappa = (0.8 - 0.48) / (1 - 0.48) = 0.32 / 0.52 = 8/13.
    a = list("xxxxxxyyyy")
    b = list("xxxxyyyyyy")
    assert cohen_kappa(a, b) == pytest.approx(8 / 13)
    assert cohen_kappa(b, a) == pytest.approx(8 / 13)


def test_cohen_kappa_drops_missing_units_and_is_undefined_without_variation() -> None:
    # Units with None are dropped: what is left is x/x, y/y -> p_o = 1, p_e = 0.5, kappa = 1.
    assert cohen_kappa(["x", "y", None, "x"], ["x", "y", "y", None]) == 1.0
    # Both used only x: p_e = 1, kappa undefined.
    assert cohen_kappa(["x", "x"], ["x", "x"]) is None
    assert cohen_kappa([None], ["x"]) is None
    with pytest.raises(ValueError, match="length"):
        cohen_kappa(["x"], ["x", "y"])


def test_systematic_disagreement() -> None:
    # Swapped labels: p_o = 0, marginals 5/5 on both sides -> p_e = 0.5, kappa = (0 - 0.5) / 0.5 = -1.
    a = list("xxxxxyyyyy")
    b = list("yyyyyxxxxx")
    assert cohen_kappa(a, b) == -1.0
    # alpha: n = 20 values, n_x = n_y = 10; every unit disagrees: o_xy = o_yx = 10.
    # alpha = 1 - (n - 1) * 20 / (2 * 10 * 10) = 1 - 19 * 20 / 200 = -0.9.
    assert krippendorff_alpha(zip(a, b, strict=True)) == pytest.approx(-0.9)
    # One says x everywhere, the other y everywhere: p_o = 0, p_e = 1*0 + 0*1 = 0, kappa = 0; alpha as above.
    assert cohen_kappa(["x"] * 10, ["y"] * 10) == 0.0
    assert krippendorff_alpha(zip(["x"] * 10, ["y"] * 10, strict=True)) == pytest.approx(-0.9)


def test_alpha_three_annotators_with_missing_values_by_hand() -> None:
    units = [
        ("x", "x", "x"),   # m=3: o_xx += 3*2/2 = 3
        ("x", "y", None),  # m=2: o_xy += 1, o_yx += 1
        ("y", "y", "y"),   # m=3: o_yy += 3
        (None, "x", None),  # one value: not pairable, adds nothing
        ("x", "x", "y"),   # m=3, n_x=2, n_y=1: o_xx += 2*1/2 = 1, o_xy += 2*1/2 = 1, o_yx += 1
    ]
    matrix = coincidences(units)
    assert matrix == {("x", "x"): 4, ("y", "y"): 3, ("x", "y"): 2, ("y", "x"): 2}
    # n_x = 4 + 2 = 6, n_y = 3 + 2 = 5, n = 11.
    # alpha = 1 - (n - 1) * (o_xy + o_yx) / (2 * n_x * n_y) = 1 - 10 * 4 / 60 = 1/3.
    assert krippendorff_alpha(units) == pytest.approx(1 / 3)
    assert alpha_from_coincidences(matrix) == pytest.approx(1 / 3)


def test_alpha_textbook_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal data, 4 observers, 12 units,
    # missing values: alpha = 0.743.
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    assert round(krippendorff_alpha(zip(*observers, strict=True)), 3) == 0.743


def test_alpha_undefined_and_perfect() -> None:
    assert krippendorff_alpha([("x", "x"), ("x", "x")]) is None  # no variation
    assert krippendorff_alpha([("x", None), (None, "y")]) is None  # nothing pairable
    assert krippendorff_alpha([("x", "x", "x"), ("y", "y", None)]) == 1.0


reliability_data = st.integers(2, 4).flatmap(
    lambda annotators: st.lists(st.lists(st.sampled_from(["x", "y", "z", None]), min_size=annotators,
                                         max_size=annotators), min_size=2, max_size=30))


@settings(max_examples=60, deadline=None)
@given(reliability_data)
def test_alpha_agrees_with_the_krippendorff_package(units: list[list[str | None]]) -> None:
    krippendorff = pytest.importorskip("krippendorff")
    numpy = pytest.importorskip("numpy")
    ours = krippendorff_alpha(units)
    codes = {"x": 1.0, "y": 2.0, "z": 3.0, None: numpy.nan}
    data = numpy.array([[codes[value] for value in unit] for unit in units]).T
    values = {value for unit in units for value in unit if value is not None}
    pairable = [unit for unit in units if sum(value is not None for value in unit) >= 2]
    if ours is None:
        return  # the package raises on data without variation, where alpha is undefined
    assert len(values) > 1 and pairable
    assert ours == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("xyz"), min_size=1, max_size=30))
def test_identical_values_agree_perfectly_or_are_undefined(values: list[str]) -> None:
    expected = 1.0 if len(set(values)) > 1 else None
    assert cohen_kappa(values, values) == expected
    assert krippendorff_alpha(zip(values, values, values, strict=True)) == expected


# --- span F1 -----------------------------------------------------------------------------------------


def spans(text: str, *triples: tuple[int, int, str]) -> list[Span]:
    return [Span.on(text, start, end, label) for start, end, label in triples]


def test_span_f1_exact_and_overlap() -> None:
    a = spans(TEN, (0, 6, "article"), (6, 10, "boilerplate"))
    b = spans(TEN, (0, 4, "article"), (4, 10, "boilerplate"))
    assert span_f1(a, b) == 0.0
    # IoU: article 4/6, boilerplate 4/6 -> both >= 0.5: 2 matches, F1 = 2*2 / (2+2) = 1.
    assert span_f1(a, b, overlap=True) == 1.0
    # Different labels never match.
    assert span_matches(spans(TEN, (0, 4, "article")), spans(TEN, (0, 4, "teaser")), overlap=True) == 0
    assert span_f1([], []) is None
    # One extra span on one side: 1 match of 1 + 2 spans -> F1 = 2/3.
    one, two = spans(TEN, (0, 4, "article")), spans(TEN, (0, 4, "article"), (5, 9, "teaser"))
    assert span_f1(one, two) == pytest.approx(2 / 3)


def test_overlap_threshold_is_iou_at_least_half() -> None:
    assert span_matches(spans(TEN, (0, 4, "article")), spans(TEN, (0, 2, "article")), overlap=True) == 1  # 2/4
    assert span_matches(spans(TEN, (0, 5, "article")), spans(TEN, (0, 2, "article")), overlap=True) == 0  # 2/5
    assert span_matches(spans(TEN, (0, 4, "article")), spans(TEN, (4, 8, "article")), overlap=True) == 0


def test_overlap_matching_is_a_maximum_one_to_one_matching() -> None:
    # a1 = [0,4) has IoU 0.5 with b1 = [0,2) and b2 = [2,4); a2 = [1,2) has IoU 0.5 with b1 only.
    # Taking a1-b1 first would leave a2 unmatched; the maximum matching is a1-b2, a2-b1.
    a = spans(TEN, (0, 4, "quote"), (1, 2, "quote"))
    b = spans(TEN, (0, 2, "quote"), (2, 4, "quote"))
    assert span_matches(a, b, overlap=True) == 2
    # One span cannot match two.
    assert span_matches(spans(TEN, (0, 4, "quote")), b, overlap=True) == 1


# --- documents ---------------------------------------------------------------------------------------


def test_ten_character_document_by_hand() -> None:
    document = Document.from_text(TEN)
    a = human(document, "ana", [(0, 6, "article"), (6, 10, "boilerplate"), (1, 3, "quote")])
    b = human(document, "ben", [(0, 4, "article"), (4, 10, "boilerplate"), (1, 4, "quote")])
    result = document_agreement(document, [a, b])
    zone = result.metrics["zone layer"]
    # Zones: chars 0-3 both article, 4-5 article/boilerplate, 6-9 both boilerplate.
    # kappa = 8/13 (as in test_cohen_kappa_by_hand). alpha: n = 20, n_article = n_boilerplate = 10,
    # o_ab = o_ba = 2 -> alpha = 1 - 19 * 4 / (2 * 10 * 10) = 0.62.
    assert zone.units == 10
    assert zone.kappa == pytest.approx(8 / 13)
    assert zone.alpha == pytest.approx(0.62)
    assert (zone.f1_exact, zone.f1_overlap, zone.spans_compared) == (0.0, 1.0, 4)
    # With two zone labels in use, the binary article row equals the layer.
    assert result.metrics["article"].kappa == pytest.approx(8 / 13)
    assert result.metrics["teaser"].kappa is None and result.metrics["teaser"].alpha is None
    assert result.metrics["teaser"].f1_exact is None
    # Quotes: chars 1-2 both quote, char 3 ben only, 7 chars both outside: p_o = 0.9;
    # marginals ana 2/8, ben 3/7: p_e = (2*3 + 8*7) / 100 = 0.62; kappa = 0.28 / 0.38 = 14/19.
    # alpha: n = 20, n_quote = 5, n_outside = 15, o_qo = o_oq = 1 -> 1 - 19 * 2 / (2 * 5 * 15) = 112/150.
    quote = result.metrics["quote layer"]
    assert quote.kappa == pytest.approx(14 / 19)
    assert quote.alpha == pytest.approx(112 / 150)
    # [1,3) vs [1,4): not exact; IoU 2/3 -> overlap match.
    assert (quote.f1_exact, quote.f1_overlap) == (0.0, 1.0)
    assert result.metrics["quote"] == quote


def test_whitespace_is_not_a_unit_and_uncovered_characters_are_missing() -> None:
    document = Document.from_text("ab cd\n\nef")
    a = human(document, "ana", [(0, 2, "article"), (3, 5, "boilerplate"), (7, 9, "article")])
    b = human(document, "ben", [(0, 5, "article")])  # incomplete: leaves "ef" uncovered
    zone = document_agreement(document, [a, b]).metrics["zone layer"]
    # Units: a b c d e f; ben has no value for e, f -> 4 pairable units: art/art art/art boil/art boil/art.
    # p_o = 2/4; marginals ana art 2, boil 2; ben art 4 -> p_e = 8/16; kappa = 0.
    # alpha: n = 8, n_art = 6, n_boil = 2, o_ab = o_ba = 2 -> 1 - 7 * 4 / (2 * 6 * 2) = -1/6.
    assert zone.units == 4
    assert zone.kappa == 0.0
    assert zone.alpha == pytest.approx(-1 / 6)
    # The quote layer counts all six non-whitespace characters.
    assert document_agreement(document, [a, b]).metrics["quote layer"].units == 6


def test_perfect_agreement_is_one() -> None:
    document = Document.from_text("Site  Headline “said” body\nOther story")
    spans_ = [(0, 4, "boilerplate"), (6, 26, "article"), (15, 21, "quote"), (27, 38, "teaser")]
    annotations = [human(document, name, spans_) for name in ("ana", "ben", "cy")]
    result = document_agreement(document, annotations)
    for name in ROW_NAMES:
        metrics = result.metrics[name]
        assert metrics.kappa == 1.0 and metrics.alpha == 1.0, name
        assert metrics.f1_exact == 1.0 and metrics.f1_overlap == 1.0, name


def test_report_over_documents_pairs_and_annotators() -> None:
    first = Document.from_text(TEN)
    second = Document.from_text("abcdefghij")
    single = Document.from_text("alone")
    ana_old = human(first, "ana", [(0, 10, "teaser")], annotation_id="ana-old", updated_at="2026-01-01T00:00:00Z")
    ana = human(first, "ana", [(0, 6, "article"), (6, 10, "boilerplate")], annotation_id="ana-new",
                updated_at="2026-02-01T00:00:00Z")
    ben = human(first, "ben", [(0, 4, "article"), (4, 10, "boilerplate")])
    machine = human(first, "x", [(0, 10, "teaser")], origin="machine", annotation_id="m")
    second_ana = human(second, "ana", [(0, 5, "article"), (5, 10, "boilerplate")])
    second_ben = human(second, "ben", [(0, 5, "article"), (5, 10, "boilerplate")])
    second_cy = human(second, "cy", [(0, 10, "article")])
    report = agreement([
        (second, [second_cy, second_ben, second_ana]),
        (first, [ana_old, ben, machine, ana]),
        (single, [human(single, "ana", [(0, 5, "article")])]),
    ])
    assert [d.doc_id for d in report.documents] == sorted([first.doc_id, second.doc_id])
    assert report.single_annotator_documents == 1
    by_doc = {d.doc_id: d for d in report.documents}
    # The latest of ana's annotations counts, the machine's does not.
    assert by_doc[first.doc_id].annotation_ids == ("ana-new", f"ben-{first.doc_id}")
    assert by_doc[first.doc_id].metrics["zone layer"].kappa == pytest.approx(8 / 13)
    assert report.annotators == ("ana", "ben", "cy")
    pairs = {p.annotators: p for p in report.pairs}
    assert set(pairs) == {("ana", "ben"), ("ana", "cy"), ("ben", "cy")}
    assert pairs["ana", "ben"].documents == 2
    # ana/ben pooled over both documents: 20 units, disagreeing on 2 (chars 4-5 of the first).
    # Confusion: art/art 4+5, art/boil 2, boil/boil 4+5 -> p_o = 18/20; marginals ana art 11, boil 9;
    # ben art 9, boil 11 -> p_e = (99 + 99)/400 = 0.495; kappa = (0.9 - 0.495) / 0.505 = 81/101.
    assert pairs["ana", "ben"].metrics["zone layer"].kappa == pytest.approx(81 / 101)
    assert pairs["ana", "ben"].metrics["zone layer"].units == 20
    # Overall kappa is the mean over the three pairs.
    kappas = [p.metrics["zone layer"].kappa for p in report.pairs]
    assert report.overall["zone layer"].kappa == pytest.approx(sum(kappas) / 3)
    # Overall alpha pools the characters of both documents as units (missing where an annotator is absent).
    units = [(a, b, None) for a, b in zip("aaaaaabbbb", "aaaabbbbbb", strict=True)] + \
        [(v, v, "a") for v in "aaaaabbbbb"]
    assert report.overall["zone layer"].alpha == pytest.approx(krippendorff_alpha(units))
    assert report.overall["zone layer"].units == 20
    # Span F1 sums over the pairs: first doc 1 pair (0 exact of 4), second 3 pairs (2 + 0 + 0 exact of 4 + 3 + 3).
    assert report.overall["zone layer"].spans_compared == 14
    assert report.overall["zone layer"].matched_exact == 2
    assert report.overall["zone layer"].f1_exact == pytest.approx(4 / 14)
    payload = json.loads(json.dumps(report.to_json()))
    assert payload["documents_compared"] == 2 and len(payload["pairs"]) == 3


def test_annotation_of_another_text_is_an_input_error() -> None:
    document = Document.from_text(TEN)
    other = Document.from_text("9876543210")
    stray = Annotation(annotation_id="stray", doc_id=document.doc_id, text_sha256=other.text_sha256,
                       origin="human", annotator="ben", spans=(Span.on(other.text, 0, 10, "article"),))
    with pytest.raises(InputError, match="stray.*text_sha256"):
        document_agreement(document, [human(document, "ana", [(0, 10, "article")]), stray])


# --- the command -------------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Document]:
    (tmp_path / "pyproject.toml").write_text('[tool.corpus]\ndataset_version = "0.1.0"\n')
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(TEN, encoding="utf-8")
    document = Document.from_text(TEN, sources=("seeds/page.txt",))
    write_annotations(tmp_path / "seeds" / "annotations", [
        human(document, "ana", [(0, 6, "article"), (6, 10, "boilerplate"), (1, 3, "quote")]),
        human(document, "ben", [(0, 4, "article"), (4, 10, "boilerplate"), (1, 4, "quote")]),
    ])
    monkeypatch.chdir(tmp_path)
    return tmp_path, document


def test_cli_json(project: tuple[Path, Document], capsys: pytest.CaptureFixture[str]) -> None:
    _, document = project
    assert main(["agreement", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["documents_compared"] == 1
    assert payload["documents"][0]["doc_id"] == document.doc_id
    assert payload["overall"]["zone layer"]["kappa"] == pytest.approx(8 / 13)
    assert payload["overall"]["quote layer"]["alpha"] == pytest.approx(112 / 150)
    assert payload["pairs"][0]["annotators"] == ["ana", "ben"]
    assert set(payload["overall"]) == set(ROW_NAMES)


def test_cli_tables(project: tuple[Path, Document], capsys: pytest.CaptureFixture[str]) -> None:
    _, document = project
    assert main(["agreement"]) == 0
    out = capsys.readouterr().out
    assert "Agreement, all documents" in out and document.doc_id in out and "0.615" in out


def test_cli_names_the_store_file_of_an_annotated_document_it_cannot_find(
        project: tuple[Path, Document], capsys: pytest.CaptureFixture[str]) -> None:
    root, document = project
    (root / "seeds" / "page.txt").unlink()
    (root / "seeds" / "other.txt").write_text("something else", encoding="utf-8")
    assert main(["agreement"]) == 1
    err = capsys.readouterr().err
    assert f"{document.doc_id}.jsonl" in err and "--documents" in err


def test_cli_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["agreement", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--json" in out and "IoU >= 0.5" in out
