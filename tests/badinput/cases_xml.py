"""XML attacks, refused before any parser sees them (issue 9), at every door that reads
XML: import and extract (TBX and TMX) and check (TMX)."""

from __future__ import annotations

from collections.abc import Iterator

from . import Case

ATTACKS = {
    "billion laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY lol "lol">'
        '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<{root}/>\n',
        r"declares entities \(lol, lol1\)",
    ),
    "external entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY secret SYSTEM '
        '"file:///etc/hostname">]>\n<{root}/>\n',
        r"declares entities \(secret\)",
    ),
    "parameter entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY % 보위 SYSTEM '
        '"file:///etc/passwd"> %보위;]>\n<{root}/>\n',
        r"declares entities",
    ),
    "remote DTD": (
        '<?xml version="1.0"?>\n<!DOCTYPE {root} SYSTEM "http://127.0.0.1:9/x.dtd">\n<{root}/>\n',
        r"points at a DTD on the network",
    ),
}


def cases() -> Iterator[Case]:
    for suffix, root in (("tbx", "martif"), ("tmx", "tmx")):
        for name, (template, message) in ATTACKS.items():
            data = template.replace("{root}", root).encode("utf-8")
            file = f"attack.{suffix}"
            commands = ["import", "extract"] + (["check"] if suffix == "tmx" else [])
            for argv in ((command, file) for command in commands):
                yield Case(
                    f"{argv[0]} {suffix} {name}",
                    argv,
                    "xml",
                    message=message,
                    files={file: data},
                )
