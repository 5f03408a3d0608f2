"""The call benchmarks (cases 12–20): dfn calls, recursion, ¨ ⍣ ⍤ over small items, the row-wise
idioms and ⍳ feeding a reduction.

Each row times APL (a Session, names bound before timing), a baseline (plain Python for the
call cases, hand-written NumPy for the array ones) and, when libjay is installed (`pip install
libjay`, the `bench` extra), the same APL text in libjay (a Rust APL engine), all three in one
loop. Without libjay its columns stay empty and its targets are left out.
"""
from __future__ import annotations

import numpy as np

import apl
from apl.kernels import partition
from bench.run import Row, time_all

RNG_SEED = 20240607

FIB = "fib←{⍵≤1:⍵ ⋄ (∇⍵-1)+∇⍵-2}"
QUICKSORT = "qs←{1≥≢⍵:⍵ ⋄ p←⍵[⌈2÷⍨≢⍵] ⋄ (∇(⍵<p)/⍵),((⍵=p)/⍵),∇(⍵>p)/⍵}"
COLLATZ = "{0=2|⍵:⌊⍵÷2 ⋄ 1+3×⍵}"
ACK = "ack←{⍺=0:⍵+1 ⋄ ⍵=0:(⍺-1)∇1 ⋄ (⍺-1)∇⍺∇⍵-1}"


def libjay():
    """The jay module, or None when libjay is not installed."""
    try:
        import jay
    except ImportError:
        return None
    return jay


def _jay_kernel(src, data):
    """libjay compiled on src (with {name} holes for data), or None (not installed, or it fails)."""
    jay = libjay()
    if jay is None:
        return None, ""
    try:
        k = jay.apl.compile(src, data)
        k()
    except Exception as e:  # noqa: BLE001 - a reference that fails is reported, not fatal
        return None, f"libjay: {type(e).__name__}: {str(e).splitlines()[0][:60]}"
    return k, ""


def _jay_value(k):
    r = k()
    return np.array(r.tolist()) if hasattr(r, "tolist") else np.asarray(r)


def _agree(got, want, what="result"):
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape:
        return f"{what} DIFFERS: shape {got.shape} vs {want.shape}"
    ok = np.allclose(got, want, rtol=1e-9, atol=1e-12) if "f" in (got.dtype.kind, want.dtype.kind) \
        else np.array_equal(got, want)
    return "" if ok else f"{what} DIFFERS from the baseline"


def _row(case, name, s, expr, base, base_name, jay_src, jay_data, cfg, want=None):
    """Time APL's expr in session s, the baseline and libjay side by side; check they agree."""
    k, jay_note = _jay_kernel(jay_src, jay_data)
    def run():
        return s.eval(expr)

    apl_t, base_t, ref_t = time_all([run, base, None if k is None else k], cfg)
    row = Row(case, name, apl_t, base_t, base_name, ref=ref_t)
    got = run()
    notes = [_agree(got, base() if want is None else want)]
    if k is not None:
        notes.append(_agree(got, _jay_value(k), "APL vs libjay"))
    notes.append(jay_note)
    row.note = "; ".join(n for n in notes if n)
    return row


def _at_or_ahead_of_libjay(row: Row, extra: str = ""):
    """The target of a call case: at or ahead of libjay (when it ran)."""
    if row.ref is None:
        return row
    row.target = (extra + ", " if extra else "") + "≤ libjay"
    row.met = row.ref_ratio <= 1.0 and row.met is not False
    return row


# ------------------------------------------------------------------ 12. fib 20
def _fib(n):
    return n if n <= 1 else _fib(n - 1) + _fib(n - 2)


def case12(cfg):
    n = 15 if cfg.quick else 20
    s = apl.Session()
    s.eval(FIB)
    s["n"] = n
    row = _row("12", f"fib {n} (recursive dfn)", s, "fib n", lambda: _fib(n), "Python def fib",
               FIB + " ⋄ fib {n}", {"n": n}, cfg)
    row.target, row.met = "APL ≤ 6 ms", row.apl <= 0.006
    return [_at_or_ahead_of_libjay(row, "APL ≤ 6 ms")]


# ------------------------------------------------------------------ 13. quicksort
def _qs(v):
    if len(v) <= 1:
        return v
    p = v[(len(v) + 1) // 2 - 1]
    return _qs([x for x in v if x < p]) + [x for x in v if x == p] + _qs([x for x in v if x > p])


def case13(cfg):
    n = 1000 if cfg.quick else 10**4
    v = np.random.default_rng(RNG_SEED).integers(0, 10**6, n)
    # the partition kernel (Numba) loaded before the timing, as libjay compiles before its runs;
    # a run loads it by itself after about half a second of partitions (apl/kernels/partition.py)
    partition.load()
    s = apl.Session()
    s.eval(QUICKSORT)
    s["v"] = v
    vl = v.tolist()
    row = _row("13", f"quicksort dfn, {n} random integers", s, "qs v", lambda: _qs(vl), "Python def qs (lists)",
               QUICKSORT + " ⋄ qs {v}", {"v": v}, cfg)
    return [_at_or_ahead_of_libjay(row)]


# ------------------------------------------------------------------ 14. {…}¨ with a guard
def _collatz(x):
    return x // 2 if x % 2 == 0 else 1 + 3 * x


def case14(cfg):
    n = 10**4 if cfg.quick else 10**5
    s = apl.Session()
    s["n"] = n
    row = _row("14", f"{COLLATZ}¨⍳{n}", s, COLLATZ + "¨⍳n",
               lambda: [_collatz(x) for x in range(1, n + 1)], "[step(x) for x in …]",
               COLLATZ + "¨⍳" + str(n), {}, cfg)
    return [_at_or_ahead_of_libjay(row)]


# ------------------------------------------------------------------ 15. ⍣ of scalar steps
def _collatz_loop(x, k):
    for _ in range(k):
        x = _collatz(x)
    return x


def case15(cfg):
    k = 10**4 if cfg.quick else 10**5
    s = apl.Session()
    row = _row("15", f"({COLLATZ}⍣{k})27", s, f"({COLLATZ}⍣{k})27", lambda: _collatz_loop(27, k),
               "a Python loop of step(x)", f"({COLLATZ}⍣{k}) 27", {}, cfg)
    return [_at_or_ahead_of_libjay(row)]


# ------------------------------------------------------------------ 16. Ackermann
def _ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return _ack(m - 1, 1)
    return _ack(m - 1, _ack(m, n - 1))


def case16(cfg):
    k = 10 if cfg.quick else 100
    s = apl.Session()
    s.eval(ACK)
    s["k"] = k
    row = _row("16", f"Ackermann(2, 3), {k} times: 2 ack¨k⍴3", s, "2 ack¨k⍴3",
               lambda: [_ack(2, 3) for _ in range(k)], "Python def ack", ACK + " ⋄ 2 ack¨ {k}⍴3", {"k": k}, cfg)
    return [_at_or_ahead_of_libjay(row)]


# ------------------------------------------------------------------ 17. a dfn on each row
def case17(cfg):
    n = 1000 if cfg.quick else 10**4
    m = np.random.default_rng(RNG_SEED).integers(0, 100, (n, 10))
    s = apl.Session()
    s["M"] = m
    rows = m.tolist()
    expr = "{(+/⍵)-⌈/⍵}⍤1⊢M"
    row = _row("17", f"{expr}, {n}×10 integers", s, expr, lambda: [sum(r) - max(r) for r in rows],
               "[sum(r)-max(r) for r in rows]", "{(+/⍵)-⌈/⍵}⍤1⊢{M}", {"M": m}, cfg)
    return [_at_or_ahead_of_libjay(row)]


# ------------------------------------------------------------------ 18, 19. row-wise idioms
def _row_norm(x):
    return x / x.sum(1, keepdims=True)


def _softmax(x):
    e = np.exp(x - x.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def _rowwise(case, dfn, base, base_name, cfg):
    n = 200 if cfg.quick else 1000
    x = np.random.default_rng(RNG_SEED).random((n, n))
    s = apl.Session()
    s["x"] = x
    expr = dfn + "⍤1⊢x"
    row = _row(case, f"{dfn}⍤1, {n}×{n} float64", s, expr, lambda: base(x), base_name,
               dfn + "⍤1⊢{x}", {"x": x}, cfg)
    row.target, row.met = "ratio ≤ 1.5", row.ratio <= 1.5
    return [row]


def case18(cfg):
    return _rowwise("18", "{⍵÷+/⍵}", _row_norm, "x/x.sum(1, keepdims=True)", cfg)


def case19(cfg):
    return _rowwise("19", "{e÷+/e←*⍵-⌈/⍵}", _softmax, "NumPy softmax", cfg)


# ------------------------------------------------------------------ 20. +/⍳N
def case20(cfg):
    n = 10**5 if cfg.quick else 10**6
    s = apl.Session()
    s["N"] = n
    row = _row("20", f"+/⍳{n:.0e}", s, "+/⍳N", lambda: np.arange(n).sum(), f"np.arange({n:.0e}).sum()",
               f"+/⍳{n}", {}, cfg, want=n * (n + 1) // 2)
    row.target, row.met = "ratio ≤ 1.2", row.ratio <= 1.2
    return [row]


CASES = {12: case12, 13: case13, 14: case14, 15: case15, 16: case16, 17: case17, 18: case18, 19: case19,
         20: case20}
