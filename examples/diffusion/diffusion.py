"""Diffusion helpers in APL, loaded as Python callables and checked against PyTorch.

helpers.apl holds the small numeric pieces around a diffusion sampling loop from fast.ai's Part 2
(per-sample statistics, prompt interpolation, classifier-free guidance and its rescalings,
guidance schedules, DiffEdit masks and the blend). `helpers()` loads them as callables on torch
tensors (what demo.py samples with); `torch_helpers()` is the same set written in PyTorch the
usual way (what demo.py times them against). This script runs both on random tensors of the shapes
a real pipeline uses and compares every result, and the gradients through two of them. The
comparison with the libraries the formulas come from (diffusers, cf-guidance) is in
tests/examples/test_diffusion_references.py.

    python examples/diffusion/diffusion.py            # the checks, timings, and two translations
    python examples/diffusion/diffusion.py --small    # small shapes (what the tests run)
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import torch

import apl

HELPERS = Path(__file__).with_name("helpers.apl")

# the dyadic helpers (⍺ then ⍵) that demo.py calls as f(omega, alpha)
NAMES = ("norm", "mean", "std", "rows", "norms", "means", "stds", "guide", "rescaled", "rescaled_update",
         "rescaled_both", "rescale_noise_cfg", "guide_rescaled", "linear", "cosine", "diffedit_map",
         "clamp_mask", "minmax_mask", "mask", "mask_minmax", "blend")


def session(backend: str = "torch", dtype=None) -> apl.Session:
    """An apl.Session with helpers.apl loaded."""
    s = apl.Session(backend=backend, dtype=dtype) if backend == "torch" else apl.Session(backend=backend)
    s.eval(HELPERS.read_text(encoding="utf-8"))
    return s


def helpers(backend: str = "torch", dtype=None) -> SimpleNamespace:
    """The helpers as Python callables f(omega, alpha=None): `h.guide([u, t], 7.5)` is `7.5 guide U T`.
    The operators lerp and slerp are wrapped as h.lerp(a, b, t) and h.slerp(a, b, t)."""
    s = session(backend, dtype)
    ns = SimpleNamespace(session=s, **{name: s.function(name) for name in NAMES})
    lerp_f = s.function("{⍺ (T lerp) ⍵}")
    slerp_f = s.function("{⍺ (T slerp) ⍵}")

    def lerp(a, b, t):
        s["T"] = t
        return lerp_f(b, a)

    def slerp(a, b, t):
        s["T"] = t
        return slerp_f(b, a)

    ns.lerp, ns.slerp = lerp, slerp
    return ns


# ------------------------------------------------------------------ PyTorch, written the usual way
def _dims(x):
    return tuple(range(1, x.ndim))


def _per_sample(v, x):
    """A vector of B values shaped to multiply a B×… tensor."""
    return v.reshape(-1, *([1] * (x.ndim - 1)))


def norms(x):
    return torch.linalg.vector_norm(x, dim=_dims(x))


def means(x):
    return x.mean(dim=_dims(x))


def stds(x):
    return x.std(dim=_dims(x))


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
    return pred * _per_sample(norms(u) / norms(pred), u)


def rescaled_update(g, u, t):
    d = t - u
    return u + g * d * _per_sample(norms(u) / norms(d), u)


def rescaled_both(g, u, t):
    pred = rescaled_update(g, u, t)
    return pred * _per_sample(norms(u) / norms(pred), u)


def rescale_noise_cfg(phi, pred, t):
    rescaled_pred = pred * _per_sample(stds(t) / stds(pred), pred)
    return phi * rescaled_pred + (1 - phi) * pred


def linear(g, n, minimum=0.0, warmup=0, start=0.0):
    k = torch.arange(n, dtype=torch.float64)
    up = start + (g - start) * k / max(1, warmup)
    down = g + (minimum - g) * (k - warmup) / max(1, n - warmup - 1)
    return torch.where(k < warmup, up, down)


def cosine(g, n, minimum=0.0, warmup=0, start=0.0):
    k = torch.arange(n, dtype=torch.float64)
    up = start + (g - start) * k / max(1, warmup)
    down = minimum + 0.5 * (g - minimum) * (1 + torch.cos(torch.pi * (k - warmup) / max(1, n - warmup)))
    return torch.where(k < warmup, up, down)


def diffedit_map(q, r):
    return (q - r).abs().mean(dim=(1, 2))


def clamp_mask(d, threshold=0.5, ratio=3.0):
    c = ratio * _per_sample(means(d), d)
    c = torch.where(c == 0, torch.ones_like(c), c)
    return d.clamp(max=c) / c > threshold


def minmax_mask(d, threshold=0.5):
    lo, hi = d.amin(dim=_dims(d), keepdim=True), d.amax(dim=_dims(d), keepdim=True)
    span = torch.where(hi == lo, torch.ones_like(hi), hi - lo)
    return (d - lo) / span > threshold


def mask(threshold, q, r, ratio=3.0):
    return clamp_mask(diffedit_map(q, r), threshold, ratio)


def mask_minmax(threshold, q, r):
    return minmax_mask(diffedit_map(q, r), threshold)


def blend(m, x, y):
    m = m.to(x.dtype).unsqueeze(1)
    return m * y + (1 - m) * x


def torch_helpers() -> SimpleNamespace:
    """The PyTorch helpers with the calling convention of `helpers()`: f(omega, alpha)."""
    return SimpleNamespace(
        norms=lambda w, a=None: norms(w), stds=lambda w, a=None: stds(w),
        guide=lambda w, a: guide(a, *w), rescaled=lambda w, a: rescaled(a, *w),
        rescaled_update=lambda w, a: rescaled_update(a, *w), rescaled_both=lambda w, a: rescaled_both(a, *w),
        rescale_noise_cfg=lambda w, a: rescale_noise_cfg(a, *w),
        guide_rescaled=lambda w, a: rescale_noise_cfg(a[1], guide(a[0], *w), w[1]),
        linear=lambda n, a: _schedule(linear, a, n), cosine=lambda n, a: _schedule(cosine, a, n),
        mask=lambda w, a: mask(*_mask_args(a)[:1], *w, ratio=_mask_args(a)[1]),
        mask_minmax=lambda w, a: mask_minmax(a, *w), blend=lambda w, a: blend(a, *w),
        lerp=lambda a, b, t: lerp(t, a, b), slerp=lambda a, b, t: slerp(t, a, b),
    )


def _floats(a) -> list[float]:
    return [float(v) for v in np.atleast_1d(np.asarray(a, dtype=float))]


def _schedule(fn, a, n):
    """(max [min [warm-up [start]]]) as the APL helpers take it, for linear() or cosine()."""
    g, mn, w, i = _floats(a) + [0.0] * (4 - len(_floats(a)))
    return fn(g, int(n), mn, int(w), i)


def _mask_args(a):
    a = _floats(a)
    return a[0], (a[1] if len(a) > 1 else 3.0)


# ------------------------------------------------------------------ the checks
def cases(small: bool, seed: int = 0):
    """(name, APL expression, its names, the reference computation) for each helper."""
    g = torch.Generator().manual_seed(seed)
    f64 = dict(generator=g, dtype=torch.float64)
    emb = (8, 16) if small else (77, 768)
    lat = (2, 4, 8, 8) if small else (2, 4, 64, 64)
    k = 3 if small else 10
    a, b = torch.randn(emb, **f64), torch.randn(emb, **f64)
    near = a + 1e-3 * torch.randn(emb, **f64)  # cos > 0.9995: lerp branch
    u, t = torch.randn(lat, **f64), torch.randn(lat, **f64)
    q = torch.randn((lat[0], k, *lat[1:]), **f64)
    r = q + torch.randn(q.shape, **f64) * torch.linspace(0, 1, lat[-1], dtype=torch.float64)
    m = mask(0.5, q, r)
    return [
        ("per-sample norms", "norms U", dict(U=u), lambda: norms(u)),
        ("per-sample standard deviations", "stds U", dict(U=u), lambda: stds(u)),
        ("lerp (prompt interpolation)", "A (0.3 lerp) B", dict(A=a, B=b), lambda: lerp(0.3, a, b)),
        ("slerp (prompt interpolation)", "A (0.3 slerp) B", dict(A=a, B=b), lambda: slerp(0.3, a, b)),
        ("slerp, nearly parallel", "A (0.3 slerp) N", dict(A=a, N=near), lambda: slerp(0.3, a, near)),
        ("classifier-free guidance", "7.5 guide U T", dict(U=u, T=t), lambda: guide(7.5, u, t)),
        ("guidance rescaled to ‖u‖", "7.5 rescaled U T", dict(U=u, T=t), lambda: rescaled(7.5, u, t)),
        ("guidance update rescaled", "7.5 rescaled_update U T", dict(U=u, T=t), lambda: rescaled_update(7.5, u, t)),
        ("both rescalings", "7.5 rescaled_both U T", dict(U=u, T=t), lambda: rescaled_both(7.5, u, t)),
        ("rescale_noise_cfg (φ 0.7)", "0.7 rescale_noise_cfg U T", dict(U=u, T=t),
         lambda: rescale_noise_cfg(0.7, u, t)),
        ("linear schedule, min, warm-up", "7.5 1 5 linear 50", {}, lambda: linear(7.5, 50, 1, 5)),
        ("cosine schedule, min, warm-up", "7.5 1 5 cosine 50", {}, lambda: cosine(7.5, 50, 1, 5)),
        ("DiffEdit mask (3×mean clamp)", "0.5 mask Q R", dict(Q=q, R=r), lambda: mask(0.5, q, r)),
        ("DiffEdit mask (min-max)", "0.5 mask_minmax Q R", dict(Q=q, R=r), lambda: mask_minmax(0.5, q, r)),
        ("DiffEdit blend", "M blend U T", dict(M=m, U=u, T=t), lambda: blend(m, u, t)),
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
    by_name = {c[0]: c for c in cases(small)}
    ab, ut = by_name["slerp (prompt interpolation)"][2], by_name["guidance rescaled to ‖u‖"][2]
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
    "DiffEdit mask (min-max, threshold 0.5)": "{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ 0.5<(d-lo)÷(⌈/,d)-lo}",
}


def _fmt_time(t: float) -> str:
    return f"{t * 1e6:.0f} µs" if t < 1e-3 else f"{t * 1e3:.2f} ms"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true", help="small shapes (a quick check)")
    ap.add_argument("--no-translate", action="store_true", help="leave out the PyTorch translations")
    args = ap.parse_args(argv)
    rows = run_checks(args.small)
    print(f"{'helper':32} {'APL':28} {'Δ torch':>9} {'Δ numpy':>9} {'APL time':>10} {'torch time':>10}")
    for r in rows:
        print(f"{r['name']:32} {r['expr']:28} {r['diff_torch']:9.1e} {r['diff_numpy']:9.1e} "
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
