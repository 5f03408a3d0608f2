"""System variables (apl/runtime/system_variables.py): ⎕IO ⎕CT ⎕PP ⎕FR ⎕DCT, their ranges, and
their values local to the dfns that assign them; expected values are Dyalog APL's.

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>) and Programming Reference Guide (PRG/<page>), which
print Dyalog's results; phantomics/april issues quote Dyalog sessions.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, check, error_on, ev, run_on, same, shown

import apl


# ---------------------------------------------------------------- ⎕IO
@pytest.mark.parametrize("src, exp", [
    ("⎕IO", 1),
    ("⎕IO←0 ⋄ ⎕IO", 0),
    ("⎕IO←0 ⋄ ⍳3", [0, 1, 2]),
    ("⎕IO←0 ⋄ x←10 20 30 ⋄ x[0]", 10),
    ("⎕IO←0 ⋄ m←2 3⍴⍳6 ⋄ m[1;2]", 5),
    ("⎕IO←0 ⋄ x←10 20 30 ⋄ x[0]←5 ⋄ x", [5, 20, 30]),
    ("⎕IO←0 ⋄ ⍸1 0 1", [0, 2]),
    ("⎕IO←0 ⋄ 2 3⍳3", 1),
    ("⎕IO←0 ⋄ 'abc'⍳'d'", 3),
    ("⎕IO←0 ⋄ ⍋3 1 2", [1, 2, 0]),
    ("⎕IO←0 ⋄ {⍵[0]}5 6", 5),
    ("⎕IO←0 ⋄ 0@0⊢1 2 3", [0, 2, 3]),
    ("⎕IO←0 ⋄ {⍵}⌸'aba'", [[0, 2], [1, 0]]),
    ("⎕IO←0 ⋄ ⎕IO←1 ⋄ ⍳3", [1, 2, 3]),
])
def test_index_origin(src, exp):
    check(src, exp)


def test_index_origin_zero_out_of_range():
    with pytest.raises(apl.APLError) as info:
        ev("⎕IO←0 ⋄ x←10 20 30 ⋄ x[3]")
    assert info.value.name == "INDEX ERROR"


@pytest.mark.parametrize("src", ["⎕IO←2", "⎕IO←0.5", "⎕IO←'a'", "⎕IO←0 1"])
def test_index_origin_must_be_zero_or_one(src):
    with pytest.raises(apl.APLError) as info:
        ev(src)
    assert info.value.name == "DOMAIN ERROR"


def test_index_origin_does_not_leak_between_sessions():
    s = apl.Session()
    s.eval("⎕IO←0")
    same(s.eval("⍳3"), [0, 1, 2])
    same(apl.Session().eval("⍳3"), [1, 2, 3])
    same(ev("⍳3"), [1, 2, 3])
    same(s.eval("⍳3"), [0, 1, 2])


# ---------------------------------------------------------------- system variables are local to dfns
@pytest.mark.parametrize("src, exp", [
    ("f←{⎕IO←0 ⋄ ⍵} ⋄ _←f 0 ⋄ ⎕IO", 1),
    ("x←{⎕IO←0 ⋄ ⍳3}0 ⋄ x,⍳3", [0, 1, 2, 1, 2, 3]),
    ("g←{⍳3} ⋄ {⎕IO←0 ⋄ g 0}0", [0, 1, 2]),                  # dynamic: seen by what it calls
    ("x←{⎕IO←0 ⋄ ⍵=0:⍳2 ⋄ ∇ ⍵-1}3 ⋄ x,⎕IO", [0, 1, 1]),      # through tail calls
    ("x←{0::⎕IO ⋄ ⎕IO←0 ⋄ ÷0}0 ⋄ x,⎕IO", [0, 1]),             # and errors
    ("_←{⎕PP←3 ⋄ ⍕○1}0 ⋄ ⎕PP", 10),
    ("⎕IO←0 ⋄ {⎕IO←1 ⋄ ⍳2}0", [1, 2]),
    ("x←{⎕RL←7 ⋄ ?10}0 ⋄ y←{⎕RL←7 ⋄ ?10}0 ⋄ x=y", 1),
])
def test_system_variables_are_local_to_dfns(src, exp):
    check(src, np.array(exp))


def test_session_level_io_assignment_stays():
    s = apl.Session()
    s.eval("⎕IO←0")
    assert int(s.eval("⎕IO")) == 0
    assert s.eval("{⍳2}0").tolist() == [0, 1]


def test_only_dfns_that_can_assign_system_variables_pay_for_localising():
    from apl.runtime.dfn import DfnFunction

    s = apl.Session()
    s.eval("a←{⎕IO←0 ⋄ ⍵} ⋄ b←{⍎⍵} ⋄ c←{x[⎕io]} ⋄ d←{{⎕IO←0 ⋄ ⍵}⍵} ⋄ e←{⍵+1}")
    flags = {n: s.env.vars[n].localises for n in "abcde"}
    assert isinstance(s.env.vars["a"], DfnFunction)
    assert flags == {"a": True, "b": True, "c": True, "d": False, "e": False}
    assert s.eval("d 5") == 5 and s.eval("⎕IO") == 1  # the inner dfn localised its own ⎕IO
    s.eval("b '⎕IO←0'")
    assert s.eval("⎕IO") == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_modified_assignment_of_a_system_variable(backend):
    same(run_on("⎕IO-←1 ⋄ ⍳3", backend), np.array([0, 1, 2]))
    assert int(run_on("⎕PP←5 ⋄ ⎕PP+←1 ⋄ ⎕PP", backend)) == 6
    assert error_on("⎕IO+←1", backend) == "DOMAIN ERROR"  # ⎕IO is 0 or 1
    # inside a dfn the new value is local, as for ⎕IO←
    same(run_on("{⎕IO-←1 ⋄ ⍳3}0", backend), np.array([0, 1, 2]))
    same(run_on("{⎕IO-←1 ⋄ ⍳3}0 ⋄ ⍳3", backend), np.array([1, 2, 3]))


def test_modified_assignment_of_a_system_variable_is_shy():
    assert shown("⎕PP←5 ⋄ ⎕PP+←1") == []


# ---------------------------------------------------------------- ⎕CT
# LRG/system-functions/ct: "⎕CT may be assigned any value in the range from 0 to 2*¯32 (about
# 2.3E¯10)"; example: ⎕CT←1E¯10 ⋄ 1.00000000001 1.0000001 = 1 gives 1 0.
@pytest.mark.parametrize("backend", BACKENDS)
def test_ct_range(backend):
    assert error_on("⎕CT←1E¯9", backend) == "DOMAIN ERROR"
    assert error_on("⎕CT←3E¯10", backend) == "DOMAIN ERROR"
    assert error_on("⎕CT←¯1E¯20", backend) == "DOMAIN ERROR"
    assert float(run_on("⎕CT←2*¯32 ⋄ ⎕CT", backend)) == 2.0**-32
    assert float(run_on("⎕CT←1E¯10 ⋄ ⎕CT", backend)) == 1e-10
    assert run_on("⎕CT←1E¯10 ⋄ 1.00000000001 1.0000001 = 1", backend).tolist() == [1, 0]


# ---------------------------------------------------------------- ⎕FR and ⎕DCT
# LRG/system-functions/fr: 645 (binary) in a clear workspace; LRG/system-functions/dct: 1E¯28.
@pytest.mark.parametrize("backend", BACKENDS)
def test_fr_and_dct_read(backend):
    assert int(run_on("⎕FR", backend)) == 645
    assert float(run_on("⎕DCT", backend)) == 1e-28
    assert int(run_on("⎕FR←645 ⋄ ⎕FR", backend)) == 645
    assert error_on("⎕FR←1287", backend) == "NONCE ERROR"
    assert error_on("⎕FR←3", backend) == "DOMAIN ERROR"
    assert run_on("⎕NC '⎕FR'", backend).tolist() == [2]


# ---------------------------------------------------------------- ⎕PP range
# LRG/system-functions/pp: "⎕PP may be assigned any integer value in the range 1 to 34"; binary
# floats (⎕FR 645) show at most 17 significant digits.
@pytest.mark.parametrize("backend", BACKENDS)
def test_pp_range(backend):
    assert int(run_on("⎕PP←20 ⋄ ⎕PP", backend)) == 20
    assert int(run_on("⎕PP←34 ⋄ ⎕PP", backend)) == 34
    assert "".join(run_on("⎕PP←20 ⋄ ⍕÷3", backend).tolist()) == "0.33333333333333331"
    assert "".join(run_on("⎕PP←34 ⋄ ⍕2÷3", backend).tolist()) == "0.66666666666666663"
    assert "".join(run_on("⎕PP←3 ⋄ ⍕÷3", backend).tolist()) == "0.333"
    for bad in ("⎕PP←35", "⎕PP←0", "⎕PP←1.5", "⎕PP←¯3"):
        assert error_on(bad, backend) == "DOMAIN ERROR"


# ---------------------------------------------------------------- ⎕DCT
# LRG/system-functions/dct: "⎕DCT may be assigned any value in the range from 0 to
# 2.3283064365386962E¯10"; it is for decimal floats (⎕FR 1287, not supported), so it is only kept.
@pytest.mark.parametrize("backend", BACKENDS)
def test_dct_is_assigned_in_its_range_and_local_to_a_dfn(backend):
    assert float(run_on("⎕DCT←1E¯20 ⋄ ⎕DCT", backend)) == 1e-20
    assert float(run_on("⎕DCT←0 ⋄ ⎕DCT", backend)) == 0
    assert float(run_on("{⎕DCT←0 ⋄ 1}0 ⋄ ⎕DCT", backend)) == 1e-28
    for bad in ("⎕DCT←1", "⎕DCT←¯1E¯30", "⎕DCT←'a'"):
        assert error_on(bad, backend) == "DOMAIN ERROR"


def test_pw_assigned_in_a_dfn_is_local_to_it():
    assert int(run_on("{⎕PW←50 ⋄ 1}0 ⋄ ⎕PW")) == 80


# ---------------------------------------------------------------- ⎕DIV
# LRG/system-functions/div: "⎕DIV may be 0 or 1 … If ⎕DIV is 1, division by 0 returns 0"
# (also 0÷0, and reciprocal ÷0); with 0 (a clear workspace) 0÷0 is 1 and X÷0 a DOMAIN ERROR.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("⎕DIV", 0),
    ("⎕DIV←1 ⋄ ⎕DIV", 1),
    ("0÷0", 1),
    ("⎕DIV←1 ⋄ 0÷0", 0),
    ("⎕DIV←1 ⋄ 5÷0", 0),
    ("⎕DIV←1 ⋄ 3 0 5÷0 0 2", [0, 0, 2.5]),
    ("⎕DIV←1 ⋄ ÷0 2 4", [0, 0.5, 0.25]),
    ("⎕DIV←1 ⋄ 1J1÷0", 0),
    ("⎕DIV←1 ⋄ ÷/5 0 3", 0),
    ("⎕DIV←1 ⋄ ÷\\5 0 3", [5, 0, 0]),
    ("⎕DIV←1 ⋄ {⍺÷⍵}/5 0 3", 0),  # (a dfn compiled by the tier divides by its own code)
    ("⎕DIV←1 ⋄ {1÷⍵}¨0 4", [0, 0.25]),
    ("⎕DIV←1 ⋄ 2 2+.÷2 2⍴1 0 0 1", [2, 2]),
    ("{⎕DIV←1 ⋄ 1÷⍵}0", 0),
    ("{⎕DIV←1 ⋄ 1÷⍵}0 ⋄ ⎕DIV", 0),  # local to the dfn that assigns it
])
def test_div(src, exp, backend):
    assert np.asarray(run_on(src, backend)).tolist() == exp


@pytest.mark.parametrize("backend", BACKENDS)
def test_div_range_and_its_default_error(backend):
    for bad in ("⎕DIV←2", "⎕DIV←0.5", "⎕DIV←'a'"):
        assert error_on(bad, backend) == "DOMAIN ERROR"
    assert error_on("5÷0", backend) == "DOMAIN ERROR"
    assert error_on("⎕DIV←1 ⋄ ⎕DIV←0 ⋄ 5÷0", backend) == "DOMAIN ERROR"


def test_div_long_scans_and_products_by_definition():
    """The compiled kernels for ÷\\ and inner products know ⎕DIV←0 only: under ⎕DIV←1 the
    definition runs (large arguments, which would take the kernels)."""
    assert int(run_on("⎕DIV←1 ⋄ +/,0=÷\\300 399⍴0 1 2")) == 300 * 399
    m = run_on("⎕DIV←1 ⋄ a←300 300⍴0 1 ⋄ a+.÷a")
    assert np.asarray(m).shape == (300, 300) and float(np.asarray(m).max()) == 150
