"""The model's cleaning rules and language tags."""

import unicodedata

import pytest

from sajeon.core.langtags import display_name, gettext_locale, normalise_lang, plural_forms
from sajeon.core.model import (
    Concept,
    InputError,
    Segment,
    Term,
    calendar_problem,
    check_date,
    check_one_preferred,
    check_timestamp,
    clean_text,
    new_concept_id,
    slugify,
)


def test_text_is_stored_as_nfc():
    nfd = unicodedata.normalize("NFD", "국가보위성")
    assert nfd != "국가보위성"
    assert clean_text(nfd, "term") == "국가보위성"
    assert Term("ko", nfd).cleaned().text == "국가보위성"


def test_single_line_values_collapse_whitespace():
    assert clean_text("  온성군\u00a0\u3000보위부  ", "term") == "온성군 보위부"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "term is empty"),
        ("   \u3000", "term is only whitespace"),
        ("보위\x07부", r"control character U\+0007"),
        ("보위\ufffe부", r"non-character U\+FFFE"),
        ("보위\n부", "must be on one line"),
        ("보위\t부", "must be on one line"),
    ],
)
def test_bad_term_text_is_refused(value, message):
    with pytest.raises(InputError, match=message):
        Term("ko", value).cleaned()


def test_multiline_values_keep_line_breaks():
    assert clean_text("첫째 줄\n둘째 줄 ", "note", multiline=True) == "첫째 줄\n둘째 줄"


@pytest.mark.parametrize(
    ("tag", "normal"),
    [
        ("ko", "ko"),
        ("KO", "ko"),
        ("ko_KR", "ko-KR"),
        ("ko-kr", "ko-KR"),
        ("en", "en"),
        ("zh-Hans", "zh-Hans"),
        ("zh_hant_tw", "zh-Hant-TW"),
        ("ja", "ja"),
        ("en-GB", "en-GB"),
    ],
)
def test_language_tags_are_normalised_with_babel(tag, normal):
    assert normalise_lang(tag) == normal


@pytest.mark.parametrize("tag", ["", "xx", "klingon", "und", "mul", "ko-", "12"])
def test_unknown_language_tags_are_refused(tag):
    with pytest.raises(InputError, match="language tag"):
        normalise_lang(tag)


def test_babel_supplies_names_and_plural_forms():
    assert display_name("ko") == "Korean"
    assert display_name("zh-Hans") == "Chinese (Simplified)"
    assert plural_forms("ko") == "nplurals=1; plural=0;"
    assert plural_forms("en") == "nplurals=2; plural=(n != 1);"
    assert gettext_locale("ko-KR") == "ko_KR"


@pytest.mark.parametrize("status", ["Preferred", "superseded", "ok"])
def test_unknown_status_is_refused(status):
    with pytest.raises(InputError, match=f"unknown status '{status}'"):
        Term("ko", "보위부", status=status).cleaned()


def test_dates_and_validity_periods():
    assert check_date("2016", "valid-until date", partial=True) == "2016"
    assert check_date("2020-05", "d", partial=True) == "2020-05"
    with pytest.raises(InputError, match="not a date"):
        check_date("2016", "created date")
    with pytest.raises(InputError, match="not a valid date"):
        check_date("2016-13-01", "created date")
    with pytest.raises(InputError, match="ends before it starts"):
        Term("ko", "사회안전성", valid_from="2020", valid_until="2016").cleaned()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2020-02-30", "February 2020 has 29 days"),
        ("2021-02-29", "February 2021 has 28 days"),
        ("2021-04-31", "April 2021 has 30 days"),
        ("2021-06-00", "June 2021 has 30 days"),
        ("2021-13", "there is no month 13"),
        ("2021-00", "there is no month 00"),
        ("0000", "there is no year 0"),
    ],
)
def test_a_day_the_calendar_does_not_have_is_refused(value, problem):
    with pytest.raises(InputError, match=f"'{value}' is not a valid date: {problem}"):
        check_date(value, "valid-from date", partial=True)
    with pytest.raises(InputError, match="not a valid date"):
        Term("ko", "국가보위성", valid_until=value).cleaned()


@pytest.mark.parametrize("value", ["2024-02-29", "2000-02-29", "2021-12-31", "2021-02", "1900"])
def test_real_days_and_leap_days_are_taken(value):
    assert check_date(value, "d", partial=True) == value
    assert calendar_problem(value[:4], value[5:7], value[8:10]) is None


def test_dates_are_written_in_ascii_digits():
    for value in ("２０２１-０２-２８", "٢٠٢١"):
        with pytest.raises(InputError, match="is not a date"):
            check_date(value, "d", partial=True)
    with pytest.raises(InputError, match="is not YYYYMMDDThhmmssZ"):
        check_timestamp("２０２１０２２８", "date", form="tmx")


def test_1900_and_2100_are_not_leap_years():
    for year in ("1900", "2100"):
        with pytest.raises(InputError, match=f"February {year} has 28 days"):
            check_date(f"{year}-02-29", "date")


@pytest.mark.parametrize(
    ("value", "form", "day"),
    [
        ("20240229T235960Z", "tmx", "2024-02-29"),  # a leap second
        ("20241128", "tmx", "2024-11-28"),
        ("2024-11-28", "iso", "2024-11-28"),
        ("2024-11-28T09:30:00.000+09:00", "iso", "2024-11-28"),
        ("2024-11-28 09:30+0900", "iso", "2024-11-28"),
        ("2024-11-28T09:30:00Z", "iso", "2024-11-28"),
    ],
)
def test_timestamps_give_their_day(value, form, day):
    assert check_timestamp(value, "date", form=form) == day


@pytest.mark.parametrize(
    ("value", "form", "message"),
    [
        ("20210229T120000Z", "tmx", "February 2021 has 28 days"),
        ("20240229T250000Z", "tmx", "there is no hour 25"),
        ("20240229T126100Z", "tmx", "there is no minute 61"),
        ("20240229T120061Z", "tmx", "there is no second 61"),
        ("2024-02-29", "tmx", r"is not YYYYMMDDThhmmssZ"),
        ("2021-04-31T10:00:00Z", "iso", "April 2021 has 30 days"),
        ("2024-04-30T24:00:00Z", "iso", "there is no hour 24"),
        ("2024-04-30 10:60+0900", "iso", "there is no minute 60"),
        ("2024-04-30junk", "iso", "is not YYYY-MM-DD"),
    ],
)
def test_impossible_timestamps_are_refused(value, form, message):
    with pytest.raises(InputError, match=message):
        check_timestamp(value, "date", form=form)


def test_one_preferred_term_per_language():
    terms = [Term("ko", "국가보위성"), Term("en", "MSS"), Term("ko", "보위부", "admitted")]
    check_one_preferred(terms)
    terms.append(Term("ko", "보위성"))
    with pytest.raises(InputError, match="two preferred ko terms, '국가보위성' and '보위성'"):
        check_one_preferred(terms)
    with pytest.raises(InputError, match="two preferred ko terms"):
        Concept("mss", terms).cleaned()
    # another language, or another region of one, is not a second preferred term
    check_one_preferred([Term("en-US", "MSS"), Term("en-GB", "MSS"), Term("en", "State Security")])


def test_concept_refuses_the_same_term_twice_and_sorts_terms():
    concept = Concept(
        "mss",
        [Term("ko", "보위부", "admitted"), Term("en", "MSS", "admitted"), Term("ko", "국가보위성")],
    ).cleaned()
    assert [(t.lang, t.text) for t in concept.terms] == [
        ("en", "MSS"),
        ("ko", "국가보위성"),
        ("ko", "보위부"),
    ]
    assert concept.preferred("ko").text == "국가보위성"
    with pytest.raises(InputError, match="twice"):
        Concept("x", [Term("ko", "군"), Term("ko", "군")]).cleaned()


def test_concept_ids_are_readable_unique_xml_names():
    assert slugify("Ministry of State Security") == "ministry-of-state-security"
    assert slugify("Ch'ŏngam-guyŏk") == "chongam-guyok"
    taken = {"onsong-county"}
    assert new_concept_id("Onsong County", taken) == "onsong-county-2"
    assert new_concept_id("kwalliso (political penal-labour colony)", set()) == "kwalliso"
    assert new_concept_id("20th Congress", set()) == "c-20th-congress"
    korean_only = new_concept_id("보위부", set())
    assert korean_only.startswith("c-") and len(korean_only) == 10
    with pytest.raises(InputError, match="concept id"):
        Concept("1abc", [Term("ko", "군")]).cleaned()


def test_identical_segment_pairs_share_a_key():
    a = Segment("ko", "en", "보위부가 체포했다.", "The MSS arrested him.").cleaned()
    b = Segment(
        "ko",
        "en",
        unicodedata.normalize("NFD", "보위부가 체포했다."),
        "The MSS arrested him.",
        origin="other",
    ).cleaned()
    c = Segment("ko", "en", "보위부가 체포했다.", "The MSS detained him.").cleaned()
    assert a.key == b.key != c.key
