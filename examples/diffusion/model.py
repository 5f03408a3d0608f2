"""A class-conditional diffusion model of scikit-learn's 8×8 digits, built from diffusers' parts.

The data is scikit-learn's bundled `load_digits` (1,797 images of 8×8 pixels, 16 grey levels;
nothing is downloaded), scaled to [-1, 1]. The model is diffusers' `UNet2DModel` with a class
embedding for the ten digits and one more, the null class (10), that stands for "no label":
training replaces 10% of the labels by it, so one network gives both the conditional and the
unconditional noise prediction that classifier-free guidance mixes. `DDPMScheduler` adds the noise
for training; sampling (demo.py) uses `DDIMScheduler`, and DiffEdit's encoding `DDIMInverseScheduler`.

    from model import load_or_train
    unet, info = load_or_train(Path("out/digits_unet.pt"))   # trains once (~2-3 min), then loads
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch

NULL_CLASS = 10  # the label that means "unconditional"
TRAIN_TIMESTEPS = 1000
UNET_CONFIG = dict(
    sample_size=8, in_channels=1, out_channels=1, layers_per_block=1,
    block_out_channels=(32, 64), down_block_types=("DownBlock2D", "DownBlock2D"),
    up_block_types=("UpBlock2D", "UpBlock2D"), norm_num_groups=8, num_class_embeds=NULL_CLASS + 1,
)


def digits() -> tuple[torch.Tensor, torch.Tensor]:
    """scikit-learn's digits as an N×1×8×8 float32 tensor in [-1, 1] and their labels."""
    from sklearn.datasets import load_digits

    d = load_digits()
    x = torch.tensor(d.images, dtype=torch.float32).unsqueeze(1) / 8 - 1
    return x, torch.tensor(d.target, dtype=torch.long)


def to_pixels(x: torch.Tensor) -> np.ndarray:
    """Samples in [-1, 1] (N×1×8×8) back to scikit-learn's scale: N×64 grey levels in [0, 16]."""
    return ((x.detach().float().clamp(-1, 1) + 1) * 8).reshape(len(x), -1).numpy()


def make_unet():
    from diffusers import UNet2DModel

    return UNet2DModel(**UNET_CONFIG)


def noise_scheduler():
    from diffusers import DDPMScheduler

    return DDPMScheduler(num_train_timesteps=TRAIN_TIMESTEPS)


def train(steps: int, batch: int = 128, lr: float = 2e-3, p_uncond: float = 0.1, seed: int = 0,
          progress: bool = True):
    """Train the UNet for `steps` batches (AdamW, one-cycle learning rate); returns it in eval mode."""
    from tqdm.auto import tqdm

    torch.manual_seed(seed)
    x, y = digits()
    unet, sched = make_unet(), noise_scheduler()
    opt = torch.optim.AdamW(unet.parameters(), lr=lr, weight_decay=1e-4)
    lr_sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    g = torch.Generator().manual_seed(seed)
    unet.train()
    bar = tqdm(range(steps), desc="training the digits UNet", disable=not progress, mininterval=1.0)
    ema = None
    for _ in bar:
        idx = torch.randint(0, len(x), (batch,), generator=g)
        x0, labels = x[idx], y[idx].clone()
        labels[torch.rand(batch, generator=g) < p_uncond] = NULL_CLASS
        noise = torch.randn(x0.shape, generator=g)
        t = torch.randint(0, TRAIN_TIMESTEPS, (batch,), generator=g)
        pred = unet(sched.add_noise(x0, noise, t), t, class_labels=labels).sample
        loss = torch.nn.functional.mse_loss(pred, noise)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        lr_sched.step()
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        bar.set_postfix(loss=f"{ema:.4f}", refresh=False)
    unet.eval()
    return unet, dict(loss=ema)


def load_or_train(path: Path, steps: int = 1000, batch: int = 128, progress: bool = True, seed: int = 0):
    """The trained UNet from the checkpoint at `path` when it was trained with the same settings;
    else train it and save the checkpoint. Returns (unet, info) where info says which happened."""
    settings = dict(steps=steps, batch=batch, seed=seed, config={k: list(v) if isinstance(v, tuple) else v
                                                                  for k, v in UNET_CONFIG.items()})
    path = Path(path)
    if path.exists():
        ck = torch.load(path, map_location="cpu", weights_only=False)
        if ck.get("settings") == settings:
            unet = make_unet()
            unet.load_state_dict(ck["state_dict"])
            unet.eval()
            return unet, dict(ck["info"], loaded=True)
    t0 = time.perf_counter()
    unet, info = train(steps, batch=batch, seed=seed, progress=progress)
    info = dict(info, train_seconds=time.perf_counter() - t0, steps=steps, batch=batch,
                parameters=sum(p.numel() for p in unet.parameters()))
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(dict(settings=settings, state_dict=unet.state_dict(), info=info), path)
    return unet, dict(info, loaded=False)
