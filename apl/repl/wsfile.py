"""Workspace files: `)save` writes them, `)load` and `)copy` read them, all or nothing.

A workspace is an APL script (workspace.py writes its lines) with a header, directives in
`⍝⍝` comments, and an end marker holding the SHA-256 of everything above it, so a truncated or
altered file is refused instead of loaded short. Arrays of SIDECAR_ITEMS items or more go to a
sidecar `FILE.npz` beside it (NumPy's format, `allow_pickle=False`: no code runs on loading),
which the header names with its own SHA-256: 10⁷ numbers take a second, not minutes of APL text.

`)load` reads the whole file before it touches the workspace: bytes that are not UTF-8 text,
a wrong checksum, a syntax error or an error while running it leave the workspace as it was, and
the error names the file and line. Files are written atomically (a temporary file, fsynced,
renamed); stray temporary files of a killed save are removed by the next save.
"""
from __future__ import annotations

import datetime
import glob
import hashlib
import io
import os
import tempfile
import zipfile

import numpy as np

from ..backends import host
from ..errors import APLError, DomainError
from ..runtime.env import Env, role_of
from ..runtime.statements import run_statements
from ..runtime.tradfn import check_text
from ..settings import Settings, using
from .workspace import workspace_source

SIDECAR_ITEMS = 10_000  # simple arrays this large are saved in binary, beside the text
HEADER = "⍝ apl workspace 2"
_SIDECAR = "⍝⍝ sidecar "  # ⍝⍝ sidecar FILE sha256=HEX
_ARRAY = "⍝⍝ array "  # ⍝⍝ array NAME: NAME's value is the sidecar's array NAME
_END = "⍝⍝ end sha256="
_SIDECAR_KINDS = "biufcU"  # NumPy kinds stored without pickle


# ---------------------------------------------------------------- writing
def write_atomic(path: str, data: bytes) -> None:
    """Write data to path so that the file is either the old one or the whole new one."""
    path = os.path.abspath(path)
    directory, base = os.path.split(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if os.path.exists(path):
            try:
                os.chmod(tmp, os.stat(path).st_mode & 0o7777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def _remove_stray_temporaries(path: str) -> None:
    """The temporary files a killed save of this path left behind."""
    directory, base = os.path.split(os.path.abspath(path))
    for name in (base, base + ".npz"):
        for stray in glob.glob(os.path.join(glob.escape(directory), f".{glob.escape(name)}.*.tmp")):
            try:
                os.unlink(stray)
            except OSError:
                pass


def _sidecar_path(path: str) -> str:
    return path + ".npz"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _large(v) -> bool:
    return (role_of(v) == "A" and getattr(v, "dtype", None) is not None and getattr(v, "ndim", 0) > 0
            and _kind(v) in _SIDECAR_KINDS and int(np.prod(v.shape)) >= SIDECAR_ITEMS)


def _kind(v) -> str:
    return host(v).dtype.kind if hasattr(v, "detach") else v.dtype.kind


def save(session, path: str) -> list[str]:
    """Write the workspace to path (and its large arrays to the sidecar); return warnings."""
    _remove_stray_temporaries(path)
    large = {name: v for name, v in session.env.vars.items() if _large(v)}
    text, warnings = workspace_source(session, skip=set(large))
    head, _, body = text.partition("\n")
    lines = [HEADER + head.removeprefix("⍝ apl workspace"), body.rstrip("\n")] if body else [HEADER]
    sidecar = _sidecar_path(path)
    if large:
        buffer = io.BytesIO()
        np.savez(buffer, **{name: np.ascontiguousarray(host(v)) for name, v in large.items()})
        data = buffer.getvalue()
        lines.insert(1, f"{_SIDECAR}{os.path.basename(sidecar)} sha256={_digest(data)}")
        lines += [f"{_ARRAY}{name}" for name in sorted(large)]
        write_atomic(sidecar, data)
    content = "\n".join(x for x in lines if x) + "\n"
    content += f"{_END}{_digest(content.encode('utf-8'))}\n"
    write_atomic(path, content.encode("utf-8"))
    if not large and os.path.exists(sidecar):
        os.unlink(sidecar)  # the arrays it held are no longer this workspace's
    return warnings


# ---------------------------------------------------------------- reading
def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def read_text(path: str) -> str:
    """The file's text, checked: UTF-8, no NUL bytes, and (for a saved workspace) its checksum."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise DomainError(f"{path}: {e.strerror}") from None
    if b"\0" in data:
        raise DomainError(f"{path}: not APL text (it holds binary data); nothing loaded")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise DomainError(f"{path}:{line}: not UTF-8 text; nothing loaded") from None
    if text.startswith(HEADER):
        body, marker, digest = text.rpartition(_END)
        if not marker or digest.strip() != _digest(body.encode("utf-8")):
            raise DomainError(f"{path}: truncated or altered (its checksum does not match); nothing loaded")
    return text


def _directives(text: str, path: str):
    """The sidecar (file, digest) a workspace names, and the names whose arrays it holds."""
    sidecar, names = None, []
    for line in text.splitlines():
        if line.startswith(_SIDECAR):
            file, _, digest = line[len(_SIDECAR):].rpartition(" sha256=")
            sidecar = (os.path.join(os.path.dirname(os.path.abspath(path)), file), digest)
        elif line.startswith(_ARRAY):
            names.append(line[len(_ARRAY):].strip())
    return sidecar, names


def _sidecar_arrays(sidecar, names, path) -> dict:
    if not names:
        return {}
    if sidecar is None:
        raise DomainError(f"{path}: names arrays in a sidecar it does not name; nothing loaded")
    file, digest = sidecar
    try:
        with open(file, "rb") as f:
            data = f.read()
    except OSError as e:
        raise DomainError(f"{file}: {e.strerror}; nothing loaded") from None
    if _digest(data) != digest:
        raise DomainError(f"{file}: does not match {os.path.basename(path)} (changed or truncated); "
                                 "nothing loaded")
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            return {name: z[name] for name in names}
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as e:
        raise DomainError(f"{file}: unreadable ({e}); nothing loaded") from None


def _checked_source(path: str) -> tuple[str, dict]:
    """The text and sidecar arrays of a file, every check passed and every line parsed."""
    text = read_text(path)
    try:
        check_text(text)
    except APLError as e:
        raise _located(e, path, text) from None
    return text, _sidecar_arrays(*_directives(text, path), path)


def _located(err: APLError, path: str, text: str) -> APLError:
    """err, saying which line of the file it comes from."""
    span = err.span
    line = getattr(err, "file_line", None)
    if line is None and span is not None and span.text is text:
        line = _line_of(text, span.start)
    if line is None and err.statement is not None:
        line = err.line
    if line is not None:
        err.message = f"{err.message} ({path}, line {line}; nothing loaded)"
    else:
        err.message = f"{err.message} ({path}; nothing loaded)"
    return err


def load(session, path: str, on_result=None) -> None:
    """)load: run the file in a new workspace; only when all of it has run does it replace the
    session's (names and settings; the backend stays). An error leaves the session as it was."""
    text, arrays = _checked_source(path)
    settings = Settings(backend=session.settings.backend)
    env = Env(session=session)
    shown = []
    with using(settings):
        try:
            run_statements(text, env, lambda v, shy: shown.append((v, shy)))
        except APLError as e:
            raise _located(e, path, text) from None
        for name, a in arrays.items():
            env.vars[name] = session._from_user(a)
    session.env = env
    session.settings = settings
    session.last_error = None
    if on_result is not None and not text.startswith(HEADER):  # a saved workspace shows nothing
        for v, shy in shown:
            on_result(v, shy)


def copy(session, path: str, on_result=None) -> None:
    """)copy: run a checked file in this workspace, adding its names."""
    text, arrays = _checked_source(path)
    session.run(text, on_result or (lambda v, shy: None))
    for name, a in arrays.items():
        session.env.vars[name] = session._from_user(a)


def modified(path: str) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(os.path.getmtime(path))

