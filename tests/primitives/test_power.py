"""The power operator ⍣ (apl/primitives/power.py) and the inverses f⍣¯1 uses
(apl/primitives/inverse.py). Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import math

import numpy as np
import pytest
from apl_values import BACKENDS, check, error_name, error_on, nested, run_on, same


# ---------------------------------------------------------------- ⍣
@pytest.mark.parametrize("src, exp", [
    ("(2∘×)⍣3⊢1", 8),
    ("2×⍣3⊢1", 8),
    ("2+⍣3⊢0", 6),
    ("2{⍺×⍵}⍣2⊢3", 12),
    ("{⍵÷2}⍣0⊢8", 8),
    ("-⍣2⊢5", 5),
    ("-⍣3⊢5", -5),
    ("⌊∘⍟⍣2⊢100", 1),
    ("{1+÷⍵}⍣≡1", (1 + 5 ** 0.5) / 2),
    ("{1+÷⍵}⍣=1", (1 + 5 ** 0.5) / 2),
    ("{⌊⍵÷2}⍣≡100", 0),
    ("(×∘2)⍣{⍵>100}1", 256),  # ⍺ is the new value, ⍵ the old one
    ("{2×⍵}⍣{⍺>100}⊢1", 128),
    ("{⍵+1}⍣{⍺>10}1", 11),
    ("1∘,⍣3⊢⍬", [1, 1, 1]),
])
def test_power(src, exp):
    check(src, exp)


def test_power_negative_of_a_dfn_is_a_domain_error():
    # LRG/power-operator: "If the function does not have an inverse ... DOMAIN ERROR"
    assert error_name("{⍵+1}⍣¯1⊢1") == "DOMAIN ERROR"


# ---------------------------------------------------------------- ⍣¯1 of a dfn
@pytest.mark.parametrize("backend", BACKENDS)
def test_inverse_of_a_dfn_is_a_domain_error(backend):
    # LRG/primitive-operators/power-operator: "If the function does not have an inverse, a
    # negative argument g generates DOMAIN ERROR."
    assert error_on("{⍵+1}⍣¯1⊢3", backend) == "DOMAIN ERROR"
    assert error_on("f←{⍺⍺ ⍵} ⋄ (-f)⍣¯1⊢3", backend) == "DOMAIN ERROR"
    assert int(run_on("succ←1∘+ ⋄ (succ⍣¯3)10", backend)) == 7


# ---------------------------------------------------------------- ⍣ with a negative count
@pytest.mark.parametrize("src, exp", [
    ("(2∘×)⍣¯1⊢8", 4),
    ("+∘1⍣¯1⊢5", 4),
    ("(-∘1)⍣¯1⊢5", 6),
    ("(2∘-)⍣¯1⊢5", -3),
    ("-⍣¯1⊢5", -5),
    ("÷⍣¯1⊢4", 0.25),
    ("*⍣¯1⊢1", 0),
    ("(10∘⊥)⍣¯1⊢123", [1, 2, 3]),
    ("2⊥⍣¯1⊢5", [1, 0, 1]),
    ("(2 2 2∘⊤)⍣¯1⊢1 0 1", 5),
    ("+\\⍣¯1⊢1 3 6 10", [1, 2, 3, 4]),
    ("(*∘2)⍣¯1⊢9", 3),
    ("(1∘⌽)⍣¯1⊢1 2 3", [3, 1, 2]),
    ("(2∘×)⍣¯2⊢8", 2),
    ("((2∘×)∘(1∘+))⍣¯1⊢10", 4),
    ("3 +⍣¯1⊢5", 2),
    ("⊂⍣¯1⊂1 2", [1, 2]),
])
def test_power_inverse(src, exp):
    check(src, exp)


def test_power_inverse_of_a_function_without_one():
    assert error_name("⍴⍣¯1⊢5") == "DOMAIN ERROR"


# ---------------------------------------------------------------- inverses
# LRG/primitive-operators/power-operator: f⍣¯1 for f built with ∘ ¨ ⍨ from invertible
# primitives (⍺ bound to ○ inverts through the paired circular function).
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("(⌽¨)⍣¯1⊢(1 2)(3 4 5)", nested(np.array([2, 1]), np.array([5, 4, 3]))),
    ("((2∘×)¨)⍣¯1⊢2 4 6", [1.0, 2.0, 3.0]),
    ("(-¨)⍣¯1⊢1 2", [-1, -2]),
    ("(1∘○)⍣¯1⊢1", np.pi / 2),
    ("(3∘○)⍣¯1⊢1", np.pi / 4),
    ("(¯3∘○)⍣¯1⊢1", np.tan(1)),
    ("2(-⍨⍣¯1)5", 7),
    ("(-⍨∘2)⍣¯1⊢5", -3),
    ("(2∘(÷⍨))⍣¯1⊢5", 10),
    ("(÷⍨∘2)⍣¯1⊢5", 0.4),
])
def test_more_inverses(src, exp, backend):
    same(run_on(src, backend), np.asarray(exp))


def test_circle_without_inverse():
    assert error_on("(0∘○)⍣¯1⊢1") == "DOMAIN ERROR"


# ---------------------------------------------------------------- inverses on both backends
@pytest.mark.parametrize("backend", BACKENDS)
def test_inverse_of_pi_times_divides_by_pi(backend):
    # was (○1)÷⍵ instead of ⍵÷○1
    same(run_on("(○⍣¯1)1", backend), 1 / math.pi)
    same(run_on("○⍣¯1⊢○2 3", backend), np.array([2.0, 3.0]))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("+⍨⍣¯1⊢6", 3),                  # crashed on torch (a NumPy scalar where an array belongs)
    ("+⍨⍣¯1⊢6 8", [3, 4]),
    ("×⍨⍣¯1⊢9 16", [3, 4]),
    ("+\\⍣¯1⊢1 3 6 10", [1, 2, 3, 4]),
    ("(1∘○)⍣¯1⊢1", math.pi / 2),
])
def test_inverses_on_both_backends(backend, src, expected):
    same(run_on(src, backend), np.array(expected))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, shape, ravel", [
    ("2⊥⍣¯1⊢5", [3], [1, 0, 1]),
    ("2⊥⍣¯1⊢1 5", [3, 2], [0, 1, 0, 0, 1, 1]),     # was NONCE ERROR: digits for the largest
    ("10⊥⍣¯1⊢12 345", [3, 2], [0, 3, 1, 4, 2, 5]),
    ("10(⊥⍣¯1)99 100", [3, 2], [0, 1, 9, 0, 9, 0]),
    ("(2∘⊥⍣¯1)4 1", [3, 2], [1, 0, 0, 0, 0, 1]),
    ("2⊥⍣¯1⊢2 2⍴1 2 3 4", [3, 2, 2], [0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0]),
    ("10⊥⍣¯1⊢1234", [4], [1, 2, 3, 4]),
    ("2 2⊥⍣¯1⊢3 1", [2, 2], [1, 0, 1, 1]),
])
def test_decode_inverse_of_arrays(backend, src, shape, ravel):
    same(run_on(src, backend), np.array(ravel).reshape(shape))
