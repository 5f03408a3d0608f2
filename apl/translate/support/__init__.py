"""The functions a generated module carries where no torch call alone is exact.

Each submodule holds real functions written against `torch` alone (the generated
module imports it; these modules do not, so `import apl` never needs torch):
`scalar` APL's scalar functions, reductions and errors, `arrays` its structural and
selection functions. A generated module gets the text of the ones it calls
(`closure`, `text`), each with those it calls in turn; they all live at the module's
top level, so they call one another by name."""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap

from . import arrays, base, cells, folds, logic, scalar, search

_MODULES = (base, scalar, logic, folds, arrays, search, cells)
_SKIP = {"annotations", "TYPE_CHECKING"}


@functools.cache
def _assignments(module) -> dict:
    """The source of each module-level assignment of a module, by name."""
    src = inspect.getsource(module)
    return {
        t.id: ast.get_source_segment(src, node) + "\n"
        for node in ast.parse(src).body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name)
    }


def _names(module) -> list:
    """The helpers a module defines (not those it imports), in the order it defines
    them."""
    return [
        n
        for n, v in vars(module).items()
        if not n.startswith("_")
        and n not in _SKIP
        and (
            getattr(v, "__module__", None) == module.__name__
            or n in _assignments(module)
        )
    ]


ORDER = [n for m in _MODULES for n in _names(m)]
NAMES = frozenset(ORDER)
_HOME = {n: m for m in _MODULES for n in _names(m)}


@functools.cache
def text(name) -> str:
    """The source of one helper: a function, a class, or an assignment (a table, or
    a scalar function made pervasive from its kernel)."""
    module = _HOME[name]
    found = _assignments(module).get(name)
    return found if found is not None else inspect.getsource(getattr(module, name))


@functools.cache
def uses(code: str) -> frozenset:
    """The helpers Python source calls or reads (names, not attributes or words in
    strings)."""
    tree = ast.parse(textwrap.dedent(code))
    local = {
        a.arg
        for n in ast.walk(tree)
        if isinstance(n, ast.arguments)
        for a in n.args + n.kwonlyargs
    }
    loads = {
        n.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }
    return frozenset((loads - local) & NAMES)


def closure(names) -> list:
    """The helpers names need, themselves included, in the order of their modules."""
    todo, seen = list(names), set()
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        todo += sorted(uses(text(n)) - seen)
    return sorted(seen, key=ORDER.index)


def source(names) -> str:
    """The source text of the helpers `names` and those they call, ready for a
    module."""
    return "\n\n".join(text(n).rstrip("\n") + "\n" for n in closure(names))
