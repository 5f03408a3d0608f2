"""Write docs/reference.md, the glyph reference, and docs/keyboard.svg, the prefix-key map as a
picture of the keyboard, from the glyph registry (apl/glyphs).

Run it after changing a row:  python docs/make_reference.py
A test regenerates both in memory and fails when a file is stale (tests/docs/test_docs_pages.py);
others run every example the page shows (tests/glyphs/test_registry.py, tests/docs/test_snippets.py).
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

PAGE = Path(__file__).with_name("reference.md")
KEYBOARD = Path(__file__).with_name("keyboard.svg")

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
and Tab in the session ([the REPL and the keyboard](repl.md)). Input is indented six spaces, as
in a Dyalog session. Where a glyph differs from Dyalog APL, its entry says so under
"Differences from Dyalog", and [the last section](#differences-from-dyalog) gathers them;
[language.md](language.md#differences-from-dyalog) has the differences of the language as a whole.

![The prefix-key map: the glyph each key gives after the prefix key, shifted glyphs above](keyboard.svg)
"""

# A US keyboard's rows as (unshifted, shifted) keys, and each row's indent in key widths.
KEY_ROWS = [
    ("`1234567890-=", "~!@#$%^&*()_+", 0.0),
    ("qwertyuiop[]\\", "QWERTYUIOP{}|", 1.5),
    ("asdfghjkl;'", 'ASDFGHJKL:"', 1.75),
    ("zxcvbnm,./", "ZXCVBNM<>?", 2.25),
]


def _code(text: str) -> str:
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _example(src: str, shows: str) -> list[str]:
    lines = ["      " + src]
    if shows:
        lines += shows.split("\n")
    return lines


_SEVERAL = ("<!-- not checked: a session shows every statement's value, the registry the last one's "
            "(tests/glyphs/test_registry.py checks it) -->")


def _statements(src: str) -> list[str]:
    """The statements of a line: split at ⋄ outside braces and strings."""
    out, depth, quoted, start = [], 0, False, 0
    for i, c in enumerate(src):
        if c == "'":
            quoted = not quoted
        elif not quoted and c in "{}":
            depth += 1 if c == "{" else -1
        elif not quoted and depth == 0 and c == "⋄":
            out.append(src[start:i])
            start = i + 1
    return out + [src[start:]]


def _shows_several(src: str) -> bool:
    """Whether a session shows more than one value for src: several statements that are not
    assignments (an assignment shows nothing)."""
    statements = _statements(src)
    shown = [s for s in statements if not re.match(r"\s*[\w∆⍙⎕\[\];() ]*[^\s←]?←", s)]
    return len(statements) > 1 and len(shown) > 1


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
    sessions = [e for e in m.examples if not _shows_several(e[0])]
    if sessions:
        out.append("```apl")
        for src, shows in sessions:
            out += _example(src, shows)
        out += ["```", ""]
    for src, shows in m.examples:
        if _shows_several(src):
            # the registry gives the value of the last statement; a session shows each one's
            out += [_SEVERAL, "```apl"] + _example(src, shows) + ["```", ""]
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


def anchor(g) -> str:
    """The entry's anchor, as both MkDocs (pymdownx.slugs) and code hosts make it from the
    heading "`⍴` rho": lower case, no characters but letters, digits, _ and -, blanks → -."""
    text = re.sub(r"[^\w\- ]", "", f"{g.glyph} {g.names[0]}".lower())
    return text.replace(" ", "-")


_MARKDOWN_SPECIAL = {"|": "&#124;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "\\": "&#92;", "[": "&#91;"}


def _html_code(text: str) -> str:
    """Code as inline HTML, its Markdown characters as entities: in a table, | and ` would need
    escapes that code hosts and MkDocs read differently."""
    text = html.escape(text, quote=False)
    return "<code>" + "".join(_MARKDOWN_SPECIAL.get(c, c) for c in text) + "</code>"


def _table(rows) -> list[str]:
    """The glyphs at a glance: glyph (linked to its entry), key, and what each meaning is."""
    valences = [v for v in ("monadic", "dyadic", "operator") if any(getattr(g, v) for g in rows)]
    heads = {"monadic": "monadic function", "dyadic": "dyadic function", "operator": "operator"}
    out = ["| glyph | key | " + " | ".join(heads[v] for v in valences) + " |", "| :-: | :-: |" + " --- |" * len(valences)]
    for g in rows:
        titles = [getattr(g, v).title if getattr(g, v) else "" for v in valences]
        if not g.supported:
            titles = [t + " (not supported)" if t else "" for t in titles]
            if not any(titles):
                titles[-1 if g.kind.endswith("operator") else 0] = "not supported"
        key = _html_code(g.key) if g.key else ""
        out.append(f"| [{_html_code(g.glyph)}](#{anchor(g)}) | {key} | " + " | ".join(titles) + " |")
    return out + ["", "The key is typed after the prefix key `` ` ``.", ""]


def _differences(glyphs) -> list[str]:
    rows = [g for g in glyphs if g.dyalog]
    out = ["## Differences from Dyalog", "",
           ("The glyphs whose rows note a difference from Dyalog APL (see also "
            "[language.md](language.md#differences-from-dyalog)):"), ""]
    out += [f"- [`{g.glyph}` {g.names[0]}](#{anchor(g)}): {g.dyalog}" for g in rows]
    return out + [""]


def render() -> str:
    from apl.glyphs import GLYPHS

    lines = [_INTRO]
    placed = set()
    for kind, title, fits in _SECTIONS:
        rows = [g for g in GLYPHS if g.kind == kind and g.glyph not in placed and fits(g)]
        if not rows:
            continue
        lines += [f"## {title}", ""] + _table(rows)
        for g in rows:
            placed.add(g.glyph)
            lines += _entry(g)
    lines += _differences(GLYPHS)
    return "\n".join(lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------ the keyboard picture

_KIND_COLOUR = {  # the session's colours (apl/repl/lexer.py), darkened a little for white paper
    "function": "#1f7a73", "monadic operator": "#b02a6b", "dyadic operator": "#b02a6b", "syntax": "#5a5fb0",
}
_FONT = "'APL385 Unicode', 'APL387 Unicode', 'DejaVu Sans Mono', 'Noto Sans Math', monospace"
_KEY, _GAP = 54, 4  # a key's side and the gap between keys, in pixels


def render_keyboard() -> str:
    """The prefix-key map as an SVG keyboard: on each key its letter (left) and the glyph that
    the prefix key and it give (right), the shifted key and glyph above the unshifted ones."""
    from apl.glyphs import BY_GLYPH
    from apl.repl.keymap import keymap

    km = keymap()
    step = _KEY + _GAP
    width = int(max(indent + len(plain) for plain, _, indent in KEY_ROWS) * step + _GAP)
    legend_y = len(KEY_ROWS) * step + _GAP + 18
    height = legend_y + 16
    out = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{_FONT}" role="img">'),
           "<title>The prefix-key map: type ` and then a key for the glyph shown on it</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']

    def glyph_text(key, x, y):
        glyph = km.get(key)
        if glyph is None:
            return
        colour = _KIND_COLOUR.get(BY_GLYPH[glyph].kind if glyph in BY_GLYPH else "", "#333333")
        out.append(f'<text x="{x}" y="{y}" font-size="20" fill="{colour}" text-anchor="middle">'
                   f"{html.escape(glyph)}</text>")

    for r, (plain, shifted, indent) in enumerate(KEY_ROWS):
        y0 = _GAP + r * step
        for c, (lo, hi) in enumerate(zip(plain, shifted)):
            x0 = _GAP + (indent + c) * step
            out.append(f'<rect x="{x0:g}" y="{y0}" width="{_KEY}" height="{_KEY}" rx="5" '
                       'fill="#f6f6f4" stroke="#9a9a9a"/>')
            for key, y in ((hi, y0 + 20), (lo, y0 + 46)):
                out.append(f'<text x="{x0 + 7:g}" y="{y - 2}" font-size="11" fill="#777777">'
                           f"{html.escape(key)}</text>")
                glyph_text(key, x0 + 36, y)
    x = _GAP
    for label, colour in (("functions", _KIND_COLOUR["function"]),
                          ("operators", _KIND_COLOUR["monadic operator"]),
                          ("syntax", _KIND_COLOUR["syntax"])):
        out.append(f'<rect x="{x}" y="{legend_y - 10}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 15}" y="{legend_y}" font-size="12" fill="#333333">{label}</text>')
        x += 110
    shifted = next(k for k in KEY_ROWS[1][1] if k in km)
    out.append(f'<text x="{x}" y="{legend_y}" font-size="12" fill="#333333">'
               f"` then the key: `r gives {km['r']}, `{shifted} gives {km[shifted]}</text>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> int:
    PAGE.write_text(render(), encoding="utf-8")
    KEYBOARD.write_text(render_keyboard(), encoding="utf-8")
    print(f"wrote {PAGE} and {KEYBOARD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
