"""Exports: every file validated by the official schemas and read by the tools' own readers."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from sajeon.formats import csvfile, exchange
from sajeon.storage.project import Project

from .conftest import ROOT, need


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> Path:
    """``sajeon export`` of the bundled data, into a temporary directory."""
    project = Project(ROOT)
    files = exchange.render_exports(list(project.load_glossary()), project.load_memory().segments)
    out = tmp_path_factory.mktemp("exports")
    exchange.write_exports(out, files)
    return out


@pytest.fixture(scope="module")
def validators():
    """``../shared/schemas/validate_samples.py``: the official TBX/TMX schemas, run offline."""
    path = ROOT.parent / "shared" / "schemas" / "validate_samples.py"
    need(path.exists(), f"{path} (the official schemas) is not beside the project")
    need(importlib.util.find_spec("saxonche") is not None, "saxonche is not installed")
    spec = importlib.util.spec_from_file_location("validate_samples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    need(shutil.which("msgfmt") is not None, "msgfmt (Debian package gettext) is not installed")
    return subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )


EXPECTED = [
    "memory-ko-en.po",
    "memory-ko-en.tmx",
    "sajeon-ko-en-cat.tbx",
    "sajeon-ko-en-tbx3.tbx",
    "sajeon-ko-en.csv",
    "sajeon-ko-en.po",
    "sajeon-ko-en.tbx",
    "sajeon-ko-en.tsv",
    "sajeon-ko-en.utf8",
]


def test_export_writes_every_format(exports):
    assert sorted(p.name for p in exports.iterdir()) == EXPECTED


@pytest.mark.parametrize("name", ["sajeon-ko-en.tbx", "sajeon-ko-en-cat.tbx"])
def test_tbx_2008_passes_dtd_rng_schematron_and_omegat_schema(exports, validators, name):
    path = exports / name
    for name, check in (
        ("TBX-Basic DTD", lambda: validators.dtd(path, validators.TBX2_BASIC_DTD)),
        ("TBX core DTD", lambda: validators.dtd(path, validators.TBX2_CORE_DTD)),
        ("TBX-Basic RNG", lambda: validators.relaxng(path, validators.TBX2_BASIC_RNG)),
        ("embedded rules", lambda: validators.schematron_embedded_in_tbx2008_rng(path)),
        ("OmegaT tbx.xsd", lambda: validators.xsd(path, validators.OMEGAT_TBX_XSD)),
    ):
        ok, errors = check()
        assert ok, f"{name}: {errors[:3]}"


def test_tbx_v3_passes_core_rng_and_dca_schematron(exports, validators):
    path = exports / "sajeon-ko-en-tbx3.tbx"
    ok, errors = validators.relaxng(path, validators.TBX3_RNG)
    assert ok, errors[:3]
    ok, errors = validators.schematron_xslt2(path, validators.TBX3_DCA_SCH)
    assert ok, errors[:3]


def test_tmx_passes_dtd_and_tmx_rules(exports, validators):
    path = exports / "memory-ko-en.tmx"
    ok, errors = validators.dtd(path, validators.TMX14_DTD)
    assert ok, errors[:3]
    ok, errors = validators.tmx_rules(path)
    assert ok, errors[:3]
    header = path.read_text(encoding="utf-8").split("<header", 1)[1].split("/>", 1)[0]
    for attribute in (
        'srclang="ko"',
        'adminlang="en"',
        'segtype="sentence"',
        'o-tmf="sajeon"',
        'datatype="plaintext"',
        'creationtool="sajeon"',
    ):
        assert attribute in header


@pytest.mark.parametrize("name", ["sajeon-ko-en.po", "memory-ko-en.po"])
def test_po_passes_msgfmt_check_without_warnings(exports, name):
    result = msgfmt_check(exports / name)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert "translated message" in result.stderr


def test_po_header_names_target_language_and_its_plural_forms(exports):
    po = polib.pofile(str(exports / "sajeon-ko-en.po"))
    assert po.metadata["Language"] == "en"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["X-Source-Language"] == "ko"
    for field in ("Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date"):
        assert po.metadata[field]


def test_po_for_korean_target_has_korean_plural_forms(bundled_project, sajeon, tmp_path):
    # A reverse pair: the English terms as msgids, Korean as the target language.
    sajeon("export", "--from", "en", "--to", "ko", "--format", "po", "--dir", str(tmp_path))
    po = polib.pofile(str(tmp_path / "sajeon-en-ko.po"))
    assert po.metadata["Language"] == "ko"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert msgfmt_check(tmp_path / "sajeon-en-ko.po").returncode == 0


def test_glossary_po_never_offers_a_deprecated_or_forbidden_term(exports):
    po = polib.pofile(str(exports / "sajeon-ko-en.po"))
    entry = po.find("사회안전성", msgctxt="ministry-of-social-security")
    assert entry.msgstr == "Ministry of Social Security"
    assert "en forbidden (do not use): MSS | abbreviation | note: " in entry.comment
    assert "en deprecated (do not use): Ministry of People's Security | until 2020" in (
        entry.comment
    )
    project = Project(ROOT)
    banned = {(c.id, t.text) for c in project.load_glossary() for t in c.terms if not t.approved}
    assert banned
    for entry in po:
        assert (entry.msgctxt, entry.msgstr) not in banned


def test_po_reads_the_same_through_polib_and_translate_toolkit(exports):
    from translate.storage.po import pofile

    for name in ("sajeon-ko-en.po", "memory-ko-en.po"):
        ours = [
            (e.msgctxt, e.msgid, e.msgstr, e.comment) for e in polib.pofile(str(exports / name))
        ]
        with (exports / name).open("rb") as fh:
            units = [u for u in pofile.parsefile(fh).units if not u.isheader()]
        theirs = [(u.getcontext(), u.source, u.target, u.getnotes("developer")) for u in units]
        assert ours == theirs
        assert len(ours) > 40


def test_translate_toolkit_reads_tbx_2008_and_tmx(exports):
    from translate.storage.tbx import tbxfile
    from translate.storage.tmx import tmxfile

    with (exports / "sajeon-ko-en.tbx").open("rb") as fh:
        units = {(u.source, u.target) for u in tbxfile(fh).units}
    assert ("국가보위성", "Ministry of State Security") in units
    assert ("사회안전성", "Ministry of Social Security") in units
    with (exports / "memory-ko-en.tmx").open("rb") as fh:
        pairs = [
            (u.source, u.target)
            for u in tmxfile(fh, sourcelanguage="ko", targetlanguage="en").units
        ]
    memory = Project(ROOT).load_memory().segments
    assert pairs == [(s.source, s.target) for s in memory]


def test_translate_toolkit_marks_forbidden_terms_deprecated(exports):
    """Weblate flags a term forbidden when translate-toolkit calls it deprecated."""
    from translate.storage.tbx import tbxfile

    with (exports / "sajeon-ko-en.tbx").open("rb") as fh:
        store = tbxfile(fh, "ko", "en")
    unit = next(u for u in store.units if u.getid() == "ministry-of-social-security")
    terms = {t.text: t for t in unit.get_target_terms("en")}
    assert terms["MSS"].deprecated
    assert not terms["Ministry of Social Security"].deprecated


def test_translate_toolkit_flags_every_deprecated_and_forbidden_term(exports):
    """translate-toolkit's own reader (which Weblate uses) decides what is deprecated: every
    sajeon term that must not be used is, and no usable one is."""
    from translate.storage.tbx import tbxfile

    with (exports / "sajeon-ko-en.tbx").open("rb") as fh:
        store = tbxfile(fh, "ko", "en")
    flagged = {}
    for unit in store.units:
        for term in (*unit.get_source_terms(), *unit.get_target_terms("en")):
            flagged[unit.getid(), term.text] = term.deprecated
    glossary = {(c.id, t.text): t for c in Project(ROOT).load_glossary() for t in c.terms}
    assert flagged.keys() == glossary.keys()
    assert {k for k, deprecated in flagged.items() if deprecated} == {
        k for k, t in glossary.items() if not t.approved
    }
    assert flagged["ministry-of-social-security", "Ministry of People's Security"]
    assert flagged["ministry-of-social-security", "인민보안성"]
    assert flagged["ministry-of-state-security", "State Security Department"]
    assert flagged["ministry-of-social-security", "MSS"]
    assert not flagged["ministry-of-state-security", "MSS"]
    # ... and the note that tells a former name from a forbidden one reaches its readers
    unit = next(u for u in store.units if u.getid() == "ministry-of-state-security")
    old = next(t for t in unit.get_target_terms("en") if t.text == "State Security Department")
    assert "Status: superseded" in [n.text for n in old.notes]


def test_cat_tbx_offers_one_usable_rendering_per_concept(exports):
    """Read by translate-toolkit: each entry's only target term is the one to use."""
    from translate.storage.tbx import tbxfile

    glossary = Project(ROOT).load_glossary()
    with (exports / "sajeon-ko-en-cat.tbx").open("rb") as fh:
        units = tbxfile(fh, "ko", "en").units
    assert len(units) == 211
    for unit in units:
        concept = glossary.get(unit.getid())
        targets = [t.text for t in unit.get_target_terms("en")]
        assert targets == [concept.preferred("en").text]
        sources = {t.text for t in unit.get_source_terms()}
        assert sources == {t.text for t in concept.terms_in("ko") if t.status != "forbidden"}
    text = (exports / "sajeon-ko-en-cat.tbx").read_text(encoding="utf-8")
    assert "termNote" not in text  # OmegaT would print their values, unattributed
    assert "<note>인민보안성 (deprecated): name until 2020</note>" in text
    assert (
        "<note>do not use: Ministry of People's Security (deprecated: name until 2020)</note>"
        in text
    )
    assert "<note>do not use: MSS (forbidden: abbreviation; MSS is the Ministry" in text


def test_omegat_glossary_is_three_tab_separated_columns(exports):
    lines = (exports / "sajeon-ko-en.utf8").read_text(encoding="utf-8").splitlines()
    glossary = [line for line in lines if not line.startswith("#")]
    assert all(line.count("\t") == 2 for line in glossary)
    rows = {tuple(line.split("\t")[:2]) for line in glossary}
    assert ("국가보위성", "Ministry of State Security") in rows
    # Synonyms and former names of the source term lead to the preferred rendering too.
    assert ("보위부", "Ministry of State Security") in rows
    assert ("국가안전보위부", "Ministry of State Security") in rows
    # ... and only to it: other renderings are named in the comment, never offered
    assert ("국가보위성", "MSS") not in rows
    assert not any(target == "MSS" for _, target in rows)
    former = next(line for line in glossary if line.startswith("국가안전보위부\t"))
    comment = former.split("\t")[2]
    assert comment.startswith("국가안전보위부 (deprecated): name until 2016;")
    assert "also usable: MSS (abbreviation)" in comment
    assert "do not use: State Security Department (deprecated: name until 2016)" in comment


def omegat_pane(*paths: Path) -> list[dict]:
    """What OmegaT 3.6's glossary pane offers, through OmegaT's own glossary code
    (``../shared/tools/omegat_pane.sh``), for sentences naming 사회안전성, 국가보위성 and
    인민보안성."""
    script = ROOT.parent / "shared" / "tools" / "omegat_pane.sh"
    need(script.exists(), f"{script} is not beside the project")
    need(shutil.which("java") is not None, "java is not installed (OmegaT needs it)")
    need(Path("/usr/share/omegat/OmegaT.jar").exists() or shutil.which("omegat") is not None,
         "OmegaT is not installed (Debian package omegat)")  # fmt: skip
    result = subprocess.run(
        [str(script), *map(str, paths)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_omegat_pane_offers_only_the_rendering_to_use(exports):
    """Loaded by OmegaT itself: 사회안전성 and 인민보안성 (its former name) lead to "Ministry of
    Social Security" alone, 국가보위성 to "Ministry of State Security" first; nothing that must
    not be used is ever offered, and the notes say what not to use."""
    glossary = Project(ROOT).load_glossary()
    banned = {t.text for c in glossary for t in c.terms_in("en") if not t.approved}
    usable = {t.text for c in glossary for t in c.terms_in("en") if t.approved}
    banned -= usable  # MSS is usable for the Ministry of State Security
    names = ["sajeon-ko-en-cat.tbx", "sajeon-ko-en.utf8"]
    panes = omegat_pane(*(exports / name for name in names))
    assert [p["file"] for p in panes] == names
    for pane in panes:
        assert not pane["errors"] and pane["files"][0]["count"] > 200
        offers = {
            sentence: {src: (targets, comment) for src, targets, comment in entries}
            for sentence, entries in pane["offers"].items()
        }
        social = offers["사회안전성은 밀수꾼들을 단속했다."]["사회안전성"]
        assert social[0] == ["Ministry of Social Security"]
        assert "do not use: MSS (forbidden" in social[1]
        state = offers["국가보위성은 간부를 체포했다."]["국가보위성"]
        assert state[0][0] == "Ministry of State Security"
        assert "do not use: State Security Department" in state[1]
        old = offers["인민보안성은 2018년에 주민들을 조사했다."]["인민보안성"]
        assert old[0] == ["Ministry of Social Security"]
        assert "인민보안성 (deprecated): name until 2020" in old[1]
        offered = {
            t for entries in offers.values() for targets, _ in entries.values() for t in targets
        }
        assert not offered & banned, pane["file"]


def test_spreadsheet_csv_opens_as_utf8_in_excel_and_tsv_has_no_bom(exports):
    assert (exports / "sajeon-ko-en.csv").read_bytes().startswith(b'\xef\xbb\xbf"id","domain",')
    assert (exports / "sajeon-ko-en.tsv").read_bytes().startswith(b"id\tdomain\t")


@pytest.mark.parametrize("name", ["sajeon-ko-en.csv", "sajeon-ko-en.tsv"])
def test_spreadsheet_has_one_row_per_concept_and_a_column_group_per_term(exports, name):
    path = exports / name
    text = path.read_text(encoding="utf-8-sig")
    header = csvfile.first_record(text, "\t" if name.endswith(".tsv") else ",")
    # the bundled glossary has up to 4 Korean and 5 English terms in a concept
    assert tuple(header) == csvfile.sheet_columns(["ko", "en"], [4, 5])
    assert header[8:12] == ["source", "ko status", "ko pos", "ko type"]
    concepts = list(Project(ROOT).load_glossary())
    if name.endswith(".csv"):
        _, rows = csvfile.read_table(path)
        table = {row["id"]: row for _, row in rows}
    else:  # no quoting in the TSV: one line per concept, split on tabs
        lines = text.splitlines()
        table = {
            c[0]: dict(zip(header, c, strict=True)) for c in (x.split("\t") for x in lines[1:])
        }
    assert len(table) == len(concepts) == 211
    mss = table["ministry-of-state-security"]
    assert (mss["source"], mss["ko status"], mss["ko valid from"]) == (
        "국가보위성",
        "preferred",
        "2016",
    )
    assert (mss["ko 2"], mss["ko 2 status"], mss["ko 2 type"]) == (
        "보위부",
        "admitted",
        "shortForm",
    )
    assert (mss["ko 4"], mss["ko 4 status"], mss["ko 4 valid until"]) == (
        "국가안전보위부",
        "deprecated",
        "2016",
    )
    assert mss["ko 4 note"] == "Name until the 2016 renaming to 국가보위성."
    assert (mss["target"], mss["en 5"], mss["en 5 status"]) == (
        "Ministry of State Security",
        "State Security Department",
        "deprecated",
    )
    onsong = table["onsong-county"]
    assert (onsong["source"], onsong["target"], onsong["ko 2"], onsong["en 2"]) == (
        "온성군",
        "Onsong County",
        "",
        "",
    )


def test_csv2tbx_converts_the_spreadsheet(exports, tmp_path):
    """translate-toolkit's own converter, run as the console script: the concept id becomes
    the entry id, the preferred Korean term the source and the preferred English the target.
    (csv2tbx has no language options: it labels the two langSets 'en' and 'xx'.)"""
    from translate.storage.tbx import tbxfile

    csv2tbx = Path(sys.executable).with_name("csv2tbx")
    need(csv2tbx.exists(), f"{csv2tbx} (translate-toolkit's csv2tbx) is not installed")
    out = tmp_path / "from-csv.tbx"
    result = subprocess.run(
        [str(csv2tbx), "--progress=none", str(exports / "sajeon-ko-en.csv"), str(out)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    with out.open("rb") as fh:
        units = {u.getid(): (u.source, u.target) for u in tbxfile(fh).units}
    assert units["ministry-of-state-security"] == ("국가보위성", "Ministry of State Security")
    assert units["onsong-county"] == ("온성군", "Onsong County")
    assert units["ministry-of-social-security"] == ("사회안전성", "Ministry of Social Security")
    glossary = Project(ROOT).load_glossary()
    assert units == {c.id: (c.terms_in("ko")[0].text, c.terms_in("en")[0].text) for c in glossary}


def test_xml_lang_is_bcp47_and_ids_are_xml_names(exports):
    from lxml import etree

    tree = etree.parse(str(exports / "sajeon-ko-en.tbx"))
    langs = set(tree.xpath("//langSet/@xml:lang"))
    assert langs == {"ko", "en"}
    ids = tree.xpath("//termEntry/@id")
    assert len(ids) == len(set(ids)) == 211
    assert all(not i[0].isdigit() for i in ids)


def test_exports_are_byte_stable(bundled_project, sajeon):
    sajeon("export")
    first = {p.name: p.read_bytes() for p in bundled_project.exports_dir.iterdir()}
    result = sajeon("export")
    assert "wrote" not in result.output
    again = {p.name: p.read_bytes() for p in bundled_project.exports_dir.iterdir()}
    assert first == again
    sajeon("export", "--check")


def test_committed_exports_are_up_to_date(exports):
    """CI check: exports/ in the repository is what 'sajeon export' makes now."""
    committed = ROOT / "exports"
    assert sorted(p.name for p in committed.iterdir()) == EXPECTED
    for name in EXPECTED:
        assert (committed / name).read_bytes() == (exports / name).read_bytes(), (
            f"exports/{name} is out of date: run 'sajeon export'"
        )


def test_export_check_fails_when_the_glossary_changed(bundled_project, sajeon):
    sajeon("export")
    sajeon("term", "add", "꽃제비", "kotjebi", "--domain", "society")
    result = sajeon("export", "--check", ok=False)
    assert "out of date" in result.output
    assert "sajeon-ko-en.tbx" in result.output
    sajeon("export")
    sajeon("export", "--check")


def test_export_removes_files_of_a_pair_that_is_gone(bundled_project, sajeon):
    sajeon("term", "add", "되거리", "転売", "--to", "ja", "--domain", "economy")
    sajeon("export")
    assert (bundled_project.exports_dir / "sajeon-ko-ja.tbx").exists()
    sajeon("term", "rm", "転売", "--lang", "ja")
    result = sajeon("export")
    assert "removed    exports/sajeon-ko-ja.tbx" in result.output
    assert not (bundled_project.exports_dir / "sajeon-ko-ja.tbx").exists()


def test_export_refuses_text_xml_cannot_carry(tmp_path):
    """Policy: refuse, naming the concept; never strip silently. The model already refuses
    such characters on input, so only data built in code can reach the exporter."""
    import io

    from sajeon.core.model import Concept, InputError, Term
    from sajeon.formats import tbx

    concept = Concept("bad-note", [Term("ko", "장마당")], note="a\x0bb")
    with pytest.raises(InputError, match=r"concept bad-note: contains U\+000B"):
        tbx.write_tbx([concept], io.BytesIO(), langs=["ko"], title="t", description="d")
