"""⎕R and ⎕S: Dyalog's search and replace operators (Language Reference, system-functions/r and
s), on Python's `re` (PCRE patterns rewritten by pcre.py).

    R←(A ⎕R B) Y    replace what the patterns A match in the document Y by B
    R←(A ⎕S B) Y    a vector with one result of B per match

A is a pattern (a character vector) or a vector of patterns; where several could match at a
place, the earliest match wins, and of those starting together, the first pattern's. B is one
transformation pattern for every pattern or one each; for ⎕S also transformation codes (0 the
match's offset from the start of the document, 1 its length, 2 its block number, 3 its pattern
number); or a function, called with a namespace (Block BlockNum Pattern PatternNum Match Offsets
Lengths Names ReplaceMode TextOnly) for each match, whose result is the replacement (⎕R, a
character vector) or the match's item of the result (⎕S).

Y is a character vector (one line, unless NEOL←1 splits it at its line endings) or a vector of
them (lines); ⎕R gives back the same form. Options (⍠, also ⎕OPT): IC (the principal option),
Mode ('L' line by line, 'M' lines together with ^ $ at each line, 'D' the whole document),
DotAll, Greedy, OM (overlapping matches), ML (match limit: n the first n, ¯n only the nth), UCP,
NEOL, EOL, Regex (0, or a pair for patterns and transformations: literal text), ResultText
('Simple' or 'Nested'), and the encodings (InEnc OutEnc Enc: UTF8 only, there being no files).
"""
from __future__ import annotations

import re

import numpy as np

from .. import arrays as ar
from ..arrays import CHAR, INT, OBJ
from ..backends import is_array, kind, size
from ..errors import DomainError, LengthError, NonceError, RankError
from ..primitives.base import Derived, is_function, operand_text
from ..primitives.variant import options_text
from . import pcre
from .env import Env, Namespace, ref

_EOL = {"CR": "\r", "LF": "\n", "CRLF": "\r\n", "VT": "\v", "FF": "\f", "NEL": "\x85", "LS": "\u2028",
        "PS": "\u2029"}
_LINE_END = re.compile(r"\r\n|\n|\r|\v|\f|\x85|\u2028|\u2029")
_DEFAULTS = {"IC": 0, "Mode": "L", "DotAll": 0, "Greedy": 1, "OM": 0, "ML": 0, "UCP": 0, "NEOL": 0,
             "EOL": "LF", "Regex": (1, 1), "ResultText": None, "InEnc": "UTF8", "OutEnc": "UTF8", "Enc": "UTF8"}


def _text(a, what) -> str:
    """A character vector or scalar as a str (an empty numeric vector is an empty string)."""
    if not is_array(a) or a.ndim > 1 or (size(a) and kind(a) != "U"):
        raise DomainError(f"{what} must be a character vector")
    return "".join(ar.host_values(a).reshape(-1).tolist()) if size(a) else ""


def _texts(a, what) -> list[str]:
    """A character vector, a vector of them, or a matrix (a row each), as strs."""
    if a.dtype == OBJ:
        if a.ndim > 1:
            raise RankError(f"{what}: a vector of character vectors")
        return [_text(ar.unbox(x), what) for x in a.reshape(-1)]
    if a.ndim == 2 and kind(a) == "U":
        return ["".join(row).rstrip() for row in ar.host_values(a).tolist()]
    return [_text(a, what)]


def _chars(s: str) -> np.ndarray:
    return np.array(list(s), dtype=CHAR).reshape(len(s))


def _value(v):
    """An option's value as Python: a number, a str, or a tuple of them."""
    if not is_array(v):
        raise DomainError("an option's value must be an array")
    if v.dtype == OBJ:
        return tuple(_value(ar.unbox(x)) for x in v.reshape(-1))
    if kind(v) == "U":
        return _text(v, "an option")
    h = ar.host_values(v).reshape(-1).tolist()
    return h[0] if len(h) == 1 else tuple(h)


def _options(options, principal, base=None) -> dict:
    opts = dict(_DEFAULTS if base is None else base)
    if principal is not None:
        opts["IC"] = _value(principal)
    for name, value in options:
        key = next((k for k in _DEFAULTS if k.lower() == name.lower()), None)
        if key is None:
            raise DomainError(f"⎕R/⎕S have no option {name!r}")
        opts[key] = _value(value)
    for key in ("IC", "DotAll", "Greedy", "OM", "UCP", "NEOL"):
        if opts[key] not in (0, 1):
            raise DomainError(f"the option {key} is 0 or 1")
    if str(opts["Mode"]).upper() not in ("L", "M", "D"):
        raise DomainError("the option Mode is 'L', 'M' or 'D'")
    if str(opts["EOL"]).upper() not in _EOL:
        raise DomainError(f"the option EOL is one of {' '.join(_EOL)}")
    if not isinstance(opts["ML"], int):
        raise DomainError("the option ML is an integer")
    rx = opts["Regex"]
    rx = (rx, rx) if isinstance(rx, int) else tuple(rx)
    if len(rx) != 2 or any(x not in (0, 1) for x in rx):
        raise DomainError("the option Regex is 0 or 1, or two of them")
    opts["Regex"] = rx
    if opts["ResultText"] is not None and str(opts["ResultText"]).lower() not in ("simple", "nested"):
        raise DomainError("the option ResultText is 'Simple' or 'Nested'")
    for key in ("InEnc", "OutEnc", "Enc"):
        if str(opts[key]).upper().replace("-", "") not in ("UTF8", "UTF8BOM"):
            raise NonceError(f"the option {key}: only UTF8 (the text is already characters)")
    return opts


class SearchReplace(Derived):
    """(A ⎕R B) or (A ⎕S B): a function of the document."""

    def __init__(self, glyph, left, right, options=None, given=()):
        super().__init__(left, right)
        self.op = glyph
        self.replace = glyph == "⎕R"
        self.opts = _options([], None) if options is None else options
        self.given = given  # the options given by ⍠, as (name, value) in Python: for describe
        if is_function(left):
            raise DomainError(f"{glyph}: the left operand is the search pattern(s), an array")
        self.patterns = _texts(left, f"{glyph} patterns")
        if not self.patterns:
            raise DomainError(f"{glyph}: no search pattern")
        flags = (re.IGNORECASE if self.opts["IC"] else 0) | (re.DOTALL if self.opts["DotAll"] else 0) \
            | (0 if self.opts["UCP"] else re.ASCII) | (re.MULTILINE if str(self.opts["Mode"]).upper() != "D" else 0)
        self.regexes = [pcre.compile_pattern(p, flags, bool(self.opts["Greedy"]), not self.opts["Regex"][0])
                        for p in self.patterns]
        self.codes = self.transforms = None
        if not is_function(right):
            if not self.replace and kind(right) in "biu" and right.ndim <= 1:
                self.codes = [int(x) for x in ar.host_values(right).reshape(-1).tolist()]
                if any(c not in (0, 1, 2, 3) for c in self.codes):
                    raise DomainError("⎕S: the transformation codes are 0 1 2 3")
                self.single_code = right.ndim == 0
            else:
                texts = _texts(right, f"{glyph} transformation")
                if len(texts) not in (1, len(self.patterns)):
                    raise LengthError(f"{glyph}: one transformation pattern, or one for each search pattern")
                parsed = [pcre.transformation(t, not self.opts["Regex"][1]) for t in texts]
                self.transforms = parsed * len(self.patterns) if len(parsed) == 1 else parsed

    def with_options(self, options, principal):
        given = ([("IC", _value(principal))] if principal is not None else []) + \
            [(name, _value(value)) for name, value in options]
        return SearchReplace(self.op, self.left, self.right, _options(options, principal, self.opts),
                             self.given + tuple(given))

    def describe(self):
        right = operand_text(self.right)
        text = operand_text(self.left) + self.op + (" " if right[:1].isalnum() else "") + right
        return text + "⍠" + options_text(self.given) if self.given else text

    def dyad(self, a, w):
        raise NonceError(f"{self.op} with a left argument (an output stream) is not supported")

    def monad(self, w):
        if not is_array(w) or (size(w) and w.dtype != OBJ and kind(w) != "U"):
            raise DomainError(f"{self.op}: the document is text (a native file tie number is not supported)")
        nested = w.dtype == OBJ
        lines = _texts(w, f"{self.op} document")
        simple_input = not nested and w.ndim < 2
        if simple_input and self.opts["NEOL"]:
            lines = _LINE_END.split(lines[0])
        eol = _EOL[str(self.opts["EOL"]).upper()]
        mode = str(self.opts["Mode"]).upper()
        blocks = lines if mode == "L" else [eol.join(lines)]
        found = self._search(blocks)
        if not self.replace:
            return self._collect(found)
        out = self._replaced(blocks, found)
        if mode != "L":
            out = out[0].split(eol) if out else []
        form = self.opts["ResultText"]
        simple = simple_input if form is None else str(form).lower() == "simple"
        if simple:
            return _chars(eol.join(out))
        return ar.from_items([ar.box(_chars(s)) for s in out], (len(out),))

    # ------------------------------------------------------------ matching
    def _search(self, blocks) -> list:
        """[(block number, block start in the document, pattern number, match)] in order, within
        the match limit."""
        found, start, limit = [], 0, self.opts["ML"]
        eol_len = len(_EOL[str(self.opts["EOL"]).upper()])
        for b, block in enumerate(blocks):
            for p, m in self._matches(block):
                found.append((b, start, p, m))
                if limit > 0 and len(found) >= limit:
                    return found
            start += len(block) + eol_len
        if limit < 0:
            return found[-limit - 1:-limit] if len(found) >= -limit else []
        return found

    def _matches(self, block):
        """(pattern number, match) of the block, left to right: the earliest match at each step,
        the first pattern's of those starting together; after an empty match, one character on."""
        pos, n, overlapping = 0, len(block), self.opts["OM"]
        while pos <= n:
            best = None
            for p, rx in enumerate(self.regexes):
                m = rx.search(block, pos)
                if m is not None and (best is None or m.start() < best[1].start()):
                    best = (p, m)
            if best is None:
                return
            yield best
            m = best[1]
            pos = m.start() + 1 if overlapping or m.end() == m.start() else m.end()

    # ------------------------------------------------------------ results
    def _replaced(self, blocks, found) -> list[str]:
        out, by_block = [], {}
        for item in found:
            by_block.setdefault(item[0], []).append(item)
        for b, block in enumerate(blocks):
            pieces, at = [], 0
            for _, _, p, m in by_block.get(b, ()):
                if m.start() < at:
                    continue  # (overlapping matches replace once)
                pieces.append(block[at:m.start()])
                pieces.append(self._replacement(b, block, p, m))
                at = m.end()
            pieces.append(block[at:])
            out.append("".join(pieces))
        return out

    def _replacement(self, b, block, p, m) -> str:
        if self.transforms is not None:
            return pcre.expand(self.transforms[p], m, block)
        r = self.right.monad(self._namespace(b, block, p, m))
        if not is_array(r) or r.ndim > 1 or (size(r) and kind(r) != "U"):
            raise DomainError("⎕R: the function must give a character vector")
        return _text(r, "⎕R's replacement")

    def _collect(self, found):
        items = []
        for b, start, p, m in found:
            if self.codes is not None:
                values = [{0: start + m.start(), 1: m.end() - m.start(), 2: b, 3: p}[c] for c in self.codes]
                items.append(np.array(values[0], dtype=INT) if self.single_code else np.array(values, dtype=INT))
            elif self.transforms is not None:
                items.append(_chars(pcre.expand(self.transforms[p], m, m.string)))
            else:
                items.append(self.right.monad(self._namespace(b, m.string, p, m)))
        if self.codes is not None and self.single_code:
            return np.array([int(x) for x in items], dtype=INT)
        return ar.normalise(ar.from_items([ar.box(x) for x in items], (len(items),)))

    def _namespace(self, b, block, p, m):
        """What a function operand is given for a match: a namespace of its particulars."""
        space = Namespace(Env(), None, _ROOT)
        groups = range(m.re.groups + 1)
        names = {i: n for n, i in m.re.groupindex.items()}
        space.env.vars.update({
            "Block": _chars(block), "BlockNum": np.array(b, dtype=INT),
            "Pattern": _chars(self.patterns[p]), "PatternNum": np.array(p, dtype=INT),
            "Match": _chars(m.group(0)),
            "Offsets": np.array([m.start(g) for g in groups], dtype=INT),
            "Lengths": np.array([m.end(g) - m.start(g) if m.start(g) >= 0 else -1 for g in groups], dtype=INT),
            "Names": ar.from_items([ar.box(_chars(names.get(g, ""))) for g in groups[1:]], (len(groups) - 1,)),
            "ReplaceMode": np.array(int(self.replace), dtype=INT), "TextOnly": np.array(1, dtype=INT),
        })
        return ref(space)


_ROOT = Namespace(Env())  # the parent of the namespaces given to function operands


def derive(glyph: str, left, right, axis):
    if axis is not None:
        raise DomainError(f"{glyph} takes no axis")
    if right is None:
        raise DomainError(f"{glyph} needs a right operand")
    return SearchReplace(glyph, left, right)
