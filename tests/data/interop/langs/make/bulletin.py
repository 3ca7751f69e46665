# A newsroom script whose messages are in Korean (the source language of the desk).
from gettext import gettext as _

print(_("온성군 보위부가 지난달 밀수 혐의로 주민 세 명을 체포했다."))
print(_("국가보위성은 국경 연선의 단속을 한층 강화하라고 지시했다."))
print(_("혜산시 장마당에서 쌀값이 일주일 만에 두 배로 올랐다."))
print(_("사회안전성은 주민들에게 외국 영상물을 신고하라고 요구했다."))
