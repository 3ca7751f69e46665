"""The source files in ``glossary/`` and ``memory/``: UTF-8 TSV, one record per line.

These files are the truth; the SQLite database is built from them. The format is plain
tab-separated text with a header row, so that it diffs well in git and opens in a
spreadsheet:

``glossary/concepts.tsv``
    one line per concept: ``id domain definition note sources created modified author``
    (several sources are separated by `` | ``).
``glossary/terms.tsv``
    one line per term: ``concept lang term status pos type valid_from valid_until note``.
``memory/*.tsv``
    one line per segment pair. The first two header cells are the language tags of the
    source and target columns (``ko	en	origin	date	translator	note``), so a file holds
    one language pair and reads naturally in a spreadsheet.

Tabs, newlines and backslashes inside a value are written as ``\\t``, ``\\n`` and ``\\\\``.
Files are written sorted (glossary) or in their existing order (memory), always with LF
line ends and no BOM, so unchanged data rewrites byte-identically. A BOM or CRLF line ends
left by a spreadsheet are accepted on reading.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.model import (
    SOURCE_SEPARATOR,
    Concept,
    InputError,
    Segment,
    Term,
    check_one_preferred,
)

CONCEPT_COLUMNS = ("id", "domain", "definition", "note", "sources", "created", "modified", "author")
TERM_COLUMNS = (
    "concept",
    "lang",
    "term",
    "status",
    "pos",
    "type",
    "valid_from",
    "valid_until",
    "note",
)
SEGMENT_COLUMNS = ("origin", "date", "translator", "note")  # after the two language columns

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def escape(value: str | None) -> str:
    if value is None:
        return ""
    if "\\" not in value and "\t" not in value and "\n" not in value and "\r" not in value:
        return value  # the usual case, and fast: large imports write millions of values
    return "".join(_ESCAPES.get(ch, ch) for ch in value)


def unescape(value: str, where: str) -> str | None:
    if value == "":
        return None
    if "\\" not in value:
        return value
    return decode_escapes(value, where)


def decode_escapes(value: str, where: str, table: dict[str, str] = _UNESCAPES) -> str:
    """Undo backslash escapes: ``\\t`` → tab, and so on for every escape in ``table``."""
    out: list[str] = []
    chars = iter(value)
    for ch in chars:
        if ch != "\\":
            out.append(ch)
            continue
        nxt = next(chars, "")
        if nxt not in table:
            known = ", ".join("\\" + k for k in table)
            raise InputError(f"{where}: unknown escape '\\{nxt}' (use {known})")
        out.append(table[nxt])
    return "".join(out)


@dataclass
class Row:
    where: str  # "path:line", for error messages
    values: dict[str, str | None]


def read_rows(
    path: Path, columns: tuple[str, ...] | None, label: str
) -> tuple[list[str], list[Row]]:
    """Read a sajeon TSV file; ``columns`` (when given) is the header it must have."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{label}: file not found") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{label}:{line}: not valid UTF-8 ({exc.reason})") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise InputError(f"{label}: empty file (expected a header row)")
    header = lines[0].rstrip("\r").split("\t")
    if columns is not None and tuple(header) != columns:
        raise InputError(
            f"{label}:1: header must be {' '.join(columns)!r}, found {' '.join(header)!r}"
        )
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        where = f"{label}:{number}"
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise InputError(
                f"{where}: {len(cells)} fields, expected {len(header)} ({' '.join(header)})"
            )
        rows.append(row_of_cells(header, cells, where))
    return header, rows


def row_of_cells(header: list[str], cells: list[str], where: str) -> Row:
    """A line's cells (as many as the header's) as a :class:`Row`, escapes undone."""
    return Row(where, {h: unescape(c, where) for h, c in zip(header, cells, strict=True)})


def format_rows(header: Iterable[str], rows: Iterable[Iterable[str | None]]) -> str:
    lines = ["\t".join(header)]
    lines.extend("\t".join(escape(v) for v in row) for row in rows)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- glossary


def read_glossary(directory: Path, root: Path | None = None) -> list[Concept]:
    """Read ``concepts.tsv`` and ``terms.tsv``; every value is validated and normalised."""
    concepts_path, terms_path = directory / "concepts.tsv", directory / "terms.tsv"
    _, concept_rows = read_rows(concepts_path, CONCEPT_COLUMNS, _label(concepts_path, root))
    _, term_rows = read_rows(terms_path, TERM_COLUMNS, _label(terms_path, root))
    concepts: dict[str, Concept] = {}
    places: dict[str, str] = {}
    for row in concept_rows:
        cid = row.values["id"] or ""
        if cid in concepts:
            raise InputError(f"{row.where}: concept id {cid!r} is already defined at {places[cid]}")
        concepts[cid] = concept_from_values(row.values, row.where)
        places[cid] = row.where
    for row in term_rows:
        cid = row.values["concept"] or ""
        if cid not in concepts:
            raise InputError(f"{row.where}: concept {cid!r} is not in concepts.tsv")
        term = term_from_values(row.values, row.where)
        if concepts[cid].find_term(term.lang, term.text):
            raise InputError(
                f"{row.where}: term {term.text!r} ({term.lang}) is twice in concept {cid}"
            )
        concepts[cid].terms.append(term)
        if term.status == "preferred":
            # a hand edit that makes a second term preferred, named where it is
            try:
                check_one_preferred(concepts[cid].terms)
            except InputError as exc:
                raise InputError(f"{row.where}: concept {cid}: {exc}") from None
    result = []
    for cid, concept in concepts.items():
        if not concept.terms:
            raise InputError(f"{places[cid]}: concept {cid!r} has no terms in terms.tsv")
        concept.terms.sort(key=Term.sort_key)
        result.append(concept)
    return sorted(result, key=lambda c: c.id)


def concept_from_values(v: dict[str, str | None], where: str) -> Concept:
    """A cleaned concept (without terms) from a row in CONCEPT_COLUMNS."""
    sources = [s.strip() for s in (v["sources"] or "").split(SOURCE_SEPARATOR) if s.strip()]
    concept = Concept(
        id=v["id"] or "",
        domain=v["domain"],
        definition=v["definition"],
        note=v["note"],
        sources=sources,
        created=v["created"],
        modified=v["modified"],
        author=v["author"],
    )
    return _checked(concept.cleaned, where)


def term_from_values(v: dict[str, str | None], where: str) -> Term:
    """A cleaned term from a row in TERM_COLUMNS (the concept column is not read)."""
    term = Term(
        lang=v["lang"] or "",
        text=v["term"] or "",
        status=v["status"] or "preferred",
        pos=v["pos"],
        type=v["type"],
        note=v["note"],
        valid_from=v["valid_from"],
        valid_until=v["valid_until"],
    )
    return _checked(term.cleaned, where)


def concept_values(c: Concept) -> tuple[str | None, ...]:
    """A concept's row in CONCEPT_COLUMNS."""
    sources = SOURCE_SEPARATOR.join(c.sources) or None
    return (c.id, c.domain, c.definition, c.note, sources, c.created, c.modified, c.author)


def term_values(concept_id: str, t: Term) -> tuple[str | None, ...]:
    """A term's row in TERM_COLUMNS."""
    return (
        concept_id,
        t.lang,
        t.text,
        t.status,
        t.pos,
        t.type,
        t.valid_from,
        t.valid_until,
        t.note,
    )


def format_glossary(concepts: Iterable[Concept]) -> tuple[str, str]:
    """The text of ``concepts.tsv`` and ``terms.tsv`` for these concepts, in stable order."""
    ordered = sorted(concepts, key=lambda c: c.id)
    concept_text = format_rows(CONCEPT_COLUMNS, (concept_values(c) for c in ordered))
    term_text = format_rows(
        TERM_COLUMNS,
        (term_values(c.id, t) for c in ordered for t in sorted(c.terms, key=Term.sort_key)),
    )
    return concept_text, term_text


# --------------------------------------------------------------------------- memory


MEMORY_SUFFIX = ".tsv"
MEMORY_FILES = "memory/**/*.tsv inside the project"  # what the rule says, for messages


def memory_files(directory: Path) -> list[Path]:
    """The memory files the build reads: ``**/*.tsv`` under ``directory``. A link among them
    that leads out of ``directory`` is refused rather than skipped or followed: sajeon
    writes to memory files, and must not write outside the project (issue 15)."""
    found = sorted(p for p in directory.rglob("*" + MEMORY_SUFFIX) if p.is_file())
    for path in found:
        problem = memory_file_problem(path, directory)
        if problem:
            raise InputError(f"{path.relative_to(directory.parent).as_posix()}: {problem}")
    return found


def memory_file_problem(path: Path, directory: Path) -> str | None:
    """Why ``path`` (absolute) is not a memory file that the build of ``directory`` reads,
    or None. The one rule for every command that writes a memory file and for the build."""
    text = str(path)
    if "\x00" in text:
        return "a file name cannot hold U+0000"
    if path.suffix != MEMORY_SUFFIX:
        return f"not a {MEMORY_SUFFIX} file; memory files are {MEMORY_FILES}"
    inside = Path(os.path.normpath(text))  # memory/../../x.tsv is not under memory/
    if not inside.is_relative_to(directory) or inside == directory:
        return f"outside {directory.name}/; memory files are {MEMORY_FILES}"
    real = path.resolve()
    if not real.is_relative_to(directory.resolve()):
        return f"a link to {real}, outside {directory.name}/; memory files are {MEMORY_FILES}"
    if path.exists() and not path.is_file():
        return "not a file"
    return None


def memory_header(source_lang: str, target_lang: str) -> tuple[str, ...]:
    return (source_lang, target_lang, *SEGMENT_COLUMNS)


def read_memory_file(path: Path, root: Path | None = None) -> Iterator[tuple[str, Segment]]:
    """Yield ``(where, segment)`` for each line of one memory file, validated."""
    label = _label(path, root)
    header, rows = read_rows(path, None, label)
    if len(header) != 2 + len(SEGMENT_COLUMNS) or tuple(header[2:]) != SEGMENT_COLUMNS:
        raise InputError(
            f"{label}:1: header must be 'SOURCE_LANG TARGET_LANG {' '.join(SEGMENT_COLUMNS)}', "
            f"found {' '.join(header)!r}"
        )
    for row in rows:
        yield row.where, memory_row_segment(header, row)


def memory_row_segment(header: list[str], row: Row) -> Segment:
    """The segment of one row of a memory file with this header, checked: the one rule for
    :func:`read_memory_file` and for ``build --check``'s reader (:mod:`.drift`)."""
    source_lang, target_lang = header[0], header[1]
    v = row.values
    segment = Segment(
        source_lang=source_lang,
        target_lang=target_lang,
        source=v[source_lang] or "",
        target=v[target_lang] or "",
        origin=v["origin"],
        date=v["date"],
        translator=v["translator"],
        note=v["note"],
    )
    return _checked(segment.cleaned, row.where)


def _memory_values(segment: Segment) -> tuple[str | None, ...]:
    return (
        segment.source,
        segment.target,
        segment.origin,
        segment.date,
        segment.translator,
        segment.note,
    )


def format_memory(segments: list[Segment]) -> str:
    if not segments:
        raise ValueError("a memory file needs at least one segment")
    first = segments[0]
    return format_rows(
        memory_header(first.source_lang, first.target_lang),
        (_memory_values(s) for s in segments),
    )


def memory_line(segment: Segment) -> str:
    """One segment as a line of a memory file (for appending)."""
    return "\t".join(escape(v) for v in _memory_values(segment)) + "\n"


# --------------------------------------------------------------------------- helpers


def _label(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _checked(make, where: str):
    try:
        return make()
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileChanges:
    """New contents for several files, written all together or not at all.

    Each file is written to a temporary file beside it and moved into place with
    ``os.replace``; if anything fails, files already replaced get their old bytes back.
    """

    def __init__(self) -> None:
        self._new: dict[Path, bytes] = {}

    def set(self, path: Path, text: str) -> None:
        self._new[path] = text.encode("utf-8")

    def append(self, path: Path, text: str) -> None:
        current = self._new.get(path)
        if current is None:
            current = path.read_bytes() if path.exists() else b""
        if current and not current.endswith(b"\n"):
            current += b"\n"
        self._new[path] = current + text.encode("utf-8")

    @property
    def paths(self) -> list[Path]:
        return list(self._new)

    def changed(self) -> list[Path]:
        return [p for p, data in self._new.items() if not p.exists() or p.read_bytes() != data]

    def commit(self) -> None:
        old: dict[Path, bytes | None] = {}
        try:
            for path in self.changed():
                old[path] = path.read_bytes() if path.exists() else None
                _write_atomic(path, self._new[path])
        except BaseException:
            for path, data in old.items():
                if data is None:
                    path.unlink(missing_ok=True)
                else:
                    _write_atomic(path, data)
            raise
        self._old = old

    def rollback(self) -> None:
        """Undo a successful :meth:`commit` (used when the database commit fails after it)."""
        for path, data in getattr(self, "_old", {}).items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                _write_atomic(path, data)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private; give it the mode the file had, or the usual one.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
