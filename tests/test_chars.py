"""Invisible characters, control characters and length limits (issue 15; the rules are in
docs/input-rules.md): refused in data at every door (tests/badinput/cases_chars.py tries
them there), read through by search, lookup and term recognition."""

from __future__ import annotations

import sys
import unicodedata
from urllib.parse import quote

import pytest

from sajeon import app
from sajeon.core.model import (
    MAX_SEGMENT,
    MAX_TERM,
    InputError,
    Segment,
    Term,
    clean_input,
    clean_text,
)
from sajeon.core.text import INVISIBLE, fold, strip_invisible
from sajeon.storage.store import Store

from .conftest import snapshot
from .dsclient import Client

ZWSP = "\u200b"
HIDDEN = f"국가{ZWSP}보위성"  # looks exactly like 국가보위성
SENTENCE = "체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다."  # in the bundled memory


# ---------------------------------------------------------------------------- the rule


def test_every_format_character_and_the_hangul_fillers_are_invisible():
    format_chars = [
        chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf"
    ]
    assert format_chars and all(INVISIBLE.fullmatch(c) for c in format_chars)
    for filler in "\u115f\u1160\u3164\uffa0":
        assert INVISIBLE.fullmatch(filler)
    # Letters, spaces, punctuation and the emoji variation selector are not.
    for visible in "가A 1.·\u00a0\u3000\ufe0f":
        assert not INVISIBLE.fullmatch(visible)


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u00ad"])
def test_a_term_with_an_invisible_character_is_refused(char):
    with pytest.raises(InputError, match=f"invisible character U\\+{ord(char):04X}"):
        Term("ko", f"국가{char}보위성").cleaned()
    with pytest.raises(InputError, match="invisible character"):
        Segment("ko", "en", f"보위부{char}는 체포했다.", "The MSS arrested them.").cleaned()


def test_the_hangul_filler_is_refused_though_printable():
    assert "\u3164".isprintable()
    with pytest.raises(InputError, match="U\\+3164 HANGUL FILLER"):
        clean_text("국가\u3164보위성", "term")


def test_length_limits_of_a_term_and_a_segment():
    assert Term("ko", "가" * MAX_TERM).cleaned().text == "가" * MAX_TERM
    with pytest.raises(InputError, match=f"is {MAX_TERM + 1} characters long; the limit is"):
        Term("ko", "가" * (MAX_TERM + 1)).cleaned()
    # Surrounding spaces are not counted: the limit is on the text kept.
    assert Term("en", " " + "x" * MAX_TERM + " ").cleaned().text == "x" * MAX_TERM
    long = "가" * MAX_SEGMENT
    assert Segment("ko", "en", long, "x").cleaned().source == long
    with pytest.raises(InputError, match=f"is {MAX_SEGMENT + 1:,} characters long"):
        Segment("ko", "en", long + "가", "x").cleaned()
    with pytest.raises(InputError, match="target text"):
        Segment("ko", "en", "가", "x" * (MAX_SEGMENT + 1)).cleaned()


def test_clean_input_reads_through_invisible_and_refuses_controls():
    assert clean_input(f"{HIDDEN}에서\t지시\n", "TEXT") == "국가보위성에서\t지시\n"
    with pytest.raises(InputError, match=r"^article.txt:2: control character U\+001B"):
        clean_input("첫 줄\n둘째 \x1b[31m줄", "article.txt", lines=True)
    with pytest.raises(InputError, match=r"a byte that is not UTF-8 \(0xFF\)"):
        clean_input("국가\udcff보위성", "TEXT")
    with pytest.raises(InputError, match=r"^TEXT is empty$"):
        clean_input("", "TEXT")
    with pytest.raises(InputError, match=r"^TEXT is empty \(only whitespace\)$"):
        clean_input(f" {ZWSP}\n", "TEXT")


def test_fold_reads_through_invisible_characters():
    assert fold(HIDDEN) == fold("국가보위성")
    assert fold("Ministry\u00adof\u200b State") == "ministryof state"
    assert strip_invisible("국가보위성") == "국가보위성"


# ---------------------------------------------------------------------------- search


def test_store_search_treats_invisible_characters_as_absent(bundled_project):
    with Store(bundled_project.db_path) as store:
        plain = store.search_terms("국가보위성")
        assert plain[0].text == "국가보위성"
        for query in (
            HIDDEN,
            "\u202e국가보위성\u202c",
            "\ufeff국가보위성",
        ):
            assert store.search_terms(query) == plain, query
        particle = store.search_terms("국가보위성에서")
        assert store.search_terms(f"국가보위성{ZWSP}에서") == particle
        segments = store.search_segments("온성군 보위부")
        assert segments
        assert store.search_segments(f"온성군{ZWSP} 보{ZWSP}위부") == segments


def test_lookup_and_terms_read_through_invisible_characters(bundled_project, sajeon):
    hidden = SENTENCE.replace("보위부", f"보{ZWSP}위\u200d부")
    exact = app.lookup(bundled_project, SENTENCE).matches[0]
    assert exact.exact
    assert app.lookup(bundled_project, hidden).matches[0] == exact
    result = sajeon("lookup", hidden, "--json")
    assert '"exact": true' in result.output
    plain = sajeon("terms", "국가보위성에서 지시했다.").output
    assert sajeon("terms", f"{HIDDEN}에서 지시했다.").output == plain
    assert sajeon("terms", "-", input=f"\ufeff{HIDDEN}에서 지시했다.").output == plain
    assert sajeon("term", "search", HIDDEN).output == sajeon("term", "search", "국가보위성").output
    assert sajeon("romanize", f"회령{ZWSP}시").output == sajeon("romanize", "회령시").output


def test_no_second_concept_that_looks_like_the_first(sajeon, bundled_project):
    before = snapshot(bundled_project)
    result = sajeon("term", "add", HIDDEN, "Ministry of State Security", "--new-concept", ok=False)
    assert "invisible character U+200B ZERO WIDTH SPACE at character 3" in result.output
    assert result.exit_code == 1
    assert snapshot(bundled_project) == before


@pytest.fixture
def client(bundled_project):
    client = Client([bundled_project.db_path])
    yield client
    client.close()


def test_datasette_search_treats_invisible_characters_as_absent(client):
    def terms(query: str) -> list[str]:
        return [h["text"] for h in client.json(f"/sajeon/-/search.json?q={quote(query)}")["terms"]]

    def concordance(query: str) -> list[str]:
        data = client.json(f"/sajeon/-/concordance.json?q={quote(query)}")
        return [r["source"] for r in data["segments"]]

    assert terms(HIDDEN) == terms("국가보위성") and terms(HIDDEN)[0] == "국가보위성"
    assert terms("\u2066보위\u2069") == terms("보위")
    assert concordance(f"보{ZWSP}위부") == concordance("보위부") != []
    data = client.json(f"/sajeon/terms.json?_search={quote(HIDDEN)}&_shape=array")
    assert "국가보위성" in [row["text"] for row in data]


def test_datasette_pasted_text_reads_through_invisible_characters(client):
    hidden = SENTENCE.replace("보위부", f"보{ZWSP}위부")
    match = client.json(f"/sajeon/-/match.json?text={quote(hidden)}")
    assert match["sentences"][0]["matches"][0]["exact"]
    found = client.json(f"/sajeon/-/terms.json?text={quote(hidden)}")
    plain = client.json(f"/sajeon/-/terms.json?text={quote(SENTENCE)}")
    assert [t["concept_id"] for t in found["terms"]] == [t["concept_id"] for t in plain["terms"]]
