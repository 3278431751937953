"""Synthetic news pages with exact gold spans, for tests and benchmarks at any scale.

Each page imitates the seed: boilerplate (nav, section name, site name, "Follow us on:", list headings,
copyright), a main article (headline, standfirst, byline, paragraphs with quotations in every common
style, apostrophes, scare quotes, emoji, astral characters and combining marks) and teaser lists
(headline, truncated summary, relative timestamp); some pages are section fronts without an article.
The gold spans follow the annotation guidelines: one ``article`` span per article block, one ``teaser``
span per promoted item, one ``boilerplate`` span per boilerplate block, one ``quote`` span per direct
quotation and paragraph (scare quotes are not quotations).

Page ``i`` is a pure function of ``(seed, i)``: it draws only ``Random.random()`` (whose output is
stable across Python versions) from generators seeded with strings (hashed with SHA-512, independent of
``PYTHONHASHSEED``), so the first 10k pages of a 100k run are the 10k run. Pages ``i`` of one window of
``PAGES_PER_WINDOW`` belong to one of ``SITES_PER_WINDOW`` sites (about one site per 50 pages), whose
boilerplate and teaser pool they share, so cross-page repetition looks like a real crawl.
"""

from __future__ import annotations

import html
import json
import os
import random
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import product
from pathlib import Path
from typing import TypeVar

from annotation.store import annotation_to_json
from corpus.progress import track
from schemas.errors import ConfigError
from schemas.records import Annotation, Span, doc_id_for, text_sha256

T = TypeVar("T")

ANNOTATOR = "synth"
PAGE_NAME_DIGITS = 7
PAGES_PER_WINDOW = 250
SITES_PER_WINDOW = 5
MIN_TARGET_CHARS = 300
MAX_TARGET_CHARS = 20_000
SECTION_FRONT_SHARE = 0.1
CRLF_SHARE = 0.08

# (opening, closing) marks of a quotation, with the weight of each style among the pages' main styles.
QUOTE_STYLES: tuple[tuple[str, str], ...] = (
    ("“", "”"),
    ('"', '"'),
    ("«", "»"),
    ("„", "“"),
    ("‘", "’"),
    ("‹", "›"),
    ("'", "'"),
)
QUOTE_STYLE_WEIGHTS: tuple[int, ...] = (35, 20, 12, 10, 12, 6, 5)
OPENING_MARKS = "".join(sorted({opening for opening, _ in QUOTE_STYLES}))
CLOSING_MARKS = "".join(sorted({closing for _, closing in QUOTE_STYLES}))
# The marks of a quotation inside a quotation of each style (part of the outer quote, never a span).
INNER_STYLES: dict[str, tuple[str, str]] = {
    "“": ("‘", "’"), '"': ("'", "'"), "«": ("“", "”"), "„": ("‚", "‘"), "‘": ("“", "”"),
    "‹": ("«", "»"), "'": ('"', '"'),
}  # fmt: skip
# French typography puts a (narrow) no-break space inside guillemets; the quote span still starts at «.
GUILLEMET_PADDING = ("", " ", "\u00a0", "\u202f")

# Small built-in vocabularies. "’" stands for the page's apostrophe (curly or straight).
FIRST_NAMES = (
    "Ana", "Kemi", "Xi", "Ifeanyi", "Dmytro", "Maria", "Jose\u0301", "Siobhán", "Aisha", "Tomás", "Olga",
    "Rahul", "Chen", "Fatima", "Lars", "Amara", "Björn", "Zoe\u0308", "Kwame", "Yuki", "Priya", "Mateus",
)  # fmt: skip
LAST_NAMES = (
    "Okowa", "Badenoch", "Kuleba", "O’Brien", "Nguye\u0302\u0303n", "Müller", "Santos", "Kowalski",
    "Adeyemi", "Haddad", "Petrov", "Lindqvist", "Mensah", "García", "Tanaka", "D’Souza", "Zelenskyy",
    "Ferreira", "Novak", "Osei", "Ça\u0306lar", "Ødegaard",
)  # fmt: skip
PLACES = (
    "Moscow", "Lagos", "Kyiv", "Beijing", "São Paulo", "Zu\u0308rich", "Nairobi", "Valencia", "Delhi",
    "Accra", "Warsaw", "Berlin", "Manila", "Lima", "Abuja", "Reykjavík", "Montréal", "Istanbul",
)  # fmt: skip
ORGANISATIONS = (
    "the Kremlin", "the Foreign Ministry", "NATO", "the central bank", "the EFCC", "the United Nations",
    "the health ministry", "the electoral commission", "the opposition", "the teachers’ union",
    "the city council", "the Supreme Court", "the European Commission", "the African Union",
)  # fmt: skip
ROLES = ("spokesperson", "minister", "analyst", "professor", "mayor", "lawyer", "economist", "activist")
ADJECTIVES = (
    "new", "bilateral", "controversial", "strategic", "long-awaited", "emergency", "regional", "historic",
    "disputed", "temporary", "ambitious", "secret", "fragile", "record", "cross-border", "’90s-era",
)  # fmt: skip
NOUNS = (
    "budget", "ceasefire", "partnership", "investigation", "trade deal", "election", "strike", "reform",
    "summit", "lottery", "pipeline", "shadow cabinet", "peace plan", "sanctions package", "flood defence",
    "vaccine programme", "currency", "port", "stadium", "rock ’n’ roll festival", "students’ protest",
)  # fmt: skip
VERBS = (
    "announced", "rejected", "welcomed", "warned about", "criticised", "confirmed", "delayed", "approved",
    "questioned", "defended", "postponed", "signed", "condemned", "backed", "investigated", "unveiled",
)  # fmt: skip
TAILS = (
    "", "", "", " on Friday", " last week", " in a statement", " earlier this year", " on Monday",
    " after talks in {place}", " despite {noun} concerns", " — even as {org} {verb} the {noun}",
    " amid growing pressure from {org}", ", officials said", " for the first time since the ’90s",
    ", though it’s unclear when", " at 10\u00a0a.m. local time", " over a 40\u00a0km stretch",
    " in {place}’s old town", ", which didn’t surprise {first}", " 🇳🇬", " 🇺🇦", " 🔥",
)  # fmt: skip
STATEMENT_SUBJECTS = (
    "We", "I", "They", "Our people", "Nobody", "Everyone here", "This government", "My family", "You",
)  # fmt: skip
# Modal verbs agree with every statement subject.
STATEMENT_VERBS = (
    "will not accept", "cannot ignore", "must finish", "never asked for", "won’t give up on",
    "can’t afford", "will keep fighting for", "should never have approved", "didn’t expect",
    "will always remember", "could still rescue", "shouldn’t have to pay for",
)  # fmt: skip
SCARE_WORDS = (
    "no-limits", "reform", "experts", "temporary", "peace", "strategic pause", "friendly", "fake news",
    "special operation", "voluntary", "normal",
)  # fmt: skip
STANDALONE_EMOJI = (" 🙏", " 😂", " 🎉", " ❤️", " 👍🏽", " 👩\u200d👩\u200d👧")
SITE_STEMS = ("Arise", "Global", "Metro", "Daily", "Coast", "Capital", "Pulse", "Nation", "Sun", "Frontline")
SITE_SUFFIXES = ("News", "Times", "Post", "Herald", "Today", "Wire", "Chronicle", "Observer")
SECTIONS = (
    "Global", "World", "Politics", "Business", "Sport", "Tech", "Africa", "Europe", "Opinion", "Culture",
)  # fmt: skip
SOCIAL = ("Facebook", "X", "Instagram", "YouTube", "LinkedIn", "TikTok", "WhatsApp", "Telegram")
LIST_HEADINGS = ("Recent Posts", "Related", "Most Read", "Latest News", "Trending", "You may also like")
INLINE_BOILERPLATE = ("Advertisement", "ADVERTISEMENT", "Story continues below advertisement",
                      "Read more", "Share this article", "📧 Sign up for our newsletter")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
# Letters in Unicode's mathematical alphabets: astral-plane code points that look like plain letters.
MATH_SCRIPT = {
    "A": "𝒜", "N": "𝒩", "D": "𝒟", "G": "𝒢", "C": "𝒞", "P": "𝒫", "S": "𝒮", "M": "𝑀", "F": "𝐹",
}  # fmt: skip
# Block separators of a page (trailing spaces and extra blank lines happen in scraped text).
SEPARATORS = ("\n\n", "\n\n", "\n\n", "\n", "\n \n", "\n\n\n", " \n\n")


@dataclass(frozen=True, slots=True)
class SyntheticPage:
    """One generated page: its text exactly as written (for HTML pages, the text ``parse_html`` renders
    from ``html``), its gold spans in store order, and its HTML source when it is an HTML page."""

    name: str
    text: str
    spans: tuple[Span, ...]
    html: str | None = None

    @property
    def source(self) -> str:
        """The page's path relative to the output folder, as recorded in its annotation."""
        return f"pages/{self.name}.{'txt' if self.html is None else 'html'}"


class _Draw:
    """Choices from one page's random stream; only ``random()`` is used (stable across Python versions)."""

    __slots__ = ("random",)

    def __init__(self, key: str) -> None:
        self.random = random.Random(key).random

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def chance(self, probability: float) -> bool:
        return self.random() < probability

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def weighted(self, items: Sequence[T], weights: Sequence[int]) -> T:
        point = self.random() * sum(weights)
        for item, weight in zip(items, weights, strict=True):
            point -= weight
            if point < 0:
                return item
        return items[-1]


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """Phrase pools with one apostrophe style, combined at page time so article text rarely repeats."""

    names: tuple[str, ...]
    subjects: tuple[str, ...]
    speakers: tuple[str, ...]
    objects: tuple[str, ...]
    tails: tuple[str, ...]
    statement_subjects: tuple[str, ...]
    statement_verbs: tuple[str, ...]
    nouns: tuple[str, ...]


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


@cache
def _vocabulary(apostrophe: str) -> _Vocabulary:
    def fix(items: Sequence[str]) -> tuple[str, ...]:
        return tuple(item.replace("’", apostrophe) for item in items)

    names = fix([f"{first} {last}" for first, last in product(FIRST_NAMES, LAST_NAMES)])
    tails = []
    filler = random.Random("synth:tails").random
    for tail in TAILS:
        for _ in range(8 if "{" in tail else 1):
            tails.append(tail.format(
                place=PLACES[int(filler() * len(PLACES))], noun=NOUNS[int(filler() * len(NOUNS))],
                org=ORGANISATIONS[int(filler() * len(ORGANISATIONS))], verb=VERBS[int(filler() * len(VERBS))],
                first=FIRST_NAMES[int(filler() * len(FIRST_NAMES))],
            ))  # fmt: skip
    objects = (
        [f"the {adjective} {noun}" for adjective, noun in product(ADJECTIVES, NOUNS)]
        + [f"plans for {place}’s {noun}" for place, noun in product(PLACES, NOUNS)]
        + [f"{_a(noun)} with {place}" for noun, place in product(NOUNS, PLACES)]
    )
    subjects = (
        list(names) + [f"{organisation[0].upper()}{organisation[1:]}" for organisation in ORGANISATIONS]
        + [f"{place}’s {role}" for place, role in product(PLACES, ROLES)]
        + [f"Officials in {place}" for place in PLACES]
    )
    speakers = list(names) + [
        f"{_a(role)} for {organisation}" for role, organisation in product(ROLES, ORGANISATIONS)
    ]
    return _Vocabulary(
        names=names, subjects=fix(subjects), speakers=fix(speakers), objects=fix(objects), tails=fix(tails),
        statement_subjects=STATEMENT_SUBJECTS, statement_verbs=fix(STATEMENT_VERBS), nouns=fix(NOUNS),
    )


@dataclass(frozen=True, slots=True)
class _Teaser:
    headline: str
    summary: str | None


@dataclass(frozen=True, slots=True)
class _Site:
    """What the pages of one site share: boilerplate templates, style habits and a teaser pool."""

    name: str
    domain: str
    apostrophe: str
    quote_style: tuple[str, str]
    title_case: bool
    nav: tuple[str, ...]
    sections: tuple[str, ...]
    follow: tuple[str, ...]
    list_headings: tuple[str, ...]
    footer: tuple[str, ...]
    byline_prefix: str
    teasers: tuple[_Teaser, ...]


class _Writer:
    """Accumulates one block's text and the ``[start, end)`` offsets of its quotations in it."""

    __slots__ = ("parts", "position", "quotes")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.position = 0
        self.quotes: list[tuple[int, int]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.position += len(text)

    def quote(self, opening: str, content: str, closing: str) -> None:
        start = self.position
        self.add(opening + content + closing)
        self.quotes.append((start, self.position))

    def open_quote(self, opening: str, content: str) -> None:
        """A quotation continued in the next paragraph: its span ends with this paragraph."""
        self.quote(opening, content, "")

    def text(self) -> str:
        return "".join(self.parts)


# A zone of the page: its label, its blocks and, for article blocks, the quotations in each block.
_Zone = tuple[str, tuple[str, ...], tuple[tuple[tuple[int, int], ...], ...] | None]


class _PageMaker:
    """Draws one page of one site."""

    def __init__(self, draw: _Draw, site: _Site) -> None:
        self.draw = draw
        self.site = site
        self.words = _vocabulary(site.apostrophe)
        self.zones: list[_Zone] = []
        self.style_now = site.quote_style

    # --- sentences -------------------------------------------------------------------------------
    def clause(self) -> str:
        return _clause(self.draw, self.words)

    def sentence(self) -> str:
        text = f"{self.clause()}{self.draw.pick(self.words.tails)}."
        return text[0].upper() + text[1:]

    def statement(self) -> str:
        """Words someone says, without final punctuation."""
        draw, words = self.draw, self.words
        text = _statement(draw, words)
        roll = draw.random()
        if roll < 0.08:
            inner_open, inner_close = INNER_STYLES[self.style_now[0]]
            text += f", and they call it {inner_open}{draw.pick(SCARE_WORDS)}{inner_close}"
        elif roll < 0.14:
            text += draw.pick(STANDALONE_EMOJI)
        elif roll < 0.3:
            text += draw.pick(words.tails)
        return text

    def quote_style(self) -> tuple[str, str]:
        draw = self.draw
        style = self.site.quote_style if draw.chance(0.8) else draw.weighted(QUOTE_STYLES, QUOTE_STYLE_WEIGHTS)
        self.style_now = style
        opening, closing = style
        if opening in "«‹" and draw.chance(0.5):
            padding = draw.pick(GUILLEMET_PADDING)
            return opening + padding, padding + closing
        return style

    def scare_quote(self) -> str:
        opening, closing = self.quote_style()
        word = self.draw.pick(SCARE_WORDS)
        return (f"{self.draw.pick(self.words.subjects)} {self.draw.pick(VERBS)} the so-called "
                f"{opening.strip()}{word}{closing.strip()} {self.draw.pick(self.words.nouns)}.")

    # --- article paragraphs ----------------------------------------------------------------------
    def paragraph(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        draw = self.draw
        out = _Writer()
        kind = draw.random()
        if kind < 0.4:
            for number in range(draw.between(1, 4)):
                out.add((" " if number else "") + (self.scare_quote() if draw.chance(0.08) else self.sentence()))
        elif kind < 0.55:  # “Statement,” Name said.
            opening, closing = self.quote_style()
            punctuation_inside = draw.chance(0.7)
            out.quote(opening, self.statement() + ("," if punctuation_inside else ""), closing)
            out.add(f"{'' if punctuation_inside else ','} {draw.pick(self.words.speakers)} said.")
            if draw.chance(0.5):
                out.add(" " + self.sentence())
        elif kind < 0.68:  # Name said: “Statement. Statement.”
            opening, closing = self.quote_style()
            out.add(f"{draw.pick(self.words.speakers)} {draw.pick(('said', 'told reporters', 'wrote'))}: ")
            content = ". ".join(self.statement() for _ in range(draw.between(1, 3)))
            out.quote(opening, content + draw.pick((".", "!", "?")), closing)
        elif kind < 0.8:  # a partial quotation inside a reported sentence
            opening, closing = self.quote_style()
            out.add(f"{self.clause()}, saying that ")
            out.quote(opening, _continuing(self.statement()), closing)
            out.add(".")
            if draw.chance(0.3):
                out.add(" " + self.sentence())
        elif kind < 0.9:  # “First part,” Name said, “second part.”
            opening, closing = self.quote_style()
            out.quote(opening, self.statement() + ",", closing)
            out.add(f" {draw.pick(('said', 'added', 'insisted'))} {draw.pick(self.words.speakers)}, ")
            out.quote(opening, _continuing(self.statement()) + ".", closing)
        else:  # a sentence, then a quotation ending the paragraph
            out.add(self.sentence() + " ")
            opening, closing = self.quote_style()
            out.quote(opening, self.statement() + ".", closing)
        return out.text(), tuple(out.quotes)

    def multi_paragraph_quote(self) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
        """A quotation over several paragraphs: it opens on each and closes only on the last."""
        draw = self.draw
        opening, closing = self.quote_style()
        paragraphs = []
        first = _Writer()
        if draw.chance(0.5):
            first.quote(opening, self.statement() + ",", closing)
            first.add(f" {draw.pick(self.words.speakers)} said. ")
        first.open_quote(opening, ". ".join(self.statement() for _ in range(draw.between(1, 3))) + ".")
        paragraphs.append((first.text(), tuple(first.quotes)))
        for _ in range(draw.between(0, 2)):
            middle = _Writer()
            middle.open_quote(opening, self.statement() + ". " + self.statement() + ".")
            paragraphs.append((middle.text(), tuple(middle.quotes)))
        last = _Writer()
        last.quote(opening, self.statement() + ".", closing)
        paragraphs.append((last.text(), tuple(last.quotes)))
        return paragraphs

    def headline(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        draw = self.draw
        out = _Writer()
        if draw.chance(0.15):
            opening, closing = self.quote_style()
            out.add(f"{draw.pick(self.words.names)}: ")
            out.quote(opening, self.statement(), closing)
            return out.text(), tuple(out.quotes)
        text = self.sentence()[:-1]
        if self.site.title_case:
            text = _title_case(text)
        out.add(text)
        return out.text(), ()

    # --- zones -----------------------------------------------------------------------------------
    def boilerplate(self, *blocks: str) -> None:
        for block in blocks:
            self.zones.append(("boilerplate", (block,), None))

    def article_block(self, text: str, quotes: tuple[tuple[int, int], ...] = ()) -> int:
        self.zones.append(("article", (text,), (quotes,)))
        return len(text)

    def teaser(self, teaser: _Teaser) -> int:
        draw = self.draw
        blocks = [teaser.headline]
        if teaser.summary is not None:
            blocks.append(teaser.summary)
        if draw.chance(0.85):
            blocks.append(self.timestamp())
        if draw.chance(0.05):
            blocks.insert(0, draw.pick(self.site.sections))  # a category label above the item
        self.zones.append(("teaser", tuple(blocks), None))
        return sum(len(block) + 2 for block in blocks)

    def timestamp(self) -> str:
        draw = self.draw
        roll = draw.random()
        if roll < 0.45:
            hours = draw.between(1, 23)
            return f"{hours} hour{'s' if hours > 1 else ''} ago"
        if roll < 0.6:
            return f"{draw.between(2, 59)} mins ago"
        if roll < 0.75:
            days = draw.between(1, 6)
            return f"{days} day{'s' if days > 1 else ''} ago"
        if roll < 0.8:
            return draw.pick(("Yesterday", "Just now", "1 week ago"))
        return f"{draw.pick(MONTHS)} {draw.between(1, 28)}, {draw.between(2019, 2025)}"

    def teaser_list(self, count: int) -> int:
        pool = self.site.teasers
        start = self.draw.between(0, len(pool) - 1)
        added = 0
        for number in range(count):
            if self.draw.chance(0.8):  # the site's own recent items, shared across its pages
                teaser = pool[(start + number) % len(pool)]
            else:
                teaser = _make_teaser(self.draw, self.words, self.site)
            added += self.teaser(teaser)
        return added

    def build(self) -> list[_Zone]:
        draw, site = self.draw, self.site
        target = int(MIN_TARGET_CHARS * (MAX_TARGET_CHARS / MIN_TARGET_CHARS) ** draw.random())
        small = target < 900
        if not small:
            self.boilerplate(*site.nav)
        self.boilerplate(draw.pick(site.sections))
        if draw.chance(SECTION_FRONT_SHARE):
            self.section_front(target)
            self.boilerplate(*site.follow)
        else:
            teaser_count = 0 if small else draw.between(2, 4 + target // 2500)
            self.article(target - teaser_count * 160 - (0 if small else 350))
            if not small:
                self.boilerplate(*site.follow)
            lists = 1 if teaser_count < 5 or draw.chance(0.5) else 2
            for number in range(lists if teaser_count else 0):
                self.boilerplate(site.list_headings[number])
                self.teaser_list(teaser_count // lists)
        self.boilerplate(*(site.footer[-1:] if small else site.footer))
        return self.zones

    def section_front(self, target: int) -> None:
        headings = self.site.list_headings
        first = self.draw.between(0, len(headings) - 1)
        length = number = 0
        while length < target:
            self.boilerplate(headings[(first + number) % len(headings)])
            length += self.teaser_list(self.draw.between(3, 10))
            number += 1

    def article(self, body_target: int) -> None:
        draw, site = self.draw, self.site
        length = self.article_block(*self.headline())
        if draw.chance(0.4):
            length += self.article_block(self.sentence())
        if draw.chance(0.6):
            byline = f"{site.byline_prefix}{draw.pick(self.words.names)}"
            if draw.chance(0.5):
                byline += f", {draw.pick(ROLES).capitalize()}"
            length += self.article_block(byline)
        if draw.chance(0.4):
            length += self.article_block(
                f"Published {draw.between(1, 28)} {draw.pick(MONTHS)} {draw.between(2019, 2025)}, "
                f"{draw.between(0, 23):02d}:{draw.between(0, 59):02d} GMT")
        while True:
            if draw.chance(0.07):
                for text, quotes in self.multi_paragraph_quote():
                    length += self.article_block(text, quotes)
            else:
                length += self.article_block(*self.paragraph())
            if length >= body_target:
                break
            if draw.chance(0.06):
                self.boilerplate(draw.pick(INLINE_BOILERPLATE))


def _continuing(statement: str) -> str:
    """A statement quoted mid-sentence: lower-cased first letter, except the pronoun I."""
    return statement if statement.startswith("I ") else statement[0].lower() + statement[1:]


def _clause(draw: _Draw, words: _Vocabulary) -> str:
    return f"{draw.pick(words.subjects)} {draw.pick(VERBS)} {draw.pick(words.objects)}"


def _statement(draw: _Draw, words: _Vocabulary) -> str:
    return f"{draw.pick(words.statement_subjects)} {draw.pick(words.statement_verbs)} {draw.pick(words.objects)}"


def _title_case(text: str) -> str:
    # str.title() would also capitalise after apostrophes ("Moscow’S").
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def _make_teaser(draw: _Draw, words: _Vocabulary, site: _Site) -> _Teaser:
    roll = draw.random()
    if roll < 0.12:
        # Quotation marks in a teaser headline: a teaser, never a quote span.
        opening, closing = site.quote_style
        headline = f"{draw.pick(words.names)}: {opening}{_statement(draw, words)}{closing}"
    else:
        headline = _clause(draw, words)
        if roll < 0.2:
            headline = f"{draw.pick(('🔥 ', '🇳🇬 ', '🇺🇦 ', 'BREAKING: ', 'WATCH: ', '#'))}{headline}"
        headline = _title_case(headline) if site.title_case else headline[0].upper() + headline[1:]
    if draw.chance(0.2):
        return _Teaser(headline, None)
    summary = f"{_clause(draw, words)}{draw.pick(words.tails)} as {_clause(draw, words)}"
    summary = summary[0].upper() + summary[1:]
    if draw.chance(0.8):
        cut = summary.rfind(" ", 0, draw.between(50, 110))
        ellipsis = draw.pick(("…", "…", "...", " …"))
        summary = summary[: cut if cut > 20 else len(summary)].rstrip(",—: ") + ellipsis
    else:
        summary += "."
    return _Teaser(headline, summary)


@lru_cache(maxsize=4 * SITES_PER_WINDOW)
def _site(seed: int, site_number: int) -> _Site:
    draw = _Draw(f"synth:{seed}:site:{site_number}")
    stem, suffix = draw.pick(SITE_STEMS), draw.pick(SITE_SUFFIXES)
    name = f"{stem}{draw.pick(('', ' ', ''))}{suffix}"
    if draw.chance(0.1):  # a stylised brand in mathematical letters (astral code points)
        name = "".join(MATH_SCRIPT.get(char, char) for char in name)
    apostrophe = "’" if draw.chance(0.75) else "'"
    sections = tuple(sorted({draw.pick(SECTIONS) for _ in range(5)}, key=SECTIONS.index))
    nav_style = draw.random()
    if nav_style < 0.4:
        nav: tuple[str, ...] = ("Home | " + " | ".join(sections),)
    elif nav_style < 0.7:
        nav = ("Menu", *sections)
    else:
        nav = (name, "Skip to content")
    follow = ((draw.pick(("Follow us on:", "Follow us:", "Share this:", "Share")),)
              + tuple(SOCIAL[:draw.between(0, 4)]) + (name,))
    headings = ("Recent Posts", "Related", f"More from {name}", *LIST_HEADINGS)
    first = int(draw.random() * len(headings))
    list_headings = headings[first:] + headings[:first]
    year = draw.between(2018, 2025)
    footer = tuple(block for block in (
        draw.pick(("Privacy Policy | Terms of Use | Contact", "About us", "Cookie settings")),
        "Subscribe to our newsletter 📬" if draw.chance(0.3) else "",
        draw.pick((f"© {year} {name}. All rights reserved.", f"Copyright © {year} {name} Media Ltd",
                   f"© {name} {year}")),
    ) if block)
    site = _Site(
        name=name, domain=f"{stem}{suffix}".lower() + draw.pick((".com", ".ng", ".co.uk", ".news")),
        apostrophe=apostrophe, quote_style=draw.weighted(QUOTE_STYLES, QUOTE_STYLE_WEIGHTS),
        title_case=draw.chance(0.6), nav=nav, sections=sections, follow=follow, list_headings=list_headings,
        footer=footer, byline_prefix=draw.pick(("By ", "By ", "", "Written by ")), teasers=(),
    )
    words = _vocabulary(apostrophe)
    teasers = tuple(_make_teaser(draw, words, site) for _ in range(40))
    return replace(site, teasers=teasers)


def _site_of(seed: int, index: int) -> _Site:
    window = index // PAGES_PER_WINDOW
    choice = _Draw(f"synth:{seed}:site-of:{index}").between(0, SITES_PER_WINDOW - 1)
    return _site(seed, window * SITES_PER_WINDOW + choice)


def _assemble(
    zones: list[_Zone], separator: str, inner_separator: str, ending: str
) -> tuple[str, tuple[Span, ...]]:
    """The page text (zones joined by ``separator``, a teaser's blocks by ``inner_separator``) and its spans."""
    parts: list[str] = []
    position = 0
    found: list[tuple[int, int, str]] = []
    for number, (label, blocks, quotes) in enumerate(zones):
        if number:
            parts.append(separator)
            position += len(separator)
        zone_index = len(found)
        found.append((position, 0, label))
        for block_number, block in enumerate(blocks):
            if block_number:
                parts.append(inner_separator)
                position += len(inner_separator)
            if quotes is not None:
                found.extend((position + start, position + end, "quote") for start, end in quotes[block_number])
            parts.append(block)
            position += len(block)
        found[zone_index] = (found[zone_index][0], position, label)
    parts.append(ending)
    text = "".join(parts)
    return text, tuple(Span(start, end, label, text[start:end]) for start, end, label in found)


def _render_html(site: _Site, zones: list[_Zone], name: str) -> str:
    """HTML whose visible blocks are exactly the zones' blocks, with invisible furniture around them."""
    escape = html.escape
    article_zones = [number for number, (label, _, _) in enumerate(zones) if label == "article"]
    first_article, last_article = (article_zones[0], article_zones[-1]) if article_zones else (-1, -1)
    title = zones[first_article][1][0] if article_zones else site.name
    out = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{escape(title)} | {escape(site.name)}</title>\n",
        f'<link rel="canonical" href="https://{site.domain}/{name}">\n',
        "<style>.teaser{margin:0}</style>\n<script>window.dataLayer=[{\"quote\":\"“not text”\"}];</script>\n",
        '</head>\n<body>\n<div aria-hidden="true">Skip navigation</div>\n<main>\n',
    ]
    for number, (label, blocks, _) in enumerate(zones):
        if number == first_article:
            out.append("<article>\n")
        if label == "teaser":
            out.append(f'<div class="teaser"><h3><a href="/{name}/{number}">{escape(blocks[0])}</a></h3>')
            out.extend(f"<p>{escape(block)}</p>" for block in blocks[1:])
            out.append('<span style="display: none">sponsored</span></div>\n')
        elif label == "article":
            tag = "h1" if number == first_article else "p"
            out.append(f"<{tag}>{escape(blocks[0])}</{tag}>\n")
        else:
            out.append(f'<div class="bp">{escape(blocks[0])}</div>\n')
        if number == last_article:
            out.append("</article>\n")
    out.append('<div hidden>Cookie banner</div>\n</main>\n<noscript>Enable JavaScript</noscript>\n')
    out.append("</body>\n</html>\n")
    return "".join(out)


def _html_page(name: str, site: _Site, zones: list[_Zone], parse_html: Callable) -> SyntheticPage:
    markup = _render_html(site, zones, name)
    rendered = parse_html(markup.encode("utf-8"), f"pages/{name}.html")
    expected = [block for _, blocks, _ in zones for block in blocks]
    got = [block.text for block in rendered.blocks]
    if got != expected:
        mismatch = next(i for i in range(len(expected)) if i >= len(got) or got[i] != expected[i])
        raise AssertionError(f"pages/{name}.html renders block {mismatch} as {got[mismatch:mismatch + 1]!r}, "
                             f"expected {expected[mismatch]!r}")
    text, spans = _assemble(zones, "\n\n", "\n\n", "")
    if text != rendered.text:
        raise AssertionError(f"pages/{name}.html: rendered text differs from the joined blocks")
    return SyntheticPage(name=name, text=text, spans=_store_order(spans), html=markup)


def _store_order(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    return tuple(sorted(spans, key=lambda span: (span.start, span.label == "quote", span.end)))


def page_name(index: int) -> str:
    return f"{index:0{PAGE_NAME_DIGITS}d}"


def iter_synthetic(n: int, seed: int = 0, start: int = 0, html_share: float = 0.0) -> Iterator[SyntheticPage]:
    """Pages ``start .. start+n-1`` of the synthetic corpus ``seed``; page ``i`` depends only on ``(seed, i)``
    (and, for whether it is an HTML page, on ``html_share``). Bad arguments raise ``ConfigError`` at once."""
    if n < 0 or start < 0:
        raise ConfigError(f"page count and start must be >= 0, got n={n}, start={start}")
    if not 0.0 <= html_share <= 1.0:
        raise ConfigError(f"html share must be within [0, 1], got {html_share}")
    parse_html = None
    if html_share > 0:
        from corpus.html import parse_html  # lxml is only needed when HTML pages are asked for
    return _pages(n, seed, start, html_share, parse_html)


def _pages(
    n: int, seed: int, start: int, html_share: float, parse_html: Callable | None
) -> Iterator[SyntheticPage]:
    for index in range(start, start + n):
        name = page_name(index)
        draw = _Draw(f"synth:{seed}:page:{index}")
        site = _site_of(seed, index)
        zones = _PageMaker(draw, site).build()
        # Decided from its own stream so that html_share changes which pages are HTML, not their content.
        if parse_html is not None and _Draw(f"synth:{seed}:html:{index}").random() < html_share:
            yield _html_page(name, site, zones, parse_html)
            continue
        separator = draw.pick(SEPARATORS)
        inner_separator = separator if draw.chance(0.5) else "\n"
        ending = draw.pick(("", "\n", "\n", "\n\n"))
        if draw.chance(CRLF_SHARE):
            separator, inner_separator, ending = (
                part.replace("\n", "\r\n") for part in (separator, inner_separator, ending))
        text, spans = _assemble(zones, separator, inner_separator, ending)
        yield SyntheticPage(name=name, text=text, spans=_store_order(spans))


def annotation_of(page: SyntheticPage, seed: int) -> Annotation:
    """The page's gold annotation as the store records it."""
    return Annotation(
        annotation_id=f"synth-{seed}-{page.name}",
        doc_id=doc_id_for(page.text),
        text_sha256=text_sha256(page.text),
        origin="human",
        spans=page.spans,
        annotator=ANNOTATOR,
        source=page.source,
        ground_truth=True,
    )


def replace_folder(staging: Path, out: Path) -> None:
    """Put the complete folder ``staging`` (a sibling of ``out``) in the place of ``out``."""
    if out.exists():
        # Move the old folder aside first so that out is never missing or half-deleted.
        retired = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".old"))
        os.replace(out, retired / out.name)
        os.replace(staging, out)
        shutil.rmtree(retired)
    else:
        os.replace(staging, out)


def write_synthetic(n: int, out: Path, seed: int = 0, html_share: float = 0.0, *,
                    overwrite: bool = False) -> dict[str, int]:
    """Write ``n`` pages to ``out/pages/`` and their gold to ``out/annotations/<doc_id>.jsonl``.

    The folder appears complete or not at all: pages are written to a sibling temporary folder that is
    renamed to ``out`` at the end. An existing non-empty ``out`` is an error unless ``overwrite``.
    Returns counts of pages, page kinds and spans per label.
    """
    out = Path(out)
    generated = iter_synthetic(n, seed, html_share=html_share)
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not overwrite:
        raise ConfigError(f"{out} exists and is not empty; choose another --out or pass --overwrite")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    staging.chmod(0o755)  # mkdtemp's 0700 would otherwise become the output folder's mode
    counts: Counter[str] = Counter()
    try:
        pages, annotations = staging / "pages", staging / "annotations"
        pages.mkdir()
        annotations.mkdir()
        for page in track(generated, "synth", total=n):
            annotation = annotation_of(page, seed)
            if page.html is None:
                (pages / f"{page.name}.txt").write_bytes(page.text.encode("utf-8"))
            else:
                (pages / f"{page.name}.html").write_bytes(page.html.encode("utf-8"))
            line = json.dumps(annotation_to_json(annotation), ensure_ascii=False) + "\n"
            # Two pages with the same text share a document file, as in the store.
            with open(annotations / f"{annotation.doc_id}.jsonl", "a", encoding="utf-8", newline="") as handle:
                handle.write(line)
            counts["pages"] += 1
            counts["html_pages" if page.html is not None else "text_pages"] += 1
            counts["crlf_pages"] += "\r\n" in page.text
            counts["section_fronts"] += not any(span.label == "article" for span in page.spans)
            counts["chars"] += len(page.text)
            counts.update(span.label for span in page.spans)
        replace_folder(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dict(counts)
