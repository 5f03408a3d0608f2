"""The glyph registry (apl/glyphs) against everything that reads it: every row's examples show
what the row says on both backends and agree through the translator (or meet its stated
refusal), every error example raises its error, and the evaluator, translator, grammar and REPL
know exactly the glyphs the registry lists."""
import numpy as np
import pytest
from apl_values import BACKENDS, HAVE_TORCH, error_on, host, run_translated

import apl
from apl.backends import host as to_host
from apl.display import format_value
from apl.glyphs import BY_GLYPH, DYADIC_OPERATOR, FUNCTION, GLYPHS, MONADIC_OPERATOR, SYNTAX
from apl.primitives.operators import make_derived
from apl.primitives.table import PRIMITIVES

EXAMPLES = [(g.glyph, valence, src, shows) for g in GLYPHS for valence, m in g.meanings for src, shows in m.examples]
ERRORS = [(g.glyph, valence, src, name) for g in GLYPHS for valence, m in g.meanings for src, name in m.errors]


def _id(case):
    return f"{case[0]} {case[1]}: {case[2]}"


def _display(src, backend):
    """What a session on the backend displays for src's last value."""
    s = apl.Session(backend=backend) if backend != "numpy" else apl.Session()
    return format_value(to_host(s.run(src, lambda v, shy: None)), 10)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", EXAMPLES, ids=_id)
def test_each_example_shows_what_its_row_says(case, backend):
    _glyph, _valence, src, shows = case
    assert _display(src, backend) == shows


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", ERRORS, ids=_id)
def test_each_error_example_raises_its_error(case, backend):
    _glyph, _valence, src, name = case
    assert error_on(src, backend) == name


# ---------------------------------------------------------------- through the translator
# Examples where the generated code still differs from the interpreter (issue #12 removed the
# last ones); strict, so a fix shows here as an unexpected pass.
TRANSLATOR_DIVERGES: dict = {}


def _translation_case(case):
    _glyph, _valence, src, _shows = case
    marks = []
    if src in TRANSLATOR_DIVERGES:
        marks.append(pytest.mark.xfail(reason=TRANSLATOR_DIVERGES[src], strict=True))
    return pytest.param(case, id=_id(case), marks=marks)


@pytest.mark.skipif(not HAVE_TORCH, reason="torch is not installed")
@pytest.mark.parametrize("case", [_translation_case(c) for c in EXAMPLES])
def test_each_example_through_the_translator_agrees_or_is_refused(case):
    glyph, valence, src, _shows = case
    meaning = dict(BY_GLYPH[glyph].meanings)[valence]
    try:
        code = apl.translate(src)
    except apl.APLError as e:
        assert e.name == "NONCE ERROR", str(e)  # a stated refusal: of this glyph, or of a part
        return
    if BY_GLYPH[glyph].kind != SYNTAX:
        assert meaning.torch is not None, f"the row says the translator refuses {glyph} ({meaning.refused})"
    try:
        got = run_translated(code)
    except ValueError as e:  # the generated code's own refusal of a value it cannot handle
        assert "not translated" in str(e)
        return
    want = host(apl.Session(backend="torch").eval(src))
    got = host(got)
    assert np.shape(got) == np.shape(want)
    np.testing.assert_allclose(np.asarray(got, dtype=complex), np.asarray(want, dtype=complex), rtol=1e-12)


def test_each_refused_meaning_says_why_and_each_translated_one_names_its_rendering():
    for g in GLYPHS:
        for valence, m in g.meanings:
            if g.kind == SYNTAX:
                continue
            assert (m.torch is None) != (m.refused is None), f"{g.glyph} {valence}: a rendering or a reason"


# ---------------------------------------------------------------- the rows themselves
def test_every_supported_meaning_has_examples_and_every_row_a_name_and_docs():
    for g in GLYPHS:
        assert g.names and g.doc, g.glyph
        for valence, m in g.meanings:
            assert m.examples, f"{g.glyph} {valence} has no example"


def test_keys_and_glyphs_are_unique():
    keys = [g.key for g in GLYPHS if g.key is not None]
    assert len(keys) == len(set(keys))
    assert len(BY_GLYPH) == len(GLYPHS)


# ---------------------------------------------------------------- the readers agree with it
def test_the_evaluator_knows_exactly_the_registry_functions():
    expected = {g.glyph for g in GLYPHS if g.supported and g.kind != SYNTAX
                and any(m is not None and m.evaluator for m in (g.monadic, g.dyadic))}
    assert set(PRIMITIVES) == expected
    # ⍎ is the runtime's: it runs statements where it is called
    assert {g.glyph for g in GLYPHS if g.kind == FUNCTION} - set(PRIMITIVES) == {"⍎"}


@pytest.mark.parametrize("row", [g for g in GLYPHS if g.kind in (MONADIC_OPERATOR, DYADIC_OPERATOR)],
                         ids=lambda g: g.glyph)
def test_each_operator_derives_or_is_a_nonce_error(row):
    plus = PRIMITIVES["+"]
    right = plus if row.kind == DYADIC_OPERATOR else None
    if row.glyph in ("⍤", "⍣", "@", "⌺"):
        right = np.array(1)
    if row.glyph == "⍠":  # (its options: a name and a value)
        right = apl.evaluate("'IO' 0")
    if not row.supported:
        with pytest.raises(apl.APLError) as info:
            make_derived(row.glyph, plus, right)
        assert info.value.name == "NONCE ERROR"
        return
    assert make_derived(row.glyph, plus, right) is not None


@pytest.mark.parametrize("row", [g for g in GLYPHS if g.kind != SYNTAX], ids=lambda g: g.glyph)
def test_the_grammar_and_the_session_colours_read_each_glyph_by_its_kind(row):
    from apl.syntax.parser import parse

    pytest.importorskip("pygments")
    from apl.repl.lexer import kinds

    glyph = row.glyph
    statement = parse(glyph)[0]
    token = statement.parts[0][0]
    expected = {FUNCTION: "function", MONADIC_OPERATOR: "monop", DYADIC_OPERATOR: "dyop"}[row.kind]
    if glyph in ("∘.", "∘", "."):
        expected = {"∘.": "outer", "∘": "jot", ".": "dot"}[glyph]
    assert token.kind == expected
    lexed = {k for k, _ in kinds(glyph)}
    assert lexed == {"function" if row.kind == FUNCTION else "operator"}


def test_aliases_read_as_their_glyph():
    assert BY_GLYPH["∧"].aliases == ("^",)
    assert apl.evaluate("1 0 1^1 1 0").tolist() == [True, False, False]


def test_a_dfn_of_a_function_with_a_non_scalar_meaning_is_not_applied_whole_by_each():
    # ≠ is scalar dyadically only: {≠⍵}¨ must apply the unique mask to each item
    r = apl.evaluate("{≠⍵}¨⊂1 1 2")
    assert r.shape == () and r[()].tolist() == [True, False, True]


# ---------------------------------------------------------------- inverses the rows state
# an argument for each function whose row says what undoes it (and, for a dyadic meaning, A)
MONADIC_SAMPLES = {"+": "3J4", "-": "5", "÷": "4", "*": "2", "⍟": "2", "○": "0.5", "~": "1 0", "⌽": "1 2 3",
                   "⊖": "2 2⍴⍳4", "⍉": "2 3⍴⍳6", "↑": "(1 2)(3 4)", "↓": "2 2⍴⍳4", "⊂": "1 2", "⊃": "⊂1 2",
                   "⊣": "5", "⊢": "5", "⍸": "1 0 1"}
DYADIC_SAMPLES = {"+": ("3", "5"), "-": ("10", "3"), "×": ("2", "3"), "÷": ("12", "4"), "*": ("2", "3"),
                  "⍟": ("2", "8"), "○": ("1", "0.5"), "⌽": ("1", "1 2 3"), "⊖": ("1", "2 2⍴⍳4"),
                  "⊥": ("2 2 2", "1 0 1"), "⊤": ("2 2 2", "5")}
INVERSES = [(g.glyph, valence) for g in GLYPHS for valence, m in g.meanings if m.inverse]


@pytest.mark.parametrize("glyph,valence", INVERSES, ids=lambda x: str(x))
def test_each_stated_inverse_undoes_its_function(glyph, valence):
    if valence == "monadic":
        x = MONADIC_SAMPLES[glyph]
        src = f"x←{x} ⋄ x≡({glyph}⍣¯1){glyph}x"
    else:
        a, x = DYADIC_SAMPLES[glyph]
        src = f"x←{x} ⋄ a←{a} ⋄ x≡(a∘{glyph}⍣¯1)a{glyph}x"
    assert apl.evaluate(src) == 1, src
