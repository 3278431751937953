"""``corpus preannotate``: machine zone and quote spans for pages, one JSON object per document."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from annotation.preannotate import MODEL_VERSION, BlockStats, Preannotator
from corpus.config import find_root
from corpus.engine import Engine, add_engine_arguments, engine_from, run_stages
from corpus.ingest import SUPPORTED_SUFFIXES, Reject, RejectLog, Skipped, html_page_of, iter_input_files, read_pages
from corpus.progress import track
from corpus.release import AnnotatedDocument
from schemas.errors import InputError
from schemas.records import Document


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "preannotate",
        help="machine pre-annotation: article/boilerplate/teaser zones and quotes for pages",
        description=(
            f"Pre-annotate pages ({', '.join(SUPPORTED_SUFFIXES)}; folders are read recursively) with the "
            f"machine pre-annotator {MODEL_VERSION}. Writes one JSON object per document to --out: "
            "{doc_id, source, text, spans: [{start, end, label, score}], model_version}. The zone spans "
            "cover every non-whitespace character; quotes lie inside article spans. HTML pages use their "
            "DOM as well as their text. A first pass over all inputs counts blocks repeated across pages "
            "of the same site (template); --no-site-stats skips it. Unusable pages are reported (and "
            "written to --rejects) and make the exit status 1 unless --allow-rejects."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="INPUT", help="a page file or a folder of pages")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.jsonl", help="where to write the output")
    parser.add_argument("--rejects", type=Path, metavar="FILE", help="write rejected pages here (JSON Lines)")
    parser.add_argument("--allow-rejects", action="store_true", help="exit 0 even when some pages were rejected")
    parser.add_argument("--no-site-stats", action="store_true",
                        help="skip the corpus pass that finds template blocks repeated across a site's pages")
    add_engine_arguments(parser)
    parser.set_defaults(handler=run)


class AnnotatePages:
    """Stage: documents -> ``AnnotatedDocument`` with the pre-annotator's annotation (HTML pages re-read for
    their DOM under ``root``)."""

    def __init__(self, annotator: Preannotator, root: Path) -> None:
        self.annotator = annotator
        self.root = root

    def __call__(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        for document in documents:
            annotation = self.annotator.annotate(document, html_page_of(document, self.root))
            yield AnnotatedDocument(document, (annotation,))


def _documents(paths: list[Path], rejects: list[Reject], root: Path, engine: Engine) -> Iterator[Document]:
    for item in run_stages([functools.partial(read_pages, root=root)], iter_input_files(paths), engine):
        if isinstance(item, Reject):
            rejects.append(item)
        elif isinstance(item, Document):
            yield item
        elif not isinstance(item, Skipped):
            raise TypeError(f"unexpected ingest item {item!r}")


def run(args: argparse.Namespace) -> int:
    root = find_root()
    engine = engine_from(args)
    files = [item for item in iter_input_files(args.paths) if not isinstance(item, Skipped)]
    stats = None
    if not args.no_site_stats:
        stats = BlockStats.from_documents(track(_documents(args.paths, [], root, engine), "site statistics",
                                                total=len(files)))
    annotate = AnnotatePages(Preannotator(stats), root)
    rejects: list[Reject] = []
    seen: set[str] = set()
    written = duplicates = 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=args.out.parent, prefix=f".{args.out.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            def unique(documents: Iterable[Document]) -> Iterator[Document]:
                nonlocal duplicates
                for document in documents:
                    if document.doc_id in seen:
                        duplicates += 1
                        continue
                    seen.add(document.doc_id)
                    yield document

            documents = track(_documents(args.paths, rejects, root, engine), "preannotate", total=len(files))
            for item in run_stages([annotate], unique(documents), engine):
                document, annotation = item.document, item.annotations[0]
                record = {
                    "doc_id": document.doc_id,
                    "source": annotation.source,
                    "text": document.text,
                    "spans": [{"start": s.start, "end": s.end, "label": s.label, "score": s.score}
                              for s in annotation.spans],
                    "model_version": annotation.model_version,
                }
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1
        if not written:
            raise InputError(f"no usable page in {', '.join(map(str, args.paths))}: {len(rejects)} rejected; "
                             f"preannotate reads {', '.join(SUPPORTED_SUFFIXES)}")
        os.replace(temporary, args.out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if args.rejects:
        with RejectLog(args.rejects) as log:
            for reject in rejects:
                log.add(reject)
    for reject in rejects:
        print(f"rejected {reject.source}: {reject.reason}: {reject.detail}", file=sys.stderr)
    print(f"{written} document(s) pre-annotated by {MODEL_VERSION} -> {args.out}"
          f"{f'; {duplicates} duplicate text(s) merged' if duplicates else ''}"
          f"{f'; {len(rejects)} page(s) rejected' if rejects else ''}", file=sys.stderr)
    return 1 if rejects and not args.allow_rejects else 0
