"""``corpus build``: the main job, from the seed pages to a loaded-back hub folder."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

from corpus.build import add_input_arguments, options_from_arguments, render_summary, run_build
from corpus.hub import DEFAULT_MAX_SHARD_SIZE
from corpus.release import ReleaseValidationError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build",
        help="ingest the seeds, attach annotations, validate, release, write the hub folder, load it back",
        description=(
            "The main job. Ingest the seed pages, attach the stored human annotations (annotations of "
            "changed or unknown pages are set aside as rejects), pre-annotate the pages without a human "
            "annotation (machine spans, origin machine), validate, write the release "
            "dist/releases/<version>/ (immutable: the same content is 'up to date', different content "
            "under an existing version is refused until you bump the version), write the Hugging Face "
            "folder dist/hub/, load it back with datasets.load_dataset and print a summary. Records set "
            "aside go to dist/rejects/<version>.jsonl. Exit status: 0 on success, 1 for bad input or a "
            "release that does not validate, 2 for a configuration error (e.g. a version to bump)."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument("--max-shard-size", default=DEFAULT_MAX_SHARD_SIZE, metavar="SIZE",
                        help=f"largest hub Parquet shard, in Arrow bytes (default: {DEFAULT_MAX_SHARD_SIZE})")
    parser.add_argument("--json", nargs="?", const="-", type=str, metavar="FILE",
                        help="write the summary as JSON to FILE (or to stdout when no FILE is given)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from_arguments(args)
    console = Console(file=sys.stdout)
    try:
        result = run_build(options)
    except ReleaseValidationError as error:
        Console(file=sys.stderr).print(error.report.render())
        raise
    if args.json == "-":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        console.print(render_summary(result))
        if args.json:
            Path(args.json).write_text(json.dumps(result.to_json(), indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return 1 if result.rejects and args.fail_on_rejects else 0
