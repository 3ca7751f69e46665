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

Reading takes one ``<tu>`` at a time (lxml iterparse) in constant memory. Inline markup is
removed and its text kept (:mod:`sajeon.formats.inline`). Who and when, from the most
specific place that says who (:func:`_who_when`): the target ``<tuv>`` (where OmegaT writes
them), then the ``<tu>``, then the ``<header>``; dates with a time keep only the day. Where
from: ``x-origin``, else the client (Trados ``x-Client:…``, memoQ ``client``), project and
document (``x-document``) props. Notes of the unit and of its ``<tuv>``s are kept; anything
else that carries data is counted and reported with the line it is first seen on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from .. import __version__
from ..core.langtags import Folding, normalise_lang, region_note
from ..core.model import InputError, Segment, check_timestamp
from . import inline, xmlsafe

_XML_LANG = xmlsafe.XML_LANG
# Props that say where a unit comes from, by their name without "x-" and a Trados field
# type (x-Client:SinglePicklist → client), in the order they are written into the origin;
# OmegaT names the source file of an alternative translation in a "file" prop.
_ORIGIN_PROPS = ("client", "project", "document")
_ORIGIN_SYNONYMS = {"file": "document"}


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
    turned: int = 0  # units whose srclang is the file's target language
    first_seen: dict[str, int] = field(default_factory=dict)  # ignored part → first line
    tool: str = ""  # the header's creationtool
    header: tuple[str | None, str | None] = (None, None)  # the header's who and when

    def ignore(self, what: str, line: int | None) -> None:
        self.ignored[what] += 1
        if line and what not in self.first_seen:
            self.first_seen[what] = line

    def warnings(self) -> list[str]:
        lines = [f"skipped {n} unit(s): {why}" for why, n in sorted(self.skipped.items())]
        for what, n in sorted(self.ignored.items()):
            line = self.first_seen.get(what)
            where = f" (first at line {line})" if line and n > 1 else f" (line {line})"
            lines.append(f"ignored {n} × {what}" + (where if line else ""))
        if self.turned:
            lines.append(
                f"{self.turned} unit(s) with srclang {self.target_lang} filed as "
                f"{self.source_lang}→{self.target_lang} like the first (a TMX pair reads "
                "both ways; choose the direction with --from/--to)"
            )
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
def _day_of(value: str) -> str:
    """``20250314T093000Z`` → ``2025-03-14`` (remembered: a file's dates recur)."""
    return check_timestamp(value, "date", form="tmx")


def _day(value: str | None, where: str) -> str | None:
    if not value:
        return None
    try:
        return _day_of(value)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def seg_text(seg: etree._Element, report: TMXRead | None = None) -> str:
    """The text of a ``<seg>``: its inline codes (``<ph>``, ``<bpt>`` …, which hold the
    original format's markup) removed and their text kept, as :mod:`.inline` says."""
    if not len(seg):
        return seg.text or ""
    dropped = [0]
    text = inline.join(inline.seg_pieces(seg, dropped))
    if dropped[0] and report is not None:
        for _ in range(dropped[0]):
            report.ignore("text in a <sub> inside an inline code", seg.sourceline)
    return text


def _header_meta(header: etree._Element, report: TMXRead, where: str) -> None:
    """What the header says for every unit: the tool (OmegaT writes its tags as text) and
    who and when, the last resort for a unit's translator."""
    report.tool = header.get("creationtool") or ""
    report.header = _level(header, where)


def read_tmx(
    path: Path,
    label: str,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    folding: Folding | None = None,
    report: TMXRead | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, Segment]]:
    """Yield ``(where, segment)`` for each translation unit, one at a time.

    Languages: each ``<tuv>``'s tag is folded into the project's languages (``folding``;
    ``ko-KR`` is stored as ``ko``). Direction: a TMX pair reads both ways, so ``source_lang``
    and ``target_lang`` (--from/--to) choose it whenever a unit holds both languages;
    without them a unit's own ``srclang`` wins over the header's, and the other language of
    the unit is the target. The first unit imported fixes the pair for the whole file.
    """
    report = report if report is not None else TMXRead()
    detect(path, label)
    reading = _Reading((folding or Folding()).choose(source_lang, target_lang), report)
    header_seen = yielded = False
    for element in xmlsafe.iterparse(path, label, ("header", "tu"), progress):
        where = f"{label}:{element.sourceline}"
        if element.tag == "header":
            header_seen = True
            srclang = element.get("srclang")
            if not srclang:
                raise InputError(f"{where}: <header> has no srclang attribute")
            if srclang != "*all*":
                reading.header_source = reading.lang(srclang, where, "header srclang")[0]
            _header_meta(element, report, where)
            continue
        if not header_seen:
            raise InputError(f"{where}: <tu> before <header>: not a TMX 1.4 file")
        report.units += 1
        segment = _segment(element, where, reading, report)
        if segment is None:
            continue
        yielded = True
        yield where, segment
    if not header_seen:
        raise InputError(f"{label}: no <header>: not a TMX 1.4 file")
    if not report.units:
        raise InputError(f"{label}: no <tu> elements: the memory is empty")
    if not yielded:
        reasons = "; ".join(report.warnings())
        raise InputError(f"{label}: no unit has text in both languages ({reasons})")


class _Reading:
    """The languages of one TMX file as it is read: tags seen, srclang, the pair."""

    def __init__(self, folding: Folding, report: TMXRead):
        self.folding = folding
        self.report = report
        self.from_lang = folding.chosen_source
        self.to_lang = folding.chosen_target
        self.header_source: str | None = None  # None: srclang="*all*" (or not imported)
        self.pair: tuple[str, str] | None = None  # fixed by the first unit imported
        # xml:lang as written → (language to store, original tag to note or None)
        self.known: dict[str, tuple[str | None, str | None]] = {}

    def lang(self, raw: str | None, where: str, what: str) -> tuple[str | None, str | None]:
        found = self.known.get(raw)  # type: ignore[arg-type]
        if found is None:
            tag = _lang(raw, where, what)
            lang, noted = self.folding.fold(tag)
            found = (lang, tag if noted else None)
            if len(self.known) < 1000:
                self.known[raw] = found  # type: ignore[index]
        return found

    def direction(self, texts: dict[str, str], declared: str | None, where: str):
        """(source, target) for a unit whose source is ``declared`` (its srclang)."""
        if self.pair is not None:
            return self.pair
        target = self.to_lang
        source = self.from_lang or (declared if declared != target else None)
        if source is None:
            others = [lang for lang in texts if lang != target]
            if target is None or len(others) != 1:
                raise InputError(
                    f"{where}: srclang is '*all*' and the unit has none: say which language "
                    "is the source with --from"
                )
            source = others[0]
        if target is None:
            others = [lang for lang in texts if lang != source]
            if len(others) != 1:
                raise InputError(
                    f"{where}: the unit has {len(others)} target languages "
                    f"({', '.join(others) or 'none'}); say which to import with --to"
                )
            target = others[0]
        return source, target


def _line_of(where: str, element: etree._Element) -> str:
    return f"{where.rsplit(':', 1)[0]}:{element.sourceline}"


def _segment(tu: etree._Element, where: str, reading: _Reading, report: TMXRead) -> Segment | None:
    # This runs a million times for a large memory: keep the common path lean.
    texts: dict[str, str] = {}
    tuvs: dict[str, etree._Element] = {}  # for their dates, read only when the unit has none
    originals: dict[str, str] = {}  # language → the tag it was folded from, when noted
    origin = translator = None
    notes: list[str] = []
    places: dict[str, list[str]] | None = None  # client, project, document props
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            raw = child.get(_XML_LANG) or child.get("lang")
            lang, original = reading.known.get(raw) or reading.lang(
                raw, _line_of(where, child), "<tuv>"
            )
            # The first child is the <seg> (with lxml, find() costs ten times more).
            seg = child[0] if len(child) and child[0].tag == "seg" else None
            extras = seg is None  # notes and props come before the <seg> (the TMX DTD)
            if extras:
                seg = next((c for c in child if c.tag == "seg"), None)
            if seg is None:
                raise InputError(f"{_line_of(where, child)}: <tuv> has no <seg>")
            if lang is None:  # not --from/--to
                continue
            if lang in texts:
                report.ignore(f"second <tuv> in {lang} in one unit", child.sourceline)
                continue
            texts[lang] = (seg.text or "") if not len(seg) else seg_text(seg, report)
            tuvs[lang] = child
            if original:
                originals[lang] = original
            if extras:
                _tuv_extras(child, notes, report)
        elif tag == "prop":
            kind = child.get("type") or ""
            value = (child.text or "") if not len(child) else xmlsafe.text_of(child)
            if kind == "x-origin":
                origin = value
            elif kind == "x-translator":
                translator = value
            else:
                places = _place(places, kind, value, child, report)
        elif tag == "note":
            notes.append((child.text or "") if not len(child) else xmlsafe.text_of(child))
        elif isinstance(tag, str):
            report.ignore(f"<{tag}> in <tu>", child.sourceline)
    srclang = tu.get("srclang")  # a unit's own srclang wins over the header's
    declared = reading.header_source
    if srclang is not None:
        declared = None if srclang == "*all*" else reading.lang(srclang, where, "srclang")[0]
    if declared is not None and declared not in texts and not reading.folding.chosen:
        found = ", ".join(texts) or "none"
        raise InputError(
            f"{where}: no <tuv> in the source language {declared!r} (srclang); found {found}"
        )
    source, target = reading.direction(texts, declared, where)
    for lang in (source, target):
        if lang not in texts:
            report.skipped[f"no {lang} text"] += 1
            return None
    if "<" in texts[source] or "<" in texts[target]:  # tags written as text (OmegaT)
        omegat = report.tool.lower().startswith("omegat")
        texts[source], texts[target] = inline.text_tags(texts[source], texts[target], omegat=omegat)
    if not texts[source].strip() or not texts[target].strip():
        report.skipped["empty <seg>"] += 1
        return None
    if texts[source] == texts[target]:  # po2tmx of an untranslated msginit entry, say
        report.skipped["target is a copy of the source (untranslated)"] += 1
        return None
    if reading.pair is None:
        reading.pair = (source, target)
        report.source_lang, report.target_lang = source, target
    elif declared == target:
        report.turned += 1
    who, date = _who_when(tu, tuvs[target], report.header, where)
    if originals:
        notes += _region_notes(originals, source, target)
    try:
        return Segment.clean(
            source,
            target,
            texts[source],
            texts[target],
            origin if origin is not None else _origin(places, tu),
            date,
            translator or who,
            ("\n".join(n for n in notes if n.strip()) or None) if notes else None,
        )
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def _region_notes(originals: dict[str, str], source: str, target: str) -> list[str]:
    """``Target language tag: en-GB``: the tag a language was folded from, when it says more."""
    return [
        region_note(originals[lang], side)
        for side, lang in (("Source", source), ("Target", target))
        if lang in originals
    ]


# --------------------------------------------------------------------------- unit metadata


def _tuv_extras(tuv: etree._Element, notes: list[str], report: TMXRead) -> None:
    """A ``<tuv>``'s notes go into the segment's note; its props are reported."""
    for child in tuv:
        tag = child.tag
        if tag == "seg" or not isinstance(tag, str):
            continue
        if tag == "note":
            notes.append(xmlsafe.text_of(child))
        elif tag == "prop":
            if xmlsafe.text_of(child).strip():
                report.ignore(f"<prop type={child.get('type') or ''!r}> in <tuv>", child.sourceline)
        else:
            report.ignore(f"<{tag}> in <tuv>", child.sourceline)


@lru_cache(maxsize=256)
def _place_name(kind: str) -> str | None:
    """``x-Client:SinglePicklist`` (Trados), ``client`` (memoQ), ``x-document`` (memoQ),
    ``file`` (OmegaT) → the origin part the prop gives, or None."""
    name = kind.split(":", 1)[0].lower()
    name = name[2:] if name.startswith("x-") else name
    name = _ORIGIN_SYNONYMS.get(name, name)
    return name if name in _ORIGIN_PROPS else None


def _place(
    places: dict[str, list[str]] | None,
    kind: str,
    value: str,
    prop: etree._Element,
    report: TMXRead,
) -> dict[str, list[str]] | None:
    """Keep a prop that says where the unit comes from; report any other with a value
    (empty ones, as memoQ writes for unset fields, carry nothing)."""
    name = _place_name(kind)
    if name is None:
        if value.strip():
            report.ignore(f"<prop type={kind!r}>", prop.sourceline)
        return places
    places = places if places is not None else {}
    places.setdefault(name, []).append(value)
    return places


def _origin(places: dict[str, list[str]] | None, tu: etree._Element) -> str | None:
    """Client, project and document, in that order, joined by ``; `` (one line)."""
    client = tu.get("client")  # memoQ can write the client as an attribute
    if places is None and not client:
        return None
    places = dict(places or {})
    if client:
        places["client"] = [client, *places.get("client", [])]
    parts = []
    for name in _ORIGIN_PROPS:
        values = dict.fromkeys(" ".join(v.split()) for v in places.get(name, ()))
        values.pop("", None)
        if values:
            parts.append(", ".join(values))
    return "; ".join(parts) or None


_NOBODY: tuple[str | None, str | None] = (None, None)


def check_unit_dates(tu: etree._Element, where: str) -> None:
    """Refuse a unit whose dates (of the ``<tu>`` or a ``<tuv>``) the calendar does not
    have, for a reader that does not use them (``sajeon check``)."""
    for element in (tu, *tu.iterfind("tuv")):
        _level(element, where)


def _level(element: etree._Element, where: str) -> tuple[str | None, str | None]:
    """Who (``changeid``, else ``creationid``) and when (the later of ``changedate`` and
    ``creationdate``) one element's attributes say."""
    get = element.get
    who = get("changeid") or get("creationid") or None
    changed, created = get("changedate"), get("creationdate")
    if changed is None:
        return who, _day(created, where)
    changed, created = _day(changed, where), _day(created, where)
    return who, max(changed or "", created or "") or None


def _who_when(
    tu: etree._Element, tuv: etree._Element, header: tuple[str | None, str | None], where: str
) -> tuple[str | None, str | None]:
    """The translator and the date of a unit, from the most specific place that names a
    translator: the target ``<tuv>`` (OmegaT), the ``<tu>`` (Trados, memoQ, sajeon), the
    ``<header>``. The date is the latest date of that place; when it has none (or no place
    names anyone), the latest date of the most specific place in the unit that has one;
    the header's date only when the unit has none and the header names the translator."""
    # This runs for every unit: a <tuv> with only its language (the usual case) is skipped.
    target = _level(tuv, where) if len(tuv.attrib) > 1 else _NOBODY
    unit = _level(tu, where) if len(tu.attrib) else _NOBODY
    if target[0]:
        return target[0], target[1] or unit[1]
    if unit[0]:
        return unit[0], unit[1] or target[1]
    day = target[1] or unit[1]
    if header[0]:
        return header[0], day or header[1]
    return None, day
