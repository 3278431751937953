"""The hub folder: load_dataset on the real folder, the card's YAML, shards, atomic swap, --push."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import datasets
import pyarrow.parquet as pq
import pytest
import yaml
from huggingface_hub import DatasetCard
from hypothesis import HealthCheck, given, settings

import corpus.hub as hub_module
from corpus.cli import build_parser
from corpus.hub import load_hub, publish, push
from corpus.release import ReleaseStore, ReleaseTables, write_release
from schemas.errors import ConfigError, InputError, RetryableError
from schemas.labels import ANNOTATION_STATUSES, LABEL_NAMES, LABELS, ORIGINS, SPLITS
from schemas.records import split_for
from schemas.tables import decode_from_hub, hf_features
from schemas.validate import validate_path
from strategies import corpora, release_tables
from test_release import corpus, make_page, snapshot, tables_for

REQUIRED_CARD_KEYS = ("license", "language", "pretty_name", "task_categories", "size_categories",
                      "annotations_creators", "configs", "dataset_info")


def pages_in_every_split(per_split: int = 2) -> list[int]:
    """Page numbers giving ``per_split`` documents in each split (splits are a function of the text)."""
    chosen: dict[str, list[int]] = {split: [] for split in SPLITS}
    i = 0
    while any(len(found) < per_split for found in chosen.values()):
        split = split_for(make_page(i)[0].doc_id)
        if len(chosen[split]) < per_split:
            chosen[split].append(i)
        i += 1
    return sorted(i for found in chosen.values() for i in found)


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory):
    releases = tmp_path_factory.mktemp("dist") / "releases"
    indices = pages_in_every_split()
    # Every page annotated except the first validation page: the validation split keeps one annotated page.
    first_validation = next(i for i in indices if split_for(make_page(i)[0].doc_id) == "validation")
    write_release(tables_for(corpus(indices, annotate=lambda i: i != first_validation)), releases, "0.1.0")
    return ReleaseStore(releases).read("0.1.0")


@pytest.fixture(scope="module")
def hub(release, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hub-out") / "hub"
    outcome = publish(release, folder)
    assert outcome.status == "written"
    return folder


def load(folder: Path, config: str | None, split: str, cache: Path) -> datasets.Dataset:
    return datasets.load_dataset(str(folder), config, split=split, cache_dir=str(cache))


def test_both_configs_load_with_classlabels_and_the_right_splits(release, hub: Path, tmp_path: Path) -> None:
    documents = release.tables.documents
    for split in SPLITS:
        loaded = load(hub, "documents", split, tmp_path)
        assert loaded.features == hf_features("documents")
        assert isinstance(loaded.features["annotation_status"], datasets.ClassLabel)
        assert loaded.features["spans"].feature["label"].names == list(LABEL_NAMES)
        expected = [row for row in documents.to_pylist() if row["split"] == split]
        assert loaded["doc_id"] == [row["doc_id"] for row in expected]
        assert all(split_for(doc_id) == split for doc_id in loaded["doc_id"])
        # Decoded back to names, the rows are exactly the release's rows.
        assert decode_from_hub(loaded.data.table, "documents").to_pylist() == expected

        spans = load(hub, "spans", split, tmp_path)
        assert spans.features == hf_features("spans")
        label = spans.features["label"]
        assert isinstance(label, datasets.ClassLabel) and label.names == list(LABEL_NAMES)
        assert spans.features["origin"].names == list(ORIGINS)
        expected_spans = [row for row in release.tables.spans.to_pylist() if split_for(row["doc_id"]) == split]
        assert [label.int2str(value) for value in spans["label"]] == [row["label"] for row in expected_spans]
        assert spans["span_id"] == [row["span_id"] for row in expected_spans]
    # The default config is documents.
    assert load(hub, None, "train", tmp_path).column_names == [c for c in documents.column_names]


def test_load_works_offline_in_a_fresh_process(hub: Path, tmp_path: Path) -> None:
    script = (
        "import datasets, json, sys\n"
        "out = {}\n"
        "for config in ('documents', 'spans'):\n"
        "    ds = datasets.load_dataset(sys.argv[1], config, split='test')\n"
        "    feature = ds.features['annotation_status'] if config == 'documents' else ds.features['label']\n"
        "    out[config] = [type(feature).__name__, feature.names, ds.num_rows]\n"
        "print(json.dumps(out))\n"
    )
    environment = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    completed = subprocess.run([sys.executable, "-c", script, str(hub)], capture_output=True, text=True,
                               env=environment, timeout=300)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["documents"][0] == "ClassLabel" and result["documents"][2] == 2
    assert result["spans"] == ["ClassLabel", list(LABEL_NAMES), 10]


def test_card_yaml_has_the_required_keys_and_derived_features(release, hub: Path) -> None:
    card = DatasetCard.load(hub / "README.md")
    data = card.data.to_dict()
    for key in REQUIRED_CARD_KEYS:
        assert data.get(key), key
    assert data["language"] == ["en"] and data["size_categories"] == ["n<1K"]
    assert data["annotations_creators"] == ["expert-generated"]
    configs = {config["config_name"]: config for config in data["configs"]}
    assert set(configs) == {"documents", "spans"}
    assert configs["documents"].get("default") is True and not configs["spans"].get("default")
    for name, config in configs.items():
        assert config["data_files"] == [{"split": split, "path": f"data/{name}/{split}-*"} for split in SPLITS]
    infos = {info["config_name"]: info for info in data["dataset_info"]}
    for name in ("documents", "spans"):
        assert datasets.Features._from_yaml_list(infos[name]["features"]) == hf_features(name)
        assert {s["name"]: s["num_examples"] for s in infos[name]["splits"]} == \
            {split: rows for split, rows in json.loads((hub / "manifest.json").read_text())["publish"]["configs"][name].items()}
    # Plain YAML parsers read it too.
    front = (hub / "README.md").read_text().split("---\n")[1]
    assert yaml.safe_load(front)["pretty_name"] == "NewsZones"

    prose = card.text
    for label in LABELS:
        assert label.definition in prose
    assert "[guidelines.md](guidelines.md)" in prose and (hub / "guidelines.md").is_file()
    assert "## Splits and statistics" in prose and "| **total** | 6 |" in prose
    assert "### 0.1.0" in prose and "First release: 6 documents" in prose
    assert f'load_dataset("{hub.as_posix()}", "documents"' in prose
    assert "@misc{newszones_0_1_0," in prose and "version = {0.1.0}" in prose
    assert (hub / "CHANGELOG.md").read_text() == release.changelog
    assert json.loads((hub / "manifest.json").read_text())["release"] == release.manifest


def test_shards_carry_hf_features_and_classlabel_integers(hub: Path) -> None:
    for name in ("documents", "spans"):
        for shard in sorted((hub / "data" / name).glob("*.parquet")):
            schema = pq.read_schema(shard)
            info = json.loads(schema.metadata[b"huggingface"])
            assert datasets.Features.from_dict(info["info"]["features"]) == hf_features(name)
            column = "annotation_status" if name == "documents" else "label"
            assert str(schema.field(column).type) == "int64"
    assert validate_path([hub]).ok


def test_small_max_shard_size_cuts_several_shards_that_load(release, tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    outcome = publish(release, folder, max_shard_size="1KB")
    train_shards = sorted(path.name for path in (folder / "data" / "spans").glob("train-*.parquet"))
    assert len(train_shards) > 1
    assert train_shards == [f"train-{i:05d}-of-{len(train_shards):05d}.parquet" for i in range(len(train_shards))]
    loaded = load(folder, "spans", "train", tmp_path / "cache")
    assert loaded.num_rows == outcome.configs["spans"]["train"]
    assert loaded["span_id"] == [row["span_id"] for row in release.tables.spans.to_pylist()
                                 if split_for(row["doc_id"]) == "train"]
    assert validate_path([folder]).ok
    with pytest.raises(ConfigError, match="max-shard-size"):
        publish(release, tmp_path / "other", max_shard_size="lots")


def test_splits_without_rows_are_left_out(tmp_path: Path) -> None:
    train_pages = [i for i in range(40) if split_for(make_page(i)[0].doc_id) == "train"][:3]
    releases = tmp_path / "releases"
    write_release(tables_for(corpus(train_pages, annotate=lambda i: True)), releases, "0.1.0")
    folder = tmp_path / "hub"
    outcome = publish(ReleaseStore(releases).read("0.1.0"), folder)
    assert outcome.configs == {"documents": {"train": 3}, "spans": {"train": 15}}
    data = DatasetCard.load(folder / "README.md").data.to_dict()
    for config in data["configs"]:
        assert [item["split"] for item in config["data_files"]] == ["train"]
    assert "split train; validation, test have no rows in this version and are left out" in (folder / "README.md").read_text()
    dataset = datasets.load_dataset(str(folder), "spans", cache_dir=str(tmp_path / "cache"))
    assert list(dataset) == ["train"]


def test_publishing_again_is_up_to_date_and_a_new_setting_rewrites(release, tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    publish(release, folder)
    before = snapshot(folder)
    assert publish(release, folder).status == "up_to_date"
    assert snapshot(folder) == before
    # A shard size that cuts the same shards writes the same folder: still up to date.
    assert publish(release, folder, max_shard_size="400MB").status == "up_to_date"
    assert publish(release, folder, max_shard_size=300).status == "written"
    assert snapshot(folder) != before
    shard = sorted((folder / "data" / "spans").glob("*.parquet"))[0]
    shard.unlink()
    assert publish(release, folder, max_shard_size=300).status == "written"
    assert shard.is_file()


def test_an_interrupted_publish_keeps_the_old_folder(release, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "hub"
    publish(release, folder)
    before = snapshot(folder)
    real_finish = hub_module.ShardWriter.finish_shard
    calls = []

    def finish_then_fail(writer):
        calls.append(writer)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_finish(writer)

    monkeypatch.setattr(hub_module.ShardWriter, "finish_shard", finish_then_fail)
    with pytest.raises(KeyboardInterrupt):
        publish(release, folder, max_shard_size="1KB")
    assert snapshot(folder) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["hub"]
    monkeypatch.undo()
    assert publish(release, folder, max_shard_size="1KB").status == "written"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(max_size=4))
def test_any_valid_corpus_round_trips_through_the_hub_shards(corpus_examples) -> None:
    documents, spans = release_tables(corpus_examples)
    with tempfile.TemporaryDirectory() as folder:
        releases = Path(folder) / "releases"
        write_release(ReleaseTables(documents, spans), releases, "1.0.0")
        outcome = publish(ReleaseStore(releases).read("1.0.0"), Path(folder) / "hub", max_shard_size=256)
        for name, original in (("documents", documents), ("spans", spans)):
            shards = sorted((Path(folder) / "hub" / "data" / name).glob("*.parquet"))
            rows = [row for shard in shards for row in decode_from_hub(pq.read_table(shard), name).to_pylist()]
            assert sorted(rows, key=lambda r: r.get("span_id") or r["doc_id"]) == \
                sorted(original.to_pylist(), key=lambda r: r.get("span_id") or r["doc_id"])
            assert sum(outcome.configs.get(name, {}).values()) == original.num_rows


def test_load_hub_checks_what_it_reads(hub: Path, tmp_path: Path) -> None:
    loaded = load_hub(hub, tmp_path / "cache")
    assert set(loaded) == {"documents", "spans"}
    assert sum(split.rows for split in loaded["documents"].values()) == 6
    manifest = json.loads((hub / "manifest.json").read_text())
    # The counts are read from the shards, as names: every document and span once.
    counted = {name: sum(sum(split.counts.values()) for split in loaded[name].values()) for name in loaded}
    assert counted == {name: sum(splits.values()) for name, splits in manifest["publish"]["configs"].items()}
    assert {key for split in loaded["spans"].values() for key in split.counts} <= {
        (label, origin) for label in LABEL_NAMES for origin in ORIGINS}
    assert {key for split in loaded["documents"].values() for key in split.counts} <= {
        (status,) for status in ANNOTATION_STATUSES}

    tampered = tmp_path / "hub"
    shutil.copytree(hub, tampered)
    split, rows = next(iter(manifest["publish"]["configs"]["spans"].items()))
    manifest["publish"]["configs"]["spans"][split] = rows + 1
    (tampered / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(InputError, match=f"spans/{split} loads {rows} rows, {rows + 1} were published"):
        load_hub(tampered, tmp_path / "cache")


# --- pushing --------------------------------------------------------------------------------------------

class FakeHubApi:
    """Records the calls ``push`` makes; nothing goes online."""

    def __init__(self, fail_with: Exception | None = None) -> None:
        self.calls: list[tuple[str, tuple, dict]] = []
        self.fail_with = fail_with

    def create_repo(self, *args, **kwargs):
        self.calls.append(("create_repo", args, kwargs))
        if self.fail_with is not None:
            raise self.fail_with
        return SimpleNamespace(repo_id=args[0])

    def upload_folder(self, *args, **kwargs):
        self.calls.append(("upload_folder", args, kwargs))
        return SimpleNamespace(oid="c0ffee", commit_url="https://huggingface.co/datasets/org/name/commit/c0ffee")

    def create_tag(self, *args, **kwargs):
        self.calls.append(("create_tag", args, kwargs))


def test_push_creates_the_repo_uploads_the_folder_and_tags_the_version(hub: Path) -> None:
    api = FakeHubApi()
    outcome = push(hub, "org/newszones", api=api)
    assert [name for name, _, _ in api.calls] == ["create_repo", "upload_folder", "create_tag"]
    _, args, kwargs = api.calls[0]
    assert args == ("org/newszones",) and kwargs["repo_type"] == "dataset" and kwargs["exist_ok"] is True
    _, _, kwargs = api.calls[1]
    assert kwargs["repo_id"] == "org/newszones" and kwargs["repo_type"] == "dataset"
    assert Path(kwargs["folder_path"]) == hub and kwargs["delete_patterns"] == ["data/**"]
    _, args, kwargs = api.calls[2]
    assert args == ("org/newszones",) and kwargs["tag"] == "v0.1.0" and kwargs["revision"] == "c0ffee"
    assert kwargs["repo_type"] == "dataset"
    assert outcome.tag == "v0.1.0" and outcome.commit == "c0ffee"


def test_push_errors_say_what_to_do(hub: Path) -> None:
    from huggingface_hub.errors import HfHubHTTPError

    with pytest.raises(ConfigError, match="ORG/NAME|repo"):
        push(hub, "not a repo id", api=FakeHubApi())
    with pytest.raises(ConfigError, match="ORG/NAME"):
        push(hub, "justaname", api=FakeHubApi())
    import httpx

    request = httpx.Request("POST", "https://huggingface.co/api/repos/create")
    unauthorised = HfHubHTTPError("401 Unauthorized", response=httpx.Response(401, request=request))
    unavailable = HfHubHTTPError("503 Service Unavailable", response=httpx.Response(503, request=request))
    with pytest.raises(ConfigError, match="token"):
        push(hub, "org/name", api=FakeHubApi(unauthorised))
    with pytest.raises(RetryableError, match="503"):
        push(hub, "org/name", api=FakeHubApi(unavailable))
    with pytest.raises(RetryableError):
        push(hub, "org/name", api=FakeHubApi(ConnectionError("connection reset")))
    with pytest.raises(RetryableError, match="unreachable"):
        push(hub, "org/name", api=FakeHubApi(httpx.ConnectError("hub unreachable", request=request)))


def test_publish_command_pushes_with_an_injected_api(release, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture) -> None:
    dist = release.path.parent.parent
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    args = build_parser().parse_args(["publish", "--dist", str(dist), "--push", "--repo-id", "org/newszones",
                                      "--json"])
    api = FakeHubApi()
    args.hub_api = api
    assert args.handler(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == "0.1.0" and report["push"]["tag"] == "v0.1.0"
    assert [name for name, _, _ in api.calls] == ["create_repo", "upload_folder", "create_tag"]
    # With a repo id, the card shows how to load it from the hub.
    assert 'load_dataset("org/newszones", "documents"' in (dist / "hub" / "README.md").read_text()
    args = build_parser().parse_args(["publish", "--dist", str(dist), "--push"])
    with pytest.raises(ConfigError, match="--repo-id"):
        args.handler(args)


def test_size_categories_follow_the_hub_buckets() -> None:
    from corpus.hub import size_category

    assert [size_category(n) for n in (0, 999, 1000, 9_999, 10_000, 10**6, 10**12 - 1, 10**12)] == [
        "n<1K", "n<1K", "1K<n<10K", "1K<n<10K", "10K<n<100K", "1M<n<10M", "100B<n<1T", "n>1T"]


def test_shards_are_the_same_whatever_the_read_batch(release, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish(release, tmp_path / "whole", max_shard_size="1KB")
    monkeypatch.setattr(hub_module, "READ_BATCH_BYTES", 1)  # a row at a time
    publish(release, tmp_path / "pieces", max_shard_size="1KB")
    whole = sorted(path.relative_to(tmp_path / "whole") for path in (tmp_path / "whole" / "data").rglob("*.parquet"))
    assert whole == sorted(path.relative_to(tmp_path / "pieces")
                           for path in (tmp_path / "pieces" / "data").rglob("*.parquet"))
    assert len(whole) > 2
    for path in whole:
        assert pq.read_table(tmp_path / "whole" / path).equals(pq.read_table(tmp_path / "pieces" / path))
