"""Issue 12, items 1, 2 and 4: English terms found through inflection, case, hyphens,
apostrophes, brackets and reordering (``sajeon terms --from en`` and the target side of
``sajeon check``); nested concepts that never accuse each other; misspelt terms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sajeon import app
from sajeon.core.model import Concept, Term
from sajeon.engine import english
from sajeon.engine.qa import Checker, Unit
from sajeon.engine.termrec import Recogniser


def concept(cid: str, ko: str, *en: str, domain: str | None = None) -> Concept:
    terms = [Term("ko", ko, "preferred")]
    terms += [Term("en", text, "preferred" if i == 0 else "admitted") for i, text in enumerate(en)]
    return Concept(cid, terms, domain=domain)


GLOSSARY = [
    concept("gold-bars", "금괴", "gold bars"),
    concept("informants", "정보원", "informants"),
    concept("home-searches", "가택수색", "home searches"),
    concept("inminban-head", "인민반장", "inminban head"),
    concept("mss", "보위부", "Ministry of State Security", "MSS", domain="security"),
    concept("mps", "사회안전성", "Ministry of Social Security", domain="security"),
    concept("mps-officer", "안전원", "Ministry of Social Security officer", domain="security"),
    concept(
        "mss-branch",
        "도 보위국",
        "provincial branch of the Ministry of State Security",
        domain="security",
    ),
    concept("county", "군", "county", domain="place"),
    concept("onsong", "온성군", "Onsong County", domain="place"),
    concept("ongjin", "옹진군", "Ongjin County", domain="place"),
    concept("hoeryong", "회령군", "Hoeryong County", domain="place"),
    concept("kumgang-office", "금강무역 온성지사", "Kumgang Trading's Onsong County office"),
    concept("workers-party", "조선로동당", "Workers' Party of Korea"),
    concept("anti-socialist", "비사회주의", "anti-socialist behavior"),
]


@pytest.fixture(scope="module")
def en() -> Recogniser:
    return Recogniser(GLOSSARY, "en", "ko")


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(GLOSSARY)


@pytest.mark.parametrize(
    ("text", "written", "concept_id"),
    [
        ("Police seized a gold bar at the station.", "gold bar", "gold-bars"),
        ("An informant had tipped them off.", "informant", "informants"),
        ("There was a home search at dawn.", "home search", "home-searches"),
        ("HOME SEARCHES are common.", "HOME SEARCHES", "home-searches"),
        ("Home-searches went on.", "Home-searches", "home-searches"),
        ("the Workers’ Party of Korea met", "Workers’ Party of Korea", "workers-party"),
        ("anti socialist behaviors", "anti socialist behaviors", "anti-socialist"),
        (
            "a Ministry of Social Security (MSS) officer came",
            "Ministry of Social Security (MSS) officer",
            "mps-officer",
        ),
        (
            "the Ministry of State Security's provincial branch said",
            "Ministry of State Security's provincial branch",
            "mss-branch",
        ),
        ("the head of an inminban told us", "head of an inminban", "inminban-head"),
        ("the inminban's head told us", "inminban's head", "inminban-head"),
        (
            "the Onsong County office of Kumgang Trading",
            "Onsong County office of Kumgang Trading",
            "kumgang-office",
        ),
        ("the County of Onsong", None, None),
    ],
)
def test_english_rules(en, text, written, concept_id):
    found = [(m.text, m.concept_id) for m in en.find(text)]
    if written is None:
        assert "onsong" not in {c for _, c in found}  # a name "Y X" is not reordered
    else:
        assert (written, concept_id) in found


def test_what_the_rules_do_not_do(en):
    # an adjective put in is a paraphrase, not a reordering
    assert "inminban-head" not in {m.concept_id for m in en.find("the head of a local inminban")}
    # derivations stay apart: the singulariser changes number only
    assert not en.find("The information was wrong.")
    # acronyms keep their case, punctuation ends a match
    assert not en.find("the mss said")
    assert not en.find("gold. Bars")
    # the bracket's own words are found too
    inside = en.find("a Ministry of Social Security (MSS) officer", overlapping=True)
    assert ("MSS", "mss") in [(m.text, m.concept_id) for m in inside]


def test_rules_fired_names_each_rule():
    assert english.rules_fired("gold bar", "gold bars", False, False) == {"inflection"}
    assert english.rules_fired("Home-Searches", "home searches", False, False) == {
        "case",
        "hyphen",
    }
    assert english.rules_fired("Workers’ Party", "Workers' Party", False, False) == {"apostrophe"}
    fired = english.rules_fired(
        "Ministry of State Security's provincial branch",
        "provincial branch of the Ministry of State Security",
        True,
        False,
    )
    assert fired == {"reorder"}


def issues(checker: Checker, ko: str, en_text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.concept) for i in checker.check(Unit("t", 1, None, ko, en_text))]


def test_inflected_and_reordered_targets_pass(checker):
    assert (
        issues(checker, "금괴를 숨긴 주민이 적발됐다.", "A resident who hid a gold bar was caught.")
        == []
    )
    assert issues(checker, "정보원들이 신고했다.", "An informant reported them.") == []
    assert issues(checker, "가택수색이 이어졌다.", "A home search followed.") == []
    assert issues(checker, "인민반장이 신고했다.", "The head of the inminban reported it.") == []
    assert (
        issues(
            checker,
            "도 보위국이 조사했다.",
            "The Ministry of State Security's provincial branch investigated.",
        )
        == []
    )
    assert issues(checker, "인민반장이 신고했다.", "The head of a local inminban reported it.") == [
        ("missing", "inminban-head")
    ]


def test_nested_concepts_never_accuse_each_other(checker):
    # 군 → "county" with "Onsong County": an Onsong County is a county
    assert (
        issues(checker, "이 군에서는 10명이 체포됐다.", "Ten were arrested in Onsong County.") == []
    )
    # 온성군 inside a longer name that the source does not name as such
    assert (
        issues(
            checker,
            "온성군에 있는 금강무역 사무소가 문을 닫았다.",
            "Kumgang Trading's Onsong County office has closed.",
        )
        == []
    )
    # a bracket inside the officer's term
    assert (
        issues(checker, "안전원이 찾아왔다.", "A Ministry of Social Security (MSS) officer came.")
        == []
    )
    # the ministry alone for its officer is a term left out, not a confusion
    assert issues(checker, "안전원이 찾아왔다.", "The Ministry of Social Security came.") == [
        ("missing", "mps-officer")
    ]
    # "the county" for 옹진군: the county's own word, not another county
    assert issues(checker, "옹진군 주민들이 말했다.", "Residents of the county said.") == [
        ("missing", "ongjin")
    ]


def test_the_real_confusion_is_still_an_error(checker):
    found = checker.check(
        Unit(
            "t",
            1,
            None,
            "보위부는 3명을 체포했다.",
            "The Ministry of Social Security arrested three.",
        )
    )
    assert [(i.kind, i.severity, i.found_concept) for i in found] == [
        ("confusable", "error", "mps")
    ]
    assert issues(checker, "옹진군 주민들이 말했다.", "Residents of Hoeryong County said.") == [
        ("confusable", "ongjin")
    ]


def test_misspelt_terms(checker):
    (issue,) = checker.check(
        Unit("t", 1, None, "옹진군에서 밀수가 늘었다.", "Smuggling rose in Onjing County.")
    )
    assert (issue.kind, issue.severity, issue.found) == ("misspelt", "error", "Onjing County")
    assert "misspelling of 'Ongjin County'" in issue.message
    assert issues(checker, "옹진군에서 밀수가 늘었다.", "Smuggling rose in Ongjin Couty.") == [
        ("misspelt", "ongjin")
    ]
    # a real other name, known to the glossary, is a confusable, never a misspelling
    assert issues(checker, "옹진군에서 밀수가 늘었다.", "Smuggling rose in Onsong County.") == [
        ("confusable", "ongjin")
    ]
    # two letters changed (not one moved) is another name; short terms are never misspelt
    assert issues(checker, "옹진군에서 밀수가 늘었다.", "Smuggling rose in Ongdan County.") == [
        ("missing", "ongjin")
    ]
    assert english.near_misses("the msa said", ("mss",), []) == []


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "glossary").mkdir(parents=True)
    (root / "memory").mkdir()
    rows = ["concept\tlang\tterm\tstatus\tpos\ttype\tvalid_from\tvalid_until\tnote"]
    for c in GLOSSARY:
        rows += [f"{c.id}\t{t.lang}\t{t.text}\t{t.status}" + "\t" * 5 for t in c.terms]
    (root / "glossary" / "terms.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    header = "id\tdomain\tdefinition\tnote\tsources\tcreated\tmodified\tauthor"
    domains = [header] + [f"{c.id}\t{c.domain or ''}" + "\t" * 6 for c in GLOSSARY]
    (root / "glossary" / "concepts.tsv").write_text("\n".join(domains) + "\n", encoding="utf-8")
    return root


def test_cli_and_app(tmp_path):
    from click.testing import CliRunner

    from sajeon.cli import cli

    root = _project(tmp_path)
    pairs = tmp_path / "article.tsv"
    pairs.write_text(
        "ko\ten\n"
        "금괴 3개를 숨긴 주민이 적발됐다.\tA resident hiding three gold bars was caught.\n"
        "인민반장이 정보원 역할을 했다.\tThe head of the inminban acted as an informant.\n"
        "옹진군 보위부가 조사했다.\t"
        "The Ministry of Social Security in Onjing County investigated.\n",
        encoding="utf-8",
    )
    run = CliRunner()
    result = run.invoke(cli, ["-C", str(root), "check", str(pairs)])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 2
    assert lines[0].startswith(f"{pairs}:4: error: misspelt: 옹진군 (ongjin): 'Onjing County'")
    assert lines[1].startswith(f"{pairs}:4: error: confusable: 보위부 (mss)")
    assert "checked 3 segment(s): 2 error(s), 0 warning(s)" in result.output
    report = app.check(root, [pairs]).report
    assert sorted(i.kind for i in report.issues) == ["confusable", "misspelt"]

    terms = run.invoke(
        cli,
        [
            "-C",
            str(root),
            "terms",
            "--from",
            "en",
            "--to",
            "ko",
            "--json",
            "The Ministry of State Security's provincial branch searched two homes; an informant",
        ],
    )
    assert terms.exit_code == 0, terms.output
    data = json.loads(terms.output)
    found = {t["concept_id"]: t["text"] for t in data["terms"]}
    assert found["mss-branch"] == "Ministry of State Security's provincial branch"
    assert found["informants"] == "informant"
    assert data["terms"][0]["translation"] == "도 보위국"
