"""Pre-translation of a PO file from the translation memory.

Untranslated entries get the best match of their msgid: an exact match becomes the
translation; a fuzzy match at or above the threshold becomes the translation marked
``#, fuzzy``, with a translator comment giving the score and where the translation came
from, and the memory's source as the previous msgid (``#| msgid``), which Poedit and
Lokalize show as a diff. Everything else in the file is left byte for byte as it was:
polib parses the file to find the entries, and only the lines of the filled entries are
rewritten (polib's ``save`` would rewrap every line, reflow the header and touch obsolete
entries). New msgstr lines are wrapped as GNU gettext does, at 79 columns by default.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import polib

from ..core.langtags import Folding, compatible, normalise_lang
from ..core.model import InputError
from ..core.similarity import display
from ..formats import po
from ..storage.store import Store
from .tm import DEFAULT_THRESHOLD, Match, lookup

TOOL = "sajeon"
DEFAULT_WIDTH = 79


@dataclass
class Filled:
    line: int  # first line of the entry in the input
    msgid: str
    exact: bool
    score: float
    translation: str
    note: str


@dataclass
class PretranslateReport:
    entries: int = 0  # entries with a msgid (header and obsolete ones left out)
    untranslated: int = 0
    filled: list[Filled] = field(default_factory=list)

    @property
    def exact(self) -> int:
        return sum(1 for f in self.filled if f.exact)

    @property
    def fuzzy(self) -> int:
        return sum(1 for f in self.filled if not f.exact)


def decode(data: bytes, label: str) -> str:
    """The text of a UTF-8 PO file: the file is written back as UTF-8, so a header that
    names another charset is refused rather than left saying the wrong one."""
    charset = po.declared_charset(data, label)
    if charset.lower().replace("-", "").replace("_", "") != "utf8":
        raise InputError(
            f"{label}: the header says charset={charset}; pretranslate reads and writes "
            "UTF-8 (convert it with: msgconv --to-code=UTF-8)"
        )
    try:
        return data.decode("utf-8-sig") if data.startswith(b"\xef\xbb\xbf") else data.decode()
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{label}:{line}: not valid UTF-8 (sajeon reads UTF-8 PO files)") from None


def _best(matches: list[Match]) -> tuple[Match, str] | None:
    """The match to use and a note: the newest of the best, noting disagreement."""
    if not matches:
        return None
    best = matches[0]
    top = [m for m in matches if m.score == best.score]
    targets = Counter(m.target for m in top)
    note = ""
    if best.exact and len(targets) > 1:
        note = f"{len(targets)} different translations of this source in the memory"
    return best, note


def _origin(match: Match) -> str:
    parts = [p for p in (match.origin, match.date, match.translator) if p]
    return ", ".join(parts) if parts else f"segment {match.segment_id}"


def _entry_lines(entry: polib.POEntry, width: int) -> list[str]:
    return entry.__unicode__(wrapwidth=width).split("\n")


def _target_language(
    catalog: polib.POFile, given: str | None, languages: Folding | None, label: str
) -> str:
    """--to, which must not contradict the header's Language; else that Language, folded."""
    language = catalog.metadata.get("Language", "").strip()
    if not language:
        if given:
            return given
        raise InputError(f"{label}: the header has no Language; give the target language with --to")
    try:
        declared = normalise_lang(language.replace("_", "-"))
    except InputError as exc:
        raise InputError(f"{label}: header Language: {exc}") from None
    if given:
        if not compatible(declared, given):
            raise InputError(f"{label}: the header says Language: {language}, not {given} (--to)")
        return given
    return (languages or Folding()).fold(declared)[0] or declared


def pretranslate(
    store: Store,
    text: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    source_lang: str = "ko",
    target_lang: str | None = None,
    width: int = DEFAULT_WIDTH,
    label: str = "<po>",
    languages: Folding | None = None,
) -> tuple[str, PretranslateReport]:
    """``text`` (a PO file) with its untranslated entries filled; and what was done.

    The target language is ``target_lang`` (--to), else the header's Language folded into
    the project's languages (``languages``: msginit's ``en_US`` looks up ``en``)."""
    # the same reader and checks as import and check (issue 15)
    catalog = po.parse(text, label, wrapwidth=width)
    target_lang = _target_language(catalog, target_lang, languages, label)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    starts = sorted(e.linenum for e in catalog if e.linenum)
    report = PretranslateReport()
    replacements: dict[int, tuple[int, list[str]]] = {}  # first index → (end, new lines)
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        report.entries += 1
        if entry.translated() or any(entry.msgstr_plural.values()) or entry.msgstr:
            continue
        report.untranslated += 1
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        picks = []
        for source in sources:
            found = lookup(
                store,
                source,
                threshold=threshold,
                limit=20,
                source_lang=source_lang,
                target_lang=target_lang,
            )
            picks.append(_best(found))
        if not all(picks):
            continue
        matches = [p[0] for p in picks]
        notes = [p[1] for p in picks if p[1]]
        exact = all(m.exact for m in matches) and not notes
        score = min(m.score for m in matches)
        filled = polib.POEntry(
            msgid=entry.msgid,
            msgid_plural=entry.msgid_plural,
            msgctxt=entry.msgctxt,
        )
        if entry.msgid_plural:
            forms = len(entry.msgstr_plural) or 2
            filled.msgstr_plural = {
                i: matches[0].target if i == 0 else matches[-1].target for i in range(forms)
            }
        else:
            filled.msgstr = matches[0].target
        begin = entry.linenum - 1
        following = [s for s in starts if s > entry.linenum]
        end = (following[0] - 1) if following else len(lines)
        block = lines[begin:end]
        new_block = _rewrite(block, filled, entry, exact, score, matches, notes, width)
        replacements[begin] = (end, new_block)
        note = "; ".join(notes)
        report.filled.append(
            Filled(entry.linenum, entry.msgid, exact, score, matches[0].target, note)
        )
    if not replacements:
        return text, report
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i in replacements:
            end, new_block = replacements[i]
            out.extend(new_block)
            i = end
        else:
            out.append(lines[i])
            i += 1
    return newline.join(out), report


def _rewrite(
    block: list[str],
    filled: polib.POEntry,
    entry: polib.POEntry,
    exact: bool,
    score: float,
    matches: list[Match],
    notes: list[str],
    width: int,
) -> list[str]:
    """The entry's lines with the new msgstr, and for a fuzzy match its flag, a comment
    and the previous msgid; the entry's other lines (and the blank lines after it) kept."""
    rendered = _entry_lines(filled, width)
    first_msgstr = next(i for i, line in enumerate(rendered) if line.startswith("msgstr"))
    msgstr_lines = [line for line in rendered[first_msgstr:] if line]
    # Where the entry's own msgstr lines are: from the first 'msgstr' to the last string
    # continuation after it.
    start = next(i for i, line in enumerate(block) if line.startswith("msgstr"))
    stop = start + 1
    while stop < len(block) and (block[stop].startswith('"') or block[stop].startswith("msgstr[")):
        stop += 1
    new = block[:start] + msgstr_lines + block[stop:]
    if exact:
        return new
    best = matches[0]
    comment = [
        f"# {TOOL}: {display(score)}% match, from {_origin(best)}",
        *(f"# {TOOL}: {note}" for note in notes),
    ]
    keyword = next(i for i, line in enumerate(new) if line.startswith(("msgctxt", "msgid", "#|")))
    head, tail = new[:keyword], new[keyword:]
    flags = next((i for i, line in enumerate(head) if line.startswith("#,")), None)
    if flags is None:
        head.append("#, fuzzy")
    elif "fuzzy" not in entry.flags:
        head[flags] = "#, fuzzy, " + head[flags][2:].strip()
    previous = []
    if not any(line.startswith("#|") for line in tail):
        shown = polib.POEntry(msgid="x", previous_msgid=best.source)
        previous = [line for line in _entry_lines(shown, width) if line.startswith("#|")]
    return comment + head + previous + tail
