"""Writes termbase-a.tbx and termbase-b.tbx with translate-toolkit's TBX writer
(translate.storage.tbx, the one Weblate uses for glossary downloads): two colleagues'
termbases that both number their entries from c1. Run: python make-termbases.py"""

from pathlib import Path

from translate.storage import tbx

HERE = Path(__file__).parent
TERMBASES = {
    "termbase-a.tbx": [
        ("c1", "국가보위성", "Ministry of State Security", "North Korea's secret police."),
        ("c2", "장마당", "market", "Private markets tolerated since the 1990s famine."),
    ],
    "termbase-b.tbx": [
        ("c1", "온성군", "Onsong County", "A county of North Hamgyong Province."),
        ("c2", "회령시", "Hoeryong", "A city on the Tumen River."),
    ],
}

for name, entries in TERMBASES.items():
    store = tbx.tbxfile(sourcelanguage="ko", targetlanguage="en")
    for entry_id, source, target, note in entries:
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setid(entry_id)
        unit.addnote(note, origin="developer")
    (HERE / name).write_bytes(bytes(store))
    print("wrote", name)
