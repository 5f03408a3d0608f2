"""The `apl` command: run expressions, a script file, standard input, or the REPL.

Every mode reads its input the same way, through the session's reader (apl/repl/core.py): APL
and `)` `]` commands, dfns over several lines. Scripts (-e, a file, standard input) stop at the
first error with its place (`file.apl:12`, `in g[2], called from …`) and exit 1; --keep-going
goes on. It sits on top with the package root: nothing in apl/ imports it; the terminal editor
(prompt_toolkit) loads only for an interactive session.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import APLError
from .runtime.session import Session
from .translate import translate
from .translate.options import DTYPES, signature_option

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
    p.add_argument("--ranks", metavar="R", help="write the function for float tensors of these ranks: "
                   "that of ⍵ (2), or those of ⍺ and ⍵ (1,2); [2,3,3] for a list of tensors, float for a number")
    p.add_argument("--shapes", metavar="S", help="… or of these shapes: 77x768 for ⍵, 768,77x768 for ⍺ and ⍵; "
                   "() a scalar, [8x8,4x8x8] a list of tensors, float a number")
    p.add_argument("--dtype", choices=DTYPES,
                   help="with --ranks or --shapes: tensors of this dtype (float32: comparisons are torch's own)")
    a = p.parse_args(argv)
    try:
        ranks = None if a.ranks is None else signature_option(a.ranks, shapes=False)
        shapes = None if a.shapes is None else signature_option(a.shapes, shapes=True)
    except ValueError as e:
        p.error(str(e))
    if ranks is not None and shapes is not None:
        p.error("give --ranks or --shapes, not both")
    if a.dtype is not None and ranks is None and shapes is None:
        p.error("--dtype is for a function written for tensors: give --ranks or --shapes too")
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
        module = translate(text, name=a.name, ranks=ranks, shapes=shapes, dtype=a.dtype)
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


EXIT_CODES = """exit status:
  0    success
  1    an APL error (the first one stops a script, unless --keep-going)
  2    a usage error: bad options, or input that cannot be read as APL text
  3    an internal error: a bug in apl (please report it)
  130  interrupted (Ctrl-C)"""


def _fixed_width(prog):
    """The formatter argparse makes while arguments are added (to check them): with a width given,
    it does not ask the terminal's, which imports shutil (with bz2 and lzma: ~2 ms of every start)."""
    return argparse.RawDescriptionHelpFormatter(prog, width=80)


def main(argv=None) -> int:
    _safe_output()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["translate"]:
        return translate_main(_attach_expressions(argv[1:]))
    argv = _attach_expressions(argv)
    p = argparse.ArgumentParser(
        prog="apl", description="APL on NumPy and PyTorch: run expressions, a script, standard input or a session. "
        "Every mode reads the same input: APL, and the session's )commands and ]commands.",
        epilog=EXIT_CODES, formatter_class=_fixed_width)
    p.add_argument("-e", "--expr", action="append", help="run this input (APL or a command) and print its value")
    p.add_argument("file", nargs="?", help="an APL script to run (- for standard input); "
                   "`apl translate …` translates to PyTorch instead")
    p.add_argument("--backend", choices=["numpy", "torch", "dask"], help="the array library (default numpy)")
    p.add_argument("--device", help="the torch device, e.g. cpu or cuda (implies --backend torch)")
    p.add_argument("--keep-going", action="store_true", help="go on after an error (the exit status is still 1)")
    p.formatter_class = argparse.RawDescriptionHelpFormatter  # help and usage errors: the terminal's width
    a = p.parse_args(argv)
    try:
        session = Session(backend=a.backend or ("torch" if a.device else None), device=a.device)
        if a.backend == "dask":  # dask's progress bar on stderr for computations over a second
            from .backends.dask_backend import show_progress

            show_progress()
    except APLError as e:
        print(str(e), file=sys.stderr)
        return 1
    if a.expr:
        return _run_script(session, a.expr, "-e", a.keep_going, each_line_whole=True)
    if a.file and a.file != "-":
        try:
            text = _read_file(a.file)
        except InputError as e:
            print(f"apl: {e}", file=sys.stderr)
            return 2
        return _run_script(session, text.splitlines(), a.file, a.keep_going)
    if a.file == "-" or not sys.stdin.isatty():
        try:
            text = read_source(sys.stdin.buffer, "standard input")
        except InputError as e:
            print(f"apl: {e}", file=sys.stderr)
            return 2
        return _run_script(session, text.splitlines(), "stdin", a.keep_going)
    return _interactive(session)


def _run_script(session, lines, source: str, keep_going: bool, each_line_whole: bool = False) -> int:
    """Run a script's lines (or -e inputs, each one whole) as a session reads them: results to
    standard output, errors with their place to standard error."""
    from .repl.core import Repl

    def err(line):
        sys.stdout.flush()
        print(line, file=sys.stderr)

    repl = Repl(session, write=print, error_write=err)
    if not each_line_whole:
        return repl.run_lines(lines, source, keep_going)
    status = 0
    for text in lines:
        outcome = repl.run(text, source)
        if outcome < 0:  # )off
            break
        if outcome:
            status = status or outcome
            if not keep_going or outcome == 130:
                break
    return status


def _interactive(session) -> int:
    """The interactive session (apl/repl): line editor on a terminal, plain lines otherwise."""
    from .repl import main as repl_main

    return repl_main(session)


if __name__ == "__main__":
    sys.exit(main())
