"""Fifth round: structural and selection primitives against Dyalog's documented results —
the ordering of empty arrays, the error an invalid axis gives, mix with an axis.

Sources: Dyalog's Language Reference Guide (github.com/Dyalog/documentation,
language-reference-guide/docs/primitive-functions/...: LRG/<page>) and Programming Reference
Guide (PRG/<page>).
"""
import numpy as np
import pytest
from apl_values import BACKENDS, check, error_name, error_on
from apl_values import run_on as run



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
    got = run("⍋(0 5 2⍴99)(0 3 4⍴0)(0 5 1⍴0)", backend)
    assert np.array_equal(np.asarray(got), [3, 1, 2])


# ---------------------------------------------------------------- an invalid axis is a RANK ERROR
# PRG/error-messages/apl-errors lists Dyalog's errors: there is no AXIS ERROR (that is APL2's).
# Dyalog reports an axis that is not one of the argument's as RANK ERROR ("Invalid axis"), e.g.
# (⍳4),[2]5 6 7 8 and ⊂[3]2 3⍴'apple'.
@pytest.mark.parametrize("src", [
    "(⍳4),[2]5 6 7 8",
    "(⍳4),[3]5 6 7 8",
    "⊂[3]2 3⍴'apple'",
    "⌽[3]2 2⍴1",
    "⌽[2]1 2 3",
    "⊖[0]2 2⍴1",
    "1⌽[3]2 3⍴⍳6",
    "2↑[3]2 3⍴⍳6",
    "1↓[3]2 3⍴⍳6",
    "↓[3]2 3⍴⍳6",
    "1 0/[3]2 3⍴⍳6",
    "1 0 1\\[3]2 2⍴⍳4",
    ",[1 3]2 3 4⍴⍳24",
    ",[2.5]1 2 3",
    "1 2 3,[2.5]4 5 6",
    "1⌷[3]2 3⍴⍳6",
    "1 0⊂[3]2 3⍴⍳6",
    "+/[3]2 3⍴1",
])
@pytest.mark.parametrize("backend", BACKENDS)
def test_invalid_axis_is_a_rank_error(src, backend):
    assert error_on(src, backend) == "RANK ERROR"


def test_invalid_axis_is_trapped_as_error_4():
    check("{4::⎕EN ⋄ ⌽[3]⍵}2 2⍴1", 4)
    check("{4::'rank' ⋄ ⊂[3]⍵}2 3⍴⍳6", np.array(list("rank")))


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
def test_mix_with_axis(src, exp):
    check(src, exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_mix_axis_past_the_result_is_an_index_error(backend):
    assert error_on("Y←5 4⍴(⍳20)×⊂3 2⍴1 ⋄ ⍴↑[4]Y", backend) == "INDEX ERROR"
    assert error_on("↑[3](1 2)(3 4)", backend) == "INDEX ERROR"


def test_mix_fractional_axis_out_of_range_is_a_rank_error():
    assert error_name("↑[2.5](1 2)(3 4)") == "RANK ERROR"


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


# ---------------------------------------------------------------- documented examples, both backends
# LRG pages' printed results for the selection functions (kept as regressions).
G = "G←2 3⍴('ABC' 1)('DEF' 2)('GHI' 3)('JKL' 4)('MNO' 5)('PQR' 6) ⋄ "
DOC_CASES = [
    (G + "((⊂2 1),1)⊃G", list("JKL")),                                 # LRG/pick
    (G + "((2 1)1 2)⊃G", "K"),
    ("(5⍴⊂⍳0)⊃10", 10),
    (G + "G[2 2⍴⊂(2 2)2]", np.array([[5, 5], [5, 5]])),                # LRG/indexing, reach
    ("A←5⍴0 ⋄ A[⊂⍬]←1 ⋄ A", 1),                                        # LRG/assignment-indexed
    ("S←10 ⋄ S[⊂⍳0]←5 ⋄ S", 5),
    ("C←2 4⍴11 12 13 14 21 22 23 24 ⋄ C[1 1⍉⍳⍴C]←1 2 ⋄ C", np.array([[1, 12, 13, 14], [21, 2, 23, 24]])),
    ("C←2 4⍴11 12 13 14 21 22 23 24 ⋄ C[2 ¯1↑⍳⍴C]←99 ⋄ C", np.array([[11, 12, 13, 99], [21, 22, 23, 99]])),
    ("E←'GREEN' 'YELLOW' 'RED' ⋄ E[⊂2 1]←'M' ⋄ 2⊃E", list("MELLOW")),
    ("CUBE←10⊥¨⍳2 3 4 ⋄ (1 3)4⌷[2 3]CUBE", np.array([[114, 134], [214, 234]])),  # LRG/index-with-axes
    ("MAT←10⊥¨⍳3 4 ⋄ (3(2 1)⌷MAT)←0 ⋄ MAT[3;]", [0, 0, 33, 34]),       # LRG/index
    ("MAT←10⊥¨⍳3 4 ⋄ ⍴(2 1⍴1)(3 4⍴2)⌷MAT", [2, 1, 3, 4]),
    ("x←↑'Fi' 'Jay' 'John' 'Morten' 'Roger' ⋄ x⍸x⍪↑'JD' 'Jd' 'Geoff' 'Alpha' 'Omega' 'Zeus  '",
     [1, 2, 3, 4, 5, 1, 2, 1, 0, 4, 5]),                               # LRG/interval-index
    ("'AEIOU'⍸'DYALOG'", [1, 5, 1, 3, 4, 2]),
    ("'BIRDS' 'NEST'⍷'BIRDS' 'NEST' 'SOUP'", [1, 0, 0]),               # LRG/find
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_documented_selection_examples(backend):
    for src, exp in DOC_CASES:
        got = run(src, backend)
        e = np.asarray(exp)
        g = np.asarray(got)
        assert g.shape == e.shape, src
        assert (g == e).all(), src


@pytest.mark.parametrize("backend", BACKENDS)
def test_documented_where_and_partition(backend):
    got = run("⍸2 2⍴0 1 2 3", backend)
    assert [list(x) for x in got] == [[1, 2], [2, 1], [2, 1], [2, 2], [2, 2], [2, 2]]
    got = run("1 1 0 1⊆[1]4 4⍴⍳16", backend)
    assert got.shape == (2, 4)
    assert [list(x) for x in got.ravel()] == [[1, 5], [2, 6], [3, 7], [4, 8], [13], [14], [15], [16]]


# ---------------------------------------------------------------- m[i;j] takes simple indices
# LRG/indexing: for a matrix, Y is "two simple integer arrays separated by the semicolon" — a
# nested index on one axis is a DOMAIN ERROR (as it is in indexed assignment), not a NONCE.
@pytest.mark.parametrize("backend", BACKENDS)
def test_nested_index_on_one_of_several_axes_is_a_domain_error(backend):
    assert error_on("(2 3⍴⍳6)[(1 2)(2 1);1]", backend) == "DOMAIN ERROR"
    assert error_on("x←2 3⍴⍳6 ⋄ x[(1 2)(2 1);1]←0", backend) == "DOMAIN ERROR"
    check("(2 3⍴⍳6)[⊂⊂1 2]", 2)                                     # a single nested index chooses
