"""Generated documentation stays in step with the code that generates it."""
import importlib.util
from pathlib import Path

import pytest
from apl_values import run_translated

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _module(name):
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_apl_vs_pytorch_page_is_current_and_has_25_idioms():
    pytest.importorskip("torch")
    gen = _module("make_apl_vs_pytorch")
    assert len(gen.IDIOMS) >= 25
    page = (DOCS / "apl-vs-pytorch.md").read_text(encoding="utf-8")
    assert page == gen.render(), "docs/apl-vs-pytorch.md is stale: run python docs/make_apl_vs_pytorch.py"
    assert page.count("```apl") == len(gen.IDIOMS)


def test_every_idiom_on_the_page_runs():
    torch = pytest.importorskip("torch")
    from apl.translate import translate

    gen = _module("make_apl_vs_pytorch")
    for title, src, _ in gen.IDIOMS:
        ns = {}
        exec(translate(src), ns)  # noqa: S102  (the translator's output, under test)
        assert callable(ns["f"]), title
    softmax = run_translated(translate("{e÷+/e←*⍵-⌈/⍵}"), torch.tensor([1.0, 2.0, 3.0]))
    assert torch.allclose(softmax.sum(), torch.tensor(1.0, dtype=torch.float64))


def test_glyph_reference_is_current_and_covers_every_registry_row():
    from apl.glyphs import GLYPHS

    gen = _module("make_reference")
    page = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert page == gen.render(), "docs/reference.md is stale: run python docs/make_reference.py"
    for g in GLYPHS:
        assert f"### `{g.glyph}` {g.names[0]}" in page
