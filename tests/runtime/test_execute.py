"""⍎ (apl/runtime/execute.py): statements run in the caller's environment, what they display, and
⍎ of nothing.

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, error_on, run_on, shown

import apl


# ---------------------------------------------------------------- ⍎'' as a statement
@pytest.mark.parametrize("backend", BACKENDS)
def test_execute_of_nothing_is_no_error_unless_used(backend):
    # LRG/primitive-functions/execute: "⍎Y has no value and using or assigning it to a name
    # will generate VALUE ERROR"
    assert run_on("⍎''", backend) is None
    assert run_on("⍎'   '", backend) is None
    assert run_on("⍎'⍝ a comment'", backend) is None
    assert int(run_on("⍎'' ⋄ 5", backend)) == 5
    assert int(run_on("{⍎'' ⋄ ⍵}3", backend)) == 3
    assert error_on("x←⍎''", backend) == "VALUE ERROR"
    assert error_on("1+⍎''", backend) == "VALUE ERROR"
    assert error_on("{⍎''}3", backend) == "VALUE ERROR"


# ---------------------------------------------------------------- what ⍎ displays
def test_execute_statement_display_follows_dyalog():
    # the page's examples: ⍎'1+1 ⋄ 2+2' shows 2 then 4; A←⍎'1+1 ⋄ 2+2' shows 2
    assert [int(x) for x in shown("⍎'1+1 ⋄ 2+2'")] == [2, 4]
    assert [int(x) for x in shown("A←⍎'1+1 ⋄ 2+2'")] == [2]
    assert shown("⍎''") == []
    # LRG/the-i-beam-operator/execute-expression: ⍎'a←42' is shy
    assert shown("⍎'a←42'") == []
    assert int(run_on("⍎'a←42' ⋄ a")) == 42
    assert int(run_on("{⍎'a←⍵'}3")) == 3  # a dfn ending at a shy statement returns its value
    assert int(run_on("{⍎'a←⍵' ⋄ a+1}3")) == 4


# ---------------------------------------------------------------- ⍎ shows the values before the last
# LRG/primitive-functions/execute: "R is the result (if any) of the last-executed sub-expression
# and the non-shy results of all preceding expressions (that are not assigned within the
# expression) are displayed": 4=⍎'1+1 ⋄ 2+2' shows 2 and gives 1.
@pytest.mark.parametrize("backend", BACKENDS)
def test_execute_displays_the_earlier_statements(backend):
    shown = []
    s = apl.Session(backend=backend, output=lambda v: shown.append(np.asarray(v).tolist()))
    assert int(s.eval("4=⍎'1+1 ⋄ 2+2'")) == 1
    assert shown == [2]
    shown.clear()
    assert int(s.eval("A←⍎'1+1 ⋄ x←3 ⋄ 2+2' ⋄ A")) == 4
    assert shown == [2]
    shown.clear()
    assert int(s.eval("⍎'5'")) == 5 and shown == []
    assert int(s.eval("{⍎'⍵ ⋄ ⍵+1'}5")) == 6 and shown == [5]
