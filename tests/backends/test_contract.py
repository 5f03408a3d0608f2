"""The backend contract (apl/backends/contract.py): NumPy and torch implement all of it, offer
nothing outside it, and agree on what its members give back."""
import inspect

import numpy as np
import pytest

from apl.backends import NUMPY, Backend, NumpyBackend, backend_of, device_of, is_array, one_device
from apl.errors import DomainError

torch = pytest.importorskip("torch")
from apl.backends.torch_backend import TorchBackend  # noqa: E402

CLASSES = [NumpyBackend, TorchBackend]


def _public_methods(cls) -> set:
    return {n for n, v in inspect.getmembers(cls) if not n.startswith("_") and callable(v)
            and not isinstance(v, type) and n not in Backend.ATTRIBUTES}


CONTRACT = _public_methods(Backend)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_implements_every_abstract_member(cls):
    assert issubclass(cls, Backend)
    assert not cls.__abstractmethods__, f"{cls.__name__} leaves out {sorted(cls.__abstractmethods__)}"
    bk = cls()
    for name in Backend.ATTRIBUTES:
        assert hasattr(bk, name), f"{cls.__name__} has no {name}"
    assert isinstance(bk.name, str) and bk.xp is not None and isinstance(bk.array_type, type)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_methods_are_the_contract(cls):
    """Every public method is one of the contract's (nothing a primitive could call on one
    backend only), and takes the contract's parameters."""
    assert _public_methods(cls) == CONTRACT
    for name in CONTRACT:
        want = list(inspect.signature(getattr(Backend, name)).parameters)
        got = list(inspect.signature(getattr(cls, name)).parameters)
        assert got == want, f"{cls.__name__}.{name}{got} differs from the contract's {want}"


def test_method_sets_agree():
    assert _public_methods(NumpyBackend) == _public_methods(TorchBackend)


def test_contract_is_documented():
    """Every member has a docstring in the contract, and docs/backends.md lists them."""
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "backends.md").read_text(encoding="utf-8")
    for name in CONTRACT:
        assert inspect.getdoc(getattr(Backend, name)), f"Backend.{name} has no docstring"
        assert f"`{name}" in page or f" {name} " in page or f" {name}`" in page, f"{name} not in docs/backends.md"


# ------------------------------------------------------------------ the members agree
TB = TorchBackend()


def _np(x):
    return TB.to_numpy(x) if isinstance(x, torch.Tensor) else np.asarray(x)


def _pair(a):
    a = np.asarray(a)
    return [(NUMPY, a), (TB, TB.from_numpy(a))]


@pytest.mark.parametrize("values", [[3, 1, 2], [[1.5, 2.0], [3.0, -4.0]], [True, False], [1j, 2.0]])
def test_items_cells_elements(values):
    for bk, x in _pair(values):
        a = np.asarray(values)
        assert bk.owns(x) and backend_of(x).name == bk.name
        items = bk.items(x)
        assert len(items) == a.size
        assert [complex(_np(v)) for v in items] == [complex(v) for v in a.reshape(-1)]
        cells = bk.major_cells(x)
        assert len(cells) == a.shape[0] and all(bk.owns(c) for c in cells)
        assert all(np.array_equal(_np(c), a[i]) for i, c in enumerate(cells))
        e = bk.element(x, (0,) * a.ndim)
        assert bk.owns(e) and e.ndim == 0 and complex(_np(e)) == complex(a.reshape(-1)[0])
        obj = bk.to_object(x)
        assert obj.dtype == object and obj.shape == a.shape
        assert bk.dtype_kind(x.dtype) == a.dtype.kind


def test_conversions():
    a = np.array([[1, 2], [3, 4]])
    for bk, x in _pair(a):
        c = bk.copy(x)
        c[0, 0] = 9
        assert _np(x)[0, 0] == 1  # a copy is a new array
        h = bk.host_values(x)
        assert type(h) is np.ndarray and h.dtype == np.int64 and np.array_equal(h, a)
        assert np.array_equal(bk.to_numpy(x), a)
        assert bk.owns(bk.asarray([1, 2])) and bk.owns(bk.scalar(np.True_, bk.BOOL))
        assert bk.owns(bk.from_numpy(a)) and bk.owns(bk.adopt(x))
    assert TB.adopt(torch.tensor([1, 2], dtype=torch.int32)).dtype == torch.int64
    assert NUMPY.adopt(np.array([1, 2], dtype=np.int32)).dtype == np.int64
    assert TB.host_values(torch.tensor([1.5, 2.5])).dtype == np.float64


def test_absmax_of_the_most_negative_integer():
    for bk, x in _pair(np.array([-2**63, 5], dtype=np.int64)):
        assert bk.absmax(x) == 2.0**63  # (-(¯2*63) wraps in int64: read as floats)


def test_reads():
    for bk, x in _pair(np.array([3.0, -4.0])):
        assert bk.all_finite(x) and bk.absmax(x) == 4.0
        assert float(_np(bk.sum_of_squares(x))) == 25.0
        assert bk.sum_of_squares(bk.from_numpy(np.array([1, 2]))) is None  # integers: the primitives'
        assert bk.sum_of_squares(bk.from_numpy(np.array([1e200]))) is None  # not finite
        assert bk.int_scalars(bk.from_numpy(np.array(2)), bk.from_numpy(np.array(True))) == (2, 1)
        assert bk.int_scalars(bk.from_numpy(np.array(2.0)), bk.from_numpy(np.array(1))) is None


@pytest.mark.parametrize("n", [5, 300])
def test_searchsorted(n):
    rng = np.random.default_rng(n)
    s = np.sort(rng.integers(0, 50, n))
    keys = rng.integers(-5, 55, n)
    want = np.searchsorted(s, keys, side="right")
    for bk, (ss, kk) in [(NUMPY, (s, keys)), (TB, (TB.from_numpy(s), TB.from_numpy(keys)))]:
        assert np.array_equal(_np(bk.searchsorted(ss, kk, "right")), want)
        assert np.array_equal(_np(bk.searchsorted(ss, kk, "right", bk.xp.argsort(kk))), want)


def test_helpers_ask_the_backend():
    t, a = torch.tensor([1, 2]), np.array([1, 2])
    assert backend_of(a) is NUMPY and backend_of(a, t).name == "torch"
    assert device_of(a) is None and device_of(a, t) == t.device and device_of(3, "x") is None
    assert is_array(a) and is_array(t) and not is_array(3) and not is_array("a")
    assert one_device([1, [a, (t,)]]) == t.device and one_device([a, "b"]) is None
    if torch.cuda.is_available():
        with pytest.raises(DomainError):
            one_device([t, torch.zeros(1, device="cuda")])
