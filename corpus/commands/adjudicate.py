"""``corpus adjudicate``: merge human annotations into adjudicated ones; ties go to a review queue."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from rich.console import Console

from annotation.adjudicate import (
    DEFAULT_MIN_ALPHA,
    OUTCOMES,
    REVIEW,
    Adjudication,
    adjudicate,
    current_adjudication,
    review_task,
)
from annotation.store import atomic_write_text, write_annotations
from corpus.commands.agreement import add_input_arguments, load_annotated
from corpus.config import load_settings
from corpus.progress import track


def _alpha(value: str) -> float:
    try:
        alpha = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not -1.0 <= alpha <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is outside [-1, 1], the range of Krippendorff's alpha")
    return alpha


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    folder = args.annotations or settings.annotations
    review_path: Path = args.review_out or settings.dist / "review" / "adjudication-review.json"
    annotated, single = load_annotated(args)

    decisions: list[Adjudication] = []
    review_tasks = []
    stale = 0
    for document, of_document in track(annotated, "adjudicate", total=len(annotated)):
        decision = adjudicate(document, of_document, min_alpha=args.min_alpha)
        decisions.append(decision)
        if decision.outcome == REVIEW:
            review_tasks.append(review_task(document, decision))
        elif decision.annotation is not None and current_adjudication(of_document) is None:
            stale += any(a.origin == "adjudicated" for a in of_document)

    adjudicated = [d.annotation for d in decisions if d.annotation is not None]
    added, unchanged = (0, 0) if args.dry_run else write_annotations(folder, adjudicated)
    if not args.dry_run:
        atomic_write_text(review_path, json.dumps(review_tasks, ensure_ascii=False, indent=2) + "\n")

    counts = Counter(d.outcome for d in decisions)
    summary = {
        "documents": len(decisions),
        "single_annotator_documents": single,
        "outcomes": {outcome: counts[outcome] for outcome in OUTCOMES},
        "written": {"added_or_updated": added, "unchanged": unchanged, "store": str(folder)},
        "superseded_adjudications": stale,
        "review_queue": {"tasks": len(review_tasks), "file": None if args.dry_run else str(review_path)},
        "dry_run": args.dry_run,
        "decisions": [d.to_json() for d in decisions],
    }
    if args.json:
        json.dump(summary, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    console = Console()
    console.print(f"{len(decisions)} document(s) with two or more human annotators: "
                  + ", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES)
                  + f"; {single} document(s) with one (nothing to adjudicate)")
    for decision in decisions:
        if decision.outcome == REVIEW:
            console.print(f"  review {decision.doc_id}: {decision.reason}: {decision.detail}", highlight=False)
    if args.dry_run:
        console.print("dry run: nothing written")
    else:
        console.print(f"adjudicated annotations: {added} added or updated, {unchanged} unchanged in {folder}")
        console.print(f"review queue: {len(review_tasks)} Label Studio task(s) in {review_path}")
    if stale:
        console.print(f"{stale} document(s) had an adjudication made from earlier human annotations; "
                      "the new one supersedes it")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "adjudicate",
        help="merge the human annotations of each document into an adjudicated one; ties go to review",
        description="For each document with two or more human annotators: a ground-truth annotation wins; "
        "otherwise a per-character majority vote with majority span boundaries, stored with origin "
        "'adjudicated'. Documents whose alpha is below --min-alpha, and ties, go to a review queue of "
        "Label Studio tasks (one prediction per annotator) instead. Rerunning adds nothing.",
    )
    add_input_arguments(parser)
    parser.add_argument("--min-alpha", type=_alpha, default=DEFAULT_MIN_ALPHA, metavar="ALPHA",
                        help="documents whose zone or quote Krippendorff's alpha is below this go to review "
                        "(default: %(default)s)")
    parser.add_argument("--review-out", type=Path, metavar="FILE",
                        help="the review queue, a JSON list of Label Studio tasks "
                        "(default: dist/review/adjudication-review.json)")
    parser.add_argument("--dry-run", action="store_true", help="decide and report, write nothing")
    parser.add_argument("--json", action="store_true", help="print the summary and every decision as JSON")
    parser.set_defaults(handler=run)
