"""Term recognition: which glossary terms a text contains, Korean particles, compounds and
one-syllable terms included, found with one Aho–Corasick automaton over all terms.

How a Korean text is matched
----------------------------
Text and terms are compared after folding each character (NFKC, case-folded, any
whitespace a space, typographic apostrophes and dashes made ASCII). A term written with a
space also matches without it (온성군 보위부 finds 온성군보위부). The automaton reports
every occurrence of every term; an occurrence counts when its edges pass these rules,
where a *word* is a run of Hangul syllables:

* **Terms of three or more syllables** (국가보위성, 온성군, 보위부) may sit anywhere in a
  word: before particles (국가보위성에서), inside compounds (온성군보위부, 도보위부) and
  before endings (보위부원). Such strings are specific enough to be the term.
* **Two-syllable terms** (국가, 인민, 돈주, 금값) must start a word or directly follow
  another recognised term, and must end the word, or be followed by particles (and the
  plural 들: 인민들에게), by a 하다/되다-type verb ending (이혼했다), or by another
  recognised term. So 국가적, 인민군, 외화벌이 and 대장간 are not matches: a compound
  that is not in the glossary is not its first half. Add the compound as a term when it
  should be found.
* **One-syllable terms** (군 county, 도 province) must be a word of their own (with
  particles at most) and either follow a determiner (각 도에, 이 군에서는, 9개 도의) or
  come before an administrative body (군 당국, 도 당위원회, 도 주민). So 군 in 군대 or 군
  복무 (military service) and 도 in 도로 or 보위부도 are not matches.
* Terms in Latin letters or digits must not touch other Latin letters or digits
  (MSS, 데일리NK는 …).
* A **gloss in brackets** right after a word (hanja or another name) is read through:
  the term 군 안전부 is found in 군(郡) 안전부, and 남조선(남한) 상품 is found as 남조선 상품
  and as 남한 상품 (the gloss in place of the word before it). The match covers the
  whole, gloss included; the rules above apply to the text read that way.

The **longest match wins** and overlapping matches are resolved left to right, longest
first: 온성군 보위부 rather than 온성군 + 보위부, 국가보위성 rather than 국가. One overlap is
allowed: a term whose first word is a single syllable (도 보위국, 군 안전부) may share that
syllable with the place name before it, so 함경북도 보위국 gives 함경북도 *and* 도 보위국.

English text (the reverse direction and the QA of English targets) is matched by
:mod:`sajeon.engine.english`: word tokens reduced to their singular, case, hyphens and
apostrophes folded, a short bracket inside a term read through, "X of Y" also as "Y's X".
Acronyms written in capitals (MSS, NIS) match only in capitals.
"""

from __future__ import annotations

import bisect
import gc
import re
import unicodedata
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from operator import itemgetter

import ahocorasick

from ..core.model import Concept, Term, status_rank
from ..core.text import GLOSS, PARTICLES, PLURAL, is_hangul
from .english import EnglishIndex
from .english import term_keys as english_keys

# After a two-syllable term: these stems begin a verb or adjective made from the noun.
VERB_STEMS = (
    "하",
    "한",
    "할",
    "함",
    "해",
    "했",
    "되",
    "된",
    "될",
    "됨",
    "돼",
    "됐",
    "시키",
    "시킨",
    "시켜",
    "시켰",
    "당하",
    "당한",
    "당해",
    "당했",
    "당할",
)
# Words before a one-syllable term that make it a noun of its own: 각 도에, 이 군에서는.
DETERMINERS = frozenset(
    (
        "각",
        "이",
        "그",
        "저",
        "해당",
        "같은",
        "인근",
        "다른",
        "모든",
        "여러",
        "일부",
        "한",
        "두",
        "세",
        "네",
        "몇",
        "전",
        "매",
        "소속",
        "본",
        "타",
        "우리",
        "어느",
        "각각",
    )
)
_COUNTED = re.compile(r"\d+개$")  # 9개 도
# Words after a one-syllable term standing alone that make it the administrative unit:
# 군 당국 (county authorities), 도 당위원회; not 군 복무 (military service).
ADMINISTRATIVE_HEADS = (
    "당국",
    "당위원회",
    "인민위원회",
    "안전부",
    "안전국",
    "보위부",
    "보위국",
    "검찰소",
    "재판소",
    "소재지",
    "행정",
    "책임비서",
    "주민",
)
_PARTICLE_SET = frozenset(PARTICLES)
_MAX_PARTICLE = max(len(p) for p in PARTICLES)
_APOSTROPHES = "’‘ʼ`´′"
_DASHES = "‐‑‒–—―−"
_GLOSS = re.compile(r"\s*\([^)]*\)")


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if "\uac00" <= char <= "\ud7a3":
        return char
    if char.isspace():
        return " "
    if char in _APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    folded = unicodedata.normalize("NFKC", char).casefold()
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c)
    )
    return stripped or folded or char


class _FoldTable(dict):
    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


_TABLE = _FoldTable()


# Characters that fold to themselves (Hangul syllables, lower-case ASCII letters, digits,
# the space and common punctuation): only the others need a look-up.
_UNCHANGED = "\uac00-\ud7a3a-z0-9 .,!?%()\\[\\]:;/+*&#@=<>_~\"'\\-"
_TO_FOLD = re.compile(f"[^{_UNCHANGED}]+")


def _fold_run(match: re.Match) -> str:
    return match.group().translate(_TABLE)


def fold(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded character by character, and the position in ``text`` of each
    folded character (``None`` when every character folds to exactly one)."""
    folded = _TO_FOLD.sub(_fold_run, text)
    if len(folded) == len(text):
        return folded, None
    positions: list[int] = []
    pieces: list[str] = []
    for i, char in enumerate(text):
        piece = _TABLE[ord(char)]
        pieces.append(piece)
        positions.extend([i] * len(piece))
    return "".join(pieces), positions


def is_acronym(text: str) -> bool:
    """MSS, NIS: matched only as written, in capitals."""
    return text.isupper() and " " not in text and len(text) <= 6


def _latin(char: str) -> bool:
    return char < "\u3040" and char.isalnum()


@lru_cache(maxsize=4096)
def particle_tail(rest: str) -> bool:
    """Whether ``rest`` (what follows a noun in its word) is particles only: 에서는,
    들에게, 과의, 이다 …"""
    if rest.startswith(PLURAL):
        rest = rest[len(PLURAL) :]
    return _particles(rest)


@lru_cache(maxsize=4096)
def _particles(rest: str) -> bool:
    if not rest:
        return True
    for size in range(min(_MAX_PARTICLE, len(rest)), 0, -1):
        if rest[:size] in _PARTICLE_SET and _particles(rest[size:]):
            return True
    return False


def verb_tail(rest: str) -> bool:
    return rest.startswith(VERB_STEMS)


@dataclass(slots=True)
class TermMatch:
    """One recognised occurrence of a glossary term. Offsets are in the NFC text."""

    start: int
    end: int
    text: str  # as written in the text
    line: int
    column: int
    term: str  # the glossary term it matched
    lang: str
    status: str
    concept_id: str
    domain: str | None
    translation: str | None  # the preferred term in the target language
    alternatives: tuple[str, ...] = ()  # other approved target terms
    other_concepts: list[str] = field(default_factory=list)  # homonyms
    suffix: str = ""  # particles or ending attached to the term in the same word
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        data = asdict(self)
        data["alternatives"] = list(self.alternatives)
        data["warnings"] = list(self.warnings)
        return data


@dataclass
class _Entry:
    concept: Concept
    term: Term
    syllables: int  # Hangul syllables, spaces left out
    shared_head: bool  # "도 보위국": first word a single syllable
    acronym: bool
    long_hangul: bool  # three or more syllables, Hangul at both ends
    short_hangul: bool  # one or two syllables, Hangul at both ends
    shown: tuple | None = None  # (translation, alternatives, warnings), made when first shown

    def display(self, target_lang: str) -> tuple[str | None, list[str], list[str]]:
        if self.shown is None:
            target = self.concept.preferred(target_lang)
            alternatives = [
                t.text
                for t in self.concept.terms_in(target_lang)
                if t.approved and (target is None or t.text != target.text)
            ]
            self.shown = (
                target.text if target else None,
                tuple(alternatives),
                tuple(_warnings(self.concept, self.term)),
            )
        return self.shown


CHUNK = 200_000  # characters matched at a time in long texts (cut at blank lines)
# Characters read around a gloss besides the longest key: the rules look at the word
# before a match (a determiner) and the word after it (particles, an administrative body).
_GLOSS_CONTEXT = 40
# Kinds of automaton keys, for the fast paths of _valid: Hangul at both ends and three or
# more syllables (no rule applies); one or two syllables, Hangul at both ends, not an
# acronym (only the word-edge rules apply); anything else (every rule is checked).
_LONG, _SHORT, _OTHER = 0, 1, 2
_NEVER = 3  # placeholder keys, skipped (see Recogniser.__init__)
# A noncharacter ends every placeholder key, so that text practically never matches one.
_NEVER_CHARACTER = "\U0010ffff"
# Characters frequent in folded Korean news text (spaces, punctuation, digits, endings
# and particles): see Recogniser.__init__.
_COMMON_CHARACTERS = (
    " .,\"'()·-%0123456789다는을를이가에의은로도고서와과한하했된되있었지기것수들자인대시으게적해만"
)
# An occurrence found by the automaton: (start, end, entries), offsets in the folded text.
_Candidate = tuple[int, int, list[_Entry]]


class Recogniser:
    """Finds the terms of one language in texts. Build it once per glossary: the
    automaton is made in the constructor."""

    def __init__(self, concepts: Iterable[Concept], lang: str = "ko", target_lang: str = "en"):
        self.lang = lang
        self.target_lang = target_lang
        self.concepts = {c.id: c for c in concepts}
        # English is matched by tokens (engine/english.py), not by the automaton.
        self.english = self._english_index() if lang.split("-")[0] == "en" else None
        keys: dict[str, list[_Entry]] = {}
        for concept in self.concepts.values():
            for term in concept.terms:
                if term.lang != lang or self.english is not None:
                    continue
                for key, entry in self._keys(concept, term):
                    entries = keys.setdefault(key, [])
                    if all(e.concept.id != concept.id for e in entries):
                        entries.append(entry)
        self.automaton = ahocorasick.Automaton()
        # One-syllable terms (군, 도) are looked for at word starts only, by a regular
        # expression: inside words (함경북도, 온성군) the automaton would report them
        # everywhere, only for the rules to throw them away.
        self.syllables: dict[str, list[_Entry]] = {}
        words: list[tuple[str, tuple[int, int, list[_Entry]]]] = []
        for key, entries in keys.items():
            # Approved senses first, then by concept id: the first is the one shown.
            entries.sort(key=lambda e: (status_rank(e.term.status), e.concept.id))
            first = entries[0]
            if len(key) == 1 and is_hangul(key):
                self.syllables[key] = entries
                continue
            if first.long_hangul:
                kind = _LONG
            elif first.short_hangul and not first.acronym:
                kind = _SHORT
            else:
                kind = _OTHER
            words.append((key, (len(key), kind, entries)))
        if words:
            # pyahocorasick compares a character with a node's children one by one, in
            # the order they were added, and the root has a child for the first character
            # of every key: a character that starts no key (a space, a full stop, 다) is
            # compared with all of them. Keys that never match, added first, put the
            # commonest characters of text at the front of the root's children.
            for char in _COMMON_CHARACTERS:
                self.automaton.add_word(char + _NEVER_CHARACTER, (0, _NEVER, []))
            for key, value in words:
                self.automaton.add_word(key, value)
            self.automaton.make_automaton()
        self.syllable_pattern = (
            re.compile(f"(?<![\uac00-\ud7a3])[{''.join(self.syllables)}]")
            if self.syllables
            else None
        )
        self.size = len(keys) + len(self.english or ())
        self.longest = max(map(len, keys), default=0)
        self._shown: dict[int, tuple] = {}  # id(entries) → _fields(entries)

    @classmethod
    def from_store(cls, store, lang: str = "ko", target_lang: str = "en") -> Recogniser:
        return cls(store.concepts(), lang, target_lang)

    def _english_index(self) -> EnglishIndex:
        """The English terms as token sequences, each with its reorderings."""
        index = EnglishIndex()
        for concept in self.concepts.values():
            for term in concept.terms:
                if term.lang != self.lang:
                    continue
                entry = _Entry(concept, term, 0, False, is_acronym(term.text), False, False)
                folded = " ".join(fold(term.text)[0].split())
                bare = " ".join(_GLOSS.sub("", folded).split())
                for form in dict.fromkeys((folded, bare)):
                    for key, reordered in english_keys(form, common=term.text.islower()):
                        entries = index.keys.get(key, ())
                        if all(e.concept.id != concept.id for e in entries):
                            index.add(key, entry, reordered)
        for entries in index.keys.values():
            entries.sort(key=lambda e: (status_rank(e.term.status), e.concept.id))
        return index

    def _english_candidates(
        self, folded: str, text: str, positions: list[int] | None
    ) -> list[_Candidate]:
        found = []
        for start, end, key, _ in self.english.find(folded):
            c = (start, end, self.english.keys[key])
            if not c[2][0].acronym or self._same_case(text, positions, c):
                found.append(c)
        return _in_text_order(found)

    def _keys(self, concept: Concept, term: Term) -> Iterable[tuple[str, _Entry]]:
        key, _ = fold(term.text)
        key = " ".join(key.split())
        compact = key.replace(" ", "")
        syllables = sum(1 for c in compact if is_hangul(c))
        words = key.split(" ")
        shared_head = len(words) > 1 and len(words[0]) == 1 and is_hangul(words[0])
        acronym = is_acronym(term.text)
        hangul_ends = bool(compact) and is_hangul(compact[0]) and is_hangul(compact[-1])
        long_hangul = syllables >= 3 and hangul_ends
        short_hangul = syllables < 3 and hangul_ends
        entry = _Entry(concept, term, syllables, shared_head, acronym, long_hangul, short_hangul)
        forms = {key}
        if syllables:
            forms.add(compact)
        else:
            bare = " ".join(_GLOSS.sub("", key).split())
            if bare and bare != key:
                forms.add(bare)
            for form in list(forms):
                if "-" in form:
                    forms.add(form.replace("-", " "))
        for form in forms:
            if form:
                yield form, entry

    # ------------------------------------------------------------------ matching

    def find_senses(
        self, text: str, *, overlapping: bool = False
    ) -> list[tuple[int, int, list[tuple[Concept, Term]]]]:
        """Like :meth:`find`, as ``(start, end, [(concept, term), …])``: every concept the
        matched string is a term of, with that term's status there (MSS is admitted in
        one concept and forbidden in another)."""
        text = unicodedata.normalize("NFC", text)
        if not self.size or not text:
            return []
        folded, positions = fold(text)
        valid = self._candidates(folded, text, positions)
        chosen = valid if overlapping else self._resolve(valid)
        spans = []
        for c in chosen:
            start = positions[c[0]] if positions else c[0]
            end = positions[c[1] - 1] + 1 if positions else c[1]
            spans.append((start, end, [(e.concept, e.term) for e in c[2]]))
        return spans

    def find(self, text: str, *, overlapping: bool = False) -> list[TermMatch]:
        """Terms in ``text`` (NFC-normalised first), in text order. With
        ``overlapping`` every valid occurrence is returned, also inside longer matches
        (what the QA check needs to see every rendering in a target)."""
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if not self.size or not text:
            return []
        with _no_gc():
            if len(text) <= CHUNK:
                return self._find(text, overlapping)
            # Long texts go paragraph by paragraph (smaller working sets run faster). A
            # term never spans a blank line: keys hold single spaces, and a blank line
            # folds to two.
            matches: list[TermMatch] = []
            position = line = 0
            while position < len(text):
                cut = text.find("\n\n", position + CHUNK)
                cut = len(text) if cut == -1 else cut + 1
                piece = text[position:cut]
                matches += self._find(piece, overlapping, position, line)
                line += piece.count("\n")
                position = cut
            return matches

    def _find(
        self, text: str, overlapping: bool, offset: int = 0, lines_before: int = 0
    ) -> list[TermMatch]:
        folded, positions = fold(text)
        valid = self._candidates(folded, text, positions)
        chosen = valid if overlapping else self._resolve(valid, ordered=True)
        return self._matches(text, folded, positions, chosen, offset, lines_before)

    def _occurrences(self, folded: str):
        if len(self.automaton) == 0:
            return iter(())
        return self.automaton.iter(folded)

    def _candidates(self, folded: str, text: str, positions: list[int] | None) -> list[_Candidate]:
        """:meth:`_valid` occurrences, and those read through a gloss in brackets (군(郡)
        안전부 as 군 안전부; 남조선(남한) 상품 as 남조선 상품 and as 남한 상품), in text order.
        A reading through a gloss counts only where it spans the gloss: elsewhere the text
        as written decides."""
        if self.english is not None:
            return self._english_candidates(folded, text, positions)
        valid = self._valid(folded, text, positions)
        if "(" not in folded:
            return valid
        glosses = [(m.start(), m.end()) for m in GLOSS.finditer(folded)]
        if not glosses:
            return valid
        seen = {(c[0], c[1]) for c in valid}
        # Each gloss is read in a window around it, not the whole text again: a match that
        # spans it is at most a key long, and the rules look a few words around a match.
        reach = self.longest + _GLOSS_CONTEXT
        windows: list[tuple[int, int, list[tuple[int, int]]]] = []
        for left, right in glosses:
            low, high = max(0, left - reach), min(len(folded), right + reach)
            if windows and low <= windows[-1][1]:
                windows[-1][2].append((left, right))
                windows[-1] = (windows[-1][0], high, windows[-1][2])
            else:
                windows.append((low, high, [(left, right)]))
        for low, high, inside in windows:
            for in_place in (False, True):
                view = _GlossView(folded, inside, in_place, low, high)
                view_positions = [positions[i] for i in view.starts] if positions else view.starts
                for first, stop, entries in self._valid(view.text, text, view_positions):
                    start, end = view.starts[first], view.ends[stop - 1] + 1
                    spans = any(start < left and right < end for left, right in inside)
                    if spans and (start, end) not in seen:
                        seen.add((start, end))
                        valid.append((start, end, entries))
        return _in_text_order(valid)

    def _valid(self, folded: str, text: str, positions: list[int] | None) -> list[_Candidate]:
        """The automaton's occurrences whose edges pass the boundary rules, in text order
        (by start, longer first)."""
        n = len(folded)
        strong: list[_Candidate] = []
        # Two-syllable candidates in the automaton's order (by end): (start, end, entries,
        # starts a word, ends a word or is followed by particles or a verb ending).
        short: list[tuple[int, int, list[_Entry], bool, bool]] = []
        ends: set[int] = set()  # where occurrences that may be valid end
        add_end, add_strong, add_short = ends.add, strong.append, short.append
        word_after = _HANGUL_RUN.match
        tails = _word_tail_ok
        for stop, (length, kind, entries) in self._occurrences(folded):
            end = stop + 1
            start = end - length
            if kind == _LONG:  # 국가보위성, 온성군 보위부: valid wherever they are
                add_strong((start, end, entries))
                add_end(end)
                continue
            if kind == _SHORT:
                # Hangul at both edges, so only the word-edge rules apply. Inside a word,
                # only a two-syllable term right after another can count.
                word_start = not (start and "\uac00" <= folded[start - 1] <= "\ud7a3")
                if not word_start and start not in ends:
                    continue
                add_end(end)
                rest = word_after(folded, end).group()
                add_short((start, end, entries, word_start, not rest or tails(rest)))
                continue
            if kind == _NEVER:
                continue
            add_end(end)
            entry = entries[0]
            c = (start, end, entries)
            if entry.acronym and not self._same_case(text, positions, c):
                continue
            first, last = folded[start], folded[stop]
            before = folded[start - 1] if start else " "
            after = folded[end] if end < n else " "
            hangul_first = "\uac00" <= first <= "\ud7a3"
            hangul_last = "\uac00" <= last <= "\ud7a3"
            # Edges in Latin letters or digits must not touch more of them.
            if not hangul_first and _latin(first) and _latin(before):
                continue
            touching = _latin(last) and _latin(after)
            if not hangul_last and touching and not _possessive(folded, end):
                continue
            if entry.syllables >= 3 or not (hangul_first or hangul_last):
                add_strong(c)
                continue
            word_start = not hangul_first or not ("\uac00" <= before <= "\ud7a3")
            rest = _word_after(folded, end) if hangul_last else ""
            add_short((start, end, entries, word_start, not rest or tails(rest)))
        if self.syllable_pattern is not None:
            strong += self._syllables(folded)
        if short:
            strong += _leaning(strong, short)
        return _in_text_order(strong)

    def _syllables(self, folded: str) -> list[_Candidate]:
        """One-syllable terms that are words of their own: after a determiner (각 도에,
        이 군의) or before an administrative body (군 당국, 도 당위원회)."""
        found = []
        for match in self.syllable_pattern.finditer(folded):
            start, end = match.start(), match.end()
            rest = _word_after(folded, end)
            if not particle_tail(rest):
                continue
            heads = not rest and folded.startswith(ADMINISTRATIVE_HEADS, end + 1)
            if (heads and folded[end] == " ") or _determined(folded, start):
                found.append((start, end, self.syllables[match.group()]))
        return found

    @staticmethod
    def _same_case(text: str, positions: list[int] | None, c: _Candidate) -> bool:
        start = positions[c[0]] if positions else c[0]
        end = positions[c[1] - 1] + 1 if positions else c[1]
        written = text[start:end]
        return written == c[2][0].term.text

    @staticmethod
    def _resolve(valid: list[_Candidate], ordered: bool = False) -> list[_Candidate]:
        """Left to right, longest first; a shared-head term may overlap one syllable.
        ``ordered``: ``valid`` is in text order already (as :meth:`_valid` gives it)."""
        chosen: list[_Candidate] = []
        end = 0
        for c in valid if ordered else _in_text_order(list(valid)):
            if c[0] >= end or (
                chosen
                and c[2][0].shared_head
                and c[0] == end - 1
                and c[1] > end
                and chosen[-1][1] == end
            ):
                chosen.append(c)
                end = c[1]
        return chosen

    def _matches(
        self,
        text: str,
        folded: str,
        positions: list[int] | None,
        chosen: list[_Candidate],
        offset: int = 0,
        lines_before: int = 0,
    ) -> list[TermMatch]:
        """Matches for the chosen candidates; ``text`` is a piece of a longer text that
        starts ``offset`` characters and ``lines_before`` lines into it."""
        line_starts = [0]
        newline = text.find("\n")
        while newline != -1:
            line_starts.append(newline + 1)
            newline = text.find("\n", newline + 1)
        line_starts.append(len(text) + 1)  # past the last line
        matches = []
        append, make = matches.append, TermMatch
        word_after = _HANGUL_RUN.match
        shown = self._shown
        # ``chosen`` is in text order: follow the lines along with it.
        line, line_start, next_line = 1, 0, line_starts[1]
        for first, stop, entries in chosen:
            if positions:
                start, end = positions[first], positions[stop - 1] + 1
            else:
                start, end = first, stop
            suffix = ""
            if "\uac00" <= folded[stop - 1] <= "\ud7a3":
                rest = word_after(folded, stop).end()
                if rest > stop:
                    suffix = text[end : positions[rest - 1] + 1 if positions else rest]
            if start >= next_line or start < line_start:
                line = bisect.bisect_right(line_starts, start)
                line_start, next_line = line_starts[line - 1], line_starts[line]
            fields = shown.get(id(entries))
            if fields is None:
                fields = shown[id(entries)] = self._fields(entries)
            term, lang, status, concept_id, domain, translation, alternatives, warnings = fields
            append(
                make(
                    start + offset,
                    end + offset,
                    text[start:end],
                    line + lines_before,
                    start - line_start + 1,
                    term,
                    lang,
                    status,
                    concept_id,
                    domain,
                    translation,
                    alternatives,
                    [e.concept.id for e in entries[1:]] if len(entries) > 1 else [],
                    suffix,
                    warnings,
                )
            )
        return matches

    def _fields(self, entries: list[_Entry]) -> tuple:
        """What every match of these entries shows, made once per key: the first entry's
        term, status, concept and translations."""
        entry = entries[0]
        translation, alternatives, warnings = entry.display(self.target_lang)
        term, concept = entry.term, entry.concept
        return (
            term.text,
            term.lang,
            term.status,
            concept.id,
            concept.domain,
            translation,
            alternatives,
            warnings,
        )


def _leaning(strong: list[_Candidate], short: list[tuple]) -> list[_Candidate]:
    """The two-syllable candidates that count: each must start a word or directly follow a
    valid term, and end its word (or be followed by particles or a verb ending) or
    directly precede a valid term. ``short`` comes in the automaton's order, by end: a
    term ending where another starts is always seen before it, so one pass each way
    decides every candidate."""
    ends = {c[1] for c in strong}
    starts = {c[0] for c in strong}
    left_ok = []
    for start, end, _, word_start, _ in short:
        ok = word_start or start in ends
        left_ok.append(ok)
        if ok:
            ends.add(end)
    accepted = []
    for i in range(len(short) - 1, -1, -1):
        start, end, entries, _, word_end = short[i]
        if word_end or end in starts:
            starts.add(start)
            if left_ok[i]:
                accepted.append((start, end, entries))
    return accepted


_START, _END = itemgetter(0), itemgetter(1)


class _GlossView:
    """Folded text from ``low`` to ``high`` read through its glosses (``(start, end)`` of
    each bracket, as :data:`sajeon.core.text.GLOSS` finds them): left out, or (``in_place``) put
    in place of the Hangul word before them. ``starts[i]`` and ``ends[i]`` are where a
    match starting or ending at character ``i`` of the view starts or ends in the folded
    text: a gloss read in place of its word starts where the word does and ends with its
    closing bracket."""

    def __init__(
        self, folded: str, glosses: list[tuple[int, int]], in_place: bool, low: int, high: int
    ):
        pieces: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        last = low
        for left, right in glosses:
            cut = left
            if in_place:
                while cut > last and is_hangul(folded[cut - 1]):
                    cut -= 1
            self._keep(pieces, folded, last, cut)
            if in_place:
                self._keep(pieces, folded, left + 1, right - 1)
                self.starts[len(self.starts) - (right - left - 2)] = cut
                self.ends[-1] = right - 1
            last = right
        self._keep(pieces, folded, last, high)
        self.text = "".join(pieces)

    def _keep(self, pieces: list[str], folded: str, start: int, end: int) -> None:
        pieces.append(folded[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start, end))


def _in_text_order(candidates: list[_Candidate]) -> list[_Candidate]:
    """``candidates`` sorted in place by start, longer first (two sorts on C keys are
    cheaper than one on a tuple key)."""
    candidates.sort(key=_END, reverse=True)
    candidates.sort(key=_START)
    return candidates


@lru_cache(maxsize=65536)
def _word_tail_ok(rest: str) -> bool:
    """Whether the rest of a word after a two-syllable term lets it count: particles
    (인민들에게) or a verb ending (이혼했다)."""
    return particle_tail(rest) or verb_tail(rest)


@contextmanager
def _no_gc():
    """The cyclic garbage collector paused: matching makes many short-lived objects, and
    each collection would walk the whole automaton of a large glossary (what is made
    here has no cycles; reference counting frees it)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_HANGUL_RUN = re.compile("[\uac00-\ud7a3]*")


def _word_after(folded: str, end: int) -> str:
    """The Hangul syllables right after ``end``: the rest of the word."""
    return _HANGUL_RUN.match(folded, end).group()


def _possessive(folded: str, end: int) -> bool:
    """``'s`` or a bare ``'`` after a word, then no more letters."""
    if folded[end : end + 2] == "'s":
        return end + 2 >= len(folded) or not _latin(folded[end + 2])
    if folded[end : end + 1] == "'":
        return end + 1 >= len(folded) or not _latin(folded[end + 1])
    return False


def _determined(folded: str, start: int) -> bool:
    """Whether the word before ``start`` (after one or more spaces) is a determiner
    (각, 이, 해당, 9개 …)."""
    i = start
    while i > 0 and folded[i - 1] == " ":
        i -= 1
    if i == start:
        return False
    j = i
    while j > 0 and folded[j - 1] != " " and i - j < 8:
        j -= 1
    word = folded[j:i]
    return word in DETERMINERS or bool(_COUNTED.search(word))


def _warnings(concept: Concept, term: Term) -> list[str]:
    warnings = []
    if term.status in ("deprecated", "forbidden"):
        better = concept.preferred(term.lang)
        advice = f": use {better.text}" if better else ""
        warnings.append(f"{term.status} term{advice}")
    if term.valid_until:
        warnings.append(f"in use until {term.valid_until}")
    return warnings


_RECOGNISERS: dict[tuple, Recogniser] = {}


def recogniser_for(store, lang: str = "ko", target_lang: str = "en") -> Recogniser:
    """A recogniser for the glossary in ``store``, kept while the glossary files the
    database was built from stay the same (a server reuses it across requests)."""
    key = (str(store.path), tuple(sorted(store.fingerprints().items())), lang, target_lang)
    recogniser = _RECOGNISERS.get(key)
    if recogniser is None:
        if len(_RECOGNISERS) > 8:
            _RECOGNISERS.clear()
        recogniser = _RECOGNISERS[key] = Recogniser.from_store(store, lang, target_lang)
    return recogniser


def text_languages(text: str) -> tuple[str, str]:
    """(source, target) languages for a text typed without saying which: Korean → English
    when it holds Hangul, else English → Korean (the search box takes both)."""
    if any("\uac00" <= ch <= "\ud7a3" or "\u1100" <= ch <= "\u11ff" for ch in text):
        return "ko", "en"
    return "en", "ko"


def recognise(source, text: str, lang: str = "ko", target_lang: str = "en") -> list[TermMatch]:
    """Terms of ``lang`` in ``text``; ``source`` is a :class:`Recogniser`, a Store, a
    :class:`~sajeon.core.glossary.Glossary` or concepts."""
    if isinstance(source, Recogniser):
        return source.find(text)
    if hasattr(source, "fingerprints"):
        return recogniser_for(source, lang, target_lang).find(text)
    return Recogniser(source, lang, target_lang).find(text)


def at_date(match: TermMatch, concept: Concept, date: str | None, target_lang: str) -> TermMatch:
    """``match`` for a text of ``date``: the renderings valid then
    (:meth:`~sajeon.core.model.Concept.terms_on`) and a warning when the name found was
    not yet, or no longer, in use (:meth:`~sajeon.core.model.Term.timing`)."""
    if not date:
        return match
    term = concept.find_term(match.lang, match.term)
    valid = concept.terms_on(target_lang, date)
    warnings = [w for w in match.warnings if not w.startswith(("in use until", "deprecated"))]
    status = match.status
    if term is not None:
        status = term.status_on(date)
        if timing := term.timing(date):
            warnings.append(f"{timing} in use at {date} (in use {term.period})")
        elif status == "deprecated":
            warnings.append(f"deprecated term: use {valid[0].text}" if valid else "deprecated term")
    return replace(
        match,
        status=status,
        translation=valid[0].text if valid else None,
        alternatives=tuple(t.text for t in valid[1:]),
        warnings=tuple(dict.fromkeys(warnings)),
    )
