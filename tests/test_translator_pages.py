"""The browser for a working translator (issue 9), through Datasette's own test client:
whole articles pasted into Terms in text and Fuzzy match (POST, with Datasette's CSRF
protection), result counts, the concept page's translations, the home page, the compact
search view and the search page's pointer to Terms in text."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote, urlencode

import pytest

from sajeon.storage.store import Store
from sajeon.web.datasette_plugin import COMPACT_OVER, MAX_TEXT, MAX_URL_TEXT

from .dsclient import Client
from .sample_article import SENTENCES, article
from .test_datasette import db_state
from .test_tm_pages import visible


@pytest.fixture
def client(bundled_project):
    client = Client([bundled_project.db_path])
    yield client
    client.close()


def csrf(client: Client, page: str) -> tuple[dict, str]:
    """The cookie and the form token a browser gets with the page's form."""
    response = client.get(f"/sajeon/-/{page}")
    token = re.search(r'name="csrftoken" value="([^"]+)"', response.text).group(1)
    return {"ds_csrftoken": response.cookies["ds_csrftoken"]}, token


def post_form(client: Client, page: str, fields: dict):
    cookies, token = csrf(client, page)
    return client.post(f"/sajeon/-/{page}", data={**fields, "csrftoken": token}, cookies=cookies)


def without(items: list[dict], *keys: str) -> list[dict]:
    return [{k: v for k, v in item.items() if k not in keys} for item in items]


# ---------------------------------------------------------------------------- whole articles


def test_pasted_article_gets_all_its_terms(client, sajeon, tmp_path):
    """A 3,000-character article posted through the page's form: every term that
    ``sajeon terms`` finds in the same text, highlighted, listed and counted."""
    text = article(3000)
    assert len(text) >= 3000 and len(text) > MAX_URL_TEXT
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    cli = json.loads(sajeon("terms", str(path), "--json").output)["terms"]
    assert len(cli) > 150
    # The browser sends line breaks as CRLF.
    response = post_form(client, "terms", {"text": text.replace("\n", "\r\n")})
    assert response.status_code == 200
    page = response.text
    shown = page.split('<div class="sajeon-text"')[1].split("</div>")[0]
    assert shown.count("<mark") == len(cli)
    concepts = len({t["concept_id"] for t in cli})
    assert f"{len(cli)} terms of {concepts} concepts" in page
    found_table = page.split('<table class="sajeon-terms sajeon-found')[1].split("</table>")[0]
    assert found_table.count("<tr") == len(cli) + 1
    # The text goes back into the form whole, with its length.
    assert html.escape(text, quote=False) in html.unescape(page).replace("\r\n", "\n") or (
        text in html.unescape(page)
    )
    assert f'<span class="sajeon-count">{len(text):,}</span>' in page
    # The same from the JSON API, posted (no cookie: no CSRF token needed) …
    data = client.post("/sajeon/-/terms.json", data={"text": text}).json()
    assert without(data["terms"], "concept_url") == cli
    assert (data["count"], data["concepts"], data["length"]) == (len(cli), concepts, len(text))
    # … and in the URL, where it fits.
    assert (
        without(client.json(f"/sajeon/-/terms.json?text={quote(text)}")["terms"], "concept_url")
        == cli
    )


def test_post_without_the_csrf_token_is_refused(client):
    cookies, _ = csrf(client, "terms")
    response = client.post(
        "/sajeon/-/terms", data={"text": "국가보위성에서 조사했다."}, cookies=cookies
    )
    assert response.status_code == 403
    response = client.post(
        "/sajeon/-/terms",
        data={"text": "국가보위성에서 조사했다.", "csrftoken": "forged"},
        cookies=cookies,
    )
    assert response.status_code == 403


def test_posting_a_text_reads_and_never_writes(client, bundled_project):
    before = db_state(bundled_project)
    for page in ("terms", "match"):
        response = post_form(client, page, {"text": article(3000), "sql": "DELETE FROM terms"})
        assert response.status_code == 200
    assert db_state(bundled_project) == before


@pytest.mark.parametrize("page", ["terms", "match"])
def test_too_long_a_text_keeps_the_form(client, page):
    text = "국가보위성에서 " * (MAX_TEXT // 8) + "가" * 20
    assert len(text) > MAX_TEXT
    response = post_form(client, page, {"text": text})
    assert response.status_code == 400
    body = html.unescape(response.text)
    assert f"text must be at most {MAX_TEXT:,} characters, not {len(text):,}" in body
    assert f"shorten it by {len(text) - MAX_TEXT:,}" in body
    assert '<p class="sajeon-error" role="alert">' in response.text
    # The form, the text (to shorten) and the navigation are all there.
    assert '<textarea id="sajeon-text" name="text"' in response.text
    assert text in body
    assert 'class="sajeon-length sajeon-too-long"' in response.text
    assert '<nav class="sajeon-nav"' in response.text
    response = client.post(f"/sajeon/-/{page}.json", data={"text": text})
    assert response.status_code == 400
    assert f"at most {MAX_TEXT:,} characters" in response.json()["error"]


def test_fuzzy_match_shows_matches_per_sentence(client, sajeon):
    text = article(3000)
    response = client.post("/sajeon/-/match.json", data={"text": text})
    assert response.status_code == 200
    data = response.json()
    sentences = data["sentences"]
    assert len(sentences) == 4 * text.count("\n") + 4  # four sentences a paragraph
    for sentence in sentences:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]
    matched = [s for s in sentences if s["matches"]]
    assert matched and len(matched) < len(sentences)
    # Each sentence's matches are sajeon lookup's for that sentence.
    for sentence in matched[:3] + [s for s in sentences if not s["matches"]][:2]:
        cli = json.loads(sajeon("lookup", sentence["text"], "--json").output)
        assert without(sentence["matches"], "segment_url") == cli["matches"]
    first = next(s for s in sentences if s["text"] == SENTENCES[0])
    assert {m["percent"] for m in first["matches"]} == {90}
    assert data["count"] == len(data["matches"]) == sum(s["count"] for s in sentences)
    assert {m["sentence"] for m in data["matches"]} == {
        i for i, s in enumerate(sentences) if s["matches"]
    }
    # The page: one block per sentence, numbered, its matches below it.
    page = post_form(client, "match", {"text": text}).text
    assert page.count('<section class="sajeon-sentence') == len(sentences)
    assert f"{data['count']} matches for {len(matched)} of {len(sentences)} sentences" in page
    block = page.split('<section class="sajeon-sentence">')[1].split("</section>")[0]
    assert SENTENCES[0] in block
    assert '<mark class="sajeon-diff">온성군</mark>' in block
    # Too long for a link: the terms page is offered as a form with the same text.
    aside = page.split('<p class="sajeon-aside">')[1].split("</p>")[0]
    assert 'method="post"' in aside and "Glossary terms in this text" in aside


def test_a_long_text_is_not_put_in_links(client):
    long_text = article(MAX_URL_TEXT + 1)
    page = post_form(client, "terms", {"text": long_text}).text
    assert '<link rel="alternate" type="application/json"' not in page
    assert "send the same form to" in page
    short = post_form(client, "terms", {"text": "국가보위성에서 조사했다."}).text
    json_url = "/sajeon/-/terms.json?" + urlencode({"text": "국가보위성에서 조사했다."})
    assert html.escape(json_url) in short


# ---------------------------------------------------------------------------- counts


def test_every_list_has_its_count(client, bundled_project):
    with Store(bundled_project.db_path) as store:
        for query in ("보위", "군", "국가보위성에서", "smuggling"):
            everything = client.json(f"/sajeon/-/search.json?q={quote(query)}&size=1000")
            count = everything["count"]
            assert count["terms"] == len(everything["terms"])
            assert count["concepts"] == len({t["concept_id"] for t in everything["terms"]})
            segments = store.search_segments(query, limit=10_000)
            assert count["segments"] == len(segments), query
            assert count["exact"] is True
            data = client.json(f"/sajeon/-/concordance.json?q={quote(query)}&size=2")
            assert data["count"] == len(segments) and data["count_exact"] is True
    page = client.get(f"/sajeon/-/search?q={quote('보위')}").text
    count = client.json(f"/sajeon/-/search.json?q={quote('보위')}")["count"]
    assert f"{count['terms']} terms of {count['concepts']} concepts" in page
    assert f"{count['segments']} translations contain" in page
    page = client.get(f"/sajeon/-/concordance?q={quote('보위부')}&size=5").text
    assert "12 translations contain" in visible(page) and "1–5 here" in page
    page = client.get(f"/sajeon/-/match?text={quote(SENTENCES[0])}").text
    assert "2 matches (75% or more)" in page


# ---------------------------------------------------------------------------- concept page


def test_concept_page_shows_translations_of_all_its_terms(client, bundled_project):
    data = client.json("/sajeon/-/concept/ministry-of-state-security.json")
    translations = data["translations"]
    assert translations["terms"] == [
        "국가보위성",
        "보위부",
        "조선민주주의인민공화국 국가보위성",
        "국가안전보위부",
    ]
    with Store(bundled_project.db_path) as store:
        want = {
            h.id for text in translations["terms"] for h in store.search_segments(text, limit=1000)
        }
    assert translations["count"] == len(want) >= 12
    shown = translations["segments"]
    assert len(shown) == 10 and {s["id"] for s in shown} <= want
    assert [s["date"] for s in shown] == sorted((s["date"] for s in shown), reverse=True)
    # Both 국가보위성 and 보위부 pairs are among them, the terms marked.
    assert any("국가보위성" in s["source"] for s in shown)
    assert any("보위부" in s["source"] and "국가보위성" not in s["source"] for s in shown)
    for s in shown:
        assert any(kind == "term" for _, _, kind in s["source_highlights"])
    page = client.get("/sajeon/-/concept/ministry-of-state-security").text
    assert f"{len(want)} translations in the memory use" in page
    assert page.count("<tr>", page.index("Recent translations")) == 1 + 10  # head, rows
    assert '<mark class="sajeon-term">보위부</mark>' in page


def test_concept_page_copy_buttons_and_no_emoji_marker(client):
    page = client.get("/sajeon/-/concept/ministry-of-social-security").text
    assert "⛔" not in page
    assert re.search(r'sajeon-status-forbidden"[^>]*><svg class="sajeon-icon"', page)
    assert (
        '<button type="button" class="sajeon-copy" data-copy="Ministry of Social Security"' in page
    )
    assert 'data-copy="사회안전성"' in page
    # Only preferred terms get one.
    assert 'data-copy="인민보안성"' not in page


# ---------------------------------------------------------------------------- home page


def test_home_page_shows_sajeon_and_its_figures(client, bundled_project):
    page = client.get("/").text
    with Store(bundled_project.db_path) as store:
        counts = store.counts()
    for noun, key in (
        ("concepts", "concepts"),
        ("terms", "terms"),
        ("translated segments", "segments"),
    ):
        assert f"<strong>{counts[key]:,}</strong> {noun}" in page
    for href, label in (
        ("/sajeon/-/search", "Search"),
        ("/sajeon/-/terms", "Terms in text"),
        ("/sajeon/-/match", "Fuzzy match"),
        ("/sajeon/-/concordance", "Concordance"),
        ("/sajeon", "tables"),
    ):
        assert f'<a href="{href}">{label}</a>' in page
    assert "hidden table" not in page and "rows in" not in page
    assert 'action="/sajeon/-/search"' in page
    # Datasette's JSON of the instance is still there.
    assert "sajeon" in client.json("/.json")


def test_home_page_of_a_mixed_instance_is_datasettes(bundled_project, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE notes (text TEXT)").connection.close()
    client = Client([bundled_project.db_path, other])
    try:
        page = client.get("/").text
        assert 'href="/other"' in page and "translated segments" not in page
    finally:
        client.close()


# ---------------------------------------------------------------------------- search page


def test_short_query_gives_one_line_per_concept(client):
    data = client.json(f"/sajeon/-/search.json?q={quote('군')}")
    concepts = {t["concept_id"] for t in data["terms"]}
    assert len(concepts) > COMPACT_OVER
    page = client.get(f"/sajeon/-/search?q={quote('군')}").text
    assert '<ol class="sajeon-compact">' in page and "sajeon-card" not in page
    items = page.split('<ol class="sajeon-compact">')[1].split("</ol>")[0].count("<li>")
    assert items == len(concepts)
    assert 'data-copy="county"' in page  # the English, ready to copy
    cards = client.get(f"/sajeon/-/search?q={quote('군')}&view=cards").text
    assert cards.count('<li class="sajeon-card">') == len(concepts)
    assert "view=compact" in cards
    # A query with a few concepts keeps the cards.
    few = client.get(f"/sajeon/-/search?q={quote('국가보위성')}").text
    assert '<li class="sajeon-card">' in few and 'class="sajeon-compact"' not in few
    assert client.get("/sajeon/-/search?q=x&view=grid").status_code == 400


def test_no_hit_for_a_phrase_points_to_terms_in_text(client):
    phrase = "온성군 보위부가 돈주를 체포했다"
    data = client.json(f"/sajeon/-/search.json?q={quote(phrase)}")
    assert data["terms"] == []
    found = {t["concept_id"] for t in data["terms_in_query"]}
    assert {"onsong-county-mss", "donju"} <= found
    page = client.get(f"/sajeon/-/search?q={quote(phrase)}").text
    suggestion = page.split('<p class="sajeon-suggest">')[1].split("</p>")[0]
    link = html.escape("/sajeon/-/terms?" + urlencode({"text": phrase}))
    assert f'<a href="{link}">See them in <em>Terms in text</em>' in suggestion
    assert "Onsong County MSS" in suggestion
    # The link opens the terms page with the phrase filled in and its terms found.
    terms_page = client.get(html.unescape(link)).text
    assert f">{phrase}</textarea>" in terms_page
    assert '<mark class="sajeon-term">온성군 보위부</mark>' in terms_page
    # A query without terms gets no such pointer.
    page = client.get(f"/sajeon/-/search?q={quote('없는말입니다')}").text
    assert "sajeon-suggest" not in page


def test_terms_in_text_shows_names_the_glossary_lacks(client, sajeon):
    """Issue 13: a county the glossary does not hold is shown apart, with its MR spelling
    as the suggested English, and the page's JSON carries what `sajeon terms --unknown`
    gives."""
    text = "함경북도 새별군 보위부가 주민 2명을 체포했다."
    page = client.get("/sajeon/-/terms?" + urlencode({"text": text}))
    assert page.status_code == 200
    shown = visible(page.text)
    assert "1 name not in the glossary" in shown
    assert "새별군" in shown and "Saebyol County" in shown
    data = client.get("/sajeon/-/terms.json?" + urlencode({"text": text})).json()
    cli = json.loads(sajeon("terms", "--unknown", text, "--json").output)
    assert data["unknown"] == cli["unknown"]
    assert [u["name"] for u in data["unknown"]] == ["새별군"]
