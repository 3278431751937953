"""The learned part of the zone classifier: a logistic regression over block features and the features
of the blocks around them, one weight vector per input path, stored in ``zones-model.json`` next to
this module and reproduced by ``scripts/train-zones``.

The model only answers "how likely is this block part of the main story's body"; the decisions that
need the whole page stay in ``zones.py`` (the candidate runs, headline and byline above the story,
teaser items), which sums the model's answers to choose between candidate runs. Features are
closed-form functions of the block text, the rule-based content score and the path's DOM evidence, so
training and inference compute exactly the same matrix.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from annotation.preannotate.blocks import Block
from annotation.preannotate.features import ADDRESS_RE, BIO_RE, PROMO_RE, WORD_RE, BlockFeatures, GatedPattern

MODEL_FILE = Path(__file__).with_name("zones-model.json")
PATHS = ("text", "html")

# Photo captions and credits as news sites print them (guidelines 8.4).
CAPTION_RE = GatedPattern(re.compile(
    r"\b(?:photo(?:graph)?s?|image|picture|illustration|credit|caption|getty|reuters/|ap photo|afp|epa|"
    r"shutterstock|istock|pictured|file photo|handout|courtesy|screenshot|screengrab|video still)\b"
    r"|^(?:in this|this (?:photo|image|picture|undated|file|satellite|illustration|handout))\b"
    r"|\b(?:left|right|center|centre|top|bottom|above|below),|^(?:above|top|left|right|below|main image):",
    re.IGNORECASE,
), ("photo", "image", "picture", "illustration", "credit", "caption", "getty", "reuters/", "afp", "epa", "stock",
    "handout", "courtesy", "screen", "video still", "in this", "this undated", "this file", "this satellite",
    "left,", "right,", "center,", "centre,", "top,", "bottom,", "above,", "below,", "above:", "top:", "left:",
    "right:", "below:"))
_CONTACT_RE = GatedPattern(re.compile(r"https?://|www\.|@\w|\w@\w+\.\w|\.com\b", re.IGNORECASE),
                           ("http", "www.", "@", ".com"))
_QUOTE_START_RE = re.compile(r"^[\"“‘'«„]")
_NORMALISE_RE = re.compile(r"\W+")

TEXT_FEATURE_NAMES = (
    "log_words", "log_chars", "sentences", "ends_sentence", "full_stop", "truncated", "title_case", "lower_share",
    "digit_share", "timestamp", "list_heading", "furniture", "byline", "bullet", "text_like", "headline_like",
    "comments_heading", "ad", "commenter", "credit", "caption", "address", "bio", "contact", "template",
    "rule_score", "list_zone", "comment_zone", "repeated", "title_match", "position", "in_run", "before_run",
    "after_run", "run_position", "quote_start", "lower_start", "colon_end", "promo",
)
_CONTEXT_NAMES = ("text_like", "log_words", "headline_like", "timestamp", "rule_score", "caption", "in_run", "promo")
CONTEXT_OFFSETS = (-2, -1, 1, 2)
DOM_FEATURE_NAMES = (
    "furniture", "story", "furniture_nearer", "link_density", "body_match", "body_miss", "has_body", "h1",
    "heading", "figure", "list_item", "link", "blockquote", "header", "paragraph", "dom_prior",
)


def feature_names(path: str) -> tuple[str, ...]:
    names = [*TEXT_FEATURE_NAMES]
    names += [f"{name}@{offset:+d}" for offset in CONTEXT_OFFSETS for name in _CONTEXT_NAMES]
    names += ["window_text_like_3", "window_text_like_10", "window_run_share_10"]
    if path == "html":
        names += [f"dom_{name}" for name in DOM_FEATURE_NAMES]
        names += ["dom_dom_prior@-1", "dom_dom_prior@+1", "dom_link_density@-1", "dom_link_density@+1"]
    return tuple(names)


@lru_cache(maxsize=1 << 16)
def text_key(text: str) -> str:
    """A block's text without case, spacing and punctuation (cached: a site's furniture repeats)."""
    return _NORMALISE_RE.sub(" ", text.casefold()).strip()


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD_RE.findall(text)}


@lru_cache(maxsize=1 << 16)
def text_signals(text: str) -> tuple:
    """The regex reads of a block's text the model takes (cached: the unanchored searches are most of a
    matrix's cost, and a site's furniture repeats): caption, address count, bio, contact, quote start,
    promo count (capped at 2), word set."""
    return (CAPTION_RE.search(text) is not None, len(ADDRESS_RE.findall(text)), BIO_RE.search(text) is not None,
            _CONTACT_RE.search(text) is not None, _QUOTE_START_RE.match(text) is not None,
            min(len(PROMO_RE.findall(text)), 2), frozenset(_words(text)))


# Context reaches this many blocks to either side (the widest window below).
REACH = 10


def feature_matrix(
    path: str,
    blocks: Sequence[Block],
    features: Sequence[BlockFeatures],
    rule: dict,
    dom: Sequence[Sequence[float]] | None,
    title: str | None,
    rows: range | None = None,
) -> np.ndarray:
    """One row per block of ``rows`` (default: all). ``rule`` holds the rule-based pass: ``scores``, ``run``
    (start, end), the ``list_zone`` and ``comment_zone`` sets and the per-block regex flags ``comments``,
    ``ads``, ``commenters``, ``credits``, ``template``. A row depends only on blocks within ``REACH`` of it
    (and page-wide counts), so a slice of the page gives the same rows as the whole page."""
    n = len(blocks)
    low, high = (0, n) if rows is None else (rows.start, rows.stop)
    if high <= low:
        return np.zeros((0, len(feature_names(path))))
    first, last = max(0, low - REACH), min(n, high + REACH)
    run_start, run_end = rule["run"]
    repeats = Counter(text_key(block.text) for block in blocks)
    title_words = _words(title) if title else set()
    own = np.zeros((last - first, len(TEXT_FEATURE_NAMES)))
    for row, i in enumerate(range(first, last)):
        text, f = blocks[i].text, features[i]
        caption, addresses, bio, contact, quote_start, promos, block_words = text_signals(text)
        words = max(f.n_words, 1)
        in_run = run_start <= i < run_end
        similarity = 0.0
        if title_words:
            if block_words:
                similarity = len(block_words & title_words) / min(len(block_words), len(title_words))
        own[row] = (
            math.log1p(f.n_words), math.log1p(f.n_chars), min(f.n_sentences, 10) / 10, f.ends_like_sentence,
            f.ends_with_full_stop, f.truncated, f.title_case_share, f.lower_word_share, min(f.digit_share * 5, 1.0),
            f.is_timestamp, f.is_list_heading, f.is_furniture, f.is_byline, f.is_bullet, f.text_like, f.headline_like,
            rule["comments"][i], rule["ads"][i], rule["commenters"][i], rule["credits"][i],
            caption, min(addresses / words * 5, 1.0), bio, contact, rule["template"][i],
            max(-3.0, min(6.0, rule["scores"][i] / 20)), i in rule["list_zone"], i in rule["comment_zone"],
            math.log(repeats[text_key(text)]), similarity, i / n, in_run,
            math.log1p(run_start - i) if i < run_start else 0.0, math.log1p(i - run_end + 1) if i >= run_end else 0.0,
            (i - run_start) / (run_end - run_start) if in_run else 0.0, quote_start,
            text[:1].islower(), text.endswith(":"), promos / 2,
        )
    width = last - first
    index = {name: TEXT_FEATURE_NAMES.index(name) for name in _CONTEXT_NAMES}
    core = own[:, [index[name] for name in _CONTEXT_NAMES]]
    parts = [own] + [_shift(core, offset) for offset in CONTEXT_OFFSETS]
    text_like = own[:, index["text_like"]]
    parts.append(np.column_stack([_window_mean(text_like, 3), _window_mean(text_like, 10),
                                  _window_mean(own[:, index["in_run"]], 10)]))
    if path == "html":
        dom_array = (np.asarray(dom[first:last], dtype=float) if dom is not None
                     else np.zeros((width, len(DOM_FEATURE_NAMES))))
        prior = dom_array[:, DOM_FEATURE_NAMES.index("dom_prior")]
        density = dom_array[:, DOM_FEATURE_NAMES.index("link_density")]
        parts.append(dom_array)
        parts.append(np.column_stack([_shift(prior, -1), _shift(prior, 1), _shift(density, -1), _shift(density, 1)]))
    return np.hstack(parts)[low - first: high - first]


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    low = np.clip(np.arange(n) - radius, 0, n)
    high = np.clip(np.arange(n) + radius + 1, 0, n)
    return (cumulative[high] - cumulative[low]) / (high - low)


def _shift(values: np.ndarray, offset: int) -> np.ndarray:
    """``values[i + offset]``, zero beyond the edges."""
    shifted = np.zeros_like(values)
    if offset < 0:
        shifted[-offset:] = values[:offset]
    elif offset > 0:
        shifted[:-offset] = values[offset:]
    else:
        shifted[:] = values
    return shifted


@dataclass(frozen=True)
class LogisticModel:
    """Standardised inputs, one weight per feature and a bias; ``logits`` is the log-odds of article."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def logits(self, matrix: np.ndarray) -> np.ndarray:
        return ((matrix - self.mean) / self.scale) @ self.weights + self.bias

    def to_json(self) -> dict:
        return {"names": list(self.names), "mean": _rounded(self.mean), "scale": _rounded(self.scale),
                "weights": _rounded(self.weights), "bias": round(float(self.bias), 6)}

    @classmethod
    def from_json(cls, data: dict) -> LogisticModel:
        return cls(tuple(data["names"]), np.array(data["mean"]), np.array(data["scale"]),
                   np.array(data["weights"]), float(data["bias"]))


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


def fit_logistic(names: Sequence[str], matrix: np.ndarray, targets: np.ndarray, weights: np.ndarray,
                 l2: float = 1.0, iterations: int = 30) -> LogisticModel:
    """Weighted L2-regularised logistic regression by Newton's method (deterministic)."""
    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = np.hstack([(matrix - mean) / scale, np.ones((len(matrix), 1))])
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    weights = weights / weights.mean()
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (weights * (p - targets)) + penalty * beta
        hessian = (x * (weights * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return LogisticModel(tuple(names), mean, scale, beta[:-1], float(beta[-1]))


def save_models(models: dict[str, LogisticModel], meta: dict, path: Path = MODEL_FILE) -> None:
    payload = {"meta": meta, "models": {name: model.to_json() for name, model in models.items()}}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)


@cache
def load_models(path: Path = MODEL_FILE) -> dict[str, LogisticModel]:
    """The committed models by path name; empty when there is no model file."""
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    models = {name: LogisticModel.from_json(value) for name, value in data["models"].items()}
    for name, model in models.items():
        if model.names != feature_names(name):
            raise ValueError(f"{path}: the {name!r} model was trained on other features; rerun scripts/train-zones")
    return models

