"""Functions that build and take apart nested arrays (apl/primitives/nesting.py): mix ↑ and split ↓,
enclose ⊂, partitioned enclose, nest and partition ⊆, first and pick ⊃, depth and match ≡, tally ≢
and the identities ⊣ ⊢, through the public API against Dyalog's documented behaviour.

`check_spec(expr, spec)` compares a result with an expected value written in Python (see
apl_values.expected): a number or a 1-character string is a scalar, a longer (or empty) string a
character vector, a list a vector of items; R(shape, items) an array of any shape, Enc(spec) an
enclosure, Z(kind, shape) an empty array of kind "N", "C" or "O".
"""
import numpy as np
import pytest
from apl_values import (
    BACKENDS,
    Enc,
    R,
    Z,
    assert_error,
    assert_errors,
    chars,
    check,
    check_specs,
    error_name,
    error_on,
    ev,
    nested,
)

M23 = "(2 3⍴⍳6)"
A234 = "(2 3 4⍴⍳24)"


# ------------------------------------------------------------------ ↑ mix, ↓ split
def test_mix():
    check_specs([
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
    check_specs([
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
    assert_errors([
        ("↑[2.5](1 2)(3 4)", "RANK ERROR"),
        ("↑[3](1 2)(3 4)", "INDEX ERROR"),  # LRG/mix: ⊃[4]Y is an INDEX ERROR
        ("↑[1 2](1 2)(3 4)", "RANK ERROR"),
    ])


# ---------------------------------------------------------------- ↑[k]
# LRG/mix: Y←5 4⍴(⍳20)×⊂3 2⍴1 ... "⍴⊃[4]Y generates an INDEX ERROR because 4 is greater than the
# length of the result"; the integer and vector axes place y's axes.
@pytest.mark.parametrize("src, exp", [
    ("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[1]Y", [3, 2, 5, 4]),
    ("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[2]Y", [5, 3, 2, 4]),
    ("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[3]Y", [5, 4, 3, 2]),
    ("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[1 3]Y", [3, 5, 2, 4]),
    ("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[2 4]Y", [5, 3, 4, 2]),
    ("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[4 2]Y", [5, 2, 4, 3]),
    ("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ (↑[4 2]Y)[3;2;1;1]", 9),
])
def test_mix_with_axis_places_the_axes_of_the_items(src, exp):
    check(src, exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_mix_axis_past_the_result_is_an_index_error(backend):
    assert error_on("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[4]Y", backend) == "INDEX ERROR"
    assert error_on("↑[3](1 2)(3 4)", backend) == "INDEX ERROR"


def test_mix_fractional_axis_out_of_range_is_a_rank_error():
    assert error_name("↑[2.5](1 2)(3 4)") == "RANK ERROR"


def test_split():
    check_specs([
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
    assert_error("↓[3]" + M23, "RANK ERROR")


# ------------------------------------------------------------------ ⊂ ⊆
def test_enclose():
    check_specs([
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
    assert_errors([
        ("⊂[3]" + M23, "RANK ERROR"),
        ("⊂[1 1]" + M23, "RANK ERROR"),
        ("⊂[1]5", "RANK ERROR"),
    ])


def test_partitioned_enclose():
    check_specs([
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
    assert_errors([
        ("1 0 1 0 1 1⊂'abcd'", "LENGTH ERROR"),
        ("¯1 0 1⊂1 2 3", "DOMAIN ERROR"),
        ("1.5 0⊂1 2", "DOMAIN ERROR"),
        ("1⊂5", "RANK ERROR"),
        ("1 0⊂[3]" + M23, "RANK ERROR"),
    ])


def test_nest_and_partition():
    check_specs([
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
    assert_errors([
        ("1 0⊆1 2 3", "LENGTH ERROR"),
        ("1 0 1 1⊆1 2 3", "LENGTH ERROR"),
        ("1 0 ¯1⊆1 2 3", "DOMAIN ERROR"),
        ("1⊆5", "RANK ERROR"),
        ("(2 2⍴1)⊆1 2 3 4", "RANK ERROR"),
    ])


def test_partition_of_a_matrix_keeps_the_rank():
    check("1 1 0 1⊆2 4⍴⍳8", nested(np.array([1, 2]), np.array([4]), np.array([5, 6]), np.array([8])).reshape(2, 2))
    check("1 1 0⊆[1]3 2⍴⍳6", nested(np.array([1, 3]), np.array([2, 4])).reshape(1, 2))
    check("⍴0 0 0⊆2 3⍴⍳6", [2, 0])
    check("1 1 2⊆2 3⍴'abcdef'", nested(chars("ab"), chars("c"), chars("de"), chars("f")).reshape(2, 2))


# ------------------------------------------------------------------ ⊃ first, pick
def test_first():
    check_specs([
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
    check_specs([
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
    assert_errors([
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
    check_specs([
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
    check_specs([
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
    check_specs([
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
