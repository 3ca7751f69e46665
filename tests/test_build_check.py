"""``build --check`` streamed (issue 16): the same differences, in the same words and
order, as the check that built the whole memory in a second database and compared the two;
and progress for a large memory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sajeon.core.model import InputError
from sajeon.storage import drift
from sajeon.storage.project import Project
from sajeon.storage.store import Store

ROWS = 3000
HEADER = "ko\ten\torigin\tdate\ttranslator\tnote\n"


def old_check(project: Project) -> list[str]:
    """The check as it was before issue 16: everything built in memory, then compared."""
    glossary = project.load_glossary()
    memory = project.load_memory()
    with Store(project.db_path) as actual, Store(":memory:") as expected:
        expected.rebuild(glossary, memory.segments, {})
        return drift.diff_dumps(expected.dump(), actual.dump())


def line(i: int) -> str:
    """A memory line; some with escapes, notes, no date, or values the build tidies."""
    note = f"note {i}" if i % 3 == 0 else ""
    source = f"{i}번 소식통이 전했다." + ("\\n(계속)" if i % 50 == 0 else "")
    date = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}" if i % 7 else ""
    return f"{source}\tSource number {i} said.\tbench/{i // 40}\t{date}\tdesk\t{note}\n"


@pytest.fixture
def large(bundled_project: Project) -> Project:
    """The bundled project with a second memory file of 3,000 lines, built."""
    text = HEADER + "".join(line(i) for i in range(ROWS))
    (bundled_project.memory_dir / "large.tsv").write_text(text, encoding="utf-8")
    bundled_project.build()
    assert bundled_project.check() == [] == old_check(bundled_project)
    return bundled_project


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_bytes().decode("utf-8")  # CRs kept as they are
    assert old in text
    path.write_bytes(text.replace(old, new, count).encode("utf-8"))


def same_as_before(project: Project) -> list[str]:
    found = project.check()
    assert found == old_check(project)
    return found


@pytest.mark.parametrize("batch", [drift.READ_HINT, 5000])
def test_a_difference_in_the_middle_of_a_large_file(large: Project, batch: int, monkeypatch):
    monkeypatch.setattr(drift, "READ_HINT", batch)  # the file in one batch, or in many
    edit(large.memory_dir / "large.tsv", line(1500), line(1500).replace("\t2025-01-17\t", "\t\t"))
    found = same_as_before(large)
    assert len(found) == 1
    assert found[0].startswith("segments: ") and " differs: files " in found[0]
    assert "'bench/37', None, 'desk'" in found[0] and "'2025-01-17'" in found[0]


def test_a_missing_and_an_extra_row(large: Project, monkeypatch):
    monkeypatch.setattr(drift, "READ_HINT", 5000)
    memory = large.memory_dir / "large.tsv"
    edit(memory, line(1500), "")
    edit(memory, line(1501), line(1501) + "새 문장이다.\tA new sentence.\t\t\t\t\n")
    found = same_as_before(large)
    assert len(found) == 2
    assert found[0].endswith("is in the files but not in the database")
    assert found[1].endswith("is in the database but not in the files")


def test_a_changed_glossary_file(large: Project):
    edit(large.terms_file, "onsong-county\ten\tOnsong County\t", "onsong-county\ten\tOnsong\t")
    found = same_as_before(large)
    assert "terms: onsong-county/en/Onsong is in the files but not in the database" in found
    assert "terms: onsong-county/en/Onsong County is in the database but not in the files" in found


def test_lines_the_build_tidies_are_no_difference(large: Project):
    """Values the build changes on reading (spaces trimmed and collapsed, NFD made NFC,
    CRLF, a blank line, a repeated pair) are compared as the build stores them."""
    memory = large.memory_dir / "large.tsv"
    edit(memory, "\tbench/3\t", "\t bench/3  \t")
    edit(memory, "\tbench/4\t", "\tbench/4 \t")
    edit(memory, "10번 소식통", "10번  소식통")  # a multi-line value keeps double spaces
    edit(memory, "\tSource number 11 said.", "\tSource number 11 said. ")
    edit(memory, line(13), line(13)[:-1] + "\r\n")
    edit(memory, "12번 소식통", "\u1112\u1161\u11ab번 소식통")  # NFD of 한
    edit(memory, line(20), line(20) + "\n" + line(20).replace("desk", "another desk"))
    found = same_as_before(large)
    # Only the two sources edited (a double space kept, 한 written as NFD, so a new
    # pair each) differ from what was built before the edits.
    assert len(found) == 4
    assert sum(f.endswith("in the files but not in the database") for f in found) == 2
    large.build()
    assert same_as_before(large) == []


def test_the_database_changed_behind_the_files(large: Project):
    """Drift made in the database: an empty string for a missing value, a number for a
    date, a key no build makes, a row deleted."""
    with sqlite3.connect(large.db_path) as db:
        db.execute("UPDATE segments SET note = '' WHERE id = 100")
        db.execute("UPDATE segments SET date = 2025 WHERE id = 200")
        db.execute("UPDATE segments SET key = upper(key) WHERE id = 300")
        db.execute("UPDATE segments SET target = target || char(31) WHERE id = 400")
        db.execute("DELETE FROM segments WHERE id = 500")
    found = same_as_before(large)
    assert len(found) == 6  # the upper-case key is one row gone and one row extra


def test_a_file_the_build_refuses_gives_the_builds_error(large: Project):
    memory = large.memory_dir / "large.tsv"
    edit(memory, line(2000), line(2000).replace("\tdesk\t", "\tdesk\tfield\t"))
    edit(memory, line(1000), line(1000).replace("\tdesk\t", "\tdesk\x07\t"))
    with pytest.raises(InputError) as new:
        large.check()
    with pytest.raises(InputError) as old:
        old_check(large)
    assert str(new.value) == str(old.value)
    assert ":2002: 7 fields" in str(new.value)


def test_a_bad_value_names_its_line(large: Project):
    edit(large.memory_dir / "large.tsv", "\t2025-02-02\t", "\t2025-02-30\t", count=2)
    with pytest.raises(InputError) as new:
        large.check()
    with pytest.raises(InputError) as old:
        old_check(large)
    assert str(new.value) == str(old.value)
    assert "large.tsv:" in str(new.value) and "2025-02-30" in str(new.value)


def test_progress_is_reported_for_a_large_memory(large: Project, monkeypatch):
    calls: list[tuple[int, int]] = []
    assert large.check(lambda done, total: calls.append((done, total))) == []
    assert calls == []  # 3,045 segments: too few to show
    monkeypatch.setattr(drift, "LARGE", 1000)
    assert large.check(lambda done, total: calls.append((done, total))) == []
    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
