"""⎕R and ⎕S (apl/runtime/search_replace.py, pcre.py) and their options through ⍠ / ⎕OPT.

Sources: Dyalog's Language Reference Guide, system-functions/r ("Replace"), s ("Search"),
search-replace-options and transformation patterns (LRG/<page>) and its operator page for
Variant (LRG/primitive-operators/variant); PCRE's pattern syntax (pcre.org, pcre2pattern).
"""
import numpy as np
import pytest
from apl_values import BACKENDS, error_on, run_on


def text(v):
    """An APL value as Python: a str for a character vector, a list for a vector of them, a list
    of ints for numbers."""
    v = np.asarray(v)
    if v.dtype == object:
        return [text(x) for x in v.reshape(-1)]
    if v.dtype.kind == "U":
        return "".join(v.reshape(-1).tolist())
    return v.tolist()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    # LRG/system-functions/r: transformation patterns & \0-\9 \u \l
    ("('.at' ⎕R '\\u0') 'The cat sat on the mat'", "The CAT SAT on the MAT"),
    ("('.at' ⎕R '\\u&') 'The cat sat on the mat'", "The CAT SAT on the MAT"),
    ("('(\\w)(\\w+)' ⎕R '\\u1\\2') 'hello world'", "Hello World"),
    ("('.' ⎕R '\\l&') 'ABC'", "abc"),
    ("('a' ⎕R 'b') 'banana'", "bbnbnb"),
    ("('[aeiou]' ⎕R '<&>') 'education'", "<e>d<u>c<a>t<i><o>n"),
    ("('(\\d+)-(\\d+)' ⎕R '\\2-\\1') '10-20 3-4'", "20-10 4-3"),
    ("('(?<y>\\d{4})' ⎕R '[\\<y>]') 'in 1999 and 2024'", "in [1999] and [2024]"),
    ("('x' ⎕R '%%') 'axb'", "aaxbaxbb"),  # % is the line
    ("('b' ⎕R '\\&\\\\') 'abc'", "a&\\c"),
    # several patterns: the earliest match wins, then the first pattern
    ("('cat' 'dog' ⎕R 'dog' 'cat') 'cat chases dog'", "dog chases cat"),
    ("('ab' (,'a') ⎕R (,'X') (,'Y')) 'aab'", "YX"),
    ("('ab' (,'a') ⎕R 'X' 'Y') 'aab'", "XYXY"),  # ('X' 'Y' is 'XY', one pattern for both)
    ("('a' 'b' ⎕R (⊂'-')) 'abc'", "-c"),  # ('a' 'b' is 'ab', one pattern)
    ("((,'a') (,'b') ⎕R (⊂'-')) 'abc'", "--c"),
    # empty matches, as Perl and PCRE: after an empty match, one character on
    ("('x*' ⎕R '-') 'abxd'", "-a-b--d-"),
    ("('^' ⎕R '> ') 'one'", "> one"),
    ("('$' ⎕R '!') 'one'", "one!"),
    # a vector of lines gives a vector of lines; line by line, ^ at each
    ("('^' ⎕R '> ') 'one' 'two'", ["> one", "> two"]),
    ("('a' ⎕R 'b') 'xa' 'ay'", ["xb", "by"]),
    ("('a' ⎕R 'b') ''", ""),
    # a function operand gets a namespace; its result replaces the match
    ("('\\d+' ⎕R {⍕2×⍎⍵.Match}) 'a1b22c'", "a2b44c"),
    ("('\\w+' ⎕R {⌽⍵.Match}) 'abc de'", "cba ed"),
    ("('(a)(x)?' ⎕R {⍕⍵.Offsets,⍵.Lengths}) 'ba'", "b1 1 ¯1 1 1 ¯1"),
    ("('b' ⎕R {⍵.Block}) 'abc'", "aabcc"),
    ("('a' 'b' ⎕R {⍕⍵.PatternNum}) 'ab'", "0"),  # ('a' 'b' is 'ab': one pattern)
    ("((,'a') (,'b') ⎕R {⍕⍵.PatternNum}) 'ab'", "01"),
    ("('b' ⎕R {⍕⍵.BlockNum}) 'ab' 'cb'", ["a0", "c1"]),
    ("('(?<x>a)' ⎕R {⊃⍵.Names}) 'ba'", "bx"),
    ("('a' ⎕R {⍕⍵.ReplaceMode}) 'ba'", "b1"),
])
def test_replace(src, expected, backend):
    assert text(run_on(src, backend)) == expected


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    # LRG/system-functions/s: a result per match; transformation codes 0 offset 1 length
    # 2 block number 3 pattern number
    ("('.at' ⎕S '\\u0') 'The cat sat on the mat'", ["CAT", "SAT", "MAT"]),
    ("('\\w+' ⎕S '&') 'ab cd ef'", ["ab", "cd", "ef"]),
    ("('a' ⎕S 0) 'banana'", [1, 3, 5]),
    ("('\\w+' ⎕S 0 1) 'ab cd'", [[0, 2], [3, 2]]),
    ("('\\w+' ⎕S 0 2) 'ab cd' 'ef'", [[0, 0], [3, 0], [6, 1]]),  # offsets in the document
    ("((,'a') (,'n') ⎕S 3) 'banana'", [0, 1, 0, 1, 0]),
    ("('\\d+' ⎕S {⍎⍵.Match}) 'a1b22c'", [1, 22]),
    ("('\\d+' ⎕S {⍵.ReplaceMode}) 'a1'", [0]),
    ("('\\d' ⎕S 0) 'abc'", []),
    ("('\\d' ⎕S '&') 'abc'", []),
])
def test_search(src, expected, backend):
    assert text(run_on(src, backend)) == expected


@pytest.mark.parametrize("src, expected", [
    # LRG/system-functions/search-replace-options: IC is the principal option
    ("('[aeiou]' ⎕R '<&>' ⍠ 'IC' 1) 'ApplE'", "<A>ppl<E>"),
    ("('a' ⎕R 'b' ⍠ 1) 'AaA'", "bbb"),
    ("('a' ⎕R 'b' ⎕OPT 'IC' 1) 'AaA'", "bbb"),
    ("('a' ⎕R 'b' ⍠ ('IC' 1)) 'Aa'", "bb"),
    ("('a' ⎕S 0 ⍠ ('IC' 1)('ML' 2)) 'AaAa'", [0, 1]),
    ("('.a' ⎕S 0 ⍠ 'OM' 1) 'aaaa'", [0, 1, 2]),
    ("('.a' ⎕S 0) 'aaaa'", [0, 2]),
    ("('a' ⎕S 0 ⍠ 'ML' 2) 'aaaa'", [0, 1]),
    ("('a' ⎕S 0 ⍠ 'ML' ¯3) 'aaaa'", [2]),
    ("('a.c' ⎕R 'X' ⍠ 'Regex' 0) 'abc a.c'", "abc X"),
    ("('a' ⎕R '&&' ⍠ 'Regex' (1 0)) 'ab'", "&&b"),
    ("('a.+b' ⎕R 'X' ⍠ 'Greedy' 0) 'aXbYb'", "XYb"),
    ("('a.+?b' ⎕R 'X' ⍠ 'Greedy' 0) 'aXbYb'", "X"),
    ("('a.b' ⎕R 'X' ⍠ ('DotAll' 1)('Mode' 'D')) (,'a') (,'b')", ["X"]),
    ("('a.b' ⎕R 'X' ⍠ 'Mode' 'D') (,'a') (,'b')", ["a", "b"]),
    ("('^b' ⎕R 'X' ⍠ 'Mode' 'M') 'ab' 'bc'", ["ab", "Xc"]),
    ("('^b' ⎕R 'X' ⍠ 'Mode' 'D') 'ab' 'bc'", ["ab", "bc"]),
    ("('\\w' ⎕R '.') 'aé'", ".é"),  # \w is ASCII without UCP, as PCRE's default
    ("('\\w' ⎕R '.' ⍠ 'UCP' 1) 'aé'", ".."),
    ("('^' ⎕R '>' ⍠ 'NEOL' 1) 'a',(⎕UCS 10),'b'", ">a\n>b"),
    ("('x' ⎕R 'y' ⍠ 'ResultText' 'Nested') 'ax'", ["ay"]),
])
def test_options(src, expected):
    assert text(run_on(src)) == expected


@pytest.mark.parametrize("src, expected", [
    # PCRE syntax Python's re spells differently
    ("('(?<d>\\d)\\k<d>' ⎕R 'X') '1123'", "X23"),
    ("('a\\Q.*\\E' ⎕R 'X') 'a.*b'", "Xb"),
    ("('[[:digit:]]+' ⎕R 'N') 'a12b3'", "aNbN"),
    ("('[[:alpha:]]' ⎕R '.') 'a1B'", ".1."),
    ("('\\h+' ⎕R ' ') 'a  b'", "a b"),
    ("('(?i)A' ⎕R 'x') 'aA'", "xx"),
    ("('(?<=a)b' ⎕R 'X') 'abcb'", "aXcb"),
])
def test_pcre_syntax(src, expected):
    assert text(run_on(src)) == expected


@pytest.mark.parametrize("src, error", [
    ("('(' ⎕R 'x') 'a'", "DOMAIN ERROR"),  # a pattern that does not compile
    ("('\\p{L}' ⎕R 'x') 'a'", "DOMAIN ERROR"),
    ("('a' ⎕R 1) 'a'", "DOMAIN ERROR"),
    ("('a' ⎕S 7) 'a'", "DOMAIN ERROR"),
    ("('a' 'b' ⎕R (,¨'x' 'y')) 'a'", "LENGTH ERROR"),  # ('a' 'b' is one pattern 'ab')
    ("((,'a') (,'b') ⎕R (,¨'x' 'y' 'z')) 'a'", "LENGTH ERROR"),
    ("('a' ⎕R 'b') 5", "DOMAIN ERROR"),
    ("('\\d' ⎕R {⍵.Offsets}) '12'", "DOMAIN ERROR"),
    ("('(a)' ⎕R '\\5') 'a'", "DOMAIN ERROR"),
    ("('a' ⎕R 'b' ⍠ 'XX' 1) 'a'", "DOMAIN ERROR"),
    ("('a' ⎕R 'b' ⍠ 'Mode' 'Q') 'a'", "DOMAIN ERROR"),
    ("('a' ⎕R 'b' ⍠ 'IC' 2) 'a'", "DOMAIN ERROR"),
    ("'f' ('a' ⎕R 'b') 'a'", "NONCE ERROR"),
    ("('a' ⎕R 'b' ⍠ 'InEnc' 'UTF16') 'a'", "NONCE ERROR"),
])
def test_errors(src, error):
    assert error_on(src) == error


def test_in_a_dfn_with_each_and_rank():
    assert text(run_on("{('a'⎕R'b')⍵}'abc'")) == "bbc"
    assert text(run_on("('a'⎕R'b')¨'ab' 'ca'")) == ["bb", "cb"]
    assert text(run_on("f←'a'⎕R'b' ⋄ f 'aa'")) == "bb"
    assert text(run_on("(↓('a'⎕R'b')⍤1⊢2 3⍴'abc')")) == ["bbc", "bbc"]


def test_functions_with_options_describe_themselves_and_survive_save_and_load(tmp_path):
    """A derived function with options shows them and )save writes them (they were dropped
    silently: the saved g replaced case-sensitively)."""
    import apl
    from apl.repl import wsfile

    s = apl.Session()
    s.eval("f←⍳⍠('IO' 0) ⋄ g←'a'⎕R'b'⍠'IC' 1 ⋄ h←=⍠(('CT' 1E¯10)('DIV' 1))")
    s.eval("k←'a' 'b'⎕S 0 1⍠('Mode' 'D')('ML' ¯2)")
    assert s.env.vars["f"].describe() == "⍳⍠('IO' 0)"
    assert s.env.vars["g"].describe() == "'a'⎕R'b'⍠('IC' 1)"
    assert s.env.vars["h"].describe() == "=⍠(('CT' 1E¯10)('DIV' 1))"
    assert s.env.vars["k"].describe() == "'ab'⎕S 0 1⍠(('Mode' 'D')('ML' ¯2))"
    path = str(tmp_path / "ws.apl")
    wsfile.save(s, path)
    fresh = apl.Session()
    wsfile.load(fresh, path)
    assert text(fresh.eval("g 'xAa'")) == "xbb"
    assert text(fresh.eval("f 3")) == [0, 1, 2]
    assert text(fresh.eval("1 1.00000000001 h 1")) == [1, 1]  # ⎕CT 1E¯10 for h's calls
    assert text(fresh.eval("1 1.00000000001 = 1")) == [1, 0]
