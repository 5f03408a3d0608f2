"""Binding and assignment: strands, brackets, operators, trains, function and indexed assignment.

Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).
"""
import numpy as np
import pytest

import apl
from apl_values import chars, check, ev, nested, same  # noqa: F401



# ---------------------------------------------------------------- strands vs application
@pytest.mark.parametrize("src, exp", [
    ("x←3 ⋄ x x", [3, 3]),
    ("x←3 ⋄ 1 x 2", [1, 3, 2]),
    ("f←- ⋄ 3 f 1", 2),
    ("f←- ⋄ f 1", -1),
    ("⍴1 2 3", [3]),
    ("2×3+4", 14),
    ("3-1 2", [2, 1]),
    ("-1 2", [-1, -2]),
    ("⍳3+1", [1, 2, 3, 4]),
    ("1 2 3×+/4 5", [9, 18, 27]),
    ("+/1 2 3×4", 24),
    ("×/2+⍳3", 60),
    ("(1 2 3)+(4 5 6)", [5, 7, 9]),
    ("((1)) + ((1))", 2),
    ("1 + + 1", 2),
    ("- - 3", 3),
])
def test_application_right_to_left(src, exp):
    check(src, exp)


def test_strand_of_name_and_vector_nests():
    check("x←1 2 ⋄ 3 x", nested(3, np.array([1, 2])))


def test_parenthesised_strands_nest():
    check("(1 2)3", nested(np.array([1, 2]), 3))
    check("1 (2 3) 4", nested(1, np.array([2, 3]), 4))
    check("(1 2)(3 4)", nested(np.array([1, 2]), np.array([3, 4])))
    check("((1 2)(3 4))", nested(np.array([1, 2]), np.array([3, 4])))
    check("'a' 1", nested("a", 1))


def test_right_argument_is_evaluated_before_left():
    assert ev("x←2 ⋄ y←x×x←3 ⋄ y") == 9


# ---------------------------------------------------------------- brackets
def test_brackets_index_only_the_name_just_left():
    check("a←1 2 3 ⋄ b←4 5 6 ⋄ a b[1]", nested(np.array([1, 2, 3]), 4))


def test_brackets_after_parenthesised_strand_index_the_strand():
    r = ev("a←1 2 3 ⋄ b←4 5 6 ⋄ (a b)[1]")
    assert r.shape == () and r.dtype == object
    same(r[()], [1, 2, 3])


def test_brackets_after_a_numeric_literal_index_the_whole_vector():
    assert ev("1 2 3[2]") == 2
    check("2 3⍴1 2 3 4 5 6[2]", np.full((2, 3), 2))


def test_indexed_names_in_a_strand():
    check("a←1 2 3 ⋄ a[2] a[3]", [2, 3])


@pytest.mark.parametrize("src, exp", [
    ("(2 3⍴⍳6)[2;3]", 6),
    ("(2 3⍴⍳6)[2;]", [4, 5, 6]),
    ("(2 3⍴⍳6)[;1]", [1, 4]),
    ("(2 3⍴⍳6)[1 2;2 3]", [[2, 3], [5, 6]]),
    ("'abc'[3 1]", chars("ca")),
    ("'abc'[2 2⍴1 2 3 1]", np.array([["a", "b"], ["c", "a"]])),
    ("x←⍳3 ⋄ x[⍳2]", [1, 2]),
    ("(⍳5)[⍬]", np.zeros(0, dtype=int)),
    ("⎕A[3]", np.array("C")),
])
def test_bracket_indexing(src, exp):
    check(src, exp)


def test_boolean_index_is_index_zero_and_out_of_range():
    with pytest.raises(apl.APLError) as info:
        ev("x←⍳10 ⋄ x[x>5]")
    assert info.value.name == "INDEX ERROR"


# ---------------------------------------------------------------- operators before functions
@pytest.mark.parametrize("src, exp", [
    ("+/⍳4", 10),
    ("-¨1 2", [-1, -2]),
    ("+/¨(1 2)(3 4)", [3, 7]),
    ("×∘-/1 2 3", 6),  # (×∘-)/ : long left operand
    ("+/⍤1⊢2 3⍴⍳6", [6, 15]),  # (+/)⍤1 : short right operand 1
    ("1 2+⍤1 0⊢10 20", [[11, 12], [21, 22]]),  # the strand 1 0 is the right operand
    ("{⍵×⍵}⍣2¨1 2", [1, 16]),  # ({⍵×⍵}⍣2)¨
    ("+/⍤1⍤2⊢2 2 2⍴⍳8", [[3, 7], [11, 15]]),
    ("2∘+3", 5),
    ("+∘2 ⊢3", 5),
])
def test_operators_bind_before_functions(src, exp):
    check(src, exp)


def test_long_left_operand_inner_product_reduce():
    r = ev("+.×/ (2 2⍴1 2 3 4)(2 2⍴1 0 0 1)(2 2⍴2 0 0 2)")
    assert r.shape == () and r.dtype == object
    same(r[()], [[2, 4], [6, 8]])


# ---------------------------------------------------------------- / after an array or a function
@pytest.mark.parametrize("src, exp", [
    ("1 0 1/1 2 3", [1, 3]),
    ("(1 0 1)/1 2 3", [1, 3]),
    ("m←1 0 1 ⋄ m/1 2 3", [1, 3]),
    ("2/1 2", [1, 1, 2, 2]),
    ("1 2/1", [1, 1, 1]),
    ("1 0⌿2 3⍴⍳6", [[1, 2, 3]]),
    ("1 0 1\\1 2", [1, 0, 2]),
    ("m←1 0 1 ⋄ m\\1 2", [1, 0, 2]),
])
def test_slash_after_an_array_is_replicate_or_expand(src, exp):
    check(src, exp)


@pytest.mark.parametrize("src, exp", [
    ("+/1 2 3", 6),
    ("f←+ ⋄ f/1 2 3", 6),
    ("(+)/1 2 3", 6),
    ("{⍺+⍵}/1 2 3", 6),
    ("2+/1 2 3 4", [3, 5, 7]),
    ("+⌿2 3⍴⍳6", [5, 7, 9]),
    ("+\\1 2 3", [1, 3, 6]),
    ("-/⍳4", -2),
])
def test_slash_after_a_function_is_reduce_or_scan(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ∘.f, A∘f, f∘B, parenthesised derived
@pytest.mark.parametrize("src, exp", [
    ("1 2∘.+1 2 3", [[2, 3, 4], [3, 4, 5]]),
    ("∘.×⍨⍳3", [[1, 2, 3], [2, 4, 6], [3, 6, 9]]),
    ("2∘*⍳3", [2, 4, 8]),
    ("*∘2⍳3", [1, 4, 9]),
    ("(2∘×)⍳3", [2, 4, 6]),
    ("(+∘2)3", 5),
    ("(+/)1 2 3", 6),
    ("2(+/)1 2 3 4", [3, 5, 7]),
    ("(+.×)/ (1 2)(3 4)", 11),
    ("(+/)¨(1 2)(3 4)", [3, 7]),
    ("+/∘⍳ 4", 10),
    ("f←+/∘⍳ ⋄ f 4", 10),
])
def test_derived_functions(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- trains
@pytest.mark.parametrize("src, exp", [
    # atops (length 2)
    ("(-⍳)3", [-1, -2, -3]),
    ("(⌽⍳)3", [3, 2, 1]),
    ("1 (-+) 2", -3),
    ("(,⍨)1 2", [1, 2, 1, 2]),
    # forks (length 3)
    ("(+/÷≢)1 2 3 4", 2.5),
    ("(+/ ÷ ≢) 1 2 3", 2.0),
    ("((+/)÷≢) 1 2 3", 2.0),
    ("(⊢-÷)4", 3.75),
    ("(-,÷)4", [-4, 0.25]),
    ("1 (+ - ×) 2", 1),
    ("(⍳ , ⍳) 2", [1, 2, 1, 2]),
    ("(+⌿÷≢)2 3⍴⍳6", [2.5, 3.5, 4.5]),
    # length 4: atop of a fork
    ("(-+×÷) 2", -1.0),
    ("2 (-+×÷) 3", -(5 * 2 / 3)),
    # length 5: fork of a fork
    ("(⊢,⌽,-)3", [3, 3, -3]),
    ("(+ - × ÷ *) 2", 2 - 1 / np.e ** 2),
    # length 7
    ("(⊢,⌽,-,+)3", [3, 3, -3, 3]),
    # (A g h)
    ("(1+⊢)5", 6),
    ("(1 2 3 + ⊢) 4", [5, 6, 7]),
    ("(3 + ×) 4", 4),
    ("(1 - +) 3", -2),
    ("x←2 ⋄ (x+⊢)3", 5),
    ("2 (10×⊣) 3", 20),
])
def test_trains(src, exp):
    check(src, exp)


def test_parenthesised_expression_ending_in_an_array_is_not_a_train():
    check("(1 + ⊢ × 2) 5", [2, 5])
    check("(2 3 4)", [2, 3, 4])


# ---------------------------------------------------------------- function assignment
@pytest.mark.parametrize("src, exp", [
    ("f←+/ ⋄ f 1 2 3", 6),
    ("g←(+/÷≢) ⋄ g 2 4 6", 4.0),
    ("g←+/÷≢ ⋄ g 2 4 6", 4.0),
    ("h←- ⋄ 2 h⍨ 5", 3),
    ("f←{⍵+1} ⋄ f¨1 2", [2, 3]),
    ("mean←+/÷≢ ⋄ mean¨(1 2 3)(4 5)", [2.0, 4.5]),
    ("f←{⍵×2} ⋄ f f 3", 12),
    ("(f←{⍵+1}) 3", 4),
])
def test_function_assignment(src, exp):
    check(src, exp)


def test_function_assignment_returns_no_array_value():
    f = ev("f←+/")
    assert not isinstance(f, np.ndarray)


def test_name_changes_class_between_statements():
    assert ev("f←{⍵+1} ⋄ f←3 ⋄ f+1") == 4
    assert ev("x←{⍵} ⋄ x←1 ⋄ x") == 1
    check("g←{h ⍵} ⋄ h←- ⋄ a←g 1 ⋄ h←2 ⋄ a,g 1", [-1, 2, 1])


def test_local_array_shadows_a_global_function():
    assert ev("f←{⍵} ⋄ {f←2 ⋄ f+⍵}3") == 5


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


def test_strand_assignment_of_nested_values():
    check("(a b)←(1 2)(3 4 5) ⋄ b", [3, 4, 5])
    check("(a b)←(1 2)(3 4 5) ⋄ a", [1, 2])


def test_strand_assignment_length_mismatch():
    with pytest.raises(apl.APLError) as info:
        ev("(a b)←1 2 3")
    assert info.value.name == "LENGTH ERROR"


def test_indexed_assignment_of_a_character_into_numbers_makes_a_mixed_array():
    r = ev("x←1 2 3 ⋄ x[2]←'a' ⋄ x")
    assert r.shape == (3,)
    assert r[0] == 1 and r[1] == "a" and r[2] == 3


def test_indexed_assignment_out_of_range():
    with pytest.raises(apl.APLError) as info:
        ev("x←1 2 3 ⋄ x[4]←1")
    assert info.value.name == "INDEX ERROR"


def test_modified_assignment_of_undefined_name():
    with pytest.raises(apl.APLError) as info:
        ev("nosuch+←1")
    assert info.value.name == "VALUE ERROR"


def test_assignment_is_shy_but_has_a_value():
    assert ev("x←3") == 3


# ---------------------------------------------------------------- ⎕IO
@pytest.mark.parametrize("src, exp", [
    ("⎕IO", 1),
    ("⎕IO←0 ⋄ ⎕IO", 0),
    ("⎕IO←0 ⋄ ⍳3", [0, 1, 2]),
    ("⎕IO←0 ⋄ x←10 20 30 ⋄ x[0]", 10),
    ("⎕IO←0 ⋄ m←2 3⍴⍳6 ⋄ m[1;2]", 5),
    ("⎕IO←0 ⋄ x←10 20 30 ⋄ x[0]←5 ⋄ x", [5, 20, 30]),
    ("⎕IO←0 ⋄ ⍸1 0 1", [0, 2]),
    ("⎕IO←0 ⋄ 2 3⍳3", 1),
    ("⎕IO←0 ⋄ 'abc'⍳'d'", 3),
    ("⎕IO←0 ⋄ ⍋3 1 2", [1, 2, 0]),
    ("⎕IO←0 ⋄ {⍵[0]}5 6", 5),
    ("⎕IO←0 ⋄ 0@0⊢1 2 3", [0, 2, 3]),
    ("⎕IO←0 ⋄ {⍵}⌸'aba'", [[0, 2], [1, 0]]),
    ("⎕IO←0 ⋄ ⎕IO←1 ⋄ ⍳3", [1, 2, 3]),
])
def test_index_origin(src, exp):
    check(src, exp)


def test_index_origin_zero_out_of_range():
    with pytest.raises(apl.APLError) as info:
        ev("⎕IO←0 ⋄ x←10 20 30 ⋄ x[3]")
    assert info.value.name == "INDEX ERROR"


@pytest.mark.parametrize("src", ["⎕IO←2", "⎕IO←0.5", "⎕IO←'a'", "⎕IO←0 1"])
def test_index_origin_must_be_zero_or_one(src):
    with pytest.raises(apl.APLError) as info:
        ev(src)
    assert info.value.name == "DOMAIN ERROR"


def test_index_origin_does_not_leak_between_sessions():
    s = apl.Session()
    s.eval("⎕IO←0")
    same(s.eval("⍳3"), [0, 1, 2])
    same(apl.Session().eval("⍳3"), [1, 2, 3])
    same(ev("⍳3"), [1, 2, 3])
    same(s.eval("⍳3"), [0, 1, 2])


def test_choose_indexed_assignment_and_materialise():
    check("m←3 3⍴0 ⋄ m[⊂2 2]←5 ⋄ m", [[0, 0, 0], [0, 5, 0], [0, 0, 0]])
    check("m←3 3⍴0 ⋄ m[(1 1)(3 3)]←7 8 ⋄ m", [[7, 0, 0], [0, 0, 0], [0, 0, 8]])
    check("⌷1 2 3", [1, 2, 3])
