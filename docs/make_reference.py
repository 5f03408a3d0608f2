"""Write docs/reference.md, the glyph reference, from the glyph registry (apl/glyphs).

Run it after changing a row:  python docs/make_reference.py
A test regenerates the page in memory and fails when the file is stale; another runs every
example the page shows (tests/glyphs/test_registry.py).
"""
from __future__ import annotations

import sys
from pathlib import Path

PAGE = Path(__file__).with_name("reference.md")

_SECTIONS = [
    ("function", "Scalar functions", lambda g: any(m.scalar for _, m in g.meanings)),
    ("function", "Structural, selection and other functions", lambda g: True),
    ("monadic operator", "Monadic operators", lambda g: True),
    ("dyadic operator", "Dyadic operators", lambda g: True),
    ("syntax", "Syntax and other glyphs", lambda g: True),
]

_INTRO = """# Glyph reference

Every glyph this APL knows, generated from the glyph registry (`apl/glyphs/`) by
`docs/make_reference.py`; every example below is run by `tests/glyphs/test_registry.py` on
the NumPy and torch backends and through the translator. A glyph's row in the registry also
says where its definition lives (`apl/primitives/…`) and its PyTorch rendering
(`apl/translate/…`), both given here under each meaning.

Type a glyph with the prefix key `` ` `` and the key shown (`` `r `` gives `⍴`), or its name
and Tab in the session. Input is indented six spaces, as in a Dyalog session.
"""


def _code(text: str) -> str:
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _example(src: str, shows: str) -> list[str]:
    lines = ["      " + src]
    if shows:
        lines += shows.split("\n")
    return lines


def _meaning(valence, m, kind, m_glyph) -> list[str]:
    label = {"monadic": "Monadic", "dyadic": "Dyadic", "operator": "Operator"}[valence]
    out = [f"**{label}: {m.title}**", ""]
    facts = []
    if m.evaluator:
        module, _, name = m.evaluator.partition(".")
        facts.append(f"definition: `apl/primitives/{module}.py` `{name}`"
                     + (" (a scalar kernel, pervasion around it)" if m.scalar else ""))
    if m.axis and valence != "operator":
        module, _, name = m.axis.partition(".")
        facts.append(f"with an axis: `apl/primitives/{module}.py` `{name}`")
    elif m.axis:
        facts.append("takes an axis `[k]`")
    if m.torch:
        module, _, name = m.torch.partition(".")
        package = "operators" if valence == "operator" else "primitives"
        facts.append(f"PyTorch: `apl/translate/{package}/{module}.py` `{name}`")
    elif m.refused:
        facts.append(f"PyTorch: not translated ({m.refused})")
    if m.inverse:
        undone = "`A∘" + m_glyph + "`" if valence == "dyadic" else "it"
        facts.append(f"inverse (for `⍣¯1`): {undone} is undone by {_code(m.inverse)}")
    if facts and kind != "syntax":
        out += [f"- {f}" for f in facts] + [""]
    if m.examples:
        out.append("```apl")
        for src, shows in m.examples:
            out += _example(src, shows)
        out += ["```", ""]
    if m.errors:
        out.append("Errors: " + "; ".join(f"{_code(src)} → {name}" for src, name in m.errors) + ".")
        out.append("")
    return out


def _entry(g) -> list[str]:
    key = f", key `` `{g.key} ``" if g.key else ""
    names = ", ".join(g.names)
    out = [f"### `{g.glyph}` {g.names[0]}", "", f"*{g.kind}{key}; names: {names}*", "", g.doc, ""]
    if g.aliases:
        out += ["Also typed as " + ", ".join(_code(a) for a in g.aliases) + ".", ""]
    if not g.supported:
        out += ["Recognised, not supported: a `NONCE ERROR`.", ""]
    for valence, m in g.meanings:
        out += _meaning(valence, m, g.kind, g.glyph)
    if g.dyalog:
        out += [f"Differences from Dyalog: {g.dyalog}", ""]
    return out


def render() -> str:
    from apl.glyphs import GLYPHS

    lines = [_INTRO]
    placed = set()
    for kind, title, fits in _SECTIONS:
        rows = [g for g in GLYPHS if g.kind == kind and g.glyph not in placed and fits(g)]
        if not rows:
            continue
        lines += [f"## {title}", "", " ".join(f"`{g.glyph}`" for g in rows), ""]
        for g in rows:
            placed.add(g.glyph)
            lines += _entry(g)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
