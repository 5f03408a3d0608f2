"""System functions (apl/runtime/system_functions.py): ⎕SIGNAL ⎕DR ⎕NC ⎕EX ⎕VFI ⎕C, against the
examples of Dyalog's Language Reference (LRG/system-functions/<page>).
"""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, error_name, error_on, ev, run_on, same

import apl


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


# ---------------------------------------------------------------- ⎕SIGNAL with a message
# LRG/system-functions/signal: 'text' ⎕SIGNAL n gives ⎕DM the text as its first line; ⎕EN is n.
def test_signal_message_is_first_line_of_dm():
    same(run_on("{0::⊃⎕DM ⋄ 'abc' ⎕SIGNAL 11}0"), chars("abc"))
    assert run_on("{0::⎕EN ⋄ 'abc' ⎕SIGNAL 11}0") == 11
    same(run_on("{0::⊃⎕DM ⋄ 'my error' ⎕SIGNAL 500}0"), chars("my error"))
    same(run_on("{0::⊃⎕DM ⋄ ⎕SIGNAL 11}0"), chars("DOMAIN ERROR"))
    assert error_on("'abc' ⎕SIGNAL 11") == "DOMAIN ERROR"


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


# ---------------------------------------------------------------- ⎕C
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("⎕C'AbC'", "abc"),                       # monadic: case fold
    ("1 ⎕C'abC'", "ABC"),                     # 1: upper case
    ("¯1 ⎕C'AbC'", "abc"),                    # ¯1: lower case
    ("¯3 ⎕C'AbC'", "abc"),                    # ¯3: fold, as monadic
    ("1 ⎕C'hello world'", "HELLO WORLD"),
    ("{(1⎕C⊃⍵),1↓⍵}'hello'", "Hello"),
    ("⎕C'ίσως'", "ίσωσ"),                     # final sigma folds to σ
    ("¯1 ⎕C 1 ⎕C'ίσως'", "ίσωσ"),
    ("1 ⎕C'ß'", "ß"),                         # no one-character upper case: unchanged
    ("1∘⎕C'abc'", "ABC"),
])
def test_case_convert_text(backend, src, expected):
    # compared with the literal: a one-character literal is a scalar
    same(run_on(src, backend), ev("'" + expected + "'"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_case_convert_nested_and_numbers(backend):
    same(run_on("1 ⎕C 42 'Pete' 'Πέτρος'", backend), ev("42 'PETE' 'ΠΈΤΡΟΣ'"))
    # ¯1 keeps the final sigma; folding does not
    same(run_on("¯1 ⎕C 42 'Pete' 'Πέτρος'", backend), ev("42 'pete' 'πέτρος'"))
    same(run_on("⎕C 42 'Pete' 'Πέτρος'", backend), ev("42 'pete' 'πέτροσ'"))
    same(run_on("1 ⎕C (⊂'ab'),⊂1 'c'", backend), ev("(⊂'AB'),⊂1 'C'"))
    same(run_on("⎕C 1 2 3", backend), np.array([1, 2, 3]))
    same(run_on("1⎕C 2 2⍴'abcd'", backend), chars("ABCD").reshape(2, 2))
    same(run_on("1 ⎕C 'a'", backend), np.array("A"))
    same(run_on("1 ⎕C ''", backend), chars(""))
    same(run_on("(⊂'pete'){⍺≡⎕C ⍵}¨'PETE' 'Pete' 'pEte'", backend), np.array([1, 1, 1]))
    same(run_on("'abc'≡⍥⎕C'ABC'", backend), np.array(1))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", ["2 ⎕C 'a'", "0 ⎕C 'a'", "'x' ⎕C 'a'"])
def test_case_convert_bad_left_argument(backend, src):
    with pytest.raises(apl.APLError) as e:
        apl.evaluate(src, backend=backend)
    assert e.value.name == "DOMAIN ERROR"


def test_case_convert_is_a_system_function():
    check("⎕NC'⎕C'", np.array([3]))


def test_dl_beyond_what_time_can_wait_is_a_domain_error_without_library_text():
    assert error_name("⎕DL 1E10") == "DOMAIN ERROR"


# ---------------------------------------------------------------- recognised, not supported
def test_every_dyalog_system_name_is_supported_or_a_nonce_error_naming_it():
    from apl.glyphs.system_names import FUNCTIONS, VARIABLES

    for name in sorted(FUNCTIONS):
        try:
            apl.evaluate(f"{name} 1")
        except apl.APLError as e:
            assert e.name != "VALUE ERROR", (name, str(e))
            if e.name == "NONCE ERROR":
                assert name in str(e).split("\n")[0]
    for name in sorted(VARIABLES):
        try:
            apl.evaluate(name)
        except apl.APLError as e:
            assert e.name == "NONCE ERROR" and name in str(e).split("\n")[0], (name, str(e))


def test_what_the_runtime_defines_is_listed_among_dyalogs_names():
    from apl.glyphs.system_names import FUNCTIONS, VARIABLES
    from apl.runtime.system_functions import _ENV_SYSTEM_FUNCTIONS, _SYSTEM_FUNCTIONS
    from apl.runtime.system_variables import SYSTEM_VARIABLES

    assert set(_SYSTEM_FUNCTIONS) | set(_ENV_SYSTEM_FUNCTIONS) <= FUNCTIONS
    assert SYSTEM_VARIABLES <= VARIABLES


@pytest.mark.parametrize("src,what", [("⍞", "⍞"), ("⍞←'hi'", "⍞"), ("⎕NTIE 'f' 0", "⎕NTIE"),
                                      ("⎕SH 'ls'", "⎕SH"), ("⎕WSID", "⎕WSID"), ("⎕TRAP←0", "⎕TRAP")])
def test_recognised_constructs_are_nonce_errors_naming_them(src, what):
    assert error_name(src) == "NONCE ERROR"
    with pytest.raises(apl.APLError) as info:
        apl.evaluate(src)
    assert what in str(info.value).split("\n")[0]


def test_a_name_that_is_no_system_name_is_a_syntax_error():
    assert error_name("⎕FOO") == "SYNTAX ERROR"
    assert error_name("⎕FOO←1") == "SYNTAX ERROR"


# ---------------------------------------------------------------- ⎕UCS with an encoding
# LRG/system-functions/ucs: 'UTF-8' ⎕UCS text gives its bytes; the inverse decodes them.
@pytest.mark.parametrize("backend", BACKENDS)
def test_ucs_encodes_and_decodes_utf(backend):
    same(run_on("'UTF-8' ⎕UCS 'aé€'", backend), np.array([97, 195, 169, 226, 130, 172]))
    same(run_on("'UTF-8' ⎕UCS 97 195 169 226 130 172", backend), chars("aé€"))
    same(run_on("'UTF-16' ⎕UCS '𝔸a'", backend), np.array([55349, 56632, 97]))  # a surrogate pair
    same(run_on("'UTF-32' ⎕UCS '𝔸a'", backend), np.array([120120, 97]))
    same(run_on("'UTF-16' ⎕UCS 55349 56632 97", backend), chars("𝔸a"))
    same(run_on("⍴'UTF-8' ⎕UCS ''", backend), np.array([0]))
    same(run_on("'UTF-8' ⎕UCS ⍬", backend), chars(""))


@pytest.mark.parametrize("src", ["'UTF-8' ⎕UCS 255", "'UTF-8' ⎕UCS 256", "'UTF-7' ⎕UCS 'a'",
                                 "1 ⎕UCS 'a'"])
def test_ucs_encoding_errors(src):
    assert error_on(src) == "DOMAIN ERROR"
