"""A newsroom tool that prints a Korean report on Onsong County (gettext-ready)."""

from gettext import gettext as _
from gettext import ngettext, pgettext


def report(arrested: int) -> list[str]:
    return [
        pgettext("headline", "온성군 소식"),
        # TRANSLATORS: 국가보위성 is the Ministry of State Security (MSS).
        _("<b>국가보위성</b>은 온성군에서 주민 5명을 체포했다."),
        ngettext("주민 %d명이 체포됐다.", "주민 %d명이 체포됐다.", arrested) % arrested,
        _("두만강 연선에는 새 철조망과 감시초소가 설치됐다."),
        _("사회안전성 관계자는 국경 경비가 강화됐다고 말했다."),
        _("회령시에서도 비슷한 단속이 벌어졌다."),
    ]
