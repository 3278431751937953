"""Assemble spans from block labels and quotes; the public ``Preannotator`` and pipeline stage."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import repeat
from operator import add, attrgetter
from typing import TYPE_CHECKING

from annotation.preannotate.blocks import Block, group_starts, split_blocks
from annotation.preannotate.features import features_of, gate_view
from annotation.preannotate.learned import (
    DOM_FEATURE_NAMES, REACH, LogisticModel, feature_matrix, load_models, model_path)
from annotation.preannotate.quotes import find_quotes
from annotation.preannotate.stats import BlockStats, site_of
from annotation.preannotate.timestamps import patterns as timestamp_patterns
from annotation.preannotate.zones import (
    ARTICLE, BOILERPLATE, TEASER, BlockEvidence, BlockLabel, RulePass, boxed_stories_as_teasers, candidate_runs,
    classify_blocks, rule_pass, run_value, tool_tails)
from schemas.records import Annotation, Document, Span, span_order

if TYPE_CHECKING:
    from corpus.html import HtmlPage

# Bump on any change that can change output: it is recorded on every machine annotation.
MODEL_VERSION = "zones-23"
QUOTE_SCORE = 0.8
# A page whose prose is mostly shared with other pages of its site is a near-duplicate, not a template.
MAX_TEMPLATE_PROSE_SHARE = 0.5


class Preannotator:
    """Machine pre-annotation of one document at a time.

    ``stats`` (optional) is a corpus-level ``BlockStats``: blocks repeated across pages of the same site
    are then taken as template. ``models`` maps a path name ("text", "html") to its learned block model;
    by default the committed ones (``zones-model.json``); a path without a model uses the rules alone.
    """

    model_version = MODEL_VERSION

    def __init__(self, stats: BlockStats | None = None, models: dict[str, LogisticModel] | None = None) -> None:
        self.stats = stats
        self.models = load_models() if models is None else models
        # built here, like the model, rather than by the first page's first date line
        timestamp_patterns()

    def annotate(self, document: Document, html: HtmlPage | None = None) -> Annotation:
        blocks, evidence, title, rules, path = self._prepare(document, html)
        model = self.models.get(path)
        logits = None
        if model is not None and rules.run[1] > rules.run[0]:
            # the model only judges blocks of the run (zones.VETO_LOGIT): score those alone, for each
            # candidate run, and keep the run that holds the most story by the model
            best_value = -math.inf
            for candidate, matrix in self._candidate_matrices(blocks, evidence, rules, path == "html", title):
                start, end = candidate.run[:2]
                # as Python floats (the same values): the rules read them one by one, and a numpy array makes an
                # object for each value read
                run_logits = model.logits(matrix).tolist()
                value = run_value([f.n_words for f in rules.features[start:end]], run_logits)
                if value > best_value:
                    best_value, chosen = value, candidate
                    logits = [math.inf] * len(blocks)
                    logits[start:end] = run_logits
            rules = chosen
        live = front = False
        if html is not None:
            from annotation.preannotate.html import (card_items, declared_kinds, list_headlines, marked_boilerplate,
                                                     unlinked_items)

            live, front = declared_kinds(html.tree)
        # the text path: the HTML ingest parts every block by a blank line, so only a plain text shows its groups
        groups = group_starts(document.text, blocks) if html is None else frozenset()
        labels = classify_blocks(blocks, evidence, title=title, logits=logits, rules=rules, live=live, front=front,
                                 groups=groups)
        if html is not None:
            labels = list_headlines(html, blocks, evidence, card_items(html, blocks, evidence, labels))
            labels = marked_boilerplate(html, blocks, unlinked_items(html, blocks, labels))
            boxed_stories_as_teasers(rules.features, labels, *rules.run[:2])
        zones = zone_spans(document.text, blocks, labels, tool_tails(blocks, rules.features, labels))
        quotes = [Span.on(document.text, start, end, "quote", QUOTE_SCORE)
                  for start, end in find_quotes(document.text, article_runs(blocks, labels))]
        return Annotation(
            annotation_id=f"{MODEL_VERSION}:{document.doc_id}",
            doc_id=document.doc_id,
            text_sha256=document.text_sha256,
            origin="machine",
            model_version=MODEL_VERSION,
            source=document.sources[0] if document.sources else None,
            spans=in_span_order(zones, quotes),
        )

    def block_matrix(self, document: Document, html: HtmlPage | None = None):
        """For training: the model path that judges the document (``model_path``), its blocks, the rows the
        learned model judges (the rule-based best run) and its input matrix for them."""
        blocks, evidence, title, rules, path = self._prepare(document, html)
        rows = range(*rules.run[:2])
        return path, blocks, rows, self._matrix(blocks, evidence, rules, path == "html", title, rows)

    def _prepare(self, document: Document, html: HtmlPage | None):
        """What annotating and training both start from: the blocks, their DOM evidence, the title, the rules'
        pass and the model path that judges the page (``model_path``)."""
        blocks = document_blocks(document, html)
        evidence = self._evidence(document, blocks, html)
        title = document.title or (html.title if html else None)
        rules = rule_pass(blocks, evidence)
        path = model_path(rules.features, None if html is None else [e.dom for e in evidence])
        return blocks, evidence, title, rules, path

    @classmethod
    def _candidate_matrices(cls, blocks, evidence, rules: RulePass, is_html: bool, title: str | None):
        """Each candidate run (``zones.candidate_runs``) as its own rule pass, with the model input of its
        blocks (the features read the run's position, so each candidate has its own matrix)."""
        for run in candidate_runs(rules.scores):
            if run[1] <= run[0]:
                continue
            candidate = replace(rules, run=run)
            yield candidate, cls._matrix(blocks, evidence, candidate, is_html, title, range(*run[:2]))

    @staticmethod
    def _matrix(blocks, evidence, rules, is_html: bool, title: str | None, rows: range | None = None):
        reach = None if rows is None else range(max(0, rows.start - REACH), min(len(blocks), rows.stop + REACH))
        dom = None
        if is_html:
            empty = (0.0,) * len(DOM_FEATURE_NAMES)
            dom = [e.dom or empty for e in evidence]
        return feature_matrix("html" if is_html else "text", blocks, rules.features,
                              rules.flags(blocks, evidence, reach), dom, title, rows)

    def _evidence(self, document: Document, blocks: list[Block], html: HtmlPage | None) -> list[BlockEvidence]:
        template = self._template_flags(document, blocks)
        if html is not None:
            from annotation.preannotate.html import dom_evidence

            return dom_evidence(html, document.text, blocks, template)
        return [BlockEvidence(template=flag) for flag in template]

    def _template_flags(self, document: Document, blocks: list[Block]) -> list[bool]:
        if self.stats is None:
            return [False] * len(blocks)
        site = site_of(document)
        flags = [self.stats.is_template(site, block.text) for block in blocks]
        prose = [f.n_words if (f := features_of(block.text)).text_like else 0 for block in blocks]
        shared = sum(words for words, flag in zip(prose, flags, strict=True) if flag)
        if sum(prose) and shared / sum(prose) > MAX_TEMPLATE_PROSE_SHARE:
            return [False] * len(blocks)
        return flags


def document_blocks(document: Document, html: HtmlPage | None = None) -> list[Block]:
    """``split_blocks(document.text)``. For the text an HTML page rendered, the page's own blocks: its text is
    their trimmed texts (no line end inside) joined by blank lines, so they are the same blocks, made without
    scanning the text again."""
    if html is not None and html.text == document.text:
        # (index, start, end, text) made as tuples of Block's type, without its __new__ (a Python function: a
        # frame per block), all in C: no Python step per block
        texts = list(map(_TEXT, html.blocks))
        ends = map(add, html.block_starts, map(len, texts))
        return list(map(_new_tuple, repeat(Block), zip(range(len(texts)), html.block_starts, ends, texts, strict=True)))
    return split_blocks(document.text)


_new_tuple = tuple.__new__


def zone_spans(text: str, blocks: list[Block], labels: list[BlockLabel],
               tails: dict[int, int] | None = None) -> list[Span]:
    """One span per line for article and boilerplate, one per promoted item for teasers (the
    segmentation of annotation/guidelines.md, section 5); a line in ``tails`` (block index: where in its text the
    site's part starts, ``zones.tool_tails``) is split there into its article and boilerplate spans."""
    spans: list[Span] = []
    index = 0
    while index < len(blocks):
        label = labels[index]
        if tails and index in tails:
            block, offset = blocks[index], tails[index]
            head_end = block.start + len(block.text[:offset].rstrip())
            spans.append(Span.on(text, block.start, head_end, ARTICLE, label.score))
            spans.append(Span.on(text, block.start + offset, block.end, BOILERPLATE, label.score))
            index += 1
            continue
        last = index
        if label.label == TEASER:
            while last + 1 < len(blocks) and labels[last + 1].label == TEASER and labels[last + 1].item == label.item:
                last += 1
        score = label.score if last == index else min(labels[i].score for i in range(index, last + 1))
        spans.append(Span.on(text, blocks[index].start, blocks[last].end, label.label, score))
        index = last + 1
    return spans


def in_span_order(zones: list[Span], quotes: list[Span]) -> tuple[Span, ...]:
    """``tuple(sorted(zones + quotes, key=span_order))`` for zone spans in the order of their starts, none starting
    where another does (``zone_spans``'s): only the few quotes are sorted, each then put after the zone spans that
    start where it does or before (a zone before a quote that starts with it)."""
    if not quotes:
        return tuple(zones)
    merged: list[Span] = []
    taken = 0
    for quote in sorted(quotes, key=span_order):
        stop = bisect_right(zones, quote.start, lo=taken, key=_START)
        merged += zones[taken:stop]
        merged.append(quote)
        taken = stop
    merged += zones[taken:]
    return tuple(merged)


_START = attrgetter("start")
_TEXT = attrgetter("text")


def article_runs(blocks: list[Block], labels: list[BlockLabel]) -> list[tuple[int, int]]:
    """``[start, end)`` of each run of consecutive article lines: where a quotation may continue."""
    runs: list[tuple[int, int]] = []
    for block, label in zip(blocks, labels, strict=True):
        if label.label != ARTICLE:
            continue
        if runs and labels[block.index - 1].label == ARTICLE and block.index > 0:
            runs[-1] = (runs[-1][0], block.end)
        else:
            runs.append((block.start, block.end))
    return runs


def clear_caches() -> None:
    """Empty the per-text memo caches (block features, block keys, regex reads, class-name marks): for timing runs
    that must start cold."""
    from annotation.preannotate import html, learned, stats, zones

    features_of.cache_clear()
    gate_view.cache_clear()
    stats.block_key.cache_clear()
    learned.text_columns.cache_clear()
    zones.line_marks.cache_clear()
    zones.is_caption_credit.cache_clear()
    html.clear_caches()


def preannotate_stage(
    documents: Iterable[Document],
    stats: BlockStats | None = None,
    pages: dict[str, HtmlPage] | None = None,
) -> Iterator[Annotation]:
    """Pipeline stage: documents in, machine annotations out. ``pages`` maps doc ids to parsed HTML."""
    annotator = Preannotator(stats)
    for document in documents:
        yield annotator.annotate(document, (pages or {}).get(document.doc_id))
