"""Tests for apl.display: Dyalog's default session display (⎕PP=10, ]box off).

Expected outputs come from the examples in Dyalog's documentation ("Display of
Arrays", monadic ⍕, ⎕PP, the Key operator) wherever one exists.
"""
import numpy as np
import pytest
from apl_values import chars, enclose, nested
from hypothesis import given
from hypothesis import strategies as st

import apl
from apl.display import box_lines, format_lines, format_number, format_value

# ------------------------------------------------------------------ numbers

@pytest.mark.parametrize("value, text", [
    (0, "0"),
    (42, "42"),
    (-5, "¯5"),
    (np.int64(-3), "¯3"),
    (123456789012, "1.23456789E11"),     # beyond 32 bits Dyalog holds integers as floats: ⎕PP applies
    (2147483647, "2147483647"),          # ⎕PP never applies to (32-bit) integers
    (True, "1"),
    (np.bool_(False), "0"),
    (2.0, "2"),                          # whole float: no decimal point
    (-0.0, "0"),
    (-2.5, "¯2.5"),
    (1 / 3, "0.3333333333"),
    (2 / 3, "0.6666666667"),
    (9.99999999999, "10"),               # rounding carries into a new digit
    (1234567890.0, "1234567890"),        # ten digits still fit ⎕PP=10
    (1e10, "1E10"),                      # eleven do not: scaled form
    (12345678901.5, "1.23456789E10"),
    (-2.0 ** 40, "¯1.099511628E12"),
    (0.0001, "0.0001"),
    (0.000001, "0.000001"),              # five leading zeros: still plain
    (1e-7, "1E¯7"),                      # six leading zeros: scaled
    (1.5e-7, "1.5E¯7"),
    (1e300, "1E300"),
    (1 + 2j, "1J2"),
    (1 - 2j, "1J¯2"),
    (1j, "0J1"),
    (-1.5 - 0.25j, "¯1.5J¯0.25"),
    (3 + 0j, "3"),
])
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize("value, pp, text", [
    (123, 3, "123"),
    (1234.0, 3, "1.23E3"),
    (0.12345, 3, "0.123"),
    (0.00012345, 3, "0.000123"),
    (123.456789, 5, "123.46"),
    (123456.7, 5, "1.2346E5"),
    (0.0000001234, 5, "1.234E¯7"),
    (123456789, 5, "123456789"),
    (1 / 3, 17, "0.33333333333333331"),
])
def test_format_number_pp(value, pp, text):
    assert format_number(value, pp) == text


# ------------------------------------------------------------------ scalars and vectors

def test_scalars():
    assert format_lines(np.array(7)) == ["7"]
    assert format_lines(np.float64(2.5)) == ["2.5"]
    assert format_lines(np.array("a", dtype="<U1")) == ["a"]
    assert format_lines(3) == ["3"]
    assert format_lines("x") == ["x"]


def test_integer_vector():
    assert format_lines(np.array([1, 2, 3])) == ["1 2 3"]
    assert format_lines(np.array([1, -2, 30])) == ["1 ¯2 30"]


def test_float_vector_items_formatted_independently():
    assert format_lines(np.array([0.1, 1.0, 1.12])) == ["0.1 1 1.12"]
    assert format_lines(1 / np.array([3.0, 2, 6])) == ["0.3333333333 0.5 0.1666666667"]
    assert format_lines(np.array([1e10, 1, 2])) == ["1E10 1 2"]


def test_vector_with_pp():
    v = np.array([123, 1234, 12345, 0.12345, 0.00012345, 0.00000012345])
    assert format_lines(v, pp=3) == ["123 1.23E3 1.23E4 0.123 0.000123 1.23E¯7"]
    v = np.array([-123456, 1, 22.5, -0.000000667, 5.00001])
    assert format_lines(v, pp=5) == ["¯1.2346E5 1 22.5 ¯6.67E¯7 5"]


def test_boolean_and_complex_vectors():
    assert format_lines(np.array([True, False, True])) == ["1 0 1"]
    assert format_lines(np.array([1 + 2j, 1 - 2j, 1j, 2 + 0j])) == ["1J2 1J¯2 0J1 2"]


def test_char_vector():
    assert format_lines(chars("hello world")) == ["hello world"]


def test_empty_vectors_show_one_empty_line():
    assert format_lines(np.zeros(0, dtype=np.int64)) == [""]
    assert format_lines(np.zeros(0, dtype="<U1")) == [""]
    assert format_value(np.zeros(0)) == ""


def test_mixed_simple_vector():
    assert format_lines(nested(1, "a", 2)) == ["1 a 2"]
    assert format_lines(nested("A", 2, "B", "C")) == ["A 2 BC"]


# ------------------------------------------------------------------ matrices

def test_integer_matrix_right_aligned():
    assert format_lines(np.outer([1, 2, 3], [6, 2, 5])) == [
        " 6 2  5",
        "12 4 10",
        "18 6 15",
    ]


def test_matrix_with_negative_numbers():
    assert format_lines(np.array([[1, -20], [-300, 4]])) == [
        "   1 ¯20",
        "¯300   4",
    ]


def test_float_matrix_decimal_alignment():
    m = np.array([2, 4, 6.1, 8, 10.24, 12]).reshape(2, 3)
    assert format_lines(m) == [
        "2  4     6.1",
        "8 10.24 12  ",
    ]
    assert format_lines(np.array([[1.5], [10], [2.25]])) == [" 1.5 ", "10   ", " 2.25"]


def test_scaled_column_aligns_on_E():
    m = np.array([[1.5, -2], [3.25, 1e-9]])
    assert format_lines(m) == [
        "1.5  ¯2E0 ",
        "3.25  1E¯9",
    ]


def test_mixed_matrix_from_dyalog_docs():
    m = nested(4, "A", "B", 5, -0.000000003, "C", "D", 123.56).reshape(2, 4)
    assert format_lines(m) == [
        " 4E0  AB   5   ",
        "¯3E¯9 CD 123.56",
    ]


def test_char_matrix():
    assert format_lines(chars("HANDFIST").reshape(2, 4)) == ["HAND", "FIST"]


def test_boolean_matrix():
    assert format_lines(np.eye(2, dtype=bool)) == ["1 0", "0 1"]


def test_empty_matrices():
    assert format_lines(np.zeros((0, 3), dtype=np.int64)) == []
    assert format_lines(np.zeros((3, 0), dtype=np.int64)) == ["", "", ""]


# ------------------------------------------------------------------ higher rank

def test_rank3_planes_separated_by_blank_line():
    assert format_lines(np.arange(1, 25).reshape(2, 3, 4)) == [
        " 1  2  3  4",
        " 5  6  7  8",
        " 9 10 11 12",
        "",
        "13 14 15 16",
        "17 18 19 20",
        "21 22 23 24",
    ]


def test_rank4_blocks_separated_by_two_blank_lines():
    a = chars("THEREDFOX").reshape(3, 1, 1, 3)
    assert format_lines(a) == ["THE", "", "", "RED", "", "", "FOX"]


def test_rank3_columns_formatted_across_planes():
    c = np.resize(np.array([22, -0.000000123, 2.34, -212, 123456, 6.00002, 0]), (2, 2, 3))
    assert format_lines(c, pp=5) == [
        "  22    ¯1.2300E¯7  2.3400E0 ",
        "¯212     1.2346E5   6.0000E0 ",
        "",
        "   0     2.2000E1  ¯1.2300E¯7",
        "   2.34 ¯2.1200E2   1.2346E5 ",
    ]


# ------------------------------------------------------------------ nested arrays

def test_nested_vector():
    assert format_lines(nested(np.array([1, 2]), np.array([3, 4]))) == [" 1 2  3 4 "]


def test_nested_vector_with_simple_items():
    assert format_lines(nested(1, np.array([2, 3]), 4)) == ["1  2 3  4"]
    assert format_lines(nested(12, chars("ab"))) == ["12  ab "]
    assert format_lines(nested("a", chars("bc"))) == ["a bc "]


def test_nested_vector_from_format_docs():
    v = nested(chars("ABC"), 100, nested(1, 2, np.array([3, 4, 5])), 10)
    assert format_value(v) == " ABC  100  1 2  3 4 5   10"


def test_nested_vector_of_pairs():
    v = nested(*(nested(chars(w), n) for w, n in [("ONE", 1), ("TWO", 2), ("THREE", 3), ("FOUR", 4)]))
    assert format_lines(v) == ["  ONE  1   TWO  2   THREE  3   FOUR  4 "]


def test_nested_items_of_different_heights():
    v = nested(1, chars("AB"), np.array([[2, 3], [4, 5]]), chars("CDEFGHIJKLMN").reshape(2, 2, 3))
    assert format_lines(v) == [
        "1  AB  2 3  CDE ",
        "       4 5  FGH ",
        "                ",
        "            IJK ",
        "            LMN ",
    ]


def test_nested_vector_with_empty_items():
    v = nested(1, np.zeros(0, dtype=np.int64), 2, np.zeros(0, dtype="<U1"), 3)
    assert format_lines(v) == ["1    2    3"]


def test_enclosed_vector():
    assert format_lines(enclose(np.array([1, 2, 3]))) == [" 1 2 3 "]
    assert format_lines(enclose(enclose(np.array([1, 2, 3])))) == ["  1 2 3  "]
    assert format_value(enclose(chars("abc"))).strip() == "abc"


def test_enclosed_simple_scalar_is_the_scalar():
    assert format_lines(enclose(5)) == ["5"]
    assert format_lines(nested(1, enclose(5), "a")) == ["1 5 a"]


def test_nested_matrix():
    m = nested(chars("ONE"), 1, chars("TWO"), 2, chars("THREE"), 3, chars("FOUR"), 4).reshape(2, 4)
    assert format_lines(m) == [
        " ONE    1  TWO   2",
        " THREE  3  FOUR  4",
    ]


def test_nested_matrix_of_vectors():
    m = nested(*(np.array([i, j]) for i in (1, 2) for j in (1, 2))).reshape(2, 2)
    assert format_lines(m) == [" 1 1  1 2 ", " 2 1  2 2 "]


def test_nested_matrix_with_char_scalars():
    suits = ["Spades", "Hearts", "Clubs"]
    cards = ["2", "Queen", "4"]
    items = [x for s, c in zip(suits, cards) for x in (chars(s), c if len(c) == 1 else chars(c))]
    assert format_lines(nested(*items).reshape(3, 2)) == [
        " Spades  2     ",
        " Hearts  Queen ",
        " Clubs   4     ",
    ]


def test_nested_matrix_numbers_right_aligned_beside_text():
    m = nested(chars("Spades"), 2, chars("Hearts"), 12, chars("Clubs"), 1).reshape(3, 2)
    assert format_lines(m) == [
        " Spades   2",
        " Hearts  12",
        " Clubs    1",
    ]
    m = nested(0, 0, 0, chars("ab")).reshape(2, 2)
    assert format_lines(m) == ["0   0 ", "0  ab "]


def test_doubly_enclosed_items_get_two_blanks():
    m = nested(enclose(chars("Spades")), np.array([1, 3]), enclose(chars("Clubs")), np.array([4])).reshape(2, 2)
    assert format_lines(m) == [
        "  Spades   1 3 ",
        "  Clubs    4   ",
    ]


def test_format_value_joins_lines():
    assert format_value(np.array([[1, 2], [3, 4]])) == "1 2\n3 4"


# ------------------------------------------------------------------ boxed display

def test_box_simple_array_is_unboxed():
    assert box_lines(np.array([1, 2, 3])) == ["1 2 3"]
    assert box_lines(nested(1, "a")) == ["1 a"]


def test_box_nested_vector():
    v = nested(chars("ABC"), np.array([[1, 2, 3, 4]]))
    assert box_lines(v) == [
        "┌───┬───────┐",
        "│ABC│1 2 3 4│",
        "└───┴───────┘",
    ]


def test_box_nested_matrix():
    m = nested(*(np.array([i, j]) for i in (1, 2) for j in (1, 2))).reshape(2, 2)
    assert box_lines(m) == [
        "┌───┬───┐",
        "│1 1│1 2│",
        "├───┼───┤",
        "│2 1│2 2│",
        "└───┴───┘",
    ]


def test_box_enclosure_and_recursion():
    assert box_lines(enclose(np.array([1, 2, 3]))) == ["┌─────┐", "│1 2 3│", "└─────┘"]
    v = nested(1, nested(chars("ab"), np.array([2, 3])))
    assert box_lines(v) == [
        "┌─┬────────┐",
        "│1│┌──┬───┐│",
        "│ ││ab│2 3││",
        "│ │└──┴───┘│",
        "└─┴────────┘",
    ]


def test_box_multi_line_cell():
    v = nested(np.arange(6).reshape(2, 3), chars("hello"))
    assert box_lines(v) == [
        "┌─────┬─────┐",
        "│0 1 2│hello│",
        "│3 4 5│     │",
        "└─────┴─────┘",
    ]


# ------------------------------------------------------------------ properties


@given(st.lists(st.integers(-2**31 + 1, 2**31 - 1), min_size=1, max_size=12))  # Dyalog's integers
def test_integer_vector_round_trips(xs):
    text = format_value(np.array(xs, dtype=np.int64))
    assert [int(t.replace("¯", "-")) for t in text.split(" ")] == xs


@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_float_matrix_rows_are_rectangular(r, c, data):
    xs = data.draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=r * c,
                            max_size=r * c))
    lines = format_lines(np.array(xs).reshape(r, c))
    assert len(lines) == r
    assert len({len(s) for s in lines}) == 1
    for row, line in zip(np.array(xs).reshape(r, c), lines):
        for x, tok in zip(row, line.split()):
            back = float(tok.replace("¯", "-").replace("E", "e"))
            assert back == pytest.approx(x, rel=1e-9, abs=1e-12)


# ------------------------------------------------------------------ non-finite floats, small integers
def test_display_never_raises_on_a_non_finite_float():
    # such a value is never an APL result; shown plainly rather than failing
    for v in [np.array([np.inf, 4.0]), np.array(np.inf), np.array([np.nan, -np.inf]),
              np.array([[np.inf, 1e300], [2.5, np.nan]]), np.array([complex(np.nan, np.inf)])]:
        text = "\n".join(format_lines(v))
        assert "∞" in text or "NaN" in text
        box_lines(v)
    assert format_lines(np.array([np.inf, 4.0])) == ["∞ 4"]
    assert format_lines(np.array([-np.inf])) == ["¯∞"]
    nested = np.empty(2, dtype=object)
    nested[0], nested[1] = np.array([np.inf, 2.0]), np.array(3)
    format_lines(nested)
    box_lines(nested)


def test_display_of_small_integer_items():
    assert format_lines(apl.evaluate("⍳2 2")) == [" 1 1  1 2 ", " 2 1  2 2 "]
    assert format_lines(apl.evaluate("2 2⍴¯1 20 3 ¯400")) == ["¯1   20", " 3 ¯400"]


def test_pp_above_17_displays_17_digits():
    from apl.display import format_lines, format_number

    assert format_number(1 / 3, 30) == "0.33333333333333331"
    assert format_lines(np.array([1 / 3, 2.0]), 25) == ["0.33333333333333331 2"]
