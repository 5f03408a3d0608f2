"""Assignment beyond name←value (apl/runtime/assignment.py): strand (a b)←, modified x f←, indexed
x[i]←, selective (sel x)← (through ↑ / \\ ⊃ ∊ and into the items of a nested name), and their
modified forms; expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, enclose, error_name, error_on, ev, nested, run_on, same

import apl


# ---------------------------------------------------------------- assignment forms
@pytest.mark.parametrize("src, exp", [
    ("x←5 ⋄ x", 5),
    ("a←b←3 ⋄ a+b", 6),
    ("x←3 ⋄ y←x ⋄ x←4 ⋄ y", 3),
    ("(a b)←1 2 ⋄ a-b", -1),
    ("(a b)←5 ⋄ a+b", 10),
    ("(a b c)←'xyz' ⋄ c,b,a", chars("zyx")),
    ("a b←1 2 ⋄ b,a", [2, 1]),
    ("a b←(1 2)(3 4) ⋄ a", [1, 2]),
    ("x←1 2 3 ⋄ x[2]←10 ⋄ x", [1, 10, 3]),
    ("x←⍳5 ⋄ x[2 3]←0 ⋄ x", [1, 0, 0, 4, 5]),
    ("x←⍳5 ⋄ x[2 4]←20 40 ⋄ x", [1, 20, 3, 40, 5]),
    ("x←'abc' ⋄ x[2]←'z' ⋄ x", chars("azc")),
    ("m←3 3⍴0 ⋄ m[2;3]←7 ⋄ m", [[0, 0, 0], [0, 0, 7], [0, 0, 0]]),
    ("m←3 3⍴0 ⋄ m[1;]←1 2 3 ⋄ m", [[1, 2, 3], [0, 0, 0], [0, 0, 0]]),
    ("m←3 3⍴0 ⋄ m[;2]←9 ⋄ m", [[0, 9, 0], [0, 9, 0], [0, 9, 0]]),
    ("m←2 3⍴0 ⋄ m[1 2;1 3]←2 2⍴1 2 3 4 ⋄ m", [[1, 0, 2], [3, 0, 4]]),
    ("m←2 2⍴0 ⋄ m[1;]+←1 ⋄ m", [[1, 1], [0, 0]]),
    ("x←5 ⋄ x+←1 ⋄ x", 6),
    ("x←1 2 3 ⋄ x×←2 ⋄ x", [2, 4, 6]),
    ("x←1 2 ⋄ x,←3 ⋄ x", [1, 2, 3]),
    ("x←⍬ ⋄ x,←1 ⋄ x,←2 ⋄ x", [1, 2]),
    ("x←1 2 3 ⋄ x[2]+←10 ⋄ x", [1, 12, 3]),
    ("x←1 2 3 ⋄ x[1 3]-←1 ⋄ x", [0, 2, 2]),
    ("x←1 2 3 ⋄ x[1 1]←5 6 ⋄ x", [6, 2, 3]),
    ("z←(x←2)+1 ⋄ z,x", [3, 2]),
    ("x←1 2 3 ⋄ y←x[2]←5 ⋄ y", 5),
    ("x←1 2 3 ⋄ (x[2]←5) + 1", 6),
    ("x←1 2 3 ⋄ (x[2]←5) ⋄ x", [1, 5, 3]),
])
def test_assignment_forms(src, exp):
    check(src, exp)


def test_modified_assignment_with_a_named_function():
    assert ev("x←10 ⋄ f←- ⋄ x f←3 ⋄ x") == 7


@pytest.mark.parametrize("src, exp", [
    ("x←1 2 3 ⋄ x/⍨←1 0 1 ⋄ x", [1, 3]),
    ("x←⍳4 ⋄ x↓⍨←1 ⋄ x", [2, 3, 4]),
    ("x←1 2 ⋄ x,∘⌽←3 4 ⋄ x", [1, 2, 4, 3]),
])
def test_modified_assignment_with_a_derived_function(src, exp):
    check(src, exp)


def test_modified_assignment_with_a_dfn_and_parenthesised_function():
    assert ev("x←10 ⋄ x {⍺-⍵}←3 ⋄ x") == 7
    assert ev("x←10 ⋄ x (-)←3 ⋄ x") == 7
    check("x←1 2 3 ⋄ x (/⍨)←1 0 1 ⋄ x", [1, 3])


def test_modified_assignment_of_undefined_name():
    with pytest.raises(apl.APLError) as info:
        ev("nosuch+←1")
    assert info.value.name == "VALUE ERROR"


def test_assignment_is_shy_but_has_a_value():
    assert ev("x←3") == 3


# ---------------------------------------------------------------- strand assignment: nested, modified
@pytest.mark.parametrize("src, exp", [
    ("(a (b c))←1 (2 3) ⋄ a+b×c", 7),
    ("(a (b c))←1 2 ⋄ b c", [2, 2]),
    ("a←1 ⋄ b←2 ⋄ (a b)+←10 20 ⋄ a b", [11, 22]),
    ("a←1 ⋄ b←2 ⋄ (a b)+←10 ⋄ a b", [11, 12]),
    ("a←1 ⋄ b←2 ⋄ a b+←10 ⋄ a b", [11, 12]),
    ("a←'x' ⋄ b←'y' ⋄ (a b),←'z' ⋄ b", chars("yz")),
])
def test_strand_assignment_forms(src, exp):
    check(src, exp)


def test_modified_strand_assignment_of_an_undefined_name():
    assert error_name("(a b)+←1") == "VALUE ERROR"


# ---------------------------------------------------------------- strand assignment of system names, single items
# LRG/other-syntax/assignment/index: (P ⎕IO Q)←'TEXT' 1 (1 2 3); a single item of any rank
# goes to every name.
@pytest.mark.parametrize("src, exp", [
    ("(P ⎕IO Q)←'TEXT' 1 (1 2 3) ⋄ P", chars("TEXT")),
    ("(P ⎕IO Q)←'TEXT' 1 (1 2 3) ⋄ Q", [1, 2, 3]),
    ("(P ⎕IO Q)←'TEXT' 0 (1 2 3) ⋄ ⍳3", [0, 1, 2]),
    ("(A B)←1 1⍴5 ⋄ A,B", [5, 5]),
    ("(A B)←,7 ⋄ A,B", [7, 7]),
    ("(A (B C))←1 (,2) ⋄ A,B,C", [1, 2, 2]),
    ("f←{(⎕IO y)←0 ⍵ ⋄ ⍳y} ⋄ (f 3),⍳2", [0, 1, 2, 1, 2]),
])
def test_strand_assignment(src, exp):
    check(src, exp)


def test_strand_assignment_length_still_checked():
    assert error_name("(A B)←1 2 3") == "LENGTH ERROR"


def test_strand_assignment_of_nested_values():
    check("(a b)←(1 2)(3 4 5) ⋄ b", [3, 4, 5])
    check("(a b)←(1 2)(3 4 5) ⋄ a", [1, 2])


def test_strand_assignment_length_mismatch():
    with pytest.raises(apl.APLError) as info:
        ev("(a b)←1 2 3")
    assert info.value.name == "LENGTH ERROR"


# ---------------------------------------------------------------- nested strand assignment
# LRG/primitive-functions/assignment: names left of ← in a strand, parenthesised or not, are
# all targets; inner parentheses take items of the value apart again.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("(a b) c←(1 2) 3 ⋄ a b c", [1, 2, 3]),
    ("a (b c)←1 (2 3) ⋄ a b c", [1, 2, 3]),
    ("(a b) (c d)←(1 2)(3 4) ⋄ a b c d", [1, 2, 3, 4]),
    ("x←5 ⋄ x (a b)←1 (2 3) ⋄ x a b", [1, 2, 3]),
    ("⎕IO (a b)←0 (1 2) ⋄ a b", [1, 2]),
    ("((a b) c)←(1 2) 3 ⋄ a b c", [1, 2, 3]),
])
def test_nested_strand_assignment(src, exp, backend):
    same(run_on(src, backend), np.array(exp))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("a b c←1 2 3 ⋄ (a b) c+←10 ⋄ a b c", [11, 12, 13]),
    ("a b c←1 2 3 ⋄ a (b c)+←10 (20 30) ⋄ a b c", [11, 22, 33]),
    ("a b←3 4 ⋄ a b+←1 ⋄ a b", [4, 5]),
])
def test_nested_strand_modified_assignment(src, exp, backend):
    same(run_on(src, backend), np.array(exp))


def test_a_parenthesised_function_left_of_an_assignment_is_applied():
    same(run_on("f←{⍵×2} ⋄ (f) x←3"), 6)
    same(run_on("f←{⍵×2} ⋄ (f) x←3 ⋄ x"), 3)
    same(run_on("f←{⍵×2} ⋄ f a←3"), 6)


# ---------------------------------------------------------------- indexed assignment
def test_indexed_assignment_of_a_character_into_numbers_makes_a_mixed_array():
    r = ev("x←1 2 3 ⋄ x[2]←'a' ⋄ x")
    assert r.shape == (3,)
    assert r[0] == 1 and r[1] == "a" and r[2] == 3


def test_indexed_assignment_out_of_range():
    with pytest.raises(apl.APLError) as info:
        ev("x←1 2 3 ⋄ x[4]←1")
    assert info.value.name == "INDEX ERROR"


def test_choose_indexed_assignment_and_materialise():
    check("m←3 3⍴0 ⋄ m[⊂2 2]←5 ⋄ m", [[0, 0, 0], [0, 5, 0], [0, 0, 0]])
    check("m←3 3⍴0 ⋄ m[(1 1)(3 3)]←7 8 ⋄ m", [[7, 0, 0], [0, 0, 0], [0, 0, 8]])
    check("⌷1 2 3", [1, 2, 3])


# ---------------------------------------------------------------- indexed modified assignment
# LRG/other-syntax/assignment/assignment-indexed-modified: "if an index in I is repeated,
# function f will be applied that number of times".
@pytest.mark.parametrize("src, exp", [
    ("B←3 5⍴0 ⋄ B[1 1 3;1 3 3 5]+←1 ⋄ B", np.array([[2, 0, 4, 0, 2], [0, 0, 0, 0, 0], [1, 0, 2, 0, 1]])),
    ("x←1 2 3 ⋄ x[1 1 2]+←10 20 30 ⋄ x", [31, 32, 3]),
    ("x←1 2 3 ⋄ x[2 2]×←3 ⋄ x", [1, 18, 3]),
    ("x←1 2 3 ⋄ x[2 2⍴1]+←1 ⋄ x", [5, 2, 3]),
    ("A←1 2 3 4 5 ⋄ A[2 4]+←1 ⋄ A[3]÷←2 ⋄ A", [1, 3, 1.5, 5, 5]),
])
def test_indexed_modified_assignment_with_repeated_indices(src, exp):
    check(src, exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_repeated_indices_on_both_backends(backend):
    got = run_on("B←3 5⍴0 ⋄ B[1 1 3;1 3 3 5]+←1 ⋄ B", backend)
    assert np.array_equal(np.asarray(got), [[2, 0, 4, 0, 2], [0, 0, 0, 0, 0], [1, 0, 2, 0, 1]])


def test_repeated_indices_errors():
    assert error_name("x←1 2 3 ⋄ x[1 1]+←1 2 3") == "LENGTH ERROR"
    assert error_name("x←1 2 3 ⋄ x[4 4]+←1") == "INDEX ERROR"


# ---------------------------------------------------------------- x[]←, ⎕IO+←
@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_index_assignment_of_a_scalar(backend):
    # as 5[] reads 5, s[]←v replaces the scalar
    assert int(run_on("x←5 ⋄ x[]←6 ⋄ x", backend)) == 6
    assert int(run_on("x←5 ⋄ x[]+←1 ⋄ x", backend)) == 6
    assert run_on("x←'a' ⋄ x[]←'b' ⋄ x", backend)[()] == "b"
    r = run_on("x←⊂1 2 ⋄ x[]←⊂3 4 5 ⋄ x", backend)
    same(r, enclose(np.array([3, 4, 5])))
    assert error_on("x←5 ⋄ x[]←6 7", backend) == "RANK ERROR"
    same(run_on("x←1 2 3 ⋄ x[]←6 ⋄ x", backend), np.array([6, 6, 6]))


# ---------------------------------------------------------------- combined indexed and selective
# LRG/other-syntax/assignment/assignment-indexed: (EXP X)[I]←Y.
@pytest.mark.parametrize("src, exp", [
    ("x←⍳5 ⋄ (2↓x)[1]←0 ⋄ x", [1, 2, 0, 4, 5]),
    ("x←⍳5 ⋄ (2↓x)[1 2]+←10 ⋄ x", [1, 2, 13, 14, 5]),
    ("x←3 4⍴⍳12 ⋄ (1↓x)[;2]←0 ⋄ x", np.array([[1, 2, 3, 4], [5, 0, 7, 8], [9, 0, 11, 12]])),
    ("x←3 4⍴⍳12 ⋄ (⌽x)[1;]←0 ⋄ x", np.array([[0, 0, 0, 0], [5, 6, 7, 8], [9, 10, 11, 12]])),
])
def test_indexed_selective_assignment(src, exp):
    check(src, exp)


def test_indexed_selective_assignment_index_error():
    assert error_name("x←⍳5 ⋄ (2↓x)[9]←0") == "INDEX ERROR"


# ---------------------------------------------------------------- selective assignment
@pytest.mark.parametrize("src, exp", [
    ("x←⍳5 ⋄ (2↑x)←0 ⋄ x", [0, 0, 3, 4, 5]),
    ("x←⍳5 ⋄ ((x>3)/x)←0 ⋄ x", [1, 2, 3, 0, 0]),
    ("x←⍳5 ⋄ (⌽x)←⍳5 ⋄ x", [5, 4, 3, 2, 1]),
    ("x←'abc' ⋄ (1↓x)←'XY' ⋄ x", chars("aXY")),
    ("x←2 3⍴⍳6 ⋄ (1 1⍉x)←0 ⋄ x", np.array([[0, 2, 3], [4, 0, 6]])),
    ("x←⍳5 ⋄ (2↑x)+←10 ⋄ x", [11, 12, 3, 4, 5]),
    ("x←⍳5 ⋄ (¯2↑x)×←2 ⋄ x", [1, 2, 3, 8, 10]),
    ("x←'hello' ⋄ ((x='l')/x)←'L' ⋄ x", chars("heLLo")),
    ("x←⍳4 ⋄ (⊃x)←9 ⋄ x", [9, 2, 3, 4]),
    ("x←(1 2 3)(4 5) ⋄ (2⊃x)←0 ⋄ x", nested(np.array([1, 2, 3]), 0)),
    ("(x)←1 2 3 ⋄ x", [1, 2, 3]),
])
def test_selective_assignment(src, exp):
    check(src, exp)


def test_selective_assignment_errors():
    assert error_name("x←⍳5 ⋄ (2↑x)←1 2 3") == "LENGTH ERROR"


# ---------------------------------------------------------------- selective modified assignment
# LRG/primitive-operators/assignment-selective-modified: "if an element of X is selected more
# than once, function f will be applied the corresponding number of times"; R is Y.
@pytest.mark.parametrize("src, exp", [
    ("a←3⍴0 ⋄ (5⍴a)+←1 ⋄ a", [2, 2, 1]),
    ("a←2 2⍴0 ⋄ (5⍴a)+←⍳5 ⋄ a", np.array([[6, 2], [3, 4]])),
    ("A←12 36 23 78 30 ⋄ ((A>30)/A) ×← 100 ⋄ A", [12, 3600, 23, 7800, 30]),
    # the pass-through value is Y, not the modified items
    ("A←1 2 3 ⋄ r←((A>1)/A)+←10 ⋄ r,A", [10, 1, 12, 13]),
    ("A←1 2 3 ⋄ r←A[2 3]+←10 ⋄ r,A", [10, 1, 12, 13]),
])
def test_selective_modified_assignment(src, exp):
    check(src, exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_selective_repeats_on_both_backends(backend):
    assert np.array_equal(np.asarray(run_on("a←3⍴0 ⋄ (5⍴a)+←1 ⋄ a", backend)), [2, 2, 1])


# ---------------------------------------------------------------- selective assignment reaching in
# LRG/primitive-functions/assignment-selective: the selection may pick into the items of a
# nested name (⊃ with a path, ⊃¨, ∊, ↑¨, ⌽¨); a selection that is one whole item replaces it.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("v←(1 2)(3 4) ⋄ (⊃¨v)←9 ⋄ v", nested(np.array([9, 2]), np.array([9, 4]))),
    ("v←(1 2)(3 4) ⋄ (⊃¨v)+←10 ⋄ v", nested(np.array([11, 2]), np.array([13, 4]))),
    ("v←(1 2)(3 4) ⋄ (2 1⊃v)←0 ⋄ v", nested(np.array([1, 2]), np.array([0, 4]))),
    ("v←(1 2)(3 4) ⋄ (⊃⊃v)←0 ⋄ v", nested(np.array([0, 2]), np.array([3, 4]))),
    ("v←(1 2)(3 4) ⋄ (∊v)←10×⍳4 ⋄ v", nested(np.array([10, 20]), np.array([30, 40]))),
    ("v←(1 2)(3 4) ⋄ (∊v)×←2 ⋄ v", nested(np.array([2, 4]), np.array([6, 8]))),
    ("v←(1 2)(3 4) ⋄ (⌽¨v)←(5 6)(7 8) ⋄ v", nested(np.array([6, 5]), np.array([8, 7]))),
    ("v←(1 2)(3 4) ⋄ (1↑¨v)←9 ⋄ v", nested(np.array([9, 2]), np.array([9, 4]))),
    ("v←'ab' 'cd' ⋄ (⊃¨v)←'XY' ⋄ v", nested(chars("Xb"), chars("Yd"))),
    ("v←(1(2 3))(4 5) ⋄ (1 2 2⊃v)←0 ⋄ v", nested(nested(1, np.array([2, 0])), np.array([4, 5]))),
    # whole items, as before
    ("v←(1 2)(3 4) ⋄ (⊃v)←0 ⋄ v", nested(0, np.array([3, 4]))),
    ("v←(1 2)(3 4) ⋄ (⊃v)←'abc' ⋄ v", nested(chars("abc"), np.array([3, 4]))),
    ("v←(1 2)(3 4) ⋄ (2⊃v)+←1 ⋄ v", nested(np.array([1, 2]), np.array([4, 5]))),
    ("v←(1 2)(3 4) ⋄ (1↓v)←⊂0 ⋄ v", nested(np.array([1, 2]), 0)),
    ("v←(1 2)(3 4) ⋄ (⌽v)←'ab' ⋄ v", chars("ba")),
    ("v←(1 2)(3 4) ⋄ (⊃¨v)←9 ⋄ +/¨v", [11, 13]),
])
def test_selective_assignment_reaches_into_items(src, exp, backend):
    same(run_on(src, backend), exp)


def test_selective_assignment_reaching_errors():
    assert error_on("v←(1 2)(3 4) ⋄ (⊃¨v)←1 2 3") == "LENGTH ERROR"


# ---------------------------------------------------------------- selective assignment via expand
@pytest.mark.parametrize("backend", BACKENDS)
def test_selective_assignment_through_expand_drops_fill_positions(backend):
    # LRG/primitive-functions/assignment-selective: \ and ⍀ are allowed
    same(run_on("x←⍳2 ⋄ (1 0 1\\x)←7 8 9 ⋄ x", backend), np.array([7, 9]))
    same(run_on("x←⍳2 ⋄ (1 0 1\\x)←7 ⋄ x", backend), np.array([7, 7]))
    same(run_on("x←⍳2 ⋄ (1 0 1\\x)+←7 8 9 ⋄ x", backend), np.array([8, 11]))
    same(run_on("x←⍳2 ⋄ (1 0 ¯2 1\\x)←⍳5 ⋄ x", backend), np.array([1, 5]))
    same(run_on("x←2 2⍴⍳4 ⋄ (1 0 1⍀x)←3 2⍴10×⍳6 ⋄ x", backend), np.array([[10, 20], [50, 60]]))
    # the pass-through value is the whole value
    same(run_on("x←⍳2 ⋄ (1 0 1\\x)←7 8 9", backend), np.array([7, 8, 9]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_selective_assignment_through_expand_of_a_nested_name(backend):
    same(run_on("x←(1 2)(3 4) ⋄ (1 0 1\\x)←7 8 9 ⋄ x", backend), np.array([7, 9]))
    same(run_on("x←(1 2)(3 4) ⋄ (1 0 1\\x)←(7 7)(8 8)(9 9) ⋄ x", backend), nested([7, 7], [9, 9]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_selective_assignment_through_expand_errors(backend):
    assert error_on("x←⍳2 ⋄ (1 0 1\\x)←7 8", backend) == "LENGTH ERROR"
    assert error_on("x←⍳2 ⋄ (1 0 1\\x)←2 3⍴7", backend) == "RANK ERROR"
    assert error_on("x←⍳3 ⋄ (0×x)←5", backend) == "DOMAIN ERROR"  # a 0 is no fill without \
