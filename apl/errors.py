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

    # where it happened, beyond the span (the innermost place): filled in as the error leaves
    # dfns and statements, read by `report` and by Python callers
    _frames: tuple | list = ()  # (function, environment, statement span), innermost first
    statement: Span | None = None  # the outermost statement that was running
    source: str | None = None  # the file (or "-e", "stdin") that statement came from
    line_offset = 0  # lines of that file before the text the statement was read from

    def __init__(self, message: str = "", span: Span | None = None):
        super().__init__(message)
        self.message = message
        self.span = span

    def leaving(self, function, env, span: Span) -> None:
        """The error leaves `function` (a dfn: it knows its name in `env`, and where it starts)
        from its statement at `span`. Kept as it is: names and lines are worked out only when the
        error is shown, so that unwinding 100,000 calls costs 100,000 appends."""
        if not self._frames:
            self._frames = []
        self._frames.append((function, env, span))

    @property
    def frames(self) -> list[tuple[str, int]]:
        """(function name, line in it) for each call the error left, innermost first; line 0
        is the line holding the function's {."""
        out, seen = [], {}
        for function, env, span in self._frames:
            key = (id(function), id(env), span.start)  # a recursion repeats one frame many times
            if key not in seen:
                start = function.node.span
                line = span.text.count("\n", start.start, span.start) if span.text is start.text else 0
                seen[key] = (function.name_in(env), line)
            out.append(seen[key])
        return out

    @property
    def function(self) -> str | None:
        """Where it happened, as Dyalog names it: `g[2]`, or None outside any function."""
        return f"{self.frames[0][0]}[{self.frames[0][1]}]" if self.frames else None

    @property
    def stack(self) -> list[str]:
        """The chain of calls, innermost first: `['g[2]', 'h[0]']`."""
        return [f"{name}[{line}]" for name, line in self.frames]

    @property
    def line(self) -> int | None:
        """The line of the running text (a script, a session's input) the statement starts on."""
        if self.statement is None:
            return None
        return self.statement.text.count("\n", 0, self.statement.start) + 1 + self.line_offset

    def report(self, most: int = 8) -> str:
        """The error as a session shows it: its name and message, the line with a caret under
        the place, and where it was called from (`in g[2], called from h[0], called from s.apl:3`);
        a run of the same call shows once with its count, and at most `most` calls show."""
        where = []
        for frame in self.frames:
            if where and where[-1][0] == frame:
                where[-1][1] += 1
            else:
                where.append([frame, 1])
        cut = len(where) > most
        where = [f"{name}[{line}]" + (f" ({n} times)" if n > 1 else "") for (name, line), n in where[:most]]
        if cut:
            where.append("…")
        if self.line is not None and self.source is not None:
            where.append(f"{self.source}:{self.line}")
        elif self.line is not None and self.line > 1:
            where.append(f"line {self.line}")
        if not where:
            return str(self)
        if len(where) == 1 and not self._frames:
            return str(self) + "\nat " + where[0]
        return str(self) + "\nin " + ", called from ".join(where)

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
FormatError = _error("FORMAT ERROR", 7)  # an ill-formed ⎕FMT specification
WSFull = _error("WS FULL", 1)
DomainError = _error("DOMAIN ERROR", 11)
NonceError = _error("NONCE ERROR", 16)
LimitError = _error("LIMIT ERROR", 10)  # beyond a system limit: a rank above 15
# Dyalog has no AXIS ERROR (PRG/error-messages/apl-errors lists none): an axis that does not fit
# the function or its arguments is reported as RANK ERROR ("Invalid axis", ⎕EN 4).
AxisError = type("AxisError", (RankError,), {"__doc__": "An invalid axis: Dyalog's RANK ERROR."})
Interrupt = _error("INTERRUPT", 1003)
# native files (Dyalog's Programming Reference, error-messages/apl-errors: the numbers are ⎕EN's)
FileAccessError = _error("FILE ACCESS ERROR", 19)
FileNameError = _error("FILE NAME ERROR", 22)
FileSystemNoSpace = _error("FILE SYSTEM NO SPACE", 34)

BY_NAME = {
    cls.name: cls
    for cls in (SyntaxError_, IndexError_, RankError, LengthError, ValueError_, FormatError, WSFull,
                DomainError, NonceError, LimitError, Interrupt, FileAccessError, FileNameError,
                FileSystemNoSpace)
}
