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


def test_translate_with_ranks_writes_the_specialised_function():
    r = apl("translate", "-e", "{⍺+⍤1⊢⍵}", "--ranks", "1,2")
    assert r.returncode == 0, r.stderr
    assert "alpha.ndim != 1 or omega.ndim != 2" in r.stdout and "alpha + omega" in r.stdout
    assert "rank2" not in r.stdout  # (the general output's vmap helper)


@needs_torch
def test_translate_with_shapes_runs_and_keeps_apl_errors():
    import torch

    r = apl("translate", "-e", "{m y x←⍵ ⋄ (m×y)+(1-m)×x}", "--shapes", "[8x8,8x8,8x8]", "--name", "blend")
    assert r.returncode == 0, r.stderr
    ns = {}
    exec(r.stdout, ns)  # noqa: S102 - the translator's output, under test
    m, y, x = torch.rand(8, 8), torch.rand(8, 8), torch.rand(8, 8)
    assert torch.allclose(ns["blend"]([m, y, x]), m * y + (1 - m) * x)
    try:
        ns["blend"]([m, y, x[:4]])
    except ValueError as e:
        assert "LENGTH ERROR" in str(e)
    else:
        raise AssertionError("a call of other shapes must raise")
    r = apl("translate", "-e", "{⍺+⍵}", "--shapes", "float,2x3")
    assert r.returncode == 0 and "isinstance(alpha, float)" in r.stdout, r.stderr


def test_translate_ranks_and_shapes_usage_errors():
    for args in (["--ranks", "2x3"], ["--shapes", "[2,3"], ["--ranks", "1,2,3"], ["--ranks", "1", "--shapes", "2"]):
        r = apl("translate", "-e", "{⍵}", *args)
        assert r.returncode == 2, args
        assert "Traceback" not in r.stderr


def test_translate_with_a_dtype_compares_as_torch_does_and_checks_the_dtype():
    r = apl("translate", "-e", "{0.5<⍵}", "--shapes", "4", "--dtype", "float32")
    assert r.returncode == 0, r.stderr
    assert "return 0.5 < omega" in r.stdout and "omega.dtype != torch.float32" in r.stdout
    r = apl("translate", "-e", "{0.5<⍵}", "--shapes", "4")
    assert "float_less(0.5, omega)" in r.stdout  # (float64: ⎕CT matters)
    r = apl("translate", "-e", "{⍵}", "--dtype", "float32")
    assert r.returncode == 2 and "--ranks or --shapes" in r.stderr
