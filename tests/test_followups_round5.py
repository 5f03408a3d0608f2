"""Follow-ups of the fifth round, each checked against Dyalog's documentation (LRG: the
Language Reference Guide, dyalog.github.io/documentation/20.0/language-reference-guide/...)
or a pasted Dyalog session (phantomics/april issues)."""
import numpy as np
import pytest
from apl_values import BACKENDS, nested, same
from apl_values import error_on as err
from apl_values import host as _host
from apl_values import run_on as run

import apl


def _boxed(r, exp):
    """r is a scalar enclosing exp."""
    assert isinstance(r, np.ndarray) and r.shape == () and r.dtype == object
    same(_host(r[()]), exp)


def shown(src):
    """What the session displays for src, statement by statement (shy values are not shown)."""
    out = []
    s = apl.Session(output=out.append)  # ⎕← and the values ⍎ displays itself
    s.run(src, lambda v, shy: None if shy or v is None else out.append(v))
    return out


# ---------------------------------------------------------------- 1. ⍛ in the REPL and translator
def test_lexer_colours_behind_as_an_operator():
    from apl.repl.lexer import kinds

    assert kinds("3 -⍛× 4") == [("number", "3"), ("function", "-"), ("operator", "⍛"),
                                ("function", "×"), ("number", "4")]
    assert ("error", "⍛") not in kinds("{⍺ -⍛× ⍵}")


def test_behind_is_typed_with_prefix_f_and_named_for_tab():
    from apl.repl.keymap import apply_prefix, glyph_names, keymap

    assert keymap()["F"] == "⍛"
    assert apply_prefix("3 -`F× 4") == "3 -⍛× 4"
    assert glyph_names()["behind"] == "⍛"


@pytest.mark.parametrize("backend", BACKENDS)
def test_behind_in_the_interpreter(backend):
    # LRG/primitive-operators/behind: X f⍛g Y is (f X) g Y; f⍛g Y is (f Y) g Y
    assert int(run("3 -⍛× 4", backend)) == -12
    assert int(run("-⍛× 4", backend)) == -16
    same(run("2 3 ⌽⍛⍴ ⍳6", backend), np.array([[1, 2], [3, 4], [5, 6]]))


def test_behind_translates():
    torch = pytest.importorskip("torch")
    from apl.translate import translate

    def call(src, *args):
        ns = {}
        exec(compile(src, "<translated>", "exec"), ns)
        return ns["f"](*args)

    src = translate("{⍺ -⍛× ⍵}")
    assert "-alpha * omega" in src
    w, a = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0])
    assert torch.equal(call(src, w, a), -a * w)
    src = translate("{-⍛× ⍵}")
    assert torch.equal(call(src, w), -w * w)
    src = translate("{⍺ ⌽⍛, ⍵}")
    got = call(src, w, a)
    want = apl.evaluate("A ⌽⍛, W", A=np.array([4.0, 5.0, 6.0]), W=np.array([1.0, 2.0, 3.0]))
    assert np.array_equal(got.numpy(), want)


# ---------------------------------------------------------------- 2. results too large
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    "⍴⍳9223372036854775807",           # was 0: the end of the range overflowed
    "2 3⍴⍳9223372036854775807",        # was zeros
    "⍳2 9223372036854775807",          # was a DOMAIN ERROR naming a NumPy ValueError
    "⍴⍳2*62",
    "(2*62) (2*62)/1 2",                # the sum of the counts overflowed
    "(9223372036854775807 9223372036854775807)/1 2",
    "1 ¯9223372036854775807/1 2",
    "⍴(4⍴2*16)⍴1",
    "⍴(4⍴2*16)↑1",
    "⍸2*62",
])
def test_unallocatable_results_are_ws_full(src, backend):
    assert err(src, backend) == "WS FULL"


@pytest.mark.parametrize("backend", BACKENDS)
def test_arguments_beyond_the_integers_are_domain_errors(backend):
    # 1E20 is no 64-bit integer: it used to wrap round to a negative number
    assert err("⍳1E20", backend) == "DOMAIN ERROR"
    assert err("1E20⍴1", backend) == "DOMAIN ERROR"
    assert err("1E20↑1", backend) == "DOMAIN ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_expand_counts_beyond_the_workspace(backend):
    assert err("(2*62) 1\\1 2", backend) == "WS FULL"
    same(run("1 0 1\\1 2", backend), np.array([1, 0, 2]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_ordinary_sizes_still_work(backend):
    same(run("⍴⍳0", backend), np.array([0]))
    same(run("2 3⍴⍳6", backend), np.arange(1, 7).reshape(2, 3))
    same(run("(2*62)⌽⍳3", backend), np.array([2, 3, 1]))  # a rotation count, not a size


# ---------------------------------------------------------------- 3. brackets after a strand
@pytest.mark.parametrize("backend", BACKENDS)
def test_brackets_index_a_strand_of_parenthesised_items_and_literals(backend):
    # phantomics/april#52, a Dyalog session: (1 2 3 4) 15[1] is ⊂1 2 3 4
    r = run("(1 2 3 4) 15[1]", backend)
    _boxed(r, np.array([1, 2, 3, 4]))
    r = run("(⍳3)(⍳4)[2]", backend)
    _boxed(r, np.array([1, 2, 3, 4]))
    r = run("1 'ab' (2 3)[3]", backend)
    _boxed(r, np.array([2, 3]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_literal_runs_and_names_bind_as_before(backend):
    r = run("'ONE' 'TWO'[2]", backend)
    assert r.shape == () and "".join(r[()]) == "TWO"
    assert int(run("1 2 3[2]", backend)) == 2
    assert int(run("(⍳3)[2]", backend)) == 2
    # a name binds its brackets itself: x y[1] indexes y only (april#197: la[1 3] 'apple')
    same(run("x←1 2 ⋄ y←3 4 5 ⋄ x y[1]", backend), nested([1, 2], 3))
    same(run("y←3 4 5 ⋄ (7 8) y[2]", backend), nested([7, 8], 4))
    same(run("y←3 4 5 ⋄ 7 y[2]", backend), np.array([7, 4]))


# ---------------------------------------------------------------- 4. selective assignment via expand
@pytest.mark.parametrize("backend", BACKENDS)
def test_selective_assignment_through_expand_drops_fill_positions(backend):
    # LRG/primitive-functions/assignment-selective: \ and ⍀ are allowed
    same(run("x←⍳2 ⋄ (1 0 1\\x)←7 8 9 ⋄ x", backend), np.array([7, 9]))
    same(run("x←⍳2 ⋄ (1 0 1\\x)←7 ⋄ x", backend), np.array([7, 7]))
    same(run("x←⍳2 ⋄ (1 0 1\\x)+←7 8 9 ⋄ x", backend), np.array([8, 11]))
    same(run("x←⍳2 ⋄ (1 0 ¯2 1\\x)←⍳5 ⋄ x", backend), np.array([1, 5]))
    same(run("x←2 2⍴⍳4 ⋄ (1 0 1⍀x)←3 2⍴10×⍳6 ⋄ x", backend), np.array([[10, 20], [50, 60]]))
    # the pass-through value is the whole value
    same(run("x←⍳2 ⋄ (1 0 1\\x)←7 8 9", backend), np.array([7, 8, 9]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_selective_assignment_through_expand_of_a_nested_name(backend):
    same(run("x←(1 2)(3 4) ⋄ (1 0 1\\x)←7 8 9 ⋄ x", backend), np.array([7, 9]))
    same(run("x←(1 2)(3 4) ⋄ (1 0 1\\x)←(7 7)(8 8)(9 9) ⋄ x", backend), nested([7, 7], [9, 9]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_selective_assignment_through_expand_errors(backend):
    assert err("x←⍳2 ⋄ (1 0 1\\x)←7 8", backend) == "LENGTH ERROR"
    assert err("x←⍳2 ⋄ (1 0 1\\x)←2 3⍴7", backend) == "RANK ERROR"
    assert err("x←⍳3 ⋄ (0×x)←5", backend) == "DOMAIN ERROR"  # a 0 is no fill without \


# ---------------------------------------------------------------- 5. x[]←, ⎕IO+←
@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_index_assignment_of_a_scalar(backend):
    # as 5[] reads 5, s[]←v replaces the scalar
    assert int(run("x←5 ⋄ x[]←6 ⋄ x", backend)) == 6
    assert int(run("x←5 ⋄ x[]+←1 ⋄ x", backend)) == 6
    assert run("x←'a' ⋄ x[]←'b' ⋄ x", backend)[()] == "b"
    r = run("x←⊂1 2 ⋄ x[]←⊂3 4 5 ⋄ x", backend)
    _boxed(r, np.array([3, 4, 5]))
    assert err("x←5 ⋄ x[]←6 7", backend) == "RANK ERROR"
    same(run("x←1 2 3 ⋄ x[]←6 ⋄ x", backend), np.array([6, 6, 6]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_modified_assignment_of_a_system_variable(backend):
    same(run("⎕IO-←1 ⋄ ⍳3", backend), np.array([0, 1, 2]))
    assert int(run("⎕PP←5 ⋄ ⎕PP+←1 ⋄ ⎕PP", backend)) == 6
    assert err("⎕IO+←1", backend) == "DOMAIN ERROR"  # ⎕IO is 0 or 1
    # inside a dfn the new value is local, as for ⎕IO←
    same(run("{⎕IO-←1 ⋄ ⍳3}0", backend), np.array([0, 1, 2]))
    same(run("{⎕IO-←1 ⋄ ⍳3}0 ⋄ ⍳3", backend), np.array([1, 2, 3]))


def test_modified_assignment_of_a_system_variable_is_shy():
    assert shown("⎕PP←5 ⋄ ⎕PP+←1") == []


# ---------------------------------------------------------------- 6. ⍣¯1 of a dfn
@pytest.mark.parametrize("backend", BACKENDS)
def test_inverse_of_a_dfn_is_a_domain_error(backend):
    # LRG/primitive-operators/power-operator: "If the function does not have an inverse, a
    # negative argument g generates DOMAIN ERROR."
    assert err("{⍵+1}⍣¯1⊢3", backend) == "DOMAIN ERROR"
    assert err("f←{⍺⍺ ⍵} ⋄ (-f)⍣¯1⊢3", backend) == "DOMAIN ERROR"
    assert int(run("succ←1∘+ ⋄ (succ⍣¯3)10", backend)) == 7


# ---------------------------------------------------------------- 7. ⍎'' as a statement
@pytest.mark.parametrize("backend", BACKENDS)
def test_execute_of_nothing_is_no_error_unless_used(backend):
    # LRG/primitive-functions/execute: "⍎Y has no value and using or assigning it to a name
    # will generate VALUE ERROR"
    assert run("⍎''", backend) is None
    assert run("⍎'   '", backend) is None
    assert run("⍎'⍝ a comment'", backend) is None
    assert int(run("⍎'' ⋄ 5", backend)) == 5
    assert int(run("{⍎'' ⋄ ⍵}3", backend)) == 3
    assert err("x←⍎''", backend) == "VALUE ERROR"
    assert err("1+⍎''", backend) == "VALUE ERROR"
    assert err("{⍎''}3", backend) == "VALUE ERROR"


def test_execute_statement_display_follows_dyalog():
    # the page's examples: ⍎'1+1 ⋄ 2+2' shows 2 then 4; A←⍎'1+1 ⋄ 2+2' shows 2
    assert [int(x) for x in shown("⍎'1+1 ⋄ 2+2'")] == [2, 4]
    assert [int(x) for x in shown("A←⍎'1+1 ⋄ 2+2'")] == [2]
    assert shown("⍎''") == []
    # LRG/the-i-beam-operator/execute-expression: ⍎'a←42' is shy
    assert shown("⍎'a←42'") == []
    assert int(run("⍎'a←42' ⋄ a")) == 42
    assert int(run("{⍎'a←⍵'}3")) == 3  # a dfn ending at a shy statement returns its value
    assert int(run("{⍎'a←⍵' ⋄ a+1}3")) == 4


# ---------------------------------------------------------------- 8. invalid axes
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    "⌽[1.5]1 2",          # was DOMAIN ERROR
    "M←2 2⍴⍳4 ⋄ ⌽[1 2]M",  # was LENGTH ERROR
    "⊖[1.5]2 2⍴1",
    "2⌽[1.5]1 2",
    "+/[1.5]2 2⍴1",
    "+/[1 2]2 2⍴1",
    "+\\[1.5]1 2",
    "1 0/[1.5]1 2",
    "⊂[1.5]2 2⍴1",
    "↓[1.5]2 2⍴1",
    "1↑[1.5]1 2",
    "1 2+[1.5]2 2⍴1",
    ",[1.2 1.5]1 2",
    "⌽[⍬]1 2",
    "⌽[2]1 2",
])
def test_invalid_axes_are_rank_errors(src, backend):
    # Dyalog reports "RANK ERROR: Invalid axis" (april#76, april#66)
    assert err(src, backend) == "RANK ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_valid_axes_still_work(backend):
    same(run(",[0.5]1 2", backend), np.array([[1, 2]]))
    same(run("⌽[,1]1 2", backend), np.array([2, 1]))
    same(run("+/[1]2 2⍴1", backend), np.array([2, 2]))
    same(run("⊂[⍬]1 2", backend), np.array([1, 2]))
