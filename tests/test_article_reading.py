"""Reading articles: plain text (BOM, CRLF, wrapping) and HTML pages (body only)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sajeon.alignment.goldlinks import read_sents
from sajeon.core.model import InputError
from sajeon.core.sentences import split_sentences
from sajeon.formats.article import read_article

PAIRS = Path(__file__).parent / "data/align/pairs"


def sentences_of(path: Path, lang: str) -> list[str]:
    return [s.text for s in split_sentences(read_article(path, lang).paragraphs, lang)]


@pytest.mark.parametrize("article", sorted(p.name for p in PAIRS.iterdir()))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_running_text_splits_into_the_gold_sentences(article, lang):
    gold = [s.text for s in read_sents(PAIRS / article / f"{lang}.sents", lang)]
    assert sentences_of(PAIRS / article / f"{lang}.txt", lang) == gold


def test_bom_and_crlf_text():
    path = PAIRS / "07-kimchaek-struggle-session/ko.txt"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    article = read_article(path, "ko")
    assert article.paragraphs[0].text.startswith("김책시서")  # no BOM left
    assert all("\r" not in p.text for p in article.paragraphs)


@pytest.mark.parametrize("article", ["02-hyesan-rice-prices", "08-ryanggang-gold-theft"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_html_body_only(article, lang):
    """h1, the figcaption (as a caption) and the article's <p>; no menu, aside or footer."""
    gold = [s.text for s in read_sents(PAIRS / article / f"{lang}.sents", lang)]
    gold = [re.sub(r"^\[(사진|Photo)\] ", "", s) for s in gold]  # the page has no marker
    page = read_article(PAIRS / article / f"{lang}.html", lang)
    sentences = split_sentences(page.paragraphs, lang)
    assert [s.text for s in sentences] == gold
    assert [s.kind for s in sentences[:3]] == ["heading", "caption", "body"]
    text = " ".join(p.text for p in page.paragraphs)
    for boilerplate in (
        "Subscribe",
        "구독",
        "Related",
        "관련 기사",
        "fictional",
        "Privacy",
        "dataLayer",
    ):
        assert boilerplate not in text
    assert page.url and page.url.startswith("https://example.org/")
    assert page.title == gold[0]


def test_html_with_br_paragraphs_and_no_article_element(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>t</title></head><body><nav>홈 | 정치</nav>"
        "<h1>혜산 쌀값 급등</h1>"
        '<div class="news_body">혜산시 쌀값이 올랐다. 주민들이 힘들어한다.<br><br>'
        '소식통은 "먹고살기 힘들다"고 말했다.<br>'
        '<span class="caption">▲ 혜산 장마당. /사진=데일리NK</span></div>'
        '<div class="related">다른 기사</div><footer><p>저작권</p></footer></body></html>',
        encoding="utf-8",
    )
    article = read_article(page, "ko")
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("heading", "혜산 쌀값 급등"),
        ("body", "혜산시 쌀값이 올랐다. 주민들이 힘들어한다."),
        ("body", '소식통은 "먹고살기 힘들다"고 말했다.'),
        ("caption", "▲ 혜산 장마당. /사진=데일리NK"),
    ]


def test_hard_wrapped_text_is_joined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text(
        "Hyesan rice prices jump\n\nRice prices at markets in Hyesan have jumped\n"
        "by more than 30% in a month.\n\nCorn prices rose over the same period\n"
        "from 3,100 won to 3,900 won.\n",
        encoding="utf-8",
    )
    texts = [p.text for p in read_article(path, "en").paragraphs]
    assert texts == [
        "Hyesan rice prices jump",
        "Rice prices at markets in Hyesan have jumped by more than 30% in a month.",
        "Corn prices rose over the same period from 3,100 won to 3,900 won.",
    ]


def test_one_paragraph_per_line_without_blank_lines(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("제목\n첫 문단이다.\n둘째 문단이다.\n", encoding="utf-8")
    assert [p.text for p in read_article(path, "ko").paragraphs] == [
        "제목", "첫 문단이다.", "둘째 문단이다."
    ]  # fmt: skip


def test_wrong_encoding_names_the_file_and_suggests_cp949(tmp_path):
    path = tmp_path / "ko.txt"
    path.write_bytes("북한 당국이 국경 경비를 강화했다.\n".encode("cp949"))
    with pytest.raises(InputError, match=r"ko\.txt:1: not valid UTF-8.*--encoding cp949"):
        read_article(path, "ko")
    article = read_article(path, "ko", encoding="cp949")
    assert article.paragraphs[0].text == "북한 당국이 국경 경비를 강화했다."


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        read_article(path, "ko")


def test_empty_file_has_no_paragraphs(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"\xef\xbb\xbf\r\n  \r\n")
    assert read_article(path, "en").paragraphs == []


def test_decomposed_hangul_is_normalised(tmp_path):
    import unicodedata

    path = tmp_path / "ko.txt"
    text = "국가보위성이 주민들을 조사했다."
    path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    assert read_article(path, "ko").paragraphs[0].text == text
