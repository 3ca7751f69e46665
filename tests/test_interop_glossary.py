"""Glossary files other tools write (tests/data/interop/glossary/, see its README): each is
imported through the real ``sajeon import`` into a real project, says what must survive
(languages, terms, statuses, notes, concept boundaries), and a second import adds nothing.

Issue 10, items 3 (ids from another tool are provenance, never a concept), 4 (lenient with
vocabularies, strict with structure) and 7 (recognise what a user hands in)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest

from sajeon.formats import tbx

from .conftest import Sajeon, snapshot

INTEROP = Path(__file__).parent / "data" / "interop" / "glossary"
GOOD = Path(__file__).parent / "data" / "formats" / "good"
MEMOQ_MAP = [
    *("--map", "Korean=ko", "--map", "English=en", "--map", "Entry_Domain=domain"),
    *("--map", "Korean_Def=definition", "--map", "English_Def=definition"),
    *("--map", "Entry_Note=note", "--map", "Entry_ID=id"),
]
SEMICOLON_MAP = ["--map", "한국어=ko", "--map", "English=en", "--map", "분야=domain"]
SEMICOLON_MAP += ["--map", "비고=note"]
SYNONYMS_MAP = ["--map", "korean=ko", "--map", "english=en", "--map", "domain=domain"]
SYNONYMS_MAP += ["--map", "note=note", "--synonyms", "|"]


def concept_of(sajeon: Sajeon, term: str) -> dict:
    (concept,) = json.loads(sajeon("term", "show", term, "--json").output)
    return concept


def terms_of(concept: dict) -> dict[tuple[str, str], dict]:
    return {(t["lang"], t["text"]): t for t in concept["terms"]}


def import_twice(sajeon: Sajeon, *args: str) -> str:
    """Import, then import again: the second time must change nothing at all."""
    first = sajeon("import", *args)
    before = snapshot(sajeon.project)
    again = sajeon("import", *args)
    assert " 0 new, 0 merged, " in again.output, again.output
    assert snapshot(sajeon.project) == before
    return first.output


# ------------------------------------------------------------------ item 3: ids are provenance


def test_two_termbases_numbered_from_c1_stay_two_concepts(sajeon_empty):
    """Both colleagues' files (written by translate-toolkit) call their first entry c1:
    국가보위성 in one, 온성군 in the other. They are two concepts, and the ids are kept as
    where each entry came from."""
    out = import_twice(sajeon_empty, str(INTEROP / "termbase-a.tbx"))
    assert "termbase-a.tbx: 2 concepts read; 2 new, 0 merged" in out
    out = import_twice(sajeon_empty, str(INTEROP / "termbase-b.tbx"))
    assert "termbase-b.tbx: 2 concepts read; 2 new, 0 merged, 0 unchanged, 0 conflicting" in out
    mss = concept_of(sajeon_empty, "국가보위성")
    onsong = concept_of(sajeon_empty, "온성군")
    assert mss["id"] == "ministry-of-state-security" and onsong["id"] == "onsong-county"
    assert set(terms_of(mss)) == {("ko", "국가보위성"), ("en", "Ministry of State Security")}
    assert set(terms_of(onsong)) == {("ko", "온성군"), ("en", "Onsong County")}
    assert mss["sources"] == ["termbase-a.tbx: entry c1"]
    assert onsong["sources"] == ["termbase-b.tbx: entry c1"]
    assert onsong["note"] == "A county of North Hamgyong Province."
    listed = sajeon_empty("term", "list").output
    assert len([line for line in listed.splitlines() if "→" in line]) == 4


def test_a_foreign_c1_joins_the_concept_its_terms_name(sajeon):
    """In the bundled glossary, termbase-b's c1 joins onsong-county by its terms, and
    nothing joins the Ministry of State Security by an id."""
    out = import_twice(sajeon, str(INTEROP / "termbase-b.tbx"))
    assert "2 concepts read; 0 new, 2 merged" in out
    assert "온성군" not in json.dumps(concept_of(sajeon, "국가보위성"), ensure_ascii=False)
    assert "termbase-b.tbx: entry c1" in concept_of(sajeon, "온성군")["sources"]


def test_foreign_po_msgctxt_is_provenance(sajeon, tmp_path):
    """A PO glossary from elsewhere whose msgctxt happens to be a sajeon concept id:
    회령시 does not join onsong-county."""
    po = polib.POFile()
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgctxt="onsong-county", msgid="회령시", msgstr="Hoeryong"))
    path = tmp_path / "colleague.po"
    po.save(str(path))
    import_twice(sajeon, str(path), "--as", "glossary", "--from", "ko")
    hoeryong = concept_of(sajeon, "회령시")
    assert hoeryong["id"] != "onsong-county"
    assert "colleague.po: msgctxt onsong-county" in hoeryong["sources"]
    assert "회령시" not in json.dumps(concept_of(sajeon, "온성군"), ensure_ascii=False)


def test_a_csv_id_column_is_provenance(sajeon, tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("id,korean,english\nonsong-county,회령시,Hoeryong\n", encoding="utf-8")
    args = ["--map", "id=id", "--map", "korean=ko", "--map", "english=en"]
    import_twice(sajeon, str(path), *args)
    hoeryong = concept_of(sajeon, "회령시")  # the bundled concept, joined by its terms
    assert hoeryong["id"] == "hoeryong" and "ids.csv: id onsong-county" in hoeryong["sources"]
    assert "회령시" not in json.dumps(concept_of(sajeon, "온성군"), ensure_ascii=False)


def test_a_sajeon_export_id_joins_only_a_concept_sharing_a_term(sajeon, tmp_path):
    """sajeon's own exports keep their ids (the round trips depend on it), but another
    sajeon project's 'county' must not become this one's: an id joins only a concept that
    shares a term with the entry."""
    from sajeon.core.model import Concept, Term

    other = Concept("county", [Term("ko", "출납부"), Term("en", "cash book")], domain="economy")
    path = tmp_path / "sajeon-ko-en.tbx"
    with path.open("wb") as fh:
        tbx.write_tbx([other], fh, langs=["ko", "en"], title="t", description=tbx.EXPORT_MARK)
    out = import_twice(sajeon, str(path))
    assert "1 concepts read; 1 new, 0 merged" in out
    assert "출납부" not in json.dumps(concept_of(sajeon, "county"), ensure_ascii=False)
    assert concept_of(sajeon, "출납부")["id"] == "cash-book"


# ------------------------------------------------------------------ item 4: vocabularies


def test_iate_style_tbx_keeps_unknown_values_and_warns(sajeon_empty):
    """termType 'formula' and 'lookupForm' and the reliability codes are kept as notes, each
    warned about with its value and line; the language-independent 'mul' sections are
    skipped with a warning; statuses, term types and domains sajeon knows are kept."""
    result = sajeon_empty("import", str(INTEROP / "iate-style.tbx"))
    assert result.exit_code == 0
    assert "iate-style.tbx: 3 concepts read; 3 new, 0 merged" in result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert (
        "warning: iate-style.tbx: kept 1 × termType 'formula', not one of sajeon's values, "
        "as a note (first at line 69)"
    ) in warnings
    assert any("termType 'lookupForm'" in w and "line 93" in w for w in warnings)
    assert (
        "warning: iate-style.tbx: kept 12 × <descrip type='reliabilityCode'> at term level "
        "as a note (first at line 21: '3')"
    ) in warnings
    assert "warning: iate-style.tbx: ignored 1 × entries with terms only in xml:lang='mul'" in (
        warnings
    )
    uf6 = concept_of(sajeon_empty, "UF6")
    assert uf6["domain"] == "nuclear industry"
    assert uf6["sources"] == ["iate-style.tbx: entry IATE-3600002"]
    formula = terms_of(uf6)["en", "UF6"]
    assert formula["type"] is None and formula["status"] == "admitted"
    assert formula["note"] == "termType: formula\nreliabilityCode: 3"
    mss = terms_of(concept_of(sajeon_empty, "국가보위성"))
    assert mss["ko", "국가안전보위부"]["status"] == "deprecated"  # superseded: a former name
    assert mss["ko", "보위부"]["type"] == "shortForm"
    assert mss["en", "MSS"]["type"] == "abbreviation" and mss["en", "MSS"]["status"] == "admitted"
    assert mss["en", "Ministry of State Security"]["note"] == "reliabilityCode: 4"
    assert "KP" not in sajeon_empty("term", "list").output
    import_twice(sajeon_empty, str(INTEROP / "iate-style.tbx"))


def test_multiterm_field_names_match_whatever_their_case(sajeon_empty):
    out = import_twice(sajeon_empty, str(INTEROP / "multiterm-style.tbx"))
    assert "2 concepts read; 2 new" in out
    assert "kept 1 × partOfSpeech 'noun phrase', not one of sajeon's values" in out
    assert "kept 1 × <descrip type='Usage'> at term level as a note (first at line 32" in out
    concept = concept_of(sajeon_empty, "온성군 보위부")
    assert concept["domain"] == "Security"  # descrip type="Subject"
    assert concept["definition"] == "The county-level office of the Ministry of State Security."
    assert concept["note"] == "Spell out at first mention."  # descrip type="Note"
    assert concept["sources"] == ["Newsroom style sheet, 2024", "multiterm-style.tbx: entry 1"]
    assert concept["author"] == "LEE" and concept["created"] == "2024-03-04"
    terms = terms_of(concept)
    assert terms["ko", "온성군 보위부"]["pos"] == "noun"  # "Part of Speech": "Noun"
    english = terms["en", "Onsong County MSS"]
    assert english["pos"] is None
    assert english["note"] == "partOfSpeech: noun phrase\nUsage: headlines"
    assert concept_of(sajeon_empty, "돌격대")["domain"] == "Society"  # type="SUBJECT"


def test_structure_is_still_refused(bundled_project, sajeon, tmp_path):
    """Leniency is for values; a term without text is a broken file, refused whole."""
    text = (INTEROP / "iate-style.tbx").read_text(encoding="utf-8")
    path = tmp_path / "broken.tbx"
    path.write_text(text.replace("<term>보위부</term>", "<term> </term>"), encoding="utf-8")
    before = snapshot(bundled_project)
    result = sajeon("import", str(path), ok=False)
    assert "broken.tbx:24: <tig> has no <term> text" in result.output
    assert snapshot(bundled_project) == before


def test_term_add_choices_stay_strict(sajeon):
    result = sajeon("term", "add", "육불화우라늄", "UF6", "--type", "formula", ok=False)
    assert result.exit_code == 2 and "'formula' is not one of" in result.output


# ------------------------------------------------------------------ item 7: what users hand in


def test_tbx_v3_dct_style_is_read(sajeon_empty):
    out = import_twice(sajeon_empty, str(INTEROP / "tbx3-dct.tbx"))
    assert "tbx3-dct.tbx: 1 concepts read; 1 new" in out
    concept = concept_of(sajeon_empty, "사회안전성")
    assert concept["domain"] == "security"  # <min:subjectField>
    assert concept["definition"] == "(Korean) 북한의 경찰 기관.\nNorth Korea's police ministry."
    assert concept["note"] == "Renamed in 2020."
    assert concept["author"] == "PARK" and concept["created"] == "2025-01-20"
    assert concept["sources"] == ["Newsroom style sheet", "tbx3-dct.tbx: entry c1"]
    terms = terms_of(concept)
    assert terms["ko", "사회안전성"]["status"] == "preferred"
    assert terms["ko", "인민보안성"]["status"] == "deprecated"  # supersededTerm-admn-sts
    assert terms["ko", "인민보안성"]["note"] == "Name until 2020."
    english = terms["en", "Ministry of Social Security"]
    assert english["pos"] == "noun" and english["type"] == "fullForm"
    assert english["note"].startswith("Context: The Ministry of Social Security issued")
    assert terms["en", "Ministry of People's Security"]["status"] == "deprecated"


def test_minimal_dct_file_joins_the_bundled_concept(sajeon):
    """The former refusal fixture: its 장마당 joins the bundled concept by its term."""
    out = import_twice(sajeon, str(GOOD / "tbx3-dct-style.tbx"))
    assert "1 concepts read; 0 new, 1 merged" in out
    (term,) = [t for t in concept_of(sajeon, "장마당")["terms"] if t["text"] == "장마당"]
    assert term["pos"] == "noun"


def test_omegat_glossary_txt_needs_no_format_option(sajeon_empty, tmp_path):
    """OmegaT 3.6 wrote this glossary.txt: no header, tab-separated, a comment column."""
    out = import_twice(sajeon_empty, str(INTEROP / "omegat-glossary.txt"))
    assert "omegat-glossary.txt: 4 concepts read; 4 new" in out
    mss = concept_of(sajeon_empty, "보위부")  # shares its rendering with 국가보위성
    assert set(terms_of(mss)) == {
        ("ko", "국가보위성"),
        ("ko", "보위부"),
        ("en", "Ministry of State Security"),
    }
    assert mss["note"] == "MSS after the first mention\nEveryday short name"
    assert concept_of(sajeon_empty, "장마당")["note"] is None
    # OmegaT 4 and later start the file with a comment line
    commented = tmp_path / "glossary.txt"
    commented.write_text(
        "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
        + (INTEROP / "omegat-glossary.txt").read_text(encoding="utf-8")
        + "회령시\tHoeryong\n",
        encoding="utf-8",
    )
    assert (
        "5 concepts read; 1 new, 0 merged, 4 unchanged"
        in sajeon_empty("import", str(commented)).output
    )


def test_header_row_is_not_taken_for_a_term_pair(sajeon, tmp_path):
    """Two tab-separated columns under a header is a spreadsheet: sajeon asks for the
    mapping rather than importing 'korean' → 'english' as a term."""
    path = tmp_path / "terms.txt"
    path.write_text("korean\tenglish\n회령시\tHoeryong\n", encoding="utf-8")
    result = sajeon("import", str(path), ok=False)
    assert "give the column mapping" in result.output
    sajeon("import", str(path), "--map", "korean=ko", "--map", "english=en")
    assert concept_of(sajeon, "회령시")["terms"][0]["text"] == "Hoeryong"


def test_memoq_csv_export(sajeon_empty):
    """memoQ's export: ';'-separated, Korean twice in the header (two terms), a definition
    column per language, Entry_ID."""
    out = import_twice(sajeon_empty, str(INTEROP / "memoq-export.csv"), *MEMOQ_MAP)
    assert "memoq-export.csv: 3 concepts read; 3 new" in out
    assert (
        "warning: memoq-export.csv: read as semicolon-separated: the header has more "
        "semicolons than commas (give --delimiter to choose)"
    ) in out
    mss = concept_of(sajeon_empty, "국가보위성")
    assert mss["domain"] == "security"
    assert mss["definition"] == "북한의 비밀경찰.\nNorth Korea's secret police."  # both kept
    assert mss["note"] == "House style: MSS after the first mention."
    assert mss["sources"] == ["memoq-export.csv: id 1"]
    statuses = {key: t["status"] for key, t in terms_of(mss).items()}
    assert statuses == {
        ("ko", "국가보위성"): "preferred",
        ("ko", "보위부"): "admitted",
        ("en", "Ministry of State Security"): "preferred",
        ("en", "MSS"): "admitted",
    }
    assert concept_of(sajeon_empty, "외화벌이")["domain"] == "economy"


def test_semicolon_csv_without_delimiter_option(sajeon_empty):
    out = import_twice(sajeon_empty, str(INTEROP / "semicolon.csv"), *SEMICOLON_MAP)
    assert "semicolon.csv: 3 concepts read; 3 new" in out
    assert "read as semicolon-separated" in out
    smuggling = concept_of(sajeon_empty, "밀수")
    assert smuggling["note"] == "Cross-border trade without permits; mostly with China."
    assert concept_of(sajeon_empty, "혜산시")["domain"] == "place"


def test_synonyms_in_a_cell(sajeon_empty):
    out = import_twice(sajeon_empty, str(INTEROP / "synonyms.csv"), *SYNONYMS_MAP)
    assert "synonyms.csv: 3 concepts read; 3 new" in out
    statuses = {k: t["status"] for k, t in terms_of(concept_of(sajeon_empty, "보위부")).items()}
    assert statuses == {
        ("ko", "국가보위성"): "preferred",
        ("ko", "보위부"): "admitted",
        ("en", "Ministry of State Security"): "preferred",
        ("en", "MSS"): "admitted",
    }
    assert set(terms_of(concept_of(sajeon_empty, "무산"))) == {
        ("ko", "무산군"),
        ("ko", "무산"),
        ("en", "Musan County"),
    }


def test_two_definition_columns_are_joined_two_domain_columns_refused(sajeon, tmp_path):
    path = tmp_path / "two.csv"
    path.write_text(
        "korean,english,def_ko,def_en,field,category\n"
        "회령시,Hoeryong,함경북도의 시.,A city in North Hamgyong.,place,city\n",
        encoding="utf-8",
    )
    base = ["--map", "korean=ko", "--map", "english=en"]
    base += ["--map", "def_ko=definition", "--map", "def_en=definition"]
    before = snapshot(sajeon.project)
    result = sajeon(
        "import", str(path), *base, "--map", "field=domain", "--map", "category=domain", ok=False
    )
    assert "2 columns for domain ('field', 'category'); map one of them" in result.output
    assert snapshot(sajeon.project) == before
    import_twice(sajeon, str(path), *base, "--map", "field=domain")
    assert concept_of(sajeon, "회령시")["definition"] == "함경북도의 시.\nA city in North Hamgyong."


@pytest.mark.parametrize("name", ["sajeon-ko-en.csv", "sajeon-ko-en.tsv"])
def test_own_spreadsheets_keep_their_delimiter(bundled_project, sajeon, tmp_path, name):
    """The sniffing leaves sajeon's own exports as they were (their notes hold ';')."""
    sajeon("export")
    copy = tmp_path / name
    shutil.copy(bundled_project.exports_dir / name, copy)
    result = sajeon("import", str(copy))
    assert "211 concepts read; 0 new, 0 merged, 211 unchanged, 0 conflicting" in result.output
    assert "warning" not in result.output
