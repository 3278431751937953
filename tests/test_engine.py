"""The stage runner: records survive the Arrow exchange form exactly; worker pools give the same records,
in the same order, with the same release content hashes, as one process; memory stays bounded."""

from __future__ import annotations

import functools
import gc
import itertools
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_hash import ReferenceContentHash

from annotation.preannotate import Preannotator
from corpus import ingest, release
from corpus.cli import main
from corpus.engine import (
    Held,
    HoldBack,
    LocalEngine,
    _batches,
    _pack,
    _unpack,
    _widen_result_pipe,
    chain,
    decode_records,
    encode_records,
    record_schema,
    run_stages,
)
from corpus.synth import iter_synthetic, write_synthetic
from schemas.errors import ConfigError, InputError
from schemas.records import Annotation, Document, Span
from strategies import examples, texts

# --- stages used by the tests (top level, so worker processes can import them) -------------------------


def released_with_preannotation(records):
    """Document -> ReleasedDocument with its machine annotation; other records pass through."""
    annotator = Preannotator()
    for record in records:
        if isinstance(record, Document):
            yield release.ReleasedDocument(record, annotator.annotate(record))
        else:
            yield record


def rows(records):
    """ReleasedDocument -> RowGroup; other records pass through."""
    for record in records:
        yield from release.to_rows([record]) if isinstance(record, release.ReleasedDocument) else [record]


def tag_with_worker_batch(records):
    """A stage that is not batch-independent: numbers records within the batch it is given."""
    for number, record in enumerate(records):
        yield Path(f"{record}#{number}")


def fail_on(records, name):
    for record in records:
        if Path(record).name == name:
            raise InputError(f"{record}: bad record for the test")
        yield record


def explode(records, times):
    for record in records:
        yield from [record] * times


def tag_with_process(records):
    """Which process ran each record (not batch-independent: for the test of where batches run)."""
    for record in records:
        yield Path(f"{record}@{os.getpid()}")


def tag_with_process_once_the_pool_is_up(records, marker: Path, parent: int):
    """``tag_with_process``; in ``parent``, every record waits until a worker has run one (the pool is up)."""
    for record in records:
        if os.getpid() == parent:
            deadline = time.monotonic() + 60
            while not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.2)  # and until the thread that submitted that worker's batch has said the pool is up
        else:
            marker.touch()
        yield Path(f"{record}@{os.getpid()}")


def tag_unless_held(records):
    """``tag_with_process`` for all but the records ``HoldBack`` kept, which pass unchanged."""
    for record in records:
        yield record if isinstance(record, Held) else Path(f"{record}@{os.getpid()}")


def drop_held(records, number):
    for record in records:
        if record != Held(number):
            yield record


def tag_with_frozen_objects(records):
    """How many objects the collector has set aside as permanent in the process running the batch."""
    for record in records:
        yield Path(f"{record}@{gc.get_freeze_count()}")


def tag_with_blas_threads(records):
    """The BLAS threads setting of the process running the batch."""
    for record in records:
        yield Path(f"{record}@{os.environ.get('OPENBLAS_NUM_THREADS')}")


def as_dicts(records):
    for record in records:
        yield {"path": str(record)}


def only_even(records):
    for record in records:
        if int(Path(record).name) % 2 == 0:
            yield record


PIPELINE = (ingest.read_pages, released_with_preannotation, rows)


def write_pages(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for page in iter_synthetic(n, seed=3):
        path = folder / f"{page.name}.txt"
        path.write_text(page.text, encoding="utf-8", newline="")
        paths.append(path)
    (folder / "zz-empty.txt").write_bytes(b"  \n")  # a reject travels with the documents
    (folder / "zz-bad.txt").write_bytes(b"caf\xe9")
    return paths + [folder / "zz-empty.txt", folder / "zz-bad.txt"]


def release_hashes(outputs) -> tuple[dict[str, str], list]:
    groups = [item for item in outputs if isinstance(item, release.RowGroup)]
    others = [item for item in outputs if not isinstance(item, release.RowGroup)]
    tables = release.collect_tables(groups)
    return {name: release.content_sha256(tables.table(name), name) for name in release.TABLE_NAMES}, others


# --- the exchange form -----------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(examples(annotated=True), min_size=1, max_size=4), st.data())
def test_documents_and_annotations_survive_the_arrow_and_the_local_exchange_forms(corpus, data):
    records = []
    for document, annotation in corpus:
        extra = data.draw(st.fixed_dictionaries({
            "url": st.none() | st.just("https://example.com/ä"), "title": st.none() | texts(max_words=3),
            "labelstudio": st.none() | st.just({"task": 7, "project": "p", "nested": [1, 2.5, None]}),
            "lead_time": st.none() | st.just(12) | st.just(3.25),
        }))
        document = Document(document.doc_id, document.text, ("a.txt", "b/ç.html"), extra["url"], extra["title"])
        annotation = Annotation(**{**{name: getattr(annotation, name) for name in Annotation.__slots__},
                                   "labelstudio": extra["labelstudio"], "lead_time": extra["lead_time"],
                                   "derived_from": ("x", "y")})
        records += [document, annotation, release.ReleasedDocument(document, annotation, 2, True),
                    release.AnnotatedDocument(document, (annotation, annotation)),
                    release.ReleasedDocument(document, None), *release.to_rows([
                        release.ReleasedDocument(document, annotation)])]
    records += [Path("seeds/x.txt"), ingest.Reject("x.txt", "empty", "no text"),
                ingest.Skipped(Path("a.pdf"), "unsupported"), release.Reject("attach", "text_changed", "d"),
                Held(3)]
    batch = encode_records(records)
    assert batch.schema == record_schema()
    decoded = decode_records(batch)
    assert decoded == records
    assert [type(item) for item in decoded] == [type(item) for item in records]
    unpacked = _unpack(_pack(records))
    assert unpacked == records
    assert [type(item) for item in unpacked] == [type(item) for item in records]
    # every slot as it was, the ones equality skips too: a document's SHA-256, a lead time's int or float
    assert [[repr(getattr(item, name)) for name in getattr(item, "__slots__", ())] for item in unpacked] == [
        [repr(getattr(item, name)) for name in getattr(item, "__slots__", ())] for item in records]


def test_records_crossing_between_local_processes_are_not_checked_again(monkeypatch):
    """Their constructors checked them where they were made: the copy is rebuilt from its slots."""
    document = Document.from_text("Le maire a dit : « Nous verrons. »\n")
    annotation = Annotation("a1", document.doc_id, document.text_sha256, "machine",
                            (Span.on(document.text, 0, 8, "article"), Span.on(document.text, 17, 34, "quote", 0.5)),
                            model_version="m1")
    unannotated = Annotation("a2", document.doc_id, document.text_sha256, "machine", (), model_version="m1")
    records = [document, annotation, release.AnnotatedDocument(document, (annotation, unannotated))]
    packed = _pack(records)

    def checked_again(self):
        raise AssertionError(f"{type(self).__name__} checked again")

    for record_type in (Document, Annotation, Span):
        monkeypatch.setattr(record_type, "__post_init__", checked_again)
    assert _unpack(packed) == records


def test_packing_paths_and_schema_records_loads_neither_pyarrow_nor_the_release_module():
    """What a worker whose stages do not need them is spared at start-up."""
    script = ("import sys; from pathlib import Path; from corpus.engine import _pack, _unpack; "
              "from schemas.records import Document; "
              "records = [Path('a'), Document.from_text('x')]; assert _unpack(_pack(records)) == records; "
              "print(sorted({'pyarrow', 'corpus.release', 'schemas.tables'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_record_without_a_codec_is_a_config_error_naming_its_type():
    with pytest.raises(ConfigError, match="dict.*cannot be sent between processes"):
        encode_records([{"doc_id": "x"}])


def test_the_exchange_schema_takes_its_structs_from_the_table_definitions():
    document = record_schema().field("document").type
    assert [field.name for field in document] == ["doc_id", "text", "sources", "url", "title"]
    span = record_schema().field("annotation").type.field("spans").type.value_type
    assert [field.name for field in span] == ["start", "end", "label", "text", "score"]
    row_group = record_schema().field("row_group").type
    assert [f.name for f in row_group.field("spans").type.value_type] == [
        f.name for f in pa.schema(release.arrow_schema("spans"))]


# --- local engine -----------------------------------------------------------------------------------------

def test_one_worker_streams_without_converting_records():
    consumed = []

    def source():
        for number in itertools.count():
            consumed.append(number)
            yield number

    stream = run_stages([lambda items: (item * 2 for item in items)], source(), LocalEngine(workers=1))
    assert list(itertools.islice(stream, 3)) == [0, 2, 4]
    assert len(consumed) == 3  # lazily: nothing read ahead


@pytest.mark.parametrize("workers,batch_size", [(2, 1), (2, 7), (3, 64)])
def test_workers_give_the_same_records_in_the_same_order_as_one_process(tmp_path, workers, batch_size):
    paths = write_pages(tmp_path / "pages", 40)
    one = list(run_stages(PIPELINE, paths, LocalEngine(workers=1)))
    many = list(run_stages(PIPELINE, paths, LocalEngine(workers=workers, batch_size=batch_size)))
    assert many == one
    hashes, others = release_hashes(many)
    assert hashes == release_hashes(one)[0]
    assert [type(item).__name__ for item in others] == ["Reject", "Reject"]
    assert {item.reason for item in others} == {"empty", "undecodable"}


def test_flat_maps_and_filters_keep_input_order_across_batches():
    paths = [Path(str(n)) for n in range(50)]
    stages = [only_even, functools.partial(explode, times=3)]
    expected = [path for path in paths if int(path.name) % 2 == 0 for _ in range(3)]
    assert list(run_stages(stages, paths, LocalEngine(workers=2, batch_size=4))) == expected


def test_stages_run_per_batch_in_workers():
    """What batch-independence means: a stage numbering its input sees one batch at a time."""
    paths = [Path(str(n)) for n in range(6)]
    out = list(run_stages([tag_with_worker_batch], paths, LocalEngine(workers=2, batch_size=4)))
    assert [path.name for path in out] == ["0#0", "1#1", "2#2", "3#3", "4#0", "5#1"]


def batch_sizes(out: list[Path]) -> list[int]:
    """The sizes of the batches ``tag_with_worker_batch`` numbered."""
    starts = [index for index, path in enumerate(out) if path.name.endswith("#0")]
    return [end - start for start, end in zip(starts, [*starts[1:], len(out)])]


def test_a_list_ends_in_batches_of_the_workers_share_of_what_is_left():
    """So that the workers finish close together; an input without a length gives whole batches to the end."""
    paths = [Path(str(n)) for n in range(200)]
    engine = LocalEngine(workers=2, batch_size=64)
    out = list(run_stages([tag_with_worker_batch], paths, engine))
    assert [path.name.split("#")[0] for path in out] == [str(n) for n in range(200)]
    assert batch_sizes(out) == [64, 64, 36, 18, 9, 8, 1]  # halves of 72, 36, 18; then LAST_BATCH_SIZE
    assert batch_sizes(list(run_stages([tag_with_worker_batch], iter(paths), engine))) == [64, 64, 64, 8]


class Understated(list):
    """A list whose length says less than it holds."""

    def __len__(self) -> int:
        return 3


def test_records_beyond_the_length_an_input_gives_are_batched_too():
    assert [len(batch) for batch in _batches(Understated(range(40)), 16, 2)] == [8, 16, 16]


def test_the_first_batch_runs_here_while_the_pool_starts_and_the_others_in_workers():
    paths = [Path(str(n)) for n in range(12)]
    out = list(run_stages([tag_with_process], paths, LocalEngine(workers=2, batch_size=4)))
    assert [path.name.split("@")[0] for path in out] == [str(n) for n in range(12)]
    processes = [int(path.name.split("@")[1]) for path in out]
    assert processes[:4] == [os.getpid()] * 4
    assert os.getpid() not in processes[4:]
    assert 1 <= len(set(processes[4:])) <= 2


def test_while_the_fork_server_starts_this_process_runs_queued_batches_from_the_last(monkeypatch):
    """A pool that takes a second to start: this process runs the first batch and the queued ones but one per
    worker, and the results still come in input order."""
    submit, delayed = ProcessPoolExecutor.submit, []

    def slow_to_start(pool, *args):
        if not delayed:
            delayed.append(threading.current_thread().name)
            time.sleep(1)
        return submit(pool, *args)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", slow_to_start)
    paths = [Path(str(n)) for n in range(40)]
    out = list(run_stages([tag_with_process], paths, LocalEngine(workers=2, batch_size=4, max_in_flight=6)))
    assert delayed == ["corpus-engine-start"]
    assert [path.name.split("@")[0] for path in out] == [str(n) for n in range(40)]
    processes = [int(path.name.split("@")[1]) for path in out]
    batches_here = sorted({number // 4 for number, process in enumerate(processes) if process == os.getpid()})
    assert batches_here == [0, 3, 4, 5]  # queued: 1 to 5; 1 and 2 are left for the two workers


def test_a_batch_running_here_when_the_pool_comes_up_leaves_its_other_records_to_the_workers(tmp_path):
    read = []

    def source():
        for number in range(80):
            read.append(number)
            yield Path(str(number))

    stage = functools.partial(tag_with_process_once_the_pool_is_up, marker=tmp_path / "a worker ran",
                              parent=os.getpid())
    engine = LocalEngine(workers=2, batch_size=8)
    stream = run_stages([stage], source(), engine)
    out = [next(stream)]
    # the first batch, still out while its rest runs in a worker, counts among the batches in flight
    assert len(read) <= engine.batch_size * engine.in_flight
    out += list(stream)
    assert [path.name.split("@")[0] for path in out] == [str(n) for n in range(80)]
    here = [int(path.name.split("@")[1]) == os.getpid() for path in out]
    # the first record, unless the pool was up before this process took it; the first batch's others in workers
    assert here in ([True] + [False] * 79, [False] * 80)


def test_the_pipe_of_the_workers_results_holds_a_batchs_results():
    """So that a worker sends a batch's results and goes on, without waiting for this process to read them."""
    fcntl = pytest.importorskip("fcntl")  # Linux: pipes of other systems cannot be widened
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"))
    try:
        _widen_result_pipe(pool)
        assert fcntl.fcntl(pool._result_queue._reader.fileno(), fcntl.F_GETPIPE_SZ) >= 1 << 20
    finally:
        pool.shutdown()


LATE_STAGE = """
import os
from pathlib import Path

IMPORTED_BY = os.getpid()


def where_imported(records):
    for record in records:
        yield Path(f"{record}@{'imported' if IMPORTED_BY == os.getpid() else 'inherited'}")
"""

TWO_POOLS = """
import functools, sys
from pathlib import Path
from corpus.engine import LocalEngine, run_stages

paths = [Path(str(n)) for n in range(12)]
# the first pool, whose stage needs nothing of late_stage, starts the fork server
first = LocalEngine(workers=2, batch_size=4, preload=tuple(sys.argv[1:]))
list(run_stages([functools.partial(map, Path)], paths, first))
import late_stage
later = run_stages([late_stage.where_imported], paths, LocalEngine(workers=2, batch_size=4))
print(" ".join(path.name for path in later))
"""


BLAS_THREADS = """
import os
from pathlib import Path
from corpus.engine import LocalEngine, run_stages
from test_engine import tag_with_blas_threads

paths = [Path(str(n)) for n in range(8)]
print(" ".join(path.name for path in run_stages([tag_with_blas_threads], paths, LocalEngine(workers=2, batch_size=4))))
print(f"here:{os.environ.get('OPENBLAS_NUM_THREADS')}")
"""


@pytest.mark.parametrize("preload", [["late_stage"], []], ids=["preloaded", "not preloaded"])
def test_the_workers_of_a_later_pool_start_with_the_modules_the_first_preloaded(tmp_path, preload):
    """One fork server serves every pool of a process, with the modules of the first (a fresh process here)."""
    (tmp_path / "late_stage.py").write_text(LATE_STAGE)
    path = os.pathsep.join([str(tmp_path), str(Path(__file__).resolve().parent.parent),
                            os.environ.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", TWO_POOLS, *preload], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": path}).stdout.split()
    assert [name.split("@")[0] for name in out] == [str(n) for n in range(12)]
    # the batches after the first, in workers
    assert {name.split("@")[1] for name in out[4:]} == {"inherited" if preload else "imported"}


PREPARED_STAGE = """
import os
from pathlib import Path

PREPARED_BY = None


def prepare_fork_server():
    global PREPARED_BY
    PREPARED_BY = os.getpid()


def where_prepared(records):
    for record in records:
        where = "nowhere" if PREPARED_BY is None else "here" if PREPARED_BY == os.getpid() else "fork-server"
        yield Path(f"{record}@{where}")
"""

FAILING_PREPARATION = """
from pathlib import Path


def prepare_fork_server():
    raise RuntimeError("a preparation that fails")


def tag(records):
    for record in records:
        yield Path(f"{record}@ran")
"""

ONE_POOL = """
import sys
from pathlib import Path
from corpus.engine import LocalEngine, run_stages
stage = getattr(__import__(sys.argv[1]), sys.argv[2])
paths = [Path(str(n)) for n in range(12)]
print(" ".join(path.name for path in run_stages([stage], paths, LocalEngine(workers=2, batch_size=4))))
"""


@pytest.mark.parametrize(("module", "stage", "worker_tag"), [
    (PREPARED_STAGE, "where_prepared", "fork-server"),
    # the fork server goes on without it: the workers do the work themselves and meet the error there
    (FAILING_PREPARATION, "tag", "ran"),
], ids=["prepared", "failing"])
def test_the_fork_server_calls_the_preparation_hooks_of_the_modules_it_imported(tmp_path, module, stage, worker_tag):
    """What a worker would build on its first records (``prepare_fork_server``) is built once, in the fork server
    (started here, in a fresh process), and the workers forked from it start with it; not in this process."""
    (tmp_path / "prepared_stage.py").write_text(module)
    path = os.pathsep.join([str(tmp_path), str(Path(__file__).resolve().parent.parent),
                            os.environ.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", ONE_POOL, "prepared_stage", stage], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": path}).stdout.split()
    assert [name.split("@")[0] for name in out] == [str(n) for n in range(12)]
    assert {name.split("@")[1] for name in out[4:]} == {worker_tag}  # the batches after the first, in workers
    if worker_tag == "fork-server":
        assert {name.split("@")[1] for name in out[:4]} <= {"nowhere", "fork-server"}  # here, or in workers


def test_workers_keep_what_they_start_with_out_of_the_collectors_sight():
    paths = [Path(str(n)) for n in range(8)]
    out = list(run_stages([tag_with_frozen_objects], paths, LocalEngine(workers=2, batch_size=4)))
    frozen_in_worker = int(out[-1].name.split("@")[1])
    assert frozen_in_worker > 1000  # the modules imported by the fork server, at least


def test_workers_run_one_blas_thread_and_this_process_is_left_as_it_was(monkeypatch):
    """Set when the fork server starts, before it imports the stages' modules (numpy starts OpenBLAS's threads when
    imported). The server is started here, in a fresh process: one started earlier serves every later pool."""
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    out = subprocess.run([sys.executable, "-c", BLAS_THREADS], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}).stdout.split()
    assert out[4:] == [*(f"{n}@1" for n in range(4, 8)), "here:None"]  # in workers; this process, unset
    assert {name.split("@")[1] for name in out[:4]} <= {"None", "1"}  # here, or in workers


def test_a_single_batch_runs_here_without_starting_a_pool():
    out = list(run_stages([tag_with_process], [Path("a"), Path("b")], LocalEngine(workers=2, batch_size=4)))
    assert [path.name for path in out] == [f"a@{os.getpid()}", f"b@{os.getpid()}"]


@pytest.mark.parametrize("workers", [1, 2])
def test_held_records_stay_here_and_come_back_in_their_place(workers):
    paths = [Path(str(n)) for n in range(30)]
    held = HoldBack(lambda path: int(path.name) % 3 == 0)
    out = list(chain([held.restore], run_stages([tag_unless_held], chain([held.hold], paths),
                                                LocalEngine(workers=workers, batch_size=4))))
    assert [path.name.split("@")[0] for path in out] == [str(n) for n in range(30)]
    # a held record never reached the stage (untagged); the others did
    assert [path for path in out if "@" not in path.name] == paths[::3]
    assert all(path is kept for path, kept in zip(out[::3], paths[::3], strict=True))


@pytest.mark.parametrize("number", [0, 1, 9])
def test_a_held_record_that_does_not_come_back_is_a_config_error_naming_it(number):
    paths = [Path(str(n)) for n in range(20)]
    held = HoldBack(lambda path: int(path.name) % 2 == 0)
    stage = functools.partial(drop_held, number=number)
    with pytest.raises(ConfigError, match=f"held record {number} did not come back"):
        list(chain([held.restore], run_stages([stage], chain([held.hold], paths), LocalEngine(workers=2, batch_size=4))))


@pytest.mark.parametrize("count", [3, 20], ids=["here", "in a worker"])
def test_a_record_that_cannot_cross_processes_is_the_same_config_error_wherever_it_is_made(count):
    paths = [Path(str(n)) for n in range(count)]
    with pytest.raises(ConfigError, match="a stage produced a dict, which cannot be sent between processes"):
        list(run_stages([as_dicts], paths, LocalEngine(workers=2, batch_size=4)))


def test_pooled_batches_are_the_record_batches_of_the_results(tmp_path):
    paths = write_pages(tmp_path / "pages", 10)
    batches = list(LocalEngine(workers=2, batch_size=4).run_batches(PIPELINE, paths))
    assert all(batch.schema == record_schema() for batch in batches)
    assert [len(batch) for batch in batches] == [4, 4, 4]
    assert [record for batch in batches for record in decode_records(batch)] == list(
        run_stages(PIPELINE, paths, LocalEngine(workers=1)))


@pytest.mark.parametrize("collecting", [True, False])
def test_converting_records_leaves_the_garbage_collector_as_it_was(collecting):
    records = [Path("a"), ingest.Reject("x.txt", "empty", "no text")]
    was = gc.isenabled()
    try:
        gc.enable() if collecting else gc.disable()
        assert decode_records(encode_records(records)) == records
        assert gc.isenabled() is collecting
        with pytest.raises(ConfigError):
            encode_records([{"doc_id": "x"}])
        assert gc.isenabled() is collecting
    finally:
        gc.enable() if was else gc.disable()


def test_a_failing_stage_raises_its_error_in_the_caller():
    paths = [Path(str(n)) for n in range(20)]
    with pytest.raises(InputError, match="13: bad record for the test"):
        list(run_stages([functools.partial(fail_on, name="13")], paths, LocalEngine(workers=2, batch_size=3)))


@pytest.mark.parametrize("position", [0, 9], ids=["here", "in a worker"])
def test_an_exception_that_cannot_be_pickled_arrives_as_its_category(tmp_path, position):
    good = write_pages(tmp_path / "pages", 12)[:12]
    bad = tmp_path / "gone.txt"  # read_page raises RejectedPage (its constructor takes a Reject)
    paths = good[:position] + [bad] + good[position:]
    with pytest.raises(InputError, match="RejectedPage: .*gone.txt"):
        list(run_stages([functools.partial(map, ingest.read_page)], paths, LocalEngine(workers=2, batch_size=4)))


def test_a_stage_that_cannot_be_sent_to_workers_is_a_config_error():
    with pytest.raises(ConfigError, match="cannot be sent to worker processes"):
        list(run_stages([lambda items: items], [Path("x")], LocalEngine(workers=2)))


@pytest.mark.parametrize("options", [{"workers": 0}, {"batch_size": 0}, {"workers": 1.5}, {"max_in_flight": 0},
                                     {"preload": "corpus.build"}, {"preload": (Path("corpus"),)}])
def test_bad_engine_options_are_config_errors(options):
    with pytest.raises(ConfigError):
        LocalEngine(**options)


def test_memory_is_bounded_by_the_batches_in_flight():
    """The input is read only a bounded number of batches ahead of what the caller has consumed."""
    read = []

    def source():
        for number in range(10_000):
            read.append(number)
            yield Path(str(number))

    engine = LocalEngine(workers=2, batch_size=10, max_in_flight=3)
    stream = run_stages([only_even], source(), engine)
    taken = list(itertools.islice(stream, 5))
    assert [path.name for path in taken] == ["0", "2", "4", "6", "8"]
    assert len(read) <= engine.batch_size * (engine.in_flight + 1)
    stream.close()


def test_corpus_build_of_unannotated_pages_gives_the_same_release_with_workers(tmp_path, monkeypatch):
    """Enough pages for several batches, none annotated: pre-annotation runs here and in the workers."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "data"\n\n[tool.corpus]\ndataset_version = "0.1.0"\n')
    write_synthetic(150, tmp_path / "synth", seed=5)
    (tmp_path / "no-annotations").mkdir()
    monkeypatch.chdir(tmp_path)
    hashes = {}
    for workers in ("1", "2"):
        dist = tmp_path / f"dist-{workers}"
        assert main(["build", "--seeds", "synth/pages", "--annotations", "no-annotations", "--dist", str(dist),
                     "--workers", workers]) == 0
        manifest = json.loads((dist / "releases" / "0.1.0" / "manifest.json").read_text())
        hashes[workers] = {name: table["content_sha256"] for name, table in manifest["tables"].items()}
        assert manifest["tables"]["documents"]["rows"] == 150
        assert manifest["tables"]["spans"]["rows"] > 150  # the pre-annotator's
    assert hashes["2"] == hashes["1"]


PREANNOTATION_MODULES_PROBE = """
import sys
from pathlib import Path


def fork_server_had(records):
    timestamps = sys.modules.get("annotation.preannotate.timestamps")
    for record in records:
        modules = "corpus.build" in sys.modules and "annotation.preannotate.core" in sys.modules
        yield Path(f"{record}@{modules}@{timestamps is not None and timestamps.patterns.cache_info().currsize == 1}")
"""

BUILD_THEN_PROBE = """
import sys
from pathlib import Path
from corpus.cli import main
from corpus.engine import LocalEngine, run_stages

arguments = ["build", "--seeds", "synth/pages", "--annotations", "no-annotations", "--workers", "2", *sys.argv[1:]]
assert main(arguments) == 0
import probe  # imports neither module: what a worker has of them, it has from the fork server
later = run_stages([probe.fork_server_had], [Path(str(n)) for n in range(12)], LocalEngine(workers=2, batch_size=4))
print(" ".join(path.name for path in later))
"""


@pytest.mark.parametrize("options", [[], ["--no-preannotate"]], ids=["pre-annotating", "not pre-annotating"])
def test_a_build_with_workers_has_its_fork_server_import_the_preannotation_modules(tmp_path, options):
    """The ingest's pool starts the fork server; the pre-annotation's workers, forked from it later, start with
    the stage's and the pre-annotator's modules, and the timestamp patterns, instead of importing and building them
    each."""
    pyproject = '[project]\nname = "data"\n\n[tool.corpus]\ndataset_version = "0.1.0"\n'
    (tmp_path / "pyproject.toml").write_text(pyproject)
    write_synthetic(100, tmp_path / "synth", seed=5)  # more pages than a batch: the ingest starts a pool
    (tmp_path / "no-annotations").mkdir()
    (tmp_path / "probe.py").write_text(PREANNOTATION_MODULES_PROBE)
    path = os.pathsep.join([str(tmp_path), str(Path(__file__).resolve().parent.parent),
                            os.environ.get("PYTHONPATH", "")])
    out = subprocess.run([sys.executable, "-c", BUILD_THEN_PROBE, *options], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": path}).stdout
    out = out.splitlines()[-1].split()  # after the build's summary
    assert [name.split("@")[0] for name in out] == [str(n) for n in range(12)]
    # the batches after the first, in workers
    assert {name.split("@", 1)[1] for name in out[4:]} == {f"{not options}@{not options}"}


# --- content hash -------------------------------------------------------------------------------------------

@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(examples(), min_size=1, max_size=5, unique_by=lambda e: e[0].doc_id), st.integers(1, 5))
def test_the_incremental_content_hash_is_the_release_hash(corpus, chunk):
    groups = list(release.to_rows(release.ReleasedDocument(d, a) for d, a in corpus))
    tables = release.collect_tables(groups)
    for name in release.TABLE_NAMES:
        hasher = ReferenceContentHash()
        ordered = tables.table(name).sort_by(release.TABLE_IDS[name])
        for batch in ordered.to_batches(max_chunksize=chunk):
            hasher.update(batch, release.TABLE_IDS[name])
        assert hasher.hexdigest() == release.content_sha256(tables.table(name), name)
        assert hasher.rows == tables.table(name).num_rows


def test_the_incremental_content_hash_refuses_unsorted_rows():
    hasher = ReferenceContentHash()
    with pytest.raises(ValueError, match="not sorted by doc_id"):
        hasher.update(pa.table({"doc_id": ["b", "a"]}), "doc_id")
