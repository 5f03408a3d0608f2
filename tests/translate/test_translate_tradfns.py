"""The translator refuses tradfns and branches, naming them, with a caret at the ∇ or →."""
import pytest

import apl
from apl.translate import translate


@pytest.mark.parametrize("src, what, caret", [
    ("x←1\n  ∇ r←f x\n r←x+1\n∇\nf 2", "a tradfn", "∇ r←f x"),
    ("→0", "→", "→0"),
])
def test_tradfns_and_branches_are_refused(src, what, caret):
    with pytest.raises(apl.APLError) as e:
        translate(src)
    assert e.value.name == "NONCE ERROR" and what in e.value.message
    line, column = e.value.span.line_and_caret()
    assert line.strip() == caret and line[column] in "∇→"


def test_namespace_expressions_are_refused_by_name():
    with pytest.raises(apl.APLError) as e:
        apl.translate("{⍵.(x+1)}")
    assert e.value.name == "NONCE ERROR" and "namespaces" in str(e.value)
