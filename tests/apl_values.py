"""The tests' one module for running APL and comparing its values with expected ones.

- Running: `ev` (a fresh session), `run_on`/`error_on` on a backend, `shown` (what a session
  displays); `BACKENDS` parametrises over NumPy and torch, torch skipped where it is not installed.
- Building expected values: `chars`, `char_matrix`, `nested`, `enclose`, `grid`.
- Comparing: `same` (exact APL equality, at any depth), `check` (a source against a value),
  `error_name` (the APL error a source gives; no library text may leak into its message).
- Tables of expected values written in Python, for the primitives' tests: `matches` reads numbers,
  lists and `Enc`; `check_spec` reads strings, lists, `R`, `Enc` and `Z` (see their docstrings).
"""
from __future__ import annotations

import cmath
import importlib.util
import math
import re

import numpy as np
import pytest

import apl

# ---------------------------------------------------------------- backends
HAVE_TORCH = importlib.util.find_spec("torch") is not None
needs_torch = pytest.mark.skipif(not HAVE_TORCH, reason="torch is not installed")
BACKENDS = ["numpy", pytest.param("torch", marks=needs_torch)]

# the name of a Python exception, or a library's wording, inside an APL error's message
LEAK = re.compile(r"[A-Z][a-z]+Error|too many indices|Traceback|numpy|torch|tensor|dtype")


def _clean(err):
    """err, whose first line names no Python exception and no library."""
    first = str(err).split("\n")[0]
    assert not LEAK.search(first), str(err)
    return err


# ---------------------------------------------------------------- running
def ev(src, **names):
    """src's value in a fresh session (NumPy backend unless a name holds a tensor)."""
    return apl.evaluate(src, **names)


def error_name(src, **names):
    """The name of the APL error src gives (e.g. "DOMAIN ERROR")."""
    with pytest.raises(apl.APLError) as info:
        ev(src, **names)
    return _clean(info.value).name


def host(v):
    """v as NumPy: tensors, at any depth, made arrays; a scalar made a 0-d array; None stays."""
    if hasattr(v, "detach"):
        return v.detach().cpu().numpy()
    if isinstance(v, np.ndarray) and v.dtype == object and v.size:
        out = np.empty(v.shape, dtype=object)
        for i, x in enumerate(v.ravel()):
            out.reshape(-1)[i] = host(x)
        return out
    if isinstance(v, (np.generic, bool, int, float, complex, str)):
        return np.asarray(v)
    return v


def run_on(src, backend="numpy"):
    """src's value in a fresh session on the backend, as NumPy values."""
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    return host(s.eval(src))


def error_on(src, backend="numpy"):
    """The name of the APL error src gives on the backend."""
    with pytest.raises(apl.APLError) as info:
        run_on(src, backend)
    return _clean(info.value).name


def shown(src):
    """What a session displays for src, statement by statement (shy values are not shown)."""
    out = []
    s = apl.Session(output=out.append)  # ⎕← and the values ⍎ displays itself
    s.run(src, lambda v, shy: None if shy or v is None else out.append(v))
    return out


def run_translated(src, *args, name="f"):
    """Call the function `name` of the PyTorch source the translator wrote (apl.translate)."""
    ns = {}
    exec(compile(src, "<translated>", "exec"), ns)  # noqa: S102  (the code under test)
    return ns[name](*args)


def tensors_in(v):
    """Every torch tensor in the value v, at any depth."""
    if hasattr(v, "detach"):
        return [v]
    if isinstance(v, np.ndarray) and v.dtype == object:
        return [t for x in v.reshape(-1) for t in tensors_in(x)]
    return []


# ---------------------------------------------------------------- expected values
def chars(s):
    """A character vector (even of length 1)."""
    return np.array(list(s), dtype="<U1")


def char_matrix(*rows):
    """A character matrix from equal-length rows."""
    return np.array([list(r) for r in rows], dtype="<U1").reshape(len(rows), -1)


def nested(*items):
    """A nested vector of the items (arrays or scalars); `.reshape` gives other shapes."""
    out = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        out[i] = x
    return out


def grid(rows):
    """A nested matrix from a list of rows."""
    out = np.empty((len(rows), len(rows[0])), dtype=object)
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            out[i, j] = x
    return out


def enclose(x):
    """⊂x for a non-simple x: a 0-d object array."""
    out = np.empty((), dtype=object)
    out[()] = x
    return out


# ---------------------------------------------------------------- comparing
def _kind(a):
    return "O" if a.dtype == object else a.dtype.kind


def same(got, exp, exact_type=False):
    """Exact APL equality: shape, kind (character vs number) and every item, recursively.
    Floats agree to 1e-12. With exact_type, the storage agrees too: nested or simple, and the
    kind of number (boolean, integer, float, complex)."""
    g = got if isinstance(got, np.ndarray) else np.asarray(got)
    e = exp if isinstance(exp, np.ndarray) else np.asarray(exp)
    assert g.shape == e.shape, f"shape {g.shape} != {e.shape}"
    if exact_type:
        assert _kind(g) == _kind(e), f"{g.dtype} != {e.dtype}"
    if e.dtype == object or g.dtype == object:
        for x, y in zip(g.ravel(), e.ravel()):
            same(x, y, exact_type)
        return
    if e.dtype.kind == "U":
        assert g.dtype.kind == "U", f"expected characters, got {g.dtype}"
        assert (g == e).all(), f"{g!r} != {e!r}"
        return
    assert g.dtype.kind in "biufc", f"expected numbers, got {g.dtype}"
    if e.dtype.kind in "fc" or g.dtype.kind in "fc":
        np.testing.assert_allclose(g.astype(complex), e.astype(complex), rtol=1e-12, atol=1e-14)
    else:
        assert (g == e).all(), f"{g!r} != {e!r}"


def check(src, exp, **names):
    """src's value is exp (see `same`)."""
    same(ev(src, **names), exp)


# ---------------------------------------------------------------- tables of expected values
class Enc:
    """An expected enclosure: a nested scalar holding the item (in the notation of the table)."""

    def __init__(self, item):
        self.item = item


class R:
    """An expected array of any shape, from its items in ravel order."""

    def __init__(self, shape, items):
        self.shape, self.items = tuple(shape), list(items)


class Z:
    """An expected empty array: kind "N" numeric, "C" character, "O" nested."""

    def __init__(self, kind, shape=(0,)):
        self.kind, self.shape = kind, tuple(shape)


def matches(got, exp, rel=1e-12, abs_=1e-14):
    """got (an APL result) matches exp: a number, a one-character string (a character scalar),
    a list (a vector; items that are lists, Enc or arrays make it nested), an Enc, or a NumPy array
    (shape and values). Numbers agree to the relative and absolute tolerances."""
    if isinstance(exp, Enc):
        assert isinstance(got, np.ndarray) and got.dtype == object and got.shape == (), got
        matches(got[()], exp.item, rel, abs_)
        return
    if isinstance(exp, np.ndarray):
        g = np.asarray(got)
        assert g.shape == exp.shape, (g.shape, exp.shape)
        assert g.dtype != object, g
        if exp.dtype.kind == "U" or g.dtype.kind == "U":
            assert g.dtype.kind == exp.dtype.kind and np.array_equal(g, exp), (g, exp)
        elif exp.size:
            np.testing.assert_allclose(g, exp, rtol=rel, atol=abs_)
        return
    if isinstance(exp, list):
        g = np.asarray(got)
        assert g.ndim == 1 and g.shape[0] == len(exp), (g, exp)
        if any(isinstance(x, (list, Enc, np.ndarray)) for x in exp):
            assert g.dtype == object, g
            for x, e in zip(g, exp):
                matches(x, e, rel, abs_)
        elif any(isinstance(x, str) for x in exp):
            for x, e in zip(g, exp):
                matches(x, e, rel, abs_)
        else:
            matches(g, np.array(exp) if exp else np.zeros(0), rel, abs_)
        return
    assert np.ndim(got) == 0 and not (isinstance(got, np.ndarray) and got.dtype == object), got
    if isinstance(exp, str):
        assert np.asarray(got).dtype.kind == "U" and str(np.asarray(got)[()]) == exp, (got, exp)
        return
    g = complex(np.asarray(got)[()]) if np.iscomplexobj(got) or isinstance(exp, complex) else float(got)
    if isinstance(g, complex):
        assert cmath.isclose(g, complex(exp), rel_tol=rel, abs_tol=abs_), (g, exp)
    else:
        assert math.isclose(g, exp, rel_tol=rel, abs_tol=abs_), (g, exp)


def _number(x):
    if isinstance(x, (bool, np.bool_)):
        return int(x)
    if isinstance(x, (complex, np.complexfloating)):
        c = complex(x)
        return c.real if c.imag == 0 else c
    return x.item() if hasattr(x, "item") else x


def canonical(v):
    """A value as (kind, shape, content): kind "N" numbers (content their tuple), "C"
    characters (a string), "O" nested (the canonical forms of the items; an item that is no
    array is ("S", the scalar))."""
    a = v if isinstance(v, np.ndarray) else np.asarray(v)
    if a.dtype == object:
        items = tuple(canonical(x) if isinstance(x, np.ndarray) else ("S", _scalar_item(x)) for x in a.ravel())
        return ("O", a.shape, items)
    if a.dtype.kind == "U":
        return ("C", a.shape, "".join(a.ravel().tolist()))
    return ("N", a.shape, tuple(_number(x) for x in a.ravel()))


def _scalar_item(x):
    return str(x) if isinstance(x, (str, np.str_)) else _number(x)


def expected(x):
    """The canonical form (see `canonical`) of a value written as:
      - a number or a 1-character string: a scalar; a longer (or empty) string a character vector;
      - a list: a vector of items (items that are lists, longer strings or R/Enc/Z are nested);
      - R(shape, items) an array of any shape, Enc(x) an enclosure (a nested scalar),
        Z(kind, shape) an empty array; a NumPy array stands for itself."""
    if isinstance(x, np.ndarray):
        return canonical(x)
    if isinstance(x, Z):
        return (x.kind, x.shape, "" if x.kind == "C" else ())
    if isinstance(x, Enc):
        return ("O", (), (_expected_item(x.item),))
    if isinstance(x, str):
        return ("C", () if len(x) == 1 else (len(x),), x)
    if isinstance(x, list):
        x = R((len(x),), x)
    if isinstance(x, R):
        items = x.items
        if not items or all(_is_number(i) for i in items):
            return ("N", x.shape, tuple(_number(i) for i in items))
        if all(isinstance(i, str) and len(i) == 1 for i in items):
            return ("C", x.shape, "".join(items))
        return ("O", x.shape, tuple(_expected_item(i) for i in items))
    return ("N", (), (_number(x),))


def _is_number(x):
    return isinstance(x, (int, float, complex, np.number, np.bool_))


def _is_array(x):
    return isinstance(x, (list, R, Enc, Z, np.ndarray)) or (isinstance(x, str) and len(x) != 1)


def _expected_item(x):
    return expected(x) if _is_array(x) else ("S", _scalar_item(x))


def _close(a, b, rel):
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_close(x, y, rel) for x, y in zip(a, b))
    if rel and _is_number(a) and _is_number(b) and not isinstance(a, bool) and not isinstance(b, bool):
        return a == b or abs(a - b) <= rel * max(1.0, abs(a), abs(b))
    return a == b


def check_spec(src, exp, rel=0.0, **names):
    """src's value is the one the table writes as exp (see `expected`): the same kind, shape and
    items, and the same storage (a nested array holds arrays where exp has arrays, scalars where
    it has scalars). Numbers are equal, or within rel of each other (relative to the larger, at
    least 1) where rel is given."""
    got = canonical(ev(src, **names))
    want = expected(exp)
    assert _close(got, want, rel), f"{src}\n got  {got}\n want {want}"


def assert_error(src, name, **names):
    """src gives the APL error called name."""
    got = error_name(src, **names)
    assert got == name, f"{src}: {got}, want {name}"


def check_specs(cases):
    """check_spec for each (src, exp) of a table."""
    for src, exp in cases:
        check_spec(src, exp)


def assert_errors(cases):
    """assert_error for each (src, name) of a table."""
    for src, name in cases:
        assert_error(src, name)
