"""The `apl` command: run an expression, a script file, standard input, or the REPL.

It sits on top with the package root: nothing in apl/ imports it. The session (apl/repl) is
imported only when input is a session's, so `apl -e`, scripts and `apl translate` never load it.
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from .errors import APLError
from .primitives.base import Function, Operator
from .runtime.session import Session
from .screen import session_lines
from .translate import translate


def _printer(settings_of):
    def show(value, shy):
        if shy or value is None:
            return
        if isinstance(value, (Function, Operator)):
            print(value.describe() if isinstance(value, Function) else repr(value))
            return
        settings = settings_of()
        for line in session_lines(value, settings.pp, settings.pw):
            print(line)

    return show


def run_source(session, text: str) -> int:
    """Run text in the session, printing results; report an APL error and return 1 on failure."""
    try:
        session.run(text, _printer(lambda: session.settings))
    except APLError as e:
        sys.stdout.flush()
        print(str(e), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("INTERRUPT", file=sys.stderr)
        return 130
    except (MemoryError, RecursionError) as e:  # the machine's limits are APL's WS FULL
        sys.stdout.flush()
        print("WS FULL: " + ("not enough memory" if isinstance(e, MemoryError) else "recursion too deep"),
              file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - a bug, but the user sees one line, not a traceback
        print(f"INTERNAL ERROR: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    return 0


MAX_INPUT = 64 * 2**20  # bytes of APL source read from a file or standard input


class InputError(Exception):
    """Input that is not APL source: too large, binary, or not UTF-8."""


def read_source(stream, name: str) -> str:
    """At most MAX_INPUT bytes of UTF-8 text from a binary stream (a file, standard input)."""
    data = stream.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise InputError(f"{name}: more than {MAX_INPUT // 2**20} MiB of input")
    if b"\0" in data:
        raise InputError(f"{name}: not APL text (it holds binary data)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"{name}:{line}: not UTF-8 text") from None


def _read_file(path: str) -> str:
    try:
        with open(path, "rb") as f:
            return read_source(f, path)
    except OSError as e:
        raise InputError(f"cannot read {path}: {e.strerror}") from None


def _safe_output() -> None:
    """Characters the terminal cannot encode (a lone surrogate from ⎕UCS 55296) print as escapes."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def translate_main(argv) -> int:
    """`apl translate`: print (or write) the PyTorch translation of an expression or a script."""
    p = argparse.ArgumentParser(prog="apl translate", description="Translate APL into PyTorch source.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("-e", "--expr", help="the APL expression, dfn or derived function to translate")
    src.add_argument("file", nargs="?", help="an APL script of definitions (- for standard input)")
    p.add_argument("-o", "--output", help="write the module here instead of printing it")
    p.add_argument("--name", default="f", help="the name of the generated function (default f)")
    a = p.parse_args(argv)
    try:
        if a.expr is not None:
            text = a.expr
        elif a.file == "-":
            text = read_source(sys.stdin.buffer, "standard input")
        else:
            text = _read_file(a.file)
    except InputError as e:
        print(f"apl translate: {e}", file=sys.stderr)
        return 2
    try:
        module = translate(text, name=a.name)
    except APLError as e:
        print(str(e), file=sys.stderr)
        return 1
    if a.output:
        Path(a.output).write_text(module, encoding="utf-8")
    else:
        sys.stdout.write(module)
    return 0


def _attach_expressions(argv: list) -> list:
    """`-e -/⍳5`: an expression may start with APL's minus, which argparse would take for an
    option; the word after -e/--expr is always the expression."""
    out, i = [], 0
    while i < len(argv):
        if argv[i] in ("-e", "--expr") and i + 1 < len(argv):
            out.append(f"--expr={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def main(argv=None) -> int:
    _safe_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["translate"]:
        return translate_main(_attach_expressions(argv[1:]))
    argv = _attach_expressions(argv)
    p = argparse.ArgumentParser(prog="apl", description="APL on NumPy: run an expression, a script or a session.")
    p.add_argument("-e", "--expr", action="append", help="evaluate this expression and print its value")
    p.add_argument("file", nargs="?", help="an APL script to run (- for standard input); "
                   "`apl translate …` translates to PyTorch instead")
    p.add_argument("--backend", choices=["numpy", "torch"], help="the array library (default numpy)")
    p.add_argument("--device", help="the torch device, e.g. cpu or cuda (implies --backend torch)")
    a = p.parse_args(argv)
    try:
        session = Session(backend=a.backend or ("torch" if a.device else None), device=a.device)
    except APLError as e:
        print(str(e), file=sys.stderr)
        return 1
    if a.expr:
        for expr in a.expr:
            rc = run_source(session, expr)
            if rc:
                return rc
        return 0
    if a.file and a.file != "-":
        try:
            text = _read_file(a.file)
        except InputError as e:
            print(f"apl: {e}", file=sys.stderr)
            return 2
        return run_source(session, text)
    if a.file == "-" or not sys.stdin.isatty():
        try:
            text = read_source(sys.stdin.buffer, "standard input")
        except InputError as e:
            print(f"apl: {e}", file=sys.stderr)
            return 2
        if _is_transcript(text):  # )vars, ]box on…: a session's input, run line by line as one
            from .repl import main as repl_main

            return repl_main(session, stdin=io.StringIO(text), stdout=sys.stdout)
        return run_source(session, text)
    return _interactive(session)


def _is_transcript(text: str) -> bool:
    """Whether piped input holds system or user commands, which only a session understands."""
    return any(line.lstrip().startswith((")", "]")) for line in text.splitlines())


def _interactive(session) -> int:
    """The interactive session (apl/repl): line editor on a terminal, plain lines otherwise."""
    from .repl import main as repl_main

    return repl_main(session)


if __name__ == "__main__":
    sys.exit(main())
