"""All or nothing: an import that dies half-way, or fails half-way, changes nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sajeon.storage.store import Store

from .conftest import snapshot
from .test_formats_import import _many_units

BAD = Path(__file__).parent / "data" / "formats" / "bad"


def test_killed_import_leaves_database_and_files_as_they_were(bundled_project, tmp_path):
    tmx = tmp_path / "big.tmx"
    tmx.write_bytes(_many_units(30_000))
    before = snapshot(bundled_project)
    env = {
        **os.environ,
        # TEST-ONLY hook (sajeon.storage.project._test_pause): stop once 10,000 pairs are staged.
        "SAJEON_TEST_PAUSE_AFTER": "10000",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "sajeon.cli", "-C", str(bundled_project.root), "import", str(tmx)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        for line in process.stderr:
            if "SAJEON_TEST_PAUSED" in line or time.monotonic() > deadline:
                break
        staged = list(bundled_project.root.glob(".sajeon-import-*"))
        assert staged and staged[0].stat().st_size > 100_000  # the import was well under way
        wal = bundled_project.db_path.with_name(bundled_project.db_path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0  # with rows written, not committed
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    conn = sqlite3.connect(bundled_project.db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM segments").fetchone() == (45,)
    conn.close()
    assert snapshot(bundled_project) == before
    assert bundled_project.check() == []
    # The next import cleans up what the killed one left and works.
    result = bundled_project.import_segments(
        [("x", s) for s in bundled_project.load_memory().segments[:1]]
    )
    assert result.duplicates == 1
    assert not list(bundled_project.root.glob(".sajeon-import-*"))


def test_error_late_in_a_streamed_file_changes_nothing(bundled_project, sajeon, tmp_path):
    """Units are inserted batch by batch before the bad one is reached: all rolled back."""
    good = _many_units(6_000).decode("utf-8")
    bad = good.replace(
        "</body>",
        '<tu creationdate="tomorrow"><tuv xml:lang="ko"><seg>끝</seg></tuv>'
        '<tuv xml:lang="en"><seg>The end</seg></tuv></tu>\n</body>',
    )
    line = bad.count("\n") - 1
    path = tmp_path / "late.tmx"
    path.write_text(bad, encoding="utf-8")
    before = snapshot(bundled_project)
    from sajeon.formats import tmx

    try:
        bundled_project.import_segments(tmx.read_tmx(path, "late.tmx"), batch_size=1000)
    except Exception as exc:
        assert str(exc) == f"late.tmx:{line}: date 'tomorrow' is not YYYYMMDDThhmmssZ"
    else:
        raise AssertionError("the import should have failed")
    assert snapshot(bundled_project) == before
    with Store(bundled_project.db_path) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert not list(bundled_project.root.glob(".sajeon-import-*"))


def test_error_in_a_later_glossary_entry_changes_nothing(bundled_project, sajeon):
    before = snapshot(bundled_project)
    sajeon("import", str(BAD / "bad-status.tbx"), ok=False)  # the first entry is fine
    assert snapshot(bundled_project) == before
