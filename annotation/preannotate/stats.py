"""Cross-page repetition: a block printed on several pages of one site is template, not story.

``BlockStats`` is built in one pass over a corpus (or loaded from a previous pass) before the streaming
pre-annotation stage, which then only looks blocks up; it never holds the documents themselves.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from annotation.preannotate.blocks import split_blocks
from schemas.records import Document

# A block on this many pages of the same site is template.
MIN_PAGES = 2
_NORMALISE_RE = re.compile(r"\W+")


def site_of(document: Document) -> str:
    """The host of the page's URL without ``www.``; pages without a URL share one anonymous site."""
    if document.url:
        host = urlsplit(document.url).hostname or ""
        return host.removeprefix("www.")
    return ""


@lru_cache(maxsize=1 << 16)
def block_key(text: str) -> str:
    """Blocks that differ only in case, spacing or punctuation count as the same block (cached: the
    corpus pass and the look-up both ask, and a site's furniture repeats on every page)."""
    normalised = _NORMALISE_RE.sub(" ", text.casefold()).strip()
    return hashlib.blake2b(normalised.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(slots=True)
class BlockStats:
    """How many distinct pages of each site print each block."""

    pages: Counter = field(default_factory=Counter)  # (site, block key) -> pages
    site_pages: Counter = field(default_factory=Counter)  # site -> pages
    _seen_docs: set = field(default_factory=set)

    @classmethod
    def from_documents(cls, documents: Iterable[Document]) -> BlockStats:
        stats = cls()
        for document in documents:
            stats.add(document)
        return stats

    def add(self, document: Document) -> None:
        if document.doc_id in self._seen_docs:
            return
        self._seen_docs.add(document.doc_id)
        site = site_of(document)
        self.site_pages[site] += 1
        for key in {block_key(block.text) for block in split_blocks(document.text)}:
            self.pages[site, key] += 1

    def is_template(self, site: str, text: str) -> bool:
        return self.site_pages[site] >= MIN_PAGES and self.pages[site, block_key(text)] >= MIN_PAGES
