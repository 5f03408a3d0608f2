"""APL names as safe, readable Python identifiers."""
from __future__ import annotations

import keyword

_RESERVED = {"torch", "omega", "alpha", "self"} | set(dir(__import__("builtins")))


def python_name(apl_name: str) -> str:
    """`x∆y` → `x_delta_y`, `⍙a` → `deltaunderbar_a`, `if` → `if_`; always a valid identifier."""
    out = apl_name.replace("∆", "_delta_").replace("⍙", "_deltaunderbar_").replace("¯", "_macron_")
    out = "".join(ch if (ch.isalnum() and ch.isascii()) or ch == "_" else "_" for ch in out)
    out = out.strip("_") or "name"
    if out[0].isdigit():
        out = "n_" + out
    if keyword.iskeyword(out) or keyword.issoftkeyword(out) or out in _RESERVED:
        out += "_"
    return out


class Scope:
    """Python names in use in one generated function, so that new ones never collide."""

    def __init__(self, parent: Scope | None = None, taken=()):
        self.parent = parent
        self.names: dict[str, str] = {}  # APL name → current Python name
        self.taken: set[str] = set(taken) | (parent.all_taken() if parent else set())

    def all_taken(self) -> set[str]:
        return set(self.taken)

    def fresh(self, base: str) -> str:
        name = base
        k = 1
        while name in self.taken or (self.parent and name in self.parent.all_taken()):
            name = f"{base}_{k}"
            k += 1
        self.taken.add(name)
        return name

    def lookup(self, apl_name: str) -> str | None:
        s = self
        while s is not None:
            if apl_name in s.names:
                return s.names[apl_name]
            s = s.parent
        return None

    def bind(self, apl_name: str) -> str:
        """A Python name for a new assignment to `apl_name` in this scope."""
        py = self.fresh(python_name(apl_name))
        self.names[apl_name] = py
        return py
