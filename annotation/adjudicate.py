"""Adjudication: several human annotations of a document become one, or go to a review queue.

For a document with two or more human annotators (the latest annotation of each, as in agreement):

1. **Ground truth wins.** A human annotation flagged ``ground_truth`` is taken as it is (when several
   are flagged they must hold the same spans, else the document goes to review). It must be a valid,
   complete annotation, else review.
2. **Agreement threshold.** When the document's Krippendorff's alpha (``annotation.agreement``) of a
   layer is below ``min_alpha``, the document goes to review instead of being merged. An undefined
   alpha (one value everywhere) means nothing to disagree on and passes.
3. **Per-character vote.** Zone layer: every non-whitespace character takes the zone label most
   annotators gave it (annotators that left it uncovered abstain). Quote layer: every character is
   inside a quote when more than half of all annotators quote it.
4. **Boundaries.** Two neighbouring units with the same winning value belong to one span unless the
   annotators who gave both that value mostly put them in different spans (neighbouring units: the
   next non-whitespace character for zones, the next character for quotes). A zone span runs from the
   first to the last character of its run, so it is trimmed and keeps the whitespace inside it.
   Hence identical annotations adjudicate to exactly themselves, and an annotation held by a majority
   of annotators wins outright.
5. **Ties go to review.** A tied label vote, a character no annotator labelled, a tied quote vote (an
   even split), or a tied boundary vote sends the document to review; so does a merge that would break
   a span rule (``schemas.rules.span_faults(complete=True)``), which the rules above should prevent --
   the result is never "fixed" silently.

The adjudicated annotation has origin ``adjudicated``, ``derived_from`` = the ids of the annotations
considered, and a deterministic id from the document and those ids, so adjudicating again adds nothing.
Documents for review become Label Studio tasks carrying each annotator's version as a prediction
whose ``model_version`` is the annotator's name.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from annotation.agreement import check_annotation, document_agreement, human_annotations, layer_row_name
from annotation.labelstudio.tasks import task
from schemas.labels import LAYERS
from schemas.records import Annotation, Document, Span, is_whitespace, span_order
from schemas.rules import span_faults

MAJORITY_ADJUDICATOR = "adjudicator:majority"
DEFAULT_MIN_ALPHA = 0.8

# What happened to a document.
MAJORITY = "majority"
GROUND_TRUTH = "ground_truth"
REVIEW = "review"
SKIPPED = "skipped"
OUTCOMES = (MAJORITY, GROUND_TRUTH, REVIEW, SKIPPED)

# Why a document went to review.
CONFLICTING_GROUND_TRUTH = "conflicting_ground_truth"
INVALID_GROUND_TRUTH = "invalid_ground_truth"
LOW_AGREEMENT = "low_agreement"
TIE = "tie"
UNLABELLED = "unlabelled"
INVALID_MERGE = "invalid_merge"
REVIEW_REASONS = (CONFLICTING_GROUND_TRUTH, INVALID_GROUND_TRUTH, LOW_AGREEMENT, TIE, UNLABELLED, INVALID_MERGE)


@dataclass(frozen=True, slots=True)
class Conflict:
    """A place the vote could not decide: ``[start, end)`` of the text and what was tied."""

    reason: str
    start: int
    end: int
    detail: str


@dataclass(frozen=True, slots=True)
class Merge:
    """The outcome of the vote: spans when ``conflicts`` is empty."""

    spans: tuple[Span, ...]
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True, slots=True)
class Adjudication:
    """What adjudication decided for one document."""

    doc_id: str
    outcome: str
    sources: tuple[Annotation, ...]
    annotation: Annotation | None = None
    reason: str | None = None
    detail: str = ""

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}; valid: {', '.join(OUTCOMES)}")
        if self.outcome == REVIEW and self.reason not in REVIEW_REASONS:
            raise ValueError(f"unknown review reason {self.reason!r}; valid: {', '.join(REVIEW_REASONS)}")
        if (self.annotation is not None) != (self.outcome in (MAJORITY, GROUND_TRUTH)):
            raise ValueError(f"outcome {self.outcome!r} and annotation {self.annotation!r} do not fit")

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "outcome": self.outcome, "reason": self.reason, "detail": self.detail,
                "sources": [a.annotation_id for a in self.sources],
                "annotation_id": self.annotation.annotation_id if self.annotation else None}


def adjudication_id(doc_id: str, source_ids: Iterable[str]) -> str:
    """Deterministic: the same document and source annotations always give the same id."""
    digest = hashlib.sha256("\n".join([doc_id, *sorted(source_ids)]).encode()).hexdigest()
    return f"adj-{doc_id}-{digest[:16]}"


def current_adjudication(annotations: Iterable[Annotation]) -> Annotation | None:
    """The adjudicated annotation of one document made from its current human annotations, if any.
    Adjudications made from an earlier set of human annotations are stale and not returned."""
    annotations = list(annotations)
    sources = human_annotations(annotations)
    if len(sources) < 2:
        return None
    wanted = adjudication_id(sources[0].doc_id, (a.annotation_id for a in sources))
    return next((a for a in annotations if a.origin == "adjudicated" and a.annotation_id == wanted), None)


def _owners(length: int, spans: Sequence[Span]) -> list[int]:
    """Per character, the index in ``spans`` of the span covering it, or -1."""
    owner = [-1] * length
    for index, span in enumerate(spans):
        owner[span.start:span.end] = [index] * (span.end - span.start)
    return owner


def _join_vote(first: int, second: int, owners: list[list[int]], voters: Iterable[int]) -> bool | None:
    """Whether units ``first`` and ``second`` share a span: by majority of ``voters`` (annotators who gave
    both the winning value); no voters means no one joins them; ``None`` on a tie."""
    joined = split = 0
    for voter in voters:
        if owners[voter][first] == owners[voter][second]:
            joined += 1
        else:
            split += 1
    if joined == split and joined:
        return None
    return joined > split


def _excerpt(text: str, start: int, end: int) -> str:
    excerpt = text[start:end]
    return repr(excerpt if len(excerpt) <= 40 else excerpt[:37] + "...")


def merge_by_majority(text: str, annotations: Sequence[Annotation]) -> Merge:
    """The per-character majority of ``annotations`` (valid annotations of ``text``) as spans, or the
    conflicts that prevent it. See the module's description for the rules."""
    count = len(annotations)
    conflicts: list[Conflict] = []
    spans: list[Span] = []

    zone_spans = [[s for s in a.spans if s.layer == "zone"] for a in annotations]
    zone_owners = [_owners(len(text), spans_of) for spans_of in zone_spans]

    def zone_label(annotator: int, position: int) -> str | None:
        index = zone_owners[annotator][position]
        return None if index < 0 else zone_spans[annotator][index].label

    run: tuple[int, int, str] | None = None  # start, last unit, label
    for position, char in enumerate(text):
        if is_whitespace(char):
            continue
        votes = Counter(label for annotator in range(count) if (label := zone_label(annotator, position)))
        ranked = votes.most_common()
        winner = None
        if not ranked:
            conflicts.append(Conflict(UNLABELLED, position, position + 1, "no annotator gave a zone label"))
        elif len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            tied = ", ".join(f"{label} {n}" for label, n in sorted(votes.items()))
            conflicts.append(Conflict(TIE, position, position + 1, f"zone label votes {tied}"))
        else:
            winner = ranked[0][0]
        if run is not None:
            start, last, label = run
            joined = False
            if winner == label:
                voters = [a for a in range(count) if zone_label(a, last) == label == zone_label(a, position)]
                joined = _join_vote(last, position, zone_owners, voters)
                if joined is None:
                    conflicts.append(Conflict(TIE, last, position + 1, f"{label} span boundary votes tie"))
            if joined:
                run = (start, position, label)
                continue
            spans.append(Span.on(text, start, last + 1, label))
        run = None if winner is None else (position, position, winner)
    if run is not None:
        spans.append(Span.on(text, run[0], run[1] + 1, run[2]))

    quote_spans = [[s for s in a.spans if s.layer == "quote"] for a in annotations]
    quote_owners = [_owners(len(text), spans_of) for spans_of in quote_spans]
    quote_run: tuple[int, str] | None = None  # start, label
    for position in range(len(text) + 1):
        quoted = [a for a in range(count) if position < len(text) and quote_owners[a][position] >= 0]
        labels = Counter(quote_spans[a][quote_owners[a][position]].label for a in quoted)
        winner = None
        if 2 * len(quoted) > count:
            ranked = labels.most_common()
            if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
                conflicts.append(Conflict(TIE, position, position + 1, f"quote label votes {dict(labels)}"))
            else:
                winner = ranked[0][0]
        elif quoted and 2 * len(quoted) == count:
            conflicts.append(Conflict(TIE, position, position + 1,
                                      f"{len(quoted)} of {count} annotators quote this character"))
        if quote_run is not None:
            start, label = quote_run
            joined = False
            if winner == label:
                voters = [a for a in quoted if quote_owners[a][position - 1] >= 0
                          and quote_spans[a][quote_owners[a][position - 1]].label == label
                          and quote_spans[a][quote_owners[a][position]].label == label]
                joined = _join_vote(position - 1, position, quote_owners, voters)
                if joined is None:
                    conflicts.append(Conflict(TIE, position - 1, position + 1, f"{label} span boundary votes tie"))
            if joined:
                continue
            spans.append(Span.on(text, start, position, label))
        quote_run = None if winner is None else (position, winner)

    if not conflicts:
        for fault in span_faults(text, spans, complete=True):
            conflicts.append(Conflict(INVALID_MERGE, fault.start or 0, fault.end or 0,
                                      f"{fault.rule}: {fault.message}"))
    return Merge(tuple(sorted(spans, key=span_order)), _grouped(conflicts))


def _grouped(conflicts: list[Conflict]) -> tuple[Conflict, ...]:
    """Neighbouring conflicts of the same kind and detail as one range."""
    grouped: list[Conflict] = []
    for conflict in sorted(conflicts, key=lambda c: (c.start, c.end)):
        last = grouped[-1] if grouped else None
        same = last is not None and (last.reason, last.detail) == (conflict.reason, conflict.detail)
        if same and conflict.start <= last.end + 1:
            grouped[-1] = replace(last, end=max(last.end, conflict.end))
        else:
            grouped.append(conflict)
    return tuple(grouped)


def _describe_conflicts(text: str, conflicts: Sequence[Conflict], shown: int = 3) -> str:
    described = [f"[{c.start}, {c.end}) {_excerpt(text, c.start, c.end)}: {c.detail}" for c in conflicts[:shown]]
    more = f"; and {len(conflicts) - shown} more" if len(conflicts) > shown else ""
    return "; ".join(described) + more


def _adjudicated(document: Document, sources: Sequence[Annotation], spans: Iterable[Span],
                 annotator: str) -> Annotation:
    ids = sorted(a.annotation_id for a in sources)
    return Annotation(
        annotation_id=adjudication_id(document.doc_id, ids),
        doc_id=document.doc_id,
        text_sha256=document.text_sha256,
        origin="adjudicated",
        spans=tuple(sorted(spans, key=span_order)),
        annotator=annotator,
        source=next((a.source for a in sources if a.source), document.sources[0] if document.sources else None),
        derived_from=tuple(ids),
    )


def adjudicate(document: Document, annotations: Iterable[Annotation],
               min_alpha: float | None = DEFAULT_MIN_ALPHA) -> Adjudication:
    """Adjudicate the human annotations among ``annotations`` of ``document`` (other origins are
    ignored). ``min_alpha=None`` disables the agreement threshold. Raises ``InputError`` for an
    annotation that does not belong to the document or whose spans are invalid on its text."""
    sources = human_annotations(annotations)
    for annotation in sources:
        check_annotation(document, annotation)
    doc_id = document.doc_id

    def review(reason: str, detail: str) -> Adjudication:
        return Adjudication(doc_id, REVIEW, sources, reason=reason, detail=detail)

    if len(sources) < 2:
        return Adjudication(doc_id, SKIPPED, sources,
                            detail=f"{len(sources)} human annotator(s); nothing to adjudicate")

    flagged = [a for a in sources if a.ground_truth]
    if flagged:
        versions = {frozenset((s.start, s.end, s.label) for s in a.spans) for a in flagged}
        if len(versions) > 1:
            names = ", ".join(a.annotator for a in flagged)
            return review(CONFLICTING_GROUND_TRUTH, f"ground-truth annotations of {names} differ")
        winner = min(flagged, key=lambda a: a.annotation_id)
        faults = span_faults(document.text, winner.spans, complete=True)
        if faults:
            listed = "; ".join(f"{f.rule}: {f.message}" for f in faults[:3])
            return review(INVALID_GROUND_TRUTH, f"ground truth of {winner.annotator} is not a valid complete "
                          f"annotation: {listed}")
        return Adjudication(doc_id, GROUND_TRUTH, sources,
                            _adjudicated(document, sources, winner.spans, winner.annotator),
                            detail=f"ground truth of {winner.annotator}")

    if min_alpha is not None:
        measured = document_agreement(document, sources)
        low = [f"{layer} alpha {alpha:.3f} < {min_alpha}" for layer in LAYERS
               if (alpha := measured.metrics[layer_row_name(layer)].alpha) is not None and alpha < min_alpha]
        if low:
            return review(LOW_AGREEMENT, "; ".join(low))

    merge = merge_by_majority(document.text, sources)
    if merge.conflicts:
        reasons = [c.reason for c in merge.conflicts]
        reason = INVALID_MERGE if INVALID_MERGE in reasons else TIE if TIE in reasons else UNLABELLED
        return review(reason, _describe_conflicts(document.text, merge.conflicts))
    return Adjudication(doc_id, MAJORITY, sources, _adjudicated(document, sources, merge.spans, MAJORITY_ADJUDICATOR),
                        detail=f"majority of {len(sources)} annotators")


def review_task(document: Document, adjudication: Adjudication) -> dict:
    """The Label Studio task of a document sent to review: each annotator's version as a prediction
    named after the annotator, and why it needs review in ``data.review_reason``."""
    versions = [replace(a, model_version=a.annotator) for a in adjudication.sources]
    built = task(document, predictions=versions)
    built["data"]["review_reason"] = f"{adjudication.reason}: {adjudication.detail}"
    return built
