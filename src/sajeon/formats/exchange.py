"""Exports and imports in the formats translators' tools read: which files, and which reader.

``sajeon export`` writes, for each language pair of the glossary (the source language and
every other language with terms) and of the memory::

    exports/sajeon-ko-en.tbx        TBX-Basic 2008, complete (Weblate, MultiTerm, Phrase)
    exports/sajeon-ko-en-cat.tbx    TBX-Basic 2008, CAT view: the rendering to use (OmegaT)
    exports/sajeon-ko-en-tbx3.tbx   TBX-Basic v3, DCA style (ISO 30042:2019)
    exports/sajeon-ko-en.po         glossary as PO (Poedit, Lokalize, Weblate)
    exports/sajeon-ko-en.csv        spreadsheet, one row per concept (memoQ, MultiTerm,
                                    csv2tbx, Weblate; Excel: UTF-8 with BOM)
    exports/sajeon-ko-en.tsv        the same, tab-separated (LibreOffice, Google Sheets)
    exports/sajeon-ko-en.utf8       OmegaT glossary: CAT view, complete in #sajeon: lines
    exports/memory-ko-en.tmx        TMX 1.4b (every CAT tool)
    exports/memory-ko-en.po         memory as PO

Everything is derived from glossary/ and memory/ only, so exporting twice gives the same
bytes; dates in file headers are the latest dates in the data, not the time of export.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.langtags import Folding, display_name, region_note
from ..core.model import Concept, InputError, Segment, Term
from . import candidates, catview, csvfile, po, tbx, tmx, xmlsafe

EXPORT_KINDS = ("tbx", "tbx-cat", "tbx3", "po", "csv", "tsv", "omegat", "tmx", "memory-po")
IMPORT_FORMATS = ("tbx", "tbx3", "tmx", "po", "csv", "tsv", "omegat")
_MADE_BY_US = re.compile(r"(sajeon|memory)-[A-Za-z0-9-]+\.(tbx|po|csv|tsv|utf8|tmx)")


@dataclass
class ExportFile:
    name: str
    kind: str
    data: bytes
    count: int


def glossary_languages(concepts: Iterable[Concept], source_lang: str) -> list[str]:
    """Target languages: every language with terms, except the source, in name order."""
    langs = {t.lang for c in concepts for t in c.terms} - {source_lang}
    return sorted(langs)


def latest_date(values: Iterable[str | None]) -> str | None:
    return max((v for v in values if v), default=None)


def glossary_exports(
    concepts: list[Concept], source_lang: str, target_lang: str, kinds: Iterable[str]
) -> list[ExportFile]:
    """The glossary files for one language pair (concepts in id order)."""
    pair = f"{source_lang}-{target_lang}"
    langs = [source_lang, target_lang]
    chosen = [c for c in concepts if any(c.terms_in(lang) for lang in langs)]
    day = latest_date(d for c in chosen for d in (c.created, c.modified))
    names = f"{display_name(source_lang)}–{display_name(target_lang)}"
    description = f"{tbx.EXPORT_MARK}: {len(chosen)} concepts" + (
        f", last changed {day}." if day else "."
    )
    files = []
    for kind in kinds:
        if kind in ("tbx", "tbx3"):
            out = io.BytesIO()
            count = tbx.write_tbx(
                chosen,
                out,
                langs=langs,
                flavour="2008" if kind == "tbx" else "v3",
                title=f"sajeon glossary, {names}",
                description=description,
            )
            suffix = ".tbx" if kind == "tbx" else "-tbx3.tbx"
            files.append(ExportFile(f"sajeon-{pair}{suffix}", kind, out.getvalue(), count))
        elif kind == "tbx-cat":
            out = io.BytesIO()
            count = tbx.write_cat_tbx(
                catview.cat_entries(chosen, source_lang, target_lang),
                out,
                source_lang=source_lang,
                target_lang=target_lang,
                title=f"sajeon glossary for CAT tools, {names}",
                description=(
                    f"{tbx.CAT_VIEW}: for each concept the {display_name(target_lang)} "
                    "rendering to use; other usable renderings and those not to use are in "
                    f"notes. Not for import: the complete glossary is sajeon-{pair}.tbx. "
                    + description
                ),
            )
            files.append(ExportFile(f"sajeon-{pair}-cat.tbx", kind, out.getvalue(), count))
        elif kind == "po":
            out = io.BytesIO()
            count = po.write_glossary_po(
                chosen, out, source_lang=source_lang, target_lang=target_lang, day=day
            )
            files.append(ExportFile(f"sajeon-{pair}.po", kind, out.getvalue(), count))
        elif kind in ("csv", "tsv"):
            text = csvfile.write_sheet(chosen, langs, "," if kind == "csv" else "\t")
            # Excel opens a CSV as UTF-8 only when it starts with a BOM.
            data = ("\ufeff" if kind == "csv" else "").encode("utf-8") + text.encode("utf-8")
            rows = text.count("\n") - 1
            files.append(ExportFile(f"sajeon-{pair}.{kind}", kind, data, rows))
        elif kind == "omegat":
            text = csvfile.write_omegat(chosen, source_lang, target_lang)
            rows = sum(1 for line in text.splitlines() if not line.startswith("#"))
            files.append(ExportFile(f"sajeon-{pair}.utf8", kind, text.encode("utf-8"), rows))
    return files


def memory_exports(
    segments: list[Segment], source_lang: str, target_lang: str, kinds: Iterable[str]
) -> list[ExportFile]:
    pair = f"{source_lang}-{target_lang}"
    chosen = [s for s in segments if (s.source_lang, s.target_lang) == (source_lang, target_lang)]
    day = latest_date(s.date for s in chosen)
    files = []
    for kind in kinds:
        if kind == "tmx":
            out = io.BytesIO()
            count = tmx.write_tmx(chosen, out, source_lang=source_lang, creation_date=day)
            files.append(ExportFile(f"memory-{pair}.tmx", kind, out.getvalue(), count))
        elif kind == "memory-po":
            out = io.BytesIO()
            count = po.write_memory_po(
                chosen, out, source_lang=source_lang, target_lang=target_lang, day=day
            )
            files.append(ExportFile(f"memory-{pair}.po", kind, out.getvalue(), count))
    return files


def render_exports(
    concepts: list[Concept],
    segments: list[Segment],
    *,
    source_lang: str = "ko",
    target_langs: list[str] | None = None,
    kinds: Iterable[str] = EXPORT_KINDS,
) -> list[ExportFile]:
    """Every export file for the glossary and memory, in a stable order."""
    kinds = list(kinds)
    unknown = [k for k in kinds if k not in EXPORT_KINDS]
    if unknown:
        raise InputError(f"unknown export format {unknown[0]!r}: use {', '.join(EXPORT_KINDS)}")
    files: list[ExportFile] = []
    targets = target_langs or glossary_languages(concepts, source_lang)
    glossary_kinds = [k for k in kinds if k not in ("tmx", "memory-po")]
    if glossary_kinds:
        for target in targets:
            files += glossary_exports(concepts, source_lang, target, glossary_kinds)
    memory_kinds = [k for k in kinds if k in ("tmx", "memory-po")]
    if memory_kinds:
        pairs = dict.fromkeys((s.source_lang, s.target_lang) for s in segments)
        for pair in pairs:
            if target_langs and pair[1] not in target_langs:
                continue
            files += memory_exports(segments, pair[0], pair[1], memory_kinds)
    return files


def stale_exports(directory: Path, files: list[ExportFile]) -> list[str]:
    """Names of files in ``directory`` that differ from ``files``, or that sajeon made
    earlier and would not make now."""
    wanted = {f.name: f.data for f in files}
    stale = [
        name
        for name, data in wanted.items()
        if not (directory / name).exists() or (directory / name).read_bytes() != data
    ]
    if directory.is_dir():
        stale += sorted(
            p.name
            for p in directory.iterdir()
            if _MADE_BY_US.fullmatch(p.name) and p.name not in wanted
        )
    return stale


def write_exports(directory: Path, files: list[ExportFile], *, prune: bool = True) -> list[str]:
    """Write the files that changed (atomically each); with ``prune``, remove exports sajeon
    made earlier that are no longer produced. Returns the names written or removed."""
    from ..storage.sourcefiles import _write_atomic

    directory.mkdir(parents=True, exist_ok=True)
    changed = stale_exports(directory, files) if prune else [f.name for f in files]
    wanted = {f.name: f for f in files}
    for name in changed:
        if name in wanted:
            _write_atomic(directory / name, wanted[name].data)
        elif prune:
            (directory / name).unlink()
    return changed


# --------------------------------------------------------------------------- importing


def sniff(path: Path, label: str, forced: str | None = None, *, mapped: bool = False) -> str:
    """The import format of ``path``: by content for XML and PO, by extension otherwise.
    ``forced`` (from --format) is checked against the content where it can be. A ``.txt``
    or ``.tab`` file without a column mapping (``mapped``) that reads as an OmegaT glossary
    (no header, 2–3 tab-separated columns) is one: OmegaT names its glossary glossary.txt."""
    if forced is not None and forced not in IMPORT_FORMATS:
        raise InputError(f"unknown format {forced!r}: use one of {', '.join(IMPORT_FORMATS)}")
    with path.open("rb") as fh:
        head = fh.read(4096)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    is_xml = stripped.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff"))
    suffix = path.suffix.lower()
    if forced in ("tbx", "tbx3", "tmx") or (
        forced is None and (is_xml or suffix in (".tbx", ".tmx"))
    ):
        if not head.strip():
            raise InputError(f"{label}: empty file")
        root = xmlsafe.check_prolog(path, label)
        if forced == "tmx" or (forced is None and root.name == "tmx"):
            tmx.detect(path, label)
            return "tmx"
        flavour = tbx.flavour_of(root, label)
        if forced == "tbx3" and flavour != "v3":
            raise InputError(
                f"{label}: this is TBX 2008 (<martif>), not TBX v3 (<tbx>); "
                "use --format tbx or leave out --format"
            )
        if forced == "tbx" and flavour != "2008":
            raise InputError(
                f"{label}: this is TBX v3 (<tbx>), not TBX 2008 (<martif>); "
                "use --format tbx3 or leave out --format"
            )
        return "tbx3" if flavour == "v3" else "tbx"
    if forced:
        return forced
    if candidates.is_candidates_file(path):  # issue 13: the review file of sajeon extract
        return "candidates"
    if suffix in (".po", ".pot"):
        return "po"
    if suffix == ".utf8":
        return "omegat"
    if suffix == ".csv":
        return "csv"
    omegat = not mapped and csvfile.looks_like_omegat(_head_lines(head))
    if suffix in (".tab", ".txt") and omegat:
        return "omegat"
    if suffix in (".tsv", ".tab", ".txt"):
        return "tsv"
    text = stripped[:200].decode("utf-8", errors="replace")
    if re.match(r"(#|msgid |msgctxt )", text):
        return "po"
    # sajeon's own spreadsheet under another name: its header says which delimiter
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    header = first.decode("utf-8", errors="replace").rstrip("\r")
    for delimiter, name in ((",", "csv"), ("\t", "tsv")):
        if csvfile.sheet_layout(csvfile.first_record(header, delimiter)):
            return name
    if omegat:
        return "omegat"
    raise InputError(
        f"{label}: cannot tell the format from the name or the content; "
        f"give --format ({', '.join(IMPORT_FORMATS)})"
    )


def _head_lines(head: bytes) -> str:
    """The whole lines in the first bytes of a file, as text (a cut line is dropped)."""
    text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return text if len(head) < 4096 else text.rsplit("\n", 1)[0]


def read_glossary_file(
    path: Path, label: str, fmt: str, taken: set[str]
) -> tuple[list[Concept], list[str]]:
    if fmt in ("tbx", "tbx3"):
        report = tbx.TBXRead()
        concepts = list(
            tbx.read_tbx(
                path, label, expect="2008" if fmt == "tbx" else "v3", taken_ids=taken, report=report
            )
        )
        return concepts, report.warnings()
    raise InputError(f"{label}: {fmt} is not a glossary format")


def classify_po(po_file: po.POFile, as_kind: str | None) -> str:
    if as_kind:
        if po_file.kind and po_file.kind != as_kind:
            raise InputError(
                f"{po_file.label}: the header says this is a sajeon {po_file.kind} PO, "
                f"not a {as_kind}"
            )
        return as_kind
    if po_file.kind:
        return po_file.kind
    raise InputError(
        f"{po_file.label}: cannot tell whether this PO is a glossary or a memory: "
        "give --as glossary or --as memory"
    )


def fold_concepts(
    concepts: Iterable[Concept], folding: Folding, label: str
) -> tuple[list[Concept], list[str]]:
    """Concepts read from a glossary file with their terms' languages folded into the
    project's (``ko-KR`` → ``ko``; an ``en-GB`` term keeps ``Language tag: en-GB`` in its note)
    and, when --from and --to are both given, only those two languages. Returns the
    concepts and warnings for what was left out; a --from/--to the file has no term in is
    refused."""
    result: list[Concept] = []
    left_out: Counter = Counter()
    emptied = 0
    present: set[str] = set()  # languages stored
    tags: set[str] = set()  # the file's own tags
    for concept in concepts:
        folded = [(n, term, *folding.fold(term.lang)) for n, term in enumerate(concept.terms)]
        kept: list[tuple[int, Term]] = []
        # a term of a region the language does not stand for yields to the same term
        # without one (en-US and en-GB "Ministry of State Security" are one en term)
        for n, term, lang, noted in sorted(folded, key=lambda item: item[3]):
            tags.add(term.lang)
            if lang is None:
                left_out[term.lang] += 1
                continue
            present.add(lang)
            if any(t.lang == lang and t.text == term.text for _, t in kept):
                continue
            if lang != term.lang:
                note = region_note(term.lang) if noted else None
                status = term.status
                if status == "preferred" and any(
                    t.lang == lang and t.status == "preferred" for _, t in kept
                ):
                    status = "admitted"
                note = "\n".join(filter(None, [term.note, note])) or None
                term = replace(term, lang=lang, note=note, status=status)
            kept.append((n, term))
        if not kept:
            emptied += 1
            continue
        terms = [term for _, term in sorted(kept, key=lambda item: item[0])]
        if terms != concept.terms:
            concept = replace(concept, terms=terms)
        result.append(concept)
    for lang in folding.chosen:
        if lang not in present:
            raise InputError(
                f"{label}: no terms in {lang} (--from/--to); the file has terms in "
                f"{', '.join(sorted(tags)) or 'no language'}"
            )
    warnings = [
        f"left out {n} term(s) in {lang} (not --from/--to)" for lang, n in sorted(left_out.items())
    ]
    if emptied:
        langs = " or ".join(folding.chosen)
        warnings.append(f"left out {emptied} concept(s) with no term in {langs}")
    return result, warnings
