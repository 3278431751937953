"""``corpus agreement``: inter-annotator agreement of the stored human annotations."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

from annotation.agreement import (
    DEFINITIONS,
    ROWS,
    AgreementReport,
    Metrics,
    agreement,
    check_annotation,
    human_annotations,
    layer_row_name,
)
from annotation.store import read_annotations
from corpus.config import load_settings
from corpus.progress import track
from schemas.errors import InputError
from schemas.labels import LAYERS
from schemas.records import Annotation, Document


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--annotations", type=Path, metavar="FOLDER",
                        help="the annotation store (default: seeds/annotations of the project)")
    parser.add_argument("--documents", type=Path, nargs="+", metavar="PATH",
                        help="files or folders to ingest for the document texts (default: seeds/ of the project)")


def load_annotated(args: argparse.Namespace) -> tuple[list[tuple[Document, list[Annotation]]], int]:
    """The documents with two or more human annotators with all their stored annotations, each human
    annotation checked against its document's text, and how many documents have one human annotator.
    A document with two or more annotators that ingest did not find is an ``InputError``."""
    settings = load_settings()
    folder = args.annotations or settings.annotations
    if not folder.is_dir():
        raise InputError(f"{folder}: no annotation store there (expected a folder of <doc_id>.jsonl files)")
    by_doc: dict[str, list[Annotation]] = {}
    for annotation in read_annotations(folder):
        by_doc.setdefault(annotation.doc_id, []).append(annotation)
    annotators = {doc_id: len(human_annotations(annotations)) for doc_id, annotations in by_doc.items()}
    single = sum(count == 1 for count in annotators.values())
    wanted = {doc_id: by_doc[doc_id] for doc_id, count in annotators.items() if count >= 2}
    if not wanted:
        return [], single
    from corpus.ingest import ingest  # ingest pulls in the HTML parser; only needed when there is work

    paths = args.documents or [settings.seeds]
    documents = {document.doc_id: document for document in ingest(paths, root=settings.root).documents}
    annotated = []
    for doc_id, of_document in sorted(wanted.items()):
        store_file = folder / f"{doc_id}.jsonl"
        document = documents.get(doc_id)
        if document is None:
            sources = sorted({a.source for a in of_document if a.source})
            raise InputError(f"{store_file}: document {doc_id} (source {', '.join(sources) or 'unknown'}) is "
                             f"annotated but not among the {len(documents)} documents ingested from "
                             f"{', '.join(map(str, paths))}; pass its file with --documents")
        for annotation in human_annotations(of_document):
            check_annotation(document, annotation, where=str(store_file))
        annotated.append((document, of_document))
    return annotated, single


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _metric_columns(table: Table) -> None:
    for name in ("chars", "kappa", "alpha", "F1 exact", "F1 overlap", "spans"):
        table.add_column(name, justify="right", no_wrap=True)


def _metric_cells(metrics: Metrics) -> list[str]:
    return [str(metrics.units), _number(metrics.kappa), _number(metrics.alpha), _number(metrics.f1_exact),
            _number(metrics.f1_overlap), str(metrics.spans_compared)]


def _shown_rows() -> list[str]:
    """Layer rows, and label rows of layers with more than one label (else they repeat the layer row)."""
    shown = []
    for layer in LAYERS:
        labels = [row.name for row in ROWS if row.layer == layer and row.binary]
        shown.append(layer_row_name(layer))
        if len(labels) > 1:
            shown.extend(labels)
    return shown


def print_report(report: AgreementReport, console: Console) -> None:
    console.print(f"{len(report.documents)} document(s) with two or more human annotators "
                  f"({', '.join(report.annotators) or 'none'}); {report.single_annotator_documents} with one.")
    if not report.documents:
        return
    overall = Table(title="Agreement, all documents")
    overall.add_column("row", no_wrap=True)
    _metric_columns(overall)
    for name in _shown_rows():
        overall.add_row(name, *_metric_cells(report.overall[name]))
    console.print(overall)

    documents = Table(title="Per document (layer rows; every label with --json)")
    documents.add_column("document", no_wrap=True)
    documents.add_column("annotators")
    documents.add_column("row", no_wrap=True)
    _metric_columns(documents)
    layers = [layer_row_name(layer) for layer in LAYERS]
    for document in report.documents:
        for index, name in enumerate(layers):
            first = index == 0
            documents.add_row(document.doc_id if first else "", ", ".join(document.annotators) if first else "",
                              name, *_metric_cells(document.metrics[name]), end_section=index == len(layers) - 1)
    console.print(documents)

    pairs = Table(title="Per annotator pair, pooled over the documents both annotated")
    pairs.add_column("annotators", no_wrap=True)
    pairs.add_column("docs", justify="right")
    pairs.add_column("row", no_wrap=True)
    _metric_columns(pairs)
    for pair in report.pairs:
        for index, name in enumerate(_shown_rows()):
            first = index == 0
            pairs.add_row(" / ".join(pair.annotators) if first else "", str(pair.documents) if first else "",
                          name, *_metric_cells(pair.metrics[name]), end_section=index == len(_shown_rows()) - 1)
    console.print(pairs)


def run(args: argparse.Namespace) -> int:
    annotated, single = load_annotated(args)
    report = agreement(annotated, progress=lambda items: track(items, "agreement", total=len(annotated)))
    report = replace(report, single_annotator_documents=single)
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        console = Console()
        # Piped output is read in files and logs: do not squeeze the tables to 80 columns.
        print_report(report, console if console.is_terminal else Console(width=160))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    definitions = "\n".join(f"  {name}: {text}" for name, text in DEFINITIONS.items())
    parser = subparsers.add_parser(
        "agreement",
        help="inter-annotator agreement (kappa, alpha, span F1) of the stored human annotations",
        description="Agreement of documents with two or more human annotators, per label and per layer: "
        "character-level Cohen's kappa and Krippendorff's alpha, span F1 with exact and with overlap "
        "matching; per document and per annotator pair.",
        epilog=f"definitions:\n{definitions}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the full report (every label) as JSON")
    parser.set_defaults(handler=run)
