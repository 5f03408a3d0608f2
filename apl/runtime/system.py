"""System names (⎕IO ⎕CT ⎕PP ⎕A ⎕D …), system functions (⎕UCS …), ⍎ and indexed assignment."""
from __future__ import annotations

import re
import string
import time

import numpy as np

from .. import arrays as ar
from ..arrays import OBJ
from ..backends import anyb, backend_of, is_array, is_tensor, kind, size
from ..errors import DomainError, IndexError_, LengthError, NonceError, RankError, ValueError_
from ..primitives.base import Function, Operator
from ..settings import current

_ALPHABET = np.array(list(string.ascii_uppercase), dtype=ar.CHAR)
_DIGITS = np.array(list(string.digits), dtype=ar.CHAR)


def read(env, name: str):
    s = current()
    if name == "⎕IO":
        return np.array(s.io, dtype=ar.INT)
    if name == "⎕CT":
        return np.array(s.ct)
    if name == "⎕PP":
        return np.array(s.pp, dtype=ar.INT)
    if name == "⎕RL":
        return np.array(s.rl, dtype=ar.INT)
    if name == "⎕ML":
        return np.array(1, dtype=ar.INT)
    if name == "⎕FR":  # binary floating point (IEEE double); decimal ⎕FR←1287 is not supported
        return np.array(645, dtype=ar.INT)
    if name == "⎕DCT":  # the comparison tolerance of decimal floats: its clear-workspace value
        return np.array(1e-28)
    if name == "⎕A":
        return _ALPHABET
    if name == "⎕D":
        return _DIGITS
    if name == "⎕TS":
        t = time.localtime()
        ms = int((time.time() % 1) * 1000)
        return np.array([t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, ms], dtype=ar.INT)
    if name == "⎕AI":
        return np.array([0, int(time.process_time() * 1000), int(time.time() * 1000) % 10**9, 0], dtype=ar.INT)
    if name in ("⎕EN", "⎕DM"):
        err = getattr(env.session, "last_error", None)
        if name == "⎕EN":
            return np.array(0 if err is None else err.code, dtype=ar.INT)
        lines = [] if err is None else [getattr(err, "dm", "") or err.name] + str(err).splitlines()[1:]
        return ar.from_items([ar.box(ar.from_python(x)) for x in lines], (len(lines),))
    if name == "⎕NULL":
        raise NonceError("⎕NULL is not supported")
    if name in ("⎕", "⍞"):
        raise NonceError(f"reading {name} is not supported")
    raise ValueError_(f"{name} is not a system name")


def write(env, name: str, value):
    s = current()
    if name == "⎕":
        session = env.session
        if session is not None:
            session.output(value)
        return value
    if not is_array(value) or size(value) != 1 or kind(value) not in "biuf":
        raise DomainError(f"{name} must be a number")
    x = ar.host_values(value).reshape(-1)[0]
    if env.dfn is not None:
        _localise(env, s, name)
    if name == "⎕IO":
        if x not in (0, 1):
            raise DomainError("⎕IO must be 0 or 1")
        s.io = int(x)
    elif name == "⎕CT":
        if not 0 <= x <= 2.0 ** -32:  # Dyalog: "any value in the range from 0 to 2*¯32"
            raise DomainError("⎕CT must be between 0 and 2*¯32 (about 2.3E¯10)")
        s.ct = float(x)
    elif name == "⎕PP":
        if not (1 <= x <= 34 and x == int(x)):  # LRG/system-functions/pp: "in the range 1 to 34"
            raise DomainError("⎕PP must be an integer from 1 to 34")
        s.pp = int(x)  # shown with at most 17 digits (display.format_lines)
    elif name == "⎕RL":
        s.rl = int(x)
        s.rng = np.random.default_rng(int(x))
    elif name == "⎕ML":
        if x != 1:
            raise NonceError("only ⎕ML←1 is supported")
    elif name == "⎕FR":
        if x == 1287:
            raise NonceError("decimal floating point (⎕FR←1287) is not supported")
        if x != 645:
            raise DomainError("⎕FR must be 645 or 1287")
    else:
        raise NonceError(f"assigning {name} is not supported")
    return value


_SETTING_FIELDS = {"⎕IO": ("io",), "⎕CT": ("ct",), "⎕PP": ("pp",), "⎕RL": ("rl", "_rng")}


def _localise(env, s, name):
    """A dfn assigning a system variable has it local (Dyalog): note the value it had on entry,
    which DfnFunction.call puts back when the dfn returns."""
    saved = env.vars.get(SAVED_SETTINGS)
    if saved is None:
        saved = env.vars[SAVED_SETTINGS] = {}
    for field in _SETTING_FIELDS.get(name, ()):
        saved.setdefault(field, getattr(s, field))


SAVED_SETTINGS = "⎕saved"  # not a name APL can spell: the key of a dfn's saved system variables


def restore_settings(saved):
    s = current()
    for field, value in saved.items():
        setattr(s, field, value)


def assign_indexed(old: np.ndarray, indices: list, value: np.ndarray) -> np.ndarray:
    """A copy of old with old[indices]←value (value scalar-extended to the selection)."""
    io = current().io
    if len(indices) == 1 and indices[0] is not None and indices[0].dtype == ar.OBJ and (
            old.ndim != 1 or ar.normalise(indices[0]).dtype == ar.OBJ):
        return _assign_chosen(old, indices[0], value, io)
    if old.ndim == 0 and len(indices) == 1 and indices[0] is None:  # s[]←v: as s[] reads, s itself
        if size(value) != 1:
            raise RankError("value does not fit the selection")
        return value.reshape(())
    if len(indices) != old.ndim:
        raise RankError("one index per axis")
    axes = []
    shape = []
    for k, ix in enumerate(indices):
        if ix is None:
            axes.append(np.arange(old.shape[k]))
            shape.append(old.shape[k])
            continue
        ii = ar.to_ints(ix, "index") - io
        if anyb((ii < 0) | (ii >= old.shape[k])):
            raise IndexError_("index out of range")
        axes.append(ii.reshape(-1))
        shape.extend(ii.shape)
    shape = tuple(shape)
    if tuple(value.shape) != shape:
        if size(value) == 1:
            value = value.reshape(())
        elif value.ndim != len(shape):
            raise RankError("value does not fit the selection")
        else:
            raise LengthError("value does not fit the selection")
    from ..primitives.cells import unify

    new, val = unify(old, value)
    new = new.clone() if is_tensor(new) else new.copy()
    bk = backend_of(new) if new.dtype != ar.OBJ else backend_of()
    axes = [ar.index_for(a, new) for a in axes]
    target = bk.ix_(*axes) if axes else ()
    vshape = tuple(a.shape[0] for a in axes)
    if val.ndim == 0:
        if val.dtype == ar.OBJ:
            tmp = np.empty(vshape, dtype=ar.OBJ)
            for i in np.ndindex(*vshape):
                tmp[i] = val[()]
            new[target] = tmp
        else:
            new[target] = val
    else:
        new[target] = val.reshape(vshape)
    return ar.normalise(new) if new.dtype == ar.OBJ else new


def _assign_chosen(old, index, value, io):
    """m[⊂i j]←v: each item of the index is one position, a vector of one index per axis;
    an item that reaches below the top level makes it reach indexed assignment."""
    from ..primitives.selection import assign_reach

    if any(ar.unbox(x).dtype == ar.OBJ and ar.normalise(ar.unbox(x)).dtype == ar.OBJ
           for x in index.reshape(-1)):
        return assign_reach(old, index, value)
    positions = [np.array(ar.int_list(ar.unbox(x), "index"), dtype=ar.INT) - io for x in index.reshape(-1)]
    if any(p.size != old.ndim for p in positions):
        return assign_reach(old, index, value)
    for p in positions:
        if np.any(p < 0) or np.any(p >= np.array(tuple(old.shape))):
            raise IndexError_("index out of range")
    if size(value) != 1 and tuple(value.shape) != index.shape:
        raise LengthError("value does not fit the selection")
    from ..primitives.cells import unify

    new, val = unify(old, value)
    new = new.clone() if is_tensor(new) else new.copy()
    items = [val.reshape(-1)[0]] * len(positions) if size(val) == 1 else list(val.reshape(-1))
    for p, v in zip(positions, items):
        new[tuple(p)] = v
    return ar.normalise(new) if new.dtype == ar.OBJ else new


class Execute(Function):
    """⍎: evaluate a character vector in the caller's environment."""

    glyph = "⍎"

    def __init__(self, env):
        self.env = env

    def monad(self, w):
        return self.run(w)

    def run(self, w, need_value=True):
        """⍎w. As a whole statement (need_value False): (value, shy), the value None where
        the text gives none (⍎'' is no error there), shy where its last statement is
        (⍎'a←42' shows nothing)."""
        if size(w) and kind(w) != "U":
            raise DomainError("⍎ needs characters")
        if w.ndim > 1:
            raise RankError("⍎ needs a vector")
        text = "".join(w.reshape(-1).tolist())
        from .session import run_statements

        session = getattr(self.env, "session", None)
        last_shy = [False]
        if session is None or "⋄" not in text:
            def shown(value, shy):
                last_shy[0] = shy
        else:
            # LRG/primitive-functions/execute: R is the last statement's value; the non-shy
            # values of the statements before it are displayed (⍎'1+1 ⋄ 2+2' shows 2)
            from ..syntax.parser import parse

            last = len(parse(text)) - 1
            done = [0]

            def shown(value, shy):
                if done[0] < last and not shy and is_array(value):
                    session.output(value)
                done[0] += 1
                last_shy[0] = shy

        result = run_statements(text, self.env, shown)
        if result is None or not is_array(result):
            if not need_value and result is None:
                return None, True
            raise ValueError_("⍎ gave no value")
        return result if need_value else (result, last_shy[0])


class _UCS(Function):
    glyph = "⎕UCS"

    def monad(self, w):
        if kind(w) == "U":
            return np.vectorize(ord, otypes=[ar.INT])(w) if w.size else np.zeros(w.shape, ar.INT)
        codes = ar.host_ints(w, "⎕UCS")
        if np.any(codes < 0) or np.any(codes > 0x10FFFF):
            raise DomainError("not a Unicode code point")
        return np.vectorize(chr, otypes=[ar.CHAR])(codes) if codes.size else np.zeros(codes.shape, ar.CHAR)


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
        from ..errors import BY_NAME, APLError

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
_SYSTEM_VARIABLES = frozenset({"⎕IO", "⎕CT", "⎕PP", "⎕RL", "⎕ML", "⎕A", "⎕D", "⎕TS", "⎕AI", "⎕EN", "⎕DM",
                               "⎕FR", "⎕DCT"})


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
        if name.upper() in _SYSTEM_VARIABLES:
            return 2
        if name.upper() in _SYSTEM_FUNCTIONS or name.upper() in _ENV_SYSTEM_FUNCTIONS:
            return 3
        return -1
    if name not in ("⍺", "⍵", "⍺⍺", "⍵⍵") and not _NAME.fullmatch(name):
        return -1
    v = env.find(name)
    if v is None:
        return 0
    from .dfn import DfnFunction, DfnOperator

    if isinstance(v, Function):
        return (3.2 if isinstance(v, DfnFunction) else 3.3) if nested else 3
    if isinstance(v, Operator):
        return (4.2 if isinstance(v, DfnOperator) else 4.3) if nested else 4
    return 2.1 if nested else 2


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


_NUMBER = re.compile(r"¯?(\d+\.?\d*|\.\d+)([eE]¯?\d+)?([jJ]¯?(\d+\.?\d*|\.\d+)([eE]¯?\d+)?)?")


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
        from ..syntax.literals import parse_number

        ok, vals = [], []
        for f in fields:
            good = f == "" and a is not None or _NUMBER.fullmatch(f) is not None
            v = 0
            if good and f:
                try:
                    v = parse_number(f)
                except (ValueError, OverflowError):  # matched the pattern, yet no number
                    good, v = False, 0
            ok.append(good)
            vals.append(v)
        from ..syntax.literals import numbers_array

        values = numbers_array(vals).reshape(-1) if vals else np.zeros(0, dtype=ar.INT)
        return ar.from_items([np.array(ok, dtype=ar.BOOL), values], (2,))


def _char_vector(w, what) -> str:
    if w.ndim > 1:
        raise RankError(f"{what} needs a character vector")
    if size(w) and kind(w) != "U":
        raise DomainError(f"{what} needs characters")
    return "".join(ar.host_values(w).reshape(-1).tolist()) if size(w) else ""


_SYSTEM_FUNCTIONS = {"⎕UCS": _UCS(), "⎕C": _C(), "⎕DL": _DL(), "⎕DR": _DR(), "⎕VFI": _VFI()}
# system functions that see the names where they are called: made afresh with the environment
_ENV_SYSTEM_FUNCTIONS = {"⎕NC": _NC, "⎕EX": _EX, "⎕SIGNAL": _SIGNAL}


def system_function(name, span):
    """The system function called name: an instance, or a class to make with the environment."""
    f = _SYSTEM_FUNCTIONS.get(name) or _ENV_SYSTEM_FUNCTIONS.get(name)
    if f is None:
        raise NonceError(f"{name} is not supported", span)
    return f
