"""A Korean article for tests of whole-article input: sentences written for sajeon in the
style of North Korea news reports, each holding terms of the bundled glossary."""

from __future__ import annotations

# Two sentences close to ones in the bundled memory (the fuzzy match finds them), the
# others new.
SENTENCES = [
    "체포된 주민들은 현재 회령시 보위부에서 조사를 받고 있다.",
    "함경북도 온성군 보위부는 지난달 중국산 휴대전화로 외부와 통화한 주민 4명을 긴급 체포했다.",
    "소식통에 따르면 국가보위성은 국경 봉쇄 이후 밀수 단속을 위해 검열 성원들을 혜산시에 보냈다.",
    "양강도 혜산시의 한 돈주는 장마당에서 외화를 바꿔주다가 안전원에게 적발됐다.",
    "도 보위국은 인민반장들에게 탈북민 가족의 동향을 매일 보고하라고 지시했다.",
    "무산군 안전부는 금값이 오르자 귀금속 밀매를 막겠다며 가택수색을 벌였다.",
    "사회안전성은 올해 초부터 증명서 없이 이동하는 주민들을 단속하고 있다고 소식통이 전했다.",
    "청진시 라남구역에서는 공개사상투쟁회의가 열려 조력자로 지목된 사진사가 비판을 받았다.",
    "보위부 간부들은 정보원을 늘려 중간관리자들의 뒷돈 거래까지 감시하는 것으로 알려졌다.",
    "조선중앙통신은 김정은 총비서가 함흥시의 금속제련공장을 현지지도했다고 보도했다.",
    "간첩죄로 기소된 남성은 법원에서 노동교화형 15년을 선고받았다.",
    "국가안전보위부 시절부터 일한 한 보위부 고위간부는 최근 오지로 추방된 것으로 전해졌다.",
    "인민보안성이 사회안전성으로 이름을 바꾼 뒤에도 주민들은 여전히 예전 이름을 쓴다.",
    "김책시의 한 사진관 종업원 2명도 조력자로 몰려 조사를 받고 있다.",
    "각 군에서는 도 당위원회 지시에 따라 인민반 회의를 열고 국경 연선 주민들에게 경고했다.",
    "자강도 만포시 검찰소는 금괴를 몰래 넘기려던 무역 일꾼을 구속했다.",
    "보천군 보천읍 주민들은 활동비용을 마련하라는 간부들의 요구에 불만을 터뜨리고 있다.",
    "국가보위성이 파견한 검열 성원들이 혜산시에 도착했다.",
]
# Each sentence again after a time phrase, so that the article is long and no sentence
# repeats.
OPENERS = ["", "지난 3월 ", "이달 초 ", "최근 "]


def article(min_length: int = 3000) -> str:
    """Paragraphs of four sentences, at least ``min_length`` characters long."""
    sentences = [opener + s for opener in OPENERS for s in SENTENCES]
    paragraphs: list[str] = []
    start = 0
    while len("\n".join(paragraphs)) < min_length:
        four = [sentences[(start + k) % len(sentences)] for k in range(4)]
        paragraphs.append(" ".join(four))
        start += 4
    return "\n".join(paragraphs)
