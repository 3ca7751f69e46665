"""TBX termbases: TBX-Basic 2008 (``<martif>``) and TBX-Basic v3 DCA (``<tbx>``), both ways.

Both flavours are written from the same mapping; TBX 2008 is the default because OmegaT and
translate-toolkit (Weblate) read only that. Where sajeon keeps each field:

=========================  =====================================================================
sajeon                     TBX (2008 names; v3: conceptEntry / langSec / termSec)
=========================  =====================================================================
concept id                 ``termEntry/@id`` (sajeon ids are valid XML names)
domain                     ``descrip type="subjectField"`` (entry level)
definition                 ``descrip type="definition"`` (entry level)
concept note               ``note`` (entry level)
sources                    ``admin type="source"``, one each, in order (entry level)
created, author            ``transacGrp``: ``transac`` origination, ``date``,
                           ``transacNote type="responsibility"``
modified                   ``transacGrp``: ``transac`` modification, ``date``
term language              ``langSet/@xml:lang``, BCP 47 (``ko``, ``ko-KR``)
term status                ``termNote type="administrativeStatus"``: preferred →
                           preferredTerm-admn-sts, admitted → admittedTerm-admn-sts,
                           forbidden → deprecatedTerm-admn-sts; deprecated → in TBX v3
                           supersededTerm-admn-sts ("obsolete"), in TBX 2008
                           deprecatedTerm-admn-sts with the note ``Status: superseded``
                           (translate-toolkit 3.20.4 and Weblate, which read only TBX 2008,
                           take supersededTerm-admn-sts for a usable term)
part of speech, type       ``termNote type="partOfSpeech"`` / ``"termType"``; TBX v3 has no
                           properNoun, so v3 files say ``noun`` for it
valid from / until         ``note`` on the term: ``Valid from: 2016`` / ``Valid until: 2016``
usage note                 ``note`` on the term (any other note)
=========================  =====================================================================

Reading is streamed one entry at a time and accepts more than sajeon writes: definitions and
sources at language or term level, ``descripGrp``, ``ntig`` (TBX-Default), TBX v3 in DCT style,
dates with times, the status words of other tools, data-category names in any case
(MultiTerm's "Subject"). Values outside sajeon's picklists and data categories it has no
field for are kept as notes and reported; anything else it cannot keep is counted and
reported. Entry ids are concept ids only in sajeon's own exports (``EXPORT_MARK``); another
tool's ids are kept as sources.

:func:`write_cat_tbx` writes the CAT view instead (:mod:`.catview`): TBX 2008 that offers
each concept's one usable rendering and names every other term in a note. It is made for
CAT tools, not for the round trip: reading it back is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ..core.langtags import display_name, normalise_lang
from ..core.model import (
    PARTS_OF_SPEECH,
    TERM_TYPES,
    Concept,
    InputError,
    Term,
    check_concept_id,
    check_one_preferred,
    check_timestamp,
    foreign_id_source,
    new_concept_id,
)
from . import xmlsafe
from .catview import CatEntry

TBX_NS = "urn:iso:std:iso:30042:ed-2"
FLAVOURS = ("2008", "v3")

#: sajeon status → TBX-Basic administrativeStatus (TBX v3; TBX 2008 differs, see below).
STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "supersededTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
#: TBX 2008 is what translate-toolkit and Weblate read, and of TBX-Basic's picklist they
#: take only deprecatedTerm-admn-sts as "do not use" (translate-toolkit 3.20.4
#: ``TBXTerm.deprecated``; Weblate ``term_forbidden``). So a deprecated term is written
#: deprecatedTerm-admn-sts too, with this note keeping it apart from a forbidden one.
STATUS_TO_TBX_2008 = STATUS_TO_TBX | {"deprecated": "deprecatedTerm-admn-sts"}
SUPERSEDED_NOTE = "Status: superseded"
#: Starts the description of a CAT view, by which reading refuses it.
CAT_VIEW = "sajeon CAT view"
#: Starts the description of sajeon's own complete exports: only in such a file do entry
#: ids name sajeon concepts; any other tool's ids are provenance (see _concept_id).
EXPORT_MARK = "Exported by sajeon from its glossary"
# What other tools write, folded to lower case without separators.
_STATUS_FROM_TBX = {
    **{_k.lower().replace("-", ""): _v for _v, _k in STATUS_TO_TBX.items()},
    "preferred": "preferred",
    "standardizedtermadmnsts": "preferred",
    "legaltermadmnsts": "preferred",
    "regulatedtermadmnsts": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "deprecated",
    "obsolete": "deprecated",
    "notrecommended": "forbidden",
    "forbidden": "forbidden",
}
_POS = {p.lower(): p for p in PARTS_OF_SPEECH} | {
    "propernoun": "properNoun",
    "proper noun": "properNoun",
}
_TYPES = {t.lower(): t for t in TERM_TYPES}
#: Data-category names as other tools spell them (folded: lower case, no spaces, '-' or
#: '_') → the TBX name sajeon reads. MultiTerm's termbase fields are "Subject",
#: "Definition", "Note", "Source"; Weblate writes "Usage note".
_CATEGORIES = {
    name.lower(): name
    for name in (
        "subjectField",
        "definition",
        "context",
        "source",
        "partOfSpeech",
        "termType",
        "administrativeStatus",
        "externalCrossReference",
        "responsibility",
        "transactionType",
    )
} | {
    "subject": "subjectField",
    "domain": "subjectField",
    "note": "note",
    "usagenote": "note",
    "pos": "partOfSpeech",
}
#: TBX v3 DCT style writes each data category as an element of its module's namespace
#: (<min:subjectField>); this is the DCA element that carries it as a type attribute.
_DCT_ELEMENTS = {
    "subjectField": "descrip",
    "definition": "descrip",
    "context": "descrip",
    "source": "admin",
    "customerSubset": "admin",
    "projectSubset": "admin",
    "partOfSpeech": "termNote",
    "termType": "termNote",
    "administrativeStatus": "termNote",
    "grammaticalGender": "termNote",
    "geographicalUsage": "termNote",
    "termLocation": "termNote",
    "transactionType": "transac",
    "responsibility": "transacNote",
    "externalCrossReference": "xref",
    "xGraphic": "xref",
    "crossReference": "ref",
}
_VALIDITY = re.compile(r"Valid (from|until): (\d{4}(?:-\d{2}(?:-\d{2})?)?)")
ADMIN_LANG = "en"  # the language of definitions and notes in sajeon's glossary


@dataclass(frozen=True)
class _Names:
    root: str
    header: str
    entry: str
    lang: str
    term: str


_NAMES = {
    "2008": _Names("martif", "martifHeader", "termEntry", "langSet", "tig"),
    "v3": _Names("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec"),
}


# --------------------------------------------------------------------------- writing


def export_languages(concept: Concept, langs: list[str]) -> list[str]:
    return [lang for lang in langs if concept.terms_in(lang)]


def write_tbx(
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    langs: list[str],
    flavour: str = "2008",
    title: str,
    description: str,
) -> int:
    """Write the concepts having terms in ``langs`` as TBX-Basic; return how many.

    Output is streamed (one entry in memory at a time) and byte-stable: the same concepts
    always give the same bytes. Elements are built without a namespace and written inside
    a root that declares TBX v3's default namespace, so entries carry no declarations.
    """
    if flavour not in FLAVOURS:
        raise InputError(f"unknown TBX flavour {flavour!r}: use one of {', '.join(FLAVOURS)}")
    names = _NAMES[flavour]
    _write_header(out, names, flavour, title, description)
    count = 0
    for concept in concepts:
        present = export_languages(concept, langs)
        if not present:
            continue
        out.write(_entry(concept, present, names, flavour).encode("utf-8"))
        count += 1
    out.write(f"    </body>\n  </text>\n</{names.root}>\n".encode())
    return count


def write_cat_tbx(
    entries: Iterable[CatEntry],
    out: BinaryIO,
    *,
    source_lang: str,
    target_lang: str,
    title: str,
    description: str,
) -> int:
    """Write the CAT view of the concepts as TBX-Basic 2008; return how many entries.

    No termNote is written: OmegaT would print their values, unattributed, in the comment.
    Every note starts with the term it is about.
    """
    if not description.startswith(CAT_VIEW):
        description = f"{CAT_VIEW}: {description}"
    names = _NAMES["2008"]
    _write_header(out, names, "2008", title, description)
    count = 0
    for entry in entries:
        out.write(_cat_entry(entry, source_lang, target_lang).encode("utf-8"))
        count += 1
    out.write(f"    </body>\n  </text>\n</{names.root}>\n".encode())
    return count


def _write_header(out: BinaryIO, names: _Names, flavour: str, title: str, description: str) -> None:
    out.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    if flavour == "2008":
        out.write(b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n')
        out.write(f'<martif type="TBX-Basic" xml:lang="{ADMIN_LANG}">\n'.encode())
    else:
        out.write(
            f'<tbx type="TBX-Basic" style="dca" xml:lang="{ADMIN_LANG}" '
            f'xmlns="{TBX_NS}">\n'.encode()
        )
    header = etree.Element(names.header)
    file_desc = etree.SubElement(header, "fileDesc")
    title_stmt = etree.SubElement(file_desc, "titleStmt")
    _sub(title_stmt, "title", title, "title")
    source_desc = etree.SubElement(file_desc, "sourceDesc")
    _sub(source_desc, "p", description, "description")
    if flavour == "2008":
        encoding_desc = etree.SubElement(header, "encodingDesc")
        _sub(encoding_desc, "p", "TBXBasicXCSV02.xcs", "header", type="XCSURI")
    _write(out, header, level=1)
    out.write(b"  <text>\n    <body>\n")


def _write(out: BinaryIO, element: etree._Element, level: int) -> None:
    etree.indent(element, space="  ", level=level)
    out.write(b"  " * level)
    out.write(etree.tostring(element, encoding="UTF-8", xml_declaration=False))
    out.write(b"\n")


def _sub(parent: etree._Element, tag: str, text: str | None, where: str, **attrs) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    element.text = xmlsafe.check_xml_text(text, where)
    return element


def _entry(concept: Concept, langs: list[str], names: _Names, flavour: str) -> str:
    """One entry as text, laid out exactly as lxml's ``indent`` + ``tostring`` would lay it
    out (a test checks), but several times faster to make: exports of 100,000 concepts must
    take seconds. Text is escaped by :func:`xmlsafe.escape_text`."""
    esc = xmlsafe.escape_text
    lines = [f'      <{names.entry} id="{xmlsafe.escape_attribute(concept.id)}">']
    add = lines.append
    if concept.domain:
        add(f'        <descrip type="subjectField">{esc(concept.domain)}</descrip>')
    if concept.definition:
        add(f'        <descrip type="definition">{esc(concept.definition)}</descrip>')
    for source in concept.sources:
        add(f'        <admin type="source">{esc(source)}</admin>')
    if concept.note:
        add(f"        <note>{esc(concept.note)}</note>")
    if concept.created or concept.author:
        add("        <transacGrp>")
        add('          <transac type="transactionType">origination</transac>')
        if concept.created:
            add(f"          <date>{esc(concept.created)}</date>")
        if concept.author:
            add(f'          <transacNote type="responsibility">{esc(concept.author)}</transacNote>')
        add("        </transacGrp>")
    if concept.modified:
        add("        <transacGrp>")
        add('          <transac type="transactionType">modification</transac>')
        add(f"          <date>{esc(concept.modified)}</date>")
        add("        </transacGrp>")
    for lang in langs:
        add(f'        <{names.lang} xml:lang="{xmlsafe.escape_attribute(lang)}">')
        for term in concept.terms_in(lang):
            add(f"          <{names.term}>")
            add(f"            <term>{esc(term.text)}</term>")
            if term.pos:
                pos = "noun" if flavour == "v3" and term.pos == "properNoun" else term.pos
                add(f'            <termNote type="partOfSpeech">{pos}</termNote>')
            if term.type:
                add(f'            <termNote type="termType">{term.type}</termNote>')
            status = (STATUS_TO_TBX_2008 if flavour == "2008" else STATUS_TO_TBX)[term.status]
            add(f'            <termNote type="administrativeStatus">{status}</termNote>')
            if flavour == "2008" and term.status == "deprecated":
                add(f"            <note>{SUPERSEDED_NOTE}</note>")
            if term.valid_from:
                add(f"            <note>Valid from: {esc(term.valid_from)}</note>")
            if term.valid_until:
                add(f"            <note>Valid until: {esc(term.valid_until)}</note>")
            if term.note:
                add(f"            <note>{esc(term.note)}</note>")
            add(f"          </{names.term}>")
        add(f"        </{names.lang}>")
    add(f"      </{names.entry}>\n")
    text = "\n".join(lines)
    if xmlsafe.XML_ILLEGAL.search(text):
        _refuse_illegal(concept, langs)
    return text


def _cat_entry(entry: CatEntry, source_lang: str, target_lang: str) -> str:
    """One entry of the CAT view, laid out like :func:`_entry`."""
    esc = xmlsafe.escape_text
    concept = entry.concept
    lines = [f'      <termEntry id="{xmlsafe.escape_attribute(concept.id)}">']
    add = lines.append
    if concept.domain:
        add(f'        <descrip type="subjectField">{esc(concept.domain)}</descrip>')
    if concept.definition:
        add(f'        <descrip type="definition">{esc(concept.definition)}</descrip>')
    for note in (concept.note, *entry.notes):
        if note:
            add(f"        <note>{esc(note)}</note>")
    for lang, terms in ((source_lang, entry.sources), (target_lang, [entry.target])):
        add(f'        <langSet xml:lang="{xmlsafe.escape_attribute(lang)}">')
        for term in terms:
            add(f"          <tig>\n            <term>{esc(term.text)}</term>\n          </tig>")
        add("        </langSet>")
    add("      </termEntry>\n")
    text = "\n".join(lines)
    if xmlsafe.XML_ILLEGAL.search(text):
        _refuse_illegal(concept, [source_lang, target_lang])
    return text


def _refuse_illegal(concept: Concept, langs: list[str]) -> None:
    """Name the value holding a character XML cannot carry (policy: refuse, never strip)."""
    where = f"concept {concept.id}"
    for value in (
        concept.domain,
        concept.definition,
        concept.note,
        concept.author,
        *concept.sources,
    ):
        xmlsafe.check_xml_text(value, where)
    for lang in langs:
        for term in concept.terms_in(lang):
            for value in (term.text, term.note):
                xmlsafe.check_xml_text(value, f"{where}, {lang} term {term.text!r}")


# --------------------------------------------------------------------------- reading


@dataclass
class TBXRead:
    """What reading a TBX file found besides its concepts."""

    flavour: str = ""
    entries: int = 0
    ignored: Counter = field(default_factory=Counter)  # what was not imported, by kind
    own: bool = False  # sajeon's own export (its header says so): entry ids are sajeon's
    name: str = ""  # the file's name, for provenance
    # what was kept as a note, by what it is: [first line, first value, count]
    kept: dict[str, list] = field(default_factory=dict)

    def keep(self, what: str, value: str, line: int | None) -> None:
        entry = self.kept.setdefault(what, [line or 0, value, 0])
        entry[2] += 1

    def warnings(self) -> list[str]:
        kept = []
        for what, (line, value, n) in sorted(self.kept.items()):
            example = "" if repr(value) in what else f": {_short(value)!r}"
            kept.append(f"kept {n} × {what} as a note (first at line {line}{example})")
        return kept + [f"ignored {n} × {kind}" for kind, n in sorted(self.ignored.items())]


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def detect(path: Path, label: str) -> str:
    """``"2008"`` or ``"v3"``; anything else is refused, saying what was found."""
    root = xmlsafe.check_prolog(path, label)
    return flavour_of(root, label)


def flavour_of(root: xmlsafe.Root, label: str) -> str:
    accepted = 'accepted: <martif> (TBX 2008) or <tbx style="dca|dct"> (TBX v3)'
    if root.name == "martif" and root.namespace in (None, TBX_NS):
        return "2008"
    if root.name == "tbx" and root.namespace == TBX_NS:
        style = root.attrib.get("style", "")
        if style not in ("dca", "dct"):
            raise InputError(
                f"{label}:{root.line}: TBX v3 in style {style or '(none)'!r}; sajeon reads the "
                'two styles of ISO 30042:2019, <tbx style="dca"> and <tbx style="dct">'
            )
        return "v3"
    found = f"<{root.name}>" + (f" in namespace {root.namespace}" if root.namespace else "")
    if root.name == "tmx":
        found += " (a TMX translation memory)"
    raise InputError(f"{label}:{root.line}: root element is {found}, not TBX; {accepted}")


def read_tbx(
    path: Path,
    label: str,
    *,
    expect: str | None = None,
    taken_ids: set[str] | frozenset[str] = frozenset(),
    report: TBXRead | None = None,
) -> Iterator[Concept]:
    """Yield the concepts of a TBX file, one entry at a time, validated.

    ``expect`` ("2008" or "v3") refuses the other flavour.
    """
    report = report if report is not None else TBXRead()
    flavour = detect(path, label)
    if expect and flavour != expect:
        raise InputError(
            f"{label}: this is TBX {flavour} "
            f"({'<martif>' if flavour == '2008' else '<tbx>'}), not TBX {expect}; "
            f"use --format {'tbx' if flavour == '2008' else 'tbx3'} or leave out --format"
        )
    report.flavour = flavour
    report.name = report.name or Path(label).name
    taken = set(taken_ids)
    seen: dict[str, int] = {}
    names = _NAMES[flavour]
    tags = (names.entry, f"{{{TBX_NS}}}{names.entry}", names.header, f"{{{TBX_NS}}}{names.header}")
    for element in xmlsafe.iterparse(path, label, tags):
        if _local(element) == names.header:
            _refuse_cat_view(element, label)
            report.own = any(
                _local(p) == "p" and _text(p).startswith(EXPORT_MARK) for p in element.iter()
            )
            continue
        report.entries += 1
        entry_id = element.get("id") or ""
        if entry_id and entry_id in seen:
            raise InputError(
                f"{label}:{element.sourceline}: entry id {entry_id!r} is already used at "
                f"line {seen[entry_id]}"
            )
        seen[entry_id] = element.sourceline or 0
        concept = _concept(element, label, report, taken)
        if concept is None:
            report.ignored["entries with terms only in xml:lang='mul'"] += 1
            continue
        taken.add(concept.id)
        yield concept
    if not report.entries:
        raise InputError(f"{label}: no {names.entry} elements: the termbase is empty")


def _refuse_cat_view(header: etree._Element, label: str) -> None:
    """A CAT view has lost the statuses of its terms: importing it would turn a former name
    into a usable one."""
    for p in header.iter("p"):
        if _text(p).startswith(CAT_VIEW):
            raise InputError(
                f"{label}:{p.sourceline}: this is sajeon's CAT view (one rendering per concept, "
                "statuses left out), made for CAT tools; import the complete TBX "
                "(sajeon-SOURCE-TARGET.tbx) instead"
            )


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _text(element: etree._Element) -> str:
    return xmlsafe.text_of(element).strip()


def _lang_of(element: etree._Element, where: str) -> str:
    tag = element.get(xmlsafe.XML_LANG) or element.get("lang")
    if not tag:
        raise InputError(f"{where}: <{_local(element)}> has no xml:lang")
    try:
        return normalise_lang(tag)
    except InputError as exc:
        raise InputError(f"{where}: <{_local(element)} xml:lang={tag!r}>: {exc}") from None


def _date(value: str, where: str) -> str | None:
    """The day of a ``<date>`` (``2024-11-28``, or with a time as TBX allows)."""
    if not value.strip():
        return None
    try:
        return check_timestamp(value, "date")
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


@dataclass
class _Acc:
    """Values gathered for one concept while walking its entry."""

    domain: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    created: str | None = None
    modified: str | None = None
    author: str | None = None


def _multilingual(lang_set: etree._Element) -> bool:
    tag = lang_set.get(xmlsafe.XML_LANG) or lang_set.get("lang") or ""
    return tag.strip().lower() == "mul"


def _concept(
    element: etree._Element, label: str, report: TBXRead, taken: set[str]
) -> Concept | None:
    line = element.sourceline or 0
    where = f"{label}:{line}"
    acc = _Acc()
    terms: list[Term] = []
    lines: list[int] = []  # the line of each term's <tig>
    _dct_to_dca(element)
    for child in element:
        name = _local(child)
        if name in ("langSet", "langSec") and _multilingual(child):
            # IATE files language-independent codes and formulas under "mul"; a sajeon term
            # has a language, and Babel would take "mul" for English
            report.ignored[f"<{name} xml:lang='mul'> (terms in no one language)"] += 1
        elif name in ("langSet", "langSec"):
            lang = _lang_of(child, f"{label}:{child.sourceline}")
            _language(child, lang, label, report, acc, terms, lines)
        else:
            _aux(child, label, report, acc, level="entry", lang=None, note_prefix="")
    if not terms and any(_multilingual(c) for c in element):
        return None
    if not terms:
        raise InputError(f"{where}: entry {element.get('id') or ''!r} has no terms")
    _one_preferred(element, terms, lines, label)
    _default_statuses(terms)
    concept_id = _concept_id(element.get("id") or "", terms, report, acc, taken)
    domains = list(dict.fromkeys(acc.domain))
    if len(domains) > 1:
        raise InputError(f"{where}: entry {concept_id!r} has several subject fields {domains}")
    concept = Concept(
        id=concept_id,
        terms=terms,
        domain=domains[0] if domains else None,
        definition="\n".join(dict.fromkeys(acc.definitions)) or None,
        note="\n".join(acc.notes) or None,
        sources=list(dict.fromkeys(acc.sources)),
        created=acc.created,
        modified=acc.modified,
        author=acc.author,
    )
    try:
        return concept.cleaned()
    except InputError as exc:
        raise InputError(f"{where}: entry {concept_id!r}: {exc}") from None


def _one_preferred(
    element: etree._Element, terms: list[Term], lines: list[int], label: str
) -> None:
    """Two terms marked preferred in one language: refused at the second one's line, with
    the entry and both terms (statuses not given are filled in later, never as a second
    preferred)."""
    try:
        check_one_preferred(terms)
    except InputError as exc:
        seen: set[str] = set()
        for term, line in zip(terms, lines, strict=True):
            if term.status == "preferred" and term.lang in seen:
                entry = element.get("id") or ""
                raise InputError(f"{label}:{line}: entry {entry!r}: {exc}") from None
            if term.status == "preferred":
                seen.add(term.lang)
        raise


def _concept_id(
    entry_id: str, terms: list[Term], report: TBXRead, acc: _Acc, taken: set[str]
) -> str:
    """The entry's id when the file is sajeon's own export and the id is a sajeon id;
    otherwise a new id made from the English term, the file's id kept as a source. Which
    concept an entry joins is then decided by its terms (glossary.merge), never by an id
    another tool gave it."""
    if report.own and entry_id:
        try:
            return check_concept_id(entry_id)
        except InputError:
            pass
    if entry_id:
        acc.sources.append(foreign_id_source(report.name, "entry", entry_id))
    label_term = next((t.text for t in terms if t.lang == "en"), terms[0].text)
    return new_concept_id(label_term, taken)


def _dct_to_dca(entry: etree._Element) -> None:
    """TBX v3 DCT style: <min:partOfSpeech>noun</…> becomes <termNote type="partOfSpeech">,
    as DCA style writes it, so that one reader reads both. A data category sajeon does not
    know becomes a <descrip> of that type (kept as a note)."""
    for element in entry.iter():
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith("{") or tag.startswith(f"{{{TBX_NS}}}"):
            continue
        name = tag.rsplit("}", 1)[-1]
        element.tag = _DCT_ELEMENTS.get(name, "descrip")
        element.set("type", name)


def _category(kind: str) -> str:
    """A data-category name as sajeon reads it: case and spacing do not matter, and the
    names MultiTerm and Weblate use are understood ("Subject", "Definition", "Usage note")."""
    folded = re.sub(r"[\s_-]", "", kind).lower()
    return _CATEGORIES.get(folded, kind)


def _kept_note(kind: str, value: str) -> str:
    return f"{kind}: {value}"


def _default_statuses(terms: list[Term]) -> None:
    """Terms without a status: the first in each language is preferred (unless another term
    is marked preferred), the others admitted, so no language gets two preferred terms."""
    for lang in dict.fromkeys(t.lang for t in terms):
        has_preferred = any(t.lang == lang and t.status == "preferred" for t in terms)
        for term in terms:
            if term.lang == lang and term.status == "":
                term.status = "admitted" if has_preferred else "preferred"
                has_preferred = True


def _aux(
    child: etree._Element,
    label: str,
    report: TBXRead,
    acc: _Acc,
    *,
    level: str,
    lang: str | None,
    note_prefix: str,
) -> None:
    """Concept- or language-level information: descrip, admin, note, transacGrp, xref."""
    name = _local(child)
    raw_kind = child.get("type") or ""
    kind = _category(raw_kind)
    if name == "descripGrp":
        for grandchild in child:
            _aux(grandchild, label, report, acc, level=level, lang=lang, note_prefix=note_prefix)
        return
    if name == "descrip" and kind == "subjectField" and level == "entry":
        acc.domain.append(_text(child))
    elif name == "descrip" and kind == "definition":
        acc.definitions.append(note_prefix + _text(child))
    elif name == "admin" and kind == "source":
        acc.sources.append(_text(child))
    elif name == "xref" and kind == "externalCrossReference" and child.get("target"):
        acc.sources.append(child.get("target", "").strip())
    elif name == "note" or (name == "descrip" and kind == "note"):
        text = _text(child)
        if text:
            acc.notes.append(note_prefix + text)
    elif name == "transacGrp" and level == "entry":
        _transaction(child, label, acc)
    elif name in ("transacGrp",):
        report.ignored[f"<transacGrp> at {level} level"] += 1
    elif name in ("descrip", "admin", "termNote") and raw_kind and _text(child):
        # a data category sajeon has no field for (MultiTerm "Usage", IATE's
        # reliabilityCode, …): kept in the note rather than lost
        acc.notes.append(note_prefix + _kept_note(raw_kind, _text(child)))
        report.keep(f"<{name} type={raw_kind!r}> at {level} level", _text(child), child.sourceline)
    elif isinstance(child.tag, str):
        report.ignored[
            f"<{name}{' type=' + repr(raw_kind) if raw_kind else ''}> at {level} level"
        ] += 1


def _transaction(group: etree._Element, label: str, acc: _Acc) -> None:
    kind = date = who = None
    for child in group:
        name = _local(child)
        if name == "transac":
            kind = _text(child).lower()
        elif name == "date":
            date = _date(_text(child), f"{label}:{child.sourceline}")
        elif name == "transacNote" and _category(child.get("type") or "") == "responsibility":
            who = _text(child) or None
    if kind == "origination":
        acc.created = acc.created or date
        acc.author = acc.author or who
    elif kind == "modification" and date and (acc.modified is None or date > acc.modified):
        acc.modified = date


def _language(
    lang_set: etree._Element,
    lang: str,
    label: str,
    report: TBXRead,
    acc: _Acc,
    terms: list[Term],
    lines: list[int],
) -> None:
    found = False
    for child in lang_set:
        name = _local(child)
        if name in ("tig", "termSec", "ntig"):
            terms.append(_term(child, lang, label, report, acc))
            lines.append(child.sourceline or 0)
            found = True
        else:
            prefix = f"({display_name(lang)}) " if lang != ADMIN_LANG else ""
            _aux(child, label, report, acc, level="language", lang=lang, note_prefix=prefix)
    if not found:
        raise InputError(f"{label}:{lang_set.sourceline}: <{_local(lang_set)}> has no terms")


def _term(tig: etree._Element, lang: str, label: str, report: TBXRead, acc: _Acc) -> Term:
    text = None
    notes: list[str] = []
    values: dict[str, str] = {}
    superseded_at = None  # where SUPERSEDED_NOTE was among the notes
    children = list(tig)
    if _local(tig) == "ntig":  # TBX-Default: ntig/termGrp/(term, termNote*)
        group = next((c for c in children if _local(c) == "termGrp"), None)
        children = (list(group) if group is not None else []) + [
            c for c in children if _local(c) != "termGrp"
        ]
    for child in children:
        name = _local(child)
        raw_kind = child.get("type") or ""
        kind = _category(raw_kind)
        where = f"{label}:{child.sourceline}"
        if name == "term":
            text = xmlsafe.text_of(child)
        elif name == "termNote" and kind == "administrativeStatus":
            value = _text(child)
            status = _STATUS_FROM_TBX.get(value.lower().replace("-", "").replace(" ", ""))
            if status is None:
                raise InputError(
                    f"{where}: unknown administrativeStatus {value!r} (use "
                    f"{', '.join(STATUS_TO_TBX.values())})"
                )
            if values.get("status", status) != status:
                # which one the file meant is not for the order of its notes to decide
                raise InputError(
                    f"{label}:{tig.sourceline}: <{_local(tig)}> has two administrative "
                    f"statuses, {values['status_text']} and {value!r} (line {child.sourceline})"
                )
            values["status"] = status
            values["status_text"] = f"{value!r} (line {child.sourceline})"
        elif name == "termNote" and kind in ("partOfSpeech", "termType"):
            value = _text(child)
            known = (_POS if kind == "partOfSpeech" else _TYPES).get(value.lower())
            if known:
                values["pos" if kind == "partOfSpeech" else "type"] = known
            elif value:
                # a value outside sajeon's picklist (IATE's termType "formula"): a note
                notes.append(_kept_note(kind, value))
                report.keep(
                    f"{kind} {value!r}, not one of sajeon's values,", value, child.sourceline
                )
        elif name == "note" or (name == "descrip" and kind == "note"):
            note = _text(child)
            validity = _VALIDITY.fullmatch(note)
            if validity:
                values["valid_" + validity.group(1)] = validity.group(2)
            elif note == SUPERSEDED_NOTE and superseded_at is None:
                superseded_at = len(notes)
            elif note:
                notes.append(note)
        elif name == "admin" and kind == "source":
            acc.sources.append(_text(child))
        elif name == "xref" and kind == "externalCrossReference" and child.get("target"):
            acc.sources.append(child.get("target", "").strip())
        elif name == "descrip" and kind == "context":
            notes.append("Context: " + _text(child))
        elif name == "descrip" and kind == "definition":
            acc.definitions.append(_text(child))
        elif name == "descripGrp":
            for grandchild in child:
                grand_kind = _category(grandchild.get("type") or "")
                if _local(grandchild) == "descrip" and grand_kind == "context":
                    notes.append("Context: " + _text(grandchild))
                elif _local(grandchild) == "admin" and grand_kind == "source":
                    acc.sources.append(_text(grandchild))
        elif name in ("descrip", "admin", "termNote") and raw_kind and _text(child):
            # a data category sajeon has no field for (IATE's reliabilityCode): a note
            notes.append(_kept_note(raw_kind, _text(child)))
            report.keep(f"<{name} type={raw_kind!r}> at term level", _text(child), child.sourceline)
        elif isinstance(child.tag, str):
            report.ignored[
                f"<{name}{' type=' + repr(raw_kind) if raw_kind else ''}> at term level"
            ] += 1
    if superseded_at is not None:
        # TBX 2008 from sajeon: "not recommended" plus this note is a deprecated term
        if values.get("status") == "forbidden":
            values["status"] = "deprecated"
        else:
            notes.insert(superseded_at, SUPERSEDED_NOTE)
    where = f"{label}:{tig.sourceline}"
    if text is None or not text.strip():
        raise InputError(f"{where}: <{_local(tig)}> has no <term> text")
    term = Term(
        lang=lang,
        text=text,
        status=values.get("status", ""),
        pos=values.get("pos"),
        type=values.get("type"),
        note="\n".join(notes) or None,
        valid_from=values.get("valid_from"),
        valid_until=values.get("valid_until"),
    )
    try:
        cleaned = term.cleaned()
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    cleaned.status = values.get("status", "")  # filled in by _default_statuses
    return cleaned
