⍝ Diffusion helpers in APL: the small numeric pieces around a Stable Diffusion sampling loop
⍝ (fast.ai Part 2, lessons 9–11), written as dfns that run on NumPy arrays or torch tensors.
⍝ diffusion.py checks each against a PyTorch reference implementation.

norm←{(+/,⍵×⍵)*0.5}                      ⍝ the Frobenius (L2) norm of a whole tensor

⍝ Prompt interpolation: A (t lerp) B and A (t slerp) B, for t between 0 and 1.
lerp←{⍺+⍺⍺×⍵-⍺}
slerp←{
  t←⍺⍺
  cos←(+/,⍺×⍵)÷(norm ⍺)×norm ⍵           ⍝ the cosine of the angle between the embeddings
  0.9995<|cos:⍺(t lerp)⍵                  ⍝ nearly parallel: straight-line interpolation
  a←¯2○cos                                 ⍝ the angle (arccos)
  ((⍺×1○a×1-t)+⍵×1○a×t)÷1○a
}

⍝ Classifier-free guidance: g guide U T, with U and T the unconditional and text-conditioned
⍝ noise predictions; then the two rescalings tried in the lesson.
guide←{u t←⍵ ⋄ u+⍺×t-u}
rescaled←{u t←⍵ ⋄ p←⍺ guide ⍵ ⋄ p×(norm u)÷norm p}          ⍝ the guided prediction, at U's norm
rescaled_update←{u t←⍵ ⋄ d←t-u ⋄ u+⍺×d×(norm u)÷norm d}      ⍝ the update direction, at U's norm

⍝ Decreasing guidance: G linear N and G cosine N give the guidance scale at each of N steps.
linear←{⍺×1-(¯1+⍳⍵)÷⍵}
cosine←{⍺×0.5×1+2○○(¯1+⍳⍵)÷⍵}

⍝ DiffEdit: Q (th mask) R, with Q and R the noise predictions for the query and the reference
⍝ prompt over K noise samples (K×C×H×W): their mean absolute difference over samples and
⍝ channels, scaled to [0,1], above th.
mask←{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ ⍺⍺<(d-lo)÷(⌈/,d)-lo}
