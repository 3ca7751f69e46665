"""The fuzzy-match index's construction: which tokens a text holds, and the packed posting
lists :class:`~sajeon.storage.store.Store` writes at a rebuild.

Lookup through the index is :mod:`sajeon.engine.tm` (whose docstring says how the index is
used); building it belongs to storage, so that the store can rebuild and extend the index
without the engine. The store builds it in bounded memory through
:mod:`sajeon.storage.tm_bulk`; :func:`build_index`, everything in memory, is the plain
construction the tests compare that one with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from ..core.similarity import normalise

Q = 1  # q-gram length: characters (see the module docstring for why not bigrams)
OCCURRENCE_BITS = 8
MAX_OCCURRENCE = (1 << OCCURRENCE_BITS) - 1  # later repeats of a character are not indexed
BUILD_CHUNK = 200_000  # segments tokenised at once when building (bounds memory)


def text_tokens(text: str) -> tuple[list[int], int]:
    """The index tokens of normalised ``text`` and how many characters were left out
    (repeats beyond :data:`MAX_OCCURRENCE`, which the count filter must allow for).

    A token is ``ord(char) << 8 | occurrence``: the second 다 of a text is ``ord("다") << 8
    | 2``.
    """
    seen: dict[str, int] = {}
    tokens: list[int] = []
    dropped = 0
    for char in text:
        k = seen.get(char, 0) + 1
        seen[char] = k
        if k > MAX_OCCURRENCE:
            dropped += 1
        else:
            tokens.append((ord(char) << OCCURRENCE_BITS) | k)
    return tokens, dropped


@dataclass
class BuiltIndex:
    """What :func:`build_index` makes for the store to write."""

    rank_ids: np.ndarray  # segment id of each rank
    rank_lengths: np.ndarray  # normalised source length of each rank (ascending)
    length_starts: np.ndarray  # first rank of each length 0..max+1
    postings: Iterator[tuple[int, int, bytes]]  # (token, df, ranks as <i4 bytes)

    def lengths(self) -> Iterator[tuple[int, int]]:
        return zip(self.rank_ids.tolist(), self.rank_lengths.tolist(), strict=True)


def build_index(rows: Iterable[tuple[int, str]]) -> BuiltIndex:
    """Index ``(segment id, source)`` rows: segments are ranked by (normalised length, id),
    so that the sources of one length window are one range of ranks, and every token's
    posting list holds ascending ranks."""
    texts = {segment_id: normalise(source) for segment_id, source in rows}
    ordered = sorted(texts, key=lambda i: (len(texts[i]), i))
    rank_ids = np.asarray(ordered, dtype=np.int64)
    rank_lengths = np.asarray([len(texts[i]) for i in ordered], dtype=np.int64)
    longest = int(rank_lengths[-1]) if len(rank_lengths) else 0
    length_starts = np.searchsorted(rank_lengths, np.arange(longest + 2), side="left")
    postings = _postings([texts[i] for i in ordered])
    return BuiltIndex(rank_ids, rank_lengths, length_starts, postings)


def _postings(texts: list[str]) -> Iterator[tuple[int, int, bytes]]:
    """``(token, document frequency, ranks as little-endian int32)`` for texts given in rank
    order, in token order; ranks ascending within a token.

    Vectorised with numpy: the texts are cut into code points, numbered by occurrence
    within each text, and sorted by token, so that 1,000,000 segments index in seconds.
    """
    token_parts: list[np.ndarray] = []
    rank_parts: list[np.ndarray] = []
    for start in range(0, len(texts), BUILD_CHUNK):
        chunk = texts[start : start + BUILD_CHUNK]
        tokens, ranks = _chunk_tokens(list(range(start, start + len(chunk))), chunk)
        token_parts.append(tokens)
        rank_parts.append(ranks)
    if not token_parts:
        return
    tokens = np.concatenate(token_parts)
    ranks = np.concatenate(rank_parts)
    token_parts.clear()
    rank_parts.clear()
    # Stable: ranks stay ascending within each token (they were ascending overall).
    order = np.argsort(tokens, kind="stable")
    tokens = tokens[order]
    ranks = ranks[order].astype("<i4")
    del order
    starts = np.flatnonzero(np.concatenate(([True], tokens[1:] != tokens[:-1])))
    ends = np.append(starts[1:], len(tokens))
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        yield int(tokens[start]), end - start, ranks[start:end].tobytes()


def _chunk_tokens(ids: list[int], texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Tokens and their segment ids for one chunk of normalised texts (segment order)."""
    # NUL cannot occur in cleaned text: it separates the texts in one code-point array.
    joined = "\0".join(texts) + "\0"
    chars = np.frombuffer(joined.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    local_doc = np.cumsum(chars == 0)  # chunk-local text index at each position
    keep = chars != 0
    codes, local_doc = chars[keep], local_doc[keep].astype(np.uint64)
    # Number repeated characters within a text: sort by (text, char), rank in equal runs.
    keyed = np.sort((local_doc << np.uint64(21)) | codes)
    n = len(keyed)
    if n == 0:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    run_start = np.concatenate(([True], keyed[1:] != keyed[:-1]))
    start_index = np.maximum.accumulate(np.where(run_start, np.arange(n), 0))
    occurrence = (np.arange(n) - start_index + 1).astype(np.uint64)
    indexed = occurrence <= MAX_OCCURRENCE
    keyed, occurrence = keyed[indexed], occurrence[indexed]
    codes = keyed & np.uint64((1 << 21) - 1)
    tokens = (codes << np.uint64(OCCURRENCE_BITS)) | occurrence
    segment_ids = np.asarray(ids, dtype=np.int64)[(keyed >> np.uint64(21)).astype(np.int64)]
    return tokens, segment_ids
