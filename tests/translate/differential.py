"""A differential harness for the translator: random well-formed numeric APL, translated to
PyTorch, run, and compared with the interpreter on the torch backend.

`programs(seed, count)` yields random programs of four forms:
- a closed expression (literals only): `f()`;
- an expression of free names X Y Z bound to random tensors: `f(X, Y, …)`;
- a dfn, with assignments, modified assignments and guards, called monadically or dyadically;
- a derived function or train (`+/`, `(+/÷≢)`, `-⍨`, `×⍤1`, `+.×` …), called likewise.

Each draws from the scalar functions, structural and selection functions, the operators (reduce,
scan, each, commute, bind, compose, over, outer and inner products, rank, power, at) and axes, on
boolean, integer and float arguments (scalars, vectors, matrices, empty arrays), with values that
test tolerant comparison (1-1E¯15), division by zero and overflow.

`compare(program)` gives one of
- ("refused", reason): the translator raised a NONCE ERROR (a stated refusal);
- ("agree", how): the translation's value has the interpreter's shape, class of number (integer,
  boolean included; float64; complex128) and values, or both raised the same APL error: the
  interpreter an `apl.APLError`, the generated code the `APLError` its module defines (a
  ValueError whose message starts with the error's name);
- ("disagree", what): anything else, a crash of the generated code included.

Run as a script for a slow mode: `python tests/translate/differential.py --count 200000`.
"""
from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field

import numpy as np

# ------------------------------------------------------------------ the generator
MONADIC_SCALAR = "+-×÷|⌈⌊*⍟○!~"
DYADIC_SCALAR = "+-×÷|⌈⌊*⍟!∧∨⍲⍱=≠<≤≥>"
REDUCERS = "+-×÷⌈⌊∧∨=≠<≤≥>|*"
MONADIC_STRUCTURAL = ["⍴", ",", "⌽", "⊖", "⍉", "≢", "⊃", "⍳", "⍋", "⍒", "∪", "⍸", "⊢", "⊣", "⍪", "↑", "∊"]
DYADIC_STRUCTURAL = ["⍴", ",", "⌽", "⊖", "↑", "↓", "/", "⌿", "⊢", "⊣", "⍳", "∊", "⍪", "≡", "≢", "∩", "⊥", "⊤",
                     "⍸", "⍷", "⍉", "\\", "⍀"]


def _num(rng: random.Random) -> str:
    """An APL number: mostly small integers, some floats, a few awkward values."""
    r = rng.random()
    if r < 0.55:
        v = rng.randint(-3, 9)
    elif r < 0.8:
        v = round(rng.uniform(-5, 5), rng.choice((1, 2)))
    elif r < 0.86:
        v = rng.choice((0, 1, 0, 1, 2))
    elif r < 0.9:
        v = rng.choice((1 - 1e-15, 1 + 1e-15, 1e-15, 0.5, 2.5, -0.5, 1e-14))
    elif r < 0.94:
        v = rng.choice((2 ** 40, 2 ** 62, 9e18, 1e300, 1e20))
    else:
        v = rng.choice((0.1, 0.2, 0.3, 3, 10, 100))
    return apl_number(v)


def apl_number(v) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    s = repr(v).replace("e+", "E").replace("e", "E")
    return s.replace("-", "¯")


@dataclass
class Program:
    src: str  # the APL source to translate
    form: str  # "closed", "names", "dfn" or "derived"
    names: dict = field(default_factory=dict)  # free name → NumPy value (form "names")
    omega: object = None  # the right argument (forms "dfn", "derived")
    alpha: object = None  # the left argument, or None for a monadic call


class Gen:
    """Random APL text. `vars` are the array names in scope; `in_dfn` allows ⍵ and ⍺."""

    def __init__(self, rng: random.Random, names=(), in_dfn=False, dyadic=False):
        self.rng = rng
        self.names = list(names)
        self.in_dfn = in_dfn
        self.dyadic = dyadic
        self.n = rng.choice((1, 2, 3, 3, 4, 5))  # the length vectors mostly share

    # -------------------------------------------------------------- arrays
    def literal(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            return _num(rng)
        if r < 0.8:
            n = self.n if rng.random() < 0.7 else rng.randint(1, 6)
            if n == 1:
                return "(," + _num(rng) + ")"
            kind = rng.random()
            if kind < 0.2:
                return " ".join(rng.choice("01") for _ in range(n))
            return " ".join(_num(rng) for _ in range(n))
        if r < 0.85:
            return rng.choice(("⍬", "(0⍴0)", "(0⍴1.5)", "(0 3⍴0)", "(⍳0)"))
        if r < 0.95:
            shape = rng.choice(((2, self.n), (self.n, 2), (2, 2), (3, 2), (1, self.n), (2, 1, self.n)))
            items = " ".join(_num(rng) for _ in range(rng.randint(1, 4)))
            return f"({' '.join(map(str, shape))}⍴{items})"
        return f"(⍳{rng.randint(0, 6)})"

    def leaf(self) -> str:
        rng = self.rng
        pool = list(self.names)
        if self.in_dfn:
            pool += ["⍵"] * 3 + (["⍺"] * 2 if self.dyadic else [])
        if pool and rng.random() < 0.6:
            return rng.choice(pool)
        return self.literal()

    def array(self, depth: int) -> str:
        rng = self.rng
        if depth <= 0 or rng.random() < 0.25:
            return self.leaf()
        r = rng.random()
        if r < 0.3:
            return f"{self.function(depth - 1, 1)}{self.array(depth - 1)}"
        if r < 0.75:
            return f"{self.operand_array(depth - 1)}{self.function(depth - 1, 2)}{self.array(depth - 1)}"
        if r < 0.82:
            return f"({self.array(depth - 1)})"
        if r < 0.88:
            return f"{self.operand_array(depth - 1)}[{self.index(depth - 1)}]"
        if r < 0.94:
            return f"{self.function(depth - 1, 1, train=False)}/{self.array(depth - 1)}".replace("//", "/")
        return f"({self.array(depth - 1)}){rng.choice('⍴,')}{self.array(depth - 1)}"

    def operand_array(self, depth):
        """An array on the left of a function: a leaf or parenthesised."""
        if depth <= 0 or self.rng.random() < 0.6:
            return self.leaf()
        return f"({self.array(depth)})"

    def index(self, depth):
        rng = self.rng
        if rng.random() < 0.5:
            return str(rng.randint(1, 3))
        return self.array(depth)

    # -------------------------------------------------------------- functions
    def scalar_fn(self, valence) -> str:
        return self.rng.choice(MONADIC_SCALAR if valence == 1 else DYADIC_SCALAR)

    def function(self, depth: int, valence: int, train=True) -> str:
        rng = self.rng
        r = rng.random()
        if depth <= 0 or r < 0.35:
            return self.scalar_fn(valence)
        if r < 0.46:
            return rng.choice(MONADIC_STRUCTURAL if valence == 1 else DYADIC_STRUCTURAL)
        if r < 0.5:  # a function with an axis
            if valence == 1:
                return f"{rng.choice('⌽⊖')}[{rng.randint(1, 2)}]"
            g = rng.choice([self.scalar_fn(2)] * 3 + list(",⍪/⌿\\⍀⌽⊖"))
            return f"{g}[{rng.choice(('1', '2', '1', '2', '3', '1 2'))}]"
        if r < 0.62:
            g = rng.choice(REDUCERS)
            op = rng.choice("/⌿\\⍀") if valence == 1 else rng.choice("/⌿")
            if valence == 1 and rng.random() < 0.15:
                op += f"[{rng.randint(1, 2)}]"
            return g + op
        if r < 0.68:
            return f"{self.scalar_fn(2)}⍨"
        if r < 0.73 and valence == 2:
            return f"∘.{self.scalar_fn(2)}"
        if r < 0.78 and valence == 2:
            return f"{rng.choice('+×⌈⌊∧∨')}.{rng.choice('×+-=≠⌊⌈∧∨')}"
        if r < 0.83:
            k = rng.choice(("0", "1", "2", "¯1", "1 0", "0 1"))
            inner = rng.choice([self.scalar_fn(valence), self.function(depth - 1, valence, train=False)])
            return f"({inner}⍤{k})"
        if r < 0.87:
            if valence == 1:
                return f"({self.operand_array(0)}∘{self.scalar_fn(2)})"
            return f"({self.scalar_fn(2)}∘{self.scalar_fn(1)})"
        if r < 0.9 and train:
            return f"({self.function(depth - 1, 2, False)}{self.function(depth - 1, 1, False)})"  # atop
        if r < 0.94 and train:
            left = self.function(depth - 1, valence, False) if rng.random() < 0.8 else self.literal()
            return f"({left} {self.function(depth - 1, 2, False)} {self.function(depth - 1, valence, False)})"
        if r < 0.96:
            return f"({self.scalar_fn(1)}⍣{rng.randint(0, 3)})"
        if r < 0.97 and valence == 1:
            return f"({self.literal()}@{rng.randint(1, 2)})"
        if r < 0.985:
            return f"{self.scalar_fn(2)}¨" if valence == 2 else f"{self.scalar_fn(1)}¨"
        if valence == 2:
            return f"({self.scalar_fn(2)}⍥{self.scalar_fn(1)})"
        return f"{self.scalar_fn(1)}¨"

    # -------------------------------------------------------------- dfns
    def dfn_body(self, depth: int) -> str:
        rng = self.rng
        stmts = []
        local = []
        for _ in range(rng.randint(0, 3)):
            r = rng.random()
            if r < 0.5 or not local:
                name = rng.choice("abcd")
                stmts.append(f"{name}←{self.array(depth)}")
                if name not in self.names:
                    self.names.append(name)
                    local.append(name)
            elif r < 0.7:
                stmts.append(f"{rng.choice(local)}{self.scalar_fn(2)}←{self.array(depth - 1)}")
            else:
                stmts.append(f"({self.array(depth - 1)}){rng.choice('=<>≤')}{self.literal()}:{self.array(depth)}")
        stmts.append(self.array(depth))
        return "{" + " ⋄ ".join(stmts) + "}"


def random_array(rng: random.Random, n: int):
    """A NumPy argument: boolean, integer or float; scalar, vector, matrix or empty."""
    r = rng.random()
    if r < 0.15:
        shape = ()
    elif r < 0.65:
        shape = (n,)
    elif r < 0.85:
        shape = (rng.randint(1, 3), n)
    elif r < 0.92:
        shape = (0,) if rng.random() < 0.6 else (0, n)
    else:
        shape = (2, rng.randint(1, 2), n)
    t = rng.random()
    gen = np.random.default_rng(rng.randrange(2 ** 32))
    if t < 0.15:
        return gen.integers(0, 2, size=shape).astype(bool)
    if t < 0.55:
        return gen.integers(-4, 10, size=shape).astype(np.int64)
    if t < 0.6:
        return gen.choice(np.array([0, 1, 2 ** 40, -(2 ** 40), 2 ** 62], dtype=np.int64), size=shape)
    vals = np.round(gen.uniform(-5, 5, size=shape), rng.choice((1, 2, 3)))
    if t < 0.65:
        vals = gen.choice(np.array([1.0, 1 - 1e-15, 1 + 1e-15, 0.0, 0.5, 1e-15]), size=shape)
    return np.asarray(vals, dtype=np.float64)


def program(rng: random.Random) -> Program:
    form = rng.choices(("closed", "names", "dfn", "derived"), (0.25, 0.25, 0.35, 0.15))[0]
    if form == "closed":
        g = Gen(rng)
        return Program(g.array(rng.randint(1, 4)), form)
    if form == "names":
        names = rng.sample("XYZ", rng.randint(1, 3))
        g = Gen(rng, names)
        src = g.array(rng.randint(1, 4))
        used = [x for x in names if x in src]
        return Program(src, form, {x: random_array(rng, g.n) for x in used})
    dyadic = rng.random() < 0.45
    if form == "dfn":
        g = Gen(rng, in_dfn=True, dyadic=dyadic)
        src = g.dfn_body(rng.randint(1, 3))
    else:
        g = Gen(rng)
        src = g.function(2, 2 if dyadic else 1)
        if not src.startswith("(") or not src.endswith(")"):
            src = f"({src})"
    alpha = random_array(rng, g.n) if dyadic else None
    return Program(src, form, omega=random_array(rng, g.n), alpha=alpha)


def programs(seed: int, count: int, start: int = 0):
    """Programs start … start+count-1 of a seed's sequence (each from its own generator)."""
    for i in range(start, start + count):
        yield program(random.Random(f"{seed}/{i}"))


# ------------------------------------------------------------------ running both
def _class(t) -> str:
    """The class of number a tensor holds: "int" (booleans too), "float64", "complex128", or
    another dtype's name."""
    import torch

    if t.dtype in (torch.bool, torch.int64):
        return "int"
    return str(t.dtype).replace("torch.", "")


def interpret(p: Program):
    """("value", tensor) or ("error", name) from the interpreter on the torch backend."""
    import torch

    import apl

    s = apl.Session(backend="torch")
    try:
        if p.form == "closed":
            v = s.eval(p.src)
        elif p.form == "names":
            v = s.eval(p.src, **{k: torch.tensor(x) for k, x in p.names.items()})
        elif p.alpha is None:
            v = s.eval(f"{p.src} W", W=torch.tensor(p.omega))
        else:
            v = s.eval(f"A {p.src} W", A=torch.tensor(p.alpha), W=torch.tensor(p.omega))
    except apl.APLError as e:
        return ("error", e.name)
    if not hasattr(v, "dtype") or (isinstance(v, np.ndarray) and v.dtype.kind not in "biufc"):
        return ("other", type(v).__name__)
    return ("value", torch.as_tensor(v))


_ERROR = re.compile(r"^([A-Z]+ ERROR|WS FULL)")


def run_translation(p: Program):
    """("refused", reason), ("error", name), ("crash", text) or ("value", tensor)."""
    import torch

    import apl

    try:
        src = apl.translate(p.src)
    except apl.APLError as e:
        if e.name == "NONCE ERROR":
            return ("refused", str(e).splitlines()[0])
        if e.name == "SYNTAX ERROR":  # (the interpreter only finds it if it reaches it)
            return ("refused", f"syntax: {str(e).splitlines()[0]}")
        return ("error", e.name)
    except Exception as e:  # noqa: BLE001 - the translator itself failed
        import traceback

        return ("crash", f"translator: {type(e).__name__}: {e}", traceback.format_exc(limit=-4))
    ns: dict = {}
    try:
        exec(compile(src, "<translated>", "exec"), ns)  # noqa: S102 - the code under test
        f = ns["f"]
        if p.form == "closed":
            v = f()
        elif p.form == "names":
            params = f.__code__.co_varnames[: f.__code__.co_argcount]
            v = f(*(torch.tensor(p.names[x]) for x in params))
        elif p.alpha is None:
            v = f(torch.tensor(p.omega))
        else:
            v = f(torch.tensor(p.omega), torch.tensor(p.alpha))
    except Exception as e:  # noqa: BLE001 - any other exception is a disagreement
        return failure(e, src)
    if not isinstance(v, torch.Tensor):
        return ("crash", f"returned a {type(v).__name__}, not a tensor", src)
    return ("value", v, src)


def failure(e, src):
    """What an exception of generated code running says: ("error", name) for the module's
    APLError, ("refused", …) for a call it was not written for, else ("crash", text, src)."""
    if isinstance(e, ValueError):
        m = _ERROR.match(str(e))
        if m and type(e).__name__ == "APLError":
            return ("error", m.group(1))
        if "not translated" in str(e):
            return ("refused", f"at run time: {e}")
        return ("crash", f"{type(e).__name__}: {e}", src)
    if isinstance(e, TypeError) and "translation" in str(e):  # a derived function called with the valence it lacks
        return ("refused", f"at run time: {e}")
    return ("crash", f"{type(e).__name__}: {str(e)[:200]}", src)


def _values_differ(a, b) -> str | None:
    import torch

    if a.shape != b.shape:
        return f"shape {tuple(a.shape)}, interpreter {tuple(b.shape)}"
    ca, cb = _class(a), _class(b)
    if ca != cb:
        return f"{ca}, interpreter {cb}"
    if a.numel() == 0:
        return None
    x, y = a.detach().cpu().reshape(-1), b.detach().cpu().reshape(-1)
    if ca == "int":
        if not torch.equal(x.long(), y.long()):
            return f"values {x.tolist()[:8]}, interpreter {y.tolist()[:8]}"
        return None
    close = torch.isclose(x, y, rtol=1e-9, atol=1e-12)
    if not bool(close.all()):
        return f"values {x.tolist()[:8]}, interpreter {y.tolist()[:8]}"
    return None


def compare(p: Program):
    want = interpret(p)
    got = run_translation(p)
    if got[0] == "refused":
        return ("refused", got[1])
    if want[0] == "other":
        return ("skip", want[1])
    if got[0] == "crash":
        return ("disagree", got[1], got[2])
    if want[0] == "error" or got[0] == "error":
        if want == got[:2]:
            return ("agree", "error")
        w = want[1] if want[0] == "error" else "a value"
        g = got[1] if got[0] == "error" else "a value"
        return ("disagree", f"{g}, interpreter {w}", got[2] if len(got) > 2 else "")
    d = _values_differ(got[1], want[1])
    if d:
        return ("disagree", d, got[2])
    return ("agree", "value")


# ------------------------------------------------------------------ specialised translations
def as_float(p: Program) -> Program | None:
    """A dfn or derived function's program with its arguments made float64 (the specialised
    translation's domain), or None for the other forms."""
    if p.form not in ("dfn", "derived"):
        return None
    alpha = None if p.alpha is None else p.alpha.astype(np.float64)
    return Program(p.src, p.form, omega=p.omega.astype(np.float64), alpha=alpha)


def run_specialised(p: Program, shapes: bool):
    """run_translation for `apl.translate(src, ranks=…)` (or shapes=…) on float arguments."""
    import torch

    import apl

    args = [p.omega] if p.alpha is None else [p.alpha, p.omega]
    spec = [x.shape if shapes else x.ndim for x in args]
    try:
        src = apl.translate(p.src, **{"shapes" if shapes else "ranks": spec})
    except apl.APLError as e:
        if e.name in ("NONCE ERROR", "SYNTAX ERROR"):
            return ("refused", str(e).splitlines()[0])
        return ("error", e.name)
    except Exception as e:  # noqa: BLE001 - the translator itself failed
        return ("crash", f"translator: {type(e).__name__}: {e}", "")
    ns: dict = {}
    try:
        exec(compile(src, "<translated>", "exec"), ns)  # noqa: S102 - the code under test
        w = torch.tensor(p.omega)
        v = ns["f"](w) if p.alpha is None else ns["f"](w, torch.tensor(p.alpha))
    except ValueError as e:
        m = _ERROR.match(str(e))
        if m and type(e).__name__ == "APLError" and "not translated" in str(e):
            return ("refused", f"at run time: {e}")  # (a NONCE ERROR: a call the code was not written for)
        if m and type(e).__name__ == "APLError":
            return ("error", m.group(1), src, "not a finite number" in str(e))
        if "not translated" in str(e):
            return ("refused", f"at run time: {e}")
        return ("crash", f"{type(e).__name__}: {e}", src)
    except Exception as e:  # noqa: BLE001 - any other exception is a disagreement
        return ("crash", f"{type(e).__name__}: {str(e)[:200]}", src)
    if not isinstance(v, torch.Tensor):
        return ("crash", f"returned a {type(v).__name__}, not a tensor", src)
    return ("value", v, src)


def compare_specialised(p: Program, shapes: bool):
    """compare for a specialised translation: the same shape and values (the class of number
    is the argument's), or the same error; where the interpreter's result is complex, a DOMAIN
    ERROR (the specialised code computes in the arguments' float dtype) agrees."""
    want = interpret(p)
    got = run_specialised(p, shapes)
    if got[0] == "refused":
        return ("refused", got[1])
    if want[0] == "other":
        return ("skip", want[1])
    if got[0] == "crash":
        return ("disagree", got[1], got[2])
    if want[0] == "value" and want[1].is_complex() and got[:2] == ("error", "DOMAIN ERROR"):
        return ("agree", "complex")
    if want[0] == "error" or got[0] == "error":
        if want[:2] == got[:2]:
            return ("agree", "error")
        if got[0] == "error" and got[3]:  # torch's floats made an infinity or a NaN, APL not
            # (0÷0, APL's 1), or APL raised another error first: a refusal at run time
            return ("nonfinite", f"DOMAIN ERROR, interpreter {want[1] if want[0] == 'error' else 'a value'}")
        if want[:2] == ("error", "DOMAIN ERROR") and got[0] == "error":
            return ("nonfinite", f"{got[1]}, interpreter DOMAIN ERROR")  # (checked later)
        w = want[1] if want[0] == "error" else "a value"
        g = got[1] if got[0] == "error" else "a value"
        return ("disagree", f"{g}, interpreter {w}", got[2])
    d = specialised_values_differ(got[1], want[1])
    return ("disagree", d, got[2]) if d else ("agree", "value")


def specialised_values_differ(a, b) -> str | None:
    """How a specialised translation's value differs from the interpreter's (its class of
    number is the argument's: only complex or not must match), or None."""
    if a.shape != b.shape:
        return f"shape {tuple(a.shape)}, interpreter {tuple(b.shape)}"
    x, y = a.detach().cpu().reshape(-1), b.detach().cpu().reshape(-1)
    if x.is_complex() != y.is_complex():
        return f"{x.dtype}, interpreter {y.dtype}"
    if x.numel() and not bool(torch_isclose(x, y).all()):
        return f"values {x.tolist()[:8]}, interpreter {y.tolist()[:8]}"
    return None


def torch_isclose(x, y):
    import torch

    dt = torch.complex128 if x.is_complex() else torch.float64
    return torch.isclose(x.to(dt), y.to(dt), rtol=1e-9, atol=1e-12)


def describe(p: Program) -> str:
    if p.form == "closed":
        return p.src
    if p.form == "names":
        return p.src + "   with " + ", ".join(f"{k}={_show(v)}" for k, v in p.names.items())
    call = f"{p.src} W" if p.alpha is None else f"A {p.src} W"
    args = f"W={_show(p.omega)}" + ("" if p.alpha is None else f", A={_show(p.alpha)}")
    return f"{call}   with {args}"


def _show(v) -> str:
    if not v.ndim:
        return f"np.array({v.item()!r})"
    text = f"np.array({v.tolist()!r}, dtype={v.dtype})"
    return text if v.size else f"{text}.reshape{tuple(v.shape)}"


MEMORY = 4 << 30  # bytes of address space a worker may use: a huge array fails, it does not swap
SECONDS = 3  # a program running longer is skipped


class _Timeout(BaseException):  # (not caught where the generated code's errors are)
    pass


def _limit():
    import resource
    import signal
    import warnings

    import torch

    warnings.filterwarnings("ignore")  # torch.vmap's notes on batching rules it lacks
    torch.set_num_threads(1)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    def alarm(*_):
        raise _Timeout

    signal.signal(signal.SIGALRM, alarm)


def _guarded_compare(p: Program, mode: str = "general"):
    import signal

    signal.alarm(SECONDS)
    try:
        if mode == "general":
            return compare(p)
        if mode in ("compiled", "float32"):  # (the compiled path: differential_compiled.py)
            from translate import differential_compiled

            return getattr(differential_compiled, f"compare_{mode}")(p)
        return compare_specialised(p, shapes=mode == "shapes")
    except (_Timeout, MemoryError, RecursionError) as e:
        return ("skip", type(e).__name__)
    except RuntimeError as e:
        if "alloc" in str(e) or "memory" in str(e):
            return ("skip", "memory")
        raise
    finally:
        signal.alarm(0)


def _chunk(job):
    seed, start, count, specialised = job
    tally: dict = {}
    bad = []
    reasons: dict = {}
    source = programs
    if str(specialised).startswith("float-"):  # float arithmetic dfns (differential_compiled.py)
        from translate import differential_compiled

        source, specialised = differential_compiled.float_programs, specialised[len("float-"):]
    for i, p in enumerate(source(seed, count, start)):
        mode = "general"
        if specialised:
            p = as_float(p)
            if p is None:
                continue
            mode = specialised if specialised in ("compiled", "float32") else "shapes" if i % 2 else "ranks"
        r = _guarded_compare(p, mode)
        tally[r[0]] = tally.get(r[0], 0) + 1
        if r[0] == "disagree":
            bad.append((start + i, describe(p), r[1], r[2]))
        elif r[0] == "refused":
            key = re.sub(r"\s+", " ", r[1])[:70]
            reasons[key] = reasons.get(key, 0) + 1
    return tally, bad, reasons


def run(seed: int, count: int, workers: int = 2, chunk: int = 500, specialised=False):
    """Compare `count` programs of `seed`'s sequence in worker processes (each with limited
    memory and time per program): (tally of outcomes, disagreements, refusal reasons).
    With `specialised`, the dfns and derived functions among them, on float64 arguments,
    translated with ranks= and shapes= (alternately); "compiled": through apl.compile;
    "float32": the float32 translation against the general one (differential_compiled.py)."""
    import multiprocessing

    import torch  # imported once, before the workers fork

    import apl

    apl.Session(backend="torch").eval("+/⍳3")
    assert torch
    jobs = [(seed, s, min(chunk, count - s), specialised) for s in range(0, count, chunk)]
    tally: dict = {}
    bad: list = []
    reasons: dict = {}
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=_limit) as pool:
        for t, b, r in pool.imap(_chunk, jobs):
            for k, v in t.items():
                tally[k] = tally.get(k, 0) + v
            for k, v in r.items():
                reasons[k] = reasons.get(k, 0) + v
            bad += b
    return tally, bad, reasons


def main(argv=None):
    import argparse
    import time

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=30)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--refusals", action="store_true")
    ap.add_argument("--specialised", action="store_true", help="translate with ranks=/shapes=")
    ap.add_argument("--compiled", action="store_true", help="apl.compile against the interpreter")
    ap.add_argument("--float32", action="store_true", help="the float32 translation against the general one")
    ap.add_argument("--arithmetic", action="store_true", help="with --compiled or --float32: float arithmetic dfns")
    ap.add_argument("--code", action="store_true", help="show the generated code of disagreements")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    mode = "compiled" if args.compiled else "float32" if args.float32 else args.specialised
    if args.arithmetic:
        mode = f"float-{mode}"
    tally, bad, reasons = run(args.seed, args.count, args.workers, specialised=mode)
    dt = time.perf_counter() - t
    print(f"{args.count} programs in {dt:.1f}s: {tally}")
    for i, text, what, code in bad[: args.show]:
        print(f"- #{i}", text, "\n   ", what)
        if args.code:
            print(code)
    if args.refusals:
        for k, v in sorted(reasons.items(), key=lambda kv: -kv[1])[:40]:
            print(f"{v:6d}  {k}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
