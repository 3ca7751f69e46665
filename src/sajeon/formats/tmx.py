"""TMX 1.4b translation memories, both ways, streamed.

=======================  ===================================================================
sajeon segment           TMX 1.4b
=======================  ===================================================================
source / target text     ``<tuv xml:lang="ko"><seg>`` / ``<tuv xml:lang="en"><seg>``
date (YYYY-MM-DD)        ``tu/@creationdate`` as ``YYYYMMDDT000000Z``
translator               ``<prop type="x-translator">`` and ``tu/@creationid``
origin                   ``<prop type="x-origin">``
note                     ``<note>``
key (content hash)       ``tu/@tuid``
=======================  ===================================================================

The header says ``srclang`` (the source language), ``adminlang="en"``,
``segtype="sentence"``, ``o-tmf="sajeon"``, ``datatype="plaintext"``, ``creationtool`` and
``creationtoolversion``, and a ``creationdate`` taken from the data (the latest segment
date), so that the same memory always gives the same bytes.

Reading takes one ``<tu>`` at a time (lxml iterparse) in constant memory. Dates with a time
keep only the day; a ``changedate`` wins over a ``creationdate``; inline codes
(``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) are dropped from the text and counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from .. import __version__
from ..langtags import normalise_lang
from ..model import InputError, Segment
from . import xmlsafe

_TMX_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?")
_XML_LANG = xmlsafe.XML_LANG
_INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}


def tmx_date(day: str) -> str:
    """``2024-11-28`` → ``20241128T000000Z``."""
    return day.replace("-", "") + "T000000Z"


# --------------------------------------------------------------------------- writing


def write_tmx(
    segments: Iterable[Segment],
    out: BinaryIO,
    *,
    source_lang: str,
    creation_date: str | None,
) -> int:
    """Write segment pairs as TMX 1.4b; return how many. Streamed and byte-stable."""
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
    out.write(b'<tmx version="1.4">\n')
    header = etree.Element(
        "header",
        {
            "creationtool": "sajeon",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "sajeon",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
        },
    )
    if creation_date:
        header.set("creationdate", tmx_date(creation_date))
    out.write(b"  " + etree.tostring(header, encoding="UTF-8", xml_declaration=False) + b"\n")
    out.write(b"  <body>\n")
    count = 0
    for segment in segments:
        unit = _unit(segment)
        out.write(b"    " + etree.tostring(unit, encoding="UTF-8", xml_declaration=False) + b"\n")
        count += 1
    out.write(b"  </body>\n</tmx>\n")
    return count


def _unit(segment: Segment) -> etree._Element:
    where = f"segment {segment.key}"
    tu = etree.Element("tu", tuid=segment.key)
    if segment.date:
        tu.set("creationdate", tmx_date(segment.date))
    if segment.translator:
        tu.set("creationid", xmlsafe.check_xml_text(segment.translator, where))
    for kind, value in (("x-origin", segment.origin), ("x-translator", segment.translator)):
        if value:
            prop = etree.SubElement(tu, "prop", type=kind)
            prop.text = xmlsafe.check_xml_text(value, where)
    if segment.note:
        etree.SubElement(tu, "note").text = xmlsafe.check_xml_text(segment.note, where)
    for lang, text in (
        (segment.source_lang, segment.source),
        (segment.target_lang, segment.target),
    ):
        tuv = etree.SubElement(tu, "tuv")
        tuv.set(xmlsafe.XML_LANG, lang)
        etree.SubElement(tuv, "seg").text = xmlsafe.check_xml_text(text, where)
    etree.indent(tu, space="  ", level=2)
    return tu


# --------------------------------------------------------------------------- reading


@dataclass
class TMXRead:
    """What reading a TMX file found besides its segments."""

    source_lang: str = ""
    target_lang: str = ""
    units: int = 0
    skipped: Counter = field(default_factory=Counter)  # units not imported, by reason
    ignored: Counter = field(default_factory=Counter)  # parts of units not imported

    def warnings(self) -> list[str]:
        lines = [f"skipped {n} unit(s): {why}" for why, n in sorted(self.skipped.items())]
        lines += [f"ignored {n} × {what}" for what, n in sorted(self.ignored.items())]
        return lines


def detect(path: Path, label: str) -> xmlsafe.Root:
    root = xmlsafe.check_prolog(path, label)
    if root.name != "tmx" or root.namespace:
        found = f"<{root.name}>" + (f" in namespace {root.namespace}" if root.namespace else "")
        hint = " (a TBX termbase)" if root.name in ("martif", "tbx") else ""
        raise InputError(
            f"{label}:{root.line}: root element is {found}{hint}, not TMX; accepted: <tmx>"
        )
    return root


@lru_cache(maxsize=1024)
def _normalised(tag: str) -> str:
    return normalise_lang(tag)


def _lang(value: str | None, where: str, what: str) -> str:
    if not value:
        raise InputError(f"{where}: {what} has no language (xml:lang)")
    try:
        return _normalised(value)
    except InputError as exc:
        raise InputError(f"{where}: {what} {value!r}: {exc}") from None


@lru_cache(maxsize=4096)
def _day_of(value: str) -> str | None:
    """``20250314T093000Z`` → ``2025-03-14``; None when it is not a TMX date."""
    match = _TMX_DATE.fullmatch(value.strip())
    if not match:
        return None
    month, dom = int(match.group(2)), int(match.group(3))
    if not (1 <= month <= 12 and 1 <= dom <= 31):
        return None
    return "-".join(match.groups())


def _day(value: str | None, where: str) -> str | None:
    if not value:
        return None
    day = _day_of(value)
    if day is None:
        raise InputError(f"{where}: date {value!r} is not YYYYMMDDThhmmssZ")
    return day


def seg_text(seg: etree._Element, report: TMXRead | None = None) -> str:
    """The text of a ``<seg>``: its content without inline codes (``<ph>``, ``<bpt>`` …,
    which hold the original format's markup, not text)."""
    if report is None:
        report = TMXRead()
    if not len(seg):
        return seg.text or ""
    parts = [seg.text or ""]
    for child in seg:
        name = child.tag if isinstance(child.tag, str) else ""
        if name in _INLINE_CODES:
            report.ignored[f"inline code <{name}>"] += 1
        elif isinstance(child.tag, str):
            parts.append(xmlsafe.text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_tmx(
    path: Path,
    label: str,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    report: TMXRead | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, Segment]]:
    """Yield ``(where, segment)`` for each translation unit, one at a time.

    The source language is the header's ``srclang`` (or ``source_lang``, which must be
    given when srclang is ``*all*``); the target language is ``target_lang``, or the one
    other language of the first unit.
    """
    report = report if report is not None else TMXRead()
    detect(path, label)
    header_seen = yielded = False
    source = normalise_lang(source_lang) if source_lang else None
    target = normalise_lang(target_lang) if target_lang else None
    for element in xmlsafe.iterparse(path, label, ("header", "tu"), progress):
        where = f"{label}:{element.sourceline}"
        if element.tag == "header":
            header_seen = True
            srclang = element.get("srclang")
            if not srclang:
                raise InputError(f"{where}: <header> has no srclang attribute")
            if srclang != "*all*":
                declared = _lang(srclang, where, "header srclang")
                if source and _primary(source) != _primary(declared):
                    raise InputError(
                        f"{where}: the header says srclang {srclang!r}, not {source!r}"
                    )
                source = source or declared
            elif not source:
                raise InputError(
                    f"{where}: srclang is '*all*': say which language is the source with --from"
                )
            report.source_lang = source
            continue
        if not header_seen:
            raise InputError(f"{where}: <tu> before <header>: not a TMX 1.4 file")
        report.units += 1
        segment = _segment(element, where, source, target, report)
        if segment is None:
            continue
        target = segment.target_lang
        report.target_lang = target
        yielded = True
        yield where, segment
    if not header_seen:
        raise InputError(f"{label}: no <header>: not a TMX 1.4 file")
    if not report.units:
        raise InputError(f"{label}: no <tu> elements: the memory is empty")
    if not yielded:
        reasons = "; ".join(report.warnings())
        raise InputError(f"{label}: no unit has text in both languages ({reasons})")


def _primary(tag: str) -> str:
    return tag.split("-")[0]


def _adopt(texts: dict[str, str], tuvs: dict[str, etree._Element], lang: str) -> bool:
    """Find ``lang`` among the unit's languages: exactly, or as the one tuv with the same
    primary language (``--to en`` takes an ``en-US`` tuv), filed under ``lang``."""
    if lang in texts:
        return True
    matching = [tag for tag in texts if _primary(tag) == _primary(lang)]
    if len(matching) != 1:
        return False
    texts[lang] = texts.pop(matching[0])
    tuvs[lang] = tuvs.pop(matching[0])
    return True


_KNOWN_LANGS: dict[str, str] = {}  # xml:lang as written → normalised, for speed


def _line_of(where: str, element: etree._Element) -> str:
    return f"{where.rsplit(':', 1)[0]}:{element.sourceline}"


def _segment(
    tu: etree._Element, where: str, source: str, target: str | None, report: TMXRead
) -> Segment | None:
    # This runs a million times for a large memory: keep the common path lean.
    texts: dict[str, str] = {}
    tuvs: dict[str, etree._Element] = {}  # for their dates, read only when the unit has none
    origin = translator = None
    notes: list[str] = []
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            raw = child.get(_XML_LANG) or child.get("lang")
            lang = _KNOWN_LANGS.get(raw)
            if lang is None:
                lang = _lang(raw, _line_of(where, child), "<tuv>")
                if len(_KNOWN_LANGS) < 1000:
                    _KNOWN_LANGS[raw] = lang
            # The first child is the <seg> (with lxml, find() costs ten times more).
            seg = child[0] if len(child) and child[0].tag == "seg" else None
            if seg is None:
                seg = next((c for c in child if c.tag == "seg"), None)
            if seg is None:
                raise InputError(f"{_line_of(where, child)}: <tuv> has no <seg>")
            if lang in texts:
                report.ignored[f"second <tuv> in {lang} in one unit"] += 1
                continue
            texts[lang] = (seg.text or "") if not len(seg) else seg_text(seg, report)
            tuvs[lang] = child
        elif tag == "prop":
            kind = child.get("type") or ""
            if kind == "x-origin":
                origin = (child.text or "") if not len(child) else xmlsafe.text_of(child)
            elif kind == "x-translator":
                translator = (child.text or "") if not len(child) else xmlsafe.text_of(child)
            else:
                report.ignored[f"<prop type={kind!r}>"] += 1
        elif tag == "note":
            notes.append((child.text or "") if not len(child) else xmlsafe.text_of(child))
        elif isinstance(tag, str):
            report.ignored[f"<{tag}> in <tu>"] += 1
    if source not in texts and not _adopt(texts, tuvs, source):
        found = ", ".join(texts) or "none"
        raise InputError(
            f"{where}: no <tuv> in the source language {source!r} (srclang); found {found}"
        )
    others = [lang for lang in texts if lang != source]
    if target is None:
        if len(others) != 1:
            raise InputError(
                f"{where}: the unit has {len(others)} target languages "
                f"({', '.join(others) or 'none'}); say which to import with --to"
            )
        target = others[0]
    if target not in texts and not _adopt(texts, tuvs, target):
        report.skipped[f"no {target} text"] += 1
        return None
    if not texts[source].strip() or not texts[target].strip():
        report.skipped["empty <seg>"] += 1
        return None
    date = _day(tu.get("changedate"), where) or _day(tu.get("creationdate"), where)
    if date is None:
        tuv = tuvs[target]
        date = _day(tuv.get("changedate") or tuv.get("creationdate"), where)
    try:
        return Segment.clean(
            source,
            target,
            texts[source],
            texts[target],
            origin,
            date,
            translator or tu.get("changeid") or tu.get("creationid"),
            ("\n".join(n for n in notes if n.strip()) or None) if notes else None,
        )
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
