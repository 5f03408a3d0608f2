"""Replicate and expand (/ ⌿ \\ ⍀ as functions, apl/primitives/structural.py), through the public API
against Dyalog's documented behaviour.

`check_spec(expr, spec)` compares a result with an expected value written in Python (see
apl_values.expected): a number or a 1-character string is a scalar, a longer (or empty) string a
character vector, a list a vector of items; R(shape, items) an array of any shape, Enc(spec) an
enclosure, Z(kind, shape) an empty array of kind "N", "C" or "O".
"""
from apl_values import R, Z, assert_errors, check_specs

M23 = "(2 3⍴⍳6)"
A234 = "(2 3 4⍴⍳24)"


# ------------------------------------------------------------------ / ⌿ replicate
def test_replicate():
    check_specs([
        ("1 0 1/1 2 3", [1, 3]),
        ("1 0 1 0 1/⍳5", [1, 3, 5]),
        ("2/1 2 3", [1, 1, 2, 2, 3, 3]),
        ("1 1 2 1 2 1 2 1/'Misisipi'", "Mississippi"),
        ("0/1 2 3", Z("N")),
        ("0/'abc'", Z("C")),
        ("1/5", [5]),                                         # a scalar becomes a vector
        ("1/,5", [5]),
        ("1/'a'", R((1,), ["a"])),
        ("1 2 3/5", [5, 5, 5, 5, 5, 5]),
        ("0/5", Z("N")),
        ("1 0 1/4", [4, 4]),
        ("1 0 1/,3", [3, 3]),
        ("1 0 1/1 1⍴5", R((1, 2), [5, 5])),
        ("(,2)/1 2", [1, 1, 2, 2]),
        ("1 ¯2 1/1 2 3", [1, 0, 0, 3]),                        # negative: fills
        ("1 ¯2 3 ¯4 5/⍳5", [1, 0, 0, 3, 3, 3, 0, 0, 0, 0, 5, 5, 5, 5, 5]),
        ("1 ¯2 1/'abc'", "a  c"),
        ("¯2/'ab'", "    "),
        ("1 ¯1/(1 2)'ab'", [[1, 2], [0, 0]]),                  # the fill of the whole argument
        ("¯1 1/(1 2)'ab'", [[0, 0], "ab"]),
        ("1 2/(1 2)(3 4)", [[1, 2], [3, 4], [3, 4]]),
        ("2/⊂1 2", [[1, 2], [1, 2]]),
        ("1 0/1 'a'", [1]),                                    # canonical: simple result
        ("0 1/1 'a'", R((1,), ["a"])),
        ("0 0/(1 2)'ab'", Z("O")),
        ("⊃0 0/(1 2)'ab'", [0, 0]),
        ("⍬/⍬", Z("N")),
        ("⍬/5", Z("N")),
        ("0/⍬", Z("N")),
        ("1 0/2 2⍴⍳4", R((2, 1), [1, 3])),
        ("1 0⌿2 2⍴⍳4", R((1, 2), [1, 2])),
        ("1 0/[1]2 2⍴⍳4", R((1, 2), [1, 2])),
        ("2 0 1/" + M23, R((2, 3), [1, 1, 3, 4, 4, 6])),
        ("0 1⌿" + M23, R((1, 3), [4, 5, 6])),
        ("2 ¯2 1/[2]2 3⍴'ABCDEF'", R((2, 5), "AA  CDD  F")),
        ("1 ¯1⌿" + M23, R((2, 3), [1, 2, 3, 0, 0, 0])),
        ("1 0 1/[2]" + A234, R((2, 2, 4), [1, 2, 3, 4, 9, 10, 11, 12,
                                           13, 14, 15, 16, 21, 22, 23, 24])),
        ("2/[3]2 1 1⍴1 2", R((2, 1, 2), [1, 1, 2, 2])),
        ("1 0 1/2 1⍴7 8", R((2, 2), [7, 7, 8, 8])),            # length 1 along the axis
        ("3⌿1 2⍴5 6", R((3, 2), [5, 6, 5, 6, 5, 6])),
        ("(1=1 0 1)/1 2 3", [1, 3]),
        ("1.0 0/1 2", [1]),
    ])
    assert_errors([
        ("1 2/1 2 3", "LENGTH ERROR"),
        ("1 0 1/⍬", "LENGTH ERROR"),
        ("1 0 1/2 2⍴1", "LENGTH ERROR"),
        ("(1 1⍴1)/1", "RANK ERROR"),
        ("1.5/1", "DOMAIN ERROR"),
        ("'a'/1", "DOMAIN ERROR"),
        ("1 0 1/[3]2 3⍴⍳6", "RANK ERROR"),
    ])


def test_expand():
    check_specs([
        ("1 0 1\\1 2", [1, 0, 2]),
        ("1 0 1\\'ab'", "a b"),
        ("1 0 0 1 0 1\\'abc'", "a  b c"),
        ("1 ¯2 1\\1 2", [1, 0, 0, 2]),
        ("1 ¯2 3 ¯4 5\\'A'", "A  AAA    AAAAA"),               # a singleton is extended
        ("1 0 3 ¯2 2\\'abc'", "a bbb  cc"),
        ("2 0 1\\1 2", [1, 1, 0, 2]),
        ("1 0 1\\5", [5, 0, 5]),
        ("0\\⍳0", [0]),
        ("0 0\\⍬", [0, 0]),
        ("¯1\\⍬", [0]),
        ("⍬\\⍬", Z("N")),
        ("⍬\\5", Z("N")),
        ("0\\''", R((1,), [" "])),
        ("1 0 1\\(1 2)(3 4)", [[1, 2], [0, 0], [3, 4]]),
        ("1 ¯2 1\\(1 2)(3 4 5)", [[1, 2], [0, 0], [0, 0], [3, 4, 5]]),
        ("0 1\\⊂'ab'", ["  ", "ab"]),
        ("0 0\\0⍴⊂'abc'", ["   ", "   "]),
        ("1 0 1\\1 'a'", [1, 0, "a"]),
        ("1 0 1⍀2 2⍴⍳4", R((3, 2), [1, 2, 0, 0, 3, 4])),
        ("1 0 1\\2 2⍴⍳4", R((2, 3), [1, 0, 2, 3, 0, 4])),
        ("1 0 1\\[1]2 2⍴⍳4", R((3, 2), [1, 2, 0, 0, 3, 4])),
        ("1 ¯2 2 0 1\\" + M23, R((2, 7), [1, 0, 0, 2, 2, 0, 3, 4, 0, 0, 5, 5, 0, 6])),
        ("1 0 1\\2 1⍴'ab'", R((2, 3), "a ab b")),
        ("3 1 ¯1 2⍀3 4⍴⎕A", R((7, 4), "ABCDABCDABCDEFGH    IJKLIJKL")),
        ("1 0 1\\[2]2 2 2⍴⍳8", R((2, 3, 2), [1, 2, 0, 0, 3, 4, 5, 6, 0, 0, 7, 8])),
    ])
    assert_errors([
        ("1 0 1\\1 2 3", "LENGTH ERROR"),
        ("1 0 1\\⍬", "LENGTH ERROR"),
        ("1 1\\1 2 3", "LENGTH ERROR"),
        ("(1 1⍴1)\\1", "RANK ERROR"),
        ("1.5\\1", "DOMAIN ERROR"),
        ("1 0 1\\[3]2 2⍴⍳4", "RANK ERROR"),
    ])
