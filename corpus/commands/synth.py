"""``corpus synth N --out DIR``: synthetic news pages with exact gold annotations, for tests and benchmarks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from schemas.errors import ConfigError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "synth",
        help="write N synthetic pages in the seed's style with their gold annotations",
        description="Write N synthetic news pages (article, quotes in every quotation style, boilerplate, "
        "teaser lists; some section fronts, CRLF and HTML pages) to DIR/pages/ and their exact gold "
        "spans to DIR/annotations/<doc_id>.jsonl in the annotation store format (origin human, annotator "
        "synth, ground_truth true). Deterministic: the same seed gives byte-identical pages, and page i "
        "does not depend on N, so a smaller run is a prefix of a larger one.",
    )
    parser.add_argument("n", type=int, metavar="N", help="number of pages to write")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="output folder; must not exist or be empty unless --overwrite")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    parser.add_argument("--html-share", type=float, default=0.0, metavar="SHARE",
                        help="share of pages written as HTML (DIR/pages/<n>.html), gold on their rendered "
                        "text (default: 0.0)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing non-empty DIR")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from corpus.synth import write_synthetic

    if args.n < 0:
        raise ConfigError(f"N must be >= 0, got {args.n}")
    counts = write_synthetic(args.n, args.out, seed=args.seed, html_share=args.html_share,
                             overwrite=args.overwrite)
    summary = ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
    print(f"wrote {counts.get('pages', 0)} pages to {args.out} ({summary})", file=sys.stderr)
    return 0
