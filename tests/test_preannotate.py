"""The machine pre-annotator: valid complete output, a pinned quality floor, the pipeline stage, the CLI.

The quality floor is measured on material the project ships: the seed page against its committed human
annotation, and synthetic pages built here with known answers (a story with a teaser list, a section
front, comments, an HTML page with navigation and a related-links rail). The development evaluation set
under ../shared/eval is measured by scripts/evaluate, never here.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation.preannotate import MODEL_VERSION, BlockStats, Preannotator, preannotate_stage
from annotation.preannotate.features import (
    ADDRESS_RE, BIO_RE, CAPTION_RE, CJK_BYLINE_RE, CONTACT_RE, SCREEN, FOLD_SPLITS_RUNS, FOREIGN_TIMESTAMP_INITIALS, FOREIGN_TIMESTAMP_RE,
    FURNITURE_RE, PROMO_RE, SENTENCE_END_RE, SENTENCE_SPLIT_RE, UNSPACED_FURNITURE_RE, UNSPACED_LETTERS,
    TIMESTAMP_RE, UNNUMBERED_TIMESTAMP_MAX_WORDS, _STRICT_END_RE, _TRUNCATED_RE, LiteralGate, address_count,
    features_of, gate_view, initials, literal_pattern, normalised)
from annotation.preannotate.zones import (
    KICKER_MAX_WORDS, PLATFORM_PROMPT_MAX_WORDS, _AD_RE, _BADGE_RE, _CAPTION_END_RE, _CAPTION_START_RE,
    _CLOSING_CREDIT_RE, _COMMENTER_RE, _COMMENTS_RE, _FOREIGN_CREDIT_RE, _INLINE_TEASER_INITIALS, _INLINE_TEASER_RE,
    _NEXT_STORY_RE, _PAYWALL_BADGE_RE, _PAYWALL_GATE, _PHOTO_CREDIT_INITIALS, _PHOTO_CREDIT_RE, _PLATFORM_END_RE,
    _RANK_RE, _RIGHTS_RESERVED_RE, _SITE_NOTICE_RE, _TAGS_INITIALS, _TAGS_RE, _may_end_in_credit, _photo_credit,
    _cued_headline, _labelled_list, _platform_prompt, _rank, _standfirst_over_byline, is_caption_credit, is_notice, line_marks)
from annotation.store import read_annotations
from corpus.cli import main as corpus_main
from corpus.html import parse_html
from schemas.records import NON_WHITESPACE_RE, Annotation, Document
from schemas.rules import span_faults
from strategies import texts

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_a3d3bdd04bcaf00f.txt"

NAV = ["Home", "World", "Politics", "Business", "Sport", "Subscribe"]
STORY = [
    "Council Approves New Bridge After Decade of Delays",
    "By Jane Doe",
    "March 3, 2024",
    "The city council voted on Tuesday to approve the construction of a new bridge across the river, "
    "ending a dispute that has lasted for more than ten years.",
    "“We have waited long enough for this,” said the mayor, who has campaigned for the project since "
    "she took office. “The old crossing is simply not safe any more.”",
    "Opponents argued that the cost of the project would burden taxpayers for decades, and several "
    "residents spoke against it during a public hearing that lasted late into the night.",
    "The construction is expected to begin next spring and to take about three years to complete, "
    "according to the city's transport department.",
]
TEASERS = [
    ["Storm Knocks Out Power To Thousands Across The Region",
     "Crews worked through the night to restore electricity to homes and businesses after the…",
     "2 hours ago"],
    ["School Board Delays Vote On New Curriculum",
     "The board said it needed more time to review the proposals submitted by parents and…",
     "5 hours ago"],
    ["Local Team Wins Championship In Overtime Thriller",
     "Fans poured into the streets to celebrate the first title in twenty years for the club…",
     "9 hours ago"],
]
FOOTER = ["Follow us on:", "Facebook", "© 2024 Example News. All rights reserved."]


def page_text(blocks: list[str], separator: str = "\n\n") -> str:
    return separator.join(blocks) + "\n"


def labels_by_line(document: Document, annotation: Annotation) -> dict[str, str]:
    """The zone label of each line of the document, by its text."""
    found = {}
    for span in annotation.spans:
        if span.layer == "zone":
            for line in span.text.splitlines():
                if line.strip():
                    found[line.strip()] = span.label
    return found


def story_page() -> tuple[str, dict[str, str]]:
    blocks = [*NAV, *STORY, "Recent Posts", *(line for item in TEASERS for line in item), *FOOTER]
    expected = {**{line: "boilerplate" for line in NAV + FOOTER + ["Recent Posts"]},
                **{line: "article" for line in STORY},
                **{line: "teaser" for item in TEASERS for line in item}}
    return page_text(blocks), expected


def assert_valid(document: Document, annotation: Annotation) -> None:
    assert span_faults(document.text, annotation.spans, complete=True) == []
    assert annotation.origin == "machine"
    assert annotation.model_version == MODEL_VERSION
    assert annotation.annotation_id == f"{MODEL_VERSION}:{document.doc_id}"
    assert annotation.doc_id == document.doc_id and annotation.text_sha256 == document.text_sha256
    assert all(span.score is not None and 0.0 <= span.score <= 1.0 for span in annotation.spans)


def html_labels(html: bytes, name: str, annotator: Preannotator) -> dict[str, str]:
    """Annotate an HTML page through the HTML path, check the output is valid, and give its line labels."""
    page = parse_html(html, name)
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = annotator.annotate(document, html=page)
    assert_valid(document, annotation)
    return labels_by_line(document, annotation)


@pytest.mark.parametrize("separator", ["\n\n", "\n", "\r\n", "\r\n\r\n"])
def test_story_page_lines_get_their_labels(separator: str) -> None:
    text, expected = story_page()
    text = text.replace("\n\n", separator)
    document = Document.from_text(text)
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert labels_by_line(document, annotation) == expected


def test_each_teaser_item_is_one_span_and_quotes_are_exact() -> None:
    text, _ = story_page()
    annotation = Preannotator().annotate(Document.from_text(text))
    teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    assert teasers == ["\n\n".join(item) for item in TEASERS]
    quotes = [span.text for span in annotation.spans if span.label == "quote"]
    assert quotes == ["“We have waited long enough for this,”", "“The old crossing is simply not safe any more.”"]


def test_section_front_has_no_article() -> None:
    items = [[f"Headline Number {n} About Something That Happened In Town", f"A summary of story {n} that "
              "tells readers what happened and why it matters to them today.", f"{n} hours ago"] for n in range(1, 9)]
    text = page_text([*NAV, "Latest News", *(line for item in items for line in item), *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    counts = Counter(span.label for span in annotation.spans)
    assert counts["article"] == 0
    assert counts["teaser"] == len(items)


def test_comments_after_the_story_are_not_article() -> None:
    comments = ["12 Comments"] + [line for n in range(5) for line in (
        f"reader{n} says:", f"November {n + 1}, 2024 at 6:3{n} am",
        "I think this is a terrible decision and the council should be ashamed of wasting our money on it.")]
    text = page_text([*NAV, *STORY, *comments, *FOOTER])
    annotation = Preannotator().annotate(Document.from_text(text))
    labels = labels_by_line(Document.from_text(text), annotation)
    assert all(labels[line] == "article" for line in STORY)
    assert all(labels[line] != "article" for line in comments)


def test_template_blocks_repeated_across_a_site_are_boilerplate() -> None:
    promo = "Example News has reported from every district of the city, every day of the week, since 1921."
    pages = [Document.from_text(page_text([*NAV, *STORY[:3], promo, body, *FOOTER]), url=f"https://news.example/{n}")
             for n, body in enumerate(STORY[3:])]
    alone = Preannotator().annotate(pages[0])
    assert labels_by_line(pages[0], alone)[promo] == "article"
    stats = BlockStats.from_documents(pages)
    annotations = list(preannotate_stage(pages, stats=stats))
    assert len(annotations) == len(pages)
    for document, annotation in zip(pages, annotations, strict=True):
        assert_valid(document, annotation)
        assert labels_by_line(document, annotation)[promo] == "boilerplate"


def test_html_path_uses_the_dom() -> None:
    related = "".join(f'<li><a href="/r{n}">Another long headline about a different story number {n} '
                      f'that readers might also enjoy today</a></li>' for n in range(4))
    html = (
        "<html><head><title>Council Approves New Bridge</title></head><body>"
        f"<nav><ul>{''.join(f'<li><a href=/{n}>{n}</a></li>' for n in NAV)}</ul></nav>"
        f"<article><h1>{STORY[0]}</h1><p>{STORY[1]}</p>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:])
        + f"</article><aside class='related-stories'><h2>Related</h2><ul>{related}</ul></aside>"
        "<footer><p>This website uses cookies to improve your experience of our journalism and services.</p>"
        "</footer></body></html>"
    ).encode()
    labels = html_labels(html, "test.html", Preannotator())
    assert all(labels[line] == "article" for line in [STORY[0], STORY[1], *STORY[3:]])
    assert all(label != "article" for line, label in labels.items() if "different story" in line or "cookies" in line)
    assert all(labels[n] == "boilerplate" for n in NAV)


def test_html_nested_deeper_than_the_recursion_limit_is_annotated_like_a_shallow_page() -> None:
    """Unclosed tags in tag soup nest elements thousands deep: the DOM evidence must not recurse per level."""
    story = "<article><h1>" + STORY[0] + "</h1>" + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:]) + "</article>"
    nav = f"<nav><ul>{''.join(f'<li><a href=/{n}>{n}</a></li>' for n in NAV)}</ul></nav>"
    depth = 2000  # libxml2 gives up at 2048
    assert depth > sys.getrecursionlimit()
    shallow = f"<html><body>{nav}{story}</body></html>".encode()
    deep = f"<html><body>{nav}{'<div>' * depth}{story}{'</div>' * depth}</body></html>".encode()
    assert html_labels(deep, "deep.html", Preannotator()) == html_labels(shallow, "shallow.html", Preannotator())


@pytest.mark.skipif(not SEED.exists(), reason="the seed page is part of the repository")
def test_seed_quality_floor() -> None:
    text = SEED.read_text(encoding="utf-8")
    document = Document.from_text(text)
    gold = [a for a in read_annotations(ROOT / "seeds" / "annotations")
            if a.doc_id == document.doc_id and a.origin in ("human", "adjudicated")]
    assert gold, "the seed's human annotation is committed in seeds/annotations"
    predicted = Preannotator().annotate(document)
    assert_valid(document, predicted)

    def char_labels(annotation: Annotation) -> list[str | None]:
        labels: list[str | None] = [None] * len(text)
        for span in annotation.spans:
            if span.layer == "zone":
                labels[span.start:span.end] = [span.label] * (span.end - span.start)
        return labels

    want, got = char_labels(gold[0]), char_labels(predicted)
    positions = [m.start() for m in NON_WHITESPACE_RE.finditer(text)]
    accuracy = sum(want[i] == got[i] for i in positions) / len(positions)
    assert accuracy >= 0.98
    gold_quotes = {(s.start, s.end) for s in gold[0].spans if s.label == "quote"}
    assert gold_quotes == {(s.start, s.end) for s in predicted.spans if s.label == "quote"}
    gold_teasers = {(s.start, s.end) for s in gold[0].spans if s.label == "teaser"}
    assert gold_teasers == {(s.start, s.end) for s in predicted.spans if s.label == "teaser"}


@settings(max_examples=200, deadline=None)
@given(texts(max_words=40))
def test_output_is_always_valid_and_complete(text: str) -> None:
    document = Document.from_text(text)
    assert_valid(document, Preannotator().annotate(document))


# Characters that unseen pages hold and the drawn page texts above seldom do: line ends of every convention
# (NEL, the line and paragraph separators), a byte-order mark, direction marks and overrides, combining marks
# with nothing to combine with, control characters, non-characters, quotation marks of every family and words the
# rules read (bylines, dates, credits).
ODD_CHARACTERS = ("\r", "\r\n", "\n", "\u0085", "\u2028", "\u2029", "\ufeff", "\u200e", "\u200f", "\u202e", "\u2066",
                  "\u0301", "\u0308\u0308", "\x00", "\x1c", "\x7f", "\ufffe", "\uffff", "\u00a0", "\u3000", "\u200b",
                  "“", "”", "„", "«", "»", "‹", "‘", "’", "'", '"', "「", "」", "‚", "By ", "Photo: ", "12.12.2012",
                  "2 hours ago", "© 2024", " said.", ": ", " — ")
any_text = st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
                              st.sampled_from(ODD_CHARACTERS)), max_size=60).map("".join)
# a document has a non-whitespace character (Document refuses one without)
any_page_text = any_text.filter(NON_WHITESPACE_RE.search)


@settings(deadline=None)
@given(any_page_text)
def test_any_unicode_text_gets_a_valid_complete_annotation(text: str) -> None:
    """Whatever characters a page holds (all of Unicode but surrogates), the pre-annotator finishes with spans
    that pass the project's validation: zones cover every non-whitespace character, quotes lie inside articles."""
    document = Document.from_text(text)
    assert_valid(document, Preannotator().annotate(document))


_TAGS = ("div", "p", "span", "a", "ul", "ol", "li", "h1", "h2", "h3", "article", "nav", "header", "footer", "aside",
         "section", "main", "table", "tr", "td", "figure", "figcaption", "blockquote", "pre", "b", "em", "time",
         "noscript", "textarea", "button", "form", "label", "template", "svg", "iframe", "q", "dl", "dt", "dd")
_VOID = ("br", "hr", "img", "input", "meta", "wbr")
_ATTRIBUTES = st.sampled_from((
    'class="card"', 'class="teaser item"', 'class="related-links"', 'class="byline author"', 'class="article-body"',
    'class="share social"', 'class="newsletter"', 'class="nav menu"', 'id="main"', 'id="comments"', 'href="/story/1"',
    'href="https://elsewhere.example/x"', 'href="#top"', 'href="javascript:void(0)"', 'itemprop="articleBody"',
    'itemprop="author"', 'role="navigation"', 'role="main"', "hidden", 'style="display:none"', 'aria-hidden="true"',
    'class=""', 'class="a\u00a0b"', 'lang="ar" dir="rtl"', "class='unterminated", 'data-x="<p>"'))
_JSON_LD = st.sampled_from((
    '{"@type": "NewsArticle", "articleBody": "Body text said here. Second sentence."}',
    '{"@type": ["LiveBlogPosting"], "articleBody": ["a", 1, null]}', '[{"@graph": [{"@type": "CollectionPage"}]}]',
    '{"@type": "NewsArticle", "articleBody": ', "[[[[", "", "null", '{"articleBody": "</p><p>"}',
    '{"@type": "NewsArticle", "articleBody": "x\\u0000 \\ud800"}'))
_SCRIPTS = st.sampled_from(("var s = '</div>'; // </", "if (a </b) {}", "document.write('<p>x</p>')", "<!--", "]]>"))
_LEAVES = st.one_of(
    any_text.map(lambda text: text.replace("<", "&lt;").replace("&", "&amp;") if text.startswith("!") else text),
    st.sampled_from(("&nbsp;", "&amp;", "&#0;", "&#xD800;", "&bogus;", "&#1114112;", "<", "&", "</p>", "</div>",
                     "<!-- comment -->", "<!DOCTYPE html>", "<br>", "<![CDATA[x]]>", "<?xml x?>", "\r\n", "\x00")),
    st.tuples(st.sampled_from(_VOID), st.lists(_ATTRIBUTES, max_size=2)).map(
        lambda void: f"<{void[0]} {' '.join(void[1])}>"),
    _JSON_LD.map(lambda data: f'<script type="application/ld+json">{data}</script>'),
    _SCRIPTS.map(lambda code: f"<script>{code}</script>"),
    st.sampled_from(("<style>p { color: red } </p></style>", "<title>A title</title>")),
)


def _element(parts: tuple[str, list[str], list[str], int]) -> str:
    """A tag around its children; ``closing`` 0 closes it, 1 leaves it open (tag soup), 2 closes it twice."""
    tag, attributes, children, closing = parts
    return f"<{tag}{''.join(' ' + a for a in attributes)}>{''.join(children)}{('</' + tag + '>') * (closing != 1)}" \
           f"{'</' + tag + '>' if closing == 2 else ''}"


html_markup = st.recursive(
    _LEAVES,
    lambda children: st.tuples(st.sampled_from(_TAGS), st.lists(_ATTRIBUTES, max_size=3), st.lists(children, max_size=5),
                               st.sampled_from((0, 0, 0, 1, 2))).map(_element),
    max_leaves=40)


@settings(deadline=None)
@given(body=st.lists(html_markup, max_size=6).map("".join), head=st.lists(_LEAVES, max_size=3).map("".join),
       wrapped=st.booleans())
def test_any_html_page_gets_a_valid_complete_annotation(body: str, head: str, wrapped: bool) -> None:
    """Random nesting of common tags with random text and attributes, unclosed and doubly closed tags, stray markup,
    scripts with "</" in their strings, broken JSON-LD: the page renders or is refused with the ingest's error, and
    its annotation through the HTML path (and the text path) is valid and complete."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.core import document_blocks
    from corpus.html import UnparsableError

    markup = f"<html><head>{head}</head><body>{body}</body></html>" if wrapped else head + body
    try:
        page = parse_html(markup.encode("utf-8"), "random.html")
    except UnparsableError:
        return  # the ingest refuses the page with this error, naming it: it never reaches the pre-annotator
    if NON_WHITESPACE_RE.search(page.text) is None:
        return  # no visible text: the ingest refuses the page as empty
    document = Document.from_text(page.text, url=page.url, title=page.title)
    assert document_blocks(document, page) == split_blocks(document.text)
    annotator = Preannotator()
    assert_valid(document, annotator.annotate(document, html=page))
    assert_valid(document, annotator.annotate(document))


# The patterns that split a text by its separators, as they were before each was made to start from the first mark or
# space of a run only and possessive (a search from every position of a long run of them was quadratic).
SPLITTING_PATTERNS_BEFORE = {
    "SENTENCE_SPLIT_RE": (r"[.!?…]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])", ".!?…\"'”’»)] \t\n“‘«([Aa0"),
    "_DATES_SEPARATOR_RE": (r"\s+[|·•]\s+", " \t\n\u00a0|·•a1"),
    "_CRUMB_SEPARATOR_RE": (r"\s+[|›»>/]\s+", " \t\n\u00a0|›»>/a"),
}


@pytest.mark.parametrize("name", SPLITTING_PATTERNS_BEFORE)
@settings(max_examples=1000, deadline=None)
@given(data=st.data())
def test_a_splitting_pattern_finds_the_matches_it_found_before_it_read_each_run_once(name: str, data) -> None:
    from annotation.preannotate import timestamps, zones

    pattern = getattr(zones, name, None) or getattr(timestamps, name)
    before, alphabet = SPLITTING_PATTERNS_BEFORE[name]
    text = data.draw(st.text(alphabet, max_size=30))
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(before, text)]
    assert pattern.split(text) == re.split(before, text)


@settings(max_examples=1000, deadline=None)
@given(text=st.text("ab\n", max_size=20), words=st.text("ab\n", max_size=3), times=st.integers(0, 1))
def test_a_pull_quote_is_counted_in_the_story_as_str_count_counts(text: str, words: str, times: int) -> None:
    """``_occurs_more_than`` stops at the occurrence that decides, where ``str.count`` read the whole story."""
    from annotation.preannotate.zones import _occurs_more_than

    assert _occurs_more_than(text, words, times) == (text.count(words) > times)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "\n", "\r", "\r\n", " ", "\t", "\u00a0", "\u2028", "\u001f", "\u0085",
                                  "x y"]), max_size=40).map("".join))
def test_blocks_are_the_trimmed_non_blank_lines(text: str) -> None:
    """``split_blocks`` by its definition: lines end at \\n, \\r\\n or \\r; each is trimmed of the schema's
    whitespace (so U+2028 and U+0085 trim but do not end a line); blank lines are no block."""
    from annotation.preannotate.blocks import split_blocks
    from corpus.html import WHITESPACE_CHARS

    expected, position = [], 0
    for line in re.split(r"(\r\n|\r|\n)", text):
        if line not in ("\r\n", "\r", "\n") and line.strip(WHITESPACE_CHARS):
            start = position + len(line) - len(line.lstrip(WHITESPACE_CHARS))
            end = position + len(line.rstrip(WHITESPACE_CHARS))
            expected.append((len(expected), start, end, text[start:end]))
        position += len(line)
    assert [(b.index, b.start, b.end, b.text) for b in split_blocks(text)] == expected


def test_cli_writes_one_object_per_document(tmp_path: Path) -> None:
    story, _ = story_page()
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "story.txt").write_text(story, encoding="utf-8")
    (tmp_path / "pages" / "copy.txt").write_text(story, encoding="utf-8")
    (tmp_path / "pages" / "crlf.txt").write_bytes(story.replace("\n", "\r\n").encode())
    (tmp_path / "pages" / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out" / "pre.jsonl"
    assert corpus_main(["preannotate", str(tmp_path / "pages"), "--out", str(out)]) == 1  # one page rejected
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2  # the copy has the same text: one document
    for record in records:
        assert set(record) == {"doc_id", "source", "text", "spans", "model_version"}
        assert record["model_version"] == MODEL_VERSION
        document = Document.from_text(record["text"])
        assert record["doc_id"] == document.doc_id
        assert all(set(span) == {"start", "end", "label", "score"} for span in record["spans"])
        rows = [type("Row", (), {**span, "text": record["text"][span["start"]:span["end"]]}) for span in record["spans"]]
        assert span_faults(record["text"], rows, complete=True) == []
    assert corpus_main(["preannotate", str(tmp_path / "pages"), "--out", str(out), "--allow-rejects"]) == 0


def test_cli_help_names_the_output_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        corpus_main(["preannotate", "--help"])
    assert exit_info.value.code == 0
    assert "model_version" in capsys.readouterr().out


def _char_accuracy(text: str, gold_spans, predicted_spans) -> tuple[int, int]:
    def char_labels(spans) -> list[str | None]:
        labels: list[str | None] = [None] * len(text)
        for span in spans:
            if span.layer == "zone":
                labels[span.start:span.end] = [span.label] * (span.end - span.start)
        return labels

    want, got = char_labels(gold_spans), char_labels(predicted_spans)
    positions = [m.start() for m in NON_WHITESPACE_RE.finditer(text)]
    return sum(want[i] == got[i] for i in positions), len(positions)


@pytest.mark.parametrize("markup", [
    "<p>One</p><p>  Two\u00a0 </p>",
    "<pre>line one\r\nline two\rline three\n\n  indented \t</pre><p>after</p>",
    "<div>a\u2028b<br>c\x0bd<br> \x1ce\x1c </div><p>\u3000</p><p>x\u00a0\u00a0y</p>",
    "<ul><li>first</li><li> second <b>bold</b>\n tail </li></ul><textarea>t\n u</textarea>",
    None,  # synthetic pages
])
def test_an_html_pages_blocks_are_the_blocks_of_its_text(markup: str | None) -> None:
    """The HTML path takes the page's rendered blocks as the document's blocks instead of splitting its text
    again: they must be exactly ``split_blocks`` of the text (white space, preformatted lines, line and
    paragraph separators, characters outside the schema's white space)."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.core import document_blocks
    from corpus.synth import iter_synthetic

    if markup is None:
        pages = [parse_html(page.html.encode("utf-8"), page.name) for page in iter_synthetic(40, seed=11, html_share=1.0)]
    else:
        pages = [parse_html(f"<html><body>{markup}</body></html>".encode(), "edge.html")]
    for page in pages:
        document = Document.from_text(page.text, title=page.title, url=page.url)
        assert document_blocks(document, page) == split_blocks(document.text)


def test_synthetic_quality_floor_with_the_learned_model() -> None:
    """Pinned floor on synthetic pages (text and HTML renderings) with exact gold; a seed not used to train
    the committed model. Measured 0.993 with zones-12 and zones-11 (and with zones-10 on the current generator);
    0.990 with zones-10, zones-9, zones-8, zones-7 and zones-6, 0.989 with zones-5 and zones-3 (0.991 with zones-2;
    0.989 for the rules alone)."""
    from corpus.synth import iter_synthetic

    annotator = Preannotator()
    assert set(annotator.models) == {"text", "html"}, "the committed learned model is loaded by default"
    correct = total = 0
    for page in iter_synthetic(60, seed=2024, html_share=0.5):
        html = parse_html(page.html.encode("utf-8"), page.name) if page.html is not None else None
        document = Document.from_text(page.text)
        predicted = annotator.annotate(document, html)
        assert_valid(document, predicted)
        right, count = _char_accuracy(page.text, page.spans, predicted.spans)
        correct, total = correct + right, total + count
    assert correct / total >= 0.985


def test_model_rows_of_a_slice_equal_rows_of_the_whole_page() -> None:
    """The annotator scores only the run's blocks; training and inference must see the same features."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, rule_pass

    text, _ = story_page()
    document = Document.from_text(text)
    blocks = split_blocks(document.text)
    evidence = [BlockEvidence()] * len(blocks)
    rules = rule_pass(blocks, evidence)
    whole = Preannotator._matrix(blocks, evidence, rules, False, None)
    for rows in (range(0, 3), range(len(NAV), len(NAV) + len(STORY)), range(len(blocks) - 2, len(blocks))):
        part = Preannotator._matrix(blocks, evidence, rules, False, None, rows)
        assert part.shape == (len(rows), whole.shape[1])
        assert (part == whole[rows.start:rows.stop]).all()


def test_logistic_fit_separates_and_round_trips(tmp_path: Path) -> None:
    import numpy as np

    from annotation.preannotate.learned import LogisticModel, fit_logistic, load_models, save_models

    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(400, 3))
    targets = (matrix[:, 0] - 0.5 * matrix[:, 2] > 0).astype(float)
    model = fit_logistic(("a", "b", "c"), matrix, targets, np.ones(400), l2=0.1)
    assert ((model.logits(matrix) > 0) == targets.astype(bool)).mean() >= 0.97
    assert model.weights[0] > 0 > model.weights[2]
    again = LogisticModel.from_json(json.loads(json.dumps(model.to_json())))
    assert np.allclose(again.logits(matrix), model.logits(matrix), atol=1e-4)
    path = tmp_path / "model.json"
    save_models({"text": model}, {"note": "test"}, path)
    with pytest.raises(ValueError, match="other features"):
        load_models(path)


def test_links_credits_and_promos_inside_the_story_are_not_article() -> None:
    """A related-links box and a photo credit inside the body, a promo island after it: not article;
    the closing credit line after the body is (guidelines, section 6)."""
    related = ["Related Coverage", "Factbox: Key Winners At The Regional Transport Awards Last Night"]
    credit = "Photograph by Jane Roe, City Archive"
    closing = "Additional reporting by John Smith; Editing by Mary Major"
    promo = ["Sign Up for the Daily Briefing", "Top Stories, Every Morning"]
    body = STORY[3:]
    text = page_text([*NAV, *STORY[:3], body[0], *related, body[1], credit, body[2], body[3], closing,
                      *promo, *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*body, closing])
    assert all(labels[line] != "article" for line in [*related, credit, *promo])


def test_candidate_runs_are_the_best_run_then_the_best_of_what_is_left() -> None:
    from annotation.preannotate.zones import CANDIDATE_RUN_SHARE, candidate_runs

    scores = [-5, 30, 40, -100, 60, 50, -100, 30, -100, 2, -50]
    runs = candidate_runs(scores)
    assert [run[:2] for run in runs] == [(4, 6), (1, 3), (7, 8)]
    assert all(run[2] >= CANDIDATE_RUN_SHARE * runs[0][2] for run in runs)
    assert candidate_runs([-1.0, -2.0]) == [(0, 0, 0.0)]


def test_the_learned_model_chooses_between_candidate_runs() -> None:
    """The rules' best run is the longest stretch of prose; when that is a wall of promotion, the
    model's reading of each candidate run decides. A model that only reads the promo cue picks the story."""
    import numpy as np

    from annotation.preannotate.learned import LogisticModel, feature_names

    names = feature_names("text")
    weights = np.array([-3.0 if name == "promo" else 0.0 for name in names])
    model = LogisticModel(names, np.zeros(len(names)), np.ones(len(names)), weights, 1.0)
    promos = [f"Subscribe and download our app today to get offer number {n} on a yearly "
              "plan, which gives you unlimited access to every story, puzzle, recipe and podcast on the site, "
              "with no advertising at all and a free tote bag for every new member who joins this week." for n in
              range(8)]
    text = page_text([*NAV, *STORY, "Recent Posts", "Comments", *promos, *FOOTER])
    document = Document.from_text(text)
    rules_only = labels_by_line(document, Preannotator(models={}).annotate(document))
    assert all(rules_only[line] == "article" for line in promos), "the rules alone take the longer run"
    annotation = Preannotator(models={"text": model}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in STORY[3:])
    assert all(labels[line] != "article" for line in promos)


def test_snippet_silver_targets_label_only_the_blocks_the_snippets_name() -> None:
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.training import snippet_targets

    blocks = split_blocks("First paragraph of the story.\nSign up for our newsletter\nA line nobody named\n"
                          "Both named here")
    targets, mask = snippet_targets(blocks, ["paragraph of the", "Both named"], ["newsletter", "named here"])
    assert mask.tolist() == [True, True, False, False]
    assert targets[mask].tolist() == [1.0, 0.0]


@pytest.mark.parametrize("text", [
    "The council thanked the engineers. By Jane Doe",  # a name, not a credit in capitals
    "The bridge is used by NATO convoys.",
    "Residents said they would stand by THE COUNCIL.",  # not after a sentence
])
def test_a_sentence_ending_in_by_and_a_name_is_no_caption_credit(text: str) -> None:
    assert not is_caption_credit(text)


@pytest.mark.parametrize("caption", [
    ["The mayor walks across the old crossing on Monday. (Tomasz Nowicki/The Riverside Courier)"],
    ["The mayor walks across the old crossing on Monday.", "Tomasz Nowicki / Keystone"],
    ["The mayor walks across the old crossing on Monday. Tomasz Nowicki / Keystone"]])
def test_a_caption_with_the_photographer_and_agency_parted_by_a_slash_is_not_the_story(caption: list[str]) -> None:
    """Guidelines 8.4: a photo's credit -- the photographer and the paper or agency parted by a slash, at the
    caption's end or on a line of its own -- is no paragraph of the story, however much prose the caption is."""
    story = [*STORY[:4], *caption, *STORY[4:]]
    document = Document.from_text(page_text([*NAV, *story, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[caption[-1]] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY)


@pytest.mark.parametrize("photo", [
    ["The mayor walks across the old crossing on Monday.", "Supplied: Tomasz Nowicki"],
    ["The mayor walks across the old crossing on Monday.", "THE RIVERSIDE COURIER/Tomasz Nowicki"],
    ["The mayor walks across the old crossing on Monday. Foto: Tomasz Nowicki"],
    ["Мэр идёт по старому мосту в понедельник. Фото: Томаш Новицкий / «Речной курьер»"],
    ["The mayor walks across the old crossing on Monday, before the vote - Tomasz Nowicki/Riverside Press"],
    ["Градоначелник прелази стари мост у понедељак. Фото: Речни курир/Т. Новицки"],
    ["Ο δήμαρχος περνά την παλιά γέφυρα τη Δευτέρα. ΦΩΤΟ: Τόμας Νόβιτσκι"],
    ["ראש העירייה חוצה את הגשר הישן ביום שני (צילום: תומאש נוביצקי)"],
    ["Il sindaco attraversa il vecchio ponte lunedì mattina (Foto Archivio)"]])
def test_a_photo_under_the_byline_credited_in_other_words_is_not_the_story(photo: list[str]) -> None:
    """Guidelines 8.4: a photo's credit in other words than "Photo:" -- another language's label, a handout's
    "Supplied:", the paper and the photographer parted by a slash with no spaces, the photographer's name and the paper
    after a slash closing the caption's sentence (with any label) or after a dash, the label in Cyrillic, Greek or
    Hebrew letters, in brackets closing the caption with or without its colon -- and the caption above it, between the
    story's date and its first paragraph, are the photo's, not the story's."""
    document = Document.from_text(page_text([*NAV, *STORY[:3], *photo, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in photo] == ["boilerplate"] * len(photo)
    assert all(labels[line] == "article" for line in STORY)
    assert is_caption_credit(photo[-1])
    assert not any(map(is_caption_credit, ["AC/DC", "Das Foto: ein Bild der Lage.", "Live from AC/DC",
                                           "The team posed for the cameras (photo call at noon).",
                                           "Фото: Т. Новицки. Мэр сказал, что доволен результатом"]))


def test_a_caption_over_a_credit_line_under_the_byline_is_not_taken_with_the_head() -> None:
    """Guidelines 8.4: a photo's caption -- a sentence of prose -- over its credit printed as a line of its own,
    between the story's date and its first paragraph, is no standfirst of the story's head, on a page of bare blocks
    too."""
    photo = ["The mayor walks across the old crossing on Monday.", "Supplied: Tomasz Nowicki"]
    lines = [*STORY[:3], *photo, *STORY[3:]]
    html = ("<html><body><div id='w'>" + "".join(f"<div class='c1'><a href='/n{n}'>{line}</a></div>"
                                                 for n, line in enumerate(NAV))
            + "".join(f"<div class='c1'><a href='/p'>{line}</a></div>" if line in photo
                      else f"<div class='c3'>{line}</div>" for line in lines)
            + "</div></body></html>").encode()
    labels = html_labels(html, "caption.html", Preannotator())
    assert [labels[line] for line in photo] == ["boilerplate"] * 2
    assert all(labels[line] == "article" for line in STORY)


@pytest.mark.parametrize("counter", ["2 of 5", "Item 2 of 5 Cranes lift the first deck section into place on the "
                                                 "north bank of the river on Monday morning."])
def test_a_gallery_counter_is_not_the_story(counter: str) -> None:
    """Guidelines 8.4: a gallery's counter ("Image 1 of 23"), alone or opening the photo's caption, is no line of the
    story; a count opening a sentence is."""
    story = [*STORY[:4], counter, *STORY[4:]]
    document = Document.from_text(page_text([*NAV, *story, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[counter] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY)
    assert not is_caption_credit("2 of 5 residents said they would use the bridge every day.")


@pytest.mark.parametrize("credit", ["Pilt: Mari Tamm", "Fotoğraf: Ayşe Kaya", "Tomasz Nowicki/Keystone"])
def test_a_short_caption_over_a_credit_line_between_the_paragraphs_is_not_the_story(credit: str) -> None:
    """Guidelines 8.4: between the story's paragraphs, a photo's caption -- one short sentence -- over its credit
    printed as a line of its own (a one-word label and a name, in any language) is the photo's, both lines; a short
    paragraph over a photo's caption under its label ("Image: …, left, has …") stays the story's."""
    caption = "The mayor walks across the old crossing on Monday."
    story = [*STORY[:5], caption, credit, *STORY[5:]]
    document = Document.from_text(page_text([*NAV, *story, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert (labels[caption], labels[credit]) == ("boilerplate", "boilerplate")
    assert [labels[line] for line in STORY] == ["article"] * len(STORY)
    paragraph = "The first crossing is planned for the spring of 2027."
    labelled = "Image: The mayor, left, has walked across the old crossing every week since May"
    document = Document.from_text(page_text([*NAV, *STORY[:5], paragraph, labelled, *STORY[5:], *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert labels[paragraph] == "article"


def test_a_photo_illustration_credit_is_not_the_story() -> None:
    """Guidelines 8.4: "Photo-illustration by …" between the paragraphs is a credit, not a line of the story."""
    credit = "Photo-illustration by the Riverside Courier. Source: City Archive."
    story = [*STORY[:4], credit, *STORY[4:]]
    document = Document.from_text(page_text([*NAV, *story, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[credit] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY)


def test_a_caption_between_the_byline_and_the_body_is_not_taken_with_the_head() -> None:
    """Guidelines 8.4: a photo's caption with its credit and the gallery's counter between the story's date and its
    first paragraph are no lines of the story's head, on a page of bare blocks as well."""
    caption = ("Mayor Ruth Okafor walks across the old crossing on the north bank on Monday morning. (Tomasz "
               "Nowicki/The Riverside Courier)")
    lines = [*STORY[:3], caption, "1 of 4", *STORY[3:]]
    html = ("<html><body><div id='w'>" + "".join(f"<div class='c1'><a href='/n{n}'>{line}</a></div>"
                                                 for n, line in enumerate(NAV))
            + "".join(f"<div class='c1'><a href='/p'>{line}</a></div>" if line in (caption, "1 of 4")
                      else f"<div class='c3'>{line}</div>" for line in lines)
            + "</div></body></html>").encode()
    labels = html_labels(html, "caption.html", Preannotator())
    assert labels[caption] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY)


def test_a_reading_list_prompt_under_the_byline_is_not_taken_with_the_head() -> None:
    """Guidelines 8.3: the site's prompt to its reader between the story's date and its body ("Save stories to read
    later and build your own reading list.") is no line of the story's head."""
    notice = "Save stories to read later and build your own reading list."
    head = ["A quake flattened villages in the remote western hills.", "Published On 3 Mar 2024"]
    caption = "Rescuers search the riverbank near the old crossing on Thursday [Tomasz Nowicki/AFP]"
    html = ("<html><body>" + "".join(f"<div class='c1'><a href='/n{n}'>{line}</a></div>" for n, line in enumerate(NAV))
            + f"<article><h1>{STORY[0]}</h1>" + "".join(f"<p>{line}</p>" for line in head)
            + f"<div class='ad-slot'>{notice}</div><div class='ad-slot'>{caption}</div>"
            + "".join(f"<p>{line}</p>" for line in STORY[3:])
            + "</article></body></html>").encode()
    labels = html_labels(html, "notice.html", Preannotator())
    assert labels[notice] == "boilerplate"
    assert all(labels[line] == "article" for line in [STORY[0], *head, *STORY[3:]])


@pytest.mark.parametrize("clock", ["00:00", "00:00 / 06:41"])
def test_an_audio_player_clock_under_the_byline_is_not_taken_with_the_head(clock: str) -> None:
    """Guidelines 8.1: an audio player between the story's date and its body -- "Listen to this article", its clock
    "00:00", with the clip's length or not -- is a widget; the clock is no time of the story's."""
    head = ["A quake flattened villages in the remote western hills.", "Published On 3 Mar 2024"]
    player = ["Listen to this article", clock, "Share this story"]
    html = ("<html><body>" + "".join(f"<div class='c1'><a href='/n{n}'>{line}</a></div>" for n, line in enumerate(NAV))
            + f"<article><h1>{STORY[0]}</h1>" + "".join(f"<p>{line}</p>" for line in head)
            + "".join(f"<div class='ad-slot'>{line}</div>" for line in player)
            + "".join(f"<p>{line}</p>" for line in STORY[3:]) + "</article></body></html>").encode()
    labels = html_labels(html, "player.html", Preannotator())
    assert labels[clock] == "boilerplate"
    assert all(labels[line] == "article" for line in [STORY[0], *head, *STORY[3:]])


@pytest.mark.parametrize("text", ["The band closed the night with a cover of a hit by (AC/DC)",
                                  "Prices rose 3% year/year.", "The route runs Paris / Lyon / Marseille",
                                  "The board met on Monday. Talks with the union and/or management went on",
                                  "Flights resume on Monday. Both New York/London routes reopen"])
def test_a_slash_in_a_sentence_is_no_photo_credit(text: str) -> None:
    assert not is_caption_credit(text)


def test_a_photo_caption_echoing_the_title_is_not_the_headline() -> None:
    caption = "Jane Doe Getty Images"
    text = page_text([*NAV, caption, *STORY[3:], *FOOTER])
    document = Document.from_text(text, title="Jane Doe Approves New Bridge After Decade of Delays")
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[caption] != "article"
    assert all(labels[line] == "article" for line in STORY[3:])


@pytest.mark.parametrize("caption", [
    "Residents walk past the old crossing on the river bank in the early morning. (AP Photo/Jane Roe, File)",
    "The old crossing has been closed to lorries since the inspection last winter found cracksCredit: Getty",
    "FILE PHOTO: Residents walk past the old crossing on the river bank, March 3, 2024. REUTERS/Jane Roe",
    "Workers unload the first steel beams for the new bridge on the river bank. By CITY TRANSPORT DEPARTMENT",
])
def test_a_long_photo_caption_inside_the_story_is_not_article(caption: str) -> None:
    """Captions read like prose (guidelines 8.4): their credit or their label gives them away -- to the
    rules, without the learned model."""
    body = STORY[3:]
    text = page_text([*NAV, *STORY[:3], body[0], caption, *body[1:], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[caption] != "article"
    assert all(labels[line] == "article" for line in body)


def test_site_notices_at_the_ends_of_the_story_are_not_article() -> None:
    """A letters-to-the-editor call and an author bio after the body and a browser notice before it are
    the site's; a story paragraph about subscriptions, or quoting a notice, stays in the story."""
    notice = ("We want to hear what you think about this article. Submit a letter to the editor or write to "
              "letters@example.com and tell us what you make of the decision.")
    browser = ("You are using a browser version with limited support for this site. To obtain the best "
               "experience, we recommend you use a more up to date browser.")
    subscriptions = ("Residents who sign up for the council's transport newsletter will be told when the old "
                     "crossing closes, and you can also follow the works on the city's website, officials said.")
    quoted = "“Tell us what you think of this article,” the council wrote in a letter to residents on Monday."
    bio = ("Jane Doe is an assistant professor of urban planning at the city university. She is the author "
           "of a history of the river's crossings.")
    body = STORY[3:]
    follow = ("Follow Example News on Instagram, Facebook and Twitter for updates on the works, the road "
              "closures and the other transport projects of the city.")
    text = page_text([*NAV, *STORY[:3], browser, *body, subscriptions, quoted, notice, bio, follow, *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] != "article" for line in [notice, browser, bio, follow])
    assert all(labels[line] == "article" for line in [*body, subscriptions, quoted])


@pytest.mark.parametrize("links", [["READ: Mayor Says Old Crossing Will Close Next Month",
                                    "Lire aussi | Les habitants divisés sur le péage du pont",
                                    "Lesen Sie auch: Fährdienst endet mit der Eröffnung der Brücke"],
                                   ["Leggi anche: Il sindaco chiude il vecchio attraversamento",
                                    "Lees ook: Bewoners verdeeld over tol op de brug",
                                    "Leia também: Balsa deixa de operar quando a ponte abrir"]])
def test_an_inline_read_also_cue_in_other_languages_makes_its_own_teaser(links: list[str]) -> None:
    """Guidelines 8.2: the inline cue to another story ("READ:", "Lire aussi |", "Lesen Sie auch:", "Leggi anche:",
    "Lees ook:", "Leia também:") with its headline inside the story is one teaser span, cue included."""
    body = STORY[3:]
    text = page_text([*NAV, *STORY[:3], body[0], links[0], body[1], links[1], body[2], links[2], body[3], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == links


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_an_author_bio_telling_a_career_after_the_body_is_not_article(models) -> None:
    """An author box after the story that tells the author's career without naming a job title ("has
    been writing about ... since") is the site's profile box (guidelines 8.3), not the story's end."""
    bio = ("John Roe fell in love with maps as a boy, when he drew his first plan of the town. He has been "
           "writing about transport and city planning for the Gazette since 2011. His days run on trains, "
           "notebooks and strong coffee.")
    text = page_text([*NAV, *STORY, "John Roe", bio, *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[bio] != "article"
    assert all(labels[line] == "article" for line in STORY[3:])


def test_an_inline_read_more_link_in_the_story_is_its_own_teaser() -> None:
    """Guidelines 8.2: "Read more: <headline>" inside the story is one teaser span, cue included."""
    links = ["Read more: Mayor Says Old Crossing Will Close Next Month",
             "[Related: Residents Split Over Bridge Tolls]",
             "Also on example.com Ferry Service To End When Bridge Opens"]
    body = STORY[3:]
    text = page_text([*NAV, *STORY[:3], body[0], links[0], body[1], links[1], body[2], links[2], body[3], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    assert teasers == links
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in body)


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_linked_headline_between_the_paragraphs_is_a_teaser(models) -> None:
    """Guidelines 8.2 without the cue: a line that is all link, shaped like a headline, between the story's
    paragraphs (as thelocal.se and foxnews.com print them) promotes another article; a paragraph with a
    link in it stays the story's."""
    link = "The latest news about the bridge works in the city centre"
    linked_word = STORY[5].replace("public hearing", "<a href='/hearing'>public hearing</a>")
    html = (f"<html><body><article><h1>{STORY[0]}</h1><p>{STORY[3]}</p><p>{STORY[4]}</p>"
            f"<p><a href='/bridge-works'>{link}</a></p><p>{linked_word}</p><p>{STORY[6]}</p>"
            "</article></body></html>").encode()
    labels = html_labels(html, "link.html", Preannotator(models=models))
    assert labels[link] == "teaser"
    assert all(labels[line] == "article" for line in STORY[3:])


def test_a_newsletter_box_inside_the_story_is_not_article() -> None:
    """Guidelines 8.3: the sign-up heading and the lines addressed to the reader under it are the box's;
    the story paragraph after it is the story's, even when it quotes someone addressing "you"."""
    box = ["Sign up for the Example News newsletter",
           "Never miss the latest news by signing up to our newsletter today!",
           "Every day we'll send you a roundup of the latest from the city, straight to your inbox."]
    after = "“You will be able to cross by 2027,” the mayor told residents at the hearing on Tuesday night."
    body = STORY[3:]
    text = page_text([*NAV, *STORY[:3], body[0], body[1], *box, after, body[2], body[3], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] != "article" for line in box)
    assert all(labels[line] == "article" for line in [*body, after])


def test_dom_text_lengths_are_the_lengths_of_text_content() -> None:
    """The DOM evidence reads an element's text length from libxml2's node content instead of text_content()'s
    XPath: the same length for nested markup, entities, non-ASCII text, scripts, and without the tail."""
    from lxml import etree

    from annotation.preannotate.html import _text_length

    text_content = etree.XPath("string()")  # what lxml.html's text_content() evaluates
    page = parse_html("<html><body><div class='nav'>Caf&eacute; <a href='/'>Home&nbsp;&amp; <b>m\u00e1s</b></a>"
                      " — <script>var x = '<p>';</script><ul><li>one</li><li>two</li></ul></div>after"
                      "<p>\U0001f600 tail</p></body></html>".encode(), "lengths.html")
    elements = list(page.tree.iter())
    assert len(elements) > 5
    for element in elements:
        assert _text_length(element) == len(text_content(element))


def test_json_ld_article_body_is_read_as_the_page_shows_it() -> None:
    """Publishers put HTML (tags, entities escaped once or twice) in JSON-LD ``articleBody``: the body is
    matched by its text; prose missing from a body cut short ("…") is not held against it."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.html import dom_evidence
    from annotation.preannotate.learned import DOM_FEATURE_NAMES

    def evidence(article_body: str):
        ld = json.dumps({"@type": "NewsArticle", "articleBody": article_body})
        html = (f"<html><head><script type='application/ld+json'>{ld}</script></head><body><article>"
                + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:]) + "</article></body></html>").encode()
        page = parse_html(html, "ld.html")
        blocks = split_blocks(page.text)
        found = dom_evidence(page, page.text, blocks, [False] * len(blocks))
        return [(e.dom[DOM_FEATURE_NAMES.index("body_match")], e.dom[DOM_FEATURE_NAMES.index("body_miss")])
                for e in found]

    def as_html(paragraph: str) -> str:
        return "<p class=&quot;body&quot;>" + paragraph.replace("“", "&amp;ldquo;").replace("'", "&apos;") + "</p>"

    whole = evidence("".join(as_html(p) for p in STORY[3:]))
    assert whole == [(1.0, 0.0)] * len(STORY[3:])
    cut = evidence(as_html(STORY[3]) + as_html(STORY[4]) + "<p>Opponents argued that&hellip;")
    assert cut == [(1.0, 0.0), (1.0, 0.0), (0.0, 0.0), (0.0, 0.0)]


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("topics", [
    ["Więcej na temat:", "Ratusz", "Mosty", "Transport miejski", "Udostępnij artykuł"],
    ["Más sobre esto:", "Ayuntamiento", "Puentes", "Transporte público"],
])
def test_a_topics_list_under_the_story_is_not_a_list_the_story_announces(models, topics: list[str]) -> None:
    """Guidelines 8.3: a heading of a few words with a colon under the last paragraph, over entries of a word or two,
    is the page's tags or topics list (boilerplate), though it is shaped as a list the story announces."""
    text = page_text([*NAV, *STORY, *topics, *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in STORY)
    assert all(labels[line] == "boilerplate" for line in topics)


def test_a_list_the_story_announces_at_its_end_is_article() -> None:
    """A closing "... dates:" line and the list under it are the story's; the footer after it is not."""
    announced = ["The council's timetable for the works:", "March 2025 -- Foundations poured on the north bank",
                 "June 2025 -- Piers raised in the river channel", "Aug. 2026 -- Deck lifted into place by crane",
                 "April 2027 -- Opening to traffic, lorries included"]
    text = page_text([*NAV, *STORY, *announced, *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*STORY, *announced])
    assert all(labels[line] != "article" for line in FOOTER)


@pytest.mark.parametrize("as_headings", [True, False])
def test_headline_shaped_lines_in_the_story_are_sub_headings_when_the_page_says_so(as_headings: bool) -> None:
    """Two headline-shaped lines in a row inside the story are a list of links -- unless the HTML marks
    them up as headings (a listicle's product names), then they are the story's sub-headings."""
    lines = ["Bridge Deck Sections Arrive By River Barge", "Costs Rise For Steel And Concrete Again"]
    marked = ("".join(f"<h3>{line}</h3>" for line in lines) if as_headings
              else "<ul>" + "".join(f"<li><a href='/{n}'>{line}</a></li>" for n, line in enumerate(lines)) + "</ul>")
    html = (f"<html><body><article><h1>{STORY[0]}</h1><p>{STORY[3]}</p><p>{STORY[4]}</p>{marked}"
            + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[5:]) + "</article></body></html>").encode()
    labels = html_labels(html, "sub.html", Preannotator(models={}))
    assert all(labels[line] == "article" for line in STORY[3:])
    assert all((labels[line] == "article") == as_headings for line in lines)


@pytest.mark.parametrize("credit", [
    "Associated Press writers Harriet Pembleton-Oduya and Jonathan Featherstonhaugh contributed to this report.",
    "Source: Reuters and news agencies",
    "—Maria Santos with a report from Paolo Reyes", "— With files from Paolo Reyes"])
def test_a_closing_credit_naming_writers_agencies_or_a_reporter_is_the_story(credit: str) -> None:
    """Guidelines 6: the story's closing credit line is the story's -- writers named with their agency, the agencies
    a story was written from, a reporter's share after a dash, the files a story drew on."""
    document = Document.from_text(page_text([*NAV, *STORY, credit, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*STORY, credit])
    assert all(labels[line] != "article" for line in FOOTER)


@pytest.mark.parametrize("closing", ["— Hannah Okafor", "(Lukas Brandstätter, 14.3.2026)",
                                     "Edith Marlowe, bridge engineer, born 2 May 1938; died 9 February 2026"])
def test_a_writer_signing_off_or_an_obituary_life_dates_close_the_story(closing: str) -> None:
    """Guidelines 6: the writer's sign-off after the last paragraph ("— Jane Roe", "(Jane Roe, 27.11.2026)") and an
    obituary's closing line of the life's dates are the story's."""
    document = Document.from_text(page_text([*NAV, *STORY, closing, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*STORY, closing])
    assert all(labels[line] != "article" for line in FOOTER)


@pytest.mark.parametrize("promo", ["【特集】県内の鉄道路線、来春のダイヤ改正で減便へ　沿線自治体が反発",
                                   "推荐阅读：城市更新计划进入第二阶段 老旧小区改造提速",
                                   "Lue myös: Ferry terminal upgrade delayed again. Council blames the contractor",
                                   "Prečítajte si tiež: Prístavný úrad odkladá modernizáciu terminálu do roku 2028"])
def test_a_read_also_cue_before_a_headline_between_paragraphs_is_a_teaser(promo: str) -> None:
    """Guidelines 8.2: "Read more: <headline>" inside the story is a teaser, the cue included, in whatever language:
    a script written without spaces prints the cue as a word of a few letters in lenticular brackets or before a
    full-width colon; elsewhere the cue is two or three words and a colon ("Lue myös:", "Prečítajte si tiež:"), and
    the headline after it may be two "sentences" without a closing full stop, as headlines are ("… delayed again.
    Council blames the contractor")."""
    document = Document.from_text(page_text([*NAV, *STORY[:5], promo, *STORY[5:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[promo] == "teaser"
    assert all(labels[line] == "article" for line in STORY)


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("tools", [["6 мин."], ["4 Min.", "Teilen"], ["8 min.", "Condividi"]])
def test_a_reading_time_with_its_unit_abbreviated_under_the_head_is_a_tool_on_the_text_path(tools: list[str],
                                                                                             models) -> None:
    """Guidelines 8.1: a reading time whose unit is abbreviated ("6 мин.") under the story's byline and date, in a run
    opening with its own headline, is the site's widget like the share button beside it: its full stop ends no
    sentence."""
    headline = ("Heat lingers for hours in the city’s dense housing blocks after sunset, a two-year university study "
                "of sensors finds")
    standfirst = "Researchers used 300 low-cost sensors to map how warm air lingers between the blocks at night."
    head = [headline, standfirst, "Jane Doe", "Mar 3, 2024, 05:00"]
    document = Document.from_text(page_text([*NAV, "Science", *head, *tools, *STORY[3:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in [*head, *STORY[3:]]] == ["article"] * (len(head) + len(STORY[3:]))
    assert [labels[line] for line in tools] == ["boilerplate"] * len(tools)


@pytest.mark.parametrize("tools", [["Kommentit (12)"], ["Dalintis", "Komentarai 48"]])
def test_short_lines_between_the_head_and_the_first_paragraph_are_the_sites_tools(tools: list[str]) -> None:
    """Guidelines 8.1: the short lines under the story's byline and date, over its first paragraph, are the site's
    widgets (share and comment buttons, a comment counter) in whatever language, not the story's; the writer's name
    repeated there stays the story's."""
    def page(name: str = "") -> bytes:
        return ("<html><body><nav>" + "".join(f"<a href='/{item}'>{item}</a>" for item in NAV) + "</nav><article><h1>"
                + STORY[0] + f"</h1><p class='byline'>{STORY[1]}</p><time>{STORY[2]}</time>"
                + "".join(f"<div>{line}</div>" for line in tools) + (f"<p>{name}</p>" if name else "")
                + "".join(f"<p>{p}</p>" for p in STORY[3:])
                + "</article><footer>" + "".join(f"<p>{line}</p>" for line in FOOTER) + "</footer></body></html>").encode()

    labels = html_labels(page(), "tools.html", Preannotator())
    assert all(labels[line] == "article" for line in STORY)
    assert all(labels[line] == "boilerplate" for line in tools)
    labels = html_labels(page(name="Jane Doe"), "tools-name.html", Preannotator())
    assert labels["Jane Doe"] == "article"


@pytest.mark.parametrize("closing", ["(KLM/TR)", "Redactie: Anna Berg", "（責任編集：山田）"])
def test_a_sign_off_the_html_run_took_in_as_boilerplate_closes_the_story(closing: str) -> None:
    """Guidelines 6: the tag or credit under the last paragraph of an HTML story is the story's closing credit line,
    also when the story's run swept it in and labelled it boilerplate before the sign-off rule read it."""
    html = ("<html><body><nav>" + "".join(f"<a href='/{item}'>{item}</a>" for item in NAV) + "</nav><article><h1>"
            + STORY[0] + f"</h1><p class='byline'>{STORY[1]}</p><time>{STORY[2]}</time>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:]) + f"<p>{closing}</p></article><footer>"
            + "".join(f"<p>{line}</p>" for line in FOOTER) + "</footer></body></html>")
    labels = html_labels(html.encode(), "sign-off.html", Preannotator())
    assert all(labels[line] == "article" for line in [*STORY, closing])
    assert all(labels[line] != "article" for line in FOOTER)


@pytest.mark.parametrize("text", ["— and then the lights went out", "He was born 4 March 1942; died later"])
def test_a_dash_or_a_birth_date_in_a_sentence_is_no_closing_credit(text: str) -> None:
    assert _CLOSING_CREDIT_RE.match(text) is None


def test_a_legal_line_after_the_body_is_not_the_story() -> None:
    """Guidelines 8.3: the site's legal line after the story's last paragraph -- prose, long, but "All rights
    reserved" -- is the site's."""
    legal = ("ALL RIGHTS RESERVED. This material, and every other piece of content on the Riverside Courier's "
             "website, may not be copied, printed, broadcast or rewritten in whole or in part without the prior "
             "written permission of the publisher.")
    document = Document.from_text(page_text([*NAV, *STORY, "Share this story:", legal, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in STORY)
    assert labels[legal] == "boilerplate"


def test_labels_and_disclaimers_after_the_body_are_trimmed_but_not_its_credit() -> None:
    """After the body: a disclaimer naming "this article" (two notice cues, nobody addressed) and stray
    section names are the site's; the story's "With wires" credit line is the story's (guidelines 6)."""
    credit = "With Post wires"
    disclaimer = ("NOTE: The advertising disclaimer below does not apply to this article, nor any originating "
                  "from the editorial department of Example News.")
    stray = ["Highlights", "POLITICS"]
    text = page_text([*NAV, *STORY, credit, disclaimer, *stray, *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*STORY, credit])
    assert all(labels[line] != "article" for line in [disclaimer, *stray])


def test_a_list_of_links_after_an_announcing_line_is_not_article() -> None:
    """On HTML pages an announced list made of links is other stories (teasers), not the story's list."""
    headlines = [line for item in TEASERS for line in item[:1]] + ["Ferry Service To End When The Bridge Opens"]
    html = (f"<html><body><article><h1>{STORY[0]}</h1>" + "".join(f"<p>{p}</p>" for p in STORY[3:])
            + "<p>Here are today's other top stories from the city:</p><ul>"
            + "".join(f"<li><a href='/{n}'>{line}</a></li>" for n, line in enumerate(headlines))
            + "</ul></article></body></html>").encode()
    labels = html_labels(html, "links.html", Preannotator(models={}))
    assert all(labels[line] == "article" for line in STORY[3:])
    assert all(labels[line] != "article" for line in headlines)


def test_a_syndication_line_above_the_body_is_the_story_credit() -> None:
    """"This post originally appeared on X." between the byline and the body is the story's credit line."""
    credit = "This post originally appeared on Grist."
    text = page_text([*NAV, *STORY[:3], credit, *STORY[3:], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*STORY, credit])


GATED_PATTERNS = {"FURNITURE_RE": FURNITURE_RE, "PROMO_RE": PROMO_RE, "BIO_RE": BIO_RE,
                  "_CAPTION_END_RE": _CAPTION_END_RE, "CAPTION_RE": CAPTION_RE,
                  "CONTACT_RE": CONTACT_RE, "ADDRESS_RE": ADDRESS_RE, "_SITE_NOTICE_RE": _SITE_NOTICE_RE,
                  "_RIGHTS_RESERVED_RE": _RIGHTS_RESERVED_RE, "_FOREIGN_CREDIT_RE": _FOREIGN_CREDIT_RE}


@pytest.mark.parametrize("name", GATED_PATTERNS)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_gated_pattern_answers_as_its_regex(name: str, data) -> None:
    """The substring gate in front of a regex never turns a match away: texts the regex matches (drawn
    from the regex itself, so an alternative added without its literal fails here) get the same answer."""
    gated = GATED_PATTERNS[name]
    text = data.draw(st.from_regex(gated.pattern))
    assert gated.search(text) is not None
    assert gated.findall(text) == gated.pattern.findall(text)
    assert gated.findall(text, gate_view(text)) == gated.pattern.findall(text)  # the caller's view of the text


@settings(max_examples=500, deadline=None)
@given(text=st.text(".!?…:;。！？\"'”’“‘»)]」』）〉》】a ", max_size=8))
def test_the_ending_features_are_the_ending_patterns_answers(text: str) -> None:
    """features_of reads a text's ending without the regex engine: the same answers as SENTENCE_END_RE, _TRUNCATED_RE
    and _STRICT_END_RE (for a text with the "." of two words, so that no other feature decides instead)."""
    text = "Two words" + text
    stripped = text.rstrip()
    features = features_of(text)
    assert features.ends_like_sentence == (SENTENCE_END_RE.search(stripped) is not None)
    assert features.truncated == (_TRUNCATED_RE.search(stripped) is not None)
    assert features.ends_with_full_stop == (not features.truncated and _STRICT_END_RE.search(stripped) is not None)


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_a_timestamp_without_a_digit_is_a_few_words(data) -> None:
    """features_of reads TIMESTAMP_RE only on lines with a digit or of UNNUMBERED_TIMESTAMP_MAX_WORDS words at most."""
    text = data.draw(st.from_regex(TIMESTAMP_RE))
    if not any(char.isdecimal() for char in text):
        assert features_of(text).n_words <= UNNUMBERED_TIMESTAMP_MAX_WORDS
    assert features_of(text).is_timestamp


@settings(max_examples=500, deadline=None)
@given(text=st.text(".!?… \"'”’»)]“(aA1", max_size=12))
def test_sentences_are_the_pieces_of_the_sentence_split(text: str) -> None:
    """features_of counts a text's sentences without the regex where its only sentence end is its last characters,
    and otherwise searches from the first sentence mark on: the same count as the split."""
    text = "Two words" + text
    assert features_of(text).n_sentences == len(SENTENCE_SPLIT_RE.split(text))


@settings(max_examples=300, deadline=None)
@given(literals=st.lists(st.text("ab .(", min_size=1, max_size=4), min_size=1, max_size=6),
       text=st.text("ab .(", max_size=30))
def test_a_literal_pattern_finds_a_text_holding_any_of_its_literals(literals: list[str], text: str) -> None:
    """The trie of literals (prefixes of one another included, regex metacharacters escaped) finds exactly
    the texts that hold one of them."""
    found = literal_pattern(tuple(literals)).search(text) is not None
    assert found == any(literal in text for literal in literals)


@pytest.mark.parametrize("text", ["Sign up for our newsletter", "(AP Photo/Jane Roe)", "Reach her at jane@example.com",
                                  "She is a reporter for the paper.", "Please ſubscribe now", "The council met."])
def test_a_union_of_gates_lets_through_what_any_of_them_does(text: str) -> None:
    gates = (CAPTION_RE, BIO_RE, CONTACT_RE, PROMO_RE)
    union = LiteralGate.union(*gates)
    assert union.could_match(text) == any(gate.could_match(text) for gate in gates)
    assert union.could_match(text, gate_view(text)) == any(gate.could_match(text) for gate in gates)


def test_a_screened_gate_holds_only_entries_of_the_screen() -> None:
    """gate_view turns a text away from every screened gate when SCREEN finds none of its entries: right only if
    SCREEN holds each ASCII literal and pattern of each of them (a gate of any module, unions included)."""
    import annotation.preannotate.html
    import annotation.preannotate.learned
    import annotation.preannotate.quotes
    import annotation.preannotate.zones  # noqa: F401 (their gates are looked for below)

    screened = [gate for module in list(sys.modules.values()) if module.__name__.startswith("annotation.preannotate")
                for gate in vars(module).values() if isinstance(gate, LiteralGate) and gate.screened]
    assert FURNITURE_RE in screened and any(gate.literals == SCREEN.literals for gate in screened)
    assert len(screened) >= 7  # the five, the screen itself and learned's union of four
    for gate in screened:
        assert set(gate._patterns) <= set(SCREEN._patterns)
        assert {entry for entry in gate.literals if isinstance(entry, str) and entry.isascii()} <= set(SCREEN.literals)


@pytest.mark.parametrize("text", ["© 2024 The Paper", "Photo: Jane Roe", "Download our app", "Our privacy policy",
                                  "jane@example.com", "She is a reporter for the paper.", "The council met.",
                                  "Droits réservés", "Please ſubscribe now", "ＰＨＯＴＯ"])
def test_the_screen_turns_away_no_text_a_screened_gate_lets_through(text: str) -> None:
    """The same answers with the screen as each gate's own entries give (the view without the screen's verdict)."""
    view = gate_view(text)
    unscreened = (*view[:3], False)
    for gate in (FURNITURE_RE, PROMO_RE, BIO_RE, CAPTION_RE, CONTACT_RE, SCREEN):
        assert gate.could_match(text, view) == gate.could_match(text, unscreened)


# "Jane Roe wrote:\n": the commenter pattern's "$" matches before a last newline, which line_marks' colon test
# must let through
@pytest.mark.parametrize("text", ["Comments", "3 comments", "Advertisement", "joetoronto says:", "Jane Roe wrote:\n",
                                  "A man walks by. (AP Photo/Jane Roe)", "The council met on Tuesday."])
def test_line_marks_are_the_line_patterns_answers(text: str) -> None:
    assert line_marks(text) == (_COMMENTS_RE.match(text) is not None, _AD_RE.match(text) is not None,
                                _COMMENTER_RE.match(text) is not None, is_caption_credit(text))
    assert any(line_marks(text)) == (text != "The council met on Tuesday.")


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_a_caption_end_is_only_looked_for_where_it_can_end(data) -> None:
    """line_marks turns a line away from _CAPTION_END_RE by its last character and its colons and slashes
    (``_may_end_in_credit``): never a text the regex matches -- drawn from the regex, with white space after it and
    in any case (the long s and the Kelvin sign too) -- and the same answer as the regex for any other."""
    pieces = st.sampled_from(["(photo)", "Photo:", "credit: Jane", "Getty Images", "/ AFP", "/Reuters", "reuters/Jane",
                              "associated press", "SHUTTERSTOCK", "iſtoc\u212a", " ", "\n", ".", "!", "?", "”", "a",
                              "s", "k", ")", ":", "/", "The council met."])
    text = data.draw(st.one_of(st.from_regex(_CAPTION_END_RE.pattern).map(str.swapcase),
                               st.from_regex(_CAPTION_END_RE.pattern), st.lists(pieces, max_size=8).map("".join)))
    if _CAPTION_END_RE.pattern.search(text) is not None:
        assert _may_end_in_credit(text)
    if not _may_end_in_credit(text):
        assert line_marks(text)[3] == (_CAPTION_START_RE.match(text) is not None)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_address_count_is_the_number_of_address_regex_matches(data) -> None:
    """address_count spells the letters' cases out instead of ADDRESS_RE's IGNORECASE: the same count for texts
    drawn from the regex, and for words run together, inside other words, after apostrophes and with letters
    that fold to ASCII (long s, dotless i, Kelvin sign)."""
    pieces = st.sampled_from(["you", "YOU", "Your", "yours", "you're", "You’re", "we", "WE'RE", "we've", "our",
                              "us", "uſ", "ı", "K", "é", "_", "1", " ", "'", "-", "s", "r", "e", "o", "w", "."])
    text = data.draw(st.one_of(st.from_regex(ADDRESS_RE.pattern), st.lists(pieces, max_size=12).map("".join)))
    assert address_count(text) == len(ADDRESS_RE.pattern.findall(text))


def test_the_characters_whose_folding_splits_a_run_of_word_characters_are_all_known() -> None:
    """Every code point whose case folding holds a word character and one that is none (the block key's fast path
    is right only for texts without one) is in FOLD_SPLITS_RUNS, and no other."""
    word = re.compile(r"\w")
    splitting = {char for char in map(chr, range(sys.maxunicode + 1))
                 if len({word.match(folded) is None for folded in char.casefold()} | {word.match(char) is None}) > 1}
    assert splitting == set(FOLD_SPLITS_RUNS)
    # the key looks for them in the text's words when their folding is longer, U+0345 in the text
    letter = re.compile(r"[^\W_]")
    assert {char for char in splitting if not (letter.match(char) and len(char.casefold()) > 1)} == {"\u0345"}


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(
    texts(),
    st.lists(st.sampled_from(["Nairobi", "’s", "rock ’n’ roll", "U.S.", "e-mail", "don't", "a--b", "snake_case", "İstanbul",
                              "ΐ", "\u0345", "ß", "ﬁ", "Σ", "K", "١٢", " ", "\n", "“", ",", ".", "-", "'", "\ud800"]),
             max_size=10).map("".join)))
def test_a_blocks_key_is_its_normalised_text(text: str) -> None:
    """The key features_of makes from a text's words is ``normalised`` of the text: word characters inside words
    and around them (underscores), connectors, and letters whose folding is two characters or splits a run."""
    assert features_of(text).key == normalised(text)


def test_a_gate_entry_can_be_a_pattern_where_a_literal_would_let_prose_through() -> None:
    """PROMO_RE's "our/the ... app" needs " app" as a word: prose with "apparently" skips the regex."""
    assert not PROMO_RE.could_match("The approach apparently worked, officials said.")
    for text in ("Get the new app.", "Download our news APP", "the app"):
        assert PROMO_RE.could_match(text) and PROMO_RE.could_match(text, gate_view(text))
        assert PROMO_RE.search(text) is not None


def test_a_gate_lets_letters_that_fold_to_ascii_through() -> None:
    """"ſubscribe" (long s) and "İnbox" match the case-insensitive regex: the gate must not refuse them."""
    for text in ("Please ſubscribe now", "in your İnbox", "Photo: KSTOCK", "Tell uſ more"):
        for gated in GATED_PATTERNS.values():
            assert (gated.search(text) is None) == (gated.pattern.search(text) is None)
            assert (gated.search(text, gate_view(text)) is None) == (gated.pattern.search(text) is None)
    assert PROMO_RE.search("Please ſubscribe now") is not None
    assert ADDRESS_RE.findall("Tell uſ more") == ["uſ"]


def test_a_list_of_prose_length_headlines_is_not_the_story() -> None:
    """A sidebar of other stories' headlines, each as long as a paragraph but ending without a full stop,
    is a list of teasers, not prose: neither the best run of the page nor article inside it."""
    sidebar = [f"Reality star number {n} shows off her glamorous new look in a daring outfit as she steps out "
               "with friends for a birthday dinner" for n in range(1, 13)]
    text = page_text([*NAV, *STORY, "Most read", *sidebar, *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in STORY)
    assert all(labels[line] == "teaser" for line in sidebar)
    between = page_text([*NAV, *STORY[:5], *sidebar[:3], *STORY[5:], *FOOTER])
    document = Document.from_text(between)
    labels = labels_by_line(document, Preannotator(models={}).annotate(document))
    assert all(labels[line] != "article" for line in sidebar[:3])
    assert all(labels[line] == "article" for line in STORY[3:])


def test_a_short_lead_paragraph_cut_off_by_a_caption_is_the_story() -> None:
    """A short first paragraph, cut off from the rest of the story by a long photo caption, is the story's
    lead, not an island the run swept in."""
    lead = "The bridge will close to traffic at midnight tonight, the council said."
    caption = ("The old bridge seen from the river bank on Tuesday morning, as the council met to vote on the "
               "future of the crossing (AP Photo/Jane Roe)")
    text = page_text([*NAV, *STORY[:3], lead, caption, *STORY[3:], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models={}).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[lead] == "article" and labels[caption] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY[3:])


@pytest.mark.parametrize("lines", [
    [f"• The council will {what} over the next thirty years to pay for the new crossing and its approach roads"
     for what in ("borrow forty million pounds", "raise the local business rate", "sell two of its car parks")],
    [f"Who decided that the people of this town should {what} for a bridge the state promised to build twenty "
     "years ago?" for what in ("pay twice", "wait a decade", "lose their ferry")],
    # a hearing's exchange quoted line by line, in the marks of German, Czech or Slovak („…“ closes with “)
    ["„Der Ausschuss hat die Unterlagen erst im März bekommen, drei Wochen nach der Frist. Warum so spät?“",
     "„Weil das Ministerium sie nicht früher freigegeben hat, obwohl wir sie im Januar zweimal schriftlich "
     "angefordert haben.“",
     "Der Vorsitzende fragte noch einmal nach: „Wer im Ministerium hat die Freigabe verzögert, und wann "
     "wussten Sie davon?“"],
    # an exchange of quotations, each paragraph ending in its closing mark of the German, Czech or Danish style,
    # which opens a quotation in English („…“, ‚…‘, »…«)
    ["„Wir haben jede Woche auf die Genehmigung gewartet und jeden Monat die Handwerker bezahlt, die auf der "
     "Baustelle nichts tun durften. Das war unser Fehler.“",
     "„Na radnici jsme chodili každý týden a pokaždé nám řekli, že povolení přijde do konce měsíce. Nepřišlo "
     "nikdy.“",
     "»Vi ventede hver eneste uge på tilladelsen fra kommunen, og hver måned betalte vi håndværkerne for at "
     "stå stille. Det holdt ikke.«"],
])
def test_the_story_own_lists_and_questions_are_not_a_headline_list(lines: list[str]) -> None:
    """A bulleted list inside the story, paragraphs ending in question marks and paragraphs of quoted dialogue
    are the story's, though each is one long sentence without a full stop or ends in a quotation mark that
    English opens with."""
    text = page_text([*NAV, *STORY[:5], *lines, *STORY[5:], *FOOTER])
    document = Document.from_text(text)
    labels = labels_by_line(document, Preannotator(models={}).annotate(document))
    assert all(labels[line] == "article" for line in [*lines, *STORY[3:]])


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_headline_in_capitals_between_the_paragraphs_is_a_teaser(models) -> None:
    """Guidelines 8.2 in plain text: a headline printed in capitals between the story's paragraphs (as
    foxnews.com prints its links to other stories) is a teaser item; a short sub-heading in capitals and
    the story's own headline in capitals stay the story's."""
    promo = "SCHOOL BOARD DELAYS VOTE ON NEW CURRICULUM AFTER PARENTS PROTEST"
    subheading = "WHAT COMES NEXT"
    headline = STORY[0].upper()
    body = STORY[3:]
    text = page_text([*NAV, headline, *STORY[1:3], body[0], promo, body[1], subheading, *body[2:], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == [promo]
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [headline, subheading, *body])


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_the_standfirst_above_a_byline_printed_piece_by_piece_is_the_story(models) -> None:
    """Guidelines 8.1: the standfirst is the story's also when the byline under it is printed a piece per
    line (share button, "By", names, handles, date), which puts the headline out of reach."""
    standfirst = "Residents who opposed the plan say they will keep up their campaign against the tolls it brings"
    byline = ["Share", "By", "Jane Doe", "@janedoe", "John Roe", "@johnroe", "March 3, 2024"]
    text = page_text([*NAV, STORY[0], standfirst, *byline, *STORY[3:], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [standfirst, "March 3, 2024", *STORY[3:]])
    assert labels["Share"] == "boilerplate"


HEAD_CUT_OFF = {
    # a standfirst and byline too short to stand as the story's: the island rule drops them
    "island": ["Ferry operator scraps winter timetable as fuel costs ‘eat every fare’",
               "Islanders face a six-week gap in crossings from January after talks between the operator and the "
               "council fail",
               "By Tom Brennan"],
    # a standfirst of two sentences, with its full stop
    "sentences": ["Ferry operator scraps winter timetable as fuel costs ‘eat every fare’",
                  "Islanders face a six-week gap in crossings from January. The council says its talks with the "
                  "operator have failed.",
                  "By Tom Brennan", "12 January 2025"],
    # a standfirst too short to be in the run, which opens with the byline
    "short": ["Ferry operator scraps winter timetable as fuel costs ‘eat every fare’",
              "Islanders face a six-week gap in crossings from January after talks with the council fail",
              "By Tom Brennan", "12 January 2025"],
    # a standfirst long enough to stay, the writer's title and the dates the model reads as widgets
    "titled": ["Ferry operator scraps winter timetable as fuel costs ‘eat every fare’",
               "Residents of the three outer islands say they were given a week’s notice of the cuts and that the "
               "council has no plan for school runs or hospital visits",
               "By Tom Brennan", "Transport Correspondent",
               "Published: 07:40, 12 January 2025 | Updated: 10:05, 12 January 2025"],
}
# a reading time (it reads as a time, and has a few words like a writer's title) and a player
HEAD_WIDGETS = ["5 min read", "Listen to this article", "4 min"]
HEAD_PHOTO = ["Passengers queue for the last sailing from Kirkhaven on Sunday. “We will be cut off,” one said.",
              "Photograph: Ana Ruiz/Example News"]


def head_page_html(head: list[str], tools: str, photo: bool = True) -> bytes:
    """A story page with ``head`` (headline, standfirst, byline lines) in the article's header, then ``tools``
    (markup), the photo if ``photo``, and the body."""
    headline, standfirst, *byline = head
    figure = f"<figure><img src='/ferry.jpg'><figcaption><p>{HEAD_PHOTO[0]}</p><p>{HEAD_PHOTO[1]}</p></figcaption></figure>"
    return (
        f"<html><head><title>{headline} | Example News</title></head><body>"
        f"<nav><ul>{''.join(f'<li><a href=/{n}>{n}</a></li>' for n in NAV)}</ul></nav>"
        f"<article><header><h1>{headline}</h1><p class='standfirst'>{standfirst}</p>"
        + "".join(f"<div class='byline'>{line}</div>" for line in byline)
        + f"</header>{tools}{figure if photo else ''}"
        + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:])
        + f"</article><footer>{''.join(f'<p>{line}</p>' for line in FOOTER)}</footer></body></html>"
    ).encode()


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("shape", sorted(HEAD_CUT_OFF))
def test_a_story_head_cut_off_from_the_body_by_widgets_and_a_photo_is_the_story(shape: str, models) -> None:
    """Guidelines 8.1: the headline (in sentence case, with a scare quote), the standfirst (with its full stop or
    without), the byline, the writer's title and the dates are the story's, though a reading time, a "Listen"
    player and a photo's caption and credit part them from the body; those are not."""
    head = HEAD_CUT_OFF[shape]
    document = Document.from_text(page_text([*NAV, *head, *HEAD_WIDGETS, *HEAD_PHOTO, *STORY[3:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * len(head + STORY[3:])
    assert [labels[line] for line in HEAD_WIDGETS + HEAD_PHOTO] == ["boilerplate"] * 5


@pytest.mark.parametrize("shape", sorted(HEAD_CUT_OFF))
def test_a_story_head_cut_off_from_the_body_is_the_story_on_the_html_path(shape: str) -> None:
    """The same page as marked-up HTML: the head in the article's header, the player and the figure between it and
    the paragraphs."""
    player = (f"<div class='player'><div>{HEAD_WIDGETS[0]}</div><button>{HEAD_WIDGETS[1]}</button>"
              f"<div>{HEAD_WIDGETS[2]}</div></div>")
    labels = html_labels(head_page_html(HEAD_CUT_OFF[shape], player), "ferry.html", Preannotator())
    head = HEAD_CUT_OFF[shape]
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * len(head + STORY[3:])
    assert [labels[line] for line in HEAD_WIDGETS + HEAD_PHOTO] == ["boilerplate"] * 5


def test_a_story_head_above_a_toolbar_is_the_story_though_out_of_the_headline_search_reach() -> None:
    """Guidelines 8.1: a toolbar of links between the head and the body starts the story's run at its first
    paragraph; the standfirst is then as near as the search for the headline reaches, and the headline above it and
    the writer's title under the byline are the story's too."""
    tools = ["Listen to this article", "4 min", "Share", "Save"]
    toolbar = f"<div class='share-tools'>{''.join(f'<div><a href=/tools>{line}</a></div>' for line in tools)}</div>"
    labels = html_labels(head_page_html(HEAD_CUT_OFF["titled"], toolbar, photo=False), "ferry.html", Preannotator())
    head = HEAD_CUT_OFF["titled"]
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * len(head + STORY[3:])
    assert [labels[line] for line in tools] == ["boilerplate"] * len(tools)


def test_a_photo_caption_over_the_standfirst_is_not_its_headline() -> None:
    """Guidelines 8.4: a photo's caption with its credit right above the standfirst, shaped as a headline (no full
    stop), is the photo's, not the story's headline."""
    headline, standfirst, byline = HEAD_CUT_OFF["island"]
    caption = "Passengers queue at the Kirkhaven ferry terminal on Sunday (AP Photo/Ana Ruiz)"
    document = Document.from_text(page_text([*NAV, headline, caption, standfirst, byline, *HEAD_WIDGETS, *STORY[3:],
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[caption] == "boilerplate"
    assert [labels[line] for line in [headline, *STORY[3:]]] == ["article"] * (len(STORY) - 2)


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_long_headline_in_title_case_over_the_byline_is_no_standfirst(models) -> None:
    """Guidelines 8.1: a run opening with a headline in title case as long as prose, with the byline under it, opens
    with the story's own headline: the section's strapline above it is not the story's."""
    strapline = "Election 2025: The Race For City Hall"
    headline = ("Mayor and Challenger Trade Blows over Housing, Transport and the Future of the Harbour in Final "
                "Televised Debate before Polling Day")
    document = Document.from_text(page_text([*NAV, strapline, headline, *STORY[1:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[strapline] == "boilerplate"
    assert [labels[line] for line in [headline, *STORY[1:]]] == ["article"] * len(STORY)


# Bylines printed without their "By": the writer's name (and title, desk or town) under the standfirst, which the
# date next to it tells from a section's label; the lines after each head are widgets.
NAMED_BYLINES = {
    "name": (["Tom Brennan", "12 January 2025"], ["Share"]),
    "name with title": (["Tom Brennan, Transport Correspondent", "12 January 2025"], ["Share"]),
    "name over title": (["Tom Brennan", "Transport Correspondent", "Published 12 January 2025, 07:40"], ["Share"]),
    "name over reading time": (["Tom Brennan", "5 min read", "12 January 2025"], ["Share"]),
    "name under date": (["12 January 2025", "Tom Brennan"], ["Save", "Share"]),
    # a label and its value under the date is no name
    "section under date": (["Tom Brennan", "12 January 2025"], ["Section: Transport", "120 Comments"]),
    # and a tool capitalised as a name is none
    "tool under date": (["Tom Brennan", "12 January 2025"], ["Gift Article", "120 Comments"]),
    "desk": (["Kirkhaven Herald Bureau", "12 January 2025"], ["Share"]),
    "two writers": (["Tom Brennan and Ana Ruiz", "12 January 2025"], ["Share"]),
    # the name and the writer's town after a slash, shaped as a photo's credit ("Jane Roe / Keystone")
    "name over town": (["Tom Brennan / KIRKHAVEN", "12.01.2025 - 16:48"], ["Share"]),
    # "by" in another language and the writer's role before the name
    "role before name": (["Door onze correspondent Tom Brennan", "12 januari 2025, 17:05"], ["Delen"]),
    "role before name, German": (["Von unserem Korrespondenten Tom Brennan", "12. Januar 2025, 17:05"], ["Teilen"]),
    # the writer's title naming their job tells the name from a label without a date next to it
    "name over job title": (["12 January 2025", "Tom Brennan", "Kirkhaven Herald transport correspondent"],
                            ["Share"]),
}


def test_a_writers_job_title_under_the_name_is_no_headline() -> None:
    """Guidelines 8.1: the writer's title under the name ("Kirkhaven Herald transport correspondent"), shaped as a
    headline next to a byline, is no headline: the story's own, above the date, is."""
    head = ["‘We were left on the pier’: ferry cancellations at record high", "12 January 2025"]
    byline = ["Tom Brennan", "Kirkhaven Herald transport correspondent"]
    photo = ["Getty Images", "More than 300 sailings were cancelled in December across the three island routes"]
    document = Document.from_text(page_text([*NAV, *head, "Share", "Save", *byline, *photo, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + byline + STORY[3:]] == ["article"] * (len(head + byline) + 4)
    assert "‘We were left on the pier’" in [span.text for span in annotation.spans if span.label == "quote"]


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("shape", sorted(NAMED_BYLINES))
def test_a_byline_without_by_is_the_story(shape: str, models) -> None:
    """Guidelines 8.1: a byline printed as the writer's name alone, next to the story's date, is the story's byline:
    it, the date, the standfirst above and the headline above that are the story's; a reading time and the
    share tools are widgets."""
    headline = "Ferry operator scraps winter timetable as fuel costs soar"
    standfirst = ("Islanders face a six-week gap in crossings from January after talks between the operator and "
                  "the council fail")
    byline, tools = NAMED_BYLINES[shape]
    document = Document.from_text(page_text([*NAV, "Transport", headline, standfirst, *byline, *tools, *STORY[3:],
                                             *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [headline, standfirst, *(line for line in byline if line != "5 min read"), *STORY[3:]]
    assert [labels[line] for line in story] == ["article"] * len(story)
    assert [labels[line] for line in ["Transport", *tools]] == ["boilerplate"] * (1 + len(tools))


def test_the_writers_name_over_the_date_in_the_head_escapes_the_models_veto() -> None:
    """Guidelines 8.1: the writer's name printed without "By" over the story's date, among the run's top lines under
    a standfirst and a result line, is the story's byline whatever the learned model reads in a name over a time (a
    comment's header, in its training pages): it, the date and the head above stay the story's. The same name over a
    time under the story's paragraphs is a reader's comment header, which the model still takes out."""
    import numpy as np

    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, classify_blocks, rule_pass

    head = ["A late penalty from the substitute settles a classic at the Quay Road ground as the coach hails his squad",
            "Harbour Rovers 3 Millbrook 2", "Owen Castell", "Sat, 12 Dec, 2026 - 18:05"]
    comment = ["Maura Keane", "Sat, 12 Dec, 2026 - 19:12",
               "What a game that was, the whole town was out on the quay road for the parade after the final whistle."]
    lines = [*NAV, "Harbour Rovers edge Millbrook in a thriller to lift their first league title since 1987", *head,
             "Share", *STORY[3:], *comment, *STORY[3:5], *FOOTER]
    blocks = split_blocks("\n\n".join(lines) + "\n")
    evidence = [BlockEvidence()] * len(blocks)
    rules = rule_pass(blocks, evidence)
    assert blocks[rules.run[0]].text == head[0]
    logits = np.array([-5.0 if block.text in ("Owen Castell", "Maura Keane") else 5.0 for block in blocks])
    labels = classify_blocks(blocks, evidence, None, logits, rules)
    by_text = {block.text: label.label for block, label in zip(blocks, labels, strict=True)}
    assert [by_text[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY[3:]))
    assert by_text["Maura Keane"] == "boilerplate"


def test_a_photos_caption_under_the_byline_the_writers_title_and_the_date_is_not_the_story() -> None:
    """Guidelines 8.1 and 8.4: the writer's title between "By …" and the date ("Transport Editor") does not take the
    learned model's veto off the lines under it: a photo's caption quoting someone, under the listen tools and over
    its credit, stays out of the story, whose head and paragraphs are the story's."""
    head = ["Ferry operator scraps winter timetable as fuel costs soar",
            "Islanders face a six-week gap in crossings from January after talks between the operator and the council "
            "fail", "By Tom Brennan", "Transport Editor",
            "Published: 08:20, 12 January 2025 | Updated: 10:05, 12 January 2025"]
    caption = ["Harbour master Ewan Rigg on the empty pier at Kirkhaven on Monday. “We have nothing left to cut,” he "
               "said.", "Photograph: Ana Ruiz/Kirkhaven Herald"]
    document = Document.from_text(page_text([*NAV, "Transport", *head, "Listen to this article", "6 min", *caption,
                                             *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY[3:]))
    assert [labels[line] for line in caption] == ["boilerplate"] * 2


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("tool", ["4 Min", "Gift this article", "Offrir cet article", "Artikel verschenken",
                                  "Copiar enlace", "Ascolta l’articolo", "Escuchar este artículo",
                                  "Article réservé aux abonnés"])
@pytest.mark.parametrize("where", [3, 4], ids=["head", "body"])
def test_a_site_tool_by_the_story_is_not_the_story(where: int, tool: str, models) -> None:
    """Guidelines 8.1: a site's tool by the story -- a bare reading time, a gift link, a link copier, a player's
    "listen" in another language -- is boilerplate, between the byline and the body (where it is shaped as a
    headline under the date) and between the paragraphs."""
    document = Document.from_text(page_text([*NAV, *STORY[:where], tool, *STORY[where:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[tool] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY)


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("heading", ["ALSO READ:", "Lire aussi", "Mehr zum Thema"])
def test_a_headline_under_a_list_heading_between_the_paragraphs_is_a_teaser(heading: str, models) -> None:
    """Guidelines 8.2: inside the story, the headline of another article under a list heading ("Also read") is a
    teaser item of its own; the heading is boilerplate and the paragraphs around them the story's."""
    promo = "Why the river crossing has cost twice what the city first promised"
    document = Document.from_text(page_text([*NAV, *STORY[:5], heading, promo, *STORY[5:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert (labels[heading], labels[promo]) == ("boilerplate", "teaser")
    assert [span.text for span in annotation.spans if span.label == "teaser"] == [promo]
    assert all(labels[line] == "article" for line in STORY)


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_fact_box_and_credit_after_a_box_of_links_are_the_story(models) -> None:
    """Guidelines 6 and 8.2: after a box of links under the story ("Lesen Sie auch" over a headline), the story's fact
    box -- a sub-heading over a paragraph -- and its credit line ("Mitarbeit: …") are the story's; the tags and the
    comments under them are not."""
    tail = ["Zur Sache", "Die Brücke soll 48 Millionen Euro kosten. Der Bund trägt davon zwei Drittel, das Land den "
            "Rest.", "Mitarbeit: Jana Roth"]
    after = ["Schlagworte", "Brücke | Stadtrat | Verkehr", "Kommentare (12)"]
    document = Document.from_text(page_text([*NAV, *STORY, "Lesen Sie auch",
                                             "Verkehr: Was die neue Brücke für Pendler bedeutet", *tail, *after]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in STORY + tail] == ["article"] * (len(STORY) + len(tail))
    assert [labels[line] for line in after] == ["boilerplate"] * len(after)


def test_the_story_goes_on_after_a_box_of_links_inside_it() -> None:
    """Guidelines 8.2: a box inside the story -- a heading ("READ MORE:") over another story's headline -- is a teaser
    under its boilerplate heading, and the paragraphs after it, which the link's cost cut off from the run, are the
    story's."""
    promo = "Why the river crossing has cost twice what the city first promised"
    tail = ["The mayor said the bridge would be named after the ferry that served the town for a century.",
            "“It carried my grandmother to school,” she said. “It is the least we can do.”"]
    html = (f"<html><body><nav><ul>{''.join(f'<li><a href=/{n}>{n}</a></li>' for n in NAV)}</ul></nav>"
            f"<main><article><div class='article-body'><h1>{STORY[0]}</h1><p>{STORY[1]}</p><p>{STORY[2]}</p>"
            + "".join(f"<p>{line}</p>" for line in STORY[3:])
            + f"<div class='ad-slot'>READ MORE:</div><div class='related-item'><h3><a href='/promo'>{promo}</a></h3>"
            + "</div>" + "".join(f"<p>{line}</p>" for line in tail)
            + "</div></article></main><footer><p>© 2024 Example News. All rights reserved.</p></footer>"
            + "</body></html>").encode()
    labels = html_labels(html, "box.html", Preannotator())
    assert [labels[line] for line in [*STORY[3:], *tail]] == ["article"] * (len(STORY) - 1)
    assert (labels["READ MORE:"], labels[promo]) == ("boilerplate", "teaser")


def test_the_byline_under_a_run_opening_with_its_own_headline_is_the_story() -> None:
    """Guidelines 8.1: a headline long enough to open the story's run keeps the byline under its standfirst -- the
    writer's name, title and dates, which the model reads as widgets -- in the story."""
    headline = ("Heat lingers for hours in the city’s dense housing blocks after sunset, a two-year university study "
                "of sensors finds")
    standfirst = "Researchers used 300 low-cost sensors to map how warm air lingers between the blocks at night."
    byline = ["Jane Doe", "Science Correspondent", "Updated Mar 3, 2024, 05:00 AM", "Published Mar 3, 2024, 05:00 AM"]
    document = Document.from_text(page_text([*NAV, "Science", headline, standfirst, *byline, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [headline, standfirst, *byline, *STORY[3:]]
    assert [labels[line] for line in story] == ["article"] * len(story)
    assert labels["Science"] == "boilerplate"


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("byline", ["Par Hélène Mbaye | Publié le 3 mars 2026 à 19h05", "Von Lukas Brenner, 3. März 2026",
                                    "By Tom Brennan | March 3, 2026"])
def test_a_byline_printed_over_the_headline_is_the_story(byline: str, models) -> None:
    """Guidelines 8.1: a site that prints the byline, with its date or without, right over the story's headline
    prints the story's byline still: it is the story's, the section's label above it is not."""
    headline = ("Heat lingers for hours in the city’s dense housing blocks after sunset, a two-year university study "
                "of sensors finds")
    standfirst = "Researchers used 300 low-cost sensors to map how warm air lingers between the blocks at night."
    document = Document.from_text(page_text([*NAV, "Science", byline, headline, standfirst, *STORY[3:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [byline, headline, standfirst, *STORY[3:]]
    assert [labels[line] for line in story] == ["article"] * len(story)
    assert labels["Science"] == "boilerplate"


@pytest.mark.parametrize("credits", ["Penulis: Tom Brennan | Editor: Ana Ruiz", "Text: Tom Brennan | Photos: Ana Ruiz",
                                     "Yazan: Tom Brennan | Editör: Ana Ruiz | Fotoğraf: Leo Park"])
def test_a_row_of_labelled_credits_under_the_headline_is_the_storys_byline(credits: str) -> None:
    """Guidelines 8.1: the story's credits printed as one row under its headline -- the writer and the editor, or the
    text's and the photos' authors, each under a label of their own, in any language -- are its byline, which makes
    the line over it the headline however far share buttons part the head from the body."""
    headline = "Ferry operator scraps winter timetable as fuel costs soar"
    share = ["Share:", "Facebook", "X", "WhatsApp", "Copy link"]
    document = Document.from_text(page_text([*NAV, "Transport", headline, credits, *share, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [headline, credits, *STORY[3:]]
    assert [labels[line] for line in story] == ["article"] * len(story)
    assert [labels[line] for line in ["Transport", *share]] == ["boilerplate"] * (1 + len(share))


CREDITED_HEADS = {
    "english": (["March 3, 2026 14:05", "Source: Kirkhaven Courier", "By Tom Brennan in Kirkhaven"],
                ["Text size: large medium small", "Share on:"]),
    "chinese": (["2026-03-03 14:05", "来源：北港日报", "记者 李明远 发自广州"], ["字号：大 中 小", "分享到："]),
    # a byline shaped as a headline over the town and the date: no list of two links either
    "town and date": (["By Tom Brennan and Ana Ruiz", "Kirkhaven, North Shore / 03.03.2026 20:15 hrs"],
                      ["Listen", "Share"]),
}


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
@pytest.mark.parametrize("shape", sorted(CREDITED_HEADS))
def test_a_source_between_the_date_and_a_headline_shaped_byline_is_the_storys_head(shape: str, models) -> None:
    """Guidelines 8.1: under a headline that opens the story's run, the story's source printed as a label and its value
    between the date and the byline is the story's head with them; a byline long enough to be shaped as a headline
    ("By Tom Brennan and Ana Ruiz", "记者 李明远 发自广州") and the town and date line under it are no list of two links;
    the widgets under the head are not the story's."""
    head, widgets = CREDITED_HEADS[shape]
    headline = ("Heat lingers for hours in the city’s dense housing blocks after sunset, a two-year university study "
                "of sensors finds")
    standfirst = "Researchers used 300 low-cost sensors to map how warm air lingers between the blocks at night."
    document = Document.from_text(page_text([*NAV, "Science", headline, standfirst, *head, *widgets, *STORY[3:],
                                             *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [headline, standfirst, *head, *STORY[3:]]
    assert [labels[line] for line in story] == ["article"] * len(story)
    assert [labels[line] for line in ["Science", *widgets]] == ["boilerplate"] * (1 + len(widgets))


def test_a_share_button_under_the_bylines_dates_in_a_script_without_capitals_is_no_second_byline() -> None:
    """Guidelines 8.1: under the byline and the story's dates, a share button in a script without capitals ("شارك على
    فيسبوك", share on Facebook) reads as a name under a date; a row that has its byline has no second one there: the
    button is a widget, the byline and the dates are the story's."""
    headline = "مجلس المدينة يقر بناء جسر جديد بعد عقد من التأخير والخلافات حول التكلفة"
    byline = ["سامي الخوري", "نشر: 12.01.2025 | 14:05", "تحديث: 12.01.2025 | 18:30"]
    share = ["شارك على فيسبوك", "شارك على واتساب"]
    document = Document.from_text(page_text([*NAV, "محليات", headline, STORY[3], *byline, *share, *STORY[4:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in [headline, *byline]] == ["article"] * 4
    assert [labels[line] for line in share] == ["boilerplate"] * 2


# A Japanese story's head: the headline and the deck (no spaces between words), the date and the writer's name under
# it, a share widget; then the body and the site's lines.
JAPANESE_HEAD = ["市バス路線の大幅削減案に利用者が反発　運営会社は見直しを検討", "沿線住民ら約200人が説明会に参加、存続を求める声相次ぐ",
                 "2026年3月4日 9時30分", "山田 太郎"]
JAPANESE_BODY = [
    "市営バスの運営会社が示した路線の大幅削減案をめぐり、沿線の住民ら約200人が3日、市内で開かれた説明会に参加し、路線の存続を強く求めた。",
    "説明会では、通院にバスを使う高齢者から「バスがなくなれば病院に行けなくなる」との声が上がった。運営会社の担当者は、利用者の減少と運転手不足を理由に挙げた。",
    "市は来月までに住民の意見をまとめ、運営会社と協議を続ける方針だ。市長は記者団に対し、路線の維持に向けて支援策を検討すると述べた。"]


def test_a_japanese_story_head_is_the_story() -> None:
    """Guidelines 8.1 in a script written without spaces: the headline over its deck (each as long as a headline,
    counted from its letters) and the writer's name under the date are the story's; the share widget is not."""
    document = Document.from_text(page_text(["ニュース", "政治", "経済", *JAPANESE_HEAD, "この記事をシェア", *JAPANESE_BODY,
                                             "Copyright © 2026 東西新報"]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in JAPANESE_HEAD + JAPANESE_BODY] == ["article"] * 7
    assert labels["この記事をシェア"] == "boilerplate"


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_three_word_headline_over_the_standfirst_and_byline_is_the_story(models) -> None:
    """Guidelines 8.1: an obituary's headline of three words ("Jane Hollis obituary") over its standfirst and byline is
    the story's, as a longer one is."""
    head = ["Jane Hollis obituary",
            "Teacher and campaigner who spent four decades fighting for the town’s library and its reading rooms",
            "Tom Brennan", "Mon 3 Mar 2024 16.30 GMT"]
    document = Document.from_text(page_text([*NAV, "Obituaries", *head, *STORY[3:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert labels["Obituaries"] == "boilerplate"


def front_items(document: Document, annotation: Annotation) -> list[str]:
    assert_valid(document, annotation)
    assert not [span for span in annotation.spans if span.label in ("article", "quote")]
    return [span.text for span in annotation.spans if span.label == "teaser"]


def test_a_sections_sub_menu_over_the_first_item_is_not_its_headline() -> None:
    """Guidelines 8.2 and 8.3: a section's sub-menu in title case ("Transit Roads Ferries Airports") over the first
    item's headline is boilerplate: the headline with its summary under it opens the item (headline, summary,
    byline, date, comment count), and the sub-menu line is not made an item with the headline for its summary."""
    submenu = "Transit Roads Ferries Airports"
    items = [["Harbour tunnel tolls to rise by a fifth from January, operator confirms",
              "The operator says maintenance costs have doubled since the tunnel opened. Drivers' groups called the "
              "increase unjustified.", "By Maria Keane", "Nov. 27", "14 comments"],
             ["Ferry operator adds two boats for the summer season", "By Tom Hartley", "Nov. 26", "3 comments"],
             ["Airport expansion plans shelved after cost review", "By Maria Keane", "Nov. 26"]]
    document = Document.from_text(page_text([*NAV, "Transport", submenu, *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[submenu] == "boilerplate"


def test_the_copyright_line_under_a_list_of_headlines_is_no_summary_that_cuts_the_list() -> None:
    """Guidelines 8.2: the page's copyright line under a list of bare headlines reads as prose, but it is no summary
    of the last headline: the headline above it is an item like the others."""
    headlines = ["Harbour result in maps: how every ward swung", "Who voted for the new mayor, and why it matters",
                 "‘They forgot about us’: voters on the quay explain their choice",
                 "Winter fuel payments: what changes from December"]
    document = Document.from_text(page_text([*NAV, *STORY, "Most viewed", *headlines,
                                             "© 2024 Example News Limited or its affiliated companies. All rights reserved."]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == headlines


def test_a_section_front_item_keeps_its_kicker_author_sponsor_and_time() -> None:
    """Guidelines 8.2: the kicker above the headline, the author and the timestamp under the summary, and a
    "Sponsored" badge are inside the item's extent: one teaser span each, none left as boilerplate."""
    items = [["ELECTIONS", "Senate Race Tightens as Both Candidates Court Suburban Voters",
              "With three weeks to go, polls show the contest within the margin of error, and both campaigns are…",
              "By Maria Gonzalez", "2 hours ago"],
             ["CONGRESS", "House Passes Stopgap Funding Bill Hours Before Shutdown Deadline",
              "The measure keeps the government open through mid-December but leaves out aid that the White House "
              "had…", "By Tom Becker", "4 hours ago"],
             ["Sponsored", "How Small Businesses Are Preparing for the New Tax Year",
              "Advice from accountants on the changes that take effect in January and what they mean for…",
              "Paid for by Northway Bank"],
             ["WHITE HOUSE", "President Names New Chief of Staff After Abrupt Resignation",
              "The appointment ends a week of speculation over who would take over the day-to-day running of…",
              "By Priya Natarajan", "Yesterday"]]
    document = Document.from_text(page_text([*NAV, "Politics", *(line for item in items for line in item),
                                             "Load more", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_an_opinion_list_with_the_author_above_each_headline_is_one_span_per_item() -> None:
    items = [["Sarah Mitchell", "The Housing Crisis Will Not Be Solved by Building More Luxury Towers"],
             ["David Chen", "Why the Four-Day Week Deserves a Proper Trial"],
             ["Amira Hassan", "Our Parks Are Being Sold Off One Lease at a Time"]]
    lead = [["Wildfires Force Thousands to Flee as Winds Pick Up", "2 hours ago"],
            ["Central Bank Holds Rates Steady, Signals Cut Early Next Year", "3 hours ago"],
            ["Council Votes to Close Three Libraries Despite Protests", "5 hours ago"]]
    document = Document.from_text(page_text([*NAV, *(line for item in lead for line in item), "Opinion",
                                             *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in lead + items]
    assert labels_by_line(document, annotation)["Opinion"] == "boilerplate"


def test_an_opinion_box_of_two_columnists_over_headlines_read_as_prose_is_one_item_each() -> None:
    """Guidelines 8.2: an opinion box of two items, each a columnist's name over a headline that reads as two sentences
    ("Phones at school? Ask the pupils first"), is one teaser per item; a byline and a picture credit over two lines of
    a story's top are no such box."""
    items = [["Marta Keane", "Phones at school? Ask the pupils first"],
             ["Tom Hartley", "The plan for housing exists. Only on paper, sadly"]]
    document = Document.from_text(page_text([*NAV, "Opinion", *(line for item in items for line in item),
                                             "Advertisement", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]
    top = ["Jane Doe", "Example News transport correspondent", "Getty Images",
           "Commuters queue for a replacement bus outside the central station on Monday"]
    document = Document.from_text(page_text([*NAV, STORY[0], STORY[2], "Share", "Save", *top, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert "Jane Doe\n\nExample News transport correspondent" not in [span.text for span in annotation.spans]


def test_a_list_of_headline_date_summary_items_keeps_each_summary_in_its_item() -> None:
    """Items reading headline, date, summary (one without a summary): the summary under the date is the
    item's, and a question headline after a date opens the next item; counts of results and pages are no
    items."""
    items = [["Record Heat Pushes Power Grid to the Brink in Texas", "March 4, 2024",
              "Grid operators asked residents to conserve electricity as temperatures soared past 40C for a third..."],
             ["EU Agrees Landmark Deal to Cut Methane From Imported Gas", "March 2, 2024",
              "The rules, which take effect in 2027, will require importers to prove that suppliers monitor and..."],
             ["Why Insurers Are Pulling Out of Florida's Coastal Towns", "February 28, 2024"],
             ["Is Now the Right Time to Switch to a Heat Pump at Home?", "February 26, 2024"],
             ["Coal Plant Closures Accelerate Across the Midwest", "February 25, 2024",
              "Utilities in four states announced plans to retire plants years ahead of schedule, citing cheaper..."]]
    document = Document.from_text(page_text([*NAV, "Tag: Climate change", "Showing 1-5 of 243 results",
                                             *(line for item in items for line in item), "Page 1 of 49", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("credit", [
    "Ellen Price reported from Washington. Marcus Reed contributed reporting from Phoenix.",
    "Marcus Reed contributed reporting."])
def test_a_reporting_credit_after_the_body_is_the_story_even_when_the_model_reads_a_bio(credit: str) -> None:
    """Guidelines 6: the closing credit line is the story's; "contributed reporting" also reads like an author bio."""
    document = Document.from_text(page_text([*NAV, *STORY, credit, "Advertisement", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*STORY, credit])


def test_a_read_more_line_the_story_stopped_at_is_a_teaser_and_the_paragraph_under_it_the_story() -> None:
    """Guidelines 8.2: "Read more: <headline>" is a teaser of its own, also where the run of the story ends at it
    (the cue costs like a list heading); the story's short last paragraph under it stays the story's; a tags
    line and a commenter's name are boilerplate, not teaser headlines."""
    cue, last = "Read more: How the city's budget crisis started", "A vote on the budget is scheduled for March 28."
    tags = "Tags: budget, transit, unions, City Hall"
    comments = ["2 Comments", "Why I Love Football says:", "November 19, 2019 at 12:05 pm",
                "This is the worst decision the council has made in years and they know it."]
    document = Document.from_text(page_text([*NAV, *STORY, cue, last, tags, *comments, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in [*STORY, last])
    assert cue in [span.text for span in annotation.spans if span.label == "teaser"]
    assert labels[tags] == labels[comments[1]] == "boilerplate"


def test_a_related_list_keeps_a_question_headline_and_ends_where_its_layout_does() -> None:
    """A headline with a question in it ("Who Is …? The Senator …") is an item's headline when its timestamp is
    under it; a headline-shaped footer line after a list of headline+time items does not follow their layout
    (guidelines 8.2) and is boilerplate."""
    items = [["Border Bill Faces Uncertain Future in the House", "3 hours ago"],
             ["Who Is Rebecca Hart? The Senator Who Keeps Defying Her Party", "Yesterday"],
             ["Okafor Vows to Keep Senate in Session Until Funding Deal Is Done", "2 days ago"]]
    footer = "Published by Associated Newspapers Ltd"
    document = Document.from_text(page_text([*NAV, *STORY, "Related", *(line for item in items for line in item),
                                             footer]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[footer] == "boilerplate"


@pytest.mark.parametrize("author", [[], ["By Maria Gonzalez"], ["Maria Gonzalez"]])
def test_a_home_page_lead_item_with_a_long_summary_is_a_teaser_not_a_story(author: list[str]) -> None:
    """Guidelines 8.5: a home page has no main story. Its lead item's summary is the page's one paragraph of
    prose, but its timestamp under the summary (and its author, with or without "By") opens the page's list of
    timestamped items."""
    items = [["Wildfires Force Thousands to Flee as Winds Pick Up Across California",
              "Firefighters are battling at least a dozen blazes across the state, and officials warned that the "
              "strong, dry winds expected over the weekend could push the flames into towns that have so far been "
              "spared. Evacuation orders now cover more than 40,000 residents.", *author, "Updated 12 minutes ago"],
             ["Central Bank Holds Rates Steady, Signals Cut Early Next Year", "2 hours ago"],
             ["Council Votes to Close Three Libraries Despite Protests", "3 hours ago"],
             ["Hospital Waiting Lists Reach Highest Level in a Decade", "5 hours ago"]]
    document = Document.from_text(page_text([*NAV, *(line for item in items for line in item), *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_lead_item_whose_long_headline_scores_as_prose_is_a_teaser_not_a_story() -> None:
    """Guidelines 8.5: a home page's lead item with a headline long and plain enough to score as prose ("…, the
    minister said on Friday") makes a best run of two lines, headline and summary; the time under the summary
    opens the page's list of timestamped items all the same, so the run is the lead item, not a story, and every
    item keeps its own time."""
    items = [["Regional cabinet approves twelve new medical colleges, and the eastern districts will get the "
              "largest share of the money",
              "The cabinet cleared 28 proposals at its weekly meeting. The health minister said building work would "
              "start in the spring and that the first students could enrol within two years of the decision.",
              "20 November 2026, 11:45"],
             ["Crowd crush averted at riverside festival as police reroute visitors", "20 November 2026, 10:30"],
             ["Second metro line to open in January with nine new stations", "20 November 2026, 09:12"],
             ["Leather exporters warn of closures as foreign orders fall", "19 November 2026, 20:40"]]
    document = Document.from_text(page_text([*NAV, *(line for item in items for line in item), *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_items_with_the_time_above_the_headline_keep_their_own_time() -> None:
    """Guidelines 8.2: the layout is read from the first and last items; when the first item has its time above
    its headline and the last none under its summary, each time opens the item under it."""
    items = [["10:45", "Oil Slips as Traders Weigh Demand Outlook in China",
              "Brent crude fell 0.8% after data showed factory activity shrinking for a second month…"],
             ["10:12", "Shares in Chipmaker Jump 12% After Record Quarter",
              "The company raised its forecast for the full year, citing strong demand from data centres…"],
             ["09:58", "Pound Edges Higher Ahead of Inflation Figures",
              "Sterling rose against the dollar as investors bet the Bank of England will hold rates…"]]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in items for line in item),
                                             "Load more", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_blog_excerpt_item_keeps_its_read_more_link_and_comment_count() -> None:
    items = [["Volunteers Clear Two Tonnes of Rubbish From River Banks", "March 9, 2024",
              "More than 80 volunteers turned out on Saturday for the annual river clean-up, the biggest turnout "
              "in the event's twelve-year history. […]", "Read more", "3 Comments"],
             ["Library Book Sale Raises £4,000 for Children's Reading Scheme", "March 7, 2024",
              "The sale, held over two days in the library's main hall, drew book lovers from across the county. […]",
              "Read more", "No Comments"],
             ["New Skate Park Opens After Five-Year Campaign by Local Teenagers", "March 5, 2024",
              "The park, built on the site of an old tennis court, was opened by the mayor on Tuesday afternoon. […]",
              "Read more", "7 Comments"]]
    document = Document.from_text(page_text([*NAV, "Category: Community", *(line for item in items for line in item),
                                             "Archives", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_live_blog_entries_are_the_story_not_a_timestamped_list() -> None:
    """Guidelines 8.5: a live blog is the main story; its entries (time, heading, paragraphs) carry timestamps
    like a teaser list, but each holds paragraphs of finished sentences, not one summary."""
    entries = [["22:31 GMT", "Turnout appears high in urban areas",
                "Election officials in several large cities said queues were still forming at some polling "
                "stations when they closed, and that anyone in line would be allowed to vote.",
                "“We’ve never seen anything like it in this precinct,” said a polling station supervisor. "
                "“People have been waiting two hours and nobody has left.”"],
               ["22:14 GMT", "Exit poll shows tight race",
                "The first exit poll of the night suggests the two main parties are separated by fewer than three "
                "points, well within the poll’s margin of error.",
                "A senior campaign official told us: “It’s going to be a long night. Nobody should be calling "
                "anything before the small hours.”"],
               ["21:30 GMT", "Polls close in the east",
                "Voting has ended in the eastern half of the country, and counting begins immediately.",
                "The first results are expected shortly before midnight, officials said on Tuesday."]]
    body = [line for entry in entries for line in entry]
    promoted = [line for item in TEASERS for line in item]
    document = Document.from_text(page_text([*NAV, "Election night live: results as polls close", *body,
                                             "Load more", "More on this story", *promoted, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for entry in entries for line in entry[1:])
    assert all(labels[line] == "article" for entry in entries[1:] for line in entry)
    teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    assert teasers[-len(TEASERS):] == ["\n\n".join(item) for item in TEASERS]
    assert len([span for span in annotation.spans if span.label == "quote"]) == 3


def test_a_second_story_appended_below_the_main_one_is_one_teaser() -> None:
    """Guidelines 8.2: a second full story appended below the main one ("Next article") promotes another
    article: one teaser span from its headline to its last line, and its quotations are not labelled."""
    second = ["Library Reopens After Two-Year Renovation", "By Sam Howard",
              "The central library reopened on Saturday after a two-year, $30 million renovation that added a "
              "rooftop garden, a recording studio and twice as many study rooms.",
              "“This building belongs to everyone,” the head librarian said at the ceremony, where hundreds of "
              "people queued to get in before the doors opened.",
              "The library will be open seven days a week, with extended hours during exam season."]
    document = Document.from_text(page_text([*NAV, *STORY, "Next article", *second, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in STORY)
    assert labels["Next article"] == "boilerplate"
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(second)]
    assert "“This building belongs to everyone,”" not in [span.text for span in annotation.spans]


def test_a_story_appended_below_the_pages_lists_is_one_teaser_with_its_closing_credit() -> None:
    """Guidelines 8.2: a second full story appended under the page's lists ("Read next", then "Next article"), away
    from the main story, is one teaser from its headline to its closing credit ("Reporting by …"); the cue is
    boilerplate."""
    read_next = ["Read next", "Harbour Board Names New Chief Executive", "2 hours ago",
                 "Ferry Fares to Rise by a Fifth From January", "4 hours ago"]
    second = ["Library Reopens After Two-Year Renovation", "By Sam Howard", "November 21, 2024 9:02 AM GMT",
              "The central library reopened on Saturday after a two-year, $30 million renovation that added a "
              "rooftop garden, a recording studio and twice as many study rooms.",
              "The library will be open seven days a week, with extended hours during exam season, the council said.",
              "Reporting by Sam Howard in Exeter; Editing by Jane Roe"]
    document = Document.from_text(page_text([*NAV, *STORY, *read_next, "Next article", *second, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in STORY)
    assert labels["Next article"] == "boilerplate"
    assert [span.text for span in annotation.spans if span.label == "teaser"][-1] == "\n\n".join(second)


@pytest.mark.parametrize("headlines", [
    ["Supreme Court to hear Alabama voting map case", "Georgia election law faces new legal challenge",
     "Schumer sets up vote on filibuster rules change"],
    # names make the first more capitalised than the next, but it is no title case
    ["Live: Australia v England, first Test, day two", "Man dies after being pulled from surf at Bondi",
     "Storm warning issued for the coast on Thursday"]])
def test_headlines_in_sentence_case_under_a_list_heading_are_one_item_each(headlines: list[str]) -> None:
    """A headline-shaped line under a headline is its summary only when much longer or in sentence case under
    title case; the next of a list of sentence-case headlines is an item of its own."""
    document = Document.from_text(page_text([*NAV, *STORY, "RELATED", *headlines, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == headlines


@pytest.mark.parametrize(("kicker", "count"), [(False, 5), (True, 5), (False, 3)])
def test_a_section_front_of_headlines_and_full_sentence_summaries_has_no_story(kicker: bool, count: int) -> None:
    """Guidelines 8.5: without timestamps to mark the list, a front's summaries ending in full stops are the
    page's best run of prose; short summaries each right under a headline in title case are a list of items,
    not a story's sections."""
    headlines = ["Storm Knocks Out Power To Thousands Across The Region", "School Board Delays Vote On New Curriculum",
                 "Local Team Wins Championship In Overtime Thriller", "Council Approves Budget After Marathon Session",
                 "Hospital Opens New Emergency Wing Ahead of Winter"]
    summaries = ["Crews worked through the night to restore electricity to homes and businesses.",
                 "The board said it needed more time to review the proposals submitted by parents.",
                 "Fans poured into the streets to celebrate the first title in twenty years.",
                 "The vote came after nine hours of debate and dozens of amendments.",
                 "The wing doubles the number of beds available for emergency patients."]
    kickers = ["WEATHER", "EDUCATION", "SPORT", "POLITICS", "HEALTH"]
    items = [[*([k] if kicker else []), h, s] for k, h, s in zip(kickers, headlines, summaries, strict=True)][:count]
    document = Document.from_text(page_text([*NAV, *(line for item in items for line in item), *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_listicle_of_short_sections_under_its_byline_stays_a_story() -> None:
    """Short paragraphs each under a title-case sub-heading, as on a section front, but under one headline,
    byline and date: the story's sections (guidelines 8.1), not a list of items."""
    sections = [["Visit The Old Harbour", "The harbour dates from the twelfth century and its fish market still "
                 "opens at dawn every day except Sunday."],
                ["Walk The City Walls", "A two-mile path runs along the top of the medieval walls, with views over "
                 "the river and the cathedral."],
                ["Eat At The Covered Market", "Dozens of stalls sell local cheese, bread and pastries; go early to "
                 "avoid the queues at lunchtime."],
                ["See The Cathedral Crypt", "Guided tours leave every hour and take visitors down to the Roman "
                 "foundations under the nave."]]
    head = ["Five Things To Do In Exeter This Summer", "By Sam Writer", "June 3, 2024"]
    document = Document.from_text(page_text([*NAV, *head, *(line for part in sections for line in part), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[part[1]] == "article" for part in sections)
    assert "teaser" not in {labels[line] for part in sections for line in part}


def test_a_story_whose_sections_are_longer_than_one_short_paragraph_stays_a_story() -> None:
    sections = [["Why The Bridge Matters To The City", STORY[3], STORY[4]],
                ["What The Opponents Say About The Cost", STORY[5]],
                ["When The Construction Will Start", STORY[6]],
                ["How Residents Can Follow The Works", "Updates will be posted on the city's website every week."]]
    document = Document.from_text(page_text([*NAV, *STORY[:3], *(line for part in sections for line in part), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[part[1]] == "article" for part in sections)


def test_items_of_headline_author_time_summary_keep_their_summary() -> None:
    """Guidelines 8.2: a list repeats one layout; a summary under an item's author and time closes the item
    when the list's items all read so (one story's headline, byline, date and first paragraph do not)."""
    items = [["Storm Knocks Out Power To Thousands Across The Region", "By Jane Roe", "2 hours ago",
              "Crews worked through the night to restore electricity to homes and businesses."],
             ["School Board Delays Vote On New Curriculum", "By Tom Lee", "3 hours ago",
              "The board said it needed more time to review the proposals submitted by parents."],
             ["Local Team Wins Championship In Overtime Thriller", "By Ann Kim", "5 hours ago",
              "Fans poured into the streets to celebrate the first title in twenty years."]]
    document = Document.from_text(page_text([*NAV, "Latest News", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_picture_credit_inside_an_item_is_part_of_it() -> None:
    """Guidelines 8.2: everything shown inside an item's extent belongs to its teaser, its picture's credit too."""
    items = [[line[0], "Photo: Getty Images", *line[1:]] for line in TEASERS]
    document = Document.from_text(page_text([*NAV, "Latest News", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.from_regex(_NEXT_STORY_RE, fullmatch=True), st.sampled_from(
    ["NEXT STORY", "Next Post »", "next article:", "Next ſtory →", "Next article ›"])))
def test_a_next_story_cue_is_two_words(text: str) -> None:
    """classify_blocks reads the "Next article" regex only for lines of two words: every line it matches has
    two."""
    assert _NEXT_STORY_RE.match(text)
    assert features_of(text).n_words == 2


@pytest.mark.parametrize(("text", "words"), [
    ("विश्लेषण", 1),  # Hindi, "analysis": a kicker's one word, its vowel signs inside it
    ("और पढ़ें", 2),  # "read more"
    ("नदी पर नया पुल बनेगा, काम मार्च से शुरू", 9),  # a headline of nine words
    ("প্রতিবেদন", 1),  # Bengali, "report"
    ("சிறப்பு செய்தி", 2),  # Tamil, "special news"
    ("नदी पर पुल। काम शुरू।", 5),  # the danda ends a sentence: no word
    ("ד״ר נועה ברק", 3),  # Hebrew, "Dr Noa Barak": an abbreviation's gershayim inside its word
    ("רמטכ״ל חדש מונה", 3),  # "new chief of staff appointed"
    ("ג׳ירפה נולדה בגן", 3),  # "a giraffe was born at the zoo": a geresh inside the word
])
def test_words_are_counted_whole_with_the_marks_inside_them(text: str, words: int) -> None:
    """The scripts of India write vowels as combining marks, which are no word characters, and Hebrew marks its
    abbreviations with a gershayim inside the word: a word is counted whole, not cut at each mark (a kicker of one
    word read as a headline of five: ``KICKER_MAX_WORDS``, ``_teaser_head``)."""
    assert features_of(text).n_words == words


def test_initials_hold_every_character_a_case_insensitive_letter_matches() -> None:
    """The case-insensitive engine matches a letter to its other case and to a few letters outside ASCII (long s,
    Kelvin sign, dotted and dotless I): each is among the initials, checked against every character."""
    letters = "abcdefghijklmnopqrstuvwxyz[("
    everything = "".join(map(chr, range(0x10000)))  # no letter beyond the BMP folds to ASCII
    for letter in letters:
        matched = set(re.findall(re.escape(letter), everything, re.IGNORECASE))
        assert matched == set(initials(letter)), letter


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_line_an_anchored_pattern_matches_starts_with_one_of_its_initials(data) -> None:
    """classify_blocks and the teaser items read these patterns only on lines starting with one of their initials."""
    pattern, gate = data.draw(st.sampled_from([(_INLINE_TEASER_RE, _INLINE_TEASER_INITIALS),
                                               (_PHOTO_CREDIT_RE, _PHOTO_CREDIT_INITIALS), (_TAGS_RE, _TAGS_INITIALS),
                                               (FOREIGN_TIMESTAMP_RE, FOREIGN_TIMESTAMP_INITIALS)]))
    text = data.draw(st.from_regex(pattern))
    assert pattern.match(text) and text[:1] in gate


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_badge_is_as_short_as_a_kicker_and_a_paywall_mark_passes_its_gate(data) -> None:
    """_kicker answers a line longer than KICKER_MAX_WORDS without reading the badge patterns: no badge is that
    long; _badge reads the paywall's pattern only on a line its literal gate lets through."""
    pattern = data.draw(st.sampled_from([_BADGE_RE, _PAYWALL_BADGE_RE]))
    text = data.draw(st.from_regex(pattern))
    assert features_of(text).n_words <= KICKER_MAX_WORDS
    assert pattern is _BADGE_RE or _PAYWALL_GATE.could_match(text)


def test_a_page_marked_up_only_with_divs_keeps_its_story() -> None:
    """Markup without paragraph elements or story containers tells the HTML model nothing about the story; read
    as "not story", it would take the body out: such a page is judged by the text model."""
    story = ["Harbour Authority Orders Inquiry Into Ferry Collision",
             "By Tomas Berg",
             "The harbour authority on Thursday ordered an independent inquiry into Monday's collision between two "
             "passenger ferries, which left eleven people with minor injuries.",
             "“We owe the travelling public a full account of what went wrong,” the authority’s chair told reporters "
             "at the terminal. “Nothing will be ruled out.”",
             "Both vessels were taken out of service for inspection, and the operator said replacement boats would run "
             "on the busiest crossings until the end of the month.",
             "Investigators are expected to interview the crews of both ferries and to examine radio recordings from "
             "the harbour control tower over the coming weeks.",
             "The inquiry will report its findings to the regional transport minister by the end of the summer."]
    items = [["Bridge Repairs to Close Coastal Road for Three Weeks", "4 hours ago"],
             ["Fishing Fleet Returns Early as Storm Warning Is Issued", "7 hours ago"]]
    html = ("<html><head><title>" + story[0] + "</title></head><body><div id='w'>"
            + "".join(f"<div class='c1'><a href='/n{n}'>{n}</a></div>" for n in NAV)
            + "".join(f"<div class='c3'>{line}</div>" for line in story)
            + "".join(f"<div class='c7'><div class='c8'><a href='/s{n}'>{item[0]}</a></div><div class='c9'>{item[1]}"
                      "</div></div>" for n, item in enumerate(items))
            + "<div class='c1'><a href='/about'>© 2024 Harbour Herald</a></div></div></body></html>").encode()
    labels = html_labels(html, "divs.html", Preannotator())
    assert [labels[line] for line in story] == ["article"] * len(story)
    assert all(labels[line] == "teaser" for item in items for line in item)


FOREIGN_PAGES = {
    "fr": (["Accueil", "Société", "Culture", "S'abonner"],
           ["Grève des contrôleurs aériens : des centaines de vols annulés samedi",
            "Par Louise Martin",
            "Publié le 4 juin 2024 à 7h15",
            "La direction de l’aviation civile a demandé aux compagnies de réduire leurs programmes de vols de moitié "
            "samedi dans les trois principaux aéroports du pays.",
            "Les syndicats réclament des embauches et une revalorisation des salaires, et disent ne pas avoir été "
            "reçus par le ministère depuis le début du mois.",
            "Les voyageurs sont invités à vérifier l’état de leur vol avant de se rendre à l’aéroport."],
           "À lire aussi", ["Il y a 3 heures", "Il y a 6 heures"]),
    "de": (["Startseite", "Kultur", "Wissen", "Abo"],
           ["Fluglotsen streiken: Hunderte Flüge fallen am Samstag aus",
            "Von Lukas Becker",
            "04.06.2024, 07:15 Uhr",
            "Die Flugsicherung hat die Fluggesellschaften aufgefordert, ihre Flugpläne am Samstag an den drei größten "
            "Flughäfen des Landes um die Hälfte zu kürzen.",
            "Die Gewerkschaft fordert mehr Personal und höhere Löhne und sagt, das Ministerium habe sie seit Anfang "
            "des Monats nicht empfangen.",
            "Reisende sollen den Status ihres Fluges prüfen, bevor sie zum Flughafen fahren."],
           "Mehr zum Thema", ["vor 3 Stunden", "vor 6 Stunden"]),
    "es": (["Portada", "Sociedad", "Cultura", "Suscríbete"],
           ["Huelga de controladores aéreos: cientos de vuelos cancelados el sábado",
            "Por Lucía Romero",
            "Actualizado el 4 de junio de 2024, 07:15",
            "La autoridad de aviación civil pidió a las aerolíneas que redujeran a la mitad sus vuelos del sábado en "
            "los tres principales aeropuertos del país.",
            "Los sindicatos exigen más personal y mejores salarios, y dicen que el ministerio no los ha recibido "
            "desde principios de mes.",
            "Se recomienda a los viajeros comprobar el estado de su vuelo antes de ir al aeropuerto."],
           "Más noticias", ["hace 3 horas", "hace 6 horas"]),
    "it": (["Home", "Cronaca", "Cultura", "Abbonati"],
           ["Sciopero dei controllori di volo: centinaia di voli cancellati sabato",
            "di Giulia Ferri",
            "4 giugno 2024 - 07:15",
            "L’autorità per l’aviazione civile ha chiesto alle compagnie di dimezzare i voli di sabato nei tre "
            "principali aeroporti del Paese.",
            "I sindacati chiedono più personale e salari migliori, e dicono di non essere stati ricevuti dal "
            "ministero dall’inizio del mese.",
            "Si raccomanda ai viaggiatori di controllare lo stato del proprio volo prima di recarsi in aeroporto."],
           "Leggi anche", ["3 ore fa", "6 ore fa"]),
    "nl": (["Home", "Binnenland", "Cultuur", "Abonneren"],
           ["Staking luchtverkeersleiders: honderden vluchten geschrapt op zaterdag",
            "Door Sanne de Vries",
            "4 juni 2024, 07:15",
            "De luchtvaartautoriteit heeft maatschappijen gevraagd hun vluchten op zaterdag op de drie grootste "
            "luchthavens van het land te halveren.",
            "De vakbonden eisen meer personeel en hogere lonen, en zeggen sinds het begin van de maand niet door het "
            "ministerie te zijn ontvangen.",
            "Reizigers wordt aangeraden de status van hun vlucht te controleren voordat ze naar de luchthaven gaan."],
           "Lees ook", ["3 uur geleden", "6 uur geleden"]),
    "pt": (["Início", "Sociedade", "Cultura", "Assine já"],
           ["Greve dos controladores aéreos: centenas de voos cancelados no sábado",
            "Por Ana dos Santos",
            "4 de Junho de 2024, 7:15",
            "A autoridade da aviação civil pediu às companhias que reduzissem para metade os voos de sábado nos três "
            "principais aeroportos do país.",
            "Os sindicatos exigem mais pessoal e melhores salários, e dizem não ter sido recebidos pelo ministério "
            "desde o início do mês.",
            "Recomenda-se aos passageiros que verifiquem o estado do voo antes de irem para o aeroporto."],
           "Leia também", ["há 3 horas", "há 6 horas"]),
}
FOREIGN_HEADLINES = {
    "fr": ["Contrôleurs aériens : ce que prévoit le service minimum", "Trains : le trafic sera perturbé lundi"],
    "de": ["Fluglotsen: Was die Notdienstregeln vorsehen", "Bahn: Am Montag drohen Zugausfälle im Süden"],
    "es": ["Controladores aéreos: qué prevén los servicios mínimos", "Trenes: el tráfico se verá alterado el lunes"],
    "it": ["Controllori di volo: cosa prevedono i servizi minimi", "Treni: circolazione a rischio lunedì"],
    "nl": ["Luchtverkeersleiders: wat de minimale dienstverlening inhoudt", "Treinen: maandag minder ritten"],
    "pt": ["Controladores aéreos: o que prevêem os serviços mínimos", "Comboios: circulação afetada na segunda"],
}


@pytest.mark.parametrize("language", sorted(FOREIGN_PAGES))
def test_bylines_and_times_in_other_languages_are_read(language: str) -> None:
    """Guidelines 8.1 and 8.2 in other languages: the byline ("Par", "Von", "Por", "di", "Door" and a name) and
    the story's date are the story's, and each item's relative time ("il y a 3 heures", "vor 3 Stunden", "hace 3
    horas", "3 ore fa", "3 uur geleden", "há 3 horas") closes its item."""
    nav, story, heading, times = FOREIGN_PAGES[language]
    items = [[headline, time] for headline, time in zip(FOREIGN_HEADLINES[language], times, strict=True)]
    document = Document.from_text(page_text([*nav, *story, heading, *(line for item in items for line in item),
                                             "© 2024"]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in story] == ["article"] * len(story)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize(("ad", "rights"), [
    ("Publicité", "© Le Quotidien SA - Tous droits réservés"),
    ("Anzeige", "Tagesblatt GmbH - Alle Rechte vorbehalten"),
    ("Publicidad", "Diario del Sur S.L. - Todos los derechos reservados"),
    ("Pubblicità", "Corriere Padano S.p.A. - P.IVA 01234560370 - Tutti i diritti riservati"),
    ("Advertentie", "Dagblad B.V. - Alle rechten voorbehouden"),
    ("Publicidade", "Diário do Sul SA - Todos os direitos reservados")])
def test_ad_labels_and_rights_lines_in_other_languages_are_site_furniture(ad: str, rights: str) -> None:
    """Guidelines 8.3: the ad label between a story's paragraphs ("Anzeige", "Pubblicità", "Advertentie") is an
    ad label to the rules and the model, and the "all rights reserved" line ("Tutti i diritti riservati") is
    furniture, as their English ones are."""
    assert line_marks(ad)[1]
    assert features_of(rights).is_furniture


@pytest.mark.parametrize("ad", ["Reklama", "RECLAMĂ", "Annonse", "ΔΙΑΦΗΜΙΣΗ", "Διαφήμιση", "Реклама", "إعلان", "פרסומת",
                                "विज्ञापन", "Quảng cáo", "IKLAN", "Tangazo", "광고"])
def test_the_ad_label_between_the_storys_paragraphs_in_more_languages(ad: str) -> None:
    """Guidelines 8.3: the ad label between a story's paragraphs is the ad slot's in every language a news site
    prints it in -- a Greek one in capitals without its accent -- not a line of the story."""
    assert line_marks(ad)[1]
    document = Document.from_text(page_text([*NAV, *STORY[:5], ad, *STORY[5:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[ad] == "boilerplate"
    assert [labels[line] for line in STORY] == ["article"] * len(STORY)


def test_a_headline_on_a_subscribed_offer_is_no_furniture() -> None:
    """Guidelines 8.3: "subscribed" (an offer subscribed 27 times) is news, not a subscription prompt; "Subscribe"
    and "Subscribers get …" stay the site's furniture."""
    assert not features_of("Harbour Energy’s share sale subscribed 27 times on final day").is_furniture
    assert features_of("Subscribe now").is_furniture
    assert features_of("Subscribers get unlimited access").is_furniture


@pytest.mark.parametrize("headline", ["Watch: Flood waters rise in the valley town", "Video: The goal that won the cup",
                                      "Listen: Why the harbour ferry matters"])
def test_a_media_label_before_a_headline_makes_no_furniture(headline: str) -> None:
    """Guidelines 8.2: "Watch:", "Video:" or "Listen:" before a video's or a podcast's headline is the item's label,
    and the line its headline; the player's buttons alone ("Watch", "Watch live", "Listen now") stay furniture."""
    assert not features_of(headline).is_furniture
    assert features_of("Watch live").is_furniture
    assert features_of("Listen now").is_furniture


def test_a_headline_where_people_share_one_thing_is_no_furniture() -> None:
    """Guidelines 8.3: a share prompt is "Share on …" or "Share this"; a headline where people "share one flat" or
    "share online tips" is news, not the site's share tools."""
    assert not features_of("Four nurses share one flat to beat the rent rise in Hobart").is_furniture
    assert not features_of("Teachers share online tips on coping with the heat").is_furniture
    assert features_of("Share on Facebook").is_furniture
    assert features_of("Share this article").is_furniture


@pytest.mark.parametrize(("text", "timestamp", "byline"), [
    ("il y a 5 min", True, False), ("Mis à jour le 12/03/2024 à 18:30", True, False),
    ("Mardi 12 mars 2024", True, False), ("14h32", True, False),
    ("vor einer Stunde", True, False), ("Aktualisiert am 12. März 2024, 14:20 Uhr", True, False),
    ("hace un día", True, False), ("Publicado: 12 de marzo de 2024", True, False),
    ("Par Claire Dubois", False, True), ("Von Anna Schmidt | Berlin", False, True), ("Por Juan Pérez", False, True),
    ("Par ailleurs, le ministre a refusé", False, False), ("Von Berlin aus fahren Züge", False, False),
    ("Mars attacks the city", False, False), ("Por qué sube el precio", False, False),
    # Italian, Dutch and Portuguese
    ("3 ore fa", True, False), ("un'ora fa", True, False), ("Ieri, 18:30", True, False),
    ("Pubblicato il 12 marzo 2024 alle 18:30", True, False), ("lunedì 3 marzo 2025", True, False),
    ("5 minuten geleden", True, False), ("gisteren", True, False), ("maandag 3 maart 2025, 14:05", True, False),
    ("há 2 dias", True, False), ("27 de Novembro de 2026, 7:30", True, False),
    ("Publicado em 12 de março de 2024", True, False),
    ("Publié le 20 novembre 2026 à 21h14, modifié le 21 novembre 2026 à 08h02", True, False),
    ("Publié le 25 novembre 2026 à 19h02, modifié à 21h15", True, False),
    ("Lecture 4 min.", True, False), ("3 Min. Lesezeit", True, False), ("Leestijd 3 minuten", True, False),
    ("5 min de lectura", True, False), ("3 mins to read", True, False), ("Reading time: 4 minutes", True, False),
    ("4-minute read", True, False),
    # Swiss German's "Publiziert", Russian dates and reading time
    ("Publiziert: 12.03.2024, 14.20 Uhr", True, False), ("12 марта 2024, 18:30", True, False),
    ("3 декабря", True, False), ("Время чтения: 4 минуты", True, False), ("Мая не было дома", False, False),
    ("Oggi si vota", False, False), ("Vandaag in Den Haag", False, False), ("Quinta da Regaleira", False, False),
    ("di Marco Santini", False, True), ("Door Sanne de Vries", False, True), ("Por Ana dos Santos", False, True),
    ("Par Claire Dubois et Julien Moreau", False, True),
    ("di fronte al Comune", False, False), ("Door de regen", False, False),
    # a byline's cue in English beyond "By"
    ("Reporter: Siobhán Ní Bhriain", False, True), ("Reported by Tom Hale", False, True),
    ("By: Jhesset O. Enano - Reporter", False, True), ("Reporters said it was cold", False, False),
])
def test_times_and_bylines_in_other_languages(text: str, timestamp: bool, byline: bool) -> None:
    features = features_of(text)
    assert (features.is_timestamp, features.is_byline) == (timestamp, byline)


@pytest.mark.parametrize(("text", "timestamp"), [
    ("13.55 GMT", True), ("9.30am", True), ("9.30am BST", True), ("Sat 21 Nov 2026 06.00 GMT", True),
    ("12.50 euro", False), ("3.14", False), ("13.55", False)])
def test_a_clock_time_with_a_dot_is_a_timestamp_with_its_zone_or_half_of_the_day(text: str, timestamp: bool) -> None:
    assert features_of(text).is_timestamp == timestamp


def test_a_british_live_blog_keeps_its_entries_a_short_one_among_them() -> None:
    """Guidelines 8.5: a live blog's entries are its story, their times printed "13.55 GMT" included, also when
    one entry is a single paragraph (with its writer and a "Related: …" link under it): the times are no list of
    items."""
    entries = [["14.20 GMT", "Minister: ‘a plan for the railways, not for the roads’",
                "The shadow transport secretary has just responded in the Commons. She said the plan would leave "
                "commuters in the north paying more for slower trains.",
                "“Every commuter in this country will be worse off because of what he has done today.”"],
               ["14.05 GMT", "Watchdog cuts its forecast for passenger numbers",
                "The rail regulator has cut its forecast for passenger journeys next year from 1.9bn to 1.7bn, "
                "citing the slow return of office workers after the pandemic."],
               ["13.40 GMT", "Fares freeze confirmed",
                "The minister confirms a freeze on regulated fares until 2028, which had been widely trailed in "
                "the weekend papers.",
                "He tells MPs: “I am asking the operators to share the burden. That is fair, and I make no apology "
                "for it.”",
                "Opposition MPs jeered. One shouted “Too late!” as he sat down."],
               ["13.15 GMT", "Minister opens his statement",
                "The minister opens his statement by saying the government has “made the choices needed to get the "
                "trains running on time”.",
                "He says: “We will not balance the books on the backs of passengers. We will not cut services.”"]]
    writer, related = "Tom Hale", "Related: Rail regulator’s passenger forecast – November 2026: key points"
    lines = [*NAV, "Rail plan live: minister freezes fares and cuts northern upgrades",
             "The transport secretary says the freeze will be paid for by efficiency savings", "Tom Hale",
             "Wed 26 Nov 2026 14.32 GMT", "Show key events only", *entries[0], "Share", *entries[1], writer, related,
             *entries[2], *entries[3], "Load more updates", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for entry in entries for line in entry)
    assert labels[related] == "teaser"


def test_a_short_list_of_timed_items_under_a_story_is_no_live_blog() -> None:
    """Guidelines 8.2: three items with their times under a story ("Recent Posts") are teasers, also when the
    last one's headline and summary read as two finished sentences: a live blog's entries are told apart by
    their paragraphs between the times, the first gap (a summary cut short) counted."""
    items = [["Council signs plans for the harbour’s summer festival",
              "The festival will move to the old fish market after a decade in the park, organisers said…",
              "3 days ago"],
             ["Minister warns about plans for the northern rail reform",
              "Ana Ferreira confirmed plans for the reform in...", "17 hours ago"],
             ["Union leader: «We never asked for the strike»",
              "The port’s dockers warned about a walkout after talks with the owners broke down on Monday.",
              "47 mins ago"]]
    document = Document.from_text(page_text([*NAV, *STORY, "Recent Posts", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


LIVE_ENTRIES = [
    ["19:05 CET", "Ministers arrive for the emergency summit",
     "The first delegations reached the conference centre shortly after six, under heavy security and in "
     "pouring rain, and went straight into preparatory talks.",
     "“We are here to find an agreement, not to make speeches,” one foreign minister told reporters at the door."],
    ["18:40 CET", "Talks on the grain corridor stall",
     "Negotiators working on the shipping agreement broke off their session after two hours without a joint "
     "text, according to two diplomats who took part.",
     "A spokesperson for the host government said the discussions would resume later in the evening."],
    ["18:10 CET", "Protesters gather outside the venue",
     "Several hundred people assembled behind police barriers along the river, calling for the summit to put "
     "humanitarian aid ahead of trade."],
]


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_live_blogs_headline_and_standfirst_over_two_writers_are_the_story(models) -> None:
    """Guidelines 8.1 and 8.5: above a "Key events" box, the live blog's headline, its standfirst, the byline of two
    writers without its "By" and the date are the story's: the search for the headline comes to the byline first, a
    line shaped as a headline next to the date, and takes the headline and standfirst above it."""
    top = ["Summit live: talks on the grain corridor stall as leaders meet – as it happened",
           "Negotiators say a deal on shipping is ‘not close’ as the last delegations arrive under heavy security",
           "Jane Doe and John Roe", "Wed 26 Nov 2024 19.10 CET"]
    box = ["Key events", "18:40 Talks on the grain corridor stall", "18:10 Protesters gather outside the venue",
           "Show key events only"]
    lines = [*NAV, "World", *top, *box, *(line for entry in LIVE_ENTRIES for line in entry), "Load more", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in top] == ["article"] * len(top)
    assert [labels[line] for line in box] == ["boilerplate"] * len(box)


def test_a_headline_as_long_as_prose_heads_the_standfirst_over_the_byline() -> None:
    """Guidelines 8.1: a headline long enough to read as prose (no full stop) over the standfirst and the byline
    still makes the line between them the standfirst (``_standfirst_over_byline``)."""
    lines = ["Summit live: talks on the grain corridor stall as leaders meet in the rain and protesters gather – as it "
             "happened",
             "Negotiators say a deal on shipping is ‘not close’ as the last delegations arrive under heavy security",
             "Jane Doe and John Roe", "Wed 26 Nov 2024 19.10 CET"]
    from annotation.preannotate.blocks import split_blocks

    blocks = split_blocks(page_text(lines))
    assert _standfirst_over_byline(blocks, [features_of(block.text) for block in blocks], 1)


@pytest.mark.parametrize("markup", ["text", "divs"])
def test_a_live_blog_key_events_box_is_boilerplate_and_its_headline_the_story(markup: str) -> None:
    """Guidelines 8.5: the live blog's headline and summary above a "Key events" box are the story; the box's
    links jump to entries on the same page (time and heading repeated) and are boilerplate, as is "Show key
    events only"; the first entry's time and heading are the story's, and so is an entry after a "Read more"
    line inside the blog."""
    top = ["Summit live: leaders meet as talks on the grain corridor stall",
           "Follow the latest from the emergency summit, with reports from our correspondents in the city."]
    box = ["Key events", "18:40 Talks on the grain corridor stall", "18:10 Protesters gather outside the venue",
           "Show key events only"]
    cue = "Read more: What the grain corridor means for food prices"
    after = ["Load more", "More on this story"]
    lines = [*NAV, *top, *box, *LIVE_ENTRIES[0], *LIVE_ENTRIES[1], cue, *LIVE_ENTRIES[2], *after,
             *(line for item in TEASERS for line in item), *FOOTER]
    if markup == "text":
        document = Document.from_text(page_text(lines))
        annotation = Preannotator().annotate(document)
        assert_valid(document, annotation)
        labels = labels_by_line(document, annotation)
        teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    else:
        def div(line: str) -> str:
            linked = line in box[1:] or line == cue or line in NAV or any(line == item[0] for item in TEASERS)
            return f"<div class='x'><a href='/l'>{line}</a></div>" if linked else f"<div class='x'>{line}</div>"

        html = f"<html><head><title>{top[0]}</title></head><body><div>{''.join(map(div, lines))}</div></body></html>"
        page = parse_html(html.encode(), "live.html")
        document = Document.from_text(page.text, title=page.title)
        annotation = Preannotator().annotate(document, html=page)
        assert_valid(document, annotation)
        labels = labels_by_line(document, annotation)
        teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    assert [labels[line] for line in top] == ["article"] * len(top)
    assert [labels[line] for line in box] == ["boilerplate"] * len(box)
    assert all(labels[line] == "article" for entry in LIVE_ENTRIES for line in entry)
    assert teasers == [cue, *("\n\n".join(item) for item in TEASERS)]


def test_the_headline_printed_again_after_the_body_makes_no_jump_box() -> None:
    """Copies of one heading are no box of links to the story's entries: a page printing its headline in its
    header and again in a strip after the body keeps its headline the story's."""
    text = page_text([*NAV, STORY[0], "POLITICS", STORY[0], *STORY[1:], "POLITICS", STORY[0], *STORY[3:], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    headline = text.index(STORY[0], text.index("POLITICS"))
    assert [span.label for span in annotation.spans if span.start == headline and span.layer == "zone"] == ["article"]


def test_a_standfirst_without_a_full_stop_under_a_title_case_headline_is_not_the_headline() -> None:
    """Guidelines 8.1: a standfirst in sentence case that ends without a full stop (on a quotation's closing
    mark) is shaped like a headline; when the story's run starts with it under a headline in title case, that
    headline is the story's too."""
    headline = "Harbour Board Backs Plan to Deepen Shipping Channel"
    standfirst = 'Fishermen say the dredging would wreck the bay\'s oyster beds "for a generation"'
    text = page_text([*NAV, "BUSINESS", headline, standfirst, "By Ana Silva", "April 2, 2024", *STORY[3:], *FOOTER])
    document = Document.from_text(text)
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in [headline, standfirst, *STORY[3:]]] == ["article"] * 6
    assert labels["BUSINESS"] == "boilerplate"


def test_an_inline_related_link_under_the_standfirst_does_not_cut_it_from_the_story() -> None:
    """Guidelines 8.1 and 8.2: an inline "Related: <headline>" teaser between the standfirst and the body sits
    inside the story; the short standfirst above it stays the story's, not an island the run swept in."""
    standfirst = "The authority said the inquiry would also review how ferries are scheduled at peak times."
    related = "Related: Ferry operator fined over late sailings last winter"
    html = ("<html><head><title>Harbour Authority Orders Inquiry</title></head><body>"
            f"<nav><ul>{''.join(f'<li><a href=/{n}>{n}</a></li>' for n in NAV)}</ul></nav>"
            f"<article><h1>Harbour Authority Orders Inquiry Into Ferry Collision</h1><p>{standfirst}</p>"
            f"<p><strong><a href='/related'>{related}</a></strong></p>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:])
            + "</article><footer><p>© 2024 Harbour Herald</p></footer></body></html>").encode()
    labels = html_labels(html, "related.html", Preannotator())
    assert labels[related] == "teaser"
    assert [labels[line] for line in [standfirst, *STORY[3:]]] == ["article"] * 5


def test_a_headline_and_its_deck_above_the_byline_are_both_the_story() -> None:
    """Guidelines 8.1: the headline and the deck under it, both without a full stop, are the story's; the
    search for the headline comes to the nearer one first, whichever path marks the other."""
    headline = "Mayor: ‘We will not close a single library this year’"
    deck = "City Hall rules out branch closures as council tax row deepens"
    lines = [*NAV, "POLITICS", headline, deck, "By Ana Silva", "April 2, 2024", *STORY[3:], *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in [headline, deck, "By Ana Silva", "April 2, 2024"]] == ["article"] * 4
    assert labels["POLITICS"] == "boilerplate"
    html = (f"<html><head><title>{headline}</title></head><body><nav><ul>"
            + "".join(f"<li><a href=/{n}>{n}</a></li>" for n in NAV) + "</ul></nav><div class='section'>POLITICS</div>"
            f"<article><h1>{headline}</h1><p>{deck}</p><p>By Ana Silva</p><p>April 2, 2024</p>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in STORY[3:]) + "</article></body></html>").encode()
    labels = html_labels(html, "deck.html", Preannotator())
    assert [labels[line] for line in [headline, deck, "By Ana Silva", "April 2, 2024"]] == ["article"] * 4


def test_a_link_address_above_the_headline_is_no_headline_of_a_deck_pair() -> None:
    """A link's address has many words by the word pattern but is one word between spaces: no headline."""
    address = "https://www.example.com/news/city/article/Council-approves-new-bridge-after-decade-of-delays-1234.php"
    document = Document.from_text(page_text([*NAV, address, STORY[0], STORY[2], *STORY[3:], *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert labels[address] != "article"
    assert all(labels[line] == "article" for line in [STORY[0], *STORY[2:]])


def test_the_byline_among_the_story_top_lines_is_the_story_whatever_the_model_reads() -> None:
    """Guidelines 8.1: the byline under the standfirst is the story's. The learned model, trained on article
    bodies that leave bylines out, would take it out of the run, and the standfirst and date with it."""
    top = ["Shipyard to Cut 1,200 Jobs as Orders Dry Up",
           "The company said the cuts, mostly at its northern yards, were needed to survive a slump in orders.",
           "By Maria Lund, Industry Reporter", "March 12, 2024"]
    related = "Related: Steel prices fall for a fourth month as demand weakens"
    document = Document.from_text(page_text([*NAV, "Business", *top, related, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in [*top, *STORY[3:]]] == ["article"] * 8
    assert labels[related] == "teaser"


def _time_vetoing_model():
    """A text model that reads every line as article but a time, which it takes out."""
    import numpy as np

    from annotation.preannotate.learned import LogisticModel, feature_names

    names = feature_names("text")
    weights = np.array([-8.0 if name == "timestamp" else 0.0 for name in names])
    return {"text": LogisticModel(names, np.zeros(len(names)), np.ones(len(names)), weights, 3.0)}


def _vetoing_model(*names: str):
    """A text model that reads every line as article but those with one of the features ``names``, which it takes
    out."""
    import numpy as np

    from annotation.preannotate.learned import LogisticModel, feature_names

    features = feature_names("text")
    weights = np.array([-8.0 if name in names else 0.0 for name in features])
    return {"text": LogisticModel(features, np.zeros(len(features)), np.ones(len(features)), weights, 3.0)}


STRIKE_ENTRIES = [
    ["16:48", "Talks adjourn for the evening",
     "The talks between the union and the port authority have been adjourned until tomorrow morning, a spokesperson "
     "for the mediator said outside the building.",
     "Neither side stopped to speak to reporters, but a union official said earlier that a deal was “not close”.",
     "The mediator is expected to put a revised offer to both sides when they return at nine o’clock.",
     "Dara Ní Chuinn"],
    ["14:02", "Picket line at the north gate",
     "About forty dockers are on the picket line at the north gate, where lorries have been queueing since dawn "
     "and drivers say they were given no notice.",
     "One driver, who had come from the midlands overnight, said he would wait until the evening before turning "
     "back with his load.",
     "Gardaí have closed one lane of the quay road to let traffic pass the queue."],
    ["09:30", "Good morning", "Welcome to our coverage of the second day of the dockers’ strike at the port."]]


@pytest.mark.parametrize("vetoed", [("timestamp",), ("timestamp", "headline_like")], ids=["times", "headings"])
def test_a_live_blog_whose_entry_times_the_model_takes_out_keeps_its_entries(vetoed: tuple[str, ...]) -> None:
    """Guidelines 8.5: a live blog's entries -- time, heading, text, the writer's name under it (an ad label between
    it and the next entry) -- are the story's, also when the model takes every bare time out, and their headings too;
    the last entry, short, is no island."""
    top = ["Dockers’ strike day two: talks adjourn as port stays shut",
           "Follow the latest on the strike that has closed the port for a second day."]
    lines = [*NAV, *top, *STRIKE_ENTRIES[0], "Advertisement", *STRIKE_ENTRIES[1], *STRIKE_ENTRIES[2], "Load more",
             *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator(models=_vetoing_model(*vetoed)).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    entries = [line for entry in STRIKE_ENTRIES for line in entry]
    assert [labels[line] for line in entries] == ["article"] * len(entries)
    assert [labels[line] for line in ["Advertisement", "Load more"]] == ["boilerplate"] * 2


@pytest.mark.parametrize("vetoed", [("timestamp", "title_case"), ("timestamp", "headline_like", "title_case")],
                         ids=["times", "headings"])
def test_a_live_blog_entrys_writer_above_its_link_to_another_story_is_the_story(vetoed: tuple[str, ...]) -> None:
    """Guidelines 8.5 in Dutch: the writer's name closing an entry is the story's also when the entry's link to
    another story ("Lees ook: …", a teaser) stands between it and the next entry's time, as an ad label may, and
    the model takes the name out (a short title-case line, as it reads a teaser's headline)."""
    top = ["Storm boven de Noordzeekust: veerdiensten liggen stil",
           "Volg hier het laatste nieuws over de storm die de kust sinds vannacht teistert."]
    entries = [["17:25", "Veerboot naar de eilanden vaart morgen weer",
                "De rederij laat weten dat de eerste boot morgenochtend om half acht vertrekt, als de wind tegen die "
                "tijd is afgenomen zoals het weerinstituut verwacht.",
                "Reizigers die vandaag niet mee konden, mogen hun kaartje morgen zonder extra kosten gebruiken.",
                "Marloes Verbeek"],
               ["15:10", "Boom valt op geparkeerde auto’s",
                "In het centrum van de badplaats is een grote boom op drie geparkeerde auto’s gevallen; niemand "
                "raakte gewond, meldt de brandweer.",
                "De straat blijft tot het einde van de middag afgesloten terwijl de boom in stukken wordt gezaagd.",
                "Omwonenden wordt gevraagd binnen te blijven zolang de windstoten aanhouden."],
               ["08:45", "Goedemorgen", "Welkom bij ons liveblog over de storm langs de kust."]]
    link = "Lees ook: Waarom de stormvloedkering dit jaar al twee keer dicht moest"
    lines = [*NAV, *top, *entries[0], link, *entries[1], *entries[2], "Meer laden", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator(models=_vetoing_model(*vetoed)).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for entry in entries for line in entry] == ["article"] * sum(map(len, entries))
    assert labels[link] == "teaser"


@pytest.mark.parametrize("vetoing", [False, True], ids=["committed", "vetoes-times"])
def test_a_french_live_blog_keeps_its_entry_times_and_its_box_heading_is_no_headline(vetoing: bool) -> None:
    """Guidelines 8.5 in French: entry times printed "14h10" are the story's, also when the model takes a bare
    time out (the box names the entries); the key-events box's heading ("Les moments clés") is boilerplate, not
    the headline, which stands above it, its kicker ("EN DIRECT.") included."""
    top = ["EN DIRECT. Inondations dans le Sud-Ouest : les pompiers mobilisés toute la nuit",
           "Suivez en direct la situation dans les départements touchés, avec nos correspondants sur place."]
    box = ["Les moments clés", "16h05 Les écoles fermées vendredi dans trois départements",
           "15h20 Le Premier ministre attendu sur place"]
    entries = [["16h40", "Des routes coupées autour de Toulouse",
                "La préfecture a annoncé la fermeture de plusieurs routes départementales en fin d'après-midi, en "
                "raison de la montée des eaux.",
                "« La situation reste très tendue », a déclaré le préfet lors d'un point presse."],
               ["16h05", "Les écoles fermées vendredi dans trois départements",
                "Le rectorat a demandé aux familles de garder les enfants à la maison, les transports scolaires "
                "étant suspendus jusqu'à nouvel ordre.",
                "Les cours reprendront lundi si la décrue se confirme, selon le ministère."],
               ["15h20", "Le Premier ministre attendu sur place",
                "Le chef du gouvernement doit se rendre samedi dans les communes les plus touchées pour rencontrer "
                "les élus et les sinistrés.",
                "Il annoncera à cette occasion le déblocage d'un fonds d'urgence, précise Matignon."]]
    lines = [*NAV, *top, *box, *(line for entry in entries for line in entry), "Charger plus", "© 2024"]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator(models=_time_vetoing_model() if vetoing else None).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in top] == ["article"] * len(top)
    assert [labels[line] for line in box] == ["boilerplate"] * len(box)
    assert all(labels[line] == "article" for entry in entries for line in entry)


@pytest.mark.parametrize("heading", ["Das könnte Sie auch interessieren", "À lire aussi", "Te puede interesar",
                                     "Passend zum Artikel", "Ne manquez pas", "Ver también", "Leggi anche",
                                     "Altri articoli", "I più letti", "Lees ook", "Meer nieuws", "Meest gelezen",
                                     "Leia também", "Mais lidas", "Läs också", "Читайте также", "関連記事"])
def test_list_headings_in_other_languages_are_boilerplate(heading: str) -> None:
    """Guidelines 8.3: a heading above a list of promoted items is boilerplate in any language, not the headline
    of a first item."""
    items = [["Stadtwerke erhöhen die Preise für Fernwärme"], ["Neue Radwege: Baustart im Frühjahr"],
             ["Bibliothek verlängert die Öffnungszeiten"]]
    document = Document.from_text(page_text([*NAV, *STORY, heading, *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert labels_by_line(document, annotation)[heading] == "boilerplate"
    assert [span.text for span in annotation.spans if span.label == "teaser"] == [item[0] for item in items]


def test_badges_above_items_are_inside_them_but_a_badge_heading_a_list_is_not() -> None:
    """Guidelines 8.2: a badge ("Analysis", "Video", "Kommentar") is inside its item's extent: between two items,
    and above a list's first item under the list's heading or when the list shows other badges; a badge word
    alone above items of one layout is their heading (boilerplate). A badge and a name between items make no
    kicker layout: the name is not the next item's kicker."""
    lead = [["Live Updates", "Senate Passes Stopgap Funding Bill Hours Before Deadline",
             "The House is expected to vote on the measure on Friday morning, leaders said."],
            ["Trump Says He Will Sign the Bill as Soon as It Arrives"],
            ["Analysis", "Why the January Health Care Fight Could Be Worse Than This One"],
            ["Federal Workers Breathe a Sigh of Relief for Now", "2 hours ago"]]
    name = "Stephen Collinson"
    more = [["Video", "See the Moment a Sinkhole Swallows Two Cars in Florida", "1:14"],
            ["Israel and Hamas Trade Accusations Over Ceasefire Violations"],
            ["Storm Warning Issued for Coastal Areas on Thursday"]]
    opinion = [["The Housing Crisis Will Not Be Solved by Building More Luxury Towers", "3 hours ago"],
               ["Why the Four-Day Week Deserves a Proper Trial in Every Office", "5 hours ago"]]
    document = Document.from_text(page_text([*NAV, *(line for item in lead[:3] for line in item), name, *lead[3],
                                             "More top stories", *(line for item in more for line in item), "Opinion",
                                             *(line for item in opinion for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in lead + more + opinion]
    assert labels_by_line(document, annotation)["Opinion"] == "boilerplate"


def test_a_badge_over_items_of_one_layout_is_theirs_when_one_below_shows_a_badge_too() -> None:
    """A badge between two items over items of one layout is no heading when an item further down shows a badge
    of its own ("Tribune" under "Vidéo")."""
    items = [["Analyse", "Le gouvernement présente un budget d'austérité pour l'année prochaine",
              "Le texte prévoit des économies importantes dans plusieurs ministères.", "By Claire Dubois",
              "2 hours ago"],
             ["Vidéo", "Les images de la tempête qui a frappé la Bretagne cette nuit", "3 hours ago"],
             ["Tribune", "Pourquoi l'Europe doit investir davantage dans la recherche publique", "5 hours ago"]]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in items for line in item), *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_time_first_list_with_badges_and_second_times_is_cut_before_each_time() -> None:
    """Guidelines 8.2: the first item shows its time above its headline; every item ends in the next one's time
    and a headline is left under the last: each run of times ("Posted …", "Updated …") opens the item under it,
    with the badge between its time and headline."""
    items = [["Posted Sat 22 Nov 2026 at 4:10am", "Australia Wins Bid to Host COP31 After Deal With Turkey",
              "The agreement means the summit will be held in Adelaide, with Turkey chairing the talks."],
             ["Posted Fri 21 Nov 2026 at 9:30pm", "Updated Sat 22 Nov 2026 at 1:02am",
              "Great Barrier Reef Suffers Sixth Mass Bleaching Event in Nine Years"],
             ["Posted Thu 20 Nov 2026 at 11:44pm", "Analysis",
              "Why Labor's 2035 Target Is a Political Gamble It Cannot Afford to Lose", "By Tom Crowley"],
             ["Posted Tue 18 Nov 2026 at 8:00pm", "Video", "Drone Footage Shows Scale of Murray River Fish Kill",
              "Duration: 2 minutes 11 seconds"],
             ["Posted Tue 18 Nov 2026 at 10:16am", "Coal Exports Fall to Lowest Level in a Decade as Demand Slows"]]
    document = Document.from_text(page_text([*NAV, "Topic:", "Climate Change", "Follow",
                                             *(line for item in items for line in item), "Show More", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_time_first_list_takes_headlines_that_read_as_two_sentences() -> None:
    """Guidelines 8.2: a list's layout is read from its first item. Under a time above each headline, a headline
    that reads as two sentences ("Bridge closed. Detour until March", one closing on a quotation or a question) is
    the item's headline: the times tell the list; a day's name between two items parts them."""
    items = [["14:20", "Council passes budget. Opposition: “A budget built on debt”"],
             ["12:05", "Old bridge closed. Detour to last until March"],
             ["21:40", "Warehouse fire near the ring road. Nobody was hurt"],
             ["18:15", "New train timetable from 14 December. What changes?"]]
    blocks = [*NAV, "Latest", "Today", *items[0], *items[1], "Yesterday", *items[2], *items[3], *FOOTER]
    document = Document.from_text(page_text(blocks))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_items_keep_their_comment_counts_in_other_languages_and_short_times() -> None:
    """Guidelines 8.2: the comment count an item shows ("312 Kommentare", "45 commentaires", "1,204", "88") and its
    time cut to a number and a unit ("2h") are inside the item; page numbers after the list are not."""
    items = [["Bayern Gewinnt Den Klassiker Gegen Dortmund Nach Zwei Toren Von Kane",
              "Harry Kane hat den FC Bayern mit zwei Toren zum Sieg gegen Borussia Dortmund geschossen.",
              "312 Kommentare"],
             ["Le Gouvernement Présente Son Budget Pour L'année Prochaine",
              "Le texte prévoit des économies importantes dans plusieurs ministères et une hausse des impôts.",
              "45 commentaires"],
             ["Council Votes to Close Three Libraries Despite Protests",
              "The decision follows months of campaigning by residents who say the branches are vital.",
              "1,204"],
             ["Rail Strike Called Off After Last-Minute Talks Succeed",
              "Unions said the offer met their main demands on pay and working hours.", "88"],
             ["Hospital Waiting Lists Reach Highest Level in a Decade", "2h"]]
    pages = ["1", "2", "3"]
    document = Document.from_text(page_text([*NAV, "Latest News", *(line for item in items for line in item),
                                             *pages, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert [labels_by_line(document, annotation)[page] for page in pages] == ["boilerplate"] * 3


def test_a_scores_widget_is_no_list_of_items() -> None:
    """A match result ("FC Bayern München 3:1 Borussia Dortmund") promotes no article: boilerplate, not a teaser
    headline; a headline about a match, with words in lower case, is one."""
    results = ["FC Bayern München 3:1 Borussia Dortmund", "RB Leipzig 2:2 VfB Stuttgart",
               "Bayer 04 Leverkusen 1:0 SC Freiburg"]
    items = [["Leipzig throw away a 2-0 lead in stoppage time against Stuttgart", "3 hours ago"],
             ["Wirtz ruled out for weeks after injury in training", "5 hours ago"]]
    document = Document.from_text(page_text([*NAV, "Results", *results, "All matches",
                                             *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert all(labels_by_line(document, annotation)[line] == "boilerplate" for line in results)


def test_an_arabic_front_keeps_its_items_times_badges_and_running_times_and_leaves_out_its_scores() -> None:
    """Guidelines 8.2 in Arabic, a script without case: a match result ("النسور 3 - 1 الصقور") is no headline though
    none of its words is in lower case; an item's time told relative to now ("منذ ساعتين", "منذ 5 ساعات") or its date
    ("12 نوفمبر 2026") closes it; a video's badge ("فيديو") above its headline and its labelled running time
    ("المدة: 2:15") under it are inside it."""
    results = ["النسور 3 - 1 الصقور", "الشاطئ 0 - 0 الجبل"]
    items = [["النسور يفوزون على الصقور ويتصدرون الترتيب العام",
              "سجل المهاجم هدفين في الشوط الثاني وقاد فريقه إلى فوز مهم خارج ملعبه...", "منذ ساعتين"],
             ["مدرب الشاطئ: «سنعود أقوى في المباراة المقبلة»", "منذ 5 ساعات"],
             ["فيديو", "أهداف مباراة النسور والصقور كاملة", "المدة: 2:15"],
             ["اتحاد الكرة يحدد موعد بداية بطولة الكأس", "12 نوفمبر 2026"]]
    document = Document.from_text(page_text(["الرئيسية", "سياسة", "رياضة", "نتائج", *results,
                                             *(line for item in items for line in item), "إعلان", "جميع الحقوق محفوظة © 2026"]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert all(labels_by_line(document, annotation)[line] == "boilerplate" for line in results)


@pytest.mark.parametrize("video", [["视频", "直击边境难民营　寒冬将至物资短缺", "02:48", "8小时前"],
                                   ["Video", "Inside the Border Camp as Winter Closes In", "2:48", "8 hours ago"]])
def test_a_video_item_keeps_its_badge_running_time_and_the_time_under_it(video: list[str]) -> None:
    """Guidelines 8.2: a video's badge above its headline ("视频", "Video"), its running time printed as a bare clock
    under it ("02:48") and the item's own time under that ("8小时前", "8 hours ago") are one item; the clock does
    not close the item before its time."""
    items = [["瓦兰大选落幕　新总统呼吁团结", "执政联盟在国会选举中取得过半席次，新当选总统在胜选演说中呼吁各党派放下歧见……", "3小时前"]
             if video[0] == "视频" else
             ["Election Ends With a Call for Unity", "The governing alliance won a majority, and the new president "
              "called on the parties to put their differences aside…", "3 hours ago"], video]
    document = Document.from_text(page_text([*NAV, "Top stories", *(line for item in items for line in item),
                                             "Advertisement", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("badge", ["ΑΝΑΛΥΣΗ", "Ανάλυση", "ΒΙΝΤΕΟ"])
def test_a_greek_badge_above_an_items_headline_is_inside_the_item(badge: str) -> None:
    """Guidelines 8.2: a badge above an item's headline is the item's, in Greek too, printed in capitals without its
    accents ("ΑΝΑΛΥΣΗ") or with them ("Ανάλυση")."""
    items = [["Ρεύμα: νέα αύξηση στα τιμολόγια από τον Δεκέμβριο", "26/11/2023 09:40"],
             [badge, "Γιατί οι τιμές στο ράφι δεν πέφτουν ακόμη", "24/11/2023 07:00"],
             ["Ενοίκια: πόσο αυξήθηκαν μέσα σε έναν χρόνο", "22/11/2023 12:30"]]
    document = Document.from_text(page_text(["Αρχική", "Οικονομία", "Κόσμος", "Ετικέτα: Ακρίβεια",
                                             *(line for item in items for line in item), "Όροι χρήσης"]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_search_result_headed_photos_is_an_item_not_a_picture_credit() -> None:
    """A line shaped like a picture credit ("Photos: …") with a date under it is the next item's headline; a badge
    under the last item's date ("Gallery") is inside it."""
    items = [["Light Rail Crash in Rainier Valley Injures Three", "Oct. 22, 2026",
              "A car turning left collided with a southbound train on Martin Luther King Jr. Way South…"],
             ["Everett Light Rail Extension Could Cost $2 Billion More Than Planned", "Oct. 15, 2026",
              "A new estimate puts the 16-mile line at $8.1 billion…"],
             ["Photos: Opening Day on the Eastside Light Rail", "Oct. 5, 2026", "Gallery"]]
    document = Document.from_text(page_text([*NAV, "Showing 1-3 of 1,482 results",
                                             *(line for item in items for line in item), "Previous", "Next",
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("controls", [["Sort by: Relevance | Date", "Date range: Past year"],
                                      ["Sortieren nach: Relevanz | Datum", "Zeitraum: Letzte 12 Monate"]])
def test_search_controls_are_boilerplate_and_each_result_keeps_its_section(controls: list[str]) -> None:
    """Guidelines 8.2 and 8.3: a search page's sort order and filters are no headlines; each result is one item,
    with its section (or author) printed between its headline and its date, and its summary under the date."""
    items = [["Harbour board approves plan for new ferry terminal", "News", "24 November 2026",
              "The board voted six to three in favour of the scheme, which includes a new car park and…"],
             ["Ferry fares to rise by a fifth from January", "Business", "2 November 2026",
              "Operators blamed higher fuel costs and a shortage of crew for the increase…"],
             ["Letters: The harbour deserves better than a car park", "Opinion", "30 October 2026"],
             ["What the new terminal means for parking on the quay", "Anna Berg", "12 October 2026",
              "About 140 spaces would be lost from the quayside, with a new multi-storey promised…"]]
    document = Document.from_text(page_text([*NAV, "Search", "ferry terminal", "About 214 results", *controls,
                                             *(line for item in items for line in item), "1 2 3 4 5 … 22 Next",
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in controls] == ["boilerplate"] * len(controls)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_search_results_keep_a_badge_printed_as_their_section_and_a_gallery_result_is_its_own_item() -> None:
    """Guidelines 8.2: a search result's section between its headline and date is the item's, and so is the summary
    under the date when the section is a badge ("Opinion"); a gallery's headline ("Photos: …") with its own section
    and date under it opens the next result, it is no picture credit of the result above."""
    items = [["Harbour board approves plan for new ferry terminal", "News", "24 November 2026",
              "The board voted six to three in favour of the scheme, which includes a new car park and…"],
             ["Letters: The harbour deserves better than a car park", "Opinion", "20 November 2026",
              "Readers respond to our coverage of the terminal plans and the loss of parking…"],
             ["Ferry fares to rise by a fifth from January", "Business", "2 November 2026",
              "Operators blamed higher fuel costs and a shortage of crew for the increase…"],
             ["Photos: Opening Day at the Harbour Market", "Gallery", "11 October 2026"],
             ["What the new terminal means for parking on the quay", "News", "12 October 2026",
              "About 140 spaces would be lost from the quayside, with a new multi-storey promised…"]]
    document = Document.from_text(page_text([*NAV, "Search", "ferry terminal", "About 214 results",
                                             *(line for item in items for line in item), "1 2 3 4 5 … 22 Next",
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_search_results_closed_by_their_dates_keep_the_summaries_under_the_dates() -> None:
    """Guidelines 8.2: search results read headline, section, date and, for some, a summary cut short under the date.
    The dates close their items, and a summary under a date is that item's: a summary never opens an item. A
    result whose headline reads as two sentences ("Column: I asked … Here is what they said.") is one item too."""
    items = [["Harbour board approves plan for new ferry terminal", "News", "24 November 2026",
              "The board voted six to three in favour of the scheme, which includes a new car park and…"],
             ["Ferry fares to rise by a fifth from January", "Business", "20 November 2026"],
             ["Operators blame fuel costs for a winter of cancelled crossings", "News", "18 November 2026",
              "Nine sailings in ten went ahead last winter, down from nearly all of them before the pandemic…"],
             ["Column: I asked six skippers about the new rules. Here is what they said.", "Opinion",
              "12 November 2026"],
             ["Quay residents object to the terminal's new floodlights", "News", "9 November 2026",
              "Neighbours say the lights, which stay on all night, have kept them awake since October…"],
             ["Island council backs a cheaper fare for commuters", "News", "2 November 2026"]]
    document = Document.from_text(page_text([*NAV, "Search", "ferry terminal", "About 214 results",
                                             *(line for item in items for line in item), "1 2 3 4 5 … 22 Next",
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_german_search_results_keep_kickers_paywall_marks_bylines_and_dates() -> None:
    """Guidelines 8.2: each search result is one item -- its paywall mark ("F+ (abopflichtiger Inhalt)") and kicker
    above the headline, the summary, the byline ("Von …") and the date under it; the page's count and sort order
    are boilerplate."""
    items = [["Verkehr", "„Wir warten seit einer Stunde“",
              "In Köln fallen am Morgen die meisten Stadtbahnen aus. Pendler erzählen von ihrem Weg zur Arbeit.",
              "Von Jana Keller", "26. November 2026"],
             ["F+ (abopflichtiger Inhalt)", "Nahverkehr", "Warum die Tickets nicht das eigentliche Problem sind",
              "Die Stadt wollte bis 2025 zwanzig neue Linien eröffnen. Geschafft hat sie keine drei. Eine Analyse …",
              "Von Paul Brenner", "21. November 2026"],
             ["Stadtrat", "Stadtrat beschließt neue Taktung für den Winter", "22. Oktober 2026"],
             ["Pendler", "Monatskarte kostet in Köln jetzt 98 Euro",
              "Eine Auswertung des Verkehrsverbunds zeigt: In keiner Stadt ist sie teurer …", "3. Oktober 2026"],
             ["F+ (abopflichtiger Inhalt)", "Verkehr in Wien", "Kann Köln von der Jahreskarte lernen?",
              "Von Eva Hofer", "14. September 2026"]]
    document = Document.from_text(page_text([*NAV, "Suchergebnisse für „Stadtbahn“", "312 Ergebnisse",
                                             "Sortieren nach: Relevanz | Datum",
                                             *(line for item in items for line in item), "Nächste Seite", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


EPISODES = [["Episode 98", "The village that moved uphill",
             "Flooded three winters running, a river village voted to rebuild on the ridge. Who went, and who stayed?",
             "26 November 2026", "38 min", "Play"],
            ["Episode 97", "Who owns the tide?",
             "A tidal power scheme promises cheap electricity. Fishers and sailors want a say in where it goes.",
             "19 November 2026", "42 min", "Play"],
            ["Episode 96", "The last ferry run",
             "A night with the crew who take the last boat across the sound before the winter timetable.",
             "12 November 2026", "29 min", "Play"],
            ["Episode 95", "Counting the puffins",
             "Every pair on the island has a burrow number. Meet the warden who knows them all.",
             "5 November 2026", "33 min", "Play"]]


@pytest.mark.parametrize("markup", ["divs", "paragraphs"])
def test_a_podcast_page_is_a_front_of_episodes_under_the_shows_own_name(markup: str) -> None:
    """Guidelines 8.2 and 8.5: a podcast's page is a front: each episode (number, title, summary, date, duration,
    "Play") is one item -- its summaries are no story, however the page marks them, since each carries its
    date -- and the show's name (the page title's) and description above the list are the page's own, no
    item."""
    show = ["The Long Listen Weekly",
            "Every week, one of our reporters takes you deep inside a single story from the coast."]
    tag = "div" if markup == "divs" else "p"

    def card(episode: list[str]) -> str:
        number, title, summary, *rest = episode
        return (f"<li><div>{number}</div><h3><a href='/e/{number[-2:]}'>{title}</a></h3><{tag}>{summary}</{tag}>"
                + "".join(f"<div>{line}</div>" for line in rest) + "</li>")

    html = ("<html><head><title>The Long Listen Weekly | Podcasts | Coast Radio</title></head><body>"
            "<nav><a href='/'>Coast Radio</a><a href='/news'>News</a><a href='/podcasts'>Podcasts</a></nav><main>"
            f"<h1>{show[0]}</h1><{tag}>{show[1]}</{tag}><h2>Latest episodes</h2><ul>"
            + "".join(card(episode) for episode in EPISODES)
            + "</ul></main><footer><a href='/about'>About</a><span>© 2026 Coast Radio</span></footer></body></html>")
    page = parse_html(html.encode(), "podcast.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert front_items(document, annotation) == ["\n\n".join(episode) for episode in EPISODES]
    assert [labels_by_line(document, annotation)[line] for line in show] == ["boilerplate"] * 2


@pytest.mark.parametrize("heading", ["Around the Web", "Promoted Stories", "Contenuti sponsorizzati"])
def test_promoted_stories_keep_their_advertisers(heading: str) -> None:
    """Guidelines 8.2: in a widget of promoted stories from other sites, each item is its headline and the
    advertiser's name under it, with its label ("Cruise Deals | Search Ads") or without ("HealthyJointsDaily",
    "Retirement Insider"); the widget's "Load more" under the last one is not the item's."""
    items = [["Surgeons Amazed: This 10-Second Trick Relieves Knee Pain", "HealthyJointsDaily"],
             ["Here's What A 2-Week Cruise To Norway Should Cost You In 2026", "Cruise Deals | Search Ads"],
             ["The #1 Mistake Seniors Make When Claiming Social Security", "Retirement Insider"],
             ["New Walk-In Tubs Are Turning Heads (See Prices)", "BathUpgrade"]]
    document = Document.from_text(page_text([*NAV, *STORY, heading, *(line for item in items for line in item),
                                             "Load more", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_promoted_items_with_a_badge_each_keep_their_advertisers_to_the_last() -> None:
    """Guidelines 8.2: with a "Sponsored" badge over each promoted item, the list's layout (an advertiser's name
    under each headline) goes on from badge to badge: the last item's advertiser is its own, whatever stands
    under it ("Ads by Outbrain"); a lone item's advertiser is its own above the widget's "Load more"."""
    items = [["Sponsored", "The #1 Mistake Seniors Make When Claiming Social Security", "Retirement Insider"],
             ["Sponsored", "New Walk-In Tubs Are Turning Heads (See Prices)", "BathUpgrade"]]
    document = Document.from_text(page_text([*NAV, *STORY, "Around the Web", *(line for item in items for line in item),
                                             "Ads by Outbrain", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]
    lone = ["Discover the hidden islands of the Aegean this winter", "Visit Greece"]
    document = Document.from_text(page_text([*NAV, *STORY, "Sponsored", *lone, "Load more", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(lone)]


def test_a_sponsor_above_each_promoted_headline_opens_its_item() -> None:
    """Guidelines 8.2: under "Sponsored Content", a sponsor's line above each headline ("Sponsored by Halvorsen
    Capital") is inside that item, not the item above."""
    items = [["Sponsored by Halvorsen Capital", "Why private credit is having its moment — and what could end it"],
             ["Sponsored by Ledgerly", "5 ways CFOs are using AI to close the books faster"]]
    document = Document.from_text(page_text([*NAV, *STORY, "Sponsored Content",
                                             *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_the_pages_links_under_a_lone_promoted_item_are_no_advertiser() -> None:
    """Guidelines 8.3: under a lone promoted item, the page's own links ("About Us", "Advertise") are boilerplate,
    not its advertiser's name."""
    headline = "This estate is selling plots at 2019 prices"
    footer = ["About Us", "Advertise", "Contact"]
    document = Document.from_text(page_text([*NAV, *STORY, "Sponsored", headline, *footer, "© 2024 Example News"]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert not [span for span in annotation.spans if span.label == "teaser" and "About Us" in span.text]
    assert [labels_by_line(document, annotation)[line] for line in footer] == ["boilerplate"] * 3


def test_a_market_ticker_and_breadcrumbs_are_no_items_and_no_headline() -> None:
    """Guidelines 8.1 and 8.3: a ticker's quotes ("Dow 44,102.31 +0.42%") are no teaser items and a trail of
    sections ("Business | Markets | Finance") is no headline: both are boilerplate, and the story's headline in
    sentence case under them is the story's."""
    ticker = ["Dow 44,102.31 +0.42%", "S&P 500 6,018.77 +0.35%", "Nasdaq 19,876.04 +0.61%", "Brent $71.84 -1.20%"]
    crumbs = "Business | Markets | Finance"
    top = ["Fed's Collins says 'no rush' to cut rates as services inflation sticks", "By Ann Porter and Luis Ortega",
           "November 26, 2026 3:14 PM UTC"]
    document = Document.from_text(page_text([*NAV, "Markets", *ticker, crumbs, *top, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in [*ticker, crumbs]] == ["boilerplate"] * 5
    assert [labels[line] for line in top] == ["article"] * 3


def test_a_short_line_between_times_above_and_under_headlines_is_no_section() -> None:
    """Guidelines 8.2: where items print their time above their headline, a short line under a headline ("Read")
    with a time under it is no section between the item's headline and its time: that time and the headline
    under it are the next item's, and the time-first layout is read for every item with a summary."""
    items = [["NOV 27", "Lift bridge closes for winter repairs",
              "Plus: the light show opens Friday, and a new ramen place in the old mill.", "Read"],
             ["NOV 26", "School board picks interim superintendent",
              "Also: why your water bill is going up 6% in January.", "Read"],
             ["NOV 25", "First real snow of the season", "How much fell where, plus plow routes and parking rules.",
              "Read"],
             ["NOV 24", "Weekend recap: Bulldogs sweep Gophers", "Read"],
             ["NOV 21", "The new hospital tower is finally done",
              "What is inside, who is moving in, and what happens to the old building.", "Read"],
             ["NOV 20", "The mayor will not seek re-election",
              "Plus: a Q&A with the two candidates who have already filed.", "Read"]]
    document = Document.from_text(page_text([*NAV, "Archive", "Newest", "Top",
                                             *(line for item in items for line in item), "See all", *FOOTER]))
    found = front_items(document, Preannotator().annotate(document))
    assert all("\n\n".join(item) in found for item in items if len(item) == 4)


def test_a_two_sentence_headline_under_an_item_is_an_item() -> None:
    """Headlines in a row: one of two sentences ("… shots. Now he's suing") right under another item is an item
    of its own, which takes no heading under it ("Paid Partner Content") for its summary."""
    items = [["Analysis", "Why the January Health Care Fight Could Be Worse Than This One"],
             ["Israel and Hamas Trade Accusations Over Ceasefire Violations in Gaza"],
             ["He spent $40,000 on ‘miracle’ stem cell shots. Now he’s suing"]]
    sponsored = [["Seniors Born 1941-1979 Receive Huge Benefits", "Sponsored by Senior Life Tips"],
                 ["The 10 Most Reliable SUVs of 2026, Ranked", "Sponsored by Car Expert Reviews"]]
    document = Document.from_text(page_text([*NAV, "More top stories", *(line for item in items for line in item),
                                             "Paid Partner Content", *(line for item in sponsored for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items + sponsored]
    assert labels_by_line(document, annotation)["Paid Partner Content"] == "boilerplate"


@pytest.mark.parametrize("rank", ["{}.", "#{}", "{}"])
def test_a_numbered_list_is_one_item_per_number(rank: str) -> None:
    """Guidelines 8.2: a "Most read" list's rank number opens its item, and the last item takes as many lines as
    the one before it; "2." under a headline is no summary."""
    headlines = ["Bayern Boss Eberl Says the Club Must Act in the Winter",
                 "The Ratings From the Classic: Kane Gets Top Marks", "Sahin on the Brink? What Kehl Says"]
    items = [[rank.format(number), headline] for number, headline in enumerate(headlines, 1)]
    document = Document.from_text(page_text([*NAV, "Most read", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("rank", ["{}. ", "{}) "])
def test_a_numbered_list_printed_one_item_a_line_is_one_item_per_line(rank: str) -> None:
    """Guidelines 8.2: a "Most read" list printing each rank on its headline's line ("1. Fuel prices fall sharply")
    is one item per line, the rank included, short headlines too ("3. Bakers raise prices"); the rank makes the line
    read as two sentences, no headline. A numbered line alone in the footer is none."""
    headlines = ["Fuel prices fall sharply for the third week", "Ferry timetable changes from Monday",
                 "Bakers raise prices", "Students to get free bus passes from January"]
    items = [rank.format(number) + headline for number, headline in enumerate(headlines, 1)]
    lines = [*NAV, *STORY, "Most read", *items, "1. Terms of use", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == items
    assert labels_by_line(document, annotation)["1. Terms of use"] == "boilerplate"


def test_a_numbered_list_of_two_headlines_is_one_item_per_number_but_page_numbers_are_none() -> None:
    """Guidelines 8.2: two rank numbers with a headline under each (in a language whose list heading the rules do
    not know) are a numbered list too, one item per number; a row of page numbers with a short line between is no
    list."""
    items = [["1", "Heatwave in November? What the forecasters say"], ["2", "New grant scheme for student housing"]]
    pages = ["1", "Earlier", "2", "Later"]
    document = Document.from_text(page_text([*NAV, *STORY, "Meistgeklickt", *(line for item in items for line in item),
                                             *pages, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in pages[1::2]] == ["boilerplate", "boilerplate"]


def test_a_numbered_list_of_kicker_headline_author_time_items_ends_at_its_last_items_time() -> None:
    """Guidelines 8.2: a numbered item may show its number, kicker, headline, author and time (four lines under
    the number), a badge right under its number that reads as a heading ("Partner content"); the last item ends at
    its time as the items above do, the ad label and the menu under it are no part of it."""
    items = [["1", "Weather", "Storm Brings Heavy Rain and Flooding to the Valley", "By Ann Lee", "2 hours ago"],
             ["2", "Transport", "New Tram Line Opens Three Years Behind Schedule", "By Tom Hart", "3 hours ago"],
             ["3", "Partner content", "Five Winter Walks Along the Northern Coast", "By Coast Tourism"],
             ["4", "Courts", "Former Mayor Cleared of All Fraud Charges", "5 hours ago"],
             ["5", "Schools", "Teachers Vote to Strike Over Pay Next Month", "By Ann Lee", "Yesterday"]]
    document = Document.from_text(page_text([*NAV, "Most read", *(line for item in items for line in item),
                                             "Advertisement", "Download our app", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_numbered_lists_item_badge_and_short_last_item_are_the_lists() -> None:
    """Guidelines 8.2: a badge inside a numbered item ("Video" over a clip, read as furniture elsewhere) is the item's,
    and the list's last item may show fewer lines than the one above it (no badge, no running time): it ends above
    the ad label and the next list's heading, and the whole list is still one item per number."""
    items = [["1", "Harbour Bridge Closed Overnight for Cable Repairs", "Transport", "88 comments"],
             ["2", "Council Approves Budget With Higher Parking Fees", "Politics", "41 comments"],
             ["3", "Video", "Watch: Seal Naps on a Ferry Ramp for Two Hours", "0:58", "12 comments"],
             ["4", "Column: The Town That Forgot Its River", "7 comments"]]
    document = Document.from_text(page_text([*NAV, "Most read", *(line for item in items for line in item),
                                             "Advertisement", "Most commented", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_numbered_list_with_its_ranks_on_the_headlines_lines_takes_the_lines_under_them() -> None:
    """Guidelines 8.2: a "Most read" list printing each rank on its headline's line ("1. …") with the item's summary,
    author and reading time under it is one item per number, the first too (its summary under it makes no line over
    a headline and its summary of the first headline)."""
    items = [["1. Tram drivers vote to strike over rosters before the holidays",
              "The union says members rejected the offer by a wide margin …", "Ann Lee", "3 min read"],
             ["2. Night market returns to the old rail yards", "Tom Hart", "2 min read"],
             ["3. Why the water bill is rising again this winter",
              "Operators blame the cost of the new treatment plant.", "Ann Lee", "6 min read"],
             ["4. Local bakery wins national pie award", "Tom Hart", "2 min read"]]
    document = Document.from_text(page_text([*NAV, "Most read", "Today | This week",
                                             *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_an_episodes_bare_running_time_under_its_date_closes_its_item() -> None:
    """Guidelines 8.2: an episode's running time printed bare under its date ("41 Min.") is inside its item, so the
    episode labels between the items ("Folge 88", "Sonderfolge") each open the item under them."""
    items = [["Folge 89", "Streit um den Haushalt: Wie lange hält die Koalition noch?",
              "Die Finanzministerin gegen den Rest des Kabinetts – und alle warten auf den…", "27.11.2026",
              "41 Min."],
             ["Folge 88", "Wer folgt dem Generalsekretär nach dem Parteitag?", "20.11.2026", "37 Min."],
             ["Sonderfolge", "Ein langes Gespräch mit der Bürgermeisterin über Wohnungsbau",
              "Sie spricht über Mieten, Bauland und ihre Pläne für die…", "15.11.2026", "58 Min."],
             ["Folge 87", "Rente, Pflege, Bürgergeld: Der Sozialstaat im Stresstest", "13.11.2026", "44 Min."]]
    document = Document.from_text(page_text([*NAV, "Alle Folgen", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


@settings(max_examples=200, deadline=None)
@given(st.from_regex(_RANK_RE, fullmatch=True))
def test_a_rank_line_is_read_whatever_its_first_character(text: str) -> None:
    """``_rank`` reads the rank regex only on short lines starting with one of its initials: every line it matches."""
    assert _rank(text) == int(_RANK_RE.match(text).group(1))


@pytest.mark.parametrize("dates", [["2023/11/20", "2023/10/02"], ["2023.11.20 18:05", "2023.10.02 07:30"]])
def test_an_items_date_written_year_first_closes_it(dates: list[str]) -> None:
    """Guidelines 8.2: an item's date written year first ("2023/11/20", as Japanese and Chinese sites print it) is
    its timestamp: it closes the item above, whatever line follows it (the author box's heading under the list)."""
    items = [["地方の赤字路線、全国で１２０区間に　国の調査", dates[0]], ["バス転換した路線、利用者が２割減　北部の事例", dates[1]]]
    document = Document.from_text(page_text([*NAV, *STORY, "関連記事", *(line for item in items for line in item),
                                             "この記事を書いた人", "中村 彩花", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_a_headline_quoting_two_sentences_with_its_time_under_it_is_an_items_headline() -> None:
    """Guidelines 8.2: a headline that quotes someone in two sentences and ends on the closing mark ("Coach: «We are
    not safe yet. Nobody is»") reads as prose, but with its item's time under it and a kicker above, in a list of
    such items, it is the item's headline; each kicker opens its item."""
    items = [["Serie C", "Arezzo, the coach: «We are not promoted yet». The leaders keep pace", "26 novembre - 23:40"],
             ["Serie C", "Pescara, the director: «January signings? Only if someone leaves»", "26 novembre - 19:15"],
             ["Transfers", "Bari want a centre back from Bologna: the latest", "26 novembre - 17:02"]]
    document = Document.from_text(page_text([*NAV, *STORY, "Leggi anche", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_a_list_of_kicker_headline_time_items_takes_the_kickers_of_its_first_items() -> None:
    """Guidelines 8.2: the kicker layout read from a list's items goes on to its first items: a short kicker made
    an item of its own ("After the 2:2") and the kicker of the item above it are inside their items; the
    line above the list's first kicker is not."""
    items = [["Double for Kane", "Bayern Win the Classic as Dortmund Rage at the Referee",
              "Harry Kane scored twice as Bayern beat Borussia Dortmund, whose coach spoke of a clear penalty.",
              "2 hours ago", "312 comments"],
             ["After the 2:2", "Leipzig Throw Away Their Lead in Stoppage Time", "3 hours ago"],
             ["Injury in training", "Wirtz Ruled Out for Several Weeks", "5 hours ago", "88 comments"],
             ["Transfer rumours", "Union Berlin Interested in Danish Striker", "7 hours ago"],
             ["Table", "How the League Stands After the Twelfth Round", "Yesterday"]]
    document = Document.from_text(page_text([*NAV, "All matches", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)["All matches"] == "boilerplate"


def test_authors_names_under_items_close_them_when_the_last_item_has_one_too() -> None:
    """Guidelines 8.2: a layout is read from the first and last items. Names between items are kickers above
    them when the first item has one above it (an opinion list); when the last item has one under it and the
    first none above, each closes the item above it."""
    items = [[*line[:2], author] for line, author in zip(TEASERS, ["Liz Navratil", "Tom Becker", "Amira Hassan"],
                                                         strict=True)]
    document = Document.from_text(page_text([*NAV, "Latest News", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_an_items_author_between_its_summary_and_its_short_time_is_inside_it() -> None:
    """Guidelines 8.2: an item's author ("Liz Navratil") and its time cut short ("2h") are inside it, and so the
    section label above each item ("Public Safety") is one line between items, its kicker."""
    items = [["Public Safety", "Man Arrested After Police Chase Ends in Crash on Highway 61",
              "The driver fled a traffic stop in St. Paul and crashed near the river, police said.", "Liz Navratil",
              "2h"],
             ["Politics", "Legislature Passes Bonding Bill in Final Hours of Session",
              "The bill includes money for roads, bridges and the state's aging water systems.", "Briana Bierschbach",
              "3h"],
             ["Weather", "First Snow of the Season Could Bring Up to Six Inches to the Metro",
              "Forecasters said the heaviest snow would fall overnight, snarling the morning commute.", "Paul Walsh",
              "5h"]]
    document = Document.from_text(page_text([*NAV, "Top stories", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_time_first_lists_end_at_an_item_without_its_time_and_keep_badges_off_the_next_time() -> None:
    """Guidelines 8.2: a time-first list ends at the item with no time under it, not at the next list's items a
    kicker line further down; a badge above the next list's first time ("Premium") is not that item's (a badge
    stands above a headline, and an item opening with its time shows it under the time)."""
    first = [["20 Nov 2019, 9:42am", "Tennis Podcast: Midnight Mayhem in Madrid at the Davis Cup"],
             ["19 Nov 2019, 9:25pm", "Great Britain Determined Not to Be Frozen Out of the Finals"],
             ["18 Nov 2019, 4:33pm", "Major Sports Bodies Guilty of Shocking Lack of Women on Boards"]]
    second = [["14 Nov 2019, 10:28pm", "Federer Dumps Djokovic Out of the ATP Finals With Crushing Win"],
              ["14 Nov 2019, 7:54pm", "The ATP Cup Rolls Out the Big Guns for Its First Edition"],
              ["13 Nov 2019, 9:19pm", "Outgoing ATP President on His Removal From Office After Five Years"]]
    offers = ["The Latest Offers and Discount Codes From Popular Brands", "Sports Direct Discount Code for This Week"]
    document = Document.from_text(page_text([*NAV, "Tennis latest", *(line for item in first for line in item),
                                             "Premium", *(line for item in second for line in item), "Voucher Codes",
                                             *offers, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation)[:6] == ["\n\n".join(item) for item in first + second]


def test_the_last_of_a_row_of_bare_headlines_is_an_item_when_it_opens_as_the_others_do() -> None:
    """Guidelines 8.2: in a row of bare headlines under a section's name, each headline is made an item for its
    neighbour under it; the last one, with none under it, is the row's too. A line opening unlike the row (a word
    under headlines opening with their clock times: a box of key events and its switch) is none."""
    headlines = ["Refinery cuts petrol price for the second time this month", "Telecoms firms to raise data tariffs "
                 "from January", "Bank shares rally as investors gain N1.2trn in a day"]
    events = ["16:20 Minister arrives for talks at the commission", "11:05 Hospitals list their cancelled clinics",
              "Show key events only"]
    document = Document.from_text(page_text([*NAV, *STORY, "Markets", *headlines, "From Our Partners", "Jump to",
                                             *events, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    assert teasers[:3] == headlines
    assert labels_by_line(document, annotation)[events[-1]] == "boilerplate"


def test_a_list_of_bare_headlines_ends_at_a_furniture_line() -> None:
    """Under a list heading, bare headlines are items while the list lasts; a furniture line ("SEARCH") ends it,
    and the headline-shaped follow prompts after it are no items."""
    headlines = ["Venice Doomed as Italian City Will Drown, Says Expert Amid Flooding",
                 "Sydney Air Quality: Smoke Chokes Australia as Dozens Are Treated",
                 "Sinkhole Horror: Two Men Trapped as Ground Opens Up and Swallows Car"]
    prompts = ["Find us on Facebook", "Follow us on Twitter", "Check us on Google+"]
    document = Document.from_text(page_text([*NAV, "Most Read", *headlines, "SEARCH", "CONNECT WITH US", *prompts,
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == headlines
    assert all(labels_by_line(document, annotation)[line] == "boilerplate" for line in prompts)


def test_a_badge_printed_like_furniture_does_not_end_a_list_of_bare_headlines() -> None:
    """"Video" reads as furniture too, but as a badge above an item's headline it is the item's and the list of
    bare headlines goes on under it."""
    items = [["Video", "See the Moment a Sinkhole Swallows Two Cars in Florida"],
             ["Israel and Hamas Trade Accusations Over Ceasefire Violations in Gaza"]]
    document = Document.from_text(page_text([*NAV, "More top stories", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_items_parted_by_the_same_short_lines_are_cut_where_the_first_and_last_items_show() -> None:
    """Guidelines 8.2: items parted each time by the same short lines (a running time, "Play", the next episode's
    number) take them as the first and last items show: the number above the first item opens each item, the
    running time and "Play" under the last close each."""
    items = [["Episode 31", "The Harbour That Ran Out of Water",
              "A drought, a broken pipe and a town that had to choose who drinks first.", "26 November 2026",
              "38 min", "Play"],
             ["Episode 30", "Who Owns the Wind Off Our Coast?",
              "Offshore turbines promise jobs and cheap power, and the fishers want a say.", "19 November 2026",
              "42 min", "Play"],
             ["Episode 29", "The Last Milk Run Before Dawn",
              "A day with the tanker driver who collects from thirty farms.", "12 November 2026", "29 min", "Play"]]
    document = Document.from_text(page_text([*NAV, "Latest episodes", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_time_first_river_takes_kickers_under_its_times_and_leaves_out_the_dates_parting_its_days() -> None:
    """Guidelines 8.2 and 8.5: a river of items reading time, kicker, headline, summary is cut before each time,
    the kicker staying in the item under its time; a date line above one item's time ("Wednesday 26 November
    2026", shaped unlike the other items' times) parts the river's days and is no item's."""
    items = [["12:41", "UK politics", "Reeves Rules Out Income Tax Rise in Next Month's Budget",
              "The chancellor said working people would be protected from any rise."],
             ["12:30", "Europe", "French Farmers Block Paris Ring Road for a Second Day",
              "Protesters dumped manure outside the agriculture ministry as talks broke down."],
             ["12:18", "Football", "Arteta Says Arsenal Are Not Thinking About the Title Yet",
              "The manager insisted his side must improve before Sunday's trip to Newcastle."],
             ["23:45", "World", "Chile's Congress Approves Pension Overhaul After a Decade",
              "The reform raises employer contributions by seven percentage points."],
             ["22:10", "Health", "Winter Flu Jab Uptake Down Among Over-65s, Data Shows",
              "Health officials urged those eligible to book before Christmas."]]
    separator = "Wednesday 26 November 2026"
    lines = [*(line for item in items[:3] for line in item), separator, *(line for item in items[3:] for line in item)]
    document = Document.from_text(page_text([*NAV, "Latest news", "Thursday 27 November 2026", *lines, "Load more",
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[separator] == "boilerplate"


def test_a_sentence_under_a_list_of_headlines_and_times_is_no_summary_of_its_last_item() -> None:
    """Guidelines 8.2: items of a headline and its time alone repeat that layout, so the sentence under the last
    one's time is the site's line, not that item's summary; a summary cut short there is still the item's."""
    items = [["Clifford Says He Almost Walked Away From Kerry Last Year", "2 hours ago"],
             ["All-Star Team in Full as Kerry and Limerick Dominate", "4 hours ago"],
             ["Cork Appoint New Senior Football Manager for Next Season", "6 hours ago"]]
    site = "The Courier is the website of the Courier Media Group, an independent publisher."
    document = Document.from_text(page_text([*NAV, "Most Read", *(line for item in items for line in item), site,
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[site] == "boilerplate"
    cut = "Scientists said the melt was the fastest since measurements began, driven by a hot summer and a..."
    document = Document.from_text(page_text([*NAV, "Most Read", *(line for item in items for line in item), cut,
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document))[-1] == "\n\n".join([*items[-1], cut])


@pytest.mark.parametrize("grouped", [False, True])
def test_a_kicker_under_a_list_heading_is_the_first_items_and_the_list_keeps_its_kickers(grouped: bool) -> None:
    """Guidelines 8.2: the short line under a list heading ("More Weather", then "Weather") is the first item's
    kicker, as the list heading is the list's, and the kicker lines above the list's other items open them; a
    short line over two items or more without theirs is a sub-heading of the items under it."""
    items = [["Weather", "Cyclone Season Outlook Expects Fewer Storms but Wetter Ones", "26 Nov, 2026 06:00 AM"],
             ["Auckland Anniversary Weekend Forecast Brings Sun, Then a Southerly", "25 Nov, 2026 04:31 PM"],
             ["Premium Weather", "Why the West Coast Keeps Flooding and What It Would Cost", "24 Nov, 2026 05:00 AM"]]
    if grouped:
        items.insert(2, ["Harbour Bridge Lane Closures Planned for the Long Weekend", "25 Nov, 2026 09:12 AM"])
    document = Document.from_text(page_text([*NAV, "More Weather", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    got = front_items(document, annotation)
    if grouped:
        assert labels_by_line(document, annotation)["Weather"] == "boilerplate"
        assert got[0] == "\n\n".join(items[0][1:])
    else:
        assert got == ["\n\n".join(item) for item in items]


def test_a_headline_under_a_headline_alone_is_the_next_item_unless_shaped_as_a_summary() -> None:
    """Guidelines 8.2: one item is never two. Under an item that is a headline alone, the line under the next
    headline is a summary only when shaped as one (a sentence ending in a full stop, or cut short): a longer
    headline there is the next item's ("OpenAI is building a phone …", then "I tried the $3,499 …")."""
    headlines = ["The best Black Friday deals you can already get",
                 "Valve's Steam Frame is real, and it's coming in early 2027",
                 "OpenAI is building a phone, and Jony Ive is designing it",
                 "I tried the $3,499 Vision Pro 2 and I still don't know who it's for after a week",
                 "Microsoft is killing the Windows 10 extended support program early"]
    document = Document.from_text(page_text([*NAV, "Most Popular", *headlines, *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == headlines


def test_a_headline_in_lower_case_after_photos_is_the_next_item_not_a_picture_credit() -> None:
    """Guidelines 8.2 and 8.4: a picture credit inside an item names people and agencies ("Photo: Jane Roe, AP");
    "Photos: Nepal's quake survivors spend night in the open" under an item is the next item's headline."""
    headlines = ["Why is India's rupee at a record low?", "Photos: Nepal's quake survivors spend night in the open",
                 "'Nothing left': Survivors recount night of terror in Jajarkot"]
    document = Document.from_text(page_text([*NAV, "Most Read", *headlines, *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == headlines


@pytest.mark.parametrize("times", [["vor 3 Std.", "vor 5 Std.", "gestern, 22:15"],
                                   ["il y a 2 heures", "il y a 5 heures", "hier"],
                                   ["hace 3 horas", "hace 5 horas", "ayer"]])
def test_an_items_time_told_relative_to_now_in_other_languages_closes_it(times: list[str]) -> None:
    """Guidelines 8.2: an item's time ("vor 3 Std.", "il y a 2 heures", "hace 3 horas", "gestern") is inside it, as
    "3 hours ago" is, and closes it after its summary."""
    heads = [["Leipzig Verspielt Führung in der Nachspielzeit", "Stuttgart gleicht in der 94. Minute zum 2:2 aus."],
             ["Wirtz Fällt Wochenlang Aus", "Der Nationalspieler hat sich im Training am Knöchel verletzt."],
             ["Warum der BVB ein Mentalitätsproblem hat", "Die Mannschaft bricht in großen Spielen immer wieder ein."]]
    items = [[*head, time] for head, time in zip(heads, times, strict=True)]
    document = Document.from_text(page_text([*NAV, "Bundesliga aktuell", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_russian_items_relative_time_closes_it() -> None:
    """Guidelines 8.2: "2 часа назад" under an item's summary is its time, as "2 hours ago" is, in a box of two
    items too short to show a repeated layout; a bare day line parting the list ("Вчера") is no item's."""
    items = [["Городской совет утвердил бюджет на следующий год",
              "Депутаты приняли документ во втором чтении, расходы на дороги выросли на…", "2 часа назад"],
             ["Первый снег остановил движение на въезде в город",
              "Водители простояли в пробке больше трёх часов, автобусы шли с опозданием…", "5 часов назад"]]
    document = Document.from_text(page_text([*NAV, "Главное", *(line for item in items for line in item), "Вчера",
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)["Вчера"] == "boilerplate"


def test_a_two_sentence_headline_with_its_byline_and_time_under_it_is_an_item() -> None:
    """Guidelines 8.2: a headline of two sentences ("Tolls are a tax. Call them one") with its byline and then its
    time under it is an item's, as one with its time right under it is; its badge and comment count are inside."""
    items = [["Harbour Tunnel Tolls to Rise by a Fifth in January", "By Ann Lee", "2 hours ago", "48 comments"],
             ["Opinion", "Tolls are a tax. Call them one", "By Tom Hart", "Yesterday", "27 comments"],
             ["Ferry Operator Adds Two Boats for the Summer Season", "By Ann Lee", "Nov 24, 2026", "9 comments"]]
    document = Document.from_text(page_text([*NAV, "Transport", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize(("under", "heading"), [(True, "More in this section"), (True, "Stories That Matter"),
                                                (False, "Columnists")])
def test_a_pair_of_items_parted_by_a_name_takes_the_names_by_the_lists_ends(under: bool, heading: str) -> None:
    """Guidelines 8.2 (the layout is read from the first and last items): two headlines parted by a person's name
    take the names under them when another name stands under the last and none above the first, and the names
    above them when another name stands above the first and none under the last (an opinion box). A heading in
    title case ("Stories That Matter") is no person's name."""
    heads = ["Harbour Tunnel Tolls to Rise by a Fifth in January", "Ferry Operator Adds Two Boats for the Summer"]
    names = ["Maria Keane", "Tom Hartley"]
    items = [[head, name] if under else [name, head] for head, name in zip(heads, names, strict=True)]
    document = Document.from_text(page_text([*NAV, heading, *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_photo_credit_between_an_items_kicker_and_its_headline_is_inside_the_item() -> None:
    """Guidelines 8.2 before 8.4: a photo credit shown between an item's kicker (or badge) and its headline is the
    item's, and so is the kicker above it; an item without a credit keeps its kicker too."""
    items = [["Analysis", "Photo: Jane Roe/Reuters", "Harbour Tunnel Tolls to Rise by a Fifth in January",
              "The operator says maintenance costs have doubled since the tunnel opened in 1998…", "2 hours ago"],
             ["Transport", "Ferry Operator Adds Two Boats for the Summer Season", "3 hours ago"],
             ["Exclusive", "PHOTO: AFP", "Airport Expansion Plans Shelved After Cost Review",
              "Ministers were told the second runway would cost twice the first estimate…", "5 hours ago"]]
    document = Document.from_text(page_text([*NAV, "Top stories", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_badge_above_a_lead_item_over_items_of_another_layout_is_the_leads() -> None:
    """Guidelines 8.2: a badge above a list's first item heads the list when the items share one layout, but above a
    lead item -- a summary the items under it lack -- it is the lead's own ("Breaking")."""
    lead = ["Breaking", "Harbour Tunnel Tolls to Rise by a Fifth in January",
            "The operator says maintenance costs have doubled since the tunnel opened in 1998, and drivers will pay…",
            "1 hour ago"]
    items = [lead, ["Ferry Operator Adds Two Boats for the Summer Season", "2 hours ago"],
             ["Airport Expansion Plans Shelved After Cost Review", "3 hours ago"],
             ["Cycle Lane on the Quay Opens a Year Late", "4 hours ago"]]
    document = Document.from_text(page_text([*NAV, "Advertisement", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_an_item_of_a_repeated_layout_the_first_pass_leaves_unmade_is_read_from_the_list() -> None:
    """Guidelines 8.2: a list repeats one layout ("OCT 3", headline, summary, "Read"): the lines between two of its
    items that open and close as the items do are an item too, even one with a headline too short to be read as
    one or no summary, and an item lacking its date and "Read" takes them from around it."""
    items = [["OCT 30", "Lift Bridge Closes for Winter Repairs",
              "Plus: the light show opens Friday, and a new ramen spot.", "Read"],
             ["OCT 29", "School Board Picks Interim Superintendent",
              "Also: why your water bill is going up in January.", "Read"],
             ["OCT 28", "Your Pumpkin Guide", "Read"],
             ["OCT 27", "First Real Snow of the Season Arrives",
              "How much fell where, plus plow routes and parking rules.", "Read"],
             ["OCT 24", "Harbour Tower Is Finally Done", "What is inside, who is moving in, and what happens next.",
              "Read"],
             ["OCT 23", "Ore Boats Are Running Late This Year",
              "Why the shipping season could stretch into January, plus the new snow emergency map.", "Read"]]
    document = Document.from_text(page_text([*NAV, "Recent Posts", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_the_heading_of_a_promoted_list_under_an_item_is_not_its_author() -> None:
    """Guidelines 8.2: "From Our Partners" under an item reads as a byline, but it heads the promoted stories under
    it: boilerplate, no part of the item above."""
    items = [["Harbour Tunnel Tolls to Rise by a Fifth in January",
              "The operator says maintenance costs have doubled since the tunnel opened in 1998…"],
             ["Ferry Operator Adds Two Boats for the Summer Season",
              "The new boats will run every half hour between the quay and the island from May…"]]
    promoted = [["Sponsored", "How to Earn in Dollars From Home: Five Legit Ways"],
                ["Sponsored", "This Estate Is Selling Plots at 2019 Prices"]]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in items for line in item),
                                             "From Our Partners", *(line for item in promoted for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation)[:2] == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)["From Our Partners"] == "boilerplate"


def test_an_item_without_summary_keeps_the_comment_count_under_its_byline() -> None:
    """Guidelines 8.2: an item showing its headline, byline and comment count (no summary) keeps them all, in a list
    whose other items show a summary too."""
    items = [["Nov. 25, 2026", "Council Delays Vote on Harbor Street Rezoning",
              "More than 90 residents signed up to speak, most of them opposed to the tower.", "By Luis Carvajal",
              "42 comments"],
             ["Nov. 21, 2026", "Eviction Filings Jump as Pandemic-Era Aid Runs Dry", "By Hannah Orloff", "12 comments"],
             ["Nov. 14, 2026", "Last Trailer Park Sold to Developer for $9.6 Million",
              "The 61 households there have until June to move.", "By Luis Carvajal", "5 comments"]]
    document = Document.from_text(page_text([*NAV, "Housing", *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_badge_right_under_a_headline_with_no_headline_under_it_is_the_items() -> None:
    """Guidelines 8.2: a badge under an item's headline ("Abonnés", "Explainer" above its time) is the item's when no
    headline under it could take it for its own, and it marks the headline a promoted item."""
    items = [["Réforme des retraites : ce que contient le projet du gouvernement", "Il y a 5 h"],
             ["What is a section 114 notice and what happens when a council goes bust?", "Explainer", "Yesterday"],
             ["Ce que la grève du 3 décembre change dans les transports", "Abonnés"]]
    document = Document.from_text(page_text([*NAV, "À lire aussi", *(line for item in items for line in item),
                                             "Advertisement", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_gallerys_count_of_pictures_under_its_headline_closes_its_item() -> None:
    """Guidelines 8.2: a gallery's or a visual story's count ("24 photos", "11 Slides") under its headline is the
    item's last line and makes it an item, its badge above it included."""
    items = [["Harbour Tunnel Tolls to Rise by a Fifth in January", "2 hours ago"],
             ["Gallery", "The Week in Twenty Photos", "24 photos"],
             ["Ferry Operator Adds Two Boats for the Summer Season", "3 hours ago"]]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in items for line in item),
                                             "Advertisement", "Web Stories", "Ten Hill Stations to Visit in December",
                                             "11 Slides", "Advertisement", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [*("\n\n".join(item) for item in items),
                                                 "Ten Hill Stations to Visit in December\n\n11 Slides"]


@pytest.mark.parametrize("badge", ["Live.", "Opinion:", "Chronique", "Ao vivo", "Фото"])
def test_a_badge_with_its_stop_or_in_other_languages_opens_the_item_under_it(badge: str) -> None:
    """Guidelines 8.2: a badge printed with a full stop or colon ("Live.", "Opinion:") or in another language
    ("Chronique", "Ao vivo", "Фото") between two items of one layout is inside the item under it."""
    items = [["Harbour Tunnel Tolls to Rise by a Fifth in January", "2 hours ago"],
             [badge, "Ferry Operator Adds Two Boats for the Summer Season", "3 hours ago"],
             ["Airport Expansion Plans Shelved After Cost Review", "5 hours ago"]]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_the_last_item_of_a_list_without_summaries_takes_no_text_under_it_for_one() -> None:
    """Guidelines 8.2: a list repeats one layout -- the last item ("9h ago", headline) of a list whose items show a
    time and a headline alone does not take the site's notice under it for its summary."""
    items = [["5h ago", "Bushfire warning downgraded near Corowa"],
             ["7h ago", "Man charged over Wodonga servo hold-up"],
             ["9h ago", "Holbrook pub destroyed by overnight fire"]]
    notice = ("The Murray Post acknowledges the Traditional Custodians of the lands on which we work, and pays respect "
              "to Elders past and present.")
    document = Document.from_text(page_text([*NAV, *STORY, "Top stories", *(line for item in items for line in item),
                                             notice, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[notice] == "boilerplate"


def test_a_section_heading_over_columnists_is_no_badge_of_the_item_above() -> None:
    """Guidelines 8.2 and 8.3: "Opinion" under the last of a list of bare headlines, with a columnist's name and
    their headline under it, heads the next list (boilerplate); it is no badge of the item above."""
    most_read = [["Lifeboat crew rescue two walkers cut off by the tide"], ["Night buses return to the ring road"],
                 ["Harbour festival moves to August after record crowds"]]
    columns = [["Nora Lindqvist", "Why the Ferry Timetable Keeps Failing the Islands"],
               ["Tomas Berg", "Our Libraries Deserve Better Than Another Review"]]
    blocks = [*NAV, "Most Read", *(line for item in most_read for line in item), "Opinion",
              *(line for item in columns for line in item), *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert labels_by_line(document, annotation)["Opinion"] == "boilerplate"
    assert front_items(document, annotation) == ["\n\n".join(item) for item in [*most_read, *columns]]


def test_on_the_html_path_the_lines_of_one_repeated_card_are_one_item_and_a_box_of_items_is_not() -> None:
    """Guidelines 8.2 by the markup: the lines of each <div class="episode"> of a list are one item -- its number,
    title, summary and what it shows of date, running time and "Play", which the lines' shapes cannot part -- and a
    repeated box holding several linked headlines with its heading is no card, nor one item."""
    episodes = [["Episode 212", "The Town That Voted to Disappear",
                 "Residents of a flood-prone settlement chose managed retreat. Two years on, who…",
                 "26 November 2026", "38 min"],
                ["Episode 211", "Who Owns the Wind off Taranaki?",
                 "Offshore wind farms promise jobs and cheap power. Iwi, fishers and…",
                 "42 min", "Play"],
                ["Episode 210", "The Last Milk Run Before Dawn",
                 "A day with the tanker driver who collects from thirty farms…", "12 November 2026",
                 "29 min", "Play"]]
    cards = "".join(
        f"<div class='episode'><span>{number}</span><h3><a href='/e/{i}'>{title}</a></h3><p>{summary}</p>"
        "<ul class='meta'>" + "".join(f"<li>{line}</li>" for line in rest) + "</ul></div>"
        for i, (number, title, summary, *rest) in enumerate(episodes))
    boxes = [["Politics", "Minister Resigns Over Leaked Budget Papers", "Council Tax to Rise by Five Percent"],
             ["Sport", "Cork Appoint New Senior Football Manager", "Kerry Win Footballer of the Year Again"]]
    box_html = "".join(f"<div class='box'><h2>{heading}</h2><ul>" + "".join(
        f"<li><a href='/b/{j}'>{headline}</a></li>" for j, headline in enumerate(headlines)) + "</ul></div>"
        for heading, *headlines in boxes)
    html = ("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/p'>Podcasts</a></li></ul></nav>"
            f"<main><h2>Latest episodes</h2>{cards}{box_html}</main>"
            "<footer><p>© 2026 Harbour City Public Radio</p></footer></body></html>").encode()
    page = parse_html(html, "episodes.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert_valid(document, annotation)
    assert not [span for span in annotation.spans if span.label == "article"]
    items = [span.text for span in annotation.spans if span.label == "teaser"]
    assert items[:3] == ["\n\n".join(episode) for episode in episodes]
    assert not [item for item in items if any(all(line in item for line in box) for box in boxes)]


def assert_each_card_one_item_under_a_boilerplate_heading(html: bytes, sections: list) -> None:
    """``sections`` are (heading, cards) as the page ``html`` prints them: each card is one item, each heading the
    page's."""
    page = parse_html(html, "front.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert front_items(document, annotation) == ["\n\n".join(card) for _, cards in sections for card in cards]
    labels = labels_by_line(document, annotation)
    assert all(labels[heading] == "boilerplate" for heading, _ in sections)


def teaser_list_boxes(sections: list, semantic: bool, title_tag: str, summary_tag: str) -> str:
    """A front's boxes of cards, one per (heading, cards) of ``sections``, in semantic markup (section, h2, ul, li) or
    div soup; each card's first line is its linked headline in ``title_tag``, the others its summary lines in
    ``summary_tag``."""
    box, heading, list_, card = ("section", "h2", "ul", "li") if semantic else ("div", "div", "div", "div")
    return "".join(
        f"<{box} class='teaser-list'><{heading} class='list-heading'>{title}</{heading}><{list_} class='cards'>"
        + "".join(f"<{card} class='card'><{title_tag} class='card-title'><a href='/s/{i}{j}'>{lines[0]}</a>"
                  f"</{title_tag}>"
                  + "".join(f"<{summary_tag} class='card-summary'>{text}</{summary_tag}>" for text in lines[1:])
                  + f"</{card}>" for j, lines in enumerate(cards)) + f"</{list_}></{box}>"
        for i, (title, cards) in enumerate(sections))


def test_on_the_html_path_a_sections_heading_over_its_cards_is_the_pages_and_each_card_one_item() -> None:
    """Guidelines 8.2 and 8.3 by the markup: the <h2> heading each <section> of a front over its list of cards
    ("Sports", "Sponsored") is the page's, not the first card's kicker, whether the section holds several cards whose
    headings are short kickers ("Harbor Hawks", "High Schools") or a single card; each card is one item."""
    sections = [("Sports", [["Harbor Hawks", "Okafor’s buzzer-beater sends Hawks to their first playoff spot"],
                            ["High Schools", "St. Ambrose girls win a third straight state swimming title"],
                            ["Minor League", "Calder Lakers unveil a $48 million ballpark renovation"]]),
                ("Weather", [["Storms", "Late-season storm could bring eight inches of snow to the lakeshore"],
                             ["Ice", "Harbor ice breaks up two weeks early as the thaw sets in"]]),
                ("Breaking", [["Transit board approves the fare freeze for another full year"]])]
    html_sections = "".join(
        f"<section class='teaser-list'><h2 class='list-heading'>{heading}</h2><ul class='cards'>" + "".join(
            f"<li class='card'><article class='card-body'><h3 class='card-title'><a href='/s/{i}{j}'>{card[0]}</a>"
            "</h3>" + "".join(f"<p class='card-summary'>{line}</p>" for line in card[1:]) + "</article></li>"
            for j, card in enumerate(cards)) + "</ul></section>"
        for i, (heading, cards) in enumerate(sections))
    html = ("<html><body><header><nav><ul><li>News | Sports | Weather | Opinion</li></ul></nav></header>"
            f"<main><section class='stream'>{html_sections}</section></main>"
            "<footer><p>© 2026 The Calder Ledger</p></footer></body></html>").encode()
    assert_each_card_one_item_under_a_boilerplate_heading(html, sections)


@pytest.mark.parametrize("semantic", [True, False])
def test_on_the_html_path_the_one_card_of_a_box_built_as_the_pages_lists_is_one_item(semantic: bool) -> None:
    """Guidelines 8.2 (one item per card; a sponsor's line or a "Promo" badge inside a card is the item's) by the
    markup: a box holding a single card repeats no element, but its card has the tag and class of the cards of the
    page's other lists, in a list of the same tag and class: it is a card, and all its lines are one item; a card of
    one linked headline ("Breaking" over one headline) is one item too; and such a box, repeated beside the others,
    is no card holding the items of its sibling boxes."""
    sections = [("Última hora", [["Incêndio destrói armazém no porto de pesca durante a madrugada"]]),
                ("Cidade", [["Câmara aprova novo plano de mobilidade para a zona ribeirinha",
                             "As obras começam em março e devem durar dois anos"],
                            ["Feira do livro regressa ao parque com mais de cem editoras",
                             "A entrada é gratuita durante os dez dias do evento"]]),
                ("Desporto", [["Clube da terra sobe à segunda divisão depois de vinte anos",
                               "Os adeptos encheram o estádio municipal no domingo"],
                              ["Maratona junta sete mil corredores nas ruas da cidade",
                               "O vencedor fez a prova em duas horas e onze minutos"]]),
                ("Conteúdo patrocinado", [["Renove a sua casa com até metade dos custos pagos pelo Estado",
                                           "Promo"]]),
                ("Parceiros", [["Como escolher um seguro de saúde para toda a família em 2027",
                                "Apresentado por Seguros Atlântico"]])]
    box = "section" if semantic else "div"
    html_sections = teaser_list_boxes(sections, semantic, title_tag="div", summary_tag="p" if semantic else "div")
    html = ("<html><body><header><nav><ul><li>Cidade | Desporto | Opinião</li></ul></nav></header>"
            f"<main><{box} class='stream'>{html_sections}</{box}></main>"
            "<footer><p>© 2026 Diário da Foz</p></footer></body></html>").encode()
    assert_each_card_one_item_under_a_boilerplate_heading(html, sections)


@pytest.mark.parametrize("semantic", [True, False])
def test_on_the_html_path_each_linked_one_line_card_is_one_item_under_its_boxs_heading(semantic: bool) -> None:
    """Guidelines 8.2 and 8.3 by the markup: in a box of cards of one linked headline each ("Most read"), each card
    is one item, however the lines' shapes joined them (a headline read as the summary of the one above, after a
    box of cards of headline and summary), and the box's heading above the first card is the page's;
    one-line boxes of which some link nowhere (a promoted headline's box, then its date's) are one item."""
    sections = [("Miasto", [["Radni przyjęli budżet miasta na przyszły rok",
                             "Najwięcej pieniędzy trafi na drogi i szkoły, mniej na kulturę."],
                            ["Tramwaj na Morenę pojedzie dopiero w 2028 roku",
                             "Przetarg trzeba było powtórzyć, bo oferty były za drogie."]]),
                ("Najczęściej czytane", [["Śnieżyca w Bieszczadach: drogi zamknięte w dolinie Sanu"],
                                         ["Analiza: dlaczego pieniędzy na szpitale znów nie wystarczy?"],
                                         ["Cena gazu wzrośnie od stycznia"]])]
    box = "section" if semantic else "div"
    promo = [("Sąd odracza proces byłego burmistrza o miesiąc", "/s/p"), ("12.11.2026", None)]
    promo_html = "".join(f"<{box} class='inline-promo'><p>" + (f"<a href='{href}'>{text}</a>" if href else text)
                         + f"</p></{box}>" for text, href in promo)
    html_sections = teaser_list_boxes(sections, semantic, title_tag="h3" if semantic else "div", summary_tag="p")
    html = ("<html><body><header><nav><ul><li>Kraj | Świat | Sport</li></ul></nav></header>"
            f"<main>{promo_html}{html_sections}</main>"
            "<footer><p>© 2026 Gazeta Pomorska Nowa</p></footer></body></html>").encode()
    promo_item = "\n\n".join(text for text, _ in promo)
    page = parse_html(html, "front.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert front_items(document, annotation)[1:] == ["\n\n".join(card) for _, cards in sections for card in cards]
    assert all(labels_by_line(document, annotation)[title] == "boilerplate" for title, _ in sections)
    assert front_items(document, annotation)[0] == promo_item


def test_on_the_html_path_a_box_holding_a_list_of_cards_is_no_card_where_no_tag_marks_its_heading() -> None:
    """Guidelines 8.2 and 8.3 by the markup: in div soup, a section's box (its heading a <div>, then a list of cards:
    a linked headline, or a linked badge and a headline) repeats among its siblings as cards do, but it holds a list
    of cards of its own: no card, not one item; its heading is the page's and each card one item."""
    sections = [("Home", [["Government delays the rise in electricity prices until May"],
                          ["VIDEO", "Flooded underpass closes the ring road for the second day"]]),
                ("World", [["Greece closes its border crossings to lorries for the weekend"],
                           ["VIDEO", "Magnitude 5.2 earthquake strikes western Turkey overnight"]]),
                ("Sports", [["Vardar wins the derby in front of a full stadium"],
                            ["TENNIS", "Local player reaches the second round at Indian Wells"]])]
    html_sections = "".join(
        f"<div class='teaser-list'><div class='list-heading'>{heading}</div><div class='cards'>" + "".join(
            f"<div class='card'><div class='card-title'><a href='/s/{i}{j}'>{card[0]}</a></div>"
            + "".join(f"<div class='card-summary'>{line}</div>" for line in card[1:]) + "</div>"
            for j, card in enumerate(cards)) + "</div></div>" for i, (heading, cards) in enumerate(sections))
    html = ("<html><body><div class='masthead'><div class='menu'>News | Sports | Weather | Opinion</div></div>"
            f"<div class='stream'>{html_sections}</div>"
            "<div class='site-footer'>© 2026 The Calder Ledger</div></body></html>").encode()
    assert_each_card_one_item_under_a_boilerplate_heading(html, sections)


def test_on_the_html_path_a_line_above_a_lists_first_card_outside_its_cards_is_the_lists_heading() -> None:
    """Guidelines 8.2 and 8.3 by the markup: a section's linked heading ("Business") right above its list of cards,
    each a headline, its author and time, and a summary, reads as the first card's kicker, but it stands outside
    every card of the list: the list's heading, the page's."""
    zones = [("Business", [["Calder Steel to lay off 340 workers at its south plant", "Priya Raman · 3 hours ago",
                            "The company blamed falling orders from automakers and said talks begin Monday …"],
                           ["Downtown office vacancy hits 27%, a record for the city", "Priya Raman · 5 hours ago",
                            "Landlords are offering a year of free rent to tenants who sign ten-year leases …"],
                           ["Family-owned hardware chain sells to private equity after 81 years",
                            "Mark Ellison · Yesterday", "Employees say they learned of the deal from the radio …"]]),
             ("Sports", [["Hawks clinch their first playoff spot since 2019 with a buzzer-beater",
                          "Sam Ortiz · 2 hours ago", "Okafor scored 31 points, including the winner at the horn …"],
                         ["St. Ambrose girls win a third straight state swimming title", "Lena Fox · 6 hours ago",
                          "The relay team broke the state record it set a year ago in the same pool …"]])]
    html_zones = "".join(
        f"<section class='zone'><h2 class='zone__title'><a href='/{heading.lower()}/'>{heading}</a></h2>"
        "<ul class='river'>" + "".join(
            f"<li class='river__item'><h3><a href='/s/{i}{j}'>{headline}</a></h3><div class='meta'>{meta}</div>"
            f"<p class='summary'>{summary}</p></li>" for j, (headline, meta, summary) in enumerate(cards))
        + "</ul></section>" for i, (heading, cards) in enumerate(zones))
    html = ("<html><body><header><nav><a href='/'>News</a> | <a href='/business/'>Business</a> | "
            "<a href='/sports/'>Sports</a></nav></header>"
            f"<main>{html_zones}</main><footer><p>© 2026 The Calder Ledger</p></footer></body></html>").encode()
    page = parse_html(html, "front.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert front_items(document, annotation) == ["\n\n".join(card) for _, cards in zones for card in cards]
    labels = labels_by_line(document, annotation)
    assert all(labels[heading] == "boilerplate" for heading, _ in zones)


@pytest.mark.parametrize("credit", ["Mit Informationen von Lena Hoff, Hauptstadtstudio", "Avec AFP",
                                    "Con información de Efe", "Avec agences", "(With inputs from agencies)",
                                    "With agency inputs", "Con agencias", "Mit Agenturen"])
def test_a_closing_credit_in_german_french_or_spanish_is_the_story(credit: str) -> None:
    """Guidelines 6: the story's closing credit line is the story's, in other languages too, and so is the line
    crediting the news agencies ("Avec agences", "(With inputs from agencies)")."""
    document = Document.from_text(page_text([*NAV, *STORY, credit, "Dieses Thema im Programm:", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[credit] == "article"
    assert all(labels[line] == "article" for line in STORY[3:])


def test_block_spans_are_the_blocks_inside_each_block_element():
    """``HtmlPage.block_spans`` (read by the card rule instead of walking subtrees) holds, for each block element,
    exactly the blocks whose element is it or inside it: cards, lines parted by <br>, block elements inside an
    inline one, and an element holding no block."""
    page = parse_html(b"<html><body><section><div class='card'><h3>One headline here</h3><p>Its summary.</p>"
                      b"</div><span>loose <div>inner a</div> words <div>inner b</div></span>"
                      b"<div class='card'><h3>Two</h3><br>time</div><div></div></section></body></html>", "t.html")
    first = {}
    for index in range(len(page.blocks) - 1, -1, -1):
        first[page.blocks[index].element] = index
    checked = 0
    for element in page.tree.iter():
        if element not in page.block_spans:
            continue
        inside = [index for index, block in enumerate(page.blocks)
                  if block.element is element or element in block.element.iterancestors()]
        start, stop = page.block_spans[element]
        assert list(range(start, stop)) == (list(range(inside[0], inside[-1] + 1)) if inside else [])
        checked += 1
    assert checked >= 8


# --- HTML path: the markup's captions, prompt boxes and furniture (quality-html12) ---

_BODY = [
    "The city council voted on Tuesday to approve the construction of a new bridge across the river, ending a "
    "dispute that has lasted for more than ten years and divided the town's two largest neighbourhoods.",
    "“We have waited long enough for this,” said the mayor, who has campaigned for the project since she took "
    "office. “The old crossing is simply not safe any more, and everyone in this town knows it.”",
    "Opponents argued that the cost of the project would burden taxpayers for decades, and several residents "
    "spoke against it during a public hearing that lasted late into the night on Monday.",
    "The construction is expected to begin next spring and to take about three years to complete, according "
    "to the city's transport department, which will publish the detailed plans in January.",
    "Traffic on the old crossing will be limited to buses and bicycles while the work goes on, the department "
    "said, and a ferry service will run every twenty minutes during the morning and evening rush.",
    "Local businesses on both banks welcomed the decision, saying that the closures of the old bridge for repairs "
    "had cost them customers every winter for the past five years.",
    "The council will hold a further public meeting in February to discuss the design of the approach roads and "
    "the new cycle lanes, which residents asked for during the consultation.",
]
_HTML_NAV = ("<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
             "<li><a href='/politics'>Politics</a></li></ul></nav></header>")
_HTML_FOOTER = "<footer><p>© 2026 Example News. All rights reserved.</p></footer>"


def _annotated_page(markup: str) -> tuple[Document, Annotation, dict[str, str]]:
    page = parse_html(f"<html><head><title>Council Approves New Bridge After Decade of Delays</title></head>"
                      f"<body>{_HTML_NAV}{markup}{_HTML_FOOTER}</body></html>".encode(), "story.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert_valid(document, annotation)
    return document, annotation, labels_by_line(document, annotation)


def test_on_the_html_path_the_lead_photo_caption_over_its_credit_is_no_standfirst() -> None:
    """Guidelines 8.4: with no headline found near the body, the prose line over the byline's pieces is taken for the
    standfirst -- but not the lead photo's caption, the line right over the photo's credit printed as a line of its
    own, which a share bar parts from the byline and dates."""
    caption = "The mayor and two engineers on the old bridge on Tuesday morning, before the council met to vote."
    body = "".join(f"<p>{line}</p>" for line in STORY[3:])
    markup = ("<main><article><h1>Council Approves New Bridge After Decade of Delays</h1>"
              "<p>The city will borrow forty million pounds for the crossing that the state promised twenty years ago</p>"
              "<p>Jane Doe</p><p>Riverton</p><p><time>March 3, 2024, 10:15</time></p><p><time>Updated 12:40</time></p>"
              + "".join(f'<aside class="box"><p>{tool}</p></aside>'
                        for tool in ("Share on Facebook", "Share on X", "Share by e-mail", "Comments", caption,
                                     "Foto: Anna Berg"))
              + body + "</article></main>")
    _, _, labels = _annotated_page(markup)
    assert labels[caption] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY[3:])


@pytest.mark.parametrize("credit", ["© Anna Berg / Riverside Courier", "© Anna Berg"])
def test_a_picture_copyright_without_a_year_is_a_photo_credit(credit: str) -> None:
    """Guidelines 8.4: the copyright sign and a photographer or agency without a year, on a line of its own, is a
    picture's credit, and the line over it under the story's dates its caption (the site's own copyright line has
    its year)."""
    caption = "The mayor and two engineers on the old bridge on Tuesday morning, before the council met to vote."
    markup = ("<main><article><h1>Council Approves New Bridge After Decade of Delays</h1>"
              "<p>The city will borrow forty million pounds for the crossing that the state promised twenty years ago, "
              "and the works start in spring.</p>"
              "<p>By Jane Doe</p><p><time>March 3, 2024 at 10:15, updated March 4, 2024 at 08:02</time></p>"
              + "".join(f'<aside class="inline-box"><p class="inline-note">{line}</p></aside>'
                        for line in ("Subscribers", "Reading 5 min.", caption, credit))
              + "".join(f'<p class="body">{line}</p>' for line in STORY[3:]) + "</article></main>")
    _, _, labels = _annotated_page(markup)
    assert labels[caption] == labels[credit] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY[3:])
    assert not _photo_credit("© 2024 Example News") and not _photo_credit("© Example News. All rights reserved.")


def test_on_the_html_path_captions_and_prompt_boxes_inside_the_story_are_boilerplate() -> None:
    """Guidelines 8.3 and 8.4 by the markup: a photo caption in a <figcaption> or a box whose class names a caption
    or credit, and a sign-up or share box inside the story (classes in camel case too, as CSS modules write them;
    a <form>), are boilerplate, though their lines read like the story's prose; the story's paragraphs stay
    article."""
    caption = ("Workers inspect the old crossing over the river on Monday, when the council met to vote on the "
               "plans for the new bridge.")
    embed_caption = ("The mayor, centre, walks across the old bridge with members of the council before the vote on "
                     "Tuesday evening.")
    pitch = ("Get breaking news alerts and special reports. The news and stories that matter, delivered weekday "
             "mornings.")
    share = "Tell your friends and family what the new bridge will mean for the town and its two neighbourhoods."
    briefing = "The morning briefing: the five stories you need to read before work, delivered every weekday."
    markup = (
        "<article><h1>Council Approves New Bridge After Decade of Delays</h1><p>By Jane Doe</p>"
        f"<div class='article-body'><p>{_BODY[0]}</p>"
        f"<figure><img src='bridge.jpg'><figcaption>{caption}</figcaption></figure>"
        f"<p>{_BODY[1]}</p><div class='shareBox'><p>{share}</p></div><p>{_BODY[2]}</p>"
        f"<div class='InlineImage-wrapper'><div class='InlineImage-imageEmbedCaption'>{embed_caption}</div>"
        "<div class='InlineImage-imageEmbedCredit'>Jane Roe | Example News</div></div>"
        f"<p>{_BODY[3]}</p>"
        "<div class='article-body__newsletter'><div class='signupBackground___27LhS'>"
        "<h2 class='signupTitle___15fvr'>Breaking News Emails</h2>"
        f"<div class='signupMessage___3ctJh'>{pitch}</div><button>Subscribe</button></div></div>"
        f"<p>{_BODY[4]}</p><form action='/signup'><p>{briefing}</p><label>Email</label><input type='email'>"
        f"<button>Sign up</button></form><p>{_BODY[5]}</p><p>{_BODY[6]}</p></div></article>")
    _, _, labels = _annotated_page(markup)
    assert all(labels[line] == "article" for line in _BODY)
    for line in (caption, embed_caption, "Jane Roe | Example News", "Breaking News Emails", pitch, share, briefing):
        assert labels[line] == "boilerplate", line


def test_on_the_html_path_a_big_box_named_a_caption_holds_the_story() -> None:
    """A box whose class names a caption but that holds more lines than a caption or prompt box
    (``MARKED_BOX_MAX_BLOCKS``) wraps the story: its paragraphs stay article."""
    markup = ("<article><h1>Council Approves New Bridge After Decade of Delays</h1>"
              "<div class='has-captions'>" + "".join(f"<p>{line}</p>" for line in _BODY) + "</div></article>")
    _, _, labels = _annotated_page(markup)
    assert all(labels[line] == "article" for line in _BODY)


def test_on_the_html_path_a_heading_in_page_furniture_is_no_headline_whatever_it_echoes() -> None:
    """Guidelines 8.1: a site banner's heading above the story and a share box's heading echoing the title ("All
    sharing options for: <title>") are furniture, not the story's headline, however near the body they are."""
    headline = "Council Approves New Bridge After Decade of Delays"
    share_heading = f"All sharing options for: {headline}"
    banner_heading = "Welcome to Example News's European Union Experience"
    markup = (f"<div class='banner'><h3>{banner_heading}</h3><a href='/eu'>Learn More</a></div>"
              f"<article><h1>Bridge approved. Now the town asks, what took so long?</h1>"
              "<p>By Jane Doe</p><div class='c-social-buttons'><h3>" + share_heading + "</h3>"
              + "".join(f"<a href='/s{i}'>{site}</a>" for i, site in enumerate(
                  ("Facebook", "Twitter", "Reddit", "Pocket", "Flipboard", "Email", "WhatsApp", "LinkedIn")))
              + "</div><div class='article-body'>" + "".join(f"<p>{line}</p>" for line in _BODY) + "</div></article>")
    _, _, labels = _annotated_page(markup)
    assert labels[banner_heading] == "boilerplate"
    assert labels[share_heading] == "boilerplate"
    assert labels["Bridge approved. Now the town asks, what took so long?"] == "article"
    assert labels["By Jane Doe"] == "article"
    assert all(labels[line] == "article" for line in _BODY)


@pytest.mark.parametrize(("tag", "class_", "marked"), [
    ("figcaption", "", True), ("div", "wp-caption-text", True), ("div", "InlineImage-imageEmbedCredit", True),
    ("div", "signupTitle___15fvr", True), ("div", "shareBar", True), ("aside", "newsletter-box dn-print", True),
    ("div", "share-bar-wrapper", False), ("div", "shareholders-meeting", False), ("div", "sharedStyles", False),
    ("div", "article-body", False), ("p", "", False)])
def test_caption_credit_and_prompt_boxes_are_told_by_tag_and_class(tag: str, class_: str, marked: bool) -> None:
    """``_box_kind``: a <figcaption>, a class naming a caption or credit, or a class naming a newsletter, sign-up or
    share box by a word of its own (hyphenated or in camel case, as CSS modules write "signupTitle___15fvr"), but
    not a word that merely starts so ("shareholders") nor a wrapper's name ("share-bar-wrapper" around a byline)."""
    from annotation.preannotate.html import _BOX, _box_kind

    assert (_box_kind(tag, class_, "", None, None) == _BOX) is marked


def test_on_the_html_path_the_h1_in_a_story_header_marked_as_a_banner_is_the_headline() -> None:
    """Guidelines 8.1: a site that marks the story's own header <header role="banner"> inside the <article> makes it
    furniture by its role, but its <h1> is the story's headline still, and the deck and date under it are the
    story's."""
    headline = "Council Approves New Bridge After Decade of Delays"
    deck = "The vote ends a dispute that divided the town's two largest neighbourhoods for more than ten years."
    markup = (f"<article><header role='banner'><p><a href='/local'>Local</a></p><h1>{headline}</h1>"
              f"<p class='dek'>{deck}</p><div class='meta'>March 3, 2024</div></header>"
              "<figure><img src='b.jpg'><figcaption>Jane Roe / Example News</figcaption></figure>"
              "<section class='share-tools'><button>Share</button><span>Link Copied</span></section>"
              "<div class='article-body'>" + "".join(f"<p>{line}</p>" for line in _BODY) + "</div></article>")
    _, _, labels = _annotated_page(markup)
    assert labels[headline] == "article"
    assert labels[deck] == "article"
    assert labels["March 3, 2024"] == "article"
    assert all(labels[line] == "article" for line in _BODY)


def test_on_the_html_path_the_h1_of_a_related_box_inside_the_story_is_no_headline() -> None:
    """An <h1> inside an <aside> (a related-stories box heading "More on ...") is furniture by the page's
    structure: no headline of the story, however near the body it stands."""
    markup = ("<article><h1>Council Approves New Bridge After Decade of Delays</h1><p>By Jane Doe</p>"
              "<p>Photo illustration by Example News.</p><div>Tweet</div><div>Share</div><div>Comment</div>"
              "<div>Listen</div><div>Print</div><div>Save</div><div class='article-body'>"
              "<aside class='in-article-recirc'><h1>More on Local Politics</h1><ol>"
              "<li><a href='/a'>Mayor Names New Head of Transport Department</a></li>"
              "<li><a href='/b'>Ferry Operator Wins Contract for River Crossing</a></li></ol></aside>"
              + "".join(f"<p>{line}</p>" for line in _BODY) + "</div></article>")
    _, _, labels = _annotated_page(markup)
    assert labels["More on Local Politics"] == "boilerplate"
    assert all(labels[line] == "article" for line in _BODY)


# --- quality-reach: the standfirst above a byline in pieces, a story closing on a prompt, a shop's link ---

_STANDFIRST = ("Penalties for those who refuse to take part in the consultation are to be increased to a maximum of "
               "£500 for repeat offenders")
_STANDFIRST_MARKUP = (
    "<article><h1>Council Approves New Bridge After Decade of Delays</h1>"
    f"<p class='standfirst'>{_STANDFIRST}</p><button>Close</button><div class='byline'><p>By</p>"
    "<p><a href='/jane'>Jane Doe</a></p><p><a href='/t/jane'>@janedoe24</a></p><p><a href='/john'>John O'Roe</a></p>"
    "</div><p><time>03 March 2024</time></p><div class='article-body'><p class='dropcap'>T</p>"
    + "".join(f"<p>{line}</p>" for line in _BODY) + "</div></article>")


def test_on_the_html_path_the_standfirst_above_a_byline_in_pieces_is_the_story() -> None:
    """Guidelines 8.1: the standfirst under the page's <h1> is the story's, also when a byline printed piece by
    piece ("By", names, a handle), the date, a player's "Close" and a drop cap part it from the body -- whatever the
    learned model reads in it (the benchmark the model learns from leaves standfirsts out)."""
    import numpy as np

    from annotation.preannotate.zones import classify_blocks

    document, _, labels = _annotated_page(_STANDFIRST_MARKUP)
    assert labels[_STANDFIRST] == "article"
    assert all(labels[line] == "article" for line in _BODY)
    page = parse_html(f"<html><head><title>Council Approves New Bridge After Decade of Delays</title></head>"
                      f"<body>{_HTML_NAV}{_STANDFIRST_MARKUP}{_HTML_FOOTER}</body></html>".encode(), "story.html")
    blocks, evidence, title, rules, _ = Preannotator()._prepare(document, page)
    standfirst = next(block.index for block in blocks if block.text == _STANDFIRST)
    assert rules.run[0] == standfirst
    logits = np.full(len(blocks), 5.0)
    logits[standfirst] = -5.0  # the model's veto
    assert classify_blocks(blocks, evidence, title, logits, rules)[standfirst].label == "article"


def test_a_story_paragraph_closing_on_a_prompt_is_the_story_and_a_prompt_is_not() -> None:
    """Guidelines 6 and 8.3: the writer's last paragraph that ends by asking readers to comment ("... Leave a comment
    and let us know ...") is the story's -- its sentences before the prompt are story; a line that is the prompt
    (a forum invitation, then "let us know") is boilerplate, at the end of the story on both paths."""
    closing = ("Let's be honest, choosing the best bridges of the decade for a shortlist like this one is hard. Really "
               "hard. Surely, we left some of your favourite crossings off this list. Leave a comment and let us know "
               "which bridge you would have picked.")
    invitation = ("Join our Bridges Forum to keep talking about the crossings in your town! And if you have a news tip "
                  "or a comment, let us know at the address below.")
    for lines in ([*_BODY, closing], [*_BODY, invitation]):
        text = "\n\n".join([*NAV, "Council Approves New Bridge After Decade of Delays", *lines, *FOOTER]) + "\n"
        document = Document.from_text(text)
        annotation = Preannotator().annotate(document)
        assert_valid(document, annotation)
        labels = labels_by_line(document, annotation)
        assert all(labels[line] == "article" for line in _BODY)
        assert labels[lines[-1]] == ("article" if lines[-1] == closing else "boilerplate")
    from annotation.preannotate.zones import _ends_in_prompt

    assert _ends_in_prompt(closing)
    assert not _ends_in_prompt(invitation)
    assert not _ends_in_prompt("Thank you for reading. Leave a comment below and tell us what you think of the plans.")


def test_on_the_html_path_a_link_to_buy_at_a_shop_is_no_teaser() -> None:
    """Guidelines 8.2: a teaser promotes another article. A deals story's link to buy at a shop with its price
    ("Get it on Amazon for $39.99") promotes none, though shaped like a linked headline; a link to another story
    between the paragraphs is still a teaser."""
    buy = "Get it at Example Hardware for $39.99"
    buy_bare = "Buy the cordless drill on Example Market for 129.99"
    other = "Mayor Names New Head of the Transport Department"
    body = "".join(f"<p>{line}</p>" for line in _BODY[:3])
    markup = ("<article><h1>Council Approves New Bridge After Decade of Delays</h1><p>By Jane Doe</p>"
              f"<div class='article-body'>{body}<p><a href='https://shop.example/drill'>{buy}</a></p>"
              f"<p>{_BODY[3]}</p><p><a href='https://market.example/d'>{buy_bare}</a></p><p>{_BODY[4]}</p>"
              f"<p><a href='/local/mayor-names-head'>{other}</a></p>"
              + "".join(f"<p>{line}</p>" for line in _BODY[5:]) + "</div></article>")
    _, _, labels = _annotated_page(markup)
    assert labels[buy] != "teaser" and labels[buy_bare] != "teaser"
    assert labels[other] == "teaser"
    assert all(labels[line] == "article" for line in _BODY)


def test_a_short_paragraph_quoting_someone_between_an_ad_and_a_caption_inside_the_story_is_the_story() -> None:
    """A short paragraph (fewer than ``MIN_ISLAND_WORDS`` words) quoting someone, with the story's paragraphs above
    and under it and only an ad label and a photo's caption and credit between, is the story's, whatever furniture
    words it uses ("sign up"); the same short line without a quotation is still an island the run swept in."""
    import numpy as np

    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, classify_blocks, rule_pass

    quoting = ("Crews isolated the fault, the mayor said, and “patched” the lights as the town continued to sign up "
               "volunteers.")
    plain = quoting.replace("“patched”", "patched")
    caption = ["The mayor, centre, with members of the council on the old bridge", "(Example News)"]
    for paragraph in (quoting, plain):
        lines = [*NAV, "Council Approves New Bridge After Decade of Delays", *_BODY[:2], "Advertisement", paragraph,
                 *caption, *_BODY[2:]]
        blocks = split_blocks("\n\n".join(lines) + "\n")
        evidence = [BlockEvidence()] * len(blocks)
        logits = np.array([-5.0 if block.text in caption else 5.0 for block in blocks])
        labels = classify_blocks(blocks, evidence, None, logits, rule_pass(blocks, evidence))
        by_text = {block.text: label.label for block, label in zip(blocks, labels, strict=True)}
        assert all(by_text[line] == "article" for line in _BODY)
        assert by_text[paragraph] == ("article" if paragraph == quoting else "boilerplate")


# --- quality-textsnip: the text path's snippet misses ---

_CELEBRITY_SIDEBAR = [
    "Did the singer bend the rules? Pop star and her new partner enjoy a long dinner at a busy city restaurant "
    "on their first outing Cheeky",
    "Reality star shows off her toned figure in a bright orange bikini during a sunny holiday getaway with her "
    "closest friends Stunning",
    "Television presenter marks her best friend's fiftieth birthday with a throwback snap from their first "
    "holiday together in Spain Sweet",
    "Advertisement",
    "'We had no idea!' Radio host is left red-faced during a live segment as his father shares a story about "
    "the family dog Hilarious",
    "Football star tells the court he thought the speed limit was in kilometres as he admits speeding on the "
    "motorway in his car",
    "Former soap actress reveals the weight loss secret that helped her shed three stone before her wedding "
    "in the countryside Wow",
    "Advertisement",
    "Is a lack of sleep ruining your mood? A celebrity nutritionist explains how a better bedtime routine can "
    "change your whole life",
    "Chart-topping singer braves the rain to walk his girlfriend's dog through the park after the pair adopt "
    "a new puppy Adorable",
    "Model flaunts her glamorous style in a sequinned gown as she poses in the garden during a quiet evening "
    "at home Glam",
    "Advertisement",
    "'It broke my heart': Breakfast host opens up about the moment her brother died and how the family has "
    "coped since then",
    "Pregnant actress shows off her growing bump in a red swimsuit as she enjoys a dip in the pool at a "
    "plush hotel Glowing",
    "Comedian tries to keep a low profile in a face mask and a beanie as he steps out in the city with his "
    "family Incognito",
]


def test_a_sidebar_of_headlines_is_a_list_though_some_are_two_sentences_and_ads_part_them() -> None:
    """A sidebar of other stories' headlines (guidelines 8.2: teasers) stays a list when some headlines are two
    "sentences" ("Did the singer bend the rules? Pop star ...", "'We had no idea!' Radio host ...") and ad labels
    part its items: before, each such line and each "Advertisement" cut the list into pieces too short to be
    one, the sidebar scored as the longest run of prose on the page and the story itself was left out (dailymail:
    the story's paragraphs were all boilerplate, the celebrity headlines article). A story's paragraphs still end
    their sentences and are no such list."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, classify_blocks, rule_pass

    lines = [*NAV, "Council Approves New Bridge After Decade of Delays", *_BODY, "Advertisement", "DON'T MISS",
             *_CELEBRITY_SIDEBAR, *FOOTER]
    blocks = split_blocks(page_text(lines))
    evidence = [BlockEvidence()] * len(blocks)
    rules = rule_pass(blocks, evidence)
    items = {block.index for block in blocks if block.text in _CELEBRITY_SIDEBAR and block.text != "Advertisement"}
    assert items <= rules.headline_lists
    assert not any(blocks[index].text in _BODY for index in rules.headline_lists)
    labels = {block.text: label.label for block, label in zip(blocks, classify_blocks(blocks, evidence, rules=rules),
                                                              strict=True)}
    assert all(labels[line] == "article" for line in _BODY)
    assert not any(labels[line] == "article" for line in _CELEBRITY_SIDEBAR)
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    by_line = labels_by_line(document, annotation)
    assert all(by_line[line] == "article" for line in _BODY)
    assert not any(by_line[line] == "article" for line in _CELEBRITY_SIDEBAR)


_BOXED_STORY = [
    "Second Town Opens Its Own Crossing as the Old Ferry Service Ends",
    "By John Roe for Example News",
    "The town of Westford opened its own bridge on Saturday, ending a ferry service that had carried "
    "commuters across the river for more than fifty years.",
    "Hundreds of residents walked across the new crossing in the morning, and the last ferry made its final "
    "trip to the old landing shortly before noon.",
    "“It is the end of an era, but nobody will miss the queues in winter,” said the ferry's captain, who has "
    "worked on the river since he was a teenager.",
]


def test_another_story_boxed_inside_the_story_is_one_teaser() -> None:
    """Guidelines 8.2: another full story printed in a box inside the main one -- its own headline, its byline
    right under it and its paragraphs, parted from the story above by a photo's caption and from the story
    below by an ad label -- promotes that story: one teaser from its headline to its last paragraph, and the
    story around it stays the story (dailymail: the box's paragraphs were article). Without its byline the
    headline is the story's own subheading; and a story's own headline and byline under a paragraph the run
    swept in are no box: the story holds more words under them than around them. On the HTML path the caption
    that parts the box from the story is boilerplate by its markup, read after the classifier."""
    caption = "The mayor, centre, with members of the council on the old bridge"
    lines = [*NAV, "Council Approves New Bridge After Decade of Delays", "By Jane Doe", *_BODY[:3], caption,
             *_BOXED_STORY, "Advertisement", *_BODY[3:], *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "article" for line in _BODY)
    teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    assert teasers == ["\n\n".join(_BOXED_STORY)]
    unsigned = [line for line in lines if line != _BOXED_STORY[1]]
    document = Document.from_text(page_text(unsigned))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert all(labels[line] == "article" for line in [*_BODY, *_BOXED_STORY[2:]])
    from annotation.preannotate.zones import BlockLabel, _boxed_stories

    features = [features_of(line) for line in [_BODY[0], caption, *_BOXED_STORY, "Advertisement", *_BODY[3:]]]
    story = [BlockLabel("article" if f.text_like else "boilerplate", 0.9) for f in features]
    assert _boxed_stories(features, story, 0, len(features)) == [range(2, 7)]
    # closed by the story's own subheading, not by a line that is not the story's: the story's next part
    story[7] = BlockLabel("article", 0.9)
    assert _boxed_stories(features, story, 0, len(features)) == []
    # the HTML path: the caption above the box, read as prose by the classifier, is boilerplate by its
    # <figcaption>, which the markup rules read after it
    prose_caption = ("The new bridge will be built next to the old crossing, which the council says will close to cars "
                     "for good once the work begins in the spring.")
    body = "".join(f"<p>{line}</p>" for line in _BODY[:3])
    box = f"<h3>{_BOXED_STORY[0]}</h3>" + "".join(f"<p>{line}</p>" for line in _BOXED_STORY[1:])
    markup = ("<article><h1>Council Approves New Bridge After Decade of Delays</h1><p>By Jane Doe</p>"
              f"<div class='article-body'>{body}<figure><img src='a.jpg'>"
              f"<figcaption>{prose_caption}</figcaption></figure><div class='factbox'>{box}</div><p>Advertisement</p>"
              + "".join(f"<p>{line}</p>" for line in _BODY[3:]) + "</div></article>")
    _, annotation, labels = _annotated_page(markup)
    assert all(labels[line] == "article" for line in _BODY)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(_BOXED_STORY)]
    summary = "The ferry's last crossing drew hundreds of passengers on Saturday morning."
    swept_in = [summary, caption, "Council Approves New Bridge After Decade of Delays", "By Jane Doe", *_BODY[:5],
                "Advertisement", summary]
    features = [features_of(line) for line in swept_in]
    story = [BlockLabel("article" if f.text_like else "boilerplate", 0.9) for f in features]
    assert _boxed_stories(features, story, 0, len(features)) == []


def test_the_headline_is_the_line_with_the_story_date_next_to_it_not_a_video_title_nearer_the_body() -> None:
    """Guidelines 8.1 and 8.4: above the body, the headline is the headline-shaped line with the story's date or
    byline next to it, though a share bar parts it from the body and a video's title, also shaped like a headline
    but with no date beside it, stands nearer (cbsnews: the video's title was taken for the headline, the headline
    itself for a teaser). With no date beside any of them, the nearest is still the headline."""
    headline = "Voters in the River Valley Are Crucial for the Bridge Vote"
    video = "Valley Voters on the New Bridge Plan"
    top = ["Example News November 12, 2024, 7:57 AM", headline, "Share", "Tweet", "Reddit", "Email", video]
    document = Document.from_text(page_text([*NAV, *top, *_BODY, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[headline] == "article"
    assert labels[video] != "article"
    assert all(labels[line] == "article" for line in _BODY)
    document = Document.from_text(page_text([*NAV, *top[1:], *_BODY, *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert labels[video] == "article"


@settings(max_examples=200)
@given(cuts=st.lists(st.integers(1, 60), min_size=1, max_size=12, unique=True),
       quotes=st.lists(st.tuples(st.integers(0, 59), st.integers(1, 20)), max_size=8))
def test_spans_are_merged_in_span_order(cuts: list[int], quotes: list[tuple[int, int]]) -> None:
    """The annotator's spans (zone spans in the order of their starts, then the quotes, merged without sorting
    the zones) are listed as ``sorted(..., key=span_order)`` lists them: a zone before a quote starting with it,
    quotes sharing a start by their end."""
    from annotation.preannotate.core import in_span_order
    from schemas.records import Span, span_order

    text = "x" * 61
    edges = sorted({0, *cuts})
    zones = [Span.on(text, start, end, "article", 0.5) for start, end in zip(edges, edges[1:])]
    quote_spans = [Span.on(text, start, min(start + length, 61), "quote", 0.8) for start, length in quotes]
    assert in_span_order(zones, quote_spans) == tuple(sorted(zones + quote_spans, key=span_order))


# A British "as it happened" live blog on the text path (issue 4): headline, standfirst, a byline of two names,
# the date, "Show key events only" and a box of jump links (a time and an entry's heading on one line each), then
# the entries newest first -- a time, sometimes "Updated at …", often a heading, one to three paragraphs,
# sometimes an embedded post with its dated attribution, sometimes the entry's writer -- then related stories.
_AS_IT_HAPPENED_TOP = [
    "Storm Hollis: flood warnings across Wales and the south-west as rivers burst their banks – as it happened",
    "Hundreds of homes evacuated overnight as the Met Office extends its amber warning for rain to Sunday evening",
    "Priya Lakhani and Owen Hartley", "Sat 14 Feb 2026 07.12 GMT"]
_AS_IT_HAPPENED_ENTRIES = [
    ["06.55 GMT", "Updated at 07.02 GMT", "Closing summary",
     "That is where we will leave our coverage for now. Here is a summary of the night’s main developments.",
     "More than 400 homes in Monmouthshire and Somerset were evacuated after the Wye and the Parrett rose above "
     "their record levels, and the Environment Agency has issued 31 severe flood warnings.",
     "The Met Office has extended its amber warning for rain to 8pm on Sunday. “The ground simply cannot take any "
     "more water,” its chief forecaster said."],
    ["06.20 GMT",
     "A resident of Monmouth has been describing the scene on the town’s main bridge to the BBC. She said the water "
     "had reached the top of the arches by five o’clock.",
     "“I have lived here for forty years and I have never seen it like this. The cars in the car park are "
     "floating.”",
     "Owen Hartley"],
    ["05.30 GMT", "Rail line between Cardiff and Newport closed",
     "Network Rail says the main line between Cardiff and Newport will stay closed until at least midday after a "
     "landslip near Marshfield.",
     "Passengers are being told not to travel. Replacement buses will run once the roads are judged safe."],
    ["05.05 GMT", "Severn Trent has posted this update for customers in Gloucestershire:",
     "Our teams are on site at Tewkesbury. If your water supply is affected, bottled water is available at the "
     "leisure centre from 7am.",
     "— Severn Trent (@stwater) February 14, 2026", "Priya Lakhani"],
    ["04.05 GMT", "Amber warning extended to Sunday",
     "The Met Office has extended its amber warning for heavy rain across south Wales and the south-west of "
     "England until 8pm on Sunday, with up to 120mm expected on high ground."],
    ["03.15 GMT", "Evacuations in Monmouth",
     "Police and firefighters have been going door to door in the lower parts of Monmouth, asking residents to "
     "leave their homes before the river peaks, which is expected shortly before dawn.",
     "A rest centre has opened at the comprehensive school, the county council said."],
]
_AS_IT_HAPPENED_RELATED = [["Flooding in the Wye valley: how climate change is raising the risk", "12 Feb 2026"],
                           ["‘We lost everything’: the families still out of their homes a year after Storm Bert",
                            "9 Feb 2026"],
                           ["Met Office says February could be wettest on record", "7 Feb 2026"]]


def _as_it_happened(separator: str, entries: int,
                    related_heading: bool) -> tuple[list[str], list[list[str]], list[str]]:
    """The page's lines with its times printed with ``separator`` ("06.55" or "06:55"), its first ``entries``
    entries, with or without a heading above the related stories; and its entries and key-event lines."""
    def timed(line: str) -> str:
        return re.sub(r"\b(\d\d)\.(\d\d) GMT", rf"\1{separator}\2 GMT", line)

    top = [timed(line) for line in _AS_IT_HAPPENED_TOP]
    entry_lines = [[timed(line) for line in entry] for entry in _AS_IT_HAPPENED_ENTRIES[:entries]]
    keys = ["Show key events only", timed("06.55 GMT Closing summary"),
            timed("05.30 GMT Rail line between Cardiff and Newport closed"),
            timed("04.05 GMT Amber warning extended to Sunday")]
    related = [line for item in _AS_IT_HAPPENED_RELATED for line in item]
    lines = [*NAV, *top, *keys, *(line for entry in entry_lines for line in entry),
             *(["Most viewed"] if related_heading else []), *related, *FOOTER]
    return lines, [top, *entry_lines], keys


@pytest.mark.parametrize(("separator", "entries", "related_heading"),
                         [(".", 6, True), (":", 6, True), (".", 5, True), (".", 6, False)],
                         ids=["dot-times", "colon-times", "five-entries", "no-related-heading"])
def test_an_as_it_happened_live_blog_keeps_its_head_and_every_entry(separator: str, entries: int,
                                                                    related_heading: bool) -> None:
    """Guidelines 8.5: a live blog's headline, standfirst, byline, date and every entry -- its time, "Updated at"
    line, heading, paragraphs, embedded post with its dated attribution and writer -- are the story, also when its
    entries of one to three paragraphs run more than a list's period apart and its times run on into the dated
    related stories under it; "Show key events only" and the box's jump links are boilerplate, the related stories
    one teaser each."""
    lines, story, keys = _as_it_happened(separator, entries, related_heading)
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    lines_of_story = [line for part in story for line in part]
    assert {line: labels[line] for line in lines_of_story} == dict.fromkeys(lines_of_story, "article")
    assert [labels[line] for line in keys] == ["boilerplate"] * len(keys)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == [
        "\n\n".join(item) for item in _AS_IT_HAPPENED_RELATED]


def test_a_list_of_clock_timed_items_under_a_story_stays_teasers() -> None:
    """Guidelines 8.2: items each printed with a time of day alone, a headline and a one-sentence summary, under a
    story, are a list of teasers, not a live blog's entries: one finished paragraph per item is a summary."""
    items = [["14:05", "Council signs plans for the harbour’s summer festival",
              "The festival will move to the old fish market after a decade in the park, organisers said."],
             ["13:40", "Minister warns about plans for the northern rail reform",
              "Ana Ferreira said the reform would be delayed by at least a year."],
             ["12:55", "Union leader says dockers never asked for the strike",
              "The port’s dockers warned about a walkout after talks with the owners broke down on Monday."]]
    document = Document.from_text(page_text([*NAV, *STORY, "Latest news", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_a_list_whose_items_read_as_two_sentences_each_stays_teasers_its_last_item_counted() -> None:
    """Guidelines 8.2: items each a question for a headline and a finished summary above their time read as two
    paragraphs between two times, as a live blog's entries do; the last item has nothing under its time, which a
    live blog's last entry has (its paragraphs): the items stay teasers."""
    items = [["Will the harbour festival move to the old fish market next summer?",
              "Organisers say the park has become too small for the crowds of recent years.", "3 hours ago"],
             ["Can the northern rail reform still be delivered on time?",
              "The minister said the reform would be delayed by at least a year.", "5 hours ago"],
             ["Why did the port’s dockers vote for a walkout this week?",
              "Talks with the owners broke down on Monday after two months of negotiations.", "8 hours ago"]]
    document = Document.from_text(page_text([*NAV, *STORY, "Recent Posts", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


_PENSIONS_TITLE = "Pensions: the government drops the higher retirement age, “a victory” for the unions"
_PENSIONS_TOP = ["The prime minister announced on Thursday evening that the reform is suspended until the next election. "
                 "Unions hailed “a historic retreat”, employers “a mistake”.",
                 "By Marie Lefèvre and Paul Girard",
                 "Published on 12 March 2026 at 19:05, updated on 13 March 2026 at 07:40"]
_PENSIONS_BODY = [
    "It was a reversal few observers had expected. On Thursday evening, in an interview on the main evening news, "
    "the prime minister announced that the rise in the legal retirement age would be suspended until 2027.",
    "“The country needs calm,” he said. “I will not govern against the people.”",
    "The legal age will therefore stay at 62 years and nine months for the generations concerned. The measure "
    "is expected to cost 1.9 billion euros in 2027, according to the budget ministry.",
    "The head of the largest union called it “a historic retreat” on the radio on Friday morning, after three "
    "years of strikes, marches and petitions against a reform her members never accepted.",
    "Employers were less pleased. The head of the main business lobby called the decision “a mistake” and "
    "“a very bad signal to investors”, warning that the deficit would grow."]


def test_standfirst_byline_and_date_above_widgets_and_the_lead_photo_stay_the_story() -> None:
    """Guidelines 8.1: the standfirst, byline and date under the headline are the story's, also when the site's
    widgets ("Gift this article", "Add to my selections") and the lead photo's caption stand between them and the
    body; the widgets and the caption are boilerplate."""
    authors = "By <a href='/a/ml'>Marie Lefèvre</a> and <a href='/a/pg'>Paul Girard</a>"
    html = (f"<html><head><title>{_PENSIONS_TITLE}</title></head><body><header><nav><ul>"
            + "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in ("World", "Politics", "Business", "Culture", "Sport"))
            + f"</ul></nav></header><main><header><h1>{_PENSIONS_TITLE}</h1><p>{_PENSIONS_TOP[0]}</p>"
            f"<div class='authors'>{authors}</div><p class='date'>{_PENSIONS_TOP[2]}</p><p>Reading time 3 min.</p>"
            "<ul><li><button>Gift this article</button></li><li><button>Add to my selections</button></li></ul></header>"
            "<figure><img src='/i.jpg' alt=''><figcaption>The prime minister at his office on 12 March 2026. "
            "<span class='credit'>JEAN DUPONT / AFP</span></figcaption></figure><article>"
            + "".join(f"<p>{p}</p>" for p in _PENSIONS_BODY)
            + "</article></main><footer><a href='/legal'>Legal notice</a> <a href='/privacy'>Privacy policy</a>"
            "</footer></body></html>").encode()
    labels = html_labels(html, "pensions.html", Preannotator())
    assert [labels[line] for line in [_PENSIONS_TITLE, *_PENSIONS_TOP, *_PENSIONS_BODY]] == ["article"] * 9
    assert [labels[line] for line in ("Gift this article", "Add to my selections")] == ["boilerplate"] * 2


# Pages in languages written without spaces (guidelines 2): a run of Han, kana or Thai letters is one regex "word"
# however long, so the lengths are counted by characters (features.unspaced_counts).
JA_NAV = ["本文へ移動", "東湾日報オンライン", "ニュース", "地域", "経済", "くらし"]
JA_STORY = [
    "市営バス路線、来春から半数に縮小　運転手不足で",
    "2026年3月4日 9時30分",
    "社会部　田中健一",
    "港北市は3日、市営バスの路線数を来年4月から現在の半数程度に縮小すると発表した。運転手の確保が難しくなっていることが主な理由だという。",
    "記者会見した佐藤市長は「苦渋の決断だが、今の人員では安全な運行を続けられない」と述べ、理解を求めた。",
    "利用者からは反発の声が上がっている。駅前でバスを待っていた70代の女性は「病院に通う足がなくなってしまう。どうすればいいのか」と不安を口にした。",
    "市は廃止される路線の一部について、地元のタクシー会社と協力して乗り合いの交通手段を用意する方針を示している。",
]
JA_RELATED = [["市営バス、運賃を20円値上げへ", "2025年11月2日"], ["運転手の求人、応募ゼロが続く", "2026年1月15日"]]
JA_FOOTER = ["利用規約", "プライバシーポリシー", "無断転載を禁じます"]


def test_a_japanese_story_is_told_by_its_length_in_characters() -> None:
    blocks = [*JA_NAV, *JA_STORY, "この記事をシェア", "関連記事", *(line for item in JA_RELATED for line in item),
              *JA_FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert labels_by_line(document, annotation) == {
        **{line: "boilerplate" for line in [*JA_NAV, "この記事をシェア", "関連記事", *JA_FOOTER]},
        **{line: "article" for line in JA_STORY},
        **{line: "teaser" for item in JA_RELATED for line in item}}
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(i) for i in JA_RELATED]


ZH_STORY = [
    "暴雨致多地停课　气象台发布橙色预警",
    "2026年6月12日 07:45",
    "本报记者 王晓明",
    "受强降雨影响，本市北部三个区今天全天停课，部分地铁站出入口临时关闭。气象台昨晚将暴雨预警升级为橙色，提醒市民减少外出。",
    "「这是今年入汛以来最强的一次降雨过程，」市气象台首席预报员李华说，「未来两天累计雨量可能超过二百毫米。」",
    "记者在北区看到，不少低洼路段积水已经没过车轮，交警在路口设置了临时指示牌，引导车辆绕行。",
    "市防汛指挥部表示，已经安排了三百多名工作人员在重点地区值守，并准备了抽水设备和救生物资。",
]


@pytest.mark.parametrize("ad", ["广告", "廣告"])
def test_a_chinese_story_between_navigation_and_an_ad_label(ad: str) -> None:
    nav = ["首页", "新闻", "财经", "体育", "跳到主要内容"]
    footer = ["隐私政策", "版权所有 © 2026 北城晚报"]
    blocks = [*nav, *ZH_STORY[:5], ad, *ZH_STORY[5:], *footer]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert labels_by_line(document, annotation) == {**{line: "boilerplate" for line in [*nav, ad, *footer]},
                                                    **{line: "article" for line in ZH_STORY}}


@pytest.mark.parametrize("front", ["ja", "zh"])
def test_a_front_in_chinese_or_japanese_has_no_story(front: str) -> None:
    items = {"ja": [["県内の高校で入学式　新入生1200人", "2時間前"], ["新しい図書館、駅前に開館へ　来年秋", "5時間前"],
                    ["梅雨入り、平年より4日早く", "8時間前"], ["商店街に新たな店舗、空き店舗が半減", "10時間前"]],
             "zh": [["市区新增五条公交线路　下月开通", "2小时前"], ["老旧小区改造工程全面启动", "5小时前"],
                    ["本周末气温回升　最高可达28度", "8小时前"], ["图书馆延长夜间开放时间", "10小时前"]]}[front]
    heading = {"ja": "最新ニュース", "zh": "最新新闻"}[front]
    blocks = [*JA_NAV, heading, *(line for item in items for line in item), *JA_FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(i) for i in items]
    assert not [span for span in annotation.spans if span.label == "article"]


@pytest.mark.parametrize(("text", "words", "sentences", "sentence_end"), [
    ("受强降雨影响，本市北部三个区今天全天停课。", 10, 1, True),  # runs of 6 and 13 characters: 3 and 7 words
    ("「苦渋の決断だ。」と市長は述べた。次の会見は来週。", 11, 2, True),
    ("知事「残念だ」", 3, 1, False),
    ("สภาเห็นชอบร่างงบประมาณ", 6, 1, False),  # 22 letters, four to a word
])
def test_words_and_sentences_of_scripts_written_without_spaces(text: str, words: int, sentences: int,
                                                               sentence_end: bool) -> None:
    f = features_of(text)
    assert (f.n_words, f.n_sentences, f.ends_like_sentence) == (words, sentences, sentence_end)
    # as long as as many words written with spaces, the punctuation outside the runs as it is
    unspaced = sum(len(run) for run in re.findall("[\u3040-\u9fff\u0e00-\u0e7f]+", text))
    assert f.n_chars == len(text) - unspaced + 6 * words


@pytest.mark.parametrize("line", ["2026年3月4日 9時30分", "2026年6月12日（金）07:45", "11月26日", "3時間前", "5分钟前"])
def test_chinese_and_japanese_times_are_timestamps(line: str) -> None:
    assert features_of(line).is_timestamp


@pytest.mark.parametrize(("line", "byline"), [
    ("社会部　田中健一", True), ("本报记者 王晓明", True), ("文／陳美玲", True), ("ワシントン＝山本誠特派員", True),
    ("知事が記者会見、移転を表明", False), ("市长召开记者会回应质疑", False), ("政治の行方を読む", False)])
def test_a_japanese_or_chinese_byline_by_the_reporters_title_or_desk(line: str, byline: bool) -> None:
    assert features_of(line).is_byline is byline


@pytest.mark.parametrize("pattern", [UNSPACED_FURNITURE_RE, CJK_BYLINE_RE], ids=["furniture", "byline"])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_japanese_and_chinese_furniture_and_bylines_hold_a_han_or_kana_letter(pattern, data) -> None:
    """features_of looks for these patterns only in a text holding a letter of a script written without spaces:
    every match holds one (drawn from the patterns themselves, so an alternative without one fails here)."""
    text = data.draw(st.from_regex(pattern))
    assert re.search(f"[{UNSPACED_LETTERS}]", pattern.search(text).group()) is not None


@pytest.mark.parametrize("line", ["この記事をシェアする", "無断転載を禁じます", "版权所有 © 2026 北城晚报", "隐私政策"])
def test_japanese_and_chinese_furniture_lines_are_furniture(line: str) -> None:
    assert features_of(line).is_furniture


HARBOUR_HEAD = ["Mayor unveils plan to rebuild the old harbour district",
                "Two thousand homes and a ferry terminal by the end of the decade",
                "By Jane Doe", "City Hall Reporter", "Published: 09:14, 3 March 2024"]
HARBOUR_PHOTO = ["Residents walk along the harbour wall on Sunday, where the new ferry terminal would stand.",
                 "Photograph: John Roe/Example News"]


@pytest.mark.parametrize("furniture", [[], ["Share", "Listen to this article"]])
def test_the_writers_title_under_the_byline_is_no_headline(furniture: list[str]) -> None:
    """Guidelines 8.1: the headline, its deck, the byline and the date are the story's; the writer's title, a few
    words in title case right under the byline and above the date, is not taken for the headline (which would
    leave the real one and its deck out)."""
    blocks = [*NAV, *HARBOUR_HEAD, *furniture, *HARBOUR_PHOTO, *STORY[3:], *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    # the title is the byline's (guidelines 8.1), but the rules leave it out: taking in a short line under the byline
    # lowered the leave-site-out article F1, whose bodies hold no byline
    del labels["City Hall Reporter"]
    assert labels == {**{line: "boilerplate" for line in [*NAV, *furniture, *HARBOUR_PHOTO, *FOOTER]},
                      **{line: "article" for line in [*HARBOUR_HEAD, *STORY[3:]] if line != "City Hall Reporter"}}


@pytest.mark.parametrize("heading", ["Comments 214", "Comments (214)", "214 Comments"])
def test_a_comment_thread_under_its_count_is_boilerplate_and_the_list_under_it_teasers(heading: str) -> None:
    """Guidelines 8.3: commenters' names (with the comment's age) and their comments are boilerplate, whatever
    their shape (a short comment under a name and a time reads like a teaser item); the list of stories under
    the thread's end keeps its items."""
    thread = ["Sort by Newest Oldest Best rated", "HarbourWatcher, Leith, 2 hours ago",
              "About time somebody did something with those old warehouses!", "Marianne K, Portobello, 5 hours ago",
              "Two thousand homes and not one doctor's surgery in the plan."]
    more = [["Ferry fares to rise by ten percent from April", "3 hours ago"],
            ["Council tax bills to go up for a third year", "6 hours ago"]]
    blocks = [*NAV, *STORY, heading, *thread, "More top stories", *(line for item in more for line in item),
              *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert labels_by_line(document, annotation) == {
        **{line: "boilerplate" for line in [*NAV, heading, *thread, "More top stories", *FOOTER]},
        **{line: "article" for line in STORY}, **{line: "teaser" for item in more for line in item}}
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(i) for i in more]


def test_a_live_blogs_one_paragraph_entries_keep_their_short_headings_and_the_key_events_box_is_out() -> None:
    """Guidelines 8.5: a live blog's entries -- a time, a heading of a word or two ("Polls closed"), one paragraph
    -- are the story, no list of teasers; the key-events box naming those headings, with its heading and toggle,
    is boilerplate."""
    entries = [["02.40 GMT", "Result declared",
                "The returning officer has declared the result: the Green candidate wins by 1,204 votes, a first for "
                "the party in the county."],
               ["01.55 GMT", "Recount refused",
                "The Liberal Democrats asked for a recount of the postal votes, but the returning officer turned the "
                "request down after a short check of the bundles."],
               ["00.30 GMT", "Turnout 41%",
                "Turnout was 41 percent, the count's organisers said, well down on the 58 percent recorded at the last "
                "general election."],
               ["23.05 GMT", "Polls closed",
                "Polls have now closed across the constituency. Counting will start at the sports hall in about an "
                "hour, with a result expected before dawn."]]
    head = ["Eastbrook by-election: Greens take the seat in a night of upsets – as it happened",
            "By Tom Reilly", "Fri 4 Dec 2026 03.10 GMT"]
    keys = ["Show key events only", "02.40 GMT Result declared", "01.55 GMT Recount refused", "23.05 GMT Polls closed"]
    blocks = [*NAV, *head, "Key events", *keys, *(line for entry in entries for line in entry), *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [*head, *(line for entry in entries for line in entry)]
    assert {line: labels[line] for line in story} == dict.fromkeys(story, "article")
    assert {line: labels[line] for line in ["Key events", *keys]} == dict.fromkeys(["Key events", *keys], "boilerplate")


@pytest.mark.parametrize(("intro", "rows", "after"), [
    # a table's rows under the line announcing them ("The results were as follows:")
    ("The final standings were as follows:",
     ["Northgate Rovers – 41 points", "Castle Vale United – 38 points", "Millbrook Athletic – 35 points",
      "Harbour Town – 29 points"],
     ["The league's committee will meet in January to decide whether the top two sides are promoted, a "
      "decision that has been delayed twice this season.",
      "Rovers' manager said the title belonged to the supporters who had followed the side through a "
      "difficult winter of postponed matches."]),
    # announced in two words ("Key facts:"): the paragraphs around it tell it from a list heading
    ("Key facts:",
     ["Length: 412 metres over the estuary", "Deck width: four lanes and a cycle path",
      "Piers: eleven, on piled foundations", "Opening planned for the spring of 2027, weather permitting"],
     ["The contractor said the last deck section would be lifted into place in March, once the river's "
      "winter floods have passed and the cranes can stand on the north bank again.",
      "Councillors will visit the site next month to see the work before the budget meeting in April."]),
])
def test_a_list_inside_the_story_announced_by_its_paragraph_is_the_story(intro: str, rows: list[str],
                                                                        after: list[str]) -> None:
    """Guidelines 6.2: a list's rows printed as lines inside the story, under the line announcing them and above
    the story's next paragraph, are the story's."""
    story = [*STORY, intro, *rows, *after]
    document = Document.from_text(page_text([*NAV, *story, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert {line: labels[line] for line in story} == dict.fromkeys(story, "article")


def test_a_press_release_contact_box_under_the_story_is_the_story() -> None:
    """Guidelines 6: a press release's contact box under its last paragraph -- "Media contact:", a name and title,
    an address and number, the release's source -- is the release's; the list heading after it is not."""
    box = ["Press contact:", "Tom Hale, Communications Manager", "media@bridgeworks.example | +44 20 7946 0018",
           "Source: Bridgeworks Ltd"]
    after = ["Related Links", "Bridgeworks wins river crossing contract"]
    document = Document.from_text(page_text([*NAV, *STORY, *box, *after, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [*STORY, *box]
    assert {line: labels[line] for line in story} == dict.fromkeys(story, "article")
    assert all(labels[line] != "article" for line in [*after, *FOOTER])


@pytest.mark.parametrize("heading", [[], ["Line-ups"]])
def test_a_match_reports_line_ups_and_referee_under_the_story_are_the_story(heading: list[str]) -> None:
    """Guidelines 6.2: the facts printed under a story's last paragraph, each a label and its colon (line-ups,
    referee), under a heading of a few words or none, are the story's; the tags under them are not."""
    facts = ["Northgate (4-4-2): Pryce; Onuoha, Keane, Barlow, Firth; Lund, Moss, Tait (Ahmed 70), Reyes; Dean, Kerr.",
             "Castle Vale (3-5-2): Hollis; Grant, Obi, Varga; Silva, Webb, Drury, Nkemelu, Ross; Pike (Lowe 81), Hart.",
             "Referee: Joanne Whitcombe"]
    tags = ["Tags: Northgate, Castle Vale", "Topics: Football"]
    blocks = [*NAV, *STORY, *heading, *facts, *tags, *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    story = [*STORY, *heading, *facts]
    assert {line: labels[line] for line in [*story, *tags]} == {**dict.fromkeys(story, "article"),
                                                                 **dict.fromkeys(tags, "boilerplate")}


@pytest.mark.parametrize("rows", [
    ["Bagikan: Facebook | WhatsApp | X", "Topik: Jembatan | Dewan kota | Transportasi"],
    ["Paylaş: Facebook | WhatsApp | X", "Etiketler: Köprü | Belediye meclisi | Ulaşım"],
    ["Podijeli: Facebook | WhatsApp | X", "Teme: Mostovi | Gradsko vijeće | Promet | Proračun"],
])
def test_a_label_over_a_row_of_links_under_the_story_is_no_fact_box(rows: list[str]) -> None:
    """Guidelines 8.3: a share row and a topics row under the story's last paragraph, each a label, its colon and
    three links or more parted by bars, are the page's, in any language -- not two lines of facts (line-ups,
    specifications) the story prints under it."""
    document = Document.from_text(page_text([*NAV, *STORY, *rows, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert {line: labels[line] for line in [*STORY, *rows]} == {**dict.fromkeys(STORY, "article"),
                                                                 **dict.fromkeys(rows, "boilerplate")}


@pytest.mark.parametrize("link", ["Lire aussi | Budget 2027 : ce que contient le projet de loi de finances",
                                  "READ: Two hurt as a lorry overturns on the ring road",
                                  "Lesen Sie auch: Der Streit um den Haushalt geht weiter",
                                  "Leia também: Governo aprova novo apoio às rendas"])
def test_a_link_to_another_story_between_the_paragraphs_is_a_teaser_in_other_languages_too(link: str) -> None:
    """Guidelines 8.2: "Read more: <headline>" inside the story is a teaser item, its cue included, and so are
    "READ:", "Lire aussi |", "Lesen Sie auch:", "Leia também:" and the like."""
    blocks = [*NAV, *STORY[:5], link, *STORY[5:], *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[link] == "teaser"
    assert {line: labels[line] for line in STORY} == dict.fromkeys(STORY, "article")


@pytest.mark.parametrize("items", [[["How the bridge vote was won"]],
                                   [["Why the old crossing failed its last inspection", "Maria Lopez", "14.11.2023"],
                                    ["Five Bridges That Took Longer Than This One"]]])
def test_headlines_under_a_list_heading_between_the_paragraphs_are_one_teaser_each(items: list[list[str]]) -> None:
    """Guidelines 8.2: a "Related" box between the story's paragraphs promotes other stories: its heading is
    boilerplate, each headline under it a teaser of its own (a headline alone too), with its author and date; the
    story goes on under the box."""
    blocks = [*NAV, *STORY[:5], "Related", *(line for item in items for line in item), *STORY[5:], *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels["Related"] == "boilerplate"
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]
    assert {line: labels[line] for line in STORY} == dict.fromkeys(STORY, "article")


@pytest.mark.parametrize("items", [
    [["Harbour ferry fares to rise in spring"],
     ["Video", "Rail strike live: unions say talks with operators are ‘going nowhere’"],
     ["Our view on the harbour plan: a council that cannot make up its mind about the waterfront"]],
    [["Harbour ferry fares to rise in spring", "3 hours ago"],
     ["Sponsored", "How one family cut its heating bill by a third"],
     ["Ask the editor: Do heat pumps really work in an old terraced house?", "2 days ago"]],
])
def test_a_list_without_summaries_takes_no_headline_under_an_item_for_its_summary(items: list[list[str]]) -> None:
    """Guidelines 8.2: a list repeats one layout. Under a list heading whose items so far show no summary, a longer
    headline (or a question) under an item's headline is the next item's, not a summary -- and a "Sponsored" badge
    over an item, which reads as a heading, does not start a new list."""
    blocks = [*NAV, *STORY, "Most Read", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_in_a_list_whose_items_show_summaries_a_longer_line_over_the_items_date_is_its_summary() -> None:
    """Guidelines 8.2: a list repeats one layout. Under a list heading whose first item shows a summary, a line under
    a later item's headline, longer than it and with the item's date under it, is that item's summary even shaped as a
    headline (no full stop) -- also after an item that shows none."""
    items = [["Council leaders warn of a wave of bankruptcies as the minister rejects a tax plea",
              "Eleven authorities say they will issue notices within a year unless the cap is lifted, officials say",
              "26 November 2023"],
             ["Town to sell its old hall annexe to plug a budget gap", "20 November 2023"],
             ["Exclusive", "Social care bill for the region's councils tops £2bn for first time",
              "Figures obtained by the paper show spending up 14% in two years across the north", "17 November 2023"]]
    document = Document.from_text(page_text([*NAV, "Latest from Jane Doe", *(line for item in items for line in item),
                                             "Load more", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("bio", ["Jane Doe covers transport and city hall for Example News. She joined in 2019.",
                                 "Jane Doe writes about housing, transport and the city's budget.",
                                 "Jane Doe is the Example News's transport correspondent.",
                                 "Sanne de Vries is regioverslaggever voor Oost-Nederland."])
def test_an_author_bio_by_the_writers_name_and_beat_after_the_story_is_boilerplate(bio: str) -> None:
    """Guidelines 8.3: an author profile box under the story -- its heading and the bio opening with the writer's
    name and beat ("covers ...", "writes about ...", "is the ... correspondent") -- is not the story."""
    blocks = [*NAV, *STORY, "About the author", bio, *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert (labels["About the author"], labels[bio]) == ("boilerplate", "boilerplate")
    assert {line: labels[line] for line in STORY} == dict.fromkeys(STORY, "article")


@pytest.mark.parametrize("line", ["Compartir en WhatsApp", "Partilhar notícia", "Partager sur Facebook", "Teilen",
                                  "Condividi", "Delen via e-mail"])
def test_share_buttons_in_other_languages_are_furniture(line: str) -> None:
    """Guidelines 8.1: share buttons are site widgets, in Spanish, Portuguese, French, German, Italian and Dutch
    too."""
    assert features_of(line).is_furniture


@pytest.mark.parametrize("heading", ["Commenti", "120 Postings", "Kommentare (12)", "Commentaires", "Comentarios 48",
                                     "Comentários", "Reacties"])
def test_a_comments_heading_in_other_languages_is_one(heading: str) -> None:
    """Guidelines 8.3: a comment section's heading with its count, in Italian, German, French, Spanish, Portuguese
    and Dutch too."""
    assert line_marks(heading)[0]


@pytest.mark.parametrize("notice", ["Il vous reste 62% de cet article à lire. La suite est réservée aux abonnés.",
                                    "Der Rest dieses Artikels ist nur für Abonnenten sichtbar.",
                                    "El resto de este artículo es solo para suscriptores."])
def test_a_paywalls_notice_after_the_story_in_other_languages_is_boilerplate(notice: str) -> None:
    """Guidelines 8.3: the paywall's notice cutting the story off is the site's, in French, German and Spanish too;
    a story line naming "cet article" of a bill is no notice."""
    blocks = [*NAV, *STORY, notice, *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[notice] == "boilerplate"
    assert {line: labels[line] for line in STORY} == dict.fromkeys(STORY, "article")
    assert not is_notice("Le ministre a présenté cet article du projet de loi mardi devant les députés.")


@pytest.mark.parametrize("ticker", ["Trending: Harbour bridge | Council tax | Storm Bert",
                                    "Results: Rovers 2-1 City | Vale 0-0 Athletic | Town 3-2 United"])
def test_a_ticker_of_topics_or_results_is_no_teaser(ticker: str) -> None:
    """Guidelines 8.2: a teaser item promotes one article; a trending bar or a results ticker -- a label, then three
    or more topics parted by "|" -- is the site's navigation, above a front's items too."""
    items = [[f"Headline Number {n} About Something That Happened In Town", f"{n} hours ago"] for n in range(1, 6)]
    blocks = [*NAV, ticker, *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert labels_by_line(document, annotation)[ticker] == "boilerplate"
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(i) for i in items]


def test_a_search_pages_count_naming_its_query_is_no_item() -> None:
    """Guidelines 8.3: a search page's count of results, with the query it names after "for", and its sort control
    are the page's, no teaser item."""
    items = [["Light Rail Crash in Rainier Valley Injures Three", "Oct. 22, 2026",
              "A car turning left collided with a southbound train on Martin Luther King Jr. Way South…"],
             ["Everett Light Rail Extension Could Cost $2 Billion More Than Planned", "Oct. 15, 2026",
              "A new estimate puts the 16-mile line at $8.1 billion…"],
             ["Opening Day on the Eastside Light Rail Draws Crowds", "Oct. 5, 2026",
              "Thousands of riders packed the first trains across the lake on Saturday…"]]
    controls = ["Showing 1–3 of 1,482 results for “light rail”", "Sort by:"]
    document = Document.from_text(page_text([*NAV, *controls, *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in controls] == ["boilerplate"] * len(controls)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_time_first_river_is_cut_before_each_time_whatever_its_items_hold() -> None:
    """Guidelines 8.2: the layout is read from the first item. A river whose first time stands above its headline is
    cut before each time shaped as the first: an item with a summary, one with a badge and a running time under its
    headline (no second time) and a bare headline each run up to the next time; a day's name between two items
    ("Yesterday"), which the other items do not close with, parts the river and is no item's."""
    items = [["10:05", "Harbour Board Approves New Ferry Terminal Despite Objections",
              "Terminal will double the east quay's capacity by 2029"],
             ["09:48", "Watch: Crews Lift Stranded Whale Back Into the Sea at Dawn", "Video 2:10"],
             ["09:20", "Live", "Train Drivers Announce Three More Strike Days in December"],
             ["22:40", "Local Bakery Wins National Award for Its Sourdough Loaf"],
             ["21:05", "Council Tax Set to Rise by Five Percent Next April"]]
    separator = "Yesterday"
    lines = [*(line for item in items[:3] for line in item), separator, *(line for item in items[3:] for line in item)]
    document = Document.from_text(page_text([*NAV, "Latest", "Today", *lines, "Show more", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[separator] == "boilerplate"


def test_two_videos_under_their_running_times_are_two_items() -> None:
    """Guidelines 8.2: two items whose running times stand above their headlines ("3:20", headline) are two items,
    the list's heading above and the next one under them outside."""
    videos = [["3:20", "Harbour Rowers Take Gold in a Photo Finish at the Regatta"],
              ["1:15", "Keeper Saves Two Penalties as Town Reach the County Final"]]
    document = Document.from_text(page_text([*NAV, "Sport videos", "See all", *(line for item in videos for line in item),
                                             "Trending", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in videos]


def test_videos_with_running_times_above_and_dates_under_leave_out_a_playlists_name() -> None:
    """Guidelines 8.2: a list whose items close with a date under a running time above the headline is read from its
    openers and closers, not cut before each time: a playlist's name between two items ("Playlist: Courts") is none
    of them."""
    items = [["02:45", "Harbour Board Approves New Ferry Terminal Despite Objections", "27 November 2026"],
             ["05:12", "Train Drivers Announce Three More Strike Days in December", "27 November 2026"],
             ["03:30", "Pensioners March on the Town Hall Over Delayed Payments", "26 November 2026"],
             ["08:01", "Local Bakery Wins National Award for Its Sourdough Loaf", "26 November 2026"],
             ["04:16", "Council Tax Set to Rise by Five Percent Next April", "25 November 2026"]]
    playlist = "Playlist: Courts"
    lines = [*(line for item in items[:4] for line in item), playlist, *items[4]]
    document = Document.from_text(page_text([*NAV, "Videos", *lines, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[playlist] == "boilerplate"


def test_an_opinion_box_of_names_and_headlines_is_one_item_per_pair_under_its_heading() -> None:
    """Guidelines 8.2: a list of a columnist's name (or "Editorial") and a headline each, under a heading ("Opinion",
    printed like a badge), is one item per pair, a headline of two short sentences read as prose too; the heading is
    no item's, nor a badge of the bare headline above it."""
    most_read = ["Ferry Timetable Cut Leaves Islanders Stranded for the Weekend",
                 "Storm Warning Issued for Coastal Areas on Thursday"]
    pairs = [["Helen Okafor", "The harbour is not a car park. Stop treating it like one."],
             ["Editorial", "A fair deal for the island schools, if the council can pay for it"],
             ["Tomás Rivera", "I drove a school bus for 30 years. Here's what the routes get wrong."]]
    document = Document.from_text(page_text([*NAV, "Most Read", *most_read, "Opinion",
                                             *(line for pair in pairs for line in pair), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [*most_read, *("\n\n".join(pair) for pair in pairs)]
    assert labels_by_line(document, annotation)["Opinion"] == "boilerplate"


@pytest.mark.parametrize("heading", ["Articles by Maren Solberg", "Stories by Maren Solberg",
                                     "Alle Artikel von Maren Solberg"])
def test_an_author_pages_heading_over_their_stories_is_no_item(heading: str) -> None:
    """Guidelines 8.2 and 8.3: "Articles by <name>" heads the list of an author's stories: it is boilerplate, and the
    first story under it, its summary and date, is one item like the others."""
    items = [["Ferry Timetable Cut Leaves Islanders Stranded for the Weekend",
              "The operator blamed a shortage of crew and said the full service would return in March.",
              "November 26, 2026"],
             ["Harbour Board Approves New Terminal Despite Objections",
              "Residents said the board had ignored the noise survey it commissioned last year.", "November 20, 2026"],
             ["Island School Rolls Fall for the Fifth Year Running",
              "The council will consult on merging two primary schools in the spring.", "November 14, 2026"]]
    document = Document.from_text(page_text([*NAV, "Maren Solberg", "Islands Correspondent", heading,
                                             *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[heading] == "boilerplate"


def test_a_headline_cut_at_an_abbreviation_or_a_question_is_an_item_over_its_author_and_time() -> None:
    """Guidelines 8.2: a headline read as two sentences ("St. Ives …", "Lost your pet? Here's …") is an item's
    headline where its item's lines stand under it: an author's name and a short time (the list's kicker layout
    going on over it), a byline (its badge above it), or a summary cut short and a date."""
    items = [["Courts", "Harbour master names new head of marine rescue", "Ailsa Moray", "2h"],
             ["Courts", "St. Ives man charged after boat crash in the harbour", "Kit Penrose", "5h"],
             ["Courts", "Fishing firm fined over unsafe winch on trawler", "Ben Trelawny", "8h"]]
    document = Document.from_text(page_text([*NAV, "More from Courts", *(line for item in items for line in item),
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]
    promoted = [["Gallery", "Storm damage along the coast road in pictures", "18 photos"],
                ["Analysis", "Lost your pet? Here's where the shelters are this winter", "By Coast Vets"],
                ["Lifeboat crew honoured for rescue of three anglers", "By Jory Tamblyn", "3 hours ago"]]
    document = Document.from_text(page_text([*NAV, "Coast", *(line for item in promoted for line in item), *FOOTER]))
    assert front_items(document, Preannotator().annotate(document))[1:] == ["\n\n".join(item) for item in promoted[1:]]
    summarised = [["Economy", "The ferry fares are falling. Don't book yet",
                   "Operators cut prices for a second month, but the winter timetable is still the thinnest since…",
                   "November 25, 2026"],
                  ["Economy", "Harbour dues rise for the first time in a decade", "November 19, 2026"],
                  ["Analysis", "Five charts that explain the island housing squeeze", "November 8, 2026"]]
    document = Document.from_text(page_text([*NAV, "Latest from Maren Solberg",
                                             *(line for item in summarised for line in item), *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in summarised]


def test_a_badge_over_a_lone_item_under_other_items_is_its_own() -> None:
    """Guidelines 8.2: a badge ("Gallery") over an item alone in its place, under the other items of the page, marks
    that item (a heading heads two items at least)."""
    items = [["Harbour Board Approves New Ferry Terminal Despite Objections", "By Jory Tamblyn", "Nov. 26"],
             ["Lifeboat Crew Honoured for Rescue of Three Anglers", "By Morwenna Hale", "Nov. 25"]]
    gallery = ["Gallery", "Storm Damage Along the Coast Road in Pictures", "18 photos"]
    document = Document.from_text(page_text([*NAV, "Coast", *(line for item in items for line in item),
                                             "Advertisement", *gallery, *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == [*("\n\n".join(item) for item in items),
                                                                         "\n\n".join(gallery)]


def test_on_the_html_path_a_page_declared_a_live_blog_keeps_every_entrys_time_and_heading() -> None:
    """Guidelines 8.5: a page whose JSON-LD calls it a ``LiveBlogPosting`` is a live blog, so every entry's time and
    heading (each entry an <article> opening with a <header>) are the story's, also where the model reads each
    one as a list's time and headline, and so is an entry of one short paragraph, parted from the entry above by its
    time and heading; the "Key events" box jumping to the entries is boilerplate."""
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting",'
          '"headline":"Summit live"}</script>')
    entries = "".join(
        f"<article class='entry'><header><time>{time[:5]}</time><h2 class='entry__title'>{heading}</h2></header>"
        + "".join(f"<p>{line}</p>" for line in lines) + "</article>"
        for time, heading, *lines in LIVE_ENTRIES)
    box = "".join(f"<li><a href='#e{i}'><time>{time[:5]}</time> {heading}</a></li>"
                  for i, (time, heading, *_) in enumerate(LIVE_ENTRIES[1:]))
    html = (f"<html><head><title>Summit live</title>{ld}</head><body><nav><ul>"
            + "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in NAV) + "</ul></nav><main>"
            "<h1>Summit live: leaders meet as talks on the grain corridor stall</h1>"
            "<p>Follow the latest from the emergency summit, with reports from our correspondents in the city.</p>"
            f"<aside class='key-events'><h2>Key events</h2><ul>{box}</ul></aside><div class='feed'>{entries}</div>"
            "</main><footer><p>© 2026 Example News</p></footer></body></html>").encode()
    labels = html_labels(html, "live.html", Preannotator())
    heads = [line for time, heading, *_ in LIVE_ENTRIES for line in (time[:5], heading)]
    assert [labels[line] for line in heads] == ["article"] * len(heads)
    assert all(labels[line] == "article" for _, _, *lines in LIVE_ENTRIES for line in lines)
    assert labels["Key events"] == "boilerplate"


def test_on_the_html_path_a_card_marked_apart_by_a_second_class_is_one_of_its_list() -> None:
    """Guidelines 8.2 by the markup: a list's card whose class names it apart ("result result--sponsored") is one of
    the list's cards, so its badge, headline and advertiser are one item; and boxes of several linked headlines in
    Chinese (no spaces between words) named so ("box box--rank") are no cards, nor one item each."""
    results = [["Harbour bridge repairs to close two lanes until spring", "News", "Nov 3, 2026",
                "Engineers found corrosion in the bearings during a routine inspection…"],
               ["Photos: the lantern parade along the quay", "Gallery", "Oct 30, 2026"],
               ["Sponsored", "Is your garden ready for the first frost? Take the quiz", "Greenleaf Garden Centres"],
               ["Ferry timetable changes for the winter season", "News", "Oct 12, 2026",
                "Crossings will run every ninety minutes instead of hourly from December…"]]
    kinds = ["", " result--gallery", " result--sponsored", ""]

    def result(lines: list[str], kind: str) -> str:
        head = 1 if lines[0] == "Sponsored" else 0
        return (f"<div class='result{kind}'>" + "".join(
            f"<div class='result__line'><a href='/r/{len(line)}'>{line}</a></div>" if i == head
            else f"<div class='result__line'>{line}</div>" for i, line in enumerate(lines)) + "</div>")

    boxes = [["焦點", "港口大橋維修　兩線道封閉至明年春天", "渡輪冬季班表調整　每九十分鐘一班"],
             ["排行", "燈籠遊行沿著碼頭舉行　吸引數千人", "園藝中心提醒民眾注意首波霜害"]]
    box_html = "".join(f"<div class='box box--{i}'><div class='box__title'>{heading}</div>" + "".join(
        f"<div class='box__item'><a href='/b/{i}{j}'>{headline}</a></div>" for j, headline in enumerate(headlines))
        + "</div>" for i, (heading, *headlines) in enumerate(boxes))
    html = ("<html><head><title>Search results</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
            "<li><a href='/s'>Search</a></li></ul></nav><main><h1>Search results for “harbour”</h1>"
            + "".join(map(result, results, kinds)) + f"</main><div class='rail'>{box_html}</div>"
            "<footer><p>© 2026 Harbour Gazette</p></footer></body></html>").encode()
    page = parse_html(html, "results.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert_valid(document, annotation)
    items = [span.text for span in annotation.spans if span.label == "teaser"]
    assert items[:4] == ["\n\n".join(lines) for lines in results]
    assert not [item for item in items if any(all(line in item for line in box[1:]) for box in boxes)]


@pytest.mark.parametrize("linked", [True, False])
def test_on_the_html_path_a_teaser_item_linking_to_no_other_page_is_boilerplate(linked: bool) -> None:
    """Guidelines 8.2: a teaser promotes another article with a link to it. On a page whose items link to their
    stories, a line the shapes made an item but that links nowhere (a widget's unlinked line) or only to the site's
    front page (the logo's "Back to home") is boilerplate, and a dated card without a link (made clickable by a script) stays
    an item; on a page whose items show no links at all, the items are left as the shapes made them."""
    related = ["Harbour board approves dredging of the outer channel",
               "Ferry operator adds late sailing for the winter season",
               "Fishermen warn of quota cuts as talks resume in Brussels",
               "Lifeboat crew rescues two kayakers off the north pier",
               "Seafront hotel plans rejected for a second time"]
    card = ["Tall ships festival returns to the quay next summer", "3 hours ago"]
    unlinked = ["Rovers beat United in cup replay", "City held to draw by Albion"]
    items = "".join(f"<li class='rel'><a href='/news/{i}/story'>{h}</a></li>" if linked else f"<li class='rel'>{h}</li>"
                    for i, h in enumerate(related))
    html = ("<html><head><title>" + STORY[0] + "</title></head><body><div class='top'><a class='logo' "
            "href='https://www.example.com/'><span>Example News - Back to home</span></a></div><nav><ul>"
            + "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in NAV) + "</ul></nav><main><article><h1>"
            + STORY[0] + "</h1>" + "".join(f"<p>{line}</p>" for line in STORY[1:]) + "</article><aside>"
            f"<h2>More on this story</h2><ul>{items}</ul><div class='promo'><h3>{card[0]}</h3><p>{card[1]}</p>"
            "</div></aside><div class='widget'>" + "".join(f"<div class='line'>{s}</div>" for s in unlinked)
            + "</div></main><footer><p>© 2026 Example News</p></footer></body></html>").encode()
    labels = html_labels(html, "unlinked.html", Preannotator())
    assert [labels[line] for line in [*related, *card]] == ["teaser"] * (len(related) + len(card))
    if linked:
        assert [labels[line] for line in ["Example News - Back to home", *unlinked]] == ["boilerplate"] * 3
    else:
        assert [labels[line] for line in unlinked] == ["teaser"] * len(unlinked)


def test_a_link_the_url_grammar_refuses_does_not_stop_a_page() -> None:
    """Bad input is no crash: an href urllib refuses ("http://[::1/x", an unclosed IPv6 host) on a front's card
    leaves the page pre-annotated, its cards teasers."""
    headlines = ["Harbour board approves dredging of the outer channel",
                 "Ferry operator adds late sailing for the winter season",
                 "Fishermen warn of quota cuts as talks resume in Brussels"]
    hrefs = ["http://[::1/x", "/news/2/ferry", "/news/3/quota"]
    html = ("<html><head><title>Front</title></head><body><ul class='list'>" + "".join(
        f"<li class='card'><a href='{href}'>{line}</a></li>" for href, line in zip(hrefs, headlines, strict=True))
        + "</ul></body></html>").encode()
    labels = html_labels(html, "broken-link.html", Preannotator())
    assert [labels[line] for line in headlines] == ["teaser"] * 3


@pytest.mark.parametrize(("href", "away"), [
    ("/news/2026/11/harbour-dredging", True), ("https://www.example.com/world/story-123", True),
    ("https://clicks.example.net/?id=55120", True), ("/?p=4411", True), ("story.html", True),
    ("#content", False), (" #block-12", False), ("javascript:void(0)", False), ("/", False),
    ("https://www.example.com", False), ("https://www.example.com/", False), ("", False), (None, False),
    ("http://[::1/x", True)])
def test_a_link_leads_to_another_page_unless_it_jumps_inside_this_one_or_to_the_front_page(href, away) -> None:
    """Guidelines 8.2 (not teasers): links inside the page, to a script or to the site's front page promote no
    article; a link with a path or a query (a click tracker's, "?p=4411") leads to one."""
    from annotation.preannotate.html import _leads_away

    assert _leads_away(href) is away


@pytest.mark.parametrize("kind", ['"CollectionPage"', '["SearchResultsPage", "WebPage"]', '"ProfilePage"',
                                  '"PodcastSeries"'])
def test_on_the_html_path_a_page_declared_a_front_has_no_story(kind: str) -> None:
    """Guidelines 8.5: a page whose JSON-LD calls it a collection, search results, a profile or a podcast's page,
    naming no article, has no main story: the topic's name and the paragraph describing it above its list are
    boilerplate, and the list's cards are teasers."""
    intro = ["Harbour Redevelopment",
             "Every report on the plan to rebuild the old harbour, from the first council vote and the public "
             "inquiry to the contracts and the protests on the quay."]
    cards = [["Council signs contract for the new harbour wall", "By Ana Silva", "2 hours ago"],
             ["Inquiry hears objections from fishing families", "By Tom Reid", "Yesterday"],
             ["What the harbour plan means for ferry passengers", "By Ana Silva", "3 days ago"]]
    ld = '{"@context":"https://schema.org","@type":' + kind + ',"name":"Harbour Redevelopment"}'
    html = (f"<html><head><title>Harbour Redevelopment | Example News</title><script type='application/ld+json'>"
            f"{ld}</script></head><body><nav><ul>" + "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in NAV)
            + f"</ul></nav><main><div class='topic-head'><h1>{intro[0]}</h1><p>{intro[1]}</p></div>"
            + "".join(f"<div class='teaser'><h3><a href='/news/{i}/story'>{head}</a></h3><div class='author'>{by}"
                      f"</div><div class='date'>{when}</div></div>" for i, (head, by, when) in enumerate(cards))
            + "</main><footer><p>© 2026 Example News</p></footer></body></html>").encode()
    labels = html_labels(html, "front.html", Preannotator())
    assert [labels[line] for line in intro] == ["boilerplate", "boilerplate"]
    assert all(labels[line] == "teaser" for card in cards for line in card)


@pytest.mark.parametrize(("ld", "front"), [
    ('{"@type":"CollectionPage","name":"Climate"}', True),
    ('{"@graph":[{"@type":"WebSite"},{"@type":["CollectionPage","WebPage"]}]}', True),
    ('{"@graph":[{"@type":"CollectionPage"},{"@type":"NewsArticle","headline":"A story"}]}', False),
    ('{"@type":"ProfilePage","mainEntity":{"@type":"Person"},"hasPart":{"@type":"BlogPosting"}}', False),
    ('{"@type":"WebPage","name":"CollectionPage"}', False),
    ('{"@type":"CollectionPage", broken', False)])
def test_a_page_is_declared_a_front_by_its_json_ld_types_unless_it_names_an_article(ld: str, front: bool) -> None:
    """Guidelines 8.5: a collection, search, profile or podcast page type makes a front, unless the page's JSON-LD also
    names an article or a posting on it (a story page whose site marks its section too); a type's name in a value
    is no type, and JSON that does not parse declares nothing."""
    from annotation.preannotate.html import declared_kinds

    page = parse_html(f"<html><head><script type='application/ld+json'>{ld}</script></head><body><p>Text.</p>"
                      "</body></html>".encode(), "ld.html")
    assert declared_kinds(page.tree) == (False, front)


@pytest.mark.parametrize(("scripts", "kinds"), [
    ("<script type='application/ld+json'>{\"@type\":\"LiveBlogPosting\"}</script>", (True, False)),
    # a script that is no JSON-LD declares nothing, whatever names it holds
    ("<script>var types = ['LiveBlogPosting', 'CollectionPage'];</script>", (False, False)),
    ("<script>var live = 'LiveBlogPosting';</script>"
     "<script type='application/ld+json'>{\"@type\":\"CollectionPage\"}</script>", (False, True)),
    # a live blog's JSON-LD that does not parse is still read as text
    ("<script type='application/ld+json'>{\"@type\":\"LiveBlogPosting\", broken</script>", (True, False)),
    ("<script type=' Application/LD+JSON '>{\"@graph\":[{\"@type\":\"CollectionPage\"},"
     "{\"@type\":\"LiveBlogPosting\"}]}</script>", (True, False))])
def test_a_page_is_declared_a_live_blog_or_a_front_by_its_json_ld_scripts_alone(scripts: str,
                                                                                 kinds: tuple[bool, bool]) -> None:
    """Guidelines 8.5: the live blog and front declarations are read from the page's JSON-LD scripts only, both in one
    walk: a live blog's type read as text, a front's types parsed (and a live blog's posting names an article, so a
    page declaring both is no front)."""
    from annotation.preannotate.html import declared_kinds

    page = parse_html(f"<html><head>{scripts}</head><body><p>Text.</p></body></html>".encode(), "ld.html")
    assert declared_kinds(page.tree) == kinds


def test_on_the_html_path_a_row_of_links_on_a_line_of_its_own_is_no_teaser() -> None:
    """Guidelines 8.3: a line made of three links or more -- the site's topics ("Harbour Ferry Services ..."), a
    menu -- is a list of tags or links, boilerplate, though its words read like a headline under a list of promoted
    items; a promoted item on a line of its own has one link."""
    topics = ["Harbour", "Ferry Services", "Fishing Industry", "City Council"]
    related = ["Harbour board approves dredging of the outer channel",
               "Ferry operator adds late sailing for the winter season"]
    html = ("<html><head><title>" + STORY[0] + "</title></head><body><nav><ul>"
            + "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in NAV) + "</ul></nav><main><article><h1>"
            + STORY[0] + "</h1>" + "".join(f"<p>{line}</p>" for line in STORY[1:]) + "</article><aside>"
            "<h2>More on this story</h2><ul>" + "".join(f"<li><a href='/news/{i}/story'>{h}</a></li>"
                                                        for i, h in enumerate(related))
            + "</ul></aside><div class='topics'>"
            + " ".join(f"<a href='/topic/{i}'>{t}</a>" for i, t in enumerate(topics)) + "</div></main><footer><p>© 2026 Example News</p></footer></body></html>").encode()
    labels = html_labels(html, "topics.html", Preannotator())
    assert labels[" ".join(topics)] == "boilerplate"
    assert [labels[line] for line in related] == ["teaser", "teaser"]


def test_on_the_html_path_a_linked_headline_in_a_list_of_teasers_is_a_teaser() -> None:
    """Guidelines 8.2 (a list repeats one layout) by the markup: in a "Most read" list of one linked headline per
    entry, an entry whose line the shapes leave out (a question under the list's heading) is a teaser like the
    others, an item of its own."""
    heads = ["Who is Maya Okafor? The bus driver who won the council seat",
             "Harbour board approves dredging of the outer channel",
             "Ferry operator adds late sailing for the winter season",
             "Fishermen warn of quota cuts as talks resume in Brussels"]
    html = ("<html><head><title>" + STORY[0] + "</title></head><body><nav><ul>"
            + "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in NAV) + "</ul></nav><main><article><h1>"
            + STORY[0] + "</h1>" + "".join(f"<p>{line}</p>" for line in STORY[1:]) + "</article>"
            "<section class='most-read'><h2>Most read</h2><ol>"
            + "".join(f"<li><a href='/news/{i}/story'>{head}</a></li>" for i, head in enumerate(heads))
            + "</ol></section></main><footer><p>© 2026 Example News</p></footer></body></html>").encode()
    page = parse_html(html, "most-read.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == heads


def test_a_menus_groups_are_no_cards_whatever_one_of_their_lines_reads_like() -> None:
    """Guidelines 8.2 and 8.3: a menu's groups (a heading and a link a line) repeat like cards, but a card holds few
    linked lines (its headline, kicker and author): one line of a group taken for a teaser stays one line, and the
    group's other links stay boilerplate."""
    from annotation.preannotate.core import document_blocks
    from annotation.preannotate.html import card_items, dom_evidence
    from annotation.preannotate.zones import BOILERPLATE, TEASER, BlockLabel

    groups = [["News", "London", "Politics", "Crime", "Transport", "Lifeboat crew rescues two kayakers off the pier"],
              ["Sport", "Football", "Cricket", "Rugby", "Tennis", "Racing"]]
    menu = "".join(f"<li class='menu-item'><a href='/{head}'>{head}</a><ul>"
                   + "".join(f"<li><a href='/{head}/{i}'>{line}</a></li>" for i, line in enumerate(lines))
                   + "</ul></li>" for head, *lines in groups)
    page = parse_html(f"<html><body><ul class='menu'>{menu}</ul><p>Text.</p></body></html>".encode(), "menu.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    blocks = document_blocks(document, page)
    evidence = dom_evidence(page, document.text, blocks, [False] * len(blocks))
    teaser = next(block.index for block in blocks if block.text == groups[0][-1])
    labels = [BlockLabel(TEASER, 0.6, 1) if block.index == teaser else BlockLabel(BOILERPLATE, 0.6)
              for block in blocks]
    labels = card_items(page, blocks, evidence, labels)
    assert [block.text for block, label in zip(blocks, labels, strict=True) if label.label == TEASER] == [groups[0][-1]]


@pytest.mark.parametrize(("markup", "line", "holds"), [
    ("<div><a href='/s/1'>Ferry fares rise</a></div>", "Ferry fares rise", True),
    ("<li><a href='/s/1'><span>Ferry fares rise</span> <span class='sr'>Ferry fares rise</span></a></li>",
     "Ferry fares rise", True),
    ("<div>Read: <a href='/s/1'>Ferry fares rise</a></div>", "Read: Ferry fares rise", True),
    ("<div><a href='/s/1'><img src='x.jpg'></a></div>", "Ferry fares rise", True),
    ("<div><a href='/give'>Give now</a></div>", "Support our reporting", False),
    ("<div><a href='#top'>Ferry fares rise</a></div>", "Ferry fares rise", False)])
def test_a_line_holds_a_link_away_when_the_link_and_the_line_hold_each_other(markup: str, line: str,
                                                                            holds: bool) -> None:
    """Guidelines 8.2: a line is linked to another page by a link around it, a link inside it, a link showing no text
    (a card's photo) or a link holding it with its copy for screen readers -- not by another line's link in the box
    around it, nor by a jump inside the page."""
    from annotation.preannotate.html import _holds_link_away

    element = parse_html(f"<html><body>{markup}</body></html>".encode(), "l.html").tree.find(".//body")[0]
    assert _holds_link_away(element, [line]) is holds


@pytest.mark.parametrize("heading,items", [
    # kickers in Georgian over English headlines, a day's name ("yesterday") closing each item
    ("უახლესი", [["პოლიტიკა", "Parliament approves the new budget after a long night of debate", "გუშინ"],
                 ["ეკონომიკა", "Central bank keeps its key rate unchanged for the third month", "გუშინ"],
                 ["სპორტი", "National team wins its group and goes through to the final round", "გუშინ"],
                 ["კულტურა", "Old theatre reopens its doors after ten years of restoration work", "გუშინ"]]),
    # kickers in Ethiopic and a time in a made-up format (a day's name, then "10h52")
    ("ዜና", [["ፖለቲካ", "Regional council votes to rebuild the old river bridge by spring", "ቅዳሜ 10h52"],
            ["ኢኮኖሚ", "Coffee exporters report their best harvest season in a decade", "ቅዳሜ 9h47"],
            ["ስፖርት", "Marathon runners from the highlands sweep the podium again", "ቅዳሜ 8h30"]]),
])
def test_a_list_repeating_one_layout_in_words_no_rule_knows_is_cut_on_its_period(heading: str,
                                                                                 items: list[list[str]]) -> None:
    """Guidelines 8.2: a promoted list repeats one layout, whatever its kickers and times are written in. Items of a
    kicker, a headline and a short closing line in a script and a time format the rules have no words for are read
    from their lines' shapes: each period of three lines is one item, and the list's heading (shaped as a kicker)
    stands outside them."""
    lines = [line for item in items for line in item]
    document = Document.from_text(page_text([*NAV, heading, *lines, "Show more", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[heading] == "boilerplate"


@pytest.mark.parametrize("heading", ["ข่าวล่าสุด", "Latest"])
def test_times_of_a_format_no_rule_knows_close_the_items_above_them_not_open_the_next(heading: str) -> None:
    """Guidelines 8.2: a list repeats one layout. Headlines each with a time under it in a format the rules do not
    read as a time ("10:52 น.") are items of a headline and its time: the times are not kickers over the next
    headlines (the last headline has one under it too, shaped as the others), and the list's heading stays out."""
    items = [["รถไฟสายใหม่เปิดให้บริการเชียงใหม่ถึงลำปาง", "10:52 น."],
             ["ฝนตกหนักทำให้น้ำท่วมถนนหลายสายในกรุงเทพ", "9:47 น."],
             ["ตลาดน้ำอัมพวาเตรียมจัดงานเทศกาลปลายปี", "8:30 น."],
             ["นักวิจัยไทยค้นพบกล้วยไม้พันธุ์ใหม่ในป่าดอย", "7:05 น."]]
    document = Document.from_text(page_text([*NAV, heading, *(line for item in items for line in item), "Show more",
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[heading] == "boilerplate"


def test_times_of_one_format_close_search_results_with_their_section_and_running_time_inside() -> None:
    """Guidelines 8.2: a list repeats one layout, and an item's own time closes it. Search results of a headline, a
    summary cut short, the result's section and its date -- one of them a video's, its badge above the headline and
    its running time under it -- are one item each from headline (or badge) to date: the section and the date are not
    left out, and the running time ("01:36", another format) does not close the item."""
    items = [["Harbour ferry timetable changes from next month",
              "The operator said the winter schedule would cut two late sailings on weekdays…", "Transport",
              "26.11.2026"],
             ["Rents along the new tram line rise by a fifth",
              "Figures from the statistics office show the steepest rise in the eastern suburbs…", "Business",
              "24.11.2026"],
             ["Council delays vote on the old market hall", "Local", "20.11.2026"],
             ["Video", "Inside the new underground station before it opens", "01:36", "Local", "11.11.2026"]]
    document = Document.from_text(page_text([*NAV, "Search results", *(line for item in items for line in item),
                                             "Previous", "Next", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_dates_closing_items_are_not_read_as_opening_them_after_a_video_item() -> None:
    """Guidelines 8.2: the layout is read from the first item. Items closing with a date of one format, one of them a
    video's with its running time over the date, are cut after each date: the dates under it do not open the next
    items (the last item's author and date left out, "See more" under the list made an item's line)."""
    items = [["Harbour ferry timetable changes from next month",
              "The operator said the winter schedule would cut two late sailings on weekdays.", "27/11/2026 06:30"],
             ["Cracks appear on the coastal road after heavy rain", "The contractor has ten days to repair the damage.",
              "26/11/2026 21:14"],
             ["Video", "The new interchange seen from a drone", "02:45", "26/11/2026 17:00"],
             ["Land prices near the motorway double in a year", "25/11/2026 09:48"],
             ["Sand shortage slows work on the southern section", "Jane Roe", "24/11/2026 15:20"]]
    document = Document.from_text(page_text([*NAV, "Motorway", *(line for item in items for line in item), "See more",
                                             "Page 1 2 3", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)["See more"] == "boilerplate"


REGION_ITEMS = [["Harbour", "Ferry crews walk out over new night rotas",
                 "The union said talks with the operator had broken down on Tuesday.", "35 minutes ago"],
                ["Housing", "Why rents are suddenly falling in the valley towns", "By Jane Roe"],
                ["Christmas market opens on the square with longer hours", "2 hours ago"],
                ["Ski lifts start a week earlier than planned", "4 hours ago"]]
VIDEO_ITEMS = [["Highlights from the cup final in two minutes", "04:32"],
               ["The coach loses his temper at the press conference", "01:58"]]


def test_a_kicker_under_the_list_heading_or_under_an_item_closed_by_its_time_is_its_items() -> None:
    """Guidelines 8.2: an item's kicker is inside it, a label above a list is the list's (8.3). Kickers that no list
    shows repeated are told by their place: under the list's heading (a short line over the kicker, no menu's last
    entry), the kicker over the first headline is its item's; under an item closed by its time, the kicker over the
    next headline is that item's. A badge over items of one layout the item above does not share ("Video" over
    headlines with their running times) heads them."""
    lines = [*NAV, "Weather: 3 °C, fog", "Region", *(line for item in REGION_ITEMS for line in item), "Video",
             *(line for item in VIDEO_ITEMS for line in item), "Most read", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in [*REGION_ITEMS, *VIDEO_ITEMS]]
    assert labels_by_line(document, annotation)["Region"] == "boilerplate"
    assert labels_by_line(document, annotation)["Video"] == "boilerplate"


def test_a_count_printed_with_thousands_separators_is_of_the_lists_count_format() -> None:
    """Guidelines 8.2: an item's comment count is inside it. A list printing each item's count after a word no rule
    knows ("Kommentoj 932") prints a large one with a thousands separator ("Kommentoj 1,284"): one format, so that
    item keeps its count too and no count is read as the next item's kicker."""
    items = [["Budget talks collapse hours before the deadline", "Kommentoj 1,284"],
             ["Bus fares to rise by a third from March", "Kommentoj 932"],
             ["Residents protest over parking at new flats", "Kommentoj 611"]]
    lines = [*NAV, *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_short_line_over_items_of_one_layout_heads_them() -> None:
    """Guidelines 8.3: a label on a line of its own above a list is the list's. A short line under an item closed by
    its time, over headlines that each show their time in one layout, heads them: it is no kicker of the first."""
    items = [["Ferry crews walk out over new night rotas", "35 minutes ago"],
             ["Christmas market opens on the square with longer hours", "2 hours ago"],
             ["Ski lifts start a week earlier than planned", "4 hours ago"]]
    lines = [*NAV, "Weather: 3 °C, fog", "Region", *REGION_ITEMS[0], "Sport",
             *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in [REGION_ITEMS[0], *items]]
    assert labels_by_line(document, annotation)["Sport"] == "boilerplate"


def test_a_row_of_the_sites_links_under_a_list_is_no_item() -> None:
    """Guidelines 8.3: a row of the site's links parted by "|" (its parts a few words each) is boilerplate, also where
    a short line parts it from a list's last item as a kicker parts headlines."""
    items = [["Ferry crews walk out over new night rotas", "35 minutes ago"],
             ["Christmas market opens on the square with longer hours", "2 hours ago"],
             ["Ski lifts start a week earlier than planned", "4 hours ago"]]
    row = "Masthead | Reader Ombudsman | Photo Archive | Jobs"
    document = Document.from_text(page_text([*NAV, "Region", *(line for item in items for line in item), "Bulletin",
                                             row, "© 2026 Example Media"]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[row] == "boilerplate"


def test_an_author_between_an_items_headline_and_its_time_is_the_items() -> None:
    """Guidelines 8.2: an item's author and its time (a reading time too) are inside its extent. A person's name right
    under a headline, with the item's time under it, is the item's author, as it is under a summary."""
    items = [["Ferry crews walk out over new night rotas: ‘Not this week, not next week’",
              "The union said talks with the operator had broken down on Tuesday, with pay offers falling short.",
              "Mary Smith", "6:05am"],
             ["Premium", "Inside the $40m marina deal that split the harbour council", "Jane O’Neill", "5 mins read"],
             ["Storm season outlook: forecasters warn of above-normal risk for the north", "2 hours ago"],
             ["Local teen wins world junior rowing title in Italy", "3 hours ago"],
             ["Watch: Dramatic rescue as yacht founders off the cape", "2:14"]]
    document = Document.from_text(page_text([*NAV, "Top stories", *(line for item in items for line in item),
                                             "Advertisement", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_headlines_in_a_row_ending_in_a_headline_of_two_sentences_are_items() -> None:
    """Guidelines 8.2: a headline alone is a teaser. Headlines in a row under a section's name, the last of two
    sentences without a closing full stop, are one item each: that headline is a neighbour headline too (but for a
    question, "Already a subscriber? Log in")."""
    heads = ["Port handles a record number of containers", "Discount chain to open 120 shops in small towns",
             "Farmers protest against grain imports. Blockades at the border"]
    lines = [*NAV, "Economy", "Council freezes parking fees for another year", "27.11.2026, 07:40", "Partners",
             "Region", *heads, "Comments", "Opinion", *FOOTER]
    document = Document.from_text(page_text(lines))
    assert front_items(document, Preannotator().annotate(document)) == [
        "Council freezes parking fees for another year\n\n27.11.2026, 07:40", *heads]


@pytest.mark.parametrize("break_after", [None, 2])
def test_a_videos_running_time_under_its_headline_stays_in_an_item_opened_by_its_time(break_after: int | None) -> None:
    """Guidelines 8.2: a video's running time is inside its item. In a list whose items open with their times, a
    time of day alone under a headline ("1:23") is the video's running time, not a line parting the list's days --
    also where an ad label parts the list ("Advertisement"), which has it read again from its first time."""
    items = [["10:52 a. m.", "Harbour", "Ferry operator announces closure of the north pier for repairs"],
             ["10:31 a. m.", "Economy", "Currency opens lower and trades under the psychological barrier"],
             ["10:05 a. m.", "Video", "Rescue of a dog trapped in a storm drain in the old town", "1:23"],
             ["9:47 a. m.", "Weather", "Forecasters declare red alert for rain in the mountain districts"],
             ["9:12 a. m.", "Sport", "Local club confirms its new coach for next season"]]
    lines = [line for item in items for line in item]
    if break_after is not None:
        lines.insert(sum(len(item) for item in items[:break_after]), "Advertisement")
    document = Document.from_text(page_text([*NAV, "Latest", *lines, "Terms and conditions", *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("control", ["Sortera efter: Relevans | Datum", "Järjestys: Osuvuus | Uusimmat ensin"])
def test_a_controls_label_and_its_options_in_words_no_rule_knows_are_no_item(control: str) -> None:
    """Guidelines 8.3: a search page's sort order is boilerplate, in any language: a label of a few words and a colon,
    then options of a few words each parted by "|", is no headline of an item (nor a neighbour making one)."""
    items = [["Harbour board approves plan for new ferry terminal", "24 November 2026"],
             ["Ferry fares to rise by a fifth from January", "2 November 2026"],
             ["What the new terminal means for parking on the quay", "12 October 2026"]]
    document = Document.from_text(page_text([*NAV, "Search", "Islanders want their ferry back", control,
                                             *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert labels_by_line(document, annotation)[control] == "boilerplate"
    assert front_items(document, annotation)[-3:] == ["\n\n".join(item) for item in items]


def test_the_pages_first_line_is_no_item_nor_makes_one_of_a_line_under_it() -> None:
    """Guidelines 8.3 and 8.5: the page's first line is the page's own (a skip link, the site's name), in any
    language: no item, nor a neighbour headline making the site's motto under the site's name an item."""
    items = [["Harbour board approves plan for new ferry terminal", "24 November 2026"],
             ["Ferry fares to rise by a fifth from January", "2 November 2026"],
             ["What the new terminal means for parking on the quay", "12 October 2026"]]
    top = ["Gå direkt till innehållet", "Tidningen", "Kustens röst sedan år 1901"]
    document = Document.from_text(page_text([*top, *NAV, "Latest", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert [labels_by_line(document, annotation)[line] for line in top] == ["boilerplate"] * len(top)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


RANKED = ["1", "Harbour board approves plan for new ferry terminal", "2", "Ferry fares to rise by a fifth from January",
          "3", "What the new terminal means for parking on the quay"]
LINK_ROW = "Masthead | Reader Ombudsman | Photo Archive | Jobs"


def test_a_row_of_the_sites_links_makes_no_item_of_the_line_over_it() -> None:
    """Guidelines 8.3: a row of the site's links is no headline, so it makes no neighbour headline either: the app's
    prompt between a list and the row is boilerplate."""
    prompt = "Regional news on your phone: get the app now"
    document = Document.from_text(page_text([*NAV, "Most read", *RANKED, prompt, LINK_ROW, "© 2026 Example Media"]))
    annotation = Preannotator().annotate(document)
    assert labels_by_line(document, annotation)[prompt] == "boilerplate"
    assert front_items(document, annotation) == ["\n\n".join(RANKED[i:i + 2]) for i in range(0, len(RANKED), 2)]


def test_two_headlines_alone_over_the_sites_row_of_links_are_two_items() -> None:
    """Guidelines 8.2: a headline alone is a teaser. Two headlines alone in a row right over the site's row of links,
    which ends the page's lists, are one item each (the row is no neighbour headline of the second)."""
    pair = ["Island school wins national robotics contest", "Old lighthouse to reopen as a small museum"]
    document = Document.from_text(page_text([*NAV, "Most read", *RANKED, "Load more", "Buzz", *pair, LINK_ROW,
                                             "© 2026 Example Media"]))
    assert front_items(document, Preannotator().annotate(document))[-2:] == pair


def test_a_list_of_time_kicker_headline_items_in_unknown_formats_is_cut_from_its_first_time() -> None:
    """Guidelines 8.2: the layout is read from the first item. Items of a time in a format the rules do not read as
    one ("10:52 น."), a kicker in a script they have no words for and a headline are cut before each time, not taken
    as headline and next time (the first time and kicker left out, the last headline without its time)."""
    items = [["10:52 น.", "Քաղաքականություն", "Harbour authority opens a second ferry terminal on the island"],
             ["9:47 น.", "Տնտեսություն", "Olive oil prices fall for the first time in three years"],
             ["8:30 น.", "Սպորտ", "Local club signs a goalkeeper from the second division"],
             ["7:05 น.", "Մշակույթ", "Night trains return to the northern line next spring"]]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in items for line in item), "Show more",
                                             *FOOTER]))
    assert front_items(document, Preannotator().annotate(document)) == ["\n\n".join(item) for item in items]


def test_a_live_blog_over_a_list_of_timed_headlines_keeps_its_entries() -> None:
    """Guidelines 8.5 and 8.2: the times of a "More news" list under a live blog (headline, time, headline, time)
    continue the chain of the entries' times, but no paragraph follows any of them: they are no entries, and the
    blog's quick updates of one paragraph under a long entry stay the story while the list's items stay teasers."""
    entries = [["16:20", "The ferry operator said the evening crossings to the islands would run again from Friday, "
                          "after engineers checked the harbour's damaged ramp.",
                "“The ramp is safe, but we will keep the speed limit in the harbour until the repairs are done,” "
                "a spokeswoman said.",
                "Passengers with tickets for the cancelled crossings can change them free of charge until the end "
                "of the month, the operator added.",
                "Freight traffic will have priority on the first two crossings on Friday morning."],
               ["15:05", "Volunteers in the old town handed out sandbags to shop owners along the river before the "
                         "second high tide of the day."],
               ["13:40", "The water board closed two more footpaths along the dyke after a section of it slipped "
                         "during the night."],
               ["11:15", "Schools in three villages on the coast stayed closed on Thursday, the regional council "
                         "said."]]
    items = [["Harbour town counts the cost of a week of storms", "14:55"],
             ["Farmers on the marsh ask for help after fields flood", "12:30"],
             ["Coastal railway reopens after a landslide is cleared", "09:10"]]
    lines = [*NAV, "Storm on the coast: live updates as the second high tide arrives",
             *(line for entry in entries for line in entry), "Load more", "More news",
             *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [line for entry in entries for line in entry[1:] if labels[line] != "article"] == []
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_the_headline_of_a_run_opening_under_its_jump_box_is_above_the_box() -> None:
    """Guidelines 8.1 and 8.5: a run that opens with the key-events box's toggle under the box ("Show key events
    only", shaped as a headline) does not start with its own headline: the live blog's headline and standfirst above
    the box are the story's."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, _headline_and_byline, content_score

    top = ["Summit live: leaders meet as talks on the grain corridor stall",
           "Follow the latest from the emergency summit, with reports from our correspondents in the city."]
    box = ["Key events", "18:40 Talks on the grain corridor stall", "18:10 Protesters gather outside the venue"]
    lines = [*NAV, *top, *box, "Show key events only", *(line for entry in LIVE_ENTRIES for line in entry)]
    blocks = split_blocks(page_text(lines))
    features = [features_of(block.text) for block in blocks]
    evidence = [BlockEvidence()] * len(blocks)
    scores = [content_score(f, block.text, e) for f, block, e in zip(features, blocks, evidence, strict=True)]
    toggle = lines.index("Show key events only")
    assert features[toggle].headline_like
    jumps = [lines.index(line) for line in box[1:]]
    head = _headline_and_byline(blocks, features, evidence, scores, toggle, None, jumps)
    assert [lines[index] for index in head] == top


@pytest.mark.parametrize("counter", ["{} / 4", "Bilde {} av 4", "Zdjęcie {} z 4", "{} из 4"])
@pytest.mark.parametrize("markup", ["text", "divs"])
def test_a_gallery_printed_slide_by_slide_is_boilerplate_and_the_story_goes_on_under_it(markup: str,
                                                                                        counter: str) -> None:
    """Guidelines 8.4 and 8.5: a gallery printed in full inside the story -- each slide's counter ("2 / 4", in words
    in any language: "Bilde 2 av 4", "Zdjęcie 2 z 4") and its caption with the photographer's credit -- is
    boilerplate, however much the captions read as prose, and the story's paragraphs under it are still the
    story's."""
    head = ["Snow returns to the old harbour quarter", "By Mara Lind", "November 25, 2026"]
    before = ["The first snow of the winter fell on the harbour quarter early on Tuesday, five days later than the "
              "long-term average, the weather service said.",
              "Residents swept the steps of the narrow lanes before the first visitors arrived, and the ferry "
              "company added two morning crossings for the day."]
    gallery = [counter.format(1), "Snow on the roofs of the fishermen's houses on Tuesday morning – Ola Berg",
               counter.format(2), "A resident clears the steps in front of her door before work – Ola Berg",
               counter.format(3), "Children build a snowman on the quay while their teachers watch – Ola Berg",
               counter.format(4), "Footprints lead up the lane to the old lighthouse in the afternoon – Ola Berg"]
    after = ["The harbour master said the quays would be gritted twice a day until the weekend, when milder air "
             "is expected to bring rain.",
             "“We have enough salt for a long winter, whatever the forecast says,” he told reporters on the quay.",
             "Temperatures are forecast to fall to minus four degrees on Wednesday night."]
    lines = [*NAV, *head, *before, *gallery, *after, *FOOTER]
    if markup == "text":
        document = Document.from_text(page_text(lines))
        annotation = Preannotator().annotate(document)
        assert_valid(document, annotation)
        labels = labels_by_line(document, annotation)
    else:
        # the captions as links (a caption opens its photo) in a box of their own, as a site's slideshow prints them
        def div(line: str) -> str:
            inner = f"<a href='/photo'>{line}</a>" if line in gallery or line in NAV else line
            return f"<div class='s'>{inner}</div>"

        html = (f"<html><head><title>{head[0]}</title></head><body>{''.join(map(div, lines[:len(NAV)]))}"
                f"<div>{''.join(map(div, lines[len(NAV):]))}</div></body></html>")
        labels = html_labels(html.encode(), "gallery.html", Preannotator())
    assert {line: labels[line] for line in gallery} == dict.fromkeys(gallery, "boilerplate")
    assert [line for line in [*head, *before, *after] if labels[line] != "article"] == []


def test_a_box_of_facts_between_the_storys_paragraphs_is_the_story() -> None:
    """Guidelines 6.2: a box of key figures between the story's paragraphs -- a sub-heading, then lines of a label
    and its colon ("Revenue: …") -- is a list inside the body, the story's, not a list of links (two headline-shaped
    lines in a row)."""
    box = ["Key figures for the first half of the year", "Turnover: 2,310 million crowns (+4%)",
           "Operating profit: 198 million crowns (-11%)", "Order book: 5,020 million crowns (+9%)"]
    lines = [*NAV, *STORY[:5], *box, *STORY[5:], "Recent Posts", *(line for item in TEASERS for line in item),
             *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [line for line in [*STORY, *box] if labels[line] != "article"] == []


def test_the_tags_and_credits_under_the_last_paragraph_are_the_storys() -> None:
    """Guidelines 6 and 8.1: under the story's last paragraph, the agencies' or writers' tag in brackets ("(rtr/mb)")
    and a one-word label with a name ("Editor: …") close the story; a tags line under them does not."""
    closing = ["(rtr/mb)", "Editor: Tomasz Wilk"]
    tags = "Tags: bridge, council, transport"
    lines = [*NAV, *STORY, *closing, tags, "Recent Posts", *(line for item in TEASERS for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in [*STORY, *closing, tags]] == ["article"] * (len(STORY) + 2) + ["boilerplate"]


@pytest.mark.parametrize("caption", [
    "Fishing boats moored in the harbour at dawn on Monday. Bild Anna Holm",
    "A screenshot of the post shared on Tuesday. Quelle: Instagram",
    "Rescue workers carry a resident through the water (26/11/2026). NORDPRESS FOTO/Per Lund",
])
def test_a_caption_ending_in_its_credit_in_any_words_is_boilerplate(caption: str) -> None:
    """Guidelines 8.4: a photo's caption ends in its credit after its sentence -- the photographer or source in a few
    capitalised words, a label's colon or a slash among them, no full stop -- whatever the language's word for
    "photo"; a story's paragraph ends its sentence, and a time's "a.m. ET" is no credit."""
    assert is_caption_credit(caption)
    assert not is_caption_credit(STORY[3]) and not is_caption_credit("Nov 26, 2026 at 10:05 a.m. ET")
    lines = [*NAV, *STORY[:3], caption, *STORY[3:], "Recent Posts", *(line for item in TEASERS for line in item),
             *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[caption] == "boilerplate"
    assert [line for line in STORY if labels[line] != "article"] == []


def test_a_pull_quote_repeating_a_sentence_of_the_story_is_boilerplate() -> None:
    """Guidelines 8.4: a pull quote -- a sentence of the story printed again between its paragraphs, in its own
    marks -- is boilerplate and carries no quote span; the paragraph holding the sentence keeps its quote."""
    paragraph = ("“We rebuilt the pier twice in ten years,” the harbour master said. “Nobody will pay for a third "
                 "time if the sea keeps rising like this.”")
    pull = "«Nobody will pay for a third time if the sea keeps rising like this»"
    lines = [*NAV, *STORY[:4], paragraph, pull, *STORY[4:], "Recent Posts", *(line for item in TEASERS for line in item),
             *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[pull] == "boilerplate"
    assert [line for line in [*STORY, paragraph] if labels[line] != "article"] == []
    quotes = [span.text for span in annotation.spans if span.label == "quote"]
    assert "“Nobody will pay for a third time if the sea keeps rising like this.”" in quotes and pull not in quotes


def test_a_lone_line_of_the_sites_mast_above_the_headline_is_no_teaser() -> None:
    """Guidelines 8.1 and 8.3: above a story's headline, a line that stands alone among the site's lines ("Jump to the
    story", the site's name and its sections, a support prompt) -- no item next to it, no time or summary -- is the
    site's mast, boilerplate; a strip of promoted headlines above the headline stays teasers."""
    mast = ["Jump straight to the story text", "The Riverside Courier Online", "Back the newsroom with a gift today"]
    strip = ["Ferry strike called off after late-night talks", "Harbour tunnel reopens after three weeks of repairs"]
    lines = [mast[0], *NAV, mast[1], "Support us", mast[2], "Trending", *strip, "Local", *STORY, "Recent Posts",
             *(line for item in TEASERS for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in mast] == ["boilerplate"] * len(mast)
    assert [labels[line] for line in strip] == ["teaser"] * len(strip)
    assert [line for line in STORY if labels[line] != "article"] == []


def test_a_byline_by_its_role_over_the_date_is_the_storys() -> None:
    """Guidelines 8.1: under the headline and standfirst, a byline printed as a one-word label and the writer's name
    ("Interview: …, Bern") over the story's date is the story's byline, in whatever language the label is."""
    head = ["Regulator Anna Keller: «We waited too long»",
            "The new head of the financial watchdog on the lessons of the bank rescue and tougher capital rules.",
            "Gespräch: Tobias Lindqvist, Zürich", "26.11.2026, 05.30 Uhr"]
    body = ["Anna Keller has led the financial watchdog since October. She took office weeks after the emergency sale "
            "of a private bank that her predecessor had called the only option before a parliamentary committee.",
            "Ms Keller, did the watchdog fail in the case of the bank?",
            "Fail is a big word. But yes, we watched for too long. The warning signs were there for two years, and we "
            "did not act on them with the force the law allows.",
            "Your predecessor told the committee that everything the law allows had been done. Is that right?",
            "The law allows more than we did. We have instruments we have hardly ever used, and that has to change."]
    lines = [*NAV, "Interview", *head, "7 min read", *body, "Recent Posts", *(line for item in TEASERS for line in item),
             *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [line for line in [*head, *body] if labels[line] != "article"] == []


def test_a_line_next_to_the_reading_time_is_not_taken_for_the_dated_headline() -> None:
    """Guidelines 8.1: a reading time ("5 min read") reads as a time but is a widget's: the share tool's line next to
    it, nearer the body than the headline, gains nothing from it, and the headline over the byline and date is found."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, _headline_and_byline, content_score

    head = ["Seal pups learn the hunting routes of older animals, tags show",
            "Tags on 140 harbour seals show young animals follow the routes of older ones to the best fishing grounds.",
            "Lotte van Aalst", "25 November 2026, 16:00"]
    lines = [*NAV, *head, "5 min read", "Deel dit stuk", "Young seals in the shallow sea learn from older animals where "
             "to hunt at night, researchers reported on Tuesday after following 140 animals for three years."]
    blocks = split_blocks(page_text(lines))
    features = [features_of(block.text) for block in blocks]
    evidence = [BlockEvidence()] * len(blocks)
    scores = [content_score(f, block.text, e) for f, block, e in zip(features, blocks, evidence, strict=True)]
    body = len(lines) - 1
    assert features[body - 1].headline_like
    chosen = _headline_and_byline(blocks, features, evidence, scores, body, None)
    assert [lines[index] for index in chosen] == head


def test_a_row_of_links_parted_by_bars_is_no_teaser_item() -> None:
    """Guidelines 8.2 and 8.3: a row of three or more links of a few words parted by "|" -- the footer's "Our newsroom
    | Ethics code | …" under a numbered list of the most read stories -- promotes no one story: boilerplate, not the
    list's last item."""
    row = "Our newsroom | Ethics code | Reader desk | Staff list"
    heads = ["Ferry strike called off after late-night talks", "Harbour tunnel reopens after three weeks of repairs",
             "Council names a new head of planning for the city", "Night trains return to the coast line in spring"]
    ranked = [line for rank, head in enumerate(heads, 1) for line in (str(rank), head)]
    lines = [*NAV, *STORY, "Copyright The Example Courier. No reproduction", "Most Read", *ranked, row,
             "1 Harbour Road, Riverside | Registration 00000"]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[row] == "boilerplate"
    assert [labels[head] for head in heads] == ["teaser"] * len(heads)


def test_an_items_own_row_with_its_time_parted_by_bars_stays_in_the_item() -> None:
    """Guidelines 8.2: an item's line of its section, time and reading time parted by "|" ("Harbour | 3 hours ago |
    4 min read") is the item's, not a row of links: it holds a number."""
    items = [["Ferry strike called off after late-night talks", "Harbour | 3 hours ago | 4 min read"],
             ["Harbour tunnel reopens after three weeks of repairs", "Transport | 5 hours ago | 3 min read"],
             ["Council names a new head of planning for the city", "Politics | 9 hours ago | 2 min read"]]
    lines = [*NAV, *STORY, "Recent Posts", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]


def test_items_times_in_words_no_rule_knows_are_learned_from_the_page() -> None:
    """Guidelines 8.2: an item's own time closes it, in any language. A list prints every item's time in one format,
    so short lines with a number of one shape under the items' headlines and summaries are their times, though no
    rule knows their words (here made up); a bare rank and a line printed twice are no such times."""
    items = [["Harbour cranes idle as dockers vote on the new pay offer",
              "The union says the offer falls short of inflation for a third year running…", "2 zelu na ku hoteno"],
             ["Night trains return to the coast line after two years", "5 zelu na ku hoteno"],
             ["Library opens its doors on Sundays from next month",
              "Volunteers will staff the reading rooms under a trial agreed with the council…", "9 zelu na ku hoteno"]]
    lines = [*NAV, "Region", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_short_line_with_a_number_printed_twice_is_no_items_time() -> None:
    """Guidelines 8.2, 8.3: each item shows its own time; one short line with a number printed twice, in the page's
    head and under its last item (the reader's saved stories), is the page's, not a time learned from the page."""
    last = ["Ferry fares rise by a tenth from January",
            "The operator blames fuel costs and says the winter timetable stays as it is."]
    lines = [*NAV, "Independent news for the valley since 1921", "Saved (2)", "Region",
             *(line for item in [*TEASERS, last] for line in item), "Saved (2)", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in [*TEASERS, last]]
    assert labels_by_line(document, annotation)["Saved (2)"] == "boilerplate"


def test_a_count_under_an_items_time_is_inside_the_item_in_words_no_rule_knows() -> None:
    """Guidelines 8.2: an item's comment count or reading time is the item's, in any language: a short line opening
    with a number under the item's time (here in made-up words). A kicker naming a number last ("Budget 2027") opens
    the next item."""
    items = [["Ports", "Harbour cranes idle as dockers vote on the new pay offer",
              "The union says the offer falls short of inflation for a third year running…", "2 hours ago"],
             ["Budget 2027", "Night trains return to the coast line after two years", "5 hours ago", "48 zelkoni"],
             ["Culture", "Library opens its doors on Sundays from next month",
              "Volunteers will staff the reading rooms under a trial agreed with the council…", "9 hours ago",
              "7 min varto"]]
    lines = [*NAV, "Region", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_search_results_section_between_its_headline_and_its_summary_is_inside_it() -> None:
    """Guidelines 8.2: a search result's section is inside its item, also where it stands between the headline and
    the summary, with the item's time under the summary; a box's heading over its blurb with no time under it is no
    item's section."""
    items = [["Harbour cranes idle as dockers vote on the new pay offer", "Business",
              "The union says the offer falls short of inflation for a third year running…", "2 hours ago"],
             ["Night trains return to the coast line after two years", "Travel",
              "Operators will run four sleepers a week from the spring, the ministry said.", "5 hours ago"],
             ["Library opens its doors on Sundays from next month", "Culture",
              "Volunteers will staff the reading rooms under a trial agreed with the council…", "9 hours ago"]]
    heads = ["Ferry crews walk out over new night rotas", "Ski lifts start a week earlier than planned",
             "Christmas market opens on the square with longer hours"]
    lines = [*NAV, "Search results", *(line for item in items for line in item), "More stories", *heads, "Forum",
             "Share what you think of these stories with other readers here.", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items] + heads
    assert labels_by_line(document, annotation)["Forum"] == "boilerplate"


@pytest.mark.parametrize("ticker", [
    ["Gold 2,310 USD ▲ 0.4%", "Silver 27.15 USD ▼ 1.1%", "Copper 9,402 USD ▲ 0.2%"],
    ["ذهب ٢٬٣١٠ دولار ▲ ١٫٤٪", "فضة ٢٧٫١٥ دولار ▼ ١٫١٪", "نحاس ٩٬٤٠٢ دولار ▲ ٠٫٢٪"]])
def test_a_tickers_quotes_marked_by_arrows_are_no_items(ticker: list[str]) -> None:
    """Guidelines 8.2, 8.3: a ticker's quotes promote no article, also with their unit and their change marked by an
    arrow, in any script: boilerplate, not items of a front."""
    lines = [*NAV, "Markets", *ticker, "Region", *(line for item in TEASERS for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in TEASERS]
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in ticker] == ["boilerplate"] * 3


def test_the_lines_above_the_sites_menu_at_the_top_of_a_front_are_no_item() -> None:
    """Guidelines 8.3: the page's head above the site's menu -- its name, its motto, today's date -- promotes no
    article, though a motto and a date read as a headline and its time."""
    head = ["The Valley Courier", "Independent news for the valley and its towns since 1921", "Monday, March 2, 2026"]
    lines = [*head, *NAV, "Region", *(line for item in TEASERS for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in TEASERS]
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head] == ["boilerplate"] * 3


def test_a_search_results_section_and_author_between_its_headline_and_its_time_are_inside_it() -> None:
    """Guidelines 8.2: a search result's section and its author (here in words no rule knows) between its headline
    and its time are inside its item, whatever the time's format."""
    items = [["Harbour cranes idle as dockers vote on the new pay offer", "Business", "Vun Jane Roe",
              "4 hours ago"],
             ["Night trains return to the coast line after two years", "Travel", "Vun Ann Porter", "Yesterday"],
             ["Library opens its doors on Sundays from next month", "Culture", "Vun Luis Ortega",
              "February 28, 2026"]]
    lines = [*NAV, "Search results", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_a_lists_row_of_page_numbers_is_no_item_in_any_language() -> None:
    """Guidelines 8.3: the row of page numbers under a list ("1 2 3 … 40", then "next" in words no rule knows) is the
    page's, no item's headline, nor a neighbour making one of it and the line under it (a newsletter's prompt)."""
    pages = "1 2 3 … 40 Vorzo »"
    lines = [*NAV, "Search results", *(line for item in TEASERS for line in item), pages, "Vinto zorbu pelka noro",
             "Sign up", "© 2026 Example News"]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in TEASERS]
    assert labels_by_line(document, annotation)[pages] == "boilerplate"


def test_a_line_under_the_byline_and_its_dates_is_not_taken_for_the_dated_headline() -> None:
    """Guidelines 8.1: under the byline's block of two lines or more (the writer, the date, "Updated …") stands the
    story's first widget or caption, not its headline: a share tool's line there gains nothing from the date above
    it, and the headline the page's title names, over the standfirst and byline, is found, though the tool is nearer
    the body."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, _headline_and_byline, content_score

    head = ["Harbour ferry fares to rise by a fifth from January",
            "The operator blamed fuel costs and a shortage of crews for the steepest rise in twenty years.",
            "Mirela Ostrowska", "25.11.2026 • 09:12", "Bijgewerkt: 25.11.2026 • 11:40"]
    lines = [*NAV, *head, "Stuur door naar vrienden", "Commuters who cross the harbour twice a day will pay about "
             "forty euros more a month, the operator said on Tuesday, after talks with the city broke down."]
    blocks = split_blocks(page_text(lines))
    features = [features_of(block.text) for block in blocks]
    evidence = [BlockEvidence()] * len(blocks)
    scores = [content_score(f, block.text, e) for f, block, e in zip(features, blocks, evidence, strict=True)]
    body = len(lines) - 1
    assert features[body - 1].headline_like and features[body - 2].is_timestamp
    chosen = _headline_and_byline(blocks, features, evidence, scores, body, f"{head[0]} | Harbour Courier")
    assert [lines[index] for index in chosen] == head


@pytest.mark.parametrize(("last", "story"), [
    ("The bridge opens in 2027.", True), ("Work begins in the spring.", True),
    ("This article is for subscribers.", False), ("この記事は有料です。", False),
    ("Filed under: Transport.", False)])
def test_the_storys_last_sentence_on_its_own_line_is_the_storys(last: str, story: bool) -> None:
    """Guidelines 6: a story's last sentence printed as a paragraph of its own under the others, too short to read
    as prose, is the story's; a notice of the site's about the article ("この記事は…", "this article") or a label's
    line in its place is not."""
    lines = [*NAV, *STORY, last, "Topics", "Transport", "City council", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in STORY[3:]] == ["article"] * len(STORY[3:])
    assert labels[last] == ("article" if story else "boilerplate")


@pytest.mark.parametrize("closing", [
    "(ant/rdk)", "（経済部・佐藤花子）", "（記者 王小明）",
    "Tomasz Wilk, reporter tomasz.wilk@example.com", "Contact presse : Ana Roe – press@example.org – +32 2 000 00 00"])
def test_a_tag_or_signature_under_the_last_paragraph_closes_the_story(closing: str) -> None:
    """Guidelines 6: under the story's last paragraph, the writers' tag in brackets (in the full-width brackets
    Japanese and Chinese text prints as well as in ASCII ones) and a short line holding an e-mail address (the
    writer's signature, a press release's contact) close the story."""
    lines = [*NAV, *STORY, closing, "Recent Posts", *(line for item in TEASERS for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [line for line in [*STORY, closing] if labels[line] != "article"] == []


def test_a_byline_by_the_writers_role_is_not_taken_for_the_headline() -> None:
    """Guidelines 8.1: the byline by the writer's role over the date ("Autorica: Jane Roe") is shaped as a headline and
    dated, but it is the byline: the headline the page's title names is found above the standfirst, and the
    standfirst, byline and date under it are the story's."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, _headline_and_byline, content_score

    head = ["Harbour ferry fares to rise by a fifth from January",
            "The operator blames fuel costs and a shortage of crews", "Autorica: Mirela Ostrowska", "25.11.2026. 09:12"]
    lines = [*NAV, *head, "Komentari (12)", "Podijeli", "Commuters who cross the harbour twice a day will pay about "
             "forty euros more a month, the operator said on Tuesday, after talks with the city broke down."]
    blocks = split_blocks(page_text(lines))
    features = [features_of(block.text) for block in blocks]
    evidence = [BlockEvidence()] * len(blocks)
    scores = [content_score(f, block.text, e) for f, block, e in zip(features, blocks, evidence, strict=True)]
    body = len(lines) - 1
    assert features[len(NAV) + 3].is_timestamp and features[len(NAV) + 2].headline_like
    chosen = _headline_and_byline(blocks, features, evidence, scores, body, f"{head[0]} | Harbour Courier")
    assert sorted(lines[index] for index in chosen) == sorted(head)


def test_the_headline_and_its_deck_over_a_byline_the_search_came_to() -> None:
    """Guidelines 8.1: where the headline search comes to the byline (a name and the writer's title over the date),
    the headline and its deck above it -- two lines shaped as headlines, the deck without its full stop -- are the
    story's too."""
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, _headline_and_byline, content_score

    head = ["Ferry operator accused of ‘greed’ as fares rise by a fifth",
            "Unions say the rise was pushed through before talks with the city had even begun",
            "Mirela Ostrowska, Transport Correspondent", "Wed Nov 25 2026 - 09:12"]
    lines = [*NAV, *head, "Share on Facebook", "Share on X", "Email", "Commuters who cross the harbour twice a day "
             "will pay about forty euros more a month, the operator said on Tuesday, after talks broke down."]
    blocks = split_blocks(page_text(lines))
    features = [features_of(block.text) for block in blocks]
    evidence = [BlockEvidence()] * len(blocks)
    scores = [content_score(f, block.text, e) for f, block, e in zip(features, blocks, evidence, strict=True)]
    body = len(lines) - 1
    chosen = _headline_and_byline(blocks, features, evidence, scores, body, None)
    assert [lines[index] for index in chosen] == head


@pytest.mark.parametrize(("line", "teaser"), [
    ("Czytaj także: Ferry strike called off after late-night talks with the unions", True),
    ("Lexo edhe: Harbour tunnel reopens after three weeks of repairs", True),
    ("Jane Roe: How did the campaign for the bridge start?", False),
    # a headline asking its question after a cue in words, or closing on a number and a unit's abbreviation
    ("Lees ook: Het contract met „Havenbouw Noord”. Wat vonden de controleurs?", True),
    ("Skaitykite taip pat: Uosto rinkliavos pirmąjį ketvirtį augs 7 proc.", True),
    ("Press contact: Jane Roe – press@example.org – +32 2 000 00 00", False)])
def test_a_two_word_cue_before_a_headline_between_the_paragraphs_is_a_teaser(line: str, teaser: bool) -> None:
    """Guidelines 8.2: between the story's paragraphs, a cue of two words and its colon before a headline ("Czytaj
    także: <headline>") links to another story in whatever language, as "Read more: <headline>" does -- a teaser; an
    interviewer's question (after the speaker's name) and a press contact's line are not."""
    lines = [*NAV, *STORY[:5], line, *STORY[5:], *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert (labels[line] == "teaser") is teaser
    assert [labels[line] for line in STORY[3:]] == ["article"] * len(STORY[3:])


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_platform_prompts_last_letter_gate_turns_no_match_away(data) -> None:
    """``_platform_prompt`` answers a line ending in a word character no platform's name ends in without the
    regex: every text the regex finds a name at the end of (drawn from the regex, so a name added without its last
    letter fails here), and the letters that fold to one ("Facebook" with a Kelvin sign), pass the gate."""
    for prompt in ("Follow us on Faceboo\u212a", "Folge uns auf Google New\u017f", "Follow us on YouTube »"):
        assert _platform_prompt(features_of(prompt), prompt)
    prompt = "Share it " + data.draw(st.from_regex(_PLATFORM_END_RE, fullmatch=True)).lstrip()
    f = features_of(prompt)
    if 1 < f.n_words <= PLATFORM_PROMPT_MAX_WORDS and not f.ends_with_full_stop:
        assert _platform_prompt(f, prompt) is (_PLATFORM_END_RE.search(prompt[-40:]) is not None), prompt


@pytest.mark.parametrize(("prompt", "prompt_line"), [
    ("Sledujte nás na Google News", True), ("Kalo pe WhatsApp", True), ("Fylg okkum á Instagram", True),
    ("Regulator fines Facebook", False)])
def test_a_follow_or_share_prompt_ending_in_a_platforms_name_is_no_teaser(prompt: str, prompt_line: bool) -> None:
    """Guidelines 8.2 and 8.3: a short line ending in "on" a platform's name, which no language translates ("Sledujte
    nás na Google News", under the story or in the footer), is the site's prompt, promoting no story: boilerplate, not
    a teaser item; a headline ending in a platform's name ("Regulator fines Facebook") is none."""
    assert _platform_prompt(features_of(prompt), prompt) is prompt_line
    if prompt_line:
        lines = [*NAV, *STORY, prompt, "Čtěte také", *(line for item in TEASERS for line in item), *FOOTER]
        document = Document.from_text(page_text(lines))
        annotation = Preannotator().annotate(document)
        assert_valid(document, annotation)
        assert labels_by_line(document, annotation)[prompt] == "boilerplate"


@pytest.mark.parametrize("credit", ["with AAP", "(With AFP and DPA)", "Additional reporting: Jane Roe",
                                    "Research: Jane Roe and John Doe"])
def test_an_agencys_initials_or_a_reporting_credit_after_its_colon_close_the_story(credit: str) -> None:
    """Guidelines 6: the agency's share by its initials ("with AAP") and the reporting credit with a colon instead of
    its "by" ("Additional reporting: Jane Roe") are the story's closing credit."""
    assert _CLOSING_CREDIT_RE.match(credit)
    document = Document.from_text(page_text([*NAV, *STORY, credit, "Related stories",
                                             *(line for item in TEASERS for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[credit] == "article"


@pytest.mark.parametrize(("line", "caption"), [
    ("市議會25日通過明年度預算案。（記者王小明攝）", True), ("港に入るフェリー＝25日午前（撮影・佐藤花子）", True),
    ("시의회가 25일 예산안을 통과시켰다 （사진=한빛일보）", True), ("（経済部・佐藤花子）", False), ("（中央社）", False)])
def test_a_photo_credit_in_full_width_brackets_closes_a_caption(line: str, caption: bool) -> None:
    """Guidelines 8.4: in Chinese, Japanese and Korean a caption closes on the photographer's credit in full-width
    brackets, the word for a photo or for taking one inside ("（記者王小明攝）", "（撮影・佐藤花子）"): a caption,
    boilerplate between the story's paragraphs; the writers' tag in such brackets is none."""
    assert is_caption_credit(line) is caption
    if caption:
        document = Document.from_text(page_text([*NAV, *STORY[:4], line, *STORY[4:], *FOOTER]))
        annotation = Preannotator().annotate(document)
        assert_valid(document, annotation)
        assert labels_by_line(document, annotation)[line] == "boilerplate"


def test_a_ticker_of_quotes_without_their_change_is_no_list_of_items() -> None:
    """Guidelines 8.2 ("Not teasers": widgets) and 8.3: a ticker printing rates and prices without their change
    ("Dollar buy 41,27", "Euro 44,91 ₺", "Gold 2 310 USD") is the site's widget, not a list of headlines, while the
    front's items under it stay one span each."""
    ticker = ["Dollar buy 41,27", "Dollar sell 41,90", "Euro 44,91 ₺", "Gold 2 310 USD"]
    document = Document.from_text(page_text([*NAV, *ticker, *(line for item in TEASERS for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [labels_by_line(document, annotation)[line] for line in ticker] == ["boilerplate"] * 4
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(i) for i in TEASERS]


@pytest.mark.parametrize("marks", [("PLUS", "Plus"), ("Premium-Artikel", "Prémiový článek"), ("Urgente", "Özel")])
def test_a_paywall_or_breaking_mark_above_a_headline_opens_its_item(marks: tuple[str, str]) -> None:
    """Guidelines 8.2 ("Inside a card": badges, a paywall's mark): a bare paywall mark ("PLUS"), a premium article's
    mark in two words or a breaking/exclusive badge above an item's headline is inside that item, in the list's
    languages."""
    items = [[marks[0], "Harbour ferry to run every twenty minutes from spring", "14:05"],
             ["Lighthouse keeper's cottage sold at auction", "12:40"],
             [marks[1], "Inside the fight over the new quay's car park", "11:15"],
             ["Fishing fleet returns early as storm nears", "10:02"],
             ["Council names new harbour master", "09:30"]]
    document = Document.from_text(page_text([*NAV, *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(i) for i in items]


def _front_with_footer(footer: list[str]) -> tuple[Document, Annotation]:
    items = [["Harbour ferry to run every twenty minutes from spring", "The new timetable starts in March.", "2 hours ago"],
             ["Lighthouse keeper's cottage sold at auction", "The buyer plans a small museum.", "3 hours ago"],
             ["Fishing fleet returns early as storm nears", "Skippers said the swell was too high.", "5 hours ago"]]
    document = Document.from_text(page_text(["Valley Herald", "Friday 20 November 2026", *NAV,
                                             *(line for item in items for line in item), "Advertisement", *footer]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    return document, annotation


def test_the_footer_under_the_sites_name_promotes_no_article() -> None:
    """Guidelines 8.3 (site names, legal lines): at the page's end, the lines from one naming the site -- printed at
    the page's top -- to the copyright line are the publisher's imprint and the site's links, no items, however much
    a headline and a date ("Licence no. 14 issued on 3 March 2021") they look like."""
    footer = ["Valley Herald – published by the Valley Press Cooperative", "Licence no. 14 issued on 3 March 2021",
              "Editor-in-chief: Mara Quint", "Advertise with us", "Terms of use", "© 2026 Valley Herald"]
    document, annotation = _front_with_footer(footer)
    assert [labels_by_line(document, annotation)[line] for line in footer] == ["boilerplate"] * len(footer)
    assert len([span for span in annotation.spans if span.label == "teaser"]) == 3


def test_a_heading_naming_the_site_over_items_at_the_pages_end_opens_no_footer() -> None:
    """Guidelines 8.2: a list heading naming the site ("More from Valley Herald") at the page's end heads items."""
    more = [["Council names new harbour master", "She takes over in January.", "1 day ago"],
            ["Dredging of the old quay to start next week", "Boats will be moored outside.", "2 days ago"]]
    document, annotation = _front_with_footer(["More from Valley Herald", *(line for item in more for line in item),
                                               "© 2026 Valley Herald"])
    teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    assert teasers[-2:] == ["\n\n".join(item) for item in more]


@pytest.mark.parametrize("ago", [("2 timmar sedan", "3 dagar sedan", "för 4 dagar sedan"),
                                 ("for 2 timer siden", "3 dager siden", "4 dage siden")])
def test_scandinavian_relative_times_close_their_items(ago: tuple[str, str, str]) -> None:
    """Guidelines 8.2: an item's relative time after its summary closes that item, told in Swedish ("3 dagar sedan"),
    Norwegian or Danish ("for 2 timer siden") as in the languages read before."""
    items = [["Hamnfärjan går var tjugonde minut från våren", "Den nya tidtabellen börjar gälla i mars.", ago[0]],
             ["Fyrvaktarens stuga såld på auktion", "Köparen planerar ett litet museum.", ago[1]],
             ["Fiskeflottan återvänder tidigt inför stormen", "Skepparna sade att sjön var för grov.", ago[2]]]
    document = Document.from_text(page_text([*NAV, *STORY, "Fler artiklar", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(i) for i in items]


@pytest.mark.parametrize("sectioned", [True, False])
def test_a_menus_section_name_over_one_item_heads_it_on_a_front_parted_by_the_menus_names(sectioned: bool) -> None:
    """Guidelines 8.3 and 8.5: a section's heading on a front is boilerplate, an item's kicker is the item's. A front
    that heads a list under its first with the name of one of its menu's sections ("Sport") heads more so: "Business"
    over an item closed by its time, with an item in another layout (a summary) under it, is that section's name,
    not the item's kicker. On a page whose lists no menu name heads, the same short line over one item of a list is
    that item's kicker."""
    top = [["Council votes to freeze parking fees for another year", "35 minutes ago"],
           ["Mayor names new transport chief after long search", "2 hours ago"]]
    sport = [["Harbour rowers win the regional title for a third year", "1 hour ago"],
             ["New coach promises a faster team next season", "4 hours ago"]]
    business = [["Port handles a record number of containers in October", "3 hours ago"],
                ["Discount chain to open 120 shops in small towns",
                 "The retailer said the first stores would open in the spring, creating 900 jobs.", "5 hours ago"]]
    lines = [*NAV, "Top stories", *(line for item in top for line in item), "Sport" if sectioned else "More headlines",
             *(line for item in sport for line in item), "Business", *(line for item in business for line in item),
             *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    expected = [*top, *sport, business[0] if sectioned else ["Business", *business[0]], business[1]]
    assert front_items(document, annotation) == ["\n\n".join(item) for item in expected]


def test_a_date_closing_an_item_of_a_ticker_whose_items_show_their_section_parts_its_days() -> None:
    """Guidelines 8.2: date lines that part a list of items by day are boilerplate, and an item is its own lines only.
    In a ticker of items opened by their clock time, most closing with their section ("Politics"), a date under an
    item ("Thursday, 12 November 2026", a time shaped unlike the openers) parts the ticker's days, and the line under
    the last item ("Older headlines") is no line of it: the last item is no longer than the items above without the
    date."""
    items = [["19:52", "Fire at a warehouse in the port district forces road closures", "Region"],
             ["19:31", "Striker out for six weeks with a torn hamstring"],
             ["19:04", "Senate approves reform of property tax rates", "Politics"],
             ["18:47", "City council votes for a car-free high street at weekends", "Region"],
             ["22:14", "United lose away in the European cup after a late goal", "Sport"],
             ["21:03", "New mayor sworn in at the town hall"],
             ["19:47", "Rents rise by six percent in the city, survey shows", "Region"]]
    separator = "Thursday, 12 November 2026"
    lines = [*NAV, "Ticker", "Friday, 13 November 2026", *(line for item in items[:4] for line in item), separator,
             *(line for item in items[4:] for line in item), "Older headlines", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[separator] == "boilerplate"


@pytest.mark.parametrize("opener", ["time", "rank"])
def test_a_fronts_description_and_date_over_a_list_opening_each_item_with_its_time_or_rank_is_no_item(
        opener: str) -> None:
    """Guidelines 8.2 and 8.5: a front's own description above its list is boilerplate, and so is a date line or tab
    over it ("Friday, 13 November 2026", "Today"). Shaped as a headline and its time, they stand right over a list
    whose items each open with their time or their rank, with no item above them: they do not open as the items do,
    so they are no item."""
    if opener == "time":
        items = [["21:40", "Freezing rain and snow expected at the weekend, forecasters warn"],
                 ["21:15", "County assembly passes the 2027 budget at first reading"],
                 ["20:58", "Large fire at a farm on the edge of town, crews still on site"],
                 ["20:31", "Home side win away in the league after extra time"]]
        above = ["Every update from the county and the country, minute by minute", "Friday, 13 November 2026"]
    else:
        items = [["1", "Pension tax plan would hit millions of savers, think tank warns", "1,204 comments"],
                 ["2", "Suspension bridge to close to cars for six weeks from January", "388 comments"],
                 ["3", "Water company paid bonuses in a year of record sewage spills", "912 comments"],
                 ["4", "Surgeries to trial Saturday walk-in clinics across the county", "207 comments"]]
        above = ["The stories our readers spent the most time with in the past day", "Today", "This week"]
    lines = [*NAV, "Latest", *above, *(line for item in items for line in item), "Advertisement", *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert {labels_by_line(document, annotation)[line] for line in above} == {"boilerplate"}


def test_a_headline_and_its_byline_right_under_an_item_are_the_next_item() -> None:
    """Guidelines 8.2: one teaser per promoted item, its author included; a list repeats one layout. A headline with
    its byline under it ("By Jane Roe"), standing right under another item, goes on with the list: it is one more
    item, not the page's furniture (a story's own headline and byline stand under no promoted item)."""
    latest = [["Council votes to freeze parking fees for another year", "35 minutes ago"],
              ["Mayor names new transport chief after long search", "2 hours ago"]]
    opinion = [["Editorial: The bridge the county has waited forty years for"],
               ["Column: The town must decide what it wants to be in summer", "By Jane Roe"]]
    lines = [*NAV, *(line for item in latest for line in item), "Opinion",
             *(line for item in opinion for line in item), "Advertisement", *FOOTER]
    document = Document.from_text(page_text(lines))
    items = front_items(document, Preannotator().annotate(document))
    assert items[:2] == ["\n\n".join(item) for item in latest]
    assert items[-1] == "\n\n".join(opinion[1])


def test_headlines_in_a_row_parted_by_questions_are_one_item_each() -> None:
    """Guidelines 8.2: a teaser with only a headline is still a teaser. Three or more headlines in a row are a list
    of items, also where some are two "sentences" with a question ("Pension bonus: when will it be paid? The date is
    set"), which alone by one headline may be a paywall's prompt; a row of market quotes is no list of headlines."""
    heads = ["Pension bonus: when will it be paid? The date is set",
             "Fuel prices rise again at the pumps this week",
             "Are mortgage rates falling? What the banks now charge",
             "First talks on the minimum wage set for December"]
    quotes = ["Dollar official $1,412.50", "Dollar blue $1,505.00", "Dollar MEP $1,468.30"]
    document = Document.from_text(page_text([*NAV, *quotes, "Trending now", *heads, "Imprint", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == heads
    assert {labels_by_line(document, annotation)[line] for line in quotes} == {"boilerplate"}
    # a headline-shaped heading under the row, over a list of items with their summaries, is that list's
    heading = "Everything on school policy this year"
    item = ["Head teachers warn the shortage of teachers is worst inland",
            "One school in four lacks a maths teacher this winter, the union said on Tuesday.", "3 days ago"]
    document = Document.from_text(page_text([*NAV, "Trending now", *heads, heading, *item, "Imprint", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [*heads, "\n\n".join(item)]
    assert labels_by_line(document, annotation)[heading] == "boilerplate"


def grouped_text(groups: list[list[str]]) -> str:
    """A plain text that sets its lines one under the other and parts its groups by a blank line."""
    return "\n\n".join("\n".join(group) for group in groups) + "\n"


GROUPED_HEAD = ["The Valley Courier", "Log in | Subscribe", "News | Valley | Sport | Business | Culture | Opinion",
                "Valley", "Every story from the towns along the river, updated through the day"]
GROUPED_FOOT = ["Advertisement", "Facebook | Instagram | YouTube", "© 2026 The Valley Courier. All rights reserved."]


def test_a_short_line_closing_a_row_of_kickered_items_over_items_without_kickers_is_their_heading() -> None:
    """Guidelines 8.2 and 8.3: a list repeats one layout. After a row of items that each open with a kicker, a short
    line over an item followed right under it by an item without a kicker, in the same layout, heads a list of its
    own (a section no menu names, in any language: "Unternehmen"), not the item's kicker."""
    kicked = [["Markets", "Harbour freight volumes fall for a third month as exports slow", "4 hours ago"],
              ["Retail", "Grocery chain raises the price of milk by fifteen cents from January", "5 hours ago"],
              ["Banks", "Cantonal bank cuts 180 jobs in its back office over two years", "6 hours ago"]]
    companies = [["Watch exports drop by eleven percent in October as demand cools", "13.11.2026"],
                 ["Rail maker wins a large order for thirty trains from Norway", "13.11.2026"],
                 ["Chocolate maker moves its packaging line to the eastern plant", "12.11.2026"]]
    heading = "Unternehmen"
    blocks = [*NAV, *(line for item in kicked for line in item), heading,
              *(line for item in companies for line in item), *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in (*kicked, *companies)]
    assert labels_by_line(document, annotation)[heading] == "boilerplate"


def test_a_plain_texts_first_group_and_the_headings_over_its_groups_of_items_are_the_pages() -> None:
    """Guidelines 8.3 and 8.5: a plain text parted by blank lines shows the page's head (site, menu, the front's name
    and description) as its first group, and a short line opening a group over items that show no kickers is the
    group's heading, not the first item's kicker; a group whose items each open with a kicker keeps the first's."""
    riverside = [["Ferry crossing reopens after two weeks of repairs to the landing", "2 hours ago"],
                 ["Library extends its evening hours through the winter", "4 hours ago"],
                 ["Farmers’ market moves indoors for the cold months", "6 hours ago"]]
    hillcrest = [["Water main break leaves the old quarter without supply overnight",
                  "The utility expects repairs to finish by Friday morning …", "1 hour ago"],
                 ["School buses rerouted while the bridge is inspected", "5 hours ago"]]
    kickers = [["Courts", "Landlord fined for ignoring repair orders in the north tower"],
               ["Schools", "Parents petition for a crossing guard at the bypass"],
               ["Transport", "Night buses return to the harbour route in spring"]]
    groups = [GROUPED_HEAD, ["Riverside", *(line for item in riverside for line in item)],
              ["Hillcrest", *(line for item in hillcrest for line in item)],
              [line for item in kickers for line in item], GROUPED_FOOT]
    document = Document.from_text(grouped_text(groups))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in (*riverside, *hillcrest, *kickers)]
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "boilerplate" for line in (*GROUPED_HEAD, "Riverside", "Hillcrest"))


def test_a_group_that_ends_in_a_time_closes_each_of_its_items_with_its_time() -> None:
    """Guidelines 8.2: a list repeats one layout, and a group of a plain text that ends in a time under its last item
    shows it: each time (a video's running time, then its date) closes its item, none opens the item under it, and
    the group's last time is its last item's."""
    items = [["Council approves a new cycle lane on the harbour road", "3 hours ago"],
             ["Fishermen protest quotas outside the port office",
              "The union says the cuts will cost forty jobs this season …", "10.11.2026, 14:05"],
             ["New school opens in the eastern district", "09.11.2026, 11:30"]]
    videos = [["Water main break leaves the old quarter without supply overnight", "1 hour ago"],
              ["Video", "A morning with the last ferryman on the upper river", "3:24", "10.11.2026, 08:40"]]
    groups = [GROUPED_HEAD, ["Hillcrest", *(line for item in videos for line in item)],
              ["Old Town", *(line for item in items for line in item)], GROUPED_FOOT]
    document = Document.from_text(grouped_text(groups))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in (*videos, *items)]


def test_a_group_that_ends_in_a_name_closes_each_of_its_items_with_its_authors_name() -> None:
    """Guidelines 8.2: an item's author is inside it, and a list repeats one layout. A group of a plain text that
    ends in a short line under a headline shows its items closed by such a line -- the author's name or the agency
    under each headline, a summary between them or not; a kicker above a headline still opens its item."""
    markets = [["Harbour freight volumes fall for a third month as exports slow", "Tomas Reyes"],
               ["Dairy cooperative signs its first supply deal in the east",
                "The contract covers two years of deliveries to four supermarket chains …", "Wire Services"],
               ["Explainer", "Why the port’s new tariff worries the fishing fleet", "Ines Morel"]]
    groups = [GROUPED_HEAD, ["Markets", *(line for item in markets for line in item)], GROUPED_FOOT]
    document = Document.from_text(grouped_text(groups))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in markets]
    assert labels_by_line(document, annotation)["Markets"] == "boilerplate"


def test_a_short_line_inside_a_group_of_a_text_whose_groups_open_with_headings_is_the_next_items() -> None:
    """Guidelines 8.2 and 8.3: a plain text whose groups open with a short line over items parts its sections by
    blank lines, so a short line between two items inside a group is no section's heading but the next item's kicker
    or badge, in words no rule knows ("Ekskluzivno", "Partnerski sadržaj"), and so is one between the group's
    heading and its first headline ("Kitchen", "Recepti"); and a group's opening line stays its heading where an item
    further down the group opens with no short line, though the second opens with one."""
    riverside = [["Ferry crossing reopens after two weeks of repairs to the landing", "2 hours ago"],
                 ["Ekskluzivno", "Harbour board paid a consultant for a report nobody can find", "3 hours ago"],
                 ["Library extends its evening hours through the winter", "4 hours ago"]]
    hillcrest = [["Water main break leaves the old quarter without supply overnight"],
                 ["School buses rerouted while the bridge is inspected"],
                 ["Partnerski sadržaj", "Five reasons to spend the winter in the hills this year"]]
    schools = [["Teachers threaten a strike as the ministry offers a ten percent raise", "1 hour ago"],
               ["Razlaga", "Why pupils in the valley lag behind in mathematics", "5 hours ago"],
               ["A grammar school opens a class taught in English", "8 hours ago"]]
    kitchen = [["Recepti", "Fritters the way grandmother made them, with one secret"],
               ["Five plants that survive the coldest winter on a balcony"],
               ["How to cut the electricity bill without spending a cent"]]
    groups = [GROUPED_HEAD, ["Riverside", *(line for item in riverside for line in item)],
              ["Hillcrest", *(line for item in hillcrest for line in item)],
              ["Schools", *(line for item in schools for line in item)],
              ["Kitchen", *(line for item in kitchen for line in item)], GROUPED_FOOT]
    document = Document.from_text(grouped_text(groups))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item)
                                                 for item in (*riverside, *hillcrest, *schools, *kitchen)]
    labels = labels_by_line(document, annotation)
    assert all(labels[line] == "boilerplate" for line in ("Riverside", "Hillcrest", "Schools", "Kitchen"))


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"])
def test_a_texts_groups_start_under_its_blank_lines_only_where_it_mixes_them(line_break: str) -> None:
    """``group_starts``: the lines under a blank line (spaces on it too) of a text that also sets lines right under
    each other; none where no line or every line stands under a blank line (the HTML ingest's text)."""
    from annotation.preannotate.blocks import group_starts, split_blocks

    def starts(text: str) -> frozenset[int]:
        text = text.replace("\n", line_break)
        return group_starts(text, split_blocks(text))

    assert starts("Site\nMenu\n\nHeading\nItem one\n  \t\nFooter\n") == {2, 4}
    assert starts("Site\nMenu\nHeading\n") == frozenset()
    assert starts("Site\n\nMenu\n\nHeading\n") == frozenset()


@pytest.mark.parametrize("headline", [
    "„We will not sign this budget”. Coalition cracks before the vote in parliament",
    "‘We are not writing a blank cheque.’ Senate leaders stall the aid package",
    "«Where is the money?» Auditors question the harbour contract",
    "»We will not sign it.« The coalition cracks before the vote in parliament",
    "「We have nothing left.」 Farmers count the cost of the typhoon",
], ids=["low-high", "single", "guillemets", "reversed-guillemets", "corner-brackets"])
def test_a_headline_citing_a_sentence_with_its_stop_is_the_story_headline(headline: str) -> None:
    """Guidelines 8.1 and 7.1: a headline that opens with (or holds) a quotation followed by its stop or question mark
    reads as two sentences to the plain count, but the quotation is one piece of the headline: it is the story's
    headline over its standfirst, not a line the run leaves out (nor is the "Subscribe" link above it the headline)."""
    standfirst = ("Two junior partners say they will vote against the bill unless the government reopens talks on "
                  "farm subsidies. The finance minister says there is no money left to give.")
    head = [headline, standfirst, "Jane Doe", "14 November 2026, 07:42"]
    document = Document.from_text(page_text([*NAV, "Politics", *head, "6 min read", "Share", *STORY[3:], *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert labels["Subscribe"] == "boilerplate"



def test_the_writers_handle_under_the_byline_is_no_title_of_the_writer() -> None:
    """Guidelines 8.1 and 8.3: the writer's account to follow under the byline ("@janedoe_news", "Twitter: @janedoe")
    is a follow prompt, no writer's title: it stays out of the story's head while the byline and date are in it (an
    e-mail address there is the byline's)."""
    head = ["Ferry operator scraps winter timetable as fuel costs soar", "By Jane Doe"]
    for handle in ("@janedoe_news", "Twitter: @janedoe"):
        document = Document.from_text(page_text([*NAV, *head, handle, "12 January 2025", *STORY[3:], *FOOTER]))
        labels = labels_by_line(document, Preannotator().annotate(document))
        assert [labels[line] for line in [*head, "12 January 2025"]] == ["article"] * 3
        assert labels[handle] == "boilerplate"

def test_a_story_headline_printed_on_the_sites_other_pages_is_still_its_headline() -> None:
    """Guidelines 8.1: a story's headline comes back as a teaser on the site's other pages, so the corpus statistics
    read it as template; right over the story's byline and date it is the story's headline still, not a teaser."""
    headline = "Ferry operator scraps winter timetable as fuel costs soar"
    head = [headline, "Jane Doe", "12 January 2025, 09:40"]
    story = Document.from_text(page_text([*NAV, "Transport", *head, "Share", "Email", *STORY[3:], *FOOTER]))
    front = Document.from_text(page_text([*NAV, "Transport", headline, "2 hours ago",
                                          *(line for item in TEASERS for line in item), *FOOTER]))
    annotation = Preannotator(BlockStats.from_documents([story, front])).annotate(story)
    assert_valid(story, annotation)
    labels = labels_by_line(story, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_run_opening_with_its_headline_over_a_deck_and_byline_keeps_the_head(models) -> None:
    """Guidelines 8.1: a run that opens with the story's headline over its deck (both shaped as headlines, no full
    stop) and its byline keeps all three and the date, whatever the model reads in the deck or the island rule in
    the headline it parts from the body."""
    head = ["Mayor calls it «a budget for war, not for promises» as the council passes next year’s spending plan "
            "after a stormy night session",
            "Opposition councillors called the document «opaque» and demanded a week’s delay of the vote",
            "Olena Tkachuk", "12 November 2025, 22:10"]
    document = Document.from_text(page_text([*NAV, "POLITICS", *head, "5 min read", *STORY[3:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert labels["5 min read"] == "boilerplate"


@pytest.mark.parametrize("models", [{}, None], ids=["rules", "model"])
def test_a_trail_of_sections_over_the_headline_does_not_make_it_a_standfirst(models) -> None:
    """Guidelines 8.1: a trail of sections ("Metro > City Courts > Trials") over the story's headline is the site's, no
    headline: the headline opening the run is the story's own, and the byline and both dates under its standfirst are
    the story's whatever the model reads in them."""
    head = ["Builder of the collapsed block tells the court: “I built it to the plan, my conscience is clear”",
            "The contractor of the block where 19 people died told judges on Wednesday that a shop owner had cut two "
            "columns. Families of the victims walked out.",
            "Selin Kara", "14.01.2026 - 18:46", "Updated: 14.01.2026 - 20:10"]
    trail = "Metro > City Courts > Trials"
    document = Document.from_text(page_text([*NAV, trail, *head, "Reading time: 4 min", *STORY[3:], *FOOTER]))
    annotation = Preannotator(models=models).annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert labels[trail] == "boilerplate"


def test_a_headline_over_its_standfirst_and_byline_is_the_story_head_however_far_the_widgets_push_it() -> None:
    """Guidelines 8.1: headline, standfirst, byline and date are the story's head; a reading time, share tools and
    the photo's caption between the head and the first paragraph part it from the body by many lines, but the
    headline over its standfirst over the byline is the story's headline still (not a teaser item of its own)."""
    head = ["Harbour tunnel budget doubles as engineers find flooded shafts",
            "The port authority now puts the cost at twice its spring figure.",
            "By Jane Doe, Harbour Reporter", "14 November 2026, 07:42"]
    widgets = ["6 min read", "Share this article", "Copy link",
               "Workers inspect the flooded shaft at the north portal on Monday. Photo: John Roe/Example Agency"]
    document = Document.from_text(page_text([*NAV, "Politics", *head, *widgets, *STORY[3:], *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert [labels[line] for line in widgets] == ["boilerplate"] * len(widgets)


def test_a_byline_under_the_standfirst_under_the_headline_finds_the_head_beyond_the_widgets() -> None:
    """Guidelines 8.1: headline, standfirst and byline are the story's head in that order; with share tools, a player's
    "Listen to this story" and the photo's caption between them and the first paragraph, the headline stands too far
    up to be found by itself, but the byline under the standfirst under it finds the three, and the player's line
    shaped as a headline nearer the body is no headline."""
    head = ["Harbour tunnel budget doubles as engineers find flooded shafts",
            "The port authority now puts the cost at twice its spring figure.",
            "By Jane Doe, Harbour Reporter", "14 November 2026, 07:42", "Updated 15 November 2026, 09:10"]
    widgets = ["Share this article", "Copy link", "Email", "Listen to this story",
               "Workers inspect the flooded shaft at the north portal on Monday"]
    document = Document.from_text(page_text([*NAV, "Politics", *head, *widgets, *STORY[3:], *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert [labels[line] for line in widgets] == ["boilerplate"] * len(widgets)


def test_headlines_signed_by_their_writers_under_them_are_items_with_their_names() -> None:
    """Guidelines 8.2 (a list repeats one layout, read from its first item): an opinion box or a page of readers'
    letters that prints each headline with its writer's name under it -- alone, with a family name's particle, with a
    place in brackets or a role after a comma -- makes one item of each headline and the name under it; a list that
    prints the names over the headlines keeps them over theirs."""
    signed = [("Why the harbour ferry deserves a second chance", "Rosa van der Berg"),
              ("Our libraries are open longer than our clinics", "Tomás Ortega (Hull)"),
              ("A tram line is cheaper than another ring road", "Helen Achterberg, chair of the Riverside Residents")]
    columns = [("Peter Lindqvist", "The night the stadium lights went out for good"),
               ("Amara Okafor", "What my grandmother knew about saving water")]
    blocks = [*NAV, "Guest essays", *(line for pair in signed for line in pair),
              "Columnists", *(line for pair in columns for line in pair), *FOOTER]
    document = Document.from_text(page_text(blocks, "\n"))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [f"{a}\n{b}" for a, b in (*signed, *columns)]


def test_a_podcasts_episode_with_a_short_title_between_its_number_and_running_time_is_an_item() -> None:
    """Guidelines 8.2: a podcast's list of episodes repeats one layout (its number, its title, maybe a blurb, its
    running time, its date: the date closes the item); an episode whose title has three words or fewer ("Az utolsó
    tél", the last winter), between lines holding numbers, is an item as the others are."""
    episodes = [
        ["42. rész", "Kié a város zöldje? A park, amely megosztotta a környéket",
         "Építészekkel és lakókkal beszélgetünk, akik ellenzik az átépítést …", "38 perc", "2026. november 10."],
        ["41. rész", "Az utolsó tél", "44 perc", "2026. november 3."],
        ["40. rész", "A főváros régi fürdői: hagyomány vagy üzlet?",
         "Miért nőnek az árak, és ki marad fürdő nélkül.", "35 perc", "2026. október 27."],
        ["39. rész", "A bolhapiac utolsó árusai a régi pályaudvaron", "41 perc", "2026. október 20."],
        ["38. rész", "Éjszakai műszak a metróban: ki takarítja az állomásokat", "29 perc", "2026. október 13."],
    ]
    blocks = [*NAV, "Minden rész", *(line for episode in episodes for line in episode), "Továbbiak betöltése",
              *FOOTER]
    document = Document.from_text(page_text(blocks, "\n"))
    annotation = Preannotator().annotate(document)
    # (the first episode's number, right under the list's heading, is left to the kicker rules)
    assert front_items(document, annotation)[1:] == ["\n".join(episode) for episode in episodes[1:]]


def test_a_time_opening_a_group_of_lines_opens_its_item_under_a_heading_no_rule_knows() -> None:
    """Guidelines 8.2 (a list's layout is read from its first item): in a plain text that parts its lines into
    groups by blank lines, a time at the top of a group closes no item above it -- the page's head is another group
    -- so a newsletter's archive (date, headline, maybe a blurb) opens each item with its date, however its heading
    reads ("The briefing so far"); its last item ends with its group ("Show me more" under it is the page's)."""
    issues = [["14 March 2026", "Budget week ends, new inflation figures and the cup final draw",
               "Parliament debates the farm bill today; and why prices fell in February …"],
              ["13 March 2026", "A new metro line, a farmers' march and a storm warning"],
              ["12 March 2026", "Sunday special: the villages where the wells ran dry",
               "Our reporters spoke to forty families in five districts …"],
              ["11 March 2026", "Markets slide, the currency weakens and exams begin"]]
    head = [*NAV, "Newsletters", "The Morning Briefing",
            "Every morning at seven, the stories that matter most, chosen by our editors.", "Free for readers",
            "The briefing so far"]
    text = "\n\n".join(["\n".join(head), "\n".join(line for issue in issues for line in issue),
                        "\n".join(["Show me more", *FOOTER])]) + "\n"
    document = Document.from_text(text)
    assert front_items(document, Preannotator().annotate(document)) == ["\n".join(issue) for issue in issues]


@pytest.mark.parametrize("line", ["28 फ़रवरी 2026", "2 मार्च 2026", "৩৫ মিনিট আগে"])
def test_a_word_with_vowel_signs_is_one_word_to_a_lines_shape(line: str) -> None:
    """The shape of a line (each word one sign, each number another) that tells a list's times apart: a word of the
    scripts of India is one word with its vowel signs, viramas and nukta ("फ़रवरी"), its digits numbers."""
    from annotation.preannotate.zones import _line_shape

    assert _line_shape(line) == ("0 a a" if line.endswith("আগে") else "0 a 0")


def test_an_authors_page_bio_opening_with_their_name_is_no_story() -> None:
    """Guidelines 8.3 and 8.5: an author's page shows the writer's profile (name, job title, a short bio opening
    with the name, an address) over the list of their stories: the bio is the page's one paragraph of prose, but a
    story's paragraph never opens with its byline's name -- the profile is boilerplate, the stories teasers."""
    profile = ["Tomas Aldridge", "Transport correspondent",
               "Tomas Aldridge has covered buses, trams and the city's roads since 2015. Before that he reported on "
               "the port and the shipyards for the Evening Courier.", "tomas.aldridge@harbourtimes.example"]
    items = [["Night buses to run every 20 minutes on four routes from March",
              "The council says the change will cost £1.2m a year and be paid for by parking fees.", "11 November 2026"],
             ["Tram extension to the hospital delayed again", "9 November 2026"],
             ["Why the ring road's new lanes made jams worse", "The traffic study the council did not publish.",
              "6 November 2026"]]
    blocks = [*NAV, *profile, "Latest from Tomas Aldridge", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(blocks, "\n"))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in items]
    assert all(labels_by_line(document, annotation)[line] == "boilerplate" for line in profile)


def test_a_bare_headline_between_items_with_summaries_is_an_item() -> None:
    """Guidelines 8.2 (a teaser with only a headline is still a teaser): on a tag page whose items mostly show a
    summary, a headline without one, right under an item and over the next item's headline and summary, is an item
    of the list -- a section's sub-menu stands over a list, never between two of its items."""
    items = [["Harbour town buys 120 empty flats from the banks for social rent",
              "The council will spend 14 million over three years and give priority to young …"],
             ["Rents in the river valley rise 11% despite the new price cap",
              "Land registry figures show the reference index is ignored in half of new …"],
             ["Neighbours stop the eviction of an 87-year-old widow in the old quarter"],
             ["Coastal district approves a plan to turn empty shops into homes",
              "The measure covers ground-floor premises in two neighbourhoods …"],
             ["Why building more does not always make flats cheaper",
              "Demand in the county outstrips what any public scheme can deliver in the short …"]]
    blocks = [*NAV, "Topic", "Housing", "Follow this topic", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(blocks, "\n"))
    assert front_items(document, Preannotator().annotate(document)) == ["\n".join(item) for item in items]


def test_a_section_fronts_lead_item_under_its_heading_and_sub_menu_is_a_teaser_not_a_story() -> None:
    """Guidelines 8.5: a section front has no main story. Its heading and sub-menu (short lines, no prose) may join
    its lead item in the page's best run, with the item's author at the run's end; the time under them opens the
    page's list of timestamped items all the same: the item is a teaser, the heading and sub-menu boilerplate."""
    items = [["Prices", "Inflation slows to 2.1% in October, the lowest monthly figure this year",
              "Food and drink rose less than the average, while regulated prices and clothing pushed the index up. "
              "Economists expect the annual rate to keep falling through the first quarter of next year.",
              "Martina Ferreyra", "35 minutes ago"],
             ["Markets", "Bonds rally and country risk falls below 620 points after the Treasury's announcement",
              "1 hour ago"],
             ["Bills", "Electricity and gas: how much bills rise from December", "2 hours ago"],
             ["Farming", "Wheat harvest could set a record, but growers warn about freight costs", "3 hours ago"]]
    menu = ["Economy", "Dollar", "Inflation", "Farming", "Personal finance", "Jobs"]
    document = Document.from_text(page_text([*NAV, *menu, *(line for item in items for line in item), *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


def test_the_sites_name_and_date_above_a_row_of_links_are_the_pages_head() -> None:
    """Guidelines 8.3: the site's name and today's date above its menu promote no article, however much a headline
    and its time they look like -- also where the menu is one row of links ("News | Counties | Business", the page's
    already), not only a column of short entries; a line of prose above the row is no page head."""
    from annotation.preannotate.blocks import Block
    from annotation.preannotate.zones import BOILERPLATE, BlockLabel, _page_head

    def head(lines: list[str]) -> range:
        blocks = [Block(index, 0, len(line), line) for index, line in enumerate(lines)]
        labels = [BlockLabel(BOILERPLATE, 0.7) if "|" in line else None for line in lines]
        return _page_head(blocks, [features_of(line) for line in lines], labels)

    row = "News | Counties | Business | Sports | Opinion"
    assert head(["The Lakeside Courier", "Friday, November 27, 2026", row, "Top Stories",
                 "County unveils plan to fix roads before the holiday rush", "1 hour ago"]) == range(2)
    assert head(["The county unveiled a plan on Friday to fix its roads before the holiday rush, officials said.",
                 row, "County unveils plan to fix roads before the holiday rush", "1 hour ago"]) == range(0)


def test_a_row_of_headlines_of_two_sentences_after_the_story_is_one_item_each() -> None:
    """Guidelines 8.2: a list after the story ("Readers' picks") whose headlines each read as two "sentences"
    without a closing full stop ("Storm hits the coast. Ferries cancelled") promotes one story a line: each is a
    teaser item of its own, though no time or summary stands under any of them (the row is the list's layout)."""
    heading = "Readers' picks"
    row = ["Storm hits the coast. Ferries cancelled until Friday",
           "Bridge repairs run late. Drivers face detours",
           "Energy prices rise in January. How much will we pay?",
           "Football club sold to American investors. Fans protest",
           "New exam rules for learner drivers from March"]
    document = Document.from_text(page_text([*NAV, *STORY, heading, *row, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in row] == ["teaser"] * len(row)
    teasers = [span.text for span in annotation.spans if span.layer == "zone" and span.label == "teaser"]
    assert teasers == row, "one span per headline"


@pytest.mark.parametrize("footer", [
    ["Odebírejte náš zpravodaj", "Nejdůležitější zprávy každé ráno", "Přihlásit", "O nás", "Kontakt",
     "© 2026 Vydavatelství Příklad"],
    ["Ansvarshavende chefredaktør: Jens Hansen", "Eksempelavisen arbejder efter de vejledende regler for god presseskik.",
     "Privatliv | Cookies | Kontakt"]])
def test_the_last_group_of_a_story_page_ending_in_the_sites_links_is_its_footer(footer: list[str]) -> None:
    """Guidelines 8.3: a plain text parting its lines into groups by blank lines ends a story page with the site's
    footer group -- a newsletter prompt, the publisher's imprint, its links or copyright line last, in words no rule
    knows -- whose lines promote no article, however much a headline over its summary they look like; the list above
    it stays a list. (Its last headline, which the imprint's would-be item left bare, is not asserted: no pass reads
    it again.)"""
    most_read = ["Most read", "Storm closes the coastal road for a second night",
                 "Council approves the new harbour budget after a long debate",
                 "Local bakery wins the national bread prize for the third time"]
    document = Document.from_text(page_text([*NAV, "", *STORY, "", *most_read, "", *footer], separator="\n"))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in footer] == ["boilerplate"] * len(footer)
    assert [labels[line] for line in most_read[1:3]] == ["teaser"] * 2
    assert [labels[line] for line in STORY] == ["article"] * len(STORY)


@pytest.mark.parametrize("footer", [
    ["Ansvarlig redaktør: Ola Nordmann", "Eksempelposten arbeider etter Vær Varsom-plakatens regler.", "Personvern",
     "© 2026 Eksempelposten AS"],
    ["Nhận bản tin mỗi sáng", "Những tin quan trọng nhất trong hộp thư của bạn.", "Đăng ký", "Giới thiệu | Liên hệ",
     "© 2026 Báo Ví Dụ"]])
def test_the_last_group_of_a_front_ending_in_the_sites_copyright_line_is_its_footer(footer: list[str]) -> None:
    """Guidelines 8.3: a front's plain text ends, as a story page's does, in the site's footer group -- the
    publisher's imprint or a newsletter prompt over the site's links and copyright line, in words no rule knows --
    whose lines promote no article, however much a headline over its summary they look like; the items of the list
    above it (a headline and its writer's name each) stay items."""
    opinion = [["The harbour budget deserves a second look", "Maria Berg"],
               ["Why the bakery prize matters to the whole town", "Jonas Lie"]]
    lines = [*NAV, "", "Opinion", *(line for item in opinion for line in item), "", *footer]
    document = Document.from_text(page_text(lines, separator="\n"))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert {labels[line] for line in footer} == {"boilerplate"}
    assert {labels[line] for item in opinion for line in item} == {"teaser"}


@pytest.mark.parametrize("heading", ["Opinion", "Meinung", "Podcast"])
def test_a_badge_word_over_a_group_of_unmarked_items_is_the_groups_heading(heading: str) -> None:
    """Guidelines 8.3 and 8.2: a front's plain text parts its sections by blank lines; a badge word opening a group
    ("Opinion", "Meinung") over items none of which opens with a short line of its own is the section's heading --
    boilerplate -- not the first item's badge: a list that marks its pieces repeats the marks, as the group under it
    does ("Live" over each headline), whose first badge stays its item's."""
    news = [["Harbour tunnel budget doubles as engineers find flooded shafts", "2 hours ago"],
            ["Council approves the new bus lane on the ring road", "4 hours ago"],
            ["Local bakery wins the national bread prize for the third time", "6 hours ago"]]
    opinion = [["The harbour budget deserves a second look", "Maria Berg"],
               ["Why the bakery prize matters to the whole town", "Jonas Lie"],
               ["Bus lanes are not the enemy of drivers", "Ola Hansen"]]
    live = [["Live", "Storm Ingrid: ferries cancelled across the strait"],
            ["Live", "Election count: the latest results from every ward"]]
    lines = [*NAV, "", "Latest", *(line for item in news for line in item), "", heading,
             *(line for item in opinion for line in item), "", *(line for item in live for line in item), "",
             "© 2026 Example News"]
    document = Document.from_text(page_text(lines, separator="\n"))
    annotation = Preannotator().annotate(document)
    assert labels_by_line(document, annotation)[heading] == "boilerplate"
    assert front_items(document, annotation) == ["\n".join(item) for item in [*news, *opinion, *live]]


@pytest.mark.parametrize("more", ["Näytä lisää uutisia", "Carregar mais", "Mehr Meldungen laden"])
def test_a_load_more_line_under_a_lists_last_item_is_not_the_items(more: str) -> None:
    """Guidelines 8.3 and 8.5 ("Load more" is boilerplate): under the last item of a list whose items open with
    their time ("19:54", section, headline, and a summary under some), a short line in any language is the list's
    control, not the last item's summary -- a summary is longer than a few words -- unless most items close with a
    short line of their own."""
    items = [["21:12", "Talous", "Keskuspankki pitää korot ennallaan vielä kevääseen asti",
              "Päätös oli odotettu, mutta inflaatio hidastui lokakuussa nopeammin kuin ennustettiin ja painaa korkoja."],
             ["20:40", "Urheilu", "Kotijoukkue voitti derbyn jatkoajalla kolme kaksi"],
             ["19:54", "Kulttuuri", "Kaupunginteatteri julkisti ensi kevään ohjelmiston"]]
    lines = [*NAV, "Uutisvirta", *(line for item in items for line in item), more, "Tietosuoja",
             "© 2026 Esimerkkilehti"]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    assert labels_by_line(document, annotation)[more] == "boilerplate"
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("heading", ["Región de Los Lagos", "Valle del Itata y costa", "Zona sur"])
def test_a_sections_name_over_a_group_of_items_is_the_groups_heading(heading: str) -> None:
    """Guidelines 8.3 and 8.5: a front's plain text parts its sections by blank lines; a short line opening a group
    -- a section's name of a few words, at most half as long as the headline under it -- over items whose first
    lines are all longer and none a kicker is the section's heading, boilerplate, not a kicker of the first item."""
    news = [["Temuco inaugura su primer hospital con atención de urgencia las 24 horas", "11 de marzo de 2026"],
            ["Productores de fruta denuncian robo de agua en los canales de riego del valle", "10 de marzo de 2026"]]
    region = [["Puerto Montt mueve un récord de contenedores durante el mes de febrero", "10 de marzo de 2026"],
              ["Osorno recupera la ribera de su río tras años de abandono y basurales", "9 de marzo de 2026"],
              ["Castro abre la temporada de ferias costumbristas con cifras de público récord", "8 de marzo de 2026"]]
    lines = [*NAV, "", "Últimas", *(line for item in news for line in item), "", heading,
             *(line for item in region for line in item), "", "© 2026 Diario del Sur"]
    document = Document.from_text(page_text(lines, separator="\n"))
    annotation = Preannotator().annotate(document)
    assert labels_by_line(document, annotation)[heading] == "boilerplate"
    assert front_items(document, annotation) == ["\n".join(item) for item in [*news, *region]]


@pytest.mark.parametrize("results", [["HIFK – Tappara 3:2 ja", "Kärpät – Ilves 1:4", "Lukko – TPS 2–0"],
                                     ["Wisła – Legia 1-1", "Lech Poznań – Górnik Zabrze 2:0 (pk)"]])
def test_a_results_widget_with_the_score_after_the_names_is_no_item(results: list[str]) -> None:
    """Guidelines 8.3: a scores widget's lines -- two teams parted by a dash, the score after them and a short mark
    for overtime or penalties ("ja", "(pk)") -- are the site's, no headlines, whatever the language; a headline
    with a label before the same result ("Maalikooste: …") or words in lower case stays an item."""
    items = [["Maalikooste: HIFK – Tappara 3:2 ja", "Video", "2:41"],
             ["Tappara kaatui jatkoajalla, ratkaisija oli nuori puolustaja", "45 minuuttia sitten"],
             ["Ilves nousi sarjataulukon kärkeen neljän maalin voitolla", "2 tuntia sitten"]]
    lines = [*NAV, "Tulokset", *results, "Kaikki tulokset", *(line for item in items for line in item), *FOOTER]
    document = Document.from_text(page_text(lines))
    annotation = Preannotator().annotate(document)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in results] == ["boilerplate"] * len(results)
    assert labels[items[0][0]] == labels[items[1][0]] == "teaser"


def test_a_writers_page_whose_head_the_run_took_keeps_no_story() -> None:
    """Guidelines 8.5: a front has no main story -- a writer's page opens with the site's name, the writer's name and
    bio over the list of the writer's stories. Where the run taken for a story leaves fewer lines than a story's body
    holds (two here: the site's name and the bio), the page is a front: those lines are the page's, the dated items
    under them teasers; a story of a headline and three paragraphs keeps its article, and so does a story's lead under
    its date."""
    head = ["Ir al contenido", "El Diario del Valle", "Suscríbete | Entrar",
            "Portada | Región | País | Economía | Deportes | Cultura", "Autores", "Marta Quintana",
            "Periodista de la sección de Región, escribe sobre tribunales, vivienda y medio ambiente desde 2015. "
            "Antes trabajó en la radio local durante seis años.", "Sigue en X: @martaquintana",
            "Artículos de Marta Quintana"]
    items = [["12 de marzo de 2026", "El juzgado reabre la causa del vertedero de Arroyo Seco",
              "La jueza pide nuevos informes sobre los lixiviados que llegaron al río en verano."],
             ["9 de marzo de 2026", "Los alquileres suben un 11 % en la capital de la comarca",
              "El precio medio supera por primera vez los 800 euros al mes."],
             ["4 de marzo de 2026", "La depuradora de Villanueva no estará lista hasta 2028",
              "La obra acumula dos años de retraso por un pleito con la constructora."]]
    lines = [*head, *(line for item in items for line in ["", *item]), "", "Aviso legal | Privacidad | Contacto",
             "© 2026 El Diario del Valle"]
    document = Document.from_text(page_text(lines, separator="\n"))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in items]
    assert {labels_by_line(document, annotation)[line] for line in head} == {"boilerplate"}
    document = Document.from_text(page_text([*NAV, *STORY[:2], *STORY[3:6], "More news", *items[0][1:], *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert [labels[line] for line in STORY[3:6]] == ["article"] * 3
    # a paywalled story's lead under its date is a story's, however many items stand under it
    lead = STORY[3]
    document = Document.from_text(page_text([*NAV, *STORY[:3], "Share", "Facebook", lead, "Subscribe to read more",
                                             "More news", *(line for item in items for line in item), *FOOTER]))
    assert labels_by_line(document, Preannotator().annotate(document))[lead] == "article"


@pytest.mark.parametrize("tags", ["Теми: суд, житлове будівництво, Полтава", "Étiquettes: Justice · Logement · Lyon",
                                  "Tunnisteet: oikeus, asuntorakentaminen, Tampere"])
def test_a_labelled_list_of_tags_under_the_story_is_no_teaser(tags: str) -> None:
    """Guidelines 8.3: the story's tags after a label in any language -- a short label and its colon, then three names
    or more of a few words parted by commas or middle dots -- under the story's last line, and the share prompt under
    them, are boilerplate, no teaser item of a headline and its line; a headline with a colon says something after it
    (and one under a list's heading is read as a headline: ``test_headlines_in_sentence_case_under_a_list_heading``)."""
    share = "Jaa:"
    document = Document.from_text(page_text([*NAV, *STORY, tags, share, "© 2026 Example News"], separator="\n"))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert (labels[tags], labels[share]) == ("boilerplate", "boilerplate")
    assert [labels[line] for line in STORY] == ["article"] * len(STORY)
    assert not any(map(_labelled_list, ["Watch: Ducks, geese and swans flock back to the city park",
                                         "Budget: cuts, delays, protests.", "Recap of the night in Paris: Lyon"]))


@pytest.mark.parametrize("title", ["Transport correspondent", "Samferdselsreporter"])
def test_a_byline_under_the_published_and_updated_dates_under_the_standfirst_is_the_storys(title: str) -> None:
    """Guidelines 8.1: headline, standfirst, the dates published and updated, then the writer's name and title (a
    language that joins words writes the job as a word's end: "Samferdselsreporter") are the story's head, however
    many of its lines the model takes for a widget's; the reading time under them is the site's."""
    head = ["Harbour tunnel budget doubles as engineers find flooded shafts",
            "The port authority now puts the cost at twice its spring figure, and the opening moves to 2029.",
            "Published 14 November 2026 07:42", "Updated 14 November 2026 10:05", "Jane Doe", title]
    document = Document.from_text(page_text([*NAV, "Politics", *head, "Reading time: 4 min", *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert labels["Reading time: 4 min"] == "boilerplate"


def test_a_comment_section_of_bare_names_over_comments_is_no_list_of_items() -> None:
    """Guidelines 8.3: under the story, a comment section that prints each comment under its writer's bare name (no
    time, no "says:") -- its heading, its prompt, the names and the comments -- is boilerplate, not a box of names
    over headlines; the list under the next heading stays teasers."""
    section = ["Commentaires", "Connectez-vous pour commenter.", "Marc Tremblay",
               "Encore une fois, ce sont les usagers qui paient la facture. Dommage.", "Julie B.",
               "La ville aurait dû consulter les riverains bien avant le vote. Bravo quand même."]
    most_read = ["Most read", "Storm closes the coastal road for a second night",
                 "Council approves the new harbour budget after a long debate",
                 "Local bakery wins the national bread prize for the third time"]
    document = Document.from_text(page_text([*NAV, "", *STORY, "", *section, "", *most_read, "", *FOOTER],
                                            separator="\n"))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in section] == ["boilerplate"] * len(section)
    assert [labels[line] for line in most_read[1:]] == ["teaser"] * 3
    assert [labels[line] for line in STORY] == ["article"] * len(STORY)


def test_a_sentence_under_a_list_of_bare_headlines_after_the_story_is_no_summary() -> None:
    """Guidelines 8.2: a list repeats one layout; under a list of bare headlines after the story ("Most popular"), a
    sentence with its full stop under the last headline and no time under it is the site's notice ("comments are closed
    here", in words no rule knows), not a summary only that item would show: the last headline is an item alone."""
    most_read = ["Most popular", "Storm closes the coastal road for a second night",
                 "Council approves the new harbour budget after a long debate",
                 "Local bakery wins the national bread prize for the third time"]
    notice = "Kommentarfeltet er stengt på denne saken av juridiske grunner."
    document = Document.from_text(page_text([*NAV, *STORY, *most_read, notice, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[notice] == "boilerplate"
    teasers = [span.text for span in annotation.spans if span.layer == "zone" and span.label == "teaser"]
    assert teasers == most_read[1:], "one span per headline"


def test_badges_naming_a_fronts_next_sections_are_no_items_kickers() -> None:
    """Guidelines 8.2 and 8.3: a badge word standing where the front's sections change ("Podcast" under a section of
    headlines with their times, over an episode with its running time; "Opinion" over two columns) names the section
    under it, not the item's kind; a badge on one item of a list ("Video" over a clip, then headlines with their
    times again) is the item's."""
    news = [["Harbour bridge reopens after three weeks of repairs", "2 hours ago"],
            ["School board approves new bus routes for the spring term", "4 hours ago"],
            ["Fishermen say the new quotas will close two family boats", "6 hours ago"]]
    podcast = ["The Harbour Hour, episode 57: who pays for the sea wall?", "41 min"]
    opinion = [["Column: The sea wall is a promise the council cannot keep"],
               ["Letters: Readers on the bus routes, the bridge and the library", "By the letters editor"]]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in news for line in item),
                                             "Podcast", *podcast, "Opinion", *(line for item in opinion for line in item),
                                             "Advertisement", *FOOTER]))
    annotation = Preannotator().annotate(document)
    labels = labels_by_line(document, annotation)
    assert labels["Podcast"] == labels["Opinion"] == "boilerplate"
    assert front_items(document, annotation) == ["\n\n".join(item) for item in [*news, podcast, *opinion]]
    clip = ["Watch: the bridge's new span lowered into place overnight", "1:48", "5 hours ago"]
    document = Document.from_text(page_text([*NAV, "Latest", *(line for item in news[:2] for line in item),
                                             "Video", *clip, *news[2], "Podcast", *podcast, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert "Video\n\n" + "\n\n".join(clip) in front_items(document, annotation)


def test_a_newsletter_box_under_a_fronts_last_list_is_the_sites() -> None:
    """Guidelines 8.3: under a front's last list, with only the site's lines between, a box under an ad label of a
    heading and a sentence with no time over a button ("Die Abendpost aus der Region", "Die wichtigsten Meldungen
    des Tages …", "Eintragen") is the site's newsletter prompt, not an item; a lone item under its list's heading
    stays one."""
    news = [["Stadtrat beschließt neue Buslinie zum Klinikum", "vor 2 Stunden"],
            ["Hochwasser: Pegel an der Mulde sinkt langsam", "vor 3 Stunden"],
            ["Bäckerei am Markt schließt nach 90 Jahren", "vor 5 Stunden"]]
    box = ["Die Abendpost aus der Region", "Die wichtigsten Meldungen des Tages, jeden Abend um 18 Uhr."]
    lines = [*NAV, "Aktuell", *(line for item in news for line in item), "Mehr laden", "Anzeige"]
    document = Document.from_text(page_text([*lines, *box, "Eintragen", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in news]
    assert {labels_by_line(document, annotation)[line] for line in box} == {"boilerplate"}
    pick = ["Die Stadt und ihr Fluss: eine Reportage aus zehn Jahren Hochwasserschutz",
            "Wie Anwohner, Planer und Bauern an der Mulde mit dem Wasser leben lernen."]
    document = Document.from_text(page_text([*lines, "Empfehlung der Redaktion", *pick, "Mehr", *FOOTER]))
    assert "\n\n".join(pick) in front_items(document, Preannotator().annotate(document))


@pytest.mark.parametrize("count", ["Mostrando 1–3 de 1.482 resultados", "Menampilkan 1-3 dari 1482 hasil",
                                   "Показаны 1–3 из 1 482"])
def test_a_count_of_search_results_in_any_language_is_no_headline(count: str) -> None:
    """Guidelines 8.3: a search page's count of results, the range shown from the first result, a word and the total,
    is the site's line in any language, not an item over the results."""
    items = [["Obras do metrô atrasam seis meses na zona norte", "22 out. 2026"],
             ["Prefeitura anuncia nova linha de ônibus até o aeroporto", "15 out. 2026"],
             ["Tarifa do transporte público sobe em janeiro", "5 out. 2026"]]
    document = Document.from_text(page_text([*NAV, "Busca: transporte", count,
                                             *(line for item in items for line in item), "Próxima", *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert labels_by_line(document, annotation)[count] == "boilerplate"
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]


@pytest.mark.parametrize("byline, date, standfirst", [
    ("Von Erika Musterfrau, Kassel", "03.02.2025 – 08:40 Uhr", []),
    ("By Jane Doe, Leeds", "Tuesday 3 February 2025 08:40 GMT", []),
    # the writer's name and title over the date, and the standfirst without its full stop under the headline
    ("Jane Doe\n\nTransport Correspondent", "Tuesday 3 February 2025 08:40 GMT",
     ["The port authority now puts the cost at twice its spring figure and moves the opening to 2029"]),
])
def test_a_byline_and_date_over_the_headline_are_the_storys(byline: str, date: str, standfirst: list[str]) -> None:
    """Guidelines 8.1: a site printing the byline and the date over the headline (the clock after an en dash as well
    as a hyphen) prints the story's head there: the byline, the date, the headline and the standfirst are the story's,
    not the site's menu over them."""
    head = [*byline.split("\n\n"), date, "Harbour tunnel budget doubles as engineers find flooded shafts", *standfirst]
    document = Document.from_text(page_text([*NAV, "Politics", *head, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert labels["Politics"] == "boilerplate"


@pytest.mark.parametrize(("line", "cued"), [
    ("Lees ook: Het contract met „Havenbouw Noord”. Wat vonden de controleurs?", True),
    ("Skaitykite taip pat: Uosto rinkliavos pirmąjį ketvirtį augs 7 proc.", True),
    ("Jane Roe: The contract with „Harbour Works”. What did the auditors find?", False)])
def test_a_cued_headline_may_ask_or_close_on_an_abbreviated_unit(line: str, cued: bool) -> None:
    """Guidelines 8.2: after a cue in words and its colon, the headline of another story may ask its question or close
    on a number and its unit's abbreviation, whose stop ends no sentence ("… augs 7 proc."); after a speaker's name,
    whose words are all capitalised, a question is the interviewer's."""
    assert _cued_headline(features_of(line), line) is cued


def test_the_byline_under_the_photo_under_the_head_is_the_storys() -> None:
    """Guidelines 8.1 and 8.4: the run opening with the story's headline and standfirst, the photo under them -- its
    caption over its credit -- is the photo's, and the byline and date under it are the story's head still."""
    head = ["Harbour tunnel budget doubles as engineers find flooded shafts",
            "The port authority now puts the cost at twice its spring figure and moves the opening to 2029"]
    photo = ["Pumps at work in the tunnel's northern shaft on Tuesday", "Photo: Jane Roe/Harbour Daily"]
    byline = ["By John Doe and Mary Major, in Kirkhaven", "3 February 2025 08:40"]
    from annotation.preannotate.blocks import split_blocks
    from annotation.preannotate.zones import BlockEvidence, _headline_and_byline, content_score
    lines = [*NAV, *head, *photo, *byline, *STORY[3:]]
    blocks = split_blocks(page_text(lines))
    features = [features_of(block.text) for block in blocks]
    evidence = [BlockEvidence()] * len(blocks)
    scores = [content_score(f, block.text, e) for f, block, e in zip(features, blocks, evidence, strict=True)]
    chosen = _headline_and_byline(blocks, features, evidence, scores, len(NAV), None)
    assert [lines[index] for index in chosen] == byline


@pytest.mark.parametrize("credit", ["Kirkhaven Press Agency"])
def test_a_caption_over_a_bare_credit_under_the_head_is_the_photos(credit: str) -> None:
    """Guidelines 8.4: under the story's head, a photo's caption over its credit printed bare -- an agency's name,
    without "Photo:" -- is the photo's, not the story's first paragraph."""
    head = ["Harbour tunnel budget doubles as engineers find flooded shafts", "By John Doe", "3 February 2025 08:40"]
    photo = ["Pumps at work in the tunnel's northern shaft on Tuesday. The shaft flooded twice this winter.", credit]
    document = Document.from_text(page_text([*NAV, *head, *photo, *STORY[3:], *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head + STORY[3:]] == ["article"] * (len(head) + len(STORY) - 3)
    assert [labels[line] for line in photo] == ["boilerplate"] * 2


@pytest.mark.parametrize("heading", ["Pliaj novaĵoj el la regiono", "地域の最新記事"])
@pytest.mark.parametrize("spaced", [True, False])
def test_a_heading_in_any_words_over_a_story_pages_timed_list_is_no_item(heading: str, spaced: bool) -> None:
    """Guidelines 8.2: a promoted list repeats one layout, and a label on a line of its own above the list is the
    page's. Under a story, a heading in words no list knows stays out of the items of headlines with their times,
    whether the passes made it an item alone or the kicker of the first item (the plain text printed without blank
    lines); a first item showing a summary keeps its headline."""
    items = [["Stadtwerke erhöhen die Preise für Fernwärme im kommenden Jahr", "vor 2 Stunden"],
             ["Neue Radwege in der Innenstadt: Baustart im Frühjahr", "vor 5 Stunden"],
             ["Bibliothek verlängert die Öffnungszeiten am Wochenende", "gestern"]]
    separator = "\n\n" if spaced else "\n"
    document = Document.from_text(page_text([*NAV, *STORY, heading, *(line for item in items for line in item),
                                             *FOOTER], separator))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert labels_by_line(document, annotation)[heading] == "boilerplate"
    assert [span.text for span in annotation.spans if span.label == "teaser"] == [
        separator.join(item) for item in items]


def test_the_headline_over_a_summary_opening_a_story_pages_timed_list_stays_its_item() -> None:
    """Guidelines 8.2: the list's first item may show a summary the others do not (a sentence, or cut short with
    "…"); its headline over it is no heading, whatever its length."""
    from annotation.preannotate.zones import BOILERPLATE, TEASER, BlockLabel, _heading_over_timed_list

    for summary in ["Die Fernwärme wird im kommenden Jahr um ein Zehntel teurer.",
                    "Die Fernwärme wird im kommenden Jahr um ein Zehntel teurer, und die Stadt…"]:
        lines = ["Teilen", "Stadtwerke erhöhen die Preise", summary, "vor 2 Stunden",
                 "Neue Radwege in der Innenstadt: Baustart im Frühjahr", "vor 5 Stunden",
                 "Bibliothek verlängert die Öffnungszeiten am Wochenende", "gestern"]
        items = [(1, 3), (4, 5), (6, 7)]
        labels = [BlockLabel(BOILERPLATE, 0.6), *(BlockLabel(TEASER, 0.65, number)
                                                   for number, (first, last) in enumerate(items, 1)
                                                   for _ in range(first, last + 1))]
        assert not _heading_over_timed_list([features_of(line) for line in lines], labels, items)
        assert labels[1] == BlockLabel(TEASER, 0.65, 1)
    # the same shape with a headline in the middle: the first line is the list's heading
    lines[1:3] = ["Mehr aus der Region", "Stadtwerke erhöhen die Preise für Fernwärme im kommenden Jahr"]
    assert _heading_over_timed_list([features_of(line) for line in lines], labels, items)
    assert labels[1].label == BOILERPLATE and labels[2] == BlockLabel(TEASER, 0.65, 1)


def test_a_headline_and_a_short_line_under_a_story_pages_paired_list_are_one_more_item() -> None:
    """Guidelines 8.2: a promoted list repeats one layout. Under items of a headline and its time, a headline with a
    time in words no pattern knows (Esperanto "hieraŭ", yesterday) is the list's last item; the site's name over a
    capitalised link ("Impressum") under such a list is the page's footer."""
    items = [["Stadtwerke erhöhen die Preise für Fernwärme im kommenden Jahr", "antaŭ 2 horoj"],
             ["Neue Radwege in der Innenstadt: Baustart im Frühjahr", "antaŭ 5 horoj"],
             ["Bibliothek verlängert die Öffnungszeiten am Wochenende bis in den Abend", "hieraŭ"]]
    assert not features_of("hieraŭ").is_timestamp
    document = Document.from_text(page_text([*NAV, *STORY, "Related", *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == ["\n\n".join(item) for item in items]
    footer = ["Die Talpost – Tageszeitung für das Tal", "Impressum"]
    document = Document.from_text(page_text([*NAV, *STORY, "Related", *(line for item in items[:2] for line in item),
                                             *footer, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    assert [span.text for span in annotation.spans if span.label == "teaser"] == [
        "\n\n".join(item) for item in items[:2]]


@pytest.mark.parametrize("reading", ["Legotempo: 4 minutoj", "4 minutoj da legado", "Читање: 4 мин",
                                     "Lukuaika 4 min.", "4 min"])
def test_a_reading_time_in_words_no_pattern_knows_is_a_widget_and_the_date_over_it_stays(reading: str) -> None:
    """Guidelines 8.1: the reading time under the story's head is the site's widget in any language -- a number of
    minutes spelt from the symbol "min" -- not a time ago nor a line that only opens with those letters; and the story's
    date right over it, parted from the paragraphs by such widgets only, stays the story's when the short groups
    above the story are dropped."""
    from annotation.preannotate.blocks import Block
    from annotation.preannotate.zones import ARTICLE, BOILERPLATE, BlockLabel, _drop_islands, _tool_line

    assert _tool_line(features_of(reading), reading)
    for other in ["hace 5 minutos", "5 minut temu", "Minister 5 razy", "Ministerio: 5 obras"]:
        assert not _tool_line(features_of(other), other)
    lines = ["27 listopada 2026, 07:00", reading, "Ascolta", *STORY[3:]]
    blocks = [Block(index, 0, len(line), line) for index, line in enumerate(lines)]
    labels = [BlockLabel(ARTICLE, 0.7), BlockLabel(BOILERPLATE, 0.7), BlockLabel(BOILERPLATE, 0.7),
              *(BlockLabel(ARTICLE, 0.9) for _ in STORY[3:])]
    _drop_islands(blocks, [features_of(line) for line in lines], labels, [0.0] * len(lines), 0, len(lines))
    assert labels[0].label == ARTICLE
    labels[2] = BlockLabel(BOILERPLATE, 0.7)
    lines[2] = "Weather: sunny, 21 degrees, light wind from the west"  # no widget of the head: the date is dropped
    blocks[2] = Block(2, 0, len(lines[2]), lines[2])
    _drop_islands(blocks, [features_of(line) for line in lines], labels, [0.0] * len(lines), 0, len(lines))
    assert labels[0].label == BOILERPLATE


@pytest.mark.parametrize("label", ["TRIBUNAIS", "SALA DE AUDIÊNCIAS", "ΔΙΚΑΣΤΗΡΙΑ"])
def test_a_label_in_capitals_over_the_story_headline_is_the_sites(label: str) -> None:
    """Guidelines 8.1: a section's label above the headline is boilerplate, even right next to it -- in capitals, in
    any cased script, whatever the passes made of it; the headline under it and a dateline in capitals over the first
    paragraph stay the story's."""
    from annotation.preannotate.blocks import Block
    from annotation.preannotate.zones import ARTICLE, BlockLabel, _labels_over_headline

    lines = ["Notícias", label, "Ex-prefeito nega ter assinado os contratos do caso dos terrenos", "MADEIRA", *STORY[3:]]
    blocks = [Block(index, 0, len(line), line) for index, line in enumerate(lines)]
    labels = [BlockLabel("boilerplate", 0.9), *(BlockLabel(ARTICLE, 0.7) for _ in lines[1:])]
    assert _labels_over_headline(blocks, [features_of(line) for line in lines], labels, 1, len(lines)) == [1]
    document = Document.from_text(page_text([*NAV, label, *STORY, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels_found = labels_by_line(document, annotation)
    assert labels_found[label] == "boilerplate"
    assert [labels_found[line] for line in STORY] == ["article"] * len(STORY)


@pytest.mark.parametrize(("line", "story", "site"), [
    ("By Jane Doe | Share", "By Jane Doe", "| Share"),
    ("By Jane Doe · 3 min lugemist", "By Jane Doe", "· 3 min lugemist"),
    ("By Jane Doe Lesezeit: 4 Min.", "By Jane Doe", "Lesezeit: 4 Min."),
])
def test_a_head_line_ending_in_the_sites_tools_is_split_inside_the_line(line: str, story: str, site: str) -> None:
    """Guidelines 5 and 8.1: the story's byline or date line that ends in the site's tools -- a reading time in any
    words after a bar or a dot, one the patterns know with no mark before it, a tool word after a bar -- is split
    inside the line: the story's part is article, the tools (with their bar) boilerplate. A time ago ends no line
    in a tool."""
    blocks = [*NAV, STORY[0], line, *STORY[2:], *FOOTER]
    document = Document.from_text(page_text(blocks))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    zones = {span.text: span.label for span in annotation.spans if span.layer == "zone"}
    assert zones[story] == "article" and zones[site] == "boilerplate"
    from annotation.preannotate.zones import _tool_tail

    assert _tool_tail("Atualizado há 4 minutos") is None
    assert _tool_tail("Sessão suspensa por 15 minutos") is None


def test_a_date_line_the_site_got_whole_for_its_tools_is_split_under_the_story_byline() -> None:
    """Guidelines 5 and 8.1: a line the rules gave the site whole because of its tools, right under a line of the
    story, is split when what stands before the tools is the story's date or byline; not when it is none, nor when
    no line of the story stands above it."""
    from annotation.preannotate.blocks import Block
    from annotation.preannotate.zones import ARTICLE, BOILERPLATE, BlockLabel, tool_tails

    lines = ["By Jane Doe", "Updated March 3, 2024, 7:42 p.m. | 6 min lugemist", "Sport | Share",
             "Weather | 6 min lugemist"]
    blocks = [Block(index, 0, len(line), line) for index, line in enumerate(lines)]
    features = [features_of(line) for line in lines]
    labels = [BlockLabel(ARTICLE, 0.7), *(BlockLabel(BOILERPLATE, 0.7) for _ in lines[1:])]
    assert tool_tails(blocks, features, labels) == {1: lines[1].index("|")}
    labels[2] = BlockLabel(ARTICLE, 0.7)
    assert tool_tails(blocks, features, labels) == {1: lines[1].index("|"), 2: lines[2].index("|")}


def test_a_short_line_inside_a_group_under_an_items_time_or_count_is_the_next_items_kicker() -> None:
    """Guidelines 8.2: an item's kicker or badge is inside its extent. Inside a group of lines (a plain text parts a
    front's sections by blank lines) a short line right under an item's closing line -- its time, or its comment
    count in any format -- is the kicker of the item under it, even where the next item shows the same layout without
    one (which, opening a group, would make it a section's heading)."""
    kicker = "Insight"
    timed = [["Ferry crossing reopens after two weeks of repairs to the landing", "2 hours ago"],
             [kicker, "Why the harbour dredging plan keeps slipping", "3 hours ago"],
             ["Library extends its evening hours through the winter", "4 hours ago"],
             ["Farmers’ market moves indoors for the cold months", "6 hours ago"]]
    counted = [["Water main break leaves the old quarter without supply overnight", "1 hour ago", "Comments (41)"],
               [kicker, "The bypass nobody asked for, ten years on", "5 hours ago", "Comments (7)"],
               ["School buses rerouted while the bridge is inspected", "8 hours ago", "Comments (12)"]]
    groups = [GROUPED_HEAD, [line for item in timed for line in item], [line for item in counted for line in item],
              GROUPED_FOOT]
    document = Document.from_text(grouped_text(groups))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in (*timed, *counted)]


def test_a_bare_headline_sharing_its_group_with_items_with_summaries_is_an_item() -> None:
    """Guidelines 8.2: a teaser with only a headline is still a teaser. In a plain text's group of lines, a headline
    alone over items with their summaries (the group's first item, or one between two of them) is an item, not a
    sub-menu over the next headline; a list's heading in a group of its own over such items stays the page's."""
    bare = "Shipping rates climb for a fifth straight week"
    summarised = [["Port authority approves night shifts for the container cranes",
                   "The change takes effect in March and adds forty jobs at the terminal."],
                  ["Grain exports slow as the river runs low on the upper reaches",
                   "Barges are loading a third less than usual, traders said."]]
    heading = "Latest stories from the harbour desk"
    further = [["Ferry operator orders two electric boats for the estuary crossing",
                "The first is due to enter service in the autumn of next year."],
               ["Dock workers vote on a new pay offer after weeks of talks",
                "The union will announce the result on Friday afternoon."]]
    groups = [GROUPED_HEAD, ["Markets", bare, *(line for item in summarised for line in item)], [heading],
              [line for item in further for line in item], GROUPED_FOOT]
    document = Document.from_text(grouped_text(groups))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [bare, *("\n".join(item) for item in (*summarised, *further))]
    labels = labels_by_line(document, annotation)
    assert labels["Markets"] == labels[heading] == "boilerplate"


@pytest.mark.parametrize("items", [
    [["Ferry crossing reopens after two weeks of repairs to the landing", "2 hours ago"],
     ["Library extends its evening hours through the winter", "4 hours ago"],
     ["Farmers’ market moves indoors for the cold months"]],
    [["Snow closes the mountain pass for the first time this season"],
     ["Cranes return to the wetlands earlier than last year"]]])
def test_a_bare_headline_closing_a_group_of_items_is_the_lists_last_item(items: list[list[str]]) -> None:
    """Guidelines 8.2: a teaser with only a headline is still a teaser. A plain text parts its lists by blank lines:
    a headline alone as the last line of a group, right under an item of that group (with its time, or a headline
    alone itself, under the group's heading), is the list's last item, not a line of the page."""
    groups = [GROUPED_HEAD, ["Around the valley", *(line for item in items for line in item)], GROUPED_FOOT]
    document = Document.from_text(grouped_text(groups))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in items]


@pytest.mark.parametrize(("head", "headline"), [
    (["Topic", "Housing"], "Harbour rents climb for the sixth month in a row as students return"),
    (["Show", "Harbour Talk"], "Episode 212. Why are harbour rents still climbing after six months?")])
def test_a_fronts_introduction_over_its_first_items_summary_makes_no_story(head: list[str], headline: str) -> None:
    """Guidelines 8.5: a tag page or a show's page has no main story. Its introduction (one paragraph) and the first
    item's summary under it, parted by the item's headline (one that scores as prose too, of two sentences: "Episode
    212. Why …?", under the show's links and the list's heading), are no story's body when the item's date under the
    summary opens the page's list of dated items."""
    intro = ("Every story about rents, housing and the people looking for a home along the harbour, gathered in one "
             "place and updated through the day by our reporters.")
    summary = ("The council's figures show that the rise slowed in the suburbs but sped up in the streets near the "
               "university campus, where most new tenants are students.")
    parting = ["Listen: Podcasts | Radio", "All episodes"] if headline.startswith("Episode") else []
    items = [[headline, summary, "12 Nov 2026, 09:14"],
             ["Landlords face new inspection rules from January", "11 Nov 2026, 18:40"],
             ["Why the old docks may become student flats", "The plan needs a change of zoning first.",
              "10 Nov 2026, 07:02"],
             ["Tenants' union calls for a rent freeze at the harbour", "9 Nov 2026, 16:30"]]
    document = Document.from_text(page_text([*NAV, *head, intro, *parting, *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    found = front_items(document, annotation)
    assert found[-3:] == ["\n\n".join(item) for item in items[1:]]
    # (the list's heading over the first item is left to the item rules)
    assert found[-4].endswith("\n\n".join(items[0]))
    assert labels_by_line(document, annotation)[intro] == "boilerplate"


def test_a_home_pages_lead_item_closed_by_its_comment_count_makes_no_story() -> None:
    """Guidelines 8.5: a home page has no main story. Its lead item -- a headline, one paragraph of summary, the
    writer, then its comment count in place of a time, right over the next item's headline -- is a teaser: a story
    prints no comment count between its first paragraph and another headline."""
    lead = ["Harbour board ‘ignored every warning,’ auditor tells council as dredging inquiry opens",
            "The auditor says the board was told three times that the channel survey was out of date, and that the "
            "contract was signed before the engineers had reported back to the committee in charge.",
            "By Ann Lee", "41 comments"]
    items = [["Night market returns to the old rail yards for the winter", "By Tom Hart"],
             ["Library extends its evening hours through the exam season", "By Ann Lee"],
             ["Why the water bill is rising again this year", "By Ruth Kane"]]
    document = Document.from_text(page_text([*NAV, "Top Stories", *lead, *(line for item in items for line in item),
                                             *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in (lead, *items)]


@pytest.mark.parametrize("headings", [["Markets", "Housing", "Energy"], ["Pasar", "Perumahan", "Energi"]])
def test_a_sections_name_under_a_headed_run_of_items_heads_the_next_run_without_blank_lines(
        headings: list[str]) -> None:
    """Guidelines 8.2 and 8.3: a front that parts its lists into sections by short lines alone (no blank line) heads
    each section as it headed the one above. A short line right under a run of items without kickers, itself headed
    by a short line, over two items or more without kickers, is the next section's heading (boilerplate) -- not the
    kicker of the first item under it, whose layout (headline, summary, time) differs from the items under it."""
    sections = [
        [["Central bank holds rates for a third month as inflation cools", "2 hours ago"],
         ["Bond yields slip after weaker retail figures from the provinces", "3 hours ago"],
         ["Copper exporters report their best quarter since the pandemic", "5 hours ago"]],
        [["Rents in the capital climb 14 percent in a year, survey finds",
          "Tenants in the northern districts saw the steepest rises as new building stalled…", "Yesterday"],
         ["Deposit loans for first-time buyers raised to a new ceiling", "Yesterday"],
         ["Work halts on twelve thousand flats in the eastern new town", "2 days ago"]],
        [["Winter fuel quota to be topped up at midnight", "4 hours ago"],
         ["Gas exports to the neighbouring grid resume after repairs", "Yesterday"]]]
    blocks = [*NAV, "Business"]
    for heading, items in zip(headings, sections, strict=True):
        blocks += [heading, *(line for item in items for line in item)]
    blocks += ["Advertisement", *FOOTER]
    document = Document.from_text(page_text(blocks, separator="\n"))
    annotation = Preannotator().annotate(document)
    labels = labels_by_line(document, annotation)
    assert [labels[heading] for heading in headings] == ["boilerplate"] * 3
    assert front_items(document, annotation) == ["\n".join(item) for items in sections for item in items]


@pytest.mark.parametrize("box", [["Partner", "Tired of card debt? Here is how to pay it off in one go", "Lendwise"],
                                 ["广告", "退休存款不够用？三个步骤建立每月收入组合", "海湾投资"]])
def test_a_promoted_storys_copy_of_two_sentences_between_two_labels_is_one_item_with_them(box: list[str]) -> None:
    """Guidelines 8.2: a promoted story's badge, sponsor and advertiser are inside its item. Its copy, of two
    "sentences", between a label over it and an advertiser's name under it, under the box's heading, is one item
    with them; the box's heading is the page's, and a newsletter's line whose stop is an abbreviation's before a
    number ("approx. 6.30") between the box's heading and its button is no item."""
    items = [["Harbour bridge to close for two nights of repairs", "2 hours ago"],
             ["Night ferry timetable extended through the winter", "3 hours ago"],
             ["Stadium roof plan goes back to the council", "5 hours ago"]]
    promo = ["Morning Briefing", "The day's top stories in your inbox at approx. 6.30", "Sign up"]
    blocks = [*NAV, *(line for item in items for line in item), "Sponsored content", *box, *promo, *FOOTER]
    document = Document.from_text(page_text(blocks, separator="\n"))
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n".join(item) for item in [*items, box]]
    assert labels_by_line(document, annotation)["Sponsored content"] == "boilerplate"


@pytest.mark.parametrize("prompt", [
    ["Telli meie hommikune uudiskiri täna tasuta", "Kõige olulisemad uudised otse sinu postkasti igal hommikul.",
     "Telli"],
    ["Pobierz naszą aplikację mobilną na telefon", "Powiadomienia o najważniejszych wydarzeniach z regionu.",
     "Adres e-mail", "Pobierz"],
    ["আমাদের নিউজলেটারে যোগ দিন", "প্রতিদিন সকালে সবচেয়ে গুরুত্বপূর্ণ খবর সরাসরি আপনার ইমেইলে।", "ইমেইল ঠিকানা লিখুন",
     "সাবস্ক্রাইব করুন", "আমাদের অনুসরণ করুন", "ফেসবুক", "ইউটিউব"],
    ["Sjáðu fleiri myndbönd frá fréttastofunni í dag"],
    ["Fylgdu okkur á samfélagsmiðlum alla daga vikunnar"]])
def test_a_group_of_a_prompt_over_the_pages_lines_or_of_one_line_alone_is_no_item(prompt: list[str]) -> None:
    """Guidelines 8.2 and 8.3: a front's plain text shows each list and each of the page's boxes as a group of lines.
    A group opening with a headline-shaped line and a blurb that no time closes, over the page's own lines (an e-mail
    field, a button), is a newsletter's or an app's prompt, and a line alone in its group ("load more", "follow us")
    heads no list and repeats no layout of its neighbours: neither promotes an article, in any words; the timed items
    of the lists above stay items, and so does a lone headline under a heading."""
    news = [["Harbour tunnel budget doubles as engineers find flooded shafts", "2 hours ago"],
            ["Council approves the new bus lane on the ring road", "4 hours ago"],
            ["Local bakery wins the national bread prize for the third time", "6 hours ago"]]
    sport = [["Rowing club takes the regional cup after a twenty-year wait", "Yesterday 18:40"],
             ["Ice rink reopens with a new cooling plant and longer hours", "Yesterday 09:15"]]
    lines = [*NAV, "", "Latest", *(line for item in news for line in item), "", "Sport",
             *(line for item in sport for line in item), "", "Editor's pick",
             "Why the old ferry terminal should become a library", "", "1 | 2 | 3 | Next", "", *prompt, "",
             "About us | Contact | Privacy", "© 2026 Example News"]
    document = Document.from_text(page_text(lines, separator="\n"))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert {labels[line] for line in prompt} == {"boilerplate"}
    assert {labels[line] for item in news + sport for line in item} == {"teaser"}
    assert labels["Why the old ferry terminal should become a library"] == "teaser"


@pytest.mark.parametrize("day", ["Onsdag 25. november", "Miércoles, 25 de noviembre", "Mercoledì 25 novembre 2026"])
@pytest.mark.parametrize("clock_first", [True, False])
def test_a_date_line_parting_a_list_of_clock_timed_items_by_day_is_the_pages(day: str, clock_first: bool) -> None:
    """Guidelines 8.2: date lines that part a list of items by day are boilerplate. A ticker whose items show a time
    of day alone (opening the headline, or under it) prints each day once, on a line of its own: a date with no clock
    between runs of clock-timed items, in any language, heads the day's items and belongs to none of them -- while
    in a video list, where each item shows its running time and its own date, each date is its item's."""
    heads = ["Harbour tunnel budget doubles as engineers find flooded shafts",
             "Council approves the new bus lane on the ring road",
             "Local bakery wins the national bread prize for the third time",
             "Ferry timetable changes from Monday after the crew shortage",
             "Rowing club takes the regional cup after a twenty-year wait",
             "Ice rink reopens with a new cooling plant and longer hours"]
    clocks = ["21:40", "20:15", "18:02", "23:30", "22:45", "19:10"]
    ticker = [[f"{clock} {head}"] if clock_first else [head, clock] for clock, head in zip(clocks, heads)]
    videos = [["Storm surge floods the old harbour overnight", "2:41", "24 November"],
              ["Inside the new cooling plant of the ice rink", "1:55", "23 November"],
              ["The bakery prize: how the winning loaf is made", "3:12", "22 November"]]
    lines = [*NAV, "", "Latest", *(line for item in ticker[:3] for line in item), day,
             *(line for item in ticker[3:] for line in item), "", "Videos", *(line for item in videos for line in item),
             "", *FOOTER]
    document = Document.from_text(page_text(lines, separator="\n"))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert labels[day] == "boilerplate"
    items = [span.text for span in annotation.spans if span.label == "teaser"]
    assert all("\n".join(item) in items for item in ticker + videos)


@pytest.mark.parametrize("semantic", [True, False])
def test_on_the_html_path_a_fronts_cards_each_opening_with_their_one_link_are_items_however_short(
        semantic: bool) -> None:
    """Guidelines 8.5 and 8.2 by the markup: on a front, a list of cards that each open with their one linked line --
    a show's name over its schedule, a photo's title over its credit, too short for any headline's shape -- promotes
    the pages it links to, one item per card, in heading elements or in div soup; a header's row whose lines all
    link (the site's name beside "Log in") is no such list, and the lists' headings stay the page's."""
    shows = [["Kalaturu", "Iga esmaspäev"], ["Spordisaade", "Iga neljapäev"], ["Ajalootund", "Iga laupäev"]]
    latest = [["Harbour tunnel budget doubles as engineers find flooded shafts", "2 hours ago"],
              ["Council approves the new bus lane on the ring road", "4 hours ago"],
              ["Local bakery wins the national bread prize for the third time", "6 hours ago"]]
    title = ("<h3 class='t'><a href='/s/{i}'>{name}</a></h3>" if semantic
             else "<div class='t'><a href='/s/{i}'>{name}</a></div>")

    def cards(items: list[list[str]], offset: int) -> str:
        return "".join(f"<div class='card'>{title.format(i=offset + i, name=name)}<div class='meta'>{line}</div></div>"
                       for i, (name, line) in enumerate(items))

    heading = "h2" if semantic else "div"
    html = ("<html><body><div class='top'><div class='row'><div><a href='/'>Harbour Radio</a></div>"
            "<div><a href='/login'>Log in</a></div></div><div class='row'><div><a href='/news'>News</a></div>"
            "<div><a href='/shows'>Shows</a></div></div></div>"
            f"<div class='main'><{heading} class='h'>Latest</{heading}><div class='list'>{cards(latest, 0)}</div>"
            f"<{heading} class='h'>Other shows</{heading}><div class='list'>{cards(shows, 10)}</div></div>"
            "<div class='foot'>© 2026 Harbour City Public Radio</div></body></html>").encode()
    labels = html_labels(html, "shows.html", Preannotator())
    page = parse_html(html, "shows.html")
    document = Document.from_text(page.text, url=page.url, title=page.title)
    annotation = Preannotator().annotate(document, html=page)
    items = [span.text for span in annotation.spans if span.label == "teaser"]
    assert all("\n\n".join(show) in items for show in shows)
    assert all("\n\n".join(item) in items for item in latest)
    assert {labels[line] for line in ["Harbour Radio", "Log in", "News", "Shows", "Other shows"]} == {"boilerplate"}


def test_a_front_that_parts_every_line_by_a_blank_line_keeps_its_items() -> None:
    """Some scrapers print every block of a page as a paragraph of its own: each line of an item -- its headline, its
    summary, its time, its comment count -- then stands in a group of one line. Such a line is part of an item that
    goes on in the next group, not a prompt or a "load more" line alone in its group (guidelines 8.2: one teaser per
    promoted item, with its headline, summary and time)."""
    items = [["Grid operator warns of higher power bills for households from January",
              "The average bill could rise by nine euros a month, the company says.", "12 November 2026, 14:05",
              "37 comments"],
             ["Record late season: more overnight stays in October than in June", "11 November 2026, 17:30"],
             ["Harbour gets a new passenger terminal, works start in February",
              "The investment of 38 million euros is mostly paid from European funds.", "10 November 2026, 09:12",
              "5 comments"],
             ["Why next year's budget depends on the price of gas more than ever", "8 November 2026, 08:00"]]
    most_read = ["Fire brigade fights a forest fire on the hill all night", "Football club signs a defender from Belgium",
                 "These are the best rated bakeries in the city"]
    lines = [*NAV, "Jane Roe", "Jane Roe has written about energy and the economy since 2014.",
             "Articles by the author (412)", *(line for item in items for line in item)]
    # the page's lists and footer below, printed as groups of lines: the blank lines part the page's groups there
    text = "\n\n".join(lines) + "\n\n" + "\n".join(["Most read", *most_read]) + "\n\n" + "\n".join(
        ["About us | Contact | Privacy", "© 2026 Example News"]) + "\n"
    document = Document.from_text(text)
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items] + most_read


@pytest.mark.parametrize("counter", ["12 comments", "3.456 Aufrufe", "Kommentare (12)", "45 टिप्पणियाँ", "Yorumlar (7)"])
def test_a_counter_by_the_story_head_is_the_sites_in_any_language(counter: str) -> None:
    """Guidelines 8.1: a comment, share or view counter under the byline is a site widget, in any language: one
    number and one word, the number first or bracketed after the word. A date of that shape ("12 March") or a label
    with no count ("Comments") is not a counter."""
    from annotation.preannotate.zones import _tool_line

    assert _tool_line(features_of(counter), counter)
    for other in ["12 March", "Comments", "Room 101", "2 forni elettrici", "10 p.m.", "2020 Elections"]:
        assert not _tool_line(features_of(other), other)
    lines = [*STORY[:3], counter, *STORY[3:]]
    document = Document.from_text(page_text([*NAV, *lines, *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert labels[counter] == "boilerplate"
    assert all(labels[line] == "article" for line in STORY)


def test_the_heads_byline_and_date_over_a_caption_stay_the_storys() -> None:
    """Guidelines 8.1: the story's byline and date, parted from its first paragraph only by what a head shows there
    -- another date the rules took out, a photo's caption, a comment counter -- are its head, however few their words;
    a line of another kind between them (a weather box) parts them from the story."""
    from annotation.preannotate.blocks import Block
    from annotation.preannotate.zones import ARTICLE, BOILERPLATE, BlockLabel, _drop_islands

    between = ["Updated 12 March 2031, 11:02", "The harbour at dawn on Tuesday. Photograph: Ana Lind/Example"]
    for middle, kept in [(between, True), (["4 comments", between[1]], True),
                         (["Weather: sunny, 21 degrees, light wind from the west", between[1]], False)]:
        lines = ["By Jane Roe", "12 March 2031, 09:40", *middle, *STORY[3:]]
        blocks = [Block(index, 0, len(line), line) for index, line in enumerate(lines)]
        labels = [BlockLabel(ARTICLE, 0.7), BlockLabel(ARTICLE, 0.7), BlockLabel(BOILERPLATE, 0.7),
                  BlockLabel(BOILERPLATE, 0.7), *(BlockLabel(ARTICLE, 0.9) for _ in STORY[3:])]
        _drop_islands(blocks, [features_of(line) for line in lines], labels, [0.0] * len(lines), 0, len(lines))
        assert [labels[0].label, labels[1].label] == [ARTICLE, ARTICLE] if kept else [BOILERPLATE, BOILERPLATE], middle


def test_a_box_of_key_figures_under_or_inside_the_story_is_the_storys() -> None:
    """Guidelines 6 step 2: a box of figures the story prints -- a short heading, then lines that each open with a
    number and what it counts ("410 empleados a finales de 2025", "1,2 mld zł – …") -- is the story's, under its last
    paragraph or between two of them, as a box of labelled facts is; a list of links in title case whose headlines
    open with a number ("15 Amazing Images of Stars") is not."""
    box = ["Las cifras", "410 empleados a finales de 2025", "140 puestos suprimidos, 95 de ellos en producción",
           "11 millones de francos de beneficio neto en 2025"]
    for lines in ([*STORY, *box], [*STORY[:5], *box, *STORY[5:]]):
        document = Document.from_text(page_text([*NAV, *lines, *FOOTER]))
        labels = labels_by_line(document, Preannotator().annotate(document))
        assert all(labels[line] == "article" for line in [*STORY, *box]), labels
    links = ["15 Amazing Images of Stars", "11 Fascinating Facts About Our Milky Way Galaxy"]
    document = Document.from_text(page_text([*NAV, *STORY, *links, *FOOTER]))
    labels = labels_by_line(document, Preannotator().annotate(document))
    assert all(labels[line] != "article" for line in links)


@pytest.mark.parametrize("box", [["Přečtěte si také:", "Starosta slibuje nový most do konce roku", "12. března 2024"],
                                 ["Okuyun", "Belediye meclisi köprü ihalesini yeniden açtı",
                                  "Valilik bütçe görüşmelerini ertelediğini açıkladı"],
                                 ["【関連】", "市議会、新しい橋の建設費を可決　反対派は住民投票を要求"]])
def test_a_box_of_links_between_the_storys_paragraphs_is_a_cue_over_teasers(box: list[str]) -> None:
    """Guidelines 8.2: a cue on a line of its own between the story's paragraphs ("Read also", in any language or
    script), over one or two headlines, each with its date or none, then the story's next paragraph: the cue is a
    label over the list (boilerplate), each headline with its date one teaser; a sub-heading of the story with its
    paragraph right under it stays the story's."""
    subheading = "Reakce opozice"
    lines = [*STORY[:4], *box, STORY[4], subheading, *STORY[5:]]
    document = Document.from_text(page_text([*NAV, *lines, *FOOTER]))
    annotation = Preannotator().annotate(document)
    labels = labels_by_line(document, annotation)
    assert labels[box[0]] == "boilerplate"
    assert all(labels[line] == "teaser" for line in box[1:])
    assert all(labels[line] == "article" for line in [*STORY, subheading])
    teasers = [span.text for span in annotation.spans if span.label == "teaser"]
    heads = [line for line in box[1:] if not features_of(line).is_timestamp]
    assert len([text for text in teasers if any(text.startswith(head) for head in heads)]) == len(heads)


@pytest.mark.parametrize("bio", ["Jane Doe is the Courier's city hall reporter. She has covered local politics since 2014.",
                                 "Jane Doe – reporterka działu miejskiego, od 2014 roku pisze o samorządzie i transporcie."])
def test_the_writers_bio_under_the_story_is_the_sites(bio: str) -> None:
    """Guidelines 8.3: an author profile under the story -- prose opening with the name its byline gives -- is
    boilerplate, in any language; the story's credit line naming someone ("Jane Doe contributed reporting.") and a
    last paragraph naming someone else stay the story's."""
    for last, expected in [(bio, "boilerplate"), ("Jane Doe contributed reporting from the council chamber.", "article"),
                           ("John Smith is the council's longest-serving member and voted against the bridge.",
                            "article")]:
        document = Document.from_text(page_text([*NAV, *STORY, last, *FOOTER]))
        labels = labels_by_line(document, Preannotator().annotate(document))
        assert labels[last] == expected, last
        assert all(labels[line] == "article" for line in STORY)


def test_a_list_printed_line_by_line_closes_each_item_with_its_time() -> None:
    """Guidelines 8.2 and 8.1: a list repeats one layout and an item's time is the item's. A text that parts every
    line by a blank line (scrapers that print each block as a paragraph) shows no groups, but the list still shows
    its layout as a whole: it opens with a headline and ends with a time, so each time closes the item above it, the
    time under a video's length too (read line by line, the length closed the video's item and every time under it
    opened the next one)."""
    items = [["Ferry services resume after two days of storms on the northern route", "24 Nov 2026, 17:42"],
             ["City council approves the new cycling lanes along the river by one vote",
              "The lanes will be built in three stages, the first next spring.", "24 Nov 2026, 17:15"],
             ["Video", "Watch: the old grain silo comes down in seven seconds", "2:14", "24 Nov 2026, 16:58"],
             ["University hospital opens a second emergency entrance on the west side", "24 Nov 2026, 16:30"],
             ["Bakers' strike: half of the shops in the centre stay shut on Friday", "23 Nov 2026, 16:02"],
             ["Tram line 4 closed for repairs between the station and the harbour", "23 Nov 2026, 15:40"]]
    lines = [*NAV, *(line for item in items for line in item), "Page 1 of 14", *FOOTER]
    document = Document.from_text("\n\n".join(lines) + "\n")
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation)[:len(items)] == ["\n\n".join(item) for item in items]


def test_a_date_over_a_list_printed_line_by_line_is_its_day_line() -> None:
    """Guidelines 8.2 and 8.3: a date with no time of day over a list whose items each close with a time of day is
    the list's day line, the page's, not part of the first item; the short line with a number between a headline
    and its time (a video's length) is the item's. Printed with every line parted by a blank line, the date read as
    the first item's opening line and every time under it as the next item's."""
    # (a script with no spaces between words: each headline reads as a line of few words, and only the layout says
    # where an item ends)
    day = "11月24日 星期二"
    items = [["[本地] 北线渡轮在两天风暴后恢复运行", "17:42"],
             ["[城市] 市议会以一票之差通过沿河自行车道方案", "17:15"],
             ["[视频] 旧粮仓七秒内被拆除", "时长 02:14", "16:58"],
             ["[健康] 大学医院西侧开设第二个急诊入口", "16:30"],
             ["[交通] 四号电车线因维修暂停运营", "16:02"]]
    lines = [*NAV, day, *(line for item in items for line in item), *FOOTER]
    document = Document.from_text("\n\n".join(lines) + "\n")
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == ["\n\n".join(item) for item in items]
    assert labels_by_line(document, annotation)[day] == "boilerplate"


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_a_search_results_section_between_its_summary_and_its_time_is_inside_it(separator: str) -> None:
    """Guidelines 8.2: a search result's section is inside its item also where it stands between the summary and the
    time (results with and without a summary mixed), whether the page parts its results by blank lines or prints each
    line as a paragraph of its own; a badge over a result whose layout a result further up already showed ("Video"
    over a result without a summary, under one with a summary) is that result's own, no heading of the results under
    it."""
    items = [["Harbour cranes idle as dockers vote on the new pay offer", "Business", "12 March 2026"],
             ["Analysis: Why night trains return to the coast line after two years",
              "Operators will run four sleepers a week from the spring. What changed?", "Travel", "11 March 2026"],
             ["Library opens its doors on Sundays from next month", "Culture", "10 March 2026"],
             ["Court halts the permit for a warehouse by the ring road",
              "The judges found the traffic study behind the project was not done well enough.", "Region",
              "8 March 2026"],
             ["Video", "Watch: tram drivers rehearse the new night timetable", "Transport", "9 March 2026"],
             ["Fishing fleet stays in port as the storm warning holds", "Coast", "7 March 2026"]]
    head = [*NAV, "Search", "86 results for 'harbour'", "Sort by: Relevance | Date"]
    if separator == "\n":
        text = "\n\n".join(["\n".join(head), "\n".join(line for item in items for line in item), "\n".join(FOOTER)])
    else:
        text = separator.join([*head, *(line for item in items for line in item), *FOOTER])
    document = Document.from_text(text + "\n")
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [separator.join(item) for item in items]


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_a_headline_naming_the_reporter_and_asking_a_question_opens_its_own_search_result(separator: str) -> None:
    """Guidelines 8.2: a headline that names the reporter ("记者走访：…为何…？", the reporter's visit) and asks a
    question is the next result's headline, not the byline of the result above: a byline asks nothing."""
    items = [["江城出台新规：公交夜班线路延长至凌晨两点", "新规明确，夜班线路将覆盖主要居住区和医院，首批十二条线路下月开通……",
              "本地", "2026-03-12 09:12"],
             ["老旧小区加装电梯今年完成三百台 居民如何申请？", "申请须经本单元三分之二以上业主同意，街道提供全程帮办服务……", "民生",
              "2026-03-11 17:40"],
             ["城东菜市场改造完工 周末重新开门迎客", "本地", "2026-03-10 20:05"],
             ["记者走访：老城区租金为何持续上涨？", "多个小区的租金比去年同期上涨一成以上，中介称需求主要来自新入职的年轻人……", "民生",
              "2026-03-08 14:26"],
             ["江城地铁三号线试运行 首日客流超过五万", "交通", "2026-03-06 08:30"]]
    head = ["首页", "新闻", "财经", "体育", "搜索", "搜索结果：租金", "共找到 326 条相关结果"]
    footer = ["关于我们", "联系我们", "© 2026 江城日报 版权所有"]
    if separator == "\n":
        text = "\n\n".join(["\n".join(head), "\n".join(line for item in items for line in item), "\n".join(footer)])
    else:
        text = separator.join([*head, *(line for item in items for line in item), *footer])
    document = Document.from_text(text + "\n")
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [separator.join(item) for item in items]


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_an_opinion_boxs_writers_of_four_word_names_close_their_items(separator: str) -> None:
    """Guidelines 8.2: each headline of an opinion box with its writer's name under it is one item, also where the
    names are of four words (two given names and two family names, as many languages write them), whether the page
    parts its boxes by blank lines or prints each line as a paragraph of its own."""
    news = [["Harbour tunnel budget doubles as engineers find flooded shafts", "2 hours ago"],
            ["Council approves the new bus lane on the ring road", "4 hours ago"],
            ["Local bakery wins the national bread prize for the third time", "6 hours ago"]]
    opinion = [["Why the old ferry terminal should become a library", "Ana María Ruiz Soto"],
               ["Our schools need fewer tests and more teachers", "Nguyen Thi Thu Ha"],
               ["The ring road will not cure the city's traffic", "Juan Carlos Pérez Gil"]]
    groups = [NAV, ["Latest", *(line for item in news for line in item)],
              ["Opinion", *(line for item in opinion for line in item)], FOOTER]
    if separator == "\n":
        text = "\n\n".join("\n".join(group) for group in groups)
    else:
        text = separator.join(line for group in groups for line in group)
    document = Document.from_text(text + "\n")
    annotation = Preannotator().annotate(document)
    assert front_items(document, annotation) == [separator.join(item) for item in news + opinion]


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_the_headline_over_the_standfirst_over_the_byline_is_the_storys_on_the_text_path(separator: str) -> None:
    """Guidelines 8.1: a head in its order -- headline, the standfirst (longer, in sentences), then the byline and
    date -- has its headline the story's whatever the model made of it, also where the rules do not read the byline
    (a name with its title in lower case); the section's kicker over the head and the share button and photo caption
    between the head and the first paragraph are not the story's."""
    head = ["‘Nobody listened to us’, harbour workers say as talks collapse",
            "Talks over the new shift rota broke down after eleven hours, leaving the container quay idle for a "
            "second day"]
    tools = ["Share", "The empty container quay on Monday morning. Photo: Karl Berg"]
    lines = [*NAV, "Port news", *head, "Mara Lindqvist, port correspondent", "4 March 2024 09:15", *tools,
             *STORY[3:], *FOOTER]
    document = Document.from_text(page_text(lines, separator))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in head] == ["article"] * len(head)
    assert [labels[line] for line in ["Port news", *tools]] == ["boilerplate"] * 3
