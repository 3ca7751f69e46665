"""Memory files only where the build reads them, and what a killed import leaves behind
(issue 15, bullets 3 and 6). The bad-input corpus (tests/badinput/cases_paths.py) tries
the paths; these tests try what its files cannot make: links, and leftovers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sajeon import app
from sajeon.core.model import InputError, Segment
from sajeon.storage.project import Project, remove_leftovers

from .conftest import snapshot

PAIR = ("가나다 라마바 사아자", "Ga na da ra ma ba sa a ja")


def test_a_link_out_of_the_project_is_refused_as_a_file_to_write(bundled_project, sajeon, tmp_path):
    outside = tmp_path / "elsewhere.tsv"
    outside.write_text("ko\ten\torigin\tdate\ttranslator\tnote\n", encoding="utf-8")
    link = bundled_project.memory_dir / "shared.tsv"
    link.symlink_to(outside)
    try:
        result = sajeon("segment", "add", *PAIR, "--file", "memory/shared.tsv", ok=False)
    finally:
        link.unlink()
    assert result.exit_code == 2
    assert "memory/shared.tsv: a link to" in result.output
    assert outside.read_text(encoding="utf-8").count("\n") == 1


def test_a_folder_link_out_of_the_project_is_refused(bundled_project, sajeon, tmp_path):
    (tmp_path / "away").mkdir()
    (bundled_project.memory_dir / "away").symlink_to(tmp_path / "away")
    before = snapshot(bundled_project)
    result = sajeon("segment", "add", *PAIR, "--file", "memory/away/new.tsv", ok=False)
    assert result.exit_code == 2 and "outside memory/" in result.output
    assert not (tmp_path / "away" / "new.tsv").exists()
    assert snapshot(bundled_project) == before


def test_the_build_refuses_a_memory_file_that_links_out(bundled_project, sajeon, tmp_path):
    """The rule is the build's too: a link it followed would be a file sajeon writes to."""
    outside = tmp_path / "elsewhere.tsv"
    outside.write_text("ko\ten\torigin\tdate\ttranslator\tnote\n", encoding="utf-8")
    (bundled_project.memory_dir / "shared.tsv").symlink_to(outside)
    result = sajeon("build", ok=False)
    assert result.exit_code == 1
    assert "Error: memory/shared.tsv: a link to" in result.output


def test_a_new_file_in_a_memory_subfolder_is_read_by_the_build(bundled_project, sajeon):
    sajeon("segment", "add", *PAIR, "--file", "memory/desk/2025.tsv")
    assert (bundled_project.memory_dir / "desk" / "2025.tsv").is_file()
    assert bundled_project.check() == []
    sajeon("build")
    assert any(s.source == PAIR[0] for s in bundled_project.load_memory().segments)


def test_the_api_refuses_the_same_paths(bundled_project):
    """sajeon.app (and Project below it) apply the rule too, with an InputError (exit 1)."""
    before = snapshot(bundled_project)
    with pytest.raises(InputError, match="outside memory/"):
        app.add_segment(bundled_project, *PAIR, path="memory/../../x.tsv")
    segment = Segment("ko", "en", *PAIR)
    with pytest.raises(InputError, match=r"not a \.tsv file"):
        bundled_project.add_segments([segment], Path("memory/extra.txt"))
    with pytest.raises(InputError, match="outside memory/"):
        bundled_project.import_segments([("x", segment)], path=Path("/sajeon-elsewhere/x.tsv"))
    assert snapshot(bundled_project) == before


# ----------------------------------------------------------------------------- leftovers


def _dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".sajeon-import-*"))


@pytest.mark.parametrize(
    "command",
    [
        ("segment", "add", *PAIR),
        ("term", "add", "가나다라마", "Ganadarama"),
        ("build",),
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_a_writing_command_removes_what_a_killed_import_left(bundled_project, sajeon, command):
    root = bundled_project.root
    pid = _dead_pid()
    stale = [f".sajeon-import-{pid}-k1ll3d.tmp", f".sajeon-import-{pid}-k1ll3d.old"]
    stale.append(".sajeon-import-0ld5a7e.tmp")  # named by an older sajeon: no process id
    for name in stale:
        (root / name).write_bytes(b"ko\ten\torigin\tdate\ttranslator\tnote\n")
    result = sajeon(*command)
    assert _leftovers(root) == []
    lines = [line for line in result.output.splitlines() if line.startswith("removed ")]
    assert lines == [f"removed 3 file(s) left by an interrupted import: {', '.join(sorted(stale))}"]


def test_a_running_import_keeps_its_files(bundled_project, sajeon):
    """The write lock says no import is staging; the process id says whether the import
    that left a file is still finishing (it drops its .old after releasing the lock)."""
    root = bundled_project.root
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = [f".sajeon-import-{sleeper.pid}-l1ve.old", f".sajeon-import-{os.getpid()}-me.tmp"]
        for name in live:
            (root / name).write_bytes(b"")
        result = sajeon("segment", "add", *PAIR)
        assert _leftovers(root) == sorted(live)
        assert "removed" not in result.output
    finally:
        sleeper.kill()
        sleeper.wait()
    # once it has ended, its file is stale (this process's own file is never taken)
    assert remove_leftovers(root) == [live[0]]


def test_read_only_commands_leave_leftovers_alone(bundled_project, sajeon):
    """Only a command that holds the write lock knows no import is running."""
    name = f".sajeon-import-{_dead_pid()}-k1ll3d.tmp"
    (bundled_project.root / name).write_bytes(b"")
    sajeon("lookup", PAIR[0])
    sajeon("term", "search", "보위")
    assert _leftovers(bundled_project.root) == [name]


def test_other_files_in_the_root_are_not_leftovers(bundled_project: Project, sajeon):
    keep = [".sajeon-import-notes.txt", ".sajeon-imported.tmp"]
    for name in keep:
        (bundled_project.root / name).write_bytes(b"")
    sajeon("segment", "add", *PAIR)
    assert sorted(p.name for p in bundled_project.root.glob(".sajeon-*")) == sorted(keep)
