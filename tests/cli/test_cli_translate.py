"""`apl translate` on the command line."""
import subprocess
import sys

from apl_values import needs_torch


def apl(*args, input_=None):
    return subprocess.run([sys.executable, "-m", "apl", *args], capture_output=True, text=True, input=input_,
                          timeout=60, check=False)


def test_translate_an_expression_prints_a_module():
    r = apl("translate", "-e", "{(+/,⍵×⍵)*0.5}", "--name", "norm")
    assert r.returncode == 0, r.stderr
    assert "def norm(omega, alpha=None):" in r.stdout and "import torch" in r.stdout


def test_translate_a_script_to_a_file(tmp_path):
    script = tmp_path / "defs.apl"
    script.write_text("sq←{⍵×⍵}\nnorm←{(+/,sq ⍵)*0.5}\n", encoding="utf-8")
    out = tmp_path / "defs.py"
    r = apl("translate", str(script), "-o", str(out))
    assert r.returncode == 0, r.stderr
    src = out.read_text(encoding="utf-8")
    assert "def sq(omega, alpha=None):" in src and "def norm(omega, alpha=None):" in src
    compile(src, str(out), "exec")


def test_translate_refusal_is_an_apl_error_without_traceback():
    r = apl("translate", "-e", "'abc'")
    assert r.returncode == 1
    assert r.stderr.startswith("NONCE ERROR") and "Traceback" not in r.stderr


@needs_torch
def test_backend_option_runs_on_torch():
    r = apl("--backend", "torch", "-e", "+/⍳10")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "55"
