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
    results = [torch.as_tensor(f(y, x)) for x, y in pairs]
    if any(r.ndim for r in results):
        raise ValueError("f¨ gave non-scalar results: a nested array, not a tensor")
    if not results:
        return w.clone()
    return torch.stack(results).reshape(w.shape)
''',
    "rank": '''
def rank(f, x, k):
    """APL f⍤k: apply f to each rank-k cell of x (vmap, or a loop where vmap cannot)."""
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
        a = a.expand(w.shape[:dim] + (1,) + w.shape[dim + 1 :] if dim != -1 else w.shape[:-1] + (1,)) if a.ndim == 0 else a.unsqueeze(dim)
    if w.ndim < a.ndim:
        w = w.expand(a.shape[:-1] + (1,)) if w.ndim == 0 else w.unsqueeze(dim)
    return torch.cat([a, w], dim=dim)
''',
    "match": '''
def match(a, w):
    """APL a≡w: same shape and the same values."""
    a, w = torch.as_tensor(a), torch.as_tensor(w)
    return torch.tensor(a.shape == w.shape and bool((a == w).all()))
''',
}
