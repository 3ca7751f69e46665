"""Terminology QA: ``sajeon check`` on PO, TMX and TSV files, the ignore list, and the
quality gate on the evaluation bitext."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib

from sajeon.engine.qa import Checker, Unit
from sajeon.storage.project import Project

from .conftest import need, snapshot

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.qa_eval import evaluate  # noqa: E402

PO_HEADER = """# Daily NK translation, Onsong arrests.
msgid ""
msgstr ""
"Project-Id-Version: onsong-arrests\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

"""


def po_file(path: Path, pairs: list[tuple[str, str]]) -> Path:
    body = "".join(
        f'#: article.txt:{i}\nmsgid "{ko}"\nmsgstr "{en}"\n\n'
        for i, (ko, en) in enumerate(pairs, 1)
    )
    path.write_text(PO_HEADER + body, encoding="utf-8")
    return path


WRONG = (
    "보위부는 주민 3명을 체포했다.",
    "The Ministry of Social Security arrested three residents.",
)
RIGHT = ("보위부는 주민 3명을 체포했다.", "The MSS arrested three residents.")
OTHER = (
    "국가보위성에서 파견된 검열원들이 혜산시에 도착했다.",
    "Inspectors dispatched from the Ministry of State Security arrived in Hyesan.",
)


def test_confusable_in_po_is_reported_with_its_line(sajeon, tmp_path):
    path = po_file(tmp_path / "draft.po", [OTHER, WRONG])
    need(shutil.which("msgfmt") is not None, "msgfmt (gettext) is not installed")
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    result = sajeon("check", str(path), ok=False)
    assert result.exit_code == 1
    line = next(e.linenum for e in polib.pofile(str(path)) if e.msgid == WRONG[0])
    first = result.output.splitlines()[0]
    expected = f"{path}:{line}: error: confusable: 보위부 (ministry-of-state-security)"
    assert first.startswith(expected)
    assert "'Ministry of Social Security' is the term for ministry-of-social-security" in first
    assert "checked 2 segment(s): 1 error(s), 0 warning(s)" in result.output
    assert OTHER[0] not in result.output


def test_correct_po_is_silent(sajeon, tmp_path):
    path = po_file(tmp_path / "ok.po", [OTHER, RIGHT])
    result = sajeon("check", str(path))
    assert result.output == "checked 2 segment(s): 0 error(s), 0 warning(s)\n"


def test_untranslated_fuzzy_and_obsolete_po_entries_are_skipped(sajeon, tmp_path):
    path = tmp_path / "mixed.po"
    path.write_text(
        PO_HEADER
        + f'#, fuzzy\nmsgid "{WRONG[0]}"\nmsgstr "{WRONG[1]}"\n\n'
        + f'msgid "{OTHER[0]}"\nmsgstr ""\n\n'
        # (an obsolete entry may not repeat an active msgid: msgfmt rejects that)
        + '#~ msgid "사회안전성은 밀수꾼 2명을 체포했다."\n'
        + '#~ msgstr "The MSS arrested two smugglers."\n',
        encoding="utf-8",
    )
    assert "checked 0 segment(s)" in sajeon("check", str(path)).output


def test_tmx_and_tsv(sajeon, tmp_path):
    tmx = tmp_path / "export.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ko" '
        'datatype="plaintext"/><body>\n'
        f'<tu tuid="a1"><tuv xml:lang="ko"><seg>{OTHER[0]}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{OTHER[1]}</seg></tuv></tu>\n'
        f'<tu tuid="a2"><tuv xml:lang="ko-KR"><seg>{WRONG[0]}</seg></tuv>'
        f'<tuv xml:lang="en-US"><seg>The <ph x="1">&lt;b&gt;</ph>Ministry of Social Security'
        "</seg></tuv></tu>\n</body></tmx>\n",
        encoding="utf-8",
    )
    data = json.loads(sajeon("check", str(tmx), "--json", ok=False).output)
    assert data["segments"] == 2 and data["errors"] == 1
    (issue,) = data["issues"]
    assert (issue["id"], issue["line"], issue["kind"]) == ("a2", 4, "confusable")
    assert issue["found_concept"] == "ministry-of-social-security"
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text(f"en\tko\n{WRONG[1]}\t{WRONG[0]}\n{RIGHT[1]}\t{RIGHT[0]}\n", encoding="utf-8")
    result = sajeon("check", str(tsv), ok=False)
    assert result.output.startswith(f"{tsv}:2: error: confusable")
    assert f"{tsv}:3:" not in result.output


def test_forbidden_deprecated_and_strict(sajeon, tmp_path):
    tsv = tmp_path / "t.tsv"
    tsv.write_text(
        "ko\ten\n"
        "사회안전성은 주민을 체포했다.\tThe MSS arrested residents.\n"
        "국가보위성은 검열을 시작했다.\tThe Ministry of State Security (formerly the State "
        "Security Department) began inspections.\n",
        encoding="utf-8",
    )
    result = sajeon("check", str(tsv), ok=False)
    assert "t.tsv:2: error: forbidden: 사회안전성 (ministry-of-social-security): 'MSS' is " in (
        result.output
    )
    assert "t.tsv:3: warning: deprecated" in result.output
    tsv.write_text("\n".join(tsv.read_text().splitlines()[::2]) + "\n", encoding="utf-8")
    assert sajeon("check", str(tsv)).exit_code == 0  # a warning alone passes …
    assert sajeon("check", str(tsv), "--strict", ok=False).exit_code == 1  # … unless strict


def test_compound_rendered_by_its_parts(bundled_project):
    checker = Checker(bundled_project.load_glossary())
    source = "온성군 보위부가 체포했다."
    unit = Unit("x", 1, None, source, "The MSS in Onsong County arrested them.")
    assert checker.check(unit) == []
    unit = Unit("x", 1, None, source, "The MSS arrested them.")
    assert [i.kind for i in checker.check(unit)] == ["missing"]


def test_ignore_list(sajeon, tmp_path):
    path = po_file(tmp_path / "draft.po", [WRONG])
    ignore = sajeon.project.root / "qa-ignore.tsv"
    ignore.write_text(
        "source\tconcept\tcheck\treason\n"
        f"{WRONG[0]}\tministry-of-state-security\tconfusable\tquoted from an old report\n"
        "*\tdaily-nk\t*\tnever mind\n"
        "온성군 보위부가 다른 기사에서 체포했다.\tonsong-county\tmissing\tanother article\n",
        encoding="utf-8",
    )
    result = sajeon("check", str(path))
    assert "0 error(s), 0 warning(s), 1 ignored" in result.output
    assert "qa-ignore.tsv:3: note: this exception matched nothing" in result.output
    # an exception for a segment that is not in the checked file is not stale
    assert "qa-ignore.tsv:4" not in result.output
    assert sajeon("check", str(path), "--no-ignore", ok=False).exit_code == 1
    data = json.loads(sajeon("check", str(path), "--json").output)
    assert data["issues"][0]["ignored"] == "quoted from an old report"


def test_bad_ignore_list_and_files(sajeon, tmp_path):
    before = snapshot(sajeon.project)
    path = po_file(tmp_path / "draft.po", [RIGHT])
    bad = tmp_path / "ignore.tsv"
    bad.write_text("source\tconcept\tcheck\treason\n*\tno-such-concept\t*\tx\n", encoding="utf-8")
    result = sajeon("check", str(path), "--ignore", str(bad), ok=False)
    assert "ignore.tsv:2: no concept with id 'no-such-concept'" in result.output
    bad.write_text("source\tconcept\tcheck\treason\n*\t*\t*\t\n", encoding="utf-8")
    assert "give the reason" in sajeon("check", str(path), "--ignore", str(bad), ok=False).output
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    assert "not well-formed XML" in sajeon("check", str(broken), ok=False).output
    odd = tmp_path / "x.docx"
    odd.write_text("x")
    assert "unknown file type '.docx'" in sajeon("check", str(odd), ok=False).output
    assert snapshot(sajeon.project) == before


def test_bundled_memory_is_clean_with_the_repository_ignore_list(tmp_path):
    project_dir = tmp_path / "p"
    shutil.copytree(ROOT / "glossary", project_dir / "glossary")
    shutil.copytree(ROOT / "memory", project_dir / "memory")
    shutil.copy(ROOT / "qa-ignore.tsv", project_dir / "qa-ignore.tsv")
    from .conftest import Sajeon

    run = Sajeon(Project(project_dir))
    result = run("check", str(project_dir / "memory" / "ko-en.tsv"))
    assert "0 error(s), 0 warning(s), 7 ignored" in result.output
    assert "matched nothing" not in result.output


def test_evaluation_bitext_meets_the_targets():
    figures = evaluate()
    assert figures.clean_segments >= 100
    assert figures.injected >= 100
    assert figures.detection >= 0.95, figures.notes
    assert figures.false_alarms_per_100 <= 1.0, figures.notes
