"""Lexical forms through the public API: numbers, strings, ⍬, names, comments, ⋄, blocks.

Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).
"""
import numpy as np
import pytest
from apl_values import chars, check, error_name, ev, same

import apl


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize("src, value", [
    ("42", 42),
    ("0", 0),
    ("007", 7),
    ("¯3", -3),
    ("¯0", 0),
    ("1E3", 1000),
    ("1e3", 1000),
    ("1E0", 1),
    ("0E5", 0),
    ("1.5E2", 150),
    ("2.5E¯2", 0.025),
    ("1E¯1", 0.1),
    ("3.25", 3.25),
    ("1.50", 1.5),
    (".5", 0.5),
    ("¯.5", -0.5),
    ("¯2.5E1", -25),
])
def test_real_number_literals(src, value):
    r = ev(src)
    assert np.ndim(r) == 0
    assert isinstance(r, (np.integer, np.floating))
    assert r == value


@pytest.mark.parametrize("src, value", [
    ("1J2", 1 + 2j),
    ("1j2", 1 + 2j),
    ("1J¯2", 1 - 2j),
    ("1j¯2", 1 - 2j),
    ("¯1J¯1", -1 - 1j),
    ("0.5J¯1", 0.5 - 1j),
    ("0J1", 1j),
])
def test_complex_literals(src, value):
    r = ev(src)
    assert np.ndim(r) == 0
    assert complex(r) == value


def test_complex_with_zero_imaginary_part_is_real():
    assert ev("2J0") == 2
    assert ev("0J1×0J1") == -1


def test_number_strand_of_mixed_forms():
    same(ev("¯3 1E3 2.5E¯2 1J2 .5"), np.array([-3, 1000, 0.025, 1 + 2j, 0.5]))


def test_integer_strand_stays_integer():
    r = ev("1 ¯2 3")
    same(r, [1, -2, 3])
    assert r.dtype.kind == "i"


def test_float_strand():
    same(ev("1 2 3.5"), [1.0, 2.0, 3.5])
    same(ev(".5 .25"), [0.5, 0.25])
    same(ev("3 ¯2.5E1"), [3, -25])


def test_high_minus_is_part_of_the_number_but_minus_is_a_function():
    same(ev("1 ¯3"), [1, -3])
    assert ev("1 -3") == -2
    same(ev("- 1 2"), [-1, -2])


# ---------------------------------------------------------------- strings
def test_string_with_doubled_quote():
    same(ev("'it''s'"), chars("it's"))


def test_one_character_string_is_a_scalar():
    r = ev("'a'")
    assert r.shape == () and r.dtype.kind == "U" and r[()] == "a"
    same(ev("⍴'a'"), np.zeros(0, dtype=int))


def test_empty_string():
    r = ev("''")
    assert r.shape == (0,) and r.dtype.kind == "U"


def test_quote_only_strings():
    r = ev("''''")
    assert r.shape == () and r[()] == "'"
    same(ev("''''''"), chars("''"))


def test_comment_and_diamond_glyphs_inside_a_string_are_characters():
    same(ev("'a⍝b'"), chars("a⍝b"))
    same(ev("'a⋄b'"), chars("a⋄b"))
    same(ev("'{(['"), chars("{(["))


def test_string_strands():
    r = ev("'ab' 'c'")
    assert r.shape == (2,) and r.dtype == object
    same(r[0], chars("ab"))
    assert np.asarray(r[1]).shape == () and r[1] == "c"
    same(ev("'a' 'b'"), chars("ab"))


def test_empty_strings_strand():
    r = ev("'' ''")
    assert r.shape == (2,)
    assert all(np.asarray(x).shape == (0,) for x in r)


# ---------------------------------------------------------------- zilde
def test_zilde_is_the_empty_numeric_vector():
    r = ev("⍬")
    assert r.shape == (0,) and r.dtype.kind in "biuf"
    same(ev("⍴⍬"), [0])
    assert ev("⍬≡⍳0")
    assert not ev("⍬≡''")


def test_zilde_strand():
    r = ev("⍬⍬")
    assert r.shape == (2,) and all(np.asarray(x).shape == (0,) for x in r)
    assert ev("≡⍬ 1") == -2  # items of different depths


# ---------------------------------------------------------------- names
@pytest.mark.parametrize("src, value", [
    ("∆x←3 ⋄ ⍙y←4 ⋄ _z←5 ⋄ ∆x+⍙y×_z", 23),
    ("x∆_1←7 ⋄ x∆_1", 7),
    ("a1←5 ⋄ a1+1", 6),
    ("_←3 ⋄ _", 3),
    ("∆←3 ⋄ ∆+1", 4),
    ("⍙←3 ⋄ ⍙+1", 4),
    ("my_long_Name←2 ⋄ my_long_Name×3", 6),
])
def test_names_with_delta_underscore_digits(src, value):
    assert ev(src) == value


def test_names_are_case_sensitive():
    same(ev("A←1 ⋄ a←2 ⋄ A,a"), [1, 2])


# ---------------------------------------------------------------- comments, diamonds, blocks
def test_trailing_comment():
    assert ev("1+2 ⍝ comment") == 3


def test_comment_runs_to_end_of_line_hiding_diamonds():
    assert ev("3 ⍝ x ⋄ 4") == 3


def test_comment_only_source_gives_no_value():
    assert ev("⍝ only a comment") is None
    assert ev("") is None
    assert ev("   ") is None


def test_comment_line_then_statement():
    assert ev("⍝ x\n3") == 3


def test_diamond_separates_statements_last_one_is_the_value():
    assert ev("1 ⋄ 2") == 2
    assert ev("x←1 ⋄ x+1") == 2


def test_empty_statements_between_diamonds():
    assert ev("1 ⋄ ⋄ 2") == 2


def test_multi_line_block():
    assert ev("x←1\ny←2\nx+y") == 3


def test_multi_line_block_with_blank_and_comment_lines():
    assert ev("\n\nx←1\n  ⍝ c\n\n  x+1  \n") == 2


def test_crlf_line_ends():
    assert ev("x←1\r\ny←2\r\nx+y") == 3
    assert ev("f←{\r\n⍵+1\r\n}\r\nf 1") == 2


def test_multi_line_dfn():
    assert ev("f←{\n  a←⍵\n  a×2\n}\nf 3") == 6


def test_multi_line_dfn_with_comments_and_guards():
    src = ("sign←{       ⍝ the sign, as a word\n"
           "  ⍵>0:'pos'  ⍝ positive\n"
           "  ⍵<0:'neg'\n"
           "  'zero'\n"
           "}\n"
           "(sign 3),(sign ¯3),sign 0")
    same(ev(src), chars("posnegzero"))


def test_dfn_with_diamonds_and_leading_or_trailing_diamond():
    assert ev("{⍵+1⋄}3") == 4
    assert ev("{⋄⍵+1}3") == 4
    assert ev("{⍵ ⍝ comment\n}3") == 3


def test_spaces_are_insignificant_between_tokens():
    same(ev("  1 2 3  +  4  "), [5, 6, 7])
    assert ev("x ← 1 2 3 ⋄ x[2] ← 8 ⋄ +/ x") == 12


# ---------------------------------------------------------------- syntax errors from the parser
@pytest.mark.parametrize("src", [
    "(",
    ")",
    "1 2)",
    "2 3⍴⍳6)",
    "'abc",
    "'",
    "{",
    "}",
    "]",
    "1 2 3[",
    "1 2 3 4 5[2 3",
    "{⍵+}1",
    "1+",
    "(1+)",
    "x←",
    "←3",
    "1←2",
    "¯",
    "¯¯1",
])
def test_syntax_errors(src):
    with pytest.raises(apl.APLError) as info:
        ev(src)
    assert info.value.name == "SYNTAX ERROR"
    assert "SYNTAX ERROR" in str(info.value)


# ---------------------------------------------------------------- malformed numbers
@pytest.mark.parametrize("src", ["1J", "1E", "1e", "2×1J", "1 2 3E", "1.E", "1E+2"])
def test_malformed_numbers_are_syntax_errors(src):
    assert error_name(src) == "SYNTAX ERROR"


@pytest.mark.parametrize("src, exp", [("1E3", 1000), ("1e¯2", 0.01), ("2J3", 2 + 3j), ("1J¯.5", 1 - 0.5j)])
def test_well_formed_numbers_still_parse(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- nesting beyond the limit
@pytest.mark.parametrize("make", [
    lambda n: "(" * n + "1" + ")" * n,
    lambda n: "{" * n + "⍵" + "}⍵" * (n - 1) + "}1",
    lambda n: "x←1 ⋄ " + "x[" * n + "1" + "]" * n,
    lambda n: "(1 " * n + "1" + ")" * n,
], ids=["parentheses", "dfns", "brackets", "strands"])
def test_nesting_beyond_the_limit_is_a_limit_error_not_a_crash(make):
    from apl.syntax.parser import MAX_NESTING

    for n in (MAX_NESTING + 1, 100_000):
        with pytest.raises(apl.APLError) as info:
            apl.evaluate(make(n))
        assert info.value.name == "LIMIT ERROR"


def test_nesting_at_the_limit_parses_and_strings_and_comments_do_not_count():
    from apl.syntax.parser import MAX_NESTING

    n = MAX_NESTING
    assert apl.evaluate("(" * n + "1" + ")" * n) == 1
    assert apl.evaluate("⍴'" + "(" * 5000 + "' ⍝ " + "[" * 5000) == 5000


@pytest.mark.parametrize("src", ["1" + "0" * 400, "1" + "0" * 5000, "1E400", "2J" + "9" * 400, "⍎'1" + "0" * 400 + "'"])
def test_numbers_beyond_a_float_are_a_domain_error(src):
    assert error_name(src) == "DOMAIN ERROR"


def test_long_whole_numbers_within_range():
    assert ev("9223372036854775807") == 2**63 - 1
    assert ev("12345678901234567890123") == pytest.approx(1.2345678901234568e22)
    assert ev("⎕VFI '1" + "0" * 400 + " 2'")[0].tolist() == [False, True]


# ---------------------------------------------------------------- array notation (Dyalog 18.0+)
@pytest.mark.parametrize("src,exp", [
    ("(1 2 ⋄ 3)", [[1, 2], 3]),
    ("(1 2\n3 4)", [[1, 2], [3, 4]]),
    ("(1 ⋄)", [1]),
    ("[1 2 ⋄ 3 4]", [[1, 2], [3, 4]]),
    ("[1⋄2⋄3]", [1, 2, 3]),
    ("⍴[[1 2⋄3 4]⋄[5 6⋄7 8]]", [2, 2, 2]),
    ("['ab' ⋄ 'cd']", [["a", "b"], ["c", "d"]]),
    ("x←2 ⋄ (x ⋄ x+1)", [2, 3]),
])
def test_array_notation(src, exp):
    r = ev(src)
    got = [x.tolist() if isinstance(x, np.ndarray) else x for x in r] if r.dtype == object else r.tolist()
    assert got == exp


def test_array_notation_holds_arrays_only():
    assert error_name("(1 ⋄ +)") == "SYNTAX ERROR"


def test_array_notation_spans_lines_in_a_script():
    import subprocess
    import sys

    p = subprocess.run([sys.executable, "-m", "apl"], input="m←[1 2\n3 4]\n+/m\n", capture_output=True, text=True,
                       timeout=60, check=False)
    assert (p.returncode, p.stdout) == (0, "3 7\n")
