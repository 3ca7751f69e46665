"""Term recognition: Korean particles, compounds, short terms, English inflection, the
gold-set quality gate and the ``sajeon terms`` command."""

from __future__ import annotations

import copy
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from sajeon.engine.termrec import Recogniser, particle_tail
from sajeon.storage.project import Project

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.termrec_eval import evaluate  # noqa: E402


@pytest.fixture(scope="module")
def glossary():
    return Project(ROOT).load_glossary()


@pytest.fixture(scope="module")
def ko(glossary):
    return Recogniser(glossary, "ko", "en")


@pytest.fixture(scope="module")
def en(glossary):
    return Recogniser(glossary, "en", "ko")


def found(recogniser, text):
    return [(m.text, m.concept_id) for m in recogniser.find(text)]


@pytest.mark.parametrize(
    ("text", "surface", "concept", "suffix"),
    [
        ("국가보위성에서 지시가 내려왔다.", "국가보위성", "ministry-of-state-security", "에서"),
        ("온성군의 주민들", "온성군", "onsong-county", "의"),
        ("보위부는 이들을 체포했다.", "보위부", "ministry-of-state-security", "는"),
        ("사회안전성으로부터 통보를", "사회안전성", "ministry-of-social-security", "으로부터"),
        ("인민들에게 알렸다", "인민", "people", "들에게"),
        ("그는 곧바로 이혼했다", "이혼", "divorce", "했다"),
    ],
)
def test_particles_and_endings(ko, text, surface, concept, suffix):
    match = ko.find(text)
    assert len(match) == 1
    assert (match[0].text, match[0].concept_id, match[0].suffix) == (surface, concept, suffix)
    assert match[0].translation


def test_placeholder_keys_of_the_automaton_are_never_results(ko):
    # The automaton holds never-matching keys (a common character and a noncharacter)
    # for speed; a text that does hold the noncharacter still gets only glossary terms.
    text = "보위부는 \U0010ffff 다\U0010ffff 국가보위성에서"
    assert found(ko, text) == [
        ("보위부", "ministry-of-state-security"),
        ("국가보위성", "ministry-of-state-security"),
    ]
    assert all(m.concept_id for m in ko.find(text, overlapping=True))


def test_compounds_and_longest_match(ko):
    assert found(ko, "온성군보위부가 체포했다.") == [("온성군보위부", "onsong-county-mss")]
    assert found(ko, "온성군 보위부가 체포했다.") == [("온성군 보위부", "onsong-county-mss")]
    assert found(ko, "국가보위성은") == [("국가보위성", "ministry-of-state-security")]
    # a term inside a longer word whose rest is not in the glossary (3+ syllables)
    assert found(ko, "보위부원들이") == [("보위부", "ministry-of-state-security")]
    # two short terms written together are both words
    assert found(ko, "국가인민") == [("국가", "state"), ("인민", "people")]


@pytest.mark.parametrize(
    ("text", "surface", "concept", "suffix"),
    [
        (
            "군(郡) 안전부는 단속을",
            "군(郡) 안전부",
            "county-branch-of-the-ministry-of-social-security",
            "는",
        ),
        ("남조선(남한) 상품을 팔던", "남조선(남한) 상품", "south-korean-products", "을"),
        ("남조선(남한)상품이", "남조선(남한)상품", "south-korean-products", "이"),
        (
            "함경북도 도(道) 보위국에서",
            "도(道) 보위국",
            "provincial-branch-of-the-ministry-of-state-security",
            "에서",
        ),
    ],
)
def test_a_gloss_in_brackets_is_read_through(ko, text, surface, concept, suffix):
    matches = [m for m in ko.find(text) if m.concept_id == concept]
    assert [(m.text, m.suffix) for m in matches] == [(surface, suffix)]
    assert text[matches[0].start : matches[0].end] == surface


def test_a_gloss_is_found_in_place_of_its_word(glossary):
    """남조선(남한) 상품 is 남조선 상품 and, read with the gloss in place, 남한 상품: a
    glossary holding only one of them finds it."""

    def with_only(term: str) -> Recogniser:
        concepts = []
        for concept in glossary:
            if concept.id == "south-korean-products":
                concept = copy.deepcopy(concept)
                concept.terms = [t for t in concept.terms if t.lang != "ko" or t.text == term]
            concepts.append(concept)
        return Recogniser(concepts, "ko", "en")

    text = "남조선(남한) 상품을 팔던 장사꾼들이 붙잡혔다."
    for term in ("남조선 상품", "남한 상품"):
        matches = with_only(term).find(text)
        assert [(m.text, m.term, m.suffix) for m in matches[:1]] == [
            ("남조선(남한) 상품", term, "을")
        ]
    # without a term across it, the gloss changes nothing: 남한 alone is no term here
    none = with_only("남북 상품")
    assert [m.concept_id for m in none.find(text)] == []
    # an aside in brackets after a space, or a long one, is no gloss
    assert found(with_only("남한 상품"), "남조선 (남한) 상품을") == []
    assert (
        found(with_only("남조선 상품"), "남조선(한국에서는 흔히 남한이라고 부르는 곳이다) 상품")
        == []
    )


def test_shared_head_syllable(ko):
    assert found(ko, "함경북도 보위국은") == [
        ("함경북도", "north-hamgyong-province"),
        ("도 보위국", "provincial-branch-of-the-ministry-of-state-security"),
    ]
    assert found(ko, "온성군 안전부가") == [
        ("온성군", "onsong-county"),
        ("군 안전부", "county-branch-of-the-ministry-of-social-security"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "군대에 갔다",
        "도로 공사",
        "보위부도 알고",
        "국가적 사업",
        "인민군 병사",
        "함경북도에",
        "도를 넘은 단속",
        "외화벌이",
    ],
)
def test_short_terms_inside_other_words_are_not_matches(ko, text):
    short = {"county", "province", "state", "people", "foreign-currency"}
    assert not [c for _, c in found(ko, text) if c in short]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("각 도에 검열 성원이", "province"),
        ("이 군에서는 세 가구가", "county"),
        ("9개 도의 책임자", "province"),
        ("군 당국은", "county"),
        ("도 당위원회", "province"),
        ("국가 재산", "state"),
        ("국가의 통제", "state"),
    ],
)
def test_short_terms_as_words(ko, text, concept):
    assert concept in [c for _, c in found(ko, text)]


def test_particle_tails():
    assert particle_tail("에서는")
    assert particle_tail("들에게")
    assert particle_tail("과의")
    assert not particle_tail("대")
    assert not particle_tail("적")


def test_deprecated_terms_warn(ko):
    (match,) = ko.find("국가안전보위부 시절")
    assert match.concept_id == "ministry-of-state-security"
    assert match.status == "deprecated"
    assert any("use 국가보위성" in w for w in match.warnings)


def test_positions_lines_and_normalisation(ko):
    text = "첫 줄입니다.\n둘째 줄에서 ﬁle 국가보위성에서"
    (match,) = ko.find(unicodedata.normalize("NFD", text))
    assert (match.line, match.column) == (2, 12)
    assert text[match.start : match.end] == "국가보위성"


def test_english_case_plurals_possessives_acronyms(en):
    text = (
        "The ministry of state security's agents, two Defectors and one defector; "
        "the MSS, not mss or Mississippi; Workers’ Party of Korea; ward offices; "
        "inminban heads; three counter espionage departments."
    )
    got = found(en, text)
    assert ("ministry of state security", "ministry-of-state-security") in got
    assert ("Defectors", "defectors") in got and ("defector", "defectors") in got
    assert [t for t, _ in got].count("MSS") == 1
    assert ("mss", "ministry-of-state-security") not in got
    assert ("Workers’ Party of Korea", "workers-party-of-korea") in got
    assert ("ward", "ward") in got
    assert ("inminban heads", "inminban-head") in got
    assert ("counter espionage departments", "counter-espionage-department") in got
    (mss,) = [m for m in en.find("the MSS") if m.text == "MSS"]
    assert mss.concept_id == "ministry-of-state-security"
    assert mss.other_concepts == ["ministry-of-social-security"]


def test_gold_sets_meet_the_targets(glossary):
    for lang, target in (("ko", "en"), ("en", "ko")):
        score = evaluate(lang, target, glossary)
        assert score.sentences >= (60 if lang == "ko" else 20)
        assert score.recall >= 0.97, (lang, score)
        assert score.precision >= 0.95, (lang, score)


# ---------------------------------------------------------------------------- CLI

PARAGRAPH = (
    "함경북도 온성군보위부는 최근 국가보위성에서 내려온 지시에 따라 밀무역에 가담한 주민들을\n"
    "체포했다. 사회안전성으로부터 넘겨받은 명단에는 인민반장들과 돈주들도 포함됐다."
)
EXPECTED = [
    ("함경북도", "north-hamgyong-province"),
    ("온성군보위부", "onsong-county-mss"),
    ("국가보위성", "ministry-of-state-security"),
    ("밀무역", "smuggling"),
    ("사회안전성", "ministry-of-social-security"),
    ("인민반장", "inminban-head"),
    ("돈주", "donju"),
]


def test_terms_command_finds_every_term_once(sajeon, tmp_path):
    data = json.loads(sajeon("terms", PARAGRAPH, "--json").output)
    assert [(t["text"], t["concept_id"]) for t in data["terms"]] == EXPECTED
    text = sajeon("terms", PARAGRAPH).output
    assert "온성군보위부(는)" in text and "→ Onsong County MSS" in text
    assert "7 term occurrence(s)" in text
    article = tmp_path / "article.txt"
    article.write_text(PARAGRAPH, encoding="utf-8")
    out = sajeon("terms", str(article)).output
    assert f"{article}:2:" in out and f"{article}:1:1" in out
    assert sajeon("terms", "-", input=PARAGRAPH).output == text


def test_terms_command_warnings_and_english(sajeon):
    out = sajeon("terms", "국가안전보위부는 해체됐다.").output
    assert "deprecated term: use 국가보위성" in out
    out = sajeon("terms", "The MSS arrested defectors.", "--from", "en", "--to", "ko").output
    assert "→ 국가보위성" in out and "→ 탈북민" in out
    assert sajeon("terms", "아무 용어도 없는 문장").output.strip() == "no glossary terms found"


def test_terms_command_takes_a_sentence_too_long_for_a_file_name(sajeon):
    # 90 syllables are 270 bytes: more than a file name may have.
    sentence = "국가보위성은 " + "주민들을 " * 20 + "조사했다."
    data = json.loads(sajeon("terms", sentence, "--json").output)
    assert [t["concept_id"] for t in data["terms"]] == ["ministry-of-state-security"]


def test_terms_command_bad_file(sajeon, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    result = sajeon("terms", str(bad), ok=False)
    assert "not valid UTF-8" in result.output


def test_long_texts_are_matched_paragraph_by_paragraph_with_the_same_result(ko, monkeypatch):
    from sajeon.engine import termrec

    text = "\n\n".join(
        [PARAGRAPH, "국경 봉쇄 이후\n국경\n봉쇄", PARAGRAPH, "각 도에 검열 성원이"] * 3
    )
    whole = [(m.start, m.end, m.line, m.column, m.concept_id) for m in ko.find(text)]
    monkeypatch.setattr(termrec, "CHUNK", 40)
    pieces = [(m.start, m.end, m.line, m.column, m.concept_id) for m in ko.find(text)]
    assert pieces == whole and len(whole) > 20
    assert "border-blockade" in {c for *_, c in whole}
