"""Evaluation of `sajeon extract` (issue 13): a copy of the bundled project with 20 glossary
concepts held back, and an evaluation memory written for sajeon (its own sentences, in the
style of North Korea news reports) that uses those terms, names not in the glossary and
names that are. Prints the precision of the top 50 candidates, judged by the gold list
below (every real term of the memory that is not in the reduced glossary), and the share
of held-back terms rediscovered with the glossary's English. Targets: ≥ 80%, ≥ 70%.

County names below are real North Korean counties (facts; spellings as in the English
Wikipedia's lists of counties of North Korea)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from sajeon import app
from sajeon.storage.sourcefiles import format_glossary, read_glossary

ROOT = Path(__file__).resolve().parent.parent
HELD_BACK = tuple(
    """무산군 회령시 김책시 해주시 함흥시 강계시 만포시
    평성시 개천시 희천시 황주군 봉산군 곡산군 신계군
    청암구역 포항구역 송평구역 청림리 호산리 정찰총국""".split()  # noqa: SIM905
)
NEW = {  # not in the glossary: Korean → English
    "새별군": "Saebyol County", "경원군": "Kyongwon County", "부령군": "Puryong County",
    "어랑군": "Orang County", "명천군": "Myongchon County", "길주군": "Kilju County",
    "화대군": "Hwadae County", "경성군": "Kyongsong County", "연사군": "Yonsa County",
    "삼수군": "Samsu County", "갑산군": "Kapsan County", "운흥군": "Unhung County",
    "풍서군": "Pungso County", "백암군": "Paegam County", "고건원로동자구": "Kogonwon",
}  # fmt: skip
TEMPLATES = (
    (
        "{ko}에서 주민 3명이 밀무역 혐의로 체포됐다.",
        "Three residents were arrested for smuggling in {en}.",
    ),
    (
        "소식통은 {ko} 일대의 장마당 쌀값이 올랐다고 전했다.",
        "A source said rice prices at markets in the {en} area had risen.",
    ),
    (
        "당국은 최근 {ko}에 검열단을 파견했다.",
        "The authorities recently sent an inspection team to {en}.",
    ),
    (
        "{ko} 간부들은 국경 경비를 강화하라는 지시를 받았다.",
        "Officials in {en} were ordered to tighten border security.",
    ),
)
KNOWN = ("온성군", "Onsong County"), ("혜산시", "Hyesan")  # glossary names, mixed in


def english_of(concepts, korean: str) -> tuple[str, str]:
    for c in concepts:
        if any(t.lang == "ko" and t.text == korean for t in c.terms):
            en = next(t.text for t in c.terms if t.lang == "en" and t.status == "preferred")
            return c.id, en
    raise SystemExit(f"{korean} is not in the bundled glossary")


def memory(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    rows = []
    for n, (ko, en) in enumerate(pairs):
        for k in (n, n + 1):  # each name in two sentences
            src, tgt = TEMPLATES[k % len(TEMPLATES)]
            rows.append((src.format(ko=ko), tgt.format(en=en)))
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "glossary", root / "glossary")
        (root / "memory").mkdir()
        concepts = read_glossary(root / "glossary")
        held = dict(
            english_of(concepts, k)[::-1] and (k, english_of(concepts, k)[1]) for k in HELD_BACK
        )
        ids = {english_of(concepts, k)[0] for k in HELD_BACK}
        kept = [c for c in concepts if c.id not in ids]
        text_c, text_t = format_glossary(kept)
        (root / "glossary" / "concepts.tsv").write_text(text_c, "utf-8")
        (root / "glossary" / "terms.tsv").write_text(text_t, "utf-8")
        rows = memory([*held.items(), *NEW.items(), *KNOWN])
        lines = ["ko\ten\torigin\tdate\ttranslator\tnote"]
        lines += [f"{s}\t{t}\teval/{n}\t2025-01-01\teval\t" for n, (s, t) in enumerate(rows, 1)]
        (root / "memory" / "ko-en.tsv").write_text("\n".join(lines) + "\n", "utf-8")
        result = app.extract_terms(root)
    gold = {**held, **NEW}
    top = result.candidates[:50]
    right = [c for c in top if c.term in gold]
    found = {c.term: c.english for c in result.candidates}
    rediscovered = [k for k, en in held.items() if found.get(k, "").casefold() == en.casefold()]
    print(f"memory: {len(rows)} segment pairs; {len(result.candidates)} candidates")
    print("| measure | value | target |\n|---|---:|---:|")
    share = f"{len(right) / len(top):.1%} ({len(right)}/{len(top)})"
    print(f"| top-{len(top)} precision | {share} | ≥ 80% |")
    share = f"{len(rediscovered) / len(held):.1%} ({len(rediscovered)}/{len(held)})"
    print(f"| held-back terms rediscovered with the right English | {share} | ≥ 70% |")
    for k, en in held.items():
        if k not in rediscovered:
            print(f"  missed: {k} → {en} (got {found.get(k, '—')})")
    for c in top:
        if c.term not in gold:
            print(f"  not a term: {c.term} → {c.english}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
