"""sajeon in Datasette (issue 3), through Datasette's own test client: the plugin, its
pages, Korean search in the table search box and the JSON API, metadata, read-only."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from urllib.parse import quote

import pytest

from sajeon.web.datasette_plugin import PAGES

from .conftest import snapshot
from .dsclient import Client

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731

# (query, a term it must find): particles, compounds, 1- and 2-syllable queries, English
# in any case, decomposed Hangul.
TERM_CASES = [
    ("보위", "국가보위성"),
    ("보위성", "국가보위성"),
    ("국가보위성에서", "국가보위성"),
    ("탈북", "탈북민"),
    ("군", "군 안전부"),
    ("state security", "Ministry of State Security"),
    ("STATE SECURITY", "Ministry of State Security"),
    ("Ministry", "Ministry of State Security"),
    (NFD("국가보위성"), "국가보위성"),
    (NFD("보위"), "보위부"),
    # spacing other than the term's, both ways, with particles; glosses (issue 9)
    ("온성군보위부", "온성군 보위부"),
    ("온성군보위부에서", "온성군 보위부"),
    ("온성군보위부는", "온성군 보위부"),
    ("국가 보위성", "국가보위성"),
    ("군안전부", "군 안전부"),
    ("남한상품", "남한 상품"),
]
# (query, text a segment's source or target must contain)
SEGMENT_CASES = [
    ("국가보위성", "국가보위성에서"),
    ("보위", "보위부"),
    ("탈북", "탈북민"),
    ("군", "군"),
    ("SMUGGLING", "smuggling"),
    (NFD("국가보위성"), "국가보위성에서"),
    ("온성군보위부", "온성군 보위부"),
    ("온성군보위부에서", "온성군 보위부에서"),
    ("국가 보위성", "국가보위성"),
]


@pytest.fixture
def client(bundled_project):
    client = Client([bundled_project.db_path])
    yield client
    client.close()


def q(text: str) -> str:
    return quote(text)


def table_rows(client: Client, table: str, query: str, column: str) -> list[str]:
    data = client.json(f"/sajeon/{table}.json?_search={q(query)}&_shape=array&_size=max")
    return [row[column] for row in data]


def db_state(project) -> tuple:
    """The database's data and its file's bytes: both must stay as they are."""
    return snapshot(project), hashlib.sha256(project.db_path.read_bytes()).hexdigest()


# ---------------------------------------------------------------------------- the plugin


def test_plugin_is_registered_through_the_entry_point(client):
    plugins = {p["name"]: p for p in client.json("/-/plugins.json")}
    assert "sajeon" in plugins
    assert plugins["sajeon"]["version"]
    for hook in ("filters_from_request", "get_metadata", "prepare_connection", "register_routes"):
        assert hook in plugins["sajeon"]["hooks"]


# ---------------------------------------------------------------------------- Korean search


@pytest.mark.parametrize(("query", "expected"), TERM_CASES)
def test_term_search_box_and_json_api(client, query, expected):
    # The standard search box of the terms table and its JSON.
    assert expected in table_rows(client, "terms", query, "text")
    # The view a CAT tool's glossary looks like: searched by source term.
    assert expected in table_rows(client, "term_pairs", query, "source_term")
    # The plugin's ranked search.
    hits = client.json(f"/sajeon/-/search.json?q={q(query)}")["terms"]
    assert expected in [h["text"] for h in hits]


@pytest.mark.parametrize(("query", "expected"), SEGMENT_CASES)
def test_segment_search_box_and_concordance(client, query, expected):
    sources_targets = table_rows(client, "segments", query, "source") + table_rows(
        client, "segments", query, "target"
    )
    assert any(expected in text for text in sources_targets)
    rows = client.json(f"/sajeon/-/concordance.json?q={q(query)}")["segments"]
    assert any(expected in r["source"] or expected in r["target"] for r in rows)


def test_search_results_are_exactly_the_matching_rows(client, bundled_project):
    """The table search returns every row containing the query, spaces left out, and
    nothing else."""
    conn = sqlite3.connect(bundled_project.db_path)
    conn.create_function("unspaced", 1, lambda text: text.replace(" ", ""))
    for query in ("보위", "군", "국가보위성", "온성군보위부", "주민3명"):
        want = sorted(
            r[0]
            for r in conn.execute("SELECT text FROM terms WHERE instr(unspaced(text), ?)", (query,))
        )
        assert sorted(table_rows(client, "terms", query, "text")) == want
        want = sorted(
            r[0]
            for r in conn.execute(
                "SELECT source FROM segments "
                "WHERE instr(unspaced(source), ?) OR instr(unspaced(target), ?)",
                (query, query),
            )
        )
        assert want, query
        assert sorted(table_rows(client, "segments", query, "source")) == want
    conn.close()


def test_concepts_table_search_finds_concepts_by_their_terms(client):
    ids = table_rows(client, "concepts", "국가보위성에서", "id")
    assert "ministry-of-state-security" in ids


def test_search_box_is_shown_on_sajeon_tables(client):
    for table in ("terms", "segments", "concepts", "term_pairs"):
        html = client.get(f"/sajeon/{table}").text
        assert 'id="_search"' in html, table
    html = client.get(f"/sajeon/terms?_search={q('보위')}").text
    assert 'value="보위"' in html
    assert "search matches &#34;보위&#34;" in html or 'search matches "보위"' in html


def test_query_without_searchable_characters_finds_nothing(client):
    assert table_rows(client, "terms", "?!", "text") == []
    assert client.json("/sajeon/-/search.json?q=%3F%21")["terms"] == []


def test_ranking_puts_exact_matches_first(client):
    hits = client.json(f"/sajeon/-/search.json?q={q('보위부')}")["terms"]
    assert hits[0]["text"] == "보위부"
    assert hits[0]["match"] == "exact"
    assert [h["match_rank"] for h in hits] == sorted(h["match_rank"] for h in hits)
    hits = client.json(f"/sajeon/-/search.json?q={q('국가보위성에서')}")["terms"]
    assert (hits[0]["text"], hits[0]["match"]) == ("국가보위성", "exact without particle")
    hits = client.json("/sajeon/-/search.json?q=mss")["terms"]
    # MSS is two concepts' term: admitted for the MSS, forbidden for the police ministry.
    assert [(h["text"], h["status"]) for h in hits[:2]] == [
        ("MSS", "admitted"),
        ("MSS", "forbidden"),
    ]


def test_search_json_gives_translations_and_term_view_links(client):
    data = client.json(f"/sajeon/-/search.json?q={q('국가보위성')}")
    first = data["terms"][0]
    assert first["preferred"]["en"] == "Ministry of State Security"
    assert client.get(first["concept_url"]).status_code == 200
    assert data["segments"], "the memory has translations with 국가보위성"


def test_search_and_concordance_paginate(client):
    everything = client.json(f"/sajeon/-/search.json?q={q('군')}&size=100")["terms"]
    assert len(everything) > 10
    pages, url = [], f"/sajeon/-/search.json?q={q('군')}&size=10"
    while url:
        data = client.json(url)
        pages += data["terms"]
        url = data["next_url"]
    assert pages == everything
    everything = client.json(f"/sajeon/-/concordance.json?q={q('보위부')}&size=100")
    pages, url = [], f"/sajeon/-/concordance.json?q={q('보위부')}&size=3"
    while url:
        data = client.json(url)
        pages += data["segments"]
        url = data["next_url"]
    assert pages == everything["segments"]
    assert client.get("/sajeon/-/search.json?q=x&size=5000").status_code == 400


# ---------------------------------------------------------------------------- pages


def test_search_page(client):
    response = client.get(f"/sajeon/-/search?q={q('보위')}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    html = response.text
    assert '<html lang="en">' in html
    assert '<meta charset="utf-8">' in html
    assert "Ministry of State Security" in html
    assert '<span lang="ko">국가보위성</span>' in html
    # Every hit links to its term view.
    assert 'href="/sajeon/-/concept/ministry-of-state-security"' in html
    # The memory preview highlights the hit.
    assert '<mark class="sajeon-hit">보위</mark>' in html
    # Navigation to every registered page.
    for p in PAGES:
        if p.nav:
            assert f'href="/sajeon/-/{p.name}"' in html


def test_term_view(client):
    html = client.get("/sajeon/-/concept/ministry-of-state-security").text
    assert "Ministry of State Security" in html
    assert "North Korea&#39;s secret police" in html or "North Korea's secret police" in html
    # All languages, statuses, validity dates, notes and sources.
    assert '<span class="sajeon-term sajeon-flagged" lang="ko">국가안전보위부</span>' in html
    assert "DEPRECATED" in html and "in use until 2016" in html and "in use since 2016" in html
    assert "Short, everyday name" in html
    assert 'href="https://en.wikipedia.org/wiki/Ministry_of_State_Security_(North_Korea)"' in html
    # Forbidden terms are marked as such.
    html = client.get("/sajeon/-/concept/ministry-of-social-security").text
    assert "FORBIDDEN" in html and "never use it for this ministry" in html


def test_term_view_json(client):
    concept = client.json("/sajeon/-/concept/ministry-of-state-security.json")["concept"]
    assert concept["id"] == "ministry-of-state-security"
    statuses = {(t["lang"], t["text"]): t["status"] for t in concept["terms"]}
    assert statuses[("ko", "국가보위성")] == "preferred"
    assert statuses[("ko", "국가안전보위부")] == "deprecated"
    assert concept["sources"]


def test_term_view_of_unknown_concept_is_404(client):
    assert client.get("/sajeon/-/concept/no-such-concept").status_code == 404


def test_concordance_newest_first_with_highlights(client):
    data = client.json(f"/sajeon/-/concordance.json?q={q('보위부')}")
    rows = data["segments"]
    assert len(rows) >= 5
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    for row in rows:
        spans = [(s, e) for s, e, kind in row["source_highlights"] if kind == "hit"]
        assert spans and all(row["source"][s:e] == "보위부" for s, e in spans)
    # The glossary's translations of 보위부 are marked in the English.
    marked = {row["target"][s:e] for row in rows for s, e, kind in row["target_highlights"] if kind}
    assert {"MSS", "Ministry of State Security"} <= marked
    assert [c["id"] for c in data["glossary"]] == ["ministry-of-state-security"]


def test_concordance_of_an_unspaced_query_marks_the_spaced_text(client):
    data = client.json(f"/sajeon/-/concordance.json?q={q('온성군보위부에서')}")
    rows = data["segments"]
    assert len(rows) == 2
    for row in rows:
        hits = [row["source"][s:e] for s, e, kind in row["source_highlights"] if kind == "hit"]
        assert "온성군 보위부" in hits[0]
    assert [c["id"] for c in data["glossary"]] == ["onsong-county-mss"]
    html = client.get(f"/sajeon/-/search?q={q('온성군보위부')}").text
    assert "온성군 보위부" in html and "Onsong County MSS" in html


def test_concordance_page(client):
    html = client.get(f"/sajeon/-/concordance?q={q('보위부')}").text
    assert '<td lang="ko" data-label="Source">' in html
    assert '<td lang="en" data-label="Translation">' in html
    assert '<mark class="sajeon-hit">보위부</mark>' in html
    assert '<mark class="sajeon-term">MSS</mark>' in html
    assert "newest first" in html


def test_table_cells_carry_lang_and_link_terms(client):
    html = client.get(f"/sajeon/terms?_search={q('국가보위성')}").text
    assert '<a href="/sajeon/-/concept/ministry-of-state-security" lang="ko">국가보위성</a>' in html
    html = client.get(f"/sajeon/segments?_search={q('국가보위성')}").text
    assert '<span lang="ko">국가보위성에서' in html


def test_bad_page_number_is_a_clear_error(client):
    response = client.get("/sajeon/-/search?q=x&page=zero")
    assert response.status_code == 400
    assert "page must be a positive whole number" in response.text


# ---------------------------------------------------------------------------- metadata


def test_metadata_describes_every_table_and_column(client, bundled_project):
    metadata = client.json("/-/metadata.json")
    assert metadata["title"] == "sajeon 사전"
    assert metadata["license"] and metadata["source"]
    tables = metadata["databases"]["sajeon"]["tables"]
    conn = sqlite3.connect(bundled_project.db_path)
    for table in ("concepts", "sources", "terms", "segments", "term_pairs"):
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        assert tables[table]["description"]
        assert set(tables[table]["columns"]) == set(columns), table
    conn.close()
    assert tables["concepts"]["facets"] == ["domain"]
    assert tables["terms"]["facets"] == ["lang", "status"]
    assert tables["segments"]["sort_desc"] == "id"
    assert tables["_sajeon_meta"]["hidden"] is True


# What a translator reads; everything else is index or bookkeeping.
PUBLIC_TABLES = {"concepts", "sources", "terms", "segments"}


def test_internal_tables_are_hidden_but_described(client, bundled_project):
    conn = sqlite3.connect(bundled_project.db_path)
    names = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    conn.close()
    assert {"tm_postings", "tm_delta", "tm_lengths", "tm_meta", "_sajeon_files"} <= names
    tables = client.json("/-/metadata.json")["databases"]["sajeon"]["tables"]
    for name in names:
        assert tables[name]["description"], name
        assert tables[name].get("hidden", False) == (name not in PUBLIC_TABLES), name
    # Datasette lists only the public tables; ?_show_hidden=1 the rest, described.
    listed = client.json("/sajeon.json")["tables"]
    assert {t["name"] for t in listed if not t["hidden"]} == PUBLIC_TABLES
    assert {t["name"] for t in listed if t["hidden"]} == names - PUBLIC_TABLES
    html = client.get("/sajeon").text
    assert 'href="/sajeon/tm_postings"' not in html
    assert f"{len(names - PUBLIC_TABLES)} hidden tables" in html
    html = client.get("/sajeon/tm_postings").text
    assert "Fuzzy-match index" in html


def test_default_sort_and_facets_apply(client):
    data = client.json("/sajeon/segments.json?_size=5")
    dates = [row[7] for row in data["rows"]]
    assert dates == sorted(dates, reverse=True)
    data = client.json("/sajeon/terms.json?_size=1")
    assert {"lang", "status"} <= set(data["facet_results"])


def test_local_metadata_overrides_the_plugin(bundled_project):
    client = Client([bundled_project.db_path], metadata={"title": "Newsroom glossary"})
    try:
        metadata = client.json("/-/metadata.json")
        assert metadata["title"] == "Newsroom glossary"
        assert metadata["databases"]["sajeon"]["tables"]["terms"]["description"]
    finally:
        client.close()


def test_other_databases_are_left_alone(bundled_project, tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE terms (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO terms (text) VALUES ('보위'), ('다른')")
    conn.commit()
    conn.close()
    client = Client([bundled_project.db_path, other])
    try:
        metadata = client.json("/-/metadata.json")
        assert "title" not in metadata  # the instance is not only sajeon's
        assert "other" not in metadata.get("databases", {})
        assert client.get("/other/-/search?q=x").status_code == 404
        # Datasette's own behaviour: no FTS table, so no search box and no filtering.
        assert 'id="_search"' not in client.get("/other/terms").text
        assert len(client.json("/other/terms.json?_search=x&_shape=array")) == 2
        # And Datasette may still write to it: query_only is for sajeon databases only.
        client.run(client.ds.get_database("other").execute_write("DELETE FROM terms"))
        assert client.json("/other/terms.json?_shape=array") == []
    finally:
        client.close()


# ---------------------------------------------------------------------------- read-only


WRITE_SQL = [
    "DELETE FROM terms",
    "UPDATE terms SET text = 'x'",
    "INSERT INTO concepts (id) VALUES ('x')",
    "DROP TABLE terms",
    "select 1; delete from terms",
    "with t as (select 1) delete from terms",
    "PRAGMA query_only = 0",
    "ATTACH DATABASE 'x.db' AS x",
    "VACUUM",
]


def csrf_cookie(client: Client) -> dict:
    """A valid CSRF token, so that refusals come from sajeon and Datasette, not CSRF."""
    response = client.get("/-/messages")  # a page with a POST form sets the cookie
    return {"ds_csrftoken": response.cookies["ds_csrftoken"]}


def test_no_request_changes_the_database(client, bundled_project):
    before = db_state(bundled_project)
    for sql in WRITE_SQL:
        response = client.get(f"/sajeon.json?sql={q(sql)}")
        assert response.status_code >= 400, sql
    # ?_where= is SQL too.
    response = client.get(f"/sajeon/terms.json?_where={q('1) ; delete from terms --')}")
    assert response.status_code >= 400
    cookies = csrf_cookie(client)
    token = cookies["ds_csrftoken"]
    paths = [
        "/sajeon",
        "/sajeon/terms",
        "/sajeon/terms/1",
        "/sajeon/terms.json",
        "/sajeon/-/search",
        "/sajeon/-/concordance",
        "/sajeon/-/concept/ministry-of-state-security",
        "/sajeon/-/match",
        "/sajeon/-/match.json",
        "/sajeon/-/terms",
        "/sajeon/-/terms.json",
        "/sajeon/-/query",
    ]
    # The paste pages take a long text by POST and read it; every other path refuses.
    reading = {"/sajeon/-/match", "/sajeon/-/match.json", "/sajeon/-/terms", "/sajeon/-/terms.json"}
    for path in paths:
        for data in (
            {"sql": "DELETE FROM terms", "csrftoken": token},
            {"text": "국가보위성에서 조사를 받고 있다.", "csrftoken": token},
        ):
            response = client.post(path, data=data, cookies=cookies)
            if path in reading:
                assert response.status_code == 200, (path, response.status_code)
            else:
                assert response.status_code >= 400, (path, response.status_code)
        for method in ("put", "patch", "delete"):
            assert client.request(method, path).status_code >= 400, (method, path)
    assert db_state(bundled_project) == before


def test_datasette_connections_cannot_write(client, bundled_project):
    """Any plugin writing through Datasette's API is refused by SQLite itself."""
    before = db_state(bundled_project)
    db = client.ds.get_database("sajeon")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        client.run(db.execute_write("DELETE FROM terms"))
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        client.run(db.execute_write_fn(lambda conn: conn.execute("DROP TABLE segments")))
    assert db_state(bundled_project) == before


def test_writable_canned_query_from_another_plugin_is_refused(bundled_project):
    from datasette import hookimpl
    from datasette.plugins import pm

    class WritingPlugin:
        __name__ = "test_writing_plugin"  # Datasette lists plugins by module name

        @hookimpl
        def canned_queries(self, datasette, database):
            return {
                "wipe": {"sql": "DELETE FROM terms WHERE text = :text", "write": True},
            }

    plugin = WritingPlugin()
    pm.register(plugin, name="test-writing-plugin")
    client = Client([bundled_project.db_path])
    try:
        before = db_state(bundled_project)
        cookies = csrf_cookie(client)
        response = client.post(
            "/sajeon/wipe",
            data={"text": "국가보위성", "csrftoken": cookies["ds_csrftoken"]},
            cookies=cookies,
        )
        # Datasette reports the failed write as a message on the redirect.
        messages = client.ds.unsign(response.cookies["ds_messages"], "messages")
        assert any("readonly" in message for message, _ in messages)
        assert db_state(bundled_project) == before
        assert "국가보위성" in table_rows(client, "terms", "국가보위성", "text")
    finally:
        pm.unregister(plugin)
        client.close()


def test_writable_canned_query_in_metadata_stops_datasette(bundled_project):
    client = Client(
        [bundled_project.db_path],
        metadata={
            "databases": {
                "sajeon": {"queries": {"wipe": {"sql": "DELETE FROM terms", "write": True}}}
            }
        },
    )
    try:
        with pytest.raises(ValueError, match="read-only"):
            client.run(client.ds.invoke_startup())
    finally:
        client.close()


# ---------------------------------------------------------------------------- live changes


def test_cli_write_shows_on_the_next_request(client, sajeon, bundled_project):
    """The file is served mutable over WAL: a term added with the CLI while Datasette
    runs is found on the next request, without a restart."""
    query = "보위성신설국"
    assert client.json(f"/sajeon/-/search.json?q={q(query)}")["terms"] == []
    sajeon("term", "add", query, "New Bureau of the MSS", "--domain", "security")
    hits = client.json(f"/sajeon/-/search.json?q={q('신설국')}")["terms"]
    assert [h["text"] for h in hits] == [query]
    assert query in table_rows(client, "terms", "신설국", "text")
    sajeon("segment", "add", "보위성신설국이 설치됐다.", "A new MSS bureau was set up.")
    rows = client.json(f"/sajeon/-/concordance.json?q={q('신설국')}")["segments"]
    assert rows[0]["target"] == "A new MSS bureau was set up."
    # A full rebuild happens in place too: the server keeps reading the same file.
    sajeon("build")
    assert client.json(f"/sajeon/-/search.json?q={q('신설국')}")["terms"]


def test_pages_escape_what_they_show(client):
    html = client.get(f"/sajeon/-/search?q={q('<script>alert(1)</script>')}").text
    assert "<script>alert(1)</script>" not in html
    assert re.search(r"&lt;script&gt;alert\(1\)&lt;/script&gt;", html)
