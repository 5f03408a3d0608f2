"""docs/lesson.md: every APL and PyTorch snippet runs, and shows the output the page shows.

APL blocks are sessions: input indented six spaces, the output below it flush left (an error shows
its first line). Python blocks are doctests. Each language keeps its names from block to block,
down the page, as a reader typing along would.
"""
import doctest
import re
from pathlib import Path

import pytest

import apl
from apl.display import format_value

PAGE = Path(__file__).resolve().parents[2] / "docs" / "lesson.md"
BLOCK = re.compile(r"^```(apl|python)\n(.*?)^```", re.S | re.M)


def blocks(lang):
    return [m.group(2) for m in BLOCK.finditer(PAGE.read_text(encoding="utf-8")) if m.group(1) == lang]


def apl_examples(block):
    """(input line, expected output text) for each input of a session block."""
    out, current = [], None
    for line in block.splitlines():
        if line.startswith("      "):
            current = [line[6:], []]
            out.append(current)
        elif current is not None:
            current[1].append(line)
    return [(src, "\n".join(lines).rstrip()) for src, lines in out]


def run_apl(session, src):
    shown = []
    try:
        session.run(src, lambda v, shy: shown.append(format_value(v)) if not shy else None)
    except apl.APLError as e:
        shown.append(str(e).splitlines()[0])
    return "\n".join(shown).rstrip()


def test_the_page_has_both_languages_side_by_side():
    assert len(blocks("apl")) >= 8 and len(blocks("python")) >= 8


def test_every_apl_snippet_shows_its_output():
    s = apl.Session()
    checked = 0
    for block in blocks("apl"):
        for src, want in apl_examples(block):
            got = run_apl(s, src)
            assert got == want, f"docs/lesson.md: {src}\n--- shown ---\n{want}\n--- got ---\n{got}"
            checked += 1
    assert checked >= 25


def test_every_pytorch_snippet_shows_its_output():
    torch = pytest.importorskip("torch")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    globs = {"torch": torch}
    examples = 0
    for k, block in enumerate(blocks("python")):
        test = parser.get_doctest(block, globs, f"lesson.md python block {k + 1}", str(PAGE), 0)
        examples += len(test.examples)
        runner.run(test, clear_globs=False)
        globs = test.globs
    failed, attempted = runner.summarize(verbose=False)
    assert attempted == examples >= 25
    assert failed == 0, "docs/lesson.md: a PyTorch snippet's output differs (the report is above)"
