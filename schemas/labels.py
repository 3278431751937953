"""The label set, defined once.

Everything else that names a label -- the Label Studio config, Hugging Face ``ClassLabel`` features,
pandera checks, the dataset card, the guidelines' table -- is derived from ``LABELS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Layer = Literal["zone", "quote"]
LAYERS: tuple[Layer, ...] = ("zone", "quote")

# Who produced a span. Releases prefer adjudicated > human > machine per document.
Origin = Literal["human", "machine", "adjudicated"]
ORIGINS: tuple[Origin, ...] = ("human", "machine", "adjudicated")

# Annotation status of a released document: which origin its spans come from, or none.
ANNOTATION_STATUSES: tuple[str, ...] = ("unannotated", *ORIGINS)

SPLITS: tuple[str, ...] = ("train", "validation", "test")


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    layer: Layer
    definition: str
    colour: str
    hotkey: str


LABELS: tuple[Label, ...] = (
    Label(
        name="article",
        layer="zone",
        definition="The main story of the page: its headline, standfirst, byline, dateline and body text.",
        colour="#2E7D32",
        hotkey="a",
    ),
    Label(
        name="boilerplate",
        layer="zone",
        definition="Site furniture: navigation, section names, site names, follow/share prompts, "
        "photo captions and credits, legal text, ads, list headings such as \"Recent Posts\".",
        colour="#757575",
        hotkey="b",
    ),
    Label(
        name="teaser",
        layer="zone",
        definition="One promoted item pointing to another article, as one span: its headline, summary and its own timestamp.",
        colour="#EF6C00",
        hotkey="t",
    ),
    Label(
        name="quote",
        layer="quote",
        definition="A direct quotation inside the article text, including its opening and closing quotation marks.",
        colour="#1565C0",
        hotkey="q",
    ),
)

LABEL_NAMES: tuple[str, ...] = tuple(label.name for label in LABELS)
LABELS_BY_NAME: dict[str, Label] = {label.name: label for label in LABELS}
ZONE_LABELS: tuple[str, ...] = tuple(label.name for label in LABELS if label.layer == "zone")
QUOTE_LABELS: tuple[str, ...] = tuple(label.name for label in LABELS if label.layer == "quote")
# The zone label a quote must lie inside.
QUOTE_CONTAINER_LABEL: str = LABELS[0].name


LAYER_OF_LABEL: dict[str, Layer] = {label.name: label.layer for label in LABELS}


def layer_of(label_name: str) -> Layer:
    """The layer of a label, or ValueError naming the label and the valid ones."""
    try:
        return LAYER_OF_LABEL[label_name]
    except KeyError:
        raise ValueError(f"unknown label {label_name!r}; valid labels: {', '.join(LABEL_NAMES)}") from None


def labels_markdown_table() -> str:
    """The label table of the guidelines and the dataset card."""
    rows = ["| label | layer | definition | colour | hotkey |", "| --- | --- | --- | --- | --- |"]
    rows += [f"| `{label.name}` | {label.layer} | {label.definition} | `{label.colour}` | `{label.hotkey}` |"
             for label in LABELS]
    return "\n".join(rows)
