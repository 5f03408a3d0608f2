"""The compiled path (apl.compile) in the differential harness: the same random programs
(differential.py), their dfns and derived functions run through apl.compile and compared with
the interpreter, and the float32 form of a specialised translation compared with the general
one on float32 arguments.

- `compare_compiled(p)`: apl.compile on float64 arguments (a translation for their shapes and
  dtype, temporaries reused in place, a DOMAIN ERROR of its own rechecked by the general
  translation) against the interpreter: the same value or the same error.
- `compare_float32(p)`: `translate(shapes=…, dtype=torch.float32, inplace=True)` against
  `translate(shapes=…)` on float32 arguments: for float32, ⎕CT is below the dtype's resolution,
  so torch's own comparisons are the tolerant ones, and an operation written in place computes
  what it computes out of place: the values must be equal, item for item (or both raise the
  same error); where the general one widened to float64 (an integer array meeting a float32
  number, through its helpers), equal to float32's rounding. (Without y+s×x fused into one
  torch.add, whose last bit may differ: the float64 harness above runs that, within rounding.)
"""
from __future__ import annotations

import numpy as np
from translate import differential as D


def _refusal(e) -> tuple | None:
    import apl

    if isinstance(e, apl.APLError) and e.name in ("NONCE ERROR", "SYNTAX ERROR"):
        return ("refused", str(e).splitlines()[0])
    return None


def run_compiled(p: D.Program):
    """("refused", reason), ("error", name), ("crash", text, src) or ("value", tensor, src)
    for apl.compile(p.src) on p's float64 arguments (differential.failure for exceptions)."""
    import torch

    import apl

    f = apl.compile(p.src)
    w = torch.tensor(p.omega)
    a = None if p.alpha is None else torch.tensor(p.alpha)
    src = ""
    try:
        src = f.source(w, a)
        v = f(w) if a is None else f(w, a)
    except apl.APLError as e:  # (the translator at the first call: a refusal, or an error it found)
        return _refusal(e) or ("error", e.name)
    except Exception as e:  # noqa: BLE001 - any other exception is a disagreement
        return D.failure(e, src)
    if not isinstance(v, torch.Tensor):
        return ("crash", f"returned a {type(v).__name__}, not a tensor", src)
    if not (torch.equal(w, torch.tensor(p.omega)) and (a is None or torch.equal(a, torch.tensor(p.alpha)))):
        return ("crash", "the arguments changed (written in place)", src)
    return ("value", v, src)


def compare_compiled(p: D.Program):
    """The outcome (differential.compare's) of apl.compile against the interpreter."""
    want = D.interpret(p)
    got = run_compiled(p)
    if got[0] == "refused":
        return ("refused", got[1])
    if want[0] == "other":
        return ("skip", want[1])
    if got[0] == "crash":
        return ("disagree", got[1], got[2])
    if want[0] == "value" and want[1].is_complex() and got[:2] == ("error", "DOMAIN ERROR"):
        return ("agree", "complex")  # (the specialised code computes in the arguments' float dtype)
    if want[0] == "error" or got[0] == "error":
        if want[:2] == got[:2]:
            return ("agree", "error")
        w = want[1] if want[0] == "error" else "a value"
        g = got[1] if got[0] == "error" else "a value"
        return ("disagree", f"{g}, interpreter {w}", got[2] if len(got) > 2 else "")
    d = D.specialised_values_differ(got[1], want[1])
    return ("disagree", d, got[2]) if d else ("agree", "value")


def _run_module(src: str, args):
    import torch

    ns: dict = {}
    exec(compile(src, "<translated>", "exec"), ns)  # noqa: S102 - the code under test
    try:
        v = ns["f"](*args)
    except ValueError as e:
        m = D._ERROR.match(str(e))
        if m and type(e).__name__ == "APLError":
            return ("error", m.group(1))
        return ("crash", f"{type(e).__name__}: {e}")
    except Exception as e:  # noqa: BLE001 - any other exception is a disagreement
        return ("crash", f"{type(e).__name__}: {str(e)[:200]}")
    if not isinstance(v, torch.Tensor):
        return ("crash", f"returned a {type(v).__name__}")
    return ("value", v)


def compare_float32(p: D.Program):
    """The outcome of the float32 translation (dtype=, inplace) against the general
    specialised one, both on p's arguments made float32."""
    from apl.translate import native
    from apl.translate.module import translate

    native.FUSE_AXPY = False  # (torch's fused y+s×x may differ in the last bit: compared bit for bit here)
    try:
        return _compare_float32(p, translate)
    finally:
        native.FUSE_AXPY = True


def _compare_float32(p, translate):
    import torch

    import apl

    args = [p.omega] if p.alpha is None else [p.alpha, p.omega]
    args = [np.asarray(x, dtype=np.float32) for x in args]
    shapes = [x.shape for x in args]
    outcomes = []
    for extra in ({"dtype": torch.float32, "inplace": True}, {}):
        try:
            outcomes.append(translate(p.src, "f", shapes=shapes, **extra))
        except apl.APLError as e:
            outcomes.append(_refusal(e) or ("error", e.name))
    narrow, plain = outcomes
    if not isinstance(narrow, str) or not isinstance(plain, str):
        if isinstance(narrow, tuple) and narrow[0] == "refused":
            return narrow
        return ("agree", "error") if narrow == plain else ("disagree", f"{narrow}, general {plain}", "")
    tensors = [torch.tensor(x) for x in args]
    call = tensors[::-1] if len(tensors) == 2 else tensors  # f(omega, alpha)
    want = _run_module(plain, call)
    got = _run_module(narrow, call)
    if want[0] == "crash" or got[0] == "crash":
        if want[0] == got[0] == "crash":
            return ("skip", "both crash")  # (the general harness reports those)
        return ("disagree", f"{got[1]}, general {want[1]}", narrow)
    if want[0] == "error" or got[0] == "error":
        return ("agree", "error") if want == got else ("disagree", f"{got}, general {want}", narrow)
    a, b = got[1], want[1]
    widened = a.dtype == torch.float32 and b.dtype == torch.float64  # (see below)
    if a.shape != b.shape or (a.dtype != b.dtype and not widened):
        return ("disagree", f"{a.dtype}{tuple(a.shape)}, general {b.dtype}{tuple(b.shape)}", narrow)
    if widened:
        # the general translation's helpers widen to float64 where an integer array meets a
        # float32 scalar (+⌿⍵≠⍺ ÷ a float32 number); the float32 one stays in float32: equal
        # to float32's rounding
        if not bool(torch.isclose(a.double(), b, rtol=1e-5, atol=1e-6).all()):
            return ("disagree", f"values {a.reshape(-1).tolist()[:8]}, general {b.reshape(-1).tolist()[:8]}", narrow)
        return ("agree", "value")
    if not torch.equal(a, b) and not bool((torch.isnan(a) & torch.isnan(b) | (a == b)).all()):
        return ("disagree", f"values {a.reshape(-1).tolist()[:8]}, general {b.reshape(-1).tolist()[:8]}", narrow)
    return ("agree", "value")


# ------------------------------------------------------------------ float arithmetic
# Random dfns of float arithmetic on ⍵ and ⍺ of one shape (the diffusion helpers' kind of
# code): scalar functions, reductions, comparisons and local names. The general generator
# mixes in integers, booleans and structure; these reach the native, in-place code.
_DYADS = "+-×÷⌈⌊" * 3 + "<≤=≥>≠*"
_MONADS = ["-", "|", "*", "⍟", "÷", "1○", "2○", "¯3○", "+"]
_REDUCE = ["+/", "⌈/", "⌊/", "+⌿", "×/", "+/,", "⌈/,"]
_SHAPES = [(), (3,), (4,), (2, 3), (3, 2), (2, 3, 4), (2, 2, 2, 3)]


class FloatGen:
    def __init__(self, rng, names=()):
        self.rng = rng
        self.names = list(names)

    def number(self) -> str:
        r = self.rng
        return r.choice(["0.3", "7.5", "2", "0.5", "1", "0", "¯1", "1E¯15", "0.9995", "¯0.25", "3", "1E300",
                         f"{r.uniform(-4, 4):.3f}".replace("-", "¯")])

    def leaf(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return "⍵"
        if r < 0.75:
            return "⍺"
        if r < 0.85 and self.names:
            return self.rng.choice(self.names)
        return self.number()

    def expr(self, depth) -> str:
        rng = self.rng
        if depth <= 0 or rng.random() < 0.2:
            return self.leaf()
        r = rng.random()
        if r < 0.6:
            return f"{self.operand(depth - 1)}{rng.choice(_DYADS)}{self.expr(depth - 1)}"
        if r < 0.85:
            return f"{rng.choice(_MONADS)}{self.expr(depth - 1)}"
        return f"({rng.choice(_REDUCE)}{self.expr(depth - 1)})"

    def operand(self, depth) -> str:
        e = self.expr(depth)
        return e if e in ("⍵", "⍺") or e in self.names or e.replace("¯", "").replace(".", "").isdigit() else f"({e})"


def float_program(rng) -> D.Program:
    g = FloatGen(rng)
    statements = []
    for name in ("a", "b")[: rng.choice((0, 1, 1, 2))]:
        statements.append(f"{name}←{g.expr(rng.randint(1, 3))}")
        g.names.append(name)
    guard = f"{g.expr(1)}<{g.expr(1)}:{g.expr(2)} ⋄ " if rng.random() < 0.15 else ""
    statements.append(guard + g.expr(rng.randint(1, 4)))
    shape = rng.choice(_SHAPES)
    n = int(np.prod(shape))
    w = np.round(np.array([rng.uniform(-3, 3) for _ in range(n)]).reshape(shape), 3)
    a = np.round(np.array([rng.uniform(-3, 3) for _ in range(n)]).reshape(shape), 3)
    if n and rng.random() < 0.5:  # (equal items: comparisons' ties)
        a.reshape(-1)[: n // 2] = w.reshape(-1)[: n // 2]
    return D.Program("{" + " ⋄ ".join(statements) + "}", "dfn", omega=w, alpha=a)


def float_programs(seed: int, count: int, start: int = 0):
    import random

    for i in range(start, start + count):
        yield float_program(random.Random(f"float/{seed}/{i}"))
