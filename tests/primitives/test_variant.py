"""⍠ (Variant, also ⎕OPT) on functions other than ⎕R and ⎕S (apl/primitives/variant.py): the
settings ⎕IO ⎕CT ⎕DCT ⎕DIV ⎕PP ⎕PW ⎕RL as options for the calls of a function, set for each
call and put back after it. Dyalog's primitives take no options (APL Wiki, "Variant": its only
use with primitives is 1200⌶); this follows J's Fit (!.), which customises a primitive's
tolerance, and Iverson's variant — our choice, documented in docs/language.md."""
import numpy as np
import pytest
from apl_values import BACKENDS, error_on, run_on


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("⍳⍠('IO' 0)⊢3", [0, 1, 2]),
    ("⍳⍠'IO' 0⊢3", [0, 1, 2]),
    ("⍳⎕OPT('IO' 0)⊢3", [0, 1, 2]),
    ("1 1.00000000000001(=⍠('CT' 0))1", [True, False]),
    ("1 1.00000000000001=1", [True, True]),
    ("1 0(÷⍠('DIV' 1))0", [0, 0]),
    ("(⍳⍠('IO' 0)('CT' 0))3", [0, 1, 2]),
    ("{⍵+⎕IO}⍠('IO' 0)⊢3", [3]),  # a dfn reads the option as ⎕IO
    ("f←⍳⍠('IO' 0) ⋄ ≢¨f¨2 3", [2, 3]),
    ("f←⍳⍠('IO' 0) ⋄ (f 2),⍳2", [0, 1, 1, 2]),  # put back after the call
    ("(⍳⍠('IO' 0))⍤0⊢2", [0, 1]),
    ("⍕⍠('PP' 3)⊢○1", list("3.14")),
    ("2(⍴⍠('IO' 0))5", [5, 5]),
])
def test_settings_as_options(src, expected, backend):
    assert np.asarray(run_on(src, backend)).reshape(-1).tolist() == expected


def test_the_setting_is_back_after_an_error():
    assert run_on("f←÷⍠('DIV' 1) ⋄ r←f 0 ⋄ ⎕DIV,r").tolist() == [0, 0]
    assert error_on("f←÷⍠('DIV' 1) ⋄ r←f 0 ⋄ 1÷0") == "DOMAIN ERROR"
    assert int(run_on("f←{⍵÷0}⍠('IO' 0) ⋄ {0::⎕IO ⋄ f 1}0")) == 1


@pytest.mark.parametrize("src, error", [
    ("+⍠('XY' 1)⊢1", "DOMAIN ERROR"),  # no such option
    ("+⍠('IO' 2)⊢1", "DOMAIN ERROR"),  # out of ⎕IO's range
    ("+⍠('CT' 'a')⊢1", "DOMAIN ERROR"),
    ("⍳⍠1⊢3", "DOMAIN ERROR"),  # no principal option
    ("1⍠('IO' 0)⊢3", "SYNTAX ERROR"),
    ("⍳⍠+⊢3", "DOMAIN ERROR"),
])
def test_errors(src, error):
    assert error_on(src) == error
