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
import struct
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, starmap
from operator import attrgetter
from pathlib import Path

import numpy as np

from annotation.preannotate.blocks import Block
from annotation.preannotate.features import (
    BIO_RE, CAPTION_RE, CONTACT_RE, PROMO_RE, TEXT_CACHE_SIZE, WORD_RE, BlockFeatures, LiteralGate, address_count,
    features_of, gate_view, normalised)

MODEL_FILE = Path(__file__).with_name("zones-model.json")
PATHS = ("text", "html")

# One test for the gates ``text_signals`` reads, which between them turn most blocks away.
_SIGNAL_GATE = LiteralGate.union(CAPTION_RE, BIO_RE, CONTACT_RE, PROMO_RE)
_QUOTE_OPENERS = ("\"", "“", "‘", "'", "«", "„")  # a text starting with one starts with a quotation

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


# An HTML page that puts less than this share of its prose words in paragraph elements or story containers
# (and publishes no JSON-LD article body) marks no story structure: the HTML model, trained on pages that
# do, reads the missing marks as "not story" and takes the body out; the text model judges it instead.
MIN_MARKED_PROSE_SHARE = 0.1
_DOM_STORY, _DOM_PARAGRAPH, _DOM_HAS_BODY = map(DOM_FEATURE_NAMES.index, ("story", "paragraph", "has_body"))


def model_path(features: Sequence[BlockFeatures], dom: Sequence[Sequence[float]] | None) -> str:
    """Which model judges a page: "text" for plain text (``dom`` None) and for HTML that marks no story
    structure (``MIN_MARKED_PROSE_SHARE``: markup made only of divs), else "html". ``dom``: each block's
    DOM columns (empty for a block the page's markup does not hold)."""
    if dom is None:
        return "text"
    prose = marked = 0
    for f, columns in zip(features, dom, strict=True):
        if columns and columns[_DOM_HAS_BODY]:
            return "html"
        if f.text_like:
            prose += f.n_words
            if columns and (columns[_DOM_STORY] or columns[_DOM_PARAGRAPH]):
                marked += f.n_words
    return "html" if marked >= MIN_MARKED_PROSE_SHARE * prose else "text"


@cache  # asked for on every page's matrix
def feature_names(path: str) -> tuple[str, ...]:
    names = [*TEXT_FEATURE_NAMES]
    names += [f"{name}@{offset:+d}" for offset in CONTEXT_OFFSETS for name in _CONTEXT_NAMES]
    names += ["window_text_like_3", "window_text_like_10", "window_run_share_10"]
    if path == "html":
        names += [f"dom_{name}" for name in DOM_FEATURE_NAMES]
        names += ["dom_dom_prior@-1", "dom_dom_prior@+1", "dom_link_density@-1", "dom_link_density@+1"]
    return tuple(names)


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD_RE.findall(text)}


def text_signals(text: str, n_words: int) -> tuple[float, ...]:
    """The last columns of ``text_columns``: caption, address share, bio, contact, quote
    start, lower-case start, colon end, promo count (capped at 2) halved. ``n_words``: the text's
    ``BlockFeatures.n_words``, which the caller holds already."""
    view = gate_view(text)  # read by every gate
    words = max(n_words, 1)
    address = min(address_count(text) / words * 5, 1.0)
    shape = float(text.startswith(_QUOTE_OPENERS)), float(text[:1].islower()), float(text.endswith(":"))
    if not _SIGNAL_GATE.could_match(text, view):  # most blocks: none of the four patterns can match
        return 0.0, address, 0.0, 0.0, *shape, 0.0
    return (float(CAPTION_RE.search(text, view) is not None), address,
            float(BIO_RE.search(text, view) is not None), float(CONTACT_RE.search(text, view) is not None),
            *shape, min(len(PROMO_RE.findall(text, view)), 2) / 2)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def text_columns(text: str) -> bytes:
    """A block's columns that depend on its text alone, in ``_TEXT_ONLY_COLUMNS`` order: the shape of its
    ``BlockFeatures`` (word and character counts as logarithms, sentences and digit share capped) and
    ``text_signals``. Cached, and set in the matrix as one block of columns: the unanchored searches are
    most of a matrix's cost, and a site's furniture repeats. As the bytes of float64 values: a page's rows
    are then read by numpy at once, without converting each value."""
    f = features_of(text)
    return _TEXT_ONLY_ROW.pack(
        math.log1p(f.n_words), math.log1p(f.n_chars), min(f.n_sentences, 10) / 10, f.ends_like_sentence,
        f.ends_with_full_stop, f.truncated, f.title_case_share, f.lower_word_share, min(f.digit_share * 5, 1.0),
        f.is_timestamp, f.is_list_heading, f.is_furniture, f.is_byline, f.is_bullet, f.text_like, f.headline_like,
        *text_signals(text, f.n_words))


# Context reaches this many blocks to either side (the widest window below).
REACH = 10
# The context columns read the blocks this many rows to either side.
_CONTEXT_REACH = max(abs(offset) for offset in CONTEXT_OFFSETS)
_COLUMN = {name: index for index, name in enumerate(TEXT_FEATURE_NAMES)}
# The column indices numpy reads as arrays: a list is converted to one on every use.
_TEXT_ONLY_COLUMNS = np.array([_COLUMN[name] for name in (
    "log_words", "log_chars", "sentences", "ends_sentence", "full_stop", "truncated", "title_case", "lower_share",
    "digit_share", "timestamp", "list_heading", "furniture", "byline", "bullet", "text_like", "headline_like",
    "caption", "address", "bio", "contact", "quote_start", "lower_start", "colon_end", "promo")])
_TEXT_ONLY_ROW = struct.Struct(f"{len(_TEXT_ONLY_COLUMNS)}d")  # native float64s, as numpy reads them
_DOM_ROW = struct.Struct(f"{len(DOM_FEATURE_NAMES)}d")
_FLAG_COLUMNS = {_COLUMN[name]: key for name, key in (
    ("comments_heading", "comments"), ("ad", "ads"), ("commenter", "commenters"), ("credit", "credits"),
    ("template", "template"))}
_FLAG_INDEX, _FLAG_KEYS = np.array(list(_FLAG_COLUMNS)), list(_FLAG_COLUMNS.values())
_CONTEXT_COLUMNS = np.array([_COLUMN[name] for name in _CONTEXT_NAMES])
# The window columns (window_text_like_3, window_text_like_10, window_run_share_10): the radius of each and the
# running count it reads (0: text-like blocks, 1: blocks of the run), as columns to broadcast over a page's rows.
_WINDOW_RADII = np.array([[3], [10], [10]])
_WINDOW_COUNTS = np.array([[0], [0], [1]])
_TEXT = attrgetter("text")
_TEXT_LIKE = attrgetter("text_like")
_WORDS = attrgetter("words")
_KEY = attrgetter("key")
_DOM_PRIOR = DOM_FEATURE_NAMES.index("dom_prior")
_DOM_DENSITY = DOM_FEATURE_NAMES.index("link_density")
_DOM_NEIGHBOUR_COLUMNS = np.array([_DOM_PRIOR, _DOM_DENSITY])  # read from the rows around each row
_BEFORE_RUN, _AFTER_RUN = _COLUMN["before_run"], _COLUMN["after_run"]


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
    names = feature_names(path)
    if high <= low:
        return np.zeros((0, len(names)))
    # the rows' own columns, and those of the blocks their context columns read
    first, last = max(0, low - _CONTEXT_REACH), min(n, high + _CONTEXT_REACH)
    own = _own_columns(blocks, features, rule, title, first, last)
    matrix = np.empty((high - low, len(names)))
    width = len(TEXT_FEATURE_NAMES)
    matrix[:, :width] = own[low - first: high - first]
    # the context columns: the rows' neighbours, zero beyond the page, read from one array of the rows
    # ``low - _CONTEXT_REACH .. high + _CONTEXT_REACH`` (a slice per offset, not an array per offset)
    around = np.zeros((high - low + 2 * _CONTEXT_REACH, len(_CONTEXT_COLUMNS)))
    around[first - low + _CONTEXT_REACH: last - low + _CONTEXT_REACH] = own[:, _CONTEXT_COLUMNS]
    column = width
    for offset in CONTEXT_OFFSETS:
        matrix[:, column: column + len(_CONTEXT_COLUMNS)] = around[_CONTEXT_REACH + offset:
                                                                   _CONTEXT_REACH + offset + high - low]
        column += len(_CONTEXT_COLUMNS)
    # the windows: the share of text-like blocks and of blocks of the run within 3 and REACH blocks
    start, end = max(0, low - REACH), min(n, high + REACH)
    run_start, run_end = rule["run"]
    positions = np.arange(start, end)
    counts = np.zeros((end - start + 1, 2))  # running counts of both, from ``start``
    counts[1:, 0] = list(accumulate(map(_TEXT_LIKE, features[start:end])))  # a short list: no array first
    counts[1:, 1] = np.cumsum((positions >= run_start) & (positions < run_end))
    # the three columns at once (numpy's cost is per call on a page's few rows): one row of bounds per column
    rows_at = np.arange(low, high)
    window_low = np.maximum(rows_at - _WINDOW_RADII, start) - start
    window_high = np.minimum(rows_at + _WINDOW_RADII + 1, end) - start
    matrix[:, column: column + len(_WINDOW_COUNTS)] = (
        (counts[window_high, _WINDOW_COUNTS] - counts[window_low, _WINDOW_COUNTS]) / (window_high - window_low)).T
    column += len(_WINDOW_COUNTS)
    if path == "html":
        if dom is None:
            matrix[:, column:] = 0.0
            return matrix
        # the rows' DOM columns and the two their neighbours' are read from, with a zero row beyond the page
        # at either end
        dom_first = max(0, low - 1)
        # packed row by row and read at once: numpy converting the tuples itself looks up each one's length and
        # each value's type first, several times as long
        rows = np.frombuffer(b"".join(starmap(_DOM_ROW.pack, dom[dom_first: min(n, high + 1)]))).reshape(
            -1, len(DOM_FEATURE_NAMES))
        matrix[:, column: column + len(DOM_FEATURE_NAMES)] = rows[low - dom_first: high - dom_first]
        column += len(DOM_FEATURE_NAMES)
        neighbours = np.zeros((high - low + 2, 2))
        neighbours[dom_first - low + 1: dom_first - low + 1 + len(rows)] = rows[:, _DOM_NEIGHBOUR_COLUMNS]
        for index, offset in ((0, -1), (0, 1), (1, -1), (1, 1)):  # dom_prior@-1, @+1, link_density@-1, @+1
            matrix[:, column] = neighbours[1 + offset: 1 + offset + high - low, index]
            column += 1
    return matrix


def _own_columns(blocks: Sequence[Block], features: Sequence[BlockFeatures], rule: dict, title: str | None,
                 first: int, last: int) -> np.ndarray:
    """The ``TEXT_FEATURE_NAMES`` columns of blocks ``first..last``."""
    n = len(blocks)
    # the zeros of the zones, the title match and the distances to the run set here
    own = np.zeros((last - first, len(TEXT_FEATURE_NAMES)))
    rows = b"".join(map(text_columns, map(_TEXT, blocks[first:last])))
    own[:, _TEXT_ONLY_COLUMNS] = np.frombuffer(rows).reshape(last - first, len(_TEXT_ONLY_COLUMNS))
    own[:, _FLAG_INDEX] = np.array([rule[key][first:last] for key in _FLAG_KEYS], dtype=float).T  # one conversion
    # as arrays, not a min and a max call per block (the same IEEE division and bounds)
    rule_score = own[:, _COLUMN["rule_score"]]
    rule_score[:] = np.asarray(rule["scores"][first:last], dtype=float) / 20
    # clipped by the two ufuncs: np.clip is the same bounds behind a few Python calls of numpy's own
    np.maximum(rule_score, -3.0, out=rule_score)
    np.minimum(rule_score, 6.0, out=rule_score)
    # the zones are a few indices each (most pages have none): set those, not a test per block
    for column, zone in ((_COLUMN["list_zone"], rule["list_zone"]), (_COLUMN["comment_zone"], rule["comment_zone"])):
        if inside := [i - first for i in zone if first <= i < last]:
            own[inside, column] = 1.0
    keys = list(map(_KEY, features))
    repeats = Counter(keys)
    # (every key is counted: the dict's own lookup, not a Python loop)
    own[:, _COLUMN["repeated"]] = list(map(math.log, map(repeats.__getitem__, keys[first:last])))
    title_words = _words(title) if title else set()
    if title_words:
        title_size = len(title_words)
        own[:, _COLUMN["title_match"]] = [len(title_words.intersection(words)) / min(len(words), title_size)
                                          if words else 0.0 for words in map(_WORDS, features[first:last])]
    positions = np.arange(first, last)
    own[:, _COLUMN["position"]] = positions / n
    run_start, run_end = rule["run"]
    in_run = (positions >= run_start) & (positions < run_end)
    own[:, _COLUMN["in_run"]] = in_run
    # the distances to the run, zero inside it: a few rows each (the rows are mostly the run's, the context's two on
    # either side)
    for i in range(first, min(run_start, last)):
        own[i - first, _BEFORE_RUN] = math.log1p(run_start - i)
    for i in range(max(run_end, first), last):
        own[i - first, _AFTER_RUN] = math.log1p(i - run_end + 1)
    own[:, _COLUMN["run_position"]] = np.where(in_run, (positions - run_start) / max(run_end - run_start, 1), 0.0)
    return own


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

