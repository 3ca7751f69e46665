"""Imports: round trips through every format, conflicts and duplicates reported, dry runs,
and files made by other tools."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from sajeon.storage.project import Project
from sajeon.storage.store import Store

from .conftest import ROOT, Sajeon, snapshot

GOOD = Path(__file__).parent / "data" / "formats" / "good"


def source_files(project: Project) -> dict[str, bytes]:
    return {
        p.relative_to(project.root).as_posix(): p.read_bytes()
        for d in (project.glossary_dir, project.memory_dir)
        for p in sorted(d.rglob("*.tsv"))
        if "starter" not in p.parts
    }


@pytest.fixture
def exported(bundled_project, sajeon) -> Path:
    sajeon("export")
    return bundled_project.exports_dir


@pytest.mark.parametrize(
    ("glossary_file", "memory_file"),
    [
        ("sajeon-ko-en.tbx", "memory-ko-en.tmx"),
        ("sajeon-ko-en-tbx3.tbx", "memory-ko-en.po"),
        ("sajeon-ko-en.po", "memory-ko-en.tmx"),
        ("sajeon-ko-en.csv", "memory-ko-en.po"),
        ("sajeon-ko-en.tsv", "memory-ko-en.tmx"),
        ("sajeon-ko-en.utf8", "memory-ko-en.po"),
    ],
)
def test_export_wipe_import_gives_back_the_same_files(
    bundled_project, exported, empty_project, glossary_file, memory_file
):
    original = source_files(bundled_project)
    sajeon = Sajeon(empty_project)
    sajeon("import", str(exported / glossary_file))
    sajeon("import", str(exported / memory_file))
    assert source_files(empty_project) == original
    assert empty_project.check() == []
    with Store(empty_project.db_path) as a, Store(bundled_project.db_path) as b:
        assert a.dump() == b.dump()
    # and exporting again gives the same bytes
    sajeon("export")
    for path in exported.iterdir():
        assert (empty_project.exports_dir / path.name).read_bytes() == path.read_bytes()


def test_importing_the_same_export_again_changes_nothing(bundled_project, sajeon, exported):
    before = snapshot(bundled_project)
    result = sajeon("import", str(exported / "sajeon-ko-en.tbx"))
    assert "211 concepts read; 0 new, 0 merged, 211 unchanged, 0 conflicting" in result.output
    result = sajeon("import", str(exported / "memory-ko-en.tmx"))
    assert "45 segment pairs read (ko→en); 0 new, 45 already in the memory" in result.output
    assert snapshot(bundled_project) == before


def test_conflicts_are_reported_and_nothing_is_overwritten(bundled_project, sajeon, tmp_path):
    tbx = tmp_path / "colleague.tbx"
    tbx.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>a colleague's termbase</p></sourceDesc></fileDesc>
  </martifHeader>
  <text><body>
    <termEntry id="ministry-of-state-security">
      <descrip type="definition">The secret police.</descrip>
      <langSet xml:lang="ko"><tig><term>국가보위성</term>
        <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
      <langSet xml:lang="en"><tig><term>State Security Ministry</term></tig></langSet>
    </termEntry>
    <termEntry id="c17">
      <descrip type="subjectField">economy</descrip>
      <langSet xml:lang="ko"><tig><term>꽃제비</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>kotjebi</term></tig>
        <tig><term>wandering children</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
""",
        encoding="utf-8",
    )
    before = snapshot(bundled_project)
    dry = sajeon("import", str(tbx), "--dry-run")
    assert "2 concepts read; 1 new, 1 merged, 0 unchanged, 2 conflicting (dry run" in dry.output
    assert (
        "conflict: ministry-of-state-security: definition 'The secret police.' from the file "
        "differs from" in dry.output
    )
    assert "'국가보위성' (ko) status 'admitted' from the file differs from 'preferred'" in (
        dry.output
    )
    assert snapshot(bundled_project) == before
    sajeon("import", str(tbx))
    shown = sajeon("term", "show", "ministry-of-state-security").output
    assert "State Security Ministry" in shown
    assert "North Korea's secret police" in shown  # kept, not overwritten
    (kotjebi,) = json.loads(sajeon("term", "show", "꽃제비", "--json").output)
    statuses = {t["text"]: t["status"] for t in kotjebi["terms"]}
    assert statuses == {
        "꽃제비": "preferred",
        "kotjebi": "preferred",
        "wandering children": "admitted",
    }
    # another tool's entry id is provenance, not a sajeon id
    assert kotjebi["id"] == "kotjebi" and kotjebi["domain"] == "economy"
    assert kotjebi["sources"] == ["colleague.tbx: entry c17"]


def test_memory_duplicates_are_counted_not_doubled(bundled_project, sajeon, exported, tmp_path):
    po = polib.pofile(str(exported / "memory-ko-en.po"))
    po.append(polib.POEntry(msgid="꽃제비들이 늘었다.", msgstr="There are more kotjebi."))
    po.append(
        polib.POEntry(msgid="꽃제비들이 늘었다.", msgstr="There are more kotjebi.", msgctxt="x")
    )
    po.append(polib.POEntry(msgid="미번역 문장", msgstr=""))
    po.append(polib.POEntry(msgid="퍼지 문장", msgstr="fuzzy", flags=["fuzzy"]))
    path = tmp_path / "more.po"
    po.save(str(path))
    result = sajeon("import", str(path))
    # the pair repeated inside the file counts as a duplicate of its first copy
    assert "47 segment pairs read (ko→en); 1 new in memory/ko-en.tsv, 46 already" in result.output
    assert "skipped 1 entry: untranslated" in result.output
    assert "skipped 1 entry: fuzzy (not reviewed)" in result.output
    memory = bundled_project.load_memory()
    assert len(memory.segments) == 46 and not memory.duplicates


def test_foreign_po_must_say_glossary_or_memory(bundled_project, sajeon):
    before = snapshot(bundled_project)
    result = sajeon("import", str(GOOD / "weblate-en-ko.po"), ok=False)
    assert "does not say the source language (X-Source-Language); give it with --from" in (
        result.output
    )
    result = sajeon("import", str(GOOD / "weblate-en-ko.po"), "--from", "en", ok=False)
    assert "cannot tell whether this PO is a glossary or a memory: give --as" in result.output
    assert snapshot(bundled_project) == before
    result = sajeon("import", str(GOOD / "weblate-en-ko.po"), "--as", "memory", "--from", "en")
    assert "2 segment pairs read (en→ko); 2 new in memory/en-ko.tsv" in result.output
    lines = (bundled_project.memory_dir / "en-ko.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "en\tko\torigin\tdate\ttranslator\tnote"
    assert lines[1].startswith("The border is closed.\t국경이 봉쇄되었다.\t")
    assert "Said by a smuggler." in lines[1]


def test_foreign_po_as_glossary(bundled_project, sajeon):
    result = sajeon("import", str(GOOD / "weblate-en-ko.po"), "--as", "glossary", "--from", "en")
    assert "2 concepts read; 1 new, 1 merged" in result.output
    shown = sajeon("term", "show", "smuggling").output
    assert "밀수" in shown and "밀무역" in shown


def test_sajeon_po_refuses_the_wrong_kind(bundled_project, sajeon, exported):
    result = sajeon("import", str(exported / "memory-ko-en.po"), "--as", "glossary", ok=False)
    assert "the header says this is a sajeon memory PO, not a glossary" in result.output


@pytest.mark.parametrize("name", ["sajeon-ko-en.tbx", "sajeon-ko-en.utf8"])
def test_importing_our_own_glossary_export_again_adds_nothing(bundled_project, sajeon, name):
    sajeon("export")
    before = snapshot(bundled_project)
    result = sajeon("import", str(bundled_project.exports_dir / name))
    assert "211 concepts read; 0 new, 0 merged, 211 unchanged, 0 conflicting" in result.output
    assert snapshot(bundled_project) == before


def test_omegat_glossary_keeps_statuses_dates_and_renderings(
    bundled_project, exported, sajeon_empty
):
    """The OmegaT glossary offers one rendering per line, but its #sajeon: lines give back
    every term: a former name stays deprecated, MSS stays forbidden, the note is stored once."""
    sajeon_empty("import", str(exported / "sajeon-ko-en.utf8"))
    (concept,) = json.loads(sajeon_empty("term", "show", "인민보안성", "--json").output)
    terms = {(t["lang"], t["text"]): t for t in concept["terms"]}
    assert terms["ko", "인민보안성"]["status"] == "deprecated"
    assert terms["ko", "인민보안성"]["valid_until"] == "2020"
    assert terms["en", "Ministry of People's Security"]["status"] == "deprecated"
    assert terms["en", "MSS"]["status"] == "forbidden"
    assert concept["note"] is None
    (state,) = json.loads(sajeon_empty("term", "show", "국가보위성", "--json").output)
    assert (
        state["note"]
        == "House style: 'Ministry of State Security (MSS)' at first mention, then 'MSS'."
    )
    also = {t["text"]: t["status"] for t in state["terms"] if t["lang"] == "en"}
    assert also["Ministry for Protection of the State"] == "admitted"
    assert also["State Security Department"] == "deprecated"


def test_lines_added_to_our_omegat_glossary_are_imported(bundled_project, exported, sajeon):
    """A line a translator added in OmegaT is read like any OmegaT glossary line."""
    path = exported / "sajeon-ko-en.utf8"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("꽃제비\tkotjebi\tHomeless children who beg at markets.\n")
    result = sajeon("import", str(path))
    assert "212 concepts read; 1 new, 0 merged, 211 unchanged, 0 conflicting" in result.output
    (concept,) = json.loads(sajeon("term", "show", "꽃제비", "--json").output)
    assert concept["note"] == "Homeless children who beg at markets."


def test_cat_tbx_is_refused_on_import(bundled_project, exported, sajeon):
    """The CAT view has dropped statuses: importing it would make 인민보안성 usable."""
    before = snapshot(bundled_project)
    result = sajeon("import", str(exported / "sajeon-ko-en-cat.tbx"), ok=False)
    (line,) = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert "sajeon-ko-en-cat.tbx:10: this is sajeon's CAT view" in line
    assert "import the complete TBX" in line
    assert snapshot(bundled_project) == before


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ("#sajeon:term\tko\t보위부", "#sajeon:term has 2 fields, expected 8"),
        ("#sajeon:termz\tko", "unknown record '#sajeon:termz'"),
        ("#sajeon:term\tko\t보위부\tpreferd\t\t\t\t\t", "unknown status 'preferd'"),
        ("#sajeon:term\tko\t보위부\tadmitted\t\t\t\t\t\\q", "unknown escape '\\q'"),
    ],
)
def test_bad_omegat_record_names_its_line(bundled_project, exported, sajeon, record, message):
    path = exported / "sajeon-ko-en.utf8"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(5, record)
    path.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(bundled_project)
    result = sajeon("import", str(path), ok=False)
    assert "sajeon-ko-en.utf8:6: " in result.output and message in result.output
    assert snapshot(bundled_project) == before


def test_omegat_glossary_says_its_language_pair(bundled_project, exported, sajeon):
    result = sajeon("import", str(exported / "sajeon-ko-en.utf8"), "--from", "en", ok=False)
    assert "sajeon-ko-en.utf8:3: this is a ko→en glossary, not en→en" in result.output


def test_omegat_glossary_import(bundled_project, sajeon):
    result = sajeon("import", str(GOOD / "omegat-glossary.utf8"))
    assert "3 concepts read" in result.output
    assert "Market trader" in sajeon("term", "show", "장마당 상인").output


def test_third_party_tbx_with_groups_and_language_level_fields(bundled_project, sajeon):
    """MultiTerm-style TBX: descripGrp, definitions and sources at language level,
    dateTime dates, ntig, no statuses (first term preferred), ignored fields reported."""
    result = sajeon("import", str(GOOD / "multiterm-style.tbx"))
    assert "1 concepts read; 1 new" in result.output
    assert (
        "kept 1 × <descrip type='Usage'> at entry level as a note (first at line 18: 'internal')"
        in result.output
    )
    concept = json.loads(sajeon("term", "show", "외화벌이일꾼", "--json").output)[0]
    assert concept["id"] == "foreign-currency-earner"  # made from the English term
    assert concept["note"] == "Usage: internal"
    assert concept["created"] == "2024-05-02" and concept["modified"] == "2024-06-30"
    assert concept["author"] == "Kim"
    assert concept["definition"] == (
        "(Korean) 외화벌이 회사의 직원.\nAn employee of a foreign-currency earning company."
    )
    assert concept["sources"] == [
        "https://www.dailynk.com/english/",
        "Daily NK style sheet",
        "multiterm-style.tbx: entry currency-earner",  # MultiTerm's id, as provenance
    ]
    statuses = {(t["lang"], t["text"]): t["status"] for t in concept["terms"]}
    assert statuses == {
        ("ko", "외화벌이일꾼"): "preferred",
        ("ko", "외화벌이원"): "admitted",
        ("en", "foreign-currency earner"): "preferred",
    }
    term = next(t for t in concept["terms"] if t["text"] == "foreign-currency earner")
    assert term["note"] == "Context: He worked as a foreign-currency earner in Dandong."
    assert term["pos"] == "noun"


def test_utf16_tmx_with_regions_inline_codes_and_times(bundled_project, sajeon):
    """A Trados-like TMX: UTF-16, ko-KR/en-US, inline codes, dates with times."""
    assert (GOOD / "trados-utf16.tmx").read_bytes().startswith(b"\xff\xfe")
    result = sajeon("import", str(GOOD / "trados-utf16.tmx"), "--dry-run")
    assert "2 segment pairs read (ko→en); 2 new" in result.output  # folded (issue 10)
    result = sajeon("import", str(GOOD / "trados-utf16.tmx"), "--keep-regions", "--dry-run")
    assert "2 segment pairs read (ko-KR→en-US); 2 new" in result.output
    result = sajeon("import", str(GOOD / "trados-utf16.tmx"), "--from", "ko", "--to", "en")
    assert "2 segment pairs read (ko→en); 2 new in memory/ko-en.tsv" in result.output
    assert "inline code" not in result.output  # markup is removed, its text kept: no loss
    assert "ignored 1 × <prop type='x-Context'>" in result.output
    last = (bundled_project.memory_dir / "ko-en.tsv").read_text(encoding="utf-8").splitlines()
    assert last[-2].split("\t")[:5] == [
        "혜산시 장마당에서 쌀값이 올랐다.",
        "Rice prices rose in the Hyesan market.",
        "",
        "2025-03-14",
        "PARK",
    ]
    assert last[-1].split("\t")[1] == "The MSS arrested two smugglers."


def test_bom_csv_imports(bundled_project, sajeon):
    result = sajeon("import", str(GOOD / "bom.csv"), "--map", "한국어=ko", "--map", "English=en")
    assert "1 concepts read; 1 new" in result.output


def test_v3_has_no_proper_noun_so_it_becomes_noun(bundled_project, sajeon, tmp_path):
    sajeon("term", "set", "Kim Jong Un", "--lang", "en", "--pos", "properNoun")
    sajeon("export", "--format", "tbx", "--format", "tbx3", "--dir", str(tmp_path))
    tbx2008 = (tmp_path / "sajeon-ko-en.tbx").read_text(encoding="utf-8")
    tbx3 = (tmp_path / "sajeon-ko-en-tbx3.tbx").read_text(encoding="utf-8")
    assert '<termNote type="partOfSpeech">properNoun</termNote>' in tbx2008
    assert "properNoun" not in tbx3
    assert '<term>Kim Jong Un</term>\n            <termNote type="partOfSpeech">noun' in tbx3


def test_statuses_map_both_ways(tmp_path):
    from sajeon.formats import tbx

    project = Project(ROOT)
    concept = project.load_glossary().get("ministry-of-social-security")
    path = tmp_path / "one.tbx"
    with path.open("wb") as fh:
        tbx.write_tbx([concept], fh, langs=["ko", "en"], title="t", description=tbx.EXPORT_MARK)
    text = path.read_text(encoding="utf-8")
    assert "<term>MSS</term>" in text
    mss = text.split("<term>MSS</term>", 1)[1].split("</tig>", 1)[0]
    assert "deprecatedTerm-admn-sts" in mss and "superseded" not in mss  # forbidden
    # deprecated: "not recommended" (all translate-toolkit and Weblate know), marked superseded
    old = text.split("<term>인민보안성</term>", 1)[1].split("</tig>", 1)[0]
    assert "deprecatedTerm-admn-sts</termNote>\n            <note>Status: superseded</note>" in old
    assert "<note>Valid until: 2020</note>" in old
    (back,) = tbx.read_tbx(path, "one.tbx")
    assert back == concept
    # TBX v3, which those tools do not read, keeps TBX-Basic's own "superseded"
    with path.open("wb") as fh:
        tbx.write_tbx(
            [concept], fh, langs=["ko", "en"], flavour="v3", title="t", description=tbx.EXPORT_MARK
        )
    old = path.read_text(encoding="utf-8").split("<term>인민보안성</term>", 1)[1]
    assert "supersededTerm-admn-sts" in old.split("</termSec>", 1)[0]
    (back,) = tbx.read_tbx(path, "one.tbx")
    assert back == concept


def test_dry_run_memory_import_changes_nothing(bundled_project, sajeon):
    before = snapshot(bundled_project)
    result = sajeon("import", str(GOOD / "trados-utf16.tmx"), "--dry-run")
    assert "2 new, 0 already in the memory (dry run: nothing changed)" in result.output
    result = sajeon(
        "import", str(GOOD / "trados-utf16.tmx"), "--from", "ko", "--keep-regions", "--dry-run"
    )
    assert "(ko→en-US); 2 new, 0 already in the memory (dry run" in result.output
    assert snapshot(bundled_project) == before
    assert not list(bundled_project.root.glob(".sajeon-import-*"))


def test_import_into_another_memory_file(bundled_project, sajeon):
    result = sajeon(
        "import", str(GOOD / "trados-utf16.tmx"), "--to", "en", "--file", "memory/2025/trados.tsv"
    )
    assert "2 new in memory/2025/trados.tsv" in result.output
    assert bundled_project.check() == []


def test_streamed_import_of_many_units_in_batches(empty_project, tmp_path):
    """Several batches, with duplicates inside the file across batch boundaries."""
    from sajeon.formats import tmx

    path = tmp_path / "many.tmx"
    path.write_bytes(_many_units(12_000, repeat_every=7))
    report = tmx.TMXRead()
    result = empty_project.import_segments(
        tmx.read_tmx(path, "many.tmx", report=report), batch_size=1000
    )
    distinct = len({i for i in range(12_000) if i % 7 != 6})
    assert result.read == 12_000 and result.added == distinct
    assert result.duplicates == 12_000 - distinct
    assert empty_project.check() == []
    with Store(empty_project.db_path) as store:
        hits = store.search_segments("장마당 시세 5")
    assert hits


def _many_units(count: int, repeat_every: int = 0) -> bytes:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ko" '
        'datatype="plaintext"/><body>\n'
    )
    units = []
    for i in range(count):
        n = i - 1 if repeat_every and i % repeat_every == repeat_every - 1 else i
        units.append(
            f'<tu creationdate="20250102T101500Z"><tuv xml:lang="ko"><seg>장마당 시세 {n}번: '
            f'쌀 1kg에 {n}원</seg></tuv><tuv xml:lang="en"><seg>Market prices #{n}: rice '
            f"{n} won per kg</seg></tuv></tu>\n"
        )
    return (head + "".join(units) + "</body></tmx>\n").encode("utf-8")


def test_a_shared_forbidden_term_does_not_make_concepts_the_same(bundled_project, sajeon, tmp_path):
    """MSS is forbidden for the Ministry of Social Security and admitted for the Ministry of
    State Security: an incoming MSS entry belongs to the second only."""
    path = tmp_path / "mss.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">'
        "<martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>"
        '<text><body><termEntry id="c1"><descrip type="subjectField">security</descrip>'
        '<langSet xml:lang="en"><tig><term>MSS</term><termNote type="administrativeStatus">'
        "admittedTerm-admn-sts</termNote></tig></langSet>"
        '<langSet xml:lang="ko"><tig><term>보위성</term></tig></langSet>'
        "</termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    result = sajeon("import", str(path))
    assert "1 concepts read; 0 new, 1 merged, 0 unchanged, 0 conflicting" in result.output
    (concept,) = json.loads(sajeon("term", "show", "보위성", "--json").output)
    assert concept["id"] == "ministry-of-state-security"


def test_tmx_without_the_requested_target_language(bundled_project, sajeon):
    before = snapshot(bundled_project)
    result = sajeon("import", str(GOOD / "trados-utf16.tmx"), "--to", "ja", ok=False)
    assert "no unit has text in both languages (skipped 2 unit(s): no ja text" in result.output
    assert snapshot(bundled_project) == before


@pytest.mark.parametrize("name", ["terms-layout-ko-en.csv", "terms-layout-ko-en.tsv"])
def test_old_term_per_row_spreadsheet_still_imports(empty_project, name):
    """Exports made before issue 9 had one row per term (the fixtures are such exports of
    four concepts): they import without a mapping and give the same concepts back."""
    assert (GOOD / name).read_text(encoding="utf-8-sig").startswith("concept")
    result = Sajeon(empty_project)("import", str(GOOD / name))
    assert "4 concepts read; 4 new" in result.output
    ids = ("ministry-of-social-security", "ministry-of-state-security", "onsong-county")
    ids += ("onsong-county-mss",)
    bundled = Project(ROOT).load_glossary()
    imported = empty_project.load_glossary()
    assert [imported.get(i) for i in ids] == [bundled.get(i) for i in ids]


def test_hand_edited_spreadsheet_keeps_quotes_newlines_and_tabs(empty_project, tmp_path):
    """A concept-per-row spreadsheet under a name without .csv, no BOM, and as TSV with CRLF
    line ends: values with commas, quotes, a line break (CSV) and escapes (TSV)."""
    from sajeon.core.model import Concept, Term
    from sajeon.formats import csvfile

    concept = Concept(
        "hoeryong",
        [
            Term("ko", "회령시", pos="properNoun"),
            Term("ko", "회령", "admitted", type="shortForm"),
            Term("en", "Hoeryong", note='Not "Hoeryung";\tkeep the McCune–Reischauer form.'),
            Term("en", "Hoeryong City", "forbidden", valid_until="1991"),
        ],
        domain="place",
        definition="A city in North Hamgyong Province,\non the Tumen River.",
        sources=["https://example.org/a, b", "Daily NK style sheet"],
        created="2025-03-14",
        modified="2025-03-15",
        author="K. Lee",
    ).cleaned()
    sajeon = Sajeon(empty_project)
    for delimiter, suffix in ((",", ".sheet"), ("\t", ".tsv")):
        text = csvfile.write_sheet([concept], ["ko", "en"], delimiter)
        if delimiter == "\t":
            assert '"' not in text.split("\n", 1)[0] and "\\t" in text and "\\n" in text
            assert len(text.splitlines()) == 2  # the TSV never quotes: one line per concept
            text = text.replace("\n", "\r\n")  # as a Windows spreadsheet saves it
        path = tmp_path / f"hoeryong{suffix}"
        path.write_bytes(text.encode("utf-8"))
        sajeon("import", str(path))
        assert empty_project.load_glossary().get("hoeryong") == concept


TBX_ONE_ENTRY = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="e1">
<langSet xml:lang="ko">
{ko}
</langSet>
<langSet xml:lang="en"><tig><term>Ministry of State Security</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def _tbx(tmp_path, ko: str) -> Path:
    path = tmp_path / "one.tbx"
    path.write_text(TBX_ONE_ENTRY.format(ko=ko), encoding="utf-8")
    return path


def _status(value: str) -> str:
    return f'<termNote type="administrativeStatus">{value}</termNote>'


def test_tbx_with_two_preferred_terms_in_a_language_is_refused(tmp_path):
    from sajeon.core.model import InputError
    from sajeon.formats import tbx

    ko = (
        f"<tig><term>국가보위성</term>{_status('preferredTerm-admn-sts')}</tig>\n"
        f"<tig><term>보위성</term>{_status('preferredTerm-admn-sts')}</tig>"
    )
    with pytest.raises(InputError) as error:
        list(tbx.read_tbx(_tbx(tmp_path, ko), "one.tbx"))
    assert str(error.value) == (
        "one.tbx:8: entry 'e1': two preferred ko terms, '국가보위성' and '보위성' "
        "(one must be admitted)"
    )
    # one preferred, the others unmarked: the unmarked ones are admitted, as before
    ko = f"<tig><term>국가보위성</term></tig>\n<tig><term>보위성</term>{_status('preferred')}</tig>"
    (concept,) = list(tbx.read_tbx(_tbx(tmp_path, ko), "one.tbx"))
    assert [(t.text, t.status) for t in concept.terms_in("ko")] == [
        ("보위성", "preferred"),
        ("국가보위성", "admitted"),
    ]


def test_tbx_term_with_two_statuses_is_refused_at_its_line(tmp_path):
    from sajeon.core.model import InputError
    from sajeon.formats import tbx

    ko = (
        "<tig><term>국가보위성</term>\n"
        f"{_status('preferredTerm-admn-sts')}\n{_status('deprecatedTerm-admn-sts')}</tig>"
    )
    with pytest.raises(InputError) as error:
        list(tbx.read_tbx(_tbx(tmp_path, ko), "one.tbx"))
    assert str(error.value) == (
        "one.tbx:7: <tig> has two administrative statuses, 'preferredTerm-admn-sts' (line 8) "
        "and 'deprecatedTerm-admn-sts' (line 9)"
    )
    # the same status said twice, in two spellings, is one status
    same = _status("preferredTerm-admn-sts") + _status("preferred")
    ko = f"<tig><term>국가보위성</term>{same}</tig>"
    (concept,) = list(tbx.read_tbx(_tbx(tmp_path, ko), "one.tbx"))
    assert concept.terms_in("ko")[0].status == "preferred"


def test_tbx_dates_with_times_and_impossible_days(tmp_path):
    from sajeon.core.model import InputError
    from sajeon.formats import tbx

    def entry(day: str) -> Path:
        path = _tbx(tmp_path, "<tig><term>국가보위성</term></tig>")
        text = path.read_text(encoding="utf-8").replace(
            '<termEntry id="e1">',
            '<termEntry id="e1"><transacGrp><transac>origination</transac>'
            f"<date>{day}</date></transacGrp>",
        )
        path.write_text(text, encoding="utf-8")
        return path

    (concept,) = list(tbx.read_tbx(entry("2024-02-29T10:15:00+09:00"), "one.tbx"))
    assert concept.created == "2024-02-29"
    with pytest.raises(InputError, match=r"one.tbx:5: date '2023-02-29' is not a valid date"):
        list(tbx.read_tbx(entry("2023-02-29"), "one.tbx"))
    with pytest.raises(InputError, match=r"one.tbx:5: date '2024-02-28T25:00:00Z' is not a valid"):
        list(tbx.read_tbx(entry("2024-02-28T25:00:00Z"), "one.tbx"))


def test_mapped_csv_rows_making_two_terms_preferred_are_refused(bundled_project, sajeon):
    path = bundled_project.root / "two.csv"
    path.write_text(
        "korean,english,status\n"
        "국가보위성,Ministry of State Security,preferred\n"
        "국가보위성,MSS,preferred\n",
        encoding="utf-8",
    )
    before = snapshot(bundled_project)
    result = sajeon(
        "import",
        str(path),
        "--map",
        "korean=ko",
        "--map",
        "english=en",
        "--map",
        "status=status",
        ok=False,
    )
    assert result.exit_code == 1
    assert "two.csv:3: two preferred en terms, 'Ministry of State Security' and 'MSS'" in (
        result.output
    )
    assert snapshot(bundled_project) == before
