"""Issue 12: the check as an editor reads it. Each rule below came from how newsroom English
departs from the Korean (docs/qa-evaluation.md); each test has a pair the rule must let
pass and one it must still catch."""

from __future__ import annotations

from sajeon import app


def findings(project, tmp_path, rows: list[tuple[str, str]]) -> list[tuple[int, str, str]]:
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "ko\ten\tdate\n" + "".join(f"{ko}\t{en}\t2023-04-02\n" for ko, en in rows),
        encoding="utf-8",
    )
    report = app.check(project, [path], no_ignore=True).report
    return [(i.line, i.kind, i.severity) for i in report.issues]


def test_the_province_before_a_rendered_county_may_be_left_out(bundled_project, tmp_path):
    found = findings(
        bundled_project,
        tmp_path,
        [
            # the usual news English: the county alone
            (
                "함경북도 온성군에서 주민 3명이 체포됐다.",
                "Three residents were arrested in Onsong County.",
            ),
            # the province alone, with nothing after it, is still reported as missing
            ("함경북도에서 주민 3명이 체포됐다.", "Three residents were arrested."),
        ],
    )
    assert (2, "missing", "warning") not in found
    assert (3, "missing", "warning") in found


def test_a_forbidden_term_is_no_name_of_its_concept(bundled_project, tmp_path):
    """ "MSS" is forbidden for 사회안전성 and the abbreviation of 국가보위성: in "the provincial
    MSS" for 도 보위국 it is no confusion with the Ministry of Social Security."""
    found = findings(
        bundled_project,
        tmp_path,
        [("도 보위국이 주민들을 조사했다.", "The provincial MSS questioned the residents.")],
    )
    assert not [f for f in found if f[1] == "confusable"]


def test_two_common_nouns_of_one_field_are_a_paraphrase_two_names_a_confusion(
    bundled_project, tmp_path
):
    found = findings(
        bundled_project,
        tmp_path,
        [
            ("장마당에서 쌀값이 올랐다.", "Traders said rice prices had risen."),
            ("혜산에서 쌀값이 올랐다.", "Rice prices rose in Hoeryong."),
        ],
    )
    assert (2, "confusable", "error") not in found
    assert (3, "confusable", "error") in found  # one town for another


def test_a_caption_under_another_photo_is_not_a_pair(bundled_project, tmp_path):
    """A photo credit both sides share (Daily NK) is page furniture, not an anchor."""
    found = findings(
        bundled_project,
        tmp_path,
        [("함경북도 회령시 보위부 청사. /사진=데일리NK", "A street in Hyesan. / Image: Daily NK")],
    )
    assert found == [(2, "not-a-pair", "warning")]


def test_an_attempted_rendering_is_reported_not_hidden(bundled_project, tmp_path):
    """A wrong ministry that shares words with the right one shows a translation: the error
    stands even when the pair shares no other anchor."""
    found = findings(
        bundled_project,
        tmp_path,
        [
            (
                "인민반장들은 안전원들에게 불려 갈까 걱정한다.",
                "The heads fear being summoned by Ministry of State Security officers.",
            )
        ],
    )
    assert (2, "confusable", "error") in found
    assert not [f for f in found if f[1] == "not-a-pair"]
