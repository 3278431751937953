"""``corpus ls``: the Label Studio round trip (export/push tasks, import/pull annotations)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus.config import Settings, load_settings
from corpus.progress import track
from schemas.errors import ConfigError

EPILOG = """\
Round trip: `corpus ls push` (or `export` + the Label Studio UI's import), annotate in Label Studio,
then `corpus ls pull` (or the UI's JSON / JSON_MIN export + `import`). The server's URL and key come from
LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY; scripts/labelstudio-server starts a local one.
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "ls", help="Label Studio round trip: export/push tasks, import/pull annotations",
        description="Label Studio round trip: machine pre-annotations out as predictions, human annotations "
        "back into seeds/annotations/ after checking every offset against the corpus text.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="ls_command", required=True, metavar="SUBCOMMAND")

    export = commands.add_parser("export", help="write Label Studio tasks (JSON) for documents",
                                 description="One task per document: data (text, doc_id, text_sha256, source), "
                                 "machine spans as predictions, optionally stored human annotations for review.")
    _task_source_arguments(export)
    export.add_argument("--out", type=Path, help="tasks file to write (default: dist/labelstudio/tasks.json)")
    export.set_defaults(handler=run_export)

    push = commands.add_parser("push", help="create or reuse a project and import tasks with predictions",
                               description="Create (or reuse, by title) a Label Studio project with the generated "
                               "labeling config, import the tasks not already in it, and show predictions as "
                               "pre-annotations.")
    _task_source_arguments(push)
    push.add_argument("--title", help="project title (default: 'newszones: zones and quotes')")
    push.set_defaults(handler=run_push)

    importer = commands.add_parser("import", help="import Label Studio exports (JSON, snapshot, JSON_MIN)",
                                   description="Check every annotation of the exports against the corpus text and "
                                   "merge the valid ones into the annotation store; rejects go to a JSON Lines "
                                   "report. Exit status 1 when anything was rejected.")
    importer.add_argument("exports", nargs="+", type=Path, metavar="EXPORT", help="export file(s)")
    _import_arguments(importer)
    importer.set_defaults(handler=run_import)

    pull = commands.add_parser("pull", help="snapshot-export a project and import its annotations",
                               description="Export a snapshot of the project (full annotations, drafts, "
                               "predictions) and import it as `corpus ls import` does.")
    pull.add_argument("--title", help="project title (default: the push default)")
    pull.add_argument("--project-id", type=int, help="project id (instead of --title)")
    pull.add_argument("--out", type=Path, help="where to keep the downloaded export "
                      "(default: dist/labelstudio/project-<id>-snapshot.json)")
    _import_arguments(pull)
    pull.set_defaults(handler=run_pull)


def _task_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("documents", nargs="*", metavar="DOCUMENT",
                        help="doc ids to take from the release (default: all), or page files/folders to ingest")
    parser.add_argument("--release", type=Path, help="release folder (default: the latest under dist/releases)")
    parser.add_argument("--with-annotations", action="store_true",
                        help="include the stored human/adjudicated annotations of each document, for review")


def _import_arguments(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--pages", type=Path, nargs="+", metavar="PATH",
                        help="page files/folders giving the current text (default: seeds/)")
    source.add_argument("--release", type=Path, help="release folder giving the current text")
    parser.add_argument("--store", type=Path, help="annotation store (default: seeds/annotations)")
    parser.add_argument("--rejects", type=Path, help="rejects report, JSON Lines "
                        "(default: dist/labelstudio/import-rejects.jsonl)")
    parser.add_argument("--drafts", action="store_true", help="import drafts too (default: count and skip)")
    parser.add_argument("--project", type=int, help="Label Studio project id for exports that lack it (JSON_MIN)")
    parser.add_argument("--check", action="store_true", help="check and report only; write nothing to the store")


def _task_documents(args: argparse.Namespace, settings: Settings):
    from annotation.labelstudio.documents import latest_release, read_pages, read_release

    pages = [Path(item) for item in args.documents if Path(item).exists()]
    if pages:
        if len(pages) != len(args.documents) or args.release:
            raise ConfigError("give either page files/folders or doc ids from a release, not both")
        document_set = read_pages(pages)
        return document_set, document_set.select(())
    release = args.release or latest_release(settings.releases)
    document_set = read_release(release)
    return document_set, document_set.select(args.documents)


def _tasks(args: argparse.Namespace, settings: Settings) -> list[dict]:
    from annotation.labelstudio.tasks import tasks_for
    from annotation.store import read_annotations

    document_set, documents = _task_documents(args, settings)
    human = None
    if args.with_annotations:
        wanted = {document.doc_id for document in documents}
        human = {}
        for annotation in read_annotations(settings.annotations):
            if annotation.doc_id in wanted and annotation.origin != "machine":
                human.setdefault(annotation.doc_id, []).append(annotation)
    return list(track(tasks_for(documents, document_set.machine, human), "building tasks", total=len(documents)))


def run_export(args: argparse.Namespace) -> int:
    from annotation.labelstudio.tasks import write_tasks

    settings = load_settings()
    out = args.out or settings.dist / "labelstudio" / "tasks.json"
    tasks = _tasks(args, settings)
    count = write_tasks(out, tasks)
    predictions = sum(len(task["predictions"]) for task in tasks)
    annotations = sum(len(task["annotations"]) for task in tasks)
    print(f"wrote {count} tasks ({predictions} predictions, {annotations} annotations for review) to {out}")
    return 0


def run_push(args: argparse.Namespace) -> int:
    from annotation.labelstudio.server import (
        DEFAULT_PROJECT_TITLE,
        LabelStudioServer,
        predominant_model_version,
        task_key,
    )

    settings = load_settings()
    server = LabelStudioServer(settings.label_studio_url, settings.label_studio_api_key)
    tasks = _tasks(args, settings)
    title = args.title or DEFAULT_PROJECT_TITLE
    project, created = server.ensure_project(title, predominant_model_version(tasks))
    existing = set() if created else server.existing_documents(project.id)
    new = [task for task in tasks if task_key(task) not in existing]
    server.import_tasks(project.id, new, progress=lambda items, what: track(items, what, total=len(items)))
    print(f"project {project.id} {title!r} ({'created' if created else 'reused'}) at {server.url}/projects/{project.id}/")
    print(f"tasks pushed: {len(new)}; already there: {len(tasks) - len(new)}")
    return 0


def _documents_for_import(args: argparse.Namespace, settings: Settings):
    from annotation.labelstudio.documents import DocumentIndex, read_release

    if args.release:
        return DocumentIndex.of(read_release(args.release).documents, str(args.release))
    # Pages are indexed one at a time, keeping no text: the import takes each task's text once it hashes
    # to its document's, so memory does not grow with the corpus's texts.
    return DocumentIndex.from_pages(args.pages or [settings.seeds], progress=track)


def _import(args: argparse.Namespace, settings: Settings, exports: list[Path]) -> int:
    from annotation.labelstudio.importer import import_exports, reuse_freed_memory

    documents = _documents_for_import(args, settings)
    # This process does nothing else. Once the pages are indexed: building the index under these settings
    # left its growing arrays' old copies as resident holes in the heap, which set the import's peak memory.
    reuse_freed_memory()
    rejects = args.rejects or settings.dist / "labelstudio" / "import-rejects.jsonl"
    result = import_exports(exports, documents, args.store or settings.annotations, rejects,
                            include_drafts=args.drafts, project=args.project, dry_run=args.check,
                            progress=lambda items, what: track(items, what))
    for line in result.totals.lines():
        print(line)
    if args.check:
        print("checked only (--check): nothing written")
    if result.rejects_path:
        print(f"rejects: {result.rejects_path}", file=sys.stderr)
        return 1
    return 0


def run_import(args: argparse.Namespace) -> int:
    settings = load_settings()
    missing = [str(path) for path in args.exports if not path.is_file()]
    if missing:
        raise ConfigError(f"no such export file: {', '.join(missing)}")
    return _import(args, settings, list(args.exports))


def run_pull(args: argparse.Namespace) -> int:
    from annotation.labelstudio.server import LabelStudioServer

    settings = load_settings()
    server = LabelStudioServer(settings.label_studio_url, settings.label_studio_api_key)
    project = server.project(args.title, args.project_id)
    out = args.out or settings.dist / "labelstudio" / f"project-{project.id}-snapshot.json"
    server.snapshot(project.id, out)
    print(f"exported project {project.id} to {out}")
    if args.project is None:
        args.project = project.id
    return _import(args, settings, [out])
