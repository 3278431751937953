"""The two corpus tables, declared once; Arrow schemas, HF ``Features`` and pandera schemas derive from it.

Releases store enumerated columns (label, layer, origin, annotation status) as strings, readable with
any Parquet tool; the hub folder stores them as ``ClassLabel`` integers, as ``datasets`` expects.
``encode_for_hub`` and ``decode_from_hub`` convert between the two.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any, Literal

import pyarrow as pa
import pyarrow.compute as pc

from schemas.labels import ANNOTATION_STATUSES, LABEL_NAMES, LAYERS, ORIGINS, SPLITS

SCHEMA_VERSION = "1.0.0"

Kind = Literal["string", "int", "float", "bool", "strings", "enum", "spans"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    description: str
    nullable: bool = False
    choices: tuple[str, ...] = ()


SPAN_FIELDS: tuple[Column, ...] = (
    Column("span_id", "string", "Unique id: <doc_id>:<layer>:<start>-<end>."),
    Column("layer", "enum", "zone (article/boilerplate/teaser, a partition) or quote (inside article).",
           choices=LAYERS),
    Column("label", "enum", "The span's label.", choices=LABEL_NAMES),
    Column("start", "int", "First character, a code-point index into the document text."),
    Column("end", "int", "One past the last character (exclusive)."),
    Column("text", "string", "Exactly text[start:end] of the document."),
    Column("score", "float", "Confidence of a machine span in [0, 1]; null for human spans.", nullable=True),
)

DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "string", "Derived from the text (SHA-256 prefix); stable across releases."),
    Column("text", "string", "The page's text exactly as ingested."),
    Column("sources", "strings", "Input files the text was read from (one text, possibly many files)."),
    Column("url", "string", "Canonical URL when the page declared one.", nullable=True),
    Column("title", "string", "Page title when the page declared one.", nullable=True),
    Column("split", "string", "train, validation or test: a function of doc_id.", choices=SPLITS),
    Column("text_sha256", "string", "SHA-256 of the UTF-8 text."),
    Column("n_chars", "int", "Length of the text in code points."),
    Column("annotation_status", "enum", "Where the spans come from: unannotated, machine, human, adjudicated.",
           choices=ANNOTATION_STATUSES),
    Column("annotation_ids", "strings", "Ids of the annotations the spans were taken from."),
    Column("spans", "spans", "The document's released spans (zones and quotes), sorted by start."),
)

SPAN_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "string", "The document the span belongs to."),
    *SPAN_FIELDS[:-1],
    Column("origin", "enum", "human, machine or adjudicated.", choices=ORIGINS),
    Column("annotation_id", "string", "The annotation the span belongs to."),
    Column("annotator", "string", "Who annotated (human spans).", nullable=True),
    Column("model_version", "string", "The pre-annotator and its version (machine spans).", nullable=True),
    SPAN_FIELDS[-1],
)

TABLES: dict[str, tuple[Column, ...]] = {"documents": DOCUMENT_COLUMNS, "spans": SPAN_COLUMNS}
ENUM_NAMES: dict[str, tuple[str, ...]] = {
    column.name: column.choices for columns in (*TABLES.values(), SPAN_FIELDS) for column in columns
    if column.kind == "enum"
}


# --- Arrow ---------------------------------------------------------------------------------------

def _arrow_type(column: Column, encoded: bool) -> pa.DataType:
    match column.kind:
        case "string":
            return pa.string()
        case "int":
            return pa.int64()
        case "float":
            return pa.float64()
        case "bool":
            return pa.bool_()
        case "strings":
            return pa.list_(pa.string())
        case "enum":
            return pa.int64() if encoded else pa.string()
        case "spans":
            return pa.list_(pa.struct([_arrow_field(field, encoded) for field in SPAN_FIELDS]))
    raise ValueError(f"unknown column kind {column.kind!r}")


def _arrow_field(column: Column, encoded: bool) -> pa.Field:
    return pa.field(column.name, _arrow_type(column, encoded), nullable=column.nullable)


def arrow_schema(table: str, *, encoded: bool = False) -> pa.Schema:
    """The Arrow schema of ``table``; ``encoded`` gives ClassLabel integers for enumerated columns."""
    return pa.schema([_arrow_field(column, encoded) for column in _columns(table)])


def _columns(table: str) -> tuple[Column, ...]:
    try:
        return TABLES[table]
    except KeyError:
        raise ValueError(f"unknown table {table!r}; valid tables: {', '.join(TABLES)}") from None


# --- Hugging Face features -------------------------------------------------------------------------

def _feature(column: Column) -> Any:
    import datasets

    match column.kind:
        case "string":
            return datasets.Value("string")
        case "int":
            return datasets.Value("int64")
        case "float":
            return datasets.Value("float64")
        case "bool":
            return datasets.Value("bool")
        case "strings":
            return datasets.List(datasets.Value("string"))
        case "enum":
            return datasets.ClassLabel(names=list(column.choices))
        case "spans":
            return datasets.List({field.name: _feature(field) for field in SPAN_FIELDS})
    raise ValueError(f"unknown column kind {column.kind!r}")


def hf_features(table: str) -> Any:
    """``datasets.Features`` of ``table``, enumerated columns as ``ClassLabel``."""
    import datasets

    return datasets.Features({column.name: _feature(column) for column in _columns(table)})


# --- pandera ----------------------------------------------------------------------------------------

def _polars_type(column: Column) -> Any:
    import polars as pl

    match column.kind:
        case "string" | "enum":
            return pl.String
        case "int":
            return pl.Int64
        case "float":
            return pl.Float64
        case "bool":
            return pl.Boolean
        case "strings":
            return pl.List(pl.String)
        case "spans":
            return pl.List(pl.Struct({field.name: _polars_type(field) for field in SPAN_FIELDS}))
    raise ValueError(f"unknown column kind {column.kind!r}")


def polars_schema(table: str) -> dict[str, Any]:
    """The polars dtypes of ``table`` in release form (enumerated columns as strings)."""
    return {column.name: _polars_type(column) for column in _columns(table)}


def pandera_schema(table: str) -> Any:
    """A pandera (polars backend) schema of ``table`` in release form (enumerated columns as strings)."""
    with warnings.catch_warnings():
        # pandera imports pyspark.pandas whenever PySpark (the spark extra) is installed, which warns
        # about pandas 3 on every run although no pandas-on-Spark code is used here.
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)
        import pandera.polars as pa_pl

    columns = {}
    for column in _columns(table):
        checks = []
        if column.choices:
            checks.append(pa_pl.Check.isin(list(column.choices)))
        if column.kind == "int":
            checks.append(pa_pl.Check.ge(0))
        if column.name == "score":
            checks.append(pa_pl.Check.in_range(0.0, 1.0))
        columns[column.name] = pa_pl.Column(_polars_type(column), checks=checks, nullable=column.nullable)
    return pa_pl.DataFrameSchema(columns, name=table, strict=True, ordered=False)


# --- release form <-> hub form ----------------------------------------------------------------------

def _map_enum(array: pa.Array, names: tuple[str, ...], encode: bool) -> pa.Array:
    if encode:
        codes = pc.index_in(array, value_set=pa.array(names, pa.string()))
        unknown = pc.and_(pc.is_null(codes), pc.is_valid(array))
        if pc.any(unknown).as_py():
            bad = pc.filter(array, unknown)[0].as_py()
            raise ValueError(f"unknown value {bad!r}; valid values: {', '.join(names)}")
        return pc.cast(codes, pa.int64())
    out_of_range = pc.or_(pc.less(array, 0), pc.greater_equal(array, len(names)))
    if pc.any(out_of_range).as_py():
        bad = pc.filter(array, out_of_range)[0].as_py()
        raise ValueError(f"class index {bad} is out of range; there are {len(names)} classes: {', '.join(names)}")
    return pc.take(pa.array(names, pa.string()), array)


def _convert_column(array: pa.ChunkedArray, column: Column, encode: bool) -> pa.ChunkedArray:
    if column.kind == "enum":
        return pa.chunked_array([_map_enum(chunk, column.choices, encode) for chunk in array.chunks],
                                _arrow_type(column, encode))
    if column.kind != "spans":
        return array
    chunks = []
    for chunk in array.chunks:
        structs = chunk.flatten()
        fields = [_convert_column(pa.chunked_array([structs.field(field.name)]), field, encode).combine_chunks()
                  for field in SPAN_FIELDS]
        inner = pa.StructArray.from_arrays(fields, fields=[_arrow_field(f, encode) for f in SPAN_FIELDS])
        # A sliced list array keeps its parent's offsets; rebase them onto the flattened values.
        offsets = pc.subtract(chunk.offsets, chunk.offsets[0])
        mask = chunk.is_null() if chunk.null_count else None
        chunks.append(pa.ListArray.from_arrays(offsets, inner, mask=mask))
    return pa.chunked_array(chunks, _arrow_type(column, encode))


def _convert(table: pa.Table, name: str, encode: bool) -> pa.Table:
    schema = arrow_schema(name, encoded=encode)
    arrays = [_convert_column(table.column(column.name), column, encode) for column in _columns(name)]
    return pa.Table.from_arrays(arrays, schema=schema)


def encode_for_hub(table: pa.Table, name: str) -> pa.Table:
    """Release form -> hub form: enumerated columns become ClassLabel integers."""
    return _convert(table, name, encode=True)


def decode_from_hub(table: pa.Table, name: str) -> pa.Table:
    """Hub form -> release form: ClassLabel integers become their names."""
    return _convert(table, name, encode=False)
