"""apl.translate(src, ranks=…/shapes=…): functions written for float tensors of known ranks.

Their output is idiomatic PyTorch (broadcasting for ⍤, `dim=-1, keepdim=True`, `@`,
`.mean(-1)`) with one check of the arguments at the top, and keeps APL's errors; the
differential harness holds it against the interpreter on generated programs."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from translate import differential  # noqa: E402

import apl  # noqa: E402

COUNT = int(os.environ.get("APL_DIFFERENTIAL_SPECIALISED", "6000"))
D = torch.float64


def _load(src):
    ns: dict = {}
    exec(compile(src, "<translated>", "exec"), ns)  # noqa: S102 - the code under test
    return ns["f"]


def _body(src):
    return src[src.index("def f("):]


def test_the_blend_example_keeps_apls_rank_error():
    src = apl.translate("{m y x←⍵ ⋄ (m×y)+(1-m)×x}", ranks=([2, 3, 3],))
    f = _load(src)
    m, x, y = torch.rand(8, 8, dtype=D), torch.rand(4, 8, 8, dtype=D), torch.rand(4, 8, 8, dtype=D)
    with pytest.raises(ValueError, match="RANK ERROR"):
        f([m, y, x])
    m = torch.rand(4, 8, 8, dtype=D)
    with pytest.raises(ValueError, match="RANK ERROR: f is written for"):  # (the check at the top)
        f([m, y, x])
    g = _load(apl.translate("{m y x←⍵ ⋄ (m×y)+(1-m)×x}", ranks=([3, 3, 3],)))
    assert torch.allclose(g([m, y, x]), m * y + (1 - m) * x)


def test_rank_one_plus_is_a_single_broadcast_add():
    src = apl.translate("{⍺+⍤1⊢⍵}", ranks=(1, 2))
    assert "return checked(alpha + omega)" in src
    assert "rank2(" not in src and "def rank" not in src
    f = _load(src)
    a, w = torch.rand(3, dtype=D), torch.rand(2, 3, dtype=D)
    assert torch.equal(f(w, a), a + w)
    with pytest.raises(ValueError, match="LENGTH ERROR"):
        f(torch.rand(2, 4, dtype=D), a)


def test_the_specialised_module_holds_only_what_it_uses():
    src = apl.translate("{⍺+⍤1⊢⍵}", ranks=(1, 2))
    for unused in ("def reduce", "def total", "IDENTITIES", "def pervasive", "def conform", "def tensor"):
        assert unused not in src
    assert len(src.splitlines()) < 60


def test_rank_one_reductions_keep_their_axis():
    src = apl.translate("{e÷+/e←*⍵-⌈/⍵}⍤1", shapes=[(3, 4)])
    assert "omega_1.amax(dim=-1, keepdim=True)" in src and "sum(dim=-1, keepdim=True)" in src
    assert "def rank" not in src
    x = torch.randn(3, 4, dtype=D)
    assert torch.allclose(_load(src)(x), torch.softmax(x, -1))
    src = apl.translate("{e÷+/e←*⍵-⌈/⍵}⍤1", ranks=2)  # (cells of unknown length, frame maybe empty)
    assert "keepdim=True" in src
    assert torch.allclose(_load(src)(x), torch.softmax(x, -1))


def test_inner_product_is_matmul_and_the_mean_is_mean():
    src = apl.translate("{⍺+.×⍵}", ranks=(2, 2))
    assert "return checked(alpha @ omega)" in src
    a, w = torch.rand(2, 3, dtype=D), torch.rand(3, 4, dtype=D)
    assert torch.allclose(_load(src)(w, a), a @ w)
    src = apl.translate("(+/÷≢)⍤1", shapes=[(3, 4)])
    assert "omega.mean(-1)" in src
    x = torch.rand(3, 4, dtype=D)
    assert torch.allclose(_load(src)(x), x.mean(-1))
    assert "omega.mean(-1)" in apl.translate("(+/÷≢)", ranks=1)


def test_the_check_at_the_top_raises_apl_errors():
    f = _load(apl.translate("{⍺+⍤1⊢⍵}", ranks=(1, 2)))
    with pytest.raises(ValueError, match="RANK ERROR"):
        f(torch.rand(2, 3, dtype=D), torch.rand(2, 3, dtype=D))
    with pytest.raises(ValueError, match="DOMAIN ERROR"):
        f(torch.ones(2, 3, dtype=torch.int64), torch.ones(3, dtype=torch.int64))
    g = _load(apl.translate("{⍵×2}", shapes=[(2, 3)]))
    with pytest.raises(ValueError, match="LENGTH ERROR"):
        g(torch.rand(3, 2, dtype=D))


def test_an_infinity_is_a_domain_error_where_it_would_be_lost():
    # 3÷⍵ is assigned and never used, ⍟⍵ only compared: APL raises DOMAIN ERROR for both
    for src in ("{c←3÷⍵ ⋄ ⍵>1}", "{(⍟⍵)>1}", "{⌈/÷⍵}"):
        f = _load(apl.translate(src, ranks=1))
        with pytest.raises(ValueError, match="DOMAIN ERROR"):
            f(torch.tensor([0.0, 2.0], dtype=D))
    assert torch.equal(_load(apl.translate("{⍵>1}", ranks=1))(torch.tensor([0.0, 2.0], dtype=D)),
                       torch.tensor([False, True]))


def test_ranks_take_apls_order_and_refuse_scripts():
    assert "alpha.ndim != 0 or omega.ndim != 1" in apl.translate("{⍺×⍵}", ranks=(0, 1))
    with pytest.raises(apl.APLError):
        apl.translate("1+2", ranks=1)
    with pytest.raises(apl.APLError):
        apl.translate("{⍵}", ranks=(1, 2, 3))


@pytest.mark.parametrize("src, ranks", [("{⍺+⍤1⊢⍵}", (1, 2)), ("{e÷+/e←*⍵-⌈/⍵}⍤1", 2),
                                        ("{m y x←⍵ ⋄ (m×y)+(1-m)×x}", ([2, 3, 3],)), ("{⍺+.×⍵}", (2, 2)),
                                        ("{(⍵-⍤1⊢(+⌿⍵)÷≢⍵)}", 2)])
def test_specialised_output_passes_ruff(tmp_path, src, ranks):
    ruff = os.path.join(os.path.dirname(sys.executable), "ruff")
    if not os.path.exists(ruff):
        pytest.skip("ruff is not installed")
    path = tmp_path / "out.py"
    path.write_text(apl.translate(src, ranks=ranks))
    for args in (["check", "--select", "E,F,W,B,UP,RUF", "--ignore", "RUF001,RUF002,RUF003", "--no-cache"],
                 ["format", "--check", "--no-cache"]):
        r = subprocess.run([ruff, *args, str(path)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr + path.read_text()


def test_specialised_translations_agree_with_the_interpreter_on_random_programs():
    tally, bad, _ = differential.run(seed=0, count=COUNT, specialised=True)
    print(f"\n{COUNT} programs: {tally}")
    assert not bad, "\n".join(f"#{i} {text}\n    {what}" for i, text, what, _ in bad[:20])
    assert tally.get("agree", 0) >= 10 * tally.get("nonfinite", 0)


def test_findings_of_the_specialised_harness():
    cases = [("{*⍀(⍵÷⍵),⍬}", np.array([1.0, 0.0])), ("(+(*⍣3))", np.array([[3.0], [4.0]])),
             ("{c←⍵∘.≥⍵∨(,0) ⋄ ⍵}", np.array([1.0])), ("(÷⍤0 1)", np.zeros((0, 2))),
             ("{b←⍵ ⋄ d←⍵-⍵∨b|⍵ ⋄ (~1=d)|+2.41 5}", np.zeros((0, 2)))]
    for src, w in cases:
        for shapes in (False, True):
            r = differential.compare_specialised(differential.Program(src, "dfn", omega=w), shapes)
            assert r[0] in ("agree", "refused", "nonfinite"), (src, r)


def test_column_normalisation_is_the_mean_and_broadcasting():
    src = "{m←(+⌿⍵)÷≢⍵ ⋄ d←⍵-⍤1⊢m ⋄ d÷⍤1⊢((+⌿d×d)÷≢⍵)*0.5}"
    code = apl.translate(src, ranks=2)
    assert "omega.mean(dim=0)" in _body(code) and "torch.tensor(omega.shape[0])" not in code
    f = _load(code)
    x = torch.rand(6, 4, dtype=D)
    want = (x - x.mean(0)) / x.std(0, correction=0)
    assert torch.allclose(f(x), want)
    assert torch.allclose(f(x), torch.as_tensor(apl.function(src)(x)))
    with pytest.raises(ValueError, match="DOMAIN ERROR"):  # (0÷0, APL's 1: torch's NaN, reported)
        f(torch.zeros(0, 4, dtype=D))
    vector = _load(apl.translate("{(+/⍵)÷≢⍵}", shapes=[(5,)]))
    assert "omega.mean(dim=0)" in _body(apl.translate("{(+/⍵)÷≢⍵}", shapes=[(5,)]))
    v = torch.rand(5, dtype=D)
    assert torch.allclose(vector(v), v.mean())
    rows = apl.translate("{(+/⍵)÷≢⍵}", ranks=2)  # (+/ of a matrix sums its rows, ≢ counts them: no mean)
    assert ".mean(" not in _body(rows)
