"""A seeded fuzz of the interpreter: random token sequences and random well-formed expressions,
each evaluated in a fresh session. Every input must give a value or an APL error whose message
names no Python exception or library; nothing else may escape, and the process must not die.

Run by tests/test_fuzz.py in a child process with its address space limited (so that a huge
allocation is a MemoryError there, which must show as WS FULL, not take the machine down), or
by hand for a long run:

    python tests/fuzz.py --seed 7 --count 100000 --backend torch

It prints one JSON line: inputs run, values, APL errors by name, slow inputs (over --timeout,
stopped), and leaks (input, exception) — a leak or a crash is a finding.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import signal
import sys
from collections import Counter

LEAK = re.compile(r"[A-Z][a-z]+Error|too many indices|Traceback|numpy|torch|tensor|dtype")

NUMBERS = ["0", "1", "2", "3", "¯1", "0.5", "¯2.5", "2J1", "1E3", "⍬"]
ARRAYS = ["v", "m", "s", "n", "b", "(⍳3)", "'abc'", "''", "(2 2⍴⍳4)", "(1 2)(3 4)", "⊂1 2"]
NAMES = "v m s n b f g op dop x ns t".split()
SETUP = ("v←⍳5 ⋄ m←2 3⍴⍳6 ⋄ s←'hello' ⋄ n←(1 2)(3 (4 5)) ⋄ b←1 0 1 1 ⋄ f←{⍵+1} ⋄ g←{⍺×⍵} ⋄ "
         "op←{⍺⍺ ⍵} ⋄ dop←{⍵⍵ ⍺⍺ ⍵} ⋄ ns←⎕NS ⍬ ⋄ ns.x←⍳3 ⋄ ns.f←{⍵×2} ⋄ ⎕FX 'r←t w' ':If w>0' 'r←w' "
         "':Else' 'r←-w' ':EndIf'")
# tradfns and namespaces too: a line may open a ∇ definition, → branches, dotted names
SYNTAX = list("()[]{}⍺⍵←⋄;∇⍬→.#") + ["⎕IO", "⎕CT", "⎕UCS", "⎕", "⍺⍺", "⍵⍵", ":", "::", "'", "ns.x", "ns.f",
                                    "##", "⎕NS", "⎕THIS", "⎕NL", "⎕FX", "\n∇", "\n", ":If", ":EndIf",
                                    ":For", ":In", ":Trap", "⎕R", "⎕S", "⎕OPT", "⎕DIV", "'\\w+'", "'a'", "'IC'",
                                    "⎕JSON", "⎕NEXISTS",
                                    "⎕FMT", "'I5'", "'F8.2'", "'E9.2'", "'CZI6,X1,3A1'", "'G<Z9/99>'"]


class Slow(BaseException):
    """Raised by the alarm: an input that ran past the time limit (not caught by the interpreter)."""


def _glyphs():
    from apl.glyphs import DYADIC_OPERATOR, FUNCTION, GLYPHS, MONADIC_OPERATOR

    fns = [g.glyph for g in GLYPHS if g.kind == FUNCTION]
    mops = [g.glyph for g in GLYPHS if g.kind == MONADIC_OPERATOR]
    dops = [g.glyph for g in GLYPHS if g.kind == DYADIC_OPERATOR]
    return fns, mops, dops


def token_input(rng: random.Random, alphabet) -> str:
    """Up to 8 tokens of any kind, joined with or without blanks."""
    n = rng.randint(1, 8)
    parts = [rng.choice(alphabet) for _ in range(n)]
    return (" " if rng.random() < 0.5 else "").join(parts)


class Grammar:
    """Random well-formed expressions: arrays, functions (primitives, derived, dfns, trains)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.fns, self.mops, self.dops = _glyphs()

    def array(self, depth=0) -> str:
        r = self.rng.random()
        if depth > 3 or r < 0.35:
            return self.rng.choice(NUMBERS + ARRAYS)
        if r < 0.45:
            return " ".join(self.rng.choice(NUMBERS[:6]) for _ in range(self.rng.randint(2, 4)))
        if r < 0.7:
            return f"{self.function(depth + 1)} {self.array(depth + 1)}"
        if r < 0.9:
            return f"{self.array(depth + 1)} {self.function(depth + 1)} {self.array(depth + 1)}"
        if r < 0.95:
            return f"({self.array(depth + 1)})[{self.rng.choice(['1', '2', '1 2', ';1', '⍳2'])}]"
        return f"({self.array(depth + 1)})"

    def function(self, depth=0) -> str:
        r = self.rng.random()
        if depth > 3 or r < 0.5:
            return self.rng.choice(self.fns)
        if r < 0.65:
            return f"{self.function(depth + 1)}{self.rng.choice(self.mops)}"
        if r < 0.8:
            op = self.rng.choice(self.dops)
            right = self.rng.choice(["1", "0", "2", self.rng.choice(self.fns)]) if op in "⍤⍣@⌺" else \
                self.rng.choice(self.fns)
            return f"({self.function(depth + 1)}{op}{right})"
        if r < 0.9:
            return "{" + self.array(depth + 1).replace("v", "⍵", 1) + "}"
        return f"({self.function(depth + 1)} {self.function(depth + 1)} {self.function(depth + 1)})"


def run(seed: int, count: int, backend: str, timeout: float) -> dict:
    import apl

    rng = random.Random(seed)
    fns, mops, dops = _glyphs()
    alphabet = fns + mops + dops + SYNTAX + NUMBERS + NAMES
    grammar = Grammar(rng)
    stats: Counter = Counter()
    leaks, slow = [], []

    def alarm(signum, frame):
        raise Slow()

    signal.signal(signal.SIGALRM, alarm)
    for k in range(count):
        src = token_input(rng, alphabet) if k % 2 else grammar.array()
        s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
        s._output = lambda v: None  # ⎕← is not under test here
        try:
            s.eval(SETUP)
            signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                s.eval(src)
                stats["value"] += 1
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except Slow:
            slow.append(src)
        except apl.APLError as e:
            stats[e.name] += 1
            first = str(e).split("\n")[0]
            if LEAK.search(first):
                leaks.append([src, first])
        except Exception as e:  # noqa: BLE001 - the finding this fuzz looks for
            leaks.append([src, f"{type(e).__name__}: {e}"[:300]])
    return {"seed": seed, "backend": backend, "inputs": count, "outcomes": dict(stats),
            "slow": slow[:20], "slow_count": len(slow), "leaks": leaks[:50], "leak_count": len(leaks)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--backend", default="numpy", choices=["numpy", "torch"])
    p.add_argument("--timeout", type=float, default=2.0, help="seconds an input may run")
    p.add_argument("--memory", type=float, default=8.0, help="GiB of address space for this process")
    a = p.parse_args(argv)
    if a.memory:
        limit = int(a.memory * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    report = run(a.seed, a.count, a.backend, a.timeout)
    print(json.dumps(report, ensure_ascii=False))
    return 1 if report["leak_count"] else 0


if __name__ == "__main__":
    sys.exit(main())
