"""The glossary/ and memory/ TSV files: lossless, stable, strict about errors."""

import shutil

import pytest

from sajeon.core.model import Concept, InputError, Segment, Term
from sajeon.storage.sourcefiles import (
    escape,
    format_glossary,
    format_memory,
    read_glossary,
    read_memory_file,
    unescape,
)

from .conftest import ROOT


@pytest.mark.parametrize(
    "value", ["보위부", "a\tb", "첫 줄\n둘째 줄", "back\\slash\\n", "\r\n", ""]
)
def test_escaping_round_trips(value):
    assert (unescape(escape(value), "x") or "") == value


def test_bundled_glossary_and_memory_rewrite_byte_identically(tmp_path):
    concepts = read_glossary(ROOT / "glossary")
    concept_text, term_text = format_glossary(concepts)
    assert concept_text.encode() == (ROOT / "glossary/concepts.tsv").read_bytes()
    assert term_text.encode() == (ROOT / "glossary/terms.tsv").read_bytes()
    segments = [s for _, s in read_memory_file(ROOT / "memory/ko-en.tsv")]
    assert format_memory(segments).encode() == (ROOT / "memory/ko-en.tsv").read_bytes()


def test_every_field_survives_a_round_trip(tmp_path):
    concept = Concept(
        id="ministry-of-state-security",
        domain="security",
        definition="North Korea's secret police.\nSecond line with a\ttab.",
        note="House style: MSS | not SSD",
        sources=[
            "https://en.wikipedia.org/wiki/Ministry_of_State_Security_(North_Korea)",
            "NK News",
        ],
        created="2026-01-02",
        modified="2026-02-03",
        author="J. Park",
        terms=[
            Term(
                "ko", "국가보위성", "preferred", "properNoun", "fullForm", "공식 명칭", "2016", None
            ),
            Term("ko", "국가안전보위부", "deprecated", None, None, None, None, "2016-06"),
            Term("en", "MSS", "admitted", "noun", "abbreviation", None, None, None),
            Term("en", "Ministry of State Security", "preferred"),
        ],
    ).cleaned()
    glossary_dir = tmp_path / "glossary"
    glossary_dir.mkdir()
    concept_text, term_text = format_glossary([concept])
    (glossary_dir / "concepts.tsv").write_text(concept_text, encoding="utf-8")
    (glossary_dir / "terms.tsv").write_text(term_text, encoding="utf-8")
    assert read_glossary(glossary_dir) == [concept]

    segment = Segment(
        "ko",
        "en",
        "줄\n바꿈\t탭 \\ 역슬래시",
        "line\nbreak",
        "doc",
        "2025-01-01",
        "K. Lee",
        "note\twith tab",
    ).cleaned()
    path = tmp_path / "memory.tsv"
    path.write_text(format_memory([segment]), encoding="utf-8")
    assert [s for _, s in read_memory_file(path)] == [segment]


def test_spreadsheet_bom_and_crlf_are_accepted(tmp_path):
    data = (ROOT / "memory/ko-en.tsv").read_text(encoding="utf-8")
    path = tmp_path / "ko-en.tsv"
    path.write_bytes(b"\xef\xbb\xbf" + data.replace("\n", "\r\n").encode("utf-8"))
    assert [s for _, s in read_memory_file(path)] == [
        s for _, s in read_memory_file(ROOT / "memory/ko-en.tsv")
    ]


def _glossary_copy(tmp_path):
    target = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("terms.tsv", "\tpreferred\t", "\tprefered\t", r"terms.tsv:\d+: unknown status 'prefered'"),
        (
            "terms.tsv",
            "onsong-county\tko\t",
            "onsong-county\tkr-XX\t",
            r"terms.tsv:\d+: unknown language tag",
        ),
        (
            "terms.tsv",
            "onsong-county\tko\t온성군",
            "onsong-county\tko\t온성\x01군",
            r"terms.tsv:\d+: term '온성\\x01군' contains control character U\+0001",
        ),
        (
            "terms.tsv",
            "onsong-county\ten\t",
            "no-such-concept\ten\t",
            r"terms.tsv:\d+: concept 'no-such-concept' is not in concepts.tsv",
        ),
        (
            "concepts.tsv",
            "\t2026-11-27\t",
            "\t27/11/2026\t",
            r"concepts.tsv:\d+: created date '27/11/2026'",
        ),
        ("concepts.tsv", "id\tdomain", "id\tsubject", r"concepts.tsv:1: header must be"),
        (
            "terms.tsv",
            "onsong-county\ten\tOnsong County\tpreferred",
            "onsong-county\ten\tOnsong County\tpreferred\textra",
            r"terms.tsv:\d+: \d+ fields, expected 9",
        ),
    ],
)
def test_bad_source_files_name_file_and_line(tmp_path, file, old, new, message):
    glossary_dir = _glossary_copy(tmp_path)
    path = glossary_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_glossary(glossary_dir)


def test_invalid_utf8_is_reported_with_its_line(tmp_path):
    glossary_dir = _glossary_copy(tmp_path)
    path = glossary_dir / "terms.tsv"
    lines = path.read_bytes().split(b"\n")
    lines[5] = lines[5] + "온성".encode("euc-kr")
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(InputError, match=r"terms.tsv:6: not valid UTF-8"):
        read_glossary(glossary_dir)
