"""Tradfns (apl/runtime/tradfn.py): headers, dynamic scope, control structures, →, traps, ⎕FX
⎕CR ⎕NR, and their errors, on both backends. The behaviour follows Dyalog's Programming
Reference ("Defined Functions and Operators", "Control Structures", "Branch") and its Language
Reference pages for ⎕FX, ⎕CR, ⎕NR and ⎕NC."""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, host, same

import apl


def run(text, backend="numpy"):
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    return host(s.eval(text)), s


def value(text, backend="numpy"):
    return run(text, backend)[0]


def error(text, backend="numpy"):
    with pytest.raises(apl.APLError) as info:
        run(text, backend)
    return info.value


FACT = """
∇ r←fact n
  r←1
  :While n>1
      r←r×n ⋄ n←n-1
  :EndWhile
∇
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_while_loop(backend):
    assert value(FACT + "fact 5", backend) == 120


@pytest.mark.parametrize("backend", BACKENDS)
def test_dyadic_header_and_locals(backend):
    text = "∇ r←a plus b;t\n t←a+b\n r←t\n∇\nt←'global'\n(2 plus 3)(t)"
    same(value(text, backend), apl.evaluate("5 'global'"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_if_elseif_else(backend):
    text = """
∇ r←classify x
  :If x<0
      r←'neg'
  :ElseIf x=0
      r←'zero'
  :Else
      r←'pos'
  :EndIf
∇
classify¨ ¯1 0 1"""
    same(value(text, backend), apl.evaluate("'neg' 'zero' 'pos'"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_and_if_or_if(backend):
    text = """
∇ r←ao x
  :If x>0
  :AndIf x<10
      r←1
  :ElseIf x=0
  :OrIf x=100
      r←2
  :Else
      r←3
  :EndIf
∇
ao¨ 5 0 100 50 ¯1"""
    same(value(text, backend), np.array([1, 2, 2, 3, 3]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_for_in_and_in_each_and_strands(backend):
    text = """
∇ r←loops;i;a;b
  r←⍬
  :For i :In 2 2⍴⍳4 ⋄ r,←i ⋄ :EndFor
  :For a b :InEach (1 2)(10 20) ⋄ r,←a×b ⋄ :EndFor
  :For (a b) :In (1 2)(5 3) ⋄ r,←a-b ⋄ :EndFor
∇
loops"""
    same(value(text, backend), np.array([1, 2, 3, 4, 10, 40, -1, 2]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_leave_and_continue(backend):
    text = """
∇ r←lc;i
  r←0
  :For i :In ⍳10
      :If i=3 ⋄ :Continue ⋄ :EndIf
      :If i=6 ⋄ :Leave ⋄ :EndIf
      r+←i
  :EndFor
∇
lc"""
    assert value(text, backend) == 1 + 2 + 4 + 5


@pytest.mark.parametrize("backend", BACKENDS)
def test_repeat_until_and_while_until(backend):
    text = """
∇ r←rep n
  r←0
  :Repeat ⋄ r+←1 ⋄ :Until r≥n
∇
∇ r←wu n
  r←0
  :While n>0
      r+←n ⋄ n-←1
  :Until r>10
∇
(rep 5)(wu 10)"""
    same(value(text, backend), np.array([5, 19]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_select_case_caselist_else(backend):
    text = """
∇ r←sel x
  :Select x
  :Case 1 ⋄ r←'one'
  :CaseList 2 3 ⋄ r←'two or three'
  :Case 'abc' ⋄ r←'text'
  :Else ⋄ r←'many'
  :EndSelect
∇
sel¨ 1 2 3 4 'abc'"""
    same(value(text, backend), apl.evaluate("'one' 'two or three' 'two or three' 'many' 'text'"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_branch_to_labels_and_zero(backend):
    text = """
∇ r←count n
  r←⍬
 top: r,←n
  n←n-1
  →(n>0)/top
  →0
  r←'never'
∇
count 4"""
    same(value(text, backend), np.array([4, 3, 2, 1]))


def test_branch_past_the_last_line_leaves_and_empty_goes_on():
    assert value("∇ r←f\n r←1\n →99\n r←2\n∇\nf") == 1
    assert value("∇ r←f\n r←1\n →⍬\n r←2\n∇\nf") == 2


def test_return_leaves():
    same(value("∇ r←early x\n r←1\n :If x ⋄ :Return ⋄ :EndIf\n r←2\n∇\nearly¨ 1 0"), np.array([1, 2]))


def test_bare_branch_abandons_everything_silently():
    s = apl.Session()
    s.eval("∇ f\n log←'before'\n →\n log←'after'\n∇")
    s.eval("f ⋄ log←log,' unreached'")
    same(host(s.eval("log")), chars("before"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_trap_with_case_and_else(backend):
    text = """
∇ r←safe x
  :Trap 3 11
      r←÷x[1]
  :Case 3
      r←'index: ',⊃⎕DM
  :Else
      r←⎕EN
  :EndTrap
∇
(safe ,4)(safe ,0)(safe ⍬)"""
    same(value(text, backend), apl.evaluate("0.25 11 'index: INDEX ERROR'"))


def test_trap_that_does_not_take_the_error_lets_it_go():
    assert error("∇ r←f x\n :Trap 3\n  r←÷x\n :EndTrap\n∇\nf 0").name == "DOMAIN ERROR"


def test_trap_without_handlers_goes_on_after_it():
    same(value("∇ r←f x\n r←'caught'\n :Trap 0\n  r←÷x\n :EndTrap\n∇\nf 0"), chars("caught"))


def test_trap_catches_errors_in_functions_it_calls():
    text = "∇ r←inner x\n r←÷x\n∇\n∇ r←outer x\n :Trap 11 ⋄ r←inner x ⋄ :Else ⋄ r←¯1 ⋄ :EndTrap\n∇\nouter 0"
    assert value(text) == -1


def test_names_are_dynamically_scoped():
    text = """
x←'global'
show←{x}
∇ r←outer;x
  x←'outer'
  r←inner
∇
∇ r←inner
  r←x,'/',show 0
∇
outer,'/',x"""
    same(value(text), chars("outer/outer/global"))


def test_system_variables_in_the_header_are_local():
    s = apl.Session()
    s.eval("∇ r←f;⎕IO\n ⎕IO←0\n r←⍳3\n∇")
    same(host(s.eval("f")), np.array([0, 1, 2]))
    same(host(s.eval("⍳3")), np.array([1, 2, 3]))


def test_shy_results_and_functions_with_no_result():
    s = apl.Session()
    shown = []
    s.run("∇ {r}←quiet x\n r←x×2\n∇\n∇ noresult x\n x+1\n∇", lambda v, shy: None)
    s.run("quiet 4", lambda v, shy: shown.append((v, shy)))
    assert [bool(sh) for _, sh in shown] == [True]
    assert int(s.eval("y←quiet 4 ⋄ y")) == 8
    err = error("∇ n x\n x\n∇\n1+n 1")
    assert err.name == "VALUE ERROR"


def test_unassigned_lines_are_shown():
    s = apl.Session()
    out = []
    s._output = out.append
    s.eval("∇ show x\n x\n y←x\n 'twice'\n∇")
    s.eval("show 42")
    assert [np.asarray(v).tolist() for v in out] == [42, list("twice")]


def test_optional_left_argument():
    text = "∇ r←{a} f w\n :If 0=⎕NC'a' ⋄ a←10 ⋄ :EndIf\n r←a+w\n∇\n(f 1)(5 f 1)"
    same(value(text), np.array([11, 6]))


def test_niladic_functions_stand_for_their_result():
    s = apl.Session()
    s.eval("∇ r←answer\n r←42\n∇")
    assert int(s.eval("answer+1")) == 43
    assert float(s.eval("⎕NC⊂'answer'")) == 3.1


def test_strand_argument_in_the_header():
    assert value("∇ r←f (a b c)\n r←a+b×c\n∇\nf 1 2 3") == 7
    assert error("∇ r←f (a b c)\n r←a\n∇\nf 1 2").name == "LENGTH ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_operators(backend):
    text = """
∇ r←(f twice) x
  r←f f x
∇
∇ r←x (f over g) y
  r←(g x) f (g y)
∇
((1∘+) twice 5)(3 +over| ¯4)"""
    same(value(text, backend), np.array([7, 7]))


def test_recursion_and_dfns_inside():
    text = """
∇ r←rec n
  :If n≤1 ⋄ r←1 ⋄ :Else ⋄ r←n×rec n-1 ⋄ :EndIf
∇
∇ r←multi
  r←{
     ⍵+1
  }41
∇
(rec 10)(multi)"""
    same(value(text), np.array([3628800, 42]))


def test_monadic_function_called_dyadically_is_a_syntax_error():
    assert error("∇ r←f x\n r←x\n∇\n1 f 2").name == "SYNTAX ERROR"


def test_errors_name_the_function_and_its_line():
    text = "∇ r←f x\n r←1\n r←x[5]\n∇\n∇ r←caller x\n r←f x\n∇\ncaller 1 2"
    err = error(text)
    assert err.name == "INDEX ERROR"
    assert err.stack == ["f[2]", "caller[1]"]
    assert "in f[2], called from caller[1]" in err.report()


def test_an_error_on_a_control_line_shows_the_line_as_written():
    err = error("∇ r←k x\n  :If x÷0\n  :EndIf\n∇\nk 1")
    assert err.function == "k[1]"
    assert ":If x÷0" in str(err)


def test_branch_in_a_dfn_is_a_syntax_error():
    assert error("{→1}0").name == "SYNTAX ERROR"


def test_branch_in_the_session_does_nothing():
    assert value("x←1 ⋄ →0 ⋄ x") == 1


@pytest.mark.parametrize("text", [
    "∇ r←f x\n :If x\n r←1\n∇",              # :If not closed
    "∇ r←f x\n r←1\n",                        # no closing ∇
    "∇ r←f x\n r←(1\n∇",                      # a line that does not parse
    "∇ r←f {x}\n r←1\n∇",                     # only the left argument is optional
    "∇ r←f x;r\n r←1\n∇",
])
def test_definitions_that_do_not_fix_are_syntax_errors(text):
    assert error(text).name == "SYNTAX ERROR"


def test_with_is_a_nonce_error():
    assert error("∇ f\n :With 'x'\n :EndWith\n∇").name == "NONCE ERROR"


# ---------------------------------------------------------------- ⎕FX ⎕CR ⎕NR
def test_fx_defines_from_a_vector_of_lines_or_a_matrix():
    s = apl.Session()
    same(host(s.eval("⎕FX 'r←double x' 'r←2×x'")), chars("double"))
    assert int(s.eval("double 21")) == 42
    same(host(s.eval("⎕FX ↑'r←triple x' 'r←3×x'")), chars("triple"))
    assert int(s.eval("triple 2")) == 6


def test_fx_gives_the_line_in_error():
    assert value("⎕FX 'r←bad x' 'r←1' ':If x'") == 3  # ⎕IO 1: the third line
    assert value("⎕IO←0 ⋄ ⎕FX 'r←bad x' 'r←1' ':If x'") == 2
    assert value("⎕FX 'r←f {x}' 'r←1'") == 1


def test_cr_and_nr_give_the_lines():
    s = apl.Session()
    s.eval("∇ r←double x\n r←2×x ⍝ twice\n∇")
    m = host(s.eval("⎕CR 'double'"))
    assert m.shape == (2, 14)
    assert "".join(m[1]).rstrip() == " r←2×x ⍝ twice"
    same(host(s.eval("⎕NR 'double'")), apl.evaluate("'r←double x' ' r←2×x ⍝ twice'"))
    assert host(s.eval("⎕CR 'nosuch'")).shape == (0, 0)
    same(host(s.eval("⎕FX ⎕CR 'double'")), chars("double"))


def test_cr_of_a_dfn_is_its_text():
    assert "".join(host(apl.evaluate("f←{⍵+1} ⋄ ,⎕CR 'f'"))) == "{⍵+1}"


def test_name_classes():
    s = apl.Session()
    s.eval("∇ r←f x\n r←x\n∇\n∇ r←(g op) x\n r←x\n∇")
    same(host(s.eval("⎕NC 'f' 'op'")), np.array([3.1, 4.1]))
    same(host(s.eval("⎕NC ↑'f' 'op'")), np.array([3, 4]))
