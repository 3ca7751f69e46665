"""The romanizer: the issue's examples, each sound-change rule of docs/romanize.md, units,
names, the project style, the command and the evaluation's targets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sajeon import app
from sajeon.cli import cli
from sajeon.core.model import InputError
from sajeon.core.romanize import read_config, romanize, syllables

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("hangul", "plain", "marked"),
    [
        ("신의주", "Sinuiju", "Sinŭiju"),
        ("남포", "Nampo", "Namp'o"),
        ("백두", "Paektu", "Paektu"),
        ("청진", "Chongjin", "Ch'ŏngjin"),
        ("김책", "Kimchaek", "Kimch'aek"),
        ("라남", "Ranam", "Ranam"),
        ("온성", "Onsong", "Onsŏng"),
        ("회령", "Hoeryong", "Hoeryŏng"),
        ("혜산", "Hyesan", "Hyesan"),
    ],
)
def test_the_issues_place_names(hangul: str, plain: str, marked: str) -> None:
    assert romanize(hangul) == plain
    assert romanize(hangul, diacritics=True) == marked


def test_syllables_decompose_by_unicode_arithmetic() -> None:
    assert [(s.initial, s.vowel, s.final) for s in syllables("회령")] == [
        ("ㅎ", 11, ""),
        ("ㄹ", 6, "ㅇ"),
    ]


# One test per rule, in the order of docs/romanize.md.


def test_rule_1_lax_stops_are_voiced_between_vowels_not_word_initially() -> None:
    assert romanize("사리원", diacritics=True) == "Sariwŏn"
    assert romanize("해주") == "Haeju"
    assert romanize("로동") == "Rodong"
    assert romanize("고저", diacritics=True) == "Kojŏ"  # k at the start, j inside


def test_rule_2_voiced_after_n_l_m_ng_voiceless_after_a_stop() -> None:
    assert romanize("강동") == "Kangdong"
    assert romanize("금강", diacritics=True) == "Kŭmgang"
    assert romanize("백두") == "Paektu"
    assert romanize("덕천", diacritics=True) == "Tŏkch'ŏn"
    assert romanize("발동") == "Paltong"  # t stays tense after ㄹ


def test_rule_3_liaison_carries_the_final_over() -> None:
    assert romanize("신의주", diacritics=True) == "Sinŭiju"
    assert romanize("독이") == "Togi"
    assert romanize("울이") == "Uri"
    assert romanize("평안", diacritics=True) == "P'yŏngan"


def test_rule_4_nasalisation_before_n_and_m() -> None:
    assert romanize("백마") == "Paengma"
    assert romanize("압문") == "Ammun"


def test_rule_5_aspiration_before_h() -> None:
    assert romanize("북한") == "Pukhan"


def test_rule_6_rieul_after_a_consonant() -> None:
    assert romanize("독립") == "Tongnip"
    assert romanize("천리마", diacritics=True) == "Ch'ŏllima"
    assert romanize("은률", diacritics=True) == "Ŭllyul"
    assert romanize("압록강") == "Amnokkang"
    assert romanize("송림") == "Songrim"  # North Korean usage after ㅇ/ㅁ
    assert romanize("송림", system="rr") == "Songnim"


def test_rule_7_n_apostrophe_g() -> None:
    assert romanize("신계", diacritics=True) == "Sin'gye"
    assert romanize("신계") == "Singye"


def test_north_korean_initial_rieul_and_nieun_kept() -> None:
    assert romanize("량강도") == "Ryanggang Province"
    assert romanize("로동신문") == "Rodong Sinmun"
    assert romanize("녕변", diacritics=True) == "Nyŏngbyŏn"


def test_revised_romanization() -> None:
    assert romanize("온성", system="rr") == "Onseong"
    assert romanize("독립", system="rr") == "Dongnip"
    assert romanize("북한", system="rr") == "Bukhan"
    assert romanize("신라", system="rr") == "Silla"


@pytest.mark.parametrize(
    ("hangul", "english"),
    [
        ("온성군", "Onsong County"),
        ("회령시", "Hoeryong"),
        ("혜산시", "Hyesan"),
        ("함경북도", "North Hamgyong Province"),
        ("자강도", "Chagang Province"),
        ("중구역", "Chung District"),
        ("수동구", "Sudong District"),
        ("라선특별시", "Rason Special City"),
        ("풍계리", "Punggye-ri"),
        ("새별읍", "Saebyol-up"),
        ("창광동", "Changgwang-dong"),
        ("신창로동자구", "Sinchang-rodongjagu"),
        ("신미도", "Sinmido"),  # an island, not a province
        ("해군", "Haegun"),  # too short to be a county
        ("조선인민군", "Chosoninmingun"),  # an army
        ("명사십리", "Myongsasimni"),  # ten li, not a village
    ],
)
def test_administrative_units_as_newsrooms_write_them(hangul: str, english: str) -> None:
    assert romanize(hangul) == english


def test_styles() -> None:
    assert romanize("회령시", style="city") == "Hoeryong City"
    assert romanize("온성군", style="bare") == "Onsong"
    assert romanize("풍계리", style="bare") == "Punggye-ri"
    assert romanize("새별읍", diacritics=True) == "Saebyŏl-ŭp"
    with pytest.raises(InputError, match="unknown romanization style 'town'"):
        romanize("회령", style="town")
    with pytest.raises(InputError, match="unknown romanization system"):
        romanize("회령", system="yale")


def test_a_sentence_keeps_what_is_not_hangul() -> None:
    assert romanize("MSS arrests in 온성군, 2025") == "MSS arrests in Onsong County, 2025"


def test_decomposed_input_is_normalised() -> None:
    import unicodedata

    assert romanize(unicodedata.normalize("NFD", "회령시")) == "Hoeryong"


@pytest.mark.parametrize(
    ("hangul", "news", "lee_park", "marked", "rr"),
    [
        ("김정은", "Kim Jong Un", "Kim Jong Un", "Kim Chŏng-ŭn", "Kim Jeong-eun"),
        ("리설주", "Ri Sol Ju", "Lee Sol Ju", "Ri Sŏl-ju", "Lee Seol-ju"),
        ("이선권", "Ri Son Gwon", "Lee Son Gwon", "I Sŏn-gwŏn", "Lee Seon-gwon"),
        ("박봉주", "Pak Pong Ju", "Park Pong Ju", "Pak Pong-ju", "Park Bong-ju"),
        ("최룡해", "Choi Ryong Hae", "Choi Ryong Hae", "Ch'oe Ryong-hae", "Choi Ryong-hae"),
        ("남궁민", "Namgung Min", "Namgung Min", "Namgung Min", "Namgung Min"),
    ],
)
def test_personal_names(hangul: str, news: str, lee_park: str, marked: str, rr: str) -> None:
    assert romanize(hangul, name=True) == news
    assert romanize(hangul, name=True, style="lee,park") == lee_park
    assert romanize(hangul, name=True, diacritics=True) == marked
    assert romanize(hangul, name=True, system="rr") == rr


def test_project_config_is_checked() -> None:
    assert read_config('[romanize]\nsystem = "rr"\nstyle = "city"\n', "sajeon.toml") == {
        "system": "rr",
        "style": "city",
    }
    assert read_config("[check]\nmissing = 'error'\n", "sajeon.toml") == {}
    for bad, message in [
        ('[romanize]\nsystem = "yale"\n', "system = 'yale' is not valid"),
        ('[romanize]\ncolour = "red"\n', "unknown key"),
        ('[romanize]\nstyle = "town"\n', "style = 'town' is not valid"),
        ("[romanize]\ndiacritics = 1\n", "diacritics = 1 is not valid"),
        ("romanize = 3\n", "must be a [romanize] table"),
        ("[romanize\n", "not valid TOML"),
    ]:
        # the file and, where the key is found, its line: "sajeon.toml:2: [romanize] …"
        pattern = f"sajeon.toml(:[0-9?]+)?: .*{__import__('re').escape(message)}"
        with pytest.raises(InputError, match=pattern):
            read_config(bad, "sajeon.toml")


def test_app_takes_the_projects_style_and_options_win(bundled_project) -> None:
    (bundled_project.root / "sajeon.toml").write_text(
        '[romanize]\nstyle = "city"\ndiacritics = true\n', encoding="utf-8"
    )
    result = app.romanize("회령시", project=bundled_project)
    assert (result.romanized, result.style, result.diacritics) == ("Hoeryŏng City", "city", True)
    plain = app.romanize("회령시", project=bundled_project, diacritics=False, style="")
    assert plain.romanized == "Hoeryong"
    with pytest.raises(InputError, match="no Hangul"):
        app.romanize("Hoeryong")


def test_command(sajeon) -> None:
    assert sajeon("romanize", "회령시").output == "Hoeryong\n"
    assert sajeon("romanize", "회령시", "--diacritics").output == "Hoeryŏng\n"
    assert sajeon("romanize", "온성군", "--system", "rr").output == "Onseong County\n"
    assert sajeon("romanize", "리설주", "--name", "--style", "lee").output == "Lee Sol Ju\n"
    assert sajeon("romanize", "-", input="량강도 혜산시\n").output == "Ryanggang Province Hyesan\n"
    data = json.loads(sajeon("romanize", "김책시", "--json").output)
    assert data == {
        "text": "김책시",
        "romanized": "Kimchaek",
        "system": "mr",
        "diacritics": False,
        "style": "",
        "name": False,
    }


def test_command_errors_are_one_line(sajeon) -> None:
    result = sajeon("romanize", "Hoeryong", ok=False)
    assert result.output.strip() == "Error: nothing to romanize: no Hangul in 'Hoeryong'"
    # a bad option: click's usage lines, then one error naming it (exit status 2, issue 15)
    result = sajeon("romanize", "회령", "--style", "town", ok=False)
    error = result.output.strip().splitlines()[-1]
    assert result.exit_code == 2 and "'--style'" in error
    assert "unknown romanization style 'town'" in error
    (sajeon.project.root / "sajeon.toml").write_text("[romanize]\nsystem = 1\n", encoding="utf-8")
    result = sajeon("romanize", "회령", ok=False)
    assert "sajeon.toml:2: [romanize] system = 1 is not valid" in result.output


def test_command_works_outside_a_project(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["romanize", "회령시", "--diacritics"])
    assert result.exit_code == 0 and result.output == "Hoeryŏng\n"


def test_evaluation_meets_its_targets() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks import romanize_eval

    rows = romanize_eval.load()
    assert len(rows) >= 300 and all(row["source"] for row in rows)
    assert len({row["hangul"] for row in rows}) == len(rows)
    for diacritics, target in ((False, 0.97), (True, 0.93)):
        misses = romanize_eval.evaluate(rows, diacritics)
        assert 1 - len(misses) / len(rows) >= target, misses
