"""``scripts/evaluate --gold``: the pre-annotator scored against a folder of human annotations.

The gold folders are synthetic (``corpus.synth.write_synthetic``); the expected numbers are recomputed here
from the pre-annotator's own output (``corpus preannotate`` on the same pages) by small routines of this file,
not by the script's.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.synth import write_synthetic

ROOT = Path(__file__).resolve().parent.parent
EVALUATE = ROOT / "scripts" / "evaluate"
PAGES = 24
ZONES = ("article", "boilerplate", "teaser")


def evaluate(*arguments: str | Path) -> subprocess.CompletedProcess:
    # --eval-dir: the development set is not part of the project; the gold folders are what is tested here
    return subprocess.run([sys.executable, str(EVALUATE), "--eval-dir", str(ROOT / "no-eval-set"),
                           *map(str, arguments)], cwd=ROOT, capture_output=True, text=True, timeout=600)


def evaluate_json(folder: Path, out: Path) -> dict:
    done = evaluate("--gold", folder, "--verbose", "--json", out)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))["gold"][str(folder)]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict], dict[str, dict]]:
    """A gold folder, its gold annotations and the pre-annotator's output, both by page name."""
    folder = tmp_path_factory.mktemp("gold") / "set"
    write_synthetic(PAGES, folder, html_share=0.5)
    predicted_file = folder.parent / "predicted.jsonl"
    subprocess.run([sys.executable, "-m", "corpus", "preannotate", str(folder / "pages"), "--out",
                    str(predicted_file)], cwd=ROOT, check=True, capture_output=True)
    predicted = {}
    for line in predicted_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        predicted[record["doc_id"]] = record
    gold, by_name = {}, {}
    for path in (folder / "annotations").glob("*.jsonl"):
        record = json.loads(path.read_text(encoding="utf-8"))
        name = Path(record["document"]["source"]).name
        gold[name] = {**record, "file": path}
        by_name[name] = predicted[record["document"]["doc_id"]]
    return folder, gold, by_name


def char_labels(length: int, spans: list[dict]) -> list[str | None]:
    labels: list[str | None] = [None] * length
    for span in spans:
        if span["label"] in ZONES:
            for position in range(span["start"], span["end"]):
                labels[position] = span["label"]
    return labels


def lines_of(text: str) -> list[tuple[int, int, int]]:
    """(line number, start, end) of every line of the text with a non-space character."""
    found, start = [], 0
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if not line.isspace() and line:
            found.append((number, start, start + len(line)))
        start += len(line) + (2 if text.startswith("\r\n", start + len(line)) else 1)
    return found


def wrong_lines(text: str, gold: list[dict], predicted: list[dict]) -> list[int]:
    gold_labels, predicted_labels = char_labels(len(text), gold), char_labels(len(text), predicted)
    return [number for number, start, end in lines_of(text)
            if any(gold_labels[i] != predicted_labels[i] for i in range(start, end) if not text[i].isspace())]


def test_gold_folder_counts_match_an_independent_count_from_the_preannotators_output(synthetic, tmp_path):
    folder, gold, predicted = synthetic
    block = evaluate_json(folder, tmp_path / "report.json")
    assert block["pages"] == PAGES and not block["pages_without_gold"] and not block["gold_without_page"]
    expected_wrong: set[tuple[str, int]] = set()
    for kind, suffix in (("text", ".txt"), ("html", ".html")):
        names = sorted(name for name in gold if name.endswith(suffix))
        assert names, f"no {kind} page among the synthetic pages"
        row = block[kind]
        lines = 0
        items = {label: {"gold": 0, "exact": 0, "predicted": 0} for label in ("teaser", "quote")}
        for name in names:
            text = predicted[name]["text"]
            gold_spans, predicted_spans = gold[name]["spans"], predicted[name]["spans"]
            page_wrong = wrong_lines(text, gold_spans, predicted_spans)
            expected_wrong.update((name, number) for number in page_wrong)
            lines += len(lines_of(text))
            assert row["per_page"][name]["wrong_lines"] == len(page_wrong), name
            assert row["per_page"][name]["lines"] == len(lines_of(text)), name
            for label, counts in items.items():
                gold_set = {(s["start"], s["end"]) for s in gold_spans if s["label"] == label}
                predicted_set = {(s["start"], s["end"]) for s in predicted_spans if s["label"] == label}
                counts["gold"] += len(gold_set)
                counts["predicted"] += len(predicted_set)
                counts["exact"] += len(gold_set & predicted_set)
        assert row["pages"] == len(names)
        assert row["lines"] == lines
        for label, counts in items.items():
            key = "teasers" if label == "teaser" else "quotes"
            assert {field: row[key][field] for field in counts} == counts, (kind, label)
        assert row["quotes"]["precision"] == pytest.approx(items["quote"]["exact"] / items["quote"]["predicted"])
        assert row["quotes"]["recall"] == pytest.approx(items["quote"]["exact"] / items["quote"]["gold"])
        assert row["invalid"] == 0
        assert 0 < row["article"]["f1"] <= 1 and row["pages_per_second"] > 0
    reported = {(line["page"], line["line"]) for kind in ("text", "html") for line in block[kind]["wrong"]}
    assert reported == expected_wrong
    assert block["text"]["wrong_lines"] + block["html"]["wrong_lines"] == len(expected_wrong)
    # trafilatura is scored on the HTML pages only, in the same run
    assert set(block["trafilatura"]) == {"f1", "precision", "recall", "pages_per_second"}


def test_a_teaser_relabelled_boilerplate_adds_exactly_its_lines_to_the_wrong_lines(synthetic, tmp_path):
    folder, gold, predicted = synthetic
    before = evaluate_json(folder, tmp_path / "before.json")
    already_wrong = {(line["page"], line["line"]) for kind in ("text", "html") for line in before[kind]["wrong"]}
    # a teaser of several lines that the pre-annotator found exactly, none of its lines wrong yet
    chosen = None
    for name in sorted(gold):
        text = predicted[name]["text"]
        matched = {(s["start"], s["end"]) for s in predicted[name]["spans"] if s["label"] == "teaser"}
        for index, span in enumerate(gold[name]["spans"]):
            if span["label"] != "teaser" or (span["start"], span["end"]) not in matched:
                continue
            numbers = [number for number, start, end in lines_of(text) if start < span["end"] and end > span["start"]]
            if len(numbers) > 1 and not any((name, number) in already_wrong for number in numbers):
                chosen = name, index, numbers
                break
        if chosen:
            break
    assert chosen, "no exactly predicted teaser of several lines among the synthetic pages"
    name, index, numbers = chosen
    corrupted = tmp_path / "corrupted"
    shutil.copytree(folder, corrupted)
    record = {key: value for key, value in gold[name].items() if key != "file"}
    record["spans"] = [dict(span) for span in record["spans"]]
    record["spans"][index]["label"] = "boilerplate"
    (corrupted / "annotations" / gold[name]["file"].name).write_text(
        json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    after = evaluate_json(corrupted, tmp_path / "after.json")
    kind = "text" if name.endswith(".txt") else "html"
    assert after[kind]["wrong_lines"] == before[kind]["wrong_lines"] + len(numbers)
    assert after[kind]["per_page"][name]["wrong_lines"] == before[kind]["per_page"][name]["wrong_lines"] + len(numbers)
    new = {(line["page"], line["line"]): line for line in after[kind]["wrong"]}
    for number in numbers:
        assert new[name, number]["gold"] == "boilerplate" and new[name, number]["predicted"] == "teaser"
    assert after[kind]["teasers"]["gold"] == before[kind]["teasers"]["gold"] - 1
    assert after[kind]["teasers"]["exact"] == before[kind]["teasers"]["exact"] - 1


def test_pages_without_gold_and_gold_without_a_page_are_reported_by_name(synthetic, tmp_path):
    folder, gold, _ = synthetic
    partial = tmp_path / "partial"
    shutil.copytree(folder, partial)
    names = sorted(gold)
    page_gone, gold_gone = names[0], names[1]
    (partial / "pages" / page_gone).unlink()
    (partial / "annotations" / gold[gold_gone]["file"].name).unlink()
    done = evaluate("--gold", partial, "--json", tmp_path / "report.json")
    assert done.returncode == 0, done.stderr
    block = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["gold"][str(partial)]
    assert block["pages"] == PAGES - 2
    assert block["pages_without_gold"] == [gold_gone]
    doc_id = gold[page_gone]["document"]["doc_id"]
    assert block["gold_without_page"] == [f"{doc_id} ({partial / 'annotations' / gold[page_gone]['file'].name})"]
    assert f"pages without gold: 1 ({gold_gone})" in done.stdout
    assert f"gold without a page: 1 ({doc_id} " in done.stdout


def test_a_gold_span_whose_text_is_not_the_pages_text_is_an_error_naming_the_file(synthetic, tmp_path):
    folder, gold, _ = synthetic
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    name = sorted(gold)[2]
    record = {key: value for key, value in gold[name].items() if key != "file"}
    record["spans"] = [dict(span) for span in record["spans"]]
    record["spans"][1]["text"] = "x" * len(record["spans"][1]["text"])
    path = broken / "annotations" / gold[name]["file"].name
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    done = evaluate("--gold", broken)
    assert done.returncode != 0
    assert str(path) in done.stderr and "spans[1].text" in done.stderr and name in done.stderr
    assert "Gold annotations" not in done.stdout


def test_an_unreadable_gold_file_is_an_error_naming_the_file_and_line(synthetic, tmp_path):
    folder, gold, _ = synthetic
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    path = broken / "annotations" / gold[sorted(gold)[0]]["file"].name
    path.write_text('{"annotation_id": "a", "document": {"doc_id": ', encoding="utf-8")
    done = evaluate("--gold", broken)
    assert done.returncode != 0
    assert f"{path}:1: invalid JSON" in done.stderr
