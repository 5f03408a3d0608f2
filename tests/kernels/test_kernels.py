"""apl.kernels: inner products f.g and scans f\\ against a naive Python reference, the
interpreter, and each other (the Numba kernels and the NumPy fallback give identical results)."""
import importlib
import math
import os
import subprocess
import sys
import tracemalloc

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import apl
from apl import kernels

inner_mod = importlib.import_module("apl.kernels.inner")

CT = 1e-14
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
PLIM = 2.0**63 - 8192
BIG = 9.2e18
GLYPHS = kernels.INNER_GLYPHS
KERNELS = ["numpy"] + (["numba"] if kernels.available() else [])


# ------------------------------------------------------------------ the naive reference
class Unsupported(Exception):
    """Where the kernels must return None: the interpreter's own rules decide."""


def _int(v):
    if not INT_MIN <= v <= INT_MAX:
        raise Unsupported("int64 overflow")
    return v


def _fin(v):
    if not math.isfinite(v):
        raise Unsupported("not finite")
    return v


def _teq(x, y):
    return x == y or abs(x - y) <= CT * max(abs(x), abs(y))


def _is01(v):
    return v == 0 or v == 1


def op(glyph, x, y):
    """x glyph y on Python numbers, by APL's rules: float rules when either is a float."""
    fl = isinstance(x, float) or isinstance(y, float)
    if glyph == "+":
        return _fin(x + y) if fl else _int(x + y)
    if glyph == "-":
        return _fin(x - y) if fl else _int(x - y)
    if glyph == "×":
        if not fl and abs(float(x) * float(y)) >= PLIM:
            raise Unsupported("product overflow")
        return _fin(x * y) if fl else x * y
    if glyph == "÷":
        if y == 0:
            if x != 0:
                raise Unsupported("divide by zero")
            return 1.0
        return _fin(float(x) / float(y)) if not fl else _fin(x / y)
    if glyph == "⌈":
        return max(x, y)
    if glyph == "⌊":
        return min(x, y)
    if glyph in "∧∨":
        if _is01(x) and _is01(y):
            return int(bool(x) and bool(y)) if glyph == "∧" else int(bool(x) or bool(y))
        if fl:
            raise Unsupported("gcd of floats")
        if INT_MIN in (x, y):
            raise Unsupported("gcd of int64 min")
        g = math.gcd(x, y)
        if glyph == "∨":
            return g
        if g == 0:
            return 0
        q = x // g
        if abs(float(q) * float(y)) >= PLIM:
            raise Unsupported("lcm overflow")
        return q * y
    if glyph in "=≠":
        e = _teq(x, y) if fl else x == y
        return int(e if glyph == "=" else not e)
    if glyph in "><":
        x, y = (y, x) if glyph == ">" else (x, y)
        return int(x < y and not _teq(x, y)) if fl else int(x < y)
    if glyph in "≥≤":
        x, y = (y, x) if glyph == "≥" else (x, y)
        return int(x <= y or _teq(x, y)) if fl else int(x <= y)
    if glyph == "|":
        if not fl:
            return y if x == 0 else y % x
        if x == 0:
            return float(y)
        q = y / x
        n = float(round(q))
        if abs(q - n) <= CT * max(abs(q), abs(n)):
            return 0.0
        return _fin(y - x * math.floor(q))
    if glyph == "*":
        if not fl:
            if y < 0 or abs(x) > 1 and y * math.log2(abs(x)) >= 64 or abs(x**y) >= PLIM:
                raise Unsupported("int power")
            return x**y
        if (x == 0 and y < 0) or (x < 0 and y != math.floor(y)):
            raise Unsupported("power domain")
        try:
            return _fin(float(x) ** float(y))
        except OverflowError:
            raise Unsupported("float power overflow") from None
    raise ValueError(glyph)


def right_fold(glyph, items):
    acc = items[-1]
    for x in reversed(items[:-1]):
        acc = op(glyph, x, acc)
    return acc


def _py(v, is_float):
    return float(v) if is_float else int(v)


def ref_inner(f, g, A, B):
    fa, fb = A.dtype.kind == "f", B.dtype.kind == "f"
    fl = fa or fb
    n = A.shape[1]
    out = np.empty((A.shape[0], B.shape[1]), dtype=object)
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            items = [op(g, _py(A[i, k], fl), _py(B[k, j], fl)) for k in range(n)]
            if f == "÷" or (f in "+-×" and g == "÷"):
                items = [float(x) for x in items]
            v = right_fold(f, items)
            if n > 1 and f in "+-×" and not isinstance(v, float) and abs(v) >= BIG:
                raise Unsupported("int64 result at or above the interpreter's limit")
            out[i, j] = v
    return out


def ref_scan(f, v):
    fl = v.dtype.kind == "f" or f == "÷"
    out = np.empty(v.shape, dtype=object)
    for idx in np.ndindex(*v.shape[:-1]):
        row = [_py(x, fl) for x in v[idx]]
        for i in range(len(row)):
            out[idx + (i,)] = right_fold(f, row[: i + 1])
    return out


def same_values(got, want, exact=True):
    got = np.asarray(got)
    if got.dtype.kind == "f" or any(isinstance(x, float) for x in np.ravel(want)):
        w = np.asarray(want, dtype=np.float64)
        if exact:
            return np.array_equal(got.astype(np.float64), w)
        return np.allclose(got.astype(np.float64), w, rtol=1e-9, atol=1e-12)
    return np.array_equal(got.astype(object), np.asarray(want, dtype=object))


def run_inner(f, g, A, B):
    """The kernel result for each backend, checked to be identical; and the reference."""
    results = [kernels.inner(f, g, A, B, ct=CT, backend=bk) for bk in KERNELS]
    first = results[0]
    for r in results[1:]:
        assert (r is None) == (first is None), (f, g, A, B)
        if r is not None:
            assert r.dtype == first.dtype and np.array_equal(r, first), (f, g, A, B, r, first)
    try:
        want = ref_inner(f, g, A, B)
    except Unsupported:
        want = None
    return first, want


# ------------------------------------------------------------------ inputs
def matrices(rng, kind, r, n, m):
    if kind == "bool":
        return rng.integers(0, 2, (r, n)).astype(bool), rng.integers(0, 2, (n, m)).astype(bool)
    if kind == "int":
        return rng.integers(-4, 5, (r, n)), rng.integers(-4, 5, (n, m))
    pool = np.array([-2.5, -1.5, -1.0, -0.5, 0.5, 1.0, 1.0 + 1e-15, 1.5, 2.0, 3.0, 0.1, 0.3])
    return rng.choice(pool, (r, n)), rng.choice(pool, (n, m))


PAIRS = [(f, g) for f in GLYPHS for g in GLYPHS]


@pytest.mark.parametrize("kind", ["bool", "int", "float"])
def test_every_pair_matches_the_reference(kind):
    rng = np.random.default_rng(7)
    for f, g in PAIRS:
        for r, n, m in ((3, 4, 2), (2, 1, 3), (1, 5, 1)):
            A, B = matrices(rng, kind, r, n, m)
            got, want = run_inner(f, g, A, B)
            assert (got is None) == (want is None), (f, g, kind, A, B, got, want)
            if got is not None:
                assert got.shape == (r, m)
                assert same_values(got, want), (f, g, kind, A, B, got, want)


@pytest.mark.parametrize("kind", ["bool", "int", "float", "mixed"])
def test_every_pair_matches_the_interpreter(kind):
    rng = np.random.default_rng(11)
    s = apl.Session()
    for f, g in PAIRS:
        if kind == "mixed":
            A, _ = matrices(rng, "float", 3, 4, 2)
            _, B = matrices(rng, "int", 3, 4, 2)
        else:
            A, B = matrices(rng, kind, 3, 4, 2)
        got = kernels.inner(f, g, A, B)
        try:
            want = np.asarray(s.eval(f"A{f}.{g}B", A=A, B=B))
        except apl.APLError:
            assert got is None, (f, g, A, B)
            continue
        if got is None:
            continue  # the interpreter's rules decide (here: results given as floats)
        assert same_values(got, want.astype(object) if want.dtype.kind != "f" else want, exact=False), (f, g)
        if f not in "∧∨":  # ∧/∨ of non-boolean values: the interpreter's pairwise tree may end in bool
            assert got.dtype == want.dtype, (f, g, kind, got.dtype, want.dtype)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    f=st.sampled_from(GLYPHS),
    g=st.sampled_from(GLYPHS),
    kind=st.sampled_from(["bool", "int", "float"]),
    shape=st.tuples(st.integers(1, 4), st.integers(1, 6), st.integers(1, 4)),
    seed=st.integers(0, 2**32 - 1),
)
def test_inner_property(f, g, kind, shape, seed):
    A, B = matrices(np.random.default_rng(seed), kind, *shape)
    got, want = run_inner(f, g, A, B)
    assert (got is None) == (want is None)
    if got is not None:
        assert same_values(got, want)


@settings(max_examples=150, deadline=None)
@given(
    f=st.sampled_from("+-×⌈⌊|<="),
    g=st.sampled_from("+-×⌈⌊|"),
    shape=st.tuples(st.integers(1, 3), st.integers(1, 4), st.integers(1, 3)),
    bits=st.sampled_from([31, 32, 61, 62, 63, 64]),
    seed=st.integers(0, 2**32 - 1),
)
def test_inner_overflow_is_left_to_the_interpreter(f, g, shape, bits, seed):
    """Near the int64 limits the kernels return None exactly where the reference overflows."""
    rng = np.random.default_rng(seed)
    r, n, m = shape
    lim = 2 ** (bits - 1)
    A = rng.integers(-lim, lim, (r, n), endpoint=bits < 64, dtype=np.int64)
    B = rng.integers(-lim, lim, (n, m), endpoint=bits < 64, dtype=np.int64)
    got, want = run_inner(f, g, A, B)
    assert (got is None) == (want is None), (f, g, A, B, got, want)
    if got is not None:
        assert same_values(got, want)


@settings(max_examples=100, deadline=None)
@given(f=st.sampled_from("+-×⌈⌊"), bits=st.sampled_from([31, 61, 62, 63]), n=st.integers(2, 8),
       seed=st.integers(0, 2**32 - 1))
def test_scan_overflow_gives_none_never_a_wrong_number(f, bits, n, seed):
    lim = 2 ** (bits - 1)
    v = np.random.default_rng(seed).integers(-lim, lim, n, dtype=np.int64)
    results = [kernels.scan(f, v, backend=bk) for bk in KERNELS]
    # the exact values (Python integers): item i of -\ is x0-x1+x2-…, whatever the bracketing
    xs = [int(x) for x in v]
    step = {"+": lambda a, x, i: a + x, "×": lambda a, x, i: a * x, "-": lambda a, x, i: a + (-x if i % 2 else x),
            "⌈": lambda a, x, i: max(a, x), "⌊": lambda a, x, i: min(a, x)}[f]
    want = [xs[0]]
    for i, x in enumerate(xs[1:], 1):
        want.append(step(want[-1], x, i))
    for r in results:
        if r is not None:
            assert r.tolist() == want, (f, v, r)
            assert all(abs(w) < BIG for w in want) or f in "⌈⌊"


def test_right_fold_order():
    # -/ 1 2 3 is 1-(2-3) = 2, not (1-2)-3 = ¯4
    A = np.array([[1, 2, 3]])
    B = np.ones((3, 1), dtype=np.int64)
    for bk in KERNELS:
        assert kernels.inner("-", "×", A, B, backend=bk).tolist() == [[2]]
        # ÷/ 8 4 2 is 8÷(4÷2) = 4
        assert kernels.inner("÷", "×", A * 0 + [[8, 4, 2]], B, backend=bk).tolist() == [[4.0]]


def test_tropical_and_boolean_products():
    rng = np.random.default_rng(3)
    A = rng.integers(-50, 50, (20, 30))
    B = rng.integers(-50, 50, (30, 10))
    P = rng.random((25, 25)) < 0.1
    for bk in KERNELS:
        mx = kernels.inner("⌈", "+", A, B, backend=bk)
        assert mx.dtype == np.int64 and np.array_equal(mx, (A[:, :, None] + B[None]).max(1))
        mn = kernels.inner("⌊", "+", A * 1.5, B * 1.0, backend=bk)
        assert mn.dtype == np.float64 and np.array_equal(mn, (A[:, :, None] * 1.5 + B[None]).min(1))
        bo = kernels.inner("∨", "∧", P, P, backend=bk)
        assert bo.dtype == np.bool_ and np.array_equal(bo, (P.astype(int) @ P.astype(int)) > 0)
        eq = kernels.inner("∧", "=", A, A.T, backend=bk)
        assert eq.dtype == np.bool_ and np.array_equal(eq, (A[:, None, :] == A[None, :, :]).all(2))
        mm = kernels.inner("+", "×", A * 0.5, B * 0.25, backend=bk)
        assert np.allclose(mm, (A * 0.5) @ (B * 0.25))


def test_none_where_the_interpreter_decides():
    big = np.array([[2**62, 2**62]])
    col = np.array([[1], [1]])
    for bk in KERNELS:
        assert kernels.inner("+", "×", big, col, backend=bk) is None  # overflow: the interpreter gives floats
        assert kernels.inner("⌈", "+", big, np.array([[2**62], [0]]), backend=bk) is None
        assert kernels.inner("+", "÷", np.array([[1, 2]]), np.array([[0], [1]]), backend=bk) is None  # 1÷0
        assert kernels.inner("+", "∧", np.array([[1.5]]), np.array([[2.0]]), backend=bk) is None  # float LCM
        assert kernels.inner("+", "÷", np.array([[0]]), np.array([[0]]), backend=bk).tolist() == [[1.0]]  # 0÷0
    assert kernels.inner("⍟", "+", col.T, col) is None  # not a supported glyph
    assert kernels.inner("+", "+", np.zeros((2, 0)), np.zeros((0, 3))) is None  # identity: the caller's
    assert kernels.inner("+", "+", np.array([["a"]]), np.array([["b"]])) is None
    with pytest.raises(ValueError):
        kernels.inner("+", "×", np.ones((2, 3)), np.ones((2, 3)))


def test_tolerant_comparison_and_ct():
    A = np.array([[1.0]])
    B = np.array([[1.0 + 1e-15]])
    for bk in KERNELS:
        assert kernels.inner("+", "=", A, B, backend=bk).tolist() == [[True]]
        assert kernels.inner("+", "=", A, B, ct=0.0, backend=bk).tolist() == [[False]]
        assert kernels.scan("<", np.array([1.0, 1.0 + 1e-15]), backend=bk).tolist() == [1.0, 0.0]


def test_numpy_fallback_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(inner_mod, "CHUNK", 1 << 14)
    rng = np.random.default_rng(0)
    A, B = rng.random((150, 150)), rng.random((150, 150))
    tracemalloc.start()
    r = kernels.inner("⌈", "+", A, B, backend="numpy")
    s = kernels.inner("-", "×", A, B, backend="numpy")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2_000_000  # broadcasting would hold 150³ × 8 bytes = 27 MB
    assert np.array_equal(r, (A[:, :, None] + B[None]).max(1))
    assert s.shape == (150, 150)


# ------------------------------------------------------------------ scans
def vectors(rng, kind, shape):
    if kind == "bool":
        return rng.integers(0, 2, shape).astype(bool)
    if kind == "int":
        return rng.integers(-4, 5, shape)
    pool = np.array([-2.5, -1.5, -1.0, -0.5, 0.5, 1.0, 1.0 + 1e-15, 1.5, 2.0, 3.0, 0.1, 0.3, 0.0])
    return rng.choice(pool, shape)


@pytest.mark.parametrize("kind", ["bool", "int", "float"])
def test_every_scan_matches_the_reference_and_the_interpreter(kind):
    rng = np.random.default_rng(5)
    s = apl.Session()
    for f in kernels.SCAN_GLYPHS:
        for shape in ((7,), (3, 6), (2,)):
            v = vectors(rng, kind, shape)
            if f == "*":
                v = np.abs(v) if kind != "float" else np.abs(v) % 2
            results = [kernels.scan(f, v, ct=CT, backend=bk) for bk in KERNELS]
            got = results[0]
            for r in results[1:]:
                assert (r is None) == (got is None), (f, v)
                if r is not None:
                    assert r.dtype == got.dtype, (f, v, r, got)
                    # float powers: NumPy's pow and libm's (Numba's) may differ in the last bit
                    assert np.array_equal(r, got) or (f == "*" and np.allclose(r, got, rtol=1e-15)), (f, v, r, got)
            try:
                want = ref_scan(f, v)
            except Unsupported:
                want = None
            assert (got is None) == (want is None), (f, kind, v, got)
            if got is None:
                continue
            # + × - ÷ run left to right (as cumsum does), so float results may differ from a literal
            # right fold in the last bits (and NumPy's pow is not libm's)
            assert same_values(got, want, exact=f not in "+-×÷*"), (f, kind, v, got, want)
            interp = np.asarray(s.eval(f"{f}\\V", V=v))
            assert same_values(got, interp.astype(object) if interp.dtype.kind != "f" else interp, exact=False)
            assert got.dtype == interp.dtype, (f, kind, got.dtype, interp.dtype)


@settings(max_examples=150, deadline=None)
@given(
    f=st.sampled_from(kernels.SCAN_GLYPHS),
    kind=st.sampled_from(["bool", "int", "float"]),
    n=st.integers(2, 12),
    seed=st.integers(0, 2**32 - 1),
)
def test_scan_property(f, kind, n, seed):
    v = vectors(np.random.default_rng(seed), kind, (n,))
    if f == "*":
        v = v[:4]
        if len(v) < 2:
            return
    results = [kernels.scan(f, v, backend=bk) for bk in KERNELS]
    for r in results[1:]:
        assert (r is None) == (results[0] is None)
        if r is not None:
            assert np.array_equal(r, results[0]) or (f == "*" and np.allclose(r, results[0], rtol=1e-15))
    try:
        want = ref_scan(f, v)
    except Unsupported:
        want = None
    got = results[0]
    if f == "*" and got is None:
        return  # a power tower may overflow at a different step than the reference's
    assert (got is None) == (want is None), (f, v, got)
    if got is not None:
        assert same_values(got, want, exact=f not in "+-×÷*")


def test_scan_examples():
    for bk in KERNELS:
        assert kernels.scan("-", np.array([1, 2, 3, 4]), backend=bk).tolist() == [1, -1, 2, -2]
        assert kernels.scan("<", np.array([0, 0, 1, 0, 1], dtype=bool), backend=bk).tolist() == [0, 0, 1, 0, 0]
        assert kernels.scan("≠", np.array([1, 0, 1, 1], dtype=bool), backend=bk).tolist() == [1, 1, 0, 1]
        assert kernels.scan("÷", np.array([8, 4, 2, 1]), backend=bk).tolist() == [8.0, 2.0, 4.0, 4.0]
        assert kernels.scan("÷", np.array([0, 0, 2, 4]), backend=bk).tolist() == [0.0, 1.0, 1.0, 1.0]  # 0÷0 is 1
        assert kernels.scan("|", np.array([7, 5, 13]), backend=bk).tolist() == [7, 5, 3]
        m = np.array([[1, 2, 3], [4, 5, 6]])
        assert kernels.scan("-", m, backend=bk).tolist() == [[1, -1, 2], [4, -1, 5]]
        assert kernels.scan("+", np.array([2**62, 2**62]), backend=bk) is None  # overflow
        assert kernels.scan("÷", np.array([1, 0]), backend=bk) is None  # 1÷0
        assert kernels.scan("-", np.array([5]), backend=bk) is None  # nothing to fold


def test_long_scans_are_fast():
    v = np.random.default_rng(1).integers(-3, 4, 200_000)
    for f in "-<≤=≠":
        assert kernels.scan(f, v) is not None
    assert kernels.scan("÷", np.where(v == 0, 1, v)) is not None
    assert np.array_equal(kernels.scan("-", v), np.cumsum(v * np.where(np.arange(v.size) % 2, -1, 1)))


# ------------------------------------------------------------------ packaging
def test_import_apl_does_not_import_numba():
    code = "import sys, apl, apl.kernels; apl.evaluate('1+1'); print('numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_available_and_backends():
    assert isinstance(kernels.available(), bool)
    with pytest.raises(ValueError):
        kernels.inner("+", "×", np.ones((1, 1)), np.ones((1, 1)), backend="cuda")
    env = dict(os.environ, APL_NO_NUMBA="1")
    code = "from apl import kernels; import numpy as np; print(kernels.available(), kernels.scan('-', np.arange(4)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split()[0] == "False"
