"""Small helper functions that generated modules include when no single torch call fits.

Each helper is the source text of one function; the printer emits only those a module uses.
"""
from __future__ import annotations

HELPERS = {
    "as_float": '''
def as_float(x):
    """APL divides in double precision: integer tensors become float64."""
    x = torch.as_tensor(x)
    return x if x.is_floating_point() or x.is_complex() else x.double()
''',
    "reshape": '''
def reshape(x, shape):
    """APL ⍴: cycle the items of x to fill the new shape."""
    flat = torch.as_tensor(x).flatten()
    n = 1
    for s in shape:
        n *= s
    if flat.numel() == 0:
        return torch.zeros(shape, dtype=flat.dtype)
    reps = -(-n // flat.numel())
    return flat.repeat(reps)[:n].reshape(shape)
''',
    "residue": '''
def residue(a, w):
    """APL a|w: the remainder with the sign of a, and w itself where a is 0."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    safe = torch.where(a == 0, torch.ones_like(a), a)
    return torch.where(a == 0, w, torch.remainder(w, safe))
''',
    "fold_right": '''
def fold_right(f, x, dim=-1):
    """APL f/ for any f: a right-to-left fold along one axis."""
    x = torch.as_tensor(x)
    if x.ndim == 0:
        return x
    items = x.unbind(dim)
    acc = items[-1]
    for item in reversed(items[:-1]):
        acc = f(item, acc)
    return acc
''',
    "scan_right": '''
def scan_right(f, x, dim=-1):
    """APL f\\\\ for any f: item i is the right-to-left fold of the first i+1 items."""
    x = torch.as_tensor(x)
    if x.ndim == 0:
        return x
    items = x.unbind(dim)
    out = []
    for i in range(len(items)):
        acc = items[i]
        for item in reversed(items[:i]):
            acc = f(item, acc)
        out.append(acc)
    return torch.stack(out, dim)
''',
    "alternating_sum": '''
def alternating_sum(x, dim=-1):
    """APL -/: a-b+c-d…, the right fold of subtraction."""
    x = torch.as_tensor(x)
    if x.ndim == 0:
        return x
    n = x.shape[dim]
    signs = torch.ones(n, dtype=x.dtype)
    signs[1::2] = -1
    shape = [1] * x.ndim
    shape[dim] = n
    return (x * signs.reshape(shape)).sum(dim=dim)
''',
    "each": '''
def each(f, x):
    """APL f¨ when each result is a scalar (nested results are not tensors)."""
    x = torch.as_tensor(x)
    results = [torch.as_tensor(f(item)) for item in x.flatten()]
    if any(r.ndim for r in results):
        raise ValueError("f¨ gave non-scalar results: a nested array, not a tensor")
    if not results:
        return x.clone()
    return torch.stack(results).reshape(x.shape)
''',
    "each2": '''
def each2(f, a, w):
    """APL a f¨ w when each result is a scalar."""
    a, w = torch.broadcast_tensors(torch.as_tensor(a), torch.as_tensor(w))
    pairs = zip(a.flatten(), w.flatten())
    results = [torch.as_tensor(f(x, y)) for x, y in pairs]
    if any(r.ndim for r in results):
        raise ValueError("f¨ gave non-scalar results: a nested array, not a tensor")
    if not results:
        return w.clone()
    return torch.stack(results).reshape(w.shape)
''',
    "rank": '''
def rank(f, x, k):
    """APL f⍤k: f on each rank-k cell of x (vmap, or a loop where vmap cannot)."""
    x = torch.as_tensor(x)
    k = min(k, x.ndim) if k >= 0 else max(x.ndim + k, 0)
    frame = x.shape[: x.ndim - k]
    cells = x.reshape((-1,) + x.shape[x.ndim - k :])
    try:
        out = torch.vmap(f)(cells)
    except Exception:
        out = torch.stack([torch.as_tensor(f(c)) for c in cells])
    return out.reshape(frame + out.shape[1:])
''',
    "rank2": '''
def rank2(f, a, w, ka, kw):
    """APL a f⍤ka kw⊢w: f between matching cells of a and w (vmap, or a loop)."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    ka = min(ka, a.ndim) if ka >= 0 else max(a.ndim + ka, 0)
    kw = min(kw, w.ndim) if kw >= 0 else max(w.ndim + kw, 0)
    fa, fw = a.shape[: a.ndim - ka], w.shape[: w.ndim - kw]
    if fa and fw and fa != fw:
        raise ValueError("⍤: the frames of the arguments differ")
    frame = fa or fw
    if not frame:
        return f(a, w)
    a = a.reshape((-1,) + a.shape[a.ndim - ka :]) if fa else a
    w = w.reshape((-1,) + w.shape[w.ndim - kw :]) if fw else w
    dims = (0 if fa else None, 0 if fw else None)
    try:
        out = torch.vmap(f, in_dims=dims)(a, w)
    except Exception:
        n = a.shape[0] if fa else w.shape[0]
        pairs = [(a[i] if fa else a, w[i] if fw else w) for i in range(n)]
        out = torch.stack([torch.as_tensor(f(x, y)) for x, y in pairs])
    return out.reshape(frame + out.shape[1:])
''',
    "find": '''
def find(a, w):
    """APL a⍷w: 1 where a begins in w. unfold gives every window of a's shape."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    found = torch.zeros(w.shape, dtype=torch.bool)
    if a.ndim > w.ndim:
        return found
    a = a.reshape((1,) * (w.ndim - a.ndim) + a.shape)
    if any(n > m for n, m in zip(a.shape, w.shape)):
        return found
    starts = tuple(slice(0, m - n + 1) for n, m in zip(a.shape, w.shape))
    if a.numel() == 0:
        found[starts] = True
        return found
    windows = w
    for dim, n in enumerate(a.shape):
        windows = windows.unfold(dim, n, 1)
    found[starts] = (windows == a).flatten(w.ndim).all(-1)
    return found
''',
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
    "index_of": '''
def index_of(a, w):
    """APL a⍳w for a vector a: 1-based first positions, 1+≢a where absent."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    eq = w.unsqueeze(-1) == a
    found = eq.any(-1)
    first = eq.long().argmax(-1)
    return torch.where(found, first + 1, a.shape[0] + 1)
''',
    "unique": '''
def unique(x):
    """APL ∪: the distinct items in order of first appearance."""
    x = torch.as_tensor(x).flatten()
    keep = [i for i in range(x.numel()) if not (x[:i] == x[i]).any()]
    return x[keep]
''',
    "take": '''
def take(x, counts):
    """APL ↑ with counts per leading axis; overtaking pads with zeros."""
    x = torch.as_tensor(x)
    if x.ndim == 0:
        x = x.reshape((1,) * len(counts))
    shape = list(x.shape)
    for i, c in enumerate(counts):
        shape[i] = abs(c)
    out = torch.zeros(shape, dtype=x.dtype)
    src, dst = [], []
    for i, c in enumerate(counts):
        n, m = x.shape[i], min(abs(c), x.shape[i])
        src.append(slice(0, m) if c >= 0 else slice(n - m, n))
        dst.append(slice(0, m) if c >= 0 else slice(abs(c) - m, abs(c)))
    out[tuple(dst)] = x[tuple(src)]
    return out
''',
    "tally": '''
def tally(x):
    """APL ≢: the length of the first axis (1 for a scalar)."""
    x = torch.as_tensor(x)
    return torch.tensor(x.shape[0] if x.ndim else 1)
''',
    "catenate": '''
def catenate(a, w, dim=-1):
    """APL a,w: join along an axis, extending scalars and lower-rank arguments."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    if a.ndim == 0 and w.ndim == 0:
        return torch.stack([a, w])
    if a.ndim < w.ndim:
        shape = list(w.shape)
        shape[dim] = 1
        a = a.unsqueeze(dim) if a.ndim else a.expand(shape)
    if w.ndim < a.ndim:
        shape = list(a.shape)
        shape[dim] = 1
        w = w.unsqueeze(dim) if w.ndim else w.expand(shape)
    return torch.cat([a, w], dim=dim)
''',
    "rotate": '''
def rotate(a, w, dim=-1):
    """APL a⌽w with one rotation amount per vector along the axis."""
    a, w = torch.as_tensor(a), torch.as_tensor(w).movedim(dim, -1)
    n = w.shape[-1]
    index = (torch.arange(n) + a.unsqueeze(-1)) % n
    return torch.gather(w, -1, index.expand(w.shape)).movedim(-1, dim)
''',
    "decode": '''
def decode(radix, digits):
    """APL radix⊥digits: the value of digits (along their first axis) in a radix."""
    radix, digits = torch.as_tensor(radix), torch.as_tensor(digits)
    n = digits.shape[0] if digits.ndim else 1
    radix = radix.expand(n) if radix.ndim == 0 else radix
    weights = torch.ones_like(radix)
    for i in range(n - 2, -1, -1):
        weights[i] = weights[i + 1] * radix[i + 1]
    digits = digits.expand(n) if digits.ndim == 0 else digits
    return torch.tensordot(weights, digits, dims=1)
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
    "binomial": '''
def binomial(k, n):
    """APL k!n: the binomial coefficient, through the gamma function."""
    k = torch.as_tensor(k, dtype=torch.float64)
    n = torch.as_tensor(n, dtype=torch.float64)
    log = torch.lgamma(n + 1) - torch.lgamma(k + 1) - torch.lgamma(n - k + 1)
    return torch.where((k < 0) | (k > n), torch.zeros_like(log), torch.exp(log).round())
''',
    "apl_and": '''
def apl_and(a, w):
    """APL a∧w: logical and on booleans, least common multiple on other numbers."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    if all(((x == 0) | (x == 1)).all() for x in (a, w)):
        return torch.logical_and(a, w)
    if a.is_floating_point() or w.is_floating_point():
        raise ValueError("∧ of fractional numbers is not translated")
    return torch.lcm(a, w)
''',
    "apl_or": '''
def apl_or(a, w):
    """APL a∨w: logical or on booleans, greatest common divisor on other numbers."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    if all(((x == 0) | (x == 1)).all() for x in (a, w)):
        return torch.logical_or(a, w)
    if a.is_floating_point() or w.is_floating_point():
        raise ValueError("∨ of fractional numbers is not translated")
    return torch.gcd(a, w)
''',
    "grade": '''
def grade(x, descending=False):
    """APL ⍋ (⍒): the 1-based order of the major cells, rows compared item by item."""
    x = torch.as_tensor(x)
    keys = x.reshape(x.shape[0], -1)
    order = torch.arange(x.shape[0])
    for j in range(keys.shape[1] - 1, -1, -1):
        column = keys[order, j]
        order = order[torch.argsort(column, descending=descending, stable=True)]
    return order + 1
''',
    "match": '''
def match(a, w):
    """APL a≡w: same shape and the same values."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    return torch.tensor(a.shape == w.shape and bool((a == w).all()))
''',
}
