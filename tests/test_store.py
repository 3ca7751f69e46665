"""The SQLite database: schema, determinism, WAL, and Korean-aware search."""

import sqlite3
import unicodedata

import pytest

from sajeon.storage.project import Project
from sajeon.storage.store import Store


def _all_rows(path):
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    rows = {}
    for t in tables:
        width = len(conn.execute(f"PRAGMA table_info([{t}])").fetchall())
        order = "1, 2" if width > 1 else "1"
        rows[t] = conn.execute(f"SELECT * FROM [{t}] ORDER BY {order}").fetchall()
    schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    return schema, rows


def test_building_twice_gives_identical_content(bundled_project: Project, tmp_path):
    first = _all_rows(bundled_project.db_path)
    other = Project(bundled_project.root, tmp_path / "again.db")
    other.build()
    bundled_project.build()  # rebuilt in place, over the existing file
    assert _all_rows(other.db_path) == first
    assert _all_rows(bundled_project.db_path) == first


def test_schema_keys_view_and_wal(bundled_project: Project):
    with Store(bundled_project.db_path) as store:
        db = store.db
        assert db.journal_mode == "wal"
        assert db["concepts"].pks == ["id"]
        assert db["terms"].pks == ["id"]
        assert db["sources"].pks == ["concept_id", "position"]
        assert {(fk.column, fk.other_table) for fk in db["terms"].foreign_keys} == {
            ("concept_id", "concepts")
        }
        assert {(fk.column, fk.other_table) for fk in db["sources"].foreign_keys} == {
            ("concept_id", "concepts")
        }
        assert any(ix.unique and ix.columns == ["key"] for ix in db["segments"].indexes)
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = store.conn.execute(
            "SELECT source_term, source_status, target_term, target_status, domain FROM term_pairs "
            "WHERE concept_id = 'ministry-of-state-security' AND source_lang = 'ko' "
            "AND target_lang = 'en'"
        ).fetchall()
        assert (
            "국가보위성",
            "preferred",
            "Ministry of State Security",
            "preferred",
            "security",
        ) in rows
        assert ("국가안전보위부", "deprecated", "MSS", "admitted", "security") in rows
        assert len(rows) == 4 * 5  # every Korean term against every English term


def _texts(hits):
    return [h.text for h in hits]


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("국가보위성", "국가보위성"),  # exact
        ("국가보위성에서", "국가보위성"),  # with a particle
        ("보위성", "국가보위성"),  # compound: a suffix of the term
        ("온성군", "온성군"),
        ("MINISTRY OF STATE SECURITY", "Ministry of State Security"),
        (unicodedata.normalize("NFD", "국가보위성"), "국가보위성"),
    ],
)
def test_term_search_ranks_the_exact_term_first(bundled_project, query, expected_first):
    with Store(bundled_project.db_path) as store:
        assert _texts(store.search_terms(query))[0] == expected_first


@pytest.mark.parametrize(
    ("query", "some"),
    [
        ("보위", "국가보위성"),
        ("탈북", "탈북민"),
        ("군", "온성군"),
        ("secur", "Ministry of State Security"),
    ],
)
def test_short_queries_find_terms(bundled_project, query, some):
    with Store(bundled_project.db_path) as store:
        assert some in _texts(store.search_terms(query, limit=500))


def test_search_is_substring_exact_not_word_soup(bundled_project):
    with Store(bundled_project.db_path) as store:
        for query in ("보위성", "보위", "안전부", "두만강"):
            hits = store.search_terms(query, limit=500)
            assert hits
            assert all(query in h.text for h in hits), query


def test_segment_search_copes_with_particles(bundled_project):
    with Store(bundled_project.db_path) as store:
        hits = store.search_segments("국가보위성")
        sources = [h.segment.source for h in hits]
        assert any("국가보위성에서" in s for s in sources)
        assert all("국가보위성" in s for s in sources)
        dates = [h.segment.date for h in hits]
        assert dates == sorted(dates, reverse=True)  # most recent first
        english = store.search_segments("MSS")
        assert english and all("MSS" in h.segment.target for h in english)
        assert store.search_segments("   ") == []
        assert store.search_segments('"; DROP TABLE terms; --') == []
