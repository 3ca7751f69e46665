"""Generated Korean–English newsroom data for benchmarks: segment pairs in the style of
reports on North Korea, and glossary concepts, at any size, reproducibly (seeded).

The sentences are assembled from small hand-written phrase lists (places, state organs,
offences, sources), with the right Korean particle after each noun, so that the index sees
what it sees in real reports: compounds, particles, one- and two-syllable words.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from sajeon.core.model import Concept, Segment, Term

PLACES = [
    ("온성군", "Onsong County"),
    ("회령시", "Hoeryong"),
    ("무산군", "Musan County"),
    ("혜산시", "Hyesan"),
    ("청진시", "Chongjin"),
    ("신의주시", "Sinuiju"),
    ("김책시", "Kimchaek"),
    ("함흥시", "Hamhung"),
    ("평성시", "Pyongsong"),
    ("안주시", "Anju"),
    ("강계시", "Kanggye"),
    ("삼지연시", "Samjiyon"),
    ("양강도", "Ryanggang Province"),
    ("함경북도", "North Hamgyong Province"),
    ("자강도", "Chagang Province"),
    ("평안남도", "South Pyongan Province"),
    ("평양", "Pyongyang"),
    ("남포시", "Nampo"),
    ("개성시", "Kaesong"),
    ("원산시", "Wonsan"),
]
ORGANS = [
    ("보위부", "Ministry of State Security (MSS)"),
    ("국가보위성", "Ministry of State Security"),
    ("안전부", "Ministry of Social Security branch"),
    ("사회안전성", "Ministry of Social Security"),
    ("검찰소", "prosecutors' office"),
    ("인민위원회", "people's committee"),
    ("당위원회", "Party committee"),
    ("국경경비대", "border guards"),
    ("규찰대", "inspection squad"),
    ("인민반", "inminban"),
]
OFFENCES = [
    ("밀수", "smuggling"),
    ("불법 통화", "illegal phone calls"),
    ("한국 영상물 시청", "watching South Korean videos"),
    ("송금 중개", "brokering remittances"),
    ("탈북 방조", "helping defectors"),
    ("마약 거래", "drug dealing"),
    ("외화 환전", "currency exchange"),
    ("무단 이동", "unauthorised travel"),
    ("장마당 무단 장사", "unlicensed market trading"),
    ("국가 재산 절취", "stealing state property"),
    ("뇌물 수수", "taking bribes"),
    ("휴대전화 불법 사용", "illegal mobile phone use"),
]
PEOPLE = [
    ("주민", "residents"),
    ("노동자", "workers"),
    ("대학생", "university students"),
    ("상인", "merchants"),
    ("군인", "soldiers"),
    ("간부", "officials"),
    ("여성", "women"),
    ("운전수", "drivers"),
]
SOURCES = [
    ("소식통", "a source"),
    ("현지 소식통", "a local source"),
    ("내부 소식통", "an inside source"),
    ("대북 소식통", "a source with knowledge of North Korea"),
]


_MONTHS = "January February March April May June July August September October November December"
_MONTHS = _MONTHS.split()


def _has_final(word: str) -> bool:
    """Whether a Korean word ends in a consonant (받침): it decides the particle form."""
    last = word[-1]
    return "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 != 0


def josa(word: str, with_final: str, without_final: str) -> str:
    return word + (with_final if _has_final(word) else without_final)


TEMPLATES = [
    (
        "{place} {organ_subject} 최근 {offence} 혐의로 {people} {n}명을 체포했다.",
        "The {organ_en} in {place_en} recently arrested {n} {people_en} on charges of "
        "{offence_en}.",
    ),
    (
        '{source_subject} "{place}에서 {offence} 단속이 크게 강화됐다"고 말했다.',
        '"The crackdown on {offence_en} has been tightened sharply in {place_en}," '
        "{source_en} said.",
    ),
    (
        "{place} {organ}에서 {people} {n}명이 {offence_object} 이유로 조사를 받고 있다.",
        "{n} {people_en} are being questioned by the {organ_en} in {place_en} over {offence_en}.",
    ),
    (
        "{organ_topic} {month}월부터 {place} 일대에서 {offence} 집중 단속에 나섰다.",
        "The {organ_en} began an intensive crackdown on {offence_en} around {place_en} "
        "in {month_en}.",
    ),
    (
        "{place}의 {people_topic} {offence} 처벌이 두려워 서로를 감시하고 있다고 전했다.",
        "{people_en_cap} in {place_en} are reportedly watching each other for fear of "
        "punishment for {offence_en}.",
    ),
    (
        '{source_subject} 데일리NK에 "{organ_subject} {people} {n}명을 공개 비판했다"고 전했다.',
        '"The {organ_en} publicly criticised {n} {people_en}," {source_en} told Daily NK.',
    ),
    (
        "{place} 장마당에서 쌀값이 {n}% 오르자 {organ_subject} 상인들을 단속했다.",
        "When rice prices rose {n}% at the market in {place_en}, the {organ_en} cracked "
        "down on merchants.",
    ),
    (
        "{organ_topic} {place} 국경 지역에서 {offence} 연루자를 추적하고 있다.",
        "The {organ_en} is tracking people involved in {offence_en} in the border area of "
        "{place_en}.",
    ),
]


def segments(count: int, seed: int = 1) -> Iterator[Segment]:
    """``count`` distinct Korean→English segment pairs, dated over ten years."""
    rng = random.Random(seed)
    start = dt.date(2016, 1, 1)
    seen: set[str] = set()
    while len(seen) < count:
        ko_t, en_t = rng.choice(TEMPLATES)
        place, place_en = rng.choice(PLACES)
        organ, organ_en = rng.choice(ORGANS)
        offence, offence_en = rng.choice(OFFENCES)
        people, people_en = rng.choice(PEOPLE)
        source, source_en = rng.choice(SOURCES)
        n = rng.randint(2, 999)
        month = rng.randint(1, 12)
        ko = ko_t.format(
            place=place,
            organ=organ,
            organ_subject=josa(organ, "이", "가"),
            organ_topic=josa(organ, "은", "는"),
            offence=offence,
            offence_object=josa(offence, "을", "를"),
            people=people,
            people_topic=josa(people, "들은", "들은"),
            source_subject=josa(source, "은", "는"),
            n=n,
            month=month,
        )
        en = en_t.format(
            place_en=place_en,
            organ_en=organ_en,
            offence_en=offence_en,
            people_en=people_en,
            people_en_cap=people_en[:1].upper() + people_en[1:],
            source_en=source_en,
            n=n,
            month_en=_MONTHS[month - 1],
        )
        segment = Segment(
            "ko",
            "en",
            ko,
            en,
            origin=f"bench/{rng.randint(1, count // 8 + 1)}",
            date=(start + dt.timedelta(days=rng.randint(0, 3650))).isoformat(),
            translator=rng.choice(["J. Park", "K. Lee", "S. Kim", "newsdesk"]),
        )
        if segment.key not in seen:
            seen.add(segment.key)
            yield segment


# Syllables for made-up Korean nouns and suffixes that make them look like names of
# places, organs and offices; English names from made-up words of the same kind.
_SYLLABLES = list(
    "가강경고공관국군금기남노단대도동라려룡리마명무문민박보봉북사산상서성소송수순시신안양연영온용원위유은의인자장전정제조종주중지진창천청초충탁탈태통평포풍하학한함해혁호화황회흥"
)
_KO_SUFFIXES = [
    "군",
    "시",
    "구역",
    "부",
    "성",
    "국",
    "위원회",
    "소",
    "대",
    "관리소",
    "공장",
    "역",
    "",
]
_EN_SUFFIXES = [
    "County",
    "City",
    "District",
    "Bureau",
    "Ministry",
    "Office",
    "Committee",
    "Station",
    "Works",
    "Brigade",
    "Unit",
    "Institute",
    "",
]
_EN_SYLLABLES = [
    "kang",
    "song",
    "pyong",
    "chon",
    "ryong",
    "hae",
    "nam",
    "puk",
    "san",
    "ju",
    "won",
    "hung",
    "sin",
    "yang",
    "do",
    "gye",
    "mun",
    "chang",
    "hwa",
    "ok",
]


def concepts(count: int, seed: int = 2) -> Iterator[Concept]:
    """``count`` made-up concepts, each with a preferred Korean and English term, some
    with an admitted or deprecated variant."""
    rng = random.Random(seed)
    seen: set[str] = set()
    domains = ["place", "security", "law", "economy", "military", "party", "administration"]
    i = 0
    while i < count:
        length = rng.choice([1, 2, 2, 3, 3, 4])
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(length))
        k = rng.randrange(len(_KO_SUFFIXES))
        ko = stem + _KO_SUFFIXES[k]
        if len(ko) < 2 or ko in seen:
            continue
        seen.add(ko)
        word = "".join(rng.choice(_EN_SYLLABLES) for _ in range(max(1, length)))
        en = f"{word.capitalize()} {_EN_SUFFIXES[k]}".strip() + f" {i}"
        terms = [Term("ko", ko), Term("en", en)]
        if rng.random() < 0.2:
            terms.append(Term("ko", f"{ko} 지부", status="admitted"))
        if rng.random() < 0.05:
            terms.append(Term("en", f"former {en}", status="deprecated", valid_until="2016"))
        yield Concept(f"bench-{i}", terms, domain=rng.choice(domains))
        i += 1
