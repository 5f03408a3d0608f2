"""The options of a translation written as text (`apl translate --ranks 1,2 --dtype float32`,
`]translate --shapes 77x768 EXPR`): what apl.translate's ranks=, shapes= and dtype= take."""
from __future__ import annotations

DTYPES = ("float64", "float32", "float16", "bfloat16")
_OPTIONS = ("--ranks", "--shapes", "--dtype")


def signature_option(text: str, shapes: bool) -> tuple:
    """--ranks 1,2 or --shapes 768,77x768 as apl.translate's ranks= or shapes= (one item per
    argument, ⍺'s first): a rank is a number, a shape numbers joined by x (() a scalar), float a
    Python number, [a,b,…] a list of tensors (a nested argument)."""
    what = "--shapes" if shapes else "--ranks"

    def one(item: str):
        item = item.strip()
        if item == "float":
            return float
        if item.startswith("[") and item.endswith("]"):
            inner = split(item[1:-1])
            if not inner or any(i.strip().startswith("[") for i in inner):
                raise ValueError(f"{what}: {item!r} is not a list of tensors")
            return [one(i) for i in inner]
        if shapes and item == "()":
            return ()
        parts = item.split("x") if shapes else [item]
        if not all(p.strip().isdigit() for p in parts):
            raise ValueError(f"{what}: {item!r} is not a {'shape (77x768)' if shapes else 'rank'}")
        return tuple(int(p) for p in parts) if shapes else int(parts[0])

    def split(t: str) -> list:
        out, depth, start = [], 0, 0
        for i, ch in enumerate(t):
            depth += {"[": 1, "]": -1}.get(ch, 0)
            if depth < 0:
                raise ValueError(f"{what}: unbalanced ] in {text!r}")
            if ch == "," and depth == 0:
                out.append(t[start:i])
                start = i + 1
        if depth:
            raise ValueError(f"{what}: unbalanced [ in {text!r}")
        return [*out, t[start:]]

    items = [one(i) for i in split(text)]
    if not 1 <= len(items) <= 2:
        raise ValueError(f"{what}: give that of ⍵, or those of ⍺ and ⍵ (two items)")
    return tuple(items)


def leading_options(arg: str) -> tuple[dict, str]:
    """`--ranks 2 --dtype float32 {⍵÷+/⍵}⍤1` → ({"ranks": (2,), "dtype": "float32"}, the rest):
    options first, each --name value or --name=value; the expression is what follows (an APL
    expression may itself start with -, so only these three names are options). The same
    checks as the command line's, as ValueError."""
    found: dict = {}
    rest = arg.strip()
    while rest.startswith("--"):
        word, _, after = rest.partition(" ")
        name, eq, value = word.partition("=")
        if name not in _OPTIONS:
            break
        if not eq:
            value, _, after = after.strip().partition(" ")
        if not value:
            raise ValueError(f"{name} needs a value")
        key = name[2:]
        if key in found:
            raise ValueError(f"{name} is given twice")
        if key == "dtype":
            if value not in DTYPES:
                raise ValueError(f"--dtype: {value!r} is not one of {', '.join(DTYPES)}")
            found[key] = value
        else:
            found[key] = signature_option(value, shapes=key == "shapes")
        rest = after.strip()
    if "ranks" in found and "shapes" in found:
        raise ValueError("give --ranks or --shapes, not both")
    if "dtype" in found and "ranks" not in found and "shapes" not in found:
        raise ValueError("--dtype is for a function written for tensors: give --ranks or --shapes too")
    return found, rest
