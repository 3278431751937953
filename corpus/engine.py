"""The stage runner: the same pipeline stages, run in this process, in worker processes, or on Spark.

A stage is a function from an iterable of records to an iterable of records. ``run_stages`` only chains
stages; an *engine* decides where they run:

    from corpus.engine import LocalEngine, run_stages
    documents = run_stages([read_pages], paths, LocalEngine(workers=4))

- ``LocalEngine(workers=1)`` chains the stages as plain generators: records stream through, nothing
  is converted.
- ``LocalEngine(workers=N)`` cuts the input into batches of ``batch_size`` records (the last ones of a list
  smaller, so that the workers finish together) and sends them to a pool of ``N`` processes (``forkserver``,
  else ``spawn``: no state is inherited), and yields the results in input order, so the output is the same
  as with one worker. The first batch runs in this process while the pool starts (and queued ones while it
  is still starting; the workers take the rest of the batch it is on when the pool is up). At most
  ``max_in_flight`` batches (default ``2 * N``) are out at a time: memory is bounded whatever the input size.
- ``corpus.spark.SparkEngine`` runs the same stages with ``DataFrame.mapInArrow``.

Records that the stages would pass through unchanged can stay in this process: ``HoldBack`` sends a small
``Held`` in their place and puts them back after the engine.

Stages that run in several processes must be *batch-independent*: running them on a list gives the
concatenation of running them on its parts (a map, filter or flat map per record). A stage that needs
every record (merging duplicates, counting, collecting rejects at the end) runs after the engine, on
its output. Stages are sent to the workers by pickling: top-level functions, ``functools.partial`` of
them, or instances of top-level classes.

Records cross cluster boundaries as Arrow record batches in one schema, ``record_schema()``: a ``kind``
column names the record type of each row and one struct column per kind holds its fields (the others
are null), so a stage may yield several kinds (documents and rejects, say). The kinds are the registered
``Codec`` s (``codecs()``); the document and span structs are taken from ``schemas.tables`` so that the
exchange form and the release tables cannot drift apart. Between local processes the records themselves
travel, a batch pickled into one bytes object: no conversion to Arrow or to rows, and no second run of the
records' constructor checks (see ``_pack``).
"""

from __future__ import annotations

import copyreg
import gc
import io
import itertools
import json
import multiprocessing
import multiprocessing.forkserver
import operator
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from schemas.errors import ConfigError, CorpusError, InputError
from schemas.records import Annotation, Document, Span

# pyarrow and the table definitions are imported where the Arrow form is made: a worker that only passes
# records pickled (``_pack``) does not load them, a good part of the fork server's start-up otherwise.
if TYPE_CHECKING:
    import pyarrow as pa

Stage = Callable[[Iterable[Any]], Iterable[Any]]

DEFAULT_BATCH_SIZE = 256
# Records per batch sent to a local worker: small enough that the workers finish close together (the last
# batches decide when a run ends), large enough that sending a batch costs little next to running it.
LOCAL_BATCH_SIZE = 64
# The smallest of the last batches of an input of known length (``_batches``): small next to a full batch, so the
# workers finish close together, large enough that sending it costs little next to running it.
LAST_BATCH_SIZE = 8
KIND = "kind"


@dataclass(frozen=True, slots=True)
class Held:
    """Stands for a record that ``HoldBack`` keeps in this process: its number in the order held."""

    number: int


# --- records <-> Arrow ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Codec:
    """How one record type crosses a process boundary: its Arrow fields and row conversions.
    ``decode(encode(record)) == record`` for every record of ``type``."""

    kind: str
    type: type
    fields: tuple[pa.Field, ...]
    encode: Callable[[Any], dict]
    decode: Callable[[dict], Any]

    @property
    def struct(self) -> pa.StructType:
        """The fields, every one nullable: Spark does not keep Arrow's non-null children of null structs,
        and the record constructors check the values anyway."""
        import pyarrow as pa

        return _nullable(pa.struct(list(self.fields)))


def _nullable(data_type: pa.DataType) -> pa.DataType:
    import pyarrow as pa

    if pa.types.is_struct(data_type):
        return pa.struct([pa.field(f.name, _nullable(f.type), nullable=True) for f in data_type])
    if pa.types.is_list(data_type):
        return pa.list_(pa.field(data_type.value_field.name, _nullable(data_type.value_type), nullable=True))
    return data_type


def _fields(schema: pa.Schema | pa.StructType, names: Sequence[str]) -> tuple[pa.Field, ...]:
    by_name = {field.name: field for field in schema}
    return tuple(by_name[name] for name in names)


_DOCUMENT_NAMES = ("doc_id", "text", "sources", "url", "title")
_SPAN_NAMES = ("start", "end", "label", "text", "score")


def _document_fields() -> tuple[pa.Field, ...]:
    from schemas.tables import arrow_schema

    return _fields(arrow_schema("documents"), _DOCUMENT_NAMES)


def _span_struct() -> pa.StructType:
    """A span as an annotation holds it: the release span struct less its derived fields (id, layer)."""
    import pyarrow as pa

    from schemas.tables import arrow_schema

    release_span = arrow_schema("documents").field("spans").type.value_type
    return pa.struct(list(_fields(release_span, _SPAN_NAMES)))


def _annotation_fields() -> tuple[pa.Field, ...]:
    import pyarrow as pa

    string, optional = pa.string(), {"nullable": True}
    return (
        pa.field("annotation_id", string, nullable=False),
        pa.field("doc_id", string, nullable=False),
        pa.field("text_sha256", string, nullable=False),
        pa.field("origin", string, nullable=False),
        pa.field("spans", pa.list_(_span_struct()), nullable=False),
        pa.field("annotator", string, **optional),
        pa.field("model_version", string, **optional),
        pa.field("source", string, **optional),
        pa.field("created_at", string, **optional),
        pa.field("updated_at", string, **optional),
        pa.field("lead_time", pa.float64(), **optional),
        pa.field("ground_truth", pa.bool_(), nullable=False),
        pa.field("derived_from", pa.list_(string), nullable=False),
        # Label Studio ids and metadata: free-form JSON, kept as its text.
        pa.field("labelstudio", string, **optional),
    )


def encode_document(document: Document) -> dict:
    return {"doc_id": document.doc_id, "text": document.text, "sources": list(document.sources),
            "url": document.url, "title": document.title}


def decode_document(row: dict) -> Document:
    return Document(doc_id=row["doc_id"], text=row["text"], sources=tuple(row["sources"]), url=row["url"],
                    title=row["title"])


def encode_annotation(annotation: Annotation) -> dict:
    return {
        "annotation_id": annotation.annotation_id, "doc_id": annotation.doc_id,
        "text_sha256": annotation.text_sha256, "origin": annotation.origin,
        "spans": [{"start": s.start, "end": s.end, "label": s.label, "text": s.text, "score": s.score}
                  for s in annotation.spans],
        "annotator": annotation.annotator, "model_version": annotation.model_version,
        "source": annotation.source, "created_at": annotation.created_at, "updated_at": annotation.updated_at,
        "lead_time": None if annotation.lead_time is None else float(annotation.lead_time),
        "ground_truth": annotation.ground_truth, "derived_from": list(annotation.derived_from),
        "labelstudio": None if annotation.labelstudio is None else json.dumps(
            annotation.labelstudio, ensure_ascii=False, sort_keys=True),
    }


def decode_annotation(row: dict) -> Annotation:
    lead_time = row["lead_time"]
    return Annotation(
        annotation_id=row["annotation_id"], doc_id=row["doc_id"], text_sha256=row["text_sha256"],
        origin=row["origin"], spans=tuple(Span(**span) for span in row["spans"]), annotator=row["annotator"],
        model_version=row["model_version"], source=row["source"], created_at=row["created_at"],
        updated_at=row["updated_at"],
        lead_time=int(lead_time) if lead_time is not None and lead_time.is_integer() else lead_time,
        ground_truth=row["ground_truth"], derived_from=tuple(row["derived_from"]),
        labelstudio=None if row["labelstudio"] is None else json.loads(row["labelstudio"]),
    )


def _record_codecs() -> list[Codec]:
    """The codecs of paths, of the schema's records, of the ingest's and the release stages' records."""
    import pyarrow as pa

    from corpus import ingest, release
    from schemas.tables import arrow_schema

    document = pa.struct(list(_document_fields()))
    annotation = pa.struct(list(_annotation_fields()))
    documents = arrow_schema("documents")
    documents_row = pa.struct([field for field in documents if field.name != "spans"])  # as RowGroup holds it
    spans_row = pa.struct(list(arrow_schema("spans")))
    string = pa.string()
    return [
        Codec("path", Path, (pa.field("path", string, nullable=False),),
              lambda path: {"path": os.fspath(path)}, lambda row: Path(row["path"])),
        Codec("document", Document, _document_fields(), encode_document, decode_document),
        Codec("annotation", Annotation, _annotation_fields(), encode_annotation, decode_annotation),
        Codec("ingest_reject", ingest.Reject,
              tuple(pa.field(name, string, nullable=False) for name in ("source", "reason", "detail")),
              ingest.Reject.to_json, lambda row: ingest.Reject(**row)),
        Codec("skipped", ingest.Skipped,
              (pa.field("path", string, nullable=False), pa.field("reason", string, nullable=False)),
              lambda item: {"path": os.fspath(item.path), "reason": item.reason},
              lambda row: ingest.Skipped(Path(row["path"]), row["reason"])),
        Codec("release_reject", release.Reject,
              (*(pa.field(name, string, nullable=False) for name in ("stage", "reason", "detail")),
               *(pa.field(name, string) for name in ("source", "record", "doc_id"))),
              release.Reject.to_json, lambda row: release.Reject(**row)),
        Codec("annotated_document", release.AnnotatedDocument,
              (pa.field("document", document, nullable=False),
               pa.field("annotations", pa.list_(annotation), nullable=False)),
              lambda item: {"document": encode_document(item.document),
                            "annotations": [encode_annotation(a) for a in item.annotations]},
              lambda row: release.AnnotatedDocument(decode_document(row["document"]), tuple(
                  decode_annotation(a) for a in row["annotations"]))),
        Codec("released_document", release.ReleasedDocument,
              (pa.field("document", document, nullable=False), pa.field("annotation", annotation),
               pa.field("candidates", pa.int64(), nullable=False),
               pa.field("unadjudicated_humans", pa.bool_(), nullable=False)),
              lambda item: {"document": encode_document(item.document),
                            "annotation": None if item.annotation is None else encode_annotation(item.annotation),
                            "candidates": item.candidates, "unadjudicated_humans": item.unadjudicated_humans},
              lambda row: release.ReleasedDocument(
                  decode_document(row["document"]),
                  None if row["annotation"] is None else decode_annotation(row["annotation"]),
                  row["candidates"], row["unadjudicated_humans"])),
        Codec("held", Held, (pa.field("number", pa.int64(), nullable=False),),
              lambda held: {"number": held.number}, lambda row: Held(row["number"])),
        # The rows of one released document, in release form: what the release tables are made of.
        Codec("row_group", release.RowGroup,
              (pa.field("document", documents_row, nullable=False),
               pa.field("spans", pa.list_(spans_row), nullable=False)),
              lambda group: {"document": group.document, "spans": group.spans},
              lambda row: release.RowGroup(row["document"], row["spans"])),
    ]


@cache
def codecs() -> dict[str, Codec]:
    """Every codec, by kind."""
    return {codec.kind: codec for codec in _record_codecs()}


@cache
def record_schema() -> pa.Schema:
    """The exchange schema: ``kind`` and one nullable struct column per kind."""
    import pyarrow as pa

    return pa.schema([pa.field(KIND, pa.string(), nullable=False),
                      *(pa.field(codec.kind, codec.struct) for codec in codecs().values())])


def codec_of(record: Any) -> Codec:
    return _codec_of_type(type(record))


@cache
def _codec_of_type(record_type: type) -> Codec:
    """The codec of a type or of its registered base (``PosixPath`` is a ``Path``), found once per type."""
    codec = next((codec for codec in codecs().values() if issubclass(record_type, codec.type)), None)
    if codec is None:
        raise ConfigError(f"a stage produced a {record_type.__qualname__}, which cannot be sent between processes; "
                          f"records that can: {', '.join(c.type.__qualname__ for c in codecs().values())}")
    return codec


# What most stages take and make (and the engine's own Held). Known to have codecs without building them,
# which needs pyarrow and the ingest and release modules: a worker passing only these does not load them.
_SCHEMA_RECORD_TYPES = (Path, Document, Annotation, Held)


@cache
def _check_sendable(record_type: type) -> None:
    """A ConfigError (``codec_of``'s) unless records of this type can cross between processes."""
    if not issubclass(record_type, _SCHEMA_RECORD_TYPES):
        _codec_of_type(record_type)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Converting records makes many small objects and no reference cycles: the cyclic garbage collector would
    only walk them, and everything older, again and again (a third of the time it takes)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _encode_rows(records: Iterable[Any]) -> list[tuple[str, dict]]:
    """Records -> (kind, row) pairs: what the record batches are made of."""
    records = list(records)  # stages run lazily: not with the collector paused
    with _collector_paused():
        rows = []
        for record in records:
            codec = codec_of(record)
            rows.append((codec.kind, codec.encode(record)))
        return rows


def _decode_rows(rows: Iterable[tuple[str, dict]]) -> list[Any]:
    by_kind = codecs()
    with _collector_paused():
        return [by_kind[kind].decode(row) for kind, row in rows]


def encode_records(records: Iterable[Any]) -> pa.RecordBatch:
    """Records -> one record batch of ``record_schema()``."""
    import pyarrow as pa

    return pa.RecordBatch.from_pylist([{KIND: kind, kind: row} for kind, row in _encode_rows(records)],
                                      schema=record_schema())


def decode_records(batch: pa.RecordBatch | pa.Table) -> list[Any]:
    """A record batch (or table) of ``record_schema()`` -> its records, in order."""
    kinds = batch.column(KIND).to_pylist()
    columns = {kind: batch.column(kind).to_pylist() for kind in set(kinds)}
    return _decode_rows((kind, columns[kind][index]) for index, kind in enumerate(kinds))


# --- records between local processes ----------------------------------------------------------------

def _pack(records: Iterable[Any]) -> bytes:
    """Records -> one bytes object, for a batch crossing between local processes; ``_unpack`` gives them back.

    Each record must have a codec (``_check_sendable``), so a stage fails the same way on every engine.
    Documents, annotations and spans, the bulk of it, are pickled as their slots' values and rebuilt slot by
    slot (``rebuild``): their constructor checked the values where they were made, and the copy is equal
    to them. Constructing them again (a span's checks, a document's SHA-256 of its text) would run those
    checks a second time, in the parent: more than the pickling and unpickling cost."""
    records = list(records)  # stages run lazily: not with the collector paused
    with _collector_paused():
        for record in records:
            _check_sendable(type(record))
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = _record_reducers()
        pickler.dump(records)
        return buffer.getvalue()


def _unpack(packed: bytes) -> list[Any]:
    with _collector_paused():
        return pickle.loads(packed)


@cache
def _record_reducers() -> dict[type, Callable[[Any], tuple]]:
    """``copyreg``'s reducers and those of documents and annotations, wherever they are held (the ingest's
    and release's records pickle as dataclasses do, and hold a document or annotations)."""
    document_values = operator.attrgetter(*Document.__slots__)
    return {**copyreg.dispatch_table, Annotation: _reduce_annotation,
            Document: lambda document: (rebuild, (Document, document_values(document)))}


@cache
def _slot_setters(record_type: type) -> tuple[Callable[[Any, Any], None], ...]:
    return tuple(record_type.__dict__[name].__set__ for name in record_type.__slots__)


def rebuild(record_type: type, values: Sequence[Any]) -> Any:
    """A record from its slots' values, set as its constructor set them (the slot descriptors, which a frozen
    dataclass's ``__setattr__`` does not forbid), without running its checks again: for copies of records
    this run made and checked (sent between processes, spilled to disk)."""
    record = object.__new__(record_type)
    for set_slot, value in zip(_slot_setters(record_type), values, strict=True):
        set_slot(record, value)
    return record


# Spans are most of what crosses (tens per document): an annotation's travel as five columns of their slots'
# values (five objects for the pickler to write rather than one per span) and are made into spans by
# ``_span_of``, not by a call of a reducer and of ``rebuild`` per span.
_ANNOTATION_VALUES = operator.attrgetter(*Annotation.__slots__)
_SPAN_VALUES = operator.attrgetter(*Span.__slots__)
_SPANS_SLOT = Annotation.__slots__.index("spans")
_SPAN_SETTERS = _slot_setters(Span)


def _reduce_annotation(annotation: Annotation) -> tuple:
    values = list(_ANNOTATION_VALUES(annotation))
    values[_SPANS_SLOT] = tuple(zip(*map(_SPAN_VALUES, annotation.spans), strict=True))
    return _rebuild_annotation, (values,)


def _rebuild_annotation(values: list[Any]) -> Annotation:
    columns = values[_SPANS_SLOT]
    values[_SPANS_SLOT] = tuple(map(_span_of, *columns)) if columns else ()
    return rebuild(Annotation, values)


def _span_of(start: int, end: int, label: str, text: str, score: float | None) -> Span:
    """``rebuild(Span, values)``, written out."""
    span = object.__new__(Span)
    set_start, set_end, set_label, set_text, set_score = _SPAN_SETTERS
    set_start(span, start)
    set_end(span, end)
    set_label(span, label)
    set_text(span, text)
    set_score(span, score)
    return span


# --- running stages --------------------------------------------------------------------------------------

def chain(stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[Any]:
    """The stages applied one after the other, lazily."""
    stream: Iterable[Any] = records
    for stage in stages:
        stream = stage(stream)
    return iter(stream)


def batched(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(records)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _batches(records: Iterable[Any], size: int, workers: int) -> Iterator[list[Any]]:
    """The batches a pool of ``workers`` is sent: ``batched(records, size)``, except that an input of known length
    (a list) ends in smaller ones, each the workers' share of what is left (down to ``LAST_BATCH_SIZE``), so that
    they finish close together: with whole batches to the end, one of them idles for half a batch on average."""
    if not isinstance(records, Sized):
        yield from batched(records, size)
        return
    remaining = len(records)
    iterator = iter(records)
    while remaining > 0:
        batch = list(itertools.islice(iterator, min(size, max(LAST_BATCH_SIZE, -(-remaining // workers)))))
        if not batch:
            return
        remaining -= len(batch)
        yield batch
    yield from batched(iterator, size)  # more records than its length said: all of them, whatever the length


class Engine(Protocol):
    def run(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[Any]: ...


def run_stages(stages: Sequence[Stage], records: Iterable[Any], engine: Engine | None = None) -> Iterator[Any]:
    """The records after every stage, from ``engine`` (default: this process, streaming)."""
    return (engine or LocalEngine()).run(list(stages), records)


class HoldBack:
    """Two stages around an engine run, for records its stages pass through unchanged: ``hold`` (before the
    engine) keeps the records ``keep(record)`` is true of in this process and sends a ``Held`` in the place of
    each, ``restore`` (after it) puts them back where their ``Held`` comes out. They are spared the trip to
    the workers and back (pickled, unpickled, packed again: more than the stages do with them).

    The engine's stages must yield each ``Held`` they are given, unchanged and in order (as a map does);
    ``restore`` fails naming the first one missing otherwise. The kept records are in memory until they come
    back: use it with an engine that gives results back while it reads its input, as ``LocalEngine`` does
    (its batches in flight), not with one that reads all of it first (``SparkEngine``)."""

    def __init__(self, keep: Callable[[Any], bool]) -> None:
        self.keep = keep
        self._kept: deque[Any] = deque()
        self._held = 0  # Held records made
        self._restored = 0

    def hold(self, records: Iterable[Any]) -> Iterator[Any]:
        for record in records:
            if self.keep(record):
                self._kept.append(record)
                yield Held(self._held)
                self._held += 1
            else:
                yield record

    def restore(self, records: Iterable[Any]) -> Iterator[Any]:
        for record in records:
            if isinstance(record, Held):
                if record.number != self._restored:
                    self._missing()
                self._restored += 1
                yield self._kept.popleft()
            else:
                yield record
        if self._restored != self._held:
            self._missing()

    def _missing(self) -> None:
        raise ConfigError(f"held record {self._restored} did not come back from the engine's stages, which must "
                          "yield every Held record they are given, unchanged and in order")


def check_picklable(stages: Sequence[Stage]) -> bytes:
    """The stages pickled, or a ConfigError naming the one that cannot be sent to other processes."""
    for stage in stages:
        try:
            pickle.dumps(stage)
        except Exception as error:  # pickle raises several unrelated types
            raise ConfigError(f"stage {stage!r} cannot be sent to worker processes ({error}); use a top-level "
                              "function, a functools.partial of one or an instance of a top-level class") from None
    return pickle.dumps(list(stages))


def _portable(error: BaseException) -> BaseException:
    """``error``, or an equivalent of its category that survives pickling (with the worker's message)."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # an exception class whose constructor does not take its args back
        category = next(kind for kind in (InputError, ConfigError, CorpusError, Exception)
                        if isinstance(error, kind))
        portable = category(f"{type(error).__qualname__}: {error}")
        return portable


_worker_stages: list[Stage] = []


def _start_worker(pickled_stages: bytes) -> None:
    global _worker_stages
    _worker_stages = pickle.loads(pickled_stages)
    # What the worker holds now (the modules from the fork server, the stages) lives as long as it does: out
    # of the collector's sight, every full collection in a worker no longer walks it again.
    gc.freeze()


def _run_batch(packed: bytes) -> bytes:
    """In a worker: unpack a batch, run the stages, pack the results."""
    try:
        return _pack(chain(_worker_stages, _unpack(packed)))
    except BaseException as error:
        raise _portable(error) from None


def run_batch(stages: Sequence[Stage], batch: pa.RecordBatch) -> pa.RecordBatch:
    """The stages over one encoded batch, in this process (what a worker or a Spark task does)."""
    return encode_records(chain(stages, decode_records(batch)))


def _stage_modules(stages: Sequence[Stage], preload: Sequence[str] = ()) -> list[str]:
    """The modules defining the stages (which import what their records need) and ``preload``, imported once in
    the fork server rather than in every worker."""
    modules = {__name__, *preload}
    for stage in stages:
        function = getattr(stage, "func", stage)  # functools.partial
        module = getattr(function, "__module__", None) or type(stage).__module__
        if module and module != "__main__":
            modules.add(module)
    return sorted(modules)


# Imported by the fork server after the stages' modules: it calls the ``prepare_fork_server()`` of every module imported
# that defines one, so that the workers start with what each would otherwise build on its first records.
_FORK_SERVER_PREPARATION = "corpus.fork_server"


def _pool_context(stages: Sequence[Stage], preload: Sequence[str]) -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*_stage_modules(stages, preload), _FORK_SERVER_PREPARATION])
    # Returns at once: the server imports the modules while this process goes on (a no-op once it runs).
    with _environment(_WORKER_ENVIRONMENT):
        multiprocessing.forkserver.ensure_running()
    return context


# What the fork server starts with, and its workers inherit, unless this process set them: one BLAS thread per
# process. The workers take a core each, so threads of their own would only compete with the other workers; and
# OpenBLAS starts its threads when numpy is imported, which cost the server a third of its start (0.1 of 0.3 CPU-s
# on two cores). The stages' numpy work (the pre-annotator's logits, a matrix-vector product) gives the same bytes
# with any number of threads: OpenBLAS splits it by rows.
_WORKER_ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    """This process's environment with ``variables`` added where it does not set them, for the processes started
    meanwhile; as it was afterwards."""
    added = [name for name in variables if name not in os.environ]
    os.environ.update({name: variables[name] for name in added})
    try:
        yield
    finally:
        for name in added:
            del os.environ[name]


@dataclass(frozen=True)
class LocalEngine:
    """Stages in this process (``workers=1``) or in a pool of ``workers`` processes, results in input order.

    ``batch_size`` records go to a worker at a time (fewer at the end of an input of known length); at most
    ``max_in_flight`` batches (default ``2 * workers``) are queued or running, so memory does not grow with the
    input. The first batch runs in this process, with the same results and errors as in a worker, while the
    pool starts (and queued ones while it is still starting); the records of the batch it is on when the pool
    is up go to the workers.

    The workers are forked from a fork server that has imported the stages' modules, and those named in
    ``preload``, and called the ``prepare_fork_server()`` of each module imported that defines one
    (``corpus.fork_server``), with one BLAS thread each (``_WORKER_ENVIRONMENT``). This process has one fork
    server, started by its first pool, with that pool's modules: a caller that will run other stages later (a
    build: ingest, then pre-annotation) names their modules in ``preload`` of the first, so that the later pools'
    workers do not each import them (nor build what those modules prepare).
    """

    workers: int = 1
    batch_size: int = LOCAL_BATCH_SIZE
    max_in_flight: int | None = None
    preload: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("workers", "batch_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"--{name.replace('_', '-')} must be a whole number >= 1, got {value!r}")
        if self.max_in_flight is not None and self.max_in_flight < 1:
            raise ConfigError(f"max_in_flight must be >= 1, got {self.max_in_flight!r}")
        if not isinstance(self.preload, tuple) or not all(isinstance(name, str) for name in self.preload):
            raise ConfigError(f"preload must be a tuple of module names, got {self.preload!r}")

    @property
    def in_flight(self) -> int:
        return self.max_in_flight or 2 * self.workers

    def run(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[Any]:
        if self.workers == 1:
            return chain(stages, records)
        return self._pooled(stages, records)

    def run_batches(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[pa.RecordBatch]:
        """Like ``run`` but yields the encoded result batches (for sinks that write Arrow directly)."""
        if self.workers == 1:
            return (encode_records(batch) for batch in batched(chain(stages, records), self.batch_size))
        return self._pooled_batches(stages, records)

    def _pooled(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[Any]:
        for results in self._pooled_results(stages, records):
            yield from results

    def _pooled_batches(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[pa.RecordBatch]:
        for results in self._pooled_results(stages, records):
            yield encode_records(results)

    def _pooled_results(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[list[Any]]:
        """The results of each batch, in input order."""
        pickled = check_picklable(stages)
        batches = _batches(records, self.batch_size, self.workers)
        first_batch = next(batches, None)
        if first_batch is None:
            return
        queued = [_Queued(batch) for batch in itertools.islice(batches, self.in_flight - 1)]
        if not queued:  # a single batch: no pool
            yield _run_here(stages, first_batch)
            return
        # Starting the pool takes a good part of a second (the fork server imports the stages' modules), and
        # the first submission blocks until it is up. So a thread submits the queued batches while this process
        # runs the first batch itself, then queued ones from the last while the pool is still not up: no core
        # waits for the start-up. The thread keeps one queued batch per worker, so that every worker starts
        # (one per submission) and has work as soon as the pool is up. A batch this process is running when
        # the pool comes up is cut there: the workers take its rest, and this process goes back to feeding
        # them, rather than compete with them for the cores while they run out of batches.
        pool = ProcessPoolExecutor(self.workers, mp_context=_pool_context(stages, self.preload),
                                   initializer=_start_worker, initargs=(pickled,))
        _widen_result_pipe(pool)
        starter = _Starter(pool, queued)
        first = _Queued(first_batch)
        pending: deque[Future | _Queued] = deque()
        try:
            starter.start()
            first.run_here(stages, starter)
            if first.future is None:  # all of it ran here: given at once
                yield first.results
            else:
                pending.append(first)
            for item in reversed(queued[self.workers:]):
                if not item.claim_here(starter):
                    break
                item.run_here(stages, starter)
            starter.join()
            starter.raise_error()
            pending.extend(queued)
            if len(pending) >= self.in_flight:  # the first batch is still out, waiting for its rest
                yield _result(pending.popleft())
            for batch in batches:
                pending.append(pool.submit(_run_batch, _pack(batch)))
                if len(pending) >= self.in_flight:
                    yield _result(pending.popleft())
            while pending:
                yield _result(pending.popleft())
        finally:
            if starter.ident is not None:  # started
                starter.join()
            for item in pending:
                future = item if isinstance(item, Future) else item.future
                if future is not None:
                    future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)


class _Queued:
    """A batch read before the pool is up: a worker runs it (``future``) or, while the pool is still not up,
    this process does (``results``), whichever claims it first; this process hands the rest of it to the
    pool if the pool comes up meanwhile (``results`` and ``future``)."""

    def __init__(self, batch: list[Any]) -> None:
        self.batch = batch
        self.claimed = False
        self.future: Future | None = None
        self.results: list[Any] = []

    def claim_here(self, starter: _Starter) -> bool:
        """Whether this process runs the batch: it is not claimed and the pool is not up yet."""
        with starter.lock:
            if self.claimed or starter.up:
                return False
            self.claimed = True
            return True

    def run_here(self, stages: Sequence[Stage], starter: _Starter) -> None:
        """The batch's records in this process until the pool is up, the others submitted to it. Stages are
        batch-independent: the results of the two parts, one after the other, are the batch's."""
        taken = 0

        def until_up() -> Iterator[Any]:
            nonlocal taken
            for record in self.batch:
                if starter.up:
                    return
                taken += 1
                yield record

        self.results = _run_here(stages, until_up())
        if taken < len(self.batch):
            self.future = starter.pool.submit(_run_batch, _pack(self.batch[taken:]))

    def collect(self) -> list[Any]:
        """The batch's results, waiting for the pool's part."""
        if self.future is None:
            return self.results
        return self.results + _unpack(self.future.result())


class _Starter(threading.Thread):
    """Submits the queued batches to the pool, starting it (which blocks until the fork server is up), and
    keeps the first error to raise in the caller's thread (``join``)."""

    def __init__(self, pool: ProcessPoolExecutor, queued: list[_Queued]) -> None:
        super().__init__(name="corpus-engine-start", daemon=True)
        self.pool = pool
        self.queued = queued
        self.lock = threading.Lock()
        self.up = False  # the pool took a batch: the workers start
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            for item in self.queued:
                with self.lock:
                    if item.claimed:
                        continue
                    item.claimed = True
                item.future = self.pool.submit(_run_batch, _pack(item.batch))
                with self.lock:
                    self.up = True
        except BaseException as error:  # re-raised in the caller's thread
            self.error = error

    def raise_error(self) -> None:
        if self.error is not None:
            raise self.error


# A batch's results are some hundred kilobytes pickled (the spans' texts), a pipe holds 64 KiB by default. A worker
# sending them would wait, a chunk at a time, for this process's result thread, which waits for the interpreter
# lock while the main thread unpacks the previous batch: the worker idles, and so does its core.
_RESULT_PIPE_BYTES = 1 << 20


def _widen_result_pipe(pool: ProcessPoolExecutor) -> None:
    """The pipe the workers send results through, widened to hold a batch's results (Linux)."""
    try:
        import fcntl

        reader = pool._result_queue._reader  # CPython's ProcessPoolExecutor: a SimpleQueue over a pipe
        fcntl.fcntl(reader.fileno(), fcntl.F_SETPIPE_SZ, _RESULT_PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass  # not Linux, another executor or a lower system limit: the default pipe, only slower


def _result(item: Future | _Queued) -> list[Any]:
    return _unpack(item.result()) if isinstance(item, Future) else item.collect()


def _run_here(stages: Sequence[Stage], batch: Iterable[Any]) -> list[Any]:
    """A batch run in this process as a worker runs it: the same records, the same errors (records without a
    codec, exceptions as they arrive from a worker)."""
    try:
        results = list(chain(stages, batch))
        for record in results:
            _check_sendable(type(record))
        return results
    except Exception as error:
        portable = _portable(error)
        if portable is error:
            raise
        raise portable from error


# --- the command-line options ---------------------------------------------------------------------------

ENGINES = ("local", "spark")


def add_engine_arguments(parser: Any) -> None:
    """``--engine``, ``--workers`` and ``--master``: where a command runs its stages (``engine_from``)."""
    group = parser.add_argument_group("engine", "where the stages run; the output is the same whatever the choice")
    group.add_argument("--engine", choices=ENGINES, default="local",
                       help="local: this machine (default); spark: a Spark cluster, or local[*] Spark")
    group.add_argument("--workers", type=int, metavar="N",
                       help=f"--engine local: worker processes (default 1: in this process; this machine "
                            f"offers {cpu_count()})")
    group.add_argument("--master", metavar="URL",
                       help="--engine spark: the Spark master URL (default: SPARK_MASTER, else Spark's own "
                            "configuration, else local[*])")


def engine_from(args: Any, settings: Any = None) -> Engine:
    """The engine chosen by ``add_engine_arguments``' options; ``settings`` (``corpus.config.Settings``,
    default ``load_settings()``) gives the Spark master when ``--master`` is not given."""
    if args.engine == "spark":
        if args.workers is not None:
            raise ConfigError("--workers applies to --engine local; with --engine spark the cluster decides the "
                              "parallelism (choose it with --master, e.g. local[4])")
        from corpus.config import load_settings
        from corpus.spark import SparkEngine, resolve_master

        return SparkEngine(master=resolve_master(args.master, settings or load_settings()))
    if args.master is not None:
        raise ConfigError(f"--master {args.master} applies to --engine spark; add --engine spark or drop --master")
    return LocalEngine(workers=1 if args.workers is None else args.workers)


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


__all__ = [
    "Codec", "DEFAULT_BATCH_SIZE", "ENGINES", "Engine", "Held", "HoldBack", "LocalEngine", "Stage",
    "add_engine_arguments", "batched", "chain", "check_picklable", "codec_of", "codecs", "cpu_count",
    "decode_records", "encode_records", "engine_from", "rebuild", "record_schema", "run_batch", "run_stages",
]
