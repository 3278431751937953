"""``corpus ingest``: read text and HTML pages and report what would become documents."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from pathlib import Path

from rich.console import Console
from rich.table import Table

from corpus.ingest import SUPPORTED_SUFFIXES, IngestResult, NothingToIngest, RejectLog, ingest


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="read .txt/.html pages (or folders of them) and report documents, duplicates, rejects",
        description=(
            f"Read pages ({', '.join(SUPPORTED_SUFFIXES)}; folders are read recursively in sorted order) "
            "into documents: .txt is kept exactly as decoded (one leading byte-order mark removed), HTML is "
            "rendered to its visible text, one block per paragraph. The same text from several files is one "
            "document listing every source. Files that cannot be used (undecodable bytes, no text) are set "
            "aside with their reason; other file types are listed as skipped. Exit status: 0 when every page "
            "was usable, 1 when any page was rejected (unless --allow-rejects) or nothing was usable."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a page file or a folder of pages")
    parser.add_argument(
        "--rejects",
        type=Path,
        metavar="FILE",
        help="write the rejected pages here as JSON Lines (source, reason, detail)",
    )
    parser.add_argument("--allow-rejects", action="store_true", help="exit 0 even when some pages were rejected")
    parser.add_argument("--json", action="store_true", help="print the report as JSON instead of tables")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    log = RejectLog(args.rejects) if args.rejects is not None else None
    with log if log is not None else nullcontext():
        try:
            result = ingest(args.paths, rejects=log)
        except NothingToIngest as error:
            _report(error.result, args)
            raise
    _report(result, args)
    return 1 if result.rejects and not args.allow_rejects else 0


def _report(result: IngestResult, args: argparse.Namespace) -> None:
    if args.json:
        report = {
            **result.summary(),
            "rejected": [reject.to_json() for reject in result.rejects],
            "skipped_files": [{"path": str(item.path), "reason": item.reason} for item in result.skipped],
        }
        if args.rejects is not None:
            report["rejects_file"] = str(args.rejects)
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    console = Console(file=sys.stdout)
    counts = Table(title="ingest", show_header=False)
    counts.add_column("what")
    counts.add_column("count", justify="right")
    counts.add_row("documents", str(len(result.documents)))
    counts.add_row("files read", str(result.files_read))
    counts.add_row("merged duplicates", str(result.merged_duplicates))
    for reason, count in result.rejects_by_reason().items():
        counts.add_row(f"rejected: {reason}", str(count))
    for file_type, count in result.skipped_by_type().items():
        counts.add_row(f"skipped: {file_type}", str(count))
    console.print(counts)
    if result.rejects:
        rejected = Table(title="rejected pages" + (f" (also in {args.rejects})" if args.rejects else ""))
        for column in ("source", "reason", "detail"):
            rejected.add_column(column, overflow="fold")
        for reject in result.rejects:
            rejected.add_row(reject.source, reject.reason, reject.detail)
        console.print(rejected)
    if result.skipped:
        skipped = Table(title="skipped paths")
        for column in ("path", "reason"):
            skipped.add_column(column, overflow="fold")
        for item in result.skipped:
            skipped.add_row(str(item.path), item.reason)
        console.print(skipped)
