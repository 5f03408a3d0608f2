"""The dask backend on a dask.distributed cluster: a LocalCluster of 2 worker processes with a
memory limit each, started and closed here (no outside service). Results are compared with
NumPy; functions given to ⍤ and ¨ travel to the workers; errors found in a chunk on a worker
reach the caller as APL errors. Skipped without the dask extra (distributed)."""
import logging

import numpy as np
import pytest

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

from conformance import canon, difference  # noqa: E402

import apl  # noqa: E402
from apl.errors import DomainError  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # a worker that fails a chunk on purpose (an APL error) logs it: keep the test output quiet
    quiet = [logging.getLogger(n) for n in ("distributed.worker", "distributed.scheduler", "distributed.core")]
    levels = [lg.level for lg in quiet]
    for lg in quiet:
        lg.setLevel(logging.CRITICAL)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="400MiB",
                                       dashboard_address=None, silence_logs=logging.CRITICAL)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()
        for lg, level in zip(quiet, levels):
            lg.setLevel(level)


RNG = np.random.default_rng(11)
XS = RNG.random((600, 40)) - 0.25
YS = RNG.random((40, 6))

EXPRESSIONS = [
    "(+/,X×X)*0.5", "(+⌿X)÷≢X", "X+.×Y", "+/X", "⌈⌿X", "+\\X", "⌊X×10", "|X", "X*2", "⍉X", "⌽X", "⊖X", "X,X",
    "X⍪X", "2↑X", "¯3↓X", "(X[;1]>0)⌿X", "X[3 1 2;5 6]", "{⍵÷+/|⍵}⍤1⊢X", "{(+/⍵)÷≢⍵}¨X[;1]", "+/⍤1⊢X",
    "X-⍤1⊢(+⌿X)÷≢X", "X∘.×1 2 3", "⍋X[;1]", "∪⌊X[;2]×4", "+/,X>0", "(+/÷≢),X",
]


@pytest.mark.parametrize("src", EXPRESSIONS)
def test_cluster_results_match_numpy(client, src):
    X, Y = da.from_array(XS, chunks=(100, 40)), da.from_array(YS, chunks=(20, 6))
    got = apl.evaluate(src, X=X, Y=Y)
    want = apl.evaluate(src, X=XS, Y=YS)
    assert difference(canon(got), canon(want)) is None, difference(canon(got), canon(want))


def test_the_work_ran_on_the_workers(client):
    X = da.from_array(XS, chunks=(100, 40))
    lazy = apl.evaluate("X×2", X=X, compute=False).persist()
    distributed.wait(lazy)
    held = client.who_has(lazy)  # the chunks of the result are held by the workers
    assert len(held) == lazy.npartitions == 6 and all(held.values())
    assert np.allclose(apl.evaluate("+/,L", L=lazy), 2 * XS.sum())


def test_errors_from_a_worker(client):
    Z = da.from_array(np.where(np.arange(600)[:, None] == 333, 0.0, XS), chunks=(100, 40))
    with pytest.raises(DomainError, match="divide by zero"):
        apl.evaluate("+/,1÷Z", Z=Z)
