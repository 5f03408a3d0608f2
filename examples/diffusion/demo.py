"""The lesson end to end: a class-conditional diffusion model of 8×8 digits, sampled with the APL
helpers at every guidance step, DiffEdit whole, and the measured effect of each guidance variant.

    python examples/diffusion/demo.py            # trains once (~2-3 min, checkpointed), then ~3-5 min
    python examples/diffusion/demo.py --quick    # tiny training and few samples: checks every output
    python examples/diffusion/demo.py --publish  # also copy the pictures and table beside the README

What it does (model.py has the model, helpers.apl the helpers, diffusion.py loads them):
1. trains (or loads) diffusers' UNet2DModel on scikit-learn's digits, with a null class for CFG;
2. trains an independent classifier (scikit-learn's SVC) on the real digits;
3. samples every digit with DDIMScheduler under each guidance variant, calling the APL helpers on
   torch tensors at every step, then the same loop with the same noise and the PyTorch helpers,
   for the time and the difference; the classifier's label agreement measures each variant;
4. interpolates between two digits' class embeddings with the APL lerp and slerp;
5. DiffEdit 3 → 8: the mask from the APL helpers (diffusers' 3×mean clamp), DDIMInverseScheduler
   to encode, DDIMScheduler to decode with the APL blend at every step;
6. writes PNG grids, results.md and results.json into the output folder (out/, ignored by git).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import platform
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))  # the repository, when apl is not installed

import diffusion  # noqa: E402
import model  # noqa: E402

OUT = HERE / "out"
PUBLISHED = HERE / "images"
FULL = dict(train_steps=600, batch=128, per_digit=20, ddim_steps=25, edits=40, maps=10, guidance=4.0)
QUICK = dict(train_steps=30, batch=32, per_digit=2, ddim_steps=4, edits=3, maps=2, guidance=4.0)
SOURCE, TARGET = 3, 8  # DiffEdit: turn threes into eights
OUTPUTS = ["samples.png", "interpolation.png", "diffedit.png", "results.md", "results.json"]


# ------------------------------------------------------------------ guidance variants
def variants(g: float, steps: int):
    """(name, what it is, make) where make(h) gives the guidance function eps(i, u, c) for
    helpers h (the APL ones or the PyTorch ones: the same calls)."""
    def scheduled(kind, args):
        def make(h):
            sched = getattr(h, kind)(steps, args)  # the whole schedule, one helper call per sampling run
            return lambda i, u, c: h.guide([u, c], sched[i])
        return make

    tn = 0.25  # T-Norm's update already has ‖u‖ before g: cf-guidance's scales for it are below 1
    warm = max(1, steps // 5)
    return [
        ("conditional", "no guidance (g 1)", lambda h: lambda i, u, c: h.guide([u, c], 1.0)),
        (f"CFG g {g:g}", "classifier-free guidance", lambda h: lambda i, u, c: h.guide([u, c], g)),
        ("rescaled", "guided prediction at ‖u‖", lambda h: lambda i, u, c: h.rescaled([u, c], g)),
        (f"rescaled update g {tn:g}", "update t−u at ‖u‖ (T-Norm)", lambda h: lambda i, u, c: h.rescaled_update([u, c], tn)),
        (f"both rescalings g {tn:g}", "T-Norm, then the whole at ‖u‖", lambda h: lambda i, u, c: h.rescaled_both([u, c], tn)),
        ("rescale_noise_cfg φ 0.7", "std matched to the conditional's", lambda h: lambda i, u, c: h.guide_rescaled([u, c], [g, 0.7])),
        (f"linear {g:g}→1", "scale falls linearly to 1", scheduled("linear", [g, 1.0])),
        (f"linear 1→{g:g}", "scale rises linearly to g", scheduled("linear", [1.0, g])),
        (f"cosine {g:g}→1, warm-up", f"from 1 up to g in {warm} steps, cosine down to 1", scheduled("cosine", [g, 1.0, warm, 1.0])),
    ]


@torch.no_grad()
def sample(unet, labels, guidance, steps: int, seed: int):
    """DDIM sampling of one image per label; guidance(i, u, c) mixes the unconditional and the
    conditional noise predictions (one UNet call on both halves of a doubled batch)."""
    from diffusers import DDIMScheduler

    sched = DDIMScheduler(num_train_timesteps=model.TRAIN_TIMESTEPS)
    sched.set_timesteps(steps)
    x = torch.randn(len(labels), 1, 8, 8, generator=torch.Generator().manual_seed(seed))
    both = torch.cat([labels, torch.full_like(labels, model.NULL_CLASS)])
    for i, t in enumerate(sched.timesteps):
        c, u = unet(torch.cat([x, x]), t, class_labels=both).sample.chunk(2)
        x = sched.step(guidance(i, u, c), t, x).prev_sample
    return x


# ------------------------------------------------------------------ interpolation of class embeddings
@contextlib.contextmanager
def class_table(unet, table):
    """Let the UNet look its class embeddings up in `table` (label i → row i) for a while."""
    saved = unet.class_embedding
    unet.class_embedding = torch.nn.Embedding.from_pretrained(table)
    try:
        yield
    finally:
        unet.class_embedding = saved


def interpolate(unet, h, a: int, b: int, n: int, g: float, steps: int, seed: int):
    """For lerp and slerp: n images from digit a's class embedding to b's, the same noise for all."""
    emb = unet.class_embedding.weight.detach()
    rows = {}
    for kind in ("lerp", "slerp"):
        mix = [getattr(h, kind)(emb[a], emb[b], float(t)) for t in np.linspace(0, 1, n)]
        table = torch.stack([*mix, emb[model.NULL_CLASS]])
        with class_table(unet, table):
            labels = torch.arange(n)
            guidance = lambda i, u, c: h.guide([u, c], g)  # noqa: E731
            # the same starting noise in every column
            from diffusers import DDIMScheduler

            sched = DDIMScheduler(num_train_timesteps=model.TRAIN_TIMESTEPS)
            sched.set_timesteps(steps)
            x = torch.randn(1, 1, 8, 8, generator=torch.Generator().manual_seed(seed)).repeat(n, 1, 1, 1)
            both = torch.cat([labels, torch.full_like(labels, n)])
            with torch.no_grad():
                for i, t in enumerate(sched.timesteps):
                    c, u = unet(torch.cat([x, x]), t, class_labels=both).sample.chunk(2)
                    x = sched.step(guidance(i, u, c), t, x).prev_sample
        rows[kind] = x
    return rows


# ------------------------------------------------------------------ DiffEdit
@torch.no_grad()
def diffedit(unet, h, x0, src: int, dst: int, g: float, steps: int, maps: int, seed: int,
             strength: float = 0.6, threshold: float = 0.5, use_mask: bool = True, mask=None):
    """DiffEdit (Couairon et al. 2022) on a batch x0 (B×1×8×8): the mask from the difference of the
    noise predictions for dst and src over `maps` noisings at half strength (APL `mask`), DDIM
    inversion conditioned on src to `strength`, then DDIM decoding with CFG towards dst where, after
    every step, the APL `blend` puts back the inversion's latent outside the mask."""
    from diffusers import DDIMInverseScheduler, DDIMScheduler

    b = len(x0)
    gen = torch.Generator().manual_seed(seed)
    if mask is None:
        t_mask = torch.tensor(model.TRAIN_TIMESTEPS // 2)
        noise = torch.randn(b, maps, 1, 8, 8, generator=gen)
        noisy = model.noise_scheduler().add_noise(x0[:, None].expand_as(noise), noise, t_mask).reshape(b * maps, 1, 8, 8)
        eps = lambda label: unet(noisy, t_mask, class_labels=torch.full((b * maps,), label)).sample  # noqa: E731
        q, r = eps(dst).reshape(b, maps, 1, 8, 8), eps(src).reshape(b, maps, 1, 8, 8)
        mask = h.mask([q, r], threshold)  # B×8×8, diffusers' 3×mean clamp
    inv = DDIMInverseScheduler(num_train_timesteps=model.TRAIN_TIMESTEPS)
    inv.set_timesteps(steps)
    n_enc = max(1, round(strength * steps))
    latents, x = [x0], x0
    for t in inv.timesteps[:n_enc]:
        x = inv.step(unet(x, t, class_labels=torch.full((b,), src)).sample, t, x).prev_sample
        latents.append(x)
    sched = DDIMScheduler(num_train_timesteps=model.TRAIN_TIMESTEPS)
    sched.set_timesteps(steps)
    y = latents[-1]
    both = torch.cat([torch.full((b,), dst), torch.full((b,), model.NULL_CLASS)])
    for j, t in enumerate(sched.timesteps[-n_enc:]):
        c, u = unet(torch.cat([y, y]), t, class_labels=both).sample.chunk(2)
        y = sched.step(h.guide([u, c], g), t, y).prev_sample
        if use_mask:
            y = h.blend([latents[-2 - j], y], mask)  # the edit inside the mask, the encoding outside
    return y, mask


# ------------------------------------------------------------------ pictures
def _tiles(x, scale):
    from PIL import Image

    px = ((x.detach().float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).reshape(-1, 8, 8).numpy()
    return [Image.fromarray(255 - p, mode="L").resize((8 * scale, 8 * scale), Image.NEAREST) for p in px]


def grid(images, cols, scale=4, pad=2, bg=255):
    """A PIL image of 8×8 samples (in [-1, 1]) in rows of `cols`, dark digits on white."""
    from PIL import Image

    tiles = _tiles(images, scale) if isinstance(images, torch.Tensor) else images
    rows = (len(tiles) + cols - 1) // cols
    s = tiles[0].size[0]
    out = Image.new(tiles[0].mode, (cols * (s + pad) + pad, rows * (s + pad) + pad), (bg,) * len(tiles[0].getbands()))
    for k, tile in enumerate(tiles):
        out.paste(tile, (pad + (k % cols) * (s + pad), pad + (k // cols) * (s + pad)))
    return out


def ascii_title(name: str) -> str:
    """PIL's built-in font has no φ or →."""
    return name.replace("rescale_noise_cfg", "rescale_cfg").replace("φ", "phi").replace("→", "->")


def labelled(panels, titles, gap=6, title_h=14):
    """Panels side by side, each with a title above."""
    from PIL import Image, ImageDraw

    w = sum(p.size[0] for p in panels) + gap * (len(panels) - 1)
    hgt = max(p.size[1] for p in panels) + title_h
    out = Image.new("RGB", (w, hgt), "white")
    draw = ImageDraw.Draw(out)
    x = 0
    for p, title in zip(panels, titles):
        out.paste(p.convert("RGB"), (x, title_h))
        draw.text((x + 1, 1), title, fill="black")
        x += p.size[0] + gap
    return out


def stacked(images, titles, title_w=44, gap=4):
    """Images one above the other, each with a title at its left."""
    from PIL import Image, ImageDraw

    w = max(i.size[0] for i in images) + title_w
    hgt = sum(i.size[1] for i in images) + gap * (len(images) - 1)
    out = Image.new("RGB", (w, hgt), "white")
    draw = ImageDraw.Draw(out)
    y = 0
    for im, title in zip(images, titles):
        out.paste(im.convert("RGB"), (title_w, y))
        draw.text((2, y + im.size[1] // 2 - 5), title, fill="black")
        y += im.size[1] + gap
    return out


def overlay(x, mask, scale):
    """An 8×8 image with its mask tinted red."""
    from PIL import Image

    base = np.array(_tiles(x[None], scale)[0].convert("RGB"), dtype=np.float32)
    m = np.kron(mask.numpy().astype(np.float32), np.ones((scale, scale), np.float32))[..., None]
    red = np.array([230, 40, 40], np.float32)
    return Image.fromarray((base * (1 - 0.55 * m) + red * 0.55 * m).astype(np.uint8), mode="RGB")


# ------------------------------------------------------------------ the run
def classifier(seed: int):
    """An SVC on the real digits (pixels 0–16), and its accuracy on a held-out quarter."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from sklearn.svm import SVC

    d = load_digits()
    xa, xb, ya, yb = train_test_split(d.data, d.target, test_size=0.25, random_state=seed, stratify=d.target)
    clf = SVC(gamma=0.001, C=10).fit(xa, ya)
    return clf, float(clf.score(xb, yb))


def run(args) -> dict:
    torch.set_num_threads(args.threads)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    unet, info = model.load_or_train(out / f"digits_unet_{args.train_steps}x{args.batch}.pt",
                                     steps=args.train_steps, batch=args.batch, progress=not args.no_progress)
    print(("loaded the checkpoint" if info["loaded"] else f"trained in {info['train_seconds']:.0f} s")
          + f" ({info['steps']} batches of {info['batch']}, {info['parameters']:,} parameters,"
          f" loss {info['loss']:.4f})")
    clf, clf_acc = classifier(args.seed)
    print(f"classifier (SVC on the real digits): {clf_acc:.1%} on held-out real digits")
    apl_h = diffusion.helpers("torch", torch.float32)
    torch_h = diffusion.torch_helpers()

    # 1. every guidance variant, with the APL helpers and then with the PyTorch ones
    labels = torch.arange(10).repeat_interleave(args.per_digit)
    rows, pictures = [], []
    t_apl = t_torch = 0.0
    for k, (name, what, make) in enumerate(variants(args.guidance, args.ddim_steps)):
        t0 = time.perf_counter()
        x = sample(unet, labels, make(apl_h), args.ddim_steps, args.seed)
        t1 = time.perf_counter()
        x_ref = sample(unet, labels, make(torch_h), args.ddim_steps, args.seed)
        t2 = time.perf_counter()
        t_apl, t_torch = t_apl + (t1 - t0), t_torch + (t2 - t1)
        pred = clf.predict(model.to_pixels(x))
        rows.append(dict(
            variant=name, what=what, agreement=float((pred == labels.numpy()).mean()),
            saturated=float((x.abs() >= 0.99).float().mean()),
            diff_vs_torch=float((x - x_ref).abs().max()), apl_s=t1 - t0, torch_s=t2 - t1,
        ))
        print(f"  {name:28} label agreement {rows[-1]['agreement']:6.1%}   "
              f"APL {t1 - t0:6.2f} s, PyTorch {t2 - t1:6.2f} s", flush=True)
        by_digit = x.reshape(10, args.per_digit, 1, 8, 8)[:, : min(4, args.per_digit)].reshape(-1, 1, 8, 8)
        pictures.append(grid(by_digit, cols=min(4, args.per_digit), scale=3))
        grid(x, cols=args.per_digit, scale=4).save(out / f"samples_{k}.png")
    labelled(pictures, [ascii_title(r["variant"]) for r in rows]).save(out / "samples.png")

    # 2. interpolation between two digits' class embeddings
    strips = interpolate(unet, apl_h, SOURCE, TARGET, 9, 3.0, args.ddim_steps, args.seed)
    strip_rows = [grid(strips[k], cols=9, scale=4) for k in ("lerp", "slerp")]
    stacked(strip_rows, ["lerp", "slerp"]).save(out / "interpolation.png")

    # 3. DiffEdit 3 → 8 on real threes (those the classifier reads as threes)
    xs, ys = model.digits()
    threes = xs[ys == SOURCE]
    threes = threes[clf.predict(model.to_pixels(threes)) == SOURCE][: args.edits]
    edited, mask = diffedit(unet, apl_h, threes, SOURCE, TARGET, 3.0, args.ddim_steps, args.maps, args.seed)
    unmasked, _ = diffedit(unet, apl_h, threes, SOURCE, TARGET, 3.0, args.ddim_steps, args.maps, args.seed,
                           use_mask=False, mask=mask)
    before, after, plain = (model.to_pixels(v) for v in (threes, edited, unmasked))
    outside = ~mask.reshape(len(threes), -1).numpy()
    same = np.abs(after - before) < 0.5  # within half a grey level (of 16)
    same_plain = np.abs(plain - before) < 0.5
    edit = dict(
        edits=len(threes), success=float((clf.predict(after) == TARGET).mean()),
        unchanged_outside=float(same[outside].mean()) if outside.any() else 1.0,
        mask_area=float(mask.float().mean()),
        success_without_mask=float((clf.predict(plain) == TARGET).mean()),
        unchanged_outside_without_mask=float(same_plain[outside].mean()) if outside.any() else 1.0,
    )
    show = min(8, len(threes))
    cols = [grid(threes[:show], 1, scale=4),
            grid([overlay(threes[i], mask[i], 4) for i in range(show)], 1),
            grid(edited[:show], 1, scale=4), grid(unmasked[:show], 1, scale=4)]
    labelled(cols, [str(SOURCE), "mask", f"-> {TARGET}", "no mask"]).save(out / "diffedit.png")

    total = time.perf_counter() - t_start
    result = dict(
        quick=args.quick, settings={k: getattr(args, k) for k in FULL}, model=info, classifier_accuracy=clf_acc,
        variants=rows, diffedit=edit, sampling_apl_s=t_apl, sampling_torch_s=t_torch,
        apl_over_torch=t_apl / t_torch, total_s=total,
        machine=f"{platform.machine()}, torch {torch.__version__}, {args.threads} thread(s)",
    )
    (out / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(table(result), encoding="utf-8")
    print("\n" + table(result))
    return result


def table(r: dict) -> str:
    s = r["settings"]
    lines = [
        f"{s['per_digit']} samples per digit, {s['ddim_steps']} DDIM steps, guidance {s['guidance']:g}; "
        f"classifier on held-out real digits: {r['classifier_accuracy']:.1%}",
        "",
        "| variant | what it does | label agreement | saturated pixels | APL vs PyTorch helpers (max diff) |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for v in r["variants"]:
        lines.append(f"| {v['variant']} | {v['what']} | {v['agreement']:.1%} | {v['saturated']:.1%} "
                     f"| {v['diff_vs_torch']:.1e} |")
    e = r["diffedit"]
    lines += [
        "",
        "| DiffEdit 3 → 8 | with the mask | without it (same encoding) |",
        "| --- | ---: | ---: |",
        f"| edits read as 8 by the classifier | {e['success']:.1%} | {e['success_without_mask']:.1%} |",
        f"| pixels outside the mask unchanged (±½ grey level) | {e['unchanged_outside']:.1%} | "
        f"{e['unchanged_outside_without_mask']:.1%} |",
        f"| mask area (share of the image) | {e['mask_area']:.1%} | |",
        "",
        f"Sampling all variants: APL helpers {r['sampling_apl_s']:.1f} s, "
        f"PyTorch helpers {r['sampling_torch_s']:.1f} s "
        f"({r['apl_over_torch']:.2f}×); {r['machine']}.",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny training, few samples: a check that runs in seconds")
    p.add_argument("--out", default=str(OUT), help=f"output folder (default {OUT.relative_to(HERE.parent.parent)})")
    p.add_argument("--threads", type=int, default=1, help="torch threads (pinned for stable timings; default 1)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-progress", action="store_true", help="no progress bar while training")
    p.add_argument("--publish", action="store_true", help=f"copy the pictures and the table to {PUBLISHED.name}/")
    for k, v in FULL.items():
        p.add_argument(f"--{k.replace('_', '-')}", type=type(v), default=None, help=f"default {v} ({QUICK[k]} quick)")
    args = p.parse_args(argv)
    for k, v in (QUICK if args.quick else FULL).items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    run(args)
    out = Path(args.out)
    missing = [f for f in OUTPUTS if not (out / f).is_file() or (out / f).stat().st_size == 0]
    if missing:
        print(f"MISSING OUTPUTS: {', '.join(missing)}")
        return 1
    print(f"outputs in {out}: {', '.join(OUTPUTS)}")
    if args.publish:
        PUBLISHED.mkdir(exist_ok=True)
        for f in ["samples.png", "interpolation.png", "diffedit.png", "results.md"]:
            shutil.copy(out / f, PUBLISHED / f)
        print(f"copied to {PUBLISHED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
