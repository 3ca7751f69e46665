"""Aligning articles as they are published (issue 14): page furniture dropped and listed,
captions and headlines as blocks of their own, condensed English, names through
romanization and common words as anchors, and the figures on the published-style set."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sajeon.alignment.align import Model, align
from sajeon.alignment.anchors import (
    Lexicon,
    TermFinder,
    count_matches,
    english_bases,
    english_names,
    english_numbers,
    korean_names,
    korean_numbers,
)
from sajeon.alignment.goldlinks import read_gold, read_links
from sajeon.alignment.review import read_review
from sajeon.core.model import InputError
from sajeon.core.sentences import Paragraph, split_sentences

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = ROOT / "tests/data/align/published"
sys.path.insert(0, str(ROOT / "benchmarks"))

import align_eval  # noqa: E402


@pytest.fixture(scope="module")
def terms() -> TermFinder:
    from sajeon.storage.project import Project

    return TermFinder(Project(ROOT).load_glossary())


def found(korean: str, english: str, kind: str, known: tuple[str, ...] = ()) -> tuple[int, int]:
    """(found, missing) of the English anchors of ``kind`` among the Korean ones."""
    assert kind == "name"
    return count_matches({*english_names(english, known)}, {*korean_names(korean)})


# --------------------------------------------------------------------------- anchors


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("소식통에 따르면 최 씨는 5년 넘게 일했다.", "She had worked as Choi for five years."),
        ("회령시에서 주민 3명이 체포됐다.", "Three residents were arrested in Hoeryong."),
        ("양강도 혜산시 소식통은 말했다.", "A source in Hyesan, Ryanggang Province, said."),
        ("김정은 총비서가 지시했다.", "The order came from Kim Jong Un himself."),
        ("온성군보위부가 나섰다.", "The security department in Onsong County stepped in."),
    ],
)
def test_names_are_matched_through_romanization(korean, english):
    assert found(korean, english, "name")[0] >= 1


def test_a_sentence_starting_with_a_name_known_from_the_article():
    korean, english = "최 씨는 5년 넘게 일했다.", "Choi had worked for five years."
    assert found(korean, english, "name") == (0, 0)  # "Choi" alone could be any word
    assert found(korean, english, "name", known=("choi",)) == (1, 0)


def test_words_that_are_not_names_are_not_anchors():
    # sentence-initial words alone, country names and English words are not names
    assert english_names("Meanwhile, China and South Korea said nothing.") == []
    assert english_names("Residents say the Daily NK report is right.") == []
    # a Korean word whose romanization happens to be an English word does not match it
    korean, english = "지난 달에 주민들이 모였다.", "Last month residents in China gathered."
    assert found(korean, english, "name") == (0, 0)


def test_ordinal_days_and_units():
    assert english_numbers("a source told Daily NK on the 21st")[1] == {"21"}
    assert korean_numbers("지난 21일")[1] == {"21"}
    assert korean_numbers("쌀 500kg과 2만 7000달러")[0] == {"500", "27000"}
    assert english_numbers("500 kg of rice and 27,000 dollars")[0] == {"500", "27000"}


def test_common_words_with_particles_endings_and_inflections():
    words = Lexicon.load()
    korean = set().union(*words.find("옥수수값도 크게 올랐고 주민들이 체포됐다", "ko"))
    english = set().union(*words.find("Corn prices rose as residents were arrested", "en"))
    assert len(korean & english) >= 3  # corn, resident, arrest
    assert english_bases("seized") >= {"seize"} and "carry" in english_bases("carried")
    assert "rise" in english_bases("rose")
    # a one-syllable word only with particles after it: 쌀을, not 쌀쌀하다
    assert words.find("쌀을 샀다", "ko") and not words.find("쌀쌀하다", "ko")


def test_a_newsrooms_word_list_with_an_error_names_its_line(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("ko\ten\n체포\tarrest\n압수\n", "utf-8")
    with pytest.raises(InputError, match=r"words\.tsv:3: expected two tab-separated columns"):
        Lexicon.load(path)
    path.write_text("ko\ten\n체포|\t|\n", "utf-8")
    with pytest.raises(InputError, match=r"words\.tsv:2: a form is missing"):
        Lexicon.load(path)


# --------------------------------------------------------------------------- blocks

KOREAN = [
    Paragraph("북한경제", "heading"),  # a section label above the headline
    Paragraph('회령 장마당 쌀값 한 달 새 20% 올라…주민들 "옥수수로 버틴다"', "heading"),
    Paragraph("함경북도 회령시 장마당에서 주민들이 쌀을 사고 있다.", "caption"),
    Paragraph(
        "함경북도 회령시 장마당에서 쌀값이 한 달 사이 20% 올랐다. "
        '데일리NK 함경북도 소식통은 지난 21일 "쌀 1kg이 7500원에 팔린다"고 전했다.'
    ),
    Paragraph("소식통에 따르면 옥수수 가격도 1kg에 3200원으로 올랐다."),
    Paragraph('최 씨는 "돈이 없는 집은 하루 한 끼만 먹는다"고 말했다.'),
    Paragraph("보위부는 장마당 상인 5명을 체포했다."),
]
ENGLISH = [
    Paragraph("Rice prices in Hoeryong jump 20% in a month", "heading"),
    Paragraph(
        "The price of rice at the market in Hoeryong, North Hamgyong Province, has risen 20% "
        "in a month, a source told Daily NK on the 21st, with a kilogram now selling for "
        "7,500 won."
    ),
    Paragraph("Corn has also risen, to 3,200 won a kilogram, according to the source."),
    Paragraph("Traders at a market in Hoeryong, North Hamgyong Province.", "caption"),
    Paragraph("Families without money are eating one meal a day, Choi said."),
    Paragraph("The MSS arrested five market traders."),
]


def test_headline_caption_and_body_blocks(terms):
    model = Model.load()
    source, target = split_sentences(KOREAN, "ko"), split_sentences(ENGLISH, "en")
    result = align(source, target, model, terms=terms)
    links = {(link.source, link.target): link for link in result.links}
    assert ((1,), (0,)) in links  # the headline, not the section label above it
    assert ((0,), ()) in links  # the section label stays unaligned
    assert ((2,), (3,)) in links  # the caption, linked across the page
    assert ((3, 4), (1,)) in links  # two sentences folded into one
    assert ((5,), (2,)) in links and ((6,), (4,)) in links and ((7,), (5,)) in links
    assert "name Choi" in links[((6,), (4,))].evidence  # 최 씨 ↔ Choi
    # a place the glossary knows counts once, as a term, not again as a name
    assert "= Hoeryong" in links[((2,), (3,))].evidence
    assert "name Hoeryong" not in links[((2,), (3,))].evidence
    assert result.is_translation
    # links come in the order of the Korean text, the caption where its Korean sits
    assert [link.source for link in result.links][:3] == [(0,), (1,), (2,)]


def test_captions_of_different_photos_are_not_linked(terms):
    model = Model.load()
    other_photo = Paragraph("평양시 보통강구역의 한 아파트 건설장.", "caption")
    korean = [*KOREAN[:2], other_photo, *KOREAN[3:]]
    source, target = split_sentences(korean, "ko"), split_sentences(ENGLISH, "en")
    result = align(source, target, model, terms=terms)
    pairs = {(link.source, link.target) for link in result.links}
    assert ((2,), ()) in pairs and ((), (3,)) in pairs


# --------------------------------------------------------------------------- gold links


def test_gold_links_may_cross_for_captions_only(tmp_path):
    article = read_gold(PUBLISHED / "08-hyesan-broker-arrest")
    assert article.source[0].kind == "heading" and article.source[2].kind == "caption"
    assert any(link.source == (2,) and link.target == (9,) for link in article.links)
    bad = tmp_path / "links.tsv"
    bad.write_text("ko\ten\n1\t2\n2\t1\n", "utf-8")
    with pytest.raises(InputError, match=r"links\.tsv:3: target sentences out of order"):
        read_links(bad, 2, 2)


# --------------------------------------------------------------------------- as a user does


def test_saved_pages_align_review_and_import(sajeon, tmp_path):
    """Issue 14, done when: a saved Korean page and its English edition, furniture and all,
    go through `sajeon align` without --force; the review shows the dropped furniture,
    the moved caption linked across, condensed passages as 1–2 and 2–1 links and names
    matched by romanization; importing the reviewed file adds the pairs marked ok."""
    pair = PUBLISHED / "08-hyesan-broker-arrest"
    review_path, page = tmp_path / "r.tsv", tmp_path / "r.html"
    result = sajeon("align", str(pair / "ko.html"), str(pair / "en.html"), "-o",
                    str(review_path), "--html", str(page))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "furniture dropped" in result.output
    review = read_review(review_path)
    assert "| Daily NK" not in review.meta["title"]
    dropped = [row for row in review.rows if row.status == "dropped"]
    furniture = (pair / "ko.furniture").read_text("utf-8").splitlines()
    furniture += (pair / "en.furniture").read_text("utf-8").splitlines()
    assert len(dropped) >= 15
    for row in dropped:  # each one listed with the rule that dropped it
        assert row.evidence and (row.source or row.target)
    assert any(row.target == "Translated by Daniel Moore" for row in dropped)
    links = [row for row in review.rows if row.status != "dropped"]
    texts = " ".join(row.source + " " + row.target for row in links)
    assert not any(line in texts for line in furniture if len(line) > 12)
    caption = next(row for row in links if "caption" in row.evidence)
    assert (caption.source_numbers, caption.target_numbers) == ("3", "10")
    assert {"1-2", "2-2"} <= {row.type for row in links}  # condensed: 1–2 and 2–2
    assert any("name Choi" in row.evidence for row in links)
    # a link whose lengths are far from the model's expectation says so
    assert any("× the expected length" in row.evidence for row in links)
    assert page.read_text("utf-8").count('class="dropped"') == len(dropped)

    before = (sajeon.project.memory_dir / "ko-en.tsv").read_text("utf-8").count("\n")
    result = sajeon("import", str(review_path))
    assert result.exit_code == 0, result.output
    after = (sajeon.project.memory_dir / "ko-en.tsv").read_text("utf-8")
    ok = [row for row in links if row.status == "ok"]
    assert after.count("\n") - before == len(ok)
    assert "Hyesan, Ryanggang Province, seen from across the Yalu River." in after
    assert "Translated by" not in after and "무단전재" not in after


# --------------------------------------------------------------------------- figures


@pytest.fixture(scope="module")
def figures():
    return align_eval.compare_with_release(None, out=lambda line: None)


def test_published_style_figures(figures):
    """The figures of the README's table, as measured when issue 14 was resolved (the
    targets F1 ≥ 0.95 and ok ≥ 98% are not met: docs/alignment.md says where it fails)."""
    published, _ = figures["published/this tree"]
    assert published.translations == 13 and published.refused == 0
    assert published.unrelated_refused == published.unrelated == 156
    assert published.f1_all >= 0.88 and published.f1_one >= 0.90
    assert published.ok_precision >= 0.95
    old, _ = figures["old/this tree"]
    assert old.refused == 0 and old.unrelated_refused == old.unrelated
    assert old.f1_one >= 0.98 and old.f1_all >= 0.96 and old.ok_precision >= 0.98
