"""Axes: an axis that is not one of the argument's is a RANK ERROR for every function and operator
that takes one (Dyalog has no AXIS ERROR), trapped as error 4.

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, check, error_on, run_on, same


# ---------------------------------------------------------------- an invalid axis is a RANK ERROR
# PRG/error-messages/apl-errors lists Dyalog's errors: there is no AXIS ERROR (that is APL2's).
# Dyalog reports an axis that is not one of the argument's as RANK ERROR ("Invalid axis"), e.g.
# (⍳4),[2]5 6 7 8 and ⊂[3]2 3⍴'apple'.
@pytest.mark.parametrize("src", [
    "(⍳4),[2]5 6 7 8",
    "(⍳4),[3]5 6 7 8",
    "⊂[3]2 3⍴'apple'",
    "⌽[3]2 2⍴1",
    "⌽[2]1 2 3",
    "⊖[0]2 2⍴1",
    "1⌽[3]2 3⍴⍳6",
    "2↑[3]2 3⍴⍳6",
    "1↓[3]2 3⍴⍳6",
    "↓[3]2 3⍴⍳6",
    "1 0/[3]2 3⍴⍳6",
    "1 0 1\\[3]2 2⍴⍳4",
    ",[1 3]2 3 4⍴⍳24",
    ",[2.5]1 2 3",
    "1 2 3,[2.5]4 5 6",
    "1⌷[3]2 3⍴⍳6",
    "1 0⊂[3]2 3⍴⍳6",
    "+/[3]2 3⍴1",
])
@pytest.mark.parametrize("backend", BACKENDS)
def test_invalid_axis_is_a_rank_error(src, backend):
    assert error_on(src, backend) == "RANK ERROR"


def test_invalid_axis_is_trapped_as_error_4():
    check("{4::⎕EN ⋄ ⌽[3]⍵}2 2⍴1", 4)
    check("{4::'rank' ⋄ ⊂[3]⍵}2 3⍴⍳6", np.array(list("rank")))


# ---------------------------------------------------------------- invalid axes: fractional, several, empty
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    "⌽[1.5]1 2",          # was DOMAIN ERROR
    "M←2 2⍴⍳4 ⋄ ⌽[1 2]M",  # was LENGTH ERROR
    "⊖[1.5]2 2⍴1",
    "2⌽[1.5]1 2",
    "+/[1.5]2 2⍴1",
    "+/[1 2]2 2⍴1",
    "+\\[1.5]1 2",
    "1 0/[1.5]1 2",
    "⊂[1.5]2 2⍴1",
    "↓[1.5]2 2⍴1",
    "1↑[1.5]1 2",
    "1 2+[1.5]2 2⍴1",
    ",[1.2 1.5]1 2",
    "⌽[⍬]1 2",
    "⌽[2]1 2",
])
def test_invalid_axes_are_rank_errors(src, backend):
    # Dyalog reports "RANK ERROR: Invalid axis" (april#76, april#66)
    assert error_on(src, backend) == "RANK ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_valid_axes_still_work(backend):
    same(run_on(",[0.5]1 2", backend), np.array([[1, 2]]))
    same(run_on("⌽[,1]1 2", backend), np.array([2, 1]))
    same(run_on("+/[1]2 2⍴1", backend), np.array([2, 2]))
    same(run_on("⊂[⍬]1 2", backend), np.array([1, 2]))
