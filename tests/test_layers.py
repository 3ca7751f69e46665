"""The package layout keeps its layers (docs/architecture.md): no module imports from a layer
above its own, and no modules import each other in a circle. Read from the source with the
ast module, so that imports inside functions and under TYPE_CHECKING count too."""

from __future__ import annotations

import ast
import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "sajeon"

# Bottom up. A module may import from its own layer and the layers before it. "app" (the
# application layer of issue 11) sits above everything it calls and below the front ends;
# the CLI starts the web server, so web comes before cli.
LAYERS = ("core", "storage", "formats", "engine", "alignment", "app", "web", "cli")


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module names
    imported: str
    where: str  # file:line, the file under the package's parent (sajeon/core/model.py)


def module_name(path: Path, package: Path) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(package: Path) -> list[Import]:
    """Every import of a module of ``package`` by one of its modules; ``from p import m`` is
    an import of module ``p.m`` when that is a module, else of ``p``."""
    modules = {module_name(p, package) for p in package.rglob("*.py")}
    found = []
    for path in sorted(package.rglob("*.py")):
        me = module_name(path, package)
        file = path.relative_to(package.parent).as_posix()
        here = me.split(".") if path.name == "__init__.py" else me.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ".".join([*here[: len(here) - node.level + 1], node.module or ""])
                    base = base.rstrip(".")
                else:
                    base = node.module or ""
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    target = target if target in modules else base
                    if target in modules:
                        found.append(Import(me, target, f"{file}:{node.lineno}"))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in modules:
                        found.append(Import(me, alias.name, f"{file}:{node.lineno}"))
    return found


def layer(module: str, package: str) -> int:
    """The rank of ``module``'s layer; the package itself (its version) is below them all."""
    parts = module.split(".")
    if parts == [package]:
        return -1
    if parts[1] not in LAYERS:
        raise LookupError(
            f"{module} is in no layer: put it in one of {', '.join(LAYERS)} "
            "(or add its layer to LAYERS here and to docs/architecture.md)"
        )
    return LAYERS.index(parts[1])


def upward_imports(package: Path) -> list[str]:
    problems = []
    for imp in imports(package):
        mine, theirs = layer(imp.importer, package.name), layer(imp.imported, package.name)
        if theirs > mine:
            problems.append(
                f"{imp.where}: {imp.importer} imports {imp.imported}, but "
                f"{LAYERS[mine]} is below {LAYERS[theirs]} ({' < '.join(LAYERS)})"
            )
    return problems


def circles(package: Path) -> list[str]:
    """Each import circle once, as the chain of imports that closes it."""
    edges: dict[str, dict[str, Import]] = {}
    for imp in imports(package):
        edges.setdefault(imp.importer, {}).setdefault(imp.imported, imp)
    found: list[str] = []
    seen_cycles: set[frozenset[str]] = set()
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(edges.get(module, {})):
            if target in path:
                cycle = [*path[path.index(target) :], target]
                key = frozenset(cycle)
                if key not in seen_cycles:
                    seen_cycles.add(key)
                    steps = [edges[a][b] for a, b in itertools.pairwise(cycle)]
                    found.append(" -> ".join(f"{s.importer} ({s.where})" for s in steps))
                    found[-1] += f" -> {target}"
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    for module in sorted(edges):
        if module not in done:
            visit(module, [module])
    return found


def test_no_module_imports_from_a_higher_layer():
    problems = upward_imports(PACKAGE)
    assert not problems, "imports from a higher layer:\n" + "\n".join(problems)


def test_no_import_circles():
    found = circles(PACKAGE)
    assert not found, "import circles:\n" + "\n".join(found)


def test_every_package_says_what_it_holds():
    for init in sorted(PACKAGE.rglob("__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc, f"{init.relative_to(PACKAGE.parent)} has no docstring"
        if init.parent != PACKAGE:
            assert len(doc.splitlines()) <= 2, f"{init.relative_to(PACKAGE.parent)}: two lines"


# The checks themselves, on a small package written for the purpose: they must name the
# offending import, with its file and line.


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return root / "pkg"


def test_an_upward_import_is_named(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/model.py": "def f():\n    from ..engine.tm import lookup\n",
            "engine/__init__.py": "",
            "engine/tm.py": "from ..core import model\nlookup = model\n",
        },
    )
    assert upward_imports(package) == [
        "pkg/core/model.py:2: pkg.core.model imports pkg.engine.tm, but core is below engine "
        f"({' < '.join(LAYERS)})"
    ]


def test_a_circle_is_named(tmp_path):
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/model.py": "from .langtags import normalise\n",
            "core/langtags.py": "from . import text\n",
            "core/text.py": "import pkg.core.model\n",
        },
    )
    assert circles(package) == [
        "pkg.core.langtags (pkg/core/langtags.py:1) -> pkg.core.text (pkg/core/text.py:1) -> "
        "pkg.core.model (pkg/core/model.py:1) -> pkg.core.langtags"
    ]


def test_a_module_outside_the_layers_is_refused(tmp_path):
    package = write(tmp_path, {"__init__.py": "", "misc.py": "from . import other\n"})
    (package / "other.py").write_text("", "utf-8")
    with pytest.raises(LookupError, match=r"pkg\.misc is in no layer"):
        upward_imports(package)
