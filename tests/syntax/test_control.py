"""Control structures as steps (apl/syntax/control.py): which structures are well formed, and
where their jumps go. Their running is tested in tests/runtime/test_tradfn.py."""
import pytest

from apl.errors import NonceError, SyntaxError_
from apl.syntax.control import build
from apl.syntax.tradfn import segments


def program(*lines):
    segs, labels, _ = segments(list(lines), None)
    return build(segs, labels, len(lines))


def ops(*lines):
    return [(s.op, s.target) for s in program(*lines).steps]


def test_if_else_jumps():
    assert ops(":If c", "a", ":Else", "b", ":EndIf") == [("jf", 3), ("expr", -1), ("jump", 4), ("expr", -1)]


def test_or_if_jumps_to_the_body_when_a_part_is_true():
    assert ops(":If a", ":OrIf b", "x", ":EndIf") == [("jt", 2), ("jf", 3), ("expr", -1)]


def test_while_loops_back_and_leaves():
    assert ops(":While c", "x", ":EndWhile") == [("jf", 3), ("expr", -1), ("jump", 0)]


def test_repeat_until_loops_while_false():
    assert ops(":Repeat", "x", ":Until c") == [("expr", -1), ("jf", 0)]


def test_for_loop_steps():
    assert ops(":For i :In v", "x", ":EndFor") == [("for", -1), ("next", 4), ("expr", -1), ("jump", 1)]


def test_leave_and_continue_go_to_the_innermost_loop():
    steps = ops(":For i :In v", ":If c", ":Leave", ":EndIf", ":Continue", ":EndFor")
    assert steps == [("for", -1), ("next", 6), ("jf", 4), ("jump", 6), ("jump", 1), ("jump", 1)]


def test_line_starts_let_branches_land_on_lines():
    p = program("a", ":If c", "b", ":EndIf", "d")
    assert p.line_starts[1:6] == (0, 1, 2, 3, 3)
    assert p.lines == 5


def test_a_trap_covers_its_body_only():
    p = program(":Trap 11", "a", ":Case 3", "b", ":Else", "c", ":EndTrap")
    (trap,) = p.traps
    assert (trap.start, trap.end) == (1, 2)
    assert [h[2] for h in p.traps[0].handlers] == [3, 5]
    assert trap.after == 6


@pytest.mark.parametrize("lines", [
    [":If 1"], [":EndIf"], [":If 1", ":EndWhile"], [":Else"], [":If 1", ":Else", ":Else", ":EndIf"],
    [":Leave"], [":Continue"], [":AndIf 1"], [":If a", ":AndIf b", ":OrIf c", ":EndIf"],
    [":Select 1", "x", ":EndSelect"], [":If"], [":Whatever"], [":For :In 1", ":EndFor"],
    [":If 1", ":Else", ":ElseIf 2", ":EndIf"], [":Until 1"],
])
def test_malformed_structures_are_syntax_errors(lines):
    with pytest.raises(SyntaxError_):
        program(*lines)


@pytest.mark.parametrize("word", [":With ns", ":Hold 'x'"])
def test_unsupported_structures_are_nonce_errors(word):
    with pytest.raises(NonceError):
        program(word, ":End")
