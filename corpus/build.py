"""The main job: pages and human annotations -> a validated, versioned release -> the hub folder.

``run_build`` chains the stages::

    ingest (seeds/) -> attach annotations (seeds/annotations/) -> [pre-annotate] -> select annotation
    -> rows -> tables -> validate + release (dist/releases/<version>/) -> hub folder (dist/hub/)
    -> load it back with datasets.load_dataset -> summary

Each record stage is a function from an iterable of records to an iterable of records (``chain`` only
composes them), so a pre-annotation stage (``AnnotatedDocument`` -> ``AnnotatedDocument`` adding machine
annotations) slots in with ``BuildOptions.extra_stages``.

Rejects are about a run, not a release: every run writes ``dist/rejects/<version>.jsonl`` (replacing
the previous run's file for that version; empty when nothing was set aside), one JSON object per
record set aside, with the stage, reason, source file, record and detail. Running the build again on
the same inputs finds the release and the hub folder up to date and rewrites neither.
"""

from __future__ import annotations

import json
import pickle
import re
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from annotation.store import AnnotationFileError, annotation_from_json, atomic_write_text
from corpus.config import DistLayout, Settings, check_version, load_settings
from corpus.engine import Held, HoldBack, LocalEngine, Stage, add_engine_arguments, chain, engine_from, run_stages
from corpus.hub import DEFAULT_MAX_SHARD_SIZE, CardInfo, HubOutcome, LoadedSplit, load_hub, publish
from corpus.ingest import Skipped
from corpus.progress import track
from corpus.release import (
    AnnotatedDocument,
    AttachAnnotations,
    PathNames,
    Reject,
    ReleaseOutcome,
    ReleaseStore,
    ReleaseTables,
    SelectAnnotations,
    to_rows,
    write_release_stream,
)
from schemas.errors import ConfigError
from schemas.labels import LABEL_NAMES, ORIGINS, SPLITS
from schemas.records import Annotation, Document



@dataclass(frozen=True, slots=True)
class BuildOptions(DistLayout):
    root: Path
    version: str
    version_source: str
    seeds: tuple[Path, ...]
    annotations: Path
    dist: Path
    max_shard_size: str = DEFAULT_MAX_SHARD_SIZE
    card: CardInfo = CardInfo()
    # Machine spans for documents without a human or adjudicated annotation.
    preannotate: bool = True
    # Stages run on AnnotatedDocument records between attaching and selecting annotations.
    extra_stages: tuple[Stage, ...] = ()
    # Where the record stages run (corpus.engine): None is this process.
    engine: Any = None

    @property
    def rejects_file(self) -> Path:
        return self.dist / "rejects" / f"{self.version}.jsonl"


def options_from(settings: Settings, *, version: str | None = None, seeds: Sequence[Path] | None = None,
                 annotations: Path | None = None, dist: Path | None = None,
                 max_shard_size: str | None = None, preannotate: bool = True, engine: Any = None) -> BuildOptions:
    """Options from the command line, defaults from ``settings`` (the project's pyproject and layout)."""
    pyproject = settings.root / "pyproject.toml"
    if version is not None:
        version_source = "--version"
        check_version(version, version_source)
    elif settings.dataset_version is not None:
        version, version_source = settings.dataset_version, f"[tool.corpus] dataset_version in {pyproject}"
    else:
        raise ConfigError(f"no dataset version: set [tool.corpus] dataset_version in {pyproject} or pass --version")
    return BuildOptions(
        root=settings.root,
        version=version,
        version_source=version_source,
        seeds=tuple(seeds) if seeds else (settings.seeds,),
        annotations=annotations if annotations is not None else settings.annotations,
        dist=dist if dist is not None else settings.dist,
        max_shard_size=max_shard_size or DEFAULT_MAX_SHARD_SIZE,
        card=CardInfo(repo_id=settings.hub_repo_id),
        preannotate=preannotate,
        engine=engine,
    )


# --- the release part ----------------------------------------------------------------------------------

# The start of a line as annotation.store writes it (annotation_line): the ids come first, plain strings.
_STORED_IDS = re.compile(rb'\{"annotation_id": "(?P<annotation_id>[^"\\]+)", "document": \{"doc_id": "(?P<doc_id>[^"\\]+)"')


class AnnotationIndex:
    """The annotation store as an index: doc_id -> where its annotations are (file, byte offset, line).

    Every ``*.jsonl`` under the folder is read once for the index: each line must name its annotation and
    document (else the build fails naming the file and line). A document's annotations are read again, parsed
    and checked field by field, when it comes by (``lookup``); the attach stage looks up every indexed
    document, those not in the input included, so every line is checked once. Only the index is
    kept. Any file may hold any document's annotations.
    """

    def __init__(self, folder: Path, root: Path) -> None:
        folder = Path(folder)
        # Names, not Path objects (a third of the memory): one per document in a store of one file each.
        self.files = tuple(sorted(map(str, folder.rglob("*.jsonl")))) if folder.is_dir() else ()
        self._names = PathNames(root)
        self._last_shown: tuple[int, str] = (-1, "")
        # Where each line is, in arrays rather than a tuple of Python ints per line (a list of tuples per
        # document was 34 MB at 100k documents, 13 MB this way): entry i is in file _file[i] at byte
        # _offset[i], line _line[i]; _next[i] is the document's next entry in store order (-1: none).
        # doc_id -> its first entry, and (while indexing) its last.
        self._first: dict[str, int] = {}
        last: dict[str, int] = {}
        self._file, self._offset, self._line, self._next = array("q"), array("q"), array("q"), array("q")
        for number, path in enumerate(self.files):
            offset = 0
            with open(path, "rb") as handle:
                for line_number, line in enumerate(handle, start=1):
                    if line.strip():
                        self._add(self._doc_id(path, line, line_number), number, offset, line_number, last)
                    offset += len(line)
        self.count = len(self._file)

    def _add(self, doc_id: str, number: int, offset: int, line_number: int, last: dict[str, int]) -> None:
        entry = len(self._file)
        self._file.append(number)
        self._offset.append(offset)
        self._line.append(line_number)
        self._next.append(-1)
        before = last.get(doc_id)
        if before is None:
            self._first[doc_id] = entry
        else:
            self._next[before] = entry
        last[doc_id] = entry

    def entries(self, doc_id: str) -> Iterator[tuple[int, int, int]]:
        """(file number, byte offset, line number) of each of the document's annotations, in store order."""
        entry = self._first.get(doc_id, -1)
        while entry != -1:
            yield self._file[entry], self._offset[entry], self._line[entry]
            entry = self._next[entry]

    @staticmethod
    def _json(path: Path, line: bytes, line_number: int) -> Any:
        try:
            return json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            detail = f"invalid JSON at column {error.colno}: {error.msg}" if isinstance(error, json.JSONDecodeError) \
                else f"not UTF-8: {error}"
            raise AnnotationFileError(f"{path}:{line_number}: {detail}") from None

    @classmethod
    def _doc_id(cls, path: Path, line: bytes, line_number: int) -> str:
        """The doc_id of a stored line, checking it names its annotation, without building the annotation. A
        line that starts as the store writes them gives its ids without being parsed here: every indexed line
        is parsed when its document's annotations are read (``lookup``), which names the file and line of bad
        JSON. Any other line is parsed whole, for the error that names the missing field."""
        stored = _STORED_IDS.match(line)
        if stored is not None:
            try:
                stored["annotation_id"].decode("utf-8")
                return stored["doc_id"].decode("utf-8")
            except UnicodeDecodeError:
                pass  # parsed below, for the error naming the line
        obj = cls._json(path, line, line_number)
        try:
            doc_id, annotation_id = obj["document"]["doc_id"], obj["annotation_id"]
        except (KeyError, TypeError):
            doc_id = annotation_id = None
        if isinstance(doc_id, str) and isinstance(annotation_id, str):
            return doc_id
        return annotation_from_json(obj, f"{path}:{line_number}").doc_id

    def shown(self, number: int) -> str:
        """The name of file ``number`` as releases show it (relative to the project root). The last one is
        kept: a file holds lines of one document after another (a store of one file per document, each
        line of a file in turn)."""
        if self._last_shown[0] != number:
            self._last_shown = (number, self._names(self.files[number]))
        return self._last_shown[1]

    def doc_ids(self) -> Iterable[str]:
        return self._first.keys()

    def lookup(self, doc_id: str) -> list[tuple[Annotation, str]]:
        """The document's annotations, in store order, each with the file it is in."""
        found = []
        for number, offset, line_number in self.entries(doc_id):
            with open(self.files[number], "rb") as handle:
                handle.seek(offset)
                where = f"{self.files[number]}:{line_number}"
                obj = self._json(self.files[number], handle.readline(), line_number)
                found.append((annotation_from_json(obj, where), self.shown(number)))
        return found

    def looked_up(self) -> LookedUp:
        """A new record of the indexed documents that came by, for ``AttachAnnotations``."""
        return LookedUp(self._first, len(self._file))

    def file_of(self, doc_id: str, annotation_id: str) -> str | None:
        """The file (as releases show it) the document's annotation ``annotation_id`` was read from, the last
        one when several hold it; None when none does (a machine annotation made by this run)."""
        files = [file for annotation, file in self.lookup(doc_id) if annotation.annotation_id == annotation_id]
        return files[-1] if files else None


class LookedUp:
    """Which documents of an ``AnnotationIndex`` came by, as a flag per indexed document: a set of the ids of
    100k documents, new string objects made as the documents stream by, was 10 MB. A document the index does
    not list is not recorded (looking it up again finds nothing again)."""

    def __init__(self, first: dict[str, int], entries: int) -> None:
        self._first = first
        self._flags = bytearray(entries)

    def __contains__(self, doc_id: str) -> bool:
        entry = self._first.get(doc_id)
        return entry is not None and self._flags[entry] == 1

    def add(self, doc_id: str) -> None:
        entry = self._first.get(doc_id)
        if entry is not None:
            self._flags[entry] = 1


@dataclass
class PreparedRelease:
    """What a release run found besides the tables: rejects, warnings, counts, timings."""

    rejects: list[Reject]
    warnings: list[str]
    ingest_summary: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)


class PreannotateUnannotated:
    """Stage: add the pre-annotator's spans to documents that have no human or adjudicated annotation.

    Template blocks are found from the whole corpus first (``BlockStats`` over ``documents()``, which
    gives the corpus again each time it is called). That pass, and the statistics it keeps, are only paid
    for when a document needs machine spans. HTML pages are re-read for their DOM one at a time.

    Sent to other processes (pickled), the stage carries the pre-annotator, made first, unless it is given a
    ``shared`` file: then it carries the file's name, ``share`` (run here, on the records on their way to the
    workers) writes the pre-annotator there before the first document that needs it goes, and a worker loads
    it when it first needs it. A file for local workers only: Spark's executors cannot read this machine's."""

    def __init__(self, documents: Callable[[], Iterable[Document]], root: Path, shared: Path | None = None) -> None:
        self._documents: Callable[[], Iterable[Document]] | None = documents
        self._annotator: Any = None
        self.root = root
        self.shared = shared
        self._written = False

    @staticmethod
    def passes_through(record: AnnotatedDocument) -> bool:
        """Whether the stage yields the record unchanged: it has a human or adjudicated annotation."""
        return any(annotation.origin != "machine" for annotation in record.annotations)

    @property
    def annotator(self) -> Any:
        if self._annotator is None:
            if self._documents is None:  # a copy sent to a worker with the file's name
                with open(self.shared, "rb") as handle:
                    self._annotator = pickle.load(handle)
            else:
                from annotation.preannotate import BlockStats, Preannotator

                self._annotator = Preannotator(BlockStats.from_documents(self._documents()))
                self._documents = None
        return self._annotator

    def __getstate__(self) -> dict[str, Any]:
        return {"_annotator": self.annotator if self.shared is None else None, "_documents": None,
                "root": self.root, "shared": self.shared, "_written": self._written}

    def share(self, records: Iterable[AnnotatedDocument]) -> Iterator[AnnotatedDocument]:
        """Stage, here (pass-through): writes the pre-annotator to the shared file before the first record
        that needs it goes on."""
        for record in records:
            if not self._written and not self.passes_through(record):
                with open(self.shared, "wb") as handle:
                    pickle.dump(self.annotator, handle, pickle.HIGHEST_PROTOCOL)
                self._written = True
            yield record

    def __call__(self, records: Iterable[AnnotatedDocument | Held]) -> Iterator[AnnotatedDocument | Held]:
        from corpus.ingest import html_page_of

        for record in records:
            if isinstance(record, Held) or self.passes_through(record):
                yield record
                continue
            machine = self.annotator.annotate(record.document, html_page_of(record.document, self.root))
            yield AnnotatedDocument(record.document, (*record.annotations, machine))


def _preannotated(records: Iterable[AnnotatedDocument], documents: Callable[[], Iterable[Document]], root: Path,
                  engine: Any, shared: Path) -> Iterator[AnnotatedDocument]:
    """``records`` after ``PreannotateUnannotated`` run by ``engine``. With local workers, the documents that
    already have a human annotation stay in this process (``HoldBack``) and the pre-annotator goes to the
    workers through the ``shared`` file, written only if a document needs it. In this process nothing crosses;
    Spark reads all its input before giving anything back (held documents would all be in memory) and gets the
    pre-annotator with the stage."""
    if not (isinstance(engine, LocalEngine) and engine.workers > 1):
        return run_stages([PreannotateUnannotated(documents, root)], records, engine)
    machine = PreannotateUnannotated(documents, root, shared)
    annotated = HoldBack(machine.passes_through)
    return chain([annotated.restore], run_stages([machine], chain([machine.share, annotated.hold], records), engine))


# What the pre-annotation stage's workers import: this module (the stage's) and the pre-annotator's, which the
# stage loads from its file.
_PREANNOTATION_MODULES = (__name__, "annotation.preannotate")


def _engine_of(options: BuildOptions) -> Any:
    """``options.engine``; with local workers, one whose fork server also imports the pre-annotation's modules.
    The ingest's pool starts the fork server, and the pre-annotation's pool forks its workers from the same
    server: they start with the modules rather than each import them (a quarter of a CPU-second each)."""
    engine = options.engine
    if options.preannotate and isinstance(engine, LocalEngine):
        return replace(engine, preload=(*engine.preload, *_PREANNOTATION_MODULES))
    return engine


def make_release(options: BuildOptions) -> tuple[ReleaseOutcome, PreparedRelease]:
    """Ingest, attach, pre-annotate, select, validate and write (or find up to date) the release, streaming:
    memory holds the indexes of ids and a bucket of rows, not the corpus. The run's rejects file is
    written whether or not the release validates."""
    from corpus.ingest import SpilledIngest

    timings: dict[str, float] = {}
    started = time.perf_counter()
    engine = _engine_of(options)
    # Spills and the release being written; renamed into dist/releases/ when complete.
    work = options.dist / ".work"
    with SpilledIngest(list(options.seeds), work, root=options.root, engine=engine) as ingested:
        timings["ingest"] = time.perf_counter() - started
        started = time.perf_counter()
        index = AnnotationIndex(options.annotations, options.root)
        rejects: list[Reject] = [Reject("ingest", r.reason, r.detail, r.source) for r in ingested.rejects]
        attach = AttachAnnotations.looking_up(index.doc_ids, index.lookup, rejects, index.looked_up)
        select = SelectAnnotations()
        documents = track(ingested.documents(), "release rows", total=ingested.documents_count)
        # The batch-independent stages go to the engine; attaching (which reports the annotations of documents
        # not in the input once every document was seen) and selecting (which counts) stay here.
        annotated = chain([attach], documents)
        if options.preannotate:
            # The spill's folder: the pre-annotator's file goes when the spill does, however the run ends.
            annotated = _preannotated(annotated, ingested.documents, options.root, engine,
                                      ingested.folder / "preannotator.pickle")
        if options.extra_stages:
            annotated = run_stages(options.extra_stages, annotated, engine)
        inputs = [item for item in ingested.files if not isinstance(item, Skipped)]
        try:
            outcome = write_release_stream(
                chain([select, to_rows], annotated), options.releases, options.version,
                expected_documents=ingested.documents_count, version_source=options.version_source,
                inputs=inputs, annotation_files=index.files, root=options.root, warnings=select.warnings,
                annotation_file=index.file_of, progress=lambda buckets: track(buckets, "release tables", total=len(buckets)),
                staging=work)
        finally:
            write_rejects(options.rejects_file, rejects)
        timings["release"] = time.perf_counter() - started
        annotations_folder = options.annotations.resolve()
        skipped = [item for item in ingested.skipped if not item.path.resolve().is_relative_to(annotations_folder)]
        summary = {**ingested.summary(), "skipped": len(skipped),
                   "skipped_by_type": dict(sorted(Counter(item.file_type for item in skipped).items())),
                   "annotations_read": index.count, "annotations_attached": attach.attached}
    return outcome, PreparedRelease(rejects, select.warnings(), summary, timings)


def write_rejects(path: Path, rejects: Sequence[Reject]) -> None:
    atomic_write_text(path, "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in rejects))


# --- the whole job ----------------------------------------------------------------------------------------

@dataclass
class BuildResult:
    version: str
    release: ReleaseOutcome
    hub: HubOutcome
    rejects: list[Reject]
    rejects_file: Path
    warnings: list[str]
    ingest: dict[str, Any]
    loaded: dict[str, Any]
    timings: dict[str, float]

    def rejects_by_reason(self) -> dict[str, int]:
        return dict(sorted(Counter(f"{r.stage}: {r.reason}" for r in self.rejects).items()))

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "release": {"status": self.release.status, "path": str(self.release.path),
                        "tables": self.release.manifest["tables"]},
            "hub": {"status": self.hub.status, "path": str(self.hub.path), "configs": self.hub.configs},
            "loaded": self.loaded,
            "ingest": self.ingest,
            "rejects": len(self.rejects),
            "rejects_by_reason": self.rejects_by_reason(),
            "rejects_file": str(self.rejects_file),
            "warnings": self.warnings,
            "timings_seconds": {stage: round(seconds, 3) for stage, seconds in self.timings.items()},
        }


def loaded_summary(loaded: dict[str, dict[str, LoadedSplit]]) -> dict[str, Any]:
    """Counts read back from the hub folder with ``datasets``: documents per split, spans per label and origin."""
    documents = loaded.get("documents", {})
    spans = loaded.get("spans", {})
    per_label_origin = {label: {origin: 0 for origin in ORIGINS} for label in LABEL_NAMES}
    for split in spans.values():
        for (label, origin), rows in split.counts.items():
            per_label_origin[label][origin] += rows
    statuses: Counter[str] = Counter()
    for split in documents.values():
        for (status,), rows in split.counts.items():
            statuses[status] += rows
    return {
        "documents_per_split": {split: documents[split].rows if split in documents else 0 for split in SPLITS},
        "spans_per_split": {split: spans[split].rows if split in spans else 0 for split in SPLITS},
        "documents_per_status": dict(sorted(statuses.items())),
        "spans_per_label_origin": per_label_origin,
    }


def run_build(options: BuildOptions, *, cache_dir: Path | None = None) -> BuildResult:
    """Run the main job; see the module docstring. ``cache_dir`` is where ``datasets`` caches the load-back
    (a fresh temporary folder when not given)."""
    outcome, prepared = make_release(options)

    started = time.perf_counter()
    # A release written by this run was hashed as it was written; one found up to date is re-checked.
    release_read = ReleaseStore(options.releases).open(options.version, verify=outcome.status == "up_to_date")
    hub_outcome = publish(release_read, options.hub, max_shard_size=options.max_shard_size, info=options.card,
                          load_path=PathNames(options.root)(options.hub))
    prepared.timings["publish"] = time.perf_counter() - started

    started = time.perf_counter()
    loaded = _load_back(options.hub, cache_dir)
    prepared.timings["load_back"] = time.perf_counter() - started
    return BuildResult(options.version, outcome, hub_outcome, prepared.rejects, options.rejects_file,
                       prepared.warnings, prepared.ingest_summary, loaded, prepared.timings)


def _load_back(hub: Path, cache_dir: Path | None) -> dict[str, Any]:
    import tempfile

    import datasets

    # datasets' own per-split bars would repeat what the summary says; the stage is short.
    bars_were_enabled = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        if cache_dir is not None:
            return loaded_summary(load_hub(hub, cache_dir))
        with tempfile.TemporaryDirectory(prefix="corpus-load-") as temporary:
            return loaded_summary(load_hub(hub, Path(temporary)))
    finally:
        if bars_were_enabled:
            datasets.enable_progress_bars()


def render_summary(result: BuildResult) -> Any:
    """A rich renderable of the build: what was written where, counts read back, rejects, warnings."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    overview = Table(title=f"corpus build: dataset version {result.version}", show_header=False, title_justify="left")
    overview.add_column("what", style="bold")
    overview.add_column("value", overflow="fold")
    status = {"written": "written", "up_to_date": "up to date, nothing rewritten"}
    overview.add_row("release", Text(f"{result.release.path}  ({status[result.release.status]})"))
    overview.add_row("hub folder", Text(f"{result.hub.path}  ({status[result.hub.status]})"))
    loaded = result.loaded
    overview.add_row("documents", ", ".join(f"{split} {n}" for split, n in loaded["documents_per_split"].items())
                     + f"  (total {sum(loaded['documents_per_split'].values())})")
    overview.add_row("annotation status", ", ".join(f"{s} {n}" for s, n in loaded["documents_per_status"].items()))
    overview.add_row("spans", ", ".join(f"{split} {n}" for split, n in loaded["spans_per_split"].items())
                     + f"  (total {sum(loaded['spans_per_split'].values())})")
    rejects = f"{len(result.rejects)}" + (
        f" ({', '.join(f'{k} {n}' for k, n in result.rejects_by_reason().items())})" if result.rejects else "")
    overview.add_row("rejects", Text(f"{rejects} -> {result.rejects_file}"))
    if result.ingest.get("skipped"):
        overview.add_row("skipped paths", ", ".join(f"{k} {n}" for k, n in result.ingest["skipped_by_type"].items()))

    spans = Table(title="spans per label and origin (read back with datasets.load_dataset)", title_justify="left")
    spans.add_column("label", style="bold")
    for origin in ORIGINS:
        spans.add_column(origin, justify="right")
    spans.add_column("total", justify="right")
    for label, origins in loaded["spans_per_label_origin"].items():
        spans.add_row(label, *(str(origins[o]) for o in ORIGINS), str(sum(origins.values())))
    parts: list[Any] = [overview, spans]
    for warning in result.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    return Group(*parts)


def add_input_arguments(parser: Any) -> None:
    """The options ``corpus build`` and ``corpus release`` share: version, inputs, output folder."""
    parser.add_argument("--version", metavar="X.Y.Z",
                        help="dataset version to release (default: [tool.corpus] dataset_version in pyproject.toml)")
    parser.add_argument("--seeds", type=Path, nargs="+", metavar="DIR",
                        help="page files or folders to ingest (default: seeds/ of the project)")
    parser.add_argument("--annotations", type=Path, metavar="DIR",
                        help="the annotation store, *.jsonl (default: seeds/annotations/ of the project)")
    parser.add_argument("--dist", type=Path, metavar="DIR",
                        help="output folder for releases/, hub/ and rejects/ (default: dist/ of the project)")
    parser.add_argument("--no-preannotate", dest="preannotate", action="store_false",
                        help="release documents without a human annotation unannotated instead of with the "
                             "pre-annotator's machine spans")
    parser.add_argument("--fail-on-rejects", action="store_true",
                        help="exit with status 1 when any record was set aside")
    add_engine_arguments(parser)


def options_from_arguments(args: Any) -> BuildOptions:
    """The options of a command whose parser has ``add_input_arguments`` (and maybe ``--max-shard-size``)."""
    settings = load_settings()
    return options_from(settings, version=args.version, seeds=args.seeds, annotations=args.annotations,
                        dist=args.dist, max_shard_size=getattr(args, "max_shard_size", None),
                        preannotate=args.preannotate, engine=engine_from(args, settings))
