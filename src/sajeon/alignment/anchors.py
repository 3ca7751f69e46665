"""Anchors: what survives translation and so tells which sentences belong together.

* numbers: 5000위안 ↔ 5,000 yuan, 3만 원 ↔ 30,000 won, 20∼30대 ↔ in their 20s and 30s,
  10여 명 ↔ more than ten, 두세 번 ↔ two or three times, 20억 ↔ 2 billion;
  days of the month (11일) and months (10월 ↔ October) are kinds of their own, because
  English copy often drops the day ("recently");
* quotations: a sentence quoting someone is usually translated as one that does too;
* names through romanization: 회령시 ↔ Hoeryong, 최 씨 ↔ Choi, 김정은 ↔ Kim Jong Un, with no
  glossary entry: an English word shaped like romanized Korean is found when some Hangul
  word on the other side romanizes (McCune–Reischauer or Revised, as a place or a person) to
  it;
* glossary terms: 국가보위성 on one side and its approved English ("Ministry of State
  Security", "MSS") on the other;
* common words, from a word list of news vocabulary that ships with sajeon
  (``data/lexicon-ko-en.tsv``, like hunalign's dictionary): 옥수수값도 ↔ corn, 체포됐다 ↔
  arrested;
* the kind of paragraph: a caption pairs with a caption, a headline with a headline.

Each sentence gets a :class:`Anchors` value: per anchor type a set of keys. A key is a
frozenset of alternatives (a term may name more than one concept), and two keys match
when they share an alternative.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..core.glossary import Glossary
from ..core.model import InputError
from ..core.romanize import romanize
from ..core.sentences import Sentence, quote_spans
from ..core.text import is_hangul
from ..engine.english import lemma
from ..engine.termrec import Recogniser, particle_tail

ANCHOR_TYPES = ("number", "day", "month", "quote", "term", "name", "word", "kind")

Key = frozenset[str]
Span = tuple[int, int, Key]  # (start, end, key) of an anchor in its sentence


@dataclass
class Anchors:
    keys: dict[str, set[Key]] = field(default_factory=dict)

    def add(self, kind: str, *alternatives: str) -> None:
        if alternatives:
            self.keys.setdefault(kind, set()).add(frozenset(alternatives))

    def merged(self, other: Anchors) -> Anchors:
        keys = {k: set(v) for k, v in self.keys.items()}
        for kind, values in other.keys.items():
            keys.setdefault(kind, set()).update(values)
        return Anchors(keys)

    def get(self, kind: str) -> set[Key]:
        return self.keys.get(kind, set())


def count_matches(own: set[Key], other: set[Key]) -> tuple[int, int]:
    """(found, missing): how many of ``own`` have a match in ``other``."""
    if not other:
        return 0, len(own)
    alternatives = set().union(*other)
    found = sum(1 for key in own if key & alternatives)
    return found, len(own) - found


# --------------------------------------------------------------------------- numbers

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_UNITS = {"조": 10**12, "억": 10**8, "만": 10**4, "천": 10**3}
# 3만, 1만 5000, 1억 2000만, 2.5: digits with the Korean myriad units.
_KO_AMOUNT = re.compile(rf"(?<![\d.,])({_NUMBER})(\s?[조억만천](?:\s?{_NUMBER}\s?[억만천]?)*)?")
_KO_DAY = re.compile(r"(?<![\d.])(\d{1,2})일")
_KO_MONTH = re.compile(r"(?<![\d.])(\d{1,2})월(?!요)")
_KO_NATIVE = {
    "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9,
    "열": 10, "스무": 20, "스물": 20, "서른": 30, "마흔": 40, "쉰": 50,
}  # fmt: skip
_KO_COUNTERS = (
    "명|번|개|곳|차례|끼|달|살|가지|대|채|마리|척|벌|켤레|병|잔|시간|주|해|사람|군데|배|장|권|포대"
)
_KO_NATIVE_RE = re.compile(
    r"(?<![가-힣])((?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|스물|서른|마흔|쉰)"
    r"(?:세|네)?)\s(?:" + _KO_COUNTERS + r")(?![가-힣]{2})"
)
_EN_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "twice": 2, "double": 2, "doubled": 2, "triple": 3, "tripled": 3,
    "half": 0.5,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
              "trillion": 10**12}  # fmt: skip
_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_EN_TOKEN = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)\b|\$?{_NUMBER}(?:s\b|%)?|[A-Za-z]+(?:-[A-Za-z]+)*\.?"
)
_EN_ORDINAL_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_KO_HALF = re.compile(r"절반|반값")


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _key(value: float) -> str | None:
    """The anchor key of a number; 1 and 0 are left out (one/a/an are everywhere)."""
    if value in (0, 1):
        return None
    if value == int(value):
        return str(int(value))
    return f"{value:.6g}"


def korean_numbers(text: str) -> tuple[set[str], set[str], set[str]]:
    """(numbers, days, months) in Korean text."""
    numbers: set[str] = set()
    days = {m.group(1) for m in _KO_DAY.finditer(text)}
    months = {m.group(1) for m in _KO_MONTH.finditer(text)}
    date_digits = {m.span(1) for m in [*_KO_DAY.finditer(text), *_KO_MONTH.finditer(text)]}
    for match in _KO_AMOUNT.finditer(text):
        if match.span(1) in date_digits and not match.group(2):
            continue
        numbers.add(_key(_korean_amount(match.group(0))) or "")
    for match in _KO_NATIVE_RE.finditer(text):
        word = match.group(1)
        if word in ("두세", "서너"):
            numbers.update(("2", "3"))
        elif word in _KO_NATIVE:
            numbers.add(_key(_KO_NATIVE[word]) or "")
        elif len(word) == 2 and word[0] in _KO_NATIVE and word[1] in _KO_NATIVE:
            numbers.update(k for k in (_key(_KO_NATIVE[word[0]]), _key(_KO_NATIVE[word[1]])) if k)
    if _KO_HALF.search(text):
        numbers.add("0.5")
    numbers.discard("")
    return numbers, {str(int(d)) for d in days}, {str(int(m)) for m in months}


def _korean_amount(text: str) -> float:
    """3만 → 30000, 1만 5000 → 15000, 1억 2000만 → 120000000, 2.5 → 2.5."""
    total = 0.0
    for number, unit in re.findall(rf"({_NUMBER})\s?([조억만천]?)", text):
        total += _value(number) * _KO_UNITS.get(unit, 1)
    return total


def english_numbers(text: str) -> tuple[set[str], set[str], set[str]]:
    numbers: set[str] = set()
    days: set[str] = set()
    months: set[str] = set()
    tokens = _EN_TOKEN.findall(text)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        low = token.lower().rstrip(".")
        day_follows = i + 1 < len(tokens) and re.fullmatch(r"\d{1,2}", tokens[i + 1])
        # A capitalised month name; "May" only before a day (it is also a verb).
        if low in _EN_MONTHS and token[0].isupper() and (low != "may" or day_follows):
            months.add(str(_EN_MONTHS[low]))
            if day_follows:
                days.add(str(int(tokens[i + 1])))
                i += 1
        elif ordinal := _EN_ORDINAL_DAY.fullmatch(token):  # "on the 21st": a day
            if 1 <= int(ordinal.group(1)) <= 31:
                days.add(str(int(ordinal.group(1))))
        elif token[0] in "$0123456789":
            number = token.lstrip("$").rstrip("%")
            if number.endswith("s"):  # the 1990s, in their 20s
                number = number[:-1]
            value = _value(number)
            if i + 1 < len(tokens) and tokens[i + 1].lower() in _EN_SCALES:
                value *= _EN_SCALES[tokens[i + 1].lower()]
                i += 1
            if (key := _key(value)) is not None:
                numbers.add(key)
        elif low in _EN_SMALL or _is_compound_number(low):
            value = float(sum(_EN_SMALL[part] for part in low.split("-")))
            if i + 1 < len(tokens) and tokens[i + 1].lower() in _EN_SCALES:
                value *= _EN_SCALES[tokens[i + 1].lower()]
                i += 1
            if (key := _key(value)) is not None:
                numbers.add(key)
        i += 1
    return numbers, days, months


def _is_compound_number(word: str) -> bool:
    """twenty-five, thirty-two: tens and units joined by a hyphen."""
    parts = word.split("-")
    return (
        len(parts) == 2
        and _EN_SMALL.get(parts[0], 0) in (20, 30, 40, 50, 60, 70, 80, 90)
        and 2 <= _EN_SMALL.get(parts[1], 0) <= 9
    )


# --------------------------------------------------------------------------- names

# One romanized syllable (McCune–Reischauer or Revised, without diacritics): an optional
# initial, a vowel, an optional final. English words of this shape may be Korean names.
_ROMAN_SYLLABLE = (
    r"(?:tch|ssh|ch|jj|kk|pp|ss|tt|sh|[gkndtrlmbpsjh])?"
    r"(?:yae|yeo|wae|ae|ya|eo|ye|yo|wa|oe|wo|we|wi|yu|eu|ui|oo|ee|[aeiou])"
    r"(?:ng|[knlmpgt](?![aeiouwy]))?"
)
_ROMAN_WORD = re.compile(rf"(?:{_ROMAN_SYLLABLE})+")
_EN_CAPITALISED = re.compile(r"[A-Z][a-z]*(?:['’-][A-Za-z][a-z]*)*")
# English words that happen to be shaped like romanized Korean and are not names from Korean.
_NOT_NAMES = frozenset({
    "china", "chinese", "korea", "korean", "koreans", "japan", "japanese", "june", "jan",
    "mar", "sept", "oct", "nov", "dec", "sino", "mongolia", "in", "on", "an", "a", "i", "so",
    "no", "go", "do", "to", "he", "she", "we", "me", "be", "one", "ones",
})  # fmt: skip
# What follows a one-syllable surname standing for a person: 최 씨, 최씨는, 김 모 씨.
_SURNAME_TAILS = ("씨", "모")


def _name_key(text: str) -> str:
    """Spelling without case, spaces, hyphens and apostrophes; Ry- as Y- (량강도 and 양강도
    are both written Ryanggang and Yanggang)."""
    key = re.sub(r"[^a-z]", "", text.lower())
    return key[1:] if key.startswith("ry") else key


def english_names(text: str, known: Collection[str] = ()) -> list[Key]:
    return [key for _, _, key in english_name_spans(text, known)]


def english_name_spans(text: str, known: Collection[str] = ()) -> list[Span]:
    """Runs of capitalised words shaped like romanized Korean (Hoeryong, Kim Jong Un): per
    run, its words and the run written as one word. The first word of a sentence counts
    alone only when it is ``known`` as a name (found inside a sentence elsewhere in the
    article: "Choi had worked …" after "a woman surnamed Choi"); it is capitalised anyway.
    Single words of two letters never count."""
    found: list[Span] = []
    run: list[re.Match[str]] = []
    previous_end = -2

    def flush() -> None:
        kept = [m for m in run if _name_key(m.group()) not in _NOT_NAMES]
        kept = [m for m in kept if len(kept) > 1 or len(_name_key(m.group())) > 2]
        if kept:
            words = [m.group() for m in kept]
            # the run as written is kept for the reviewer; it never matches a Korean key
            written = " ".join(words)
            key = frozenset({written, _name_key(written), *map(_name_key, words)})
            found.append((kept[0].start(), kept[-1].end(), key))
        run.clear()

    for match in _EN_CAPITALISED.finditer(text):
        word = match.group()
        shaped = _ROMAN_WORD.fullmatch(re.sub(r"[^a-z]", "", word.lower())) is not None
        adjacent = text[previous_end : match.start()].strip() == ""
        if run and not (shaped and adjacent):
            flush()
        first = text[: match.start()].strip(" \"'“‘(") == ""
        if shaped and (
            not first or _next_is_capitalised(text, match.end()) or _name_key(word) in known
        ):
            run.append(match)
        previous_end = match.end()
    flush()
    return found


def _next_is_capitalised(text: str, end: int) -> bool:
    rest = text[end:].lstrip()
    return bool(rest) and rest[0].isupper() and text[end : end + 1] == " "


@lru_cache(maxsize=65536)
def _romanizations(word: str) -> frozenset[str]:
    spellings = {
        romanize(word, style="bare"),
        romanize(word, system="rr", style="bare"),
        romanize(word, name=True),
    }
    return frozenset(_name_key(s) for s in spellings)


def korean_names(text: str) -> list[Key]:
    return [key for _, _, key in korean_name_spans(text)]


def korean_name_spans(text: str) -> list[Span]:
    """Per Hangul word, how an English edition may spell it or its stem (the word without
    its particles: 회령시에서 → Hoeryong): the romanizations of its prefixes of two or more
    syllables, and of a one-syllable surname before 씨 or 모 (최 씨 → Choi, Choe)."""
    found: list[Span] = []
    for match in re.finditer(r"[가-힣]+", text):
        word = match.group()
        spellings: set[str] = set()
        for size in range(2, min(len(word), 6) + 1):
            spellings |= _romanizations(word[:size])
        after = text[match.start() + 1 :]
        if word[0] not in _SURNAME_TAILS and after.lstrip().startswith(_SURNAME_TAILS):
            spellings |= _romanizations(word[0])
        if spellings:
            found.append((match.start(), match.end(), frozenset(spellings)))
    return found


# --------------------------------------------------------------------------- common words

# Past tenses and participles the regular rules miss ("won" is left out: it is a currency).
_IRREGULAR = {
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "caught": "catch",
    "sold": "sell", "paid": "pay", "bought": "buy", "fled": "flee", "sent": "send",
    "taught": "teach", "hid": "hide", "hidden": "hide", "stole": "steal", "stolen": "steal",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "brought": "bring",
    "lost": "lose", "spent": "spend", "built": "build", "held": "hold", "told": "tell",
    "found": "find", "met": "meet", "kept": "keep", "began": "begin", "begun": "begin",
    "went": "go", "gone": "go", "ran": "run", "ate": "eat", "eaten": "eat", "drove": "drive",
    "driven": "drive", "wrote": "write", "written": "write", "shot": "shoot", "beat": "beat",
    "beaten": "beat", "froze": "freeze", "frozen": "freeze", "fought": "fight", "led": "lead",
    "struck": "strike", "thrown": "throw", "threw": "throw", "grew": "grow", "grown": "grow",
    "bore": "bear", "borne": "bear", "sought": "seek", "dealt": "deal", "cut": "cut",
    "shut": "shut", "hit": "hit", "spread": "spread", "sunk": "sink", "sank": "sink",
    "died": "die", "dying": "die", "lying": "lie", "forbade": "forbid", "forbidden": "forbid",
}  # fmt: skip
_EN_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def english_bases(word: str) -> frozenset[str]:
    """The forms a news word may stand for: itself, its singular, and the verb it may be
    an inflection of (arrested → arrest, seized → seize, stopped → stop, carried →
    carry, rose → rise). Over-generation is harmless: only listed words are looked up."""
    bases = {word, lemma(word)}
    if word in _IRREGULAR:
        bases.add(_IRREGULAR[word])
    for ending in ("ed", "ing", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            bases |= {stem, stem + "e"}
            if len(stem) > 2 and stem[-1] == stem[-2]:  # stopped → stop
                bases.add(stem[:-1])
            if stem.endswith("i"):  # carried → carry
                bases.add(stem[:-1] + "y")
    return frozenset(bases)


class Lexicon:
    """A Korean–English list of common content words, one concept per line: Korean stems
    (``|``-separated) and English base forms. Korean stems are found at the start of a
    word, with anything after them (옥수수값도, 체포됐다, 주민들이); a one-syllable stem
    only with particles after it (쌀을, not 쌀쌀하다). English forms are found through
    :func:`english_bases`, phrases word by word."""

    def __init__(self, rows: Iterable[tuple[Iterable[str], Iterable[str]]]):
        self.korean: dict[str, set[str]] = {}
        self.english: dict[tuple[str, ...], set[str]] = {}
        #: concept → a label for people ("arrest/체포")
        self.labels: dict[str, str] = {}
        self.longest = 1
        for number, (korean, english) in enumerate(rows, start=1):
            korean, english = list(korean), list(english)
            concept = f"w{number}"
            self.labels[concept] = f"{english[0]}/{korean[0]}"
            for form in korean:
                self.korean.setdefault(form, set()).add(concept)
            for form in english:
                words = tuple(_EN_WORD.findall(form.lower()))
                if words:
                    self.english.setdefault(words, set()).add(concept)
                    self.longest = max(self.longest, len(words))

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        """The bundled list, or a newsroom's own file in the same format."""
        if path is None:
            source = resources.files(__package__).joinpath("data/lexicon-ko-en.tsv")
            text, label = source.read_text("utf-8"), "lexicon-ko-en.tsv"
        else:
            text, label = Path(path).read_text("utf-8"), Path(path).as_posix()
        rows = []
        for number, line in enumerate(text.splitlines()[1:], start=2):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 2:
                raise InputError(f"{label}:{number}: expected two tab-separated columns")
            korean, english = ([f.strip() for f in c.split("|") if f.strip()] for c in cells)
            if not korean or not english:
                raise InputError(f"{label}:{number}: a form is missing on one side")
            rows.append((korean, english))
        return cls(rows)

    def find(self, text: str, lang: str) -> list[Key]:
        return [key for _, _, key in self.spans(text, lang)]

    def spans(self, text: str, lang: str) -> list[Span]:
        return self._korean(text) if lang == "ko" else self._english(text)

    def _korean(self, text: str) -> list[Span]:
        found = []
        for match in re.finditer(r"[가-힣]+", text):
            word = match.group()
            for size in range(min(len(word), 6), 0, -1):
                concepts = self.korean.get(word[:size])
                if concepts and (size > 1 or particle_tail(word[1:])):
                    found.append((match.start(), match.start() + size, frozenset(concepts)))
                    break
        return found

    def _english(self, text: str) -> list[Span]:
        matches = list(_EN_WORD.finditer(text.lower()))
        words = [english_bases(m.group()) for m in matches]
        found = []
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                concepts = self._phrase(words[i : i + size])
                if concepts:
                    span = (matches[i].start(), matches[i + size - 1].end())
                    found.append((*span, frozenset(concepts)))
                    i += size
                    break
            else:
                i += 1
        return found

    def _phrase(self, words: list[frozenset[str]]) -> set[str]:
        concepts: set[str] = set()
        for combination in itertools.product(*words):
            concepts |= self.english.get(combination, set())
        return concepts


# --------------------------------------------------------------------------- glossary terms


class TermFinder:
    """Finds glossary concepts in the sentences of both languages with the term recogniser
    of ``sajeon terms`` (:class:`sajeon.engine.termrec.Recogniser`): Korean terms with particles
    and endings (국가보위성에서), inside compounds (온성군보위부), one- and two-syllable
    terms only where they stand as words (대장 but not 대장간); English on whole words,
    with plurals and possessives (donju's), acronyms in capitals only. The longest match
    wins: 온성군 보위부 is the Onsong County MSS.

    Every source-language term counts (a deprecated Korean name still names its concept);
    in the target language only approved terms do: "MSS" is forbidden for the Ministry of
    Social Security, so an English "MSS" anchors only the Ministry of State Security.

    It also carries the common-word list (:class:`Lexicon`) the aligner reads beside the
    glossary.
    """

    def __init__(
        self,
        glossary: Glossary,
        source_lang: str = "ko",
        target_lang: str = "en",
        words: Lexicon | None = None,
    ):
        self.langs = (source_lang, target_lang)
        #: the common-word list read with the glossary (the bundled one by default)
        self.words = words if words is not None else Lexicon.load()
        #: concept id → a short label for people (the preferred target term)
        self.labels = {c.id: c.label(target_lang) for c in glossary}
        concepts = list(glossary)
        self.recognisers = {
            source_lang: Recogniser(concepts, source_lang, target_lang),
            target_lang: Recogniser(concepts, target_lang, source_lang),
        }

    def find(self, text: str, lang: str) -> list[Key]:
        """Each occurrence of a term as the set of concepts it may stand for."""
        return [key for _, _, key in self.spans(text, lang)]

    def spans(self, text: str, lang: str) -> list[Span]:
        source = lang == self.langs[0]
        found: list[Span] = []
        recogniser = self.recognisers[self.langs[0 if source else 1]]
        for start, end, senses in recogniser.find_senses(text):
            ids = frozenset(concept.id for concept, term in senses if source or term.approved)
            if ids:
                found.append((start, end, ids))
        return found


_FINDER_CACHE: dict[int, tuple[Glossary, TermFinder]] = {}


def find_anchor_concepts(text: str, lang: str, glossary: Glossary) -> set[str]:
    """Concept ids of the glossary terms in ``text``."""
    cached = _FINDER_CACHE.get(id(glossary))
    if cached is None or cached[0] is not glossary:  # an id is reused once its object is gone
        cached = _FINDER_CACHE[id(glossary)] = (glossary, TermFinder(glossary))
    return set().union(*cached[1].find(text, lang)) if text else set()


# --------------------------------------------------------------------------- all anchors


def sentence_anchors(
    sentences: Iterable[Sentence],
    lang: str,
    terms: TermFinder | None = None,
    words: Lexicon | None = None,
) -> list[Anchors]:
    if words is None and terms is not None:
        words = terms.words
    sentences = list(sentences)
    known = (
        {key for s in sentences for name in english_names(s.text) for key in name}
        if lang != "ko"
        else set()
    )
    result = []
    for sentence in sentences:
        anchors = Anchors()
        numbers, days, months = (
            korean_numbers(sentence.text) if lang == "ko" else english_numbers(sentence.text)
        )
        for value in numbers:
            anchors.add("number", value)
        for value in days:
            anchors.add("day", value)
        for value in months:
            anchors.add("month", value)
        text = sentence.text
        for start, end in quote_spans(text, lang):
            inner = text[start + 1 : end]
            if text[start] in '"“' and len(inner.strip()) >= 4:
                anchors.add("quote", "quote")
                break
        # A glossary term is one piece of evidence: the names and common words inside it
        # (온성군 in 온성군 보위부, "security" in Ministry of State Security) do not count again.
        term_spans = terms.spans(text, lang) if terms is not None else []
        for _, _, ids in term_spans:
            anchors.add("term", *ids)
        names = korean_name_spans(text) if lang == "ko" else english_name_spans(text, known)
        for start, end, spellings in names:
            if not _overlaps_any(start, end, term_spans):
                anchors.add("name", *spellings)
        for start, end, ids in words.spans(text, lang) if words is not None else []:
            if not _overlaps_any(start, end, term_spans):
                anchors.add("word", *ids)
        if sentence.kind != "body":
            anchors.add("kind", sentence.kind)
        result.append(anchors)
    return result


def _overlaps_any(start: int, end: int, spans: list[Span]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end, _ in spans)


def has_hangul(text: str) -> bool:
    return any(is_hangul(ch) for ch in text)
