"""Inline markup in translation units: one policy for every TMX flavour and for PO.

A memory entry is the *text* of a sentence pair; the markup around it (bold, a link, a line
break) belongs to the document it came from. So markup is **removed and its text kept**:

* paired codes — TMX ``<bpt>``/``<ept>``, OmegaT's ``<b0>…</b0>`` written as text, HTML
  ``<b>…</b>`` written as text — vanish; the words they wrapped stay as they were spaced;
* ``<hi>`` keeps its text, and whatever codes it holds are handled the same way;
* a standalone code — ``<ph>``, ``<it>``, ``<ut>``, OmegaT's ``<br0>`` or ``<x0/>``, HTML
  ``<br>`` — becomes a space when it stands for a break (its content is a ``<br>``, a line
  or paragraph break, or its ``type`` is ``lb``/``pb``/``cb``), or when it sits between two
  letters or digits of a Latin-script (or Greek, Cyrillic) word that would otherwise merge
  (``Social Security<ph/>sealed`` → ``Social Security sealed``); otherwise it vanishes
  (``국가보위성<ph/>은`` → ``국가보위성은``: Korean particles attach to the noun);
* a removed code between two spaces leaves one space;
* the content of codes is the original format's markup, not text, and is dropped; text in
  a ``<sub>`` inside a code (a footnote, an ``alt`` text) is not part of the sentence and
  is dropped too, and counted in the import report.

This is what OmegaT's level-1 TMX export does (it removes its tags), so the level-1,
level-2 and OmegaT-native copies of a sentence give one memory entry, and a lookup or a
concordance search shows the sentence as a reader reads it. Exception: OmegaT's level 1
glues the words around a ``<br0>`` (``saidborder``), which no reader can undo; the
level-2 and native copies give ``said border``.

Tags written as text (OmegaT-native TMX and ``project_save.tmx``, PO files from html2po
and the like) are markup only when sajeon can be sure: OmegaT's shortcut tags
(``<b0>``, ``</i1>``, ``<br0>``, ``<x2/>``) in a file OmegaT wrote, and otherwise an HTML
inline element (``<b>``, ``<a href=…>``, ``<br/>`` …) or a shortcut tag only when the same
tag name is on both sides of the pair (so ``<Enter>`` or ``<로동신문>`` stay text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

#: What a removed piece of markup leaves: nothing, a space between words, a break.
PAIRED, CODE, BREAK = 0, 1, 2

_PAIRED_CODES = frozenset({"bpt", "ept"})
_STANDALONE_CODES = frozenset({"ph", "it", "ut"})
_CODES = _PAIRED_CODES | _STANDALONE_CODES
_BREAK_TYPES = frozenset({"lb", "pb", "cb"})
# Code content that stands for a break: HTML/OmegaT <br>, Word and ODF breaks and tabs,
# RTF \line, \par and \tab, and a literal line break or tab.
_BREAK_CONTENT = re.compile(
    r"<\s*br\d*[\s/>]|<\s*(?:w:br|w:cr|w:tab|text:line-break|text:tab)\b"
    r"|\\(?:line|par|tab)\b|[\n\t\u2028\u2029]",
    re.IGNORECASE,
)
# HTML elements that sit inside a sentence (block elements are not in a segment).
_HTML_INLINE = frozenset(
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "del", "dfn",
        "em", "font", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    }
)  # fmt: skip
_NO_GAP = frozenset({"wbr"})  # a word-break opportunity, inside a word
_TEXT_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(\s[^<>]*?)?\s*(/?)>")
_SHORTCUT = re.compile(r"[A-Za-z]+\d+")  # OmegaT: b0, i1, br0, a12, x3


def _wordish(char: str) -> bool:
    """A letter or digit of a script that separates words with spaces and would merge two
    words if a code between them vanished (Latin, Greek, Cyrillic); not Hangul or CJK."""
    return char.isalnum() and ord(char) < 0x1100


def join(pieces: Iterable[str | int]) -> str:
    """Text pieces and markers (:data:`PAIRED`, :data:`CODE`, :data:`BREAK`) → the text,
    spaced as the policy above says."""
    out: list[str] = []
    gap: int | None = None
    for piece in pieces:
        if type(piece) is int:
            gap = piece if gap is None else max(gap, piece)
            continue
        if not piece:
            continue
        if gap is not None and out:
            before, after = out[-1][-1], piece[0]
            spaced = before.isspace(), after.isspace()
            if spaced == (True, True):
                piece = piece[1:]
            elif spaced == (False, False) and (
                gap == BREAK or (gap == CODE and _wordish(before) and _wordish(after))
            ):
                out.append(" ")
        gap = None
        if piece:
            out.append(piece)
    return "".join(out)


# --------------------------------------------------------------------------- TMX <seg>


def _standalone(code: etree._Element) -> int:
    if code.get("type") in _BREAK_TYPES:
        return BREAK
    content = code.text or ""
    return BREAK if content and _BREAK_CONTENT.search(content) else CODE


def seg_pieces(element: etree._Element, dropped: list[int]) -> list[str | int]:
    """The pieces of a ``<seg>`` (or a ``<hi>`` in it) for :func:`join`. ``dropped[0]`` is
    increased by the number of ``<sub>`` texts left out with their codes."""
    pieces: list[str | int] = [element.text or ""]
    for child in element:
        name = child.tag
        if name in _PAIRED_CODES:
            pieces.append(PAIRED)
        elif name in _STANDALONE_CODES:
            pieces.append(_standalone(child))
        elif isinstance(name, str):  # <hi>, or an element TMX does not define: its text
            pieces += seg_pieces(child, dropped)
        if len(child) and name in _CODES:
            dropped[0] += sum(1 for sub in child.iter("sub") if "".join(sub.itertext()).strip())
        pieces.append(child.tail or "")
    return pieces


# --------------------------------------------------------------------------- tags as text


def _tag_names(text: str) -> set[str]:
    return {m.group(2) for m in _TEXT_TAG.finditer(text)} if "<" in text else set()


def _is_markup(name: str, attributes: str | None, omegat: bool, other: set[str]) -> bool:
    if _SHORTCUT.fullmatch(name) and not (attributes or "").strip():
        return omegat or name in other
    return name.lower() in _HTML_INLINE and name in other


def _text_pieces(text: str, omegat: bool, other: set[str]) -> list[str | int] | None:
    tags = [m for m in _TEXT_TAG.finditer(text) if _is_markup(m[2], m[3], omegat, other)]
    if not tags:
        return None
    closing = {m[2] for m in tags if m[1]}
    pieces: list[str | int] = []
    start = 0
    for tag in tags:
        pieces.append(text[start : tag.start()])
        name = tag[2]
        if tag[1] or (not tag[4] and name in closing):
            pieces.append(PAIRED)  # a closing tag, or an opening one that is closed
        elif name.rstrip("0123456789").lower() == "br":
            pieces.append(BREAK)
        else:
            pieces.append(PAIRED if name.lower() in _NO_GAP else CODE)
        start = tag.end()
    pieces.append(text[start:])
    return pieces


def text_tags(source: str, target: str, *, omegat: bool = False) -> tuple[str, str]:
    """Remove tags written as text from a pair (see the module's policy): OmegaT's shortcut
    tags when ``omegat`` (the file is OmegaT's), and tags whose name both sides have."""
    source_names, target_names = _tag_names(source), _tag_names(target)
    if not omegat:
        shared = source_names & target_names
        if not shared:
            return source, target
        source_names = target_names = shared
    results = []
    for text, other in ((source, target_names), (target, source_names)):
        pieces = _text_pieces(text, omegat, other) if "<" in text else None
        results.append(join(pieces) if pieces is not None else text)
    return results[0], results[1]
