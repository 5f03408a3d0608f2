"""Every public conformance case on the NumPy and the torch backends, compared case by case;
and the numeric cases once more with torch.Tensor.numpy and .tolist made to raise, so that a
numeric primitive that takes a tensor through NumPy fails here."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")

from apl_values import tensors_in
from conformance import canon, difference, load_cases

import apl

CASES = load_cases()
IDS = [c["id"] for c in CASES]


def _run(expr, **kw):
    try:
        return "value", apl.evaluate(expr, **kw)
    except apl.APLError as e:
        return "error", e.name


def _numeric_leaves(x, out):
    if isinstance(x, np.ndarray) and x.dtype == object:
        for v in x.reshape(-1):
            _numeric_leaves(v, out)
    elif isinstance(x, np.ndarray) and x.dtype.kind in "biufc":
        out.append(x)
    return out


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_numpy_and_torch_agree(case):
    kind_np, got_np = _run(case["expr"])
    kind_t, got_t = _run(case["expr"], backend="torch")
    assert kind_np == kind_t, (got_np, got_t)
    if kind_np == "error":
        assert got_np == got_t
        return
    assert difference(canon(got_t), canon(got_np)) is None, difference(canon(got_t), canon(got_np))
    # what the torch backend hands back: tensors for numbers (at any depth), never NumPy numbers
    assert not _numeric_leaves(got_t, []), "a NumPy numeric array came back from the torch backend"
    if isinstance(got_t, torch.Tensor):
        assert got_t.dtype in (torch.bool, torch.int64, torch.float64, torch.complex128)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_torch_matches_expected(case):
    exp = case["expect"]
    kind, got = _run(case["expr"], backend="torch")
    if "error" in exp:
        assert (kind, got) == ("error", exp["error"])
    else:
        assert kind == "value", got
        assert difference(canon(got), exp) is None, difference(canon(got), exp)


# ------------------------------------------------------------------ no round trip through NumPy
def _is_numeric_case(case):
    """Cases about numbers: no characters, no formatting or execution (⍕ ⍎ ⎕UCS make text)."""
    expr = case["expr"]
    if any(ch in expr for ch in "'⍕⍎") or "⎕UCS" in expr or "⎕A" in expr or "⎕D" in expr:
        return False
    return "error" in case["expect"] or not _has_chars(case["expect"])


def _has_chars(c):
    return any(isinstance(x, str) or (isinstance(x, dict) and _has_chars(x)) for x in c.get("ravel", []))


NUMERIC = [c for c in CASES if _is_numeric_case(c)]


def _raise(*args, **kwargs):
    raise AssertionError("a tensor went through NumPy (.numpy() or .tolist())")


@pytest.fixture
def no_numpy_round_trip(monkeypatch):
    monkeypatch.setattr(torch.Tensor, "numpy", _raise)
    monkeypatch.setattr(torch.Tensor, "tolist", _raise)
    yield
    monkeypatch.undo()


def test_the_patch_bites(no_numpy_round_trip):
    with pytest.raises(AssertionError):
        np.asarray(torch.ones(3))
    with pytest.raises(AssertionError):
        torch.ones(3).tolist()


def test_most_cases_are_numeric():
    assert len(NUMERIC) > 0.6 * len(CASES)


@pytest.mark.parametrize("case", NUMERIC, ids=[c["id"] for c in NUMERIC])
def test_numeric_cases_stay_tensors(case, monkeypatch):
    monkeypatch.setattr(torch.Tensor, "numpy", _raise)
    monkeypatch.setattr(torch.Tensor, "tolist", _raise)
    kind, got = _run(case["expr"], backend="torch")
    monkeypatch.undo()
    exp = case["expect"]
    if "error" in exp:
        assert (kind, got) == ("error", exp["error"])
    else:
        assert kind == "value", got
        assert difference(canon(got), exp) is None


NUMERIC_WITH_TENSORS = [
    ("+/X", {}), ("×/X", {}), ("⌈/X", {}), ("-/X", {}), ("+\\X", {}), ("⌈\\X", {}), ("-\\X", {}),
    ("÷\\X", {}), ("X+.×⍉X", {}), ("X∘.×X", {}), ("X⌈.+⍉X", {}), ("(+/÷≢)X", {}), ("X[⍋X]", {}),
    ("X⍳⌽X", {}), ("∪⌊X", {}), ("(X>0)/X", {}), ("2 3⍴X", {}), ("⌽X", {}), ("1↓X", {}), ("¯3↑X", {}),
    ("X,X", {}), ("{⍵×⍵}¨X", {}), ("X*2", {}), ("|X", {}), ("⌊X", {}), ("2○X", {}), ("X≤0", {}),
    ("(X>0)⍸1", {}), ("⍸X>0", {}), ("X[2 3]", {}), ("v←X ⋄ v[1]←0 ⋄ v", {}), ("0@1⊢X", {}),
    ("{(+/⍵)÷≢⍵}⌸⌊X", {}), ("3 +/ X", {}), ("⊃⌽X", {}), ("X∊⌊X", {}), ("X~1↑X", {}),
    ("+/¨(1 2)(3 4 5)", {}), ("2⊥⌊|X", {}), ("2 2 2⊤⌊|X", {}), ("(⊂⍋X)⌷X", {}),
]


@pytest.mark.parametrize("expr,_", NUMERIC_WITH_TENSORS, ids=[e for e, _ in NUMERIC_WITH_TENSORS])
def test_tensor_inputs_stay_tensors(expr, _, monkeypatch):
    x = np.array([3.5, -1.25, 2.0, 0.5, -4.0, 7.75])
    want_kind, want = _run(expr, X=x)
    monkeypatch.setattr(torch.Tensor, "numpy", _raise)
    monkeypatch.setattr(torch.Tensor, "tolist", _raise)
    kind, got = _run(expr, X=torch.tensor(x))
    monkeypatch.undo()
    assert kind == want_kind, got
    if kind == "value":
        assert tensors_in(got), "no tensor came back"
        assert difference(canon(got), canon(want)) is None, difference(canon(got), canon(want))
