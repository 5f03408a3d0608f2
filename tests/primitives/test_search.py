"""Search and set functions (apl/primitives/search.py): ⍳ (index generator, index of), ⍸ (where),
∊ (enlist, membership), ⍷ (find), ∪ ∩ ~ and monadic ≠, through the public API.

Expected values are written in Python (see apl_values.expected): a number or a 1-character string
is a scalar, a longer (or empty) string a character vector, a list a vector of items; R(shape, items)
an array, Enc(x) an enclosure, Z(kind, shape) an empty array. A result must also be in canonical
storage: a nested array never holds only simple scalars. Examples from Dyalog's Language Reference
are marked "doc".
"""
import numpy as np
import pytest
from apl_values import BACKENDS, Enc, R, Z, check_spec, error_name, ev, run_on
from hypothesis import given, settings
from hypothesis import strategies as st

# ------------------------------------------------------------------ ⍳ index generator
IOTA = [
    ("⍳5", [1, 2, 3, 4, 5]),
    ("⍳1", [1]),
    ("⍳0", Z("N")),
    ("⍳2 3", R((2, 3), [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]])),
    ("⍳,3", [1, 2, 3]),  # a one-item vector is taken as the scalar (APL Wiki: the scalar-vector discrepancy)
    ("(⍳⍴)3 1 4 1 5", [1, 2, 3, 4, 5]),
    ("v←3 1 4 1 5 ⋄ (0=2|⍳⍴v)/v", [1, 1]),
    ("⍳⍬", Enc(Z("N"))),
    ("⍳2 1 2", R((2, 1, 2), [[1, 1, 1], [1, 1, 2], [2, 1, 1], [2, 1, 2]])),
    ("⍴⍳0 3", [0, 3]),
    ("⍴⍳3 0", [3, 0]),
    ("⍳5.0", [1, 2, 3, 4, 5]),
    ("⎕IO←0 ⋄ ⍳3", [0, 1, 2]),
    ("⎕IO←0 ⋄ ⍳2 2", R((2, 2), [[0, 0], [0, 1], [1, 0], [1, 1]])),
    ("(⍳2 3)≡(⍳2 3)[⍳2 3]", 1),  # doc: ⍳Y ←→ (⍳Y)[⍳Y]
    ("A←2 4⍴'MAINEXIT' ⋄ A≡A[⍳⍴A]", 1),  # doc
]


@pytest.mark.parametrize("expr,expected", IOTA)
def test_index_generator(expr, expected):
    check_spec(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("⍳¯1", "DOMAIN ERROR"),
    ("⍳2.5", "DOMAIN ERROR"),
    ("⍳'a'", "DOMAIN ERROR"),
    ("⍳2 ¯1", "DOMAIN ERROR"),
    ("⍳2 2⍴2", "RANK ERROR"),
])
def test_index_generator_errors(expr, name):
    assert error_name(expr) == name


def test_index_generator_types():
    assert ev("⍳4").dtype == np.int64
    assert ev("⍳0").dtype == np.int64
    item = ev("⍳2 3")[1, 2]
    assert isinstance(item, np.ndarray) and item.dtype == np.int64 and item.tolist() == [2, 3]


@pytest.mark.parametrize("backend", BACKENDS)
def test_iota_vector_edges(backend):
    assert run_on("⍴⍳2 0 3", backend).tolist() == [2, 0, 3]
    assert run_on("⍳⍬", backend).shape == ()
    assert [np.asarray(x).tolist() for x in run_on("⍳2 2", backend).reshape(-1)] == [
        [1, 1], [1, 2], [2, 1], [2, 2]]
    assert [np.asarray(x).tolist() for x in run_on("⎕IO←0 ⋄ ⍳1 2", backend).reshape(-1)] == [
        [0, 0], [0, 1]]


# ------------------------------------------------------------------ ⍳ index of
INDEX_OF = [
    ("2 4 3 1 4⍳1 2 3 4 5", [4, 1, 3, 2, 6]),  # doc
    ("'CAT' 'DOG' 'MOUSE'⍳'DOG' 'BIRD'", [2, 4]),  # doc
    ("'abc'⍳'cax'", [3, 1, 4]),
    ("'hello'⍳'l'", 3),
    ("'hello'⍳'lo'", [3, 5]),
    ("1 2 3⍳2 4", [2, 4]),
    ("1 2 3⍳3 2⍴1 2 3", R((3, 2), [1, 2, 3, 1, 2, 3])),
    ("1 2 3⍳⍬", Z("N")),
    ("⍬⍳1 2", [1, 1]),
    ("''⍳'ab'", [1, 1]),
    # major cells (doc)
    ("X←3 4⍴⍳12 ⋄ X⍳1 2 3 4", 1),
    ("X←3 4⍴⍳12 ⋄ X⍳2 4⍴1 2 3 4 9 10 11 12", [1, 3]),
    ("X←3 4⍴⍳12 ⋄ X⍳2 3 4 1", 4),
    ("X←3 4⍴⍳12 ⋄ X1←10 100 1000∘.+X ⋄ X1⍳100 1000∘.+X", [2, 3]),
    ("(3 2⍴'abcdef')⍳2 2⍴'cdxy'", [2, 4]),
    ("(3 2⍴⍳6)⍳2 3 2⍴1 2 9 9 5 6 3 4 0 0 1 2", R((2, 3), [1, 4, 3, 2, 4, 1])),
    ("(2 2 2⍴⍳8)⍳2 2⍴5 6 7 8", 2),
    ("(0 3⍴0)⍳2 3⍴0", [1, 1]),
    ("(3 0⍴0)⍳2 0⍴0", [1, 1]),
    # characters never match numbers
    ("'abc'⍳1 2", [4, 4]),
    ("1 2 3⍳'a'", 4),
    ("'123'⍳1 2 3", [4, 4, 4]),
    # nested and mixed
    ("(1 2)(3 4)⍳⊂3 4", 2),
    ("(1 2)(3 4)⍳(3 4)(5 6)", [2, 3]),
    ("'a' 1 'b'⍳'b'", 3),
    ("1 'a'⍳'a'", 2),
    ("(1 'a')⍳1", 1),
    ("'ab' 'c'⍳'c'", 2),
    ("'ab' 'c'⍳⊂,'c'", 3),  # ,'c' is a vector, not the scalar 'c'
    ("'ab' 'c'⍳,'c'", [2]),  # the items of a vector are looked for
    ("(⍬)('')⍳⊂''", 2),  # empty arrays match only with the same prototype
    ("(2 2⍴'ab' 'cd' 'ef' 'gh')⍳'ef' 'gh'", 2),
    ("(2 2⍴'ab' 'cd' 'ef' 'gh')⍳2 2⍴'ab' 'cd' 'x' 'y'", [1, 3]),
    ("(1 (2 3))(4)⍳⊂1 (2 3)", 1),
    ("1J2 3⍳3 1J2 2", [2, 1, 3]),
    ("0 1⍳1 0 1=1 1 1", [2, 1, 2]),
    # tolerant for non-integers (⎕CT)
    ("1.1 2.2⍳2.2+1e¯15", 2),
    ("1 2 3⍳3+1e¯15", 3),
    ("1 2 3⍳3.0000000001", 4),
    ("1 2 3⍳2.0", 2),
    ("(1+1e¯15) 1⍳1", 1),  # the first tolerant match wins over a later exact one
    ("⎕CT←0 ⋄ 1.1 2.2⍳2.2+1e¯15", 3),
    ("(1 2.5)(3 4)⍳⊂1 (2.5+1e¯15)", 1),
    ("1E20 5⍳1E20+1E5", 1),
    ("⎕IO←0 ⋄ 10 20 30⍳30 40", [2, 3]),
]


@pytest.mark.parametrize("expr,expected", INDEX_OF)
def test_index_of(expr, expected):
    check_spec(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("5⍳5", "RANK ERROR"),
    ("(3 2⍴⍳6)⍳1 2 3", "LENGTH ERROR"),
    ("(2 3 4⍴0)⍳3 2⍴0", "LENGTH ERROR"),  # doc: trailing shape must be the cell shape
])
def test_index_of_errors(expr, name):
    assert error_name(expr) == name


def _first_index_reference(a, w, ct=1e-14):
    out = []
    for q in w:
        eq = np.abs(a - q) <= ct * np.maximum(np.abs(a), abs(q))
        out.append(int(np.argmax(eq)) + 1 if eq.any() else len(a) + 1)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5), max_size=30), st.lists(st.integers(-7, 7), max_size=30))
def test_prop_index_of_integers(a, w):
    r = ev("A⍳W", A=np.array(a, dtype=np.int64), W=np.array(w, dtype=np.int64))
    assert r.tolist() == [a.index(x) + 1 if x in a else len(a) + 1 for x in w]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=1, max_size=40))
def test_prop_self_index(v):
    r = ev("V⍳V", V=np.array(v, dtype=np.int64))
    assert all(r <= np.arange(1, len(v) + 1))
    assert ev("V[V⍳V]≡V", V=np.array(v, dtype=np.int64)) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 8), min_size=1, max_size=25), st.lists(st.integers(0, 8), max_size=25),
       st.lists(st.sampled_from([0.0, 1e-15, -1e-15, 3e-15, 1e-13, -1e-12]), min_size=25, max_size=25))
def test_prop_index_of_tolerant(a, w, jitter):
    av = np.array(a, dtype=float) / 4 + 1
    wv = np.array([x / 4 + 1 for x in w]) * (1 + np.array(jitter[:len(w)]))
    assert ev("A⍳W", A=av, W=wv).tolist() == _first_index_reference(av, wv)


def test_index_of_large_inputs():
    rng = np.random.default_rng(5)
    a = rng.integers(0, 50_000, 200_000)
    w = rng.integers(0, 60_000, 200_000)
    r = ev("A⍳W", A=a, W=w)
    first = {}
    for i, x in enumerate(a.tolist()):
        first.setdefault(x, i + 1)
    assert r.tolist() == [first.get(x, len(a) + 1) for x in w.tolist()]
    f = rng.random(100_000)
    g = f[rng.integers(0, 100_000, 100_000)] * (1 + 1e-15)
    r = ev("F⍳G", F=f, G=g)
    assert np.all(r <= len(f)) and np.allclose(f[r - 1], g, rtol=1e-13, atol=0)


# ------------------------------------------------------------------ ⍸ where
WHERE = [
    ("⍸1 0 1 1", [1, 3, 4]),
    ("⍸0 1 0 1 1", [2, 4, 5]),
    ("⍸2 0 3", [1, 1, 3, 3, 3]),
    ("⍸2 0 1", [1, 1, 3]),
    ("⍸0 0", Z("N")),
    ("⍸⍬", Z("N")),
    ("⍸2 2⍴1 0 0 1", [[1, 1], [2, 2]]),
    ("⍸2 3⍴0 1 0 1 1 0", [[1, 2], [2, 1], [2, 2]]),
    ("⍸2 3⍴0 2 0 2 2 0", [[1, 2], [1, 2], [2, 1], [2, 1], [2, 2], [2, 2]]),
    ("⍸2 2 2⍴0 0 0 1 0 0 0 0", [[1, 2, 2]]),
    ("⍴⍸2 2⍴0", [0]),
    ("⍸2.0 1", [1, 1, 2]),
    ("⎕IO←0 ⋄ ⍸0 1 1", [1, 2]),
    ("⎕IO←0 ⋄ ⍸2 2⍴0 1 0 0", [[0, 1]]),
    ("m←3 3⍴⍳9 ⋄ m[⍸m>6]", [7, 8, 9]),
    ("m←3 3⍴⍳9 ⋄ (⍸m>6)≡⍸3 3⍴0 0 0 0 0 0 1 1 1", 1),
]


@pytest.mark.parametrize("expr,expected", WHERE)
def test_where(expr, expected):
    check_spec(expr, expected)


@pytest.mark.parametrize("expr", ["⍸¯1 0", "⍸1.5 1", "⍸'ab'", "⍸(1 2)(3 4)"])
def test_where_errors(expr):
    assert error_name(expr) == "DOMAIN ERROR"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 4), max_size=30))
def test_prop_where_counts(c):
    cv = np.array(c, dtype=np.int64)
    r = ev("⍸C", C=cv)
    assert r.tolist() == [i + 1 for i, k in enumerate(c) for _ in range(k)]
    assert ev("(≢⍸C)=+/C", C=cv) == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.booleans(), min_size=6, max_size=6))
def test_prop_where_matrix(bits):
    b = np.array(bits).reshape(2, 3)
    r = ev("⍸B", B=b)
    assert [x.tolist() for x in r] == [[i + 1, j + 1] for i in range(2) for j in range(3) if b[i, j]]
    assert ev("∧/B[⍸B]", B=b) == 1


# ------------------------------------------------------------------ ∊ enlist and membership
ENLIST = [
    ("∊(1 2)(3 (4 5))", [1, 2, 3, 4, 5]),
    ("MAT←2 2⍴'MISS' 'IS' 'SIP' 'PI' ⋄ ∊MAT", "MISSISSIPPI"),  # doc
    ("M←1 (2 2⍴2 3 4 5) (6(7 8)) ⋄ ∊M", [1, 2, 3, 4, 5, 6, 7, 8]),  # doc
    ("∊'ab' 'cd'", "abcd"),
    ("∊1 'a' (2 'b')", [1, "a", 2, "b"]),
    ("∊5", [5]),
    ("∊'a'", ["a"]),
    ("∊2 2⍴⍳4", [1, 2, 3, 4]),
    ("∊⍬", Z("N")),
    ("∊⊂⍬", Z("N")),
    ("∊''", Z("C")),
    ("∊'' ''", Z("C")),
    ("∊(⊂⊂⊂1 2)(⊂⊂3)", [1, 2, 3]),
    ("∊(1 2)(⍬)(3)", [1, 2, 3]),
]


@pytest.mark.parametrize("expr,expected", ENLIST)
def test_enlist(expr, expected):
    check_spec(expr, expected)


MEMBER = [
    ("2 5∊1 2 3", [1, 0]),
    ("'hello'∊'lo'", [0, 0, 1, 1, 1]),
    ("'THE CAT'∊'CAT'", [1, 0, 0, 0, 1, 1, 1]),
    ("(2 2⍴1 2 3 4)∊2 3", R((2, 2), [0, 1, 1, 0])),
    ("3∊2 2⍴1 2 3 4", 1),
    ("3∊3", 1),
    ("2∊⍬", 0),
    ("⍬∊1", Z("N")),
    ("'a'∊1 2 'a'", 1),
    ("1 'a'∊'abc'", [0, 1]),
    ("'1'∊1 2 3", 0),
    ("(⊂1 2)∊(1 2)(3 4)", 1),
    ("(1 2)(5 6)∊(1 2)(3 4)", [1, 0]),
    ("'cat' 'dog'∊'dog' 'cow'", [0, 1]),
    ("(⊂'')∊⊂⍬", 0),
    ("(⊂'')∊⊂''", 1),
    ("1.1∊1.1+1e¯15", 1),
    ("1.1∊1.1+1e¯10", 0),
    ("(⊂1 2.2)∊⊂1 (2.2+1e¯15)", 1),
    ("⎕CT←0 ⋄ 1.1∊1.1+1e¯15", 0),
]


@pytest.mark.parametrize("expr,expected", MEMBER)
def test_membership(expr, expected):
    check_spec(expr, expected)


def test_membership_is_boolean():
    assert ev("2 5∊1 2 3").dtype == np.bool_
    assert ev("(⊂1 2)∊(1 2)(3 4)").dtype == np.bool_


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-6, 6), max_size=25), st.lists(st.integers(-6, 6), max_size=25))
def test_prop_membership(a, w):
    r = ev("A∊W", A=np.array(a, dtype=np.int64), W=np.array(w, dtype=np.int64))
    assert np.asarray(r).tolist() == [x in w for x in a]


# ------------------------------------------------------------------ ⍷ find
FIND = [
    ("'AN'⍷'BANANA'", [0, 1, 0, 1, 0, 0]),  # doc
    ("'ANA'⍷'BANANA'", [0, 1, 0, 1, 0, 0]),  # doc: matches may overlap
    ("'BIRDS' 'NEST'⍷'BIRDS' 'NEST' 'SOUP'", [1, 0, 0]),  # doc
    ("MAT←3 9⍴'IS YOU ISOR IS YOUISN''T    ' ⋄ 'IS'⍷MAT",
     R((3, 9), [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])),  # doc
    ("MAT←3 9⍴'IS YOU ISOR IS YOUISN''T    ' ⋄ 'IS YOU'⍷MAT",
     R((3, 9), [1] + [0] * 11 + [1] + [0] * 14)),  # doc
    ("(2 3⍴'DAY')⍷'DAY'", [0, 0, 0]),  # a pattern of higher rank is never found
    ("'an'⍷'banana'", [0, 1, 0, 1, 0, 0]),
    ("'ana'⍷'banana'", [0, 1, 0, 1, 0, 0]),
    ("'x'⍷'axb'", [0, 1, 0]),
    ("'abcd'⍷'abc'", [0, 0, 0]),
    ("(2 2⍴1)⍷3 3⍴1", R((3, 3), [1, 1, 0, 1, 1, 0, 0, 0, 0])),
    ("(2 2⍴1 2 3 4)⍷3 3⍴1 2 0 3 4 0 1 2 3", R((3, 3), [1, 0, 0, 0, 0, 0, 0, 0, 0])),
    ("'abc'⍷2 5⍴'abcababcab'", R((2, 5), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0])),
    ("'ab'⍷2 3⍴'abxxab'", R((2, 3), [1, 0, 0, 0, 1, 0])),
    ("(2 3⍴1)⍷1 2 3", [0, 0, 0]),
    ("1 2⍷'ab12'", [0, 0, 0, 0]),
    ("1 2⍷1 (2+1e¯15),1 2", [1, 0, 1, 0]),
    ("(⊂1 2)⍷(1 2)(3)(1 2)", [1, 0, 1]),
    ("(1 2)⍷(1 2)(3)(1 2)", [0, 0, 0]),
    ("'ab' 'c'⍷'x' 'ab' 'c' 'ab'", [0, 1, 0, 0]),
    ("(1 'a')⍷1 'a' 1 'b'", [1, 0, 0, 0]),
    ("(2 1⍴'ab' 'cd')⍷2 2⍴'ab' 'x' 'cd' 'y'", R((2, 2), [1, 0, 0, 0])),
]


@pytest.mark.parametrize("expr,expected", FIND)
def test_find(expr, expected):
    check_spec(expr, expected)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2), min_size=1, max_size=3), st.lists(st.integers(0, 2), max_size=20))
def test_prop_find(p, w):
    r = ev("P⍷W", P=np.array(p, dtype=np.int64), W=np.array(w, dtype=np.int64))
    assert np.asarray(r).tolist() == [w[i:i + len(p)] == p for i in range(len(w))]


# ------------------------------------------------------------------ ∪ ∩ ~
SETS = [
    ("∪3 1 3 2 1", [3, 1, 2]),
    ("∪22 10 22 22 21 10 5 10", [22, 10, 21, 5]),
    ("∪'CAT' 'DOG' 'CAT' 'DUCK' 'DOG' 'DUCK'", ["CAT", "DOG", "DUCK"]),
    ("'HELLO'~'GOODBYE'", "HLL"),
    ("∪'mississippi'", "misp"),
    ("∪4 2⍴1 2 3 4 1 2 5 6", R((3, 2), [1, 2, 3, 4, 5, 6])),
    ("∪3 2⍴'abcdab'", R((2, 2), "abcd")),
    ("∪2 2 2⍴1 2 3 4 1 2 3 4", R((1, 2, 2), [1, 2, 3, 4])),
    ("∪5", [5]),
    ("∪⍬", Z("N")),
    ("∪''", Z("C")),
    ("∪(1 2)(3 4)(1 2)", [[1, 2], [3, 4]]),
    ("∪'ab' 'cd' 'ab' 'ab'", ["ab", "cd"]),
    ("∪1 'a' 1 'b' 'a'", [1, "a", "b"]),
    ("∪1.1 (1.1+1e¯15) 2", [1.1, 2]),
    ("∪1 1.0 2", [1, 2]),
    ("1 2 3∪3 4 5", [1, 2, 3, 4, 5]),
    ("'abc'∪'cde'", "abcde"),
    ("1 2 2∪2 3 3", [1, 2, 2, 3, 3]),
    ("5∪6", [5, 6]),
    ("5∪5", [5]),
    ("⍬∪1 2", [1, 2]),
    ("(1 2)(3 4)∪⊂1 2", [[1, 2], [3, 4]]),
    ("(1 2)(3 4)∪⊂5 6", [[1, 2], [3, 4], [5, 6]]),
    ("1 2 3 4∩2 4 6", [2, 4]),
    ("'abc'∩'bcd'", "bc"),
    ("'hello'∩'world'", "llo"),
    ("1 1 2∩1", [1, 1]),
    ("1 2 2 3∩2", [2, 2]),
    ("5∩5", [5]),
    ("1 2∩⍬", Z("N")),
    ("(1 2)(3 4)∩⊂3 4", [[3, 4]]),
    ("1 'a' 2∩'a'", ["a"]),
    ("1 'a' 2∩1 2", [1, 2]),
    ("1 2 3 4 5~2 4", [1, 3, 5]),
    ("'hello'~'l'", "heo"),
    ("'hello world'~' '", "helloworld"),
    ("'abc'~2 2⍴'ab'", ["c"]),
    ("(1 2)(3 4)(5 6)~⊂3 4", [[1, 2], [5, 6]]),
    ("'THIS' 'AND' 'THAT'~'TH' 'AND'", ["THIS", "THAT"]),
    ("1 'a' 2~'a'", [1, 2]),
    ("5~5", Z("N")),
    ("5~6", [5]),
    ("1 2 3~⍬", [1, 2, 3]),
    ("1.1 2~1.1+1e¯15", [2]),
    ("⍴(⊂1 2)~⊂1 2", [0]),
]


@pytest.mark.parametrize("expr,expected", SETS)
def test_set_functions(expr, expected):
    check_spec(expr, expected)


@pytest.mark.parametrize("expr", ["(2 2⍴⍳4)∪1", "1∪2 2⍴⍳4", "(2 2⍴⍳4)∩1", "(2 2⍴⍳4)~1"])
def test_set_function_rank_errors(expr):
    assert error_name(expr) == "RANK ERROR"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 9), max_size=30))
def test_prop_unique(v):
    r = ev("∪V", V=np.array(v, dtype=np.int64))
    assert np.asarray(r).tolist() == list(dict.fromkeys(v))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 9), max_size=15), st.lists(st.integers(0, 9), max_size=15))
def test_prop_union_intersection_without(a, w):
    A, W = np.array(a, dtype=np.int64), np.array(w, dtype=np.int64)
    assert np.asarray(ev("A∪W", A=A, W=W)).tolist() == a + [x for x in w if x not in a]
    assert np.asarray(ev("A∩W", A=A, W=W)).tolist() == [x for x in a if x in w]
    assert np.asarray(ev("A~W", A=A, W=W)).tolist() == [x for x in a if x not in w]


def test_results_of_nested_selections_are_canonical():
    for expr in ["(1 'a' 2)∩1 2", "(1 'a' 2)~'a'", "∪1 (1 2) 1~⊂1 2", "n←1 'a' 2 ⋄ n[1 3]"]:
        assert ev(expr).dtype == np.int64, expr
    assert ev("(1 'a')~1").dtype.kind == "U"


def test_unique_mask_monadic_not_equal():
    assert ev("≠3 1 3 2 1").tolist() == [1, 1, 0, 1, 0]
    assert ev("≠'hello'").tolist() == [1, 1, 1, 0, 1]
    assert ev("≠2 2⍴1 2 1 2").tolist() == [1, 0]  # major cells
    assert ev("≠⍬").shape == (0,)
    assert ev("⎕IO←0 ⋄ ≠1 1 2").tolist() == [1, 0, 1]
    assert ev("≠¨1 2").tolist() == [1, 1]  # each item alone is unique
    assert [x.tolist() for x in ev("(≠⊆⊢)1 1 0 1")] == [[1], [0]]
