"""Sentence splitting for Korean and English news text.

Rules rather than a trained model: news copy is regular enough, and a rule that fails can be
read and fixed. A paragraph is always a hard boundary; inside it, a boundary is a run of
terminal punctuation (``. ? ! …``), optionally followed by closing quotes or brackets, then
whitespace. Each such candidate is accepted or rejected by looking at both sides:

* nothing inside a quotation breaks (“…뿌리 뽑으라. 한 건도 놓치지 말라.”며 stays whole; so does
  “The guards take money. Nobody is clean,” the source said);
* after a closed quotation, a new sentence starts only if what follows is not the rest of the
  clause (``"…"라고``, ``“Where is the rice?” residents shouted``, ``“…?” Kim asked``);
* English abbreviations: titles (Mr., Gen., No. 5) never end a sentence; dotted acronyms
  (U.S., U.N.) end one only before a typical sentence opener (“…to the U.N. Its authors”);
  company and time suffixes (Inc., D.C., p.m.) end one before any capital; single initials
  (J. R. R. Tolkien) never do; decimals (2.5) have no space and are never candidates;
* an ellipsis ends a sentence only before a capital (English) or after a final verb ending
  such as 다/요 (Korean): ``금반지… 돈이 될 만한`` is one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Terminal punctuation, then closing quotes/brackets, then whitespace (or the end).
_CANDIDATE = re.compile(r"(?P<punct>\.{2,}|…+|[.?!]+)(?P<close>[\"'”’」』)\]]*)(?=\s|$)")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN = re.compile(r"[A-Za-z]")

# Titles and other abbreviations that are never the last word of a sentence.
_NEVER_FINAL = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "brig", "rep", "reps", "sen", "sens", "gov", "pres", "prof", "rev", "hon",
    "st", "mt", "ft", "vs", "v", "e.g", "i.e", "cf", "approx", "est", "ca", "viz", "dept",
    "gov't", "govt", "messrs", "mme", "mlle",
}  # fmt: skip
# Abbreviations that end a sentence when a number does not follow (No. 5 vs "No.").
_BEFORE_NUMBERS = {"no", "nos", "art", "fig", "vol", "ch", "p", "pp", "para", "sec", "tel"}
_MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# Suffixes after which any capitalised word starts a new sentence (except the words below).
_STRONG_FINAL = {"inc", "ltd", "corp", "co", "bros", "llc", "plc", "etc", "jr", "sr", "d.c",
                 "a.m", "p.m", "ph.d", "m.a", "b.a", "esq"}  # fmt: skip
_AFTER_TIME = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "kst", "est", "edt", "gmt", "utc", "pst", "pdt", "local",
}  # fmt: skip
# Words that typically open a sentence: after a dotted acronym (the U.S. / the U.N.) only
# these start a new one, so that "the U.S. Treasury" stays together. North/South are here
# because in this domain "North Korea …" opens countless sentences and never follows "U.S.".
_OPENERS = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "his", "she", "her",
    "they", "their", "we", "our", "i", "you", "there", "here", "but", "and", "or", "so", "yet",
    "however", "meanwhile", "still", "also", "in", "on", "at", "for", "after", "before",
    "since", "when", "while", "as", "if", "according", "some", "many", "most", "all", "both",
    "neither", "no", "one", "two", "three", "several", "such", "each", "every", "north",
    "south", "last", "earlier", "later", "today", "yesterday", "officials", "residents",
    "sources", "analysts", "experts",
}  # fmt: skip
# English reporting verbs: “…?” Kim asked. is one sentence.
_REPORTING = re.compile(
    r"^(?:[\w’'.-]+\s+){0,3}?(?:said|says|asked|asks|told|tells|added|adds|explained|recalled|"
    r"shouted|cried|wrote|writes|noted|warned|replied|insisted|claimed|continued|wondered|"
    r"screamed|yelled|demanded|complained|joked|whispered|exclaimed)\b"
)
# What may follow a Korean closing quote in the same clause: "…"라고, "…"며, "…" 하고.
_KO_QUOTE_CONTINUATION = re.compile(
    r"^(?:이?라(?:고|며|는|면서|던|니)|고|며|는|하(?:고|며|는|면서)|면서|란|이란|라던)"
)
# Korean syllables that end a sentence before an ellipsis (…했다… / …어요…).
_KO_FINAL_SYLLABLES = set("다요까죠네")

_OPENING_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "«": "»"}
_CLOSING_QUOTES = {v: k for k, v in _OPENING_QUOTES.items()}


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with where it sits."""

    text: str
    paragraph: int  # index of its paragraph in the article
    kind: str = "body"  # "heading", "caption" or "body"
    last_in_paragraph: bool = False


def quote_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) index pairs of balanced quotations; unclosed quotes are ignored.

    Typographic quotes pair by direction; straight quotes toggle. English single quotes are
    left out, since ’ is also the apostrophe (it’s, Hyesan’s).
    """
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    singles = lang != "en"
    for i, ch in enumerate(text):
        if ch in _OPENING_QUOTES and (singles or ch != "‘"):
            stack.append((ch, i))
        elif ch in _CLOSING_QUOTES and (singles or ch != "’"):
            _close(stack, spans, _CLOSING_QUOTES[ch], i)
        elif ch == '"' or (ch == "'" and singles):
            if any(open_ch == ch for open_ch, _ in stack):
                _close(stack, spans, ch, i)
            else:
                stack.append((ch, i))
    return sorted(spans)


def _close(stack: list[tuple[str, int]], spans: list[tuple[int, int]], opener: str, at: int):
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == opener:
            spans.append((stack[depth][1], at))
            del stack[depth:]  # quotes opened inside and never closed are dropped
            return


def split_paragraph(text: str, lang: str) -> list[str]:
    """The sentences of one paragraph of Korean (``ko``) or English (``en``) text."""
    text = text.strip()
    if not text:
        return []
    spans = quote_spans(text, lang)
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if end >= len(text):
            break
        punct_at = match.start("punct")
        if any(a < punct_at < b and not (a < b < end) for a, b in spans):
            continue  # inside a quotation that does not close here
        closes_quote = any(punct_at < b < end for a, b in spans)
        rest = text[end:].lstrip()
        if _is_boundary(text[start:punct_at], match["punct"], closes_quote, rest, lang):
            sentences.append(text[start:end].strip())
            start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _is_boundary(before: str, punct: str, closes_quote: bool, rest: str, lang: str) -> bool:
    if not rest or not before.strip():
        return False
    first = rest[0]
    if closes_quote:
        if lang == "ko" or _HANGUL.match(first):
            return not _KO_QUOTE_CONTINUATION.match(rest)
        if not _starts_sentence(first):
            return False
        # “…?” Kim asked. — but “…enough.” Officials said the … is two sentences.
        return "." in punct or "…" in punct or not _REPORTING.match(rest)
    if lang == "ko":
        return _is_korean_boundary(before, punct, rest)
    return _is_english_boundary(before, punct, rest)


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in "“\"‘'([«$£€" or bool(_HANGUL.match(char))


def _is_korean_boundary(before: str, punct: str, rest: str) -> bool:
    last = before.rstrip()[-1:]
    if _LATIN.match(last):
        # Latin inside Korean copy: U.S., No. 1, vs., J. K. 롤링.
        return _is_english_boundary(before, punct, rest, korean_context=True)
    if punct.startswith("..") or punct.startswith("…"):
        return last in _KO_FINAL_SYLLABLES
    return True


def _last_token(before: str) -> str:
    match = re.search(r"([A-Za-z][A-Za-z.’'-]*)$", before)
    return match.group(1).rstrip("-’'") if match else ""


def _is_english_boundary(
    before: str, punct: str, rest: str, *, korean_context: bool = False
) -> bool:
    first = rest[0]
    next_word = re.match(r"[\w’'.-]+", rest)
    next_lower = next_word.group(0).lower() if next_word else ""
    # A Korean word after Latin behaves like a capitalised one.
    capital_next = bool(korean_context and _HANGUL.match(first)) or _starts_sentence(first)
    if punct in ("?", "!") or "?" in punct or "!" in punct:
        return capital_next
    if punct.startswith("..") or punct.startswith("…"):
        return capital_next and not korean_context
    # A single full stop: is the word before it an abbreviation?
    token = _last_token(before)
    key = token.lower()
    if not token:
        return capital_next
    if key in _NEVER_FINAL:
        return False
    if key in _BEFORE_NUMBERS:
        return capital_next and not first.isdigit()
    if len(token) == 1 and token.isupper():
        return False  # an initial: J. R. R. Tolkien, Kim J. S.
    if key in _MONTHS:
        return capital_next and not first.isdigit()
    if korean_context and ("." in token or key in _STRONG_FINAL):
        return not _HANGUL.match(first) and capital_next
    if key in _STRONG_FINAL:
        return capital_next and next_lower.strip(".,") not in _AFTER_TIME
    if "." in token:  # a dotted acronym: U.S., U.N., S.Korea
        return capital_next and (next_lower.strip(".,’'") in _OPENERS or not first.isalpha())
    return capital_next


# --------------------------------------------------------------------------- paragraphs


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "body"  # "heading", "caption" or "body"


def split_sentences(paragraphs: list[Paragraph], lang: str) -> list[Sentence]:
    """All sentences of an article, each knowing its paragraph and kind."""
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(paragraphs):
        # A caption is one unit with its photo credit ("… 마을. /사진=데일리NK").
        if paragraph.kind == "caption":
            parts = [paragraph.text.strip()] if paragraph.text.strip() else []
        else:
            parts = split_paragraph(paragraph.text, lang)
        for k, part in enumerate(parts):
            sentences.append(Sentence(part, index, paragraph.kind, k == len(parts) - 1))
    return sentences


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a pasted text: each line is a paragraph
    (a pasted article has no markup to say otherwise), split by :func:`split_paragraph`
    with Korean rules for Korean and English rules for every other language."""
    rules = "ko" if lang.lower().startswith("ko") else "en"
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line in text.split("\n"):
        at = 0
        for sentence in split_paragraph(line, rules):
            # Sentences are stripped pieces of the line, in order.
            start = line.index(sentence, at)
            at = start + len(sentence)
            spans.append((line_start + start, line_start + at))
        line_start += len(line) + 1
    return spans
