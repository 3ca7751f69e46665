"""Large imports take faster paths: a bulk load (indexes dropped and made again, the fuzzy
index built once at the end, in bounded memory) and a second process reading the file.
Each must give what the plain path gives, and a failure must still change nothing."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sajeon.core.model import InputError, Segment
from sajeon.core.text import fold
from sajeon.engine import tm
from sajeon.formats import tmx
from sajeon.storage import background, tm_bulk, tm_index
from sajeon.storage import store as store_module
from sajeon.storage.project import SegmentBatch, segment_batches
from sajeon.storage.store import Store

from .conftest import snapshot
from .test_formats_import import _many_units

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import pairs, perturb


def _schema(db_path: Path) -> list[tuple]:
    with Store(db_path) as store:
        return store.conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()


def _fts_config(db_path: Path) -> list[tuple]:
    with Store(db_path) as store:
        return store.conn.execute("SELECT * FROM segments_fts_config ORDER BY k").fetchall()


def _tm_tables(store: Store) -> dict[str, list[tuple]]:
    return {
        table: store.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in store_module.TM_TABLES
    }


def _assert_lookups_exact(store: Store, queries: list[str]) -> None:
    sources = list(store.tm_sources())
    for query in queries:
        for threshold in (60, 80):
            found = {
                m.segment_id: m.score
                for m in tm.lookup(store, query, threshold=threshold, limit=None)
            }
            assert found == tm.exhaustive(sources, query, threshold), (query, threshold)


@pytest.fixture
def small_bulk(monkeypatch):
    """Bulk loading from 500 segments on, and small runs, so that a test file of a few
    thousand segments takes every path: several spilled runs, several token ranges, the
    English index words added in several goes."""
    monkeypatch.setattr(store_module, "BULK_SEGMENTS", 500)
    monkeypatch.setattr(store_module, "WORDS_BUFFERED", 300)
    monkeypatch.setattr(tm_bulk, "RUN_PAIRS", 20_000)
    monkeypatch.setattr(tm_bulk, "RANGE_PAIRS", 5_000)


def test_packed_index_built_in_runs_equals_the_plain_build(tmp_path, small_bulk):
    r = random.Random(3)
    segments = {}
    for ko, en in pairs(1500, seed=8):
        # whitespace runs, line breaks and long repeats: what normalising and the
        # occurrence limit must treat exactly like sajeon.storage.tm_index does
        source = (
            ko + "  \n " + "다" * r.choice([0, 3, 300]) + ("\u3000끝" if r.random() < 0.2 else "")
        )
        segment = Segment("ko", "en", source, en, date="2025-01-01")
        segments.setdefault(segment.key, segment)
    store = Store(tmp_path / "tm.db")
    store.rebuild([], list(segments.values()), {})
    rows = store.conn.execute("SELECT id, source FROM segments").fetchall()
    # the plain build (Store.rebuild_tm_index is built in runs itself)
    with store.write():
        store._write_tm_index(tm_index.build_index(rows))
    expected = _tm_tables(store)
    r.shuffle(rows)  # any order of batches gives the same index
    gathered = tm_bulk.TokenPairs(tmp_path)
    for start in range(0, len(rows), 400):
        chunk = rows[start : start + 400]
        gathered.add([i for i, _ in chunk], [s for _, s in chunk])
    assert len(gathered.runs) > 2
    with store.write():
        store._write_tm_index(gathered.built_index())
    gathered.close()
    assert _tm_tables(store) == expected
    store.close()


def _materialised(index: tm_index.BuiltIndex) -> tuple:
    return (
        index.rank_ids.tolist(),
        index.rank_lengths.tolist(),
        index.length_starts.tolist(),
        list(index.postings),
        sorted(index.lengths()),
    )


def test_index_built_in_runs_of_the_real_size_equals_the_plain_build(tmp_path):
    """With the sizes an import uses (no small runs): 40,000 sources make about 2.5
    million pairs: two runs spilled, the rest sorted at the end, and five token ranges
    read back across them."""
    r = random.Random(11)
    sources = [ko for ko, _ in pairs(40_000, seed=12)]
    odd = ["  앞뒤\t공백 ", "", "다" * 300, "줄\n바꿈\u3000과\u00a0공백", "e\u0301 é", "𠀀 𠀀"]
    sources[::997] = [r.choice(odd) for _ in sources[::997]]
    rows = list(enumerate(sources, start=1))
    r.shuffle(rows)
    gathered = tm_bulk.TokenPairs(tmp_path)
    for start in range(0, len(rows), 3000):
        chunk = rows[start : start + 3000]
        gathered.add([i for i, _ in chunk], [s for _, s in chunk])
    assert len(gathered.runs) == 2 and gathered.pending
    built = _materialised(gathered.built_index())
    gathered.close()
    assert built == _materialised(tm_index.build_index(rows))


def test_tokens_of_a_batch_are_those_of_sajeon_tm():
    sources = [
        "국가보위성은  보위부를\n다다다",
        "  앞뒤 공백 ",
        "",
        "a\0b NUL",
        "x" * 300,
        "é e\u0301",
    ]
    tokens, owners, lengths = tm_bulk.tokenise(sources)
    for i, source in enumerate(sources):
        text = similarity_normalise(source)
        assert lengths[i] == len(text)
        assert sorted(tokens[owners == i].tolist()) == sorted(tm_index.text_tokens(text)[0])


def test_tokens_of_random_batches_are_those_of_sajeon_tm():
    """Whitespace of every kind at every place, invisible characters (stripped, as
    normalise strips them), decomposed and astral characters, empty texts."""
    alphabet = list(
        "가다 \t\n\r\x0b\x1c\u3000\u00a0\u2028\u200bab\u3164e\u0301é\U0001d173𠀀ᄀ\u1161"
    )
    r = random.Random(2)
    for _ in range(2000):
        sources = [
            "".join(r.choice(alphabet) for _ in range(r.randint(0, 10)))
            for _ in range(r.randint(1, 5))
        ]
        tokens, owners, lengths = tm_bulk.tokenise(sources)
        for i, source in enumerate(sources):
            text = similarity_normalise(source)
            assert lengths[i] == len(text), sources
            assert sorted(tokens[owners == i].tolist()) == sorted(tm_index.text_tokens(text)[0]), (
                sources
            )


def test_every_whitespace_character_is_in_the_table():
    assert all(not chr(c).isspace() for c in range(tm_bulk._LAST_SPACE + 1, 0x110000))


def similarity_normalise(text: str) -> str:
    from sajeon.core.similarity import normalise

    return normalise(text)


def test_bulk_import_keeps_indexes_and_finds_everything(bundled_project, tmp_path, small_bulk):
    schema = _schema(bundled_project.db_path)
    config = _fts_config(bundled_project.db_path)
    with Store(bundled_project.db_path) as store:
        markets = len(store.search_segments("장마당", limit=100))
    path = tmp_path / "many.tmx"
    path.write_bytes(_many_units(3000, repeat_every=9))
    result = bundled_project.import_segments(tmx.read_tmx(path, "many.tmx"), batch_size=700)
    assert result.added == len({i for i in range(3000) if i % 9 != 8})
    assert bundled_project.check() == []
    # The same indexes (by name and definition), FTS5 back to its default settings.
    assert sorted(_schema(bundled_project.db_path)) == sorted(schema)
    assert _fts_config(bundled_project.db_path) == config
    with Store(bundled_project.db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        # The fuzzy index is the packed one a rebuild makes, with nothing left in the delta.
        imported = _tm_tables(store)
        assert imported["tm_delta"] == []
        with store.write():
            store.rebuild_tm_index()
        assert _tm_tables(store) == imported
        hits = store.search_segments("장마당 시세 2999번")
        assert [h.segment.source for h in hits] == ["장마당 시세 2999번: 쌀 1kg에 2999원"]
        assert len(store.search_segments("장마당", limit=5000)) == markets + result.added
        _assert_lookups_exact(store, ["장마당 시세 1234번: 쌀 1kg에 1234원", "보위부"])
    # and the database holds what a build from the files gives
    words_sql = "SELECT word FROM segments_words ORDER BY word"
    with Store(bundled_project.db_path) as store:
        imported_dump = store.dump()
        imported_words = store.conn.execute(words_sql).fetchall()
    bundled_project.build()
    with Store(bundled_project.db_path) as store:
        assert store.dump() == imported_dump
        # the English words for prefix search: added once at the end of the bulk load
        assert store.conn.execute(words_sql).fetchall() == imported_words
        assert len(imported_words) > 100


def test_small_import_extends_the_delta_like_adding_segments(
    bundled_project, tmp_path, monkeypatch
):
    # 60 segments are a large import for the 45 bundled ones: here never packed.
    monkeypatch.setattr(store_module, "DELTA_COST", 0)
    with Store(bundled_project.db_path) as store:
        base = [s for _, s in store.tm_sources()]
    r = random.Random(4)
    added = {}
    for i in range(60):
        segment = Segment("ko", "en", perturb(r.choice(base), r, 2), f"near {i}")
        added.setdefault(segment.key, segment)
    result = bundled_project.import_segments(("x", s) for s in added.values())
    assert result.added == len(added)
    with Store(bundled_project.db_path) as store:
        delta = set(store.conn.execute("SELECT token, segment_id FROM tm_delta"))
        expected = set()
        for segment_id, source in store.conn.execute(
            "SELECT id, source FROM segments WHERE id > 45"
        ):
            expected.update(
                (t, segment_id) for t in tm_index.text_tokens(similarity_normalise(source))[0]
            )
        assert delta == expected
        _assert_lookups_exact(store, [s.source for s in list(added.values())[:8]])


def test_an_import_packs_the_index_when_the_delta_would_cost_more(
    bundled_project, tmp_path, monkeypatch
):
    """Below the bulk size but a tenth of the memory or more (with what tm_delta holds
    already): the index is packed whole, as a rebuild packs it, and finds the same."""
    monkeypatch.setattr(store_module, "DELTA_COST", 0)
    with Store(bundled_project.db_path) as store:
        base = [s for _, s in store.tm_sources()]
    r = random.Random(5)

    def near(count: int, tag: str) -> list[Segment]:
        return [
            Segment("ko", "en", perturb(r.choice(base), r, 2), f"{tag} {i}") for i in range(count)
        ]

    bundled_project.import_segments(("x", s) for s in near(3, "first"))  # into tm_delta
    with Store(bundled_project.db_path) as store:
        assert store.tm_unpacked() == 3
    monkeypatch.setattr(store_module, "DELTA_COST", 10)
    # 3 + 2 outside the packed lists, times 10, is at least the 45 + 3 + 2 segments
    result = bundled_project.import_segments(("x", s) for s in near(2, "second"))
    assert result.added == 2
    with Store(bundled_project.db_path) as store:
        assert store.tm_unpacked() == 0
        assert store.conn.execute("SELECT count(*) FROM tm_delta").fetchone() == (0,)
        packed = _tm_tables(store)
        with store.write():
            store.rebuild_tm_index()
        assert _tm_tables(store) == packed
        _assert_lookups_exact(store, base[:4] + [s for _, s in store.tm_sources()][-5:])


def test_failed_bulk_import_changes_nothing_not_even_an_index(
    bundled_project, tmp_path, small_bulk
):
    good = _many_units(2500).decode("utf-8")
    bad = good.replace(
        "</body>",
        '<tu creationdate="tomorrow"><tuv xml:lang="ko"><seg>끝</seg></tuv>'
        '<tuv xml:lang="en"><seg>The end</seg></tuv></tu>\n</body>',
    )
    path = tmp_path / "late.tmx"
    path.write_text(bad, encoding="utf-8")
    before = snapshot(bundled_project)
    schema = _schema(bundled_project.db_path)
    config = _fts_config(bundled_project.db_path)
    with Store(bundled_project.db_path) as store:
        fuzzy = _tm_tables(store)
    with pytest.raises(InputError, match="date 'tomorrow'"):
        bundled_project.import_segments(tmx.read_tmx(path, "late.tmx"), batch_size=600)
    assert snapshot(bundled_project) == before
    assert _schema(bundled_project.db_path) == schema
    assert _fts_config(bundled_project.db_path) == config
    with Store(bundled_project.db_path) as store:
        assert _tm_tables(store) == fuzzy
    assert not list(bundled_project.root.glob(".sajeon-*"))


# ---------------------------------------------------------------------------- reading elsewhere


def _batches_in_process(path: Path, size: int, **kwargs) -> list[SegmentBatch]:
    return list(segment_batches(tmx.read_tmx(path, "many.tmx", **kwargs), size))


def test_background_reader_gives_the_same_batches_report_and_progress(tmp_path):
    path = tmp_path / "many.tmx"
    path.write_bytes(_many_units(2500, repeat_every=5))
    report = tmx.TMXRead()
    seen: list[int] = []
    reader = background.BackgroundReader(
        tmx.read_tmx, path, "many.tmx", report=report, progress=seen.append
    )
    got = list(reader.batches(1000))
    expected_report = tmx.TMXRead()
    expected = _batches_in_process(path, 1000, report=expected_report)
    assert [len(b.rows) for b in got] == [1, 1000, 1000, 499]
    for a, b in zip(got, expected, strict=True):
        assert (a.rows, a.docs, a.text, a.line_ends.tolist()) == (
            b.rows,
            b.docs,
            b.text,
            b.line_ends.tolist(),
        )
    assert vars(report) == vars(expected_report) and report.units == 2500
    assert seen and seen == sorted(seen) and seen[-1] == path.stat().st_size


def test_background_reader_reports_errors_where_reading_here_does(tmp_path):
    good = _many_units(3000).decode("utf-8")
    lines = good.split("\n")
    lines[2101] = lines[2101].replace('creationdate="20250102T101500Z"', 'creationdate="tomorrow"')
    path = tmp_path / "mixed.tmx"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as here:
        _batches_in_process(path, 500)
    got = []
    with pytest.raises(InputError) as there:
        for batch in background.BackgroundReader(tmx.read_tmx, path, "many.tmx").batches(500):
            got.append(batch)
    assert str(there.value) == str(here.value)
    assert str(here.value) == "many.tmx:2102: date 'tomorrow' is not YYYYMMDDThhmmssZ"
    assert sum(len(b.rows) for b in got) == 2001  # the batches before the bad unit


def test_background_reader_stops_its_process_when_the_import_stops(tmp_path):
    path = tmp_path / "many.tmx"
    path.write_bytes(_many_units(6000))
    batches = background.BackgroundReader(tmx.read_tmx, path, "many.tmx").batches(500)
    next(batches)
    import multiprocessing

    children = multiprocessing.active_children()
    assert any(c.name == "sajeon-reader" for c in children)
    batches.close()
    assert not any(c.name == "sajeon-reader" for c in multiprocessing.active_children())


def test_import_through_the_background_reader(bundled_project, tmp_path, small_bulk):
    path = tmp_path / "many.tmx"
    path.write_bytes(_many_units(2000, repeat_every=7))
    result = bundled_project.import_segments(
        background.BackgroundReader(tmx.read_tmx, path, "many.tmx"), batch_size=600
    )
    assert result.read == 2000
    assert result.added == len({i for i in range(2000) if i % 7 != 6})
    assert bundled_project.check() == []


# ------------------------------------------------------------- work moved out of the writer


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(
            st.one_of(
                st.characters(max_codepoint=0x7F),
                st.sampled_from("éßİıﬁ½²Ⅻ\u0301\u00a0\u3000ÆøЖ"),
            ),
            max_size=30,
        ),
        max_size=8,
    )
)
def test_index_words_split_ascii_as_the_index_tokenizer_does(runs):
    """English index words made without SQLite (ASCII runs, in the reading process) and
    the other runs through SQLite's tokenizer give exactly the words the plain path
    (every run through the tokenizer) gives."""
    runs = [fold(run) for run in runs]
    words, others = store_module.index_words(runs)
    assert all(not piece.isascii() for piece in others)
    with Store(":memory:") as plain, Store(":memory:") as split:
        for store in (plain, split):
            with store.write():
                store._create_schema()
        plain_runs = {w for run in runs for w in run.split()}
        with plain.write():
            plain.conn.execute("DELETE FROM segments_words")
            _words_through_sqlite(plain, plain_runs)
        with split.write():
            split.conn.execute("DELETE FROM segments_words")
            split._add_index_words(words)
            _words_through_sqlite(split, others)
        sql = "SELECT word FROM segments_words ORDER BY word"
        assert split.conn.execute(sql).fetchall() == plain.conn.execute(sql).fetchall()


def _words_through_sqlite(store: Store, runs: set[str]) -> None:
    """What _add_segment_words did before ASCII runs were split in Python."""
    if not runs:
        return
    conn = store.conn
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.w USING fts5(latin, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.wv USING fts5vocab(temp, w, row)")
    conn.executemany("INSERT INTO temp.w (latin) VALUES (?)", [(r,) for r in runs])
    conn.execute("INSERT OR IGNORE INTO segments_words (word) SELECT term FROM temp.wv")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 40), max_size=30), max_size=6),
    st.lists(st.integers(0, 40), max_size=20),
)
def test_key_numbers_tell_new_keys_as_a_set_of_strings_does(batches, stored):
    keys = [Segment("ko", "en", f"원문 {i}", f"text {i}").key for i in range(41)]
    known = store_module.KeyNumbers.of([keys[i] for i in stored])
    seen = {keys[i] for i in stored}
    for batch in batches:
        batch_keys = [keys[i] for i in batch]
        expected = []
        for position, key in enumerate(batch_keys):
            if key not in seen:
                seen.add(key)
                expected.append(position)
        assert known.fresh(batch_keys) == expected
        known.add([batch_keys[i] for i in expected])


def test_key_numbers_refuse_keys_that_are_not_16_hex_digits():
    assert store_module.key_numbers(["0123456789abcdef", "fedcba9876543210"]).tolist() == [
        0x0123456789ABCDEF,
        0xFEDCBA9876543210,
    ]
    for odd in (["0123456789abcdeg"], ["0123456789ABCDEF"], ["012", "3456789abcdef0123456789"]):
        assert store_module.key_numbers(odd) is None


def test_bulk_import_tells_stored_segments_without_the_key_index(
    bundled_project, tmp_path, small_bulk
):
    """The bulk load drops the unique key index and tells stored keys in memory: segments
    stored before the import, and before the bulk load began, are still skipped."""
    many = _many_units(3000, repeat_every=7)
    lines = many.decode("utf-8").split("\n")  # two lines of header, a line per unit, the end
    first = tmp_path / "first.tmx"
    first.write_text("\n".join([*lines[:2], *lines[2 + 2200 :]]), encoding="utf-8")
    stored = {i for i in range(2200, 3000) if i % 7 != 6}
    assert bundled_project.import_segments(tmx.read_tmx(first, "first.tmx")).added == len(stored)
    schema = _schema(bundled_project.db_path)
    # 3000 units, every 7th repeating the one before it, the last 800 stored already:
    # the bulk load begins before them.
    path = tmp_path / "many.tmx"
    path.write_bytes(many)
    result = bundled_project.import_segments(tmx.read_tmx(path, "many.tmx"), batch_size=300)
    expected = {i for i in range(3000) if i % 7 != 6} - stored
    assert result.added == len(expected)
    assert result.duplicates == 3000 - len(expected)
    assert sorted(_schema(bundled_project.db_path)) == sorted(schema)
    assert bundled_project.check() == []
    with Store(bundled_project.db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
