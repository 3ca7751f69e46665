"""What a newcomer expects of the command line (issue 11, item 5): ISO 639-2/3 language
codes, no project made by accident, a missing file named as such, a busy port refused
before anything is announced, and unquoted text."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from babel.core import get_global
from click.testing import CliRunner

from sajeon.cli import cli
from sajeon.core.langtags import gettext_locale, normalise_lang
from sajeon.core.model import InputError
from sajeon.storage.project import NO_PROJECT, Project
from sajeon.web.server import check_port

from .conftest import ROOT, Sajeon, snapshot

# ---------------------------------------------------------------- ISO 639-2/3 language codes


@pytest.mark.parametrize(
    ("tag", "normal"),
    [
        ("kor", "ko"),
        ("KOR", "ko"),
        ("eng", "en"),
        ("jpn", "ja"),
        ("zho", "zh"),
        ("chi", "zh"),
        ("fre", "fr"),
        ("fra", "fr"),
        ("ger", "de"),
        ("deu", "de"),
        ("rus", "ru"),
        ("iw", "he"),  # a retired ISO 639-1 code
        ("kor-KP", "ko-KP"),  # a region given is kept
        ("eng_GB", "en-GB"),
        ("zho-Hant", "zh-Hant"),
        ("prs", "fa-AF"),  # Dari: CLDR's alias is Persian of Afghanistan
    ],
)
def test_three_letter_codes_become_bcp47_languages(tag, normal):
    assert normalise_lang(tag) == normal


def test_no_alias_gets_a_region_its_data_does_not_give():
    """Every CLDR language alias (ISO 639-2 B and T codes, 639-3 individual languages)
    normalises to its BCP 47 language, with a region only where the alias names one."""
    aliases = get_global("language_aliases")
    checked = 0
    for code, target in aliases.items():
        if "_" in code:
            continue
        try:
            normal = normalise_lang(code)
        except InputError:
            continue  # a language Babel has no data for is refused, as before
        assert normal.split("-")[0] == target.split("_")[0], code
        assert _region(normal.split("-")) == _region(target.split("_")), code
        checked += 1
    assert checked > 200


def _region(subtags: list[str]) -> str | None:
    return next((t for t in subtags[1:] if t.isupper() or t.isdigit()), None)


def test_gettext_locale_of_a_three_letter_code_has_no_region():
    assert gettext_locale("kor") == "ko"
    assert gettext_locale("eng") == "en"


def test_cli_options_take_three_letter_codes(sajeon: Sajeon, tmp_path: Path):
    out = sajeon("term", "add", "까치", "magpie", "--lang", "kor", "--to", "eng").output
    assert "added concept magpie: '까치' → 'magpie'" in out
    lines = sajeon.project.terms_file.read_text(encoding="utf-8").splitlines()
    assert "magpie\tko\t까치\tpreferred\t\t\t\t\t" in lines
    assert "magpie\ten\tmagpie\tpreferred\t\t\t\t\t" in lines
    out_dir = tmp_path / "out"
    sajeon("export", "--from", "kor", "--to", "eng", "--format", "tbx", "--dir", str(out_dir))
    assert [p.name for p in out_dir.iterdir()] == ["sajeon-ko-en.tbx"]
    found = json.loads(
        sajeon(
            "lookup",
            "체포된 주민들은 지금 온성군 보위부에서 조사를 받고 있다.",
            "--from",
            "kor",
            "--to",
            "eng",
            "--json",
        ).output
    )
    assert (found["source_lang"], found["target_lang"]) == ("ko", "en")
    assert found["matches"]


def test_a_file_tagged_with_three_letter_codes_joins_the_memory(sajeon: Sajeon, tmp_path: Path):
    tmx = tmp_path / "iso639-2.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="eng" srclang="kor" '
        'datatype="plaintext"/><body>\n<tu><tuv xml:lang="kor"><seg>무산군 장마당이 다시 '
        '열렸다.</seg></tuv><tuv xml:lang="eng"><seg>The Musan market reopened.</seg></tuv>'
        "</tu>\n</body></tmx>\n",
        encoding="utf-8",
    )
    out = sajeon("import", str(tmx)).output
    assert "1 segment pairs read (ko→en); 1 new in memory/ko-en.tsv" in out
    assert not any(p.name != "ko-en.tsv" for p in sajeon.project.memory_paths())


# ---------------------------------------------------------------- no project, sajeon init

WRITES_AND_READS = [
    ["term", "add", "가나", "gana"],
    ["segment", "add", "가나다.", "Ganada."],
    ["term", "search", "보위"],
    ["lookup", "체포된 주민들은"],
    ["terms", "국가보위성에서"],
    ["stats"],
    ["build"],
    ["export"],
    ["snapshot", "copy.db"],
]


@pytest.mark.parametrize("args", WRITES_AND_READS, ids=[" ".join(a[:2]) for a in WRITES_AND_READS])
def test_outside_a_project_commands_refuse_and_make_nothing(tmp_path, monkeypatch, args):
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    monkeypatch.chdir(empty)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {NO_PROJECT}\n"
    assert list(empty.iterdir()) == []


def test_help_works_outside_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["term", "add", "--help"])
    assert result.exit_code == 0 and "term add [OPTIONS] TEXT" in result.output
    assert list(tmp_path.iterdir()) == []


def test_dash_c_on_a_folder_that_is_no_project_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "term", "add", "가나", "gana"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: no sajeon project in {tmp_path.resolve()} (no glossary/ or memory/ folder); "
        "use -C DIR or `sajeon init`\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_init_makes_a_project_that_commands_then_use(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["init", "desk"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "made a sajeon project in desk: glossary/concepts.tsv, glossary/terms.tsv, "
        "memory/ko-en.tsv\n"
    )
    root = tmp_path / "desk"
    assert (root / "glossary/concepts.tsv").read_text(encoding="utf-8") == (
        "id\tdomain\tdefinition\tnote\tsources\tcreated\tmodified\tauthor\n"
    )
    assert (root / "glossary/terms.tsv").read_text(encoding="utf-8") == (
        "concept\tlang\tterm\tstatus\tpos\ttype\tvalid_from\tvalid_until\tnote\n"
    )
    assert (root / "memory/ko-en.tsv").read_text(encoding="utf-8") == (
        "ko\ten\torigin\tdate\ttranslator\tnote\n"
    )
    assert "sajeon.db*" in (root / ".gitignore").read_text(encoding="utf-8")
    # from a folder inside the new project, as from its root
    (root / "drafts").mkdir()
    monkeypatch.chdir(root / "drafts")
    result = runner.invoke(cli, ["term", "add", "가나", "gana"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["segment", "add", "가나다.", "Ganada."])
    assert result.exit_code == 0, result.output
    assert (root / "memory/ko-en.tsv").read_text(encoding="utf-8").count("\n") == 2
    assert Project(root).check() == []
    assert not (root / "drafts" / "sajeon.db").exists()


def test_init_is_refused_where_a_project_is(sajeon: Sajeon):
    before = snapshot(sajeon.project)
    result = sajeon("init", ok=False)
    assert result.exit_code == 1
    assert result.output == f"Error: {sajeon.project.root} is already a sajeon project\n"
    assert snapshot(sajeon.project) == before


def test_init_with_dash_c_and_other_languages(tmp_path):
    result = CliRunner().invoke(
        cli, ["-C", str(tmp_path / "ja"), "init", "--from", "jpn", "--to", "eng"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ja/memory/ja-en.tsv").read_text(encoding="utf-8").startswith("ja\ten\t")
    assert Project(tmp_path / "ja").languages() == ["ja", "en"]


def test_an_empty_project_with_both_folders_is_a_project(sajeon_empty: Sajeon):
    assert sajeon_empty("stats").output.startswith("0 concepts, 0 terms")


# ---------------------------------------------------------------- a missing file is not text


@pytest.mark.parametrize("name", ["./missing.txt", "missing.txt", "기사.txt", "drafts/a"])
def test_terms_says_a_missing_file_is_missing(sajeon: Sajeon, name):
    before = snapshot(sajeon.project)
    result = sajeon("terms", name, ok=False)
    assert result.exit_code == 1
    assert result.output == f"Error: {name}: file not found\n"
    assert snapshot(sajeon.project) == before


def test_terms_on_a_directory(sajeon: Sajeon, tmp_path: Path):
    result = sajeon("terms", f"{tmp_path}/", ok=False)
    assert result.output == f"Error: {tmp_path}/: is a directory, not a text file\n"


def test_text_with_a_slash_is_still_text(sajeon: Sajeon):
    # a Korean word with a slash is text, not a path
    assert "no glossary terms found" in sajeon("terms", "남/북").output
    assert "국가보위성" in sajeon("terms", "국가보위성/보위부").output


def test_lookup_takes_text_not_a_file_name(sajeon: Sajeon):
    article = str(ROOT / "docs/examples/article.txt")
    result = sajeon("lookup", article, ok=False)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {article}: looks like a file name, and this command takes the text itself "
        "('-' reads it from standard input)\n"
    )


# ---------------------------------------------------------------- unquoted text

SENTENCE = "체포된 주민들은 지금 온성군 보위부에서 조사를 받고 있다."


def test_lookup_takes_several_words_as_one_text(sajeon: Sajeon):
    quoted = sajeon("lookup", SENTENCE).output
    assert quoted.startswith("93%")
    assert sajeon("lookup", *SENTENCE.split()).output == quoted


def test_terms_takes_several_words_as_one_text(sajeon: Sajeon):
    text = "온성군보위부는 국가보위성에서 내려온 지시에 따라 군 인민위원회 간부들을 조사했다."
    quoted = sajeon("terms", text).output
    assert "3 term occurrence(s), 3 concept(s)" in quoted
    assert sajeon("terms", *text.split()).output == quoted


def test_terms_refuses_a_file_among_words(sajeon: Sajeon):
    article = str(ROOT / "docs/examples/article.txt")
    result = sajeon("terms", article, "보위부", ok=False)
    assert result.exit_code == 1 and "give one file on its own" in result.output


# ---------------------------------------------------------------- serve on a busy port


def test_serve_on_a_busy_port_fails_before_announcing(sajeon_empty: Sajeon):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = sajeon_empty("serve", "--port", str(port), ok=False)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot serve on 127.0.0.1:{port}: Address already in use; "
        "choose another port with --port\n"
    )
    assert not sajeon_empty.project.db_path.exists()  # nothing built either


def test_a_free_port_passes_the_check():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    check_port("127.0.0.1", port)
    with pytest.raises(InputError, match=r"cannot serve on nowhere\.invalid:"):
        check_port("nowhere.invalid", port)
