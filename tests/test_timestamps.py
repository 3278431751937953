"""The timestamps recognised from CLDR's words (``annotation/preannotate/timestamps.py``): whatever babel prints for a
date, a time or a past relative time in one of ``NEWS_LOCALES`` is a timestamp to ``features_of``; prices, scores and
sentences holding a month's name are not."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from babel.dates import format_date, format_datetime, format_time, format_timedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation.preannotate.features import WORD_RE, features_of
from annotation.preannotate.timestamps import (
    CLDR_UNNUMBERED_TIME_MAX_WORDS, NEWS_LOCALES, WORDS_FILE, cldr_timestamp, cldr_words, patterns, write_words_file)

ROOT = Path(__file__).resolve().parents[1]
locales = st.sampled_from(NEWS_LOCALES)
moments = st.datetimes(min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2040, 12, 31))


def _timestamp(line: str) -> bool:
    return features_of(line).is_timestamp


@settings(max_examples=400, deadline=None)
@given(locales, moments, st.sampled_from(("long", "medium", "short")))
def test_babel_dates_are_timestamps(locale, moment, form):
    line = format_date(moment, form, locale=locale)
    assert _timestamp(line), (locale, line)


@settings(max_examples=400, deadline=None)
@given(locales, moments, st.sampled_from(("long", "medium", "short")))
def test_babel_dates_with_their_times_are_timestamps(locale, moment, form):
    line = format_datetime(moment, form, tzinfo=datetime.timezone.utc, locale=locale)
    assert _timestamp(line), (locale, line)


@pytest.mark.parametrize("locale, zone", [
    ("id", "Asia/Makassar"), ("id", "Asia/Jakarta"), ("de", "Europe/Berlin"), ("cs", "Europe/Prague"),
    ("en", "America/Chicago"), ("ja", "Asia/Tokyo"), ("es_CO", "America/Bogota"), ("el", "Europe/Athens")])
@pytest.mark.parametrize("moment", [datetime.datetime(2026, 3, 3, 8, 15), datetime.datetime(2027, 8, 21, 17, 45)])
def test_a_date_with_its_countrys_own_zone_is_a_timestamp(locale, zone, moment):
    # a site prints its times with its country's zone ("Senin, 3 Agu 2026 08:15 WITA"), a name CLDR gives for
    # that country's zones alone
    from babel.dates import get_timezone

    line = format_datetime(moment, "EEEE, d MMM y HH:mm z", tzinfo=get_timezone(zone), locale=locale)
    assert _timestamp(line), (locale, line)


@settings(max_examples=200, deadline=None)
@given(locales, moments)
def test_babel_clock_times_are_timestamps(locale, moment):
    line = format_time(moment, "short", locale=locale)
    # a clock printed with a dot alone ("14.05" in Danish, Finnish, Indonesian) is a price as well: a timestamp
    # with a date or its zone, not bare
    assert _timestamp(line) == (":" in line), (locale, line)


@settings(max_examples=400, deadline=None)
@given(locales, st.sampled_from(("second", "minute", "hour", "day", "week", "month", "year")),
       st.integers(min_value=1, max_value=59), st.sampled_from(("long", "short", "narrow")))
def test_babel_past_times_are_timestamps(locale, unit, count, width):
    # "hace 3 horas", "3 saat önce", "před 3 hodinami", "לפני שעתיים" (a dual: no number), "3시간 전"
    seconds = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 7 * 86400, "month": 30 * 86400,
               "year": 365 * 86400}[unit]
    line = format_timedelta(datetime.timedelta(seconds=-count * seconds), granularity=unit, threshold=100,
                            add_direction=True, format=width, locale=locale)
    assert _timestamp(line), (locale, line)


@pytest.mark.parametrize("line", [
    "10:52 a. m.", "10:52 p. m.", "3 godziny temu", "27 listopada 2026", "2 saat önce", "för 3 timmar sedan",
    "před 2 hodinami", "2 jam lalu", "2 giờ trước", "2시간 전", "לפני שעתיים", "2 години тому", "wczoraj, 14:05",
    "pátek 27. listopadu 2026 14:05", "Sun, 29 Nov, 2026 - 19:40",
    # the hand-typed shapes CLDR has no words for stay timestamps
    "14h32", "9.30am", "13.55 GMT", "12.03.2024, 14:20 Uhr", "vor wenigen Minuten",
    # the clock after an en dash as well as a hyphen
    "03.02.2025 – 08:40 Uhr",
])
def test_timestamps_in_many_languages(line):
    assert _timestamp(line)


@settings(max_examples=200, deadline=None)
@given(locales, moments, st.sampled_from(("Zaktualizowano", "Última hora:", "게시", "Publicat -", "Cập nhật")))
def test_a_date_under_a_sites_label_is_a_timestamp(locale, moment, label):
    """The story's date under the site's own label ("Updated", "입력"), in any words: CLDR knows the date, not the
    label, so the date after a word or two tells the line."""
    for line in (f"{label} {format_datetime(moment, 'medium', locale=locale)}",
                 f"{label} {format_date(moment, 'long', locale=locale)}", f"{label} {moment:%Y.%m.%d %H:%M}"):
        assert _timestamp(line), (locale, line)


@settings(max_examples=200, deadline=None)
@given(locales, moments, st.sampled_from(("long", "medium", "short")))
def test_a_date_at_its_time_is_a_timestamp(locale, moment, form):
    """The date and its time joined by the locale's word for "at" ("24.11.2026. u 18:42", "24.11.2026 klo 18.42",
    "24 novembre 2026 alle ore 18:42"): CLDR's atTime forms, which babel files as ``datetime_formats_relative``."""
    from babel import Locale

    parsed = Locale.parse(locale)
    for pattern in dict(parsed._data.get("datetime_formats_relative", {})).values():
        line = str(pattern).replace("'", "").replace("{1}", format_date(moment, form, locale=parsed)).replace(
            "{0}", format_time(moment, "short", locale=parsed))
        assert _timestamp(line), (locale, line)


@settings(max_examples=100, deadline=None)
@given(locales, moments, moments, st.sampled_from(("|", "·", "•")))
def test_the_storys_dates_side_by_side_are_a_timestamp(locale, published, updated, separator):
    """The story's dates on one line, parted by a bar or a dot, each under the site's own label or not
    ("Julkaistu 24.11.2026 18:42 | Päivitetty 24.11.2026 19:15"): the line is a timestamp; a section's name beside a
    date is none."""
    first = f"Objavljeno {format_datetime(published, 'medium', locale=locale)}"
    for second in (f"Ažurirano {updated:%d.%m.%Y %H:%M}", format_date(updated, "long", locale=locale)):
        assert _timestamp(f"{first} {separator} {second}"), (locale, first, second)
    assert not _timestamp(f"Vijesti {separator} {updated:%d.%m.%Y}")


@pytest.mark.parametrize(("line", "timestamp"), [
    ("12 marzo 2025 (aggiornato il 12 marzo 2025 | 18:05)", True), ("3. 4. 2025 (Aktualizace 3. 4. 2025 11:20)", True),
    ("2025年3月12日 9時15分（2025年3月12日 11時40分更新）", True), ("2025년 3월 12일 09:15 (2025년 3월 12일 11:40 수정)", True),
    ("Kotimaa (24.11.2026)", False), ("Video (1:24)", False)])
def test_the_update_in_brackets_after_the_storys_date(line, timestamp):
    """The update's date in brackets after the story's date, under its label -- a script written without spaces
    prints it after the date ("11時40分更新") -- makes one timestamp; a section's name or a clip's over a date in
    brackets makes none."""
    assert _timestamp(line) is timestamp


@pytest.mark.parametrize("line", [
    "Päivitetty tänään 14:05", "Oppdatert i dag 09:12", "Publicado hoy 18:40 · Actualizado hoy 19:02",
    "게시 2025.03.12 09:15 수정 2025.03.12 11:40", "Opublikowano 12.03.2025 09:15 Zaktualizowano 12.03.2025 11:40",
])
def test_a_clock_after_cldr_words_or_two_labelled_dates_without_a_mark_are_a_timestamp(line):
    """Under a site's one-word label, a clock after CLDR's words (a relative day, the locale's "at") is the story's
    time of day; and the story's two dates side by side, each under its label, need no bar between them."""
    assert _timestamp(line), line


@pytest.mark.parametrize("line", [
    # a label in a script that writes its vowels as combining marks: Tamil's "posted", Hindi's "published", Bengali's
    # "updated"
    "பதிவு: அக்டோபர் 14, 2025 09:15", "प्रकाशित: 14 अक्तूबर 2025, 09:15", "হালনাগাদ: 14 অক্টোবর 2025",
    # a time zone's abbreviation in Latin capitals after the clock, in any script
    "அக்டோபர் 14, 2025 09:15 IST", "14 Oktoba 2025 09:15 EAT", "14 жовтня 2025, 09:15 EET",
])
def test_a_date_under_a_label_in_an_indic_script_or_with_its_zone_is_a_timestamp(line):
    """The story's date under the site's label in an Indic script (its vowel signs are no word characters to a regex),
    and a date whose clock carries its zone's abbreviation, which CLDR's words lack, are timestamps."""
    assert _timestamp(line), line


NATIVE_ZEROS = {"arabic-indic": "\u0660", "persian": "\u06f0", "devanagari": "\u0966", "bengali": "\u09e6",
                "thai": "\u0e50"}


@settings(max_examples=200, deadline=None)
@given(locales, moments, st.sampled_from(("medium", "short")), st.sampled_from(sorted(NATIVE_ZEROS)))
def test_a_date_in_a_scripts_own_digits_is_a_timestamp(locale, moment, form, digits):
    """Persian, Arabic, Bengali, Hindi and Thai sites print their times in their own digits ("۱۸ دقیقه پیش",
    "৩৫ মিনিট আগে", "๑๔:๐๕ น."): a date CLDR formats, written in those digits, is as much a timestamp."""
    line = format_datetime(moment, form, locale=locale)
    native = line.translate({ord("0") + value: chr(ord(NATIVE_ZEROS[digits]) + value) for value in range(10)})
    assert _timestamp(native) == _timestamp(line), (line, native)


@pytest.mark.parametrize("line", ["۱۸ دقیقه پیش", "৩৫ মিনিট আগে", "۱۴۰۴/۱۲/۲۰ - ۲۱:۱۰", "٢٠٢٦/١١/٢٧ ١٤:٠٥",
                                  "१४ अक्तूबर २०२५, ०९:१५"])
def test_times_in_a_scripts_own_digits(line):
    assert _timestamp(line), line


@pytest.mark.parametrize("line", [
    # after a label, a clock alone is a clip's running time and a day beside a month's name a product's name
    "Video 1:24", "Duration: 3:42", "iPhone 11 Pro", "Galaxy 25 Mai", "Video 1:24 HD",
])
def test_a_label_over_no_date_is_no_timestamp(line):
    assert not _timestamp(line)


@pytest.mark.parametrize("line", [
    "$12.50", "12,50 €", "12.50", "2:1", "Real Madrid 2-1 Barcelona", "listopad 2026", "March 2026",
    "Theresa May 2", "Domingo 3", "May",
    "May told reporters on 3 June that the talks would go on until a deal was struck",
    "Mai 68 a changé la France", "Le 14 juillet, la fête nationale a réuni des milliers de personnes à Paris",
])
def test_lines_that_are_not_timestamps(line):
    assert not _timestamp(line)
    assert not cldr_timestamp(line, any(char.isdigit() for char in line))


def test_unnumbered_times_fit_their_word_limit():
    # features_of asks about a line without a digit only up to this many words
    words = json.loads(WORDS_FILE.read_text(encoding="utf-8"))["words"]
    longest = max(len(WORD_RE.findall(phrase)) for phrase in words["whole"] + words["relative_days"])
    assert longest == CLDR_UNNUMBERED_TIME_MAX_WORDS


def test_importing_loads_no_locale_data_and_the_patterns_none_of_babels():
    # importing a module does nothing: the patterns are built on the first line asked about, from the committed
    # words file, without loading babel's locale data (most of a CPU-second a process)
    check = ("import sys, annotation.preannotate as p; from annotation.preannotate.timestamps import patterns; "
             "assert patterns.cache_info().currsize == 0; assert 'babel' not in sys.modules; "
             "patterns(); assert patterns.cache_info().currsize == 1; assert 'babel' not in sys.modules")
    subprocess.run([sys.executable, "-c", check], cwd=ROOT, check=True)


def test_the_words_file_is_what_cldr_gives(tmp_path):
    # scripts/cldr-timestamps wrote it from the installed babel; a babel with other CLDR data needs it rewritten
    stored = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    assert stored == cldr_words(), "rerun scripts/cldr-timestamps"
    written = tmp_path / "words.json"
    write_words_file(written)
    assert written.read_bytes() == WORDS_FILE.read_bytes()
    assert patterns().month.fullmatch("listopada")


@pytest.mark.parametrize("line", ["11月" * 30 + "x", "11월 " * 20 + "x", "de " * 30 + "1 x", "1 " * 45 + "x"])
def test_a_line_is_read_one_way(line):
    # a pattern that could read "11月" as a name or as a number and "月" would try 2**30 readings of this line
    # (the test would not finish); read token by token, it is turned away at once
    assert not cldr_timestamp(line, True)


@pytest.mark.parametrize("line", [
    # the official languages of the world's countries and regions by CLDR's territory data, not only Europe's and
    # East Asia's: Georgian, Kazakh, Swahili, Tamil, Filipino, Amharic, Welsh, Zulu
    "14 ოქტომბერი 2025", "3 საათის წინ", "14 қазан 2025", "saa 3 zilizopita", "14 அக்டோபர், 2025",
    "Oktubre 14, 2025", "ከ3 ሰዓቶች በፊት", "3 awr yn ôl", "14 Hydref 2025", "14 Okthoba 2025",
    # a date opening with its month's name under a site's label of a word or two
    "Updated Oktubre 14, 2025", "Última hora: Oct 14, 2025",
])
def test_timestamps_in_the_official_languages_of_cldrs_territories(line):
    assert _timestamp(line), line


def test_a_months_abbreviation_is_no_month_before_a_vowel_sign():
    # Bengali's "আগ" (Aug.) opens "আগে" (ago): a vowel sign is no letter to \w, yet it goes on the word
    assert patterns().month.search("আগে") is None
    assert patterns().month.search("আগ") is not None
