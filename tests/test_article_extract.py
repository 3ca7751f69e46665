"""Article extraction with furniture rules: the dev set in tests/data/article (gold .sents and
.furniture as in tests/data/align/published/README.md), newsroom rules, malformed rules."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from sajeon.core.model import InputError
from sajeon.formats.article import extract_text, read_article
from sajeon.formats.furniture import bundled_rules, is_tag_list, load_rules, parse_rules

DEV = Path(__file__).parent / "data/article"
KIND = {"title": "heading", "subtitle": "heading", "caption": "caption", "body": "body"}
# The old table page: its byline, buttons, tags and related links sit in table cells beside
# the article's cell, so they go with the page chrome (dropped, not listed).
OUTSIDE_ROOT = {"02-readphp-ko"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[“”]", '"', re.sub(r"[‘’]", "'", text))
    return re.sub(r"\s+", " ", text).strip()


def gold_sentences(path: Path) -> list[tuple[str, str]]:
    sentences = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.split("\n")
        kind = "body"
        if tag := re.match(r"@(title|subtitle|caption) ", lines[0]):
            kind, lines[0] = tag.group(1), lines[0][tag.end() :]
        sentences += [(line, kind) for line in lines]
    return sentences


def cases() -> list[tuple[str, Path, str]]:
    found = []
    for sents in sorted(DEV.glob("*/*.sents")):
        source = next(sents.parent.glob(f"{sents.stem}.*[lt]"))  # .html or .txt
        found.append((sents.parent.name, source, sents.stem))
    return found


@pytest.mark.parametrize(("name", "source", "lang"), cases(), ids=[c[0] for c in cases()])
def test_dev_set_gold_kept_furniture_dropped_and_listed(name, source, lang):
    article = read_article(source, lang, furniture=True)
    paragraphs = [(norm(p.text), p.kind) for p in article.paragraphs]
    gold = gold_sentences(source.with_suffix(".sents"))
    for sentence, kind in gold:
        kinds = [k for text, k in paragraphs if norm(sentence) in text]
        assert kinds == [KIND[kind]], (sentence, kinds)
    # nothing but gold text is kept
    rest = " ".join(text for text, _ in paragraphs)
    for sentence, _ in gold:
        rest = rest.replace(norm(sentence), "", 1)
    assert not rest.strip(), rest
    # every piece of furniture is gone, and listed, in document order
    dropped = [norm(d.text) for d in article.dropped]
    furniture = source.with_suffix(".furniture").read_text(encoding="utf-8").splitlines()
    positions = []
    for piece in map(norm, furniture):
        hits = [i for i, d in enumerate(dropped) if d == piece]
        hits = hits or [i for i, d in enumerate(dropped) if piece in d or d in piece]
        if name not in OUTSIDE_ROOT:
            assert hits, f"not listed: {piece}"
            positions.append(hits[0])
    assert positions == sorted(positions)
    # nothing of the article is listed as dropped
    for sentence, _ in gold:
        assert not any(norm(sentence) in d for d in dropped), sentence
    assert all(d.reason and d.lang == lang for d in article.dropped)


def test_caption_marker_and_credit_are_cut_and_listed_with_reasons():
    article = read_article(DEV / "05-pasted-en/en.txt", "en", furniture=True)
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["FILE PHOTO:"] == "caption marker"
    assert reasons["(Daily NK)"] == "photo credit"
    assert reasons["Image: Daily NK"] == "photo credit"
    assert reasons["fishing chongjin rations fish processing north hamgyong"] == "tag list"
    alt = "Workers unload a small catch at a harbor in North Hamgyong Province"
    assert reasons[alt] == "image alt text repeated above its caption"
    captions = [p.text for p in article.paragraphs if p.kind == "caption"]
    assert captions[1] == "A fishing boat moored in the port of Chongjin."


def test_without_rules_the_reader_keeps_todays_behaviour():
    article = read_article(DEV / "05-pasted-en/en.txt", "en")
    assert article.paragraphs[0].text == "Daily NK" and article.dropped == []


def test_html_boxes_inside_the_article_are_listed_even_without_rules():
    article = read_article(DEV / "03-article-ko/ko.html", "ko")
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["#무산 #휴대전화 #보위부"] == "tag list"
    assert reasons["관련기사"] == "related articles"
    assert reasons["카카오톡"] == "share or print buttons"


def test_tag_list_is_a_short_line_of_lowercase_keywords():
    assert is_tag_list("border guards hyesan smuggling", "en")
    assert is_tag_list("#혜산 #밀수", "ko") is False  # two words: too short to be sure
    assert is_tag_list("#혜산 #밀수 #국경", "ko")
    assert not is_tag_list("the guards took money from them.", "en")
    assert not is_tag_list("Border guards in Hyesan", "en")


def test_a_newsroom_rule_in_sajeon_toml_takes_effect(tmp_path):
    page = tmp_path / "en.txt"
    page.write_text(
        "Rice prices rise in Hyesan\n\nEXAMPLE TIMES WIRE SERVICE\n\n"
        "Rice prices rose again in Hyesan this week.\n",
        encoding="utf-8",
    )
    assert "EXAMPLE TIMES WIRE SERVICE" in [
        p.text for p in read_article(page, "en", furniture=True).paragraphs
    ]
    (tmp_path / "sajeon.toml").write_text(
        '[furniture]\ndisable = ["tag list"]\n\n[[furniture.rule]]\n'
        "name = \"Example Times wire label\"\nline = 'example times wire service'\n",
        encoding="utf-8",
    )
    rules = load_rules(tmp_path)
    article = read_article(page, "en", furniture=rules)
    assert [p.text for p in article.paragraphs] == [
        "Rice prices rise in Hyesan",
        "Rice prices rose again in Hyesan this week.",
    ]
    assert [(d.text, d.reason) for d in article.dropped] == [
        ("EXAMPLE TIMES WIRE SERVICE", "Example Times wire label")
    ]
    assert not rules.enabled("tag list")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[furniture.rule]]\nname = \"x\"\nline = '(unclosed'\n",
         r"rule 1 \('x'\): line is not a valid regular expression"),
        ("[[furniture.rule]]\nline = 'abc'\n", r"rule 1: needs a name"),
        ("[[furniture.rule]]\nname = \"x\"\nline = 'a'\nend = 'b'\n",
         r"needs exactly one of line, start, end"),
        ("[[furniture.rule]]\nname = \"x\"\nline = 'a'\nlanguage = 'ko'\n",
         r"unknown key 'language'"),
        ("[furniture\n", r"not valid TOML"),
        ("furniture = 3\n", r"'furniture' must be a \[furniture\] table"),
    ],
)  # fmt: skip
def test_a_malformed_rules_file_gives_a_one_line_error(tmp_path, content, message):
    (tmp_path / "sajeon.toml").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        load_rules(tmp_path)
    assert "\n" not in str(raised.value) and "sajeon.toml" in str(raised.value)


def test_bundled_rules_have_names_and_compile():
    rules = bundled_rules()
    assert len(rules.rules) > 20 and all(r.name for r in rules.rules)
    with pytest.raises(InputError, match=r"furniture\.toml: rule 1"):
        parse_rules("[[rule]]\nname = 'x'\nstart = '['\n", "furniture.toml")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("2025-04-22T15:12:05+09:00", "date line"),
        ("22.04.2025", "date line"),
        ("2025년 4월 22일 오후 3:12:05", "date line"),
        ("오후 3:12:05", "date line"),
        ("[2025.04.22]", "date line"),
        ("April 22, 2025", "date line"),
        ("Updated: Tue, 22 April 2025 3:12 pm KST", "date line"),
        ("입력 2025.04.22 15:12 | 수정 2025.04.22 16:00", "date line"),
        ("Subscribe | Archive | Log in | Contact", "toolbar"),
        ("인쇄 | 이메일 | 글자크기 | 목록 | 스크랩 | 공유", "share or print buttons"),
        ("Hyesan -3.5°C Monday, Jan. 6, 2025", "weather widget"),
        ("2025년 4월 22일 화요일 서울 맑음 15도", "weather widget"),
        ("By 강미진 기자", "byline"),
        ("[데일리NK 강미진 기자]", "byline"),
        ("By Kang Mi-jin | Daily NK", "byline"),
        ("mjkang@example.org", "e-mail address"),
        ("Have a tip or a question? Write to tips@example.org", "contact line"),
        ("■ 관련기사", "related articles"),
        ("You might also like", "related articles"),
        ("News > North Korea > Economy", "breadcrumb"),
    ],
)  # fmt: skip
def test_furniture_lines_in_common_formats(line, reason):
    rules = [r for r in bundled_rules().rules if r.place == "line"]
    assert next(r.name for r in rules if r.pattern.fullmatch(line)) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Temperatures fell to -20°C in Hyesan on Tuesday, the source said.",
        "기온이 영하 20℃까지 떨어지면서 땔감 값이 올랐다.",
        "On April 22, 2025, the market was closed for the day.",
        "The source, who asked not to be named, wrote to us by e-mail at 3:12 pm.",
        "The broker said: “Call me at 10:30 | not before.”",
        "혜산시 소식통은 22일 데일리NK에 “단속이 심해졌다”고 전했다.",
        "Border guards in Hyesan told to report every phone call",
    ],
)
def test_sentences_of_an_article_match_no_line_rule(line):
    rules = [r for r in bundled_rules().rules if r.place == "line"]
    assert [r.name for r in rules if r.pattern.fullmatch(line)] == []


def _kept(text: str, lang: str) -> list[str]:
    return [p.text for p in extract_text(text, lang, bundled_rules()).paragraphs]


def test_context_rules_spare_the_headline_and_sub_headline():
    # a headline or sub-headline directly above a caption is not alt text
    text = "혜산 장마당 쌀값 또 올라\n\n[사진] 혜산시의 장마당. /사진=데일리NK\n\n쌀값이 올랐다."
    assert _kept(text, "ko")[0] == "혜산 장마당 쌀값 또 올라"
    text = (
        "Rice prices rise in Hyesan\nTraders blame the border closure\n"
        "[Photo] A market in Hyesan.\nRice prices rose again this week."
    )
    assert _kept(text, "en")[:2] == [
        "Rice prices rise in Hyesan",
        "Traders blame the border closure",
    ]
    # a "related" box before the article does not swallow its headline
    text = "Related articles\nRice prices rise in Hyesan\nRice prices rose again this week."
    assert _kept(text, "en") == ["Rice prices rise in Hyesan", "Rice prices rose again this week."]
    # a short line is a section label only before a headline
    text = "Hyesan crackdown\nRice prices rose again this week."
    assert _kept(text, "en")[0] == "Hyesan crackdown"


def test_teasers_end_where_the_text_resumes():
    text = (
        "Rice prices rise in Hyesan\nRice prices rose again this week.\nRead more\n"
        "Hyesan traders fined\nCorn prices steady\nTraders expect more increases in June.\n"
        "A second market closed early"
    )
    assert _kept(text, "en")[-2:] == [
        "Traders expect more increases in June.",
        "A second market closed early",
    ]


def test_a_newsroom_rule_can_use_the_bundled_fragments(tmp_path):
    (tmp_path / "sajeon.toml").write_text(
        "[furniture.fragment]\nwire = 'example wire'\n\n[[furniture.rule]]\n"
        "name = \"wire dateline\"\nline = '{{wire}}\\s*{{day}}'\n",
        encoding="utf-8",
    )
    rule = load_rules(tmp_path).rules[-1]
    assert rule.pattern.fullmatch("EXAMPLE WIRE 2025.04.22")
    (tmp_path / "sajeon.toml").write_text(
        "[[furniture.rule]]\nname = \"x\"\nline = '{{nothing}}'\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"unknown fragment \{\{nothing\}\}"):
        load_rules(tmp_path)
