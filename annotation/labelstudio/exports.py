"""Reading Label Studio exports: JSON (full), snapshot and JSON_MIN, streamed task by task.

An export is a JSON array of tasks. It is read with ``json.JSONDecoder.raw_decode`` over a bounded
buffer, one array element at a time, so an export of hundreds of thousands of tasks never has to fit in
memory, and a syntax error is reported with its exact line, column and character offset.

Every form is turned into the same records, ``ExportedTask`` holding ``ExportedAnnotation``s whose
``result`` has the full region form (``from_name``/``to_name``/``type``/``value``):

- JSON and snapshot: tasks with ``annotations`` (``completed_by`` an id, or an object with the email when
  the snapshot was made with ``annotations__completed_by: {only_id: false}``), ``drafts`` and
  ``predictions`` (full objects or only ids).
- JSON_MIN: one row per task and annotation; the task's data fields, ``id`` (the task), ``annotation_id``,
  ``annotator``, timestamps, ``lead_time`` and one key per control name holding that control's region
  values. It carries no project id, no region ids, no ground-truth flag and no parent prediction.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotation.labelstudio.config import CONTROL_NAMES, TEXT_NAME
from schemas.errors import InputError

# Bytes read at a time (at most as many characters): the buffer stays a few MB even as 4-byte-wide text.
# Its copies (buffer, chunk, their concatenation) are part of an import's peak memory: 256 Ki took 3 MB
# more at 100k tasks than this, for no less CPU time.
CHUNK_CHARS = 1 << 17
# An array element (one task) larger than this is refused rather than buffered.
MAX_ELEMENT_CHARS = 256 << 20
JSON_MIN_FIELDS = frozenset({"id", "annotation_id", "annotator", "created_at", "updated_at", "lead_time",
                             "agreement"})
_WHITESPACE = " \t\n\r"


class ExportFormatError(InputError):
    """A file that is not a readable Label Studio export: names the file and the position."""


@dataclass(slots=True)
class ExportedAnnotation:
    """One annotation or draft of an exported task, in the full region form."""

    kind: str  # "annotation" or "draft"
    ls_id: Any
    result: Any
    project: Any = None
    completed_by: Any = None  # a user id, or None when only the email is known
    annotator_email: str | None = None
    was_cancelled: bool = False
    ground_truth: bool = False
    lead_time: Any = None
    created_at: str | None = None
    updated_at: str | None = None
    parent_prediction: Any = None
    parent_annotation: Any = None
    parent_model_version: str | None = None
    draft_of: Any = None  # for a draft: the annotation it edits, if any
    updated_by: Any = None


@dataclass(slots=True)
class ExportedTask:
    form: str  # "json" (full or snapshot) or "json_min"
    task_id: Any
    project: Any
    data: dict
    annotations: list[ExportedAnnotation] = field(default_factory=list)


def _line_and_column(path: Path, offset: int) -> str:
    """Where character ``offset`` of the decoded export is, as "line L, column C (character offset)".

    Counted by reading the file again up to there, only for an error message: the reader does not count
    lines as it goes (that would scan every character once more)."""
    utf8 = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")  # past the offset, anything may follow
    line, last_newline, seen = 1, -1, 0
    with open(path, "rb") as handle:
        while seen < offset:
            data = handle.read(CHUNK_CHARS)
            part = utf8.decode(data, final=not data)[:offset - seen]
            newlines = part.count("\n")
            if newlines:
                line += newlines
                last_newline = seen + part.rfind("\n")
            seen += len(part)
            if not data:
                break
    return f"line {line}, column {offset - last_newline} (character {offset})"


def iter_array(path: Path, chunk_chars: int = CHUNK_CHARS) -> Iterator[Any]:
    """Yield the elements of the JSON array in ``path`` one at a time, with bounded memory."""
    decoder = json.JSONDecoder()
    consumed = 0  # characters before the buffer's start
    # Bytes decoded here rather than by a text file: TextIOWrapper.read(n) decodes in small steps, which
    # costs more than the JSON parsing of large exports. "utf-8-sig" drops a byte order mark.
    utf8 = codecs.getincrementaldecoder("utf-8-sig")()
    with open(path, "rb") as handle:
        buffer = ""
        at_eof = False

        def fill() -> bool:
            nonlocal buffer, at_eof
            while not at_eof:
                data = handle.read(max(chunk_chars, len(buffer)))
                at_eof = not data
                chunk = utf8.decode(data, final=at_eof)
                if chunk:  # empty while only a byte order mark or a split character was read
                    buffer += chunk
                    return True
            return False

        def skip_whitespace(index: int) -> int:
            while True:
                while index < len(buffer) and buffer[index] in _WHITESPACE:
                    index += 1
                if index < len(buffer) or not fill():
                    return index

        def fail(index: int, message: str) -> ExportFormatError:
            return ExportFormatError(f"{path}: invalid JSON at {_line_and_column(path, consumed + index)}: {message}")

        try:
            index = skip_whitespace(0)
            if index >= len(buffer):
                raise fail(index, "the file is empty; expected a JSON array of Label Studio tasks")
            if buffer[index] != "[":
                raise fail(index, f"expected a JSON array of Label Studio tasks, found {buffer[index]!r}")
            index = skip_whitespace(index + 1)
            expect_element = None  # None: first element or "]"; True: after ","; False: after an element
            while True:
                if index >= len(buffer):
                    raise fail(index, "the file ends inside the array (truncated export?)")
                char = buffer[index]
                if expect_element is not True and char == "]":
                    index = skip_whitespace(index + 1)
                    if index < len(buffer):
                        raise fail(index, "extra data after the end of the array")
                    return
                if expect_element is False:
                    if char != ",":
                        raise fail(index, f"expected ',' or ']' after an array element, found {char!r}")
                    index = skip_whitespace(index + 1)
                    expect_element = True
                    continue
                if len(buffer) - index < chunk_chars and not at_eof:
                    # Read on before an element rather than after failing to parse it past the buffer's end:
                    # that parse would start again, and its error counts the lines up to there.
                    consumed += index
                    buffer = buffer[index:]
                    index = 0
                    fill()
                while True:
                    try:
                        element, end = decoder.raw_decode(buffer, index)
                    except json.JSONDecodeError as error:
                        if len(buffer) - index > MAX_ELEMENT_CHARS:
                            raise fail(index, f"an array element longer than {MAX_ELEMENT_CHARS} characters") from None
                        if fill():
                            continue
                        raise fail(error.pos, error.msg) from None
                    # A number at the very end of the buffer may continue in the next chunk.
                    if end == len(buffer) and fill():
                        continue
                    break
                yield element
                expect_element = False
                index = skip_whitespace(end)
        except UnicodeDecodeError as error:
            raise ExportFormatError(f"{path}: not UTF-8 text near character {consumed + len(buffer)}: "
                                    f"{error.reason}") from None


def iter_tasks(path: Path) -> Iterator[ExportedTask]:
    """The tasks of one export file, whatever its form."""
    for number, item in enumerate(iter_array(path)):
        if not isinstance(item, dict):
            raise ExportFormatError(f"{path}: element {number} of the array is a {type(item).__name__}, "
                                    "expected a task object")
        if "annotations" in item or "predictions" in item or "drafts" in item or "data" in item:
            yield _full_task(item)
        else:
            yield _json_min_row(item)


def _user(completed_by: Any) -> tuple[Any, str | None]:
    if isinstance(completed_by, dict):
        return completed_by.get("id"), completed_by.get("email") or None
    return completed_by, None


def _parent(annotation: dict) -> tuple[Any, str | None]:
    prediction = annotation.get("prediction")
    parent = annotation.get("parent_prediction")
    model_version = None
    if isinstance(prediction, dict) and prediction:
        if parent is None:
            parent = prediction.get("id")
        model_version = prediction.get("model_version")
    return parent, model_version


def _full_task(item: dict) -> ExportedTask:
    project = item.get("project")
    data = item.get("data") if isinstance(item.get("data"), dict) else {}
    task = ExportedTask(form="json", task_id=item.get("id"), project=project, data=data)
    for raw in item.get("annotations") or item.get("completions") or ():
        if not isinstance(raw, dict):
            continue
        user_id, email = _user(raw.get("completed_by"))
        parent_prediction, parent_model_version = _parent(raw)
        task.annotations.append(ExportedAnnotation(
            kind="annotation", ls_id=raw.get("id"), result=raw.get("result"),
            project=raw.get("project", project), completed_by=user_id, annotator_email=email,
            was_cancelled=bool(raw.get("was_cancelled") or raw.get("skipped")),
            ground_truth=bool(raw.get("ground_truth")), lead_time=raw.get("lead_time"),
            created_at=raw.get("created_at"), updated_at=raw.get("updated_at"),
            parent_prediction=parent_prediction, parent_annotation=raw.get("parent_annotation"),
            parent_model_version=parent_model_version, updated_by=raw.get("updated_by"),
        ))
    for raw in item.get("drafts") or ():
        if not isinstance(raw, dict):
            continue  # a draft exported as an id only: nothing to import
        user = raw.get("user")
        user_id, email = _user(user) if isinstance(user, dict) else (None, user if isinstance(user, str) else None)
        task.annotations.append(ExportedAnnotation(
            kind="draft", ls_id=raw.get("id"), result=raw.get("result"), project=project,
            completed_by=user_id, annotator_email=email, lead_time=raw.get("lead_time"),
            created_at=raw.get("created_at"), updated_at=raw.get("updated_at"), draft_of=raw.get("annotation"),
        ))
    return task


def _json_min_row(item: dict) -> ExportedTask:
    """A JSON_MIN row: control names hold region values; every other non-bookkeeping key is task data."""
    controls = set(CONTROL_NAMES.values())
    data = {key: value for key, value in item.items() if key not in JSON_MIN_FIELDS and key not in controls}
    task = ExportedTask(form="json_min", task_id=item.get("id"), project=None, data=data)
    if item.get("annotation_id") is None:
        return task  # a task without annotations
    result = []
    for key, values in item.items():
        if key in JSON_MIN_FIELDS or key in data:
            continue
        for value in values if isinstance(values, list) else [values]:
            result.append({"from_name": key, "to_name": TEXT_NAME, "type": "labels",
                           "value": {k: v for k, v in value.items() if k != "type"}
                           if isinstance(value, dict) else value})
    annotator = item.get("annotator")
    email = annotator if isinstance(annotator, str) and not annotator.isdigit() else None
    user_id = None if email else annotator
    task.annotations.append(ExportedAnnotation(
        kind="annotation", ls_id=item.get("annotation_id"), result=result, completed_by=user_id,
        annotator_email=email, lead_time=item.get("lead_time"), created_at=item.get("created_at"),
        updated_at=item.get("updated_at"),
    ))
    return task
