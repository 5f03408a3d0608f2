"""Counts kept in narrow integers (`+/` of boolean arrays gives int8) behave exactly as int64.

Every expression runs twice in one session: once on N, a narrow count matrix made by `+/`, and
once on W, the same values widened to int64; results (and errors) must agree, and nothing
narrow may reach the Python API."""
from __future__ import annotations

import numpy as np
import pytest
from apl_values import same

import apl
from apl.errors import APLError

MONADIC = ["+", "-", "×", "÷", "|", "⌈", "⌊", "*", "⍟", "!", "○", "~", "?", "⍳", "⍴", ",", "⌽", "⊖", "⍉", "↑", "↓", "⊂", "⊃", "≡", "≢", "∪", "⍋", "⍒", "⊣", "⊢", "⍕", "⍎", "⊆", "∊", "≠", "⍸", "⌹"]
DYADIC = ["+", "-", "×", "÷", "|", "⌈", "⌊", "*", "⍟", "!", "○", "∧", "∨", "⍲", "⍱", "<", "≤", "=", "≥", ">", "≠", "≡", "≢", "⍴", ",", "⍪", "⌽", "⊖", "↑", "↓", "/", "\\", "⍳", "∊", "⍷", "∪", "∩", "~", "⊥", "⊤", "⊣", "⊢", "⌷", "⊃", "⍉", "⍸"]

TEMPLATES = (
    [f"{f}X" for f in MONADIC if f not in "?⍎"]
    + [f"{f}/X" for f in "+-×÷⌈⌊|∧∨<≤=≥>≠!*"]
    + [f"{f}⌿X" for f in "+×⌈"]
    + [f"{f}\\X" for f in "+-×⌈⌊∨≠"]
    + [f"X{f}X" for f in DYADIC]
    + [f"X{f}2" for f in DYADIC]
    + [f"2{f}X" for f in DYADIC]
    + [f"(,X){f}(,X)" for f in DYADIC]
    + [
        "X∘.+1 2", "X∘.×X", "X+.×X", "X⌈.+X", "X∨.∧X", "X-.÷1⌈X", "{⍺+⍵}/X", "{⍵×⍵}¨X",
        "X×⍤1⊢X", "{⍺,≢⍵}⌸,X", "(⊂X)⌷X", "X[1;]", "X[;2]", "(,X)[⍳3]", "1 2 3[1+X]",
        "X@(⊂1 1)⊢X", "(100×X)@(⊂1 1)⊢X", "(1∘+⍣3)X", "+/,X", "×/,X+1", "(+/÷≢),X",
        "X*3", "X*20", "X*40", "127×X", "1000×X", "X×X×X×X×X×X×X×X×X×X×X×X×X×X×X×X×X",
        "-X", "¯128+X", "X-200", "2*X", "X⊤X", "10⊥X", "X⍴X", "(2 2⍴X)↑X", "X/X",
        "1+X", "X=X+0", "X≡X+0", "X≡⍥,X+0", "⍕X", "⍉X", "X[⍋X;]", "∪,X", "(,X)⍳3",
        "3∊X", "+\\,X", "⌽X", "2⌽X", "X⌽X", "⊢/X", "X,5", "X⍪X", "(X=3)/,X", "↑X X",
        "⊃X X", "X ⍬", "(⊂X),⊂X", "≡⊂X", "X⍤0⊢1", "|X-5", "X>2.5", "X=3.0", "X<1J1",
        "X=⊂X", "0.5×X", "X÷0", "1E300×X", "X∧X", "X∨X", "X⍱X", "~X",
    ]
)


@pytest.fixture(scope="module")
def session():
    rng = np.random.default_rng(3)
    s = apl.Session()
    for i in range(1, 4):
        s[f"B{i}"] = rng.random((3, 4)) < 0.5
    s.eval("N←⊃+/B1 B2 B3 ⋄ W←0+N")
    assert s.env.vars["N"].dtype == np.int8, "the fixture must hold a narrow count"
    assert s.env.vars["W"].dtype == np.int64
    return s


def _run(s, expr):
    try:
        return "ok", s.eval(expr)
    except APLError as e:
        return "error", type(e).__name__


def _narrow_inside(v) -> bool:
    if isinstance(v, np.ndarray):
        if v.dtype == object:
            return any(_narrow_inside(x) for x in v.flat)
        return v.dtype.kind == "i" and v.dtype.itemsize < 8
    return isinstance(v, np.signedinteger) and v.dtype.itemsize < 8


@pytest.mark.parametrize("template", TEMPLATES)
def test_narrow_counts_behave_as_int64(session, template):
    seed = 5
    session.eval(f"⎕RL←{seed}")
    narrow = _run(session, template.replace("X", "N"))
    session.eval(f"⎕RL←{seed}")
    wide = _run(session, template.replace("X", "W"))
    assert narrow[0] == wide[0], (template, narrow, wide)
    if narrow[0] == "error":
        assert narrow[1] == wide[1], template
        return
    same(narrow[1], wide[1], exact_type=True)
    assert not _narrow_inside(narrow[1]), template


def test_counts_are_narrow_inside_and_int64_outside(session):
    assert session.eval("N").dtype == np.int64
    assert session.eval("⊂N")[()].dtype == np.int64
    assert session.eval("N (1 2)")[0].dtype == np.int64
    assert session["N"].dtype == np.int64


@pytest.mark.parametrize("n, dtype", [(2, np.int8), (127, np.int8), (128, np.int16), (300, np.int16)])
def test_count_type_holds_every_count(n, dtype):
    s = apl.Session()
    s.eval(f"C←⊃+/{n}⍴⊂1=2 2⍴1 1 0 1")
    assert s.env.vars["C"].dtype == dtype
    assert s["C"].tolist() == [[n, n], [0, n]]


def test_sum_of_boolean_items_falls_back_when_items_differ():
    s = apl.Session()
    with pytest.raises(APLError):
        s.eval("+/(1 0 1)(1 1)")
    assert s.eval("⊃+/(1 0 1)(1 1 1)(2 2 2)").tolist() == [4, 3, 4]
