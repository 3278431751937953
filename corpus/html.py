"""An HTML page rendered into plain text: its visible text, one block per paragraph-like element.

``parse_html`` decodes the page strictly (a byte-order mark, else the ``<meta>`` charset in the first
bytes, else UTF-8; never a silent replacement character), parses it with lxml and renders the visible
text as blocks separated by a blank line. Inside a block, HTML whitespace (space, tab, CR, LF, FF) runs
collapse to one space and the block is trimmed of Unicode white space at both ends, as a browser
renders it; the resulting text is then kept exactly. Scripts, styles, ``<head>``, fallback content
and hidden elements (``hidden``, ``aria-hidden="true"``, inline ``display:none`` or
``visibility:hidden``) are dropped. Every block keeps the element it came from, so annotators
(machine or human) can work on the blocks and map them back to offsets in the text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from itertools import accumulate
from operator import add, attrgetter
from typing import NamedTuple

from lxml import etree

from schemas.errors import InputError

BLOCK_SEPARATOR = "\n\n"

# Elements whose content a browser does not show: code, metadata, fallback content of embedded media.
DROPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object",
        "noembed", "noframes", "video", "audio", "canvas", "datalist", "frameset",
    }
)  # fmt: skip
# Elements a browser lays out as blocks (display: block, list-item or table parts, by default).
BLOCK_TAGS = frozenset(
    {
        "html", "body", "address", "article", "aside", "blockquote", "center", "caption", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend", "li",
        "listing", "main", "menu", "nav", "ol", "optgroup", "option", "p", "plaintext", "pre",
        "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        "xmp",
    }
)  # fmt: skip
# Elements whose line breaks are kept by a browser: each line of them is a block of its own.
PREFORMATTED_TAGS = frozenset({"pre", "listing", "plaintext", "xmp", "textarea"})

HTML_SPACE_RUN_RE = re.compile(r"[ \t\n\r\f]+")
# The characters of schemas.records.WHITESPACE_CLASS (tests/test_ingest.py checks), for str.strip: an
# end-anchored regex tries every position of a block.
WHITESPACE_CHARS = ("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u2028\u2029\u202f\u205f\u3000")
HIDING_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.IGNORECASE)
META_CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# Browsers look for the <meta> charset in the first 1024 bytes; allow for long preambles.
CHARSET_PRESCAN_BYTES = 4096
BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Declared charsets that browsers (WHATWG Encoding Standard) decode as a superset; keyed by codec name.
BROWSER_ENCODINGS = {
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    # A <meta> cannot declare UTF-16: the bytes it was read from were ASCII-compatible.
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}


class UndecodableError(InputError):
    """The page's bytes are not valid in its encoding; names the file and the byte offset."""

    def __init__(self, source: str, offset: int, encoding: str, reason: str) -> None:
        self.source = source
        self.offset = offset
        self.encoding = encoding
        self.description = f"cannot decode byte {offset} as {encoding}: {reason}"
        super().__init__(f"{source}: {self.description}")


class UnparsableError(InputError):
    """libxml2 stopped parsing the page (a resource limit such as elements nested over 2048 deep): the text
    after that point would be lost, so the page is not rendered at all. Names the file and the line."""

    def __init__(self, source: str, line: int, message: str) -> None:
        self.source = source
        self.description = f"the HTML parser stopped at line {line} ({message}); the text after it would be lost"
        super().__init__(f"{source}: {self.description}")


class HtmlBlock(NamedTuple):
    """The text of one block of the page and the block element it came from (a named tuple: one per block of
    every page, made at once)."""

    text: str
    element: etree._Element


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """The visible text of a page: its blocks joined by a blank line; ``block_starts[i]`` is the offset
    of ``blocks[i].text`` in ``text``. ``tree`` is the parsed document the blocks' elements belong to."""

    text: str
    blocks: tuple[HtmlBlock, ...]
    block_starts: tuple[int, ...]
    title: str | None
    url: str | None
    tree: etree._Element
    # The blocks inside each block element the render entered, ``blocks[first:stop]`` as (first, stop): a
    # block element's blocks are the ones rendered between its start and its end (read from the render,
    # not by walking the element's subtree again)
    block_spans: dict[etree._Element, tuple[int, int]]


# A named tuple made as a tuple of its type, without its ``__new__`` (a Python function: a frame per block).
_new_tuple = tuple.__new__
_TEXT = attrgetter("text")


def parse_html(data: bytes, source: str) -> HtmlPage:
    """Render the page ``data`` (named ``source`` in errors) into text; raises ``UndecodableError``
    (an ``InputError``) naming ``source`` and the byte offset when the bytes do not decode, and
    ``UnparsableError`` when the parser gives up part way."""
    encoding, skip, described = _page_encoding(data)
    markup = decode_strict(data, source, encoding, skip, described)
    # a UTF-8 page's bytes are what encoding its characters again would give: decoding them checked them (Python's
    # decoder takes no overlong form, surrogate or code point past U+10FFFF)
    tree = _parse(data[skip:] if encoding == "utf-8" else markup.encode("utf-8"), source)
    blocks, block_spans = _render_blocks(tree)
    texts = list(map(_TEXT, blocks))
    # block i starts after the texts before it and a separator after each: prefix sums, without a Python loop
    starts = map(add, accumulate(map(len, texts), initial=0), range(0, len(BLOCK_SEPARATOR) * len(texts),
                                                                        len(BLOCK_SEPARATOR)))
    return HtmlPage(
        text=BLOCK_SEPARATOR.join(texts),
        blocks=blocks,
        block_starts=tuple(starts),
        title=_title(tree),
        url=_canonical_url(tree),
        tree=tree,
        block_spans=block_spans,
    )


def _page_encoding(data: bytes) -> tuple[str, int, str]:
    """How the page's bytes are decoded: by its byte-order mark, else its ``<meta>`` charset, else as UTF-8. The
    codec, the bytes to skip (the byte-order mark) and how the codec was chosen, for errors."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return encoding, len(mark), f"{encoding} (byte-order mark)"
    declared = META_CHARSET_RE.search(data, 0, CHARSET_PRESCAN_BYTES)
    if declared is not None:
        label = declared.group(1).decode("ascii")
        try:
            encoding = codecs.lookup(label).name
        except LookupError:
            return "utf-8", 0, f"utf-8 (declared charset {label!r} is unknown)"
        encoding = BROWSER_ENCODINGS.get(encoding, encoding)
        return encoding, 0, f"{encoding} (declared charset {label!r})"
    return "utf-8", 0, "utf-8 (no byte-order mark or declared charset)"


def decode_strict(data: bytes, source: str, encoding: str, skip: int = 0, described: str | None = None) -> str:
    """``data[skip:]`` decoded; raises ``UndecodableError`` with the offset of the bad byte in ``data``."""
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        bad = data[offset : skip + error.end].hex(" ")
        raise UndecodableError(source, offset, described or encoding, f"{error.reason} (bytes {bad})") from None


def _parse(utf8: bytes, source: str) -> etree._Element:
    # huge_tree: without it libxml2 stops at elements nested 256 deep (unclosed tags in tag soup get there)
    # or a text node over 10 MB, and returns what it had so far without raising.
    # lxml.etree's parser, not lxml.html's: the same tree, but lxml.html looks up a Python class for every
    # element read from it (a Python call per element of every walk); nothing here uses its extra methods
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    tree = etree.fromstring(utf8, parser)
    for error in parser.error_log:
        if error.level == etree.ErrorLevels.FATAL:
            raise UnparsableError(source, error.line, error.message)
    # libxml2 builds no document at all from markup without any element or text.
    return tree if tree is not None else etree.fromstring(b"<html><body></body></html>", parser)


def _is_hidden(element: etree._Element, tag: str, names: list[str]) -> bool:
    """``names``: the element's attribute names (``element.keys()``)."""
    if "hidden" in names:
        return True
    if "aria-hidden" in names and element.get("aria-hidden").strip().lower() == "true":
        return True
    if tag == "dialog" and "open" not in names:
        return True
    return "style" in names and HIDING_STYLE_RE.search(element.get("style")) is not None


# What the render does at an element's start, by its tag (read once per element from ``_TAG_KINDS``, not looked up
# in each tag set in turn).
_INLINE, _DROPPED, _BLOCK, _BREAK, _PREFORMATTED = 0, 1, 2, 4, 8
_TAG_KINDS = {
    **{tag: _BLOCK for tag in BLOCK_TAGS},
    **{tag: _PREFORMATTED for tag in PREFORMATTED_TAGS - BLOCK_TAGS},
    **{tag: _BLOCK | _PREFORMATTED for tag in PREFORMATTED_TAGS & BLOCK_TAGS},
    **{tag: _DROPPED for tag in DROPPED_TAGS},
    "br": _BREAK,
}


def _render_blocks(tree: etree._Element) -> tuple[tuple[HtmlBlock, ...], dict[etree._Element, tuple[int, int]]]:
    """The page's blocks, and the blocks inside each block element (``HtmlPage.block_spans``)."""
    blocks: list[HtmlBlock] = []
    pieces: list[str] = []
    owner = tree  # the innermost block element enclosing the current position
    # the block elements enclosing it, outermost first, ``owner`` excepted (None: what the root's end leaves, when
    # the root itself is hidden)
    owners: list = [None]
    firsts = [0]  # for ``owners`` and ``owner``, the number of blocks made before each started
    spans: dict[etree._Element, tuple[int, int]] = {}
    preformatted: list[etree._Element] = []  # likewise, the elements keeping line breaks

    def flush(owner: etree._Element) -> None:
        """The text since the last block edge as a block of ``owner``: most of it is white space between tags."""
        if not pieces:
            return
        if text := (pieces[0] if len(pieces) == 1 else "".join(pieces)).strip(WHITESPACE_CHARS):
            blocks.append(_new_tuple(HtmlBlock, (_collapsed_runs(text), owner)))
        pieces.clear()

    def add(text: str, owner: etree._Element) -> None:
        if preformatted and "\n" in text:
            first, *lines = text.split("\n")
            pieces.append(first)
            for line in lines:
                flush(owner)
                pieces.append(line)
        else:
            pieces.append(text)

    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walker:
        if event == "start":
            tag = element.tag
            kind = _TAG_KINDS.get(tag)
            if kind is None:  # a tag of no kind, or a node that is no element (its tag is a function)
                kind = _INLINE if isinstance(tag, str) else _DROPPED
            # most elements have no attribute: hidden only if a <dialog>, known without a call
            if (kind == _DROPPED
                    or (((names := element.keys()) or tag == "dialog") and _is_hidden(element, tag, names))):
                walker.skip_subtree()
                continue
            if kind:
                if kind == _BLOCK and not preformatted and not len(element):
                    # a block element without children (most <p>s): its text is its one block, made here; its "end"
                    # follows at once and only shows its tail
                    if pieces:
                        flush(owner)
                    first = len(blocks)
                    # ``flush`` of its text alone, inline: one call less for most blocks of a page
                    if (text := element.text) and (text := text.strip(WHITESPACE_CHARS)):
                        blocks.append(_new_tuple(HtmlBlock, (_collapsed_runs(text), element)))
                        spans[element] = (first, first + 1)
                    else:
                        spans[element] = (first, first)
                    continue
                if kind & _BLOCK:
                    if pieces:  # no call when no text came since the last block edge
                        flush(owner)
                    owners.append(owner)
                    owner = element
                    firsts.append(len(blocks))
                elif kind == _BREAK:
                    flush(owner)
                if kind & _PREFORMATTED:
                    preformatted.append(element)
            if text := element.text:  # read once: lxml makes a new string on every read
                if preformatted:
                    add(text, owner)
                elif pieces or text.strip(WHITESPACE_CHARS):  # no line to split: appended without a call (see below)
                    pieces.append(text)
            continue
        # "end": also reached for skipped elements, whose tail text is still shown.
        if owner is element:
            if pieces:
                flush(element)
            owner = owners.pop()
            spans[element] = (firsts.pop(), len(blocks))
        if preformatted and preformatted[-1] is element:
            preformatted.pop()
        if (tail := element.tail) and element is not tree:
            if preformatted:
                add(tail, owner)
            elif pieces or tail.strip(WHITESPACE_CHARS):
                # white space before a block's first text would be trimmed from it: left out, the line ends
                # between block tags leave nothing to flush
                pieces.append(tail)
    flush(tree)
    return tuple(blocks), spans


def _rendered(raw: str) -> str:
    """``raw`` as a browser shows it: HTML white space runs collapsed to one space, trimmed of Unicode
    white space at both ends (trimming first gives the same text: the ends are white space either way)."""
    return _collapsed_runs(raw.strip(WHITESPACE_CHARS))


def _collapsed_runs(text: str) -> str:
    """``text`` with its runs of HTML white space collapsed to one space."""
    # most blocks hold no run to collapse, and a substitution replaces every single space too
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        return HTML_SPACE_RUN_RE.sub(" ", text)
    return text


def _collapsed(text: str | None) -> str | None:
    if text is None:
        return None
    return _rendered(text) or None


def _meta_content(tree: etree._Element, key: str) -> str | None:
    for meta in tree.iter("meta"):
        if key in ((meta.get("property") or "").strip().lower(), (meta.get("name") or "").strip().lower()):
            value = _collapsed(meta.get("content"))
            if value:
                return value
    return None


def _title(tree: etree._Element) -> str | None:
    title = tree.find("head/title")
    text = None
    if title is not None:  # its text content (libxml2's, as lxml.html's text_content() reads it)
        text = _collapsed(etree.tostring(title, method="text", encoding=str, with_tail=False))
    return text or _meta_content(tree, "og:title")


def _canonical_url(tree: etree._Element) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href:
                return href
    return _meta_content(tree, "og:url")
