"""Python expressions under construction: their text, their precedence, and what they hold.

The printer builds `Code` values bottom-up. Each knows its Python precedence (so parentheses
appear only where needed), its value kind, and its APL rank and shape when they are known
statically (from literals), which lets the printer pick plain tensor code over helpers;
`literal_ints` and `boolean` read back the numbers a literal's code stands for.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

# Python precedence, loosest to tightest
OR, AND, NOT, CMP, BOR, BXOR, BAND, ADD, MUL, UNARY, POW, ATOM = 10, 15, 20, 30, 43, 44, 45, 50, 60, 70, 80, 100

# value kinds: tensors of bool, int64, float64 or of an unknown numeric type; Python numbers
BOOL, INT, FLOAT, NUM, PYINT, PYFLOAT, PYCOMPLEX = "b", "i", "f", "n", "pi", "pf", "pc"
PYTHON = (PYINT, PYFLOAT, PYCOMPLEX)


@dataclass(frozen=True)
class Code:
    text: str
    kind: str = NUM
    prec: int = ATOM
    rank: int | None = None
    shape: tuple | None = None
    bound: float | None = None  # an upper bound on the magnitude of every item, when known
    aligned: bool = False  # a view lined up for torch's broadcasting with the other argument (∘. ⍤)
    raw: bool = False  # torch's float arithmetic (ranks=): may hold an infinity or a NaN, unchecked
    cells: int | None = None  # inside f⍤1 lifted to the whole array (batched.py): the rank of a cell
    holds: frozenset = frozenset()  # unchecked variables (block.Deferred) whose infinities surely flow in
    pure: bool = False  # raw only through `holds`, passed on by functions that make none of their own
    native: bool = False  # a float tensor of the arguments' dtype (ranks=/shapes=, see TorchPrinter.dtype)
    fresh: bool = False  # an expression that makes a tensor no one else holds (TorchPrinter.inplace)
    scaled: tuple | None = None  # (x, s) where this is x times a Python number s (native.reused)

    def but(self, **changes) -> Code:
        if "text" in changes:  # (another expression: a name bound to the tensor, a view of it …)
            changes.setdefault("fresh", False)
            changes.setdefault("scaled", None)
        return replace(self, **changes)

    @property
    def is_python(self) -> bool:
        return self.kind in PYTHON

    @property
    def is_float(self) -> bool:
        return self.kind in (FLOAT, PYFLOAT, PYCOMPLEX)

    def atom(self) -> str:
        """The text, parenthesised unless it is already an atom (for `.method()` and `[...]`)."""
        if self.prec >= ATOM and not (self.is_python and self.text.startswith("-")):
            return self.text
        return f"({self.text})"

    def at_least(self, prec: int) -> str:
        return self.text if self.prec >= prec else f"({self.text})"


def fast_floats(*codes) -> bool:
    """Whether torch's float arithmetic computes a scalar function of these exactly as APL does
    (under ranks=, for float tensors): floats, or integers small enough to be exact in them,
    one of them a float tensor. An infinity or a NaN it makes is APL's DOMAIN ERROR (Code.raw)."""
    def fits(c):
        return c.kind in (FLOAT, PYFLOAT, PYINT) or (c.kind == INT and c.bound is not None and c.bound < 2**53)

    return all(fits(c) for c in codes) and any(c.kind == FLOAT for c in codes)


def is_simple_power_operand(c: Code) -> bool:
    """Black and ruff hug `**` when both operands are names, numbers or attribute chains."""
    t = c.text
    return c.prec >= ATOM and all(ch.isalnum() or ch in "._" for ch in t)


def binary(op: str, a: Code, b: Code, prec: int, kind: str, rank=None, shape=None, bound=None) -> Code:
    if op == "**":
        left = a.text if a.prec > POW and not (a.is_python and a.text.startswith("-")) else f"({a.text})"
        right = b.text if b.prec >= UNARY else f"({b.text})"
        sep = "" if is_simple_power_operand(a) and is_simple_power_operand(b) else " "
        return Code(f"{left}{sep}**{sep}{right}", kind, POW, rank, shape, bound)
    if prec == CMP:
        left, right = a.at_least(CMP + 1), b.at_least(CMP + 1)
    else:
        left, right = a.at_least(prec), b.at_least(prec + 1)
    return Code(f"{left} {op} {right}", kind, prec, rank, shape, bound)


def call(fn: str, *args: str, kind: str = NUM, rank=None, shape=None, bound=None) -> Code:
    return Code(f"{fn}({', '.join(args)})", kind, ATOM, rank, shape, bound)


def method(obj: Code, name: str, *args: str, kind: str = NUM, rank=None, shape=None, bound=None,
           native=False) -> Code:
    return Code(f"{obj.atom()}.{name}({', '.join(args)})", kind, ATOM, rank, shape, bound, native=native)


def python_number(x) -> str:
    """A number as Python source (complex numbers included)."""
    if isinstance(x, complex):
        re_, im = x.real, x.imag
        im_text = f"{python_number(abs(im))}j".replace(".0j", "j") if abs(im).is_integer() else f"{abs(im)!r}j"
        if re_ == 0:
            return ("-" if im < 0 else "") + im_text
        return f"({python_number(re_ if not re_.is_integer() else int(re_))} {'-' if im < 0 else '+'} {im_text})"
    if isinstance(x, float):
        r = repr(x)
        return r if ("." in r or "e" in r or "n" in r) else r + ".0"
    return str(int(x))


def tensor_kind(kind: str) -> str:
    """The kind of a tensor computed from values of this kind (Python numbers become tensors)."""
    return {PYINT: INT, PYFLOAT: FLOAT, PYCOMPLEX: NUM}.get(kind, kind)


def result_kind(*codes: Code) -> str:
    """The kind of an arithmetic result from its operands (float wins, then unknown, then int)."""
    kinds = {c.kind for c in codes}
    if kinds == {BOOL}:
        return BOOL
    if kinds <= set(PYTHON):
        return PYCOMPLEX if PYCOMPLEX in kinds else PYFLOAT if PYFLOAT in kinds else PYINT
    if PYCOMPLEX in kinds:
        return NUM
    if FLOAT in kinds or PYFLOAT in kinds:
        return FLOAT
    if NUM in kinds:
        return NUM
    return INT


def broadcast_shape(a: Code, b: Code):
    """APL scalar extension, when both shapes are known: the shape of the result."""
    if a.shape is None or b.shape is None:
        if a.rank == 0 and b.rank is not None:
            return b.rank, b.shape
        if b.rank == 0 and a.rank is not None:
            return a.rank, a.shape
        if a.rank is not None and a.rank == b.rank:
            return a.rank, None
        return None, None
    if a.shape == b.shape or b.shape == ():
        return len(a.shape), a.shape
    if a.shape == ():
        return len(b.shape), b.shape
    return None, None


def boolean(c: Code):
    """c as a bool tensor when it is one, or a literal of 0s and 1s; else None."""
    if c.kind == BOOL:
        return c
    vals = literal_ints(c)
    if vals is not None and set(vals) <= {0, 1}:
        if c.is_python:
            return Code("True" if vals[0] else "False", BOOL, ATOM, 0, ())
        return method(c, "bool", kind=BOOL, rank=c.rank, shape=c.shape)
    return None


def literal_int(c: Code):
    """The whole number a Python literal stands for, or None (a computed or other value)."""
    if c.kind != PYINT:
        return None
    try:
        return int(c.text)
    except ValueError:
        return None


def literal_float(c: Code):
    """The real number a Python literal stands for, or None (a computed or other value)."""
    if c.kind not in (PYINT, PYFLOAT):
        return None
    try:
        return float(c.text)
    except ValueError:
        return None


def literal_ints(c: Code):
    """The whole numbers a literal stands for, or None when they are computed."""
    t = c.text
    if c.shape == (0,) and c.kind == INT and t.startswith("torch.zeros(0"):
        return []
    try:
        if c.kind == PYINT:
            return [int(t)]
        if t.startswith("torch.tensor([") and t.endswith("])") and c.kind == INT:
            return [int(x) for x in t[len("torch.tensor(["):-2].split(",")]
    except ValueError:
        return None
    return None
