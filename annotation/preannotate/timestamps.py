"""Timestamps in the languages of news sites, recognised from CLDR's words (through babel) rather than typed ones.

``features.py`` recognises the English, CJK and western European shapes with its own patterns; this module adds
what CLDR knows for every locale of ``NEWS_LOCALES``: month, weekday and day-period names, the words of their
date and time formats ("de", "um", "г.", "년"), "yesterday" and "today", and the past relative times in all
plural forms ("hace {0} horas", "{0} saat önce", "před {0} hodinami"). The words are read from CLDR once, by
``scripts/cldr-timestamps``, into ``timestamp-words.json`` beside this module (loading 121 locales' data costs a
process most of a second; a test checks the file against babel). Two patterns are built from the file on first
use (importing the module reads nothing; a worker pool's fork server builds them once for its workers) and kept:

* a relative time: a past pattern's words around a number ("2 godziny temu"), or one without a number ("לפני
  שעתיים", "two hours ago"), or a relative day word alone ("wczoraj");
* a date or time line: nothing but numbers, those words and the punctuation between them, holding a clock time
  ("10:52 a. m.", "wczoraj, 14:05"), a date in numbers ("27. 11. 2026") or a month's name with a day's number
  ("27 listopada 2026", "pátek 27. listopadu 2026 14:05").
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from functools import cache
from pathlib import Path
from types import SimpleNamespace

# The locales whose words the patterns know: the languages of the news sites the pre-annotator meets -- the
# languages official in a country or a region of one by CLDR's territory data (its supplemental territoryInfo) whose
# locale has calendar and relative-time data of its own (not root's "M01", "-{0} h"), and the regional Spanish and
# Portuguese that print dates their own way; less the few whose dates the patterns cannot read (Tibetan digits in
# Dzongkha, Mongolian's "оны ... сарын" and Basque's "(e)ko ... (a)" inflections, Nepali's and Yakut's year-first
# two-digit "26/1/1", Telugu's "at" glued after the day
# period, "12:00 AMకి"), which tests/test_timestamps.py would name. A new language is one entry here.
NEWS_LOCALES = (
    "en", "de", "fr", "es", "es_419", "es_CO", "es_MX", "it", "pt", "pt_BR", "nl", "pl", "tr", "sv", "da", "nb", "fi",
    "cs", "sk", "hu", "ro", "el", "ru", "uk", "bg", "hr", "sr_Latn", "sr", "sl", "lt", "lv", "et", "id", "ms", "vi",
    "ko", "ja", "zh", "zh_Hant", "ar", "he", "fa", "hi", "th", "ca",
    "af", "ak", "am", "ast", "az", "ba", "be", "bn", "bs", "bs_Cyrl", "ce", "cy", "ee", "fil", "fo", "frr", "fy", "ga",
    "gd", "gl", "gu", "hy", "is", "ka", "kk", "kl", "km", "kn", "kok", "ky", "lb", "lo", "mai", "mi", "mk", "ml", "mr",
    "ms_Arab", "mt", "my", "nn", "no", "or", "os", "pa", "pap", "ps", "qu", "rm", "sd", "se", "si", "so", "sq", "sw",
    "ta", "tg", "ti", "tk", "to", "tt", "ug", "ur", "uz", "uz_Cyrl", "vec", "wo", "yue", "zu",
)
# The words of NEWS_LOCALES by the part they play in a timestamp, as ``cldr_vocabulary`` reads them from CLDR.
WORDS_FILE = Path(__file__).with_name("timestamp-words.json")
# The units of the past relative times ("3 hours ago"), in each of CLDR's widths ("3 hr. ago").
_UNITS = ("second", "minute", "hour", "day", "week", "month", "year")
_WIDTHS = ("", "-short", "-narrow")
# CLDR's day field's relative days taken: the day before yesterday, yesterday, today.
_PAST_DAYS = (-2, -1, 0)
# A number in a date or a clock, with the ordinal endings English and the Romance languages print ("27th", "1er",
# "1º"); at most four digits, and a run of digits is one number (a longer one is no date's, and "(?!\d)" spares
# the engine splitting it).
_NUMBER = r"[0-9]{1,4}(?!\d)(?:st|nd|rd|th|er|º|ª)?"
# What stands between the numbers and words of a date line; the marks of right-to-left text too (Arabic dates
# are printed with them: "27\u200f/11\u200f/2026").
_SEPARATOR = r"[\s,.:;/|()\[\]\-–—·•،\u200e\u200f（）]"
# Scripts written without spaces: a word of theirs may be followed by another at once ("27日金曜日", "EEEEที่").
_UNSPACED = "\u0e00-\u0eff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
_UNSPACED_END_RE = re.compile(f"[{_UNSPACED}]$")
# A clock time ("14:05", "2:05:00") or a date in numbers ("27.11.2026", "2026/11/27", "27. 11. 2026", "26. 11.
# 27."): with a month name and a day, what makes a line of numbers and date words a timestamp.
_DATE_MARK = r"[\u200e\u200f]?[./-]\s?"
_NUMERIC_DATE = (rf"\d{{1,2}}{_DATE_MARK}\d{{1,2}}{_DATE_MARK}\d{{2,4}}|\d{{4}}{_DATE_MARK}\d{{1,2}}{_DATE_MARK}\d{{1,2}}"
                 r"|\d{1,2}\.\s?\d{1,2}\.\s?\d{1,2}\.")
_CLOCK_OR_NUMERIC_DATE_RE = re.compile(rf"\d:\d\d|{_NUMERIC_DATE}")
_NUMERIC_DATE_RE = re.compile(_NUMERIC_DATE)
_YEAR_OR_CLOCK_RE = re.compile(r"(?<!\d)\d{4}(?!\d)|\d:\d\d")
_DAY_NUMBER_RE = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_DIGITS_RE = re.compile(r"\d+")
# A relative time without a number has at most this many words ("قبل ساعة واحدة", "hari ini", "நேற்று முன்தினம்" --
# seven to ``features.WORD_RE``, which parts a word at an Indic vowel sign): the longest of CLDR's
# (``tests/test_timestamps.py`` checks it).
CLDR_UNNUMBERED_TIME_MAX_WORDS = 7
# A date or relative time line has at most this many characters ("Donnerstag, 27. November 2026 um 14:05:00 Uhr
# Mitteleuropäische Normalzeit" is about 80).
TIMESTAMP_MAX_CHARS = 100
# The instant the zone names are taken at (any: UTC has one name all year).
_ZONE_INSTANT = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.timezone.utc)
# The instants a country's own zones are named at: its winter and its summer (standard and daylight time, "EST" and
# "EDT").
_SEASON_INSTANTS = (_ZONE_INSTANT, datetime.datetime(2026, 7, 15, 12, 0, tzinfo=datetime.timezone.utc))


def cldr_words() -> dict[str, object]:
    """What ``WORDS_FILE`` holds: the CLDR version read and the words of ``NEWS_LOCALES`` by the part they play in a
    timestamp, as the installed babel gives them."""
    from babel.core import get_cldr_version

    return {"cldr": get_cldr_version(), "locales": list(NEWS_LOCALES),
            "words": {role: sorted(words) for role, words in vars(_Vocabulary()).items()}}


def write_words_file(path: Path) -> None:
    """``cldr_words()`` to ``path`` as JSON, atomically."""
    from annotation.store import atomic_write_text

    atomic_write_text(path, json.dumps(cldr_words(), ensure_ascii=False, indent=1) + "\n")


def _words_file() -> SimpleNamespace:
    stored = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    if stored["locales"] != list(NEWS_LOCALES):
        raise RuntimeError(f"{WORDS_FILE} holds the words of {stored['locales']}, not NEWS_LOCALES "
                           f"{list(NEWS_LOCALES)}: rerun scripts/cldr-timestamps")
    return SimpleNamespace(**{role: set(words) for role, words in stored["words"].items()})


def _home_zones(locale) -> set[str]:
    """The short names, in ``locale``'s words, of the time zones of its country (its territory, or the one CLDR
    deems likeliest for its language): a news site prints its times with its own zone ("21:40 WIB", "14:05 MEZ"),
    a name CLDR gives only for that country's zones, not for UTC. Names in letters only: not "GMT+3", "+0707"."""
    from babel import Locale
    from babel.core import UnknownLocaleError, get_global
    from babel.dates import format_time, get_timezone

    territory = locale.territory
    if territory is None:
        try:
            territory = Locale.parse(get_global("likely_subtags").get(locale.language, locale.language)).territory
        except UnknownLocaleError:  # a likely locale babel has no data for ("no_Latn_NO"): its zones unnamed
            return set()
    names = {format_time(instant, "z", tzinfo=get_timezone(zone), locale=locale)
             for zone in get_global("territory_zones").get(territory, ()) for instant in _SEASON_INSTANTS}
    return {name for name in names if name.replace(" ", "").isalpha()}


class _Vocabulary:
    """The words of ``NEWS_LOCALES`` sorted by the part they play in a timestamp, read from CLDR."""

    def __init__(self) -> None:
        from babel import Locale  # loaded on first use: importing this module loads no locale data
        from babel.dates import format_time, tokenize_pattern

        self.months: set[str] = set()
        self.words: set[str] = set()  # weekdays, day periods (am, pm, noon), eras, zones, format words, relative days
        self.relative_days: set[str] = set()
        self.before_number: set[str] = set()  # "hace", "před", "for", "לפני"
        self.after_prefixed_number: set[str] = set()  # "horas" after "hace 2"
        self.after_number: set[str] = set()  # "saat önce", "시간 전", "hours ago"
        self.whole: set[str] = set()  # a relative time without a number: "לפני שעתיים"
        for name in NEWS_LOCALES:
            locale = Locale.parse(name)
            months = {value for context in ("format", "stand-alone") for width in ("wide", "abbreviated")
                      for value in dict(locale.months[context][width]).values()}
            weekdays = {value for context in ("format", "stand-alone") for width in ("wide", "abbreviated")
                        for value in dict(locale.days[context][width]).values()}
            periods = {value for context in ("format", "stand-alone") for width in ("wide", "abbreviated", "narrow")
                       for value in dict(locale.day_periods[context][width]).values()
                       if len(value) > 1 or not value.isascii()}  # not "a" and "p": words of their own
            eras = {dict(locale.eras[width]).get(1, "") for width in ("abbreviated", "wide")}
            zones = {format_time(_ZONE_INSTANT, form, locale=locale) for form in ("z", "zzzz")}
            zones |= _home_zones(locale)
            self.months |= months
            self.words |= weekdays | periods | eras | zones
            patterns = [str(pattern.pattern) for formats in (locale.date_formats, locale.time_formats)
                        for pattern in dict(formats).values()]
            for pattern in patterns:
                tokens = tokenize_pattern(pattern)
                for (kind, value), (next_kind, next_value) in zip(tokens, tokens[1:] + [("chars", "")]):
                    if kind != "chars":
                        continue
                    self.words |= set(value.split())
                    # a word glued before a name ("d בMMMM y"): the name with it is a word of its own
                    glued = value.split()[-1] if value.strip() and not value[-1].isspace() else ""
                    if glued and next_kind == "field" and next_value[0] in "MLE":
                        self.words |= {glued + word for word in (months if next_value[0] in "ML" else weekdays)}
            # the date and its time of day, joined as the locale joins them, and as it joins them "at" the time
            # ("{1} 'u' {0}", "{1} 'klo' {0}": CLDR's atTime forms, which babel files as the relative ones)
            joins = [*dict(locale.datetime_formats).values(),
                     *dict(locale._data.get("datetime_formats_relative", {})).values()]
            for pattern in joins:
                self.words |= set(re.sub(r"\{[01]\}|'", " ", str(pattern)).split())
            day_words = dict(locale._data["date_fields"]["day"]["relative"])
            self.relative_days |= {day_words[offset] for offset in _PAST_DAYS if offset in day_words}
            for unit in _UNITS:
                for width in _WIDTHS:
                    for form in dict(locale._data["date_fields"][unit + width]["past"]).values():
                        self._add_relative(form)
        self.words |= self.relative_days
        self.words = {word for word in self.words if word and not word.isdigit()}

    def _add_relative(self, form: str) -> None:
        if "{0}" not in form:
            self.whole.add(form)
            return
        if "({0})" in form:  # "לפני שעה ({0})": the time is also written without its number
            self.whole.add(form.replace("({0})", "").strip())
        before, after = (part.strip() for part in form.split("{0}", 1))
        if before and after:
            self.before_number.add(before)
            self.after_prefixed_number.add(after)
        elif after:
            self.after_number.add(after)


def _source(words: set[str]) -> str:
    """An alternation of ``words`` in any case, a space in one matching any run of white space (babel prints
    narrow no-break spaces: "2:05\u202fp.m.")."""
    from .features import alternation  # features.py imports this module

    return alternation(sorted({" ".join(word.lower().split()) for word in words})).replace("\\ ", r"\s+")


def _word_token(words: set[str]) -> str:
    """A word of ``words`` as a whole word: not followed by a letter or a vowel sign, unless it ends in a script
    written without spaces."""
    spaced = {word for word in words if _UNSPACED_END_RE.search(word) is None}
    unspaced = words - spaced
    return (f"(?:{_source(spaced)})(?![^\\W\\d_]|[{_combining_marks()}])"
            + (f"|{_source(unspaced)}" if unspaced else ""))


@cache
def _combining_marks() -> str:
    """The combining marks of the Basic Multilingual Plane as a character class's ranges: the vowel signs and
    viramas of the Indic scripts are no letters to ``\\w``, so a word ending in a consonant ("পূ", a month's
    abbreviation) would otherwise be whole before the vowel sign of a longer word ("পূৰ্বাহ্ন", before noon)."""
    import unicodedata

    marks = [code for code in range(0x300, 0x10000) if unicodedata.category(chr(code)).startswith("M")]
    ranges, start = [], marks[0]
    for previous, code in zip(marks, marks[1:] + [-1]):
        if code != previous + 1:
            ranges.append(f"\\u{start:04x}" + (f"-\\u{previous:04x}" if previous != start else ""))
            start = code
    return "".join(ranges)


class _Patterns:
    """The relative-time and date-line patterns (see the module's docstring) and the gates before them."""

    def __init__(self) -> None:
        vocabulary = _words_file()
        number = r"\s*[0-9]{1,3}\s*"
        self.relative = re.compile(
            f"^(?:(?:{_source(vocabulary.before_number)}){number}(?:{_source(vocabulary.after_prefixed_number)})"
            f"|{number}(?:{_source(vocabulary.after_number)})"
            f"|(?:{_source(vocabulary.whole | vocabulary.relative_days)}))\\.?$",
            re.IGNORECASE)
        # a line is read token by token, each the first alternative that fits and never taken back (an atomic
        # group, possessive repeats): a name holding a number ("11월", "tháng 11", "11月") is read as the number and
        # the rest, a word of its own ("월"), so that no line can be read two ways -- a pattern that could would
        # try them all, twice as many for every such name in a line that is no timestamp
        words = vocabulary.words | vocabulary.months
        words = {word for word in words if not _DIGITS_RE.search(word)} | {
            part for word in words for part in _DIGITS_RE.split(word) if part.strip()}
        token = f"(?>{_NUMBER}|{_word_token({word.strip() for word in words})})"
        self.line = re.compile(f"^{_SEPARATOR}*+(?:{token}{_SEPARATOR}*+)++$", re.IGNORECASE)
        self.month = re.compile(_word_token(vocabulary.months), re.IGNORECASE)
        # the characters a timestamp of either pattern can open with (in either case, and the letters that fold
        # to them): a line opening with another is answered without the regex engine
        from .features import initials

        firsts = {word[:1].lower() for words in (vocabulary.words, vocabulary.months, vocabulary.before_number,
                                                 vocabulary.whole) for word in words}
        self.initials = frozenset(initials("".join(sorted(firsts))) + "0123456789 ,.:;/|()[]-–—·•،\u200e\u200f（）")


@cache
def patterns() -> _Patterns:
    """The patterns, built from ``WORDS_FILE`` on first use and kept (about 0.16 CPU-s)."""
    return _Patterns()


def prepare_fork_server() -> None:
    """The patterns built in ``corpus.engine``'s fork server (``corpus.fork_server`` calls this): the workers forked
    from it start with them, rather than each building them on its first date line."""
    patterns()


def cldr_timestamp(text: str, has_digit: bool) -> bool:
    """Whether ``text`` is a timestamp in one of ``NEWS_LOCALES``' words (see the module's docstring); ``has_digit``
    whether it holds a digit (a caller has counted them)."""
    if len(text) > TIMESTAMP_MAX_CHARS:
        return False
    if has_digit and not text.isascii():
        text = text.translate(_ascii_digits())
    found = patterns()
    if text[:1] in found.initials and (found.relative.match(text) is not None
                                       or (has_digit and _date_line(found, text))):
        return True
    if not has_digit:
        return False
    if _labelled_date(found, text):
        return True
    # the update's date in brackets after the story's ("26 novembre 2026 (modifica il 26 novembre 2026 | 13:02)",
    # "2026年11月24日 18時42分（2026年11月24日 20時05分更新）"): each a date
    if text[-1:] in ")）":
        opened = max(text.rfind("("), text.rfind("（"))
        return opened > 0 and _dates(found, text[:opened].rstrip()) and _dates(
            found, _UNSPACED_LABEL_END_RE.sub("", text[opened + 1:-1].strip()))
    return _dates(found, text)


@cache
def _ascii_digits() -> dict[int, str]:
    """Each decimal digit of Unicode's other scripts to its ASCII digit: Persian, Arabic, Bengali, Devanagari, Thai
    sites print their times in their own digits ("۱۸ دقیقه پیش", "৩৫ মিনিট আগে", "๑๔:๐๕ น."), and the patterns,
    like CLDR's own formats, read ASCII digits."""
    import unicodedata

    return {code: str(unicodedata.decimal(chr(code))) for code in range(0x80, sys.maxunicode + 1)
            if unicodedata.category(chr(code)) == "Nd"}


def _dates(found: _Patterns, text: str) -> bool:
    """Whether ``text`` is a date, under the site's label or not, or the story's dates side by side, parted by a bar
    or a dot ("Published 24.11.2026 18:42 | Updated 24.11.2026 19:15"), each a date."""
    parts = _DATES_SEPARATOR_RE.split(text) if "|" in text or "·" in text or "•" in text else [text]
    if all(_labelled_date(found, part) or (part[:1] in found.initials and _date_line(found, part))
           for part in parts):
        return True
    # the dates side by side with no mark between, each under its label ("입력 2026.11.17 15:42 수정 2026.11.17 18:10")
    glued = _GLUED_DATES_RE.split(text)
    return len(glued) > 1 and all(_labelled_date(found, part) for part in glued)


def _labelled_date(found: _Patterns, text: str) -> bool:
    """Whether ``text`` is the site's label before a date (``_LABEL_RE``), in whatever words (its first letter is no
    date's)."""
    label = _LABEL_RE.match(text)
    if label is not None and _date_line(found, text[label.end():], clock=False):
        return True
    # a clock after CLDR's words -- its "at", a relative day -- under a one-word label ("Actualizado a las 13:20",
    # "Publicerad i dag 06:00"): the words tell a time of day from a clip's running time ("Duration: 3:42"); and a
    # date that opens with its month's name under a label of a word or two ("Updated Enero 27, 2026", "Última hora:
    # Nov 27, 2026")
    label = _WORDED_CLOCK_LABEL_RE.match(text)
    if label is not None and _CLOCK_RE.search(text, label.end()) is not None and found.line.match(
            text[label.end():]) is not None:
        return True
    label = _LABEL_BEFORE_WORD_RE.match(text)
    return label is not None and _date_line(found, text[label.end():], clock=False)


# The label a site prints before its story's date, a word or two and a colon or dash: "Published:", "Updated -",
# "Оновлено", "입력" (input), "Cập nhật". A site's word, in no CLDR list: the date after it tells the line -- a date,
# not a clock alone ("Video 1:24", "Duration: 3:42" are a clip's running time).
# A label's word: letters, and the vowel signs and viramas the scripts of India and Sri Lanka write inside a word,
# which are no word characters to ``\w`` ("பதிவு", posted; as ``features._JOINED`` counts them). Possessive: a letter
# of those scripts fits either branch, and a label that fails would be tried every way.
_LABEL_WORD = r"[^\W\d_](?:[^\W\d_]|[\u0900-\u0963\u0966-\u0dff])*+"
_LABEL_RE = re.compile(rf"^{_LABEL_WORD}(?:\s{_LABEL_WORD})?\s*[:\-–—]?\s+(?=\d)")
# A one-word label before a word, not a number: a clock after CLDR's words follows it.
_WORDED_CLOCK_LABEL_RE = re.compile(rf"^{_LABEL_WORD}\s*[:\-–—]?\s+(?=[^\W\d_])")
_CLOCK_RE = re.compile(r"\d:\d\d")
# The label, a word or two, before a date that opens with its month's name.
_LABEL_BEFORE_WORD_RE = re.compile(rf"^{_LABEL_WORD}(?:\s{_LABEL_WORD})?\s*[:\-–—]?\s+(?=[^\W\d_])")
# Where a second labelled date starts right after a first one's last number: a space, the label, the date's number.
_GLUED_DATES_RE = re.compile(r"(?<=\d)\s+(?=[^\W\d_]+\s*[:\-–—]?\s+\d)")
# The bar or dot between two dates on a line, with a space on each side (one between a date and its clock,
# "24.11.2026 • 14:32", is a date line's separator).
# (From the first of a run of white space only, and possessive: a split from each space of a long run, reading it to
# its end each time, is quadratic; a split from a later one of a run is one from its first anyway.)
_DATES_SEPARATOR_RE = re.compile(r"(?<!\s)\s++[|·•]\s+")
# A time zone's abbreviation in Latin capitals after a clock's minutes ("19:20 IST", "8:46 WAT"), which sites print
# after a date in any script.
_ZONE_AFTER_CLOCK_RE = re.compile(r"(?<=\d\d)\s+[A-Z]{2,5}$")
# A label a script written without spaces prints after the date, a word of a few letters: "20時05分更新" (updated).
_UNSPACED_LABEL_END_RE = re.compile(f"(?<=[{_UNSPACED}])[{_UNSPACED}]{{1,4}}$")


def _date_line(found: _Patterns, text: str, clock: bool = True) -> bool:
    """Whether ``text`` is a line of numbers and date words (``_Patterns.line``) that a date (or, with ``clock``, a
    time of day) makes a timestamp."""
    # a line of numbers and date words is a time with a clock, a date in numbers, a day's number and a month's
    # name, or a relative day's clock time ("wczoraj, 14:05"); not a month with its year alone ("listopad 2026", an
    # archive's link), nor a number beside a weekday
    if text[-1:].isupper() and text[-1:].isascii():
        text = _ZONE_AFTER_CLOCK_RE.sub("", text)  # ("நவம்பர் 11, 2026 19:20 IST": a zone CLDR's words lack)
    if found.line.match(text) is None:
        return False
    if clock:
        return _CLOCK_OR_NUMERIC_DATE_RE.search(text) is not None or (
            found.month.search(text) is not None and _DAY_NUMBER_RE.search(text) is not None)
    # after a label, a day and a month's name with the year or the time too ("11 Pro" is a product's name: "pro" is
    # a month's in Czech)
    return _NUMERIC_DATE_RE.search(text) is not None or (
        found.month.search(text) is not None and _DAY_NUMBER_RE.search(text) is not None
        and _YEAR_OR_CLOCK_RE.search(text) is not None)
