""")save and )load files: all or nothing, checked against truncation, large arrays in a binary
sidecar (apl/repl/wsfile.py)."""
import pickle

import numpy as np
import pytest

from apl.repl.core import Repl
from apl.repl.wsfile import SIDECAR_ITEMS


def drive(text, repl=None):
    out = []
    repl = repl or Repl(write=out.append)
    repl._write = out.append
    for line in text.split("\r"):
        if line:
            repl.execute(line)
    return out, repl


def _kept(tmp_path, data: bytes, name="bad.apl"):
    """Load a file after keep←99: what the session shows, and whether keep is still there."""
    path = tmp_path / name
    path.write_bytes(data)
    out, repl = drive(f"keep←99\r)load {path}\r")
    return out, repl.session.eval("keep") if "keep" in repl.session else None


@pytest.mark.parametrize("data", [
    bytes(range(256)),                                   # binary
    pickle.dumps({"x": [1, 2, 3]}),                      # a pickle
    "x←1\ny←(2\n".encode(),                              # a syntax error
    b"x\xe2\x86\x901\n\xff\xfe\n",                       # not UTF-8
    "x←1\n1 2+1 2 3\n".encode(),                         # an error when it runs
], ids=["binary", "pickle", "syntax", "utf-8", "runtime"])
def test_a_bad_file_leaves_the_workspace_as_it_was(tmp_path, data):
    out, keep = _kept(tmp_path, data)
    assert keep == 99
    assert "nothing loaded" in out[0]
    assert out[0].split(":")[0] in ("DOMAIN ERROR", "SYNTAX ERROR", "LENGTH ERROR")


def test_the_error_names_the_line(tmp_path):
    out, _ = _kept(tmp_path, "a←1\nb←2\nc←(3\n".encode())
    assert "line 3" in out[0]
    out, _ = _kept(tmp_path, b"a\xe2\x86\x901\nb\xe2\x86\x902\n\xff\n")
    assert ":3: not UTF-8" in out[0]


def test_a_truncated_workspace_is_refused(tmp_path):
    path = tmp_path / "ws.apl"
    drive(f"x←⍳100\rf←{{⍵+1}}\r)save {path}\r")
    text = path.read_text(encoding="utf-8")
    for cut in (len(text) // 2, len(text) - 5):
        (tmp_path / "cut.apl").write_text(text[:cut], encoding="utf-8")
        out, keep = _kept(tmp_path, text[:cut].encode(), "cut.apl")
        assert keep == 99 and "truncated" in out[0]


def test_an_altered_workspace_is_refused_and_an_old_one_still_loads(tmp_path):
    path = tmp_path / "ws.apl"
    drive(f"x←1 2 3\r)save {path}\r")
    altered = path.read_text(encoding="utf-8").replace("x←1 2 3", "x←1 2 4")
    out, keep = _kept(tmp_path, altered.encode(), "altered.apl")
    assert keep == 99 and "altered" in out[0]
    old = "⍝ apl workspace, saved 2026-01-01T00:00:00\nx←1 2 3\nf←{⍵×2}\n"  # the format before the marker
    out, keep = _kept(tmp_path, old.encode(), "old.apl")
    assert keep is None and out[0].startswith(f"{tmp_path / 'old.apl'} saved")
    out, repl = drive(f")load {tmp_path / 'old.apl'}\rf x\r")
    assert out[-1] == "2 4 6"


def test_large_arrays_go_to_a_sidecar_and_come_back_exactly(tmp_path):
    path = tmp_path / "big.apl"
    n = SIDECAR_ITEMS
    out, repl = drive(f"i←?{n}⍴1000\rf←{n}⍴0.5 1.25\rb←{n}⍴1 0 1\rc←{n}⍴'abc'\rz←{n}⍴1J2\rm←100 200⍴⍳7\r"
                      f"small←1 2 3\rg←{{⍵×2}}\r)save {path}\r")
    assert not [x for x in out if x.startswith("warning")]
    sidecar = tmp_path / "big.apl.npz"
    assert sidecar.exists()
    text = path.read_text(encoding="utf-8")
    assert len(text) < 2000 and "small←1 2 3" in text and "g←{⍵×2}" in text
    with np.load(sidecar, allow_pickle=False) as z:
        assert sorted(z.files) == ["b", "c", "f", "i", "m", "z"]
    saved = {k: repl.session[k] for k in "ifbczm"}
    out, fresh = drive(f")load {path}\rg small\r")
    assert out[-1] == "2 4 6"
    for k, v in saved.items():
        got = fresh.session[k]
        assert got.dtype == v.dtype and np.array_equal(got, v), k


def test_a_changed_sidecar_is_refused(tmp_path):
    path = tmp_path / "big.apl"
    drive(f"v←⍳{SIDECAR_ITEMS}\r)save {path}\r")
    sidecar = tmp_path / "big.apl.npz"
    np.savez(sidecar, v=np.arange(5))
    out, keep = _kept(tmp_path, path.read_bytes(), "big.apl")
    assert keep == 99 and "does not match" in out[0]


def test_a_save_without_large_arrays_removes_the_old_sidecar_and_stray_temporaries(tmp_path):
    path = tmp_path / "ws.apl"
    drive(f"v←⍳{SIDECAR_ITEMS}\r)save {path}\r")
    assert (tmp_path / "ws.apl.npz").exists()
    (tmp_path / ".ws.apl.abc123.tmp").write_text("left by a killed save")
    (tmp_path / ".ws.apl.npz.def456.tmp").write_bytes(b"left too")
    drive(f"v←1 2\r)save {path}\r")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ws.apl"]


def test_sidecar_workspaces_load_on_the_torch_backend(tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "t.apl"
    drive(f"v←0.5×⍳{SIDECAR_ITEMS}\r)save {path}\r")
    out, repl = drive(f"]backend torch\r)load {path}\r+/v\r")
    v = repl.session.env.vars["v"]
    assert isinstance(v, torch.Tensor) and v.dtype == torch.float64
    assert float(out[-1].replace("E", "e")) == pytest.approx(0.5 * SIDECAR_ITEMS * (SIDECAR_ITEMS + 1) / 2)


def test_tradfns_are_saved_and_loaded_as_written(tmp_path):
    path = tmp_path / "ws.apl"
    out, repl = drive("∇ r←a plus b;t ⍝ adds\r")
    repl.run("∇ r←a plus b;t ⍝ adds\n t←a+b\n r←t\n∇\n∇ r←answer\n r←42\n∇\n∇ r←(f twice) x\n r←f f x\n∇")
    out, repl = drive(f")save {path}\r)clear\r)load {path}\r2 plus 3\ranswer\r-twice 3\r", repl)
    assert out[-3:] == ["5", "42", "3"]
    text = path.read_text()
    assert "∇r←a plus b;t ⍝ adds\n t←a+b\n r←t\n∇" in text


def test_a_file_whose_definition_does_not_fix_loads_nothing(tmp_path):
    out, keep = _kept(tmp_path, "a←1\n∇ r←f x\n :If x\n r←1\n∇\n".encode())
    assert keep == 99
    assert out[0].startswith("SYNTAX ERROR") and "line 3" in out[0] and "nothing loaded" in out[0]
