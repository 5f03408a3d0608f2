"""The at operator @ (apl/primitives/at.py): indices of major cells, choose and reach indices, a
selection function. Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, error_name, error_on, nested, run_on, same


# ---------------------------------------------------------------- @
@pytest.mark.parametrize("src, exp", [
    ("0@2 4⊢⍳5", [1, 0, 3, 0, 5]),
    ("(10 20)@2 4⊢⍳5", [1, 10, 3, 20, 5]),
    ("10 20@(2 3)⊢⍳4", [1, 10, 20, 4]),
    ("'x'@1⊢'abc'", chars("xbc")),
    ("0@2⊢3 2⍴⍳6", [[1, 2], [0, 0], [5, 6]]),
    # boolean selection function
    ("0@(>∘2)⍳5", [1, 2, 0, 0, 0]),
    ("0@(1∘=)2 2⍴1 2 1 2", [[0, 2], [0, 2]]),
    ("'*'@(' '∘=)'a b c'", chars("a*b*c")),
    ("0@{⍵>2}⍳5", [1, 2, 0, 0, 0]),
    # function left operand
    ("-@2 3⊢⍳4", [1, -2, -3, 4]),
    ("⌽@2 3⍳4", [1, 3, 2, 4]),
    ("(⌽@2 3)⍳4", [1, 3, 2, 4]),
    ("{⍵×10}@(2∘|)⍳5", [10, 2, 30, 4, 50]),
    ("÷@(0∘<)¯1 2 ¯4 4", [-1, 0.5, -4, 0.25]),
    ("10+@2⊢⍳3", [1, 12, 3]),
    ("0@⍬⊢1 2", [1, 2]),
])
def test_at(src, exp):
    check(src, exp)


def test_at_index_out_of_range():
    assert error_name("0@5⊢⍳3") == "INDEX ERROR"


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


# ---------------------------------------------------------------- @ with reach indices
# LRG/primitive-operators/at, LRG/indexing: reach indices are paths into the items.
G = "G←2 3⍴('ABC' 1)('DEF' 2)('GHI' 3)('JKL' 4)('MNO' 5)('PQR' 6)"


@pytest.mark.parametrize("backend", BACKENDS)
def test_at_with_reach_indices_doc_example(backend):
    r = run_on(G + "\n('' '*' @((1 2)1)((2 3)2)) G", backend)
    same(r[0, 1][0], np.zeros(0, dtype="<U1"))
    same(r[0, 1][1], np.array(2))
    same(r[1, 2], nested(chars("PQR"), chars("*").reshape(())))
    same(r[0, 0], nested(chars("ABC"), np.array(1)))


@pytest.mark.parametrize("backend", BACKENDS)
def test_at_function_with_reach_indices(backend):
    r = run_on(G + "\n(⌽@((1 2)1)((2 3)1)) G", backend)
    same(r[0, 1], nested(chars("PQR"), np.array(2)))
    same(r[1, 2], nested(chars("DEF"), np.array(6)))
    r = run_on(G + "\n10×@((1 1)2)((2 3)2)⊢G", backend)
    same(r[0, 0], nested(chars("ABC"), np.array(10)))
    same(r[1, 2], nested(chars("PQR"), np.array(60)))
    same(run_on("'M'@(⊂2 1)⊢'GREEN' 'YELLOW' 'RED'", backend),
         nested(chars("GREEN"), chars("MELLOW"), chars("RED")))


def test_at_reach_length_error():
    assert error_on(G + "\n(1 2 3@((1 2)1)((2 3)2)) G") == "LENGTH ERROR"


# ---------------------------------------------------------------- @ with a selection function
# LRG/primitive-operators/at: a function right operand must give a boolean array.
@pytest.mark.parametrize("backend", BACKENDS)
def test_at_selection_function_must_give_booleans(backend):
    assert error_on("1@{⍵}⍳3", backend) == "DOMAIN ERROR"
    same(run_on("1@{⍵}1 0 1", backend), [1, 0, 1])
    same(run_on("0@{⍵>2}⍳5", backend), [1, 2, 0, 0, 0])


# aplwiki At: "Each possible derived function can be applied monadically or dyadically, except
# if the left operand is an array, in which case only the monadic derived function is defined"
# (a missing valence is this interpreter's SYNTAX ERROR, as for 2(+\)1 2).
def test_at_with_an_array_left_operand_is_monadic_only():
    assert error_on("2 (10@1) 1 2 3") == "SYNTAX ERROR"
    same(run_on("2 (×@1) 1 2 3"), [2, 2, 3])
    same(run_on("(10@1) 1 2 3"), [10, 2, 3])
