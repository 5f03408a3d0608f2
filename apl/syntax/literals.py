"""Values of number and string tokens."""
from __future__ import annotations

import numpy as np

from ..errors import DomainError


def parse_real(text: str):
    """A real number token: an int where it is a whole number that int64 holds, else a float;
    beyond a float's range (1E400, or 400 digits) a DOMAIN ERROR, as Dyalog's is."""
    text = text.replace("¯", "-")
    if any(c in text for c in ".eE") or len(text.lstrip("-")) > 19:  # 19 digits: int64's reach, roughly
        x = float(text)
        if x in (float("inf"), float("-inf")):
            raise DomainError("number too large")
        if not any(c in text for c in ".eE") and abs(x) < 2**63:
            return int(text)
        return int(x) if x.is_integer() and abs(x) < 2**53 else x
    return int(text)


def parse_number(text: str):
    """One number token: int, float or complex (a zero imaginary part gives a real)."""
    for sep in "jJ":
        if sep in text:
            re_, im = text.split(sep)
            im_v = parse_real(im)
            if im_v == 0:
                return parse_real(re_)
            return complex(parse_real(re_), im_v)
    return parse_real(text)


def numbers_array(values: list) -> np.ndarray:
    """A strand of numeric literals: one array of the narrowest fitting type."""
    if any(isinstance(v, complex) for v in values):
        arr = np.array(values, dtype=np.complex128)
    elif any(isinstance(v, float) for v in values) or any(abs(v) >= 2**63 for v in values):
        arr = np.array(values, dtype=np.float64)
    else:
        arr = np.array(values, dtype=np.int64)
    return arr.reshape(()) if len(values) == 1 else arr


def string_array(token_text: str) -> np.ndarray:
    """'it''s' → the characters, a scalar for one character."""
    body = token_text[1:-1].replace("''", "'")
    if len(body) == 1:
        return np.array(body, dtype="<U1")
    return np.array(list(body), dtype="<U1")
