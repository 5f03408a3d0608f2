"""One short check of the torch backend on a GPU: run it on a machine with CUDA.

    .venv/bin/python bench/gpu_check.py            # exit status 0 when every check passes

It prints, in order:
  1. the public conformance cases on device="cuda": pass rate, Python exceptions, results that
     are not on the GPU, and any case whose result differs from the CPU torch backend's;
  2. autograd on the GPU: torch.autograd.gradcheck (float64) of the Frobenius norm, softmax,
     +.×, mean and slerp written in APL;
  3. tensors on two devices: a DOMAIN ERROR;
  4. float32 on request: results stay float32 on the GPU;
  5. bench/torch_bench.py at full size on the GPU (APL against hand-written torch).
"""
from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import torch

import apl


def _cases():
    for path in (ROOT.parent / "shared" / "conformance" / "public.jsonl",
                 ROOT / "tests" / "data" / "conformance_public.jsonl"):
        if path.exists():
            return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()], path
    raise SystemExit("no conformance cases found")


def _tensors(x, out):
    import numpy as np

    if isinstance(x, torch.Tensor):
        out.append(x)
    elif isinstance(x, np.ndarray) and x.dtype == object:
        for v in x.reshape(-1):
            _tensors(v, out)
    return out


def conformance(device):
    from conformance import canon, difference

    cases, path = _cases()
    passed, leaks, off_device, differ, failures = 0, [], [], [], []
    t0 = time.perf_counter()
    for c in cases:
        exp = c["expect"]
        try:
            got, err = apl.evaluate(c["expr"], backend="torch", device=device), None
        except apl.APLError as e:
            got, err = None, e.name
        except Exception as e:
            leaks.append(f"{c['id']}: {type(e).__name__}: {e}".splitlines()[0][:160])
            continue
        if got is not None:
            if any(t.device.type != torch.device(device).type for t in _tensors(got, [])):
                off_device.append(c["id"])
            try:
                cpu, cpu_err = apl.evaluate(c["expr"], backend="torch"), None
            except apl.APLError as e:
                cpu, cpu_err = None, e.name
            if cpu_err is not None or difference(canon(got), canon(cpu)) is not None:
                differ.append(c["id"])
        if "error" in exp:
            ok = err == exp["error"]
        else:
            ok = err is None and difference(canon(got), exp) is None
        passed += ok
        if not ok:
            failures.append(f"{c['id']}: {c['expr']}")
    n = len(cases)
    print(f"[1] conformance on {device} ({path.name}): {passed}/{n} passed ({passed / n:.1%}), "
          f"{len(leaks)} Python exceptions, {len(off_device)} results off the GPU, "
          f"{len(differ)} differ from CPU torch, {time.perf_counter() - t0:.1f} s")
    for line in (failures + leaks)[:20]:
        print("      ", line)
    if off_device:
        print("       off the GPU:", ", ".join(off_device[:20]))
    if differ:
        print("       differ from CPU:", ", ".join(differ[:20]))
    return not leaks and not off_device and not differ and passed == n


def autograd(device):
    from torch.autograd import gradcheck

    g = torch.Generator().manual_seed(0)

    def rnd(*shape):
        return torch.randn(*shape, generator=g, dtype=torch.float64).to(device).requires_grad_()

    norm = apl.function("{(+/,⍵×⍵)*0.5}")
    softmax = apl.function("{e÷+/e←*⍵-⌈/⍵}")
    matmul = apl.function("+.×")
    mean = apl.function("{(+/⍵)÷≢⍵}")
    slerp = apl.function("{p q←↓⍵ ⋄ o←¯2○+/p×q ⋄ ((p×1○(1-⍺)×o)+q×1○⍺×o)÷1○o}")
    pq = torch.nn.functional.normalize(torch.randn(2, 3, generator=g, dtype=torch.float64), dim=1)
    checks = {
        "norm": (norm, (rnd(3, 4),)),
        "softmax": (softmax, (rnd(6),)),
        "+.×": (lambda a, b: matmul(b, a), (rnd(3, 4), rnd(4, 2))),
        "mean": (mean, (rnd(7),)),
        "slerp": (lambda pq, t: slerp(pq, t), (pq.to(device).requires_grad_(),
                                               torch.tensor(0.3, dtype=torch.float64, device=device,
                                                            requires_grad=True))),
    }
    ok = True
    results = []
    for name, (f, args) in checks.items():
        try:
            out = f(*args)
            good = out.device.type == torch.device(device).type and gradcheck(f, args)
        except Exception as e:
            good = False
            results.append(f"{name}: {type(e).__name__}: {e}".splitlines()[0][:160])
        ok &= bool(good)
        results.append(f"{name} {'ok' if good else 'FAILED'}")
    x = rnd(5)
    n = norm(x)
    n.backward()
    grad_ok = torch.allclose(x.grad, x.detach() / n.detach())
    ok &= grad_ok
    print(f"[2] autograd on {device}: " + ", ".join(results) + f"; norm(x).backward() gives x÷norm x: {grad_ok}")
    return ok


def two_devices(device):
    try:
        apl.evaluate("X+Y", X=torch.ones(3), Y=torch.ones(3, device=device))
    except apl.APLError as e:
        ok = e.name == "DOMAIN ERROR"
        print(f"[3] tensors on cpu and {device}: {e.name} ({'ok' if ok else 'FAILED'})")
        return ok
    except Exception as e:
        print(f"[3] tensors on cpu and {device}: a Python {type(e).__name__}, not an APL error: FAILED")
        return False
    print(f"[3] tensors on cpu and {device}: no error: FAILED")
    return False


def float32(device):
    r = apl.evaluate("(+/÷⍳100)×X", X=torch.ones(3, device=device, dtype=torch.float32), dtype=torch.float32)
    ok = r.dtype == torch.float32 and r.device.type == torch.device(device).type
    print(f"[4] dtype=torch.float32 on {device}: result {r.dtype} on {r.device} ({'ok' if ok else 'FAILED'})")
    return ok


def bench(device):
    sys.path.insert(0, str(ROOT / "bench"))
    from torch_bench import run

    print(f"[5] benchmark on {device}:")
    _, ok = run(device=device, out=lambda s: print("      " + s))
    return ok


def main():
    if not torch.cuda.is_available():
        print("CUDA is not available on this machine: nothing to check")
        return 2
    device = "cuda"
    print(f"apl on {torch.cuda.get_device_name(0)}, torch {torch.__version__}")
    results = []
    for check in (conformance, autograd, two_devices, float32, bench):
        try:
            results.append(check(device))
        except Exception:
            traceback.print_exc()
            results.append(False)
    print("all checks passed" if all(results) else f"checks failed: {results}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
