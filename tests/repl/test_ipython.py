"""%load_ext apl in an IPython InteractiveShell: %apl, %%apl, variables shared both ways."""
import numpy as np
import pytest

pytest.importorskip("IPython")

from IPython.core.interactiveshell import InteractiveShell

from apl.repl.text import mentioned_names


@pytest.fixture
def ip():
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "apl")
    yield shell
    shell.run_line_magic("unload_ext", "apl")
    for name in [n for n in shell.user_ns if n in ("a", "b", "m", "r", "x", "y", "z", "f", "total", "word")]:
        del shell.user_ns[name]


def test_line_magic_returns_the_value(ip):
    assert ip.run_line_magic("apl", "+/⍳10") == 55
    r = ip.run_line_magic("apl", "2 3⍴⍳6")
    assert isinstance(r, np.ndarray) and r.tolist() == [[1, 2, 3], [4, 5, 6]]
    assert ip.run_line_magic("apl", "x←5") is None  # an assignment shows nothing


def test_python_variables_reach_apl(ip):
    ip.user_ns["a"] = np.arange(6)
    ip.user_ns["word"] = "hello"
    assert ip.run_line_magic("apl", "+/a") == 15
    assert ip.run_line_magic("apl", "⌽word").tolist() == list("olleh")
    ip.user_ns["a"] = [10, 20]  # changed in Python: APL sees the new value
    assert ip.run_line_magic("apl", "+/a") == 30


def test_apl_variables_reach_python(ip):
    ip.run_line_magic("apl", "m←3 3⍴⍳9")
    assert ip.user_ns["m"].tolist() == [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    ip.run_cell_magic("apl", "", "y←+/m\nz←'abc'")
    assert ip.user_ns["y"].tolist() == [6, 15, 24]
    assert ip.user_ns["z"].tolist() == ["a", "b", "c"]
    ip.run_cell("total = int(y.sum())")
    assert ip.run_line_magic("apl", "total×2") == 90


def test_round_trip_through_python_keeps_apl_updates(ip):
    ip.run_line_magic("apl", "x←1 2 3")
    ip.run_line_magic("apl", "x←x×10")
    assert ip.user_ns["x"].tolist() == [10, 20, 30]
    assert ip.run_line_magic("apl", "+/x") == 60


def test_python_values_never_replace_apl_functions(ip):
    ip.run_line_magic("apl", "f←{⍵×2}")
    ip.user_ns["f"] = 7
    assert ip.run_line_magic("apl", "f 4") == 8


def test_braces_are_not_expanded_by_ipython(ip):
    ip.user_ns["x"] = 3
    assert ip.run_line_magic("apl", "{⍵+1} x") == 4
    ip.run_line_magic("apl", "r←{1}0")
    assert ip.user_ns["r"] == 1


def test_cell_magic_prints_results_like_the_session(ip, capsys):
    ip.run_cell_magic("apl", "", "b←2 3⍴⍳6\nb\n(1 2)(3 4)\n⍝ a comment\n'ok'")
    assert capsys.readouterr().out.splitlines() == ["1 2 3", "4 5 6", " 1 2  3 4 ", "ok"]


def test_cell_magic_box_option(ip, capsys):
    ip.run_cell_magic("apl", "box", "(1 2)(3 4)")
    assert capsys.readouterr().out.splitlines() == ["┌───┬───┐", "│1 2│3 4│", "└───┴───┘"]


def test_commands_through_the_line_magic(ip, capsys):
    ip.run_line_magic("apl", "]box on")
    ip.run_line_magic("apl", "a←1 ⋄ b←2")
    ip.run_line_magic("apl", ")vars")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Was OFF"
    assert "a" in out[-1].split() and "b" in out[-1].split()


def test_torch_session_hands_tensors_to_python(ip, capsys):
    torch = pytest.importorskip("torch")
    ip.run_line_magic("apl", "]backend torch")
    try:
        r = ip.run_line_magic("apl", "+/⍳4")
        assert isinstance(r, torch.Tensor) and r.item() == 10
        ip.run_cell_magic("apl", "", "m←2 2⍴⍳4\nm")
        assert isinstance(ip.user_ns["m"], torch.Tensor)
        assert ip.user_ns["m"].tolist() == [[1, 2], [3, 4]]
        assert "1 2" in capsys.readouterr().out  # the cell still shows its results
    finally:
        ip.run_line_magic("apl", "]backend numpy")


def test_errors_show_like_dyalog_without_a_traceback(ip, capsys):
    result = ip.run_cell("%apl 1 2+3 4 5")
    assert not result.success
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "LENGTH ERROR" in text
    assert "      1 2+3 4 5" in text
    assert "Traceback" not in text
    assert ip.run_line_magic("apl", "1+1") == 2  # the workspace goes on


def test_unload_removes_the_magics():
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "apl")
    assert "apl" in shell.magics_manager.magics["line"]
    assert "apl" in shell.magics_manager.magics["cell"]
    shell.run_line_magic("unload_ext", "apl")
    assert "apl" not in shell.magics_manager.magics["line"]
    assert "apl" not in shell.magics_manager.magics["cell"]


def test_mentioned_names():
    assert mentioned_names("x←a+b ⍝ c d\n'e f' g ⎕IO") == {"x", "a", "b", "g"}


def _shown(ip, code):
    """What IPython shows as the result of running code (its text/plain display)."""
    from IPython.utils.capture import capture_output

    with capture_output() as cap:
        ip.run_cell(code, store_history=True)
    return cap.stdout


def test_line_magic_shows_its_value_as_the_session_does_and_honours_box(ip):
    assert "Out" in _shown(ip, "%apl 2 3⍴⍳6") and "1 2 3\n4 5 6" in _shown(ip, "%apl 2 3⍴⍳6")
    ip.run_line_magic("apl", "]box on")
    assert "┌" in _shown(ip, "%apl (1 2)3")
    ip.run_line_magic("apl", "]box off")
    r = ip.run_line_magic("apl", "2 3⍴⍳6")  # used as an expression: the Python value
    assert isinstance(r, np.ndarray)
    ip.user_ns["plain"] = np.arange(3)
    assert "array([0, 1, 2])" in _shown(ip, "plain")  # other arrays show as before
    del ip.user_ns["plain"]


def test_tensors_pass_into_apl(ip):
    torch = pytest.importorskip("torch")
    ip.user_ns["t"] = torch.ones(2, 3)
    r = ip.run_line_magic("apl", "+/t")
    assert isinstance(r, torch.Tensor) and r.tolist() == [3.0, 3.0]
    assert "3 3" in _shown(ip, "%apl +/t")
    del ip.user_ns["t"]
