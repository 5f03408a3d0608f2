"""apl.compile (apl.function(src, compile=True)): the translator's PyTorch, specialised per
argument signature and cached; autograd flows through it and torch.compile takes it."""
from __future__ import annotations

import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import apl  # noqa: E402

D = torch.float64
COUNT = int(os.environ.get("APL_DIFFERENTIAL_COMPILED", "3000"))
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


# ------------------------------------------------------------------ native dtype and in-place reuse
def test_temporaries_are_reused_in_place_where_no_gradient_is_kept():
    f = apl.compile("{u t←⍵ ⋄ |(t-u)×⍺+u}")
    u, t = torch.randn(2, 3, dtype=D), torch.randn(2, 3, dtype=D)
    assert "(t - u).mul_(alpha + u).abs_()" in f.source([u, t], 7.5)
    keep = u.clone(), t.clone()
    assert torch.equal(f([u, t], 7.5), ((keep[1] - keep[0]) * (7.5 + keep[0])).abs())
    assert torch.equal(u, keep[0]) and torch.equal(t, keep[1])  # (only temporaries are written)
    g = u.clone().requires_grad_()
    assert "_(" not in f.source([g, t], 7.5).split("def f(")[1]  # (autograd keeps what it saved)


def test_float32_comparisons_are_torchs_own():
    src = "{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ 0.5<(d-lo)÷(⌈/,d)-lo}"
    q, r = torch.randn(2, 3, 4, 5), torch.randn(2, 3, 4, 5)
    f = apl.compile(src)
    code = f.source(q, r).split("def f(")[1]
    assert "float_less" not in code and "0.5 < " in code  # (⎕CT is below float32's resolution)
    assert "sum(dim=(0, 1))" in code and (".div_(6)" in code or "/ 6" in code)  # (one pass; ×/2↑⍴⍵ is 6)
    d = (r - q).abs().sum(dim=(0, 1)) / 6
    want = (d - d.min()) / (d.max() - d.min()) > 0.5
    assert torch.equal(f(q, r), want)
    code64 = f.source(q.double(), r.double()).split("def f(")[1]
    assert "float_less" in code64  # (float64 resolves ⎕CT: the comparison stays tolerant)


def test_float32_comparison_with_a_number_beyond_its_range():
    x = torch.tensor([1.0, -2.0])
    for src, want in (("{⍵<1E300}", [True, True]), ("{⍵>¯1E300}", [True, True]), ("{⍵=1E300}", [False, False])):
        assert apl.compile(src)(x).tolist() == want
        assert apl.function(src)(x).tolist() == want


@pytest.mark.parametrize("mode", ["compiled", "float32"])
def test_float_arithmetic_dfns_agree_on_random_programs(mode):
    """apl.compile (float64, in place) against the interpreter, and the float32 translation
    (torch's comparisons, in place) against the general one, bit for bit: differential_compiled.py."""
    from translate import differential

    tally, bad, _ = differential.run(seed=0, count=COUNT, specialised=f"float-{mode}")
    print(f"\n{COUNT} float programs, {mode}: {tally}")
    assert not bad, "\n".join(f"#{i} {text}\n    {what}" for i, text, what, _ in bad[:20])
    assert tally.get("agree", 0) >= COUNT * 0.9


def test_compiled_path_agrees_on_the_general_random_programs():
    from translate import differential

    tally, bad, _ = differential.run(seed=1, count=COUNT, specialised="compiled")
    assert not bad, "\n".join(f"#{i} {text}\n    {what}" for i, text, what, _ in bad[:20])
    assert tally.get("agree", 0) >= COUNT * 0.3


def test_a_scaled_sum_is_one_torch_add_within_rounding():
    """y+s×x for a Python number s: torch.add(y, x, alpha=s), into x's memory where x is a
    temporary; torch may fuse it into one rounding, so it agrees with APL's two steps to the
    last bit or so, and its errors are APL's."""
    f = apl.compile("{⍺+0.3×⍵-⍺}")
    a, w = torch.randn(77, 768, dtype=D), torch.randn(77, 768, dtype=D)
    code = f.source(w, a)
    assert "torch.add(alpha, t, alpha=0.3, out=t)" in code
    assert torch.allclose(f(w, a), a + 0.3 * (w - a), rtol=1e-15, atol=1e-15)
    g = apl.compile("{u t←⍵ ⋄ u-⍺×t}")
    u, t = torch.randn(3, 4, dtype=D), torch.randn(3, 4, dtype=D)
    assert "torch.sub(u, t, alpha=alpha)" in g.source([u, t], 2.5)
    assert torch.allclose(g([u, t], 2.5), u - 2.5 * t, rtol=1e-15, atol=1e-15)
    with pytest.raises(ValueError, match="DOMAIN ERROR"):
        apl.compile("{⍺+1E300×⍵}")(torch.full((2,), 1e300, dtype=D), torch.ones(2, dtype=D))


def test_float64_scalar_comparisons_run_on_the_host():
    """Two float64 scalars compare tolerantly on the host (host_less …): the interpreter's
    answer next to 1 (1-1E¯15 = 1 under ⎕CT) and away from it."""
    src = "{(+/⍵)<1:0 ⋄ (+/⍵)=1}"
    f, g = apl.compile(src), apl.function(src)
    x = torch.tensor([0.5, 0.5 - 1e-16], dtype=D)
    assert "host_less(" in f.source(x) and "host_close(" in f.source(x)
    for v in ([0.5, 0.5 - 1e-16], [0.25, 0.5], [1.0, 2.0], [0.5, 0.5]):
        t = torch.tensor(v, dtype=D)
        assert torch.equal(torch.as_tensor(f(t)).long(), torch.as_tensor(g(t)).long())
