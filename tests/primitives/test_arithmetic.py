"""apl/primitives/arithmetic.py at the edges of int64: what fits stays an integer, exactly."""
import numpy as np
import pytest
from apl_values import BACKENDS, host

import apl


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("x, y", [(2**63 - 1, 1), (2**63 - 1, True), (2**62, -2), (-(2**63), 1),
                                  (3037000500, 3037000499), (-(2**63), -1), (2**62, 2), (-3037000500, 3037000500)])
def test_int64_products_at_the_edge_are_exact_where_they_fit(x, y, backend):
    """× of int64s: the exact product where it fits int64 (the float product's rounding near 2*63
    cannot tell), else floats — vectors as scalars (the tier's hypothesis test found them apart)."""
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    vector, scalar = host(s.eval("(,X)×,Y", X=x, Y=y)), host(s.eval("X{⍺×⍵}Y", X=x, Y=y))
    fits = -(2**63) <= x * y < 2**63
    assert vector.dtype == (np.int64 if fits else np.float64) and np.asarray(scalar).dtype == vector.dtype
    assert vector.tolist() == [x * y if fits else float(x * y)] and np.asarray(scalar).tolist() == vector.tolist()[0]


# ------------------------------------------------------------------ X*0.5 is a square root
@pytest.mark.parametrize("backend", BACKENDS)
def test_half_power_is_the_square_root_on_every_path(backend):
    """X*0.5 is sqrt(X): on NumPy bit for bit (correctly rounded) — arrays, scalars and the dfn
    path alike; torch's own sqrt is within one unit in the last place of it."""
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    x = np.random.default_rng(5).random(2000) * 10.0 ** np.random.default_rng(6).integers(-200, 200, 2000)
    want = np.sqrt(x)
    got = [host(s.eval("X*0.5", X=x))[:50], host(s.eval("X{⍺*⍵}¨0.5", X=x[:50])),
           np.array([float(host(s.eval("X*0.5", X=float(v)))) for v in x[:50]])]
    for g in got:
        if backend == "numpy":
            assert np.array_equal(g, want[:50])
        else:
            np.testing.assert_array_max_ulp(g, want[:50], maxulp=1)
    if backend == "numpy":
        assert np.array_equal(host(s.eval("X*0.5", X=x)), want)
    assert host(s.eval("16 0 2*0.5")).tolist() == [4.0, 0.0, 2**0.5]


@pytest.mark.parametrize("src, want", [("¯4*0.5", 2j), ("¯1 4*0.5", [1j, 2]), ("0*0.5", 0), ("(⍳0)*0.5", []),
                                       ("(2 2⍴4 9 16 25)*0.5", [[2, 3], [4, 5]]), ("4*,0.5", [2])])
def test_half_power_keeps_apl_answers_at_the_edges(src, want):
    got = apl.evaluate(src)
    assert np.asarray(got).tolist() == (want if isinstance(want, list) else want)


def test_half_power_keeps_the_gradient_of_its_exponent():
    torch = pytest.importorskip("torch")
    s = apl.Session(backend="torch")
    x = torch.tensor([2.0, 3.0], dtype=torch.float64)
    w = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
    s.eval("X*W", X=x, W=w).sum().backward()
    assert torch.allclose(w.grad, (x**0.5 * torch.log(x)).sum())
