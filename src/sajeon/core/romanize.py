"""PLACEHOLDER romanizer (issue 13, branch ``extract``): a naive syllable table standing in
for the McCune–Reischauer romanizer of the ``romanize`` branch, which replaces this module
at merge. Only the interface is meant to last:
``romanize(text, *, system="mr", diacritics=False, style=None) -> str``.
"""

from __future__ import annotations

_INITIALS = (
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "",
    "ch",
    "tch",
    "ch'",
    "k'",
    "t'",
    "p'",
    "h",
)
_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}
_VOWELS = (
    "a",
    "ae",
    "ya",
    "yae",
    "ŏ",
    "e",
    "yŏ",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wŏ",
    "we",
    "wi",
    "yu",
    "ŭ",
    "ŭi",
    "i",
)
_FINALS = (
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
)


def _syllable(char: str) -> tuple[int, int, int] | None:
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def romanize(
    text: str, *, system: str = "mr", diacritics: bool = False, style: str | None = None
) -> str:
    """Hangul to Latin letters, syllable by syllable, word-initial capital."""
    out: list[str] = []
    previous_final = None  # final consonant of the syllable before, within a word
    for char in text:
        parts = _syllable(char)
        if parts is None:
            out.append(char)
            previous_final = None
            continue
        initial, vowel, final = parts
        onset = _INITIALS[initial]
        if (
            previous_final is not None
            and onset in _VOICED
            and previous_final in ("", "n", "m", "ng", "l")
        ):
            onset = _VOICED[onset]
        if onset == "r" and previous_final not in (None, "", "l"):
            onset = "n"  # 청림 → Chongnim: ㄹ after a consonant other than ㄹ
        if onset == "r" and previous_final is None and not out:
            onset = "r"
        out.append(onset + _VOWELS[vowel] + _FINALS[final])
        previous_final = _FINALS[final]
    word = "".join(out)
    if not diacritics:
        word = word.replace("ŏ", "o").replace("ŭ", "u").replace("'", "")
    return word[:1].upper() + word[1:]
