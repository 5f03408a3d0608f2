"""A tradfn's control structures (:If :While :Repeat :For :Select :Trap …) as a flat list of steps
with jumps, so that → can go to any line, as in Dyalog, and the runtime's loop stays simple.

Each step is one of:
  expr s          run statement s (its value is shown unless shy)
  branch s        → s: go to the line s gives, go on (empty), or leave (0, or no such line)
  jf s t / jt s t evaluate the condition s (a boolean scalar); go to t if it is false / true
  jump t          go to t
  for s k / next k t   :For: s gives the items (loop k); next assigns the next one or goes to t
  select s k      :Select: keep the value of s (slot k)
  case s k t      :Case / :CaseList: go on if the kept value matches, else go to t
  trap s k        :Trap: the error numbers of trap k (its body follows)
  return          leave the function
"""
from __future__ import annotations

from ..errors import NonceError, Span, SyntaxError_
from ..records import Factory, record


@record(frozen=False)
class Step:
    op: str
    line: int
    statement: object = None
    target: int = -1
    slot: int = -1
    names: tuple = ()
    each: bool = False
    caselist: bool = False


@record
class Trap:
    """:Trap k: its body is steps [start, end); an error there whose number is in its list goes
    to the first handler (codes statement or None for :Else, :CaseList?, step) that takes it, or
    to `end` when it has none."""

    slot: int
    start: int
    end: int
    handlers: tuple
    after: int


@record
class Program:
    steps: tuple
    line_starts: tuple  # line n (1…) starts at step line_starts[n]; len(steps) past the end
    labels: dict
    traps: tuple  # innermost first
    lines: int


@record(frozen=False)
class _Block:
    word: str
    line: int
    top: int = -1  # a loop's first step (where :Continue and the loop's end go)
    leaves: list = Factory(list)
    continues: list = Factory(list)
    false: list = Factory(list)  # :If's and :While's jumps taken when the condition fails
    ends: list = Factory(list)  # jumps to the end of the structure
    next_case: int = -1  # :Select's jump past the last :Case when it does not match
    seen_else: bool = False
    slot: int = -1
    handlers: list = Factory(list)
    body_end: int = -1
    seen_case: bool = False


@record(frozen=False)
class _Group:
    """A condition with its :AndIf / :OrIf parts: jumps taken when it is false or true."""

    block: object
    false: list = Factory(list)
    true: list = Factory(list)
    mode: str = ""  # "and" or "or" once a second part comes
    until: bool = False


_LOOPS = ("while", "repeat", "for")
_ENDS = {"endif": "if", "endwhile": "while", "endrepeat": "repeat", "endfor": "for",
         "endselect": "select", "endtrap": "trap", "endsection": "section", "endhold": "hold",
         "endwith": "with"}
_NONCE = {"with": ":With (a namespace as the context)", "hold": ":Hold (tokens)",
          "disposable": ":Disposable (.NET objects)", "implements": ":Implements", "access": ":Access"}
_KNOWN = {"", "if", "elseif", "andif", "orif", "else", "while", "until", "repeat", "for", "select",
          "case", "caselist", "trap", "leave", "continue", "return", "goto", "section", "end",
          *_ENDS}


class _Builder:
    def __init__(self, span: Span | None):
        self.steps: list[Step] = []
        self.blocks: list[_Block] = []
        self.group: _Group | None = None
        self.traps: list[Trap] = []
        self.slots = 0
        self.span = span

    def error(self, line: int, message: str):
        err = SyntaxError_(f"line {line}: {message}", self.span)
        err.definition_line = line  # ⎕FX gives it
        return err

    def emit(self, op: str, line: int, **fields) -> int:
        self.steps.append(Step(op, line, **fields))
        return len(self.steps) - 1

    def here(self) -> int:
        return len(self.steps)

    def patch(self, jumps, target: int | None = None):
        target = self.here() if target is None else target
        for j in jumps:
            self.steps[j].target = target
        jumps.clear()

    def slot(self) -> int:
        self.slots += 1
        return self.slots - 1

    def top(self, line, *words) -> _Block:
        if not self.blocks or self.blocks[-1].word not in words:
            opened = self.blocks[-1].word if self.blocks else None
            raise self.error(line, f"this control word belongs to :{'/:'.join(w.capitalize() for w in words)}"
                             + (f", inside :{opened.capitalize()}" if opened else ", and none is open"))
        return self.blocks[-1]

    def condition(self, seg, block, until=False, target=-1) -> None:
        if seg.statement is None:
            raise self.error(seg.line, f":{seg.word.capitalize()} needs a condition")
        self.group = _Group(block, until=until)
        self.group.false.append(self.emit("jf", seg.line, statement=seg.statement, target=target))

    def more_condition(self, seg) -> None:
        group = self.group
        if group is None:
            raise self.error(seg.line, f":{seg.word.capitalize()} follows a condition (:If, :While, :Until…)")
        if seg.statement is None:
            raise self.error(seg.line, f":{seg.word.capitalize()} needs a condition")
        mode = "and" if seg.word == "andif" else "or"
        if group.mode and group.mode != mode:
            raise self.error(seg.line, ":AndIf and :OrIf do not mix in one condition")
        group.mode = mode
        if mode == "or":  # the part before, when true, goes to the body
            last = group.false.pop()
            self.steps[last].op = "jt"
            group.true.append(last)
        group.false.append(self.emit("jf", seg.line, statement=seg.statement,
                                     target=group.block.top if group.until else -1))

    def close_group(self) -> None:
        group, self.group = self.group, None
        if group is None:
            return
        self.patch(group.true)
        block = group.block
        if group.until:
            self.patch(group.false, block.top)
            self.end_loop(block)
        else:
            block.false.extend(group.false)

    def end_loop(self, block) -> None:
        self.patch(block.leaves)
        self.patch(block.false)

    def segment(self, seg) -> None:
        word = seg.word
        if word not in _KNOWN:
            if word in _NONCE:
                raise NonceError(f"line {seg.line}: {_NONCE[word]} is not supported", self.span)
            raise self.error(seg.line, f":{word} is not a control word")
        if word in ("andif", "orif"):
            self.more_condition(seg)
            return
        self.close_group()
        handler = getattr(self, "w_" + (word or "plain"), None)
        if handler is None:
            self.w_end_named(seg)
        else:
            handler(seg)

    # -------------------------------------------------------- each control word
    def w_plain(self, seg):
        if seg.statement is None:
            return
        if self.blocks and self.blocks[-1].word == "select" and not self.blocks[-1].seen_case:
            raise self.error(seg.line, "statements in a :Select come after a :Case")
        op = "branch" if seg.statement.kind == "branch" else "expr"
        self.emit(op, seg.line, statement=seg.statement)

    def w_if(self, seg):
        block = _Block("if", seg.line)
        self.blocks.append(block)
        self.condition(seg, block)

    def w_elseif(self, seg):
        block = self.top(seg.line, "if")
        if block.seen_else:
            raise self.error(seg.line, ":ElseIf comes before :Else")
        block.ends.append(self.emit("jump", seg.line))
        self.patch(block.false)
        self.condition(seg, block)

    def w_else(self, seg):
        block = self.top(seg.line, "if", "select", "trap")
        if block.seen_else:
            raise self.error(seg.line, f"a second :Else in one :{block.word.capitalize()}")
        if block.word == "trap":
            self.handler(seg, block, None)
        else:
            block.ends.append(self.emit("jump", seg.line))
            if block.word == "if":
                self.patch(block.false)
            else:
                if not block.seen_case:
                    raise self.error(seg.line, ":Else in a :Select comes after a :Case")
                self.patch([block.next_case])
        block.seen_else = True

    def w_while(self, seg):
        block = _Block("while", seg.line, top=self.here())
        self.blocks.append(block)
        self.condition(seg, block)

    def w_repeat(self, seg):
        self.blocks.append(_Block("repeat", seg.line, top=self.here()))

    def w_until(self, seg):
        block = self.top(seg.line, "while", "repeat")
        self.blocks.pop()
        self.patch(block.continues)
        self.condition(seg, block, until=True, target=block.top)

    def w_for(self, seg):
        if seg.statement is None:
            raise self.error(seg.line, ":For … :In needs what it runs over")
        slot = self.slot()
        self.emit("for", seg.line, statement=seg.statement, slot=slot, names=seg.names, each=seg.each)
        block = _Block("for", seg.line, top=self.here(), slot=slot)
        block.false.append(self.emit("next", seg.line, slot=slot, names=seg.names, each=seg.each))
        self.blocks.append(block)

    def w_select(self, seg):
        if seg.statement is None:
            raise self.error(seg.line, ":Select needs a value")
        slot = self.slot()
        self.emit("select", seg.line, statement=seg.statement, slot=slot)
        self.blocks.append(_Block("select", seg.line, slot=slot))

    def w_case(self, seg):
        block = self.top(seg.line, "select", "trap")
        if block.seen_else:
            raise self.error(seg.line, f":{seg.word.capitalize()} comes before :Else")
        if seg.statement is None:
            raise self.error(seg.line, f":{seg.word.capitalize()} needs a value")
        if block.word == "trap":
            self.handler(seg, block, seg.statement)
            return
        if block.seen_case:
            block.ends.append(self.emit("jump", seg.line))
            self.patch([block.next_case])
        block.seen_case = True
        block.next_case = self.emit("case", seg.line, statement=seg.statement, slot=block.slot,
                                    caselist=seg.word == "caselist")

    w_caselist = w_case

    def w_trap(self, seg):
        if seg.statement is None:
            raise self.error(seg.line, ":Trap needs the error numbers it takes")
        slot = self.slot()
        self.emit("trap", seg.line, statement=seg.statement, slot=slot)
        self.blocks.append(_Block("trap", seg.line, top=self.here(), slot=slot))

    def handler(self, seg, block, codes):
        block.ends.append(self.emit("jump", seg.line))
        if block.body_end < 0:
            block.body_end = block.ends[-1]
        block.handlers.append((codes, seg.word == "caselist", self.here()))

    def w_leave(self, seg):
        self.loop(seg).leaves.append(self.emit("jump", seg.line))

    def w_continue(self, seg):
        self.loop(seg).continues.append(self.emit("jump", seg.line))

    def loop(self, seg) -> _Block:
        for block in reversed(self.blocks):
            if block.word in _LOOPS:
                return block
        raise self.error(seg.line, f":{seg.word.capitalize()} is only inside a loop")

    def w_return(self, seg):
        self.emit("return", seg.line)

    def w_goto(self, seg):
        if seg.statement is None:
            raise self.error(seg.line, ":GoTo needs a line")
        self.emit("branch", seg.line, statement=seg.statement)

    def w_section(self, seg):
        self.blocks.append(_Block("section", seg.line))

    def w_end_named(self, seg):
        """:End, :EndIf, :EndWhile …: close the innermost structure (of that kind)."""
        if seg.word not in _ENDS and seg.word != "end":
            return
        if not self.blocks:
            raise self.error(seg.line, f":{seg.word.capitalize()} closes nothing")
        block = self.blocks[-1]
        if seg.word != "end" and _ENDS[seg.word] != block.word:
            raise self.error(seg.line, f":{seg.word.capitalize()} closes the :{block.word.capitalize()} "
                             f"of line {block.line}")
        self.blocks.pop()
        self.close(block, seg.line)

    def close(self, block, line) -> None:
        word = block.word
        if word == "if":
            self.patch(block.false)
            self.patch(block.ends)
        elif word in ("while", "repeat", "for"):
            self.patch(block.continues, block.top)
            self.emit("jump", line, target=block.top)
            self.end_loop(block)
        elif word == "select":
            if block.next_case >= 0 and not block.seen_else:
                self.patch([block.next_case])
            self.patch(block.ends)
        elif word == "trap":
            end = block.body_end if block.body_end >= 0 else self.here()
            self.patch(block.ends)
            self.traps.append(Trap(block.slot, block.top, end, tuple(block.handlers), self.here()))

    def program(self, line_starts, labels, lines) -> Program:
        self.close_group()
        if self.blocks:
            block = self.blocks[-1]
            raise self.error(block.line, f":{block.word.capitalize()} is not closed")
        for step in self.steps:
            if step.op in ("jf", "jt", "jump", "next", "case") and step.target < 0:
                raise AssertionError(f"an unresolved jump: {step}")
        starts = [len(self.steps)] * (lines + 2)
        for line in range(lines, 0, -1):
            starts[line] = line_starts.get(line, starts[line + 1])
        # traps nest: an inner trap's body lies inside an outer one's, so the shorter comes first
        traps = tuple(sorted(self.traps, key=lambda t: t.end - t.start))
        return Program(tuple(self.steps), tuple(starts), dict(labels), traps, lines)


def build(segments, labels: dict, lines: int, span: Span | None = None) -> Program:
    """The steps of a body given its segments (apl/syntax/tradfn.py)."""
    builder = _Builder(span)
    line_starts: dict[int, int] = {}
    for seg in segments:
        if seg.line not in line_starts and seg.word not in ("andif", "orif"):
            line_starts[seg.line] = builder.here()
        builder.segment(seg)
    return builder.program(line_starts, labels, lines)
