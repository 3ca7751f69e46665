"""Anchors that survive translation: numbers, dates, quotes, glossary terms."""

from __future__ import annotations

import pytest

from sajeon.alignment.anchors import (
    TermFinder,
    english_numbers,
    find_anchor_concepts,
    korean_numbers,
    sentence_anchors,
)
from sajeon.core.sentences import Sentence


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("중국 돈 5000위안을 마련했다.", "raised 5,000 yuan"),
        ("벌금 3만 원을 물렸다.", "a fine of 30,000 won"),
        ("1만 5000원에 팔린다.", "sells for 15,000 won"),
        ("대부분 20∼30대로", "in their 20s and 30s"),
        ("주민 10여 명이 체포됐다.", "more than ten residents"),
        ("한 달에 두세 번에 불과하다.", "only two or three times a month"),
        ("20억 원어치에 이른다.", "worth nearly 2 billion won"),
        ("250만 달러를 벌었다.", "earned $2.5 million"),
        ("쌀값이 2.5배로 뛰었다.", "rose 2.5 times"),
        ("하루 세 끼를 옥수수로 때운다.", "corn for all three meals"),
        ("30% 넘게 올랐다.", "more than 30 percent"),
        ("25명이 숨졌다.", "twenty-five people died"),
    ],
)
def test_numbers_agree_across_languages(korean, english):
    ko, _, _ = korean_numbers(korean)
    en, _, _ = english_numbers(english)
    assert ko & en, (ko, en)


def test_one_is_not_an_anchor():
    assert korean_numbers("쌀 1kg 가격") == (set(), set(), set())
    assert english_numbers("a kilogram, one of them") == (set(), set(), set())


def test_days_and_months_are_kept_apart_from_numbers():
    numbers, days, months = korean_numbers("지난 11일 10월 3일 회의에서 6명이 2019년에")
    assert days == {"11", "3"} and months == {"10"}
    assert numbers == {"6", "2019"}
    numbers, days, months = english_numbers("On Oct. 3, six people met in May 2019; they may go.")
    assert days == {"3"} and months == {"10"} and numbers == {"6", "2019"}


def test_native_korean_numbers_need_a_counter_and_a_space():
    assert korean_numbers("학생 두 명과 세 끼")[0] == {"2", "3"}
    assert korean_numbers("젊은 세대가 열차를 탔다")[0] == set()


def test_glossary_terms_with_particles_and_english_forms(bundled_project):
    glossary = bundled_project.load_glossary()
    assert "ministry-of-state-security" in find_anchor_concepts(
        "국가보위성에서 주민들을 조사했다.", "ko", glossary
    )
    assert "ministry-of-state-security" in find_anchor_concepts(
        "The Ministry of State Security questioned residents.", "en", glossary
    )
    # only approved English counts: "MSS" is forbidden for the Ministry of Social Security
    assert find_anchor_concepts("The MSS arrested him.", "en", glossary) == {
        "ministry-of-state-security"
    }
    assert "donju" in find_anchor_concepts("Some donju’s apartments were seized.", "en", glossary)
    assert "donju" in find_anchor_concepts("돈주들에게 돈을 빌렸다.", "ko", glossary)
    # the longest match wins, written with or without its space, before particles
    for text in ("온성군 보위부가 주민을 체포했다.", "온성군보위부에서 조사를 받았다."):
        assert find_anchor_concepts(text, "ko", glossary) == {"onsong-county-mss"}
    # a deprecated Korean name still names its concept
    assert find_anchor_concepts("국가안전보위부 시절", "ko", glossary) == {
        "ministry-of-state-security"
    }
    assert find_anchor_concepts("", "en", glossary) == set()


def test_terms_are_whole_words(bundled_project):
    finder = TermFinder(bundled_project.load_glossary())
    # 대장 (captain general) is not inside 대장간 (smithy); 지구 not inside 지구대
    assert not finder.find("그는 대장간에서 일한다.", "ko")
    assert finder.find("대장이 왔다.", "ko")
    # the anchors are the recogniser's (sajeon terms): 군 is a county only as a word of
    # its own, and every occurrence counts once
    assert finder.find("각 군 보위부와 군대가 국가보위성에서 국가보위성으로", "ko") == [
        frozenset({"county"}),
        *[frozenset({"ministry-of-state-security"})] * 3,
    ]


def test_sentence_anchors_quotes_and_kinds():
    sentences = [
        Sentence('소식통은 "요즘 강가에 나가기만 해도 붙잡힌다"고 말했다.', 0),
        Sentence("[사진] 두만강 연선 마을.", 1, "caption"),
        Sentence("'자력갱생'이라는 말이 돈다.", 2),
    ]
    anchors = sentence_anchors(sentences, "ko")
    assert anchors[0].get("quote") == {frozenset({"quote"})}
    assert anchors[1].get("kind") == {frozenset({"caption"})}
    assert not anchors[2].get("quote")  # single quotes mark terms, not speech
