"""Gettext PO files (with polib): a glossary PO and a memory PO for each language pair.

**Glossary PO** — one entry per concept that has a term in the source language::

    #. Domain: security
    #. Definition: North Korea's secret police, …
    #. Source: https://en.wikipedia.org/wiki/Ministry_of_State_Security_(North_Korea)
    #. Created: 2026-11-27
    #. ko preferred: 국가보위성 | from 2016
    #. ko admitted: 보위부 | shortForm | note: Short, everyday name; …
    #. ko deprecated (do not use): 국가안전보위부 | until 2016 | note: Name until …
    #. en preferred: Ministry of State Security
    #. en deprecated (do not use): State Security Department | until 2016
    msgctxt "ministry-of-state-security"
    msgid "국가보위성"
    msgstr "Ministry of State Security"

``msgctxt`` is the concept id, ``msgid`` the preferred source term and ``msgstr`` the
preferred target term. Deprecated and forbidden terms are never a ``msgstr``: a concept
with no approved target term has an empty ``msgstr`` and its comments say what not to use.
Each ``#.`` line is ``Label: value``; in values a newline is written ``\\n``, a backslash
``\\\\`` and a ``|`` inside a term ``\\|``, so every line reads back exactly.

**Memory PO** — one entry per segment pair, ``msgctxt`` its key; ``#. Origin:``,
``#. Date:``, ``#. Translator:`` and ``#. Note:`` carry the rest. A memory PO from another
tool gives its origin from ``msgctxt`` and the ``#:`` references, its translator and date
from the header (``Last-Translator``, ``PO-Revision-Date``), a plural entry two pairs
(``msgid``/``msgstr[0]`` and ``msgid_plural``/``msgstr[1]``), and loses its inline markup
as TMX does (:mod:`.inline`).

The header names the target language (``Language``, gettext spelling) with Babel's
``Plural-Forms``, and ``X-Sajeon-Kind: glossary|memory`` and ``X-Source-Language`` so that
sajeon reads its own files back without being told what they are. Dates in the header come
from the data, so an unchanged glossary exports to the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import polib

from .. import __version__
from ..core.langtags import (
    Folding,
    compatible,
    display_name,
    gettext_locale,
    normalise_lang,
    plural_forms,
    region_note,
    region_noted,
)
from ..core.model import (
    PARTS_OF_SPEECH,
    STATUSES,
    TERM_TYPES,
    Concept,
    InputError,
    Segment,
    Term,
    check_concept_id,
    check_timestamp,
    foreign_id_source,
    new_concept_id,
)
from ..storage.sourcefiles import decode_escapes
from . import inline, plurals

KIND_HEADER = "X-Sajeon-Kind"
SOURCE_HEADER = "X-Source-Language"
KINDS = ("glossary", "memory")

_TERM_LABEL = re.compile(
    r"(?P<lang>[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*) (?P<status>"
    + "|".join(STATUSES)
    + r")(?: \(do not use\))?"
)
_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "|": "|"}


def _escape(value: str, *, bar: bool = False) -> str:
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    for char in "\n\r\t":
        if char in value:
            value = value.replace(char, _ESCAPES[char])
    return value.replace("|", "\\|") if bar and "|" in value else value


def _unescape(value: str, where: str) -> str:
    return decode_escapes(value, f"{where} (in a comment)", _UNESCAPES)


def _split_bars(value: str) -> list[str]:
    """Split ``a | b | c`` on bars that are not escaped."""
    parts, current, chars = [], [], iter(value)
    for ch in chars:
        if ch == "\\":
            current.append(ch + next(chars, ""))
        elif ch == "|":
            parts.append("".join(current).strip(" "))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip(" "))
    return parts


def po_date(day: str | None) -> str:
    return f"{day or '1970-01-01'} 00:00+0000"


def _header(
    kind: str, source_lang: str, target_lang: str, day: str | None, title: str
) -> dict[str, str]:
    return {
        "Project-Id-Version": title,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": po_date(day),
        "PO-Revision-Date": po_date(day),
        "Last-Translator": "sajeon",
        "Language-Team": f"{display_name(target_lang)} (sajeon)",
        "Language": gettext_locale(target_lang),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(target_lang),
        "X-Generator": f"sajeon {__version__}",
        KIND_HEADER: kind,
        SOURCE_HEADER: source_lang,
    }


def _new_file(kind: str, source_lang: str, target_lang: str, day: str | None, title: str):
    po = polib.POFile(wrapwidth=0, encoding="utf-8", check_for_duplicates=False)
    po.header = (
        f"sajeon {kind}: {display_name(source_lang)} → {display_name(target_lang)}.\n"
        "Generated by 'sajeon export'; edit the glossary and memory with sajeon, not here."
    )
    po.metadata = _header(kind, source_lang, target_lang, day, title)
    return po


def _no_nul(value: str, where: str) -> str:
    if "\x00" in value:
        raise InputError(f"{where}: contains U+0000, which a PO file cannot carry")
    return value


# --------------------------------------------------------------------------- glossary


def _term_line(term: Term) -> str:
    label = f"{term.lang} {term.status}"
    if not term.approved:
        label += " (do not use)"
    parts = [_escape(term.text, bar=True)]
    parts += [v for v in (term.pos, term.type) if v]
    if term.valid_from:
        parts.append(f"from {term.valid_from}")
    if term.valid_until:
        parts.append(f"until {term.valid_until}")
    if term.note:
        parts.append("note: " + _escape(term.note, bar=True))
    return f"{label}: " + " | ".join(parts)


def glossary_entry(concept: Concept, source_lang: str, target_lang: str) -> polib.POEntry | None:
    sources = sorted(concept.terms_in(source_lang), key=Term.sort_key)
    if not sources:
        return None
    targets = sorted(concept.terms_in(target_lang), key=Term.sort_key)
    # sorted by status: the first approved term is the preferred one
    msgid = next((t for t in sources if t.approved), sources[0]).text
    target = next((t for t in targets if t.approved), None)
    lines = [
        f"{label}: {_escape(value)}"
        for label, value in (
            ("Domain", concept.domain),
            ("Definition", concept.definition),
            ("Note", concept.note),
        )
        if value
    ]
    lines += [f"Source: {_escape(s)}" for s in concept.sources]
    lines += [
        f"{label}: {_escape(value)}"
        for label, value in (
            ("Created", concept.created),
            ("Modified", concept.modified),
            ("Author", concept.author),
        )
        if value
    ]
    lines += [_term_line(t) for t in sources]
    lines += [_term_line(t) for t in targets]
    comment = "\n".join(lines)
    msgstr = target.text if target else ""
    if "\x00" in comment or "\x00" in msgid or "\x00" in msgstr:
        raise InputError(f"concept {concept.id}: contains U+0000, which a PO file cannot carry")
    return polib.POEntry(msgctxt=concept.id, msgid=msgid, msgstr=msgstr, comment=comment)


def _write(out: BinaryIO, header: polib.POFile, entries: Iterable[polib.POEntry]) -> int:
    """Write the file entry by entry, as polib would write it whole, in constant memory."""
    out.write(str(header).encode("utf-8"))
    count = 0
    for entry in entries:
        out.write(b"\n" + entry.__unicode__(0).encode("utf-8"))
        count += 1
    return count


def write_glossary_po(
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    source_lang: str,
    target_lang: str,
    day: str | None,
) -> int:
    """Write a glossary PO for the pair; return how many entries it has."""
    title = f"sajeon glossary {source_lang}-{target_lang}"
    header = _new_file("glossary", source_lang, target_lang, day, title)
    entries = (glossary_entry(c, source_lang, target_lang) for c in concepts)
    return _write(out, header, (e for e in entries if e is not None))


# --------------------------------------------------------------------------- memory


def memory_entry(segment: Segment) -> polib.POEntry:
    where = f"segment {segment.key}"
    lines = [
        f"{label}: {_escape(value)}"
        for label, value in (
            ("Origin", segment.origin),
            ("Date", segment.date),
            ("Translator", segment.translator),
            ("Note", segment.note),
        )
        if value
    ]
    return polib.POEntry(
        msgctxt=segment.key,
        msgid=_no_nul(segment.source, where),
        msgstr=_no_nul(segment.target, where),
        comment=_no_nul("\n".join(lines), where),
    )


def write_memory_po(
    segments: Iterable[Segment],
    out: BinaryIO,
    *,
    source_lang: str,
    target_lang: str,
    day: str | None,
) -> int:
    """Write a memory PO for the pair; return how many entries it has."""
    title = f"sajeon memory {source_lang}-{target_lang}"
    header = _new_file("memory", source_lang, target_lang, day, title)
    return _write(out, header, (memory_entry(s) for s in segments))


# --------------------------------------------------------------------------- reading


@dataclass
class POFile:
    """A parsed PO file and what sajeon makes of its header."""

    label: str
    entries: list[polib.POEntry]
    metadata: dict[str, str]
    kind: str | None
    source_lang: str
    target_lang: str
    skipped: dict[str, int] = field(default_factory=dict)
    # language → the header's tag it was folded from, when that tag says more (en-GB → en)
    originals: dict[str, str] = field(default_factory=dict)
    dropped: dict[str, list[int]] = field(default_factory=dict)  # what → [count, first line]

    def drop(self, what: str, line: int | None) -> None:
        """Count a part of an entry that is not imported, with the line it is first on."""
        seen = self.dropped.setdefault(what, [0, line or 0])
        seen[0] += 1

    def warnings(self) -> list[str]:
        lines = [
            f"skipped {n} entr{'y' if n == 1 else 'ies'}: {why}" for why, n in self.skipped.items()
        ]
        for what, (n, line) in self.dropped.items():
            where = f" (first at line {line})" if n > 1 else f" (line {line})"
            lines.append(f"ignored {n} × {what}" + (where if line else ""))
        return lines


_CHARSET = re.compile(rb'"Content-Type:[^"]*charset=([A-Za-z0-9_.:-]+)', re.IGNORECASE)


def load(
    path: Path,
    label: str,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    folding: Folding | None = None,
) -> POFile:
    """Read and check a PO file: encoding, syntax, header, languages."""
    po = parse(decode(path.read_bytes(), label), label)
    entries = [e for e in po if e.msgid != "" or e.msgctxt]
    if not entries:
        raise InputError(f"{label}: no messages (only a header, or not a PO file)")
    metadata = dict(po.metadata)
    if not metadata:
        raise InputError(f'{label}: no header entry (msgid "" with Language and Content-Type)')
    kind = metadata.get(KIND_HEADER) or None
    if kind is not None and kind not in KINDS:
        raise InputError(
            f"{label}: header {KIND_HEADER}: {kind!r} is not one of {', '.join(KINDS)}"
        )
    declared = {
        "source": metadata.get(SOURCE_HEADER, "").strip(),
        "target": metadata.get("Language", "").strip(),
    }
    if not (target_lang or declared["target"]):
        raise InputError(
            f"{label}: the header has no Language (the target language); give it with --to"
        )
    if not (source_lang or declared["source"]):
        raise InputError(
            f"{label}: the header does not say the source language ({SOURCE_HEADER}); "
            "give it with --from"
        )
    folding = (folding or Folding()).choose(source_lang, target_lang)
    langs, originals = [], {}
    for side, header, given, option in (
        ("source", SOURCE_HEADER, folding.chosen_source, "--from"),
        ("target", "Language", folding.chosen_target, "--to"),
    ):
        lang, original = _header_language(declared[side], header, given, option, label, folding)
        langs.append(lang)
        if original:
            originals[lang] = original
    if langs[0] == langs[1]:
        raise InputError(f"{label}: source and target language are both {langs[0]}")
    return POFile(label, entries, metadata, kind, langs[0], langs[1], originals=originals)


def decode(data: bytes, label: str) -> str:
    """A PO file's text, in the charset its header names (UTF-8 when it names none)."""
    if not data.strip():
        raise InputError(f"{label}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a BOM from an editor: harmless
    charset = declared_charset(data, label)
    try:
        return data.decode(charset)
    except LookupError:
        raise InputError(f"{label}: unknown charset {charset!r} in the header") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{label}:{line}: not valid {charset} ({exc.reason})") from None


def declared_charset(data: bytes, label: str) -> str:
    """The charset of the header's Content-Type; utf-8 when it has none."""
    found = _CHARSET.search(data)
    charset = found.group(1).decode("ascii") if found else "utf-8"
    if charset.upper() == "CHARSET":
        raise InputError(
            f"{label}: the header's Content-Type says charset=CHARSET (a template value); "
            "set it to UTF-8"
        )
    return charset


def parse(text: str, label: str, *, wrapwidth: int = 0) -> polib.POFile:
    """The one PO parser of sajeon (import, check, pretranslate): polib, with the checks
    polib does not make and msgfmt does — unclosed strings, escapes, characters, plural
    forms — each naming the line (issue 15)."""
    _check_characters(text, label)
    _check_strings(text, label)
    try:
        po = polib.pofile(text, encoding="utf-8", check_for_duplicates=True, wrapwidth=wrapwidth)
    except (OSError, ValueError) as exc:
        message = str(exc).replace("Syntax error in po file ", "").strip()
        found = re.search(r"\(line (\d+)\)(.*)", message)
        if found:
            raise InputError(
                f"{label}:{found.group(1)}: PO syntax error{found.group(2) or ''}"
            ) from None
        if "already exists" in message:
            raise InputError(
                f"{label}: the same msgctxt and msgid twice ({message}); msgfmt rejects it too"
            ) from None
        raise InputError(f"{label}: not a PO file ({message})") from None
    _check_plurals(po, text.split("\n"), label)
    return po


# C0 controls but tab and line ends, DEL and the C1 controls: no translation holds them,
# and a PO file that does is garbled (sajeon would store them, or write them back).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _check_characters(text: str, label: str) -> None:
    found = _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        code = f"U+{ord(found.group()):04X}"
        what = code if code == "U+0000" else f"a control character ({code})"
        raise InputError(f"{label}:{line}: contains {what}, which a PO file cannot carry")


def _check_plurals(po: polib.POFile, lines: list[str], label: str) -> None:
    """Plural-Forms and each plural entry's msgstr[N], as msgfmt -c checks them."""
    header_line = _line_of(lines, '"Plural-Forms:', 0) or _header_line(po)
    where = f"{label}:{header_line}" if header_line else label
    value = po.metadata.get("Plural-Forms")
    forms = plurals.parse_header(value, where) if value is not None else None
    for entry in po:
        if not entry.msgid_plural or entry.obsolete:
            continue
        start = entry.linenum or 1
        if forms is None or forms.nplurals is None or forms.formula is None:
            raise InputError(
                f"{label}:{start}: a plural entry, but the header has no Plural-Forms with "
                "nplurals and plural (e.g. nplurals=1; plural=0; for Korean)"
            )
        indexes = sorted(entry.msgstr_plural)
        for expected, index in enumerate(indexes):
            if index != expected or index >= forms.nplurals:
                line = _line_of(lines, f"msgstr[{index}]", start - 1) or start
                raise InputError(
                    f"{label}:{line}: msgstr[{index}], but the header's Plural-Forms has "
                    f"nplurals={forms.nplurals} (forms 0 to {forms.nplurals - 1}, in order)"
                )
        if len(indexes) != forms.nplurals:
            raise InputError(
                f"{label}:{start}: {len(indexes)} plural form(s), but the header's "
                f"Plural-Forms has nplurals={forms.nplurals}"
            )


def _line_of(lines: list[str], needle: str, after: int) -> int | None:
    """The number of the first line at or after index ``after`` that starts with
    ``needle`` (leading blanks and an obsolete mark aside)."""
    for index in range(after, len(lines)):
        if lines[index].lstrip().removeprefix("#~").lstrip().startswith(needle):
            return index + 1
    return None


def _header_line(po: polib.POFile) -> int | None:
    header = next((e for e in po if e.msgid == "" and not e.msgctxt), None)
    return header.linenum if header else None


def _header_language(
    raw: str, header: str, given: str | None, option: str, label: str, folding: Folding
) -> tuple[str, str | None]:
    """The language of one side, and the header's tag when folding it loses a distinction.
    --from/--to fill in what the header lacks, and must not contradict what it says."""
    tag = None
    if raw:
        try:
            tag = normalise_lang(raw)
        except InputError as exc:
            what = "source language" if header == SOURCE_HEADER else "Language"
            raise InputError(f"{label}: {what} {raw!r}: {exc}") from None
    if given:
        if tag and not compatible(tag, given):
            raise InputError(f"{label}: the header says {header}: {raw}, not {given} ({option})")
        return given, tag if tag and region_noted(tag, given) else None
    assert tag is not None  # checked by the caller
    lang, noted = folding.fold(tag)
    return lang or tag, tag if noted else None


_STRING_LINE = re.compile(
    r'(?:#~\s*)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?(".*)'
)
_CLOSED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _check_strings(text: str, label: str) -> None:
    """polib reads a string that lacks its closing quote as if it had one (and so garbles a
    header); catch it here, naming the line."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith("#~")):
            continue
        match = _STRING_LINE.fullmatch(stripped)
        if match and not _CLOSED.fullmatch(match.group(1)):
            string = match.group(1)
            problem = (
                'has an unescaped double quote inside (write \\")'
                if len(string) > 1 and string.endswith('"')
                else "is not closed by a quote on the same line"
            )
            raise InputError(f"{label}:{number}: PO syntax error: {string[:40]!r} {problem}")
        if match and "\\" in match.group(1):
            _check_escapes(match.group(1), f"{label}:{number}")


# The escapes polib reads; msgfmt also reads \a \b \f \v (control characters, refused
# as such) and octal and hex escapes, which polib would keep as literal text.
_STRING_ESCAPES = frozenset('\\"ntr')


def _check_escapes(string: str, where: str) -> None:
    for found in re.finditer(r"\\(.)", string[1:-1]):
        char = found.group(1)
        if char in _STRING_ESCAPES:
            continue
        if char in "abfv":
            problem = "is a control character, which a PO file cannot carry"
        elif char in "01234567x":
            problem = "(an octal or hex escape) is not read by sajeon: write the character"
        else:
            problem = 'is not a valid escape (use \\n, \\t, \\r, \\" or \\\\)'
        raise InputError(f"{where}: PO syntax error: '\\{char}' {problem}")


def _where(po: POFile, entry: polib.POEntry) -> str:
    return f"{po.label}:{entry.linenum}" if entry.linenum else po.label


def _usable(po: POFile, entry: polib.POEntry, *, need_translation: bool) -> bool:
    reason = None
    if entry.obsolete:
        reason = "obsolete (#~)"
    elif "fuzzy" in entry.flags:
        reason = "fuzzy (not reviewed)"
    elif need_translation and not (entry.msgstr or any(entry.msgstr_plural.values())):
        reason = "untranslated"
    elif need_translation and entry.msgstr == entry.msgid and not entry.msgid_plural:
        # msginit copies every msgid into its msgstr for English: not a translation
        reason = "msgstr is a copy of the msgid (untranslated)"
    if reason:
        po.skipped[reason] = po.skipped.get(reason, 0) + 1
        return False
    return True


def _labelled(comment: str) -> list[tuple[str, str]]:
    pairs = []
    for line in comment.split("\n"):
        label, sep, value = line.partition(": ")
        pairs.append((label, value) if sep else ("", line))
    return pairs


# What xgettext and msginit --no-translator write before anyone translates.
_NO_TRANSLATOR = ("FULL NAME", "Automatically generated")
_TEMPLATE_EMAIL = "<EMAIL@ADDRESS>"
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?\s*(?:[+-]\d{4}|Z)?")


def _header_who_when(po: POFile) -> tuple[str | None, str | None]:
    """The file's translator and date (``Last-Translator``, ``PO-Revision-Date``), for
    entries that do not say; not for sajeon's own files, whose entries say it all."""
    if po.kind:
        return None, None
    who = po.metadata.get("Last-Translator", "").replace(_TEMPLATE_EMAIL, "").strip()
    if who.startswith(_NO_TRANSLATOR):
        who = ""
    revised = po.metadata.get("PO-Revision-Date", "").strip()
    if _DAY.fullmatch(revised):
        # a date that the calendar does not have is refused, as at every door
        try:
            return who or None, check_timestamp(revised, "header PO-Revision-Date")
        except InputError as exc:
            raise InputError(f"{po.label}: {exc}") from None
    if revised and not revised.startswith("YEAR"):
        po.drop(f"header PO-Revision-Date {revised!r} (not a date)", None)
    return who or None, None


def _origin(po: POFile, entry: polib.POEntry) -> str | None:
    """Where an entry of another tool's PO comes from: its ``msgctxt`` (in sajeon's own
    files, the segment key) and its ``#:`` references."""
    parts = []
    if entry.msgctxt and not po.kind:
        parts.append(" ".join(entry.msgctxt.split()))
    references = [f"{name}:{line}" if line else name for name, line in entry.occurrences]
    if references:
        parts.append(" ".join(references))
    return "; ".join(parts) or None


def _pairs(po: POFile, entry: polib.POEntry) -> list[tuple[str, str]]:
    """The pairs an entry gives: ``msgid``/``msgstr``; for a plural entry ``msgid`` with
    ``msgstr[0]`` and ``msgid_plural`` with ``msgstr[1]`` (or with ``msgstr[0]`` when the
    language has one form, as Korean). Further forms have no source text: reported."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    forms = entry.msgstr_plural
    plural = forms.get(1) if len(forms) > 1 else forms.get(0)
    pairs = [(entry.msgid, forms.get(0, "")), (entry.msgid_plural, plural or "")]
    for index in sorted(forms):
        if index >= 2 and forms[index].strip():
            what = f"msgstr[{index}] (a plural form with no source text of its own)"
            po.drop(what, entry.linenum)
    return [(source, target) for source, target in pairs if target.strip()]


def read_memory(po: POFile) -> Iterator[tuple[str, Segment]]:
    """``(where, segment)`` for each translated, reviewed entry."""
    yielded = False
    header_who, header_day = _header_who_when(po)
    for entry in po.entries:
        if not _usable(po, entry, need_translation=True):
            continue
        where = _where(po, entry)
        values: dict[str, str] = {}
        extra: list[str] = []
        for label, value in _labelled(entry.comment):
            if label in ("Origin", "Date", "Translator", "Note") and label not in values:
                values[label] = _unescape(value, where)
            elif value or label:
                extra.append(f"{label}: {value}" if label else value)
        notes = [values.get("Note")] if values.get("Note") else []
        notes += extra
        if entry.tcomment:
            notes.append(entry.tcomment)
        notes += [
            region_note(po.originals[lang], side)
            for side, lang in (("Source", po.source_lang), ("Target", po.target_lang))
            if lang in po.originals
        ]
        for source, target in _pairs(po, entry):
            if "<" in source or "<" in target:  # HTML or OmegaT tags written as text
                source, target = inline.text_tags(source, target)
            segment = Segment(
                po.source_lang,
                po.target_lang,
                source,
                target,
                origin=values.get("Origin") or _origin(po, entry),
                date=values.get("Date") or header_day,
                translator=values.get("Translator") or header_who,
                note="\n".join(notes) or None,
            )
            try:
                cleaned = segment.cleaned()
            except InputError as exc:
                raise InputError(f"{where}: {exc}") from None
            yielded = True
            yield where, cleaned
    if not yielded:
        raise InputError(
            f"{po.label}: no translated, reviewed entry to import ({'; '.join(po.warnings())})"
        )


def _parse_term(lang: str, status: str, value: str, where: str) -> Term:
    parts = _split_bars(value)
    term = Term(lang, _unescape(parts[0], where), status)
    for part in parts[1:]:
        if part in PARTS_OF_SPEECH:
            term.pos = part
        elif part in TERM_TYPES:
            term.type = part
        elif part.startswith("from "):
            term.valid_from = part[5:]
        elif part.startswith("until "):
            term.valid_until = part[6:]
        elif part.startswith("note: "):
            term.note = _unescape(part[6:], where)
        else:
            raise InputError(f"{where}: cannot read {part!r} in the term line for {term.text!r}")
    return term


def _header_term(po: POFile, lang: str, text: str) -> Term:
    """A msgid or msgstr as a preferred term, noting the header's tag when it says more."""
    original = po.originals.get(lang)
    return Term(lang, text, "preferred", note=region_note(original) if original else None)


def _concept_id(po: POFile, entry: polib.POEntry, concept: Concept, taken: set[str]) -> str:
    """``msgctxt`` names the concept only in sajeon's own glossary PO (its header says
    X-Sajeon-Kind: glossary); another tool's msgctxt is provenance, kept as a source, and
    the entry joins a concept by its terms (glossary.merge)."""
    context = entry.msgctxt or ""
    if po.kind == "glossary" and context:
        try:
            return check_concept_id(context)
        except InputError:
            pass
    if context:
        concept.sources.append(foreign_id_source(Path(po.label).name, "msgctxt", context))
    return new_concept_id(entry.msgstr or entry.msgid, taken)


def read_glossary(
    po: POFile, *, taken_ids: set[str] | frozenset[str] = frozenset()
) -> list[Concept]:
    """Concepts from a glossary PO: sajeon's own comments give every term and field back;
    a PO from elsewhere gives msgid → msgstr as the preferred terms."""
    concepts: list[Concept] = []
    taken = set(taken_ids)
    for entry in po.entries:
        if not _usable(po, entry, need_translation=False):
            continue
        where = _where(po, entry)
        concept = Concept(id="")
        notes: list[str] = []
        terms: list[Term] = []
        for label, value in _labelled(entry.comment):
            term_label = _TERM_LABEL.fullmatch(label)
            if term_label:
                lang = normalise_lang(term_label.group("lang"))
                terms.append(_parse_term(lang, term_label.group("status"), value, where))
            elif label == "Source":
                concept.sources.append(_unescape(value, where))
            elif label in ("Domain", "Definition", "Note", "Created", "Modified", "Author"):
                setattr(concept, label.lower(), _unescape(value, where))
            elif label or value:
                notes.append(f"{label}: {value}" if label else value)
        if entry.tcomment:
            notes.append(entry.tcomment)
        if notes:
            concept.note = "\n".join(filter(None, [concept.note, *notes]))
        if not any(t.lang == po.source_lang and t.text == entry.msgid for t in terms):
            terms.insert(0, _header_term(po, po.source_lang, entry.msgid))
        if entry.msgstr and not any(
            t.lang == po.target_lang and t.text == entry.msgstr for t in terms
        ):
            terms.append(_header_term(po, po.target_lang, entry.msgstr))
        concept.terms = terms
        concept.id = _concept_id(po, entry, concept, taken)
        taken.add(concept.id)
        try:
            concepts.append(concept.cleaned())
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    return concepts
