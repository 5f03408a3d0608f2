"""Glyph input without an APL keyboard: Dyalog's prefix-key map and names of glyphs.

The glyph registry (apl/glyphs) holds each glyph's prefix key (Dyalog's US layout as RIDE has
it) and names: type the prefix key ` and then KEY to get GLYPH. Tab completion offers glyphs by
name (`rho` → ⍴).
Nothing here imports prompt_toolkit until `prefix_key_bindings` is called.
"""
from __future__ import annotations

from functools import lru_cache

from ..glyphs import GLYPHS

PREFIX = "`"


@lru_cache(maxsize=1)
def keymap() -> dict[str, str]:
    """The prefix map: key typed after ` → glyph (Dyalog's US layout, as the registry has it)."""
    return {g.key: g.glyph for g in GLYPHS if g.key is not None}


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


@lru_cache(maxsize=1)
def glyph_names() -> dict[str, str]:
    """name → glyph, for Tab completion (names are lower case)."""
    out: dict[str, str] = {}
    for g in GLYPHS:
        for n in g.names:
            out.setdefault(n, g.glyph)
    return out


def names_lines() -> list[str]:
    """The glyph names as text, one glyph a line: GLYPH name name …"""
    return [f"{g.glyph}  {' '.join(g.names)}" for g in GLYPHS]


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
