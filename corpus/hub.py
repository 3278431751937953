"""The Hugging Face hub folder of a release: ``dist/hub/``, loadable with ``datasets.load_dataset``.

Layout (as ``push_to_hub`` writes a multi-config dataset)::

    README.md                                  dataset card: YAML metadata (configs, dataset_info) + prose
    data/<config>/<split>-NNNNN-of-NNNNN.parquet   enumerated columns as ClassLabel integers
    CHANGELOG.md  manifest.json  guidelines.md   the release's history, provenance and the annotators' manual

Configs are ``documents`` (default) and ``spans``. Each split is cut into shards of at most
``max_shard_size`` bytes of Arrow data (like ``push_to_hub``'s ``max_shard_size``). A split without rows
is left out of the config and the card (``load_dataset`` fails on a data-files pattern matching nothing),
and a config without any rows is left out altogether; the card says which splits exist.

The folder is written into a sibling temporary folder and swapped in by two renames, so readers see the
old folder or the new one, never a half-written one. ``manifest.json`` records a fingerprint of what
was written (release content hashes, shard plan, card and extra files): publishing the same release with
the same settings again finds the folder up to date and touches nothing.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import string
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus.progress import track
from corpus.release import (
    DATASET_NAME,
    TABLE_NAMES,
    Release,
    fsync_path,
    open_streamed,
    remove_leftovers,
    rows_per_batch,
    splits_of_ids,
    toolkit_version,
    write_bytes_synced,
)
from schemas.errors import ConfigError, InputError, RetryableError
from schemas.labels import LABEL_NAMES, LABELS, QUOTE_LABELS, SPLITS, ZONE_LABELS
from schemas.tables import SCHEMA_VERSION, TABLES, arrow_schema, encode_for_hub, hf_features

HUB_FORMAT = 1
DEFAULT_CONFIG = "documents"
DEFAULT_MAX_SHARD_SIZE = "500MB"
HUB_MANIFEST = "manifest.json"
CARD_TEMPLATE = Path(__file__).with_name("card.md")
# Arrow bytes per Parquet row group: small enough for the dataset viewer and streaming readers, and what
# publishing buffers per split before writing (at 64 MB, three full splits made publishing the peak of a
# 100k-page build).
ROW_GROUP_BYTES = 16 * 2**20
SIZE_CATEGORIES = ("n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B",
                   "1B<n<10B", "10B<n<100B", "100B<n<1T")


@dataclass(frozen=True, slots=True)
class CardInfo:
    """What the card says beyond the data: names, licence, where the dataset lives."""

    pretty_name: str = "NewsZones"
    language: tuple[str, ...] = ("en",)
    license: str = "other"
    license_name: str = "annotations-apache-2.0-texts-publishers"
    license_text: str = (
        "The annotations, the schema and the toolkit are released under the Apache License 2.0. The page "
        "texts remain the copyright of their publishers; they are included to train and evaluate "
        "content-extraction and quotation models. Check the rights that apply to you before redistributing "
        "the texts."
    )
    repo_id: str | None = None
    authors: str = "NewsZones contributors"


@dataclass(frozen=True, slots=True)
class Shard:
    config: str
    split: str
    index: int
    count: int
    offset: int
    rows: int

    @property
    def path(self) -> str:
        return f"data/{self.config}/{self.split}-{self.index:05d}-of-{self.count:05d}.parquet"


@dataclass(frozen=True, slots=True)
class HubOutcome:
    """``status`` is ``written`` or ``up_to_date``; ``configs`` maps config -> split -> rows."""

    status: str
    version: str
    path: Path
    configs: dict[str, dict[str, int]]
    files: tuple[str, ...] = field(default=())


def parse_size(size: str | int) -> int:
    """Bytes of ``500MB``, ``1GiB``, ``1048576``... (the units ``push_to_hub`` accepts)."""
    from datasets.utils.py_utils import convert_file_size_to_int

    try:
        value = convert_file_size_to_int(size if isinstance(size, int) or not size.isdigit() else int(size))
    except ValueError:
        raise ConfigError(f"--max-shard-size: {size!r} is not a size like 500MB, 1GB or 1048576") from None
    if value <= 0:
        raise ConfigError(f"--max-shard-size: {size!r} must be positive")
    return value


# --- splitting and sharding ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SplitStats:
    """One split of one table: rows, Arrow bytes (release form), and for documents the annotated ones and
    their characters."""

    rows: int
    nbytes: int
    annotated: int = 0
    characters: int = 0


# Uncompressed bytes read from a release table at a time: a few hundred documents, tens of thousands of
# spans (a fixed count of rows made thousands of tiny span batches, each paying the per-batch conversions).
READ_BATCH_BYTES = 4 * 2**20


def release_batches(release: Release, name: str) -> Iterator[pa.Table]:
    """The release table ``name`` in release order, about ``READ_BATCH_BYTES`` at a time, read from its
    Parquet file."""
    parquet = open_streamed(release.path / release.manifest["tables"][name]["file"])
    schema = arrow_schema(name)
    for batch in parquet.iter_batches(batch_size=rows_per_batch(parquet, READ_BATCH_BYTES)):
        yield pa.Table.from_batches([batch]).select(schema.names).cast(schema)


def splits_of(table: pa.Table, name: str) -> pa.Array:
    """The split of each row: the documents' own column; a span's from its doc_id (``split_for``)."""
    if name == "documents":
        return table.column("split").combine_chunks()
    return splits_of_ids(table.column("doc_id"))


def _split_parts(table: pa.Table, name: str) -> Iterator[tuple[str, pa.Table]]:
    splits = splits_of(table, name)
    for split in SPLITS:
        part = table.filter(pc.equal(splits, split))
        if part.num_rows:
            yield split, part


def split_stats(release: Release) -> dict[str, dict[str, SplitStats]]:
    """config -> split -> its SplitStats, non-empty splits only, in one pass over each release table."""
    result: dict[str, dict[str, SplitStats]] = {}
    for name in TABLE_NAMES:
        totals: dict[str, list[int]] = {}
        for table in release_batches(release, name):
            for split, part in _split_parts(table, name):
                entry = totals.setdefault(split, [0, 0, 0, 0])
                entry[0] += part.num_rows
                entry[1] += part.nbytes
                if name == "documents":
                    entry[2] += int(pc.sum(pc.not_equal(part.column("annotation_status"), "unannotated")).as_py() or 0)
                    entry[3] += int(pc.sum(part.column("n_chars")).as_py() or 0)
        if totals:
            result[name] = {split: SplitStats(*totals[split]) for split in SPLITS if split in totals}
    return result


def plan_shards(config: str, split: str, stats: SplitStats, max_shard_bytes: int) -> list[Shard]:
    """Contiguous shards of about equal rows, as many as ``push_to_hub`` would cut for this size."""
    count = min(stats.rows, int(stats.nbytes / max_shard_bytes) + 1)
    bounds = [round(index * stats.rows / count) for index in range(count + 1)]
    return [Shard(config, split, index, count, bounds[index], bounds[index + 1] - bounds[index])
            for index in range(count)]


def hub_form(table: pa.Table, config: str) -> pa.Table:
    """A release table in hub form: ClassLabel integers, the HF features in the schema metadata."""
    return encode_for_hub(table, config).cast(_hub_schema(config))


@functools.cache
def _hub_schema(config: str) -> pa.Schema:
    # Derived once: building the Features and their Arrow schema took half of publishing's time per batch.
    return hf_features(config).arrow_schema


class ShardWriter:
    """The shards of one config and split, filled in order as that split's rows come (in hub form); row
    groups of about ``ROW_GROUP_BYTES``. ``sizes`` maps each finished shard's path to its bytes."""

    def __init__(self, shards: Sequence[Shard], folder: Path) -> None:
        self.shards, self.folder = list(shards), folder
        self.index = self.in_shard = self.buffered_bytes = 0
        self.buffer: list[pa.Table] = []
        self.writer: pq.ParquetWriter | None = None
        self.sizes: dict[str, int] = {}

    def add(self, table: pa.Table) -> None:
        while table.num_rows:
            shard = self.shards[self.index]
            part, table = table.slice(0, shard.rows - self.in_shard), table.slice(shard.rows - self.in_shard)
            self.buffer.append(part)
            self.buffered_bytes += part.nbytes
            self.in_shard += part.num_rows
            if self.buffered_bytes >= ROW_GROUP_BYTES:
                self._flush()
            if self.in_shard == shard.rows:
                self.finish_shard()

    def _flush(self) -> None:
        if not self.buffer:
            return
        table = pa.concat_tables(self.buffer)
        if self.writer is None:
            path = self.folder / self.shards[self.index].path
            path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(path, table.schema, compression="zstd")
        self.writer.write_table(table, row_group_size=table.num_rows)
        self.buffer, self.buffered_bytes = [], 0

    def finish_shard(self) -> None:
        self._flush()
        shard = self.shards[self.index]
        path = self.folder / shard.path
        self.writer.close()
        self.writer = None
        fsync_path(path)
        self.sizes[shard.path] = path.stat().st_size
        self.index, self.in_shard = self.index + 1, 0

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def write_shards(release: Release, shards: Sequence[Shard], folder: Path) -> dict[str, int]:
    """Every shard of ``shards`` written to ``folder`` in one pass over each release table; path -> bytes."""
    sizes: dict[str, int] = {}
    for name in TABLE_NAMES:
        writers = {split: ShardWriter([s for s in shards if s.config == name and s.split == split], folder)
                   for split in SPLITS if any(s.config == name and s.split == split for s in shards)}
        try:
            rows = sum(shard.rows for shard in shards if shard.config == name)
            batch = rows_per_batch(open_streamed(release.path / release.manifest["tables"][name]["file"]),
                                   READ_BATCH_BYTES)
            for table in track(release_batches(release, name), f"hub shards: {name}", -(-rows // batch)):
                for split, part in _split_parts(table, name):
                    writers[split].add(hub_form(part, name))
        finally:
            for writer in writers.values():
                writer.close()
        for writer in writers.values():
            sizes.update(writer.sizes)
    return sizes


# --- the card --------------------------------------------------------------------------------------------

def size_category(documents: int) -> str:
    """The hub's size category: ``n<1K`` below 1000 rows, then one per power of ten, ``n>1T`` beyond."""
    for power, category in enumerate(SIZE_CATEGORIES, start=3):
        if documents < 10**power:
            return category
    return "n>1T"


def annotations_creators(counts: dict[str, Any]) -> list[str]:
    statuses = counts["documents_per_status"]
    creators = []
    if statuses["human"] or statuses["adjudicated"]:
        creators.append("expert-generated")
    if statuses["machine"]:
        creators.append("machine-generated")
    return creators or ["no-annotation"]


def card_metadata(release: Release, parts: dict[str, dict[str, SplitStats]], info: CardInfo) -> Any:
    """The card's YAML: dataset card fields, ``configs`` with data_files per split, ``dataset_info``."""
    from datasets import DatasetInfo, SplitDict, SplitInfo
    from datasets.info import DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs
    from huggingface_hub import DatasetCardData

    counts = release.manifest["counts"]
    data = DatasetCardData(
        language=list(info.language),
        license=info.license,
        license_name=info.license_name if info.license == "other" else None,
        pretty_name=info.pretty_name,
        task_categories=["token-classification"],
        task_ids=[],
        size_categories=[size_category(counts["documents"])],
        annotations_creators=annotations_creators(counts),
        language_creators=["found"],
        multilinguality=["monolingual"],
        source_datasets=["original"],
        tags=["news", "boilerplate-removal", "content-extraction", "quotation-detection", "span-annotation"],
    )
    infos = {}
    configs = {}
    for name, splits in parts.items():
        split_dict = SplitDict()
        for split, stats in splits.items():
            split_dict.add(SplitInfo(name=split, num_bytes=stats.nbytes, num_examples=stats.rows))
        infos[name] = DatasetInfo(config_name=name, features=hf_features(name), splits=split_dict,
                                  dataset_size=sum(stats.nbytes for stats in splits.values()))
        configs[name] = {"data_files": [{"split": split, "path": f"data/{name}/{split}-*"} for split in splits],
                         **({"default": True} if name == DEFAULT_CONFIG else {})}
    DatasetInfosDict(infos).to_dataset_card_data(data)
    MetadataConfigs(configs).to_dataset_card_data(data)
    return data


def _markdown_table(header: Sequence[str], rows: Sequence[Sequence[Any]], align: Sequence[str] | None = None) -> str:
    align = align or ["---"] * len(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _fields_table(name: str) -> str:
    return _markdown_table(["field", "type", "description"],
                           [(f"`{column.name}`", column.kind + (" (nullable)" if column.nullable else ""),
                             column.description + (f" One of: {', '.join(column.choices)}." if column.choices else ""))
                            for column in TABLES[name]])


def _stats_table(release: Release, parts: dict[str, dict[str, SplitStats]]) -> str:
    counts = release.manifest["counts"]
    header = ["split", "documents", "annotated", "characters", *LABEL_NAMES, "spans"]
    rows = []
    documents_by_split = parts.get("documents", {})
    for split in SPLITS:
        stats = documents_by_split.get(split)
        if stats is None:
            continue
        labels = counts["spans_per_split_label"][split]
        rows.append([split, stats.rows, stats.annotated, stats.characters,
                     *(labels[label] for label in LABEL_NAMES), sum(labels.values())])
    statuses = counts["documents_per_status"]
    rows.append(["**total**", counts["documents"], counts["documents"] - statuses["unannotated"],
                 counts["characters"], *(counts["spans_per_label"][label] for label in LABEL_NAMES),
                 counts["spans"]])
    table = _markdown_table(header, rows, ["---", *["---:"] * (len(header) - 1)])
    by_origin = ", ".join(f"{origin}: {n}" for origin, n in counts["spans_per_origin"].items())
    by_status = ", ".join(f"{status}: {n}" for status, n in statuses.items())
    return f"{table}\n\nDocuments by annotation status: {by_status}. Spans by origin: {by_origin}."


def _split_note(parts: dict[str, dict[str, SplitStats]]) -> str:
    notes = []
    for name in TABLE_NAMES:
        present = list(parts.get(name, {}))
        missing = [split for split in SPLITS if split not in present]
        if not present:
            notes.append(f"The `{name}` config is not published in this version: it has no rows.")
        elif missing:
            plural = len(missing) > 1
            notes.append(f"The `{name}` config has the split{'s' if len(present) > 1 else ''} {', '.join(present)}; "
                         f"{', '.join(missing)} {'have' if plural else 'has'} no rows in this version and "
                         f"{'are' if plural else 'is'} left out.")
    return " ".join(notes) or "Every split has rows in both configs."


def _current_entry(changelog: str, version: str) -> str:
    """The changelog section of ``version``, headings demoted one level for the card."""
    lines = changelog.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"## {version} ")), None)
    if start is None:
        return f"Version {version}."
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return "\n".join(["#" + lines[start], *lines[start + 1:end]]).strip()


def _bibtex(release: Release, info: CardInfo) -> str:
    version = release.version
    year = release.manifest.get("created_at", "")[:4]
    key = f"{DATASET_NAME}_{version.replace('.', '_').replace('-', '_').replace('+', '_')}"
    fields = {"title": f"{{{info.pretty_name}}}: news pages labelled with article, quote, boilerplate and "
                       "teaser spans",
              "author": f"{{{info.authors}}}", "year": year, "version": version,
              "note": f"Dataset version {version}, schema version {release.manifest['schema_version']}"}
    if info.repo_id:
        fields["howpublished"] = f"\\url{{https://huggingface.co/datasets/{info.repo_id}}}"
    body = ",\n".join(f"  {key_} = {{{value}}}" for key_, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def render_card(release: Release, parts: dict[str, dict[str, SplitStats]], info: CardInfo, load_path: str) -> str:
    metadata = card_metadata(release, parts, info)
    counts = release.manifest["counts"]
    label_table = _markdown_table(["label", "layer", "definition"],
                                  [(f"`{label.name}`", label.layer, label.definition) for label in LABELS])
    example_split = next(iter(parts.get("spans") or parts["documents"]))
    template = string.Template(CARD_TEMPLATE.read_text(encoding="utf-8"))
    body = template.substitute(
        pretty_name=info.pretty_name,
        version=release.version,
        created_at=release.manifest.get("created_at", "unknown"),
        schema_version=release.manifest.get("schema_version", SCHEMA_VERSION),
        toolkit_version=release.manifest.get("toolkit_version", toolkit_version()),
        n_documents=counts["documents"],
        n_spans=counts["spans"],
        n_characters=counts["characters"],
        label_table=label_table,
        zone_labels=", ".join(f"`{name}`" for name in ZONE_LABELS),
        quote_labels=", ".join(f"`{name}`" for name in QUOTE_LABELS),
        **{f"label_{name}": f"`{name}`" for name in LABEL_NAMES},
        documents_fields=_fields_table("documents"),
        spans_fields=_fields_table("spans"),
        stats_table=_stats_table(release, parts),
        split_note=_split_note(parts),
        load_path=load_path,
        example_split=example_split,
        changelog=_current_entry(release.changelog, release.version),
        license_text=info.license_text,
        bibtex=_bibtex(release, info),
    )
    return f"---\n{metadata.to_yaml()}\n---\n\n{body}"


def guidelines_path() -> Path | None:
    import annotation

    path = Path(annotation.__file__).with_name("guidelines.md")
    return path if path.is_file() else None


# --- writing the folder ------------------------------------------------------------------------------------

def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_hub_manifest(hub: Path) -> dict[str, Any] | None:
    try:
        return json.loads((hub / HUB_MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
        return None


def _is_up_to_date(hub: Path, fingerprint: str) -> bool:
    existing = read_hub_manifest(hub)
    if not existing or existing.get("publish", {}).get("fingerprint") != fingerprint:
        return False
    return all((hub / path).is_file() and (hub / path).stat().st_size == size
               for path, size in existing["publish"]["files"].items())


def publish(
    release: Release,
    hub: Path,
    *,
    max_shard_size: str | int = DEFAULT_MAX_SHARD_SIZE,
    info: CardInfo = CardInfo(),
    load_path: str | None = None,
) -> HubOutcome:
    """Write the hub folder of ``release`` at ``hub`` (replacing what is there), unless it is up to date.

    ``load_path`` is what the card's example passes to ``load_dataset``: the repo id when known, else
    the folder.
    """
    hub = Path(hub)
    max_shard_bytes = parse_size(max_shard_size)
    parts = split_stats(release)
    if "documents" not in parts:
        raise InputError(f"release {release.version} in {release.path} has no documents; nothing to publish")
    shards = [shard for name, splits in parts.items() for split, stats in splits.items()
              for shard in plan_shards(name, split, stats, max_shard_bytes)]
    card = render_card(release, parts, info, load_path or info.repo_id or hub.as_posix())
    extras = {"README.md": card.encode("utf-8"),
              "CHANGELOG.md": release.changelog.encode("utf-8")}
    if (guidelines := guidelines_path()) is not None:
        extras["guidelines.md"] = guidelines.read_bytes()
    configs = {name: {split: stats.rows for split, stats in splits.items()} for name, splits in parts.items()}
    fingerprint = _sha256(json.dumps({
        "format": HUB_FORMAT,
        "version": release.version,
        "content": {name: release.manifest["tables"][name]["content_sha256"] for name in TABLE_NAMES},
        "shards": [asdict(shard) for shard in shards],
        "extras": {path: _sha256(data) for path, data in sorted(extras.items())},
    }, sort_keys=True).encode())
    if _is_up_to_date(hub, fingerprint):
        return HubOutcome("up_to_date", release.version, hub, configs, tuple(read_hub_manifest(hub)["publish"]["files"]))

    hub.parent.mkdir(parents=True, exist_ok=True)
    temp_prefix, old_prefix = f".{hub.name}-tmp-", f".{hub.name}-old-"
    remove_leftovers(hub.parent, temp_prefix)
    remove_leftovers(hub.parent, old_prefix)
    temporary = Path(tempfile.mkdtemp(dir=hub.parent, prefix=f"{temp_prefix}{os.getpid()}-"))
    try:
        files = write_shards(release, shards, temporary)
        for path, data in extras.items():
            write_bytes_synced(temporary / path, data)
            files[path] = len(data)
        manifest = {"release": release.manifest,
                    "publish": {"format": HUB_FORMAT, "fingerprint": fingerprint, "max_shard_size": max_shard_bytes,
                                "toolkit_version": toolkit_version(), "configs": configs,
                                "files": dict(sorted(files.items()))}}
        write_bytes_synced(temporary / HUB_MANIFEST,
                           (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        for folder in sorted({(temporary / path).parent for path in files}, reverse=True):
            fsync_path(folder)
        os.chmod(temporary, 0o755)
        _swap_in(temporary, hub, old_prefix)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return HubOutcome("written", release.version, hub, configs, tuple(sorted([*files, HUB_MANIFEST])))


def _swap_in(temporary: Path, hub: Path, old_prefix: str) -> None:
    """Replace ``hub`` by ``temporary``: the old folder is moved aside, the new one renamed in, the old removed."""
    old = None
    if hub.exists():
        old = Path(tempfile.mkdtemp(dir=hub.parent, prefix=f"{old_prefix}{os.getpid()}-"))
        os.rename(hub, old / hub.name)
    try:
        os.rename(temporary, hub)
    except BaseException:
        if old is not None:
            os.rename(old / hub.name, hub)
        raise
    fsync_path(hub.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --- reading it back -----------------------------------------------------------------------------------------

# The columns read back per config: the enumerated ones the build's summary counts. Any one column gives the
# rows; leaving out the texts keeps the read-back a small part of the build whatever the corpus size.
COUNTED_COLUMNS: dict[str, tuple[str, ...]] = {"documents": ("annotation_status",), "spans": ("label", "origin")}
LOAD_BATCH_ROWS = 100_000


@dataclass(frozen=True, slots=True)
class LoadedSplit:
    """A split as ``datasets`` read it back: its rows, and rows per combination of the values (names, not
    ClassLabel integers) of the config's ``COUNTED_COLUMNS``."""

    rows: int
    counts: dict[tuple[str, ...], int]


def load_hub(hub: Path, cache_dir: Path | None = None) -> dict[str, dict[str, LoadedSplit]]:
    """Every config of the hub folder read back with ``datasets.load_dataset``, checked against the folder's
    manifest: the published splits, features as the schema declares, rows as published.

    The datasets are streamed (``streaming=True``): the shards are read a batch at a time and no Arrow
    cache is written, so memory and time do not grow with the texts. Only ``COUNTED_COLUMNS`` are read,
    each batch cast by ``datasets`` to the card's features as it comes. ``cache_dir`` is where ``datasets``
    keeps whatever else it caches."""
    import datasets

    manifest = read_hub_manifest(Path(hub))
    if manifest is None:
        raise ConfigError(f"{hub} is not a hub folder written by `corpus publish` (no readable {HUB_MANIFEST})")
    cache = {"cache_dir": str(cache_dir)} if cache_dir else {}
    loaded: dict[str, dict[str, LoadedSplit]] = {}
    for name, splits in manifest["publish"]["configs"].items():
        expected_features = hf_features(name)
        whole = datasets.load_dataset(str(hub), name, streaming=True, **cache)
        columns = list(COUNTED_COLUMNS[name])
        counted = datasets.load_dataset(str(hub), name, streaming=True, columns=columns, **cache)
        loaded[name] = {}
        for split, rows in splits.items():
            if split not in whole:
                raise InputError(f"{hub}: config {name!r} has no split {split!r} when loaded; splits: {list(whole)}")
            if whole[split].features != expected_features:
                raise InputError(f"{hub}: {name}/{split} loads features {whole[split].features}, "
                                 f"expected {expected_features}")
            loaded[name][split] = _count(counted[split], columns)
            if loaded[name][split].rows != rows:
                raise InputError(f"{hub}: {name}/{split} loads {loaded[name][split].rows} rows, {rows} were published")
    return loaded


def _count(dataset: Any, columns: Sequence[str]) -> LoadedSplit:
    names = [dataset.features[column].names for column in columns]
    rows = 0
    counts: dict[tuple[str, ...], int] = {}
    for table in dataset.with_format("arrow").iter(batch_size=LOAD_BATCH_ROWS):
        rows += table.num_rows
        for row in table.group_by(columns).aggregate([([], "count_all")]).to_pylist():
            key = tuple(names[index][row[column]] for index, column in enumerate(columns))
            counts[key] = counts.get(key, 0) + row["count_all"]
    return LoadedSplit(rows, counts)


# --- pushing to the hub -----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PushOutcome:
    repo_id: str
    version: str
    tag: str
    commit: str | None
    url: str | None


def push(hub: Path, repo_id: str, *, token: str | None = None, private: bool | None = None,
         api: Any = None) -> PushOutcome:
    """Upload the hub folder to the dataset repo ``repo_id`` and tag the commit ``v<version>``.

    ``api`` is an ``huggingface_hub.HfApi`` (made with ``token`` when not given). Files under ``data/``
    that are not in the folder are deleted from the repo, so shards of an older version do not linger.
    """
    import httpx
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, HFValidationError
    from huggingface_hub.utils import validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError as error:
        raise ConfigError(f"--repo-id {repo_id!r}: {error}") from None
    if "/" not in repo_id:
        raise ConfigError(f"--repo-id {repo_id!r}: expected ORG/NAME")
    manifest = read_hub_manifest(Path(hub))
    if manifest is None:
        raise ConfigError(f"{hub} is not a hub folder written by `corpus publish`; run `corpus publish` first")
    version = manifest["release"]["dataset_version"]
    tag = f"v{version}"
    api = api if api is not None else HfApi(token=token)
    try:
        api.create_repo(repo_id, repo_type="dataset", exist_ok=True, private=private)
        commit = api.upload_folder(repo_id=repo_id, folder_path=str(hub), repo_type="dataset",
                                   commit_message=f"{DATASET_NAME} {version}", delete_patterns=["data/**"])
        revision = getattr(commit, "oid", None)
        api.create_tag(repo_id, tag=tag, tag_message=f"{DATASET_NAME} dataset version {version}",
                       revision=revision, repo_type="dataset", exist_ok=True)
    except HfHubHTTPError as error:
        status = getattr(getattr(error, "response", None), "status_code", None)
        if status in (401, 403):
            raise ConfigError(f"the hub refused {repo_id} ({status}): check the token and its write access") from None
        if status is not None and status < 500 and status != 429:
            raise ConfigError(f"the hub refused {repo_id} ({status}): {error}") from None
        raise RetryableError(f"uploading to {repo_id} failed ({status or 'no response'}): {error}") from None
    except (OSError, httpx.TransportError) as error:
        raise RetryableError(f"uploading to {repo_id} failed: {error}") from None
    return PushOutcome(repo_id, version, tag, revision, getattr(commit, "commit_url", None))
