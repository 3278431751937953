"""The Spark engine (local mode, offline): the same stages give the same records, in the same order, and
the same release content hashes as the local engine."""

from __future__ import annotations

import functools
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpus.engine import LocalEngine, decode_records, encode_records, run_stages
from corpus.spark import SEQ, SparkEngine, resolve_master, spark_session
import test_engine
from test_engine import PIPELINE, explode, fail_on, only_even, release_hashes, write_pages

SMALL = (("spark.sql.shuffle.partitions", "2"), ("spark.default.parallelism", "2"))


@pytest.fixture(scope="module")
def engine():
    from pyspark import cloudpickle

    # The tests' stages live in a test module, which Spark's Python workers cannot import: send them whole.
    cloudpickle.register_pickle_by_value(test_engine)
    engine = SparkEngine(master="local[2]", batch_size=4, conf=SMALL)
    yield engine
    engine.session().stop()


def test_spark_gives_the_local_engines_records_and_content_hashes(engine, tmp_path):
    paths = write_pages(tmp_path / "pages", 14)
    local = list(run_stages(PIPELINE, paths, LocalEngine(workers=1)))
    on_spark = list(run_stages(PIPELINE, paths, engine))
    assert on_spark == local
    hashes, others = release_hashes(on_spark)
    assert hashes == release_hashes(local)[0]
    assert {item.reason for item in others} == {"empty", "undecodable"}


def test_spark_keeps_input_order_through_filters_and_flat_maps(engine):
    paths = [Path(str(n)) for n in range(30)]
    stages = [only_even, functools.partial(explode, times=2)]
    assert list(run_stages(stages, paths, engine)) == [p for p in paths if int(p.name) % 2 == 0 for _ in range(2)]


def test_map_parquet_writes_the_result_in_input_order(engine, tmp_path):
    import pyarrow as pa

    source = tmp_path / "in.parquet"
    paths = [Path(str(n)) for n in range(25)]
    batch = encode_records(paths)
    pq.write_table(pa.Table.from_batches([batch]).append_column(SEQ, pa.array(range(25), pa.int64())), source)
    engine.map_parquet([functools.partial(explode, times=3)], source, tmp_path / "out")
    table = pq.read_table(tmp_path / "out")
    assert decode_records(table) == [p for p in paths for _ in range(3)]


def test_a_failing_stage_fails_the_run_with_its_message(engine):
    with pytest.raises(Exception, match="7: bad record for the test"):
        list(run_stages([functools.partial(fail_on, name="7")], [Path(str(n)) for n in range(10)], engine))


def test_the_master_comes_from_the_option_then_spark_master():
    from corpus.config import load_settings

    from_environment = load_settings(environ={"SPARK_MASTER": "spark://b:7077"})
    assert from_environment.spark_master == "spark://b:7077"
    assert resolve_master("spark://a:7077", from_environment) == "spark://a:7077"
    assert resolve_master(None, from_environment) == "spark://b:7077"
    assert resolve_master(None, load_settings(environ={})) is None  # Spark's own configuration decides, else local[*]


def test_the_session_runs_in_local_mode_without_its_web_ui(engine):
    session = engine.session()
    assert session is spark_session()
    assert session.sparkContext.master == "local[2]"
    assert session.conf.get("spark.ui.enabled") == "false"



def test_corpus_release_on_spark_gives_the_local_content_hashes(engine, tmp_path, monkeypatch):
    from test_build import engine_project, released_with

    root = engine_project(tmp_path / "project")
    monkeypatch.chdir(root)
    assert released_with(root, "dist-spark", "--engine", "spark", "--master", "local[2]") == \
        released_with(root, "dist-local", "--workers", "2")


def corrupted_release(folder: Path) -> Path:
    """A release that breaks rules within documents and across them, written without validation."""
    from corpus.release import ReleaseTables, write_release
    from test_release import corpus, tables_for

    tables = tables_for(corpus(range(12)))
    documents, spans = tables.documents.to_pylist(), tables.spans.to_pylist()
    spans[3]["text"] = "not the slice"
    spans[10]["span_id"] = spans[-2]["span_id"]  # the same span id in two documents
    spans[12]["label"] = "sidebar"
    spans.append({**spans[0], "doc_id": "0123456789abcdef", "span_id": "0123456789abcdef:zone:0-5"})  # orphan
    documents[2]["split"] = "test" if documents[2]["split"] != "test" else "train"
    documents.append(dict(documents[5]))  # a repeated document
    corrupted = ReleaseTables(pa.Table.from_pylist(documents, schema=tables.documents.schema),
                              pa.Table.from_pylist(spans, schema=tables.spans.schema))
    return write_release(corrupted, folder, "0.1.0", validate=None).path


def test_spark_validation_gives_the_local_report(engine, tmp_path, monkeypatch):
    from corpus.cli import main
    from corpus.spark import validate_on_spark
    from schemas.validate import validate_path

    release = corrupted_release(tmp_path / "releases")
    local = validate_path([release])
    assert not local.ok and {"unique_doc_id", "unique_span_id", "orphan_span", "span_text_matches"} <= set(local.by_rule())
    on_spark = validate_on_spark([release], engine)
    assert on_spark.to_json() == local.to_json()
    valid = tmp_path / "valid"
    from corpus.release import write_release
    from test_release import corpus, tables_for

    good = write_release(tables_for(corpus(range(5))), valid, "0.1.0").path
    assert validate_on_spark([good], engine).to_json() == validate_path([good]).to_json()
    assert main(["validate", str(release), "--engine", "spark", "--master", "local[2]", "--json"]) == 1
    assert main(["validate", str(good), "--engine", "spark", "--master", "local[2]"]) == 0
