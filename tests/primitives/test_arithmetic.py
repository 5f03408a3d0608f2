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
