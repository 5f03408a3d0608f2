"""The APL diffusion helpers against the libraries their formulas come from, not against a copy.

- diffusers: `rescale_noise_cfg` (diffusers.guiders.guider_utils), the DiffEdit mask and blend
  (the lines of StableDiffusionDiffEditPipeline run as they stand in the installed source: the
  pipeline module itself imports `transformers`), the linear and cosine schedules with warm-up
  (diffusers.optimization), slerp (AudioDiffusionPipeline.slerp);
- cf-guidance 0.0.3: the guidance transforms (GuidanceTfm, BaseNormGuidance, TNormGuidance,
  FullNormGuidance) and get_cos_sched, min and warm-up included;
- torch itself for the statistics (vector_norm, mean, std with Bessel's correction).

cf-guidance works on the whole tensor, as Stable Diffusion's batch of one: batch 1 is compared
directly, a larger batch sample by sample. The helpers run on the torch backend in float32 and
float64; float64 agrees to 1e-6 (in fact to rounding). Without the `diffusion` extra
(`pip install -e '.[diffusion]'`) the tests skip.
"""
import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "diffusion"))
import diffusion

DTYPES = [torch.float32, torch.float64]
BATCHES = [1, 3]


def tol(dtype):
    return dict(atol=1e-6, rtol=0) if dtype == torch.float64 else dict(atol=2e-5, rtol=2e-5)


@pytest.fixture(scope="module", params=DTYPES, ids=["float32", "float64"])
def h(request):
    ns = diffusion.helpers("torch", request.param)
    ns.dtype = request.param
    return ns


def pair(batch, dtype, seed=0, shape=(4, 8, 8)):
    g = torch.Generator().manual_seed(seed)
    u = torch.randn(batch, *shape, generator=g, dtype=torch.float64)
    t = u + 0.5 * torch.randn(batch, *shape, generator=g, dtype=torch.float64)
    return u.to(dtype), t.to(dtype)


def close(got, want, dtype):
    assert got.dtype == dtype, got.dtype
    torch.testing.assert_close(got, want.to(dtype), **tol(dtype))


# ------------------------------------------------------------------ statistics: torch
@pytest.mark.parametrize("batch", BATCHES)
def test_per_sample_and_whole_statistics_are_torchs(h, batch):
    x, _ = pair(batch, h.dtype)
    close(h.norms(x), torch.linalg.vector_norm(x, dim=(1, 2, 3)), h.dtype)
    close(h.means(x), x.mean(dim=(1, 2, 3)), h.dtype)
    close(h.stds(x), x.std(dim=(1, 2, 3)), h.dtype)
    close(h.norm(x), torch.linalg.norm(x), h.dtype)
    close(h.mean(x), x.mean(), h.dtype)
    close(h.std(x), x.std(), h.dtype)


# ------------------------------------------------------------------ diffusers' rescale_noise_cfg
@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("phi", [0.0, 0.7, 1.0])
def test_rescale_noise_cfg_is_diffusers(h, batch, phi):
    from diffusers.guiders.guider_utils import rescale_noise_cfg

    u, t = pair(batch, h.dtype, seed=1)
    guided = u + 7.5 * (t - u)
    close(h.rescale_noise_cfg([guided, t], phi), rescale_noise_cfg(guided, t, guidance_rescale=phi), h.dtype)
    close(h.guide_rescaled([u, t], [7.5, phi]), rescale_noise_cfg(guided, t, guidance_rescale=phi), h.dtype)


# ------------------------------------------------------------------ cf-guidance's transforms
TRANSFORMS = {"guide": "GuidanceTfm", "rescaled": "BaseNormGuidance", "rescaled_update": "TNormGuidance",
              "rescaled_both": "FullNormGuidance"}


@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("name", list(TRANSFORMS))
def test_guidance_transforms_are_cf_guidances(h, batch, name):
    transforms = pytest.importorskip("cf_guidance.transforms")
    tfm = getattr(transforms, TRANSFORMS[name])({"g": [7.5, 3.0]})
    u, t = pair(batch, h.dtype, seed=2)
    for idx, g in enumerate([7.5, 3.0]):
        # cf-guidance normalises by the whole tensor: one sample at a time is the per-sample helper
        want = torch.cat([tfm(u[i : i + 1], t[i : i + 1], idx) for i in range(batch)])
        close(getattr(h, name)([u, t], g), want, h.dtype)


# ------------------------------------------------------------------ schedules
COSINE = [  # max, min, warm-up steps, warm-up start, steps
    (7.5, 0.15, 0, 0.0, 50), (7.5, 0.0, 0, 0.0, 50), (7.5, 1.0, 5, 0.0, 50), (5.0, 1.0, 3, 2.0, 20),
    (3.0, 0.5, 0, 0.0, 1),
]


@pytest.mark.parametrize("mx,mn,w,start,n", COSINE)
def test_cosine_schedule_is_cf_guidances_get_cos_sched(h, mx, mn, w, start, n):
    schedules = pytest.importorskip("cf_guidance.schedules")
    want = torch.tensor(schedules.get_cos_sched(num_steps=n, max_val=mx, min_val=mn, num_warmup_steps=w,
                                                warmup_init_val=start), dtype=torch.float64)
    close(h.cosine(n, [mx, mn, w, start]).to(h.dtype), want, h.dtype)


def _lr_lambda(make, **kw):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
    return make(opt, **kw).lr_lambdas[0]


@pytest.mark.parametrize("w,n", [(0, 50), (5, 50), (2, 6)])
def test_cosine_schedule_is_diffusers_cosine_with_warmup(h, w, n):
    from diffusers.optimization import get_cosine_schedule_with_warmup

    f = _lr_lambda(get_cosine_schedule_with_warmup, num_warmup_steps=w, num_training_steps=n)
    want = torch.tensor([7.5 * f(k) for k in range(n)], dtype=torch.float64)
    close(h.cosine(n, [7.5, 0, w]).to(h.dtype), want, h.dtype)


@pytest.mark.parametrize("mx,mn,w,n", [(7.5, 0.0, 0, 50), (7.5, 1.0, 0, 50), (7.5, 1.0, 5, 50), (3.0, 1.0, 2, 6)])
def test_linear_schedule_is_diffusers_linear_with_warmup_ending_at_the_minimum(h, mx, mn, w, n):
    from diffusers.optimization import get_linear_schedule_with_warmup

    # diffusers' factor reaches f_min at step num_training_steps: N-1, the last sampling step
    f = _lr_lambda(get_linear_schedule_with_warmup, num_warmup_steps=w, num_training_steps=n - 1, f_min=mn, f_max=mx)
    want = torch.tensor([f(k) for k in range(n)], dtype=torch.float64)
    got = h.linear(n, [mx, mn, w]).to(h.dtype)
    close(got, want, h.dtype)
    assert float(got[-1]) == pytest.approx(mn)  # not g/N: the old helper stopped one step short of 0


# ------------------------------------------------------------------ DiffEdit: diffusers' own lines
def _diffusers_mask_code():
    """The mask lines of diffusers' StableDiffusionDiffEditPipeline.generate_mask, from the installed
    source (importing the pipeline needs transformers; the lines themselves need only torch)."""
    root = Path(importlib.util.find_spec("diffusers").origin).parent
    files = sorted(root.rglob("pipeline_stable_diffusion_diffedit.py"))
    if not files:
        pytest.skip("this diffusers has no DiffEdit pipeline")
    lines = files[0].read_text(encoding="utf-8").splitlines()
    start = next(i for i, s in enumerate(lines) if s.strip().startswith("mask_guidance_map = ("))
    end = next(i for i, s in enumerate(lines) if "torch.where(semantic_mask_image <= 0.5" in s)
    return compile(textwrap.dedent("\n".join(lines[start : end + 1])), str(files[0]), "exec")


def diffusers_mask(q, r, ratio=3.0):
    """B×K×C×H×W query and reference predictions through diffusers' lines, one image at a time
    (its clamp uses the mean over the whole batch of maps)."""
    code, out = _diffusers_mask_code(), []
    for i in range(q.shape[0]):
        ns = dict(torch=torch, noise_pred_target=q[i], noise_pred_source=r[i], batch_size=1,
                  num_maps_per_mask=q.shape[1], mask_thresholding_ratio=ratio)
        exec(code, ns)  # noqa: S102  (diffusers' own source, as installed)
        out.append(ns["semantic_mask_image"][0])
    return torch.stack(out).bool()


def predictions(batch, dtype, seed=3, k=4, hot=None):
    """Noise predictions that differ in a block of each image (and, with hot, one pixel by that much)."""
    g = torch.Generator().manual_seed(seed)
    r = torch.randn(batch, k, 4, 16, 16, generator=g, dtype=torch.float64)
    q = r + 0.05 * torch.randn(r.shape, generator=g, dtype=torch.float64)
    q[..., 4:9, 3:10] += 1 + torch.rand(batch, k, 4, 5, 7, generator=g, dtype=torch.float64)
    if hot is not None:
        q[..., 13, 13] += hot
    return q.to(dtype), r.to(dtype)


@pytest.mark.parametrize("batch", BATCHES)
@pytest.mark.parametrize("ratio", [3.0, 2.0])
def test_diffedit_mask_is_diffusers_generate_mask(h, batch, ratio):
    q, r = predictions(batch, h.dtype)
    want = diffusers_mask(q, r, ratio)
    got = h.mask([q, r], 0.5 if ratio == 3.0 else [0.5, ratio])
    assert got.shape == want.shape and got.dtype == torch.bool
    assert torch.equal(got, want)
    assert 0.1 < got.double().mean() < 0.2  # the block of 35 pixels in 256, little else


@pytest.mark.parametrize("batch", BATCHES)
def test_diffedit_map_is_diffusers_guidance_map(h, batch):
    q, r = predictions(batch, h.dtype)
    want = (q - r).abs().mean(dim=(1, 2))  # .reshape(batch, num_maps, C, H, W).mean([1, 2]) in diffusers
    close(h.diffedit_map(r, q), want, h.dtype)


@pytest.mark.parametrize("batch", BATCHES)
def test_diffedit_min_max_mask_is_the_papers_scaling(h, batch):
    # Couairon et al. 2022 (DiffEdit), §3.2: the averaged difference "rescaled to the range [0, 1]",
    # then binarised with a threshold; our own two lines, as diffusers has no min-max mask
    q, r = predictions(batch, h.dtype)
    d = (q - r).abs().mean(dim=(1, 2))
    lo, hi = d.amin(dim=(1, 2), keepdim=True), d.amax(dim=(1, 2), keepdim=True)
    assert torch.equal(h.mask_minmax([q, r], 0.5), (d - lo) / (hi - lo) > 0.5)


def test_one_hot_pixel_collapses_min_max_but_not_the_clamped_mask(h):
    q, r = predictions(1, h.dtype, hot=50.0)
    clamped, minmax = h.mask([q, r], 0.5), h.mask_minmax([q, r], 0.5)
    assert torch.equal(clamped, diffusers_mask(q, r))
    assert clamped.double().mean() > 0.1  # the block survives the outlier (and the hot pixel is in)
    assert bool(clamped[0, 13, 13])
    assert int(minmax.sum()) == 1  # min-max: only the hot pixel is left, area 1/256


def test_identical_predictions_give_an_empty_mask(h):
    q, _ = predictions(3, h.dtype)
    for f in (h.mask, h.mask_minmax):
        m = f([q, q], 0.5)
        assert m.shape == (3, 16, 16) and not bool(m.any())
    # (diffusers' lines divide 0 by 0 here: its map is NaN, and NaN <= 0.5 is false, a full mask)


@pytest.mark.parametrize("batch", BATCHES)
def test_blend_is_diffusers_latent_blend(h, batch):
    image_latents, latents = pair(batch, h.dtype, seed=5, shape=(4, 16, 16))
    q, r = predictions(batch, h.dtype)
    m = h.mask([q, r], 0.5)
    mask_image = m.to(h.dtype).unsqueeze(1)  # diffusers' preprocess_mask: B×1×H×W
    want = latents * mask_image + image_latents * (1 - mask_image)  # the pipeline's __call__, each step
    got = h.blend([image_latents, latents], m)
    close(got, want, h.dtype)
    assert torch.equal(got[~mask_image.expand_as(got).bool()], image_latents[~mask_image.expand_as(got).bool()])


# ------------------------------------------------------------------ interpolation
def test_slerp_is_diffusers_and_lerp_is_torchs(h):
    from diffusers.pipelines.deprecated.audio_diffusion.pipeline_audio_diffusion import AudioDiffusionPipeline

    g = torch.Generator().manual_seed(6)
    a, b = (torch.randn(4, 32, generator=g, dtype=torch.float64).to(h.dtype) for _ in range(2))
    for t in (0.0, 0.3, 0.5, 1.0):
        close(h.slerp(a, b, t), AudioDiffusionPipeline.slerp(a, b, t), h.dtype)
        close(h.lerp(a, b, t), torch.lerp(a, b, t), h.dtype)
