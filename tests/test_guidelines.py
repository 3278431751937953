from pathlib import Path

from schemas.labels import labels_markdown_table

GUIDELINES = Path(__file__).resolve().parents[1] / "annotation" / "guidelines.md"


def test_guidelines_label_table_is_the_generated_one():
    assert labels_markdown_table() in GUIDELINES.read_text(encoding="utf-8")
