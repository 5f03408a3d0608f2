"""Canonical form of values and comparison, as the shared conformance runner defines them.

Kept here so the project's own tests run the public cases without ../shared.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

DATA = Path(__file__).parent / "data"


def load_cases(name="conformance_public.jsonl"):
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def canon(value):
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        value = value.detach().cpu().numpy()
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return {"shape": list(value.shape), "ravel": [canon(x) for x in value.ravel()]}
        return {"shape": list(value.shape), "ravel": [scalar(x) for x in value.ravel()]}
    return {"shape": [], "ravel": [scalar(value)]}


def scalar(x):
    if isinstance(x, np.ndarray):
        assert x.shape == (), f"array item where a scalar was expected: {x.shape}"
        x = x[()]
    if isinstance(x, (np.bool_, bool, np.integer)):
        return int(x)
    if isinstance(x, np.floating):
        return float(x)
    if isinstance(x, (np.complexfloating, complex)):
        return complex(x)
    if isinstance(x, (np.str_, str)):
        return str(x)
    if isinstance(x, (int, float)):
        return x
    raise TypeError(f"unexpected scalar of type {type(x).__name__}")


def close(got, exp, rel=1e-9, abs_=1e-12):
    if isinstance(got, str) or isinstance(exp, str):
        return isinstance(got, str) and isinstance(exp, str) and got == exp
    if isinstance(exp, complex) or isinstance(got, complex):
        g, e = complex(got), complex(exp)
        return math.isclose(g.real, e.real, rel_tol=rel, abs_tol=abs_) and math.isclose(
            g.imag, e.imag, rel_tol=rel, abs_tol=abs_)
    if isinstance(got, int) and isinstance(exp, int):
        return got == exp
    return math.isclose(float(got), float(exp), rel_tol=rel, abs_tol=abs_)


def difference(got, exp, path=""):
    """None when the canonical `got` matches `exp`, else where they first differ."""
    if list(got["shape"]) != list(exp["shape"]):
        return f"{path or 'value'}: shape {got['shape']} != {exp['shape']}"
    items = exp["ravel"]
    if exp.get("complex"):
        items = [complex(*x) if isinstance(x, list) else x for x in items]
    if len(got["ravel"]) != len(items):
        return f"{path}: item count differs"
    for i, (g, e) in enumerate(zip(got["ravel"], items)):
        where = f"{path}[{i}]"
        if isinstance(e, dict):
            if not isinstance(g, dict):
                g = {"shape": [], "ravel": [g]}
            d = difference(g, e, where)
            if d:
                return d
        elif isinstance(g, dict):
            if g["shape"] == [] and len(g["ravel"]) == 1 and not isinstance(g["ravel"][0], dict):
                if not close(g["ravel"][0], e):
                    return f"{where}: {g['ravel'][0]!r} != {e!r}"
            else:
                return f"{where}: nested item where {e!r} was expected"
        elif not close(g, e):
            return f"{where}: {g!r} != {e!r}"
    return None
