"""DOM evidence for the zone classifier on HTML pages.

Each block of ``corpus.html.HtmlPage`` keeps the element it came from; from it and its ancestors come
signals a plain-text rendering has lost: page furniture containers (``nav``, ``footer``, ``aside``,
``form`` and elements whose class or id says navigation, sharing, comments, related links, ...), story
containers (``article``, ``main``, ``itemprop=articleBody``, ``*article-body*`` classes), headings, link
density, and the page's own schema.org ``articleBody`` (JSON-LD) when it publishes one. They become a
content prior per block, added to the text-shape score, so the same classifier decides on both paths. After
it, the markup settles what the lines' shapes cannot: the lines of one repeated card are one teaser item
(``card_items``), and a caption, credit or sign-up box's lines are boilerplate (``marked_boilerplate``).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from annotation.preannotate.blocks import Block
from annotation.preannotate.features import features_of, normalised
from annotation.preannotate.zones import ARTICLE, BOILERPLATE, TEASER, BlockEvidence, BlockLabel

if TYPE_CHECKING:
    from corpus.html import HtmlPage

FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "form", "menu", "button", "select", "label"})
STORY_TAGS = frozenset({"article", "main"})
_FURNITURE_CLASS_RE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|footer|sidebar|side-bar|rail|related|recommended|recommendations|"
    r"promo|promos|share|sharing|social|comments?|newsletter|subscribe|subscription|signup|cookie|consent|"
    r"banner|advert|advertisement|ads?|breadcrumbs?|trending|popular|most-read|outbrain|taboola|widget|"
    r"more-stories|read-more|teaser|teasers|card|cards|tags|topics|masthead|skip|modal|popup|toolbar|"
    r"author-bio|disclaimer|copyright|legal|paywall|sponsor|sponsored)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_STORY_CLASS_RE = re.compile(
    r"(?:article|story|post|entry|content|main)[-_]?(?:body|text|content|copy)|articlebody|body-?copy|"
    r"(?:^|\s)(?:article|story)(?:$|\s)",
    re.IGNORECASE,
)
_WRAPPER_RE = re.compile(r"wrap|wrp|container|layout|content|main|body|page|grid|col", re.IGNORECASE)
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "menu", "search"})
WRAPPER_SHARE = 0.5
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

FURNITURE_PRIOR = 6.0
STORY_PRIOR = 4.0
ARTICLE_BODY_PRIOR = 12.0
# The headline hint of a line inside page furniture (the page's <h1> excepted, unless an <aside>, <nav>, ...
# holds it): below what an echo of the title and a headline's shape add (zones._headline_and_byline), so the search
# for the story's headline passes it by.
FURNITURE_HEADLINE = -4.0
MIN_ARTICLE_BODY_CHARS = 300
_TAG_RE = re.compile(r"<[^<>]*>")
_TRUNCATED_BODY_RE = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")


def _furniture_name(names: str) -> bool:
    """A class or id token naming furniture, unless it names a wrapper around the page's content too."""
    return any(_FURNITURE_CLASS_RE.search(token) and not _WRAPPER_RE.search(token) for token in names.split())


@lru_cache(maxsize=1 << 14)
def _marks_by_name(tag: str, class_: str, id_: str, itemprop: str | None, role: str | None) -> tuple[bool, bool]:
    """(furniture, story) from the element's tag and attributes (cached: pages repeat their class names)."""
    names = f"{class_} {id_}"
    story = tag in STORY_TAGS or itemprop == "articleBody" or bool(_STORY_CLASS_RE.search(names))
    furniture = tag in FURNITURE_TAGS or role in FURNITURE_ROLES or (not story and _furniture_name(names))
    return furniture, story


_CAPTION_CLASS_RE = re.compile(r"caption|credit|figure|photo|image|gallery|media", re.IGNORECASE)

# Ancestor kinds the learned model reads, as bits.
_FIGURE, _LIST_ITEM, _LINK, _BLOCKQUOTE, _HEADER = 1, 2, 4, 8, 16


@lru_cache(maxsize=1 << 14)
def _kinds(tag: str, class_: str) -> int:
    """The kinds (figure or caption, list item, link, block quote, header) an element is, as bits (cached:
    pages repeat their class names)."""
    bits = 0
    if tag in ("figure", "figcaption", "picture") or _CAPTION_CLASS_RE.search(class_) is not None:
        bits |= _FIGURE
    if tag in ("li", "dd", "dt"):
        bits |= _LIST_ITEM
    if tag == "a":
        bits |= _LINK
    if tag == "blockquote":
        bits |= _BLOCKQUOTE
    if tag == "header":
        bits |= _HEADER
    return bits


@lru_cache(maxsize=1 << 14)
def _element_marks(tag: str, class_: str, id_: str, itemprop: str | None, role: str | None) -> tuple[bool, bool, int]:
    """(furniture, story, kinds) of an element alone, by its tag and attributes: ``_marks_by_name`` (``<html>`` and
    ``<body>`` are neither) and ``_kinds`` in one look-up (cached: pages repeat their class names)."""
    if tag in ("html", "body"):
        return False, False, _kinds(tag, class_)
    return *_marks_by_name(tag, class_, id_, itemprop, role), _kinds(tag, class_)


@lru_cache(maxsize=1 << 10)
def _bare_marks(tag: str) -> tuple[bool, bool, int]:
    """``_element_marks`` of an element without attributes (most block elements, <p>, <h2>): keyed by the tag alone."""
    return _element_marks(tag, "", "", None, None)


class _Ancestry:
    """What an element and all its ancestors are, memoised per element (one walk up the tree serves both):
    (inside furniture, inside story, furniture is nearer than story, the kinds that enclose it as bits)."""

    def __init__(self, page_chars: int) -> None:
        self.cache: dict = {}
        self.page_chars = page_chars

    def of(self, element) -> tuple[bool, bool, bool, int]:
        cache = self.cache
        parent = element.getparent()
        known = cache.get(parent)
        if known is not None:  # most blocks: a paragraph of a container seen before, and seen itself once
            return self._below(element, known)
        # Up to the nearest ancestor already seen, then down again: a loop, not recursion, because tag soup
        # with unclosed tags nests elements thousands deep.
        known = cache.get(element)
        if known is not None:
            return known
        unseen = [element]
        known = _OUTSIDE_EVERYTHING
        element = parent
        while element is not None:
            cached = cache.get(element)
            if cached is not None:
                known = cached
                break
            unseen.append(element)
            element = element.getparent()
        for element in reversed(unseen):
            known = self._below(element, known)
        return known

    def _below(self, element, up: tuple[bool, bool, bool, int]) -> tuple[bool, bool, bool, int]:
        """What ``element`` is, ``up`` what its parent is."""
        tag = element.tag  # read once: lxml makes a new string on every read
        if not isinstance(tag, str):
            tag = ""
        if element.keys():
            furniture, story, kinds = _element_marks(tag, element.get("class") or "", element.get("id") or "",
                                                     element.get("itemprop"), element.get("role"))
        else:  # most block elements (<p>, <h2>): not one attribute to read
            furniture, story, kinds = _bare_marks(tag)
        if furniture and _text_length(element) > WRAPPER_SHARE * self.page_chars:
            furniture = False  # holds most of the page: a layout wrapper, whatever its name
        up_furniture, up_story, up_nearer, up_kinds = up
        known = self.cache[element] = (
            furniture or up_furniture,
            story or up_story,
            furniture or (up_furniture and up_nearer and not story),
            kinds | up_kinds,
        )
        return known


_OUTSIDE_EVERYTHING = (False, False, False, 0)  # what the parent of the root is


def clear_caches() -> None:
    _marks_by_name.cache_clear()
    _kinds.cache_clear()
    _element_marks.cache_clear()
    _bare_marks.cache_clear()
    _kind_columns.cache_clear()
    _leaf_evidence.cache_clear()
    _box_kind.cache_clear()


def _text(element) -> str:
    """``element.text_content()``: the same text (libxml2's content of the node), read without evaluating an XPath
    expression each time."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def _text_length(element) -> int:
    return len(_text(element))


def _link_density(element) -> float:
    """The share of the text of ``element`` (not inside a link, with children) that is link text."""
    linked = 0
    for link in element.iter("a"):  # a loop, not sum() over a generator: most elements hold no link
        linked += _text_length(link)
    return min(1.0, linked / max(_text_length(element), 1)) if linked else 0.0


def _json_ld_texts(tree) -> Iterator[str]:
    """The texts of the page's JSON-LD scripts (a script's type is read before its text: most scripts are code)."""
    for script in tree.iter("script"):
        text = script.text
        if text and (script.get("type") or "").strip().lower() == "application/ld+json":
            yield text


def json_ld_article_body(tree) -> str | None:
    """The longest schema.org ``articleBody`` the page publishes in JSON-LD, if any."""
    bodies: list[str] = []
    for text in _json_ld_texts(tree):
        try:
            _collect_article_bodies(json.loads(text), bodies)
        except (ValueError, RecursionError):
            continue
    best = max(bodies, key=len, default=None)
    if best is None:
        return None
    # publishers put the body in as HTML, entities escaped once or twice ("&amp;hellip;"), tags and all
    for _ in range(2):
        best = html_lib.unescape(best)
    best = _TAG_RE.sub(" ", best)
    return best if len(best) >= MIN_ARTICLE_BODY_CHARS else None


def _collect_article_bodies(value, bodies: list[str]) -> None:
    """Every ``articleBody`` string in a JSON-LD value, in document order (a module function, not a closure
    over ``bodies``: a recursive closure is a reference cycle per page, left to the garbage collector)."""
    if isinstance(value, dict):
        body = value.get("articleBody")
        if isinstance(body, str):
            bodies.append(body)
        for item in value.values():
            _collect_article_bodies(item, bodies)
    elif isinstance(value, list):
        for item in value:
            _collect_article_bodies(item, bodies)


# schema.org types of pages without one main story (guidelines 8.5): a section or tag page, search results, an author's
# page, a podcast's page listing its episodes.
FRONT_TYPES = frozenset({"CollectionPage", "SearchResultsPage", "ProfilePage", "PodcastSeries"})


def declared_kinds(tree) -> tuple[bool, bool]:
    """(live blog, front) as the page's JSON-LD declares them, in one walk over its scripts (a walk of the whole tree
    costs as much as the reads of most pages' few scripts):

    - live blog: a script calls the page a schema.org ``LiveBlogPosting`` (what sites publish for search engines'
      "Live" badge), whose entries are the story (guidelines 8.5). Read as text, unparsed: the type name is in no
      other schema.org type's.
    - front: the page is called a page of promoted items (``FRONT_TYPES``) and no article is named on it (a type
      ending in "Article" or "Posting"): a front, without a main story (guidelines 8.5). Only scripts naming one of
      the types are parsed."""
    live = False
    types: set[str] = set()
    for text in _json_ld_texts(tree):
        live = live or "LiveBlogPosting" in text
        if not any(name in text for name in FRONT_TYPES):
            continue
        try:
            _collect_types(json.loads(text), types)
        except (ValueError, RecursionError):
            continue
    return live, bool(types & FRONT_TYPES) and not any(name.endswith(("Article", "Posting")) for name in types)


def _collect_types(value, types: set[str]) -> None:
    """Every schema.org ``@type`` name in a JSON-LD value (a name or a list of names)."""
    if isinstance(value, dict):
        kind = value.get("@type")
        if isinstance(kind, str):
            types.add(kind)
        elif isinstance(kind, list):
            types.update(name for name in kind if isinstance(name, str))
        for item in value.values():
            _collect_types(item, types)
    elif isinstance(value, list):
        for item in value:
            _collect_types(item, types)


def is_truncated(body: str) -> bool:
    """An ``articleBody`` cut short ("…" at its end): the story goes on past it."""
    return _TRUNCATED_BODY_RE.search(body) is not None


def _element_evidence(element, ancestry: _Ancestry) -> tuple:
    """What a block owes to its element: whether furniture costs it (nearer than any story container, or outside
    one), story, link density, headline hint, heading, and the model's DOM columns before and after the
    article-body ones."""
    marks = ancestry.of(element)
    tag = element.tag
    if len(element) or tag == "h1":  # its links' text, or the tags enclosing it, count too
        return _evidence(marks, tag, element)
    return _leaf_evidence(marks, tag)


@lru_cache(maxsize=1 << 12)
def _leaf_evidence(marks: tuple[bool, bool, bool, int], tag: str) -> tuple:
    """``_evidence`` of an element without children other than an ``<h1>`` (most blocks: <p>, <li>): its ancestry
    and its tag settle it (cached: a page's blocks share a few of these, and the tuples are made once)."""
    return _evidence(marks, tag, None)


def _evidence(marks: tuple[bool, bool, bool, int], tag: str, element) -> tuple:
    """``_element_evidence`` from the element's ancestry (``_Ancestry.of``) and tag; ``element`` is read only when it
    has children (its link density) or is an ``<h1>`` (the tags enclosing it): None for the others."""
    furniture, story, furniture_nearer, kinds = marks
    # inside a link: all link text; no child, so no link (the element is none: it would be inside one)
    density = 1.0 if kinds & _LINK else _link_density(element) if element is not None and len(element) else 0.0
    heading = tag in _HEADING_TAGS
    if tag == "h1" and not (furniture and _in_furniture_tag(element)):
        # the page's main heading, also where the site's markup calls the story's header furniture by a role or a
        # class (<header role="banner"> inside the <article>, a page builder's "elementor-widget-heading")
        headline = 1.5
    elif furniture and (furniture_nearer or not story):
        # a share box's "All sharing options for: <the title>" or a site banner's heading echoes the title or
        # looks like a headline, but page furniture holds no headline of the story (guidelines 8.1)
        headline = FURNITURE_HEADLINE
    else:
        headline = 0.3 if heading else 0.0
    ancestry_columns = (float(furniture), float(story), float(furniture_nearer), density)
    kind_columns = _kind_columns(tag, kinds)
    return (
        furniture and (furniture_nearer or not story), story, density, headline,
        heading and not kinds & _LINK,
        ancestry_columns, kind_columns,
        # the DOM columns but the last of a block of a page that publishes no article body (most pages): one tuple
        # made per element, not three per block
        ancestry_columns + _NO_BODY + kind_columns,
    )


def _in_furniture_tag(element) -> bool:
    """Whether an ``<aside>``, ``<nav>``, ``<footer>``, ``<form>``, ... (``FURNITURE_TAGS``) encloses ``element``
    below any story container: furniture by the page's structure, not by a name or role the site chose."""
    element = element.getparent()
    while element is not None:
        tag = element.tag
        if tag in FURNITURE_TAGS:
            return True
        if isinstance(tag, str) and _marks_by_name(tag, element.get("class") or "", element.get("id") or "",
                                                   element.get("itemprop"), element.get("role"))[1]:
            return False
        element = element.getparent()
    return False


@lru_cache(maxsize=1 << 12)
def _kind_columns(tag: str, kinds: int) -> tuple[float, ...]:
    """The model's columns for the element's tag and the kinds enclosing it (cached: a page's blocks share a
    few tags and kinds, and the tuple is made once, not block by block)."""
    heading = tag in _HEADING_TAGS
    return (float(tag == "h1"), float(heading), float(bool(kinds & _FIGURE)), float(bool(kinds & _LIST_ITEM)),
            float(bool(kinds & _LINK)), float(bool(kinds & _BLOCKQUOTE)), float(bool(kinds & _HEADER)),
            float(tag == "p"))


_NO_BODY = (0.0, 0.0, 0.0)  # the article-body columns of a page that publishes no body: matched, missed, has one


def dom_evidence(page: HtmlPage, text: str, blocks: Sequence[Block], template: Sequence[bool]) -> list[BlockEvidence]:
    """One ``BlockEvidence`` per block; blocks are matched to the page's by offset."""
    by_start = dict(zip(page.block_starts, page.blocks, strict=True))
    article_body = json_ld_article_body(page.tree)
    body_key = normalised(article_body) if article_body else None  # uncached: no other page repeats it
    # a block missing from a body that was cut short says nothing against it
    whole_body = article_body is not None and not is_truncated(article_body)
    ancestry = _Ancestry(len(text))
    # per element: its ancestry, link density and the model's columns that depend on it alone (an element
    # owning several blocks, as text around <br>s, is read once)
    elements: dict = {}
    evidence: list[BlockEvidence] = []
    for block, is_template in zip(blocks, template, strict=True):
        html_block = by_start.get(block.start)
        if html_block is None or html_block.text != block.text:
            evidence.append(BlockEvidence(template=is_template))
            continue
        element = html_block.element
        known = elements.get(element)
        if known is None:
            known = elements[element] = _element_evidence(element, ancestry)
        furniture_costs, story, density, headline, heading, ancestry_columns, kind_columns, unpublished = known
        features = features_of(block.text)
        words = features.n_words
        if words > 60:
            words = 60
        prior = 0.0
        if furniture_costs:
            prior -= FURNITURE_PRIOR + 0.7 * words
        elif story:
            prior += STORY_PRIOR
        if density > 0.5:
            prior -= 3.0 + 0.9 * words * density
        if body_key is not None:
            body_match = body_miss = False
            key = features.key
            if len(key) >= 20 and key in body_key:
                body_match = True
                prior += ARTICLE_BODY_PRIOR + 0.5 * words
            elif features.text_like and whole_body:
                body_miss = True
                prior -= 0.5 * words
            columns = ancestry_columns + (float(body_match), float(body_miss), 1.0) + kind_columns
        else:
            columns = unpublished
        scaled = prior / 20  # clamped to [-3, 3] without calls (min and max)
        if scaled > 3.0:
            scaled = 3.0
        elif scaled < -3.0:
            scaled = -3.0
        # the fields in order (prior, headline, template, dom, heading, linked), made as a tuple of the type
        # without its __new__ (a Python function: a frame per block)
        evidence.append(_new_tuple(BlockEvidence, (prior, headline, is_template,
                                                   columns + (scaled,),
                                                   heading, density > 0.5)))
    return evidence


_new_tuple = tuple.__new__
_ELEMENT = attrgetter("element")


# Boxes whose every line is boilerplate whatever it reads like (guidelines 8.3 and 8.4): a photo caption or credit
# (``<figcaption>``, or a class naming one: "wp-caption-text", "imageEmbedCaption", "image-credit"), and a prompt
# box (a <form> inside the story, or a class naming a newsletter, subscription, sign-up or share box, in camel
# case too: "signupTitle___15fvr", as CSS modules write them). Caption lines are prose naming the story's subject,
# and a sign-up box's pitch ("Get breaking news alerts ...") is prose too: the text alone keeps them in the story.
_CAPTION_NAME_RE = re.compile(r"caption|credit", re.IGNORECASE)
_PROMPT_NAME_RE = re.compile(
    r"(?:^|[-_])(?:newsletters?|subscribe|subscription|signup|sign-up|share|sharing)"
    r"(?:$|[-_\d]|(?-i:(?<=[a-z])(?=[A-Z])))",
    re.IGNORECASE,
)
# A box of more lines than this is no caption or prompt, whatever its tag or class says: it wraps the story (a page
# inside one <form>, "has-captions"; a "share-bar-wrapper" around the byline is ruled out by its name already).
MARKED_BOX_MAX_BLOCKS = 6


_PLAIN, _BOX, _STORY = 0, 1, 2


@lru_cache(maxsize=1 << 14)
def _box_kind(tag: str, class_: str, id_: str, itemprop: str | None, role: str | None) -> int:
    """Whether an element is a caption, credit or prompt box (``_BOX``), a story container (``_STORY``) or neither,
    by its tag and attributes (cached: pages repeat their class names). A prompt's name that names a wrapper too
    ("share-bar-wrapper") is none."""
    if tag in ("figcaption", "form") or any(
            _CAPTION_NAME_RE.search(token) is not None
            or (_PROMPT_NAME_RE.search(token) is not None and _WRAPPER_RE.search(token) is None)
            for token in class_.split()):
        return _BOX
    return _STORY if _marks_by_name(tag, class_, id_, itemprop, role)[1] else _PLAIN


def marked_boilerplate(page: HtmlPage, blocks: Sequence[Block], labels: list[BlockLabel]) -> list[BlockLabel]:
    """Guidelines 8.3 and 8.4 by the page's markup: an article line inside a caption, credit or prompt box
    (``_box_kind``, of ``MARKED_BOX_MAX_BLOCKS`` lines at most) that no story container (``<article>``, an
    ``*article-body*`` class, ...) sits between is boilerplate. Only article lines are looked at, each element's
    answer read once."""
    if len(page.blocks) != len(blocks):
        return labels
    inside: dict = {}  # element -> whether a marked box encloses it, nearer than any story container

    def marked(element) -> bool:
        path = []
        found = False
        while element is not None:
            known = inside.get(element)
            if known is not None:
                found = known
                break
            path.append(element)
            tag = element.tag
            if not isinstance(tag, str) or tag in ("html", "body"):
                break
            if element.keys():
                kind = _box_kind(tag, element.get("class") or "", element.get("id") or "", element.get("itemprop"),
                                 element.get("role"))
            else:  # most elements (<p>, <div>): not one attribute to read
                kind = _box_kind(tag, "", "", None, None)
            if kind == _BOX:
                rendered = page.block_spans.get(element)  # None: an inline element, inside one block
                found = ((rendered is None or rendered[1] - rendered[0] <= MARKED_BOX_MAX_BLOCKS)
                         and not _closing_credit_paragraph(element))
                break
            if kind == _STORY:
                break  # the boxes above a story container hold the story
            element = element.getparent()
        for seen in path:
            inside[seen] = found
        return found

    for index, label in enumerate(labels):
        if label.label == ARTICLE and marked(page.blocks[index].element):
            labels[index] = BlockLabel(BOILERPLATE, 0.7)
    return labels


def _closing_credit_paragraph(element) -> bool:
    """Guidelines 6 step 2: a paragraph classed as a credit ("story__credit") that closes the story's paragraphs -- a
    ``<p>`` after a ``<p>``, the last element of its container -- is the story's credit line ("Jane Roe contributed
    reporting", "Mitarbeit: …"), not a photo's: a photo's credit stands in its figure, by its image or caption."""
    if element.tag != "p" or not any(_CAPTION_NAME_RE.search(token) is not None
                                     for token in (element.get("class") or "").split()):
        return False
    # (elements only: a comment beside it is no sibling of the story's)
    following = next((sibling for sibling in element.itersiblings() if isinstance(sibling.tag, str)), None)
    previous = next((sibling for sibling in element.itersiblings(preceding=True) if isinstance(sibling.tag, str)), None)
    return following is None and previous is not None and previous.tag == "p"


def unlinked_items(page: HtmlPage, blocks: Sequence[Block], labels: list[BlockLabel]) -> list[BlockLabel]:
    """Guidelines 8.2: a teaser promotes another article, and a page promotes it with a link to it. On a page whose
    teaser items mostly link to other pages, an item none of whose lines is or holds such a link (``_links_away``)
    and that shows no time of its own -- a photo's caption, a score line, a list's heading, a support appeal the
    lines' shapes made an item, or a link jumping inside the page ("Skip to content", a contents list) or to the
    site's front page (the logo's "Back to home") -- promotes nothing: boilerplate. A page whose items mostly show no
    link (cards made clickable by a script) is left as it is. An item of one line that is a row of links
    (``_link_row``: a menu, a list of tags) is boilerplate on any page (guidelines 8.3). Only teaser lines are looked
    at."""
    if len(page.blocks) != len(blocks):
        return labels
    items: list[tuple[range, bool]] = []  # each teaser item's blocks, and whether one of them links away
    index = 0
    while index < len(labels):
        label = labels[index]
        if label.label != TEASER:
            index += 1
            continue
        last = index
        while last + 1 < len(labels) and labels[last + 1].label == TEASER and labels[last + 1].item == label.item:
            last += 1
        if last == index and _link_row(page, index):
            labels[index] = BlockLabel(BOILERPLATE, 0.7)
        else:
            items.append((range(index, last + 1), _links_away(page, range(index, last + 1))))
        index = last + 1
    unlinked = [item for item, linked in items if not linked]
    if 2 * len(unlinked) < len(items):
        for item in unlinked:
            # an item showing its own time is a dated card (guidelines 8.2), made clickable by a script
            if not any(features_of(blocks[i].text).is_timestamp for i in item):
                for i in item:
                    labels[i] = BlockLabel(BOILERPLATE, 0.7)
    return labels


# A line holding at least this many links is a row of them (a menu, a list of tags, the footer's links).
LINK_ROW_MIN_LINKS = 3


def _link_row(page: HtmlPage, index: int) -> bool:
    """Whether block ``index`` is a row of links (``LINK_ROW_MIN_LINKS`` at least, each with its text) on one line of
    its own ("News Weather Sports Opinion", "About us | Contact | Privacy"): a menu or a list of tags, no headline."""
    element = page.blocks[index].element
    rendered = page.block_spans.get(element)
    if rendered is None or rendered[1] - rendered[0] != 1:
        return False  # an inline element, or one holding other lines too
    links = 0
    for link in element.iter("a"):
        links += _text_length(link) > 0
        if links == LINK_ROW_MIN_LINKS:
            return True
    return False


def _links_away(page: HtmlPage, item: range) -> bool:
    """Whether the blocks of ``item`` are or hold a link to another page (``_leads_away``): a link around one of them,
    or one inside one of them or inside the element holding them all whose text is theirs or that shows no text (a
    card's linked photo) -- not the links of other lines in a box around a single line."""
    elements = [page.blocks[index].element for index in item]
    # whitespace collapsed, as the render collapsed it in the blocks' texts
    lines = [" ".join(page.blocks[index].text.split()) for index in item]
    for element in elements:
        around = next(element.iterancestors("a"), None)
        if around is not None and _leads_away(around.get("href")):
            return True
    # the element holding them all (the first block's, when the others are inside it) holds every block's links
    holder = elements[0]
    while not all(element is holder or holder in element.iterancestors() for element in elements[1:]):
        holder = holder.getparent()
    return _holds_link_away(holder, lines)


def _holds_link_away(element, lines: list[str]) -> bool:
    """Whether ``element`` holds a link to another page that shows no text, or whose text and one of ``lines`` hold
    each other (a link around a line and its copy for screen readers, a line around a link)."""
    texts = " ".join(lines)
    for link in element.iter("a"):
        if _leads_away(link.get("href")):
            text = " ".join(_text(link).split())
            if not text or text in texts or any(line and line in text for line in lines):
                return True
    return False


def _leads_away(href: str | None) -> bool:
    """Whether a link's ``href`` leads to another page: not to a place on this one ("#main"), not to a script, not to
    the site's front page ("/", "https://example.com")."""
    if not href:
        return False
    href = href.strip()
    if href.startswith(("#", "javascript:")):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:  # "http://[::1/x": a link the URL grammar refuses still points somewhere other than here
        return True
    return parts.path.strip("/") != "" or parts.query != ""


# A teaser card is found this many elements up from a block at most (the block's own element first).
CARD_DEPTH = 4
# A linked line of at least this many words is a headline: a card holds one.
HEADLINE_MIN_WORDS = 4
# A card holds at most this many linked lines (its headline, kicker and author); a menu's group holds more, one link
# a line.
CARD_MAX_LINKS = 3
# A card holds at most this many heading elements (its headline's); a box of items holds its own heading and its
# items' headlines, however short they are ("Sports", then "Harbor Hawks", "High Schools").
CARD_MAX_HEADINGS = 1


def card_items(page: HtmlPage, blocks: Sequence[Block], evidence: Sequence[BlockEvidence],
               labels: list[BlockLabel]) -> list[BlockLabel]:
    """Guidelines 8.2 (one span per promoted item) by the page's markup: the lines of one item share an element
    that the list repeats, a card (``<div class="card">`` beside others of its tag and class: ``_card_class``). A
    teaser block's card is the lowest element (``CARD_DEPTH`` up at most) that repeats among its siblings and holds
    another block, no story block, and one linked headline at most and one heading element -- a box of items with
    their heading holds several, but for a box of one item under its heading, whose heading is the page's.
    The blocks of each card of its list (its siblings of its tag and class) showing a teaser are one teaser item,
    and so are those of the list's other cards when at least half of them show one (a list repeats one
    layout): the items the lines' shapes made are cut and joined at the cards' edges. A line right above the list's
    first card that the shapes joined to its item stands outside every card: the list's heading, the page's. A
    linked headline that no such card holds may be a card of one line (``one_line_card``): the teasers of a list of
    those, each linked, are one item each. On a front, a list of two cards or more that each open with their one
    linked line shows teasers however short its lines are (a list of shows: a name, then "Every Monday"), read from
    those linked lines after the teasers' lists. Other blocks keep their labels. Read from the teasers up: a page
    without teasers or, on a front, linked lines costs one look at its labels, and a list is read once, from its
    first teaser."""
    teasers = [index for index, label in enumerate(labels) if label.label == TEASER]
    if len(page.blocks) != len(blocks):
        return labels
    # on a page with no story (a front: guidelines 8.5, every promoted item is a teaser), the linked lines the lines'
    # shapes left to the page: a list of cards each opening with its one linked line (``linked_headline``) promotes
    # the pages they link to however short their lines ("Economy Room" over "Every Monday", a show's card; a photo's
    # title over its credit), read as the teasers' lists are, after them
    linked_lines = [] if any(label.label == ARTICLE for label in labels) else [
        index for index, label in enumerate(labels) if label.label == BOILERPLATE and evidence[index].linked]
    if not teasers and not linked_lines:
        return labels
    # element -> the first block it owns (read from the last block up: the first one's index is set last)
    first_block = dict(zip(map(_ELEMENT, reversed(page.blocks)), range(len(page.blocks) - 1, -1, -1)))
    spans: dict = {}  # element -> the blocks inside it, as a range

    def blocks_in(element) -> range:
        found = spans.get(element)
        if found is None and (rendered := page.block_spans.get(element)) is not None:
            # a block element's blocks, as the render made them (the same range as below, without the walk)
            found = spans[element] = range(*rendered) if rendered[1] > rendered[0] else range(0)
        if found is None:
            owners = {node for node in element.iter() if node in first_block}
            if owners:
                last = max(first_block[node] for node in owners)
                # an element owns several blocks when its text is parted by <br>s or by a block inside it (the
                # time after the headline in <div class="card"><h3>…</h3><time>…</time></div>)
                while last + 1 < len(page.blocks) and page.blocks[last + 1].element in owners:
                    last += 1
                found = range(min(first_block[node] for node in owners), last + 1)
            else:
                found = range(0)
            spans[element] = found
        return found

    def fits(group: range) -> bool:
        """A card's blocks: no story block, one linked headline at most, ``CARD_MAX_LINKS`` linked lines at most,
        ``CARD_MAX_HEADINGS`` heading elements at most."""
        heads = links = headings = 0
        for index in group:
            if labels[index].label == ARTICLE:
                return False
            linked = evidence[index].linked
            links += linked
            headings += evidence[index].heading
            # words as the features count them: a headline in Chinese or Japanese has no spaces
            heads += linked and features_of(blocks[index].text).n_words >= HEADLINE_MIN_WORDS
        # (a box of one item under its heading holds the item's heading besides: ``box_heading``)
        return (heads <= 1 and links <= CARD_MAX_LINKS
                and (headings <= CARD_MAX_HEADINGS or headings - box_heading(group) <= CARD_MAX_HEADINGS))

    def box_heading(group: range) -> bool:
        """Whether the first block of ``group`` is a heading ranked above another heading of the group (an ``<h2>``
        over an ``<h3>``): a box of one item under its heading (the list's, guidelines 8.3), not the card's headline
        over its kicker's heading."""
        if not evidence[group.start].heading:
            return False
        # (heading elements only: their tags, "h1" to "h6", rank as their strings sort)
        rank = page.blocks[group.start].element.tag
        return any(evidence[index].heading and page.blocks[index].element.tag > rank for index in group[1:])

    cards: dict = {}  # element -> whether it is a card: holds two blocks or more and repeats among its siblings
    card_kinds: set | None = None  # (list's tag, list's class, card's tag, card's class) of the page's card lists

    def lone_card(element, parent) -> bool:
        """Whether ``element`` is the one card of a box of one item: alone of its tag and class in ``parent`` but
        of the tag and class of the cards of another list of the page, in a list of the same tag and class (a
        sponsored box "Sponsored" over one card, built as the page's other boxes are; guidelines 8.2, one item per
        card). The page's card lists are read once, on the first teaser whose lines no repeated element holds."""
        nonlocal card_kinds
        class_ = _card_class(element)
        if class_ is None:  # a classless <li> or <div>: too common to be read as a card of its own
            return False
        if card_kinds is None:
            card_kinds = set()
            for box in element.getroottree().getroot().iter():
                seen: set = set()
                for child in box.iterchildren():
                    if isinstance(child.tag, str) and (kind := (child.tag, _card_class(child))) in seen:
                        card_kinds.add(_card_kind(child, box))
                    elif isinstance(child.tag, str):
                        seen.add(kind)
        return _card_kind(element, parent) in card_kinds

    def holds_cards(element) -> bool:
        """Whether ``element`` holds a list of cards of its own: children or grandchildren repeated among their
        siblings, two of them at least holding two blocks or more (a section's box of cards under its heading, in
        markup that marks no heading: ``<div class="list-heading">``), or the one card of a box built as the page's
        other boxes (``lone_card``; of one line, a linked one), not a card's own repeated lines."""
        for child in element.iterchildren():
            for inner in (child, *child.iterchildren()):
                if not isinstance(inner.tag, str) or not (found := blocks_in(inner)):
                    continue
                if len(found) >= 2 and _repeats(inner, inner.getparent()):
                    return True
                # a box's one card, of one linked headline at least ("Breaking" over one headline)
                if (len(found) >= 2 or evidence[found.start].linked) and lone_card(inner, inner.getparent()):
                    return True
        return False

    def is_card(element, parent) -> bool:
        found = cards.get(element)
        if found is None:
            found = cards[element] = (len(blocks_in(element)) >= 2
                                      and (_repeats(element, parent) or lone_card(element, parent))
                                      and not holds_cards(element))
        return found

    def one_line_card(teaser: int):
        """The card of a linked headline that no card of two lines holds: the lowest element (``CARD_DEPTH`` up at
        most) holding its line alone that repeats among its siblings (``<li class="card"><h3><a>…</a></h3></li>``
        in a "Most read" box) or is a box's one card (``lone_card``): one item per card (guidelines 8.2), the box's
        heading above them outside every card (8.3)."""
        element = page.blocks[teaser].element
        for _ in range(CARD_DEPTH):
            parent = element.getparent()
            if parent is None or len(blocks_in(element)) != 1:
                return None
            if _repeats(element, parent) or lone_card(element, parent):
                return element
            element = parent
        return None

    def linked_headline(group: range) -> bool:
        """Whether a card's first line, and only it, links: a headline over its summary, time or credit (a header's
        row of links -- the site's name beside "Log in" -- links on every line)."""
        return len(group) >= 2 and evidence[group.start].linked and not any(
            evidence[index].linked for index in group[1:])

    settled: set[int] = set()
    teaser_kinds: set = set()  # the kinds (as ``card_kinds``) of the cards read that show a teaser
    # (the teasers first: their lists are read from them; a linked line only opens a list of cards not read yet)
    for position, teaser in enumerate([*teasers, *linked_lines]):
        if teaser in settled:
            continue
        seed = position >= len(teasers)
        if not seed:
            settled.add(teaser)
        element, card, depth = page.blocks[teaser].element, None, 0
        while depth < CARD_DEPTH:
            parent = element.getparent()
            if parent is None:
                break
            if is_card(element, parent):
                card = element
                break
            element, depth = parent, depth + 1
        if (card is None or not fits(blocks_in(card))) and evidence[teaser].linked:
            # (a box of one-line cards repeated beside other boxes reads as a card holding several headlines)
            card = one_line_card(teaser)
        if card is None or not fits(blocks_in(card)):
            continue
        tag, class_ = card.tag, _card_class(card)
        siblings = [found for child in card.getparent().iterchildren(tag) if _card_class(child) == class_
                    and (found := blocks_in(child))]
        one_line = all(len(found) == 1 for found in siblings)
        if seed and (one_line or len(siblings) < 2):
            continue  # a menu's entries, or a box of one card: left to the lists' teasers (below)
        if one_line and not all(evidence[found.start].linked for found in siblings):
            # one-line entries of which some link nowhere are one item's lines, each in its box (a headline's box,
            # then its date's), not a list of items
            continue
        members = [found for found in siblings if fits(found)]
        for group in members:
            settled.update(group)
        # (read from a linked line, the cards of a list of two or more that each open with their one linked line show
        # teasers)
        shown = [any(labels[index].label == TEASER for index in group)
                 or (seed and len(members) >= 2 and all(map(linked_headline, members)))
                 for group in members]
        if any(shown):
            teaser_kinds.add(_card_kind(card, card.getparent()))
        # (a list of one-line cards may be a menu whose entries read as headlines: its cards that show no teaser
        # stay as they are; ``list_headlines`` reads such lists)
        everyone = not one_line and 2 * sum(shown) >= len(members)
        above = siblings[0].start - 1
        if (above >= 0 and members and members[0] == siblings[0] and labels[above].label == TEASER
                and labels[above].item is not None and labels[above].item == labels[members[0].start].item):
            # the line right above the list's first card that the lines' shapes took into its item (a kicker's
            # shape: "Sports", "Podcast", "Sponsored") stands outside every card of the list: the list's heading,
            # the page's (guidelines 8.3), not the first item's kicker, which its card would hold (8.2)
            labels[above] = BlockLabel(BOILERPLATE, 0.6)
        for group, teaser_shown in zip(members, shown, strict=True):
            if not (teaser_shown or everyone):
                continue
            # the item's score, the lowest of its teaser lines, read before a box's heading is relabelled (its score
            # counts); most cards are one item already and need none
            heading = box_heading(group)
            score = _lowest_teaser_score(labels, group) if heading else None
            if heading:
                labels[group.start] = BlockLabel(BOILERPLATE, 0.6)
                group = group[1:]
            if _one_item(labels, group):
                continue
            if score is None:
                score = _lowest_teaser_score(labels, group)
            for index in group:
                labels[index] = BlockLabel(TEASER, score, -1 - group.start)
    if card_kinds and teaser_kinds:
        # a box of one card of one line ("Breaking News" over one linked headline) is read by no list: its
        # headline, alone in a card of the kind whose other cards on the page show teasers, is one item too
        for index, label in enumerate(labels):
            if label.label != BOILERPLATE or not evidence[index].linked or index in settled:
                continue
            element = page.blocks[index].element
            for _ in range(CARD_DEPTH):
                parent = element.getparent()
                if parent is None or len(blocks_in(element)) != 1:
                    break
                if lone_card(element, parent):
                    if (_card_kind(element, parent) in teaser_kinds
                            and features_of(blocks[index].text).n_words >= HEADLINE_MIN_WORDS):
                        labels[index] = BlockLabel(TEASER, 0.6, -1 - index)
                    break
                element = parent
    return labels


def list_headlines(page: HtmlPage, blocks: Sequence[Block], evidence: Sequence[BlockEvidence],
                   labels: list[BlockLabel]) -> list[BlockLabel]:
    """Guidelines 8.2 (a list repeats one layout) by the page's markup: in a list whose entries (children of one tag
    and class, ``_card_class``) are one line each, when at least half of them are teasers, an entry the lines' shapes
    left out that is a linked headline (``HEADLINE_MIN_WORDS`` words or more, no furniture's words such as a copyright
    line's: "NGX: Investors gain N1.2trn as ..." read as a market's quote) is a teaser too, an item of its own. Lists whose entries hold several lines are
    ``card_items``'s. Read from the teasers up, each list once, on a page with a linked boilerplate line at all (most
    pages have none: their lists are not read)."""
    if len(page.blocks) != len(blocks) or not any(
            label.label == BOILERPLATE and found.linked for label, found in zip(labels, evidence, strict=True)):
        return labels
    seen: set = set()  # the lists read
    for index, label in enumerate(labels):
        if label.label != TEASER:
            continue
        element = page.blocks[index].element
        for _ in range(CARD_DEPTH):
            parent = element.getparent()
            rendered = page.block_spans.get(element)
            if parent is None or parent in seen or (rendered is not None and rendered[1] - rendered[0] > 1):
                break  # the top, a list read already, or an element holding other lines too
            if _repeats(element, parent):
                seen.add(parent)
                tag, class_ = element.tag, _card_class(element)
                entries = [page.block_spans.get(child) for child in parent.iterchildren(tag)
                           if _card_class(child) == class_]
                if (all(entry is not None and entry[1] - entry[0] == 1 for entry in entries)
                        and 2 * sum(labels[entry[0]].label == TEASER for entry in entries) >= len(entries)):
                    for line, _ in entries:
                        f = features_of(blocks[line].text)
                        if (labels[line].label == BOILERPLATE and evidence[line].linked
                                and f.n_words >= HEADLINE_MIN_WORDS and not f.is_furniture):
                            labels[line] = BlockLabel(TEASER, 0.6, -1 - line)
                break
            element = parent
    return labels


def _repeats(element, parent) -> bool:
    """Whether ``parent`` holds two children or more of ``element``'s tag and class (``_card_class``; read up to the
    second; the children of other tags passed over by lxml, without an object made for each)."""
    class_, seen = _card_class(element), 0
    for child in parent.iterchildren(element.tag):
        if _card_class(child) == class_:
            seen += 1
            if seen == 2:
                return True
    return False


def _card_class(element) -> str | None:
    """The class that makes an element one of its list's cards: its first class name. The names after it mark one
    card apart from the others of its list ("result result--sponsored", "summary summary--opinion", "card
    featured"): the list is the same."""
    names = element.get("class")
    if not names:  # most elements have no class
        return None
    names = names.split(None, 1)
    return names[0] if names else None


def _card_kind(card, parent) -> tuple:
    """A card's kind, which its list's cards share: its list's tag and class, its own tag and class."""
    return parent.tag, _card_class(parent), card.tag, _card_class(card)


def _lowest_teaser_score(labels: list[BlockLabel], group: range) -> float:
    """The lowest score among the teaser lines of ``group`` (0.6 when it holds none): its card's item's score."""
    return min((labels[index].score for index in group if labels[index].label == TEASER), default=0.6)


def _one_item(labels: list[BlockLabel], group: range) -> bool:
    """Whether the blocks of ``group`` are one teaser item already, and no other block is (most cards)."""
    item = labels[group.start].item
    return (all(labels[index].label == TEASER and labels[index].item == item for index in group)
            and not (group.start > 0 and labels[group.start - 1].label == TEASER
                     and labels[group.start - 1].item == item)
            and not (group.stop < len(labels) and labels[group.stop].label == TEASER
                     and labels[group.stop].item == item))
