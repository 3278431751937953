"""``corpus validate``: check release folders, hub folders or Parquet files against every rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from corpus.config import load_settings
from schemas.errors import ConfigError
from schemas.validate import EXPECTED_PATHS, validate_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a release, a hub folder or Parquet files against every rule; exit 1 if any fails",
        description="Validate the corpus tables: schema, unique ids, orphan spans, offsets and span texts, "
        "labels and layers, zone overlap/trim/coverage, quote containment, doc_id/split/hash/length "
        "consistency, nested spans against the spans table. Every failure is reported. All PATHs are "
        "validated together as one corpus. Exit status: 0 valid, 1 failures found, 2 bad PATH.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"{EXPECTED_PATHS}; default: the release of [tool.corpus] dataset_version")
    parser.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    parser.add_argument("--examples", type=int, default=5, metavar="N",
                        help="failures shown per rule in the table (default 5; --json lists all)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.examples < 0:
        raise ConfigError(f"--examples must be 0 or more, got {args.examples}")
    paths = args.paths or [_default_release()]
    status = Console(stderr=True)
    with status.status(f"validating {', '.join(map(str, paths))}"):
        report = validate_path(paths)
    if args.json:
        sys.stdout.write(report.to_json() + "\n")
    else:
        Console().print(report.render(examples=args.examples))
    return 0 if report.ok else 1


def _default_release() -> Path:
    settings = load_settings()
    if settings.dataset_version is None:
        raise ConfigError("no PATH given and no [tool.corpus] dataset_version in pyproject.toml to find the "
                          f"release by; give {EXPECTED_PATHS}")
    return settings.releases / settings.dataset_version
