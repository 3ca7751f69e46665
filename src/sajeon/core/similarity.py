"""The one similarity score sajeon shows as a percentage.

``score(a, b) = 100 · (1 − d / max(len a, len b))``

where ``d`` is the character-level Levenshtein distance (insertions, deletions and
substitutions all cost 1) between the two texts after :func:`normalise`: Unicode NFC, every
run of whitespace (spaces, tabs, line breaks, NBSP, the ideographic space) made one space,
and no leading or trailing whitespace, invisible characters (zero-width spaces, bidirectional
marks: :data:`sajeon.core.text.INVISIBLE`) removed. Case is kept: "MSS" and "mss" differ.
Lengths are counted in code points, so a Hangul syllable is one character, as a reader counts it.

This is the formula translate-toolkit's ``levenshtein`` matcher and amaGama use; the
distance is computed by rapidfuzz. Every percentage sajeon prints (lookup, pre-translation
comments, the Datasette page) comes from :func:`score`, and the fuzzy index
(:mod:`sajeon.engine.tm`) prunes with :func:`max_distance`, which is derived from the same
expression, so a match is shown exactly when ``score >= threshold``.
"""

from __future__ import annotations

import math
import unicodedata

from rapidfuzz.distance import Levenshtein

from .text import strip_invisible


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped, invisible characters removed
    (a pasted sentence holding a zero-width space still matches exactly)."""
    text = strip_invisible(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # str.split() splits on runs of exactly the characters re's \s matches (str.isspace).
    return " ".join(text.split())


def score_from_distance(distance: int, longest: int) -> float:
    """The percentage for an edit distance between texts whose longer one has ``longest``
    characters (two empty texts are identical: 100)."""
    if longest == 0:
        return 100.0
    return 100.0 * (longest - distance) / longest


def score_normalised(a: str, b: str) -> float:
    """:func:`score` for texts already passed through :func:`normalise`."""
    longest = max(len(a), len(b))
    return score_from_distance(Levenshtein.distance(a, b), longest)


def score(a: str, b: str) -> float:
    """Similarity of two texts in percent (100 = identical after normalisation)."""
    return score_normalised(normalise(a), normalise(b))


def max_distance(longest: int, threshold: float) -> int:
    """The largest edit distance that still scores ``>= threshold`` when the longer text
    has ``longest`` characters; -1 when even identical texts cannot (threshold > 100).

    Computed with :func:`score_from_distance` itself, so that pruning by distance and
    filtering by score can never disagree by a rounding error.
    """
    if threshold > 100:
        return -1
    d = max(0, min(longest, math.floor((100 - threshold) * longest / 100)))
    while d < longest and score_from_distance(d + 1, longest) >= threshold:
        d += 1
    while d >= 0 and score_from_distance(d, longest) < threshold:
        d -= 1
    return d


def display(value: float) -> int:
    """The whole percentage to print: rounded down, so that 100% means identical and a
    match shown as 75% really is at or above a 75% threshold."""
    return math.floor(value)
