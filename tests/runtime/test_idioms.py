"""Phrases computed by one library call give exactly what the primitives give."""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, check, host, run_on

import apl


@pytest.mark.parametrize("src", ["(+/,×⍨M)*0.5", "+/,×⍨M", "+/,M×M"])
def test_sum_of_squares_idiom_matches_the_primitives(src):
    m = np.random.default_rng(1).random((7, 5))
    plain = src.replace("×⍨M", "M×M") if "⍨" in src else src.replace("M×M", "(M×M)+0")
    assert np.isclose(apl.evaluate(src, M=m), apl.evaluate(plain, M=m), rtol=1e-12)
    assert np.isclose(apl.evaluate("(+/,×⍨M)*0.5", M=m), np.linalg.norm(m))


@pytest.mark.parametrize("src, expected", [
    ("+/,×⍨2 2⍴1 2 3 4", 30),          # integers stay exact integers
    ("+/,×⍨⍬", 0),
    ("m←(1 2)(3 4) ⋄ ⊃+/,×⍨m", [10, 20]),  # nested: item by item, as the primitives do
])
def test_sum_of_squares_idiom_falls_back_outside_floats(src, expected):
    r = apl.evaluate(src)
    assert np.array_equal(np.asarray(r), np.asarray(expected))


def test_sum_of_squares_overflow_is_a_domain_error():
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("m←2 2⍴1E200 ⋄ +/,×⍨m")
    assert e.value.name == "DOMAIN ERROR"


@pytest.mark.parametrize("src, expected", [
    ("{⍵×⍵}¨⍳5", [1, 4, 9, 16, 25]),
    ("1 2{⍺+⍵}¨3 4", [4, 6]),
    ("1{⍺+⍵}¨3 4", [4, 5]),
    ("{1}¨⍳3", [1, 1, 1]),                 # constant: not pervasive, still item by item
])
def test_each_of_a_scalar_dfn(src, expected):
    assert np.array_equal(apl.evaluate(src), expected)


def test_each_keeps_item_semantics_where_a_dfn_is_not_pervasive():
    r = apl.evaluate("v←10 20 ⋄ {⍵+v}¨1 2")  # a free name: each item meets the whole v
    assert [list(x) for x in r] == [[11, 21], [12, 22]]
    r = apl.evaluate("{⍵ ⍵}¨1 2")
    assert [list(x) for x in r] == [[1, 1], [2, 2]]
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("1 2 3{⍺×⍵}¨4 5")
    assert e.value.name == "LENGTH ERROR"


def test_pervasive_dfn_analysis():
    from apl.runtime.dfn import DfnFunction
    from apl.syntax import ast
    from apl.syntax.parser import parse

    def dfn(src):
        brace = parse(src)[0].parts[0][0]
        return DfnFunction(ast.Dfn(brace.span, brace.body, "F"), None)

    assert dfn("{⍵×⍵}").pervasive and dfn("{(⍵-1)÷2}").pervasive and dfn("{⍺+⍵}").pervasive_dyad
    assert not dfn("{⍵ ⍵}").pervasive and not dfn("{1}").pervasive and not dfn("{+/⍵}").pervasive
    assert not dfn("{⍵:1 ⋄ 0}").pervasive and not dfn("{⍵+v}").pervasive and not dfn("{~⍵}").pervasive


def test_sum_of_squares_idiom_on_tensors_keeps_gradients_and_errors():
    torch = pytest.importorskip("torch")
    x = torch.arange(12, dtype=torch.float64).reshape(3, 4).requires_grad_(True)
    s = apl.Session(backend="torch")
    r = s.eval("(+/,×⍨X)*0.5", X=x)
    assert torch.allclose(r, torch.linalg.norm(x.detach()))
    y = apl.function("{+/,⍵×⍵}", backend="torch")(x)
    y.backward()
    assert torch.equal(x.grad, 2 * x.detach())
    with pytest.raises(apl.APLError) as e:
        s.eval("+/,X×X", X=torch.full((2, 2), 1e200, dtype=torch.float64))
    assert e.value.name == "DOMAIN ERROR"
    assert s.eval("+/,×⍨X", X=torch.tensor([[1, 2], [3, 4]])).item() == 30  # integers: the primitives


# ---------------------------------------------------------------- idioms
# PRG/introduction/idiom-recogition/idiom-list: ^ is Dyalog's alternative spelling of ∧, and
# Euler's idiom *○NA is exact for multiples of 0J0.5.
@pytest.mark.parametrize("src, exp", [
    ("+/^\\' '=3 4⍴'  ab   c d  '", [2, 3, 1]),
    ("{(+/^\\' '=⍵)↓⍵}'  ab c'", chars("ab c")),
    ("1 0 1^1 1 0", [1, 0, 0]),
    ("'a^b'", chars("a^b")),
    ("0=1+*○0J1", 1),
    ("*○0J0.5", 1j),
    ("*○0J0.5 0J1 0J1.5 0J2", [1j, -1, -1j, 1]),
    ("*○1J0.5", np.exp(np.pi) * 1j),
])
def test_idioms(src, exp):
    check(src, exp)


@pytest.mark.parametrize("backend", BACKENDS)
def test_euler_on_both_backends(backend):
    assert int(run_on("0=1+*○0J1", backend)) == 1


# ---------------------------------------------------------------- +/⍳N
@pytest.mark.parametrize("n", [0, 1, 2, 10, 1000, 10**6, 4294967296 // 8])
@pytest.mark.parametrize("io", [0, 1])
def test_sum_of_iota_is_the_sum_of_the_indices(n, io):
    s = apl.Session()
    s.eval(f"⎕IO←{io}")
    s["N"] = n
    got = s.eval("+/⍳N")
    if n <= 10**6:
        want = s.eval("x←⍳N ⋄ +/x")  # the primitives
        assert type(got) is type(want) and got.dtype == want.dtype and got == want
    assert got == n * (n - 1) // 2 + io * n and np.asarray(got).dtype == np.int64


@pytest.mark.parametrize("src", ["+/⍳¯1", "+/⍳2.5", "+/⍳1E11", "+/⍳'a'", "+/⍳2 2⍴1"])
def test_sum_of_iota_errors_are_the_primitives(src):
    with pytest.raises(apl.APLError) as a:
        apl.evaluate(src)
    with pytest.raises(apl.APLError) as b:
        apl.evaluate(src.replace("+/⍳", "x←⍳") + " ⋄ +/x")
    assert a.value.name == b.value.name


@pytest.mark.parametrize("src", ["+/⍳,5", "+/⍳2 3", "+/⍳5.0", "{+/⍳⍵}10", "{+/⍳⍵}¨⍳4"])
def test_sum_of_iota_falls_back_or_agrees(src):
    from tests.runtime.tier_harness import same

    plain = apl.evaluate(src.replace("+/⍳", "{+/⍵}⍳"))
    assert same(apl.evaluate(src), plain)


@pytest.mark.parametrize("values", [[1, 2, 3], [2**62, 2**62], [-(2**62), -(2**62), -5], [2**40] * 5000,
                                    [9223372036854775807, 1], []])
def test_integer_sums_are_exact_or_float_as_before(values):
    got = apl.evaluate("+/v", v=np.array(values, dtype=np.int64))
    exact = sum(values)
    if abs(exact) < 9.2e18:
        assert np.asarray(got).dtype == np.int64 and int(got) == exact
    else:
        assert np.asarray(got).dtype == np.float64 and float(got) == float(np.sum(np.array(values, dtype=float)))


def _rotations_reference(a, f, b, g, x):
    """Σ over A×B of the rotations, by np.roll (k⌽x is np.roll(x, -k) along the last axis)."""
    total = np.zeros(x.shape, dtype=np.int64)
    for i in np.ravel(a):
        for j in np.ravel(b):
            y = np.roll(x.astype(np.int64), -int(j), axis=0 if g == "⊖" else -1)
            total += np.roll(y, -int(i), axis=0 if f == "⊖" else -1)
    return total


@pytest.mark.parametrize("seed", range(6))
def test_rotation_sum_idiom_matches_the_rotations(seed):
    """+/,A∘.⊖B∘.⌽⊂X (the life neighbour count), separable for booleans: the same counts as
    every rotation added, on boards of any rank, for either form and any amounts."""
    rng = np.random.default_rng(seed)
    shape = [(5, 6), (7,), (3, 4, 5), (1, 9), (2, 2)][seed % 5]
    x = rng.random(shape) < 0.4
    a = rng.integers(-9, 9, rng.integers(1, 4))
    b = rng.integers(-9, 9, rng.integers(1, 4))
    f, g = rng.choice(["⌽", "⊖"], 2)
    for form in (f"+/,A∘.{f}B∘.{g}⊂X", f"+/,A∘.{f}B{g}¨⊂X"):
        if a.size * b.size < 2:
            continue
        got = apl.evaluate(form, A=a, B=b, X=x)
        want = _rotations_reference(a, f, b, g, x)
        assert got.dtype == object and np.array_equal(got[()], want), form
        plain = apl.evaluate(form, A=a, B=b, X=x.astype(np.int64))  # (integers: the primitives, item by item)
        assert np.array_equal(plain[()], want)


@pytest.mark.parametrize("backend", BACKENDS)
def test_rotation_sum_idiom_in_life_and_its_fallbacks(backend):
    board = np.random.default_rng(3).random((16, 16)) < 0.3
    life = "{↑1 ⍵∨.∧3 4=+/,¯1 0 1∘.⊖¯1 0 1∘.⌽⊂⍵}"
    life_each = "{⊃1 ⍵∨.∧3 4=+/,¯1 0 1∘.⊖¯1 0 1⌽¨⊂⍵}"
    b = board.astype(np.int8)
    for _ in range(5):
        rows = b + np.roll(b, 1, 0) + np.roll(b, -1, 0)
        total = rows + np.roll(rows, 1, 1) + np.roll(rows, -1, 1)
        b = ((total == 3) | ((total == 4) & (b == 1))).astype(np.int8)
    for src in (life, life_each):
        s = apl.Session(backend=backend)
        s["B"] = board
        assert np.array_equal(host(s.eval(f"({src}⍣5)B")).astype(np.int8), b), src
    assert apl.evaluate("+/,0∘.⊖1∘.⌽⊂X", X=np.array([True, False, False]))[()].tolist() == [False, False, True]
    with pytest.raises(apl.APLError) as e:
        apl.evaluate("+/,0.5 1∘.⊖1 2∘.⌽⊂X", X=np.array([True, False]))
    assert e.value.name == "DOMAIN ERROR"
    assert apl.evaluate("+/,⍬∘.⊖1 2∘.⌽⊂X", X=np.array([True, False])) == 0  # (no rotations: the empty sum)
