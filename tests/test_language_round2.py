"""Second round of Dyalog conformance probing: system functions, even stencils, malformed numbers."""
import numpy as np
import pytest
from apl_values import chars, check, error_name, ev, nested

import apl


# ---------------------------------------------------------------- ⌺ with even window sizes
# Dyalog: a window of size s starts ⌊(s-1)÷2 before its centre; even windows are centred on the
# gap after an item, so the last one ends at the last item (outputs of Dyalog in xpqz/learnapl).
@pytest.mark.parametrize("src, exp", [
    ("{⊂⍵}⌺2⊢⍳5", nested(np.array([1, 2]), np.array([2, 3]), np.array([3, 4]), np.array([4, 5]))),
    ("⊂⍤⊢⌺(2 1⍴2 2)⊢⍳10", nested(*[np.array([i, i + 1]) for i in (1, 3, 5, 7, 9)])),
    ("⊂⍤⊢⌺(⍪4 4)⊢⍳10", nested(np.array([0, 1, 2, 3]), np.array([4, 5, 6, 7]), np.array([8, 9, 10, 0]))),
    ("⊂⍤⊢⌺(2 1⍴3 3)⊢⍳10", nested(np.array([0, 1, 2]), np.array([3, 4, 5]), np.array([6, 7, 8]),
                                  np.array([9, 10, 0]))),
    ("{+/,⍵}⌺2 2⊢3 4⍴⍳12", np.array([[14, 18, 22], [30, 34, 38]])),
    ("{⍺}⌺4⊢⍳6", np.array([[1], [0], [0], [0], [-1]])),
])
def test_stencil_even_windows(src, exp):
    check(src, exp)


def test_stencil_size_zero_is_a_domain_error():
    assert error_name("{⊂⍵}⌺0⊢⍳3") == "DOMAIN ERROR"


# ---------------------------------------------------------------- malformed numbers
@pytest.mark.parametrize("src", ["1J", "1E", "1e", "2×1J", "1 2 3E", "1.E", "1E+2"])
def test_malformed_numbers_are_syntax_errors(src):
    assert error_name(src) == "SYNTAX ERROR"


@pytest.mark.parametrize("src, exp", [("1E3", 1000), ("1e¯2", 0.01), ("2J3", 2 + 3j), ("1J¯.5", 1 - 0.5j)])
def test_well_formed_numbers_still_parse(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ⎕SIGNAL
def test_signal_zero_signals_nothing_and_resets_en():
    s = apl.Session()
    s.eval("r←{0::⎕EN ⋄ ÷0}0")
    assert int(s.eval("r")) == 11
    assert int(s.eval("⎕EN")) == 11
    s.eval("⎕SIGNAL 0")
    assert int(s.eval("⎕EN")) == 0


def test_signal_empty_signals_nothing():
    assert ev("⎕SIGNAL ⍬").size == 0


@pytest.mark.parametrize("src", ["⎕SIGNAL ¯1", "⎕SIGNAL 1009", "⎕SIGNAL 1.5"])
def test_signal_out_of_range(src):
    assert error_name(src) == "DOMAIN ERROR"


# ---------------------------------------------------------------- ⎕DR
@pytest.mark.parametrize("src, exp", [
    ("⎕DR 1 0 1", 11), ("⎕DR 5", 83), ("⎕DR ¯128", 83), ("⎕DR ¯129", 163), ("⎕DR 1000", 163),
    ("⎕DR 100000", 323), ("⎕DR 2*40", 645), ("⎕DR 3.5", 645), ("⎕DR 1J2", 1289),
    ("⎕DR 'a'", 80), ("⎕DR 'ab⍴'", 160), ("⎕DR ⎕UCS 100000", 320), ("⎕DR 1 'a'", 326),
    ("⎕DR (1 2)(3 4)", 326), ("⎕DR ''", 80),
])
def test_data_representation(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ⎕NC and ⎕EX
_DEFS = "x←3 ⋄ f←{⍵} ⋄ g←+/ ⋄ o←{⍺⍺ ⍵} ⋄ p←{⍺⍺ ⍵⍵ ⍵} ⋄ "


@pytest.mark.parametrize("src, exp", [
    (_DEFS + "⎕NC 'x'", [2]),
    (_DEFS + "⎕NC 'zz'", [0]),
    (_DEFS + "⎕NC '1a'", [-1]),
    (_DEFS + "⎕NC 5 1⍴'xfgoz'", [2, 3, 3, 4, 0]),
    (_DEFS + "⎕NC 3 3⍴'x  f  zz '", [2, 3, 0]),
    (_DEFS + "⎕NC 'x' 'f' 'g' 'o' 'p' 'zz' '1a'", [2.1, 3.2, 3.3, 4.2, 4.2, 0, -1]),
    ("{y←1 ⋄ ⎕NC 'y'}0", [2]),
])
def test_name_class(src, exp):
    check(src, np.array(exp))


def test_expunge():
    s = apl.Session()
    s.eval("x←3 ⋄ f←{⍵}")
    check_r = s.eval("⎕EX 'x' 'f' 'nothere' '1a' '⎕IO'")
    assert check_r.tolist() == [True, True, True, False, False]
    assert s.eval("⎕NC 2 1⍴'xf'").tolist() == [0, 0]
    assert error_name("x←3 ⋄ ⎕EX 'x' ⋄ x") == "VALUE ERROR"


def test_expunge_in_a_dfn_removes_the_local_name():
    check("x←5 ⋄ {x←1 ⋄ _←⎕EX 'x' ⋄ x}0", 5)


@pytest.mark.parametrize("src", ["⎕NC 1 2", "⎕EX 1 2"])
def test_name_functions_need_characters(src):
    assert error_name(src) == "DOMAIN ERROR"


# ---------------------------------------------------------------- ⎕VFI (examples of Dyalog's reference)
@pytest.mark.parametrize("src, ok, vals", [
    ("⎕VFI '2 -2 ¯2'", [1, 0, 1], [2, 0, -2]),
    ("⎕VFI '12.1 1E1 1A1 ¯10'", [1, 1, 0, 1], [12.1, 10, 0, -10]),
    ("','⎕VFI'3.9,2.4,,76,'", [1, 1, 1, 1, 1], [3.9, 2.4, 0, 76, 0]),
    ("'⋄'⎕VFI'1 ⋄ 2 3 ⋄ 4 '", [1, 0, 1], [1, 0, 4]),
    ("⎕VFI 'a 1 2.5 ¯3'", [0, 1, 1, 1], [0, 1, 2.5, -3]),
    ("⎕VFI '  7  '", [1], [7]),
])
def test_verify_and_fix_input(src, ok, vals):
    r = ev(src)
    assert r.shape == (2,)
    assert r[0].dtype == bool and r[0].tolist() == [bool(x) for x in ok]
    check("⊃⌽" + src, np.array(vals))


def test_verify_and_fix_input_empty():
    check("(⍬ ⍬)≡⎕VFI''", 1)
    check("⊃(//⎕VFI'12.1 1E1 1A1 ¯10')", np.array([12.1, 10, -10]))


def test_verify_and_fix_input_rank():
    assert error_name("⎕VFI 2 2⍴'ab'") == "RANK ERROR"


# ---------------------------------------------------------------- ⊆ on higher ranks (APL2 partition)
# APL2/APLX: `1 0 1⊂MAT` (⎕ML≥3 partition, Dyalog's ⊆) keeps the rank: one vector per row
# and partition; with an axis the partitions run along that axis.
def _grid(shape, *items):
    out = np.empty(len(items), dtype=object)
    for i, x in enumerate(items):
        out[i] = x
    return out.reshape(shape)


def test_partition_of_a_matrix_keeps_the_rank():
    check("1 1 0 1⊆2 4⍴⍳8", _grid((2, 2), np.array([1, 2]), np.array([4]), np.array([5, 6]), np.array([8])))
    check("1 1 0⊆[1]3 2⍴⍳6", _grid((1, 2), np.array([1, 3]), np.array([2, 4])))
    check("⍴0 0 0⊆2 3⍴⍳6", [2, 0])
    check("1 1 2⊆2 3⍴'abcdef'", _grid((2, 2), chars("ab"), chars("c"), chars("de"), chars("f")))


# ---------------------------------------------------------------- ⍤ with empty frames
@pytest.mark.parametrize("src, exp", [
    ("⍴{⊂⍵}⍤1⊢2 0⍴0", [2]),
    ("⍴{⍵}⍤1⊢0 3⍴0", [0, 3]),        # f applied to a prototype cell gives the result's shape
    ("⍴{⍵,⍵}⍤1⊢0 3⍴0", [0, 6]),
    ("⍴(+/⍤1)0 3⍴0", [0]),
    ("⍴1 2 3(+⍤1)0 3⍴0", [0, 3]),
    ("⍴{÷⍵}⍤1⊢0 3⍴0", [0]),          # f failing on the prototype: just the frame
    ("⍴,⍤2⊢2 0 3⍴0", [2, 0]),
])
def test_rank_with_empty_frames_and_cells(src, exp):
    check(src, np.array(exp))


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


@pytest.mark.parametrize("src, name", [("1E10⍕2", "DOMAIN ERROR"), ("100000000 2⍕2", "WS FULL")])
def test_format_with_absurd_precision_or_width_is_an_apl_error(src, name):
    with pytest.raises(apl.APLError) as e:
        apl.evaluate(src)
    assert e.value.name == name


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
