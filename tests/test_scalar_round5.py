"""Fifth round: scalar functions and numbers — tolerant comparison of large integers, the range
of ⎕CT, exact whole powers of complex numbers, deal and ⌹ at their edges.

Sources: Dyalog's Language Reference Guide (dyalog.github.io/documentation/20.0/
language-reference-guide/...: LRG/<page>), which prints Dyalog's results.
"""
import numpy as np
import pytest
from apl_values import BACKENDS, check, error_name, run_on
from apl_values import error_on as run_error

import apl


def run(src, backend="numpy"):
    return np.asarray(run_on(src, backend))


# ---------------------------------------------------------------- ⎕CT
# LRG/system-functions/ct: "⎕CT may be assigned any value in the range from 0 to 2*¯32 (about
# 2.3E¯10)"; example: ⎕CT←1E¯10 ⋄ 1.00000000001 1.0000001 = 1 gives 1 0.
@pytest.mark.parametrize("backend", BACKENDS)
def test_ct_range(backend):
    assert run_error("⎕CT←1E¯9", backend) == "DOMAIN ERROR"
    assert run_error("⎕CT←3E¯10", backend) == "DOMAIN ERROR"
    assert run_error("⎕CT←¯1E¯20", backend) == "DOMAIN ERROR"
    assert float(run("⎕CT←2*¯32 ⋄ ⎕CT", backend)) == 2.0**-32
    assert float(run("⎕CT←1E¯10 ⋄ ⎕CT", backend)) == 1e-10
    assert run("⎕CT←1E¯10 ⋄ 1.00000000001 1.0000001 = 1", backend).tolist() == [1, 0]


# ---------------------------------------------------------------- large integers compare tolerantly
# LRG/system-functions/ct: X and Y are equal if (|X-Y)≤⎕CT×(|X)⌈|Y — for every number; Dyalog
# holds integers beyond 32 bits as floats, so 1E15=1E15+1.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("1E15=1E15+1", 1),
    ("123456789012345=123456789012346", 1),
    ("(1E15+1)≠1E15", 0),
    ("1E15≤1E15-1", 1),
    ("1E15≥1E15+1", 1),
    ("1E15<1E15+1", 0),
    ("1E15>1E15-1", 0),
    ("1E15 5=1E15+1 6", [1, 0]),
    ("(1E15+0 1 2)=1E15+1 0 3", [1, 1, 1]),
    ("(1E15+0 1 2)<1E15+1 0 3", [0, 0, 0]),
    ("(1E15+0 1 2)≤1E15-1 0 3", [1, 1, 1]),
    ("(1E15+0 1 2)≤1E15-1 0 30", [1, 1, 0]),
    # exact where the tolerance is less than 1
    ("2147483648=2147483649", 0),
    ("1E12=1E12+1", 0),
    ("1E15=¯1E15", 0),
    ("⎕CT←0 ⋄ 1E15=1E15+1", 0),
    ("⎕CT←0 ⋄ 1E15<1E15+1", 1),
    ("5=5", 1),
    ("3≤2", 0),
])
def test_large_integers_compare_tolerantly(backend, src, exp):
    assert run(src, backend).tolist() == exp


# ---------------------------------------------------------------- whole powers of complex numbers
# LRG/primitive-functions/power. A whole exponent is repeated multiplication, so Gaussian
# integers stay exact on both backends (torch's pow goes through exp and log).
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, exp", [
    ("0J1*2", [-1]),
    ("0J1*¯2", [-1]),
    ("0J2*12", [4096]),
    ("1J2*2", [-3 + 4j]),
    ("1J1*0 1 2 3 4 ¯1 ¯2", [1, 1 + 1j, 2j, -2 + 2j, -4, 0.5 - 0.5j, -0.5j]),
    ("(2 2⍴3J1 2 1.5 ¯4)*12", [-752192 - 658944j, 4096, 1.5**12, 4**12]),
])
def test_whole_powers_of_complex_numbers_are_exact(backend, src, exp):
    got = run(src, backend).reshape(-1).astype(complex)
    assert got.tolist() == [complex(x) for x in exp]


@pytest.mark.parametrize("backend", BACKENDS)
def test_complex_powers_otherwise(backend):
    np.testing.assert_allclose(run("3J4*0.5", backend), 2 + 1j, rtol=1e-14)
    np.testing.assert_allclose(run("¯27*3 2 1.2 .5", backend).astype(complex),
                               [-19683, 729, -42.22738244 - 30.67998919j, 5.196152423j], rtol=1e-9)
    assert run_error("0J0*¯2J1", backend) == "DOMAIN ERROR"
    assert run_error("1J1*5000", backend) == "DOMAIN ERROR"


# ---------------------------------------------------------------- deal too large
@pytest.mark.parametrize("backend", BACKENDS)
def test_deal_beyond_any_workspace_is_ws_full_not_a_crash(backend):
    assert run_error("9223372036854775807?9223372036854775807", backend) == "WS FULL"
    assert run_error("3000000000?3000000000", backend) == "WS FULL"
    assert run("⍴5?9223372036854775807", backend).tolist() == [5]
    assert run_error("5?3", backend) == "DOMAIN ERROR"


# ---------------------------------------------------------------- ⌹ with no right-hand sides
# LRG/primitive-functions/matrix-divide: the shape of X⌹Y is (1↓⍴Y),1↓⍴X.
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, shape", [
    ("(2 0⍴0)⌹2 2⍴1 0 1 1", [2, 0]),
    ("(2 0⍴0)⌹1.5 2.5", [0]),
    ("(2 0⍴0)⌹2 2⍴3J1 2 1.5 ¯4", [2, 0]),
    ("(2 3⍴1)⌹2 0⍴0", [0, 3]),
])
def test_matrix_divide_with_no_columns(backend, src, shape):
    assert run("⍴" + src, backend).tolist() == shape


def test_error_names_unchanged():
    assert error_name("1 2+1 2 3") == "LENGTH ERROR"
    check("2J2 2J4∧5J5 4J4", [10 + 10j, -4 + 12j])


# ---------------------------------------------------------------- ⎕FR and ⎕DCT
# LRG/system-functions/fr: 645 (binary) in a clear workspace; LRG/system-functions/dct: 1E¯28.
@pytest.mark.parametrize("backend", BACKENDS)
def test_fr_and_dct_read(backend):
    assert int(run("⎕FR", backend)) == 645
    assert float(run("⎕DCT", backend)) == 1e-28
    assert int(run("⎕FR←645 ⋄ ⎕FR", backend)) == 645
    assert run_error("⎕FR←1287", backend) == "NONCE ERROR"
    assert run_error("⎕FR←3", backend) == "DOMAIN ERROR"
    assert run("⎕NC '⎕FR'", backend).tolist() == [2]


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
    got = run(src, backend)
    assert got.dtype.kind in "biu" and got.tolist() == exp


def test_empty_nested_item_of_empty_nested_result():
    got = run("⊃(0⍴⊂(1 2)(3 4))×2")
    assert got.dtype == object and [np.asarray(x).tolist() for x in got] == [[0, 0], [0, 0]]


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


# ---------------------------------------------------------------- ⎕PP range
# LRG/system-functions/pp: "⎕PP may be assigned any integer value in the range 1 to 34"; binary
# floats (⎕FR 645) show at most 17 significant digits.
@pytest.mark.parametrize("backend", BACKENDS)
def test_pp_range(backend):
    assert int(run("⎕PP←20 ⋄ ⎕PP", backend)) == 20
    assert int(run("⎕PP←34 ⋄ ⎕PP", backend)) == 34
    assert "".join(run("⎕PP←20 ⋄ ⍕÷3", backend).tolist()) == "0.33333333333333331"
    assert "".join(run("⎕PP←34 ⋄ ⍕2÷3", backend).tolist()) == "0.66666666666666663"
    assert "".join(run("⎕PP←3 ⋄ ⍕÷3", backend).tolist()) == "0.333"
    for bad in ("⎕PP←35", "⎕PP←0", "⎕PP←1.5", "⎕PP←¯3"):
        assert run_error(bad, backend) == "DOMAIN ERROR"


def test_pp_above_17_displays_17_digits():
    from apl.display import format_lines, format_number

    assert format_number(1 / 3, 30) == "0.33333333333333331"
    assert format_lines(np.array([1 / 3, 2.0]), 25) == ["0.33333333333333331 2"]
