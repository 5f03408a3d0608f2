"""Namespaces (apl/runtime/env.py, apl/runtime/namespaces.py): ⎕NS, dotted names, # and ##,
⎕THIS, ⎕NL, ⎕NC 9, references as values, on both backends. From Dyalog's Language Reference
(system-functions/ns, nl, nc) and Programming Reference ("Namespaces", "Namespace References")."""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, host, same

import apl


def session(backend="numpy"):
    return apl.Session(backend=backend) if backend != "numpy" else apl.Session()


def shown(s, src):
    out = []
    s.run(src, lambda v, shy: None if shy else out.append(apl.display.format_value(host(v))))
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_members_are_set_and_read_through_a_reference(backend):
    s = session(backend)
    assert int(host(s.eval("ns←⎕NS ⍬ ⋄ ns.x←5 ⋄ ns.x+1"))) == 6
    assert int(host(s.eval("ns.x+←1 ⋄ ns.x"))) == 6
    same(host(s.eval("ns.v←1 2 3 ⋄ ns.v[2]←99 ⋄ ns.v")), np.array([1, 99, 3]))
    same(host(s.eval("ns.⎕NL 2")), np.array([["v"], ["x"]]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_functions_live_in_namespaces(backend):
    s = session(backend)
    s.eval("ns←⎕NS ⍬ ⋄ ns.f←{⍵×2} ⋄ ns.k←1")
    assert int(host(s.eval("ns.f 21"))) == 42
    assert int(host(s.eval("3 ns.f 4"))) == 8  # a dfn ignores ⍺: called dyadically
    s.eval("ns.⎕FX 'r←double x' 'r←2×x+k'")  # a tradfn in ns sees ns's names
    assert int(host(s.eval("ns.double 5"))) == 12
    same(host(s.eval("ns.⎕NL ¯3")), apl.evaluate("'double' (,'f')"))


def test_references_display_as_dyalog_shows_them():
    s = session()
    assert shown(s, "ns←⎕NS ⍬ ⋄ ns") == ["#.[Namespace]"]
    assert shown(s, "'X'⎕NS '' ⋄ X") == ["#.X"]  # the dyadic result (its name) is shy
    assert shown(s, "'X.Y'⎕NS '' ⋄ X.Y") == ["#.X.Y"]
    assert shown(s, "⎕NS¨2⍴⊂''") == [" #.[Namespace]  #.[Namespace] "]
    assert shown(s, "#") == ["#"]


def test_a_reference_is_a_simple_scalar_compared_by_identity():
    s = session()
    s.eval("a←⎕NS ⍬ ⋄ b←⎕NS ⍬ ⋄ c←a")
    same(host(s.eval("(≡a)(a≡c)(a≡b)(a=c)(a≠b)")), np.array([0, 1, 0, 1, 1]))
    same(host(s.eval("(a b)⍳b a")), np.array([2, 1]))
    same(host(s.eval("(a b c)=a")), np.array([1, 0, 1]))
    assert int(host(s.eval("c.x←7 ⋄ a.x"))) == 7  # c and a are one namespace
    with pytest.raises(apl.APLError) as e:
        s.eval("a+1")
    assert e.value.name == "DOMAIN ERROR"


def test_name_classes_and_name_lists():
    s = session()
    s.eval("ns←⎕NS ⍬ ⋄ x←1 ⋄ f←{⍵}")
    same(host(s.eval("⎕NC 'ns' 'x' 'f' 'ns.y'")), np.array([9.1, 2.1, 3.2, 0]))
    same(host(s.eval("⎕NC ↑'ns' 'x'")), np.array([9, 2]))
    same(host(s.eval("⎕NL 9")), np.array([["n", "s"]]))
    same(host(s.eval("⎕NL 2 3")), np.array([["f"], ["x"]]))
    same(host(s.eval("'x' ⎕NL ¯2 ¯3")), apl.evaluate(",⊂,'x'"))


def test_copies_of_names_into_a_new_namespace():
    s = session()
    s.eval("a←10 ⋄ g←{⍵+1} ⋄ ns←⎕NS 'a g'")
    assert int(host(s.eval("ns.g ns.a"))) == 11
    s.eval("ns.a←20")
    assert int(host(s.eval("a"))) == 10  # a copy, not the same variable
    s.eval("clone←⎕NS ns ⋄ clone.a←30")
    assert int(host(s.eval("ns.a"))) == 20


def test_root_parent_and_this():
    s = session()
    s.eval("x←'root' ⋄ 'util' ⎕NS '' ⋄ util.⎕FX 'r←getx' 'r←##.x' ⋄ util.⎕FX 'r←here' 'r←⎕THIS'")
    same(host(s.eval("util.getx")), chars("root"))
    same(host(s.eval("#.x")), chars("root"))
    assert shown(s, "util.here") == ["#.util"]
    assert shown(s, "⎕THIS") == ["#"]


def test_dfns_take_references_as_arguments():
    s = session()
    s.eval("ns←⎕NS ⍬ ⋄ ns.x←5")
    assert int(host(s.eval("{⍵.x}ns"))) == 5
    assert int(host(s.eval("{⍵.x←⍺ ⋄ ⍵.x}/9 ns"))) == 9
    assert int(host(s.eval("ns.x"))) == 9


def test_an_inner_product_of_named_functions_is_not_a_namespace():
    same(apl.evaluate("f←+ ⋄ g←× ⋄ 1 2 f.g 3 4"), np.array(11))


@pytest.mark.parametrize("src, name", [
    ("ns←⎕NS ⍬ ⋄ ns.nope", "VALUE ERROR"),
    ("x←1 ⋄ x.y", "VALUE ERROR"),                   # x is no namespace
    ("nosuch.y←1", "VALUE ERROR"),
    ("ns←⎕NS ⍬ ⋄ ns.v[2]←1", "VALUE ERROR"),
    ("f←{⍵} ⋄ 'f' ⎕NS ''", "DOMAIN ERROR"),          # the name holds a function
    ("⎕NS 'nosuch'", "DOMAIN ERROR"),
    ("⎕NL 'a'", "DOMAIN ERROR"),
    ("ns←⎕NS ⍬ ⋄ ns.⎕IO", "NONCE ERROR"),
])
def test_errors(src, name):
    with pytest.raises(apl.APLError) as e:
        apl.evaluate(src)
    assert e.value.name == name


def test_namespaces_are_saved_and_loaded(tmp_path):
    from apl.repl.core import Repl

    path = tmp_path / "ns.apl"
    repl = Repl(write=lambda line: None)
    repl.run("ns←⎕NS ⍬ ⋄ ns.k←1 ⋄ ns.⎕FX 'r←f x' 'r←x+k' ⋄ 'util' ⎕NS '' ⋄ util.g←{⍵×2} ⋄ alias←ns")
    repl.run(f")save {path}")
    fresh = Repl(write=lambda line: None)
    fresh.run(f")load {path}")
    s = fresh.session
    assert int(host(s.eval("(ns.f 1)+util.g 3"))) == 8
    assert shown(s, "util") == ["#.util"]
    assert bool(host(s.eval("alias≡ns")))  # one namespace, referred to twice


def _reference_inputs():
    from apl.glyphs import FUNCTION, GLYPHS, MONADIC_OPERATOR

    fns = [g.glyph for g in GLYPHS if g.kind == FUNCTION]
    mops = [g.glyph for g in GLYPHS if g.kind == MONADIC_OPERATOR]
    args = ["ns", "(ns ns2)", "(ns 1 'a')", "(⊂ns)", "(2 2⍴ns ns2 1 2)"]
    out = [src for f in fns for a in args for src in (f + a, a + f + a, "1 2" + f + a, a + f + "1 2")]
    return out + [f"{{⍵}}{m}{a}" for m in mops for a in args]


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_primitive_given_references_gives_a_value_or_a_clean_error(backend):
    """References are simple scalars to every walk of nested arrays (none recurses into one)."""
    s = session(backend)
    s.eval("ns←⎕NS ⍬ ⋄ ns2←⎕NS ⍬")
    for src in _reference_inputs():
        try:
            apl.display.format_value(host(s.eval(src)))
        except apl.APLError as e:
            assert e.name != "WS FULL" and "Error" not in e.message and "object" not in e.message, (src, str(e))


# ---------------------------------------------------------------- ns.(expr), (refs).name, X⍎Y
# Programming Reference, "Namespace References" / "Array Expansion": `ns.(expr)` runs expr in
# ns; a name after an array of references gives each one's value; LRG/primitive-functions/
# execute: X⍎Y runs Y in the namespace X refers to (or names).
@pytest.mark.parametrize("backend", BACKENDS)
def test_expressions_in_a_namespace(backend):
    s = session(backend)
    s.eval("ns←⎕NS ⍬ ⋄ ns.x←5 ⋄ x←100")
    assert int(host(s.eval("ns.(x+1)"))) == 6
    assert int(host(s.eval("1+(ns.(x×2))"))) == 11
    assert shown(s, "ns.(y←x×2)") == []  # an assignment in it is shy, as outside
    assert int(host(s.eval("ns.y"))) == 10
    assert int(host(s.eval("(ns).x"))) == 5
    assert int(host(s.eval("{⍵.(x+1)}ns"))) == 6
    assert int(host(s.eval("ns⍎'x+2'"))) == 7
    assert int(host(s.eval("'ns'⍎'z←4' ⋄ ns.z"))) == 4
    assert int(host(s.eval("x"))) == 100  # the session's x was not touched
    same(host(s.eval("(ns ns).x")), np.array([5, 5]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_array_expansion_of_references(backend):
    s = session(backend)
    s.eval("a←⎕NS¨⍬ ⍬ ⋄ a[1].(x←1) ⋄ a[2].(x←2 3)")
    got = host(s.eval("a.x"))
    assert int(got[0]) == 1 and host(got[1]).tolist() == [2, 3]
    same(host(s.eval("a[1].x ⋄ a.(≢x)")), np.array([1, 2]))
    s.eval("a[2].(x←2)")
    assert int(host(s.eval("+/a.x"))) == 3


def test_dot_after_a_function_stays_an_inner_product_and_errors():
    assert int(host(apl.evaluate("f←+ ⋄ g←× ⋄ 1 2 f.g 3 4"))) == 11
    assert int(host(apl.evaluate("1 2(+).(×)3 4"))) == 11
    for src, name in [("x←1 ⋄ x.(2)", "DOMAIN ERROR"), ("ns←⎕NS ⍬ ⋄ ns.(q)", "VALUE ERROR"),
                      ("a←⎕NS¨⍬ ⍬ ⋄ a.x", "VALUE ERROR"), ("1⍎'2'", "DOMAIN ERROR")]:
        with pytest.raises(apl.APLError) as e:
            apl.evaluate(src)
        assert e.value.name == name, src
