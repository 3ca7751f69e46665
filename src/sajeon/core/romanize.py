"""Hangul in Latin letters: McCune–Reischauer as English-language newsrooms write North
Korean names, and Revised Romanization for comparison and for South Korean names.

Syllables are decomposed by Unicode arithmetic (U+AC00 + (initial × 21 + vowel) × 28 +
final), and each boundary between two syllables of a word goes through the sound-change
rules below, one function per system. The rules are listed, with examples, in
docs/romanize.md; each has a test in tests/test_romanize.py.

No library on PyPI does McCune–Reischauer as newsrooms need it: hangul-romanize and
korean-romanizer do Revised Romanization only, and ko-pron (a 2018 port of Wiktionary's
module) does academic MR without North Korean conventions, administrative suffixes or
personal names.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import config
from .errors import InputError

SYSTEMS = ("mr", "rr")
#: Style options: ``city`` (시 → City, not dropped), ``bare`` (the name proper: County,
#: City, Province, District dropped; -ri, -dong, -up kept as part of the name), ``lee``
#: (리/이 → Lee, not Ri), ``park`` (박 → Park, not Pak).
STYLE_OPTIONS = ("city", "bare", "lee", "park")

_FIRST = 0xAC00
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")


def _words(line: str) -> list[str]:
    """A table written as one line of letters, in Unicode order."""
    return line.split()


# Initials in Unicode order: ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ
_L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
# Finals in Unicode order (index 0 is none).
_T = ["", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"]

_MR_INITIAL = dict(
    zip(_L, _words("k kk n t tt r m p pp s ss - ch tch ch' k' t' p' h"), strict=True)
)
_RR_INITIAL = dict(zip(_L, _words("g kk n d tt r m b pp s ss - j jj ch k t p h"), strict=True))
_MR_VOWELS = _words("a ae ya yae ŏ e yŏ ye o wa wae oe yo u wŏ we wi yu ŭ ŭi i")
_RR_VOWELS = _words("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
# What a final sounds like before a consonant or at the end of a word (7 sounds).
_NEUTRAL = {
    **dict.fromkeys("ㄱㄲㄳㄺㅋ", "k"),
    **dict.fromkeys("ㄴㄵㄶ", "n"),
    **dict.fromkeys("ㄷㅅㅆㅈㅊㅌㅎ", "t"),
    **dict.fromkeys("ㄹㄼㄽㄾㅀ", "l"),
    **dict.fromkeys("ㅁㄻ", "m"),
    **dict.fromkeys("ㅂㅍㅄㄿ", "p"),
    "ㅇ": "ng",
}
_PLAIN = {"ㄱ": "ㅋ", "ㄷ": "ㅌ", "ㅂ": "ㅍ", "ㅈ": "ㅊ"}  # lax → aspirated, next to ㅎ
_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}
_NASAL = {"k": "ng", "t": "n", "p": "m"}


@dataclass(frozen=True)
class Syllable:
    initial: str
    vowel: int
    final: str


def syllables(word: str) -> list[Syllable]:
    """The syllables of a run of precomposed Hangul, by Unicode arithmetic."""
    out = []
    for char in word:
        index = ord(char) - _FIRST
        out.append(Syllable(_L[index // 588], (index % 588) // 28, _T[index % 28]))
    return out


# ---------------------------------------------------------------------------- McCune–Reischauer


def _mr_boundary(final: str, initial: str) -> str:
    """MR's letters for a syllable's final and the next syllable's initial (rules 1–7 of
    docs/romanize.md). ``initial`` is a jamo, or '' when the next syllable starts with a
    vowel."""
    if not final:  # rule 1: a lax stop is voiced between vowels
        letters = _MR_INITIAL[initial] if initial else ""
        return _VOICED[letters] if initial in _PLAIN else letters
    if not initial:  # rule 3: liaison, the final is carried over to the vowel
        return _mr_liaison(final)
    sound = _NEUTRAL[final]
    if initial == "ㅎ" and sound in ("k", "t", "p"):  # rule 5: aspiration
        return {"k": "kh", "t": "t'", "p": "p'"}[sound]
    if final in ("ㅎ", "ㄶ", "ㅀ") and initial in _PLAIN:
        return {"ㅎ": "", "ㄶ": "n", "ㅀ": "l"}[final] + _MR_INITIAL[_PLAIN[initial]]
    if initial in ("ㄴ", "ㅁ") and sound in _NASAL:  # rule 4: nasalisation
        return _NASAL[sound] + _MR_INITIAL[initial]
    if initial == "ㄹ":  # rule 6: ㄹ after a consonant
        if sound in ("n", "l"):
            return "ll"
        if sound in _NASAL:
            return _NASAL[sound] + "n"
        return sound + "r"  # ㅁ, ㅇ + ㄹ: r kept, as North Korean names are published
    if sound == "l" and initial == "ㄴ":
        return "ll"
    letters = _MR_INITIAL[initial]
    if initial in _PLAIN and sound in ("n", "m", "ng", "l"):  # rule 2: voiced after these
        if sound == "l" and initial == "ㄷ":  # but tense after ㄹ (Sino-Korean 발동)
            return "l" + letters
        if sound == "n" and initial == "ㄱ":  # rule 7: n'g, not ng
            return "n'g"
        return sound + _VOICED[letters]
    return sound + letters


#: Compound finals before a vowel: the letters that stay, and the consonant carried over.
_SPLIT = {
    "ㄳ": ("k", "ㅅ"), "ㄵ": ("n", "ㅈ"), "ㄺ": ("l", "ㄱ"), "ㄻ": ("l", "ㅁ"),
    "ㄼ": ("l", "ㅂ"), "ㄽ": ("l", "ㅅ"), "ㄾ": ("l", "ㅌ"), "ㄿ": ("l", "ㅍ"),
    "ㅄ": ("p", "ㅅ"), "ㄶ": ("n", ""), "ㅀ": ("r", ""), "ㅎ": ("", ""), "ㅇ": ("ng", ""),
    "ㄹ": ("", "ㄹ"),
}  # fmt: skip


def _mr_liaison(final: str) -> str:
    kept, carried = _SPLIT.get(final, ("", final))
    if not carried:
        return kept
    letters = _MR_INITIAL[carried]
    return kept + _VOICED.get(letters, letters)


def _mr_word(parts: list[Syllable]) -> str:
    initial = _MR_INITIAL[parts[0].initial]
    out = ["" if initial == "-" else initial]
    for i, syl in enumerate(parts):
        out.append(_MR_VOWELS[syl.vowel])
        if i + 1 == len(parts):
            out.append(_NEUTRAL[syl.final] if syl.final else "")
        else:
            following = parts[i + 1].initial
            out.append(_mr_boundary(syl.final, "" if following == "ㅇ" else following))
    return "".join(out)


# ---------------------------------------------------------------------------- Revised


def _rr_boundary(final: str, initial: str) -> str:
    """Revised Romanization's letters for a final and the next initial (docs/romanize.md)."""
    rr_final = {"k": "k", "n": "n", "t": "t", "l": "l", "m": "m", "p": "p", "ng": "ng"}
    if not final:
        return _RR_INITIAL[initial] if initial else ""
    sound = _NEUTRAL[final]
    if not initial:
        kept, carried = _SPLIT.get(final, ("", final))
        return kept + (_RR_INITIAL[carried] if carried else "")
    if initial == "ㅎ" and sound in ("k", "t", "p"):
        return {"k": "kh", "t": "th", "p": "ph"}[sound]
    if initial in ("ㄴ", "ㅁ") and sound in _NASAL:
        return _NASAL[sound] + _RR_INITIAL[initial]
    if initial == "ㄹ":
        if sound in ("n", "l"):
            return "ll"
        if sound in _NASAL:
            return _NASAL[sound] + "n"
        return rr_final[sound] + "n"
    if sound == "l" and initial == "ㄴ":
        return "ll"
    letters = _RR_INITIAL[initial] if initial != "ㅇ" else ""
    return rr_final[sound] + letters


def _rr_word(parts: list[Syllable]) -> str:
    out = []
    for i, syl in enumerate(parts):
        if i == 0:
            out.append("" if syl.initial == "ㅇ" else _RR_INITIAL[syl.initial])
        out.append(_RR_VOWELS[syl.vowel])
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if nxt is None:
            out.append(_NEUTRAL[syl.final] if syl.final else "")
        else:
            out.append(_rr_boundary(syl.final, "" if nxt.initial == "ㅇ" else nxt.initial))
    return "".join(out)


# ---------------------------------------------------------------------------- words and text


#: Administrative suffixes, longest first: (Hangul, English word or '-ending', minimum
#: syllables of the name before it). A one-syllable suffix needs a two-syllable name, so
#: that 해군 (navy) is not "Hae County".
_SUFFIXES = (
    ("로동자구", "-rodongjagu", 1),
    ("노동자구", "-rodongjagu", 1),
    ("특별시", "Special City", 1),
    ("직할시", "City", 1),
    ("구역", "District", 1),
    ("지구", "District", 1),
    ("군", "County", 2),
    ("시", "City", 2),
    ("도", "Province", 2),
    ("구", "District", 2),
    ("동", "-dong", 2),
    ("리", "-ri", 2),
    ("읍", "-up", 2),
)
#: The provinces, a closed set: 도 after anything else is an island (島), as in 신미도.
_PROVINCES = (
    "자강",
    "량강",
    "양강",
    "강원",
    "함경",
    "평안",
    "황해",
    "경기",
    "충청",
    "전라",
    "경상",
    "제주",
)
#: Names before 군 that make it an army, not a county (조선인민군).
_NOT_COUNTY = ("인민",)
#: Compounds whose parts newsrooms write apart (the one place a dictionary is used).
_FIXED = {"로동신문": ("로동", "신문"), "노동신문": ("노동", "신문")}


def _letters(word: str, system: str, diacritics: bool) -> str:
    parts = syllables(word)
    text = _mr_word(parts) if system == "mr" else _rr_word(parts)
    if system == "mr" and not diacritics:
        text = _plain(text)
    return text


def _plain(text: str) -> str:
    """MR as newsrooms print it: no breves, no apostrophes."""
    text = text.replace("'", "").replace("\u2019", "")
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", text) if c != "\u0306")
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _place(word: str, system: str, diacritics: bool, options: set[str]) -> str:
    """One Hangul word, its administrative suffix rendered as newsrooms do."""
    if word in _FIXED:
        return " ".join(_capital(_letters(p, system, diacritics)) for p in _FIXED[word])
    unit = _unit_of(word)
    if unit is None:
        return _capital(_letters(word, system, diacritics))
    stem, suffix, english = unit
    if suffix == "도" and stem[-1] in "남북":  # 함경북도: North Hamgyong Province
        half = "South" if stem[-1] == "남" else "North"
        name = _capital(_letters(stem[:-1], system, diacritics))
        return name if "bare" in options else f"{half} {name} Province"
    name = _capital(_letters(stem, system, diacritics))
    if english.startswith("-"):  # kept in Korean, after a hyphen: Punggye-ri
        ending = english[1:]
        if system == "rr":
            ending = _letters(suffix, "rr", False)
        elif diacritics and suffix == "읍":
            ending = "ŭp"
        return f"{name}-{ending}"
    if "bare" in options or (suffix in ("시", "직할시") and "city" not in options):
        return name
    return f"{name} {english}"


def _unit_of(word: str) -> tuple[str, str, str] | None:
    """(name, suffix, English) of a word ending in an administrative unit, or None."""
    for suffix, english, minimum in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
            stem = word[: -len(suffix)]
            if _is_unit(stem, suffix):
                return stem, suffix, english
    return None


def _is_unit(stem: str, suffix: str) -> bool:
    """Whether the suffix names an administrative unit here, not part of a word."""
    if suffix == "도":
        return stem.rstrip("남북") in _PROVINCES
    if suffix == "군":
        return not stem.endswith(_NOT_COUNTY)
    if suffix == "리":  # 명사십리: after a numeral 리 is the distance li, not a village
        return not stem.endswith(("십", "백", "천", "만"))
    return True


# ---------------------------------------------------------------------------- names

#: Surnames as English editions write them, where the rule's form is not what they print.
_SURNAMES = {
    "김": "Kim",
    "최": "Choi",
    "리": "Ri",
    "이": "Ri",
    "박": "Pak",
    "류": "Ryu",
    "유": "Ryu",
    "량": "Ryang",
    "양": "Yang",
    "로": "Ro",
    "노": "No",
    "림": "Rim",
    "임": "Rim",
    "오": "O",
    "정": "Jong",
    "조": "Jo",
}
_TWO_SYLLABLE_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공")


def _name_syllable(syllable: str, diacritics: bool) -> str:
    """A syllable of a given name, on its own: MR with the North Korean ㅈ → j."""
    text = _letters(syllable, "mr", diacritics)
    if not diacritics and text.startswith("ch") and syllables(syllable)[0].initial == "ㅈ":
        text = "j" + text[2:]
    return _capital(text)


#: Surnames in Revised Romanization as their bearers write them.
_RR_SURNAMES = {"김": "Kim", "이": "Lee", "리": "Lee", "박": "Park", "최": "Choi"}


def _given_mr(given: str) -> str:
    """A given name in academic MR: syllables apart by hyphens, a lax stop voiced after a
    vowel or ㄴ ㄹ ㅁ ㅇ as if the hyphen were not there (Pak Pong-ju, Kim Il-sŏng)."""
    pieces = []
    for i, syl in enumerate(syllables(given)):
        letters = _letters(given[i], "mr", True)
        after = syllables(given[i - 1])[0] if i else None
        if (
            after
            and syl.initial in _PLAIN
            and _NEUTRAL.get(after.final, "") in ("", "n", "m", "ng", "l")
        ):
            stop = _MR_INITIAL[syl.initial]
            letters = _VOICED[stop] + letters[len(stop) :]
        pieces.append(letters)
    return _capital("-".join(pieces))


def _family(surname: str, system: str, diacritics: bool, options: set[str]) -> str:
    if system == "rr":
        return _RR_SURNAMES.get(surname) or _capital(_letters(surname, "rr", False))
    if diacritics:
        return _capital(_letters(surname, "mr", True))
    family = _SURNAMES.get(surname)
    if surname in ("리", "이") and "lee" in options:
        family = "Lee"
    if surname == "박" and "park" in options:
        family = "Park"
    if family:
        return family
    if len(surname) == 1:
        return _name_syllable(surname, False)
    return _capital(_letters(surname, "mr", False))


def _person(word: str, system: str, diacritics: bool, options: set[str]) -> str:
    """A personal name: surname first, then the given name's syllables apart (Kim Jong Un);
    with diacritics, or in RR, the given name as one hyphenated word (Kim Chŏng-ŭn)."""
    cut = 2 if word[:2] in _TWO_SYLLABLE_SURNAMES and len(word) > 2 else 1
    surname, given = word[:cut], word[cut:]
    family = _family(surname, system, diacritics, options)
    if not given:
        return family
    if system == "rr":
        return f"{family} {_capital('-'.join(_letters(s, 'rr', False) for s in given))}"
    if diacritics:
        return f"{family} {_given_mr(given)}"
    # Apart, but voiced as spoken after the first syllable: Ri Son Gwon, Ri Yong Gil.
    voiced = [s.lower() for s in _given_mr(given).split("-")]
    pieces = [_name_syllable(given[0], False)]
    pieces += [_capital(_plain(v)) for v in voiced[1:]]
    return f"{family} {' '.join(pieces)}"


# ---------------------------------------------------------------------------- entry point


def parse_style(style: str | None) -> set[str]:
    """The options of a style string, e.g. "city,lee" (None or "" → the defaults)."""
    options = {part.strip().lower() for part in (style or "").split(",") if part.strip()}
    unknown = sorted(options - set(STYLE_OPTIONS))
    if unknown:
        raise InputError(
            f"unknown romanization style {unknown[0]!r}: use {', '.join(STYLE_OPTIONS)}"
        )
    return options


def has_hangul(text: str) -> bool:
    return _HANGUL_WORD.search(unicodedata.normalize("NFC", text)) is not None


def romanize(
    text: str,
    *,
    system: str = "mr",
    diacritics: bool = False,
    style: str | None = None,
    name: bool = False,
) -> str:
    """Hangul in ``text`` romanized, everything else left as it is.

    ``system`` is "mr" (McCune–Reischauer, North Korean conventions: initial ㄹ kept) or
    "rr" (Revised Romanization); ``diacritics`` keeps MR's breves and apostrophes
    (Hoeryŏng, Ch'ŏngjin). Each Hangul word is a place name whose administrative suffix
    is rendered as newsrooms do (군 → County, 도 → Province, 시 dropped), or with ``name``
    a personal name (김정은 → Kim Jong Un). ``style`` is a comma-separated list of
    :data:`STYLE_OPTIONS`."""
    if system not in SYSTEMS:
        raise InputError(f"unknown romanization system {system!r}: use mr or rr")
    options = parse_style(style)
    text = unicodedata.normalize("NFC", text)
    render = _person if name else _place
    return _HANGUL_WORD.sub(lambda m: render(m.group(), system, diacritics, options), text)


# ---------------------------------------------------------------------------- project style


def _style_ok(value: str) -> bool:
    try:
        parse_style(value)
    except InputError:
        return False
    return True


def read_config(text: str, label: str) -> dict[str, object]:
    """The ``[romanize]`` table of a project config file (sajeon.toml), checked:
    ``system = "mr"``, ``diacritics = false``, ``style = "city,lee"``. Keys left out are
    not in the result; anything else is an InputError naming the file and the key."""
    table = config.table(text, label, "romanize")
    checks = {
        "system": lambda v: v in SYSTEMS,
        "diacritics": lambda v: isinstance(v, bool),
        "style": lambda v: isinstance(v, str) and _style_ok(v),
    }
    for key, value in table.items():
        if key not in checks:
            where = f"{label}:{config.line_of(text, key)}: [romanize] {key}"
            raise InputError(f"{where}: unknown key: use {', '.join(checks)}")
        if not checks[key](value):
            where = f"{label}:{config.line_of(text, key)}: [romanize] {key}"
            raise InputError(f"{where} = {value!r} is not valid")
    return dict(table)
