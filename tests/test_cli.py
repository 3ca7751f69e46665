"""Every CLI command, and every kind of bad input leaving everything unchanged."""

import json
import subprocess
import sys
import unicodedata

import pytest

from sajeon.storage.project import Project
from sajeon.storage.store import Store

from .conftest import Sajeon, snapshot


def _terms_file(project: Project) -> str:
    return project.terms_file.read_text(encoding="utf-8")


def test_adding_an_existing_pair_reports_the_concept(sajeon: Sajeon):
    before = snapshot(sajeon.project)
    result = sajeon("term", "add", "국가보위성", "Ministry of State Security", ok=False)
    assert result.exit_code == 1
    assert "already exists in concept ministry-of-state-security" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(sajeon.project) == before


def test_new_term_appears_in_files_and_database_at_once(sajeon: Sajeon):
    project = sajeon.project
    before = _terms_file(project)
    sajeon(
        "term",
        "add",
        "탈북 브로커",
        "defection broker",
        "--domain",
        "society",
        "--definition",
        "A person paid to guide defectors across the border.",
        "--source",
        "https://example.org/style-guide",
        "--author",
        "K. Lee",
    )
    after = _terms_file(project)
    added = sorted(set(after.splitlines()) - set(before.splitlines()))
    assert added == [
        "defection-broker\ten\tdefection broker\tpreferred\t\t\t\t\t",
        "defection-broker\tko\t탈북 브로커\tpreferred\t\t\t\t\t",
    ]
    concept_line = [
        line
        for line in project.concepts_file.read_text(encoding="utf-8").splitlines()
        if line.startswith("defection-broker\t")
    ]
    assert len(concept_line) == 1 and "K. Lee" in concept_line[0]
    with Store(project.db_path) as store:
        assert store.concept("defection-broker").preferred("en").text == "defection broker"
    assert project.check() == []
    # the database built from the files is the one the CLI wrote
    with Store(project.db_path) as store:
        incremental = store.dump()
    project.build()
    with Store(project.db_path) as store:
        assert store.dump() == incremental


def test_same_korean_term_with_another_rendering_needs_a_decision(sajeon: Sajeon):
    before = snapshot(sajeon.project)
    result = sajeon(
        "term", "add", "국가보위성", "State Protection Ministry", "--domain", "security", ok=False
    )
    assert "'국가보위성' is already in concept ministry-of-state-security" in result.output
    assert (
        "--concept ministry-of-state-security" in result.output and "--new-concept" in result.output
    )
    assert snapshot(sajeon.project) == before
    # told it is a variant: added to the concept as admitted
    out = sajeon(
        "term",
        "add",
        "국가보위성",
        "State Protection Ministry",
        "--concept",
        "ministry-of-state-security",
    ).output
    assert "'State Protection Ministry' (en, admitted)" in out
    assert (
        "already"
        in sajeon(
            "term", "add", "국가보위성", "--concept", "ministry-of-state-security", ok=False
        ).output
    )


def test_homonym_in_another_domain_and_new_concept(sajeon: Sajeon):
    sajeon(
        "term", "add", "대장", "general", "--domain", "military", ok=False
    )  # same domain: refused
    out = sajeon("term", "add", "대장", "ledger", "--domain", "economy").output
    assert "added concept ledger" in out
    out = sajeon(
        "term", "add", "대장", "general officer", "--domain", "military", "--new-concept"
    ).output
    assert "added concept general-officer" in out


def test_variants_and_former_names_keep_their_dates(sajeon: Sajeon):
    sajeon("term", "add", "국가보위성", "--lang", "ko", "--to", "ja", ok=False)  # exists already
    sajeon("term", "add", "国家保衛省", "--lang", "ja", "--concept", "ministry-of-state-security")
    shown = sajeon("term", "show", "국가보위성").output
    assert "国家保衛省" in shown and "국가안전보위부" in shown and "until 2016" in shown
    data = json.loads(sajeon("term", "show", "국가안전보위부", "--json").output)
    former = next(t for t in data[0]["terms"] if t["text"] == "국가안전보위부")
    assert former["status"] == "deprecated" and former["valid_until"] == "2016"


def test_term_set_changes_status_and_keeps_one_preferred(sajeon: Sajeon):
    out = sajeon("term", "set", "보위부", "--status", "preferred").output
    assert "'국가보위성' (ko) in ministry-of-state-security is now admitted" in out
    with Store(sajeon.project.db_path) as store:
        assert store.concept("ministry-of-state-security").preferred("ko").text == "보위부"
    sajeon("term", "set", "MSS", "--lang", "en", ok=False)  # in two concepts: must say which
    sajeon(
        "term",
        "set",
        "MSS",
        "--lang",
        "en",
        "--concept",
        "ministry-of-state-security",
        "--note",
        "Use after the first mention.",
    )
    assert sajeon.project.check() == []


def test_term_rm_and_concept_set_and_merge(sajeon: Sajeon):
    assert (
        "removed"
        in sajeon("term", "rm", "Ministry for Protection of the State", "--lang", "en").output
    )
    sajeon(
        "concept",
        "set",
        "onsong-county",
        "--definition",
        "A county in North Hamgyong Province.",
        "--add-source",
        "https://en.wikipedia.org/wiki/Onsong_County",
    )
    shown = sajeon("term", "show", "onsong-county").output
    assert "A county in North Hamgyong Province." in shown
    sajeon("concept", "merge", "onsong-up", "onsong-county")
    shown = sajeon("term", "show", "온성군").output
    assert "온성읍" in shown
    sajeon("term", "show", "onsong-up", ok=False)
    assert sajeon.project.check() == []


def test_list_by_status_lists_the_terms_themselves(sajeon: Sajeon):
    """--status deprecated shows the old names, not the concepts' current ones."""
    lines = sajeon("term", "list", "--status", "deprecated").output.splitlines()
    (old,) = [line for line in lines if line.startswith("인민보안성 ")]
    assert " ko  deprecated  until 2020" in old
    assert "use: 사회안전성  →  Ministry of Social Security  [ministry-of-social-security]" in old
    assert not any(line.startswith(("국가보위성 ", "사회안전성 ")) for line in lines)
    assert any(line.startswith("Ministry of People's Security ") for line in lines)
    assert lines[-1] == f"{len(lines) - 1} deprecated term(s)"
    rows = json.loads(sajeon("term", "list", "--status", "deprecated", "--json").output)
    assert {
        "concept": "ministry-of-state-security",
        "lang": "ko",
        "text": "국가안전보위부",
    }.items() <= next(r for r in rows if r["text"] == "국가안전보위부").items()
    assert {r["status"] for r in rows} == {"deprecated"}
    forbidden = json.loads(
        sajeon("term", "list", "--status", "forbidden", "--lang", "en", "--json").output
    )
    assert [(r["text"], r["use_instead"]) for r in forbidden] == [
        ("MSS", "Ministry of Social Security")
    ]
    assert sajeon("term", "list", "--status", "forbidden", "--lang", "ko").output == (
        "no forbidden terms\n"
    )


def test_list_search_stats(sajeon: Sajeon):
    listed = sajeon("term", "list", "--domain", "security").output
    assert "국가보위성" in listed and "→  Ministry of State Security" in listed
    assert "Onsong County  [" not in listed  # the county itself is a place
    hits = sajeon("term", "search", "보위").output.splitlines()
    assert any(
        line.startswith("국가보위성") and "Ministry of State Security" in line for line in hits
    )
    hits = json.loads(sajeon("term", "search", "국가보위성에서", "--json").output)
    assert (
        hits[0]["text"] == "국가보위성" and hits[0]["translation"] == "Ministry of State Security"
    )
    assert "no terms match" in sajeon("term", "search", "없는말").output
    stats = json.loads(sajeon("stats", "--json").output)
    assert stats["concepts"] == 211 and stats["segments"] == 45
    assert stats["terms_by_status"]["forbidden"] == 1
    assert "211 concepts" in sajeon("stats").output


def test_term_and_segment_search_ignore_spacing(sajeon: Sajeon):
    # unspaced query → spaced term and segments, with particles (issue 9)
    for query in ("온성군보위부", "온성군보위부에서", "온성군보위부는"):
        hits = json.loads(sajeon("term", "search", query, "--json").output)
        assert hits[0]["text"] == "온성군 보위부", query
        segments = json.loads(sajeon("segment", "search", query, "--json").output)
        assert len(segments) == 2 and all("온성군 보위부" in s["source"] for s in segments)
    # spaced query → unspaced term and segments
    assert sajeon("term", "search", "국가 보위성").output.startswith("국가보위성 ")
    segments = json.loads(sajeon("segment", "search", "국가 보위성", "--json").output)
    assert segments and all("국가보위성" in s["source"] for s in segments)


def test_segment_add_search_and_duplicates(sajeon: Sajeon):
    project = sajeon.project
    memory = project.memory_dir / "ko-en.tsv"
    before = memory.read_bytes()
    source = unicodedata.normalize("NFD", "회령시 보위부가 밀수꾼 2명을 체포했다.")
    out = sajeon(
        "segment",
        "add",
        source,
        "The Hoeryong MSS arrested two smugglers.",
        "--origin",
        "test article",
        "--date",
        "2026-02-01",
        "--translator",
        "K. Lee",
    ).output
    assert "added 1 segment to memory/ko-en.tsv" in out
    added = memory.read_bytes()[len(before) :].decode("utf-8")
    assert added == (
        "회령시 보위부가 밀수꾼 2명을 체포했다.\tThe Hoeryong MSS arrested two smugglers.\t"
        "test article\t2026-02-01\tK. Lee\t\n"
    )
    assert (
        "already in the memory"
        in sajeon(
            "segment",
            "add",
            "회령시 보위부가 밀수꾼 2명을 체포했다.",
            "The Hoeryong MSS arrested two smugglers.",
        ).output
    )
    assert memory.read_bytes() == before + added.encode("utf-8")
    hits = json.loads(sajeon("segment", "search", "보위부", "--json").output)
    assert hits[0]["source"] == "회령시 보위부가 밀수꾼 2명을 체포했다."  # newest first
    assert project.check() == []
    sajeon(
        "segment", "add", "회령시", "Hoeryong", "--to", "ja", "--file", "memory/ko-en.tsv", ok=False
    )


def test_build_check_reports_drift(sajeon: Sajeon):
    project = sajeon.project
    assert "agrees" in sajeon("build", "--check").output
    terms = project.terms_file
    terms.write_text(
        terms.read_text(encoding="utf-8").replace(
            "onsong-county\ten\tOnsong County\tpreferred", "onsong-county\ten\tOnsong\tpreferred"
        ),
        encoding="utf-8",
    )
    result = sajeon("build", "--check", ok=False)
    assert "terms: onsong-county/en/Onsong is in the files but not in the database" in result.output
    assert (
        "terms: onsong-county/en/Onsong County is in the database but not in the files"
        in result.output
    )
    out = sajeon("build").output
    assert "211 concepts" in out
    assert "agrees" in sajeon("build", "--check").output


def test_a_hand_edit_is_picked_up_before_the_next_change(sajeon: Sajeon):
    project = sajeon.project
    terms = project.terms_file
    terms.write_text(
        terms.read_text(encoding="utf-8").replace("\t두만강\t", "\t두만강(豆滿江)\t"),
        encoding="utf-8",
    )
    result = sajeon("term", "add", "압록강", "Yalu River", "--domain", "place")
    assert "building" not in result.stdout  # said on stderr, not mixed into the result
    assert "building sajeon.db (glossary/terms.tsv changed)" in result.stderr
    assert project.check() == []
    assert "두만강(豆滿江)" in sajeon("term", "show", "tumen-river").output


BAD_INPUT = [
    (["term", "add", "", "Onsong"], "term is empty"),
    (["term", "add", "   ", "Onsong"], "term is only whitespace"),
    (["term", "add", "온성군", " \t "], "term is only whitespace"),
    (["term", "add", "온성\x07군", "Onsong"], "contains control character U+0007"),
    (["term", "add", "회령", "Hoeryong", "--lang", "xx"], "unknown language tag 'xx'"),
    (["term", "add", "회령", "Hoeryong", "--to", "english"], "unknown language tag 'english'"),
    (["term", "add", "회령", "Hoeryong", "--status", "approved"], "'approved' is not one of"),
    (["term", "add", "회령", "Hoeryong", "--valid-until", "last year"], "not a date"),
    (["term", "add", "온성군", "Onsong County"], "already exists in concept onsong-county"),
    (
        ["term", "add", "온성군", "Onsŏng County", "--domain", "place"],
        "already in concept onsong-county",
    ),
    (
        ["term", "add", "새말", "Onsong County", "--domain", "place"],
        "already the en term of concept onsong-county",
    ),
    (["term", "add", "새말", "--concept", "no-such-id"], "no concept with id 'no-such-id'"),
    (["term", "set", "없는말", "--status", "admitted"], "no ko term '없는말'"),
    (["term", "set", "온성군"], "nothing to change"),
    (["term", "set", "온성군", "--pos", "nounish"], "unknown part of speech 'nounish'"),
    (["term", "rm", "없는말"], "no ko term '없는말'"),
    (["concept", "set", "no-such-id", "--domain", "x"], "no concept with id"),
    (["concept", "merge", "onsong-county", "onsong-county"], "cannot merge a concept into itself"),
    (["segment", "add", "", "Empty source"], "source text is empty"),
    (
        ["segment", "add", "보위부", "MSS", "--date", "2025/01/01"],
        "date '2025/01/01' is not a date",
    ),
    (["segment", "add", "보위부", "MSS\x00"], "contains control character U+0000"),
    (["segment", "add", "보위부", "MSS", "--to", "zz"], "unknown language tag 'zz'"),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD_INPUT, ids=[" ".join(a[:3]) for a, _ in BAD_INPUT]
)
def test_bad_input_is_one_line_error_and_changes_nothing(sajeon: Sajeon, args, message):
    before = snapshot(sajeon.project)
    result = sajeon(*args, ok=False)
    assert result.exit_code in (1, 2)
    assert message in result.output, result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(error_lines) == 1
    assert "Traceback" not in result.output
    assert snapshot(sajeon.project) == before


def test_the_installed_command_runs_and_fails_cleanly(bundled_project: Project):
    """The console script itself (not only click's runner): exit codes and stderr."""
    exe = [sys.executable, "-m", "sajeon.cli", "-C", str(bundled_project.root)]
    ok = subprocess.run([*exe, "term", "show", "온성군"], capture_output=True, text=True)
    assert ok.returncode == 0 and "Onsong County" in ok.stdout
    bad = subprocess.run(
        [*exe, "term", "add", "온성군", "--lang", "klingon"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "unknown language tag 'klingon'" in bad.stderr
    assert bad.stdout == "" and "Traceback" not in bad.stderr


def _commands(group, path=()):
    import click

    for name, command in group.commands.items():
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))


def test_help_everywhere_with_korean_examples(sajeon: Sajeon):
    from sajeon.cli import cli

    commands = [(), *_commands(cli)]
    assert ("term", "add") in commands and ("segment", "search") in commands
    for command in commands:
        out = sajeon(*command, "--help").output
        assert "Usage:" in out
        assert any("\uac00" <= ch <= "\ud7a3" for ch in out), (
            f"no Korean in sajeon {' '.join(command)} --help"
        )
