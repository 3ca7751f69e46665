"""Memory files only where the build reads them (issue 15, bullet 3): every command that
writes a memory file (``segment add``, ``import`` and ``align --import``, with ``--file``)
refuses a path outside ``memory/**/*.tsv`` as a bad option, before anything is read or
written. (A link out of the project cannot be made by a case's files; tests/test_paths.py
tries it.)"""

from __future__ import annotations

from collections.abc import Iterator

from . import Case
from .cases_po import GOOD

OUTSIDE = r"outside memory/; memory files are memory/\*\*/\*\.tsv inside the project"
NOT_TSV = r"not a \.tsv file; memory files are memory/\*\*/\*\.tsv"

# path → what the error says
PATHS = {
    "/sajeon-elsewhere/ko-en.tsv": OUTSIDE,
    "memory/../../x.tsv": OUTSIDE,
    "memory/../x.tsv": OUTSIDE,
    "memory/sub/../../x.tsv": OUTSIDE,
    "memory/../glossary/terms.tsv": OUTSIDE,
    "glossary/terms.tsv": OUTSIDE,
    "../outside.tsv": OUTSIDE,
    "x.tsv": OUTSIDE,
    "memory.tsv": OUTSIDE,
    "memory/extra.txt": NOT_TSV,
    "memory/ko-en.TSV": NOT_TSV,
    "memory/ko-en.tsv.bak": NOT_TSV,
    "memory/ko-en": NOT_TSV,
    "sajeon.db": NOT_TSV,
    "memory/ko-en.tsv\x00.txt": r"a file name cannot hold U\+0000",
}

TMX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<tmx version="1.4"><header srclang="ko" datatype="plaintext" segtype="sentence" '
    'adminlang="en" creationtool="badinput" creationtoolversion="1" o-tmf="none"/><body>\n'
    '<tu><tuv xml:lang="ko"><seg>국경 경비대가 밀수꾼 두 명을 체포했다.</seg></tuv>'
    '<tuv xml:lang="en"><seg>Border guards arrested two smugglers.</seg></tuv></tu>\n'
    "</body></tmx>\n"
).encode()
KO = "국경 경비대가 밀수꾼 두 명을 체포했다. 그들은 보위부에 넘겨졌다.\n".encode()
EN = b"Border guards arrested two smugglers. They were handed over to the MSS.\n"


def _commands() -> Iterator[tuple[str, tuple[str, ...], dict[str, bytes]]]:
    yield "segment add", ("segment", "add", "가나다 라마바", "Ga na da ra ma ba"), {}
    yield "import tmx", ("import", "new.tmx"), {"new.tmx": TMX}
    yield "import po", ("import", "new.po"), {"new.po": GOOD.encode()}
    yield "import --dry-run", ("import", "new.tmx", "--dry-run"), {"new.tmx": TMX}
    yield "align --import", ("align", "ko.txt", "en.txt", "--import"), {"ko.txt": KO, "en.txt": EN}


def cases() -> Iterator[Case]:
    for name, argv, files in _commands():
        for path, message in PATHS.items():
            yield Case(
                f"{name} --file {path!r}",
                (*argv, "--file", path),
                "paths",
                exit_code=2,
                message=message,
                files=files,
            )
