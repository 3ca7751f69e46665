"""The starter glossary: importing ../shared/data/nk_terms.tsv, and the curation recipe."""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sajeon.core.sources import canonical_url

from .conftest import ROOT, Sajeon, snapshot

IMPORT_ARGS = [
    "--map",
    "korean=ko",
    "--map",
    "english=en",
    "--map",
    "category=domain",
    "--map",
    "source_url=source",
    "--domain-map",
    str(ROOT / "glossary/starter/domains.tsv"),
    "--canonical-sources",
]
MIRRORS = (
    "wikimili",
    "pinocchiopedia",
    "owiki",
    "absoluteastronomy",
    "ipfs",
    "av1.space",
    "piglix",
    "wikizero",
    "enwikipedia.net",
    "uncensored",
    "nina.az",
    "friendlywiki",
    "mediated.wiki",
    "academic.ru",
    "movatter",
    "triplydb",
    "zxc.wiki",
    ".m.wikipedia",
)


@pytest.fixture
def raw_rows(shared):
    with open(shared / "data/nk_terms.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_raw_import_counts_are_explained(sajeon_empty: Sajeon, shared, raw_rows):
    out = sajeon_empty("import", str(shared / "data/nk_terms.tsv"), *IMPORT_ARGS).output
    assert "213 concepts read; 213 new, 0 merged, 0 unchanged, 0 conflicting" in out
    glossary = sajeon_empty.project.load_glossary()
    # 239 rows. 26 of them name a concept another row already has, by the same Korean term
    # (함경북도 ×2, 국가보위성 ×2 …) or the same English term in the same domain
    # (보위부/국가보위성 → Ministry of State Security, 두만강/도문강 → Tumen River …).
    assert len(raw_rows) == 239
    assert len(glossary) == 213
    ko = {(r["korean"]) for r in raw_rows}
    en = {(r["english"]) for r in raw_rows}
    terms = [t for c in glossary for t in c.terms]
    assert {
        t.text for t in terms if t.lang == "ko"
    } == ko  # every Korean term kept, once per concept
    assert {t.text for t in terms if t.lang == "en"} == en  # every rendering kept
    assert len(terms) == 445

    def concept_of(text):
        [concept] = glossary.with_term("ko", text)
        return concept

    hamgyong = concept_of("함경북도")
    assert [t.text for t in hamgyong.terms_in("en")] == [
        "North Hamgyong Province",
        "North Hamgyong",
    ]
    assert [t.status for t in hamgyong.terms_in("en")] == ["preferred", "admitted"]
    assert concept_of("보위부") is concept_of("국가보위성")
    assert concept_of("두만강") is concept_of("도문강")
    assert concept_of("혜산시") is concept_of("혜산")
    assert hamgyong.domain == "place" and concept_of("보위부").domain == "security"
    # every source of every row is kept (canonicalised), and no mirror is cited
    sources = {s for c in glossary for s in c.sources}
    for row in raw_rows:
        for url in row["source_url"].split(" | "):
            assert canonical_url(url) in sources
    assert not [s for s in sources if any(m in s for m in MIRRORS)]
    assert "https://en.wikipedia.org/wiki/Onsong_County" in sources


def test_the_bundled_glossary_is_exactly_import_plus_curation(tmp_path, shared):
    """glossary/ is what glossary/starter/README.md says: the import, then curate.sh."""
    project = tmp_path / "starter"
    (project / "glossary").mkdir(parents=True)
    shutil.copytree(ROOT / "glossary/starter", project / "glossary/starter")
    created = (
        (ROOT / "glossary/concepts.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t")[5]
    )
    env = {
        **os.environ,
        "SAJEON_TODAY": created,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("SAJEON_AUTHOR", None)
    sajeon = Path(sys.executable).parent / "sajeon"
    subprocess.run(
        [str(sajeon), "import", str(shared / "data/nk_terms.tsv"), *IMPORT_ARGS],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["bash", "glossary/starter/curate.sh"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    for name in ("concepts.tsv", "terms.tsv"):
        assert (project / "glossary" / name).read_bytes() == (
            ROOT / "glossary" / name
        ).read_bytes(), name


def test_reimport_into_the_curated_glossary_overwrites_nothing(sajeon: Sajeon, shared):
    before = snapshot(sajeon.project)
    out = sajeon("import", str(shared / "data/nk_terms.tsv"), *IMPORT_ARGS, "--dry-run").output
    assert "(dry run: nothing changed)" in out
    assert snapshot(sajeon.project) == before
    out = sajeon("import", str(shared / "data/nk_terms.tsv"), *IMPORT_ARGS).output
    # curated statuses win and every disagreement is listed
    assert (
        "conflict: ministry-of-state-security: '보위부' (ko) status 'preferred' from the file "
        "differs from 'admitted'; kept 'admitted'" in out
    )
    with_conflicts = [line for line in out.splitlines() if line.startswith("conflict:")]
    assert with_conflicts
    glossary = sajeon.project.load_glossary()
    assert glossary.get("ministry-of-state-security").preferred("ko").text == "국가보위성"
    assert sajeon.project.check() == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "args", "message"),
    [
        (
            b"korean\tenglish\n\xc0\xc1\tbad\n",
            ["--map", "korean=ko", "--map", "english=en"],
            "bad.tsv:2: not valid UTF-8",
        ),
        (b"", ["--map", "korean=ko"], "bad.tsv: empty file"),
        (
            "한국어\tEnglish\n온성군\tOnsong\n".encode(),
            ["--map", "korean=ko"],
            "no column 'korean'",
        ),
        (
            "korean\tenglish\n온성군\tOnsong\n".encode(),
            ["--map", "korean=kor-ean"],
            "neither a language tag",
        ),
        ("korean\tenglish\n온성군\tOnsong\n".encode(), [], "give the column mapping"),
        (
            "korean\tenglish\n온성군\tOnsong\textra\n".encode(),
            ["--map", "korean=ko"],
            "bad.tsv:2: 3 fields, the header has 2",
        ),
        (
            b"korean\tenglish\n\tOnsong\n",
            ["--map", "korean=ko", "--map", "english=en"],
            "bad.tsv:2: no ko term",
        ),
        (
            "korean\tenglish\n온성\x01군\tOnsong\n".encode(),
            ["--map", "korean=ko", "--map", "english=en"],
            "bad.tsv:2: term '온성\\x01군' contains control character U+0001",
        ),
    ],
)
def test_bad_import_files(sajeon: Sajeon, tmp_path, data, args, message):
    path = _write(tmp_path / "bad.tsv", data)
    before = snapshot(sajeon.project)
    result = sajeon("import", str(path), *args, ok=False)
    assert message in result.output
    assert snapshot(sajeon.project) == before


def test_a_spreadsheet_csv_with_bom_imports(sajeon_empty: Sajeon, tmp_path):
    path = _write(
        tmp_path / "terms.csv",
        "\ufeff한국어,English,분야\n온성군,Onsong County,place\n"
        '"보위부","Ministry of State Security, the",security\n'.encode(),
    )
    out = sajeon_empty(
        "import", str(path), "--map", "한국어=ko", "--map", "English=en", "--map", "분야=domain"
    ).output
    assert "2 new" in out
    assert "Ministry of State Security, the" in sajeon_empty("term", "show", "보위부").output
