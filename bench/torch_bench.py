"""APL on the torch backend against the same operations written by hand in torch.

    .venv/bin/python bench/torch_bench.py                 # CPU, float64
    .venv/bin/python bench/torch_bench.py --device cuda   # on a GPU
    .venv/bin/python bench/torch_bench.py --quick         # small sizes (a smoke test)

Cases (target: median ratio APL ÷ torch ≤ 1.2):
  +/v      v a vector of 10⁷ floats          v.sum()
  A+.×B    two 1000×1000 float matrices      A @ B
  x∘.×y    two 3000-vectors                  torch.outer(x, y)

APL runs through the public API: a torch Session whose names are bound before timing, so a
timed `s.eval(expr)` is parsing (cached) plus evaluation. APL and its baseline run alternately
in one loop, so that a busy machine slows both alike; on CUDA both end with a synchronize.
Each case also checks that the two results agree.
"""
from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch

import apl


def _sync(device):
    if torch.device(device).type == "cuda":
        torch.cuda.synchronize()


def _time_pair(f, g, device, runs, budget):
    """Medians of f and g timed alternately (after one warm-up call of each)."""
    f(), g()
    _sync(device)
    tf, tg = [], []
    start = time.perf_counter()
    while len(tf) < runs or (time.perf_counter() - start < budget and len(tf) < 200):
        t = time.perf_counter()
        f()
        _sync(device)
        tf.append(time.perf_counter() - t)
        t = time.perf_counter()
        g()
        _sync(device)
        tg.append(time.perf_counter() - t)
    return statistics.median(tf), statistics.median(tg), len(tf)


def cases(device="cpu", dtype=torch.float64, quick=False):
    gen = torch.Generator().manual_seed(20240607)

    def rand(*shape):
        return torch.rand(*shape, generator=gen, dtype=torch.float64).to(device=device, dtype=dtype)

    n1 = 10**5 if quick else 10**7
    n2 = 200 if quick else 1000
    n3 = 300 if quick else 3000
    v = rand(n1)
    A, B = rand(n2, n2), rand(n2, n2)
    x, y = rand(n3), rand(n3)
    return [
        (f"+/v, {n1:.0e} floats", "+/v", {"v": v}, lambda: v.sum(), "v.sum()"),
        (f"A+.×B, {n2}×{n2}", "A+.×B", {"A": A, "B": B}, lambda: A @ B, "A @ B"),
        (f"x∘.×y, two {n3}-vectors", "x∘.×y", {"x": x, "y": y}, lambda: torch.outer(x, y), "torch.outer(x, y)"),
    ]


def run(device="cpu", dtype=torch.float64, quick=False, runs=15, budget=2.0, target=1.2, out=print):
    out(f"torch {torch.__version__} on {device} ({_device_name(device)}), {dtype}, "
        f"Python {platform.python_version()}, {torch.get_num_threads()} CPU threads")
    rows = []
    header = f"{'case':28} {'APL':>10} {'torch':>10} {'ratio':>6}  {'baseline':18} status"
    out(header)
    out("-" * len(header))
    ok_all = True
    for what, expr, names, base, base_name in cases(device, dtype, quick):
        s = apl.Session(backend="torch", device=device, dtype=dtype)
        s.bind(**names)
        got = s.eval(expr)
        want = base()
        agree = got.shape == want.shape and torch.allclose(got, want, rtol=1e-6 if dtype == torch.float32 else 1e-9)
        ta, tb, n = _time_pair(lambda s=s, expr=expr: s.eval(expr), base, device, runs, budget)
        ratio = ta / tb
        met = agree and (quick or ratio <= target)  # quick sizes: a smoke test, no ratio target
        ok_all &= met
        status = ("agree" if quick else "met" if met else "NOT MET") + ("" if agree else " (results DIFFER)")
        out(f"{what:28} {_fmt(ta):>10} {_fmt(tb):>10} {ratio:6.2f}  {base_name:18} {status}")
        rows.append({"case": what, "apl": ta, "torch": tb, "ratio": ratio, "runs": n, "agree": agree})
    if quick:
        out("quick sizes: per-call overhead dominates; the ratio target applies to the full sizes")
    else:
        out(f"target: median ratio ≤ {target:g} — {'all met' if ok_all else 'NOT all met'}")
    return rows, ok_all


def _device_name(device):
    d = torch.device(device)
    if d.type == "cuda":
        return torch.cuda.get_device_name(d)
    return platform.processor() or platform.machine()


def _fmt(t):
    return f"{t * 1e3:.2f} ms" if t >= 1e-3 else f"{t * 1e6:.1f} µs"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--device", default="cpu")
    p.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--runs", type=int, default=15, help="at least this many timed runs per case")
    p.add_argument("--budget", type=float, default=2.0, help="seconds of repeated runs per case")
    a = p.parse_args(argv)
    _, ok = run(a.device, getattr(torch, a.dtype), a.quick, a.runs, a.budget)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
