"""The dask backend: choosing it, what comes back, laziness (what is computed while APL builds a
result), errors found when chunks are computed, the memory limit (never a silent load of an
array into memory: NONCE ERROR naming the primitive), opening data on disk, the contract.
Skipped without the dask extra."""
import inspect
import subprocess
import sys

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
import dask  # noqa: E402
from dask.callbacks import Callback  # noqa: E402

import apl  # noqa: E402
from apl.backends import Backend, backend_of, is_array, make_backend  # noqa: E402
from apl.backends.dask_backend import DaskBackend, memory_limit, open_array  # noqa: E402
from apl.errors import DomainError, NonceError  # noqa: E402


@pytest.fixture(autouse=True)
def _threads():
    with dask.config.set(scheduler="threads"):
        yield


class Computes(Callback):
    """Counts the computations dask runs, and the size of each one's graph."""

    def __init__(self):
        super().__init__()
        self.graphs = []

    def _start(self, dsk):
        self.graphs.append(len(dsk))


RNG = np.random.default_rng(7)
XS = RNG.random((400, 60))
YS = RNG.random((60, 5))


def _data():
    return da.from_array(XS, chunks=(50, 60)), da.from_array(YS, chunks=(30, 5))


# ------------------------------------------------------------------ the contract
def test_implements_the_contract():
    assert issubclass(DaskBackend, Backend) and not DaskBackend.__abstractmethods__
    public = {n for n, v in inspect.getmembers(DaskBackend) if not n.startswith("_") and callable(v)
              and not isinstance(v, type) and n not in Backend.ATTRIBUTES}
    contract = {n for n, v in inspect.getmembers(Backend) if not n.startswith("_") and callable(v)
                and not isinstance(v, type) and n not in Backend.ATTRIBUTES}
    assert public == contract
    for name in contract:
        want = list(inspect.signature(getattr(Backend, name)).parameters)
        assert list(inspect.signature(getattr(DaskBackend, name)).parameters) == want, name
    bk = make_backend("dask")
    assert bk.lazy and bk.name == "dask" and bk.key() == "dask"


def test_members_agree_with_numpy():
    bk = make_backend("dask")
    a = np.array([[1, 2], [3, 4]])
    x = bk.from_numpy(a)
    assert bk.owns(x) and backend_of(x) is bk and is_array(x)
    assert [int(v) for v in bk.items(x)] == [1, 2, 3, 4]
    assert np.array_equal(bk.to_numpy(bk.major_cells(x)[1]), a[1])
    assert bk.host_values(x).dtype == np.int64 and np.array_equal(bk.to_numpy(x), a)
    assert bk.absmax(bk.from_numpy(np.array([3.0, -4.0]))) == 4.0
    assert float(bk.to_numpy(bk.sum_of_squares(bk.from_numpy(np.array([3.0, 4.0]))))) == 25.0
    assert bk.sum_of_squares(bk.from_numpy(np.array([1e200]))) is None
    assert bk.int_scalars(bk.scalar(2, bk.INT), bk.scalar(True, bk.BOOL)) == (2, 1)
    s, k = np.array([1, 3, 5, 7]), np.array([0, 3, 8])
    assert np.array_equal(bk.to_numpy(bk.searchsorted(bk.from_numpy(s), bk.from_numpy(k), "right")),
                          np.searchsorted(s, k, side="right"))
    m = np.array([[2, 1], [1, 1], [2, 1]])
    u, first, inv = bk.unique_rows(bk.from_numpy(m))
    assert np.array_equal(bk.to_numpy(first), [1, 0]) and np.array_equal(bk.to_numpy(inv), [1, 0, 1])
    c = da.from_array(np.array([3, 1, 4, 1, 5]), chunks=2)
    assert np.array_equal(bk.to_numpy(bk.cummax(c, 0)), [3, 3, 4, 4, 5])
    assert np.array_equal(bk.to_numpy(bk.cummin(c, 0)), [3, 1, 1, 1, 1])


# ------------------------------------------------------------------ choosing it, what comes back
def test_dask_arrays_choose_the_backend_and_results_are_numpy():
    X, _ = _data()
    r = apl.evaluate("(+/,X×X)*0.5", X=X)
    assert isinstance(r, np.float64) and np.isclose(r, np.sqrt((XS * XS).sum()))
    s = apl.Session()
    s["X"] = X
    assert s.backend == "dask"
    assert isinstance(s.eval("+⌿X"), np.ndarray)
    lazy = s.eval("+⌿X", compute=False)
    assert isinstance(lazy, da.Array) and np.allclose(lazy.compute(), XS.sum(0))


def test_explicit_backends():
    assert apl.Session(backend="dask").backend == "dask"
    with pytest.raises(DomainError):
        apl.Session(backend="numpy").bind(X=_data()[0])
    with pytest.raises(DomainError):
        make_backend("dask", device="cuda")
    assert isinstance(apl.evaluate("⍳5", backend="dask", compute=False), da.Array)
    s = apl.Session()
    s.eval("v←⍳4")
    s.set_backend("dask")
    assert isinstance(s.eval("v", compute=False), da.Array)
    s.set_backend("numpy")
    assert isinstance(s.eval("v", compute=False), np.ndarray)


def test_numpy_and_memmaps_open_chunked(tmp_path):
    s = apl.Session(backend="dask")
    s["A"] = XS  # a NumPy array given to a dask session: chunks
    assert isinstance(s.eval("A", compute=False), da.Array)
    path = tmp_path / "x.npy"
    np.save(path, XS)
    X = open_array(path, chunks=(100, 60))
    assert X.numblocks == (4, 1)
    assert np.isclose(apl.evaluate("+/,X", X=X), XS.sum())


def test_zarr_store(tmp_path):
    zarr = pytest.importorskip("zarr")
    z = zarr.open(str(tmp_path / "x.zarr"), mode="w", shape=XS.shape, chunks=(100, 60), dtype="f8")
    z[:] = XS
    X = open_array(tmp_path / "x.zarr")
    assert X.chunks[0] == (100,) * 4
    assert np.allclose(apl.evaluate("(+⌿X)÷≢X", X=X), XS.mean(0))


def test_a_function_hands_back_dask_arrays():
    X, _ = _data()
    norm = apl.function("{(+/,⍵×⍵)*0.5}")
    r = norm(X)
    assert isinstance(r, da.Array) and np.isclose(float(r.compute()), np.sqrt((XS * XS).sum()))


# ------------------------------------------------------------------ laziness
CHUNKED = ["X×2", "X-1", "X÷X+1", "*X", "|X-0.5", "X*2", "2*X", "X>0.5", "X=X", "X⌈1-X", "⌽X", "⊖X", "⍉X",
           "X,X", "X⍪X", "10 10⍴X", ",X", "+\\X", "+⍀X", "X∘.×1 2", "X[;2 3]", "{⍵×2}⍤1⊢X",
           "{⍵÷+/⍵}⍤1⊢X", "(⍴X)⍴X", "⌽[1]X", "X+⍤1⊢⍳60"]


@pytest.mark.parametrize("src", CHUNKED)
def test_nothing_large_is_computed_while_building(src):
    """Chunked primitives build a graph: what they compute while building (a control value, a
    probe cell, a settled small result) is never the data itself."""
    X, Y = _data()
    c = Computes()
    with c:
        r = apl.evaluate(src, X=X, Y=Y, compute=False)
    assert isinstance(r, da.Array)
    assert all(n < 12 for n in c.graphs), c.graphs  # small graphs only: no pass over X's 8 chunks
    want = apl.evaluate(src, X=XS, Y=YS)
    assert np.allclose(r.compute(), want)


@pytest.mark.parametrize("src", ["(+/,X×X)*0.5", "(+⌿X)÷≢X", "(+/X)*0.5", "⌈/X", "X+.×Y"])
def test_a_reduction_is_computed_once(src):
    """A small result of a reduction or product is computed when it is made (one pass over X);
    what follows reads it at no cost."""
    X, Y = _data()
    c = Computes()
    with c:
        r = apl.evaluate(src, X=X, Y=Y)
    big = [n for n in c.graphs if n >= 12]
    assert len(big) == 1, c.graphs
    assert np.allclose(r, apl.evaluate(src, X=XS, Y=YS))


def test_errors_surface_when_chunks_are_computed():
    X, _ = _data()
    Z = X.copy()
    Z[123, 4] = 0.0
    r = apl.evaluate("1÷Z", Z=Z, compute=False)  # built: nothing read yet
    with pytest.raises(DomainError, match="divide by zero"):
        r.compute()
    with pytest.raises(DomainError):
        apl.evaluate("1÷Z", Z=Z)
    with pytest.raises(DomainError):
        apl.evaluate("+/,(X+1)*1E300", X=X)
    with pytest.raises(DomainError):
        apl.evaluate("⍟Z", Z=Z)


# ------------------------------------------------------------------ the memory limit
@pytest.fixture
def small_limit(monkeypatch):
    """A memory limit below the data's size, and np.asarray of a large dask array made to fail:
    nothing may bring the data into memory."""
    original = da.Array.__array__

    def guarded(self, *args, **kwargs):
        if self.nbytes > 64_000:
            raise AssertionError(f"a dask array of {self.nbytes} bytes went through np.asarray")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(da.Array, "__array__", guarded)
    with dask.config.set({"apl.memory-limit": "64kB"}):
        assert memory_limit() == 64_000
        yield


@pytest.mark.parametrize("src,glyph", [("⍋,X", "⍋"), ("∪,X", "∪"), ("X⍳X", "⍳"), ("X∊X", "∊"), ("⍸,X∘.≥0 0 0", "⍸"),
                                       ("↓X", "↓"), ("⍕X", "⍕"), ("⌹X", "⌹"), ("X", "reading"),
                                       ("{≢⍵}⌸,X", "⌸"), ("{+/,⍵}⌺3 3⊢X", "⌺")])
def test_over_the_limit_is_nonce_naming_the_primitive(small_limit, src, glyph):
    X, _ = _data()
    with pytest.raises(NonceError, match=glyph) as e:
        apl.evaluate(src, X=X)
    assert "memory" in str(e.value)


@pytest.mark.parametrize("src", ["(+/,X×X)*0.5", "(+⌿X)÷≢X", "+/+/X", "⌈/,X", "+/,{⍵÷+/⍵}⍤1⊢X",
                                 "+/,(X[;1]>0.5)⌿X", "+/,X[⍳100;]", "+/,(60⍴1 0 1)/X", "+/,⌽X"])
def test_under_a_small_limit_chunked_work_runs(small_limit, src):
    X, _ = _data()
    assert np.allclose(apl.evaluate(src, X=X), apl.evaluate(src, X=XS))


def test_under_the_limit_whole_array_work_runs():
    X, _ = _data()
    for src in ["⍋X[;1]", "∪⌊10×X[;1]", "X[;1]⍳X[5;1]", "⊃↓2 3↑X", "⍕2 2↑X"]:
        assert np.array_equal(apl.evaluate(src, X=X), apl.evaluate(src, X=XS)), src


# ------------------------------------------------------------------ the command line
def test_cli_backend_dask():
    out = subprocess.run([sys.executable, "-m", "apl", "--backend", "dask", "-e", "(+/⍳100)÷2"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2525"


def test_repl_backend_dask():
    out = subprocess.run([sys.executable, "-m", "apl"], input="]backend dask\nX←?300 300⍴0\n⍴X\n(+/,X×X)>0\n",
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == ["backend dask on cpu", "300 300", "1"]
    assert "Completed" not in out.stderr  # the progress bar is for a terminal


def test_import_apl_does_not_import_dask():
    code = "import sys, apl; apl.evaluate('+/⍳10'); print('dask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr
