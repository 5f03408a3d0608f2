"""The PyTorch backend: `xp` is array_api_compat's torch namespace, plus the operations where
torch and NumPy differ. Imported only when a tensor or `backend="torch"` shows up.

Floats: a session's float dtype (float64 unless float32 was asked for) is read from the active
backend (`FLOAT`), and every tensor made or converted to floats names it; torch's process-wide
default dtype is never read or set, so sessions of both dtypes run in threads at once.
"""
from __future__ import annotations

import math

import numpy as np
import torch
from array_api_compat import torch as xt

from . import ACTIVE
from .contract import Backend

_KIND = {
    torch.bool: "b", torch.uint8: "u", torch.int8: "i", torch.int16: "i", torch.int32: "i",
    torch.int64: "i", torch.float16: "f", torch.bfloat16: "f", torch.float32: "f",
    torch.float64: "f", torch.complex64: "c", torch.complex128: "c",
}
_COMPLEX_OF = {torch.float32: torch.complex64, torch.float64: torch.complex128}


_HOST_DTYPE = {"b": np.bool_, "i": np.int64, "u": np.int64, "f": np.float64, "c": np.complex128}
_READ_ONE_BY_ONE = 4096  # control values up to this many are read item by item (a scalar read each)
_CPU_INTS = (torch.int64, torch.bool)
_TENSOR = torch.Tensor
_tensor = torch.tensor


def kind(dtype) -> str:
    return _KIND.get(dtype, "O")


class TorchBackend(Backend):
    name = "torch"
    xp = xt
    array_type = torch.Tensor
    INT = torch.int64
    BOOL = torch.bool

    def __init__(self, device=None, dtype=None):
        from ..errors import DomainError

        try:
            self.device = None if device is None else torch.device(device)
        except (RuntimeError, TypeError) as e:
            raise DomainError(f"not a torch device: {device!r} ({e})") from None
        if self.device is not None and self.device.type == "cuda" and not torch.cuda.is_available():
            raise DomainError("device cuda: CUDA is not available on this machine")
        if dtype is not None and dtype not in (torch.float32, torch.float64):
            raise DomainError(f"the float dtype must be torch.float32 or torch.float64, not {dtype}")
        self.dtype = dtype or torch.float64
        self._key = None  # key(), made once
        # kind → the dtype a tensor of that kind has in this session (adopt's table)
        self._session_dtype = {"b": torch.bool, "u": torch.int64, "i": torch.int64, "f": self.dtype,
                               "c": _COMPLEX_OF[self.dtype]}

    def key(self):
        k = self._key
        if k is None:
            k = self._key = ("torch", str(self.device), self.dtype)
        return k

    def dtype_kind(self, dtype) -> str:
        return kind(dtype)

    @property
    def FLOAT(self):
        """The float dtype of the torch session evaluating (this backend's own outside one)."""
        bk = ACTIVE.get()
        return bk.dtype if bk.name == "torch" else self.dtype

    @property
    def COMPLEX(self):
        return _COMPLEX_OF[self.FLOAT]

    def __repr__(self):
        return f"TorchBackend(device={self.device}, dtype={self.dtype})"

    # ------------------------------------------------------------------ conversion
    def from_numpy(self, a, device=None):
        """A numeric NumPy array as a tensor of the session's types, on the device."""
        dev = device if device is not None else self.device
        k = a.dtype.kind
        if k == "b":
            dt = torch.bool
        elif k in "iu":
            dt = torch.int64
            a = a.astype(np.int64, copy=False)
        elif k == "f":
            dt = self.dtype
        else:
            dt = _COMPLEX_OF[self.dtype]
        if not a.flags.writeable or any(st < 0 for st in a.strides):
            # torch takes no negative strides (a reversed view), and a tensor sharing a read-only
            # array's memory (a cached literal, a broadcast view) must not be written through
            a = a.copy()
        return torch.as_tensor(a, dtype=dt, device=dev)

    def adopt(self, x):
        """A tensor given from Python, in the session's types and on its device (a float tensor
        cast to the session's float dtype is a differentiable cast)."""
        dt = self._session_dtype.get(kind(x.dtype))
        if dt is None:
            from ..errors import DomainError

            raise DomainError(f"cannot use a tensor of dtype {x.dtype}")
        if x.dtype is not dt or (self.device is not None and x.device != self.device):
            x = x.to(device=self.device if self.device is not None else x.device, dtype=dt)
        return x

    def to_numpy(self, x):
        """A host copy, for display and formatting only (never for numeric work)."""
        return x.detach().cpu().resolve_conj().numpy()

    def host_values(self, x):
        """Read item by item (reading a scalar is how control flow sees a tensor); only a large
        tensor is copied to the host in one go."""
        if x.numel() > _READ_ONE_BY_ONE:
            return self.to_numpy(x)
        k = kind(x.dtype)
        conv = bool if k == "b" else int if k in "iu" else float if k == "f" else complex
        vals = [conv(v) for v in x.reshape(-1)]
        return np.array(vals, dtype=_HOST_DTYPE[k]).reshape(tuple(x.shape))

    def asarray(self, x, dtype=None, device=None):
        if isinstance(x, np.ndarray):
            return self.from_numpy(x, device) if dtype is None else torch.as_tensor(x, dtype=dtype, device=device)
        return torch.as_tensor(x, dtype=dtype, device=device)

    def copy(self, x):
        return x.clone()

    def scalar(self, v, dtype, device=None):
        if isinstance(v, np.generic):
            v = v.item()  # torch takes no NumPy bool as a number (np.True_ to int64)
        return _tensor(v, dtype=dtype, device=device)

    # ------------------------------------------------------------------ items and cells
    def element(self, x, index):
        return x[index]

    def items(self, x) -> list:
        return list(x.reshape(-1))

    def major_cells(self, x) -> list:
        return list(x.unbind(0))

    # ------------------------------------------------------------------ values read on the host
    def float_sum(self, x, k):
        return x.sum(k)  # (the tensor's own method: no namespace wrapper on the way)

    def all_finite(self, x) -> bool:
        """Whether every item is finite: their sum is, unless it overflows, when the least and
        greatest items (NaN propagates) are read (torch.isfinite is many times slower on CPU)."""
        if x.numel() == 1:  # one read of the scalar (each tensor call counts, right after a big one)
            v = x.item()
            return math.isfinite(v.real) and math.isfinite(v.imag) if type(v) is complex else math.isfinite(v)
        if x.is_complex():
            x = torch.view_as_real(x)
        if x.requires_grad:
            x = x.detach()
        s = float(x.sum())  # (finite where every item is; one that overflows is looked at again)
        if s - s == 0:
            return True
        lo, hi = torch.aminmax(x.reshape(-1))
        return bool((lo > -torch.inf) & (hi < torch.inf))

    def absmax(self, x) -> float:
        lo, hi = torch.aminmax(x.detach().reshape(-1))
        return max(-float(lo), float(hi))  # (as floats: -lo of ¯2*63 wraps)

    def int_scalars(self, a, w):
        """Only CPU tensors (reading a GPU tensor waits for the device), only integers and
        booleans (floats may carry gradients)."""
        if type(a) is _TENSOR and type(w) is _TENSOR and a.dtype in _CPU_INTS and w.dtype in _CPU_INTS \
                and a.device.type == "cpu" and w.device.type == "cpu":
            return int(a), int(w)
        return None

    # ------------------------------------------------------------------ where the libraries differ
    def sum_of_squares(self, x):
        """A BLAS dot product, differentiable."""
        if not x.is_floating_point() or not x.numel():
            return None
        flat = x.reshape(-1)
        r = flat.dot(flat)
        return r if bool(r.isfinite()) else None

    def imag(self, x):
        return x.imag if x.is_complex() else torch.zeros_like(x)

    def angle(self, x):
        return torch.angle(x)

    def gcd(self, a, w):
        a, w = torch.broadcast_tensors(a, w)
        return torch.gcd(a, w)

    def divide(self, a, w):
        """a÷w as NumPy computes it. Complex quotients by Smith's method, operation for operation
        as NumPy's loop does them: torch's vectorised complex division differs in the last bits
        (z÷z is 1J1E¯17, so that ⍟⍨¯2 or (⍟z)÷⍟z stay complex where NumPy gives a real 1)."""
        if not isinstance(a, torch.Tensor):
            a = torch.as_tensor(a, device=w.device)
        if not (a.is_complex() or w.is_complex()):
            return a / w
        dt = torch.result_type(a, w)
        a, w = a.to(dt), w.to(dt)
        ar, ai, wr, wi = a.real, a.imag, w.real, w.imag
        zero = (wr == 0) & (wi == 0)
        by_re = (wr.abs() >= wi.abs()) & ~zero
        # |wr| ≥ |wi|: rat = wi÷wr, scl = ÷wr+wi×rat; else the same with wr and wi exchanged
        # (the divisors of the branch not taken are 1, so neither branch makes an inf or a NaN)
        c = torch.where(by_re, wr, torch.where(zero, 1.0, wi))
        d = torch.where(by_re, wi, torch.where(zero, 0.0, wr))
        rat = d / c
        scl = 1.0 / (c + d * rat)
        re = torch.where(by_re, (ar + ai * rat) * scl, (ar * rat + ai) * scl)
        im = torch.where(by_re, (ai - ar * rat) * scl, (ai * rat - ar) * scl)
        q = torch.complex(re, im)
        return torch.where(zero, a / w, q) if bool(zero.any()) else q

    def complex_pow(self, a, w):
        """a*w for complex tensors as NumPy computes it: a whole real exponent under 100 in
        magnitude by repeated squaring (so 1J1*2 is 0J2 and ¯1*1 is ¯1 exactly; torch.pow goes
        through exp and log), any other by torch.pow."""
        a, w = torch.broadcast_tensors(a, w)
        r = torch.pow(a, w)
        wr, wi = w.real, w.imag
        whole = (wi == 0) & (wr == torch.trunc(wr)) & (wr.abs() < 100)
        if not bool(whole.any()):
            return r
        n = torch.where(whole, wr, 0.0).abs().to(torch.int64)
        ones = torch.ones_like(a)
        acc, p, bit, top = ones, a, 1, int(n.max())
        while True:
            acc = torch.where((n & bit) != 0, _cmul(acc, p), acc)
            bit <<= 1
            if bit > top:
                break
            p = _cmul(p, p)
        acc = torch.where(wr < 0, self.divide(ones, acc), acc)
        return torch.where(whole, acc, r)

    def cummax(self, x, axis):
        if x.dtype == torch.bool:
            return torch.cummax(x.to(torch.int64), dim=axis).values.to(torch.bool)
        return torch.cummax(x, dim=axis).values

    def cummin(self, x, axis):
        if x.dtype == torch.bool:
            return torch.cummin(x.to(torch.int64), dim=axis).values.to(torch.bool)
        return torch.cummin(x, dim=axis).values

    def ix_(self, *idx):
        n = len(idx)
        return tuple(t.reshape((1,) * i + (-1,) + (1,) * (n - i - 1)) for i, t in enumerate(idx))

    def minimum_at(self, res, idx, vals):
        return res.scatter_reduce(0, idx, vals.to(res.dtype), reduce="amin", include_self=True)

    def _firsts(self, inv, count):
        n = inv.shape[0]
        first = torch.full((count,), n, dtype=torch.int64, device=inv.device)
        return first.scatter_reduce(0, inv, torch.arange(n, device=inv.device), reduce="amin")

    def unique_first(self, x):
        if x.is_complex():
            u, first, _ = self.unique_rows(x.reshape(-1, 1))
            return u.reshape(-1), first
        u, inv = torch.unique(x, sorted=True, return_inverse=True)
        return u, self._firsts(inv.reshape(-1), u.shape[0])

    def unique_rows(self, m):
        if m.is_complex():
            # torch.unique has no complex support: rows of (re, im) pairs order the same way
            pairs = torch.stack([m.real, m.imag], dim=-1).reshape(m.shape[0], -1)
            _, inv = torch.unique(pairs, dim=0, sorted=True, return_inverse=True)
            first = self._firsts(inv, int(inv.max()) + 1 if inv.numel() else 0)
            return m[first], first, inv
        u, inv = torch.unique(m, dim=0, sorted=True, return_inverse=True)
        return u, self._firsts(inv, u.shape[0]), inv

    def lexsort_rows(self, keys):
        n, k = keys.shape
        order = torch.arange(n, device=keys.device)
        for j in range(k - 1, -1, -1):
            order = order[torch.argsort(keys[order, j], stable=True)]
        return order

    def searchsorted(self, s, keys, side: str, order=None):
        return xt.searchsorted(s.contiguous(), keys.contiguous(), side=side)

    def sliding_window(self, x, m, axis):
        return x.unfold(axis, m, 1)

    def unravel_index(self, flat, shape):
        return torch.unravel_index(flat, tuple(shape))

    def indices(self, shape, device=None):
        if not shape:
            return torch.zeros((0,), dtype=torch.int64, device=device)
        grids = torch.meshgrid(*[torch.arange(s, device=device) for s in shape], indexing="ij")
        return torch.stack(grids)

    def int_tensordot(self, a, w):
        """Σ a[..., k] × w[k, ...] in exact int64 arithmetic (CUDA has no integer GEMM: there,
        broadcast products summed in blocks of rows)."""
        if a.device.type == "cpu":
            return torch.tensordot(a, w, dims=([-1], [0]))
        lead, k, trail = tuple(a.shape[:-1]), a.shape[-1], tuple(w.shape[1:])
        rows = a.reshape(-1, k)
        ww = w.reshape(1, k, -1)
        step = max(1, (1 << 24) // max(1, k * ww.shape[-1]))
        parts = [(rows[s:s + step].unsqueeze(-1) * ww).sum(dim=1) for s in range(0, rows.shape[0], step)]
        out = torch.cat(parts) if parts else torch.zeros((0, ww.shape[-1]), dtype=a.dtype, device=a.device)
        return out.reshape(lead + trail)

    def pinv(self, m):
        return torch.linalg.pinv(m)

    def lstsq(self, m, b):
        vec = b.ndim == 1
        bb = b.unsqueeze(-1) if vec else b
        if m.device.type == "cpu":
            x = torch.linalg.lstsq(m, bb, driver="gelsd").solution
        else:  # full column rank is checked before: the pseudo-inverse solves it
            x = torch.linalg.pinv(m) @ bb
        return x.squeeze(-1) if vec else x

    def matrix_rank(self, m):
        return int(torch.linalg.matrix_rank(m))


def _cmul(x, y):
    """x×y for complex tensors, in NumPy's order of operations (re: xr·yr−xi·yi, im: xr·yi+xi·yr)."""
    return torch.complex(x.real * y.real - x.imag * y.imag, x.real * y.imag + x.imag * y.real)


_DEFAULT: dict = {}


def default() -> TorchBackend:
    """The torch backend used for tensors met outside a torch session (float64, any device)."""
    b = _DEFAULT.get("b")
    if b is None:
        b = _DEFAULT["b"] = TorchBackend()
    return b
