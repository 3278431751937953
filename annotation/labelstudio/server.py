"""Talking to a Label Studio server: push tasks with pre-annotations, pull a snapshot export.

The URL and API key come from ``corpus.config`` (``LABEL_STUDIO_URL`` / ``LABEL_STUDIO_API_KEY``). The key
is never written to a file, a log or an error message: every error raised here is built from the URL,
the HTTP status and the server's answer with the key scrubbed out. A server that is down, slow or
failing (connection errors, time-outs, HTTP 5xx/429) gives ``RetryableError`` after the SDK's bounded
retries; a refused key gives ``ConfigError``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from annotation.labelstudio.config import labeling_config
from schemas.errors import ConfigError, CorpusError, InputError, RetryableError

DEFAULT_PROJECT_TITLE = "newszones: zones and quotes"
REQUEST_TIMEOUT_SECONDS = 60.0
MAX_RETRIES = 3
EXPORT_WAIT_SECONDS = 600.0
IMPORT_BATCH = 500
SNAPSHOT_OPTIONS = {
    "drafts": {"only_id": False},
    "predictions": {"only_id": False},
    "annotations__completed_by": {"only_id": False},
}


class LabelStudioServer:
    """A connection to one Label Studio server; every call goes through ``_calling`` for its errors."""

    def __init__(self, url: str | None, api_key: str | None, *, timeout: float = REQUEST_TIMEOUT_SECONDS,
                 max_retries: int = MAX_RETRIES) -> None:
        if not url:
            raise ConfigError("LABEL_STUDIO_URL is not set; start a server with `scripts/labelstudio-server start` "
                              "and export the lines it prints")
        if not api_key:
            raise ConfigError("LABEL_STUDIO_API_KEY is not set (a legacy token or personal access token of the "
                              f"Label Studio server at {url})")
        from label_studio_sdk import LabelStudio

        self.url = url.rstrip("/")
        self._secret = api_key
        self.client = LabelStudio(base_url=self.url, api_key=api_key, timeout=timeout, max_retries=max_retries)

    def _scrub(self, message: str) -> str:
        return message.replace(self._secret, "***") if self._secret else message

    @contextlib.contextmanager
    def _calling(self, what: str) -> Iterator[None]:
        import httpx
        from label_studio_sdk.core.api_error import ApiError

        try:
            yield
        except CorpusError:
            raise
        except httpx.TimeoutException as error:
            raise RetryableError(self._scrub(
                f"Label Studio at {self.url} did not answer in time while trying to {what} "
                f"({type(error).__name__}); try again when the server is less busy")) from None
        except httpx.TransportError as error:
            raise RetryableError(self._scrub(
                f"cannot reach Label Studio at {self.url} to {what} ({type(error).__name__}: {error}); "
                "is the server running? (scripts/labelstudio-server status)")) from None
        except ApiError as error:
            body = self._scrub(str(error.body))[:300]
            status = error.status_code
            if status in (401, 403):
                raise ConfigError(self._scrub(
                    f"Label Studio at {self.url} refused the API key (HTTP {status}) while trying to {what}: "
                    f"{body}; check LABEL_STUDIO_API_KEY (a legacy token needs the server's legacy tokens "
                    "enabled, or use a personal access token)")) from None
            if status is None or status >= 500 or status in (408, 429):
                raise RetryableError(self._scrub(
                    f"Label Studio at {self.url} failed (HTTP {status}) while trying to {what}: {body}")) from None
            raise InputError(self._scrub(
                f"Label Studio at {self.url} rejected the request to {what} (HTTP {status}): {body}")) from None

    # --- projects -----------------------------------------------------------------------------

    def find_project(self, title: str) -> Any | None:
        with self._calling(f"look up project {title!r}"):
            return next((p for p in self.client.projects.list(title=title) if p.title == title), None)

    def project(self, title: str | None, project_id: int | None) -> Any:
        if project_id is not None:
            with self._calling(f"read project {project_id}"):
                return self.client.projects.get(id=project_id)
        found = self.find_project(title or DEFAULT_PROJECT_TITLE)
        if found is None:
            raise ConfigError(f"Label Studio at {self.url} has no project titled {title!r}; push first "
                              "(corpus ls push) or pass --project-id")
        return found

    def ensure_project(self, title: str, model_version: str | None) -> tuple[Any, bool]:
        """The project titled ``title`` with the generated config and predictions shown as pre-annotations;
        created when missing. Returns (project, created)."""
        config = labeling_config()
        project = self.find_project(title)
        created = project is None
        settings: dict[str, Any] = {"show_collab_predictions": True}
        if model_version:
            settings["model_version"] = model_version
        with self._calling(f"create or update project {title!r}"):
            if project is None:
                project = self.client.projects.create(title=title, label_config=config, **settings)
            else:
                if _normalise(project.label_config) != _normalise(config):
                    settings["label_config"] = config
                project = self.client.projects.update(id=project.id, **settings)
        return project, created

    # --- tasks --------------------------------------------------------------------------------

    def existing_documents(self, project_id: int) -> set[tuple[str, str]]:
        """(doc_id, text_sha256) of every task already in the project, so a re-push adds nothing."""
        found = set()
        with self._calling(f"list the tasks of project {project_id}"):
            for task in self.client.tasks.list(project=project_id, fields="task_only", page_size=1000):
                data = task.data or {}
                found.add((data.get("doc_id"), data.get("text_sha256")))
        return found

    def import_tasks(self, project_id: int, tasks: Sequence[dict],
                     progress: Callable[[Iterable[Any], str], Iterable[Any]] | None = None) -> int:
        batches = [tasks[i:i + IMPORT_BATCH] for i in range(0, len(tasks), IMPORT_BATCH)]
        imported = 0
        for batch in progress(batches, "pushing tasks") if progress else batches:
            with self._calling(f"import {len(batch)} tasks into project {project_id}"):
                self.client.projects.import_tasks(id=project_id, request=list(batch), return_task_ids=True)
            imported += len(batch)
        return imported

    # --- export -------------------------------------------------------------------------------

    def snapshot(self, project_id: int, out: Path, *, wait_seconds: float = EXPORT_WAIT_SECONDS) -> Path:
        """A JSON snapshot export of the project (full annotations, drafts, predictions and annotators'
        emails), downloaded to ``out`` atomically."""
        with self._calling(f"create an export snapshot of project {project_id}"):
            export = self.client.projects.exports.create(id=project_id, title="corpus ls pull",
                                                         serialization_options=SNAPSHOT_OPTIONS)
        deadline = time.monotonic() + wait_seconds
        status = export.status
        while status not in ("completed", "failed"):
            if time.monotonic() > deadline:
                raise RetryableError(f"Label Studio at {self.url} did not finish export {export.id} of project "
                                     f"{project_id} within {wait_seconds:.0f} s; try again later")
            time.sleep(0.5)
            with self._calling(f"check export {export.id} of project {project_id}"):
                status = self.client.projects.exports.get(id=project_id, export_pk=export.id).status
        if status == "failed":
            raise RetryableError(f"Label Studio at {self.url} reports export {export.id} of project {project_id} "
                                 "failed; see the server's log")
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle, \
                    self._calling(f"download export {export.id} of project {project_id}"):
                for chunk in self.client.projects.exports.download(id=project_id, export_pk=export.id,
                                                                   export_type="JSON"):
                    handle.write(chunk)
            os.replace(temporary, out)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return out


def _normalise(config: str | None) -> str:
    return "".join((config or "").split())


def predominant_model_version(tasks: Iterable[dict]) -> str | None:
    """The model version most tasks' predictions come from: the one Label Studio shows as pre-annotation."""
    counts = Counter(p.get("model_version") for task in tasks for p in task.get("predictions", ()))
    counts.pop(None, None)
    return counts.most_common(1)[0][0] if counts else None


def task_key(task: dict) -> tuple[str, str]:
    data = task["data"]
    return data["doc_id"], data["text_sha256"]

