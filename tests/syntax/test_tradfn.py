"""∇ definitions as text (apl/syntax/tradfn.py): where they are in a script, their headers
(Dyalog's Programming Reference, "Defined Functions and Operators": the header forms), and their
lines cut into labels, control words and statements."""
import pytest

from apl.errors import SyntaxError_
from apl.syntax.tradfn import Header, parse_header, pieces, segments


def test_pieces_cut_code_from_definitions():
    text = "a←1\n∇ r←f x;y\n r←x+1\n∇\nf 2"
    found = pieces(text)
    assert [p.kind for p in found] == ["code", "definition", "code"]
    assert found[1].lines == ("∇ r←f x;y", " r←x+1", "∇") and found[1].first == 1 and found[1].closed
    assert found[2].first == 4


def test_a_definition_without_its_closing_line_is_open():
    assert not pieces("∇ r←f x\n r←x")[-1].closed


def test_del_inside_a_dfn_opens_no_definition():
    found = pieces("f←{\n∇ ⍵-1\n}")  # ∇ inside braces: the dfn itself, not a definition
    assert [p.kind for p in found] == ["code"]


def test_a_lone_del_closes_even_after_an_unclosed_bracket():
    found = pieces("∇ r←g x\n r←(x\n∇\ng 1")
    assert [p.kind for p in found] == ["definition", "code"]


@pytest.mark.parametrize("text, header", [
    ("f", Header("f")),
    ("f w", Header("f", right="w")),
    ("r←f w", Header("f", result="r", right="w")),
    ("r←a f w", Header("f", result="r", left="a", right="w")),
    ("{r}←{a} f w", Header("f", result="r", shy=True, left="a", left_optional=True, right="w")),
    ("r←f (a b c)", Header("f", result="r", right=("a", "b", "c"))),
    ("(r s)←f w", Header("f", result=("r", "s"), right="w")),
    ("r←(ll op) w", Header("op", result="r", right="w", left_operand="ll")),
    ("r←a (ll op rr) w;t;⎕IO", Header("op", result="r", left="a", right="w", left_operand="ll",
                                      right_operand="rr", locals=("t", "⎕IO"))),
    ("r←f w;x;y ⍝ a comment", Header("f", result="r", right="w", locals=("x", "y"))),
])
def test_header_forms(text, header):
    fields = Header.__fields__
    assert [getattr(parse_header(text), f) for f in fields] == [getattr(header, f) for f in fields]


@pytest.mark.parametrize("text", ["", "r←", "a b c d", "r←f {w}", "r←f w;1x", "f←", "r←{f} w", "f f",
                                  "r←f w;+", "r←(a b c d e) w"])
def test_malformed_headers_are_syntax_errors(text):
    with pytest.raises(SyntaxError_):
        parse_header(text)


def test_header_names_every_local():
    assert parse_header("r←a (ll op rr) w;t").names == ("r", "a", "w", "ll", "rr", "t")


def test_segments_find_labels_control_words_and_statements():
    segs, labels, text = segments([" :If x>0", "L1: r←1 ⋄ :Else", "  r←{⍵", "+1}2", ":EndIf",
                                   ":For i j :In ⍳3", "→L1"], None)
    words = [(s.line, s.label, s.word) for s in segs]
    assert words == [(1, None, "if"), (2, "L1", ""), (2, None, "else"), (3, None, ""),
                     (5, None, "endif"), (6, None, "for"), (7, None, "")]
    assert labels == {"L1": 2}
    assert segs[5].names == ("i", "j") and not segs[5].each
    assert segs[6].statement.kind == "branch"
    # the statements keep their places: the parsed text has the same lines, words blanked
    assert text.split("\n")[1] == "     x>0"
    stmt = segs[3].statement
    assert stmt.span.text[stmt.span.start:stmt.span.end] == "r←{⍵\n+1}2"


def test_control_words_ignore_case():
    segs, _, _ = segments([":if 1", ":ENDIF"], None)
    assert [s.word for s in segs] == ["if", "endif"]


def test_in_each_is_marked():
    segs, _, _ = segments([":For a b :InEach x y"], None)
    assert segs[0].each and segs[0].names == ("a", "b")


def test_a_label_twice_is_a_syntax_error():
    with pytest.raises(SyntaxError_):
        segments(["L: 1", "L: 2"], None)
