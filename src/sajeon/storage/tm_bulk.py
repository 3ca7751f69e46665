"""The fuzzy-match index (:mod:`sajeon.engine.tm`) built fast and in bounded memory, for
:meth:`Store.rebuild_tm_index` (``sajeon build``) and a large import.

A million segments must end with an index that finds every match, but neither holding
every segment's text and tokens (over a gigabyte) nor adding tens of millions of rows to
``tm_delta``. So the sources of each batch are normalised and cut into tokens at once with
numpy (:func:`tokenise`: no Python loop over texts or characters), collected as
``(token, segment id)`` pairs, and every few million pairs sorted and spilled to an
anonymous temporary file (a *run*). At the end the runs are read back one token range at
a time, each pair's segment id replaced by its rank, and the posting lists handed over in
token order: the same :class:`sajeon.storage.tm_index.BuiltIndex`, byte for byte, that
:func:`sajeon.storage.tm_index.build_index` makes from the same segments (a test compares them).
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import numpy as np

from ..core.similarity import normalise
from ..core.text import INVISIBLE
from . import tm_index

_CODE_BITS = 21  # a code point fits in 21 bits
RUN_PAIRS = 1 << 20  # pairs sorted and spilled together
RANGE_PAIRS = 1 << 19  # pairs read back and ranked together
_LOW = np.uint64(0xFFFFFFFF)
_32 = np.uint64(32)


def tokenise(sources: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For segment sources: every token of every source (``uint32``, as
    :func:`sajeon.storage.tm_index.text_tokens` makes them), the index of the source each
    token belongs to (``int64``), and each source's normalised length (``int64``)."""
    batch = "\0".join(sources) + "\0"
    if batch.count("\0") != len(sources):  # a NUL inside a text: one at a time
        return _tokenise_one_by_one(sources)
    # similarity.normalise for each text at once. Invisible characters and NFC on the
    # batch: a NUL is neither invisible nor composes with anything.
    points = _code_points(batch)
    if _any_invisible(points, batch):
        batch = INVISIBLE.sub("", batch)
        points = _code_points(batch)
    if not unicodedata.is_normalized("NFC", batch):
        points = _code_points(unicodedata.normalize("NFC", batch))
    points = _collapse_spaces(points)
    chars = points != 0
    lengths = np.diff(np.flatnonzero(~chars), prepend=-1) - 1
    source_of = np.repeat(np.arange(len(sources), dtype=np.uint64), lengths)
    # The k-th occurrence of a character in a text is token (char << 8 | k): sort the
    # (text, char) pairs and count within runs of equal pairs.
    source_of <<= np.uint64(_CODE_BITS)
    source_of |= points[chars]
    keyed = np.sort(source_of)
    del source_of
    n = len(keyed)
    run_start = np.ones(n, dtype=bool)
    run_start[1:] = keyed[1:] != keyed[:-1]
    first = np.maximum.accumulate(np.where(run_start, np.arange(n), 0))
    occurrence = np.arange(n) - first + 1
    indexed = occurrence <= tm_index.MAX_OCCURRENCE
    if not indexed.all():
        keyed, occurrence = keyed[indexed], occurrence[indexed]
    codes = (keyed & np.uint64((1 << _CODE_BITS) - 1)).astype(np.uint32)
    tokens = (codes << np.uint32(tm_index.OCCURRENCE_BITS)) | occurrence.astype(np.uint32)
    return tokens, (keyed >> np.uint64(_CODE_BITS)).astype(np.int64), lengths.astype(np.int64)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _any_invisible(points: np.ndarray, text: str) -> bool:
    """Whether ``text`` (whose code points are ``points``) holds a character that
    :func:`sajeon.core.text.strip_invisible` removes: a table look-up for the BMP (a
    regular expression over a batch costs as much as tokenising it), the expression for
    the rare text beyond it."""
    table = _invisible_table()
    in_bmp = points <= 0xFFFF
    if table[np.where(in_bmp, points, 0)].any():
        return True
    return not in_bmp.all() and INVISIBLE.search(text) is not None


@cache
def _invisible_table() -> np.ndarray:
    """Which BMP characters :data:`sajeon.core.text.INVISIBLE` matches (made once)."""
    table = np.zeros(0x10000, dtype=bool)
    table[[c for c in range(0x10000) if INVISIBLE.match(chr(c))]] = True
    return table


def _collapse_spaces(points: np.ndarray) -> np.ndarray:
    """The code points of NUL-terminated texts with every whitespace run (``str.isspace``)
    made one space and none at either end of a text, as ``" ".join(text.split())`` does;
    with numpy, as a regular expression over a batch costs more than the rest together."""
    space = _IS_SPACE[np.minimum(points, _LAST_SPACE + 1)]
    if not space.any():
        return points
    # Each whitespace run from its first to its last character; a run is never last (the
    # batch ends with a NUL), nor are two runs adjacent.
    edge = np.empty(len(space) + 1, dtype=bool)
    edge[0], edge[-1] = space[0], False
    np.not_equal(space[1:], space[:-1], out=edge[1:-1])
    bounds = np.flatnonzero(edge)  # alternately a run's first and the one after its last
    firsts, afters = bounds[0::2], bounds[1::2]
    before = points[np.maximum(firsts - 1, 0)]
    before[firsts == 0] = 0
    inner = firsts[(before != 0) & (points[afters] != 0)]  # inside a text: one space
    keep = ~space
    keep[inner] = True
    if (points[inner] != 0x20).any():
        points = points.copy()
        points[inner] = 0x20
    return points[keep]


def _space_table() -> np.ndarray:
    table = np.zeros(_LAST_SPACE + 2, dtype=bool)  # and False for everything after
    table[[c for c in range(_LAST_SPACE + 1) if chr(c).isspace()]] = True
    return table


_LAST_SPACE = 0x3000  # the last code point str.isspace holds (a test checks it)
_IS_SPACE = _space_table()


def _tokenise_one_by_one(sources: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    tokens: list[int] = []
    owners: list[int] = []
    lengths: list[int] = []
    for i, source in enumerate(sources):
        text = normalise(source)
        found, _ = tm_index.text_tokens(text)
        tokens += sorted(set(found))
        owners += [i] * len(set(found))
        lengths.append(len(text))
    return (
        np.asarray(tokens, dtype=np.uint32),
        np.asarray(owners, dtype=np.int64),
        np.asarray(lengths, dtype=np.int64),
    )


class TokenPairs:
    """The ``(token, segment id)`` pairs and lengths of many segments, gathered batch by
    batch in bounded memory (sorted runs in an anonymous file in ``spill_dir``)."""

    def __init__(self, spill_dir: Path | None = None):
        self.spill_dir = spill_dir
        self.file = None
        self.runs: list[tuple[int, np.ndarray, np.ndarray]] = []  # (offset, tokens, counts)
        self.pending: list[np.ndarray] = []  # keys token << 32 | segment id, not yet sorted
        self.pending_size = 0
        self.ids: list[np.ndarray] = []
        self.lengths: list[np.ndarray] = []

    @property
    def segments(self) -> int:
        return sum(len(ids) for ids in self.ids)

    def add(self, ids: list[int] | range, sources: list[str]) -> None:
        """Take the segments ``ids`` with these sources (ids below 2**32)."""
        if not len(ids):
            return
        tokens, owners, lengths = tokenise(sources)
        segment_ids = np.asarray(ids, dtype=np.uint64)
        self.ids.append(segment_ids.astype(np.int32))
        self.lengths.append(lengths.astype(np.int32))
        self.pending.append((tokens.astype(np.uint64) << np.uint64(32)) | segment_ids[owners])
        self.pending_size += len(tokens)
        if self.pending_size >= RUN_PAIRS:
            self._spill()

    def _sorted_pending(self) -> np.ndarray:
        keys = np.concatenate(self.pending) if self.pending else np.empty(0, np.uint64)
        self.pending, self.pending_size = [], 0
        keys.sort()
        return keys

    def _spill(self) -> None:
        keys = self._sorted_pending()
        if self.file is None:
            self.file = tempfile.TemporaryFile(prefix=".sajeon-tm-", dir=self.spill_dir)  # noqa: SIM115 (closed by close())
        tokens, counts = _distinct(keys >> _32)
        offset = self.file.seek(0, 2)
        self.file.write((keys & _LOW).astype("<u4").tobytes())
        self.runs.append((offset, tokens, counts))

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None

    def by_token(self, ordered: bool = True) -> Iterator[np.ndarray]:
        """Every pair as ``token << 32 | segment id`` (``uint64``), a range of tokens at a
        time, the ranges in token order; within a range in ascending order if
        ``ordered``."""
        if self.pending:
            self._spill()
        if not self.runs:
            return
        every = np.unique(np.concatenate([tokens for _, tokens, _ in self.runs]))
        totals = np.zeros(len(every), dtype=np.int64)
        for _, tokens, counts in self.runs:
            totals[np.searchsorted(every, tokens)] += counts
        run_ends = [np.cumsum(counts) for _, _, counts in self.runs]
        start = 0
        while start < len(every):
            # Tokens [start, stop) hold at most RANGE_PAIRS pairs (or one token's pairs).
            reach = np.cumsum(totals[start:])
            stop = start + max(1, int(np.searchsorted(reach, RANGE_PAIRS, side="right")))
            low, high = every[start], every[stop - 1]
            # Filled in place, run by run: a range can hold a million pairs and more (one
            # token's), and temporary copies of them would double the memory it takes.
            keys = np.empty(int(totals[start:stop].sum()), dtype=np.uint64)
            filled = 0
            for (offset, tokens, counts), ends in zip(self.runs, run_ends, strict=True):
                first, last = np.searchsorted(tokens, [low, high + 1])
                if first == last:
                    continue
                begin = int(ends[first - 1]) if first else 0
                self.file.seek(offset + 4 * begin)
                size = int(ends[last - 1]) - begin
                part = keys[filled : filled + size]
                part[:] = np.fromfile(self.file, dtype="<u4", count=size)
                part |= np.repeat(tokens[first:last] << _32, counts[first:last])
                filled += size
            if ordered:
                keys.sort()
            yield keys
            start = stop

    def built_index(self) -> tm_index.BuiltIndex:
        """The packed index of every segment taken, as :func:`sajeon.storage.tm_index.build_index`
        makes it: ranks in (normalised length, id) order, posting lists of ranks."""
        ids = np.concatenate(self.ids) if self.ids else np.empty(0, np.int32)
        lengths = np.concatenate(self.lengths) if self.lengths else np.empty(0, np.int32)
        self.ids, self.lengths = [], []
        order = np.lexsort((ids, lengths))
        rank_ids, rank_lengths = ids[order], lengths[order]
        del order
        longest = int(rank_lengths[-1]) if len(rank_lengths) else 0
        length_starts = np.searchsorted(rank_lengths, np.arange(longest + 2), side="left")
        rank_of = np.zeros(int(ids.max()) + 1 if len(ids) else 1, dtype=np.uint32)
        rank_of[rank_ids] = np.arange(len(rank_ids), dtype=np.uint32)
        by_id = np.argsort(ids, kind="stable")
        return _BuiltIndex(
            rank_ids,
            rank_lengths,
            length_starts,
            self._postings(rank_of),
            ids[by_id],
            lengths[by_id],
        )

    def _postings(self, rank_of: np.ndarray) -> Iterator[tuple[int, int, bytes]]:
        for keys in self.by_token(ordered=False):
            # In place where numpy allows: a range can hold a million pairs and more.
            ranks = rank_of[keys & _LOW]
            keys &= ~_LOW
            keys |= ranks
            del ranks
            keys.sort()
            ranks = keys.astype("<u4").view("<i4")  # the low 32 bits: the rank
            keys >>= _32
            tokens, counts = _distinct(keys)
            del keys
            start = 0
            for token, count in zip(tokens.tolist(), counts.tolist(), strict=True):
                yield token, count, ranks[start : start + count].tobytes()
                start += count


class _BuiltIndex(tm_index.BuiltIndex):
    """A :class:`sajeon.storage.tm_index.BuiltIndex` whose ``lengths`` come in id order, a
    chunk at a time (the rows of ``tm_lengths`` are the same; appending them by id is faster
    and holds no million-item lists)."""

    def __init__(self, rank_ids, rank_lengths, length_starts, postings, ids, lengths):
        super().__init__(rank_ids, rank_lengths, length_starts, postings)
        self.ids_in_order = ids
        self.lengths_in_order = lengths

    def lengths(self) -> Iterator[tuple[int, int]]:
        for start in range(0, len(self.ids_in_order), 100_000):
            yield from zip(
                self.ids_in_order[start : start + 100_000].tolist(),
                self.lengths_in_order[start : start + 100_000].tolist(),
                strict=True,
            )


def _distinct(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of a sorted array and how often each occurs."""
    if not len(ordered):
        return ordered, np.empty(0, np.int64)
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(starts, append=len(ordered))
