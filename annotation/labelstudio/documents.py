"""Where the documents of a Label Studio round trip come from: a release folder or input pages.

A release folder holds ``documents.parquet`` and ``spans.parquet``; its machine-origin spans are the
pre-annotations sent as predictions. Input pages are ingested with ``corpus.ingest`` (the same code that
builds the corpus, so the text and its hash are exactly the corpus's).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schemas.errors import ConfigError, InputError
from schemas.records import Annotation, Document, Span, text_sha256

DOCUMENTS_FILE = "documents.parquet"
SPANS_FILE = "spans.parquet"


@dataclass(slots=True)
class DocumentSet:
    """Documents by id, with the machine annotations (pre-annotations) known for them."""

    documents: dict[str, Document]
    machine: dict[str, list[Annotation]] = field(default_factory=dict)
    origin: str = ""

    def select(self, doc_ids: Sequence[str]) -> list[Document]:
        """The documents named by ``doc_ids`` (all when empty), or InputError naming the unknown ones."""
        if not doc_ids:
            return list(self.documents.values())
        unknown = [doc_id for doc_id in doc_ids if doc_id not in self.documents]
        if unknown:
            raise InputError(f"unknown document id(s) {', '.join(unknown)} in {self.origin}")
        return [self.documents[doc_id] for doc_id in dict.fromkeys(doc_ids)]


def latest_release(releases: Path) -> Path:
    """The folder of the newest release under ``releases``."""
    from corpus.release import ReleaseStore

    store = ReleaseStore(releases)
    version = store.latest()
    if version is None:
        raise ConfigError(f"no release under {releases}; run `corpus build` first, or pass --release PATH "
                          "or page files")
    return store.path(version)


def read_release(folder: Path) -> DocumentSet:
    """The documents of a release folder and its machine-origin spans grouped into annotations."""
    from corpus.release import ReleaseStore

    folder = Path(folder)
    tables = ReleaseStore(folder.parent).read(folder.name).tables
    documents: dict[str, Document] = {}
    for number, row in enumerate(tables.documents.select(["doc_id", "text", "sources", "url", "title"]).to_pylist()):
        try:
            documents[row["doc_id"]] = Document(doc_id=row["doc_id"], text=row["text"],
                                                sources=tuple(row["sources"] or ()), url=row["url"],
                                                title=row["title"])
        except ValueError as error:
            raise InputError(f"{folder / DOCUMENTS_FILE}: row {number} (doc_id {row['doc_id']!r}): {error}") from None
    grouped: dict[tuple[str, str, str], list[Span]] = {}
    columns = ["doc_id", "label", "start", "end", "origin", "annotation_id", "model_version", "score"]
    for number, row in enumerate(tables.spans.select(columns).to_pylist()):
        if row["origin"] != "machine":
            continue
        document = documents.get(row["doc_id"])
        if document is None:
            raise InputError(f"{folder / SPANS_FILE}: row {number}: doc_id {row['doc_id']!r} is not in {DOCUMENTS_FILE}")
        try:
            span = Span.on(document.text, row["start"], row["end"], row["label"], row["score"])
        except ValueError as error:
            raise InputError(f"{folder / SPANS_FILE}: row {number} (doc_id {row['doc_id']}): {error}") from None
        grouped.setdefault((row["doc_id"], row["annotation_id"], row["model_version"]), []).append(span)
    machine: dict[str, list[Annotation]] = {}
    for (doc_id, annotation_id, model_version), doc_spans in grouped.items():
        document = documents[doc_id]
        machine.setdefault(doc_id, []).append(Annotation(
            annotation_id=annotation_id, doc_id=doc_id, text_sha256=document.text_sha256, origin="machine",
            model_version=model_version, spans=tuple(doc_spans),
            source=document.sources[0] if document.sources else None))
    return DocumentSet(documents=documents, machine=machine, origin=str(folder))


def read_pages(paths: Iterable[Path]) -> DocumentSet:
    """Ingest input pages (files or folders) with ``corpus.ingest``, exactly as the corpus build does."""
    from corpus.ingest import ingest_paths, merge_documents

    paths = [Path(path) for path in paths]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        raise ConfigError(f"no such file or folder: {', '.join(missing)}")
    documents = {document.doc_id: document for document in merge_documents(ingest_paths(paths))}
    return DocumentSet(documents=documents, origin=", ".join(str(path) for path in paths))


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    """What an import needs of one corpus document: its text's hash, its first source and, when the index
    holds it, its text."""

    doc_id: str
    text_sha256: str
    source: str | None
    held_text: str | None


class DocumentIndex:
    """The corpus documents an import checks Label Studio tasks against, by id.

    Built from pages (``from_pages``) it keeps no text, only each text's SHA-256 and first source, in
    flat arrays with a hash table over them (no object per document), so its memory stays small and does not grow
    with the texts: a task's own ``data.text`` is used once it hashes to the document's SHA-256 (equal
    hashes, equal texts), and a document's text is read again from its page only for a task that does
    not carry it. Built from documents in memory (``of``) it holds the texts.
    """

    def __init__(self, origin: str, root: Path | None = None) -> None:
        self.origin = origin
        self._root = root
        self._documents: dict[str, Document] = {}
        # From pages, in the order they were read: the i-th page's 32-byte SHA-256 digest and its UTF-8
        # source at _sources[_source_ends[i - 1]:_source_ends[i]] (a doc_id is its digest's first 8 bytes);
        # _slots is an open-addressing hash table (linear probing) over the doc_ids: each slot holds a page's
        # number + 1 (0: empty), of the first page of each text only. Kept in read order rather than copied
        # into digest order: the copy doubled the index's peak memory; and a table made once every page is
        # read, not a sort, which needed an int object per page at the index's peak.
        self._digests = bytearray()
        self._sources = bytearray()
        self._source_ends = array("Q")
        self._slots = array("I")
        self._pages = 0  # the distinct texts in _slots

    @classmethod
    def of(cls, documents: Mapping[str, Document], origin: str = "documents in memory") -> DocumentIndex:
        index = cls(origin)
        index._documents.update(documents)
        return index

    @classmethod
    def from_pages(cls, paths: Iterable[Path],
                   progress: Callable[[Iterable[Document], str], Iterable[Document]] | None = None) -> DocumentIndex:
        """Ingest input pages (files or folders) with ``corpus.ingest``, exactly as the corpus build does,
        one at a time; a text found in several pages keeps its first source, as ``merge_documents`` does.
        ``progress`` wraps the pages as they are read (e.g. ``corpus.progress.track``)."""
        from corpus.config import find_root
        from corpus.ingest import ingest_paths

        paths = [Path(path) for path in paths]
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise ConfigError(f"no such file or folder: {', '.join(missing)}")
        root = find_root()
        index = cls(", ".join(str(path) for path in paths), root)
        digests, sources, ends = index._digests, index._sources, index._source_ends
        documents: Iterable[Document] = ingest_paths(paths, root)
        if progress is not None:
            documents = progress(documents, "indexing pages")
        for document in documents:
            digests += bytes.fromhex(document.text_sha256)
            sources += (document.sources[0] if document.sources else "").encode("utf-8")
            ends.append(len(sources))
        index._fill_slots()
        return index

    def _fill_slots(self) -> None:
        """The hash table of the pages read: at most half full, so probes stay short. Pages are entered in
        read order, so of pages with the same doc_id (the same text) the first read stays."""
        digests, pages = self._digests, len(self._source_ends)
        size = 1 << max(pages * 2, 1).bit_length()
        mask = size - 1
        slots = self._slots = array("I", [0]) * size
        for page in range(pages):
            key = digests[32 * page:32 * page + 8]
            # The low bits of a doc_id (the first 8 bytes of a SHA-256) are as random as any.
            slot = int.from_bytes(key, "big") & mask
            while True:
                held = slots[slot]
                if not held:
                    slots[slot] = page + 1
                    self._pages += 1
                    break
                if digests[32 * held - 32:32 * held - 24] == key:
                    break
                slot = (slot + 1) & mask

    def __len__(self) -> int:
        return len(self._documents) + self._pages

    def get(self, doc_id: str) -> IndexedDocument | None:
        document = self._documents.get(doc_id)
        if document is not None:
            return IndexedDocument(doc_id, document.text_sha256, document.sources[0] if document.sources else None,
                                   document.text)
        if len(doc_id) != 16:
            return None
        try:
            key = bytes.fromhex(doc_id)
        except ValueError:
            return None
        digests, slots = self._digests, self._slots
        if not slots:
            return None
        mask = len(slots) - 1
        slot = int.from_bytes(key, "big") & mask
        while True:
            held = slots[slot]
            if not held:
                return None
            if digests[32 * held - 32:32 * held - 24] == key:
                break
            slot = (slot + 1) & mask
        page = held - 1
        digest = digests[32 * page:32 * page + 32].hex()
        if digest[:16] != doc_id:  # doc ids are lowercase hex: "ABC..." names no document
            return None
        source = self._sources[self._source_ends[page - 1] if page else 0:self._source_ends[page]].decode("utf-8")
        return IndexedDocument(doc_id, digest, source or None, None)

    def text(self, document: IndexedDocument, offered: str | None, offered_sha256: str | None = None) -> str:
        """The text of ``document``: the one held, else ``offered`` (a task's ``data.text``; its hash
        ``offered_sha256`` when already known) if it is the document's text, else the page read again."""
        if document.held_text is not None:
            return document.held_text
        if isinstance(offered, str):
            if offered_sha256 is None:
                offered_sha256 = text_sha256(offered)
            if offered_sha256 == document.text_sha256:
                return offered
        return self._reread(document)

    def _reread(self, document: IndexedDocument) -> str:
        from corpus.ingest import read_page

        source = document.source or ""
        # A source outside the project is named as it was given, relative to the working directory.
        for path in dict.fromkeys((self._root / source if self._root else Path(source), Path(source))):
            if path.is_file():
                text = read_page(path, source).text
                if text_sha256(text) == document.text_sha256:
                    return text
        raise InputError(f"document {document.doc_id} ({self.origin}): its page {source!r} no longer holds the "
                         "text it had when the import began; import again")
