"""Diffusion helpers in APL, checked against PyTorch.

helpers.apl holds the small numeric pieces around a Stable Diffusion sampling loop from fast.ai's
Part 2 (prompt interpolation, classifier-free guidance and its rescalings, decreasing guidance
scales, DiffEdit masks). This script loads them into an `apl.Session`, runs them on torch tensors
(and on NumPy arrays) of the shapes a real pipeline uses, and compares every result, and the
gradients through two of them, with PyTorch code written the usual way. Nothing is downloaded:
the tensors are random, with CLIP's embedding shape (77×768) and SD's latent shape (4×64×64).

    python examples/diffusion/diffusion.py            # the checks, timings, and two translations
    python examples/diffusion/diffusion.py --small    # small shapes (what the tests run)
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import torch

import apl

HELPERS = Path(__file__).with_name("helpers.apl")


# ------------------------------------------------------------------ PyTorch, written the usual way
def lerp(t, a, b):
    return a + t * (b - a)


def slerp(t, v0, v1, threshold=0.9995):
    cos = (v0 * v1).sum() / (v0.norm() * v1.norm())
    if cos.abs() > threshold:
        return lerp(t, v0, v1)
    angle = torch.acos(cos)
    return (v0 * torch.sin(angle * (1 - t)) + v1 * torch.sin(angle * t)) / torch.sin(angle)


def guide(g, u, t):
    return u + g * (t - u)


def rescaled(g, u, t):
    pred = guide(g, u, t)
    return pred * u.norm() / pred.norm()


def rescaled_update(g, u, t):
    d = t - u
    return u + g * d * u.norm() / d.norm()


def linear(g, n):
    return g * (1 - torch.arange(n, dtype=torch.float64) / n)


def cosine(g, n):
    return g * 0.5 * (1 + torch.cos(torch.pi * torch.arange(n, dtype=torch.float64) / n))


def mask(q, r, threshold):
    d = (q - r).abs().mean(dim=(0, 1))
    return (d - d.min()) / (d.max() - d.min()) > threshold


# ------------------------------------------------------------------ the checks
def session(backend: str) -> apl.Session:
    s = apl.Session(backend=backend)
    s.eval(HELPERS.read_text(encoding="utf-8"))
    return s


def cases(small: bool, seed: int = 0):
    """(name, APL expression, its names, the reference computation) for each helper."""
    g = torch.Generator().manual_seed(seed)
    emb = (8, 16) if small else (77, 768)
    lat = (4, 8, 8) if small else (4, 64, 64)
    k = 3 if small else 10
    a, b = torch.randn(emb, generator=g, dtype=torch.float64), torch.randn(emb, generator=g, dtype=torch.float64)
    near = a + 1e-3 * torch.randn(emb, generator=g, dtype=torch.float64)  # cos > 0.9995: lerp branch
    u, t = torch.randn(lat, generator=g, dtype=torch.float64), torch.randn(lat, generator=g, dtype=torch.float64)
    q = torch.randn((k, *lat), generator=g, dtype=torch.float64)
    r = q + torch.randn((k, *lat), generator=g, dtype=torch.float64) * torch.linspace(0, 1, lat[-1], dtype=torch.float64)
    return [
        ("lerp (prompt interpolation)", "A (0.3 lerp) B", dict(A=a, B=b), lambda: lerp(0.3, a, b)),
        ("slerp (prompt interpolation)", "A (0.3 slerp) B", dict(A=a, B=b), lambda: slerp(0.3, a, b)),
        ("slerp, nearly parallel", "A (0.3 slerp) N", dict(A=a, N=near), lambda: slerp(0.3, a, near)),
        ("classifier-free guidance", "7.5 guide U T", dict(U=u, T=t), lambda: guide(7.5, u, t)),
        ("guidance rescaled to ‖u‖", "7.5 rescaled U T", dict(U=u, T=t), lambda: rescaled(7.5, u, t)),
        ("guidance update rescaled", "7.5 rescaled_update U T", dict(U=u, T=t), lambda: rescaled_update(7.5, u, t)),
        ("linear guidance schedule", "7.5 linear 50", {}, lambda: linear(7.5, 50)),
        ("cosine guidance schedule", "7.5 cosine 50", {}, lambda: cosine(7.5, 50)),
        ("DiffEdit mask", "Q (0.5 mask) R", dict(Q=q, R=r), lambda: mask(q, r, 0.5)),
    ]


def _median_time(fn, runs: int) -> float:
    fn()  # warm-up: torch's first calls start its thread pool
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _difference(got, want) -> float:
    got = torch.as_tensor(np.asarray(got) if not isinstance(got, torch.Tensor) else got)
    if want.dtype == torch.bool:
        return float((got.to(torch.bool) != want).sum())
    return float((got.to(torch.float64) - want).abs().max())


def run_checks(small: bool, runs: int = 9) -> list[dict]:
    """Each helper on the torch backend (tensors in, tensors out) and on NumPy, against the
    reference: the largest absolute difference (a count of differing cells for masks) and times."""
    s_torch, s_numpy = session("torch"), session("numpy")
    rows = []
    for name, expr, names, reference in cases(small):
        want = reference()
        got_t = s_torch.eval(expr, **names)
        got_n = s_numpy.eval(expr, **{k: v.numpy() for k, v in names.items()})
        rows.append(dict(
            name=name, expr=expr, tensor=isinstance(got_t, torch.Tensor),
            diff_torch=_difference(got_t, want), diff_numpy=_difference(got_n, want),
            apl_time=_median_time(lambda: s_torch.eval(expr, **names), runs),  # noqa: B023
            ref_time=_median_time(reference, runs),
        ))
    return rows


def gradients_agree(small: bool) -> dict[str, float]:
    """Autograd through APL: the gradient of a scalar loss through `rescaled` and `slerp`, taken
    with respect to the inputs, against the same gradient through the references."""
    (_, _, ab, _), (_, _, ut, _) = cases(small)[1], cases(small)[4]
    out = {}
    for label, src, args, ref in [
        ("rescaled", "{7.5 rescaled ⍵}", (ut["U"], ut["T"]), lambda x, y: rescaled(7.5, x, y)),
        ("slerp", "{⊃(0.3 slerp)/⍵}", (ab["A"], ab["B"]), lambda x, y: slerp(0.3, x, y)),
    ]:
        f = apl.function(HELPERS.read_text(encoding="utf-8") + "\n" + src, backend="torch")
        x1, y1 = (v.clone().requires_grad_(True) for v in args)
        x2, y2 = (v.clone().requires_grad_(True) for v in args)
        (f([x1, y1]) ** 2).sum().backward()
        (ref(x2, y2) ** 2).sum().backward()
        out[label] = max(float((x1.grad - x2.grad).abs().max()), float((y1.grad - y2.grad).abs().max()))
    return out


TRANSLATED = {
    "cosine guidance schedule": "{⍺×0.5×1+2○○(¯1+⍳⍵)÷⍵}",
    "DiffEdit mask (threshold 0.5)": "{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ 0.5<(d-lo)÷(⌈/,d)-lo}",
}


def _fmt_time(t: float) -> str:
    return f"{t * 1e6:.0f} µs" if t < 1e-3 else f"{t * 1e3:.2f} ms"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true", help="small shapes (a quick check)")
    ap.add_argument("--no-translate", action="store_true", help="leave out the PyTorch translations")
    args = ap.parse_args(argv)
    rows = run_checks(args.small)
    print(f"{'helper':30} {'APL':28} {'Δ torch':>9} {'Δ numpy':>9} {'APL time':>10} {'torch time':>10}")
    for r in rows:
        print(f"{r['name']:30} {r['expr']:28} {r['diff_torch']:9.1e} {r['diff_numpy']:9.1e} "
              f"{_fmt_time(r['apl_time']):>10} {_fmt_time(r['ref_time']):>10}")
    grads = gradients_agree(args.small)
    print("gradients through APL vs PyTorch (largest difference): "
          + ", ".join(f"{k} {v:.1e}" for k, v in grads.items()))
    worst = max(max(r["diff_torch"], r["diff_numpy"]) for r in rows)
    ok = worst < 1e-9 and max(grads.values()) < 1e-9 and all(r["tensor"] for r in rows)
    print("all helpers agree with PyTorch" if ok else "DISAGREEMENT: see the table")
    if not args.no_translate:
        for label, src in TRANSLATED.items():
            print(f"\n# {label}, translated by apl.translate:\n")
            print(apl.translate(src, name="f").split('"""Translated from APL by apl.translate."""')[-1].strip())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
