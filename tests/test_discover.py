"""Names missing from the glossary: terms --unknown finds them with a suggested English,
extract proposes them from the memory, and the review file's accepted rows import as
concepts citing their segments."""

from __future__ import annotations

import pytest

from sajeon import app
from sajeon.core.model import InputError

TEXT = "함경북도 새별군 보위부가 고건원로동자구 주민 김모씨를 체포했다."
ENGLISH = "The Saebyol County MSS in North Hamgyong Province arrested Kim, a Kogonwon resident."


def test_unknown_names_with_suggestions(bundled_project):
    result = app.find_terms(bundled_project, TEXT, unknown=True, translation=ENGLISH)
    found = {u.name: u for u in result.unknown}
    assert set(found) == {"새별군", "고건원로동자구", "김모"}
    assert found["새별군"].suggestion == "Saebyol County"
    assert found["새별군"].from_translation == "Saebyol County"
    assert found["고건원로동자구"].kind == "place" and found["김모"].kind == "person"
    # glossary terms are not unknown; without --unknown there is no list
    assert "함경북도" not in found and app.find_terms(bundled_project, TEXT).unknown is None


@pytest.mark.parametrize(
    "ordinary",
    [
        "가능성이 높다",
        "간부들이 모였다",
        "인민군 부대",
        "당국은 중요시했다",
        "경제활동을 했다",
        "반드시 신고해야 한다",  # an adverb ending like a city (반드 + 시)
        "도 당위원회가 회의를 열었다",  # a party committee of any place: a common noun
    ],
)
def test_ordinary_words_are_not_flagged(bundled_project, ordinary):
    assert app.find_terms(bundled_project, ordinary, unknown=True).unknown == []


def test_extract_review_file_imports_accepted_rows(bundled_project, tmp_path):
    app.add_segment(bundled_project, TEXT, ENGLISH)
    app.add_segment(
        bundled_project,
        "새별군 당국은 국경 경비를 강화했다.",
        "Authorities in Saebyol County tightened border security.",
    )
    out = tmp_path / "candidates.tsv"
    result = app.extract_terms(bundled_project, output=out)
    assert result.candidates[0].term == "새별군" and result.candidates[0].count == 3
    assert result.candidates[0].consistency == 1.0
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("status\tko\ten\t")
    lines[1] = lines[1].replace("review", "accept", 1)
    lines[2] = lines[2].replace("review", "reject", 1)
    out.write_text("\n".join(lines) + "\n", "utf-8")
    imported = app.import_file(bundled_project, out)
    assert imported.format == "candidates" and imported.glossary.new == ["saebyol-county"]
    concept = app.show_term(bundled_project, "새별군").concepts[0]
    assert concept.sources[0].startswith("memory/ko-en.tsv:")
    assert {(t.lang, t.text) for t in concept.terms} == {("ko", "새별군"), ("en", "Saebyol County")}


def test_bad_status_is_refused_and_changes_nothing(bundled_project, tmp_path):
    app.add_segment(bundled_project, TEXT, ENGLISH)
    out = tmp_path / "c.tsv"
    app.extract_terms(bundled_project, output=out)
    out.write_text(out.read_text("utf-8").replace("\nreview\t", "\nmaybe\t", 1), "utf-8")
    before = bundled_project.terms_file.read_bytes()
    with pytest.raises(InputError, match="status 'maybe'"):
        app.import_file(bundled_project, out)
    assert bundled_project.terms_file.read_bytes() == before
