"""Batched rank (apl/runtime/lift.py): f⍤k over all the cells at once gives what f⍤k cell by
cell gives — values with their types, errors — and falls back where it must."""
import numpy as np
import pytest

import apl
from apl.runtime import lift, lift_keys
from tests.runtime.tier_harness import same


def outcome(src, on, **names):
    with lift.switched(on):
        s = apl.Session()
        if names:
            s.bind(**names)
        try:
            return "value", s.eval(src)
        except apl.APLError as e:
            return "error", (e.name, e.message, None if e.span is None else (e.span.start, e.span.end))


def both(src, **names):
    on, off = outcome(src, True, **names), outcome(src, False, **names)
    assert on[0] == off[0], (src, on, off)
    if on[0] == "value":
        assert same(on[1], off[1]), (src, on[1], off[1])
    else:
        assert on[1] == off[1], (src, on[1], off[1])
    return on


RNG = np.random.default_rng(7)
X = RNG.random((6, 5))
M = RNG.integers(-50, 50, (4, 3, 5))
B = RNG.random((4, 5)) < 0.5


@pytest.mark.parametrize("src", [
    "{⍵÷+/⍵}⍤1⊢X", "{e÷+/e←*⍵-⌈/⍵}⍤1⊢X", "(⊢÷+/)⍤1⊢X", "{(+/⍵)-⌈/⍵}⍤1⊢M", "{(+/⍵)÷≢⍵}⍤1⊢X",
    "{⍵-(+/⍵)÷≢⍵}⍤1⊢M", "+/⍤1⊢M", "+⌿⍤2⊢M", "{+\\⍵}⍤1⊢M", "{⌽⍵}⍤1⊢M", "{⍵[2]}⍤1⊢M", "{⍵[1 3]}⍤1⊢M",
    "{⍵×2}⍤1⊢M", "{2×⍵}⍤2⊢M", "{⍵+1 2 3 4 5}⍤1⊢M", "{1 2 3 4 5+⍵}⍤1⊢X", "{⍵+1 2 3}⍤1⊢M",
    "{⍵∨⌽⍵}⍤1⊢B", "{+/⍵}⍤1⊢B", "{⍵=⌈/⍵}⍤1⊢M", "{(⌈/⍵)⌊⍵}⍤1⊢X", "{x←⍵×⍵ ⋄ +/x}⍤1⊢X", "{⍴⍵}⍤1⊢M",
    "{≢⍵}⍤2⊢M", "{0=≢⍵:0 ⋄ +/⍵}⍤1⊢M", "{⍵>0:1 ⋄ 0}⍤0⊢M", "{-⍵}⍤0⊢M", "{⍵*2}⍤1⊢X", "{⍵÷0}⍤1⊢X",
    "{⍵÷⍵-⍵}⍤1⊢X", "{⍵+9223372036854775807}⍤1⊢M", "{⍵×4611686018427387904}⍤1⊢M", "{+/⍵×4611686018427387904}⍤1⊢M",
    "{'a'+⍵}⍤1⊢M", "{⍵[9]}⍤1⊢M", "{⍵,⍵}⍤1⊢M", "{⍵ ⍵}⍤1⊢M", "{⎕←⍵}⍤1⊢2 2⍴⍳4", "{?⍵}⍤0⊢0 0",
    "{(,1)+⍵}⍤1⊢M", "{(1 1⍴1)+⍵}⍤1⊢M", "f←{⍵÷+/⍵} ⋄ f⍤1⊢X", "g←{+/⍵} ⋄ {⍵÷g ⍵}⍤1⊢X",
    "f←{⍵≤0:0 ⋄ f ⍵-1} ⋄ f⍤0⊢2 2⍴1", "{⍵+⍵}⍤1⊢0 5⍴0", "{⍵+1}⍤1⊢5 0⍴0", "{⍵}⍤1⊢⍳5", "{⍵+1}⍤0 1⊢M",
    # dyadic
    "X{⍺×⍵}⍤1⊢X", "(5⍴2){⍺×⍵}⍤1⊢X", "1 2 3 4 5{⍺+⍵}⍤1⊢M", "M{⍺-+/⍵}⍤1⊢M", "2{⍺×⍵}⍤0 1⊢X",
    "(2 3⍴1){⍺+⍵}⍤1⊢X", "X(+⍤1)X", "X{⍺÷⍵}⍤1⊢X", "(⍳6){⍺×⍵}⍤0 1⊢X", "(⍳4){⍺+⍵}⍤0 1⊢X",
])
def test_batched_rank_gives_the_cell_by_cell_result(src):
    both(src, X=X, M=M, B=B)


def test_the_lesson_idioms_are_batched():
    s = apl.Session()
    s["x"] = X
    calls = []
    real = lift.apply1

    def spy(f, x):
        calls.append(f)
        return real(f, x)

    lift.apply1 = spy
    try:
        r = s.eval("{⍵÷+/⍵}⍤1⊢x")
    finally:
        lift.apply1 = real
    assert calls and np.allclose(r, X / X.sum(1, keepdims=True))


def test_torch_autograd_flows_through_batched_rank():
    torch = pytest.importorskip("torch")
    from apl.primitives import cellwise

    lifted = []
    real = cellwise._LIFT[0]
    cellwise._LIFT[0] = lambda f, w, r: lifted.append(real(f, w, r)) or lifted[-1]
    try:
        x = torch.tensor(X, requires_grad=True)
        f = apl.function("{e÷+/e←*⍵-⌈/⍵}⍤1")
        y = f(x)
    finally:
        cellwise._LIFT[0] = real
    assert lifted and lifted[0] is not None  # one evaluation over the frame, on tensors
    ref = torch.softmax(x, dim=1)
    assert torch.allclose(y, ref)
    (y * torch.arange(5.0, dtype=torch.float64)).sum().backward()
    x2 = torch.tensor(X, requires_grad=True)
    (torch.softmax(x2, dim=1) * torch.arange(5.0, dtype=torch.float64)).sum().backward()
    assert torch.allclose(x.grad, x2.grad)


@pytest.mark.parametrize("src", [
    "{(?10)+⍵}⍤1⊢M", "g←{⎕←⍵ ⋄ ⍵} ⋄ {(g 3)+⍵}⍤1⊢M", "g←{⍵×2} ⋄ {(g 3)+⍵}⍤1⊢M", "{(⍎'2')×⍵}⍤1⊢M",
    "{⎕←1 ⋄ ⍵}⍤1⊢M", "{0=≢⍵:⎕←'x' ⋄ ⍵+1}⍤1⊢M", "{(+/?⍵)}⍤1⊢1+M×0",
])
def test_effects_and_random_numbers_happen_as_cell_by_cell(src, capsys):
    """What is the same for every cell is computed once only when that makes no difference:
    ⎕← prints, ? draws and ⍎ runs once per cell either way."""
    on = outcome(src, True, M=M)
    printed_on = capsys.readouterr().out
    off = outcome(src, False, M=M)
    printed_off = capsys.readouterr().out
    assert on[0] == off[0] and printed_on == printed_off
    if on[0] == "value":
        assert same(on[1], off[1])


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_rows_divided_by_their_sums_on_torch(dtype):
    """{⍵÷+/⍵}⍤1 on torch: rows whose sums are all at least 1 skip the result's check (the
    quotient cannot overflow); a smaller sum, a zero row (0÷0 is 1) and an infinity take the
    general division: the cell-by-cell answer or error each way."""
    torch = pytest.importorskip("torch")
    dt = getattr(torch, dtype)
    x = torch.rand(6, 5, dtype=dt) + 0.5
    for m in (x, torch.cat([x, torch.full((1, 5), 0.01, dtype=dt)]), torch.cat([x, torch.zeros(1, 5, dtype=dt)])):
        s = apl.Session(backend="torch")
        s["m"] = m
        got = s.eval("{⍵÷+/⍵}⍤1⊢m")
        with lift.switched(False):
            want = s.eval("{⍵÷+/⍵}⍤1⊢m")
        assert got.dtype == want.dtype and torch.equal(got, want)
    s = apl.Session(backend="torch")
    bad = x.clone()
    bad[2, 3] = float("inf")
    s["m"] = bad
    with pytest.raises(apl.APLError) as e:
        s.eval("{⍵÷+/⍵}⍤1⊢m")
    assert e.value.name == "DOMAIN ERROR"


def _count_checks(monkeypatch):
    calls = []
    real = lift._check
    monkeypatch.setattr(lift, "_check", lambda got, ref: calls.append(1) or real(got, ref))
    monkeypatch.setattr(lift_keys, "VERIFIED", {})
    return calls


def test_the_first_cell_is_checked_once_per_function_and_argument_class(monkeypatch):
    """A lifting that matched the first cell once is not checked again for the same function on
    arguments of the same class: a new dtype, cell shape or function body is checked anew."""
    calls = _count_checks(monkeypatch)
    s = apl.Session()
    s.bind(X=X, M=M, Y=RNG.random((9, 5)), W=RNG.random((6, 4)))
    for _ in range(3):
        s.eval("{⍵÷+/⍵}⍤1⊢X")
    assert len(calls) == 1
    s.eval("f←{⍵÷+/⍵}")
    s.eval("f⍤1⊢X")
    s.eval("f⍤1⊢Y")  # more cells of the same shape: already verified
    assert len(calls) == 2
    s.eval("f⍤1⊢W")  # another cell shape
    s.eval("f⍤1⊢M")  # integers
    s.eval("f⍤1⊢X ⋄ {⍵×+/⍵}⍤1⊢X")  # another body
    s.eval("X{⍺×⍵}⍤1⊢X")
    s.eval("X{⍺×⍵}⍤1⊢X")
    assert len(calls) == 6
    y = s["Y"]
    assert np.array_equal(s.eval("f⍤1⊢Y"), y / y.sum(1, keepdims=True))


def test_a_verified_function_still_falls_back_where_the_values_ask(monkeypatch):
    """What depends on the numbers is looked at on every call, verified or not: an integer sum
    that overflows, an index out of a cell, a zero divisor each take the cell-by-cell path."""
    calls = _count_checks(monkeypatch)
    big = np.full((3, 5), 2**62, dtype=np.int64)
    for src, names in [("{+/⍵}⍤1⊢A", {"A": M[0]}), ("{+/⍵}⍤1⊢A", {"A": big}),
                       ("{⍵[I]}⍤1⊢A", {"A": M[0], "I": 2}), ("{⍵[I]}⍤1⊢A", {"A": M[0], "I": 9}),
                       ("{⍵÷+/⍵}⍤1⊢A", {"A": X}), ("{⍵÷+/⍵}⍤1⊢A", {"A": X - X})]:
        both(src, **names)
    assert len(calls) == 3  # the second of each pair was verified already


def test_a_free_name_of_another_class_is_checked_anew(monkeypatch):
    calls = _count_checks(monkeypatch)
    s = apl.Session()
    s.bind(X=X, n=2)
    s.eval("f←{⍵×n}")
    s.eval("f⍤1⊢X")
    s.eval("f⍤1⊢X")
    assert len(calls) == 1
    s.eval("n←2.5")
    s.eval("f⍤1⊢X")
    s.eval("g←{⍵×2} ⋄ h←{g ⍵}")
    s.eval("h⍤1⊢X")
    s.eval("g←{⍵×3}")
    assert same(s.eval("h⍤1⊢X"), X * 3)
    assert len(calls) == 4
