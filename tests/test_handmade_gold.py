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
    ("set-i", "text"): (20, 276, 184, 2),
    ("set-i", "spaced"): (20, 276, 184, 2),
    ("set-i", "semantic"): (10, 291, 181, 2),
    ("set-i", "div"): (5, 291, 184, 2),
    ("set-i", "hand"): (5, 91, 61, 2),
    ("set-j", "text"): (12, 261, 162, 1),
    ("set-j", "spaced"): (12, 261, 162, 1),
    ("set-j", "semantic"): (1, 267, 161, 1),
    ("set-j", "div"): (4, 267, 162, 1),
    ("set-j", "hand"): (1, 96, 53, 1),
    ("set-k", "text"): (15, 259, 140, 3),
    ("set-k", "spaced"): (15, 259, 140, 3),
    ("set-k", "semantic"): (5, 260, 140, 3),
    ("set-k", "div"): (3, 260, 140, 3),
    ("set-k", "hand"): (1, 86, 55, 1),
    ("set-l", "text"): (16, 219, 207, 1),
    ("set-l", "spaced"): (31, 207, 207, 1),
    ("set-l", "semantic"): (3, 225, 206, 1),
    ("set-l", "div"): (6, 225, 206, 1),
    ("set-l", "hand"): (4, 74, 82, 0),
    ("set-m", "text"): (3, 112, 295, 4),
    ("set-m", "spaced"): (8, 111, 295, 4),
    ("set-m", "semantic"): (1, 114, 295, 4),
    ("set-m", "div"): (1, 114, 295, 4),
    ("set-m", "hand"): (0, 27, 75, 0),
    ("set-n", "text"): (12, 298, 78, 1),
    ("set-n", "spaced"): (63, 267, 78, 1),
    ("set-n", "semantic"): (2, 312, 78, 1),
    ("set-n", "div"): (7, 312, 77, 1),
    ("set-n", "hand"): (9, 99, 44, 0),
    ("set-o", "text"): (0, 257, 293, 2),
    ("set-o", "spaced"): (6, 255, 293, 2),
    ("set-o", "semantic"): (0, 260, 293, 2),
    ("set-o", "div"): (3, 260, 293, 2),
    ("set-o", "hand"): (3, 70, 131, 0),
    ("set-p", "text"): (8, 236, 44, 0),
    ("set-p", "spaced"): (35, 204, 44, 0),
    ("set-p", "semantic"): (1, 247, 44, 0),
    ("set-p", "div"): (5, 247, 43, 0),
    ("set-p", "hand"): (1, 70, 8, 0),
    ("set-q", "text"): (12, 163, 80, 4),
    ("set-q", "spaced"): (27, 158, 80, 4),
    ("set-q", "semantic"): (8, 168, 79, 4),
    ("set-q", "div"): (14, 168, 79, 4),
    ("set-q", "hand"): (5, 32, 45, 2),
    ("set-r", "text"): (35, 148, 0, 0),
    ("set-r", "spaced"): (57, 139, 0, 0),
    ("set-r", "semantic"): (2, 176, 0, 0),
    ("set-r", "div"): (2, 176, 0, 0),
    ("set-r", "hand"): (0, 59, 0, 0),
    ("set-s", "text"): (19, 72, 161, 2),
    ("set-s", "spaced"): (21, 71, 161, 2),
    ("set-s", "semantic"): (7, 74, 159, 2),
    ("set-s", "div"): (19, 74, 159, 2),
    ("set-s", "hand"): (4, 27, 61, 1),
    ("set-t", "text"): (39, 146, 0, 0),
    ("set-t", "spaced"): (52, 140, 0, 0),
    ("set-t", "semantic"): (3, 201, 0, 0),
    ("set-t", "div"): (3, 201, 0, 0),
    ("set-t", "hand"): (4, 74, 0, 0),
    ("set-u", "text"): (18, 77, 158, 4),
    ("set-u", "spaced"): (20, 73, 158, 4),
    ("set-u", "semantic"): (7, 82, 156, 4),
    ("set-u", "div"): (28, 82, 151, 4),
    ("set-u", "hand"): (13, 33, 61, 2),
    ("set-v", "text"): (40, 109, 71, 2),
    ("set-v", "spaced"): (50, 100, 71, 2),
    ("set-v", "semantic"): (5, 124, 71, 2),
    ("set-v", "div"): (7, 124, 72, 2),
    ("set-v", "hand"): (5, 71, 35, 2),
}
PATH_OF_RENDERING = {"text": "text", "spaced": "text", "semantic": "html", "div": "html", "hand": "html"}


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
