"""Pre-translation: filled entries, and nothing else in the file changed."""

from __future__ import annotations

import difflib
import shutil
import subprocess

import polib

from sajeon.core import similarity

from .conftest import need

EXACT = "체포된 주민들은 현재 온성군 보위부에서 조사를 받고 있다."
EXACT_EN = "The arrested residents are currently being interrogated by the Onsong County MSS."
CLOSE = "체포된 주민들은 현재 회령시 보위부에서 조사를 받고 있다."
IN_MEMORY = EXACT  # what CLOSE is closest to, with the Musan sentence (same score)
NEW = "이 문장은 메모리에 없는 완전히 새로운 내용으로 이루어져 있다."

PO = f"""# Korean-English translation of a Daily NK report.
# Translators: keep agency names as in the glossary.
#
msgid ""
msgstr ""
"Project-Id-Version: onsong-2025-02\\n"
"Report-Msgid-Bugs-To: desk@example.org\\n"
"PO-Revision-Date: 2025-02-18 10:00+0900\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. paragraph 1
#: article.txt:1
msgid "{EXACT}"
msgstr ""

# reporter's note: check the county name
#: article.txt:2
#, python-format
msgid "{CLOSE}"
msgstr ""

#: article.txt:3
msgid ""
"이 문단은 손으로 짧게 "
"줄바꿈되어 있다."
msgstr ""
"This paragraph is "
"wrapped by hand."

#: article.txt:4
msgid "{NEW}"
msgstr ""

msgctxt "headline"
msgid "{EXACT}"
msgstr ""

#~ msgid "옛 문장"
#~ msgstr "An old sentence"
"""


def entry_blocks(text: str) -> list[range]:
    """Line ranges (0-based) of the entries of a PO text."""
    starts = sorted(e.linenum - 1 for e in polib.pofile(text) if e.linenum)
    ends = [*starts[1:], len(text.split("\n"))]
    return [range(s, e) for s, e in zip(starts, ends, strict=True)]


def test_pretranslate_fills_and_changes_nothing_else(sajeon, tmp_path):
    source = tmp_path / "article.po"
    source.write_text(PO, encoding="utf-8")
    out = tmp_path / "out.po"
    result = sajeon("pretranslate", str(source), "-o", str(out))
    assert "5 entries, 4 untranslated; filled 2 exact and 1 fuzzy" in result.output
    assert source.read_text(encoding="utf-8") == PO  # the input is left alone

    text = out.read_text(encoding="utf-8")
    catalog = {(e.msgctxt, e.msgid): e for e in polib.pofile(text)}
    exact = catalog[(None, EXACT)]
    assert exact.msgstr == EXACT_EN and not exact.fuzzy
    assert "sajeon" not in exact.tcomment
    assert catalog[("headline", EXACT)].msgstr == EXACT_EN
    fuzzy = catalog[(None, CLOSE)]
    assert fuzzy.fuzzy and "python-format" in fuzzy.flags
    percent = similarity.display(similarity.score(CLOSE, IN_MEMORY))
    assert f"sajeon: {percent}% match, from " in fuzzy.tcomment
    assert "reporter's note: check the county name" in fuzzy.tcomment
    assert fuzzy.previous_msgid in (IN_MEMORY, IN_MEMORY.replace("온성군", "무산군"))
    assert fuzzy.msgstr.startswith("The arrested residents are currently being interrogated")
    assert catalog[(None, NEW)].msgstr == ""

    # Every change lies inside an entry that was filled; the rest is byte for byte the same.
    before, after = PO.split("\n"), text.split("\n")
    filled = [
        block
        for block in entry_blocks(PO)
        if any(
            before[i].startswith('msgid "체포') or before[i] == 'msgctxt "headline"' for i in block
        )
    ]
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert any(i1 in b or (i1 == i2 and i1 - 1 in b) for b in filled), (tag, before[i1:i2])
        assert all(line.startswith(("msgstr", "#,")) for line in before[i1:i2])
    assert "\n".join(after[-3:]) == "\n".join(before[-3:])  # obsolete entry untouched

    need(shutil.which("msgfmt") is not None, "msgfmt (gettext) is not installed")
    subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(out)], check=True)


def test_pretranslate_in_place_threshold_and_stdout(sajeon, tmp_path):
    path = tmp_path / "a.po"
    path.write_text(PO, encoding="utf-8")
    printed = sajeon("pretranslate", str(path), "-o", "-", "--min-score", "95").output
    assert '"The arrested residents are currently being interrogated by the Onsong County "' in (
        printed
    )
    assert "#, fuzzy" not in printed and "filled 2 exact and 0 fuzzy" in printed
    assert path.read_text(encoding="utf-8") == PO
    sajeon("pretranslate", str(path))
    assert polib.pofile(str(path)).find(EXACT).msgstr == EXACT_EN
    again = path.read_text(encoding="utf-8")
    sajeon("pretranslate", str(path))  # nothing left to fill: nothing changes
    assert path.read_text(encoding="utf-8") == again


def test_crlf_and_bom_are_kept(sajeon, tmp_path):
    path = tmp_path / "w.po"
    path.write_bytes(b"\xef\xbb\xbf" + PO.replace("\n", "\r\n").encode())
    sajeon("pretranslate", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b'interrogated by the Onsong County "\r\n"MSS."' in data


def test_bad_po_files_change_nothing(sajeon, tmp_path):
    bad = tmp_path / "bad.po"
    bad.write_bytes(b'msgid "\xff"\nmsgstr ""\n')
    assert "bad.po:1: not valid UTF-8" in sajeon("pretranslate", str(bad), ok=False).output
    assert bad.read_bytes() == b'msgid "\xff"\nmsgstr ""\n'
    nolang = tmp_path / "nolang.po"
    nolang.write_text(f'msgid ""\nmsgstr ""\n\nmsgid "{EXACT}"\nmsgstr ""\n', encoding="utf-8")
    result = sajeon("pretranslate", str(nolang), ok=False)
    assert "the header has no Language" in result.output
    sajeon("pretranslate", str(nolang), "--to", "en")
    assert polib.pofile(str(nolang)).find(EXACT).msgstr == EXACT_EN


def test_pretranslate_plural_entry(sajeon, tmp_path):
    path = tmp_path / "p.po"
    path.write_text(
        PO.split("#. paragraph 1")[0]
        + f'msgid "{EXACT}"\nmsgid_plural "{EXACT}"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    sajeon("pretranslate", str(path))
    entry = polib.pofile(str(path)).find(EXACT)
    assert entry.msgstr_plural == {0: EXACT_EN, 1: EXACT_EN}


def test_exact_match_with_two_translations_is_marked_fuzzy(sajeon, tmp_path):
    sajeon("segment", "add", EXACT, "The detained residents are being questioned by the MSS.")
    path = tmp_path / "t.po"
    path.write_text(PO, encoding="utf-8")
    sajeon("pretranslate", str(path))
    entry = polib.pofile(str(path)).find(EXACT)
    assert entry.fuzzy
    assert "2 different translations of this source in the memory" in entry.tcomment
    assert entry.msgstr == "The detained residents are being questioned by the MSS."  # newest
