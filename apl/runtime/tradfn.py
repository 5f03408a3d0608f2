"""Traditional functions (∇ definitions): defining them, and calling them as Dyalog does.

A tradfn's names are dynamically scoped: while it runs, its result, arguments, locals and labels
shadow the names of the workspace it lives in (their values are set aside on entry and put back
on leaving), so that the functions it calls see them, as in Dyalog. Its body runs as the steps
that apl/syntax/control.py makes of its control structures; → goes to a line.
"""
from __future__ import annotations

import numpy as np

from .. import arrays as ar
from ..backends import is_array, kind, size
from ..errors import APLError, DomainError, LengthError, NonceError, Span, SyntaxError_, ValueError_
from ..primitives.base import Function, Operator
from ..primitives.table import PRIMITIVES
from ..settings import current
from ..syntax import control
from ..syntax.parser import parse
from ..syntax.tradfn import closes_definition, parse_header, pieces, segments
from .env import Env
from .statements import ClearStack, ShyValue, compiled_statement, use_definer
from .system_variables import setting_fields

_MATCH = PRIMITIVES["≡"]


class Definition:
    """A parsed ∇ definition: its lines (header first, no ∇), header, and steps."""

    def __init__(self, lines: list[str]):
        if not lines or not lines[0].strip():
            raise SyntaxError_("a ∇ definition starts with its header: ∇ r←a f w")
        self.lines = [line.rstrip() for line in lines]
        self.text = "\n".join(self.lines)
        span = Span(self.text, 0, len(self.lines[0]))
        self.header = parse_header(self.lines[0], span)
        try:
            segs, labels, self.body = segments(self.lines[1:], span)
        except SyntaxError_ as e:
            raise self._placed(e) from None
        for label in labels:
            if label in self.header.names or label == self.header.name:
                raise SyntaxError_(f"the label {label} is also a name of the header", span)
        self.labels = labels
        try:
            self.program = control.build(segs, labels, len(self.lines) - 1, span)
        except SyntaxError_ as e:
            raise self._placed(e) from None
        self.line_spans = _line_spans(self.body)

    def original(self, span: Span) -> Span:
        """A span of the parsed body (control words and labels blanked) as the same place in the
        definition as written: the lines are the same length, but for the header's."""
        if span.text is not getattr(self, "body", None) and not span.text.startswith("\n"):
            return span
        shift = len(self.lines[0])
        return Span(self.text, span.start + shift, span.end + shift)

    def _placed(self, err: SyntaxError_) -> SyntaxError_:
        """An error in the definition, its span on the line it is about, as written."""
        line = getattr(err, "definition_line", None)
        if err.span is not None and err.span.text.startswith("\n"):
            err.span = self.original(err.span)
        elif line:
            start = sum(len(x) + 1 for x in self.lines[:line])
            indent = len(self.lines[line]) - len(self.lines[line].lstrip())
            err.span = Span(self.text, start + indent, start + max(len(self.lines[line]), indent + 1))
        return err

    @property
    def name(self) -> str:
        return self.header.name

    def source(self) -> str:
        """As a script or a saved workspace writes it: ∇ header, the lines, ∇."""
        return "\n".join(["∇" + self.lines[0], *self.lines[1:], "∇"])


def _line_spans(body: str) -> list[Span]:
    """A span at the start of each line of the parsed body, for errors no statement holds."""
    spans, start = [], 0
    for line in body.split("\n"):
        spans.append(Span(body, start, start + max(len(line), 1)))
        start += len(line) + 1
    return spans


def definition_lines(piece_lines) -> list[str]:
    """The lines of a ∇ … ∇ piece without its ∇s (the first line's ∇ and a closing ∇ line)."""
    lines = list(piece_lines)
    first = lines[0].lstrip()[1:]
    body = lines[1:]
    if body and closes_definition(body[-1]):
        body = body[:-1]
    return [first.strip(), *body]


def define(env: Env, piece_lines) -> "TradFunction | TradOperator | Niladic":
    """Fix the definition (∇ … ∇ lines) in the workspace env; return what the name now holds."""
    defn = Definition(definition_lines(piece_lines))
    return fix(env, defn)


def fix(env: Env, defn: Definition):
    root = env
    while root.parent is not None:
        root = root.parent
    h = defn.header
    if h.left_operand is not None:
        value = TradOperator(defn, root)
    elif h.right is None:
        if h.left is not None:
            raise SyntaxError_(f"{h.name} has a left argument and no right one")
        value = Niladic(TradFunction(defn, root))
    else:
        value = TradFunction(defn, root)
    root.vars[h.name] = value
    return value


class TradFunction(Function):
    """A ∇ function (also what a ∇ operator derives, its operands bound)."""

    name_class = 3.1

    def __init__(self, defn: Definition, env: Env, operands=None, operator=None):
        self.defn = defn
        self.env = env
        self.operands = operands
        self.operator = operator
        self.node = _BodyNode(Span(defn.body, 0, len(defn.body)))  # where errors count lines from
        h = defn.header
        self.shy = h.shy
        names = [n for n in h.names if not n.startswith("⎕")] + list(defn.labels)
        self._locals = tuple(dict.fromkeys(names))
        self._system_locals = tuple(n for n in h.locals if n.startswith("⎕"))

    # ---------------------------------------------------------------- as a function
    def describe(self) -> str:
        return self.defn.source()

    def name_in(self, env) -> str:
        return (self.operator or self).defn.name

    def __repr__(self):
        return f"<APL tradfn {self.defn.name}>"

    def monad(self, w):
        return self._value(self.call(None, w))

    def dyad(self, a, w):
        if self.defn.header.left is None:
            raise SyntaxError_(f"{self.defn.name} takes no left argument")
        return self._value(self.call(a, w))

    def _value(self, r):
        if r is None:
            raise ValueError_(f"{self.defn.name} gives no result")
        return r

    # ---------------------------------------------------------------- a call
    def call(self, a, w):
        """Run the function; its result, or None when it has none (or did not set it)."""
        env, h = self.env, self.defn.header
        saved = [(n, env.vars.pop(n, None)) for n in self._locals]
        settings = current()
        saved_settings = {f: getattr(settings, f) for n in self._system_locals for f in setting_fields(n)}
        try:
            if w is not None:
                _bind(env, h.right, w)
            if a is not None:
                _bind(env, h.left, a)
            if self.operands is not None:
                env.vars[h.left_operand] = self.operands[0]
                if h.right_operand is not None:
                    env.vars[h.right_operand] = self.operands[1]
            for label, line in self.defn.labels.items():
                env.vars[label] = np.array(line, dtype=ar.INT)
            self._run(env)
            return self._result(env)
        finally:
            for name, value in saved:
                if value is None:
                    env.vars.pop(name, None)
                else:
                    env.vars[name] = value
            for field, value in saved_settings.items():
                setattr(settings, field, value)

    def _result(self, env):
        res = self.defn.header.result
        if res is None:
            return None
        if isinstance(res, tuple):
            values = [env.vars.get(n) for n in res]
            if any(v is None for v in values):
                return None
            return ar.from_items([ar.box(v) for v in values], (len(values),))
        v = env.vars.get(res)
        if v is not None and not (type(v) is np.ndarray or is_array(v)):
            raise DomainError(f"{self.defn.name}'s result {res} is not an array")
        return v

    def _run(self, env) -> None:
        program = self.defn.program
        steps, n = program.steps, len(program.steps)
        slots: dict = {}
        pc = 0
        while pc < n:
            step = steps[pc]
            try:
                pc = _STEPS[step.op](self, step, env, slots, pc)
            except APLError as e:
                pc = self._trapped(e, env, slots, pc, step)

    def _trapped(self, err: APLError, env, slots, pc, step) -> int:
        for trap in self.defn.program.traps:
            if not trap.start <= pc < trap.end or trap.slot not in slots:
                continue
            if not _catches(slots[trap.slot], err):
                continue
            del slots[trap.slot]
            if env.session is not None:
                env.session.last_error = err
            for codes, caselist, start in trap.handlers:
                if codes is None:
                    return start
                if _catches(_codes(_evaluate(codes, env)), err):
                    return start
            return trap.after
        span = step.statement.span if step.statement is not None else self.defn.line_spans[step.line]
        err.with_span(span)
        if err.span.text is self.defn.body:  # show the line as written, control word and all
            err.span = self.defn.original(err.span)
        err.leaving(self, self.env, span)
        raise err


class _BodyNode:
    """What the error frames read of a function: the span its lines are counted from."""

    __slots__ = ("span",)

    def __init__(self, span):
        self.span = span


class Niladic:
    """A ∇ function without arguments: its name stands for the value it gives when called."""

    name_class = 3.1

    def __init__(self, fn: TradFunction):
        self.fn = fn

    def describe(self) -> str:
        return self.fn.describe()

    @property
    def defn(self) -> Definition:
        return self.fn.defn

    def value(self):
        return self.fn.call(None, None)


class TradOperator(Operator):
    """A ∇ operator, `r←a (ll op rr) w`: its derived functions are tradfns with the operands
    bound to ll and rr."""

    name_class = 4.1

    def __init__(self, defn: Definition, env: Env):
        self.defn = defn
        self.env = env
        self.arity = 2 if defn.header.right_operand is not None else 1

    def derive(self, left, right=None, axis=None):
        if axis is not None:
            raise NonceError(f"{self.defn.name} takes no axis")
        if self.arity == 2 and right is None:
            raise SyntaxError_(f"{self.defn.name} needs a right operand")
        return TradFunction(self.defn, self.env, (left, right), operator=self)

    def describe(self) -> str:
        return self.defn.source()

    def __repr__(self):
        return f"<APL tradop {self.defn.name}>"


# -------------------------------------------------------------------- steps
def _bind(env, names, value) -> None:
    """An argument to its name, or a strand of names (w must have that many items)."""
    if not isinstance(names, tuple):
        env.vars[names] = value
        return
    if value.ndim > 1 or (value.ndim == 1 and size(value) != len(names)):
        raise LengthError(f"the header takes {len(names)} items: ({' '.join(names)})")
    items = ar.unboxed_items(value) if value.ndim == 1 else [value] * len(names)
    for name, item in zip(names, items):
        env.vars[name] = item


def _evaluate(stmt, env):
    c = compiled_statement(stmt, env, False)
    if c.kind != "expr":
        raise SyntaxError_("a guard (:) is only allowed inside a dfn", stmt.span)
    v = c.run(env)
    if type(v) is ShyValue:
        v = v.value
    if v is None:
        raise ValueError_("this gives no value", stmt.span)
    return v


def _expr(fn, step, env, slots, pc):
    c = compiled_statement(step.statement, env, False)
    if c.kind == "branch":
        return _branch(fn, step, env, slots, pc)
    if c.kind != "expr":
        raise SyntaxError_("a guard (:) is only allowed inside a dfn", step.statement.span)
    v = c.run(env)
    if not c.shy and v is not None and type(v) is not ShyValue and env.session is not None:
        env.session.output(v)  # a tradfn shows the value of a line that does not assign it
    return pc + 1


def _branch(fn, step, env, slots, pc):
    c = compiled_statement(step.statement, env, False)
    if c.run is None:
        raise ClearStack()
    v = c.run(env)
    if size(v) == 0:
        return pc + 1
    if kind(v) not in "biuf":
        raise DomainError("→ takes a line number", step.statement.span)
    x = float(ar.host_values(v).reshape(-1)[0])
    if x != int(x):
        raise DomainError("→ takes a whole line number", step.statement.span)
    line = int(x)
    program = fn.defn.program
    if 1 <= line <= program.lines:
        return program.line_starts[line]
    return len(program.steps)  # → 0, or past the last line: leave


def _condition(v, stmt) -> bool:
    if is_array(v) and size(v) == 1 and kind(v) in "biuf":
        x = float(ar.host_values(v).reshape(-1)[0])
        if x in (0.0, 1.0):
            return x == 1.0
    raise DomainError("a condition is a boolean singleton (0 or 1)", stmt.span)


def _jf(fn, step, env, slots, pc):
    return pc + 1 if _condition(_evaluate(step.statement, env), step.statement) else step.target


def _jt(fn, step, env, slots, pc):
    return step.target if _condition(_evaluate(step.statement, env), step.statement) else pc + 1


def _jump(fn, step, env, slots, pc):
    return step.target


def _for(fn, step, env, slots, pc):
    v = _evaluate(step.statement, env)
    if step.each:
        if v.ndim != 1 or size(v) != len(step.names):
            raise LengthError(f":InEach takes {len(step.names)} arrays, one for each name", step.statement.span)
        columns = [ar.unboxed_items(x) for x in ar.unboxed_items(v)]
        lengths = {len(c) for c in columns}
        if len(lengths) > 1:
            raise LengthError(":InEach runs over arrays of one length", step.statement.span)
        items = list(zip(*columns))
    else:
        items = ar.unboxed_items(v) if v.ndim else [v] if v.dtype != ar.OBJ else ar.unboxed_items(v)
    slots[step.slot] = [0, items]
    return pc + 1


def _next(fn, step, env, slots, pc):
    state = slots[step.slot]
    i, items = state
    if i >= len(items):
        del slots[step.slot]
        return step.target
    state[0] = i + 1
    item = items[i]
    if step.each:
        for name, x in zip(step.names, item):
            env.vars[name] = x
    elif len(step.names) == 1:
        env.vars[step.names[0]] = item
    else:
        _bind(env, step.names, item)
    return pc + 1


def _select(fn, step, env, slots, pc):
    slots[step.slot] = _evaluate(step.statement, env)
    return pc + 1


def _case(fn, step, env, slots, pc):
    v = _evaluate(step.statement, env)
    chosen = slots[step.slot]
    candidates = ar.unboxed_items(v) if step.caselist else [v]
    for c in candidates:
        if bool(ar.host_values(_MATCH.dyad(c, chosen)).reshape(-1)[0]):
            return pc + 1
    return step.target


def _trap(fn, step, env, slots, pc):
    slots[step.slot] = _codes(_evaluate(step.statement, env))
    return pc + 1


def _return(fn, step, env, slots, pc):
    return len(fn.defn.program.steps)


_STEPS = {"expr": _expr, "branch": _branch, "jf": _jf, "jt": _jt, "jump": _jump, "for": _for,
          "next": _next, "select": _select, "case": _case, "trap": _trap, "return": _return}


def _codes(v) -> list[int]:
    if kind(v) not in "biuf" or v.ndim > 1:
        raise DomainError(":Trap and its :Case take error numbers")
    return [int(x) for x in ar.int_list(v.reshape(-1), ":Trap")]


def _catches(codes, err: APLError) -> bool:
    if not getattr(err, "trappable", True):
        return False
    return err.code in codes or (0 in codes and err.code < 1000)


def definition_of(value) -> Definition | None:
    """The ∇ definition a name's value is (not a function an operator derived), or None."""
    if isinstance(value, (Niladic, TradOperator)) or (isinstance(value, TradFunction) and value.operands is None):
        return value.defn
    return None


def check_text(text: str) -> None:
    """Parse every statement and ∇ definition of a text without running it (what )load checks
    first); an error says its line in the text (`file_line`)."""
    for piece in pieces(text):
        try:
            if piece.kind == "code":
                parse("\n" * piece.first + piece.text)
            elif not piece.closed:
                raise SyntaxError_("a ∇ definition ends with a line holding ∇")
            else:
                lines = definition_lines(piece.lines)
                try:
                    Definition(lines)
                except SyntaxError_ as e:
                    e.file_line = piece.first + 1 + _line_in_error(e, lines)
                    raise
        except SyntaxError_ as e:
            if getattr(e, "file_line", None) is None:
                span = e.span
                e.file_line = span.text.count("\n", 0, span.start) + 1 if span is not None and \
                    piece.kind == "code" else piece.first + 1
            raise


# -------------------------------------------------------------------- ⎕FX ⎕CR ⎕NR
def lines_of(value) -> list[str] | None:
    """The source lines of a defined function or operator (header first, no ∇), or None."""
    if isinstance(value, Niladic):
        value = value.fn
    if isinstance(value, (TradFunction, TradOperator)):
        return list(value.defn.lines)
    describe = getattr(value, "describe", None)
    node = getattr(value, "node", None)
    if describe is not None and node is not None:  # a dfn: its text, as written
        return describe().split("\n")
    return None


def fix_lines(env: Env, lines: list[str]):
    """⎕FX: define from lines; the name, or the index of the first line in error."""
    if lines and lines[0].lstrip().startswith("∇"):
        lines = definition_lines(lines)
    try:
        defn = Definition(lines)
    except SyntaxError_ as e:
        return _line_in_error(e, lines)
    fix(env, defn)
    return defn.name


def _line_in_error(err: SyntaxError_, lines) -> int:
    """Which line (0: the header) a definition's error is on."""
    line = getattr(err, "definition_line", None)
    if line is None and err.span is not None and err.span.text.startswith("\n"):  # in the parsed body
        line = err.span.text.count("\n", 0, err.span.start)
    return min(line or 0, len(lines) - 1)


use_definer(define)

__all__ = ["ClearStack", "Definition", "Niladic", "TradFunction", "TradOperator", "check_text", "define",
           "definition_of", "fix", "fix_lines", "lines_of"]
