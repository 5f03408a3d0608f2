"""What a session prints (apl/screen.py): displays folded at ⎕PW as Dyalog folds them, and cut to
what fits on a screen, the cost bounded by what is shown."""
import numpy as np
import pytest

import apl
from apl.repl.core import Repl
from apl.screen import MAX_LINES, fold, preview, session_lines


def shown(src, pw=80, box=False):
    return session_lines(apl.evaluate(src), pw=pw, box=box)


def test_short_lines_are_not_folded():
    assert shown("⍳10") == ["1 2 3 4 5 6 7 8 9 10"]


def test_a_long_vector_folds_at_pw_with_indented_continuations():
    lines = shown("⍳30", pw=30)
    assert lines == ["1 2 3 4 5 6 7 8 9 10 11 12 13", "      14 15 16 17 18 19 20 21",
                     "      22 23 24 25 26 27 28 29", "      30"]
    assert all(len(line) <= 30 for line in lines)


def test_a_wide_matrix_folds_by_blocks_of_columns_for_all_rows():
    lines = shown("3 20⍴⍳60", pw=42)
    assert lines[:3] == [" 1  2  3  4  5  6  7  8  9 10 11 12 13 14",
                         "21 22 23 24 25 26 27 28 29 30 31 32 33 34",
                         "41 42 43 44 45 46 47 48 49 50 51 52 53 54"]
    assert lines[3:] == ["      15 16 17 18 19 20", "      35 36 37 38 39 40", "      55 56 57 58 59 60"]


def test_folding_breaks_between_numbers_never_inside_one():
    lines = fold(["123456 123456 123456 123456"], 20)
    assert lines == ["123456 123456 123456", "      123456"]


def test_a_line_without_blanks_breaks_at_pw():
    assert fold(["x" * 25], 10) == ["x" * 10, "      xxxx", "      xxxx", "      xxxx", "      xxx"]


@pytest.mark.parametrize("src", ["⍳1E6", "1E6⍴⊂⍳1E6", "1000 1000⍴0.5", "(⍳3)(⍳1E5)", "3 1E5⍴⊂⍳5", "1E6⍴'abc'"])
def test_huge_arrays_show_a_bounded_part_and_say_so(src):
    v = apl.evaluate(src)
    part, cut = preview(v)
    assert cut
    items = sum(x.size if isinstance(x, np.ndarray) else 1 for x in np.asarray(part, dtype=object).reshape(-1)) \
        if part.dtype == object else part.size
    assert items <= 20 * 80 * MAX_LINES  # what is formatted is bounded by the screen, not the array
    lines = session_lines(v)
    assert len(lines) <= MAX_LINES + 1 and lines[-1].startswith("… (display cut")
    assert all(len(line) <= 80 for line in lines[:-1])


def test_what_fits_is_shown_whole():
    v = apl.evaluate("100 5⍴⍳500")
    assert preview(v) == (v, False)
    assert len(session_lines(v)) == 100


def test_a_cut_nested_item_ends_in_an_ellipsis():
    part, cut = preview(apl.evaluate("1 (⍳1E6)"), lines=2, width=40)
    assert cut and str(part[1][-1]) == "…"


def test_pw_is_a_system_variable_the_session_folds_at():
    out = []
    repl = Repl(write=out.append)
    for line in ("⎕PW", "⎕PW←42", "⍳30"):
        repl.execute(line)
    assert out == ["80", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", "      18 19 20 21 22 23 24 25 26 27 28 29",
                   "      30"]
    for bad in ("41", "32768", "50.5"):
        out.clear()
        repl.execute(f"⎕PW←{bad}")
        assert out[0].startswith("DOMAIN ERROR")
    out.clear()
    repl.execute("⎕PW")
    assert out == ["42"]


def test_rl_must_be_a_whole_number_in_range():
    for bad in ("0.5", "¯1", "2147483647"):
        with pytest.raises(apl.APLError) as info:
            apl.evaluate(f"⎕RL←{bad}")
        assert info.value.name == "DOMAIN ERROR"
    assert apl.evaluate("⎕RL←42 ⋄ ⎕RL") == 42
