"""Every public conformance case, through apl.evaluate, as the shared runner checks it."""
import pytest
from conformance import canon, difference, load_cases

import apl

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    exp = case["expect"]
    if "error" in exp:
        with pytest.raises(apl.APLError) as info:
            apl.evaluate(case["expr"])
        assert info.value.name == exp["error"]
        return
    got = canon(apl.evaluate(case["expr"]))
    assert difference(got, exp) is None, difference(got, exp)
