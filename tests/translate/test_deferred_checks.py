"""The finiteness checks of specialised translations (ranks=/shapes=), deferred: a value of
torch's float arithmetic assigned to a name is checked where it could be lost (compared,
selected, indexed, a guard, a function that can drop an infinity), or at the return where the
result does not surely hold it; one check of the result stands for the values that flow into
it. Whatever the place, an infinity or a NaN that APL would not have is a DOMAIN ERROR."""
from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import apl  # noqa: E402

D = torch.float64
BIG = torch.tensor([1.0, 1000.0], dtype=D)  # (*1000 overflows)
SMALL = torch.tensor([1.0, 2.0], dtype=D)


def _load(src):
    ns: dict = {}
    exec(compile(src, "<translated>", "exec"), ns)  # noqa: S102 - the code under test
    return ns["f"]


def _variants(src, args):
    """The translations for ranks and for shapes of args ((⍵,) or (⍺, ⍵))."""
    ranks = tuple(x.ndim for x in args)
    shapes = tuple(tuple(x.shape) for x in args)
    return [_load(apl.translate(src, ranks=ranks)), _load(apl.translate(src, shapes=shapes))]


def _call(f, args):
    return f(args[-1]) if len(args) == 1 else f(args[1], args[0])


LOST = [  # (dfn, arguments): an overflow that the result does not show; APL: DOMAIN ERROR
    ("{x←*⍵ ⋄ 0}", (BIG,)),  # never used
    ("{x←*⍵ ⋄ y←x+1 ⋄ 2}", (BIG,)),
    ("{x←*⍵ ⋄ 0<x}", (BIG,)),  # compared
    ("{x←*⍵ ⋄ x[1]}", (BIG,)),  # indexed where it is finite
    ("{x←*⍵ ⋄ ⌊/x}", (BIG,)),
    ("{x←*⍵ ⋄ 0×x<5}", (BIG,)),
    ("{x←*⍵ ⋄ 1=≢⍵:x ⋄ 7}", (BIG,)),  # a guard's other branch
    ("{x←*⍵ ⋄ ⍵[1]>0:7 ⋄ x}", (BIG,)),  # returned after a guard that returns first
    ("{x←*⍵ ⋄ {⍵+1}2}", (BIG,)),
    ("{x←*⍵ ⋄ ⍺+x}", (torch.zeros(0, dtype=D), torch.tensor(1000.0, dtype=D))),  # one item, to an empty
    ("{x←*⍵ ⋄ x,⍺}", (torch.zeros(0, 2, dtype=D), torch.tensor(1000.0, dtype=D))),
    ("{e←*⍵ ⋄ f←e÷2 ⋄ f<0}", (BIG,)),
]


@pytest.mark.parametrize(("src", "args"), LOST)
def test_an_overflow_the_result_does_not_show_is_a_domain_error(src, args):
    with pytest.raises(apl.APLError) as info:
        apl.function(src, backend="torch")(*reversed(args)) if len(args) == 2 else apl.function(src)(args[0])
    assert info.value.name == "DOMAIN ERROR"
    for f in _variants(src, args):
        with pytest.raises(ValueError, match="DOMAIN ERROR"):
            _call(f, args)
    with pytest.raises(ValueError, match="DOMAIN ERROR"):
        apl.compile(src)(*reversed(args))


KEPT = ["{x←*⍵ ⋄ x+1}", "{x←*⍵ ⋄ y←x×2 ⋄ y-1}", "{x←*⍵ ⋄ +/x}", "{x←*⍵ ⋄ (x,x)÷2}", "{e÷+/e←*⍵}⍤1",
        "{u←*⍵ ⋄ u×((+/,u×u)*0.5)}"]


@pytest.mark.parametrize("src", KEPT)
def test_values_that_flow_into_the_result_are_checked_with_it(src):
    """No check of their own; an overflow still raises, and finite values agree."""
    w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=D)
    want = torch.as_tensor(apl.function(src)(w))
    for f in _variants(src, (w,)):
        assert torch.allclose(f(w), want.to(D))
        with pytest.raises(ValueError, match="DOMAIN ERROR"):
            f(w * 1000)
    got = apl.translate(src, shapes=((2, 2),))
    assert got.count("checked(") - 1 <= 2, got  # (the helper's definition, the result, at most one more)


def test_deferred_checks_in_generated_code():
    src = apl.translate("{u t←⍵ ⋄ p←u+⍺×t-u ⋄ p×((+/,u×u)*0.5)÷(+/,p×p)*0.5}", shapes=(float, [(2, 3), (2, 3)]))
    body = src[src.index("def f("):]
    assert "p = u + alpha * (t - u)" in body  # (p flows into the result: checked with it)
    assert body.rstrip().endswith("return checked(p * (torch.linalg.vector_norm(u) / t_2))")
    mask = apl.translate("{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ 0.5<(d-lo)÷(⌈/,d)-lo}", shapes=((2, 3, 4), (2, 3, 4)))
    body = mask[mask.index("def f("):]
    assert body.count("checked(") == 3 and "d = checked(" in body  # (d, compared: checked once, where it is made)
