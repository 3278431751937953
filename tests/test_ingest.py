"""The ingest stage and the HTML renderer, on real files written to temporary folders."""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus.cli import main
from corpus.html import WHITESPACE_CHARS, HtmlPage, UndecodableError, UnparsableError, parse_html
from corpus.ingest import (
    NothingToIngest,
    RejectedPage,
    RejectLog,
    Skipped,
    SpilledIngest,
    ingest,
    ingest_paths,
    iter_input_files,
    read_page,
    source_name,
)
from schemas.errors import ConfigError, InputError
from schemas.records import NON_WHITESPACE_RE, doc_id_for, is_whitespace

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEED = PROJECT_ROOT / "seeds" / "000_a3d3bdd04bcaf00f.txt"

# Any text a UTF-8 file can hold, weighted towards what breaks naive readers: CRLF, emoji and other
# astral characters, combining marks, zero-width joiners, byte-order marks inside the text.
TRICKY = ["\r\n", "\r", "\n", "\u00a0", "\u0301", "\u200d", "\ufeff", "😀", "👩‍👩‍👧", "𝔘", "é", "e\u0301"]
page_texts = (
    st.lists(
        st.one_of(st.sampled_from(TRICKY), st.text(st.characters(exclude_categories=["Cs"]), max_size=8)),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .filter(lambda text: NON_WHITESPACE_RE.search(text) is not None)
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


# --- .txt ---------------------------------------------------------------------------------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=page_texts, with_bom=st.booleans())
def test_txt_text_is_kept_exactly(tmp_path: Path, text: str, with_bom: bool) -> None:
    # Without a byte-order mark, a text starting with U+FEFF would itself read as one.
    assume(with_bom or not text.startswith("\ufeff"))
    path = write(tmp_path / "page.txt", (b"\xef\xbb\xbf" if with_bom else b"") + text.encode("utf-8"))
    document = read_page(path, source="page.txt")
    assert document.text == text
    assert document.doc_id == doc_id_for(text)
    assert document.sources == ("page.txt",)


# No deadline: the first example imports pyarrow (corpus.ingest imports it only where it spills).
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=page_texts)
def test_same_text_in_two_files_is_one_document_with_both_sources(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "same"
    write(folder / "b.txt", "\ufeff" + text)  # a BOM is not part of the text: still the same document
    write(folder / "a" / "copy.txt", text if not text.startswith("\ufeff") else "\ufeff" + text)
    write(folder / "c.txt", text + " and more")  # a different text whatever the example ('other' was one)
    result = ingest([folder], root=tmp_path)
    assert [document.sources for document in result.documents] == [("same/a/copy.txt", "same/b.txt"), ("same/c.txt",)]
    assert result.documents[0].text == text
    assert result.merged_duplicates == 1
    assert result.files_read == 3


def test_the_spilled_ingest_gives_the_merged_documents_back_without_hashing_their_texts_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import schemas.records

    html_page = page("<h1>Headline</h1><p>Body text of the story.</p>",
                     '<title>The title</title><link rel="canonical" href="https://example.com/story">')
    rendered = parse_html(html_page, "story.html").text
    folder = tmp_path / "pages"
    write(folder / "a.txt", rendered)  # first without a title or URL; the HTML copy brings them
    write(folder / "b.html", html_page)
    write(folder / "c.txt", "other\r\ntext 😀")
    write(folder / "d.txt", "other\r\ntext 😀")
    write(folder / "e.txt", b"")  # a reject
    expected = ingest([folder], root=tmp_path).documents
    with SpilledIngest([folder], tmp_path / "work", root=tmp_path) as spilled:
        # Read back, the documents are the ones read and checked, not made (and their texts hashed) again.
        monkeypatch.setattr(schemas.records, "text_sha256", lambda text: pytest.fail("a text was hashed again"))
        documents = list(spilled.documents())
    assert documents == list(expected)
    assert [document.text_sha256 for document in documents] == [document.text_sha256 for document in expected]
    assert (documents[0].sources, documents[0].title, documents[0].url) == (
        ("pages/a.txt", "pages/b.html"), "The title", "https://example.com/story")
    assert documents[1].sources == ("pages/c.txt", "pages/d.txt")


def test_a_document_made_from_its_text_hashes_it_once_and_any_other_is_still_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import schemas.records

    text = "other\r\ntext 😀"
    hashed = []
    real = schemas.records.text_sha256
    monkeypatch.setattr(schemas.records, "text_sha256", lambda text: hashed.append(text) or real(text))
    document = schemas.records.Document.from_text(text, sources=("a.txt",))
    assert hashed == [text]  # the hash doc_id is made from is the one kept, not computed again to check it
    assert (document.doc_id, document.text_sha256) == (doc_id_for(text), real(text))
    # made with its fields, or replaced with another text, a document is hashed and checked as before
    assert schemas.records.Document(document.doc_id, text).text_sha256 == real(text)
    with pytest.raises(ValueError, match="does not match its text"):
        dataclasses.replace(document, text="another text")


def test_the_spilled_ingest_merges_sources_and_counts_as_ingest_does(tmp_path: Path) -> None:
    # Its sources of a text read again are the first copy's (kept in the spill, more than a batch of
    # documents before) and the later ones', each once: a file given twice is one source.
    folder = tmp_path / "pages"
    for number in range(300):
        write(folder / f"{number:03d}.txt", f"page {number}")
    write(folder / "copy-a.txt", "page 0")
    write(folder / "copy-b.txt", "page 299")
    paths = [folder, folder / "000.txt", folder / "copy-a.txt"]
    expected = ingest(paths, root=tmp_path)
    with SpilledIngest(paths, tmp_path / "work", root=tmp_path) as spilled:
        documents = list(spilled.documents())
        assert spilled.summary() == expected.summary()
    assert documents == list(expected.documents)
    assert documents[0].sources == ("pages/000.txt", "pages/copy-a.txt")
    assert documents[299].sources == ("pages/299.txt", "pages/copy-b.txt")
    assert expected.summary()["merged_duplicates"] == 2


def test_exactly_one_bom_is_removed_and_crlf_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbf\xef\xbb\xbfline one\r\nline two\r\n")
    assert read_page(path, source="bom.txt").text == "\ufeffline one\r\nline two\r\n"


def test_undecodable_txt_names_file_and_byte_offset(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.txt", b"\xef\xbb\xbfgood text \xc3\x28 more")
    with pytest.raises(RejectedPage) as raised:
        read_page(path, source="broken.txt")
    reject = raised.value.reject
    assert reject.reason == "undecodable"
    # The offset counts from the start of the file, byte-order mark included.
    assert "byte 13" in reject.detail and "c3" in reject.detail
    assert str(raised.value).startswith("broken.txt: ")
    assert isinstance(raised.value, InputError)


@pytest.mark.parametrize(
    ("data", "detail"),
    [(b"", "no text"), (b"\xef\xbb\xbf", "no text"), (b" \r\n\t\xc2\xa0\xe3\x80\x80", "white space only")],
)
def test_empty_and_whitespace_only_txt_are_rejected(tmp_path: Path, data: bytes, detail: str) -> None:
    with pytest.raises(RejectedPage) as raised:
        read_page(write(tmp_path / "empty.txt", data), source="empty.txt")
    assert raised.value.reject.reason == "empty"
    assert detail in raised.value.reject.detail


def test_seed_reads_to_the_id_its_annotations_are_filed_under() -> None:
    document = read_page(SEED, source_name(SEED, PROJECT_ROOT))
    assert document.sources == ("seeds/000_a3d3bdd04bcaf00f.txt",)
    assert (PROJECT_ROOT / "seeds" / "annotations" / f"{document.doc_id}.jsonl").is_file()


# --- files and folders --------------------------------------------------------------------------


def test_folders_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    names = ["b/z.txt", "a.txt", "b/a.html", "a/b.txt", "B.txt", "c.htm", "d.HTML.GZ", "b/y/x.txt"]
    for number, name in enumerate(reversed(names)):
        write(tmp_path / "in" / name, f"page {number}")
    write(tmp_path / "in" / "notes.md", "not a page")
    write(tmp_path / "in" / ".hidden.txt", "not read")
    listed = list(iter_input_files([tmp_path / "in"]))
    read = [item.relative_to(tmp_path / "in").as_posix() for item in listed if isinstance(item, Path)]
    assert read == ["B.txt", "a/b.txt", "a.txt", "b/a.html", "b/y/x.txt", "b/z.txt", "c.htm", "d.HTML.GZ"]
    skipped = [item for item in listed if isinstance(item, Skipped)]
    assert [(item.path.name, item.file_type) for item in skipped] == [(".hidden.txt", "hidden"), ("notes.md", ".md")]


def test_arguments_keep_their_order_and_files_are_not_listed_twice(tmp_path: Path) -> None:
    second = write(tmp_path / "z.txt", "zed")
    first = write(tmp_path / "a.txt", "ay")
    result = ingest([second, tmp_path], root=tmp_path)
    assert [document.sources for document in result.documents] == [("z.txt",), ("a.txt",)]


def test_unknown_types_are_skipped_and_counted(tmp_path: Path) -> None:
    write(tmp_path / "page.txt", "a page")
    for name in ("one.md", "two.md", "data.json", "README"):
        write(tmp_path / name, "x")
    result = ingest([tmp_path], root=tmp_path)
    assert len(result.documents) == 1
    assert result.skipped_by_type() == {"(no suffix)": 1, ".json": 1, ".md": 2}


def test_ingest_paths_streams_documents_and_stops_at_a_reject(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "same")
    write(tmp_path / "b.txt", "same")
    write(tmp_path / "c.md", "not a page")
    assert [document.sources for document in ingest_paths([tmp_path], root=tmp_path)] == [("a.txt",), ("b.txt",)]
    write(tmp_path / "d.txt", b"\xef\xbb\xbf \n")
    with pytest.raises(RejectedPage, match="d.txt: the text is white space only"):
        list(ingest_paths([tmp_path], root=tmp_path))


def test_a_folder_with_nothing_usable_is_an_input_error(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "bad.txt", b"\xff")
    write(tmp_path / "notes.md", "x")
    with pytest.raises(NothingToIngest) as raised:
        ingest([tmp_path], root=tmp_path)
    assert isinstance(raised.value, InputError)
    assert raised.value.result.rejects_by_reason() == {"empty": 1, "undecodable": 1}
    assert "2 file(s) rejected (empty: 1, undecodable: 1), 1 skipped (.md: 1)" in str(raised.value)


def test_hidden_folders_and_links_to_folders_are_listed_not_walked(tmp_path: Path) -> None:
    write(tmp_path / "in" / ".git" / "page.txt", "not read")
    write(tmp_path / "elsewhere" / "page.txt", "not read")
    (tmp_path / "in" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    write(tmp_path / "in" / "page.txt", "read")
    listed = list(iter_input_files([tmp_path / "in"]))
    assert listed[-1] == tmp_path / "in" / "page.txt"
    assert [(item.path.name, item.reason) for item in listed[:-1]] == [
        (".git", "hidden file or folder"),
        ("link", "symbolic link to a folder (not followed)"),
    ]


def test_a_missing_path_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no-such-folder"):
        list(iter_input_files([tmp_path / "no-such-folder"]))


def test_source_names_are_relative_to_the_root_when_under_it(tmp_path: Path) -> None:
    inside = write(tmp_path / "root" / "seeds" / "p.txt", "x")
    outside = write(tmp_path / "elsewhere" / "p.txt", "x")
    assert source_name(inside, tmp_path / "root") == "seeds/p.txt"
    assert source_name(outside, tmp_path / "root") == outside.as_posix()
    # A folder whose name starts with the root's is not under it; names are normalised; a link into the root
    # is followed.
    sibling = write(tmp_path / "root2" / "p.txt", "x")
    assert source_name(sibling, tmp_path / "root") == sibling.as_posix()
    assert source_name(tmp_path / "root" / "x" / ".." / "seeds" / "p.txt", tmp_path / "root") == "seeds/p.txt"
    assert source_name(tmp_path / "root", tmp_path / "root") == "."
    (tmp_path / "link").symlink_to(tmp_path / "root")
    assert source_name(tmp_path / "link" / "seeds" / "p.txt", tmp_path / "root") == "seeds/p.txt"
    assert source_name(inside, tmp_path / "link") == "seeds/p.txt"


def test_rejects_are_logged_and_good_pages_kept(tmp_path: Path) -> None:
    write(tmp_path / "in" / "good.txt", "good")
    bad_html = b'<meta charset="utf-8"><p>caf\xe9</p>'
    write(tmp_path / "in" / "bad.html", bad_html)
    write(tmp_path / "in" / "corrupt.html.gz", b"\x1f\x8b not really gzip")
    log_path = tmp_path / "out" / "rejects.jsonl"
    with RejectLog(log_path) as log:
        result = ingest([tmp_path / "in"], rejects=log, root=tmp_path)
    assert [document.sources for document in result.documents] == [("in/good.txt",)]
    lines = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines()]
    assert [(line["source"], line["reason"]) for line in lines] == [
        ("in/bad.html", "undecodable"),
        ("in/corrupt.html.gz", "invalid-gzip"),
    ]
    bad_offset = bad_html.index(b"\xe9")
    assert f"byte {bad_offset} as utf-8" in lines[0]["detail"]
    assert [reject.to_json() for reject in result.rejects] == lines


# --- HTML pages through ingest ------------------------------------------------------------------


def test_html_gz_page_with_title_and_canonical_url(tmp_path: Path) -> None:
    head = '<title> The  headline\n| Site </title><link rel="Canonical" href=" https://example.com/a ">'
    path = write(tmp_path / "page.html.gz", gzip.compress(page("<h1>The headline</h1><p>Body text.</p>", head)))
    document = read_page(path, source="page.html.gz")
    assert document.text == "The headline\n\nBody text."
    assert document.title == "The headline | Site"
    assert document.url == "https://example.com/a"


def test_og_title_and_url_are_the_fallbacks(tmp_path: Path) -> None:
    head = '<meta property="og:title" content="OG title"><meta property="og:url" content="https://example.com/og">'
    document = read_page(write(tmp_path / "og.htm", page("<p>text</p>", head)), source="og.htm")
    assert (document.title, document.url) == ("OG title", "https://example.com/og")


def test_html_without_visible_text_is_rejected(tmp_path: Path) -> None:
    body = "<script>var a = 1;</script><div hidden>hidden</div><p> \u00a0 </p><!-- comment -->"
    with pytest.raises(RejectedPage) as raised:
        read_page(write(tmp_path / "blank.html", page(body, "<title>Only a title</title>")), source="blank.html")
    assert raised.value.reject.reason == "empty"


# --- parse_html ---------------------------------------------------------------------------------


def test_hidden_and_non_visible_content_is_dropped() -> None:
    body = (
        "<p>one<span hidden>HIDDEN1</span> two</p>"
        '<div aria-hidden="true">HIDDEN2</div><div aria-hidden="false">three</div>'
        '<div style="color: red; display : none">HIDDEN3</div><p style="visibility:hidden">HIDDEN4</p>'
        "<script>HIDDEN5</script><style>p{}</style><noscript>HIDDEN6</noscript><template>HIDDEN7</template>"
        "<!-- HIDDEN8 --><p>four<!-- HIDDEN9 -->five</p><dialog>HIDDEN10</dialog><dialog open>six</dialog>"
        '<svg><title>HIDDEN11</title></svg><iframe src="x">HIDDEN12</iframe>'
    )
    parsed = parse_html(page(body, "<title>HEAD TITLE</title><style>x{}</style>"), "hidden.html")
    assert "HIDDEN" not in parsed.text and "HEAD" not in parsed.text
    assert [block.text for block in parsed.blocks] == ["one two", "three", "fourfive", "six"]


def test_blocks_keep_the_element_they_came_from() -> None:
    body = (
        "<div id='outer'>intro <a href='#'>link</a><p id='para'>para</p>tail</div>"
        "<ul><li>item <b>one</b></li><li>item two</li></ul>"
        "<table><tr><td>cell 1</td><td>cell\n  2</td></tr></table>"
        "<p id='lines'>line 1<br>line 2<br><br>line 3</p><pre>code  a\n\ncode b</pre>"
    )
    parsed = parse_html(page(body), "blocks.html")
    pairs = [(block.text, block.element.tag, block.element.get("id")) for block in parsed.blocks]
    assert pairs == [
        ("intro link", "div", "outer"),
        ("para", "p", "para"),
        ("tail", "div", "outer"),
        ("item one", "li", None),
        ("item two", "li", None),
        ("cell 1", "td", None),
        ("cell 2", "td", None),
        ("line 1", "p", "lines"),
        ("line 2", "p", "lines"),
        ("line 3", "p", "lines"),
        ("code a", "pre", None),
        ("code b", "pre", None),
    ]
    assert all(block.element.getroottree().getroot() is parsed.tree for block in parsed.blocks)


def test_block_edges_are_trimmed_of_exactly_the_schema_whitespace() -> None:
    """Blocks are stripped of ``WHITESPACE_CHARS``: the schema's whitespace class, character for character."""
    every = {chr(code) for code in range(sys.maxunicode + 1)}
    assert set(WHITESPACE_CHARS) == {char for char in every if is_whitespace(char)}
    # U+001C..U+001F are str.isspace() but not Unicode White_Space: they stay, as the schema says
    parsed = parse_html(page("<p>\u3000\u2007 a\u00a0b \u001f</p><p>\u2028\u200a</p>"), "edges.html")
    assert [block.text for block in parsed.blocks] == ["a\u00a0b \u001f"]


def test_inline_text_is_joined_as_rendered() -> None:
    parsed = parse_html(page("<p>\n  Hel<b>lo</b>,\t<i>wide</i>\n\n world\u00a0!  </p>"), "inline.html")
    # HTML white space collapses; a no-break space is text, as in a browser.
    assert parsed.text == "Hello, wide world\u00a0!"


paragraphs = st.lists(page_texts, min_size=0, max_size=8)


@settings(max_examples=100)
@given(texts=paragraphs)
def test_block_starts_locate_every_block(texts: list[str]) -> None:
    markup = "".join(f"<p>{html.escape(text)}</p>" for text in texts)
    parsed = parse_html(page(markup), "generated.html")
    assert parsed.text == "\n\n".join(block.text for block in parsed.blocks)
    assert len(parsed.block_starts) == len(parsed.blocks)
    for start, block in zip(parsed.block_starts, parsed.blocks, strict=True):
        assert parsed.text[start : start + len(block.text)] == block.text
        assert NON_WHITESPACE_RE.match(block.text[0]) and NON_WHITESPACE_RE.match(block.text[-1])
    assert len(parsed.blocks) <= len(texts)


def test_encoding_comes_from_bom_then_meta_then_utf8() -> None:
    assert parse_html(b'<meta charset="windows-1252"><p>caf\xe9</p>', "a").text == "café"
    # Browsers decode a page declared ISO-8859-1 as windows-1252: 0x93/0x94 are curly quotes.
    declared_latin1 = b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\x93hi\x94</p>'
    assert parse_html(declared_latin1, "b").text == "\u201chi\u201d"
    assert parse_html("\ufeff<p>caf\u00e9 😀</p>".encode("utf-16-le"), "c").text == "café 😀"
    assert parse_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "d").text == "café"
    assert parse_html("<p>caf\u00e9</p>".encode(), "e").text == "café"


def test_undecodable_html_names_source_and_offset() -> None:
    data = b"<html><body><p>ok</p><p>bad \xff here</p></body></html>"
    with pytest.raises(UndecodableError) as raised:
        parse_html(data, "pages/bad.html")
    assert raised.value.offset == data.index(b"\xff")
    assert str(raised.value).startswith("pages/bad.html: cannot decode byte 28 as utf-8")
    # 0x81 is a hole in windows-1254, which browsers use for a page declared ISO-8859-9.
    declared = b'<meta charset="iso-8859-9"><p>\x81</p>'
    bad_offset = declared.index(b"\x81")
    with pytest.raises(InputError, match=f"byte {bad_offset} as cp1254"):
        parse_html(declared, "x")


def test_deeply_nested_markup_is_rendered_to_its_end() -> None:
    """Tag soup with unclosed tags nests deep; libxml2's default limit (256) would end the page there."""
    nested = "<div>" * 1000 + "<p>deep</p>" + "</div>" * 1000
    assert parse_html(f"<p>before</p>{nested}<p>after</p>".encode(), "deep.html").text == "before\n\ndeep\n\nafter"


def test_markup_the_parser_gives_up_on_is_rejected_not_cut_short(tmp_path: Path) -> None:
    nested = "<div>" * 3000 + "<p>deep</p>" + "</div>" * 3000
    data = f"<p>before</p>\n{nested}<p>after</p>".encode()
    with pytest.raises(UnparsableError, match=r"^pages/deep.html: the HTML parser stopped at line 2 \(Excessive depth"):
        parse_html(data, "pages/deep.html")
    with pytest.raises(RejectedPage) as raised:
        read_page(write(tmp_path / "deep.html", data), source="deep.html")
    assert raised.value.reject.reason == "unparsable"
    assert "the text after it would be lost" in raised.value.reject.detail


def test_empty_markup_gives_an_empty_page() -> None:
    for data in (b"", b"   \n", b"<html></html>", b"<!-- only a comment -->"):
        parsed = parse_html(data, "empty.html")
        assert isinstance(parsed, HtmlPage)
        assert (parsed.text, parsed.blocks, parsed.block_starts) == ("", (), ())


# --- corpus ingest ------------------------------------------------------------------------------


def test_cli_reports_counts_and_writes_rejects(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pages" / "a.txt", "same text")
    write(tmp_path / "pages" / "b.txt", "same text")
    write(tmp_path / "pages" / "c.html", page("<p>a page</p>"))
    write(tmp_path / "pages" / "d.txt", "\r\n")
    write(tmp_path / "pages" / "e.csv", "x,y")
    status = main(["ingest", "pages", "--rejects", "out/rejects.jsonl", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1  # a page was rejected
    assert report["documents"] == 2
    assert report["merged_duplicates"] == 1
    assert report["rejects_by_reason"] == {"empty": 1}
    assert report["skipped_by_type"] == {".csv": 1}
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert [(reject["source"], reject["reason"]) for reject in rejects] == [("pages/d.txt", "empty")]

    assert main(["ingest", "pages", "--allow-rejects"]) == 0
    table = capsys.readouterr().out
    assert re.search(r"documents\s*│\s*2", table) and "pages/d.txt" in table


def test_cli_exits_non_zero_when_nothing_is_usable(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pages" / "bad.txt", b"abc\x80")
    write(tmp_path / "pages" / "notes.md", "x")
    assert main(["ingest", "pages", "--rejects", "rejects.jsonl", "--allow-rejects"]) == 1
    captured = capsys.readouterr()
    assert "nothing usable in pages" in captured.err
    assert json.loads((tmp_path / "rejects.jsonl").read_text())["detail"].startswith("cannot decode byte 3 as utf-8")


def test_cli_help_describes_the_command(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["ingest", "--help"])
    assert exited.value.code == 0
    assert "--rejects FILE" in capsys.readouterr().out
