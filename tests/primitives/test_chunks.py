"""Long NumPy operations run in steps (apl/primitives/chunks.py): the same values and types as in
one call, and an interrupt that lands between steps."""
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from apl_values import same

import apl
from apl.primitives import chunks


@pytest.fixture
def small_steps(monkeypatch):
    """Steps of 7 items, so that ordinary arrays are long."""
    monkeypatch.setattr(chunks, "CHUNK", 7)
    monkeypatch.setattr(chunks, "REDUCE_CHUNK", 7)


@pytest.mark.parametrize("src", [
    "1+⍳100", "(⍳100)×⍳100", "÷1+⍳50", "2*⍳70",  # the last steps overflow int64: floats, as at once
    "(⍳40)=⌽⍳40", "-1.5×⍳33", "⍳1000", "+/⍳1000", "×/1+40⍴0.5", "⌈/⍳100", "⌊/⌽⍳100",
    "∧/100⍴1", "∨/1,99⍴0", "+/100⍴2*61", "+/(50⍴2*62),50⍴¯1", "|¯50+⍳100", "○⍳20", "3|⍳30",
])
def test_steps_give_what_one_call_gives(src, small_steps, monkeypatch):
    stepped = apl.evaluate(src)
    monkeypatch.setattr(chunks, "CHUNK", 1 << 40)
    monkeypatch.setattr(chunks, "REDUCE_CHUNK", 1 << 40)
    whole = apl.evaluate(src)
    same(stepped, whole, exact_type=True)


def test_the_steps_only_apply_to_long_numpy_arrays():
    assert not chunks.long(np.zeros(chunks.CHUNK)) and chunks.long(np.zeros(chunks.CHUNK + 1))
    assert not chunks.long(np.zeros((), dtype=object))


def test_ctrl_c_during_a_long_reduction_lands_within_half_a_second():
    env = {**os.environ, "APL_MAXWS": "16G"}  # room for ⍳1E9 (8 GB, most never touched)
    # ⌈/: +/⍳N is computed in closed form (runtime/idioms.py), without making the indices
    p = subprocess.Popen([sys.executable, "-m", "apl", "-e", "⌈/⍳1E9"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(2.0)  # started, and busy with ⍳1E9
    assert p.poll() is None
    t0 = time.perf_counter()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    landed = time.perf_counter() - t0
    assert p.returncode == 130 and err.strip().endswith("INTERRUPT")
    assert landed <= 0.5, f"the interrupt took {landed:.2f} s to land"
