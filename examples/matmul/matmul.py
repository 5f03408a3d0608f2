"""Matrix multiplication, seven ways: the fast.ai lesson (Practical Deep Learning for Coders,
Part 2, "matrix multiplication from the foundations") redone, with APL's +.× beside it.

A 5×784 batch (five MNIST images, flattened) times 784×10 weights, with random data (nothing
is downloaded), by:
  1. three Python loops           2. the same loops under numba.njit
  3. an elementwise row×column product (one loop removed)
  4. broadcasting (two loops removed)   5. einsum   6. torch.matmul
  7. APL X+.×W (apl.evaluate, NumPy), and on apl's torch backend where it works;
then the whole 50,000-row batch with the fast ones. Prints a table of times and speedups over
(1), checks that every method gives the same product, and saves a log-scale bar chart.

    .venv/bin/python examples/matmul/matmul.py [--rows 50000] [--no-chart]
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the repository, when apl is not installed

import apl


# ------------------------------------------------------------------ the methods
def matmul_loops(a, b):
    """1. Three Python loops, one multiply-add at a time."""
    ar, ac = a.shape
    br, bc = b.shape
    assert ac == br
    c = np.zeros((ar, bc))
    for i in range(ar):
        for j in range(bc):
            for k in range(ac):
                c[i, j] += a[i, k] * b[k, j]
    return c


def matmul_loops_torch(torch):
    def matmul_loops_tensors(a, b):
        """1'. The same three loops on torch tensors, as the lesson wrote them."""
        ar, ac = a.shape
        bc = b.shape[1]
        c = torch.zeros(ar, bc, dtype=a.dtype)
        for i in range(ar):
            for j in range(bc):
                for k in range(ac):
                    c[i, j] += a[i, k] * b[k, j]
        return c

    return matmul_loops_tensors


def make_numba():
    """2. The same three loops, compiled by Numba (None when Numba is not installed)."""
    try:
        from numba import njit
    except ImportError:
        return None

    @njit(cache=True)
    def matmul_numba(a, b):
        ar, ac = a.shape
        bc = b.shape[1]
        c = np.zeros((ar, bc))
        for i in range(ar):
            for j in range(bc):
                for k in range(ac):
                    c[i, j] += a[i, k] * b[k, j]
        return c

    return matmul_numba


def matmul_elementwise(a, b):
    """3. The innermost loop as one elementwise product and a sum: row i times column j."""
    ar, bc = a.shape[0], b.shape[1]
    c = np.zeros((ar, bc))
    for i in range(ar):
        for j in range(bc):
            c[i, j] = (a[i, :] * b[:, j]).sum()
    return c


def matmul_broadcast(a, b):
    """4. Row i (as a column, 784×1) broadcast against all of b (784×10), summed down: one loop left."""
    ar, bc = a.shape[0], b.shape[1]
    c = np.zeros((ar, bc))
    for i in range(ar):
        c[i] = (a[i, :, None] * b).sum(axis=0)
    return c


def matmul_einsum(a, b):
    """5. Einstein summation: ik,kj->ij."""
    return np.einsum("ik,kj->ij", a, b)


def make_torch():
    try:
        import torch
    except ImportError:
        return None, None
    return torch, (lambda ta, tb: torch.matmul(ta, tb))


def apl_numpy(a, b):
    """7. APL's inner product +.× (a fresh session per call, as apl.evaluate does)."""
    return apl.evaluate("X+.×W", X=a, W=b)


_SESSION = apl.Session()


def apl_session(a, b):
    """7b. The same in a session kept between calls (no session set-up per call)."""
    return _SESSION.eval("X+.×W", X=a, W=b)


def make_apl_torch():
    """7'. APL +.× on apl's torch backend, or (None, why) when it does not work yet."""
    try:
        import torch

        s = apl.Session(backend="torch")
        x = torch.ones((2, 3), dtype=torch.float64)
        r = s.eval("X+.×W", X=x, W=torch.ones((3, 2), dtype=torch.float64))
        assert float(r.sum()) == 12.0
    except Exception as e:  # noqa: BLE001 - report it, do not stop
        return None, f"{type(e).__name__}: {str(e).strip().splitlines()[0][:90]}"

    def run(ta, tb):
        return apl.Session(backend="torch").eval("X+.×W", X=ta, W=tb)

    return run, None


# ------------------------------------------------------------------ timing
def timed(fn, *args, budget=1.0, max_runs=50, min_runs=3):
    """Median seconds per call (after one warm-up call), and the last result."""
    out = fn(*args)
    times = []
    start = time.perf_counter()
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def fmt(s):
    if s is None:
        return "-"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} µs"


def speedup(x):
    return f"{x:,.0f}×" if x >= 10 else f"{x:.2g}×"


def to_numpy(x):
    return x.cpu().numpy() if hasattr(x, "cpu") else np.asarray(x)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=50_000, help="rows of the big batch (default 50000)")
    p.add_argument("--no-chart", action="store_true", help="do not save the bar chart")
    p.add_argument("--budget", type=float, default=1.0, help="seconds of repeats per timing (default 1)")
    args = p.parse_args(argv)

    rng = np.random.default_rng(42)
    weights = rng.standard_normal((784, 10))
    x_train = rng.random((args.rows, 784))  # like MNIST pixels in [0, 1)
    m1 = x_train[:5]
    ref = m1 @ weights
    big_ref = x_train @ weights

    torch, torch_mm = make_torch()
    numba_mm = make_numba()
    apl_torch, apl_torch_why = make_apl_torch()

    # (name, function on NumPy arrays or on tensors, whether it takes tensors, run on the big batch)
    methods = [("1. three Python loops", matmul_loops, False, False)]
    if torch is not None:
        # the lesson ran its loops on tensors, where each a[i,k] makes a 0-d tensor: far slower
        methods.append(("1'. the loops on torch tensors (as in the lesson)", matmul_loops_torch(torch), True, False))
    if numba_mm is not None:
        methods.append(("2. loops under numba.njit", numba_mm, False, True))
    methods += [
        ("3. elementwise row×column", matmul_elementwise, False, False),
        ("4. broadcasting", matmul_broadcast, False, True),
        ("5. np.einsum", matmul_einsum, False, True),
    ]
    if torch_mm is not None:
        methods.append(("6. torch.matmul", torch_mm, True, True))
    methods.append(("7. APL X+.×W (apl.evaluate, NumPy)", apl_numpy, False, True))
    methods.append(("7b. APL X+.×W (a kept Session)", apl_session, False, True))
    if apl_torch is not None:
        methods.append(("7'. APL X+.×W (torch backend)", apl_torch, True, True))

    results = []
    for name, fn, on_tensors, big in methods:
        if on_tensors:
            a, b = torch.from_numpy(m1), torch.from_numpy(weights)
        else:
            a, b = m1, weights
        t_small, out = timed(fn, a, b, budget=args.budget, max_runs=3 if "loops" in name and "numba" not in name else 50)
        ok = np.allclose(to_numpy(out), ref, rtol=1e-10, atol=1e-10)
        t_big = None
        if big:
            if on_tensors:
                A, B = torch.from_numpy(x_train), torch.from_numpy(weights)
            else:
                A, B = x_train, weights
            t_big, out_big = timed(fn, A, B, budget=args.budget, max_runs=5, min_runs=1)
            ok = ok and np.allclose(to_numpy(out_big), big_ref, rtol=1e-9, atol=1e-9)
        results.append((name, t_small, t_big, ok))
        print(f"  {name}: {fmt(t_small)}", file=sys.stderr, flush=True)

    base = results[0][1]
    cpu = platform.processor() or platform.machine()
    print(f"\nmatmul of 5×784 by 784×10, and of {args.rows}×784 by 784×10 (float64), on {os.cpu_count()} cores "
          f"({cpu}), NumPy {np.__version__}" + (f", torch {torch.__version__}" if torch else ""))
    head = ["method", "5 rows", "speed-up over 1", f"{args.rows} rows", "agrees"]
    rows = [[n, fmt(t), speedup(base / t), fmt(tb), "yes" if ok else "NO"] for n, t, tb, ok in results]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    if numba_mm is None:
        print("\n(2. skipped: numba is not installed)")
    if torch_mm is None:
        print("(6. skipped: torch is not installed)")
    if apl_torch is None:
        print(f"(7'. APL on the torch backend skipped: it does not work yet — {apl_torch_why})")
    if not all(ok for *_, ok in results):
        print("\nSOME METHODS DISAGREE")
        return 1
    print("\nall methods agree with a @ b")
    if not args.no_chart:
        save_chart(results, HERE / "matmul_times.png")
    return 0


def save_chart(results, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no chart: matplotlib is not installed)")
        return
    names = [r[0] for r in results]
    times = [r[1] for r in results]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(names) + 1.5))
    bars = ax.barh(names[::-1], times[::-1], color="#4c72b0")
    ax.set_xscale("log")
    ax.set_xlabel("seconds per 5×784 @ 784×10 (log scale)")
    ax.set_title("Matrix multiplication, from Python loops to BLAS")
    for bar, t in zip(bars, times[::-1]):
        ax.text(bar.get_width() * 1.1, bar.get_y() + bar.get_height() / 2, fmt(t), va="center", fontsize=8)
    ax.set_xlim(min(times) / 3, max(times) * 20)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(f"chart saved to {path}")


if __name__ == "__main__":
    sys.exit(main())
