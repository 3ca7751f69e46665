"""Impossible calendar dates at every door that takes a date; two preferred terms in one
language of one concept from every format that carries statuses; a TBX term with two
administrative statuses (issue 15, bullet 2)."""

from __future__ import annotations

from collections.abc import Iterator

from . import Case

#: Days the calendar does not have (2024-02-29 does exist: 2024 is a leap year).
BAD_DAYS = ("2020-02-30", "2021-04-31", "2021-02-29", "2021-13-01", "2021-06-00")
#: Months that do not exist, where a partial date (YYYY-MM) is taken.
BAD_MONTHS = ("2021-13", "2021-00")
#: What the one date check of sajeon says of each.
INVALID = r"is not a valid date"

KO, EN = "온성군 보위부", "Onsong County MSS"


def _e(text: str) -> bytes:
    return text.encode("utf-8")


# --------------------------------------------------------------------------- file templates


def tbx(
    ko_tigs: str, en_tigs: str = "<tig><term>Foo Agency</term></tig>", transac: str = ""
) -> bytes:
    """A TBX-Basic 2008 file of one entry; the entry is on line 5, the Korean <langSet> on
    line 6 and its first <tig> on line 7."""
    return _e(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<martif type="TBX-Basic" xml:lang="en">\n'
        "<martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader>\n"
        "<text><body>\n"
        f'<termEntry id="c1">{transac}\n'
        '<langSet xml:lang="ko">\n'
        f"{ko_tigs}\n"
        "</langSet>\n"
        f'<langSet xml:lang="en">{en_tigs}</langSet>\n'
        "</termEntry>\n"
        "</body></text></martif>\n"
    )


def tbx3(ko_secs: str) -> bytes:
    """A TBX v3 (DCA) file of one entry: the same lines as :func:`tbx`."""
    return _e(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>\n"
        "<text><body>\n"
        '<conceptEntry id="c1">\n'
        '<langSec xml:lang="ko">\n'
        f"{ko_secs}\n"
        "</langSec>\n"
        '<langSec xml:lang="en"><termSec><term>Foo Agency</term></termSec></langSec>\n'
        "</conceptEntry>\n"
        "</body></text></tbx>\n"
    )


def tig(text: str, *notes: str, tag: str = "tig") -> str:
    return f"<{tag}><term>{text}</term>{''.join(notes)}</{tag}>"


def status(value: str) -> str:
    return f'<termNote type="administrativeStatus">{value}</termNote>'


def tmx(attributes: str) -> bytes:
    """A TMX of one unit, on line 5, with these attributes."""
    return _e(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4">\n'
        '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="ko" datatype="plaintext"/>\n'
        "<body>\n"
        f'<tu {attributes}><tuv xml:lang="ko"><seg>{KO}에서 조사했다.</seg></tuv>'
        f'<tuv xml:lang="en"><seg>The {EN} investigated.</seg></tuv></tu>\n'
        "</body>\n"
        "</tmx>\n"
    )


def po_header(kind: str = "", revised: str = "2024-11-28 10:00+0900", created: str = "") -> str:
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: t\\n"',
        f'"POT-Creation-Date: {created or revised}\\n"',
        f'"PO-Revision-Date: {revised}\\n"',
        '"Last-Translator: Kim <kim@example.org>\\n"',
        '"Language: en\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"X-Source-Language: ko\\n"',
    ]
    if kind:
        lines.append(f'"X-Sajeon-Kind: {kind}\\n"')
    return "\n".join(lines) + "\n\n"


def po_memory(date: str) -> bytes:
    """sajeon's memory PO: each entry's date in a ``#. Date:`` comment."""
    return _e(
        po_header("memory")
        + f"#. Date: {date}\n"
        + 'msgctxt "k1"\n'
        + f'msgid "{KO}에서 조사했다."\n'
        + f'msgstr "The {EN} investigated."\n'
    )


def po_foreign(revised: str = "2024-11-28 10:00+0900", created: str = "") -> bytes:
    """Another tool's PO: the date of its entries is the header's."""
    return _e(
        po_header(revised=revised, created=created)
        + f'msgid "{KO}에서 조사했다."\nmsgstr "The {EN} investigated."\n'
    )


def po_glossary(*term_lines: str, created: str = "") -> bytes:
    comments = "".join(f"#. {line}\n" for line in term_lines)
    if created:
        comments += f"#. Created: {created}\n"
    return _e(po_header("glossary") + comments + f'msgctxt "c1"\nmsgid "{KO}"\nmsgstr "{EN}"\n')


SHEET_TERM = ("status", "pos", "type", "valid from", "valid until", "note")
SHEET_HEADER = (
    *("id", "domain", "definition", "note", "sources", "created", "modified", "author"),
    *("source", *(f"ko {c}" for c in SHEET_TERM)),
    *("ko 2", *(f"ko 2 {c}" for c in SHEET_TERM)),
    *("target", *(f"en {c}" for c in SHEET_TERM)),
)


def sheet(row: dict[str, str], delimiter: str = ",") -> bytes:
    """sajeon's spreadsheet (one row per concept, two Korean term slots)."""
    values = {"id": "c1", "source": KO, "ko status": "preferred", "target": EN}
    values.update(row)
    cells = [values.get(column, "") for column in SHEET_HEADER]
    return _e(delimiter.join(SHEET_HEADER) + "\n" + delimiter.join(cells) + "\n")


TERM_ROWS = (
    *("concept", "domain", "definition", "concept_note", "sources", "created", "modified"),
    *("author", "lang", "term", "status", "pos", "type", "valid_from", "valid_until"),
    "term_note",
)


def term_rows(*rows: dict[str, str]) -> bytes:
    """The old term-per-row layout (one row per term; the concept's fields repeat)."""
    lines = ["\t".join(TERM_ROWS)]
    for row in rows:
        values = {"concept": "c1", "status": "preferred", **row}
        lines.append("\t".join(values.get(column, "") for column in TERM_ROWS))
    return _e("\n".join(lines) + "\n")


OMEGAT_CONCEPT = "#sajeon:concept\tc1\tsecurity\t\t\t\t{created}\t{created}\t\n"
OMEGAT_TERM = "#sajeon:term\t{lang}\t{text}\t{status}\t\t\t{valid_from}\t{valid_until}\t\n"


def omegat(*terms: dict[str, str], created: str = "2024-11-28") -> bytes:
    """sajeon's OmegaT glossary: the #sajeon: lines carry the whole concept."""
    text = "#sajeon:pair\tko\ten\n" + OMEGAT_CONCEPT.format(created=created)
    for term in terms:
        values = {"status": "preferred", "valid_from": "", "valid_until": "", **term}
        text += OMEGAT_TERM.format(**values)
    return _e(text + f"{KO}\t{EN}\t\n")


def review(date: str) -> bytes:
    """An alignment review file (sajeon align -o) with its ``# date`` line on line 2."""
    return _e(
        "# sajeon alignment review\t1\n"
        f"# date\t{date}\n"
        "# source file\tko.txt\n"
        "# target file\ten.txt\n"
        "# threshold\t0.90\n"
        "status\tconfidence\tko#\ten#\tko\ten\tnote\tevidence\n"
        f"ok\t0.99\t1\t1\t{KO}에서 조사했다.\tThe {EN} investigated.\t\t\n"
    )


def memory_tsv(date: str) -> bytes:
    """A memory file as a spreadsheet leaves it: the date column on line 2."""
    return _e(
        "ko\ten\torigin\tdate\ttranslator\tnote\n"
        f"{KO}에서 조사했다.\tThe {EN} investigated.\tt\t{date}\tKim\t\n"
    )


def glossary_terms(valid_from: str = "", second_status: str = "admitted") -> bytes:
    """glossary/ files as a hand edit leaves them: one concept, its terms on lines 2-4."""
    return _e(
        "concept\tlang\tterm\tstatus\tpos\ttype\tvalid_from\tvalid_until\tnote\n"
        f"zz-test\ten\t{EN}\tpreferred\t\t\t{valid_from}\t\t\n"
        f"zz-test\tko\t{KO}\tpreferred\t\t\t\t\t\n"
        f"zz-test\tko\t온성군보위부\t{second_status}\t\t\t\t\t\n"
    )


# --------------------------------------------------------------------------- the cases


def _date_cases() -> Iterator[Case]:
    yield from _option_dates()
    yield from _glossary_file_dates()
    yield from _memory_file_dates()


def _option_dates() -> Iterator[Case]:
    """A date given as an option is a bad option: exit 2."""
    partial = BAD_DAYS + BAD_MONTHS
    for day in partial:
        yield Case(
            f"term add --valid-from {day}",
            ("term", "add", "새 기관", "New Agency", "--valid-from", day),
            "dates",
            exit_code=2,  # a bad option
            message=rf"'{day}' {INVALID}",
        )
        yield Case(
            f"term set --valid-until {day}",
            ("term", "set", "국가보위성", "--valid-until", day),
            "dates",
            exit_code=2,  # a bad option
            message=rf"'{day}' {INVALID}",
        )
        yield Case(
            f"lookup --date {day}",
            ("lookup", "국가보위성", "--date", day),
            "dates",
            exit_code=2,  # a bad option
            message=rf"'{day}' {INVALID}",
        )
        yield Case(
            f"terms --date {day}",
            ("terms", "국가보위성에서 조사했다.", "--date", day),
            "dates",
            exit_code=2,  # a bad option
            message=rf"'{day}' {INVALID}",
        )
    for day in BAD_DAYS:
        yield Case(
            f"segment add --date {day}",
            ("segment", "add", "새 문장입니다.", "A new sentence.", "--date", day),
            "dates",
            exit_code=2,  # a bad option
            message=rf"'{day}' {INVALID}",
        )
        yield Case(
            f"term add --valid-until {day}",
            ("term", "add", "새 기관", "New Agency", "--valid-until", day),
            "dates",
            exit_code=2,  # a bad option
            message=rf"'{day}' {INVALID}",
        )
    yield Case(
        "check --date 2021-02-29",
        ("check", "m.tsv", "--date", "2021-02-29"),
        "dates",
        exit_code=2,
        message=rf"'2021-02-29' {INVALID}",
        files={"m.tsv": memory_tsv("2024-11-28")},
    )
    yield Case(
        "align --date 2021-04-31",
        ("align", "ko.txt", "en.txt", "--date", "2021-04-31", "-o", "r.tsv"),
        "dates",
        exit_code=2,
        message=rf"'2021-04-31' {INVALID}",
        files={"ko.txt": _e(f"{KO}에서 조사했다.\n"), "en.txt": _e(f"The {EN} investigated.\n")},
    )


def _glossary_file_dates() -> Iterator[Case]:
    for day in BAD_DAYS:
        yield Case(
            f"import tbx <date> {day}",
            ("import", "d.tbx"),
            "dates",
            message=rf"d\.tbx:5: date '{day}T10:00:00Z' {INVALID}",
            files={
                "d.tbx": tbx(
                    tig(KO),
                    transac=(
                        "<transacGrp><transac>origination</transac>"
                        f"<date>{day}T10:00:00Z</date></transacGrp>"
                    ),
                )
            },
        )
        yield Case(
            f"import tbx validity note {day}",
            ("import", "v.tbx"),
            "dates",
            message=rf"v\.tbx:7: valid-from date '{day}' {INVALID}",
            files={"v.tbx": tbx(tig(KO, f"<note>Valid from: {day}</note>"))},
        )
        yield Case(
            f"import csv valid from {day}",
            ("import", "s.csv"),
            "dates",
            message=rf"s\.csv:2: column 'ko valid from': .*'{day}' {INVALID}",
            files={"s.csv": sheet({"ko valid from": day})},
        )
        yield Case(
            f"import tsv created {day}",
            ("import", "s.tsv"),
            "dates",
            message=rf"s\.tsv:2: created date '{day}' {INVALID}",
            files={"s.tsv": sheet({"created": day}, "\t")},
        )
        yield Case(
            f"import term rows valid until {day}",
            ("import", "t.tsv"),
            "dates",
            message=rf"t\.tsv:2: .*'{day}' {INVALID}",
            files={"t.tsv": term_rows({"lang": "ko", "term": KO, "valid_until": day})},
        )
        yield Case(
            f"import omegat valid from {day}",
            ("import", "g.utf8"),
            "dates",
            message=rf"g\.utf8:\d+: .*'{day}' {INVALID}",
            files={"g.utf8": omegat({"lang": "ko", "text": KO, "valid_from": day})},
        )
        yield Case(
            f"import po glossary from {day}",
            ("import", "g.po"),
            "dates",
            message=rf"g\.po:\d+: .*'{day}' {INVALID}",
            files={"g.po": po_glossary(f"ko preferred: {KO} | from {day}")},
        )
        yield Case(
            f"build glossary/terms.tsv {day}",
            ("build",),
            "dates",
            message=rf"terms\.tsv:\d+: valid-from date '{day}' {INVALID}",
            files=_hand_edit(glossary_terms(valid_from=day)),
        )
    for month in BAD_MONTHS:
        yield Case(
            f"import tbx validity note {month}",
            ("import", "v.tbx"),
            "dates",
            message=rf"v\.tbx:7: valid-until date '{month}' {INVALID}",
            files={"v.tbx": tbx(tig(KO, f"<note>Valid until: {month}</note>"))},
        )
        yield Case(
            f"import csv valid until {month}",
            ("import", "s.csv"),
            "dates",
            message=rf"s\.csv:2: column 'ko valid until': .*'{month}' {INVALID}",
            files={"s.csv": sheet({"ko valid until": month})},
        )


def _memory_file_dates() -> Iterator[Case]:
    for day in BAD_DAYS:
        stamp = day.replace("-", "") + "T120000Z"
        yield Case(
            f"import tmx creationdate {stamp}",
            ("import", "m.tmx"),
            "dates",
            message=rf"m\.tmx:5: date '{stamp}' {INVALID}",
            files={"m.tmx": tmx(f'creationdate="{stamp}"')},
        )
        yield Case(
            f"import po memory Date {day}",
            ("import", "m.po"),
            "dates",
            message=rf"m\.po:\d+: date '{day}' {INVALID}",
            files={"m.po": po_memory(day)},
        )
        yield Case(
            f"import po header PO-Revision-Date {day}",
            ("import", "f.po", "--as", "memory"),
            "dates",
            message=rf"f\.po: header PO-Revision-Date '{day} 10:00\+0900' {INVALID}",
            files={"f.po": po_foreign(f"{day} 10:00+0900")},
        )
        yield Case(
            f"import review file # date {day}",
            ("import", "r.tsv"),
            "dates",
            message=rf"r\.tsv.*date '{day}' {INVALID}",
            files={"r.tsv": review(day)},
        )
        yield Case(
            f"build memory date column {day}",
            ("build",),
            "dates",
            message=rf"x\.tsv:2: date '{day}' {INVALID}",
            files={"memory/x.tsv": memory_tsv(day)},
        )
        yield Case(
            f"check tsv date column {day}",
            ("check", "c.tsv"),
            "dates",
            message=rf"c\.tsv:2: date '{day}' {INVALID}",
            files={"c.tsv": memory_tsv(day)},
        )
    # the clock of a TMX date: hour 25, minute 61, second 61
    for stamp in ("20240229T250000Z", "20240229T126100Z", "20240229T120061Z"):
        for attribute in ("creationdate", "changedate"):
            yield Case(
                f"import tmx {attribute} {stamp}",
                ("import", "m.tmx"),
                "dates",
                message=rf"m\.tmx:5: date '{stamp}' {INVALID}",
                files={"m.tmx": tmx(f'{attribute}="{stamp}"')},
            )
        yield Case(
            f"check tmx {stamp}",
            ("check", "m.tmx"),
            "dates",
            message=rf"m\.tmx:5: date '{stamp}' {INVALID}",
            files={"m.tmx": tmx(f'creationdate="{stamp}"')},
        )
    for day in ("2021-02-29", "2021-04-31"):
        yield Case(
            f"check po POT-Creation-Date {day}",
            ("check", "f.po"),
            "dates",
            message=rf"f\.po: header POT-Creation-Date '{day}' {INVALID}",
            files={"f.po": po_foreign(created=f"{day} 10:00+0900")},
        )
        yield Case(
            f"check review file # date {day}",
            ("check", "r.tsv"),
            "dates",
            message=rf"r\.tsv.*date '{day}' {INVALID}",
            files={"r.tsv": review(day)},
        )


def _hand_edit(terms: bytes, created: str = "2024-11-28") -> dict[str, bytes]:
    """glossary/concepts.tsv and terms.tsv of the bundled project with one concept more,
    written as a hand edit would (the runner copies the bundled project first; these files
    replace its glossary with this one concept)."""
    return {
        "glossary/concepts.tsv": _e(
            "id\tdomain\tdefinition\tnote\tsources\tcreated\tmodified\tauthor\n"
            f"zz-test\tsecurity\t\t\t\t{created}\t{created}\t\n"
        ),
        "glossary/terms.tsv": terms,
    }


def _preferred_cases() -> Iterator[Case]:
    two = r"two preferred ko terms, '{a}' and '{b}'"
    message = two.format(a=KO, b="온성군보위부")
    yield Case(
        "import tbx two preferred",
        ("import", "p.tbx"),
        "preferred",
        message=r"p\.tbx:8: entry 'c1': " + message,
        files={
            "p.tbx": tbx(
                tig(KO, status("preferredTerm-admn-sts"))
                + "\n"
                + tig("온성군보위부", status("preferredTerm-admn-sts"))
            )
        },
    )
    yield Case(
        "import tbx two preferred, ntig",
        ("import", "p.tbx"),
        "preferred",
        message=r"p\.tbx:8: entry 'c1': " + message,
        files={
            "p.tbx": tbx(
                tig(KO, status("preferredTerm-admn-sts"), tag="ntig")
                + "\n"
                + tig("온성군보위부", status("preferred"), tag="ntig")
            )
        },
    )
    yield Case(
        "import tbx two preferred, one unmarked",
        ("import", "p.tbx"),
        "preferred",
        message=r"p\.tbx:9: entry 'c1': two preferred ko terms, '온성군보위부' and '보위부'",
        files={
            "p.tbx": tbx(
                tig(KO)
                + "\n"
                + tig("온성군보위부", status("preferredTerm-admn-sts"))
                + "\n"
                + tig("보위부", status("preferredTerm-admn-sts"))
            )
        },
    )
    for flavour in ("preferredTerm-admn-sts", "preferred"):
        yield Case(
            f"import tbx3 two preferred ({flavour})",
            ("import", "p.tbx"),
            "preferred",
            message=r"p\.tbx:8: entry 'c1': " + message,
            files={
                "p.tbx": tbx3(
                    tig(KO, status(flavour), tag="termSec")
                    + "\n"
                    + tig("온성군보위부", status(flavour), tag="termSec")
                )
            },
        )
    yield Case(
        "import csv sheet two preferred",
        ("import", "s.csv"),
        "preferred",
        message=r"s\.csv:2: " + message,
        files={"s.csv": sheet({"ko 2": "온성군보위부", "ko 2 status": "preferred"})},
    )
    yield Case(
        "import tsv sheet two preferred",
        ("import", "s.tsv"),
        "preferred",
        message=r"s\.tsv:2: " + message,
        files={"s.tsv": sheet({"ko 2": "온성군보위부", "ko 2 status": "preferred"}, "\t")},
    )
    yield Case(
        "import term rows two preferred",
        ("import", "t.tsv"),
        "preferred",
        message=r"t\.tsv:2: " + message,
        files={
            "t.tsv": term_rows(
                {"lang": "ko", "term": KO},
                {"lang": "ko", "term": "온성군보위부"},
                {"lang": "en", "term": EN},
            )
        },
    )
    yield Case(
        "import mapped csv two preferred",
        ("import", "m.csv", "--map", "korean=ko", "--map", "english=en", "--map", "st=status"),
        "preferred",
        message=r"m\.csv:3: .*two preferred en terms, 'Onsong County MSS' and 'Onsong MSS'",
        files={"m.csv": _e(f"korean,english,st\n{KO},{EN},preferred\n{KO},Onsong MSS,preferred\n")},
    )
    yield Case(
        "import omegat two preferred",
        ("import", "g.utf8"),
        "preferred",
        message=r"g\.utf8:\d+: .*" + message,
        files={
            "g.utf8": omegat(
                {"lang": "en", "text": EN},
                {"lang": "ko", "text": KO},
                {"lang": "ko", "text": "온성군보위부"},
            )
        },
    )
    yield Case(
        "import po glossary two preferred",
        ("import", "g.po"),
        "preferred",
        message=r"g\.po:\d+: .*" + message,
        files={"g.po": po_glossary(f"ko preferred: {KO}", "ko preferred: 온성군보위부")},
    )
    yield Case(
        "build glossary/terms.tsv two preferred",
        ("build",),
        "preferred",
        message=r"terms\.tsv:4: concept zz-test: " + message,
        files=_hand_edit(glossary_terms(second_status="preferred")),
    )


def _status_cases() -> Iterator[Case]:
    pairs = (
        ("preferredTerm-admn-sts", "deprecatedTerm-admn-sts"),
        ("admittedTerm-admn-sts", "preferredTerm-admn-sts"),
        ("preferredTerm-admn-sts", "notRecommended"),
        ("supersededTerm-admn-sts", "admittedTerm-admn-sts"),
        ("preferred", "forbidden"),
        ("deprecatedTerm-admn-sts", "admitted"),
    )
    for first, second in pairs:
        yield Case(
            f"import tbx tig {first} + {second}",
            ("import", "s.tbx"),
            "tbx-status",
            message=rf"s\.tbx:7: <tig> has two administrative statuses, '{first}' .* '{second}'",
            files={"s.tbx": tbx(tig(KO, status(first), status(second)))},
        )
    yield Case(
        "import tbx ntig two statuses",
        ("import", "s.tbx"),
        "tbx-status",
        message=r"s\.tbx:7: <ntig> has two administrative statuses",
        files={
            "s.tbx": tbx(
                tig(
                    KO,
                    status("preferredTerm-admn-sts"),
                    status("admittedTerm-admn-sts"),
                    tag="ntig",
                )
            )
        },
    )
    yield Case(
        "import tbx3 termSec two statuses",
        ("import", "s.tbx"),
        "tbx-status",
        message=r"s\.tbx:7: <termSec> has two administrative statuses",
        files={
            "s.tbx": tbx3(
                tig(
                    KO,
                    status("preferredTerm-admn-sts"),
                    status("deprecatedTerm-admn-sts"),
                    tag="termSec",
                )
            )
        },
    )
    yield Case(
        "import tbx English tig two statuses",
        ("import", "s.tbx"),
        "tbx-status",
        message=r"s\.tbx:9: <tig> has two administrative statuses",
        files={
            "s.tbx": tbx(
                tig(KO),
                en_tigs=tig("Foo Agency", status("admitted"), status("forbidden")),
            )
        },
    )


def cases() -> Iterator[Case]:
    yield from _date_cases()
    yield from _preferred_cases()
    yield from _status_cases()
