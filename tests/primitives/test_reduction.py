"""Reduce, scan and n-wise reduce through the public API: f/ f⌿ f/[k], f\\ f⍀, n f/.

Expected values follow Dyalog's Language Reference pages Reduce, Scan and Reduce N-Wise (their
examples are quoted where used): right-to-left folds, enclosed results, identity elements for
empty axes, S⍴Y when no function application is needed.
"""
import math

import numpy as np
import pytest
from apl_values import BACKENDS, Enc, chars, check, error_name, error_on, ev, matches, nested, run_on, same
from hypothesis import given, settings
from hypothesis import strategies as st

import apl

MAXF = np.finfo(np.float64).max


M = np.arange(1, 7).reshape(2, 3)  # 2 3⍴⍳6
T = np.arange(1, 25).reshape(2, 3, 4)  # 2 3 4⍴⍳24


def rfold(f, xs):
    """The APL right fold of f over the list xs."""
    acc = xs[-1]
    for x in reversed(xs[:-1]):
        acc = f(x, acc)
    return acc


# ------------------------------------------------------------------ reduce on vectors

@pytest.mark.parametrize("expr, expected", [
    ("+/1 2 3 4", 10), ("+/1 2.5 3", 6.5), ("+/1J1 2J2", 3 + 3j), ("+/1 0 1 1", 3),
    ("×/1 2 3 4 5", 120), ("×/0.5 4", 2), ("×/1J1 1J¯1", 2),
    ("-/1 2 3 4", -2), ("-/1.5 2 3", 2.5), ("-/1J1 2J2 3J3", 2 + 2j), ("-/5 1", 4),
    ("÷/1 2 3 4", 0.375), ("÷/8 4 2", 4), ("÷/1 0 0", 1), ("÷/0 5", 0),
    ("⌈/3 1 4 1 5", 5), ("⌈/¯3 ¯1.5 ¯4", -1.5), ("⌊/3 1 4 1 5", 1), ("⌊/2.5 ¯0.5", -0.5),
    ("∧/1 1 1 0", 0), ("∧/1 1 1", 1), ("∧/4 6 10", 60), ("∧/2 0.5", 2),
    ("∨/0 0 1 0 0 1 0", 1), ("∨/0 0 0", 0), ("∨/4 6 10", 2), ("∨/0.5 1.5 2.5", 0.5),
    ("=/1 1 0", 0), ("=/1 0 0", 1), ("=/1 1 1 1", 1), ("=/1 2 3", 0), ("=/3 3 1", 0), ("=/2 2", 1),
    ("≠/1 0 1 1", 1), ("≠/1 1 1 1", 0), ("≠/1 2 3", 0), ("≠/3 3 1", 1),
    ("*/2 3 2", 512), ("*/2 2 2 2", 65536), ("*/4 0.5", 2),
    ("|/3 10 7", 1), ("|/5 17", 2),
    ("</2 1 3", 0), ("</0 0 1", 1), ("≤/3 2 1", 0), ("≤/1 2 3", 1), (">/3 2 1", 1), ("≥/1 1 1", 1),
    ("!/3 2 1", 0), ("!/2 4", 6), ("○/2 0", 1), ("⍲/1 1 1", 1), ("⍲/1 1", 0), ("⍱/0 0", 1),
    ("{⍺+⍵}/1 2 3 4", 10), ("{⍺-⍵}/1 2 3 4", -2), ("{⍺×⍵}/⍳6", 720), ("{⍵}/1 2 3", 3), ("{⍺}/1 2 3", 1),
    ("⊢/1 2 3", 3), ("⊣/1 2 3", 1), ("{⍺+2×⍵}/1 2 3", 17),
    ("+/⍳100", 5050), ("-/⍳100", -50), ("×/⍳25", float(math.factorial(25))),
])
def test_reduce_vectors(expr, expected):
    matches(ev(expr), expected)


def test_reduce_results_are_scalars():
    for expr in ["+/1 2 3", "-/4 5", "=/1 1", "{⍺+⍵}/1 2", "∨/4 6"]:
        assert np.ndim(ev(expr)) == 0


def test_reduce_of_booleans_stays_boolean():
    assert np.asarray(ev("∧/1 0 1")).dtype == bool
    assert np.asarray(ev("=/1 0 1")).dtype == bool
    assert np.asarray(ev("⌈/1 0 1")).dtype.kind in "bi"
    assert np.asarray(ev("+/1 0 1")).dtype.kind == "i"


# ------------------------------------------------------------------ reduce on higher rank, axes

@pytest.mark.parametrize("expr, expected", [
    # "+/MAT → 6 15", "+⌿MAT → 5 7 9", "+/[1]MAT → 5 7 9"
    ("+/2 3⍴⍳6", [6, 15]), ("+⌿2 3⍴⍳6", [5, 7, 9]), ("+/[1]2 3⍴⍳6", [5, 7, 9]), ("+/[2]2 3⍴⍳6", [6, 15]),
    ("-/2 3⍴⍳6", [2, 5]), ("-⌿2 3⍴⍳6", [-3, -3, -3]), ("×/2 3⍴⍳6", [6, 120]), ("÷⌿2 3⍴⍳6", [0.25, 0.4, 0.5]),
    ("⌈/2 3⍴3 1 4 1 5 9", [4, 9]), ("⌊⌿2 3⍴3 1 4 1 5 9", [1, 1, 4]), ("∧/2 3⍴1 1 1 1 0 1", [1, 0]),
    ("∨⌿2 3⍴0 0 1 0 1 1", [0, 1, 1]), ("≠/2 3⍴1 1 1 1 0 1", [1, 0]), ("=⌿2 3⍴1 1 0 1 0 0", [1, 0, 1]),
    ("{⍺+⍵}/2 3⍴⍳6", [6, 15]), ("{⍺+⍵}⌿3 2⍴⍳6", [9, 12]), ("{⍺-⍵}/[1]3 2⍴⍳6", [3, 4]),
    ("+/2 3 4⍴⍳24", T.sum(axis=2)), ("+⌿2 3 4⍴⍳24", T.sum(axis=0)), ("+/[2]2 3 4⍴⍳24", T.sum(axis=1)),
    ("-/[2]2 3 4⍴⍳24", T[:, 0, :] - T[:, 1, :] + T[:, 2, :]), ("×/[1]2 3 4⍴⍳24", T.prod(axis=0)),
    ("⌈/[2]2 3 4⍴⍳24", T.max(axis=1)), ("÷/2 3 4⍴⍳24", np.array(
        [[rfold(lambda a, b: a / b, list(map(float, T[i, j]))) for j in range(3)] for i in range(2)])),
    ("{⍺×⍵}/[3]2 3 4⍴⍳24", T.prod(axis=2)),
])
def test_reduce_higher_rank(expr, expected):
    matches(ev(expr), expected)


# ------------------------------------------------------------------ reduce: scalars, units, empties

@pytest.mark.parametrize("expr, expected", [
    # "If Y is a scalar then for any function f, R is Y."
    ("+/5", 5), ("-/5", 5), ("{⍺+⍵}/5", 5), ("÷/'a'", "a"), ("⍲/7", 7),
    # "If the length of the Kth axis of Y is 1 … R is S⍴Y"
    ("+/,5", 5), ("-/,5", 5), ("÷/,0", 0), ("{⍺÷⍵}/,7", 7), ("+/1 1⍴5", [5]), ("+⌿1 3⍴⍳3", [1, 2, 3]),
    ("+/1 1 1⍴7", np.array([[7]])), ("+/,⊂1 2", Enc([1, 2])), ("⍲/,2", 2),
    # "…or if the length of any other axis of Y is 0 … R is S⍴Y"
    ("⌊/0 3⍴0", []), ("÷/0 3⍴0", []), ("{⍺+⍵}/0 3⍴0", []), ("⍲/0 3⍴0", []), ("×⌿3 0⍴0", []),
    ("+/2 0 3⍴0", np.zeros((2, 0))),
    # identity elements (table "Identity Elements")
    ("+/⍬", 0), ("-/⍬", 0), ("×/⍬", 1), ("÷/⍬", 1), ("|/⍬", 0), ("⌊/⍬", MAXF), ("⌈/⍬", -MAXF),
    ("*/⍬", 1), ("!/⍬", 1), ("∧/⍬", 1), ("∨/⍬", 0), ("</⍬", 0), ("≤/⍬", 1), ("=/⍬", 1), (">/⍬", 0),
    ("≥/⍬", 1), ("≠/⍬", 0), ("⊤/⍬", 0), ("⌽/⍬", 0), ("⊖/⍬", 0), ("∪/⍬", Enc([])),
    ("+/⍳0", 0), ("+/''", 0), ("+/3 0⍴0", [0, 0, 0]), ("×/3 0⍴0", [1, 1, 1]), ("+⌿0 3⍴0", [0, 0, 0]),
    ("⌊/3 0⍴0", [MAXF] * 3), ("∧⌿0 2⍴0", [1, 1]), ("+/[2]2 0 3⍴0", np.zeros((2, 3))),
    # catenation: "(⊂⍬)≡,/⍬", "(⊂'')≡,/0⍴'Hello' 'World'", "(⊂0 3 4⍴0)≡⍪/0⍴⊂2 3 4⍴0"
    ("(⊂⍬)≡,/⍬", 1), ("(⊂'')≡,/''", 1), ("≢,/3 0⍴0", 3),
    # "+/⍳0 → 0"; 0-wise reduce gives identities: "0+/⍳4 → 0 0 0 0 0", "0×/⍳4 → 1 1 1 1 1"
    ("0+/⍳4", [0, 0, 0, 0, 0]), ("0×/⍳4", [1, 1, 1, 1, 1]), ("0+/⍬", [0]), ("0⌈/1 2", [-MAXF] * 3),
])
def test_reduce_degenerate(expr, expected):
    matches(ev(expr), expected)


def test_empty_identity_shapes():
    assert ev("+/3 0⍴0").shape == (3,)
    assert ev("+/2 3 0⍴0").shape == (2, 3)
    assert ev("+⌿0 2 3⍴0").shape == (2, 3)
    assert ev("⌊/0 3⍴0").shape == (0,)
    assert ev("0+/2 3⍴0").shape == (2, 4)
    assert ev("0+⌿2 3⍴0").shape == (3, 3)
    assert np.asarray(ev("∧/⍬")).dtype == bool


@pytest.mark.parametrize("expr", ["{⍺+⍵}/⍬", "{⍺+⍵}/3 0⍴0", "⍲/⍬", "⍱/⍬", "○/⍬", "⍟/⍬", "⊢/⍬", "0{⍺+⍵}/1 2"])
def test_no_identity_is_a_domain_error(expr):
    assert error_name(expr) == "DOMAIN ERROR"


# ------------------------------------------------------------------ nested arguments and results

@pytest.mark.parametrize("expr, expected", [
    # "+/(1 2 3)(4 5 6)(7 8 9) → 12 15 18" (an enclosed vector), ",/'ONE' 'NESS' → ONENESS"
    ("+/(1 2 3)(4 5 6)(7 8 9)", Enc([12, 15, 18])), (",/'ab' 'cd' 'ef'", Enc(np.array(list("abcdef")))),
    ("+/1 (2 3)", Enc([3, 4])), ("-/(1 2)(3 4)(5 6)", Enc([3, 4])), ("×/(1 2)(3 4)", Enc([3, 8])),
    ("⌈/(1 2)(3 4)(5 0)", Enc([5, 4])), ("+/(1 2)(3 (4 5))(6 7)", Enc([10, [13, 14]])),
    (",/1 2 3", Enc([1, 2, 3])), ("{⍺,⍵}/1 2 3", Enc([1, 2, 3])), (",/(1 2)(3 4)", Enc([1, 2, 3, 4])),
    ("{⍺+⍵}/(1 2)(3 4)", Enc([4, 6])), ("⊃,/'ab' 'cd'", np.array(list("abcd"))),
    ("+/2 2⍴(1 2)(3 4)(5 6)(7 8)", [[4, 6], [12, 14]]), ("+⌿2 2⍴(1 2)(3 4)(5 6)(7 8)", [[6, 8], [10, 12]]),
    ("+/(1000⍴⊂1 2)", Enc([1000, 2000])),
])
def test_reduce_nested(expr, expected):
    matches(ev(expr), expected)


# ------------------------------------------------------------------ scan

@pytest.mark.parametrize("expr, expected", [
    # "∨\0 0 1 0 0 1 0 → 0 0 1 1 1 1 1", "^\1 1 1 0 1 1 1 → 1 1 1 0 0 0 0", "+\1 2 3 4 5 → 1 3 6 10 15"
    ("∨\\0 0 1 0 0 1 0", [0, 0, 1, 1, 1, 1, 1]), ("∧\\1 1 1 0 1 1 1", [1, 1, 1, 0, 0, 0, 0]),
    ("+\\1 2 3 4 5", [1, 3, 6, 10, 15]), ("-\\1 2 3 4", [1, -1, 2, -2]), ("-\\1.5 2 3", [1.5, -0.5, 2.5]),
    ("÷\\1 2 3 4", [1, 0.5, 1.5, 0.375]), ("÷\\0 0 5", [0, 1, 1]), ("×\\1 2 3 4", [1, 2, 6, 24]),
    ("*\\2 3 2", [2, 8, 512]), ("|\\3 10 7", [3, 1, 1]), ("!\\3 2 1", [3, 0, 0]),
    ("⌈\\3 1 4 1 5", [3, 3, 4, 4, 5]), ("⌊\\3 1 4 1 5", [3, 1, 1, 1, 1]),
    ("=\\1 0 1 1", [1, 0, 0, 0]), ("=\\1 1 1 1", [1, 1, 1, 1]), ("=\\1 2 3", [1, 0, 0]),
    ("≠\\1 0 1 1", [1, 1, 0, 1]), ("≠\\1 2 2", [1, 1, 1]), ("<\\0 1 1 0 1", [0, 1, 0, 0, 0]),
    ("∧\\4 6 10", [4, 12, 60]), ("∨\\12 18 8", [12, 6, 2]), ("{⍺+⍵}\\1 2 3 4", [1, 3, 6, 10]),
    ("{⍺-⍵}\\1 2 3 4", [1, -1, 2, -2]), ("⊢\\1 2 3", [1, 2, 3]), ("⊣\\1 2 3", [1, 1, 1]),
    ("+\\5", 5), ("+\\,5", [5]), ("-\\⍬", []), ("{⍺+⍵}\\⍬", []), ("⍲\\⍬", []), ("+\\1J1 2", [1 + 1j, 3 + 1j]),
    # matrices: "+\M → 1 3 6 / 4 9 15", "+⍀M → 1 2 3 / 5 7 9", "+\[1]M → 1 2 3 / 5 7 9"
    ("+\\2 3⍴⍳6", np.array([[1, 3, 6], [4, 9, 15]])), ("+⍀2 3⍴⍳6", np.array([[1, 2, 3], [5, 7, 9]])),
    ("+\\[1]2 3⍴⍳6", np.array([[1, 2, 3], [5, 7, 9]])), ("-⍀3 2⍴⍳6", np.array([[1, 2], [-2, -2], [3, 4]])),
    ("-\\[2]2 3⍴⍳6", np.array([[1, -1, 2], [4, -1, 5]])), ("÷⍀2 2⍴1 2 4 8", np.array([[1, 2], [0.25, 0.25]])),
    ("×\\[2]2 3 2⍴⍳12", np.cumprod(np.arange(1, 13).reshape(2, 3, 2), axis=1)),
    ("+\\0 3⍴0", np.zeros((0, 3))), ("+\\3 0⍴0", np.zeros((3, 0))),
    # nested: "+\(1 2 3)(4 5 6)(7 8 9) → 1 2 3  5 7 9  12 15 18", ",\'ABC' → A AB ABC"
    ("+\\(1 2 3)(4 5 6)(7 8 9)", [[1, 2, 3], [5, 7, 9], [12, 15, 18]]),
    (",\\'ABC'", ["A", np.array(list("AB")), np.array(list("ABC"))]),
    ("{⍺,⍵}\\1 2 3", [1, [1, 2], [1, 2, 3]]), ("+\\1 (2 3) 4", [1, [3, 4], [7, 8]]),
    ("×\\(1 2)(3 4)(5 6)", [[1, 2], [3, 8], [15, 48]]), ("-\\(1 2)(3 4)(5 6)", [[1, 2], [-2, -2], [3, 4]]),
])
def test_scan(expr, expected):
    matches(ev(expr), expected)


def test_scan_parenthesis_example():
    # "T←'ONE(TWO) BOOK(S)' ⋄ ≠\T∊'()' → 0 0 0 1 1 1 1 0 0 0 0 0 0 1 1 0", "((T∊'()')⍱≠\T∊'()')/T → ONE BOOK"
    matches(ev("T←'ONE(TWO) BOOK(S)' ⋄ ≠\\T∊'()'"), [0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0])
    matches(ev("T←'ONE(TWO) BOOK(S)' ⋄ ((T∊'()')⍱≠\\T∊'()')/T"), np.array(list("ONE BOOK")))


def test_scan_keeps_shape_and_items_are_reductions():
    x = np.array([3, 1, 4, 1, 5, 9, 2, 6])
    for f in "+-×÷⌈⌊|=≠<>≤≥":
        scan = ev(f"{f}\\X", X=x)
        reds = [ev(f"{f}/X", X=x[: i + 1]) for i in range(len(x))]
        np.testing.assert_allclose(np.asarray(scan, dtype=float), np.asarray(reds, dtype=float), rtol=1e-13)


# ------------------------------------------------------------------ n-wise reduce

@pytest.mark.parametrize("expr, expected", [
    # "3+/⍳4 → 6 9", "2+/⍳4 → 3 5 7", "1+/⍳4 → 1 2 3 4", "2,/⍳4 → (1 2)(2 3)(3 4)", "¯2,/⍳4 → (2 1)(3 2)(4 3)"
    ("3+/⍳4", [6, 9]), ("2+/⍳4", [3, 5, 7]), ("1+/⍳4", [1, 2, 3, 4]), ("4+/⍳4", [10]), ("5+/⍳4", []),
    ("2,/⍳4", [[1, 2], [2, 3], [3, 4]]), ("¯2,/⍳4", [[2, 1], [3, 2], [4, 3]]),
    ("2+/1 2 3 4", [3, 5, 7]), ("¯2-/1 4 9", [3, 5]), ("2-/1 4 9 16", [-3, -5, -7]), ("¯3-/1 4 9 16", [6, 11]),
    ("3-/1 4 9 16", [6, 11]), ("0+/1 2 3", [0, 0, 0, 0]), ("3+/1 2", []), ("2÷/1 2 4 8", [0.5, 0.5, 0.5]),
    ("¯2÷/1 2 4 8", [2, 2, 2]), ("3×/1 2 3 4 5", [6, 24, 60]), ("2⌈/3 1 4 1 5", [3, 4, 4, 5]),
    ("2⌊/3 1 4 1 5", [1, 1, 1, 1]), ("2=/1 1 2 2", [1, 0, 1]), ("2≠/1 1 0 1", [0, 1, 1]), ("2∧/1 1 0 1", [1, 0, 0]),
    ("2∨/4 6 9", [2, 3]), ("2{⍺+⍵}/1 2 3 4", [3, 5, 7]), ("¯2{⍺-⍵}/1 4 9", [3, 5]), ("3{⍺,⍵}/⍳4", [[1, 2, 3], [2, 3, 4]]),
    ("2+/(1 2)(3 4)(5 6)", [[4, 6], [8, 10]]), ("2|/3 10 4", [1, 4]), ("2*/2 3 2", [8, 9]),
    ("2+/3 2⍴⍳6", np.array([[3], [7], [11]])), ("2+⌿3 2⍴⍳6", np.array([[4, 6], [8, 10]])),
    ("2+/[1]3 2⍴⍳6", np.array([[4, 6], [8, 10]])), ("¯2-⌿3 2⍴⍳6", np.array([[2, 2], [2, 2]])),
    ("2+/[2]2 3 4⍴⍳24", T[:, :-1, :] + T[:, 1:, :]), ("(,2)+/1 2 3", [3, 5]), ("1+/⍬", []),
    ("2+/9223372036854775807 1 ¯1", [9223372036854775808.0, 0]),
])
def test_nwise(expr, expected):
    matches(ev(expr), expected)


@pytest.mark.parametrize("expr, name", [
    ("4+/1 2", "LENGTH ERROR"), ("3+/⍬", "LENGTH ERROR"), ("1 2+/1 2 3", "LENGTH ERROR"),
    ("2.5+/1 2 3", "DOMAIN ERROR"), ("'a'+/1 2", "DOMAIN ERROR"), ("2÷/1 0 0 8", "DOMAIN ERROR"),
])
def test_nwise_errors(expr, name):
    assert error_name(expr) == name


# ------------------------------------------------------------------ errors and overflow

@pytest.mark.parametrize("expr, name", [
    ("+/'abc'", "DOMAIN ERROR"), ("⌈/1J1 2", "DOMAIN ERROR"), ("+/1E308 1E308", "DOMAIN ERROR"),
    ("×/1E200 1E200", "DOMAIN ERROR"), ("÷/1 0", "DOMAIN ERROR"), ("∧/1 2 'a'", "DOMAIN ERROR"),
    ("+/[3]2 3⍴1", "RANK ERROR"), ("+\\[3]2 3⍴1", "RANK ERROR"), ("+\\1E308 1E308", "DOMAIN ERROR"),
    ("+/(1 2)(1 2 3)", "LENGTH ERROR"),
])
def test_reduce_errors(expr, name):
    assert error_name(expr) == name


@pytest.mark.parametrize("expr, expected", [
    ("+/9223372036854775807 1", 9223372036854775808.0), ("-/9223372036854775807 ¯1", 9223372036854775808.0),
    ("×/4294967296 4294967296", 2.0 ** 64), ("+\\9223372036854775807 1", [9223372036854775807.0, 2.0 ** 63]),
    ("×\\4294967296 4294967296", [4294967296.0, 2.0 ** 64]), ("×/1E200 1E200 0", 0), ("×/0 1E200 1E200", 0),
])
def test_overflow_promotes_to_float(expr, expected):
    matches(ev(expr), expected)
    assert np.asarray(ev(expr)).dtype.kind == "f"


def test_integer_sums_stay_exact():
    x = np.array([2 ** 62, 2 ** 61, -(2 ** 62), 5])
    assert ev("+/X", X=x) == 2 ** 61 + 5 and np.asarray(ev("+/X", X=x)).dtype.kind == "i"
    assert ev("+/⍳100000") == 5000050000
    assert ev("×/⍳20") == math.factorial(20) and np.asarray(ev("×/⍳20")).dtype.kind == "i"


# ------------------------------------------------------------------ fast paths agree with plain folds

small_ints = st.lists(st.integers(-50, 50), min_size=1, max_size=9)
nonzero = st.lists(st.integers(-9, 9).filter(bool), min_size=1, max_size=8)


@settings(max_examples=30, deadline=None)
@given(small_ints)
def test_reductions_match_right_folds(xs):
    x = np.array(xs)
    folds = {
        "+": lambda a, b: a + b, "-": lambda a, b: a - b, "×": lambda a, b: a * b,
        "⌈": max, "⌊": min, "∨": math.gcd, "∧": lambda a, b: 0 if a == 0 or b == 0 else a * b // math.gcd(a, b),
        "=": lambda a, b: int(a == b), "≠": lambda a, b: int(a != b), "<": lambda a, b: int(a < b),
    }
    for g, f in folds.items():
        assert ev(f"{g}/X", X=x) == rfold(f, xs), g
        np.testing.assert_array_equal(ev(f"{g}\\X", X=x), [rfold(f, xs[: i + 1]) for i in range(len(xs))])
        assert ev(f"{{⍺{g}⍵}}/X", X=x) == rfold(f, xs), g


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 1), min_size=1, max_size=12))
def test_boolean_reductions_match_right_folds(xs):
    x = np.array(xs, dtype=bool)
    for g, f in {"=": lambda a, b: int(a == b), "≠": lambda a, b: int(a != b), "∧": min, "∨": max,
                 "<": lambda a, b: int(a < b), "≤": lambda a, b: int(a <= b)}.items():
        assert ev(f"{g}/X", X=x) == rfold(f, xs), g
        np.testing.assert_array_equal(ev(f"{g}\\X", X=x), [rfold(f, xs[: i + 1]) for i in range(len(xs))])


@settings(max_examples=30, deadline=None)
@given(nonzero)
def test_division_reduce_and_scan_match_right_folds(xs):
    x = np.array(xs)
    f = lambda a, b: a / b
    np.testing.assert_allclose(ev("÷/X", X=x), rfold(f, list(map(float, xs))), rtol=1e-12)
    np.testing.assert_allclose(ev("÷\\X", X=x), [rfold(f, list(map(float, xs[: i + 1]))) for i in range(len(xs))],
                               rtol=1e-12)


@settings(max_examples=30, deadline=None)
@given(small_ints, st.integers(-4, 4))
def test_nwise_matches_windows(xs, n):
    x = np.array(xs)
    if abs(n) > len(xs) + 1:
        with pytest.raises(apl.APLError):
            ev("N-/X", N=n, X=x)
        return
    m = abs(n)
    windows = [xs[i:i + m] for i in range(len(xs) - m + 1)]
    if n < 0:
        windows = [w[::-1] for w in windows]
    for g, f, ident in [("+", lambda a, b: a + b, 0), ("-", lambda a, b: a - b, 0), ("⌈", max, None)]:
        got = ev(f"N{g}/X", N=n, X=x)
        if m == 0:
            if ident is not None:
                np.testing.assert_array_equal(got, [ident] * (len(xs) + 1))
            continue
        np.testing.assert_array_equal(got, [rfold(f, w) for w in windows])
        np.testing.assert_array_equal(ev(f"N{{⍺{g}⍵}}/X", N=n, X=x), [rfold(f, w) for w in windows])


def test_evaluation_order_examples_from_the_scan_page():
    # "+\ 1E100 ¯1E100 1 → 1E100 0 1", "{⍺+⍵}\1E100 ¯1E100 1 → 1E100 0 0"
    matches(ev("+\\1E100 ¯1E100 1"), [1e100, 0, 1])
    matches(ev("{⍺+⍵}\\1E100 ¯1E100 1"), [1e100, 0, 0])
    matches(ev("+\\1 1E100 ¯1E100"), [1, 1e100, 0])


# ---------------------------------------------------------------- reduce and scan details
@pytest.mark.parametrize("src, exp", [
    ("×/⍳5", 120),
    ("-/⍳4", -2),
    ("⌈/3 1 4 1 5", 5),
    ("+/⍬", 0),
    ("×/⍬", 1),
    ("+\\⍳5", [1, 3, 6, 10, 15]),
    ("-\\1 2 3", [1, -1, 2]),
    ("⍴+/2 3⍴⍳6", [2]),
    ("+/2 3⍴⍳6", [6, 15]),
    ("+⌿2 3⍴⍳6", [5, 7, 9]),
    ("+/[1]2 3⍴⍳6", [5, 7, 9]),
    ("3+/⍳5", [6, 9, 12]),
    ("{⍺,⍵}\\1 2 3", nested(1, np.array([1, 2]), np.array([1, 2, 3]))),
])
def test_reduce_and_scan(src, exp):
    check(src, exp)


def test_reduce_of_strings_encloses():
    r = ev(",/'ab' 'cd'")
    assert r.shape == ()
    same(r[()], chars("abcd"))


# ---------------------------------------------------------------- n-wise reduction of a scalar
# aplwiki RANK_ERROR (Dyalog): "Windowed Reduction is not defined on scalars: 2 +/ 0.5".
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", ["2+/0.5", "1+/5", "0+/5"])
def test_nwise_reduction_of_a_scalar_is_a_rank_error(src, backend):
    assert error_on(src, backend) == "RANK ERROR"


def test_nwise_reduction_of_a_one_item_vector():
    same(run_on("2+/,5"), np.zeros(0, dtype=int))
    same(run_on("1+/,5"), [5])


# ---------------------------------------------------------------- reduction of empty scalars
@pytest.mark.parametrize("backend", BACKENDS)
def test_catenate_on_axis_reduces_empty_scalars(backend):
    # f/ of an empty vector is ⊂ of the identity: for ,[1] an empty vector, as for ,
    for src in [",[1]/⍬", ",/⍬"]:
        r = run_on(src, backend)
        assert r.shape == () and np.asarray(r[()] if r.dtype == object else r).shape in ((0,), ())
    for src in ["(0 0⍴0) ,[1].⊢ ⍳0", "(0 0⍴0) ,[1].~ ⍳0"]:
        assert run_on(src, backend).shape == (0,)


def test_catenate_reduce_of_many_vectors_joins_them_at_once():
    r = ev("⊃,/1E3⍴⊂⍳100")
    assert r.shape == (100_000,) and r[:3].tolist() == [1, 2, 3]
    assert ev("⊃,/'ab' 'cd' 'e'").tolist() == list("abcde")
    assert ev("⊃,/(1 2)(0.5 1)").tolist() == [1, 2, 0.5, 1]
    assert ev("⊃,/(1 2)('ab')").tolist() == [1, 2, "a", "b"]  # mixed kinds: the pairwise fold
