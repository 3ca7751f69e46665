"""English term matching: how an English glossary term is found in news English.

Texts and terms are compared as sequences of *tokens*, made from the folded text (see
:func:`sajeon.engine.termrec.fold`: case-folded, curly apostrophes and dashes made ASCII,
accents removed) by these rules:

* **inflection**: every word of three letters or more is reduced to its singular by the
  ``inflect`` library's noun singulariser (``singular_noun``), on the term and on the text
  alike: "gold bars" finds "gold bar", "informants" finds "an informant", "home searches"
  finds "a home search". Only number is taken away; derivations stay apart ("informant" and
  "information", "officer" and "office"), which a stemmer would merge (docs/engine.md has
  the comparison).
* **case, apostrophes, hyphens**: folding makes "Ministry" and "ministry", ’ and ' the same;
  a hyphen separates words like a space ("home-search" is "home search"). A possessive
  ``'s`` or a bare ``'`` after a word is a token of its own ("Workers' Party" and
  "Worker's Party" are the same). Acronyms keep their case (checked by the caller).
* **bracketed insert**: inside a match, a short bracket ("(MSS)", "(kuyŏk)") is read
  through: "a Ministry of Social Security (MSS) officer" finds "Ministry of Social Security
  officer". The bracket's own words are matched too (MSS is found in it).
* **reordering** of multiword terms: a term "X of [the] Y" is also found as "Y's X" ("the
  Ministry of State Security's provincial branch" for "provincial branch of the Ministry of
  State Security"), a term "Y's X" also as "X of [the|a|an] Y", and a term of common nouns
  written in lower case, "Y X", also as "X of [the|a|an] Y" and "Y's X" ("head of an
  inminban" for "inminban head"). Words inserted between (the head of a *local* inminban)
  are not read through: that is a paraphrase.

Other punctuation (commas, full stops, quotes, slashes) ends a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import inflect
from rapidfuzz.distance import OSA

POSSESSIVE = "'s"
BARRIER = "|"  # a token no term contains: punctuation that ends a match
ARTICLES = ("the", "a", "an")
# A bracket read through inside a match holds at most this many tokens.
MAX_INSERT = 8
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*|'|[()\[\]]|-|[^\w\s]")
_ENGINE = inflect.engine()


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The singular of a folded English word (``word`` itself when it is not a plural
    noun); shorter words (as, us, bus) are left alone: the singulariser mistakes them."""
    if len(word) < 4 or not word.isalpha():
        return word
    return _ENGINE.singular_noun(word) or word


@dataclass(slots=True)
class Token:
    norm: str  # the lemma, POSSESSIVE, "(", ")" or BARRIER
    start: int
    end: int
    text: str = ""  # the folded word as written (words only)


def tokens(folded: str) -> list[Token]:
    """The tokens of a folded text, with their offsets in it."""
    out: list[Token] = []
    for m in _TOKEN.finditer(folded):
        text, start, end = m.group(), m.start(), m.end()
        if text == "-":
            continue  # a hyphen separates words as a space does
        if text in "([":
            out.append(Token("(", start, end))
        elif text in ")]":
            out.append(Token(")", start, end))
        elif text == "'":
            attached = out and out[-1].end == start and out[-1].norm[0].isalnum()
            out.append(Token(POSSESSIVE if attached else BARRIER, start, end))
        elif text[0].isalnum():
            if text.endswith("'s") and len(text) > 2:
                out.append(Token(lemma(text[:-2]), start, end - 2, text[:-2]))
                out.append(Token(POSSESSIVE, end - 2, end))
            else:
                out.append(Token(lemma(text), start, end, text))
        else:
            out.append(Token(BARRIER, start, end))
    return out


def term_keys(folded_term: str, common: bool) -> list[tuple[tuple[str, ...], bool]]:
    """Token sequences under which a folded term is found: ``(key, reordered)``.
    ``common``: the term is written in lower case (common nouns, not a name)."""
    base = tuple(t.norm for t in tokens(folded_term))
    if not base or BARRIER in base:
        return [(base, False)] if base else []
    return [(base, False)] + [(k, True) for k in _reorderings(base, common) if k != base]


def _reorderings(words: tuple[str, ...], common: bool) -> list[tuple[str, ...]]:
    if "(" in words:
        return []
    if "of" in words[1:-1]:  # X of [the] Y → Y's X
        i = words.index("of", 1)
        head, rest = words[:i], words[i + 1 :]
        if rest[0] in ARTICLES and len(rest) > 1:
            rest = rest[1:]
        return [(*rest, POSSESSIVE, *head)]
    if POSSESSIVE in words[1:-1]:  # Y's X → X of [the|a|an] Y
        i = words.index(POSSESSIVE)
        return _of_forms(words[i + 1 :], words[:i])
    if len(words) >= 2 and common:
        # common nouns "Y X" (inminban head): X of [the|a|an] Y, Y's X
        head, modifier = words[-1:], words[:-1]
        return [*_of_forms(head, modifier), (*modifier, POSSESSIVE, *head)]
    return []


def _of_forms(head: tuple[str, ...], rest: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [(*head, "of", *rest)] + [(*head, "of", a, *rest) for a in ARTICLES]


class EnglishIndex:
    """Glossary terms as token sequences in a trie; :meth:`find` gives every occurrence."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, ...], list] = {}
        self.reordered: set[tuple[str, ...]] = set()  # keys found only by reordering
        self._trie: dict = {}

    def add(self, key: tuple[str, ...], payload, reordered: bool) -> list:
        """File ``payload`` under ``key``; returns the key's list of payloads."""
        entries = self.keys.get(key)
        if entries is None:
            entries = self.keys[key] = []
            node = self._trie
            for token in key:
                node = node.setdefault(token, {})
            node[None] = key
            if reordered:
                self.reordered.add(key)
        elif not reordered:
            self.reordered.discard(key)
        entries.append(payload)
        return entries

    def __len__(self) -> int:
        return len(self.keys)

    def find(self, folded: str) -> list[tuple[int, int, tuple[str, ...], bool]]:
        """Every occurrence of every key in a folded text: ``(start, end, key, read
        through a bracket)``, offsets in ``folded``."""
        toks = tokens(folded)
        found = []
        for i, first in enumerate(toks):
            node = self._trie.get(first.norm)
            if node is None:
                continue
            self._walk(toks, i, i + 1, node, False, found)
        return found

    def _walk(self, toks: list[Token], i: int, j: int, node: dict, skipped: bool, found: list):
        while True:
            key = node.get(None)
            if key is not None:
                found.append((toks[i].start, toks[j - 1].end, key, skipped))
            if j >= len(toks):
                return
            nxt = node.get(toks[j].norm)
            if nxt is None and toks[j].norm == "(":
                close = _closing(toks, j)
                if close is not None and close + 1 < len(toks):
                    nxt = node.get(toks[close + 1].norm)
                    if nxt is not None:
                        j, skipped = close + 1, True
            if nxt is None:
                return
            node, j = nxt, j + 1


def _closing(toks: list[Token], j: int) -> int | None:
    """The index of the ")" closing the bracket opened at ``j``, when the bracket is short
    and holds words only."""
    for k in range(j + 1, min(len(toks), j + MAX_INSERT + 2)):
        norm = toks[k].norm
        if norm == ")":
            return k if k > j + 1 else None
        if norm in ("(", BARRIER):
            return None
    return None


# ---------------------------------------------------------------------------- rules fired

RULES = ("inflection", "case", "hyphen", "apostrophe", "bracket", "reorder", "gloss")
_WORDS = re.compile(r"[^\W_]+")
_CURLY = "’‘ʼ"


def rules_fired(written: str, term: str, reordered: bool, skipped: bool) -> set[str]:
    """Which matching rules it took for ``written`` (the text as matched) to be found as
    ``term``: for measuring how often each rule fires (benchmarks/english_rules.py)."""
    rules = set()
    if reordered:
        rules.add("reorder")
    if skipped:
        rules.add("bracket")
    bare_written = _BRACKET.sub("", written) if skipped else written
    bare_term = _BRACKET.sub("", term)
    if bare_term != term and not _BRACKET.search(written):
        rules.add("gloss")
    words_w, words_t = _plain_words(bare_written), _plain_words(bare_term)
    if reordered:  # "X of Y" ↔ "Y's X" adds or drops an "of"
        words_w = [w for w in words_w if w.casefold() != "of"]
        words_t = [w for w in words_t if w.casefold() != "of"]
    folded_w = sorted(w.casefold() for w in words_w)
    folded_t = sorted(w.casefold() for w in words_t)
    if folded_w != folded_t:
        rules.add("inflection")
    if any(w != t and w.casefold() == t.casefold() for w in words_w for t in words_t):
        rules.add("case")
    if any(c in written for c in "-‐‑–—") != ("-" in term):
        rules.add("hyphen")
    if any(c in written for c in _CURLY) != any(c in term for c in _CURLY):
        rules.add("apostrophe")
    return rules


_BRACKET = re.compile(r"\s*[(\[][^)\]]*[)\]]")


def _plain_words(text: str) -> list[str]:
    """Words without possessive endings and articles (which reordering moves or drops)."""
    text = re.sub(r"['’]s\b|(?<=s)['’]", "", text)
    return [w for w in _WORDS.findall(text) if w.casefold() not in ARTICLES]


# ---------------------------------------------------------------------------- misspellings


def max_typos(key: tuple[str, ...]) -> int:
    """Edits allowed for a word sequence to count as a misspelling of ``key``: none for
    terms of fewer than five letters (MSS, NIS: a different acronym is another name), one
    from five letters, two from six letters when the two edits move one letter ("Onjing
    County" for "Ongjin County"; see :func:`near_misses`)."""
    letters = sum(len(t) for t in key if t[0].isalnum())
    if letters < 5:
        return 0
    return 1 if letters < 6 else 2


def _moved(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` have the same letters (one moved, not two changed: "North"
    and "South", "Pyongsong" and "Pyongyang" are two changes, other names)."""
    return sorted(a) == sorted(b)


def words_of(folded: str) -> tuple[str, ...]:
    """The words of a folded term as written, possessives as tokens: what a misspelling is
    measured against (lemmas are not: "Tumen" would be "tuman")."""
    return tuple(t.text or t.norm for t in tokens(folded))


def near_misses(
    folded: str, key: tuple[str, ...], taken: Iterable[tuple[int, int, tuple[str, ...]]]
) -> list[tuple[int, int, int]]:
    """Word sequences of ``folded`` as long as ``key`` (:func:`words_of` a term) and within
    :func:`max_typos` edits
    of it (optimal string alignment distance, so a swap of two letters is one edit), but
    not equal to it: ``(start, end, distance)``. ``taken`` are the recognised terms
    (start, end, tokens): a window may hold one only when its words are the key's too
    ("County" in "Onjing County" for "Ongjin County"), so a real name is never taken for a
    misspelling of another ("Onsong County", "Hoeryong County")."""
    limit = max_typos(key)
    if not limit:
        return []
    words = tokens(folded)
    target = " ".join(key)
    lemmas = tuple(lemma(w) for w in key)
    taken = list(taken)
    found = []
    for i in range(len(words) - len(key) + 1):
        window = words[i : i + len(key)]
        if any(not t.norm[0].isalnum() and t.norm != POSSESSIVE for t in window):
            continue
        start, end = window[0].start, window[-1].end
        if any(
            s < end and start < e and not (start <= s and e <= end and _run_of(lemmas, norms))
            for s, e, norms in taken
        ):
            continue
        written = " ".join(t.text or t.norm for t in window)
        distance = OSA.distance(written, target, score_cutoff=limit)
        if distance == 1 or (distance == 2 == limit and _moved(written, target)):
            found.append((start, end, distance))
    return found


def _run_of(key: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(key[i : i + n] == part for i in range(len(key) - n + 1))
