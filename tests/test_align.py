"""The aligner: each link type, anchors at work, confidences, unrelated texts, the model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sajeon.alignment.align import Model, align, length
from sajeon.alignment.anchors import TermFinder
from sajeon.alignment.goldlinks import read_gold
from sajeon.core.sentences import Paragraph, split_sentences

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tests/data/align/pairs"

KOREAN = [
    Paragraph("보위부, 혜산 밀수꾼 5명 체포", "heading"),
    Paragraph('주민들 "다음은 누구냐" 불안', "heading"),
    Paragraph(
        "양강도 혜산시에서 중국에 구리를 몰래 팔아온 밀수꾼 5명이 보위부에 체포됐다. "
        "이들은 지난 3월부터 강 건너 중국 상인들에게 구리를 넘겨온 것으로 조사됐다."
    ),
    Paragraph(
        '소식통은 "구리 1kg에 3만 원씩 받았으니 다들 뛰어들었다"며 '
        '"단속이 이렇게 세질 줄은 아무도 몰랐다"고 말했다.'
    ),
    Paragraph("보위부는 이들의 집을 수색했다. 중국 돈 2000위안이 나왔다."),
]
ENGLISH = [
    Paragraph("MSS arrests five copper smugglers in Hyesan", "heading"),
    Paragraph(
        "Five smugglers who had been secretly selling copper to China have been arrested by "
        "the Ministry of State Security in Hyesan, Ryanggang Province. "
        "Investigators found that they had been passing copper to Chinese traders across the "
        "river since March."
    ),
    Paragraph(
        "“They were getting 30,000 won for every kilogram of copper, so everyone jumped in,” "
        "the source said. “Nobody expected the crackdown to get this tough.”"
    ),
    Paragraph(
        "The MSS searched their homes and found 2,000 yuan in Chinese currency. "
        "Daily NK could not independently verify the amount."
    ),
]


@pytest.fixture(scope="module")
def model() -> Model:
    return Model.load()


@pytest.fixture(scope="module")
def terms() -> TermFinder:
    from sajeon.storage.project import Project

    return TermFinder(Project(ROOT).load_glossary())


def test_each_link_type(model, terms):
    source = split_sentences(KOREAN, "ko")
    target = split_sentences(ENGLISH, "en")
    result = align(source, target, model, terms=terms)
    links = [(link.source, link.target) for link in result.links]
    assert links == [
        ((0,), (0,)),  # 1–1 headline
        ((1,), ()),  # 1–0: the sub-headline was dropped
        ((2,), (1,)),  # 1–1
        ((3,), (2,)),  # 1–1
        ((4,), (3, 4)),  # 1–2: the quote became two sentences
        ((5, 6), (5,)),  # 2–1: two sentences merged
        ((), (6,)),  # 0–1: the editor's addition
    ]
    assert result.is_translation
    by_type = {link.type: link for link in result.links}
    assert set(by_type) == {"1-1", "1-0", "0-1", "2-1", "1-2"}
    assert "2000" in by_type["2-1"].evidence and "30000" in by_type["1-2"].evidence


def test_gold_article_link_types_are_found(model, terms):
    article = read_gold(PAIRS / "01-onsong-smuggling-arrests")
    result = align(article.source, article.target, model, terms=terms)
    predicted = {(link.source, link.target) for link in result.links}
    gold = {(link.source, link.target) for link in article.links}
    for link in article.links:
        assert (link.source, link.target) in predicted, link.type
    assert predicted == gold


def test_anchors_fix_what_length_alone_gets_wrong(model, terms):
    """In 11-anju the editor adds a sentence early on; the length model drifts after it,
    numbers and terms bring the alignment back."""
    article = read_gold(PAIRS / "11-anju-party-loan-shark")
    gold = {(link.source, link.target) for link in article.links}

    def correct(m: Model, t) -> int:
        result = align(article.source, article.target, m, terms=t)
        return sum((link.source, link.target) in gold for link in result.links)

    assert correct(model, terms) > correct(model.length_only(), None) + 5


def test_confident_links_are_right_and_doubtful_ones_marked(model, terms):
    article = read_gold(PAIRS / "10-hamhung-divorce-bribes")
    gold = {(link.source, link.target) for link in article.links}
    result = align(article.source, article.target, model, terms=terms)
    for link in result.links:
        assert 0.0 <= link.confidence <= 1.0
        if (link.source, link.target) not in gold:
            assert link.confidence < model.threshold, link  # every error is marked
    assert sum(link.confidence >= model.threshold for link in result.links) >= 12


def test_unrelated_articles_are_not_a_translation(model, terms):
    a = read_gold(PAIRS / "01-onsong-smuggling-arrests")
    b = read_gold(PAIRS / "09-musan-phone-detection")  # also the MSS, also North Hamgyong
    result = align(a.source, b.target, model, terms=terms)
    assert not result.is_translation
    assert result.evidence < model.min_evidence
    assert align(a.source, a.target, model, terms=terms).evidence > 2 * model.min_evidence


def test_one_side_empty(model):
    source = split_sentences([Paragraph("주민들이 체포됐다. 가족들은 불안해한다.")], "ko")
    result = align(source, [], model)
    assert [link.type for link in result.links] == ["1-0", "1-0"]
    assert not result.is_translation
    assert align([], [], model).links == []


def test_length_counts_characters_without_spaces():
    assert length("주민 10여 명") == 6
    assert length("ten residents") == 12


def test_bundled_model_is_what_calibration_gives():
    """The parameters in sajeon/data/align-model.json come from the calibration script."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/align_calibrate.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_model_parameters_are_plausible(model):
    # Korean is dense: an English translation has two to three times the characters.
    assert 2.0 < model.ratio < 3.5
    assert model.priors["1-1"] > 0.5 and abs(sum(model.priors.values()) - 1) < 1e-3
    assert (
        model.anchor_weights["number"]["source_found"]
        > 0
        > model.anchor_weights["number"]["source_missing"]
    )
