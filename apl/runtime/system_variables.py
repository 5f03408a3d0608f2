"""System variables: reading and assigning ⎕IO ⎕CT ⎕PP ⎕PW ⎕RL ⎕ML ⎕FR ⎕DCT ⎕DIV, the constants ⎕A ⎕D,
the clocks ⎕TS ⎕AI, ⎕EN ⎕DM, and ⎕← output. A dfn that assigns one holds it locally: the value
it had on entry is saved under SAVED_SETTINGS and put back by `restore_settings`."""
from __future__ import annotations

import string
import time

import numpy as np

from .. import arrays as ar
from ..backends import is_array, kind, size
from ..errors import DomainError, NonceError, SyntaxError_
from ..glyphs import system_names
from ..settings import FIELDS, assign, current
from .env import namespace_of, ref

# the names `read` knows (⎕NC says 2 for them)
SYSTEM_VARIABLES = frozenset({"⎕IO", "⎕CT", "⎕PP", "⎕PW", "⎕RL", "⎕ML", "⎕A", "⎕D", "⎕TS", "⎕AI", "⎕EN", "⎕DM",
                              "⎕FR", "⎕DCT", "⎕DIV", "⎕THIS"})
_ALPHABET = np.array(list(string.ascii_uppercase), dtype=ar.CHAR)
_DIGITS = np.array(list(string.digits), dtype=ar.CHAR)


def read(env, name: str):
    if "." in name:
        raise NonceError(f"{name}: the system variables of another namespace are not supported")
    s = current()
    if name == "⎕IO":
        return np.array(s.io, dtype=ar.INT)
    if name == "⎕CT":
        return np.array(s.ct)
    if name == "⎕PP":
        return np.array(s.pp, dtype=ar.INT)
    if name == "⎕RL":
        return np.array(s.rl, dtype=ar.INT)
    if name == "⎕PW":
        return np.array(s.pw, dtype=ar.INT)
    if name == "⎕ML":
        return np.array(1, dtype=ar.INT)
    if name == "⎕FR":  # binary floating point (IEEE double); decimal ⎕FR←1287 is not supported
        return np.array(645, dtype=ar.INT)
    if name == "⎕DCT":  # the comparison tolerance of decimal floats
        return np.array(s.dct)
    if name == "⎕DIV":
        return np.array(s.div, dtype=ar.INT)
    if name == "⎕THIS":  # a reference to the namespace the code runs in
        return ref(namespace_of(env))
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
    if name in system_names.VARIABLES:
        raise NonceError(f"{name} is not supported")
    raise SyntaxError_(f"{name} is not a system name")


_WRITABLE = frozenset({"⎕", "⎕IO", "⎕CT", "⎕PP", "⎕PW", "⎕RL", "⎕ML", "⎕FR", "⎕DCT", "⎕DIV"})


def write(env, name: str, value):
    if "." in name:
        raise NonceError(f"{name}: the system variables of another namespace are not supported")
    if name not in _WRITABLE:
        if name in system_names.VARIABLES or name in system_names.FUNCTIONS or name == "⍞":
            raise NonceError(f"assigning {name} is not supported")
        raise SyntaxError_(f"{name} is not a system name")
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
    if name in FIELDS:
        assign(s, name, x)
    elif name == "⎕ML":
        if x != 1:
            raise NonceError("only ⎕ML←1 is supported")
    elif name == "⎕FR":
        if x == 1287:
            raise NonceError("decimal floating point (⎕FR←1287) is not supported")
        if x != 645:
            raise DomainError("⎕FR must be 645 or 1287")
    else:  # a name of _WRITABLE above that has no branch here: a bug
        raise NonceError(f"assigning {name} is not supported")
    return value


def setting_fields(name: str) -> tuple:
    """The fields of the settings that hold a system variable (none for a constant one)."""
    return FIELDS.get(name, ())


def _localise(env, s, name):
    """A dfn assigning a system variable has it local (Dyalog): note the value it had on entry,
    which DfnFunction.call puts back when the dfn returns."""
    saved = env.vars.get(SAVED_SETTINGS)
    if saved is None:
        saved = env.vars[SAVED_SETTINGS] = {}
    for field in setting_fields(name):
        saved.setdefault(field, getattr(s, field))


SAVED_SETTINGS = "⎕saved"  # not a name APL can spell: the key of a dfn's saved system variables


def restore_settings(saved):
    s = current()
    for field, value in saved.items():
        setattr(s, field, value)
