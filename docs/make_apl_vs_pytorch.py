"""Write docs/apl-vs-pytorch.md: APL idioms beside the PyTorch that `apl.translate` makes of them.

Run it after changing the translator:  python docs/make_apl_vs_pytorch.py
A test regenerates the page in memory and fails when the file is stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

PAGE = Path(__file__).with_name("apl-vs-pytorch.md")

# (title, APL source, a sentence on what it shows)
IDIOMS = [
    ("Sum of a vector", "+/", "Reduce is `.sum` along the last axis."),
    ("Column sums", "+⌿", "`⌿` reduces along the first axis."),
    ("Mean", "(+/÷≢)", "A fork: the sum divided by the count; on a vector it is `.mean()`."),
    ("Mean of a vector", "(+/÷≢)V", "The same train applied to a name the translator knows nothing about."),
    ("Matrix product", "A+.×B", "The inner product `+.×` is a tensor contraction; on matrices, `@`."),
    ("Matrix product of known matrices", "(2 3⍴⍳6)+.×3 2⍴⍳6", "With ranks known, plain `@`."),
    ("Dot product", "{⍺+.×⍵}", "A dfn: `⍺` and `⍵` become `alpha` and `omega`."),
    ("Outer product", "∘.×⍨⍳5", "A multiplication table: `torch.outer`."),
    ("Broadcasting an outer sum", "(⍳3)∘.+⍳4", "`∘.f` is broadcasting with a new axis."),
    ("Identity matrix", "∘.=⍨⍳4", "A boolean outer product."),
    ("Lower-triangular mask", "∘.≥⍨⍳4", "Boolean outer products make masks."),
    ("Frobenius norm", "m←3 3⍴⍳9 ⋄ (+/,×⍨m)*0.5", "The lesson's norm is recognised as an idiom."),
    ("Frobenius norm as a dfn", "{(+/,⍵×⍵)*0.5}", "The same idiom written with `⍵`."),
    ("Softmax", "{e÷+/e←*⍵-⌈/⍵}", "Numerically stable softmax, with the assignment inside the expression."),
    ("ReLU", "{0⌈⍵}", "`⌈` with a scalar is `torch.clamp`."),
    ("Sigmoid", "{÷1+*-⍵}", "Reciprocal, exponential and negation compose."),
    ("Row normalisation", "{⍵÷+/⍵}⍤1", "Rank `⍤1` maps a function over rows: `torch.vmap`."),
    ("Per-channel normalisation of images", "{(⍵-m)÷s⊣s←((+/,(⍵-m)*2)÷≢,⍵)*0.5⊣m←(+/,⍵)÷≢,⍵}⍤2",
     "Each 2-D cell (a channel) is standardised; `⍤2` becomes `vmap` over channels."),
    ("Boolean matrix product", "A∨.∧B", "Reachability in one step: `∨.∧` (with APL's meaning of ∧ and ∨ on numbers)."),
    ("Boolean matrix product of known booleans", "(3 3⍴1 0 0 1 1 0 0 1 1)∨.∧3 3⍴1 0 1 0 1 0 0 0 1",
     "With boolean inputs, `&` and `.any`."),
    ("Tropical (max-plus) product", "(2 2⍴1 2 3 4)⌈.+2 2⍴5 6 7 8",
     "Any pair of scalar functions makes an inner product."),
    ("Primes below n", "(2=+⌿0=∘.|⍨⍳n)/⍳n", "The classic: divisor counts from an outer residue table."),
    ("Running sum", "+\\", "Scan `+\\` is `cumsum`."),
    ("Running maximum", "⌈\\", "Associative scans become `cummax`."),
    ("Filter", "{⍵/⍨⍵>0}", "Replicate by a boolean mask is boolean indexing."),
    ("Sort", "{⍵[⍋⍵]}", "Grade then index: a stable `argsort`."),
    ("Reverse and transpose", "{⍉⌽⍵}", "`⌽` flips the last axis, `⍉` reverses the axes."),
    ("Reshape", "2 3⍴⍳6", "`⍳` is `arange` from 1, `⍴` is `reshape`."),
    ("Row maxima", "⌈/", "`⌈/` is `.amax`."),
    ("Count of positives", "{+/⍵>0}", "Booleans are numbers: summing a mask counts it."),
    ("Fibonacci", "{⍵≤1:⍵ ⋄ (∇⍵-1)+∇⍵-2}", "Guards become `if`/`return`, `∇` a recursive call."),
    ("Repeated doubling", "{⍵×2}⍣3", "Power with a count is a loop."),
    ("Fixed point", "(2○⊢)⍣≡", "Power until nothing changes: the Dottie number, cos x = x."),
    ("Default left argument", "{⍺←2 ⋄ ⍺*⍵}", "`⍺←` is a default for `alpha`."),
    ("Rank with two arguments", "(2 3⍴⍳6) +⍤1 0 ⊢ 10 20",
     "`+⍤1 0` adds each number on the right to a row on the left: broadcasting with `[:, None]`."),
    ("Moving sum", "{3+/⍵}", "An n-wise reduction reduces each window of n items: `unfold`, then `.sum`."),
    ("Find", "1 2⍷V", "`⍷` marks where a pattern begins: every window from `unfold`, compared with it."),
    ("Group sums", "{⍺{+⌿⍵}⌸⍵}",
     ("Key `⌸` groups the items (or rows) of `⍵` by the keys in `⍺`: `torch.unique` finds the groups "
      "and `index_add` sums them.")),
    ("Group counts", "{{⍺,≢⍵}⌸⍵}", "Each distinct item beside its count: `torch.bincount`."),
    ("A user-defined operator", "twice←{⍺⍺ ⍺⍺ ⍵} ⋄ (1∘+)twice V",
     "A named dop is a higher-order function: given its operands, it returns the derived function."),
    ("Dealing cards", "5?52", "`?` draws from a seeded `torch.Generator`: `torch.randperm` deals."),
]

# (title, APL source, the keywords of apl.translate that specialise it, a sentence): shown twice,
# the general translation (for any arguments) and the one written for float tensors of known
# ranks or shapes (what apl.compile runs)
SPECIALISED = [
    ("Adding a vector to every row", "{⍺+⍤1⊢⍵}", {"ranks": (1, 2)},
     "Rank 1 against a matrix: in general `vmap` over the rows; with the ranks known, one broadcast add."),
    ("Softmax of each row", "{e÷+/e←*⍵-⌈/⍵}⍤1", {"ranks": 2},
     "`⍤1` lifted to the whole matrix: `amax`, `.sum` along `dim=-1` with `keepdim=True`."),
    ("Mean of each row", "{(+/÷≢)⍤1⊢⍵}", {"ranks": 2},
     "The general translation refuses it; with the rank known, the train `(+/÷≢)` is `.mean(-1)`."),
    ("Matrix product", "{⍺+.×⍵}", {"ranks": (2, 2)}, "On matrices, `+.×` is `@`."),
    ("Normalising each column", "{m←(+⌿⍵)÷≢⍵ ⋄ d←⍵-⍤1⊢m ⋄ d÷⍤1⊢((+⌿d×d)÷≢⍵)*0.5}", {"ranks": 2},
     ("`(x - x.mean(0)) / x.std(0, correction=0)`: `(+⌿⍵)÷≢⍵` is `.mean(dim=0)`, and `⍤1` against the "
      "rows is broadcasting, with one check (`paired`) that the lengths agree, where APL would say LENGTH ERROR.")),
    ("Blend by a mask", "{m y x←⍵ ⋄ (m×y)+(1-m)×x}", {"shapes": ([(8, 8), (4, 8, 8), (4, 8, 8)],)},
     ("A mask of shape 8 8 and two 4 8 8 arrays: APL's RANK ERROR is kept (`extend`), "
      "where torch alone would broadcast.")),
    ("The DiffEdit mask, in float32", "{d←(+⌿+⌿|⍺-⍵)÷×/2↑⍴⍵ ⋄ lo←⌊/,d ⋄ 0.5<(d-lo)÷(⌈/,d)-lo}",
     {"shapes": ((2, 10, 4, 64, 64), (2, 10, 4, 64, 64)), "dtype": "float32"},
     ("Noise predictions of 2 guidance settings × 10 seeds: `+⌿+⌿` is one `sum(dim=(0, 1))`, `×/2↑⍴⍵` "
      "of a known shape is 20, and the float32 comparison is torch's `<`.")),
]


def render() -> str:
    from apl.errors import NonceError
    from apl.translate import translate

    out = [
        "# APL beside PyTorch",
        "",
        "Each idiom below is APL on the left of the arrow and, beneath it, the PyTorch that",
        "`apl.translate` generates for it (`apl translate -e 'EXPR'` prints the same). Helper functions",
        "that some translations use are printed once, at the end. This page is generated by",
        "`docs/make_apl_vs_pytorch.py` and checked by the test suite, so it matches the translator.",
        "",
    ]
    helpers: dict[str, str] = {}
    for i, (title, src, note) in enumerate(IDIOMS, 1):
        module = translate(src)
        body, used = _split(module)
        helpers.update(used)
        out += [f"## {i}. {title}", "", note, "", "```apl", src, "```", "", "```python", body, "```", ""]
    out += [
        "## Specialised to ranks or shapes",
        "",
        "`apl.translate(src, ranks=…)` (or `shapes=…`) writes the function for float tensors of those",
        "ranks (shapes), in APL's order: `(⍺, ⍵)`, or ⍵ alone. One check of the arguments at the top",
        "raises APL's error for a call that breaks the assumption; the body is torch's own operations.",
        "`apl.compile` runs this form, made for each new signature of its arguments;",
        "`apl translate --ranks 1,2 -e '{⍺+⍤1⊢⍵}'` (or `--shapes 768,77x768`) prints it.",
        "",
        "With `dtype=torch.float32` (or `'float32'`) too, the tensors are known to be of that dtype:",
        "⎕CT (1E¯14) is below float32's resolution, so comparisons are torch's own (`0.5 < d`), as in",
        "a float32 session. `apl.compile` passes its arguments' dtype, and where none of them requires",
        "a gradient it also writes temporaries in place: `{⍺+0.3×⍵-⍺}` runs as",
        "`(omega - alpha).mul_(0.3).add_(alpha)`, the same operations in the same order, two",
        "allocations fewer (`apl.compile(src).source(w, a)` shows what it runs).",
        "",
    ]
    for i, (title, src, keywords, note) in enumerate(SPECIALISED, len(IDIOMS) + 1):
        call = ", ".join(f"{k}={v!r}" for k, v in keywords.items())
        out += [f"### {i}. {title}", "", note, "", "```apl", src, "```", "", "In general:", ""]
        try:
            body, used = _split(translate(src))
            helpers.update(used)
            out += ["```python", body, "```", ""]
        except NonceError as e:
            out += ["```text", str(e).split("\n")[0], "```", ""]
        body, used = _split(translate(src, **keywords))
        helpers.update(used)
        out += [f"With `{call}`:", "", "```python", body, "```", ""]
    if helpers:
        order = {name: i for i, name in enumerate(support_order())}
        names = sorted(helpers, key=lambda k: (order.get(k, len(order)), k))
        out += ["## Helpers used above", "", "```python", "\n\n\n".join(helpers[k] for k in names), "```", ""]
    return "\n".join(out)


def _split(module: str):
    """The function definitions of a generated module, and the helper functions it defines."""
    from apl.translate import support
    from apl.translate.helpers import HELPERS

    chunks = module.split("\n\n\n")[1:]  # after the module docstring and the import
    helpers = {text.strip(): name for name, text in HELPERS.items()}
    helpers.update({support.text(name).strip(): name for name in support.NAMES})
    used, body = {}, []
    for chunk in chunks:
        if chunk.strip() in helpers:
            used[helpers[chunk.strip()]] = chunk.strip()
        else:
            body.append(chunk.strip())
    return "\n\n\n".join(body), used


def support_order() -> list:
    from apl.translate import support

    return support.ORDER


def main() -> int:
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE} ({len(IDIOMS)} idioms, {len(SPECIALISED)} specialised)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
