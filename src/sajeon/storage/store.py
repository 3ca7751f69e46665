"""The SQLite store: the only module that knows SQL.

The database is derived from the source files and can always be rebuilt. It is written
with ``BEGIN IMMEDIATE`` transactions (so a concurrent reader such as Datasette never sees
half a change, and two writers queue instead of failing with "database is locked") and
kept in WAL mode, so readers and one writer work side by side.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sqlite_utils

from ..core.model import STATUSES, Concept, InputError, Segment, Term
from ..core.phases import phase
from ..core.similarity import normalise
from ..core.text import fold
from . import tm_bulk, tm_index
from .search import Query, gram_doc, gram_docs, parse_query

# 2: fuzzy-match index (tm_* tables); 3: segments_words; 4: search reads through spaces
# and glosses (other search documents, the terms_compact index)
SCHEMA_VERSION = "4"
BUSY_TIMEOUT_MS = 30_000
DATA_TABLES = ("concepts", "sources", "terms", "segments")
# _sajeon_meta key: "1" while segment ids follow segment dates (see Store.search_segments).
SEGMENTS_BY_DATE = "segments_by_date"
# Most terms that search_terms ranks on its fast path (exact and prefix matches only).
TERM_PREFIX_CANDIDATES = 2000
# Most words an English prefix of a concordance query is spelled out as (Store.segment_match).
PREFIX_WORDS = 40
# Most hits the count methods count exactly (Store.count_terms, count_segments_with_any).
COUNT_CAP = 10_000
# A term's folded text without spaces: what term search compares, since news copy writes
# compounds with and without them (온성군 보위부, 온성군보위부). Indexed (terms_compact) as
# an expression, so the terms table shows no extra column; queries must spell it alike.
_COMPACT = "replace({col}, ' ', '')"
TM_TABLES = ("tm_postings", "tm_delta", "tm_lengths", "tm_meta")  # the fuzzy-match index (issue 5)
REBUILD_BATCH = 20_000  # sources tokenised at once when the fuzzy index is rebuilt
TM_LENGTHS_INDEX = "CREATE INDEX tm_lengths_length ON tm_lengths (length, segment_id)"
# Writing a segment's tm_delta rows (one per token, through a B-tree) costs about this many
# times its share of packing the whole index again (measured: 160 µs against 12 µs a
# segment), so an import packs the index whole once the segments outside it would be
# more than this share of the memory: cheaper, and lookups never read a large tm_delta.
DELTA_COST = 10

_STATUS_ORDER = (
    "CASE {col} " + " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STATUSES)) + " END"
)

_FLAT_VIEW = """
CREATE VIEW term_pairs AS
SELECT
    s.concept_id AS concept_id,
    c.domain AS domain,
    s.lang AS source_lang,
    s.text AS source_term,
    s.status AS source_status,
    t.lang AS target_lang,
    t.text AS target_term,
    t.status AS target_status,
    t.type AS target_type,
    c.definition AS definition,
    c.note AS concept_note,
    s.note AS source_note,
    t.note AS target_note,
    s.valid_from AS source_valid_from,
    s.valid_until AS source_valid_until,
    t.valid_from AS target_valid_from,
    t.valid_until AS target_valid_until
FROM terms AS s
JOIN terms AS t ON t.concept_id = s.concept_id AND t.lang <> s.lang
JOIN concepts AS c ON c.id = s.concept_id
ORDER BY s.concept_id, s.lang, t.lang,
    {s_rank}, s.text, {t_rank}, t.text
""".format(s_rank=_STATUS_ORDER.format(col="s.status"), t_rank=_STATUS_ORDER.format(col="t.status"))


@dataclass
class TermHit:
    term_id: int
    concept_id: str
    lang: str
    text: str
    status: str
    domain: str | None
    # 0 exact, 1 exact without a particle, 2 prefix, 3 substring, 4 other; spaces left out
    match_rank: int


@dataclass
class SegmentHit:
    id: int
    segment: Segment


def connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class Store:
    """A sajeon database file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.conn = connect(self.path)
        self.db = sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def write(self) -> Iterator[Store]:
        """One write transaction, begun with BEGIN IMMEDIATE."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        with phase("commit"):
            self.conn.execute("COMMIT")

    # ------------------------------------------------------------------ schema

    @property
    def schema_version(self) -> str | None:
        if not self.db["_sajeon_meta"].exists():
            return None
        row = self.conn.execute(
            "SELECT value FROM _sajeon_meta WHERE key = 'schema_version'"
        ).fetchone()
        return row[0] if row else None

    def is_current(self) -> bool:
        return self.schema_version == SCHEMA_VERSION

    def enable_wal(self) -> None:
        if self.db.journal_mode != "wal":
            self.db.enable_wal()

    def _create_schema(self) -> None:
        """Drop and create every sajeon table; call inside :meth:`write`."""
        db = self.db
        for view in ("term_pairs",):
            db.execute(f"DROP VIEW IF EXISTS {view}")
        for name in (
            *TM_TABLES,
            "terms_fts",
            "segments_fts",
            "segments_words",
            "terms",
            "sources",
            "segments",
            "concepts",
            "_sajeon_files",
            "_sajeon_meta",
        ):
            db.execute(f"DROP TABLE IF EXISTS [{name}]")
        db["concepts"].create(
            {
                "id": str,
                "domain": str,
                "definition": str,
                "note": str,
                "created": str,
                "modified": str,
                "author": str,
            },
            pk="id",
        )
        db["sources"].create(
            {"concept_id": str, "position": int, "source": str},
            pk=("concept_id", "position"),
            foreign_keys=[("concept_id", "concepts", "id")],
            not_null={"concept_id", "position", "source"},
        )
        db["terms"].create(
            {
                "id": int,
                "concept_id": str,
                "lang": str,
                "text": str,
                "status": str,
                "pos": str,
                "type": str,
                "note": str,
                "valid_from": str,
                "valid_until": str,
                "folded": str,
            },
            pk="id",
            foreign_keys=[("concept_id", "concepts", "id")],
            not_null={"concept_id", "lang", "text", "status", "folded"},
        )
        db["terms"].create_index(["concept_id", "lang", "text"], unique=True)
        db["terms"].create_index(["lang", "folded"])
        db.execute(f"CREATE INDEX terms_compact ON terms (lang, {_COMPACT.format(col='folded')})")
        db["concepts"].create_index(["domain"])
        db["segments"].create(
            {
                "id": int,
                "key": str,
                "source_lang": str,
                "target_lang": str,
                "source": str,
                "target": str,
                "origin": str,
                "date": str,
                "translator": str,
                "note": str,
            },
            pk="id",
            not_null={"key", "source_lang", "target_lang", "source", "target"},
        )
        db["segments"].create_index(["key"], unique=True)
        db["segments"].create_index(["date"])
        db["segments"].create_index(["origin"])
        db["segments"].create_index(["source_lang", "target_lang"])
        for table in ("terms_fts", "segments_fts"):
            db.execute(
                f"CREATE VIRTUAL TABLE {table} USING fts5("
                "uni, bi, latin, content='', tokenize='unicode61 remove_diacritics 2')"
            )
        db.execute("CREATE TABLE segments_words (word TEXT PRIMARY KEY) WITHOUT ROWID")
        db.execute(_FLAT_VIEW)
        self._create_tm_schema()
        db["_sajeon_files"].create({"path": str, "sha256": str}, pk="path")
        db["_sajeon_meta"].create({"key": str, "value": str}, pk="key")
        db["_sajeon_meta"].insert({"key": "schema_version", "value": SCHEMA_VERSION})

    # ------------------------------------------------------------------ building

    def rebuild(
        self, concepts: Iterable[Concept], segments: Iterable[Segment], fingerprints: dict[str, str]
    ) -> None:
        """Replace all content, in one transaction, inside the existing file.

        The file is never removed or replaced, so a server reading it over WAL keeps
        working and sees the new content when the transaction commits.
        """
        self.enable_wal()
        with self.write():
            self.replace_content(concepts, segments, fingerprints)

    def replace_content(
        self, concepts: Iterable[Concept], segments: Iterable[Segment], fingerprints: dict[str, str]
    ) -> None:
        """The body of :meth:`rebuild`, for a caller already inside :meth:`write`."""
        self._create_schema()
        for concept in concepts:
            self._insert_concept(concept)
        ordered = sorted(segments, key=_date_order)
        self._insert_segments(ordered, first_id=1)
        self._set_meta(SEGMENTS_BY_DATE, "1")
        self.rebuild_tm_index()
        self.set_fingerprints(fingerprints, replace_all=True)

    def set_fingerprints(self, fingerprints: dict[str, str], replace_all: bool = False) -> None:
        if replace_all:
            self.conn.execute("DELETE FROM _sajeon_files")
        self.db["_sajeon_files"].upsert_all(
            [{"path": p, "sha256": h} for p, h in sorted(fingerprints.items())], pk="path"
        )

    def fingerprints(self) -> dict[str, str]:
        if not self.db["_sajeon_files"].exists():
            return {}
        return dict(self.conn.execute("SELECT path, sha256 FROM _sajeon_files"))

    # ------------------------------------------------------------------ concepts

    def _insert_concept(self, concept: Concept) -> None:
        self.conn.execute(
            "INSERT INTO concepts (id, domain, definition, note, created, modified, author) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                concept.id,
                concept.domain,
                concept.definition,
                concept.note,
                concept.created,
                concept.modified,
                concept.author,
            ),
        )
        self.conn.executemany(
            "INSERT INTO sources (concept_id, position, source) VALUES (?, ?, ?)",
            [(concept.id, i, s) for i, s in enumerate(concept.sources, start=1)],
        )
        for term in concept.terms:
            cur = self.conn.execute(
                "INSERT INTO terms (concept_id, lang, text, status, pos, type, note, "
                "valid_from, valid_until, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    concept.id,
                    term.lang,
                    term.text,
                    term.status,
                    term.pos,
                    term.type,
                    term.note,
                    term.valid_from,
                    term.valid_until,
                    fold(term.text),
                ),
            )
            self._index("terms_fts", cur.lastrowid, gram_doc(term.text))

    def _index(self, table: str, rowid: int, doc, delete: bool = False) -> None:
        command = "'delete', " if delete else ""
        columns = f"{table}, rowid" if delete else "rowid"
        self.conn.execute(
            f"INSERT INTO {table} ({columns}, uni, bi, latin) VALUES ({command}?, ?, ?, ?)",
            (rowid, doc.uni, doc.bi, doc.latin),
        )

    def delete_concept(self, concept_id: str) -> None:
        for term_id, text in self.conn.execute(
            "SELECT id, text FROM terms WHERE concept_id = ?", (concept_id,)
        ).fetchall():
            self._index("terms_fts", term_id, gram_doc(text), delete=True)
        self.conn.execute("DELETE FROM terms WHERE concept_id = ?", (concept_id,))
        self.conn.execute("DELETE FROM sources WHERE concept_id = ?", (concept_id,))
        self.conn.execute("DELETE FROM concepts WHERE id = ?", (concept_id,))

    def put_concept(self, concept: Concept) -> None:
        """Insert or replace one concept with its terms and sources."""
        self.delete_concept(concept.id)
        self._insert_concept(concept)

    def concept(self, concept_id: str) -> Concept | None:
        found = self.concepts([concept_id])
        return found[0] if found else None

    def concepts(self, ids: Iterable[str] | None = None) -> list[Concept]:
        """Concepts by id (all of them when ``ids`` is None), in id order."""
        if ids is None:
            rows = self.conn.execute("SELECT * FROM concepts ORDER BY id").fetchall()
        else:
            ids = list(dict.fromkeys(ids))
            rows = []
            for chunk in _chunks(ids, 500):
                rows += self.conn.execute(
                    f"SELECT * FROM concepts WHERE id IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
            rows.sort(key=lambda r: r[0])
        columns = ("id", "domain", "definition", "note", "created", "modified", "author")
        concepts = {r[0]: Concept(**dict(zip(columns, r, strict=True))) for r in rows}
        if not concepts:
            return []
        wanted = list(concepts)
        for chunk in _chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            for cid, source in self.conn.execute(
                f"SELECT concept_id, source FROM sources WHERE concept_id IN ({marks}) "
                "ORDER BY concept_id, position",
                chunk,
            ):
                concepts[cid].sources.append(source)
            for row in self.conn.execute(
                "SELECT concept_id, lang, text, status, pos, type, note, valid_from, valid_until "
                f"FROM terms WHERE concept_id IN ({marks}) ORDER BY id",
                chunk,
            ):
                concepts[row[0]].terms.append(Term(*row[1:]))
        for concept in concepts.values():
            concept.terms.sort(key=Term.sort_key)
        return list(concepts.values())

    def concept_ids_with_term(self, text: str, lang: str | None = None) -> list[str]:
        """Concepts holding a term equal to ``text`` (case-insensitively, NFKC-folded)."""
        sql = "SELECT DISTINCT concept_id FROM terms WHERE folded = ?"
        params: list = [fold(text)]
        if lang:
            sql += " AND lang = ?"
            params.append(lang)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY concept_id", params)]

    # ------------------------------------------------------------------ segments

    def _insert_segments(self, segments: list[Segment], first_id: int) -> int:
        """Insert segments (keys already checked) with ids from ``first_id``, with their
        search documents."""
        return self._insert_rows([segment_row(s) for s in segments], first_id)

    def _insert_rows(
        self,
        rows: list[tuple],
        first_id: int,
        docs: Documents | None = None,
        words: set[str] | None = None,
        *,
        words_known: bool = False,
    ) -> int:
        """Insert :func:`segment_row` rows with ids from ``first_id``, their search
        documents (computed here unless given) and their English index words, a few
        thousand rows per statement. With ``words``, the words are collected there for
        the caller to add later (a bulk import, in a few large goes); without, they are
        added once at the end. With ``words_known``, the caller has them already
        (:func:`index_words`, made while the file was read) and none are collected."""
        collected: set[str] = set() if words is None else words
        for start in range(0, len(rows), 5000):
            chunk = rows[start : start + 5000]
            ids = range(first_id + start, first_id + start + len(chunk))
            with phase("row inserts"):
                self.conn.executemany(
                    "INSERT INTO segments (id, key, source_lang, target_lang, source, target, "
                    "origin, date, translator, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(i, *row) for i, row in zip(ids, chunk, strict=True)],
                )
            if docs is None:
                with phase("search documents: make"):
                    uni, bi, latin = segment_documents(chunk)
            else:
                uni, bi, latin = (column[start : start + 5000] for column in docs)
            with phase("search documents: FTS5 inserts"):
                self.conn.executemany(
                    "INSERT INTO segments_fts (rowid, uni, bi, latin) VALUES (?, ?, ?, ?)",
                    zip(ids, uni, bi, latin, strict=True),
                )
            if not words_known:
                with phase("English words"):
                    collected.update(w for run in latin for w in run.split())
        if words is None and not words_known:
            self._add_segment_words(collected)
        return len(rows)

    def _add_segment_words(self, latin_runs: set[str]) -> None:
        """Add the index's words for these runs of the ``latin`` column to segments_words.
        ASCII runs are split here (:func:`index_words`); a temporary FTS5 table with the
        index's tokenizer splits and folds the others, so that the list holds exactly the
        words of the index."""
        words, latin_runs = index_words(latin_runs)
        self._add_index_words(words)
        if not latin_runs:
            return
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sajeon_words USING fts5(latin, "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.sajeon_words_vocab "
            "USING fts5vocab(temp, sajeon_words, row)"
        )
        self.conn.execute("DELETE FROM temp.sajeon_words")
        self.conn.executemany(
            "INSERT INTO temp.sajeon_words (latin) VALUES (?)", [(r,) for r in latin_runs]
        )
        self.conn.execute(
            "INSERT OR IGNORE INTO segments_words (word) SELECT term FROM temp.sajeon_words_vocab"
        )
        self.conn.execute("DELETE FROM temp.sajeon_words")

    def _add_index_words(self, words: set[str]) -> None:
        """Add words already split and folded as the index does to segments_words (in
        order: the B-tree is filled left to right)."""
        if words:
            self.conn.executemany(
                "INSERT OR IGNORE INTO segments_words (word) VALUES (?)",
                [(w,) for w in sorted(words)],
            )

    def add_segments(self, segments: list[Segment]) -> int:
        """Append new segments (the caller has already removed duplicates).

        They get ids in date order, like :meth:`rebuild` gives them; if one is older than a
        segment already stored, ids no longer follow dates and the concordance falls back
        to sorting by date until the next rebuild (see :meth:`search_segments`). The fuzzy
        index learns them at once."""
        ordered = sorted(segments, key=_date_order)
        if not ordered:
            return 0
        last, latest = self.conn.execute("SELECT max(id), max(date) FROM segments").fetchone()
        if (ordered[0].date or "") < (latest or ""):
            self._set_meta(SEGMENTS_BY_DATE, "0")
        first = (last or 0) + 1
        added = self._insert_segments(ordered, first)
        self._add_to_tm_index(first, ordered)
        return added

    def segment_keys(self, keys: Iterable[str]) -> set[str]:
        """Which of these segment keys are already stored."""
        found: set[str] = set()
        for chunk in _chunks(list(keys), 500):
            found.update(
                r[0]
                for r in self.conn.execute(
                    f"SELECT key FROM segments WHERE key IN ({','.join('?' * len(chunk))})", chunk
                )
            )
        return found

    def segments(self, where: str = "", params: Iterable = ()) -> Iterator[Segment]:
        sql = (
            "SELECT source_lang, target_lang, source, target, origin, date, translator, note "
            "FROM segments"
        )
        for row in self.conn.execute(f"{sql} {where} ORDER BY id", list(params)):
            yield Segment(*row)

    # ------------------------------------------------------------------ issue 4: streamed imports

    def use_large_cache(self, mebibytes: int = 64) -> None:
        """A bigger page cache for this connection: a large import inserts keys (random
        hashes) all over the unique index, and the default 2 MB cache thrashes."""
        self.conn.execute(f"PRAGMA cache_size = -{mebibytes * 1024}")

    def segment_appender(self, spill_dir: Path | None = None) -> SegmentAppender:
        """Appends the batches of a streamed import (call inside :meth:`write`)."""
        return SegmentAppender(self, spill_dir)

    # ------------------------------------------------------------------ search

    def search_terms(
        self, query: str, lang: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[TermHit]:
        """Terms matching ``query``, best first: exact, exact without a particle, prefix,
        substring (of the query as typed, or without its particle), all compared without
        spaces (온성군보위부 is an exact match of 온성군 보위부); then, among equals, terms
        with the query's own spacing; then shorter terms, preferred before admitted,
        alphabetical."""
        parsed = parse_query(query)
        if not parsed:
            return []
        # A common syllable (군) matches thousands of terms, and ranking them all costs tens
        # of milliseconds. The best ranks (exact and prefix matches) are a range of the
        # (lang, compact text) index: when they alone fill the page, rank only them.
        prefixes = [_compact(parsed.text), *map(_compact, parsed.stems)]
        if offset + limit <= TERM_PREFIX_CANDIDATES:
            candidates = self._term_ids_by_prefix(prefixes, lang, TERM_PREFIX_CANDIDATES)
            if candidates is not None:
                hits = self._ranked_terms(parsed, lang, offset + limit, 0, candidates)
                if len(hits) >= offset + limit:
                    return hits[offset:]
        return self._ranked_terms(parsed, lang, limit, offset)

    def _term_ids_by_prefix(
        self, prefixes: list[str], lang: str | None, most: int
    ) -> list[int] | None:
        """Ids of the terms whose folded text without spaces starts with one of
        ``prefixes`` (in ``lang`` when given), or None when there are more than ``most``."""
        langs = [lang] if lang else self._term_languages()
        ids: set[int] = set()
        compact = _COMPACT.format(col="folded")
        for prefix in dict.fromkeys(prefixes):
            if not prefix:
                return None
            # Texts starting with the prefix sort from it up to its last character + 1 (UTF-8
            # compares as code points); the substr test keeps the range exact at the edges.
            last = ord(prefix[-1]) + 1
            if last > 0x10FFFF:
                return None
            end = prefix[:-1] + chr(0xE000 if 0xD800 <= last <= 0xDFFF else last)
            for lang_ in langs:
                rows = self.conn.execute(
                    f"SELECT id FROM terms WHERE lang = ? AND {compact} >= ? AND {compact} < ? "
                    f"AND substr({compact}, 1, length(?)) = ? LIMIT ?",
                    (lang_, prefix, end, prefix, prefix, most + 1),
                )
                ids.update(r[0] for r in rows)
                if len(ids) > most:
                    return None
        return sorted(ids)

    def _term_languages(self) -> list[str]:
        """The languages of the terms, each found with one seek in the (lang, folded) index."""
        langs: list[str] = []
        while True:
            sql = "SELECT min(lang) FROM terms" + (" WHERE lang > ?" if langs else "")
            found = self.conn.execute(sql, langs[-1:]).fetchone()[0]
            if found is None:
                return langs
            langs.append(found)

    def _ranked_terms(
        self,
        parsed: Query,
        lang: str | None,
        limit: int,
        offset: int,
        candidates: list[int] | None = None,
    ) -> list[TermHit]:
        """The ranking of :meth:`search_terms`, over every match or over ``candidates``."""
        # The stems are spelled out as parameters, not read with json_each: this CASE runs
        # for every match, and a one-syllable query matches thousands of terms. Ranks
        # compare texts without spaces (:c, :cN); the query as typed (:q, :sN) decides
        # among equals, so that a term spaced as the query is never below a variant.
        stems = {f"s{i}": stem for i, stem in enumerate(parsed.stems)}
        compact_stems = {f"c{i}": _compact(stem) for i, stem in enumerate(parsed.stems)}
        text = _COMPACT.format(col="t.folded")
        exact_stem = " OR ".join(f"{text} = :{k}" for k in compact_stems) or "0"
        prefix = " OR ".join(
            [f"substr({text}, 1, length(:c)) = :c"]
            + [f"substr({text}, 1, length(:{k})) = :{k}" for k in compact_stems]
        )
        inside = " OR ".join(
            [f"instr({text}, :c) > 0"] + [f"instr({text}, :{k}) > 0" for k in compact_stems]
        )
        as_typed = " OR ".join(
            ["instr(t.folded, :q) > 0"] + [f"instr(t.folded, :{k}) > 0" for k in stems]
        )
        # Candidates first: SQLite then loops over them and only tests the (longer) list
        # of index matches.
        among = "" if candidates is None else "t.id IN (SELECT value FROM json_each(:ids)) AND"
        # Ranked over terms alone; the concept's domain is joined to the page of hits only.
        order = "match_rank, spacing, length(folded), status_rank, text, lang, concept_id"
        sql = f"""
            SELECT h.id, h.concept_id, h.lang, h.text, h.status, c.domain, h.match_rank
            FROM (
              SELECT t.id, t.concept_id, t.lang, t.text, t.status, t.folded,
                CASE WHEN {text} = :c THEN 0
                     WHEN {exact_stem} THEN 1
                     WHEN {prefix} THEN 2
                     WHEN {inside} THEN 3
                     ELSE 4 END AS match_rank,
                CASE WHEN {as_typed} THEN 0 ELSE 1 END AS spacing,
                {_STATUS_ORDER.format(col="t.status")} AS status_rank
              FROM terms t
              WHERE {among} t.id IN (SELECT rowid FROM terms_fts WHERE terms_fts MATCH :match)
                AND (:lang IS NULL OR t.lang = :lang)
              ORDER BY {order} LIMIT :limit OFFSET :offset
            ) AS h JOIN concepts c ON c.id = h.concept_id
            ORDER BY {order}
        """
        params = {
            "q": parsed.text,
            "c": _compact(parsed.text),
            "match": parsed.match,
            "lang": lang,
            "limit": limit,
            "offset": offset,
            "ids": json.dumps(candidates),
            **stems,
            **compact_stems,
        }
        return [TermHit(*row) for row in self.conn.execute(sql, params)]

    def search_segments(self, query: str, limit: int = 20, offset: int = 0) -> list[SegmentHit]:
        """Segments whose source or target matches ``query``, most recent first."""
        return self.segments_with_any([query], limit, offset)

    def segments_with_any(
        self, queries: Iterable[str], limit: int = 20, offset: int = 0
    ) -> list[SegmentHit]:
        """Segments whose source or target matches any of ``queries`` (each as
        :meth:`search_segments` takes it), most recent first: the translations that use
        any of a concept's terms."""
        match = self._any_segment_match(queries)
        if not match:
            return []
        columns = "id, source_lang, target_lang, source, target, origin, date, translator, note"
        if self.segments_by_date():
            # Ids follow dates, so FTS5 can walk its index newest-first and stop after
            # LIMIT hits, instead of sorting every match (a third of a million for 군).
            sql = f"""
                SELECT {columns} FROM segments WHERE id IN (
                    SELECT rowid FROM segments_fts WHERE segments_fts MATCH :match
                    ORDER BY rowid DESC LIMIT :limit OFFSET :offset)
                ORDER BY id DESC
            """
        else:
            sql = f"""
                SELECT {columns} FROM segments
                WHERE id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH :match)
                ORDER BY date DESC, id DESC LIMIT :limit OFFSET :offset
            """
        rows = self.conn.execute(sql, {"match": match, "limit": limit, "offset": offset})
        return [SegmentHit(row[0], Segment(*row[1:])) for row in rows]

    def _any_segment_match(self, queries: Iterable[str]) -> str:
        """One segments_fts expression for any of ``queries``; empty when none has
        anything to search for."""
        matches = [self.segment_match(p) for p in map(parse_query, queries) if p]
        if len(matches) == 1:
            return matches[0]
        return " OR ".join(f"({m})" for m in dict.fromkeys(matches))

    def count_segments_with_any(self, queries: Iterable[str], most: int = COUNT_CAP) -> int:
        """How many segments :meth:`segments_with_any` finds, counted up to ``most`` + 1
        (more than ``most`` means "more than ``most``": a common syllable matches a third
        of a large memory, and counting them all would cost more than the page)."""
        match = self._any_segment_match(queries)
        if not match:
            return 0
        return self.conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM segments_fts "
            "WHERE segments_fts MATCH :match LIMIT :most)",
            {"match": match, "most": most + 1},
        ).fetchone()[0]

    def count_terms(
        self, query: str, lang: str | None = None, most: int = COUNT_CAP
    ) -> tuple[int, int]:
        """How many terms :meth:`search_terms` finds in all, and of how many concepts,
        counted among the first ``most`` + 1 matching terms (see
        :meth:`count_segments_with_any`)."""
        parsed = parse_query(query)
        if not parsed:
            return 0, 0
        row = self.conn.execute(
            "SELECT count(*), count(DISTINCT concept_id) FROM (SELECT concept_id FROM terms "
            "WHERE id IN (SELECT rowid FROM terms_fts WHERE terms_fts MATCH :match) "
            "AND (:lang IS NULL OR lang = :lang) LIMIT :most)",
            {"match": parsed.match, "lang": lang, "most": most + 1},
        ).fetchone()
        return row[0], row[1]

    def counts(self) -> dict[str, int]:
        """Concepts, terms and segments: the figures of the home page."""
        return {
            table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("concepts", "terms", "segments")
        }

    def segment_match(self, parsed: Query) -> str:
        """``parsed.match`` for segments_fts, with each English prefix (``"secur" *``)
        spelled out as the words of the index that start with it (``"security" OR
        "securities"``): the same matches, but FTS5 reads a prefix query's every hit before
        the first (a fifth of a large memory for "state"), and a list of words lazily, so
        the newest page comes at once. Prefixes of more than :data:`PREFIX_WORDS` words,
        and databases without segments_words, keep the prefix query."""

        def spelled_out(m: re.Match) -> str:
            prefix = m.group(1)
            end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            words = [
                r[0]
                for r in self.conn.execute(
                    "SELECT word FROM segments_words WHERE word >= ? AND word < ? LIMIT ?",
                    (prefix, end, PREFIX_WORDS + 1),
                )
            ]
            if not words or len(words) > PREFIX_WORDS:
                return m.group(0)
            return "latin : (" + " OR ".join(f'"{w}"' for w in words) + ")"

        try:
            return _LATIN_PREFIX.sub(spelled_out, parsed.match)
        except sqlite3.OperationalError:  # a database built before segments_words
            return parsed.match

    # ------------------------------------------------------------------ issue 3: serving
    # What the Datasette plugin and `sajeon snapshot` need: searching over a connection
    # Datasette owns, the `_search` filter for the table pages, and immutable copies.

    @classmethod
    def on_connection(cls, conn: sqlite3.Connection, path: Path | str | None = None) -> Store:
        """A Store over a connection that someone else opened and will close (Datasette's
        read connections); :meth:`close` is not to be called on it. ``path`` is the
        database file, where known (caches such as the term recogniser's are per file)."""
        store = cls.__new__(cls)
        store.path = Path(path) if path is not None else None
        store.conn = conn
        store.db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
        return store

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO _sajeon_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def segments_by_date(self) -> bool:
        """Whether segment ids follow segment dates (true after every rebuild)."""
        row = self.conn.execute(
            "SELECT value FROM _sajeon_meta WHERE key = ?", (SEGMENTS_BY_DATE,)
        ).fetchone()
        return bool(row) and row[0] == "1"

    @staticmethod
    def search_filter(table: str, param: str) -> str | None:
        """A WHERE clause restricting ``table`` (or view) to rows that the FTS5 expression
        in parameter ``:param`` (from :func:`sajeon.storage.search.parse_query`) matches; None for
        tables that have no search. Used for Datasette's ``?_search=``."""
        terms = f"SELECT rowid FROM terms_fts WHERE terms_fts MATCH :{param}"
        if table == "terms":
            return f"id IN ({terms})"
        if table == "segments":
            return f"id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH :{param})"
        if table == "concepts":
            return f"id IN (SELECT concept_id FROM terms WHERE id IN ({terms}))"
        if table == "term_pairs":
            # Pairs whose source term matches; the concept test lets SQLite use an index.
            return (
                f"concept_id IN (SELECT concept_id FROM terms WHERE id IN ({terms})) "
                f"AND (source_lang, source_term) IN "
                f"(SELECT lang, text FROM terms WHERE id IN ({terms}))"
            )
        return None

    @staticmethod
    def newest_segments_filter(param: str, upto: str, limit: str) -> str:
        """A WHERE clause for segments: the ``:limit`` highest-id segments up to id
        ``:upto`` that the FTS5 expression in ``:param`` matches. For a page sorted by id
        descending, the same rows as :meth:`search_filter`'s, but FTS5 stops after them."""
        return (
            f"id IN (SELECT rowid FROM segments_fts WHERE segments_fts MATCH :{param} "
            f"AND rowid <= :{upto} ORDER BY rowid DESC LIMIT :{limit})"
        )

    def concepts_for_terms(self, texts: Iterable[str]) -> list[str]:
        """Concepts holding a term equal (folded, spaces left out) to any of ``texts``.
        Found through the search index and the (lang, compact text) index: a scan of every
        term costs a tenth of a second at 100,000 concepts."""
        ids: list[str] = []
        for text in texts:
            parsed = parse_query(text)
            if not parsed:
                continue
            # Language by language, the (lang, compact text) index finds the few equal
            # terms; the index matches of a common syllable are thousands.
            rows = self.conn.execute(
                "SELECT DISTINCT concept_id FROM terms "
                "WHERE lang IN (SELECT value FROM json_each(:langs)) "
                f"AND {_COMPACT.format(col='folded')} = :compact "
                "AND +id IN (SELECT rowid FROM terms_fts WHERE terms_fts MATCH :match) "
                "ORDER BY concept_id",
                {
                    "langs": json.dumps(self._term_languages()),
                    "compact": _compact(parsed.text),
                    "match": parsed.match,
                },
            )
            ids += [r[0] for r in rows if r[0] not in ids]
        return ids

    def snapshot(self, target: Path | str) -> None:
        """Write a consistent, self-contained copy of the database to ``target`` for serving
        immutable (``datasette -i``): one file, rollback journal, FTS indexes merged.

        The copy is made beside ``target`` and renamed over it, so a half-written file is
        never seen. ``target`` must not be this database: the live file is never replaced.
        """
        target = Path(target).resolve()
        if self.path is not None and target == self.path.resolve():
            raise InputError(f"{target.name}: a snapshot cannot replace the live database")
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        try:
            # VACUUM INTO reads one snapshot of the database, even while a writer works.
            self.conn.execute("VACUUM INTO ?", (str(partial),))
            copy = connect(partial)
            try:
                copy.execute("PRAGMA journal_mode = DELETE")
                for table in ("terms_fts", "segments_fts"):
                    copy.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            finally:
                copy.close()
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)

    # ------------------------------------------------------------------ reporting

    def stats(self) -> dict:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "concepts": one("SELECT count(*) FROM concepts"),
            "terms": one("SELECT count(*) FROM terms"),
            "sources": one("SELECT count(*) FROM sources"),
            "segments": one("SELECT count(*) FROM segments"),
            "terms_by_language": dict(
                self.conn.execute(
                    "SELECT lang, count(*) FROM terms GROUP BY lang ORDER BY count(*) DESC, lang"
                )
            ),
            "terms_by_status": dict(
                self.conn.execute(
                    f"SELECT status, count(*) FROM terms GROUP BY status "
                    f"ORDER BY {_STATUS_ORDER.format(col='status')}"
                )
            ),
            "concepts_by_domain": dict(
                self.conn.execute(
                    "SELECT coalesce(domain, ''), count(*) FROM concepts GROUP BY domain "
                    "ORDER BY count(*) DESC, domain"
                )
            ),
            "segments_by_pair": dict(
                self.conn.execute(
                    "SELECT source_lang || '→' || target_lang, count(*) FROM segments "
                    "GROUP BY source_lang, target_lang ORDER BY count(*) DESC"
                )
            ),
        }

    def dump(self, tables: Iterable[str] = DATA_TABLES) -> dict[str, list[tuple]]:
        """The data tables by natural key, without internal ids: what "same content" means."""
        return {table: self.conn.execute(_DUMP_SQL[table]).fetchall() for table in tables}

    # ------------------------------------------------------------------ build --check (issue 16)

    def segment_digest_rows(self, batch: int = 20_000) -> Iterator[list[tuple[str, str]]]:
        """Every segment whose key a build can make, as ``(key, text)``, a batch at a time:
        ``text`` is its values from source_lang to note joined by \\x1f, NULL as nothing;
        an empty string or a value that is not text (which no memory file gives) is \\x01.
        Neither character can be in a value read from a file, so equal texts mean equal
        rows. SQLite joins them: a million rows cost Python one tuple each."""
        columns = ("source_lang", "target_lang", "source", "target", *SEGMENT_EXTRA)
        text = " || char(31) || ".join(
            f"CASE WHEN {c} IS NULL THEN '' WHEN typeof({c}) != 'text' OR {c} = '' "
            f"THEN char(1) ELSE {c} END"
            for c in columns
        )
        cursor = self.conn.execute(f"SELECT key, {text} FROM segments WHERE NOT ({_ODD_KEY})")
        while rows := cursor.fetchmany(batch):
            yield rows

    def odd_segment_keys(self) -> list[str]:
        """Keys that are not 16 lowercase hex digits, as no build makes them."""
        return [row[0] for row in self.conn.execute(f"SELECT key FROM segments WHERE {_ODD_KEY}")]

    def segment_rows(self, keys: Iterable[str]) -> list[tuple]:
        """The :func:`segment_row` rows of these keys (those stored), as :meth:`dump` gives."""
        found: list[tuple] = []
        for chunk in _chunks(list(keys), 500):
            found += self.conn.execute(
                _DUMP_SQL["segments"].replace(
                    " ORDER BY", f" WHERE key IN ({','.join('?' * len(chunk))}) ORDER BY"
                ),
                chunk,
            ).fetchall()
        return found

    def segment_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM segments").fetchone()[0]

    # ------------------------------------------------------------------ fuzzy index (issue 5)
    # The character index of segment sources used by sajeon.engine.tm.lookup. At a rebuild every
    # segment gets a *rank* in (normalised source length, id) order, so that a length
    # window is a range of ranks; tm_postings holds, per token, the ascending ranks of the
    # segments holding it as packed little-endian int32; tm_meta holds rank → segment id
    # ('ranks'), the first rank of each length ('length_starts') and a random
    # 'generation', a hash of the packed index (for caches). Segments added later are in
    # tm_delta (one row per token and segment id) until the next rebuild packs them in.
    # tm_lengths gives every segment's normalised source length.

    def _create_tm_schema(self) -> None:
        self.conn.execute(
            "CREATE TABLE tm_postings (token INTEGER PRIMARY KEY, df INTEGER NOT NULL, "
            "ranks BLOB NOT NULL)"
        )
        self.conn.execute(
            "CREATE TABLE tm_delta (token INTEGER NOT NULL, segment_id INTEGER NOT NULL, "
            "PRIMARY KEY (token, segment_id)) WITHOUT ROWID"
        )
        self.conn.execute(
            "CREATE TABLE tm_lengths (segment_id INTEGER PRIMARY KEY "
            "REFERENCES segments(id), length INTEGER NOT NULL)"
        )
        self.conn.execute(TM_LENGTHS_INDEX)
        self.conn.execute("CREATE TABLE tm_meta (key TEXT PRIMARY KEY, value BLOB)")

    def rebuild_tm_index(self) -> None:
        """Rebuild the fuzzy index from the segments table (inside a write transaction).

        Built as a large import builds it (:mod:`sajeon.storage.tm_bulk`: numpy, sorted runs
        spilled beside the database), the same index as :func:`tm_index.build_index`
        makes, in bounded memory: a million sources and their tokens held at once took
        over a gigabyte."""
        spill_dir = self.path.parent if self.path.parent.is_dir() else None
        pairs = tm_bulk.TokenPairs(spill_dir)
        try:
            cursor = self.conn.execute("SELECT id, source FROM segments")
            while rows := cursor.fetchmany(REBUILD_BATCH):
                pairs.add([row[0] for row in rows], [row[1] for row in rows])
            self._write_tm_index(pairs.built_index())
        finally:
            pairs.close()

    def _write_tm_index(self, index: tm_index.BuiltIndex) -> None:
        """Replace the fuzzy index with ``index`` (also built by :mod:`sajeon.storage.tm_bulk`)."""
        for table in TM_TABLES:
            self.conn.execute(f"DELETE FROM {table}")
        ranks = index.rank_ids.astype("<i4", copy=False).tobytes()
        length_starts = index.length_starts.astype("<i4").tobytes()
        # The generation is a hash of the packed index, not a random id: the same files
        # must give the same database, and equal indexes may share a cache entry.
        digest = hashlib.sha256(ranks)
        digest.update(length_starts)

        def hashed(postings):
            for token, df, blob in postings:
                digest.update(f"{token}:{df}:".encode())
                digest.update(blob)
                yield token, df, blob

        self.conn.executemany(
            "INSERT INTO tm_postings (token, df, ranks) VALUES (?, ?, ?)", hashed(index.postings)
        )
        # The length index made again after the rows (one sort, not a B-tree insertion per
        # row in length order while the rows come in id order).
        self.conn.execute("DROP INDEX IF EXISTS tm_lengths_length")
        self.conn.executemany(
            "INSERT INTO tm_lengths (segment_id, length) VALUES (?, ?)", index.lengths()
        )
        self.conn.execute(TM_LENGTHS_INDEX)
        self.conn.executemany(
            "INSERT INTO tm_meta (key, value) VALUES (?, ?)",
            [
                ("ranks", ranks),
                ("length_starts", length_starts),
                ("generation", digest.hexdigest()[:32]),
            ],
        )

    def _add_to_tm_index(self, first_id: int, segments: list[Segment]) -> None:
        delta: list[tuple[int, int]] = []
        lengths: list[tuple[int, int]] = []
        for segment_id, segment in enumerate(segments, start=first_id):
            text = normalise(segment.source)
            tokens, _ = tm_index.text_tokens(text)
            delta += [(token, segment_id) for token in tokens]
            lengths.append((segment_id, len(text)))
        self.conn.executemany("INSERT INTO tm_delta (token, segment_id) VALUES (?, ?)", delta)
        self.conn.executemany("INSERT INTO tm_lengths (segment_id, length) VALUES (?, ?)", lengths)

    def tm_unpacked(self) -> int:
        """How many segments the fuzzy index holds in ``tm_delta``, outside the packed lists."""
        (indexed,) = self.conn.execute("SELECT count(*) FROM tm_lengths").fetchone()
        ranks = self.tm_meta("ranks")
        return indexed - (len(ranks) // 4 if ranks else 0)

    def tm_meta(self, key: str) -> bytes | str | None:
        row = self.conn.execute("SELECT value FROM tm_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def tm_frequencies(self, tokens: list[int]) -> dict[int, int]:
        """How many segments of the packed index hold each token (absent: none)."""
        return dict(
            self.conn.execute(
                "SELECT token, df FROM tm_postings WHERE token IN (SELECT value FROM json_each(?))",
                (json.dumps(tokens),),
            )
        )

    def tm_postings(self, tokens: list[int]) -> dict[int, np.ndarray]:
        """``{token: numpy int32 array of ascending ranks}`` from the packed index."""
        return {
            token: np.frombuffer(blob, dtype="<i4")
            for token, blob in self.conn.execute(
                "SELECT token, ranks FROM tm_postings "
                "WHERE token IN (SELECT value FROM json_each(?))",
                (json.dumps(tokens),),
            )
        }

    def tm_delta(self, tokens: list[int]) -> list[tuple[int, int, int]]:
        """``(segment id, length, shared tokens)`` of every segment added since the last
        rebuild that holds any of ``tokens``."""
        if self.conn.execute("SELECT 1 FROM tm_delta LIMIT 1").fetchone() is None:
            return []  # the usual case after a build, and cheaper to see than to join
        return self.conn.execute(
            "SELECT d.segment_id, l.length, count(*) FROM tm_delta d "
            "JOIN tm_lengths l ON l.segment_id = d.segment_id "
            "WHERE d.token IN (SELECT value FROM json_each(?)) GROUP BY d.segment_id",
            (json.dumps(tokens),),
        ).fetchall()

    def tm_sources_by_ids(
        self, ids: list[int], source_lang: str | None, target_lang: str | None
    ) -> list[tuple[int, str]]:
        """``(id, source)`` of these segments, in the language pair when one is given."""
        return self.conn.execute(
            "SELECT s.id, s.source FROM segments s "
            "WHERE s.id IN (SELECT value FROM json_each(?)) "
            "AND (? IS NULL OR s.source_lang = ?) AND (? IS NULL OR s.target_lang = ?)",
            (json.dumps(ids), source_lang, source_lang, target_lang, target_lang),
        ).fetchall()

    def tm_sources_by_length(
        self,
        shortest: int,
        longest: int | None,
        source_lang: str | None,
        target_lang: str | None,
    ) -> Iterator[tuple[int, str]]:
        """``(id, source)`` of every segment whose normalised source length is in
        ``[shortest, longest]`` (no upper bound when ``longest`` is None)."""
        return self.conn.execute(
            "SELECT s.id, s.source FROM tm_lengths l JOIN segments s ON s.id = l.segment_id "
            "WHERE l.length >= ? AND (? IS NULL OR l.length <= ?) "
            "AND (? IS NULL OR s.source_lang = ?) AND (? IS NULL OR s.target_lang = ?)",
            (shortest, longest, longest, source_lang, source_lang, target_lang, target_lang),
        )

    def tm_segments_by_ids(self, ids: list[int]) -> list[tuple]:
        """Full rows for lookup results: id, source, target, source_lang, target_lang,
        origin, date, translator, note."""
        return self.conn.execute(
            "SELECT id, source, target, source_lang, target_lang, origin, date, translator, "
            "note FROM segments WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        ).fetchall()

    def tm_sources(self) -> Iterator[tuple[int, str]]:
        """``(id, source)`` of every segment: what an exhaustive scan reads."""
        return self.conn.execute("SELECT id, source FROM segments ORDER BY id")


# An English prefix in a query from sajeon.storage.search.parse_query; a run of ASCII letters and
# digits is one word of the index, as the query spells it.
_LATIN_PREFIX = re.compile(r'latin : "([a-z0-9]+)" \*')

# ---------------------------------------------------------------------- issue 4: bulk import

# English index words a bulk load collects before adding them to segments_words: few
# additions, yet bounded memory (numbers are words too, and mostly distinct).
WORDS_BUFFERED = 100_000
# An import of at least this many segments, and at least as many as the memory already
# holds, is loaded in bulk (see SegmentAppender).
BULK_SEGMENTS = 20_000
# FTS5's in-memory buffer of pending index entries during a bulk load (default 1 MiB):
# larger means fewer, larger index segments written and far less merging. (Beyond 8 MiB
# no faster for a million segments, and what it holds in memory is several times this.)
FTS_BULK_HASHSIZE = 8 * 1024 * 1024
FTS_DEFAULT_HASHSIZE = 1024 * 1024
# The page cache while a bulk import's indexes are made at the end (KiB).
FINISH_CACHE_KIB = 16 * 1024


class SegmentAppender:
    """Appends the segments of a streamed import inside the caller's write transaction,
    batch by batch, and brings the indexes up to date in :meth:`finish`.

    Ids are given as :meth:`Store.add_segments` gives them (date order within a batch,
    after every segment stored). The fuzzy index is brought up to date once, at the end:
    packed whole again (:mod:`sajeon.storage.tm_bulk`) when that costs less than adding the
    import's segments to ``tm_delta`` (a tenth of the memory or more, with the segments
    already there: :data:`DELTA_COST`), else extended with ``tm_delta`` rows, as
    :meth:`Store.add_segments` does.

    A *bulk* import (at least :data:`BULK_SEGMENTS` and as large as the memory) also
    drops the non-unique indexes of ``segments`` while rows go in and makes them again at
    the end (one sort instead of a B-tree insertion per row and index; the unique key
    index stays, imports look duplicates up in it), and lets FTS5 buffer more of its index
    in memory. All of it happens inside the transaction: an error or a kill before the
    commit leaves the database as it was, indexes included.
    """

    def __init__(self, store: Store, spill_dir: Path | None = None):
        self.store = store
        last, latest, self.stored = store.conn.execute(
            "SELECT max(id), max(date), count(*) FROM segments"
        ).fetchone()
        self.first_id = self.next_id = (last or 0) + 1
        self.latest = latest or ""
        self.bulk = False
        self.recreate: list[str] = []  # CREATE INDEX statements of the indexes dropped
        self.tokens = tm_bulk.TokenPairs(spill_dir)
        self.words: set[str] = set()  # runs of the latin column, for segments_words
        self.ready_words: set[str] = set()  # words already split and folded (index_words)
        # Every stored key, during a bulk load that dropped the unique key index.
        self.keys: KeyNumbers | None = None

    @property
    def added(self) -> int:
        return self.next_id - self.first_id

    def fresh(self, keys: list[str]) -> list[int]:
        """The positions in ``keys`` of those not stored yet, the first of equal keys
        only, ascending. (A batch large enough starts the bulk load here.)"""
        self._maybe_start_bulk(len(keys))
        if self.keys is not None:
            return self.keys.fresh(keys)
        stored = self.store.segment_keys(keys)
        positions: list[int] = []
        for i, key in enumerate(keys):
            if key not in stored:
                stored.add(key)
                positions.append(i)
        return positions

    def add(
        self,
        rows: list[tuple],
        docs: Documents | None = None,
        *,
        order: list[int] | None = None,
        words: tuple[set[str], set[str]] | None = None,
    ) -> None:
        """Append :func:`segment_row` rows (the caller has removed duplicates) with their
        search documents (computed here unless given).

        ``order``, when given, lists the positions of the rows to append in id order (by
        date, then key: :func:`id_order`), and may leave some out. ``words``, when given,
        are the English index words of the rows appended (:func:`index_words`)."""
        if order is None:
            order = id_order(rows)
        if not order:
            return
        rows = [rows[i] for i in order]
        if docs is not None:
            docs = tuple([column[i] for i in order] for column in docs)
        if (rows[0][6] or "") < self.latest:
            self.store._set_meta(SEGMENTS_BY_DATE, "0")
        self.latest = max(self.latest, rows[-1][6] or "")
        self._maybe_start_bulk(len(rows))
        if self.keys is not None:
            self.keys.add([row[0] for row in rows])
        if words is None:
            self.store._insert_rows(rows, self.next_id, docs, self.words)
        else:
            self.store._insert_rows(rows, self.next_id, docs, words_known=True)
            self.ready_words |= words[0]
            self.words |= words[1]
        if len(self.words) + len(self.ready_words) >= WORDS_BUFFERED:
            self._add_words()
        with phase("fuzzy index: tokens"):
            self.tokens.add(range(self.next_id, self.next_id + len(rows)), [r[3] for r in rows])
        self.next_id += len(rows)

    def _add_words(self) -> None:
        with phase("English words"):
            self.store._add_index_words(self.ready_words)
            self.store._add_segment_words(self.words)
        self.words, self.ready_words = set(), set()

    def _maybe_start_bulk(self, coming: int) -> None:
        if not self.bulk and self.added + coming >= max(BULK_SEGMENTS, self.stored):
            self._start_bulk()

    def _start_bulk(self) -> None:
        conn = self.store.conn
        # Without the unique key index, new keys are told from stored ones in memory (8
        # bytes a key): every key is 16 hex digits, a 64-bit number.
        stored = [r[0] for r in conn.execute("SELECT key FROM segments")]
        self.keys = KeyNumbers.of(stored)
        unique = {row[1] for row in conn.execute("PRAGMA index_list(segments)") if row[2]}
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'segments' AND sql IS NOT NULL"
        ).fetchall():
            if name not in unique or self.keys is not None:
                conn.execute(f"DROP INDEX [{name}]")
                self.recreate.append(sql)
        conn.execute(
            "INSERT INTO segments_fts (segments_fts, rank) VALUES ('hashsize', ?)",
            (FTS_BULK_HASHSIZE,),
        )
        self.bulk = True

    def finish(self) -> None:
        """Bring the fuzzy index up to date and make the dropped indexes again."""
        conn = self.store.conn
        cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
        if self.bulk:
            # What follows writes in order (fuzzy index, sorted index builds): a small page
            # cache does, and leaves the memory to the index build's arrays.
            conn.execute(f"PRAGMA cache_size = -{FINISH_CACHE_KIB}")
        if self.bulk or (self.added and self._pack_cheaper()):
            # Every segment's tokens: those stored before the import too.
            with phase("fuzzy index: build and write"):
                cursor = conn.execute(
                    "SELECT id, source FROM segments WHERE id < ? ORDER BY id", (self.first_id,)
                )
                while rows := cursor.fetchmany(REBUILD_BATCH):
                    self.tokens.add([r[0] for r in rows], [r[1] for r in rows])
                self.store._write_tm_index(self.tokens.built_index())
        elif self.added:
            low = np.uint64(0xFFFFFFFF)
            conn.executemany(
                "INSERT INTO tm_delta (token, segment_id) VALUES (?, ?)",
                (
                    pair
                    for keys in self.tokens.by_token()
                    for pair in zip(
                        (keys >> np.uint64(32)).tolist(), (keys & low).tolist(), strict=True
                    )
                ),
            )
            conn.executemany(
                "INSERT INTO tm_lengths (segment_id, length) VALUES (?, ?)",
                zip(
                    np.concatenate(self.tokens.ids).tolist(),
                    np.concatenate(self.tokens.lengths).tolist(),
                    strict=True,
                ),
            )
        self._add_words()
        with phase("index rebuilds"):
            for sql in self.recreate:
                conn.execute(sql)
        self.recreate = []
        self.keys = None
        if self.bulk:
            # Back to the default through FTS5 (which tells other connections to reload
            # the settings), then the setting's row removed: the table is as it was.
            conn.execute(
                "INSERT INTO segments_fts (segments_fts, rank) VALUES ('hashsize', ?)",
                (FTS_DEFAULT_HASHSIZE,),
            )
            conn.execute("DELETE FROM segments_fts_config WHERE k = 'hashsize'")
            conn.execute(f"PRAGMA cache_size = {cache_size}")
        self.close()

    def _pack_cheaper(self) -> bool:
        """Whether packing the fuzzy index whole costs less than adding this import's
        segments to ``tm_delta`` (see :data:`DELTA_COST`)."""
        outside = self.added + self.store.tm_unpacked()
        return outside * DELTA_COST >= self.stored + self.added

    def close(self) -> None:
        """Remove the temporary file (also when the import fails)."""
        self.tokens.close()


# A segment as stored, without its id: the columns of segments after id, in order.
SEGMENT_COLUMNS = (
    "key",
    "source_lang",
    "target_lang",
    "source",
    "target",
    "origin",
    "date",
    "translator",
    "note",
)
# Search documents of several segments: the uni, bi and latin columns (search.gram_docs).
Documents = tuple[list[str], list[str], list[str]]


_DUMP_SQL = {
    "concepts": "SELECT id, domain, definition, note, created, modified, author "
    "FROM concepts ORDER BY id",
    "sources": "SELECT concept_id, position, source FROM sources ORDER BY concept_id, position",
    "terms": "SELECT concept_id, lang, text, status, pos, type, note, valid_from, "
    "valid_until FROM terms ORDER BY concept_id, lang, text",
    "segments": "SELECT key, source_lang, target_lang, source, target, origin, date, "
    "translator, note FROM segments ORDER BY key",
}
SEGMENT_EXTRA = ("origin", "date", "translator", "note")
# A segment key that no build makes (segment_key gives 16 lowercase hex digits)
_ODD_KEY = "typeof(key) != 'text' OR length(key) != 16 OR key GLOB '*[^0-9a-f]*'"


def segment_row(segment: Segment) -> tuple:
    """The :data:`SEGMENT_COLUMNS` of a segment."""
    return (
        segment.key,
        segment.source_lang,
        segment.target_lang,
        segment.source,
        segment.target,
        segment.origin,
        segment.date,
        segment.translator,
        segment.note,
    )


def id_order(rows: list[tuple]) -> list[int]:
    """The positions of :func:`segment_row` rows in the order they get ids: by date
    (undated first), then by key, as :func:`_date_order` orders segments."""
    keys = [(row[6] or "", row[0]) for row in rows]
    return sorted(range(len(rows)), key=keys.__getitem__)


# What FTS5's unicode61 tokenizer makes of ASCII text: runs of letters and digits (every
# other ASCII character separates words), lower-cased. So ASCII words are split here exactly
# as the index splits them, without a round trip through SQLite.
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def index_words(latin: Iterable[str]) -> tuple[set[str], set[str]]:
    """The English index words (for segments_words) of runs of the ``latin`` search
    column: ``(words, others)``, the words of the ASCII runs, split and folded as the
    index does, and the runs holding other characters, which only SQLite's tokenizer
    splits exactly (:meth:`Store._add_segment_words`)."""
    words: set[str] = set()
    others: set[str] = set()
    for piece in {w for run in latin for w in run.split()}:
        if piece.isascii():
            words.update(_ASCII_WORD.findall(piece.lower()))
        else:
            others.add(piece)
    return words, others


class KeyNumbers:
    """A set of segment keys (16 hex digits each) held as sorted arrays of 64-bit numbers,
    a few arrays of falling size (merged as they fill, so that lookups stay cheap)."""

    def __init__(self) -> None:
        self.levels: list[np.ndarray] = []

    @classmethod
    def of(cls, keys: list[str]) -> KeyNumbers | None:
        """The set of ``keys``; None when one is not 16 lower-case hex digits."""
        numbers = key_numbers(keys)
        if numbers is None:
            return None
        found = cls()
        found._insert(numbers)
        return found

    def fresh(self, keys: list[str]) -> list[int]:
        """Positions of the keys not in the set, the first of equal keys only, ascending."""
        numbers = key_numbers(keys)
        if numbers is None:
            raise ValueError("a segment key is not 16 hex digits")
        _, first = np.unique(numbers, return_index=True)
        first.sort()
        known = self._contains(numbers[first])
        return first[~known].tolist()

    def add(self, keys: list[str]) -> None:
        numbers = key_numbers(keys)
        if numbers is None:
            raise ValueError("a segment key is not 16 hex digits")
        self._insert(numbers)

    def _insert(self, numbers: np.ndarray) -> None:
        if not len(numbers):
            return
        self.levels.append(np.sort(numbers))
        while len(self.levels) > 1 and 2 * len(self.levels[-1]) >= len(self.levels[-2]):
            newer = self.levels.pop()
            self.levels[-1] = np.sort(np.concatenate((self.levels[-1], newer)))

    def _contains(self, numbers: np.ndarray) -> np.ndarray:
        found = np.zeros(len(numbers), dtype=bool)
        for level in self.levels:
            at = np.minimum(np.searchsorted(level, numbers), len(level) - 1)
            found |= level[at] == numbers
        return found


_HEX_VALUES = np.full(256, 255, dtype=np.uint8)
_HEX_VALUES[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16, dtype=np.uint8)


def key_numbers(keys: list[str]) -> np.ndarray | None:
    """Segment keys (16 hex digits, :func:`sajeon.core.model.segment_key`) as ``uint64``
    numbers, all at once; None if one is not 16 lower-case hex digits."""
    if not keys:
        return np.empty(0, dtype=np.uint64)
    data = "".join(keys).encode("utf-8")
    if len(data) != 16 * len(keys):
        return None
    digits = _HEX_VALUES[np.frombuffer(data, dtype=np.uint8)].reshape(-1, 16)
    if (digits == 255).any() or any(len(k) != 16 for k in keys):
        return None
    numbers = np.zeros(len(keys), dtype=np.uint64)
    for column in range(16):
        numbers <<= np.uint64(4)
        numbers |= digits[:, column]
    return numbers


def segment_documents(rows: list[tuple]) -> Documents:
    """The search documents of :func:`segment_row` rows: at once for many, one by one for
    a few (the batch form has a start-up cost). Many go a thousand at a time: as fast, and
    the batch form's arrays stay small."""
    if len(rows) >= 64:
        uni: list[str] = []
        bi: list[str] = []
        latin: list[str] = []
        for start in range(0, len(rows), 1000):
            part = gram_docs([(row[3], row[4]) for row in rows[start : start + 1000]])
            uni += part[0]
            bi += part[1]
            latin += part[2]
        return uni, bi, latin
    docs = [gram_doc(row[3], row[4]) for row in rows]
    return [d.uni for d in docs], [d.bi for d in docs], [d.latin for d in docs]


def _compact(folded: str) -> str:
    """Folded text as :data:`_COMPACT` gives it in SQL: without spaces."""
    return folded.replace(" ", "")


def _date_order(segment: Segment) -> tuple[str, str]:
    """The order segment ids are given in: by date (undated first), then by key."""
    return (segment.date or "", segment.key)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
