"""Precision and recall of term recognition on the hand-annotated gold sets.

    python benchmarks/termrec_eval.py            # both sets, with every error listed
    python benchmarks/termrec_eval.py --quiet    # figures only

Reads tests/data/termrec/{ko,en}.txt (format in the README there) and the bundled
glossary/.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sajeon.engine.termrec import Recogniser, TermMatch, fold  # noqa: E402
from sajeon.storage.project import Project  # noqa: E402

DATA = ROOT / "tests" / "data" / "termrec"
_MARK = re.compile(r"\[([^\[\]|]+)\|([^\[\]|]+)\]")


@dataclass
class Gold:
    start: int
    end: int
    concept: str


def parse_line(line: str) -> tuple[str, list[Gold]]:
    """The plain sentence and its marked occurrences."""
    text, gold, last = [], [], 0
    length = 0
    for m in _MARK.finditer(line):
        text.append(line[last : m.start()])
        length += m.start() - last
        gold.append(Gold(length, length + len(m.group(1)), m.group(2)))
        text.append(m.group(1))
        length += len(m.group(1))
        last = m.end()
    text.append(line[last:])
    return "".join(text), gold


def read_set(path: Path) -> list[tuple[int, str, list[Gold]]]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            items.append((number, *parse_line(line)))
    return items


@dataclass
class Score:
    sentences: int = 0
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def naive_find(recogniser: Recogniser, text: str) -> list[TermMatch]:
    """Plain substring matching with the same longest-match resolution and no boundary
    rules: what the rules are measured against (NFC text folds one to one here)."""
    folded, _ = fold(text)
    candidates = [
        (stop + 1 - length, stop + 1, entries)
        for stop, (length, _, entries) in recogniser._occurrences(folded)
        if entries  # not a placeholder key
    ]
    # One-syllable terms are kept out of the automaton; plain matching finds them anywhere.
    candidates += [
        (i, i + 1, entries)
        for i, char in enumerate(folded)
        for entries in [recogniser.syllables.get(char)]
        if entries
    ]
    return recogniser._matches(text, folded, None, recogniser._resolve(candidates))


def evaluate(
    lang: str,
    target: str,
    glossary=None,
    errors: list[str] | None = None,
    naive: bool = False,
) -> Score:
    glossary = glossary if glossary is not None else Project(ROOT).load_glossary()
    recogniser = Recogniser(glossary, lang, target)
    score = Score()
    for number, text, gold in read_set(DATA / f"{lang}.txt"):
        found = naive_find(recogniser, text) if naive else recogniser.find(text)
        score.sentences += 1
        score.gold += len(gold)
        score.predicted += len(found)
        unmatched = list(gold)
        for match in found:
            hit = next(
                (
                    g
                    for g in unmatched
                    if g.concept == match.concept_id and g.start < match.end and match.start < g.end
                ),
                None,
            )
            if hit:
                unmatched.remove(hit)
                score.correct += 1
            elif errors is not None:
                errors.append(f"{lang}.txt:{number}: false: {match.text} → {match.concept_id}")
        if errors is not None:
            for g in unmatched:
                errors.append(f"{lang}.txt:{number}: missed: {text[g.start : g.end]} ({g.concept})")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the figures only")
    args = parser.parse_args()
    glossary = Project(ROOT).load_glossary()
    print(
        f"{'set':<6}{'sentences':>10}{'gold':>6}{'found':>7}{'correct':>9}"
        f"{'precision':>11}{'recall':>8}"
    )
    for lang, target in (("ko", "en"), ("en", "ko")):
        errors: list[str] = []
        s = evaluate(lang, target, glossary, errors)
        print(
            f"{lang:<6}{s.sentences:>10}{s.gold:>6}{s.predicted:>7}{s.correct:>9}"
            f"{s.precision:>10.1%}{s.recall:>8.1%}"
        )
        if not args.quiet:
            for line in errors:
                print("   ", line)
        n = evaluate(lang, target, glossary, naive=True)
        print(
            f"{lang + '*':<6}{n.sentences:>10}{n.gold:>6}{n.predicted:>7}{n.correct:>9}"
            f"{n.precision:>10.1%}{n.recall:>8.1%}"
        )
    print("* plain substring matching, longest match first, no boundary rules (the baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
