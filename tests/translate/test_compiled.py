"""apl.compile (apl.function(src, compile=True)): the translator's PyTorch, specialised per
argument signature and cached; autograd flows through it and torch.compile takes it."""
from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import apl  # noqa: E402

D = torch.float64
HELPERS = ["{⍺+0.3×⍵-⍺}", "{u t←⍵ ⋄ p←u+⍺×t-u ⋄ p×((+/,u×u)*0.5)÷(+/,p×p)*0.5}",
           "{e÷+/e←*⍵-⌈/⍵}⍤1", "{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ 0.5<(d-lo)÷(⌈/,d)-lo}"]


def _args(src, g):
    if "u t←⍵" in src:
        return [torch.randn(2, 3, 4, dtype=D, generator=g), torch.randn(2, 3, 4, dtype=D, generator=g)], 7.5
    if "⍤1" in src:
        return torch.randn(3, 5, dtype=D, generator=g), None
    return torch.randn(2, 3, 4, 5, dtype=D, generator=g), torch.randn(2, 3, 4, 5, dtype=D, generator=g)


@pytest.mark.parametrize("src", HELPERS)
def test_compiled_agrees_with_the_interpreter(src):
    g = torch.Generator().manual_seed(1)
    w, a = _args(src, g)
    got = apl.compile(src)(w, a)
    want = apl.function(src)(w, a)
    assert torch.allclose(got.double(), torch.as_tensor(want).double())


def test_compile_true_is_apl_compile():
    f = apl.function("{⍵×2}", compile=True)
    assert isinstance(f, apl.compile("{⍵}").__class__)
    assert torch.equal(f(torch.ones(2, dtype=D)), torch.full((2,), 2.0, dtype=D))


def test_one_translation_per_signature():
    f = apl.compile("{⍵+1}")
    for _ in range(3):
        f(torch.ones(2, dtype=D))
    f(torch.ones(3, dtype=D))
    f(torch.ones(3, dtype=torch.float32))
    f(torch.ones(3, dtype=D))
    assert len(f._variants) == 3
    assert "def f(" in f.source(torch.ones(3, dtype=D))


def test_apl_errors_and_values_where_torchs_floats_differ():
    f = apl.compile("{⍵÷⍵}")
    assert torch.equal(f(torch.tensor([0.0, 2.0], dtype=D)), torch.tensor([1.0, 1.0], dtype=D))  # 0÷0 is 1
    with pytest.raises(ValueError, match="DOMAIN ERROR"):
        apl.compile("{1÷⍵}")(torch.tensor([0.0], dtype=D))
    assert torch.isinf(apl.compile("{1÷⍵}", check=False)(torch.tensor([0.0], dtype=D))).all()
    with pytest.raises(ValueError, match="LENGTH ERROR"):
        apl.compile("{⍺+⍵}")(torch.ones(3, dtype=D), torch.ones(2, dtype=D))


def test_integer_arguments_take_the_general_translation():
    f = apl.compile("{+/⍵}")
    assert int(f(torch.arange(5))) == 10
    assert f(torch.tensor([2**62, 2**62])).dtype == torch.float64  # (APL's overflow to float)


def test_autograd_flows_through_the_compiled_function():
    src = "{u t←⍵ ⋄ p←u+⍺×t-u ⋄ p×((+/,u×u)*0.5)÷(+/,p×p)*0.5}"
    f = apl.compile(src)
    u = torch.randn(2, 3, dtype=D, requires_grad=True)
    t = torch.randn(2, 3, dtype=D, requires_grad=True)
    assert torch.autograd.gradcheck(lambda u, t: f([u, t], 7.5), (u, t))
    f([u, t], 7.5).sum().backward()
    got = u.grad.clone()
    u.grad = None
    apl.function(src)([u, t], 7.5).sum().backward()
    assert torch.allclose(got, u.grad)


@pytest.mark.parametrize("backend", ["eager", "aot_eager"])
def test_torch_compile_takes_a_compiled_helper(backend):
    f = apl.compile("{u t←⍵ ⋄ u+⍺×t-u}")
    u, t = torch.randn(4, 8, dtype=D), torch.randn(4, 8, dtype=D)
    want = f([u, t], 7.5)
    try:
        g = torch.compile(lambda u, t: f([u, t], 7.5), backend=backend)
        got = g(u, t)
    except Exception as e:  # noqa: BLE001 - a torch without a working dynamo here
        pytest.skip(f"torch.compile cannot run here: {type(e).__name__}: {str(e)[:100]}")
    assert torch.allclose(got, want)
    assert np.allclose(got.numpy(), (u + 7.5 * (t - u)).numpy())
