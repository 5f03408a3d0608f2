"""docs/tutorial.ipynb: made from docs/tutorial.md, and running it shows what the page shows.

The notebook is executed with nbclient on a Python kernel of this interpreter (ipykernel), the
`%%apl` cells through the IPython magics (`%load_ext apl`); each cell's output is compared with
the output stored in the notebook, which docs/make_notebook.py takes from the page. Skipped when
nbclient, nbformat, ipykernel or torch is missing (`pip install -e '.[docs]'`).
"""
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _generator():
    spec = importlib.util.spec_from_file_location("docs_make_notebook", DOCS / "make_notebook.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def shown(outputs) -> str:
    """What a cell shows, as text: streams, results (text/plain), an error's first line."""
    parts = []
    for o in outputs:
        kind = o["output_type"]
        if kind == "stream":
            parts.append(_text(o["text"]))
        elif kind in ("execute_result", "display_data"):
            parts.append(_text(o["data"].get("text/plain", "")) + "\n")
        elif kind == "error":
            parts.append(_ANSI.sub("", o["traceback"][0]).split("\n")[0] + "\n")
    return "\n".join(line.rstrip() for line in "".join(parts).rstrip("\n").split("\n"))


def _same(source: str, want: str, have: str) -> bool:
    """APL's display exactly; Python's as doctest compares it (NORMALIZE_WHITESPACE), since
    IPython may wrap a long result where the page has it on one line."""
    if source.startswith("%%apl"):
        return want == have
    return want.split() == have.split()


def test_notebook_is_current():
    gen = _generator()
    text = (DOCS / "tutorial.ipynb").read_text(encoding="utf-8")
    assert text == gen.render(), "docs/tutorial.ipynb is stale: run python docs/make_notebook.py"
    nb = json.loads(text)
    kinds = [c["cell_type"] for c in nb["cells"]]
    apl_cells = [c for c in nb["cells"] if c["cell_type"] == "code" and c["source"][0].startswith("%%apl")]
    assert kinds.count("code") >= 40 and len(apl_cells) >= 12
    assert "".join(nb["cells"][2]["source"]).startswith("%load_ext apl")


def test_notebook_runs_and_shows_what_the_page_shows(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("IPython")
    pytest.importorskip("torch")

    nb = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
    nbformat.validate(nb)
    expected = [shown(c.outputs) for c in nb.cells if c.cell_type == "code"]
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    got = [shown(c.outputs) for c in nb.cells if c.cell_type == "code"]
    sources = ["".join(c.source) for c in nb.cells if c.cell_type == "code"]
    differ = [f"--- cell ---\n{src}\n--- the page shows ---\n{want}\n--- the notebook shows ---\n{have}"
              for src, want, have in zip(sources, expected, got) if not _same(src, want, have)]
    assert not differ, f"{len(differ)} cell(s) of docs/tutorial.ipynb differ from docs/tutorial.md\n" + "\n".join(differ)
