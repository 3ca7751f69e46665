"""Many CLI writers at once, as when several translators' scripts run together: every
change must reach both the source files and the database (no lost update), and the
database must still be exactly what the files build."""

from __future__ import annotations

import shutil
import subprocess

from sajeon.storage.project import Project

from .conftest import ROOT
from .liveserver import sajeon_command


def test_parallel_term_and_segment_adds_lose_nothing(tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "glossary", root / "glossary")
    shutil.copytree(ROOT / "memory", root / "memory")
    subprocess.run(sajeon_command(root, "build"), check=True, capture_output=True)
    terms = [f"병렬등록용어{i}" for i in range(8)]
    commands = [
        sajeon_command(root, "term", "add", text, f"Parallel term {i}", "--domain", "test")
        for i, text in enumerate(terms)
    ] + [
        sajeon_command(root, "segment", "add", f"병렬로 추가한 {i}번째 문장이다.", f"Sentence {i}.")
        for i in range(4)
    ]
    writers = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    results = [(w.wait(timeout=180), *w.communicate()) for w in writers]
    for code, _out, err in results:
        assert code == 0, err
        assert "locked" not in err

    project = Project(root)
    assert project.check() == []  # the database is what the files build
    with project.open_store() as store:
        found = {hit.text for hit in store.search_terms("병렬등록용어", limit=50)}
        segments = [
            hit
            for hit in store.search_segments("병렬로", limit=50)
            if "병렬로 추가한" in hit.segment.source
        ]
    assert found == set(terms)
    assert len(segments) == 4
    glossary_text = (root / "glossary" / "terms.tsv").read_text(encoding="utf-8")
    assert all(t in glossary_text for t in terms)
