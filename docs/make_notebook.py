"""Write docs/tutorial.ipynb from docs/tutorial.md: the tutorial as a notebook with `%%apl` cells.

Run it after changing the page:  python docs/make_notebook.py
The page is the source. Its prose becomes Markdown cells; each ```apl session block an `%%apl`
cell (split after an input that shows an error, since an error ends a cell); each ```python
doctest block one cell per example that shows something (with the examples before it); each
```ipython block a cell as it is. The outputs stored in the notebook are the ones the page
shows, so it reads as run on a code host; tests/docs/test_tutorial_notebook.py checks that the
file is current, runs it with nbclient and compares what each cell shows with them.
"""
from __future__ import annotations

import ast
import doctest
import importlib.util
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE = HERE / "tutorial.md"
NOTEBOOK = HERE / "tutorial.ipynb"

_FENCE = re.compile(r"^```([\w+-]*)[^\n]*\n(.*?)^```[ \t]*\n?", re.DOTALL | re.MULTILINE)
_HEADER = ("*This notebook is made from [tutorial.md](tutorial.md) by `docs/make_notebook.py`; the outputs "
           "shown are the page's, and the test suite checks that running it shows them. Run the cells in order "
           "(the first loads the `%%apl` magics).*")


def _snippets():
    if "docs_snippets" not in sys.modules:
        spec = importlib.util.spec_from_file_location("docs_snippets", HERE / "snippets.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
    return sys.modules["docs_snippets"]


def _lines(text: str) -> list[str]:
    """Notebook JSON keeps text as a list of lines, each but the last ending in a newline."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _markdown(text: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": _lines(text.strip("\n"))}


def _code(source: str, outputs=(), tags=()) -> dict:
    meta = {"tags": list(tags)} if tags else {}
    return {"cell_type": "code", "execution_count": None, "metadata": meta, "outputs": list(outputs),
            "source": _lines(source.strip("\n"))}


def _stream(text: str) -> dict:
    return {"name": "stdout", "output_type": "stream", "text": _lines(text + "\n")}


def _apl_cells(body: str) -> list[dict]:
    snippets = _snippets()
    cells, inputs, shown = [], [], []

    def close(error=None):
        outputs = [_stream("\n".join(shown))] if shown else []
        if error:
            outputs.append({"ename": "APLError", "evalue": error, "output_type": "error", "traceback": [error]})
        cells.append(_code("%%apl\n" + "\n".join(inputs), outputs, ("raises-exception",) if error else ()))
        inputs.clear()
        shown.clear()

    for e in snippets.session(body):
        inputs.append(e.source)
        if e.shown and snippets.is_error(e.shown[0]):
            close(e.shown[0])
        else:
            shown.extend(e.shown)
    if inputs:
        close()
    return cells


def _shows_value(source: str) -> bool:
    """Whether the last statement is an expression whose value the notebook displays."""
    try:
        last = ast.parse(source).body[-1]
    except (SyntaxError, IndexError):
        return False
    if not isinstance(last, ast.Expr):
        return False
    call = last.value
    return not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print")


def _python_cells(body: str) -> list[dict]:
    if ">>>" not in body:
        return [_code(body)]
    cells, pending = [], []
    for ex in doctest.DocTestParser().get_examples(body):
        pending.append(ex.source.rstrip("\n"))
        want = ex.want.rstrip("\n").replace("<BLANKLINE>", "")
        if not want:
            continue
        source = "\n".join(pending)
        if _shows_value(source):
            out = {"data": {"text/plain": _lines(want)}, "execution_count": None, "metadata": {},
                   "output_type": "execute_result"}
        else:
            out = _stream(want)
        cells.append(_code(source, [out]))
        pending = []
    if pending:
        cells.append(_code("\n".join(pending)))
    return cells


def cells_of(text: str) -> list[dict]:
    cells, last = [_markdown(_HEADER)], 0
    for m in _FENCE.finditer(text):
        lang, body = m.group(1), m.group(2)
        if lang not in ("apl", "python", "ipython"):
            continue
        prose = text[last:m.start()]
        if prose.strip():
            cells.append(_markdown(prose))
        last = m.end()
        if lang == "apl":
            cells += _apl_cells(body)
        elif lang == "python":
            cells += _python_cells(body)
        else:
            cells.append(_code(body))
    if text[last:].strip():
        cells.append(_markdown(text[last:]))
    for i, c in enumerate(cells):
        c["id"] = f"cell-{i:03d}"
    return cells


def render() -> str:
    nb = {
        "cells": cells_of(PAGE.read_text(encoding="utf-8")),
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    NOTEBOOK.write_text(render(), encoding="utf-8")
    print(f"wrote {NOTEBOOK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
