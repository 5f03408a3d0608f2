"""The `apl` command, run as `python -m apl`: -e, script files, standard input, exit codes."""
import subprocess
import sys

import pytest


def run(*args, stdin=None, cwd=None):
    p = subprocess.run(
        [sys.executable, "-m", "apl", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60, cwd=cwd, check=False,
    )
    return p.returncode, p.stdout, p.stderr


# ---------------------------------------------------------------- -e
def test_expr_vector():
    rc, out, err = run("-e", "1 2 3")
    assert (rc, out, err) == (0, "1 2 3\n", "")


def test_expr_matrix():
    rc, out, err = run("-e", "2 3⍴⍳6")
    assert rc == 0 and err == ""
    assert out == "1 2 3\n4 5 6\n"


def test_expr_scalar_string_negative_and_floats():
    rc, out, err = run("-e", "+/⍳10", "-e", "'hello'", "-e", "¯3", "-e", "¯1.5 2", "-e", "0=2|⍳4")
    assert rc == 0 and err == ""
    assert out.splitlines() == ["55", "hello", "¯3", "¯1.5 2", "0 1 0 1"]


def test_expr_may_start_with_apl_minus():
    rc, out, err = run("-e", "-/⍳5", "--expr", "-3", "-e", "")
    assert (rc, err) == (0, "")
    assert out.splitlines() == ["3", "¯3"]
    rc, out, err = run("translate", "-e", "-⌿")
    assert rc == 0 and "def f(" in out


def test_expr_matrix_columns_are_right_aligned():
    rc, out, _ = run("-e", "2 2⍴1 100 20 3")
    assert rc == 0
    assert out.splitlines() == [" 1 100", "20   3"]


def test_several_expr_share_a_session_and_assignments_are_silent():
    rc, out, err = run("-e", "x←3", "-e", "x+1")
    assert (rc, out, err) == (0, "4\n", "")


def test_each_unassigned_statement_is_printed():
    rc, out, _ = run("-e", "1 ⋄ x←2 ⋄ x+1")
    assert rc == 0
    assert out.splitlines() == ["1", "3"]


def test_quad_assignment_prints():
    rc, out, _ = run("-e", "⎕←3 ⋄ x←4 ⋄ x")
    assert rc == 0
    assert out.splitlines() == ["3", "4"]


def test_expr_error_goes_to_stderr_with_caret_and_exit_1():
    rc, out, err = run("-e", "1 2 3+4 5")
    assert rc == 1
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0].startswith("LENGTH ERROR")
    assert lines[1] == "      1 2 3+4 5"
    assert lines[2] == "           ∧"


def test_expr_syntax_error_exit_1():
    rc, _out, err = run("-e", "(1 2")
    assert rc == 1
    assert err.startswith("SYNTAX ERROR")
    assert "Traceback" not in err


def test_deep_recursion_error_has_no_traceback():
    rc, _, err = run("-e", "{⍵=0:0 ⋄ 1+∇ ⍵-1} 400000")
    assert rc == 1
    assert err.startswith("WS FULL")
    assert "Traceback" not in err and "RecursionError" not in err


def test_output_before_an_error_is_kept_and_later_expressions_do_not_run():
    rc, out, err = run("-e", "7", "-e", "1÷0", "-e", "8")
    assert rc == 1
    assert out == "7\n"
    assert err.startswith("DOMAIN ERROR")


# ---------------------------------------------------------------- script files
SCRIPT = """\
⍝ factorial and friends
fact←{
  ⍵=0:1          ⍝ base case
  ⍵×∇ ⍵-1
}
mean←+/÷≢
fact 5
mean 1 2 3 4
x←2 3⍴⍳6
x
"""


def test_script_with_multi_line_dfn(tmp_path):
    f = tmp_path / "script.apl"
    f.write_text(SCRIPT, encoding="utf-8")
    rc, out, err = run(str(f))
    assert (rc, err) == (0, "")
    assert out.splitlines() == ["120", "2.5", "1 2 3", "4 5 6"]


def test_script_error_reports_the_failing_line(tmp_path):
    f = tmp_path / "bad.apl"
    f.write_text("a←1\nb←1 2 3+4 5\nc←3\n", encoding="utf-8")
    rc, _out, err = run(str(f))
    assert rc == 1
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0].startswith("LENGTH ERROR")
    assert lines[1] == "      b←1 2 3+4 5"
    assert lines[2].index("∧") == lines[1].index("+")


def test_missing_script_file(tmp_path):
    rc, _out, err = run(str(tmp_path / "nonexistent.apl"))
    assert rc != 0
    assert "Traceback" not in err
    assert "nonexistent.apl" in err


# ---------------------------------------------------------------- standard input
def test_stdin():
    rc, out, err = run(stdin="x←⍳5\n+/x\n")
    assert (rc, out, err) == (0, "15\n", "")


def test_stdin_dash_with_multi_line_dfn():
    rc, out, err = run("-", stdin="f←{\n  ⍵×2\n}\nf 1 2 3\n")
    assert (rc, out, err) == (0, "2 4 6\n", "")


def test_stdin_error():
    rc, out, err = run(stdin="x←1\n1 2 3+4 5\nx\n")
    assert rc == 1
    assert out == ""
    assert err.splitlines()[1] == "      1 2 3+4 5"
    assert "Traceback" not in err


def test_empty_stdin():
    rc, out, err = run(stdin="")
    assert (rc, out, err) == (0, "", "")


@pytest.mark.parametrize("expr", ["+/", "{⍵}", "(+/÷≢)"])
def test_function_expression_does_not_fail(expr):
    rc, _, err = run("-e", expr)
    assert rc == 0
    assert err == ""


def test_piped_input_with_commands_is_a_script_that_stops_at_its_first_error():
    rc, out, err = run(stdin="x←3\n)vars\nx+1\n1÷0\nx+2\n")
    assert rc == 1 and out.splitlines() == ["x", "4"]
    assert err.startswith("DOMAIN ERROR") and "stdin:4" in err and "Traceback" not in err
    rc, out, err = run("--keep-going", stdin="x←3\n1÷0\n)vars\nx+1\n)off\nx+2\n")
    assert rc == 1 and out.splitlines() == ["x", "4"]  # nothing runs after )off


def test_pipe_file_and_e_give_the_same_results_and_exit_codes(tmp_path):
    text = "x←3\n)vars\nx×2\ng←{\n1 2+⍵\n}\ng 1 2 3\nx\n"
    path = tmp_path / "s.apl"
    path.write_text(text, encoding="utf-8")
    by_pipe = run(stdin=text)
    by_file = run(str(path))
    by_e = run(*[a for line in ["x←3", ")vars", "x×2", "g←{1 2+⍵}", "g 1 2 3", "x"] for a in ("-e", line)])
    for rc, out, err in (by_pipe, by_file, by_e):
        assert rc == 1 and out.splitlines() == ["x", "6"] and err.startswith("LENGTH ERROR")
        assert "in g[" in err
    assert f"{path}:7" in by_file[2] and "stdin:7" in by_pipe[2] and "-e:1" in by_e[2]


def test_commands_work_in_every_mode(tmp_path):
    assert run("-e", "y←1", "-e", ")vars")[:2] == (0, "y\n")
    assert run("-e", "]box on", "-e", "(1 2)3")[1].splitlines()[1].startswith("┌")
    path = tmp_path / "c.apl"
    path.write_text(")clear\nz←2\n)vars\n", encoding="utf-8")
    assert run(str(path))[:2] == (0, "clear ws\nz\n")


def test_help_documents_the_exit_codes():
    rc, out, _ = run("--help")
    assert rc == 0
    for line in ("0    success", "1    an APL error", "2    a usage error", "3    an internal error", "130  interrupted"):
        assert line in out
    assert "--keep-going" in out


# ---------------------------------------------------------------- input that is not APL text
def test_a_file_that_is_not_utf8_is_an_error_naming_the_line_not_a_traceback(tmp_path):
    path = tmp_path / "bad.apl"
    path.write_bytes("x←1\n".encode() + b"y\xff\n")
    rc, out, err = run(str(path))
    assert rc == 2 and out == "" and err == f"apl: {path}:2: not UTF-8 text\n"


def test_binary_and_endless_input_are_refused(tmp_path):
    rc, _, err = run("/dev/zero")
    assert rc == 2 and "more than 64 MiB" in err and "Traceback" not in err
    blob = tmp_path / "blob.apl"
    blob.write_bytes(b"\x00\x01\x02x")
    rc, _, err = run(str(blob))
    assert rc == 2 and "binary data" in err


def test_characters_the_terminal_cannot_encode_print_as_escapes():
    p = subprocess.run([sys.executable, "-m", "apl", "-e", "⎕UCS 55296 65"], capture_output=True, timeout=60,
                       check=False)
    assert p.returncode == 0 and p.stdout == b"\\ud800A\n" and p.stderr == b""


def test_digits_other_than_ascii_are_not_numbers():
    rc, _, err = run("-e", "１+２")
    assert rc == 1 and err.startswith("SYNTAX ERROR")


def test_derived_functions_show_their_array_operands_as_apl():
    for src, shown in [("2 3⍴⍳", "(2 3 ⍴ ⍳)"), ("2∘×", "2∘×"), ("'ab'∘≡", "'ab'∘≡"), ("(,5)∘+", "(,5)∘+"),
                       ("(3 4⍴0)∘+", "(3 4⍴…)∘+"), ("+⍤1 0", "+⍤1 0")]:
        rc, out, err = run("-e", src)
        assert (rc, out.strip(), err) == (0, shown, ""), src


def test_a_function_without_its_right_argument_points_at_the_function():
    rc, out, err = run("-e", "2 3⍴")
    assert rc == 1 and err.splitlines()[0] == "SYNTAX ERROR: the function has no right argument"
    assert err.splitlines()[2] == "         ∧"


@pytest.mark.parametrize("mode", ["-e", "stdin", "file"])
def test_a_request_beyond_the_workspace_is_ws_full_at_once_in_every_mode(mode, tmp_path):
    import time

    t0 = time.perf_counter()
    if mode == "-e":
        rc, out, err = run("-e", "⍳1E9")
    elif mode == "stdin":
        rc, out, err = run(stdin="⍳1E9\n")
    else:
        path = tmp_path / "big.apl"
        path.write_text("⍳1E9\n", encoding="utf-8")
        rc, out, err = run(str(path))
    assert rc == 1 and err.startswith("WS FULL") and time.perf_counter() - t0 < 5


def test_a_script_of_tradfns_runs_and_errors_name_the_function_line(tmp_path):
    script = tmp_path / "s.apl"
    script.write_text("∇ r←f x\n  r←1\n  :If x>0\n      r←x÷0\n  :EndIf\n∇\nf 2\n", encoding="utf-8")
    rc, out, err = run(str(script))
    assert rc == 1
    assert err.splitlines()[0] == "DOMAIN ERROR: divide by zero"
    assert "      r←x÷0" in err
    assert err.splitlines()[-1] == f"in f[3], called from {script}:7"
