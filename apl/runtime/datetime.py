"""⎕DT: datetimes converted between Dyalog's representations (Dyalog 18.0 Language Reference,
"Datetime"): time numbers (day counts and tick counts from an epoch: code 1 the Dyalog Date
Number, 20 Unix time, 12 JavaScript milliseconds …), timestamps (¯1 ⎕TS form, ¯2 and ¯3 with
micro- and nanoseconds) and military time-zone characters ('Z' now in UTC, 'J' now here). An X of
0 validates. Text patterns are not supported (NONCE ERROR).

Every datetime passes through one exact form: a whole number of nanoseconds since 1970-01-01.
"""
from __future__ import annotations

import datetime as _dt
import time

import numpy as np

from .. import arrays as ar
from ..arrays import OBJ
from ..backends import kind, size
from ..errors import DomainError, LengthError, NonceError, RankError, SyntaxError_
from ..primitives.base import Function

_NS = 10**9
_DAY = 86_400 * _NS
_EPOCH = _dt.date(1970, 1, 1).toordinal()


def _days_since_1970(y, m, d, h=0, mi=0):
    """The day (and fraction) of a date and time, counted from 1970-01-01 00:00."""
    return _dt.date(y, m, d).toordinal() - _EPOCH + (h * 60 + mi) / 1440


# code → (epoch in days from 1970-01-01, ticks per day, whether negative numbers are allowed);
# ticks per day None: a day count with a fractional part
_TIME_NUMBERS = {
    1: (_days_since_1970(1899, 12, 31), None, True),
    2: (0, 86_400 * 60, True),
    10: (_days_since_1970(2000, 1, 1), 86_400 * 10**9, True),
    11: (_days_since_1970(2024, 1, 1), 86_400_000, True),
    12: (0, 86_400_000, True),
    13: (0, None, True),
    14: (_days_since_1970(2001, 1, 1), 86_400_000, True),
    15: (0, 86_400 * 10**6, True),
    16: (0, 86_400 * 10**9, True),
    17: (_days_since_1970(1900, 1, 1), 86_400 * 10**6, False),
    20: (0, 86_400, True),
    33: (_days_since_1970(1899, 12, 30), None, True),
    41: (_days_since_1970(1904, 1, 1), None, False),
    42: (_days_since_1970(1960, 1, 1), 86_400_000, True),
    43: (_days_since_1970(1582, 10, 14), 86_400, False),
    44: (_days_since_1970(1960, 1, 1), 86_400, True),
    50: (-2_440_587.5, None, False),
    52: (_days_since_1970(1858, 11, 16, 12), None, True),
    53: (_days_since_1970(1858, 11, 17), None, True),
    54: (_days_since_1970(1899, 12, 31, 12), None, True),
    55: (_days_since_1970(1950, 1, 1), None, True),
    56: (_days_since_1970(1958, 1, 1), None, True),
}
# timestamp code → nanoseconds per unit of its last element
_TIMESTAMPS = {-1: 10**6, -2: 10**3, -3: 1}
_ELIDED = (1, 1, 1, 0, 0, 0, 0)
# military time-zone letters → hours from UTC (J: local time)
_ZONES = {**{c: i + 1 for i, c in enumerate("ABCDEFGHI")}, "K": 10, "L": 11, "M": 12,
          **{c: -(i + 1) for i, c in enumerate("NOPQRSTUVWXY")}, "Z": 0}


def _now(letter: str) -> int:
    ns = time.time_ns()
    if letter == "J":
        return ns + int(_dt.datetime.now().astimezone().utcoffset().total_seconds()) * _NS
    if letter not in _ZONES:
        raise DomainError(f"⎕DT: {letter!r} is not a military time-zone letter")
    return ns + _ZONES[letter] * 3600 * _NS


def _from_number(x, code) -> int:
    if code in (60, 61):
        digits = f"{x:.6f}" if code == 60 else str(int(x))
        if code == 60:
            date, _, clock = digits.partition(".")
            digits = date + clock
        digits = digits.rjust(14, "0")
        parts = [int(digits[:-10]), int(digits[-10:-8]), int(digits[-8:-6]), int(digits[-6:-4]),
                 int(digits[-4:-2]), int(digits[-2:])]
        return _from_timestamp(parts + [0], -1)
    if code not in _TIME_NUMBERS:
        raise DomainError(f"⎕DT: {code} is not a datetime code supported here")
    epoch, per_day, negative = _TIME_NUMBERS[code]
    if x < 0 and not negative:
        raise DomainError(f"⎕DT: time numbers of code {code} are not negative")
    days = x / per_day if per_day else x
    return round((days + epoch) * _DAY) if per_day is None or isinstance(x, float) else \
        (int(x) * _DAY) // per_day + round(epoch * _DAY)


def _to_number(ns: int, code):
    if code in (60, 61):
        y, mo, d, h, mi, s, _ = _to_timestamp(ns, -1)
        text = f"{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}{s:02d}"
        return float(text[:8] + "." + text[8:]) if code == 60 else int(text)
    epoch, per_day, negative = _TIME_NUMBERS[code]
    if not negative and ns < round(epoch * _DAY):
        raise DomainError(f"⎕DT: time numbers of code {code} are not negative")
    if per_day is None:
        return ns / _DAY - epoch
    ticks = (ns - round(epoch * _DAY)) * per_day
    return ticks // _DAY if ticks % _DAY == 0 or per_day <= 86_400 * 10**9 else ticks / _DAY


def _from_timestamp(parts, code) -> int:
    if len(parts) > 7:
        raise LengthError("⎕DT: a timestamp has at most 7 elements")
    y, mo, d, h, mi, s, frac = [int(v) for v in list(parts) + list(_ELIDED[len(parts):])]
    try:
        day = _dt.date(y, mo, d).toordinal() - _EPOCH
    except ValueError:
        raise DomainError(f"⎕DT: {y} {mo} {d} is not a date") from None
    if not (0 <= h < 24 and 0 <= mi < 60 and 0 <= s < 60 and 0 <= frac < _NS // _TIMESTAMPS[code]):
        raise DomainError("⎕DT: a time of day out of range")
    return day * _DAY + ((h * 60 + mi) * 60 + s) * _NS + frac * _TIMESTAMPS[code]


def _to_timestamp(ns: int, code):
    day, rest = divmod(ns, _DAY)
    date = _dt.date.fromordinal(day + _EPOCH)
    secs, frac = divmod(rest, _NS)
    h, r = divmod(secs, 3600)
    mi, s = divmod(r, 60)
    return [date.year, date.month, date.day, h, mi, s, frac // _TIMESTAMPS[code]]


def _datetime(item, code_in) -> int:
    """One element of Y as nanoseconds since 1970."""
    if isinstance(item, str) or isinstance(item, np.ndarray) and item.dtype.kind == "U" and item.ndim == 0:
        return _now(str(item))
    a = ar.unbox(item)
    if a.ndim == 0 and kind(a) in "biuf":
        x = a.item()
        if code_in is None:
            code_in = 1
        if code_in < 0:
            raise RankError("⎕DT: a timestamp is a vector")
        return _from_number(x, code_in)
    if a.ndim == 1 and (size(a) == 0 or kind(a) in "biuf"):
        code = -1 if code_in is None else code_in
        if code not in _TIMESTAMPS:
            raise DomainError(f"⎕DT: a vector is a timestamp, not code {code}")
        return _from_timestamp(ar.host_values(a).tolist(), code)
    if a.ndim == 1 and kind(a) == "U":
        raise NonceError("⎕DT: text-formatted datetimes (patterns) are not supported")
    raise DomainError("⎕DT: not a datetime")


def _codes(a):
    if kind(a) == "U" or a.dtype == OBJ:
        raise NonceError("⎕DT: formatting patterns are not supported")
    codes = [int(v) for v in ar.int_list(a.reshape(-1), "⎕DT")]
    if len(codes) not in (1, 2):
        raise LengthError("⎕DT: X is an output code, or an input and an output code")
    return (None, codes[0]) if len(codes) == 1 else (codes[0], codes[1])


class DateTime(Function):
    """X ⎕DT Y: each element of Y (a time number, a timestamp, a military time-zone letter) in
    the representation X gives (0: whether it is valid)."""

    glyph = "⎕DT"

    def monad(self, w):
        raise SyntaxError_("⎕DT needs a left argument: the code of the result")

    def dyad(self, a, w):
        code_in, code_out = _codes(a)
        if code_out != 0 and code_out not in _TIME_NUMBERS and code_out not in _TIMESTAMPS \
                and code_out not in (60, 61):
            raise DomainError(f"⎕DT: {code_out} is not a datetime code supported here")
        if w.dtype == OBJ or kind(w) != "U" or w.ndim == 0:
            items, shape = w.reshape(-1).tolist() if w.dtype == OBJ else list(w.reshape(-1)), w.shape
        else:
            items, shape = list(w.reshape(-1)), w.shape  # a character vector: military letters
        out = []
        for item in items:
            if code_out == 0:
                try:
                    _datetime(item, code_in)
                    out.append(True)
                except (DomainError, LengthError, RankError, ValueError, OverflowError):
                    out.append(False)
                continue
            ns = _datetime(item, code_in)
            try:
                out.append(_to_timestamp(ns, code_out) if code_out < 0 else _to_number(ns, code_out))
            except (ValueError, OverflowError):
                raise DomainError("⎕DT: the datetime is out of range") from None
        if code_out == 0:
            return np.array(out, dtype=ar.BOOL).reshape(shape)
        if code_out < 0:
            return ar.from_items([np.array(t, dtype=ar.INT) for t in out], shape)
        if any(isinstance(v, int) and abs(v) >= 2**63 for v in out):
            out = [float(v) for v in out]  # beyond 64-bit integers, as Dyalog: a float
        return ar.from_items(out, shape)
