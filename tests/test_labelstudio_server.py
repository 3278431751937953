"""The round trip through a real Label Studio server (started by tests/conftest.py).

Documents with emoji, astral characters, a ZWJ sequence and CRLF line ends are pushed with machine
predictions; annotations are then made through the API as the front end makes them (accepting a
prediction with parent_prediction set, changing a label, moving a boundary, cancelling, a draft, a
region whose value.text is wrong); the pull must import exactly the expected spans.
"""

from __future__ import annotations

import copy
import json
import uuid

import pytest

from annotation.labelstudio.config import CONTROL_NAMES, TEXT_NAME
from annotation.store import read_annotations
from corpus.cli import main
from corpus.release import ReleasedDocument, collect_tables, to_rows, write_release
from schemas.records import Annotation, Document, Span
from schemas.rules import span_faults

pytestmark = pytest.mark.labelstudio

MODEL_VERSION = "rules-test-1"
PAGES = {
    "accept": ("Menu \U0001F3E0 Home\r\nBig \U0001D518 news today\r\n\u201cWe did it \U0001F600,\u201d she said.\r\n"
               "\r\nRead next: Other \U0001F4F0 story\r\n",
               [("Menu \U0001F3E0 Home", "boilerplate"),
                ("Big \U0001D518 news today\r\n\u201cWe did it \U0001F600,\u201d she said.", "article"),
                ("\u201cWe did it \U0001F600,\u201d", "quote"),
                ("Read next: Other \U0001F4F0 story", "teaser")]),
    "relabel": ("\U0001F525 Breaking\r\nBody with astral \U0001D54F and a family "
                "\U0001F469\u200d\U0001F469\u200d\U0001F467 here.\r\nSubscribe now",
                [("\U0001F525 Breaking", "teaser"),
                 ("Body with astral \U0001D54F and a family \U0001F469\u200d\U0001F469\u200d\U0001F467 here.", "article"),
                 ("Subscribe now", "boilerplate")]),
    "move": ("Title \u2728\r\n\u201cQuote one\u201d and \u201cquote two\u201d \U0001F389\r\nFooter \u00a9 2026 \U0001F30D",
             [("Title \u2728", "boilerplate"),
              ("\u201cQuote one\u201d and \u201cquote two\u201d \U0001F389", "article"),
              ("\u201cQuote one\u201d", "quote"),
              ("Footer \u00a9 2026 \U0001F30D", "boilerplate")]),
}


def spans_of(text: str, fragments) -> list[Span]:
    spans = []
    for fragment, label in fragments:
        start = text.index(fragment)
        spans.append(Span.on(text, start, start + len(fragment), label))
    return spans


def region(text: str, span: Span, region_id: str, origin: str = "manual") -> dict:
    return {"id": region_id, "from_name": CONTROL_NAMES[span.layer], "to_name": TEXT_NAME, "type": "labels",
            "origin": origin, "value": {"start": span.start, "end": span.end, "text": text[span.start:span.end],
                                        "labels": [span.label]}}


def key_of(span: Span) -> tuple:
    return span.start, span.end, span.label


@pytest.fixture
def project_root(tmp_path, monkeypatch, labelstudio_server):
    (tmp_path / "pyproject.toml").write_text('[tool.corpus]\ndataset_version = "0.1.0"\n', encoding="utf-8")
    documents, machine = [], {}
    for name, (text, fragments) in PAGES.items():
        (tmp_path / "seeds").mkdir(exist_ok=True)
        (tmp_path / "seeds" / f"{name}.txt").write_bytes(text.encode("utf-8"))
        document = Document.from_text(text, sources=(f"seeds/{name}.txt",))
        spans = spans_of(text, fragments)
        assert span_faults(text, spans, complete=True) == []
        documents.append(document)
        machine[document.doc_id] = Annotation(
            annotation_id=f"machine-{document.doc_id}", doc_id=document.doc_id, text_sha256=document.text_sha256,
            origin="machine", model_version=MODEL_VERSION,
            spans=tuple(Span.on(text, s.start, s.end, s.label, 0.75) for s in spans))
    tables = collect_tables(to_rows(ReleasedDocument(d, machine[d.doc_id]) for d in documents))
    write_release(tables, tmp_path / "dist" / "releases", "0.1.0", root=tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LABEL_STUDIO_URL", labelstudio_server.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", labelstudio_server.api_key)
    return tmp_path


def test_push_annotate_pull_round_trip(project_root, labelstudio_server, capsys):
    from label_studio_sdk import LabelStudio

    title = f"round trip {uuid.uuid4().hex[:8]}"
    assert main(["ls", "push", "--title", title]) == 0
    assert "tasks pushed: 3; already there: 0" in capsys.readouterr().out
    assert main(["ls", "push", "--title", title]) == 0
    assert "tasks pushed: 0; already there: 3" in capsys.readouterr().out

    client = LabelStudio(base_url=labelstudio_server.url, api_key=labelstudio_server.api_key)
    (project,) = [p for p in client.projects.list(title=title) if p.title == title]
    project = client.projects.get(id=project.id)
    assert project.show_collab_predictions is True and project.model_version == MODEL_VERSION
    tasks = {t.data["source"].split("/")[1][:-4]: t for t in client.tasks.list(project=project.id, fields="all")}
    assert set(tasks) == set(PAGES)

    expected: dict[int, list[Span]] = {}
    for name, task in tasks.items():
        text = task.data["text"]
        assert text == PAGES[name][0]  # CRLF and astral characters survive the server unchanged
        (prediction,) = task.predictions
        prediction = prediction if isinstance(prediction, dict) else prediction.dict()
        assert prediction["model_version"] == MODEL_VERSION
        predicted = copy.deepcopy(prediction["result"])
        for item in predicted:
            assert item["value"]["text"] == text[item["value"]["start"]:item["value"]["end"]]
        if name == "accept":
            result, spans = predicted, spans_of(text, PAGES[name][1])
            # The same annotator also skipped the task once (a cancelled annotation) and left a draft.
            client.annotations.create(id=task.id, result=[], was_cancelled=True, lead_time=1.5)
            client._client_wrapper.httpx_client.request(
                f"api/tasks/{task.id}/drafts", method="POST", json={"result": predicted[:1], "lead_time": 2.0})
        elif name == "relabel":
            spans = spans_of(text, [(fragment, "boilerplate" if label == "teaser" else label)
                                    for fragment, label in PAGES[name][1]])
            result = predicted
            for item in result:
                if item["value"]["labels"] == ["teaser"]:
                    item["value"]["labels"] = ["boilerplate"]
                    item["origin"] = "prediction-changed"
        else:  # move: the quote boundary moves to take in the second quotation
            quote_end = text.index("\u201cquote two\u201d") + len("\u201cquote two\u201d")
            fragments = [(f, label) for f, label in PAGES[name][1] if label != "quote"]
            spans = spans_of(text, fragments) + [Span.on(text, text.index("\u201cQuote one"), quote_end, "quote")]
            result = [region(text, span, f"m{n}", "prediction-changed") for n, span in enumerate(spans)]
        annotation = client.annotations.create(id=task.id, result=result, was_cancelled=False, lead_time=30.0,
                                               parent_prediction=prediction["id"])
        expected[annotation.id] = sorted(spans, key=lambda s: (s.start, s.layer != "zone", s.end))
        if name == "relabel":
            # A second annotator's region whose value.text is the UTF-16-offset slice: the server keeps it.
            wrong = copy.deepcopy(result)
            wrong[1]["value"]["end"] += 1
            wrong[1]["value"]["text"] = text[wrong[1]["value"]["start"]:wrong[1]["value"]["end"] - 1]
            bad = client.annotations.create(id=task.id, result=wrong, was_cancelled=False, lead_time=5.0)

    store, rejects = project_root / "store", project_root / "rejects.jsonl"
    status = main(["ls", "pull", "--title", title, "--store", str(store), "--rejects", str(rejects)])
    out = capsys.readouterr().out
    assert status == 1  # one annotation rejected
    assert "cancelled (skipped):   1" in out and "drafts skipped:        1" in out
    (reject,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert (reject["annotation"], reject["reason"], reject["region"]) == (bad.id, "span_text_matches", wrong[1]["id"])

    imported = {a.labelstudio["annotation"]: a for a in read_annotations(store)}
    assert {k: list(a.spans) for k, a in imported.items()} == expected
    for annotation in imported.values():
        assert annotation.annotation_id == f"ls-{project.id}-{annotation.labelstudio['annotation']}"
        assert "@" in annotation.annotator  # the snapshot gives the annotator's email
        assert annotation.labelstudio["parent_prediction"] is not None
        assert annotation.labelstudio["parent_model_version"] == MODEL_VERSION
        assert annotation.lead_time == 30.0 and annotation.created_at and annotation.updated_at

    snapshot_files = sorted(store.iterdir())
    before = {path: path.read_bytes() for path in snapshot_files}
    assert main(["ls", "pull", "--title", title, "--store", str(store), "--rejects", str(rejects)]) == 1
    assert "imported (new/updated): 0" in capsys.readouterr().out
    assert {path: path.read_bytes() for path in sorted(store.iterdir())} == before

    # The key is in no file the round trip wrote.
    for path in project_root.rglob("*"):
        if path.is_file():
            assert labelstudio_server.api_key.encode() not in path.read_bytes(), path


def test_a_refused_key_is_never_shown(project_root, monkeypatch, capsys):
    secret = "not-the-key-" + uuid.uuid4().hex
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", secret)
    assert main(["ls", "pull", "--store", "store"]) == 2
    captured = capsys.readouterr()
    assert "refused the API key (HTTP 401)" in captured.err
    assert secret not in captured.err + captured.out
    assert not (project_root / "store").exists()


def test_a_server_that_is_down_is_a_retryable_error(project_root, monkeypatch, capsys):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("LABEL_STUDIO_URL", f"http://127.0.0.1:{port}")
    assert main(["ls", "pull", "--store", "store"]) == 3
    err = capsys.readouterr().err
    assert f"cannot reach Label Studio at http://127.0.0.1:{port}" in err
    assert not (project_root / "store").exists()
