"""The search behind every page (issue 3): ranking, concordance order, highlighting,
and snapshots for immutable replicas, tested on real SQLite files."""

from __future__ import annotations

import sqlite3
import unicodedata

import pytest

from sajeon.core.model import InputError, Segment
from sajeon.storage.search import highlight, parse_query
from sajeon.storage.store import Store


def texts(hits) -> list[str]:
    return [h.text for h in hits]


def test_ranking_exact_then_stem_then_prefix_then_substring(sajeon, bundled_project):
    sajeon("term", "add", "보위", "security (short)", "--domain", "test")
    with Store(bundled_project.db_path) as store:
        hits = store.search_terms("보위")
        assert hits[0].text == "보위" and hits[0].match_rank == 0
        ranks = [h.match_rank for h in hits]
        assert ranks == sorted(ranks)
        assert {h.match_rank for h in hits} >= {0, 2, 3}
        # The stem (query without its particle) ranks right after exact matches.
        hits = store.search_terms("보위부에서")
        assert (hits[0].text, hits[0].match_rank) == ("보위부", 1)
        # A term that holds the stem counts as a prefix or substring match, not "other".
        assert all(h.match_rank <= 3 for h in hits)


def test_ranking_prefers_shorter_then_preferred_terms(bundled_project):
    with Store(bundled_project.db_path) as store:
        hits = [h for h in store.search_terms("보위", limit=100) if h.match_rank == 2]
        lengths = [len(h.text) for h in hits]
        assert lengths == sorted(lengths)


def test_english_and_decomposed_input(bundled_project):
    with Store(bundled_project.db_path) as store:
        assert "Ministry of State Security" in texts(store.search_terms("ministry OF state"))
        decomposed = unicodedata.normalize("NFD", "국가보위성")
        assert texts(store.search_terms(decomposed))[0] == "국가보위성"
        assert store.search_terms("   ") == []


def test_concordance_is_newest_first_on_both_paths(bundled_project):
    """Segment ids follow dates after a rebuild, so the concordance can walk the index
    newest-first; an older segment added later makes it sort by date instead. Both give
    the same order."""
    with Store(bundled_project.db_path) as store:
        assert store.segments_by_date()
        fast = store.search_segments("보위부", limit=100)
    dates = [h.segment.date for h in fast]
    assert dates == sorted(dates, reverse=True)

    bundled_project.add_segments(
        [
            Segment(
                "ko",
                "en",
                "보위부가 오래전에 발표했다.",
                "The MSS announced it long ago.",
                date="2001-01-01",
            )
        ]
    )
    with Store(bundled_project.db_path) as store:
        assert not store.segments_by_date()
        slow = store.search_segments("보위부", limit=100)
    assert [h.segment for h in slow] == [h.segment for h in fast] + [
        Segment(
            "ko",
            "en",
            "보위부가 오래전에 발표했다.",
            "The MSS announced it long ago.",
            date="2001-01-01",
        )
    ]
    bundled_project.build()
    with Store(bundled_project.db_path) as store:
        assert store.segments_by_date()
        rebuilt = store.search_segments("보위부", limit=100)
        assert [h.segment for h in rebuilt] == [h.segment for h in slow]
        # Paging through gives the same rows as one big page.
        pages = [h.segment for n in range(0, 100, 4) for h in store.search_segments("보위부", 4, n)]
        assert pages == [h.segment for h in rebuilt]


def test_newer_segments_keep_the_fast_path(bundled_project):
    bundled_project.add_segments(
        [Segment("ko", "en", "보위부 새 소식.", "New MSS news.", date="2099-12-31")]
    )
    with Store(bundled_project.db_path) as store:
        assert store.segments_by_date()
        assert store.search_segments("보위부", limit=1)[0].segment.date == "2099-12-31"


@pytest.mark.parametrize(
    ("text", "query", "hits"),
    [
        ("함경북도 국가보위성에서 조사를 벌였다", "국가보위성에서", ["국가보위성에서"]),
        ("국가보위성은 지시를 내렸다", "국가보위성에서", ["국가보위성"]),
        ("보위부와 도 보위국", "보위", ["보위", "보위"]),
        ("The Ministry of State SECURITY", "security", ["SECURITY"]),
        ("Chongsŏng workers' district", "chongsong", ["Chongsŏng"]),
        ("insecurity", "security", []),
        ("군부대 지휘부", "군", ["군"]),
    ],
)
def test_highlight_marks_what_search_matches(text, query, hits):
    pieces = highlight(text, query)
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, kind in pieces if kind == "hit"] == hits


def test_highlight_marks_glossary_terms_and_flagged_terms():
    pieces = highlight(
        "The MSS and the State Security Department (SSD)",
        "",
        terms=["MSS", "Ministry of State Security"],
        flagged=["State Security Department"],
    )
    assert [(p, k) for p, k in pieces if k] == [
        ("MSS", "term"),
        ("State Security Department", "flagged"),
    ]
    # A term is found as a whole word only.
    assert [k for _, k in highlight("MSSA", "", terms=["MSS"]) if k] == []


def test_snapshot_is_an_immutable_ready_copy(bundled_project, tmp_path):
    target = tmp_path / "dist" / "sajeon.db"
    target.parent.mkdir()
    with Store(bundled_project.db_path) as store:
        store.snapshot(target)
        want = store.dump()
        with pytest.raises(InputError, match="cannot replace the live database"):
            store.snapshot(bundled_project.db_path)
    assert target.read_bytes()[18:20] == b"\x01\x01"  # rollback journal, not WAL
    assert not (tmp_path / "dist" / "sajeon.db-wal").exists()
    conn = sqlite3.connect(f"file:{target}?immutable=1", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with Store(target) as copy:
        assert copy.dump() == want
        assert copy.segments_by_date()
        assert texts(copy.search_terms("보위성"))[0] == "국가보위성"
    assert [p.name for p in target.parent.iterdir()] == ["sajeon.db"]  # nothing left over


# ---------------------------------------------------------------------------- issue 9: spacing


def _sources(hits) -> list[str]:
    return [h.segment.source for h in hits]


@pytest.mark.parametrize(
    ("query", "term", "rank"),
    [
        ("온성군보위부", "온성군 보위부", 0),  # unspaced query → spaced term
        ("온성군보위부에서", "온성군 보위부", 1),  # … with a particle after the unspaced form
        ("온성군보위부는", "온성군 보위부", 1),
        ("국가 보위성", "국가보위성", 0),  # spaced query → unspaced term
        ("국가 보위성에서", "국가보위성", 1),
        ("군안전부", "군 안전부", 0),
    ],
)
def test_term_search_ignores_spacing_both_ways(bundled_project, query, term, rank):
    with Store(bundled_project.db_path) as store:
        hits = store.search_terms(query)
        assert (hits[0].text, hits[0].match_rank) == (term, rank)
        # the shortcut for exact and prefix matches agrees with ranking every match
        assert hits == store._ranked_terms(parse_query(query), None, 20, 0)


def test_term_with_the_query_spacing_ranks_first(sajeon, bundled_project):
    sajeon("term", "add", "온성군보위부", "Onsong MSS", "--concept", "onsong-county-mss")
    sajeon("term", "add", "국가 보위성", "State Security Ministry", "--concept", "state")
    with Store(bundled_project.db_path) as store:
        for query, first, second in [
            ("온성군보위부", "온성군보위부", "온성군 보위부"),
            ("온성군 보위부", "온성군 보위부", "온성군보위부"),
            ("온성군보위부에서", "온성군보위부", "온성군 보위부"),
            ("국가보위성", "국가보위성", "국가 보위성"),
            ("국가 보위성", "국가 보위성", "국가보위성"),
        ]:
            hits = store.search_terms(query)
            assert [h.text for h in hits[:2]] == [first, second], query
            assert hits[0].match_rank == hits[1].match_rank, query


def test_concordance_ignores_spacing_both_ways(bundled_project):
    bundled_project.add_segments(
        [
            Segment(
                "ko",
                "en",
                "온성군보위부는 국경 연선 주민 2명을 체포했다.",
                "The Onsong County MSS arrested two residents of the border area.",
                date="2026-03-02",
            )
        ]
    )
    with Store(bundled_project.db_path) as store:
        spaced = {s.source for s in store.segments() if "온성군 보위부" in s.source}
        assert len(spaced) == 2
        for query in ("온성군보위부", "온성군보위부에서", "온성군보위부는", "온성군 보위부"):
            assert spaced <= set(_sources(store.search_segments(query, limit=100))), query
        # the unspaced text, by its spaced and unspaced forms, with a particle
        for query in ("온성군 보위부", "온성군 보위부는", "온성군보위부"):
            assert "온성군보위부는 국경 연선 주민 2명을 체포했다." in _sources(
                store.search_segments(query, limit=100)
            ), query
        # spaced query → unspaced text
        assert any("국가보위성에서" in s for s in _sources(store.search_segments("국가 보위성")))
        # what is matched is exactly the text with its spaces left out
        for query in ("온성군보위부", "국경연선", "검열성원", "보위"):
            want = [
                s.source
                for s in store.segments()
                if query in s.source.replace(" ", "") or query in s.target.replace(" ", "")
            ]
            found = _sources(store.search_segments(query, limit=1000))
            assert sorted(found) == sorted(want) and want, query


def test_search_reads_through_a_gloss_in_brackets(bundled_project):
    bundled_project.add_segments(
        [
            Segment(
                "ko",
                "en",
                "군(郡) 안전부는 남조선(남한) 상품을 판 주민들을 조사하고 있다.",
                "The county MSS is questioning residents who sold South Korean goods.",
                date="2026-03-03",
            )
        ]
    )
    with Store(bundled_project.db_path) as store:
        for query in (
            "군 안전부",
            "군안전부",
            "남조선 상품",
            "남조선상품을",
            "남한 상품",
            "남한상품",
        ):
            assert any("(郡)" in s for s in _sources(store.search_segments(query))), query
        assert not store.search_segments("안전부남조선")  # a bracket is no space


@pytest.mark.parametrize(
    ("text", "query", "hits"),
    [
        ("체포된 주민들은 온성군 보위부에서 조사를", "온성군보위부에서", ["온성군 보위부에서"]),
        ("온성군보위부는 주민을", "온성군 보위부", ["온성군보위부"]),
        ("군(郡) 안전부는", "군안전부", ["군(郡) 안전부"]),
        ("남조선(남한) 상품을", "남한상품", ["남한) 상품"]),
    ],
)
def test_highlight_spans_spaces_and_glosses(text, query, hits):
    assert [p for p, kind in highlight(text, query) if kind == "hit"] == hits
