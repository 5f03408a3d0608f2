"""Structural primitives through the public API, against Dyalog's documented behaviour.

`check(expr, spec)` compares a result with an expected value written in Python:
  - a number or a 1-character string is a scalar; a longer (or empty) string a character vector;
  - a list is a vector of items (items that are lists, strings or arrays are nested);
  - `R(shape, items)` is an array of any shape, `Enc(spec)` an enclosure (a nested scalar),
    `Z(kind, shape)` an empty array of kind "N" (numeric), "C" (character) or "O" (nested).
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import apl


# ------------------------------------------------------------------ helpers
def ev(expr, **names):
    return apl.evaluate(expr, **names)


def _scalar(x):
    if isinstance(x, (str, np.str_)):
        return str(x)
    if isinstance(x, (bool, np.bool_)):
        return int(x)
    if isinstance(x, (complex, np.complexfloating)):
        c = complex(x)
        return c.real if c.imag == 0 else c
    return x.item() if hasattr(x, "item") else x


def canon(v):
    """A result as (shape, items) — or (shape, (), kind) when empty; array items nest."""
    a = v if isinstance(v, np.ndarray) else np.asarray(v)
    if a.dtype == object:
        items = tuple(canon(x) if isinstance(x, np.ndarray) else _scalar(x) for x in a.ravel())
        kind = "O"
    else:
        items = tuple(_scalar(x) for x in a.ravel())
        kind = "C" if a.dtype.kind == "U" else "N"
    return (a.shape, items) if a.size else (a.shape, (), kind)


class R:
    def __init__(self, shape, items):
        self.shape, self.items = tuple(shape), list(items)


class Enc:
    def __init__(self, spec):
        self.spec = spec


class Z:
    def __init__(self, kind, shape=(0,)):
        self.kind, self.shape = kind, tuple(shape)


def _is_array_spec(x):
    return isinstance(x, (list, R, Enc, Z, np.ndarray)) or (isinstance(x, str) and len(x) != 1)


def _item(x):
    return S(x) if _is_array_spec(x) else x


def S(spec):
    """The canonical form of an expected value."""
    if isinstance(spec, np.ndarray):
        return canon(spec)
    if isinstance(spec, Z):
        return (spec.shape, (), spec.kind)
    if isinstance(spec, Enc):
        return ((), (S(spec.spec),))
    if isinstance(spec, R):
        if not spec.items:
            return (spec.shape, (), "N")
        return (spec.shape, tuple(_item(x) for x in spec.items))
    if isinstance(spec, str):
        if len(spec) == 1:
            return ((), (spec,))
        return ((len(spec),), tuple(spec)) if spec else ((0,), (), "C")
    if isinstance(spec, list):
        if not spec:
            return ((0,), (), "N")
        return ((len(spec),), tuple(_item(x) for x in spec))
    return ((), (spec,))


def check(expr, spec):
    got = canon(ev(expr))
    want = S(spec)
    assert got == want, f"{expr}: got {got}, want {want}"


def err(expr, name):
    with pytest.raises(apl.APLError) as info:
        ev(expr)
    assert info.value.name == name, f"{expr}: {info.value.name}, want {name}"


def run_cases(cases):
    for expr, spec in cases:
        check(expr, spec)


def run_errors(cases):
    for expr, name in cases:
        err(expr, name)


M23 = "(2 3⍴⍳6)"
A234 = "(2 3 4⍴⍳24)"


# ------------------------------------------------------------------ ⍴
def test_shape():
    run_cases([
        ("⍴5", Z("N")),
        ("⍴,5", [1]),
        ("⍴⍬", [0]),
        ("⍴''", [0]),
        ("⍴2 3⍴⍳6", [2, 3]),
        ("⍴2 3 4⍴⍳24", [2, 3, 4]),
        ("⍴⊂1 2 3", Z("N")),
        ("⍴(1 2)(3 4 5)", [2]),
        ("⍴0 3⍴0", [0, 3]),
        ("⍴⍴2 3 4⍴0", [3]),
    ])


def test_reshape():
    run_cases([
        ("2 3⍴⍳6", R((2, 3), range(1, 7))),
        ("2 3⍴⍳4", R((2, 3), [1, 2, 3, 4, 1, 2])),        # cycling
        ("5⍴1 2", [1, 2, 1, 2, 1]),
        ("2⍴⍳5", [1, 2]),                                  # truncation
        ("2 2⍴'abc'", R((2, 2), "abca")),
        ("3⍴5", [5, 5, 5]),
        ("1⍴5", [5]),
        ("⍬⍴1 2 3", 1),                                    # scalar from the first item
        ("⍬⍴⍬", 0),                                        # empty source: the fill
        ("⍬⍴''", " "),
        ("⍬⍴⊂1 2", Enc([1, 2])),
        ("3⍴⍬", [0, 0, 0]),
        ("3⍴''", "   "),
        ("2 2⍴⍬", R((2, 2), [0, 0, 0, 0])),
        ("0⍴1 2 3", Z("N")),
        ("0⍴'abc'", Z("C")),
        ("2 0⍴'abc'", Z("C", (2, 0))),
        ("0 3⍴0", Z("N", (0, 3))),
        ("2 3 2⍴⍳6", R((2, 3, 2), list(range(1, 7)) * 2)),
        ("2⍴⊂'ab'", ["ab", "ab"]),
        ("3⍴(1 2)'x'", [[1, 2], "x", [1, 2]]),
        ("1⍴'x' 1", R((1,), ["x"])),                   # a uniform part becomes simple
        ("2.0⍴7", [7, 7]),
        ("(⍳0)⍴5", 5),
    ])
    assert ev("1⍴'x' 1").dtype.kind == "U"


def test_reshape_fill_prototypes():
    run_cases([
        ("3⍴0⍴⊂'abc'", ["   ", "   ", "   "]),
        ("2⍴0⍴⊂1 2", [[0, 0], [0, 0]]),
        ("⊃0⍴⊂'abc'", "   "),
        ("⍬⍴0⍴⊂(1 2)'ab'", Enc([[0, 0], "  "])),
        ("0⍴1 'a'", Z("N")),                     # a simple prototype gives a simple empty
        ("0⍴'a' 1", Z("C")),
    ])


def test_reshape_errors():
    run_errors([
        ("¯1⍴1", "DOMAIN ERROR"),
        ("2.5⍴1", "DOMAIN ERROR"),
        ("'a'⍴1", "DOMAIN ERROR"),
        ("(⊂1 2)⍴1", "DOMAIN ERROR"),
        ("(1 2⍴2)⍴1", "RANK ERROR"),
    ])


# ------------------------------------------------------------------ , ⍪
def test_ravel():
    run_cases([
        (",5", [5]),
        (",'a'", R((1,), ["a"])),
        (",⍬", Z("N")),
        (",2 3⍴⍳6", [1, 2, 3, 4, 5, 6]),
        (",2 2 2⍴⍳8", list(range(1, 9))),
        (",⊂1 2", [[1, 2]]),
        (",2 2⍴(1 2)'a'", [[1, 2], "a", [1, 2], "a"]),
        (",0 3⍴0", Z("N")),
    ])


def test_ravel_with_axis():
    run_cases([
        (",[0.5]1 2 3", R((1, 3), [1, 2, 3])),
        (",[1.5]1 2 3", R((3, 1), [1, 2, 3])),
        (",[0.5]5", [5]),
        (",[⍬]1 2 3", R((3, 1), [1, 2, 3])),
        (",[⍬]5", [5]),
        (",[1 2]" + A234, R((6, 4), range(1, 25))),
        (",[2 3]" + A234, R((2, 12), range(1, 25))),
        (",[1 2 3]" + A234, list(range(1, 25))),
        (",[2]" + A234, R((2, 3, 4), range(1, 25))),
        ("⍴,[0.5]3 4⍴0", [1, 3, 4]),
        ("⍴,[1.5]3 4⍴0", [3, 1, 4]),
        ("⍴,[2.5]3 4⍴0", [3, 4, 1]),
        ("⍴,[⍬]'Jan' 'Feb' 'Mar'", [3, 1]),
    ])
    run_errors([
        (",[1 3]" + A234, "RANK ERROR"),
        (",[2 1]" + A234, "RANK ERROR"),
        (",[3 4]" + A234, "RANK ERROR"),
        (",[2.5]1 2 3", "RANK ERROR"),
        (",[1]5", "RANK ERROR"),
    ])


def test_catenate():
    run_cases([
        ("1 2,3", [1, 2, 3]),
        ("1,2", [1, 2]),
        ("'FUR','LONG'", "FURLONG"),
        ("'ab',1", ["a", "b", 1]),
        ("'ab',⊂'cd'", ["a", "b", "cd"]),
        ("(1 2)(3 4),5", [[1, 2], [3, 4], 5]),
        ("(⊂1 2),3 4", [[1, 2], 3, 4]),
        (M23 + ",7", R((2, 4), [1, 2, 3, 7, 4, 5, 6, 7])),
        (M23 + ",7 8", R((2, 4), [1, 2, 3, 7, 4, 5, 6, 8])),
        (M23 + ",2 2⍴7 8 9 10", R((2, 5), [1, 2, 3, 7, 8, 4, 5, 6, 9, 10])),
        (M23 + ",[1]7 8 9", R((3, 3), range(1, 10))),
        (M23 + ",[1]0", R((3, 3), [1, 2, 3, 4, 5, 6, 0, 0, 0])),
        ("7 8 9,[1]" + M23, R((3, 3), [7, 8, 9, 1, 2, 3, 4, 5, 6])),
        ("(2 2 2⍴⍳8),[2]2 2⍴0", R((2, 3, 2), [1, 2, 3, 4, 0, 0, 5, 6, 7, 8, 0, 0])),
        ("⍬,'abc'", "abc"),
        ("'abc',⍬", "abc"),
        ("⍬,⍬", Z("N")),
        ("'',⍬", Z("C")),           # both empty: the type of the left argument
        ("⍬,''", Z("N")),
        ("(0 3⍴0),⍬", Z("N", (0, 4))),
        ("(2 0⍴0),2 0⍴'a'", Z("N", (2, 0))),
        ("1 2,(1 2)", [1, 2, 1, 2]),
        ("(1 2)(3 4),(5 6)(7 8)", [[1, 2], [3, 4], [5, 6], [7, 8]]),
    ])
    assert ev("1 2,3.5").dtype.kind == "f"
    run_errors([
        (M23 + ",7 8 9", "LENGTH ERROR"),
        ("(2 3⍴⍳6),3 2⍴0", "LENGTH ERROR"),
        (M23 + ",2 2 2⍴0", "LENGTH ERROR"),
        (M23 + ",2 2 2 2⍴0", "RANK ERROR"),
        ("1 2,2 2 2⍴0", "RANK ERROR"),
        ("1 2,[2]3 4", "RANK ERROR"),
        (M23 + ",[3]1", "RANK ERROR"),
    ])


def test_laminate():
    run_cases([
        ("1 2 3,[0.5]4 5 6", R((2, 3), [1, 2, 3, 4, 5, 6])),
        ("1 2 3,[1.5]4 5 6", R((3, 2), [1, 4, 2, 5, 3, 6])),
        ("1,[0.5]4 5 6", R((2, 3), [1, 1, 1, 4, 5, 6])),
        ("'ABC',[1.1]'='", R((3, 2), "A=B=C=")),
        ("'ABC',[0.1]'='", R((2, 3), "ABC===")),
        ("1,[0.5]2", [1, 2]),
        ("⍴" + M23 + ",[0.5]" + M23, [2, 2, 3]),
        ("⍴" + M23 + ",[1.5]" + M23, [2, 2, 3]),
        ("⍴" + M23 + ",[2.5]" + M23, [2, 3, 2]),
        (M23 + ",[2.5]0", R((2, 3, 2), [1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0])),
        ("(1 2)(3 4),[0.5]5", R((2, 2), [[1, 2], [3, 4], 5, 5])),
        ("'',[0.5]⍬", Z("C", (2, 0))),
    ])
    run_errors([
        ("1 2 3,[0.5]4 5", "LENGTH ERROR"),
        ("1 2,[0.5]2 2⍴1", "RANK ERROR"),
        ("1 2 3,[2.5]4 5 6", "RANK ERROR"),
        ("1 2 3,[¯0.5]4 5 6", "RANK ERROR"),
    ])


def test_table_and_catenate_first():
    run_cases([
        ("⍪5", R((1, 1), [5])),
        ("⍪1 2 3", R((3, 1), [1, 2, 3])),
        ("⍪'ab'", R((2, 1), "ab")),
        ("⍪⍬", Z("N", (0, 1))),
        ("⍪" + A234, R((2, 12), range(1, 25))),
        ("⍪0 3 2⍴0", Z("N", (0, 6))),
        ("⍪(1 2)(3 4)", R((2, 1), [[1, 2], [3, 4]])),
        ("(2 3⍴⍳6)⍪7 8 9", R((3, 3), range(1, 10))),
        ("(2 4⍴'THISWEEK')⍪'='", R((3, 4), "THISWEEK====")),
        ("1 2⍪3", [1, 2, 3]),
        ("1⍪2", [1, 2]),
        ("''⍪''", Z("C")),
        (M23 + "⍪" + M23, R((4, 3), [1, 2, 3, 4, 5, 6] * 2)),
        (M23 + "⍪[2]7 8", R((2, 4), [1, 2, 3, 7, 4, 5, 6, 8])),
        ("1 2⍪[0.5]3 4", R((2, 2), [1, 2, 3, 4])),
    ])
    err(M23 + "⍪1 2", "LENGTH ERROR")


# ------------------------------------------------------------------ ⌽ ⊖
def test_reverse():
    run_cases([
        ("⌽1 2 3", [3, 2, 1]),
        ("⌽5", 5),
        ("⌽,5", [5]),
        ("⌽⍬", Z("N")),
        ("⌽'abc'", "cba"),
        ("⌽" + M23, R((2, 3), [3, 2, 1, 6, 5, 4])),
        ("⊖" + M23, R((2, 3), [4, 5, 6, 1, 2, 3])),
        ("⌽[1]" + M23, R((2, 3), [4, 5, 6, 1, 2, 3])),
        ("⊖[2]" + M23, R((2, 3), [3, 2, 1, 6, 5, 4])),
        ("⌽[2]" + A234, R((2, 3, 4), [9, 10, 11, 12, 5, 6, 7, 8, 1, 2, 3, 4,
                                       21, 22, 23, 24, 17, 18, 19, 20, 13, 14, 15, 16])),
        ("⊖1 2 3", [3, 2, 1]),
        ("⌽(1 2)'ab' 3", [3, "ab", [1, 2]]),
        ("⌽⊂1 2", Enc([1, 2])),
        ("⌽0 3⍴0", Z("N", (0, 3))),
    ])
    err("⌽[3]" + M23, "RANK ERROR")


def test_rotate():
    run_cases([
        ("1⌽1 2 3", [2, 3, 1]),
        ("¯1⌽1 2 3", [3, 1, 2]),
        ("10⌽1 2 3", [2, 3, 1]),
        ("¯10⌽1 2 3", [3, 1, 2]),
        ("0⌽1 2 3", [1, 2, 3]),
        ("3⌽1 2 3 4 5 6 7", [4, 5, 6, 7, 1, 2, 3]),
        ("¯2⌽1 2 3 4 5", [4, 5, 1, 2, 3]),
        ("1⌽5", 5),
        ("1⌽⍬", Z("N")),
        ("1⌽''", Z("C")),
        ("2⌽'abcde'", "cdeab"),
        ("1⌽(1 2)(3 4)'a'", [[3, 4], "a", [1, 2]]),
        ("(,1)⌽1 2 3", [2, 3, 1]),
        ("1⌽" + M23, R((2, 3), [2, 3, 1, 5, 6, 4])),
        ("1⊖" + M23, R((2, 3), [4, 5, 6, 1, 2, 3])),
        ("1 2⌽" + M23, R((2, 3), [2, 3, 1, 6, 4, 5])),       # one amount per row
        ("1 2 3⊖" + M23, R((2, 3), [4, 2, 6, 1, 5, 3])),     # one amount per column
        ("1⌽[1]" + M23, R((2, 3), [4, 5, 6, 1, 2, 3])),
        ("0 1 2⌽[1]" + M23, R((2, 3), [1, 5, 3, 4, 2, 6])),
        ("(,2)⌽" + M23, R((2, 3), [3, 1, 2, 6, 4, 5])),      # a one-item array is extended
        ("(1 1⍴1)⌽1 2 3", [2, 3, 1]),
        ("1⌽0 3⍴0", Z("N", (0, 3))),
        ("1⌽3 0⍴0", Z("N", (3, 0))),
        # Dyalog's examples: M←2 2 4⍴⍳16, I←2 4⍴0 1 ¯1 0 0 3 2 1, J←2 2⍴2 ¯3 3 ¯2
        ("(2 4⍴0 1 ¯1 0 0 3 2 1)⌽[2]2 2 4⍴⍳16",
         R((2, 2, 4), [1, 6, 7, 4, 5, 2, 3, 8, 9, 14, 11, 16, 13, 10, 15, 12])),
        ("(2 2⍴2 ¯3 3 ¯2)⌽2 2 4⍴⍳16",
         R((2, 2, 4), [3, 4, 1, 2, 6, 7, 8, 5, 12, 9, 10, 11, 15, 16, 13, 14])),
        ("(2 3⍴0 1 2 3 4 5)⌽[3]" + A234,
         R((2, 3, 4), [1, 2, 3, 4, 6, 7, 8, 5, 11, 12, 9, 10,
                       16, 13, 14, 15, 17, 18, 19, 20, 22, 23, 24, 21])),
    ])
    run_errors([
        ("1 2 3⌽" + M23, "LENGTH ERROR"),
        ("1 2⊖" + M23, "LENGTH ERROR"),
        ("(2 2⍴1)⌽" + A234, "LENGTH ERROR"),
        ("(2 2⍴1)⌽1 2 3", "RANK ERROR"),
        ("1.5⌽1 2 3", "DOMAIN ERROR"),
        ("'a'⌽1 2 3", "DOMAIN ERROR"),
        ("1⌽[3]" + M23, "RANK ERROR"),
    ])


# ------------------------------------------------------------------ ⍉
def test_transpose():
    run_cases([
        ("⍉" + M23, R((3, 2), [1, 4, 2, 5, 3, 6])),
        ("⍉5", 5),
        ("⍉1 2 3", [1, 2, 3]),
        ("⍉'abc'", "abc"),
        ("⍴⍉" + A234, [4, 3, 2]),
        ("(⍉" + A234 + ")[4;3;2]", 24),
        ("(⍉" + A234 + ")[2;1;2]", 14),
        ("⍉0 3⍴0", Z("N", (3, 0))),
        ("⍉2 2⍴(1 2)'a' 3 'bc'", R((2, 2), [[1, 2], 3, "a", "bc"])),
        ("2 1⍉" + M23, R((3, 2), [1, 4, 2, 5, 3, 6])),
        ("1 2⍉" + M23, R((2, 3), range(1, 7))),
        ("1⍉1 2 3", [1, 2, 3]),
        ("⍬⍉5", 5),
        ("2 1 3⍉" + A234, R((3, 2, 4), [1, 2, 3, 4, 13, 14, 15, 16, 5, 6, 7, 8,
                                         17, 18, 19, 20, 9, 10, 11, 12, 21, 22, 23, 24])),
        ("⍴1 3 2⍉" + A234, [2, 4, 3]),
        ("⍴2 3 1⍉" + A234, [4, 2, 3]),
        ("(2 3 1⍉" + A234 + ")[1;2;]", [13, 17, 21]),
        ("1 1⍉3 3⍴⍳9", [1, 5, 9]),                          # the diagonal
        ("1 1⍉2 3⍴⍳6", [1, 5]),
        ("1 1 1⍉" + A234, [1, 18]),
        ("1 1 2⍉" + A234, R((2, 4), [1, 2, 3, 4, 17, 18, 19, 20])),
        ("1 2 1⍉" + A234, R((2, 3), [1, 5, 9, 14, 18, 22])),
        ("2 1 1⍉" + A234, R((3, 2), [1, 13, 6, 18, 11, 23])),
        ("1 1⍉2 2⍴'abcd'", "ad"),
        ("1 1⍉2 2⍴(1 2)'x' 'y'(3 4)", [[1, 2], [3, 4]]),
        ("1 1⍉0 3⍴0", Z("N")),
    ])
    run_errors([
        ("1⍉" + M23, "LENGTH ERROR"),
        ("1 2 3⍉" + M23, "LENGTH ERROR"),
        ("1⍉5", "LENGTH ERROR"),
        ("1 3⍉" + M23, "DOMAIN ERROR"),
        ("2 2⍉" + M23, "DOMAIN ERROR"),
        ("(1 1⍴1)⍉1 2", "RANK ERROR"),
    ])


# ------------------------------------------------------------------ ↑ take
def test_take():
    run_cases([
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
    run_cases([
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
    run_errors([
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
    run_cases([
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
    run_errors([
        ("1 2 3↓" + M23, "RANK ERROR"),
        ("1 2↓[1]" + M23, "LENGTH ERROR"),
        ("1↓[3]" + M23, "RANK ERROR"),
        ("0.5↓1 2", "DOMAIN ERROR"),
    ])


# ------------------------------------------------------------------ ↑ mix, ↓ split
def test_mix():
    run_cases([
        ("↑1 2 3", [1, 2, 3]),
        ("↑5", 5),
        ("↑⍬", Z("N")),
        ("↑⊂1 2", [1, 2]),
        ("↑(1 2)(3 4)", R((2, 2), [1, 2, 3, 4])),
        ("↑(1 2)(3 4 5)", R((2, 3), [1, 2, 0, 3, 4, 5])),     # ragged: padded with fills
        ("↑'ab' 'cde'", R((2, 3), "ab cde")),
        ("↑'a' (1 2)", R((2, 2), ["a", " ", 1, 2])),           # each item padded with its own fill
        ("↑1 (1 2)", R((2, 2), [1, 0, 1, 2])),
        ("↑(1 2)(2 2⍴⍳4)", R((2, 2, 2), [1, 2, 0, 0, 1, 2, 3, 4])),   # mixed ranks
        ("↑(1 'a')(2 3 4)", R((2, 3), [1, "a", 0, 2, 3, 4])),
        ("↑2 2⍴(1 2)(3 4)(5 6)(7 8)", R((2, 2, 2), range(1, 9))),
        ("↑(1 (2 3))(4 5)", R((2, 2), [1, [2, 3], 4, 5])),
        ("↑(⊂1 2)(3 4)", R((2, 2), [[1, 2], [0, 0], 3, 4])),
        ("↑0⍴⊂'abc'", Z("C", (0, 3))),
        ("↑0⍴⊂2 2⍴0", Z("N", (0, 2, 2))),
        ("↑'ab' 'cd'", R((2, 2), "abcd")),
    ])
    assert ev("↑'ab' 'cd'").dtype.kind == "U"


def test_mix_with_axis():
    run_cases([
        ("↑[0.5](1 2)(3 4)(5 6)", R((2, 3), [1, 3, 5, 2, 4, 6])),
        ("↑[1.5](1 2)(3 4)(5 6)", R((3, 2), [1, 2, 3, 4, 5, 6])),
        ("↑[1](1 2)(3 4)(5 6)", R((2, 3), [1, 3, 5, 2, 4, 6])),
        ("↑[2](1 2)(3 4)(5 6)", R((3, 2), [1, 2, 3, 4, 5, 6])),
        ("↑[0.5](1 2)(3 4 5)", R((3, 2), [1, 3, 2, 4, 0, 5])),
        ("↑[1]1 (3 4) 5", R((2, 3), [1, 3, 5, 0, 4, 0])),       # Dyalog's example
        ("⍴↑[0.5]2 3⍴⊂4 5⍴0", [4, 5, 2, 3]),
        ("⍴↑[1.5]2 3⍴⊂4 5⍴0", [2, 4, 5, 3]),
        ("⍴↑[2.5]2 3⍴⊂4 5⍴0", [2, 3, 4, 5]),
        ("⍴↑[1 4]2 3⍴⊂4 5⍴0", [4, 2, 3, 5]),
        ("⍴↑[3 1]2 3⍴⊂4 5⍴0", [5, 2, 4, 3]),
        ("↑[0.5]2 2⍴(1 2)(3 4)(5 6)(7 8)", R((2, 2, 2), [1, 3, 5, 7, 2, 4, 6, 8])),
        ("↑[0.5]1 2 3", [1, 2, 3]),
    ])
    run_errors([
        ("↑[2.5](1 2)(3 4)", "RANK ERROR"),
        ("↑[3](1 2)(3 4)", "INDEX ERROR"),  # LRG/mix: ⊃[4]Y is an INDEX ERROR
        ("↑[1 2](1 2)(3 4)", "RANK ERROR"),
    ])


def test_split():
    run_cases([
        ("↓" + M23, [[1, 2, 3], [4, 5, 6]]),
        ("↓1 2 3", Enc([1, 2, 3])),
        ("↓5", 5),
        ("↓'abc'", Enc("abc")),
        ("↓2 3⍴'abcdef'", ["abc", "def"]),
        ("↓[1]" + M23, [[1, 4], [2, 5], [3, 6]]),
        ("↓" + A234, R((2, 3), [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12],
                                 [13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24]])),
        ("↓[2]" + A234, R((2, 4), [[1, 5, 9], [2, 6, 10], [3, 7, 11], [4, 8, 12],
                                    [13, 17, 21], [14, 18, 22], [15, 19, 23], [16, 20, 24]])),
        ("↓2 0⍴0", [Z("N"), Z("N")]),
        ("↓0 3⍴0", Z("O")),
        ("⊃↓0 3⍴0", [0, 0, 0]),                                # prototype ⊂3⍴0
        ("⊃↓0 2⍴'a'", "  "),
        ("↓2 2⍴(1 2)'a' 'b' 3", [[[1, 2], "a"], ["b", 3]]),
        ("↓2 2⍴1 'a' 2 'b'", [[1, "a"], [2, "b"]]),
        ("↓2 2⍴'ab',1 2", ["ab", [1, 2]]),                  # rows are canonical
    ])
    assert ev("⊃↓2 2⍴'ab',1 2").dtype.kind == "U"
    err("↓[3]" + M23, "RANK ERROR")


# ------------------------------------------------------------------ ⊂ ⊆
def test_enclose():
    run_cases([
        ("⊂1 2 3", Enc([1, 2, 3])),
        ("⊂5", 5),
        ("⊂,5", Enc([5])),
        ("⊂'a'", "a"),
        ("⊂⊂1 2", Enc(Enc([1, 2]))),
        ("⊂⍬", Enc(Z("N"))),
        ("⊂[1]" + M23, [[1, 4], [2, 5], [3, 6]]),
        ("⊂[2]" + M23, [[1, 2, 3], [4, 5, 6]]),
        ("⊂[1 2]" + M23, Enc(R((2, 3), range(1, 7)))),
        ("⊂[2 1]" + M23, Enc(R((3, 2), [1, 4, 2, 5, 3, 6]))),   # axes in the order given
        ("⊂[3]" + A234, R((2, 3), [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12],
                                    [13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24]])),
        ("⍴⊂[1 3]2 3 4 5⍴0", [3, 5]),
        ("⍴⊃⊂[1 3]2 3 4 5⍴0", [2, 4]),
        ("⊂[2 3]2 3 4⍴⎕A", [R((3, 4), "ABCDEFGHIJKL"), R((3, 4), "MNOPQRSTUVWX")]),
        ("⊂[⍬]1 2", [1, 2]),                                     # no effect on a simple array
        ("⊂[⍬]5", 5),
        ("⊂[⍬](1 2)3", [Enc([1, 2]), 3]),                       # encloses each item
        ("⊂[1]1 2 3", Enc([1, 2, 3])),
        ("⊂[2]0 3⍴0", Z("O")),
        ("⊃⊂[2]0 3⍴0", [0, 0, 0]),
        ("⊂[1]0 3⍴0", [Z("N"), Z("N"), Z("N")]),
    ])
    run_errors([
        ("⊂[3]" + M23, "RANK ERROR"),
        ("⊂[1 1]" + M23, "RANK ERROR"),
        ("⊂[1]5", "RANK ERROR"),
    ])


def test_partitioned_enclose():
    run_cases([
        ("1 0 1 0 0⊂⍳5", [[1, 2], [3, 4, 5]]),
        ("1 1 1⊂1 2 3", [[1], [2], [3]]),
        ("1 0 1 0⊂'abcd'", ["ab", "cd"]),
        ("0 0 1 0 0 1 0⊂'abcdefg'", ["cde", "fg"]),               # leading cells dropped
        ("2 0 1 3 0 2 0 1⊂'abcdefg'", ["", "ab", R((1,), ["c"]), "", "", "de", "", "fg", ""]),
        ("0 2 0 1⊂'abcdefg'", ["", "bc", "defg"]),              # short left argument
        ("1 0 1 0 1⊂'abcd'", ["ab", "cd", ""]),                 # trailing divider
        ("1⊂'abcd'", [R((1,), ["a"]), R((1,), ["b"]), R((1,), ["c"]), R((1,), ["d"])]),
        ("(,1)⊂'abcd'", ["abcd"]),                              # a one-item vector is short
        ("0⊂'abcd'", Z("O")),
        ("0 0 0⊂1 2 3", Z("O")),
        ("1 0 1⊂(1 2)'a' 3", [[[1, 2], "a"], [3]]),
        ("0 1⊂1 'a'", R((1,), [R((1,), ["a"])])),
        ("1 0 1⊂[1]3 4⍴⍳12", [R((2, 4), range(1, 9)), R((1, 4), range(9, 13))]),
        ("1 0 0 1⊂[2]3 4⍴⍳12", [R((3, 3), [1, 2, 3, 5, 6, 7, 9, 10, 11]), R((3, 1), [4, 8, 12])]),
        ("1 0 1⊂3 3⍴⍳9", [R((3, 2), [1, 2, 4, 5, 7, 8]), R((3, 1), [3, 6, 9])]),
        ("⍬⊂⍬", Z("O")),
        ("(,1)⊂⍬", [Z("N")]),
    ])
    run_errors([
        ("1 0 1 0 1 1⊂'abcd'", "LENGTH ERROR"),
        ("¯1 0 1⊂1 2 3", "DOMAIN ERROR"),
        ("1.5 0⊂1 2", "DOMAIN ERROR"),
        ("1⊂5", "RANK ERROR"),
        ("1 0⊂[3]" + M23, "RANK ERROR"),
    ])


def test_nest_and_partition():
    run_cases([
        ("⊆1 2 3", Enc([1, 2, 3])),
        ("⊆'abc'", Enc("abc")),
        ("⊆5", 5),
        ("⊆(1 2)(3 4)", [[1, 2], [3, 4]]),
        ("⊆(1 2)3", [[1, 2], 3]),
        ("⊆1 'a'", Enc([1, "a"])),                             # simple (mixed) is enclosed
        ("⊆⊂1 2", Enc([1, 2])),
        ("1 1 2 2 2⊆⍳5", [[1, 2], [3, 4, 5]]),
        ("1 0 1⊆'abc'", [R((1,), ["a"]), R((1,), ["c"])]),
        ("1 1 2 2 0 3⊆'abcdef'", ["ab", "cd", R((1,), ["f"])]),
        ("1 1 1 0 1 1⊆'abcdef'", ["abc", "ef"]),
        ("1 2 1⊆'abc'", [R((1,), ["a"]), "bc"]),                # new partition only when rising
        ("3 2 1⊆'abc'", ["abc"]),
        ("1 1 1 2 2 3 3 3⊆'NOWISTHE'", ["NOW", "IS", "THE"]),
        ("1 1 1 0 0 3 3 3⊆'NOWISTHE'", ["NOW", "THE"]),
        ("2⊆'abc'", ["abc"]),
        ("0⊆'abc'", Z("O")),
        ("0 0 0⊆1 2 3", Z("O")),
        ("1 1 0 1⊆(1 2)'a' 3 'b'", [[[1, 2], "a"], R((1,), ["b"])]),
        # APL2's partition (Dyalog's ⊆): the rank stays, each item a vector along the axis
        ("1 0 1⊆[1]3 2⍴⍳6", R((2, 2), [R((1,), [1]), R((1,), [2]), R((1,), [5]), R((1,), [6])])),
        ("1 1 0⊆3 3⍴⍳9", R((3, 1), [[1, 2], [4, 5], [7, 8]])),
        ("⍬⊆⍬", Z("O")),
    ])
    run_errors([
        ("1 0⊆1 2 3", "LENGTH ERROR"),
        ("1 0 1 1⊆1 2 3", "LENGTH ERROR"),
        ("1 0 ¯1⊆1 2 3", "DOMAIN ERROR"),
        ("1⊆5", "RANK ERROR"),
        ("(2 2⍴1)⊆1 2 3 4", "RANK ERROR"),
    ])


# ------------------------------------------------------------------ ⊃ first, pick
def test_first():
    run_cases([
        ("⊃1 2 3", 1),
        ("⊃5", 5),
        ("⊃,5", 5),
        ("⊃,⊂,5", [5]),
        ("⊃'abc'", "a"),
        ("⊃(1 2)(3 4)", [1, 2]),
        ("⊃2 2⍴'abcd'", "a"),
        ("⊃⊂1 2", [1, 2]),
        ("⊃⊂⊂1 2", Enc([1, 2])),
        ("⊃'ab' 1", "ab"),
        ("⊃" + A234, 1),
        # empty arguments give the prototype
        ("⊃⍬", 0),
        ("⊃''", " "),
        ("⊃0 3⍴'a'", " "),
        ("⊃0⍴⊂'abc'", "   "),
        ("⊃0⍴⊂1 2", [0, 0]),
        ("⊃0⍴⊂(1 2)'ab'", [[0, 0], "  "]),
        ("⊃0⍴⊂⊂1 2", Enc([0, 0])),
        ("⊃1↓⊂'ab'", "  "),
        ("⊃0⍴1 'a'", 0),
    ])


def test_pick():
    G = "(2 3⍴('ABC' 1)('DEF' 2)('GHI' 3)('JKL' 4)('MNO' 5)('PQR' 6))"
    run_cases([
        ("2⊃1 2 3", 2),
        ("2⊃'abc'", "b"),
        ("2⊃(1 2)(3 4)", [3, 4]),
        ("2 1⊃(1 2)(3 4)", 3),
        ("2 1⊃'ab' 'cd'", "c"),
        ("(2 (1 2))⊃(1 2)(2 2⍴⍳4)", 2),
        ("(2 (2 1))⊃(1 2)(2 2⍴⍳4)", 3),
        ("(⊂1 2)⊃2 2⍴⍳4", 2),
        ("(⊂2 1)⊃" + G, ["JKL", 4]),
        ("((⊂2 1),1)⊃" + G, "JKL"),
        ("((⊂2 1),1 2)⊃" + G, "K"),
        ("((2 1)(1)(2))⊃" + G, "K"),
        ("⍬⊃5", 5),
        ("⍬⊃1 2 3", [1, 2, 3]),
        ("(5⍴⊂⍳0)⊃10", 10),                                   # empty indices pick scalars
        ("(⊂⍬)⊃⊂1 2", [1, 2]),
        ("(⊂,1)⊃,⊂1 2", [1, 2]),
        ("3⊃(1 2)(3 4)(⊂5 6)", Enc([5, 6])),
        ("2 1⊃1 (2 3)", 2),
        ("2⊃1 (2 3)", [2, 3]),
        ("2.0⊃1 2 3", 2),
    ])
    run_errors([
        ("4⊃1 2 3", "INDEX ERROR"),
        ("0⊃1 2 3", "INDEX ERROR"),
        ("¯1⊃1 2 3", "INDEX ERROR"),
        ("3 1⊃(1 2)(3 4)", "INDEX ERROR"),
        ("(⊂3 1)⊃2 2⍴⍳4", "INDEX ERROR"),
        ("(1 2)⊃1 2 3", "RANK ERROR"),
        ("(⊂1 2)⊃1 2 3", "RANK ERROR"),
        ("1⊃2 2⍴⍳4", "RANK ERROR"),
        ("1⊃5", "RANK ERROR"),
        ("(2 2⍴1)⊃2 2⍴⍳4", "RANK ERROR"),
        ("1.5⊃1 2 3", "DOMAIN ERROR"),
        ("'a'⊃1 2 3", "DOMAIN ERROR"),
    ])


# ------------------------------------------------------------------ ≡ ≢
def test_depth():
    run_cases([
        ("≡5", 0),
        ("≡'a'", 0),
        ("≡1 2 3", 1),
        ("≡'abc'", 1),
        ("≡1 'A'", 1),
        ("≡⍬", 1),
        ("≡''", 1),
        ("≡2 3⍴⍳6", 1),
        ("≡⊂1 2", 2),
        ("≡⊂⊂1 2", 3),
        ("≡⊂⊂5", 0),
        ("≡(1 2)(3 4)", 2),
        ("≡'ab' 'cd'", 2),
        ("≡1 (1 2)", -2),                                     # not uniform: negative
        ("≡(1 2)(3 (4 5))", -3),
        ("≡(1 2)((3 4)(5 6))", -3),
        ("≡((1 2)(3 4))((5 6)(7 8))", 3),
        ("≡⊂1 (1 2)", -3),
        ("≡2 2⍴(1 2)(3 4)", 2),
        ("≡⊂⍬", 2),
        ("≡0⍴⊂1 2", 2),                                       # empty: prototype depth + 1
        ("≡0⍴⊂⊂1 2", 3),
        ("≡0⍴⊂1 (1 2)", -3),
    ])


def test_match():
    run_cases([
        ("1 2 3≡1 2 3", 1),
        ("1 2 3≡1 2 4", 0),
        ("1≡,1", 0),
        ("(,1)≡,1", 1),
        ("⍬≡''", 0),                                          # prototypes differ
        ("⍬≡⍳0", 1),
        ("''≡0⍴'abc'", 1),
        ("⍬≡0⍴1 'a'", 1),
        ("(0 3⍴0)≡0 2⍴0", 0),
        ("(0⍴⊂'abc')≡0⍴⊂'xyz'", 1),
        ("(0⍴⊂'abc')≡0⍴⊂'de'", 0),
        ("(0⍴⊂1 2)≡⍬", 0),
        ("'abc'≡'abc'", 1),
        ("'a'≡,'a'", 0),
        ("1 2≡'ab'", 0),
        ("(1 2)(3 4)≡(1 2)(3 4)", 1),
        ("(1 2)(3 4)≡(1 2)(3 5)", 0),
        ("(1 2)'ab'≡(1 2)'ab'", 1),
        ("(⊂1 2)≡⊂1 2", 1),
        ("(⊂1 2)≡1 2", 0),
        ("1≡1.0", 1),
        ("1≡1J0", 1),
        ("1≡1+1E¯15", 1),                                     # tolerant equality
        ("1≡1.001", 0),
        ("0≡1E¯20", 0),                                       # zero is not tolerantly small
        ("(2 3⍴⍳6)≡2 3⍴⍳6", 1),
        ("(2 3⍴⍳6)≡3 2⍴⍳6", 0),
        ("1 'a'≡1 'a'", 1),
        ("(1 2)≡1 2.0", 1),
        ("1 2≢1 2", 0),
        ("5≢,5", 1),
        ("⍬≢''", 1),
    ])
    assert ev("1 2≡1 2").dtype == np.bool_


def test_tally_and_identities():
    run_cases([
        ("≢5", 1),
        ("≢,5", 1),
        ("≢1 1⍴5", 1),
        ("≢1 2 3", 3),
        ("≢2 3⍴⍳6", 2),
        ("≢" + A234, 2),
        ("≢⍬", 0),
        ("≢0 3⍴0", 0),
        ("≢⊂1 2 3", 1),
        ("≢(1 2)(3 4)", 2),
        ("≢'abc'", 3),
        ("2⊣3", 2),
        ("2⊢3", 3),
        ("⊣3", 3),
        ("⊢3", 3),
        ("⊣'ab'", "ab"),
        ("⊢(1 2)3", [[1, 2], 3]),
        ("(1 2)⊣'ab'", [1, 2]),
        ("(1 2)⊢'ab'", "ab"),
        ("⊢⍬", Z("N")),
    ])


# ------------------------------------------------------------------ / ⌿ replicate
def test_replicate():
    run_cases([
        ("1 0 1/1 2 3", [1, 3]),
        ("1 0 1 0 1/⍳5", [1, 3, 5]),
        ("2/1 2 3", [1, 1, 2, 2, 3, 3]),
        ("1 1 2 1 2 1 2 1/'Misisipi'", "Mississippi"),
        ("0/1 2 3", Z("N")),
        ("0/'abc'", Z("C")),
        ("1/5", [5]),                                         # a scalar becomes a vector
        ("1/,5", [5]),
        ("1/'a'", R((1,), ["a"])),
        ("1 2 3/5", [5, 5, 5, 5, 5, 5]),
        ("0/5", Z("N")),
        ("1 0 1/4", [4, 4]),
        ("1 0 1/,3", [3, 3]),
        ("1 0 1/1 1⍴5", R((1, 2), [5, 5])),
        ("(,2)/1 2", [1, 1, 2, 2]),
        ("1 ¯2 1/1 2 3", [1, 0, 0, 3]),                        # negative: fills
        ("1 ¯2 3 ¯4 5/⍳5", [1, 0, 0, 3, 3, 3, 0, 0, 0, 0, 5, 5, 5, 5, 5]),
        ("1 ¯2 1/'abc'", "a  c"),
        ("¯2/'ab'", "    "),
        ("1 ¯1/(1 2)'ab'", [[1, 2], [0, 0]]),                  # the fill of the whole argument
        ("¯1 1/(1 2)'ab'", [[0, 0], "ab"]),
        ("1 2/(1 2)(3 4)", [[1, 2], [3, 4], [3, 4]]),
        ("2/⊂1 2", [[1, 2], [1, 2]]),
        ("1 0/1 'a'", [1]),                                    # canonical: simple result
        ("0 1/1 'a'", R((1,), ["a"])),
        ("0 0/(1 2)'ab'", Z("O")),
        ("⊃0 0/(1 2)'ab'", [0, 0]),
        ("⍬/⍬", Z("N")),
        ("⍬/5", Z("N")),
        ("0/⍬", Z("N")),
        ("1 0/2 2⍴⍳4", R((2, 1), [1, 3])),
        ("1 0⌿2 2⍴⍳4", R((1, 2), [1, 2])),
        ("1 0/[1]2 2⍴⍳4", R((1, 2), [1, 2])),
        ("2 0 1/" + M23, R((2, 3), [1, 1, 3, 4, 4, 6])),
        ("0 1⌿" + M23, R((1, 3), [4, 5, 6])),
        ("2 ¯2 1/[2]2 3⍴'ABCDEF'", R((2, 5), "AA  CDD  F")),
        ("1 ¯1⌿" + M23, R((2, 3), [1, 2, 3, 0, 0, 0])),
        ("1 0 1/[2]" + A234, R((2, 2, 4), [1, 2, 3, 4, 9, 10, 11, 12,
                                           13, 14, 15, 16, 21, 22, 23, 24])),
        ("2/[3]2 1 1⍴1 2", R((2, 1, 2), [1, 1, 2, 2])),
        ("1 0 1/2 1⍴7 8", R((2, 2), [7, 7, 8, 8])),            # length 1 along the axis
        ("3⌿1 2⍴5 6", R((3, 2), [5, 6, 5, 6, 5, 6])),
        ("(1=1 0 1)/1 2 3", [1, 3]),
        ("1.0 0/1 2", [1]),
    ])
    run_errors([
        ("1 2/1 2 3", "LENGTH ERROR"),
        ("1 0 1/⍬", "LENGTH ERROR"),
        ("1 0 1/2 2⍴1", "LENGTH ERROR"),
        ("(1 1⍴1)/1", "RANK ERROR"),
        ("1.5/1", "DOMAIN ERROR"),
        ("'a'/1", "DOMAIN ERROR"),
        ("1 0 1/[3]2 3⍴⍳6", "RANK ERROR"),
    ])


def test_expand():
    run_cases([
        ("1 0 1\\1 2", [1, 0, 2]),
        ("1 0 1\\'ab'", "a b"),
        ("1 0 0 1 0 1\\'abc'", "a  b c"),
        ("1 ¯2 1\\1 2", [1, 0, 0, 2]),
        ("1 ¯2 3 ¯4 5\\'A'", "A  AAA    AAAAA"),               # a singleton is extended
        ("1 0 3 ¯2 2\\'abc'", "a bbb  cc"),
        ("2 0 1\\1 2", [1, 1, 0, 2]),
        ("1 0 1\\5", [5, 0, 5]),
        ("0\\⍳0", [0]),
        ("0 0\\⍬", [0, 0]),
        ("¯1\\⍬", [0]),
        ("⍬\\⍬", Z("N")),
        ("⍬\\5", Z("N")),
        ("0\\''", R((1,), [" "])),
        ("1 0 1\\(1 2)(3 4)", [[1, 2], [0, 0], [3, 4]]),
        ("1 ¯2 1\\(1 2)(3 4 5)", [[1, 2], [0, 0], [0, 0], [3, 4, 5]]),
        ("0 1\\⊂'ab'", ["  ", "ab"]),
        ("0 0\\0⍴⊂'abc'", ["   ", "   "]),
        ("1 0 1\\1 'a'", [1, 0, "a"]),
        ("1 0 1⍀2 2⍴⍳4", R((3, 2), [1, 2, 0, 0, 3, 4])),
        ("1 0 1\\2 2⍴⍳4", R((2, 3), [1, 0, 2, 3, 0, 4])),
        ("1 0 1\\[1]2 2⍴⍳4", R((3, 2), [1, 2, 0, 0, 3, 4])),
        ("1 ¯2 2 0 1\\" + M23, R((2, 7), [1, 0, 0, 2, 2, 0, 3, 4, 0, 0, 5, 5, 0, 6])),
        ("1 0 1\\2 1⍴'ab'", R((2, 3), "a ab b")),
        ("3 1 ¯1 2⍀3 4⍴⎕A", R((7, 4), "ABCDABCDABCDEFGH    IJKLIJKL")),
        ("1 0 1\\[2]2 2 2⍴⍳8", R((2, 3, 2), [1, 2, 0, 0, 3, 4, 5, 6, 0, 0, 7, 8])),
    ])
    run_errors([
        ("1 0 1\\1 2 3", "LENGTH ERROR"),
        ("1 0 1\\⍬", "LENGTH ERROR"),
        ("1 1\\1 2 3", "LENGTH ERROR"),
        ("(1 1⍴1)\\1", "RANK ERROR"),
        ("1.5\\1", "DOMAIN ERROR"),
        ("1 0 1\\[3]2 2⍴⍳4", "RANK ERROR"),
    ])


# ------------------------------------------------------------------ index origin 0
def test_index_origin_zero():
    run_cases([
        ("⎕IO←0 ⋄ 'ABC',[¯0.5]'='", R((2, 3), "ABC===")),
        ("⎕IO←0 ⋄ 'ABC',[0.5]'='", R((3, 2), "A=B=C=")),
        ("⎕IO←0 ⋄ ⌽[0]2 3⍴⍳6", R((2, 3), [3, 4, 5, 0, 1, 2])),
        ("⎕IO←0 ⋄ 1 0⍉2 3⍴⍳6", R((3, 2), [0, 3, 1, 4, 2, 5])),
        ("⎕IO←0 ⋄ 0 0⍉3 3⍴⍳9", [0, 4, 8]),
        ("⎕IO←0 ⋄ 1⊃10 20 30", 20),
        ("⎕IO←0 ⋄ 1 0⊃(1 2)(3 4)", 3),
        ("⎕IO←0 ⋄ ↑[0](1 2)(3 4)(5 6)", R((2, 3), [1, 3, 5, 2, 4, 6])),
        ("⎕IO←0 ⋄ ↑[¯0.5](1 2)(3 4)(5 6)", R((2, 3), [1, 3, 5, 2, 4, 6])),
        ("⎕IO←0 ⋄ ⊂[0]2 3⍴⍳6", [[0, 3], [1, 4], [2, 5]]),
        ("⎕IO←0 ⋄ 2↑[1]2 3⍴⍳6", R((2, 2), [0, 1, 3, 4])),
        ("⎕IO←0 ⋄ 1 0 1/[0]3 2⍴⍳6", R((2, 2), [0, 1, 4, 5])),
        ("⎕IO←0 ⋄ ,[0 1]2 3 4⍴⍳24", R((6, 4), range(24))),
        ("⎕IO←0 ⋄ 1 0 1⊂[0]3 2⍴⍳6", [R((2, 2), [0, 1, 2, 3]), R((1, 2), [4, 5])]),
        ("⎕IO←0 ⋄ 1 0 1⍀2 1⍴7 8", R((3, 1), [7, 0, 8])),
    ])
    run_errors([
        ("⎕IO←0 ⋄ 3⊃10 20 30", "INDEX ERROR"),
        ("⎕IO←0 ⋄ ⌽[2]2 3⍴⍳6", "RANK ERROR"),
        ("⎕IO←0 ⋄ 1 2⍉2 3⍴⍳6", "DOMAIN ERROR"),
    ])


# ------------------------------------------------------------------ storage and views
def test_results_are_canonical_storage():
    assert ev("2↑'ab',1").dtype.kind == "U"
    assert ev("1 1 0/1 2,'a'").dtype.kind == "i"
    assert ev("2⍴'a' 'b' (1 2)").dtype.kind == "U"
    assert ev("1↓(1 2),3 4").dtype.kind == "i"
    assert ev("⊃1 0 1⊂(1 2) 3 (4)").dtype == object
    assert ev("2⊃1 0 1⊂(1 2) 3 (4)").dtype.kind == "i"
    assert isinstance(ev("⊃1 2 3"), np.integer)


def test_session_values_do_not_alias():
    s = apl.Session()
    s.eval("a←2 3⍴⍳6")
    s.eval("b←↓a")
    s.eval("c←⊂[1]a")
    s.eval("a[1;1]←99")
    assert canon(s.eval("b")) == S([[1, 2, 3], [4, 5, 6]])
    assert canon(s.eval("c")) == S([[1, 4], [2, 5], [3, 6]])


def test_empty_prototype_survives_structural_functions():
    run_cases([
        ("⊃⌽0⍴⊂'abc'", "   "),
        ("⊃⍉0 2⍴⊂'ab'", "  "),
        ("⊃,0 2⍴⊂'ab'", "  "),
        ("⊃1↓,⊂'ab'", "  "),
        ("⊃0⍴0⍴⊂'ab'", "  "),
        ("1↑0⍴⊂'ab'", ["  "]),
        ("⊃(0⍴⊂1 2),0⍴⊂'abc'", [0, 0]),
        ("⊃⍬,0⍴⊂'abc'", 0),
    ])


# ------------------------------------------------------------------ properties
_dims = st.integers(0, 4)
_shapes = st.lists(_dims, min_size=0, max_size=3).map(tuple)
_int_arrays = _shapes.flatmap(lambda s: hnp.arrays(np.int64, s, elements=st.integers(-9, 9)))
_vectors = hnp.arrays(np.int64, st.integers(0, 8), elements=st.integers(-9, 9))
_char_vectors = st.text(alphabet="abcxyz ", min_size=0, max_size=8).map(
    lambda t: np.array(list(t), dtype="<U1"))
_some_arrays = st.one_of(_int_arrays, _char_vectors)

_prop = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same(a, b):
    return canon(a) == canon(b)


@_prop
@given(_some_arrays)
def test_prop_transpose_twice(a):
    assert bool(ev("(⍉⍉A)≡A", A=a))
    assert _same(ev("⍉A", A=a), a.T)


@_prop
@given(_some_arrays)
def test_prop_reshape_ravel(a):
    assert bool(ev("((⍴A)⍴,A)≡A", A=a))
    assert _same(ev(",A", A=a), a.reshape(-1))


@_prop
@given(_some_arrays)
def test_prop_reverse_twice(a):
    assert bool(ev("(⌽⌽A)≡A", A=a))
    assert bool(ev("(⊖⊖A)≡A", A=a))
    if a.ndim:
        assert _same(ev("⌽A", A=a), np.flip(a, -1))
        assert _same(ev("⊖A", A=a), np.flip(a, 0))


@_prop
@given(_vectors, st.integers(-12, 12))
def test_prop_take_drop_vector(v, n):
    assert len(ev("N↑V", V=v, N=n)) == abs(n)
    assert len(ev("N↓V", V=v, N=n)) == max(len(v) - abs(n), 0)
    n = max(-len(v), min(n, len(v)))
    if n >= 0:
        assert bool(ev("((N↑V),N↓V)≡V", V=v, N=n))
    else:
        assert bool(ev("((N↓V),N↑V)≡V", V=v, N=n))


@_prop
@given(_int_arrays.filter(lambda a: a.ndim >= 1), st.integers(-6, 6))
def test_prop_take_matches_numpy(a, n):
    got = ev("N↑A", A=a, N=n)
    k = a.shape[0]
    m = min(abs(n), k)
    part = a[:m] if n >= 0 else a[k - m:]
    pad = np.zeros((abs(n) - m,) + a.shape[1:], dtype=a.dtype)
    want = np.concatenate([part, pad] if n >= 0 else [pad, part])
    assert _same(got, want)


@_prop
@given(_int_arrays.filter(lambda a: a.ndim >= 1), st.integers(-20, 20))
def test_prop_rotate(a, n):
    assert _same(ev("N⌽A", A=a, N=n), np.roll(a, -n, axis=-1))
    assert _same(ev("N⊖A", A=a, N=n), np.roll(a, -n, axis=0))
    assert bool(ev("((-N)⌽N⌽A)≡A", A=a, N=n))


@_prop
@given(_int_arrays.filter(lambda a: a.ndim >= 1))
def test_prop_split_mix(a):
    assert bool(ev("(↑↓A)≡A", A=a))
    assert bool(ev("(⊃⊂A)≡A", A=a))
    for k in range(1, a.ndim + 1):
        assert bool(ev("(↑[K]⊂[K]A)≡A", A=a, K=k))


@_prop
@given(_int_arrays.filter(lambda a: a.ndim >= 1), st.randoms(use_true_random=False))
def test_prop_dyadic_transpose(a, rnd):
    perm = list(range(a.ndim))
    rnd.shuffle(perm)
    x = np.array(perm) + 1
    got = ev("X⍉A", A=a, X=x)
    # X[i] is the result axis of axis i of A
    assert _same(got, np.transpose(a, np.argsort(perm)))
    assert bool(ev("((⍋X)⍉X⍉A)≡A", A=a, X=x))


@_prop
@given(_vectors, st.data())
def test_prop_replicate_expand(v, data):
    counts = np.array(data.draw(st.lists(st.integers(0, 3), min_size=len(v), max_size=len(v))),
                      dtype=np.int64)
    assert _same(ev("C/V", C=counts, V=v), np.repeat(v, counts))
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=0, max_size=10)), dtype=bool)
    w = np.arange(1, int(mask.sum()) + 1)
    assert bool(ev("(M/M\\W)≡W", M=mask, W=w))
    assert bool(ev("((~M)/M\\W)≡(+/~M)⍴0", M=mask, W=w))


@_prop
@given(_vectors, st.data())
def test_prop_partitions(v, data):
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=len(v), max_size=len(v))),
                    dtype=bool)
    parts = ev("M⊆V", M=mask, V=v)
    joined = np.concatenate([np.asarray(p).reshape(-1) for p in parts.ravel()] or [v[:0]])
    assert _same(joined, v[mask])
    runs = int(np.sum(mask & ~np.concatenate([[False], mask[:-1]])))
    assert len(parts) == runs
    starts = ev("M⊂V", M=mask, V=v)
    assert len(starts) == int(mask.sum())
    if mask.any():
        first = int(np.argmax(mask))
        joined = np.concatenate([np.asarray(p).reshape(-1) for p in starts.ravel()])
        assert _same(joined, v[first:])


@_prop
@given(_some_arrays, _some_arrays)
def test_prop_match_agrees_with_equality(a, b):
    # numbers never match characters, not even when empty (the prototypes differ)
    same = a.dtype.kind == b.dtype.kind and a.shape == b.shape and np.array_equal(a, b)
    assert bool(ev("A≡B", A=a, B=b)) == same
    assert bool(ev("A≢B", A=a, B=b)) == (not same)
    assert bool(ev("A≡A", A=a))


_nested_vectors = st.lists(
    st.one_of(st.integers(-5, 5), st.lists(st.integers(-5, 5), min_size=1, max_size=3),
              st.text(alphabet="ab", min_size=2, max_size=3)),
    min_size=1, max_size=6)


@_prop
@given(_nested_vectors, st.data())
def test_prop_nested_vectors(items, data):
    n = data.draw(st.integers(0, len(items)))
    assert bool(ev("(⌽⌽A)≡A", A=items))
    assert bool(ev("((⍴A)⍴,A)≡A", A=items))
    assert bool(ev("((N↑A),N↓A)≡A", A=items, N=n))
    assert bool(ev("(((-N)↓A),(-N)↑A)≡A", A=items, N=n))
    assert bool(ev("(⊃A)≡1⊃A", A=items))
    assert bool(ev("(⊂[⍬]A)≡⊂¨A", A=items))
    assert int(ev("≢A", A=items)) == len(items)
    assert bool(ev("(1⌽A)≡(1↓A),1↑A", A=items))
    assert bool(ev("((≢A)↑A,A)≡A", A=items))
