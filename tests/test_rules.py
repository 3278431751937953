"""Property tests of the span rules of one document (``schemas.rules.span_faults``)."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from schemas.labels import LABEL_NAMES, QUOTE_CONTAINER_LABEL, ZONE_LABELS
from schemas.records import Document, Span, is_whitespace, span_order
from schemas.rules import Rule, complete_spans_hold, span_faults
from strategies import TOKEN_RE, annotations, quotes_in, texts, zone_partitions

RULES = settings(max_examples=150, deadline=None)


def rules_of(faults) -> set[str]:
    return {fault.rule for fault in faults}


@RULES
@given(st.data())
def test_partitions_with_quotes_are_valid(data):
    text = data.draw(texts())
    zones = data.draw(zone_partitions(text))
    quotes = data.draw(quotes_in(text, zones))
    assert span_faults(text, [*zones, *quotes]) == []
    assert span_faults(text, [*quotes, *reversed(zones)]) == [], "the order of the spans does not matter"


@RULES
@given(texts())
def test_texts_exercise_code_points_and_whitespace(text):
    tokens = [match.span() for match in TOKEN_RE.finditer(text)]
    assert tokens, "texts() always has non-whitespace"
    assert all(not is_whitespace(text[start]) and not is_whitespace(text[end - 1]) for start, end in tokens)
    assert text.encode("utf-8").decode("utf-8") == text, "no lone surrogates: Arrow stores UTF-8"


@RULES
@given(st.data())
def test_spans_keep_code_point_offsets_through_astral_and_combining_characters(data):
    text = data.draw(texts())
    for span in data.draw(zone_partitions(text)):
        assert span.text == text[span.start:span.end]
        assert len(span.text) == span.end - span.start


@RULES
@given(st.data())
def test_span_on_makes_the_span_the_constructor_makes_and_refuses_what_it_refuses(data):
    """``Span.on`` skips the constructor's checks when it has made them itself: same spans, same errors."""
    text = data.draw(texts())
    start = data.draw(st.one_of(st.integers(-2, len(text) + 2), st.booleans()))
    end = data.draw(st.one_of(st.integers(-2, len(text) + 2), st.booleans()))
    label = data.draw(st.sampled_from([*LABEL_NAMES, "advert"]))
    score = data.draw(st.one_of(st.none(), st.floats(-0.5, 1.5), st.just(float("nan")), st.integers(0, 1),
                                st.booleans()))

    def outcome(make):
        try:
            span = make()
        except ValueError as error:
            return "error", str(error)
        return "span", (span.start, span.end, span.label, span.text, span.score)

    def constructed():
        if isinstance(start, int) and isinstance(end, int) and not 0 <= start < end <= len(text):
            raise ValueError(f"span [{start}, {end}) is outside the text of {len(text)} characters")
        return Span(start=start, end=end, label=label, text=text[start:end], score=score)

    made = outcome(lambda: Span.on(text, start, end, label, score))
    assert made == outcome(constructed)
    if made[0] == "span":
        assert Span.on(text, start, end, label, score) == Span(*made[1])


@RULES
@given(st.data())
def test_unannotated_gaps_only_matter_for_complete_annotations(data):
    text = data.draw(texts())
    zones = data.draw(zone_partitions(text))
    dropped = data.draw(st.integers(0, len(zones) - 1))
    kept = zones[:dropped] + zones[dropped + 1:]
    quotes = data.draw(quotes_in(text, kept))
    faults = span_faults(text, [*kept, *quotes])
    assert rules_of(faults) == {Rule.ZONE_COVERAGE}
    gap = zones[dropped]
    assert any(fault.start == gap.start and fault.end >= gap.end and fault.index is None for fault in faults)
    assert span_faults(text, [*kept, *quotes], complete=False) == []


@RULES
@given(st.data())
def test_overlapping_zones_are_named(data):
    text = data.draw(texts())
    zones = data.draw(zone_partitions(text))
    assume(len(zones) >= 2)
    index = data.draw(st.integers(0, len(zones) - 2))
    first, second = zones[index], zones[index + 1]
    longer = Span.on(text, first.start, second.start + 1, first.label)
    spans = [*zones[:index], longer, *zones[index + 1:]]
    faults = span_faults(text, spans)
    assert rules_of(faults) == {Rule.ZONE_NO_OVERLAP}
    assert [fault.index for fault in faults] == [index + 1]


@RULES
@given(st.data())
def test_untrimmed_zones_are_named(data):
    text = data.draw(texts())
    zones = data.draw(zone_partitions(text))
    choices = [(number, zone) for number, zone in enumerate(zones)
               if zone.end < len(text) and is_whitespace(text[zone.end])]
    assume(choices)
    number, zone = data.draw(st.sampled_from(choices))
    zones[number] = Span.on(text, zone.start, zone.end + 1, zone.label)
    faults = span_faults(text, zones)
    assert [(fault.rule, fault.index) for fault in faults] == [(Rule.ZONE_TRIMMED, number)]


@RULES
@given(st.data())
def test_quotes_outside_an_article_are_named(data):
    document = Document.from_text(data.draw(texts()))
    annotation = data.draw(annotations(document))
    zones = [span for span in annotation.spans if span.layer == "zone"]
    others = [zone for zone in zones if zone.label != QUOTE_CONTAINER_LABEL]
    assume(others)
    target = data.draw(st.sampled_from(others))
    stray = Span.on(document.text, target.start, target.end, "quote")
    spans = [*annotation.spans, stray]
    faults = span_faults(document.text, spans)
    assert [(fault.rule, fault.index) for fault in faults] == [(Rule.QUOTE_INSIDE_ARTICLE, len(spans) - 1)]


@RULES
@given(st.data())
def test_overlapping_quotes_are_named(data):
    text = data.draw(texts())
    zones = [Span.on(text, zone.start, zone.end, QUOTE_CONTAINER_LABEL) for zone in data.draw(zone_partitions(text))]
    article = data.draw(st.sampled_from(zones))
    assume(article.end - article.start >= 2)
    middle = data.draw(st.integers(article.start + 1, article.end - 1))
    quotes = [Span.on(text, article.start, middle + 1, "quote"),
              Span.on(text, middle, article.end, "quote")]
    faults = span_faults(text, [*zones, *quotes])
    assert rules_of(faults) == {Rule.QUOTE_NO_OVERLAP}


class Row:
    """A span read from a table: any values, valid or not."""

    def __init__(self, start, end, label, text):
        self.start, self.end, self.label, self.text = start, end, label, text


@RULES
@given(st.data())
def test_bad_rows_are_named_and_the_rest_still_checked(data):
    text = data.draw(texts())
    zones = data.draw(zone_partitions(text))
    rows = [Row(zone.start, zone.end, zone.label, zone.text) for zone in zones]
    kind = data.draw(st.sampled_from(["label", "range", "text"]))
    victim = data.draw(st.integers(0, len(rows) - 1))
    row = rows[victim]
    if kind == "label":
        row.label = "byline"
        expected = Rule.KNOWN_LABEL
    elif kind == "range":
        row.end = len(text) + data.draw(st.integers(1, 3))
        expected = Rule.OFFSETS_IN_RANGE
    else:
        row.text = "\x00" + row.text[1:]
        expected = Rule.SPAN_TEXT_MATCHES
    faults = span_faults(text, rows)
    assert [fault.index for fault in faults if fault.rule == expected] == [victim]
    # A span without usable offsets or label leaves its stretch of text uncovered; nothing else is reported.
    allowed = {expected} if kind == "text" else {expected, Rule.ZONE_COVERAGE}
    assert rules_of(faults) <= allowed


@RULES
@given(st.data())
def test_any_zone_label_partitions_validly(data):
    text = data.draw(texts())
    zones = [Span.on(text, zone.start, zone.end, data.draw(st.sampled_from(ZONE_LABELS)))
             for zone in data.draw(zone_partitions(text))]
    assert span_faults(text, zones) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 12), st.sampled_from(["article", "teaser", "quote"])),
                min_size=1, max_size=10))
def test_quote_inside_article_is_containment_in_any_article_zone(raw):
    """The rule as defined -- some article zone holds the quote -- however the zones overlap or nest."""
    text = "x" * 50
    spans = [Span.on(text, start, min(start + length, 50), label) for start, length, label in raw]
    faulted = {fault.index for fault in span_faults(text, spans, complete=False)
               if fault.rule == Rule.QUOTE_INSIDE_ARTICLE}
    expected = {index for index, span in enumerate(spans) if span.label == "quote" and not any(
        zone.label == "article" and zone.start <= span.start and span.end <= zone.end for zone in spans)}
    assert faulted == expected


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_complete_spans_hold_exactly_when_span_faults_finds_nothing(data):
    """The import's quick check says yes for every valid annotation and no whenever a rule is broken: spans
    of a valid annotation, then moved, stretched, relabelled, dropped or added, each keeping its text."""
    text = data.draw(texts())
    zones = data.draw(zone_partitions(text))
    spans = [(span.start, span.end, span.label) for span in [*zones, *data.draw(quotes_in(text, zones))]]
    for _ in range(data.draw(st.integers(0, 3))):
        change = data.draw(st.sampled_from(["move", "relabel", "drop", "add"]))
        if change == "add" or not spans:
            # Near another span's start or end, where the rules are decided.
            near = data.draw(st.sampled_from([0, len(text) - 1, *(point for span in spans for point in span[:2])]))
            start = min(max(near + data.draw(st.integers(-2, 2)), 0), len(text) - 1)
            end = min(start + data.draw(st.integers(1, 8)), len(text))
            spans.append((start, end, data.draw(st.sampled_from(LABEL_NAMES))))
            continue
        number = data.draw(st.integers(0, len(spans) - 1))
        start, end, label = spans[number]
        if change == "drop":
            del spans[number]
        elif change == "relabel":
            spans[number] = (start, end, data.draw(st.sampled_from(LABEL_NAMES)))
        else:
            start = min(max(start + data.draw(st.integers(-2, 2)), 0), end - 1)
            spans[number] = (start, min(max(end + data.draw(st.integers(-2, 2)), start + 1), len(text)), label)
    spans = [Span.on(text, start, end, label) for start, end, label in spans]
    assert complete_spans_hold(text, sorted(spans, key=span_order)) == (span_faults(text, spans) == [])


def test_complete_spans_hold_refuses_overlapping_quotes():
    text = "He said 'yes' and 'no'."
    spans = [Span.on(text, 0, len(text), QUOTE_CONTAINER_LABEL), Span.on(text, 8, 13, "quote"),
             Span.on(text, 12, 22, "quote")]
    assert rules_of(span_faults(text, spans)) == {Rule.QUOTE_NO_OVERLAP}
    assert not complete_spans_hold(text, spans)
    assert complete_spans_hold(text, spans[:2])
