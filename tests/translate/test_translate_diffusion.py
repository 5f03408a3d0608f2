"""`apl translate examples/diffusion/helpers.apl` emits every helper, the operators (lerp,
slerp) as higher-order functions, and each agrees with the interpreter on tensors of a
pipeline's shapes (small ones here)."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import apl  # noqa: E402
from apl.translate import translate  # noqa: E402

HELPERS = Path(__file__).resolve().parents[2] / "examples" / "diffusion" / "helpers.apl"


def _source() -> str:
    return HELPERS.read_text(encoding="utf-8")


def _names() -> list:
    return re.findall(r"^(\w+)←\{", _source(), flags=re.M)


@pytest.fixture(scope="module")
def translated():
    ns: dict = {}
    exec(compile(translate(_source()), str(HELPERS), "exec"), ns)  # noqa: S102 - the code under test
    return ns


@pytest.fixture(scope="module")
def session():
    s = apl.Session(backend="torch")
    s.eval(_source())
    return s


def test_the_command_line_emits_every_helper():
    r = subprocess.run([sys.executable, "-m", "apl", "translate", str(HELPERS)], capture_output=True, text=True,
                       timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    names = _names()
    assert {"lerp", "slerp", "guide", "mask", "blend"} <= set(names)
    for name in names:
        assert f"\ndef {name}(" in r.stdout, name
    assert "def lerp(alpha_alpha):" in r.stdout and "def slerp(alpha_alpha):" in r.stdout


def _data():
    g = torch.Generator().manual_seed(0)
    f64 = dict(generator=g, dtype=torch.float64)
    a, b = torch.randn(8, 16, **f64), torch.randn(8, 16, **f64)
    near = a + 1e-3 * torch.randn(8, 16, **f64)
    u, t = torch.randn(2, 4, 8, 8, **f64), torch.randn(2, 4, 8, 8, **f64)
    q = torch.randn(2, 3, 4, 8, 8, **f64)
    r = q + torch.randn(q.shape, **f64) * torch.linspace(0, 1, 8, dtype=torch.float64)
    return dict(A=a, B=b, N=near, U=u, T=t, Q=q, R=r)


D = _data()
F64 = dict(dtype=torch.float64)
# (APL expression over the names in D, the same call on the translated module)
CASES = [
    ("norm U", lambda h: h["norm"](D["U"])),
    ("mean U", lambda h: h["mean"](D["U"])),
    ("std U", lambda h: h["std"](D["U"])),
    ("rows U", lambda h: h["rows"](D["U"])),
    ("norms U", lambda h: h["norms"](D["U"])),
    ("means U", lambda h: h["means"](D["U"])),
    ("stds U", lambda h: h["stds"](D["U"])),
    ("A (0.3 lerp) B", lambda h: h["lerp"](0.3)(D["B"], D["A"])),
    ("A (0.3 slerp) B", lambda h: h["slerp"](0.3)(D["B"], D["A"])),
    ("A (0.3 slerp) N", lambda h: h["slerp"](0.3)(D["N"], D["A"])),  # nearly parallel: lerp
    ("7.5 guide U T", lambda h: h["guide"]([D["U"], D["T"]], 7.5)),
    ("7.5 rescaled U T", lambda h: h["rescaled"]([D["U"], D["T"]], 7.5)),
    ("7.5 rescaled_update U T", lambda h: h["rescaled_update"]([D["U"], D["T"]], 7.5)),
    ("7.5 rescaled_both U T", lambda h: h["rescaled_both"]([D["U"], D["T"]], 7.5)),
    ("0.7 rescale_noise_cfg U T", lambda h: h["rescale_noise_cfg"]([D["U"], D["T"]], 0.7)),
    ("7.5 0.7 guide_rescaled U T", lambda h: h["guide_rescaled"]([D["U"], D["T"]], torch.tensor([7.5, 0.7], **F64))),
    ("7.5 1 5 linear 50", lambda h: h["linear"](torch.tensor(50), torch.tensor([7.5, 1, 5]))),
    ("7.5 1 5 cosine 50", lambda h: h["cosine"](torch.tensor(50), torch.tensor([7.5, 1, 5]))),
    ("7.5 linear 10", lambda h: h["linear"](torch.tensor(10), torch.tensor(7.5))),
    ("Q diffedit_map R", lambda h: h["diffedit_map"](D["R"], D["Q"])),
    ("0.5 clamp_mask Q diffedit_map R", lambda h: h["clamp_mask"](h["diffedit_map"](D["R"], D["Q"]), 0.5)),
    ("0.5 minmax_mask Q diffedit_map R", lambda h: h["minmax_mask"](h["diffedit_map"](D["R"], D["Q"]), 0.5)),
    ("0.5 mask Q R", lambda h: h["mask"]([D["Q"], D["R"]], 0.5)),
    ("0.5 2 mask Q R", lambda h: h["mask"]([D["Q"], D["R"]], torch.tensor([0.5, 2.0], **F64))),
    ("0.5 mask_minmax Q R", lambda h: h["mask_minmax"]([D["Q"], D["R"]], 0.5)),
    ("(0.5 mask Q R) blend U T", lambda h: h["blend"]([D["U"], D["T"]], h["mask"]([D["Q"], D["R"]], 0.5))),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_helper_agrees_with_the_interpreter(case, translated, session):
    expr, call = case
    want = session.eval(expr, **{k: v for k, v in D.items() if re.search(rf"\b{k}\b", expr)})
    got = call(translated)
    assert isinstance(got, torch.Tensor)
    want = torch.as_tensor(want)
    assert got.shape == want.shape
    assert (got.dtype in (torch.bool, torch.int64)) == (want.dtype in (torch.bool, torch.int64))
    np.testing.assert_allclose(got.double().numpy(), want.double().numpy(), rtol=1e-10, atol=1e-12)


def test_gradients_flow_through_a_translated_helper(translated):
    a = D["A"].clone().requires_grad_(True)
    out = translated["slerp"](0.3)(D["B"], a)
    out.sum().backward()
    assert a.grad is not None and a.grad.shape == a.shape and bool(torch.isfinite(a.grad).all())
