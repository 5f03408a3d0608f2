"""dfns and dops: ⍺ ⍵ ∇, guards, default ⍺, lexical scope, recursion, error guards, ⍺⍺ ⍵⍵.

Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, error_name, ev, nested, run_on, same

import apl
from apl.runtime import derivation


# ---------------------------------------------------------------- ⍺ ⍵
@pytest.mark.parametrize("src, exp", [
    ("{⍵}⍳3", [1, 2, 3]),
    ("{⍵×2}⍳3", [2, 4, 6]),
    ("2{⍺×⍵}3", 6),
    ("1{⍺ ⍵}2", [1, 2]),
    ("{(+/⍵)÷≢⍵}1 2 3 4", 2.5),
    ("{⍺+⍵}/1 2 3", 6),
    ("{(⍺×10)+⍵}/1 2 3", 33),
    ("{⍺,⍵}/1 2 3", nested(np.array([1, 2, 3])).reshape(())),
    ("2{⍺,⍵}/1 2 3", nested(np.array([1, 2]), np.array([2, 3]))),
    ("{x←⍵ ⋄ y←x×2 ⋄ y+1}3", 7),
    ("{⍵>5:'big' ⋄ 'small'}¨3 7", nested(chars("small"), chars("big"))),
    ("{⍵}⍨3", 3),
    ("2{⍺}⍨3", 3),
    ("{⍵}{⍵}1", 1),
])
def test_alpha_omega(src, exp):
    check(src, exp)


def test_first_unassigned_expression_is_the_result():
    assert ev("{⍵ ⋄ 2}1") == 1
    assert ev("{a←⍵ ⋄ a+1 ⋄ 99}1") == 2


def test_dfn_ending_in_an_assignment_returns_its_value():
    assert ev("{a←⍵}1") == 1
    assert ev("x←{a←⍵×2}4 ⋄ x") == 8


def test_missing_left_argument_is_a_value_error():
    assert error_name("{⍺}1") == "VALUE ERROR"
    assert error_name("{⍺+⍵}¨1 2 3") == "VALUE ERROR"


def test_a_dfn_on_its_own_is_a_function_value():
    f = ev("{⍵+1}")
    assert not isinstance(f, np.ndarray)
    assert ev("f←{⍵+1} ⋄ f 1") == 2


# ---------------------------------------------------------------- guards
@pytest.mark.parametrize("arg, exp", [("¯3", "neg"), ("0", "zero"), ("5", "pos")])
def test_guards(arg, exp):
    check("{⍵>0:'pos' ⋄ ⍵<0:'neg' ⋄ 'zero'}" + arg, chars(exp))


def test_guard_on_later_line_of_multiline_dfn():
    src = "f←{\n  ⍵=1:'one'\n  ⍵=2:'two'\n  'many'\n}\n(f 1)(f 2)(f 3)"
    check(src, nested(chars("one"), chars("two"), chars("many")))


def test_guard_condition_must_be_boolean():
    assert error_name("{⍵:1 ⋄ 0}2") == "DOMAIN ERROR"


def test_statements_before_a_guard_run():
    assert ev("{a←⍵×2 ⋄ a>5:a ⋄ -a}4") == 8
    assert ev("{a←⍵×2 ⋄ a>5:a ⋄ -a}2") == -4


# ---------------------------------------------------------------- default ⍺
@pytest.mark.parametrize("src, exp", [
    ("{⍺←10 ⋄ ⍺+⍵}1", 11),
    ("5{⍺←10 ⋄ ⍺+⍵}1", 6),
    ("{⍺←2 ⋄ ⍺*⍵}3", 8),
    ("3{⍺←2 ⋄ ⍺*⍵}2", 9),
    ("f←{⍺←0 ⋄ ⍺+⍵} ⋄ (f 1),(2 f 1)", [1, 3]),
])
def test_default_left_argument(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- scope
def test_assignment_inside_a_dfn_is_local():
    check("x←1 ⋄ f←{x←⍵ ⋄ x} ⋄ (f 5),x", [5, 1])
    assert ev("x←1 ⋄ {x←⍵ ⋄ x}5 ⋄ x") == 1


def test_local_indexed_assignment_leaves_the_global_alone():
    check("x←1 2 3 ⋄ ({x←⍵ ⋄ x[1]←99 ⋄ x}4 5),x", [99, 5, 1, 2, 3])


def test_modified_and_indexed_assignment_of_a_global_from_a_dfn():
    # with no local of that name, x+←1 and x[i]←v update the variable where it lives
    assert ev("x←1 ⋄ {x+←1 ⋄ 0}0 ⋄ x") == 2
    check("x←1 2 3 ⋄ {x[1]←99 ⋄ 0}0 ⋄ x", [99, 2, 3])


def test_dfn_reads_globals_at_call_time():
    assert ev("x←1 ⋄ f←{x+⍵} ⋄ f 5") == 6
    assert ev("x←1 ⋄ f←{x} ⋄ x←2 ⋄ f 0") == 2


def test_nested_dfn_sees_outer_locals():
    assert ev("f←{a←⍵ ⋄ {a+⍵}1} ⋄ f 10") == 11
    assert ev("a←1 ⋄ f←{a←5 ⋄ g←{a} ⋄ g ⍵} ⋄ f 0") == 5


def test_scope_is_lexical_not_dynamic():
    # g was defined at top level: it sees the global a, not f's local a
    assert ev("a←1 ⋄ g←{a} ⋄ f←{a←5 ⋄ g ⍵} ⋄ f 0") == 1


def test_inner_assignment_does_not_change_outer_local():
    assert ev("{a←1 ⋄ b←{a←⍵ ⋄ a}5 ⋄ a+b}0") == 6


def test_locals_do_not_survive_the_call():
    s = apl.Session()
    s.eval("f←{tmp←⍵ ⋄ tmp×2}")
    assert s.eval("f 3") == 6
    assert "tmp" not in s
    with pytest.raises(apl.APLError) as info:
        s.eval("tmp")
    assert info.value.name == "VALUE ERROR"


# ---------------------------------------------------------------- recursion
@pytest.mark.parametrize("src, exp", [
    ("{⍵=0:1 ⋄ ⍵×∇ ⍵-1}5", 120),
    ("{⍵≤1:1 ⋄ ⍵×∇ ⍵-1}10", 3628800),
    ("{⍵≤1:⍵ ⋄ (∇ ⍵-1)+∇ ⍵-2}15", 610),
    ("fib←{⍵≤1:⍵ ⋄ (fib ⍵-1)+fib ⍵-2} ⋄ fib¨⍳10", [1, 1, 2, 3, 5, 8, 13, 21, 34, 55]),
    ("f←{⍵=0:0 ⋄ ⍵+f ⍵-1} ⋄ f 10", 55),
    ("{⍵=0:0 ⋄ 1+∇ ⍵-1} 1000", 1000),
    ("gcd←{⍵=0:⍺ ⋄ ⍵ ∇ ⍵|⍺} ⋄ 48 gcd 18", 6),
    ("{⍺←1 ⋄ ⍵=0:⍺ ⋄ (⍺×⍵)∇ ⍵-1}5", 120),
])
def test_recursion(src, exp):
    check(src, exp)


def test_tail_recursion_does_not_grow_the_stack():
    check("{⍵=0:'done' ⋄ ∇ ⍵-1} 100000", chars("done"))


def test_dyadic_tail_recursion_with_accumulator():
    assert ev("{⍺←0 ⋄ ⍵=0:⍺ ⋄ (⍺+⍵)∇ ⍵-1} 20000") == 200010000


def test_tail_call_in_a_guard_result():
    assert ev("{⍵≤0:0 ⋄ ⍵>0:∇ ⍵-1}10000") == 0


def test_deep_non_tail_recursion_is_an_apl_error():
    with pytest.raises(apl.APLError) as info:
        ev("{⍵=0:0 ⋄ 1+∇ ⍵-1} 400000")
    assert info.value.name == "WS FULL"  # documented: Dyalog's stack would go deeper
    assert not isinstance(info.value, RecursionError)


def test_deep_recursion_through_a_name_is_an_apl_error():
    with pytest.raises(apl.APLError) as info:
        ev("f←{⍵=0:0 ⋄ 1+f ⍵-1} ⋄ f 400000")
    assert info.value.name == "WS FULL"


def test_session_usable_after_deep_recursion_error():
    s = apl.Session()
    with pytest.raises(apl.APLError):
        s.eval("{⍵=0:0 ⋄ 1+∇ ⍵-1} 400000")
    assert s.eval("{⍵=0:1 ⋄ ⍵×∇ ⍵-1}5") == 120


def test_recursion_under_an_error_guard():
    assert ev("{0::¯1 ⋄ ⍵=0:0 ⋄ 1+∇ ⍵-1} 10000") == 10000
    assert ev("{0::⍵ ⋄ ⍵=0:0 ⋄ ∇ ⍵-1} 10000") == 0


def test_deeper_recursion_under_an_error_guard_is_not_silently_wrong():
    assert ev("{0::¯1 ⋄ ⍵=0:0 ⋄ 1+∇ ⍵-1} 30000") == 30000


# ---------------------------------------------------------------- error guards
@pytest.mark.parametrize("src, exp", [
    ("{0::'caught' ⋄ 1 2+3 4 5}0", "caught"),
    ("{11::'dom' ⋄ 1÷0}0", "dom"),
    ("{11::'dom' ⋄ 'a'+⍵}5", "dom"),
    ("{5::'len' ⋄ 1 2+3 4 5}0", "len"),
    ("{3::'idx' ⋄ (⍳3)[5]}0", "idx"),
    ("{6::'val' ⋄ nosuch+⍵}1", "val"),
    ("{2::'syn' ⋄ ⍎'1+'}1", "syn"),
    ("{4::'rank' ⋄ (2 2⍴1)+1 2 3}1", "rank"),
    ("{16::'nonce' ⋄ ⎕NULL}1", "nonce"),
    ("{11::'dom' ⋄ {⍵}⍣¯1⊢⍵}1", "dom"),  # a dfn has no inverse: DOMAIN ERROR
    ("{5 11::'x' ⋄ 1÷0}0", "x"),
    ("{5::'len' ⋄ 11::'dom' ⋄ 1÷0}0", "dom"),
    ("{0::'outer' ⋄ {1÷0}⍵}0", "outer"),
    ("{11::'outer' ⋄ {5::'inner' ⋄ 1÷⍵}⍵}0", "outer"),
    ("{0::'outer' ⋄ {0::1÷0 ⋄ 1÷⍵}⍵}0", "outer"),
    ("{0::'g' ⋄ ⍵ : 1 ⋄ 2}2", "g"),
    ("{0::'E' ⋄ ⍵[5]}⍳3", "E"),
])
def test_error_guards_catch(src, exp):
    r = ev(src)
    same(r, chars(exp) if len(exp) > 1 else np.array(exp))


def test_error_guard_result_can_use_the_arguments():
    assert ev("{11::⍵ ⋄ 'a'+⍵}5") == 5
    assert ev("7{0::⍺ ⋄ ⍺÷⍵}0") == 7


def test_error_guard_with_other_number_does_not_catch():
    assert error_name("{5::'len' ⋄ 1÷0}0") == "DOMAIN ERROR"
    assert error_name("{11::'dom' ⋄ 1 2+3 4 5}0") == "LENGTH ERROR"


def test_error_guard_only_covers_later_statements():
    assert error_name("{1÷0 ⋄ 0::2}0") == "DOMAIN ERROR"


def test_error_guard_not_triggered_without_error():
    assert ev("{0::'caught' ⋄ ⍵+1}1") == 2


def test_guard_outside_a_dfn_is_a_syntax_error():
    assert error_name("1:2") == "SYNTAX ERROR"
    assert error_name("0::2") == "SYNTAX ERROR"


def test_error_number_in_error_guard():
    assert ev("{0::⎕EN ⋄ 1÷0}0") == 11
    assert ev("{0::⎕EN ⋄ 1 2+1 2 3}0") == 5
    assert ev("{0::⎕EN ⋄ (⍳3)[4]}0") == 3


def test_error_message_in_error_guard():
    r = ev("{0::⎕DM ⋄ 1÷0}0")
    assert r.shape == (3,)
    same(r[0], chars("DOMAIN ERROR"))


def test_signal():
    assert error_name("⎕SIGNAL 11") == "DOMAIN ERROR"
    assert error_name("⎕SIGNAL 5") == "LENGTH ERROR"
    assert ev("{0::⎕EN ⋄ ⎕SIGNAL 11}0") == 11
    assert ev("{0::⎕EN ⋄ 'boom' ⎕SIGNAL 500}0") == 500
    same(ev("{500::'mine' ⋄ 'boom' ⎕SIGNAL 500}0"), chars("mine"))


# ---------------------------------------------------------------- dops
@pytest.mark.parametrize("src, exp", [
    ("-{⍺⍺ ⍵}3", -3),
    ("+{⍺⍺/⍵}⍳4", 10),
    ("×{⍺⍺/⍵}⍳4", 24),
    ("2-{⍺ ⍺⍺ ⍵}4", -2),
    ("3{⍺ ⍺⍺ ⍵}⍨ 5", [5, 3, 5]),
    ("-{⍺⍺¨⍵}1 2", [-1, -2]),
    ("2+{⍺ ⍺⍺ ⍵}¨3 4", [5, 6]),
    ("op←{⍺⍺ ⍺⍺ ⍵} ⋄ (1∘+)op 3", 5),
    ("twice←{⍺⍺ ⍺⍺ ⍵} ⋄ +/twice 2 3⍴⍳6", 21),
    ("twice←{⍺⍺ ⍺⍺ ⍵} ⋄ {⍵×2}twice 3", 12),
    # two operands
    ("-{⍺⍺ ⍵⍵ ⍵}|¯5", -5),
    ("(×{⍺⍺ ⍵⍵ ⍵}-)5", -1),
    ("compose←{⍺⍺ ⍵⍵ ⍵} ⋄ (⌽compose⍳)4", [4, 3, 2, 1]),
    ("over←{(⍵⍵ ⍺)⍺⍺(⍵⍵ ⍵)} ⋄ 3 +over| ¯4", 7),
    # array operands
    ("10{⍺⍺+⍵}5", 15),
    ("op←{⍺⍺+⍵⍵+⍵} ⋄ 1 op 2 ⊢3", 6),
    ("op←{⍵⍵ ⍺⍺ ⍵} ⋄ 1 op - 3", [-1, -3]),
    ("2{⍺⍺ ⍵⍵ ⍵}3 ⊢ 4", [2, 3, 4]),
    ("+{⍺⍺/⍵⍵↑⍵}2 ⊢⍳5", 3),
    ("pow←{⍺⍺⍣⍵⍵⊢⍵} ⋄ (2∘×)pow 3⊢1", 8),
])
def test_dops(src, exp):
    check(src, exp)


def test_dop_on_its_own_is_an_operator_value():
    op = ev("{⍺⍺ ⍵}")
    assert not isinstance(op, np.ndarray)


def test_dop_used_in_a_session():
    s = apl.Session()
    s.eval("each←{⍺⍺¨⍵}")
    s.eval("tally←{≢⍵}")
    same(s.eval("tally each (1 2)(3 4 5)"), [2, 3])


def test_default_left_argument_can_be_a_function():
    # the ⍺←⊢ idiom: called monadically, ⍺ is ⊢, so ⍺ f ⍵ is ⊢ f ⍵, i.e. f ⍵
    assert ev("{⍺←⊢ ⋄ ⍺+⍵}5") == 5
    assert ev("3{⍺←⊢ ⋄ ⍺+⍵}5") == 8
    assert list(ev("{⍺←⊢ ⋄ ⍺⍴⍵}⍳3")) == [3]
    assert list(ev("2{⍺←⊢ ⋄ ⍺⍴⍵}⍳3")) == [1, 2]


# ---------------------------------------------------------------- error guards: unwinding, cascading
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
    assert int(run_on("exp←{⍺=0:⍺⍺ ⍵ ⋄ (⍺-1)⍺⍺∘⍺⍺ ∇∇ ⍵} ⋄ 5 {1+⍵} exp 0", backend)) == 32


# ---------------------------------------------------------------- a local name shadowing an outer function
@pytest.mark.parametrize("src,exp", [
    ("{g+g←⍵}3 1 2", [6, 2, 4]),        # the assignment runs first: g is the array on the left
    ("{g[1]⊣g←⍋⍵}3 1 2", 2),
    ("{g[(⍳3)[g←⍋⍵]]}3 1 2", [3, 1, 2]),
    ("{r←g 5 ⋄ g←⍵ ⋄ r,g}2", [1, 2]),     # before its assignment runs, g is still the outer function
])
def test_a_name_assigned_in_a_dfn_takes_the_class_of_its_value(src, exp):
    s = apl.Session()
    s.eval("g←×")
    assert np.asarray(s.eval(src)).tolist() == exp
    assert s.eval("g 5") == 1  # the outer g is untouched


def test_modified_assignment_still_reads_name_function_arrow():
    s = apl.Session()
    s.eval("g←× ⋄ x←5")
    s.eval("x g←2")
    assert s.eval("x") == 10


def test_a_default_function_for_alpha_is_no_array():
    for src in ("⍴⍺←-", "{⍴⍺←-}1"):
        with pytest.raises(apl.APLError) as info:
            apl.evaluate(src)
        assert info.value.name == "SYNTAX ERROR"
    assert apl.evaluate("{⍺←⊢ ⋄ ⍺ ⍵}1") == 1


# ---------------------------------------------------------------- where an error happened
def test_an_error_in_a_nested_dfn_names_its_line_and_the_chain_of_calls():
    s = apl.Session()
    s.eval("g←{\na←⍵\n1 2+a\n}")
    s.eval("h←{g ⍵}")
    with pytest.raises(apl.APLError) as info:
        s.eval("x←1\nh 1 2 3")
    e = info.value
    assert e.function == "g[2]" and e.stack == ["g[2]", "h[0]"] and e.line == 2
    assert e.report().splitlines()[-1] == "in g[2], called from h[0], called from line 2"


def test_a_recursion_shows_once_with_its_count_and_an_operator_by_its_name():
    with pytest.raises(apl.APLError) as info:
        apl.evaluate("f←{⍵=0:1 2+3 4 5 ⋄ 1+∇⍵-1} ⋄ f 50")
    assert info.value.stack[:2] == ["f[0]", "f[0]"]
    assert "in f[0] (" in info.value.report()
    with pytest.raises(apl.APLError) as info:
        apl.evaluate("op←{⍺⍺ ⍵+1 2} ⋄ -op 1 2 3")
    assert info.value.function == "op[0]"


def test_an_error_caught_by_a_guard_leaves_no_frames_behind():
    assert apl.evaluate("{0::'caught' ⋄ 1 2+1 2 3}0").tolist() == list("caught")


# ---------------------------------------------------------------- one function per dfn text
def test_a_dfn_written_in_the_session_is_made_once_and_one_in_a_call_each_time():
    """The same line evaluated again finds the same function (and its compiled form); a dfn
    written inside a function is made anew by each call, closed over that call's names."""
    s = apl.Session()
    line = "{⍵×2}"
    assert s.eval(line) is s.eval(line)
    assert s.eval("{⍵×2}") is not s.eval("{⍵×3}")
    s.eval("mk←{n←⍵ ⋄ {⍵+n}¨1 2}")
    assert s.eval("mk 10").tolist() == [11, 12] and s.eval("mk 20").tolist() == [21, 22]
    s.eval("f←{⍵+1}")
    s.eval("f←{⍵+1}")
    assert s.eval("f 1") == 2
    ns = apl.Session()
    assert ns.eval(line) is not s.eval(line)  # each session its own


def test_a_derivation_in_the_session_is_made_again_only_when_an_operand_changes():
    """`{…}⍤1⊢x` run again derives nothing (the dfn is one object per text); a new function
    under the operand's name, or a new rank, is seen at once."""
    s = apl.Session()
    s["x"] = np.arange(6.0).reshape(2, 3)
    made = []
    real = derivation._primitive_derived

    def counting(*args):
        if args[0] == "⍤":
            made.append(args)
        return real(*args)

    derivation._primitive_derived = counting
    try:
        for _ in range(3):
            assert s.eval("{+/⍵}⍤1⊢x").tolist() == [3.0, 12.0]
        assert len(made) == 1
        s.eval("f←{⌈/⍵}")
        assert s.eval("f⍤1⊢x").tolist() == [2.0, 5.0]
        s.eval("f←{⌊/⍵}")
        assert s.eval("f⍤1⊢x").tolist() == [0.0, 3.0]
        s["k"] = 0
        assert s.eval("f⍤k⊢x").tolist() == s["x"].tolist()
        assert len(made) == 4
        # inside a call each run derives: nothing of a finished call is kept
        s.eval("g←{{+/⍵}⍤1⊢⍵}")
        s.eval("g x")
        s.eval("g x")
        assert len(made) == 6
    finally:
        derivation._primitive_derived = real


def test_a_rank_written_as_a_literal_is_read_on_the_host_on_torch():
    torch = pytest.importorskip("torch")
    s = apl.Session(backend="torch")
    s["x"] = torch.arange(12.0, dtype=torch.float64).reshape(3, 4)
    assert torch.equal(s.eval("{+/⍵}⍤1⊢x"), torch.tensor([6.0, 22.0, 38.0], dtype=torch.float64))
    assert torch.equal(s.eval("x{⍺+⍵}⍤1 1⊢x"), s["x"] * 2)
    for bad, name in (("{⍵}⍤1.5⊢x", "DOMAIN ERROR"), ("{⍵}⍤(1 2 3 4)⊢x", "LENGTH ERROR")):
        with pytest.raises(apl.APLError) as info:
            s.eval(bad)
        assert info.value.name == name
