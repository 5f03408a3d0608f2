"""Generated documentation stays in step with the code that generates it."""
import importlib.util
import sys
from pathlib import Path

import pytest
from apl_values import run_translated

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _module(name):
    """docs/NAME.py, loaded as the module docs_NAME (the docs folder is no package)."""
    if f"docs_{name}" in sys.modules:
        return sys.modules[f"docs_{name}"]
    spec = importlib.util.spec_from_file_location(f"docs_{name}", DOCS / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_apl_vs_pytorch_page_is_current_and_has_25_idioms():
    pytest.importorskip("torch")
    gen = _module("make_apl_vs_pytorch")
    assert len(gen.IDIOMS) >= 25
    page = (DOCS / "apl-vs-pytorch.md").read_text(encoding="utf-8")
    assert page == gen.render(), "docs/apl-vs-pytorch.md is stale: run python docs/make_apl_vs_pytorch.py"
    assert page.count("```apl") == len(gen.IDIOMS) + len(gen.SPECIALISED)
    assert "## Specialised to ranks or shapes" in page


def test_every_idiom_on_the_page_runs():
    torch = pytest.importorskip("torch")
    from apl.translate import translate

    gen = _module("make_apl_vs_pytorch")
    for title, src, _ in gen.IDIOMS:
        ns = {}
        exec(translate(src), ns)  # noqa: S102  (the translator's output, under test)
        assert callable(ns["f"]), title
    for title, src, keywords, _ in gen.SPECIALISED:
        ns = {}
        exec(translate(src, **keywords), ns)  # noqa: S102
        assert callable(ns["f"]), title
    x = torch.randn(3, 4, dtype=torch.float64)
    ns = {}
    exec(translate("{e÷+/e←*⍵-⌈/⍵}⍤1", ranks=2), ns)  # noqa: S102
    assert torch.allclose(ns["f"](x), torch.softmax(x, -1))
    softmax = run_translated(translate("{e÷+/e←*⍵-⌈/⍵}"), torch.tensor([1.0, 2.0, 3.0]))
    assert torch.allclose(softmax.sum(), torch.tensor(1.0, dtype=torch.float64))


def test_glyph_reference_is_current_and_covers_every_registry_row():
    from apl.glyphs import GLYPHS

    gen = _module("make_reference")
    page = (DOCS / "reference.md").read_text(encoding="utf-8")
    assert page == gen.render(), "docs/reference.md is stale: run python docs/make_reference.py"
    for g in GLYPHS:
        assert f"### `{g.glyph}` {g.names[0]}" in page


def test_glyph_reference_has_no_glyph_missing_or_extra():
    """One entry and one table row per registry row, and nothing else."""
    import re

    from apl.glyphs import GLYPHS

    gen = _module("make_reference")
    page = (DOCS / "reference.md").read_text(encoding="utf-8")
    entries = re.findall(r"^### `(.+?)` ", page, re.MULTILINE)
    assert sorted(entries) == sorted(g.glyph for g in GLYPHS)
    rows = re.findall(r"^\| \[<code>.*?</code>\]\(#(.+?)\) \|", page, re.MULTILINE)
    assert sorted(rows) == sorted(gen.anchor(g) for g in GLYPHS)
    assert len(set(rows)) == len(rows)
    for g in GLYPHS:
        if g.dyalog:
            assert f"Differences from Dyalog: {g.dyalog}" in page


def test_keyboard_picture_is_current_and_shows_every_prefix_key():
    import html

    from apl.repl.keymap import keymap

    gen = _module("make_reference")
    svg = (DOCS / "keyboard.svg").read_text(encoding="utf-8")
    assert svg == gen.render_keyboard(), "docs/keyboard.svg is stale: run python docs/make_reference.py"
    drawn = "".join(plain + shifted for plain, shifted, _ in gen.KEY_ROWS)
    for key, glyph in keymap().items():
        assert key in drawn, f"the prefix key {key!r} ({glyph}) is not on the picture's keyboard"
        assert f">{html.escape(glyph)}</text>" in svg


def test_generated_sections_are_current():
    gen = _module("make_sections")
    for page in gen.PAGES:
        text = page.read_text(encoding="utf-8")
        assert gen.sections(text), f"{page.name} has no generated section"
        assert text == gen.render(text), f"docs/{page.name} is stale: run python docs/make_sections.py"


def test_cli_page_exit_statuses_of_apl_translate(tmp_path):
    """What docs/cli.md says apl translate exits with."""
    import subprocess
    import sys

    def status(*args):
        return subprocess.run([sys.executable, "-m", "apl", "translate", *args], capture_output=True,
                              cwd=tmp_path, timeout=60, check=False).returncode

    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert "exits 0 when it wrote the module, 1 when the APL cannot be translated" in page
    assert status("-e", "{⍵×2}") == 0
    assert status("-e", "'abc'") == 1  # characters: a NONCE ERROR
    assert status(str(tmp_path / "no-such-file.apl")) == 2


def test_the_examples_page_shows_hello_apl_as_it_is():
    """docs/examples.md's tour is examples/hello.apl, line for line (its comments left out)."""
    snippets = _module("snippets")
    hello = (DOCS.parent / "examples" / "hello.apl").read_text(encoding="utf-8")
    lines = [line.split("⍝")[0].rstrip() for line in hello.splitlines() if not line.startswith("⍝")]
    block = snippets.blocks((DOCS / "examples.md").read_text(encoding="utf-8"))[0]
    assert [e.source.rstrip() for e in snippets.session(block.body)] == [line for line in lines if line]


def test_the_home_page_links_every_page():
    import re

    home = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([\w-]+\.md)", home))
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    assert pages <= linked, f"docs/index.md does not link {sorted(pages - linked)}"
