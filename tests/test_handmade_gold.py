"""The pre-annotator's quality floor on the hand-made gold pages of ``tests/gold`` (see its README).

Each folder is scored by ``scripts/evaluate --gold`` and may not get worse than its pin: more wrong lines, fewer
teaser items or quotes found exactly, more quotes that are none. The pins are the numbers measured when they were
set; lower them after an improvement.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


# (set, rendering): wrong lines at most, exact teaser items at least, exact quotes at least, false quotes at most
FLOORS = {
    ("set-i", "text"): (35, 269, 184, 2),
    ("set-i", "semantic"): (14, 286, 181, 2),
    ("set-i", "div"): (12, 286, 184, 2),
    ("set-i", "hand"): (13, 90, 61, 2),
    ("set-j", "text"): (22, 260, 161, 1),
    ("set-j", "semantic"): (10, 264, 161, 1),
    ("set-j", "div"): (13, 264, 161, 1),
    ("set-j", "hand"): (1, 95, 53, 1),
    ("set-k", "text"): (45, 249, 140, 5),
    ("set-k", "semantic"): (12, 255, 140, 4),
    ("set-k", "div"): (11, 255, 140, 4),
    ("set-k", "hand"): (2, 85, 55, 2),
    ("set-l", "text"): (45, 209, 206, 1),
    ("set-l", "semantic"): (11, 220, 204, 1),
    ("set-l", "div"): (14, 220, 204, 1),
    ("set-l", "hand"): (7, 72, 82, 0),
    ("set-m", "text"): (19, 104, 294, 5),
    ("set-m", "semantic"): (7, 107, 294, 5),
    ("set-m", "div"): (7, 107, 294, 5),
    ("set-m", "hand"): (3, 26, 75, 0),
    ("set-n", "text"): (62, 285, 77, 3),
    ("set-n", "semantic"): (25, 299, 78, 3),
    ("set-n", "div"): (32, 299, 76, 3),
    ("set-n", "hand"): (17, 96, 44, 1),
    ("set-o", "text"): (28, 249, 292, 3),
    ("set-o", "semantic"): (7, 254, 292, 3),
    ("set-o", "div"): (10, 254, 292, 3),
    ("set-o", "hand"): (5, 70, 130, 1),
    ("set-p", "text"): (43, 197, 44, 0),
    ("set-p", "semantic"): (11, 235, 44, 0),
    ("set-p", "div"): (16, 235, 43, 0),
    ("set-p", "hand"): (7, 67, 8, 0),
}
PATH_OF_RENDERING = {"text": "text", "semantic": "html", "div": "html", "hand": "html"}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("handmade") / "report.json"
    folders = [GOLD / gold_set / rendering for gold_set, rendering in FLOORS]
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "evaluate"), "--eval-dir", str(ROOT / "no-eval-set"),
         *(argument for folder in folders for argument in ("--gold", str(folder))), "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))["gold"]


@pytest.mark.parametrize(("gold_set", "rendering"), list(FLOORS), ids=["/".join(key) for key in FLOORS])
def test_the_pre_annotator_is_no_worse_than_its_floor(report: dict, gold_set: str, rendering: str) -> None:
    block = report[str(GOLD / gold_set / rendering)]
    assert (block["pages_without_gold"], block["gold_without_page"], block["rejected"]) == ([], [], [])
    scores = block[PATH_OF_RENDERING[rendering]]
    assert scores["pages"] == len(list((GOLD / gold_set / rendering / "pages").iterdir()))
    assert scores["invalid"] == 0
    most_wrong, fewest_items, fewest_quotes, most_false_quotes = FLOORS[gold_set, rendering]
    found = (scores["wrong_lines"], scores["teasers"]["exact"], scores["quotes"]["exact"],
             scores["quotes"]["predicted"] - scores["quotes"]["exact"])
    wrong_lines = "\n".join(f"{line['page']}:{line['line']} {line['gold']}->{line['predicted']} {line['text']}"
                            for line in scores["wrong"])
    assert found[0] <= most_wrong, f"wrong lines {found[0]} > {most_wrong}:\n{wrong_lines}"
    assert found[1] >= fewest_items, f"exact teaser items {found[1]} < {fewest_items}"
    assert found[2] >= fewest_quotes, f"exact quotes {found[2]} < {fewest_quotes}"
    assert found[3] <= most_false_quotes, f"false quotes {found[3]} > {most_false_quotes}"
