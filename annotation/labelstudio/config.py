"""The Label Studio labeling config, generated from the label definitions.

One ``Labels`` control per layer, both on the same ``Text`` object, so a quote region can sit inside an
article region. ``granularity="symbol"`` lets annotators place boundaries on any character.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from schemas.labels import LABELS, LAYERS, Layer

TEXT_NAME = "text"
# The control tag name of each layer, as it appears in regions' ``from_name``.
CONTROL_NAMES: dict[Layer, str] = {layer: f"{layer}s" for layer in LAYERS}
LAYER_OF_CONTROL: dict[str, Layer] = {name: layer for layer, name in CONTROL_NAMES.items()}
# The labels each control offers.
CONTROL_LABELS: dict[str, tuple[str, ...]] = {
    CONTROL_NAMES[layer]: tuple(label.name for label in LABELS if label.layer == layer) for layer in LAYERS
}


def labeling_config() -> str:
    lines = ["<View>", '  <Header value="$source"/>']
    for layer in LAYERS:
        lines.append(f'  <Labels name="{CONTROL_NAMES[layer]}" toName="{TEXT_NAME}" showInline="true">')
        for label in (label for label in LABELS if label.layer == layer):
            lines.append(f"    <Label value={quoteattr(label.name)} background={quoteattr(label.colour)} "
                         f"hotkey={quoteattr(label.hotkey)} hint={quoteattr(label.definition)}/>")
        lines.append("  </Labels>")
    lines.append(f'  <Text name="{TEXT_NAME}" value="${TEXT_NAME}" granularity="symbol" saveTextResult="yes"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def label_interface():
    """The SDK's parsed view of the generated config (raises if the SDK finds it invalid)."""
    from label_studio_sdk.label_interface import LabelInterface

    return LabelInterface(labeling_config())
