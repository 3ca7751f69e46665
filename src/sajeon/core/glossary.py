"""Changes to a glossary, with the rules that keep a termbase clean.

These functions work on :class:`Glossary` in memory and know nothing of files or SQL;
:mod:`sajeon.storage.project` writes their result to both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .langtags import without_region_note
from .model import APPROVED, Concept, InputError, Term, new_concept_id
from .text import fold


@dataclass
class Change:
    """What an operation did: concepts to write (or delete) and lines for the user."""

    changed: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    messages: list[str] = field(default_factory=list)

    def say(self, message: str) -> None:
        self.messages.append(message)


class Glossary:
    """All concepts, with an index from (language, folded term) to concept ids."""

    def __init__(self, concepts: Iterable[Concept] = ()):
        self.concepts: dict[str, Concept] = {c.id: c for c in concepts}

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self):
        return iter(sorted(self.concepts.values(), key=lambda c: c.id))

    def get(self, concept_id: str) -> Concept:
        try:
            return self.concepts[concept_id]
        except KeyError:
            raise InputError(f"no concept with id {concept_id!r}") from None

    def with_term(self, lang: str, text: str) -> list[Concept]:
        """Concepts holding this term, compared case-insensitively and NFKC-folded."""
        key = fold(text)
        return [c for c in self if any(t.lang == lang and fold(t.text) == key for t in c.terms)]

    def put(self, concept: Concept) -> None:
        self.concepts[concept.id] = concept

    def remove(self, concept_id: str) -> None:
        del self.concepts[concept_id]


def _describe(concept: Concept, lang: str) -> str:
    label = concept.label(lang)
    domain = f", domain {concept.domain}" if concept.domain else ""
    return f"concept {concept.id} ({label}{domain})"


def _copy(concept: Concept) -> Concept:
    """A copy whose terms and sources can be changed without touching the original."""
    return replace(
        concept, terms=[replace(t) for t in concept.terms], sources=list(concept.sources)
    )


def _same_term(term: Term, other: Term) -> bool:
    return term.lang == other.lang and fold(term.text) == fold(other.text)


def _make_preferred(concept: Concept, term: Term, change: Change) -> None:
    """Only one preferred term per language: demote the others to admitted."""
    for other in concept.terms:
        if other is not term and other.lang == term.lang and other.status == "preferred":
            other.status = "admitted"
            change.say(f"{other.text!r} ({other.lang}) in {concept.id} is now admitted")


def _add_to(concept: Concept, term: Term, status: str | None, change: Change) -> None:
    if any(_same_term(term, t) for t in concept.terms):
        existing = next(t for t in concept.terms if _same_term(term, t))
        raise InputError(
            f"{term.text!r} ({term.lang}) is already in concept {concept.id} as {existing.status}"
        )
    has_approved = any(t.lang == term.lang and t.status in APPROVED for t in concept.terms)
    term = replace(term, status=status or ("admitted" if has_approved else "preferred"))
    concept.terms.append(term)
    if term.status == "preferred":
        _make_preferred(concept, term, change)
    change.say(f"added {term.text!r} ({term.lang}, {term.status}) to concept {concept.id}")


def add_terms(
    glossary: Glossary,
    terms: list[Term],
    *,
    status: str | None,
    concept_id: str | None = None,
    new_concept: bool = False,
    domain: str | None = None,
    definition: str | None = None,
    note: str | None = None,
    sources: Iterable[str] = (),
    author: str | None = None,
    today: str,
) -> Change:
    """Add a term and its translation(s) as a new concept, or to an existing concept.

    The first term is the source term (Korean by default), the others its translations.
    Refuses duplicates and, unless told which (``concept_id``) or that it is different
    (``new_concept``), a source term that another concept of the same domain already
    renders differently.
    """
    change = Change()
    if not terms:
        raise InputError("give at least one term")
    cleaned = [t.cleaned() for t in terms]
    langs = [t.lang for t in cleaned]
    if len(set(langs)) != len(langs):
        raise InputError("give at most one term per language; add synonyms one at a time")
    sources = list(sources)

    if concept_id is not None:
        if new_concept:
            raise InputError("--concept and --new-concept exclude each other")
        concept = glossary.get(concept_id)
        updated = _copy(concept)
        for attr, value in (("domain", domain), ("definition", definition), ("note", note)):
            if value is None:
                continue
            current = getattr(updated, attr)
            if current is not None and current != value:
                raise InputError(
                    f"concept {concept.id} already has {attr} {current!r}; "
                    f"change it with 'sajeon concept set {concept.id} --{attr} ...'"
                )
            setattr(updated, attr, value)
        new_terms = [t for t in cleaned if not any(_same_term(t, o) for o in updated.terms)]
        if not new_terms:
            _add_to(updated, cleaned[0], status, change)  # raises: already in the concept
        for term in new_terms:
            _add_to(updated, term, status, change)
        updated.sources += [s for s in sources if s not in updated.sources]
        updated.modified = today
        glossary.put(updated.cleaned())
        change.changed.add(concept.id)
        return change

    source, translations = cleaned[0], cleaned[1:]
    holders = glossary.with_term(source.lang, source.text)
    for concept in holders:
        if translations and all(
            any(_same_term(tr, t) for t in concept.terms) for tr in translations
        ):
            raise InputError(
                f"{source.text!r} → {translations[0].text!r} already exists in "
                f"{_describe(concept, translations[0].lang)}"
            )
    if not new_concept:
        clash = [c for c in holders if domain is None or c.domain in (None, domain)]
        if clash:
            concept = clash[0]
            rendering = concept.label(translations[0].lang) if translations else concept.id
            wanted = f" as {translations[0].text!r}" if translations else ""
            raise InputError(
                f"{source.text!r} is already in {_describe(concept, source.lang)}, rendered "
                f"{rendering!r}; to add it{wanted} to that concept use --concept {concept.id}, "
                "for a different concept use --new-concept"
            )
        for tr in translations:
            same_target = [
                c
                for c in glossary.with_term(tr.lang, tr.text)
                if domain is None or c.domain in (None, domain)
            ]
            if same_target:
                concept = same_target[0]
                raise InputError(
                    f"{tr.text!r} is already the {tr.lang} term of "
                    f"{_describe(concept, source.lang)}; to add {source.text!r} as a synonym "
                    f"use --concept {concept.id}, for a different concept use --new-concept"
                )
    label = translations[0].text if translations else source.text
    concept = Concept(
        id=new_concept_id(label, set(glossary.concepts)),
        terms=[replace(t, status=status or "preferred") for t in cleaned],
        domain=domain,
        definition=definition,
        note=note,
        sources=sources,
        created=today,
        modified=today,
        author=author,
    ).cleaned()
    glossary.put(concept)
    change.changed.add(concept.id)
    pair = " → ".join(repr(t.text) for t in concept_terms_in_order(concept, langs))
    change.say(f"added concept {concept.id}: {pair}")
    return change


def concept_terms_in_order(concept: Concept, langs: list[str]) -> list[Term]:
    return [t for lang in langs for t in concept.terms if t.lang == lang]


def find_term(
    glossary: Glossary, lang: str, text: str, concept_id: str | None
) -> tuple[Concept, Term]:
    """The one term a user means, or an error saying how to be more precise."""
    if concept_id is not None:
        concept = glossary.get(concept_id)
        for term in concept.terms:
            if term.lang == lang and fold(term.text) == fold(text):
                return concept, term
        raise InputError(f"concept {concept_id} has no {lang} term {text!r}")
    holders = glossary.with_term(lang, text)
    if not holders:
        raise InputError(f"no {lang} term {text!r} in the glossary (is --lang right?)")
    if len(holders) > 1:
        ids = ", ".join(c.id for c in holders)
        raise InputError(
            f"{text!r} ({lang}) is in several concepts ({ids}); say which with --concept"
        )
    concept = holders[0]
    term = next(t for t in concept.terms if t.lang == lang and fold(t.text) == fold(text))
    return concept, term


def set_term(
    glossary: Glossary,
    lang: str,
    text: str,
    *,
    concept_id: str | None,
    today: str,
    **fields: str | None,
) -> Change:
    """Change a term's status, part of speech, type, note or validity period.

    Fields left out (``None``) stay as they are; an empty string clears a field.
    """
    change = Change()
    concept, term = find_term(glossary, lang, text, concept_id)
    updated = _copy(concept)
    target = next(t for t in updated.terms if t.lang == term.lang and t.text == term.text)
    what = []
    for name, value in fields.items():
        if value is None:
            continue
        if name == "status" and value == "":
            raise InputError("a term's status cannot be empty")
        setattr(target, name, value or None)
        what.append(f"{name} {value!r}" if value else f"{name} cleared")
    if not what:
        raise InputError(
            "nothing to change: give --status, --pos, --type, --note, --valid-from or --valid-until"
        )
    checked = target.cleaned()
    target.__dict__.update(checked.__dict__)
    if target.status == "preferred":
        _make_preferred(updated, target, change)
    updated.modified = today
    glossary.put(updated.cleaned())
    change.changed.add(concept.id)
    change.messages.insert(0, f"{term.text!r} ({term.lang}) in {concept.id}: " + ", ".join(what))
    return change


def remove_term(
    glossary: Glossary, lang: str, text: str, *, concept_id: str | None, today: str
) -> Change:
    change = Change()
    concept, term = find_term(glossary, lang, text, concept_id)
    remaining = [t for t in concept.terms if t is not term]
    if not remaining:
        glossary.remove(concept.id)
        change.deleted.add(concept.id)
        change.say(
            f"removed {term.text!r} ({term.lang}) and with it concept {concept.id}, "
            "which had no other terms"
        )
        return change
    glossary.put(replace(concept, terms=remaining, modified=today))
    change.changed.add(concept.id)
    change.say(f"removed {term.text!r} ({term.lang}) from concept {concept.id}")
    return change


def set_concept(
    glossary: Glossary,
    concept_id: str,
    *,
    today: str,
    add_sources: Iterable[str] = (),
    remove_sources: Iterable[str] = (),
    **fields: str | None,
) -> Change:
    """Change a concept's domain, definition, note or author; add or remove sources."""
    change = Change()
    concept = glossary.get(concept_id)
    updated = _copy(concept)
    what = []
    for name, value in fields.items():
        if value is None:
            continue
        setattr(updated, name, value or None)
        what.append(f"{name} {value!r}" if value else f"{name} cleared")
    for source in add_sources:
        if source not in updated.sources:
            updated.sources.append(source)
            what.append(f"source {source!r} added")
    for source in remove_sources:
        if source not in updated.sources:
            raise InputError(f"concept {concept_id} has no source {source!r}")
        updated.sources.remove(source)
        what.append(f"source {source!r} removed")
    if not what:
        raise InputError(
            "nothing to change: give --domain, --definition, --note, --author, "
            "--add-source or --remove-source"
        )
    updated.modified = today
    glossary.put(updated.cleaned())
    change.changed.add(concept_id)
    change.say(f"concept {concept_id}: " + ", ".join(what))
    return change


@dataclass
class MergeReport:
    """What an import did to the glossary, concept by concept."""

    new: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # one line each: what and why
    change: Change = field(default_factory=Change)

    def summary(self) -> str:
        return (
            f"{len(self.new)} new, {len(self.merged)} merged, {len(self.unchanged)} unchanged, "
            f"{len(self.conflicts)} conflicting"
        )


def _domains_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _match_existing(
    glossary: Glossary, incoming: Concept, other_ids: frozenset[str] = frozenset()
) -> list[Concept]:
    """Existing concepts that are ``incoming``: the one with its id, else those sharing a
    term with it. A forbidden term is not a name of its concept, so sharing one does not make
    two concepts the same (MSS is forbidden for one ministry and the abbreviation of
    another); former names (deprecated) do count. Nor does a term shared with a concept the
    same file lists under its own id (``other_ids``).

    Only sajeon's own exports keep their ids (the readers give other files' entries new ids
    and keep theirs as sources); even then the id joins only a concept that shares a term
    with the entry, so that another project's ``county`` does not become this one's."""
    same_id = glossary.concepts.get(incoming.id)
    if same_id is not None and any(_same_term(t, o) for t in incoming.terms for o in same_id.terms):
        return [same_id]
    found: dict[str, Concept] = {}
    for term in incoming.terms:
        if term.status == "forbidden":
            continue
        for concept in glossary.with_term(term.lang, term.text):
            if concept.id in other_ids:
                continue
            shared = [t for t in concept.terms if _same_term(term, t)]
            named = any(t.status != "forbidden" for t in shared)
            if named and _domains_agree(concept.domain, incoming.domain):
                found[concept.id] = concept
    return list(found.values())


def _fill_in(mine, theirs, attrs: tuple[str, ...], label: str, report: MergeReport) -> bool:
    """Take the incoming value of each attribute we lack; report the ones that differ."""
    changed = False
    for attr in attrs:
        ours, new = getattr(mine, attr), getattr(theirs, attr)
        if new is None or ours == new:
            continue
        if ours is None:
            setattr(mine, attr, new)
            changed = True
        else:
            report.conflicts.append(
                f"{label} {attr} {new!r} from the file differs from {ours!r}; kept {ours!r}"
            )
    return changed


def merge(glossary: Glossary, incoming: Iterable[Concept], *, today: str) -> MergeReport:
    """Merge imported concepts into the glossary, never dropping or overwriting silently.

    An incoming concept is the same as an existing one when it has the same id, or shares a
    term (same language, folded; not a forbidden one; see _match_existing) with exactly one
    concept of a compatible domain. Then its new terms and sources are added; a term or field the
    glossary already has with another value is kept as it is and reported as a conflict.
    Incoming concepts matching several existing ones are reported and not imported.
    """
    report = MergeReport()
    incoming = list(incoming)
    file_ids = frozenset(c.id for c in incoming if c.id)
    for raw in incoming:
        concept = raw.cleaned()
        matches = _match_existing(glossary, concept, file_ids - {concept.id})
        if not matches:
            fresh = replace(
                concept,
                id=concept.id
                if concept.id not in glossary.concepts
                else new_concept_id(concept.label("en"), set(glossary.concepts)),
            )
            fresh.created = fresh.created or today
            fresh.modified = fresh.modified or today
            glossary.put(fresh.cleaned())
            report.new.append(fresh.id)
            report.change.changed.add(fresh.id)
            continue
        if len(matches) > 1:
            ids = ", ".join(c.id for c in matches)
            report.conflicts.append(
                f"{concept.label('en')!r} ({concept.id}) shares terms with several concepts "
                f"({ids}); not imported"
            )
            continue
        existing = matches[0]
        updated = _copy(existing)
        changed = _fill_in(
            updated, concept, ("domain", "definition", "note", "author"), f"{existing.id}:", report
        )
        for source in concept.sources:
            if source not in updated.sources:
                updated.sources.append(source)
                changed = True
        for term in concept.terms:
            same = next((t for t in updated.terms if _same_term(term, t)), None)
            if same is None:
                has_preferred = any(
                    t.lang == term.lang and t.status == "preferred" for t in updated.terms
                )
                added = replace(term)
                if added.status == "preferred" and has_preferred:
                    added.status = "admitted"
                updated.terms.append(added)
                changed = True
                continue
            label = f"{existing.id}: {same.text!r} ({same.lang})"
            attrs = ("status", "pos", "type", "note", "valid_from", "valid_until")
            # The glossary's term is spelled the same in the file's region (Onsong County
            # in an en-GB file): the region tag says nothing about it.
            term = replace(term, note=without_region_note(term.note))
            changed = _fill_in(same, term, attrs, label, report) or changed
        if changed:
            updated.modified = today
            glossary.put(updated.cleaned())
            report.merged.append(existing.id)
            report.change.changed.add(existing.id)
        else:
            report.unchanged.append(existing.id)
    report.change.say(report.summary())
    return report


def merge_concept_into(glossary: Glossary, source_id: str, into_id: str, *, today: str) -> Change:
    """Move every term and source of concept ``source_id`` into ``into_id`` and delete it.

    A moved preferred term becomes admitted where ``into_id`` already has a preferred term in
    that language. Definitions and notes of the merged concept are kept in the note.
    """
    if source_id == into_id:
        raise InputError("cannot merge a concept into itself")
    change = Change()
    source, into = glossary.get(source_id), glossary.get(into_id)
    updated = _copy(into)
    for term in source.terms:
        if any(_same_term(term, t) for t in updated.terms):
            change.say(f"{term.text!r} ({term.lang}) is in both; kept {into_id}'s entry")
            continue
        moved = replace(term)
        if moved.status == "preferred" and any(
            t.lang == term.lang and t.status == "preferred" for t in updated.terms
        ):
            moved.status = "admitted"
        updated.terms.append(moved)
    updated.sources += [s for s in source.sources if s not in updated.sources]
    updated.domain = updated.domain or source.domain
    notes = [updated.note] if updated.note else []
    for label, value in (("definition", source.definition), ("note", source.note)):
        if value and value not in (updated.definition, updated.note):
            if label == "definition" and not updated.definition:
                updated.definition = value
            else:
                notes.append(f"({label} from {source_id}) {value}")
    updated.note = "\n".join(notes) or None
    updated.modified = today
    glossary.put(updated.cleaned())
    glossary.remove(source_id)
    change.changed.add(into_id)
    change.deleted.add(source_id)
    change.say(f"merged concept {source_id} into {into_id}")
    return change
