"""Out of core: APL on the dask backend against hand-written dask.array, on an array on disk
larger than memory (run by hand, not in CI; see bench/README.md, "Out of core").

    python bench/dask_bench.py make /tmp/apl-big.zarr             # 3.3·10⁹ float64 (26.4 GB), Zarr
    python bench/dask_bench.py run /tmp/apl-big.zarr              # the table
    python bench/dask_bench.py quick                              # a small store in a temporary folder

`make` writes X (rows × 2000, float64, uniform in [0,1), chunks of 5000 rows = 80 MB, no
compression) and Y (2000 × 8) chunk by chunk, after checking the free disk: when the disk cannot
hold the asked size with 10 GB to spare, it writes the largest that fits and says so. `run` times
each case once per implementation, each in a fresh process (the one number it reports is
its peak resident memory, `ru_maxrss`), alternating APL and dask, and prints a Markdown table.
The cases:

- Frobenius norm `(+/,X×X)*0.5` against `da.sqrt((X*X).sum())`;
- column mean `(+⌿X)÷≢X` against `X.sum(axis=0) / X.shape[0]`;
- blocked `X+.×Y` (Y 2000×8) against `X @ Y`, both computed (the result, 1.65·10⁶×8, is 106 MB).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COLS = 2000
ROWS_PER_CHUNK = 5000
SPARE_DISK = 10 * 2**30

CASES = {
    "norm": ("(+/,X×X)*0.5", "da.sqrt((X * X).sum())"),
    "colmean": ("(+⌿X)÷≢X", "X.sum(axis=0) / X.shape[0]"),
    "matmul": ("X+.×Y", "X @ Y"),
}


def physical_memory() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


# ------------------------------------------------------------------ making the store
def make(path: str, items: float, cols: int = COLS, rows_per_chunk: int = ROWS_PER_CHUNK) -> dict:
    import numpy as np
    import zarr

    rows = int(items) // cols
    folder = Path(path).resolve()
    if folder.exists():
        shutil.rmtree(folder)
    free = shutil.disk_usage(folder.parent).free
    want = rows * cols * 8
    if want > free - SPARE_DISK:
        rows = max(rows_per_chunk, (free - SPARE_DISK) // (cols * 8) // rows_per_chunk * rows_per_chunk)
        print(f"the disk holds {free / 1e9:.1f} GB free: writing {rows}×{cols} ({rows * cols * 8 / 1e9:.1f} GB) "
              f"instead of {want / 1e9:.1f} GB", file=sys.stderr)
    root = zarr.open_group(str(folder), mode="w")
    x = root.create_array("X", shape=(rows, cols), chunks=(rows_per_chunk, cols), dtype="f8", compressors=None)
    y = root.create_array("Y", shape=(cols, 8), chunks=(cols, 8), dtype="f8", compressors=None)
    rng = np.random.default_rng(2024)
    y[:] = rng.random((cols, 8))
    t = time.perf_counter()
    for start in range(0, rows, rows_per_chunk):
        stop = min(start + rows_per_chunk, rows)
        x[start:stop] = rng.random((stop - start, cols))
        if start // rows_per_chunk % 20 == 0:
            done = stop * cols * 8
            print(f"  {done / 1e9:6.1f} GB written, {done / 1e6 / (time.perf_counter() - t):.0f} MB/s",
                  file=sys.stderr)
    info = {"rows": rows, "cols": cols, "bytes": rows * cols * 8, "seconds": time.perf_counter() - t}
    (folder / "bench.json").write_text(json.dumps(info))
    return info


# ------------------------------------------------------------------ one measurement, in its own process
def _child(path: str, case: str, impl: str) -> None:
    import dask
    import dask.array as da
    import numpy as np

    X = da.from_zarr(path, component="X")
    Y = da.from_zarr(path, component="Y")
    src, code = CASES[case]
    if impl == "apl":
        import apl  # imported before timing, as dask is
    with dask.config.set(scheduler="threads"):
        t = time.perf_counter()
        if impl == "apl":
            r = apl.evaluate(src, X=X, Y=Y)
        else:
            r = np.asarray(eval(code, {"da": da, "X": X, "Y": Y}).compute())
        seconds = time.perf_counter() - t
    r = np.asarray(r)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: kB
    print(json.dumps({"seconds": seconds, "peak": peak, "checksum": float(np.sum(r, dtype=np.float64)),
                      "shape": list(r.shape)}))


def _drop_caches() -> bool:
    """Empty the page cache (root only), so that every run reads the store from the disk: a
    store not much larger than memory is otherwise partly cached by the run before."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def _measure(path: str, case: str, impl: str, drop: bool = False) -> dict:
    if drop:
        _drop_caches()
    out = subprocess.run([sys.executable, __file__, "_child", path, case, impl], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"{case} {impl} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(path: str, repeats: int = 1, cases=None, drop: bool = False) -> str:
    import dask
    import numpy as np

    info_file = Path(path) / "bench.json"
    info = json.loads(info_file.read_text()) if info_file.exists() else {}
    mem = physical_memory()
    rows = []
    for case in cases or CASES:
        times = {"apl": [], "dask": []}
        peaks = {"apl": 0, "dask": 0}
        sums = {}
        for _ in range(repeats):
            for impl in ("apl", "dask"):  # alternately, so that a busy machine slows both alike
                m = _measure(path, case, impl, drop)
                times[impl].append(m["seconds"])
                peaks[impl] = max(peaks[impl], m["peak"])
                sums[impl] = m["checksum"]
        ta, td = min(times["apl"]), min(times["dask"])
        same = np.isclose(sums["apl"], sums["dask"], rtol=1e-9)
        rows.append((CASES[case][0], CASES[case][1], ta, td, ta / td, peaks["apl"], peaks["dask"], same))
    size = info.get("bytes")
    head = (f"X: {info.get('rows', '?')}×{info.get('cols', '?')} float64 in a Zarr store "
            f"({size / 1e9:.1f} GB, {size / mem:.2f}× the memory)" if size else f"X: {path}")
    lines = [head + f"; {os.cpu_count()} cores, {mem / 1e9:.1f} GB memory, Python {platform.python_version()}, "
                    f"dask {dask.__version__}, threaded scheduler; best of {repeats} run(s) each, every run in a "
                    f"fresh process" + (", the page cache emptied before each" if drop else ""), "",
             "| APL | dask.array | APL | dask | ratio | APL peak RSS | dask peak RSS | same result |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for src, code, ta, td, ratio, pa, pd, same in rows:
        lines.append(f"| `{src}` | `{code}` | {ta:.1f} s | {td:.1f} s | {ratio:.2f} | "
                     f"{pa / 2**20:.0f} MiB ({pa / mem:.1%}) | {pd / 2**20:.0f} MiB ({pd / mem:.1%}) | "
                     f"{'yes' if same else 'NO'} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make", help="write the Zarr store")
    m.add_argument("path")
    m.add_argument("--items", type=float, default=3.3e9, help="items of X (default 3.3e9: 26.4 GB)")
    r = sub.add_parser("run", help="time the cases")
    r.add_argument("path")
    r.add_argument("--repeats", type=int, default=1)
    r.add_argument("--case", action="append", choices=list(CASES))
    r.add_argument("--drop-caches", action="store_true",
                   help="empty the page cache before each run (root): every run reads the disk")
    sub.add_parser("quick", help="a small store in a temporary folder, made and timed (a smoke test)")
    c = sub.add_parser("_child")
    c.add_argument("path")
    c.add_argument("case")
    c.add_argument("impl")
    a = p.parse_args(argv)
    if a.cmd == "make":
        print(json.dumps(make(a.path, a.items)))
    elif a.cmd == "run":
        print(run(a.path, a.repeats, a.case, a.drop_caches))
    elif a.cmd == "quick":
        with tempfile.TemporaryDirectory() as d:
            store = str(Path(d) / "x.zarr")
            make(store, 2e7, rows_per_chunk=1000)
            print(run(store))
    else:
        _child(a.path, a.case, a.impl)
    return 0


if __name__ == "__main__":
    sys.exit(main())
