"""The seeded fuzz (tests/fuzz.py), sized for the suite: random token sequences and random
well-formed expressions on both backends, in a child process with limited memory. No input may
leak a Python exception or library text, and the process must not die. For a long run:
`python tests/fuzz.py --seed N --count 100000 --backend torch`."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from apl_values import BACKENDS

FUZZ = Path(__file__).with_name("fuzz.py")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", [20261206, 4])
def test_fuzzed_inputs_give_values_or_apl_errors(backend, seed):
    p = subprocess.run([sys.executable, str(FUZZ), "--seed", str(seed), "--count", "3000", "--backend", backend],
                       capture_output=True, text=True, timeout=300, check=False)
    assert p.returncode in (0, 1), f"the fuzz process died ({p.returncode}): {p.stderr[-2000:]}"
    report = json.loads(p.stdout)
    assert report["leaks"] == []
    assert report["inputs"] == 3000 and sum(report["outcomes"].values()) + report["slow_count"] == 3000
    assert report["outcomes"].get("value", 0) > 600  # the generator makes valid APL, not only noise
