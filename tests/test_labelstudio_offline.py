"""The Label Studio round trip without a server: config, export, import of every export form, every
doctored-export fault, idempotence, malformed JSON, streaming memory, and a property test."""

from __future__ import annotations

import json
import re
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotation.labelstudio.config import CONTROL_NAMES, TEXT_NAME, label_interface, labeling_config
from annotation.labelstudio.documents import DocumentIndex
from annotation.labelstudio.exports import ExportFormatError, iter_array
from annotation.labelstudio.importer import import_exports
from annotation.labelstudio.tasks import task
from annotation.store import read_annotations
from corpus.cli import main
from corpus.release import ReleasedDocument, collect_tables, to_rows, write_release
from schemas.errors import ConfigError, InputError
from schemas.labels import LABELS, QUOTE_LABELS, ZONE_LABELS
from schemas.records import Annotation, Document, Span
from schemas.rules import span_faults

PROJECT = 7
TEXT = ("Home \U0001F3E0 News\r\nHeadline \U0001D518nicode\r\n\u201cQuoted \U0001F600 words\u201d said Ana.\r\n"
        "\r\nMore: Teaser story \u4e2d\u6587\r\n")


def span_of(text: str, fragment: str, label: str, score: float | None = None) -> Span:
    start = text.index(fragment)
    return Span.on(text, start, start + len(fragment), label, score)


def gold_spans(text: str = TEXT) -> tuple[Span, ...]:
    return (
        span_of(text, "Home \U0001F3E0 News", "boilerplate"),
        span_of(text, "Headline \U0001D518nicode\r\n\u201cQuoted \U0001F600 words\u201d said Ana.", "article"),
        span_of(text, "\u201cQuoted \U0001F600 words\u201d", "quote"),
        span_of(text, "More: Teaser story \u4e2d\u6587", "teaser"),
    )


def machine(document: Document, spans, model_version: str = "rules-1.0") -> Annotation:
    return Annotation(annotation_id=f"machine-{document.doc_id}", doc_id=document.doc_id,
                      text_sha256=document.text_sha256, origin="machine", model_version=model_version,
                      spans=tuple(Span.on(document.text, s.start, s.end, s.label, 0.8) for s in spans))


def result_of(text: str, spans, prefix: str = "r") -> list[dict]:
    """Regions as the Label Studio front end saves them."""
    return [{"id": f"{prefix}{n}", "from_name": CONTROL_NAMES[s.layer], "to_name": TEXT_NAME, "type": "labels",
             "origin": "manual", "value": {"start": s.start, "end": s.end, "text": text[s.start:s.end],
                                           "labels": [s.label]}} for n, s in enumerate(spans)]


def ls_annotation(annotation_id: int, task_id: int, result: list[dict], *, email: str = "ana@example.com",
                  user: int = 1, cancelled: bool = False, parent_prediction: int | None = None,
                  ground_truth: bool = False) -> dict:
    return {"id": annotation_id, "completed_by": {"id": user, "email": email, "first_name": "", "last_name": ""},
            "result": result, "was_cancelled": cancelled, "ground_truth": ground_truth,
            "created_at": "2026-11-26T10:00:00.000000Z", "updated_at": "2026-11-26T10:05:00.000000Z",
            "draft_created_at": None, "lead_time": 42.5, "result_count": len(result), "task": task_id,
            "project": PROJECT, "parent_prediction": parent_prediction, "parent_annotation": None}


def ls_task(document: Document, task_id: int, annotations: list[dict], drafts: list[dict] = (),
            predictions: list[Annotation] = ()) -> dict:
    exported = task(document, predictions=predictions)
    exported["predictions"] = [dict(p, id=task_id * 100 + n, task=task_id, project=PROJECT)
                               for n, p in enumerate(exported["predictions"])]
    return {"id": task_id, "project": PROJECT, "data": exported["data"], "annotations": annotations,
            "drafts": list(drafts), "predictions": exported["predictions"], "meta": {}}


def write_json(path: Path, value) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def rejects_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.fixture
def document() -> Document:
    return Document.from_text(TEXT, sources=("seeds/page.txt",))


def run_import(tmp_path: Path, export: Path, documents: DocumentIndex | dict[str, Document], **options):
    rejects = tmp_path / "rejects.jsonl"
    result = import_exports([export], documents, tmp_path / "store", rejects, **options)
    return result.totals, rejects_of(rejects)


# --- config and tasks -------------------------------------------------------------------------------

def test_generated_config_is_valid_for_the_sdk_and_derived_from_the_labels():
    interface = label_interface()
    assert interface.get_object(TEXT_NAME).tag == "Text"
    for layer, control in CONTROL_NAMES.items():
        tag = interface.get_control(control)
        assert tag.to_name == [TEXT_NAME]
        assert list(tag.labels) == [label.name for label in LABELS if label.layer == layer]
    for label in LABELS:
        assert f'hotkey="{label.hotkey}"' in labeling_config()


def test_task_predictions_carry_true_slices_and_pass_the_sdk_check(document):
    exported = task(document, predictions=[machine(document, gold_spans())])
    assert exported["data"] == {"text": TEXT, "doc_id": document.doc_id, "text_sha256": document.text_sha256,
                                "source": "seeds/page.txt"}
    (prediction,) = exported["predictions"]
    assert prediction["model_version"] == "rules-1.0" and prediction["score"] == 0.8
    interface = label_interface()
    assert interface.validate_prediction(prediction)
    for region in prediction["result"]:
        value = region["value"]
        assert value["text"] == TEXT[value["start"]:value["end"]]
        assert region["from_name"] == CONTROL_NAMES[Span.on(TEXT, value["start"], value["end"],
                                                             value["labels"][0]).layer]
        assert region["id"] and region["to_name"] == TEXT_NAME and region["type"] == "labels"
    assert len({region["id"] for region in prediction["result"]}) == 4
    wrong = dict(prediction, result=[dict(prediction["result"][0], from_name="nope")])
    assert not interface.validate_prediction(wrong)


@pytest.fixture
def project_root(tmp_path, monkeypatch, document):
    (tmp_path / "pyproject.toml").write_text('[tool.corpus]\ndataset_version = "0.1.0"\n', encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_bytes(TEXT.encode("utf-8"))
    other = Document.from_text("Another page\r\nwith text", sources=("seeds/other.txt",))
    for version, docs in (("0.1.0", [other]), ("0.2.0", [document, other])):
        annotations = {document.doc_id: machine(document, gold_spans()),
                       other.doc_id: machine(other, [Span.on(other.text, 0, len(other.text), "article")], "rules-0.9")}
        tables = collect_tables(to_rows(ReleasedDocument(d, annotations[d.doc_id]) for d in docs))
        write_release(tables, tmp_path / "dist" / "releases", version, root=tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_export_command_reads_the_latest_release(project_root, document, capsys):
    out = project_root / "tasks.json"
    assert main(["ls", "export", "--out", str(out), document.doc_id]) == 0
    (exported,) = json.loads(out.read_text(encoding="utf-8"))
    assert exported == task(document, predictions=[machine(document, gold_spans())])
    assert main(["ls", "export", "--out", str(out)]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2  # the latest release (0.2.0) has both
    assert "wrote 2 tasks (2 predictions" in capsys.readouterr().out


def test_export_with_annotations_includes_stored_human_annotations(project_root, document):
    human = Annotation(annotation_id="h1", doc_id=document.doc_id, text_sha256=document.text_sha256,
                       origin="human", annotator="ana", spans=gold_spans())
    from annotation.store import write_annotations
    write_annotations(project_root / "seeds" / "annotations", [human])
    out = project_root / "tasks.json"
    assert main(["ls", "export", "--with-annotations", "--out", str(out), document.doc_id]) == 0
    (exported,) = json.loads(out.read_text(encoding="utf-8"))
    (review,) = exported["annotations"]
    assert [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in review["result"]] == \
        [(s.start, s.end, s.label) for s in gold_spans()]


def test_export_command_from_pages(project_root, document):
    out = project_root / "tasks.json"
    assert main(["ls", "export", "--out", str(out), "seeds/page.txt"]) == 0
    (exported,) = json.loads(out.read_text(encoding="utf-8"))
    assert exported["data"]["text"] == TEXT and exported["data"]["doc_id"] == document.doc_id
    assert exported["predictions"] == []


def test_export_names_unknown_documents(project_root, capsys):
    assert main(["ls", "export", "--out", "x.json", "0000000000000000"]) == 1
    assert "unknown document id(s) 0000000000000000" in capsys.readouterr().err


# --- import -----------------------------------------------------------------------------------------

def test_import_writes_annotations_and_reimport_adds_nothing(tmp_path, document):
    prediction = machine(document, gold_spans())
    export = write_json(tmp_path / "export.json", [ls_task(document, 1, [
        ls_annotation(11, 1, result_of(TEXT, gold_spans()), parent_prediction=100, ground_truth=True),
    ], predictions=[prediction])])
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document})
    assert rejects == [] and (totals.tasks, totals.annotations, totals.imported) == (1, 1, 1)
    (stored,) = read_annotations(tmp_path / "store")
    assert stored.annotation_id == f"ls-{PROJECT}-11"
    assert stored.spans == tuple(sorted(gold_spans(), key=lambda s: (s.start, s.layer != "zone", s.end)))
    assert (stored.origin, stored.annotator, stored.lead_time, stored.ground_truth) == \
        ("human", "ana@example.com", 42.5, True)
    assert (stored.created_at, stored.updated_at) == ("2026-11-26T10:00:00.000000Z", "2026-11-26T10:05:00.000000Z")
    assert stored.labelstudio == {"project": PROJECT, "task": 1, "annotation": 11, "parent_prediction": 100,
                                  "parent_annotation": None, "parent_model_version": None, "completed_by": 1}
    before = (tmp_path / "store" / f"{document.doc_id}.jsonl").read_bytes()
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document})
    assert (totals.imported, totals.unchanged, rejects) == (0, 1, [])
    assert (tmp_path / "store" / f"{document.doc_id}.jsonl").read_bytes() == before


def _move(spans, index, start=None, end=None, label=None):
    span = spans[index]
    spans[index] = Span.on(TEXT, span.start if start is None else start, span.end if end is None else end,
                           label or span.label)
    return spans


def _doctored():
    """(name, edit of the result regions, expected reason): each breaks exactly one thing."""
    article = TEXT.index("Headline")

    def region(index, **value):
        def edit(result):
            result[index]["value"].update(value)
            return result
        return edit

    def replace(index, **fields):
        def edit(result):
            result[index].update(fields)
            return result
        return edit

    return [
        ("offsets not integers", region(0, start=0.0), "offsets_not_integers"),
        ("offset as a string", region(0, end="13"), "offsets_not_integers"),
        ("end past the text", region(3, end=len(TEXT) + 5), "offsets_in_range"),
        ("start after end", region(0, start=12, end=3), "offsets_in_range"),
        ("start equals end", region(0, start=3, end=3), "offsets_in_range"),
        ("value.text differs from the slice", region(1, text="Headline Unicode"), "span_text_matches"),
        ("UTF-16 offsets (value.text of the code-point slice)",
         region(0, end=len("Home \U0001F3E0 News") + 1), "span_text_matches"),
        ("unknown label", region(3, labels=["advert"]), "known_label"),
        ("label of the other layer", region(2, labels=["article"]), "label_layer"),
        ("unknown control", replace(0, from_name="zone"), "unknown_control"),
        ("two labels on one region", region(0, labels=["boilerplate", "teaser"]), "malformed_result"),
        ("overlapping zones", region(0, end=article + 3, text=TEXT[:article + 3]), "zone_no_overlap"),
        ("zone ending on whitespace", region(0, end=TEXT.index("Headline") - 1,
                                            text=TEXT[:TEXT.index("Headline") - 1]), "zone_trimmed"),
        ("partial annotation", lambda result: result[:3], "zone_coverage"),
        ("quote outside the article", region(2, start=0, end=4, text=TEXT[0:4]), "quote_inside_article"),
    ]


@pytest.mark.parametrize("name,edit,reason", _doctored(), ids=[case[0] for case in _doctored()])
def test_each_doctored_region_gives_one_precise_reject_and_the_rest_imports(tmp_path, document, name, edit, reason):
    good = ls_annotation(21, 1, result_of(TEXT, gold_spans()))
    bad = ls_annotation(22, 1, edit(result_of(TEXT, gold_spans(), prefix="b")), email="bo@example.com", user=2)
    export = write_json(tmp_path / "export.json", [ls_task(document, 1, [good, bad])])
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document})
    assert len(rejects) == 1, rejects
    (reject,) = rejects
    assert (reject["reason"], reject["task"], reject["annotation"], reject["doc_id"]) == \
        (reason, 1, 22, document.doc_id)
    if reason != "zone_coverage":
        assert reject["region"].startswith("b"), reject
    assert reject["message"]
    assert (totals.imported, totals.rejected, dict(totals.reject_reasons)) == (1, 1, {reason: 1})
    assert [a.annotation_id for a in read_annotations(tmp_path / "store")] == [f"ls-{PROJECT}-21"]


def test_changed_or_unknown_documents_are_rejected(tmp_path, document):
    changed = Document.from_text(TEXT.replace("Ana", "Ann"), sources=("seeds/page.txt",))
    unknown = Document.from_text("A page the corpus does not have")
    good_result = result_of(TEXT, gold_spans())
    stale = ls_task(document, 1, [ls_annotation(31, 1, good_result)])
    stale["data"]["doc_id"] = changed.doc_id  # same doc id, text changed since the export
    export = write_json(tmp_path / "export.json", [
        stale,
        ls_task(unknown, 2, [ls_annotation(32, 2, result_of(unknown.text, [Span.on(unknown.text, 0, 31, "article")]))]),
        ls_task(document, 3, [ls_annotation(33, 3, good_result)]),
    ])
    totals, rejects = run_import(tmp_path, export, {changed.doc_id: changed, document.doc_id: document})
    assert [(r["task"], r["annotation"], r["reason"]) for r in rejects] == \
        [(1, 31, "text_sha256_matches"), (2, 32, "unknown_document")]
    assert totals.imported == 1


def test_page_index_holds_no_text_and_gives_the_same_store_as_the_documents(tmp_path, document):
    """A task's own text is used once it hashes to the page's; a task without it (or with an edited copy
    under the exported hash) gets the page's text read again -- the store is the same byte for byte."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page.txt").write_bytes(TEXT.encode("utf-8"))
    index = DocumentIndex.from_pages([pages])
    assert len(index) == 1 and index.get(document.doc_id).held_text is None
    without_text, edited_text = ls_task(document, 2, [ls_annotation(62, 2, result_of(TEXT, gold_spans()))]), \
        ls_task(document, 3, [ls_annotation(63, 3, result_of(TEXT, gold_spans()))])
    del without_text["data"][TEXT_NAME]
    edited_text["data"][TEXT_NAME] = TEXT.replace("Ana", "Bob")
    export = write_json(tmp_path / "export.json", [
        ls_task(document, 1, [ls_annotation(61, 1, result_of(TEXT, gold_spans()))]), without_text, edited_text])
    by_index = import_exports([export], index, tmp_path / "a" / "store", tmp_path / "a" / "rejects.jsonl")
    page = Document.from_text(TEXT, sources=(str(pages / "page.txt"),))
    by_documents = import_exports([export], {page.doc_id: page}, tmp_path / "b" / "store",
                                  tmp_path / "b" / "rejects.jsonl")
    assert by_index.totals.imported == by_documents.totals.imported == 3
    stored = (tmp_path / "a" / "store" / f"{document.doc_id}.jsonl").read_bytes()
    assert stored == (tmp_path / "b" / "store" / f"{document.doc_id}.jsonl").read_bytes()
    assert [a.source for a in read_annotations(tmp_path / "a" / "store")] == [str(pages / "page.txt")] * 3


def test_page_index_finds_every_page_by_id_and_keeps_the_first_source_of_a_text(tmp_path):
    """Enough pages that doc ids share hash slots: each is found with its own hash and first source; an id
    in the same slot as a page's but not a page's, and an uppercase id, name no document."""
    pages = tmp_path / "pages"
    pages.mkdir()
    texts = [f"Page number {n}." for n in range(600)]
    for n, text in enumerate(texts):
        (pages / f"{n:03}.txt").write_text(text, encoding="utf-8")
    for n in (5, 250, 599):  # a text read again later: its document keeps the first page's source
        (pages / f"again-{n:03}.txt").write_text(texts[n], encoding="utf-8")
    index = DocumentIndex.from_pages([pages])
    assert len(index) == len(texts)
    for n, text in enumerate(texts):
        document = Document.from_text(text)
        found = index.get(document.doc_id)
        assert (found.text_sha256, found.source) == (document.text_sha256, str(pages / f"{n:03}.txt"))
    doc_id = Document.from_text(texts[0]).doc_id
    same_slot = f"{(int(doc_id[0], 16) + 1) % 16:x}{doc_id[1:]}"  # differs only in bits above the table's
    assert index.get(same_slot) is None and index.get(doc_id.upper()) is None
    assert index.get("0" * 16) is None and index.get("not an id") is None


def test_page_index_refuses_a_page_changed_during_the_import(tmp_path, document):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "page.txt").write_bytes(TEXT.encode("utf-8"))
    index = DocumentIndex.from_pages([pages])
    (pages / "page.txt").write_bytes(TEXT.replace("Ana", "Bob").encode("utf-8"))
    carried = ls_task(document, 1, [ls_annotation(64, 1, result_of(TEXT, gold_spans()))])
    totals, rejects = run_import(tmp_path, write_json(tmp_path / "carried.json", [carried]), index)
    assert (totals.imported, rejects) == (1, [])  # the task's own text, checked against the indexed hash
    del carried["data"][TEXT_NAME]
    with pytest.raises(InputError, match=f"document {document.doc_id} .*page.txt.* no longer holds the text"):
        run_import(tmp_path, write_json(tmp_path / "bare.json", [carried]), index)


def test_page_index_memory_does_not_grow_with_the_texts(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(40):
        (pages / f"{n:03}.txt").write_text(f"Page {n} " + "words and more words " * 12_000, encoding="utf-8")
    tracemalloc.start()
    try:
        index = DocumentIndex.from_pages([pages])
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(index) == 40
    assert held < 200_000, f"the index of 40 pages of 250 kB holds {held / 1e6:.1f} MB"


def test_the_same_annotation_twice_in_one_export_is_stored_once(tmp_path, document):
    twice = ls_annotation(65, 1, result_of(TEXT, gold_spans()))
    export = write_json(tmp_path / "export.json", [ls_task(document, 1, [twice]), ls_task(document, 1, [twice])])
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document})
    assert (totals.imported, totals.unchanged, rejects) == (1, 1, [])
    assert [a.annotation_id for a in read_annotations(tmp_path / "store")] == [f"ls-{PROJECT}-65"]


def test_check_only_counts_against_the_store_and_writes_nothing(tmp_path, document):
    export = write_json(tmp_path / "export.json", [
        ls_task(document, 1, [ls_annotation(66, 1, result_of(TEXT, gold_spans()))])])
    totals, _ = run_import(tmp_path, export, {document.doc_id: document}, dry_run=True)
    assert totals.imported == 1 and not (tmp_path / "store").exists()
    run_import(tmp_path, export, {document.doc_id: document})
    totals, _ = run_import(tmp_path, export, {document.doc_id: document}, dry_run=True)
    assert (totals.imported, totals.unchanged) == (0, 1)


def test_one_reject_line_per_faulty_region_all_naming_the_annotation(tmp_path, document):
    result = result_of(TEXT, gold_spans())
    result[0]["value"]["labels"] = ["advert"]
    result[3]["value"]["end"] = 10_000
    export = write_json(tmp_path / "export.json", [ls_task(document, 1, [ls_annotation(41, 1, result)])])
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document})
    assert [(r["annotation"], r["region"], r["reason"]) for r in rejects] == \
        [(41, "r0", "known_label"), (41, "r3", "offsets_in_range")]
    assert (totals.rejected, totals.imported) == (1, 0)
    assert list(read_annotations(tmp_path / "store")) == []


def test_cancelled_and_drafts_are_counted_and_skipped_unless_drafts_asked(tmp_path, document):
    draft = {"id": 5, "user": "cy@example.com", "result": result_of(TEXT, gold_spans()), "lead_time": 3.0,
             "was_postponed": False, "created_at": "2026-11-26T11:00:00Z", "updated_at": "2026-11-26T11:00:00Z",
             "task": 1, "annotation": None}
    export = write_json(tmp_path / "export.json", [ls_task(document, 1, [
        ls_annotation(51, 1, [], cancelled=True),
        ls_annotation(52, 1, result_of(TEXT, gold_spans())),
    ], drafts=[draft])])
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document})
    assert (totals.annotations, totals.cancelled, totals.drafts_skipped, totals.imported, rejects) == (2, 1, 1, 1, [])
    totals, _ = run_import(tmp_path, export, {document.doc_id: document}, include_drafts=True)
    assert (totals.drafts_imported, totals.imported, totals.unchanged) == (1, 1, 1)
    ids = {a.annotation_id: a for a in read_annotations(tmp_path / "store")}
    assert set(ids) == {f"ls-{PROJECT}-52", f"ls-{PROJECT}-draft-5"}
    assert ids[f"ls-{PROJECT}-draft-5"].annotator == "cy@example.com"


def test_json_min_form(tmp_path, document):
    row = {**task(document)["data"], "id": 1, "annotator": "ana@example.com", "annotation_id": 61,
           "created_at": "2026-11-26T10:00:00Z", "updated_at": "2026-11-26T10:05:00Z", "lead_time": 9.0}
    for region in result_of(TEXT, gold_spans()):
        row.setdefault(region["from_name"], []).append(region["value"])
    unannotated = {**task(document)["data"], "id": 2}
    export = write_json(tmp_path / "min.json", [row, unannotated])
    with pytest.raises(ConfigError, match="--project"):
        run_import(tmp_path, export, {document.doc_id: document})
    assert list(read_annotations(tmp_path / "store")) == []
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document}, project=PROJECT)
    assert (totals.tasks, totals.imported, rejects) == (2, 1, [])
    (stored,) = read_annotations(tmp_path / "store")
    assert stored.annotation_id == f"ls-{PROJECT}-61" and stored.annotator == "ana@example.com"
    assert set(stored.spans) == set(gold_spans())
    totals, _ = run_import(tmp_path, export, {document.doc_id: document}, project=PROJECT)
    assert (totals.imported, totals.unchanged) == (0, 1)


def test_json_min_after_full_json_of_the_same_annotation_changes_nothing(tmp_path, document):
    full = write_json(tmp_path / "full.json", [ls_task(document, 1, [
        ls_annotation(61, 1, result_of(TEXT, gold_spans()), parent_prediction=100)])])
    run_import(tmp_path, full, {document.doc_id: document})
    before = (tmp_path / "store" / f"{document.doc_id}.jsonl").read_bytes()
    row = {**task(document)["data"], "id": 1, "annotator": "ana@example.com", "annotation_id": 61,
           "created_at": "2026-11-26T10:00:00.000000Z", "updated_at": "2026-11-26T10:05:00.000000Z", "lead_time": 42.5}
    for region in result_of(TEXT, gold_spans()):
        row.setdefault(region["from_name"], []).append(region["value"])
    totals, _ = run_import(tmp_path, write_json(tmp_path / "min.json", [row]), {document.doc_id: document},
                           project=PROJECT)
    assert (totals.imported, totals.unchanged) == (0, 1)
    assert (tmp_path / "store" / f"{document.doc_id}.jsonl").read_bytes() == before


def test_snapshot_form_with_id_only_fields(tmp_path, document):
    """A snapshot made without serialization options: completed_by, drafts and predictions are ids."""
    annotation = ls_annotation(71, 1, result_of(TEXT, gold_spans()))
    annotation["completed_by"] = 3
    annotation["prediction"] = {"id": 100, "model_version": "rules-1.0", "result": []}
    annotation.pop("parent_prediction")
    exported = ls_task(document, 1, [annotation], predictions=[machine(document, gold_spans())])
    exported["drafts"], exported["predictions"] = [9], [100]
    totals, rejects = run_import(tmp_path, write_json(tmp_path / "snap.json", [exported]), {document.doc_id: document})
    assert (totals.imported, rejects) == (1, [])
    (stored,) = read_annotations(tmp_path / "store")
    assert stored.annotator == "labelstudio-user-3"
    assert stored.labelstudio["parent_prediction"] == 100
    assert stored.labelstudio["parent_model_version"] == "rules-1.0"


def test_import_command_prints_totals_and_fails_on_rejects(project_root, document, capsys):
    result = result_of(TEXT, gold_spans())
    export = write_json(project_root / "export.json", [ls_task(document, 1, [
        ls_annotation(81, 1, result), ls_annotation(82, 1, result[:3]), ls_annotation(83, 1, [], cancelled=True)])])
    status = main(["ls", "import", str(export), "--rejects", "rejects.jsonl"])
    out = capsys.readouterr()
    assert status == 1 and "rejects: rejects.jsonl" in out.err
    assert "imported (new/updated): 1" in out.out and "zone_coverage: 1" in out.out
    assert "cancelled (skipped):   1" in out.out
    assert [a.annotation_id for a in read_annotations(project_root / "seeds" / "annotations")] == [f"ls-{PROJECT}-81"]


@pytest.mark.parametrize("content,where", [
    ('[\n {"id": 1, "data": {}},\n {"id": 2, "data": {"text": "b",}}\n]', "line 3, column 33 (character 58)"),
    ('[{"id": 1}, {"id": 2', "line 1, column 21 (character 20)"),
    ('[{"id": 1}]\r\n x', "line 2, column 2 (character 14)"),
    ('{"id": 1}', "line 1, column 1 (character 0)"),
    ('', "line 1, column 1 (character 0)"),
])
def test_malformed_json_names_the_position_and_imports_nothing(tmp_path, document, content, where):
    export = tmp_path / "bad.json"
    export.write_text(content, encoding="utf-8", newline="")
    with pytest.raises(ExportFormatError, match=re.escape(f"{export}: invalid JSON at {where}")):
        run_import(tmp_path, export, {document.doc_id: document})
    assert list(read_annotations(tmp_path / "store")) == []


def test_malformed_json_after_valid_tasks_writes_nothing(tmp_path, document):
    good = json.dumps(ls_task(document, 1, [ls_annotation(92, 1, result_of(TEXT, gold_spans()))]))
    export = tmp_path / "bad.json"
    export.write_text("[" + good + ",\n" + good.replace('"id": 92', '"id": 93', 1)[:-5] + "\n", encoding="utf-8")
    with pytest.raises(ExportFormatError, match=r"line \d+, column \d+"):
        run_import(tmp_path, export, {document.doc_id: document})
    assert list(read_annotations(tmp_path / "store")) == []


def test_reader_positions_survive_buffer_refills(tmp_path):
    items = [{"n": n, "text": "x\r\n" * (n % 7) + "\U0001F600" * (n % 5)} for n in range(3000)]
    path = tmp_path / "many.json"
    body = "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]"
    path.write_text(body, encoding="utf-8")
    assert list(iter_array(path, chunk_chars=97)) == items
    offset = body.rindex(",\n", 0, len(body) - 200)
    broken = body[:offset] + ";" + body[offset + 1:]
    path.write_text(broken, encoding="utf-8")
    line = broken[:offset].count("\n") + 1
    column = offset - broken[:offset].rfind("\n")
    with pytest.raises(ExportFormatError, match=f"line {line}, column {column} \\(character {offset}\\)"):
        list(iter_array(path, chunk_chars=97))


LARGE_DOCUMENTS = 500


def large_documents() -> list[Document]:
    return [Document.from_text(f"Story number {n}\r\nSome \U0001F600 body text {n}.") for n in range(LARGE_DOCUMENTS)]


def write_large_export(path: Path, tasks: int) -> None:
    templates = []
    for document in large_documents():
        spans = [Span.on(document.text, 0, document.text.index("\r"), "boilerplate"),
                 Span.on(document.text, document.text.index("Some"), len(document.text), "article")]
        templates.append(ls_task(document, 0, [ls_annotation(0, 0, result_of(document.text, spans))],
                                 predictions=[machine(document, spans)]))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for n in range(tasks):
            template = templates[n % LARGE_DOCUMENTS]
            template["id"] = template["annotations"][0]["id"] = template["annotations"][0]["task"] = n
            handle.write(("," if n else "") + json.dumps(template) + "\n")
        handle.write("]")


@pytest.fixture(scope="module")
def large_export(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "large.json"
    write_large_export(path, 50_000)
    return path


def test_large_export_is_read_task_by_task(large_export):
    from annotation.labelstudio.exports import iter_tasks

    size = large_export.stat().st_size
    tracemalloc.start()
    try:
        count = sum(len(task.annotations) for task in iter_tasks(large_export))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 50_000 and size > 60_000_000
    assert peak < 12_000_000, f"peak {peak / 1e6:.1f} MB while reading a {size / 1e6:.0f} MB export"


IMPORT_PEAK_SCRIPT = """
import resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from test_labelstudio_offline import large_documents
from annotation.labelstudio.importer import import_exports, reuse_freed_memory
reuse_freed_memory()  # as `corpus ls import` does
documents = {d.doc_id: d for d in large_documents()}
before = resource.getrusage(resource.RUSAGE_SELF)
result = import_exports([Path(sys.argv[2])], documents, Path(sys.argv[3]) / "store", Path(sys.argv[3]) / "r.jsonl",
                        dry_run=True)
after = resource.getrusage(resource.RUSAGE_SELF)
print(result.totals.imported, result.totals.rejected, (after.ru_maxrss - before.ru_maxrss) * 1024,
      after.ru_minflt - before.ru_minflt)
"""


def test_large_export_import_keeps_peak_memory_bounded(large_export, tmp_path):
    """The whole import (checks, spool, merge) in a fresh process: its peak resident memory grows by far
    less than the export's size (loading it whole would take several times its size)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", IMPORT_PEAK_SCRIPT, str(Path(__file__).parent), str(large_export),
                           str(tmp_path)], capture_output=True, text=True, check=True)
    imported, rejected, growth, page_faults = map(int, done.stdout.split())
    assert (imported, rejected) == (50_000, 0)
    assert growth < 40_000_000, f"peak memory grew by {growth / 1e6:.0f} MB for a " \
        f"{large_export.stat().st_size / 1e6:.0f} MB export"
    # The memory it frees is reused, not given back to the system and faulted in again (4 KB pages): by
    # default, the pages faulted in anew came to several times the export's size.
    assert page_faults * 4096 < large_export.stat().st_size / 4, \
        f"{page_faults} pages faulted in for a {large_export.stat().st_size / 1e6:.0f} MB export"


KILLED_IMPORT_SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from test_labelstudio_offline import large_documents
from annotation.labelstudio.importer import import_exports
documents = {d.doc_id: d for d in large_documents()}
import_exports([Path(sys.argv[2])], documents, Path(sys.argv[3]) / "store", Path(sys.argv[3]) / "r.jsonl")
"""


def test_an_import_killed_while_writing_leaves_the_store_as_it_was(large_export, tmp_path):
    """Killed (no clean-up runs) once it has written files for new documents, an import has changed no
    store file and added none: they wait in a hidden staging folder beside the store, which no reader
    of the store opens."""
    import fcntl
    import os
    import subprocess
    import sys
    import time

    stored = large_documents()[0]
    store = tmp_path / "store"
    write_json(tmp_path / "one.json", [ls_task(stored, 1, [ls_annotation(1, 1, result_of(stored.text, [
        Span.on(stored.text, 0, stored.text.index("\r"), "boilerplate"),
        Span.on(stored.text, stored.text.index("Some"), len(stored.text), "article")]))])])
    run_import(tmp_path, tmp_path / "one.json", {stored.doc_id: stored})
    before = {path.name: path.read_bytes() for path in store.iterdir()}
    process = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT_SCRIPT, str(Path(__file__).parent),
                                str(large_export), str(tmp_path)])
    try:
        deadline = time.monotonic() + 120
        while not any(tmp_path.glob(".store.import-*/store/*.jsonl")):
            assert process.poll() is None, "the import ended before it was killed"
            assert time.monotonic() < deadline, "the import staged no file within 120 s"
            time.sleep(0.005)
    finally:
        process.kill()
        process.wait()
    assert {path.name: path.read_bytes() for path in store.iterdir()} == before
    assert [a.annotation_id for a in read_annotations(store)] == [f"ls-{PROJECT}-1"]
    # The next import removes the killed one's staging and spool folders, and says so; a dry run leaves them.
    left_over = [str(path) for path in tmp_path.glob(".store.import-*")]
    assert len(left_over) == 1
    spool_left_over = [str(path) for path in tmp_path.glob(".ls-import-*")]
    assert len(spool_left_over) == 1
    # Its writer process shares the folder's lock, and ends once it has read what was sent to it.
    descriptor = os.open(left_over[0], os.O_RDONLY)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "the killed import's writer process did not end"
                time.sleep(0.01)
    finally:
        os.close(descriptor)
    dry, _ = run_import(tmp_path, tmp_path / "one.json", {stored.doc_id: stored}, dry_run=True)
    assert (dry.abandoned_removed, dry.spools_removed) == ([], [])
    assert [str(path) for path in tmp_path.glob(".ls-import-*")] == spool_left_over
    totals, _ = run_import(tmp_path, tmp_path / "one.json", {stored.doc_id: stored})
    assert (totals.abandoned_removed, totals.spools_removed) == (left_over, spool_left_over)
    assert f"removed the staging folder of a killed import: {left_over[0]}" in totals.lines()
    assert f"removed the spool folder of a killed import: {spool_left_over[0]}" in totals.lines()
    assert not any(tmp_path.glob(".store.import-*")) and not any(tmp_path.glob(".ls-import-*"))
    assert {path.name: path.read_bytes() for path in store.iterdir()} == before


# --- property: export -> annotator edits -> import --------------------------------------------------

CHARS = "aZ\u00e9\u4e2d\U0001F600\U0001D518\u201c\u201d."
SEPARATORS = [" ", "\r\n", "\n\n", " \t "]


@st.composite
def annotated_documents(draw):
    """A document built from tokens, its zone partition (runs of tokens) and quotes inside articles."""
    n_tokens = draw(st.integers(2, 14))
    tokens = [draw(st.text(alphabet=CHARS, min_size=1, max_size=4)) for _ in range(n_tokens)]
    seps = [draw(st.sampled_from(SEPARATORS)) for _ in range(n_tokens - 1)]
    lead, trail = draw(st.sampled_from(["", " ", "\r\n"])), draw(st.sampled_from(["", "\n", "\r\n"]))
    cuts = sorted(draw(st.sets(st.integers(1, n_tokens - 1), max_size=n_tokens - 1)))
    runs = list(zip([0, *cuts], [*cuts, n_tokens], strict=True))
    labels = [draw(st.sampled_from(ZONE_LABELS)) for _ in runs]
    quotes = []
    for (first, stop), label in zip(runs, labels, strict=True):
        if label == "article" and draw(st.booleans()):
            q_first = draw(st.integers(first, stop - 1))
            quotes.append((q_first, draw(st.integers(q_first + 1, stop))))
    return tokens, seps, lead, trail, runs, labels, quotes


def build(tokens, seps, lead, trail, runs, labels, quotes):
    text, positions = lead, []
    for n, token in enumerate(tokens):
        positions.append((len(text), len(text) + len(token)))
        text += token + (seps[n] if n < len(seps) else "")
    text += trail
    spans = [Span.on(text, positions[a][0], positions[b - 1][1], label) for (a, b), label in zip(runs, labels, strict=True)]
    spans += [Span.on(text, positions[a][0], positions[b - 1][1], QUOTE_LABELS[0]) for a, b in quotes]
    return text, spans


@st.composite
def edits(draw, model):
    """What an annotator does to the pre-annotation: relabel zones, move boundaries, drop or add quotes."""
    tokens, seps, lead, trail, runs, labels, quotes = model
    runs, labels, quotes = list(runs), list(labels), list(quotes)
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["relabel", "move", "drop_quote", "add_quote"]))
        if action == "relabel":
            index = draw(st.integers(0, len(runs) - 1))
            labels[index] = draw(st.sampled_from(ZONE_LABELS))
        elif action == "move" and len(runs) > 1:
            index = draw(st.integers(0, len(runs) - 2))
            (a, _), (_, d) = runs[index], runs[index + 1]
            new_cut = draw(st.integers(a + 1, d - 1))
            runs[index], runs[index + 1] = (a, new_cut), (new_cut, d)
        elif action == "drop_quote" and quotes:
            quotes.pop(draw(st.integers(0, len(quotes) - 1)))
        elif action == "add_quote":
            articles = [run for run, label in zip(runs, labels, strict=True) if label == "article"]
            if articles:
                a, b = draw(st.sampled_from(articles))
                first = draw(st.integers(a, b - 1))
                quotes.append((first, draw(st.integers(first + 1, b))))
        # An annotator removes quotes the zone edits left outside an article, and overlapping ones.
        articles = [run for run, label in zip(runs, labels, strict=True) if label == "article"]
        kept = []
        for q in sorted(set(quotes)):
            inside = any(a <= q[0] and q[1] <= b for a, b in articles)
            if inside and all(q[0] >= k[1] or q[1] <= k[0] for k in kept):
                kept.append(q)
        quotes = kept
    return tokens, seps, lead, trail, runs, labels, quotes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_export_edit_import_round_trip(tmp_path_factory, data):
    tmp_path = tmp_path_factory.mktemp("round")
    models = data.draw(st.lists(annotated_documents(), min_size=1, max_size=3))
    documents, exported, expected = {}, [], {}
    for number, model in enumerate(models, start=1):
        text, predicted = build(*model)
        document = Document.from_text(text)
        if document.doc_id in documents:
            continue
        assert span_faults(text, predicted, complete=True) == []
        documents[document.doc_id] = document
        prediction_task = task(document, predictions=[machine(document, predicted)])
        predicted_regions = {(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]): r
                             for r in prediction_task["predictions"][0]["result"]}
        edited_text, edited = build(*data.draw(edits(model)))
        assert edited_text == text and span_faults(text, edited, complete=True) == []
        result = []
        for n, span in enumerate(edited):
            # Unchanged regions keep the prediction's region (id and origin), as the UI does.
            region = predicted_regions.get((span.start, span.end, span.label))
            result.append(json.loads(json.dumps(region)) if region else result_of(text, [span], f"e{n}-")[0])
        exported.append(ls_task(document, number, [ls_annotation(number, number, result, parent_prediction=number * 100)],
                                predictions=[machine(document, predicted)]))
        expected[f"ls-{PROJECT}-{number}"] = sorted(edited, key=lambda s: (s.start, s.layer != "zone", s.end))
    export = write_json(tmp_path / "export.json", exported)
    totals, rejects = run_import(tmp_path, export, documents)
    assert rejects == []
    stored = {a.annotation_id: list(a.spans) for a in read_annotations(tmp_path / "store")}
    assert stored == expected
    totals, _ = run_import(tmp_path, export, documents)
    assert (totals.imported, totals.unchanged) == (0, len(expected))


def test_a_server_that_does_not_answer_is_a_retryable_error_without_the_key():
    """A socket that accepts connections but never answers: a bounded wait, then RetryableError."""
    import socket

    from annotation.labelstudio.server import LabelStudioServer
    from schemas.errors import RetryableError

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        secret = "secret-key-that-must-not-show"
        server = LabelStudioServer(url, secret, timeout=0.5, max_retries=1)
        with pytest.raises(RetryableError, match="did not answer in time") as raised:
            server.find_project("anything")
    assert url in str(raised.value) and secret not in str(raised.value)


def test_missing_settings_name_the_variable():
    from annotation.labelstudio.server import LabelStudioServer

    with pytest.raises(ConfigError, match="LABEL_STUDIO_URL"):
        LabelStudioServer(None, "key")
    with pytest.raises(ConfigError, match="LABEL_STUDIO_API_KEY"):
        LabelStudioServer("http://127.0.0.1:1", None)


def test_untouched_review_copies_of_stored_annotations_are_not_imported_again(tmp_path, document):
    from annotation.store import write_annotations

    stored = Annotation(annotation_id="h1", doc_id=document.doc_id, text_sha256=document.text_sha256,
                        origin="human", annotator="ana", spans=gold_spans())
    write_annotations(tmp_path / "store", [stored])
    copy = ls_annotation(95, 1, result_of(TEXT, gold_spans()))  # pushed with --with-annotations, untouched
    copy["lead_time"], copy["updated_by"] = None, None
    edited = ls_annotation(96, 1, result_of(TEXT, gold_spans()))  # the same spans, but submitted by someone
    export = write_json(tmp_path / "export.json", [ls_task(document, 1, [copy, edited])])
    totals, rejects = run_import(tmp_path, export, {document.doc_id: document})
    assert (totals.review_copies, totals.imported, rejects) == (1, 1, [])
    assert sorted(a.annotation_id for a in read_annotations(tmp_path / "store")) == ["h1", f"ls-{PROJECT}-96"]


def test_page_index_shows_progress_over_every_page_it_reads(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(3):
        (pages / f"{n}.txt").write_text(f"Page {n} has its own words.", encoding="utf-8")
    seen: list[tuple[str, str]] = []

    def progress(documents, what):
        for document in documents:
            seen.append((what, document.doc_id))
            yield document

    index = DocumentIndex.from_pages([pages], progress=progress)
    assert len(index) == 3 and len(seen) == 3
    assert all(what == "indexing pages" and index.get(doc_id) is not None for what, doc_id in seen)


def test_documents_the_staging_filter_mistakes_for_staged_are_merged_to_the_same_store(tmp_path, monkeypatch):
    """The import stages a new document's file directly unless its filter bit says the file may be staged
    already; then the annotation is merged instead. With a one-bit filter every document after the first
    takes the merge's path: the store, totals and rejects are the same as with the default filter."""
    import annotation.store

    export = tmp_path / "export.json"
    write_large_export(export, 3 * LARGE_DOCUMENTS)  # every document three times, as three annotations
    documents = {d.doc_id: d for d in large_documents()}
    stores = {}
    for name, bits in (("default", annotation.store.STAGED_FILTER_BITS), ("one bit", 1)):
        monkeypatch.setattr(annotation.store, "STAGED_FILTER_BITS", bits)
        folder = tmp_path / name
        totals, rejects = run_import(folder, export, documents)
        stores[name] = (totals, rejects, {path.name: path.read_bytes() for path in (folder / "store").iterdir()})
    assert stores["one bit"] == stores["default"]
    totals, rejects, files = stores["default"]
    assert (totals.imported, len(rejects), len(files)) == (3 * LARGE_DOCUMENTS, 0, LARGE_DOCUMENTS)


def test_page_index_finds_every_page_and_keeps_a_repeated_text_s_first_source(tmp_path):
    """Pages are looked up by doc_id through the index's digest order; a text read from several pages is
    one document with the first page's source, as the build's merge_documents gives it."""
    pages = tmp_path / "pages"
    pages.mkdir()
    texts = [f"Page {n} of the index, with its own text.\n" for n in range(40)]
    for n, text in enumerate(texts):
        (pages / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    (pages / "100-copy.txt").write_text(texts[7], encoding="utf-8")
    (pages / "000-a-copy.txt").write_text(texts[3], encoding="utf-8")  # read before 003.txt
    index = DocumentIndex.from_pages([pages])
    assert len(index) == len(texts)
    for n, text in enumerate(texts):
        found = index.get(Document.from_text(text).doc_id)
        assert found is not None and found.text_sha256 == Document.from_text(text).text_sha256
        expected = "000-a-copy.txt" if n == 3 else f"{n:03d}.txt"
        assert Path(found.source).name == expected
    assert index.get("0" * 16) is None and index.get("f" * 16) is None
