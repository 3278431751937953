"""The annotation store: the line encoder writes exactly the JSON of the stored object, and files staged by an
import reach the store byte-identical to what write_annotations writes, all together or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hypothesis import given
from hypothesis import strategies as st

from annotation.store import (
    StagedStore, annotation_line, annotation_to_json, read_annotations, read_file, write_annotations)
from schemas.labels import LABEL_NAMES
from schemas.records import Annotation, Document, Span

TEXT = "Menu \U0001F3E0\r\n\u201cQuoted\u201d said Ana.\n"


def annotation(annotation_id: str, document: Document, score: float | None = None) -> Annotation:
    """Its spans in the store's order, so that it equals the annotation read back from the store."""
    article = TEXT.index("\u201c")
    spans = (Span.on(TEXT, 0, 6, "boilerplate", score), Span.on(TEXT, article, len(TEXT) - 1, "article", score),
             Span.on(TEXT, article, article + 8, "quote", score))
    return Annotation(annotation_id=annotation_id, doc_id=document.doc_id, text_sha256=document.text_sha256,
                      origin="human", spans=spans, annotator="ana@example.com", lead_time=3.5,
                      labelstudio={"project": 1, "task": 2})


@given(text=st.text(min_size=1), data=st.data())
def test_a_line_is_the_json_of_the_stored_object(text, data):
    """Any text (quotes, backslashes, control characters, astral characters) and any score."""
    bounds = sorted(data.draw(st.sets(st.integers(0, len(text)), min_size=2)))
    spans = tuple(Span(start, end, data.draw(st.sampled_from(LABEL_NAMES)), text[start:end],
                       data.draw(st.none() | st.floats(0, 1) | st.sampled_from([0, 1])))
                  for start, end in zip(bounds, bounds[1:]))
    stored = Annotation(annotation_id='a"\\', doc_id="0" * 16, text_sha256="0" * 64, origin="human",
                        spans=spans, annotator=text, lead_time=data.draw(st.none() | st.floats(0, 1e9)),
                        labelstudio={"note": text})
    assert annotation_line(stored) == json.dumps(annotation_to_json(stored), ensure_ascii=False)


def test_staged_files_reach_the_store_as_write_annotations_writes_them(tmp_path):
    document = Document.from_text(TEXT, sources=("seeds/page.txt",))
    first, second = annotation("b", document), annotation("a", document, 0.5)
    write_annotations(tmp_path / "merged", [first, second])
    store = tmp_path / "store"
    with StagedStore(store) as staged:
        assert staged.add_new(document.doc_id, annotation_line(first))
        assert not staged.add_new(document.doc_id, annotation_line(second)), "the document's file is staged"
        assert staged.merge([second, first]) == (1, 1)
        assert not store.exists(), "nothing reaches the store before the commit"
        staged.commit()
    name = f"{document.doc_id}.jsonl"
    assert (store / name).read_bytes() == (tmp_path / "merged" / name).read_bytes()
    assert [a.annotation_id for a in read_file(store / name)] == ["a", "b"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["merged", "store"], "the staging folder is gone"


def test_staged_files_merge_with_and_replace_stored_ones_only_at_the_commit(tmp_path):
    document = Document.from_text(TEXT)
    other = Document.from_text("Other page.")
    stored_other = Annotation(annotation_id="o", doc_id=other.doc_id, text_sha256=other.text_sha256,
                              origin="human", annotator="bo", spans=(Span.on(other.text, 0, 11, "article"),))
    store = tmp_path / "store"
    write_annotations(store, [annotation("a", document), stored_other])
    before = {path.name: path.read_bytes() for path in store.iterdir()}
    with StagedStore(store) as staged:
        assert staged.merge([annotation("a", document), annotation("b", document)]) == (1, 1)
        assert {path.name: path.read_bytes() for path in store.iterdir()} == before
        staged.commit()
    write_annotations(tmp_path / "expected", [annotation("a", document), annotation("b", document), stored_other])
    assert {path.name: path.read_bytes() for path in store.iterdir()} == \
        {path.name: path.read_bytes() for path in (tmp_path / "expected").iterdir()}


def test_leaving_without_commit_discards_everything_staged(tmp_path):
    document = Document.from_text(TEXT)
    store = tmp_path / "annotations"
    write_annotations(store, [annotation("a", document)])
    before = {path.name: path.read_bytes() for path in store.iterdir()}
    try:
        with StagedStore(store) as staged:
            staged.merge([annotation("b", document)])
            staged.add_new(Document.from_text("New page.").doc_id, annotation_line(annotation("c", document)))
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert {path.name: path.read_bytes() for path in store.iterdir()} == before
    assert [path.name for path in tmp_path.iterdir()] == ["annotations"]
    assert [a.annotation_id for a in read_annotations(store)] == ["a"]


def test_a_new_file_the_writer_cannot_create_fails_the_commit_naming_it(tmp_path):
    """New documents' files are created by a child process: a file it cannot create (here: one already
    there) is an error naming the file, and nothing reaches the store."""
    first, second = Document.from_text(TEXT), Document.from_text("Second page.")
    store = tmp_path / "annotations"
    with StagedStore(store) as staged:
        assert staged.add_new(first.doc_id, annotation_line(annotation("a", first)))
        in_the_way = staged.folder / f"{second.doc_id}.jsonl"
        in_the_way.write_text("not an annotation\n")
        assert staged.add_new(second.doc_id, annotation_line(annotation("b", first)))
        with pytest.raises(OSError, match=rf"{second.doc_id}\.jsonl: File exists"):
            staged.commit()
    assert not store.exists()
    assert list(tmp_path.iterdir()) == [], "the staging folder is gone"


def test_many_new_files_reach_the_store_through_the_writer(tmp_path):
    """More new files than one send to the writer process holds, each byte-identical to write_annotations'."""
    documents = [Document.from_text(f"Page number {n}.") for n in range(600)]
    annotations = [Annotation(annotation_id=f"a{n}", doc_id=document.doc_id, text_sha256=document.text_sha256,
                              origin="human", annotator="ana" * 1000,
                              spans=(Span.on(document.text, 0, len(document.text), "article"),))
                   for n, document in enumerate(documents)]
    store = tmp_path / "annotations"
    with StagedStore(store) as staged:
        for item in annotations:
            assert staged.add_new(item.doc_id, annotation_line(item))
        staged.commit()
    write_annotations(tmp_path / "expected", annotations)
    assert {path.name: path.read_bytes() for path in store.iterdir()} == \
        {path.name: path.read_bytes() for path in (tmp_path / "expected").iterdir()}


def test_only_the_staging_folders_of_killed_imports_are_removed(tmp_path):
    """A running import's staging folder (locked) stays, and so does an empty one (being made); one whose
    import was killed (its lock gone with the process) is removed, by whichever import comes next."""
    import signal
    import subprocess
    import sys

    document = Document.from_text(TEXT)
    store = tmp_path / "annotations"
    killed = subprocess.Popen([sys.executable, "-c", f"""
import sys, time
sys.path.insert(0, {str(Path(__file__).parent.parent)!r})
from annotation.store import StagedStore
staged = StagedStore({str(store)!r})
(staged.folder / "x.jsonl").write_text("staged")
print(staged.folder.parent, flush=True)
time.sleep(600)
"""], stdout=subprocess.PIPE, text=True)
    killed_folder = Path(killed.stdout.readline().strip())
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    killed.stdout.close()
    being_made = tmp_path / ".annotations.import-empty"
    being_made.mkdir()
    other_store = tmp_path / ".other.import-1"
    other_store.mkdir()
    (other_store / "x").write_text("another store's")
    with StagedStore(store) as running:
        running.add_new(document.doc_id, annotation_line(annotation("a", document)))
        assert killed_folder.exists()
        assert StagedStore(store).remove_abandoned() == [killed_folder]
        assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
            [being_made.name, other_store.name, running.folder.parent.name])
        running.commit()
    assert StagedStore(store).remove_abandoned() == []
    assert [a.annotation_id for a in read_annotations(store)] == ["a"]
