"""Every example on the documentation pages runs and shows what the page shows.

docs/snippets.py states the convention: ```apl blocks are sessions (input indented six spaces,
what the session shows below it, an error by its first line), or source that must run; ```python
blocks holding >>> are doctests; a block marked `<!-- not checked: REASON -->` is skipped. The
pages of one file run in one session, top to bottom.
"""
import doctest
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def _module(name):
    """docs/NAME.py, loaded as the module docs_NAME (the docs folder is no package)."""
    if f"docs_{name}" in sys.modules:
        return sys.modules[f"docs_{name}"]
    spec = importlib.util.spec_from_file_location(f"docs_{name}", DOCS / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


snippets = _module("snippets")

# the pages: docs/, the README and the pages the site mounts from examples/ and bench/
PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md", ROOT / "bench" / "README.md"] + sorted(
    ROOT.glob("examples/*/README.md"))


def _name(path):
    return path.relative_to(ROOT).as_posix()


def _blocks(path, lang):
    return [b for b in snippets.blocks(path.read_text(encoding="utf-8")) if b.lang == lang]


@pytest.mark.parametrize("path", [p for p in PAGES if _blocks(p, "apl")], ids=_name)
def test_every_apl_example_shows_what_the_page_shows(path):
    runner = snippets.Runner()
    failures, checked = [], 0
    for block in _blocks(path, "apl"):
        if block.unchecked:
            continue
        entries = snippets.session(block.body)
        if not entries:  # source: it must run
            errors = runner.run_source(block.body)
            if errors:
                failures.append(f"line {block.line}: the source block fails: {errors[0]}\n{block.body}")
            checked += 1
            continue
        for e in entries:
            got = runner.show(e.source)
            checked += 1
            if got != e.shown:
                failures.append(f"line {block.line}: {e.source}\n--- the page shows ---\n" + "\n".join(e.shown)
                                + "\n--- the session shows ---\n" + "\n".join(got))
    assert checked, f"{_name(path)}: no APL example was checked"
    assert not failures, f"{_name(path)}: {len(failures)} example(s) differ\n\n" + "\n\n".join(failures)


@pytest.mark.parametrize("path", [p for p in PAGES if any(">>>" in b.body for b in _blocks(p, "python"))],
                         ids=_name)
def test_every_python_doctest_shows_what_the_page_shows(path):
    torch = pytest.importorskip("torch")
    import numpy as np

    import apl

    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    globs = {"torch": torch, "np": np, "apl": apl}
    attempted = 0
    for block in _blocks(path, "python"):
        if block.unchecked or ">>>" not in block.body:
            continue
        test = parser.get_doctest(block.body, globs, f"{_name(path)} line {block.line}", str(path), block.line)
        runner.run(test, clear_globs=False)
        globs = test.globs
        attempted += len(test.examples)
    failed, _ = runner.summarize(verbose=False)
    assert attempted
    assert failed == 0, f"{_name(path)}: a Python example's output differs (the report is above)"


def test_the_convention_reads_sessions_sources_and_marks():
    text = """```apl
      x←1 2
      x+1
2 3
      {
        ⍵
      }5
5
      1 2+1 2 3
LENGTH ERROR: argument shapes differ
```
<!-- not checked: prints a time -->
```apl
      ⎕TS
```
```apl
f←{⍵×2}
```
"""
    first, marked, source = snippets.blocks(text)
    entries = snippets.session(first.body)
    assert [e.source for e in entries] == ["x←1 2", "x+1", "{\n  ⍵\n}5", "1 2+1 2 3"]
    assert [e.shown for e in entries] == [[], ["2 3"], ["5"], ["LENGTH ERROR: argument shapes differ"]]
    assert marked.unchecked == "prints a time" and first.unchecked is None
    assert snippets.session(source.body) == []
    runner = snippets.Runner()
    assert [runner.show(e.source) for e in entries] == [e.shown for e in entries]
    with pytest.raises(ValueError):
        snippets.session("1 2\n      x\n")


def test_the_pages_have_examples_to_check():
    apl_blocks = sum(len([b for b in _blocks(p, "apl") if not b.unchecked]) for p in PAGES)
    assert apl_blocks >= 150
    tutorial = _blocks(DOCS / "tutorial.md", "apl")
    assert len(tutorial) >= 12 and not any(b.unchecked for b in tutorial)
