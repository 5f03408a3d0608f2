"""The torch backend on a GPU: every test here skips on a machine without CUDA.

bench/gpu_check.py runs the same ground (and a benchmark) as one script."""
import pytest

torch = pytest.importorskip("torch")

pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")

from apl_values import tensors_in
from conformance import canon, difference, load_cases

import apl

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_conformance_on_cuda(case):
    exp = case["expect"]
    try:
        got, err = apl.evaluate(case["expr"], backend="torch", device="cuda"), None
    except apl.APLError as e:
        got, err = None, e.name
    if "error" in exp:
        assert err == exp["error"]
        return
    assert err is None
    assert all(t.device.type == "cuda" for t in tensors_in(got))
    assert difference(canon(got), exp) is None, difference(canon(got), exp)


def test_tensor_on_cuda_chooses_cuda():
    x = torch.arange(10, dtype=torch.float64, device="cuda")
    r = apl.evaluate("+/X×X", X=x)
    assert r.device.type == "cuda" and r.item() == 285.0


def test_mixing_cpu_and_cuda_is_a_domain_error():
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("X+Y", X=torch.ones(3), Y=torch.ones(3, device="cuda"))
    assert e.value.name == "DOMAIN ERROR"


def test_an_explicit_cuda_session_moves_cpu_tensors():
    r = apl.evaluate("X+1", X=torch.ones(3), device="cuda")
    assert r.device.type == "cuda"


def test_gradcheck_on_cuda():
    from torch.autograd import gradcheck

    x = torch.randn(3, 4, dtype=torch.float64, device="cuda", requires_grad=True)
    assert gradcheck(apl.function("{(+/,⍵×⍵)*0.5}"), (x,))
    assert gradcheck(apl.function("{e÷+/e←*⍵-⌈/⍵}"), (x[0].detach().clone().requires_grad_(),))


@pytest.mark.parametrize("expr", ["X+.×⍉X", "X⌈.+⍉X", "(⌊X)+.×⍉⌊X", "X[⍋X[;1];]", "∪⌊,X", "+\\X", "⍸,X>0",
                                  "(,X>0)/,X", "2 3⍴X", "{⍵×⍵}¨X", "X⍳X", "(⌊X)⊥⍉⌊X"])
def test_cuda_agrees_with_cpu(expr):
    x = torch.randn(4, 4, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    want = apl.evaluate(expr, X=x)
    got = apl.evaluate(expr, X=x.cuda())
    assert difference(canon(got), canon(want)) is None
