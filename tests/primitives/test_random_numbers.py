"""The random functions ? (apl/primitives/random_numbers.py): roll ?Y and deal X?Y, and ⎕RL.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, error_name, error_on, ev, run_on
from hypothesis import given, settings
from hypothesis import strategies as st

import apl


# ------------------------------------------------------------------ ? roll
def test_roll_ranges_and_types():
    s = apl.Session()
    r = s.eval("?1000⍴10")
    assert r.dtype.kind == "i" and r.min() >= 1 and r.max() <= 10 and len(set(r.tolist())) == 10
    x = s.eval("?0")
    assert np.ndim(x) == 0 and np.asarray(x).dtype.kind == "f" and 0 < float(x) < 1
    f = s.eval("?100⍴0")
    assert f.dtype.kind == "f" and np.all((f > 0) & (f < 1)) and len(set(f.tolist())) == 100
    m = s.eval("?0 5 0")
    assert 0 < m[0] < 1 and m[1] in (1, 2, 3, 4, 5) and 0 < m[2] < 1
    assert s.eval("?1 1 1").tolist() == [1, 1, 1]
    assert s.eval("?2 3⍴6").shape == (2, 3)
    assert s.eval("?⍬").shape == (0,)
    assert s.eval("?1E15") <= 10 ** 15


def test_roll_index_origin_and_nesting():
    s = apl.Session()
    assert set(s.eval("⎕IO←0 ⋄ ?1000⍴3").tolist()) == {0, 1, 2}
    r = apl.evaluate("?(2 3)(4 5 6)")
    assert r.dtype == object and r[0].shape == (2,) and r[1].shape == (3,)
    assert np.all(r[1] >= 1) and np.all(r[1] <= np.array([4, 5, 6]))


def test_roll_is_deterministic_for_a_seed():
    a = apl.evaluate("⎕RL←42 ⋄ ?1000 1000 1000 0")
    b = apl.evaluate("⎕RL←42 ⋄ ?1000 1000 1000 0")
    assert np.array_equal(a, b)
    s = apl.Session()
    first, second = s.eval("?1000000"), s.eval("?1000000")
    assert first != second or s.eval("?1000000") != first  # the generator moves on within a session


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
    assert error_name(expr) == "DOMAIN ERROR"


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30))
def test_prop_deal(n, m):
    if n > m:
        assert error_name(f"{n}?{m}") == "DOMAIN ERROR"
        return
    r = ev(f"{n}?{m}").tolist()
    assert len(r) == n and len(set(r)) == n and all(1 <= x <= m for x in r)


# ---------------------------------------------------------------- deal too large
@pytest.mark.parametrize("backend", BACKENDS)
def test_deal_beyond_any_workspace_is_ws_full_not_a_crash(backend):
    assert error_on("9223372036854775807?9223372036854775807", backend) == "WS FULL"
    assert error_on("3000000000?3000000000", backend) == "WS FULL"
    assert run_on("⍴5?9223372036854775807", backend).tolist() == [5]
    assert error_on("5?3", backend) == "DOMAIN ERROR"
