"""A corpus of bad input for every door of sajeon (issue 15), written as generators.

Each module ``cases_*.py`` in this package has a function ``cases()`` that yields
:class:`Case` values: a command line, the files it needs, what it reads on standard input,
and how sajeon must refuse it — an exit status (2 for a bad option, 1 for bad data) and a
one-line error matching ``message``. ``tests/test_bad_inputs.py`` runs every case on a fresh
copy of the bundled project and checks that sajeon

* never shows a traceback (no exception escapes the command),
* refuses the input (no bad input is accepted; fuzzed values marked ``may_accept`` may be
  taken, and do not count towards the corpus),
* says why in one line (``Error: …``, after click's usage lines for a bad option),
* and changes nothing: the glossary and memory files and the database are as before, and
  no temporary file is left behind.

``bullet`` names the part of issue 15 a case covers, so that the corpus can be counted
per rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pkgutil import iter_modules

BULLETS = {
    "traceback": "1: a bad value that used to end in a traceback",
    "options": "1: numeric and text options out of range, NaN, negative, empty, over-long",
    "dates": "2: impossible calendar dates, at every door",
    "preferred": "2: one preferred term per language per concept",
    "tbx-status": "2: a TBX <tig> with two administrative statuses",
    "invisible": "2: invisible and bidirectional-control characters",
    "length": "2: the length limits of a term and a segment",
    "control": "2: control characters and invalid UTF-8, from a file, stdin or an argument",
    "empty-text": "2: an empty text",
    "csv": "2: a CSV with a header and no rows; an option missing its '='",
    "paths": "3: memory files only where the build reads them",
    "po": "4: one PO reader for import, check and pretranslate",
    "xml": "XML attacks already handled (entities, remote DTDs)",
}


@dataclass(frozen=True)
class Case:
    id: str  # unique and readable: "lookup --limit -1"
    argv: tuple[str, ...]  # the sajeon command line, without -C PROJECT
    bullet: str  # a key of BULLETS
    exit_code: int = 1  # 2: bad option or usage; 1: bad file, text or value
    message: str = ""  # a regular expression the error line must match
    files: dict[str, bytes] = field(default_factory=dict)  # relative to the project root
    stdin: bytes | None = None
    # A fuzzed value that a command may well take (an over-long --origin): then the case
    # only asks for no traceback, and for a clean refusal if it is refused.
    may_accept: bool = False


def all_cases() -> list[Case]:
    """Every case of every ``cases_*`` module of this package."""
    found: list[Case] = []
    for module in sorted(m.name for m in iter_modules(__path__) if m.name.startswith("cases_")):
        found += list(import_module(f"{__name__}.{module}").cases())
    return found


def numbers(option: str, *, minimum: float | None = None) -> Iterator[str]:
    """Values of a numeric option that no command should take: NaN, infinities, an empty
    string, words, overflow, and below ``minimum`` when there is one."""
    yield from ("nan", "inf", "-inf", "", "abc", "1e400", "9" * 400)
    if minimum is not None:
        yield str(minimum - 1)
