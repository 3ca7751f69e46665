"""The candidate review file of ``sajeon extract``: a TSV with one proposed glossary entry
per row and a ``status`` column the reviewer sets to ``accept`` or ``reject``;
``sajeon import`` recognises it by its header and makes each accepted row a concept whose
sources cite the segments it was found in."""

from __future__ import annotations

from pathlib import Path

from ..core.model import Concept, InputError, Term, new_concept_id
from ..core.text import nfc
from ..storage.sourcefiles import escape, read_rows

#: The columns after the status and the two language columns (named by their tags).
TAIL = (
    "domain",
    "count",
    "english_count",
    "consistency",
    "romanized",
    "alternatives",
    "evidence",
    "example",
)
STATUSES = ("review", "accept", "reject")
EVIDENCE_SEPARATOR = " | "


def header(source_lang: str, target_lang: str) -> tuple[str, ...]:
    return ("status", source_lang, target_lang, *TAIL)


def format_rows(source_lang: str, target_lang: str, rows: list[tuple]) -> str:
    """The file's text: the header, then one line per row (values in header order)."""
    lines = ["\t".join(header(source_lang, target_lang))]
    lines += ["\t".join(escape(None if v is None else str(v)) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def _header_cells(path: Path) -> list[str]:
    try:
        with path.open("rb") as fh:
            first = fh.readline(4096)
    except OSError:
        return []
    return first.decode("utf-8-sig", "replace").rstrip("\r\n").split("\t")


def is_candidates_file(path: Path) -> bool:
    """Whether ``path`` is a review file of ``sajeon extract``, by its header."""
    cells = _header_cells(path)
    return len(cells) == 3 + len(TAIL) and cells[0] == "status" and tuple(cells[3:]) == TAIL


def read_accepted(path: Path, label: str, taken: set[str]) -> tuple[list[Concept], dict]:
    """The accepted rows as new concepts (both terms preferred, the evidence as sources),
    and how many rows had each status. A status other than accept, reject or review, or
    an accepted row without both terms, is an error naming the line."""
    cells = _header_cells(path)
    source_lang, target_lang = cells[1], cells[2]
    _, rows = read_rows(path, header(source_lang, target_lang), label)
    counts = dict.fromkeys(STATUSES, 0)
    concepts: list[Concept] = []
    taken = set(taken)
    for row in rows:
        v = row.values
        status = (v["status"] or "review").strip().casefold()
        status = {"accepted": "accept", "rejected": "reject", "ok": "accept"}.get(status, status)
        if status not in STATUSES:
            raise InputError(f"{row.where}: status {v['status']!r}: use accept, reject or review")
        counts[status] += 1
        if status != "accept":
            continue
        source, target = v[source_lang], v[target_lang]
        if not source or not target:
            raise InputError(
                f"{row.where}: an accepted row needs both {source_lang} and {target_lang}"
            )
        concept_id = new_concept_id(target, taken)
        taken.add(concept_id)
        evidence = [e for e in (v["evidence"] or "").split(EVIDENCE_SEPARATOR) if e.strip()]
        concepts.append(
            Concept(
                concept_id,
                [Term(source_lang, nfc(source)), Term(target_lang, nfc(target))],
                domain=v["domain"] or None,
                note=f"Proposed by sajeon extract from {v['count']} segment(s).",
                sources=evidence,
            )
        )
    return concepts, counts
