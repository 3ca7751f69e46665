"""The batch form of the search documents (``search.gram_docs``, used when many segments
are stored at once) must give exactly what ``search.gram_doc`` gives for each document:
the search index, and so every search result, depends on it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sajeon.storage.search import gram_doc, gram_docs
from sajeon.storage.store import segment_documents

# Characters where folding or classing is delicate: Hangul syllables and jamo (also
# half-width and circled forms that NFKC turns into jamo), CJK and kana, full-width and
# accented Latin, combining marks, characters whose case folding is longer (ß, İ, ŉ),
# ligatures, astral letters and ideographs, other digits, spaces, punctuation, the
# underscore, the private-use character the index uses as a word break, and controls.
ALPHABET = (
    "국가보위성에서군북도성밀탐사진 "
    "\u1100\u1161\u11a8\u3131\u314f\uffa1\uffc2\u3260\u326e\u3200"
    "漢字朝鮮ひらがなカタカナ\uf900"
    "ABCxyzÉéàÖøÆ\u0301\u0308ＡＢｃ１２ßİŉﬁ"
    "\U0001d400\U0001d7d8\U00020000\U0001f600٣४"
    " \u00a0\u3000\t\n.,!?'\"-_()[]\ue000\x01\x02"
)
texts = st.text(alphabet=ALPHABET, max_size=40)


def _expected(docs):
    single = [gram_doc(*texts) for texts in docs]
    return [d.uni for d in single], [d.bi for d in single], [d.latin for d in single]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(texts, st.one_of(st.none(), texts)), min_size=1, max_size=12))
def test_batch_documents_equal_single_documents(docs):
    assert gram_docs(docs) == _expected(docs)


def test_batch_documents_of_newsroom_sentences():
    docs = [
        ("국가보위성은 혜산시에서 단속을 강화했다.", "The Ministry of State Security stepped up…"),
        ("보위부가  밀수꾼 3명을 체포했다고 소식통이 전했다.", "Three smugglers were arrested."),
        ("북한", "North Korea"),
        ("군", "county"),
        ("", "only English, no Korean"),
        ("ＡＢＣ 방송", None),
        ("Müller가 평양에 갔다", "Müller went to Pyongyang"),
        ("a\0b", "a NUL: handled one by one"),
        ("온성군 보위부는\u3000주민을", "Onsong County MSS"),
        ("군(郡) 안전부와 남조선(남한) 상품", "a gloss in brackets: made by gram_doc"),
        ("보위부", "보위부"),  # the two texts' runs stay apart
    ]
    assert gram_docs(docs) == _expected(docs)
    uni, bi, latin = gram_docs(docs[:1])
    assert uni[0].split() == sorted(set("국가보위성은혜산시에서단속을강화했다"))
    # Words separated by spaces only are one run: the bigram 은혜 spans the space.
    assert bi[0].startswith("국가 가보 보위 위성 성은 은혜 혜산 산시 시에 에서 서단 ")
    assert bi[0].endswith(" 화했 했다 \ue000") and bi[0].count("\ue000") == 1
    assert latin[0] == "the ministry of state security stepped up"


def test_documents_of_many_stored_segments_come_in_order():
    # what the store computes for a large batch of rows (a thousand at a time): every
    # row's documents, in the rows' order, across the chunk boundaries
    rows = [
        (f"k{i}", "ko", "en", f"{i}번 주민이 장마당에서 쌀을 샀다", f"Resident {i} bought rice.")
        for i in range(2345)
    ]
    docs = [(row[3], row[4]) for row in rows]
    assert segment_documents(rows) == _expected(docs)
    assert segment_documents(rows[:10]) == _expected(docs[:10])


def test_spaces_and_glosses_in_the_bigram_column():
    def bigrams(text: str) -> list[str]:
        return gram_doc(text).bi.split()

    # a space between Korean words is read through, punctuation or a Latin word is not
    assert bigrams("온성군 보위부") == ["온성", "성군", "군보", "보위", "위부", "\ue000"]
    assert bigrams("온성군, 보위부") == ["온성", "성군", "\ue000", "보위", "위부", "\ue000"]
    assert bigrams("보위 MSS 부") == ["보위", "\ue000"]
    # a gloss: the term without it, then the gloss with the word after it
    assert " ".join(bigrams("군(郡) 안전부")) == "군안 안전 전부 \ue000 郡안 안전 전부 \ue000"
    assert " ".join(bigrams("남조선(남한) 상품을")).split(" \ue000 ") == [
        "남조 조선 선상 상품 품을",
        "남한 한상 상품 품을 \ue000",
    ]
    # a bracket after a space or a long aside is no gloss
    assert bigrams("보위부 (MSS) 요원") == ["보위", "위부", "\ue000", "요원", "\ue000"]
    assert "부요" not in bigrams("보위부(이 기관은 2016년에 이름을 바꾸었다) 요원")
    # the texts of one document stay apart
    assert gram_doc("보위", "부서").bi.split() == ["보위", "\ue000", "부서", "\ue000"]
