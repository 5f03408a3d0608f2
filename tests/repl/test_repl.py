"""The interactive session, driven through prompt_toolkit's pipe input (no terminal needed)."""
import _thread
import io
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from apl.repl.core import Repl, needs_more, run_plain


@pytest.fixture(autouse=True)
def _no_hang():
    """No test here may run for more than 20 s (a stuck prompt fails instead of hanging)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def fail(signum, frame):
        raise TimeoutError("test took too long")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def drive(keys: str, repl: Repl | None = None, history=None) -> list[str]:
    """Type keys into a REPL (the input then ends, like Ctrl-D); return the lines it wrote."""
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from apl.repl.app import run_terminal

    out: list[str] = []
    repl = repl or Repl()
    repl._write = out.append
    with create_pipe_input() as inp:
        inp.send_text(keys)
        inp.close()
        rc = run_terminal(repl, input=inp, output=DummyOutput(), history=history or InMemoryHistory())
    assert rc == 0
    assert out[0].startswith("apl ") and ")help for help, )off or Ctrl-D to leave" in out[0]  # the banner
    return out[1:]


def drive_slowly(parts: list[str], history=None) -> list[str]:
    """Type parts with pauses between them, as a person would (keys typed ahead of a prompt are
    replayed at once, which is not what a terminal does with Ctrl-R)."""
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from apl.repl.app import run_terminal

    out: list[str] = []
    repl = Repl(write=out.append)
    with create_pipe_input() as inp:
        def feed():
            for p in parts:
                inp.send_text(p)
                time.sleep(0.2)
            inp.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        run_terminal(repl, input=inp, output=DummyOutput(), history=history or InMemoryHistory())
        feeder.join(5)
    return out[1:]  # after the banner


# ---------------------------------------------------------------- glyphs, results, errors

def test_prefix_keys_give_glyphs_and_results_are_flush_left():
    assert drive("2 3`r`i6\r") == ["1 2 3", "4 5 6"]
    assert drive("`r`i 6\r") == ["6"]


def test_error_is_shown_dyalog_style_and_the_session_goes_on():
    out = drive("x←5\r1 2+3 4 5\rx×2\r")
    assert out[0].startswith("LENGTH ERROR")
    assert out[1] == "      1 2+3 4 5"
    assert out[2] == "         ∧"
    assert out[3] == "10"


def test_every_kind_of_error_keeps_the_session():
    out = drive("1 2)\rundefined\r1÷0\r{⍵=0:0 ⋄ 1+∇ ⍵-1} 400000\r'ok'\r")
    heads = [line.split(":")[0] for line in out if line and not line.startswith(" ")]
    assert heads[:4] == ["SYNTAX ERROR", "VALUE ERROR", "DOMAIN ERROR", "WS FULL"]
    assert out[-1] == "ok"


def test_internal_errors_keep_the_session(monkeypatch):
    repl = Repl()
    real = repl.session.run

    def broken(src, on_result):
        if src == "boom":
            raise RuntimeError("bug")
        return real(src, on_result)

    monkeypatch.setattr(repl.session, "run", broken)
    out = drive("boom\r1+1\r", repl)
    assert out == ["INTERNAL ERROR: RuntimeError: bug",
                   "This is a bug in apl; please report it with the input that gave it.", "2"]


def test_quad_output_goes_through_the_session_display():
    assert drive("⎕←2 2⍴⍳4\rx←⎕←5\r") == ["1 2", "3 4", "5"]


def test_functions_display_as_their_source():
    assert drive("f←{⍺+⍵}\rf\r+/\r") == ["{⍺+⍵}", "+/"]


# ---------------------------------------------------------------- multi-line input

def test_multi_line_dfn():
    out = drive("fact←{\r⍵≤1:1\r⍵×∇ ⍵-1\r}\rfact 5\r")
    assert out == ["120"]


def test_nested_braces_continue_until_all_closed():
    assert drive("g←{\rh←{⍵×2}\rh ⍵+1\r}\rg 3\r") == ["8"]


def test_braces_in_strings_and_comments_do_not_continue():
    assert drive("'{'\r1 ⍝ {\r") == ["{", "1"]


def test_escape_enter_submits_an_unclosed_dfn():
    out = drive("{\x1b\r1+1\r")
    assert out[0].startswith("SYNTAX ERROR")
    assert out[-1] == "2"


def test_needs_more():
    assert needs_more("f←{")
    assert needs_more("{\n{⍵}")
    assert not needs_more("{⍵}")
    assert not needs_more("'{'")
    assert not needs_more("1 ⍝ {")
    assert not needs_more("'it''s {'")
    assert needs_more("{'}'")
    assert not needs_more("}")


# ---------------------------------------------------------------- keys

def test_ctrl_c_at_the_prompt_clears_the_line():
    assert drive("1 2 3\x03" + "4\r") == ["4"]


def test_ctrl_d_leaves():
    assert drive("1+1\r\x04" + "2+2\r") == ["2"]


def test_off_leaves():
    assert drive("1\r)off\r2\r") == ["1"]
    assert drive(")OFF\r2\r") == []


def test_ctrl_c_interrupts_a_long_computation_and_keeps_the_workspace(monkeypatch):
    repl = Repl()
    real = repl.session.run

    def run(src, on_result):
        if "∇" in src:  # Ctrl-C, as the terminal sends it, a moment after the loop starts
            threading.Timer(0.2, _thread.interrupt_main).start()
        return real(src, on_result)

    monkeypatch.setattr(repl.session, "run", run)
    out = drive("x←⍳3\r{∇⍵}0\rx\r", repl)
    assert out == ["INTERRUPT", "1 2 3"]


def test_tab_completes_glyph_names():
    assert drive("2 3rho\tiota\t6\r") == ["1 2 3", "4 5 6"]
    assert drive("+eac\t⍳3\r") == ["1 2 3"]


def test_tab_completes_workspace_names():
    assert drive("total←10\rtot\t+1\r") == ["11"]


def test_completer_offers_names_glyphs_commands_and_system_names():
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from apl.repl.app import make_completer

    repl = Repl()
    repl.session.eval("rhoval←1 ⋄ f←{⍵}")
    comp = make_completer(repl)

    def texts(before):
        return [c.text for c in comp.get_completions(Document(before), CompleteEvent(completion_requested=True))]

    assert texts("rho") == ["rhoval", "⍴"]
    assert texts("1 2 ea") == ["¨"]
    assert texts(")sa") == ["save"]
    assert texts("]bo") == ["box"]
    assert texts("⎕I") == ["⎕IO"]
    assert texts("'rho") == []  # inside a string
    assert texts("1 ⍝ rho") == []  # inside a comment
    assert "f" in texts("f")


def test_history_is_kept_in_xdg_data_home_and_reused(tmp_path, monkeypatch):
    from apl.repl.app import history_path, make_history

    monkeypatch.delenv("APL_HISTORY", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert history_path() == str(tmp_path / "apl" / "history")
    drive("40+2\r", history=make_history())
    assert "40+2" in (tmp_path / "apl" / "history").read_text(encoding="utf-8")
    # a new session: Up recalls the line, Ctrl-R finds it
    assert drive("\x1b[A\r", history=make_history()) == ["42"]
    assert drive("\x1240+\r\r", history=make_history()) == ["42"]
    assert drive_slowly(["1\r", "\x1240+", "\r\r"], history=make_history()) == ["1", "42"]


def test_history_path_override(monkeypatch, tmp_path):
    from apl.repl.app import history_path

    monkeypatch.setenv("APL_HISTORY", str(tmp_path / "h"))
    assert history_path() == str(tmp_path / "h")


def test_highlighting_lexer_kinds():
    from apl.repl.lexer import kinds

    got = kinds("f←{⍺+⍵}¨ 1 ¯2.5 'it''s' ⎕IO x ⍝ note")
    assert got == [
        ("name", "f"), ("assign", "←"), ("punctuation", "{"), ("special", "⍺"), ("function", "+"),
        ("special", "⍵"), ("punctuation", "}"), ("operator", "¨"), ("number", "1"), ("number", "¯2.5"),
        ("string", "'it''s'"), ("system", "⎕IO"), ("name", "x"), ("comment", "⍝ note"),
    ]
    assert kinds("+.×")[1] == ("operator", ".")
    assert kinds("∘.×")[0] == ("operator", "∘.")
    assert kinds("'open") == [("string", "'open")]


def test_session_has_colours_and_bracket_matching():
    from prompt_toolkit.history import InMemoryHistory
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.layout.processors import HighlightMatchingBracketProcessor
    from prompt_toolkit.output import DummyOutput

    from apl.repl.app import make_prompt_session

    with create_pipe_input() as inp:
        ps = make_prompt_session(Repl(), input=inp, output=DummyOutput(), history=InMemoryHistory())
        assert any(isinstance(p, HighlightMatchingBracketProcessor) for p in ps.input_processors)
        assert ps.lexer is not None
        assert ps.message == "      "


# ---------------------------------------------------------------- commands

def test_vars_fns_ops_erase_clear():
    out = drive("b←1 ⋄ a←2 ⋄ f←{⍵} ⋄ op←{⍺⍺ ⍵}\r)vars\r)fns\r)ops\r)erase a f nosuch\r)vars\r)fns\r)clear\r)vars\r")
    assert out == ["a  b", "f", "op", "not found nosuch", "b", "clear ws"]


def test_clear_resets_settings():
    assert drive("⎕IO←0\r)clear\r⍳3\r") == ["clear ws", "1 2 3"]


def test_box_on_and_off():
    out = drive("]box on\r(1 2)(3 4)\r]box off\r(1 2)(3 4)\r]box\r")
    assert out == ["Was OFF", "┌───┬───┐", "│1 2│3 4│", "└───┴───┘", "Was ON", " 1 2  3 4 ", "Is OFF"]


def test_keys_prints_the_map():
    out = drive("]keys\r")
    text = "\n".join(out)
    assert "r⍴" in text and "i⍳" in text and "`⋄" in text and "#⍒" in text
    assert "⍴" in "\n".join(drive("]keys names\r"))


def _torch_backend_here() -> bool:
    from apl import Session

    if not hasattr(Session, "set_backend"):
        return False
    try:
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


def test_backend_and_device_commands():
    out = drive("]backend\r]backend cupy\r]device tpu\r]device cpu\r1+1\r")
    assert out[0] == "backend numpy"
    assert "unknown backend" in out[1]
    assert "unknown device" in out[2]
    assert out[3] == "device cpu"
    assert out[4] == "2"


@pytest.mark.skipif(not _torch_backend_here(), reason="no torch backend in this tree")
def test_backend_torch_switches_and_back():
    out = drive("x←1 2 3\r]backend torch\r]backend\rx\r]backend numpy\rx\r")
    assert out == ["backend torch on cpu", "backend torch on cpu", "1 2 3", "backend numpy", "1 2 3"]


def test_cuda_without_cuda_says_so():
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    out = drive("]device cuda\r]device\r")
    assert "not available" in out[0]
    assert out[1] == "device cpu"


def test_backend_and_device_without_session_hooks_say_what_is_missing(monkeypatch):
    repl = Repl()
    monkeypatch.setattr(repl.session, "set_backend", None, raising=False)
    monkeypatch.setattr(repl.session, "set_device", None, raising=False)
    out = drive("]backend torch\r]backend numpy\r]device cuda\r]device cpu\r", repl)
    assert "torch backend is not available yet" in out[0]
    assert out[1] == "backend numpy"
    assert "not available yet" in out[2]
    assert out[3] == "device cpu"


def test_backend_failures_are_one_line(monkeypatch):
    repl = Repl()

    def broken(name):
        raise ImportError("No module named 'torch'", name="torch")

    monkeypatch.setattr(repl.session, "set_backend", broken, raising=False)
    out = drive("]backend torch\r1+1\r", repl)
    assert out == ["the torch backend needs PyTorch, which is not installed (torch): pip install 'apltorch[torch]'", "2"]


def test_translate_without_the_translator_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "apl.translate", None)  # as if it were not there
    out = drive("]translate +/⍳3\r1+1\r")
    assert out == ["the translator to PyTorch is not available yet", "2"]


def test_translate_prints_pytorch_code_with_the_workspace_functions():
    pytest.importorskip("apl.translate")
    out = drive("]translate +/⍳3\r")
    assert any(line.startswith("def f(") for line in out) and "import torch" in out
    out = drive("dbl←{⍵×2}\rinc←{dbl ⍵+1}\r]translate inc 3\r")
    text = "\n".join(out)
    assert "def dbl(" in text and "def inc(" in text


def test_translate_errors_keep_the_session():
    pytest.importorskip("apl.translate")
    out = drive("]translate 1 2+\r1+1\r")
    assert out[0].endswith("ERROR") or "ERROR" in out[0]
    assert out[-1] == "2"


def test_definitions_for_translate():
    from apl.repl.commands import with_definitions

    repl = Repl()
    repl.session.eval("f←{⍵×2} ⋄ g←{f ⍵+1} ⋄ x←3 ⋄ unused←{⍵}")
    src, names = with_definitions(repl.session, "g x")
    assert src == "f←{⍵×2}\ng←{f ⍵+1}\ng x"
    assert names == {"f", "g"}


def test_backend_uses_the_session_hook_when_there_is_one(monkeypatch):
    from apl.repl.commands import run_command

    calls = []
    repl = Repl(write=lambda s: None)
    monkeypatch.setattr(repl.session, "set_backend", calls.append, raising=False)
    run_command(repl, "]backend torch")
    assert calls == ["torch"]


def test_time_reports_a_median():
    out = drive("]time +/⍳100\r")
    assert len(out) == 1 and "median of" in out[0]
    assert out[0].split()[1] in ("ns", "µs", "ms", "s")


def test_time_of_an_error_shows_the_error():
    out = drive("]time 1 2+3 4 5\r")
    assert out[0].startswith("LENGTH ERROR")


def test_unknown_commands():
    assert drive(")nosuch\r]nosuch\r") == ["Bad command", 'Command "nosuch" not found (]help lists them)']


def test_help_lists_the_commands():
    text = "\n".join(drive(")help\r"))
    for cmd in (")vars", ")fns", ")erase", ")clear", ")load", ")save", ")off", "]box", "]keys", "]backend",
                "]device", "]translate", "]time"):
        assert cmd in text


# ---------------------------------------------------------------- )save and )load

WS = (
    "v←1 2 3 ⋄ m←2 3⍴⍳6 ⋄ s←'it''s' ⋄ c←'a' ⋄ e←⍬ ⋄ n←(1 2)('ab')(⊂3 4) ⋄ f←0.1×⍳5 ⋄ neg←¯7 ¯1.5E¯7 "
    "⋄ big←2*70 ⋄ b←0=2|⍳5 ⋄ z←1J2 3 ⋄ ff←1 2 3÷1 ⋄ io←⍳100 ⋄ u←⎕UCS 10 65 ⋄ mixed←1 'a' (2 2⍴⍳4) "
    "⋄ one←,5 ⋄ enc←⊂1 2 ⋄ cm←2 2⍴'abcd' ⋄ empty←0 3⍴'' ⋄ fill←20⍴7"
)


def test_save_and_load_round_trip(tmp_path):
    from apl.repl.workspace import same_value

    path = tmp_path / "ws.apl"
    repl = Repl()
    out = drive(
        WS + "\rdouble←{⍵×2}\radd←{\r⍺+⍵\r}\rsum←+/\rtwice←{⍺⍺ ⍺⍺ ⍵}\rmean←+/÷≢\r"
        f")save {path}\r", repl)
    assert not any(line.startswith("warning") for line in out), out
    assert out[-1].startswith(f"{path} saved ")
    saved = {k: v for k, v in repl.session.env.vars.items()}

    fresh = Repl()
    out = drive(f")load {path}\r)vars\r)fns\r)ops\rdouble 3\r1 add 2\rsum ⍳4\rdouble twice 3\rmean 1 2 3 6\r", fresh)
    assert out[0].startswith(f"{path} saved ")
    var_names = sorted(n for n in saved if n not in ("double", "add", "sum", "twice", "mean"))
    assert " ".join(out[1:-7]).split() == var_names
    assert out[-7:] == ["add     double  mean    sum", "twice", "6", "3", "10", "12", "3"]
    for name, value in saved.items():
        from apl.runtime.env import role_of

        if role_of(value) == "A":
            assert same_value(fresh.session.env.vars[name], value), name
    assert sorted(fresh.session.env.vars) == sorted(saved)


def test_saved_file_is_apl_source(tmp_path):
    path = tmp_path / "ws.apl"
    drive(f"x←2 3⍴⍳6\rname←'Ann'\rf←{{⍺+⍵}}\r⎕IO←0\r)save {path}\r")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("⍝ apl workspace")
    assert "⎕IO←0" in lines
    assert "x←2 3⍴1 2 3 4 5 6" in lines
    assert "name←'Ann'" in lines
    assert "f←{⍺+⍵}" in lines
    # the file runs as a script too
    from apl import Session

    s = Session()
    s.eval(path.read_text(encoding="utf-8"))
    assert s.eval("⎕IO") == 0 and s.eval("1 f 2") == 3


def test_save_keeps_index_origin_dependent_vectors(tmp_path):
    path = tmp_path / "io.apl"
    repl = Repl()
    drive(f"⎕IO←0\rv←⍳50\r)save {path}\r", repl)
    fresh = Repl()
    drive(f")load {path}\r", fresh)
    assert fresh.session.eval("⎕IO") == 0
    assert np.array_equal(fresh.session["v"], np.arange(50))


def test_save_without_a_name_uses_the_last_file(tmp_path):
    path = tmp_path / "w.apl"
    out = drive(f")save\rx←1\r)save {tmp_path / 'w'}\r)wsid\rx←2\r)save\r")
    assert out[0].startswith("no file name")
    assert out[2] == f"is {path}"
    assert "x←2" in path.read_text(encoding="utf-8")


def test_derived_functions_without_source_are_skipped_with_a_warning(tmp_path):
    path = tmp_path / "d.apl"
    out = drive(f"op←{{⍺⍺ ⍵}}\rg←-op\rk←2∘×\rx←1\r)save {path}\r")
    warnings = [line for line in out if line.startswith("warning")]
    assert any(w.startswith("warning: g:") for w in warnings)
    text = path.read_text(encoding="utf-8")
    assert "x←1" in text and "op←{⍺⍺ ⍵}" in text and "\ng←" not in text


def test_save_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "ws.apl"
    path.write_text("old←1\n", encoding="utf-8")

    def fail(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    out = drive(f"x←⍳10\r)save {path}\r")
    assert "No space left" in out[-1]
    assert path.read_text(encoding="utf-8") == "old←1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws.apl"]


def test_load_missing_file_and_copy(tmp_path):
    lib = tmp_path / "lib.apl"
    lib.write_text("sq←{⍵×⍵}\n", encoding="utf-8")
    out = drive(f")load {tmp_path / 'nosuch.apl'}\rkeep←1\r)copy {tmp_path / 'lib'}\rsq keep+2\r")
    assert "file not found" in out[0]
    assert out[-1] == "9"


def test_load_runs_a_script_and_shows_its_results(tmp_path):
    script = tmp_path / "s.apl"
    script.write_text("a←1\n2×a\n", encoding="utf-8")
    out = drive(f"keep←99\r)load {script}\ra\r⎕NC'keep'\r")
    assert out[0] == "2" and out[1].startswith(f"{script} saved")
    assert out[2:] == ["1", "0"]  # the loaded workspace replaced the one that held keep


def test_load_of_a_script_with_an_error_names_the_line_and_keeps_the_workspace(tmp_path):
    script = tmp_path / "s.apl"
    script.write_text("a←1\n2×a\n1 2+3 4 5\n", encoding="utf-8")
    out = drive(f"keep←99\r)load {script}\rkeep\r⎕NC'a'\r")
    assert out[0].startswith("LENGTH ERROR") and f"{script}, line 3; nothing loaded" in out[0]
    assert out[-2:] == ["99", "0"]


# ---------------------------------------------------------------- without a terminal

def test_plain_lines_for_pipes():
    out: list[str] = []
    repl = Repl(write=out.append)
    rc = run_plain(repl, io.StringIO("f←{\n⍵×2\n}\nf 4\n1 2+3\n)vars\n)fns\n)off\n99\n"))
    assert rc == 0
    assert out == ["8", "4 5", "f"]


def test_main_without_a_terminal_reads_lines(capsys):
    from apl.repl import main

    rc = main(stdin=io.StringIO("x←3\nx+1\n1 2+3 4 5\nx\n"), stdout=io.StringIO())
    assert rc == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "4" and lines[1].startswith("LENGTH ERROR") and lines[-1] == "3"


def test_cli_interactive_goes_to_the_repl(monkeypatch):
    import apl.repl as repl_pkg
    from apl import cli

    seen = []
    monkeypatch.setattr(repl_pkg, "main", lambda session: seen.append(session) or 0)
    assert cli._interactive("S") == 0
    assert seen == ["S"]


def test_import_apl_does_not_load_the_editor():
    code = ("import sys, apl; bad = [m for m in sys.modules if m.split('.')[0] in "
            "('prompt_toolkit', 'pygments', 'IPython')]; print(bad)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert p.stdout.strip() == "[]", p.stdout + p.stderr


@pytest.mark.parametrize("expr", [
    "1 0 1", "1.5", "2÷2", "1 2 3÷1", "0=2|⍳4", "⍳100", "¯3+2×⍳40", "2 3⍴⍳6", "'abc'", "'a'", ",'a'",
    "'it''s'", "⎕UCS 10 65", "(1 2)(3 4)", "⊂1 2", "⊂⊂1 2", ",⊂1 2", "1 'a' 2", "2 2⍴'ab' 3 4", "⍬",
    "0⍴0.5", "''", "0 3⍴''", "1J2", "0.1+0.2", "1E300", "2*70", "¯5", "10⍴7", "⊂⍬", "1=1", "'a' 'bc'",
    "0.1×⍳20", "3 1⍴(1 2)(3 4)5", "⎕UCS 10", "2 2 2⍴⍳8", "1E15", "1E16×1 2", "¯1.5E¯7 3", "0⍴1=1",
    "'a' (⎕UCS 10)", "(⎕UCS 9) 1", ",⎕UCS 10", "2 2⍴⎕UCS 10 65 66 9", "1J2 3", "2 0⍴0", "(2 2⍴⍳4) 'x'",
])
def test_value_source_rebuilds_exactly(expr):
    from apl import Session
    from apl.repl.workspace import same_value, value_source

    s = Session()
    v = s.eval(expr)
    src = value_source(v if isinstance(v, np.ndarray) else np.asarray(v))
    assert same_value(s.eval(src), v), src


def test_value_source_of_random_floats_round_trips():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from apl import Session
    from apl.repl.workspace import same_value, value_source

    s = Session()

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=0, max_size=6))
    def check(xs):
        v = np.array(xs, dtype=np.float64)
        assert same_value(s.eval(value_source(v)), v)

    check()


# ---------------------------------------------------------------- ∇ definitions

def test_a_definition_continues_until_its_closing_del():
    assert needs_more("∇ r←f x")
    assert needs_more("∇ r←f x\n r←{⍵")
    assert not needs_more("∇ r←f x\n r←(x\n∇")  # a lone ∇ closes it, whatever is open
    assert not needs_more("∇ r←f x\n r←x\n∇\n1+1")
    assert needs_more("∇ r←f x\n r←x\n∇\ng←{")


def test_a_tradfn_typed_at_the_session():
    out = drive("∇ r←a plus b\rr←a+b\r∇\r2 plus 3\r)fns\r")
    assert out == ["5", "plus"]


def test_del_name_opens_a_function_to_edit_and_lines_are_numbered():
    from apl.repl.app import continuation, open_for_editing

    repl = Repl()
    repl.session.eval("∇ r←f x\n r←x+1\n∇")
    assert open_for_editing(repl, "∇f") == "∇r←f x\n r←x+1\n"
    assert open_for_editing(repl, "∇g") is None
    assert open_for_editing(repl, "∇ r←f x") is None
    assert continuation("∇r←f x\n", 6, 2).strip() == "[2]"
    assert continuation("g←{", 6, 1) == "      "
    # in the terminal: ∇f opens it, a line typed after its last, then ∇ closes it
    out = drive("∇f\r r←r×10\r∇\rf 1\r", repl)
    assert out[-1] == "20"


def test_translate_takes_the_command_lines_options():
    """]translate --ranks/--shapes/--dtype EXPR: the function written for float tensors, as
    `apl translate --ranks … -e EXPR` writes it; a bad option is a message, and the session goes on."""
    pytest.importorskip("apl.translate")
    from apl.translate import translate

    out = drive("]translate --ranks 2 {⍵÷+/⍵}⍤1\r")
    assert "\n".join(out) == translate("{⍵÷+/⍵}⍤1", name="f", ranks=(2,)).rstrip("\n")
    out = drive("]translate --shapes=77x768 --dtype float32 {⍺+0.3×⍵-⍺}\r")
    assert "\n".join(out) == translate("{⍺+0.3×⍵-⍺}", name="f", shapes=((77, 768),), dtype="float32").rstrip("\n")
    out = drive("]translate --ranks 1,2 {⍺+⍵}\r")
    assert "\n".join(out) == translate("{⍺+⍵}", name="f", ranks=(1, 2)).rstrip("\n")
    out = drive("]translate --dtype float32 {⍵}\r]translate --ranks x {⍵}\r]translate --ranks 1 --shapes 3 {⍵}\r"
                "]translate --ranks 2\r]translate --x\r1+1\r")
    assert out[0] == "--dtype is for a function written for tensors: give --ranks or --shapes too"
    assert out[1] == "--ranks: 'x' is not a rank"
    assert out[2] == "give --ranks or --shapes, not both"
    assert out[3].startswith("]translate [--ranks R")
    assert any(line.startswith("def f(") for line in out[4:-1])  # --x is APL: - -x
    assert out[-1] == "2"
