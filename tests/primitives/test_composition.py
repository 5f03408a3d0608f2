"""Operators that combine functions (apl/primitives/composition.py): commute ⍨, compose ∘, atop ⍤,
over ⍥, behind ⍛. Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, check, error_on, ev, nested, run_on, same


# ---------------------------------------------------------------- ⍨
@pytest.mark.parametrize("src, exp", [
    ("-⍨3", 0),
    ("2-⍨5", 3),
    ("2÷⍨8", 4.0),
    ("3⍴⍨2", [3, 3]),
    (",⍨1 2", [1, 2, 1, 2]),
    ("×⍨3 4", [9, 16]),
    ("+⍨⍳3", [2, 4, 6]),
    ("(2 3)×⍨4", [8, 12]),
    ("∘.≤⍨⍳3", [[1, 1, 1], [0, 1, 1], [0, 0, 1]]),
])
def test_commute_and_selfie(src, exp):
    check(src, exp)


def test_constant_operand_of_commute():
    assert ev("5⍨1 2") == 5  # Dyalog 18: A⍨ is the constant function


# ---------------------------------------------------------------- ∘
@pytest.mark.parametrize("src, exp", [
    ("-∘÷ 4", -0.25),
    ("2-∘÷4", 1.75),
    ("1 2 3,∘⌽4 5", [1, 2, 3, 5, 4]),
    ("2∘⍴ 5", [5, 5]),
    ("⍴∘2 ⊢3", [2, 2, 2]),
    ("(⍳∘3)⍬", 1),
    ("+/∘⍳ 4", 10),
    ("2 +/∘⍳ 4", [3, 5, 7]),
    ("(⍉∘⌽)2 3⍴⍳6", [[3, 6], [2, 5], [1, 4]]),
    ("{⍵+1}∘{⍵×2}3", 7),
    ("-∘1⍤0 ⊢1 2", [0, 1]),
])
def test_compose(src, exp):
    check(src, exp)


@pytest.mark.parametrize("src, exp", [
    ("-⍤⊢ 3", -3),
    ("2-⍤×3", -6),
    ("2 -⍤× 3 4", [-6, -8]),
    ("⌽⍤⍳ 3", [3, 2, 1]),
    ("1 2 ≢⍤≡ 1 2", 1),
])
def test_atop(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ⍥
@pytest.mark.parametrize("src, exp", [
    ("×⍥|¯2 3", [1, 1]),
    ("2×⍥|¯3", 6),
    ("3 -⍥| ¯5", -2),
    ("(⌽⍥⊂) 1 2 3", nested(np.array([1, 2, 3])).reshape(())),
    ("1 2 ≡⍥, 2 1⍴1 2", 1),
    ("2 3 ≡⍥⍴ 2 3⍴0", 0),
    ("(2 3⍴0) ≡⍥⍴ 2 3⍴1", 1),
    ("'abc' =⍥≢ 'xyz'", 1),
])
def test_over(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ⍛ (behind, Dyalog 20)
# LRG/primitive-operators/operators-summarised: Behind f⍛g Y and X f⍛g Y; X f⍛g Y ≡ (f X) g Y,
# f⍛g Y ≡ (f Y) g Y.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("3 -⍛+ 5", 2),
    ("-⍛+ 5", 0),
    ("⌽⍛≡ 1 2 1", True),
    ("⌽⍛≡ 1 2 3", False),
    ("1 2 3 ≢⍛⍴ 5", [5, 5, 5]),
    ("-⍛-⍛- 5", -15),
    ("f←≢⍛↑ ⋄ 'ab' f 1 2 3", [1, 2]),
])
def test_behind(src, exp, backend):
    same(run_on(src, backend), np.asarray(exp))


def test_behind_needs_function_operands():
    assert error_on("1⍛+ 2") == "SYNTAX ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_behind_in_the_interpreter(backend):
    # LRG/primitive-operators/behind: X f⍛g Y is (f X) g Y; f⍛g Y is (f Y) g Y
    assert int(run_on("3 -⍛× 4", backend)) == -12
    assert int(run_on("-⍛× 4", backend)) == -16
    same(run_on("2 3 ⌽⍛⍴ ⍳6", backend), np.array([[1, 2], [3, 4], [5, 6]]))
