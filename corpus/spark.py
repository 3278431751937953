"""The Spark engine: the very same stages on a Spark cluster (or ``local[*]``), over Arrow and Parquet.

``SparkEngine.run(stages, records)`` writes the records as Parquet in the exchange form of
``corpus.engine`` (``record_schema()`` plus their position ``_seq``), runs the stages with
``DataFrame.mapInArrow`` and reads the result back in input order, so it is the same as
``LocalEngine``'s. ``SparkEngine.map_parquet`` is the cluster-native form: Parquet in, Parquet out,
nothing through the driver. Stages must be batch-independent, as for ``LocalEngine(workers=N)``:
each task runs them on runs of consecutive input records.

The master URL is, in order: ``SparkEngine(master=...)`` (the ``--master`` option), the ``SPARK_MASTER``
environment variable (read by ``corpus.config.load_settings``), Spark's own configuration (``spark-defaults.conf``, ``PYSPARK_SUBMIT_ARGS``),
else ``local[*]``. PySpark is the optional extra ``spark`` (``pip install 'newszones[spark]'``) and
needs Java 17+.

"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus.config import Settings, load_settings
from corpus.engine import DEFAULT_BATCH_SIZE, Stage, batched, check_picklable, decode_records, encode_records
from corpus.engine import record_schema, run_batch
from schemas.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
SEQ, SUB = "_seq", "_sub"
INSTALL_HINT = "install the Spark extra: pip install 'newszones[spark]' (and Java 17+)"


def _pyspark() -> Any:
    try:
        import pyspark
    except ImportError:
        raise ConfigError(f"--engine spark needs PySpark, which is not installed; {INSTALL_HINT}") from None
    return pyspark


def resolve_master(master: str | None, settings: Settings | None = None) -> str | None:
    """The master URL given, else ``settings.spark_master`` (``SPARK_MASTER``; default: ``load_settings()``);
    None lets Spark's own configuration decide."""
    if master:
        return master
    return (load_settings() if settings is None else settings).spark_master


def spark_session(master: str | None = None, conf: Sequence[tuple[str, str]] = ()) -> SparkSession:
    """The Spark session of this process (created on first use) for ``master`` (see ``resolve_master``)."""
    _pyspark()
    from pyspark import SparkConf, SparkContext
    from pyspark.sql import SparkSession

    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise ConfigError(f"--engine spark needs Java 17+ (no java on PATH and JAVA_HOME unset); {INSTALL_HINT}")
    master = resolve_master(master)
    # The executors' Python is this one, so the stages are imported from the same environment.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("newszones")
    if master is None:
        SparkContext._ensure_initialized()  # reads spark-defaults.conf and PYSPARK_SUBMIT_ARGS
        if not SparkConf().contains("spark.master"):
            master = DEFAULT_MASTER
    if master is not None:
        builder = builder.master(master)
    defaults = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": str(max(2, 2 * (os.cpu_count() or 1))),
        "spark.sql.execution.arrow.pyspark.enabled": "true",
    }
    for key, value in {**defaults, **dict(conf)}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _arrow_to_spark(schema: pa.Schema) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def _runs(sequence: list[int]) -> Iterator[tuple[int, int]]:
    """``[start, stop)`` index ranges of consecutive positions."""
    start = 0
    for index in range(1, len(sequence) + 1):
        if index == len(sequence) or sequence[index] != sequence[index - 1] + 1:
            yield start, index
            start = index


def _apply_stages(stages: Sequence[Stage], output: pa.Schema):
    """The ``mapInArrow`` function: the stages over each run of consecutive records of a task's batches,
    each output row keyed by (position of its run's first record, position in the run's output)."""
    schema = record_schema()

    def apply(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            positions = batch.column(SEQ).to_pylist()
            records = pa.Table.from_batches([batch]).select(schema.names).cast(schema)
            for start, stop in _runs(positions):
                part = records.slice(start, stop - start).combine_chunks().to_batches()
                result = run_batch(stages, part[0] if part else pa.RecordBatch.from_pylist([], schema=schema))
                keyed = pa.Table.from_batches([result]).append_column(
                    SEQ, pa.array([positions[start]] * result.num_rows, pa.int64())).append_column(
                    SUB, pa.array(range(result.num_rows), pa.int64()))
                yield from keyed.cast(output).to_batches()
    return apply


def _keyed_schema() -> pa.Schema:
    return record_schema().append(pa.field(SEQ, pa.int64(), nullable=False)).append(
        pa.field(SUB, pa.int64(), nullable=False))


@dataclass(frozen=True)
class SparkEngine:
    """Stages on Spark. ``partitions``: tasks per run (default: one per ``batch_size`` records, at least
    the cluster's default parallelism); ``conf``: extra Spark settings."""

    master: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    partitions: int | None = None
    conf: tuple[tuple[str, str], ...] = ()

    def session(self) -> SparkSession:
        conf = (("spark.sql.execution.arrow.maxRecordsPerBatch", str(self.batch_size)), *self.conf)
        return spark_session(self.master, conf)

    def run(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[Any]:
        for batch in self.run_batches(stages, records):
            yield from decode_records(batch)

    def run_batches(self, stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[pa.RecordBatch]:
        check_picklable(stages)
        folder = Path(tempfile.mkdtemp(prefix="newszones-spark-"))
        try:
            source, target = folder / "input.parquet", folder / "output"
            count = _write_input(records, source, self.batch_size)
            self.map_parquet(stages, source, target, count=count)
            for path in sorted(target.glob("part-*.parquet")):
                # pre_buffer=False: pyarrow's default reads every row group up front, the whole part in memory
                for batch in pq.ParquetFile(path, pre_buffer=False).iter_batches(batch_size=self.batch_size):
                    yield batch.drop_columns([SEQ, SUB])
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def map_parquet(self, stages: Sequence[Stage], source: Path | str, target: Path | str,
                    count: int | None = None) -> None:
        """Parquet of encoded records with ``_seq`` -> Parquet of the stages' output in input order."""
        check_picklable(stages)
        session = self.session()
        frame = session.read.parquet(str(source))
        count = frame.count() if count is None else count
        partitions = self.partitions or max(session.sparkContext.defaultParallelism,
                                            -(-count // self.batch_size))
        keyed = _keyed_schema()
        mapped = (frame.repartitionByRange(max(1, partitions), SEQ)
                  .mapInArrow(_apply_stages(list(stages), keyed), _arrow_to_spark(keyed)))
        mapped.orderBy(SEQ, SUB).write.mode("overwrite").parquet(str(target))


def _write_input(records: Iterable[Any], path: Path, batch_size: int) -> int:
    schema = record_schema().append(pa.field(SEQ, pa.int64(), nullable=False))
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in batched(records, batch_size):
            batch = encode_records(chunk)
            writer.write_batch(pa.RecordBatch.from_arrays(
                [*batch.columns, pa.array(range(count, count + len(chunk)), pa.int64())], schema=schema))
            count += len(chunk)
    return count


# --- validation ------------------------------------------------------------------------------------------

ROW, SHARD_SPLIT, BUCKET = "_row", "_shard_split", "_bucket"


def _staged_schema(name: str) -> pa.Schema:
    """The release schema with every field nullable (the rules, not the writer, report nulls), the row
    number and the shard's split."""
    from corpus.engine import _nullable
    from schemas.tables import arrow_schema

    fields = [pa.field(field.name, _nullable(field.type), nullable=True) for field in arrow_schema(name)]
    return pa.schema([*fields, pa.field(ROW, pa.int64()), pa.field(SHARD_SPLIT, pa.string())])


def _validate_bucket(names: tuple[str, ...]):
    """The ``applyInArrow`` function: every rule over one doc_id bucket of the documents and spans rows,
    with their row numbers in the whole tables; one JSON failure per output row."""
    def validate(_key: Any, *tables: pa.Table) -> pa.Table:
        import json
        from dataclasses import asdict

        from schemas.validate import TablePart, validate_parts

        parts = []
        for name, table in zip(names, tables, strict=True):
            table = table.sort_by(ROW) if table.num_rows else _staged_schema(name).empty_table()
            table = table.cast(_staged_schema(name))
            rows, splits = table.column(ROW).to_pylist(), table.column(SHARD_SPLIT).to_pylist()
            plain = table.drop_columns([ROW, SHARD_SPLIT])
            start = 0
            for stop in range(1, len(rows) + 1):  # one part per run of rows with the same shard split
                if stop == len(rows) or splits[stop] != splits[start]:
                    parts.append(TablePart(name, plain.slice(start, stop - start), split=splits[start],
                                           rows=rows[start:stop]))
                    start = stop
            if not rows:
                parts.append(TablePart(name, plain, rows=[]))
        report = validate_parts(parts)
        return pa.table({"failure": pa.array([json.dumps(asdict(f)) for f in report.failures], pa.string())})
    return validate


def validate_on_spark(paths: Sequence[Path | str], engine: SparkEngine) -> Any:
    """``schemas.validate.validate_path`` on Spark, with the same report.

    The files are read here one at a time and staged as Parquet with each row's number in its table and
    the split its hub shard declares. Spark hash-partitions the documents and spans rows by doc_id and
    runs every per-document rule on each partition (``applyInArrow`` on the co-grouped tables): a
    document's rows, its spans and any repeat of its id fall in one partition. Span ids repeated across
    documents are found with a Spark SQL group-by. Tables that cannot be staged in release form (a column
    missing or of the wrong type, hub columns that do not decode) are validated here, as locally: the
    report is the same.
    """
    import json

    import polars as pl
    from pyspark.sql import functions as F

    from schemas.rules import Rule
    from schemas.validate import (
        Failure,
        ValidationReport,
        _duplicates,
        _release_form,
        read_parts,
        validate_path,
    )
    from schemas.tables import arrow_schema

    if not paths:
        return validate_path(paths)
    folder = Path(tempfile.mkdtemp(prefix="newszones-validate-"))
    try:
        locations: dict[str, list[tuple[int, str | None]]] = {}
        rows: dict[str, int] = {}
        nested_spans = 0
        writers: dict[str, pq.ParquetWriter] = {}
        try:
            for path in paths:
                for part in read_parts(Path(path)):
                    table, failure = _release_form(part.table, part.name)
                    schema = arrow_schema(part.name)
                    if failure is not None or table.schema.remove_metadata() != schema.remove_metadata():
                        if not (failure is None and _castable(table, schema)):
                            return validate_path(paths)  # structural problems: reported as locally
                        table = table.select(schema.names).cast(schema)
                    offset = rows.get(part.name, 0)
                    locations.setdefault(part.name, []).append((offset, part.file))
                    staged = table.append_column(ROW, pa.array(range(offset, offset + table.num_rows), pa.int64())) \
                        .append_column(SHARD_SPLIT, pa.array([part.split] * table.num_rows, pa.string()))
                    if part.name not in writers:
                        (folder / part.name).mkdir()
                        writers[part.name] = pq.ParquetWriter(folder / part.name / "part.parquet",
                                                              _staged_schema(part.name))
                    writers[part.name].write_table(staged.cast(_staged_schema(part.name)))
                    rows[part.name] = offset + table.num_rows
                    if part.name == "documents":
                        nested_spans += int(pc.sum(pc.list_value_length(table.column("spans"))).as_py() or 0)
        finally:
            for writer in writers.values():
                writer.close()

        session = engine.session()
        names = tuple(sorted(rows))
        partitions = engine.partitions or max(2, session.sparkContext.defaultParallelism)
        frames = [session.read.parquet(str(folder / name)).withColumn(
            BUCKET, F.pmod(F.xxhash64("doc_id"), F.lit(partitions))) for name in names]
        output = "failure string"
        validate_bucket = _validate_bucket(names)
        if len(frames) == 2:
            def both(key, left, right):  # noqa: ANN001, ANN202 (Spark inspects the arity)
                return validate_bucket(key, left.drop_columns([BUCKET]), right.drop_columns([BUCKET]))
            grouped = frames[0].groupBy(BUCKET).cogroup(frames[1].groupBy(BUCKET)).applyInArrow(both, output)
        else:
            def one(key, table):  # noqa: ANN001, ANN202
                return validate_bucket(key, table.drop_columns([BUCKET]))
            grouped = frames[0].groupBy(BUCKET).applyInArrow(one, output)
        failures = [Failure(**json.loads(row.failure)) for row in grouped.collect()]

        if "spans" in rows:
            # A span id may repeat across documents, hence across partitions: a group-by over all spans.
            failures = [f for f in failures if not (f.rule == Rule.UNIQUE_SPAN_ID and f.table == "spans")]
            spans = frames[names.index("spans")]
            repeated = spans.where(F.col("span_id").isNotNull()).groupBy("span_id").count().where("count > 1")
            rows_of_repeated = spans.join(repeated.select("span_id"), "span_id").select("span_id", "doc_id", ROW)
            found = pl.from_arrow(pa.Table.from_pylist([r.asDict() for r in rows_of_repeated.collect()],
                                                       pa.schema([("span_id", pa.string()), ("doc_id", pa.string()),
                                                                  (ROW, pa.int64())])))
            failures += _duplicates(found, "span_id", Rule.UNIQUE_SPAN_ID, "spans") if found.height else []

        located = []
        for failure in failures:
            if failure.row is not None and failure.table in locations:
                offset, file = next((o, f) for o, f in reversed(locations[failure.table]) if o <= failure.row)
                failure = replace(failure, file=file, row=failure.row - offset)
            located.append(failure)
        return ValidationReport(
            failures=tuple(sorted(located, key=Failure.sort_key)), counts=dict(rows),
            n_documents=rows.get("documents", 0),
            n_spans=rows["spans"] if "spans" in rows else nested_spans,
            sources=tuple(str(path) for path in paths))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _castable(table: pa.Table, schema: pa.Schema) -> bool:
    """The table has exactly the schema's columns, each castable to its type (nullability aside)."""
    if set(table.column_names) != set(schema.names):
        return False
    try:
        table.select(schema.names).cast(schema)
    except (pa.ArrowException, ValueError, TypeError):
        return False
    return True
