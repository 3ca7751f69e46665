"""The sentence splitter on its gold sets and on the cases the issue names."""

from __future__ import annotations

from pathlib import Path

import pytest

from sajeon.core.sentences import Paragraph, quote_spans, split_paragraph, split_sentences

SPLIT = Path(__file__).parent / "data/align/split"


def gold_paragraphs(name: str) -> list[list[str]]:
    text = (SPLIT / name).read_text("utf-8")
    return [block.split("\n") for block in text.strip().split("\n\n")]


CASES = [
    (name, lang, i, paragraph)
    for name, lang in (
        ("ko.sents", "ko"),
        ("en.sents", "en"),
        ("ko-heldout.sents", "ko"),
        ("en-heldout.sents", "en"),
    )
    for i, paragraph in enumerate(gold_paragraphs(name), start=1)
]


@pytest.mark.parametrize(
    ("name", "lang", "number", "gold"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES]
)
def test_gold_paragraph(name, lang, number, gold):
    assert split_paragraph(" ".join(gold), lang) == gold


def test_boundary_accuracy_target():
    """The issue's target: at least 98% of the boundaries right, on each language."""
    for lang in ("ko", "en"):
        right = wrong = 0
        for name in (f"{lang}.sents", f"{lang}-heldout.sents"):
            for gold in gold_paragraphs(name):
                got = split_paragraph(" ".join(gold), lang)
                right += len(set(got) & set(gold))
                wrong += len(set(got) ^ set(gold))
        assert right / (right + wrong) >= 0.98, lang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 다. / 요. / ? / ! endings
        ("쌀값이 또 올랐다. 사는 사람도 거의 없어요. 어떻게 살라는 건가? 정말 답답하다!",
         ["쌀값이 또 올랐다.", "사는 사람도 거의 없어요.", "어떻게 살라는 건가?",
          "정말 답답하다!"]),
        # a quotation with full stops inside stays with its reporting verb
        ('소식통은 "검열이 시작됐다. 뇌물도 안 받는다"고 말했다. 단속은 계속된다.',
         ['소식통은 "검열이 시작됐다. 뇌물도 안 받는다"고 말했다.', "단속은 계속된다."]),
        ("당은 “뿌리 뽑으라. 한 건도 놓치지 말라.”며 검열을 지시했다.",
         ["당은 “뿌리 뽑으라. 한 건도 놓치지 말라.”며 검열을 지시했다."]),
        # a quote standing alone is a sentence
        ('"걸리면 끝입니다." 한 주민은 이렇게 말했다.',
         ['"걸리면 끝입니다."', "한 주민은 이렇게 말했다."]),
        # decimals, dates and Latin abbreviations inside Korean
        ("쌀값은 2.5배로 뛰었다. 사건은 2024.10.3 새벽에 일어났다.",
         ["쌀값은 2.5배로 뛰었다.", "사건은 2024.10.3 새벽에 일어났다."]),
        ("미국(U.S.) 재무부는 'No. 1 기업'을 제재했다. 북한 vs. 일본 경기도 열렸다.",
         ["미국(U.S.) 재무부는 'No. 1 기업'을 제재했다.", "북한 vs. 일본 경기도 열렸다."]),
        # an ellipsis after a noun continues the sentence; after 다 it ends one
        ("중국 돈, 금반지… 돈이 될 만한 것은 모두 압수됐다. 그는 말을 잃었다… 아무도 몰랐다.",
         ["중국 돈, 금반지… 돈이 될 만한 것은 모두 압수됐다.", "그는 말을 잃었다…",
          "아무도 몰랐다."]),
    ],
)  # fmt: skip
def test_korean(text, expected):
    assert split_paragraph(text, "ko") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Park crossed on Apr. 12 with No. 3 unit. He reached Seoul in May.",
         ["Mr. Park crossed on Apr. 12 with No. 3 unit.", "He reached Seoul in May."]),
        ("The U.S. Treasury acted. Firms in China and the U.S. North Korea was silent.",
         ["The U.S. Treasury acted.", "Firms in China and the U.S.", "North Korea was silent."]),
        ("J. R. R. Tolkien’s books, by Kim J. S., cost $2.5 million. Prices rose 3.7%.",
         ["J. R. R. Tolkien’s books, by Kim J. S., cost $2.5 million.", "Prices rose 3.7%."]),
        ("He called it “the worst in a decade.” Several neighbors left.",
         ["He called it “the worst in a decade.”", "Several neighbors left."]),
        ('He called it "the worst." Others agreed.',
         ['He called it "the worst."', "Others agreed."]),
        ("“Where is the rice?” residents shouted. “How are we to live?” The question spread.",
         ["“Where is the rice?” residents shouted.", "“How are we to live?”",
          "The question spread."]),
        ("Be there by 2 p.m. Latecomers were turned away at 3 p.m. on Friday.",
         ["Be there by 2 p.m.", "Latecomers were turned away at 3 p.m. on Friday."]),
    ],
)  # fmt: skip
def test_english(text, expected):
    assert split_paragraph(text, "en") == expected


def test_paragraph_breaks_are_hard_and_captions_whole():
    paragraphs = [
        Paragraph("온성군 보위부, 주민 10여 명 체포", "heading"),
        Paragraph("[사진] 두만강 연선 마을. /사진=데일리NK", "caption"),
        Paragraph("주민들이 체포됐다. 가족들은"),
        Paragraph("불안해하고 있다."),
    ]
    sentences = split_sentences(paragraphs, "ko")
    assert [s.text for s in sentences] == [
        "온성군 보위부, 주민 10여 명 체포",
        "[사진] 두만강 연선 마을. /사진=데일리NK",
        "주민들이 체포됐다.",
        "가족들은",
        "불안해하고 있다.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 2, 2, 3]
    assert [s.last_in_paragraph for s in sentences] == [True, True, False, True, True]
    assert [s.kind for s in sentences][:2] == ["heading", "caption"]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    # A multi-paragraph quote opens here and closes in the next paragraph.
    text = "“We had nothing. Officials took everything. Nobody helped us."
    assert len(split_paragraph(text, "en")) == 3
    assert quote_spans(text, "en") == []


def test_apostrophes_are_not_quotes_in_english():
    text = "It’s the market’s worst year. Traders’ stalls stand empty."
    assert split_paragraph(text, "en") == [
        "It’s the market’s worst year.",
        "Traders’ stalls stand empty.",
    ]


def test_empty_paragraph():
    assert split_paragraph("   ", "ko") == []
