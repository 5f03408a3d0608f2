"""examples/matmul: the quick mode runs, every method agrees, and the README quotes the lesson right."""
import importlib.util
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "matmul"


def _module():
    spec = importlib.util.spec_from_file_location("matmul_example", EXAMPLE / "matmul.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_quick_mode_agrees_and_writes_the_chart_to_the_ignored_folder(tmp_path, capsys):
    mm = _module()
    assert mm.main(["--quick", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "all methods agree with a @ b" in out
    for method in ("5. np.einsum (optimize=True)", "1. three Python loops", "7b. APL X+.×W"):
        assert method in out
    assert "421 ms (5 rows)" in out and "656 ms (50,000 rows)" in out
    if importlib.util.find_spec("matplotlib") is not None:
        assert (tmp_path / "matmul_times.png").stat().st_size > 0
    assert not (EXAMPLE / "out" / "matmul_times.png").exists() or (EXAMPLE / "out").is_dir()


def test_einsum_is_optimized_and_equals_matmul():
    np = pytest.importorskip("numpy")
    mm = _module()
    a, b = np.random.default_rng(0).random((7, 784)), np.random.default_rng(1).random((784, 10))
    assert np.allclose(mm.matmul_einsum(a, b), a @ b)
    assert "optimize=True" in Path(mm.__file__).read_text(encoding="utf-8")


def test_readme_quotes_the_lessons_figures_with_their_sizes():
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "421 ms" in readme and "656 ms" in readme and "15 ms" in readme
    assert "recalled" not in readme.lower()
    assert "matmul_times.png" in readme
