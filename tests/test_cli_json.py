"""One report flag and one meaning per short option across the sajeon command: every
command's report is JSON with --json (the same data the text shows), --format names file
formats only, and the old spellings still work with a note on standard error."""

from __future__ import annotations

import json

import click
from click.testing import CliRunner

from sajeon.cli import cli

from .conftest import ROOT

# Short options and the long ones they stand for, everywhere (docs/api.md lists them).
SHORT = {
    "-l": {"--lang", "--from"},
    "-t": {"--to"},
    "-m": {"--min-score"},
    "-n": {"--limit"},
    "-o": {"--output"},
    "-c": {"--concept"},
    "-d": {"--dir"},
    "-f": {"--format"},
    "-p": {"--port"},
    "-C": {"--project"},
    "-h": {"--help"},
}


def commands(group: click.Group = cli, prefix: str = "") -> dict[str, click.Command]:
    found = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


def options(command: click.Command) -> list[click.Option]:
    return [p for p in command.params if isinstance(p, click.Option) and not p.hidden]


def test_every_report_command_takes_json():
    without = [n for n, c in commands().items() if not any("--json" in o.opts for o in options(c))]
    assert without == ["serve"]  # a server, not a report


def test_short_options_mean_one_thing_everywhere():
    seen: dict[str, set[str]] = {}
    for command in [cli, *commands().values()]:
        for option in options(command):
            for short in (o for o in option.opts if len(o) == 2):
                seen.setdefault(short, set()).update(o for o in option.opts if len(o) > 2)
    seen.setdefault("-h", set()).add("--help")
    assert {k: v - SHORT.get(k, set()) for k, v in seen.items()} == {k: set() for k in seen}
    with_format = sorted(
        n for n, c in commands().items() if any("--format" in o.opts for o in options(c))
    )
    assert with_format == ["export", "import"]
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert all(f"`{short}`" in api for short in SHORT)


def data(sajeon, *args, ok: bool = True):
    result = CliRunner().invoke(cli, ["-C", str(sajeon.project.root), *args])
    assert (result.exit_code == 0) == ok, result.output
    return json.loads(result.stdout)


def test_reports_as_json(sajeon, tmp_path):
    root = sajeon.project.root
    assert (
        data(sajeon, "build", "--json")["concepts"] == data(sajeon, "stats", "--json")["concepts"]
    )
    assert data(sajeon, "build", "--check", "--json") == {
        "database": "sajeon.db",
        "differences": [],
    }
    added = data(sajeon, "term", "add", "국경경비대", "border guards", "--json")
    assert added["changed"] == ["border-guards"] and added["deleted"] == []
    assert data(sajeon, "term", "set", "국경경비대", "--status", "admitted", "--json")["messages"]
    assert data(sajeon, "concept", "set", "border-guards", "--domain", "security", "--json")[
        "changed"
    ] == ["border-guards"]
    segment = data(sajeon, "segment", "add", "국경경비대가 왔다.", "Border guards came.", "--json")
    assert segment["added"] and segment["path"] == "memory/ko-en.tsv"
    assert data(sajeon, "term", "rm", "국경경비대", "--json")["changed"] == ["border-guards"]
    gone = data(sajeon, "term", "rm", "border guards", "-l", "en", "--json")
    assert gone["deleted"] == ["border-guards"] and gone["changed"] == []
    tmx = ROOT / "docs" / "examples" / "trados.tmx"
    imported = data(sajeon, "import", str(tmx), "--dry-run", "--json")
    assert imported["kind"] == "memory" and imported["memory"]["added"] == 2
    assert imported["dry_run"] and imported["glossary"] is None
    out = tmp_path / "out"
    written = data(sajeon, "export", "-f", "tbx", "-d", str(out), "--json")
    assert [f["written"] for f in written["files"]] == [True]
    assert data(sajeon, "export", "-f", "tbx", "-d", str(out), "--check", "--json")["stale"] == []
    (out / written["files"][0]["name"]).write_text("stale", encoding="utf-8")
    stale = data(sajeon, "export", "-f", "tbx", "-d", str(out), "--check", "--json", ok=False)
    assert stale["stale"] == [written["files"][0]["name"]]
    examples = ROOT / "docs" / "examples"
    aligned = data(sajeon, "align", str(examples / "ko.txt"), str(examples / "en.txt"),
                   "-o", str(tmp_path / "a.tsv"), "--json")  # fmt: skip
    assert aligned["pairs"][0]["links"] > 0 and aligned["output"] == str(tmp_path / "a.tsv")
    po = tmp_path / "article.po"
    po.write_bytes((examples / "article.po").read_bytes())
    filled = data(sajeon, "pretranslate", str(po), "--json")
    assert (filled["exact"], filled["fuzzy"], filled["output"]) == (1, 1, str(po))
    assert data(sajeon, "snapshot", str(tmp_path / "copy.db"), "--json") == {
        "path": str(tmp_path / "copy.db")
    }
    assert (root / "sajeon.db").exists()


def test_json_needs_stdout_to_itself(sajeon):
    examples = ROOT / "docs" / "examples"
    result = CliRunner().invoke(
        cli, ["-C", str(sajeon.project.root), "align", str(examples / "ko.txt"),
              str(examples / "en.txt"), "--json"],
    )  # fmt: skip
    assert result.exit_code == 2 and "--json needs -o" in result.output


def test_old_spellings_still_work_with_a_note(sajeon):
    runner = CliRunner()
    root = str(sajeon.project.root)
    for args in (
        ["lookup", "체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다."],
        ["terms", "국가보위성에서 지시를 내렸다."],
        ["check", str(ROOT / "memory" / "ko-en.tsv")],
    ):
        old = runner.invoke(cli, ["-C", root, *args, "--format", "json"])
        new = runner.invoke(cli, ["-C", root, *args, "--json"])
        assert old.exit_code == new.exit_code  # check: 1, the bundled memory has findings
        assert json.loads(old.stdout) == json.loads(new.stdout)
        assert "'--format json' is deprecated; use --json" in old.stderr
        assert new.stderr == ""
    csv = ROOT / "docs" / "examples" / "terms.csv"
    maps = ["한국어=ko", "English=en", "분야=domain"]
    old = runner.invoke(
        cli, ["-C", root, "import", str(csv), "--dry-run", *(x for m in maps for x in ("-m", m))]
    )
    new = runner.invoke(
        cli, ["-C", root, "import", str(csv), "--dry-run", *(x for m in maps for x in ("--map", m))]
    )
    assert old.exit_code == new.exit_code == 0
    assert old.stdout == new.stdout and "concepts read" in new.stdout
    assert "'-m' for --map is deprecated" in old.stderr
