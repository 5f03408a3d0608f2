"""Errors: Dyalog's error names, the message layout (name, line, caret), and no Python exceptions.

Expected names are Dyalog APL's (⎕IO←1, ⎕ML←1).
"""
import pytest
from apl_values import ev

import apl


def raised(src):
    with pytest.raises(apl.APLError) as info:
        ev(src)
    return info.value


def caret_column(err):
    """The message's last two lines: the source line (indented six) and the caret line.

    Returns (shown line, index of the caret within that line).
    """
    lines = str(err).split("\n")
    assert len(lines) >= 3, str(err)
    shown, caret = lines[-2], lines[-1]
    assert shown.startswith("      "), repr(shown)
    assert caret.strip() == "∧", repr(caret)
    return shown[6:], caret.index("∧") - 6


# ---------------------------------------------------------------- names
@pytest.mark.parametrize("src, name", [
    # LENGTH
    ("1 2 3+4 5", "LENGTH ERROR"),
    ("(2 2⍴⍳4)+2 3⍴⍳6", "LENGTH ERROR"),
    ("(1 2)(3 4)+(1 2 3)", "LENGTH ERROR"),
    ("1 2 3×⍳2", "LENGTH ERROR"),
    ("1 0 1⌿2 3⍴⍳6", "LENGTH ERROR"),
    ("1 0/1 2 3", "LENGTH ERROR"),
    ("1 2+.×3 4 5", "LENGTH ERROR"),
    ("1 2⍉1 2 3", "LENGTH ERROR"),
    ("(a b)←1 2 3", "LENGTH ERROR"),
    # RANK
    ("1 2 3+2 2⍴1", "RANK ERROR"),
    ("(2 2⍴1)[1]", "RANK ERROR"),
    ("x←1 ⋄ x[1;1]", "RANK ERROR"),
    ("(2 2⍴1)[1;1;1]", "RANK ERROR"),
    # INDEX
    ("1 2 3[0]", "INDEX ERROR"),
    ("x←1 2 3 ⋄ x[4]", "INDEX ERROR"),
    ("(⍳3)[5]", "INDEX ERROR"),
    ("(2 2⍴1)[3;1]", "INDEX ERROR"),
    ("x←1 2 3 ⋄ x[4]←1", "INDEX ERROR"),
    ("4⊃1 2 3", "INDEX ERROR"),
    ("0@5⊢⍳3", "INDEX ERROR"),
    # DOMAIN
    ("1÷0", "DOMAIN ERROR"),
    ("÷0 1", "DOMAIN ERROR"),
    ("'a'+1", "DOMAIN ERROR"),
    ("2 3⍴'a'+1", "DOMAIN ERROR"),
    ("⍳¯1", "DOMAIN ERROR"),
    ("⍳2.5", "DOMAIN ERROR"),
    ("¯1⍴1", "DOMAIN ERROR"),
    ("!¯1", "DOMAIN ERROR"),
    ("⍟0", "DOMAIN ERROR"),
    ("0*¯1", "DOMAIN ERROR"),
    ("*1000", "DOMAIN ERROR"),
    ("2*2000", "DOMAIN ERROR"),
    ("1.5/1 2", "DOMAIN ERROR"),
    ("'ab'∧1 0", "DOMAIN ERROR"),
    ("~2", "DOMAIN ERROR"),
    ("⎕IO←2", "DOMAIN ERROR"),
    ("{⍵:1 ⋄ 0}2", "DOMAIN ERROR"),
    # VALUE
    ("undefined", "VALUE ERROR"),
    ("undefined+1", "VALUE ERROR"),
    ("x←undefinedthing", "VALUE ERROR"),
    ("1+nosuch×2", "VALUE ERROR"),
    ("x[1]", "VALUE ERROR"),
    ("⍺", "VALUE ERROR"),
    ("⍵", "VALUE ERROR"),
    ("{⍺}1", "VALUE ERROR"),
    ("nosuch+←1", "VALUE ERROR"),
    # SYNTAX
    ("(", "SYNTAX ERROR"),
    ("1 2)", "SYNTAX ERROR"),
    ("'abc", "SYNTAX ERROR"),
    ("{⍵+}1", "SYNTAX ERROR"),
    ("1 2 3[", "SYNTAX ERROR"),
    ("1+", "SYNTAX ERROR"),
    ("(1+)", "SYNTAX ERROR"),
    ("¨1", "SYNTAX ERROR"),
    ("⍤1", "SYNTAX ERROR"),
    ("+⍤", "SYNTAX ERROR"),
    ("+.", "SYNTAX ERROR"),
    ("∘.", "SYNTAX ERROR"),
    ("[1]", "SYNTAX ERROR"),
    ("1:2", "SYNTAX ERROR"),
    ("⍎'1+'", "SYNTAX ERROR"),
    # an invalid axis: Dyalog has no AXIS ERROR, it reports RANK ERROR
    ("⌽[3]2 2⍴1", "RANK ERROR"),
    ("⌽[2]1 2 3", "RANK ERROR"),
    ("+/[3]2 2⍴1", "RANK ERROR"),
    # a dfn has no inverse (LRG/power-operator: DOMAIN ERROR)
    ("{⍵}⍣¯1⊢1", "DOMAIN ERROR"),
    # NONCE (documented as not supported)
    ("{⍵}⌺0⊢⍳5", "DOMAIN ERROR"),  # stencil windows must have a positive size
    ("⎕NULL", "NONCE ERROR"),
    # WS FULL (documented: deep non-tail recursion)
    ("{⍵=0:0 ⋄ 1+∇ ⍵-1} 400000", "WS FULL"),
])
def test_error_names(src, name):
    err = raised(src)
    assert err.name == name
    assert str(err).startswith(name)


def test_error_classes_share_the_base_and_carry_codes():
    cases = {"1÷0": 11, "1 2+1 2 3": 5, "(⍳3)[4]": 3, "nosuch": 6, "(": 2, "1 2+2 2⍴1": 4}
    for src, code in cases.items():
        err = raised(src)
        assert isinstance(err, apl.APLError)
        assert isinstance(err, Exception)
        assert err.code == code, src


# ---------------------------------------------------------------- message layout and caret
@pytest.mark.parametrize("src, caret_under", [
    ("1 2 3+4 5", 5),           # +
    ("1÷0", 1),                 # ÷
    ("'a'+1", 3),               # +
    ("⍳¯1", 0),                 # ⍳
    ("2 3⍴'a'+1", 7),           # + (not ⍴: the error is in +)
    ("+/1 2 3+4 5", 7),         # the dyadic +, not the reduce
    ("(1 2 3)+(4 5)", 7),
    ("(2 2⍴⍳4)+2 3⍴⍳6", 8),
    ("1 2 3×⍳2", 5),
    ("1 2 3+2 2⍴1", 5),
    ("undefined+1", 0),         # the undefined name
    ("x←undefinedthing", 2),
    ("1 2)", 3),                # the stray parenthesis
    ("2 3⍴⍳6)", 6),
])
def test_caret_under_offending_place(src, caret_under):
    err = raised(src)
    shown, col = caret_column(err)
    assert shown == src
    assert col == caret_under, f"caret under {shown[col:col + 1]!r}, not {src[caret_under]!r}"


def test_message_for_length_error_exactly():
    err = raised("1 2 3+4 5")
    lines = str(err).split("\n")
    assert lines[0].startswith("LENGTH ERROR")
    assert lines[1] == "      1 2 3+4 5"
    assert lines[2] == "      " + " " * 5 + "∧"


def test_caret_in_a_later_diamond_statement_shows_the_whole_line():
    src = "x←1 2 3 ⋄ y←x+1 2"
    shown, col = caret_column(raised(src))
    assert shown == src
    assert src[col] == "+"


def test_caret_in_second_line_of_a_block_shows_that_line():
    err = raised("a←1\nb←1 2 3+4 5\nc←3")
    shown, col = caret_column(err)
    assert shown == "b←1 2 3+4 5"
    assert shown[col] == "+"


def test_caret_inside_a_dfn_on_one_line():
    src = "{⍵+1 2}1 2 3"
    shown, col = caret_column(raised(src))
    assert shown == src
    assert col == 2


def test_caret_inside_a_called_multi_line_dfn():
    err = raised("f←{\n  a←⍵\n  a+1 2\n}\nf 1 2 3")
    assert err.name == "LENGTH ERROR"
    shown, col = caret_column(err)
    assert shown == "a+1 2"
    assert shown[col] == "+"


def test_leading_blanks_are_dropped_and_caret_stays_aligned():
    shown, col = caret_column(raised("   1 2 3 + 4 5"))
    assert shown == "1 2 3 + 4 5"
    assert shown[col] == "+"


def test_error_inside_execute_shows_executed_text():
    err = raised("⍎'1 2+3 4 5'")
    assert err.name == "LENGTH ERROR"
    shown, col = caret_column(err)
    assert shown[col] == "+"


# ---------------------------------------------------------------- sessions survive errors
def test_session_keeps_names_after_an_error():
    s = apl.Session()
    s.eval("x←1")
    with pytest.raises(apl.APLError):
        s.eval("x←x+1 ⋄ 1 2+1 2 3")
    assert s["x"] == 2  # statements before the error ran
    assert s.eval("x+1") == 3


def test_failed_assignment_does_not_assign():
    s = apl.Session()
    s.eval("x←5")
    with pytest.raises(apl.APLError):
        s.eval("x←1÷0")
    assert s["x"] == 5


# ---------------------------------------------------------------- no Python exception escapes
ODD_INPUTS = [
    "+/⍤", "⍤⍤", "∘∘", "..", "+..×", "+.×.", "∘.∘.", "1 2∘.", "{⍺⍺}1", "f←{⍺⍺ ⍵} ⋄ f 1",
    "op←{⍵⍵ ⍵} ⋄ - op", "(+)←3", "x y←1 2", "(x 1)←1 2", "x[;]←1", "x←1 2 ⋄ x[1;2]←3",
    "x←1 2 ⋄ x[1 2 3]←4 5", "x←1 2 ⋄ x[1]←4 5", "x←1 2 ⋄ x['a']←1", "x←1 2 ⋄ x[1.5]←1",
    "x←1 2 ⋄ x[1.5]", "x←1 2 ⋄ x[⊂1 2]", "x←1 2 ⋄ x+←'a'", "x←'ab' ⋄ x+←1", "+←1", "⍵←1",
    "∇←1", "{⍵←1}1", "{∇}1", "{∇∇}1", "{⍺←}1", "{:1}1", "{1:}1", "{::}1", "{0::}1", "{1::2}1",
    "{⍵::2}1", "{'a'::2 ⋄ ÷0}1", "{'a':2}1", "{1 2:2}1", "{⍬:2 ⋄ 3}1", "⎕←", "⎕", "⍞",
    "⎕SIGNAL 11", "⎕EX 'x'", "⎕NC 'x'", ")off", "]box", ":If 1", "∇ r←f x", "()", "(())", "[]",
    "⍬[1]", "''[1]", "(1 2)[1;1]", "1 2 3/⍬", "⍬/1 2 3", "/1 2", "2/", "{⍺}{⍵}1", "¯", "1..2",
    "1E", "1J", "⎕FOO", "⎕IO←'a'", "⍎''", "⍎'{⍵}'", "?0", "1 2 3 4⍴⍳2", "⊃⍬", "↑⍬", "⊃0⍴⊂1 2",
    "(+/)/ 1 2 3", "+//1 2 3", "++1", "-+×÷", "⍳⍳1", "(⍳0)⍴1", "1⌷1 2 3", "⍕'ab' 1",
    "''∘.,''", "(0 3⍴0)+.×3 0⍴0", "-@1⊢⍬", "{⍵}@1⊢1 2", "1 2 3⍤1", "1¨2", "{⍵+1}⍣{⍺>100}0",
    "⌽[1.5]2 2⍴1", ",[0.5]1 2", "1 2 3⍳'a'", "'abc'+.×1 2 3", "⍉⍉2 3⍴⍳6", "1J1⌈2", "⌊1J1",
    "(⊂1 2)+⊂1 2 3", "↑(1 2)(3 4 5)", "⊂⊂⊂1", "≡⊂⊂⊂1", "1 2∘.+⍤1⊢3 4", "+⍤(1 2 3 4)⊢1",
    "0⍴⊂'abc'", "x←⍳3 ⋄ x[⍬]←⍬ ⋄ x", "x←⍳3 ⋄ x[2]←⊂1 2 ⋄ x", "⍬⍴⍬", "1E¯400",
    "9223372036854775807+1", "123456789012345678901234567890", "-9223372036854775807-2",
    "⌊/⍬", "⌈/⍬", "∧/⍬", "{⍵}¨⍬", "{}0", "{{}}", "{⍺⍺}", "1 (2) 3", "'a'⍴'b'",
]


@pytest.mark.parametrize("src", ODD_INPUTS)
def test_odd_input_raises_apl_error_or_returns_a_value(src):
    s = apl.Session()
    s["x"] = [1, 2, 3]
    try:
        s.eval(src)
    except apl.APLError as e:
        assert e.name and isinstance(str(e), str)


def test_too_large_number_literal_is_an_error():
    with pytest.raises(apl.APLError):
        ev("1E400")
