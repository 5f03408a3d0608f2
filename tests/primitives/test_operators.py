"""Primitive operators ¨ ⍨ ∘. . ∘ ⍤ ⍣ ⍥ @ ⌸, and the array idioms of the fast.ai APL notes.

Expected values are Dyalog APL's (⎕IO←1, ⎕ML←1).
"""
import numpy as np
import pytest



from apl_values import chars, check, error_name, ev, nested, same  # noqa: F401



def grid(rows):
    """An object matrix from a list of lists (for nested results)."""
    out = np.empty((len(rows), len(rows[0])), dtype=object)
    for i, row in enumerate(rows):
        for j, x in enumerate(row):
            out[i, j] = x
    return out


# ---------------------------------------------------------------- ¨
@pytest.mark.parametrize("src, exp", [
    ("⍴¨(1 2)(3 4 5)", nested(np.array([2]), np.array([3]))),
    ("≢¨(1 2)(3 4 5)", [2, 3]),
    ("+/¨(1 2)(3 4)", [3, 7]),
    ("1 2+¨3 4", [4, 6]),
    ("1+¨3 4", [4, 5]),
    ("(1 2)(3 4),¨5", nested(np.array([1, 2, 5]), np.array([3, 4, 5]))),
    ("(1 2)(3 4),¨5 6", nested(np.array([1, 2, 5]), np.array([3, 4, 6]))),
    ("5,¨(1 2)(3 4)", nested(np.array([5, 1, 2]), np.array([5, 3, 4]))),
    ("1 2{⍺+⍵}¨3 4", [4, 6]),
    ("{⍵}¨⍳3", [1, 2, 3]),
    ("{⊂⍵}¨1 2", [1, 2]),
    ("↑{⍵}¨(1 2)(3 4)", [[1, 2], [3, 4]]),
    ("⍳¨2 3", nested(np.array([1, 2]), np.array([1, 2, 3]))),
    ("-¨2 2⍴⍳4", [[-1, -2], [-3, -4]]),
    ("⌽¨'ab' 'cde'", nested(chars("ba"), chars("edc"))),
])
def test_each(src, exp):
    check(src, exp)


def test_each_on_empty():
    r = ev("+¨⍬")
    assert r.shape == (0,)
    assert ev("⍬+¨⍬").shape == (0,)


def test_each_length_error():
    assert error_name("1 2 3+¨4 5") == "LENGTH ERROR"


# ---------------------------------------------------------------- ⍨
@pytest.mark.parametrize("src, exp", [
    ("-⍨3", 0),
    ("2-⍨5", 3),
    ("2÷⍨8", 4.0),
    ("3⍴⍨2", [3, 3]),
    (",⍨1 2", [1, 2, 1, 2]),
    ("×⍨3 4", [9, 16]),
    ("+⍨⍳3", [2, 4, 6]),
    ("(2 3)×⍨4", [8, 12]),
    ("∘.≤⍨⍳3", [[1, 1, 1], [0, 1, 1], [0, 0, 1]]),
])
def test_commute_and_selfie(src, exp):
    check(src, exp)


def test_constant_operand_of_commute():
    assert ev("5⍨1 2") == 5  # Dyalog 18: A⍨ is the constant function


# ---------------------------------------------------------------- ∘.
@pytest.mark.parametrize("src, exp", [
    ("1 2∘.+1 2 3", [[2, 3, 4], [3, 4, 5]]),
    ("(⍳3)∘.×⍳4", [[1, 2, 3, 4], [2, 4, 6, 8], [3, 6, 9, 12]]),
    ("'ab'∘.='abc'", [[1, 0, 0], [0, 1, 0]]),
    ("1 2 3∘.>2", [0, 0, 1]),
    ("1∘.+1", 2),
    ("(2 2⍴⍳4)∘.+1 2", [[[2, 3], [3, 4]], [[4, 5], [5, 6]]]),
    ("(⍳2)∘.{⍺+⍵}⍳3", [[2, 3, 4], [3, 4, 5]]),
    ("(⍳2)∘.{⍵}⍳3", [[1, 2, 3], [1, 2, 3]]),
    ("1 2∘.,3 4", grid([[np.array([1, 3]), np.array([1, 4])], [np.array([2, 3]), np.array([2, 4])]])),
    ("1 2∘.{⍺,⍵}3 4", grid([[np.array([1, 3]), np.array([1, 4])], [np.array([2, 3]), np.array([2, 4])]])),
    ("1 2∘.⍴3 4", grid([[np.array([3]), np.array([4])], [np.array([3, 3]), np.array([4, 4])]])),
    ("(1 2)(3 4)∘.,5 6", grid([[np.array([1, 2, 5]), np.array([1, 2, 6])],
                              [np.array([3, 4, 5]), np.array([3, 4, 6])]])),
])
def test_outer_product(src, exp):
    check(src, exp)


def test_outer_product_shape_is_the_catenation_of_shapes():
    check("⍴(2 3⍴0)∘.×4 5⍴0", [2, 3, 4, 5])
    check("⍴⍬∘.+⍬", [0, 0])


# ---------------------------------------------------------------- f.g
@pytest.mark.parametrize("src, exp", [
    ("(2 2⍴1 2 3 4)+.×2 2⍴5 6 7 8", [[19, 22], [43, 50]]),
    ("1 2 3+.×4 5 6", 32),
    ("(2 3⍴⍳6)+.×1 2 3", [14, 32]),
    ("(⍳3)+.×3 3⍴⍳9", [30, 36, 42]),
    ("2+.×3", 6),
    ("(2 2⍴⍳4)+.×5", [15, 35]),
    ("⍬+.×⍬", 0),
    ("(2 3⍴⍳6)+.×3 2⍴⍳6", [[22, 28], [49, 64]]),
    ("1 2 3∧.=1 2 3", 1),
    ("1 2 3∧.=1 2 4", 0),
    ("'abc'∧.='abc'", 1),
    ("(2 3⍴1 2 3 4 5 6)∧.=3 2⍴1 4 2 5 3 6", [[1, 0], [0, 1]]),
    ("1 2 3⌈.+4 5 6", 9),
    ("(2 2⍴⍳4)⌈.+2 2⍴⍳4", [[5, 6], [7, 8]]),
    ("1 2 3{⍺+⍵}.×4 5 6", 32),
    ("(2 2⍴⍳4){⍺+⍵}.×2 2⍴⍳4", [[7, 10], [15, 22]]),
    ("(2 2⍴⍳4)-.×2 2⍴⍳4", [[-5, -6], [-9, -10]]),
    ("1 2 3 -.× 4 5 6", 12),
    ("1 2 3 ×.- 4 5 6", -27),
    ("(2 2⍴⍳4)+.=2 2⍴1", [[1, 1], [0, 0]]),
    ("(2 2⍴1 0 0 1)∨.∧2 2⍴0 1 1 0", [[0, 1], [1, 0]]),
])
def test_inner_product(src, exp):
    check(src, exp)


def test_inner_product_shapes():
    check("⍴(2 3⍴0)+.×3 4 5⍴0", [2, 4, 5])
    check("⍴(0 3⍴0)+.×3 0⍴0", [0, 0])


def test_inner_product_with_float_matrices():
    a = np.arange(6.0).reshape(2, 3) / 4
    b = np.arange(12.0).reshape(3, 4) - 2.5
    np.testing.assert_allclose(ev("A+.×B", A=a, B=b), a @ b)


def test_inner_product_length_error():
    assert error_name("1 2+.×3 4 5") == "LENGTH ERROR"
    assert error_name("1 2 3+.×2 2 3⍴1") == "LENGTH ERROR"


# ---------------------------------------------------------------- ∘
@pytest.mark.parametrize("src, exp", [
    ("-∘÷ 4", -0.25),
    ("2-∘÷4", 1.75),
    ("1 2 3,∘⌽4 5", [1, 2, 3, 5, 4]),
    ("2∘⍴ 5", [5, 5]),
    ("⍴∘2 ⊢3", [2, 2, 2]),
    ("(⍳∘3)⍬", 1),
    ("+/∘⍳ 4", 10),
    ("2 +/∘⍳ 4", [3, 5, 7]),
    ("(⍉∘⌽)2 3⍴⍳6", [[3, 6], [2, 5], [1, 4]]),
    ("{⍵+1}∘{⍵×2}3", 7),
    ("-∘1⍤0 ⊢1 2", [0, 1]),
])
def test_compose(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ⍤ rank and atop
@pytest.mark.parametrize("src, exp", [
    ("+/⍤1⊢2 3⍴⍳6", [6, 15]),
    ("+/⍤2⊢2 2 3⍴⍳12", [[6, 15], [24, 33]]),
    ("{+/⍵}⍤2 ⊢2 3 4⍴⍳24", [[10, 26, 42], [58, 74, 90]]),
    ("⌽⍤1 ⊢ 2 3⍴⍳6", [[3, 2, 1], [6, 5, 4]]),
    ("{⍵}⍤1⊢2 3⍴⍳6", [[1, 2, 3], [4, 5, 6]]),
    ("{⍵,0}⍤1⊢2 2⍴⍳4", [[1, 2, 0], [3, 4, 0]]),
    ("⊂⍤1⊢2 3⍴⍳6", nested(np.array([1, 2, 3]), np.array([4, 5, 6]))),
    ("⍴⍤1⊢2 3⍴⍳6", [[3], [3]]),
    (",⍤0⊢1 2", [[1], [2]]),
    ("⊂⍤0⊢1 2 3", [1, 2, 3]),
    ("+⌿⍤1⊢2 3⍴⍳6", [6, 15]),
    # two numbers: left and right rank
    ("1 2+⍤1⊢2 2⍴10", [[11, 12], [11, 12]]),
    ("1 2+⍤1 0⊢10 20", [[11, 12], [21, 22]]),
    ("1 2 3+⍤0 1⊢4 5 6", [[5, 6, 7], [6, 7, 8], [7, 8, 9]]),
    ("1 ⌽⍤1⊢2 3⍴⍳6", [[2, 3, 1], [5, 6, 4]]),
    ("1 2 3 ⌽⍤0 1 ⊢ 3 3⍴⍳9", [[2, 3, 1], [6, 4, 5], [7, 8, 9]]),
    ("2 3⍴⍤1⊢1 2", [[1, 2, 1], [2, 1, 2]]),
    # three numbers: monadic, left, right
    ("(⍳3)+⍤1 2 1⊢2 3⍴10", [[11, 12, 13], [11, 12, 13]]),
    ("+/⍤1 0 0⊢2 3⍴⍳6", [6, 15]),
    # negative ranks: cells of rank (argument rank + k)
    ("⊂⍤¯1⊢2 3⍴⍳6", nested(np.array([1, 2, 3]), np.array([4, 5, 6]))),
    ("⊂⍤¯2⊢2 3⍴⍳6", [[1, 2, 3], [4, 5, 6]]),
    (",⍤¯1⊢2 2 2⍴⍳8", [[1, 2, 3, 4], [5, 6, 7, 8]]),
    ("+/⍤¯1⊢2 2 3⍴⍳12", [[6, 15], [24, 33]]),
    # nested rank
    ("(+/⍤1)⍤2⊢2 2 2⍴⍳8", [[3, 7], [11, 15]]),
])
def test_rank(src, exp):
    check(src, exp)


@pytest.mark.parametrize("src, exp", [
    ("{⍵}⍤0⊢1 2 3", [1, 2, 3]),
    ("{⍵+1}⍤0⊢2 2⍴⍳4", [[2, 3], [4, 5]]),
    ("{⍵,⍵}⍤0⊢1 2 3", [[1, 1], [2, 2], [3, 3]]),
    ("1 2 3{⍺,⍵}⍤0⊢4 5 6", [[1, 4], [2, 5], [3, 6]]),
    ("{⍳⍵}⍤0⊢1 2 3", [[1, 0, 0], [1, 2, 0], [1, 2, 3]]),
])
def test_rank_zero_with_a_dfn_operand(src, exp):
    check(src, exp)


@pytest.mark.parametrize("src, exp", [
    ("-⍤⊢ 3", -3),
    ("2-⍤×3", -6),
    ("2 -⍤× 3 4", [-6, -8]),
    ("⌽⍤⍳ 3", [3, 2, 1]),
    ("1 2 ≢⍤≡ 1 2", 1),
])
def test_atop(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- ⍣
@pytest.mark.parametrize("src, exp", [
    ("(2∘×)⍣3⊢1", 8),
    ("2×⍣3⊢1", 8),
    ("2+⍣3⊢0", 6),
    ("2{⍺×⍵}⍣2⊢3", 12),
    ("{⍵÷2}⍣0⊢8", 8),
    ("-⍣2⊢5", 5),
    ("-⍣3⊢5", -5),
    ("⌊∘⍟⍣2⊢100", 1),
    ("{1+÷⍵}⍣≡1", (1 + 5 ** 0.5) / 2),
    ("{1+÷⍵}⍣=1", (1 + 5 ** 0.5) / 2),
    ("{⌊⍵÷2}⍣≡100", 0),
    ("(×∘2)⍣{⍵>100}1", 256),  # ⍺ is the new value, ⍵ the old one
    ("{2×⍵}⍣{⍺>100}⊢1", 128),
    ("{⍵+1}⍣{⍺>10}1", 11),
    ("1∘,⍣3⊢⍬", [1, 1, 1]),
])
def test_power(src, exp):
    check(src, exp)


def test_power_negative_of_a_dfn_is_a_domain_error():
    # LRG/power-operator: "If the function does not have an inverse ... DOMAIN ERROR"
    assert error_name("{⍵+1}⍣¯1⊢1") == "DOMAIN ERROR"


# ---------------------------------------------------------------- ⍥
@pytest.mark.parametrize("src, exp", [
    ("×⍥|¯2 3", [1, 1]),
    ("2×⍥|¯3", 6),
    ("3 -⍥| ¯5", -2),
    ("(⌽⍥⊂) 1 2 3", nested(np.array([1, 2, 3])).reshape(())),
    ("1 2 ≡⍥, 2 1⍴1 2", 1),
    ("2 3 ≡⍥⍴ 2 3⍴0", 0),
    ("(2 3⍴0) ≡⍥⍴ 2 3⍴1", 1),
    ("'abc' =⍥≢ 'xyz'", 1),
])
def test_over(src, exp):
    check(src, exp)


# ---------------------------------------------------------------- @
@pytest.mark.parametrize("src, exp", [
    ("0@2 4⊢⍳5", [1, 0, 3, 0, 5]),
    ("(10 20)@2 4⊢⍳5", [1, 10, 3, 20, 5]),
    ("10 20@(2 3)⊢⍳4", [1, 10, 20, 4]),
    ("'x'@1⊢'abc'", chars("xbc")),
    ("0@2⊢3 2⍴⍳6", [[1, 2], [0, 0], [5, 6]]),
    # boolean selection function
    ("0@(>∘2)⍳5", [1, 2, 0, 0, 0]),
    ("0@(1∘=)2 2⍴1 2 1 2", [[0, 2], [0, 2]]),
    ("'*'@(' '∘=)'a b c'", chars("a*b*c")),
    ("0@{⍵>2}⍳5", [1, 2, 0, 0, 0]),
    # function left operand
    ("-@2 3⊢⍳4", [1, -2, -3, 4]),
    ("⌽@2 3⍳4", [1, 3, 2, 4]),
    ("(⌽@2 3)⍳4", [1, 3, 2, 4]),
    ("{⍵×10}@(2∘|)⍳5", [10, 2, 30, 4, 50]),
    ("÷@(0∘<)¯1 2 ¯4 4", [-1, 0.5, -4, 0.25]),
    ("10+@2⊢⍳3", [1, 12, 3]),
    ("0@⍬⊢1 2", [1, 2]),
])
def test_at(src, exp):
    check(src, exp)


def test_at_index_out_of_range():
    assert error_name("0@5⊢⍳3") == "INDEX ERROR"


# ---------------------------------------------------------------- ⌸
def test_key_monadic():
    check("{≢⍵}⌸'abcab'", [2, 2, 1])
    check("{⍺}⌸'abca'", chars("abc"))
    check("{⍵}⌸1 2 1", [[1, 3], [2, 0]])
    check("{⍺ (≢⍵)}⌸ 3 1 3 3 1", [[3, 3], [1, 2]])
    check("{⊂⍵}⌸'mississippi'",
          nested(np.array([1]), np.array([2, 5, 8, 11]), np.array([3, 4, 6, 7]), np.array([9, 10])))
    check("{⍺ ⍵}⌸'aba'", grid([["a", np.array([1, 3])], ["b", np.array([2])]]))


def test_key_monadic_mixed_result():
    check("{⍺,≢⍵}⌸'abcab'", grid([["a", 2], ["b", 2], ["c", 1]]))


def test_key_dyadic():
    check("'abab'{+/⍵}⌸1 2 3 4", [4, 6])
    check("1 1 2{+/⍵}⌸10 20 30", [30, 30])
    check("'abab'{⍺,+/⍵}⌸1 2 3 4", grid([["a", 4], ["b", 6]]))
    check("1 2 1{⍺ ⍵}⌸'xyz'", grid([[1, chars("xz")], [2, chars("y")]]))
    check("(2 2⍴1 2 1 2){+/⍵}⌸10 20", [30])


def test_key_length_error():
    assert error_name("1 2 3{⍵}⌸1 2") == "LENGTH ERROR"


# ---------------------------------------------------------------- reduce and scan details
@pytest.mark.parametrize("src, exp", [
    ("×/⍳5", 120),
    ("-/⍳4", -2),
    ("⌈/3 1 4 1 5", 5),
    ("+/⍬", 0),
    ("×/⍬", 1),
    ("+\\⍳5", [1, 3, 6, 10, 15]),
    ("-\\1 2 3", [1, -1, 2]),
    ("⍴+/2 3⍴⍳6", [2]),
    ("+/2 3⍴⍳6", [6, 15]),
    ("+⌿2 3⍴⍳6", [5, 7, 9]),
    ("+/[1]2 3⍴⍳6", [5, 7, 9]),
    ("3+/⍳5", [6, 9, 12]),
    ("{⍺,⍵}\\1 2 3", nested(1, np.array([1, 2]), np.array([1, 2, 3]))),
])
def test_reduce_and_scan(src, exp):
    check(src, exp)


def test_reduce_of_strings_encloses():
    r = ev(",/'ab' 'cd'")
    assert r.shape == ()
    same(r[()], chars("abcd"))


# ---------------------------------------------------------------- fast.ai idioms
def test_frobenius_norm_tacit():
    assert ev("m←2 2⍴3 4 0 0 ⋄ (+/,×⍨m)*0.5") == 5.0


def test_frobenius_norm_dfn():
    assert ev("{(+/,⍵×⍵)*0.5}2 2⍴1 2 2 4") == 5.0
    m = np.arange(12.0).reshape(3, 4)
    assert ev("{(+/,⍵×⍵)*0.5}M", M=m) == pytest.approx(np.linalg.norm(m))
    assert ev("(+/,×⍨M)*0.5", M=m) == pytest.approx(np.linalg.norm(m))


def test_mean():
    assert ev("(+/÷≢)1 2 3 4 5") == 3.0
    assert ev("mean←{(+/⍵)÷≢⍵} ⋄ mean 1 2 3 4") == 2.5
    check("mean←{(+/⍵)÷≢⍵} ⋄ mean 2 3⍴⍳6", [3.0, 7.5])  # +/ along rows, ≢ counts rows


def test_multiplication_table():
    check("∘.×⍨⍳5", np.outer(np.arange(1, 6), np.arange(1, 6)))


def test_identity_matrix():
    r = ev("∘.=⍨⍳4")
    assert r.dtype == bool
    same(r, np.eye(4, dtype=int))
    same(ev("n←3 ⋄ ∘.=⍨⍳n"), np.eye(3, dtype=int))


def test_primes():
    check("n←20 ⋄ (2=+⌿0=∘.|⍨⍳n)/⍳n", [2, 3, 5, 7, 11, 13, 17, 19])
    check("n←50 ⋄ (2=+⌿0=∘.|⍨⍳n)/⍳n", [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47])


def test_matrix_product():
    a = np.arange(6).reshape(2, 3)
    b = np.arange(12).reshape(3, 4)
    check("A+.×B", a @ b, A=a, B=b)
    check("X+.×Y", np.arange(9.0).reshape(3, 3), X=np.eye(3), Y=np.arange(9.0).reshape(3, 3))


def test_row_normalisation():
    check("m←2 3⍴1 1 2 1 3 4 ⋄ {⍵÷+/⍵}⍤1⊢m", [[0.25, 0.25, 0.5], [0.125, 0.375, 0.5]])
    r = ev("{⍵÷+/⍵}⍤1⊢M", M=np.arange(1.0, 13.0).reshape(3, 4))
    np.testing.assert_allclose(r.sum(axis=1), [1, 1, 1])


def test_sum_of_squares():
    assert ev("x←⍳5 ⋄ +/x×x") == 55
    assert ev("+/×⍨⍳5") == 55


# ---------------------------------------------------------------- ⌺ stencil
def test_stencil_neighbourhoods_fill_and_padding_indicator():
    check("{+/,⍵}⌺3 3⊢3 3⍴⍳9", [[12, 21, 16], [27, 45, 33], [24, 39, 28]])
    check("{⊂⍵}⌺3⊢⍳4", nested(np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([2, 3, 4]), np.array([3, 4, 0])))
    check("{+/⍵}⌺3⊢⍳5", [3, 6, 9, 12, 9])
    check("{+/⍵}⌺(2 1⍴3 2)⊢⍳5", [3, 9, 9])  # a second row gives the step
    check("{⍺}⌺3 3⊢3 3⍴⍳9", [[[1, 1], [1, 0], [1, -1]], [[0, 1], [0, 0], [0, -1]], [[-1, 1], [-1, 0], [-1, -1]]])
    check("{⍵}⌺3⊢'abc'", np.array([list(" ab"), list("abc"), list("bc ")]))
    check("{+/,⍵}⌺2 2⊢2 2⍴1", [[4]])  # even windows: centred between items
    assert error_name("{⍵}⌺3 3 3⊢⍳4") == "LENGTH ERROR"
