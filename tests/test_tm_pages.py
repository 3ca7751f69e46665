"""The Datasette pages for fuzzy lookup and term recognition, in a real Datasette, give
the same answers as the CLI. (The sajeon plugin registers ``tm_pages.ROUTES``; here a
test plugin does.)"""

from __future__ import annotations

import asyncio
import html
import json
import types
from pathlib import Path
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.app import Datasette
from datasette.plugins import pm

from sajeon import tm_pages

TEMPLATES = Path(tm_pages.__file__).parent / "templates"
CLOSE = "체포된 주민들은 현재 회령시 보위부에서 조사를 받고 있다."
PARAGRAPH = (
    "함경북도 온성군보위부는 국가보위성에서 내려온 지시에 따라 국가안전보위부 시절 자료를 넘겼다."
)


@hookimpl
def register_routes():
    return tm_pages.ROUTES


# Datasette wants plugins to be modules.
_PAGES = types.ModuleType("sajeon_tm_pages_test")
_PAGES.register_routes = register_routes


def fetch(db_path: Path, *paths: str) -> list:
    async def run():
        pm.register(_PAGES, name="sajeon-tm-pages-test")  # before: routes are read at init
        try:
            ds = Datasette([str(db_path)], template_dir=str(TEMPLATES))
            await ds.invoke_startup()
            return [await ds.client.get(path) for path in paths]
        finally:
            pm.unregister(name="sajeon-tm-pages-test")

    return asyncio.run(run())


def test_fuzzy_page_matches_the_cli(sajeon):
    cli = json.loads(sajeon("lookup", CLOSE, "--format", "json").output)
    query = urlencode({"text": CLOSE})
    page, data = fetch(
        sajeon.project.db_path, f"/-/sajeon/fuzzy?{query}", f"/-/sajeon/fuzzy?{query}&format=json"
    )
    assert page.status_code == 200 and data.status_code == 200
    assert data.json()["matches"] == cli["matches"]
    body = html.unescape(page.text)
    for match in cli["matches"]:
        assert f"{match['percent']}%" in body
        assert match["source"] in body and match["target"] in body
    assert "<textarea" in body and CLOSE in body


def test_fuzzy_page_options_and_empty(sajeon):
    query = urlencode({"text": CLOSE, "min_score": "95", "format": "json"})
    (data,) = fetch(sajeon.project.db_path, f"/-/sajeon/fuzzy?{query}")
    assert data.json()["matches"] == []
    (page,) = fetch(sajeon.project.db_path, "/-/sajeon/fuzzy")
    assert page.status_code == 200 and "No match" not in page.text


def test_terms_page_matches_the_cli(sajeon):
    cli = json.loads(sajeon("terms", PARAGRAPH, "--format", "json").output)
    query = urlencode({"text": PARAGRAPH})
    page, data = fetch(
        sajeon.project.db_path, f"/-/sajeon/terms?{query}", f"/-/sajeon/terms?{query}&format=json"
    )
    assert data.json()["terms"] == cli["terms"]
    body = html.unescape(page.text)
    assert body.count("<mark") == len(cli["terms"])
    assert "온성군보위부</mark>" in body
    assert "Onsong County MSS" in body
    assert "deprecated term: use 국가보위성" in body


def test_pages_without_a_sajeon_database(tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    page, data = fetch(other, "/-/sajeon/fuzzy?text=x", "/-/sajeon/terms?text=x&format=json")
    assert "No sajeon database" in page.text
    assert "error" in data.json()
