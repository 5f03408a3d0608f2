"""⎕FMT (apl/runtime/format), against the examples of Dyalog's Language Reference:
LRG/system-functions/format-dyadic ("Format (Dyadic)", including "G Format" and "O Format
Qualifier") and LRG/system-functions/format-monadic ("Format (Monadic)"); FORMAT ERROR from
PRG/error-messages/format-error (⎕EN 7). The pages show rows without their trailing blanks;
the results here are the whole matrix."""
import numpy as np
import pytest
from apl_values import BACKENDS, char_matrix, error_on, run_on, same

DOCUMENTED = [
    # a vector is a column
    ("'I5' ⎕FMT 10 20 30", ["   10", "   20", "   30"]),
    # the specification is used cyclically
    ("'I3,F5.2' ⎕FMT 2 4⍴⍳8", ["  1 2.00  3 4.00", "  5 6.00  7 8.00"]),
    # the items of a nested Y side by side; missing rows blank (the page's second row shows 1,
    # a misprint: it is the second item of ⍳4)
    ("'2I4,F7.1' ⎕FMT (⍳4)(2 2⍴ 0.1×⍳4)",
     ["   1   0    0.2", "   2   0    0.4", "   3           ", "   4           "]),
    # characters right-justified in the field
    ("'A2' ⎕FMT 1 6⍴'SPACED'", [" S P A C E D"]),
    # too wide for the field: asterisks
    ("'F5.2' ⎕FMT 0.1×5 1000 ¯100", [" 0.50", "*****", "*****"]),
    # relative tabulation
    ("'I2,X3,3A1' ⎕FMT (⍳3)(2 3⍴'TOPCAT')", [" 1   TOP", " 2   CAT", " 3      "]),
    # absolute tabulation: later fields overwrite earlier ones
    ("'6I1,T5,A1,T1,3A1,T7,F5.1' ⎕FMT (1 6⍴⍳6)('*')(1 3⍴'ABC')(22.2)", ["ABC4*6 22.2"]),
    # digits beyond the precision of a float
    ("'F20.1' ⎕FMT 1E18÷3", ["3333333333333333__._"]),
    # text insertion on every row, also after the data is exhausted
    ("'5A1,<|>' ⎕FMT (3 5⍴'FRED BILL JAMES')(2 5⍴'MARY JUNE ')",
     ["FRED |MARY |", "BILL |JUNE |", "JAMES|     |"]),
    # the qualifiers B Z L K C S
    ("'F5.1,BF6.1,X1,ZF5.1,X1,LF5.1,K3CS<.,,.>F10.1' ⎕FMT ⍉5 3⍴¯1.5 0 25",
     [" ¯1.5  ¯1.5 ¯01.5 ¯1.5   ¯1.500,0",
      "  0.0       000.0 0.0         0,0",
      " 25.0  25.0 025.0 25.0   25.000,0"]),
    # affixtures: negative numbers in parentheses
    ("'M<(>N<)>Q< >F9.2' ⎕FMT 150.3 ¯50.25 0 1114.9", ["  150.30 ", "  (50.25)", "    0.00 ", " 1114.90 "]),
    # a repeated group
    ("'I2,2(</>,ZI2)' ⎕FMT 1 3⍴⌽100|1989 7 20", ["20/07/89"]),
    # G patterns
    ("'G⊂99/99/99⊃'⎕FMT 0 100 100 ⊥8 7 89", ["08/07/89"]),
    ("'G⊂ZZ/ZZ/ZZ⊃'⎕FMT 80789 + 0 1", [" 8/07/89", " 8/07/9 "]),
    ("'G⊂Andy ZZ Pauline ZZ⊃' ⎕FMT 2721.499 2699.5", ["Andy 27 Pauline 21", "Andy 27           "]),
    ("'K2G⊂DM Z.ZZZ.ZZ9,99⊃' ⎕FMT 1234567.89 1234.56", ["DM 1.234.567,89", "DM     1.234,56"]),
    # O: a value replaced by text
    ("'O<NIL>F7.2'⎕FMT 12.3 0 42.5", ["  12.30", "    NIL", "  42.50"]),
    ("'O<NIL>LF7.2'⎕FMT 12.3 0 42.5", ["12.30  ", "NIL    ", "42.50  "]),
    ("'O<NIL>O42<N/A>I6'⎕FMT 12 0 42 13", ["    12", "   NIL", "   N/A", "    13"]),
    ("'O99<replace>F20.2'⎕FMT 99 100 101", ["             replace", "              100.00", "              101.00"]),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, rows", DOCUMENTED)
def test_documented_examples(backend, src, rows):
    same(run_on(src, backend), char_matrix(*rows))


# our choices where the page is silent (docs/language.md, ⎕FMT)
CHOICES = [
    # E: s significant digits; exponents padded after, so that a column's E's line up
    ("'E10.3' ⎕FMT 123.456 0.00123 ¯5", ["   1.23E2 ", "   1.23E¯3", "  ¯5.00E0 "]),
    ("'E6.1' ⎕FMT 5", ["   5E0"]),
    # C and Z together: zeros and commas fill the field; Z after the sign
    ("'CZI7' ⎕FMT 1234 ¯5", ["001,234", "¯00,005"]),
    ("'CI12' ⎕FMT 1234567 ¯1234567.6", ["   1,234,567", "  ¯1,234,568"]),
    # R: background text; B leaves a zero's field to the background
    ("'R<.>I6' ⎕FMT 12 0", ["....12", ".....0"]),
    ("'BR<->I4' ⎕FMT 12 0", ["--12", "----"]),
    ("'P<+>I4' ⎕FMT 5 ¯5", ["  +5", "  ¯5"]),
    # S substitutes the overflow character; half rounds away from zero, at the decimal shown
    ("'S<*#>I2' ⎕FMT 123", ["##"]),
    ("'I5' ⎕FMT 2.5 ¯2.5", ["    3", "   ¯3"]),
    ("'F6.2' ⎕FMT 2.675 ¯0.001", ["  2.68", "  0.00"]),
    # K¯2 scales down; blanks between phrases are ignored; '' in a text is one quote
    ("'K¯2F6.2' ⎕FMT 150", ["  1.50"]),
    ("'I3 , <it''''s>' ⎕FMT 7", ["  7it's"]),
    # integers beyond 32 bits are floats, as in Dyalog
    ("'I20' ⎕FMT 2*62", [" 4611686018427388___"]),
    # a character vector is one column; L left-justifies characters
    ("'LA3' ⎕FMT 'ab'", ["a  ", "b  "]),
    # text before the first data phrase is used once the data is exhausted only up to the end
    ("'<[>,I2,<]>' ⎕FMT 1 2⍴3 4", ["[ 3][ 4]"]),
    ("'<ab>' ⎕FMT 3 0⍴0", ["ab", "ab", "ab"]),
    # monadic: always a matrix, as the session shows it (no boxes), planes apart
    ("⎕FMT 5", ["5"]),
    ("⎕FMT 2 2 2⍴⍳8", ["1 2", "3 4", "   ", "5 6", "7 8"]),
    ("⎕FMT (1 2)(3 4)", [" 1 2  3 4 "]),
    ("⎕FMT 'ab',(⎕UCS 10),'cde'", ["ab ", "cde"]),
    ("⎕FMT 'abc',(⎕UCS 8),'X'", ["abX"]),
    ("⎕FMT 1.5 ¯2", ["1.5 ¯2"]),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, rows", CHOICES)
def test_choices(backend, src, rows):
    same(run_on(src, backend), char_matrix(*rows))


@pytest.mark.parametrize("backend", BACKENDS)
def test_shapes(backend):
    same(run_on("⍴'I5' ⎕FMT ⍳0", backend), np.array([0, 5]))
    same(run_on("⍴'I5,<ab>' ⎕FMT ⍳0", backend), np.array([0, 7]))
    same(run_on("⍴⎕FMT ⍬", backend), np.array([1, 0]))
    same(run_on("⍴⎕FMT 0 3⍴0", backend), np.array([0, 0]))
    same(run_on("⍴⎕FMT 'a'", backend), np.array([1, 1]))
    same(run_on("⍴⎕FMT 2 3⍴'abcdef'", backend), np.array([2, 3]))
    same(run_on("'3A1' ⎕FMT 'abcdef'", backend), char_matrix(*"abcdef"))
    same(run_on("⎕PP←3 ⋄ ⎕FMT ○1", backend), char_matrix("3.14"))


@pytest.mark.parametrize("backend", BACKENDS)
def test_format_error_is_trappable(backend):
    assert run_on("{7::⎕EN ⋄ 'Y5' ⎕FMT ⍵} 1", backend) == 7
    assert run_on("{0::⎕EN ⋄ 'I0' ⎕FMT ⍵} 1", backend) == 7
    same(run_on("∇ r←f x\n r←'caught'\n :Trap 7\n  r←'A1,1X,I5' ⎕FMT x\n :EndTrap\n∇\nf 1", backend),
         np.array(list("caught")))
    assert error_on("⎕SIGNAL 7", backend) == "FORMAT ERROR"


ERRORS = [
    ("'A1,1X,I5' ⎕FMT 'a'", "FORMAT ERROR"),     # the page's example: X1, not 1X
    ("'I5' ⎕FMT 'abc'", "FORMAT ERROR"),          # characters against a numeric phrase
    ("'A1' ⎕FMT 1 2", "FORMAT ERROR"),            # numbers against A
    ("'F5.4' ⎕FMT 1", "FORMAT ERROR"),            # d>w-2
    ("'E5.4' ⎕FMT 1", "FORMAT ERROR"),            # s>w-2
    ("'Q5' ⎕FMT 1", "FORMAT ERROR"),
    ("'I5,' ⎕FMT 1", "FORMAT ERROR"),
    ("'<abc' ⎕FMT 1", "FORMAT ERROR"),
    ("'0I5' ⎕FMT 1", "FORMAT ERROR"),
    ("'I0' ⎕FMT 1", "FORMAT ERROR"),
    ("'' ⎕FMT 1", "FORMAT ERROR"),
    ("'<abc>' ⎕FMT 1", "FORMAT ERROR"),           # no phrase for the column
    ("'GL<99>' ⎕FMT 1", "FORMAT ERROR"),          # G takes B K S O only
    ("'CE8.2' ⎕FMT 1", "FORMAT ERROR"),
    ("'2(I2' ⎕FMT 1", "FORMAT ERROR"),
    ("'X¯3,I2' ⎕FMT 1", "FORMAT ERROR"),          # before the left margin
    ("'i5' ⎕FMT 1", "FORMAT ERROR"),
    ("'I5' ⎕FMT 1J2", "DOMAIN ERROR"),            # complex numbers
    ("'I5' ⎕FMT 1 'a'", "DOMAIN ERROR"),          # not homogeneous
    ("'I5' ⎕FMT ⊂⊂1 2", "DOMAIN ERROR"),
    ("5 ⎕FMT 1", "DOMAIN ERROR"),
    ("'I5' ⎕FMT 2 2 2⍴1", "RANK ERROR"),
    ("'I5' ⎕FMT 2 2⍴(1 2)(3 4)", "RANK ERROR"),
    ("(2 2⍴'I5') ⎕FMT 1", "RANK ERROR"),
    ("'I1000000' ⎕FMT ⍳1000", "WS FULL"),
    ("'999999(999999(I1))' ⎕FMT 1", "WS FULL"),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, name", ERRORS)
def test_errors(backend, src, name):
    assert error_on(src, backend) == name
