"""Worked examples from Dyalog's Language Reference, checked against the results it prints.

Sources (each example's page under https://dyalog.github.io/documentation/20.0/language-reference-guide/,
the Markdown of github.com/Dyalog/documentation): P = primitive-functions/<page>, O = primitive-operators/<page>.
APL Wiki pages (aplwiki.com/wiki/<page>) quote Dyalog session output.
"""
import numpy as np
import pytest
from apl_values import char_matrix, chars, check, enclose, error_name, host, nested

import apl

I = np.array


def _iota23():
    out = np.empty((2, 3), dtype=object)
    for i in range(2):
        for j in range(3):
            out[i, j] = I([i + 1, j + 1])
    return out


EXAMPLES = [
    # P/index-generator
    ("⍳2 3", _iota23()),
    ("A←2 4⍴'MAINEXIT' ⋄ A[⍳⍴A]", char_matrix("MAIN", "EXIT")),
    # P/index-function/index
    ("VEC←111 222 333 444 ⋄ (⊂2 3⍴3 1 4 1 2 3)⌷VEC", I([[333, 111, 444], [111, 222, 333]])),
    ("MAT←10⊥¨⍳3 4 ⋄ 3(2 1)⌷MAT", I([32, 31])),
    ("MAT←10⊥¨⍳3 4 ⋄ ⍴(2 1⍴1)(3 4⍴2)⌷MAT", I([2, 1, 3, 4])),
    ("MAT←10⊥¨⍳3 4 ⋄ (3(2 1)⌷MAT)←0 ⋄ MAT", I([[11, 12, 13, 14], [21, 22, 23, 24], [0, 0, 33, 34]])),
    # P/index-function/index-with-axes
    ("CUBE←10⊥¨⍳2 3 4 ⋄ (1 3)4⌷[2 3]CUBE", I([[114, 134], [214, 234]])),
    ("CUBE←10⊥¨⍳2 3 4 ⋄ (2(1 3)⌷[1 3]CUBE)←0 ⋄ CUBE[2;;]", I([[0, 212, 0, 214], [0, 222, 0, 224], [0, 232, 0, 234]])),
    # P/rotate (M is 2 2 4 there; the page's plane gap is easy to miss)
    ("M←2 2 4⍴⍳16 ⋄ (2 4⍴0 1 ¯1 0 0 3 2 1)⌽[2]M",
     I([[[1, 6, 7, 4], [5, 2, 3, 8]], [[9, 14, 11, 16], [13, 10, 15, 12]]])),
    ("M←2 2 4⍴⍳16 ⋄ (2 2⍴2 ¯3 3 ¯2)⌽M", I([[[3, 4, 1, 2], [6, 7, 8, 5]], [[12, 9, 10, 11], [15, 16, 13, 14]]])),
    # P/replicate, P/expand
    ("1 ¯2 3 ¯4 5/⍳5", I([1, 0, 0, 3, 3, 3, 0, 0, 0, 0, 5, 5, 5, 5, 5])),
    ("1 0 1/1 1⍴5", I([[5, 5]])),
    ("1 ¯2 3 ¯4 5\\'A'", chars("A  AAA    AAAAA")),
    ("1 ¯2 2 0 1\\2 3⍴⍳6", I([[1, 0, 0, 2, 2, 0, 3], [4, 0, 0, 5, 5, 0, 6]])),
    ("1 ¯2 1\\(1 2)(3 4 5)", nested(I([1, 2]), I([0, 0]), I([0, 0]), I([3, 4, 5]))),
    ("0\\⍳0", I([0])),
    # P/take, P/drop/drop-with-axes
    ("5↑(⍳3)(⍳4)(⍳5)", nested(I([1, 2, 3]), I([1, 2, 3, 4]), I([1, 2, 3, 4, 5]), I([0, 0, 0]), I([0, 0, 0]))),
    ("2 1↓[3 2]2 3 4⍴⍳24", I([[[7, 8], [11, 12]], [[19, 20], [23, 24]]])),
    # P/partitioned-enclose, aplwiki Partitioned_enclose
    ("2 0 1 3 0 2 0 1⊂'abcdefg'",
     nested(chars(""), chars("ab"), chars("c"), chars(""), chars(""), chars("de"), chars(""), chars("fg"), chars(""))),
    ("0 2 0 1⊂'abcdefg'", nested(chars(""), chars("bc"), chars("defg"))),
    ("1 0 0 1⊂[2]3 4⍴⍳12", nested(I([[1, 2, 3], [5, 6, 7], [9, 10, 11]]), I([[4], [8], [12]]))),
    ("2 0 3⊂'HiEarth'", nested(chars(""), chars("Hi"), chars(""), chars(""), chars("Earth"))),
    # aplwiki Partitioned_enclose: split into lengths with where's inverse
    ("⍸⍣¯1⊢1 1 3 3 3", I([2, 0, 3])),
    ("Split←{⍵ ⊂⍨ ⍸⍣¯1 +\\ ¯1↓1,⍺} ⋄ 3 3 4 Split 'HowAreYou?'", nested(chars("How"), chars("Are"), chars("You?"))),
    # P/partition
    ("1 1 1 0 0 3 3 3⊆'NOWISTHE'", nested(chars("NOW"), chars("THE"))),
    # P/interval-index
    ("'AEIOU' ⍸ 'DYALOG'", I([1, 5, 1, 3, 4, 2])),
    # P/dyadic-transpose
    ("1 1 1⍉2 3 4⍴⍳24", I([1, 18])),
    ("1 1 2⍉2 3 4⍴⍳24", I([[1, 2, 3, 4], [17, 18, 19, 20]])),
    # P/encode, P/decode
    ("0 10⊤5 15 125", I([[0, 1, 12], [5, 5, 5]])),
    ("0 1⊤1.25 10.5", I([[1, 10], [0.25, 0.5]])),
    ("1j1⊥1 2 3 4", 5 + 9j),
    ("(2 1⍴2 10)⊥3 8⍴0 0 0 0 1 1 1 1 0 0 1 1 0 0 1 1 0 1 0 1 0 1 0 1",
     I([[0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 10, 11, 100, 101, 110, 111]])),
    # P/mix
    ("↑[.5](1 2)(3 4)(5 6)", I([[1, 3, 5], [2, 4, 6]])),
    ("↑[1](1)(3 4)(5)", I([[1, 3, 5], [0, 4, 0]])),
    ("⍴↑[4 2]5 4⍴(⍳20)×⊂3 2⍴1", I([5, 2, 4, 3])),
    ("⍴↑(1)(2 3 4 5)(2 3⍴10×⍳8)", I([3, 2, 4])),
    # P/depth, P/enlist, P/find
    ("≡¨(1 2)(3 (4 5))", I([1, -2])),
    ("∊1 (2 2⍴2 3 4 5) (6(7 8))", I([1, 2, 3, 4, 5, 6, 7, 8])),
    ("'IS YOU'⍷↑'IS YOU IS' 'OR IS YOU' 'ISN''T'",
     I([[1, 0, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 0, 0, 0], [0] * 9], dtype=bool)),
    # P/grade-up, P/dyadic-grade-up
    ("⍋3 2 3⍴2 3 5 1 4 7 2 3 4 5 2 4 2 3 5 1 2 6", I([2, 3, 1])),
    (("⍋6 3⍴'Rivers' 'Jason' 554 'Daintree' 'John' 532 'Rivers' 'Jason' 543 'Foad' 'Jay' 558 "
      "'Scholes' 'John' 547 'Scholes' 'John' 535"), I([2, 4, 3, 1, 6, 5])),
    (("A←↑' abcdegiklmnrt' ' ABCDEGIKLMNRT' ⋄ A⍋↑'Ab' 'AB' 'aba' 'ABA' 'abaca' 'abecedarian' 'Abelian' 'black' "
      "'blackball' 'black belt' 'blacking' 'Black Mass'"), I([1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 9, 11])),
    # P/index-of
    ("X←3 4⍴⍳12 ⋄ (10 100 1000∘.+X)⍳100 1000∘.+X", I([2, 3])),
    # P/conjugate, P/format: + leaves non-numeric arrays unchanged
    ("+B←⍕A←2 6⍴'HELLO PEOPLE'", char_matrix("HELLO ", "PEOPLE")),
    ("+'abc'", chars("abc")),
    ("+1 'a' 2J1", nested(1, "a", 2 - 1j)),
    ("⎕PP←5 ⋄ ⍕¯123456 1 22.5 ¯0.000000667 5.00001", chars("¯1.2346E5 1 22.5 ¯6.67E¯7 5")),
    ("⍴⍕1 'AB' (2 2⍴1+⍳4) (2 2 3⍴'CDEFGHIJKLMN')", I([5, 16])),
    # P/indexing: adjacent literals are one constant, so the brackets index the whole strand
    ("'ONE' 'TWO' 'THREE'[2]", enclose(chars("TWO"))),
    ("1 'a' 3[2]", "a"),
    ("S←'Z' ⋄ S[3⍴⊂⍳0]", chars("ZZZ")),
    ("M←2 4⍴10×⍳8 ⋄ M[(2 1)(1 2)]", I([50, 20])),
    # P/residue, P/binomial, P/circular-functions
    ("¯1 0 1|¯5.25 0 2.41", I([-0.25, 0, 0.41])),
    ("1j2|2j3 3j4 5j6", I([1 + 1j, -1 + 1j, 1j])),
    ("2!3j2", 1 + 5j),
    ("9 11∘.○3.5J¯1.2 2J3 3J4", I([[3.5, 2, 3], [-1.2, 3, 4]])),
    ("¯4○¯1", 0),
    # P/matrix-divide
    ("(6 2⍴1 1 1 2 1 3 1 4 1 5 1 6)⌹⍨12.03 8.78 6.01 3.75 ¯0.31 ¯2.79", I([14.941333333333333, -2.9608571428571427])),
    # P/where
    ("⍸2 2⍴0 1 2 3", nested(I([1, 2]), I([2, 1]), I([2, 1]), I([2, 2]), I([2, 2]), I([2, 2]))),
    # O/at
    ("(0@(1 1)(4 3))4 3⍴⍳12", I([[0, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 0]])),
    ("(+\\@2 4)4 3⍴⍳12", I([[1, 2, 3], [4, 9, 15], [7, 8, 9], [10, 21, 33]])),
    ("⌽@(2∘|)⍳5", I([5, 2, 3, 4, 1])),
    # O/key
    (("names←'Pete' 'Jay' 'Bob' 'Pete' 'Pete' 'Jay' 'Jim' 'Pete' 'Pete' 'Jim' 'Pete' 'Pete' ⋄ "
      "names {+/⍵}⌸ 66 75 71 100 22 10 67 77 55 42 1 78"), I([399, 85, 71, 109])),
    # O/power: inverses
    ("f←(32∘+)∘(×∘1.8) ⋄ (f⍣¯1) 32 212", I([0, 100])),
    ("dual←{⍵⍵⍣¯1 ⍺⍺ ⍵⍵ ⍵} ⋄ mean←{(+/⍵)÷⍴⍵} ⋄ mean dual(×⍨)1 2 3 4 5", I([3.3166247903554])),
    ("dual←{⍵⍵⍣¯1 ⍺⍺ ⍵⍵ ⍵} ⋄ ⍉dual↑ 'hello' 'world'",
     nested(chars("hw"), chars("eo"), chars("lr"), chars("ll"), chars("od"))),
    ("(↓⍣¯1)'ab' 'cd'", char_matrix("ab", "cd")),
    # O/rank (the page's dyadic examples assume ⎕IO←0)
    ("⎕IO←0 ⋄ 10 20 30 (+⍤0 1)3 4⍴⍳12", I([[10, 11, 12, 13], [24, 25, 26, 27], [38, 39, 40, 41]])),
    # O/constant, O/over
    ("¯1⍨¨⍳2 3", I([[-1, -1, -1], [-1, -1, -1]])),
    ("(20 35 45×82 90 76)÷⍥(+/)20 35 45", 82.1),
    # O/stencil
    ("{⊂⍵}⌺(⍪6 2)⍳8", nested(I([0, 0, 1, 2, 3, 4]), I([1, 2, 3, 4, 5, 6]), I([3, 4, 5, 6, 7, 8]), I([5, 6, 7, 8, 0, 0]))),
    ("{⍺}⌺(⍪5 2)⍳9", I([[2], [0], [0], [0], [-2]])),
    # O/reduce
    ("(⊂0 3 4⍴0)≡⍪/0⍴⊂2 3 4⍴0", 1),
]

@pytest.mark.parametrize("src, exp", EXAMPLES)
def test_documented_example(src, exp):
    check(src, exp)


# Examples once wrong here, on the torch backend too.
@pytest.mark.parametrize("src", [
    "⍸⍣¯1⊢1 1 3 3 3", "(×⍨⍣¯1) 11 4", "(↑⍣¯1)2 2⍴⍳4", "+'abc'", "'ONE' 'TWO' 'THREE'[2]",
])
def test_fixes_agree_on_torch(src):
    pytest.importorskip("torch")
    a = apl.evaluate(src)
    b = host(apl.evaluate(src, backend="torch"))
    assert apl.evaluate("a≡b", a=a, b=b) == 1


def test_index_of_the_rows_of_a_matrix():
    check("(↑'United Kingdom' 'Germany')⍳↑'United Kingdom' 'Germany'", [1, 2])


@pytest.mark.parametrize("src, name", [
    # P/index-of: y⍳x looks for major cells of shape 5 14 in cells of shape 14
    ("x←↑'United Kingdom' 'Germany' ⋄ y←2 5 14⍴' ' ⋄ y⍳x", "LENGTH ERROR"),
    ("⍸⍣¯1⊢'ab'", "DOMAIN ERROR"),
    ("⍸⍣¯1⊢0 1", "DOMAIN ERROR"),
    ("'ab' 'cd'[1]⍴3", "DOMAIN ERROR"),
])
def test_documented_errors(src, name):
    assert error_name(src) == name
