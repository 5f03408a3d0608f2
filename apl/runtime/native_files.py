"""Native files as text (Dyalog's Language Reference, system-functions/nget, nput, nexists,
ndelete, mkdir and nparts).

    (content encoding newline)←{encoding} ⎕NGET name [flags]     read a text file
    {bytes}←(content [encoding [newline]]) ⎕NPUT name [flags]     write one (flags 1 overwrite,
                                                                    2 append; 0 a new file only)
    ⎕NEXISTS names    ⎕NDELETE names (X: 1 missing ones allowed, 2 a directory with its contents)
    ⎕MKDIR names (X: 1 an existing directory allowed, 2 its parents made too)
    ⎕NPARTS names     (path base extension); 1 ⎕NPARTS: the name made absolute and simplified

A name is a character vector (one name: a scalar result) or a vector of them (one result each).
Relative names are from the process's current directory. What the operating system refuses
becomes Dyalog's error: FILE NAME ERROR (no such file, one already there, not a directory),
FILE ACCESS ERROR (permission denied, a directory not empty, anything else), FILE SYSTEM NO
SPACE. Encodings: UTF-8, UTF-16LE/BE, UTF-32LE/BE (UTF-16 and UTF-32 are little-endian here),
ASCII, Windows-1252 (ANSI), each UTF one with -BOM or -NOBOM; a 256-number translate table is a
NONCE ERROR. Wildcards (⍠'Wildcard') and ⎕MKDIR's Unique are NONCE ERRORs.
"""
from __future__ import annotations

import errno
import os
import re
import shutil

import numpy as np

from .. import arrays as ar
from ..arrays import BOOL, CHAR, INT, OBJ
from ..backends import is_array, kind, size
from ..errors import DomainError, FileAccessError, FileNameError, FileSystemNoSpace, LengthError, NonceError, RankError
from ..primitives.base import Function

# ---------------------------------------------------------------- names and errors


def _chars(s: str) -> np.ndarray:
    return np.array(list(s), dtype=CHAR).reshape(len(s))


def _text(v, what) -> str:
    v = ar.unbox(v)
    if not is_array(v) or v.dtype == OBJ or v.ndim > 1 or (size(v) and kind(v) != "U"):
        raise DomainError(f"{what} must be a character vector")
    return "".join(ar.host_values(v).reshape(-1).tolist()) if size(v) else ""


def _names(w, what) -> tuple[list[str], bool]:
    """The names in w, and whether w is a single name (a simple character vector or scalar)."""
    if not is_array(w):
        raise DomainError(f"{what} takes a file name or a vector of them")
    if w.dtype != OBJ:
        if size(w) and kind(w) != "U" or w.ndim > 1:
            raise DomainError(f"{what} takes a file name (a character vector) or a vector of them")
        return [_text(w, what)], True
    if w.ndim > 1:
        raise RankError(f"{what} takes a vector of file names")
    return [_text(x, f"{what}: a file name") for x in ar.host_nested(w).reshape(-1).tolist()], False


def _checked(name: str) -> str:
    if "\0" in name:
        raise FileNameError(f"{name!r}: a file name holds no NUL character")
    return name


def _os_error(e: OSError, name: str):
    """The APL error for an operating-system refusal."""
    why = e.strerror or "the operating system refused"
    if e.errno in (errno.ENOENT, errno.EEXIST, errno.ENOTDIR, errno.EISDIR, errno.ENAMETOOLONG, errno.ELOOP):
        return FileNameError(f"{name}: {why}")
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return FileSystemNoSpace(f"{name}: {why}")
    return FileAccessError(f"{name}: {why}")


def _flag_arg(a, what, allowed) -> int:
    if a is None:
        return 0
    if not is_array(a) or size(a) != 1 or a.ndim > 1 or kind(a) not in "biuf":
        raise DomainError(f"{what}'s left argument is one of {' '.join(map(str, allowed))}")
    x = float(ar.host_values(a).reshape(-1)[0])
    if x not in allowed:
        raise DomainError(f"{what}'s left argument is one of {' '.join(map(str, allowed))}")
    return int(x)


def _name_and_flags(w, what, allowed) -> tuple[str, int]:
    """Y of ⎕NGET and ⎕NPUT: a name, or (name flags)."""
    if is_array(w) and w.dtype == OBJ:
        if w.ndim != 1 or w.shape[0] != 2:
            raise LengthError(f"{what} takes a file name or (name flags)")
        name, flags = ar.unbox(w[0]), ar.unbox(w[1])
        return _text(name, f"{what}: the file name"), _flag_arg(ar.host_values(flags), f"{what} (flags)", allowed)
    return _text(w, f"{what}: the file name"), 0


def _wrap(items) -> np.ndarray:
    return ar.from_items([ar.box(x) for x in items], (len(items),))


def _no_options(self, pairs, principal):
    raise NonceError(f"{self.glyph}'s options (Wildcard, Unique…) are not supported")


# ---------------------------------------------------------------- encodings
_BOMS = [(b"\xef\xbb\xbf", "UTF-8"), (b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
         (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE")]
_CODECS = {"UTF-8": "utf-8", "UTF-16LE": "utf-16-le", "UTF-16BE": "utf-16-be", "UTF-32LE": "utf-32-le",
           "UTF-32BE": "utf-32-be", "ASCII": "ascii", "WINDOWS-1252": "cp1252"}
_ALIASES = {"UTF-16": "UTF-16LE", "UTF-32": "UTF-32LE", "ANSI": "WINDOWS-1252", "UTF8": "UTF-8"}
_SHOWN = {"WINDOWS-1252": "Windows-1252"}


def _encoding(x, what) -> tuple[str, bool | None]:
    """An encoding argument as (name in _CODECS, BOM asked for: True, False or None)."""
    if is_array(x) and x.dtype != OBJ and kind(x) in "biuf":
        raise NonceError(f"{what}: a 256-number translate table as the encoding is not supported")
    name = _text(x, f"{what}: the encoding").upper()
    bom = None
    for suffix, value in (("-NOBOM", False), ("-BOM", True)):
        if name.endswith(suffix):
            name, bom = name[: -len(suffix)], value
            break
    name = _ALIASES.get(name, name)
    if name not in _CODECS or (bom is not None and not name.startswith("UTF")):
        raise DomainError(f"{what}: no encoding {_text(x, what)!r} (UTF-8, UTF-16LE, UTF-16BE, UTF-32LE, "
                          "UTF-32BE, ASCII, Windows-1252)")
    return name, bom


def _decode(data: bytes, name: str) -> str:
    if name == "WINDOWS-1252":  # the five bytes Windows-1252 leaves out stand for themselves
        return "".join(data[i:i + 1].decode("cp1252", errors="replace") if data[i] not in b"\x81\x8d\x8f\x90\x9d"
                       else chr(data[i]) for i in range(len(data)))
    try:
        return data.decode(_CODECS[name])
    except UnicodeDecodeError as e:
        raise DomainError(f"⎕NGET: the file is not {name} (byte {e.start})") from None


_SEPARATORS = re.compile("\r\n|[\r\n\x85\v\f\u2028\u2029]")
_NEWLINE_CHARS = re.compile("\r\n|[\r\n\x85]")
_NEWLINES = {(): "", (10,): "\n", (13,): "\r", (13, 10): "\r\n", (133,): "\x85"}


# ---------------------------------------------------------------- ⎕NGET
class NGET(Function):
    """{encoding} ⎕NGET name [flags]: (content encoding newline); flags 0 the text with its line
    endings made LF, 1 a vector of lines, 2 a matrix of lines."""

    glyph = "⎕NGET"
    with_options = _no_options

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        name, flags = _name_and_flags(w, "⎕NGET", (0, 1, 2))
        asked = None if a is None else _encoding(a, "⎕NGET")
        try:
            with open(_checked(name), "rb") as f:
                data = f.read()
        except OSError as e:
            raise _os_error(e, name) from None
        encoding = next(((n, len(b)) for b, n in _BOMS if data.startswith(b)), None)
        if encoding is not None:
            enc, skip = encoding
            text, shown = _decode(data[skip:], enc), enc + "-BOM"
        elif asked is not None:
            enc = asked[0]
            text = _decode(data, enc)
            shown = _SHOWN.get(enc, enc) + ("-NOBOM" if enc.startswith("UTF") else "")
        else:
            try:
                text, shown = data.decode("utf-8"), "UTF-8-NOBOM"
            except UnicodeDecodeError:
                text, shown = _decode(data, "WINDOWS-1252"), "Windows-1252"
        first = _NEWLINE_CHARS.search(text)
        newline = np.zeros(0, dtype=INT) if first is None else \
            (np.array([13, 10], dtype=INT) if first.group() == "\r\n" else np.array(ord(first.group()), dtype=INT))
        if flags == 0:
            content = _chars(_SEPARATORS.sub("\n", text))
        else:
            lines = _SEPARATORS.split(text)
            if lines and lines[-1] == "" and len(lines) > 1 or text == "":
                lines = lines[:-1]
            if flags == 1:
                content = _wrap([_chars(s) for s in lines]) if lines else np.empty(0, dtype=OBJ)
            else:
                width = max((len(s) for s in lines), default=0)
                content = np.array([list(s.ljust(width)) for s in lines], dtype=CHAR).reshape(len(lines), width)
        return _wrap([content, _chars(shown), newline])


# ---------------------------------------------------------------- ⎕NPUT
def _content(x) -> tuple[str | None, list[str] | None]:
    """⎕NPUT's content: (text, None) for a character vector, (None, lines) for lines."""
    x = ar.host_nested(ar.unbox(x))
    if x.dtype != OBJ:
        if size(x) and kind(x) != "U":
            raise DomainError("⎕NPUT: the content is characters: a vector, a matrix or a vector of lines")
        if x.ndim == 2:
            return None, ["".join(row).rstrip(" ") for row in x.tolist()]
        if x.ndim > 2:
            raise RankError("⎕NPUT: the content is a character vector, matrix or vector of lines")
        return ("".join(x.reshape(-1).tolist()) if size(x) else ""), None
    if x.ndim > 1:
        raise RankError("⎕NPUT: the content is a character vector, matrix or vector of lines")
    return None, [_text(item, "⎕NPUT: a line") for item in x.reshape(-1).tolist()]


def _newline(x) -> str:
    x = ar.unbox(x)
    if not is_array(x) or x.dtype == OBJ or (size(x) and kind(x) not in "biuf") or x.ndim > 1:
        raise DomainError("⎕NPUT: the newline is ⍬, 10, 13, 13 10 or 133")
    codes = tuple(int(c) for c in ar.host_values(x).reshape(-1).tolist() if float(c).is_integer()) \
        if size(x) else ()
    if codes not in _NEWLINES or len(codes) != size(x):
        raise DomainError("⎕NPUT: the newline is ⍬, 10, 13, 13 10 or 133")
    return _NEWLINES[codes]


def _is_encoding(x) -> bool:
    try:
        _encoding(ar.unbox(x), "⎕NPUT")
    except (DomainError, NonceError):
        return is_array(ar.unbox(x)) and kind(ar.unbox(x)) in "biuf" and size(ar.unbox(x)) == 256
    return True


def _left(a):
    """⎕NPUT's X as (text, lines, encoding, newline)."""
    a = ar.host_nested(a)
    parts = [a]
    if a.dtype == OBJ and a.ndim == 0 and ar.ref_item(a) is None:
        parts = [ar.unbox(a[()])]  # ⊂lines
    if a.dtype == OBJ and a.ndim == 1:
        items = a.tolist()
        simple_lines = all(ar.unbox(x).dtype != OBJ and ar.unbox(x).ndim <= 1 and kind(ar.unbox(x)) == "U"
                           for x in items if size(ar.unbox(x)))
        if len(items) == 1 or 2 <= len(items) <= 3 and _is_encoding(items[1]) and (
                len(items) == 2 or kind(ar.unbox(items[2])) in "biuf" or size(ar.unbox(items[2])) == 0):
            parts = [ar.unbox(x) for x in items]
        elif not simple_lines:
            raise DomainError("⎕NPUT's left argument is (content [encoding [newline]])")
    text, lines = _content(parts[0])
    encoding = ("UTF-8", None) if len(parts) < 2 else _encoding(parts[1], "⎕NPUT")
    newline = "\n" if len(parts) < 3 else _newline(parts[2])
    return text, lines, encoding, newline


_EMBEDDED = {1: re.compile("(?<!\r)\n"), 2: _SEPARATORS}


def _with_newlines(text, lines, newline, neol) -> str:
    def inner(s):
        pattern = _EMBEDDED.get(neol)
        return pattern.sub(lambda m: newline, s) if pattern is not None else s

    if lines is not None:
        body = [inner(s) + newline for s in lines]
        if neol == -1 and body:
            body[-1] = inner(lines[-1])
        return "".join(body)
    out = inner(text)
    if out and neol != -1 and out[-1] not in "\r\n\x85\v\f\u2028\u2029":
        out += newline
    return out


class NPUT(Function):
    """(content [encoding [newline]]) ⎕NPUT name [flags]: the number of bytes written (shy)."""

    glyph = "⎕NPUT"

    def __init__(self, neol=1):
        self.neol = neol

    def with_options(self, pairs, principal):
        neol = self.neol
        if principal is not None:
            pairs = [("NEOL", principal)] + list(pairs)
        for name, value in pairs:
            if name.upper() != "NEOL":
                raise DomainError(f"⎕NPUT has no option {name!r} (it takes NEOL)")
            v = ar.unbox(value)
            x = ar.host_values(v).reshape(-1).tolist() if v.dtype != OBJ and kind(v) in "biuf" else []
            if len(x) != 1 or x[0] not in (-1, 0, 1, 2):
                raise DomainError("⎕NPUT: the option NEOL is ¯1, 0, 1 or 2")
            neol = int(x[0])
        return NPUT(neol)

    def describe(self):
        """⎕NPUT, with its NEOL option where it is not the default (so that )save keeps it)."""
        return "⎕NPUT" if self.neol == 1 else f"⎕NPUT⍠('NEOL' {str(self.neol).replace('-', '¯')})"

    def monad(self, w):
        raise DomainError("⎕NPUT takes the content as its left argument")

    def dyad(self, a, w):
        name, flags = _name_and_flags(w, "⎕NPUT", (0, 1, 2))
        text, lines, (enc, bom), newline = _left(a)
        body = _with_newlines(text, lines, newline, self.neol)
        try:
            data = body.encode(_CODECS[enc])
        except UnicodeEncodeError as e:
            raise DomainError(f"⎕NPUT: the character {body[e.start]!r} is not in {enc}") from None
        if bom is None:
            bom = enc.startswith("UTF") and enc != "UTF-8"
        mode = {0: "xb", 1: "wb", 2: "ab"}[flags]
        try:
            with open(_checked(name), mode) as f:
                if bom and f.tell() == 0:
                    data = next(b for b, n in _BOMS if n == enc) + data
                f.write(data)
        except OSError as e:
            raise _os_error(e, name) from None
        return np.array(len(data), dtype=INT)


# ---------------------------------------------------------------- ⎕NEXISTS ⎕NDELETE ⎕MKDIR
def _each(w, what, f, dtype):
    names, single = _names(w, what)
    out = [f(_checked(n)) for n in names]
    return np.array(out[0], dtype=dtype) if single else np.array(out, dtype=dtype).reshape(len(out))


class NEXISTS(Function):
    """⎕NEXISTS names: 1 where a file or directory (or a link, even broken) is there."""

    glyph = "⎕NEXISTS"
    with_options = _no_options

    def monad(self, w):
        return _each(w, "⎕NEXISTS", lambda n: n != "" and os.path.lexists(n), BOOL)


class NDELETE(Function):
    """{X} ⎕NDELETE names: the count deleted for each (shy)."""

    glyph = "⎕NDELETE"
    with_options = _no_options

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        x = _flag_arg(a, "⎕NDELETE", (0, 1, 2, 3))

        def delete(name):
            try:
                if os.path.isdir(name) and not os.path.islink(name):
                    if x & 2:
                        shutil.rmtree(name)
                    else:
                        os.rmdir(name)
                else:
                    os.remove(name)
                return 1
            except OSError as e:
                if x & 1 and e.errno == errno.ENOENT:
                    return 0
                if e.errno == errno.ENOTEMPTY:
                    raise FileAccessError(f"{name}: unable to delete a directory that is not empty") from None
                raise _os_error(e, name) from None

        return _each(w, "⎕NDELETE", delete, INT)


class MKDIR(Function):
    """{X} ⎕MKDIR names: 1 for each directory made (shy); X 1 an existing one is 0, not an
    error; 2 the missing parents are made too; 3 both."""

    glyph = "⎕MKDIR"
    with_options = _no_options

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        x = _flag_arg(a, "⎕MKDIR", (0, 1, 2, 3))

        def make(name):
            if x & 1 and os.path.isdir(name):
                return 0
            try:
                if x & 2:
                    os.makedirs(name)
                else:
                    os.mkdir(name)
            except FileExistsError:
                raise FileNameError(f"{name}: already exists") from None
            except OSError as e:
                raise _os_error(e, name) from None
            return 1

        return _each(w, "⎕MKDIR", make, BOOL)


# ---------------------------------------------------------------- ⎕NPARTS
def _normalised(name: str) -> str:
    if not name:
        return os.getcwd().rstrip("/") + "/"
    trailing = name.endswith("/")
    path = name if name.startswith("/") else os.path.join(os.getcwd(), name)
    parts = [p for p in path.split("/") if p not in ("", ".")]  # .. stays: links make it depend
    out = "/" + "/".join(parts)
    return out + "/" if trailing and parts else out


def _parts(name: str) -> np.ndarray:
    head, _, last = name.rpartition("/")
    path = head + "/" if _ else ""
    dot = last.rfind(".")
    if last in (".", "..") or dot < 0:
        base, ext = last, ""
    else:
        base, ext = last[:dot], last[dot:]
    return _wrap([_chars(path), _chars(base), _chars(ext)])


class NPARTS(Function):
    """{X} ⎕NPARTS names: (path base extension) of each; X 1: made absolute first."""

    glyph = "⎕NPARTS"

    def monad(self, w):
        return self.dyad(None, w)

    def dyad(self, a, w):
        x = _flag_arg(a, "⎕NPARTS", (0, 1))
        names, single = _names(w, "⎕NPARTS")
        try:
            done = [_parts(_normalised(n) if x else n) for n in names]
        except OSError as e:  # the current directory is gone
            raise _os_error(e, ".") from None
        return done[0] if single else _wrap(done)
