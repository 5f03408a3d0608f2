"""⍨ ∘ ⍥ ⍛ as PyTorch code: these operators are only plumbing, composed at the call site."""
from __future__ import annotations

from ..fn import Fn, refuse


def commute(p, node, b, axis=None):
    """f⍨: swapped arguments, or ⍵ on both sides; A⍨ is the constant A."""
    if node.left.role == "A":
        const = p.array(node.left, b)
        return Fn(lambda blk, w: const, lambda blk, a, w: const, "constant")
    f = p.function(node.left, b)

    def selfie(blk, w):
        w = blk.temp(w)
        return f.dyad(blk, w, w)

    return Fn(selfie, lambda blk, a, w: f.dyad(blk, w, a), "commute", scalar=None)


def over(p, node, b, axis=None):
    f, h = p.function(node.left, b), p.function(node.right, b)

    def over2(blk, a, w):
        gw = h.monad(blk, w)
        return f.dyad(blk, h.monad(blk, a), gw)

    return Fn(lambda blk, w: f.monad(blk, h.monad(blk, w)), over2, "over")


def behind(p, node, b, axis=None):
    f, h = p.function(node.left, b), p.function(node.right, b)

    def behind1(blk, w):
        w = blk.temp(w)
        return h.dyad(blk, f.monad(blk, w), w)

    return Fn(behind1, lambda blk, a, w: h.dyad(blk, f.monad(blk, a), w), "behind")


def jot(p, node, b, axis=None):
    """∘: an array bound to a function (2∘×, ×∘2), or beside (f∘g)."""
    if node.left.role == "A":
        left = p.array(node.left, b)
        g = p.function(node.right, b)
        return Fn(lambda blk, w: g.dyad(blk, left, w), refuse("a bound function called dyadically", node), "bind")
    if node.right.role == "A":
        right = p.array(node.right, b)
        f = p.function(node.left, b)
        return Fn(lambda blk, w: f.dyad(blk, w, right), refuse("a bound function called dyadically", node), "bind")
    f, g = p.function(node.left, b), p.function(node.right, b)
    return Fn(lambda blk, w: f.monad(blk, g.monad(blk, w)), lambda blk, a, w: f.dyad(blk, a, g.monad(blk, w)),
              "compose")
