"""Batched rank against cell by cell on generated programs: random dfn bodies made of what the
lifting knows (scalar functions, reductions and scans, ⌽ ≢ ⍴, indexing, names, guards) and of
what it must refuse, applied with ⍤ to random arrays. Each program runs twice batched — the
second time on other values of the same class, where the first cell is no longer checked
(apl/runtime/lift.py verifies a function once per class of arguments) — and must give the value,
type and error the cell-by-cell path gives: exactly, or to the last places where a transcendental
function is involved (see `_close`)."""
import random

import numpy as np
import pytest

import apl
from apl.runtime import lift, lift_keys
from tests.runtime.tier_harness import same

MONADIC = "-|⌊⌈×÷*⍟~!○"
DYADIC = ["+", "-", "×", "÷", "⌈", "⌊", "=", "<", "≤", "≠", "∧", "∨", "*", "|"]
REDUCE = "+×⌈⌊-∧∨"


class Program:
    """One random dfn text and the arrays it runs on."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.dyadic = rng.random() < 0.3
        self.locals: list = []

    def leaf(self, depth):
        r = self.rng.random()
        if r < 0.45:
            return "⍵"
        if self.dyadic and r < 0.65:
            return "⍺"
        if self.locals and r < 0.75:
            return self.rng.choice(self.locals)
        if r < 0.85:
            return self.rng.choice(["2", "0.5", "¯1", "3", "1E300", "0"])
        if r < 0.92:
            return "(≢⍵)"
        return f"⍵[{self.rng.choice([1, 2, 3, 9])}]"

    def expr(self, depth):
        if depth <= 0:
            return self.leaf(depth)
        r = self.rng.random()
        if r < 0.35:
            return f"({self.expr(depth - 1)}){self.rng.choice(DYADIC)}{self.expr(depth - 1)}"
        if r < 0.5:
            return f"{self.rng.choice(MONADIC)}{self.expr(depth - 1)}"
        if r < 0.65:
            return f"{self.rng.choice(REDUCE)}{self.rng.choice('/⌿')}{self.expr(depth - 1)}"
        if r < 0.72:
            return f"{self.rng.choice('+⌈')}\\{self.expr(depth - 1)}"
        if r < 0.78:
            return f"⌽{self.expr(depth - 1)}"
        if r < 0.82:
            return f"{self.rng.choice(['⍴', '≢', ','])}{self.expr(depth - 1)}"
        return self.leaf(depth)

    def body(self):
        parts = []
        if self.rng.random() < 0.2:
            parts.append(f"0=≢⍵:{self.expr(1)}")
        if self.rng.random() < 0.3:
            parts.append(f"t←{self.expr(2)}")
            self.locals.append("t")
        parts.append(self.expr(3))
        return "{" + " ⋄ ".join(parts) + "}"


def _array(rng: np.random.Generator, shape, kind):
    if kind == "int":
        return rng.integers(-9, 10, shape)
    if kind == "big":
        return rng.integers(2**61, 2**62, shape)
    if kind == "bool":
        return rng.random(shape) < 0.5
    return rng.random(shape) * 4 - 1


def _same(x, y) -> bool:
    """same(), and for tensors: type, dtype, shape and items."""
    if type(x) is not type(y):
        return False
    if isinstance(x, np.ndarray) and x.dtype == object:
        return x.shape == y.shape and all(_same(a, b) for a, b in zip(x.ravel(), y.ravel()))
    if hasattr(x, "detach"):  # a tensor
        import torch

        return x.dtype == y.dtype and x.shape == y.shape and bool(torch.equal(x, y) or (
            x.is_floating_point() and torch.equal(x.nan_to_num(7.5), y.nan_to_num(7.5))))
    return same(x, y)


def _outcome(src, on, names, backend=None):
    with lift.switched(on):
        s = apl.Session(backend=backend)
        s.bind(**names)
        try:
            return "value", s.eval(src)
        except apl.APLError as e:
            return "error", (e.name, e.message, None if e.span is None else (e.span.start, e.span.end))


TRANSCENDENTAL = "*⍟○!"


def _close(x, y) -> bool:
    """Same type, dtype and shape, and items within rounding: the vectorised kernels of exp,
    log, power … (NumPy's SIMD loops, torch's) round by where an item falls in the array, so
    f on a whole frame and f on one cell may differ in the last place."""
    if type(x) is not type(y) or x.dtype != y.dtype or tuple(x.shape) != tuple(y.shape):
        return False
    a, b = (x.cpu().numpy(), y.cpu().numpy()) if hasattr(x, "detach") else (x, y)
    if a.dtype == object:
        return all(_close(np.asarray(p), np.asarray(q)) for p, q in zip(a.ravel(), b.ravel()))
    return bool(np.allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))


def _close_in_kind(x, y) -> bool:
    return type(x) is type(y) and x.dtype == y.dtype and tuple(x.shape) == tuple(y.shape)


def _agree(src, names, backend):
    on, off = _outcome(src, True, names, backend), _outcome(src, False, names, backend)
    assert on[0] == off[0], (src, on, off)
    if on[0] == "value":
        rounded = any(g in src for g in TRANSCENDENTAL)
        if rounded and any(g in src for g in "∨∧|"):
            # GCD, LCM and residue of floats that differ in the last place can differ in every place
            assert _close_in_kind(on[1], off[1]), (src, on[1], off[1])
        else:
            assert (_close if rounded else _same)(on[1], off[1]), (src, on[1], off[1])
    else:
        assert on[1] == off[1], (src, on[1], off[1])


@pytest.mark.parametrize("backend", ["numpy", "torch"])
@pytest.mark.parametrize("seed", range(16))
def test_generated_programs_give_the_cell_by_cell_answer(seed, backend, monkeypatch):
    if backend == "torch":
        pytest.importorskip("torch")
    monkeypatch.setattr(lift_keys, "VERIFIED", {})
    rng = random.Random(seed)
    data = np.random.default_rng(seed)
    for _ in range(40):
        p = Program(rng)
        body = p.body()
        shape = rng.choice([(3, 4), (2, 3, 4), (5, 2)])
        k = rng.choice([1, 1, 2, 0]) if len(shape) == 3 else rng.choice([1, 1, 0])
        kinds = [rng.choice(["int", "float", "float", "bool", "big"]) for _ in range(2)]
        src = f"A{body}⍤{k}⊢B" if p.dyadic else f"{body}⍤{k}⊢B"
        for run in range(2):  # the second run: same classes, other values
            names = {"B": _array(data, shape, kinds[0])}
            if p.dyadic:
                names["A"] = _array(data, shape, kinds[1])
            _agree(src, names, backend)
