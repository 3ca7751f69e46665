"""Issue 10, items 1, 2 and 7 (PO): files other tools wrote, with region tags and their own
ideas of direction, imported through the real ``sajeon import`` into a real project.

The files are in tests/data/interop/langs/ (README.md there says which tool made each and
how). Every test states what must survive and that a second import adds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sajeon.core.langtags import Folding, normalise_lang
from sajeon.storage.project import Project

from .conftest import Sajeon, snapshot

DATA = Path(__file__).parent / "data" / "interop" / "langs"


def memory_rows(project: Project, name: str = "ko-en.tsv") -> dict[str, list[str]]:
    """Memory lines of one file by source sentence: [target, origin, date, translator, note]."""
    lines = (project.memory_dir / name).read_text(encoding="utf-8").splitlines()
    return {cells[0]: cells[1:] for cells in (line.split("\t") for line in lines[1:])}


def only_ko_en_memory(project: Project) -> None:
    files = sorted(p.name for p in project.memory_dir.rglob("*.tsv"))
    assert files == ["ko-en.tsv"], files


def lookup_finds(sajeon: Sajeon, source: str, target: str) -> None:
    """The default lookup (ko→en, no options) finds the imported pair."""
    result = sajeon("lookup", source)
    assert result.output.startswith(f"exact {source}\n"), result.output
    assert target in result.output


# ------------------------------------------------------------------ TMX: regions fold (item 1)


def test_trados_ko_kr_en_us_tmx_lands_in_the_memory_lookup_uses(bundled_project, sajeon):
    path = DATA / "trados-style-ko-KR-en-US.tmx"
    result = sajeon("import", str(path))
    assert "2 segment pairs read (ko→en); 2 new in memory/ko-en.tsv" in result.output
    only_ko_en_memory(bundled_project)
    rows = memory_rows(bundled_project)
    row = rows["회령시에서 탈북을 시도하던 일가족 네 명이 국경경비대에 붙잡혔다."]
    # en-US is what en stands for: nothing to note; changedate and changeid win
    assert row == [
        "A family of four trying to defect from Hoeryong was caught by border guards.",
        "",
        "2025-04-03",
        "DESK\\\\park",  # a backslash, escaped in sajeon's TSV
        "",
    ]
    lookup_finds(
        sajeon,
        "보위부는 이들을 온성군 구류장으로 이송했다고 소식통은 전했다.",
        "The MSS transferred them to a holding center in Onsong County, the source said.",
    )
    before = snapshot(bundled_project)
    again = sajeon("import", str(path))
    assert "2 segment pairs read (ko→en); 0 new, 2 already in the memory" in again.output
    assert snapshot(bundled_project) == before


def test_keep_regions_keeps_the_tool_s_tags(bundled_project, sajeon):
    path = DATA / "trados-style-ko-KR-en-US.tmx"
    result = sajeon("import", str(path), "--keep-regions")
    assert "2 segment pairs read (ko-KR→en-US); 2 new in memory/ko-KR-en-US.tsv" in result.output
    # the project now has ko-KR and en-US: OmegaT's KO-KR/EN-US join them, still apart
    result = sajeon("import", str(DATA / "omegat-3.6-level2.tmx"), "--keep-regions", "--dry-run")
    assert "(ko-KR→en-US); 2 new" in result.output


def test_omegat_project_save_tmx_1_1(bundled_project, sajeon):
    """OmegaT 3.6's own project memory: TMX 1.1, ``lang="KO-KR"``/``"EN-US"``, dates and
    authors on the target ``<tuv>``, a note on the unit."""
    path = DATA / "omegat-3.6-project_save.tmx"
    assert '<tuv lang="KO-KR">' in path.read_text(encoding="utf-8")
    result = sajeon("import", str(path))
    assert "3 segment pairs read (ko→en); 3 new in memory/ko-en.tsv" in result.output
    only_ko_en_memory(bundled_project)
    source = "소식통에 따르면 체포된 주민들은 중국산 휴대전화를 팔다가 적발됐다."
    target, _origin, date, _translator, note = memory_rows(bundled_project)[source]
    assert target.startswith("According to the source, the detained residents")
    assert note == "Checked against the Korean report; 중국산 = Chinese-made."
    assert len(date) == 10 and date.startswith("20")  # the day OmegaT saved it (tuv date)
    lookup_finds(sajeon, source, target)
    lookup_finds(
        sajeon,
        "국가보위성은 국경 연선의 단속을 한층 강화하라고 지시했다.",
        "The Ministry of State Security ordered a further tightening of crackdowns",
    )
    again = sajeon("import", str(path))
    assert "0 new, 3 already in the memory" in again.output
    # OmegaT's TMX 1.4 export of the same project: the same pairs, nothing new
    level2 = sajeon("import", str(DATA / "omegat-3.6-level2.tmx"))
    assert "2 segment pairs read (ko→en); 0 new, 2 already in the memory" in level2.output


def test_omegat_translator_on_the_tuv_is_kept(bundled_project, sajeon):
    sajeon("import", str(DATA / "omegat-3.6-project_save.tmx"))
    rows = memory_rows(bundled_project)
    assert rows["소식통에 따르면 체포된 주민들은 중국산 휴대전화를 팔다가 적발됐다."][3] == "KIM"


# ------------------------------------------------------------------ TMX: direction (item 2)


def test_po2tmx_file_reads_ko_to_en_from_its_units(bundled_project, sajeon):
    """po2tmx writes srclang="en" in the header whatever the languages, and the real source
    language on each unit: the unit's own srclang wins."""
    path = DATA / "po2tmx-ko-en.tmx"
    text = path.read_text(encoding="utf-8")
    assert 'srclang="en"' in text and '<tu srclang="ko">' in text
    result = sajeon("import", str(path), "--from", "ko")
    assert "3 segment pairs read (ko→en); 3 new in memory/ko-en.tsv" in result.output
    # msginit's copy of an untranslated msgid, carried over by po2tmx, is not a translation
    assert "skipped 1 unit(s): target is a copy of the source (untranslated)" in result.output
    only_ko_en_memory(bundled_project)
    lookup_finds(
        sajeon,
        "혜산시 장마당에서 쌀값이 일주일 만에 두 배로 올랐다.",
        "Rice prices in the Hyesan market doubled in a week.",
    )
    # without --from the units say the same; a second import adds nothing either way
    assert "3 segment pairs read (ko→en); 0 new, 3 already" in sajeon("import", str(path)).output


def test_from_and_to_choose_the_direction_of_a_tmx(bundled_project, sajeon):
    """A TMX pair reads both ways: --from en files the same units en→ko."""
    path = DATA / "po2tmx-ko-en.tmx"
    result = sajeon("import", str(path), "--from", "en", "--dry-run")
    assert "3 segment pairs read (en→ko); 3 new" in result.output
    result = sajeon("import", str(path), "--to", "ko", "--dry-run")
    assert "(en→ko)" in result.output
    result = sajeon("import", str(DATA / "trados-style-ko-KR-en-US.tmx"), "--from", "en-US")
    assert "2 segment pairs read (en-US→ko); 2 new in memory/en-US-ko.tsv" in result.output


def _tmx(header_srclang: str, units: list[tuple[str | None, str, str]]) -> str:
    body = "".join(
        (f'<tu srclang="{srclang}">' if srclang else "<tu>")
        + f'<tuv xml:lang="ko-KR"><seg>{ko}</seg></tuv>'
        + f'<tuv xml:lang="en-US"><seg>{en}</seg></tuv></tu>\n'
        for srclang, ko, en in units
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" '
        f'srclang="{header_srclang}" datatype="plaintext"/><body>\n{body}</body></tmx>\n'
    )


def test_srclang_all_takes_the_units_srclang_or_from(bundled_project, sajeon, tmp_path):
    path = tmp_path / "all.tmx"
    path.write_text(
        _tmx(
            "*all*",
            [
                (
                    "ko-KR",
                    "무산군에서 구리 밀수가 늘었다.",
                    "Copper smuggling rose in Musan County.",
                ),
                ("en-US", "온성군 장마당이 다시 열렸다.", "The Onsong market reopened."),
            ],
        ),
        encoding="utf-8",
    )
    result = sajeon("import", str(path), "--dry-run")
    assert "2 segment pairs read (ko→en); 2 new" in result.output
    # the second unit's srclang is the file's target language: filed like the first, and said
    assert "1 unit(s) with srclang en filed as ko→en like the first" in result.output
    path.write_text(_tmx("*all*", [(None, "회령시.", "Hoeryong.")]), encoding="utf-8")
    before = snapshot(bundled_project)
    result = sajeon("import", str(path), ok=False)
    assert "srclang is '*all*' and the unit has none: say which language is the source with" in (
        result.output
    )
    assert snapshot(bundled_project) == before
    assert "1 segment pairs read (ko→en); 1 new" in sajeon("import", str(path), "--to", "en").output


# ------------------------------------------------------------------ PO (items 1 and 7)


def test_msginit_en_us_po_lands_in_ko_en(bundled_project, sajeon):
    path = DATA / "msginit-en_US.po"
    text = path.read_text(encoding="utf-8")
    assert '"Language: en_US\\n"' in text and "X-Source-Language" not in text
    result = sajeon("import", str(path), "--as", "memory", "--from", "ko")
    assert "3 segment pairs read (ko→en); 3 new in memory/ko-en.tsv" in result.output
    assert "skipped 1 entry: msgstr is a copy of the msgid (untranslated)" in result.output
    only_ko_en_memory(bundled_project)
    lookup_finds(
        sajeon,
        "온성군 보위부가 지난달 밀수 혐의로 주민 세 명을 체포했다.",
        "The Onsong County MSS office arrested three residents on smuggling charges",
    )
    again = sajeon("import", str(path), "--as", "memory", "--from", "ko")
    assert "0 new, 3 already in the memory" in again.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to", "ja"), "the header says Language: en_US, not ja (--to)"),
        (("--to", "en-GB"), "the header says Language: en_US, not en-GB (--to)"),
    ],
)
def test_po_options_that_contradict_the_header_are_refused(bundled_project, sajeon, args, message):
    before = snapshot(bundled_project)
    result = sajeon(
        "import", str(DATA / "msginit-en_US.po"), "--as", "memory", "--from", "ko", *args, ok=False
    )
    assert result.output.strip().splitlines() == [f"Error: {DATA / 'msginit-en_US.po'}: " + message]
    assert snapshot(bundled_project) == before


def test_po_from_contradicting_x_source_language_is_refused(bundled_project, sajeon, tmp_path):
    sajeon("export", "--format", "memory-po", "--dir", str(tmp_path))
    result = sajeon("import", str(tmp_path / "memory-ko-en.po"), "--from", "ja", ok=False)
    assert "the header says X-Source-Language: ko, not ja (--from)" in result.output


def test_pretranslate_reads_msginit_s_en_us_as_en(bundled_project, sajeon, tmp_path):
    """msginit's Language: en_US must look up the ko→en memory, not a ko→en-US one."""
    sajeon("import", str(DATA / "msginit-en_US.po"), "--as", "memory", "--from", "ko")
    po = tmp_path / "en_US.po"
    text = (DATA / "msginit-en_US.po").read_text(encoding="utf-8")
    po.write_text(
        text.replace('msgstr "Rice prices in the Hyesan market doubled in a week."', 'msgstr ""'),
        encoding="utf-8",
    )
    result = sajeon("pretranslate", str(po))
    assert "filled 1 exact" in result.output
    assert 'msgstr "Rice prices in the Hyesan market doubled in a week."' in po.read_text(
        encoding="utf-8"
    )
    result = sajeon("pretranslate", str(po), "--to", "ja", ok=False)
    assert "the header says Language: en_US, not ja (--to)" in result.output


# ------------------------------------------------------------------ TBX (item 1)


def test_multiterm_ko_kr_en_gb_tbx_merges_into_the_bundled_concepts(bundled_project, sajeon):
    path = DATA / "multiterm-style-ko-KR-en-GB.tbx"
    concepts_before = len(bundled_project.load_glossary())
    result = sajeon("import", str(path))
    assert "3 concepts read; 0 new, 3 merged, 0 unchanged, 0 conflicting" in result.output
    glossary = bundled_project.load_glossary()
    assert len(glossary) == concepts_before  # merged, not a second 국가보위성
    assert {t.lang for c in glossary for t in c.terms} == {"ko", "en"}
    (mss,) = json.loads(sajeon("term", "show", "국가보위성", "--json").output)
    assert mss["id"] == "ministry-of-state-security"
    term = next(t for t in mss["terms"] if t["text"] == "Ministry of State Security")
    # spelled alike in both regions: the file's tag says nothing about the house term
    assert (term["lang"], term["status"], term["note"]) == ("en", "preferred", None)
    # the British spelling joins the house (US) one as an admitted en term, noted
    labour = glossary.get("correctional-labor")
    assert [(t.text, t.status, t.note) for t in labour.terms_in("en")] == [
        ("correctional labor", "preferred", None),
        ("correctional labour", "admitted", "Language tag: en-GB"),
    ]
    assert [t.text for t in glossary.get("onsong-county").terms_in("ko")] == ["온성군"]
    again = sajeon("import", str(path))
    assert "3 concepts read; 0 new, 0 merged, 3 unchanged" in again.output


def test_tbx_from_and_to(bundled_project, sajeon):
    path = DATA / "multiterm-style-ko-KR-en-GB.tbx"
    result = sajeon("import", str(path), "--from", "ko", "--to", "en", "--dry-run")
    assert "3 concepts read; 0 new, 3 merged" in result.output
    before = snapshot(bundled_project)
    result = sajeon("import", str(path), "--from", "ko", "--to", "ja", ok=False)
    assert result.output.strip() == (
        f"Error: {path}: no terms in ja (--from/--to); the file has terms in en-GB, ko-KR"
    )
    result = sajeon("import", str(path), "--to", "en-US", ok=False)
    assert "no terms in en-US (--from/--to)" in result.output
    assert snapshot(bundled_project) == before
    # kept apart on request: three new concepts in ko-KR and en-GB
    result = sajeon("import", str(path), "--keep-regions", "--dry-run")
    assert "3 concepts read; 3 new" in result.output


def test_from_and_to_leave_other_languages_out_of_a_termbase(bundled_project, sajeon, tmp_path):
    path = tmp_path / "three.tbx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><martifHeader>'
        "<fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader><text><body>"
        '<termEntry id="a"><langSet xml:lang="ko-KR"><tig><term>연사군</term></tig></langSet>'
        '<langSet xml:lang="en-US"><tig><term>Yonsa County</term></tig></langSet>'
        '<langSet xml:lang="ja-JP"><tig><term>延社郡</term></tig></langSet></termEntry>'
        '<termEntry id="b"><langSet xml:lang="ja-JP"><tig><term>平壌</term></tig></langSet>'
        "</termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    result = sajeon("import", str(path), "--from", "ko", "--to", "en")
    assert "1 concepts read; 1 new" in result.output
    assert "left out 2 term(s) in ja-JP (not --from/--to)" in result.output
    assert "left out 1 concept(s) with no term in ko or en" in result.output
    assert {t.lang for c in bundled_project.load_glossary() for t in c.terms} == {"ko", "en"}


# ------------------------------------------------------------------ the rules themselves


@pytest.mark.parametrize(
    ("tag", "project", "stored", "noted"),
    [
        ("ko-KR", ("ko", "en"), "ko", False),
        ("KO-KR", ("ko", "en"), "ko", False),
        ("en_US", ("ko", "en"), "en", False),
        ("en-GB", ("ko", "en"), "en", True),  # spelling
        ("ko-KP", ("ko", "en"), "ko", True),  # North Korean orthography
        ("ja-JP", ("ko", "en"), "ja-JP", False),  # not a project language
        ("zh-CN", ("ko", "zh"), "zh", False),  # zh is Simplified (CLDR likely subtags)
        ("zh-TW", ("ko", "zh"), "zh-Hant-TW", False),  # scripts never fold
        ("zh-Hant", ("ko", "zh"), "zh-Hant", False),
        ("zh-Hant-HK", ("zh-Hans", "zh-Hant"), "zh-Hant", True),
        ("sr-Latn-RS", ("sr",), "sr-Latn-RS", False),  # sr is Cyrillic
        ("en-US", ("en-GB", "ko"), "en-US", False),  # only into a language without a region
        ("en-US", ("en", "en-GB"), "en", False),
    ],
)
def test_folding_rules(tag, project, stored, noted):
    assert Folding(project).fold(normalise_lang(tag)) == (stored, noted)


def test_project_languages(empty_project, bundled_project, sajeon_empty):
    assert empty_project.languages() == ["ko", "en"]
    assert bundled_project.languages() == ["ko", "en"]
    sajeon_empty("term", "add", "무산", "茂山", "--to", "ja")
    assert empty_project.languages() == ["ja", "ko"]
    # a ja-JP segment now joins the project's ja
    path = empty_project.root / "ja.tmx"
    path.write_text(
        _tmx("ko-KR", [(None, "무산군", "Musan")]).replace("en-US", "ja-JP"), encoding="utf-8"
    )
    result = sajeon_empty("import", str(path))
    assert "1 segment pairs read (ko→ja); 1 new in memory/ko-ja.tsv" in result.output


def test_as_is_refused_where_it_cannot_apply(bundled_project, sajeon):
    """--as chooses glossary or memory for a PO only; elsewhere it is refused, not ignored."""
    before = snapshot(bundled_project)
    path = DATA / "trados-style-ko-KR-en-US.tmx"
    result = sajeon("import", str(path), "--as", "glossary", ok=False)
    assert result.exit_code == 1
    assert f"Error: {path}: --as is for PO files; a TMX file is always a memory" in result.output
    assert snapshot(bundled_project) == before
