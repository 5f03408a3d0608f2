"""The translator's wider constructs: dyadic rank, n-wise reduction, find, key, dops and ?.

Each translated program is run and compared with the interpreter (`apl.evaluate`)."""
import numpy as np
import pytest
from apl_values import run_translated
from conformance import canon, difference

import apl
from apl.translate import translate

torch = pytest.importorskip("torch")


def agrees(expr):
    """Translate a closed expression, run it, compare with the interpreter; the source."""
    src = translate(expr)
    got = run_translated(src)
    d = difference(canon(got), canon(apl.evaluate(expr)))
    assert d is None, (expr, d, src)
    return src


def agrees_as_dfn(dfn, alpha, omega):
    """Translate a dfn or derived function, call it on tensors, compare with the interpreter."""
    src = translate(dfn)
    args = (torch.tensor(omega),) + (() if alpha is None else (torch.tensor(alpha),))
    got = run_translated(src, *args)
    env = {"W": np.asarray(omega)}
    if alpha is None:
        want = apl.evaluate(f"({dfn}) W", **env)
    else:
        want = apl.evaluate(f"A ({dfn}) W", A=np.asarray(alpha), **env)
    d = difference(canon(got), canon(want))
    assert d is None, (dfn, alpha, omega, d, src)
    return src


# ------------------------------------------------------------------ dyadic ⍤
@pytest.mark.parametrize("expr", [
    "1 2 3 +⍤1 0 ⊢ 4 5",
    "(2 3⍴⍳6) +⍤1 ⊢ 10 20 30",
    "(2 3⍴⍳6) ×⍤1 0 ⊢ 10 100",
    "10 20 +⍤0 1 ⊢ 2 3⍴⍳6",
    "(2 3⍴⍳6) -⍤1 1 ⊢ 2 3⍴6-⍳6",
    "(2 3⍴⍳6) {⍺,⍵}⍤1 0 ⊢ 7 8",
    "1 2 {⍺×⍵}⍤0 ⊢ 3 4",
    "(2 2⍴⍳4) {+/⍺×⍵}⍤1 ⊢ 2 2⍴5 6 7 8",
    "1 2 {⍺⌽⍵}⍤0 1 ⊢ 2 3⍴⍳6",
    "1 2 3 {⍵-⍺}⍤1 ¯1 ⊢ 2 3⍴⍳6",
])
def test_dyadic_rank_agrees(expr):
    agrees(expr)


def test_dyadic_rank_of_a_scalar_function_broadcasts_and_others_vmap():
    src = agrees("1 2 3 +⍤1 0 ⊢ 4 5")
    assert "torch.tensor([4, 5])[:, None]" in src and "rank2" not in src
    src = agrees("(2 3⍴⍳6) {⍺,⍵}⍤1 0 ⊢ 7 8")
    assert "rank2(" in src


def test_dyadic_rank_in_a_dfn_on_random_arguments():
    rng = np.random.default_rng(1)
    for _ in range(10):
        m = rng.integers(-5, 6, size=(rng.integers(1, 4), 3))
        v = rng.integers(-5, 6, size=m.shape[0])
        agrees_as_dfn("{⍺ +⍤1 0 ⊢ ⍵}", m, v)
        agrees_as_dfn("{⍺ {⍺×⍵}⍤1 0 ⊢ ⍵}", m, v)
        agrees_as_dfn("{⍺ ⌈⍤1 ⊢ ⍵}", m, m[0])


def test_dyadic_rank_with_frames_of_different_ranks_is_apls_rank_error():
    src = translate("(2 2⍴⍳4)+⍤0 0⊢2 2 2⍴⍳8")
    with pytest.raises(ValueError, match="^RANK ERROR"):
        run_translated(src)


# ------------------------------------------------------------------ n-wise reduction
@pytest.mark.parametrize("expr", [
    "3 +/⍳5", "2 ×/⍳6", "2 ⌈/3 1 4 1 5 9 2 6", "¯2 -/⍳5", "2 -/1 4 9 16", "5 +/⍳5",
    "2 +⌿ 3 3⍴⍳9", "2 +/ 3 4⍴⍳12", "2 {⍺+⍵}/⍳5", "¯3 {⍺-⍵}/⍳6", "2 ∧/1 1 0 1 1",
    "2 +/[1] 3 2⍴⍳6", "1 +/⍳4",
])
def test_nwise_reduction_agrees(expr):
    src = agrees(expr)
    assert ".unfold(" in src


def test_nwise_reduction_reads_as_unfold_and_a_reduction():
    assert "torch.arange(1, 6).unfold(-1, 3, 1).sum(dim=-1)" in translate("3 +/⍳5")
    assert ".unfold(0, 2, 1).sum(dim=-1)" in translate("2 +⌿ 3 3⍴⍳9")


def test_nwise_reduction_on_random_vectors():
    rng = np.random.default_rng(2)
    for _ in range(20):
        v = rng.integers(-9, 10, size=rng.integers(3, 9))
        n = int(rng.integers(1, len(v) + 1)) * int(rng.choice([1, -1]))
        for f in ("+", "×", "⌈", "-"):
            agrees_as_dfn(f"{{{n} {f}/⍵}}", None, v)


def test_nwise_reduction_with_a_computed_window_is_refused():
    with pytest.raises(apl.APLError) as info:
        translate("{⍺+/⍵}")
    assert info.value.name == "NONCE ERROR" and "n-wise" in str(info.value)


# ------------------------------------------------------------------ find
@pytest.mark.parametrize("expr", [
    "1 2⍷1 2 3 1 2", "1⍷1 2 1", "1 2 1 2⍷1 2", "⍬⍷1 2", "2.5⍷1 2.5 3", "(2 2⍴1)⍷3 3⍴1",
    "(1 2)⍷3 4⍴1 2", "(3 3⍴1)⍷2 3⍴1", "(0 2⍴0)⍷2 3⍴1", "(2 2⍴1 0 0 1)⍷4 4⍴1 0 0 0 0 1",
])
def test_find_agrees(expr):
    src = agrees(expr)
    assert "unfold" in src


def test_find_on_random_boolean_vectors():
    rng = np.random.default_rng(3)
    for _ in range(30):
        w = rng.integers(0, 2, size=rng.integers(1, 12))
        a = rng.integers(0, 2, size=rng.integers(1, 4))
        agrees_as_dfn("{⍺⍷⍵}", a, w)
        agrees_as_dfn("⍷", a, w)


# ------------------------------------------------------------------ key
@pytest.mark.parametrize("expr", [
    "1 2 1{+/⍵}⌸10 20 30", "{≢⍵}⌸3 1 3 3", "{⍺,≢⍵}⌸3 1 3 3", "1 2 1{⍺,+/⍵}⌸10.5 20 30",
    "1 2 1 2{⌈/⍵}⌸5 9 7 1", "1 2 1 2{⌊/⍵}⌸5 9 7 1", "1 2 1 2{×/⍵}⌸5 9 7 1", "{+/⍵}⌸1 2 1",
    "1 2 1{+⌿⍵}⌸3 2⍴⍳6", "1 2 1 {+/⍵}⌸1 0 1=1", "1 1 2{⍺+⍵[1]}⌸5 6 7", "1 2 1{⍺×+/⍵}⌸3 2 1",
    "2.5 1 2.5{+/⍵}⌸1 2 3",
])
def test_key_agrees(expr):
    src = agrees(expr)
    assert "key_groups(" in src and "torch.unique(" in src


def test_key_reads_as_scatter_operations():
    assert ".index_add(0, groups, values)" in translate("1 2 1{+/⍵}⌸10 20 30")
    assert "torch.bincount(groups)" in translate("{≢⍵}⌸3 1 3 3")
    assert '"amax", include_self=False' in translate("1 2 1 2{⌈/⍵}⌸5 9 7 1")
    src = translate("{⍺,≢⍵}⌸3 1 3 3")
    assert "torch.stack([keys, torch.bincount(groups)], dim=-1)" in src and "def dfn" not in src


def test_key_on_random_vectors():
    rng = np.random.default_rng(4)
    for _ in range(15):
        n = int(rng.integers(1, 10))
        k, v = rng.integers(0, 4, size=n), rng.integers(-9, 10, size=n)
        for dfn in ("{⍺{+/⍵}⌸⍵}", "{⍺{⍺,≢⍵}⌸⍵}", "{⍺{⌈/⍵}⌸⍵}", "{⍺{⍺×+/⍵}⌸⍵}"):
            agrees_as_dfn(dfn, k, v)
        agrees_as_dfn("{{≢⍵}⌸⍵}", None, k)
        agrees_as_dfn("{⍺{+⌿⍵}⌸⍵}", k, v)
        agrees_as_dfn("{⍺{+⌿⍵}⌸⍵}", k, v > 0)  # booleans sum as numbers
        agrees_as_dfn("{⍺{+⌿⍵}⌸⍵}", k, rng.integers(-9, 10, size=(n, 3)))
        agrees_as_dfn("{⍺{⍺,+⌿⍵}⌸⍵}", k, v * 0.5)


# ------------------------------------------------------------------ dops
@pytest.mark.parametrize("expr", [
    "twice←{⍺⍺ ⍺⍺ ⍵} ⋄ (1∘+)twice 3",
    "twice←{⍺⍺ ⍺⍺ ⍵} ⋄ ⌽twice 1 2 3",
    "on←{(⍵⍵ ⍺)⍺⍺(⍵⍵ ⍵)} ⋄ 3 +on| ¯4",
    "+{⍺⍺/⍵}⍳5",
    "3{⍺⍺+⍵}4",
    "g←{⍵×⍺⍺} ⋄ h←{2 g ⍵} ⋄ h 5",
    "pow←{⍵≤0:⍺ ⋄ (⍺⍺ ⍺)∇ ⍵-1} ⋄ 1 (2∘×)pow 5",
    "sq←{⍵×⍵} ⋄ twice←{⍺⍺ ⍺⍺ ⍵} ⋄ sq twice 3",
    "twice←{⍺⍺ ⍺⍺ ⍵} ⋄ {⍵×2} twice 3",
    "(+/÷≢){⍺⍺ ⍵⍵ ⍵}(2∘×) 1 2 3",
    "f←{⍺⍺/⍵} ⋄ g←{×f ⍵} ⋄ g 1 2 3 4",
    "{op←{⍺⍺ ⍵+1} ⋄ -op ⍵} 5",
])
def test_dops_agree(expr):
    agrees(expr)


def test_dops_are_written_out_with_their_operands():
    src = translate("{twice←{⍺⍺ ⍺⍺ ⍵} ⋄ (1∘+)twice ⍵}")  # a dop local to a dfn: written out in place
    assert "def twice(omega" in src and "return plus(1, plus(1, omega" in src
    assert "⍺⍺ is 1∘+" in src
    assert run_translated(translate("twice←{⍺⍺ ⍺⍺ ⍵} ⋄ (1∘+)twice 3")) == 5  # a script's: a function
    assert "total(omega, dim=-1)" in translate("+{⍺⍺/⍵}⍳5")


def test_a_function_derived_from_a_dop_in_a_script_of_definitions():
    src = translate("twice←{⍺⍺ ⍺⍺ ⍵} ⋄ g←(1∘+)twice ⋄ h←{⌽twice ⍵}")
    assert "def g(omega, alpha=None):" in src and '"""APL: (1∘+)twice"""' in src
    assert run_translated(src, torch.tensor(3), name="g") == 5
    assert torch.equal(run_translated(src, torch.tensor([1, 2, 3]), name="h"), torch.tensor([1, 2, 3]))


def test_a_named_operator_becomes_a_higher_order_function():
    src = translate("twice←{⍺⍺ ⍺⍺ ⍵}")
    assert "def twice(alpha_alpha):" in src and "(⍺⍺ a function)" in src
    ns: dict = {}
    exec(src, ns)  # noqa: S102 - the code under test
    assert ns["twice"](lambda w, a=None: w * 3)(torch.tensor(2)) == 18
    src = translate("lerp←{⍺+⍺⍺×⍵-⍺}")
    assert "def lerp(alpha_alpha):" in src and "(⍺⍺ an array)" in src
    ns = {}
    exec(src, ns)  # noqa: S102
    assert ns["lerp"](0.25)(torch.tensor(10.0), torch.tensor(2.0)) == 4.0
    src = translate("over←{(⍵⍵ ⍺)⍺⍺(⍵⍵ ⍵)} ⋄ f←{⍺ -over| ⍵}")  # a dyadic operator, both operands functions
    assert "def over(alpha_alpha, omega_omega):" in src
    assert run_translated(src, torch.tensor(-4), torch.tensor(3), name="f") == -1
    src = translate("twice←{⍺⍺ ⍺⍺ ⍵} ⋄ g←+/twice")  # applied in the script: the function called
    assert "twice(" in src and run_translated(src, torch.tensor([[1, 2], [3, 4]]), name="g") == 10


def test_an_operator_on_its_own_is_refused():
    with pytest.raises(apl.APLError) as info:
        translate("{⍺⍺ ⍵}")
    assert info.value.name == "NONCE ERROR" and "operator" in str(info.value)


# ------------------------------------------------------------------ ?
def test_roll_and_deal_use_a_seeded_torch_generator():
    src = translate("5?10")
    assert "torch.Generator().manual_seed(" in src and "torch.randperm(10, generator=generator)" in src
    first, again = run_translated(src), run_translated(src)  # a fresh module each time: the same draws
    assert torch.equal(first, again)
    assert sorted(first.tolist()) == sorted(set(first.tolist())) and all(1 <= x <= 10 for x in first)
    assert apl.evaluate("5?10").shape == tuple(first.shape)


def test_roll_draws_in_range_with_the_interpreters_shapes_and_types():
    for expr, hi in (("?6", 6), ("?3 4 5", 5), ("?2 3⍴6", 6)):
        got = run_translated(translate(expr))
        want = apl.evaluate(expr)
        assert tuple(got.shape) == np.shape(want) and not got.is_floating_point()
        assert bool(((got >= 1) & (got <= hi)).all())
    got = run_translated(translate("?0"))
    assert got.dtype == torch.float64 and 0 <= float(got) < 1
    got = run_translated(translate("{?⍵}"), torch.tensor([3, 0, 2]))
    assert got.dtype == torch.float64 and 0 < float(got[1]) < 1 and got[0] in (1, 2, 3)
    assert run_translated(translate("0?5")).shape == (0,)


# ------------------------------------------------------------------ small additions
@pytest.mark.parametrize("expr", ["⊃⍬", "1 ¯2 1/1 2 3", "1 ¯2 1/2 3⍴⍳6", "1 ¯2 1/1.5 2 3", "¯1 1/5 6"])
def test_small_additions_agree(expr):
    agrees(expr)


def test_behind_translates():
    src = translate("{⍺ -⍛× ⍵}")
    assert "times(negate(alpha), omega)" in src
    w, a = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 5.0, 6.0])
    assert torch.equal(run_translated(src, w, a), -a * w)
    src = translate("{-⍛× ⍵}")
    assert torch.equal(run_translated(src, w), -w * w)
    src = translate("{⍺ ⌽⍛, ⍵}")
    got = run_translated(src, w, a)
    want = apl.evaluate("A ⌽⍛, W", A=np.array([4.0, 5.0, 6.0]), W=np.array([1.0, 2.0, 3.0]))
    assert np.array_equal(got.numpy(), want)


def test_translator_refuses_named_curried_operators():
    for src in ["inv←⍣¯1 ⋄ +\\inv 1 2 3", "x←(@2 4)", "(@2 4)"]:
        with pytest.raises(apl.APLError) as info:
            translate(src)
        assert info.value.name == "NONCE ERROR"
