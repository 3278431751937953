"""``corpus publish``: write the Hugging Face hub folder dist/hub/ from a release; optionally push it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

from corpus.config import check_version, load_settings
from corpus.hub import DEFAULT_MAX_SHARD_SIZE, CardInfo, publish, push
from corpus.release import ReleaseStore
from schemas.errors import ConfigError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="write the Hugging Face dataset folder dist/hub/ from a release (and --push it)",
        description=(
            "Write dist/hub/ from a release (default: the latest in dist/releases/): a dataset card "
            "README.md (YAML metadata with configs and ClassLabel features, prose with labels, statistics, "
            "changelog and citation) and data/<config>/<split>-NNNNN-of-NNNNN.parquet for the configs "
            "'documents' (default) and 'spans'. Splits without rows are left out. Nothing is rewritten "
            "when the folder is up to date. With --push, upload the folder to the dataset repo --repo-id "
            "and tag the commit v<version>."
        ),
    )
    parser.add_argument("--version", metavar="X.Y.Z", help="the release to publish (default: the latest)")
    parser.add_argument("--dist", type=Path, metavar="DIR", help="output folder (default: dist/ of the project)")
    parser.add_argument("--max-shard-size", default=DEFAULT_MAX_SHARD_SIZE, metavar="SIZE",
                        help=f"largest Parquet shard, in Arrow bytes (default: {DEFAULT_MAX_SHARD_SIZE})")
    parser.add_argument("--push", action="store_true", help="upload the folder to the hub and tag it v<version>")
    parser.add_argument("--repo-id", metavar="ORG/NAME",
                        help="the dataset repository (default: [tool.corpus] hub_repo_id; needed with --push). "
                             "The token comes from HF_TOKEN, else huggingface_hub's stored login")
    parser.add_argument("--private", action="store_true", help="create the repository as private")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    parser.set_defaults(handler=run, hub_api=None)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    dist = args.dist if args.dist is not None else settings.dist
    store = ReleaseStore(dist / "releases")
    repo_id = args.repo_id or settings.hub_repo_id
    if args.push and not repo_id:
        raise ConfigError("--push needs --repo-id ORG/NAME (or hub_repo_id in [tool.corpus] of pyproject.toml)")
    version = check_version(args.version) if args.version else store.latest()
    if version is None:
        raise ConfigError(f"no release in {store.folder}: run `corpus release` (or `corpus build`) first")
    release = store.read(version)
    hub_path = dist / "hub"
    try:
        load_path = hub_path.resolve().relative_to(settings.root).as_posix()
    except ValueError:
        load_path = hub_path.as_posix()
    outcome = publish(release, hub_path, max_shard_size=args.max_shard_size,
                      info=CardInfo(repo_id=repo_id), load_path=repo_id or load_path)
    report = {"version": version, "status": outcome.status, "path": str(outcome.path), "configs": outcome.configs}
    if args.push:
        pushed = push(hub_path, repo_id, token=settings.hub_token, private=args.private or None, api=args.hub_api)
        report["push"] = {"repo_id": pushed.repo_id, "tag": pushed.tag, "commit": pushed.commit, "url": pushed.url}
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    console = Console(file=sys.stdout)
    state = "written" if outcome.status == "written" else "up to date, nothing rewritten"
    console.print(f"hub folder {outcome.path} for release {version}: {state}")
    for name, splits in outcome.configs.items():
        console.print(f"  {name}: " + ", ".join(f"{split} {rows} rows" for split, rows in splits.items()))
    if "push" in report:
        console.print(f"pushed to {repo_id}, tagged {report['push']['tag']}"
                      + (f" ({report['push']['url']})" if report["push"]["url"] else ""))
    return 0
