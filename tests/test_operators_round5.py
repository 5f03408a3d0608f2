"""Fifth round: operators, dfns, trains, assignment and errors, probed against Dyalog's
Language Reference Guide (dyalog.github.io/documentation/20.0/language-reference-guide/...:
LRG/<page>) and Programming Reference Guide (PRG/<page>).
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, nested, same
from apl_values import error_on as err
from apl_values import run_on as run



# ---------------------------------------------------------------- assignment
# LRG/primitive-functions/assignment: names left of ← in a strand, parenthesised or not, are
# all targets; inner parentheses take items of the value apart again.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("(a b) c←(1 2) 3 ⋄ a b c", [1, 2, 3]),
    ("a (b c)←1 (2 3) ⋄ a b c", [1, 2, 3]),
    ("(a b) (c d)←(1 2)(3 4) ⋄ a b c d", [1, 2, 3, 4]),
    ("x←5 ⋄ x (a b)←1 (2 3) ⋄ x a b", [1, 2, 3]),
    ("⎕IO (a b)←0 (1 2) ⋄ a b", [1, 2]),
    ("((a b) c)←(1 2) 3 ⋄ a b c", [1, 2, 3]),
])
def test_nested_strand_assignment(src, exp, backend):
    same(run(src, backend), np.array(exp))


# ---------------------------------------------------------------- errors
# LRG/system-functions/signal: 'text' ⎕SIGNAL n gives ⎕DM the text as its first line; ⎕EN is n.
def test_signal_message_is_first_line_of_dm():
    same(run("{0::⊃⎕DM ⋄ 'abc' ⎕SIGNAL 11}0"), chars("abc"))
    assert run("{0::⎕EN ⋄ 'abc' ⎕SIGNAL 11}0") == 11
    same(run("{0::⊃⎕DM ⋄ 'my error' ⎕SIGNAL 500}0"), chars("my error"))
    same(run("{0::⊃⎕DM ⋄ ⎕SIGNAL 11}0"), chars("DOMAIN ERROR"))
    assert err("'abc' ⎕SIGNAL 11") == "DOMAIN ERROR"


# ---------------------------------------------------------------- selective assignment reaching in
# LRG/primitive-functions/assignment-selective: the selection may pick into the items of a
# nested name (⊃ with a path, ⊃¨, ∊, ↑¨, ⌽¨); a selection that is one whole item replaces it.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("v←(1 2)(3 4) ⋄ (⊃¨v)←9 ⋄ v", nested(np.array([9, 2]), np.array([9, 4]))),
    ("v←(1 2)(3 4) ⋄ (⊃¨v)+←10 ⋄ v", nested(np.array([11, 2]), np.array([13, 4]))),
    ("v←(1 2)(3 4) ⋄ (2 1⊃v)←0 ⋄ v", nested(np.array([1, 2]), np.array([0, 4]))),
    ("v←(1 2)(3 4) ⋄ (⊃⊃v)←0 ⋄ v", nested(np.array([0, 2]), np.array([3, 4]))),
    ("v←(1 2)(3 4) ⋄ (∊v)←10×⍳4 ⋄ v", nested(np.array([10, 20]), np.array([30, 40]))),
    ("v←(1 2)(3 4) ⋄ (∊v)×←2 ⋄ v", nested(np.array([2, 4]), np.array([6, 8]))),
    ("v←(1 2)(3 4) ⋄ (⌽¨v)←(5 6)(7 8) ⋄ v", nested(np.array([6, 5]), np.array([8, 7]))),
    ("v←(1 2)(3 4) ⋄ (1↑¨v)←9 ⋄ v", nested(np.array([9, 2]), np.array([9, 4]))),
    ("v←'ab' 'cd' ⋄ (⊃¨v)←'XY' ⋄ v", nested(chars("Xb"), chars("Yd"))),
    ("v←(1(2 3))(4 5) ⋄ (1 2 2⊃v)←0 ⋄ v", nested(nested(1, np.array([2, 0])), np.array([4, 5]))),
    # whole items, as before
    ("v←(1 2)(3 4) ⋄ (⊃v)←0 ⋄ v", nested(0, np.array([3, 4]))),
    ("v←(1 2)(3 4) ⋄ (⊃v)←'abc' ⋄ v", nested(chars("abc"), np.array([3, 4]))),
    ("v←(1 2)(3 4) ⋄ (2⊃v)+←1 ⋄ v", nested(np.array([1, 2]), np.array([4, 5]))),
    ("v←(1 2)(3 4) ⋄ (1↓v)←⊂0 ⋄ v", nested(np.array([1, 2]), 0)),
    ("v←(1 2)(3 4) ⋄ (⌽v)←'ab' ⋄ v", chars("ba")),
    ("v←(1 2)(3 4) ⋄ (⊃¨v)←9 ⋄ +/¨v", [11, 13]),
])
def test_selective_assignment_reaches_into_items(src, exp, backend):
    same(run(src, backend), exp)


def test_selective_assignment_reaching_errors():
    assert err("v←(1 2)(3 4) ⋄ (⊃¨v)←1 2 3") == "LENGTH ERROR"


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
    same(run(src, backend), np.asarray(exp))


def test_circle_without_inverse():
    assert err("(0∘○)⍣¯1⊢1") == "DOMAIN ERROR"


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
    same(run(src, backend), exp)


def test_inner_product_empty_inner_axis_without_identity():
    assert err("(3 0⍴0){⍺+⍵}.×0 2⍴0") == "DOMAIN ERROR"


# ---------------------------------------------------------------- n-wise reduction of a scalar
# aplwiki RANK_ERROR (Dyalog): "Windowed Reduction is not defined on scalars: 2 +/ 0.5".
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", ["2+/0.5", "1+/5", "0+/5"])
def test_nwise_reduction_of_a_scalar_is_a_rank_error(src, backend):
    assert err(src, backend) == "RANK ERROR"


def test_nwise_reduction_of_a_one_item_vector():
    same(run("2+/,5"), np.zeros(0, dtype=int))
    same(run("1+/,5"), [5])


# ---------------------------------------------------------------- @ with a selection function
# LRG/primitive-operators/at: a function right operand must give a boolean array.
@pytest.mark.parametrize("backend", BACKENDS)
def test_at_selection_function_must_give_booleans(backend):
    assert err("1@{⍵}⍳3", backend) == "DOMAIN ERROR"
    same(run("1@{⍵}1 0 1", backend), [1, 0, 1])
    same(run("0@{⍵>2}⍳5", backend), [1, 2, 0, 0, 0])


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
    same(run(src, backend), np.asarray(exp))


def test_behind_needs_function_operands():
    assert err("1⍛+ 2") == "SYNTAX ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("a b c←1 2 3 ⋄ (a b) c+←10 ⋄ a b c", [11, 12, 13]),
    ("a b c←1 2 3 ⋄ a (b c)+←10 (20 30) ⋄ a b c", [11, 22, 33]),
    ("a b←3 4 ⋄ a b+←1 ⋄ a b", [4, 5]),
])
def test_nested_strand_modified_assignment(src, exp, backend):
    same(run(src, backend), np.array(exp))


# aplwiki At: "Each possible derived function can be applied monadically or dyadically, except
# if the left operand is an array, in which case only the monadic derived function is defined"
# (a missing valence is this interpreter's SYNTAX ERROR, as for 2(+\)1 2).
def test_at_with_an_array_left_operand_is_monadic_only():
    assert err("2 (10@1) 1 2 3") == "SYNTAX ERROR"
    same(run("2 (×@1) 1 2 3"), [2, 2, 3])
    same(run("(10@1) 1 2 3"), [10, 2, 3])


# ---------------------------------------------------------------- ⌺ with no windows
# As ⍤ does on an empty frame (LRG/primitive-operators/rank), f meets one window of fill to give
# the shape of the result's cells.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("⍴{⍵}⌺3⊢0 2⍴0", [0, 3, 2]),
    ("⍴{⍵}⌺3⊢⍬", [0, 3]),
    ("⍴{+/,⍵}⌺3⊢⍬", [0]),
    ("⍴{⊂⍵}⌺3 3⊢0 4⍴0", [0, 4]),
    ("⍴{⍵}⌺3⊢2 2⍴0", [2, 3, 2]),
])
def test_stencil_with_no_windows(src, exp, backend):
    same(run(src, backend), np.array(exp))


def test_a_parenthesised_function_left_of_an_assignment_is_applied():
    same(run("f←{⍵×2} ⋄ (f) x←3"), 6)
    same(run("f←{⍵×2} ⋄ (f) x←3 ⋄ x"), 3)
    same(run("f←{⍵×2} ⋄ f a←3"), 6)
