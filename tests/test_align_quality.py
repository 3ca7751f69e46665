"""Quality gate: the issue's targets, measured on the evaluation set by the same code as
benchmarks/align_eval.py (which prints the full table)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import align_eval  # noqa: E402

from sajeon.alignment.align import Model  # noqa: E402
from sajeon.alignment.anchors import TermFinder  # noqa: E402
from sajeon.alignment.goldlinks import read_gold_dir  # noqa: E402
from sajeon.storage.project import Project  # noqa: E402


@pytest.fixture(scope="module")
def setup():
    terms = TermFinder(Project(ROOT).load_glossary())
    return Model.load(), terms, read_gold_dir(align_eval.DATA / "pairs")


def test_link_targets_and_baseline(setup):
    model, terms, articles = setup
    assert len(articles) >= 10
    full, confidences = align_eval.evaluate(articles, model, terms)
    baseline, _ = align_eval.evaluate(articles, model.length_only(), None)
    assert full["1-1"].f1 >= 0.95
    assert full["all"].f1 >= 0.85
    # the anchors add something the length model cannot
    assert full["all"].f1 > baseline["all"].f1 + 0.05
    # links marked confident are nearly all right
    confident = [ok for c, ok in confidences if c >= model.threshold]
    assert sum(confident) / len(confident) >= 0.95


def test_end_to_end_from_running_text(setup):
    model, terms, articles = setup
    scores, count = align_eval.evaluate_end_to_end(articles, model, terms, "txt")
    assert count == len(articles)
    assert scores["all"].f1 >= 0.85 and scores["1-1"].f1 >= 0.95
    scores, count = align_eval.evaluate_end_to_end(articles, model, terms, "html")
    assert count == 2 and scores["all"].f1 >= 0.85


def test_unrelated_pairs_refused(setup):
    model, terms, articles = setup
    accepted, positives, refused, negatives = align_eval.detection(articles[:5], model, terms)
    assert accepted == positives and refused == negatives


@pytest.mark.parametrize("suffix", ["", "-heldout"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_splitter_target(lang, suffix):
    scores, _right, _total = align_eval.split_scores(lang, suffix)
    assert scores.f1 >= 0.98


def test_script_prints_the_table(capsys):
    lines: list[str] = []
    align_eval.run(size=2, out=lines.append)
    text = "\n".join(lines)
    assert "length only (baseline)" in text and "target F1 1-1" in text
    assert "Sentence splitting" in text
