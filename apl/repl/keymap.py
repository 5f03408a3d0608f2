"""Glyph input without an APL keyboard: Dyalog's prefix-key map and names of glyphs.

The map is `keyboard.tsv` next to this file (Dyalog's US layout as RIDE has it): type the
prefix key ` and then KEY to get GLYPH. Tab completion offers glyphs by name (`rho` → ⍴).
Nothing here imports prompt_toolkit until `prefix_key_bindings` is called.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PREFIX = "`"
MAP_FILE = Path(__file__).with_name("keyboard.tsv")


def parse_map(text: str) -> dict[str, str]:
    """KEY<TAB>GLYPH lines (# comments and blank lines skipped) as a dict, in file order."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line or (line.startswith("#") and not line.startswith("#\t")):
            continue  # a comment (the key # itself is mapped: "#<TAB>⍒")
        key, glyph = line.split("\t")
        if len(key) != 1 or len(glyph) != 1:
            raise ValueError(f"bad keyboard map line {line!r}")
        if key in out:
            raise ValueError(f"key {key!r} is mapped twice")
        out[key] = glyph
    return out


@lru_cache(maxsize=1)
def keymap() -> dict[str, str]:
    """The prefix map: key typed after ` → glyph."""
    return parse_map(MAP_FILE.read_text(encoding="utf-8"))


# The keyboard's rows as (unshifted, shifted) keys, to draw the map in ]keys.
_ROWS = [
    ("`1234567890-=", "~!@#$%^&*()_+"),
    ("qwertyuiop[]\\", "QWERTYUIOP{}|"),
    ("asdfghjkl;'", "ASDFGHJKL:\""),
    ("zxcvbnm,./", "ZXCVBNM<>?"),
]


def keys_lines() -> list[str]:
    """The keyboard map as text: each key row shows KEY GLYPH pairs, shifted keys below."""
    km = keymap()
    out = [f"Type {PREFIX} then a key for a glyph (for example {PREFIX}r gives ⍴, {PREFIX}{PREFIX} gives ⋄)."]
    for plain, shifted in _ROWS:
        for i, keys in enumerate((plain, shifted)):
            cells = [f"{k}{km[k]}" if k in km else f"{k} " for k in keys]
            out.append(("  " if i else "") + "  ".join(cells))
    out.append("Tab completes glyph names (rho iota each …); ]keys names lists them.")
    return out


# Glyph → names for Tab completion (the first is the glyph's own name, then its functions).
_NAMES: list[tuple[str, str]] = [
    ("←", "leftarrow assign gets"),
    ("→", "rightarrow branch"),
    ("×", "times multiply signum direction"),
    ("÷", "divide reciprocal"),
    ("⌈", "upstile ceiling max maximum"),
    ("⌊", "downstile floor min minimum"),
    ("⍟", "circlestar log logarithm"),
    ("○", "circle pi pitimes trig"),
    ("⌹", "domino matdiv matinv"),
    ("∧", "and lcm"),
    ("∨", "or gcd"),
    ("⍲", "nand"),
    ("⍱", "nor"),
    ("≤", "le lessorequal"),
    ("≥", "ge greaterorequal"),
    ("≠", "ne notequal unequal uniquemask"),
    ("≡", "match depth equalunderbar"),
    ("≢", "notmatch tally equalunderbarslash"),
    ("⍴", "rho reshape shape"),
    ("⍪", "commabar table catenatefirst"),
    ("⌽", "circlestile reverse rotate"),
    ("⊖", "circlebar reversefirst rotatefirst"),
    ("⍉", "circlebackslash transpose"),
    ("↑", "uparrow take mix"),
    ("↓", "downarrow drop split"),
    ("⊂", "leftshoe enclose partitionedenclose"),
    ("⊃", "rightshoe disclose first pick"),
    ("⊆", "leftshoeunderbar nest partition"),
    ("∊", "epsilon member enlist"),
    ("⍷", "epsilonunderbar find"),
    ("∩", "cap intersection"),
    ("∪", "cup union unique"),
    ("⍳", "iota index indexof indices"),
    ("⍸", "iotaunderbar where interval"),
    ("⍋", "gradeup"),
    ("⍒", "gradedown"),
    ("⊥", "uptack decode base"),
    ("⊤", "downtack encode represent"),
    ("⊣", "lefttack left same"),
    ("⊢", "righttack right"),
    ("⍕", "thorn format"),
    ("⍎", "hydrant execute"),
    ("⌷", "squad materialise index"),
    ("⍬", "zilde empty"),
    ("⋄", "diamond"),
    ("⍝", "lamp comment"),
    ("⎕", "quad"),
    ("⍞", "quotequad"),
    ("⍺", "alpha"),
    ("⍵", "omega"),
    ("∇", "del recurse"),
    ("∆", "delta"),
    ("⍙", "deltaunderbar"),
    ("¨", "diaeresis each"),
    ("⍨", "tildediaeresis commute selfie swap constant"),
    ("⍣", "stardiaeresis powerop"),
    ("∘", "jot compose beside bind"),
    ("⍤", "jotdiaeresis rank atop"),
    ("⍥", "circlediaeresis over"),
    ("⍛", "jotunderbar behind"),
    ("⌸", "quadequal key"),
    ("⌺", "quaddiamond stencil"),
    ("⍠", "quadcolon variant"),
    ("⌶", "ibeam"),
    ("⍫", "deltilde"),
    ("¯", "macron highminus negative"),
    ("⌿", "slashbar replicatefirst reducefirst"),
    ("⍀", "backslashbar expandfirst scanfirst"),
    ("*", "star power exp"),
    ("!", "shriek factorial binomial"),
    ("|", "stile magnitude residue"),
    ("~", "tilde not without"),
    ("?", "query roll deal"),
    ("/", "slash replicate reduce"),
    ("\\", "backslash expand scan"),
    ("@", "at"),
]


@lru_cache(maxsize=1)
def glyph_names() -> dict[str, str]:
    """name → glyph, for Tab completion (names are lower case)."""
    out: dict[str, str] = {}
    for glyph, names in _NAMES:
        for n in names.split():
            out.setdefault(n, glyph)
    return out


def names_lines() -> list[str]:
    """The glyph names as text, one glyph a line: GLYPH name name …"""
    return [f"{g}  {names}" for g, names in _NAMES]


def apply_prefix(text: str) -> str:
    """Translate prefix-key sequences in plain text (` then KEY → glyph), as typing them would."""
    km = keymap()
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == PREFIX and i + 1 < len(text) and text[i + 1] in km:
            out.append(km[text[i + 1]])
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def prefix_key_bindings():
    """prompt_toolkit key bindings for the prefix key.

    ` is inserted as typed and remembered; if the next key typed right after it is in the map,
    the ` is replaced by that key's glyph (`` gives ⋄), otherwise both stay as typed. No
    timeout: a slow second key still works, and pasted text is never translated.
    """
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    kb = KeyBindings()
    pending: dict = {"at": None}  # (buffer, text, cursor) right after a prefix was typed

    def is_pending(buf) -> bool:
        at = pending["at"]
        return (at is not None and at[0] is buf and at[1] == buf.text and at[2] == buf.cursor_position
                and buf.document.char_before_cursor == PREFIX)

    @Condition
    def prefix_pending() -> bool:
        from prompt_toolkit.application import get_app

        return is_pending(get_app().current_buffer)

    def finish(event, key: str) -> None:
        buf = event.current_buffer
        pending["at"] = None
        glyph = keymap().get(key)
        if glyph is None:
            buf.insert_text(key)
        else:
            buf.delete_before_cursor(1)
            buf.insert_text(glyph)

    @kb.add(PREFIX)
    def _prefix(event):
        buf = event.current_buffer
        if is_pending(buf):
            finish(event, PREFIX)
            return
        buf.insert_text(PREFIX)
        pending["at"] = (buf, buf.text, buf.cursor_position)

    @kb.add(Keys.Any, filter=prefix_pending)
    def _after_prefix(event):
        press = event.key_sequence[0]
        if isinstance(press.key, Keys) or len(press.key) != 1:
            # Not a character (an arrow, Enter, …): forget the prefix and handle the key as usual.
            pending["at"] = None
            event.app.key_processor.feed(press, first=True)
            return
        finish(event, press.key)

    return kb
