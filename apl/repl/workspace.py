"""A workspace written as APL source: values, functions and settings as lines that rebuild them.

A saved workspace is a plain APL script: settings that differ from a clear workspace, then one
assignment a line — variables as expressions that rebuild them exactly (`x←2 3⍴1 2 3 4 5 6`),
dfns and dops by their source text, derived functions (`s←+/`) by their description when it
rebuilds them. Each line is checked by evaluating it in a scratch session; what would not come
back as it was is reported (and for functions, left out) instead of silently saved wrong.
wsfile.py writes and reads the files (with large arrays in a binary sidecar).
A leaf of apl/repl: it knows values and sessions, not the session loop (core.py and the
commands use it; `function_source` also shows functions in the session).
"""
from __future__ import annotations

import datetime
import math
import os

import numpy as np

from ..backends import host
from ..errors import APLError
from ..primitives.base import Function, Operator
from ..runtime.dfn import DfnFunction, DfnOperator
from ..runtime.env import namespace_in, role_of
from ..runtime.session import Session
from ..runtime.tradfn import definition_of
from ..settings import Settings

_CHECK_LIMIT = 200_000  # longest line (characters) that is verified by re-evaluating it
_PRINTABLE_EXCLUDE = {"\n", "\r", "\t", "\x0b", "\x0c"}


# ---------------------------------------------------------------- values → APL source

def _num(x) -> str:
    """One number as an APL literal that reads back as the same value."""
    if isinstance(x, (bool, np.bool_)):
        return "1" if x else "0"
    if isinstance(x, (int, np.integer)):
        return str(int(x)).replace("-", "¯")
    if isinstance(x, (complex, np.complexfloating)):
        z = complex(x)
        return f"{_num(z.real)}J{_num(z.imag)}"
    f = float(x)
    if not math.isfinite(f):
        raise ValueError(f"cannot write {f!r} in APL")
    if f == int(f) and abs(f) < 1e15:
        return str(int(f)).replace("-", "¯")
    mant, _, exp = repr(f).partition("e")
    text = mant if not exp else f"{mant}E{int(exp)}"
    return text.replace("-", "¯")


def _plain_char(c: str) -> bool:
    return c == " " or (c.isprintable() and c not in _PRINTABLE_EXCLUDE)


def _chars(chars: list[str]) -> str:
    """A character vector (2 or more, or none) as a quoted string, or ⎕UCS codes when it holds
    control characters."""
    if all(_plain_char(c) for c in chars):
        return "'" + "".join(chars).replace("'", "''") + "'"
    return "(⎕UCS " + " ".join(str(ord(c)) for c in chars) + ")"


def _char_scalar(c: str) -> str:
    return "'" + c.replace("'", "''") + "'" if _plain_char(c) else f"(⎕UCS {ord(c)})"


def _is_simple_scalar(x) -> bool:
    return not isinstance(x, np.ndarray) or (x.ndim == 0 and x.dtype != object)


def _item_source(x, io: int) -> str:
    """An item of a nested array, ready to stand in a strand (parenthesised where needed)."""
    if isinstance(x, np.ndarray):
        if x.ndim == 0 and x.dtype != object:
            x = x[()]
        else:
            return "(" + value_source(x, io) + ")"
    if isinstance(x, (str, np.str_)):
        if len(x) == 1:
            return _char_scalar(str(x))
        return "(" + _chars(list(str(x))) + ")"
    return _scalar_source(np.asarray(x))


def _scalar_source(a: np.ndarray) -> str:
    """A simple scalar, parenthesised when it is more than one token."""
    k = a.dtype.kind
    if k == "U":
        return _char_scalar(str(a[()]))
    if k == "b":
        return f"({_num(a[()])}=1)"
    if k == "f" and float(a[()]).is_integer():
        return f"({_num(a[()])}÷1)"
    return _num(a[()])


def _arith_progression(v: np.ndarray):
    """(start, step) when the int vector v is start, start+step, … (at least 16 items)."""
    if v.size < 16 or v.dtype.kind not in "iu":
        return None
    d = np.diff(v)
    if np.all(d == d[0]):
        return int(v[0]), int(d[0])
    return None


def _simple_ravel(a: np.ndarray, io: int) -> str:
    """The ravel of a simple non-scalar array as one expression (a vector)."""
    flat = a.reshape(-1)
    n = flat.size
    k = a.dtype.kind
    if k == "U":
        return _chars([str(c) for c in flat.tolist()]) if n != 1 else "," + _char_scalar(str(flat[0]))
    if n == 0:
        return {"b": "(0⍴1=1)", "i": "⍬", "u": "⍬", "f": "(0⍴0.5)", "c": "(0⍴0J1)"}[k]
    if n > 1 and np.all(flat == flat[0]):
        return f"({n}⍴{_scalar_source(flat[0:1].reshape(()))})"
    if k == "b":
        return "(" + " ".join("1" if x else "0" for x in flat.tolist()) + "=1)"
    if k in "iu":
        ap = _arith_progression(flat)
        if ap is not None:
            start, step = ap
            offset = start - step * io
            iota = f"⍳{n}" if step == 1 else f"{_num(step)}×⍳{n}"
            return f"({_num(offset)}+{iota})" if offset else f"({iota})"
    words = " ".join(_num(x) for x in flat.tolist())
    if k == "f" and all(float(x).is_integer() for x in flat.tolist()):
        words = f"({words}÷1)"
    if n == 1:
        return "," + words
    return words


def _shape_prefix(shape) -> str:
    return " ".join(str(int(n)) for n in shape) + "⍴"


def value_source(a, io: int = 1) -> str:
    """APL source text whose value is exactly `a` (shape, type and items), read with ⎕IO←io."""
    a = host(a)
    if not isinstance(a, np.ndarray):
        a = np.asarray(a)
    if a.dtype != object:
        if a.ndim == 0:
            return _scalar_source(a)
        rav = _simple_ravel(a, io)
        if a.ndim == 1:
            return rav
        return _shape_prefix(a.shape) + rav
    if a.ndim == 0:
        return "⊂" + _item_source(a[()], io)
    flat = list(a.reshape(-1))
    n = len(flat)
    if n == 0:
        body = "⊂⍬"  # the prototype of an empty nested array is not kept: an empty vector
        return ("0⍴" if a.ndim == 1 else _shape_prefix(a.shape)) + body
    if n == 1:
        item = flat[0]
        body = "," + ("⊂" + _item_source(item, io) if not _is_simple_scalar(item) else _item_source(item, io))
        return body if a.ndim == 1 else _shape_prefix(a.shape) + body
    body = " ".join(_item_source(x, io) for x in flat)
    return body if a.ndim == 1 else _shape_prefix(a.shape) + body


def function_source(f) -> str | None:
    """Source that rebuilds a function or operator, or None when there is none to give."""
    if isinstance(f, DfnOperator):
        sp = f.node.span
        return sp.text[sp.start:sp.end]
    if isinstance(f, DfnFunction):
        if f.derived:
            return None
        sp = f.node.span
        return sp.text[sp.start:sp.end]
    if isinstance(f, Function):
        d = f.describe()
        if not d or "array" in d or "[axis]" in d or d == type(f).__name__:
            return None
        return d
    return None


# ---------------------------------------------------------------- checking

def same_value(x, y) -> bool:
    """Exact equality of two APL values: shape, element type and items, recursively."""
    x, y = host(x), host(y)
    if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype != object:
        x = x[()]
    if isinstance(y, np.ndarray) and y.ndim == 0 and y.dtype != object:
        y = y[()]
    xa, ya = isinstance(x, np.ndarray), isinstance(y, np.ndarray)
    if xa != ya:
        return False
    if not xa:
        tx, ty = np.asarray(x).dtype.kind, np.asarray(y).dtype.kind
        if tx != ty:
            return False
        if tx == "f" and np.isnan(x) and np.isnan(y):
            return True
        return bool(x == y)
    if x.shape != y.shape or x.dtype.kind != y.dtype.kind:
        return False
    if x.dtype == object:
        return all(same_value(p, q) for p, q in zip(x.reshape(-1), y.reshape(-1)))
    return bool(np.array_equal(x, y))


def _scratch():
    return Session()


def _settings_lines(settings) -> list[str]:
    d = Settings()
    out = []
    if settings.io != d.io:
        out.append(f"⎕IO←{settings.io}")
    if settings.ct != d.ct:
        out.append(f"⎕CT←{_num(settings.ct)}")
    if settings.pp != d.pp:
        out.append(f"⎕PP←{settings.pp}")
    if settings.pw != d.pw:
        out.append(f"⎕PW←{settings.pw}")
    if settings.dct != d.dct:
        out.append(f"⎕DCT←{settings.dct!r}".replace("-", "¯"))
    if settings.div != d.div:
        out.append(f"⎕DIV←{settings.div}")
    return out


def workspace_source(session, skip=frozenset()) -> tuple[str, list[str]]:
    """The workspace as APL source (but the names in skip), and warnings about what could not be
    written exactly."""
    warnings: list[str] = []
    settings_lines = _settings_lines(session.settings)
    scratch = _scratch()
    for line in settings_lines:
        scratch.eval(line)
    variables, functions, operators = [], [], []
    seen: dict = {}
    for name in sorted(session.env.vars):
        if name in skip:
            continue
        v = session.env.vars[name]
        if namespace_in(v) is not None:
            variables.extend(_namespace_lines(name, namespace_in(v), seen, warnings, session.settings.io))
            continue
        definition = definition_of(v)
        if definition is not None:  # a ∇ function or operator: its definition, as written
            (operators if isinstance(v, Operator) else functions).append(definition.source())
            continue
        role = role_of(v)
        if role == "A":
            try:
                src = value_source(v, session.settings.io)
            except (ValueError, TypeError) as e:
                warnings.append(f"{name}: not saved ({e})")
                continue
            line = f"{name}←{src}"
            if len(line) <= _CHECK_LIMIT:
                try:
                    ok = same_value(scratch.eval(src), v)
                except APLError:
                    ok = False
                if not ok:
                    warnings.append(f"{name}: may not read back exactly")
            variables.append(line)
        else:
            src = function_source(v)
            if src is not None and not isinstance(v, Operator) and not _rebuilds(scratch, src, v):
                src = None
            if src is None:
                warnings.append(f"{name}: not saved (a derived function with no source to write)")
                continue
            (operators if isinstance(v, Operator) else functions).append(f"{name}←{src}")
    stamp = datetime.datetime.now().isoformat(timespec="seconds")
    head = [f"⍝ apl workspace, saved {stamp}"]
    lines = head + settings_lines + variables + functions + operators
    return "\n".join(lines) + "\n", warnings


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _namespace_lines(name: str, space, seen: dict, warnings: list, io: int) -> list[str]:
    """Lines that make the namespace `name` refers to again, and its members (namespaces in it
    too; one met before is referred to by the name it was written under)."""
    if id(space) in seen:
        return [f"{name}←{seen[id(space)]}"]
    seen[id(space)] = name
    named = space.name is not None and space.path() == "#." + name
    lines = [f"{_quoted(name)}⎕NS ''" if named else f"{name}←⎕NS ⍬"]
    for member in sorted(space.env.vars):
        v, full = space.env.vars[member], f"{name}.{member}"
        if namespace_in(v) is not None:
            lines += _namespace_lines(full, namespace_in(v), seen, warnings, io)
            continue
        definition = definition_of(v)
        if definition is not None:
            lines.append(f"{name}.⎕FX " + " ".join(_quoted(line) for line in definition.lines))
            continue
        try:
            src = value_source(v, io) if role_of(v) == "A" else function_source(v)
        except (ValueError, TypeError):
            src = None
        if src is None:
            warnings.append(f"{full}: not saved")
            continue
        lines.append(f"{full}←{src}")
    return lines


def _rebuilds(scratch, src: str, f) -> bool:
    """Whether evaluating `src` gives a function that describes itself as f does."""
    try:
        scratch.eval(f"⍙saved_fn←{src}")
        g = scratch.env.vars.pop("⍙saved_fn", None)
    except APLError:
        return False
    return isinstance(g, Function) and g.describe() == f.describe()


def clear(session) -> None:
    """)clear: no names, settings as in a new session (the backend and device stay as they are)."""
    session.env.vars.clear()
    old = session.settings
    session.settings = Settings()
    if hasattr(old, "backend"):
        session.settings.backend = old.backend
    session.last_error = None


def resolve(path: str) -> str:
    """A workspace file name: as given, or with .apl added when that is what exists."""
    p = os.path.expanduser(path)
    if not os.path.exists(p) and not p.endswith(".apl") and os.path.exists(p + ".apl"):
        return p + ".apl"
    return p
