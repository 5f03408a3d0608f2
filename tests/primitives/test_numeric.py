"""Number-system, linear-algebra and format primitives (⊥ ⊤ ⌹ ⍕) through the public API,
against Dyalog's documented behaviour (examples from the Language Reference are marked "doc").

Expected numbers are compared with a relative tolerance of 1e-9; expected characters are
Python strings (a list of strings for the rows of a character matrix).
"""
from __future__ import annotations

import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, error_name, ev, run_on
from hypothesis import given, settings
from hypothesis import strategies as st

import apl


def num(expr, expected, **names):
    r = ev(expr, **names)
    a = np.asarray(r)
    e = np.asarray(expected)
    assert a.dtype.kind in "biufc", f"{expr}: {a.dtype}"
    assert a.shape == e.shape, f"{expr}: shape {a.shape} != {e.shape}"
    assert np.allclose(a, e, rtol=1e-9, atol=1e-12), f"{expr}: {a} != {e}"
    return r


def text(expr, expected):
    """A character result: a string is a vector (or scalar for 1 char if scalar=True), a list
    of strings a matrix."""
    r = ev(expr)
    assert isinstance(r, np.ndarray) and r.dtype.kind == "U", f"{expr}: {r!r}"
    if isinstance(expected, list):
        assert r.ndim == 2, f"{expr}: shape {r.shape}"
        assert ["".join(row) for row in r.tolist()] == expected
    else:
        assert r.ndim == 1, f"{expr}: shape {r.shape}"
        assert "".join(r.tolist()) == expected
    return r


# ------------------------------------------------------------------ ⊥ decode
DECODE = [
    ("2⊥1 0 1", 5),
    ("10⊥1 2 3", 123),
    ("24 60 60⊥1 2 3", 3723),
    ("1760 3 12⊥1 2 8", 68),  # mixed radix: yards, feet, inches
    ("2⊥1", 1),
    ("2 2 2⊥1", 7),  # a scalar right argument is extended
    ("2⊥⍬", 0),
    ("⍬⊥⍬", 0),
    ("0.5⊥1 2 3", 4.25),  # polynomial evaluation
    ("¯1⊥1 2 3", 2),
    ("2⊥2 3⍴1 0 1 1 1 0", [3, 1, 2]),  # columns of a matrix
    ("2⊥3 4⍴1 0 1 1 0 0 1 0 1 1 1 1", [5, 1, 7, 5]),  # a boolean matrix
    ("2⊥1 0 1=1 1 1", 5),
    ("(2 2⍴2 10)⊥2 2⍴1 2 3 4", [[13, 24], [13, 24]]),
    ("(2 3⍴2 2 2 10 10 10)⊥1 0 1", [5, 101]),
    ("(3 1⍴2 10 16)⊥3 2⍴1 2 0 0 1 3", [[5, 11], [101, 203], [257, 515]]),
    ("10⊥2 3 1⍴1 2 3 4 5 6", [[14], [25], [36]]),
    ("1.5 2⊥1 2", 4),
    ("2⊥0.5 1", 2),
    ("MAT←10⊥¨⍳3 4 ⋄ MAT", [[11, 12, 13, 14], [21, 22, 23, 24], [31, 32, 33, 34]]),  # doc (⌷)
]


@pytest.mark.parametrize("expr,expected", DECODE)
def test_decode(expr, expected):
    num(expr, expected)


def test_decode_types():
    assert ev("10⊥1 2 3").dtype == np.int64
    assert isinstance(ev("2⊥1 0 1"), np.int64)
    r = ev("1J1⊥1 1")
    assert r == 2 + 1j
    big = ev("10⊥25⍴9")  # too large for integers: a float
    assert isinstance(big, np.float64) and abs(big - 1e25) / 1e25 < 1e-12


@pytest.mark.parametrize("expr,name", [
    ("2 2⊥1 2 3", "LENGTH ERROR"),
    ("1 2 3⊥1 2", "LENGTH ERROR"),
    ("2⊥'ab'", "DOMAIN ERROR"),
    ("'a'⊥1 2", "DOMAIN ERROR"),
    ("2⊥(1 2)(3 4)", "DOMAIN ERROR"),
])
def test_decode_errors(expr, name):
    assert error_name(expr) == name


# ------------------------------------------------------------------ ⊤ encode
ENCODE = [
    ("2 2 2⊤5", [1, 0, 1]),
    ("2 2 2 2⊤15", [1, 1, 1, 1]),
    ("24 60 60⊤3723", [1, 2, 3]),
    ("0 24 60⊤3723", [2, 14, 3]),  # a leading 0 keeps what is left
    ("10 10⊤123", [2, 3]),  # too few digits: the high part is lost
    ("2⊤5", 1),
    ("10⊤5 15 125", [5, 5, 5]),
    ("0 10⊤5 15 125", [[0, 1, 12], [5, 5, 5]]),
    ("2 2 2⊤3 4 5", [[0, 1, 1], [1, 0, 0], [1, 0, 1]]),
    ("(2 2⍴10 2)⊤5 6", [[[0, 0], [0, 1]], [[5, 6], [1, 0]]]),
    ("2 2⊤2 2⍴0 1 2 3", [[[0, 0], [1, 1]], [[0, 1], [0, 1]]]),
    # negative numbers: two's complement style digits; a leading 0 gives a negative high part
    ("2 2 2⊤¯1", [1, 1, 1]),
    ("2 2⊤¯3", [0, 1]),
    ("10⊤¯3", 7),
    ("0 10⊤¯13", [-2, 7]),
    ("0 2⊤¯5", [-3, 1]),
    # zero radix, floats
    ("3 0⊤10", [0, 10]),
    ("0 0⊤7", [0, 7]),
    ("1 0.5⊤3.75", [0, 0.25]),
    ("0 1⊤3.75", [3, 0.75]),
    ("0 1⊤¯3.75", [-4, 0.25]),
    ("10 10⊤12.5", [1, 2.5]),
    ("2 2 2⊤5.0", [1, 0, 1]),
]


@pytest.mark.parametrize("expr,expected", ENCODE)
def test_encode(expr, expected):
    num(expr, expected)


def test_encode_shapes():
    assert ev("⍬⊤5").shape == (0,)
    assert ev("2 2⊤⍬").shape == (2, 0)
    assert ev("(2 3⍴2)⊤4 5 6 7").shape == (2, 3, 4)
    assert ev("2 2 2⊤5").dtype == np.int64
    assert isinstance(ev("2⊤5"), np.int64)


@pytest.mark.parametrize("expr", ["2 2⊤'a'", "'ab'⊤5", "2 2⊤(1 2)(3 4)"])
def test_encode_errors(expr):
    assert error_name(expr) == "DOMAIN ERROR"


radices = st.lists(st.integers(1, 12), min_size=1, max_size=5)


@settings(max_examples=80, deadline=None)
@given(radices, st.data())
def test_prop_decode_encode_round_trip(r, data):
    top = int(np.prod(r))
    n = data.draw(st.integers(0, top - 1))
    R = np.array(r, dtype=np.int64)
    digits = ev("R⊤N", R=R, N=n)
    assert all(0 <= d < k for d, k in zip(np.asarray(digits).tolist(), r))
    assert ev("R⊥R⊤N", R=R, N=n) == n
    # with a leading 0 radix any integer survives, negative ones too
    m = data.draw(st.integers(-10 ** 6, 10 ** 6))
    assert ev("R⊥R⊤N", R=np.array([0] + r, dtype=np.int64), N=m) == m


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=1, max_size=15))
def test_prop_decimal_digits(d):
    assert ev("10⊥D", D=np.array(d, dtype=np.int64)) == int("".join(map(str, d)))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 1), min_size=1, max_size=40))
def test_prop_binary(bits):
    b = np.array(bits, dtype=bool)
    n = int("".join(map(str, bits)), 2)
    assert ev("2⊥B", B=b) == n
    assert np.asarray(ev("((≢B)⍴2)⊤N", B=b, N=n)).tolist() == bits


# ------------------------------------------------------------------ ⌹ inverse and divide
def test_matrix_inverse():
    num("⌹2 2⍴4 7 2 6", [[0.6, -0.7], [-0.2, 0.4]])
    num("⌹2 2⍴2 ¯3 4 10", [[0.3125, 0.09375], [-0.125, 0.0625]])  # doc
    num("M←2 2⍴2 ¯3 4 10 ⋄ (⌹M)+.×M", np.eye(2))  # doc
    num("⌹3 3⍴2 0 0 0 4 0 0 0 5", np.diag([0.5, 0.25, 0.2]))
    num("⌹4", 0.25)
    num("⌹2", 0.5)
    num("⌹1 2 3", np.array([1, 2, 3]) / 14)  # a vector is a one-column matrix
    num("⌹3 1", [0.3, 0.1])
    num("⌹0 0⍴0", np.zeros((0, 0)))
    r = ev("⌹2J1")
    assert abs(r - (0.4 - 0.2j)) < 1e-12
    num("⌹2 2⍴1J1 0 0 1", [[0.5 - 0.5j, 0], [0, 1]])


def test_matrix_left_inverse():
    num("⍴⌹3 2⍴1 2 3 4 5 6", [2, 3])
    num("M←3 2⍴1 2 3 4 5 6 ⋄ (⌹M)+.×M", np.eye(2))
    m = np.array([[1.0, 2], [3, 4], [5, 7]])
    num("⌹M", np.linalg.pinv(m), M=m)


def test_matrix_divide():
    num("5 6⌹2 2⍴1 2 3 4", [-4, 4.5])
    num("(2 2⍴5 6 7 8)⌹2 2⍴1 2 3 4", [[-3, -4], [4, 5]])
    num("1 2 3⌹3 2⍴1 0 0 1 1 1", [1, 2])  # overdetermined but consistent
    num("6⌹3", 2)
    num("1 2 3⌹1 1 1", 2)  # least squares with one unknown: the mean
    num("(3 2⍴1 2 3 4 5 6)⌹1 1 1", [3, 4])
    num("⍴(2 3⍴1)⌹2 2⍴1 0 0 1", [2, 3])
    # least squares line through (1,1) (2,2) (3,2): the normal equations' solution
    x = np.array([[1.0, 1], [1, 2], [1, 3]])
    y = np.array([1.0, 2, 2])
    num("Y⌹X", np.linalg.lstsq(x, y, rcond=None)[0], X=x, Y=y)
    num("Y⌹X", [2 / 3, 0.5], X=x, Y=y)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5), st.integers(0, 10_000))
def test_prop_solve(n, seed):
    rng = np.random.default_rng(seed)
    m = rng.normal(size=(n, n)) + n * np.eye(n)
    x = rng.normal(size=n)
    num("(M+.×X)⌹M", x, M=m, X=x)
    num("(⌹M)+.×M", np.eye(n), M=m)


@pytest.mark.parametrize("expr,name", [
    ("⌹2 2⍴1 2 2 4", "DOMAIN ERROR"),  # singular
    ("⌹2 2⍴0", "DOMAIN ERROR"),
    ("⌹0", "DOMAIN ERROR"),
    ("⌹3 2⍴1 2 2 4 3 6", "DOMAIN ERROR"),  # rank-deficient left inverse
    ("1 2⌹2 2⍴1 2 2 4", "DOMAIN ERROR"),
    ("⌹'ab'", "DOMAIN ERROR"),
    ("⌹(1 2)(3 4)", "DOMAIN ERROR"),
    ("⌹2 3⍴⍳6", "LENGTH ERROR"),  # fewer rows than columns
    ("1 2⌹3 2⍴⍳6", "LENGTH ERROR"),
    ("⌹2 2 2⍴1", "RANK ERROR"),
    ("(2 2 2⍴1)⌹2 2⍴1 0 0 1", "RANK ERROR"),
])
def test_matrix_errors(expr, name):
    assert error_name(expr) == name


# ------------------------------------------------------------------ ⍕ monadic
FORMAT = [
    ("⍕42", "42"),
    ("⍕¯3", "¯3"),
    ("⍕1 2 3", "1 2 3"),
    ("⍕¯1 2.5 ¯3", "¯1 2.5 ¯3"),
    ("⍕÷3", "0.3333333333"),
    ("⍕3.14159265358979", "3.141592654"),
    ("⎕PP←3 ⋄ ⍕3.14159265358979", "3.14"),
    ("⎕PP←5 ⋄ ⍕12.34", "12.34"),  # doc
    ("⎕PP←5 ⋄ ⍕123.456789", "123.46"),  # doc
    ("⎕PP←5 ⋄ ⍕123456789", "123456789"),  # doc: ⎕PP does not apply to integers
    ("⎕PP←5 ⋄ ⍕123456.7", "1.2346E5"),  # doc
    ("⎕PP←5 ⋄ ⍕0.0000001234", "1.234E¯7"),  # doc
    ("⎕PP←5 ⋄ ⍕¯123456 1 22.5 ¯0.000000667 5.00001", "¯1.2346E5 1 22.5 ¯6.67E¯7 5"),  # doc
    ("⍕1E20", "1E20"),
    ("⍕0.000001", "0.000001"),
    ("⍕1E¯7", "1E¯7"),
    ("⍕1J2", "1J2"),
    ("⍕1 ¯2J3", "1 ¯2J3"),
    ("⍕1 0 1=1 1 1", "1 0 1"),
    ("⍕⍬", ""),
    ("⍕''", ""),
    ("⍕'abc'", "abc"),
    ("⍕(1 2)(3 4)", " 1 2  3 4 "),
    ("⍕'ab' 'cd'", " ab  cd "),
    ("⍕1 'a' 2", "1 a 2"),
    ("⍕⊂1 2", " 1 2 "),
    ("⍕'ABC' 100 ((1)(2)(3 4 5)) 10", " ABC  100  1 2  3 4 5   10"),  # doc (spaces from the doc)
    ("⍕2 2⍴1 2 3 4", ["1 2", "3 4"]),
    ("⍕2 2⍴1 22 333 4", ["  1 22", "333  4"]),
    ("⍕2 2⍴1.5 2 3 4.25", ["1.5 2   ", "3   4.25"]),
    ("⍕2 2⍴¯1 2 3 ¯40", ["¯1   2", " 3 ¯40"]),
    ("⍕2 3⍴'abcdef'", ["abc", "def"]),
    ("⍕2 6⍴'HELLO PEOPLE'", ["HELLO ", "PEOPLE"]),  # doc
    ("⍕(1 2)(2 2⍴3 4 5 6)", [" 1 2  3 4 ", "      5 6 "]),
]


@pytest.mark.parametrize("expr,expected", FORMAT)
def test_format(expr, expected):
    text(expr, expected)


def test_format_shapes():
    assert ev("⍴⍕⍳0").tolist() == [0]  # doc
    assert ev("⍴⍕10").tolist() == [2]  # doc
    assert ev("⎕PP←5 ⋄ ⍴⍕12.34").tolist() == [5]  # doc
    assert ev("⎕PP←5 ⋄ ⍴⍕¯123456 1 22.5 ¯0.000000667 5.00001").tolist() == [27]  # doc
    assert ev("⍴⍕'ABC' 100 ((1)(2)(3 4 5)) 10").tolist() == [26]  # doc
    # a simple array keeps its rank, the last axis becoming the width (doc)
    assert ev("⎕PP←5 ⋄ ⍴⍕2 2 3⍴22 ¯0.000000123 2.34 ¯212 123456 6.00002 0").tolist() == [2, 2, 29]
    r = ev("⍕2 2 2⍴⍳8")
    assert r.shape == (2, 2, 3) and ["".join(x) for x in r.reshape(4, 3).tolist()] == ["1 2", "3 4", "5 6", "7 8"]
    assert ev("⍴⍕0 3⍴0")[0] == 0
    assert ev("⍴⍕3 0⍴0").tolist() == [3, 0]
    # characters are returned as they are, whatever their rank (doc)
    assert ev("(⍕A)≡A←2 6⍴'HELLO PEOPLE'") == 1
    r = ev("⍕'a'")
    assert r.shape == () and str(r) == "a"
    assert ev("⍴⍴⍕1 'AB' (2 2⍴1+⍳4)").tolist() == [2]  # doc: a matrix item gives a matrix


def test_format_scaled_columns():
    r = ev("⎕PP←5 ⋄ ⍕2 2 3⍴22 ¯0.000000123 2.34 ¯212 123456 6.00002 0")
    rows = ["".join(x).split() for x in r.reshape(4, 29).tolist()]
    assert rows == [["22", "¯1.2300E¯7", "2.3400E0"], ["¯212", "1.2346E5", "6.0000E0"],
                    ["0", "2.2000E1", "¯1.2300E¯7"], ["2.34", "¯2.1200E2", "1.2346E5"]]


# ------------------------------------------------------------------ ⍕ dyadic
FORMAT2 = [
    ("8 2⍕3.14159", "    3.14"),
    ("2⍕3.14159", " 3.14"),
    ("2⍕1 2 3", " 1.00 2.00 3.00"),
    ("0⍕3.7", " 4"),
    ("4 1⍕12345", "****"),
    ("5 0⍕2 3⍴⍳6", ["    1    2    3", "    4    5    6"]),  # doc
    ("4 0⍕1.1 2 ¯4 2.547", "   1   2  ¯4   3"),  # doc
    ("4 1⍕1.1 2 ¯4 2.547", " 1.1 2.0¯4.0 2.5"),  # doc
    ("7 ¯3⍕5 15 155 1555", " 5.00E0 1.50E1 1.55E2 1.56E3"),  # doc
    ("3⍕2 3⍴10 15.2346 ¯17.1 2 3 4", [" 10.000 15.235 ¯17.100", "  2.000  3.000   4.000"]),  # doc
    ("3 0 6 2⍕3 2⍴10.1 15 1001 22.357 101 1110.1", [" 10 15.00", "*** 22.36", "101******"]),  # doc
    ("0 20⍕÷3", " 0.3333333333333333____"),  # doc: digits beyond the precision of a float
    ("0 ¯20⍕÷3", " 3.333333333333333____E¯1"),  # doc
    ("26⍕2*100", " 1267650600228229_______________." + "_" * 26),  # doc
    ("6 2⍕¯1.5 100", " ¯1.50100.00"),
    ("¯2⍕0.000123", " 1.2E¯4"),
    ("10 ¯2⍕1234.5", "     1.2E3"),
    ("0 ¯1⍕5", " 5E0"),
    ("3 1⍕1 0", "1.00.0"),
    ("2⍕⍬", ""),
    ("2⍕1 0 1=1 1 1", " 1.00 0.00 1.00"),
]


@pytest.mark.parametrize("expr,expected", FORMAT2)
def test_format_dyadic(expr, expected):
    text(expr, expected)


def test_format_dyadic_shapes():
    assert ev("⍴26⍕2*100").tolist() == [59]  # doc
    assert ev("⍴2⍕2 2 2⍴⍳8").tolist() == [2, 2, 10]  # rank 1⌈⍴⍴Y, last axis the width
    assert ev("⍴2⍕5").tolist() == [5]  # a scalar gives a vector


@pytest.mark.parametrize("expr,name", [
    ("2⍕'ab'", "DOMAIN ERROR"),
    ("2⍕1J2", "DOMAIN ERROR"),
    ("2⍕(1 2)(3 4)", "DOMAIN ERROR"),
    ("1.5⍕3", "DOMAIN ERROR"),
    ("'a'⍕3", "DOMAIN ERROR"),
    ("3 2 1⍕1 2", "LENGTH ERROR"),
    ("1 2 3 4 5 6⍕1 2", "LENGTH ERROR"),
])
def test_format_dyadic_errors(expr, name):
    assert error_name(expr) == name


@settings(max_examples=60, deadline=None)
@given(st.integers(-10 ** 6, 10 ** 6), st.integers(0, 4))
def test_prop_format_fixed_reads_back(n, p):
    x = n / 1000
    s = "".join(ev(f"0 {p}⍕X", X=x).tolist())
    assert s.startswith(" ")
    assert abs(float(s.replace("¯", "-")) - x) <= 0.5 * 10 ** -p + 1e-9


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-10 ** 6, 10 ** 6), min_size=1, max_size=8))
def test_prop_format_integers(v):
    s = "".join(ev("⍕V", V=np.array(v, dtype=np.int64)).tolist())
    assert s == " ".join(str(x).replace("-", "¯") for x in v)


# ------------------------------------------------------------------ ⍕ at its edges
@pytest.mark.parametrize("src, name", [("1E10⍕2", "DOMAIN ERROR"), ("100000000 2⍕2", "WS FULL")])
def test_format_with_absurd_precision_or_width_is_an_apl_error(src, name):
    with pytest.raises(apl.APLError) as e:
        apl.evaluate(src)
    assert e.value.name == name


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


# ---------------------------------------------------------------- ⌹ with no right-hand sides
# LRG/primitive-functions/matrix-divide: the shape of X⌹Y is (1↓⍴Y),1↓⍴X.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, shape", [
    ("(2 0⍴0)⌹2 2⍴1 0 1 1", [2, 0]),
    ("(2 0⍴0)⌹1.5 2.5", [0]),
    ("(2 0⍴0)⌹2 2⍴3J1 2 1.5 ¯4", [2, 0]),
    ("(2 3⍴1)⌹2 0⍴0", [0, 3]),
])
def test_matrix_divide_with_no_columns(backend, src, shape):
    assert run_on("⍴" + src, backend).tolist() == shape


def test_encode_stops_when_nothing_is_left_to_represent():
    assert ev("⍴(1E6⍴2)⊤1").tolist() == [1_000_000]
    assert ev("¯4↑(1E6⍴2)⊤13").tolist() == [1, 1, 0, 1]
    assert ev("+/(1E6⍴2)⊤13") == 3


def test_format_of_too_many_items_is_ws_full_at_once():
    assert error_name("⍕1E8⍴0.5") == "WS FULL"
