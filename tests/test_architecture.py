"""The package's shape: imports flow down the layers written in docs/architecture.md, with no
circle between modules, and no file in apl/ grows past 650 lines.

Every import counts, at the top of a module or inside a function: an import hidden in a function
still ties the two modules together."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "apl"
MAX_LINES = 650

# The layers, bottom first: a module may import from its own part of the package and from parts
# on lower layers, never from a part on its own layer or above. docs/architecture.md draws this.
LAYERS = [
    ("apl.records", "apl.errors"),
    ("apl.glyphs",),
    ("apl.syntax",),
    ("apl.backends",),
    ("apl.settings", "apl.arrays"),
    ("apl.kernels",),
    ("apl.display",),
    ("apl.screen",),
    ("apl.primitives",),
    ("apl.runtime", "apl.translate"),
    ("apl.repl",),
    ("apl.cli",),
    ("apl", "apl.__main__"),
]
LAYER_OF = {part: n for n, parts in enumerate(LAYERS) for part in parts}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts)
        out[name.removesuffix(".__init__")] = path
    return out


MODULES = _modules()


def _target(current: str, node) -> list[str]:
    """The apl modules an import statement in `current` names (a package counts as its __init__)."""
    is_package = MODULES[current].name == "__init__.py"
    package = current if is_package else current.rpartition(".")[0]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            stem = ".".join(base + ([node.module] if node.module else []))
        else:
            stem = node.module or ""
        names = [f"{stem}.{a.name}" if f"{stem}.{a.name}" in MODULES else stem for a in node.names]
    else:
        names = [a.name for a in node.names]
    out = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != current:
            out.append(name)
    return out


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for mod, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                edges[mod].update(t for t in _target(mod, node) if not mod.startswith(t + "."))
    return edges


EDGES = _edges()


def _part(mod: str) -> str:
    """The part of the package a module belongs to: apl.runtime.dfn → apl.runtime."""
    parts = mod.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else mod


def test_every_part_of_the_package_has_a_layer():
    assert {_part(m) for m in MODULES} <= set(LAYER_OF), "add the new part to LAYERS and docs/architecture.md"


def test_imports_flow_down_the_layers():
    upward = []
    for mod, targets in EDGES.items():
        for t in targets:
            a, b = _part(mod), _part(t)
            if a != b and LAYER_OF[b] >= LAYER_OF[a]:
                upward.append(f"{mod} → {t}")
    assert upward == [], "imports that run up (or across) the layers:\n" + "\n".join(sorted(upward))


def _cycles(edges) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))
    return found


def test_no_import_circles():
    assert _cycles(EDGES) == []


def test_the_cycle_finder_finds_a_planted_circle():
    planted = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(planted) == [["a", "b", "c"]]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_file_is_too_long(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(ROOT)} has {n} lines: split it along its sections"


def test_the_architecture_page_names_every_layer():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for parts in LAYERS:
        for part in parts:
            if part == "apl" or part.endswith("__main__"):
                continue
            path = part.replace(".", "/")
            assert re.search(rf"{re.escape(path)}(/|\.py|\b)", page), f"docs/architecture.md does not mention {path}"
