"""Text folding and Korean morphology shared by search, term recognition and matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Characters that show nothing, or only move text about: Unicode's format characters
# (category Cf, as of Unicode 15: the soft hyphen, zero-width space and joiners, the
# left-to-right and right-to-left marks, embeddings, overrides and isolates, the word
# joiner, U+FEFF inside text, tags) and the Hangul fillers, which render as blank. A term
# holding one looks exactly like the term without it, so the model refuses them
# (:func:`sajeon.core.model.clean_text`) and search reads through them (:func:`fold`).
INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
    "\u115f\u1160\u3164\uffa0]"
)
# The Hangul fillers are letters (category Lo), so str.isprintable() lets them through.
FILLERS = re.compile("[\u115f\u1160\u3164\uffa0]")
# Characters that carry meaning for search: letters, digits and Hangul/CJK.
_WORD = re.compile(r"[^\W_]+")

# Korean particles (조사) and the copula endings that attach to nouns, longest first so that
# 에서는 is stripped before 는. A noun may also take the plural 들 before them.
PARTICLES = tuple(
    sorted(
        {
            "으로부터",
            "로부터",
            "에게서",
            "한테서",
            "에서부터",
            "에서는",
            "에서도",
            "에서의",
            "에서",
            "에게는",
            "에게도",
            "에게",
            "한테",
            "께서는",
            "께서",
            "으로서",
            "로서",
            "으로써",
            "로써",
            "으로는",
            "으로도",
            "으로의",
            "으로",
            "로는",
            "로도",
            "로의",
            "로",
            "에는",
            "에도",
            "에의",
            "에",
            "까지는",
            "까지도",
            "까지",
            "부터는",
            "부터",
            "과의",
            "와의",
            "과는",
            "와는",
            "과도",
            "와도",
            "과",
            "와",
            "이랑",
            "랑",
            "하고",
            "이나",
            "나",
            "이든",
            "든",
            "이라도",
            "라도",
            "처럼",
            "보다",
            "만큼",
            "마다",
            "조차",
            "마저",
            "밖에",
            "뿐",
            "만",
            "도",
            "은",
            "는",
            "이",
            "가",
            "을",
            "를",
            "의",
            "이다",
            "였다",
            "이었다",
            "이며",
            "이고",
            "이라는",
            "라는",
            "이란",
            "란",
            "인",
            "측은",
            "측이",
            "측의",
            "측",
        },
        key=lambda s: (-len(s), s),
    )
)
PLURAL = "들"

# A gloss in brackets right after a Korean word, as news copy writes hanja or another name
# inside a term: 군(郡) 안전부, 남조선(남한) 상품, 보위부(MSS). Short, so that a bracketed
# aside is not taken for one. Search and term recognition read through it (the term
# without the gloss, and the gloss in place of the word before it).
GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])\(([^()\n]{1,20})\)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find_invisible(text: str) -> re.Match[str] | None:
    """The first invisible character of ``text`` (:data:`INVISIBLE`), if any."""
    if text.isprintable() and not FILLERS.search(text):
        return None  # the usual case, and fast: format characters are not printable
    return INVISIBLE.search(text)


def strip_invisible(text: str) -> str:
    """``text`` without its invisible characters: what a search or a lookup reads."""
    return INVISIBLE.sub("", text) if find_invisible(text) else text


def char_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: a character as an error message names it."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()


def fold(text: str) -> str:
    """The form search compares: NFKC (full-width → ASCII), case-folded, single spaces,
    invisible characters removed (국가\u200b보위성 finds 국가보위성)."""
    text = strip_invisible(text)
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def words(text: str) -> list[str]:
    """Runs of letters and digits in folded text: what search indexes and matches."""
    return _WORD.findall(fold(text))


def is_hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def particle_stems(word: str, min_stem: int = 2) -> list[str]:
    """Stems of ``word`` after removing trailing particles (and the plural 들).

    ``particle_stems("국가보위성에서")`` → ``["국가보위성"]``; ``"안전원들은"`` →
    ``["안전원들", "안전원"]``. Every candidate keeps at least ``min_stem`` characters,
    so a short noun ending in a particle-like syllable (함경북도, 국가) is left alone
    unless the remainder is still a plausible noun.
    """
    stems: list[str] = []
    if not word or not is_hangul(word[-1]):
        return stems
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= min_stem:
            stem = word[: -len(particle)]
            if stem not in stems:
                stems.append(stem)
    for stem in [*list(stems), word]:
        if stem.endswith(PLURAL) and len(stem) - 1 >= min_stem and stem[:-1] not in stems:
            stems.append(stem[:-1])
    return stems
