⍝ Diffusion helpers in APL: the small numeric pieces around a diffusion sampling loop (fast.ai
⍝ Part 2, lessons 9–11), written as dfns that run on NumPy arrays or torch tensors. A batch is
⍝ B×C×H×W: "per sample" means over all axes but the first. demo.py samples with them, and
⍝ tests/examples compare each with diffusers and cf-guidance.

⍝ Statistics, of the whole tensor and per sample (a vector of B).
norm←{(+/,⍵×⍵)*0.5}                      ⍝ the Frobenius (L2) norm of the whole tensor
mean←{(+/,⍵)÷×/⍴⍵}
std←{d←,⍵-mean ⍵ ⋄ ((+/d×d)÷¯1+≢d)*0.5}  ⍝ with Bessel's correction, as torch.std
rows←{((≢⍵),×/1↓⍴⍵)⍴⍵}                   ⍝ each sample as one row: B×(C×H×W)
norms←{(+/r×r←rows ⍵)*0.5}
means←{(+/r)÷⊢/⍴r←rows ⍵}
stds←{r←rows ⍵ ⋄ n←⊢/⍴r ⋄ d←r-⍤1 0⊢(+/r)÷n ⋄ ((+/d×d)÷n-1)*0.5}

⍝ Prompt (or class-embedding) interpolation: A (t lerp) B and A (t slerp) B, t between 0 and 1.
lerp←{⍺+⍺⍺×⍵-⍺}
slerp←{
  t←⍺⍺
  cos←(+/,⍺×⍵)÷(norm ⍺)×norm ⍵           ⍝ the cosine of the angle between the embeddings
  0.9995<|cos:⍺(t lerp)⍵                  ⍝ nearly parallel: straight-line interpolation
  a←¯2○cos                                 ⍝ the angle (arccos)
  ((⍺×1○a×1-t)+⍵×1○a×t)÷1○a
}

⍝ Classifier-free guidance: g guide U T, with U and T the unconditional and conditional noise
⍝ predictions; then the norm-ratio rescalings (cf-guidance's three transforms, per sample).
guide←{u t←⍵ ⋄ u+⍺×t-u}
rescaled←{u t←⍵ ⋄ p←⍺ guide ⍵ ⋄ p×⍤¯1 0⊢(norms u)÷norms p}          ⍝ the guided prediction at ‖u‖
rescaled_update←{u t←⍵ ⋄ d←t-u ⋄ u+⍺×d×⍤¯1 0⊢(norms u)÷norms d}      ⍝ only the update t-u at ‖u‖
rescaled_both←{u t←⍵ ⋄ p←⍺ rescaled_update ⍵ ⋄ p×⍤¯1 0⊢(norms u)÷norms p}  ⍝ the update, then the whole

⍝ φ rescale_noise_cfg P T: the guided prediction P brought to the standard deviation of the
⍝ conditional one T, mixed back by φ (Lin et al. 2023, §3.4; diffusers' guidance_rescale).
rescale_noise_cfg←{p t←⍵ ⋄ (⍺×p×⍤¯1 0⊢(stds t)÷stds p)+(1-⍺)×p}
guide_rescaled←{g f←⍺ ⋄ u t←⍵ ⋄ p←g guide ⍵ ⋄ (f×p×⍤¯1 0⊢(stds t)÷stds p)+(1-f)×p}  ⍝ (g φ) guide_rescaled U T

⍝ Guidance schedules: (max [min [warm-up steps [warm-up start]]]) linear N, and cosine, give the
⍝ scale at each of N steps. Warm-up rises linearly from its start to max; linear then falls to
⍝ exactly min at the last step; cosine is cf-guidance's get_cos_sched (half a cycle).
linear←{mx mn w i←4↑⍺ ⋄ k←¯1+⍳⍵ ⋄ up←i+(mx-i)×k÷1⌈w ⋄ (up×k<w)+(k≥w)×mx+(mn-mx)×(k-w)÷1⌈⍵-w+1}
cosine←{mx mn w i←4↑⍺ ⋄ k←¯1+⍳⍵ ⋄ up←i+(mx-i)×k÷1⌈w ⋄ (up×k<w)+(k≥w)×mn+0.5×(mx-mn)×1+2○○(k-w)÷1⌈⍵-w}

⍝ DiffEdit. Q diffedit_map R: Q and R are the noise predictions for the query and the reference
⍝ prompt over K noise samples (B×K×C×H×W), the map their mean absolute difference over samples
⍝ and channels (B×H×W). (th [ratio]) clamp_mask M is diffusers' mask: clamp at ratio (3) times
⍝ the sample's mean to drop outliers, scale to [0,1], above th. th minmax_mask M is the paper's
⍝ min-max scaling. A map of zeros (identical predictions) gives an empty mask in both.
diffedit_map←{(+/[2]+/[2]|⍺-⍵)÷×/1↓3↑⍴⍵}
clamp_mask←{th r←2↑⍺,3 ⋄ c←r×means ⍵ ⋄ th<(⍵⌊⍤¯1 0⊢c)÷⍤¯1 0⊢c+c≤0}
minmax_mask←{lo←⌊/r←rows ⍵ ⋄ hi←⌈/r ⋄ ⍺<(⍵-⍤¯1 0⊢lo)÷⍤¯1 0⊢(hi-lo)+hi≤lo}
mask←{q r←⍵ ⋄ ⍺ clamp_mask q diffedit_map r}             ⍝ (th [ratio]) mask Q R
mask_minmax←{q r←⍵ ⋄ ⍺ minmax_mask q diffedit_map r}       ⍝ th mask_minmax Q R
blend←{x y←⍵ ⋄ m←(⍴x)⍴(1↑1↓⍴x)⌿rows ⍺ ⋄ (m×y)+(1-m)×x}   ⍝ M blend X Y: Y inside the mask, X outside
