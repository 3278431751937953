"""``corpus build`` end to end on a small project tree: release, hub folder, rejects, reruns, bumps."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import pytest

from annotation.store import annotation_to_json, write_annotations
from corpus.engine import chain
from corpus.cli import main
from schemas.records import Annotation, Span
from test_release import human, listing, make_page, snapshot

REPO = Path(__file__).resolve().parents[1]
HTML_PAGE = b"""<!doctype html><html><head><title>Harbour news</title></head><body>
<nav>Home</nav><h1>Harbour reopens after the storm</h1><p>Boats returned on Tuesday.</p></body></html>"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project tree: pyproject with [tool.corpus], a text page with a human annotation, an HTML page,
    an undecodable page and an annotation of a page that is not in the seeds."""
    root = tmp_path / "project"
    (root / "seeds" / "annotations").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "corpus-data"\n\n[tool.corpus]\ndataset_version = "0.1.0"\n')
    document, spans = make_page(1)
    (root / "seeds" / "page-1.txt").write_text(document.text, encoding="utf-8")
    (root / "seeds" / "harbour.html").write_bytes(HTML_PAGE)
    (root / "seeds" / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
    gone, gone_spans = make_page(99)
    write_annotations(root / "seeds" / "annotations", [
        human(document, spans, "ana-1", created_at="2026-11-01T10:00:00Z"),
        human(gone, gone_spans, "ana-gone"),
    ])
    monkeypatch.chdir(root)
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps long cells at the default 80 columns
    return root


def relabel_stored(root: Path, old: str, new: str) -> None:
    path = next((root / "seeds" / "annotations").glob(f"{make_page(1)[0].doc_id}.jsonl"))
    obj = json.loads(path.read_text())
    for span in obj["spans"]:
        if span["label"] == old:
            span["label"] = new
    path.write_text(json.dumps(obj) + "\n")


def test_build_end_to_end_then_up_to_date(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["build"]) == 0
    out = capsys.readouterr().out
    assert "dataset version 0.1.0" in out and "(written)" in out
    release = project / "dist" / "releases" / "0.1.0"
    manifest = json.loads((release / "manifest.json").read_text())
    assert [item["path"] for item in listing(release, manifest["inputs"])] == [
        "seeds/broken.txt", "seeds/harbour.html", "seeds/page-1.txt"]
    assert [item["path"] for item in listing(release, manifest["annotation_files"])] == sorted(
        f"seeds/annotations/{make_page(i)[0].doc_id}.jsonl" for i in (1, 99))
    assert manifest["counts"]["documents"] == 2
    # The annotated page keeps its 5 human spans; the HTML page gets the pre-annotator's spans.
    assert manifest["counts"]["documents_per_status"] == {"unannotated": 0, "human": 1, "machine": 1, "adjudicated": 0}
    assert manifest["counts"]["spans_per_origin"]["human"] == 5 and manifest["counts"]["spans_per_origin"]["machine"] >= 2

    rejects = [json.loads(line) for line in (project / "dist" / "rejects" / "0.1.0.jsonl").read_text().splitlines()]
    assert sorted((r["stage"], r["reason"]) for r in rejects) == [("attach", "unknown_document"),
                                                                   ("ingest", "undecodable")]
    by_reason = {r["reason"]: r for r in rejects}
    assert by_reason["undecodable"]["source"] == "seeds/broken.txt"
    assert by_reason["unknown_document"]["record"] == "ana-gone"
    assert by_reason["unknown_document"]["source"].startswith("seeds/annotations/")
    assert "2 (attach: unknown_document 1, ingest: undecodable 1)" in out

    hub = project / "dist" / "hub"
    spans = datasets.load_dataset(str(hub), "spans", cache_dir=str(project / "cache"))
    (split,) = list(spans)
    label = spans[split].features["label"]
    assert isinstance(label, datasets.ClassLabel)
    origin = spans[split].features["origin"]
    assert sorted(label.int2str(row["label"]) for row in spans[split] if origin.int2str(row["origin"]) == "human") == sorted(
        ["article", "article", "boilerplate", "teaser", "quote"])
    machine = {(row["text"], label.int2str(row["label"])) for row in spans[split] if origin.int2str(row["origin"]) == "machine"}
    assert any("Boats returned on Tuesday." in text for text, _ in machine)
    documents = datasets.load_dataset(str(hub), "documents", cache_dir=str(project / "cache"))
    assert sum(d.num_rows for d in documents.values()) == 2
    assert 'load_dataset("dist/hub", "documents"' in (hub / "README.md").read_text()

    before = snapshot(project / "dist" / "releases"), snapshot(hub)
    assert main(["build"]) == 0
    out = capsys.readouterr().out
    assert out.count("up to date, nothing rewritten") == 2
    assert (snapshot(project / "dist" / "releases"), snapshot(hub)) == before

    assert main(["build", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["release"]["status"] == "up_to_date" and summary["hub"]["status"] == "up_to_date"
    assert summary["loaded"]["spans_per_label_origin"]["quote"]["human"] == 1
    assert summary["rejects"] == 2 and summary["version"] == "0.1.0"
    assert set(summary["timings_seconds"]) == {"ingest", "release", "publish", "load_back"}
    assert main(["build", "--fail-on-rejects"]) == 1


def test_changed_annotations_need_a_version_bump(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["build"]) == 0
    capsys.readouterr()
    before = snapshot(project / "dist")
    relabel_stored(project, "teaser", "boilerplate")
    assert main(["build"]) == 2
    error = capsys.readouterr().err
    assert "release 0.1.0 already exists" in error and "bump" in error and "0.1.1" in error
    assert str(project / "pyproject.toml") in error and "[tool.corpus] dataset_version" in error
    # dist/.work/ holds the spills and the release being written, removed at the end of every run.
    assert {k: v for k, v in snapshot(project / "dist").items() if not k.startswith(("rejects", ".work"))} == \
        {k: v for k, v in before.items() if not k.startswith(("rejects", ".work"))}

    assert main(["build", "--version", "0.2.0"]) == 0
    changelog = (project / "dist" / "releases" / "0.2.0" / "CHANGELOG.md").read_text()
    assert "teaser → boilerplate: 1" in changelog and "## 0.1.0" in changelog
    card = (project / "dist" / "hub" / "README.md").read_text()
    assert "Dataset version:** 0.2.0" in card and "teaser → boilerplate: 1" in card


def test_an_annotation_that_breaks_the_rules_stops_the_release(project: Path, capsys: pytest.CaptureFixture) -> None:
    document, spans = make_page(1)
    overlapping = [spans[0], Span.on(document.text, spans[0].start, spans[1].end, "article"), *spans[2:]]
    path = project / "seeds" / "annotations" / f"{document.doc_id}.jsonl"
    bad = human(document, overlapping, "ana-1")
    path.write_text(json.dumps(annotation_to_json(bad)) + "\n")
    assert main(["build"]) == 1
    error = capsys.readouterr().err
    assert "does not validate" in error and "zone_no_overlap" in error
    assert f"annotation ana-1 in seeds/annotations/{document.doc_id}.jsonl" in error
    assert not (project / "dist" / "releases" / "0.1.0").exists()
    assert not (project / "dist" / "hub").exists()


def test_release_and_publish_commands_separately(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["release", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "written" and report["rejects"]["count"] == 2
    assert main(["release"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["publish", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == "0.1.0" and report["status"] == "written"
    assert main(["publish", "--version", "9.9.9"]) == 2
    assert "no release 9.9.9" in capsys.readouterr().err


def test_other_folders_from_the_command_line(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    other = tmp_path / "elsewhere"
    (other / "pages").mkdir(parents=True)
    shutil.copy(project / "seeds" / "page-1.txt", other / "pages" / "p.txt")
    dist = tmp_path / "out"
    assert main(["build", "--seeds", str(other / "pages"), "--annotations", str(project / "seeds" / "annotations"),
                 "--dist", str(dist), "--version", "1.0.0", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["release"]["path"] == str(dist / "releases" / "1.0.0")
    assert summary["rejects_by_reason"] == {"attach: unknown_document": 1}
    assert main(["build", "--version", "one"]) == 2
    assert main(["build", "--seeds", str(other / "pages"), "--dist", str(dist), "--version", "1.0.0",
                 "--json", str(tmp_path / "summary.json")]) == 0
    assert "up to date, nothing rewritten" in capsys.readouterr().out
    assert json.loads((tmp_path / "summary.json").read_text())["release"]["status"] == "up_to_date"


def test_build_of_the_bundled_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture) -> None:
    """The main job on a copy of the project's own seeds and annotations."""
    root = tmp_path / "copy"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.chdir(root)
    assert main(["build", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["rejects"] == 0 and summary["ingest"]["skipped"] == 0
    stored = sum(1 for path in (root / "seeds" / "annotations").glob("*.jsonl"))
    assert summary["loaded"]["documents_per_status"].get("human", 0) + \
        summary["loaded"]["documents_per_status"].get("adjudicated", 0) == stored
    assert sum(sum(origins.values()) for origins in summary["loaded"]["spans_per_label_origin"].values()) > 0


def test_chain_composes_stages_lazily() -> None:
    seen = []

    def double(items):
        for item in items:
            seen.append(item)
            yield item * 2

    result = chain([double, lambda items: (item + 1 for item in items)], range(3))
    assert seen == []
    assert list(result) == [1, 3, 5]


def test_an_extra_stage_between_attach_and_select_can_add_machine_annotations(project: Path) -> None:
    from corpus.build import BuildOptions, make_release, options_from
    from corpus.config import load_settings
    from corpus.release import ReleaseStore
    from corpus.release import AnnotatedDocument

    def machine_for_unannotated(items):
        for item in items:
            if item.annotations:
                yield item
                continue
            text = item.document.text
            start = len(text) - len(text.lstrip())
            span = Span.on(text, start, len(text.rstrip()), "boilerplate", score=0.5)
            yield AnnotatedDocument(item.document, (Annotation(
                f"m-{item.document.doc_id}", item.document.doc_id, item.document.text_sha256, "machine", (span,),
                model_version="test-0"),))

    options = options_from(load_settings())
    options = BuildOptions(**{**{f: getattr(options, f) for f in BuildOptions.__dataclass_fields__},
                              "extra_stages": (machine_for_unannotated,)})
    outcome, _ = make_release(options)
    tables = ReleaseStore(options.releases).read(outcome.version).tables
    statuses = sorted(tables.documents.column("annotation_status").to_pylist())
    assert statuses == ["human", "machine"]
    assert set(tables.spans.column("origin").to_pylist()) == {"human", "machine"}


@pytest.mark.parametrize("command", ["build", "release", "publish"])
def test_every_command_has_help(command: str) -> None:
    completed = subprocess.run([sys.executable, "-m", "corpus", command, "--help"], capture_output=True, text=True,
                               cwd=REPO, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert "--version" in completed.stdout and "usage: corpus " + command in completed.stdout


def engine_project(root: Path) -> Path:
    """A project of 14 pages: annotated and not, text and HTML, a duplicate text and an undecodable file."""
    seeds = root / "seeds"
    (seeds / "annotations").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "corpus-data"\n\n[tool.corpus]\ndataset_version = "0.2.0"\n')
    annotations = []
    for i in range(10):
        document, spans = make_page(i)
        (seeds / f"page-{i:02d}.txt").write_text(document.text, encoding="utf-8")
        if i % 2 == 0:
            annotations.append(human(document, spans, f"ana-{i}"))
    (seeds / "page-copy.txt").write_text(make_page(3)[0].text, encoding="utf-8")
    (seeds / "harbour.html").write_bytes(HTML_PAGE)
    (seeds / "other.html").write_bytes(HTML_PAGE.replace(b"Harbour", b"Airport"))
    (seeds / "broken.txt").write_bytes(b"caf\xe9 au lait\n")
    write_annotations(seeds / "annotations", annotations)
    return root


def released_with(root: Path, dist: str, *options: str) -> tuple[dict, str]:
    assert main(["release", "--dist", dist, *options]) == 0
    manifest = json.loads((root / dist / "releases" / "0.2.0" / "manifest.json").read_text())
    rejects = (root / dist / "rejects" / "0.2.0.jsonl").read_text()
    return {name: entry["content_sha256"] for name, entry in manifest["tables"].items()}, rejects


def test_the_release_is_the_same_whatever_the_number_of_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = engine_project(tmp_path / "project")
    monkeypatch.chdir(root)
    one = released_with(root, "dist-1", "--workers", "1")
    assert released_with(root, "dist-2", "--workers", "2") == one
    assert released_with(root, "dist-3", "--workers", "3", "--no-preannotate")[0] != one[0]
    assert one[1].count("\n") == 1 and '"undecodable"' in one[1]


def test_engine_options_that_do_not_go_together_are_refused(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["release", "--master", "local[2]"]) == 2
    assert "--master local[2] applies to --engine spark" in capsys.readouterr().err
    assert main(["release", "--engine", "spark", "--workers", "2"]) == 2
    assert "--workers applies to --engine local" in capsys.readouterr().err
    assert main(["release", "--workers", "0"]) == 2
    assert "--workers must be a whole number >= 1" in capsys.readouterr().err


def test_preannotate_writes_the_same_file_whatever_the_number_of_workers(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = engine_project(tmp_path / "project")
    monkeypatch.chdir(root)
    outputs = []
    for workers in ("1", "2"):
        out = root / f"machine-{workers}.jsonl"
        assert main(["preannotate", "seeds", "--out", str(out), "--allow-rejects", "--workers", workers]) == 0
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == 12


# corpus release --no-preannotate of engine_project() by the in-memory build of commit 78b5c4d.
GOLDEN_ENGINE_PROJECT = {"documents": "16f01047d3c2d6d72ff5959b90cebd3ac46df6d5e7dda2d453ca443d137449b7",
                         "spans": "dcbdb16549f77403f90f47f00bf3cbc8fe2845e0b9f2d3394141753e63f7c959"}


def test_the_streaming_build_gives_the_content_hashes_of_the_in_memory_build(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import corpus.release

    root = engine_project(tmp_path / "project")
    monkeypatch.chdir(root)
    monkeypatch.setattr(corpus.release, "DOCS_PER_BUCKET", 2)  # several spill buckets even for 12 documents
    hashes, rejects = released_with(root, "dist-1", "--no-preannotate")
    assert hashes == GOLDEN_ENGINE_PROJECT
    assert '"undecodable"' in rejects and rejects.count("\n") == 1
    # Annotations may sit in any *.jsonl, several documents per file, in any order.
    store = root / "seeds" / "annotations"
    lines = [line for path in sorted(store.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines()]
    for path in store.glob("*.jsonl"):
        path.unlink()
    (store / "batch-b.jsonl").write_text("\n".join(lines[::2]) + "\n\n", encoding="utf-8")
    (store / "nested").mkdir()
    (store / "nested" / "batch-a.jsonl").write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")
    assert released_with(root, "dist-2", "--no-preannotate", "--workers", "2")[0] == GOLDEN_ENGINE_PROJECT


def test_a_bad_annotation_line_names_its_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture) -> None:
    root = engine_project(tmp_path / "project")
    monkeypatch.chdir(root)
    (root / "seeds" / "annotations" / "broken.jsonl").write_text('{"annotation_id": "x"}\n{not json\n')
    assert main(["release"]) == 1
    error = capsys.readouterr().err
    assert "broken.jsonl:1" in error and "document" in error
    assert not (root / "dist" / "releases").exists()


def test_corpus_validate_reports_a_release(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["release"]) == 0
    release = project / "dist" / "releases" / "0.1.0"
    capsys.readouterr()
    assert main(["validate", str(release), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["n_documents"] == 2
    assert main(["validate", str(release), "--workers", "2"]) == 2
    assert "--workers does not apply to corpus validate" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "release", "preannotate", "validate"])
def test_the_engine_options_are_in_the_help(command: str) -> None:
    completed = subprocess.run([sys.executable, "-m", "corpus", command, "--help"], capture_output=True, text=True,
                               cwd=REPO, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert all(option in completed.stdout for option in ("--engine", "--workers", "--master"))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_site_statistics_are_only_gathered_when_a_page_needs_machine_spans(tmp_path: Path, workers: str,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from annotation.preannotate import BlockStats

    root = engine_project(tmp_path / "project")
    for path in (root / "seeds").glob("page-0[13579].txt"):
        path.unlink()
    for path in [*(root / "seeds").glob("*.html"), root / "seeds" / "page-copy.txt"]:
        path.unlink()
    monkeypatch.chdir(root)
    calls = []
    real = BlockStats.from_documents.__func__
    monkeypatch.setattr(BlockStats, "from_documents", classmethod(lambda cls, docs: calls.append(1) or real(cls, docs)))
    assert released_with(root, "dist-annotated", "--workers", workers)[0]
    assert calls == []
    (root / "seeds" / "harbour.html").write_bytes(HTML_PAGE)
    released_with(root, "dist-one-more", "--workers", workers)
    assert calls == [1]


def test_workers_load_the_pre_annotator_from_the_work_folder_and_release_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of two: most documents are pre-annotated in the workers, which read the pre-annotator (and its
    site statistics, over every page) from the file the build wrote for them."""
    from corpus.build import make_release, options_from
    from corpus.config import load_settings
    from corpus.engine import LocalEngine
    from corpus.release import ReleaseStore

    root = engine_project(tmp_path / "project")
    monkeypatch.chdir(root)
    expected = released_with(root, "dist-1", "--workers", "1")
    options = options_from(load_settings(), dist=root / "dist-2", engine=LocalEngine(workers=2, batch_size=2))
    outcome, prepared = make_release(options)
    assert {name: table["content_sha256"] for name, table in outcome.manifest["tables"].items()} == expected[0]
    statuses = ReleaseStore(options.releases).read(outcome.version).tables.documents.column("annotation_status")
    assert "machine" in statuses.to_pylist()
    assert list((root / "dist-2" / ".work").iterdir()) == []  # the file went with the spill


@pytest.mark.parametrize("known_document", [True, False])
def test_a_stored_annotation_with_a_bad_field_fails_the_build_naming_file_and_line(
        project: Path, capsys: pytest.CaptureFixture, known_document: bool) -> None:
    # The index reads only the ids; the fields are checked when the document's annotations are read, for the
    # documents in the input and for those that are not (set aside as unknown) alike.
    document, spans = make_page(1 if known_document else 99)
    path = project / "seeds" / "annotations" / f"{document.doc_id}.jsonl"
    stored = annotation_to_json(human(document, spans, "ana-bad"))
    stored["spans"][0]["end"] = stored["spans"][0]["start"]
    path.write_text(path.read_text() + json.dumps(stored) + "\n")
    assert main(["build"]) == 1
    error = capsys.readouterr().err
    assert f"{path}:2: spans[0]: end must be > start" in error.replace("\n", "")
    assert not (project / "dist" / "releases" / "0.1.0").exists()


def test_the_annotation_index_reads_the_ids_of_stored_lines_as_parsing_them_would(tmp_path: Path) -> None:
    from annotation.store import annotation_line
    from corpus.build import AnnotationIndex

    folder = tmp_path / "annotations"
    folder.mkdir()
    lines = []
    for number, annotation_id in enumerate(["plain", "é 😀 ünïcode", 'with "quote" and \\ backslash']):
        document, spans = make_page(number)
        lines.append(annotation_line(human(document, spans, annotation_id)))
    # The same fields in another order: not the store's own start, parsed whole.
    lines.append(json.dumps(dict(reversed(list(json.loads(lines[0]).items()))), ensure_ascii=False))
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = AnnotationIndex(folder, tmp_path)
    parsed = [(entry["document"]["doc_id"], entry["annotation_id"]) for entry in map(json.loads, lines)]
    assert [(doc_id, annotation.annotation_id) for doc_id in index.doc_ids()
            for annotation, _ in index.lookup(doc_id)] == [parsed[0], parsed[3], parsed[1], parsed[2]]
    assert list(index.entries(parsed[0][0])) == [(0, 0, 1), (0, sum(len(line.encode()) + 1 for line in lines[:3]), 4)]


def test_attaching_from_the_index_flags_the_documents_that_came_by_as_a_set_would(tmp_path: Path) -> None:
    from annotation.store import annotation_line
    from corpus.build import AnnotationIndex
    from corpus.release import AttachAnnotations

    folder = tmp_path / "annotations"
    folder.mkdir()
    pages = [make_page(number) for number in range(4)]
    (folder / "a.jsonl").write_text("".join(annotation_line(human(document, spans, f"ana-{number}")) + "\n"
                                            for number, (document, spans) in enumerate(pages[:3])), encoding="utf-8")
    index = AnnotationIndex(folder, tmp_path)
    # Page 0 twice (its annotation once), page 3 has none, page 2 never comes by: its annotation is rejected.
    documents = [pages[0][0], pages[3][0], pages[1][0], pages[0][0], pages[3][0]]
    results = []
    for seen in (set, index.looked_up):
        rejects: list = []
        attach = AttachAnnotations.looking_up(index.doc_ids, index.lookup, rejects, seen)
        attached = [[a.annotation_id for a in item.annotations] for item in attach(documents)]
        results.append((attached, [(r.reason, r.record) for r in rejects], attach.attached))
    assert results[0] == results[1] == ([["ana-0"], [], ["ana-1"], [], []], [("unknown_document", "ana-2")], 2)


@pytest.mark.parametrize("known_document", [True, False])
def test_a_stored_line_broken_after_its_ids_fails_the_build_naming_file_and_line(
        project: Path, capsys: pytest.CaptureFixture, known_document: bool) -> None:
    # The index takes the ids from the start of the line; the whole line is parsed when it is looked up.
    from annotation.store import annotation_line

    document, spans = make_page(1 if known_document else 99)
    path = project / "seeds" / "annotations" / f"{document.doc_id}.jsonl"
    path.write_text(path.read_text() + annotation_line(human(document, spans, "ana-cut"))[:-40] + "\n")
    assert main(["build"]) == 1
    error = capsys.readouterr().err.replace("\n", "")
    assert f"{path}:2: invalid JSON" in error
    assert not (project / "dist" / "releases" / "0.1.0").exists()
