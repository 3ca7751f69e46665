"""The article-length evaluation set of terminology QA (tests/data/qa/articles/) is
well-formed, and benchmarks/qa_eval.py scores it: per gold finding, per false alarm."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from sajeon.engine.qa import read_units
from sajeon.storage.project import Project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.qa_eval import (  # noqa: E402
    ARTICLES,
    Gold,
    article_files,
    read_gold,
    run_check,
    score_articles,
)

MEMORY_COLUMNS = ["ko", "en", "origin", "date", "translator", "note"]


def test_articles_are_memory_files_with_dates():
    files = article_files()
    assert len(files) >= 12
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].split("\t") == MEMORY_COLUMNS, path.name
        rows = [line.split("\t") for line in lines[1:]]
        assert len(rows) >= 6, path.name
        for number, row in enumerate(rows, start=2):
            assert len(row) == len(MEMORY_COLUMNS), f"{path.name}:{number}"
            assert row[0].strip() and row[1].strip(), f"{path.name}:{number}"
            datetime.date.fromisoformat(row[3])
        # the checker reads every row as a segment
        assert len(read_units(path, "ko", "en", path.name)) == len(rows)


def test_every_gold_finding_names_a_segment_and_a_concept():
    concepts = {c.id for c in Project(ROOT).load_glossary()}
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in article_files()}
    gold = read_gold()
    assert sum(g.injected and g.level == "error" for g in gold) >= 12
    for g in gold:
        where = f"gold.tsv: {g.file}:{g.line}"
        assert g.file in lengths, where
        assert 2 <= g.line <= lengths[g.file], where
        assert g.concept == "*" or g.concept in concepts, where
        assert g.kind and g.level in ("error", "warning"), where
    assert len(set((g.file, g.line, g.concept) for g in gold)) == len(gold)


def test_score_counts_found_missed_and_false_alarms_by_kind_and_severity():
    gold = [
        Gold("a.tsv", 3, "onsong-county", "misspelt", "error", True),
        Gold("a.tsv", 5, "*", "not-a-pair", "warning", True),
        Gold("a.tsv", 6, "hyesan", "confusable", "error", True),
    ]
    issues = [
        {
            "file": "x/a.tsv",
            "line": 3,
            "kind": "misspelt",
            "severity": "error",
            "concept": "onsong-county",
            "message": "m",
        },
        {
            "file": "x/a.tsv",
            "line": 3,
            "kind": "missing",
            "severity": "warning",
            "concept": "county",
            "message": "m",
        },
        {
            "file": "x/a.tsv",
            "line": 5,
            "kind": "not a translation pair?",
            "severity": "warning",
            "concept": None,
            "message": "m",
        },
        {
            "file": "x/a.tsv",
            "line": 5,
            "kind": "missing",
            "severity": "error",
            "concept": "hoeryong",
            "message": "m",
        },
    ]
    figures = score_articles(issues, gold, [Path("a.tsv")], {"a.tsv": 6})
    article = figures.articles["a.tsv"]
    assert (article.gold, article.found, article.found_as_error) == (3, 2, 1)
    assert [g.concept for g in article.missed] == ["hyesan"]
    assert (article.error_alarms, article.warning_alarms) == (1, 1)
    assert figures.alarms_by_kind == {"missing": [1, 1]}
    assert figures.by_gold_kind["misspelt"] == [1, 1, 1, 1]
    assert figures.injected_errors == (2, 1)


def test_scorer_runs_the_check_on_an_article(tmp_path):
    path = ARTICLES / "08-pyongyang-hyesan-leak.tsv"
    issues = run_check(ROOT, [path], tmp_path / "eval.db")
    assert issues and all({"kind", "severity", "line"} <= set(i) for i in issues)
    gold = [g for g in read_gold() if g.file == path.name]
    figures = score_articles(issues, gold, [path], {path.name: 6})
    article = figures.articles[path.name]
    # 국가보위성 published as "Ministry of Social Security": an error, before and after
    assert article.found_as_error == article.gold == 1
    assert article.error_alarms + article.warning_alarms == len(issues) - 1
