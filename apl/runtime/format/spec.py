"""⎕FMT's format specification (the left argument X of X ⎕FMT Y) read into phrases.

Dyalog's Language Reference, "Format (Dyadic)": phrases separated by single commas, each one of
`rAw rqEw.s rqFw.d rqG⍞pattern⍞ rqIw Tn Xn ⍞text⍞`, with a repetition factor r on data phrases
and on parenthesised groups `r(…)`, and qualifiers q (B C Km L Ov⍞t⍞ S⍞pairs⍞ Z) and
affixtures (M N P Q R, each ⍞t⍞). Text delimiters are ⍞…⍞, <…>, ⊂…⊃, ⎕…⎕ and ¨…¨. Anything
else is Dyalog's FORMAT ERROR. A specification is read once into a flat list of `Phrase`s (groups
and repetitions spelled out), which ⎕FMT then uses cyclically.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import FormatError, WSFull

_CLOSE = {"⍞": "⍞", "<": ">", "⊂": "⊃", "⎕": "⎕", "¨": "¨"}
DATA = frozenset("AEFGI")
_PHRASES = frozenset("AEFGITX")
_QUALIFIERS = frozenset("BCKLOSZMNPQR")
# the qualifiers and affixtures each data phrase takes (Dyalog: "Only the B, K, S and O qualifiers
# are valid with the G option"; A takes L, which left-justifies characters)
_ALLOWED = {"A": frozenset("L"), "E": frozenset("BKLOSMNPQR"), "F": _QUALIFIERS, "I": _QUALIFIERS,
            "G": frozenset("BKSO")}
MAX_PHRASES = 100_000  # phrases a specification spells out (r(…) groups multiply)
MAX_NUMBER = 1_000_000  # widths, positions and repetition factors


@dataclass(eq=False)
class Phrase:
    """One phrase: `kind` a letter of AEFGITX, or "text" for a text insertion."""

    kind: str
    width: int = 0  # w of A E F I
    digits: int = 0  # d of F (decimals), s of E (significant digits)
    n: int = 0  # the position of T, the move of X
    text: str = ""  # the inserted text, or G's pattern
    flags: frozenset = frozenset()  # of B C L Z
    scale: int = 0  # K
    subs: dict = field(default_factory=dict)  # S: standard symbol → its substitute
    replace: list = field(default_factory=list)  # O: (value, text) pairs
    affix: dict = field(default_factory=dict)  # M N P Q R → text


def parse(spec: str) -> list[Phrase]:
    """The phrases of a specification, groups and repetitions expanded."""
    reader = _Reader(spec)
    phrases = reader.phrases(closing=None)
    if reader.i != len(spec):
        reader.fail("unexpected text")
    return phrases


class _Reader:
    def __init__(self, text: str):
        self.text, self.i = text, 0

    def fail(self, why: str):
        raise FormatError(f"⎕FMT: {why} at position {self.i + 1} of the specification")

    def peek(self) -> str:
        while self.i < len(self.text) and self.text[self.i] == " ":
            self.i += 1
        return self.text[self.i] if self.i < len(self.text) else ""

    def take(self) -> str:
        c = self.peek()
        if not c:
            self.fail("the specification ends too soon")
        self.i += 1
        return c

    def phrases(self, closing) -> list[Phrase]:
        out = self.phrase()
        while self.peek() == ",":
            self.i += 1
            out += self.phrase()
            if len(out) > MAX_PHRASES:
                raise WSFull("⎕FMT: the specification spells out too many phrases")
        if closing is not None:
            if self.peek() != closing:
                self.fail("a group is not closed")
            self.i += 1
        return out

    def number(self, signed=False) -> int | None:
        """A whole number (¯ or - before it when signed), or None where there is none."""
        start = self.i
        c = self.peek()
        negative = signed and c in "¯-"
        if negative:
            self.i += 1
        j = self.i
        while j < len(self.text) and self.text[j].isdigit() and self.text[j].isascii():
            j += 1
        if j == self.i:
            self.i = start
            if negative:
                self.fail("a sign with no number")
            return None
        value = int(self.text[self.i:j])
        self.i = j
        if value > MAX_NUMBER:
            self.fail(f"a number above {MAX_NUMBER}")
        return -value if negative else value

    def decimal(self) -> float | None:
        """O's value: a number such as 42, ¯1.5, 0.001, 1E3."""
        c = self.peek()
        j = self.i + (c in "¯-")
        start = j
        while j < len(self.text) and (self.text[j].isdigit() and self.text[j].isascii() or self.text[j] == "."):
            j += 1
        if j == start:
            if j != self.i:
                self.fail("a sign with no number")
            return None
        if j < len(self.text) and self.text[j] in "Ee":
            k = j + 1 + (j + 1 < len(self.text) and self.text[j + 1] in "¯-")
            if k < len(self.text) and self.text[k].isdigit():
                j = k
                while j < len(self.text) and self.text[j].isdigit() and self.text[j].isascii():
                    j += 1
        word = self.text[self.i:j].replace("¯", "-")
        self.i = j
        try:
            return float(word)
        except ValueError:
            self.fail("a value that is not a number")

    def delimited(self) -> str:
        """The text between a pair of delimiters; two quotes in it are one."""
        opening = self.take()
        if opening not in _CLOSE:
            self.i -= 1
            self.fail("text between delimiters (⍞…⍞ <…> ⊂…⊃ ⎕…⎕ ¨…¨) is expected")
        end = self.text.find(_CLOSE[opening], self.i)
        if end < 0:
            self.fail("a text delimiter is not closed")
        text = self.text[self.i:end]
        self.i = end + 1
        return text.replace("''", "'")

    def phrase(self) -> list[Phrase]:
        if self.peek() in _CLOSE:
            return [Phrase("text", text=self.delimited())]
        repeat = self.number()
        if repeat == 0:
            self.fail("a repetition factor of 0")
        if self.peek() == "(":
            self.i += 1
            group = self.phrases(closing=")")
            if len(group) * (repeat or 1) > MAX_PHRASES:
                raise WSFull("⎕FMT: the specification spells out too many phrases")
            return group * (repeat or 1)
        p = Phrase("")
        flags, quals = set(), set()
        while self.peek() in _QUALIFIERS and self.peek():
            q = self.take()
            quals.add(q)
            self.qualifier(q, p, flags)
        p.flags = frozenset(flags)
        start = self.i
        letter = self.take()
        if letter not in _PHRASES:
            self.i = start
            self.fail(f"{letter!r} is not a format phrase")
        p.kind = letter
        if letter in "TX":
            if repeat is not None or quals:
                self.i = start
                self.fail(f"{letter} takes no repetition factor or qualifiers")
            n = self.number(signed=letter == "X")
            if n is None:
                self.fail(f"{letter} needs a number")
            p.n = n
            return [p]
        if quals - _ALLOWED[letter]:
            self.i = start
            self.fail(f"{letter} does not take the qualifier {''.join(sorted(quals - _ALLOWED[letter]))}")
        if letter == "G":
            p.text = self.delimited()
        else:
            p.width = self.number()
            if not p.width:
                self.fail(f"{letter} needs a width of at least 1")
            if letter in "EF":
                if self.peek() != ".":
                    self.fail(f"{letter} needs a width and .digits")
                self.i += 1
                p.digits = self.number()
                if p.digits is None:
                    self.fail(f"{letter} needs .digits")
                if letter == "E" and not 1 <= p.digits <= p.width - 2:
                    self.fail("E's significant digits are 1 to its width less 2")
                if letter == "F" and p.digits > p.width - 2:
                    self.fail("F's decimals are at most its width less 2")
        return [p] * (repeat or 1)

    def qualifier(self, q: str, p: Phrase, flags: set):
        if q in "BCLZ":
            flags.add(q)
        elif q == "K":
            scale = self.number(signed=True)
            if scale is None:
                self.fail("K needs a number")
            p.scale = scale
        elif q == "O":
            value = self.decimal()
            p.replace.append((0.0 if value is None else value, self.delimited()))
        elif q == "S":
            pairs = self.delimited()
            if len(pairs) % 2:
                self.fail("S needs pairs of symbols")
            for std, new in zip(pairs[::2], pairs[1::2]):
                if std not in "*.,0_¯9Z":
                    self.fail(f"{std!r} is not a standard symbol S can substitute")
                p.subs[std] = new
        else:  # M N P Q R
            p.affix[q] = self.delimited()
            if q == "R" and not p.affix[q]:
                self.fail("R needs a background text")
