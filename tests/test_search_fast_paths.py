"""The shortcuts that keep search fast on a large memory (issue 3's benchmark) give the
same results as the plain queries they replace: tested on a generated database (the
benchmark's news generator, at a small size) with the shortcuts on and off."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from benchmarks import newsgen
from sajeon.core.model import Segment
from sajeon.storage import store as store_module
from sajeon.storage.search import parse_query
from sajeon.storage.store import Store

from .dsclient import Client

TERM_QUERIES = [
    "군",
    "성",
    "북",
    "보위",
    "보위부에서",
    "국가보위성에서",
    "온성군 보위부",
    "온성군보위부",  # spacing other than the terms' (issue 9)
    "회령시보위부에서",
    "국가 보위성",
    "state",
    "Ri",
]
SEGMENT_QUERIES = [
    *("secur", "State Security", "s", "hyes", "smug", "border g", "군", "보위부"),
    *("온성군보위부", "불법통화"),  # spacing other than the text's (issue 9)
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("generated") / "sajeon.db"
    with Store(path) as store:
        store.rebuild(newsgen.concepts(3000), newsgen.segments(3000), {})
    return path


@pytest.fixture
def store(generated):
    with Store(generated) as store:
        yield store


def test_term_search_ranks_only_prefix_matches_when_they_fill_the_page(store):
    prefixes = store._term_ids_by_prefix(["군"], None, store_module.TERM_PREFIX_CANDIDATES)
    everything = store._ranked_terms(parse_query("군"), None, 10_000, 0)
    assert prefixes is not None and 5 < len(prefixes) < len(everything)
    for query in TERM_QUERIES:
        parsed = parse_query(query)
        for lang in (None, "ko", "en"):
            for limit, offset in ((51, 0), (5, 0), (5, 5), (20, 40)):
                full = store._ranked_terms(parsed, lang, limit, offset)
                assert store.search_terms(query, lang, limit, offset) == full, (query, lang)


def test_term_search_with_too_many_prefix_matches_ranks_everything(store, monkeypatch):
    monkeypatch.setattr(store_module, "TERM_PREFIX_CANDIDATES", 8)
    assert store._term_ids_by_prefix(["군"], None, 8) is None
    for query in TERM_QUERIES:
        parsed = parse_query(query)
        for limit, offset in ((5, 0), (5, 3), (20, 0)):
            full = store._ranked_terms(parsed, None, limit, offset)
            assert store.search_terms(query, None, limit, offset) == full, query


def _segment_ids(store: Store, query: str, limit: int = 40, offset: int = 0) -> list[int]:
    return [h.id for h in store.search_segments(query, limit=limit, offset=offset)]


def test_english_prefixes_are_spelled_out_as_index_words(store, monkeypatch):
    assert '"security"' in store.segment_match(parse_query("secur"))
    assert store.segment_match(parse_query("보위부")) == parse_query("보위부").match
    spelled = {q: (_segment_ids(store, q), _segment_ids(store, q, 7, 7)) for q in SEGMENT_QUERIES}
    monkeypatch.setattr(store_module, "PREFIX_WORDS", 0)  # every prefix stays a prefix query
    assert store.segment_match(parse_query("secur")) == parse_query("secur").match
    plain = {q: (_segment_ids(store, q), _segment_ids(store, q, 7, 7)) for q in SEGMENT_QUERIES}
    assert spelled == plain
    assert all(ids for ids, _ in plain.values())


def test_words_of_added_segments_are_found_by_prefix(generated, tmp_path):
    copy = tmp_path / "copy.db"
    with Store(generated) as store:
        store.conn.execute("VACUUM INTO ?", (str(copy),))
    with Store(copy) as store:
        with store.write():
            store.add_segments(
                [
                    Segment(
                        "ko",
                        "en",
                        "보위부 간부들이 국경 경비를 강화했다.",
                        "Securitisation of the border: MSS officers tightened guard duty.",
                        date="2099-01-02",
                    ),
                    Segment(
                        "ko",
                        "en",
                        "평양 카페가 문을 열었다.",
                        "A Pyongyang Café opened.",
                        date="2099-01-03",
                    ),
                ]
            )
        words = {r[0] for r in store.conn.execute("SELECT word FROM segments_words")}
        assert {"securitisation", "cafe", "pyongyang"} <= words
        assert "Securitisation" in store.search_segments("securiti", limit=1)[0].segment.target
        assert "Café" in store.search_segments("caf", limit=1)[0].segment.target


@pytest.fixture(scope="module")
def client(generated):
    client = Client([generated], settings={"trace_debug": True})
    yield client
    client.close()


def _ids(rows) -> list[int]:
    return [row["id"] for row in rows]


def _pages(client: Client, url: str, pages: int) -> tuple[list[list[int]], list[str]]:
    """Ids of the first ``pages`` pages, following Datasette's next links, and the URLs."""
    found, urls = [], []
    for _ in range(pages):
        data = client.json(url)
        found.append(_ids(data["rows"]))
        urls.append(url)
        if not data["next_url"]:
            break
        url = "/" + data["next_url"].split("://", 1)[-1].split("/", 1)[-1]
    return found, urls


@pytest.mark.parametrize("query", ["군", "secur", "State Security", "보위부에서", "hyes"])
def test_table_search_newest_page_is_the_same(client, query):
    search = f"/sajeon/segments.json?_search={quote(query)}&_size=7&_shape=objects"
    # With a row count (the default JSON): every match is read.
    counted = client.json(search)
    assert len(counted["rows"]) == 7
    assert counted["filtered_table_rows_count"] > 0
    # As an array: no count, so only the newest matches are asked for.
    array = client.json(search.replace("objects", "array"))
    assert _ids(array) == _ids(counted["rows"])

    def shortcut_taken(url: str) -> bool:
        traces = client.json(url + "&_trace=1")["_trace"]["traces"]
        return any("sajeon_limit" in t["sql"] for t in traces)

    assert shortcut_taken(search + "&_nocount=1&_nofacet=1")
    assert not shortcut_taken(search)
    # Page by page, with and without the shortcut.
    fast, urls = _pages(client, search + "&_nocount=1&_nofacet=1", 3)
    slow, _ = _pages(client, search, 3)
    assert fast == slow and len(fast) == 3
    assert all(shortcut_taken(url) for url in urls)
    # With another filter every match is read, and the rows are those that pass both.
    filtered = client.json(search + "&source_lang=ko")
    assert _ids(filtered["rows"]) == _ids(counted["rows"])
    assert not shortcut_taken(search + "&source_lang=ko&_nocount=1&_nofacet=1")
