"""Blocks: the units the zone classifier labels.

A block is one non-blank line of the document, trimmed of whitespace (the schema's definition of
whitespace, so that block edges are exactly where zone spans may start and end). Lines end at ``\\n``,
``\\r\\n`` or ``\\r``; the HTML ingest joins blocks with blank lines, the plain-text renderings have one
block per line, and both come out the same.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from schemas.records import WHITESPACE_CLASS

# A trimmed non-blank line, found in one scan of the text: from a non-whitespace character to the last one
# before the line ends (\r and \n are whitespace, so a match never crosses a line end).
_BLOCK_RE = re.compile(f"[^{WHITESPACE_CLASS}](?:[^\r\n]*[^{WHITESPACE_CLASS}])?")


class Block(NamedTuple):
    """One trimmed non-blank line: ``text == document_text[start:end]``. A named tuple: a page makes one per
    line, and a tuple is made at once where a frozen dataclass sets its fields one by one."""

    index: int
    start: int
    end: int
    text: str


def split_blocks(text: str) -> list[Block]:
    return [Block(index, match.start(), match.end(), match.group())
            for index, match in enumerate(_BLOCK_RE.finditer(text))]


def group_starts(text: str, blocks: list[Block]) -> frozenset[int]:
    """The blocks that stand right under a blank line, where the text parts its lines into groups by blank lines:
    a plain-text page that sets most lines one under the other and leaves a blank line between its parts (the
    page's head, each section's list, the footer). Empty where no line or every line stands under a blank line (the
    HTML ingest joins every block so): the text shows no groups then."""
    # (a gap of one character is one line break: most gaps of a plain text, answered without counting)
    starts = [index for index in range(1, len(blocks)) if blocks[index].start - blocks[index - 1].end > 1 and (
              text.count("\n", blocks[index - 1].end, blocks[index].start) >= 2
              or text.count("\r", blocks[index - 1].end, blocks[index].start) >= 2)]
    if not starts or len(starts) == len(blocks) - 1:
        return frozenset()
    return frozenset(starts)
