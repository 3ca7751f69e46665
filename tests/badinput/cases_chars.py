"""Characters, lengths and empty texts (issue 15, bullet 2): invisible and bidirectional
characters, over-long terms and segments, control characters and invalid UTF-8, and empty
texts, each tried at every door that takes text (docs/input-rules.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sajeon.core.model import MAX_SEGMENT, MAX_TERM

from . import Case

ROOT = Path(__file__).resolve().parents[2]  # the bundled project
TERM = "국가보위성"
SENTENCE = "국가보위성은 주민 3명을 체포했다."
ENGLISH = "The Ministry of State Security arrested three residents."

# Invisible characters a pasted term may hide: zero-width, bidirectional marks, embeddings,
# overrides and isolates, the word joiner, a BOM inside text, the soft hyphen, a Hangul filler.
INVISIBLE = {
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "SOFT HYPHEN",
    "\u3164": "HANGUL FILLER",
}

# Control characters: C0 (NUL, SOH, ESC, form feed, vertical tab), DEL and C1 (NEL, CSI).
CONTROL = {
    "\x00": "U\\+0000",
    "\x01": "U\\+0001",
    "\x1b": "U\\+001B",
    "\x0c": "U\\+000C",
    "\x0b": "U\\+000B",
    "\x7f": "U\\+007F",
    "\x85": "U\\+0085",
    "\x9b": "U\\+009B",
}
# Characters XML 1.0 may carry, so that they reach sajeon's own check in TBX and TMX.
XML_CONTROL = {"\x7f": "U\\+007F", "\x85": "U\\+0085", "\x9b": "U\\+009B"}

# Characters the PO reader itself refuses (NUL; line breaks inside a string): its own
# error, naming the line, is the refusal.
PO_SYNTAX = ("\x00", "\x0b", "\x0c", "\x85")

BAD_UTF8 = {
    "a stray continuation byte": b"\x80",
    "a truncated sequence": "국".encode()[:2],
    "Latin-1": "é".encode("latin-1"),
    "CP949": "보위".encode("cp949"),
    "an encoded surrogate": b"\xed\xa0\x80",
}


# ---------------------------------------------------------------------------- files


def _csv(term: str) -> bytes:
    return f"korean,english\n{term},Ministry X\n".encode(errors="surrogateescape")


def _tsv(term: str) -> bytes:
    return f"korean\tenglish\n{term}\tMinistry X\n".encode(errors="surrogateescape")


def _omegat(term: str) -> bytes:
    return f"# OmegaT glossary\n{term}\tMinistry X\n".encode(errors="surrogateescape")


def _tbx(term: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en">'
        "<martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>"
        f'<text><body>\n<termEntry id="c1"><langSet xml:lang="ko"><tig><term>{term}</term>'
        '</tig></langSet>\n<langSet xml:lang="en"><tig><term>Ministry X</term></tig></langSet>'
        "</termEntry></body></text></martif>\n"
    ).encode(errors="surrogateescape")


def _tmx(source: str, target: str = ENGLISH) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ko" '
        'segtype="sentence" adminlang="en" datatype="plaintext" creationtool="x" '
        'creationtoolversion="1" o-tmf="x"/><body>\n'
        f'<tu><tuv xml:lang="ko"><seg>{source}</seg></tuv><tuv xml:lang="en"><seg>{target}</seg>'
        "</tuv></tu>\n</body></tmx>\n"
    ).encode(errors="surrogateescape")


def _po(source: str, target: str = ENGLISH) -> bytes:
    return (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{source}"\nmsgstr "{target}"\n'
    ).encode(errors="surrogateescape")


def _memory_tsv(source: str, target: str = ENGLISH) -> bytes:
    return f"ko\ten\n{source}\t{target}\n".encode(errors="surrogateescape")


def _review(source: str, target: str = ENGLISH) -> bytes:
    return (
        "# sajeon alignment review\t1\nstatus\tconfidence\tko#\ten#\tko\ten\tnote\tevidence\n"
        f"ok\t1.00\t1\t1\t{source}\t{target}\t\t\n"
    ).encode(errors="surrogateescape")


GLOSSARY_FILES = {
    "csv": ("t.csv", _csv, ("--map", "korean=ko", "--map", "english=en"), 2),
    "tsv": ("t.tsv", _tsv, ("--map", "korean=ko", "--map", "english=en"), 2),
    "omegat": ("t.utf8", _omegat, ("--from", "ko", "--to", "en"), 2),
    "tbx": ("t.tbx", _tbx, (), 3),
}
MEMORY_FILES = {
    "tmx": ("t.tmx", _tmx, (), 3),
    "po": ("t.po", _po, ("--as", "memory", "--from", "ko"), 6),
    "review": ("t.tsv", _review, (), 3),
}
# The files check reads, and the line of their segment.
CHECKED_FILES = {
    "po": ("d.po", _po, ("--from", "ko"), 6),
    "tmx": ("d.tmx", _tmx, (), 3),
    "tsv": ("d.tsv", _memory_tsv, (), 2),
}


# ---------------------------------------------------------------------------- invisible


def invisible() -> Iterator[Case]:
    for char, name in INVISIBLE.items():
        hidden = f"국가{char}보위성"
        yield Case(
            f"term add invisible {name}",
            ("term", "add", hidden, "Ministry of State Security X", "--new-concept"),
            "invisible",
            message=f"term .* contains invisible character U\\+{ord(char):04X} {name} at "
            "character 3",
        )
    for char in ("\u200b", "\u202e", "\ufeff"):
        code = f"U\\+{ord(char):04X}"
        hidden = f"국가{char}보위성"
        yield Case(
            f"term add invisible in the translation {code[3:]}",
            ("term", "add", "새보위성", f"Ministry{char} of Security", "--new-concept"),
            "invisible",
            message=f"term .* invisible character {code}",
        )
        yield Case(
            f"segment add invisible {code[3:]}",
            ("segment", "add", SENTENCE.replace(TERM, hidden), ENGLISH),
            "invisible",
            message=f"source text .* invisible character {code}",
        )
        yield Case(
            f"segment add invisible in the target {code[3:]}",
            ("segment", "add", SENTENCE, f"The Ministry{char} of State Security arrested them."),
            "invisible",
            message=f"target text .* invisible character {code}",
        )
        yield Case(
            f"term set note invisible {code[3:]}",
            ("term", "set", TERM, "--note", f"Use{char} it."),
            "invisible",
            message=f"note .* invisible character {code}",
        )
        for fmt, (name, write, options, line) in GLOSSARY_FILES.items():
            yield Case(
                f"import {fmt} term invisible {code[3:]}",
                ("import", name, *options),
                "invisible",
                message=f"^Error: {name}:{line}: term .* invisible character {code}",
                files={name: write(hidden)},
            )
        for fmt, (name, write, options, line) in MEMORY_FILES.items():
            yield Case(
                f"import {fmt} segment invisible {code[3:]}",
                ("import", name, *options),
                "invisible",
                message=f"^Error: {name}:{line}: source text .* invisible character {code}",
                files={name: write(SENTENCE.replace(TERM, hidden))},
            )
    # A hand edit of the glossary's own file: the build refuses it, naming the line.
    yield Case(
        "build glossary file with an invisible character",
        ("build",),
        "invisible",
        message=r"glossary/terms\.tsv:\d+: term .* invisible character U\+200B",
        files={
            "glossary/terms.tsv": (ROOT / "glossary" / "terms.tsv").read_bytes()
            + "ministry-of-state-security\tko\t국가\u200b보위성\tadmitted\t\t\t\t\t\n".encode()
        },
    )


# ---------------------------------------------------------------------------- length


def length() -> Iterator[Case]:
    long_ko = "가" * (MAX_TERM + 1)
    long_en = "x" * (MAX_TERM + 1)
    limit = f"is {MAX_TERM + 1:,} characters long; the limit is {MAX_TERM:,}"
    yield Case(
        "term add over-long Korean term",
        ("term", "add", long_ko, "Ministry X", "--new-concept"),
        "length",
        message=f"term .* {limit}",
    )
    yield Case(
        "term add over-long English term",
        ("term", "add", "새보위성", long_en, "--new-concept"),
        "length",
        message=f"term .* {limit}",
    )
    yield Case(
        "term add a whole article as a term",
        ("term", "add", "가나다 " * 20_000, "Ministry X", "--new-concept"),
        "length",
        message="term .* is 79,999 characters long",
    )
    for fmt, (name, write, options, line) in GLOSSARY_FILES.items():
        yield Case(
            f"import {fmt} over-long term",
            ("import", name, *options),
            "length",
            message=f"^Error: {name}:{line}: term .* {limit}",
            files={name: write(long_ko)},
        )
    seg_limit = f"is {MAX_SEGMENT + 1:,} characters long; the limit is {MAX_SEGMENT:,}"
    long_source = "가" * (MAX_SEGMENT + 1)
    long_target = "x" * (MAX_SEGMENT + 1)
    yield Case(
        "segment add over-long source",
        ("segment", "add", long_source, ENGLISH),
        "length",
        message=f"source text .* {seg_limit}",
    )
    yield Case(
        "segment add over-long target",
        ("segment", "add", SENTENCE, long_target),
        "length",
        message=f"target text .* {seg_limit}",
    )
    for fmt, (name, write, options, line) in MEMORY_FILES.items():
        yield Case(
            f"import {fmt} over-long source",
            ("import", name, *options),
            "length",
            message=f"^Error: {name}:{line}: source text .* {seg_limit}",
            files={name: write(long_source)},
        )
        yield Case(
            f"import {fmt} over-long target",
            ("import", name, *options),
            "length",
            message=f"^Error: {name}:{line}: target text .* {seg_limit}",
            files={name: write(SENTENCE, long_target)},
        )


# ---------------------------------------------------------------------------- control


def control() -> Iterator[Case]:
    for char, code in CONTROL.items():
        label = code.replace("\\", "")
        text = SENTENCE.replace(TERM, f"국가{char}보위성")
        yield Case(
            f"term add control {label}",
            ("term", "add", f"국가{char}보위성", "Ministry X", "--new-concept"),
            "control",
            message=f"term .* control character {code}",
        )
        yield Case(
            f"segment add control {label}",
            ("segment", "add", text, ENGLISH),
            "control",
            message=f"source text .* control character {code}",
        )
        for command in ("lookup", "terms", "romanize"):
            yield Case(
                f"{command} argument control {label}",
                (command, text),
                "control",
                message=f"^Error: TEXT .* control character {code}",
            )
            yield Case(
                f"{command} stdin control {label}",
                (command, "-"),
                "control",
                message=f"^Error: standard input:2: control character {code}",
                stdin=f"{SENTENCE}\n{text}\n".encode(),
            )
        yield Case(
            f"terms file control {label}",
            ("terms", "article.txt"),
            "control",
            message=f"^Error: article.txt:3: control character {code}",
            files={"article.txt": f"{SENTENCE}\n\n{text}\n".encode()},
        )
        for command in (("term", "search"), ("segment", "search")):
            yield Case(
                f"{' '.join(command)} control {label}",
                (*command, f"국가{char}보위성"),
                "control",
                message=f"^Error: QUERY .* control character {code}",
            )
        for fmt, (name, write, options, line) in CHECKED_FILES.items():
            if fmt == "tmx" and char not in XML_CONTROL:
                continue  # not well-formed XML: refused by the parser, as the XML cases say
            message = f"^Error: {name}:{line}: source text .* control character {code}"
            if fmt == "po":  # the PO reader refuses it, before any segment is made
                message = _po_control(name, code)
            yield Case(
                f"check {fmt} control {label}",
                ("check", name, *options),
                "control",
                message=message,
                files={name: write(text)},
            )
    for char, code in XML_CONTROL.items():
        label = code.replace("\\", "")
        for fmt, (name, write, options, line) in GLOSSARY_FILES.items():
            yield Case(
                f"import {fmt} term control {label}",
                ("import", name, *options),
                "control",
                message=f"^Error: {name}:{line}: term .* control character {code}",
                files={name: write(f"국가{char}보위성")},
            )
        for fmt, (name, write, options, line) in MEMORY_FILES.items():
            message = f"^Error: {name}:{line}: source text .* control character {code}"
            if fmt == "po":
                message = _po_control(name, code)
            yield Case(
                f"import {fmt} segment control {label}",
                ("import", name, *options),
                "control",
                message=message,
                files={name: write(SENTENCE.replace(TERM, f"국가{char}보위성"))},
            )
    yield from invalid_utf8()


def _po_control(name: str, code: str) -> str:
    """The PO reader's refusal of a control character (or, for NUL and the like, polib's
    syntax error), at the line that holds it."""
    return rf"^Error: {name}:\d+: (?:contains (?:a control character \()?{code}|PO syntax error)"


def invalid_utf8() -> Iterator[Case]:
    for what, raw in BAD_UTF8.items():
        data = SENTENCE.encode() + b"\n" + raw + SENTENCE.encode() + b"\n"
        for command in ("lookup", "terms", "romanize"):
            yield Case(
                f"{command} stdin invalid UTF-8: {what}",
                (command, "-"),
                "control",
                message=r"^Error: standard input:2: not valid UTF-8",
                stdin=data,
            )
        yield Case(
            f"terms file invalid UTF-8: {what}",
            ("terms", "article.txt"),
            "control",
            message=r"^Error: article.txt:2: not valid UTF-8",
            files={"article.txt": data},
        )
        for fmt, (name, _write, options, _line) in {**GLOSSARY_FILES, **MEMORY_FILES}.items():
            if fmt in ("tbx", "tmx", "review"):
                continue  # below, one case each
            body = (b"korean\tenglish\n" if fmt == "tsv" else b"korean,english\n") + raw + b"\n"
            if fmt == "omegat":
                body = raw + b"\tMinistry X\n"
            if fmt == "po":
                body = _po(SENTENCE).replace(TERM.encode(), raw)
            yield Case(
                f"import {fmt} invalid UTF-8: {what}",
                ("import", name, *options),
                "control",
                message=f"^Error: {name}:\\d+: not valid UTF-8",
                files={name: body},
            )
    # An argument that is not UTF-8: Python keeps each undecodable byte as a lone surrogate.
    for command in (("lookup",), ("terms",), ("romanize",), ("term", "search")):
        yield Case(
            f"{' '.join(command)} argument invalid UTF-8",
            (*command, "국가\udcff보위성"),
            "control",
            message=r"a byte that is not UTF-8 \(0xFF\)",
        )
    yield Case(
        "term add argument invalid UTF-8",
        ("term", "add", "국가\udcff보위성", "Ministry X", "--new-concept"),
        "control",
        message=r"term .* a byte that is not UTF-8 \(0xFF\)",
    )
    yield Case(
        "segment add argument invalid UTF-8",
        ("segment", "add", SENTENCE, "The \udce9 Ministry"),
        "control",
        message=r"target text .* a byte that is not UTF-8 \(0xE9\)",
    )
    for name, data in (
        ("t.tbx", _tbx("국가보위성").replace("국가".encode(), b"\xff")),
        ("t.tmx", _tmx(SENTENCE).replace("국가".encode(), b"\xff")),
    ):
        yield Case(
            f"import {name[2:]} invalid UTF-8",
            ("import", name),
            "control",
            message=f"^Error: {name}:3",
            files={name: data},
        )


# ---------------------------------------------------------------------------- empty text


def empty_text() -> Iterator[Case]:
    blanks = {"empty": "", "spaces": "   ", "whitespace": " \t\n ", "ideographic space": "\u3000"}
    for command in ("lookup", "terms", "romanize"):
        for what, blank in blanks.items():
            yield Case(
                f"{command} {what} text",
                (command, blank),
                "empty-text",
                message=r"^Error: TEXT is empty",
            )
        yield Case(
            f"{command} only invisible characters",
            (command, "\u200b\u200d\ufeff"),
            "empty-text",
            message=r"^Error: TEXT is empty",
        )
        yield Case(
            f"{command} empty standard input",
            (command, "-"),
            "empty-text",
            message=r"^Error: standard input is empty",
            stdin=b"",
        )
        yield Case(
            f"{command} blank standard input",
            (command, "-"),
            "empty-text",
            message=r"^Error: standard input is empty \(only whitespace\)",
            stdin=b"\n  \n\t\n",
        )
    yield Case(
        "terms empty file",
        ("terms", "empty.txt"),
        "empty-text",
        message=r"^Error: empty.txt is empty",
        files={"empty.txt": b""},
    )
    yield Case(
        "terms file with a BOM only",
        ("terms", "bom.txt"),
        "empty-text",
        message=r"^Error: bom.txt is empty",
        files={"bom.txt": b"\xef\xbb\xbf\n"},
    )
    yield Case(
        "terms empty --translation",
        ("terms", "--unknown", SENTENCE, "--translation", " "),
        "empty-text",
        message=r"^Error: --translation is empty",
    )
    for command in (("term", "search"), ("segment", "search")):
        for what, blank in (("empty", ""), ("spaces", "  ")):
            yield Case(
                f"{' '.join(command)} {what} query",
                (*command, blank),
                "empty-text",
                message=r"^Error: QUERY is empty",
            )


def cases() -> Iterator[Case]:
    yield from invisible()
    yield from length()
    yield from control()
    yield from empty_text()
