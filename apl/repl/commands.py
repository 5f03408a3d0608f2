"""System commands ()vars )save …) and user commands (]box ]time …) of the session.

Each command is a function of (repl, argument text) registered in SYSTEM or USER below. The
torch backend, devices and the translator are reached only through `set_backend`, `set_device`
and `translate_expr` (the section "Integration points"): wiring them up later changes only those.
The table sits below the session loop (core.py): a command gets the Repl as its argument and
uses only its session, `write`, `error`, `show`, `box` and `wsid`; it never imports core.
"""
from __future__ import annotations

import datetime
import os
import time
from collections.abc import Callable

from ..errors import APLError
from ..runtime.env import role_of
from .keymap import PREFIX, keys_lines, names_lines
from .text import mentioned_names
from .workspace import clear, function_source, resolve


class CommandError(Exception):
    """A command that cannot do what was asked: its message is shown, the session goes on."""


SYSTEM: dict[str, Callable] = {}
USER: dict[str, Callable] = {}
HELP: dict[str, str] = {}


def command(table: dict, name: str, usage: str):
    def register(fn):
        table[name] = fn
        HELP[(")" if table is SYSTEM else "]") + name] = usage
        return fn

    return register


# what running an input came to (Repl.run, run_command): the exit status a script ends with
OK = 0  # done
FAILED = 1  # an APL error, or a command that could not do what it was asked
INTERNAL = 3  # a bug in this program
INTERRUPTED = 130  # Ctrl-C
OFF = -1  # )off: the session ends


def run_command(repl, text: str) -> int:
    """Run `)cmd args` or `]cmd args`: OK, OFF when the session should end, or FAILED."""
    kind, rest = text[0], text[1:].strip()
    name, _, arg = rest.partition(" ")
    name = name.lower()
    table = SYSTEM if kind == ")" else USER
    fn = table.get(name)
    if fn is None:
        matches = [k for k in table if k.startswith(name)] if name else []
        if len(matches) == 1:
            fn = table[matches[0]]
    if fn is None:
        repl.write_error("Bad command" if kind == ")" else f'Command "{name}" not found (]help lists them)')
        return FAILED
    try:
        return OFF if fn(repl, arg.strip()) is False else OK
    except CommandError as e:
        repl.write_error(str(e))
    except KeyboardInterrupt as e:
        repl.error(e)
        return INTERRUPTED
    except APLError as e:
        repl.error(e)
    except OSError as e:
        repl.write_error(f"{getattr(e, 'filename', None) or ''}: {e.strerror or e}".lstrip(": "))
    return FAILED


def _columns(names: list[str], width: int = 80) -> list[str]:
    """Names in rows no wider than `width`, each name padded to a common column width."""
    if not names:
        return []
    w = max(len(n) for n in names) + 2
    per = max(1, width // w)
    return ["".join(n.ljust(w) for n in names[i:i + per]).rstrip() for i in range(0, len(names), per)]


def _names(repl, roles: str) -> list[str]:
    return sorted(n for n, v in repl.session.env.vars.items() if _listed_role(v) in roles)


def _listed_role(value) -> str:
    """What )vars )fns )ops list a name as: a niladic ∇ function binds as an array (its result)
    but is listed as a function."""
    role = role_of(value)
    return "F" if role == "A" and hasattr(value, "name_class") else role


# ---------------------------------------------------------------- system commands

@command(SYSTEM, "off", ")off — end the session")
def _off(repl, arg):
    return False


@command(SYSTEM, "vars", ")vars — list the variables")
def _vars(repl, arg):
    for line in _columns(_names(repl, "A")):
        repl.write(line)


@command(SYSTEM, "fns", ")fns — list the functions")
def _fns(repl, arg):
    for line in _columns(_names(repl, "F")):
        repl.write(line)


@command(SYSTEM, "ops", ")ops — list the operators")
def _ops(repl, arg):
    for line in _columns(_names(repl, "MD")):
        repl.write(line)


@command(SYSTEM, "erase", ")erase NAME… — remove names from the workspace")
def _erase(repl, arg):
    if not arg:
        raise CommandError(")erase needs the names to remove")
    missing = []
    for name in arg.split():
        if repl.session.env.vars.pop(name, None) is None:
            missing.append(name)
    if missing:
        repl.write("not found " + " ".join(missing))


@command(SYSTEM, "clear", ")clear — a clear workspace: no names, default settings")
def _clear(repl, arg):
    clear(repl.session)
    repl.wsid = None
    repl.write("clear ws")


@command(SYSTEM, "save", ")save [FILE.apl] — write the workspace as APL source (atomically)")
def _save(repl, arg):
    path = os.path.expanduser(arg) if arg else repl.wsid
    if not path:
        raise CommandError("no file name: )save FILE.apl")
    if not os.path.splitext(path)[1]:
        path += ".apl"
    from . import wsfile  # loaded when used: zipfile, hashlib and tempfile are not for every start-up

    for w in wsfile.save(repl.session, path):
        repl.write(f"warning: {w}")
    repl.wsid = path
    repl.write(f"{path} saved {datetime.datetime.now():%a %b %d %H:%M:%S %Y}")


@command(SYSTEM, "load", ")load FILE.apl — replace the workspace by FILE's (all of it, or nothing on an error)")
def _load(repl, arg):
    if not arg:
        raise CommandError("no file name: )load FILE.apl")
    path = resolve(arg)
    if not os.path.isfile(path):
        raise CommandError(f"{arg}: file not found")
    from . import wsfile

    wsfile.load(repl.session, path, repl.show)
    repl.wsid = path
    repl.write(f"{path} saved {wsfile.modified(path):%a %b %d %H:%M:%S %Y}")


@command(SYSTEM, "copy", ")copy FILE.apl — run FILE in this workspace (adds its names)")
def _copy(repl, arg):
    if not arg:
        raise CommandError("no file name: )copy FILE.apl")
    path = resolve(arg)
    if not os.path.isfile(path):
        raise CommandError(f"{arg}: file not found")
    from . import wsfile

    wsfile.copy(repl.session, path, repl.show)


@command(SYSTEM, "wsid", ")wsid — the file of the last )load or )save")
def _wsid(repl, arg):
    repl.write(f"is {repl.wsid}" if repl.wsid else "is CLEAR WS")


@command(SYSTEM, "help", ")help — this list")
def _help(repl, arg):
    repl.write("Enter APL expressions; results show flush left. A line with an open { goes on until it closes.")
    repl.write(f"Glyphs: type {PREFIX} then a key ({PREFIX}r ⍴  {PREFIX}i ⍳  {PREFIX}w ⍵  {PREFIX}a ⍺), "
               "or a glyph name and Tab (rho, iota, each); ]keys shows the map.")
    repl.write("Keys: Ctrl-C interrupts, Ctrl-D or )off leaves, Ctrl-R searches the history, Tab completes.")
    for key in sorted(HELP, key=lambda k: (k[0] != ")", k)):
        repl.write("  " + HELP[key])


# ---------------------------------------------------------------- user commands

@command(USER, "help", "]help — the list of commands")
def _uhelp(repl, arg):
    return _help(repl, arg)


@command(USER, "box", "]box on|off — boxed display of nested arrays")
def _box(repl, arg):
    was = "ON" if repl.box else "OFF"
    a = arg.lower()
    if a in ("", "?"):
        repl.write(f"Is {was}")
        return
    if a not in ("on", "off"):
        raise CommandError("]box on or ]box off")
    repl.box = a == "on"
    repl.write(f"Was {was}")


@command(USER, "keys", "]keys [names] — the prefix-key map (names: the glyph names Tab completes)")
def _keys(repl, arg):
    for line in names_lines() if arg.lower().startswith("name") else keys_lines():
        repl.write(line)


@command(USER, "backend", "]backend numpy|torch|dask — the array library that evaluates")
def _backend(repl, arg):
    if not arg:
        repl.write(backend_line(repl))
        return
    repl.write(set_backend(repl, arg.lower()))


@command(USER, "device", "]device cpu|cuda — where the torch backend computes")
def _device(repl, arg):
    if not arg:
        repl.write(f"device {current_device(repl)}")
        return
    repl.write(set_device(repl, arg.lower()))


_TRANSLATE_USAGE = "]translate [--ranks R | --shapes S] [--dtype D] EXPR"


@command(USER, "translate", f"{_TRANSLATE_USAGE} — the PyTorch code for EXPR")
def _translate(repl, arg):
    if not arg:
        raise CommandError(_TRANSLATE_USAGE)
    for line in translate_expr(repl, arg).rstrip("\n").split("\n"):
        repl.write(line)


@command(USER, "time", "]time EXPR — median time of repeated runs of EXPR")
def _time(repl, arg):
    if not arg:
        raise CommandError("]time EXPR")
    median, runs = time_expr(repl.session, arg)
    repl.write(f"{format_seconds(median)} (median of {runs} run{'s' if runs != 1 else ''})")


def time_expr(session, expr: str, budget: float = 1.0, max_runs: int = 1000) -> tuple[float, int]:
    """Run expr repeatedly for about `budget` seconds; the median time of one run, and the runs."""
    def once() -> float:
        t0 = time.perf_counter()
        session.run(expr, lambda v, shy: None)
        return time.perf_counter() - t0

    times = [once()]
    n = int(min(max_runs, max(0, budget / max(times[0], 1e-9)))) - 1
    if times[0] < budget:
        n = max(n, 2)
    deadline = time.perf_counter() + budget
    for _ in range(n):
        times.append(once())
        if time.perf_counter() > deadline and len(times) >= 3:
            break
    import statistics

    return statistics.median(times), len(times)


def format_seconds(t: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if t >= scale:
            return f"{t / scale:.3g} {unit}"
    return f"{t / 1e-9:.3g} ns"


# ---------------------------------------------------------------- integration points
# The session's backends and devices (Session.set_backend / set_device, where the session has
# them) and the translator (apl.translate.translate, where it is installed) are reached only
# through the functions below; what is missing is said in one line, never a traceback.

NOT_YET = "not available yet"


def _switch(what: str, call) -> None:
    """Run a backend/device switch, turning its failures into one-line messages."""
    try:
        call()
    except (APLError, CommandError, KeyboardInterrupt):
        raise
    except ImportError as e:
        missing = e.name or e
        raise CommandError(f"{what} needs PyTorch, which is not installed ({missing}): pip install 'apltorch[torch]'") \
            from None
    except Exception as e:  # noqa: BLE001 - e.g. torch without CUDA
        raise CommandError(f"{what}: {type(e).__name__}: {e}") from None


def set_backend(repl, name: str) -> str:
    session = repl.session
    if name not in ("numpy", "torch", "dask"):
        raise CommandError(f"unknown backend {name!r}: ]backend numpy, ]backend torch or ]backend dask")
    setter = getattr(session, "set_backend", None)
    if setter is None:
        if name == session.backend:
            return f"backend {name}"
        raise CommandError(f"the {name} backend is {NOT_YET}: the session stays on {session.backend}")
    _switch(f"the {name} backend", lambda: setter(name))
    if name == "dask":  # dask's progress bar on stderr for computations over a second
        from ..backends.dask_backend import show_progress

        show_progress()
    return backend_line(repl)


def backend_line(repl) -> str:
    session = repl.session
    if session.backend == "numpy":
        return "backend numpy"
    return f"backend {session.backend} on {current_device(repl)}"


def current_device(repl) -> str:
    return str(getattr(repl.session, "device", None) or "cpu")


def _cuda_problem(name: str) -> str | None:
    """Why device `name` cannot be used here, or None when it looks usable."""
    if not name.startswith("cuda"):
        return None
    try:
        import torch
    except ImportError:
        return "CUDA needs PyTorch, which is not installed"
    if not torch.cuda.is_available():
        return f"CUDA is not available here (torch {torch.__version__})"
    return None


def set_device(repl, name: str) -> str:
    session = repl.session
    if name not in ("cpu", "cuda") and not (name.startswith("cuda:") and name[5:].isdigit()):
        raise CommandError(f"unknown device {name!r}: ]device cpu or ]device cuda")
    setter = getattr(session, "set_device", None)
    if setter is None:
        if name == "cpu":
            return "device cpu"
        raise CommandError(f"device {name} needs the torch backend, which is {NOT_YET}: the session stays on cpu")
    problem = _cuda_problem(name)
    if problem is not None:
        raise CommandError(f"{problem}: the session stays on {current_device(repl)}")
    _switch(f"device {name}", lambda: setter(name))
    return f"device {current_device(repl)}"


def translate_expr(repl, arg: str) -> str:
    """The translation of EXPR, after the options (apl translate's --ranks, --shapes, --dtype)
    that write it as a function for float tensors."""
    try:
        from ..translate import translate  # type: ignore[attr-defined]
        from ..translate.options import leading_options
    except ImportError:
        raise CommandError(f"the translator to PyTorch is {NOT_YET}") from None
    try:
        options, expr = leading_options(arg)
    except ValueError as e:
        raise CommandError(str(e)) from None
    if not expr:
        raise CommandError(_TRANSLATE_USAGE)
    src, taken = with_definitions(repl.session, expr)
    name = next(n for n in ("f", "g", "h", "expr", "apl_expr") if n not in taken)
    return translate(src, name=name, **options)


def with_definitions(session, expr: str) -> tuple[str, set[str]]:
    """expr preceded by the definitions of the workspace functions and operators it uses
    (and those they use), so that the translation knows what its names are; and those names."""
    vars_ = session.env.vars
    seen: dict[str, str] = {}
    todo = [expr]
    while todo:
        for name in sorted(mentioned_names(todo.pop())):
            v = vars_.get(name)
            if name in seen or v is None or role_of(v) == "A":
                continue
            src = function_source(v)
            if src is not None:
                seen[name] = src
                todo.append(src)
    lines = [f"{n}←{src}" for n, src in reversed(list(seen.items()))]
    return "\n".join(lines + [expr]), set(seen)
