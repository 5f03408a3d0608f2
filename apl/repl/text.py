"""What the text of an input says before it is run: is a dfn still open, does the line end in
code, a string or a comment, which names does it mention.

Plain string scanning, no evaluation: the session loop, the line editor, the commands and the
IPython bridge all read input this way, so it sits at the bottom of apl/repl.
"""
from __future__ import annotations

import re

from ..syntax.tradfn import bracket_depth, pieces

_NAME = re.compile(r"[A-Za-z_∆⍙][A-Za-z_∆⍙0-9¯]*")
_STRINGS_COMMENTS = re.compile(r"'(?:[^'\n]|'')*'?|⍝[^\n]*")


def needs_more(text: str) -> bool:
    """Whether the input has an unclosed `{`, `(` or `[` (outside strings and comments): a dfn,
    or array notation over several lines, goes on; or a ∇ definition its closing ∇ has not ended."""
    if "∇" in text:
        found = pieces(text)
        if found and found[-1].kind == "definition":
            return not found[-1].closed
        text = "\n".join("\n".join(p.lines) for p in found if p.kind == "code")
    depth = 0
    for line in text.split("\n"):
        depth = bracket_depth(line, depth)
    return depth > 0


def context_at_end(text: str) -> str:
    """'string', 'comment' or 'code': where the end of `text` (its last line) lies."""
    line = text.rsplit("\n", 1)[-1]
    in_str = False
    for c in line:
        if in_str:
            if c == "'":
                in_str = False
        elif c == "'":
            in_str = True
        elif c == "⍝":
            return "comment"
    return "string" if in_str else "code"


def mentioned_names(src: str) -> set[str]:
    """Names that APL source mentions, outside strings and comments (⎕ names excluded)."""
    code = _STRINGS_COMMENTS.sub(" ", src)
    code = re.sub(r"⎕[A-Za-z]*", " ", code)
    return set(_NAME.findall(code))
