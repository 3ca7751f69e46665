"""Exact and fuzzy lookup in the translation memory, through a character index.

How a lookup finds every segment scoring at least the threshold without reading them all:

* Texts are compared after :func:`sajeon.core.similarity.normalise`; the score is
  :func:`sajeon.core.similarity.score` (Levenshtein similarity in percent).
* The index (built by :mod:`sajeon.storage.tm_index` at :meth:`Store.rebuild`, extended
  by :meth:`Store.add_segments`) maps every *token* to the segments whose source holds
  it, as ascending *ranks*: at a rebuild
  segments are numbered in order of source length, so a length window is one slice of
  every list and a candidate's length is known before it is read. A token is a
  character (q-gram with q = 1) together with its occurrence number in the text: the
  third 다 of a sentence is another token than the first. Sets of such tokens intersect
  exactly like character multisets, so counting shared tokens counts shared characters.
* **Count filter.** One edit (insertion, deletion, substitution) removes at most one
  character of the longer text from the multiset the two texts share, so texts at edit
  distance ``d`` share at least ``max(|Q|, L) − d`` characters. With ``d_max(M)`` the
  largest distance that still scores at least the threshold
  (:func:`sajeon.core.similarity.max_distance`), a segment of length ``L`` can only match if
  it shares ``T(L) = max(|Q|, L) − d_max(max(|Q|, L))`` tokens with the query, and the
  **length filter** ``|L − |Q|| ≤ d_max`` bounds ``L``. (Bigrams give the weaker bound
  ``max − 1 − 2·d``, which lets through every sentence sharing a newsroom formula such as
  "…것으로 알려졌다"; characters keep the bound above 0 for every threshold above 0.)
* **Skipping frequent lists** (the *DivideSkip* idea of Li, Lu & Lu, ICDE 2008): a segment
  needing ``T`` of the query's tokens must appear in at least ``T − F`` of the lists left
  after skipping any ``F`` of them. sajeon does not scan the lists of characters held by
  more than :data:`FREQUENT_SHARE` of the memory (다, 이, the space), as long as
  candidates still need a quarter of their count (at least :data:`MIN_REQUIRED` hits) in
  the rest. ``T`` depends on the candidate's length (longer than the query, it grows
  with the length), so each length skips its own number of lists: the longer lengths
  skip more. The candidates are then probed in the skipped lists through bitmaps, rarest
  first, and dropped as soon as the lists left cannot make up what their own length
  needs: a small candidate set that provably holds every match. Which lists are skipped
  changes the cost only: every skipped list is probed.
* **Higher passes first** when only the best ``limit`` matches are asked for: the search
  runs at thresholds two thirds and one third of the way from the one asked to 100
  (91.7 and 83.3 for 75) before the one asked. A pass that finds ``limit`` matches ends
  the lookup: every segment it passes over scores below its threshold, hence below each
  of the matches it found (ties included, since equal scores are all above it). The
  passes share their counting (a lower threshold only widens each list's counted range
  of lengths) and the sources they read, so one that falls short costs its probing
  only. In a small memory (fewer than :data:`TOP_PASS_WINDOW` segments in the length
  window) counting is cheap and the lookup goes straight to the threshold asked.
* **Verification**: candidates are read best possible score first (shared tokens bound
  the score), scored with rapidfuzz, and reading stops once ``limit`` matches score more
  than the rest could; those at or above the threshold are returned.
* A threshold of 0 makes every segment a match; then the length window is scanned.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz.distance import Levenshtein

from ..core.model import InputError
from ..core.sentences import sentence_spans
from ..core.similarity import display, max_distance, normalise, score_from_distance
from ..storage.tm_index import text_tokens

if TYPE_CHECKING:  # pragma: no cover
    from ..storage.store import Store

DEFAULT_THRESHOLD = 75.0
# Lists of tokens held by more than this share of the memory are not scanned but probed
# (through a bitmap) for the candidates the other lists give, while the filter allows it.
FREQUENT_SHARE = 0.01
# ... and never so many are skipped that fewer than this many hits (or a quarter of the
# count needed) are asked of a candidate in the scanned lists: asking fewer lets through
# more candidates than probing can afford.
MIN_REQUIRED = 4
REQUIRED_SHARE = 4
# When only the best ``limit`` matches are asked for, lookup first searches at thresholds
# these fractions of the way from the requested one to 100 (75 → 91.7, then 83.3).
TOP_PASSES = (2 / 3, 1 / 3)
# ... when the length window holds at least this many packed segments: in a smaller one,
# counting costs less than the passes' own overhead.
TOP_PASS_WINDOW = 100_000
VERIFY_BATCH = 40  # candidates read and scored first (then 80, 160 …), best bound first


@dataclass
class Match:
    """A segment found by :func:`lookup`; ``score`` is the exact percentage."""

    segment_id: int
    score: float
    exact: bool
    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str | None
    date: str | None
    translator: str | None
    note: str | None

    @property
    def percent(self) -> int:
        return display(self.score)

    def as_dict(self) -> dict:
        return {**asdict(self), "percent": self.percent}


@dataclass
class Plan:
    """How a lookup was carried out (for tests, benchmarks and the curious)."""

    query_length: int
    tokens: int = 0
    required: int = 0  # shared tokens a candidate of the shortest allowed length needs
    skipped_lists: int = 0
    scanned_postings: int = 0
    candidates: int = 0
    verified: int = 0
    fallback: bool = False
    passes: int = 0  # searches at a threshold: more than one when a top pass fell short
    length_window: tuple[int, int] = (0, 0)


def _length_window(n: int, threshold: float) -> tuple[int, int | None]:
    """Shortest and longest source lengths that can reach ``threshold`` against a query of
    ``n`` characters (``None``: no upper bound, threshold ≤ 0)."""
    shortest = max(0, n - max_distance(n, threshold))
    if threshold <= 0:
        return shortest, None
    longest = n
    # L − n ≤ d_max(L) holds up to some L and never again after it (d_max grows by ≤ 1).
    while longest - n + 1 <= max_distance(longest + 1, threshold):
        longest += 1
    return shortest, longest


@lru_cache(maxsize=4096)
def _needed(n: int, threshold: float, longest: int) -> np.ndarray:
    """Shared tokens a source of each length ``0..longest`` needs to reach ``threshold``
    against a query of ``n`` characters (before allowing for unindexed repeats)."""
    needed = np.array(
        [max(n, length) - max_distance(max(n, length), threshold) for length in range(longest + 1)]
    )
    needed.flags.writeable = False  # shared by every lookup with this query length
    return needed


Rows = Iterable[tuple[int, str]]  # (segment id, source)


class _PackedIndex:
    """The packed part of one database's index, as loaded into this process: rank → id,
    the rank range of each length, the posting lists read so far and bitmaps of the
    frequent ones (kept: the same characters come back in query after query)."""

    def __init__(self, store: Store, generation: str):
        self.generation = generation
        self.rank_ids = np.frombuffer(store.tm_meta("ranks") or b"", dtype="<i4")
        self.length_starts = np.frombuffer(store.tm_meta("length_starts") or b"", dtype="<i4")
        self.size = len(self.rank_ids)
        self.lists: dict[int, np.ndarray] = {}
        self.bounds: dict[int, np.ndarray] = {}  # per list: index of each length's first rank
        self.bitmaps: dict[int, np.ndarray] = {}
        self.frequency: dict[int, int] = {}  # token → document frequency (0: absent)
        self.nbytes = 0

    def rank_range(self, shortest: int, longest: int) -> tuple[int, int]:
        starts = self.length_starts
        if len(starts) == 0:
            return 0, 0
        lo = int(starts[min(shortest, len(starts) - 1)])
        hi = int(starts[min(longest + 1, len(starts) - 1)])
        return lo, hi

    def lengths_of(self, ranks: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.length_starts, ranks, side="right") - 1

    def frequencies(self, store: Store, tokens: list[int]) -> dict[int, int]:
        """How many packed segments hold each token (0 when none)."""
        known = self.frequency
        missing = [t for t in tokens if t not in known]
        if missing:
            found = store.tm_frequencies(missing)
            for token in missing:
                known[token] = found.get(token, 0)
        return known

    def postings(self, store: Store, tokens: list[int]) -> dict[int, np.ndarray]:
        missing = [t for t in tokens if t not in self.lists]
        if missing:
            for token, ranks in store.tm_postings(missing).items():
                self.lists[token] = ranks
                self.nbytes += ranks.nbytes
        return {t: self.lists[t] for t in tokens if t in self.lists}

    def window(self, token: int, shortest: int, longest: int) -> np.ndarray:
        """The part of a loaded list whose sources are ``shortest``–``longest`` long."""
        bounds = self.bounds.get(token)
        if bounds is None:
            bounds = self.bounds[token] = np.searchsorted(self.lists[token], self.length_starts)
        last = len(bounds) - 1
        return self.lists[token][bounds[min(shortest, last)] : bounds[min(longest + 1, last)]]

    def bitmap(self, store: Store, token: int) -> np.ndarray:
        """Bit ``rank & 7`` of byte ``rank >> 3`` is set when the segment of that rank
        holds ``token``."""
        bitmap = self.bitmaps.get(token)
        if bitmap is None:
            bits = np.zeros(self.size, dtype=bool)
            bits[self.postings(store, [token]).get(token, [])] = True
            bitmap = self.bitmaps[token] = np.packbits(bits, bitorder="little")
            self.nbytes += bitmap.nbytes
        return bitmap


_CACHE: dict[str, _PackedIndex] = {}
CACHE_BYTES = 1024 * 1024 * 1024  # posting lists and bitmaps kept per process


def _packed(store: Store) -> _PackedIndex:
    generation = store.tm_meta("generation")
    if generation is None:
        raise InputError(
            f"{store.path.name} has no fuzzy-match index: rebuild it with 'sajeon build'"
        )
    index = _CACHE.get(generation)
    if index is None:
        index = _CACHE[generation] = _PackedIndex(store, generation)
    if sum(i.nbytes for i in _CACHE.values()) > CACHE_BYTES:
        for other in _CACHE.values():
            other.lists.clear()
            other.bitmaps.clear()
            other.nbytes = 0
    return index


def lookup(
    store: Store,
    text: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = 10,
    source_lang: str | None = None,
    target_lang: str | None = None,
    plan: Plan | None = None,
) -> list[Match]:
    """Segments whose source scores at least ``threshold`` against ``text``, best first
    (score, then newest, then latest added); ``limit=None`` returns them all.

    Every segment at or above the threshold is found: the index only decides which
    segments need not be read.
    """
    query = normalise(text)
    n = len(query)
    plan = plan if plan is not None else Plan(n)
    plan.query_length = n
    if n == 0 or threshold > 100:
        return []
    shortest, longest = _length_window(n, threshold)
    plan.length_window = (shortest, longest if longest is not None else -1)
    if longest is None:  # a threshold of 0 or less: everything matches
        plan.fallback = True
        rows = store.tm_sources_by_length(shortest, longest, source_lang, target_lang)
        return _verify(store, [(100.0, rows)], query, threshold, limit, plan)
    search = _Search(store, query, threshold, (source_lang, target_lang), plan)
    if limit is not None and search.hi - search.lo >= TOP_PASS_WINDOW:
        # The best few matches usually score far above the threshold. Look for them first
        # with the much stronger filters of a higher threshold: when that finds ``limit``
        # matches, they are the answer, for every segment it passes over scores below
        # that threshold and so below each of them (ties included). The passes share
        # their counting, so a pass that falls short costs little.
        for share in TOP_PASSES:
            higher = threshold + (100 - threshold) * share
            if higher > threshold:
                matches = search.run(higher, limit, top=True)
                if len(matches) >= limit:
                    return matches
    return search.run(threshold, limit)


@dataclass
class SentenceMatches:
    """One sentence of a pasted text (``start``/``end`` offsets in it) and its matches."""

    start: int
    end: int
    text: str
    query: str  # the sentence as it is compared (normalised)
    matches: list[Match]


def sentences_of(text: str, lang: str = "ko") -> list[tuple[int, int, str]]:
    """The sentences of a pasted text to look up one by one, as (start, end, text): a
    whole article scores far below any threshold against single memory sentences."""
    return [(start, end, text[start:end]) for start, end in sentence_spans(text, lang)]


def lookup_sentences(
    store: Store,
    sentences: list[tuple[int, int, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int | None = 10,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> list[SentenceMatches]:
    """:func:`lookup` for each of ``sentences`` (from :func:`sentences_of`); a sentence
    that comes back (a repeated formula) is looked up once."""
    found: dict[str, list[Match]] = {}
    results = []
    for start, end, sentence in sentences:
        query = normalise(sentence)
        if query not in found:
            found[query] = lookup(
                store,
                query,
                threshold=threshold,
                limit=limit,
                source_lang=source_lang,
                target_lang=target_lang,
            )
        results.append(SentenceMatches(start, end, sentence, query, found[query]))
    return results


class _Search:
    """One lookup's passes over the index, from a higher threshold down to the one asked
    for (the lowest: its length window holds those of the others)."""

    def __init__(
        self,
        store: Store,
        query: str,
        threshold: float,
        langs: tuple[str | None, str | None],
        plan: Plan,
    ):
        self.store, self.query, self.langs, self.plan = store, query, langs, plan
        self.n = len(query)
        tokens, self.dropped = text_tokens(query)
        plan.tokens = len(tokens)
        self.index = index = _packed(store)
        frequency = index.frequencies(store, tokens)
        # The query's tokens held by packed segments, rarest first.
        self.present = sorted((t for t in tokens if frequency[t]), key=frequency.__getitem__)
        self.frequent = sum(1 for t in self.present if frequency[t] > FREQUENT_SHARE * index.size)
        # Segments added since the last rebuild: exact shared-token counts from tm_delta.
        self.delta = store.tm_delta(tokens)
        # Shared tokens counted so far for each rank of the widest window, and which
        # lengths each token's list has been counted for (passes only widen them).
        shortest, longest = _length_window(self.n, threshold)
        self.lo, self.hi = index.rank_range(shortest, longest)
        self.counts: np.ndarray | None = None
        self.counted: list[tuple[int, int] | None] = [None] * len(self.present)
        self.sources: dict[int, str | None] = {}

    def run(self, threshold: float, limit: int | None, top: bool = False) -> list[Match]:
        """Every match at or above ``threshold`` (the best ``limit`` of them); with
        ``top``, nothing when fewer than ``limit`` candidates are left to read."""
        n, index, plan = self.n, self.index, self.plan
        shortest, longest = _length_window(n, threshold)
        plan.passes += 1
        needed = _needed(n, threshold, longest) - self.dropped
        required = int(needed[shortest:].min())
        plan.required = required
        # Candidates, and the best score each can reach: shared / max(n, L).
        candidate_ids = np.empty(0, dtype=np.int64)
        candidate_bounds = np.empty(0, dtype=np.float64)
        lo, hi = index.rank_range(shortest, longest)
        if hi > lo and len(self.present) >= required:
            ranks, hits = self._candidates(needed, shortest, longest)
            lengths = index.lengths_of(ranks)
            candidate_ids = index.rank_ids[ranks].astype(np.int64)
            candidate_bounds = 100.0 * hits / np.maximum(lengths, n)
        delta = [
            (segment_id, 100.0 * shared / max(n, length))
            for segment_id, length, shared in self.delta
            if shortest <= length <= longest and shared >= needed[length]
        ]
        if delta:
            candidate_ids = np.concatenate((candidate_ids, [d[0] for d in delta]))
            candidate_bounds = np.concatenate((candidate_bounds, [d[1] for d in delta]))
        plan.candidates += len(candidate_ids)
        if top and len(candidate_ids) < limit:
            return []  # cannot give ``limit`` matches: not worth reading
        order = np.argsort(-candidate_bounds, kind="stable")
        candidate_ids, candidate_bounds = candidate_ids[order], candidate_bounds[order]
        # Read in growing batches: the best matches are usually among the first candidates.
        starts = [0]
        while starts[-1] < len(candidate_ids):
            starts.append(starts[-1] + VERIFY_BATCH * 2 ** min(len(starts) - 1, 4))
        batches = (
            (
                float(candidate_bounds[start]),
                partial(self._sources, candidate_ids[start:stop].tolist()),
            )
            for start, stop in itertools.pairwise(starts)
        )
        return _verify(self.store, batches, self.query, threshold, limit, plan)

    def _sources(self, ids: list[int]) -> list[tuple[int, str]]:
        """``(id, source)`` of the segments in the language pair, read once per lookup
        (a lower pass reads again most of what a higher one read)."""
        known = self.sources
        missing = [i for i in ids if i not in known]
        if missing:
            for segment_id in missing:
                known[segment_id] = None  # not in the language pair, unless read below
            known.update(self.store.tm_sources_by_ids(missing, *self.langs))
        return [(i, known[i]) for i in ids if known[i] is not None]

    def _candidates(
        self, needed: np.ndarray, shortest: int, longest: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Ranks of the packed segments ``shortest``–``longest`` characters long that
        share at least ``needed[length]`` of the query's tokens, and how many they share.

        Each length skips its own number of the most frequent lists: a segment needing
        ``T`` shared tokens still has ``T − F`` hits in the lists left after skipping
        ``F``, and longer segments need more (``T`` grows with the length above the
        query's), so they skip more. The skipped lists are then probed, rarest first,
        for the candidates the counted lists gave, dropping each as soon as the lists
        left cannot make up its deficit. Which lists are skipped changes only the cost,
        never the result: every skipped list is probed.
        """
        index, present, plan = self.index, self.present, self.plan
        m = len(present)
        need = needed[shortest : longest + 1]
        # Asked of a candidate in the counted lists: a quarter of its count, at least
        # MIN_REQUIRED (fewer lets through more candidates than probing can afford).
        floor = np.minimum(need, np.maximum(MIN_REQUIRED, need // REQUIRED_SHARE))
        skips = np.minimum(np.maximum.accumulate(np.maximum(need - floor, 0)), self.frequent)
        plan.skipped_lists = int(skips[0])
        # Token j (rarest first) is counted for the lengths that skip fewer than m − j
        # lists: a range of the shortest lengths, as the skips grow with the length.
        counted_up_to = np.searchsorted(skips, m - np.arange(m), side="left") + shortest - 1
        counts = self._count(shortest, counted_up_to.tolist(), int(skips[0]))
        lo, hi = index.rank_range(shortest, longest)
        counts = counts[lo - self.lo : hi - self.lo]
        # What each candidate still lacks of the count its own length needs, and how many
        # skipped lists could make it up.
        ranks = np.flatnonzero(counts >= int((need - skips).min()))
        offsets = index.lengths_of(ranks + lo) - shortest
        deficit = need[offsets] - counts[ranks]
        skipped = skips[offsets]
        keep = deficit <= skipped
        ranks, deficit, skipped = ranks[keep] + lo, deficit[keep], skipped[keep]
        # Probe: token j is a skipped list of the candidates skipping at least m − j
        # lists, which come last (ranks follow lengths, and skips grow with them).
        late_seen = 0
        byte, bit = ranks >> 3, (1 << (ranks & 7)).astype(np.uint8)
        for j in range(m - int(skips[-1]), m):
            first = int(np.searchsorted(skipped, m - j, side="left"))
            if first == len(ranks):
                continue
            bitmap = index.bitmap(self.store, present[j])
            tail = deficit[first:]
            tail -= (bitmap[byte[first:]] & bit[first:]) != 0
            late = tail > m - 1 - j  # cannot be made up by the lists left
            late_seen += int(np.count_nonzero(late))
            # A late candidate's deficit stays above the lists left (each probe lowers
            # it by at most one), so it can wait to be removed until removing pays.
            if late_seen * 4 > len(ranks):
                keep = np.ones(len(ranks), dtype=bool)
                keep[first:] = ~late
                ranks, deficit, skipped = ranks[keep], deficit[keep], skipped[keep]
                byte, bit = byte[keep], bit[keep]
                late_seen = 0
        keep = deficit <= 0
        ranks = ranks[keep]
        return ranks, needed[index.lengths_of(ranks)] - deficit[keep]

    def _count(self, shortest: int, counted_up_to: list[int], skipped: int) -> np.ndarray:
        """Shared tokens of every rank of the widest window, counting token j's list for
        the lengths ``shortest``–``counted_up_to[j]``: only the parts earlier passes have
        not counted are read (a lower threshold widens each range on both sides)."""
        index = self.index
        index.postings(self.store, self.present[: len(self.present) - skipped])
        parts = []
        for j, (token, last) in enumerate(zip(self.present, counted_up_to, strict=True)):
            if last < shortest:
                continue
            done = self.counted[j]
            if done is None:
                parts.append(index.window(token, shortest, last))
                self.counted[j] = (shortest, last)
                continue
            if shortest < done[0]:
                parts.append(index.window(token, shortest, done[0] - 1))
            if last > done[1]:
                parts.append(index.window(token, done[1] + 1, last))
            self.counted[j] = (min(shortest, done[0]), max(last, done[1]))
        parts = [part for part in parts if len(part)]
        self.plan.scanned_postings += sum(len(part) for part in parts)
        if self.counts is None:
            self.counts = np.zeros(self.hi - self.lo, dtype=np.int64)
        if parts:
            merged = np.concatenate(parts)
            merged -= self.lo
            self.counts += np.bincount(merged, minlength=self.hi - self.lo)
        return self.counts


def _verify(
    store: Store,
    batches: Iterable[tuple[float, Rows | Callable[[], Rows]]],
    query: str,
    threshold: float,
    limit: int | None,
    plan: Plan,
) -> list[Match]:
    """Score candidate ``(id, source)`` rows; read the full rows of the best ones.

    ``batches`` come with the best score any of their rows can reach, in descending
    order, and their rows or a function reading them: once ``limit`` matches score above
    what the next batch can reach, the rest need not be read.
    """
    n = len(query)
    budgets: dict[int, int] = {}
    scored: list[tuple[float, int, bool]] = []
    cut = -1.0
    for bound, batch in batches:
        if bound < cut:
            break
        rows = batch() if callable(batch) else batch
        for segment_id, source in rows:
            candidate = normalise(source)
            longest = max(n, len(candidate))
            budget = budgets.get(longest)
            if budget is None:
                budget = budgets[longest] = max_distance(longest, threshold)
            if abs(len(candidate) - n) > budget:
                continue
            plan.verified += 1
            distance = Levenshtein.distance(query, candidate, score_cutoff=budget)
            if distance <= budget:
                value = score_from_distance(distance, longest)
                scored.append((value, segment_id, candidate == query))
        if limit is not None and len(scored) >= limit:
            scored.sort(key=lambda m: -m[0])
            cut = scored[limit - 1][0]
    # Best first; among equal scores the newest translation (undated last), then the
    # segment added last. Dates are read only for the scores that make the cut.
    scored.sort(key=lambda m: (-m[0], -m[1]))
    if limit is not None and len(scored) > limit:
        cut = scored[limit - 1][0]
        scored = [m for m in scored if m[0] >= cut]
    rows_by_id = {row[0]: row for row in store.tm_segments_by_ids([m[1] for m in scored])}
    matches = [
        Match(segment_id, value, exact, *rows_by_id[segment_id][1:])
        for value, segment_id, exact in scored
    ]
    matches.sort(key=lambda m: (m.date or "", m.segment_id), reverse=True)
    matches.sort(key=lambda m: -m.score)
    return matches if limit is None else matches[:limit]


def exhaustive(sources: Iterable[tuple[int, str]], text: str, threshold: float) -> dict[int, float]:
    """Reference implementation: score every source; ``{segment id: score}`` at or above
    ``threshold``. Used by tests and benchmarks to prove the index loses nothing."""
    query = normalise(text)
    found = {}
    for segment_id, source in sources:
        candidate = normalise(source)
        longest = max(len(query), len(candidate))
        value = score_from_distance(Levenshtein.distance(query, candidate), longest)
        if value >= threshold:
            found[segment_id] = value
    return found
