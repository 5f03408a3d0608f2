"""kernels.partition: (v<s)/v, (v=s)/v and (v>s)/v at once, exactly NumPy's three sieves."""
import numpy as np
import pytest

from apl import kernels
from apl.kernels import partition


def _arrays(rng):
    yield rng.integers(-9, 9, 50)
    yield rng.integers(0, 10**6, 1000)
    yield np.zeros(0, dtype=np.int64)
    yield np.full(7, 3, dtype=np.int64)
    yield rng.integers(-9, 9, 60)[::3]  # a view with a stride
    v = rng.integers(-9, 9, 20)
    v.flags.writeable = False  # (APL values are read-only)
    yield v


@pytest.mark.parametrize("compiled", [False, True])
def test_partition_is_the_three_sieves(compiled, monkeypatch):
    if compiled and not kernels.available():
        pytest.skip("Numba is not installed")
    monkeypatch.setattr(partition, "_KERNEL", [None])
    if compiled:
        partition.load()
    else:
        monkeypatch.setattr(partition, "LOAD_AFTER", float("inf"))
    rng = np.random.default_rng(0)
    for v in _arrays(rng):
        for s in (0, 3, -9, 10**7, int(v[0]) if v.size else 1):
            got = partition.partition_int64(v, s)
            want = partition.sieves(v, s)
            for g, w in zip(got, want, strict=True):
                assert g.dtype is np.dtype(np.int64) and np.array_equal(g, w)  # (NumPy's own dtype object)


def test_the_kernel_loads_once_partitions_have_taken_long_enough(monkeypatch):
    monkeypatch.setattr(partition, "_KERNEL", [None])
    monkeypatch.setattr(partition, "_SPENT", [0.0])
    monkeypatch.setattr(partition, "LOAD_AFTER", 0.01)
    v = np.arange(100)
    while partition._KERNEL[0] is None:
        partition.partition_int64(v, 50)
    assert partition._SPENT[0] >= 0.01
    assert np.array_equal(partition.partition_int64(v, 50)[2], np.arange(51, 100))
