"""Dyalog's regular expressions (PCRE) on Python's `re`, and ⎕R/⎕S transformation patterns.

⎕R and ⎕S (search_replace.py) take PCRE patterns. Python's `re` reads most of them as PCRE
does; `pattern` rewrites the rest: named groups `(?<n>…)` and back references `\\k<n>`, `\\Q…\\E`
quoting, `\\h \\R \\e \\x{…}`, POSIX classes `[[:alpha:]]`, and, for the Greedy option, swaps
every quantifier's greediness (PCRE_UNGREEDY). What `re` cannot do (`\\p{…}` properties,
recursion, callouts) is a DOMAIN ERROR naming it.

`transformation` parses a transformation pattern (Dyalog: & the match, % the block, \\0–\\9 and
\\<name> groups, \\u \\l to change case, \\n \\r \\\\ \\& \\%) into parts that `expand` fills in.
"""
from __future__ import annotations

import re

from ..errors import DomainError

_POSIX = {"alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
          "space": r"\s", "blank": r" \t", "punct": r"!-/:-@\[-`{-~", "xdigit": "0-9A-Fa-f",
          "word": r"\w", "cntrl": r"\x00-\x1f\x7f", "print": r" -~", "graph": r"!-~"}
_QUANTIFIER = re.compile(r"[*+?]|\{\d+(,\d*)?\}")
_REFUSED = {"p": "Unicode properties (\\p{…})", "P": "Unicode properties (\\P{…})", "X": "\\X",
            "C": "\\C", "K": "\\K (reset the match start)", "G": "\\G"}


def pattern(text: str, greedy: bool = True) -> str:
    """A PCRE pattern as a Python `re` pattern (see the module's docstring)."""
    out, i, n, in_class = [], 0, len(text), False
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            d = text[i + 1]
            if d == "Q":  # \Q…\E: everything between is literal
                end = text.find("\\E", i + 2)
                end = n if end < 0 else end
                out.append(re.escape(text[i + 2:end]))
                i = end + 2
                continue
            if d == "E":
                i += 2
                continue
            if d in _REFUSED and not in_class:
                raise DomainError(f"⎕R/⎕S: {_REFUSED[d]} is not supported")
            if d == "k" and i + 2 < n and text[i + 2] in "<{'":
                close = {"<": ">", "{": "}", "'": "'"}[text[i + 2]]
                end = text.find(close, i + 3)
                if end < 0:
                    raise DomainError(f"⎕R/⎕S: the back reference \\k{text[i + 2]}… is not closed")
                out.append(f"(?P={text[i + 3:end]})")
                i = end + 1
                continue
            if d == "x" and i + 2 < n and text[i + 2] == "{":
                end = text.find("}", i + 3)
                code = text[i + 3:end] if end > 0 else ""
                if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", code) or int(code, 16) > 0x10FFFF:
                    raise DomainError(f"⎕R/⎕S: \\x{{{code}}} is not a character's code")
                out.append(re.escape(chr(int(code, 16))))
                i = end + 1
                continue
            if in_class:
                out.append({"h": " \\t", "e": "\\x1b"}.get(d, c + d))
            else:
                out.append({"h": "[ \\t]", "H": "[^ \\t]", "e": "\\x1b", "R": "(?:\\r\\n|\\n|\\r)"}.get(d, c + d))
            i += 2
            continue
        if in_class:
            if c == "[" and text.startswith("[:", i):
                end = text.find(":]", i + 2)
                name = text[i + 2:end] if end > 0 else ""
                if name.lstrip("^") in _POSIX and not name.startswith("^"):
                    out.append(_POSIX[name])
                    i = end + 2
                    continue
                raise DomainError(f"⎕R/⎕S: the class [:{name}:] is not supported")
            if c == "]" and not _class_start(out):
                in_class = False
            out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            if text.startswith("^", i + 1):
                out.append("^")
                i += 1
            if text.startswith("]", i + 1):  # a ] first in a class is itself
                out.append("\\]")
                i += 1
            i += 1
            continue
        if c == "(" and text.startswith("(?<", i) and i + 3 < n and text[i + 3] not in "=!":
            out.append("(?P<")
            i += 3
            continue
        if c == "(" and (text.startswith("(?R", i) or text.startswith("(?C", i) or re.match(r"\(\?[+-]?\d", text[i:])):
            raise DomainError("⎕R/⎕S: recursion and callouts are not supported")
        m = _QUANTIFIER.match(text, i)
        if m and not greedy and out and out[-1] != "(" and not out[-1].endswith("(?"):
            out.append(m.group())
            i = m.end()
            if text.startswith("?", i):
                i += 1  # lazy made greedy
            elif not text.startswith("+", i):
                out.append("?")  # greedy made lazy
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _class_start(out) -> bool:
    """Whether the class just opened (a ] here would be its first item)."""
    return bool(out) and (out[-1] == "[" or (out[-1] == "^" and len(out) > 1 and out[-2] == "["))


def compile_pattern(text: str, flags: int, greedy: bool = True, literal: bool = False):
    try:
        return re.compile(re.escape(text) if literal else pattern(text, greedy), flags)
    except (re.error, ValueError, OverflowError) as e:
        raise DomainError(f"⎕R/⎕S: the pattern {text!r}: {e}") from None


# ---------------------------------------------------------------- transformation patterns
MATCH, BLOCK = -1, -2  # the parts & and %


def transformation(text: str, literal: bool = False) -> list:
    """A transformation pattern as parts: strings, and (group, case) pairs, group an int, a name,
    MATCH or BLOCK and case "", "u" or "l"."""
    if literal:
        return [text]
    parts, buf, i, n = [], [], 0, len(text)

    def flush():
        if buf:
            parts.append("".join(buf))
            buf.clear()

    def reference(j):
        """(group, end) for a reference starting at j: a digit, &, % or <name>."""
        if j < n and text[j].isdigit():
            return int(text[j]), j + 1
        if j < n and text[j] == "&":
            return MATCH, j + 1
        if j < n and text[j] == "%":
            return BLOCK, j + 1
        if j < n and text[j] == "<":
            end = text.find(">", j)
            if end > j:
                name = text[j + 1:end]
                return (int(name) if name.isdigit() else name), end + 1
        return None, j

    while i < n:
        c = text[i]
        if c in "&%":
            flush()
            parts.append((MATCH if c == "&" else BLOCK, ""))
            i += 1
        elif c == "\\" and i + 1 < n:
            d = text[i + 1]
            if d in "ul":
                group, end = reference(i + 2)
                if group is not None:
                    flush()
                    parts.append((group, d))
                    i = end
                    continue
            group, end = reference(i + 1) if d not in "&%" else (None, i)
            if group is not None:
                flush()
                parts.append((group, ""))
                i = end
                continue
            buf.append({"n": "\n", "r": "\r", "t": "\t"}.get(d, d))
            i += 2
        else:
            buf.append(c)
            i += 1
    flush()
    return parts


def expand(parts: list, m, block: str) -> str:
    """A transformation pattern's text for the match m in block."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        group, case = part
        if group == MATCH:
            text = m.group(0)
        elif group == BLOCK:
            text = block
        else:
            try:
                text = m.group(group) or ""
            except IndexError:
                raise DomainError(f"⎕R/⎕S: the pattern has no group {group}") from None
        out.append(text.upper() if case == "u" else text.lower() if case == "l" else text)
    return "".join(out)
