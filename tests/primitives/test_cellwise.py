"""Operators that apply a function to parts of an array (apl/primitives/cellwise.py): each ¨, rank ⍤,
key ⌸, stencil ⌺. Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, error_name, error_on, ev, grid, nested, run_on, same

import apl


# ---------------------------------------------------------------- ¨
@pytest.mark.parametrize("src, exp", [
    ("⍴¨(1 2)(3 4 5)", nested(np.array([2]), np.array([3]))),
    ("≢¨(1 2)(3 4 5)", [2, 3]),
    ("+/¨(1 2)(3 4)", [3, 7]),
    ("1 2+¨3 4", [4, 6]),
    ("1+¨3 4", [4, 5]),
    ("(1 2)(3 4),¨5", nested(np.array([1, 2, 5]), np.array([3, 4, 5]))),
    ("(1 2)(3 4),¨5 6", nested(np.array([1, 2, 5]), np.array([3, 4, 6]))),
    ("5,¨(1 2)(3 4)", nested(np.array([5, 1, 2]), np.array([5, 3, 4]))),
    ("1 2{⍺+⍵}¨3 4", [4, 6]),
    ("{⍵}¨⍳3", [1, 2, 3]),
    ("{⊂⍵}¨1 2", [1, 2]),
    ("↑{⍵}¨(1 2)(3 4)", [[1, 2], [3, 4]]),
    ("⍳¨2 3", nested(np.array([1, 2]), np.array([1, 2, 3]))),
    ("-¨2 2⍴⍳4", [[-1, -2], [-3, -4]]),
    ("⌽¨'ab' 'cde'", nested(chars("ba"), chars("edc"))),
])
def test_each(src, exp):
    check(src, exp)


def test_each_on_empty():
    r = ev("+¨⍬")
    assert r.shape == (0,)
    assert ev("⍬+¨⍬").shape == (0,)


def test_each_length_error():
    assert error_name("1 2 3+¨4 5") == "LENGTH ERROR"


# ---------------------------------------------------------------- ⍤ rank and atop
@pytest.mark.parametrize("src, exp", [
    ("+/⍤1⊢2 3⍴⍳6", [6, 15]),
    ("+/⍤2⊢2 2 3⍴⍳12", [[6, 15], [24, 33]]),
    ("{+/⍵}⍤2 ⊢2 3 4⍴⍳24", [[10, 26, 42], [58, 74, 90]]),
    ("⌽⍤1 ⊢ 2 3⍴⍳6", [[3, 2, 1], [6, 5, 4]]),
    ("{⍵}⍤1⊢2 3⍴⍳6", [[1, 2, 3], [4, 5, 6]]),
    ("{⍵,0}⍤1⊢2 2⍴⍳4", [[1, 2, 0], [3, 4, 0]]),
    ("⊂⍤1⊢2 3⍴⍳6", nested(np.array([1, 2, 3]), np.array([4, 5, 6]))),
    ("⍴⍤1⊢2 3⍴⍳6", [[3], [3]]),
    (",⍤0⊢1 2", [[1], [2]]),
    ("⊂⍤0⊢1 2 3", [1, 2, 3]),
    ("+⌿⍤1⊢2 3⍴⍳6", [6, 15]),
    # two numbers: left and right rank
    ("1 2+⍤1⊢2 2⍴10", [[11, 12], [11, 12]]),
    ("1 2+⍤1 0⊢10 20", [[11, 12], [21, 22]]),
    ("1 2 3+⍤0 1⊢4 5 6", [[5, 6, 7], [6, 7, 8], [7, 8, 9]]),
    ("1 ⌽⍤1⊢2 3⍴⍳6", [[2, 3, 1], [5, 6, 4]]),
    ("1 2 3 ⌽⍤0 1 ⊢ 3 3⍴⍳9", [[2, 3, 1], [6, 4, 5], [7, 8, 9]]),
    ("2 3⍴⍤1⊢1 2", [[1, 2, 1], [2, 1, 2]]),
    # three numbers: monadic, left, right
    ("(⍳3)+⍤1 2 1⊢2 3⍴10", [[11, 12, 13], [11, 12, 13]]),
    ("+/⍤1 0 0⊢2 3⍴⍳6", [6, 15]),
    # negative ranks: cells of rank (argument rank + k)
    ("⊂⍤¯1⊢2 3⍴⍳6", nested(np.array([1, 2, 3]), np.array([4, 5, 6]))),
    ("⊂⍤¯2⊢2 3⍴⍳6", [[1, 2, 3], [4, 5, 6]]),
    (",⍤¯1⊢2 2 2⍴⍳8", [[1, 2, 3, 4], [5, 6, 7, 8]]),
    ("+/⍤¯1⊢2 2 3⍴⍳12", [[6, 15], [24, 33]]),
    # nested rank
    ("(+/⍤1)⍤2⊢2 2 2⍴⍳8", [[3, 7], [11, 15]]),
])
def test_rank(src, exp):
    check(src, exp)


@pytest.mark.parametrize("src, exp", [
    ("{⍵}⍤0⊢1 2 3", [1, 2, 3]),
    ("{⍵+1}⍤0⊢2 2⍴⍳4", [[2, 3], [4, 5]]),
    ("{⍵,⍵}⍤0⊢1 2 3", [[1, 1], [2, 2], [3, 3]]),
    ("1 2 3{⍺,⍵}⍤0⊢4 5 6", [[1, 4], [2, 5], [3, 6]]),
    ("{⍳⍵}⍤0⊢1 2 3", [[1, 0, 0], [1, 2, 0], [1, 2, 3]]),
])
def test_rank_zero_with_a_dfn_operand(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ⍤ with empty frames
@pytest.mark.parametrize("src, exp", [
    ("⍴{⊂⍵}⍤1⊢2 0⍴0", [2]),
    ("⍴{⍵}⍤1⊢0 3⍴0", [0, 3]),        # f applied to a prototype cell gives the result's shape
    ("⍴{⍵,⍵}⍤1⊢0 3⍴0", [0, 6]),
    ("⍴(+/⍤1)0 3⍴0", [0]),
    ("⍴1 2 3(+⍤1)0 3⍴0", [0, 3]),
    ("⍴{÷⍵}⍤1⊢0 3⍴0", [0]),          # f failing on the prototype: just the frame
    ("⍴,⍤2⊢2 0 3⍴0", [2, 0]),
])
def test_rank_with_empty_frames_and_cells(src, exp):
    check(src, np.array(exp))


# ---------------------------------------------------------------- rank with mixed nested cells
def test_rank_zero_on_a_mixed_vector():
    assert error_name("((⊂'ab'),1)⊃⍤0⊂1 2") == "DOMAIN ERROR"
    check("{⍵}⍤0⊢'ab' 1", nested(chars("ab"), 1))


@pytest.mark.parametrize("backend", BACKENDS)
def test_rank_operand_with_a_boolean_item(backend):
    f = apl.evaluate("⊃⍤1 (≠ (⊂⍬))", backend=backend)
    assert not isinstance(f, np.ndarray)
    assert run_on("1 (≠⊂⍬)", backend).tolist() == [1, 1]


# ---------------------------------------------------------------- ⌸
def test_key_monadic():
    check("{≢⍵}⌸'abcab'", [2, 2, 1])
    check("{⍺}⌸'abca'", chars("abc"))
    check("{⍵}⌸1 2 1", [[1, 3], [2, 0]])
    check("{⍺ (≢⍵)}⌸ 3 1 3 3 1", [[3, 3], [1, 2]])
    check("{⊂⍵}⌸'mississippi'",
          nested(np.array([1]), np.array([2, 5, 8, 11]), np.array([3, 4, 6, 7]), np.array([9, 10])))
    check("{⍺ ⍵}⌸'aba'", grid([["a", np.array([1, 3])], ["b", np.array([2])]]))


def test_key_monadic_mixed_result():
    check("{⍺,≢⍵}⌸'abcab'", grid([["a", 2], ["b", 2], ["c", 1]]))


def test_key_dyadic():
    check("'abab'{+/⍵}⌸1 2 3 4", [4, 6])
    check("1 1 2{+/⍵}⌸10 20 30", [30, 30])
    check("'abab'{⍺,+/⍵}⌸1 2 3 4", grid([["a", 4], ["b", 6]]))
    check("1 2 1{⍺ ⍵}⌸'xyz'", grid([[1, chars("xz")], [2, chars("y")]]))
    check("(2 2⍴1 2 1 2){+/⍵}⌸10 20", [30])


def test_key_length_error():
    assert error_name("1 2 3{⍵}⌸1 2") == "LENGTH ERROR"


# ---------------------------------------------------------------- Key with scalars
# A scalar key or value is a 1-item vector (one major cell), as the monadic form already takes
# a scalar (f⌸Y ←→ Y f⌸⍳≢Y, and ≢ of a scalar is 1).
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, key, vals", [
    ("¯3 {⍺ ⍵}⌸ 0J1", -3, [0j + 1j]),
    ("1E10 {⍺ ⍵}⌸ 100", 10**10, [100]),
    ("5 {⍺ ⍵}⌸ 0", 5, [0]),
    ("(,5) {⍺ ⍵}⌸ 0", 5, [0]),
    ("5 {⍺ ⍵}⌸ ,0", 5, [0]),
])
def test_key_with_scalar_arguments(src, key, vals, backend):
    r = run_on(src, backend)
    assert r.shape == (1, 2)
    assert r[0, 0] == key
    assert np.asarray(r[0, 1]).shape == (1,)
    assert np.asarray(r[0, 1]).tolist() == vals


@pytest.mark.parametrize("backend", BACKENDS)
def test_key_with_scalar_arguments_more(backend):
    r = run_on("5 {⍺ ⍵}⌸ 1 3⍴7", backend)
    assert np.asarray(r[0, 1]).tolist() == [[7, 7, 7]]
    assert run_on("5 {≢⍵}⌸ 0", backend).tolist() == [1]
    assert run_on("{⍺,≢⍵}⌸ 5", backend).tolist() == [[5, 1]]
    assert error_on("(1 2) {⍺ ⍵}⌸ 0", backend) == "LENGTH ERROR"
    assert error_on("5 {⍺ ⍵}⌸ 1 2", backend) == "LENGTH ERROR"


# ---------------------------------------------------------------- ⌺ stencil
def test_stencil_neighbourhoods_fill_and_padding_indicator():
    check("{+/,⍵}⌺3 3⊢3 3⍴⍳9", [[12, 21, 16], [27, 45, 33], [24, 39, 28]])
    check("{⊂⍵}⌺3⊢⍳4", nested(np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([2, 3, 4]), np.array([3, 4, 0])))
    check("{+/⍵}⌺3⊢⍳5", [3, 6, 9, 12, 9])
    check("{+/⍵}⌺(2 1⍴3 2)⊢⍳5", [3, 9, 9])  # a second row gives the step
    check("{⍺}⌺3 3⊢3 3⍴⍳9", [[[1, 1], [1, 0], [1, -1]], [[0, 1], [0, 0], [0, -1]], [[-1, 1], [-1, 0], [-1, -1]]])
    check("{⍵}⌺3⊢'abc'", np.array([list(" ab"), list("abc"), list("bc ")]))
    check("{+/,⍵}⌺2 2⊢2 2⍴1", [[4]])  # even windows: centred between items
    assert error_name("{⍵}⌺3 3 3⊢⍳4") == "LENGTH ERROR"


# ---------------------------------------------------------------- ⌺ with even window sizes
# Dyalog: a window of size s starts ⌊(s-1)÷2 before its centre; even windows are centred on the
# gap after an item, so the last one ends at the last item (outputs of Dyalog in xpqz/learnapl).
@pytest.mark.parametrize("src, exp", [
    ("{⊂⍵}⌺2⊢⍳5", nested(np.array([1, 2]), np.array([2, 3]), np.array([3, 4]), np.array([4, 5]))),
    ("⊂⍤⊢⌺(2 1⍴2 2)⊢⍳10", nested(*[np.array([i, i + 1]) for i in (1, 3, 5, 7, 9)])),
    ("⊂⍤⊢⌺(⍪4 4)⊢⍳10", nested(np.array([0, 1, 2, 3]), np.array([4, 5, 6, 7]), np.array([8, 9, 10, 0]))),
    ("⊂⍤⊢⌺(2 1⍴3 3)⊢⍳10", nested(np.array([0, 1, 2]), np.array([3, 4, 5]), np.array([6, 7, 8]),
                                  np.array([9, 10, 0]))),
    ("{+/,⍵}⌺2 2⊢3 4⍴⍳12", np.array([[14, 18, 22], [30, 34, 38]])),
    ("{⍺}⌺4⊢⍳6", np.array([[1], [0], [0], [0], [-1]])),
])
def test_stencil_even_windows(src, exp):
    check(src, exp)


def test_stencil_size_zero_is_a_domain_error():
    assert error_name("{⊂⍵}⌺0⊢⍳3") == "DOMAIN ERROR"


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
    same(run_on(src, backend), np.array(exp))
