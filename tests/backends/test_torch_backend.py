"""The torch backend through the public API: choosing it, devices, dtypes, what comes back."""
import numpy as np
import pytest

import apl

torch = pytest.importorskip("torch")

from apl.backends import backend_of, kind, namespace, size


# ------------------------------------------------------------------ choosing the backend
def test_backend_torch_returns_tensors():
    r = apl.evaluate("+/⍳10", backend="torch")
    assert isinstance(r, torch.Tensor) and r.shape == () and r.dtype == torch.int64 and r.item() == 55
    v = apl.evaluate("2 3⍴÷⍳6", backend="torch")
    assert v.dtype == torch.float64 and v.shape == (2, 3)
    b = apl.evaluate("1 0 1=1 1 1", backend="torch")
    assert b.dtype == torch.bool


def test_a_tensor_name_chooses_torch_on_its_device():
    x = torch.arange(6, dtype=torch.float64)
    r = apl.evaluate("X×2", X=x)
    assert isinstance(r, torch.Tensor) and torch.equal(r, x * 2) and r.device == x.device


def test_a_session_left_open_takes_torch_when_a_tensor_is_bound():
    s = apl.Session()
    s.eval("a←⍳3")
    assert s.backend == "numpy"
    s["t"] = torch.ones(3, dtype=torch.float64)
    assert s.backend == "torch"
    r = s.eval("a+t")
    assert isinstance(r, torch.Tensor) and r.tolist() == [2.0, 3.0, 4.0]
    assert isinstance(s["a"], torch.Tensor)  # the workspace moved with it


def test_a_numpy_session_refuses_tensors():
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("X", backend="numpy", X=torch.ones(2))
    assert e.value.name == "DOMAIN ERROR"


def test_unknown_backend_and_bad_dtype():
    with pytest.raises(apl.APLError):
        apl.Session(backend="jax")
    with pytest.raises(apl.APLError):
        apl.Session(backend="torch", dtype=torch.int32)


def test_two_devices_are_a_domain_error():
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("X+Y", X=torch.ones(3), Y=torch.ones(3, device="meta"))
    assert e.value.name == "DOMAIN ERROR" and "device" in str(e.value)


def test_two_devices_inside_a_primitive_are_a_domain_error():
    from apl.backends import coerce

    with pytest.raises(apl.APLError) as e:
        coerce(torch.ones(2), torch.ones(2, device="meta"))
    assert e.value.name == "DOMAIN ERROR"


def test_an_explicit_device_moves_tensors_there():
    s = apl.Session(backend="torch", device="cpu")
    s["x"] = torch.ones(2)
    assert s.device == "cpu" and s["x"].device.type == "cpu"


# ------------------------------------------------------------------ dtypes
def test_default_float_is_float64_and_inputs_are_cast():
    r = apl.evaluate("X÷3", X=torch.ones(3, dtype=torch.float32))
    assert r.dtype == torch.float64


def test_float32_on_request():
    s = apl.Session(backend="torch", dtype=torch.float32)
    assert s.dtype == torch.float32
    assert s.eval("÷3").dtype == torch.float32
    assert s.eval("0.5×⍳3").dtype == torch.float32
    assert s.eval("(⍳3)÷2").dtype == torch.float32
    assert s.eval("*1J1").dtype == torch.complex64
    assert s.eval("⍳3").dtype == torch.int64
    x = torch.ones(2, dtype=torch.float64)
    assert apl.evaluate("X+1", X=x, dtype=torch.float32).dtype == torch.float32


def test_torch_default_dtype_is_never_touched():
    before = torch.get_default_dtype()
    apl.evaluate("÷3", backend="torch", dtype=torch.float32)
    assert torch.get_default_dtype() == before
    with pytest.raises(apl.APLError):
        apl.evaluate("÷0", backend="torch", dtype=torch.float32)
    assert torch.get_default_dtype() == before


# integers made floats by every route a primitive takes: ÷ ○ * ⍟ ! ⊤ ⊥ ⌹ ∘.÷ +.÷ reductions, scans,
# rank, literals
_FLOAT_MAKERS = ["÷⍳5", "○⍳3", "(⍳4)*0.5", "2*¯1 ¯2", "⍟⍳4", "!0.5+⍳3", "*⍳3", "1 2 3÷7", "¯3○⍳3",
                 "2 1.5⊤7", "1.5⊥⍳3", "⌹2 2⍴1 2 3 4", "(⍳3)∘.÷⍳3", "(⍳3)+.÷⍳3", "{(+/⍵)÷≢⍵}⍳10",
                 "0.1×⍳5", "1E300×⍳3", "÷/⍳6", "-\\÷⍳5", "(⍳3)×○1", "{⍺÷⍵}/⍳4", "2 3⍴÷⍳6",
                 "{⍵÷+/⍵}⍤1⊢3 4⍴⍳12", "1 2J1×⍳2", "0.5 1 1.5⍳1", "10⊥2 3⍴⍳6", "2 2⍴0.5", "⍳0"]


@pytest.mark.parametrize("src", _FLOAT_MAKERS)
def test_values_do_not_depend_on_torch_default_dtype(src):
    """With the caller's default dtype float16 (any other than the session's), a torch session
    gives bit for bit what it gives under torch's own default, in float64, NumPy's values (to the
    last places, where the libraries' algorithms differ: ! and ⌹); the default stays the caller's."""
    def on_torch():
        r = apl.evaluate(src, backend="torch")
        return r.numpy() if isinstance(r, torch.Tensor) else np.asarray(r)

    want, plain = np.asarray(apl.evaluate(src)), on_torch()
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float16)
    try:
        got = on_torch()
        assert torch.get_default_dtype() == torch.float16
    finally:
        torch.set_default_dtype(before)
    assert got.dtype == plain.dtype == want.dtype, src
    assert np.array_equal(got, plain), src
    assert np.allclose(got, want, rtol=1e-13, atol=0), src


def test_literals_are_converted_once_per_configuration():
    s64 = apl.Session(backend="torch")
    s32 = apl.Session(backend="torch", dtype=torch.float32)
    assert s64.eval("1.5+0").dtype == torch.float64
    assert s32.eval("1.5+0").dtype == torch.float32
    assert s64.eval("1.5+0").dtype == torch.float64


def test_integer_inputs_become_int64_and_overflow_gives_floats():
    r = apl.evaluate("X+1", X=torch.tensor([1, 2], dtype=torch.int32))
    assert r.dtype == torch.int64
    big = apl.evaluate("X×X", X=torch.tensor([2**62], dtype=torch.int64))
    assert big.dtype == torch.float64 and big.item() == 2.0**124


def test_booleans_stay_compact():
    r = apl.evaluate("(X>0)∧X<3", X=torch.tensor([1.0, -1.0, 2.0, 5.0], dtype=torch.float64))
    assert r.dtype == torch.bool and r.tolist() == [True, False, True, False]
    assert apl.evaluate("~X", X=torch.tensor([True, False])).dtype == torch.bool


# ------------------------------------------------------------------ characters and nested arrays
def test_characters_stay_numpy():
    r = apl.evaluate("'abc',⍕1+2", backend="torch")
    assert isinstance(r, np.ndarray) and r.dtype == np.dtype("<U1") and "".join(r) == "abc3"


def test_nested_arrays_hold_tensors():
    r = apl.evaluate("(1 2)(3 4 5)", backend="torch")
    assert isinstance(r, np.ndarray) and r.dtype == object
    assert all(isinstance(x, torch.Tensor) for x in r)
    mixed = apl.evaluate("1 'a' 2.5", backend="torch")
    assert mixed.dtype == object and isinstance(mixed[0], torch.Tensor) and mixed[1] == "a"
    split = apl.evaluate("↓X", X=torch.arange(6.0, dtype=torch.float64).reshape(2, 3))
    assert split.dtype == object and [x.tolist() for x in split] == [[0, 1, 2], [3, 4, 5]]


def test_nested_results_and_mixes_of_tensors():
    x = torch.arange(4, dtype=torch.float64)
    r = apl.evaluate("↑(X)(2×X)", X=x)
    assert isinstance(r, torch.Tensor) and r.shape == (2, 4)
    e = apl.evaluate("{⍵ ⍵}¨X", X=x)
    assert e.dtype == object and e.shape == (4,)
    assert apl.evaluate("≡(X)(X)", X=x).item() == 2


def test_numpy_numbers_meeting_tensors_become_tensors():
    s = apl.Session(backend="torch")
    s["t"] = torch.tensor([1.0, 2.0], dtype=torch.float64)
    r = s.eval("(⍴'ab')+t")  # ⍴ of characters is computed on the host
    assert isinstance(r, torch.Tensor) and r.tolist() == [3.0, 4.0]


def test_set_backend_and_device_hooks():
    s = apl.Session()
    s.eval("x←⍳3")
    s.set_backend("torch")
    assert s.backend == "torch" and isinstance(s["x"], torch.Tensor)
    s.set_device("cpu")
    assert s.device == "cpu"
    s.set_backend("numpy")
    assert s.backend == "numpy" and isinstance(s["x"], np.ndarray)


def test_quad_output_shows_tensors():
    seen = []
    s = apl.Session(backend="torch", output=seen.append)
    s.eval("⎕←1 2 3")
    assert isinstance(seen[0], np.ndarray) and seen[0].tolist() == [1, 2, 3]


def test_run_reports_host_values_for_display():
    seen = []
    s = apl.Session(backend="torch")
    s.run("1+⍳3", lambda v, shy: seen.append(v))
    assert isinstance(seen[0], np.ndarray) and seen[0].tolist() == [2, 3, 4]


# ------------------------------------------------------------------ backend helpers
def test_kind_size_namespace_for_both_libraries():
    t = torch.ones(2, 3, dtype=torch.float64)
    a = np.ones((2, 3))
    assert kind(t) == kind(a) == "f"
    assert kind(torch.ones(2, dtype=torch.bool)) == "b" and kind(np.array(["a"])) == "U"
    assert size(t) == size(a) == 6
    assert namespace(a) is np and namespace(t) is not np
    assert backend_of(a, t).name == "torch"


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize("expr,name", [
    ("1 2 3+1 2", "LENGTH ERROR"), ("÷0", "DOMAIN ERROR"), ("(2 2⍴⍳4)[3;1]", "INDEX ERROR"),
    ("(2 3⍴1)+.×2 2⍴1", "LENGTH ERROR"), ("⍟0", "DOMAIN ERROR"), ("1 2⍴⍨¯1", "DOMAIN ERROR"),
    ("'a'+1", "DOMAIN ERROR"), ("⍳¯1", "DOMAIN ERROR"), ("1⌽[3]2 2⍴1", "RANK ERROR"),
])
def test_errors_are_the_same_as_on_numpy(expr, name):
    for backend in (None, "torch"):
        with pytest.raises(apl.APLError) as e:
            apl.evaluate(expr, backend=backend)
        assert e.value.name == name, backend


@pytest.mark.skipif(torch.cuda.is_available(), reason="checks the message on a machine without CUDA")
def test_cuda_without_cuda_is_a_clear_error():
    with pytest.raises(apl.APLError) as e:
        apl.Session(backend="torch", device="cuda")
    assert e.value.name == "DOMAIN ERROR" and "CUDA" in str(e.value)
    s = apl.Session()
    with pytest.raises(apl.APLError):
        s.set_device("cuda")
    assert s.backend == "numpy"


def test_bad_device_name():
    with pytest.raises(apl.APLError) as e:
        apl.Session(backend="torch", device="no-such-device")
    assert e.value.name == "DOMAIN ERROR"


# ---------------------------------------------------------------- ⍳ of a vector
# ---------------------------------------------------------------- ⍳ of a vector on torch
def test_iota_vector_on_torch_gives_tensor_items():
    for src in ["⍳6 6 6 6 6", "⍳(2-1)+4⍴5", "{⍳⍵}3 4"]:
        r = apl.evaluate(src, backend="torch")
        e = apl.evaluate(src)
        assert r.shape == e.shape and r.dtype == object
        assert all(isinstance(x, torch.Tensor) and x.dtype == torch.int64 for x in r.reshape(-1))
        assert all(x.tolist() == y.tolist() for x, y in zip(r.reshape(-1), e.reshape(-1)))


def test_iota_vector_on_torch_is_built_at_once():
    """The items are rows of one tensor (views of one storage), not one tensor made per item."""
    for src in ["⍳11 11 11 11 11", "⍳(1-1)+5⍴11"]:
        r = apl.evaluate(src, backend="torch")
        assert r.shape == (11,) * 5
        flat = r.reshape(-1)
        ptrs = {x.untyped_storage().data_ptr() for x in flat[:100]}
        assert len(ptrs) == 1
        assert flat[-1].tolist() == [11] * 5
