"""The span rules of one document, in one place.

Used by table validation, the annotation store, the Label Studio import and the pre-annotator's tests.
Each failure names its rule, so callers can group and count them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from schemas.labels import LABEL_NAMES, LAYER_OF_LABEL, QUOTE_CONTAINER_LABEL
from schemas.records import NON_WHITESPACE_RE, WHITESPACE_CLASS, WHITESPACE_RE


class Rule:
    """Rule names as they appear in validation reports."""

    SCHEMA = "schema"
    UNIQUE_DOC_ID = "unique_doc_id"
    UNIQUE_SPAN_ID = "unique_span_id"
    ORPHAN_SPAN = "orphan_span"
    OFFSETS_IN_RANGE = "offsets_in_range"
    SPAN_TEXT_MATCHES = "span_text_matches"
    KNOWN_LABEL = "known_label"
    LABEL_LAYER = "label_layer"
    ZONE_NO_OVERLAP = "zone_no_overlap"
    ZONE_TRIMMED = "zone_trimmed"
    ZONE_COVERAGE = "zone_coverage"
    QUOTE_INSIDE_ARTICLE = "quote_inside_article"
    QUOTE_NO_OVERLAP = "quote_no_overlap"
    DOC_ID_MATCHES_TEXT = "doc_id_matches_text"
    SPLIT_MATCHES_DOC_ID = "split_matches_doc_id"
    TEXT_HASH_MATCHES = "text_sha256_matches"
    N_CHARS_MATCHES = "n_chars_matches"
    NESTED_SPANS_MATCH = "nested_spans_match"
    STATUS_CONSISTENT = "status_consistent"


class SpanLike(Protocol):
    """A ``Span`` or any row with the same fields, e.g. one read from a table that may hold bad values."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class SpanFault:
    """One broken rule in one document's spans; ``index`` is the span's position in the input."""

    rule: str
    message: str
    index: int | None = None
    start: int | None = None
    end: int | None = None


def _describe(span: SpanLike) -> str:
    return f"{span.label} [{span.start}, {span.end})"


def span_faults(text: str, spans: Sequence[SpanLike], *, complete: bool = True) -> list[SpanFault]:
    """Every rule the spans of one document break; empty when they are valid.

    ``complete`` asks, in addition, that the zone spans cover every non-whitespace character.
    Rules that need valid offsets are only applied to spans whose offsets are in range.
    """
    faults: list[SpanFault] = []
    # The in-range spans of each layer as (start, end, index, span): sorted as tuples, they are in (start, end)
    # order with ties in input order, without a key function called per span.
    zones: list[tuple[int, int, int, SpanLike]] = []
    quotes: list[tuple[int, int, int, SpanLike]] = []
    layers = {"zone": zones, "quote": quotes}
    for index, span in enumerate(spans):
        if span.label not in LABEL_NAMES:
            faults.append(SpanFault(Rule.KNOWN_LABEL, f"unknown label {span.label!r}; valid labels: "
                                    f"{', '.join(LABEL_NAMES)}", index, span.start, span.end))
            continue
        start, end = span.start, span.end
        if not 0 <= start < end <= len(text):
            faults.append(SpanFault(Rule.OFFSETS_IN_RANGE, f"{_describe(span)} is outside the text of "
                                    f"{len(text)} characters", index, start, end))
            continue
        # Compared in place: a slice of the text is copied only to word a fault.
        stored = span.text
        if not (isinstance(stored, str) and len(stored) == end - start and text.startswith(stored, start)):
            actual = text[start:end]
            faults.append(SpanFault(Rule.SPAN_TEXT_MATCHES, f"{_describe(span)} stores text "
                                    f"{stored[:40]!r} but the document has {actual[:40]!r} there",
                                    index, start, end))
        layer = layers.get(LAYER_OF_LABEL[span.label])
        if layer is not None:
            layer.append((start, end, index, span))
    zones.sort()
    quotes.sort()

    for start, end, index, span in zones:
        # WHITESPACE_RE matches one character: at a position, it tells whether that one is whitespace.
        if WHITESPACE_RE.match(text, start) or WHITESPACE_RE.match(text, end - 1):
            faults.append(SpanFault(Rule.ZONE_TRIMMED, f"{_describe(span)} starts or ends on whitespace",
                                    index, start, end))
    faults.extend(_overlaps(zones, Rule.ZONE_NO_OVERLAP, "zone"))
    faults.extend(_overlaps(quotes, Rule.QUOTE_NO_OVERLAP, "quote"))

    # A container zone holds the quote iff one starting at or before the quote ends at or after it: with
    # the containers in start order, the furthest end among those starting at or before each start.
    containers = [zone for _, _, _, zone in zones if zone.label == QUOTE_CONTAINER_LABEL]
    container_starts = [zone.start for zone in containers]
    furthest_ends = list(itertools.accumulate((zone.end for zone in containers), max))
    for start, end, index, span in quotes:
        before = bisect.bisect_right(container_starts, start)
        if before == 0 or furthest_ends[before - 1] < end:
            faults.append(SpanFault(Rule.QUOTE_INSIDE_ARTICLE, f"{_describe(span)} does not lie inside one "
                                    f"{QUOTE_CONTAINER_LABEL} span", index, start, end))

    if complete:
        faults.extend(_coverage_gaps(text, [span for _, _, _, span in zones]))
    return faults


# For ``complete_spans_hold``: the text before the first zone (whitespace, then the zone's first character),
# between two zones (the first's last character, whitespace, the second's first) and after the last zone.
_LEADING_GAP_RE = re.compile(f"[{WHITESPACE_CLASS}]*[^{WHITESPACE_CLASS}]")
_GAP_RE = re.compile(f"[^{WHITESPACE_CLASS}][{WHITESPACE_CLASS}]*[^{WHITESPACE_CLASS}]")
_TRAILING_GAP_RE = re.compile(f"[^{WHITESPACE_CLASS}][{WHITESPACE_CLASS}]*")


def complete_spans_hold(text: str, ordered: Iterable[SpanLike]) -> bool:
    """True only if ``span_faults(text, ordered, complete=True)`` is empty, for spans that each have a known
    label, offsets in range and their text (as the Label Studio import's regions are checked to have),
    listed in the store's order (``schemas.records.span_order``).

    A quick yes for valid spans, in one pass of a few operations per span (an import judges over a million):
    False means only "not shown here", and ``span_faults`` names the faults. With the spans in that order,
    each layer's spans come in (start, end) order, and a quote comes after every zone starting at or before
    it; as the zones do not overlap, the only one that can hold a quote is the last one before it.
    """
    zone_end = quote_end = -1  # the end of the last zone and quote so far
    zone_label = None
    for span in ordered:
        start, end = span.start, span.end
        layer = LAYER_OF_LABEL.get(span.label)
        if layer == "zone":
            # Trimmed, no overlap and complete: no non-whitespace character between two zones or before the
            # first, and each zone's first and last characters are not whitespace (the last one's: below).
            if zone_end < 0:
                if _LEADING_GAP_RE.fullmatch(text, 0, start + 1) is None:
                    return False
            elif start < zone_end or _GAP_RE.fullmatch(text, zone_end - 1, start + 1) is None:
                return False
            zone_end, zone_label = end, span.label
        elif layer == "quote":
            if start < quote_end or zone_label != QUOTE_CONTAINER_LABEL or end > zone_end:
                return False
            quote_end = end
        else:
            return False
    return zone_end > 0 and _TRAILING_GAP_RE.fullmatch(text, zone_end - 1) is not None


def _overlaps(items: list[tuple[int, int, int, SpanLike]], rule: str, layer: str) -> Iterable[SpanFault]:
    furthest: SpanLike | None = None
    for _, _, index, span in items:
        if furthest is not None and span.start < furthest.end:
            yield SpanFault(rule, f"{layer} span {_describe(span)} overlaps {_describe(furthest)}",
                            index, span.start, span.end)
        if furthest is None or span.end > furthest.end:
            furthest = span


def _coverage_gaps(text: str, zones: list[SpanLike]) -> Iterable[SpanFault]:
    position = 0
    for span in [*zones, None]:
        gap_end = len(text) if span is None else span.start
        if gap_end > position:
            match = NON_WHITESPACE_RE.search(text, position, gap_end)
            if match is not None:
                yield SpanFault(Rule.ZONE_COVERAGE, f"non-whitespace text {text[match.start():gap_end][:40]!r} "
                                f"at [{match.start()}, {gap_end}) is not covered by any zone span",
                                None, match.start(), gap_end)
        if span is not None:
            position = max(position, span.end)
