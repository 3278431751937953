"""Inter-annotator agreement of human annotations: character-level kappa and alpha, span-level F1.

Definitions (also printed by ``corpus agreement --help``):

* **Units.** Kappa and alpha count one unit per *non-whitespace* character of the document text.
  Whitespace is unlabelled by definition (zone spans are trimmed), so counting it would inflate
  agreement. In the zone layer a character's value is the label of the annotator's zone span covering
  it; a character an (incomplete) annotation leaves uncovered is *missing* for that annotator: it
  abstains there rather than disagreeing. In the quote layer the value is ``quote`` inside a quote span
  and ``outside`` elsewhere, for every non-whitespace character.
* **Rows.** A *layer* row (``zone layer``, ``quote layer``) compares all the layer's values at once; a
  *label* row is binary: the label against any other value of its layer (missing stays missing).
* **Cohen's kappa** of two annotators uses the characters both gave a value. The kappa of a document,
  or of everything, is the unweighted mean of the pairwise kappas (Light's kappa); the per-pair table
  pools the characters of every document the pair annotated.
* **Krippendorff's alpha** (nominal) uses every annotator of a unit, with missing values, from the
  coincidence matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). The overall
  alpha pools the characters of all documents as units.
* **Undefined** values are ``None``: kappa when the expected agreement is 1, alpha when the expected
  disagreement is 0 -- every annotator used one and the same value on every unit, so there was nothing
  to disagree on (e.g. the ``teaser`` row of a page without teasers).
* **Span F1** of two annotators is ``2 * matched / (|A| + |B|)``, symmetric (precision and recall swap
  with the choice of reference). *Exact*: same label, start and end. *Overlap*: same label and
  intersection-over-union of the two character ranges >= 0.5, each span matched at most once (a maximum
  one-to-one matching). Document and overall F1 sum matches and spans over all annotator pairs (micro);
  a layer row sums over the layer's labels.
* **Annotations compared**: human annotations only; when one annotator has several annotations of a
  document, the latest (``updated_at``, else ``created_at``, then annotation id) stands for them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations
from typing import Any

from schemas.errors import InputError
from schemas.labels import LABELS, LAYERS, Layer
from schemas.records import Annotation, Document, Span, is_whitespace
from schemas.rules import span_faults

# The quote layer's value of a character outside every quote span.
OUTSIDE = "outside"
# A label row's value of a character labelled with another value of the layer.
OTHER = "other"
OVERLAP_IOU = 0.5

Value = str | None
Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of an agreement table: a whole layer or one label against the rest of its layer."""

    name: str
    layer: Layer
    labels: tuple[str, ...]
    binary: bool

    def value(self, value: Value) -> Value:
        if value is None or not self.binary:
            return value
        return value if value == self.labels[0] else OTHER


def layer_row_name(layer: Layer) -> str:
    return f"{layer} layer"


def _rows() -> tuple[Row, ...]:
    rows = []
    for layer in LAYERS:
        labels = tuple(label.name for label in LABELS if label.layer == layer)
        rows.append(Row(layer_row_name(layer), layer, labels, binary=False))
        rows.extend(Row(name, layer, (name,), binary=True) for name in labels)
    return tuple(rows)


ROWS: tuple[Row, ...] = _rows()
ROW_NAMES: tuple[str, ...] = tuple(row.name for row in ROWS)


# --- the coefficients -----------------------------------------------------------------------------


def cohen_kappa(values_a: Sequence[Value], values_b: Sequence[Value]) -> float | None:
    """Cohen's kappa of two aligned sequences of nominal values; ``None`` marks a missing value and
    drops that unit. ``None`` when undefined (no shared units, or expected agreement 1)."""
    if len(values_a) != len(values_b):
        raise ValueError(f"sequences differ in length: {len(values_a)} and {len(values_b)}")
    pairs = zip(values_a, values_b, strict=True)
    return kappa_from_confusion(Counter((a, b) for a, b in pairs if a is not None and b is not None))


def kappa_from_confusion(confusion: Counter) -> float | None:
    """Cohen's kappa from counts of ``(value of a, value of b)``."""
    total = sum(confusion.values())
    if total == 0:
        return None
    marginal_a: Counter = Counter()
    marginal_b: Counter = Counter()
    agreed = 0
    for (a, b), count in confusion.items():
        marginal_a[a] += count
        marginal_b[b] += count
        agreed += count if a == b else 0
    observed = Fraction(agreed, total)
    expected = sum((Fraction(marginal_a[c] * marginal_b[c], total * total) for c in marginal_a), Fraction(0))
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))


def coincidences(units: Iterable[Sequence[Value]]) -> Counter:
    """The coincidence matrix ``{(c, k): o_ck}`` of reliability data given as units, each a sequence
    of one value per annotator (``None`` = missing). Units with fewer than two values are unpairable
    and add nothing. Coincidence matrices of disjoint sets of units add up."""
    return _coincidences_of_counted(Counter(tuple(unit) for unit in units))


def _coincidences_of_counted(counted_units: Counter) -> Counter:
    matrix: Counter = Counter()
    for unit, multiplicity in counted_units.items():
        values = Counter(value for value in unit if value is not None)
        pairable = sum(values.values())
        if pairable < 2:
            continue
        for c, n_c in values.items():
            for k, n_k in values.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    matrix[c, k] += Fraction(multiplicity * pairs, pairable - 1)
    return matrix


def alpha_from_coincidences(matrix: Counter) -> float | None:
    """Nominal Krippendorff's alpha: ``1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k``.
    ``None`` when undefined (fewer than two pairable values, or no expected disagreement)."""
    totals: Counter = Counter()
    disagreement = Fraction(0)
    for (c, k), count in matrix.items():
        totals[c] += count
        if c != k:
            disagreement += count
    n = sum(totals.values(), Fraction(0))
    expected = n * n - sum((n_c * n_c for n_c in totals.values()), Fraction(0))
    if n <= 1 or expected == 0:
        return None
    return float(1 - (n - 1) * disagreement / expected)


def krippendorff_alpha(units: Iterable[Sequence[Value]]) -> float | None:
    """Nominal Krippendorff's alpha of reliability data: one sequence of values per unit, one value per
    annotator, ``None`` where the annotator gave none."""
    return alpha_from_coincidences(coincidences(units))


def span_matches(spans_a: Iterable[Span], spans_b: Iterable[Span], *, overlap: bool) -> int:
    """How many spans of ``a`` pair off one-to-one with spans of ``b`` of the same label: exactly equal
    ranges, or (``overlap``) ranges with intersection-over-union >= 0.5, maximising the pairs."""
    by_label_a: dict[str, list[tuple[int, int]]] = {}
    by_label_b: dict[str, list[tuple[int, int]]] = {}
    for spans, by_label in ((spans_a, by_label_a), (spans_b, by_label_b)):
        for span in spans:
            by_label.setdefault(span.label, []).append((span.start, span.end))
    matched = 0
    for label, ranges_a in by_label_a.items():
        ranges_b = by_label_b.get(label, [])
        if not overlap:
            matched += sum((Counter(ranges_a) & Counter(ranges_b)).values())
            continue
        ranges_b = sorted(ranges_b)
        adjacency = [[index for index, other in enumerate(ranges_b) if _iou(own, other) >= OVERLAP_IOU]
                     for own in sorted(ranges_a)]
        matched += _maximum_matching(adjacency)
    return matched


def span_f1(spans_a: Sequence[Span], spans_b: Sequence[Span], *, overlap: bool = False) -> float | None:
    """``2 * matched / (|a| + |b|)``; ``None`` when both are empty."""
    if not spans_a and not spans_b:
        return None
    return 2 * span_matches(spans_a, spans_b, overlap=overlap) / (len(spans_a) + len(spans_b))


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    intersection = min(a[1], b[1]) - max(a[0], b[0])
    if intersection <= 0:
        return 0.0
    return intersection / (max(a[1], b[1]) - min(a[0], b[0]))


def _maximum_matching(adjacency: list[list[int]]) -> int:
    """Size of a maximum matching of a bipartite graph (left node i -> right nodes adjacency[i]), by
    augmenting paths (Kuhn), iterative so that long chains cannot exhaust the stack."""
    right_to_left: dict[int, int] = {}
    left_to_right: dict[int, int] = {}
    for root in range(len(adjacency)):
        reached_from: dict[int, int] = {}
        stack = [(root, iter(adjacency[root]))]
        free_right = None
        while stack and free_right is None:
            left, neighbours = stack[-1]
            for right in neighbours:
                if right in reached_from:
                    continue
                reached_from[right] = left
                if right not in right_to_left:
                    free_right = right
                else:
                    partner = right_to_left[right]
                    stack.append((partner, iter(adjacency[partner])))
                break
            else:
                stack.pop()
        right = free_right
        while right is not None:
            left = reached_from[right]
            previous = left_to_right.get(left)
            right_to_left[right] = left
            left_to_right[left] = right
            right = None if left == root else previous
    return len(left_to_right)


# --- annotations to values --------------------------------------------------------------------------


def annotation_key(annotation: Annotation) -> tuple[str, str]:
    """Orders one annotator's annotations of a document: the last is the one that counts."""
    return (annotation.updated_at or annotation.created_at or "", annotation.annotation_id)


def human_annotations(annotations: Iterable[Annotation]) -> tuple[Annotation, ...]:
    """The human annotations that count, one per annotator (the latest), sorted by annotator."""
    latest: dict[str, Annotation] = {}
    for annotation in annotations:
        if annotation.origin != "human":
            continue
        seen = latest.get(annotation.annotator)
        if seen is None or annotation_key(annotation) > annotation_key(seen):
            latest[annotation.annotator] = annotation
    return tuple(latest[name] for name in sorted(latest))


def check_annotation(document: Document, annotation: Annotation, where: str | None = None) -> None:
    """``InputError`` unless ``annotation`` belongs to ``document`` and its spans are valid on its text
    (complete coverage is not required). ``where`` (e.g. the store file) prefixes the message."""
    prefix = f"{where}: " if where else ""
    name = f"annotation {annotation.annotation_id!r}"
    if annotation.doc_id != document.doc_id:
        raise InputError(f"{prefix}{name}: doc_id {annotation.doc_id!r} is not the document's {document.doc_id!r}")
    if annotation.text_sha256 != document.text_sha256:
        raise InputError(f"{prefix}{name}: text_sha256 {annotation.text_sha256} does not match the text of "
                         f"document {document.doc_id} ({document.text_sha256})")
    faults = span_faults(document.text, annotation.spans, complete=False)
    if faults:
        listed = "; ".join(f"{fault.rule}: {fault.message}" for fault in faults[:5])
        more = f" (and {len(faults) - 5} more)" if len(faults) > 5 else ""
        raise InputError(f"{prefix}{name} of document {document.doc_id}: field 'spans': {listed}{more}")


def unit_positions(text: str) -> list[int]:
    """The character units: the positions of the non-whitespace characters."""
    return [position for position, char in enumerate(text) if not is_whitespace(char)]


def layer_values(text: str, positions: Sequence[int], annotation: Annotation, layer: Layer) -> list[Value]:
    """The annotation's value of each unit in ``layer`` (see the module's definitions)."""
    by_char: list[Value] = [None if layer == "zone" else OUTSIDE] * len(text)
    for span in annotation.spans:
        if span.layer == layer:
            by_char[span.start:span.end] = [span.label] * (span.end - span.start)
    return [by_char[position] for position in positions]


# --- tallies and reports ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Metrics:
    """Agreement of one row in one scope (a document, an annotator pair, everything)."""

    units: int
    kappa: float | None
    alpha: float | None
    spans_compared: int
    matched_exact: int
    matched_overlap: int

    @property
    def f1_exact(self) -> float | None:
        return 2 * self.matched_exact / self.spans_compared if self.spans_compared else None

    @property
    def f1_overlap(self) -> float | None:
        return 2 * self.matched_overlap / self.spans_compared if self.spans_compared else None

    def to_json(self) -> dict[str, Any]:
        return {"units": self.units, "kappa": self.kappa, "alpha": self.alpha, "f1_exact": self.f1_exact,
                "f1_overlap": self.f1_overlap, "spans_compared": self.spans_compared,
                "matched_exact": self.matched_exact, "matched_overlap": self.matched_overlap}


@dataclass(slots=True)
class _Tally:
    coincidence: Counter = field(default_factory=Counter)
    confusions: dict[Pair, Counter] = field(default_factory=dict)
    units: int = 0
    spans_compared: int = 0
    matched_exact: int = 0
    matched_overlap: int = 0

    def add(self, other: _Tally) -> None:
        self.coincidence.update(other.coincidence)
        for pair, confusion in other.confusions.items():
            self.confusions.setdefault(pair, Counter()).update(confusion)
        self.units += other.units
        self.spans_compared += other.spans_compared
        self.matched_exact += other.matched_exact
        self.matched_overlap += other.matched_overlap

    def metrics(self) -> Metrics:
        kappas = [k for k in map(kappa_from_confusion, self.confusions.values()) if k is not None]
        return Metrics(
            units=self.units,
            kappa=sum(kappas) / len(kappas) if kappas else None,
            alpha=alpha_from_coincidences(self.coincidence),
            spans_compared=self.spans_compared,
            matched_exact=self.matched_exact,
            matched_overlap=self.matched_overlap,
        )


@dataclass(frozen=True, slots=True)
class DocumentAgreement:
    doc_id: str
    annotators: tuple[str, ...]
    annotation_ids: tuple[str, ...]
    metrics: dict[str, Metrics]

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "annotators": list(self.annotators),
                "annotation_ids": list(self.annotation_ids),
                "metrics": {name: m.to_json() for name, m in self.metrics.items()}}


@dataclass(frozen=True, slots=True)
class PairAgreement:
    annotators: Pair
    documents: int
    metrics: dict[str, Metrics]

    def to_json(self) -> dict[str, Any]:
        return {"annotators": list(self.annotators), "documents": self.documents,
                "metrics": {name: m.to_json() for name, m in self.metrics.items()}}


@dataclass(frozen=True, slots=True)
class AgreementReport:
    documents: tuple[DocumentAgreement, ...]
    pairs: tuple[PairAgreement, ...]
    overall: dict[str, Metrics]
    single_annotator_documents: int

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(sorted({name for document in self.documents for name in document.annotators}))

    def to_json(self) -> dict[str, Any]:
        return {
            "definitions": DEFINITIONS,
            "documents_compared": len(self.documents),
            "single_annotator_documents": self.single_annotator_documents,
            "annotators": list(self.annotators),
            "overall": {name: m.to_json() for name, m in self.overall.items()},
            "documents": [document.to_json() for document in self.documents],
            "pairs": [pair.to_json() for pair in self.pairs],
        }


DEFINITIONS: dict[str, str] = {
    "units": "non-whitespace characters; zone value = label of the covering zone span (uncovered = missing), "
             "quote value = quote or outside",
    "label rows": "binary: the label against any other value of its layer",
    "kappa": "Cohen's kappa per annotator pair on the characters both labelled; documents and overall: "
             "unweighted mean of the pairwise kappas (Light's kappa)",
    "alpha": "Krippendorff's alpha, nominal, all annotators, missing values allowed; overall pools all documents",
    "f1_exact": "2*matched/(|A|+|B|) summed over annotator pairs; match = same label, start and end",
    "f1_overlap": "as f1_exact; match = same label and character IoU >= 0.5, maximum one-to-one matching",
    "null": "undefined: no variation in the values (kappa, alpha) or no spans (F1)",
}


def _document_tallies(document: Document, annotations: Sequence[Annotation]) -> dict[Pair, dict[str, _Tally]]:
    """Per annotator pair and row, the tallies of one document; the alpha of all annotators goes under
    the pair ``("", "")``."""
    positions = unit_positions(document.text)
    names = [annotation.annotator for annotation in annotations]
    values = {layer: [layer_values(document.text, positions, a, layer) for a in annotations] for layer in LAYERS}
    pairs = list(combinations(range(len(annotations)), 2))
    tallies: dict[Pair, dict[str, _Tally]] = {("", ""): {}}
    for i, j in pairs:
        tallies[names[i], names[j]] = {}
    for row in ROWS:
        counted_units = Counter(zip(*([row.value(v) for v in per_annotator]
                                      for per_annotator in values[row.layer]), strict=True))
        whole = _Tally(coincidence=_coincidences_of_counted(counted_units))
        whole.units = sum(count for unit, count in counted_units.items()
                          if sum(value is not None for value in unit) >= 2)
        spans = [[span for span in a.spans if span.label in row.labels] for a in annotations]
        for i, j in pairs:
            confusion: Counter = Counter()
            for unit, count in counted_units.items():
                if unit[i] is not None and unit[j] is not None:
                    confusion[unit[i], unit[j]] += count
            pair_tally = _Tally(
                coincidence=confusion + Counter({(b, a): n for (a, b), n in confusion.items()}),
                confusions={(names[i], names[j]): confusion},
                units=sum(confusion.values()),
                spans_compared=len(spans[i]) + len(spans[j]),
                matched_exact=span_matches(spans[i], spans[j], overlap=False),
                matched_overlap=span_matches(spans[i], spans[j], overlap=True),
            )
            tallies[names[i], names[j]][row.name] = pair_tally
            whole.confusions.update(pair_tally.confusions)
            whole.spans_compared += pair_tally.spans_compared
            whole.matched_exact += pair_tally.matched_exact
            whole.matched_overlap += pair_tally.matched_overlap
        tallies["", ""][row.name] = whole
    return tallies


def _compared(document: Document, annotations: Iterable[Annotation]) -> tuple[Annotation, ...]:
    chosen = human_annotations(annotations)
    for annotation in chosen:
        check_annotation(document, annotation)
    return chosen


def document_agreement(document: Document, annotations: Iterable[Annotation]) -> DocumentAgreement | None:
    """Agreement of the human annotations of one document; ``None`` with fewer than two annotators."""
    chosen = _compared(document, annotations)
    if len(chosen) < 2:
        return None
    whole = _document_tallies(document, chosen)["", ""]
    return DocumentAgreement(document.doc_id, tuple(a.annotator for a in chosen),
                             tuple(a.annotation_id for a in chosen),
                             {name: whole[name].metrics() for name in ROW_NAMES})


def agreement(annotated: Iterable[tuple[Document, Sequence[Annotation]]],
              progress: Callable[[Iterable], Iterable] = iter) -> AgreementReport:
    """Agreement over documents with their annotations (any origin; only human ones are compared)."""
    documents: list[DocumentAgreement] = []
    overall = {name: _Tally() for name in ROW_NAMES}
    by_pair: dict[Pair, dict[str, _Tally]] = {}
    pair_documents: Counter = Counter()
    single = 0
    for document, of_document in progress(annotated):
        chosen = _compared(document, of_document)
        if len(chosen) < 2:
            single += len(chosen) == 1
            continue
        tallies = _document_tallies(document, chosen)
        whole = tallies.pop(("", ""))
        documents.append(DocumentAgreement(document.doc_id, tuple(a.annotator for a in chosen),
                                           tuple(a.annotation_id for a in chosen),
                                           {name: whole[name].metrics() for name in ROW_NAMES}))
        for name in ROW_NAMES:
            overall[name].add(whole[name])
        for pair, rows in tallies.items():
            pair_documents[pair] += 1
            target = by_pair.setdefault(pair, {name: _Tally() for name in ROW_NAMES})
            for name in ROW_NAMES:
                target[name].add(rows[name])
    pairs = tuple(PairAgreement(pair, pair_documents[pair], {name: rows[name].metrics() for name in ROW_NAMES})
                  for pair, rows in sorted(by_pair.items()))
    # Pooled per pair, so the overall kappa is the mean over annotator pairs, each over all its documents.
    overall_metrics = {name: overall[name].metrics() for name in ROW_NAMES}
    return AgreementReport(tuple(sorted(documents, key=lambda d: d.doc_id)), pairs, overall_metrics, single)
