"""Run the benchmark cases and print one table: APL time, the baseline's time, their ratio,
peak memory where it matters, the target and whether it is met.

Times are medians of repeated runs; APL and its baseline run alternately in the same loop
(side by side), so that a busy machine slows both alike. Peak memory is tracemalloc's peak for
one run (NumPy's allocations are traced; Numba's scratch memory is not, only its output).
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclass
class Config:
    quick: bool = False
    torch: bool = False
    compiled: bool = False
    budget: float = 2.0  # seconds of repeated runs per measurement (after the minimum)
    min_runs: int = 3
    max_runs: int = 15  # ... unless they take less than `floor` seconds in all:
    floor: float = 0.5  # a fast case repeats for this long (up to `most` runs), so that its median
    most: int = 1000  # is of hundreds of runs, not of fifteen on a machine whose speed drifts


@dataclass
class Row:
    case: str
    name: str
    apl: float | None = None  # seconds
    base: float | None = None
    base_name: str = ""
    apl_mem: int | None = None  # bytes
    base_mem: int | None = None
    target: str = ""
    met: bool | None = None  # None: no target on this row
    note: str = ""
    ref: float | None = None  # a reference engine's time (libjay), seconds; None when not run

    @property
    def ref_ratio(self):
        if self.apl is None or not self.ref:
            return None
        return self.apl / self.ref

    @property
    def ratio(self):
        if self.apl is None or not self.base:
            return None
        return self.apl / self.base


@dataclass
class Skipped:
    case: str
    reason: str


@dataclass
class Results:
    rows: list = field(default_factory=list)


def time_pair(fa, fb, cfg: Config):
    """Median seconds of fa and of fb, run alternately (after one warm-up run each)."""
    ta, tb = time_all([fa, fb], cfg)
    return ta, tb


def time_all(fns, cfg: Config):
    """Median seconds of each function (None: not run, None back), run in turn in one loop
    (after one warm-up run each), so that a busy machine slows them alike."""
    live = [f for f in fns if f is not None]
    kept = [f() for f in live]  # each result lives until the next call's is made, and is freed
    times = [[] for _ in live]  # outside the timing (freeing 8 MB is work neither side asked for)
    start = time.perf_counter()
    while True:
        for i, (f, acc) in enumerate(zip(live, times)):
            t0 = time.perf_counter()
            out = f()
            acc.append(time.perf_counter() - t0)
            kept[i] = out
        n, elapsed = len(times[0]), time.perf_counter() - start
        enough = n >= cfg.max_runs and elapsed >= cfg.floor
        if n >= cfg.most or enough or (n >= cfg.min_runs and elapsed > cfg.budget):
            break
    medians = iter([statistics.median(t) for t in times])
    return [None if f is None else next(medians) for f in fns]


def peak_memory(fn) -> int:
    """tracemalloc's peak, in bytes, over one call of fn."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# ------------------------------------------------------------------ formatting
def fmt_time(s):
    if s is None:
        return "-"
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} µs"


def fmt_mem(b):
    if b is None:
        return "-"
    if b >= 1 << 20:
        return f"{b / (1 << 20):.1f} MB"
    if b >= 1 << 10:
        return f"{b / (1 << 10):.0f} kB"
    return f"{b} B"


def fmt_status(met):
    return {True: "met", False: "NOT MET", None: ""}[met]


def table(rows) -> str:
    refs = any(isinstance(r, Row) and r.ref is not None for r in rows)  # the libjay columns
    head = ["case", "what", "APL", "baseline", "base time", "ratio", "APL peak", "base peak", "target", "status"]
    if refs:
        head[6:6] = ["libjay", "vs libjay"]
    body = []
    for r in rows:
        if isinstance(r, Skipped):
            body.append([r.case, "skipped (see notes)"] + [""] * (len(head) - 3) + ["skipped"])
            continue
        ratio = r.ratio
        line = [
            r.case, r.name, fmt_time(r.apl), r.base_name, fmt_time(r.base),
            "-" if ratio is None else f"{ratio:.2f}", fmt_mem(r.apl_mem), fmt_mem(r.base_mem),
            r.target, fmt_status(r.met),
        ]
        if refs:
            line[6:6] = [fmt_time(r.ref), "-" if r.ref_ratio is None else f"{r.ref_ratio:.2f}"]
        body.append(line)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths)), "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(str(c).ljust(w) for c, w in zip(row, widths)) for row in body]
    notes = [f"  [{r.case}] {r.name}: {r.note}" if isinstance(r, Row) else f"  [{r.case}] skipped: {r.reason}"
             for r in rows if isinstance(r, Skipped) or r.note]
    if notes:
        lines += ["", "notes:"] + notes
    return "\n".join(lines)


def machine() -> str:
    cores = os.cpu_count()
    try:
        import numpy as np

        npv = np.__version__
    except ImportError:  # pragma: no cover
        npv = "?"
    from apl import kernels

    nb = "numba " + __import__("numba").__version__ if kernels.available() else "no numba"
    from bench.calls import libjay

    jay = libjay()
    jv = f", libjay {jay.__version__}" if jay is not None else ", no libjay"
    return (f"{platform.machine()} {platform.processor() or ''} {cores} cores, Python {platform.python_version()}, "
            f"NumPy {npv}, {nb}{jv}").replace("  ", " ")


# ------------------------------------------------------------------ main
def compiled_rows(cfg: Config) -> list:
    """--compiled: apl.compile against hand-written torch (bench/compiled_bench.py), c1–c6."""
    try:
        from bench import compiled_bench
    except ImportError as e:
        return [Skipped("c", f"{type(e).__name__}: {e}")]
    t0 = time.perf_counter()
    try:
        got = compiled_bench.rows(cfg)
    except Exception as e:  # noqa: BLE001 - report it, do not stop
        got = [Skipped("c", f"{type(e).__name__}: {e}")]
    print(f"  compiled cases done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return got


def parse_cases(values, known):
    if not values:
        return list(known)
    out = []
    for v in values:
        for part in str(v).split(","):
            part = part.strip()
            if not part:
                continue
            n = int(part)
            if n not in known:
                raise SystemExit(f"no case {n}: cases are {', '.join(map(str, known))}")
            out.append(n)
    return out


def main(argv=None) -> int:
    from bench import cases

    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes and few repeats (a smoke test)")
    p.add_argument("--case", action="append", metavar="N", help="run case N only (repeat, or N,M,…)")
    p.add_argument("--torch", action="store_true", help="also APL on the torch backend against hand-written torch")
    p.add_argument("--compiled", action="store_true",
                   help="also apl.compile on the diffusion helpers against hand-written torch (compiled_bench.py)")
    p.add_argument("--budget", type=float, default=None, help="seconds of repeats per measurement (default 2)")
    args = p.parse_args(argv)
    cfg = Config(quick=args.quick, torch=args.torch, compiled=args.compiled)
    if args.quick:
        cfg.budget, cfg.min_runs, cfg.max_runs, cfg.floor = 0.05, 1, 3, 0.0
    if args.budget is not None:
        cfg.budget = args.budget
    chosen = parse_cases(args.case, cases.CASES)
    print(f"apl benchmarks{' (quick sizes)' if cfg.quick else ''} on {machine()}", flush=True)
    rows = []
    for n in chosen:
        t0 = time.perf_counter()
        try:
            got = cases.CASES[n](cfg)
        except Exception as e:  # noqa: BLE001 - report it, do not stop
            got = [Skipped(str(n), f"{type(e).__name__}: {e}")]
        rows += got
        print(f"  case {n} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    if cfg.torch:
        rows += cases.torch_cases(cfg, chosen)
    if cfg.compiled:
        rows += compiled_rows(cfg)
    if cfg.quick:  # the targets are set for the full sizes: quick sizes are not judged
        for r in rows:
            if isinstance(r, Row):
                r.met = None
    print()
    print(table(rows))
    met = [r for r in rows if isinstance(r, Row) and r.met is not None]
    if cfg.quick:
        print("\nquick sizes: ratios only; the targets are judged at the full sizes (python -m bench)")
    else:
        print(f"\ntargets met: {sum(r.met for r in met)} of {len(met)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
