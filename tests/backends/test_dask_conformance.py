"""Every public conformance case on the dask backend, compared with NumPy case by case, and the
numeric cases once more with the data given as a dask array in several chunks (so that the
chunked paths, not a one-chunk array, are what runs). Skipped without the dask extra."""
import numpy as np
import pytest

da = pytest.importorskip("dask.array")

from conformance import canon, difference, load_cases  # noqa: E402

import apl  # noqa: E402

CASES = load_cases()
IDS = [c["id"] for c in CASES]


def _run(expr, **kw):
    try:
        return "value", apl.evaluate(expr, **kw)
    except apl.APLError as e:
        return "error", e.name


@pytest.fixture(autouse=True, scope="module")
def _threads():
    """The threaded scheduler whatever a test before left active."""
    import dask

    with dask.config.set(scheduler="threads"):
        yield


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_dask_matches_numpy_and_expected(case):
    kind_np, got_np = _run(case["expr"])
    kind_d, got_d = _run(case["expr"], backend="dask")
    assert kind_d == kind_np, (got_np, got_d)
    if kind_np == "error":
        assert got_d == got_np
        exp = case["expect"]
        assert "error" not in exp or got_d == exp["error"]
        return
    assert difference(canon(got_d), canon(got_np)) is None, difference(canon(got_d), canon(got_np))
    if "error" not in case["expect"]:
        assert difference(canon(got_d), case["expect"]) is None


@pytest.mark.parametrize("case", CASES[:40], ids=IDS[:40])
def test_lazy_results_are_dask_arrays(case):
    """compute=False hands back dask arrays for numbers, NumPy for characters and nesting."""
    kind, got = _run(case["expr"], backend="dask", compute=False)
    if kind == "error":
        return
    if isinstance(got, np.ndarray):
        assert got.dtype.kind in "OU", f"NumPy numbers came back lazily: {got!r}"
    else:
        assert isinstance(got, da.Array)


X = np.array([3.5, -1.25, 2.0, 0.5, -4.0, 7.75, 1.0, -2.5])
M = np.arange(1.0, 25.0).reshape(6, 4) * np.array([1, -1, 0.5, 2])
WITH_DATA = [
    "+/X", "×/X", "⌈/X", "⌊/X", "-/X", "+\\X", "⌈\\X", "-\\X", "×\\X", "X+.×X", "X∘.×X", "(+/÷≢)X",
    "X[⍋X]", "X⍳⌽X", "∪⌊X", "(X>0)/X", "(X>0)⌿X", "2 4⍴X", "⌽X", "⊖X", "1↓X", "¯3↑X", "10↑X", "X,X",
    "X⍪X", "{⍵×⍵}¨X", "X*2", "|X", "⌊X", "⌈X", "2○X", "X≤0", "⍸X>0", "X[2 3]", "X[⍳3]",
    "v←X ⋄ v[1]←0 ⋄ v", "0@1⊢X", "3 +/ X", "⊃⌽X", "X∊⌊X", "X~1↑X", "2⊥⌊|X", "(⊂⍋X)⌷X", "≢X", "⍴X",
    "(+/,X×X)*0.5", "X÷2", "2÷X", "X-⌊X", "÷X", "*X÷10", "⍟|X", "X=X", "X≠⌽X", "∧/X>¯10",
    "+/M", "+⌿M", "(+⌿M)÷≢M", "M+.×⍉M", "⍉M", "⌽M", "⊖M", "M[2 4;1 3]", "M[;2]", "M[1;]", "2↑M", "¯1↓M",
    "1 2↓M", "M,M", "M⍪M", "(M[;1]>0)⌿M", "1 0 1 1/M", "{+/⍵}⍤1⊢M", "{⍵÷+/⍵}⍤1⊢M", "+/⍤1⊢M",
    "M+⍤1⊢⍳4", "M-⍤1⊢+⌿M", "M∘.+1 2", "+\\M", "+⍀M", "⌈/[1]M", "(,M)[⍋,M]", "3 8⍴M", ",M", "M×⍉⍉M",
    "⍉2 3 4⍴⍳24", "+.×/2 2 2⍴⍳8", "M⌈.+⍉M", "M∧.=M", "⍳≢M", "⍳2 3", "{(+/⍵)÷≢⍵}⌸⌊X", "(⌊X){+/⍵}⌸X",
    "{+/,⍵}⌺3⊢X", "{+/,⍵}⌺3 3⊢M", "⊂M", "⊃M", "↑↓M", "2⊂X", "(X>0)⊆X",
]


@pytest.mark.parametrize("expr", WITH_DATA)
def test_chunked_data_matches_numpy(expr):
    want_kind, want = _run(expr, X=X, M=M)
    kind, got = _run(expr, X=da.from_array(X, chunks=3), M=da.from_array(M, chunks=(4, 3)))
    assert kind == want_kind, got
    if kind == "value":
        assert difference(canon(got), canon(want)) is None, difference(canon(got), canon(want))
