"""Ordering (apl/primitives/ordering.py): grade ⍋ ⍒ (with a collating sequence for characters) and
interval index X⍸Y, through the public API.

Expected values are written in Python (see apl_values.expected): a number or a 1-character string
is a scalar, a longer (or empty) string a character vector, a list a vector of items; R(shape, items)
an array, Enc(x) an enclosure, Z(kind, shape) an empty array. A result must also be in canonical
storage: a nested array never holds only simple scalars. Examples from Dyalog's Language Reference
are marked "doc".
"""
import numpy as np
import pytest
from apl_values import BACKENDS, R, Z, check, check_spec, error_name, ev, run_on
from hypothesis import given, settings
from hypothesis import strategies as st

import apl

# ------------------------------------------------------------------ ⍸ interval index
INTERVAL = [
    ("10 20 30⍸11 1 31 21", [1, 0, 3, 2]),  # doc
    ("'AEIOU'⍸'DYALOG'", [1, 5, 1, 3, 4, 2]),  # doc
    ("1 3 5⍸0 1 2 6", [0, 1, 1, 3]),
    ("10 20 30⍸25", 2),
    ("10 20 30⍸2 2⍴5 25 30 99", R((2, 2), [0, 2, 3, 3])),
    ("1 2 2 3⍸2", 3),
    ("⍬⍸1 2", [0, 0]),
    ("1.5 2.5⍸2 3", [1, 2]),
    ("1 2 3⍸2-1e¯15", 1),  # not tolerant
    ("1J1 2⍸1 1J2 3", [0, 1, 2]),  # complex: real part, then imaginary part
    ("⎕IO←0 ⋄ 10 20 30⍸5 25", [-1, 1]),
    # major cells
    ("(3 2⍴1 1 2 2 3 3)⍸2 2⍴2 5 0 0", [2, 0]),
    ("(3 2⍴1 1 2 2 3 3)⍸3 3", 3),
    ("(5 6⍴'Fi    Jay   John  MortenRoger ')⍸6 6⍴'JD    Jd    Geoff Anna  Scott Zeus  '",
     [1, 2, 1, 0, 5, 5]),
    # total array ordering of nested cells
    ("'AEJR'⍸'Ken' 'Adin' 'Larry' 'Phil' 'Roger'", [3, 1, 3, 3, 4]),
    ("(1 2)(1 5)(3)⍸(1 3)(0)(4 4)", [1, 0, 3]),
]


@pytest.mark.parametrize("expr,expected", INTERVAL)
def test_interval_index(expr, expected):
    check_spec(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("3 1 2⍸2", "DOMAIN ERROR"),
    ("'ba'⍸'a'", "DOMAIN ERROR"),
    ("5⍸3", "RANK ERROR"),
    ("(2 2⍴⍳4)⍸1 2 3", "LENGTH ERROR"),
])
def test_interval_index_errors(expr, name):
    assert error_name(expr) == name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=20), st.lists(st.integers(-25, 25), max_size=20))
def test_prop_interval_index(x, y):
    xs = np.array(sorted(x), dtype=np.int64)
    r = ev("X⍸Y", X=xs, Y=np.array(y, dtype=np.int64))
    assert np.asarray(r).tolist() == [sum(v <= q for v in xs.tolist()) for q in y]


# ---------------------------------------------------------------- ⍸ with an empty right argument
@pytest.mark.parametrize("backend", BACKENDS)
def test_interval_index_of_complex_with_an_empty_right_argument(backend):
    assert run_on("(3⍴0J2) ⍸ ⍬", backend).shape == (0,)
    assert run_on("(3⍴0J2) ⍸ 0 3⍴0", backend).shape == (0, 3)
    assert run_on("(0J1 0J2) ⍸ 1", backend).tolist() == 2


# ------------------------------------------------------------------ ⍋ ⍒
GRADE = [
    ("⍋3 1 2", [2, 3, 1]),
    ("⍋3 1 2 1", [2, 4, 3, 1]),  # stable
    ("⍒3 1 2 1", [1, 3, 2, 4]),  # stable too
    ("⍋'banana'", [2, 4, 6, 1, 3, 5]),
    ("⍒'banana'", [3, 5, 1, 2, 4, 6]),
    ("⍋0.1 ¯5 3E10 ¯5", [2, 4, 1, 3]),
    ("⍋1 0 1 0", [2, 4, 1, 3]),
    ("⍋1J2 1 1J¯2", [3, 2, 1]),  # doc: 1J¯2 precedes 1 which precedes 1J2
    ("⍋⍬", Z("N")),
    ("⍋,7", [1]),
    ("⍋3 2⍴3 1 1 2 1 1", [3, 2, 1]),
    ("⍒3 2⍴3 1 1 2 1 1", [1, 2, 3]),
    ("⍋3 2⍴'abcdab'", [1, 3, 2]),
    ("⍋4 3⍴2 1 0 0 2 2 1 1 1 1 0 0", [2, 4, 3, 1]),
    ("⍋2 2 2⍴8 7 6 5 4 3 2 1", [2, 1]),
    ("⍋3 0⍴0", [1, 2, 3]),
    ("⎕IO←0 ⋄ ⍋3 1 2", [1, 2, 0]),
    # total array ordering: mixed and nested arrays
    ("⍋1 'a' 2", [1, 3, 2]),  # numbers precede characters
    ("⍋'b' 1", [2, 1]),
    ("⍋'carpet' 'car'", [2, 1]),  # doc: 'car' precedes 'carpet'
    ("⍋(1949 4 30)(1949 4)", [2, 1]),  # doc
    ("⍋('April' 30)('April' 29)", [2, 1]),  # doc
    ("⍋(,'a') 'a'", [2, 1]),  # doc: 'a' precedes ,'a'
    ("⍋(1 2)(1 2 3)(1)", [3, 1, 2]),
    ("⍋'abc' 'ab' 'a' 'b'", [3, 2, 1, 4]),
    ("⍋(2)(1 2)(1)", [3, 2, 1]),
    ("⍋(2 2⍴1)(1 2)", [1, 2]),
    ("⍋'ab' (⊂'ab')", [1, 2]),
    ("⍋⍬ ''", [1, 2]),
    ("⍋'' ⍬", [2, 1]),
    ("⍋(1 2)(0)(1 2)", [2, 1, 3]),
    ("⍒(1 2)(0)(1 2)", [1, 3, 2]),
    ("⍋(2 2⍴'ab' 'c' 1 (2 3))", [2, 1]),
    ("⍋2 2⍴'b' 1 'a' 2", [2, 1]),
    ("⍋1J1 'a' ¯2", [3, 1, 2]),
]


@pytest.mark.parametrize("expr,expected", GRADE)
def test_grade(expr, expected):
    check_spec(expr, expected)


COLLATED = [
    ("'cab'⍋'abcabc'", [3, 6, 1, 4, 2, 5]),
    ("'cab'⍒'abcabc'", [2, 5, 1, 4, 3, 6]),
    ("'ab'⍋'xaby'", [2, 3, 1, 4]),  # characters not in the collation come last, in order
    ("(2 3⍴'abcABA')⍒4 2⍴'abacAaAc'", [4, 2, 1, 3]),  # doc
    ("(2 3⍴'abcABA')⍋4 2⍴'abacAaAc'", [3, 1, 2, 4]),
    ("'ba'⍋3 2⍴'abbaab'", [2, 1, 3]),
    ("⎕IO←0 ⋄ 'cab'⍋'abc'", [2, 0, 1]),
]


@pytest.mark.parametrize("expr,expected", COLLATED)
def test_grade_collated(expr, expected):
    check_spec(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("⍋5", "RANK ERROR"),
    ("⍒'a'", "RANK ERROR"),
    ("'ab'⍋1 2", "DOMAIN ERROR"),
    ("1 2⍋'ab'", "DOMAIN ERROR"),
    ("'abc'⍋'x'", "RANK ERROR"),
])
def test_grade_errors(expr, name):
    assert error_name(expr) == name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5) | st.floats(-1e6, 1e6, allow_nan=False), max_size=30))
def test_prop_grade_sorts(v):
    a = np.array(v, dtype=float)
    up, down = ev("⍋A", A=a) - 1, ev("⍒A", A=a) - 1
    assert sorted(up.tolist()) == list(range(len(v)))
    assert np.all(np.diff(a[up]) >= 0) and np.all(np.diff(a[down]) <= 0)
    # stable: equal items keep their order
    assert up.tolist() == sorted(range(len(v)), key=lambda i: v[i])
    assert down.tolist() == sorted(range(len(v)), key=lambda i: -v[i])
    assert ev("A[⍋A]≡A[⍋A][⍋A[⍋A]]", A=a) == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=12))
def test_prop_grade_rows(rows):
    m = np.array(rows, dtype=np.int64)
    assert (ev("⍋M", M=m) - 1).tolist() == sorted(range(len(rows)), key=lambda i: rows[i])
    assert (ev("⍒M", M=m) - 1).tolist() == sorted(range(len(rows)), key=lambda i: tuple(-x for x in rows[i]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text("abc", max_size=3), min_size=1, max_size=8))
def test_prop_grade_strings(words):
    r = apl.Session()
    r["W"] = [list(w) for w in words]  # nested vector of character vectors
    expected = sorted(range(len(words)), key=lambda i: words[i])
    assert (np.asarray(r.eval("⍋W")) - 1).tolist() == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3) | st.lists(st.integers(0, 3), min_size=1, max_size=3), min_size=1, max_size=10))
def test_prop_grade_nested_numbers(items):
    """Vectors of numbers and number vectors: the quick sort keys agree with the full ordering
    (a matrix item added forces the general comparison; it must not disturb the others)."""
    s = apl.Session()
    s["W"] = items
    quick = (np.asarray(s.eval("⍋W")) - 1).tolist()
    full = [i for i in (np.asarray(s.eval("⍋W,⊂2 2⍴9")) - 1).tolist() if i != len(items)]
    assert quick == full
    down = [i for i in (np.asarray(s.eval("⍒W,⊂2 2⍴9")) - 1).tolist() if i != len(items)]
    assert (np.asarray(s.eval("⍒W")) - 1).tolist() == down
    # and the order is the dictionary order, a scalar before the one-item vector it ties with
    key = [((x,), 0) if isinstance(x, int) else (tuple(x), 1) for x in items]
    assert quick == sorted(range(len(items)), key=key.__getitem__)


# ---------------------------------------------------------------- ⍋ ⍒ of empty arrays
# LRG/grade-up: "If the empty arrays are of the same type, they are sorted in order of their
# shape vector, working right to left. So ((0 5 2)⍴99) precedes ((0 3 4)⍴0) and ((0 3 4)⍴'')
# precedes ((1 0 5 4)⍴'')"; an empty numeric array precedes an empty character array.
@pytest.mark.parametrize("src, exp", [
    ("⍋(0 5 2⍴99)(0 3 4⍴0)", [1, 2]),
    ("⍋(0 3 4⍴0)(0 5 2⍴99)", [2, 1]),
    ("⍋(0 3 4⍴'')(1 0 5 4⍴'')", [1, 2]),
    ("⍋(1 0 5 4⍴'')(0 3 4⍴'')", [2, 1]),
    ("⍒(0 5 2⍴99)(0 3 4⍴0)", [2, 1]),
    ("⍋(0 3 2⍴0)''", [1, 2]),
    ("⍋''(0 3 2⍴0)", [2, 1]),
    ("⍋(2 0⍴0)(0 3⍴0)(1 0⍴0)", [3, 1, 2]),
    ("⍋(0 2⍴0)(0 1⍴0)(0 3⍴0)", [2, 1, 3]),
])
def test_grade_orders_empty_arrays_by_shape_right_to_left(src, exp):
    check(src, exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_grade_of_empty_arrays_on_both_backends(backend):
    got = run_on("⍋(0 5 2⍴99)(0 3 4⍴0)(0 5 1⍴0)", backend)
    assert np.array_equal(np.asarray(got), [3, 1, 2])
