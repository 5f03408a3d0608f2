"""Matrix multiplication, seven ways: the fast.ai lesson (Practical Deep Learning for Coders,
Part 2, "matrix multiplication from the foundations") redone, with APL's +.× beside it.

A 5×784 batch (five MNIST images, flattened) times 784×10 weights, with random data (nothing
is downloaded), by:
  1. three Python loops           2. the same loops under numba.njit
  3. an elementwise row×column product (one loop removed)
  4. broadcasting (two loops removed)   5. einsum (NumPy with optimize=True, and torch's)
  6. torch.matmul   7. APL X+.×W (apl.evaluate, NumPy), and on apl's torch backend;
then the whole 50,000-row set with every method (the per-row methods on a slice of it, scaled up:
they cost the same per row). Prints a table of times and speed-ups over (1), checks that every
method gives the same product, and saves a log-scale bar chart into out/ (ignored by git).
Threads are pinned (--threads, default 2) so the timings do not jump on a busy machine.

    .venv/bin/python examples/matmul/matmul.py [--rows 50000] [--threads 2] [--no-chart] [--publish]
    .venv/bin/python examples/matmul/matmul.py --quick      # small and fast: what the test runs
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

DEFAULT_THREADS = 2


def _threads_in(argv) -> int:
    """--threads N (or --threads=N) in argv, else the default."""
    for k, a in enumerate(argv):
        if a.startswith("--threads="):
            return int(a.split("=", 1)[1])
        if a == "--threads" and k + 1 < len(argv):
            return int(argv[k + 1])
    return DEFAULT_THREADS


if __name__ == "__main__":  # pin BLAS threads before NumPy starts its pool
    for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_v, str(_threads_in(sys.argv[1:])))

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent.parent))  # the repository, when apl is not installed

import apl  # noqa: E402


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

    @njit
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
    """5. Einstein summation: ik,kj->ij. With optimize=True NumPy hands a contraction like this one
    to BLAS (tensordot); without it, einsum runs its own C loop, 3-4× slower on the whole set."""
    return np.einsum("ik,kj->ij", a, b, optimize=True)


def matmul_einsum_plain(a, b):
    """5'. np.einsum without optimize (its default): einsum's own loop."""
    return np.einsum("ik,kj->ij", a, b)


def make_torch():
    try:
        import torch
    except ImportError:
        return None, None
    return torch, (lambda ta, tb: torch.matmul(ta, tb))


def pin_threads(n: int, torch=None):
    """Pin the BLAS and torch thread pools to n threads (threadpoolctl where NumPy already runs)."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(n)
    except ImportError:
        pass
    if torch is not None:
        torch.set_num_threads(n)


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


# The notebook's own figures (fast.ai 2022, 01_matmul.ipynb, on the course's machine), with the
# size each was measured on; methods it did not time are left out.
LESSON = {
    "1'": ("421 ms", "5 rows"),
    "4": ("656 ms", "50,000 rows"),
    "5": ("≈ 15 ms", "50,000 rows"),
    "6": ("≈ 15 ms", "50,000 rows"),
}
QUICK_ROWS = 2_000


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=50_000, help="rows of the whole set (default 50000)")
    p.add_argument("--threads", type=int, default=DEFAULT_THREADS,
                   help=f"BLAS and torch threads (default {DEFAULT_THREADS})")
    p.add_argument("--no-chart", action="store_true", help="do not save the bar chart")
    p.add_argument("--budget", type=float, default=1.0, help="seconds of repeats per timing (default 1)")
    p.add_argument("--out", default=str(OUT), help="folder for the chart (default examples/matmul/out, ignored by git)")
    p.add_argument("--publish", action="store_true", help="also copy the chart beside the README (matmul_times.png)")
    p.add_argument("--quick", action="store_true", help=f"{QUICK_ROWS} rows, short timings: a check, not a measurement")
    args = p.parse_args(argv)
    if args.quick:
        args.rows, args.budget = min(args.rows, QUICK_ROWS), min(args.budget, 0.05)

    torch, torch_mm = make_torch()
    pin_threads(args.threads, torch)
    rng = np.random.default_rng(42)
    weights = rng.standard_normal((784, 10))
    x_train = rng.random((args.rows, 784))  # like MNIST pixels in [0, 1)
    m1 = x_train[:5]
    ref = m1 @ weights
    big_ref = x_train @ weights

    numba_mm = make_numba()
    apl_torch, apl_torch_why = make_apl_torch()

    # (key, name, function, whether it takes tensors, rows of the whole set it runs on: the slow
    # per-row methods run on a slice and are scaled up, since their cost is the same for every row)
    slow = 20 if args.quick else 500
    methods = [("1", "1. three Python loops", matmul_loops, False, slow)]
    if torch is not None:
        # the lesson ran its loops on tensors, where each a[i,k] makes a 0-d tensor: far slower
        methods.append(("1'", "1'. the loops on torch tensors (as in the lesson)", matmul_loops_torch(torch), True,
                        5 if args.quick else 20))
    if numba_mm is not None:
        methods.append(("2", "2. loops under numba.njit", numba_mm, False, args.rows))
    methods += [
        ("3", "3. elementwise row×column", matmul_elementwise, False, min(args.rows, 5_000)),
        ("4", "4. broadcasting", matmul_broadcast, False, args.rows),
        ("5", "5. np.einsum (optimize=True)", matmul_einsum, False, args.rows),
        ("5'", "5'. np.einsum (default, no optimize)", matmul_einsum_plain, False, args.rows),
    ]
    if torch is not None:
        methods.append(("5t", "5t. torch.einsum", lambda ta, tb: torch.einsum("ik,kj->ij", ta, tb), True, args.rows))
        methods.append(("6", "6. torch.matmul", torch_mm, True, args.rows))
    methods.append(("7", "7. APL X+.×W (apl.evaluate, NumPy)", apl_numpy, False, args.rows))
    methods.append(("7b", "7b. APL X+.×W (a kept Session)", apl_session, False, args.rows))
    if apl_torch is not None:
        methods.append(("7'", "7'. APL X+.×W (torch backend)", apl_torch, True, args.rows))

    results = []
    for key, name, fn, on_tensors, big_rows in methods:
        conv = (lambda v: torch.from_numpy(v)) if on_tensors else (lambda v: v)
        runs = 1 if args.quick else 3
        t_small, out = timed(fn, conv(m1), conv(weights), budget=args.budget,
                             max_runs=3 if key in ("1", "1'") else 50, min_runs=runs)
        ok = np.allclose(to_numpy(out), ref, rtol=1e-10, atol=1e-10)
        if args.quick and big_rows == 5:  # the same slice as the 5 rows: no second timing
            t_part, out_big = t_small, out
        else:
            t_part, out_big = timed(fn, conv(x_train[:big_rows]), conv(weights), budget=args.budget, max_runs=5,
                                    min_runs=1)
        ok = ok and np.allclose(to_numpy(out_big), big_ref[:big_rows], rtol=1e-9, atol=1e-9)
        t_big = t_part * args.rows / big_rows
        scaled_from = None if big_rows == args.rows else big_rows
        results.append(dict(key=key, name=name, small=t_small, big=t_big, scaled_from=scaled_from, ok=ok))
        print(f"  {name}: {fmt(t_small)}, {fmt(t_big)}", file=sys.stderr, flush=True)

    base = results[0]["small"]
    cpu = platform.processor() or platform.machine()
    print(f"\nmatmul of 5×784 by 784×10, and of {args.rows}×784 by 784×10 (float64), {args.threads} thread(s) pinned, "
          f"on {os.cpu_count()} cores ({cpu}), NumPy {np.__version__}"
          + (f", torch {torch.__version__}" if torch else ""))
    head = ["method", "lesson (its size)", "5 rows", "speed-up over 1", f"{args.rows:,} rows", "agrees"]
    rows = []
    for r in results:
        lesson = "{} ({})".format(*LESSON[r["key"]]) if r["key"] in LESSON else "—"
        big = fmt(r["big"]) + (f" (from {r['scaled_from']:,} rows)" if r["scaled_from"] else "")
        rows.append([r["name"], lesson, fmt(r["small"]), speedup(base / r["small"]), big, "yes" if r["ok"] else "NO"])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    print(" | ".join(h.ljust(w) for h, w in zip(head, widths)))
    print("-+-".join("-" * w for w in widths))
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths)))
    if numba_mm is None:
        print("\n(2. skipped: numba is not installed)")
    if torch_mm is None:
        print("(5t, 6. skipped: torch is not installed)")
    if apl_torch is None:
        print(f"(7'. APL on the torch backend skipped: it does not work yet — {apl_torch_why})")
    if not all(r["ok"] for r in results):
        print("\nSOME METHODS DISAGREE")
        return 1
    print("\nall methods agree with a @ b")
    if not args.no_chart:
        chart = save_chart(results, Path(args.out) / "matmul_times.png", args.rows)
        if chart is not None and args.publish:
            shutil.copy(chart, HERE / "matmul_times.png")
            print(f"copied to {HERE / 'matmul_times.png'}")
    return 0


def save_chart(results, path, rows):
    """Two log-scale bar charts (5 rows; the whole set) into path; None without matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no chart: matplotlib is not installed)")
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [r["name"] for r in results][::-1]
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.42 * len(names) + 1.6), sharey=True)
    for ax, key, label in [(axes[0], "small", "seconds for 5 rows"), (axes[1], "big", f"seconds for {rows:,} rows")]:
        times = [r[key] for r in results][::-1]
        bars = ax.barh(names, times, color=["#c44e52" if r["scaled_from"] and key == "big" else "#4c72b0"
                                            for r in results][::-1])
        ax.set_xscale("log")
        ax.set_xlabel(label + " (log scale)")
        for bar, t in zip(bars, times):
            ax.text(bar.get_width() * 1.15, bar.get_y() + bar.get_height() / 2, fmt(t), va="center", fontsize=7)
        ax.set_xlim(min(times) / 3, max(times) * 30)
    axes[1].set_title("red: timed on a slice, scaled up", fontsize=8, loc="right")
    fig.suptitle("Matrix multiplication, from Python loops to BLAS (784×10 weights, float64)")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    print(f"chart saved to {path}")
    return path


if __name__ == "__main__":
    sys.exit(main())
