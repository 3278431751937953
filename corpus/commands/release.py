"""``corpus release``: write the versioned release dist/releases/<version>/ (no hub folder)."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table

from corpus.build import add_input_arguments, make_release, options_from_arguments
from corpus.release import ReleaseValidationError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "release",
        help="validate and write the versioned release dist/releases/<version>/",
        description=(
            "Ingest the seed pages, attach the stored annotations and write the release "
            "dist/releases/<version>/: documents.parquet, spans.parquet, manifest.json (versions, content "
            "hashes, input hashes, counts) and CHANGELOG.md (against the previous release). Releases are "
            "immutable: the same content again is 'up to date' and nothing is rewritten; different content "
            "under an existing version is refused (bump [tool.corpus] dataset_version or pass --version). "
            "A release that does not validate is not written. Records set aside go to "
            "dist/rejects/<version>.jsonl."
        ),
    )
    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = options_from_arguments(args)
    try:
        outcome, prepared = make_release(options)
    except ReleaseValidationError as error:
        Console(file=sys.stderr).print(error.report.render())
        raise
    rejects = {"count": len(prepared.rejects), "file": str(options.rejects_file)}
    if args.json:
        print(json.dumps({"status": outcome.status, "version": outcome.version, "path": str(outcome.path),
                          "tables": outcome.manifest["tables"], "counts": outcome.manifest["counts"],
                          "rejects": rejects, "warnings": list(outcome.warnings)}, indent=2, ensure_ascii=False))
    else:
        console = Console(file=sys.stdout)
        table = Table(title=f"release {outcome.version}: "
                            f"{'written' if outcome.status == 'written' else 'up to date, nothing rewritten'}",
                      show_header=False, title_justify="left")
        table.add_column("what", style="bold")
        table.add_column("value", overflow="fold")
        table.add_row("path", str(outcome.path))
        for name, entry in outcome.manifest["tables"].items():
            table.add_row(name, f"{entry['rows']} rows, content sha256 {entry['content_sha256'][:16]}…")
        table.add_row("rejects", f"{rejects['count']} -> {rejects['file']}")
        console.print(table)
        for warning in outcome.warnings:
            console.print(f"[yellow]warning:[/yellow] {warning}")
    return 1 if prepared.rejects and args.fail_on_rejects else 0
