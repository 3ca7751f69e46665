"""One PO reader for import, check and pretranslate (issue 15, bullet 4), checked against
the real ``msgfmt -c``: what msgfmt rejects sajeon rejects, naming the line, and what
pretranslate writes msgfmt accepts. The bad files are those of the corpus
(tests/badinput/cases_po.py)."""

from __future__ import annotations

import pytest

from sajeon.core.model import InputError
from sajeon.formats import plurals, po

from .badinput.cases_po import GOOD, bad_files, po_file
from .test_formats_export import msgfmt_check

BAD = bad_files()


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_msgfmt_agrees_with_sajeon(bad, tmp_path):
    """Where msgfmt refuses a file, so does sajeon; the rest (NUL and other control
    characters, octal and hex escapes) msgfmt takes and sajeon refuses on purpose
    (docs/input-rules.md)."""
    path = tmp_path / "bad.po"
    path.write_bytes(bad.text.encode("utf-8"))
    with pytest.raises(InputError):
        po.parse(bad.text, "bad.po")
    assert (msgfmt_check(path).returncode != 0) == bad.msgfmt_rejects


def test_the_good_file_passes_msgfmt_and_sajeon(tmp_path):
    path = tmp_path / "good.po"
    path.write_text(GOOD, encoding="utf-8")
    assert msgfmt_check(path).returncode == 0
    po.parse(GOOD, "good.po")


def test_pretranslate_writes_what_msgfmt_accepts(sajeon, bundled_project, tmp_path):
    source = bundled_project.load_memory().segments[0]
    text = po_file(f'msgid "{source.source}"\nmsgstr ""\n')
    path = tmp_path / "job.po"
    path.write_text(text, encoding="utf-8")
    sajeon("pretranslate", str(path))
    written = po.parse(path.read_text(encoding="utf-8"), "job.po")
    assert [e.msgstr for e in written if e.msgid] == [source.target]
    assert msgfmt_check(path).returncode == 0


def test_pretranslate_refuses_an_unterminated_string_and_leaves_the_file(sajeon, tmp_path):
    """The bug of the issue: pretranslate used to write a broken PO from this file."""
    text = po_file('msgid "온성군 보위부는"\nmsgstr "\n\nmsgid "장마당"\nmsgstr ""\n')
    path = tmp_path / "broken.po"
    path.write_text(text, encoding="utf-8")
    result = sajeon("pretranslate", str(path), ok=False)
    assert result.exit_code == 1
    assert "broken.po:15: PO syntax error" in result.output
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "header",
    [
        "nplurals=1; plural=0;",
        "nplurals=2; plural=(n != 1);",
        "nplurals=2; plural=n>1;",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 ? 4 : 5);",
        "nplurals=2; plural=n==0 || 10/n > 1;",  # || does not evaluate 10/0
    ],
)
def test_real_plural_headers_are_read(header, tmp_path):
    parsed = plurals.parse_header(header, "x.po:12")
    assert parsed.nplurals and parsed.formula
    path = tmp_path / "ok.po"
    path.write_text(po_file('msgid "a"\nmsgstr "b"\n', header), encoding="utf-8")
    assert msgfmt_check(path).returncode == 0


def test_every_plural_header_babel_writes_is_read():
    """sajeon's own exports take Plural-Forms from Babel: all must pass the check."""
    from babel import localedata

    from sajeon.core.langtags import plural_forms

    for locale in localedata.locale_identifiers():
        try:
            header = plural_forms(locale.replace("_", "-"))
        except InputError:
            continue
        plurals.parse_header(header, locale)
