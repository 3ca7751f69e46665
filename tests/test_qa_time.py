"""Issue 12, items 3, 5 and 6: severities and their configuration (sajeon.toml, --error,
--warn, a rule on every finding), names valid at a segment's date (check, terms, lookup,
the Terms-in-text page) and pairs from alignment review files (--all-links, not-a-pair)."""

from __future__ import annotations

import json

import pytest

from sajeon import app
from sajeon.core.model import InputError, Term
from sajeon.engine.qa import Checker, Unit

from .conftest import snapshot

OLD_NAME = "인민보안성은 2018년 회령시에서 밀수 단속을 강화했다."
NEW_NAME = "사회안전성은 회령시에서 밀수 단속을 강화했다."
THEN = "The Ministry of People's Security stepped up its smuggling crackdown in Hoeryong in 2018."
NOW = "The Ministry of Social Security stepped up its smuggling crackdown in Hoeryong."
NOW_2018 = "The Ministry of Social Security stepped up its smuggling crackdown in Hoeryong in 2018."


def tsv(path, rows, dated=True):
    head = "ko\ten\tdate\n" if dated else "ko\ten\n"
    path.write_text(head + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- the model


@pytest.mark.parametrize(
    ("date", "old", "new"),
    [
        ("2018-05-01", "admitted", "deprecated"),
        ("2019-12", "admitted", "deprecated"),
        ("2020", "admitted", "preferred"),  # the year of the renaming: both names
        ("2020-06-30", "admitted", "preferred"),
        ("2021", "deprecated", "preferred"),
        ("2023-05-01", "deprecated", "preferred"),
        (None, "deprecated", "preferred"),  # no date: the glossary's status
    ],
)
def test_status_on_a_date(date, old, new):
    then = Term("en", "Ministry of People's Security", "deprecated", valid_until="2020")
    now = Term("en", "Ministry of Social Security", "preferred", valid_from="2020")
    assert (then.status_on(date), now.status_on(date)) == (old, new)


def test_forbidden_and_undated_terms_ignore_the_date():
    assert Term("en", "MSS", "forbidden", valid_until="2020").status_on("2018") == "forbidden"
    assert Term("en", "State", "deprecated").status_on("2018") == "deprecated"


# ---------------------------------------------------------------------------- check: time


def test_2018_name_in_2018_and_2023(sajeon, tmp_path):
    path = tsv(
        tmp_path / "dated.tsv",
        [
            (OLD_NAME, THEN, "2018-05-01"),
            (OLD_NAME, NOW_2018, "2018-05-01"),
            (NEW_NAME, THEN, "2023-05-01"),
            (NEW_NAME, NOW, "2023-05-01"),
        ],
    )
    result = sajeon("check", str(path), "--json", ok=False)
    issues = json.loads(result.output)["issues"]
    assert [(i["line"], i["kind"], i["severity"]) for i in issues] == [
        (3, "deprecated", "error"),
        (4, "deprecated", "error"),
    ]
    assert issues[0]["rule"] == "deprecated: not valid at 2018-05-01 (from 2020)"
    assert issues[0]["expected"] == ["Ministry of People's Security"]
    assert "not yet in use at 2018-05-01" in issues[0]["message"]
    assert issues[1]["rule"] == "deprecated: not valid at 2023-05-01 (until 2020)"
    assert issues[1]["expected"] == ["Ministry of Social Security"]


def test_date_option_overrides_and_no_date_keeps_todays_rules(sajeon, tmp_path):
    path = tsv(tmp_path / "undated.tsv", [(OLD_NAME, THEN)], dated=False)
    text = sajeon("check", str(path), ok=False).output
    assert "error: deprecated" in text and "rule: deprecated: marked deprecated" in text
    assert sajeon("check", str(path), "--date", "2018").exit_code == 0
    bad = sajeon("check", str(path), "--date", "2018-13-01", ok=False)
    assert bad.exit_code != 0 and "'2018-13-01'" in bad.output


def test_po_header_date(sajeon, tmp_path):
    path = tmp_path / "draft.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n"POT-Creation-Date: 2018-03-02 10:00+0900\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "{OLD_NAME}"\nmsgstr "{THEN}"\n\nmsgid "{NEW_NAME}"\nmsgstr "{NOW}"\n',
        encoding="utf-8",
    )
    result = app.check(sajeon.project, [path])
    assert [(i.kind, i.found, i.rule) for i in result.report.issues] == [
        (
            "deprecated",
            "Ministry of Social Security",
            "deprecated: not valid at 2018-03-02 (from 2020)",
        )
    ]


def test_bad_date_in_the_memory_column_names_the_line(sajeon, tmp_path):
    path = tsv(tmp_path / "m.tsv", [(NEW_NAME, NOW, "2023-05-01"), (NEW_NAME, NOW, "May 2023")])
    with pytest.raises(InputError, match=r"m.tsv:3: date 'May 2023' is not a date"):
        app.check(sajeon.project, [path])


# ---------------------------------------------------------------------------- severities

MISSING = ("보위부는 주민 3명을 체포했다.", "Three residents were arrested.")
CONFUSED = (
    "보위부는 주민 3명을 체포했다.",
    "The Ministry of Social Security arrested three residents.",
)


def test_missing_is_a_warning_and_every_finding_has_its_rule(sajeon, tmp_path):
    path = tsv(tmp_path / "t.tsv", [MISSING, CONFUSED], dated=False)
    result = sajeon("check", str(path), ok=False)
    assert result.exit_code == 1  # the confusable
    assert "t.tsv:2: warning: missing: 보위부" in result.output
    assert "rule: missing: no approved term of the concept in the target" in result.output
    assert "t.tsv:3: error: confusable" in result.output
    assert "rule: confusable: other concept's term present" in result.output
    only_missing = tsv(tmp_path / "m.tsv", [MISSING], dated=False)
    assert sajeon("check", str(only_missing)).exit_code == 0
    assert sajeon("check", str(only_missing), "--strict", ok=False).exit_code == 1
    assert sajeon("check", str(only_missing), "--error", "missing", ok=False).exit_code == 1


def test_warn_option_and_config_file(sajeon, tmp_path):
    path = tsv(tmp_path / "t.tsv", [MISSING, CONFUSED], dated=False)
    data = json.loads(sajeon("check", str(path), "--warn", "confusable", "--json").output)
    assert [i["severity"] for i in data["issues"]] == ["warning", "warning"]
    assert data["severities"]["confusable"] == "warning" and not data["failed"]
    config = sajeon.project.root / "sajeon.toml"
    config.write_text('[check]\nmissing = "error"\nconfusable = "warning"\n', encoding="utf-8")
    result = app.check(sajeon.project, [path])
    assert [i.severity for i in result.report.issues] == ["error", "warning"]
    # the command line wins over the file
    assert app.check(sajeon.project, [path], warn=["missing"]).report.errors == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[check]\nmissing = "fatal"\n', "sajeon.toml:2: [check] missing = 'fatal': use"),
        ('[check]\n\nspelling = "error"\n', "sajeon.toml:3: [check] spelling: unknown check"),
        ("[check\nmissing = 1\n", "sajeon.toml: not valid TOML: "),
    ],
)
def test_bad_config_is_one_line_naming_it(sajeon, tmp_path, text, message):
    path = tsv(tmp_path / "t.tsv", [MISSING], dated=False)
    (sajeon.project.root / "sajeon.toml").write_text(text, encoding="utf-8")
    before = snapshot(sajeon.project)
    result = sajeon("check", str(path), ok=False)
    assert result.exit_code != 0 and message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(sajeon.project) == before


def test_unknown_kind_on_the_command_line(sajeon, tmp_path):
    path = tsv(tmp_path / "t.tsv", [MISSING], dated=False)
    result = sajeon("check", str(path), "--error", "typo", ok=False)
    error = result.output.strip().splitlines()[-1]  # a bad option: exit status 2 (issue 15)
    assert result.exit_code == 2 and "'--error'" in error and "'typo'" in error
    assert "missing" in error  # and the kinds there are


# ---------------------------------------------------------------------------- review files

REVIEW = """# sajeon alignment review\t1
# title\tHoeryong crackdown
# date\t2018-05-01
# threshold\t0.90
status\tconfidence\tko#\ten#\tko\ten\tnote\tevidence
ok\t0.98\t1\t1\t{old}\t{then}\t\t
review\t0.41\t2\t2\t온성군 보위부가 주민 3명을 체포했다.\t{caption}\t\t
""".replace("{caption}", "The Ministry of Social Security officer smiled.")


def test_review_file_low_confidence_links_only_with_all_links(sajeon, tmp_path):
    path = tmp_path / "article.review.tsv"
    path.write_text(REVIEW.format(old=OLD_NAME, then=THEN), encoding="utf-8")
    result = sajeon("check", str(path))  # the 2018 name at the article's date; link 2 left
    assert "checked 1 segment(s): 0 error(s), 0 warning(s)" in result.output
    assert "1 link(s) of review files not marked ok were not checked" in result.output
    every = app.check(sajeon.project, [path], all_links=True)
    assert every.report.segments == 2 and every.report.issues
    assert [(i.line, i.kind) for i in every.report.issues] == [(7, "confusable")]


# ---------------------------------------------------------------------------- not-a-pair

CAPTION = (
    "혜산시 장마당에서 보위부 간부들이 주민들을 단속하고 있다.",
    "Soldiers of the Korean People's Army at a construction site in Pyongyang.",
)


def test_caption_pair_with_nothing_in_common_is_one_finding(sajeon, tmp_path):
    path = tsv(tmp_path / "captions.tsv", [CAPTION, CONFUSED], dated=False)
    result = app.check(sajeon.project, [path])
    kinds = [(i.line, i.kind) for i in result.report.issues]
    assert kinds == [(2, "not-a-pair"), (3, "confusable")]
    finding = result.report.issues[0]
    assert finding.severity == "warning" and "not a translation pair?" in finding.message
    # the same pair sharing a number is a translation with term errors, not a stray pair
    shared = (CAPTION[0].replace("주민들을", "주민 5명을"), CAPTION[1] + " Five were held.")
    again = app.check(sajeon.project, [tsv(tmp_path / "s.tsv", [shared], dated=False)])
    assert "not-a-pair" not in {i.kind for i in again.report.issues}


def test_checker_without_a_pair_test_keeps_term_findings():
    # the benchmark's entry point, Checker.check, reports term findings as before
    from sajeon.storage.project import Project

    from .conftest import ROOT

    checker = Checker(Project(ROOT).load_glossary())
    unit = Unit("x", 1, None, *CAPTION)
    assert "not-a-pair" not in {i.kind for i in checker.check(unit)}
    assert [i.kind for i in checker.findings(unit)] == ["not-a-pair"]


# ---------------------------------------------------------------------------- terms, lookup, page


def test_terms_and_lookup_at_a_date(sajeon):
    data = json.loads(sajeon("terms", OLD_NAME, "--date", "2018-05-01", "--json").output)
    term = data["terms"][0]
    assert (term["translation"], term["warnings"]) == ("Ministry of People's Security", [])
    later = json.loads(sajeon("terms", OLD_NAME, "--date", "2023", "--json").output)["terms"][0]
    assert later["translation"] == "Ministry of Social Security"
    assert "no longer in use at 2023 (in use until 2020)" in later["warnings"]
    early = sajeon("terms", NEW_NAME, "--date", "2018").output
    assert "→ Ministry of People's Security" in early and "not yet in use at 2018" in early
    looked = app.lookup(sajeon.project, OLD_NAME, date="2018")
    assert looked.terms[0].translation == "Ministry of People's Security"
    assert "at 2018" in sajeon("lookup", OLD_NAME, "--date", "2018").output


def test_terms_page_date_field(bundled_project):
    from .dsclient import Client

    client = Client([bundled_project.db_path])
    try:
        data = client.json("/sajeon/-/terms.json?" + f"text={NEW_NAME}&date=2018")
        assert data["date"] == "2018"
        assert data["terms"][0]["translation"] == "Ministry of People's Security"
        page = client.get("/sajeon/-/terms?" + f"text={NEW_NAME}&date=2018")
        assert 'name="date" value="2018"' in page.text
        assert "not yet in use at 2018" in page.text
        bad = client.get("/sajeon/-/terms?text=x&date=soon")
        assert bad.status_code == 400 and "not a date" in bad.text
    finally:
        client.close()
