"""PO files that every PO door refuses alike (issue 15, bullet 4): import, check and
pretranslate share one reader, so an unterminated string, a NUL, a control character, an
invalid escape or a plural header that msgfmt rejects is refused by all three with the
same line named."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from . import Case

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: badinput\\n"\n'
    '"PO-Revision-Date: 2025-03-14 09:00+0900\\n"\n'
    '"Last-Translator: J. Park\\n"\n'
    '"Language-Team: English\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Language: en\\n"\n'
    '"X-Source-Language: ko\\n"\n'
    "{plural}"
    "\n"
)
PLURAL_HEADER = '"Plural-Forms: {value}\\n"\n'
ENGLISH_PLURALS = "nplurals=2; plural=(n != 1);"
HEADER_LINES = 13  # lines of HEADER with one Plural-Forms line, the blank line included

ENTRY = (
    'msgid "온성군 보위부는 주민 3명을 체포했다."\n'
    'msgstr "The Onsong County MSS arrested three residents."\n'
)
UNTRANSLATED = '\nmsgid "체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다."\nmsgstr ""\n'


@dataclass(frozen=True)
class BadPO:
    name: str
    text: str
    message: str  # a regular expression for the error line
    msgfmt_rejects: bool  # whether `msgfmt -c` refuses it too (tests/test_po_reader.py)


def po_file(body: str, plural: str | None = ENGLISH_PLURALS) -> str:
    header = HEADER.replace("{plural}", PLURAL_HEADER.format(value=plural) if plural else "")
    return header + body


def _plural_entry(*forms: str) -> str:
    lines = ['msgid "주민 한 명"', 'msgid_plural "주민 여러 명"']
    lines += [f'msgstr[{index}] "{text}"' for index, text in forms]
    return "\n".join(lines) + "\n"


GOOD = po_file(ENTRY + UNTRANSLATED)
_ENTRY_LINE = HEADER_LINES + 1  # the msgid of ENTRY
_MSGSTR_LINE = HEADER_LINES + 2


def bad_files() -> list[BadPO]:
    line, msgstr = _ENTRY_LINE, _MSGSTR_LINE
    header = HEADER_LINES - 1  # the Plural-Forms line
    ok = "The Onsong County MSS arrested three residents."
    files = [
        BadPO("unterminated msgstr", po_file(ENTRY.replace(f'{ok}"', ok)),
              rf":{msgstr}: PO syntax error: .*not closed", True),
        BadPO("unterminated msgid", po_file(ENTRY.replace('체포했다."', "체포했다.")),
              rf":{line}: PO syntax error: .*not closed", True),
        BadPO("unterminated at end of file", po_file(ENTRY + UNTRANSLATED[:-2]),
              r":\d+: PO syntax error: .*not closed", True),
        BadPO("unescaped quote", po_file(ENTRY.replace("three", 'th"ree')),
              rf":{msgstr}: PO syntax error: .*unescaped double quote", True),
        BadPO("invalid escape \\q", po_file(ENTRY.replace("three", "th\\qree")),
              rf":{msgstr}: PO syntax error: '\\q' is not a valid escape", True),
        BadPO("invalid escape \\z in msgid", po_file(ENTRY.replace("주민", "주\\z민")),
              rf":{line}: PO syntax error: '\\z' is not a valid escape", True),
        BadPO("invalid escape \\ü", po_file(ENTRY.replace("three", "\\ü")),
              rf":{msgstr}: PO syntax error: '\\ü' is not a valid escape", True),
        BadPO("escape \\a is a control character", po_file(ENTRY.replace("three", "\\a")),
              rf":{msgstr}: PO syntax error: '\\a' is a control character", False),
        BadPO("escape \\b", po_file(ENTRY.replace("three", "\\b")),
              rf":{msgstr}: PO syntax error: '\\b' is a control character", False),
        BadPO("octal escape", po_file(ENTRY.replace("three", "\\101")),
              rf":{msgstr}: PO syntax error: '\\1' \(an octal or hex escape\)", False),
        BadPO("hex escape", po_file(ENTRY.replace("three", "\\x41")),
              rf":{msgstr}: PO syntax error: '\\x' \(an octal or hex escape\)", False),
        BadPO("NUL in msgstr", po_file(ENTRY.replace("three", "th\x00ree")),
              rf":{msgstr}: contains U\+0000", False),
        BadPO("NUL in a comment", po_file("#. Note: \x00\n" + ENTRY),
              rf":{line}: contains U\+0000", False),
        BadPO("U+0001 in msgid", po_file(ENTRY.replace("주민", "주민\x01")),
              rf":{line}: contains a control character \(U\+0001\)", False),
        BadPO("ESC in msgstr", po_file(ENTRY.replace("three", "\x1b[31mthree")),
              rf":{msgstr}: contains a control character \(U\+001B\)", False),
        BadPO("DEL in msgstr", po_file(ENTRY.replace("three", "three\x7f")),
              rf":{msgstr}: contains a control character \(U\+007F\)", False),
        BadPO("C1 control U+0085", po_file(ENTRY.replace("three", "three\x85")),
              rf":{msgstr}: contains a control character \(U\+0085\)", False),
        BadPO("form feed in the header", po_file(ENTRY).replace("MIME", "\x0cMIME"),
              r":7: contains a control character \(U\+000C\)", False),
        BadPO("nplurals=abc", po_file(ENTRY, "nplurals=abc; plural=0;"),
              rf":{header}: Plural-Forms: nplurals='abc' is not a positive", True),
        BadPO("nplurals=0", po_file(ENTRY, "nplurals=0; plural=0;"),
              rf":{header}: Plural-Forms: nplurals='0' is not a positive", True),
        BadPO("nplurals=-1", po_file(ENTRY, "nplurals=-1; plural=0;"),
              rf":{header}: Plural-Forms: nplurals='-1' is not a positive", True),
        BadPO("nplurals empty", po_file(ENTRY, "nplurals=; plural=0;"),
              rf":{header}: Plural-Forms: nplurals='' is not a positive", True),
        BadPO("plural expression unbalanced", po_file(ENTRY, "nplurals=2; plural=(n != 1;"),
              rf":{header}: Plural-Forms: plural=.* is not a valid plural expression", True),
        BadPO("plural expression with a name", po_file(ENTRY, "nplurals=2; plural=count > 1;"),
              rf":{header}: Plural-Forms: cannot read plural=", True),
        BadPO("plural expression empty", po_file(ENTRY, "nplurals=2; plural=;"),
              rf":{header}: Plural-Forms: plural='' is not a valid", True),
        BadPO("plural form beyond nplurals", po_file(ENTRY, "nplurals=1; plural=n;"),
              rf":{header}: Plural-Forms: the plural expression gives form 1 for n=1", True),
        BadPO("plural division by zero", po_file(ENTRY, "nplurals=2; plural=n/(n-n);"),
              rf":{header}: Plural-Forms: the plural expression divides by zero", True),
        BadPO("msgstr[7] with two forms", po_file(_plural_entry((0, "a"), (7, "b"))),
              rf":{line + 3}: msgstr\[7\], but the header's Plural-Forms has nplurals=2", True),
        BadPO("msgstr[2] with two forms", po_file(_plural_entry((0, "a"), (1, "b"), (2, "c"))),
              rf":{line + 4}: msgstr\[2\], but the header's Plural-Forms has nplurals=2", True),
        BadPO("msgstr[1] without msgstr[0]", po_file(_plural_entry((1, "residents"))),
              rf":{line + 2}: msgstr\[1\], but the header's Plural-Forms", True),
        BadPO("one form of two", po_file(_plural_entry((0, "a resident"))),
              rf":{line}: 1 plural form\(s\), but the header's Plural-Forms has nplurals=2", True),
        BadPO("two forms for Korean's one", po_file(_plural_entry((0, "a"), (1, "b")),
                                                    "nplurals=1; plural=0;"),
              rf":{line + 3}: msgstr\[1\], but the header's Plural-Forms has nplurals=1", True),
        BadPO("plural entry, no Plural-Forms", po_file(_plural_entry((0, "a"), (1, "b")), None),
              rf":{line - 1}: a plural entry, but the header has no Plural-Forms", True),
        BadPO("plural entry, no nplurals", po_file(_plural_entry((0, "a"), (1, "b")), "plural=0;"),
              r": a plural entry, but the header has no Plural-Forms with nplurals", True),
    ]  # fmt: skip
    return files


COMMANDS = {
    "import": ("import", "bad.po"),
    "check": ("check", "bad.po"),
    "pretranslate": ("pretranslate", "bad.po"),
}


def cases() -> Iterator[Case]:
    for bad in bad_files():
        for command, argv in COMMANDS.items():
            yield Case(
                f"{command} PO {bad.name}",
                argv,
                "po",
                message=bad.message,
                files={"bad.po": bad.text.encode("utf-8")},
            )
    latin = GOOD.replace("charset=UTF-8", "charset=ISO-8859-1").encode("utf-8")
    yield Case(
        "pretranslate PO in another charset",
        ("pretranslate", "latin.po"),
        "po",
        message=r"latin\.po: the header says charset=ISO-8859-1; pretranslate reads and writes",
        files={"latin.po": latin},
    )
