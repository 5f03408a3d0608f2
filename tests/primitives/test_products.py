"""The product operators (apl/primitives/products.py): outer product ∘.f and inner product f.g.
Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, check, error_name, error_on, ev, grid, run_on, same


# ---------------------------------------------------------------- ∘.
@pytest.mark.parametrize("src, exp", [
    ("1 2∘.+1 2 3", [[2, 3, 4], [3, 4, 5]]),
    ("(⍳3)∘.×⍳4", [[1, 2, 3, 4], [2, 4, 6, 8], [3, 6, 9, 12]]),
    ("'ab'∘.='abc'", [[1, 0, 0], [0, 1, 0]]),
    ("1 2 3∘.>2", [0, 0, 1]),
    ("1∘.+1", 2),
    ("(2 2⍴⍳4)∘.+1 2", [[[2, 3], [3, 4]], [[4, 5], [5, 6]]]),
    ("(⍳2)∘.{⍺+⍵}⍳3", [[2, 3, 4], [3, 4, 5]]),
    ("(⍳2)∘.{⍵}⍳3", [[1, 2, 3], [1, 2, 3]]),
    ("1 2∘.,3 4", grid([[np.array([1, 3]), np.array([1, 4])], [np.array([2, 3]), np.array([2, 4])]])),
    ("1 2∘.{⍺,⍵}3 4", grid([[np.array([1, 3]), np.array([1, 4])], [np.array([2, 3]), np.array([2, 4])]])),
    ("1 2∘.⍴3 4", grid([[np.array([3]), np.array([4])], [np.array([3, 3]), np.array([4, 4])]])),
    ("(1 2)(3 4)∘.,5 6", grid([[np.array([1, 2, 5]), np.array([1, 2, 6])],
                              [np.array([3, 4, 5]), np.array([3, 4, 6])]])),
])
def test_outer_product(src, exp):
    check(src, exp)


def test_outer_product_shape_is_the_catenation_of_shapes():
    check("⍴(2 3⍴0)∘.×4 5⍴0", [2, 3, 4, 5])
    check("⍴⍬∘.+⍬", [0, 0])


# ---------------------------------------------------------------- f.g
@pytest.mark.parametrize("src, exp", [
    ("(2 2⍴1 2 3 4)+.×2 2⍴5 6 7 8", [[19, 22], [43, 50]]),
    ("1 2 3+.×4 5 6", 32),
    ("(2 3⍴⍳6)+.×1 2 3", [14, 32]),
    ("(⍳3)+.×3 3⍴⍳9", [30, 36, 42]),
    ("2+.×3", 6),
    ("(2 2⍴⍳4)+.×5", [15, 35]),
    ("⍬+.×⍬", 0),
    ("(2 3⍴⍳6)+.×3 2⍴⍳6", [[22, 28], [49, 64]]),
    ("1 2 3∧.=1 2 3", 1),
    ("1 2 3∧.=1 2 4", 0),
    ("'abc'∧.='abc'", 1),
    ("(2 3⍴1 2 3 4 5 6)∧.=3 2⍴1 4 2 5 3 6", [[1, 0], [0, 1]]),
    ("1 2 3⌈.+4 5 6", 9),
    ("(2 2⍴⍳4)⌈.+2 2⍴⍳4", [[5, 6], [7, 8]]),
    ("1 2 3{⍺+⍵}.×4 5 6", 32),
    ("(2 2⍴⍳4){⍺+⍵}.×2 2⍴⍳4", [[7, 10], [15, 22]]),
    ("(2 2⍴⍳4)-.×2 2⍴⍳4", [[-5, -6], [-9, -10]]),
    ("1 2 3 -.× 4 5 6", 12),
    ("1 2 3 ×.- 4 5 6", -27),
    ("(2 2⍴⍳4)+.=2 2⍴1", [[1, 1], [0, 0]]),
    ("(2 2⍴1 0 0 1)∨.∧2 2⍴0 1 1 0", [[0, 1], [1, 0]]),
])
def test_inner_product(src, exp):
    check(src, exp)


def test_inner_product_shapes():
    check("⍴(2 3⍴0)+.×3 4 5⍴0", [2, 4, 5])
    check("⍴(0 3⍴0)+.×3 0⍴0", [0, 0])


def test_inner_product_with_float_matrices():
    a = np.arange(6.0).reshape(2, 3) / 4
    b = np.arange(12.0).reshape(3, 4) - 2.5
    np.testing.assert_allclose(ev("A+.×B", A=a, B=b), a @ b)


def test_inner_product_length_error():
    assert error_name("1 2+.×3 4 5") == "LENGTH ERROR"
    assert error_name("1 2 3+.×2 2 3⍴1") == "LENGTH ERROR"


# ---------------------------------------------------------------- inner product, empty inner axis
# LRG/primitive-operators/inner-product + reduce: with no pairs, each item is f/⍬, so the
# identity element of f.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("(3 0⍴0)∧.=0 2⍴0", np.ones((3, 2), dtype=bool)),
    ("(3 0⍴0)∨.=0 2⍴0", np.zeros((3, 2), dtype=bool)),
    ("(3 0⍴0)-.×0 2⍴0", np.zeros((3, 2), dtype=int)),
    ("(3 0⍴0)×.+0 2⍴0", np.ones((3, 2), dtype=int)),
    ("(3 0⍴0)+.×0 2⍴0", np.zeros((3, 2), dtype=int)),
    ("⍬∧.=0 2⍴0", np.ones(2, dtype=bool)),
    ("(2 0⍴'')∧.=0 3⍴''", np.ones((2, 3), dtype=bool)),
])
def test_inner_product_on_an_empty_inner_axis(src, exp, backend):
    same(run_on(src, backend), exp)


def test_inner_product_empty_inner_axis_without_identity():
    assert error_on("(3 0⍴0){⍺+⍵}.×0 2⍴0") == "DOMAIN ERROR"
