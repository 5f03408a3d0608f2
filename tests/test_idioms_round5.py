"""Classic idioms found to diverge from Dyalog (round 5): ⎕C case conversion, the inverse of
pi-times, +⍨⍣¯1 on the torch backend, and (A∘⊥)⍣¯1 of an array."""
import math

import pytest

import apl
from conformance import canon

BACKENDS = ["numpy", "torch"]


def run(src, backend):
    return canon(apl.evaluate(src, backend=backend))


def chars(s):
    return {"shape": [len(s)], "ravel": list(s)}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("⎕C'AbC'", "abc"),                       # monadic: case fold
    ("1 ⎕C'abC'", "ABC"),                     # 1: upper case
    ("¯1 ⎕C'AbC'", "abc"),                    # ¯1: lower case
    ("¯3 ⎕C'AbC'", "abc"),                    # ¯3: fold, as monadic
    ("1 ⎕C'hello world'", "HELLO WORLD"),
    ("{(1⎕C⊃⍵),1↓⍵}'hello'", "Hello"),
    ("⎕C'ίσως'", "ίσωσ"),                     # final sigma folds to σ
    ("¯1 ⎕C 1 ⎕C'ίσως'", "ίσωσ"),
    ("1 ⎕C'ß'", "ß"),                         # no one-character upper case: unchanged
    ("1∘⎕C'abc'", "ABC"),
])
def test_case_convert_text(backend, src, expected):
    # compared with the literal: a one-character literal is a scalar
    assert run(src, backend) == run("'" + expected + "'", "numpy")


@pytest.mark.parametrize("backend", BACKENDS)
def test_case_convert_nested_and_numbers(backend):
    assert run("1 ⎕C 42 'Pete' 'Πέτρος'", backend) == run("42 'PETE' 'ΠΈΤΡΟΣ'", "numpy")
    # ¯1 keeps the final sigma; folding does not
    assert run("¯1 ⎕C 42 'Pete' 'Πέτρος'", backend) == run("42 'pete' 'πέτρος'", "numpy")
    assert run("⎕C 42 'Pete' 'Πέτρος'", backend) == run("42 'pete' 'πέτροσ'", "numpy")
    assert run("1 ⎕C (⊂'ab'),⊂1 'c'", backend) == run("(⊂'AB'),⊂1 'C'", "numpy")
    assert run("⎕C 1 2 3", backend) == {"shape": [3], "ravel": [1, 2, 3]}
    assert run("1⎕C 2 2⍴'abcd'", backend) == {"shape": [2, 2], "ravel": list("ABCD")}
    assert run("1 ⎕C 'a'", backend) == {"shape": [], "ravel": ["A"]}
    assert run("1 ⎕C ''", backend) == {"shape": [0], "ravel": []}
    assert run("(⊂'pete'){⍺≡⎕C ⍵}¨'PETE' 'Pete' 'pEte'", backend) == {
        "shape": [3], "ravel": [1, 1, 1]}
    assert run("'abc'≡⍥⎕C'ABC'", backend) == {"shape": [], "ravel": [1]}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", ["2 ⎕C 'a'", "0 ⎕C 'a'", "'x' ⎕C 'a'"])
def test_case_convert_bad_left_argument(backend, src):
    with pytest.raises(apl.APLError) as e:
        apl.evaluate(src, backend=backend)
    assert e.value.name == "DOMAIN ERROR"


def test_case_convert_is_a_system_function():
    assert run("⎕NC'⎕C'", "numpy")["ravel"] == [3]


@pytest.mark.parametrize("backend", BACKENDS)
def test_inverse_of_pi_times_divides_by_pi(backend):
    # was (○1)÷⍵ instead of ⍵÷○1
    assert math.isclose(run("(○⍣¯1)1", backend)["ravel"][0], 1 / math.pi, rel_tol=1e-12)
    assert [math.isclose(x, y) for x, y in zip(run("○⍣¯1⊢○2 3", backend)["ravel"], [2, 3])] == [
        True, True]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("+⍨⍣¯1⊢6", [3]),                # crashed on torch (a NumPy scalar where an array belongs)
    ("+⍨⍣¯1⊢6 8", [3, 4]),
    ("×⍨⍣¯1⊢9 16", [3, 4]),
    ("+\\⍣¯1⊢1 3 6 10", [1, 2, 3, 4]),
    ("(1∘○)⍣¯1⊢1", [math.pi / 2]),
])
def test_inverses_on_both_backends(backend, src, expected):
    got = run(src, backend)["ravel"]
    assert len(got) == len(expected)
    assert all(math.isclose(g, e, rel_tol=1e-12) for g, e in zip(got, expected))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, shape, ravel", [
    ("2⊥⍣¯1⊢5", [3], [1, 0, 1]),
    ("2⊥⍣¯1⊢1 5", [3, 2], [0, 1, 0, 0, 1, 1]),     # was NONCE ERROR: digits for the largest
    ("10⊥⍣¯1⊢12 345", [3, 2], [0, 3, 1, 4, 2, 5]),
    ("10(⊥⍣¯1)99 100", [3, 2], [0, 1, 9, 0, 9, 0]),
    ("(2∘⊥⍣¯1)4 1", [3, 2], [1, 0, 0, 0, 0, 1]),
    ("2⊥⍣¯1⊢2 2⍴1 2 3 4", [3, 2, 2], [0, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0]),
    ("10⊥⍣¯1⊢1234", [4], [1, 2, 3, 4]),
    ("2 2⊥⍣¯1⊢3 1", [2, 2], [1, 0, 1, 1]),
])
def test_decode_inverse_of_arrays(backend, src, shape, ravel):
    assert run(src, backend) == {"shape": shape, "ravel": ravel}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    # / ⌿ \ ⍀ as the right operand of a dyadic operator are functions (was SYNTAX ERROR)
    ("(0∘≠⊢⍤/⊢)0 1 0 2", [1, 2]),
    ("(≠∘0⊢⍤/⊢)0 1 0 2", [1, 2]),
    ("(⊢⊢⍤/⍨0≠⊢)0 1 0 2", [1, 2]),
    ("{⍵⊢⍤/⍨0≠⍵}0 1 0 2", [1, 2]),
    ("(2∘|⊢⍤/⊢)⍳6", [1, 3, 5]),
    ("1 0 1⊢⍤\\1 2", [1, 0, 2]),
])
def test_replicate_as_right_operand(backend, src, expected):
    assert run(src, backend) == {"shape": [len(expected)], "ravel": expected}


def test_replicate_first_axis_as_right_operand():
    assert run("1 0⊢⍤⌿2 3⍴⍳6", "numpy") == {"shape": [1, 3], "ravel": [1, 2, 3]}
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("1 0 1⊢⍤⌿2 3⍴⍳6")
    assert e.value.name == "LENGTH ERROR"
