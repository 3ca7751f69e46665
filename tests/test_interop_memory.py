"""Memories other tools wrote (tests/data/interop/memory/, see its README): each file goes
through the real ``sajeon import`` into a real project, and the test says what must
survive — languages, text, translator, date, origin, notes — what is reported as dropped,
and that importing the same file again adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, Sajeon, snapshot

FILES = ROOT / "tests" / "data" / "interop" / "memory"
BOLD_KO = "국가보위성은 온성군에서 주민 5명을 체포했다."
BOLD_EN = "The Ministry of State Security arrested five residents in Onsong County."


def rows(sajeon: Sajeon, pair: str = "ko-en") -> list[dict[str, str]]:
    """The memory file's rows, by column name."""
    lines = (sajeon.project.memory_dir / f"{pair}.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def row(sajeon: Sajeon, source: str, target: str | None = None) -> dict[str, str]:
    (found,) = [
        r for r in rows(sajeon) if r["ko"] == source and (target is None or r["en"] == target)
    ]
    return found


def lookup(sajeon: Sajeon, text: str) -> list[dict]:
    """The default lookup (ko→en), as a translator runs it."""
    return json.loads(sajeon("lookup", text, "--json").output)["matches"]


def import_twice(sajeon: Sajeon, name: str, *args: str) -> str:
    """Import, then import again: the second time must add nothing and change no byte."""
    first = sajeon("import", str(FILES / name), *args).output
    before = snapshot(sajeon.project)
    again = sajeon("import", str(FILES / name), *args).output
    assert " 0 new, " in again, again
    assert snapshot(sajeon.project) == before
    return first


# --------------------------------------------------------------------------- OmegaT 3.6


def test_omegat_project_save_gives_translator_date_and_note_to_the_default_lookup(sajeon):
    """project_save.tmx: who and when are on the target <tuv> only (OmegaT's place for
    them), the changer wins over the creator, the date is the later one; tags as text."""
    out = import_twice(sajeon, "omegat-project_save.tmx")
    assert "8 segment pairs read (ko→en); 8 new in memory/ko-en.tsv" in out
    (match,) = [m for m in lookup(sajeon, BOLD_KO) if m["exact"]]
    assert match["target"] == BOLD_EN
    assert (match["translator"], match["date"]) == ("lee.sora", "2026-03-09")
    assert match["note"] == "House style: Ministry of State Security (MSS) at first mention."
    (match,) = [m for m in lookup(sajeon, "두만강 연선에는 새 철조망이 설치됐다.") if m["exact"]]
    assert (match["translator"], match["date"]) == ("kim.minji", "2026-03-02")
    # the <br0> between two words is a space, not glue
    assert row(sajeon, "사회안전성 관계자는 국경 경비가 강화됐다고 말했다.")["en"] == (
        "An official at the Ministry of Social Security said border patrols had been stepped up."
    )
    # the alternative translation: its source file is its origin; the context is reported
    alternative = row(sajeon, "소식통은 이렇게 전했다.", "A source in Hoeryong said the same.")
    assert (alternative["origin"], alternative["translator"]) == ("onsong.html", "lee.sora")
    assert "warning: omegat-project_save.tmx: ignored 1 × <prop type='prev'> (line 67)" in out
    assert "<prop type='next'>" not in out  # empty: nothing lost
    assert not any("<" in r["ko"] + r["en"] for r in rows(sajeon))


def test_omegat_level1_level2_and_native_copies_are_one_entry(sajeon):
    """The same sentences in OmegaT's three exports and project_save.tmx: markup removed,
    text kept, so each sentence is stored once — except OmegaT's level 1 glues the words
    around a <br0> ("saidborder"), which no reader can undo."""
    out = import_twice(sajeon, "omegat-level1.tmx")
    assert "8 segment pairs read (ko→en); 8 new" in out
    assert (
        "8 segment pairs read (ko→en); 1 new"
        in sajeon("import", str(FILES / "omegat-level2.tmx")).output
    )
    for name in ("omegat-omegat.tmx", "omegat-project_save.tmx"):
        assert "8 segment pairs read (ko→en); 0 new" in sajeon("import", str(FILES / name)).output
    assert [r["en"] for r in rows(sajeon) if r["ko"] == BOLD_KO] == [BOLD_EN]
    crackdown = "A similar crackdown took place in Hoeryong."
    assert row(sajeon, "회령시에서도 비슷한 단속이 벌어졌다.")["en"] == crackdown
    glued = [r["en"] for r in rows(sajeon) if r["ko"].startswith("사회안전성 관계자는")]
    assert sorted(glued) == [
        "An official at the Ministry of Social Security said border patrols had been stepped up.",
        "An official at the Ministry of Social Security saidborder patrols had been stepped up.",
    ]
    # the PO of the same sentence (HTML written as text) is the same entry too
    out = sajeon(
        "import", str(FILES / "gettext-msginit-translated.po"), "--as", "memory", "--from", "ko"
    )
    assert f"already stored: {BOLD_KO!r}" in out.output


# --------------------------------------------------------------------------- gettext


def test_msginit_po_keeps_context_references_plurals_translator_and_date(sajeon):
    out = import_twice(sajeon, "gettext-msginit-translated.po", "--as", "memory", "--from", "ko")
    assert "7 segment pairs read (ko→en); 7 new" in out
    headline = row(sajeon, "온성군 소식", "News from Onsong County")
    caption = row(sajeon, "온성군 소식", "Onsong County news")
    assert headline["origin"] == "headline; onsong_report.py:9"
    assert caption["origin"] == "caption; onsong_report.py:15"
    for found in (headline, caption):
        assert (found["translator"], found["date"]) == (
            "Kim Minji <minji@example.org>",
            "2026-03-04",
        )
    assert {r["en"] for r in rows(sajeon) if r["ko"] == "주민 %d명이 체포됐다."} == {
        "%d resident was arrested.",
        "%d residents were arrested.",
    }
    bold = row(sajeon, BOLD_KO)
    assert bold["en"] == BOLD_EN  # <b> on both sides is markup
    assert bold["note"] == "TRANSLATORS: 국가보위성 is the Ministry of State Security (MSS)."
    assert row(sajeon, "사회안전성 관계자는 국경 경비가 강화됐다고 말했다.")["note"] == (
        "Checked with the desk editor."
    )
    (match,) = [m for m in lookup(sajeon, "온성군 소식") if m["origin"].startswith("headline")]
    assert match["translator"] == "Kim Minji <minji@example.org>"


def test_msgmerge_po_skips_fuzzy_untranslated_and_obsolete_and_says_so(sajeon):
    out = import_twice(sajeon, "gettext-msgmerge.po", "--as", "memory", "--from", "ko")
    assert "5 segment pairs read (ko→en); 5 new" in out
    for reason in ("fuzzy (not reviewed)", "untranslated", "obsolete (#~)"):
        assert f"warning: gettext-msgmerge.po: skipped 1 entry: {reason}" in out
    # msgmerge renumbered the references: the origin says where the text is now
    assert row(sajeon, "사회안전성 관계자는 국경 경비가 강화됐다고 말했다.")["origin"] == (
        "onsong_report.py:14"
    )
    assert not any(r["ko"].startswith("두만강") for r in rows(sajeon))  # fuzzy


def test_pot2po_po_has_no_language_so_to_is_needed(sajeon):
    before = snapshot(sajeon.project)
    args = ("--as", "memory", "--from", "ko")
    result = sajeon("import", str(FILES / "pot2po.po"), *args, ok=False)
    assert "the header has no Language (the target language); give it with --to" in result.output
    assert snapshot(sajeon.project) == before
    out = import_twice(sajeon, "pot2po.po", *args, "--to", "en")
    assert "5 segment pairs read (ko→en); 5 new" in out
    assert "skipped 2 entries: obsolete (#~)" in out
    found = row(sajeon, "온성군 소식")
    assert (found["origin"], found["date"]) == ("headline; onsong_report.py:9", "2026-03-04")


# --------------------------------------------------------------------------- Trados, memoQ


def test_trados_studio_tmx_keeps_changer_client_and_document(sajeon):
    out = import_twice(sajeon, "trados-studio-style.tmx", "--from", "ko", "--to", "en")
    assert "2 segment pairs read (ko→en); 2 new" in out
    found = row(sajeon, "회령시 보위부는 밀수 혐의로 주민 3명을 구류했다.")
    assert found["en"] == (
        "The Hoeryong City MSS bureau detained three residents on smuggling charges."
    )
    assert found["date"] == "2026-03-06"
    (match,) = [m for m in lookup(sajeon, "회령시 보위부는 밀수 혐의로 주민 3명을 구류했다.")]
    assert match["translator"] == "NEWSDESK\\lee.sora"  # as Studio writes it (domain\user)
    assert found["origin"] == "Daily NK; onsong-0305.docx"
    for prop, line in (("x-LastUsedBy", 14), ("x-Context", 15), ("x-Origin", 16)):
        assert f"ignored 2 × <prop type='{prop}'> (first at line {line})" in out
    # Studio's empty placeholder: a space between English words; between two Korean words
    # it vanishes (it cannot be told from one before a particle): a documented limit
    second = row(sajeon, "사회안전성은국경 연선 마을에 대한 단속을 강화했다.")
    assert second["en"] == (
        "The Ministry of Social Security stepped up crackdowns on villages along the border."
    )
    assert second["origin"] == "Daily NK"


def test_memoq_tmx_keeps_client_project_document_and_tuv_notes(sajeon):
    out = import_twice(sajeon, "memoq-style.tmx", "--from", "ko", "--to", "en")
    assert "2 segment pairs read (ko→en); 2 new" in out
    first = row(sajeon, "온성군 국경경비대는 야간 순찰을 두 배로 늘렸다.")
    assert first["en"] == "The Onsong County border guard has doubled its night patrols."
    assert (first["translator"], first["date"]) == ("han.seojin", "2026-03-07")
    assert first["origin"] == "Daily NK; Onsong border report; onsong-0307.docx"
    second = row(sajeon, "소식통은 주민들이 불안해하고 있다고 전했다.")
    assert second["note"] == "소식통 이름은 밝히지 않는다.\\nDo not name the source."
    assert second["origin"] == "Daily NK; onsong-0307.docx"  # empty project: nothing
    assert "ignored 1 × <prop type='x-context-pre'> in <tuv> (line 23)" in out
    assert "ignored 2 × <prop type='corrected'> (first at line 19)" in out
    assert "domain" not in out and "subject" not in out  # empty in the file


# --------------------------------------------------------------------------- TMX 1.4b


def test_tmx14_inline_elements_keep_the_text_and_its_spacing(sajeon):
    header = ("desk", "2026-03-01")  # the header's creator and date
    out = import_twice(sajeon, "tmx14-inline-spec.tmx")
    assert "4 segment pairs read (ko→en); 4 new" in out
    assert [(r["ko"], r["en"], r["translator"], r["date"]) for r in rows(sajeon)[-4:]] == [
        (
            "사회안전성은 국경을 봉쇄했다.",
            "The Ministry of Social Security sealed the border.",
            "desk",
            "2026-03-02",
        ),
        (
            "국가보위성은 검열을 시작했다.",
            "The Ministry of State Security began inspections.",
            *header,
        ),
        ("온성군에 새 초소가 세워졌다.", "A new guard post was built in Onsong County.", *header),
        ("로동신문은 이 소식을 전하지 않았다.", "Rodong Sinmun did not report the news.", *header),
    ]
    assert "ignored 2 × text in a <sub> inside an inline code (first at line 15)" in out


# --------------------------------------------------------------------------- small cases


def _tmx(path: Path, units: str, header: str = "") -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ko" '
        f'datatype="plaintext"{header}/><body>\n{units}\n</body></tmx>\n',
        encoding="utf-8",
    )
    return path


def _tuvs(ko: str, en: str, target: str = "") -> str:
    return (
        f'<tuv xml:lang="ko"><seg>{ko}</seg></tuv><tuv xml:lang="en"{target}><seg>{en}</seg></tuv>'
    )


@pytest.mark.parametrize(
    ("tu", "target", "header", "expected"),
    [
        # a later changedate on the target beats the unit's creationdate
        ('creationdate="20260301T000000Z"', ' changedate="20260309T120000Z"', "",
         ("", "2026-03-09")),
        # the target's changer beats the unit's; the date is the target's latest
        (
            'creationid="tu.maker" creationdate="20260310T000000Z"',
            ' creationid="a" changeid="b" creationdate="20260301T000000Z" '
            'changedate="20260302T000000Z"',
            "",
            ("b", "2026-03-02"),
        ),
        # the target's creator, with no date of its own: the unit's date
        ('creationdate="20260303T000000Z"', ' creationid="a"', "", ("a", "2026-03-03")),
        # the header's creator only when the unit names no one; the unit's date first
        ('creationdate="20260304T000000Z"', "", ' creationid="h" creationdate="20260101T000000Z"',
         ("h", "2026-03-04")),
        ("", "", ' creationid="h" creationdate="20260101T000000Z"', ("h", "2026-01-01")),
        ("", "", ' creationdate="20260101T000000Z"', ("", "")),  # sajeon's own header
    ],
)  # fmt: skip
def test_who_and_when_come_from_the_most_specific_place(
    sajeon, tmp_path, tu, target, header, expected
):
    path = _tmx(
        tmp_path / "u.tmx",
        f"<tu {tu}>{_tuvs('보위부 검열', 'MSS inspection', target)}</tu>",
        header,
    )
    sajeon("import", str(path))
    found = row(sajeon, "보위부 검열")
    assert (found["translator"], found["date"]) == expected


def test_memoq_client_attribute_and_unknown_props(sajeon, tmp_path):
    units = (
        '<tu client="Daily NK"><prop type="x-Client:MultiplePicklist">NK News</prop>'
        '<prop type="x-Rating">5</prop>' + _tuvs("온성군 단속", "Onsong crackdown") + "</tu>"
    )
    out = sajeon("import", str(_tmx(tmp_path / "c.tmx", units))).output
    assert row(sajeon, "온성군 단속")["origin"] == "Daily NK, NK News"
    assert "ignored 1 × <prop type='x-Rating'> (line 3)" in out


def test_po_plural_forms_beyond_the_second_are_reported(sajeon, tmp_path):
    path = tmp_path / "ru.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
        '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"\n'
        '"PO-Revision-Date: soon\\n"\n\n'
        'msgid "주민 %d명"\nmsgid_plural "주민 %d명"\n'
        'msgstr[0] "%d житель"\nmsgstr[1] "%d жителя"\nmsgstr[2] "%d жителей"\n',
        encoding="utf-8",
    )
    out = sajeon("import", str(path), "--as", "memory", "--from", "ko").output
    assert "2 segment pairs read (ko→ru); 2 new" in out
    assert "ignored 1 × msgstr[2] (a plural form with no source text of its own) (line 9)" in out
    assert "ignored 1 × header PO-Revision-Date 'soon' (not a date)" in out
    found = rows(sajeon, "ko-ru")
    assert [(r["ru"], r["translator"]) for r in found] == [
        ("%d житель", ""),
        ("%d жителя", ""),
    ]
