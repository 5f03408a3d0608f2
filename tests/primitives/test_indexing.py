"""Indexing (apl/primitives/indexing.py): brackets A[I;J], squad I⌷A and I⌷[K]A, choose and reach
indices, reading and in indexed assignment.

Expected values are written in Python (see apl_values.expected): a number or a 1-character string
is a scalar, a longer (or empty) string a character vector, a list a vector of items; R(shape, items)
an array, Enc(x) an enclosure, Z(kind, shape) an empty array. A result must also be in canonical
storage: a nested array never holds only simple scalars. Examples from Dyalog's Language Reference
are marked "doc".

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import (
    BACKENDS,
    Enc,
    R,
    Z,
    chars,
    check,
    check_spec,
    error_name,
    error_on,
    ev,
    nested,
    run_on,
    same,
)

# ------------------------------------------------------------------ bracket indexing
INDEXING = [
    ("v←10 20 30 ⋄ v[2]", 20),
    ("v←10 20 30 ⋄ v[3 1]", [30, 10]),
    ("v←10 20 30 40 ⋄ v[4 1]", [40, 10]),
    ("v←10 20 30 ⋄ v[2 2⍴3 1]", R((2, 2), [30, 10, 30, 10])),
    ("v←10 20 30 ⋄ v[⍬]", Z("N")),
    ("v←10 20 30 ⋄ v[1 1 1]", [10, 10, 10]),
    ("'abc'[2]", "b"),
    ("'abc'[3 1]", "ca"),
    ("(⍳5)[2]", 2),
    ("m←3 3⍴⍳9 ⋄ m[2;3]", 6),
    ("m←3 3⍴⍳9 ⋄ m[;2]", [2, 5, 8]),
    ("m←3 3⍴⍳9 ⋄ m[2;]", [4, 5, 6]),
    ("m←3 3⍴⍳9 ⋄ m[1 3;2 3]", R((2, 2), [2, 3, 8, 9])),
    ("m←3 3⍴⍳9 ⋄ m[;]", R((3, 3), list(range(1, 10)))),
    ("m←3 3⍴⍳9 ⋄ m[2 2⍴1;1]", R((2, 2), [1, 1, 1, 1])),
    ("m←3 3⍴⍳9 ⋄ m[1;2 2⍴3 2]", R((2, 2), [3, 2, 3, 2])),
    ("m←3 3⍴⍳9 ⋄ m[⍬;1]", Z("N")),
    ("a←2 3 4⍴⍳24 ⋄ a[;1;]", R((2, 4), [1, 2, 3, 4, 13, 14, 15, 16])),
    ("a←2 3 4⍴⍳24 ⋄ a[2;3;4]", 24),
    ("a←2 3 4⍴⍳24 ⋄ a[1;;2]", [2, 6, 10]),
    ("s←5 ⋄ s[]", 5),
    ("⎕IO←0 ⋄ v←10 20 30 ⋄ v[0 2]", [10, 30]),
    # nested arrays: a scalar selection is the item, enclosed when it is an array
    ("n←(1 2)(3 4)5 ⋄ n[1]", Enc([1, 2])),
    ("n←(1 2)(3 4)5 ⋄ n[3]", 5),
    ("n←(1 2)(3 4)5 ⋄ n[1 3]", [[1, 2], 5]),
    ("n←(1 2)(3 4)5 ⋄ n[3 3]", [5, 5]),
    ("n←'ab' 'cd' ⋄ n[2]", Enc("cd")),
    ("n←1 'a' 2 ⋄ n[1 3]", [1, 2]),
    ("n←1 'a' 2 ⋄ n[2]", "a"),
    ("n←2 2⍴(1 2)3 'x' (4 5) ⋄ n[2;]", ["x", [4, 5]]),
    ("n←2 2⍴(1 2)3 'x' (4 5) ⋄ n[1;1]", Enc([1, 2])),
    ("n←(1 2)(3 4) ⋄ ≡n[1]", 2),
    # choose indexing: nested index items give the positions of single items
    ("m←3 3⍴⍳9 ⋄ m[⊂2 3]", 6),
    ("m←3 3⍴⍳9 ⋄ m[(1 1)(3 3)]", [1, 9]),
    ("m←3 3⍴⍳9 ⋄ m[2 2⍴(1 1)(1 2)(2 1)(2 2)]", R((2, 2), [1, 2, 4, 5])),
    ("n←2 2⍴(1 2)3 'x' (4 5) ⋄ n[(1 1)(2 1)]", [[1, 2], "x"]),
]


@pytest.mark.parametrize("expr,expected", INDEXING)
def test_bracket_indexing(expr, expected):
    check_spec(expr, expected)


def test_indexing_scalar_results_are_numpy_scalars():
    assert isinstance(ev("v←10 20 30 ⋄ v[2]"), np.int64)
    assert isinstance(ev("m←2 2⍴0.5 1 2 3 ⋄ m[1;1]"), np.float64)
    r = ev("'abc'[2]")
    assert isinstance(r, np.ndarray) and r.shape == () and r.dtype.kind == "U"


@pytest.mark.parametrize("expr,name", [
    ("m←3 3⍴⍳9 ⋄ m[4;1]", "INDEX ERROR"),
    ("m←3 3⍴⍳9 ⋄ m[1;0]", "INDEX ERROR"),
    ("v←10 20 30 ⋄ v[0]", "INDEX ERROR"),
    ("v←10 20 30 ⋄ v[¯1]", "INDEX ERROR"),
    ("v←10 20 30 ⋄ v[4]", "INDEX ERROR"),
    ("⎕IO←0 ⋄ v←10 20 30 ⋄ v[3]", "INDEX ERROR"),
    ("m←2 2⍴⍳4 ⋄ m[3;1]", "INDEX ERROR"),
    ("m←2 2⍴⍳4 ⋄ m[1]", "RANK ERROR"),
    ("v←10 20 30 ⋄ v[1;2]", "RANK ERROR"),
    ("a←2 2 2⍴⍳8 ⋄ a[1;1]", "RANK ERROR"),
    ("v←10 20 30 ⋄ v[1.5]", "DOMAIN ERROR"),
    ("v←10 20 30 ⋄ v['a']", "DOMAIN ERROR"),
    ("m←3 3⍴⍳9 ⋄ m[⊂4 1]", "INDEX ERROR"),
    ("m←3 3⍴⍳9 ⋄ m[⊂1 2 3]", "RANK ERROR"),
])
def test_indexing_errors(expr, name):
    assert error_name(expr) == name


# ------------------------------------------------------------------ ⌷ index
MAT = "MAT←10⊥¨⍳3 4 ⋄ "
VEC = "VEC←111 222 333 444 ⋄ "
SQUAD = [
    (VEC + "3⌷VEC", 333),  # doc
    (VEC + "(⊂4 3)⌷VEC", [444, 333]),  # doc
    (VEC + "(⊂2 3⍴3 1 4 1 2 3)⌷VEC", R((2, 3), [333, 111, 444, 111, 222, 333])),  # doc
    (MAT + "MAT", R((3, 4), [11, 12, 13, 14, 21, 22, 23, 24, 31, 32, 33, 34])),
    (MAT + "2 1⌷MAT", 21),  # doc
    (MAT + "2⌷MAT", [21, 22, 23, 24]),  # doc
    (MAT + "3(2 1)⌷MAT", [32, 31]),  # doc
    (MAT + "(2 3)1⌷MAT", [21, 31]),  # doc
    (MAT + "(2 3)(,1)⌷MAT", R((2, 1), [21, 31])),  # doc
    (MAT + "⍴(2 1⍴1)(3 4⍴2)⌷MAT", [2, 1, 3, 4]),  # doc
    (MAT + "⍴⍬ ⍬⌷MAT", [0, 0]),  # doc
    ("⍬⌷5", 5),
    ("(⊂⍬)⌷10 20 30", Z("N")),
    ("1⌷(1 2)(3 4)", Enc([1, 2])),
    ("2⌷'abc'", "b"),
    ("⎕IO←0 ⋄ 0⌷10 20 30", 10),
]


@pytest.mark.parametrize("expr,expected", SQUAD)
def test_squad(expr, expected):
    check_spec(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("4⌷10 20 30", "INDEX ERROR"),
    ("0⌷10 20 30", "INDEX ERROR"),
    ("(2 2⍴1)⌷3 3⍴⍳9", "RANK ERROR"),
    ("1.5⌷10 20 30", "DOMAIN ERROR"),
])
def test_squad_errors(expr, name):
    assert error_name(expr) == name


# ---------------------------------------------------------------- ⌷ with axis
@pytest.mark.parametrize("src, exp", [
    ("1⌷[2]2 3⍴⍳6", [1, 4]),
    ("2⌷[1]2 3⍴⍳6", [4, 5, 6]),
    ("(1 3)2⌷[3 1]2 3 4⍴⍳24", np.array([[13, 15], [17, 19], [21, 23]])),
    ("(⊂1 3)⌷[2]2 3⍴⍳6", np.array([[1, 3], [4, 6]])),
])
def test_squad_with_axis(src, exp):
    check(src, exp)


def test_squad_with_axis_errors():
    assert error_name("5⌷[2]2 3⍴⍳6") == "INDEX ERROR"
    assert error_name("1⌷[3]2 3⍴⍳6") == "RANK ERROR"


# ---------------------------------------------------------------- m[i;j] takes simple indices
# LRG/indexing: for a matrix, Y is "two simple integer arrays separated by the semicolon" — a
# nested index on one axis is a DOMAIN ERROR (as it is in indexed assignment), not a NONCE.
@pytest.mark.parametrize("backend", BACKENDS)
def test_nested_index_on_one_of_several_axes_is_a_domain_error(backend):
    assert error_on("(2 3⍴⍳6)[(1 2)(2 1);1]", backend) == "DOMAIN ERROR"
    assert error_on("x←2 3⍴⍳6 ⋄ x[(1 2)(2 1);1]←0", backend) == "DOMAIN ERROR"
    check("(2 3⍴⍳6)[⊂⊂1 2]", 2)                                     # a single nested index chooses


# ---------------------------------------------------------------- documented examples, both backends
# LRG pages' printed results for the selection functions (kept as regressions).
G = "G←2 3⍴('ABC' 1)('DEF' 2)('GHI' 3)('JKL' 4)('MNO' 5)('PQR' 6)"
DOC_CASES = [
    (G + " ⋄ ((⊂2 1),1)⊃G", list("JKL")),                                 # LRG/pick
    (G + " ⋄ ((2 1)1 2)⊃G", "K"),
    ("(5⍴⊂⍳0)⊃10", 10),
    (G + " ⋄ G[2 2⍴⊂(2 2)2]", np.array([[5, 5], [5, 5]])),                # LRG/indexing, reach
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
        got = run_on(src, backend)
        e = np.asarray(exp)
        g = np.asarray(got)
        assert g.shape == e.shape, src
        assert (g == e).all(), src


@pytest.mark.parametrize("backend", BACKENDS)
def test_documented_where_and_partition(backend):
    got = run_on("⍸2 2⍴0 1 2 3", backend)
    assert [list(x) for x in got] == [[1, 2], [2, 1], [2, 1], [2, 2], [2, 2], [2, 2]]
    got = run_on("1 1 0 1⊆[1]4 4⍴⍳16", backend)
    assert got.shape == (2, 4)
    assert [list(x) for x in got.ravel()] == [[1, 5], [2, 6], [3, 7], [4, 8], [13], [14], [15], [16]]


# ---------------------------------------------------------------- reach indexing (read)
@pytest.mark.parametrize("backend", BACKENDS)
def test_reach_indexing_doc_example(backend):
    same(run_on(G + "\nG[((1 2)1)((2 3)2)]", backend), nested(chars("DEF"), np.array(6)))


@pytest.mark.parametrize("backend", BACKENDS)
def test_reach_indexing_shape_of_index(backend):
    same(run_on(G + "\nG[2 2⍴⊂(2 2)2]", backend), np.array([[5, 5], [5, 5]]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_enclosed_choose_index_is_reach_of_one_level(backend):
    r = run_on(G + "\nG[⊂⊂1 1]", backend)
    assert r.shape == () and r.dtype == object
    same(r[()], nested(chars("ABC"), np.array(1)))
    same(run_on(G + "\nG[⊂⊂1 1]≡G[⊂1 1]", backend), np.array(1))
    same(run_on(G + "\nV←,G\nV[⊂⊂1]≡V[1]", backend), np.array(1))


def test_reach_three_levels_and_mixed_with_choose():
    same(run_on(G + "\nG[⊂(1 2)1 2]"), chars("E").reshape(()))
    # items of one index may choose (simple) or reach (nested) independently
    same(run_on(G + "\nG[(2 3)((1 1)2)]"), nested(nested(chars("PQR"), np.array(6)), np.array(1)))


@pytest.mark.parametrize("backend", BACKENDS)
def test_simple_item_of_other_length_reaches_a_vector(backend):
    # Dyalog (Assignment (Indexed)): for a vector E, ⊂2 1 is ⊂(⊂2),(⊂1): reach, not choose
    same(run_on("X←(1 2 3)(4 5 6)\nX[(1 2)(2 3)]", backend), np.array([2, 6]))
    same(run_on("E←'GREEN' 'YELLOW' 'RED'\nE[⊂2 1]"), chars("Y").reshape(()))


def test_enclosed_empty_index_is_the_whole_array():
    r = run_on("A←5⍴0\nA[⊂⍬]")
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
    assert error_on(G + "\n" + src) == name


# ---------------------------------------------------------------- reach indexed assignment
D = "D←(2 3⍴⍳6)(2 2⍴'SMITH' 'JONES' 'SAM' 'BILL')"


def test_reach_indexed_assignment_doc_examples():
    r = run_on(D + "\nJ←⊂2 (1 2)\nD[J]←⊂'WILLIAMS'\nD")
    same(r[1][0, 1], chars("WILLIAMS"))
    r = run_on(D + "\nD[⊂2 (1 2)]←⊂'WILLIAMS'\nD[(1 (1 1))(2 (2 2) 1)]←10 'W'\nD")
    same(r[0], np.array([[10, 2, 3], [4, 5, 6]]))
    same(r[1], nested(chars("SMITH"), chars("WILLIAMS"), chars("SAM"), chars("WILL")).reshape(2, 2))
    r = run_on("E←'GREEN' 'YELLOW' 'RED'\nE[⊂2 1]←'M'\nE")
    same(r, nested(chars("GREEN"), chars("MELLOW"), chars("RED")))


def test_enclosed_empty_index_assigns_the_whole_array():
    same(run_on("A←5⍴0\nA[⊂⍬]←1\nA"), np.array(1))
    r = run_on("S←10\nS[⊂⍳0]←⊂'VECTOR'\nS")
    assert r.shape == () and r.dtype == object
    same(r[()], chars("VECTOR"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_reach_assignment_numbers(backend):
    same(run_on("X←(1 2 3)(4 5 6)\nX[(1 2)(2 3)]×←10\nX", backend),
         nested(np.array([1, 20, 3]), np.array([4, 5, 60])))
    same(run_on("X←(1 2 3)(4 5 6)\nX[⊂1 2]←0.5\nX", backend),
         nested(np.array([1, 0.5, 3]), np.array([4, 5, 6])))
    # a nested item replaced by a simple scalar leaves a simple array
    same(run_on("X←1(2 3)\nX[⊂⊂2]←7\nX", backend), np.array([1, 7]))
    # the last of repeated positions wins
    same(run_on("X←(1 2)(3 4)\nX[(1 1)(1 1)]←8 9\nX", backend), nested(np.array([9, 2]), np.array([3, 4])))


@pytest.mark.parametrize("src, name", [
    (D + "\nD[(1 (1 1))(2 (2 2) 1)]←1 2 3", "LENGTH ERROR"),
    (D + "\nD[(1 (1 1))(2 (2 2) 1)]←2 2⍴1", "RANK ERROR"),
    (D + "\nD[⊂2 (3 1)]←0", "INDEX ERROR"),
    (D + "\nD[⊂2 (1 2)]+←1", "DOMAIN ERROR"),
])
def test_reach_assignment_errors(src, name):
    assert error_on(src) == name


def test_choose_assignment_still_works():
    same(run_on("C←2 4⍴11 12 13 14 21 22 23 24\nC[(1 2)(2 3)]←102 203\nC"),
         np.array([[11, 102, 13, 14], [21, 22, 203, 24]]))
