"""Line layout for the few generated lines that outgrow 88 columns: the way ruff format (and
black) split a call whose arguments are too long, so generated code is already formatted."""
from __future__ import annotations

WIDTH = 88


def _split_top(text: str) -> list[str]:
    """Split at commas outside brackets."""
    parts, depth, cur = [], 0, ""
    in_lambda = False  # a lambda's parameters are not separate items
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if depth == 0 and text.startswith("lambda ", i):
            in_lambda = True
        elif depth == 0 and ch == ":":
            in_lambda = False
        if ch == "," and depth == 0 and not in_lambda:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _matching(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] in "([{":
            depth += 1
        elif text[i] in ")]}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def layout(line: str) -> list[str]:
    """`line` as it stands when it fits; else split the way ruff format splits it."""
    if len(line) <= WIDTH:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    inner = indent + "    "
    if line[-1] in ")]}":
        opener = _opener_of_last(line)
        head, body = line[: opener + 1], line[opener + 1:-1]
        if body.strip() and len(head) <= WIDTH:
            return [head] + _body(inner, body) + [indent + line[-1]]
    stripped = line.strip()
    for prefix in ("return ",) + tuple(_assignment_prefix(stripped)):
        if stripped.startswith(prefix):
            return [indent + prefix + "("] + layout(inner + stripped[len(prefix):]) + [indent + ")"]
    return [line]


def _assignment_prefix(stripped: str):
    name = stripped.split(" = ", 1)[0]
    if " = " in stripped and name.replace("_", "a").replace("[", "").replace("]", "").isalnum():
        yield name + " = "


def _opener_of_last(text: str) -> int:
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] in ")]}":
            depth += 1
        elif text[i] in "([{":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _body(inner: str, body: str) -> list[str]:
    if len(inner + body) <= WIDTH:
        return [inner + body]
    parts = _split_top(body)
    if len(parts) == 1:
        return layout(inner + body)
    out = []
    for part in parts:
        if len(inner + part + ",") <= WIDTH:
            out.append(inner + part + ",")
        elif part[0] in "([{" and _matching(part, 0) == len(part) - 1:
            out.append(inner + part[0])
            out += _body(inner + "    ", part[1:-1]) if len(_split_top(part[1:-1])) == 1 else \
                [inner + "    " + x + "," for x in _split_top(part[1:-1])]
            out.append(inner + part[-1] + ",")
        else:
            out += layout(inner + part + ",")
    return out
