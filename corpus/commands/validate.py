"""``corpus validate``: every rule of the data contract over a release, a hub folder or Parquet files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from corpus.config import load_settings
from corpus.engine import LocalEngine, add_engine_arguments, engine_from
from schemas.errors import ConfigError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a release, a hub folder or Parquet files against every rule; full failure report",
        description=(
            "Validate release folders (documents.parquet, spans.parquet), hub folders (README.md, "
            "data/<table>/<split>-NNNNN-of-NNNNN.parquet) or Parquet files of either table, together as one "
            "corpus: the schemas, ids, splits, annotation status, and every span rule (offsets, text slices, "
            "labels and layers, overlaps, trimming, coverage, quotes inside articles). Every failure is "
            "reported, grouped by rule, with its file, row, document and span. --engine spark runs the same "
            "rules on a Spark cluster and gives the same report. Exit status: 0 valid, 1 invalid, 2 for a "
            "configuration error."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a release or hub folder, or a .parquet file")
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument("--examples", type=int, default=5, metavar="N", help="failures shown per rule (default 5)")
    add_engine_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from schemas.validate import validate_path

    engine = engine_from(args, load_settings())
    if isinstance(engine, LocalEngine):
        if engine.workers != 1:
            raise ConfigError("--workers does not apply to corpus validate: the local validation is column-wise "
                              "(polars) and uses every core already; use --engine spark to spread it over a cluster")
        report = validate_path(args.paths)
    else:
        from corpus.spark import validate_on_spark

        report = validate_on_spark(args.paths, engine)
    if args.json:
        print(report.to_json())
    else:
        Console(file=sys.stdout).print(report.render(args.examples))
    return 0 if report.ok else 1
