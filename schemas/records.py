"""The record types of the corpus: frozen, slotted dataclasses that refuse invalid values.

Offsets are ``[start, end)`` Python string indices (code points) into ``Document.text``, which is kept
exactly as ingested; every span carries ``text[start:end]`` so that consumers can re-check it.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import InitVar, dataclass, field
from typing import Any

from schemas.labels import ANNOTATION_STATUSES, LABEL_NAMES, ORIGINS, SPLITS, Layer, layer_of

# Unicode White_Space, spelled out so Python and polars/Rust regexes agree on it exactly
# (Python's str.isspace also counts U+001C..U+001F, Rust's \s does not).
WHITESPACE_CLASS = "\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
WHITESPACE_RE = re.compile(f"[{WHITESPACE_CLASS}]")
NON_WHITESPACE_RE = re.compile(f"[^{WHITESPACE_CLASS}]")

DOC_ID_HEX_CHARS = 16
# Split shares in percent, in SPLITS order.
SPLIT_PERCENTAGES: tuple[int, ...] = (80, 10, 10)


def is_whitespace(char: str) -> bool:
    return WHITESPACE_RE.fullmatch(char) is not None


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def span_order(span: Any) -> tuple[int, bool, int]:
    """The one order spans are listed in (store, tables, Label Studio, adjudication): by start, a zone
    before a quote that starts with it, then by end. ``span`` is a ``Span`` or anything with its start,
    end and label."""
    return (span.start, layer_of(span.label) != "zone", span.end)


def doc_id_for(text: str) -> str:
    """The document id: a prefix of the text's SHA-256, so the same text always gets the same id."""
    return text_sha256(text)[:DOC_ID_HEX_CHARS]


def split_for(doc_id: str) -> str:
    """The split of a document, a pure function of its id: a document never changes split."""
    bucket = int(hashlib.sha256(f"split:{doc_id}".encode()).hexdigest(), 16) % 100
    threshold = 0
    for split, share in zip(SPLITS, SPLIT_PERCENTAGES, strict=True):
        threshold += share
        if bucket < threshold:
            return split
    raise AssertionError("split shares must add up to 100")


def _require_int(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer, got {value!r}")


def _require_text(name: str, value: Any, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {value!r}")


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled ``[start, end)`` range of a document's text, with the text it covers."""

    start: int
    end: int
    label: str
    text: str
    score: float | None = None

    def __post_init__(self) -> None:
        # Span.on sets the fields itself when it can tell all of these hold: a new check here goes there too.
        _require_int("start", self.start)
        _require_int("end", self.end)
        if self.start < 0:
            raise ValueError(f"start must be >= 0, got {self.start}")
        if self.end <= self.start:
            raise ValueError(f"end must be > start, got [{self.start}, {self.end})")
        if self.label not in LABEL_NAMES:
            raise ValueError(f"unknown label {self.label!r}; valid labels: {', '.join(LABEL_NAMES)}")
        _require_text("text", self.text)
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"text {self.text[:40]!r} has {len(self.text)} characters but the span "
                f"[{self.start}, {self.end}) has {self.end - self.start}"
            )
        if self.score is not None:
            if isinstance(self.score, bool) or not isinstance(self.score, (int, float)):
                raise ValueError(f"score must be a number or None, got {self.score!r}")
            if not (0.0 <= self.score <= 1.0) or math.isnan(self.score):
                raise ValueError(f"score must be within [0, 1], got {self.score!r}")

    @property
    def layer(self) -> Layer:
        return layer_of(self.label)

    @classmethod
    def on(cls, text: str, start: int, end: int, label: str, score: float | None = None) -> Span:
        """The span ``[start, end)`` of ``text``, its text taken from the document."""
        if isinstance(start, int) and isinstance(end, int) and not 0 <= start < end <= len(text):
            raise ValueError(f"span [{start}, {end}) is outside the text of {len(text)} characters")
        if (cls is Span and type(start) is int and type(end) is int and label in _LABEL_SET
                and (score is None or (type(score) is float and 0.0 <= score <= 1.0)) and type(text) is str):
            # every check of __post_init__ holds (offsets checked above, the text is their slice, NaN fails
            # the comparison): set the fields without checking them again -- machine annotations make
            # tens of spans per page
            span = _new_span(cls)
            _set_field(span, "start", start)
            _set_field(span, "end", end)
            _set_field(span, "label", label)
            _set_field(span, "text", text[start:end])
            _set_field(span, "score", score)
            return span
        return cls(start=start, end=end, label=label, text=text[start:end], score=score)

    def span_id(self, doc_id: str) -> str:
        """Unique within one annotation of a document: spans of one layer never overlap."""
        return f"{doc_id}:{self.layer}:{self.start}-{self.end}"


_LABEL_SET = frozenset(LABEL_NAMES)
_new_span = object.__new__
_set_field = object.__setattr__  # what a frozen dataclass's own __init__ sets its fields with


@dataclass(frozen=True, slots=True)
class Document:
    """A page's text exactly as ingested, with where it came from."""

    doc_id: str
    text: str
    sources: tuple[str, ...] = ()
    url: str | None = None
    title: str | None = None
    # The text's SHA-256, computed once here: checking doc_id needs it anyway, and readers ask often.
    _text_sha256: str = field(init=False, repr=False, compare=False)
    # ``from_text``'s own SHA-256 of ``text``, which it made ``doc_id`` from: not computed a second time (private to
    # it; any other caller leaves it out and the text is hashed here)
    _digest: InitVar[str | None] = None

    def __post_init__(self, _digest: str | None) -> None:
        _require_text("text", self.text)
        if not NON_WHITESPACE_RE.search(self.text):
            raise ValueError("text is empty or whitespace only")
        digest = text_sha256(self.text) if _digest is None else _digest
        if self.doc_id != digest[:DOC_ID_HEX_CHARS]:
            raise ValueError(f"doc_id {self.doc_id!r} does not match its text "
                             f"(expected {digest[:DOC_ID_HEX_CHARS]!r})")
        object.__setattr__(self, "_text_sha256", digest)
        if not isinstance(self.sources, tuple) or not all(isinstance(s, str) and s for s in self.sources):
            raise ValueError(f"sources must be a tuple of non-empty strings, got {self.sources!r}")
        _require_text("url", self.url, optional=True)
        _require_text("title", self.title, optional=True)

    @classmethod
    def from_text(
        cls, text: str, sources: tuple[str, ...] = (), url: str | None = None, title: str | None = None
    ) -> Document:
        digest = text_sha256(text)
        return cls(doc_id=digest[:DOC_ID_HEX_CHARS], text=text, sources=tuple(sources), url=url, title=title,
                   _digest=digest)

    @property
    def text_sha256(self) -> str:
        return self._text_sha256

    @property
    def split(self) -> str:
        return split_for(self.doc_id)

    @property
    def n_chars(self) -> int:
        return len(self.text)


@dataclass(frozen=True, slots=True)
class Annotation:
    """One set of spans over one document and who or what produced it.

    ``origin`` is ``human`` (an annotator), ``machine`` (a pre-annotator, ``model_version`` set) or
    ``adjudicated`` (merged from the annotations listed in ``derived_from``). Label Studio ids, when the
    annotation came through Label Studio, are kept in ``labelstudio`` for traceability.
    """

    annotation_id: str
    doc_id: str
    text_sha256: str
    origin: str
    spans: tuple[Span, ...]
    annotator: str | None = None
    model_version: str | None = None
    source: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    lead_time: float | None = None
    ground_truth: bool = False
    derived_from: tuple[str, ...] = ()
    labelstudio: dict[str, Any] | None = field(default=None, hash=False, compare=True)

    def __post_init__(self) -> None:
        _require_text("annotation_id", self.annotation_id)
        if not self.annotation_id:
            raise ValueError("annotation_id must not be empty")
        _require_text("doc_id", self.doc_id)
        if not re.fullmatch(r"[0-9a-f]{64}", self.text_sha256 or ""):
            raise ValueError(f"text_sha256 must be 64 lowercase hex digits, got {self.text_sha256!r}")
        if self.origin not in ORIGINS:
            raise ValueError(f"unknown origin {self.origin!r}; valid origins: {', '.join(ORIGINS)}")
        if not isinstance(self.spans, tuple) or not all(isinstance(s, Span) for s in self.spans):
            raise ValueError("spans must be a tuple of Span")
        if self.origin == "human" and not self.annotator:
            raise ValueError("a human annotation needs an annotator")
        if self.origin == "machine" and not self.model_version:
            raise ValueError("a machine annotation needs a model_version")
        if self.origin == "adjudicated" and not self.derived_from:
            raise ValueError("an adjudicated annotation needs derived_from (the annotation ids it merges)")
        if self.lead_time is not None and (not isinstance(self.lead_time, (int, float)) or self.lead_time < 0):
            raise ValueError(f"lead_time must be a non-negative number of seconds, got {self.lead_time!r}")
        if not isinstance(self.ground_truth, bool):
            raise ValueError(f"ground_truth must be true or false, got {self.ground_truth!r}")


def annotation_status(origin: str | None) -> str:
    status = origin or "unannotated"
    if status not in ANNOTATION_STATUSES:
        raise ValueError(f"unknown annotation status {status!r}; valid: {', '.join(ANNOTATION_STATUSES)}")
    return status
