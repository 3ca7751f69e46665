"""What a CAT tool's glossary pane should show for a concept: one rendering, and notes that
name their term.

The complete exports (TBX, PO, spreadsheet) keep every term with its status; CAT tools do not
use statuses that way. OmegaT 3.6 offers every target term of an entry as a usable rendering,
sorted alphabetically (``FindGlossaryThread.sortGlossaryEntries``: priority, source length,
source text, then target text), and prints the ``termNote`` values of all target terms
(``deprecatedTerm-admn-sts``, ``abbreviation``) in one comment without saying whose they are.
So the CAT exports (``sajeon-ko-en-cat.tbx`` and the OmegaT glossary) are this view:

* every source term but a forbidden one is recognised in the text, so that an old name met in
  an old article (인민보안성) still leads to today's rendering;
* one target rendering is offered: the preferred term (else the first admitted one). Other
  admitted renderings are named in a note, not offered: offered, OmegaT would sort
  "Ministry for Protection of the State" before "Ministry of State Security";
* everything else is a note that starts with its term: other usable renderings, what not
  to use and why, periods of validity, usage notes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..core.model import Concept, Term


@dataclass(frozen=True)
class CatEntry:
    """One concept as a CAT tool should see it."""

    concept: Concept
    sources: list[Term]  # recognised in the source text, preferred first
    target: Term  # the one rendering offered
    source_notes: dict[str, str]  # source term text → what to say about it
    target_notes: list[str]  # about the rendering, the other usable ones, what not to use

    @property
    def notes(self) -> list[str]:
        """Every note, source terms first (TBX: one comment for the whole entry)."""
        return [*self.source_notes.values(), *self.target_notes]


def cat_entries(
    concepts: Iterable[Concept], source_lang: str, target_lang: str
) -> Iterator[CatEntry]:
    """The concepts that have something to offer: a recognisable source term and a usable
    target term."""
    for concept in concepts:
        entry = cat_entry(concept, source_lang, target_lang)
        if entry is not None:
            yield entry


def cat_entry(concept: Concept, source_lang: str, target_lang: str) -> CatEntry | None:
    target = concept.preferred(target_lang)
    # A forbidden source term is not a name of the concept (docs/formats.md): not recognised.
    sources = [
        t
        for t in sorted(concept.terms_in(source_lang), key=Term.sort_key)
        if t.status != "forbidden"
    ]
    if target is None or not sources:
        return None
    source_notes = {}
    for term in sources:
        about = details(term)
        label = term.text if term.approved else f"{term.text} ({term.status})"
        if about or not term.approved:
            source_notes[term.text] = f"{label}: {about}" if about else label
    target_notes = []
    if details(target):
        target_notes.append(f"{target.text}: {details(target)}")
    others = [
        t for t in sorted(concept.terms_in(target_lang), key=Term.sort_key) if t is not target
    ]
    for term in others:
        about = details(term)
        if term.approved:
            target_notes.append(f"also usable: {term.text}" + (f" ({about})" if about else ""))
        else:
            target_notes.append(
                f"do not use: {term.text} ({term.status}" + (f": {about})" if about else ")")
            )
    return CatEntry(concept, sources, target, source_notes, target_notes)


def details(term: Term) -> str:
    """The term's type, period of validity and usage note, as one phrase."""
    parts = [readable_type(term.type)] if term.type else []
    period = validity(term)
    if period:
        parts.append(period)
    if term.note:
        parts.append(term.note)
    return "; ".join(parts)


def validity(term: Term) -> str | None:
    """ "name from 2016", "name until 2020", "name from 2016 until 2020"."""
    return f"name {term.period}" if term.period else None


def readable_type(term_type: str) -> str:
    """TBX picklist tokens as words: shortForm → short form."""
    return re.sub(r"(?<=[a-z])([A-Z])", lambda m: " " + m.group(1).lower(), term_type)
