"""Operation codes and numeric limits shared by the Numba kernels and the NumPy fallback.

Pure Python and NumPy: importing this module never imports Numba.
"""
from __future__ import annotations

import numpy as np

# one code per scalar operation; AND/OR are the logical forms used on values known to be 0 or 1
ADD, SUB, MUL, DIV, MAX, MIN, LCM, GCD, EQ, NE, LT, LE, GT, GE, RES, POW, AND, OR = range(18)

CODES = {
    "+": ADD, "-": SUB, "×": MUL, "÷": DIV, "⌈": MAX, "⌊": MIN, "∧": LCM, "∨": GCD,
    "=": EQ, "≠": NE, "<": LT, "≤": LE, ">": GT, "≥": GE, "|": RES, "*": POW,
}
COMPARISONS = frozenset("=≠<≤>≥")
LOGICAL = {"∧": AND, "∨": OR}

INNER_GLYPHS = "+-×÷⌈⌊∧∨=≠<≤>≥|"
SCAN_GLYPHS = INNER_GLYPHS + "*"

MAXI = int(np.iinfo(np.int64).max)
MINI = int(np.iinfo(np.int64).min)
MAXF = float(np.finfo(np.float64).max)
# the interpreter's limits (apl/primitives/arithmetic.py): an int64 product whose float value reaches
# PLIM may not fit; an int64 sum or product at or above BIG in magnitude is given as a float
PLIM = 2.0**63 - 8192
BIG = 9.2e18

BOOL = np.dtype(np.bool_)
INT = np.dtype(np.int64)
FLOAT = np.dtype(np.float64)


def domain(*arrays) -> np.dtype | None:
    """The dtype arithmetic is done in: float64 if any argument is float64, else int64;
    None when an argument is not bool, int64 or float64 (characters, complex, nested)."""
    out = INT
    for x in arrays:
        if x.dtype == FLOAT:
            out = FLOAT
        elif x.dtype not in (BOOL, INT):
            return None
    return out


def boolish(x: np.ndarray) -> bool:
    """Every item is 0 or 1 (the interpreter's test for taking ∧ ∨ as logical functions)."""
    if x.dtype == BOOL:
        return True
    return not np.any((x != 0) & (x != 1))
