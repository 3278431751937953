"""``scripts/handmade-gold``: the gold folders of ``tests/gold`` are exactly what their sources build, ``check``
names each problem of a page by file and line, and the labels become the spans the guidelines ask for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.handmade import build_gold, check_page
from schemas.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SCRIPT = ROOT / "scripts" / "handmade-gold"


def handmade_gold(*arguments: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, arguments)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def write_page(folder: Path, name: str, body: str, html: str | None = None) -> Path:
    path = folder / f"{name}.page"
    path.write_text(body, encoding="utf-8")
    if html is not None:
        path.with_suffix(".html").write_text(html, encoding="utf-8")
    return path


def messages(path: Path) -> list[str]:
    problems, _ = check_page(path)
    return [str(problem) for problem in problems]


def spans_of(out: Path, rendering: str) -> list[tuple[str, str]]:
    """(label, span text) of the one annotation of a built rendering, in order."""
    (annotations,) = (out / rendering / "annotations").iterdir()
    record = json.loads(annotations.read_text(encoding="utf-8"))
    return [(span["label"], span["text"]) for span in record["spans"]]


@pytest.mark.parametrize("gold_set", [f"set-{letter}" for letter in "ijklmnopqrstuv"])
def test_the_gold_folders_are_what_their_sources_build(tmp_path: Path, gold_set: str) -> None:
    done = handmade_gold("build", GOLD / "sources" / gold_set, tmp_path / gold_set)
    assert done.returncode == 0, done.stderr
    built, committed = files_of(tmp_path / gold_set), files_of(GOLD / gold_set)
    assert sorted(built) == sorted(committed)
    assert [name for name in built if built[name] != committed[name]] == []


def test_every_committed_source_page_checks_ok() -> None:
    pages = sorted((GOLD / "sources").glob("*/*.page"))
    done = handmade_gold("check", *pages)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines() == [f"{page}: OK" for page in pages]


STORY = "# lang: en\n# kind: story\n\nB| Home | World\n\nA| Harbour plan approved\n\nA| {body}\n"


def test_check_names_unbalanced_quote_brackets(tmp_path: Path) -> None:
    unclosed = write_page(tmp_path, "unclosed", STORY.format(body="She said ⟦“we will build it.” today"))
    assert messages(unclosed) == [f"{unclosed}:8: '⟦' is not closed by '⟧' on the same line (a quotation over "
                                  "several paragraphs is marked once per paragraph, each piece closed on its line): "
                                  "'She said ⟦“we will build it.” today'"]
    unopened = write_page(tmp_path, "unopened", STORY.format(body="She said “we will build it.”⟧ today"))
    assert messages(unopened) == [f"{unopened}:8: '⟧' without its '⟦' on the same line (brackets never cross a "
                                  "line): 'She said “we will build it.”⟧ today'"]


def test_check_names_a_teaser_continuation_without_its_item(tmp_path: Path) -> None:
    page = write_page(tmp_path, "orphan", "# lang: en\n# kind: front\n\nB| Most read\nT+| 2 hours ago\n")
    (message,) = messages(page)
    assert message.startswith(f"{page}:5: T+| continues a teaser item, but the line above does not end in one")
    # the item ends at any other label, and at a boilerplate part closing its line
    for body, line in (("T| Ferry fares rise\nB| Advertisement\nT+| 2 hours ago\n", 6),
                       ("T| Ferry fares rise ⟪B⟫ Sponsored\nT+| 2 hours ago\n", 5)):
        page = write_page(tmp_path, "broken", "# lang: en\n# kind: front\n\n" + body)
        assert [message.split(": ")[0] for message in messages(page)] == [f"{page}:{line}"]


def test_check_names_a_quote_outside_article_text(tmp_path: Path) -> None:
    page = write_page(tmp_path, "caption", STORY.format(body="The plan passed.") + "\nB| Photo: ⟦“Hope”⟧ banner\n"
                      "\nT| Mayor: ⟦“We won”⟧\n\nA| Signed ⟪B⟫ ⟦“Share”⟧\n")
    assert [message.split(": ", 2)[:2] for message in messages(page)] == [
        [f"{page}:10", "quote ⟦…⟧ in boilerplate text"],
        [f"{page}:12", "quote ⟦…⟧ in teaser text"],
        [f"{page}:14", "quote ⟦…⟧ in boilerplate text"],
    ]


def test_check_refuses_dash_speech_and_words_split_by_a_quote(tmp_path: Path) -> None:
    dash = write_page(tmp_path, "dash", "# lang: fr\n# kind: story\n\nA| Le port s’agrandit\nA| ⟦— Nous le ferons,⟧ "
                      "dit-elle.\n")
    assert messages(dash) == [f"{dash}:5: quote ⟦— Nous le ferons,⟧: starts on the dash '—': dash-introduced speech "
                              "is never a quote (guidelines §7.2): '⟦— Nous le ferons,⟧ dit-elle.'"]
    inside = write_page(tmp_path, "inside", STORY.format(body="The mayor⟦“said”⟧ no."))
    assert messages(inside) == [f"{inside}:8: quote ⟦“said”⟧: starts right after 'r', inside a word: "
                                "'The mayor⟦“said”⟧ no.'"]
    # Japanese writes the quotation mark right after a letter
    japanese = write_page(tmp_path, "japanese", "# lang: ja\n# kind: story\n\nA| 港の拡張を承認\n"
                          "A| 市長は⟦「来年着工する」⟧と述べた。\n")
    assert messages(japanese) == []



def test_check_accepts_guillemets_pointing_inwards(tmp_path: Path) -> None:
    # Danish and German print »…« and ›…‹: the mark English uses to open closes the quotation (guidelines §7.1)
    danish = write_page(tmp_path, "danish", "# lang: da\n# kind: story\n\nA| Havnen udvides\n"
                        "A| ⟦»Vi bygger den,«⟧ sagde borgmesteren. ⟦»Det er ›vores‹ havn.«⟧\n")
    assert messages(danish) == []
    unclosed = write_page(tmp_path, "unclosed", "# lang: da\n# kind: story\n\nA| Havnen udvides\n"
                          "A| ⟦»Vi bygger den⟧, sagde hun.\n")
    assert [message.split(": ", 1)[0] for message in messages(unclosed)] == [f"{unclosed}:5"]

HAND_HTML = ("<!DOCTYPE html><html><head><title>t</title><script>var x = 'not shown';</script></head><body>"
             "<nav><a href='/'>Home | World</a></nav>\n<article><h1>Harbour plan\n   approved</h1>"
             "<p>The council voted <b>on Monday</b>.</p></article></body></html>")


def test_check_names_a_line_missing_from_the_hand_written_html(tmp_path: Path) -> None:
    body = STORY.replace("# kind: story", "# kind: story\n# html: yes").format(body="The council voted on Monday.")
    page = write_page(tmp_path, "complete", body, HAND_HTML)
    assert messages(page) == []
    page = write_page(tmp_path, "missing", body + "\nA| The work starts in May.\n", HAND_HTML)
    assert messages(page) == [f"{page}:11: [hand] line not found in the HTML (the HTML has no more visible blocks): "
                              "'The work starts in May.'"]
    page = write_page(tmp_path, "extra", body, HAND_HTML.replace("</article>", "<p>Subscribe now</p></article>"))
    assert messages(page) == [f"{page}:9: [hand] extra.html shows text that is no line of the page after the last "
                              "line: 'Subscribe now'"]


def test_the_check_command_prints_ok_or_each_problem_and_exits_1(tmp_path: Path) -> None:
    good = write_page(tmp_path, "good", STORY.format(body="She said ⟦“we will build it.”⟧"))
    bad = write_page(tmp_path, "bad", STORY.format(body="She said ⟦“we will build it.”"))
    done = handmade_gold("check", good, bad)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"{good}: OK",
        f"{bad}:8: '⟦' is not closed by '⟧' on the same line (a quotation over several paragraphs is marked once "
        "per paragraph, each piece closed on its line): 'She said ⟦“we will build it.”'",
        f"{bad}: (the project's span rules and the HTML are checked once these are fixed)",
    ]


def test_a_mixed_line_is_split_with_its_white_space_trimmed(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    write_page(sources, "mixed", "# lang: en\n# kind: story\n\nA| Harbour plan approved\n"
               "A| By Jane Doe ⟪B⟫| Share | Tweet\n\n\nA| The council voted ⟦“yes,”⟧ she said.\n")
    build_gold(sources, tmp_path / "out")
    for rendering in ("text", "spaced", "semantic", "div"):
        assert spans_of(tmp_path / "out", rendering) == [
            ("article", "Harbour plan approved"), ("article", "By Jane Doe"), ("boilerplate", "| Share | Tweet"),
            ("article", "The council voted “yes,” she said."), ("quote", "“yes,”"),
        ], rendering
    assert (tmp_path / "out" / "text" / "pages" / "mixed.txt").read_text(encoding="utf-8") == (
        "Harbour plan approved\nBy Jane Doe | Share | Tweet\n\n\nThe council voted “yes,” she said.")
    # spaced/ hides the page's grouping: exactly one blank line between every two lines
    assert (tmp_path / "out" / "spaced" / "pages" / "mixed.txt").read_text(encoding="utf-8") == (
        "Harbour plan approved\n\nBy Jane Doe | Share | Tweet\n\nThe council voted “yes,” she said.")


def test_check_names_a_line_the_text_ingest_moves(tmp_path: Path) -> None:
    # ingest drops a byte order mark at the start of a .txt: the first line would no longer be where its spans are
    page = write_page(tmp_path, "bom", "# lang: en\n# kind: story\n\nA| \ufeffHarbour plan approved\n"
                      "A| The council voted.\n")
    assert messages(page) == [f"{page}:4: [{rendering}] the line is not at its offset 0 in the ingested bom.txt: "
                              "'\\ufeffHarbour plan approved'" for rendering in ("text", "spaced")]


def test_a_teaser_item_spans_its_lines_and_each_t_starts_one(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    write_page(sources, "front", "# lang: en\n# kind: front\n\nB| Latest\nT| Ferry fares rise\n"
               "T+| Operators blame fuel costs.\nT+| 2 hours ago\nT| Bridge reopens ⟪T⟫ Tram delays\n"
               "T+| 5 minutes ago\n")
    build_gold(sources, tmp_path / "out")
    for rendering in ("text", "spaced", "semantic", "div"):
        labels = spans_of(tmp_path / "out", rendering)
        assert [label for label, _ in labels] == ["boilerplate", "teaser", "teaser", "teaser"], rendering
        first, second, third = (" ".join(text.split()) for _, text in labels[1:])
        assert (first, second, third) == ("Ferry fares rise Operators blame fuel costs. 2 hours ago",
                                          "Bridge reopens", "Tram delays 5 minutes ago"), rendering


def test_a_page_with_a_problem_stops_the_build_and_nothing_is_written(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    write_page(sources, "good", STORY.format(body="The council voted."))
    bad = write_page(sources, "bad", "# lang: en\n# kind: front\n\nT+| 2 hours ago\n")
    with pytest.raises(InputError, match=f"(?s){bad}:4: T\\+\\| continues.*nothing written to "):
        build_gold(sources, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert [path.name for path in tmp_path.iterdir()] == ["sources"]  # no staging folder left behind
