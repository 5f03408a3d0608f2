"""Scalar functions through the public API: + - × ÷ * ⍟ | ⌈ ⌊ ! ○ ~ ∧ ∨ ⍲ ⍱ < ≤ = ≥ > ≠ ?

Expected values come from Dyalog's Language Reference (the examples on each primitive's page,
quoted where used), or from mathematics (Python's math/cmath) where the page gives none.
"""
import cmath
import math

import numpy as np
import pytest
from apl_values import BACKENDS, Enc, check, error_name, error_on, ev, matches, run_on
from hypothesis import given, settings
from hypothesis import strategies as st

import apl

J = 1j


def kind(expr):
    return np.asarray(ev(expr)).dtype.kind


# ------------------------------------------------------------------ values, monadic

MONADIC = [
    # conjugate
    ("+3J4", 3 - 4 * J), ("+¯2.5", -2.5), ("+1 0 1", [1, 0, 1]), ("+3J4 1", [3 - 4 * J, 1]),
    # negate
    ("-5 ¯3 0", [-5, 3, 0]), ("-3J4", -3 - 4 * J), ("-2.5", -2.5), ("-1 0 1=1", [-1, 0, -1]),
    # direction: "×¯15.3 0 101 → ¯1 0 1", "×3j4 4j5 → 0.6J0.8 0.6246950476J0.7808688094"
    ("×¯15.3 0 101", [-1, 0, 1]), ("×3J4 4J5", [0.6 + 0.8 * J, (4 + 5 * J) / abs(4 + 5 * J)]),
    ("×0J0 0J2", [0, J]),
    # reciprocal: "÷4 2 5 → 0.25 0.5 0.2", "÷0j1 0j¯1 2j2 4j4 → 0J¯1 0J1 0.25J¯0.25 0.125J¯0.125"
    ("÷4 2 5", [0.25, 0.5, 0.2]), ("÷0J1 0J¯1 2J2 4J4", [-J, J, 0.25 - 0.25 * J, 0.125 - 0.125 * J]),
    ("÷¯0.5", -2.0),
    # exponential
    ("*0", 1), ("*1", math.e), ("*¯1 2", [math.exp(-1), math.exp(2)]), ("*0J1", cmath.exp(J)),
    ("*¯1000", 0.0),
    # natural log
    ("⍟1", 0), ("⍟*2", 2), ("⍟¯1", cmath.log(-1)), ("⍟0J1", cmath.log(J)), ("⍟10 100", [math.log(10), math.log(100)]),
    # magnitude
    ("|¯3 4 ¯0.5", [3, 4, 0.5]), ("|3J4", 5), ("|¯3J¯4 0", [5, 0]),
    # floor and ceiling: "⌊¯2.3 0.1 100 3.3 → ¯3 0 100 3", "⌊0.5 + 0.4 0.5 0.6 → 0 1 1"
    ("⌊¯2.3 0.1 100 3.3", [-3, 0, 100, 3]), ("⌊0.5+0.4 0.5 0.6", [0, 1, 1]), ("⌊2.5 ¯2.5 3", [2, -3, 3]),
    ("⌈¯2.3 0.1 100 3.3", [-2, 1, 100, 4]), ("⌈¯0.5", 0), ("⌈2.5", 3),
    # complex floor: "⌊1j3.2 3.3j2.5 ¯3.3j¯2.5 → 1J3 3J2 ¯3J¯3"
    ("⌊1J3.2 3.3J2.5 ¯3.3J¯2.5", [1 + 3 * J, 3 + 2 * J, -3 - 3 * J]), ("⌈1.5J2.5", 1 + 3 * J),
    # factorial: "!1 2 3 4 5", "!¯1.5 0 1.5 3.3 → ¯3.544907702 1 1.329340388 8.85534336",
    # "!0j1 1j2 → 0.4980156681J¯0.1549498283 0.1122942423J0.3236128855"
    ("!1 2 3 4 5", [1, 2, 6, 24, 120]), ("!0", 1),
    ("!¯1.5 0 1.5 3.3", [math.gamma(-0.5), 1, math.gamma(2.5), math.gamma(4.3)]),
    ("!3.5", math.gamma(4.5)), ("!0.5", math.gamma(1.5)), ("!¯0.5", math.gamma(0.5)), ("!¯2.5", math.gamma(-1.5)),
    ("!20", 2432902008176640000), ("!21", float(math.factorial(21))), ("!170", float(math.factorial(170))),
    ("!100.5", math.gamma(101.5)),
    ("!0J1 1J2", [0.4980156681 - 0.1549498283 * J, 0.1122942423 + 0.3236128855 * J]),
    # pi times
    ("○1", math.pi), ("○0.5 ¯2", [math.pi / 2, -2 * math.pi]), ("○0J1", math.pi * J),
    # not
    ("~1 0 1 0", [0, 1, 0, 1]), ("~1.0 0.0", [0, 1]),
]


@pytest.mark.parametrize("expr, expected", MONADIC)
def test_monadic(expr, expected):
    rel = 1e-9 if "!0J1" in expr else 1e-12
    matches(ev(expr), expected, rel=rel)


def test_factorial_agrees_with_gamma_across_the_line():
    x = np.linspace(-9.75, 30.25, 161)
    x = x[(x >= 0) | (x != np.floor(x))]  # negative integers are poles
    got = apl.evaluate("!X", X=x)
    np.testing.assert_allclose(got, [math.gamma(v + 1) for v in x], rtol=1e-13)


def test_int_min_negate_and_magnitude_promote():
    matches(ev("-¯9223372036854775807-1"), 9223372036854775808.0)
    assert kind("-¯9223372036854775807-1") == "f"
    matches(ev("|¯9223372036854775807-1"), 9223372036854775808.0)


# ------------------------------------------------------------------ values, dyadic

DYADIC = [
    # plus, minus, times
    ("1 2 3+4 5 6", [5, 7, 9]), ("1.5+¯2", -0.5), ("1J2+3J4", 4 + 6 * J), ("1J1+1J¯1", 2),
    ("10 20 30-1 2 3", [9, 18, 27]), ("¯3-¯5", 2), ("0.1-0.3", 0.1 - 0.3), ("3J4-3J4", 0),
    ("2×⍳5", [2, 4, 6, 8, 10]), ("¯2.5×¯4", 10), ("1J2×3J4", -5 + 10 * J), ("0J1×0J1", -1),
    # divide: "2 0 5÷4 0 2 → 0.5 1 2.5", "3j1 2.5 4j5÷2 1j1 .2 → 1.5J0.5 1.25J¯1.25 20J25"
    ("2 0 5÷4 0 2", [0.5, 1, 2.5]), ("3J1 2.5 4J5÷2 1J1 0.2", [1.5 + 0.5 * J, 1.25 - 1.25 * J, 20 + 25 * J]),
    ("0÷0", 1), ("¯6÷4", -1.5), ("1J1÷1J¯1", J),
    # power: "2*2 ¯2 → 4 0.25", "9 64*0.5 → 3 8",
    # "¯27*3 2 1.2 .5 → ¯19683 729 ¯42.22738244J¯30.67998919 0J5.196152423", "¯8*÷3 → 1J1.732050808"
    ("2*2 ¯2", [4, 0.25]), ("9 64*0.5", [3, 8]), ("2*10", 1024), ("0*0", 1), ("0*1 2.5", [0, 0]),
    ("¯27*3 2 1.2 0.5", [-19683, 729, -42.22738244 - 30.67998919 * J, 5.196152423 * J]),
    ("¯8*÷3", 1 + 1.732050808 * J), ("¯1*0.5", J), ("¯2*3", -8), ("¯2*¯1", -0.5), ("2.5*2", 6.25),
    ("3*2 0.5 ¯1", [9, math.sqrt(3), 1 / 3]), ("0J1*2", -1), ("2*0J1", cmath.exp(J * math.log(2))),
    ("0*1J1", 0),
    # logarithm: "10⍟100 2 → 2 0.3010299957", "2 10⍟0J1 1J2 → 0J2.266180071 0.3494850022J0.4808285788",
    # "1⍟1 → 1", "2⍟1 → 0"
    ("10⍟100 2", [2, math.log10(2)]), ("2 10⍟0J1 1J2", [2.266180071 * J, 0.3494850022 + 0.4808285788 * J]),
    ("1⍟1", 1), ("2⍟1", 0), ("2⍟8", 3), ("10⍟¯100", cmath.log(-100) / math.log(10)), ("0.5⍟4", -2),
    # residue: "3 3 ¯3 ¯3|¯5 5 ¯4 4 → 1 2 ¯1 ¯2", "0.5|3.12 ¯1 ¯0.6 → 0.12 0 0.4",
    # "¯1 0 1|¯5.25 0 2.41 → ¯0.25 0 0.41", "1j2|2j3 3j4 5j6 → 1J1 ¯1J1 0J1"
    ("3 3 ¯3 ¯3|¯5 5 ¯4 4", [1, 2, -1, -2]), ("0.5|3.12 ¯1 ¯0.6", [0.12, 0, 0.4]),
    ("¯1 0 1|¯5.25 0 2.41", [-0.25, 0, 0.41]), ("1J2|2J3 3J4 5J6", [1 + J, -1 + J, J]),
    ("3|10", 1), ("¯3|10", -2), ("0|5 ¯5.5", [5, -5.5]), ("2.5|7", 2), ("¯2.5|7", -0.5), ("1|2.25 ¯2.25", [0.25, 0.75]),
    ("0.1|1", 0), ("5|1E¯20", 1e-20), ("3J4|10", -1 + 2 * J), ("0J1|3J4", 0), ("1|3J4.5", 0.5 * J),
    # maximum, minimum
    ("5⌈3 7 ¯1", [5, 7, 5]), ("5⌊3 7 ¯1", [3, 5, -1]), ("¯2.5⌈¯3", -2.5), ("1.5⌊1", 1), ("1 0⌈0 0", [1, 0]),
    # binomial: "1 1.2 1.4 1.6 1.8 2!5 → 5 6.105689248 7.219424686 8.281104786 9.227916704 10", "2!3j2 → 1J5"
    ("1 1.2 1.4 1.6 1.8 2!5", [5, 6.105689248, 7.219424686, 8.281104786, 9.227916704, 10]),
    ("2!3J2", 1 + 5 * J), ("0 1 2 3 4 5!5", [1, 5, 10, 10, 5, 1]), ("3!2", 0), ("0!0", 1),
    ("30!60", math.comb(60, 30)), ("33!66", math.comb(66, 33)), ("34!68", float(math.comb(68, 34))),
    ("100!200", float(math.comb(200, 100))), ("0.5!1", math.gamma(2) / (math.gamma(1.5) * math.gamma(1.5))),
    # circular: "0 ¯1○1 → 0 1.570796327", "1○(○1)÷2 3 4 → 1 0.8660254038 0.7071067812",
    # "2○(○1)÷3 → 0.5", "9 11○3.5J¯1.2 → 3.5 ¯1.2", "¯4○¯1 → 0"
    ("0 ¯1○1", [0, math.pi / 2]), ("1○(○1)÷2 3 4", [1, math.sqrt(3) / 2, math.sqrt(0.5)]), ("2○(○1)÷3", 0.5),
    ("9 11○3.5J¯1.2", [3.5, -1.2]), ("¯4○¯1", 0),
    # lcm and gcd: "15 1 2 7∧35 1 4 0 → 105 1 4 0", "2 3 4∧0j1 1j2 2j3 → 0J2 3J6 8J12",
    # "2j2 2j4∧5j5 4j4 → 10J10 ¯4J12", "15 1 2 7∨35 1 4 0 → 5 1 2 7"
    ("15 1 2 7∧35 1 4 0", [105, 1, 4, 0]), ("2 3 4∧0J1 1J2 2J3", [2 * J, 3 + 6 * J, 8 + 12 * J]),
    ("2J2 2J4∧5J5 4J4", [10 + 10 * J, -4 + 12 * J]), ("15 1 2 7∨35 1 4 0", [5, 1, 2, 7]),
    ("4∧6", 12), ("4∨6", 2), ("¯4∨6", 2), ("¯4∧6", -12), ("0∨0", 0), ("0∧5", 0), ("0∨5", 5),
    ("1.5∨2", 0.5), ("1.5∧2", 6), ("0.5∨1.5", 0.5), ("0∨2.5", 2.5), ("12.0∨18", 6),
    ("3J4∨5", 2 + J), ("2J2∨5J5", 1 + J), ("2∧3J1", 4 - 2 * J),
    # boolean logic
    ("1 0 1 0∧1 1 0 0", [1, 0, 0, 0]), ("1 0 1 0∨1 1 0 0", [1, 1, 1, 0]),
    ("1 0 1 0⍲1 1 0 0", [0, 1, 1, 1]), ("1 0 1 0⍱1 1 0 0", [0, 0, 0, 1]),
    # comparison: "3=3.1 3 ¯2 ¯3 → 0 1 0 0", "'CAT'='FAT' → 0 1 1", "'CAT'=1 2 3 → 0 0 0"
    ("3=3.1 3 ¯2 ¯3", [0, 1, 0, 0]), ("'CAT'='FAT'", [0, 1, 1]), ("'CAT'=1 2 3", [0, 0, 0]),
    ("'CAT'≠'FAT'", [1, 0, 0]), ("'a'=97", 0), ("1J2=1J2", 1), ("1J2≠1J¯2", 1),
    ("1 2 3<2", [1, 0, 0]), ("1 2 3≤2", [1, 1, 0]), ("1 2 3≥2", [0, 1, 1]), ("1 2 3>2", [0, 0, 1]),
    ("0.5<0.25 0.5 0.75", [0, 0, 1]), ("¯1≥¯1.5", 1),
]


@pytest.mark.parametrize("expr, expected", DYADIC)
def test_dyadic(expr, expected):
    matches(ev(expr), expected, rel=1e-9)


def test_gcd_rational_approximation_from_the_reference():
    # "rational←{↑⍵ 1÷⊂1∨⍵} ⋄ rational 0.4321 0.1234 6.66, ÷1 2 3"
    got = ev("{↑⍵ 1÷⊂1∨⍵} 0.4321 0.1234 6.66,÷1 2 3")
    matches(got, np.array([[4321, 617, 333, 1, 1, 1], [10000, 5000, 50, 1, 2, 3]]), rel=1e-9)


def test_circular_functions_all_left_arguments():
    x = 0.5
    expect = {
        0: math.sqrt(1 - x * x), 1: math.sin(x), 2: math.cos(x), 3: math.tan(x), 4: math.sqrt(1 + x * x),
        5: math.sinh(x), 6: math.cosh(x), 7: math.tanh(x), 8: cmath.sqrt(-1 - x * x), 9: x, 10: x, 11: 0,
        12: 0, -1: math.asin(x), -2: math.acos(x), -3: math.atan(x), -4: (x + 1) * cmath.sqrt((x - 1) / (x + 1)),
        -5: math.asinh(x), -6: cmath.acosh(x), -7: math.atanh(x), -8: -cmath.sqrt(-1 - x * x), -9: x, -10: x,
        -11: x * J, -12: cmath.exp(J * x),
    }
    got = ev("(¯13+⍳25)○0.5")
    matches(got, [expect[k] for k in range(-12, 13)])


def test_circular_functions_on_complex_numbers():
    z = 3 + 4 * J
    expect = {
        0: cmath.sqrt(1 - z * z), 1: cmath.sin(z), 2: cmath.cos(z), 3: cmath.tan(z), 4: cmath.sqrt(1 + z * z),
        5: cmath.sinh(z), 6: cmath.cosh(z), 7: cmath.tanh(z), 8: cmath.sqrt(-1 - z * z), 9: 3, 10: 5, 11: 4,
        12: cmath.phase(z), -1: cmath.asin(z), -2: cmath.acos(z), -3: cmath.atan(z),
        -4: (z + 1) * cmath.sqrt((z - 1) / (z + 1)), -5: cmath.asinh(z), -6: cmath.acosh(z),
        -7: cmath.atanh(z), -8: -cmath.sqrt(-1 - z * z), -9: z, -10: z.conjugate(), -11: z * J,
        -12: cmath.exp(J * z),
    }
    got = ev("(¯13+⍳25)○3J4")
    matches(got, [expect[k] for k in range(-12, 13)], rel=1e-12)


@pytest.mark.parametrize("expr, expected", [
    ("¯4○¯2 2", [-math.sqrt(3), math.sqrt(3)]),  # (Y+1)×((Y-1)÷Y+1)*0.5 keeps the sign of Y+1
    ("0○2", cmath.sqrt(-3)), ("¯1○2", cmath.asin(2)), ("¯6○0.5", cmath.acosh(0.5)),
    ("¯1○0.5 2", [math.asin(0.5), cmath.asin(2)]), ("12○¯1 0 1", [math.pi, 0, 0]), ("10○¯3", 3),
    ("¯12○0", 1), ("¯11○2", 2 * J),
])
def test_circular_out_of_the_real_domain_goes_complex(expr, expected):
    matches(ev(expr), expected)


# ------------------------------------------------------------------ binomial with negative arguments

def binomial_reference(k, n):
    """Dyalog's table for integer X!Y with negative arguments."""
    if n >= 0:
        return math.comb(n, k) if 0 <= k <= n else 0
    if k >= 0:
        return (-1) ** k * math.comb(k - n - 1, k)
    if k <= n:
        return (-1) ** (n - k) * math.comb(-k - 1, n - k)
    return 0


def test_binomial_table_with_negative_integers():
    got = ev("∘.!⍨¯6+⍳12")
    exp = np.array([[binomial_reference(k, n) for n in range(-5, 7)] for k in range(-5, 7)])
    assert got.dtype.kind == "i"
    assert np.array_equal(got, exp)


@pytest.mark.parametrize("expr, expected", [
    ("2!¯5", 15), ("3!¯2", -4), ("¯2!5", 0), ("¯2!¯5", 0), ("¯6!¯2", 5), ("¯1!1.5", 0), ("0.5!¯0.5", 0),
])
def test_binomial_negative_cases(expr, expected):
    matches(ev(expr), expected)


def test_binomial_needs_whole_x_for_negative_integer_y():
    assert error_name("1.5!¯2") == "DOMAIN ERROR"


# ------------------------------------------------------------------ types: integers stay integers

@pytest.mark.parametrize("expr, k", [
    ("2*10", "i"), ("⌊2.5", "i"), ("⌈2.5", "i"), ("⌊¯2.5 3.7", "i"), ("3|10", "i"), ("¯3|10", "i"),
    ("×¯2.5", "i"), ("!5", "i"), ("5!10", "i"), ("4∧6", "i"), ("4∨6", "i"), ("1 2+3 4", "i"), ("2×3", "i"),
    ("7-9", "i"), ("|¯7", "i"), ("1 0∧1 1", "b"), ("1<2", "b"), ("~1 0", "b"), ("'a'='a'", "b"),
    ("1=1.5", "b"), ("1J1=1J1", "b"), ("3÷4", "f"), ("2*¯1", "f"), ("2*0.5", "f"), ("⌊1E20", "f"),
    ("!21", "f"), ("¯8*÷3", "c"), ("1J1×1J1", "c"), ("1J1×1J¯1", "f"),
])
def test_result_types(expr, k):
    assert kind(expr) == k


@pytest.mark.parametrize("expr, expected", [
    ("9223372036854775807+1", 9223372036854775808.0),
    ("¯9223372036854775807-2", -9223372036854775809.0),
    ("9223372036854775807-¯1", 9223372036854775808.0),
    ("4294967296×4294967296", 2.0 ** 64),
    ("2*63", 2.0 ** 63),
    ("3037000500×3037000500", 3037000500.0 ** 2),
])
def test_integer_overflow_promotes_to_float(expr, expected):
    matches(ev(expr), expected)
    assert kind(expr) == "f"


def test_big_integer_results_that_fit_stay_exact():
    assert ev("2*62") == 2 ** 62 and kind("2*62") == "i"
    assert ev("3037000499×3037000499") == 3037000499 ** 2 and kind("3037000499×3037000499") == "i"
    assert ev("9223372036854775806+1") == 2 ** 63 - 1
    assert ev("3*39") == 3 ** 39 and kind("3*39") == "i"
    assert kind("3*40") == "f"


# ------------------------------------------------------------------ tolerant comparison (⎕CT)

@pytest.mark.parametrize("expr, expected", [
    ("1=1+1E¯15", 1), ("1=1+1E¯13", 0), ("1≠1+1E¯15", 0), ("1<1+1E¯15", 0), ("1<1+1E¯13", 1),
    ("1≤1-1E¯15", 1), ("1>1-1E¯15", 0), ("1≥1+1E¯15", 1), ("1E6=1E6+1E¯9", 1), ("0=1E¯20", 0),
    ("⌊0.99999999999999999", 1), ("⌊0.999999999999999", 1), ("⌊0.9999999999999", 0), ("⌈1.000000000000001", 1),
    ("⌈1.0000000000001", 2), ("⌊¯1E¯20", -1), ("1|0.999999999999999", 0),
    # "a←2+0j1×⎕CT ⋄ a=2j.00000000000001 2j.0000000000001 → 1 0"
    ("a←2+0J1×⎕CT ⋄ a=2J0.00000000000001 2J0.0000000000001", [1, 0]),
    # "⎕CT←1E¯10 ⋄ 1=1.000000000001 → 1", "1=1.0000001 → 0"
    ("⎕CT←1E¯10 ⋄ 1=1.000000000001", 1), ("⎕CT←1E¯10 ⋄ 1=1.0000001", 0),
    ("⎕CT←0 ⋄ 1=1+1E¯15", 0), ("⎕CT←0 ⋄ ⌊0.999999999999999", 0),
])
def test_tolerance(expr, expected):
    matches(ev(expr), expected)


# ------------------------------------------------------------------ extension and shapes

@pytest.mark.parametrize("expr, expected", [
    ("1 2 3+,1", [2, 3, 4]), ("(,1)+1 2 3", [2, 3, 4]), ("10+1 2 3", [11, 12, 13]), ("1 2 3×2", [2, 4, 6]),
    # "A unit is a single element array of any rank" — "(1 1⍴5) - 1 (2 3) → 4  3 2"
    ("(1 1⍴1)+1 2 3", [2, 3, 4]), ("1 2 3+1 1⍴1", [2, 3, 4]), ("(1 1⍴5)-1 (2 3)", [4, [3, 2]]),
    ("(1 1⍴1)+1", np.array([[2]])), ("1+1 1⍴1", np.array([[2]])), ("(,1)+1 1⍴1", np.array([[2]])),
    ("(1 1 1⍴1)+,2", np.array([[[3]]])), ("(2 2⍴⍳4)+1 1⍴10", np.array([[11, 12], [13, 14]])),
    ("⍬+⍬", []), ("⍬×5", []), ("5-⍬", []), ("''+⍬", []), ("⍬+'a'", []), ("-''", []), ("''=⍬", []), ("~⍬", []),
    ("(0 3⍴0)×1", np.zeros((0, 3))), ("(3 0⍴0)=3 0⍴0", np.zeros((3, 0))), ("1↑''+⍳0", [0]),
    ("(2 3 4⍴⍳24)+2 3 4⍴100", np.arange(1, 25).reshape(2, 3, 4) + 100),
    ("(2 3 4⍴⍳24)×¯1", -np.arange(1, 25).reshape(2, 3, 4)),
    ("(2 3 4⍴⍳24)|⍨3", np.arange(1, 25).reshape(2, 3, 4) % 3),
    ("-2 2 2⍴⍳8", -np.arange(1, 9).reshape(2, 2, 2)),
    ("⌊(2 2 2⍴⍳8)÷2", np.arange(1, 9).reshape(2, 2, 2) // 2),
])
def test_extension_and_shapes(expr, expected):
    matches(ev(expr), expected)


def test_empty_results_keep_shape():
    assert ev("(0 3⍴0)×1").shape == (0, 3)
    assert ev("(2 0 3⍴0)<2 0 3⍴1").shape == (2, 0, 3)
    assert ev("⍬+⍬").shape == (0,)
    assert ev("÷⍬").shape == (0,)


# ------------------------------------------------------------------ nested pervasion

@pytest.mark.parametrize("expr, expected", [
    ("1 (2 3)+10", [11, [12, 13]]), ("(1 2)(3 4)+(10 20)", [[11, 12], [23, 24]]),
    # "2 (3 4) + 1 (2 3) → 3  5 7", "(1 2) 3 + 4 (5 6) → 5 6  8 9", "10 × 2 (3 4) → 20  30 40",
    # "2 4 = 2 (4 6) → 1  1 0", "÷2 (1 4) → 0.5  1 0.25"
    ("2 (3 4)+1 (2 3)", [3, [5, 7]]), ("(1 2) 3+4 (5 6)", [[5, 6], [8, 9]]), ("10×2 (3 4)", [20, [30, 40]]),
    ("2 4=2 (4 6)", [1, [1, 0]]), ("÷2 (1 4)", [0.5, [1, 0.25]]),
    ("-(1 2)(3 (4 5))", [[-1, -2], [-3, [-4, -5]]]), ("(⊂1 2)+10 20", [[11, 12], [21, 22]]),
    ("(⊂1 2)×⊂3 4", Enc([3, 8])), ("~0,⊂1 0", [1, [0, 1]]), ("|¯1 (¯2 ¯3.5)", [1, [2, 3.5]]),
    ("1 (2 3)=1 (2 4)", [1, [1, 0]]), ("(,⊂1 2)+1 2 3", [[2, 3], [3, 4], [4, 5]]),
])
def test_nested_pervasion(expr, expected):
    matches(ev(expr), expected)


# ------------------------------------------------------------------ errors

@pytest.mark.parametrize("expr, name", [
    ("1 2+1 2 3", "LENGTH ERROR"), ("(2 2⍴1)+2 3⍴1", "LENGTH ERROR"), ("(1 2)(3 4 5)+(1 2)(3 4)", "LENGTH ERROR"),
    ("1 2 3×(1 2)(3 4)", "LENGTH ERROR"), ("'abc'=⍬", "LENGTH ERROR"),
    ("(2 3⍴1)+2 3 4⍴1", "RANK ERROR"), ("1 2+2 2⍴1", "RANK ERROR"),
    ("÷0", "DOMAIN ERROR"), ("1÷0", "DOMAIN ERROR"), ("1J1÷0", "DOMAIN ERROR"), ("0*¯1", "DOMAIN ERROR"),
    ("0*¯0.5", "DOMAIN ERROR"), ("'a'+1", "DOMAIN ERROR"), ("1+'a'", "DOMAIN ERROR"), ("-'a'", "DOMAIN ERROR"),
    ("1○'a'", "DOMAIN ERROR"), ("13○1", "DOMAIN ERROR"), ("¯13○1", "DOMAIN ERROR"), ("2.5○1", "DOMAIN ERROR"),
    ("⍟0", "DOMAIN ERROR"), ("0⍟5", "DOMAIN ERROR"), ("1⍟2", "DOMAIN ERROR"), ("!¯1", "DOMAIN ERROR"),
    ("!¯2 3", "DOMAIN ERROR"), ("!171", "DOMAIN ERROR"), ("*710", "DOMAIN ERROR"), ("10*309", "DOMAIN ERROR"),
    ("1E308×10", "DOMAIN ERROR"), ("~2", "DOMAIN ERROR"), ("~0.5", "DOMAIN ERROR"), ("~'a'", "DOMAIN ERROR"),
    ("2⍲1", "DOMAIN ERROR"), ("1⍱0.5", "DOMAIN ERROR"), ("'a'<'b'", "DOMAIN ERROR"), ("1<'a'", "DOMAIN ERROR"),
    ("3J4<1", "DOMAIN ERROR"), ("3J4⌈1", "DOMAIN ERROR"), ("3⌊'a'", "DOMAIN ERROR"), ("'a'∧1", "DOMAIN ERROR"),
    ("?¯1", "DOMAIN ERROR"), ("?2.5", "DOMAIN ERROR"), ("?'a'", "DOMAIN ERROR"), ("1 (2 'a')+1", "DOMAIN ERROR"),
    ("¯7○1", "DOMAIN ERROR"),
])
def test_errors(expr, name):
    assert error_name(expr) == name


# ------------------------------------------------------------------ properties

ints = st.lists(st.integers(-10**6, 10**6), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(ints, ints)
def test_residue_matches_python_floor_mod(xs, ys):
    n = min(len(xs), len(ys))
    a, w = np.array(xs[:n]), np.array(ys[:n])
    got = apl.evaluate("A|W", A=a, W=w)
    assert np.array_equal(got, np.where(a == 0, w, np.mod(w, np.where(a == 0, 1, a))))


@settings(max_examples=40, deadline=None)
@given(ints, ints)
def test_gcd_lcm_match_python(xs, ys):
    n = min(len(xs), len(ys))
    a, w = np.array(xs[:n]), np.array(ys[:n])
    g = apl.evaluate("A∨W", A=a, W=w)
    assert g.tolist() == [math.gcd(int(x), int(y)) for x, y in zip(a, w)]
    lcm = apl.evaluate("A∧W", A=a, W=w)
    exp = [0 if x == 0 or y == 0 else x * y // math.gcd(int(x), int(y)) for x, y in zip(a.tolist(), w.tolist())]
    np.testing.assert_allclose(np.asarray(lcm, dtype=float), exp, rtol=1e-15)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=8))
def test_floor_ceiling_of_reals(xs):
    x = np.array(xs)
    fl, ce = apl.evaluate("⌊X", X=x), apl.evaluate("⌈X", X=x)
    assert np.all(np.abs(fl - np.floor(x)) <= 1) and np.all(fl <= x + 1e-8)
    assert np.array_equal(ce, -apl.evaluate("⌊-X", X=x))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-30, 30), min_size=2, max_size=2))
def test_binomial_matches_reference(kn):
    k, n = kn
    assert apl.evaluate(f"{k}!{n}".replace("-", "¯")) == binomial_reference(k, n)


def test_empty_arguments_never_raise():
    for expr in ["(2 0⍴0.5)⌈2 0⍴1J1", "(2 0⍴0.5)<2 0⍴1J1", "⌈0⍴1J1", "⍬⍲⍬", "''∧⍬", "0⍴0", "÷⍬", "!⍬"]:
        r = ev(expr)
        assert r.size == 0 and r.dtype.kind in "biuf", expr
    assert ev("(2 0⍴0.5)<2 0⍴1J1").dtype == bool


# ------------------------------------------------------------------ scalar functions with an axis

def test_pervade_axis_kernel():
    # "1 2 3+[2]2 3⍴10 20 30 → 11 22 33 / 11 22 33": the kernel behind f[k] for scalar dyads.
    from apl.primitives import arithmetic as sc
    from apl.primitives.pervade import pervade_axis

    w = np.array([[10, 20, 30], [10, 20, 30]])
    matches(pervade_axis(sc.add, np.array([1, 2, 3]), w, np.array(2)), np.array([[11, 22, 33]] * 2))
    matches(pervade_axis(sc.add, np.array([1, 2]), w, np.array(1)), np.array([[11, 21, 31], [12, 22, 32]]))
    matches(pervade_axis(sc.subtract, w, np.array([1, 2]), np.array(1)), np.array([[9, 19, 29], [8, 18, 28]]))
    t = np.arange(24).reshape(2, 3, 4)
    m = np.array([[1, 2, 3], [4, 5, 6]])
    matches(pervade_axis(sc.multiply, m, t, np.array([1, 2])), t * m[:, :, None])
    with pytest.raises(apl.APLError) as info:
        pervade_axis(sc.add, np.array([1, 2]), w, np.array(2))
    assert info.value.name == "LENGTH ERROR"
    with pytest.raises(apl.APLError) as info:
        pervade_axis(sc.add, np.array([1, 2]), w, np.array(3))
    assert info.value.name == "RANK ERROR"


def test_scalar_dyad_with_axis_from_apl():
    matches(ev("1 2 3+[2]2 3⍴10 20 30"), np.array([[11, 22, 33]] * 2))
    matches(ev("1 2×[1]2 3⍴1"), np.array([[1, 1, 1], [2, 2, 2]]))
    matches(ev("(2 3⍴10)-[1]1 2"), np.array([[9, 9, 9], [8, 8, 8]]))
    with pytest.raises(apl.APLError) as e:
        ev("1 2 3+[1]2 3⍴1")
    assert e.value.name == "LENGTH ERROR"


def test_integer_overflow_still_promotes_when_bounds_cannot_rule_it_out():
    # small magnitudes skip the per-item overflow check; large ones must still be caught
    big = np.array([2**62, 1], dtype=np.int64)
    r = apl.evaluate("B+B", B=big)
    assert r.dtype == np.float64 and r[0] == 2.0**63
    r = apl.evaluate("B-(-B)", B=big)
    assert r.dtype == np.float64
    r = apl.evaluate("B×4", B=big)
    assert r.dtype == np.float64 and r[0] == 2.0**64
    small = np.arange(10, dtype=np.int64)
    assert apl.evaluate("S+S", S=small).dtype == np.int64
    assert apl.evaluate("S×S", S=small).dtype == np.int64


# ---------------------------------------------------------------- large integers compare tolerantly
# LRG/system-functions/ct: X and Y are equal if (|X-Y)≤⎕CT×(|X)⌈|Y — for every number; Dyalog
# holds integers beyond 32 bits as floats, so 1E15=1E15+1.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("1E15=1E15+1", 1),
    ("123456789012345=123456789012346", 1),
    ("(1E15+1)≠1E15", 0),
    ("1E15≤1E15-1", 1),
    ("1E15≥1E15+1", 1),
    ("1E15<1E15+1", 0),
    ("1E15>1E15-1", 0),
    ("1E15 5=1E15+1 6", [1, 0]),
    ("(1E15+0 1 2)=1E15+1 0 3", [1, 1, 1]),
    ("(1E15+0 1 2)<1E15+1 0 3", [0, 0, 0]),
    ("(1E15+0 1 2)≤1E15-1 0 3", [1, 1, 1]),
    ("(1E15+0 1 2)≤1E15-1 0 30", [1, 1, 0]),
    # exact where the tolerance is less than 1
    ("2147483648=2147483649", 0),
    ("1E12=1E12+1", 0),
    ("1E15=¯1E15", 0),
    ("⎕CT←0 ⋄ 1E15=1E15+1", 0),
    ("⎕CT←0 ⋄ 1E15<1E15+1", 1),
    ("5=5", 1),
    ("3≤2", 0),
])
def test_large_integers_compare_tolerantly(backend, src, exp):
    assert run_on(src, backend).tolist() == exp


# ---------------------------------------------------------------- whole powers of complex numbers
# LRG/primitive-functions/power. A whole exponent is repeated multiplication, so Gaussian
# integers stay exact on both backends (torch's pow goes through exp and log).
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("0J1*2", [-1]),
    ("0J1*¯2", [-1]),
    ("0J2*12", [4096]),
    ("1J2*2", [-3 + 4j]),
    ("1J1*0 1 2 3 4 ¯1 ¯2", [1, 1 + 1j, 2j, -2 + 2j, -4, 0.5 - 0.5j, -0.5j]),
    ("(2 2⍴3J1 2 1.5 ¯4)*12", [-752192 - 658944j, 4096, 1.5**12, 4**12]),
])
def test_whole_powers_of_complex_numbers_are_exact(backend, src, exp):
    got = run_on(src, backend).reshape(-1).astype(complex)
    assert got.tolist() == [complex(x) for x in exp]


@pytest.mark.parametrize("backend", BACKENDS)
def test_complex_powers_otherwise(backend):
    np.testing.assert_allclose(run_on("3J4*0.5", backend), 2 + 1j, rtol=1e-14)
    np.testing.assert_allclose(run_on("¯27*3 2 1.2 .5", backend).astype(complex),
                               [-19683, 729, -42.22738244 - 30.67998919j, 5.196152423j], rtol=1e-9)
    assert error_on("0J0*¯2J1", backend) == "DOMAIN ERROR"
    assert error_on("1J1*5000", backend) == "DOMAIN ERROR"


def test_error_names_unchanged():
    assert error_name("1 2+1 2 3") == "LENGTH ERROR"
    check("2J2 2J4∧5J5 4J4", [10 + 10j, -4 + 12j])


# ---------------------------------------------------------------- ○'s message
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, bad", [
    ("(2 3 4⍴⍳24)○100", "13"),
    ("(2 3 4⍴⍳24)○2 3 4⍴100", "13"),
    ("(¯13 1 14)○1", "¯13"),
    ("(1 40 ¯20)○1", "40"),
    ("¯13○1", "¯13"),
])
def test_circular_names_the_first_bad_left_argument(src, bad, backend):
    with pytest.raises(apl.APLError) as info:
        apl.evaluate(src, backend=backend)
    assert info.value.name == "DOMAIN ERROR"
    assert f"{bad}○ is not a circular function" in str(info.value)
