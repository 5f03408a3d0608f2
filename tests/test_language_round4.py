"""Fourth round: the language chapters rather than the primitives — dfns and dops (error guards,
∇∇, ⍺←⍣0), assignment (strand, indexed modified, combined indexed and selective), idioms.

Sources: Dyalog's Programming Reference Guide (github.com/Dyalog/documentation,
programming-reference-guide/docs/...: PRG/<page>) and Language Reference Guide
(language-reference-guide/docs/...: LRG/<page>), which print Dyalog's results.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, error_name, nested
from apl_values import run_on as run



# ---------------------------------------------------------------- error guards
# PRG/defined-functions-and-operators/dfns-and-dops/error-guards: "the execution environment is
# unwound to its state immediately prior to the error-guard's execution"; cascading guards.
ADD = "add←{\n trap←'domain' ⋄ 11::trap\n trap←'length' ⋄  5::trap\n ⍺+⍵\n}\n"


@pytest.mark.parametrize("call, exp", [
    ("2 add 3", 5),
    ("2 add 'three'", chars("domain")),
    ("2 3 add 4 5 6", chars("length")),
])
def test_error_guard_sees_the_names_as_they_were(call, exp):
    check(ADD + call, exp)


@pytest.mark.parametrize("src, exp", [
    # try_1st fails: the earlier guard catches that error
    ("{0::'2nd' ⋄ 0::'1st',1÷0 ⋄ ÷0} 0", chars("2nd")),
    ("{0::'2nd' ⋄ 0::'1st' ⋄ ÷0} 0", chars("1st")),
    ("{t←'aa' ⋄ 0::t ⋄ t←'bb' ⋄ ÷0} 0", chars("aa")),
    # the error numbers are read when the guard is reached
    ("{n←11 ⋄ n::'cc' ⋄ n←5 ⋄ ÷0} 0", chars("cc")),
    ("{5::'len' ⋄ 11::'dom',⍳2 3 ⋄ ÷0} 0", chars("len")),
    # the div example: recursion from an error guard's body
    ("div←{⍺←1 ⋄ 5::↑∇/↓↑⍺ ⍵ ⋄ 11::⍺ ∇ ⍵+⍵=0 ⋄ ⍺÷⍵} ⋄ 6 4 2 div 3 2", [2, 2, 2]),
    ("div←{⍺←1 ⋄ 5::↑∇/↓↑⍺ ⍵ ⋄ 11::⍺ ∇ ⍵+⍵=0 ⋄ ⍺÷⍵} ⋄ div 0 2", [1, 0.5]),
])
def test_error_guards(src, exp):
    check(src, exp)


def test_cascading_error_guard_with_none_left_raises():
    assert error_name("{11::'d',÷0 ⋄ ÷0} 0") == "DOMAIN ERROR"
    assert error_name("{11::'d' ⋄ 0::(⍳2)[3] ⋄ ÷0} 0") == "INDEX ERROR"
    check("{3::'ii' ⋄ 0::(⍳2)[3] ⋄ ÷0} 0", chars("ii"))


def test_error_guard_unwinding_keeps_the_tail_call_loop():
    check("{⍵>1000:⍵ ⋄ 0::0 ⋄ ∇ ⍵+1} 1", 1001)


# ---------------------------------------------------------------- ∇∇ and ⍺←⍣0
# PRG/.../recursion (the exp operator); PRG/.../default-left-argument (the over operator).
@pytest.mark.parametrize("src, exp", [
    ("exp←{⍺=0:⍺⍺ ⍵ ⋄ (⍺-1)⍺⍺∘⍺⍺ ∇∇ ⍵} ⋄ succ←{1+⍵} ⋄ 10 succ exp 0", 1024),
    ("f←{⍵≤1:⍵ ⋄ ⍺⍺ ∇∇ ⍵-1} ⋄ - f 5", 1),
    ("f←{⍵=0:⍺⍺ ⍵⍵ 0 ⋄ ⍺⍺ (⍺⍺ ∇∇ ⍵⍵) ⍵-1} ⋄ (10∘+) f (2∘×) 3", 40),
    ("over←{⍺←⍣0 ⋄ (⍺⍺ ⍺)⍵⍵(⍺⍺ ⍵)} ⋄ |over- ¯3", -3),
    ("over←{⍺←⍣0 ⋄ (⍺⍺ ⍺)⍵⍵(⍺⍺ ⍵)} ⋄ ¯5 |over- ¯3", 2),
    ("foo←{⍺←⊢ ⋄ ⍺ {⍺←'m' ⋄ ⍺,⍵} ⍵} ⋄ (foo 'x'),2 foo 3", np.array(["m", "x", 2, 3], dtype=object)),
    ("sort←{⍺←⍵ ⋄ ⍵[⍋⍺]} ⋄ (sort 3 1 2),3 1 2 sort 4 5 6", [1, 2, 3, 5, 6, 4]),
])
def test_dop_self_reference_and_default_left_argument(src, exp):
    check(src, exp)


def test_del_del_outside_an_operator_is_a_syntax_error():
    assert error_name("∇∇ 1") == "SYNTAX ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_del_del_on_both_backends(backend):
    assert int(run("exp←{⍺=0:⍺⍺ ⍵ ⋄ (⍺-1)⍺⍺∘⍺⍺ ∇∇ ⍵} ⋄ 5 {1+⍵} exp 0", backend)) == 32


# ---------------------------------------------------------------- strand assignment
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
    got = run("B←3 5⍴0 ⋄ B[1 1 3;1 3 3 5]+←1 ⋄ B", backend)
    assert np.array_equal(np.asarray(got), [[2, 0, 4, 0, 2], [0, 0, 0, 0, 0], [1, 0, 2, 0, 1]])


def test_repeated_indices_errors():
    assert error_name("x←1 2 3 ⋄ x[1 1]+←1 2 3") == "LENGTH ERROR"
    assert error_name("x←1 2 3 ⋄ x[4 4]+←1") == "INDEX ERROR"


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


# ---------------------------------------------------------------- idioms
# PRG/introduction/idiom-recogition/idiom-list: ^ is Dyalog's alternative spelling of ∧, and
# Euler's idiom *○NA is exact for multiples of 0J0.5.
@pytest.mark.parametrize("src, exp", [
    ("+/^\\' '=3 4⍴'  ab   c d  '", [2, 3, 1]),
    ("{(+/^\\' '=⍵)↓⍵}'  ab c'", chars("ab c")),
    ("1 0 1^1 1 0", [1, 0, 0]),
    ("'a^b'", chars("a^b")),
    ("0=1+*○0J1", 1),
    ("*○0J0.5", 1j),
    ("*○0J0.5 0J1 0J1.5 0J2", [1j, -1, -1j, 1]),
    ("*○1J0.5", np.exp(np.pi) * 1j),
])
def test_idioms(src, exp):
    check(src, exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_euler_on_both_backends(backend):
    assert int(run("0=1+*○0J1", backend)) == 1


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
    assert np.array_equal(np.asarray(run("a←3⍴0 ⋄ (5⍴a)+←1 ⋄ a", backend)), [2, 2, 1])


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
