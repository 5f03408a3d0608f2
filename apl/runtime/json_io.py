"""⎕JSON: JSON import and export (Dyalog's Language Reference, system-functions/json, and
primitive-operators/i-beam/json-translate-name for the name mangling).

    R←0 ⎕JSON text    import: objects become namespaces (shown #.[JSON object]), arrays vectors,
                      strings character vectors, numbers numbers; true false null (which have no
                      APL value) become ⊂'true' ⊂'false' ⊂'null', as in Dyalog
    R←1 ⎕JSON array   export: a namespace an object (its arrays, by name), a vector an array, a
                      character vector a string, a number a number, an enclosed character vector
                      raw text (⊂'true'), a wrapper ⊂1 'null' or ⊂2/3/4 dataset(s) an array of
                      objects
    ⎕JSON Y           0 for a character array, else 1

Member names that are not APL names are mangled on import as Dyalog does (⍙ first, each bad
character as ⍙code⍙: 'f⍺' → ⍙f⍙9082⍙) and back on export. Options by ⍠ (the principal one is
Format): Format 'D' (or 'M': the matrix form, depth name value type, both ways), Compact 1 (0:
indented two blanks, a line each), HighRank 'Error' (or 'Split': arrays of rank 2 or more as
vectors of their major cells), Charset 'Unicode' (or 'ASCII': \\uNNNN escapes), Null ⊂'null'
(⎕NULL is not in this interpreter) and Dialect 'JSON' ('JSON5' is a NONCE ERROR).
"""
from __future__ import annotations

import json
import math
import re

import numpy as np

from .. import arrays as ar
from ..arrays import CHAR, INT, OBJ
from ..backends import is_array, kind, size
from ..errors import DomainError, NonceError
from ..primitives.base import Function, Operator
from ..primitives.variant import options_text
from .env import Namespace, namespace_in, namespace_of, new_namespace, ref

_NAME = re.compile(r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*")
_NAME_CHAR = re.compile(r"[A-Za-z_∆⍙0-9¯]")
_CODE = re.compile(r"⍙([0-9]+)⍙")
_DEFAULTS = {"Format": "D", "Compact": 1, "HighRank": "Error", "Charset": "Unicode", "Null": "null",
             "Dialect": "JSON"}
_CHOICES = {"Format": ("D", "M"), "Compact": (0, 1), "HighRank": ("Error", "Split"),
            "Charset": ("Unicode", "ASCII"), "Dialect": ("JSON", "JSON5")}
_SPECIAL = {True: "true", False: "false", None: "null"}
_OBJECT_NAME = "[JSON object]"  # how an imported object shows: #.[JSON object]


# ---------------------------------------------------------------- names
def mangle(name: str) -> str:
    """A JSON member name as an APL name (0(7162⌶)name)."""
    if _NAME.fullmatch(name):
        return name
    return "⍙" + "".join(c if _NAME_CHAR.fullmatch(c) else f"⍙{ord(c)}⍙" for c in name)


def demangle(name: str) -> str:
    """An APL name as the JSON member name it stands for (1(7162⌶)name): a name that mangling
    made is turned back; any other stays as it is (⍙abc is not a mangled abc)."""
    if not name.startswith("⍙"):
        return name
    try:
        original = _CODE.sub(lambda m: chr(int(m.group(1))), name[1:])
    except (ValueError, OverflowError):  # a code beyond Unicode: not mangled
        return name
    return original if mangle(original) == name else name


# ---------------------------------------------------------------- options
def _text(v, what) -> str:
    if not is_array(v) or v.ndim > 1 or (size(v) and kind(v) != "U"):
        raise DomainError(f"{what} must be a character vector")
    return "".join(ar.host_values(v).reshape(-1).tolist()) if size(v) else ""


def _option(name, value):
    value = ar.unbox(value) if not is_array(value) else value
    if name == "Null":
        inner = ar.unbox(value[()]) if value.dtype == OBJ and value.ndim == 0 else None
        if inner is not None and is_array(inner) and kind(inner) == "U" and _text(inner, "Null") == "null":
            return "null"
        raise NonceError("⎕JSON: the option Null takes ⊂'null' (there is no ⎕NULL here)")
    if kind(value) == "U":
        text = _text(value, f"the option {name}")
        found = next((c for c in _CHOICES[name] if isinstance(c, str) and c.lower() == text.lower()), None)
    else:
        h = ar.host_values(value).reshape(-1).tolist() if value.dtype != OBJ else []
        found = h[0] if len(h) == 1 and h[0] in _CHOICES[name] and not isinstance(h[0], str) else None
    if found is None:
        shown = " or ".join(repr(c) if isinstance(c, str) else str(c) for c in _CHOICES[name])
        raise DomainError(f"⎕JSON: the option {name} is {shown}")
    if name == "Dialect" and found == "JSON5":
        raise NonceError("⎕JSON: the JSON5 dialect is not supported")
    return int(found) if name == "Compact" else found


def options(pairs, principal, base=None) -> dict:
    opts = dict(_DEFAULTS if base is None else base)
    if principal is not None:
        pairs = [("Format", principal)] + list(pairs)
    for name, value in pairs:
        key = next((k for k in _DEFAULTS if k.lower() == name.lower()), None)
        if key is None:
            raise DomainError(f"⎕JSON has no option {name!r} (it takes {' '.join(_DEFAULTS)})")
        opts[key] = _option(key, value)
    return opts


# ---------------------------------------------------------------- import
def _chars(s: str) -> np.ndarray:
    return np.array(list(s), dtype=CHAR).reshape(len(s))


def _special(word: str) -> np.ndarray:
    return ar.enclose(_chars(word))


def _number(x):
    if isinstance(x, bool):
        raise AssertionError  # JSON's true and false never get here
    if isinstance(x, int):
        if -(2**63) <= x < 2**63:
            return np.array(x, dtype=INT)
        x = float(x)  # OverflowError beyond floats: caught as a DOMAIN ERROR by the caller
    if not math.isfinite(x):
        raise DomainError("JSON import: a number too large for APL")
    return np.array(float(x))


def _parse(text: str):
    def constant(word):
        raise DomainError(f"JSON import: {word} is JSON5, not JSON")

    try:
        return json.loads(text, object_pairs_hook=lambda pairs: ("obj", pairs), parse_constant=constant)
    except json.JSONDecodeError as e:
        raise DomainError(f"JSON import: {e.msg} (line {e.lineno}, column {e.colno})") from None
    except OverflowError:
        raise DomainError("JSON import: a number too large for APL") from None


class _Importer:
    def __init__(self, env):
        self.parent = namespace_of(env)

    def value(self, x):
        """The APL array for a parsed JSON value."""
        if isinstance(x, tuple):
            space = new_namespace(self.parent, _OBJECT_NAME)
            for key, v in x[1]:
                space.env.vars[mangle(key)] = self.value(v)  # a repeated name: the last one stays
            return ref(space)
        if isinstance(x, list):
            if not x:
                return np.zeros(0, dtype=INT)
            return ar.from_items([ar.box(self.value(v)) for v in x], (len(x),))
        if isinstance(x, str):
            return _chars(x)
        if x is None or isinstance(x, bool):
            return _special(_SPECIAL[x])
        return _number(x)

    def rows(self, x, depth, name, out):
        """The matrix form: a row (depth name value type) for x, then its members' rows."""
        if isinstance(x, tuple):
            out.append((depth, name, np.zeros(0, dtype=INT), 1))
            for key, v in x[1]:
                self.rows(v, depth + 1, _chars(key), out)
        elif isinstance(x, list):
            out.append((depth, name, np.zeros(0, dtype=INT), 2))
            for v in x:
                self.rows(v, depth + 1, _chars(""), out)
        elif isinstance(x, str):
            out.append((depth, name, _chars(x), 4))
        elif x is None:
            out.append((depth, name, _special("null"), 5))
        elif isinstance(x, bool):
            out.append((depth, name, _special(_SPECIAL[x]), 6))
        else:
            out.append((depth, name, _number(x), 3))


def import_json(env, w, opts):
    if not is_array(w) or (size(w) and kind(w) != "U") or w.ndim > 2:
        raise DomainError("JSON import: the right argument must be JSON text (a character vector or matrix)")
    h = ar.host_values(w)
    text = "\n".join("".join(row) for row in h.tolist()) if h.ndim == 2 else "".join(h.reshape(-1).tolist())
    parsed = _parse(text)
    importer = _Importer(env)
    if opts["Format"] == "D":
        return importer.value(parsed)
    rows: list = []
    importer.rows(parsed, 0, _chars(""), rows)
    items = [ar.box(np.asarray(v) if not isinstance(v, np.ndarray) else v)
             for row in rows for v in (np.array(row[0], dtype=INT), row[1], row[2], np.array(row[3], dtype=INT))]
    return ar.from_items(items, (len(rows), 4))


# ---------------------------------------------------------------- export
def _escape(s: str, ascii_only: bool) -> str:
    out = []
    for c in s:
        o = ord(c)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c in "\b\f\n\r\t":
            out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}[c])
        elif o < 0x20 or (ascii_only and o > 0x7E):
            if o > 0xFFFF:
                o -= 0x10000
                out.append(f"\\u{0xD800 + (o >> 10):04X}\\u{0xDC00 + (o & 0x3FF):04X}")
            else:
                out.append(f"\\u{o:04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _number_text(x) -> str:
    if isinstance(x, (bool, np.bool_)):
        return "1" if x else "0"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    if isinstance(x, (complex, np.complexfloating)):
        if x.imag != 0:
            raise DomainError("JSON export: a complex number cannot be converted")
        x = x.real
    x = float(x)
    if x.is_integer() and abs(x) < 2**53:
        return str(int(x))
    mantissa, _, exponent = repr(x).partition("e")
    return mantissa + (f"E{int(exponent)}" if exponent else "")


class _Exporter:
    def __init__(self, opts):
        self.compact = opts["Compact"] == 1
        self.split = opts["HighRank"] == "Split"
        self.ascii = opts["Charset"] == "ASCII"
        self.open: set = set()  # namespaces being written (a cycle is an error)

    def string(self, s: str) -> str:
        return _escape(s, self.ascii)

    def block(self, opener, closer, parts, level) -> str:
        if not parts:
            return opener + closer
        if self.compact:
            return opener + ",".join(parts) + closer
        pad = "\n" + "  " * (level + 1)
        return opener + pad + ("," + pad).join(parts) + "\n" + "  " * level + closer

    def value(self, v, level=0) -> str:
        """v (an array, or a namespace) as JSON text."""
        if isinstance(v, Namespace):
            return self.namespace(v, level)
        if not isinstance(v, np.ndarray):
            v = ar.unbox(v)
        space = namespace_in(v)
        if space is not None:
            return self.namespace(space, level)
        if v.ndim == 0:
            return self.scalar(v, level)
        if v.ndim > 1:
            if not self.split:
                raise DomainError("JSON export: an array of rank 2 or more (use ⍠'HighRank' 'Split')")
            cells = [v[i] for i in range(v.shape[0])]
            return self.block("[", "]", [self.value(c, level + 1) for c in cells], level)
        if v.dtype != OBJ and kind(v) == "U":
            return self.string("".join(v.tolist()))
        if v.dtype != OBJ:
            return self.block("[", "]", [_number_text(x) for x in v.tolist()], level)
        return self.block("[", "]", [self.value(x, level + 1) for x in v.tolist()], level)

    def scalar(self, v, level) -> str:
        if v.dtype != OBJ:
            x = v[()]
            return self.string(x) if isinstance(x, str) else _number_text(x)
        inner = ar.unbox(v[()])
        if not isinstance(inner, np.ndarray):
            inner = np.asarray(inner)
        if inner.dtype != OBJ and kind(inner) == "U" and inner.ndim <= 1:
            return "".join(inner.reshape(-1).tolist())  # raw text: ⊂'true'
        if inner.dtype == OBJ and inner.ndim == 1 and inner.size >= 2:
            code = ar.unbox(inner[0])
            if code.dtype != OBJ and code.ndim == 0 and kind(code) in "biu":
                return self.wrapper(int(code[()]), [ar.unbox(x) for x in inner[1:]], level)
        raise DomainError("JSON export: a nested scalar cannot be converted")

    def namespace(self, space: Namespace, level) -> str:
        if id(space) in self.open:
            raise DomainError("JSON export: a namespace that holds itself")
        self.open.add(id(space))
        try:
            parts = []
            for name in sorted(space.env.vars):
                member = space.env.vars[name]
                if isinstance(member, (Function, Operator)) or hasattr(member, "name_class") or not is_array(member):
                    continue  # functions and operators have no JSON form
                member = ar.host_nested(member)
                sep = ":" if self.compact else ": "
                parts.append(self.string(demangle(name)) + sep + self.value(member, level + 1))
            return self.block("{", "}", parts, level)
        finally:
            self.open.discard(id(space))

    # ---------------------------------------------------------------- wrappers
    def wrapper(self, code, args, level) -> str:
        if code == 1:
            if len(args) != 1 or args[0].dtype == OBJ or (size(args[0]) and kind(args[0]) != "U"):
                raise DomainError("JSON export: wrapper 1 holds one character vector")
            return "".join(args[0].reshape(-1).tolist())
        if code not in (2, 3, 4):
            raise DomainError(f"JSON export: no wrapper code {code} (1 2 3 4)")
        names, columns = self.dataset(code, args[0])
        rows = len(columns[0]) if columns else 0
        records = list(range(rows))
        fields = list(range(len(names)))
        if len(args) > 1:
            records = self.selection(args[1], rows, "record")
        if len(args) > 2:
            fields = self.selection(args[2], len(names), "field")
        if len(args) > 3:
            raise DomainError("JSON export: a wrapper is ⊂code dataset [records [fields]]")
        sep = ":" if self.compact else ": "
        objects = []
        for r in records:
            parts = [self.string(names[f]) + sep + self.value(columns[f][r], level + 2) for f in fields]
            objects.append(self.block("{", "}", parts, level + 1))
        return self.block("[", "]", objects, level)

    def selection(self, v, n, what) -> list:
        v = ar.unbox(v)
        if v.dtype == OBJ and v.ndim == 0:
            v = ar.unbox(v[()])
            if size(v) == 0:
                return list(range(n))  # ⊂⍬: all of them
        ix = ar.host_ints(v, "⎕JSON").reshape(-1).tolist()
        if any(not 1 <= i <= n for i in ix):
            raise DomainError(f"JSON export: a {what} index out of range (⎕IO=1)")
        return [i - 1 for i in ix]

    def dataset(self, code, data):
        """(field names, columns: each a list of the values of one field, an array each)."""
        def names_of(h):
            return [_text(ar.unbox(x), "a field name") for x in ar.unbox(h).reshape(-1)]

        if code == 2:
            if data.ndim != 2 or data.shape[0] < 1:
                raise DomainError("JSON export: wrapper 2 holds a matrix whose first row names the fields")
            names = names_of(data[0])
            columns = [[ar.unbox(data[r, c]) if data.dtype == OBJ else np.asarray(data[r, c])
                        for r in range(1, data.shape[0])] for c in range(data.shape[1])]
            return names, columns
        if data.dtype != OBJ or data.shape != (2,):
            raise DomainError(f"JSON export: wrapper {code} holds (values) (field names)")
        values, names = ar.unbox(data[0]), names_of(data[1])
        if code == 3:
            if values.ndim != 2 or values.shape[1] != len(names):
                raise DomainError("JSON export: wrapper 3's value matrix has a column for each field")
            return names, [[ar.unbox(values[r, c]) if values.dtype == OBJ else np.asarray(values[r, c])
                             for r in range(values.shape[0])] for c in range(values.shape[1])]
        cols = [ar.unbox(x) for x in values.reshape(-1)] if values.dtype == OBJ else []
        if len(cols) != len(names):
            raise DomainError("JSON export: wrapper 4's inverted table has a column for each field")
        out = []
        for col in cols:
            if col.ndim == 2 and self.split:
                out.append([col[i] for i in range(col.shape[0])])
            elif col.ndim == 1:
                out.append([ar.unbox(x) for x in col.tolist()] if col.dtype == OBJ
                           else [np.asarray(x) for x in col.tolist()])
            else:
                raise DomainError("JSON export: wrapper 4's columns are vectors")
        if len({len(c) for c in out}) > 1:
            raise DomainError("JSON export: wrapper 4's columns differ in length")
        return names, out

    # ---------------------------------------------------------------- the matrix form
    def matrix(self, m) -> str:
        if m.ndim != 2 or m.shape[1] != 4:
            raise DomainError("JSON export: the matrix form has 4 columns (depth name value type)")
        rows = [[ar.unbox(x) for x in m[i].tolist()] if m.dtype == OBJ else [np.asarray(x) for x in m[i].tolist()]
                for i in range(m.shape[0])]
        text, end = self.matrix_node(rows, 0, 0, None)
        if end != len(rows):
            raise DomainError(f"JSON export: row {end + 1} is not inside the first row's value (⎕IO=1)")
        return text

    def matrix_node(self, rows, i, level, _parent):
        if i >= len(rows):
            raise DomainError("JSON export: the matrix form is empty")
        depth, _name, value, typ = rows[i]
        d, t = self.row_int(depth, i), self.row_int(typ, i)
        if t in (1, 2):
            parts, j = [], i + 1
            sep = ":" if self.compact else ": "
            while j < len(rows) and self.row_int(rows[j][0], j) > d:
                if self.row_int(rows[j][0], j) != d + 1:
                    raise DomainError(f"JSON export: depth does not match in row {j + 1} (⎕IO=1)")
                text, k = self.matrix_node(rows, j, level + 1, t)
                if t == 1:
                    text = self.string(_text(rows[j][1], "a member name")) + sep + text
                parts.append(text)
                j = k
            return self.block("{" if t == 1 else "[", "}" if t == 1 else "]", parts, level), j
        mismatch = DomainError(f"JSON export: value does not match the specified type in row {i + 1} (⎕IO=1)")
        if t == 3:
            if value.dtype == OBJ or value.ndim != 0 or kind(value) not in "biufc":
                raise mismatch
            return _number_text(value[()]), i + 1
        if t == 4:
            if value.dtype == OBJ or value.ndim > 1 or (size(value) and kind(value) != "U"):
                raise mismatch
            return self.string("".join(value.reshape(-1).tolist()) if size(value) else ""), i + 1
        if t in (5, 6, 7):
            if not (value.dtype == OBJ and value.ndim == 0):
                raise mismatch
            return self.scalar(value, level), i + 1
        raise DomainError(f"JSON export: no JSON type {t} (row {i + 1}, ⎕IO=1)")

    @staticmethod
    def row_int(v, i) -> int:
        v = ar.unbox(v)
        if v.dtype == OBJ or v.ndim != 0 or kind(v) not in "biu":
            raise DomainError(f"JSON export: row {i + 1}'s depth and type are integers (⎕IO=1)")
        return int(v[()])


def export_json(w, opts):
    w = ar.host_nested(w)
    exporter = _Exporter(opts)
    text = exporter.matrix(w) if opts["Format"] == "M" else exporter.value(w)
    return _chars(text)


class JSON(Function):
    """⎕JSON: see the module's docstring."""

    glyph = "⎕JSON"

    def __init__(self, env, opts=None):
        self.env = env
        self.opts = dict(_DEFAULTS) if opts is None else opts

    def with_options(self, pairs, principal):
        return JSON(self.env, options(pairs, principal, self.opts))

    def describe(self):
        """⎕JSON, with the options that differ from the defaults (so that )save keeps them)."""
        given = [(k, v) for k, v in self.opts.items() if v != _DEFAULTS.get(k)]
        return "⎕JSON" + ("⍠" + options_text(given) if given else "")

    def monad(self, w):
        return self.dyad(np.array(0 if kind(w) == "U" else 1), w)

    def dyad(self, a, w):
        if not is_array(a) or size(a) != 1 or a.ndim > 1 or kind(a) not in "biuf":
            raise DomainError("⎕JSON's left argument is 0 (import) or 1 (export)")
        x = float(ar.host_values(a).reshape(-1)[0])
        if x not in (0.0, 1.0):
            raise DomainError("⎕JSON's left argument is 0 (import) or 1 (export)")
        if x == 0:
            return import_json(self.env, w, self.opts)
        return export_json(w, self.opts)
