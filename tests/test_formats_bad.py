"""Bad files: a one-line error naming the file, line and value; nothing changed, ever.

The fixtures in tests/data/formats/bad/ are small files written for these tests: attacks
(billion laughs, external entities, remote DTDs), broken XML and PO, wrong roots and
flavours, bad language tags and dates, bad encodings, empty files, control characters.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import snapshot

BAD = Path(__file__).parent / "data" / "formats" / "bad"

CASES = [
    # (file, extra arguments, what the message must say)
    ("billion-laughs.tmx", [], "DOCTYPE declares entities (lol, lol1, lol2)"),
    ("xxe-file-entity.tbx", [], "DOCTYPE declares entities (secret)"),
    ("xxe-parameter-entity.tmx", [], "DOCTYPE declares entities"),
    ("remote-dtd.tmx", [], "points at a DTD on the network (http://127.0.0.1:9/tmx14.dtd)"),
    ("not-well-formed.tbx", [], "not-well-formed.tbx:7:53: not well-formed XML: Opening and"),
    ("wrong-root.tbx", [], "root element is <glossary>, not TBX; accepted: <martif>"),
    ("tbx-v3-valid.tbx", ["--format", "tbx"], "this is TBX v3 (<tbx>), not TBX 2008"),
    ("tbx3-unknown-style.tbx", [], "TBX v3 in style 'dcx'; sajeon reads the two styles"),
    ("invalid-lang.tbx", [], "invalid-lang.tbx:7: <langSet xml:lang='english'>: unknown"),
    ("undeclared-lang.tbx", [], "undeclared-lang.tbx:7: <langSet> has no xml:lang"),
    ("bad-status.tbx", [], "bad-status.tbx:10: unknown administrativeStatus 'maybe'"),
    ("srclang-matches-no-tuv.tmx", [], "no <tuv> in the source language 'ja' (srclang)"),
    ("no-srclang.tmx", [], "no-srclang.tmx:3: <header> has no srclang attribute"),
    ("tuv-without-lang.tmx", [], "tuv-without-lang.tmx:5: <tuv> has no language"),
    ("bad-date.tmx", [], "date '2025-03-14' is not YYYYMMDDThhmmssZ"),
    ("late-error.tmx", [], "late-error.tmx:7: date 'yesterday' is not YYYYMMDDThhmmssZ"),
    ("control-char.tmx", [], "control-char.tmx:5:41: not well-formed XML: xmlParseCharRef"),
    ("invalid-utf8.tmx", [], "invalid-utf8.tmx:5:34: not well-formed XML"),
    ("empty.tmx", [], "empty.tmx: empty file"),
    ("no-target-text.tmx", [], "no-target-text.tmx:5: the unit has 0 target languages (none)"),
    ("only-fuzzy.po", [], "no translated, reviewed entry to import (skipped 1 entry: fuzzy"),
    ("whitespace-only.tbx", ["--format", "tbx"], "whitespace-only.tbx: empty file"),
    ("empty.po", [], "empty.po: empty file"),
    ("broken-header.po", [], "broken-header.po:3: PO syntax error: '\"Language: en\\\\n' is not"),
    ("unescaped-quote.po", [], "unescaped-quote.po:8: PO syntax error"),
    ("charset-template.po", [], "charset=CHARSET (a template value)"),
    ("invalid-utf8.po", [], "invalid-utf8.po:8: not valid UTF-8"),
    ("no-language.po", [], "the header has no Language (the target language)"),
    ("control-char.po", [], "control-char.po:9: contains a control character (U+0001)"),
    ("empty.csv", [], "empty.csv: empty file"),
    ("invalid-utf8.csv", ["--map", "korean=ko", "--map", "english=en"], "invalid-utf8.csv:3"),
    ("ragged-row.csv", ["--map", "korean=ko", "--map", "english=en"], "ragged-row.csv:3: 3 fie"),
    # sajeon's concept-per-row spreadsheet: the column is named with the line
    ("concept-sheet-bad-status.csv", [], "bad-status.csv:3: column 'ko status': unknown status"),
    (
        "concept-sheet-bad-date.tsv",
        [],
        "date.tsv:2: column 'ko valid from': valid-from date '2016-13'",
    ),
    (
        "concept-sheet-field-without-term.tsv",
        [],
        "term.tsv:2: column 'en pos' is 'properNoun' but column 'target' has no term",
    ),
    (
        "concept-sheet-duplicate-id.csv",
        [],
        "id.csv:5: concept id 'onsong-county' is also on line 2",
    ),
    (
        "concept-sheet-renamed-column.csv",
        [],
        "column.csv:1: column 18 is 'en part of speech', expected 'en pos'",
    ),
    (
        "missing-columns.csv",
        ["--map", "korean=ko", "--map", "english=en", "--map", "category=domain"],
        "missing-columns.csv: no column 'category' (the header has 'korean', 'english')",
    ),
]


@pytest.mark.parametrize(("name", "args", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_file_gets_one_line_error_and_changes_nothing(
    bundled_project, sajeon, name, args, message
):
    before = snapshot(bundled_project)
    result = sajeon("import", str(BAD / name), *args, ok=False)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if not line.startswith("building ")]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert snapshot(bundled_project) == before
    assert not list(bundled_project.root.glob(".sajeon-import-*"))


def test_every_bad_fixture_is_tested():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(c[0] for c in CASES)


def test_entity_attack_files_are_refused_before_anything_is_read():
    """The refusal comes from the prolog: no element is parsed, no entity expanded, no
    DTD or external entity fetched (the URLs point at a closed local port)."""
    from sajeon.core.model import InputError
    from sajeon.formats import xmlsafe

    for name in ("billion-laughs.tmx", "xxe-file-entity.tbx", "xxe-parameter-entity.tmx"):
        with pytest.raises(InputError, match="declares entities"):
            xmlsafe.check_prolog(BAD / name, name)
    with pytest.raises(InputError, match="network"):
        xmlsafe.check_prolog(BAD / "remote-dtd.tmx", "remote-dtd.tmx")


def test_parser_never_expands_entities_even_when_asked_to_stream(tmp_path):
    """Defence in depth: the streaming parser itself keeps entities unexpanded."""
    from lxml import etree

    from sajeon.formats import xmlsafe

    events = etree.iterparse(
        str(BAD / "xxe-file-entity.tbx"), events=("end",), tag="descrip", **xmlsafe.parser_options()
    )
    _, descrip = next(events)
    assert "root:" not in xmlsafe.text_of(descrip)
    assert etree.tostring(descrip).count(b"&secret;") == 1


def test_local_doctype_is_accepted(bundled_project, sajeon, tmp_path):
    """``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` is what tools write: fine, and never loaded."""
    path = tmp_path / "omegat.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" '
        'segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US" srclang="KO" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="KO"><seg>꽃제비들이 역전에 모였다.</seg>'
        '</tuv><tuv xml:lang="EN-US"><seg>Kotjebi gathered at the station.</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    result = sajeon("import", str(path))
    # issue 10: KO/EN-US fold into the project's ko and en
    assert "1 segment pairs read (ko→en); 1 new in memory/ko-en.tsv" in result.output


def test_prolog_is_judged_before_any_parser_sees_the_file(monkeypatch):
    """The refusal must not depend on the installed libxml2 (a newer one stops on an entity
    bomb with its own message while reading the DTD): no parser runs for these files."""
    from lxml import etree

    from sajeon.core.model import InputError
    from sajeon.formats import xmlsafe

    def no_parser(*args, **kwargs):
        raise AssertionError("the parser was reached")

    monkeypatch.setattr(etree, "iterparse", no_parser)
    for name in ("billion-laughs.tmx", "xxe-file-entity.tbx", "xxe-parameter-entity.tmx"):
        with pytest.raises(InputError, match="declares entities"):
            xmlsafe.check_prolog(BAD / name, name)
    with pytest.raises(InputError, match="network"):
        xmlsafe.check_prolog(BAD / "remote-dtd.tmx", "remote-dtd.tmx")


@pytest.mark.parametrize(
    ("text", "entities", "system_id"),
    [
        # a bracket in a literal or a comment does not end the subset; a declaration in a
        # comment is counted too (refusing more than needed is the safe side)
        (
            '<?xml version="1.0"?>\n<!-- 용어집 -->\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd"'
            ' [<!ATTLIST martif note CDATA "]"> <!-- ] <!ENTITY no "x"> -->'
            ' <!ENTITY  % 보위 SYSTEM "file:///etc/passwd"> ]>\n<martif/>',
            ["no", "보위"],
            "TBXcoreStructV02.dtd",
        ),
        ("<!DOCTYPE tmx PUBLIC '-//X//EN' 'http://127.0.0.1:9/t.dtd'><tmx/>", [], None),
        ('\ufeff<?xml version="1.0"?><tmx version="1.4"/>', None, None),
    ],
)
def test_raw_prolog_scan(text, entities, system_id):
    from sajeon.formats import xmlsafe

    doctype = xmlsafe.scan_prolog(text, "x.tbx")
    if entities is None:
        assert doctype is None
        return
    assert doctype.entities == entities
    if system_id:
        assert doctype.system_id == system_id
    else:
        assert doctype.public_id == "-//X//EN"
        assert doctype.system_id == "http://127.0.0.1:9/t.dtd"


def test_entities_behind_a_long_prolog_or_in_utf16_are_refused(tmp_path):
    from sajeon.core.model import InputError
    from sajeon.formats import xmlsafe

    padded = tmp_path / "padded.tmx"
    padded.write_text(
        '<?xml version="1.0"?>\n' + "<!-- 꽃제비 -->\n" * 8000
        + '<!DOCTYPE tmx [<!ENTITY a "aaaa">]>\n<tmx version="1.4"/>\n',
        encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(InputError, match="no root element in the first 64 KiB"):
        xmlsafe.check_prolog(padded, "padded.tmx")
    utf16 = tmp_path / "utf16.tbx"
    utf16.write_bytes(
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE martif [<!ENTITY secret SYSTEM '
        '"file:///etc/hostname">]>\n<martif type="TBX"/>\n'.encode("utf-16")
    )
    with pytest.raises(InputError, match=r"declares entities \(secret\)"):
        xmlsafe.check_prolog(utf16, "utf16.tbx")
