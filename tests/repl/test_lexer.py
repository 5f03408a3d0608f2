"""The session's lexer (apl/repl/lexer.py): the kind, and so the colour, of each token.
"""


# ---------------------------------------------------------------- ⍛ in the REPL and translator
def test_lexer_colours_behind_as_an_operator():
    from apl.repl.lexer import kinds

    assert kinds("3 -⍛× 4") == [("number", "3"), ("function", "-"), ("operator", "⍛"),
                                ("function", "×"), ("number", "4")]
    assert ("error", "⍛") not in kinds("{⍺ -⍛× ⍵}")
