"""Versioned releases: round trip, content hashes, immutability, changelog, atomic writes, selection."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus.release as release_module
from corpus.release import (
    AnnotatedDocument,
    AttachAnnotations,
    ReleaseStore,
    ReleaseTables,
    ReleaseValidationError,
    SelectAnnotations,
    choose_annotation,
    collect_tables,
    content_sha256,
    to_rows,
    version_key,
    write_release,
)
from annotation.adjudicate import adjudication_id
from schemas.errors import ConfigError, InputError
from schemas.labels import LABEL_NAMES, ORIGINS, SPLITS
from schemas.records import Annotation, Document, Span, span_order, split_for
from schemas.tables import SCHEMA_VERSION
from reference_hash import ReferenceContentHash
from strategies import corpora, release_tables

# One line per block, as ingest renders pages: (label, line); quotes are marked inside article lines.
PAGE_LINES = (
    ("boilerplate", "Daily Courier {i}"),
    ("article", "Council votes on harbour plan {i}"),
    ("article", "The mayor said “we will act on plan {i}” on Monday."),
    ("teaser", "Read next: storm {i} hits the coast 2 hours ago"),
)


def make_page(i: int, relabel: dict[str, str] | None = None) -> tuple[Document, list[Span]]:
    """A page and its complete, valid spans; ``relabel`` maps a label to another for the zone spans."""
    lines = [line.format(i=i) for _, line in PAGE_LINES]
    text = "\n\n".join(lines) + "\n"
    spans, offset = [], 0
    for (label, _), line in zip(PAGE_LINES, lines, strict=True):
        spans.append(Span.on(text, offset, offset + len(line), (relabel or {}).get(label, label)))
        if "“" in line:
            start = offset + line.index("“")
            spans.append(Span.on(text, start, offset + line.index("”") + 1, "quote"))
        offset += len(line) + 2
    return Document.from_text(text, sources=(f"seeds/page-{i}.txt",)), spans


def human(document: Document, spans, annotation_id: str = "", **fields) -> Annotation:
    return Annotation(annotation_id=annotation_id or f"h-{document.doc_id}", doc_id=document.doc_id,
                      text_sha256=document.text_sha256, origin="human", spans=tuple(spans),
                      annotator=fields.pop("annotator", "ana"), **fields)


def tables_for(pages: list[tuple[Document, Annotation | None]]) -> ReleaseTables:
    annotated = [AnnotatedDocument(document, (annotation,) if annotation else ()) for document, annotation in pages]
    return collect_tables(to_rows(SelectAnnotations()(annotated)))


def corpus(indices, relabel: dict[int, dict[str, str]] | None = None, annotate=lambda i: i % 3 != 2):
    pages = []
    for i in indices:
        document, spans = make_page(i, (relabel or {}).get(i))
        pages.append((document, human(document, spans) if annotate(i) else None))
    return pages


def listing(release: Path, summary: dict) -> list[dict]:
    """The entries of a manifest's listing, checked against the count and hash the manifest keeps."""
    content = (release / summary["listing"]).read_bytes()
    assert hashlib.sha256(content).hexdigest() == summary["sha256"]
    entries = [json.loads(line) for line in content.decode("utf-8").splitlines()]
    assert len(entries) == summary["files"] and sum(entry["bytes"] for entry in entries) == summary["bytes"]
    return entries


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.stat().st_size)
            for path in sorted(folder.rglob("*"))}


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "seeds"
    folder.mkdir()
    paths = []
    for number, content in enumerate(("first page\n", "second page\n")):
        path = folder / f"page-{number}.txt"
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def test_release_round_trip_and_manifest(tmp_path: Path, inputs: list[Path]) -> None:
    tables = tables_for(corpus(range(6)))
    annotation_file = tmp_path / "seeds" / "annotations.jsonl"
    annotation_file.write_text("{}\n", encoding="utf-8")
    outcome = write_release(tables, tmp_path / "dist" / "releases", "0.1.0", inputs=inputs,
                            annotation_files=[annotation_file], root=tmp_path)
    assert outcome.status == "written"
    assert sorted(p.name for p in outcome.path.iterdir()) == [
        "CHANGELOG.md", "annotation_files.jsonl", "documents.parquet", "inputs.jsonl", "manifest.json", "spans.parquet"]
    read = ReleaseStore(tmp_path / "dist" / "releases").read("0.1.0")
    assert read.tables.documents.equals(tables.documents)
    assert read.tables.spans.equals(tables.spans)

    manifest = json.loads((outcome.path / "manifest.json").read_text())
    assert manifest["dataset_version"] == "0.1.0"
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["toolkit_version"] == metadata.version("newszones")
    for name in ("documents", "spans"):
        assert manifest["tables"][name]["content_sha256"] == content_sha256(tables.table(name), name)
        assert manifest["tables"][name]["rows"] == tables.table(name).num_rows
    listed = listing(outcome.path, manifest["inputs"])
    assert [item["path"] for item in listed] == ["seeds/page-0.txt", "seeds/page-1.txt"]
    assert listed[1]["sha256"] == hashlib.sha256(b"second page\n").hexdigest()
    assert manifest["inputs"]["files"] == 2 and manifest["inputs"]["bytes"] == len("first page\nsecond page\n")
    assert listing(outcome.path, manifest["annotation_files"]) == [
        {"path": "seeds/annotations.jsonl", "bytes": 3, "sha256": hashlib.sha256(b"{}\n").hexdigest()}]
    counts = manifest["counts"]
    assert counts["documents"] == 6 and counts["spans"] == 4 * 5
    assert counts["spans_per_label"] == {"article": 8, "boilerplate": 4, "teaser": 4, "quote": 4}
    assert counts["spans_per_origin"] == {origin: (20 if origin == "human" else 0) for origin in ORIGINS}
    assert counts["documents_per_status"]["human"] == 4 and counts["documents_per_status"]["unannotated"] == 2
    expected_splits = {split: 0 for split in SPLITS}
    for i in range(6):
        expected_splits[split_for(make_page(i)[0].doc_id)] += 1
    assert counts["documents_per_split"] == expected_splits
    assert sum(counts["spans_per_split"].values()) == 20
    # The Parquet files are plain release-form tables any tool can read.
    assert pq.read_table(outcome.path / "spans.parquet").column("label").type == pa.string()


def test_content_hash_ignores_row_order_and_row_groups(tmp_path: Path) -> None:
    tables = tables_for(corpus(range(8)))
    expected = {name: content_sha256(tables.table(name), name) for name in ("documents", "spans")}
    for row_group_size in (1, 3, 1000):
        for name in ("documents", "spans"):
            path = tmp_path / f"{name}-{row_group_size}.parquet"
            release_module.write_parquet(tables.table(name), path, name, row_group_size)
            assert pq.ParquetFile(path).num_row_groups == -(-tables.table(name).num_rows // row_group_size)
            assert content_sha256(pq.read_table(path), name) == expected[name]
    shuffled = tables.spans.take(random.Random(7).sample(range(tables.spans.num_rows), tables.spans.num_rows))
    assert content_sha256(shuffled, "spans") == expected["spans"]
    relabelled = tables_for(corpus(range(8), relabel={3: {"teaser": "boilerplate"}}))
    assert content_sha256(relabelled.spans, "spans") != expected["spans"]
    assert content_sha256(relabelled.documents, "documents") != expected["documents"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(max_size=4))
def test_any_valid_corpus_round_trips_through_a_release(corpus_examples) -> None:
    documents, spans = release_tables(corpus_examples)
    with tempfile.TemporaryDirectory() as folder:
        releases = Path(folder) / "releases"
        outcome = write_release(ReleaseTables(documents, spans), releases, "1.0.0", row_group_size=2)
        read = ReleaseStore(releases).read("1.0.0")
        assert read.tables.documents.to_pylist() == documents.to_pylist()
        assert read.tables.spans.to_pylist() == spans.to_pylist()
        again = write_release(ReleaseTables(documents, spans), releases, "1.0.0", row_group_size=1000)
        assert again.status == "up_to_date" and outcome.status == "written"


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(max_size=5))
def test_the_documents_spans_column_taken_from_the_spans_rows_is_the_rows_spans(corpus_examples) -> None:
    from schemas import rows

    documents, spans = rows.release_tables([rows.release_rows(document, annotation)
                                            for document, annotation in corpus_examples])
    assert documents.equals(rows.to_table([rows.document_row(*example) for example in corpus_examples], "documents"),
                            check_metadata=True)
    assert spans.equals(rows.to_table([row for example in corpus_examples for row in rows.span_rows(*example)],
                                      "spans"), check_metadata=True)
    assert [[span["span_id"] for span in row["spans"]] for row in documents.to_pylist()] == [
        [span.span_id(document.doc_id) for span in sorted(annotation.spans, key=span_order)] if annotation else []
        for document, annotation in corpus_examples]


def test_paths_are_named_as_their_resolved_path_relative_to_the_root(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "a.txt").write_text("a")
    (tmp_path / "outside.txt").write_text("o")
    (tmp_path / "project2").mkdir()
    (tmp_path / "project2" / "b.txt").write_text("b")
    (tmp_path / "linked-folder").symlink_to(root / "seeds")
    (root / "link-out.txt").symlink_to(tmp_path / "outside.txt")
    (tmp_path / "link-in.txt").symlink_to(root / "seeds" / "a.txt")
    monkeypatch.chdir(root)
    names = release_module.PathNames(root)
    assert names(root / "seeds" / "a.txt") == names("seeds/a.txt") == names("seeds/../seeds/a.txt") == "seeds/a.txt"
    assert names(str(tmp_path / "linked-folder" / "a.txt")) == "seeds/a.txt"  # a folder's links are resolved
    assert names(tmp_path / "link-in.txt") == "seeds/a.txt"  # and a file's own
    assert names(root / "link-out.txt") == (root / "link-out.txt").as_posix()  # resolved outside: as given
    assert names(tmp_path / "outside.txt") == (tmp_path / "outside.txt").as_posix()
    assert names(tmp_path / "project2" / "b.txt") == (tmp_path / "project2" / "b.txt").as_posix()
    assert names(root) == "."
    assert release_module.PathNames(None)("seeds/a.txt") == "seeds/a.txt"


def test_same_content_again_is_up_to_date_and_touches_nothing(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    write_release(tables_for(corpus(range(4))), releases, "0.1.0")
    before = snapshot(releases)
    outcome = write_release(tables_for(corpus(range(4))), releases, "0.1.0")
    assert outcome.status == "up_to_date"
    assert snapshot(releases) == before


def test_different_content_under_an_existing_version_is_refused(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    original = tables_for(corpus(range(4)))
    write_release(original, releases, "0.3.1")
    before = snapshot(releases)
    changed = tables_for(corpus(range(4), relabel={0: {"teaser": "boilerplate"}}))
    where = "[tool.corpus] dataset_version in /project/pyproject.toml"
    with pytest.raises(ConfigError) as raised:
        write_release(changed, releases, "0.3.1", version_source=where)
    message = str(raised.value)
    assert "0.3.1" in message and "bump" in message and where in message and "0.3.2" in message
    assert content_sha256(original.spans, "spans")[:12] in message
    assert content_sha256(changed.spans, "spans")[:12] in message
    assert content_sha256(original.documents, "documents")[:12] in message
    assert snapshot(releases) == before


def test_new_version_writes_changelog_against_the_previous_release(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    write_release(tables_for(corpus(range(5))), releases, "0.1.0")
    # 0.2.0: page 0 removed, page 5 added (annotated), page 1 relabelled (teaser -> boilerplate),
    # page 2 (unannotated in 0.1.0) now annotated, page 3 loses its quote.
    pages = corpus(range(1, 6), relabel={1: {"teaser": "boilerplate"}}, annotate=lambda i: True)
    document, spans = make_page(3)
    pages[2] = (document, human(document, [s for s in spans if s.label != "quote"]))
    outcome = write_release(tables_for(pages), releases, "0.2.0")
    changes = outcome.manifest["changes"]
    assert outcome.manifest["previous_version"] == "0.1.0"
    assert changes["documents_added"] == 1 and changes["documents_removed"] == 1
    assert changes["status_changes"] == {"unannotated -> human": 1}
    # added: page 5 (5 spans) + page 2 (5 spans); removed: page 0 (5 spans) + page 3's quote.
    assert changes["spans_added"] == {"article": 4, "boilerplate": 2, "teaser": 2, "quote": 2}
    assert changes["spans_removed"] == {"article": 2, "boilerplate": 1, "teaser": 1, "quote": 2}
    assert changes["relabelled"] == {"teaser -> boilerplate": 1}

    changelog = (outcome.path / "CHANGELOG.md").read_text()
    assert "## 0.2.0" in changelog and "Compared with 0.1.0" in changelog and "1 added, 1 removed" in changelog
    assert "| teaser | 2 | 1 | 1 | 0 |" in changelog
    assert "| boilerplate | 2 | 1 | 0 | 1 |" in changelog
    assert "| quote | 2 | 2 | 0 | 0 |" in changelog
    assert "teaser → boilerplate: 1" in changelog
    # The earlier entries follow, newest first.
    assert changelog.index("## 0.2.0") < changelog.index("## 0.1.0")
    assert "First release: 5 documents" in changelog


def test_store_orders_versions_and_finds_the_previous_one(tmp_path: Path) -> None:
    ordered = ["0.9.0", "0.10.0-rc.1", "0.10.0", "1.0.0"]
    assert sorted(reversed(ordered), key=version_key) == ordered
    releases = tmp_path / "releases"
    for version in ("0.9.0", "0.10.0"):
        write_release(tables_for(corpus(range(3))), releases, version)
    (releases / "notes").mkdir()
    store = ReleaseStore(releases)
    assert store.versions() == ["0.9.0", "0.10.0"]
    assert store.latest() == "0.10.0"
    assert store.previous("0.10.0") == "0.9.0" and store.previous("0.9.5") == "0.9.0"
    assert store.previous("0.9.0") is None


def test_an_interrupted_write_leaves_no_release_and_a_rerun_succeeds(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    releases = tmp_path / "releases"
    real_write = release_module.write_parquet

    def write_then_fail(table, path, name, row_group_size=release_module.ROW_GROUP_SIZE):
        if name == "spans":
            path.write_bytes(b"PAR1 half written")
            raise KeyboardInterrupt
        real_write(table, path, name, row_group_size)

    monkeypatch.setattr(release_module, "write_parquet", write_then_fail)
    tables = tables_for(corpus(range(3)))
    with pytest.raises(KeyboardInterrupt):
        write_release(tables, releases, "0.1.0")
    assert list(releases.iterdir()) == []
    assert ReleaseStore(releases).versions() == []

    def rename_fails(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(release_module, "write_parquet", real_write)
    monkeypatch.setattr(release_module.os, "rename", rename_fails)
    with pytest.raises(OSError):
        write_release(tables, releases, "0.1.0")
    assert list(releases.iterdir()) == []

    monkeypatch.undo()
    assert write_release(tables, releases, "0.1.0").status == "written"
    assert ReleaseStore(releases).read("0.1.0").tables.spans.equals(tables.spans)


def test_a_leftover_temporary_folder_is_never_a_release_and_is_cleaned(tmp_path: Path) -> None:
    releases = tmp_path / "releases"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                              text=True, check=True)
    leftover = releases / f".tmp-{finished.stdout.strip()}-abc123"
    leftover.mkdir(parents=True)
    (leftover / "manifest.json").write_text("{}")
    (leftover / "documents.parquet").write_bytes(b"PAR1")
    store = ReleaseStore(releases)
    assert store.versions() == [] and store.latest() is None
    outcome = write_release(tables_for(corpus(range(2))), releases, "0.1.0")
    assert leftover in outcome.removed_leftovers
    assert sorted(path.name for path in releases.iterdir()) == ["0.1.0"]


def test_a_release_that_does_not_validate_is_refused_with_the_report(tmp_path: Path) -> None:
    document, spans = make_page(1)
    broken = [spans[0], Span.on(document.text, spans[0].start, spans[1].end, "article"), *spans[2:]]
    tables = tables_for([(document, human(document, broken))])
    with pytest.raises(ReleaseValidationError) as raised:
        write_release(tables, tmp_path / "releases", "0.1.0")
    assert not raised.value.report.ok
    assert "zone_no_overlap" in {failure.rule for failure in raised.value.report.failures}
    assert "zone_no_overlap" in str(raised.value) and document.doc_id in str(raised.value)
    assert not (tmp_path / "releases" / "0.1.0").exists()


def test_invalid_version_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a version"):
        write_release(tables_for(corpus(range(1))), tmp_path / "releases", "v1")


# --- which annotation is released ----------------------------------------------------------------------

def test_choice_prefers_adjudicated_then_human_then_machine() -> None:
    document, spans = make_page(1)
    machine = Annotation("m", document.doc_id, document.text_sha256, "machine", tuple(spans), model_version="r-1",
                         updated_at="2027-01-01T00:00:00Z")
    older = human(document, spans, "h-old", annotator="ana", updated_at="2026-01-01T00:00:00Z")
    newer = human(document, spans, "h-new", annotator="ben", updated_at="2026-06-01T10:00:00+00:00")
    truth = human(document, spans, "h-truth", annotator="cy", updated_at="2025-01-01T00:00:00Z", ground_truth=True)
    sources = ("h-new", "h-old", "h-truth")
    adjudicated = Annotation(adjudication_id(document.doc_id, sources), document.doc_id, document.text_sha256,
                             "adjudicated", tuple(spans), derived_from=sources, annotator="adjudicator:majority")
    stale = Annotation(adjudication_id(document.doc_id, sources[:2]), document.doc_id, document.text_sha256,
                       "adjudicated", tuple(spans), derived_from=sources[:2], annotator="adjudicator:majority")
    assert choose_annotation([machine]) is machine
    assert choose_annotation([machine, older]) is older
    assert choose_annotation([older, newer, machine]) is newer
    assert choose_annotation([newer, truth, older]) is truth
    assert choose_annotation([truth, older, newer, adjudicated, machine]) is adjudicated
    # An adjudication made before cy's annotation existed is stale: the humans decide.
    assert choose_annotation([truth, older, newer, stale, machine]) is truth
    same_time = [human(document, spans, name, updated_at="2026-01-01T00:00:00Z") for name in ("h-b", "h-a", "h-c")]
    assert choose_annotation(same_time).annotation_id == "h-a"
    assert choose_annotation([]) is None


def test_several_humans_without_adjudication_are_counted_and_warned() -> None:
    pages = []
    for i in range(3):
        document, spans = make_page(i)
        pages.append((document, spans))
    (d0, s0), (d1, s1), (d2, s2) = pages
    select = SelectAnnotations()
    released = list(select([
        AnnotatedDocument(d0, (human(d0, s0, "a"), human(d0, s0, "b", ground_truth=True))),
        AnnotatedDocument(d1, (human(d1, s1, "c"), human(d1, s1, "d", updated_at="2026-02-02T00:00:00Z"))),
        AnnotatedDocument(d2, (human(d2, s2, "e"),)),
    ]))
    assert [item.annotation.annotation_id for item in released] == ["b", "d", "e"]
    assert [item.unadjudicated_humans for item in released] == [True, True, False]
    assert select.unadjudicated == 2 and select.resolved_by_ground_truth == 1
    (warning,) = select.warnings()
    assert "2 document(s)" in warning and "ground-truth one (1 document(s))" in warning


def test_stale_and_orphan_annotations_are_rejected_with_their_reason() -> None:
    document, spans = make_page(1)
    other, other_spans = make_page(2)
    stale = Annotation("stale", document.doc_id, "0" * 64, "human", tuple(spans), annotator="ana")
    orphan = human(other, other_spans, "orphan")
    good = human(document, spans, "good")
    rejects = []
    attach = AttachAnnotations([stale, orphan, good], rejects, files={"orphan": "seeds/annotations/x.jsonl"})
    attached = list(attach([document]))
    assert [a.annotation_id for a in attached[0].annotations] == ["good"]
    assert attach.attached == 1
    assert [(r.reason, r.record, r.doc_id) for r in rejects] == [
        ("text_changed", "stale", document.doc_id), ("unknown_document", "orphan", other.doc_id)]
    assert rejects[1].source == "seeds/annotations/x.jsonl"
    assert all(r.stage == "attach" and r.detail for r in rejects)


def test_tables_are_sorted_by_doc_id_and_reject_duplicates() -> None:
    pages = corpus(range(6))
    tables = tables_for(list(reversed(pages)))
    ids = tables.documents.column("doc_id").to_pylist()
    assert ids == sorted(ids)
    assert tables.spans.column("doc_id").to_pylist() == sorted(tables.spans.column("doc_id").to_pylist())
    with pytest.raises(Exception, match="occurs twice"):
        tables_for([pages[0], pages[0]])


def test_label_names_cover_the_changelog_table(tmp_path: Path) -> None:
    outcome = write_release(tables_for(corpus(range(2))), tmp_path / "releases", "0.1.0")
    changelog = (outcome.path / "CHANGELOG.md").read_text()
    for label in LABEL_NAMES:
        assert f"| {label} |" in changelog
    assert os.stat(outcome.path).st_mode & 0o777 == 0o755


def groups_for(pages) -> list:
    annotated = [AnnotatedDocument(document, (annotation,) if annotation else ()) for document, annotation in pages]
    return list(to_rows(SelectAnnotations()(annotated)))


# The content hashes of corpus(range(40)) computed by the in-memory content_sha256 of commit 78b5c4d (before
# ContentHash and the streaming writer): neither may change them.
GOLDEN_40 = {"documents": "22b0b06f886efc3ddbaedad6ae6d0ed0ce0416a683ecf6730bb214b5786c3cdb",
             "spans": "407fb59c40c24cc5847c1acf265470d1b3ab97b0d75bd108ff727d98e53d0d93"}


@pytest.mark.parametrize("per_bucket", [1, 7, 4000])
def test_the_streaming_writer_writes_what_the_in_memory_path_writes(tmp_path: Path, monkeypatch, per_bucket) -> None:
    monkeypatch.setattr(release_module, "DOCS_PER_BUCKET", per_bucket)
    monkeypatch.setattr(release_module, "SPILL_BUDGET", 6)
    pages = corpus(range(40))
    expected = write_release(tables_for(pages), tmp_path / "memory", "0.1.0")
    groups = groups_for(pages)
    random.Random(per_bucket).shuffle(groups)
    streamed = release_module.write_release_stream(iter(groups), tmp_path / "stream", "0.1.0",
                                                   expected_documents=len(groups), row_group_size=9)
    assert streamed.status == "written"
    for key in ("tables", "counts", "changes"):
        assert streamed.manifest[key] == expected.manifest[key]
    for name in ("documents", "spans"):
        assert pq.read_table(streamed.path / f"{name}.parquet").equals(pq.read_table(expected.path / f"{name}.parquet"))
        assert pq.read_schema(streamed.path / f"{name}.parquet").metadata[b"newszones"] == \
            pq.read_schema(expected.path / f"{name}.parquet").metadata[b"newszones"]
    assert [path.name for path in (tmp_path / "stream").iterdir()] == ["0.1.0"]  # no spill or temporary left
    again = release_module.write_release_stream(iter(groups), tmp_path / "stream", "0.1.0", expected_documents=40)
    assert again.status == "up_to_date"
    changed = groups_for(corpus(range(40), relabel={4: {"teaser": "boilerplate"}}))
    with pytest.raises(ConfigError, match="bump"):
        release_module.write_release_stream(iter(changed), tmp_path / "stream", "0.1.0", expected_documents=40)
    following = release_module.write_release_stream(iter(changed), tmp_path / "stream", "0.2.0", expected_documents=40)
    assert following.manifest["changes"]["relabelled"] == {"teaser -> boilerplate": 1}
    assert following.manifest["previous_version"] == "0.1.0"


def test_the_streaming_writer_keeps_the_content_hashes_of_the_in_memory_path(tmp_path: Path) -> None:
    tables = tables_for(corpus(range(40)))
    assert {name: content_sha256(tables.table(name), name) for name in ("documents", "spans")} == GOLDEN_40
    streamed = release_module.write_release_stream(iter(groups_for(corpus(range(40)))), tmp_path, "0.1.0")
    assert {name: entry["content_sha256"] for name, entry in streamed.manifest["tables"].items()} == GOLDEN_40


def test_the_streaming_writer_reports_what_validation_of_the_whole_tables_reports(tmp_path: Path, monkeypatch) -> None:
    from schemas.validate import validate_tables

    monkeypatch.setattr(release_module, "DOCS_PER_BUCKET", 5)
    monkeypatch.setattr(release_module, "VALIDATE_DOCS", 2)
    groups = groups_for(corpus(range(30)))
    broken = []
    for number, group in enumerate(groups):
        if number % 4 == 1 and group.spans:
            spans = [dict(group.spans[0], text="not the slice"), *group.spans[1:]]
            group = release_module.RowGroup(group.document, spans)  # the documents table's spans are these
        broken.append(group)
    whole = collect_tables(iter(broken))
    expected = validate_tables(whole.documents, whole.spans, source="release")
    assert not expected.ok
    asked = []

    def annotation_file(doc_id: str, annotation_id: str) -> str:
        asked.append(doc_id)
        return f"store/{annotation_id}.jsonl"

    with pytest.raises(release_module.ReleaseValidationError) as raised:
        release_module.write_release_stream(iter(broken[::-1]), tmp_path / "releases", "0.1.0", expected_documents=30,
                                            annotation_file=annotation_file)
    assert raised.value.report.to_json() == expected.to_json()
    assert list((tmp_path / "releases").iterdir()) == []
    # The error names the annotation behind each failing document shown, and its file; only those are looked up.
    failing = {failure.doc_id for failure in expected.failures}
    released = {group.document["doc_id"]: group.document["annotation_ids"][0] for group in broken
                if group.document["doc_id"] in failing}
    assert set(asked) == failing
    for doc_id in {failure.doc_id for failure in expected.failures[:10]}:
        assert f"[from annotation {released[doc_id]} in store/{released[doc_id]}.jsonl]" in str(raised.value)


def test_a_repeated_document_is_refused_by_the_streaming_writer(tmp_path: Path) -> None:
    groups = groups_for(corpus(range(3)))
    with pytest.raises(InputError, match="occurs twice"):
        release_module.write_release_stream(iter([*groups, groups[1]]), tmp_path / "releases", "0.1.0")
    assert list((tmp_path / "releases").iterdir()) == []


def test_a_release_is_verified_a_batch_at_a_time_with_the_hashes_of_the_whole(tmp_path: Path, monkeypatch) -> None:
    groups = groups_for(corpus(range(12)))
    streamed = release_module.write_release_stream(iter(groups), tmp_path / "stream", "0.1.0")
    shuffled = tables_for(corpus(range(12)))
    order = random.Random(3).sample(range(shuffled.spans.num_rows), shuffled.spans.num_rows)
    written = write_release(ReleaseTables(shuffled.documents.take(list(range(11, -1, -1))), shuffled.spans.take(order)),
                            tmp_path / "memory", "0.1.0", row_group_size=5)
    for outcome in (streamed, written):
        for name in ("documents", "spans"):
            expected = outcome.manifest["tables"][name]["content_sha256"]
            assert release_module.file_content_sha256(outcome.path / f"{name}.parquet", name) == expected
        ReleaseStore(outcome.path.parent).open("0.1.0")
    path = streamed.path / "spans.parquet"
    table = pq.read_table(path)
    os.chmod(path, 0o644)
    pq.write_table(table.set_column(table.schema.get_field_index("label"), "label",
                                    pa.array(["article"] * table.num_rows)), path)
    with pytest.raises(InputError, match="content hash"):
        ReleaseStore(streamed.path.parent).open("0.1.0")


# Any value the release column types can hold: control characters, quotes, backslashes, astral characters,
# nulls at every level, extreme integers, floats Python writes in exponent form.
_strings = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_rows = st.fixed_dictionaries({
    "id": _strings,
    "text": st.none() | _strings,
    "n": st.integers(-2**63, 2**63 - 1),
    "flag": st.none() | st.booleans(),
    "score": st.none() | st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([1e-05, 1e16, 0.0, -0.0]),
    "tags": st.none() | st.lists(st.none() | _strings, max_size=3),
    "spans": st.lists(st.none() | st.fixed_dictionaries({"end": st.integers(0, 10**6), "label": _strings,
                                                         "score": st.none() | st.floats(0, 1)}), max_size=3),
})
_ROW_SCHEMA = pa.schema([
    ("id", pa.string()), ("text", pa.string()), ("n", pa.int64()), ("flag", pa.bool_()), ("score", pa.float64()),
    ("tags", pa.list_(pa.string())),
    ("spans", pa.list_(pa.struct([("label", pa.string()), ("end", pa.int64()), ("score", pa.float64())]))),
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_rows, max_size=12), st.integers(0, 3), st.integers(1, 5))
def test_the_arrow_content_hash_writes_the_json_lines_of_content_hash(rows, skip, batch_rows) -> None:
    table = pa.Table.from_pylist(sorted(rows, key=lambda row: row["id"]), schema=_ROW_SCHEMA).slice(skip)
    reference, arrow = ReferenceContentHash(), release_module.TableHash()
    for batch in table.to_batches(max_chunksize=batch_rows):  # slices of slices: offsets past 0 at every level
        reference.update(batch, "id")
        arrow.update(batch, "id")
    assert arrow.hexdigest() == reference.hexdigest() and arrow.rows == reference.rows == table.num_rows


def test_the_content_hash_escapes_every_kind_of_character_as_json_does() -> None:
    # Arrow escapes backslashes, quotes, newlines, carriage returns and tabs; json escapes a value holding any
    # other control character (here with the Arrow-escaped ones in the same value, and in other rows).
    texts = ["plain", 'a "quote" and a \\ backslash', "line\nbreak\r\ttab", "bell\x07 and\x0b\x0c\x1f\n\"",
             "\x00", None, "é 😀 \u2028"]
    table = pa.table({"id": [f"{number:02d}" for number in range(len(texts))], "text": texts})
    reference, arrow = ReferenceContentHash(), release_module.TableHash()
    reference.update(table, "id")
    arrow.update(table, "id")
    assert arrow.hexdigest() == reference.hexdigest()


def test_the_arrow_content_hash_refuses_rows_out_of_id_order() -> None:
    hasher = release_module.TableHash()
    hasher.update(pa.table({"id": ["a", "c"]}), "id")
    with pytest.raises(ValueError, match="'b' after 'c'"):
        hasher.update(pa.table({"id": ["b"]}), "id")
    with pytest.raises(ValueError, match="'a' after 'b'"):
        release_module.TableHash().update(pa.table({"id": ["b", "a"]}), "id")
    with pytest.raises(ValueError, match="'a' after None"):
        release_module.TableHash().update(pa.table({"id": pa.array([None, "a"], pa.string())}), "id")
    with pytest.raises(ValueError, match="not JSON compliant"):
        release_module.TableHash().update(pa.table({"id": ["a"], "score": [float("nan")]}), "id")
