"""Direct quotations inside article text.

A quotation is a balanced pair of quotation marks of one family (double: “ ” " „ ‟ « »; single:
‘ ’ ' ‚ ‹ ›), including the marks. Which way a mark faces comes from its neighbours, not its glyph
(„…“ and »…« open with what English uses to close): a mark *opens* when it follows the start of a
paragraph, a space or an opening bracket and precedes a non-space, and *closes* when it follows a
non-space and precedes a space, punctuation or the paragraph end. A single mark between two letters
or digits, or before a year (’90s) or a common elision (’em, ’til), is an apostrophe and never opens.

A quotation may run over several paragraphs: by convention the paragraph that continues it opens
again and only the last one closes, so an unclosed quotation continues when the next paragraph opens
with a mark of the same family, and is dropped as unbalanced otherwise. Double quotation marks are the
primary quotes; single ones count as quotes only outside double ones (British style), and short
phrases in quotes with no speech verb nearby are scare quotes or titles, not quotations.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import islice

from annotation.preannotate.features import SPEECH_VERBS, alternation

DOUBLE_MARKS = "“”\"„‟«»"
SINGLE_MARKS = "‘’'‚‛‹›"
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_GUILLEMET_PAIRS = {"«": "»", "»": "«", "‹": "›", "›": "‹"}
_OPENING_PUNCTUATION = "([{—–-/:\u00a0"
_CLOSING_PUNCTUATION = ".,;:!?)]}…—–-/"
_ELISIONS = ("em", "til", "tis", "twas", "n", "cause", "bout", "round")
_ELISION_RE = re.compile(r"(?:" + "|".join(_ELISIONS) + r")\b")
_YEAR_RE = re.compile(r"\d\d(?:s)?\b")
# Verbs that name what they report after them (called it “…”, described it as “…”, branded “…”): after a
# quotation they report something else ("The “growth plan” branded “fantasy economics”").
_NAMING_VERBS = frozenset("called calls calling described describes describing branded brands branding".split())
# The verbs as tries (``alternation``): the patterns are only asked whether they match, and a trie is several
# times faster than the list of the verbs, which the engine tries one by one at every word.
_VERBS_AFTER = alternation(verb for verb in SPEECH_VERBS.split("|") if verb not in _NAMING_VERBS)
_SPEECH_AFTER_RE = re.compile(r"^[\s,:;—–-]*(?:[\w.’'-]+\s+){0,4}(?:" + _VERBS_AFTER + r")\b", re.IGNORECASE)
_SPEECH_IN_RE = re.compile(r"\b(?:" + alternation(SPEECH_VERBS.split("|")) + r")\b", re.IGNORECASE)
_SPEECH_AFTER_ANYWHERE_RE = re.compile(r"\b(?:" + _VERBS_AFTER + r")\b", re.IGNORECASE)
_NAMING_BEFORE_RE = re.compile(
    r"\b(?:so-called|so called|dubbed|known as|nicknamed|titled|entitled|named|the (?:term|phrase|word|slogan|"
    r"motto|hashtag|label|title|film|book|song|album|show|series|report|novel|play|podcast)"
    # a work named by its kind, with or without an article: his 1998 hit “…”, the BBC documentary “…”
    r"|film|movie|song|album|single|hit|anthem|track|documentary|memoir|novel|podcast|episode|sitcom|musical|"
    r"opera|exhibition|catchphrase|nickname|slogan|motto|hashtag)\s*$"
    # a work named after a comma: her new book, “The Long Road Home,” is out
    r"|\b(?:film|movie|song|album|single|hit|documentary|memoir|novel|book|podcast|episode|play|show|series),\s*$",
    re.IGNORECASE)
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that|these|those)\s*$", re.IGNORECASE)
BEFORE_TAIL = 32
# _NAMING_BEFORE_RE's matches are at most 12 characters long ("documentary,", "the podcast"), spaces aside: it
# reads one more (for its \b) and no further (a search tries every position).
NAMING_TAIL = 13
_NOUN_AFTER_RE = re.compile(r"^\s+[a-z]")
_SENTENCE_END_RE = re.compile(r"[.!?]\s+(?=[A-Z“\"‘'])")
_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
# How far after a short quotation its sentence is read for the source's reporting verb.
SENTENCE_AFTER_CHARS = 160
# Shorter quotations need a speech verb next to them (or a comma inside) to count.
MIN_QUOTE_WORDS = 4


def _is_space(char: str | None) -> bool:
    if char is None:
        return True
    if char.isascii():  # the ASCII characters of categories Zs and Cc are all at or below " ", or DEL
        return char <= " " or char == "\x7f"
    return char.isspace() or unicodedata.category(char) in ("Zs", "Cc")


def _family(mark: str) -> str:
    return "double" if mark in DOUBLE_MARKS else "single"


def _is_apostrophe(text: str, position: int, before: str | None, after: str | None) -> bool:
    """``before`` and ``after``: the characters around ``position`` within its paragraph (None at its ends)."""
    if before is not None and after is not None and before.isalnum() and after.isalnum():
        return True
    tail = text[position + 1:position + 6].lower()
    word_start = before is None or _is_space(before) or before in _OPENING_PUNCTUATION or before in QUOTE_MARKS
    if word_start and _YEAR_RE.match(tail):
        return True  # ’90s, class of ’22
    if word_start and _ELISION_RE.match(tail):
        return True
    return False


def _facing(char: str, before: str | None, after: str | None) -> tuple[bool, bool]:
    """(can open, can close) of the mark ``char`` between ``before`` and ``after`` (None at the paragraph's
    ends)."""
    before_space, after_space = _is_space(before), _is_space(after)
    can_open = not after_space and (before_space or before in _OPENING_PUNCTUATION or before in QUOTE_MARKS)
    can_close = not before_space and (after_space or after in _CLOSING_PUNCTUATION or after in QUOTE_MARKS)
    if char in "«‹" and after_space and (before_space or before in _OPENING_PUNCTUATION):
        can_open, can_close = after is not None, False  # French spacing: « texte »
    elif char in "»›" and before is not None and before_space and (after_space or after in _CLOSING_PUNCTUATION):
        can_open, can_close = False, True
    if can_open and can_close:
        # e.g. `("word")` or `—"Yes`: decide by which side is a letter
        can_open = after is not None and after.isalnum()
        can_close = not can_open
    return can_open, can_close


def _pairs(opener: str, closer: str) -> bool:
    if opener in _GUILLEMET_PAIRS or closer in _GUILLEMET_PAIRS:
        return _GUILLEMET_PAIRS.get(opener) == closer
    return _family(opener) == _family(closer)


# A paragraph: a line trimmed as str.strip trims it (\s is exactly str.isspace), found in one scan of the region.
_PARAGRAPH_RE = re.compile(r"\S(?:[^\r\n]*\S)?")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in _PARAGRAPH_RE.finditer(text, start, end)]


_MARK_RE = re.compile("[" + re.escape(QUOTE_MARKS) + "]")
# A mark opening a word after a space: where the next quotation starts (not an apostrophe inside a word).
_OPENING_MARK_RE = re.compile(r"(?<!\S)[" + re.escape(QUOTE_MARKS) + r"](?=\w)")


def _marks(text: str, start: int, end: int) -> list[tuple[int, str, bool, bool]]:
    """The quotation marks of the paragraph ``[start, end)`` that can open or close: (position, mark, can open,
    can close)."""
    found = []
    for match in _MARK_RE.finditer(text, start, end):  # the marks alone, not a Python step per character
        position, char = match.start(), match.group()
        before = text[position - 1] if position > start else None
        after = text[position + 1] if position + 1 < end else None
        if char in SINGLE_MARKS and (
                # most single marks are apostrophes inside a word: tested here, without a call
                (before is not None and after is not None and before.isalnum() and after.isalnum())
                or _is_apostrophe(text, position, before, after)):
            continue
        can_open, can_close = _facing(char, before, after)
        if can_open or can_close:
            found.append((position, char, can_open, can_close))
    return found


def _is_quotation(text: str, start: int, end: int, paragraph_start: int) -> bool:
    """The direct-quotation test of the guidelines (7.2), approximated: words in marks that are not a
    name or term (after "so-called", "dubbed", ...), and that either are long enough to be someone's words
    or have a reporting verb in their sentence; a modifier in front of a noun with no reporting verb before
    it is a label (scare quotes), not a quotation."""
    # the words inside, counted up to MIN_QUOTE_WORDS (a long quotation is not read to its end)
    words = len(list(islice(_WORD_RE.finditer(text, start + 1, end - 1), MIN_QUOTE_WORDS)))
    if not words:
        return False
    before = text[max(paragraph_start, start - 120):start]
    after = text[end:end + 60]
    # the end-anchored patterns read the last characters only (a search tries every position); their
    # matches, spaces aside, are shorter than BEFORE_TAIL, so the cut never makes a word boundary of its own
    tail = before.rstrip()[-BEFORE_TAIL:]
    if _NAMING_BEFORE_RE.search(tail[-NAMING_TAIL:]):
        return False
    # the word after first (after a space: _NEXT_WORD_RE's \s is str.isspace): it is seldom a noun, and the
    # quotation is not read again
    if after[:1].isspace() and _named_noun_after(after) and _is_title(text[start + 1:end - 1]):
        return False  # a name in title case before its noun: the union’s “Fair Deal for Dockers” campaign
    if words >= MIN_QUOTE_WORDS:
        return True
    sentence_before = _SENTENCE_END_RE.split(before)[-1]
    if _SPEECH_IN_RE.search(sentence_before):
        return True  # borrowed words: China has declared a “no-limits” friendship
    if _DETERMINER_BEFORE_RE.search(tail) and _NOUN_AFTER_RE.match(after) and text[end - 2].isalnum():
        return False  # the “no-limits” era: a label used as a modifier, with no source
    if _SPEECH_AFTER_RE.match(after):
        return True
    # the source named at the end of the sentence: "The chancellor has 'no plans' to raise fuel duty at next
    # month's Budget, a senior minister has said."
    sentence_after = _SENTENCE_END_RE.split(text[end:end + SENTENCE_AFTER_CHARS], maxsplit=1)[0]
    # up to the next quotation: a reporting verb after it attributes that one ("The chancellor’s “growth plan”
    # rests on “fantasy economics”, a think tank warned": the plan's name is no quotation)
    sentence_after = _OPENING_MARK_RE.split(sentence_after, maxsplit=1)[0]
    return _SPEECH_AFTER_ANYWHERE_RE.search(sentence_after) is not None


# Lower-case words after a quotation that are no noun it modifies: verbs, pronouns, conjunctions.
_NOT_NAMED_AFTER = frozenset(
    "is was are were be been being has have had will would can could should may might must do does did and or but "
    "nor so he she they it we you i to of in on at for with as that which who whom from by than then".split())
_NEXT_WORD_RE = re.compile(r"\s+([a-z][\w’'-]*)")


def _named_noun_after(after: str) -> bool:
    """Whether a lower-case word that may be a noun follows the quotation ("campaign", "hats"): not a verb,
    pronoun, conjunction or reporting verb."""
    match = _NEXT_WORD_RE.match(after)
    return (match is not None and match.group(1) not in _NOT_NAMED_AFTER
            and _SPEECH_IN_RE.fullmatch(match.group(1)) is None)


# Words a title leaves in lower case.
_TITLE_SMALL_WORDS = frozenset("a an the and or but nor for of in on at to by with from as vs via per".split())


def _is_title(inner: str) -> bool:
    """Words in title case with no sentence punctuation: a name (of a campaign, a programme, a slogan)."""
    if any(char in inner for char in ".,;:!?…"):
        return False
    words = _WORD_RE.findall(inner)
    return bool(words) and any(word[0].isupper() for word in words) and all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _TITLE_SMALL_WORDS for word in words)


def find_quotes(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations ``[start, end)`` (marks included) inside each region of ``text`` (the article spans)."""
    found: list[tuple[int, int]] = []
    for region_start, region_end in regions:
        # the marks are read once for both families
        paragraphs = _paragraphs(text, region_start, region_end)
        marks = [_marks(text, s, e) for s, e in paragraphs]
        doubles = _quotes_in_region(text, region_start, region_end, "double", paragraphs, marks)
        for quote in _quotes_in_region(text, region_start, region_end, "single", paragraphs, marks):
            overlapping = [other for other in doubles if quote[0] < other[1] and other[0] < quote[1]]
            # British nesting, ‘He said “no” to me,’ she said: only the outermost pair (guidelines 7.3); a
            # double quotation that overlaps the single one without lying inside it keeps it out
            if all(quote[0] < other[0] and other[1] < quote[1] for other in overlapping):
                if overlapping:
                    doubles = [other for other in doubles if other not in overlapping]
                found.append(quote)
        found.extend(doubles)
    return sorted(found)


def _quotes_in_region(text: str, region_start: int, region_end: int, family: str,
                      paragraphs: list[tuple[int, int]], marks: list[list]) -> list[tuple[int, int]]:
    """Quote spans of one family; a quotation over several paragraphs gives one span per paragraph,
    every piece but the last ending on its paragraph's last character (annotation guidelines, 5).
    ``paragraphs`` are the region's (``_paragraphs``), ``marks`` their marks of both families (``_marks``)."""
    double = family == "double"
    marks_by_paragraph = [[m for m in paragraph if (m[1] in DOUBLE_MARKS) == double] for paragraph in marks]
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    first_start = open_paragraph_start = 0
    pieces: list[tuple[int, int]] = []  # the finished paragraphs of a continued quotation
    for number, ((para_start, para_end), marks) in enumerate(zip(paragraphs, marks_by_paragraph, strict=True)):
        for position, char, can_open, can_close in marks:
            if open_at is None:
                if can_open:
                    open_at, open_mark, open_paragraph_start = position, char, para_start
                    first_start, pieces = position, []
            elif can_close and _pairs(open_mark, char) and not _possessive_before_closer(text, position, marks):
                if _is_quotation(text, first_start, position + 1, para_start if not pieces else first_start):
                    found.extend(pieces)
                    found.append((open_at, position + 1))
                open_at, pieces = None, []
            elif can_open and position == para_start and open_paragraph_start != para_start:
                open_at, open_paragraph_start = position, para_start  # the continued quotation reopens here
            elif can_open:
                open_at, open_mark, open_paragraph_start = position, char, para_start
                first_start, pieces = position, []
        if open_at is not None:
            following = marks_by_paragraph[number + 1] if number + 1 < len(paragraphs) else []
            next_start = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            if bool(following) and following[0][0] == next_start and following[0][2]:
                pieces.append((open_at, para_end))
            else:
                open_at, pieces = None, []
    if family == "single":
        found = [q for q in found if not _inside_double(text, q, region_start, region_end)]
    return found


def _possessive_before_closer(text: str, position: int, marks: list) -> bool:
    """``the players’ union``: a single mark after an s and before a lower-case word is a plural
    possessive when the next mark in the paragraph can close the quotation instead -- not when it opens
    another one (``the government's 'mixed messages' were 'causing anxiety'``)."""
    if text[position] not in SINGLE_MARKS or text[position - 1:position] not in ("s", "S"):
        return False
    if not re.match(r" [a-z]", text[position + 1:position + 3]):
        return False
    following = next((mark for mark in marks if mark[0] > position), None)
    return following is not None and following[3] and not (following[2] and text[following[0] - 1:following[0]] in " ")


def _inside_double(text: str, quote: tuple[int, int], region_start: int, region_end: int) -> bool:
    """Whether the single-quoted span sits inside an (even unbalanced) double-quoted stretch."""
    line_start = text.rfind("\n", region_start, quote[0]) + 1 or region_start
    before = text[max(line_start, region_start):quote[0]]
    return sum(map(before.count, DOUBLE_MARKS)) % 2 == 1  # map: no generator frame per mark
