"""Synthetic pages: deterministic, prefix-stable, varied, and their gold obeys the span rules and guidelines."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation.store import read_annotations
from corpus.cli import main
from corpus.html import parse_html
from corpus.synth import (
    CLOSING_MARKS,
    OPENING_MARKS,
    QUOTE_STYLES,
    SyntheticPage,
    annotation_of,
    iter_synthetic,
    page_name,
)
from schemas.errors import ConfigError
from schemas.records import doc_id_for, text_sha256
from schemas.rules import span_faults

ROOT = Path(__file__).resolve().parents[1]
SEED = 11
SAMPLE_SIZE = 600
# An apostrophe between two letters (Moscow’s, it's, rock ’n’ roll) is part of a word, never a quote mark.
IN_WORD_APOSTROPHE = re.compile(r"(?<=\w)[’'](?=\w)")
SCARE_QUOTE = re.compile(r"so-called (\S)")


@pytest.fixture(scope="module")
def pages() -> list[SyntheticPage]:
    return list(iter_synthetic(SAMPLE_SIZE, SEED, html_share=0.2))


def spans_labelled(page: SyntheticPage, label: str):
    return [span for span in page.spans if span.label == label]


def test_same_seed_gives_the_same_pages_and_another_seed_others() -> None:
    first = list(iter_synthetic(30, 4, html_share=0.3))
    assert first == list(iter_synthetic(30, 4, html_share=0.3))
    assert [page.text for page in first] != [page.text for page in iter_synthetic(30, 5, html_share=0.3)]


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32), start=st.integers(0, 1200), count=st.integers(1, 6))
def test_page_i_does_not_depend_on_n_or_start(seed: int, start: int, count: int) -> None:
    window = list(iter_synthetic(count, seed, start=start, html_share=0.5))
    assert [page.name for page in window] == [page_name(start + k) for k in range(count)]
    for offset, page in enumerate(window):
        assert page == next(iter(iter_synthetic(1, seed, start=start + offset, html_share=0.5)))
    longer = list(iter_synthetic(count + 3, seed, start=start, html_share=0.5))
    assert longer[:count] == window


def test_every_page_gold_is_valid_and_complete(pages: list[SyntheticPage]) -> None:
    for page in pages:
        assert span_faults(page.text, page.spans, complete=True) == [], page.name
        zones = [span for span in page.spans if span.layer == "zone"]
        assert zones and zones[0].start == len(page.text) - len(page.text.lstrip())


def test_html_pages_gold_is_on_the_rendered_text(pages: list[SyntheticPage]) -> None:
    html_pages = [page for page in pages if page.html is not None]
    assert 0.1 * len(pages) < len(html_pages) < 0.3 * len(pages)
    for page in html_pages:
        assert parse_html(page.html.encode("utf-8"), page.source).text == page.text


def test_quotes_start_and_end_with_quotation_marks_never_on_an_apostrophe(pages: list[SyntheticPage]) -> None:
    open_ended = 0
    for page in pages:
        text = page.text
        articles = spans_labelled(page, "article")
        apostrophes = {match.start() for match in IN_WORD_APOSTROPHE.finditer(text)}
        for quote in spans_labelled(page, "quote"):
            assert text[quote.start] in OPENING_MARKS, (page.name, quote)
            assert quote.start == 0 or not text[quote.start - 1].isalnum(), (page.name, quote)
            assert quote.start not in apostrophes and quote.end - 1 not in apostrophes, (page.name, quote)
            container = next(a for a in articles if a.start <= quote.start and quote.end <= a.end)
            if quote.end == container.end and text[quote.end - 1] not in CLOSING_MARKS:
                # A quotation running on into the next paragraph: it opens there again.
                open_ended += 1
                following = min((a for a in articles if a.start > container.end), key=lambda a: a.start)
                assert text[following.start] == text[quote.start], (page.name, quote)
            else:
                assert text[quote.end - 1] in CLOSING_MARKS, (page.name, quote)
    assert open_ended > 0


def test_every_quotation_style_and_apostrophes_occur(pages: list[SyntheticPage]) -> None:
    openings = Counter(page.text[quote.start] for page in pages for quote in spans_labelled(page, "quote"))
    assert {opening for opening, _ in QUOTE_STYLES} <= set(openings)
    assert sum(bool(IN_WORD_APOSTROPHE.search(page.text)) for page in pages) > len(pages) // 2
    assert any("’90s" in page.text for page in pages)


def test_scare_quotes_are_not_quote_spans(pages: list[SyntheticPage]) -> None:
    seen = 0
    for page in pages:
        for match in SCARE_QUOTE.finditer(page.text):
            mark = match.start(1)
            assert page.text[mark] in OPENING_MARKS
            assert not any(q.start <= mark < q.end for q in spans_labelled(page, "quote")), page.name
            seen += 1
    assert seen > 0


def test_teaser_spans_hold_their_items_and_marks_in_teasers_are_not_quotes(pages: list[SyntheticPage]) -> None:
    teasers = [span for page in pages for span in spans_labelled(page, "teaser")]
    assert len(teasers) > len(pages)
    assert any(re.search(r"\d+ (?:hour|min|day)s? ago$", span.text) for span in teasers)
    assert any("…" in span.text for span in teasers)
    assert any(any(mark in span.text for mark in "“«„") for span in teasers)


def test_pages_vary_in_length_layout_and_characters(pages: list[SyntheticPage]) -> None:
    text_pages = [page for page in pages if page.html is None]
    lengths = [len(page.text) for page in pages]
    assert min(lengths) < 1000 and max(lengths) > 10_000
    assert max(lengths) < 30_000
    crlf = sum("\r\n" in page.text for page in text_pages)
    assert 0 < crlf < len(text_pages) // 4
    assert all("\r" not in page.text.replace("\r\n", "") for page in text_pages)
    assert any(any(ord(char) > 0xFFFF for char in page.text) for page in pages)
    assert any("🇳🇬" in page.text or "🇺🇦" in page.text for page in pages)
    assert any(any(unicodedata.combining(char) for char in page.text) for page in pages)
    section_fronts = [page for page in pages if not spans_labelled(page, "article")]
    assert 0 < len(section_fronts) < len(pages) // 4


def test_pages_of_one_site_share_boilerplate(pages: list[SyntheticPage]) -> None:
    pages_with = Counter()
    for page in pages:
        pages_with.update({span.text for span in spans_labelled(page, "boilerplate")})
    copyright_lines = [text for text, count in pages_with.items() if "©" in text and count > 1]
    assert copyright_lines
    sites = {text for text in pages_with if "©" in text}
    assert len(sites) <= SAMPLE_SIZE // 20


def test_annotation_records_the_page() -> None:
    page = next(iter(iter_synthetic(1, 3)))
    annotation = annotation_of(page, 3)
    assert (annotation.origin, annotation.annotator, annotation.ground_truth) == ("human", "synth", True)
    assert annotation.source == f"pages/{page.name}.txt"
    assert annotation.doc_id == doc_id_for(page.text) and annotation.text_sha256 == text_sha256(page.text)


def test_bad_arguments_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="html share"):
        iter_synthetic(3, 0, html_share=1.5)
    with pytest.raises(ConfigError, match="page count"):
        iter_synthetic(-1, 0)


def test_cli_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["synth", "--help"])
    assert exit_info.value.code == 0
    assert "--html-share" in capsys.readouterr().out


def test_cli_writes_pages_and_annotations_that_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "synth"
    assert main(["synth", "40", "--out", str(out), "--seed", "2", "--html-share", "0.3"]) == 0
    expected = {page.source: page for page in iter_synthetic(40, 2, html_share=0.3)}
    assert sorted(str(path.relative_to(out)) for path in (out / "pages").iterdir()) == sorted(expected)
    stored = list(read_annotations(out / "annotations"))
    assert len(stored) == 40
    for annotation in stored:
        page = expected[annotation.source]
        assert annotation == annotation_of(page, 2)
        data = (out / annotation.source).read_bytes()
        text = data.decode("utf-8") if page.html is None else parse_html(data, annotation.source).text
        assert text_sha256(text) == annotation.text_sha256
        assert span_faults(text, annotation.spans, complete=True) == []
    assert not [path for path in tmp_path.iterdir() if path.name != "synth"], "staging folder left behind"


def test_cli_refuses_a_non_empty_folder_unless_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "synth"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["synth", "3", "--out", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert (out / "keep.txt").exists()
    assert main(["synth", "3", "--out", str(out), "--overwrite"]) == 0
    assert sorted(path.name for path in (out / "pages").iterdir()) == ["0000000.txt", "0000001.txt", "0000002.txt"]
    assert not (out / "keep.txt").exists()


def _folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_runs_are_byte_identical_across_processes(tmp_path: Path) -> None:
    digests = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"run{hash_seed}"
        environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-m", "corpus", "synth", "25", "--out", str(out), "--seed", "9",
                        "--html-share", "0.2"], check=True, cwd=ROOT, env=environment, capture_output=True)
        digests.append(_folder_digest(out))
    assert digests[0] == digests[1]
