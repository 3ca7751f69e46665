"""Every option of every command, given values no command should take (issue 15, bullet 1),
and the CSV cases of bullet 2: a header with no rows, a mapping without its '='.

The options are found by walking the click command tree, so a new option is tried as soon
as it exists; a new command needs a valid base invocation in ``BASE`` (below), and the
corpus refuses to load without one. Each case is the base invocation with one option
added:

* a numeric option gets NaN, infinities, an empty string, words, overflow, and values
  just outside its range: refused (exit 2) naming the option;
* a choice, a language tag or a file name gets an empty and an over-long value, and a
  value that is none of its kind: refused the same way;
* a free text option (a note, an origin) may well take an over-long or an empty value:
  those cases are ``may_accept`` (no traceback; a refusal, if any, in one line).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from sajeon.cli import DateOption, FilePath, Text, cli
from sajeon.formats import csvfile

from . import Case, numbers

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


# A valid invocation of each command (it exits 0 on the bundled project), and the files it
# needs, relative to the project root. Every command must have one.
BASE: dict[str, tuple[tuple[str, ...], dict[str, bytes]]] = {
    "init": (("init", "fresh"), {}),
    "build": (("build",), {}),
    "stats": (("stats",), {}),
    "term add": (("term", "add", "새별군", "Saebyol County"), {}),
    "term set": (("term", "set", "국가보위성", "--status", "preferred"), {}),
    "term rm": (("term", "rm", "국가보위성"), {}),
    "term show": (("term", "show", "국가보위성"), {}),
    "term list": (("term", "list"), {}),
    "term search": (("term", "search", "보위"), {}),
    "concept set": (("concept", "set", "ministry-of-state-security", "--domain", "security"), {}),
    "concept merge": (("concept", "merge", "captain", "captain-commander"), {}),
    "segment add": (
        ("segment", "add", "보위부가 주민 3명을 체포했다.", "The MSS arrested three residents."),
        {},
    ),
    "segment search": (("segment", "search", "보위부"), {}),
    "import": (
        ("import", "terms.csv", "--map", "한국어=ko", "--map", "English=en", "--dry-run"),
        {"terms.csv": example("terms.csv")},
    ),
    "align": (
        ("align", "ko.txt", "en.txt"),
        {"ko.txt": example("ko.txt"), "en.txt": example("en.txt")},
    ),
    # never started: see SERVE_GUARD
    "serve": (("serve",), {}),
    "snapshot": (("snapshot", "copy.db"), {}),
    "export": (("export", "-d", "out"), {}),
    "lookup": (("lookup", "보위부가 주민 3명을 체포했다."), {}),
    "terms": (("terms", "국가보위성에서 지시를 내렸다."), {}),
    "extract": (("extract",), {}),
    "check": (("check", "memory/ko-en.tsv"), {}),
    "pretranslate": (("pretranslate", "article.po"), {"article.po": example("article.po")}),
    "romanize": (("romanize", "회령시"), {}),
}

# sajeon serve would run until stopped if a fuzzed value were taken: a missing metadata
# file after the value makes sure it stops at the options either way (click checks them in
# the order given, so the fuzzed one still speaks first).
SERVE_GUARD = ("--metadata", "no-such-metadata.json")

# Over-long values: under Linux's 128 KiB limit for one argument (Hangul is 3 bytes).
LONG_TEXT = "보위" * 20_000
LONG_NAME = "x" * 5_000  # longer than any path (4,096)

# Text options that need a value, with values they must refuse (exit 2).
STRICT_TEXT: dict[str, tuple[str, ...]] = {
    "--delimiter": ("", ";;", "\\n", '"', LONG_TEXT),
    "--map": ("", "korean", "=ko", "korean=", "korean=no such field", LONG_TEXT),
    "-m": ("korean",),  # the deprecated spelling of --map
    "--encoding": ("", "no-such-encoding", "base64", LONG_TEXT),
    "--synonyms": ("",),
    "--source-separator": ("",),
    "--host": ("",),
}


def commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> dict[str, click.Command]:
    """Every command of the tree by its name ("term add"), groups left out."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, (*prefix, name)))
        else:
            found[" ".join((*prefix, name))] = command
    return found


def _long_name(option: click.Option) -> str:
    return max(option.opts, key=len)


def _is_lang(option: click.Option) -> bool:
    return getattr(option.callback, "__name__", "") == "_lang"


def bad_values(option: click.Option) -> Iterator[tuple[str, bool]]:
    """(value, strict) pairs for one option: strict ones must be refused with exit 2."""
    kind = option.type
    name = _long_name(option)
    if name in STRICT_TEXT:
        yield from ((value, True) for value in STRICT_TEXT[name])
    elif isinstance(kind, click.types._NumberParamTypeBase):
        low, high = getattr(kind, "min", None), getattr(kind, "max", None)
        yield from ((value, True) for value in numbers(name, minimum=low))
        extra = ["-1"] + ([str(high + 1)] if high is not None else [])
        yield from ((value, True) for value in extra if value != str(low - 1))
    elif isinstance(kind, click.Choice):
        yield from (("", True), ("no-such-choice", True), (LONG_TEXT, True))
    elif _is_lang(option):
        yield from (("", True), ("not a language", True), ("ko" * 1_000, True))
    elif isinstance(kind, FilePath):
        yield from (("", True), (LONG_NAME, True))
    elif isinstance(kind, DateOption):  # empty clears a date where the option says so
        yield from (("", not kind.clearable), ("2021-02-29", True), (LONG_TEXT, True))
    elif isinstance(kind, Text):
        yield from (("", True), (LONG_TEXT, False))
    else:  # free text: a note, an origin, a validity date (the dates bullet checks those)
        yield from (("", False), (LONG_TEXT, False))


def _fuzzable(param: click.Parameter) -> bool:
    return (
        isinstance(param, click.Option)
        and not param.is_flag
        and param.name not in ("help", "version")
        and param.nargs == 1
    )


def option_cases() -> Iterator[Case]:
    every = commands()
    missing = sorted(set(every) - set(BASE))
    if missing:
        raise LookupError(
            f"tests/badinput/cases_options.py: no base invocation in BASE for "
            f"{', '.join('sajeon ' + m for m in missing)}; add a valid one"
        )
    # the group's own options (-C, --db) on a command that only reads
    targets = [("", cli, BASE["stats"])] + [(p, c, BASE[p]) for p, c in every.items()]
    for path, command, (argv, files) in targets:
        for option in filter(_fuzzable, command.params):
            name = _long_name(option)
            for value, strict in bad_values(option):
                shown = value if len(value) <= 20 else f"<{len(value)} characters>"
                args = (*argv, name, value) if path else (name, value, *argv)
                if path == "serve":
                    args += SERVE_GUARD
                yield Case(
                    f"{path or 'sajeon'} {name} {shown!r}",
                    args,
                    "options",
                    exit_code=2,
                    message=f"'{name}'" if strict else "",
                    files=files,
                    may_accept=not strict,
                )
        for option in (p for p in command.params if isinstance(p, click.Option) and p.nargs == 2):
            name = _long_name(option)  # serve --setting NAME VALUE
            for pair in (("", ""), ("no_such_setting", "1"), ("sql_time_limit_ms", "nan")):
                yield Case(
                    f"{path} {name} {pair!r}",
                    (*argv, name, *pair, *SERVE_GUARD),
                    "options",
                    exit_code=2,
                    message=f"'{name}'",
                    files=files,
                )


# ---------------------------------------------------------------------------- bullet 1
# The tracebacks the issue names, one by one.

WIDE = "가" * 200_000  # more than the csv module's field limit (131,072)
MAPPED = ("--map", "korean=ko", "--map", "english=en")


def traceback_cases() -> Iterator[Case]:
    big_header = f"korean,english,{WIDE}\n국가보위성,Ministry of State Security,x\n"
    yield Case(
        "import csv header with a 200,000-character field",
        ("import", "big.csv", *MAPPED),
        "traceback",
        message=r"big\.csv:1: a field longer than 131,072 characters",
        files={"big.csv": big_header.encode()},
    )
    big_row = f"korean,english\n국가보위성,{WIDE}\n"
    yield Case(
        "import csv row with a 200,000-character field",
        ("import", "big.csv", *MAPPED),
        "traceback",
        message=r"big\.csv:2: a field longer than",
        files={"big.csv": big_row.encode()},
    )
    yield Case(
        "import csv header with a quote left open",
        ("import", "open.csv", *MAPPED),
        "traceback",
        message=r"open\.csv:\d+: a field longer than .* \(a quote left open\?\)",
        files={"open.csv": ('korean,"english\n' + "국가보위성,x\n" * 20_000).encode()},
    )
    sheet = example("terms.csv")  # stands in for any file: the header is read first
    yield Case(
        "import sheet csv header with a 200,000-character field",
        ("import", "wide.csv"),
        "traceback",
        message=r"wide\.csv:1: a field longer than",
        files={"wide.csv": f"id,{WIDE}\n".encode() + sheet},
    )
    yield Case(
        "import csv --delimiter ';;'",
        ("import", "terms.csv", *MAPPED, "--delimiter", ";;"),
        "traceback",
        exit_code=2,
        message=r"'--delimiter'.*must be one character",
        files={"terms.csv": sheet},
    )
    yield Case(
        "lookup --limit -1",
        ("lookup", "체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다.", "--limit", "-1"),
        "traceback",
        exit_code=2,
        message=r"'--limit'",
    )
    po = example("article.po")
    for value in ("nan", "inf", "-inf", "NaN", "1e400"):
        yield Case(
            f"lookup --min-score {value} (traceback)",
            ("lookup", "보위부가 주민 3명을 체포했다.", "--min-score", value),
            "traceback",
            exit_code=2,
            message=r"'--min-score'",
        )
        yield Case(
            f"pretranslate --min-score {value} (traceback)",
            ("pretranslate", "article.po", "--min-score", value),
            "traceback",
            exit_code=2,
            message=r"'--min-score'",
            files={"article.po": po},
        )
    for value in ("-5", "0", "1", "2"):  # polib wraps at width - 2: 1 and 2 raised
        yield Case(
            f"pretranslate --width {value} (traceback)",
            ("pretranslate", "article.po", "--width", value),
            "traceback",
            exit_code=2,
            message=r"'--width'",
            files={"article.po": po},
        )
    for command in (("term", "search", "보위"), ("segment", "search", "보위")):
        yield Case(
            f"{' '.join(command[:2])} --limit 10**30 (SQLite overflow)",
            (*command, "--limit", str(10**30)),
            "traceback",
            exit_code=2,
            message=r"'--limit'",
        )
    yield Case(
        "align --threshold nan (taken as no threshold)",
        ("align", "ko.txt", "en.txt", "--threshold", "nan"),
        "traceback",
        exit_code=2,
        message=r"'--threshold'",
        files={"ko.txt": example("ko.txt"), "en.txt": example("en.txt")},
    )
    for command in (("stats",), ("build",), ("lookup", "보위부"), ("term", "add", "새별군", "x")):
        yield Case(
            f"--db naming the memory file, then {command[0]}",
            ("--db", "memory/ko-en.tsv", *command),
            "traceback",
            message=r"database error: .*ko-en\.tsv: file is not a database",
        )
    yield Case(
        "extract --min-count 0 (exit 2, not 1)",
        ("extract", "--min-count", "0"),
        "traceback",
        exit_code=2,
        message=r"'--min-count'",
    )


# ---------------------------------------------------------------------------- bullet 2: CSV


def _sheet_header(delimiter: str) -> bytes:
    """The header line of sajeon's own concept-per-row spreadsheet, as export writes it."""
    return (delimiter.join(csvfile.sheet_columns(["ko", "en"], [1, 1])) + "\n").encode()


def csv_cases() -> Iterator[Case]:
    headers = {
        "mapped csv": ("terms.csv", "한국어,English,분야\n".encode(), MAPPED_KO),
        "mapped csv, blank lines": ("terms.csv", "한국어,English\n\n,\n\n".encode(), MAPPED_KO),
        "mapped csv, BOM and CRLF": (
            "terms.csv",
            "\ufeff한국어,English\r\n".encode(),
            MAPPED_KO,
        ),
        "mapped tsv": ("terms.tsv", "한국어\tEnglish\n".encode(), MAPPED_KO),
        "mapped csv, semicolons": ("terms.csv", "한국어;English\n".encode(), MAPPED_KO),
        "sheet csv": ("sheet.csv", _sheet_header(","), ()),
        "sheet tsv": ("sheet.tsv", _sheet_header("\t"), ()),
        "sheet csv, any name": ("sheet.txt", _sheet_header(","), ("-f", "csv")),
        "term-per-row tsv": ("terms.tsv", TERM_ROWS_HEADER, ()),
    }
    for name, (file, data, extra) in headers.items():
        for dry in ((), ("--dry-run",)):
            yield Case(
                f"import {name} with a header and no rows{' (dry run)' if dry else ''}",
                ("import", file, *extra, *dry),
                "csv",
                message=r"no rows under the header",
                files={file: data},
            )
    terms = example("terms.csv")
    for spec, why in (
        ("korean", "must look like COLUMN=FIELD"),
        ("한국어", "must look like COLUMN=FIELD"),
        ("=ko", "must look like COLUMN=FIELD"),
        ("한국어=", "must look like COLUMN=FIELD"),
        ("", "must look like COLUMN=FIELD"),
        ("한국어=korean language", "neither a language tag nor one of"),
    ):
        for option in ("--map", "-m"):
            yield Case(
                f"import csv {option} {spec!r} with another mapping",
                ("import", "terms.csv", option, spec, "--map", "English=en"),
                "csv",
                exit_code=2,
                message=rf"'{option}'.*{why}",
                files={"terms.csv": terms},
            )
    yield Case(
        "import --map with the domain twice",
        ("import", "terms.csv", *MAPPED_KO, "--map", "분야=domain", "--map", "English=domain"),
        "csv",
        exit_code=2,
        message=r"'--map'",
        files={"terms.csv": terms},
    )
    for value in ("", ";;", "\\n", '"', "comma,semicolon"):
        yield Case(
            f"import csv --delimiter {value!r} with a mapping",
            ("import", "terms.csv", *MAPPED_KO, "--delimiter", value),
            "csv",
            exit_code=2,
            message=r"'--delimiter'",
            files={"terms.csv": terms},
        )


MAPPED_KO = ("--map", "한국어=ko", "--map", "English=en")
TERM_ROWS_HEADER = ("\t".join(csvfile.TERM_SHEET_COLUMNS) + "\n").encode()


def cases() -> Iterator[Case]:
    yield from option_cases()
    yield from traceback_cases()
    yield from csv_cases()
