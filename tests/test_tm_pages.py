"""The translation-memory engine's pages in the sajeon Datasette plugin, in a real
Datasette: "Fuzzy match" (/<db>/-/match) and "Terms in text" (/<db>/-/terms) give the
same answers as ``sajeon lookup`` and ``sajeon terms``, with clear errors for bad input."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import unicodedata
from urllib.parse import urlencode

import pytest

from sajeon.web.datasette_plugin import MAX_MATCHES, MAX_TEXT

from .dsclient import Client

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

# Close to two sentences of the bundled memory (온성군 / 무산군 보위부에서 조사를 …).
CLOSE = "체포된 주민들은 현재 회령시 보위부에서 조사를 받고 있다."
# Sentences for the fuzzy match, and whether the bundled memory has matches for them:
# another particle and verb (국가보위성에서 파견된 → 국가보위성이 파견한), a compound
# written without its space (온성군보위부가), decomposed Hangul, a memory sentence itself,
# options, the reverse direction.
MATCH_CASES = [
    ({"text": CLOSE}, True),
    ({"text": "국가보위성이 파견한 검열 성원들이 혜산시에 도착했다."}, True),
    ({"text": "함경북도 온성군보위부가 중국과 불법 통화를 한 주민 5명을 체포했다고 한다."}, True),
    ({"text": NFD(CLOSE)}, True),
    ({"text": "보위부는 사진관 종업원 2명도 조력자로 보고 함께 조사하고 있다."}, True),
    ({"text": CLOSE, "min_score": "91"}, False),
    ({"text": CLOSE, "min_score": "60", "limit": "1"}, True),
    ({"text": "The MSS is investigating him.", "from": "en", "to": "ko"}, False),
]
PARAGRAPH = (
    "함경북도 온성군보위부는 국가보위성에서 내려온 지시에 따라 국가안전보위부 시절 자료를 넘겼다."
)
# Texts for term recognition: compounds (온성군보위부), particles (국가보위성에서,
# 돈주들에게), one-syllable terms that are (각 군에서는, 도 당위원회) and are not (군대,
# 보위부도) the glossary's, a shared syllable (함경북도 보위국), a deprecated name, several
# lines, decomposed Hangul, English with a forbidden abbreviation's homonym.
TERM_CASES = [
    {"text": PARAGRAPH},
    {
        "text": "각 군에서는 도 당위원회 지시로 돈주들에게 돈을 거뒀다. "
        "군대에 간 아들도 보위부도 몰랐다."
    },
    {
        "text": "함경북도 보위국은 인민보안성 시절부터\n안기부 출신 탈북민을 감시했다."
        "\n\n혜산시 장마당"
    },
    {"text": NFD(PARAGRAPH)},
    {"text": "The MSS arrested two defectors in Hyesan.", "from": "en", "to": "ko"},
    {"text": "  국가보위성  "},
]


@pytest.fixture
def client(bundled_project):
    client = Client([bundled_project.db_path])
    yield client
    client.close()


def url(page: str, params: dict, suffix: str = "") -> str:
    return f"/sajeon/-/{page}{suffix}?{urlencode(params)}"


def cli_options(params: dict) -> list[str]:
    names = {"min_score": "--min-score", "limit": "--limit", "from": "--from", "to": "--to"}
    return [x for k, v in params.items() if k != "text" for x in (names[k], v)]


def visible(page_html: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


# ---------------------------------------------------------------------------- fuzzy match


@pytest.mark.parametrize(("params", "found"), MATCH_CASES)
def test_match_page_answers_like_sajeon_lookup(client, sajeon, params, found):
    cli = json.loads(sajeon("lookup", params["text"], *cli_options(params), "--json").output)
    assert bool(cli["matches"]) == found
    data = client.json(url("match", params, ".json"))
    assert data["database"] == "sajeon"
    # date and terms: `lookup --date` only (the names valid then); the page has no date
    own = ("matches", "date", "terms")
    assert {k: data[k] for k in cli if k not in own} == {
        k: v for k, v in cli.items() if k not in own
    }
    # One sentence: its matches are the whole text's, as sajeon lookup gives them.
    assert len(data["sentences"]) == (1 if params["text"].strip() else 0)
    assert [
        {k: v for k, v in m.items() if k != "segment_url"} for m in data["sentences"][0]["matches"]
    ] == cli["matches"]
    assert [{k: v for k, v in m.items() if k != "sentence"} for m in data["matches"]] == data[
        "sentences"
    ][0]["matches"]
    assert data["count"] == len(cli["matches"])
    page = client.get(url("match", params))
    assert page.status_code == 200
    text = visible(page.text)
    for match in data["matches"]:
        assert ("exact" if match["exact"] else f"{match['percent']}%") in text
        assert match["target"] in text
        assert f'<a href="{match["segment_url"]}">segment {match["segment_id"]}</a>' in page.text
        assert client.json(match["segment_url"] + ".json")["rows"][0][4] == match["source"]
    if not found:
        assert "No translation in the memory matches" in text


def test_near_duplicate_from_the_bundled_memory(client):
    """The sentence a translator pastes finds both sentences that differ only in the
    county, at 90%, with the county marked as what differs."""
    data = client.json(url("match", {"text": CLOSE}, ".json"))
    found = {m["target"]: m["percent"] for m in data["matches"]}
    assert found == {
        "The arrested residents are currently being interrogated by the Onsong County MSS.": 90,
        "The arrested residents are currently being interrogated by the Musan County MSS.": 90,
    }
    page = client.get(url("match", {"text": CLOSE})).text
    assert '현재 <mark class="sajeon-diff">온성군</mark> 보위부에서' in page
    assert '현재 <mark class="sajeon-diff">무산군</mark> 보위부에서' in page
    exact = client.get(
        url("match", {"text": "체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다."})
    )
    rows = exact.text.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert '<td class="sajeon-score sajeon-exact">exact</td>' in rows[0]
    assert "sajeon-diff" not in rows[0]
    assert '<mark class="sajeon-diff">무산</mark>군' in rows[1]


def test_match_page_with_nothing_pasted_shows_the_form(client):
    page = client.get("/sajeon/-/match")
    assert page.status_code == 200
    assert '<textarea id="sajeon-text" name="text"' in page.text
    # The limit is said before it bites, and nothing cuts a paste short silently.
    assert "maxlength" not in page.text
    assert f'data-max="{MAX_TEXT}"' in page.text
    assert f"0</span> of at most {MAX_TEXT:,} characters" in page.text
    assert "In the translation memory" not in page.text
    assert client.json("/sajeon/-/match.json?text=+")["matches"] == []


# ---------------------------------------------------------------------------- terms in text


@pytest.mark.parametrize("params", TERM_CASES)
def test_terms_page_answers_like_sajeon_terms(client, sajeon, params):
    # The page also shows names the glossary lacks for a Korean text: `terms --unknown`.
    korean = params.get("from", "ko") == "ko"
    unknown = ["--unknown"] if korean else []
    cli = json.loads(
        sajeon("terms", params["text"], *cli_options(params), *unknown, "--json").output
    )
    assert cli["terms"], "every case has terms"
    data = client.json(url("terms", params, ".json"))
    # One serialiser: the page's JSON is the CLI's, plus the database, links and length.
    assert {k: v for k, v in data.items() if k not in ("database", "length", "terms")} == {
        k: v for k, v in cli.items() if k != "terms"
    }
    assert [{k: v for k, v in t.items() if k != "concept_url"} for t in data["terms"]] == cli[
        "terms"
    ]
    page = client.get(url("terms", params)).text
    # Every term is highlighted once in the text, linked to its term view.
    shown = page.split('<div class="sajeon-text"')[1].split("</div>")[0]
    assert shown.count("<mark") == len(cli["terms"])
    for term in data["terms"]:
        assert f'<a href="{term["concept_url"]}"' in shown
        assert client.get(term["concept_url"]).status_code == 200
    text = visible(page)
    for term in cli["terms"]:
        assert term["translation"] in text
        for warning in term["warnings"]:
            assert f"⚠ {warning}" in text


@pytest.mark.parametrize(
    ("query", "options"),
    [("보위", []), ("국가보위성에서", []), ("state security", []), ("군", ["--lang", "ko"])],
)
def test_search_page_terms_are_sajeon_term_search(client, sajeon, query, options):
    """The search page's term hits and `sajeon term search --json` are one result, from one
    serialiser: the page adds only each hit's link."""
    cli = json.loads(sajeon("term", "search", query, *options, "-n", "20", "--json").output)
    assert cli, "every query finds terms"
    params = {"q": query, "size": "20", **({"lang": options[1]} if options else {})}
    data = client.json(f"/sajeon/-/search.json?{urlencode(params)}")
    assert [{k: v for k, v in t.items() if k != "concept_url"} for t in data["terms"]] == cli
    assert all(t["concept_url"].endswith(t["concept_id"]) for t in data["terms"])


def test_terms_in_a_korean_text(client):
    data = client.json(url("terms", {"text": PARAGRAPH}, ".json"))
    found = [(t["text"], t["suffix"], t["concept_id"], t["status"]) for t in data["terms"]]
    assert found == [
        ("함경북도", "", "north-hamgyong-province", "preferred"),
        ("온성군보위부", "는", "onsong-county-mss", "preferred"),
        ("국가보위성", "에서", "ministry-of-state-security", "preferred"),
        ("국가안전보위부", "", "ministry-of-state-security", "deprecated"),
    ]
    page = client.get(url("terms", {"text": PARAGRAPH})).text
    assert (
        '<a href="/sajeon/-/concept/onsong-county-mss" title="온성군 보위부 → Onsong County MSS">'
        '<mark class="sajeon-term">온성군보위부</mark></a>는'
    ) in page
    assert '<mark class="sajeon-flagged">국가안전보위부</mark>' in page
    assert "⚠ deprecated term: use 국가보위성" in page
    # 군 in 군대 and 도 in 보위부도 are not the county and the province.
    text = "군대에 간 아들도 보위부도 몰랐다."
    concepts = [
        t["concept_id"] for t in client.json(url("terms", {"text": text}, ".json"))["terms"]
    ]
    assert "county" not in concepts and "province" not in concepts


def test_browser_line_ends_count_like_the_cli(client, sajeon):
    """Browsers send a textarea's line breaks as CRLF: positions are as in the text typed."""
    text = "국가보위성은\n각 도 보위국에\n지시를 내렸다."
    cli = json.loads(sajeon("terms", text, "--json").output)["terms"]
    data = client.json(url("terms", {"text": text.replace("\n", "\r\n")}, ".json"))["terms"]
    assert [{k: v for k, v in t.items() if k != "concept_url"} for t in data] == cli
    assert [(t["line"], t["column"]) for t in data] == [(1, 1), (2, 3)]


def test_terms_page_with_nothing_pasted_shows_the_form(client):
    page = client.get("/sajeon/-/terms")
    assert page.status_code == 200
    assert '<textarea id="sajeon-text" name="text"' in page.text
    assert 'sajeon-text" lang' not in page.text
    assert client.json("/sajeon/-/terms.json?text=%0A")["terms"] == []


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("match?text=x&limit=0", "limit must be a positive whole number, not '0'"),
        (f"match?text=x&limit={MAX_MATCHES + 1}", f"limit must be at most {MAX_MATCHES}"),
        ("match?text=x&limit=ten", "limit must be a positive whole number, not 'ten'"),
        ("match?text=x&min_score=101", "min_score must be a number from 30 to 100, not '101'"),
        ("match?text=x&min_score=-5", "min_score must be a number from 30 to 100, not '-5'"),
        ("match?text=x&min_score=nan", "min_score must be a number from 30 to 100, not 'nan'"),
        ("match?text=x&min_score=abc", "min_score must be a number from 30 to 100, not 'abc'"),
        ("match?text=x&from=xx-yy", "from: unknown language tag 'xx-yy'"),
        ("terms?text=x&to=zxx", "to: unknown language tag 'zxx'"),
    ],
)
def test_bad_input_is_a_clear_error(client, path, message):
    page, rest = path.split("?")
    response = client.get(f"/sajeon/-/{page}?{rest}")
    assert response.status_code == 400
    assert message in html.unescape(response.text)
    # A person gets the page with the form as sent, not a bare error page.
    assert '<p class="sajeon-error" role="alert">' in response.text
    assert '<textarea id="sajeon-text" name="text"' in response.text
    response = client.get(f"/sajeon/-/{page}.json?{rest}")
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_longest_text_allowed_is_served(client):
    text = ("국가보위성에서 " * 3000)[:MAX_TEXT]
    response = client.post("/sajeon/-/terms.json", data={"text": text})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == len(data["terms"]) == text.count("국가보위성")
    assert data["length"] == MAX_TEXT


# ---------------------------------------------------------------------------- in the plugin


def test_pages_are_in_navigation_menu_and_home(client):
    for path in ("/sajeon/-/search", "/sajeon/-/match", "/sajeon/-/terms", "/sajeon/-/concordance"):
        page = client.get(path).text
        nav = page.split('<nav class="sajeon-nav"')[1].split("</nav>")[0]
        assert '<a href="/sajeon/-/match"' in nav and ">Fuzzy match</a>" in nav
        assert '<a href="/sajeon/-/terms"' in nav and ">Terms in text</a>" in nav
    assert 'href="/sajeon/-/match" aria-current="page"' in client.get("/sajeon/-/match").text
    # Datasette's menu, on any page.
    index = client.get("/").text
    assert 'href="/sajeon/-/match">sajeon: Fuzzy match' in index
    assert 'href="/sajeon/-/terms">sajeon: Terms in text' in index
    # The database page and the search page point translators to them.
    database = client.get("/sajeon").text
    assert '<a href="/sajeon/-/match">Fuzzy match</a>' in database
    assert '<a href="/sajeon/-/terms">Terms in text</a>' in database
    search = client.get("/sajeon/-/search?q=%EB%B3%B4%EC%9C%84").text
    assert 'href="/sajeon/-/match?text=%EB%B3%B4%EC%9C%84"' in search
    # And to each other, with the same text.
    match = client.get(url("match", {"text": CLOSE})).text
    assert html.escape(url("terms", {"text": CLOSE, "from": "ko", "to": "en"})) in match


def test_pages_use_the_shared_frame(client):
    for path in ("/sajeon/-/match?text=x", "/sajeon/-/terms?text=x"):
        page = client.get(path).text
        assert '<html lang="en">' in page
        assert "/-/sajeon/static/sajeon.css" in page
        json_link = path.replace("?", ".json?")
        assert f'<link rel="alternate" type="application/json" href="{json_link}">' in page
        assert "<style>" not in page  # the shared stylesheet, no page styles


def test_pages_respect_table_permissions(bundled_project):
    client = Client(
        [bundled_project.db_path],
        metadata={"databases": {"sajeon": {"tables": {"segments": {"allow": False}}}}},
    )
    try:
        assert client.get(url("match", {"text": CLOSE})).status_code == 403
        assert client.get(url("terms", {"text": PARAGRAPH})).status_code == 200
    finally:
        client.close()


def test_other_databases_have_no_such_pages(bundled_project, tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE segments (source TEXT)").connection.close()
    client = Client([bundled_project.db_path, other])
    try:
        assert client.get("/other/-/match?text=x").status_code == 404
        assert client.get("/other/-/terms.json?text=x").status_code == 404
        assert client.get("/sajeon/-/match?text=x").status_code == 200
    finally:
        client.close()


def test_pages_escape_what_they_show(client):
    text = "<script>alert(1)</script> 국가보위성"
    for page in ("match", "terms"):
        body = client.get(url(page, {"text": text})).text
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
