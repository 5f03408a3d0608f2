"""More Dyalog conformance across the language: cases found by probing against Dyalog's rules."""
import numpy as np
import pytest
from apl_values import chars, check, error_name, nested


# ---------------------------------------------------------------- @ with choose indices
@pytest.mark.parametrize("src, exp", [
    ("0@(2 2)(1 1)⊢2 2⍴⍳4", np.array([[0, 2], [3, 0]])),
    ("(10×⊢)@(2 2)(1 2)⊢2 2⍴⍳4", np.array([[1, 20], [3, 40]])),
    ("'XY'@(1 1)(2 2)⊢2 2⍴'abcd'", np.array([["X", "b"], ["c", "Y"]])),
    ("0@(⊂1 1)⊢2 2⍴⍳4", np.array([[0, 2], [3, 4]])),
])
def test_at_with_choose_indices(src, exp):
    check(src, exp)


def test_at_with_choose_indices_errors():
    assert error_name("0@(3 3)(1 1)⊢2 2⍴⍳4") == "INDEX ERROR"
    assert error_name("0@(1 2 3)(1 1)⊢2 2⍴⍳4") == "RANK ERROR"


# ---------------------------------------------------------------- ⌷ with axis
@pytest.mark.parametrize("src, exp", [
    ("1⌷[2]2 3⍴⍳6", [1, 4]),
    ("2⌷[1]2 3⍴⍳6", [4, 5, 6]),
    ("(1 3)2⌷[3 1]2 3 4⍴⍳24", np.array([[13, 15], [17, 19], [21, 23]])),
    ("(⊂1 3)⌷[2]2 3⍴⍳6", np.array([[1, 3], [4, 6]])),
])
def test_squad_with_axis(src, exp):
    check(src, exp)


def test_squad_with_axis_errors():
    assert error_name("5⌷[2]2 3⍴⍳6") == "INDEX ERROR"
    assert error_name("1⌷[3]2 3⍴⍳6") == "RANK ERROR"


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


# ---------------------------------------------------------------- selective assignment
@pytest.mark.parametrize("src, exp", [
    ("x←⍳5 ⋄ (2↑x)←0 ⋄ x", [0, 0, 3, 4, 5]),
    ("x←⍳5 ⋄ ((x>3)/x)←0 ⋄ x", [1, 2, 3, 0, 0]),
    ("x←⍳5 ⋄ (⌽x)←⍳5 ⋄ x", [5, 4, 3, 2, 1]),
    ("x←'abc' ⋄ (1↓x)←'XY' ⋄ x", chars("aXY")),
    ("x←2 3⍴⍳6 ⋄ (1 1⍉x)←0 ⋄ x", np.array([[0, 2, 3], [4, 0, 6]])),
    ("x←⍳5 ⋄ (2↑x)+←10 ⋄ x", [11, 12, 3, 4, 5]),
    ("x←⍳5 ⋄ (¯2↑x)×←2 ⋄ x", [1, 2, 3, 8, 10]),
    ("x←'hello' ⋄ ((x='l')/x)←'L' ⋄ x", chars("heLLo")),
    ("x←⍳4 ⋄ (⊃x)←9 ⋄ x", [9, 2, 3, 4]),
    ("x←(1 2 3)(4 5) ⋄ (2⊃x)←0 ⋄ x", nested(np.array([1, 2, 3]), 0)),
    ("(x)←1 2 3 ⋄ x", [1, 2, 3]),
])
def test_selective_assignment(src, exp):
    check(src, exp)


def test_selective_assignment_errors():
    assert error_name("x←⍳5 ⋄ (2↑x)←1 2 3") == "LENGTH ERROR"


# ---------------------------------------------------------------- strand assignment
@pytest.mark.parametrize("src, exp", [
    ("(a (b c))←1 (2 3) ⋄ a+b×c", 7),
    ("(a (b c))←1 2 ⋄ b c", [2, 2]),
    ("a←1 ⋄ b←2 ⋄ (a b)+←10 20 ⋄ a b", [11, 22]),
    ("a←1 ⋄ b←2 ⋄ (a b)+←10 ⋄ a b", [11, 12]),
    ("a←1 ⋄ b←2 ⋄ a b+←10 ⋄ a b", [11, 12]),
    ("a←'x' ⋄ b←'y' ⋄ (a b),←'z' ⋄ b", chars("yz")),
])
def test_strand_assignment_forms(src, exp):
    check(src, exp)


def test_modified_strand_assignment_of_an_undefined_name():
    assert error_name("(a b)+←1") == "VALUE ERROR"


# ---------------------------------------------------------------- ⍕ of integers beyond 32 bits
@pytest.mark.parametrize("src, exp", [
    ("⍕!15", "1.307674368E12"),  # Dyalog holds such integers as floats: ⎕PP digits
    ("⍕2*40", "1.099511628E12"),
    ("⍕1E10", "1E10"),
    ("⍕2*31", "2147483648"),
    ("⍕!13", "6227020800"),
    ("⍕1 (2*40)", "1 1.099511628E12"),
])
def test_format_of_large_integers(src, exp):
    check(src, chars(exp))


# ---------------------------------------------------------------- rank with mixed nested cells
def test_rank_zero_on_a_mixed_vector():
    assert error_name("((⊂'ab'),1)⊃⍤0⊂1 2") == "DOMAIN ERROR"
    check("{⍵}⍤0⊢'ab' 1", nested(chars("ab"), 1))
