"""Property: on random arrays, the torch backend gives what the NumPy backend gives (values, or
the same APL error)."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")
hypothesis = pytest.importorskip("hypothesis")

from conformance import canon, difference
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import apl

apl.Session()  # raises the recursion limit now, not inside a hypothesis run

MONADIC = ["+/", "×/", "⌈/", "⌊/", "-/", "+\\", "⌈\\", "-\\", "⌽", "⊖", "⍉", "∪", "⍋", "⍒", "⌊", "|", "×",
           "-", "÷", "*", "⍟", "!", "○", "≢", "⍴", ",", "↑", "↓", "⊃", "+⌿", "{⍵[⍋⍵]}", "{(+/⍵)÷≢⍵}", "⍸0<",
           "2+/", "{⍵×⍵}¨", "1 2∘○", "⍳≢", "∊⊂", "(⊂⍤1)", "(+/⍤1)", "{⍵⍳⍵}", "{⍵∊⌽⍵}", "{⍵~⊃⍵}", "=\\0<"]
DYADIC = ["+", "-", "×", "÷", "*", "|", "⌈", "⌊", "<", "≤", "=", "≠", "∧", "∨", "!", "○", "⍳", "∊", ",", "⍪",
          "∘.×", "∘.≤", "+.×", "⌈.+", "×.-", "⌽", "⍴⍨≢", "⊥", "↑⍨1+≢", "/⍨0<", "⍷", "∩", "∪", "~"]

numbers = st.one_of(st.integers(-20, 20), st.sampled_from([0.5, -1.5, 2.25, 1e-15 + 1, 3.0, -0.0, 7.125]))


@st.composite
def arrays(draw, max_rank=2):
    rank = draw(st.integers(0, max_rank))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=rank, max_size=rank)))
    n = int(np.prod(shape, dtype=np.int64))
    vals = draw(st.lists(numbers, min_size=n, max_size=n))
    floats = any(isinstance(v, float) for v in vals)
    return np.array(vals, dtype=np.float64 if floats else np.int64).reshape(shape)


def _both(expr, **names):
    out = []
    for backend, conv in ((None, lambda a: a), ("torch", torch.from_numpy)):
        try:
            out.append(("value", canon(apl.evaluate(expr, backend=backend,
                                                    **{k: conv(v) for k, v in names.items()}))))
        except apl.APLError as e:
            out.append(("error", e.name))
    return out


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.sampled_from(MONADIC), arrays())
def test_monadic_functions_agree(fn, x):
    (kn, n), (kt, t) = _both(f"{fn} X", X=x)
    assert kn == kt, (n, t)
    if kn == "value":
        assert difference(t, n) is None, difference(t, n)
    else:
        assert n == t


@SETTINGS
@given(st.sampled_from(DYADIC), arrays(), arrays())
def test_dyadic_functions_agree(fn, x, y):
    (kn, n), (kt, t) = _both(f"X {fn} Y", X=x, Y=y)
    assert kn == kt, (n, t)
    if kn == "value":
        assert difference(t, n) is None, difference(t, n)
    else:
        assert n == t
