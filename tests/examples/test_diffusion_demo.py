"""examples/diffusion/demo.py --quick: a tiny model trained, every variant sampled with the APL
helpers and the PyTorch ones, DiffEdit, and every output written, in well under 90 s. Skips
without the `diffusion` extra (pip install -e '.[diffusion]')."""
import json
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("torch")
for _name in ("diffusers", "sklearn", "tqdm", "PIL"):
    pytest.importorskip(_name, reason="the diffusion extra is not installed: pip install -e '.[diffusion]'")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "diffusion"))
import demo


def test_quick_demo_writes_every_output_in_time(tmp_path, capsys):
    t0 = time.perf_counter()
    assert demo.main(["--quick", "--out", str(tmp_path), "--no-progress"]) == 0
    elapsed = time.perf_counter() - t0
    for name in demo.OUTPUTS:
        assert (tmp_path / name).stat().st_size > 0, name
    r = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert r["quick"] and len(r["variants"]) == len(demo.variants(4.0, 4)) >= 8
    for v in r["variants"]:
        assert 0 <= v["agreement"] <= 1 and v["apl_s"] > 0 and v["torch_s"] > 0
        assert v["diff_vs_torch"] < 1e-2, v  # the APL helpers and the PyTorch ones sample the same images
    e = r["diffedit"]
    assert e["edits"] >= 1 and 0 <= e["success"] <= 1
    assert e["unchanged_outside"] == pytest.approx(1.0)  # the blend keeps the encoding outside the mask
    assert "| variant |" in (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "outputs in" in capsys.readouterr().out
    assert elapsed < 90


def test_quick_rerun_loads_the_checkpoint(tmp_path):
    import model

    path = tmp_path / "unet.pt"
    _, first = model.load_or_train(path, steps=2, batch=8, progress=False)
    _, second = model.load_or_train(path, steps=2, batch=8, progress=False)
    assert first["loaded"] is False and second["loaded"] is True
    _, other = model.load_or_train(path, steps=3, batch=8, progress=False)
    assert other["loaded"] is False  # other settings: trained again
