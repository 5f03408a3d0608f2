"""Take and drop (↑ ↓ with a left argument, apl/primitives/structural.py), through the public API
against Dyalog's documented behaviour.

`check_spec(expr, spec)` compares a result with an expected value written in Python (see
apl_values.expected): a number or a 1-character string is a scalar, a longer (or empty) string a
character vector, a list a vector of items; R(shape, items) an array of any shape, Enc(spec) an
enclosure, Z(kind, shape) an empty array of kind "N", "C" or "O".
"""
import numpy as np
import pytest
from apl_values import BACKENDS, R, Z, assert_errors, check, check_specs, error_on, ev

M23 = "(2 3⍴⍳6)"
A234 = "(2 3 4⍴⍳24)"


# ------------------------------------------------------------------ ↑ take
def test_take():
    check_specs([
        ("2↑1 2 3 4", [1, 2]),
        ("¯2↑1 2 3 4", [3, 4]),
        ("5↑1 2 3", [1, 2, 3, 0, 0]),                       # overtake: fill
        ("¯5↑1 2 3", [0, 0, 1, 2, 3]),
        ("5↑'ABCDEF'", "ABCDE"),
        ("5↑'ab'", "ab   "),
        ("¯4↑'ab'", "  ab"),
        ("0↑1 2 3", Z("N")),
        ("0↑'abc'", Z("C")),
        ("3↑⍬", [0, 0, 0]),
        ("3↑''", "   "),
        ("⍬↑1 2 3", [1, 2, 3]),
        ("3↑5", [5, 0, 0]),
        ("¯3↑5", [0, 0, 5]),
        ("1↑5", [5]),
        ("⍬↑5", 5),                                         # scalar treated as (≢⍬)⍴1
        ("2 2↑5", R((2, 2), [5, 0, 0, 0])),
        ("2 3↑2 4⍴⍳8", R((2, 3), [1, 2, 3, 5, 6, 7])),
        ("¯1 ¯2↑2 4⍴⍳8", R((1, 2), [7, 8])),
        ("2 ¯1↑3 3⍴⍳9", R((2, 1), [3, 6])),
        ("2 3↑2 2⍴⍳4", R((2, 3), [1, 2, 0, 3, 4, 0])),
        ("¯3 ¯3↑2 2⍴⍳4", R((3, 3), [0, 0, 0, 0, 1, 2, 0, 3, 4])),
        ("1↑" + M23, R((1, 3), [1, 2, 3])),
        ("1↑2 3 4⍴⎕A", R((1, 3, 4), "ABCDEFGHIJKL")),
        ("¯1↑2 3 4⍴⎕A", R((1, 3, 4), "MNOPQRSTUVWX")),
        ("3↑" + M23, R((3, 3), [1, 2, 3, 4, 5, 6, 0, 0, 0])),
        ("1 1 1↑" + A234, R((1, 1, 1), [1])),
        ("2↑[2]" + M23, R((2, 2), [1, 2, 4, 5])),
        ("¯1↑[1]" + M23, R((1, 3), [4, 5, 6])),
        ("2 2↑[3 2]" + A234, R((2, 2, 2), [1, 2, 5, 6, 13, 14, 17, 18])),
        ("2↑[1]⍳3", [1, 2]),
        ("4↑[2]2 2⍴'ab'", R((2, 4), "ab  ab  ")),
        ("1↑1 'a'", [1]),                                    # canonical: simple result
        ("¯1↑1 'a'", R((1,), ["a"])),
        ("3↑1 'a'", [1, "a", 0]),
    ])
    assert ev("1↑1 'a'").dtype.kind == "i"
    assert ev("5↑1.5 2").dtype.kind == "f"


def test_take_fills_nested():
    check_specs([
        ("2↑⊂'ab'", ["ab", "  "]),
        ("3↑(1 2)(3 4)", [[1, 2], [3, 4], [0, 0]]),          # fill item is 0 0
        ("¯3↑(1 2)(3 4)", [[0, 0], [1, 2], [3, 4]]),
        ("5↑(⍳3)(⍳4)(⍳5)", [[1, 2, 3], [1, 2, 3, 4], [1, 2, 3, 4, 5], [0, 0, 0], [0, 0, 0]]),
        ("3↑'ab'(1 2)", ["ab", [1, 2], "  "]),
        ("3↑(1 'a')(2 3)", [[1, "a"], [2, 3], [0, " "]]),
        ("3↑((1 2)'x')5", [[[1, 2], "x"], 5, [[0, 0], " "]]),
        ("2 3↑2 2⍴(1 2)'a' 3 'b'", R((2, 3), [[1, 2], "a", [0, 0], 3, "b", [0, 0]])),
        ("⊃0↑(1 2)'abc'", [0, 0]),                           # empty result keeps the prototype
        ("2↑0⍴⊂'abc'", ["   ", "   "]),
        ("0↑(1 2)'abc'", Z("O")),
        ("0↑1 'a'", Z("N")),
    ])


def test_take_errors():
    assert_errors([
        ("1 2 3↑4 5", "RANK ERROR"),  # Dyalog: AMTS←2 5 ⋄ AMTS↓AMTS is a RANK ERROR
        ("1 2↑[1]" + M23, "LENGTH ERROR"),
        ("2↑[3]" + M23, "RANK ERROR"),
        ("2 2↑[1 1]" + M23, "RANK ERROR"),
        ("1.5↑1 2 3", "DOMAIN ERROR"),
        ("'a'↑1 2 3", "DOMAIN ERROR"),
        ("(1 1⍴1)↑1 2 3", "RANK ERROR"),
    ])


# ------------------------------------------------------------------ ↓ drop
def test_drop():
    check_specs([
        ("2↓1 2 3 4", [3, 4]),
        ("¯2↓1 2 3 4", [1, 2]),
        ("5↓1 2 3", Z("N")),
        ("¯5↓1 2 3", Z("N")),
        ("0↓1 2 3", [1, 2, 3]),
        ("1↓'abc'", "bc"),
        ("3↓'abc'", Z("C")),
        ("1↓5", Z("N")),
        ("1↓'a'", Z("C")),
        ("0↓5", [5]),
        ("⍬↓5", 5),
        ("⍬↓1 2", [1, 2]),
        ("1 1↓3 3⍴⍳9", R((2, 2), [5, 6, 8, 9])),
        ("¯1 ¯1↓3 3⍴⍳9", R((2, 2), [1, 2, 4, 5])),
        ("1↓" + M23, R((1, 3), [4, 5, 6])),
        ("2↓" + M23, Z("N", (0, 3))),
        ("1↓[2]" + M23, R((2, 2), [2, 3, 5, 6])),
        ("¯1↓[2]" + M23, R((2, 2), [1, 2, 4, 5])),
        ("1 1↓[3 1]" + A234, R((1, 3, 3), [14, 15, 16, 18, 19, 20, 22, 23, 24])),
        ("1↓" + A234, R((1, 3, 4), range(13, 25))),
        ("0 5↓" + M23, Z("N", (2, 0))),
        ("1↓(1 2)'abc'", ["abc"]),
        ("1↓(1 2)(3 4)5", [[3, 4], 5]),
        ("1↓'a' 1", [1]),                                    # canonical: simple result
        ("⊃2↓(1 2)'abc'", [0, 0]),                           # prototype of the argument
        ("2↓(1 2)'abc'", Z("O")),
    ])
    assert ev("1↓'a' 1").dtype.kind == "i"
    assert_errors([
        ("1 2 3↓" + M23, "RANK ERROR"),
        ("1 2↓[1]" + M23, "LENGTH ERROR"),
        ("1↓[3]" + M23, "RANK ERROR"),
        ("0.5↓1 2", "DOMAIN ERROR"),
    ])


# ---------------------------------------------------------------- ↑ ↓ ⌷ with too long a left argument
# Dyalog sessions quoted in phantomics/april#32 and #173: AMTS←2 5 ⋄ AMTS↓AMTS is a RANK ERROR
# (so is 2.0 5); 1 2⌷'one' 'two' 'three' is a LENGTH ERROR.
@pytest.mark.parametrize("src, name", [
    ("AMTS←2 5 ⋄ AMTS↓AMTS", "RANK ERROR"),
    ("AMTS←2.0 5 ⋄ AMTS↓AMTS", "RANK ERROR"),
    ("1 2 3↓2 3⍴⍳6", "RANK ERROR"),
    ("2 2↑⍳4", "RANK ERROR"),
    ("1 2 3↑2 3⍴⍳6", "RANK ERROR"),
    ("1 2⌷'one' 'two' 'three'", "LENGTH ERROR"),
    ("1 2 3⌷2 3⍴⍳6", "LENGTH ERROR"),
])
@pytest.mark.parametrize("backend", BACKENDS)
def test_left_argument_longer_than_the_rank(src, name, backend):
    assert error_on(src, backend) == name


@pytest.mark.parametrize("src, exp", [
    ("2 2↑5", np.array([[5, 0], [0, 0]])),      # a scalar takes the rank it needs
    ("⍴1 1↓5", [0, 0]),
    ("row_num←⍬,5,4 ⋄ row_num 1⌷5 5⍴⍳25", [21, 16]),
])
def test_left_argument_fitting_the_rank(src, exp):
    check(src, exp)
