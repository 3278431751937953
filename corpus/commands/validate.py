"""``corpus validate``: check release folders, hub folders or Parquet files against every rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from corpus.config import load_settings
from corpus.engine import LocalEngine, add_engine_arguments, engine_from
from schemas.errors import ConfigError
from schemas.validate import EXPECTED_PATHS, validate_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a release, a hub folder or Parquet files against every rule; exit 1 if any fails",
        description="Validate the corpus tables: schema, unique ids, orphan spans, offsets and span texts, "
        "labels and layers, zone overlap/trim/coverage, quote containment, doc_id/split/hash/length "
        "consistency, nested spans against the spans table. Every failure is reported. All PATHs are "
        "validated together as one corpus. --engine spark runs the same rules on a Spark cluster and gives "
        "the same report. Exit status: 0 valid, 1 failures found, 2 bad PATH.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"{EXPECTED_PATHS}; default: the release of [tool.corpus] dataset_version")
    parser.add_argument("--json", action="store_true", help="print the report as JSON on stdout")
    parser.add_argument("--examples", type=int, default=5, metavar="N",
                        help="failures shown per rule in the table (default 5; --json lists all)")
    add_engine_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.examples < 0:
        raise ConfigError(f"--examples must be 0 or more, got {args.examples}")
    engine = engine_from(args, load_settings())
    if isinstance(engine, LocalEngine) and engine.workers != 1:
        raise ConfigError("--workers does not apply to corpus validate: the local validation is column-wise "
                          "(polars) and uses every core already; use --engine spark to spread it over a cluster")
    paths = args.paths or [_default_release()]
    status = Console(stderr=True)
    with status.status(f"validating {', '.join(map(str, paths))}"):
        if isinstance(engine, LocalEngine):
            report = validate_path(paths)
        else:
            from corpus.spark import validate_on_spark

            report = validate_on_spark(paths, engine)
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
