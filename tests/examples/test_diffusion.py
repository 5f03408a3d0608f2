"""examples/diffusion: the APL diffusion helpers agree with their PyTorch references."""
import sys
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "diffusion"))
import diffusion

import apl


def test_every_helper_agrees_on_torch_and_numpy_and_returns_tensors():
    rows = diffusion.run_checks(small=True, runs=1)
    assert len(rows) == len(diffusion.cases(small=True)) >= 15
    for r in rows:
        assert r["tensor"], r["name"]
        assert r["diff_torch"] < 1e-12 and r["diff_numpy"] < 1e-12, r


def test_gradients_through_apl_match_pytorch():
    grads = diffusion.gradients_agree(small=True)
    assert set(grads) == {"rescaled", "slerp"}
    assert max(grads.values()) < 1e-12


def test_slerp_takes_both_branches():
    s = diffusion.session("torch")
    a = torch.tensor([1.0, 0.0], dtype=torch.float64)
    b = torch.tensor([0.0, 1.0], dtype=torch.float64)
    mid = s.eval("A (0.5 slerp) B", A=a, B=b)
    assert torch.allclose(mid, torch.tensor([0.5**0.5, 0.5**0.5], dtype=torch.float64))  # on the circle
    same = s.eval("A (0.5 slerp) A", A=a)
    assert torch.equal(same, a)  # parallel: the lerp branch


@pytest.mark.parametrize("label", list(diffusion.TRANSLATED))
def test_translations_agree_with_the_references(label):
    ns = {}
    exec(compile(apl.translate(diffusion.TRANSLATED[label]), label, "exec"), ns)  # noqa: S102  (under test)
    if label.startswith("cosine"):
        got, want = ns["f"](torch.tensor(50), torch.tensor(7.5, dtype=torch.float64)), diffusion.cosine(7.5, 50)
        assert torch.allclose(got, want, atol=1e-12)
    else:
        q = torch.randn(3, 4, 8, 8, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
        r = q + torch.rand(3, 4, 8, 8, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
        assert torch.equal(ns["f"](r, q), diffusion.mask_minmax(0.5, q[None], r[None])[0])


def test_the_script_runs_and_reports_agreement(capsys):
    assert diffusion.main(["--small", "--no-translate"]) == 0
    assert "all helpers agree with PyTorch" in capsys.readouterr().out


def test_the_whole_helpers_file_translates_to_pytorch_that_agrees():
    ns = {}
    exec(compile(apl.translate(diffusion.HELPERS.read_text(encoding="utf-8")), "helpers", "exec"), ns)  # noqa: S102
    g = torch.Generator().manual_seed(3)
    u, t = (torch.randn(2, 4, 8, 8, generator=g, dtype=torch.float64) for _ in range(2))
    for name in ("guide", "rescaled", "rescaled_update", "rescaled_both", "rescale_noise_cfg"):
        got = ns[name]([u, t], torch.tensor(0.7 if name == "rescale_noise_cfg" else 7.5, dtype=torch.float64))
        want = getattr(diffusion, name)(0.7 if name == "rescale_noise_cfg" else 7.5, u, t)
        assert torch.allclose(got, want, atol=1e-12), name
    for name in ("norms", "stds"):
        assert torch.allclose(ns[name](u), getattr(diffusion, name)(u), atol=1e-12), name
    for name in ("linear", "cosine"):
        got = ns[name](torch.tensor(50), torch.tensor([7.5, 1, 5, 0.5], dtype=torch.float64))
        assert torch.allclose(got, getattr(diffusion, name)(7.5, 50, 1, 5, 0.5), atol=1e-12), name
    q = torch.randn(2, 3, 4, 8, 8, generator=g, dtype=torch.float64)
    r = q + torch.rand(q.shape, generator=g, dtype=torch.float64) * torch.linspace(0, 1, 8, dtype=torch.float64)
    assert torch.equal(ns["mask"]([q, r], torch.tensor(0.5)), diffusion.mask(0.5, q, r))
    assert torch.equal(ns["mask_minmax"]([q, r], torch.tensor(0.5)), diffusion.mask_minmax(0.5, q, r))
    m = diffusion.mask(0.5, q, r).double()  # translated, 1-M needs a numeric mask (torch has no bool subtraction)
    assert torch.allclose(ns["blend"]([u, t], m), diffusion.blend(m, u, t), atol=1e-12)


def test_helpers_load_as_callables_and_match_the_pytorch_helpers():
    h, p = diffusion.helpers("torch", torch.float32), diffusion.torch_helpers()
    g = torch.Generator().manual_seed(4)
    u, t = (torch.randn(3, 1, 8, 8, generator=g) for _ in range(2))
    for name, alpha in [("guide", 3.0), ("rescaled", 3.0), ("rescaled_update", 3.0), ("rescaled_both", 3.0),
                        ("rescale_noise_cfg", 0.7), ("guide_rescaled", [3.0, 0.7])]:
        got, want = getattr(h, name)([u, t], alpha), getattr(p, name)([u, t], alpha)
        assert got.dtype == torch.float32 and torch.allclose(got, want, atol=1e-5), name
    for name in ("linear", "cosine"):
        assert torch.allclose(getattr(h, name)(10, [5.0, 1.0, 2.0]).double(), getattr(p, name)(10, [5.0, 1.0, 2.0]))
    a, b = torch.randn(16, generator=g), torch.randn(16, generator=g)
    assert torch.allclose(h.slerp(a, b, 0.25), p.slerp(a, b, 0.25), atol=1e-5)
    assert torch.allclose(h.lerp(a, b, 0.25), p.lerp(a, b, 0.25), atol=1e-6)
