"""Blocks: the units the zone classifier labels.

A block is one non-blank line of the document, trimmed of whitespace (the schema's definition of
whitespace, so that block edges are exactly where zone spans may start and end). Lines end at ``\\n``,
``\\r\\n`` or ``\\r``; the HTML ingest joins blocks with blank lines, the plain-text renderings have one
block per line, and both come out the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.records import WHITESPACE_CLASS

_LINE_RE = re.compile(r"[^\r\n]+")
_TRIMMED_RE = re.compile(f"[^{WHITESPACE_CLASS}](?:.*[^{WHITESPACE_CLASS}])?", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Block:
    """One trimmed non-blank line: ``text == document_text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for line in _LINE_RE.finditer(text):
        trimmed = _TRIMMED_RE.search(line.group())
        if trimmed is None:
            continue
        start = line.start() + trimmed.start()
        end = line.start() + trimmed.end()
        blocks.append(Block(len(blocks), start, end, text[start:end]))
    return blocks
