"""Structural functions that rearrange an array's items (apl/primitives/structural.py): ⍴ , ⍪ ⌽ ⊖ ⍉,
through the public API against Dyalog's documented behaviour; and properties (hypothesis) of the
structural functions.

`check_spec(expr, spec)` compares a result with an expected value written in Python (see
apl_values.expected): a number or a 1-character string is a scalar, a longer (or empty) string a
character vector, a list a vector of items; R(shape, items) an array of any shape, Enc(spec) an
enclosure, Z(kind, shape) an empty array of kind "N", "C" or "O".
"""
import numpy as np
from apl_values import Enc, R, Z, assert_error, assert_errors, canonical, check_specs, ev, expected, same
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import apl

M23 = "(2 3⍴⍳6)"
A234 = "(2 3 4⍴⍳24)"


# ------------------------------------------------------------------ ⍴
def test_shape():
    check_specs([
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
    check_specs([
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
    check_specs([
        ("3⍴0⍴⊂'abc'", ["   ", "   ", "   "]),
        ("2⍴0⍴⊂1 2", [[0, 0], [0, 0]]),
        ("⊃0⍴⊂'abc'", "   "),
        ("⍬⍴0⍴⊂(1 2)'ab'", Enc([[0, 0], "  "])),
        ("0⍴1 'a'", Z("N")),                     # a simple prototype gives a simple empty
        ("0⍴'a' 1", Z("C")),
    ])


def test_reshape_errors():
    assert_errors([
        ("¯1⍴1", "DOMAIN ERROR"),
        ("2.5⍴1", "DOMAIN ERROR"),
        ("'a'⍴1", "DOMAIN ERROR"),
        ("(⊂1 2)⍴1", "DOMAIN ERROR"),
        ("(1 2⍴2)⍴1", "RANK ERROR"),
    ])


# ------------------------------------------------------------------ , ⍪
def test_ravel():
    check_specs([
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
    check_specs([
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
    assert_errors([
        (",[1 3]" + A234, "RANK ERROR"),
        (",[2 1]" + A234, "RANK ERROR"),
        (",[3 4]" + A234, "RANK ERROR"),
        (",[2.5]1 2 3", "RANK ERROR"),
        (",[1]5", "RANK ERROR"),
    ])


def test_catenate():
    check_specs([
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
    assert_errors([
        (M23 + ",7 8 9", "LENGTH ERROR"),
        ("(2 3⍴⍳6),3 2⍴0", "LENGTH ERROR"),
        (M23 + ",2 2 2⍴0", "LENGTH ERROR"),
        (M23 + ",2 2 2 2⍴0", "RANK ERROR"),
        ("1 2,2 2 2⍴0", "RANK ERROR"),
        ("1 2,[2]3 4", "RANK ERROR"),
        (M23 + ",[3]1", "RANK ERROR"),
    ])


def test_laminate():
    check_specs([
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
    assert_errors([
        ("1 2 3,[0.5]4 5", "LENGTH ERROR"),
        ("1 2,[0.5]2 2⍴1", "RANK ERROR"),
        ("1 2 3,[2.5]4 5 6", "RANK ERROR"),
        ("1 2 3,[¯0.5]4 5 6", "RANK ERROR"),
    ])


def test_table_and_catenate_first():
    check_specs([
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
    assert_error(M23 + "⍪1 2", "LENGTH ERROR")


# ------------------------------------------------------------------ ⌽ ⊖
def test_reverse():
    check_specs([
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
    assert_error("⌽[3]" + M23, "RANK ERROR")


def test_rotate():
    check_specs([
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
    assert_errors([
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
    check_specs([
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
    assert_errors([
        ("1⍉" + M23, "LENGTH ERROR"),
        ("1 2 3⍉" + M23, "LENGTH ERROR"),
        ("1⍉5", "LENGTH ERROR"),
        ("1 3⍉" + M23, "DOMAIN ERROR"),
        ("2 2⍉" + M23, "DOMAIN ERROR"),
        ("(1 1⍴1)⍉1 2", "RANK ERROR"),
    ])


# ------------------------------------------------------------------ index origin 0
def test_index_origin_zero():
    check_specs([
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
    assert_errors([
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
    assert canonical(s.eval("b")) == expected([[1, 2, 3], [4, 5, 6]])
    assert canonical(s.eval("c")) == expected([[1, 4], [2, 5], [3, 6]])


def test_empty_prototype_survives_structural_functions():
    check_specs([
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


@_prop
@given(_some_arrays)
def test_prop_transpose_twice(a):
    assert bool(ev("(⍉⍉A)≡A", A=a))
    same(ev("⍉A", A=a), a.T)


@_prop
@given(_some_arrays)
def test_prop_reshape_ravel(a):
    assert bool(ev("((⍴A)⍴,A)≡A", A=a))
    same(ev(",A", A=a), a.reshape(-1))


@_prop
@given(_some_arrays)
def test_prop_reverse_twice(a):
    assert bool(ev("(⌽⌽A)≡A", A=a))
    assert bool(ev("(⊖⊖A)≡A", A=a))
    if a.ndim:
        same(ev("⌽A", A=a), np.flip(a, -1))
        same(ev("⊖A", A=a), np.flip(a, 0))


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
    same(got, want)


@_prop
@given(_int_arrays.filter(lambda a: a.ndim >= 1), st.integers(-20, 20))
def test_prop_rotate(a, n):
    same(ev("N⌽A", A=a, N=n), np.roll(a, -n, axis=-1))
    same(ev("N⊖A", A=a, N=n), np.roll(a, -n, axis=0))
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
    same(got, np.transpose(a, np.argsort(perm)))
    assert bool(ev("((⍋X)⍉X⍉A)≡A", A=a, X=x))


@_prop
@given(_vectors, st.data())
def test_prop_replicate_expand(v, data):
    counts = np.array(data.draw(st.lists(st.integers(0, 3), min_size=len(v), max_size=len(v))),
                      dtype=np.int64)
    same(ev("C/V", C=counts, V=v), np.repeat(v, counts))
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
    same(joined, v[mask])
    runs = int(np.sum(mask & ~np.concatenate([[False], mask[:-1]])))
    assert len(parts) == runs
    starts = ev("M⊂V", M=mask, V=v)
    assert len(starts) == int(mask.sum())
    if mask.any():
        first = int(np.argmax(mask))
        joined = np.concatenate([np.asarray(p).reshape(-1) for p in starts.ravel()])
        same(joined, v[first:])


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
