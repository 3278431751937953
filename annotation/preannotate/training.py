"""Training data and fitting for the learned block model (``learned.py``), shared by
``scripts/train-zones`` (which writes the committed model) and ``scripts/evaluate --cross-validate``.

Two sources, both read at training time and never stored in the project:

* the development evaluation set's article-body pages (``<eval>/scrapinghub``): each block's target is
  *silver*, derived from the human ``articleBody`` -- a block is article when most of its 4-token
  shingles occur in the body (short blocks: when its tokens occur there in order);
* the development evaluation set's snippet pages (``<eval>/trafilatura``): a block containing a ``with``
  snippet is article, one containing a ``without`` snippet is not, the others are left out (silver too:
  only the blocks the snippets name are labelled);
* synthetic pages (``corpus.synth``) with exact gold, in both renderings (text and HTML).

Only the fitted weights (a few kilobytes of JSON) are committed.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from annotation.preannotate.blocks import Block
from annotation.preannotate.core import Preannotator
from annotation.preannotate.learned import LogisticModel, feature_names, fit_logistic
from annotation.preannotate.stats import BlockStats
from schemas.records import Document

_TOKEN_RE = re.compile(r"\w+")
SHINGLE = 4
ARTICLE_SHARE = 0.5
L2 = 10.0
SYNTHETIC_PAGES = 300
SYNTHETIC_SEED = 7
SYNTHETIC_WEIGHT = 0.3  # synthetic pages are cleaner than real ones: they only steady the model
SNIPPET_WEIGHT = 1.0


@dataclass(frozen=True)
class PageExample:
    """One page's model input, targets and per-block weights, for the blocks the model judges (those of
    the rule-based run: the model is trained on the cases it decides)."""

    key: str
    site: str
    path: str
    matrix: np.ndarray
    targets: np.ndarray
    weights: np.ndarray


def _shingles(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def silver_targets(blocks: Sequence[Block], body: str) -> np.ndarray:
    """1.0 for blocks whose text is (mostly) inside the gold article body, else 0.0."""
    body_tokens = _TOKEN_RE.findall(body)
    body_shingles = _shingles(body_tokens)
    body_joined = f" {' '.join(body_tokens)} "
    targets = np.zeros(len(blocks))
    for i, block in enumerate(blocks):
        tokens = _TOKEN_RE.findall(block.text)
        if len(tokens) >= SHINGLE:
            own = _shingles(tokens)
            targets[i] = len(own & body_shingles) / len(own) >= ARTICLE_SHARE
        elif tokens:
            targets[i] = f" {' '.join(tokens)} " in body_joined and len(tokens) >= 2
    return targets


def block_weights(blocks: Sequence[Block]) -> np.ndarray:
    """Long blocks weigh more (the benchmark counts shingles), but short ones still count."""
    return np.array([1.0 + np.sqrt(len(_TOKEN_RE.findall(block.text))) for block in blocks])


def site_of_url(url: str | None, fallback: str) -> str:
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or fallback


def _read_html(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _judged_pages(folder: Path, paths: Iterable[str]) -> Iterator[tuple[str, str, dict, list[Block], np.ndarray]]:
    """(path, key, gold, judged blocks, feature matrix) for each page of an evaluation set laid out as
    gold/<key>.json, derived/<key>.txt and html/<key>.html[.gz], on each input path."""
    from corpus.html import parse_html

    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "gold").glob("*.json"))}
    annotator = Preannotator(models={})
    for path in paths:
        documents: dict[str, tuple[Document, object]] = {}
        for key in gold:
            if path == "text":
                text = (folder / "derived" / f"{key}.txt").read_text(encoding="utf-8")
                documents[key] = (Document.from_text(text, sources=(key,)), None)
            else:
                html_file = next(f for f in (folder / "html" / f"{key}.html.gz", folder / "html" / f"{key}.html")
                                 if f.exists())
                page = parse_html(_read_html(html_file), key)
                documents[key] = (Document.from_text(page.text, sources=(key,), url=page.url, title=page.title), page)
        annotator.stats = BlockStats.from_documents(document for document, _ in documents.values())
        for key, (document, page) in documents.items():
            # an HTML page that marks no story structure is the text model's (``core.model_path``)
            model_path, blocks, rows, matrix = annotator.block_matrix(document, page)
            yield model_path, key, gold[key], blocks[rows.start:rows.stop], matrix


def article_body_examples(folder: Path, paths: Iterable[str] = ("text", "html")) -> list[PageExample]:
    """Examples from ``<eval>/scrapinghub``: gold/<key>.json, derived/<key>.txt, html/<key>.html.gz."""
    return [PageExample(key, site_of_url(gold.get("url"), key), path, matrix,
                        silver_targets(judged, gold.get("articleBody", "")), block_weights(judged))
            for path, key, gold, judged, matrix in _judged_pages(folder, paths)]


def _normalised(text: str) -> str:
    return " ".join(text.split())


def snippet_targets(blocks: Sequence[Block], with_snippets: Sequence[str],
                    without_snippets: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Targets and a mask of the blocks the snippets name: a block holding a ``with`` snippet (or held
    by one: snippets can run over several lines) is article, one holding a ``without`` snippet is not;
    a block named by both, or by none, is left out."""
    wanted = [_normalised(s) for s in with_snippets if s.strip()]
    unwanted = [_normalised(s) for s in without_snippets if s.strip()]
    targets = np.zeros(len(blocks))
    mask = np.zeros(len(blocks), dtype=bool)
    for i, block in enumerate(blocks):
        text = _normalised(block.text)
        long_enough = len(_TOKEN_RE.findall(text)) >= SHINGLE

        def named(snippets: list[str]) -> bool:
            return any(s in text or (long_enough and text in s) for s in snippets)

        positive, negative = named(wanted), named(unwanted)
        if positive != negative:
            targets[i], mask[i] = float(positive), True
    return targets, mask


def snippet_examples(folder: Path, paths: Iterable[str] = ("text", "html")) -> list[PageExample]:
    """Examples from ``<eval>/trafilatura``: gold/<key>.json (``with``/``without`` snippets, ``url``),
    derived/<key>.txt, html/<key>.html[.gz]; only the blocks a snippet names are kept."""
    examples: list[PageExample] = []
    for path, key, gold, judged, matrix in _judged_pages(folder, paths):
        targets, mask = snippet_targets(judged, gold.get("with", []), gold.get("without", []))
        examples.append(PageExample(key, site_of_url(gold.get("url"), key), path, matrix[mask], targets[mask],
                                    SNIPPET_WEIGHT * block_weights(judged)[mask]))
    return examples


def synthetic_examples(n: int = SYNTHETIC_PAGES, seed: int = SYNTHETIC_SEED) -> list[PageExample]:
    """Examples from synthetic pages with exact gold, half rendered as HTML."""
    from corpus.html import parse_html
    from corpus.synth import iter_synthetic

    pages = list(iter_synthetic(n, seed=seed, html_share=0.5))
    documents = []
    for page in pages:
        parsed = parse_html(page.html.encode("utf-8"), page.name) if page.html is not None else None
        documents.append((page, Document.from_text(page.text, sources=(page.name,)), parsed))
    annotator = Preannotator(BlockStats.from_documents(document for _, document, _ in documents), models={})
    examples = []
    for page, document, parsed in documents:
        path, blocks, rows, matrix = annotator.block_matrix(document, parsed)
        judged = blocks[rows.start:rows.stop]
        article = [(s.start, s.end) for s in page.spans if s.label == "article"]
        targets = np.array([any(start <= b.start and b.end <= end for start, end in article) for b in judged],
                           dtype=float)
        examples.append(PageExample(page.name, f"synth-{zlib.crc32(page.name.encode()) % 5}", path, matrix, targets,
                                    SYNTHETIC_WEIGHT * block_weights(judged)))
    return examples


def fit_models(examples: Sequence[PageExample], l2: float = L2) -> dict[str, LogisticModel]:
    models = {}
    for path in ("text", "html"):
        chosen = [e for e in examples if e.path == path and len(e.targets)]
        if not chosen:
            continue
        matrix = np.vstack([e.matrix for e in chosen])
        targets = np.concatenate([e.targets for e in chosen])
        weights = np.concatenate([e.weights for e in chosen])
        models[path] = fit_logistic(feature_names(path), matrix, targets, weights, l2=l2)
    return models


def site_folds(sites: Iterable[str], k: int) -> dict[str, int]:
    """A fold number per site, so a site's pages are always held out together: sites ordered by a hash
    of their name (stable, unrelated to content) and dealt round-robin."""
    ordered = sorted(set(sites), key=lambda site: (zlib.crc32(site.encode("utf-8")), site))
    return {site: position % k for position, site in enumerate(ordered)}
