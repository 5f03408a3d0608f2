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
