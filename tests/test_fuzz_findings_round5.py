"""Fifth round of differential-fuzz findings: overflow in inner products (and every fast path of a
float result), Key with scalar arguments, the circular function's message, ⍳ of a vector on
torch, and library exceptions whose text reached the user inside an APL error.

Dyalog never yields ∞ or NaN: a result beyond the largest float is a DOMAIN ERROR (as
1E300×1E300 is).
"""
import re

import numpy as np
import pytest

import apl
from apl.display import box_lines, format_lines

BACKENDS = ["numpy", "torch"]

# the name of a Python exception, or a library's wording, inside an APL error's message
LEAK = re.compile(r"[A-Z][a-z]+Error|too many indices|Traceback|numpy|torch|tensor|dtype")


def plain(x):
    """A result as NumPy, at any depth (tensors on torch)."""
    if hasattr(x, "detach"):
        return x.detach().cpu().numpy()
    if isinstance(x, np.ndarray) and x.dtype == object:
        out = np.empty(x.shape, dtype=object)
        for i, v in enumerate(x.reshape(-1)):
            out.reshape(-1)[i] = plain(v)
        return out
    return np.asarray(x)


def run(src, backend):
    return plain(apl.evaluate(src, backend=backend))


def error_of(src, backend):
    with pytest.raises(apl.APLError) as info:
        apl.evaluate(src, backend=backend)
    err = info.value
    assert not LEAK.search(str(err).split("\n")[0]), str(err)
    return err.name


# ---------------------------------------------------------------- 1. non-finite results
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    "1E300+.×1E300",
    "1E300 1E300+.×1E300 1E300",
    "(+.×⍨⍤0) 1E300 2",
    "(2 2⍴1E300)+.×2 2⍴1E300",
    "(2 2 2⍴1E300)+.×2 2⍴1E300",
    "(1E300 1E300)+.×2 1⍴1E300",
    "(2 2⍴0J1E300)+.×2 2⍴0J1E300",
    "(+.×⍤2)⍨2 2 2⍴1E300",
    "(3 3⍴1E300)×.+3 3⍴1E300",
    "(300 300⍴1E300)⌈.×300 300⍴1E300",
    "(300 300⍴1E200)×.×300 300⍴1E200",
    "1E300×.×1E300",
    "+/1E308 1E308",
    "+/3 1E308 1E308",
    "-/1E308 ¯1E308",
    "×/1E200 1E200",
    "×⌿2 2⍴1E200",
    "+/⍤1⊢2 2⍴1E308",
    "+\\1E308 1E308",
    "1E300∘.×1E300",
    "1E300 1E300∘.×1E300",
    "24!9007199254740993",
    "1E300⌹1E¯300",
    "⌹2 2⍴1E¯310 0 0 1E¯310",
    "(2 2⍴1E300 0 0 1E300)⌹2 2⍴1E¯300 0 0 1E¯300",
])
def test_overflow_is_domain_error(src, backend):
    assert error_of(src, backend) == "DOMAIN ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_large_finite_products_still_work(backend):
    assert float(run("1E150+.×1E150", backend)) == pytest.approx(1e300)
    assert run("(2 2⍴1E150)+.×2 2⍴1E150", backend).reshape(-1).tolist() == pytest.approx([2e300] * 4)
    assert float(run("⌈/1E308 1E308", backend)) == 1e308
    assert run("(2 2⍴1 2 3 4)+.×2 2⍴5 6 7 8", backend).tolist() == [[19, 22], [43, 50]]


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


# ---------------------------------------------------------------- 2. Key with scalars
# A scalar key or value is a 1-item vector (one major cell), as the monadic form already takes
# a scalar (f⌸Y ←→ Y f⌸⍳≢Y, and ≢ of a scalar is 1).
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, key, vals", [
    ("¯3 {⍺ ⍵}⌸ 0J1", -3, [0j + 1j]),
    ("1E10 {⍺ ⍵}⌸ 100", 10**10, [100]),
    ("5 {⍺ ⍵}⌸ 0", 5, [0]),
    ("(,5) {⍺ ⍵}⌸ 0", 5, [0]),
    ("5 {⍺ ⍵}⌸ ,0", 5, [0]),
])
def test_key_with_scalar_arguments(src, key, vals, backend):
    r = run(src, backend)
    assert r.shape == (1, 2)
    assert r[0, 0] == key
    assert np.asarray(r[0, 1]).shape == (1,)
    assert np.asarray(r[0, 1]).tolist() == vals


@pytest.mark.parametrize("backend", BACKENDS)
def test_key_with_scalar_arguments_more(backend):
    r = run("5 {⍺ ⍵}⌸ 1 3⍴7", backend)
    assert np.asarray(r[0, 1]).tolist() == [[7, 7, 7]]
    assert run("5 {≢⍵}⌸ 0", backend).tolist() == [1]
    assert run("{⍺,≢⍵}⌸ 5", backend).tolist() == [[5, 1]]
    assert error_of("(1 2) {⍺ ⍵}⌸ 0", backend) == "LENGTH ERROR"
    assert error_of("5 {⍺ ⍵}⌸ 1 2", backend) == "LENGTH ERROR"


# ---------------------------------------------------------------- 3. ○'s message
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, bad", [
    ("(2 3 4⍴⍳24)○100", "13"),
    ("(2 3 4⍴⍳24)○2 3 4⍴100", "13"),
    ("(¯13 1 14)○1", "¯13"),
    ("(1 40 ¯20)○1", "40"),
    ("¯13○1", "¯13"),
])
def test_circular_names_the_first_bad_left_argument(src, bad, backend):
    with pytest.raises(apl.APLError) as info:
        apl.evaluate(src, backend=backend)
    assert info.value.name == "DOMAIN ERROR"
    assert f"{bad}○ is not a circular function" in str(info.value)


# ---------------------------------------------------------------- 4. ⍳ of a vector on torch
def test_iota_vector_on_torch_gives_tensor_items():
    torch = pytest.importorskip("torch")
    for src in ["⍳6 6 6 6 6", "⍳(2-1)+4⍴5", "{⍳⍵}3 4"]:
        r = apl.evaluate(src, backend="torch")
        e = apl.evaluate(src)
        assert r.shape == e.shape and r.dtype == object
        assert all(isinstance(x, torch.Tensor) and x.dtype == torch.int64 for x in r.reshape(-1))
        assert all(x.tolist() == y.tolist() for x, y in zip(r.reshape(-1), e.reshape(-1)))


def test_iota_vector_on_torch_is_built_at_once():
    """The items are rows of one tensor (views of one storage), not one tensor made per item."""
    pytest.importorskip("torch")
    for src in ["⍳11 11 11 11 11", "⍳(1-1)+5⍴11"]:
        r = apl.evaluate(src, backend="torch")
        assert r.shape == (11,) * 5
        flat = r.reshape(-1)
        ptrs = {x.untyped_storage().data_ptr() for x in flat[:100]}
        assert len(ptrs) == 1
        assert flat[-1].tolist() == [11] * 5


@pytest.mark.parametrize("backend", BACKENDS)
def test_iota_vector_edges(backend):
    assert run("⍴⍳2 0 3", backend).tolist() == [2, 0, 3]
    assert run("⍳⍬", backend).shape == ()
    assert [np.asarray(x).tolist() for x in run("⍳2 2", backend).reshape(-1)] == [
        [1, 1], [1, 2], [2, 1], [2, 2]]
    assert [np.asarray(x).tolist() for x in run("⎕IO←0 ⋄ ⍳1 2", backend).reshape(-1)] == [
        [0, 0], [0, 1]]


# ---------------------------------------------------------------- 5. library text in APL errors
@pytest.mark.parametrize("backend", BACKENDS)
def test_interval_index_of_complex_with_an_empty_right_argument(backend):
    assert run("(3⍴0J2) ⍸ ⍬", backend).shape == (0,)
    assert run("(3⍴0J2) ⍸ 0 3⍴0", backend).shape == (0, 3)
    assert run("(0J1 0J2) ⍸ 1", backend).tolist() == 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_catenate_on_axis_reduces_empty_scalars(backend):
    # f/ of an empty vector is ⊂ of the identity: for ,[1] an empty vector, as for ,
    for src in [",[1]/⍬", ",/⍬"]:
        r = run(src, backend)
        assert r.shape == () and np.asarray(r[()] if r.dtype == object else r).shape in ((0,), ())
    for src in ["(0 0⍴0) ,[1].⊢ ⍳0", "(0 0⍴0) ,[1].~ ⍳0"]:
        assert run(src, backend).shape == (0,)


@pytest.mark.parametrize("backend", BACKENDS)
def test_rank_operand_with_a_boolean_item(backend):
    f = apl.evaluate("⊃⍤1 (≠ (⊂⍬))", backend=backend)
    assert not isinstance(f, np.ndarray)
    assert run("1 (≠⊂⍬)", backend).tolist() == [1, 1]


# Dyalog's arrays have rank at most 15 (a higher one is a LIMIT ERROR); NumPy's own limit (64)
# reached the user as "DOMAIN ERROR: ValueError: maximum supported dimension…".
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    ",[0.5]⍣≡ 1.5 2.5",
    "⍴(65⍴1)⍴1",
    "⍴(16⍴1)⍴1",
    "⍴⍳65⍴1",
    "⍴⍳16⍴1",
    "⍴,[⍬](15⍴1)⍴1",
    "⍴((15⍴1)⍴1),[0.5]1",
])
def test_rank_beyond_15_is_a_limit_error(src, backend):
    assert error_of(src, backend) == "LIMIT ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_rank_15_is_allowed(backend):
    assert run("⍴(15⍴1)⍴1", backend).tolist() == [1] * 15
    assert run("⍴⍳15⍴1", backend).tolist() == [1] * 15
    assert run("⍴,[0.5](14⍴1)⍴1", backend).tolist() == [1] * 15


@pytest.mark.parametrize("backend", BACKENDS)
def test_partitioned_enclose_with_huge_counts(backend):
    # the count of partitions overflowed int64 and reached NumPy as a negative length
    assert error_of("9223372036854775807 ⊂ 1 2", backend) == "WS FULL"
    assert error_of("(2*62) (2*62) ⊂ 1 2", backend) == "WS FULL"
    assert [np.asarray(x).tolist() for x in run("2 0 1 ⊂ 1 2", backend)] == [[], [1, 2], []]
