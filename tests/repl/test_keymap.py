"""The prefix-key map (Dyalog's, exactly) and glyph names for Tab completion."""
from pathlib import Path

import pytest

from apl.repl.keymap import PREFIX, apply_prefix, glyph_names, keymap, keys_lines

SHARED = Path(__file__).resolve().parents[3] / "shared" / "keyboard.tsv"


def parse_map(text: str) -> dict[str, str]:
    """KEY<TAB>GLYPH lines (# comments and blank lines skipped), as Dyalog's map is written."""
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


def test_the_registry_maps_78_keys():
    km = keymap()
    assert len(km) == 78
    assert all(len(k) == 1 and len(g) == 1 for k, g in km.items())


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/keyboard.tsv is not here")
def test_the_registry_map_equals_the_shared_one():
    assert keymap() == parse_map(SHARED.read_text(encoding="utf-8"))


def test_well_known_keys():
    km = keymap()
    expected = {"r": "⍴", "i": "⍳", "w": "⍵", "a": "⍺", "`": "⋄", "#": "⍒", "$": "⍋", "[": "←",
                "x": "⊃", "z": "⊂", ",": "⍝", "l": "⎕", "j": "∘", "1": "¨", "T": "⍨", "J": "⍤",
                "P": "⍣", "O": "⍥", "F": "⍛", "f": "_", "_": "!", "-": "×", "=": "÷", "}": "⍬"}
    assert {k: km[k] for k in expected} == expected


def test_apply_prefix_text():
    assert apply_prefix("2 3`r`i 6") == "2 3⍴⍳ 6"
    assert apply_prefix("``") == "⋄"
    assert apply_prefix("`Q") == "`Q"  # not in the map: kept as typed
    assert apply_prefix("a`") == "a`"


def test_glyph_names():
    names = glyph_names()
    assert names["rho"] == "⍴" and names["iota"] == "⍳" and names["each"] == "¨"
    assert names["omega"] == "⍵" and names["alpha"] == "⍺" and names["commute"] == "⍨"
    assert all(n == n.lower() and n.isalpha() for n in names)
    # every glyph the map can type that is not ASCII has a name
    typed = {g for g in keymap().values() if not g.isascii()}
    assert typed <= set(names.values())


def test_keys_lines_show_every_mapping():
    text = "\n".join(keys_lines())
    for key, glyph in keymap().items():
        assert f"{key}{glyph}" in text


# ---------------------------------------------------------------- typing through prompt_toolkit

def _typed(keys: str) -> str:
    """What a prompt with the prefix bindings returns after typing keys (then Enter)."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from apl.repl.keymap import prefix_key_bindings

    with create_pipe_input() as inp:
        inp.send_text(keys + "\r")
        ps = PromptSession(input=inp, output=DummyOutput(), key_bindings=prefix_key_bindings())
        return ps.prompt()


def test_typing_every_mapping_gives_its_glyph():
    km = keymap()
    keys = "".join(PREFIX + k for k in km)
    assert _typed(keys) == "".join(km.values())


def test_prefix_then_unmapped_key_keeps_both():
    assert _typed("`Q`W a") == "`Q`W a"


def test_prefix_twice_gives_diamond():
    assert _typed("1``2") == "1⋄2"


def test_prefix_then_backspace_cancels_it():
    assert _typed("`\x7fr") == "r"


def test_prefix_then_arrow_is_handled_as_an_arrow():
    # ` then Left: the cursor moves before the backtick; r is typed there, no glyph
    assert _typed("`\x1b[Dr") == "r`"


def test_prefix_at_end_of_line():
    assert _typed("x`") == "x`"


def test_behind_is_typed_with_prefix_f_and_named_for_tab():
    assert keymap()["F"] == "⍛"
    assert apply_prefix("3 -`F× 4") == "3 -⍛× 4"
    assert glyph_names()["behind"] == "⍛"
