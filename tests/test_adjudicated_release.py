"""Human annotations -> `corpus adjudicate` -> `corpus build`: the release takes the current adjudication,
validates, and never releases an adjudication made from earlier human annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotation.store import read_annotations, write_annotations
from corpus.cli import main
from schemas.records import Span
from schemas.validate import validate_path
from test_release import human, make_page


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "seeds" / "annotations").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.corpus]\ndataset_version = "1.0.0"\n')
    document, spans = make_page(7)
    (root / "seeds" / "page-7.txt").write_text(document.text, encoding="utf-8")
    # Three annotators; the third calls the teaser item boilerplate, so the majority keeps it a teaser.
    dissent = [Span.on(document.text, s.start, s.end, "boilerplate") if s.label == "teaser" else s for s in spans]
    write_annotations(root / "seeds" / "annotations", [
        human(document, spans, "h-ana", annotator="ana", updated_at="2026-11-01T10:00:00Z"),
        human(document, spans, "h-ben", annotator="ben", updated_at="2026-11-01T11:00:00Z"),
        human(document, dissent, "h-cy", annotator="cy", updated_at="2026-11-01T12:00:00Z"),
    ])
    monkeypatch.chdir(root)
    return root


def released_documents(root: Path, version: str) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(root / "dist" / "releases" / version / "documents.parquet").to_pylist()


def test_release_after_adjudication_takes_the_majority_and_validates(project: Path, capsys) -> None:
    assert main(["adjudicate", "--min-alpha", "0"]) == 0
    adjudicated = [a for a in read_annotations(project / "seeds" / "annotations") if a.origin == "adjudicated"]
    assert len(adjudicated) == 1 and set(adjudicated[0].derived_from) == {"h-ana", "h-ben", "h-cy"}

    assert main(["build", "--json"]) == 0
    capsys.readouterr()
    (row,) = released_documents(project, "1.0.0")
    assert row["annotation_status"] == "adjudicated" and row["annotation_ids"] == [adjudicated[0].annotation_id]
    document, spans = make_page(7)
    assert sorted((s["start"], s["end"], s["label"]) for s in row["spans"]) == sorted(
        (s.start, s.end, s.label) for s in spans)
    assert validate_path([project / "dist" / "releases" / "1.0.0"]).ok
    assert validate_path([project / "dist" / "hub"]).ok


def test_a_stale_adjudication_is_not_released(project: Path, capsys) -> None:
    assert main(["adjudicate", "--min-alpha", "0"]) == 0
    capsys.readouterr()
    document, spans = make_page(7)
    # ana revises her annotation after the adjudication: the adjudication is now stale.
    write_annotations(project / "seeds" / "annotations", [
        human(document, spans, "h-ana-2", annotator="ana", updated_at="2026-11-02T10:00:00Z", ground_truth=True)])
    assert main(["build", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    (row,) = released_documents(project, "1.0.0")
    assert row["annotation_status"] == "human" and row["annotation_ids"] == ["h-ana-2"]
    assert any("corpus adjudicate" in warning for warning in summary["warnings"])
