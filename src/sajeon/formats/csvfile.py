"""Glossaries in CSV and TSV files, with a column mapping given by the user.

A spreadsheet glossary rarely has one row per concept: the same term shows up on several
rows with different renderings, and the same rendering for several spellings. Rows are
grouped into concepts: two rows belong to the same concept when they share the source term
or a target term within the same domain (함경북도 → "North Hamgyong Province" and
함경북도 → "North Hamgyong" become one concept with two English terms).

In each concept and language the rendering given on most rows is preferred (the first one
on a tie) and the others are admitted, unless a status column says otherwise.

sajeon's own spreadsheet export (one row per concept, below) is read back without a mapping.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import shown
from ..core.langtags import normalise_lang
from ..core.model import (
    PARTS_OF_SPEECH,
    SOURCE_SEPARATOR,
    STATUSES,
    TERM_TYPES,
    Concept,
    InputError,
    Term,
    check_choice,
    check_date,
    check_one_preferred,
    foreign_id_source,
    new_concept_id,
)
from ..core.text import fold
from ..storage import sourcefiles
from ..storage.sourcefiles import decode_escapes, escape
from . import catview

#: What a column can be mapped to, besides a language tag (a term in that language).
FIELDS = (
    "domain",
    "definition",
    "note",
    "source",
    "status",
    "pos",
    "type",
    "author",
    "id",
    "ignore",
)
#: Fields a row has one value of: two columns mapped to one of them are refused (which
#: would win?). Two definition or note columns are joined; sources and terms add up.
SINGLE_FIELDS = ("domain", "status", "pos", "type", "author", "id")
#: Fields whose values from several columns are joined, one per line.
JOINED_FIELDS = ("definition", "note")


@dataclass
class Mapping:
    """Which column holds what: ``{"korean": "ko", "english": "en", "category": "domain"}``."""

    columns: dict[str, str]
    source_lang: str = ""
    languages: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, specs: list[str]) -> Mapping:
        columns: dict[str, str] = {}
        languages: list[str] = []
        for spec in specs:
            column, sep, target = spec.rpartition("=")
            if not sep or not column.strip() or not target.strip():
                raise InputError(
                    f"column mapping {spec!r} must look like COLUMN=FIELD, e.g. korean=ko"
                )
            target = target.strip()
            if target not in FIELDS:
                try:
                    target = normalise_lang(target)
                except InputError:
                    raise InputError(
                        f"column mapping {spec!r}: {target!r} is neither a language tag nor one of "
                        f"{', '.join(FIELDS)}"
                    ) from None
                if target not in languages:  # several columns: synonyms
                    languages.append(target)
            columns[column.strip()] = target
        for name in SINGLE_FIELDS:
            mapped = [c for c, t in columns.items() if t == name]
            if len(mapped) > 1:
                raise InputError(
                    f"column mapping: {len(mapped)} columns for {name} "
                    f"({', '.join(map(repr, mapped))}); map one of them, the others to ignore"
                )
        if len(languages) < 1:
            raise InputError(
                "the column mapping names no language column (e.g. korean=ko english=en)"
            )
        return cls(columns, languages[0], languages)


DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


# --delimiter spelled as a shell makes easy: a tab is hard to type between quotes
DELIMITER_WORDS = {"\\t": "\t", "tab": "\t", "comma": ",", "semicolon": ";"}


def check_delimiter(value: str) -> str:
    """A delimiter given by the user: one character (``\\t`` or ``tab`` for a tab), and
    not a quote or a line end, which cannot separate fields."""
    delimiter = DELIMITER_WORDS.get(value.lower(), value)
    if len(delimiter) != 1:
        what = shown(value, 20)
        raise InputError(f"delimiter {what} must be one character (\\t or tab for a tab)")
    if delimiter in '"\r\n':
        raise InputError(f"delimiter {value!r} cannot be a quote or a line end")
    return delimiter


def default_delimiter(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "\t" if suffix in (".tsv", ".tab", ".txt") else "," if suffix == ".csv" else None


def sniff_delimiter(path: Path, data: str, default: str | None = None) -> str:
    """The delimiter: the one the header holds most of, the extension's (or ``default``)
    on a tie. Excel in many European locales saves "CSV" with semicolons, and memoQ's
    exports use them too."""
    default = default or default_delimiter(path)
    first = data.split("\n", 1)[0]
    counts = {d: first.count(d) for d in DELIMITER_NAMES}
    best = max(counts, key=lambda d: counts[d])
    if default and counts[best] <= counts[default]:
        return default
    return best if counts[best] else (default or "\t")


def choose_delimiter(path: Path, default: str | None) -> tuple[str, list[str]]:
    """The delimiter of ``path`` (found as above) and, when it is not the one its name
    or ``default`` suggests, a warning that says which was used."""
    delimiter = sniff_delimiter(path, _read_text(path), default)
    expected = default or default_delimiter(path)
    if expected and delimiter != expected:
        return delimiter, [
            f"read as {DELIMITER_NAMES[delimiter]}-separated: the header has more "
            f"{DELIMITER_NAMES[delimiter]}s than {DELIMITER_NAMES[expected]}s "
            "(give --delimiter to choose)"
        ]
    return delimiter, []


def read_table(
    path: Path, delimiter: str | None = None
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and ``(line, row)`` pairs of a CSV/TSV file, with clear errors for bad files.
    A column name that is in the header twice keeps its last value (see read_records)."""
    header, records = read_records(path, delimiter)
    return header, [(line, dict(zip(header, cells, strict=True))) for line, cells in records]


def read_records(
    path: Path, delimiter: str | None = None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and ``(line, cells)`` pairs, every column kept: memoQ's export repeats
    ``Korean`` for each Korean term of an entry."""
    text = _read_text(path)
    delimiter = delimiter or sniff_delimiter(path, text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:  # the header too: a quote left open makes one huge field of the whole file
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise InputError(f"{path.name}: empty file") from None
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise InputError(
                    f"{path.name}:{reader.line_num}: {len(values)} fields, "
                    f"the header has {len(header)}"
                )
            rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise _csv_error(path.name, reader.line_num, exc) from None
    return header, rows


def _csv_error(name: str, line: int, exc: csv.Error) -> InputError:
    """The csv module's error as sajeon says it: its "field larger than field limit" is
    nearly always a quote opened and never closed."""
    if "field limit" in str(exc):
        return InputError(
            f"{name}:{max(line, 1)}: a field longer than {csv.field_size_limit():,} characters "
            "(a quote left open?)"
        )
    return InputError(f"{name}:{max(line, 1)}: {exc}")


def require_rows(rows: list, name: str) -> None:
    """A glossary file with a header and nothing under it is an error, as an empty TBX,
    TMX or PO file is: importing it would report success and change nothing."""
    if not rows:
        raise InputError(f"{name}: no rows under the header: the glossary is empty")


def _read_text(path: Path) -> str:
    """A UTF-8 file's text, without a BOM (spreadsheets and editors write one)."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path.name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path.name}:{line}: not valid UTF-8 ({exc.reason}); save the file as UTF-8"
        ) from None


@dataclass
class _Row:
    line: int
    terms: dict[str, str]  # lang → text
    values: dict[str, str]
    sources: list[str]
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # lang → more terms


def read_concepts(
    path: Path,
    mapping: Mapping,
    *,
    delimiter: str | None = None,
    source_separator: str = " | ",
    source_filter: Callable[[str], str] | None = None,
    domain_filter: Callable[[str], str] | None = None,
    taken_ids: set[str] | frozenset[str] = frozenset(),
    synonym_separator: str | None = None,
) -> list[Concept]:
    """Read a CSV/TSV glossary into concepts, grouping its rows as described above.

    Every column mapped to a language gives terms in it (the first non-empty one the
    row's term, the others synonyms), and so does each part of a cell split at
    ``synonym_separator`` (``국가보위성|보위부``). Two columns mapped to definition or note
    are joined; an id column is provenance (see _concept)."""
    if not source_separator or (synonym_separator is not None and not synonym_separator):
        raise InputError("a separator of sources or synonyms cannot be empty")
    header, records = read_records(path, delimiter)
    require_rows(records, path.name)
    missing = [c for c in mapping.columns if c not in header]
    if missing:
        raise InputError(
            f"{path.name}: no column {', '.join(map(repr, missing))} (the header has "
            f"{', '.join(map(repr, header))})"
        )
    for column, target in mapping.columns.items():
        if target in SINGLE_FIELDS and header.count(column) > 1:
            raise InputError(
                f"{path.name}:1: column {column!r} is in the header {header.count(column)} "
                f"times; which one is the {target}?"
            )
    mapped = [(i, mapping.columns[h]) for i, h in enumerate(header) if h in mapping.columns]
    rows: list[_Row] = []
    for line, cells in records:
        terms: dict[str, list[str]] = {}
        values: dict[str, list[str]] = {}
        sources: list[str] = []
        for i, target in mapped:
            value = cells[i].strip()
            if not value or target == "ignore":
                continue
            if target in mapping.languages:
                parts = value.split(synonym_separator) if synonym_separator else [value]
                terms.setdefault(target, []).extend(p.strip() for p in parts if p.strip())
            elif target == "source":
                for s in value.split(source_separator):
                    if s.strip():
                        sources.append(source_filter(s.strip()) if source_filter else s.strip())
            elif target == "domain" and domain_filter:
                values[target] = [domain_filter(value)]
            else:
                values.setdefault(target, []).append(value)
        row = _row(path.name, line, terms, values, sources)
        if mapping.source_lang not in row.terms:
            raise InputError(f"{path.name}:{line}: no {mapping.source_lang} term")
        rows.append(row)
    return _group(rows, mapping, taken_ids, path.name)


def _row(
    name: str,
    line: int,
    terms: dict[str, list[str]],
    values: dict[str, list[str]],
    sources: list[str],
) -> _Row:
    """One row, checked (so that an error names its line): terms cleaned, the first of
    each language the row's term and the rest synonyms, several notes joined."""
    where = f"{name}:{line}"
    single = {k: "\n".join(dict.fromkeys(v)) for k, v in values.items()}
    if single.get("status") and single["status"] not in STATUSES:
        raise InputError(f"{where}: unknown status {single['status']!r}")
    main: dict[str, str] = {}
    synonyms: dict[str, list[str]] = {}
    for lang, texts in terms.items():
        cleaned: list[str] = []
        for text in texts:
            try:
                text = Term(lang, text).cleaned().text
            except InputError as exc:
                raise InputError(f"{where}: {exc}") from None
            if all(fold(text) != fold(other) for other in cleaned):
                cleaned.append(text)
        main[lang], synonyms[lang] = cleaned[0], cleaned[1:]
    return _Row(line, main, single, sources, synonyms)


def _group(rows: list[_Row], mapping: Mapping, taken_ids, name: str) -> list[Concept]:
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Rows with an id are the file's own entries: one per id, whatever their terms say.
    # Other rows sharing a term in a domain are one concept.
    first_with: dict[tuple, int] = {}
    for i, row in enumerate(rows):
        domain = row.values.get("domain")
        if row.values.get("id"):
            keys = [("id", row.values["id"])]
        else:
            texts = [(lang, t) for lang, t in row.terms.items()]
            texts += [(lang, t) for lang, more in row.synonyms.items() for t in more]
            keys = [(lang, fold(text), domain) for lang, text in texts]
        for key in keys:
            if key in first_with:
                parent[find(i)] = find(first_with[key])
            else:
                first_with[key] = i
    groups: dict[int, list[_Row]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[find(i)].append(row)

    taken = set(taken_ids)
    concepts = []
    for members in sorted(groups.values(), key=lambda g: g[0].line):
        concepts.append(_concept(members, mapping, taken, name))
    return concepts


def _concept(rows: list[_Row], mapping: Mapping, taken: set[str], name: str) -> Concept:
    terms: list[Term] = []
    for lang in mapping.languages:
        counts = Counter(row.terms[lang] for row in rows if lang in row.terms)
        order = {text: min(r.line for r in rows if r.terms.get(lang) == text) for text in counts}
        ranked = sorted(counts, key=lambda t: (-counts[t], order[t]))
        for rank, text in enumerate(ranked):
            explicit = next(
                (
                    r.values.get("status")
                    for r in rows
                    if r.terms.get(lang) == text and r.values.get("status")
                ),
                None,
            )
            pos = next(
                (r.values["pos"] for r in rows if r.terms.get(lang) == text and "pos" in r.values),
                None,
            )
            typ = next(
                (
                    r.values["type"]
                    for r in rows
                    if r.terms.get(lang) == text and "type" in r.values
                ),
                None,
            )
            terms.append(
                Term(
                    lang,
                    text,
                    explicit or ("preferred" if rank == 0 else "admitted"),
                    pos=pos,
                    type=typ,
                )
            )

    _one_preferred(terms, rows, name)
    for row in rows:
        # synonyms are admitted, unless the row says its terms are not to be used
        status = row.values.get("status")
        status = status if status in ("deprecated", "forbidden") else "admitted"
        for lang, texts in row.synonyms.items():
            for text in texts:
                if not any(t.lang == lang and fold(t.text) == fold(text) for t in terms):
                    terms.append(Term(lang, text, status))

    def one(field_name: str) -> str | None:
        values = list(dict.fromkeys(r.values[field_name] for r in rows if field_name in r.values))
        if len(values) > 1 and field_name in ("domain", "id"):
            lines = ", ".join(str(r.line) for r in rows)
            raise InputError(
                f"{name}: lines {lines} form one concept but give different {field_name}s {values}"
            )
        return "\n".join(values) if values else None

    sources = list(dict.fromkeys(s for r in rows for s in r.sources))
    # the file's id (memoQ's Entry_ID, a spreadsheet's numbering) is provenance only
    file_id = one("id")
    if file_id:
        sources.append(foreign_id_source(name, "id", file_id))
    label = next((t.text for t in terms if t.lang != mapping.source_lang), terms[0].text)
    concept_id = new_concept_id(label, taken)
    taken.add(concept_id)
    return Concept(
        id=concept_id,
        terms=terms,
        domain=one("domain"),
        definition=one("definition"),
        note=one("note"),
        sources=sources,
        author=one("author"),
    )


def _one_preferred(terms: list[Term], rows: list[_Row], name: str) -> None:
    """Rows of one concept whose status column makes two terms of a language preferred:
    refused at the row of the second, naming both (never left to the order of the rows)."""
    try:
        check_one_preferred(terms)
    except InputError as exc:
        seen: set[str] = set()
        for term in terms:
            if term.status == "preferred" and term.lang in seen:
                line = min(r.line for r in rows if r.terms.get(term.lang) == term.text)
                raise InputError(f"{name}:{line}: {exc}") from None
            if term.status == "preferred":
                seen.add(term.lang)
        raise


def read_domain_map(path: Path) -> Callable[[str], str]:
    """A category → domain function from a two-column TSV (``category	domain``).

    A category ending in ``*`` matches by prefix; the longest match wins. Unmapped
    categories are an error, so that no row lands in a domain nobody chose.
    """
    _, rows = read_table(path, "\t")
    exact: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for line, row in rows:
        values = list(row.values())
        if len(values) != 2:
            raise InputError(f"{path.name}:{line}: expected two columns, category and domain")
        category, domain = (v.strip() for v in values)
        if category.endswith("*"):
            prefixes.append((category[:-1], domain))
        else:
            exact[category] = domain
    prefixes.sort(key=lambda p: -len(p[0]))

    def lookup(category: str) -> str:
        if category in exact:
            return exact[category]
        for prefix, domain in prefixes:
            if category.startswith(prefix):
                return domain
        raise InputError(f"{path.name}: no domain for category {category!r}")

    return lookup


# --------------------------------------------------------------------------- issue 9: export
#
# sajeon's own spreadsheet: one row per concept, as memoQ, MultiTerm (via its converters)
# and translate-toolkit's csv2tbx import a termbase. Entry-level columns come first, then,
# per language, one group of columns per term (the layout of memoQ's own CSV export):
#
#   id domain definition note sources created modified author
#   source  ko status  ko pos  ko type  ko valid from  ko valid until  ko note
#   ko 2    ko 2 status …                                                (more ko terms)
#   target  en status  …  en 2  en 2 status …                            (en terms)
#
# The first term of a language (the preferred one) is in the column ``source`` or
# ``target``: translate-toolkit (csv2tbx, Weblate) finds the term columns by these names
# only; every other per-language column starts with the language tag, so the header says
# which language is which. There are as many groups per language as the concept with the
# most terms in that language needs; other concepts leave the extra groups empty.

#: Entry-level columns, named as in glossary/concepts.tsv.
ENTRY_COLUMNS = ("id", "domain", "definition", "note", "sources", "created", "modified", "author")
#: The fields of every term, after the term's own column.
TERM_FIELDS = ("status", "pos", "type", "valid from", "valid until", "note")
#: The columns of a language's first term: the only names translate-toolkit recognises.
ROLE_COLUMNS = ("source", "target")

#: The term-per-row layout sajeon exported until issue 9; still read, since users keep old
#: exports. One row per term, the concept's fields repeated on each of its rows.
TERM_SHEET_COLUMNS = (
    "concept",
    "domain",
    "definition",
    "concept_note",
    "sources",
    "created",
    "modified",
    "author",
    "lang",
    "term",
    "status",
    "pos",
    "type",
    "valid_from",
    "valid_until",
    "term_note",
)


@dataclass(frozen=True)
class _Group:
    """The columns of one term slot: ``ko 2`` with ``ko 2 status``, ``ko 2 pos``, …"""

    lang: str
    number: int  # 1 for the first term of the language
    term: str  # the term's column

    @property
    def fields(self) -> tuple[str, ...]:
        prefix = self.lang if self.number == 1 else f"{self.lang} {self.number}"
        return tuple(f"{prefix} {name}" for name in TERM_FIELDS)


def _groups(langs: list[str], slots: list[int]) -> list[_Group]:
    return [
        _Group(lang, n, role if n == 1 else f"{lang} {n}")
        for role, lang, count in zip(ROLE_COLUMNS, langs, slots, strict=True)
        for n in range(1, count + 1)
    ]


def sheet_columns(langs: list[str], slots: list[int]) -> tuple[str, ...]:
    """The header for ``langs`` (source, target) with ``slots`` term groups for each."""
    columns = list(ENTRY_COLUMNS)
    for group in _groups(langs, slots):
        columns += (group.term, *group.fields)
    return tuple(columns)


def write_sheet(concepts: Iterable[Concept], langs: list[str], delimiter: str) -> str:
    """The concept-per-row spreadsheet for ``langs`` (source, target). With a comma, fields
    holding a comma, a quote or a line break are quoted (RFC 4180); with a tab, tabs, line
    breaks and backslashes are written ``\\t``, ``\\n``, ``\\r``, ``\\\\`` as in sajeon's own
    TSV files, and nothing is quoted. Stable: the same concepts give the same text."""
    concepts = list(concepts)
    # at least one group per language, so that the header always has source and target
    slots = [max((len(c.terms_in(lang)) for c in concepts), default=0) or 1 for lang in langs]
    groups = _groups(langs, slots)
    line = _tsv_line if delimiter == "\t" else _csv_line
    header = sheet_columns(langs, slots)
    if delimiter == "\t":
        lines = [line(header, delimiter)]
    else:
        # Every header cell quoted: translate-toolkit (csv2tbx, Weblate) guesses the
        # delimiter with csv.Sniffer from the first 1,024 characters, which a long
        # unquoted header fills; "id","domain",… tells it the delimiter and the quote.
        lines = [delimiter.join(f'"{h}"' for h in header) + "\n"]
    for concept in concepts:
        cells = [
            concept.id,
            concept.domain or "",
            concept.definition or "",
            concept.note or "",
            SOURCE_SEPARATOR.join(concept.sources),
            concept.created or "",
            concept.modified or "",
            concept.author or "",
        ]
        terms = {lang: sorted(concept.terms_in(lang), key=Term.sort_key) for lang in langs}
        for group in groups:
            found = terms[group.lang][group.number - 1 : group.number]
            cells += _term_cells(found[0]) if found else [""] * (1 + len(TERM_FIELDS))
        lines.append(line(cells, delimiter))
    return "".join(lines)


def _term_cells(term: Term) -> list[str]:
    return [
        term.text,
        term.status,
        term.pos or "",
        term.type or "",
        term.valid_from or "",
        term.valid_until or "",
        term.note or "",
    ]


def _csv_line(fields: Iterable[str], delimiter: str) -> str:
    """One CSV/TSV record, LF-terminated; a field holding the delimiter, a quote or any line
    break (a lone CR too, which the csv module leaves unquoted) is quoted."""
    special = (delimiter, '"', "\n", "\r")
    cells = (
        '"' + f.replace('"', '""') + '"' if any(c in f for c in special) else f for f in fields
    )
    return delimiter.join(cells) + "\n"


def _tsv_line(fields: Iterable[str], delimiter: str = "\t") -> str:
    return "\t".join(escape(f) for f in fields) + "\n"


def sheet_layout(header: list[str]) -> str | None:
    """``"concepts"`` (one row per concept), ``"terms"`` (the old one row per term) or
    None when ``header`` is not a sajeon spreadsheet's."""
    if tuple(header) == TERM_SHEET_COLUMNS:
        return "terms"
    if tuple(header[: len(ENTRY_COLUMNS) + 1]) == (*ENTRY_COLUMNS, ROLE_COLUMNS[0]):
        return "concepts"
    return None


def is_sheet(header: list[str]) -> bool:
    return sheet_layout(header) is not None


def read_sheet(path: Path, delimiter: str | None = None) -> list[Concept]:
    """Read sajeon's own spreadsheet export (either layout) back into concepts, every
    field kept. Anything else is an error asking for a column mapping."""
    text = _read_text(path)
    delimiter = delimiter or sniff_delimiter(path, text)
    header = first_record(text, delimiter, path.name)
    layout = sheet_layout(header)
    if layout == "terms":
        return _read_term_rows(path, delimiter)
    if layout is None:
        raise InputError(
            f"{path}: give the column mapping, e.g. --map korean=ko --map english=en "
            f"(the columns are {', '.join(map(repr, header))})"
        )
    langs, slots = _concept_header(header, path.name)
    if delimiter == "\t":
        rows = _tsv_rows(text, header, path.name)
    else:
        _, rows = read_table(path, delimiter)
    require_rows(rows, path.name)
    seen: dict[str, int] = {}
    concepts = []
    for line, row in rows:
        concept = _concept_of_row(row, _groups(langs, slots), f"{path.name}:{line}")
        if concept.id in seen:
            raise InputError(
                f"{path.name}:{line}: concept id {concept.id!r} is also on line {seen[concept.id]}"
            )
        seen[concept.id] = line
        concepts.append(concept)
    return concepts


def first_record(text: str, delimiter: str, name: str = "<csv>") -> list[str]:
    """The header cells of a CSV/TSV text (quotes removed, spaces trimmed)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        first = next(reader, [])
    except csv.Error as exc:
        raise _csv_error(name, reader.line_num, exc) from None
    return [h.strip() for h in first]


def _concept_header(header: list[str], name: str) -> tuple[list[str], list[int]]:
    """The two languages and their numbers of term groups, from a concept-per-row header
    that must be exactly what :func:`sheet_columns` makes (so no column is misread)."""
    langs: list[str] = []
    for role in ROLE_COLUMNS:
        at = header.index(role) if role in header else -1
        status = header[at + 1] if 0 <= at < len(header) - 1 else ""
        lang = status.removesuffix(" status")
        if at < 0 or lang == status or not lang:
            raise InputError(
                f"{name}:1: a '{role}' column followed by 'LANG status' (e.g. 'ko status') "
                "is missing from the header"
            )
        try:
            normalise_lang(lang)
        except InputError as exc:
            raise InputError(f"{name}:1: column {status!r}: {exc}") from None
        langs.append(lang)
    slots = []
    for lang in langs:
        count = 1
        while f"{lang} {count + 1}" in header:
            count += 1
        slots.append(count)
    expected = sheet_columns(langs, slots)
    if tuple(header) != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(header, expected, strict=False)) if a != b),
            min(len(header), len(expected)),
        )
        found = repr(header[at]) if at < len(header) else "nothing"
        wanted = repr(expected[at]) if at < len(expected) else "nothing"
        raise InputError(
            f"{name}:1: column {at + 1} is {found}, expected {wanted} "
            "(the header of a sajeon concept-per-row spreadsheet)"
        )
    return langs, slots


_FIELD_CHECKS: dict[str, Callable[[str | None], str | None]] = {
    "status": lambda v: check_choice(v, STATUSES, "status"),
    "pos": lambda v: check_choice(v, PARTS_OF_SPEECH, "part of speech"),
    "type": lambda v: check_choice(v, TERM_TYPES, "term type"),
    "valid from": lambda v: check_date(v, "valid-from date", partial=True),
    "valid until": lambda v: check_date(v, "valid-until date", partial=True),
}


def _concept_of_row(row: dict[str, str], groups: list[_Group], where: str) -> Concept:
    terms = []
    for group in groups:
        text = row[group.term]
        values = dict(zip(TERM_FIELDS, (row[f] for f in group.fields), strict=True))
        if not text.strip():
            filled = next((f for f in group.fields if row[f].strip()), None)
            if filled:
                raise InputError(
                    f"{where}: column {filled!r} is {row[filled]!r} but column "
                    f"{group.term!r} has no term"
                )
            continue
        # checked one by one first, so that an error names the column it is in
        for name, column in zip(TERM_FIELDS, group.fields, strict=True):
            if name in _FIELD_CHECKS:
                try:
                    values[name] = _FIELD_CHECKS[name](values[name].strip() or None) or ""
                except InputError as exc:
                    raise InputError(f"{where}: column {column!r}: {exc}") from None
        # a status left empty by hand: the first term of a language is preferred
        status = values["status"] or ("preferred" if group.number == 1 else "admitted")
        term = Term(
            group.lang,
            text,
            status,
            pos=values["pos"] or None,
            type=values["type"] or None,
            valid_from=values["valid from"] or None,
            valid_until=values["valid until"] or None,
            note=values["note"] or None,
        )
        try:
            terms.append(term.cleaned())
        except InputError as exc:
            raise InputError(f"{where}: column {group.term!r}: {exc}") from None
    if not terms:
        raise InputError(f"{where}: concept {row['id']!r} has no term")
    concept = Concept(
        id=row["id"].strip(),
        terms=terms,
        domain=row["domain"] or None,
        definition=row["definition"] or None,
        note=row["note"] or None,
        sources=[s.strip() for s in row["sources"].split(SOURCE_SEPARATOR) if s.strip()],
        created=row["created"].strip() or None,
        modified=row["modified"].strip() or None,
        author=row["author"] or None,
    )
    try:
        return concept.cleaned()
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def _tsv_rows(text: str, header: list[str], name: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a TSV written with backslash escapes (no quoting: a quote is a quote)."""
    rows = []
    for number, line in enumerate(text.split("\n")[1:], start=2):
        line = line.removesuffix("\r")  # CRLF from a spreadsheet
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            raise InputError(f"{name}:{number}: {len(cells)} fields, the header has {len(header)}")
        where = f"{name}:{number}"
        values = [decode_escapes(c, where) if "\\" in c else c for c in cells]
        rows.append((number, dict(zip(header, values, strict=True))))
    return rows


def _read_term_rows(path: Path, delimiter: str | None) -> list[Concept]:
    """The old term-per-row layout: a concept's fields must repeat on each of its rows."""
    _, rows = read_table(path, delimiter)
    require_rows(rows, path.name)
    concepts: dict[str, Concept] = {}
    first_line: dict[str, int] = {}
    first_values: dict[str, tuple] = {}
    concept_fields = TERM_SHEET_COLUMNS[:8]
    for line, row in rows:
        where = f"{path.name}:{line}"
        cid = row["concept"].strip()
        values = tuple(row[c] for c in concept_fields)
        if cid not in concepts:
            sources = [s.strip() for s in row["sources"].split(SOURCE_SEPARATOR) if s.strip()]
            concepts[cid] = Concept(
                id=cid,
                domain=row["domain"] or None,
                definition=row["definition"] or None,
                note=row["concept_note"] or None,
                sources=sources,
                created=row["created"] or None,
                modified=row["modified"] or None,
                author=row["author"] or None,
            )
            first_line[cid] = line
            first_values[cid] = values
        elif first_values[cid] != values:
            raise InputError(
                f"{where}: concept {cid!r} has other concept fields than on line "
                f"{first_line[cid]} (domain, definition, note, sources, dates and author "
                "must repeat on every row of a concept)"
            )
        concepts[cid].terms.append(
            Term(
                lang=row["lang"],
                text=row["term"],
                status=row["status"] or "preferred",
                pos=row["pos"] or None,
                type=row["type"] or None,
                valid_from=row["valid_from"] or None,
                valid_until=row["valid_until"] or None,
                note=row["term_note"] or None,
            )
        )
    result = []
    for cid, concept in concepts.items():
        try:
            result.append(concept.cleaned())
        except InputError as exc:
            raise InputError(f"{path.name}:{first_line[cid]}: {exc}") from None
    return result


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- OmegaT glossary
# The .utf8 file is both OmegaT's glossary and a complete copy of the glossary. OmegaT reads
# ``source<TAB>target<TAB>comment`` lines and skips every line starting with '#'; the lines
# starting with '#sajeon:' carry each concept and its terms in the columns of
# glossary/concepts.tsv and terms.tsv (escaped the same way), so 'sajeon import' gets every
# status, date and note back. The glossary lines are the CAT view (catview.py): the one
# rendering to use, with a comment naming what else is usable and what not to use.

RECORD = "#sajeon:"
_PAIR, _CONCEPT, _TERM = "#sajeon:pair", "#sajeon:concept", "#sajeon:term"
_TERM_FIELDS = sourcefiles.TERM_COLUMNS[1:]  # a term record follows its concept's record


def write_omegat(concepts: Iterable[Concept], source_lang: str, target_lang: str) -> str:
    """OmegaT's tab-separated glossary (UTF-8): per concept, its records, then one line per
    source term that OmegaT should recognise, leading to the rendering to use."""
    langs = [source_lang, target_lang]
    lines = [
        f"# sajeon glossary for OmegaT, {source_lang} → {target_lang}: each line gives the "
        "rendering to use; its comment names the other usable ones and what not to use.",
        "# OmegaT skips lines starting with #; the #sajeon: lines are the complete glossary, "
        "for 'sajeon import'.",
        _record(_PAIR, langs),
    ]
    for concept in concepts:
        terms = sorted((t for t in concept.terms if t.lang in langs), key=Term.sort_key)
        if not terms:
            continue
        lines.append(_record(_CONCEPT, sourcefiles.concept_values(concept)))
        lines.extend(_record(_TERM, sourcefiles.term_values(concept.id, t)[1:]) for t in terms)
        entry = catview.cat_entry(concept, source_lang, target_lang)
        if entry is not None:
            lines.extend(_glossary_lines(entry))
    return "".join(line + "\n" for line in lines)


def _record(kind: str, values: Iterable[str | None]) -> str:
    return "\t".join((kind, *(sourcefiles.escape(v) for v in values)))


def _glossary_lines(entry: catview.CatEntry) -> list[str]:
    """One line per recognised source term. OmegaT shows every matching line's comment,
    so each comment says what the translator needs: about this source term first."""
    concept = entry.concept
    shared = [concept.definition, concept.note, *entry.target_notes]
    lines = []
    for term in entry.sources:
        if term.text.startswith("#"):
            continue  # OmegaT would take the line for a comment
        parts = (entry.source_notes.get(term.text), *shared)
        comment = " · ".join(_one_line(p) for p in parts if p)
        lines.append("\t".join((_one_line(term.text), _one_line(entry.target.text), comment)))
    return lines


#: First-row cells that say a tab-separated file has a header (so it is not an OmegaT
#: glossary, whose every line is a term pair).
_HEADER_WORDS = frozenset(FIELDS) | {
    "source",
    "target",
    "term",
    "translation",
    "comment",
    "comments",
    "notes",
    "original",
    "korean",
    "english",
    "한국어",
    "영어",
    "원어",
    "번역",
}


def looks_like_omegat(text: str) -> bool:
    """Whether ``text`` reads as an OmegaT glossary (``glossary.txt``): no header row,
    every line 2–3 tab-separated columns (source, target, comment), ``#`` comments."""
    lines = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    data = [line for line in lines if not line.startswith("#")]
    if not data or any(not 2 <= len(line.split("\t")) <= 3 for line in data):
        return False
    first = [cell.strip() for cell in data[0].split("\t")]
    return not all(_is_header_cell(cell) for cell in first if cell)


def _is_header_cell(cell: str) -> bool:
    folded = cell.lower()
    if folded in _HEADER_WORDS or folded.endswith((" term", " terms")):
        return True
    try:  # "ko", "en-US": a language column's name
        return cell.isascii() and len(cell) <= 12 and bool(normalise_lang(cell))
    except InputError:
        return False


def read_omegat(
    path: Path,
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    taken_ids: set[str] | frozenset[str] = frozenset(),
) -> list[Concept]:
    """An OmegaT tab-separated glossary (``source<TAB>target<TAB>comment``, no header; lines
    starting with ``#`` are comments). sajeon's own records give back whole concepts; other
    lines (a file made by hand or by OmegaT, or lines added to sajeon's) are grouped into
    concepts like any spreadsheet, with the languages ``--from``/``--to`` (default ko, en)."""
    records = _Records(path.name)
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(_read_text(path).split("\n"), start=1):
        line = line.rstrip("\r")
        if line.startswith(RECORD):
            records.add(line, f"{path.name}:{number}")
        elif line.strip() and not line.startswith("#"):
            lines.append((number, line))
    source_lang, target_lang = records.languages(source_lang, target_lang)
    concepts = records.concepts()
    # the lines sajeon wrote for its records say nothing new; any other line does
    written = {
        line
        for entry in catview.cat_entries(concepts, source_lang, target_lang)
        for line in _glossary_lines(entry)
    }
    rows = [_omegat_row(path.name, n, line, source_lang, target_lang) for n, line in lines]
    rows = [row for row, (_, line) in zip(rows, lines, strict=True) if line not in written]
    if not concepts and not rows:
        raise InputError(f"{path.name}: no glossary lines")
    if not rows:
        return concepts
    mapping = Mapping({}, source_lang, [source_lang, target_lang])
    taken = set(taken_ids) | {c.id for c in concepts}
    return concepts + _group(rows, mapping, taken, path.name)


def _omegat_row(name: str, number: int, line: str, source_lang: str, target_lang: str) -> _Row:
    cells = line.split("\t")
    if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
        raise InputError(
            f"{name}:{number}: expected source<TAB>target[<TAB>comment], found {len(cells)} "
            "field(s)"
        )
    terms = {}
    for lang, cell in ((source_lang, cells[0]), (target_lang, cells[1])):
        try:
            terms[lang] = Term(lang, cell).cleaned().text
        except InputError as exc:
            raise InputError(f"{name}:{number}: {exc}") from None
    values = {"note": "\t".join(cells[2:]).strip()} if "".join(cells[2:]).strip() else {}
    return _Row(number, terms, values, [])


class _Records:
    """The #sajeon: lines of an OmegaT glossary, checked as they are read."""

    def __init__(self, name: str):
        self.name = name
        self.pair: tuple[str, str, str] | None = None  # source, target, where
        self.found: dict[str, tuple[Concept, str]] = {}  # id → concept, where
        self.last: Concept | None = None

    def add(self, line: str, where: str) -> None:
        kind, *cells = line.split("\t")
        fields = {
            _PAIR: ("source", "target"),
            _CONCEPT: sourcefiles.CONCEPT_COLUMNS,
            _TERM: _TERM_FIELDS,
        }.get(kind)
        if fields is None:
            raise InputError(f"{where}: unknown record {kind!r} (use {_PAIR}, {_CONCEPT}, {_TERM})")
        if len(cells) != len(fields):
            raise InputError(
                f"{where}: {kind} has {len(cells)} fields, expected {len(fields)} "
                f"({' '.join(fields)})"
            )
        values = {f: sourcefiles.unescape(c, where) for f, c in zip(fields, cells, strict=True)}
        if kind == _PAIR:
            self.pair = (
                normalise_lang(values["source"] or ""),
                normalise_lang(values["target"] or ""),
                where,
            )
        elif kind == _CONCEPT:
            concept = sourcefiles.concept_from_values(values, where)
            if concept.id in self.found:
                raise InputError(
                    f"{where}: concept {concept.id!r} is already at {self.found[concept.id][1]}"
                )
            self.found[concept.id] = (concept, where)
            self.last = concept
        else:
            if self.last is None:
                raise InputError(f"{where}: a {_TERM} line must follow its {_CONCEPT} line")
            self.last.terms.append(sourcefiles.term_from_values(values, where))

    def languages(self, source: str | None, target: str | None) -> tuple[str, str]:
        """The file's language pair; --from/--to must agree with it."""
        if self.pair is None:
            return source or "ko", target or "en"
        file_source, file_target, where = self.pair
        if (source or file_source, target or file_target) != (file_source, file_target):
            raise InputError(
                f"{where}: this is a {file_source}→{file_target} glossary, not "
                f"{source or file_source}→{target or file_target}"
            )
        return file_source, file_target

    def concepts(self) -> list[Concept]:
        result = []
        for concept, where in self.found.values():
            try:
                result.append(concept.cleaned())
            except InputError as exc:
                raise InputError(f"{where}: {exc}") from None
        return result
