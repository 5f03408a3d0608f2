"""System functions: ⎕UCS ⎕C ⎕DL ⎕SIGNAL ⎕DR ⎕NC ⎕EX ⎕VFI ⎕DT (⎕FX ⎕CR ⎕NR from fn_source), and
`system_function`, which the compiler asks for one by name."""
from __future__ import annotations

import re
import time

import numpy as np

from .. import arrays as ar
from ..arrays import OBJ
from ..backends import kind, size
from ..errors import BY_NAME, APLError, DomainError, NonceError, RankError
from ..primitives.base import Function
from ..syntax.literals import numbers_array, parse_number
from .datetime import DateTime
from .fn_source import CR, FX, NR
from .namespaces import NL, NS, name_class
from .system_variables import SYSTEM_VARIABLES


class _UCS(Function):
    glyph = "⎕UCS"

    def monad(self, w):
        if kind(w) == "U":
            return np.vectorize(ord, otypes=[ar.INT])(w) if w.size else np.zeros(w.shape, ar.INT)
        codes = ar.host_ints(w, "⎕UCS")
        if np.any(codes < 0) or np.any(codes > 0x10FFFF):
            raise DomainError("not a Unicode code point")
        return np.vectorize(chr, otypes=[ar.CHAR])(codes) if codes.size else np.zeros(codes.shape, ar.CHAR)

    def dyad(self, a, w):
        """'UTF-8' ⎕UCS text: its bytes as integers (and back, from integers); UTF-16 and UTF-32
        as Dyalog gives them, code units."""
        name = "".join(ar.host_values(a).reshape(-1).tolist()) if kind(a) == "U" else None
        codec = _ENCODINGS.get((name or "").upper())
        if codec is None:
            raise DomainError("⎕UCS's left argument is 'UTF-8', 'UTF-16' or 'UTF-32'")
        encoding, width = codec
        if w.ndim > 1:
            raise RankError("⎕UCS with an encoding takes a vector")
        if kind(w) == "U":
            data = "".join(w.reshape(-1).tolist()).encode(encoding)
            return np.frombuffer(data, dtype=f"<u{width}").astype(ar.INT)
        if w.size == 0:
            return np.zeros(0, ar.CHAR)
        units = ar.host_ints(w, "⎕UCS").reshape(-1)
        if np.any(units < 0) or np.any(units >= 1 << (8 * width)):
            raise DomainError(f"⎕UCS: {name} code units are 0 to {(1 << (8 * width)) - 1}")
        try:
            text = units.astype(f"<u{width}").tobytes().decode(encoding)
        except UnicodeDecodeError:
            raise DomainError(f"⎕UCS: not valid {name}") from None
        return np.array(list(text), dtype=ar.CHAR)


_ENCODINGS = {"UTF-8": ("utf-8", 1), "UTF-16": ("utf-16-le", 2), "UTF-32": ("utf-32-le", 4)}


def _one_char(f):
    """A case mapping that keeps a character whose mapping is not one character (ß stays ß)."""
    def g(c):
        m = f(c)
        return m if len(m) == 1 else c
    return g


_FOLD = _one_char(str.casefold)
_UPPER = _one_char(str.upper)
_LOWER = _one_char(str.lower)


def _case_map(w, f):
    """w with every character, at any depth, mapped by f; numbers and refs unchanged."""
    k = kind(w)
    if k == "U":
        return np.vectorize(f, otypes=[ar.CHAR])(w) if w.size else w
    if k != "O":
        return w
    out = np.empty(w.shape, dtype=OBJ)
    flat = out.reshape(-1)
    for i, x in enumerate(w.reshape(-1)):
        if isinstance(x, str):
            flat[i] = f(x)
        elif isinstance(x, np.ndarray):
            flat[i] = ar.box(_case_map(x, f))
        else:
            flat[i] = x
    return out


class _C(Function):
    """⎕C: case fold (monadic, or ¯3 ⎕C), 1 ⎕C upper case, ¯1 ⎕C lower case (Dyalog 18+)."""

    glyph = "⎕C"

    def monad(self, w):
        return _case_map(w, _FOLD)

    def dyad(self, a, w):
        if size(a) != 1 or kind(a) not in "bif":
            raise DomainError("⎕C's left argument is 1, ¯1 or ¯3")
        x = float(ar.host_values(a).reshape(-1)[0])
        f = {1.0: _UPPER, -1.0: _LOWER, -3.0: _FOLD}.get(x)
        if f is None:
            raise DomainError("⎕C's left argument is 1, ¯1 or ¯3")
        return _case_map(w, f)


class _DL(Function):
    glyph = "⎕DL"

    def monad(self, w):
        secs = float(ar.host_values(w).reshape(-1)[0])
        if not secs <= 1e9:  # about 32 years, and no NaN
            raise DomainError("⎕DL waits at most 1E9 seconds")
        t0 = time.time()
        time.sleep(max(secs, 0))
        return np.array(time.time() - t0)


class _SIGNAL(Function):
    """⎕SIGNAL n, or 'message' ⎕SIGNAL n: raise the APL error numbered n."""

    glyph = "⎕SIGNAL"

    def __init__(self, env=None):
        self.env = env

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        if size(w) == 0:
            return np.zeros(0, dtype=ar.INT)
        code = ar.to_int(w.reshape(-1)[:1], "⎕SIGNAL")
        if not 0 <= code <= 1008:
            raise DomainError("⎕SIGNAL takes an event number from 0 to 1008")
        if code == 0:
            # Dyalog: ⎕SIGNAL 0 signals nothing; it resets ⎕EN and ⎕DM
            if self.env is not None and self.env.session is not None:
                self.env.session.last_error = None
            return np.zeros(0, dtype=ar.INT)
        msg = "" if a is None else "".join(str(c) for c in a.reshape(-1))
        for cls in BY_NAME.values():
            if cls.code == code:
                err = cls(msg)
                err.dm = msg  # 'text' ⎕SIGNAL n: the text is ⎕DM's first line (the name stays)
                raise err
        err = type("SignalledError", (APLError,), {"name": msg or f"ERROR {code}", "code": code})
        raise err(msg)


class _DR(Function):
    """⎕DR: Dyalog's data representation code, judged by the values as Dyalog would store them
    (the narrowest of boolean, 8-, 16-, 32-bit integers; characters by their widest code point)."""

    glyph = "⎕DR"

    def monad(self, w):
        return np.array(data_representation(w), dtype=ar.INT)

    def dyad(self, a, w):
        raise NonceError("dyadic ⎕DR (conversion) is not supported")


def data_representation(w) -> int:
    k = kind(w)
    if k == "O":
        return 326
    if k == "U":
        top = max((ord(c) for c in w.reshape(-1).tolist()), default=0)
        return 80 if top < 256 else 160 if top < 65536 else 320
    if k == "b":
        return 11
    if k == "c":
        return 1289
    if k == "f":
        return 645
    v = ar.host_values(w).reshape(-1)
    if v.size == 0:
        return 83 if w.ndim else 11
    lo, hi = int(v.min()), int(v.max())
    if lo >= 0 and hi <= 1:
        return 11
    for code, bits in ((83, 8), (163, 16), (323, 32)):
        if -(2 ** (bits - 1)) <= lo and hi < 2 ** (bits - 1):
            return code
    return 645


_NAME = re.compile(r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*")
_DOTTED = re.compile(r"(##?|⎕THIS|[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*)(\.[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*)*")


def _name_list(w, what):
    """The names in a character scalar, vector, matrix (one per row) or vector of vectors,
    blanks trimmed, and whether they came nested (⎕NC then gives sub-classes)."""
    if w.dtype == OBJ:
        if w.ndim > 1:
            raise RankError(f"{what} needs a vector of names")
        names = []
        for item in w.reshape(-1):
            x = ar.unbox(item)
            if x.ndim > 1 or (size(x) and kind(x) != "U"):
                raise DomainError(f"{what} needs names as characters")
            names.append("".join(x.reshape(-1).tolist()).strip())
        return names, w.shape, True
    if size(w) and kind(w) != "U":
        raise DomainError(f"{what} needs names as characters")
    w = ar.host_values(w)
    if w.ndim > 2:
        raise RankError(f"{what} needs a vector or matrix of names")
    if w.ndim < 2:
        return ["".join(w.reshape(-1).tolist()).strip()], (1,), False
    return ["".join(row).strip() for row in w.tolist()], (w.shape[0],), False


def _name_class(env, name: str, nested: bool) -> float:
    if name.startswith("⎕"):
        if name.upper() in SYSTEM_VARIABLES:
            return 2
        if name.upper() in _SYSTEM_FUNCTIONS or name.upper() in _ENV_SYSTEM_FUNCTIONS:
            return 3
        return -1
    if name not in ("⍺", "⍵", "⍺⍺", "⍵⍵") and not _DOTTED.fullmatch(name):
        return -1
    v = env.find(name)
    if v is None:
        return 0
    c = name_class(v)  # a niladic tradfn too; 9 a namespace reference
    return c if nested else int(c)


class _NC(Function):
    """⎕NC: the class of each name: 0 undefined, 2 array, 3 function, 4 operator, ¯1 not a
    name; names given nested get Dyalog's sub-classes (2.1, 3.2 dfn, 3.3 derived or primitive…)."""

    glyph = "⎕NC"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        names, shape, nested = _name_list(w, "⎕NC")
        classes = [_name_class(self.env, n, nested) for n in names]
        dtype = ar.FLOAT if any(isinstance(c, float) for c in classes) else ar.INT
        return np.array(classes, dtype=dtype).reshape(shape)


class _EX(Function):
    """⎕EX: expunge each name from the most local level that holds it; 1 where the name is now
    free, 0 for a name that is ill-formed or a system name."""

    glyph = "⎕EX"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        names, shape, _ = _name_list(w, "⎕EX")
        out = []
        for name in names:
            if not _NAME.fullmatch(name):
                out.append(False)
                continue
            owner = self.env.owner(name)
            if owner is not None:
                del owner.vars[name]
            out.append(True)
        return np.array(out, dtype=ar.BOOL).reshape(shape)


_NUMBER = re.compile(r"¯?([0-9]+\.?[0-9]*|\.[0-9]+)([eE]¯?[0-9]+)?([jJ]¯?([0-9]+\.?[0-9]*|\.[0-9]+)([eE]¯?[0-9]+)?)?")


class _VFI(Function):
    """⎕VFI: verify and fix input: (valid mask)(values) of the blank-separated fields, or
    of the fields between the separator characters ⍺ (empty fields are 0, and valid)."""

    glyph = "⎕VFI"

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        text = _char_vector(w, "⎕VFI")
        if a is None:
            fields = text.split()
        else:
            seps = _char_vector(a, "⎕VFI")
            fields = [text]
            for c in seps:
                fields = [part for f in fields for part in f.split(c)]
            fields = [f.strip(" ") for f in fields]
            if not text.strip(" "):
                fields = []
        ok, vals = [], []
        for f in fields:
            good = f == "" and a is not None or _NUMBER.fullmatch(f) is not None
            v = 0
            if good and f:
                try:
                    v = parse_number(f)
                except (ValueError, OverflowError, DomainError):  # matched the pattern, yet no number
                    good, v = False, 0
            ok.append(good)
            vals.append(v)
        values = numbers_array(vals).reshape(-1) if vals else np.zeros(0, dtype=ar.INT)
        return ar.from_items([np.array(ok, dtype=ar.BOOL), values], (2,))


def _char_vector(w, what) -> str:
    if w.ndim > 1:
        raise RankError(f"{what} needs a character vector")
    if size(w) and kind(w) != "U":
        raise DomainError(f"{what} needs characters")
    return "".join(ar.host_values(w).reshape(-1).tolist()) if size(w) else ""


class _Later:
    """A system function whose module loads when it is first used: ⎕FMT, ⎕JSON and the native
    files import dataclasses, json and shutil, which `apl -e 1+1` need not pay for."""

    def __init__(self, module: str, name: str, with_env: bool = False):
        self.module, self.name, self.with_env = module, name, with_env

    def load(self):
        import importlib

        found = getattr(importlib.import_module(f".{self.module}", __package__), self.name)
        return found if self.with_env else found()


_SYSTEM_FUNCTIONS = {"⎕UCS": _UCS(), "⎕C": _C(), "⎕DL": _DL(), "⎕DR": _DR(), "⎕VFI": _VFI(),
                     "⎕DT": DateTime(), "⎕FMT": _Later("format", "Format")}
# system functions that see the names where they are called: made afresh with the environment
_ENV_SYSTEM_FUNCTIONS = {"⎕NC": _NC, "⎕EX": _EX, "⎕SIGNAL": _SIGNAL, "⎕FX": FX, "⎕CR": CR, "⎕NR": NR,
                         "⎕NS": NS, "⎕NL": NL}
# ⎕JSON (json_io.py) and the native files as text (native_files.py)
_SYSTEM_FUNCTIONS.update({name: _Later("native_files", name[1:]) for name in
                          ("⎕NGET", "⎕NPUT", "⎕NEXISTS", "⎕NDELETE", "⎕MKDIR", "⎕NPARTS")})
_ENV_SYSTEM_FUNCTIONS["⎕JSON"] = _Later("json_io", "JSON", with_env=True)


def system_function(name, span):
    """The system function called name: an instance, or a class to make with the environment."""
    table = _SYSTEM_FUNCTIONS if name in _SYSTEM_FUNCTIONS else _ENV_SYSTEM_FUNCTIONS
    f = table.get(name)
    if f is None:
        raise NonceError(f"{name} is not supported", span)
    if type(f) is _Later:
        f = table[name] = f.load()
    return f
