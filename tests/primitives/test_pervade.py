"""Pervasion (apl/primitives/pervade.py): scalar functions on empty nested arrays keep the
prototype's structure.

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, run_on


# ---------------------------------------------------------------- empty nested arguments
# LRG "Scalar Functions" / prototypes: on empty arguments no function is applied to items; the
# result's prototype is the function applied to the prototypes (then filled), so it keeps the
# structure: ↑-0⍴⊂1 2 is a 0×2 matrix, ⊃(0⍴⊂'ab')='a' is 0 0.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("⍴↑-0⍴⊂1 2", [0, 2]),
    ("⍴↑(0⍴⊂1 2)+1", [0, 2]),
    ("⍴↑1+0⍴⊂1 2 3", [0, 3]),
    ("⍴(0 2⍴⊂1 2)+1", [0, 2]),
    ("⊃(0⍴⊂1 2)+1", [0, 0]),
    ("⊃(0⍴⊂1 2)×0⍴⊂3 4", [0, 0]),
    ("⊃(0⍴⊂'ab')='a'", [0, 0]),
    ("⊃~0⍴⊂0 1", [0, 0]),
    ("⍴⊃(0⍴⊂2 2⍴1)=0⍴⊂2 2⍴1", [2, 2]),
    # the function fails on the prototypes: the structure stays, with numbers
    ("⊃-0⍴⊂'ab'", [0, 0]),
    ("⊃(0⍴⊂1 2)+⊂3 4 5", [0, 0]),
])
def test_scalar_functions_keep_the_prototype_of_empty_nested_arrays(backend, src, exp):
    got = run_on(src, backend)
    assert got.dtype.kind in "biu" and got.tolist() == exp


def test_empty_nested_item_of_empty_nested_result():
    got = run_on("⊃(0⍴⊂(1 2)(3 4))×2")
    assert got.dtype == object and [np.asarray(x).tolist() for x in got] == [[0, 0], [0, 0]]
