"""The array idioms of the fast.ai APL notes: operators and functions together.
Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).
"""
import numpy as np
import pytest
from apl_values import check, ev, same


# ---------------------------------------------------------------- fast.ai idioms
def test_frobenius_norm_tacit():
    assert ev("m←2 2⍴3 4 0 0 ⋄ (+/,×⍨m)*0.5") == 5.0


def test_frobenius_norm_dfn():
    assert ev("{(+/,⍵×⍵)*0.5}2 2⍴1 2 2 4") == 5.0
    m = np.arange(12.0).reshape(3, 4)
    assert ev("{(+/,⍵×⍵)*0.5}M", M=m) == pytest.approx(np.linalg.norm(m))
    assert ev("(+/,×⍨M)*0.5", M=m) == pytest.approx(np.linalg.norm(m))


def test_mean():
    assert ev("(+/÷≢)1 2 3 4 5") == 3.0
    assert ev("mean←{(+/⍵)÷≢⍵} ⋄ mean 1 2 3 4") == 2.5
    check("mean←{(+/⍵)÷≢⍵} ⋄ mean 2 3⍴⍳6", [3.0, 7.5])  # +/ along rows, ≢ counts rows


def test_multiplication_table():
    check("∘.×⍨⍳5", np.outer(np.arange(1, 6), np.arange(1, 6)))


def test_identity_matrix():
    r = ev("∘.=⍨⍳4")
    assert r.dtype == bool
    same(r, np.eye(4, dtype=int))
    same(ev("n←3 ⋄ ∘.=⍨⍳n"), np.eye(3, dtype=int))


def test_primes():
    check("n←20 ⋄ (2=+⌿0=∘.|⍨⍳n)/⍳n", [2, 3, 5, 7, 11, 13, 17, 19])
    check("n←50 ⋄ (2=+⌿0=∘.|⍨⍳n)/⍳n", [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47])


def test_matrix_product():
    a = np.arange(6).reshape(2, 3)
    b = np.arange(12).reshape(3, 4)
    check("A+.×B", a @ b, A=a, B=b)
    check("X+.×Y", np.arange(9.0).reshape(3, 3), X=np.eye(3), Y=np.arange(9.0).reshape(3, 3))


def test_row_normalisation():
    check("m←2 3⍴1 1 2 1 3 4 ⋄ {⍵÷+/⍵}⍤1⊢m", [[0.25, 0.25, 0.5], [0.125, 0.375, 0.5]])
    r = ev("{⍵÷+/⍵}⍤1⊢M", M=np.arange(1.0, 13.0).reshape(3, 4))
    np.testing.assert_allclose(r.sum(axis=1), [1, 1, 1])


def test_sum_of_squares():
    assert ev("x←⍳5 ⋄ +/x×x") == 55
    assert ev("+/×⍨⍳5") == 55
