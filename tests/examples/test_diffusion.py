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
    assert len(rows) == 9
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
        assert torch.equal(ns["f"](r, q), diffusion.mask(q, r, 0.5))


def test_the_script_runs_and_reports_agreement(capsys):
    assert diffusion.main(["--small", "--no-translate"]) == 0
    assert "all helpers agree with PyTorch" in capsys.readouterr().out


def test_the_whole_helpers_file_translates_to_pytorch_that_agrees():
    ns = {}
    exec(compile(apl.translate(diffusion.HELPERS.read_text(encoding="utf-8")), "helpers", "exec"), ns)  # noqa: S102
    g = torch.Generator().manual_seed(3)
    u, t = torch.randn(4, 8, 8, generator=g, dtype=torch.float64), torch.randn(4, 8, 8, generator=g, dtype=torch.float64)
    for name in ("guide", "rescaled", "rescaled_update"):
        got = ns[name]([u, t], torch.tensor(7.5, dtype=torch.float64))
        assert torch.allclose(got, getattr(diffusion, name)(7.5, u, t), atol=1e-12), name
    for name in ("linear", "cosine"):
        got = ns[name](torch.tensor(50), torch.tensor(7.5, dtype=torch.float64))
        assert torch.allclose(got, getattr(diffusion, name)(7.5, 50), atol=1e-12), name
