"""Search, set, sort and selection primitives (⍳ ⍸ ∊ ⍷ ∪ ∩ ~ ⍋ ⍒ ⌷, indexing, deal) through
the public API, against Dyalog's documented behaviour (examples from the Language Reference are
marked "doc").

Expected values are written in Python:
  - a number or a 1-character string is a scalar; a longer (or empty) string a character vector;
  - a list is a vector of items (items that are lists, longer strings or R/Enc are nested);
  - `R(shape, items)` is an array of any shape, `Enc(spec)` an enclosure (a nested scalar),
    `Z(kind, shape)` an empty array: kind "N" numeric, "C" character, "O" nested.
A result must also be in canonical storage: a nested array never holds only simple scalars.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import apl


# ------------------------------------------------------------------ helpers
def ev(expr, **names):
    return apl.evaluate(expr, **names)


class R:
    def __init__(self, shape, items):
        self.shape, self.items = tuple(shape), list(items)


class Enc:
    def __init__(self, spec):
        self.spec = spec


class Z:
    def __init__(self, kind, shape=(0,)):
        self.kind, self.shape = kind, tuple(shape)


def _num(x):
    if isinstance(x, (bool, np.bool_)):
        return int(x)
    if isinstance(x, (complex, np.complexfloating)):
        return complex(x) if complex(x).imag else complex(x).real
    return x.item() if hasattr(x, "item") else x


def canon(v):
    """A result as (kind, shape, content): "N" numbers, "C" a string, "O" canonical items."""
    a = v if isinstance(v, np.ndarray) else np.asarray(v)
    if a.dtype == object:
        return ("O", a.shape, tuple(canon(x if isinstance(x, np.ndarray) else np.asarray(x)) for x in a.ravel()))
    if a.dtype.kind == "U":
        return ("C", a.shape, "".join(a.ravel().tolist()))
    return ("N", a.shape, tuple(_num(x) for x in a.ravel()))


def spec(x):
    """An expected value in the same form as canon."""
    if isinstance(x, Z):
        return (x.kind, x.shape, "" if x.kind == "C" else ())
    if isinstance(x, Enc):
        return ("O", (), (spec(x.spec),))
    if isinstance(x, str):
        return ("C", () if len(x) == 1 else (len(x),), x)
    if isinstance(x, (list, tuple)):
        x = R((len(x),), x)
    if isinstance(x, R):
        items = x.items
        if items and all(isinstance(i, str) and len(i) == 1 for i in items):
            return ("C", x.shape, "".join(items))
        if items and all(isinstance(i, (int, float, complex)) for i in items):
            return ("N", x.shape, tuple(items))
        return ("O", x.shape, tuple(spec(i) for i in items))
    if isinstance(x, np.ndarray):
        return canon(x)
    return ("N", (), (x,))


def close(a, b) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float, complex)) and isinstance(b, (int, float, complex)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        return a == b or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def check(expr, expected, **names):
    got = canon(ev(expr, **names))
    want = spec(expected)
    assert close(got, want), f"{expr}\n got  {got}\n want {want}"


def error_of(expr, **names):
    with pytest.raises(apl.APLError) as e:
        ev(expr, **names)
    return e.value.name


# ------------------------------------------------------------------ ⍳ index generator
IOTA = [
    ("⍳5", [1, 2, 3, 4, 5]),
    ("⍳1", [1]),
    ("⍳0", Z("N")),
    ("⍳2 3", R((2, 3), [[1, 1], [1, 2], [1, 3], [2, 1], [2, 2], [2, 3]])),
    ("⍳,3", [[1], [2], [3]]),
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
    check(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("⍳¯1", "DOMAIN ERROR"),
    ("⍳2.5", "DOMAIN ERROR"),
    ("⍳'a'", "DOMAIN ERROR"),
    ("⍳2 ¯1", "DOMAIN ERROR"),
    ("⍳2 2⍴2", "RANK ERROR"),
])
def test_index_generator_errors(expr, name):
    assert error_of(expr) == name


def test_index_generator_types():
    assert ev("⍳4").dtype == np.int64
    assert ev("⍳0").dtype == np.int64
    item = ev("⍳2 3")[1, 2]
    assert isinstance(item, np.ndarray) and item.dtype == np.int64 and item.tolist() == [2, 3]


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
    check(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("5⍳5", "RANK ERROR"),
    ("(3 2⍴⍳6)⍳1 2 3", "LENGTH ERROR"),
    ("(2 3 4⍴0)⍳3 2⍴0", "LENGTH ERROR"),  # doc: trailing shape must be the cell shape
])
def test_index_of_errors(expr, name):
    assert error_of(expr) == name


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
    check(expr, expected)


@pytest.mark.parametrize("expr", ["⍸¯1 0", "⍸1.5 1", "⍸'ab'", "⍸(1 2)(3 4)"])
def test_where_errors(expr):
    assert error_of(expr) == "DOMAIN ERROR"


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


# ------------------------------------------------------------------ ⍸ interval index
INTERVAL = [
    ("10 20 30⍸11 1 31 21", [1, 0, 3, 2]),  # doc
    ("'AEIOU'⍸'DYALOG'", [1, 5, 1, 3, 4, 2]),  # doc
    ("1 3 5⍸0 1 2 6", [0, 1, 1, 3]),
    ("10 20 30⍸25", 2),
    ("10 20 30⍸2 2⍴5 25 30 99", R((2, 2), [0, 2, 3, 3])),
    ("1 2 2 3⍸2", 3),
    ("⍬⍸1 2", [0, 0]),
    ("1.5 2.5⍸2 3", [1, 2]),
    ("1 2 3⍸2-1e¯15", 1),  # not tolerant
    ("1J1 2⍸1 1J2 3", [0, 1, 2]),  # complex: real part, then imaginary part
    ("⎕IO←0 ⋄ 10 20 30⍸5 25", [-1, 1]),
    # major cells
    ("(3 2⍴1 1 2 2 3 3)⍸2 2⍴2 5 0 0", [2, 0]),
    ("(3 2⍴1 1 2 2 3 3)⍸3 3", 3),
    ("(5 6⍴'Fi    Jay   John  MortenRoger ')⍸6 6⍴'JD    Jd    Geoff Anna  Scott Zeus  '",
     [1, 2, 1, 0, 5, 5]),
    # total array ordering of nested cells
    ("'AEJR'⍸'Ken' 'Adin' 'Larry' 'Phil' 'Roger'", [3, 1, 3, 3, 4]),
    ("(1 2)(1 5)(3)⍸(1 3)(0)(4 4)", [1, 0, 3]),
]


@pytest.mark.parametrize("expr,expected", INTERVAL)
def test_interval_index(expr, expected):
    check(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("3 1 2⍸2", "DOMAIN ERROR"),
    ("'ba'⍸'a'", "DOMAIN ERROR"),
    ("5⍸3", "RANK ERROR"),
    ("(2 2⍴⍳4)⍸1 2 3", "LENGTH ERROR"),
])
def test_interval_index_errors(expr, name):
    assert error_of(expr) == name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=20), st.lists(st.integers(-25, 25), max_size=20))
def test_prop_interval_index(x, y):
    xs = np.array(sorted(x), dtype=np.int64)
    r = ev("X⍸Y", X=xs, Y=np.array(y, dtype=np.int64))
    assert np.asarray(r).tolist() == [sum(v <= q for v in xs.tolist()) for q in y]


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
    check(expr, expected)


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
    check(expr, expected)


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
    check(expr, expected)


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
    check(expr, expected)


@pytest.mark.parametrize("expr", ["(2 2⍴⍳4)∪1", "1∪2 2⍴⍳4", "(2 2⍴⍳4)∩1", "(2 2⍴⍳4)~1"])
def test_set_function_rank_errors(expr):
    assert error_of(expr) == "RANK ERROR"


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


# ------------------------------------------------------------------ ⍋ ⍒
GRADE = [
    ("⍋3 1 2", [2, 3, 1]),
    ("⍋3 1 2 1", [2, 4, 3, 1]),  # stable
    ("⍒3 1 2 1", [1, 3, 2, 4]),  # stable too
    ("⍋'banana'", [2, 4, 6, 1, 3, 5]),
    ("⍒'banana'", [3, 5, 1, 2, 4, 6]),
    ("⍋0.1 ¯5 3E10 ¯5", [2, 4, 1, 3]),
    ("⍋1 0 1 0", [2, 4, 1, 3]),
    ("⍋1J2 1 1J¯2", [3, 2, 1]),  # doc: 1J¯2 precedes 1 which precedes 1J2
    ("⍋⍬", Z("N")),
    ("⍋,7", [1]),
    ("⍋3 2⍴3 1 1 2 1 1", [3, 2, 1]),
    ("⍒3 2⍴3 1 1 2 1 1", [1, 2, 3]),
    ("⍋3 2⍴'abcdab'", [1, 3, 2]),
    ("⍋4 3⍴2 1 0 0 2 2 1 1 1 1 0 0", [2, 4, 3, 1]),
    ("⍋2 2 2⍴8 7 6 5 4 3 2 1", [2, 1]),
    ("⍋3 0⍴0", [1, 2, 3]),
    ("⎕IO←0 ⋄ ⍋3 1 2", [1, 2, 0]),
    # total array ordering: mixed and nested arrays
    ("⍋1 'a' 2", [1, 3, 2]),  # numbers precede characters
    ("⍋'b' 1", [2, 1]),
    ("⍋'carpet' 'car'", [2, 1]),  # doc: 'car' precedes 'carpet'
    ("⍋(1949 4 30)(1949 4)", [2, 1]),  # doc
    ("⍋('April' 30)('April' 29)", [2, 1]),  # doc
    ("⍋(,'a') 'a'", [2, 1]),  # doc: 'a' precedes ,'a'
    ("⍋(1 2)(1 2 3)(1)", [3, 1, 2]),
    ("⍋'abc' 'ab' 'a' 'b'", [3, 2, 1, 4]),
    ("⍋(2)(1 2)(1)", [3, 2, 1]),
    ("⍋(2 2⍴1)(1 2)", [1, 2]),
    ("⍋'ab' (⊂'ab')", [1, 2]),
    ("⍋⍬ ''", [1, 2]),
    ("⍋'' ⍬", [2, 1]),
    ("⍋(1 2)(0)(1 2)", [2, 1, 3]),
    ("⍒(1 2)(0)(1 2)", [1, 3, 2]),
    ("⍋(2 2⍴'ab' 'c' 1 (2 3))", [2, 1]),
    ("⍋2 2⍴'b' 1 'a' 2", [2, 1]),
    ("⍋1J1 'a' ¯2", [3, 1, 2]),
]


@pytest.mark.parametrize("expr,expected", GRADE)
def test_grade(expr, expected):
    check(expr, expected)


COLLATED = [
    ("'cab'⍋'abcabc'", [3, 6, 1, 4, 2, 5]),
    ("'cab'⍒'abcabc'", [2, 5, 1, 4, 3, 6]),
    ("'ab'⍋'xaby'", [2, 3, 1, 4]),  # characters not in the collation come last, in order
    ("(2 3⍴'abcABA')⍒4 2⍴'abacAaAc'", [4, 2, 1, 3]),  # doc
    ("(2 3⍴'abcABA')⍋4 2⍴'abacAaAc'", [3, 1, 2, 4]),
    ("'ba'⍋3 2⍴'abbaab'", [2, 1, 3]),
    ("⎕IO←0 ⋄ 'cab'⍋'abc'", [2, 0, 1]),
]


@pytest.mark.parametrize("expr,expected", COLLATED)
def test_grade_collated(expr, expected):
    check(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("⍋5", "RANK ERROR"),
    ("⍒'a'", "RANK ERROR"),
    ("'ab'⍋1 2", "DOMAIN ERROR"),
    ("1 2⍋'ab'", "DOMAIN ERROR"),
    ("'abc'⍋'x'", "RANK ERROR"),
])
def test_grade_errors(expr, name):
    assert error_of(expr) == name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5) | st.floats(-1e6, 1e6, allow_nan=False), max_size=30))
def test_prop_grade_sorts(v):
    a = np.array(v, dtype=float)
    up, down = ev("⍋A", A=a) - 1, ev("⍒A", A=a) - 1
    assert sorted(up.tolist()) == list(range(len(v)))
    assert np.all(np.diff(a[up]) >= 0) and np.all(np.diff(a[down]) <= 0)
    # stable: equal items keep their order
    assert up.tolist() == sorted(range(len(v)), key=lambda i: v[i])
    assert down.tolist() == sorted(range(len(v)), key=lambda i: -v[i])
    assert ev("A[⍋A]≡A[⍋A][⍋A[⍋A]]", A=a) == 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=12))
def test_prop_grade_rows(rows):
    m = np.array(rows, dtype=np.int64)
    assert (ev("⍋M", M=m) - 1).tolist() == sorted(range(len(rows)), key=lambda i: rows[i])
    assert (ev("⍒M", M=m) - 1).tolist() == sorted(range(len(rows)), key=lambda i: tuple(-x for x in rows[i]))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text("abc", max_size=3), min_size=1, max_size=8))
def test_prop_grade_strings(words):
    r = apl.Session()
    r["W"] = [list(w) for w in words]  # nested vector of character vectors
    expected = sorted(range(len(words)), key=lambda i: words[i])
    assert (np.asarray(r.eval("⍋W")) - 1).tolist() == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 3) | st.lists(st.integers(0, 3), min_size=1, max_size=3), min_size=1, max_size=10))
def test_prop_grade_nested_numbers(items):
    """Vectors of numbers and number vectors: the quick sort keys agree with the full ordering
    (a matrix item added forces the general comparison; it must not disturb the others)."""
    s = apl.Session()
    s["W"] = items
    quick = (np.asarray(s.eval("⍋W")) - 1).tolist()
    full = [i for i in (np.asarray(s.eval("⍋W,⊂2 2⍴9")) - 1).tolist() if i != len(items)]
    assert quick == full
    down = [i for i in (np.asarray(s.eval("⍒W,⊂2 2⍴9")) - 1).tolist() if i != len(items)]
    assert (np.asarray(s.eval("⍒W")) - 1).tolist() == down
    # and the order is the dictionary order, a scalar before the one-item vector it ties with
    key = [((x,), 0) if isinstance(x, int) else (tuple(x), 1) for x in items]
    assert quick == sorted(range(len(items)), key=key.__getitem__)


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
    check(expr, expected)


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
    assert error_of(expr) == name


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
    check(expr, expected)


@pytest.mark.parametrize("expr,name", [
    ("4⌷10 20 30", "INDEX ERROR"),
    ("0⌷10 20 30", "INDEX ERROR"),
    ("(2 2⍴1)⌷3 3⍴⍳9", "RANK ERROR"),
    ("1.5⌷10 20 30", "DOMAIN ERROR"),
])
def test_squad_errors(expr, name):
    assert error_of(expr) == name


# ------------------------------------------------------------------ ? deal
def test_deal():
    r = ev("3?10")
    assert r.shape == (3,) and r.dtype == np.int64
    assert len(set(r.tolist())) == 3 and all(1 <= x <= 10 for x in r.tolist())
    assert sorted(ev("10?10").tolist()) == list(range(1, 11))
    assert sorted(ev("⎕IO←0 ⋄ 5?5").tolist()) == list(range(5))
    assert ev("0?0").shape == (0,) and ev("0?5").shape == (0,)
    big = ev("4?1E15")
    assert len(set(big.tolist())) == 4 and all(1 <= x <= 10 ** 15 for x in big.tolist())
    assert ev("(,3)?10").shape == (3,)


def test_deal_is_repeatable_with_rl():
    s = apl.Session()
    a = s.eval("⎕RL←42 ⋄ 5?100")
    b = s.eval("⎕RL←42 ⋄ 5?100")
    assert a.tolist() == b.tolist()


@pytest.mark.parametrize("expr", ["11?10", "¯1?10", "2.5?10", "3?10.5", "'a'?10"])
def test_deal_errors(expr):
    assert error_of(expr) == "DOMAIN ERROR"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30))
def test_prop_deal(n, m):
    if n > m:
        assert error_of(f"{n}?{m}") == "DOMAIN ERROR"
        return
    r = ev(f"{n}?{m}").tolist()
    assert len(r) == n and len(set(r)) == n and all(1 <= x <= m for x in r)


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
