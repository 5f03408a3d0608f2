"""The compiled path against hand-written PyTorch, on the diffusion helpers at a pipeline's sizes.

`apl.compile(dfn)` translates the dfn to PyTorch for its arguments' shapes and dtypes on the
first call, then runs that module's function on later calls. Each row times a call of the
compiled function and of the same helper written in PyTorch the usual way (medians of repeated
runs, alternated in one loop so that a busy machine slows both alike), checks that both agree,
and prints the ratio; the target is 1.2. The interpreter's time (apl.function) is shown beside.

The helpers are those of examples/diffusion/helpers.apl (prompt interpolation on 77×768 CLIP
embeddings, guidance and its rescaling on 2×4×64×64 latents, a decreasing guidance schedule,
the DiffEdit mask on 2×10×4×64×64 noise predictions), each written as one dfn (the helpers they
call written in place), since a compiled function is one function.

    .venv/bin/python bench/compiled_bench.py          # float32, as a pipeline runs
    .venv/bin/python bench/compiled_bench.py --float64 --runs 51
    .venv/bin/python -m bench --compiled --case 1     # the same rows (c1–c6) in the suite's table
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import torch

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import apl  # noqa: E402

TARGET = 1.2

# (name, dfn, the hand-written PyTorch, arguments as (omega, alpha))
SLERP = ("{cos←(+/,⍺×⍵)÷((+/,⍺×⍺)*0.5)×(+/,⍵×⍵)*0.5 ⋄ 0.9995<|cos:⍺+0.3×⍵-⍺ ⋄ "
         "a←¯2○cos ⋄ ((⍺×1○a×0.7)+⍵×1○a×0.3)÷1○a}")
RESCALED = "{u t←⍵ ⋄ p←u+⍺×t-u ⋄ p×((+/,u×u)*0.5)÷(+/,p×p)*0.5}"
RESCALED_UPDATE = "{u t←⍵ ⋄ d←t-u ⋄ u+⍺×d×((+/,u×u)*0.5)÷(+/,d×d)*0.5}"
MASK = "{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ 0.5<(d-lo)÷(⌈/,d)-lo}"


def torch_lerp(a, b, t=0.3):
    return a + t * (b - a)


def torch_slerp(a, b, t=0.3):
    cos = (a * b).sum() / (a.norm() * b.norm())
    if cos.abs() > 0.9995:
        return torch_lerp(a, b, t)
    angle = torch.acos(cos)
    return (a * torch.sin(angle * (1 - t)) + b * torch.sin(angle * t)) / torch.sin(angle)


def torch_guide(u, t, g):
    return u + g * (t - u)


def torch_rescaled(u, t, g):
    p = u + g * (t - u)
    return p * (u.norm() / p.norm())


def torch_rescaled_update(u, t, g):
    d = t - u
    return u + g * d * (u.norm() / d.norm())


def torch_mask(q, r):
    d = (q - r).abs().mean(dim=(0, 1))
    lo = d.min()
    return (d - lo) / (d.max() - lo) > 0.5


def cases(dtype):
    g = torch.Generator().manual_seed(0)
    rand = lambda *shape: torch.randn(*shape, generator=g, dtype=dtype)  # noqa: E731
    a, b = rand(77, 768), rand(77, 768)
    u, t = rand(2, 4, 64, 64), rand(2, 4, 64, 64)
    q, r = rand(2, 10, 4, 64, 64), rand(2, 10, 4, 64, 64)
    return [
        ("lerp, 77×768", "{⍺+0.3×⍵-⍺}", lambda: torch_lerp(a, b), (b, a)),
        ("slerp, 77×768", SLERP, lambda: torch_slerp(a, b), (b, a)),
        ("guide, 2×4×64×64", "{u t←⍵ ⋄ u+⍺×t-u}", lambda: torch_guide(u, t, 7.5), ([u, t], 7.5)),
        ("rescaled, 2×4×64×64", RESCALED, lambda: torch_rescaled(u, t, 7.5), ([u, t], 7.5)),
        ("rescaled_update, 2×4×64×64", RESCALED_UPDATE, lambda: torch_rescaled_update(u, t, 7.5), ([u, t], 7.5)),
        ("DiffEdit mask, 2×10×4×64×64", MASK, lambda: torch_mask(q, r), (r, q)),
    ]


def _time(fn, runs):
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def run(dtype=torch.float32, runs=31, interpreter=True):
    rows = []
    for name, dfn, reference, (w, a) in cases(dtype):
        compiled = apl.compile(dfn)
        got, want = compiled(w, a), reference()
        agree = got.shape == want.shape and torch.allclose(got.to(want.dtype), want, rtol=1e-4, atol=1e-5)
        c_times, r_times = [], []
        for _ in range(runs):  # alternated, so that a busy machine slows both alike
            c_times += _time(lambda: compiled(w, a), 5)  # noqa: B023
            r_times += _time(reference, 5)
        c, r = statistics.median(c_times), statistics.median(r_times)
        row = dict(name=name, compiled=c, reference=r, ratio=c / r, agree=agree)
        if interpreter:
            fn = apl.function(dfn)
            row["interpreter"] = statistics.median(_time(lambda: fn(w, a), max(5, runs // 3)))  # noqa: B023
        rows.append(row)
    return rows


def rows(cfg):
    """The cases as rows of `python -m bench --compiled` (bench/run.py's Row, timed by its
    time_all: compiled and hand-written alternately in one loop), float32."""
    from bench.run import Row, time_all

    out = []
    for i, (name, dfn, reference, (w, a)) in enumerate(cases(torch.float32), 1):
        compiled = apl.compile(dfn)
        got, want = compiled(w, a), reference()
        agree = got.shape == want.shape and torch.allclose(got.to(want.dtype), want, rtol=1e-4, atol=1e-5)
        c, r = time_all([lambda: compiled(w, a), reference], cfg)  # noqa: B023
        row = Row(f"c{i}", f"apl.compile {name}", c, r, "hand-written torch", target=f"ratio ≤ {TARGET}")
        row.met = row.ratio <= TARGET
        if not agree:
            row.note = "the compiled function and the hand-written torch DISAGREE"
        out.append(row)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--float64", action="store_true")
    ap.add_argument("--runs", type=int, default=31)
    ap.add_argument("--no-interpreter", action="store_true")
    args = ap.parse_args(argv)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    rows = run(torch.float64 if args.float64 else torch.float32, args.runs, not args.no_interpreter)
    print(f"{'helper':30} {'compiled':>10} {'PyTorch':>10} {'ratio':>6} {'interpreter':>12}  agree  target ≤{TARGET}")
    for r in rows:
        interp = f"{r['interpreter'] * 1e6:10.0f}µs" if "interpreter" in r else ""
        ok = "yes" if r["ratio"] <= TARGET else "no"
        print(f"{r['name']:30} {r['compiled'] * 1e6:8.0f}µs {r['reference'] * 1e6:8.0f}µs {r['ratio']:6.2f} "
              f"{interp:>12}  {'yes' if r['agree'] else 'NO':5}  {ok}")
    return 0 if all(r["agree"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
