"""Fuzzy lookup: the score formula, exact recall of the index against an exhaustive scan on
generated memories, incremental adds, and the ``sajeon lookup`` command."""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sajeon.core import similarity
from sajeon.core.model import Segment
from sajeon.engine import tm
from sajeon.storage.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import pairs, perturb


def test_score_is_levenshtein_similarity_on_normalised_text():
    assert similarity.score("보위부", "보위부") == 100
    assert similarity.score("abcd", "abce") == 75
    assert similarity.score("보위부가", "보위부는") == 75
    # NFD input, extra and odd whitespace do not count
    nfd = unicodedata.normalize("NFD", "국가보위성은  최근\u00a0지시를 내렸다.")
    assert similarity.score(nfd, "국가보위성은 최근 지시를 내렸다.") == 100
    # case counts
    assert similarity.score("MSS", "mss") == 0
    assert similarity.display(74.99) == 74
    assert similarity.score("", "") == 100


@given(st.integers(min_value=0, max_value=400), st.floats(min_value=0, max_value=100))
def test_max_distance_agrees_with_score(longest, threshold):
    d = similarity.max_distance(longest, threshold)
    if d >= 0:
        assert similarity.score_from_distance(d, longest) >= threshold
    if d + 1 <= longest:
        assert similarity.score_from_distance(d + 1, longest) < threshold


def _memory(tmp_path: Path, count: int, seed: int) -> Store:
    segments = {}
    for ko, en in pairs(count, seed=seed):
        segment = Segment("ko", "en", ko, en, date="2025-01-01")
        segments.setdefault(segment.key, segment)
    store = Store(tmp_path / "tm.db")
    store.rebuild([], list(segments.values()), {})
    return store


def _queries(sources: list[str], r: random.Random, count: int) -> list[str]:
    queries = []
    for i in range(count):
        base = r.choice(sources)
        kind = i % 5
        if kind == 0:
            queries.append(base)  # exact
        elif kind == 1:
            queries.append(perturb(base, r, r.randint(1, 4)))  # near-duplicate
        elif kind == 2:
            queries.append(perturb(base, r, r.randint(5, 15)))
        elif kind == 3:
            queries.append(base[: r.randint(1, 6)])  # short queries, down to one character
        else:
            queries.append(next(pairs(1, seed=r.randrange(10**6)))[0])  # a new sentence
    return queries


def _assert_same(store: Store, sources, query: str, threshold: float) -> None:
    found = {
        m.segment_id: m.score
        for m in tm.lookup(store, query, threshold=threshold, limit=None, source_lang=None)
    }
    expected = tm.exhaustive(sources, query, threshold)
    assert found == expected, (query, threshold)


def test_recall_is_exact_on_generated_memory(tmp_path):
    store = _memory(tmp_path, 3000, seed=11)
    sources = list(store.tm_sources())
    r = random.Random(5)
    for query in _queries([s for _, s in sources], r, 120):
        for threshold in (50, 75, 90, r.uniform(30, 99)):
            _assert_same(store, sources, query, threshold)


def test_recall_stays_exact_after_adding_segments(tmp_path):
    store = _memory(tmp_path, 1500, seed=12)
    r = random.Random(6)
    base = [s for _, s in store.tm_sources()]
    # Near-duplicates of indexed sentences, added after the rebuild (the delta table).
    added = [Segment("ko", "en", perturb(r.choice(base), r, 2), "x") for _ in range(40)]
    added = list({s.key: s for s in added}.values())
    with store.write():
        store.add_segments(added)
    sources = list(store.tm_sources())
    for query in [*(s.source for s in added[:10]), *_queries(base, r, 40)]:
        for threshold in (60, 75, 90):
            _assert_same(store, sources, query, threshold)
    # A rebuild packs the delta into the main index, with the same answers.
    with store.write():
        store.rebuild_tm_index()
    assert store.conn.execute("SELECT count(*) FROM tm_delta").fetchone()[0] == 0
    for query in (s.source for s in added[:10]):
        _assert_same(store, sources, query, 75)


def test_best_matches_first_and_limit_keeps_the_best(tmp_path):
    store = _memory(tmp_path, 2000, seed=13)
    sources = list(store.tm_sources())
    r = random.Random(7)
    for query in _queries([s for _, s in sources], r, 30):
        everything = tm.lookup(store, query, threshold=60, limit=None)
        best = tm.lookup(store, query, threshold=60, limit=5)
        assert [m.score for m in best] == [m.score for m in everything[:5]]
        assert [m.score for m in everything] == sorted((m.score for m in everything), reverse=True)
        assert all(m.exact == (m.score == 100) for m in everything)


def _edited(text: str, r: random.Random, deletions: int, insertions: int, swaps: int) -> str:
    chars = list(text)
    for _ in range(deletions):
        del chars[r.randrange(len(chars))]
    for _ in range(insertions):
        chars.insert(r.randrange(len(chars) + 1), r.choice("국보위안전성군시도의에서는을"))
    for _ in range(swaps):
        i = r.randrange(len(chars))
        chars[i] = r.choice("가나다라마바사아자차카타파하")
    return "".join(chars)


def _boundary_memory(tmp_path: Path) -> tuple[Store, list[str]]:
    """Generated pairs (every character frequent, so lists are skipped and probed), plus
    for a few base sentences: copies at exactly the largest distance each threshold
    allows and one more, all shorter (the window's lower edge), all longer (its upper
    edge, where the count needed grows with the length) or substituted; and duplicates
    of one sentence with different dates and translations (ties the limit must break
    by date, then by id)."""
    r = random.Random(21)
    segments = {}
    for ko, en in pairs(1500, seed=17):
        segment = Segment("ko", "en", ko, en, date=f"2025-0{r.randint(1, 9)}-1{r.randint(0, 9)}")
        segments.setdefault(segment.key, segment)
    bases = [s.source for s in list(segments.values())[::150]]
    for base in bases:
        n = len(base)
        for threshold in (50, 75, 90):
            for d in {
                similarity.max_distance(n, threshold),
                similarity.max_distance(n, threshold) + 1,
            }:
                longer = n
                while longer - n < d and similarity.max_distance(longer + 1, threshold) >= d:
                    longer += 1
                for variant in (
                    _edited(base, r, d, 0, 0),
                    _edited(base, r, 0, min(d, longer - n + 1), 0),
                    _edited(base, r, 0, 0, d),
                    _edited(base, r, d // 2, 0, d - d // 2),
                ):
                    if variant:
                        segment = Segment("ko", "en", variant, f"edit {d}", date="2025-03-01")
                        segments.setdefault(segment.key, segment)
        for k in range(6):  # the same sentence translated six times
            date = None if k == 5 else f"2024-1{k % 3}-0{k + 1}"
            segment = Segment("ko", "en", base, f"translation {k}", date=date)
            segments.setdefault(segment.key, segment)
    store = Store(tmp_path / "edge.db")
    store.rebuild([], list(segments.values()), {})
    return store, bases


def _expected_top(store: Store, sources, query: str, threshold: float, limit: int) -> list[int]:
    found = tm.exhaustive(sources, query, threshold)
    dates = dict(store.conn.execute("SELECT id, coalesce(date, '') FROM segments"))
    ordered = sorted(found, key=lambda i: (found[i], dates[i], i), reverse=True)
    return ordered[:limit]


@pytest.mark.parametrize("top_pass_window", [0, tm.TOP_PASS_WINDOW])
def test_pruning_is_exact_at_the_edges(tmp_path, monkeypatch, top_pass_window):
    """Per-length skipping and probing, and the higher passes of a limited lookup (on
    this small memory only when forced), against the exhaustive scan: queries at the
    distance boundaries, short queries, duplicates, thresholds 50/75/90/100 and limits
    that cut through ties."""
    monkeypatch.setattr(tm, "TOP_PASS_WINDOW", top_pass_window)
    store, bases = _boundary_memory(tmp_path)
    sources = list(store.tm_sources())
    r = random.Random(22)
    queries = [*bases, *(_edited(b, r, 1, 1, 1) for b in bases)]
    queries += [b[: r.randint(1, 5)] for b in bases[:4]]  # one to five characters
    queries += [next(pairs(1, seed=900 + i))[0] for i in range(4)]  # new sentences
    for query in queries:
        for threshold in (50, 75, 90, 100):
            _assert_same(store, sources, query, threshold)
            for limit in (1, 3, 10):
                plan = tm.Plan(0)
                got = [
                    m.segment_id
                    for m in tm.lookup(store, query, threshold=threshold, limit=limit, plan=plan)
                ]
                assert got == _expected_top(store, sources, query, threshold, limit), (
                    query,
                    threshold,
                    limit,
                )


def test_limited_lookup_uses_higher_passes_and_stays_exact(tmp_path, monkeypatch):
    """A sentence with many close copies: the first, higher pass finds the best ten and
    the lookup stops there; a sentence with few falls through to the threshold asked.
    (Higher passes are for large memories: forced here.)"""
    monkeypatch.setattr(tm, "TOP_PASS_WINDOW", 0)
    store, bases = _boundary_memory(tmp_path)
    sources = list(store.tm_sources())
    dense = tm.Plan(0)
    found = tm.lookup(store, bases[0], threshold=75, limit=3, plan=dense)
    assert dense.passes == 1
    assert [m.segment_id for m in found] == _expected_top(store, sources, bases[0], 75, 3)
    sparse = tm.Plan(0)
    query = next(pairs(1, seed=4242))[0]
    found = tm.lookup(store, query, threshold=75, limit=10, plan=sparse)
    assert sparse.passes == 3
    assert [m.segment_id for m in found] == _expected_top(store, sources, query, 75, 10)
    monkeypatch.setattr(tm, "TOP_PASS_WINDOW", tm.TOP_PASS_WINDOW + len(sources))
    direct = tm.Plan(0)
    assert tm.lookup(store, bases[0], threshold=75, limit=3, plan=direct)
    assert direct.passes == 1 and direct.candidates > dense.candidates


def test_repeated_characters_beyond_the_index_limit(tmp_path):
    # A text repeating one character more than MAX_OCCURRENCE times: the tokens past the
    # limit are not indexed, and the count filter must allow for them.
    long = "다" * 300
    segments = [Segment("ko", "en", long, "x"), Segment("ko", "en", "다" * 290 + "라" * 10, "y")]
    store = Store(tmp_path / "rep.db")
    store.rebuild([], segments, {})
    sources = list(store.tm_sources())
    for threshold in (50, 90, 97):
        _assert_same(store, sources, long, threshold)
        _assert_same(store, sources, "다" * 280, threshold)


def test_empty_memory_and_language_pair(tmp_path):
    store = Store(tmp_path / "e.db")
    store.rebuild([], [], {})
    assert tm.lookup(store, "보위부") == []
    store.rebuild(
        [],
        [
            Segment("ko", "en", "보위부가 체포했다.", "x"),
            Segment("en", "ko", "보위부가 체포했다.", "y"),
        ],
        {},
    )
    found = tm.lookup(store, "보위부가 체포했다.", source_lang="ko", target_lang="en")
    assert [(m.source_lang, m.target) for m in found] == [("ko", "x")]
    assert len(tm.lookup(store, "보위부가 체포했다.", source_lang=None)) == 2


# ---------------------------------------------------------------------------- CLI


CLOSE = "체포된 주민들은 현재 회령시 보위부에서 조사를 받고 있다."
IN_MEMORY = "체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다."


def test_lookup_shows_the_close_sentence_with_its_percentage(sajeon):
    result = sajeon("lookup", CLOSE)
    percent = similarity.display(similarity.score(CLOSE, IN_MEMORY))
    assert 80 <= percent < 100
    assert f"{percent}%   {IN_MEMORY}" in result.output
    assert "The arrested residents are currently being interrogated by the Onsong County MSS." in (
        result.output
    )


def test_lookup_exact_first_then_json(sajeon):
    result = sajeon("lookup", IN_MEMORY)
    first = result.output.splitlines()[0]
    assert first.startswith("exact") and IN_MEMORY in first
    data = json.loads(sajeon("lookup", IN_MEMORY, "--json").output)
    assert data["matches"][0]["exact"] is True
    assert data["matches"][0]["percent"] == 100
    assert all(m["percent"] >= 75 for m in data["matches"])
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_lookup_options(sajeon):
    data = json.loads(sajeon("lookup", CLOSE, "-m", "50", "-n", "1", "--json").output)
    assert len(data["matches"]) == 1
    assert sajeon("lookup", "전혀 관계없는 문장입니다").output.startswith("no match of 75%")
    none = json.loads(sajeon("lookup", CLOSE, "--from", "en", "--json").output)
    assert none["matches"] == []
    # the same refusal as `terms` gives an empty text (docs/input-rules.md)
    assert "TEXT is empty" in sajeon("lookup", "   ", ok=False).output
    assert sajeon("lookup", "-", input=IN_MEMORY + "\n").output.startswith("exact")


def test_added_segment_is_found_at_once(sajeon):
    sentence = "양강도 혜산시 보위부가 밀수꾼 7명을 체포한 것으로 알려졌다."
    assert "no match" in sajeon("lookup", sentence).output
    sajeon("segment", "add", sentence, "The Hyesan MSS has reportedly arrested seven smugglers.")
    result = sajeon("lookup", sentence.replace("7명", "8명"))
    assert sentence in result.output
    assert "The Hyesan MSS has reportedly arrested seven smugglers." in result.output


@pytest.mark.parametrize("threshold", [50, 75])
def test_bundled_memory_recall(sajeon, threshold):
    with Store(sajeon.project.db_path) as store:
        sources = list(store.tm_sources())
        for _, source in sources[:20]:
            query = source[:-3] + "했다."
            _assert_same(store, sources, query, threshold)
