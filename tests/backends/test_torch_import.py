"""`import apl` never imports torch: the torch backend is loaded when a tensor or backend="torch"
shows up (like einops' backends)."""
import subprocess
import sys


def _run(code):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_import_apl_does_not_import_torch():
    assert _run("import sys, apl; print('torch' in sys.modules)") == "False"


def test_numpy_evaluation_does_not_import_torch():
    code = ("import sys, apl; apl.evaluate('+/⍳10'); s = apl.Session(); s.eval('x←2 3⍴⍳6'); "
            "apl.function('{⍵×2}')([1, 2]); print('torch' in sys.modules)")
    assert _run(code) == "False"
