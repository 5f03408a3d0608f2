"""Comparing APL results with expected values, shared by the language-level test files."""
import numpy as np
import pytest

import apl


def ev(src, **names):
    return apl.evaluate(src, **names)


def chars(s):
    """A character vector (even of length 1)."""
    return np.array(list(s), dtype="<U1")


def nested(*items):
    out = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        out[i] = x
    return out


def same(got, exp):
    """Exact APL equality: shape, kind (character vs number) and every item, recursively."""
    g = got if isinstance(got, np.ndarray) else np.asarray(got)
    e = exp if isinstance(exp, np.ndarray) else np.asarray(exp)
    assert g.shape == e.shape, f"shape {g.shape} != {e.shape}"
    if e.dtype == object or g.dtype == object:
        for x, y in zip(g.ravel(), e.ravel()):
            same(x, y)
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
    same(ev(src, **names), exp)


def error_name(src):
    with pytest.raises(apl.APLError) as info:
        ev(src)
    return info.value.name


BACKENDS = ["numpy", "torch"]


def host(v):
    """v with every tensor, at any depth, made a NumPy array (results of the torch backend)."""
    if hasattr(v, "detach"):
        return v.detach().cpu().numpy()
    if isinstance(v, np.ndarray) and v.dtype == object and v.size:
        out = np.empty(v.shape, dtype=object)
        for i, x in enumerate(v.ravel()):
            out.reshape(-1)[i] = host(x)
        return out
    return v


def run_on(src, backend="numpy"):
    """src's value in a fresh session on the backend, as NumPy values."""
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    return host(s.eval(src))


def error_on(src, backend="numpy"):
    """The name of the APL error src gives on the backend."""
    with pytest.raises(apl.APLError) as info:
        run_on(src, backend)
    return info.value.name
