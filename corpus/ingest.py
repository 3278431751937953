"""The ingest stage: text and HTML files (and folders of them) become ``Document`` records.

A ``.txt`` file is decoded as UTF-8 and kept exactly (one leading byte-order mark is not part of the
text; nothing else changes); an HTML file (``.html``, ``.htm``, optionally gzipped) is rendered to its
visible text by ``corpus.html.parse_html``. The same text read from several files is one document
listing every source in input order. Nothing is silently dropped: a file that cannot be used is set
aside as a ``Reject`` with its reason (undecodable bytes name the byte offset), and files of other
types are listed as ``Skipped``.

Sources are named by their path relative to the project root when they are under it (otherwise as
given), with ``/`` separators, so ids, sources and release hashes do not depend on the checkout path.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from corpus.config import find_root, name_under
from corpus.html import HtmlPage, UndecodableError, UnparsableError, decode_strict, parse_html
from corpus.progress import track
from schemas.errors import ConfigError, InputError
from schemas.records import NON_WHITESPACE_RE, Document

if TYPE_CHECKING:
    import pyarrow as pa

# File name endings read by ingest (matched case-insensitively) and how each is read.
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
UTF8_BOM = b"\xef\xbb\xbf"

# Why a file was set aside.
REJECT_REASONS = ("undecodable", "unparsable", "empty", "invalid-gzip", "unreadable")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path ingest does not read (an unsupported type, a hidden file), listed with the reason."""

    path: Path
    reason: str

    @property
    def file_type(self) -> str:
        """What kind of path it is, for counting: its suffix, or a description when it has none."""
        if self.path.name.startswith("."):
            return "hidden"
        return self.path.suffix.lower() or "(no suffix)"


@dataclass(frozen=True, slots=True)
class Reject:
    """A file set aside: its source name, a reason from ``REJECT_REASONS`` and a human-readable detail."""

    source: str
    reason: str
    detail: str

    def __post_init__(self) -> None:
        if self.reason not in REJECT_REASONS:
            raise ValueError(f"unknown reject reason {self.reason!r}; valid: {', '.join(REJECT_REASONS)}")

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason, "detail": self.detail}


class RejectedPage(InputError):
    """A page that cannot become a document; set it aside (``reject``) and go on with the others."""

    def __init__(self, reject: Reject) -> None:
        self.reject = reject
        super().__init__(f"{reject.source}: {reject.detail}")


class NothingToIngest(InputError):
    """No document came out of the paths given; ``result`` tells what was rejected and skipped."""

    def __init__(self, message: str, result: IngestResult) -> None:
        self.result = result
        super().__init__(message)


class RejectLog:
    """The rejects report: JSON Lines of ``{"source", "reason", "detail"}``, written atomically.

    Use as a context manager; the file appears complete when the block ends normally or with an
    ``InputError`` (so a run with nothing usable still reports why), and not at all otherwise.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.rejects: list[Reject] = []

    def add(self, reject: Reject) -> None:
        self.rejects.append(reject)

    def __enter__(self) -> RejectLog:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if kind is None or issubclass(kind, InputError):
            self.write()

    def write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=self.path.parent, prefix=f".{self.path.name}.", delete=False
        )
        try:
            with handle:
                for reject in self.rejects:
                    handle.write(json.dumps(reject.to_json(), ensure_ascii=False) + "\n")
            os.replace(handle.name, self.path)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Documents in order of first appearance, with what was set aside and what was skipped."""

    documents: tuple[Document, ...]
    rejects: tuple[Reject, ...]
    skipped: tuple[Skipped, ...]

    @property
    def files_read(self) -> int:
        return sum(len(document.sources) for document in self.documents) + len(self.rejects)

    @property
    def merged_duplicates(self) -> int:
        """Sources whose text was already read from an earlier source."""
        return sum(len(document.sources) - 1 for document in self.documents)

    def rejects_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(reject.reason for reject in self.rejects).items()))

    def skipped_by_type(self) -> dict[str, int]:
        return dict(sorted(Counter(skipped.file_type for skipped in self.skipped).items()))

    def summary(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "files_read": self.files_read,
            "merged_duplicates": self.merged_duplicates,
            "rejects": len(self.rejects),
            "rejects_by_reason": self.rejects_by_reason(),
            "skipped": len(self.skipped),
            "skipped_by_type": self.skipped_by_type(),
        }


def is_supported(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


def iter_input_files(paths: Sequence[Path]) -> Iterator[Path | Skipped]:
    """The files to read, in a deterministic order: the arguments in the order given, folders walked
    recursively with entries sorted by name (code point order). Unsupported files, hidden files and
    folders (names starting with ``.``) and symbolic links to folders are yielded as ``Skipped``.
    A path that does not exist is a ``ConfigError``."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path if is_supported(path) else _unsupported(path)
        else:
            raise ConfigError(f"{path}: no such file or folder to ingest")


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    # Names and kinds, not the DirEntry objects: a folder of 100k pages held as entries while sorting was
    # the largest allocation of a Label Studio import's page index. The kinds come from the directory
    # listing itself (no stat per file, except for symbolic links).
    with os.scandir(folder) as scan:
        entries = sorted((entry.name, _kind(entry)) for entry in scan)
    for name, kind in entries:
        path = folder / name
        if name.startswith("."):
            yield Skipped(path, "hidden file or folder")
        elif kind == "folder":
            yield from _walk(path)
        elif kind == "linked folder":
            yield Skipped(path, "symbolic link to a folder (not followed)")
        elif kind == "file" and is_supported(path):
            yield path
        else:
            yield _unsupported(path)


def _kind(entry: os.DirEntry) -> str:
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    if entry.is_dir():
        return "linked folder"
    return "file" if entry.is_file() else "other"


def _unsupported(path: Path) -> Skipped:
    return Skipped(path, f"unsupported file type; ingest reads {', '.join(SUPPORTED_SUFFIXES)}")


def source_name(path: Path, root: Path | None = None) -> str:
    """``path`` relative to the project ``root`` (``/``-separated) when under it, else as given."""
    root = _resolved(find_root() if root is None else Path(root))
    # The absolute path first; resolving links (a syscall per component) only when that is not under root.
    relative = name_under(os.path.abspath(path), str(root))
    if relative is not None:
        return relative
    resolved = Path(path).resolve()
    if resolved.is_relative_to(root):
        return resolved.relative_to(root).as_posix()
    return Path(path).as_posix()


@functools.lru_cache(maxsize=16)
def _resolved(root: Path) -> Path:
    return root.resolve()


def read_page(path: Path, source: str | None = None) -> Document:
    """The document read from one file; ``source`` names it (default: ``source_name(path)``).
    Raises ``RejectedPage`` (an ``InputError``) when the file cannot be used, with the reason."""
    path = Path(path)
    source = source_name(path) if source is None else source
    name = path.name.lower()
    if not name.endswith(SUPPORTED_SUFFIXES):
        raise InputError(f"{source}: unsupported file type; ingest reads {', '.join(SUPPORTED_SUFFIXES)}")
    data = _page_bytes(path, source)
    if name.endswith(TEXT_SUFFIXES):
        return _text_document(data, source)
    return _html_document(data, source)


def _page_bytes(path: Path, source: str) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RejectedPage(Reject(source, "unreadable", f"cannot read the file: {error.strerror}")) from None
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise RejectedPage(Reject(source, "invalid-gzip", f"not a valid gzip file: {error}")) from None
    return data


def html_page_of(document: Document, root: Path) -> HtmlPage | None:
    """The parsed DOM of an HTML document, re-read from its first HTML source (relative sources are under
    ``root``); None for text pages, or when no HTML source renders to the document's text any more.
    Pages are re-read on demand rather than kept, so memory does not grow with the corpus."""
    for source in document.sources:
        if not source.lower().endswith(HTML_SUFFIXES):
            continue
        # A source outside the project is named as it was given, relative to the working directory.
        for path in (Path(root) / source, Path(source)):
            if path.is_file():
                page = parse_html(_page_bytes(path, source), source)
                if page.text == document.text:
                    return page
                break
    return None


def _text_document(data: bytes, source: str) -> Document:
    skip = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        text = decode_strict(data, source, "utf-8", skip)
    except UndecodableError as error:
        raise RejectedPage(Reject(source, "undecodable", error.description)) from None
    if not text:
        raise RejectedPage(Reject(source, "empty", "the file has no text"))
    if NON_WHITESPACE_RE.search(text) is None:
        raise RejectedPage(Reject(source, "empty", f"the text is white space only ({len(text)} characters)"))
    return Document.from_text(text, sources=(source,))


def _html_document(data: bytes, source: str) -> Document:
    try:
        page = parse_html(data, source)
    except UndecodableError as error:
        raise RejectedPage(Reject(source, "undecodable", error.description)) from None
    except UnparsableError as error:
        raise RejectedPage(Reject(source, "unparsable", error.description)) from None
    if not page.text:
        raise RejectedPage(Reject(source, "empty", "the page has no visible text"))
    return Document.from_text(page.text, sources=(source,), url=page.url, title=page.title)


def read_pages(files: Iterable[Path | Skipped], root: Path | None = None) -> Iterator[Document | Reject | Skipped]:
    """The streaming stage: one ``Document`` or ``Reject`` per file, ``Skipped`` entries passed through."""
    root = find_root() if root is None else Path(root)
    for item in files:
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            yield read_page(item, source_name(item, root))
        except RejectedPage as rejected:
            yield rejected.reject


def ingest_paths(paths: Sequence[Path], root: Path | None = None) -> Iterator[Document]:
    """Every document read from ``paths``, one per file in input order and not merged, for callers that
    cannot set pages aside: raises ``RejectedPage`` at the first file that cannot be used. Files of
    other types (``Skipped``) are not pages and are passed over."""
    for item in read_pages(iter_input_files(paths), root):
        if isinstance(item, Reject):
            raise RejectedPage(item)
        if isinstance(item, Document):
            yield item


def merge_documents(documents: Iterable[Document]) -> list[Document]:
    """One document per text, in order of first appearance, listing every source in input order (each
    once); the title and URL are the first ones found."""
    merged: dict[str, Document] = {}
    for document in documents:
        seen = merged.get(document.doc_id)
        if seen is None:
            merged[document.doc_id] = document
            continue
        new_sources = tuple(source for source in document.sources if source not in seen.sources)
        merged[document.doc_id] = Document(
            doc_id=seen.doc_id,
            text=seen.text,
            sources=seen.sources + new_sources,
            url=seen.url if seen.url is not None else document.url,
            title=seen.title if seen.title is not None else document.title,
        )
    return list(merged.values())


def ingest(paths: Sequence[Path], rejects: RejectLog | None = None, root: Path | None = None,
           engine: Any = None) -> IngestResult:
    """Read ``paths`` (files and folders) into documents merged by text, with a progress bar.

    Rejects are recorded in ``rejects`` when given and always returned; raises ``InputError`` when no
    document came out of the paths at all (``NothingToIngest``, carrying the result). ``engine``
    (``corpus.engine``; default: this process) reads the pages."""
    from corpus.engine import run_stages

    files = list(iter_input_files(paths))
    documents: list[Document] = []
    set_aside: list[Reject] = []
    skipped: list[Skipped] = []
    root = find_root() if root is None else Path(root)
    read = functools.partial(read_pages, root=root)
    for item in track(run_stages([read], files, engine), "ingest", total=len(files)):
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, Reject):
            set_aside.append(item)
            if rejects is not None:
                rejects.add(item)
        else:
            skipped.append(item)
    result = IngestResult(tuple(merge_documents(documents)), tuple(set_aside), tuple(skipped))
    if not result.documents:
        given = ", ".join(str(path) for path in paths)
        rejected = _counted(result.rejects_by_reason())
        passed_over = _counted(result.skipped_by_type())
        raise NothingToIngest(
            f"nothing usable in {given}: {len(set_aside)} file(s) rejected{rejected}, {len(skipped)} skipped"
            f"{passed_over}; ingest reads {', '.join(SUPPORTED_SUFFIXES)}",
            result,
        )
    return result


def _counted(counts: dict[str, int]) -> str:
    return f" ({', '.join(f'{key}: {count}' for key, count in counts.items())})" if counts else ""


class SpilledIngest:
    """``ingest`` in bounded memory: the pages are read once (by ``engine``), each new text is appended to
    an Arrow spill file in a temporary folder under ``folder`` with the sources of its first copy, and only
    an index of ids stays in memory (the set of doc_ids; for a text read again, its merged sources and the
    URL and title a later copy brings). ``documents()`` streams the merged documents back in order of first
    appearance, as ``ingest`` returns them. Use it as a context manager: the spill is removed at the end.
    """

    def __init__(self, paths: Sequence[Path], folder: Path, root: Path | None = None, engine: Any = None) -> None:
        from corpus.engine import codecs

        self.paths = list(paths)
        self.root = find_root() if root is None else Path(root)
        from corpus.release import remove_leftovers

        Path(folder).mkdir(parents=True, exist_ok=True)
        remove_leftovers(Path(folder), ".ingest-")  # spills of interrupted runs
        self.folder = Path(tempfile.mkdtemp(dir=folder, prefix=f".ingest-{os.getpid()}-"))
        self.spill = self.folder / "documents.arrow"
        self.codec = codecs()["document"]
        # pyarrow is imported here, not with the module: reading pages (e.g. for a Label Studio import's
        # index) does not need its ~45 MB.
        import pyarrow as pa

        # The text's SHA-256 is spilled with each document: reading it back does not hash the text again.
        self.schema = pa.schema([*self.codec.fields, pa.field("text_sha256", pa.string(), nullable=False)])
        self.rejects: list[Reject] = []
        self.skipped: list[Skipped] = []
        # The ids alone: a dict of every document's sources was 24 MB at 100k pages, most of what ingest
        # kept. A text's first sources are spilled with it; only texts read again keep theirs here (the later
        # copies' sources while reading, merged with the first ones once the spill is written).
        self._doc_ids: set[str] = set()
        self._merged_sources: dict[str, tuple[str, ...]] = {}
        self._url_title: dict[str, tuple[str | None, str | None]] = {}
        self._sources_count = 0
        # Names, not Path objects (a third of the memory): the input listing of the release needs them all.
        self.files: list[str | Skipped] = [item if isinstance(item, Skipped) else os.fspath(item)
                                           for item in iter_input_files(self.paths)]
        try:
            self._read(engine)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def __enter__(self) -> SpilledIngest:
        return self

    def __exit__(self, *exc_info: object) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def documents_count(self) -> int:
        return len(self._doc_ids)

    def _read(self, engine: Any) -> None:
        from corpus.engine import run_stages

        import pyarrow as pa

        read = functools.partial(read_pages, root=self.root)
        buffer: list[Document] = []
        with pa.OSFile(str(self.spill), "wb") as sink, pa.ipc.new_stream(sink, self.schema) as writer:
            files = (item if isinstance(item, Skipped) else Path(item) for item in self.files)
            for item in track(run_stages([read], files, engine), "ingest", total=len(self.files)):
                if isinstance(item, Reject):
                    self.rejects.append(item)
                elif isinstance(item, Skipped):
                    self.skipped.append(item)
                elif item.doc_id in self._doc_ids:
                    self._merge(item)
                else:
                    self._doc_ids.add(item.doc_id)
                    self._sources_count += len(item.sources)
                    buffer.append(item)
                    if len(buffer) >= 256:
                        writer.write_batch(self._batch(buffer))
                        buffer = []
            if buffer:
                writer.write_batch(self._batch(buffer))
        if self._merged_sources:
            self._merge_first_sources()
        if not self._doc_ids:
            result = IngestResult((), tuple(self.rejects), tuple(self.skipped))
            raise NothingToIngest(
                f"nothing usable in {', '.join(str(path) for path in self.paths)}: {len(self.rejects)} file(s) "
                f"rejected{_counted(result.rejects_by_reason())}, {len(self.skipped)} skipped"
                f"{_counted(result.skipped_by_type())}; ingest reads {', '.join(SUPPORTED_SUFFIXES)}", result)

    def _batch(self, documents: list[Document]) -> pa.RecordBatch:
        import pyarrow as pa

        return pa.RecordBatch.from_pylist([{**self.codec.encode(document), "text_sha256": document.text_sha256}
                                           for document in documents], self.schema)

    def _merge(self, document: Document) -> None:
        """As ``merge_documents``: every source once, in input order (``_merge_first_sources`` puts the first
        copy's before them and leaves out repeats); the first URL and title found."""
        self._merged_sources[document.doc_id] = self._merged_sources.get(document.doc_id, ()) + document.sources
        url, title = self._url_title.get(document.doc_id, (None, None))
        if (url is None and document.url is not None) or (title is None and document.title is not None):
            self._url_title[document.doc_id] = (url if url is not None else document.url,
                                                title if title is not None else document.title)

    def _merge_first_sources(self) -> None:
        """The merged sources of each text read more than once: its first copy's (from the spill), then the
        later copies' not already there, each once."""
        import pyarrow as pa
        import pyarrow.compute as pc

        merged = pa.array(list(self._merged_sources), pa.string())
        with pa.OSFile(str(self.spill)) as source:
            for batch in pa.ipc.open_stream(source):
                read_again = batch.filter(pc.is_in(batch.column("doc_id"), merged))
                for doc_id, first in zip(read_again.column("doc_id").to_pylist(),
                                         read_again.column("sources").to_pylist(), strict=True):
                    sources = tuple(dict.fromkeys((*first, *self._merged_sources[doc_id])))
                    self._sources_count += len(sources) - len(first)
                    self._merged_sources[doc_id] = sources

    def documents(self) -> Iterator[Document]:
        """The merged documents, in order of first appearance. They were checked when they were read: they are
        restored from the spill (``corpus.engine.rebuild``) without their checks and the hashing of their text."""
        import pyarrow as pa

        from corpus.engine import rebuild

        # Read, not memory-mapped: mapped pages would stay resident for the whole stream.
        with pa.OSFile(str(self.spill)) as source:
            for batch in pa.ipc.open_stream(source):
                for row in batch.to_pylist():
                    doc_id = row["doc_id"]
                    url, title = self._url_title.get(doc_id, (None, None))
                    sources = self._merged_sources.get(doc_id)
                    yield rebuild(Document, (doc_id, row["text"], tuple(row["sources"]) if sources is None else sources,
                                             row["url"] if row["url"] is not None else url,
                                             row["title"] if row["title"] is not None else title,
                                             row["text_sha256"]))

    def summary(self) -> dict[str, Any]:
        """``IngestResult.summary()`` of the same pages."""
        return {
            "documents": len(self._doc_ids),
            "files_read": self._sources_count + len(self.rejects),
            "merged_duplicates": self._sources_count - len(self._doc_ids),
            "rejects": len(self.rejects),
            "rejects_by_reason": dict(sorted(Counter(reject.reason for reject in self.rejects).items())),
            "skipped": len(self.skipped),
            "skipped_by_type": dict(sorted(Counter(skipped.file_type for skipped in self.skipped).items())),
        }
