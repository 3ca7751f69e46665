"""A generator of realistic Korean–English newsroom sentence pairs about North Korea.

Sentences are built from frames (arrest reports, market prices, orders from the centre,
border news, quotes from sources, headlines) whose slots are filled from lists of places,
agencies, people, offences, goods and numbers, with Korean particles chosen by the final
consonant of the word before them. The same seed gives the same corpus, and any size can
be drawn, so benchmarks can grow from 10,000 to 1,000,000 segments; a frame reused with a
few slots changed gives the near-duplicates a real newsroom memory is full of.

All sentences are written for sajeon; none is copied from an article.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

PROVINCES = [
    ("함경북도", "North Hamgyong Province"),
    ("함경남도", "South Hamgyong Province"),
    ("양강도", "Ryanggang Province"),
    ("자강도", "Chagang Province"),
    ("평안북도", "North Pyongan Province"),
    ("평안남도", "South Pyongan Province"),
    ("황해북도", "North Hwanghae Province"),
    ("황해남도", "South Hwanghae Province"),
    ("강원도", "Kangwon Province"),
]
PLACES = [
    ("온성군", "Onsong County"),
    ("회령시", "Hoeryong"),
    ("무산군", "Musan County"),
    ("혜산시", "Hyesan"),
    ("청진시", "Chongjin"),
    ("김책시", "Kimchaek"),
    ("신의주시", "Sinuiju"),
    ("강계시", "Kanggye"),
    ("만포시", "Manpo"),
    ("평성시", "Pyongsong"),
    ("함흥시", "Hamhung"),
    ("해주시", "Haeju"),
    ("사리원시", "Sariwon"),
    ("원산시", "Wonsan"),
    ("삼지연시", "Samjiyon"),
    ("경성군", "Kyongsong County"),
    ("연사군", "Yonsa County"),
    ("보천군", "Pochon County"),
    ("대홍단군", "Taehongdan County"),
    ("은덕군", "Undok County"),
    ("개천시", "Kaechon"),
    ("안주시", "Anju"),
    ("순천시", "Sunchon"),
    ("덕천시", "Tokchon"),
    ("단천시", "Tanchon"),
    ("북청군", "Pukchong County"),
    ("길주군", "Kilju County"),
    ("명천군", "Myongchon County"),
    ("새별군", "Saeppyol County"),
    ("장풍군", "Changpung County"),
    ("곡산군", "Koksan County"),
    ("옹진군", "Ongjin County"),
]
AGENCIES = [
    ("보위부", "the MSS"),
    ("국가보위성", "the Ministry of State Security"),
    ("사회안전성", "the Ministry of Social Security"),
    ("안전부", "the local Ministry of Social Security branch"),
    ("검찰소", "the prosecutor's office"),
    ("국경경비대", "the border guards"),
    ("비사회주의 그루빠", "an anti-socialist inspection team"),
    ("규찰대", "a youth patrol"),
    ("도 보위국", "the provincial MSS bureau"),
    ("군 안전부", "the county Ministry of Social Security branch"),
]
PEOPLE = [
    ("주민", "residents"),
    ("밀수꾼", "smugglers"),
    ("대학생", "university students"),
    ("여성", "women"),
    ("노동자", "workers"),
    ("간부", "officials"),
    ("군인", "soldiers"),
    ("장사꾼", "traders"),
    ("송금 브로커", "remittance brokers"),
    ("중학생", "middle school students"),
    ("농장원", "farm workers"),
    ("교원", "teachers"),
]
OFFENCES = [
    ("중국과 불법 통화를 한", "for making illegal phone calls to China"),
    ("한국 영화를 몰래 시청한", "for secretly watching South Korean films"),
    ("밀수에 가담한", "for taking part in smuggling"),
    ("마약을 거래한", "for dealing in drugs"),
    ("탈북을 시도한", "for attempting to defect"),
    ("외화를 불법으로 환전한", "for illegally exchanging foreign currency"),
    ("휴대전화로 송금을 받은", "for receiving remittances via mobile phone"),
    ("구리를 중국에 팔아넘긴", "for selling copper to China"),
    ("한국 노래를 유포한", "for spreading South Korean songs"),
    ("국가 재산을 빼돌린", "for embezzling state property"),
    ("뇌물을 받고 통행증을 내준", "for issuing travel permits in exchange for bribes"),
    ("장마당에서 금지 품목을 판매한", "for selling banned goods at the market"),
    ("국경 경비대원에게 뇌물을 준", "for bribing border guards"),
    ("성경책을 소지한", "for possessing a Bible"),
]
ARREST_VERBS = [
    ("체포한", "arrested"),
    ("적발한", "caught"),
    ("구류한", "detained"),
    ("단속한", "cracked down on"),
    ("조사 중인", "been investigating"),
    ("처벌한", "punished"),
]
EVIDENTIALS = [
    ("것으로 알려졌다", "has reportedly"),
    ("것으로 전해졌다", "has reportedly"),
    ("것으로 확인됐다", "has been confirmed to have"),
    ("사실이 뒤늦게 알려졌다", "has belatedly been revealed to have"),
]
TIMES = [
    ("최근", "recently", "recently"),
    ("지난달", "last month", "last month"),
    ("이달 초", "earlier this month", "earlier this month"),
    ("지난주", "last week", "last week"),
    ("올해 들어", "since the start of the year", "since the start of the year"),
    ("지난 3월", "in March", "in March"),
    ("지난 겨울", "last winter", "last winter"),
    ("설 명절을 앞두고", "ahead of the Lunar New Year holiday", "ahead of the Lunar New Year"),
]
GOODS = [
    ("쌀", "rice"),
    ("옥수수", "corn"),
    ("밀가루", "wheat flour"),
    ("돼지고기", "pork"),
    ("콩기름", "soybean oil"),
    ("설탕", "sugar"),
    ("휘발유", "gasoline"),
    ("디젤유", "diesel"),
    ("감자", "potatoes"),
    ("달걀", "eggs"),
]
TRENDS = [
    ("올랐다", "rose"),
    ("내렸다", "fell"),
    ("두 배 가까이 뛰었다", "nearly doubled"),
    ("소폭 하락했다", "dipped slightly"),
]
ORDERS = [
    ("외부 정보 유입을 차단하라는", "to block the inflow of outside information"),
    ("국경 경비를 강화하라는", "to tighten border security"),
    ("휴대전화 사용을 전면 단속하라는", "to crack down on all mobile phone use"),
    ("장마당 운영 시간을 줄이라는", "to shorten market opening hours"),
    ("주민 등록 실태를 검열하라는", "to inspect residence registrations"),
    ("농촌 지원 활동에 총동원하라는", "to mobilise fully for farm support work"),
    ("비사회주의 현상을 뿌리 뽑으라는", "to root out non-socialist practices"),
    ("밀수 행위를 엄벌하라는", "to punish smuggling severely"),
    ("한국 말투 사용자를 색출하라는", "to track down people using South Korean speech"),
    ("개인 장사를 통제하라는", "to rein in private trading"),
    ("식량 판매를 국영 상점으로 일원화하라는", "to channel all grain sales through state shops"),
    ("탈북민 가족을 감시하라는", "to keep watch on the families of defectors"),
]
ISSUERS = [
    ("중앙당", "the central Party"),
    ("국가보위성", "the Ministry of State Security"),
    ("사회안전성", "the Ministry of Social Security"),
    ("내각", "the cabinet"),
    ("도당위원회", "the provincial Party committee"),
    ("조선로동당", "the Workers' Party of Korea"),
    ("중앙검찰소", "the Central Public Prosecutors Office"),
    ("최고인민회의", "the Supreme People's Assembly"),
    ("국무위원회", "the State Affairs Commission"),
    ("총정치국", "the General Political Bureau"),
]
QUOTES = [
    (
        "요즘 단속이 심해져 장사를 나가기가 무섭다",
        "The crackdowns have become so harsh that people are afraid to go out and trade",
    ),
    ("돈 없는 사람만 잡혀간다", "Only people without money get taken away"),
    ("국경 쪽은 분위기가 완전히 얼어붙었다", "The mood along the border has completely frozen"),
    ("간부들도 몸을 사리고 있다", "Even officials are keeping their heads down"),
    ("이번에는 그냥 넘어가지 않을 것 같다", "It doesn't look like it will blow over this time"),
    ("주민들 사이에서 불만이 커지고 있다", "Discontent is growing among residents"),
    ("뇌물 액수가 두 배로 뛰었다", "The size of the bribes has doubled"),
    ("밤마다 집집을 뒤지고 다닌다", "They go through houses every night"),
    (
        "쌀값이 너무 올라 하루 두 끼도 어렵다",
        "Rice is so expensive that even two meals a day are hard",
    ),
    ("장마당 단속원들이 물건을 빼앗아 간다", "Market inspectors take people's goods away"),
    ("군인들까지 장사에 나서고 있다", "Even soldiers have taken up trading"),
    ("보위원들이 전화 통화를 다 듣고 있다", "MSS agents are listening to every phone call"),
    ("강을 건너는 사람은 이제 거의 없다", "Hardly anyone crosses the river any more"),
    (
        "학생들까지 동원돼 수업이 멈췄다",
        "Even students have been mobilised, so classes have stopped",
    ),
    ("전기가 하루 두 시간밖에 안 들어온다", "The power is on for only two hours a day"),
    (
        "간부 집에는 한국 물건이 더 많다",
        "Officials' homes have more South Korean goods than anyone's",
    ),
    ("이번 조치로 장사꾼들이 큰 손해를 봤다", "Traders lost heavily because of the measure"),
    ("검열 성원들이 내려와 분위기가 살벌하다", "Inspectors have come down and the mood is grim"),
    (
        "돈주들이 돈을 풀지 않아 시장이 얼었다",
        "The market has frozen because the donju are not spending",
    ),
    ("밀수 길이 막혀 물건 값이 뛰었다", "Prices have jumped because the smuggling routes are shut"),
    ("사람들이 서로를 믿지 못하게 됐다", "People have stopped trusting one another"),
    ("이런 단속은 처음 본다", "I have never seen a crackdown like this"),
    ("연유 값이 한 주 만에 크게 올랐다", "Fuel prices rose sharply in a single week"),
    ("보안원들이 골목마다 지키고 서 있다", "Security officers are standing guard in every alley"),
]
SOURCE_PLACES = PROVINCES + PLACES[:12]
SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류홍리로량전문손배백허남심노하곽성차주우구민"
    "진지엄채원천방공현함변염양변석선설마길연위표명기반왕금옥육인맹제모탁국여어은편용"
    "예경봉사부가복태목형피두감음빈동온호범좌"
)
GIVEN = (
    "철영수민정현성진혁준호광명일남국춘옥순희숙미경자연화란애금은향복덕선혜림설송봉학"
    "룡용석길천만원청"
)
VILLAGE_HEADS = "상하신중남북동서대소구봉송청백금옥용학은천"
VILLAGE_TAILS = ["리", "동", "로동자구", "협동농장"]
JOBS = [
    ("농장원", "farm worker"),
    ("광부", "miner"),
    ("교원", "teacher"),
    ("운전수", "driver"),
    ("장사꾼", "trader"),
    ("의사", "doctor"),
    ("노동자", "worker"),
    ("대학생", "university student"),
    ("가두여성", "housewife"),
    ("제대군인", "discharged soldier"),
    ("열차 승무원", "train crew member"),
    ("인민반장", "inminban head"),
    ("당 세포비서", "Party cell secretary"),
    ("기업소 지배인", "enterprise manager"),
    ("수매원", "procurement agent"),
]
CONTEXTS = [
    ("국경 봉쇄가 장기화되면서", "With the border closure dragging on,"),
    ("식량 사정이 나빠지자", "As the food situation worsened,"),
    ("당국의 단속이 강화된 가운데", "Amid tighter crackdowns by the authorities,"),
    ("춘궁기를 앞두고", "Ahead of the lean spring season,"),
    ("중국과의 무역이 재개된 이후", "Since trade with China resumed,"),
    ("전력난이 심해지면서", "As power shortages deepened,"),
    ("김정은의 지시가 내려온 뒤", "After an order came down from Kim Jong Un,"),
    ("검열 기간이 끝나자마자", "As soon as the inspection period ended,"),
    ("장마당 통제가 심해지자", "As controls on the markets tightened,"),
    ("코로나 방역을 구실로", "Using COVID-19 prevention as a pretext,"),
]
STORY_ACTS = [
    (
        "중국 손전화로 한국에 있는 딸과 통화하다",
        "was caught talking to her daughter in South Korea on a Chinese phone",
    ),
    ("장마당에서 한국산 화장품을 팔다", "was caught selling South Korean cosmetics at the market"),
    ("밤에 몰래 강을 건너려다", "was caught trying to cross the river at night"),
    ("집에서 한국 드라마를 보다", "was caught watching a South Korean drama at home"),
    ("뇌물을 주고 출장증명서를 받으려다", "was caught trying to buy a travel pass with a bribe"),
    ("국가 소유 목재를 팔아넘기다", "was caught selling off state-owned timber"),
    ("외화로 쌀을 사들이다", "was caught buying rice with foreign currency"),
    ("마약을 팔다", "was caught selling drugs"),
    ("탈북한 가족에게서 돈을 받다", "was caught receiving money from relatives who had defected"),
    ("불법으로 휴대전화를 개조하다", "was caught illegally modifying mobile phones"),
]
OUTCOMES = [
    ("노동단련대 6개월 처벌을 받았다", "was sentenced to six months in a labor training camp"),
    ("교화소로 보내졌다", "was sent to a re-education camp"),
    ("온 가족과 함께 오지로 추방됐다", "was banished to a remote area with the whole family"),
    ("벌금을 물고 풀려났다", "was fined and released"),
    ("공개재판에 넘겨졌다", "was put on public trial"),
    ("보위부에 끌려가 아직 돌아오지 못했다", "was taken away by the MSS and has not returned"),
    ("뇌물을 주고 겨우 풀려났다", "managed to get released after paying a bribe"),
    ("직장에서 해임됐다", "was dismissed from work"),
]


def _has_final(word: str) -> bool:
    for ch in reversed(word):
        if "가" <= ch <= "힣":
            return (ord(ch) - 0xAC00) % 28 != 0
        if ch.isdigit():
            return ch in "013678"
    return False


def josa(word: str, with_final: str, without_final: str) -> str:
    return word + (with_final if _has_final(word) else without_final)


def _ro(word: str) -> str:
    last = word[-1]
    if "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 == 8:  # ㄹ takes 로
        return word + "로"
    return josa(word, "으로", "로")


NUMBER_WORDS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def _number(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def person(r: random.Random) -> tuple[str, str]:
    surname = r.choice(SURNAMES)
    given = r.choice(GIVEN) + r.choice(GIVEN)
    return surname + given, f"{surname}{given} (name withheld)"


def village(r: random.Random) -> tuple[str, str]:
    name = r.choice(VILLAGE_HEADS) + r.choice(VILLAGE_HEADS) + r.choice(VILLAGE_TAILS)
    return name, f"the village of {name}"


WHEN = [
    ("새벽에", "at dawn"),
    ("대낮에", "in broad daylight"),
    ("퇴근길에", "on the way home from work"),
    ("명절 연휴에", "during the holiday"),
    ("장마당 단속 기간에", "during a market crackdown"),
    ("밤늦게", "late at night"),
    ("출근 직전에", "just before work"),
    ("이웃의 신고로", "after a neighbour reported it"),
    ("잠복근무 중이던 보위원에게", "by an MSS agent lying in wait"),
    ("불시 가택수색에서", "in a surprise house search"),
]


def _date(r: random.Random) -> tuple[str, str]:
    month, day = r.randint(1, 12), r.randint(1, 28)
    months = "January February March April May June July August September October November December"
    return f"지난 {month}월 {day}일", f"on {months.split()[month - 1]} {day}"


def _story(r: random.Random) -> tuple[str, str]:
    place_ko, place_en = r.choice(PLACES)
    village_ko, village_en = village(r)
    name_ko, name_en = person(r)
    job_ko, job_en = r.choice(JOBS)
    act_ko, act_en = r.choice(STORY_ACTS)
    outcome_ko, outcome_en = r.choice(OUTCOMES)
    when_ko, when_en = r.choice(WHEN)
    date_ko, date_en = _date(r)
    age = r.choice([20, 30, 40, 50, 60])
    ko = (
        f"{place_ko} {village_ko}에 사는 {age}대 {job_ko} {name_ko} 씨는 {date_ko} {when_ko} "
        f"{act_ko} 적발돼 {outcome_ko}."
    )
    en = (
        f"{name_en}, a {job_en} in their {age}s from {village_en} in {place_en}, {act_en} "
        f"{when_en} {date_en} and {outcome_en}."
    )
    return ko, en


def _with_context(frame):
    def framed(r: random.Random) -> tuple[str, str]:
        ko, en = frame(r)
        if r.random() < 0.4:
            context_ko, context_en = r.choice(CONTEXTS)
            ko = f"{context_ko} {ko}"
            en = f"{context_en} {en[0].lower()}{en[1:]}"
        return ko, en

    return framed


def _arrest(r: random.Random) -> tuple[str, str]:
    time_ko, time_en, _ = r.choice(TIMES)
    prov_ko, prov_en = r.choice(PROVINCES)
    place_ko, place_en = r.choice(PLACES)
    agency_ko, agency_en = r.choice(AGENCIES)
    people_ko, people_en = r.choice(PEOPLE)
    offence_ko, offence_en = r.choice(OFFENCES)
    verb_ko, verb_en = r.choice(ARREST_VERBS)
    evid_ko, evid_en = r.choice(EVIDENTIALS)
    n = r.randint(2, 40)
    if r.random() < 0.5:
        time_ko, time_en = _date(r)
    ko = (
        f"{time_ko} {prov_ko} {place_ko} {josa(agency_ko, '이', '가')} {offence_ko} "
        f"{people_ko} {n}명을 {verb_ko} {evid_ko}."
    )
    en = (
        f"{_cap(agency_en)} in {place_en}, {prov_en}, {evid_en} {verb_en} {_number(n)} "
        f"{people_en} {offence_en} {time_en}."
    )
    return ko, en


def _interrogation(r: random.Random) -> tuple[str, str]:
    place_ko, place_en = r.choice(PLACES)
    agency_ko, agency_en = r.choice(AGENCIES)
    people_ko, people_en = r.choice(PEOPLE)
    verb = r.choice(
        [
            ("조사를 받고 있다", "being interrogated by"),
            ("구금돼 있다", "being held by"),
            ("재판을 기다리고 있다", "awaiting trial after being arrested by"),
        ]
    )
    offence_ko, offence_en = r.choice(OFFENCES)
    n = r.randint(2, 40)
    ko = (
        f"{offence_ko} 혐의로 체포된 {people_ko} {n}명은 현재 {place_ko} {agency_ko}에서 {verb[0]}."
    )
    en = (
        f"The {_number(n)} {people_en} arrested {offence_en} are currently {verb[1]} "
        f"{agency_en} in {place_en}."
    )
    return ko, en


def _prices(r: random.Random) -> tuple[str, str]:
    place_ko, place_en = r.choice(PLACES)
    good_ko, good_en = r.choice(GOODS)
    trend_ko, trend_en = r.choice(TRENDS)
    price = r.randrange(1000, 60000, 100)
    pct = r.randint(3, 45)
    period = r.choice(
        [("한 달 새", "in a month"), ("일주일 새", "in a week"), ("보름 새", "in two weeks")]
    )
    ko = (
        f"데일리NK가 조사한 결과 {place_ko} 장마당의 {good_ko} 1kg 가격은 {price:,}원으로 "
        f"{period[0]} {pct}% {trend_ko}."
    )
    en = (
        f"According to a Daily NK survey, the price of 1kg of {good_en} at a market in "
        f"{place_en} {trend_en} {pct}% {period[1]} to {price:,} won."
    )
    return ko, en


def _order(r: random.Random) -> tuple[str, str]:
    issuer_ko, issuer_en = r.choice(ISSUERS)
    order_ko, order_en = r.choice(ORDERS)
    time_ko, time_en, _ = r.choice(TIMES)
    target = r.choice(
        [
            ("각 도 보위국에", "provincial MSS bureaus"),
            ("국경 지역 안전부들에", "social security branches in the border areas"),
            ("모든 기관 기업소에", "all institutions and enterprises"),
            ("각 인민반에", "every inminban"),
            ("지방 당위원회들에", "local Party committees"),
        ]
    )
    ko = f"{josa(issuer_ko, '은', '는')} {time_ko} {target[0]} {order_ko} 지시를 내렸다."
    en = f"{_cap(issuer_en)} {time_en} ordered {target[1]} {order_en}."
    return ko, en


def _quote(r: random.Random) -> tuple[str, str]:
    quote_ko, quote_en = r.choice(QUOTES)
    if r.random() < 0.6:
        # Quotes are rarely word for word the same: add who is affected and since when.
        people_ko, people_en = r.choice(PEOPLE)
        date_ko, date_en = _date(r)
        quote_ko = f"{date_ko} 이후로 {people_ko}들 사이에서는 {quote_ko}"
        since = date_en.removeprefix("on ")
        quote_en = f"Since {since}, among {people_en}: {quote_en[0].lower()}{quote_en[1:]}"
    where_ko, where_en = r.choice(SOURCE_PLACES)
    verb = r.choice([("말했다", "told"), ("전했다", "told"), ("밝혔다", "told")])
    time_ko, time_en, _ = r.choice(TIMES)
    if r.random() < 0.5:
        ko = f'데일리NK {where_ko} 소식통은 "{quote_ko}"고 {verb[0]}.'
        en = f'"{quote_en}," a source in {where_en} {verb[1]} Daily NK.'
    else:
        ko = f'{where_ko}의 한 소식통은 {time_ko} 데일리NK와의 통화에서 "{quote_ko}"고 {verb[0]}.'
        en = f'"{quote_en}," a source in {where_en} told Daily NK by phone {time_en}.'
    return ko, en


def _border(r: random.Random) -> tuple[str, str]:
    place_ko, place_en = r.choice(PLACES)
    what = r.choice(
        [
            ("새로운 철조망이 설치된", "new barbed-wire fences have been put up"),
            ("감시 카메라가 추가로 설치된", "more surveillance cameras have been installed"),
            ("경비 초소가 늘어난", "the number of guard posts has increased"),
            ("야간 순찰이 강화된", "night patrols have been stepped up"),
            ("전파 탐지기가 배치된", "signal detectors have been deployed"),
            ("강변 접근이 전면 금지된", "all access to the riverbank has been banned"),
            ("경비대원들이 교체된", "the border guard units have been replaced"),
            ("지뢰가 새로 매설된", "new landmines have been laid"),
            ("고압선이 다시 가동된", "the high-voltage fence has been switched back on"),
        ]
    )
    time_ko, time_en, _ = r.choice(TIMES)
    prov_ko, prov_en = r.choice(PROVINCES)
    ko = f"{time_ko} {prov_ko} {place_ko} 일대의 국경 지역에 {what[0]} 것으로 확인됐다."
    en = (
        f"It has been confirmed that {what[1]} in the border area around {place_en}, "
        f"{prov_en}, {time_en}."
    )
    return ko, en


def _headline(r: random.Random) -> tuple[str, str]:
    place_ko, place_en = r.choice(PLACES)
    agency_ko, agency_en = r.choice(AGENCIES)
    people_ko, people_en = r.choice(PEOPLE)
    n = r.randint(2, 30)
    ko = f"{place_ko} {agency_ko}, {people_ko} {n}명 체포"
    en = f"{_cap(agency_en)} in {place_en} arrests {_number(n)} {people_en}"
    return ko, en


def _short(r: random.Random) -> tuple[str, str]:
    return r.choice(
        [
            ("소식통은 이렇게 말했다.", "the source said."),
            ("자세한 내용은 확인되지 않았다.", "Details have not been confirmed."),
            ("당국은 이를 부인했다.", "The authorities denied it."),
            ("주민들의 반응은 엇갈렸다.", "Residents' reactions were mixed."),
            (
                "단속은 이달 말까지 계속된다.",
                "The crackdown will continue until the end of the month.",
            ),
            (f"{r.choice(PLACES)[0]}도 예외는 아니다.", "No place is an exception."),
        ]
    )


def _fine(r: random.Random) -> tuple[str, str]:
    people_ko, people_en = r.choice(PEOPLE)
    offence_ko, offence_en = r.choice(OFFENCES)
    amount = r.randrange(50, 3000, 50)
    years = r.randint(1, 15)
    ko = (
        f"{offence_ko} {people_ko}에게는 {years}년의 노동교화형 또는 "
        f"중국 돈 {amount}위안의 벌금이 부과될 수 있다."
    )
    en = (
        f"{_cap(people_en)} found guilty {offence_en.removeprefix('for ')} could face {years} "
        f"years of correctional labor or a fine of {amount} yuan."
    )
    return ko, en


FRAMES = [
    (_with_context(_arrest), 4),
    (_interrogation, 2),
    (_prices, 2),
    (_with_context(_order), 1),
    (_quote, 2),
    (_with_context(_border), 1),
    (_headline, 2),
    (_fine, 2),
    (_with_context(_story), 6),
]
REVISION_SHARE = 0.1  # pairs that are an edited copy of a recent pair: the near-duplicates


def pairs(count: int, seed: int = 5) -> Iterator[tuple[str, str]]:
    """``count`` (Korean, English) pairs; the same seed always gives the same pairs."""
    r = random.Random(seed)
    frames = [f for f, weight in FRAMES for _ in range(weight)]
    recent: list[tuple[str, str]] = []
    for _ in range(count):
        if recent and r.random() < REVISION_SHARE:
            ko, en = r.choice(recent)
            pair = (revise(ko, r), en)
        else:
            pair = r.choice(frames)(r)
            recent.append(pair)
            if len(recent) > 200:
                recent.pop(0)
        yield pair


def revise(text: str, r: random.Random) -> str:
    """An edited copy of a sentence: a number, a name or a word changed, as when a story
    is updated."""
    words = text.split(" ")
    for _ in range(r.randint(1, 2)):
        i = r.randrange(len(words))
        word = words[i]
        digits = "".join(ch for ch in word if ch.isdigit())
        if digits:
            words[i] = word.replace(digits, str(r.randint(2, 90)), 1)
        elif r.random() < 0.5:
            words[i] = r.choice(PLACES)[0]
        else:
            words[i] = person(r)[0] + word[-1:]
    return " ".join(words)


def perturb(text: str, r: random.Random, edits: int) -> str:
    """``text`` with ``edits`` random character edits (a translator's new sentence that is
    close to one in the memory)."""
    chars = list(text)
    alphabet = "가나다라마바사아자차카타파하국보위안전성군시도의에서는을를이가 0123456789"
    for _ in range(edits):
        op = r.random()
        i = r.randrange(len(chars) + 1) if chars else 0
        if op < 0.4 and chars:
            chars[min(i, len(chars) - 1)] = r.choice(alphabet)
        elif op < 0.7 or not chars:
            chars.insert(i, r.choice(alphabet))
        else:
            del chars[min(i, len(chars) - 1)]
    return "".join(chars)
