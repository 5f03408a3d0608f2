"""A seeded generator of dfns for the compiling tier's differential test: scalar and vector
expressions of ⍵, ⍺, locals and literals (integers near the ends of int64, floats, booleans),
guards, local assignments, inner dfns, operators, and recursion that ends (∇ on a counter that
goes down, in tail position or not). Every program is valid APL text; many give errors, which
must be the same errors."""
from __future__ import annotations

import random

SCALAR_DYADIC = list("+-×÷|⌈⌊=≠<≤>≥∧∨")
SCALAR_MONADIC = list("-⌊⌈|×~≢")
ARRAY_DYADIC = [",", "/", "⍴", "↑", "↓", "⍳", "∊", "⌽"]
ARRAY_MONADIC = ["⍳", "⍴", ",", "⌽", "⍋", "+/", "⌈/", "×/", "+\\", "⊃", "≢"]
LITERALS = ["0", "1", "2", "3", "¯1", "7", "0.5", "2.5", "¯3.25", "1E15", "9223372036854775807",
            "¯9223372036854775808", "4611686018427387904", "3037000500", "1 2 3", "2.5 ¯1", "⍬", "(1=1)", "'a'"]
ARGUMENTS = ["0", "1", "5", "¯4", "2.5", "1E300", "9223372036854775806", "¯9223372036854775807", "(1=1)",
             "3 1 2", "2.5 0 ¯1", "⍳6", "1 0 1=1", "'ab'", "2 3⍴⍳6", "⍬"]


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.locals: list = []

    def pick(self, xs):
        return self.r.choice(xs)

    def atom(self, dyadic: bool):
        options = ["⍵", "⍵", self.pick(LITERALS)] + (["⍺"] if dyadic else []) + self.locals
        return self.pick(options)

    def expr(self, depth: int, dyadic: bool) -> str:
        r = self.r.random()
        if depth <= 0 or r < 0.25:
            return self.atom(dyadic)
        if r < 0.55:
            return f"({self.expr(depth - 1, dyadic)}){self.pick(SCALAR_DYADIC)}{self.expr(depth - 1, dyadic)}"
        if r < 0.7:
            return f"{self.pick(SCALAR_MONADIC)}{self.expr(depth - 1, dyadic)}"
        if r < 0.8:
            return f"({self.expr(depth - 1, dyadic)}){self.pick(ARRAY_DYADIC)}{self.expr(depth - 1, dyadic)}"
        if r < 0.88:
            return f"{self.pick(ARRAY_MONADIC)}{self.expr(depth - 1, dyadic)}"
        if r < 0.92:
            return f"{{⍵{self.pick(SCALAR_DYADIC)}{self.pick(LITERALS[:8])}}}¨{self.expr(depth - 1, dyadic)}"
        if r < 0.95:
            return f"({self.expr(depth - 1, dyadic)})[{self.pick(['1', '2', '⍳2', '1 1'])}]"
        return f"{self.pick(SCALAR_DYADIC)}⍨{self.expr(depth - 1, dyadic)}"

    def body(self, dyadic: bool, recursive: bool) -> str:
        self.locals = []
        stmts = []
        if dyadic and self.r.random() < 0.3:
            stmts.append(f"⍺←{self.pick(LITERALS[:8])}")
        if recursive:
            stmts.append(f"⍵≤0:{self.expr(2, dyadic)}")
        for _ in range(self.r.randint(0, 2)):
            name = f"v{len(self.locals)}"
            stmts.append(f"{name}←{self.expr(2, dyadic)}")
            self.locals.append(name)
        if self.r.random() < 0.3:
            stmts.append(f"({self.expr(1, dyadic)})≡{self.expr(1, dyadic)}:{self.expr(2, dyadic)}")
        if recursive:
            step = self.pick(["⍵-1", "⍵-2", "⌊⍵÷2", "⍵-0.5"])
            call = f"∇{step}" if not dyadic else f"({self.expr(1, dyadic)})∇{step}"
            tail = self.r.random() < 0.5
            stmts.append(call if tail else f"({self.expr(1, dyadic)}){self.pick(SCALAR_DYADIC)}{call}")
        else:
            stmts.append(self.expr(3, dyadic))
        return "{" + " ⋄ ".join(stmts) + "}"

    def program(self) -> str:
        dyadic = self.r.random() < 0.4
        recursive = self.r.random() < 0.35
        f = self.body(dyadic, recursive)
        w = self.pick(["5", "3", "0", "2.5", "1"]) if recursive else self.pick(ARGUMENTS)
        if self.r.random() < 0.15 and not recursive:
            return f"f←{f} ⋄ f¨{self.pick(ARGUMENTS)}"
        if dyadic:
            return f"f←{f} ⋄ ({self.pick(ARGUMENTS)})f {w}"
        return f"f←{f} ⋄ f {w}"


def programs(seed: int, count: int):
    g = Gen(seed)
    return [g.program() for _ in range(count)]
