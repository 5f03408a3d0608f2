"""APL errors: one class per Dyalog error name, each able to print itself like Dyalog.

Every error carries an optional `Span` (the source text and the offending slice), so that
`str(err)` shows the error name, the line indented six spaces and a caret under the place.
"""
from __future__ import annotations



class Span:
    """A slice [start, end) of a source text; `text` is the whole source the slice lives in.
    Immutable, equal by value."""

    __slots__ = ("end", "start", "text")

    def __init__(self, text: str, start: int, end: int):
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    def __setattr__(self, name, value):
        raise AttributeError("Span is immutable")

    def __eq__(self, other):
        if type(other) is not Span:
            return NotImplemented
        return (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self):
        return hash((self.text, self.start, self.end))

    def __repr__(self):
        return f"Span({self.text!r}, {self.start}, {self.end})"

    def line_and_caret(self) -> tuple[str, int]:
        """The source line holding the span, and the caret's column within that line."""
        line_start = self.text.rfind("\n", 0, self.start) + 1
        line_end = self.text.find("\n", self.start)
        if line_end < 0:
            line_end = len(self.text)
        return self.text[line_start:line_end], self.start - line_start


class APLError(Exception):
    """Base of every error the interpreter raises on purpose."""

    name = "ERROR"
    code = 0  # Dyalog's ⎕EN, used by error guards such as 3::

    def __init__(self, message: str = "", span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.span = span

    def with_span(self, span: Span | None) -> "APLError":
        """Attach the innermost known place, keeping one already set."""
        if self.span is None and span is not None:
            self.span = span
        return self

    def __str__(self) -> str:
        head = self.name + (f": {self.message}" if self.message else "")
        if self.span is None:
            return head
        line, col = self.span.line_and_caret()
        # Keep the caret aligned under a line that may be shown stripped of leading blanks.
        stripped = line.lstrip()
        col -= len(line) - len(stripped)
        return f"{head}\n      {stripped}\n      {' ' * max(col, 0)}∧"


def _error(name: str, code: int) -> type[APLError]:
    cls_name = "".join(w.capitalize() for w in name.split()).replace("Ws", "WS")
    return type(cls_name, (APLError,), {"name": name, "code": code, "__doc__": f"Dyalog's {name}."})


SyntaxError_ = _error("SYNTAX ERROR", 2)
IndexError_ = _error("INDEX ERROR", 3)
RankError = _error("RANK ERROR", 4)
LengthError = _error("LENGTH ERROR", 5)
ValueError_ = _error("VALUE ERROR", 6)
WSFull = _error("WS FULL", 1)
DomainError = _error("DOMAIN ERROR", 11)
NonceError = _error("NONCE ERROR", 16)
LimitError = _error("LIMIT ERROR", 10)  # beyond a system limit: a rank above 15
# Dyalog has no AXIS ERROR (PRG/error-messages/apl-errors lists none): an axis that does not fit
# the function or its arguments is reported as RANK ERROR ("Invalid axis", ⎕EN 4).
AxisError = type("AxisError", (RankError,), {"__doc__": "An invalid axis: Dyalog's RANK ERROR."})
Interrupt = _error("INTERRUPT", 1003)

BY_NAME = {
    cls.name: cls
    for cls in (SyntaxError_, IndexError_, RankError, LengthError, ValueError_, WSFull,
                DomainError, NonceError, LimitError, Interrupt)
}
