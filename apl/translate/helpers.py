"""Small helper functions that generated modules include when no single torch call fits.

Each helper is the source text of one function; the printer emits only those a module uses.
"""
from __future__ import annotations

HELPERS = {
    "key_groups": '''
def key_groups(k):
    """APL ⌸'s groups: the distinct keys in order of appearance, each item's group."""
    if k.ndim != 1:
        raise ValueError("⌸: the keys are not a vector")
    keys, groups = torch.unique(k, return_inverse=True)  # sorted keys
    n = k.shape[0]
    first = torch.full(keys.shape, n)
    first = first.scatter_reduce(0, groups, torch.arange(n), "amin")  # first positions
    order = first.argsort()
    return keys[order], order.argsort()[groups]
''',
    "generator": '''
# APL ?: a seeded generator, so runs repeat (the numbers are not the interpreter's)
generator = torch.Generator().manual_seed(16807)
''',
    "roll": '''
def roll(w):
    """APL ?w: a random integer in 1…w for each item, a float in (0, 1) where 0."""
    w = torch.as_tensor(w)
    u = torch.rand(w.shape, dtype=torch.float64, generator=generator)
    ints = (u * w).long() + 1
    return torch.where(w == 0, u, ints) if (w == 0).any() else ints
''',
    "encode": '''
def encode(radix, value):
    """APL radix⊤value: the digits of value in a mixed radix (a new first axis)."""
    radix, value = torch.as_tensor(radix), torch.as_tensor(value)
    digits = []
    for r in reversed(radix.flatten()):
        digits.append(value if r == 0 else torch.remainder(value, r))
        if r == 0:
            value = torch.zeros_like(value)
        else:
            value = torch.div(value - digits[-1], r, rounding_mode="floor")
    return torch.stack(digits[::-1]).reshape(radix.shape + value.shape)
''',
}
