"""The fast paths behind the life benchmark give what the general definitions give.

Each fast path is checked against the same computation forced through the general one (integers
instead of booleans, two amounts instead of one, a matrix instead of a vector, a dfn instead of
a primitive), on random data."""
from __future__ import annotations

import numpy as np
import pytest
from apl_values import ev
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import apl

boards = arrays(np.bool_, st.tuples(st.integers(1, 7), st.integers(1, 7)))
SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(boards, st.booleans(), st.sampled_from("∧∨⍲⍱"))
def test_boolean_logic_with_a_scalar(b, s, f):
    want = ev(f"S{f}0+B", S=int(s), B=b)  # integers take the general (checked) path
    assert np.array_equal(ev(f"S{f}B", S=s, B=b), want)
    assert np.array_equal(ev(f"B{f}S", S=s, B=b), ev(f"(0+B){f}S", S=int(s), B=b))


def test_identities_do_not_let_a_result_alias_a_name_that_changes():
    s = apl.Session()
    s.eval("B←1 0 1=1 ⋄ C←1∧B ⋄ B[1]←0")
    assert s["C"].tolist() == [True, False, True]
    assert s["B"].tolist() == [False, False, True]


@SETTINGS
@given(boards, st.integers(-20, 20))
def test_rotation_by_one_amount(b, k):
    rows, cols = b.shape
    assert np.array_equal(ev("K⌽B", K=k, B=b), ev("(R⍴K)⌽B", K=k, R=rows, B=b))
    assert np.array_equal(ev("K⊖B", K=k, B=b), ev("(C⍴K)⊖B", K=k, C=cols, B=b))
    assert np.array_equal(ev("K⌽[1]B", K=k, B=b), ev("K⊖B", K=k, B=b))


@SETTINGS
@given(st.lists(arrays(np.bool_, (3, 4)), min_size=2, max_size=6))
def test_sum_of_boolean_arrays_is_their_count(bs):
    names = {f"B{i}": b for i, b in enumerate(bs)}
    strand = " ".join(names)
    got = ev(f"⊃+/{strand}", **names)
    assert got.dtype == np.int64
    assert np.array_equal(got, sum(b.astype(np.int64) for b in bs))
    assert np.array_equal(got, ev(f"⊃{{⍺+⍵}}/{strand}", **names))


@pytest.mark.parametrize("f", list("+-×⌈⌊∧∨=≠<"))
def test_reduction_of_a_nested_vector_is_a_right_fold(f):
    items = "(1 0 1)(2 3 4)(0 1 1)(5 ¯1 2)"
    assert ev(f"⊃{f}/{items}").tolist() == ev(f"⊃{{⍺{f}⍵}}/{items}").tolist()


def test_inner_product_of_two_nested_vectors():
    b = np.random.default_rng(2).random((5, 5)) < 0.5
    c = np.random.default_rng(3).random((5, 5)) < 0.5
    got = ev("⊃1 B∨.∧C(~C)", B=b, C=c)
    assert np.array_equal(got, c | (b & ~c))
    assert np.array_equal(got, ev("(1∧C)∨B∧~C", B=b, C=c))
    assert ev("1 2 3+.×4 5 6").item() == 32
    assert ev("⊃(1 2)(3 4)+.×(5 6)(7 8)").tolist() == [26, 44]


def test_mix_of_one_enclosure_is_the_array():
    b = np.arange(6).reshape(2, 3)
    assert np.array_equal(ev("↑⊂B", B=b), b)
    assert ev("↑⊂'ab'").tolist() == ["a", "b"]
    assert ev("≡↑⊂(1 2)(3 4)").item() == 2


def test_derived_functions_are_reused_but_follow_the_backend_and_index_origin():
    s = apl.Session()
    s.eval("f←{+/[1]⍵} ⋄ g←{2∘×⍵}")
    assert s.eval("f 2 3⍴⍳6").tolist() == [5, 7, 9]
    s.eval("⎕IO←0")
    assert s.eval("f 2 3⍴⍳6").tolist() == [3, 12]  # +/[1] now means the last axis
    torch = pytest.importorskip("torch")
    s.set_backend("torch")
    r = s.eval("g 3")
    assert isinstance(r, torch.Tensor) and r.item() == 6


reals = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, width=64), st.integers(-1000, 1000),
    st.sampled_from([0.0, -0.0, 0.5, -0.5, 1e300, -1e300, 2.0, -8.0, 1e-300]),
)


@settings(max_examples=300, deadline=None)
@given(reals, reals, st.sampled_from("+-×÷*⌈⌊"))
def test_float_scalar_fast_path_matches_the_array_path(x, y, f):
    """Scalars take plain Python arithmetic; one-item vectors the NumPy kernels: same answer
    (or the same error) either way."""
    from apl.errors import APLError

    def run(expr):
        try:
            return "ok", ev(expr, X=np.float64(x), Y=y)
        except APLError as e:
            return "error", type(e).__name__

    scalar, vector = run(f"X{f}Y"), run(f"⊃(,X){f},Y")
    assert scalar[0] == vector[0], (scalar, vector)
    if scalar[0] == "ok":
        assert np.asarray(scalar[1]).dtype == np.asarray(vector[1]).dtype
        assert np.allclose(scalar[1], vector[1], rtol=1e-15, atol=0, equal_nan=False)
    else:
        assert scalar[1] == vector[1]


def test_integer_scalars_on_the_torch_cpu_backend():
    torch = pytest.importorskip("torch")
    s = apl.Session(backend="torch")
    r = s.eval("3+4")
    assert isinstance(r, torch.Tensor) and r.dtype == torch.int64 and r.item() == 7
    r = s.eval("3<4")
    assert r.dtype == torch.bool and r.item() is True
    r = s.eval("(2*62)+2*62")  # overflows int64: APL promotes to float
    assert r.dtype == torch.float64 and r.item() == 2.0**63
    s.eval("fib←{⍵≤1:⍵ ⋄ (∇⍵-1)+∇⍵-2}")
    assert s.eval("fib 15").item() == 610
    x = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
    y = apl.function("{⍵×⍵+1}", backend="torch")(x)  # float scalars keep their gradients
    y.backward()
    assert x.grad.item() == 7.0


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["(2 3⍴⍳6)", "(3⍴7)", "5", "(2 3 4⍴⍳24)", "(3 2⍴⍳6)", "(1 3⍴9)"]),
    st.sampled_from(["(2 3⍴⍳6)", "(3⍴7)", "5", "(2 3 4⍴⍳24)", "(4⍴2)", "(2⍴1)"]),
    st.sampled_from(["0", "1", "2", "0 1", "1 0", "2 1", "¯1", "1 2"]),
    st.sampled_from("+-×⌈=<"),
)
def test_scalar_function_with_rank_matches_cell_by_cell(a, w, k, f):
    """f⍤k for a scalar f is computed on whole arrays; {⍺ f ⍵}⍤k goes cell by cell."""
    from apl.errors import APLError

    def run(expr):
        try:
            return "ok", ev(expr)
        except APLError as e:
            return "error", type(e).__name__

    fast, slow = run(f"{a}{f}⍤{k}⊢{w}"), run(f"{a}{{⍺{f}⍵}}⍤{k}⊢{w}")
    assert fast[0] == slow[0], (fast, slow)
    if fast[0] == "ok":
        assert np.array_equal(fast[1], slow[1])
    assert np.array_equal(ev(f"-⍤{k.split()[0]}⊢{w}"), ev(f"-{w}"))
