"""sajeon's application layer: one function per thing sajeon does, each taking plain
arguments and returning a result object that holds everything there is to report.

The CLI (:mod:`sajeon.cli`) and the Datasette pages (:mod:`sajeon.web.datasette_plugin`) are
front ends over these functions: they parse options or URL parameters, call one function
and render its result; :func:`to_json` is the one serialiser of every result for both.
Documented as sajeon's Python API in docs/api.md.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from .alignment import anchors
from .alignment import review as alignment_format
from .alignment.align import Model as AlignModel
from .alignment.articles import Aligner, match_folders, read_meta_table, write_output
from .core import config as project_config
from .core import romanize as romanizer
from .core import similarity
from .core.glossary import (
    Change,
    add_terms,
    merge,
    merge_concept_into,
    remove_term,
    set_concept,
    set_term,
)
from .core.langtags import Folding, normalise_lang
from .core.model import Concept, InputError, Segment, Term, check_date
from .core.sources import canonical_url
from .engine import discover, qa, termrec, tm
from .engine import pretranslate as pretranslate_mod
from .formats import candidates as candidates_format
from .formats import csvfile, exchange, po, tmx
from .formats.article import text_argument
from .formats.furniture import load_rules
from .storage import background
from .storage.project import Project, SegmentsAdded, today
from .storage.sourcefiles import FileChanges, read_memory_file
from .storage.store import SegmentHit, Store, TermHit

__all__ = [
    "MATCH_NAMES",
    "QA_IGNORE",
    "add_segment",
    "add_term",
    "align",
    "build",
    "check",
    "check_build",
    "export",
    "extract_terms",
    "find_terms",
    "import_file",
    "init",
    "list_concepts",
    "list_terms_of_status",
    "lookup",
    "lookup_sentences",
    "merge_concepts",
    "open_project",
    "pretranslate",
    "remove_term_from",
    "romanize",
    "search_counts",
    "search_segments",
    "search_terms",
    "set_concept_fields",
    "set_term_fields",
    "show_term",
    "snapshot",
    "stats",
    "to_json",
]

#: The ignore list of accepted QA exceptions at the project root.
QA_IGNORE = "qa-ignore.tsv"
_LATIN_NAME = re.compile(r"[A-Za-z]{2,}")
#: The project config file: ``[check]`` sets each finding kind's severity, ``[romanize]``
#: the romanization style.
CONFIG = project_config.CONFIG_FILE
#: How a term hit matched its query, by :attr:`sajeon.storage.store.TermHit.match_rank`.
MATCH_NAMES = ("exact", "exact without particle", "prefix", "substring", "other")

#: Where a function reads from: a project (its database is built or refreshed first), a
#: project directory, or an open store (the Datasette plugin's read connection).
Source = Project | Store | str | Path


# ---------------------------------------------------------------------------- serialiser


def to_json(value: Any) -> Any:
    """The one serialiser of results for every front end: dataclasses become objects of
    their fields (those with ``metadata={"json": False}`` left out), paths strings,
    tuples and sets lists. A result with a ``json_data()`` method is serialised as what it
    returns; a model object with ``as_dict()`` as that."""
    if hasattr(value, "json_data"):
        return to_json(value.json_data())
    if hasattr(value, "as_dict"):
        return to_json(value.as_dict())
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in fields(value)
            if f.metadata.get("json", True)
        }
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(to_json(v) for v in value)
    return value


#: Metadata of a result field for front ends that is not part of the JSON report.
HIDDEN = {"json": False}


# ---------------------------------------------------------------------------- sources


def _str(path: Path | str | None) -> str | None:
    return str(path) if path else None


def open_project(where: Project | str | Path | None = None) -> Project:
    """The project at ``where`` (a directory), or the nearest one at or above the current
    directory."""
    if isinstance(where, Project):
        return where
    project = Project(where) if where is not None else Project.discover(None)
    return project.require()


@dataclass
class InitResult:
    root: str
    files: list[str]


def init(root: str | Path, source_lang: str = "ko", target_lang: str = "en") -> InitResult:
    """Make a new, empty project in ``root``: glossary/ and memory/ with header-only files
    (the memory file names the project's languages). Refused where a project already is."""
    project = Project.init(root, source_lang, target_lang)
    files = [project.concepts_file, project.terms_file, *project.memory_paths()]
    return InitResult(str(root), [project.relative(path) for path in files])


@contextlib.contextmanager
def _reading(source: Source, part: str) -> Iterator[Store]:
    """A store to read ``part`` ("glossary", "memory" or "all") from: the store given, or
    the project's, refreshed from those files first."""
    if isinstance(source, Store):
        yield source
        return
    project = open_project(source)
    paths = {
        "glossary": project.glossary_paths,
        "memory": project.memory_paths,
        "all": lambda: None,
    }[part]()
    with project.open_store(paths) as store:
        yield store


# ---------------------------------------------------------------------------- build / stats


@dataclass
class Duplicate:
    where: str  # file:line of the repeated pair
    first: str  # file:line where it was first seen


@dataclass
class BuildResult:
    database: str
    concepts: int
    terms: int
    segments: int
    duplicates: list[Duplicate] = field(default_factory=list)


def build(project: Project | str | Path) -> BuildResult:
    """Build the database from glossary/ and memory/ in one transaction."""
    project = open_project(project)
    report = project.build()
    return BuildResult(
        project.relative(project.db_path),
        report.concepts,
        report.terms,
        report.segments,
        [Duplicate(where, first) for where, first in report.duplicates],
    )


@dataclass
class DriftResult:
    database: str
    differences: list[str]

    @property
    def ok(self) -> bool:
        return not self.differences


def check_build(
    project: Project | str | Path, progress: Callable[[int, int], None] | None = None
) -> DriftResult:
    """Where the database and the files differ (``build --check``); nothing is written.
    ``progress(done, total)`` is called while a large memory (100,000 segments or more)
    is compared."""
    project = open_project(project)
    return DriftResult(project.relative(project.db_path), project.check(progress))


@dataclass
class StatsResult:
    concepts: int
    terms: int
    sources: int
    segments: int
    terms_by_language: dict[str, int]
    terms_by_status: dict[str, int]
    concepts_by_domain: dict[str, int]
    segments_by_pair: dict[str, int]


def stats(source: Source) -> StatsResult:
    """Counts of concepts, terms, sources and segments, and their breakdowns."""
    with _reading(source, "all") as store:
        return StatsResult(**store.stats())


# ---------------------------------------------------------------------------- glossary changes


@dataclass
class GlossaryChange:
    """What a change to the glossary did: a line for each thing, and the concepts changed
    and deleted."""

    messages: list[str]
    changed: list[str]
    deleted: list[str]


def _change(project: Project | str | Path, operation: Callable[[Any], Change]) -> GlossaryChange:
    change = open_project(project).change_glossary(operation)
    return GlossaryChange(list(change.messages), sorted(change.changed), sorted(change.deleted))


def add_term(
    project: Project | str | Path,
    text: str,
    translation: str | None = None,
    *,
    lang: str = "ko",
    to_lang: str = "en",
    concept_id: str | None = None,
    new_concept: bool = False,
    domain: str | None = None,
    definition: str | None = None,
    note: str | None = None,
    sources: Iterable[str] = (),
    author: str | None = None,
    status: str | None = None,
    pos: str | None = None,
    type: str | None = None,
    valid_from: str | None = None,
    valid_until: str | None = None,
) -> GlossaryChange:
    """Add ``text`` (and its ``translation``) as a new concept, or to ``concept_id``."""
    lang, to_lang = normalise_lang(lang), normalise_lang(to_lang)
    extra = {"pos": pos, "type": type, "valid_from": valid_from, "valid_until": valid_until}
    terms = [Term(lang, text, **extra)]
    if translation is not None:
        if to_lang == lang:
            raise InputError(f"TEXT and TRANSLATION are both {lang}; set --lang or --to")
        terms.append(Term(to_lang, translation, **extra))
    return _change(
        project,
        lambda g: add_terms(
            g,
            terms,
            status=status,
            concept_id=concept_id,
            new_concept=new_concept,
            domain=domain,
            definition=definition,
            note=note,
            sources=tuple(sources),
            author=author,
            today=today(),
        ),
    )


def set_term_fields(
    project: Project | str | Path,
    text: str,
    *,
    lang: str = "ko",
    concept_id: str | None = None,
    **changes: str | None,
) -> GlossaryChange:
    """Change a term's ``status``, ``pos``, ``type``, ``note``, ``valid_from`` or
    ``valid_until`` (None leaves a field alone, "" clears it)."""
    lang = normalise_lang(lang)
    return _change(
        project,
        lambda g: set_term(g, lang, text, concept_id=concept_id, today=today(), **changes),
    )


def remove_term_from(
    project: Project | str | Path, text: str, *, lang: str = "ko", concept_id: str | None = None
) -> GlossaryChange:
    """Remove a term, and its concept if it was the last term."""
    lang = normalise_lang(lang)
    return _change(
        project, lambda g: remove_term(g, lang, text, concept_id=concept_id, today=today())
    )


def set_concept_fields(
    project: Project | str | Path,
    concept_id: str,
    *,
    add_sources: Iterable[str] = (),
    remove_sources: Iterable[str] = (),
    **changes: str | None,
) -> GlossaryChange:
    """Change a concept's ``domain``, ``definition``, ``note`` or ``author``; add and
    remove sources."""
    return _change(
        project,
        lambda g: set_concept(
            g,
            concept_id,
            today=today(),
            add_sources=tuple(add_sources),
            remove_sources=tuple(remove_sources),
            **changes,
        ),
    )


def merge_concepts(project: Project | str | Path, concept_id: str, into_id: str) -> GlossaryChange:
    """Merge concept ``concept_id`` into ``into_id``: its terms and sources move over."""
    return _change(project, lambda g: merge_concept_into(g, concept_id, into_id, today=today()))


# ---------------------------------------------------------------------------- glossary reads


@dataclass
class ConceptsResult:
    """Concepts, as ``term show`` and ``term list`` report them (JSON: a list)."""

    concepts: list[Concept]
    source_lang: str = "ko"
    target_lang: str = "en"

    def json_data(self) -> list:
        return self.concepts


def show_term(source: Source, text_or_id: str) -> ConceptsResult:
    """Every concept holding a term ``text_or_id`` (in any language), or the concept with
    that id."""
    with _reading(source, "glossary") as store:
        ids = store.concept_ids_with_term(text_or_id)
        concepts = store.concepts(ids) if ids else [c for c in [store.concept(text_or_id)] if c]
    if not concepts:
        raise InputError(
            f"no term or concept {text_or_id!r}; try 'sajeon term search {text_or_id}'"
        )
    return ConceptsResult(concepts)


def list_concepts(
    source: Source, *, domain: str | None = None, lang: str = "ko", to_lang: str = "en"
) -> ConceptsResult:
    """Every concept (in ``domain``), to list as ``lang`` term → ``to_lang`` term."""
    with _reading(source, "glossary") as store:
        concepts = store.concepts()
    chosen = [c for c in concepts if domain is None or c.domain == domain]
    return ConceptsResult(chosen, normalise_lang(lang), normalise_lang(to_lang))


@dataclass
class TermOfStatus:
    concept: str
    term: Term
    use_instead: str | None  # the preferred term in the term's own language
    translation: str | None  # the concept's term in the target language (Korean for one)

    def json_data(self) -> dict:
        return {
            "concept": self.concept,
            **asdict(self.term),
            "use_instead": self.use_instead,
            "translation": self.translation,
        }


@dataclass
class TermsOfStatusResult:
    status: str
    terms: list[TermOfStatus]

    def json_data(self) -> list:
        return self.terms


def list_terms_of_status(
    source: Source,
    status: str,
    *,
    domain: str | None = None,
    lang: str | None = None,
    to_lang: str = "en",
) -> TermsOfStatusResult:
    """The terms of ``status`` (in ``lang``, or in every language), each with what to use
    instead, its translation and its concept."""
    concepts = list_concepts(source, domain=domain).concepts
    lang = normalise_lang(lang) if lang else None
    to_lang = normalise_lang(to_lang)
    rows = []
    for concept in concepts:
        for term in concept.terms:
            if term.status != status or (lang is not None and term.lang != lang):
                continue
            instead = concept.preferred(term.lang)
            other = concept.preferred(to_lang if term.lang != to_lang else "ko")
            rows.append(
                TermOfStatus(
                    concept.id,
                    term,
                    instead.text if instead is not None and instead is not term else None,
                    other.text if other else None,
                )
            )
    return TermsOfStatusResult(status, rows)


@dataclass
class FoundTerm:
    """A term search hit with how it matched, the concept's translation and its preferred
    term in each language."""

    hit: TermHit
    translation: str | None
    preferred: dict[str, str]

    @property
    def match(self) -> str:
        return MATCH_NAMES[self.hit.match_rank]

    def json_data(self) -> dict:
        return {
            **asdict(self.hit),
            "match": self.match,
            "translation": self.translation,
            "preferred": self.preferred,
        }


@dataclass
class TermSearchResult:
    """Term search hits, best first (JSON: the list of hits)."""

    query: str
    lang: str | None
    to_lang: str
    hits: list[FoundTerm]
    more: bool = False  # another page of hits follows
    concepts: dict[str, Concept] = field(
        default_factory=dict, metadata=HIDDEN
    )  # the hits' concepts, by id

    def json_data(self) -> list:
        return self.hits


def _lang_order(concept: Concept, first: tuple[str, ...] = ("ko", "en")) -> list[str]:
    langs = list(dict.fromkeys(t.lang for t in concept.terms))
    return sorted(langs, key=lambda lang: (first.index(lang) if lang in first else 99, lang))


def search_terms(
    source: Source,
    query: str,
    *,
    lang: str | None = None,
    to_lang: str = "en",
    limit: int = 20,
    offset: int = 0,
) -> TermSearchResult:
    """Terms matching ``query`` in any language (or ``lang``), Korean-aware, best first."""
    lang = normalise_lang(lang) if lang else None
    to_lang = normalise_lang(to_lang)
    with _reading(source, "glossary") as store:
        hits = store.search_terms(query, lang=lang, limit=limit + 1, offset=offset)
        concepts = {c.id: c for c in store.concepts(h.concept_id for h in hits[:limit])}
    found = []
    for hit in hits[:limit]:
        concept = concepts[hit.concept_id]
        other = concept.preferred(to_lang if hit.lang != to_lang else "ko")
        preferred = {
            code: t.text for code in _lang_order(concept) if (t := concept.preferred(code))
        }
        found.append(FoundTerm(hit, other.text if other else None, preferred))
    return TermSearchResult(query, lang, to_lang, found, len(hits) > limit, concepts)


def search_counts(store: Store, query: str, *, lang: str | None = None) -> dict[str, int]:
    """How many terms, concepts and segments ``query`` finds (each counted up to
    :data:`sajeon.storage.store.COUNT_CAP`)."""
    terms, concepts = store.count_terms(query, lang)
    return {
        "terms": terms,
        "concepts": concepts,
        "segments": store.count_segments_with_any([query]),
    }


# ---------------------------------------------------------------------------- memory


@dataclass
class SegmentAddResult:
    segment: Segment
    added: bool  # False: the pair was already in the memory
    path: str


def add_segment(
    project: Project | str | Path,
    source: str,
    target: str,
    *,
    source_lang: str = "ko",
    target_lang: str = "en",
    origin: str | None = None,
    date: str | None = None,
    translator: str | None = None,
    note: str | None = None,
    path: Path | str | None = None,
) -> SegmentAddResult:
    """Add one segment pair to the memory (memory/SOURCE-TARGET.tsv or ``path``)."""
    project = open_project(project)
    segment = Segment(
        normalise_lang(source_lang),
        normalise_lang(target_lang),
        source,
        target,
        origin=origin,
        date=date or today(),
        translator=translator,
        note=note,
    )
    result = project.add_segments([segment], Path(path) if path else None)
    return SegmentAddResult(segment, bool(result.added), project.relative(result.path))


@dataclass
class FoundSegment:
    id: int
    segment: Segment

    def json_data(self) -> dict:
        return {"id": self.id, **asdict(self.segment)}


@dataclass
class SegmentSearchResult:
    """Concordance hits, newest first (JSON: the list of segments)."""

    query: str
    hits: list[FoundSegment]

    def json_data(self) -> list:
        return self.hits


def search_segments(
    source: Source, query: str, *, limit: int = 20, offset: int = 0
) -> SegmentSearchResult:
    """Segment pairs whose source or target contains ``query``, newest first."""
    with _reading(source, "memory") as store:
        hits: list[SegmentHit] = store.search_segments(query, limit=limit, offset=offset)
    return SegmentSearchResult(query, [FoundSegment(h.id, h.segment) for h in hits])


# ---------------------------------------------------------------------------- import


@dataclass
class GlossaryImport:
    read: int  # concepts read from the file
    new: list[str]
    merged: list[str]
    unchanged: list[str]
    conflicts: list[str]

    def summary(self) -> str:
        return (
            f"{len(self.new)} new, {len(self.merged)} merged, {len(self.unchanged)} "
            f"unchanged, {len(self.conflicts)} conflicting"
        )


@dataclass
class MemoryImport:
    read: int
    added: int
    duplicates: int
    source_lang: str
    target_lang: str
    path: str  # the memory file, relative to the project
    duplicate_examples: list[str] = field(default_factory=list)  # sources of a few


@dataclass
class ReviewImport:
    ok: int  # links marked ok in the file
    new: int  # of them, not yet in the memory
    notes: list[str]
    imported: SegmentsReport | None = None  # None on a dry run


@dataclass
class SegmentsReport:
    """Segment pairs added to the memory from aligned articles or a review file."""

    what: str  # "confident links", "links marked ok"
    added: int
    duplicates: int
    path: str | None


@dataclass
class ImportResult:
    """What ``import_file`` did, or would do on a dry run."""

    file: str  # the file's name
    format: str  # tbx, tbx3, po, csv, tsv, omegat, tmx or review
    kind: str  # glossary, memory or review
    dry_run: bool
    warnings: list[str] = field(default_factory=list)
    glossary: GlossaryImport | None = None
    memory: MemoryImport | None = None
    review: ReviewImport | None = None


class _DryRun(Exception):
    """Raised inside a change to roll it back after reporting."""


def import_file(
    project: Project | str | Path,
    file: Path | str,
    *,
    format: str | None = None,
    as_kind: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    keep_regions: bool = False,
    memory_file: Path | str | None = None,
    maps: Iterable[str] = (),
    delimiter: str | None = None,
    synonym_separator: str | None = None,
    source_separator: str = " | ",
    domain_map: Path | str | None = None,
    canonical_sources: bool = False,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import a glossary (TBX, PO, CSV/TSV, OmegaT), a memory (TMX, PO) or a reviewed
    alignment file, choosing the format from the content and the name unless ``format``
    says. A file with an error changes nothing. ``progress`` is called with the bytes of
    a TMX file read so far."""
    project = open_project(project)
    file = Path(file)
    maps = list(maps)
    source_lang = normalise_lang(source_lang) if source_lang else None
    target_lang = normalise_lang(target_lang) if target_lang else None
    # issue 15: refused before the file is read, even on a dry run
    memory_file = project.memory_file(memory_file) if memory_file else None
    # issue 6: a reviewed alignment file (from 'sajeon align') goes into the memory
    if alignment_format.is_review_file(file):
        if source_lang or target_lang or keep_regions:
            raise InputError(
                f"{file}: --from, --to and --keep-regions do not apply to a reviewed alignment "
                "file (sajeon align wrote its languages)"
            )
        return _import_review(project, file, memory_file, dry_run=dry_run)
    label = str(file)
    fmt = exchange.sniff(file, label, format, mapped=bool(maps))
    folding = Folding(tuple(project.languages()), keep_regions)
    chosen = folding.choose(source_lang, target_lang)
    if as_kind and fmt != "po":
        kind = "a memory" if fmt == "tmx" else "a glossary"
        raise InputError(f"{file}: --as is for PO files; a {fmt.upper()} file is always {kind}")
    result = ImportResult(file.name, fmt, "glossary", dry_run)

    def glossary(incoming: list[Concept], warnings: list[str]) -> ImportResult:
        incoming, folded = exchange.fold_concepts(incoming, chosen, label)
        result.glossary = _merge_into_glossary(project, incoming, dry_run)
        result.warnings = warnings + folded
        return result

    def memory(segments, warnings: Callable[[], list[str]]) -> ImportResult:
        imported = project.import_segments(segments, path=memory_file, dry_run=dry_run)
        result.kind = "memory"
        result.memory = MemoryImport(
            imported.read,
            imported.added,
            imported.duplicates,
            imported.source_lang,
            imported.target_lang,
            project.relative(imported.path),
            [s.source for s in imported.duplicate_examples],
        )
        result.warnings = warnings()
        return result

    if fmt == "tmx":
        report = tmx.TMXRead()
        # issue 4: a large file is read in a second process while this one stores it
        segments = background.reader(
            tmx.read_tmx,
            file,
            label,
            source_lang=source_lang,
            target_lang=target_lang,
            folding=folding,
            report=report,
            progress=progress,
        )
        return memory(segments, report.warnings)
    if fmt == "po":
        po_file = po.load(
            file, label, source_lang=source_lang, target_lang=target_lang, folding=folding
        )
        if exchange.classify_po(po_file, as_kind) == "memory":
            return memory(po.read_memory(po_file), po_file.warnings)
        taken = set(project.load_glossary().concepts)
        return glossary(po.read_glossary(po_file, taken_ids=taken), po_file.warnings())
    taken = set(project.load_glossary().concepts)
    if fmt == "candidates":  # issue 13: accepted rows of a sajeon extract review file
        incoming, counts = candidates_format.read_accepted(file, label, taken)
        notes = [f"{counts['accept']} accepted, {counts['reject']} rejected, "
                 f"{counts['review']} still to review (not imported)"]  # fmt: skip
        result.format = "candidates"
        return glossary(incoming, notes)
    if fmt in ("tbx", "tbx3"):
        incoming, warnings = exchange.read_glossary_file(file, label, fmt, taken)
        return glossary(incoming, warnings)
    if fmt == "omegat":
        return glossary(csvfile.read_omegat(file, source_lang, target_lang, taken_ids=taken), [])
    warnings: list[str] = []
    if delimiter:
        delimiter = csvfile.check_delimiter(delimiter)
    else:
        delimiter, warnings = csvfile.choose_delimiter(file, {"csv": ",", "tsv": "\t"}.get(fmt))
    if not maps:  # sajeon's own spreadsheet (either layout), or an error asking for --map
        return glossary(csvfile.read_sheet(file, delimiter), warnings)
    incoming = csvfile.read_concepts(
        file,
        csvfile.Mapping.parse(maps),
        delimiter=delimiter,
        source_separator=source_separator,
        source_filter=canonical_url if canonical_sources else None,
        domain_filter=csvfile.read_domain_map(Path(domain_map)) if domain_map else None,
        taken_ids=taken,
        synonym_separator=synonym_separator,
    )
    return glossary(incoming, warnings)


def _merge_into_glossary(
    project: Project, incoming: list[Concept], dry_run: bool
) -> GlossaryImport:
    """Merge imported concepts into the glossary in one all-or-nothing change."""
    holder = {}

    def operation(glossary):
        report = merge(glossary, incoming, today=today())
        holder["report"] = report
        if dry_run:
            raise _DryRun()
        return report.change

    with contextlib.suppress(_DryRun):
        project.change_glossary(operation)
    report = holder["report"]
    return GlossaryImport(
        len(incoming), report.new, report.merged, report.unchanged, report.conflicts
    )


def _import_review(
    project: Project, file: Path, memory_file: Path | None, *, dry_run: bool = False
) -> ImportResult:
    """A reviewed alignment file: the links marked ok go into the memory, once."""
    review = alignment_format.read_review(file)
    counts = review.counts()
    segments = review.segments(("ok",))
    notes = []
    if counts["review"]:
        n = counts["review"]
        notes.append(f"{n} {'link' if n == 1 else 'links'} still marked review, not imported")
    if counts["unaligned"] + counts["skip"]:
        n = counts["unaligned"] + counts["skip"]
        notes.append(f"{n} unaligned or skipped {'row' if n == 1 else 'rows'} left out")
    if dry_run:
        keys = {s.key for s in project.load_memory().segments}
        new, imported = len({s.cleaned().key for s in segments} - keys), None
    else:
        imported = _add_segments(project, segments, memory_file, "links marked ok")
        new = imported.added
    return ImportResult(
        file.name,
        "review",
        "review",
        dry_run,
        review=ReviewImport(len(segments), new, notes, imported),
    )


def _add_segments(
    project: Project, segments: list[Segment], path: Path | None, what: str
) -> SegmentsReport:
    if not segments:
        return SegmentsReport(what, 0, 0, None)
    added: SegmentsAdded = project.add_segments(segments, path)
    return SegmentsReport(
        what, len(added.added), len(added.duplicates), project.relative(added.path)
    )


# ---------------------------------------------------------------------------- export


@dataclass
class ExportedFile:
    name: str
    kind: str
    count: int
    unit: str  # concepts, rows or segments
    written: bool  # False: already up to date


@dataclass
class ExportResult:
    directory: str  # relative to the project
    check: bool  # only checked, wrote nothing
    files: list[ExportedFile]
    removed: list[str] = field(default_factory=list)  # files no export makes any more
    stale: list[str] = field(default_factory=list)  # with check: files out of date

    @property
    def ok(self) -> bool:
        return not self.stale


def _unit(kind: str) -> str:
    if kind in ("tmx", "memory-po"):
        return "segments"
    if kind in ("csv", "tsv", "omegat"):
        return "rows"
    return "concepts"


def export(
    project: Project | str | Path,
    *,
    formats: Iterable[str] = (),
    source_lang: str = "ko",
    target_langs: Iterable[str] = (),
    directory: Path | str | None = None,
    check: bool = False,
) -> ExportResult:
    """Write the glossary and memory in every export format (or ``formats``) to exports/
    (or ``directory``); with ``check``, write nothing and report the files out of date."""
    project = open_project(project)
    kinds = list(formats)
    targets = [normalise_lang(t) for t in target_langs] or None
    files = exchange.render_exports(
        list(project.load_glossary()),
        project.load_memory().segments,
        source_lang=normalise_lang(source_lang),
        target_langs=targets,
        kinds=kinds or exchange.EXPORT_KINDS,
    )
    if not files:
        raise InputError("nothing to export: the glossary and the memory are empty")
    directory = Path(directory) if directory else project.exports_dir
    shown = project.relative(directory)
    prune = not kinds and not targets
    names = {f.name for f in files}
    if check:
        stale = exchange.stale_exports(directory, files)
        if not prune:
            stale = [n for n in stale if n in names]
        listed = [ExportedFile(f.name, f.kind, f.count, _unit(f.kind), False) for f in files]
        return ExportResult(shown, True, listed, stale=stale)
    changed = exchange.write_exports(directory, files, prune=prune)
    return ExportResult(
        shown,
        False,
        [ExportedFile(f.name, f.kind, f.count, _unit(f.kind), f.name in changed) for f in files],
        removed=[n for n in changed if n not in names],
    )


# ---------------------------------------------------------------------------- align


@dataclass
class AlignedPair:
    name: str  # the articles' file name (folders) or "SOURCE ↔ TARGET"
    links: int
    ok: int
    review: int
    unaligned: int
    dropped: int = 0  # pieces of page furniture left out (listed in the review file)

    @classmethod
    def of(cls, name: str, review: alignment_format.Review) -> AlignedPair:
        counts = review.counts()
        return cls(
            name,
            len(review.rows) - counts["dropped"],
            counts["ok"],
            counts["review"],
            counts["unaligned"],
            counts["dropped"],
        )


@dataclass
class AlignResult:
    pairs: list[AlignedPair]
    output: str | None  # the review file, or the folder of review files
    html: str | None  # the side-by-side page (one pair)
    folders: bool
    skipped: list[str] = field(default_factory=list)  # articles refused, with why
    warnings: list[str] = field(default_factory=list)  # articles without a counterpart
    imported: SegmentsReport | None = None
    review_text: str | None = field(
        default=None, metadata=HIDDEN
    )  # one pair without -o/--html: the review file

    def totals(self) -> dict[str, int]:
        return {
            key: sum(getattr(p, key) for p in self.pairs)
            for key in ("links", "ok", "review", "unaligned", "dropped")
        }


def align(
    project: Project | str | Path,
    source: Path | str,
    target: Path | str,
    *,
    output: Path | str | None = None,
    html: Path | str | None = None,
    do_import: bool = False,
    title: str | None = None,
    url: str | None = None,
    date: str | None = None,
    translator: str | None = None,
    meta_table: Path | str | None = None,
    threshold: float | None = None,
    model_path: Path | str | None = None,
    force: bool = False,
    encoding: str | None = None,
    memory_path: Path | str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> AlignResult:
    """Align a Korean article with its English translation (or two folders of them,
    pairwise by file name) into review files, and with ``do_import`` add the confident
    links to the memory. ``progress(done, total, name)`` is called per article pair."""
    project = open_project(project)
    source, target = Path(source), Path(target)
    model = AlignModel.load(Path(model_path) if model_path else None)
    if threshold is not None:
        model.threshold = threshold
    aligner = Aligner(
        model, project.load_glossary(), encoding=encoding, furniture=load_rules(project.root)
    )
    meta = {"title": title, "url": url, "date": date, "translator": translator}
    # issue 15: refused before any review file is written
    memory_path = project.memory_file(memory_path) if memory_path else None
    if source.is_dir() or target.is_dir():
        if not (source.is_dir() and target.is_dir()):
            raise InputError(f"give two files or two folders, not {source} and {target}")
        if html:
            raise InputError("--html is for one pair; folders get NAME.html beside NAME.tsv")
        table = read_meta_table(Path(meta_table)) if meta_table else {}
        return _align_folders(
            project, aligner, source, target, Path(output or "alignments"), meta, table,
            force, do_import, memory_path, progress,
        )  # fmt: skip
    review = aligner.align_files(source, target, meta, force=force).review
    if output:
        write_output(Path(output), alignment_format.format_review(review))
    if html:
        write_output(Path(html), alignment_format.render_html(review))
    pair = AlignedPair.of(f"{source.name} ↔ {target.name}", review)
    result = AlignResult(
        [pair], str(output) if output else None, str(html) if html else None, False
    )
    if not output and not html and not do_import:
        result.review_text = alignment_format.format_review(review)
    if do_import:
        result.imported = _add_segments(
            project, review.segments(("ok",)), memory_path, "confident links"
        )
    return result


def _align_folders(
    project, aligner, source_dir, target_dir, output, meta, table, force, do_import,
    memory_path, progress,
) -> AlignResult:  # fmt: skip
    pairs, lonely_sources, lonely_targets = match_folders(source_dir, target_dir)
    if not pairs:
        raise InputError(f"no articles with the same file name in {source_dir} and {target_dir}")
    output.mkdir(parents=True, exist_ok=True)
    result = AlignResult([], str(output), None, True)
    segments: list[Segment] = []
    for done, (name, source, target) in enumerate(pairs):
        if progress:
            progress(done, len(pairs), name)
        article_meta = {**meta, **{k: v for k, v in table.get(name, {}).items() if v}}
        try:
            review = aligner.align_files(source, target, article_meta, force=force).review
        except InputError as exc:
            result.skipped.append(str(exc))
            continue
        write_output(output / f"{name}.tsv", alignment_format.format_review(review))
        write_output(output / f"{name}.html", alignment_format.render_html(review))
        result.pairs.append(AlignedPair.of(name, review))
        segments += review.segments(("ok",))
    if progress:
        progress(len(pairs), len(pairs), "")
    result.warnings = [
        *(f"{p}: no translation with the same name in {target_dir}" for p in lonely_sources),
        *(f"{p}: no original with the same name in {source_dir}" for p in lonely_targets),
    ]
    if do_import:
        result.imported = _add_segments(project, segments, memory_path, "confident links")
    return result


# ---------------------------------------------------------------------------- lookup


@dataclass
class LookupResult:
    """Past translations of a text: exact matches first, then fuzzy ones, best first."""

    query: str  # the text, normalised as it was compared
    min_score: float
    source_lang: str
    target_lang: str
    matches: list[tm.Match]
    date: str | None = None
    #: with a date: the glossary terms of the text, with the renderings valid then
    terms: list[termrec.TermMatch] = field(default_factory=list)


def lookup(
    source: Source,
    text: str,
    *,
    min_score: float = tm.DEFAULT_THRESHOLD,
    limit: int = 10,
    source_lang: str = "ko",
    target_lang: str = "en",
    date: str | None = None,
) -> LookupResult:
    """Look ``text`` up in the memory as one segment; with ``date``, also the glossary
    terms of ``text`` with the renderings valid at that date (:func:`find_terms`)."""
    query = similarity.normalise(text)
    if not query:
        raise InputError("nothing to look up: TEXT is empty")
    source_lang, target_lang = normalise_lang(source_lang), normalise_lang(target_lang)
    with _reading(source, "memory") as store:
        matches = tm.lookup(
            store,
            text,
            threshold=min_score,
            limit=limit,
            source_lang=source_lang,
            target_lang=target_lang,
        )
    terms = []
    if date:
        terms = find_terms(source, text, lang=source_lang, to_lang=target_lang, date=date).terms
    return LookupResult(query, min_score, source_lang, target_lang, matches, date, terms)


@dataclass
class SentenceLookup:
    start: int
    end: int
    text: str
    query: str
    matches: list[tm.Match]

    @property
    def count(self) -> int:
        return len(self.matches)

    def json_data(self) -> dict:
        return {**{f.name: getattr(self, f.name) for f in fields(self)}, "count": self.count}


@dataclass
class SentencesLookupResult:
    """:func:`lookup` for each sentence of a text (the fuzzy-match page)."""

    query: str
    min_score: float
    source_lang: str
    target_lang: str
    count: int  # matches of every sentence
    sentences: list[SentenceLookup]


def lookup_sentences(
    source: Source,
    text: str,
    *,
    min_score: float = tm.DEFAULT_THRESHOLD,
    limit: int = 10,
    source_lang: str = "ko",
    target_lang: str = "en",
) -> SentencesLookupResult:
    """Look each sentence of ``text`` up in the memory; an empty text finds nothing."""
    source_lang, target_lang = normalise_lang(source_lang), normalise_lang(target_lang)
    query = similarity.normalise(text)
    sentences = tm.sentences_of(text, source_lang) if query else []
    with _reading(source, "memory") as store:
        found = tm.lookup_sentences(
            store,
            sentences,
            threshold=min_score,
            limit=limit,
            source_lang=source_lang,
            target_lang=target_lang,
        )
    looked = [SentenceLookup(s.start, s.end, s.text, s.query, s.matches) for s in found]
    count = sum(s.count for s in looked)
    return SentencesLookupResult(query, min_score, source_lang, target_lang, count, looked)


def sentence_count(text: str, source_lang: str = "ko") -> int:
    """How many lookups :func:`lookup_sentences` makes for ``text`` (for time limits)."""
    return len(tm.sentences_of(text, source_lang)) if similarity.normalise(text) else 0


# ---------------------------------------------------------------------------- terms in text


@dataclass
class TermsResult:
    """The glossary terms in a text, in order, with translations and warnings."""

    file: str | None  # the file the text came from, if any
    lang: str
    to: str
    terms: list[termrec.TermMatch]
    count: int
    concepts: int  # distinct concepts among the terms
    date: str | None = None  # the text's date: translations are the names valid then
    #: with ``unknown``: names and organs that look like terms but are not in the glossary
    unknown: list[discover.Unknown] | None = None


def read_text_or_file(
    words: str | Sequence[str], *, files: bool = True, what: str = "TEXT"
) -> tuple[str, str | None]:
    """The text a command's TEXT argument(s) stand for, and the file it came from: '-'
    reads standard input, several words are one text, and with ``files`` a single word
    naming a file is read (UTF-8); a word that looks like a file name but names none is
    refused (:func:`sajeon.formats.article.text_argument`)."""
    words = [words] if isinstance(words, str) else list(words)
    return text_argument(words, files=files, stdin=sys.stdin, what=what)


def find_terms(
    source: Source,
    text: str,
    *,
    lang: str = "ko",
    to_lang: str = "en",
    file: str | None = None,
    date: str | None = None,
    unknown: bool = False,
    translation: str | None = None,
) -> TermsResult:
    """The glossary terms in ``text`` (Korean-aware: particles, compounds, short terms
    only as words), each with its preferred ``to_lang`` translation and warnings; with
    ``date`` (YYYY, YYYY-MM or YYYY-MM-DD) the translations valid then, and a warning on a
    name not yet or no longer in use. With ``unknown``, also the names and organs that
    look like terms but are not in the glossary (Korean text only), each with a suggested
    English, taken from ``translation`` (the text's English) where it spells the name."""
    lang, to_lang = normalise_lang(lang), normalise_lang(to_lang)
    date = check_date(date, "date", partial=True)
    if unknown and lang.split("-")[0] != "ko":
        raise InputError(f"--unknown finds Korean names; the text's language is {lang}")
    matches: list[termrec.TermMatch] = []
    missing: list[discover.Unknown] | None = [] if unknown else None
    if text.strip():
        with _reading(source, "glossary") as store:
            recogniser = termrec.recogniser_for(store, lang, to_lang)
            matches = recogniser.find(text)
            if unknown:
                missing = discover.find_unknown(text, recogniser, translation)
            if date and matches:
                concepts_by_id = {c.id: c for c in store.concepts()}
                matches = [
                    termrec.at_date(m, concepts_by_id[m.concept_id], date, to_lang) for m in matches
                ]
    concepts = len({m.concept_id for m in matches})
    return TermsResult(file, lang, to_lang, matches, len(matches), concepts, date, missing)


# ---------------------------------------------------------------------------- extract


@dataclass
class ExtractResult:
    """Candidate glossary entries found in a memory or file, and the review file written."""

    read: str  # what was read: the project's memory or a file
    segments: int
    candidates: list[discover.Candidate]
    output: str | None  # the review file, None when not written
    source_lang: str
    target_lang: str


def _pairs_of_file(file: Path, label: str) -> tuple[list[discover.Pair], str, str]:
    """Segment pairs of a TMX, PO memory or alignment review file, with their languages."""
    if alignment_format.is_review_file(file):
        segments = alignment_format.read_review(file).segments(("ok", "review"))
        where = [f"{label}#{n}" for n in range(1, len(segments) + 1)]
    else:
        fmt = exchange.sniff(file, label)
        if fmt == "tmx":
            segments = [s[1] if isinstance(s, tuple) else s for s in tmx.read_tmx(file, label)]
        elif fmt == "po":
            segments = [s for _, s in po.read_memory(po.load(file, label))]
        else:
            raise InputError(f"{label}: extract reads a TMX, a PO memory or an alignment file")
        where = [f"{label}#{n}" for n in range(1, len(segments) + 1)]
    pairs = [
        discover.Pair(s.source, s.target, s.origin or w)
        for s, w in zip(segments, where, strict=True)
    ]
    langs = (segments[0].source_lang, segments[0].target_lang) if segments else ("ko", "en")
    return pairs, *langs


def extract_terms(
    project: Project | str | Path,
    file: Path | str | None = None,
    *,
    output: Path | str | None = None,
    limit: int | None = None,
    min_count: int = 1,
) -> ExtractResult:
    """Propose new glossary entries from the project's memory (or from ``file``: TMX, PO
    memory or an alignment review file): names and organs not in the glossary, ranked by
    how often they occur and how steadily one English accompanies them, with the segments
    as evidence. With ``output``, write the review file that ``import_file`` takes (set a
    row's status to ``accept`` to make it a concept)."""
    project = open_project(project)
    if min_count < 1:
        raise InputError(f"--min-count must be 1 or more, not {min_count}")
    if file is not None:
        file = Path(file)
        if not file.is_file():
            raise InputError(f"{file}: file not found")
        pairs, source_lang, target_lang = _pairs_of_file(file, str(file))
        read = str(file)
    else:
        pairs, langs = [], None
        for path in project.memory_paths():
            for where, segment in read_memory_file(path, project.root):
                langs = langs or (segment.source_lang, segment.target_lang)
                pairs.append(discover.Pair(segment.source, segment.target, where))
        source_lang, target_lang = langs or tuple(project.languages()[:2])
        read = "the project's memory"
    with _reading(project, "glossary") as store:
        recogniser = termrec.recogniser_for(store, source_lang, target_lang)
        found = discover.extract(pairs, recogniser)
    found = [c for c in found if c.count >= min_count][: limit or None]
    written = None
    if output is not None:
        output = Path(output)
        if output.exists() and not candidates_format.is_candidates_file(output):
            raise InputError(f"{output}: exists and is not a review file of sajeon extract")
        rows = [_candidate_row(c) for c in found]
        output.write_text(
            candidates_format.format_rows(source_lang, target_lang, rows), encoding="utf-8"
        )
        written = str(output)
    return ExtractResult(read, len(pairs), found, written, source_lang, target_lang)


_DOMAINS = {"place": "place", "person": "person", "organ": "administration"}


def _candidate_row(c: discover.Candidate) -> tuple:
    example = f"{c.evidence[0].source} ↔ {c.evidence[0].target}" if c.evidence else ""
    return (
        "review",
        c.term,
        c.english,
        _DOMAINS.get(c.kind, c.kind),
        c.count,
        c.english_count,
        f"{c.consistency:.2f}",
        c.romanized,
        "; ".join(c.alternatives),
        candidates_format.EVIDENCE_SEPARATOR.join(e.origin for e in c.evidence),
        example,
    )


# ---------------------------------------------------------------------------- romanize


@dataclass
class RomanizeResult:
    """Hangul in Latin letters, and how: the system, diacritics, style and mode used."""

    text: str
    romanized: str
    system: str
    diacritics: bool
    style: str
    name: bool  # a personal name rather than a place


def romanization_style(project: Project | str | Path | None) -> dict[str, Any]:
    """The ``[romanize]`` table of a project's sajeon.toml (system, diacritics, style), or
    nothing without a project or a table."""
    if project is None:
        return {}
    project = open_project(project)
    path = project.root / CONFIG
    if not path.is_file():
        return {}
    return romanizer.read_config(project_config.read_text(path, CONFIG), CONFIG)


def romanize(
    text: str,
    *,
    system: str | None = None,
    diacritics: bool | None = None,
    style: str | None = None,
    name: bool = False,
    project: Project | str | Path | None = None,
) -> RomanizeResult:
    """``text``'s Hangul romanized (:func:`sajeon.core.romanize.romanize`): McCune–Reischauer
    as newsrooms write North Korean names (``system="mr"``, the default) or Revised
    Romanization (``"rr"``); with ``name`` as a personal name. What is not given comes from
    the ``[romanize]`` table of ``project``'s sajeon.toml, then the defaults (MR, no
    diacritics, 시 dropped, Ri, Pak)."""
    configured = romanization_style(project)
    system = system or configured.get("system", "mr")
    diacritics = configured.get("diacritics", False) if diacritics is None else diacritics
    style = configured.get("style", "") if style is None else style
    text = text.strip()
    if not romanizer.has_hangul(text):
        raise InputError(f"nothing to romanize: no Hangul in {text.strip()[:40]!r}")
    latin = romanizer.romanize(text, system=system, diacritics=diacritics, style=style, name=name)
    return RomanizeResult(text, latin, system, diacritics, style, name)


# ---------------------------------------------------------------------------- QA check


@dataclass
class CheckResult:
    files: list[str]
    source_lang: str
    target_lang: str
    strict: bool
    report: qa.Report = field(default_factory=qa.Report, metadata=HIDDEN)
    severities: dict[str, str] = field(default_factory=lambda: dict(qa.DEFAULT_SEVERITY))

    @property
    def failed(self) -> bool:
        """Errors, or with ``strict`` warnings too: the exit status is 1."""
        return self.report.errors > 0 or (self.strict and self.report.warnings > 0)

    def json_data(self) -> dict:
        return {
            "files": self.files,
            **self.report.as_dict(),
            "severities": self.severities,
            "failed": self.failed,
        }


def check(
    project: Project | str | Path,
    files: Iterable[Path | str],
    *,
    source_lang: str = "ko",
    target_lang: str = "en",
    ignore_path: Path | str | None = None,
    no_ignore: bool = False,
    strict: bool = False,
    date: str | None = None,
    error: Iterable[str] = (),
    warn: Iterable[str] = (),
    config_path: Path | str | None = None,
    all_links: bool = False,
) -> CheckResult:
    """Check translated files (PO, TMX, bilingual TSV, alignment review files) against the
    glossary: confusable, forbidden, deprecated (also: not valid at the segment's date)
    and missing terms, and pairs that share nothing (not-a-pair), less the project's
    accepted exceptions (qa-ignore.tsv or ``ignore_path``).

    Severities come from :data:`qa.DEFAULT_SEVERITY`, the ``[check]`` table of sajeon.toml
    (or ``config_path``), then ``error``/``warn`` (kinds). ``date`` (YYYY, YYYY-MM or
    YYYY-MM-DD) is the date of every segment, over the files' own (memory date column,
    PO header, review file date). A review file's links not marked ok are checked only
    with ``all_links``."""
    project = open_project(project)
    files = [Path(f) for f in files]
    source_lang, target_lang = normalise_lang(source_lang), normalise_lang(target_lang)
    date = check_date(date, "--date", partial=True)
    config = Path(config_path) if config_path else project.root / CONFIG
    configured = {}
    if config_path or config.exists():
        if not config.is_file():
            raise InputError(f"{project.relative(config)}: file not found")
        configured = qa.read_severity_config(config, project.relative(config))
    levels = qa.severities(configured, error, warn)
    with _reading(project, "glossary") as store:
        concepts = store.concepts()
    rules = []
    if not no_ignore:
        path = Path(ignore_path) if ignore_path else project.root / QA_IGNORE
        if ignore_path or path.exists():
            rules = qa.read_ignore_list(path, project.relative(path), [c.id for c in concepts])
    units: list[qa.Unit] = []
    passed_over = 0
    for file in files:
        if alignment_format.is_review_file(file):
            linked, skipped = _review_units(file, source_lang, target_lang, all_links)
            units += linked
            passed_over += skipped
        else:
            units += qa.read_units(file, source_lang, target_lang, str(file))
    if date:
        units = [replace(unit, date=date) for unit in units]
    checker = qa.Checker(
        concepts, source_lang, target_lang, severities=levels, shared_anchors=_shared_anchors
    )
    report = checker.run(units, rules)
    report.passed_over = passed_over
    return CheckResult([str(f) for f in files], source_lang, target_lang, strict, report, levels)


def _review_units(
    path: Path, source_lang: str, target_lang: str, all_links: bool
) -> tuple[list[qa.Unit], int]:
    """The linked pairs of an alignment review file, dated with the article's date, and
    how many were passed over: only the links marked ok unless ``all_links`` (the others
    are below the aligner's threshold, and their findings are mostly its mistakes)."""
    label = str(path)
    review = alignment_format.read_review(path, label)
    langs = (normalise_lang(review.source_lang), normalise_lang(review.target_lang))
    if langs != (source_lang, target_lang):
        raise InputError(
            f"{label}: a review of {langs[0]} → {langs[1]} pairs, not {source_lang} → {target_lang}"
        )
    date = review.meta.get("date") or None
    units, skipped = [], 0
    for row in review.rows:
        if not (row.source and row.target):
            continue
        if row.status != "ok" and not all_links:
            skipped += 1
            continue
        units.append(qa.Unit(label, row.line, None, row.source, row.target, date))
    return units, skipped


def _shared_anchors(source: str, target: str) -> bool:
    """Whether a pair shares a number (5명 ↔ five) or a name written in Latin letters in
    both (NK, KCTV): the aligner's anchors, for :meth:`qa.Checker.findings`."""
    ko_numbers, ko_days, ko_months = anchors.korean_numbers(source)
    en_numbers, en_days, en_months = anchors.english_numbers(target)
    if ko_numbers & en_numbers or ko_days & en_days or ko_months & en_months:
        return True
    names = {w.casefold() for w in _LATIN_NAME.findall(source)}
    return bool(names & {w.casefold() for w in _LATIN_NAME.findall(target)})


# ---------------------------------------------------------------------------- pretranslate


@dataclass
class PretranslateResult:
    file: str
    output: str  # where the result went; "-" for the caller to print ``text``
    entries: int
    untranslated: int
    exact: int
    fuzzy: int
    text: str = field(default="", metadata=HIDDEN)  # the pre-translated PO file


def pretranslate(
    project: Project | str | Path,
    po_file: Path | str,
    *,
    output: Path | str | None = None,
    min_score: float = tm.DEFAULT_THRESHOLD,
    source_lang: str = "ko",
    target_lang: str | None = None,
    width: int = pretranslate_mod.DEFAULT_WIDTH,
) -> PretranslateResult:
    """Fill the untranslated entries of a PO file from the memory: exact matches as
    translations, fuzzy ones marked fuzzy. The result goes to ``output`` (default: the
    file itself); with ``output="-"`` nothing is written and the result holds it."""
    project = open_project(project)
    po_file = Path(po_file)
    data = po_file.read_bytes()
    text = pretranslate_mod.decode(data, str(po_file))
    with _reading(project, "memory") as store:
        filled, report = pretranslate_mod.pretranslate(
            store,
            text,
            threshold=min_score,
            source_lang=normalise_lang(source_lang),
            target_lang=normalise_lang(target_lang) if target_lang else None,
            width=width,
            label=str(po_file),
            languages=Folding(tuple(project.languages())),
        )
    destination = str(output) if output else str(po_file)
    if destination != "-":
        bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
        changes = FileChanges()
        changes.set(Path(destination), bom + filled)
        changes.commit()
    return PretranslateResult(
        str(po_file),
        destination,
        report.entries,
        report.untranslated,
        report.exact,
        report.fuzzy,
        filled,
    )


# ---------------------------------------------------------------------------- snapshot


@dataclass
class SnapshotResult:
    path: str


def snapshot(project: Project | str | Path, target: Path | str) -> SnapshotResult:
    """Write a consistent, self-contained copy of the database to ``target``."""
    project = open_project(project)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with project.open_store() as store:
        store.snapshot(target)
    return SnapshotResult(str(target))
