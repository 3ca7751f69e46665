"""How often each English matching rule fires, and how often it is wrong; how often the
misspelling check would flag a real name.

    python benchmarks/english_rules.py            # the figures of docs/engine.md
    python benchmarks/english_rules.py --list     # also every firing not confirmed

1. Bitexts (memory/ko-en.tsv, tests/data/qa/clean.tsv and injected.tsv): every English
   term found in a target, by the rules it took (engine/english.py: ``rules_fired``). A
   firing is *confirmed* when the Korean source names the same concept; the others are
   listed with --list and judged by hand (docs/engine.md gives the verdicts).
2. Generated English term lists: every English glossary term, varied by one rule (the
   other number of its last word, upper case, hyphens for spaces, curly apostrophes, an
   inserted "(X)" bracket, the reordering); *missed* when the variant is not found as its
   concept, *wrong* when its longest match is another concept's term.
3. Misspellings: each approved English place name checked against every other approved
   term of the same length in words (how many would be flagged if the guard did not know
   them as terms), and ``sajeon check`` on the clean bitexts (every misspelt finding there
   is a false alarm); and one swap of two letters in each place name (found or not).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from sajeon.engine import english  # noqa: E402
from sajeon.engine.qa import Checker, Unit  # noqa: E402
from sajeon.engine.termrec import Recogniser, fold, is_acronym  # noqa: E402
from sajeon.storage.project import Project  # noqa: E402

# Correct translations only: the injected errors are wrong renderings on purpose.
BITEXTS = (ROOT / "memory" / "ko-en.tsv", ROOT / "tests" / "data" / "qa" / "clean.tsv")


def bitext_rules(concepts, listing: bool) -> tuple[Counter, Counter, list[str]]:
    source = Recogniser(concepts, "ko", "en")
    target = Recogniser(concepts, "en", "ko")
    fired: Counter = Counter()
    unconfirmed: Counter = Counter()
    notes = []
    for path in BITEXTS:
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        for row in rows:
            said = {
                c.id for _, _, s in source.find_senses(row["ko"], overlapping=True) for c, _ in s
            }
            for written, term, concept_ids, rules in _firings(target, row["en"]):
                for rule in rules or {"(none)"}:
                    fired[rule] += 1
                    if not said & set(concept_ids):
                        unconfirmed[rule] += 1
                if rules and not said & set(concept_ids) and listing:
                    notes.append(f"{path.name}: {sorted(rules)} {written!r} as {term!r}")
    return fired, unconfirmed, notes


def _firings(recogniser: Recogniser, text: str):
    folded, positions = fold(text)
    # the longest matches, as the check reads a target
    chosen = {(s, e) for s, e, _ in recogniser.find_senses(text)}
    for start, end, key, skipped in recogniser.english.find(folded):
        entries = recogniser.english.keys[key]
        s = positions[start] if positions else start
        e = positions[end - 1] + 1 if positions else end
        written = text[s:e]
        if (s, e) not in chosen:
            continue
        if entries[0].acronym and written != entries[0].term.text:
            continue
        reordered = key in recogniser.english.reordered
        rules = english.rules_fired(written, entries[0].term.text, reordered, skipped)
        yield written, entries[0].term.text, [x.concept.id for x in entries], rules


def variants(term: str) -> dict[str, str]:
    """The term varied by one rule each."""
    words = term.split(" ")
    out = {}
    last = words[-1]
    if last.isalpha() and not is_acronym(term):
        singular = english._ENGINE.singular_noun(last)
        other = singular or english._ENGINE.plural_noun(last)
        if other and other != last:
            out["inflection"] = " ".join([*words[:-1], other])
    if term.upper() != term:
        out["case"] = term.upper()
    if len(words) > 1:
        out["hyphen"] = "-".join(words)
    if "'" in term:
        out["apostrophe"] = term.replace("'", "’")
    if len(words) > 1 and "(" not in term:
        out["bracket"] = " ".join([*words[:-1], "(X)", words[-1]])
    folded = " ".join(fold(term)[0].split())
    for key, reordered in english.term_keys(folded, common=term.islower()):
        if reordered:
            out["reorder"] = " ".join(key).replace(" 's", "'s")
            break
    return out


def generated_rules(concepts) -> tuple[Counter, Counter, Counter, list[str]]:
    target = Recogniser(concepts, "en", "ko")
    tried: Counter = Counter()
    missed: Counter = Counter()
    wrong: Counter = Counter()
    notes = []
    for concept in concepts:
        for term in concept.terms_in("en"):
            for rule, text in variants(term.text).items():
                tried[rule] += 1
                spans = target.find_senses(f"They said {text} today.")
                ids = {c.id for _, _, s in spans for c, _ in s}
                if concept.id not in ids:
                    missed[rule] += 1
                    notes.append(f"missed {rule}: {text!r} ({concept.id})")
                longest = max(spans, key=lambda s: s[1] - s[0], default=None)
                if longest and concept.id not in {c.id for c, _ in longest[2]}:
                    wrong[rule] += 1
                    notes.append(f"wrong {rule}: {text!r} found as {longest[2][0][0].id}")
    return tried, missed, wrong, notes


def misspellings(concepts) -> tuple[dict, list[str]]:
    places = [
        (c.id, t.text)
        for c in concepts
        if c.domain == "place"
        for t in c.terms_in("en")
        if t.approved and not is_acronym(t.text)
    ]
    approved = [
        (c.id, t.text)
        for c in concepts
        for t in c.terms_in("en")
        if t.approved and not is_acronym(t.text)
    ]
    notes = []
    near = 0
    for pid, place in places:
        folded = " ".join(fold(place)[0].split())
        for cid, other in approved:
            if cid == pid:
                continue
            key = english.words_of(" ".join(fold(other)[0].split()))
            for _, _, distance in english.near_misses(folded, key, []):
                near += 1
                notes.append(f"near: {place!r} is {distance} edit(s) from {other!r}")
                break
    checker = Checker(concepts)
    segments = alarms = 0
    for path in BITEXTS:
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                segments += 1
                for issue in checker.check(Unit(path.name, None, None, row["ko"], row["en"])):
                    if issue.kind == "misspelt":
                        alarms += 1
                        notes.append(f"false alarm: {issue.message}")
    typos = found = 0
    by_id = {c.id: c for c in concepts}
    for pid, place in places:
        ko = [t.text for t in by_id[pid].terms_in("ko")]
        first = place.split(" ")[0]
        if not ko or len(first) < 5:
            continue
        typo = first[:2] + first[3] + first[2] + first[4:] + place[len(first) :]
        if english.max_typos(tuple(fold(place)[0].split())) == 0:
            continue
        typos += 1
        kinds = [i.kind for i in checker.check(Unit("t", None, None, ko[0], f"In {typo}."))]
        found += "misspelt" in kinds
        if "misspelt" not in kinds:
            notes.append(f"typo not found: {typo!r} for {place!r}: {kinds}")
    figures = {
        "place names": len(places),
        "approved terms": len(approved),
        "place name within reach of another term": near,
        "clean segments checked": segments,
        "misspelt false alarms": alarms,
        "one-swap typos": typos,
        "typos found as misspelt": found,
    }
    return figures, notes


def library_merges(concepts) -> dict[str, list[list[str]]]:
    """Words that each candidate library reduces to the same form as a word of an English
    term (run for the libraries installed: snowballstemmer and simplemma are not
    dependencies; ``pip install snowballstemmer simplemma`` to compare)."""
    vocabulary = {w.casefold() for c in concepts for t in c.terms_in("en") for w in _words(t.text)}
    terms = set(vocabulary)
    for path in BITEXTS:
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                vocabulary |= {w.casefold() for w in _words(row["en"])}
    libraries = {"inflect": lambda w: english._ENGINE.singular_noun(w) or w}
    try:
        import snowballstemmer

        libraries["snowballstemmer"] = snowballstemmer.stemmer("english").stemWord
    except ImportError:
        pass
    try:
        import simplemma

        libraries["simplemma"] = lambda w: simplemma.lemmatize(w, lang="en").casefold()
    except ImportError:
        pass
    merges = {}
    for name, reduce in libraries.items():
        groups: dict[str, set[str]] = {}
        for word in vocabulary:
            groups.setdefault(reduce(word), set()).add(word)
        merges[name] = sorted(sorted(g) for g in groups.values() if len(g) > 1 and g & terms)
    return merges


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list every doubtful case")
    args = parser.parse_args()
    concepts = Project(ROOT).load_glossary()
    fired, unconfirmed, notes = bitext_rules(concepts, args.list)
    print("bitexts: firings by rule (not confirmed by the Korean source)")
    for rule in (*english.RULES, "(none)"):
        print(f"  {rule:12} {fired[rule]:5}  ({unconfirmed[rule]})")
    tried, missed, wrong, gen_notes = generated_rules(concepts)
    print("generated term variants: tried / missed / wrong")
    for rule in english.RULES:
        if tried[rule]:
            print(f"  {rule:12} {tried[rule]:5} {missed[rule]:5} {wrong[rule]:5}")
    print("words merged with a term word, by library (judge which are not the same word)")
    for name, groups in library_merges(concepts).items():
        print(f"  {name:16} {len(groups):3}  " + "; ".join("/".join(g) for g in groups))
    figures, spell_notes = misspellings(concepts)
    print("misspellings")
    for name, value in figures.items():
        print(f"  {name}: {value}")
    if args.list:
        for note in notes + gen_notes + spell_notes:
            print("   ", note)


if __name__ == "__main__":
    main()
