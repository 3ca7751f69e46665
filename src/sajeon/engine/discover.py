"""Terms missing from the glossary: names and organs in a Korean text that look like terms
but are not glossary terms (``sajeon terms --unknown``), and candidate glossary entries
gathered from a whole memory (``sajeon extract``), each with a suggested English.

Which words look like terms (the rules; docs/engine.md has the reasons)
-----------------------------------------------------------------------
A word is a run of Hangul syllables; its particles are taken off first (온성군에서 → 온성군),
and a glossary term inside it splits it (새별군보위부 → 새별군 + the known 보위부). What is
left is a candidate when it is

* a **place**: a name of two or more syllables before 군 (county), 시 (city), 구역
  (district), 로동자구/노동자구 (workers' district); a two-syllable name before 동, 리 or
  읍 (a three-syllable word: 청림리, 역전동); or a name before 북도/남도 or a three-syllable
  word before 도 that comes right before another place (자강도 희천시);
* an **organ**: a word of three or more syllables ending in 위원회, 성 after a ministry's
  field (외무성, 석탄공업성: the field list below, so that 가능성 and 중요성 are not
  taken), or in 부, 국, 소, 대 — unless its last two syllables are an everyday word
  (간부, 일부, 당국, 중국, 장소, 시대, 부대 …);
* a **person**: a name of two to four syllables starting with a common surname, followed
  by 씨 (김모씨, 리명철 씨).

Words ending in these suffixes that are everyday vocabulary (인민군, 중요시, 경비구역,
활동, 관리 …) are listed in ``NOT_TERMS`` and the ending lists below.

Suggested English
-----------------
The romanized name (:func:`sajeon.core.romanize.romanize`) with the suffix as newsroom
English writes it (Musan County, Ranam District, Chongnim-ri); with a translation at hand,
the English words in it that match the romanization (letters compared without
diacritics, hyphens or spaces) with the suffix word after them, and over a memory the
capitalised English phrase that most consistently accompanies the candidate (a Dice score
of the segments holding both against those holding either).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.romanize import romanize
from ..core.text import PARTICLES, PLURAL
from .termrec import Recogniser

# Place suffixes → (kind of place, English suffix word; "-x" means joined with a hyphen).
PLACE_SUFFIXES = (
    ("로동자구", "-rodongjagu"),
    ("노동자구", "-rodongjagu"),
    ("구역", "District"),
    ("군", "County"),
    ("시", "City"),
    ("동", "-dong"),
    ("리", "-ri"),
    ("읍", "-up"),
    ("도", "Province"),
)
ORGAN_SUFFIXES = ("위원회", "성", "부", "국", "소", "대")
# A ministry is 성 after its field: 외무성, 석탄공업성, 국토환경보호성.
MINISTRY_FIELDS = (
    "외무", "국방", "무역", "상업", "보건", "교육", "철도", "체신", "농업", "수산", "임업",
    "재정", "노동", "로동", "체육", "문화", "건설", "공업", "경제", "보호", "경영", "양정",
    "보위", "보안", "전력", "석탄", "금속", "화학", "해운", "수매", "원림", "자원", "계획",
)  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Everyday words ending like a term (last two syllables), never candidates.
EVERYDAY_ENDINGS = _words(
    """간부 일부 전부 내부 외부 정부 여부 세부 상부 하부 남부 북부 서부 동부 중부
    농부 부부 대부 신부 과부 어부 학부 당국 결국 중국 한국 미국 전국 외국 본국
    각국 시국 정국 난국 약국 강국 대국 모국 조국 왕국 제국 장소 주소 요소 최소
    평소 감소 축소 취소 미소 변소 청소 원소 다소 숙소 기대 시대 반대 절대 상대
    세대 현대 최대 확대 초대 접대 교대 무대 부대 군대 연대 침대 지대 거대 대대
    강대 관대 중대 소대 년대 활동 행동 노동 로동 운동 이동 공동 변동 가동 출동
    선동 책동 준동 소동 감동 작동 충동 발동 연동 관리 처리 정리 수리 무리 거리
    자리 소리 요리 논리 원리 진리 승리 유리 의리 총리 경리 심리 마리 머리 우리
    다리 부리 도리 이리 저리 그리 조리 비리 사리 대리 물리 분리 합리 편리 권리
    실리 내리 오리 고리 따리 게리 파리 마을리 드시 당시 동시 즉시 잠시 수시 항시"""
)
NOT_TERMS = _words(
    """인민군 국방군 해방군 반란군 지원군 정규군 연합군 한국군 미국군 점령군 침략군
    의용군 조선인민군 중요시 문제시 당연시 적대시 동일시 우선시 등한시 도외시
    신성시 절대시 경비구역 관리구역 통제구역 보호구역 금지구역 군사구역 출입구역
    위험구역 담당구역 특수구역 책임구역 주민들 사람들 무엇보다도 그런데도 그럼에도
    당위원회 인민위원회"""
    # the party or people's committee of any place (도 당위원회): a common noun, not a name
)
SURNAMES = _words(
    """김 리 이 박 최 정 강 조 윤 장 임 림 한 오 서 신 권 황 안 송 전 홍
    류 유 고 문 양 량 손 배 백 허 남 심 노 로 하 곽 차 주 우 구 민 진
    나 지 엄 변 채 원 방 천 공 현 함 염 려 여 추 석 선 설 마 길 연 위
    표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용"""
)
# An English phrase: capitalised words, joined by these lower-case words.
_CONNECTORS = frozenset(("of", "and", "for", "the", "on", "in"))
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’-]*")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")
_ENGLISH_STOP = _words(
    """The A An In On At By For Of And Or But
    According Meanwhile Following As With He She
    They It This That These Those His Her Their
    Its Daily NK"""
)


@dataclass
class Unknown:
    """A name or organ in a text that looks like a term and is not in the glossary."""

    start: int  # offsets in the NFC text
    end: int
    text: str  # as written, particles included
    name: str  # the candidate term
    kind: str  # place, organ or person
    line: int
    column: int
    romanized: str  # the name romanized (McCune–Reischauer, no diacritics)
    suggestion: str  # the suggested English (romanized, suffix in English)
    from_translation: str | None = None  # the matching English words in the translation


@dataclass
class Evidence:
    origin: str  # memory file and line, or the segment's origin
    source: str
    target: str


@dataclass
class Candidate:
    """A proposed glossary entry found in a memory, with its evidence."""

    term: str
    kind: str
    count: int  # segments holding it
    english: str  # the suggested English
    english_count: int  # segments whose translation holds that English
    consistency: float  # english_count / count
    romanized: str
    score: float
    alternatives: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def _strip_particles(word: str) -> str:
    """The word without trailing particles and plural 들, keeping a stem of 2+ syllables;
    a word that itself ends like a term (함경북도, 온성군) keeps its ending."""
    if _kind(word):
        return word
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            stem = word[: -len(particle)]
            if stem.endswith(PLURAL) and len(stem) > 2:
                stem = stem[:-1]
            return stem
    return word


def _kind(stem: str, before_place: bool = False) -> tuple[str, str] | None:
    """(kind, suffix) when ``stem`` looks like a term by the rules of the module doc."""
    if len(stem) < 3 or stem in NOT_TERMS or stem[-2:] in EVERYDAY_ENDINGS:
        return None
    for suffix, _english in PLACE_SUFFIXES:
        if not stem.endswith(suffix):
            continue
        name = stem[: -len(suffix)]
        if suffix in ("동", "리", "읍") and len(name) != 2:
            return None
        if suffix == "도" and not (
            name.endswith(("북", "남")) or (len(stem) == 3 and before_place)
        ):
            return None
        return "place", suffix
    if stem.endswith("위원회"):
        return "organ", "위원회"
    if stem.endswith("성"):
        return ("organ", "성") if stem[:-1].endswith(MINISTRY_FIELDS) else None
    if stem.endswith(("부", "국", "소", "대")):
        return "organ", stem[-1]
    return None


def _person(word: str, next_word: str | None) -> str | None:
    """The name in 김모씨 / 리명철 씨 (particles after 씨 allowed), else None."""
    if word.startswith(tuple(SURNAMES)):
        if "씨" in word[2:] and 3 <= word.index("씨", 2) + 1 <= 5:
            return word[: word.index("씨", 2)]
        if 2 <= len(word) <= 4 and next_word and next_word.startswith("씨"):
            return word
    return None


def suggest(name: str, kind: str, suffix: str | None) -> tuple[str, str]:
    """(romanized, suggested English) for a candidate: the name romanized, the place
    suffix in newsroom English, a person's name as written with 모 ("so-and-so") dropped."""
    if kind == "place" and suffix:
        english = dict(PLACE_SUFFIXES)[suffix]
        base = romanize(name[: -len(suffix)])
        spelled = f"{base}{english}" if english.startswith("-") else f"{base} {english}"
        return base, spelled
    if kind == "person":
        plain = name[:-1] if name.endswith("모") else name
        surname = romanize(plain[0])
        rest = romanize(plain[1:]) if len(plain) > 1 else ""
        return romanize(plain), f"{surname} {rest}".strip()
    plain = romanize(name)
    return plain, plain


def _letters(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


def _close(a: str, b: str) -> bool:
    """Spellings close enough to be one name (Chongnim ~ Chongrim, Onsong ~ Onsung)."""
    if not a or not b:
        return False
    if a == b:
        return True
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b) <= max(1, min(len(a), len(b)) // 4) and a[0] == b[0]


def match_translation(romanized: str, english_suffix: str | None, translation: str) -> str | None:
    """The words of ``translation`` spelling ``romanized`` (one to three words, joined or
    hyphenated), with the suffix word after them when present (Musan County), else None."""
    if not translation or not romanized:
        return None
    tokens = list(_WORD.finditer(translation))
    target = _letters(romanized)
    for i in range(len(tokens)):
        for j in range(i + 1, min(i + 4, len(tokens) + 1)):
            words = tokens[i:j]
            if not words[0].group()[0].isupper():
                continue
            joined = _letters("".join(w.group() for w in words))
            if not _close(joined, target):
                continue
            end = words[-1].end()
            if english_suffix and not english_suffix.startswith("-") and j < len(tokens):
                following = tokens[j]
                if following.group().casefold() == english_suffix.casefold():
                    end = following.end()
            return translation[words[0].start() : end]
    return None


def find_unknown(
    text: str, recogniser: Recogniser, translation: str | None = None
) -> list[Unknown]:
    """The words of ``text`` that look like terms (module doc) and are not glossary terms,
    in order, each with a suggested English; with ``translation``, the words in it that
    spell the romanized name."""
    text = unicodedata.normalize("NFC", text)
    known = [(m.start, m.end) for m in recogniser.find(text)]
    words = list(_HANGUL_RUN.finditer(text))
    found: list[Unknown] = []
    for index, word in enumerate(words):
        next_word = words[index + 1].group() if index + 1 < len(words) else None
        for start, end in _pieces(word.start(), word.end(), known, word.group()):
            found.extend(_unknown_in(text, start, end, next_word, translation))
    return found


def _pieces(start: int, end: int, known: list[tuple[int, int]], word: str) -> list[tuple[int, int]]:
    """The parts of a word not covered by a recognised glossary term; the whole word when
    the only terms inside it are its own suffix (고건원로동자구, with 로동자구 a term)."""
    stem = _strip_particles(word)
    shape = _kind(stem)
    inside = [(s, e) for s, e in known if s < end and e > start]
    if shape and inside:
        suffix_at = start + len(stem) - len(shape[1])
        if all(s >= suffix_at for s, _ in inside):
            return [(start, end)]
    pieces, at = [], start
    for s, e in sorted(known):
        if e <= at or s >= end:
            continue
        if s > at:
            pieces.append((at, s))
        at = max(at, e)
    if at < end:
        pieces.append((at, end))
    return pieces


def _unknown_in(
    text: str, start: int, end: int, next_word: str | None, translation: str | None
) -> list[Unknown]:
    word = text[start:end]
    name = _person(word, next_word) if end - start >= 2 else None
    kind, suffix = ("person", None) if name else (None, None)
    if not name:
        stem = _strip_particles(word)
        before_place = bool(next_word and _kind(_strip_particles(next_word)))
        shape = _kind(stem, before_place)
        if not shape:
            return []
        (kind, suffix), name = shape, stem
    romanized, suggestion = suggest(name, kind, suffix)
    english_suffix = dict(PLACE_SUFFIXES).get(suffix) if kind == "place" else None
    matched = match_translation(romanized, english_suffix, translation or "")
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return [
        Unknown(start, start + len(name), word, name, kind, line, column, romanized,
                suggestion, matched)
    ]  # fmt: skip


# ---------------------------------------------------------------------------- extract


@dataclass
class Pair:
    source: str
    target: str
    origin: str  # memory file and line, or the segment's origin


def english_phrases(target: str) -> set[str]:
    """Capitalised phrases of an English sentence and their sub-phrases of up to five
    words (Ministry of State Security, Musan County, Musan), connectors inside only."""
    tokens = [m.group().rstrip("'’") for m in _WORD.finditer(target)]
    runs, run = [], []
    for token in tokens:
        if token[0].isupper() or (run and token in _CONNECTORS):
            run.append(token)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    phrases = set()
    for run in runs:
        for i in range(len(run)):
            for j in range(i + 1, min(i + 6, len(run) + 1)):
                words = run[i:j]
                if words[0] in _CONNECTORS or words[-1] in _CONNECTORS:
                    continue
                if len(words) == 1 and words[0] in _ENGLISH_STOP:
                    continue
                if words[0] in ("The", "A", "An") and len(words) > 1:
                    continue
                phrases.add(" ".join(words))
    return phrases


def extract(pairs: Iterable[Pair], recogniser: Recogniser, *, evidence: int = 3) -> list[Candidate]:
    """Candidate glossary entries in ``pairs``, best first: terms-to-be found by
    :func:`find_unknown`, each with the English phrase that most consistently accompanies
    it (the phrase spelling its romanization first) and up to ``evidence`` segments."""
    pairs = list(pairs)
    where: dict[str, list[int]] = defaultdict(list)
    shapes: dict[str, Unknown] = {}
    spelled: dict[str, Counter] = defaultdict(Counter)
    phrases = [english_phrases(p.target) for p in pairs]
    frequency = Counter(ph for found in phrases for ph in found)
    for i, pair in enumerate(pairs):
        for unknown in find_unknown(pair.source, recogniser, pair.target):
            if i not in where[unknown.name]:
                where[unknown.name].append(i)
            shapes.setdefault(unknown.name, unknown)
            if unknown.from_translation:
                spelled[unknown.name][unknown.from_translation] += 1
    candidates = [
        _candidate(name, shapes[name], rows, pairs, phrases, frequency, spelled[name], evidence)
        for name, rows in where.items()
    ]
    candidates.sort(key=lambda c: (-c.score, -c.count, c.term))
    return candidates


def _candidate(
    name: str,
    shape: Unknown,
    rows: list[int],
    pairs: list[Pair],
    phrases: list[set[str]],
    frequency: Counter,
    spelled: Counter,
    evidence: int,
) -> Candidate:
    count = len(rows)
    together = Counter(ph for i in rows for ph in phrases[i])
    ranked = sorted(
        together,
        key=lambda ph: (-(2 * together[ph] / (count + frequency[ph])), -len(ph.split()), ph),
    )
    if spelled:
        english, english_count = spelled.most_common(1)[0]
    elif ranked:
        english = ranked[0]
        english_count = together[english]
    else:
        english, english_count = shape.suggestion, 0
    # an organ's English must accompany it more often than it appears elsewhere
    weak = english_count and 2 * together[english] / (count + frequency[english]) < 0.5
    if weak and shape.kind != "place" and not spelled:
        english, english_count = shape.suggestion, 0
    consistency = english_count / count if count else 0.0
    # rank: more segments and a steadier English first; a spelled name is strong evidence
    score = round((1 + count) ** 0.5 * (0.5 + consistency), 3)
    others = [ph for ph in ranked if ph != english][:3]
    return Candidate(
        name,
        shape.kind,
        count,
        english,
        english_count,
        round(consistency, 3),
        shape.romanized,
        score,
        others,
        [Evidence(pairs[i].origin, pairs[i].source, pairs[i].target) for i in rows[:evidence]],
    )
