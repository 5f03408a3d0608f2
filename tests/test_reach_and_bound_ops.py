"""Reach indexing (read, indexed assignment, @) and dyadic operators curried with their right
operand ((@2 4), inv←⍣¯1). Expected values are from the Dyalog Language Reference: Indexing,
Assignment (Indexed), At, and Operator Syntax ("Right Operand Currying")."""
import numpy as np
import pytest
from apl_values import chars, error_name, nested, same

import apl

G = "G←2 3⍴('ABC' 1)('DEF' 2)('GHI' 3)('JKL' 4)('MNO' 5)('PQR' 6)"
BACKENDS = ["numpy", "torch"]


def host(x):
    """Results as NumPy, at any depth (torch tensors converted)."""
    if isinstance(x, np.ndarray) and x.dtype == object:
        out = np.empty(x.shape, dtype=object)
        for i in np.ndindex(*x.shape):
            out[i] = host(x[i])
        return out
    if hasattr(x, "detach"):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def run(src, backend="numpy"):
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    out = None
    for line in src.split("\n"):
        out = s.eval(line)
    return host(out)


def err(src, backend="numpy"):
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    lines = src.split("\n")
    for line in lines[:-1]:
        s.eval(line)
    with pytest.raises(apl.APLError) as info:
        s.eval(lines[-1])
    return info.value.name


def pair(s, n):
    return nested(chars(s), np.array(n))


# ---------------------------------------------------------------- reach indexing (read)
@pytest.mark.parametrize("backend", BACKENDS)
def test_reach_indexing_doc_example(backend):
    same(run(G + "\nG[((1 2)1)((2 3)2)]", backend), nested(chars("DEF"), np.array(6)))


@pytest.mark.parametrize("backend", BACKENDS)
def test_reach_indexing_shape_of_index(backend):
    same(run(G + "\nG[2 2⍴⊂(2 2)2]", backend), np.array([[5, 5], [5, 5]]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_enclosed_choose_index_is_reach_of_one_level(backend):
    r = run(G + "\nG[⊂⊂1 1]", backend)
    assert r.shape == () and r.dtype == object
    same(r[()], pair("ABC", 1))
    same(run(G + "\nG[⊂⊂1 1]≡G[⊂1 1]", backend), np.array(1))
    same(run(G + "\nV←,G\nV[⊂⊂1]≡V[1]", backend), np.array(1))


def test_reach_three_levels_and_mixed_with_choose():
    same(run(G + "\nG[⊂(1 2)1 2]"), chars("E").reshape(()))
    # items of one index may choose (simple) or reach (nested) independently
    same(run(G + "\nG[(2 3)((1 1)2)]"), nested(pair("PQR", 6), np.array(1)))


@pytest.mark.parametrize("backend", BACKENDS)
def test_simple_item_of_other_length_reaches_a_vector(backend):
    # Dyalog (Assignment (Indexed)): for a vector E, ⊂2 1 is ⊂(⊂2),(⊂1): reach, not choose
    same(run("X←(1 2 3)(4 5 6)\nX[(1 2)(2 3)]", backend), np.array([2, 6]))
    same(run("E←'GREEN' 'YELLOW' 'RED'\nE[⊂2 1]"), chars("Y").reshape(()))


def test_enclosed_empty_index_is_the_whole_array():
    r = run("A←5⍴0\nA[⊂⍬]")
    assert r.shape == ()
    same(r[()], np.zeros(5, dtype=int))


@pytest.mark.parametrize("src, name", [
    ("G[⊂(1 2)4]", "INDEX ERROR"),
    ("G[⊂(3 1)1]", "INDEX ERROR"),
    ("G[⊂(1 2)(1 1)]", "RANK ERROR"),
    ("G[⊂(1 2)1 2 1]", "RANK ERROR"),
    ("G[⊂(1 2)(⊂1 1)]", "DOMAIN ERROR"),
    ("G[⊂(1 2)1.5]", "DOMAIN ERROR"),
    ("G[⊂(1 2)'a']", "DOMAIN ERROR"),
    ("G[⊂1 2 1]", "RANK ERROR"),
])
def test_reach_errors(src, name):
    assert err(G + "\n" + src) == name


# ---------------------------------------------------------------- reach indexed assignment
D = "D←(2 3⍴⍳6)(2 2⍴'SMITH' 'JONES' 'SAM' 'BILL')"


def test_reach_indexed_assignment_doc_examples():
    r = run(D + "\nJ←⊂2 (1 2)\nD[J]←⊂'WILLIAMS'\nD")
    same(r[1][0, 1], chars("WILLIAMS"))
    r = run(D + "\nD[⊂2 (1 2)]←⊂'WILLIAMS'\nD[(1 (1 1))(2 (2 2) 1)]←10 'W'\nD")
    same(r[0], np.array([[10, 2, 3], [4, 5, 6]]))
    same(r[1], nested(chars("SMITH"), chars("WILLIAMS"), chars("SAM"), chars("WILL")).reshape(2, 2))
    r = run("E←'GREEN' 'YELLOW' 'RED'\nE[⊂2 1]←'M'\nE")
    same(r, nested(chars("GREEN"), chars("MELLOW"), chars("RED")))


def test_enclosed_empty_index_assigns_the_whole_array():
    same(run("A←5⍴0\nA[⊂⍬]←1\nA"), np.array(1))
    r = run("S←10\nS[⊂⍳0]←⊂'VECTOR'\nS")
    assert r.shape == () and r.dtype == object
    same(r[()], chars("VECTOR"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_reach_assignment_numbers(backend):
    same(run("X←(1 2 3)(4 5 6)\nX[(1 2)(2 3)]×←10\nX", backend),
         nested(np.array([1, 20, 3]), np.array([4, 5, 60])))
    same(run("X←(1 2 3)(4 5 6)\nX[⊂1 2]←0.5\nX", backend),
         nested(np.array([1, 0.5, 3]), np.array([4, 5, 6])))
    # a nested item replaced by a simple scalar leaves a simple array
    same(run("X←1(2 3)\nX[⊂⊂2]←7\nX", backend), np.array([1, 7]))
    # the last of repeated positions wins
    same(run("X←(1 2)(3 4)\nX[(1 1)(1 1)]←8 9\nX", backend), nested(np.array([9, 2]), np.array([3, 4])))


@pytest.mark.parametrize("src, name", [
    (D + "\nD[(1 (1 1))(2 (2 2) 1)]←1 2 3", "LENGTH ERROR"),
    (D + "\nD[(1 (1 1))(2 (2 2) 1)]←2 2⍴1", "RANK ERROR"),
    (D + "\nD[⊂2 (3 1)]←0", "INDEX ERROR"),
    (D + "\nD[⊂2 (1 2)]+←1", "DOMAIN ERROR"),
])
def test_reach_assignment_errors(src, name):
    assert err(src) == name


def test_choose_assignment_still_works():
    same(run("C←2 4⍴11 12 13 14 21 22 23 24\nC[(1 2)(2 3)]←102 203\nC"),
         np.array([[11, 102, 13, 14], [21, 22, 203, 24]]))


# ---------------------------------------------------------------- @ with reach indices
@pytest.mark.parametrize("backend", BACKENDS)
def test_at_with_reach_indices_doc_example(backend):
    r = run(G + "\n('' '*' @((1 2)1)((2 3)2)) G", backend)
    same(r[0, 1][0], np.zeros(0, dtype="<U1"))
    same(r[0, 1][1], np.array(2))
    same(r[1, 2], nested(chars("PQR"), chars("*").reshape(())))
    same(r[0, 0], pair("ABC", 1))


@pytest.mark.parametrize("backend", BACKENDS)
def test_at_function_with_reach_indices(backend):
    r = run(G + "\n(⌽@((1 2)1)((2 3)1)) G", backend)
    same(r[0, 1], pair("PQR", 2))
    same(r[1, 2], pair("DEF", 6))
    r = run(G + "\n10×@((1 1)2)((2 3)2)⊢G", backend)
    same(r[0, 0], pair("ABC", 10))
    same(r[1, 2], pair("PQR", 60))
    same(run("'M'@(⊂2 1)⊢'GREEN' 'YELLOW' 'RED'", backend),
         nested(chars("GREEN"), chars("MELLOW"), chars("RED")))


def test_at_reach_length_error():
    assert err(G + "\n(1 2 3@((1 2)1)((2 3)2)) G") == "LENGTH ERROR"


# ---------------------------------------------------------------- right operand currying
@pytest.mark.parametrize("backend", BACKENDS)
def test_at_curried_doc_example(backend):
    same(run("(2 3⍴10 20)(@2 4)4 3⍴⍳12", backend),
         np.array([[1, 2, 3], [10, 20, 10], [7, 8, 9], [20, 10, 20]]))
    same(run("0(@2 4)⍳5", backend), np.array([1, 0, 3, 0, 5]))
    same(run("÷(@2 4)⍳5", backend), np.array([1, 0.5, 3, 0.25, 5]))


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
    same(run(src, backend), exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_named_curried_operators_doc_examples(backend):
    # Operator Syntax, "Right Operand Currying": inv←⍣¯1, lim←⍣≡
    same(run("inv←⍣¯1\n+\\inv 1 2 3", backend), np.array([1, 1, 1]))
    same(run("lim←⍣≡\n1 +∘÷lim 1", backend), np.array((1 + 5 ** 0.5) / 2))
    same(run("ea←(⍤0)\n{⍵,⍵}ea 1 2", backend), np.array([[1, 1], [2, 2]]))
    same(run("f←{i←⍣¯1 ⋄ -i ⍵}\nf 5", backend), np.array(-5))


@pytest.mark.parametrize("src", ["(@)", "(2@)", "(@2 4)⍳5", "@2 4", "(@2 4)"])
def test_misused_curried_operators_are_syntax_errors(src):
    assert error_name(src) == "SYNTAX ERROR"


def test_curried_operator_errors_keep_dyalog_names():
    assert error_name("×(⍣'a')3") == "DOMAIN ERROR"
    assert error_name("1 2 3(@4)⍳5") in ("LENGTH ERROR", "INDEX ERROR")


def test_translator_refuses_named_curried_operators():
    from apl.translate import translate

    for src in ["inv←⍣¯1 ⋄ +\\inv 1 2 3", "x←(@2 4)", "(@2 4)"]:
        with pytest.raises(apl.APLError) as info:
            translate(src)
        assert info.value.name == "NONCE ERROR"
