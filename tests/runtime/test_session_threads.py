"""Settings belong to a session: sessions evaluating at the same time in several threads each see
their own ⎕IO, ⎕CT, ⎕PP and backend (apl/settings.py keeps them in a context variable)."""
import sys
import threading

import numpy as np
import pytest

import apl

ROUNDS = 300


def _run_together(workers):
    """Run each worker(check) in its own thread, all released at once; re-raise the first failure."""
    start = threading.Barrier(len(workers))
    failures = []

    def body(work):
        try:
            start.wait()
            for _ in range(ROUNDS):
                work()
        except BaseException as e:  # noqa: BLE001  (handed to the main thread)
            failures.append(e)

    threads = [threading.Thread(target=body, args=(w,)) for w in workers]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often: inside evaluations, not only between them
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        sys.setswitchinterval(interval)
    assert not any(t.is_alive() for t in threads), "a thread did not finish"
    if failures:
        raise failures[0]


def test_two_numpy_sessions_keep_their_own_system_variables():
    zero = apl.Session()
    zero.eval("⎕IO←0 ⋄ ⎕CT←0 ⋄ ⎕PP←3")
    one = apl.Session()

    def in_zero():
        assert zero.eval("⍳3").tolist() == [0, 1, 2]
        assert zero.eval("1=1+1E¯15") == 0  # no tolerance
        assert "".join(zero.eval("⍕○1")) == "3.14"
        assert zero.eval("{⍳⍵}2").tolist() == [0, 1]

    def in_one():
        assert one.eval("⍳3").tolist() == [1, 2, 3]
        assert one.eval("1=1+1E¯15") == 1  # ⎕CT 1E¯14
        assert "".join(one.eval("⍕○1")) == "3.141592654"
        assert one.eval("{⍳⍵}2").tolist() == [1, 2]

    _run_together([in_zero, in_one])


def test_a_dfn_that_sets_io_in_one_thread_leaves_the_other_alone():
    local = apl.Session()
    local.eval("f←{⎕IO←0 ⋄ ⍳⍵}")
    plain = apl.Session()

    _run_together([
        lambda: np.testing.assert_array_equal(local.eval("f 3"), [0, 1, 2]),
        lambda: np.testing.assert_array_equal(plain.eval("⍳3"), [1, 2, 3]),
    ])
    assert local.eval("⎕IO") == 1


def test_numpy_and_torch_sessions_at_once():
    torch = pytest.importorskip("torch")
    before = torch.get_default_dtype()
    f64 = apl.Session(backend="torch")
    f32 = apl.Session(backend="torch", dtype=torch.float32)
    f32.eval("⎕IO←0")
    host = apl.Session()

    def in_f64():
        r = f64.eval("÷⍳3")
        assert isinstance(r, torch.Tensor) and r.dtype == torch.float64
        assert f64.eval("1.5×⍳2").dtype == torch.float64

    def in_f32():
        r = f32.eval("÷1+⍳3")
        assert isinstance(r, torch.Tensor) and r.dtype == torch.float32
        assert f32.eval("⍳2").tolist() == [0, 1]

    def in_numpy():
        r = host.eval("÷⍳3")
        assert isinstance(r, np.ndarray) and r.dtype == np.float64

    _run_together([in_f64, in_f32, in_numpy])
    assert torch.get_default_dtype() == before


def test_a_float32_function_inside_a_float64_evaluation_in_one_thread():
    """Each evaluation makes floats in its own session's dtype; torch's default is never touched."""
    torch = pytest.importorskip("torch")
    from apl.settings import using

    before = torch.get_default_dtype()
    half = apl.function("{⍵÷2}", dtype=torch.float32)
    s = apl.Session(backend="torch")
    with using(s.settings):
        assert torch.get_default_dtype() == before
        assert half(torch.ones(2)).dtype == torch.float32
        assert half(torch.arange(3)).dtype == torch.float32  # integers made floats: float32
        assert s.eval("÷2").dtype == torch.float64
        assert s.eval("÷⍳3").dtype == torch.float64
    assert torch.get_default_dtype() == before


def test_float32_and_float64_sessions_make_integers_floats_at_once():
    """Integers made floats (÷, ○) in each session's precision, while both evaluate."""
    torch = pytest.importorskip("torch")
    f64 = apl.Session(backend="torch")
    f32 = apl.Session(backend="torch", dtype=torch.float32)
    want = (1 / torch.arange(1, 4, dtype=torch.float64), torch.pi * torch.arange(1, 4, dtype=torch.float64))

    def in_f64():
        r, p = f64.eval("÷⍳3"), f64.eval("○⍳3")
        assert r.dtype == p.dtype == torch.float64
        assert torch.equal(r, want[0]) and torch.equal(p, want[1])

    def in_f32():
        r, p = f32.eval("÷⍳3"), f32.eval("○⍳3")
        assert r.dtype == p.dtype == torch.float32

    _run_together([in_f64, in_f32])
