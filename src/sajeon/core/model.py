"""The one model of sajeon's data: concepts holding terms, and segment pairs.

Everything that reads or writes data (the source files, the SQLite store, every exchange
format) converts to and from these classes, and all text passes through the cleaning
functions here, so that NFC, whitespace and bad characters are handled in one place.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .errors import InputError
from .langtags import normalise_lang
from .text import FILLERS, char_name, find_invisible, strip_invisible

#: TBX administrativeStatus values, in order of preference.
STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
#: Statuses whose terms a translator may use.
APPROVED = ("preferred", "admitted")
#: TBX-Basic partOfSpeech picklist.
PARTS_OF_SPEECH = ("noun", "properNoun", "verb", "adjective", "adverb", "other")
#: TBX-Basic termType picklist.
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")

# C0/C1 controls, lone surrogates and the two non-characters XML 1.0 cannot carry.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Characters a single-line value (a term, a domain, a name) may not contain.
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029\x85]")
# Any run of Unicode whitespace, including NBSP and the ideographic space.
_SPACES = re.compile(r"\s+")
# ASCII digits only: \d would take ２０２１ or ٢٠٢١ as a year
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", re.ASCII)
# Date-times as exchange formats write them, as groups year, month, day, hour, minute, second:
# ISO 8601 extended (TBX <date>, PO headers: 2024-11-28, 2024-11-28T09:30:00.000+09:00,
# 2024-11-28 09:30+0900) and the basic form TMX requires (20241128T093000Z).
_TIMESTAMPS = {
    "iso": re.compile(
        r"(\d{4})-(\d{2})-(\d{2})"
        r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
        r"\s*(?:Z|[+-]\d{2}:?\d{2})?",
        re.ASCII,
    ),
    "tmx": re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?", re.ASCII),
}
# English month names whatever the locale (calendar.month_name follows LC_TIME)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_TIMESTAMP_FORMS = {"iso": "YYYY-MM-DD[Thh:mm[:ss]][Z]", "tmx": "YYYYMMDDThhmmssZ"}
_CONCEPT_ID = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*")
SOURCE_SEPARATOR = " | "
# Control characters a text to search or analyse may not hold: all of C0 but tab and the
# line ends, DEL and C1, and lone surrogates (undecodable bytes of a file name or argument).
_BAD_INPUT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

#: The longest term, in characters (docs/input-rules.md#length-limits): the longest in the
#: bundled glossary and its source list is 71 (the Ministry of State Security's full name);
#: full names of laws and Party departments reach about 100.
MAX_TERM = 200
#: The longest source or target text of a segment, in characters: a sentence of news copy
#: is at most a few hundred, a paragraph of a long KCNA speech a few thousand.
MAX_SEGMENT = 5000


def _describe(value: str) -> str:
    return repr(value) if len(value) <= 60 else repr(value[:57] + "...")


def _bad_char(char: str) -> str:
    """What a character refused in text is, for the error message."""
    if "\udc80" <= char <= "\udcff":  # how Python keeps a byte it could not decode
        return f"a byte that is not UTF-8 (0x{ord(char) - 0xDC00:02X})"
    if "\ud800" <= char <= "\udfff":
        return f"lone surrogate U+{ord(char):04X}"
    kind = "control character" if unicodedata.category(char) == "Cc" else "non-character"
    return f"{kind} U+{ord(char):04X}"


def _invisible(text: str, what: str) -> InputError | None:
    hidden = find_invisible(text)
    if hidden is None:
        return None
    return InputError(
        f"{what} {_describe(text)} contains invisible character {char_name(hidden.group())} "
        f"at character {hidden.start() + 1}: delete it"
    )


def clean_text(
    value: str | None, what: str, *, multiline: bool = False, most: int | None = None
) -> str:
    """Return ``value`` as NFC text without surrounding whitespace, or raise InputError.

    Single-line values (terms, domains, names) have internal whitespace runs collapsed to
    one space; multi-line values (notes, definitions, segments) keep their line breaks.
    Control characters, non-characters and invisible characters (:data:`text.INVISIBLE`)
    are refused, and so is a text longer than ``most`` characters.
    """
    if value is None:
        raise InputError(f"{what} is missing")
    text = unicodedata.normalize("NFC", value if type(value) is str else str(value))
    if text.isprintable():
        # The usual case, and fast: printable text holds no control character, no
        # non-character, no format character and no whitespace but the space.
        if FILLERS.search(text):  # the one invisible kind that counts as printable
            raise _invisible(text, what) or InputError(what)
        if not multiline and "  " in text:
            text = _SPACES.sub(" ", text)
        text = text.strip(" ")
    else:
        bad = _BAD_CHARS.search(text)
        if bad:
            raise InputError(f"{what} {_describe(text)} contains {_bad_char(bad.group())}")
        if (error := _invisible(text, what)) is not None:
            raise error
        if not multiline:
            if _LINE_BREAKS.search(text.strip()):
                raise InputError(
                    f"{what} {_describe(text)} must be on one line (no tabs or newlines)"
                )
            text = _SPACES.sub(" ", text)
        text = text.strip()
    if not text:
        raise InputError(f"{what} is empty" if not value else f"{what} is only whitespace")
    if most is not None and len(text) > most:
        raise InputError(
            f"{what} {_describe(text)} is {len(text):,} characters long; the limit is {most:,}"
        )
    return text


def clean_input(value: str, where: str, *, lines: bool = False) -> str:
    """A text to look up, search or analyse (``lookup``, ``terms``, ``romanize``, the
    files ``check`` reads), from ``where`` (a file, standard input, an argument): NFC,
    invisible characters removed, as search reads through them; control characters (but
    tabs and line ends), undecodable bytes and an empty text refused. With ``lines`` the
    error names the line of ``where``, a file's, instead of quoting the text."""
    text = unicodedata.normalize("NFC", value)
    if not text.isprintable() and (bad := _BAD_INPUT.search(text)):
        problem = _bad_char(bad.group())
        if lines:
            raise InputError(f"{where}:{text.count(chr(10), 0, bad.start()) + 1}: {problem}")
        raise InputError(f"{where} {_describe(text)} contains {problem}")
    text = strip_invisible(text)
    if not text.strip():
        raise InputError(f"{where} is empty" + (" (only whitespace)" if text else ""))
    return text


def clean_optional(value: str | None, what: str, *, multiline: bool = False) -> str | None:
    """Like :func:`clean_text`, but empty or missing values become ``None``."""
    if value is None or not str(value).strip():
        return None
    return clean_text(value, what, multiline=multiline)


def check_choice(value: str | None, choices: tuple[str, ...], what: str) -> str | None:
    if value is None or value == "":
        return None
    if value not in choices:
        raise InputError(f"unknown {what} {value!r}: use one of {', '.join(choices)}")
    return value


def check_date(value: str | None, what: str, *, partial: bool = False) -> str | None:
    """ISO dates: YYYY-MM-DD, or with ``partial`` also YYYY and YYYY-MM; a day the calendar
    does not have (2021-02-29, 2021-04-31, 2021-13) is refused. Every reader of a date in
    sajeon comes here, or to :func:`check_timestamp`; both ask :func:`calendar_problem`."""
    if type(value) is str and _is_date(value, partial):
        return value  # the usual case: a valid date as written (remembered, as dates recur)
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    pattern = _PARTIAL_DATE if partial else _DATE
    if not pattern.fullmatch(value):
        form = "YYYY, YYYY-MM or YYYY-MM-DD" if partial else "YYYY-MM-DD"
        raise InputError(f"{what} {value!r} is not a date ({form})")
    problem = calendar_problem(value[:4], value[5:7], value[8:10])
    if problem:
        raise InputError(f"{what} {value!r} is not a valid date: {problem}")
    return value


@lru_cache(maxsize=4096)
def _is_date(value: str, partial: bool) -> bool:
    """Whether check_date returns ``value`` unchanged."""
    if not (_PARTIAL_DATE if partial else _DATE).fullmatch(value):
        return False
    return calendar_problem(value[:4], value[5:7], value[8:10]) is None


def calendar_problem(year: str, month: str = "", day: str = "") -> str | None:
    """Why these digits are no day of the Gregorian calendar ("February 2021 has 28 days"),
    or None. ``month`` and ``day`` may be empty (a partial date)."""
    if year == "0000":
        return "there is no year 0"
    if not month:
        return None
    if not 1 <= int(month) <= 12:
        return f"there is no month {month}"
    if not day:
        return None
    days = monthrange(int(year), int(month))[1]
    if not 1 <= int(day) <= days:
        return f"{_MONTHS[int(month) - 1]} {int(year)} has {days} days"
    return None


def _clock_problem(hour: str | None, minute: str | None, second: str | None) -> str | None:
    if hour is not None and int(hour) > 23:
        return f"there is no hour {hour}"
    if minute is not None and int(minute) > 59:
        return f"there is no minute {minute}"
    # 60: a leap second (23:59:60Z) is a real UTC time
    if second is not None and int(second) > 60:
        return f"there is no second {second}"
    return None


def check_timestamp(value: str, what: str, *, form: str = "iso") -> str:
    """The day (YYYY-MM-DD) of a date or date-time as an exchange format writes it:
    ``form`` "iso" (TBX, PO) or "tmx" (YYYYMMDDThhmmssZ). The day and the clock must both
    exist: 2021-02-29 and 20250314T250000Z are refused as check_date refuses a day."""
    text = value.strip()
    match = _TIMESTAMPS[form].fullmatch(text)
    if not match:
        raise InputError(f"{what} {value!r} is not {_TIMESTAMP_FORMS[form]}")
    year, month, day, hour, minute, second = match.groups()
    problem = calendar_problem(year, month, day) or _clock_problem(hour, minute, second)
    if problem:
        raise InputError(f"{what} {value!r} is not a valid date: {problem}")
    return f"{year}-{month}-{day}"


def check_one_preferred(terms: list[Term]) -> None:
    """One preferred term per language: a second one is an error naming both (which of the
    two a translator should use is for a person to say, not for the order of a file)."""
    first: dict[str, Term] = {}
    for term in terms:
        if term.status != "preferred":
            continue
        if term.lang in first:
            raise InputError(
                f"two preferred {term.lang} terms, {first[term.lang].text!r} and "
                f"{term.text!r} (one must be admitted)"
            )
        first[term.lang] = term


def date_span(value: str) -> tuple[str, str]:
    """The first and last day a full or partial date stands for, as comparable strings:
    ``2020`` → (2020-01-01, 2020-12-31), ``2020-05`` → (2020-05-01, 2020-05-31). The last
    day of a month is written 31 whatever the month: only the order matters."""
    start = (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]
    end = value + "-12-31" if len(value) == 4 else (value + "-31" if len(value) == 7 else value)
    return start, end


def check_concept_id(value: str) -> str:
    if not _CONCEPT_ID.fullmatch(value or ""):
        raise InputError(
            f"concept id {value!r} must start with a letter or _ and hold only "
            "ASCII letters, digits, '.', '_' and '-'"
        )
    return value


def status_rank(status: str) -> int:
    return STATUSES.index(status)


@dataclass
class Term:
    lang: str
    text: str
    status: str = "preferred"
    pos: str | None = None
    type: str | None = None
    note: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None

    @property
    def period(self) -> str | None:
        """When the name was in use, as a reader says it: "until 2020", "from 2016",
        "from 2016 until 2020"; None when no validity is recorded."""
        if self.valid_from and self.valid_until:
            return f"from {self.valid_from} until {self.valid_until}"
        if self.valid_until:
            return f"until {self.valid_until}"
        if self.valid_from:
            return f"from {self.valid_from}"
        return None

    def timing(self, date: str | None) -> str | None:
        """Where ``date`` (full or partial) falls against the term's period: "not yet" when
        it ends before the period starts, "no longer" when it starts after the period ends,
        None inside it, without a period or without a date. A partial date stands for all
        its days and counts as inside when any of them is: in 2020, the year of a renaming,
        both the old name (until 2020) and the new one (from 2020) are in use."""
        if not date or not (self.valid_from or self.valid_until):
            return None
        first, last = date_span(date)
        if self.valid_from and last < date_span(self.valid_from)[0]:
            return "not yet"
        if self.valid_until and first > date_span(self.valid_until)[1]:
            return "no longer"
        return None

    def status_on(self, date: str | None) -> str:
        """The term's status for a text of ``date``: outside its period a term is
        deprecated (an anachronism or a former name); inside it, a deprecated term with a
        period was deprecated because of time and is admitted. Forbidden stays forbidden;
        without a date or a period the glossary's status holds."""
        if not date or self.status == "forbidden" or not (self.valid_from or self.valid_until):
            return self.status
        if self.timing(date):
            return "deprecated"
        return "admitted" if self.status == "deprecated" else self.status

    def approved_on(self, date: str | None) -> bool:
        return self.status_on(date) in APPROVED

    def cleaned(self) -> Term:
        """A validated, normalised copy (raises InputError)."""
        term = replace(
            self,
            lang=normalise_lang(self.lang),
            text=clean_text(self.text, "term", most=MAX_TERM),
            status=check_choice(self.status or "preferred", STATUSES, "status") or "preferred",
            pos=check_choice(self.pos, PARTS_OF_SPEECH, "part of speech"),
            type=check_choice(self.type, TERM_TYPES, "term type"),
            note=clean_optional(self.note, "term note", multiline=True),
            valid_from=check_date(self.valid_from, "valid-from date", partial=True),
            valid_until=check_date(self.valid_until, "valid-until date", partial=True),
        )
        if term.valid_from and term.valid_until and term.valid_from > term.valid_until:
            raise InputError(
                f"term {term.text!r} is valid from {term.valid_from} to {term.valid_until}: "
                "the period ends before it starts"
            )
        return term

    def sort_key(self) -> tuple:
        return (self.lang, status_rank(self.status), self.text)

    @property
    def approved(self) -> bool:
        return self.status in APPROVED


@dataclass
class Concept:
    id: str
    terms: list[Term] = field(default_factory=list)
    domain: str | None = None
    definition: str | None = None
    note: str | None = None
    sources: list[str] = field(default_factory=list)
    created: str | None = None
    modified: str | None = None
    author: str | None = None

    def cleaned(self) -> Concept:
        sources: list[str] = []
        for source in self.sources:
            source = clean_text(source, "source")
            if SOURCE_SEPARATOR in source:
                raise InputError(f"source {_describe(source)} may not contain ' | '")
            if source not in sources:
                sources.append(source)
        concept = replace(
            self,
            id=check_concept_id(self.id),
            terms=sorted((t.cleaned() for t in self.terms), key=Term.sort_key),
            domain=clean_optional(self.domain, "domain"),
            definition=clean_optional(self.definition, "definition", multiline=True),
            note=clean_optional(self.note, "note", multiline=True),
            sources=sources,
            created=check_date(self.created, "created date"),
            modified=check_date(self.modified, "modified date"),
            author=clean_optional(self.author, "author"),
        )
        seen: set[tuple[str, str]] = set()
        for term in concept.terms:
            if (term.lang, term.text) in seen:
                raise InputError(f"term {term.text!r} ({term.lang}) is twice in concept {self.id}")
            seen.add((term.lang, term.text))
        check_one_preferred(concept.terms)
        return concept

    def terms_in(self, lang: str) -> list[Term]:
        return [t for t in self.terms if t.lang == lang]

    def terms_on(self, lang: str, date: str | None) -> list[Term]:
        """The terms a text of ``date`` may use in ``lang`` (:meth:`Term.status_on`),
        preferred first; without a date, the approved terms."""
        return sorted(
            (t for t in self.terms_in(lang) if t.approved_on(date)),
            key=lambda t: (status_rank(t.status_on(date)), status_rank(t.status), t.text),
        )

    def preferred(self, lang: str) -> Term | None:
        """The term to use in ``lang``: the preferred one, else the first admitted one."""
        for term in sorted(self.terms_in(lang), key=Term.sort_key):
            if term.approved:
                return term
        return None

    def find_term(self, lang: str, text: str) -> Term | None:
        for term in self.terms:
            if term.lang == lang and term.text == text:
                return term
        return None

    def label(self, lang: str = "en") -> str:
        """A short human label: the preferred term in ``lang``, or any term."""
        term = self.preferred(lang) or (self.terms[0] if self.terms else None)
        return term.text if term else self.id


@dataclass
class Segment:
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: str | None = None
    date: str | None = None
    translator: str | None = None
    note: str | None = None

    def cleaned(self) -> Segment:
        return Segment.clean(
            self.source_lang,
            self.target_lang,
            self.source,
            self.target,
            self.origin,
            self.date,
            self.translator,
            self.note,
        )

    @classmethod
    def clean(
        cls,
        source_lang: str,
        target_lang: str,
        source: str,
        target: str,
        origin: str | None = None,
        date: str | None = None,
        translator: str | None = None,
        note: str | None = None,
    ) -> Segment:
        """``Segment(...).cleaned()`` without the first Segment (readers of large files
        make millions)."""
        return cls(
            normalise_lang(source_lang),
            normalise_lang(target_lang),
            clean_text(source, "source text", multiline=True, most=MAX_SEGMENT),
            clean_text(target, "target text", multiline=True, most=MAX_SEGMENT),
            clean_optional(origin, "origin") if origin is not None else None,
            check_date(date, "date") if date is not None else None,
            clean_optional(translator, "translator") if translator is not None else None,
            clean_optional(note, "note", multiline=True) if note is not None else None,
        )

    @property
    def key(self) -> str:
        """A stable id for the pair: identical pairs have the same key."""
        return segment_key(self.source_lang, self.target_lang, self.source, self.target)


def segment_key(source_lang: str, target_lang: str, source: str, target: str) -> str:
    data = "\x1f".join((source_lang, target_lang, source, target)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def slugify(text: str, max_length: int = 60) -> str:
    """An ASCII slug of ``text`` for concept ids ("Ministry of State Security" →
    "ministry-of-state-security"); empty when ``text`` has no Latin letters or digits."""
    text = re.sub("['’ʼ‘`]", "", text)  # Ch'ongjin → chongjin, not ch-ongjin
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug


def foreign_id_source(file_name: str, what: str, value: str) -> str:
    """Where an entry came from, as a concept source: ``terms.tbx: entry c1``.

    An id another tool gave an entry is provenance, never a sajeon concept id: two
    termbases that both number their entries from ``c1`` are not one glossary."""
    value = " ".join(value.split()).replace(SOURCE_SEPARATOR, " / ")
    return f"{file_name}: {what} {value}"


def new_concept_id(label: str, taken: set[str] | frozenset[str]) -> str:
    """A readable, unique, XML-safe id made from ``label`` (usually the English term)."""
    # "kwalliso (political penal-labour colony)" → "kwalliso": glosses make poor ids
    base = slugify(re.sub(r"\s*\([^)]*\)", "", label)) or slugify(label)
    if not base:
        base = "c-" + hashlib.sha256(label.encode("utf-8")).hexdigest()[:8]
    elif base[0].isdigit():
        base = "c-" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
