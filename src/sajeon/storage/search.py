"""Korean-aware search: how text is indexed and how a query becomes an FTS5 expression.

SQLite's stock tokenizers fail Korean: ``unicode61`` keeps 국가보위성에서 as one token (so
국가보위성 does not find it), ``trigram`` finds nothing shorter than three characters. So
sajeon writes its own n-gram documents into an FTS5 table and keeps ``unicode61`` only as
a splitter on the spaces between them:

* Hangul and other CJK runs are indexed as character bigrams (``bi`` column) and as single
  characters (``uni`` column). A query run of two or more characters becomes a phrase of
  its bigrams, which matches exactly where the run occurs as a substring, particles and
  compounds included (보위성 → ``"보위 위성"`` matches 국가보위성에서). A one-character
  query (군) looks in ``uni``.
* Spacing is ignored between Korean words: runs separated by spaces only are indexed as
  one run, so 온성군보위부 finds 온성군 보위부 (the bigram 군보 spans the space), and a
  spaced query, whose words are looked for each on their own, finds the unspaced text.
  A gloss in brackets after a word is read through (군(郡) 안전부 is indexed as 군안전부)
  and in place of the word before it (남조선(남한) 상품 also as 남한상품).
* Other scripts (English, digits) are indexed as words (``latin`` column) and matched by
  prefix, case- and accent-insensitively (``secur`` finds "Security").
* A Korean query word that ends in a particle is also tried without it, so 국가보위성에서
  finds the term 국가보위성; results that contain the query as typed rank first.

Text is folded first (NFKC, case-folded), so NFC and NFD input, full-width letters and
capitals all give the same index and query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from ..core.text import GLOSS, fold, particle_stems

# Hangul syllables and jamo, CJK ideographs, kana: scripts written without spaces between
# morphemes, where substring search is what a reader expects.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_RUNS = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_RUN = re.compile(f"[{_CJK}]+")
_NEXT_CJK_WORD = re.compile(f" ?[{_CJK}]+")
_LATIN_CHAR = f"[^\\W_{_CJK}]"
# A token that cannot occur in text: keeps bigram phrases from spanning two words.
WORD_BREAK = "\ue000"
# Between the texts of one document in gram_docs' batch: neither a space nor a word.
_TEXTS_APART = "\x01"


@dataclass(frozen=True)
class GramDoc:
    uni: str
    bi: str
    latin: str


def runs(text: str) -> list[tuple[str, bool]]:
    """``(run, is_cjk)`` for each run of CJK or of other letters/digits in folded text."""
    return _folded_runs(fold(text))


def _folded_runs(folded: str) -> list[tuple[str, bool]]:
    return [(m.group(0), m.group(1) is not None) for m in _RUNS.finditer(folded)]


def cjk_sequences(folded: str) -> list[str]:
    """The CJK runs of folded text that are indexed as bigrams. News copy writes the same
    compound with and without spaces (온성군 보위부, 온성군보위부), so runs separated by
    spaces only are one; a gloss in brackets after a word is left out (군(郡) 안전부 →
    군안전부) and also read in place of that word, with the word after it (남조선(남한) 상품
    → 남한상품)."""
    if "(" not in folded:
        return _CJK_RUN.findall(folded.replace(" ", ""))
    kept: list[str] = []
    glosses: list[str] = []
    last = 0
    for m in GLOSS.finditer(folded):
        kept.append(folded[last : m.start()])
        last = m.end()
        after = _NEXT_CJK_WORD.match(folded, last)
        glosses.append((m.group(1) + (after.group() if after else "")).replace(" ", ""))
    kept.append(folded[last:])
    sequences = _CJK_RUN.findall("".join(kept).replace(" ", ""))
    return sequences + [run for gloss in glosses for run in _CJK_RUN.findall(gloss)]


def gram_doc(*texts: str | None) -> GramDoc:
    """The FTS5 document for one or more texts (a term, or a segment's two sides)."""
    chars: set[str] = set()
    bigrams: list[str] = []
    latin: list[str] = []
    for text in texts:
        if not text:
            continue
        folded = fold(text)
        for run, cjk in _folded_runs(folded):
            if cjk:
                chars.update(run)
            else:
                latin.append(run)
        for run in cjk_sequences(folded):
            if len(run) > 1:
                bigrams.extend(run[i : i + 2] for i in range(len(run) - 1))
                bigrams.append(WORD_BREAK)
    return GramDoc(" ".join(sorted(chars)), " ".join(bigrams), " ".join(latin))


# ---------------------------------------------------------------------- many documents at once
# A large import indexes a million segments; gram_doc's Python loop over runs and bigrams
# costs more than storing them. gram_docs computes the same documents for a batch with
# numpy: the batch becomes one array of code points, and character classes, bigrams and
# word runs are found by array operations, with table lookups instead of regular
# expressions. Tests check that it agrees with gram_doc, character for character. A
# document with a bracket after a Hangul syllable, where a gloss may be (see
# cjk_sequences), is made by gram_doc.

_KIND_LATIN, _KIND_CJK = 1, 2
_MULTI = 0xFFFFFFFF  # in the case-folding table: folds to more than one character
_kind_tables: tuple | None = None


def _tables():
    """(kind of every code point: 0, latin, CJK; case folding of the BMP; whether each
    code point is whitespace to fold), made once."""
    global _kind_tables
    if _kind_tables is None:
        import numpy as np

        # every code point in one string (built from an array: a list of a million
        # one-character strings would take a hundred megabytes)
        every = np.arange(0x110000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
        kind = np.zeros(0x110000, np.uint8)
        # The same classes as _RUNS: regular expressions decide, once per code point.
        for m in re.finditer(f"[^\\W_{_CJK}]+", every):
            kind[m.start() : m.end()] = _KIND_LATIN
        for m in re.finditer(f"[{_CJK}]+", every):
            kind[m.start() : m.end()] = _KIND_CJK
        casefold = np.arange(0x10000, dtype=np.uint32)
        for i, char in enumerate(every[:0x10000]):
            folded = char.casefold()
            if folded != char:
                casefold[i] = ord(folded) if len(folded) == 1 else _MULTI
        space = np.zeros(0x110000, bool)  # what fold() turns into spaces
        for m in re.finditer(r"\s+", every):
            space[m.start() : m.end()] = True
        _kind_tables = (kind, casefold, space)
    return _kind_tables


def _code_points(text: str):
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _text_of(points) -> str:
    return points.tobytes().decode("utf-32-le", "surrogatepass")


def gram_docs(docs: list[tuple[str | None, ...]]) -> tuple[list[str], list[str], list[str]]:
    """``gram_doc(*texts)`` for each tuple of texts in ``docs``, as three lists (the
    ``uni``, ``bi`` and ``latin`` columns), computed for the whole batch at once."""
    import numpy as np

    # The texts of a document are joined by a control character: not a space, so that
    # their Korean runs stay apart, as gram_doc sees them.
    joined = [_TEXTS_APART.join(t for t in texts if t) for texts in docs]
    batch = "\0".join(joined) + "\0"
    if batch.count("\0") != len(docs):  # NUL in a text (never in cleaned text)
        single = [gram_doc(*texts) for texts in docs]
        return [d.uni for d in single], [d.bi for d in single], [d.latin for d in single]
    # fold() per document: NFKC, then case folding. The NUL between documents and the
    # control character between a document's texts are starters that compose with
    # nothing, so folding the batch folds each text on its own.
    if not unicodedata.is_normalized("NFKC", batch):
        batch = unicodedata.normalize("NFKC", batch)
    kind_table, casefold_table, space_table = _tables()
    points = _code_points(batch)
    folded = None
    if points.max(initial=0) < 0x10000:
        folded = casefold_table[points]
        if (folded == _MULTI).any():
            folded = None
    points = folded if folded is not None else _code_points(batch.casefold())
    ends = points == 0  # where each document ends
    kind = kind_table[points]
    cjk = kind == _KIND_CJK
    # The output strings hold CJK and latin characters only, besides these markers.
    end, pad, run_end = "\0", "\1", "\2"

    # uni: each document's distinct CJK characters in code point order, then an end mark.
    at = np.flatnonzero(cjk)
    doc_of = np.searchsorted(np.flatnonzero(ends), at).astype(np.uint64)
    keys = np.concatenate(
        (
            (doc_of << np.uint64(32)) | points[at],
            (np.arange(len(docs), dtype=np.uint64) << np.uint64(32)) | np.uint64(0xFFFFFFFF),
        )
    )
    keys.sort()
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    chars = keys.astype(np.uint32)
    is_end = chars == 0xFFFFFFFF
    pairs = np.empty((len(keys), 2), np.uint32)  # "c " per character, "\0\1" per end
    pairs[:, 0] = np.where(is_end, 0, chars)
    pairs[:, 1] = np.where(is_end, 1, 32)
    uni = _text_of(pairs.ravel()).replace(" " + end + pad, end).replace(end + pad, end)

    # bi: "xy " for each bigram inside a CJK run, "xy" + run_end for a run's last bigram
    # (which becomes " WORD_BREAK "), "\0\1\1" at each document's end; over the text
    # without its spaces, where CJK runs separated by spaces only are one run.
    # where a gloss may start (see text.GLOSS): a bracket right after a Hangul syllable
    bracketed = 1 + np.flatnonzero(
        (points[1:] == ord("(")) & (points[:-1] >= 0xAC00) & (points[:-1] <= 0xD7A3)
    )
    redo = sorted(set(np.searchsorted(np.flatnonzero(ends), bracketed).tolist()))
    squeezed = points[~space_table[points]]
    squeezed_ends = squeezed == 0
    squeezed_cjk = kind_table[squeezed] == _KIND_CJK
    next_cjk = np.zeros(len(squeezed) + 1, bool)
    next_cjk[:-2] = squeezed_cjk[1:]
    at = np.flatnonzero((squeezed_cjk & next_cjk[:-1]) | squeezed_ends)
    at_end = squeezed_ends[at]
    following = np.empty_like(squeezed)
    following[:-1] = squeezed[1:]
    following[-1] = 1
    triples = np.empty((len(at), 3), np.uint32)
    triples[:, 0] = squeezed[at]
    triples[:, 1] = np.where(at_end, 1, following[at])
    triples[:, 2] = np.where(at_end, 1, np.where(next_cjk[at + 1], 32, 2))
    bi = (
        _text_of(triples.ravel())
        .replace(run_end, " " + WORD_BREAK + " ")
        .replace(" " + end + pad + pad, end)
        .replace(end + pad + pad, end)
    )

    # latin: the characters of latin runs, a space after each run, "\0" at the end.
    latin_char = kind == _KIND_LATIN
    after_run = np.zeros_like(latin_char)
    after_run[1:] = latin_char[:-1]
    at = np.flatnonzero(latin_char | after_run | ends)
    spaces_or_ends = np.where(ends[at], 0, 32).astype(np.uint32)
    latin_points = np.where(latin_char[at], points[at], spaces_or_ends).astype(np.uint32)
    latin = _text_of(latin_points).replace(" " + end, end)
    columns = uni.split(end)[:-1], bi.split(end)[:-1], latin.split(end)[:-1]
    for i in redo:  # a bracket: maybe a gloss, which gram_doc reads through
        doc = gram_doc(*docs[i])
        columns[0][i], columns[1][i], columns[2][i] = doc.uni, doc.bi, doc.latin
    return columns


def _run_expression(run: str, cjk: bool) -> str:
    if not cjk:
        return f'latin : "{run}" *'
    if len(run) == 1:
        return f'uni : "{run}"'
    return 'bi : "' + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + '"'


@dataclass(frozen=True)
class Query:
    text: str  # the query, folded
    stems: tuple[str, ...]  # the query with a particle removed from its last word
    match: str  # FTS5 MATCH expression, or "" when the query has nothing to search for

    def __bool__(self) -> bool:
        return bool(self.match)


def parse_query(query: str) -> Query:
    """Turn what a translator typed into an FTS5 expression over :func:`gram_doc` columns."""
    folded = fold(query or "")
    clauses: list[str] = []
    for word in folded.split(" "):
        word_runs = runs(word)
        if not word_runs:
            continue
        alternatives = [" AND ".join(_run_expression(r, c) for r, c in word_runs)]
        if len(word_runs) == 1 and word_runs[0][1]:
            alternatives += [
                _run_expression(stem, True) for stem in particle_stems(word_runs[0][0])
            ]
        clauses.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        )
    words = folded.split(" ") if folded else []
    stems: list[str] = []
    if words:
        for stem in particle_stems(words[-1]):
            stems.append(" ".join([*words[:-1], stem]))
    return Query(folded, tuple(stems), " AND ".join(clauses))


# ---------------------------------------------------------------------------- issue 3: highlighting


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """One character as search compares it: NFKC, case-folded, and outside CJK without
    accents (FTS5's ``remove_diacritics`` does the same to the ``latin`` column)."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    if _CJK_CHAR.match(char):
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


class _FoldTable(dict):
    """For ``str.translate``: each code point to its :func:`_fold_char`, learnt on first use."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


class _UnevenTable(dict):
    """For ``str.translate``: keeps the characters that do not fold to exactly one
    character (ß, ﬁ, a combining accent) and deletes the rest."""

    def __missing__(self, code: int) -> str | None:
        self[code] = kept = None if len(_FOLD_TABLE[code]) == 1 else chr(code)
        return kept


_FOLD_TABLE = _FoldTable()
_UNEVEN_TABLE = _UnevenTable()


def _folded_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """``text`` folded character by character, and for each folded character the index
    of the character of ``text`` it came from."""
    if not text.translate(_UNEVEN_TABLE):  # the usual case: one character each, in C
        return text.translate(_FOLD_TABLE), range(len(text))
    chars: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        for c in _fold_char(char):
            chars.append(c)
            offsets.append(i)
    return "".join(chars), offsets


def _latin_fold(run: str) -> str:
    return "".join(_fold_char(c) for c in run)


# Between two characters of a Korean query, what search reads through: spaces, a gloss
# in brackets, and the closing bracket of a gloss read in place of its word (남한) 상품).
_GAP = r"(?:\s|\([^()\n]{1,20}\)|\))*"


def _query_patterns(query: str) -> list[re.Pattern]:
    """Regular expressions over folded text for what :func:`parse_query` matches."""
    patterns: list[re.Pattern] = []
    for word in fold(query or "").split(" "):
        word_runs = runs(word)
        for run, cjk in word_runs:
            if cjk:
                alternatives = [run]
                if len(word_runs) == 1:
                    alternatives += particle_stems(run)
                patterns += [re.compile(_GAP.join(map(re.escape, a))) for a in alternatives]
            else:  # a word that starts with the run, as the index's prefix query matches
                patterns.append(
                    re.compile(f"(?<!{_LATIN_CHAR}){re.escape(_latin_fold(run))}{_LATIN_CHAR}*")
                )
    return patterns


def _phrase_pattern(phrase: str) -> re.Pattern | None:
    """A term to find as a whole: Korean anywhere, Latin-script words not inside others."""
    folded = "".join(_fold_char(c) for c in fold(phrase))
    if not folded:
        return None
    start = "" if _CJK_CHAR.match(folded[0]) else f"(?<!{_LATIN_CHAR})"
    end = "" if _CJK_CHAR.match(folded[-1]) else f"(?!{_LATIN_CHAR})"
    return re.compile(start + re.escape(folded) + end)


class Highlighter:
    """Marks in texts what a query matches and where given terms occur; the patterns are
    made once, for highlighting many texts (a page of concordance lines)."""

    def __init__(self, query: str = "", terms: Iterable[str] = (), flagged: Iterable[str] = ()):
        # Later kinds win where two overlap: hits over terms over flagged terms.
        self.patterns = [(p, "flagged") for p in filter(None, map(_phrase_pattern, flagged))]
        self.patterns += [(p, "term") for p in filter(None, map(_phrase_pattern, terms))]
        self.patterns += [(p, "hit") for p in _query_patterns(query)]

    def __call__(self, text: str) -> list[tuple[str, str | None]]:
        text = unicodedata.normalize("NFC", text or "")
        folded, offsets = _folded_with_offsets(text)
        kinds: list[str | None] = [None] * len(text)
        for pattern, kind in self.patterns:
            for m in pattern.finditer(folded):
                if m.end() > m.start():
                    first, last = offsets[m.start()], offsets[m.end() - 1] + 1
                    kinds[first:last] = [kind] * (last - first)
        pieces: list[tuple[str, str | None]] = []
        start = 0
        for kind, run in groupby(kinds):
            end = start + len(list(run))
            pieces.append((text[start:end], kind))
            start = end
        return pieces


def highlight(
    text: str,
    query: str = "",
    terms: Iterable[str] = (),
    flagged: Iterable[str] = (),
) -> list[tuple[str, str | None]]:
    """``text`` cut into pieces ``(piece, kind)``: ``kind`` is ``"hit"`` where ``query``
    matches as search matches it (Korean substrings, with or without a particle; English
    word prefixes; case- and accent-insensitively), ``"term"`` where one of ``terms``
    occurs (the glossary's approved terms for the query), ``"flagged"`` for one of
    ``flagged`` (its deprecated and forbidden terms), and None elsewhere. A Korean hit
    may span spaces and a gloss in brackets, as search reads through them."""
    return Highlighter(query, terms, flagged)(text)
