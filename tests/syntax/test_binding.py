"""Binding: strands, brackets, operators before functions, / after an array or a function, trains,
function assignment, and dyadic operators curried with their right operand.
Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, enclose, error_name, ev, nested, run_on, same

import apl


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


# ---------------------------------------------------------------- brackets after a strand
@pytest.mark.parametrize("backend", BACKENDS)
def test_brackets_index_a_strand_of_parenthesised_items_and_literals(backend):
    # phantomics/april#52, a Dyalog session: (1 2 3 4) 15[1] is ⊂1 2 3 4
    r = run_on("(1 2 3 4) 15[1]", backend)
    same(r, enclose(np.array([1, 2, 3, 4])))
    r = run_on("(⍳3)(⍳4)[2]", backend)
    same(r, enclose(np.array([1, 2, 3, 4])))
    r = run_on("1 'ab' (2 3)[3]", backend)
    same(r, enclose(np.array([2, 3])))


@pytest.mark.parametrize("backend", BACKENDS)
def test_literal_runs_and_names_bind_as_before(backend):
    r = run_on("'ONE' 'TWO'[2]", backend)
    assert r.shape == () and "".join(r[()]) == "TWO"
    assert int(run_on("1 2 3[2]", backend)) == 2
    assert int(run_on("(⍳3)[2]", backend)) == 2
    # a name binds its brackets itself: x y[1] indexes y only (april#197: la[1 3] 'apple')
    same(run_on("x←1 2 ⋄ y←3 4 5 ⋄ x y[1]", backend), nested([1, 2], 3))
    same(run_on("y←3 4 5 ⋄ (7 8) y[2]", backend), nested([7, 8], 4))
    same(run_on("y←3 4 5 ⋄ 7 y[2]", backend), np.array([7, 4]))


# ---------------------------------------------------------------- primitive operators as values
# LRG/primitive-operators/operator-syntax: "monadic operators can be named, enclosed within
# parentheses".
@pytest.mark.parametrize("src, exp", [
    ("each←(¨) ⋄ shape←⍴ ⋄ shape each (1 2) (3 4 5)", nested(np.array([2]), np.array([3]))),
    ("slash←/ ⋄ +slash ⍳10", 55),
    ("swap←⍨ ⋄ 3 -swap 4", 1),
    ("sc←\\ ⋄ +sc 1 2 3", [1, 3, 6]),
    ("jot←∘ ⋄ (1 jot +) 2", 3),
    ("at←@ ⋄ (0 at 1) 1 2 3", [0, 2, 3]),
    ("+(¨)1 2", [1, 2]),
    ("r←⍨ ⋄ ⎕NC 'r'", [4]),
    ("PLUS←+ ⋄ TIMES←× ⋄ 1 2 PLUS.TIMES 3 4", 11),
])
def test_named_primitive_operators(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- / ⌿ \ ⍀ as a right operand
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    # / ⌿ \ ⍀ as the right operand of a dyadic operator are functions (was SYNTAX ERROR)
    ("(0∘≠⊢⍤/⊢)0 1 0 2", [1, 2]),
    ("(≠∘0⊢⍤/⊢)0 1 0 2", [1, 2]),
    ("(⊢⊢⍤/⍨0≠⊢)0 1 0 2", [1, 2]),
    ("{⍵⊢⍤/⍨0≠⍵}0 1 0 2", [1, 2]),
    ("(2∘|⊢⍤/⊢)⍳6", [1, 3, 5]),
    ("1 0 1⊢⍤\\1 2", [1, 0, 2]),
])
def test_replicate_as_right_operand(backend, src, expected):
    same(run_on(src, backend), np.array(expected))


def test_replicate_first_axis_as_right_operand():
    check("1 0⊢⍤⌿2 3⍴⍳6", np.array([[1, 2, 3]]))
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("1 0 1⊢⍤⌿2 3⍴⍳6")
    assert e.value.name == "LENGTH ERROR"


# ---------------------------------------------------------------- right operand currying
# Operator Syntax, "Right Operand Currying": (@2 4), inv←⍣¯1
@pytest.mark.parametrize("backend", BACKENDS)
def test_at_curried_doc_example(backend):
    same(run_on("(2 3⍴10 20)(@2 4)4 3⍴⍳12", backend),
         np.array([[1, 2, 3], [10, 20, 10], [7, 8, 9], [20, 10, 20]]))
    same(run_on("0(@2 4)⍳5", backend), np.array([1, 0, 3, 0, 5]))
    same(run_on("÷(@2 4)⍳5", backend), np.array([1, 0.5, 3, 0.25, 5]))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("+/(⍤1)2 3⍴⍳6", np.array([6, 15])),
    ("×⍨(⍣2)3", np.array(81)),
    ("+/(∘⌽)1 2 3", np.array(6)),
    ("2 3+(⍤0 1)10 20 30", np.array([[12, 22, 32], [13, 23, 33]])),
    ("0(@2 4)(⍤1)2 5⍴1", np.array([[1, 0, 1, 0, 1]] * 2)),
    ("op←{⍺⍺ ⍵⍵ ⍵}\n-(op ⌽)1 2 3", np.array([-3, -2, -1])),
])
def test_curried_operators(backend, src, exp):
    same(run_on(src, backend), exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_named_curried_operators_doc_examples(backend):
    # Operator Syntax, "Right Operand Currying": inv←⍣¯1, lim←⍣≡
    same(run_on("inv←⍣¯1\n+\\inv 1 2 3", backend), np.array([1, 1, 1]))
    same(run_on("lim←⍣≡\n1 +∘÷lim 1", backend), np.array((1 + 5 ** 0.5) / 2))
    same(run_on("ea←(⍤0)\n{⍵,⍵}ea 1 2", backend), np.array([[1, 1], [2, 2]]))
    same(run_on("f←{i←⍣¯1 ⋄ -i ⍵}\nf 5", backend), np.array(-5))


@pytest.mark.parametrize("src", ["(@)", "(2@)", "(@2 4)⍳5", "@2 4", "(@2 4)"])
def test_misused_curried_operators_are_syntax_errors(src):
    assert error_name(src) == "SYNTAX ERROR"


def test_curried_operator_errors_keep_dyalog_names():
    assert error_name("×(⍣'a')3") == "DOMAIN ERROR"
    assert error_name("1 2 3(@4)⍳5") in ("LENGTH ERROR", "INDEX ERROR")
