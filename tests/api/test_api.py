"""The Python API: apl.evaluate, apl.Session, names in and values out, errors."""
import numpy as np
import pytest

import apl


# ---------------------------------------------------------------- names passed in
def test_names_as_numpy_arrays():
    r = apl.evaluate("X+.×Y", X=np.eye(3), Y=np.arange(9.0).reshape(3, 3))
    np.testing.assert_array_equal(r, np.arange(9.0).reshape(3, 3))


def test_names_as_numpy_int32_and_float32():
    r = apl.evaluate("x+1", x=np.arange(3, dtype=np.int32))
    np.testing.assert_array_equal(r, [1, 2, 3])
    r = apl.evaluate("x×2", x=np.array([0.5, 1.5], dtype=np.float32))
    np.testing.assert_allclose(r, [1.0, 3.0])


def test_names_as_numpy_bool_arrays():
    r = apl.evaluate("x+1", x=np.array([True, False]))
    np.testing.assert_array_equal(r, [2, 1])
    r = apl.evaluate("x/⍳3", x=np.array([True, False, True]))
    np.testing.assert_array_equal(r, [1, 3])


def test_names_as_lists():
    np.testing.assert_array_equal(apl.evaluate("x×2", x=[1, 2, 3]), [2, 4, 6])
    np.testing.assert_allclose(apl.evaluate("x", x=[1, 2.5]), [1.0, 2.5])
    assert apl.evaluate("+/x", x=[1, 2, 3]) == 6


def test_nested_lists_are_nested_arrays():
    assert apl.evaluate("≡x", x=[[1, 2], [3]]) == 2
    r = apl.evaluate("≢¨x", x=[[1, 2], [3, 4, 5]])
    np.testing.assert_array_equal(r, [2, 3])


def test_names_as_python_scalars():
    assert apl.evaluate("x×2", x=3) == 6
    assert apl.evaluate("x×2", x=2.5) == 5.0
    assert apl.evaluate("x", x=1 + 2j) == 1 + 2j
    assert apl.evaluate("~x", x=True) == 0
    assert apl.evaluate("⍴⍴x", x=7) == 0  # a scalar


def test_names_as_numpy_scalars():
    assert apl.evaluate("x+1", x=np.int32(5)) == 6
    assert apl.evaluate("x+1", x=np.float64(0.5)) == 1.5


def test_names_as_strings():
    r = apl.evaluate("⌽x", x="abc")
    assert r.dtype.kind == "U"
    assert "".join(r) == "cba"
    np.testing.assert_array_equal(apl.evaluate("⍴x", x="abc"), [3])
    # a one-character string is a character scalar
    assert apl.evaluate("⍴x", x="a").shape == (0,)
    assert apl.evaluate("≢x", x="") == 0


def test_names_as_list_of_strings():
    r = apl.evaluate("≢¨x", x=["ab", "cde"])
    np.testing.assert_array_equal(r, [2, 3])


def test_unicode_names_in_keywords():
    assert apl.evaluate("∆x+1", **{"∆x": 1}) == 2


def test_input_arrays_are_not_mutated():
    a = np.arange(3)
    s = apl.Session()
    s["a"] = a
    s.eval("a[1]←99")
    np.testing.assert_array_equal(a, [0, 1, 2])
    np.testing.assert_array_equal(s["a"], [99, 1, 2])
    b = np.arange(3)
    apl.evaluate("b[1]←99 ⋄ b", b=b)
    np.testing.assert_array_equal(b, [0, 1, 2])


def test_function_value_passed_back_in():
    f = apl.evaluate("{⍵×2}")
    assert apl.evaluate("f x", f=f, x=4) == 8
    assert apl.evaluate("f¨x", f=f, x=[1, 2]).tolist() == [2, 4]


# ---------------------------------------------------------------- result types
def test_numeric_scalar_is_a_numpy_scalar():
    r = apl.evaluate("+/⍳10")
    assert isinstance(r, np.int64)
    assert r == 55
    assert isinstance(apl.evaluate("÷4"), np.float64)
    assert isinstance(apl.evaluate("1J2"), np.complex128)


def test_vector_and_matrix_results_are_arrays():
    r = apl.evaluate("⍳3")
    assert isinstance(r, np.ndarray) and r.shape == (3,) and r.dtype.kind == "i"
    r = apl.evaluate("2 3⍴⍳6")
    assert r.shape == (2, 3)
    np.testing.assert_array_equal(r, [[1, 2, 3], [4, 5, 6]])


def test_enclosed_vector_is_a_zero_d_object_array():
    r = apl.evaluate("⊂1 2 3")
    assert isinstance(r, np.ndarray)
    assert r.shape == () and r.dtype == object
    np.testing.assert_array_equal(r[()], [1, 2, 3])


def test_nested_vector_is_an_object_array():
    r = apl.evaluate("(1 2)(3 4 5)")
    assert r.dtype == object and r.shape == (2,)
    np.testing.assert_array_equal(r[0], [1, 2])
    np.testing.assert_array_equal(r[1], [3, 4, 5])


def test_comparisons_give_bool_arrays():
    r = apl.evaluate("1 2 3=1 5 3")
    assert r.dtype == bool
    np.testing.assert_array_equal(r, [True, False, True])
    assert isinstance(apl.evaluate("3=3"), np.bool_)
    x = np.arange(5)
    np.testing.assert_array_equal(x[apl.evaluate("x>2", x=x)], [3, 4])


def test_characters_are_u1_arrays():
    r = apl.evaluate("'abc'")
    assert r.dtype == np.dtype("<U1") and r.shape == (3,)
    assert "".join(r) == "abc"
    r = apl.evaluate("'a'")
    assert r.dtype == np.dtype("<U1") and r.shape == ()
    assert apl.evaluate("2 2⍴'abcd'").shape == (2, 2)


def test_empty_results():
    r = apl.evaluate("⍬")
    assert r.shape == (0,) and r.dtype.kind in "biuf"
    r = apl.evaluate("''")
    assert r.shape == (0,) and r.dtype.kind == "U"
    assert apl.evaluate("0 3⍴0").shape == (0, 3)


def test_no_value_for_empty_source():
    assert apl.evaluate("") is None
    assert apl.evaluate("⍝ nothing") is None


def test_function_results_are_not_arrays():
    f = apl.evaluate("+/")
    assert not isinstance(f, np.ndarray)
    g = apl.evaluate("{⍵}")
    assert not isinstance(g, np.ndarray)


# ---------------------------------------------------------------- sessions
def test_session_persistence():
    s = apl.Session()
    s.eval("x←⍳3")
    np.testing.assert_array_equal(s.eval("x×2"), [2, 4, 6])
    assert s.eval("+/x") == 6


def test_session_getitem_setitem_contains_names():
    s = apl.Session()
    s["y"] = [10, 20, 30]
    s.eval("x←⍳3")
    np.testing.assert_array_equal(s.eval("x+y"), [11, 22, 33])
    np.testing.assert_array_equal(s["x"], [1, 2, 3])
    assert "x" in s and "y" in s and "z" not in s
    assert {"x", "y"} <= set(s.names())


def test_session_getitem_scalar_is_numpy_scalar():
    s = apl.Session()
    s.eval("n←+/⍳4")
    assert isinstance(s["n"], np.int64) and s["n"] == 10


def test_session_getitem_undefined_is_value_error():
    s = apl.Session()
    with pytest.raises(apl.APLError) as info:
        s["nope"]
    assert info.value.name == "VALUE ERROR"


def test_session_keyword_names_persist():
    s = apl.Session()
    s.eval("0", M=np.ones((2, 2)))
    assert s.eval("+/,M") == 4.0


def test_session_functions_and_operators_persist():
    s = apl.Session()
    s.eval("norm←{(+/,⍵×⍵)*0.5}")
    assert s.eval("norm M", M=np.ones((2, 2))) == 2.0
    s.eval("g←+/")
    assert s.eval("g ⍳4") == 10
    s.eval("op←{⍺⍺/⍵}")
    assert s.eval("× op ⍳4") == 24
    f = s["norm"]
    assert not isinstance(f, np.ndarray)


def test_session_overwrite_name_from_python():
    s = apl.Session()
    s.eval("x←1")
    s["x"] = "hi"
    assert "".join(s.eval("⌽x")) == "ih"


def test_sessions_are_independent():
    a, b = apl.Session(), apl.Session()
    a.eval("x←1")
    assert "x" not in b
    with pytest.raises(apl.APLError):
        b.eval("x")


def test_evaluate_starts_fresh_each_time():
    apl.evaluate("leaked←1")
    with pytest.raises(apl.APLError) as info:
        apl.evaluate("leaked")
    assert info.value.name == "VALUE ERROR"


def test_quad_output_goes_to_session_output():
    seen = []
    s = apl.Session(output=seen.append)
    r = s.eval("⎕←1 2 3 ⋄ 5")
    assert r == 5
    assert len(seen) == 1
    np.testing.assert_array_equal(seen[0], [1, 2, 3])


def test_execute_sees_session_names():
    s = apl.Session()
    s.eval("x←5")
    assert s.eval("⍎'x+1'") == 6


# ---------------------------------------------------------------- errors through the API
def test_apl_error_is_exported_and_has_name():
    with pytest.raises(apl.APLError) as info:
        apl.evaluate("1 2 3+4 5")
    err = info.value
    assert err.name == "LENGTH ERROR"
    text = str(err)
    assert text.splitlines()[0].startswith("LENGTH ERROR")
    assert "      1 2 3+4 5" in text.splitlines()
    assert text.splitlines()[-1] == "           ∧"


def test_apl_error_is_an_exception_not_a_python_builtin_error():
    with pytest.raises(apl.APLError) as info:
        apl.evaluate("1÷0")
    assert not isinstance(info.value, (ZeroDivisionError, ArithmeticError, ValueError))


def test_unsupported_backend_is_an_apl_error():
    with pytest.raises(apl.APLError):
        apl.Session(backend="no-such-backend")


# ---------------------------------------------------------------- what the API cannot represent
def test_uint64_beyond_int64_becomes_float_not_a_wrapped_integer():
    assert apl.evaluate("x+1", x=np.uint64(2**64 - 1)) == pytest.approx(2.0**64)
    assert apl.evaluate("x", x=np.array([1, 2], dtype=np.uint64)).dtype == np.int64


def test_masked_arrays_are_refused_unless_nothing_is_masked():
    with pytest.raises(apl.APLError) as info:
        apl.evaluate("x", x=np.ma.array([1, 2], mask=[0, 1]))
    assert info.value.name == "DOMAIN ERROR" and "filled" in str(info.value)
    assert apl.evaluate("+/x", x=np.ma.array([1, 2])) == 3


@pytest.mark.parametrize("key", ["⎕IO", "a b", "⍵", "1x", ""])
def test_a_key_that_is_no_apl_name_is_a_value_error_naming_it(key):
    with pytest.raises(ValueError, match=repr(key).replace("\\", "\\\\")):
        apl.evaluate("1", **{key: 1})


def test_values_nested_too_deep_or_holding_themselves_are_a_limit_error():
    deep = [1]
    for _ in range(5000):
        deep = [deep]
    loop = []
    loop.append(loop)
    loop.append(loop)
    for value in (deep, loop):
        with pytest.raises(apl.APLError) as info:
            apl.evaluate("≡x", x=value)
        assert info.value.name == "LIMIT ERROR"
