"""What a translator does to msginit's en_US.po in a text editor: fill in three msgstrs
(msginit copied each Korean msgid into its msgstr, as it does for English) and the
Last-Translator; the fourth entry is left as msginit made it."""

import sys
from pathlib import Path

path = Path(sys.argv[1])
text = path.read_text(encoding="utf-8")
translations = {
    "온성군 보위부가 지난달 밀수 혐의로 주민 세 명을 체포했다.": (
        "The Onsong County MSS office arrested three residents on smuggling charges last month."
    ),
    "국가보위성은 국경 연선의 단속을 한층 강화하라고 지시했다.": (
        "The Ministry of State Security ordered a further tightening of crackdowns along the "
        "border."
    ),
    "혜산시 장마당에서 쌀값이 일주일 만에 두 배로 올랐다.": (
        "Rice prices in the Hyesan market doubled in a week."
    ),
}
for ko, en in translations.items():
    text = text.replace(f'msgid "{ko}"\nmsgstr "{ko}"', f'msgid "{ko}"\nmsgstr "{en}"')
text = text.replace(
    '"Last-Translator: Automatically generated\\n"',
    '"Last-Translator: Kim Min-ji <desk@example.org>\\n"',
)
path.write_text(text, encoding="utf-8")
