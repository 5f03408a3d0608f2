"""The translator: generated PyTorch agrees with the interpreter, is clean code, and refuses
what it cannot translate exactly."""
import ast as pyast
import shutil
import subprocess
import sys

import numpy as np
import pytest
from apl_values import run_translated
from conformance import canon, difference, load_cases
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import apl
from apl.translate import translate

torch = pytest.importorskip("torch")


def numeric_cases():
    """Cases whose value is simple numeric and whose source has no character data."""
    out = []
    for c in load_cases():
        exp = c["expect"]
        if "error" in exp or "'" in c["expr"]:
            continue
        if all(not isinstance(x, (dict, str)) for x in exp["ravel"]):
            out.append(c)
    return out


NUMERIC = numeric_cases()


def test_conformance_cases_agree_and_most_are_accepted():
    accepted, disagreements = 0, []
    for c in NUMERIC:
        try:
            src = translate(c["expr"])
        except apl.APLError as e:
            assert e.name == "NONCE ERROR", (c["expr"], str(e))
            continue
        accepted += 1
        d = difference(canon(run_translated(src)), c["expect"])
        if d:
            disagreements.append((c["id"], c["expr"], d))
    assert disagreements == []
    share = accepted / len(NUMERIC)
    print(f"translator accepts {accepted}/{len(NUMERIC)} numeric cases ({share:.0%}); all agree")
    assert share >= 0.95


def generated_modules():
    srcs = []
    for c in [c["expr"] for c in NUMERIC] + EXAMPLES:
        try:
            srcs.append(translate(c))
        except apl.APLError:
            pass
    return srcs


EXAMPLES = [
    "{(+/,⍵×⍵)*0.5}", "X+.×Y", "(+/÷≢)", "+/", "{⍵≤1:⍵ ⋄ (∇⍵-1)+∇⍵-2}", "{e÷+/e←*⍵-⌈/⍵}",
    "{⍵÷+/⍵}⍤1", "∘.=⍨⍳5", "f←{⍵×2} ⋄ g←{⍺+f ⍵}", "{⍺←2 ⋄ ⍺*⍵}", "x∆y+if", "{1+⍵}¨⍳3",
    "(2=+⌿0=∘.|⍨⍳n)/⍳n", "M∨.∧N", "{⍵×2}⍣3⊢1", "{x←⍵ ⋄ x←x+1 ⋄ x×2}", "{g←{⍵+1} ⋄ h←{⍵×2} ⋄ g h ⍵}",
    " ".join(str(i) for i in range(1, 41)) + "+1", " ".join(f"{i}.5" for i in range(1, 30)),
    # dyadic ⍤, n-wise reduction, ⍷, ⌸, dops, ?
    "1 2 3 +⍤1 0 ⊢ 4 5", "(2 3⍴⍳6) {⍺,⍵}⍤1 0 ⊢ 7 8", "{⍺ {⍺×⍵}⍤0 1 ⊢ ⍵}", "3 +/⍳5", "¯2 -/⍳5",
    "2 +⌿ 3 3⍴⍳9", "{2 ⌈/⍵}", "2 {⍺+⍵}/⍳5", "1 2⍷1 2 3 1 2", "{⍺⍷⍵}", "{⍺,≢⍵}⌸3 1 3 3",
    "1 2 1{⍺,+/⍵}⌸10.5 20 30", "1 1 2{⍺+⍵[1]}⌸5 6 7", "1 2 1 2{⌈/⍵}⌸5 9 7 1", "1 2 1{+⌿⍵}⌸3 2⍴⍳6",
    "1 2 1 {+/⍵}⌸1 0 1=1", "{⍺{+/⍵}⌸⍵}", "on←{(⍵⍵ ⍺)⍺⍺(⍵⍵ ⍵)} ⋄ 3 +on| ¯4", "3{⍺⍺+⍵}4",
    "pow←{⍵≤0:⍺ ⋄ (⍺⍺ ⍺)∇ ⍵-1} ⋄ 1 (2∘×)pow 5", "{op←{⍺⍺ ⍵+1} ⋄ -op ⍵}", "?6", "?0", "?3 4 0", "5?10",
    "{⍺?⍵}", "{?⍵}", "1 ¯2 1/1 2 3",
]


def _ruff():
    exe = shutil.which("ruff") or str(__import__("pathlib").Path(sys.executable).with_name("ruff"))
    try:
        subprocess.run([exe, "--version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("ruff is not installed")
    return exe


def test_generated_code_passes_ruff_check_and_format(tmp_path):
    ruff = _ruff()
    for i, src in enumerate(generated_modules()):
        (tmp_path / f"m{i}.py").write_text(src, encoding="utf-8")
    check = subprocess.run([ruff, "check", "--isolated", "--select", "E,F,W,B,UP,RUF", "--ignore",
                            "RUF001,RUF002,RUF003", str(tmp_path)],
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run([ruff, "format", "--isolated", "--check", str(tmp_path)], capture_output=True, text=True,
                         check=False)
    assert fmt.returncode == 0, fmt.stdout


def test_generated_code_never_evaluates_code_and_imports_only_torch():
    for src in generated_modules():
        tree = pyast.parse(src)
        for node in pyast.walk(tree):
            if isinstance(node, pyast.Name):
                assert node.id not in ("eval", "exec", "compile", "__import__", "open"), src
            if isinstance(node, (pyast.Import, pyast.ImportFrom)):
                assert [a.name for a in node.names] == ["torch"], src


def test_idiomatic_renderings():
    # where the arguments' types, shapes and magnitudes are known (here from literals), torch's
    # own operations are exact: they are used as they are
    assert "torch.linalg.norm(" in translate("v←3 4 ⋄ (+/,v×v)*0.5")
    assert "torch.linalg.norm(" in translate("m←2 2⍴3 0 0 4 ⋄ (+/,×⍨m)*0.5")
    assert " @ " in translate("(2 2⍴⍳4)+.×2 2⍴⍳4")
    assert "torch.outer(" in translate("∘.×⍨⍳5")
    assert ".sum(dim=-1)" in translate("+/2 3⍴⍳6")
    assert ".sum(dim=0)" in translate("+⌿2 3⍴⍳6")
    assert ".flip(-1)" in translate("⌽⍳5")
    assert ".mean()" in translate("(+/÷≢)1 2 3 4")
    assert "for _ in range(3):" in translate("{⍵×2}⍣3⊢1")
    src = translate("{⍵≤1:⍵ ⋄ (∇⍵-1)+∇⍵-2}", name="fib")
    assert "def fib(omega, alpha=None):" in src and "fib(minus(omega, 1))" in src
    assert run_translated(src, torch.tensor(10), name="fib") == 55


def test_arguments_known_only_at_run_time_go_through_the_modules_own_functions():
    # a dfn's arguments may be of any type and shape: the module's functions (plus, total …)
    # check what APL checks and compute what it computes
    src = translate("{(+/⍵)÷≢⍵}")
    assert "def total(" in src and "divide = pervasive(" in src and "class APLError(ValueError):" in src
    assert run_translated(src, torch.tensor([1, 2, 3, 4])) == 2.5
    assert run_translated(src, torch.zeros(0)) == 1  # 0÷0 is 1 in APL
    with pytest.raises(ValueError, match="^DOMAIN ERROR"):
        run_translated(translate("{⍵÷0}"), torch.tensor(1.0))


def test_contract_for_expressions_dfns_and_derived_functions():
    src = translate("X+.×Y")
    a, b = torch.arange(6.0).reshape(2, 3), torch.arange(6.0).reshape(3, 2)
    assert torch.equal(run_translated(src, a, b), a @ b)
    assert "def f(X, Y):" in src
    src = translate("Y×X+Y", name="g")
    assert "def g(Y, X):" in src  # free names in order of first appearance
    src = translate("{⍺-⍵}")
    assert run_translated(src, torch.tensor(3), torch.tensor(10)) == 7
    src = translate("-/")
    assert run_translated(src, torch.tensor([1, 2, 3])) == 2
    with pytest.raises(TypeError):
        run_translated(src, torch.tensor([1, 2, 3]), torch.tensor(1))
    src = translate("f←{⍵×2} ⋄ g←{⍺+f ⍵}")
    assert "def f(omega, alpha=None):" in src and "def g(omega, alpha=None):" in src
    assert run_translated(src, torch.tensor(3), torch.tensor(1), name="g") == 7
    src = translate("{a b←⍵ ⋄ a-b}")  # strand assignment is Python's unpacking
    assert "a, b = omega" in src
    assert run_translated(src, [torch.tensor(5), torch.tensor(3)]) == 2
    assert run_translated(src, torch.tensor([9, 4])) == 5
    src = translate("double←{⍵×2}")  # one definition alone keeps its name
    assert "def double(omega, alpha=None):" in src
    assert run_translated(src, torch.tensor(4), name="double") == 8


def test_names_become_safe_identifiers():
    src = translate("x∆y+if×⍙z")
    assert "def f(x_delta_y, if_, deltaunderbar_z):" in src
    assert run_translated(src, torch.tensor(1), torch.tensor(2), torch.tensor(3)) == 7


def test_source_text_cannot_escape_the_docstring():
    src = translate('1+2 ⍝ """ + __import__("os").system("echo hi") + """')
    tree = pyast.parse(src)
    calls = [n.func for n in pyast.walk(tree) if isinstance(n, pyast.Call)]
    assert all(not (isinstance(c, pyast.Name) and c.id == "__import__") for c in calls)
    assert run_translated(src) == 3


@pytest.mark.parametrize("src, what", [
    ("'abc'", "characters"),
    ("(1 2)(3 4)", "nested"),
    ("{⍺⍺ ⍺⍺ ⍵}", "operator"),
    ("{⍺+/⍵}", "n-wise"),
    ("+⍤(⍳2)", "⍤"),
    ("{0::1 ⋄ ÷⍵}", "error guards"),
    ("⍵+1", "⍵ outside a dfn"),
])
def test_untranslatable_constructs_are_refused_with_a_nonce_error(src, what):
    with pytest.raises(apl.APLError) as info:
        translate(src)
    assert info.value.name == "NONCE ERROR"
    assert what in str(info.value)
    assert "∧" in str(info.value).splitlines()[-1]  # a caret under the place


# ------------------------------------------------------------------ random inputs
DFNS = [
    "{(+/,⍵×⍵)*0.5}", "{e÷+/e←*⍵-⌈/⍵}", "{(+/⍵)÷≢⍵}", "{⍵×⍵}", "{(⍵>2)×⍵}", "{⍵[⍒⍵]}", "{⍵÷+/⍵}", "+/", "⌈/", "×/",
    "{⍵-⌊/⍵}", "{⌽⍵}", "{⍵[⍋⍵]}", "+\\", "{1+⍵*2}", "{(⍵-m)÷1+(+/(⍵-m)*2)*0.5⊣m←(+/⍵)÷≢⍵}", "{|⍵-1}",
]
VECTORS = arrays(np.float64, st.integers(1, 8), elements=st.floats(0.25, 5, allow_nan=False, width=32))


@pytest.mark.parametrize("dfn", DFNS)
@settings(max_examples=25, deadline=None)
@given(v=VECTORS)
def test_translated_dfns_agree_with_the_interpreter(dfn, v):
    try:
        want = apl.evaluate(f"({dfn}) V", V=v)
    except apl.APLError:
        return
    src = translate(dfn)
    got = run_translated(src, torch.tensor(v))
    assert np.allclose(np.asarray(got.detach()), want, rtol=1e-9, atol=1e-12)


MATRICES = arrays(np.int64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=st.integers(0, 1))


@settings(max_examples=30, deadline=None)
@given(m=MATRICES)
def test_boolean_and_tropical_matrix_products_agree(m):
    for expr in ("M∨.∧⍉M", "M+.×⍉M", "M⌈.+⍉M", "+/M", "+⌿M", "⌽M", "⍉M"):
        want = apl.evaluate(expr, M=m)
        got = run_translated(translate(expr), torch.tensor(m))
        assert np.array_equal(np.asarray(got), np.asarray(want).astype(np.asarray(got).dtype)), expr


INT_VECTORS = arrays(np.int64, st.integers(1, 8), elements=st.integers(1, 9))


@pytest.mark.parametrize("dfn", DFNS + ["{⍵*0.5}", "{⍵×0.1}", "{0.5⌈⍵}", "{2*⍵÷4}"])
@settings(max_examples=15, deadline=None)
@given(v=INT_VECTORS)
def test_translated_dfns_keep_double_precision_on_integer_inputs(dfn, v):
    want = apl.evaluate(f"({dfn}) V", V=v)
    got = run_translated(translate(dfn), torch.tensor(v))
    assert got.dtype not in (torch.float32, torch.float16), dfn
    assert np.allclose(np.asarray(got.detach()), want, rtol=1e-12, atol=1e-12)
