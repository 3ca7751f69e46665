"""Terminology QA: does each translated segment render the glossary terms of its source?

For every glossary term recognised in a segment's source (:mod:`sajeon.engine.termrec`, longest
match), the target must contain one of that concept's approved target terms (preferred or
admitted: "MSS" counts for 보위부), found as :mod:`sajeon.engine.english` finds English
terms (inflection, case, hyphens, apostrophes, brackets, reordering). Findings, per segment:

``confusable`` (error)
    the approved term is missing and the target holds a term of *another* concept that is
    easily mistaken for this one (same domain, or a shared word such as "Ministry …
    Security"): 보위부 rendered "Ministry of Social Security". Never between nested
    concepts: a term that is part of, or contains, an approved term of this concept
    ("county" and "Ongjin County") accuses nothing (:meth:`Checker._nested_concepts`).
``misspelt`` (error)
    a word sequence of the target is one or two letters away from an approved term and is
    no glossary term itself: "Onjing County" for 옹진군 (:func:`english.near_misses`).
``forbidden`` (error) / ``deprecated`` (error when no approved term is there, else a
    warning)
    the target uses a term the glossary marks forbidden or deprecated for this concept
    ("MSS" for 사회안전성, "State Security Department" for 국가보위성). A term that is
    approved for another concept of the same source is not held against it.
``missing`` (error)
    none of the concept's approved target terms is in the target.

A compound term is also satisfied by its parts: 온성군 보위부 rendered "the MSS in Onsong
County" has the approved terms of 온성군 and 보위부.

Known exceptions are listed in an ignore file (``qa-ignore.tsv`` at the project root):
a header ``source	concept	check	reason`` and one line per exception, where *source* is the
segment's source text (or ``*``), *concept* a concept id (or ``*``), *check* one of the
kinds above (or ``*``) and *reason* why it is acceptable (required).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..core import config
from ..core.langtags import normalise_lang
from ..core.model import Concept, InputError, Term, check_date, clean_input
from ..core.similarity import normalise
from ..formats import po, tmx, xmlsafe
from ..storage.sourcefiles import read_rows
from . import english
from .termrec import Recogniser, fold, is_acronym

KINDS = ("confusable", "forbidden", "deprecated", "misspelt", "missing", "not-a-pair")
#: Each kind's severity unless ``--error``/``--warn`` or the project's sajeon.toml say
#: otherwise: what fails a build is an error; an omission, normal in news English, and a
#: pair that may not be a translation at all are for a reviewer to look at.
DEFAULT_SEVERITY = {
    "confusable": "error",
    "forbidden": "error",
    "deprecated": "error",
    "misspelt": "error",
    "missing": "warning",
    "not-a-pair": "warning",
}
SEVERITIES = ("error", "warning")
NOT_A_PAIR = "not-a-pair"
IGNORE_COLUMNS = ("source", "concept", "check", "reason")
_WORD = re.compile(r"[^\W\d_]{3,}")
# Words too common in names of institutions to make two concepts confusable by themselves.
_COMMON = frozenset({"the", "and", "for", "of", "korea", "korean", "north", "south", "people"})


@dataclass
class Unit:
    """One translated segment of a checked file."""

    file: str
    line: int | None
    id: str | None  # PO msgctxt, TMX tuid
    source: str
    target: str
    date: str | None = None  # the text's date (YYYY, YYYY-MM or YYYY-MM-DD): names valid then

    @property
    def where(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place} ({self.id})" if self.id and not self.line else place


@dataclass
class Issue:
    file: str
    line: int | None
    id: str | None
    kind: str
    severity: str  # error | warning
    concept: str
    source_term: str  # as written in the source
    expected: list[str]  # the concept's approved target terms
    found: str | None  # the offending target text (forbidden, deprecated, confusable)
    found_concept: str | None  # for confusables: whose term it is
    message: str
    source: str
    target: str
    ignored: str | None = None  # the reason, when an ignore rule covers it
    rule: str = ""  # which rule produced the finding, e.g. "deprecated: not valid at 2023"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Report:
    segments: int = 0
    issues: list[Issue] = field(default_factory=list)
    unused_ignores: list[str] = field(default_factory=list)
    passed_over: int = 0  # links of an alignment review file not checked (not marked ok)

    @property
    def active(self) -> list[Issue]:
        return [i for i in self.issues if not i.ignored]

    @property
    def errors(self) -> int:
        return sum(1 for i in self.active if i.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.active if i.severity == "warning")

    def as_dict(self) -> dict:
        return {
            "segments": self.segments,
            "errors": self.errors,
            "warnings": self.warnings,
            "ignored": sum(1 for i in self.issues if i.ignored),
            "issues": [i.as_dict() for i in self.issues],
            "unused_ignores": self.unused_ignores,
            "passed_over": self.passed_over,
        }


# ---------------------------------------------------------------------------- ignore list


@dataclass
class IgnoreRule:
    where: str
    source: str  # normalised, or "*"
    concept: str
    check: str
    reason: str
    used: bool = False
    seen: bool = False  # a checked segment is the one the rule is about

    def applies_to(self, unit: Unit) -> bool:
        return self.source == "*" or self.source == normalise(unit.source)

    def covers(self, unit: Unit, issue: Issue) -> bool:
        return (
            self.applies_to(unit)
            and self.concept in ("*", issue.concept)
            and self.check in ("*", issue.kind)
        )


def read_ignore_list(path: Path, label: str, concepts: Iterable[str]) -> list[IgnoreRule]:
    """Rules from an ignore file; a bad line is an InputError naming it."""
    known = set(concepts)
    _, rows = read_rows(path, IGNORE_COLUMNS, label)
    rules = []
    for row in rows:
        values = row.values
        source, concept, check, reason = (values[c] or "" for c in IGNORE_COLUMNS)
        if not source.strip():
            raise InputError(f"{row.where}: source is empty (give the source text or *)")
        if concept != "*" and concept not in known:
            raise InputError(f"{row.where}: no concept with id {concept!r}")
        if check != "*" and check not in KINDS:
            raise InputError(f"{row.where}: unknown check {check!r}: use {', '.join(KINDS)} or *")
        if not reason.strip():
            raise InputError(f"{row.where}: give the reason for the exception")
        rules.append(
            IgnoreRule(
                row.where,
                source if source == "*" else normalise(source),
                concept,
                check,
                reason.strip(),
            )
        )
    return rules


# ---------------------------------------------------------------------------- severities


def read_severity_config(path: Path, label: str) -> dict[str, str]:
    """The ``[check]`` table of a project config file (sajeon.toml): one line per kind,
    ``missing = "error"``, ``confusable = "warning"``. Anything else is an InputError
    naming the file, the line and the value."""
    text = config.read_text(path, label)
    severities = {}
    for kind, value in config.table(text, label, "check").items():
        where = f"{label}:{config.line_of(text, kind)}: [check] {kind}"
        if kind not in DEFAULT_SEVERITY:
            raise InputError(f"{where}: unknown check: use {', '.join(DEFAULT_SEVERITY)}")
        if value not in SEVERITIES:
            raise InputError(f'{where} = {value!r}: use "error" or "warning"')
        severities[kind] = value
    return severities


def severities(
    config: dict[str, str] | None = None, error: Iterable[str] = (), warn: Iterable[str] = ()
) -> dict[str, str]:
    """Each kind's severity: the defaults, then the config file, then ``--error KIND`` and
    ``--warn KIND`` (a kind given both ways is an error)."""
    result = {**DEFAULT_SEVERITY, **(config or {})}
    for option, severity, kinds in (("--warn", "warning", warn), ("--error", "error", error)):
        for kind in kinds:
            if kind not in DEFAULT_SEVERITY:
                raise InputError(
                    f"{option} {kind!r}: unknown check: use {', '.join(DEFAULT_SEVERITY)}"
                )
            result[kind] = severity
    return result


# ---------------------------------------------------------------------------- nesting


def _nested_renderings(longest: list, overlapping: list, source_concepts: set[str]) -> set[str]:
    """Concepts rendered by an approved term inside a longer term of the target:

    * a term that ends the longer one, as its head or after "of": English compounds are
      head-final, so "Onsong County" is a county (it renders 군) and "the provincial
      branch of the Ministry of State Security" names the ministry (보위부);
    * a name inside a longer name that renders nothing else of the source: "Kumgang
      Trading Company's Onsong County office" is in Onsong County (온성군).

    A common word inside a name renders nothing ("State Affairs Commission" is not the
    state, 국가), nor does a name inside the rendering of another source term."""
    concepts = set()
    for s, e, senses in overlapping:
        around = [senses_ for ls, le, senses_ in longest if ls <= s and e <= le and le - ls > e - s]
        if not around:
            continue
        outer = around[0]
        ends = any(e == le for ls, le, _ in longest if ls <= s and e <= le)
        elsewhere = not any(c.id in source_concepts and t.approved for c, t in outer)
        for concept, term in senses:
            if term.approved and (ends or (elsewhere and not term.text.islower())):
                concepts.add(concept.id)
    return concepts


def _approved_spans(overlapping: list, concept_ids: list[str]) -> list[tuple[int, int]]:
    return [
        (s, e)
        for s, e, senses in overlapping
        if any(c.id in concept_ids and t.approved for c, t in senses)
    ]


def _not_nesting(spans: list, approved: list[tuple[int, int]]) -> list:
    """The target spans that neither contain nor lie inside an approved term of the concept
    checked: a longer term around the right one ("Onsong County" around "county", "State
    Affairs Commission" around "State") is not a confusion with it."""
    return [
        span
        for span in spans
        if not any(
            (s <= span[0] and span[1] <= e) or (span[0] <= s and e <= span[1]) for s, e in approved
        )
    ]


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` is a run of consecutive words of ``longer``."""
    n = len(shorter)
    return 0 < n <= len(longer) and any(
        longer[i : i + n] == shorter for i in range(len(longer) - n + 1)
    )


def _folded_span(start: int, end: int, positions: list[int] | None) -> tuple[int, int]:
    """A span of a text as a span of its folded form (``positions`` from :func:`fold`)."""
    if positions is None:
        return start, end
    return bisect.bisect_left(positions, start), bisect.bisect_left(positions, end)


# ---------------------------------------------------------------------------- readers


def read_units(path: Path, source_lang: str, target_lang: str, label: str) -> list[Unit]:
    """Translated segments of a PO, TMX or bilingual TSV file (by extension)."""
    if not path.is_file():
        raise InputError(f"{label}: file not found")
    suffix = path.suffix.lower()
    if suffix in (".po", ".pot"):
        return _checked_texts(_po_units(path, source_lang, target_lang, label))
    if suffix == ".tmx":
        return _checked_texts(_tmx_units(path, source_lang, target_lang, label))
    if suffix in (".tsv", ".txt", ".tab"):
        return _checked_texts(_tsv_units(path, source_lang, target_lang, label))
    raise InputError(f"{label}: unknown file type {suffix or '(none)'!r}: use .po, .tmx or .tsv")


def _checked_texts(units: Iterable[Unit]) -> list[Unit]:
    """The units with their texts checked as every text sajeon reads is (control
    characters refused, invisible characters read through: :func:`clean_input`)."""
    checked = []
    for unit in units:
        if not (unit.source.strip() and unit.target.strip()):
            checked.append(unit)  # blank: nothing to check, as before
            continue
        source = clean_input(unit.source, f"{unit.where}: source text")
        target = clean_input(unit.target, f"{unit.where}: target text")
        checked.append(replace(unit, source=source, target=target))
    return checked


def _po_units(path: Path, source_lang: str, target_lang: str, label: str) -> Iterator[Unit]:
    # The PO reader of the exchange formats: encoding, syntax and header checks with lines.
    catalog = po.load(path, label, source_lang=source_lang, target_lang=target_lang)
    date = po_header_date(catalog.metadata, label)
    for entry in catalog.entries:
        if entry.obsolete or not entry.msgid or entry.fuzzy:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
            pairs = [(entry.msgid, forms[0] if forms else "")]
            pairs += [(entry.msgid_plural, f) for f in forms[1:]]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, target in pairs:
            if target:
                yield Unit(label, entry.linenum, entry.msgctxt, source, target, date)


_PO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})")


def po_header_date(metadata: dict[str, str], label: str = "") -> str | None:
    """The date of a PO file's text: ``POT-Creation-Date`` (when the source was taken,
    the closest to the article's own date), else ``PO-Revision-Date``. Template values
    (YEAR-MO-DA) and the 1970-01-01 that sajeon writes for "no date" are no date; a value
    that is no date at all is skipped as gettext's tools skip it, but a day the calendar
    does not have (2021-02-29) is refused, as at every door."""
    for key in ("POT-Creation-Date", "PO-Revision-Date"):
        match = _PO_DATE.match(metadata.get(key) or "")
        if match and match.group(1) != "1970-01-01":
            try:
                return check_date(match.group(1), f"header {key}")
            except InputError as exc:
                raise InputError(f"{label}: {exc}" if label else str(exc)) from None
    return None


def _lang_matches(tag: str | None, wanted: str) -> bool:
    if not tag:
        return False
    try:
        tag = normalise_lang(tag)
    except InputError:
        return False
    return tag == wanted or tag.split("-")[0] == wanted.split("-")[0]


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tmx_units(path: Path, source_lang: str, target_lang: str, label: str) -> Iterator[Unit]:
    # The TMX reader's safe, streaming parser; units in other languages are passed over.
    tmx.detect(path, label)
    for tu in xmlsafe.iterparse(path, label, ("tu",)):
        # the dates are not used (the texts' date is --date) but are checked as import does
        tmx.check_unit_dates(tu, f"{label}:{tu.sourceline}")
        texts: dict[str, str] = {}
        for tuv in tu.iterfind("tuv"):
            lang = tuv.get(_XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if seg is None:
                continue
            for wanted in (source_lang, target_lang):
                if wanted not in texts and _lang_matches(lang, wanted):
                    texts[wanted] = tmx.seg_text(seg)
        if texts.get(source_lang) and texts.get(target_lang):
            yield Unit(label, tu.sourceline, tu.get("tuid"), texts[source_lang], texts[target_lang])


def _tsv_units(path: Path, source_lang: str, target_lang: str, label: str) -> Iterator[Unit]:
    """A TSV whose header names the languages of its first two columns (as memory/*.tsv):
    the source language's column is the source, whichever order they are in."""
    header, rows = read_rows(path, None, label)
    langs = []
    for cell in header[:2]:
        try:
            langs.append(normalise_lang(cell))
        except InputError:
            langs.append(None)
    if len(header) < 2 or source_lang not in langs or target_lang not in langs:
        raise InputError(
            f"{label}:1: the header must name the languages of the first two columns "
            f"({source_lang} and {target_lang}), found {' '.join(header[:2])!r}"
        )
    source_col, target_col = header[langs.index(source_lang)], header[langs.index(target_lang)]
    for row in rows:
        source, target = row.values[source_col], row.values[target_col]
        if source and target:
            line = int(row.where.rsplit(":", 1)[1])
            # The memory's date column: the names valid when the text was written.
            date = check_date(row.values.get("date"), f"{row.where}: date", partial=True)
            yield Unit(label, line, None, source, target, date)


# ---------------------------------------------------------------------------- checking


def _content_words(texts: Iterable[str]) -> set[str]:
    """The words of ``texts`` that can tell two terms apart (case folded, no "the", "of",
    "North"…)."""
    return {w.casefold() for text in texts for w in _WORD.findall(text)} - _COMMON


def _words(concept: Concept, lang: str) -> set[str]:
    return _content_words(t.text for t in concept.terms_in(lang))


def _is_name(concept: Concept, lang: str) -> bool:
    """Whether the concept is named rather than described: a proper noun, or in a language
    with capitals an approved term that starts with one (Onsong County, Ministry of State
    Security; not jangmadang or traders)."""
    terms = [t for t in concept.terms_in(lang) if t.approved]
    if any(t.pos == "properNoun" for t in terms):
        return True
    cased = [
        t.text[0] for t in terms if t.text[:1].isalpha() and t.text[0].lower() != t.text[0].upper()
    ]
    return not cased or any(c.isupper() for c in cased)  # a script without case: as before


def _implied_places(source_spans: list, source: str, rendered: set[str]) -> set[str]:
    """Places a Korean address names before a smaller place that the target renders
    (함경북도 온성군 → "Onsong County"): news English drops the province or city there, so
    leaving it out is no omission. Only a place directly followed by another place counts."""
    implied = set()
    for (_, end, senses), (start, _, after) in itertools.pairwise(source_spans):
        if source[end:start].strip():
            continue
        if all(c.domain == "place" for c, _ in senses) and any(
            c.domain == "place" and c.id in rendered for c, _ in after
        ):
            implied.update(c.id for c, _ in senses)
    return implied


def _blank(text: str, spans: list) -> str:
    """``text`` with the recognised terms' spans replaced by spaces."""
    chars = list(text)
    for start, end, _ in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


class Checker:
    """Checks segments against one glossary in one direction."""

    def __init__(
        self,
        concepts: Iterable[Concept],
        source_lang: str = "ko",
        target_lang: str = "en",
        *,
        severities: dict[str, str] | None = None,
        shared_anchors: Callable[[str, str], bool] | None = None,
    ):
        concepts = list(concepts)
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.severities = {**DEFAULT_SEVERITY, **(severities or {})}
        #: whether a source and a target share a number or a name (from the aligner's
        #: anchors, which live in a higher layer); shared glossary concepts are seen here
        self.shared_anchors = shared_anchors
        self.concepts = {c.id: c for c in concepts}
        self.source = Recogniser(concepts, source_lang, target_lang)
        self.target = Recogniser(concepts, target_lang, source_lang)

    def confusable(self, concept: Concept, other: Concept) -> bool:
        """Whether a translator could put ``other``'s term where ``concept``'s belongs: a
        shared word in their target terms, or two names of the same domain (one county or
        ministry for another). Two common nouns of one field ("traders" where the source
        says 장마당) are a paraphrase of news English, not a confusion."""
        if _words(concept, self.target_lang) & _words(other, self.target_lang):
            return True
        if not concept.domain or concept.domain != other.domain:
            return False
        return _is_name(concept, self.target_lang) and _is_name(other, self.target_lang)

    def spans(self, unit: Unit) -> tuple[list, list]:
        """The longest glossary terms of the unit's source and of its target (not looked
        for when the source has none: there is nothing to check). The target's longest
        matches: "State" inside "State Affairs Commission" or "Ministry of Social Security"
        inside "Ministry of Social Security officer" does not render 국가 or 사회안전성,
        just as on the source side; a term nested in a longer one counts only by the rules
        of _nested_renderings."""
        source = self.source.find_senses(unit.source)
        return source, self.target.find_senses(unit.target) if source else []

    def check(self, unit: Unit, spans: tuple[list, list] | None = None) -> list[Issue]:
        """The term findings of one unit (``spans``: :meth:`spans`, when already found)."""
        source_spans, target_spans = spans or self.spans(unit)
        if not source_spans:
            return []
        inner_spans = self.source.find_senses(unit.source, overlapping=True)
        source_concepts = {c.id for _, _, senses in source_spans for c, _ in senses}
        date = unit.date
        approved_in_target = {
            concept.id
            for _, _, senses in target_spans
            for concept, term in senses
            if term.approved_on(date)
        }
        target_all = self.target.find_senses(unit.target, overlapping=True)
        approved_in_target |= _nested_renderings(target_spans, target_all, source_concepts)
        approved_for_source = {
            (s, e)
            for s, e, senses in target_spans
            if any(t.approved_on(date) and c.id in source_concepts for c, t in senses)
        }
        free_spans = [span for span in target_spans if span[:2] not in approved_for_source]
        implied = _implied_places(source_spans, unit.source, approved_in_target)
        issues: list[Issue] = []
        seen: set[str] = set()
        for start, end, senses in source_spans:
            concept_ids = [c.id for c, _ in senses]
            concept = senses[0][0]
            if concept.id in seen:
                continue
            seen.add(concept.id)
            if not concept.terms_in(self.target_lang):
                continue  # nothing to check against
            written = unit.source[start:end]
            satisfied = any(c in approved_in_target for c in concept_ids) or self._by_parts(
                start, end, inner_spans, approved_in_target, unit.source
            )
            bad = [
                (unit.target[s:e], t)
                for s, e, target_senses in target_spans
                if (s, e) not in approved_for_source
                for c, t in target_senses
                if c.id in concept_ids and t.status_on(date) in ("deprecated", "forbidden")
            ]
            expected = [t.text for t in concept.terms_on(self.target_lang, date)]
            expect = " or ".join(f"'{t}'" for t in expected[:3])
            head = f"{written} ({concept.id})"
            for found, term in bad:
                kind, rule, why = self._status_rule(term, date, satisfied)
                issues.append(
                    self._issue(
                        unit,
                        kind,
                        self._severity(kind, beside=satisfied and kind == "deprecated"),
                        concept,
                        written,
                        expected,
                        found,
                        None,
                        f"{head}: '{found}' {why}; use {expect}",
                        rule,
                    )
                )
            if satisfied or bad:
                continue
            # A part of a compound rendered alone (MSS for 온성군 보위부) is a term left
            # out, not a confusion.
            parts = {
                c.id for s, e, inner in inner_spans if start <= s and e <= end for c, _ in inner
            }
            misspelt = self._misspelt(concept, unit.target, target_all)
            other = self._confusable_in_target(
                concept,
                source_concepts | parts,
                _not_nesting(free_spans, _approved_spans(target_all, concept_ids)),
                unit.target,
            )
            if misspelt:
                found, term = misspelt
                issues.append(
                    self._issue(
                        unit,
                        "misspelt",
                        self._severity("misspelt"),
                        concept,
                        written,
                        expected,
                        found,
                        None,
                        f"{head}: '{found}' looks like a misspelling of '{term}'",
                        "misspelt: a near miss of an approved term, and no glossary term",
                    )
                )
            elif other:
                found, other_concept = other
                issues.append(
                    self._issue(
                        unit,
                        "confusable",
                        self._severity("confusable"),
                        concept,
                        written,
                        expected,
                        found,
                        other_concept.id,
                        f"{head}: '{found}' is the term for {other_concept.id}; expected {expect}",
                        "confusable: other concept's term present",
                    )
                )
            elif concept.id not in implied:
                issues.append(
                    self._issue(
                        unit,
                        "missing",
                        self._severity("missing"),
                        concept,
                        written,
                        expected,
                        None,
                        None,
                        f"{head}: expected {expect} in the translation",
                        "missing: no approved term of the concept in the target",
                    )
                )
        return issues

    def _by_parts(
        self,
        start: int,
        end: int,
        inner_spans: list,
        approved_in_target: set[str],
        source: str,
    ) -> bool:
        """Whether the terms inside a compound cover it and are all rendered."""
        parts = [
            (s, e, senses)
            for s, e, senses in inner_spans
            if start <= s and e <= end and (s, e) != (start, end)
        ]
        if not parts:
            return False
        covered = set()
        for s, e, senses in parts:
            if not any(c.id in approved_in_target for c, _ in senses):
                return False
            covered.update(range(s, e))
        return all(i in covered or source[i].isspace() for i in range(start, end))

    def _misspelt(self, concept: Concept, target: str, target_all: list) -> tuple[str, str] | None:
        """The first word sequence of ``target`` a few letters away from an approved term of
        ``concept`` (and not itself a glossary term): (as written, the approved term)."""
        if self.target.english is None:
            return None
        folded, positions = fold(target)
        taken = [_folded_span(s, e, positions) for s, e, _ in target_all]
        taken = [(s, e, tuple(t.norm for t in english.tokens(folded[s:e]))) for s, e in taken]
        for term in concept.terms_in(self.target_lang):
            if not term.approved or is_acronym(term.text):
                continue
            key = english.words_of(" ".join(fold(term.text)[0].split()))
            for start, end, _ in english.near_misses(folded, key, taken):
                s = positions[start] if positions else start
                e = positions[end - 1] + 1 if positions else end
                return target[s:e], term.text
        return None

    def _confusable_in_target(
        self, concept: Concept, source_concepts: set[str], target_spans: list, target: str
    ) -> tuple[str, Concept] | None:
        for s, e, senses in target_spans:
            if any(c.id in source_concepts or c.id == concept.id for c, _ in senses):
                continue  # the string renders something the source says
            for other, term in senses:
                if term.status == "forbidden":
                    continue  # "MSS" is forbidden for 사회안전성: not a name of it
                if self.confusable(concept, other) and not self._nested_concepts(
                    concept, other, term
                ):
                    return target[s:e], other
        return None

    def _nested_concepts(self, concept: Concept, other: Concept, term) -> bool:
        """Whether ``term`` (of ``other``) or an approved term of ``other`` is part of, or
        contains, an approved term of ``concept``: "county" and "Ongjin County", "Ministry
        of Social Security" and "Ministry of Social Security officer", or "MSS" (whose
        concept's name is inside "provincial branch of the Ministry of State Security")
        never accuse each other."""
        theirs = [term, *(t for t in other.terms_in(self.target_lang) if t.approved)]
        for approved in concept.terms_in(self.target_lang):
            if approved.approved:
                mine = self._words_of(approved.text)
                for candidate in theirs:
                    words = self._words_of(candidate.text)
                    if _contains(mine, words) or _contains(words, mine):
                        return True
        return False

    def _words_of(self, text: str) -> tuple[str, ...]:
        folded = fold(text)[0]
        if self.target.english is not None:
            return tuple(t.norm for t in english.tokens(folded))
        return tuple(folded.split())

    def _issue(
        self,
        unit,
        kind,
        severity,
        concept,
        written,
        expected,
        found,
        found_concept,
        message,
        rule="",
    ) -> Issue:
        return Issue(
            unit.file,
            unit.line,
            unit.id,
            kind,
            severity,
            concept.id,
            written,
            expected,
            found,
            found_concept,
            message,
            unit.source,
            unit.target,
            rule=rule,
        )

    # ------------------------------------------------------------------ severity and time

    def _severity(self, kind: str, beside: bool = False) -> str:
        """The kind's configured severity; a deprecated name beside an approved one ("the
        Ministry of State Security, formerly the State Security Department") is at most a
        warning."""
        severity = self.severities.get(kind, "error")
        return "warning" if beside else severity

    @staticmethod
    def _status_rule(term: Term, date: str | None, satisfied: bool) -> tuple[str, str, str]:
        """(kind, rule, why) for a deprecated or forbidden term of the checked concept."""
        status = term.status_on(date)
        timing = term.timing(date)
        if status == "forbidden":
            rule, why = "forbidden: marked forbidden in the glossary", "is forbidden"
        elif timing:
            rule = f"deprecated: not valid at {date} ({term.period})"
            why = f"was {timing} in use at {date} (in use {term.period})"
        else:
            rule, why = "deprecated: marked deprecated in the glossary", "is deprecated"
        if satisfied and status == "deprecated":
            rule += "; an approved term is there too"
        return status, rule, why if timing else f"{why} for this concept"

    # ------------------------------------------------------------------ pairs

    def findings(self, unit: Unit) -> list[Issue]:
        """:meth:`check`, except that a pair with no anchor in common (no glossary
        concept, number or name on both sides) is reported once as not-a-pair."""
        spans = self.spans(unit)
        issues = self.check(unit, spans)
        # A misspelt name is a name the two sides share, only written wrong ("Onjing County"
        # for 옹진군): evidence of a translation, and an error to report, never to hide.
        if not issues or self._attempted(issues) or self._is_pair(unit, *spans):
            return issues
        kinds = ", ".join(sorted({i.kind for i in issues}))
        return [
            Issue(
                unit.file,
                unit.line,
                unit.id,
                NOT_A_PAIR,
                self._severity(NOT_A_PAIR),
                "*",
                "",
                [],
                None,
                None,
                f"not a translation pair? source and target have no glossary term, number or "
                f"name in common; {len(issues)} term finding(s) left out ({kinds})",
                unit.source,
                unit.target,
                rule="not-a-pair: no shared anchor (glossary term, number or name)",
            )
        ]

    @staticmethod
    def _attempted(issues: list[Issue]) -> bool:
        """Whether a finding itself shows a rendering of the source: a misspelt name, or a
        confusable sharing a word with the expected term ("Ministry of State Security
        officers" for 안전원). An error like that is reported, never hidden as not-a-pair."""
        return any(
            issue.kind == "misspelt"
            or (
                issue.kind == "confusable"
                and issue.found
                and _content_words([issue.found]) & _content_words(issue.expected)
            )
            for issue in issues
        )

    def _is_pair(self, unit: Unit, source_spans: list, target_spans: list) -> bool:
        """Whether source and target look like translations of each other. A source with
        fewer than two glossary concepts gives too little to tell: "보위부" rendered
        "Ministry of Social Security" is a confusable, not a stray pair."""
        source = {c.id for _, _, senses in source_spans for c, _ in senses}
        if len(source) < 2:
            return True
        target = {c.id for _, _, senses in target_spans for c, _ in senses}
        # One shared name among many (a photo credit, "Daily NK", under another photo) is
        # page furniture; a translation, however condensed, keeps about half its concepts.
        if 2 * len(source & target) >= len(source):
            return True
        if self.shared_anchors is None:
            return False
        # Numbers and Latin-letter names outside the glossary's terms: those were counted
        # above (the NK of 데일리NK is the concept Daily NK, not a second anchor).
        return self.shared_anchors(
            _blank(unit.source, source_spans), _blank(unit.target, target_spans)
        )

    def run(self, units: Iterable[Unit], ignore: list[IgnoreRule] | None = None) -> Report:
        report = Report()
        ignore = ignore or []
        for unit in units:
            report.segments += 1
            for rule in ignore:
                rule.seen = rule.seen or rule.applies_to(unit)
            for issue in self.findings(unit):
                for rule in ignore:
                    if rule.covers(unit, issue):
                        issue.ignored = rule.reason
                        rule.used = True
                        break
                report.issues.append(issue)
        # An exception is stale when its segment was checked and no longer needs it; one
        # about a segment in another file says nothing about this check.
        report.unused_ignores = [r.where for r in ignore if r.seen and not r.used]
        return report
