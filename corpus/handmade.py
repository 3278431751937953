"""Hand-made gold: labelled ``NAME.page`` files (format in ``tests/gold/README.md``) checked and turned into
gold folders in the layout ``corpus synth`` writes, in five renderings of each page:

  text      the page's plain text (NAME.txt), the spans straight from the labels;
  spaced    the same plain text with every line parted from the next by one blank line, whatever the page's
            own grouping (scrapers that print each block as a paragraph);
  semantic  HTML from a template with semantic tags (header/nav, article/h1/p, aside/section cards, footer);
  div       the same template as div soup (div/span/a with class names only);
  hand      the hand-written NAME.html beside the page, for pages with ``# html: yes``.

The HTML renderings are ingested with ``corpus.ingest.read_page`` as ``corpus build`` ingests them, the page's
lines aligned to the ingested blocks in order, and the spans written on the ingested text; every annotation
must pass the project's own span rules. Every problem is a ``Problem`` naming the page file, its line number
and the text concerned, so that ``check`` can list all of them and ``build`` refuses a page with the same
messages. ``scripts/handmade-gold`` is the command line.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotation.agreement import check_annotation
from annotation.store import annotation_to_json
from corpus.html import HTML_SPACE_RUN_RE, WHITESPACE_CHARS, parse_html
from corpus.ingest import read_page
from corpus.synth import replace_folder
from schemas.errors import ConfigError, InputError
from schemas.records import Annotation, Document, Span, doc_id_for, is_whitespace, text_sha256
from schemas.rules import span_faults

ANNOTATOR = "handmade"
RENDERINGS = ("text", "spaced", "semantic", "div", "hand")
HEADER_KEYS = {"lang": None, "kind": ("story", "front"), "html": ("yes", "no")}
LINE_LABELS = {"A": "article", "B": "boilerplate", "T": "teaser", "T+": "teaser"}
SWITCH_ZONES = {"A": "article", "B": "boilerplate", "T": "teaser"}
QUOTE_OPEN, QUOTE_CLOSE = "⟦", "⟧"
SWITCH_RE = re.compile(r"⟪([^⟫]*)⟫")
LINE_RE = re.compile(r"(T\+|[ABT])\| (.*)\Z", re.DOTALL)

# Opening quotation marks (guidelines §7.1) by language; languages not listed accept all of them.
ALL_OPENERS = "“‘\"'«‹„‚”’»「『"
OPENERS_BY_LANG = {
    "en": "“‘\"'", "de": "„‚»›“‘\"'«‹", "fr": "«“‹\"'‘", "fi": "”’»\"'", "sv": "”’»\"'",
    "it": "«“‘\"'", "es": "«“‘\"'", "pt": "«“‘\"'", "nl": "“‘„\"'", "pl": "„«\"'",
    "ru": "«„\"", "uk": "«„\"", "cs": "„‚\"'", "da": "»„“\"'", "no": "«“\"'", "nb": "«“\"'",
    "ja": "「『", "zh": "“「『", "tr": "“‘\"'«",
}
CLOSERS = "”’\"'»›«‹“‘」』"
# Dash-introduced dialogue is never labelled a quote (guidelines §7.2), in any language.
SPEECH_DASHES = "—–―"
# Scripts that separate words with spaces: there a quote starting right after a letter starts inside a word;
# CJK, Thai and the like write a quotation mark right after a letter.
SPACED_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "GEORGIAN", "HEBREW", "ARABIC", "DEVANAGARI", "HANGUL"}
DATE_LIKE_RE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b\d{1,2}[:.h]\d\d\b|\b(ago|vor|il y a|hours?|minutes?|Stunden?|Minuten?|heures?)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    page: str
    line: int | None  # 1-based line of the page file; None for the page as a whole
    message: str
    text: str | None = None

    def __str__(self) -> str:
        where = f"{self.page}:{self.line}" if self.line else self.page
        shown = f": {self.text!r}" if self.text is not None else ""
        return f"{where}: {self.message}{shown}"


@dataclass
class Segment:
    zone: str  # article / boilerplate / teaser
    start: int  # [start, end) in the line text (marks removed), untrimmed
    end: int
    item: int | None = None  # teaser item number, for teaser segments


@dataclass
class Line:
    number: int  # 1-based line number in the .page file
    label: str  # A / B / T / T+
    raw: str  # as written, after the prefix
    text: str = ""  # marks removed
    segments: list[Segment] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # [start, end) in text


@dataclass
class Page:
    path: Path
    name: str
    header: dict[str, str]
    lines: list[Line]  # labelled lines in order
    blanks_before: list[int]  # blank lines before each labelled line (0 for the first)

    @property
    def kind(self) -> str:
        return self.header["kind"]

    @property
    def hand_html(self) -> Path | None:
        """The hand-written HTML the header announces (``# html: yes``), beside the page."""
        return self.path.with_suffix(".html") if self.header.get("html") == "yes" else None

    def plain_text(self, every_block_apart: bool = False) -> tuple[str, list[int]]:
        """The document text and the offset of each labelled line in it: the lines parted as the page groups
        them, or (``every_block_apart``) each parted from the next by exactly one blank line, as scrapers that
        print every block as a paragraph do."""
        parts, starts, position = [], [], 0
        for number, (line, blanks) in enumerate(zip(self.lines, self.blanks_before)):
            separator = "" if number == 0 else "\n" * (2 if every_block_apart else 1 + blanks)
            parts.append(separator)
            position += len(separator)
            starts.append(position)
            parts.append(line.text)
            position += len(line.text)
        return "".join(parts), starts


Report = Callable[..., None]  # report(line number or None, message, text=None)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and is_whitespace(text[start]):
        start += 1
    while end > start and is_whitespace(text[end - 1]):
        end -= 1
    return start, end


def parse_page(path: Path) -> tuple[Page | None, list[Problem]]:
    """The page and every syntax problem found (the page is None when the header or the lines are unusable)."""
    path = Path(path)
    problems: list[Problem] = []

    def problem(line: int | None, message: str, text: str | None = None) -> None:
        problems.append(Problem(str(path), line, message, text))

    try:
        raw_text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problem(None, f"cannot read the page as UTF-8: {error}")
        return None, problems
    if raw_text.startswith("\ufeff"):
        raw_text = raw_text[1:]
    file_lines = raw_text.split("\n")
    if file_lines and file_lines[-1] == "":
        file_lines.pop()
    header: dict[str, str] = {}
    index = 0
    while index < len(file_lines) and file_lines[index].startswith("#"):
        number, content = index + 1, file_lines[index].rstrip("\r")
        match = re.fullmatch(r"#\s*([a-z]+)\s*:\s*(\S+)\s*", content)
        if not match:
            problem(number, "header line must read '# key: value'", content)
        else:
            key, value = match.groups()
            if key not in HEADER_KEYS:
                problem(number, f"unknown header key {key!r}; known keys: {', '.join(HEADER_KEYS)}", content)
            elif key in header:
                problem(number, f"header key {key!r} given twice", content)
            elif HEADER_KEYS[key] is not None and value not in HEADER_KEYS[key]:
                problem(number, f"header {key!r} must be one of {', '.join(HEADER_KEYS[key])}, got {value!r}", content)
            elif key == "lang" and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
                problem(number, f"lang must be a BCP-47 tag such as 'en' or 'pt-BR', got {value!r}", content)
            else:
                header[key] = value
        index += 1
    for key in ("lang", "kind"):
        # a header line of that key that is already reported is not reported missing as well
        if key not in header and not any(p.text and p.text.lstrip("# ").startswith(key) for p in problems):
            problem(1, f"missing header line '# {key}: ...' at the top of the page")
    if "lang" not in header or "kind" not in header:
        return None, problems

    lines: list[Line] = []
    blanks_before: list[int] = []
    blanks = 0
    for index in range(index, len(file_lines)):
        number, content = index + 1, file_lines[index]
        if content.endswith("\r"):
            problem(number, "line ends with a carriage return (save the page with \\n line ends)", content)
            content = content.rstrip("\r")
        if content.strip(WHITESPACE_CHARS) == "":
            if content:
                problem(number, "blank line holds white space; leave it empty", content)
            blanks += 1
            continue
        if content.startswith("#"):
            problem(number, "header lines ('#') are only allowed at the very top", content)
            continue
        match = LINE_RE.match(content)
        if not match:
            problem(number, "a line must start with 'A| ', 'B| ', 'T| ' or 'T+| ' (label, bar, one space)", content)
            continue
        label, raw = match.groups()
        if not raw.strip(WHITESPACE_CHARS):
            problem(number, f"the {label}| line has no text", content)
            continue
        if raw != raw.strip(WHITESPACE_CHARS):
            problem(number, "text has leading or trailing white space (one space after the bar only, none at "
                    "the end)", content)
            continue
        line = Line(number, label, raw)
        _parse_marks(line, header["lang"], problem)
        lines.append(line)
        blanks_before.append(0 if not lines[:-1] else blanks)
        blanks = 0
    if not lines:
        problem(None, "the page has no labelled line")
        return None, problems
    page = Page(path, path.stem, header, lines, blanks_before)
    _check_structure(page, problem)
    return page, problems


def _parse_marks(line: Line, lang: str, problem: Report) -> None:
    """Fill ``line.text``, ``segments`` and ``quotes`` from its raw text; report bad marks."""
    zone = LINE_LABELS[line.label]
    out: list[str] = []
    segment_start = 0
    segments: list[Segment] = []
    quote_start: int | None = None
    quote_zone_ok = True
    position = 0
    raw = line.raw
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "⟪":
            match = SWITCH_RE.match(raw, i)
            if not match or match.group(1) not in SWITCH_ZONES:
                shown = match.group(0) if match else raw[i:i + 4]
                problem(line.number, f"bad switch mark {shown!r}: write ⟪A⟫, ⟪B⟫ or ⟪T⟫", raw)
                i = match.end() if match else i + 1
                continue
            new_zone = SWITCH_ZONES[match.group(1)]
            if quote_start is not None:
                problem(line.number, f"switch mark {match.group(0)} inside a quote ⟦…⟧", raw)
                quote_zone_ok = False
            # ⟪T⟫ in teaser text starts a new item, so only the other zones cannot switch to themselves
            if new_zone == zone and new_zone != "teaser":
                problem(line.number, f"switch mark {match.group(0)} does not change the zone (already {zone})", raw)
            segments.append(Segment(zone, segment_start, position))
            zone, segment_start = new_zone, position
            i = match.end()
            continue
        if char == "⟫":
            problem(line.number, "'⟫' without its '⟪'", raw)
            i += 1
            continue
        if char == QUOTE_OPEN:
            if quote_start is not None:
                problem(line.number, "quote brackets nest ('⟦' inside '⟦…⟧'); label only the outermost quotation", raw)
            else:
                quote_start, quote_zone_ok = position, zone == "article"
                if zone != "article":
                    problem(line.number, f"quote ⟦…⟧ in {zone} text: quotes are only labelled in article text "
                            "(guidelines §7.2)", raw)
            i += 1
            continue
        if char == QUOTE_CLOSE:
            if quote_start is None:
                problem(line.number, "'⟧' without its '⟦' on the same line (brackets never cross a line)", raw)
            elif position == quote_start:
                problem(line.number, "empty quote '⟦⟧'", raw)
                quote_start = None
            else:
                if quote_zone_ok:
                    line.quotes.append((quote_start, position))
                quote_start = None
            i += 1
            continue
        out.append(char)
        position += 1
        i += 1
    if quote_start is not None:
        problem(line.number, "'⟦' is not closed by '⟧' on the same line (a quotation over several paragraphs is "
                "marked once per paragraph, each piece closed on its line)", raw)
    segments.append(Segment(zone, segment_start, position))
    line.text = "".join(out)
    text = line.text
    for segment in segments:
        start, end = _trim(text, segment.start, segment.end)
        if start == end:
            problem(line.number, "a switch mark leaves an empty part of the line (put ⟪X⟫ between two texts)", raw)
        else:
            line.segments.append(segment)
    if text != text.strip(WHITESPACE_CHARS):
        problem(line.number, "text has leading or trailing white space once the marks are removed", raw)
    for start, end in line.quotes:
        _check_quote(line, lang, start, end, problem)


def _check_quote(line: Line, lang: str, start: int, end: int, problem: Report) -> None:
    text = line.text
    quoted = text[start:end]
    openers = OPENERS_BY_LANG.get(lang.split("-")[0].lower(), ALL_OPENERS)
    first, last = quoted[0], quoted[-1]
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""

    def fault(message: str) -> None:
        problem(line.number, f"quote ⟦{quoted[:40]}{'…' if len(quoted) > 40 else ''}⟧: {message}", line.raw)

    if before.isalnum() and first in "’'":
        fault(f"starts on an apostrophe inside a word (after {before!r}); an apostrophe is never a quote mark")
        return
    if before and before in ALL_OPENERS + CLOSERS and first not in openers:
        fault(f"the brackets go OUTSIDE the quotation marks: move '⟦' before {before!r}")
        return
    if first in SPEECH_DASHES:
        fault(f"starts on the dash {first!r}: dash-introduced speech is never a quote (guidelines §7.2)")
        return
    if first not in openers:
        fault(f"must start on an opening quotation mark used in '{lang}' ({' '.join(openers)}), starts with "
              f"{first!r}")
    elif before.isalnum() and _spaced_script(before):
        fault(f"starts right after {before!r}, inside a word")
    if after and after in CLOSERS and last not in CLOSERS:
        fault(f"the brackets go OUTSIDE the quotation marks: move '⟧' after {after!r}")
    elif after.isalnum() and last in "’'":
        fault(f"ends on an apostrophe (followed by {after!r}); apostrophes never close a quote")
    elif last not in CLOSERS and end != len(text):
        fault("must end on its closing quotation mark, or at the end of its line when the quotation "
              "continues in the next paragraph (guidelines §5)")
    if is_whitespace(last):
        fault("ends on white space")


def _spaced_script(char: str) -> bool:
    return unicodedata.name(char, "").split(" ")[0] in SPACED_SCRIPTS


def _check_structure(page: Page, problem: Report) -> None:
    """T+ only right after a teaser, items numbered, story/front consistency."""
    item = -1
    open_item = False  # the previous labelled line ends in a teaser segment
    for line in page.lines:
        for position, segment in enumerate(line.segments):
            if segment.zone != "teaser":
                open_item = False
                continue
            continues = position == 0 and line.label == "T+"
            if continues and not open_item:
                problem(line.number, "T+| continues a teaser item, but the line above does not end in one (start "
                        "the item with T| or remove the other label in between)", line.raw)
            if not continues:
                item += 1
            segment.item = item
            open_item = True
        if line.segments and line.segments[-1].zone != "teaser":
            open_item = False
    has_article = any(s.zone == "article" for line in page.lines for s in line.segments)
    if page.kind == "front" and has_article:
        first = next(line for line in page.lines if any(s.zone == "article" for s in line.segments))
        problem(first.number, "a front page (kind: front) has no article text (guidelines §8.5)", first.raw)
    if page.kind == "story" and not has_article:
        problem(None, "a story page (kind: story) needs article lines (A|)")


# --- spans ---------------------------------------------------------------------------------------------------


def spans_on(page: Page, text: str, starts: Sequence[int], maps: list[list[int]] | None = None) -> list[Span]:
    """The gold spans on ``text``, where labelled line ``i`` starts at ``starts[i]``; ``maps[i][p]`` is where
    character ``p`` of the line's text is in its rendering (None: identical). A zone part of a line is trimmed
    of white space at both ends; a teaser item runs from its first part to its last, across lines."""

    def at(index: int, position: int) -> int:
        return starts[index] + (position if maps is None else maps[index][position])

    found: list[tuple[int, int, str]] = []
    items: dict[int, list[int]] = {}
    for index, line in enumerate(page.lines):
        for segment in line.segments:
            start, end = _trim(line.text, segment.start, segment.end)
            first, last = at(index, start), at(index, end - 1) + 1
            if segment.zone == "teaser":
                extent = items.setdefault(segment.item, [first, last])
                extent[1] = last
            else:
                found.append((first, last, segment.zone))
        for start, end in line.quotes:
            found.append((at(index, start), at(index, end - 1) + 1, "quote"))
    found.extend((first, last, "teaser") for first, last in items.values())
    return [Span.on(text, start, end, label) for start, end, label in found]


def annotation_for(page: Page, rendering: str, text: str, spans: list[Span], source: str) -> Annotation:
    return Annotation(
        annotation_id=f"{ANNOTATOR}-{rendering}-{page.name}",
        doc_id=doc_id_for(text),
        text_sha256=text_sha256(text),
        origin="human",
        spans=tuple(sorted(spans, key=lambda s: (s.start, s.label == "quote", s.end))),
        annotator=ANNOTATOR,
        source=source,
        ground_truth=True,
    )


def _line_of_offset(starts: Sequence[int], offset: int) -> int:
    """Index of the labelled line holding ``offset`` (``starts`` ascend)."""
    return max(bisect_right(starts, offset) - 1, 0)


def _rule_problems(page: Page, rendering: str, annotation: Annotation, text: str,
                   starts: Sequence[int]) -> list[Problem]:
    """The project's rules (span_faults with complete coverage, check_annotation) on a built annotation."""
    problems = []
    for fault in span_faults(text, annotation.spans, complete=True):
        line = page.lines[_line_of_offset(starts, fault.start or 0)]
        problems.append(Problem(str(page.path), line.number,
                                f"[{rendering}] project rule {fault.rule}: {fault.message}", line.raw))
    try:
        check_annotation(Document.from_text(text), annotation, where=f"{page.path} [{rendering}]")
    except InputError as error:
        problems.append(Problem(str(page.path), None, str(error)))
    return problems


# --- HTML ------------------------------------------------------------------------------------------------------


def rendered_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` as the HTML renderer shows one block of it (HTML white space runs collapsed to one space; the
    line is already trimmed) and, for each character of ``text``, its position in the rendering."""
    out, mapping, position, last = [], [], 0, 0
    for match in HTML_SPACE_RUN_RE.finditer(text):
        for char in text[last:match.start()]:
            out.append(char)
            mapping.append(position)
            position += 1
        out.append(" ")
        mapping.extend([position] * (match.end() - match.start()))
        position += 1
        last = match.end()
    for char in text[last:]:
        out.append(char)
        mapping.append(position)
        position += 1
    return "".join(out), mapping


def align_html(page: Page, html_path: Path, rendering: str
               ) -> tuple[Document | None, list[int], list[list[int]], list[Problem]]:
    """Ingest ``html_path`` as ``corpus build`` does and align the page's lines to its blocks, in order: the
    document, each line's start in its text, each line's character map (``rendered_with_map``) and the
    problems (a line that is not one block of its own, visible text that is no line of the page)."""
    where = str(page.path)
    source = f"pages/{html_path.name}"
    try:
        document = read_page(html_path, source=source)
    except InputError as error:
        return None, [], [], [Problem(where, None, f"[{rendering}] {html_path} cannot be ingested: {error}")]
    # read_page keeps only the text; the blocks come from the same parse (read_page's text is its text)
    rendered = parse_html(html_path.read_bytes(), source)
    blocks = [block.text for block in rendered.blocks]
    problems: list[Problem] = []
    starts: list[int] = []
    maps: list[list[int]] = []

    def extra_text(number: int, extras: list[str], place: str) -> None:
        problems.extend(Problem(where, number, f"[{rendering}] {html_path.name} shows text that is no line of the "
                                f"page {place}", extra) for extra in extras)

    block = 0
    for line in page.lines:
        expected, mapping = rendered_with_map(line.text)
        if block < len(blocks) and blocks[block] == expected:
            starts.append(rendered.block_starts[block])
            maps.append(mapping)
            block += 1
            continue
        later = next((k for k in range(block, len(blocks)) if blocks[k] == expected), None)
        if later is not None:
            extra_text(line.number, blocks[block:later], "before this line")
            starts.append(rendered.block_starts[later])
            maps.append(mapping)
            block = later + 1
            continue
        # a later block that holds the start of the line, or the line and more: what lies before it is extra text
        partial = next((k for k in range(block, len(blocks))
                        if expected.startswith(blocks[k]) or blocks[k].startswith(expected)), None)
        if partial is not None:
            extra_text(line.number, blocks[block:partial], "before this line")
            block = partial
        got = blocks[block] if block < len(blocks) else None
        if got is None:
            message = "line not found in the HTML (the HTML has no more visible blocks)"
        elif got.startswith(expected):
            message = (f"line is not a block of its own in {html_path.name}: its block goes on with "
                       f"{got[len(expected):][:60]!r}")
        elif expected.startswith(got):
            message = f"line is split over several blocks in {html_path.name}: the first block is {got[:60]!r}"
        else:
            message = f"line not found in {html_path.name} where expected; the HTML shows {got[:80]!r} there"
        problems.append(Problem(where, line.number, f"[{rendering}] {message}", line.text))
        # the alignment is lost here: the lines below would all be reported too
        return document, starts, maps, problems
    extra_text(page.lines[-1].number, blocks[block:], "after the last line")
    return document, starts, maps, problems


def _content(line: Line, div: bool) -> str:
    """A line's inner HTML: one inline element per zone part when the line mixes zones."""
    esc = html.escape
    if len(line.segments) == 1 and line.segments[0].start == 0 and line.segments[0].end == len(line.text):
        return esc(line.text)
    # the parts run from one switch mark to the next, so together they are the line's text exactly
    parts, position = [], 0
    zones = [(segment.start, segment.zone) for segment in line.segments]
    for number, (_, zone) in enumerate(zones):
        stop = zones[number + 1][0] if number + 1 < len(zones) else len(line.text)
        piece = esc(line.text[position:stop])
        if zone == "teaser":
            parts.append(f'<a href="/story/{line.number}-{number}" class="inline-link">{piece}</a>')
        else:
            parts.append(f'<span class="{"part-" + zone if div else zone}">{piece}</span>')
        position = stop
    return "".join(parts)


def _regions(page: Page) -> tuple[list[Line], list[Line], list[Line], list[Line], list[Line]]:
    """head (leading B lines), before (up to the article), article (first to last A line), after, tail
    (trailing B lines); fronts have everything but head and tail in ``before``."""
    lines = page.lines
    head_end = 0
    # a B line just above a teaser is that list's heading, not site header
    while (head_end < len(lines) - 1 and lines[head_end].label == "B"
           and lines[head_end + 1].label != "T"):
        head_end += 1
    tail_start = len(lines)
    while tail_start - 1 > head_end and lines[tail_start - 1].label == "B":
        tail_start -= 1
    body = lines[head_end:tail_start]
    article = [i for i, line in enumerate(body) if line.label == "A"]
    if not article:
        return lines[:head_end], body, [], [], lines[tail_start:]
    first, last = article[0], article[-1]
    return lines[:head_end], body[:first], body[first:last + 1], body[last + 1:], lines[tail_start:]


def _date_like(line: Line) -> bool:
    return len(line.text) <= 60 and DATE_LIKE_RE.search(line.text) is not None


class _Tags:
    """The element names of one template: semantic tags, or div soup with class names."""

    def __init__(self, div: bool) -> None:
        self.div = div

    def open(self, semantic: str, cls: str) -> str:
        return f'<div class="{cls}">' if self.div else (f'<{semantic} class="{cls}">' if cls else f"<{semantic}>")

    def close(self, semantic: str) -> str:
        return "</div>" if self.div else f"</{semantic}>"

    def block(self, semantic: str, cls: str, inner: str) -> str:
        return f"{self.open(semantic, cls)}{inner}{self.close(semantic)}\n"


def _teaser_lists(lines: list[Line], tags: _Tags, out: list[str], wrapper: str) -> None:
    """Lines without article text: sections of cards, each headed by the B line just above its first item."""
    section_open = card_open = False

    def close_card() -> None:
        nonlocal card_open
        if card_open:
            out.append(tags.close("article") + tags.close("li") + "\n")
            card_open = False

    def close_section() -> None:
        nonlocal section_open
        close_card()
        if section_open:
            out.append(tags.close("ul") + tags.close("section") + "\n")
            section_open = False

    out.append(tags.open(wrapper, "related" if wrapper == "aside" else "stream") + "\n")
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else None
        if line.label == "B":
            close_section()
            if following is not None and following.label == "T":
                out.append(tags.open("section", "teaser-list") + "\n")
                out.append(tags.block("h2", "list-heading", _content(line, tags.div)))
                out.append(tags.open("ul", "cards") + "\n")
                section_open = True
            else:
                out.append(tags.block("p", "notice", _content(line, tags.div)))
            continue
        if line.label == "T":
            close_card()
            if not section_open:
                out.append(tags.open("section", "teaser-list") + tags.open("ul", "cards") + "\n")
                section_open = True
            out.append(tags.open("li", "card") + tags.open("article", "card-body"))
            headline = _content(line, tags.div)
            if len(line.segments) == 1:
                headline = f'<a href="/story/{line.number}" class="card-link">{headline}</a>'
            out.append(tags.block("h3", "card-title", headline))
            card_open = True
            continue
        # T+ (A lines are never here): the card's further lines.
        # <time> is inline: two in a row would render as one block, so it sits in a <p> of its own.
        content = _content(line, tags.div)
        if _date_like(line):
            out.append(tags.block("p", "card-time", content if tags.div else f"<time>{content}</time>"))
        else:
            out.append(tags.block("p", "card-summary", content))
    close_section()
    out.append(tags.close(wrapper) + "\n")


def render_html(page: Page, div: bool) -> str:
    """The page as HTML: semantic tags (``div`` False) or div soup; deterministic."""
    tags = _Tags(div)
    esc = html.escape
    head, before, article, after, tail = _regions(page)
    title = next((line.text for line in page.lines if line.label == "A"), page.name)
    # a style, a script and a hidden element, as real pages have: none of them may show in the ingested text
    out = [f'<!DOCTYPE html>\n<html lang="{esc(page.header["lang"])}">\n<head>\n<meta charset="utf-8">\n'
           f"<title>{esc(title)}</title>\n<style>.card{{margin:0}}</style>\n"
           '<script>window.dataLayer=[{"page":"kit"}];</script>\n</head>\n<body>\n']
    if head:
        out.append(tags.open("header", "site-header") + tags.open("nav", "site-nav") + tags.open("ul", "menu") + "\n")
        out.extend(tags.block("li", "menu-item", _content(line, div)) for line in head)
        out.append(tags.close("ul") + tags.close("nav") + tags.close("header") + "\n")
    out.append(tags.open("main", "content") + "\n")
    if before:
        _teaser_lists(before, tags, out, "section" if not article else "aside")
    if article:
        out.append(tags.open("article", "story") + "\n")
        headline_done = False
        for line in article:
            if line.label == "A":
                if not headline_done:
                    out.append(tags.block("h1", "headline", _content(line, div)))
                    headline_done = True
                elif _date_like(line) and len(line.segments) == 1:
                    out.append(tags.block("p", "dateline", (f"<time>{_content(line, div)}</time>" if not div
                                                            else f'<span class="date">{_content(line, div)}</span>')))
                else:
                    out.append(tags.block("p", "body", _content(line, div)))
            elif line.label == "B":
                out.append(tags.open("aside", "inline-box") + tags.block("p", "inline-note", _content(line, div))
                           + tags.close("aside") + "\n")
            else:
                inner = _content(line, div)
                if line.label == "T" and len(line.segments) == 1:
                    inner = f'<a href="/story/{line.number}" class="inline-link">{inner}</a>'
                out.append(tags.open("aside", "inline-promo") + tags.block("p", "promo", inner)
                           + tags.close("aside") + "\n")
        out.append(tags.close("article") + "\n")
    if after:
        _teaser_lists(after, tags, out, "aside")
    out.append(tags.close("main") + "\n")
    if tail:
        out.append(tags.open("footer", "site-footer") + "\n")
        out.extend(tags.block("p", "footer-line", _content(line, div)) for line in tail)
        out.append(tags.close("footer") + "\n")
    out.append('<div hidden>Cookie settings</div>\n</body>\n</html>\n')
    return "".join(out)


# --- the renderings ------------------------------------------------------------------------------------------


def write_renderings(page: Page, folder: Path) -> tuple[dict[str, Annotation], list[Problem]]:
    """Write the page's renderings to ``folder/<rendering>/pages/`` and ingest them from there, as ``corpus
    build`` reads a gold folder; returns the gold annotation of each rendering that has no problem, and every
    problem found (a rendering with problems has no annotation)."""
    problems: list[Problem] = []
    annotations: dict[str, Annotation] = {}
    for rendering, every_block_apart in (("text", False), ("spaced", True)):
        text, starts = page.plain_text(every_block_apart)
        txt_path = _page_file(folder, rendering, f"{page.name}.txt")
        txt_path.write_bytes(text.encode("utf-8"))
        ingested = read_page(txt_path, source=f"pages/{txt_path.name}").text
        # every line where its spans put it in the text `corpus build` reads, as align_html checks the HTML; the
        # first line out of place is named (the lines below it are all out of place then)
        misplaced = next((Problem(str(page.path), line.number, f"[{rendering}] the line is not at its offset {start} "
                                  f"in the ingested {txt_path.name}", line.text)
                          for line, start in zip(page.lines, starts)
                          if ingested[start:start + len(line.text)] != line.text), None)
        if misplaced is not None or ingested != text:
            problems.append(misplaced or Problem(str(page.path), None, f"[{rendering}] the ingested .txt differs "
                                                 "from the page text"))
            continue
        annotation = annotation_for(page, rendering, text, spans_on(page, text, starts), f"pages/{txt_path.name}")
        text_problems = _rule_problems(page, rendering, annotation, text, starts)
        problems += text_problems
        if not text_problems:
            annotations[rendering] = annotation
    sources = {"semantic": render_html(page, div=False).encode("utf-8"),
               "div": render_html(page, div=True).encode("utf-8")}
    hand = page.hand_html
    beside = page.path.with_suffix(".html")
    if hand is None and beside.is_file():
        problems.append(Problem(str(page.path), 1, f"{beside.name} lies beside the page but the header does not say "
                                "'# html: yes'"))
    elif hand is not None and not hand.is_file():
        problems.append(Problem(str(page.path), None, f"'# html: yes' but {hand} does not exist"))
    elif hand is not None:
        sources["hand"] = hand.read_bytes()
    for rendering, data in sources.items():
        html_path = _page_file(folder, rendering, f"{page.name}.html")
        html_path.write_bytes(data)
        document, block_starts, maps, aligned = align_html(page, html_path, rendering)
        problems += aligned
        if aligned:
            continue
        spans = spans_on(page, document.text, block_starts, maps)
        annotation = annotation_for(page, rendering, document.text, spans, f"pages/{html_path.name}")
        rendering_problems = _rule_problems(page, rendering, annotation, document.text, block_starts)
        problems += rendering_problems
        if not rendering_problems:
            annotations[rendering] = annotation
    return annotations, problems


def _page_file(folder: Path, rendering: str, name: str) -> Path:
    pages = folder / rendering / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    return pages / name


def check_page(path: Path) -> tuple[list[Problem], bool]:
    """Every problem of one page, and whether the page was checked in full: its syntax first; once that is
    clean, its spans by the project's rules and its HTML renderings (built in a temporary folder)."""
    page, problems = parse_page(path)
    if page is None or problems:
        return problems, False
    with tempfile.TemporaryDirectory(prefix="handmade-check-") as work:
        return write_renderings(page, Path(work))[1], True


def build_gold(sources: Path, out: Path, *, overwrite: bool = False) -> dict[str, int]:
    """Write ``out/<rendering>/pages/`` and ``out/<rendering>/annotations/<doc_id>.jsonl`` for every
    ``sources/*.page``; returns the pages written per rendering. The folder appears complete or not at all, as
    ``corpus.synth.write_synthetic`` writes it: a staging folder beside ``out`` renamed at the end. Raises
    ``InputError`` listing every problem of every page (nothing is written then), ``ConfigError`` when there is
    no page or ``out`` is not empty and ``overwrite`` is not given."""
    sources, out = Path(sources), Path(out)
    paths = sorted(sources.glob("*.page"))
    if not paths:
        raise ConfigError(f"no *.page file in {sources}")
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not overwrite:
        raise ConfigError(f"{out} exists and is not empty; choose another OUT_DIR or pass --overwrite")
    page_names = {path.stem for path in paths}
    orphans = [Problem(str(path), None, "hand-written HTML without its NAME.page")
               for path in sorted(sources.glob("*.html")) if path.stem not in page_names]
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    staging.chmod(0o755)  # mkdtemp's 0700 would otherwise become the output folder's mode
    counts = {rendering: 0 for rendering in RENDERINGS}
    failed: list[str] = [str(problem) for problem in orphans]
    try:
        for rendering in RENDERINGS:
            (staging / rendering / "pages").mkdir(parents=True)
            (staging / rendering / "annotations").mkdir()
        for path in paths:
            page, problems = parse_page(path)
            if page is not None and not problems:
                annotations, problems = write_renderings(page, staging)
            if problems:
                failed.extend(str(problem) for problem in problems)
                continue
            for rendering, annotation in annotations.items():
                line = json.dumps(annotation_to_json(annotation), ensure_ascii=False) + "\n"
                # two pages with the same text share a document file, as in the store
                with open(staging / rendering / "annotations" / f"{annotation.doc_id}.jsonl", "a",
                          encoding="utf-8", newline="") as handle:
                    handle.write(line)
                counts[rendering] += 1
        if failed:
            raise InputError("\n".join(failed) + f"\nnothing written to {out}")
        replace_folder(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return counts
