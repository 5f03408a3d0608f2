"""apl.function: a dfn or derived function as a Python callable that autograd flows through."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")

from torch.autograd import gradcheck

import apl


def rand(*shape, seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g, dtype=torch.float64).requires_grad_()


NORM = "{(+/,⍵×⍵)*0.5}"
SOFTMAX = "{e÷+/e←*⍵-⌈/⍵}"
MEAN = "{(+/⍵)÷≢⍵}"
SLERP = "{p q←↓⍵ ⋄ o←¯2○+/p×q ⋄ ((p×1○(1-⍺)×o)+q×1○⍺×o)÷1○o}"  # ⍺ t, ⍵ the two unit rows


def test_norm_backward_gives_x_over_norm():
    norm = apl.function(NORM)
    x = rand(3, 4)
    n = norm(x)
    assert isinstance(n, torch.Tensor) and n.shape == () and n.requires_grad
    n.backward()
    assert torch.allclose(x.grad, x.detach() / n.detach())


def test_gradcheck_frobenius_norm():
    assert gradcheck(apl.function(NORM), (rand(3, 4),))


def test_gradcheck_softmax():
    softmax = apl.function(SOFTMAX)
    x = rand(6, seed=1)
    assert torch.allclose(softmax(x), torch.softmax(x, 0))
    assert gradcheck(softmax, (x,))


def test_gradcheck_inner_product():
    mm = apl.function("+.×")
    a, b = rand(3, 4, seed=2), rand(4, 2, seed=3)
    assert torch.allclose(mm(b, a), a @ b)  # f(omega, alpha): alpha +.× omega
    assert gradcheck(lambda a, b: mm(b, a), (a, b))


def test_gradcheck_batched_inner_product_with_rank():
    mm = apl.function("+.×⍤2")
    a, b = rand(5, 3, 4, seed=4), rand(5, 4, 2, seed=5)
    assert torch.allclose(mm(b, a), a @ b)
    assert gradcheck(lambda a, b: mm(b, a), (a, b))


def test_gradcheck_mean():
    assert gradcheck(apl.function(MEAN), (rand(7, seed=6),))


def test_gradcheck_slerp():
    slerp = apl.function(SLERP)
    pq = torch.nn.functional.normalize(torch.randn(2, 3, generator=torch.Generator().manual_seed(7),
                                                   dtype=torch.float64), dim=1).requires_grad_()
    t = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    r = slerp(pq, t)
    assert r.shape == (3,)
    assert torch.allclose(torch.linalg.norm(r), torch.tensor(1.0, dtype=torch.float64))
    assert gradcheck(lambda pq, t: slerp(pq, t), (pq, t))


@pytest.mark.parametrize("src", [
    "{+/⌽⍵×1↓⍵,0}", "{+/,(2 2⍴⍵)+.×2 2⍴⌽⍵}", "{+/{⍵×⍵}¨⍵}", "{⌈/⍵×⍵}", "{+/+\\⍵}", "{×/1+⍵×⍵}",
    "{+/(⍵>0)/⍵}", "{+/,⍵∘.×⍵}", "{+/|⍵}", "{+/2○⍵}", "{+/*-⍵×⍵}", "{+/⍵[⍋⍵]×⍳≢⍵}", "{+/0@1⊢⍵}",
    "{+/,↑⍵ (2×⍵)}", "{⊃+/(⊂⍵),⊂⍵×⍵}",
])
def test_gradcheck_structural_and_operators(src):
    f = apl.function(src)
    x = torch.tensor([0.7, -1.3, 2.1, 0.4], dtype=torch.float64, requires_grad=True)
    assert f(x).requires_grad
    assert gradcheck(f, (x,))


def test_function_on_numpy_and_python_values():
    norm = apl.function(NORM)
    assert norm(np.array([3.0, 4.0])) == 5.0
    assert apl.function("+/")([1, 2, 3]) == 6


def test_function_of_a_derived_function_and_an_explicit_backend():
    total = apl.function("+/", backend="torch")
    r = total([1, 2, 3])
    assert isinstance(r, torch.Tensor) and r.item() == 6


def test_function_dyadic_takes_alpha_second():
    minus = apl.function("{⍺-⍵}")
    assert minus(torch.tensor(1.0, dtype=torch.float64), torch.tensor(5.0, dtype=torch.float64)).item() == 4.0


def test_function_keeps_float32():
    norm = apl.function(NORM, dtype=torch.float32)
    x = torch.tensor([3.0, 4.0], requires_grad=True)
    n = norm(x)
    assert n.dtype == torch.float32
    n.backward()
    assert x.grad.dtype == torch.float32


def test_function_rejects_an_array():
    with pytest.raises(apl.APLError):
        apl.function("1 2 3", backend="torch")


def test_function_errors_are_apl_errors():
    f = apl.function("{⍵÷0}")
    with pytest.raises(apl.APLError) as e:
        f(torch.tensor([1.0, 2.0], dtype=torch.float64))
    assert e.value.name == "DOMAIN ERROR"


def test_session_function():
    s = apl.Session(backend="torch")
    s.eval("sq←{⍵×⍵}")
    f = s.function("sq")
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    f(x).sum().backward()
    assert torch.equal(x.grad, 2 * x.detach())
