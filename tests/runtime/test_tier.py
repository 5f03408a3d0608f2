"""The compiling tier (apl/runtime/tier): dfns compiled to Python give exactly what the closure
path gives — values with their types, errors with their places and chains of calls — and what it
does not compile stays on the closure path."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import apl
from apl.runtime import tier
from tests.runtime.tier_harness import both, compiled_state, outcome

FIB = "fib←{⍵≤1:⍵ ⋄ (∇⍵-1)+∇⍵-2}"
ACK = "ack←{⍺=0:⍵+1 ⋄ ⍵=0:(⍺-1)∇1 ⋄ (⍺-1)∇⍺∇⍵-1}"
QS = "qs←{1≥≢⍵:⍵ ⋄ p←⍵[⌈2÷⍨≢⍵] ⋄ (∇(⍵<p)/⍵),((⍵=p)/⍵),∇(⍵>p)/⍵}"

# ---------------------------------------------------------------- the same values
CORPUS = [
    # scalars and recursion
    FIB + " ⋄ fib 20", FIB + " ⋄ fib¨⍳10", FIB + " ⋄ fib 2.5", FIB + " ⋄ fib 1=1",
    ACK + " ⋄ 2 ack 3", ACK + " ⋄ 2 ack¨⍳4",
    QS + " ⋄ qs 5 3 9 1 3 7 2 8", QS + " ⋄ qs 2.5 ¯1 3.25 0", QS + " ⋄ qs ⍬", QS + " ⋄ qs 7",
    "{⍵=0:1 ⋄ ⍵×∇⍵-1}20", "{⍵=0:1 ⋄ ⍵×∇⍵-1}25", "{⍵=0:1 ⋄ ⍵×∇⍵-1}170", "{⍵=0:1 ⋄ ⍵×∇⍵-1}171",
    "{⍺←0 ⋄ ⍵=0:⍺ ⋄ (⍺+⍵)∇⍵-1}1000", "3{⍺←0 ⋄ ⍵=0:⍺ ⋄ (⍺+⍵)∇⍵-1}10",
    "{⍵=0:'done' ⋄ ∇⍵-1}10000", "{⍵≤0:0 ⋄ ⍵>0:∇⍵-1}1000",
    "{0=2|⍵:⌊⍵÷2 ⋄ 1+3×⍵}¨⍳20", "({0=2|⍵:⌊⍵÷2 ⋄ 1+3×⍵}⍣100)27", "{0=2|⍵:⍵÷2 ⋄ 1+3×⍵}¨⍳20",
    # integer overflow becomes float, at every operation
    "{⍵+1}9223372036854775807", "{⍵-1}¯9223372036854775808", "{⍵×⍵}3037000500", "{⍵×2}4611686018427387904",
    "{⍵×¯2}4611686018427387904", "{-⍵}¯9223372036854775808", "{|⍵}¯9223372036854775808",
    "{⍺+⍵}/9223372036854775807 1", "{1+⍵}9223372036854775807", "{⍵+⍵}4611686018427387904",
    "{⍵×⍵}¨2*30 31 32 33", "{(⍵×⍵)+⍵}¨3037000499 3037000500",
    # floats: finite, division, floor and ceiling (tolerant)
    "{⍵×1E300}1E10", "{⍵÷3}10", "{⍵÷0}0", "{⍵÷0}1", "{⌊⍵}2.5 ¯2.5 2.9999999999999996 1E20",
    "{⌊⍵}¨2.5 ¯2.5 2.9999999999999996 1E20 ¯0.5", "{⌈⍵}¨2.5 ¯2.5 2.0000000000000004 1E20 ¯0.5",
    "{⌊⍵÷2}¨⍳10", "{⍵|7}¨3 ¯3 0 2.5", "{7|⍵}¨3 ¯3 0 2.5 ¯7.5", "{0|⍵}5",
    "{⍵⌈3}¨1 5 2.5 (1=1)", "{⍵⌊3}¨1 5 2.5 (1=1)", "{×⍵}¨¯2 0 3 ¯0.5 (1=1)", "{|⍵}¨¯2 0 3 ¯0.5 (1=1)",
    "{-⍵}¨¯2 0 3 ¯0.5 (1=1)", "{~⍵}¨0 1", "{~⍵}2", "{≢⍵}¨1 2.5 (⍳3)",
    # comparisons: exact for small integers, tolerant for floats and large integers
    "{⍵=1E15+1}1E15", "{⍵=1+1E¯15}1", "{⍵<1+1E¯15}1", "{(⍵+1)=⍵}1E15", "{⍵≤⍵+1}1E15",
    "{⍵=3}¨1 2 3 3.0 'a'", "{⍵≠3}¨1 2 3", "{⍵>2}¨1 2 3 2.5", "{⍵≥2}¨1 2 3",
    "{⍵∧1}¨0 1", "{⍵∨0}¨0 1", "{⍵∧6}4", "{⍵∨6}4",
    # booleans meet arithmetic
    "{(⍵=1)+⍵=1}1", "{(⍵=1)-⍵=2}1", "{(⍵=1)×3}1", "{(⍵=1)⌈⍵=2}1",
    # names, assignment, ⍺←, lexical scope, inner dfns, operators, trains
    "{x←⍵ ⋄ y←x×2 ⋄ y+1}3", "{a←⍵}1", "{⍵ ⋄ 2}1", "{a←⍵ ⋄ a+1 ⋄ 99}1",
    "{x←⍵+1 ⋄ {x×⍵}¨⍳3}2", "{f←{⍵×2} ⋄ f ⍵}4", "{f←+/ ⋄ f ⍵}⍳4", "{+/⍵}⍳10", "{(+/⍵)÷≢⍵}1 2 3 4",
    "{⍵,⍵}1 2", "{⍵[2]}5 6 7", "{⍵[⍳2]}5 6 7", "{(⍳⍵)[2]}5", "{⍺ ⍵}/1 2", "{1 ⍵ 3}2", "{⍵ (⍵+1)}2",
    "{(+⌿÷≢)⍵}1 2 3", "{(2×⊢)⍵}3", "{2∘×⍵}3", "{⍵∘.×⍵}⍳3", "{+/,⍵×⍵}2 2⍴⍳4", "{(+/,×⍨⍵)*0.5}3 4",
    "{⍺×⍵}/⍳5", "{⍵>5:'big' ⋄ 'small'}¨3 7", "{⍵}⍨3", "2{⍺}⍨3", "{⍵}{⍵}1", "{⎕IO}0", "{⎕CT}0",
    "{⍵+⎕IO}1", "x←10 ⋄ {x+⍵}5", "x←10 ⋄ {x←⍵ ⋄ x}5", "x←10 ⋄ {y←x ⋄ x←⍵ ⋄ x+y}5",
    "g←{⍵×2} ⋄ {g ⍵}4", "g←× ⋄ {g+g←⍵}3 1 2", "{'abc'[⍵]}2", "{⍵ ⍵}'ab'", "{⍴⍵}2 3⍴⍳6",
    "{1≥≢⍵:⍵ ⋄ ⍵}⍬", "{⍵:1 ⋄ 0}1=1", "{⍵:1 ⋄ 0}0.0", "{⍵:1 ⋄ 0},1",
    "{⍺+⍵}¨/⍳3", "2{⍺-⍵}3", "{⍺-⍵}/3 4 5", "f←{⍵+1} ⋄ f f 1", "{⍵}0⍴0", "{+/⍵}0⍴0",
    "⍬{⍺,⍵}⍬", "{⍺}⍨5", "{(⍺⊣⍵)}/4 5",
    # ⎕← inside a dfn, a dfn that returns a shy value, assignments inside operands
    "{⎕←⍵+1 ⋄ ⍵}1", "{x←⍵+1}1", "{x←5 ⋄ ((x←2)∘×⍵)+x}3", "{(y←+)/⍵}⍳3", "{(x←2)∘×⍵}3",
]


@pytest.mark.parametrize("src", CORPUS)
def test_the_tier_gives_what_the_closure_path_gives(src):
    both(src)


# ---------------------------------------------------------------- the same errors
ERRORS = [
    "{⍵+'a'}1", "{1÷⍵}0", "{⍵[5]}⍳3", "{⍵≤1:⍵ ⋄ 'a'+∇⍵-1}3", "{⍵:1 ⋄ 0}2", "{⍵:1 ⋄ 0}1 0", "{⍵:1 ⋄ 0}'a'",
    "{⍺}1", "{⍺+⍵}¨1 2 3", "{nosuch+⍵}1", "{x←⍵}⍬⊣'a'", "{⍵×1E300}1E300", "{⍵+1E308}1E308",
    FIB + " ⋄ fib 'a'", "f←{⍵+'a'} ⋄ g←{f ⍵} ⋄ g 1", "f←{⍵≤0:⍵+'a' ⋄ f ⍵-1} ⋄ f 5",
    "f←{⍵≤0:⍵+'a' ⋄ ∇ ⍵-1} ⋄ f 5", "f←{⍵≤0:⍵+'a' ⋄ 1+∇ ⍵-1} ⋄ f 5", "{x←⍵ ⋄ {x+⍵}'a'}1",
    "f←{1 2+⍵} ⋄ f 1 2 3",
    "{⍵}", "{}1" if False else "{1 2+⍵}⍳3", "g←{⍵} ⋄ {g+⍵}1", "{⌊⍵}'a'", "{-⍵}'a'", "{|⍵}'a'",
    "{2|⍵}'a'", "{⍵⌈'a'}1", "{⍵<'a'}1", "{~⍵}3", "{⍵∧'a'}1", "{⍵[0]}⍳3",
]


@pytest.mark.parametrize("src", ERRORS)
def test_errors_are_the_closure_paths(src):
    both(src)


@pytest.mark.parametrize("src", ["{⍵=0:0 ⋄ 1+∇ ⍵-1}400000", "{⍵=0:0 ⋄ ⊃∇¨⍵-1}400000"])
def test_too_deep_a_recursion_is_ws_full(src):
    # the depth it is reached at differs: a compiled call takes one Python frame, not three
    for on in (True, False):
        kind, (name, message, *_) = outcome(src, on)
        assert (kind, name, message) == ("error", "WS FULL", "recursion too deep")


def test_an_error_names_the_chain_of_calls():
    kind, (name, _, _, stack, report) = both("f←{⍵+'a'} ⋄ g←{1+f ⍵} ⋄ h←{g ⍵} ⋄ h 1")
    assert kind == "error" and name == "DOMAIN ERROR"
    assert stack == ["f[0]", "g[0]", "h[0]"]
    assert "in f[0], called from g[0], called from h[0]" in report


def test_an_error_on_a_later_line_of_a_dfn():
    src = "f←{\n x←⍵\n x+'a'\n} ⋄ f 1"
    kind, (name, _, span, stack, report) = both(src)
    assert stack == ["f[2]"]


# ---------------------------------------------------------------- compiled or not
@pytest.mark.parametrize("defn, call", [
    (FIB, "fib 10"), (ACK, "2 ack 3"), (QS, "qs 3 1 2"), ("f←{⍵+1}", "f 1"), ("f←{x←⍵ ⋄ {x+⍵}¨⍳3}", "f 1"),
    ("f←{⍺←1 ⋄ ⍺+⍵}", "f 1"), ("f←{+/⍵}", "f ⍳3"), ("f←{⍵[1]}", "f ⍳3"), ("f←{(2×⊢)⍵}", "f 3"),
    ("f←{⎕←⍵}", "f 3"),
])
def test_these_run_compiled(defn, call):
    assert callable(compiled_state(defn, call))


FALLBACK = [
    ("f←{0::'caught' ⋄ 1÷⍵}", "f 0", list("caught")),  # error guards
    ("f←{⍎'⍵+1'}", "f 1", 2),  # ⍎ needs the names
    ("f←{⎕IO←0 ⋄ ⍳⍵}", "f 3", [0, 1, 2]),  # assigns a system variable: localised
    ("f←{(a b)←⍵ ⋄ a+b}", "f 1 2", 3),  # strand assignment
    ("f←{a←⍵ ⋄ a+←1 ⋄ a}", "f 1", 2),  # modified assignment
    ("f←{a←⍵ ⋄ a[1]←5 ⋄ a}", "f 1 2", [5, 2]),  # indexed assignment
    ("f←{⎕NC'⍵'}", "f 1", [2]),  # reads the names
    ("f←{a←⍵ ⋄ (2↑a)←9 ⋄ a}", "f 1 2 3", [9, 9, 3]),  # selective assignment
    ("f←{⍺←⊢ ⋄ ⍺ ⍵}", "f 1", 1),  # ⍺ a function
]


@pytest.mark.parametrize("defn, call, value", FALLBACK)
def test_what_the_tier_does_not_compile_stays_on_the_closure_path(defn, call, value):
    assert compiled_state(defn, call) is False
    on = outcome(call, True, defn)
    assert on[0] == "value" and np.array_equal(on[1], value)
    both(call, defn)


def test_operators_written_as_dfns_run_on_the_closure_path():
    s = apl.Session()
    s.eval("f←{⍺⍺ ⍵} ⋄ g←-f")
    assert s.eval("g 1") == -1
    assert s.env.vars["g"].tier is False
    both("f←{⍺⍺ ⍵⍵ ⍵} ⋄ -f| ¯3")


def test_the_tier_follows_a_name_that_changes_its_class():
    s = apl.Session()
    s.eval("g←{⍵×2} ⋄ f←{g ⍵}")
    assert s.eval("f 3") == 6
    s.eval("g←10")
    assert s.eval("f 3").tolist() == [10, 3]  # now a strand
    s.eval("g←-")
    assert s.eval("f 3") == -3
    both("g←{⍵×2} ⋄ f←{g ⍵} ⋄ a←f 3 ⋄ g←10 ⋄ b←f 3 ⋄ g←- ⋄ a b (f 3)")


def test_switched_off_runs_the_closure_path():
    with tier.switched(False):
        s = apl.Session()
        s.eval("f←{⍵+1}")
        assert s.eval("f 1") == 2
        assert s.env.vars["f"].tier is None
    assert s.eval("f 1") == 2
    assert callable(s.env.vars["f"].tier)


def test_torch_sessions_take_the_closure_path():
    pytest.importorskip("torch")
    s = apl.Session(backend="torch")
    s.eval(FIB)
    assert int(s.eval("fib 10")) == 55


def test_tail_calls_run_in_constant_stack_across_types():
    # ⍵ turns from an integer into a float: the loop goes on in the general branch
    assert outcome("{⍵>1E6:⍵ ⋄ ∇⍵×1.5}1", True)[1] == both("{⍵>1E6:⍵ ⋄ ∇⍵×1.5}1")[1]
    both("{⍵=0:'done' ⋄ ∇⍵-1}200000")
    both("{⍵≤0:⍵ ⋄ ∇⍵-0.5}100000")


# ---------------------------------------------------------------- generated programs
def test_generated_programs_give_the_closure_paths_values_and_errors():
    from tests.runtime.tier_programs import programs

    compiled = 0
    for src in programs(seed=15, count=800):
        both(src)
        with tier.switched(True):
            s = apl.Session()
            try:
                s.eval(src)
            except apl.APLError:
                pass
            compiled += callable(s.env.vars["f"].tier) if "f" in s.env.vars else 0
    assert compiled > 400  # most of them run compiled, not on the closure path


# ---------------------------------------------------------------- scalars against the array kernels
numbers = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, width=64), st.integers(-1000, 1000),
    st.integers(-(2**63), 2**63 - 1), st.sampled_from([2**31, -(2**31), 2**31 - 1, 2**62, 3037000500, 2**53 + 1]),
    st.sampled_from([0.0, -0.0, 0.5, -0.5, 1e300, -1e300, 2.0, -8.0, 1e-300, 2.5, -2.5, 1e15, 2.0**62]),
    st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(numbers, numbers, st.sampled_from(list("+-×÷|⌈⌊=≠<≤>≥∧∨*")))
def test_compiled_scalar_functions_match_the_array_kernels(x, y, f):
    """In a compiled dfn, scalars take inline Python or the helpers; one-item vectors the
    NumPy kernels: the same value and type (or the same error) either way."""
    def run(expr):
        try:
            return "ok", apl.evaluate(expr, X=x, Y=y)
        except apl.APLError as e:
            return "error", e.name

    scalar, vector = run(f"X{{⍺{f}⍵}}Y"), run(f"⊃(,X){f},Y")
    assert scalar[0] == vector[0], (x, f, y, scalar, vector)
    if scalar[0] == "ok":
        assert np.asarray(scalar[1]).dtype == np.asarray(vector[1]).dtype, (x, f, y, scalar, vector)
        assert np.array_equal(scalar[1], vector[1]), (x, f, y, scalar, vector)
    else:
        assert scalar[1] == vector[1]


@settings(max_examples=200, deadline=None)
@given(numbers, st.sampled_from(list("-⌊⌈|×~≢")))
def test_compiled_monadic_scalar_functions_match_the_array_kernels(x, f):
    def run(expr):
        try:
            return "ok", apl.evaluate(expr, X=x)
        except apl.APLError as e:
            return "error", e.name

    scalar, vector = run(f"{{{f}⍵}}X"), run(f"⊃{f},X" if f != "≢" else "≢X")
    assert scalar[0] == vector[0], (f, x, scalar, vector)
    if scalar[0] == "ok":
        assert np.asarray(scalar[1]).dtype == np.asarray(vector[1]).dtype, (f, x, scalar, vector)
        assert np.array_equal(scalar[1], vector[1]), (f, x, scalar, vector)


# ---------------------------------------------------------------- small vectors in compiled code
_edges = st.sampled_from([0, 1, -1, 2**31 - 1, -(2**31) + 1, 2**31, -(2**31), 2**62, -(2**63), 2**63 - 1])
vectors = st.one_of(
    st.lists(st.integers(-50, 50), max_size=6).map(lambda v: np.array(v, dtype=np.int64)),
    st.lists(st.one_of(st.integers(-(2**63), 2**63 - 1), _edges), max_size=4).map(
        lambda v: np.array(v, dtype=np.int64)),
    st.lists(st.booleans(), max_size=6).map(lambda v: np.array(v, dtype=bool)),
    st.lists(st.floats(-1e3, 1e3, allow_nan=False, width=64), max_size=4).map(lambda v: np.array(v, dtype=float)),
    st.sampled_from([np.array(3), np.array([[1, 2], [3, 4]]), np.array(["a", "b"]), np.zeros(0, dtype=np.int64)]),
)
operands = st.one_of(vectors, st.integers(-50, 50), _edges, st.booleans(), st.sampled_from([0.5, 2.0, 1e15, -3.0]))


@settings(max_examples=300, deadline=None)
@given(operands, operands, st.sampled_from(["=", "≠", "<", "≤", ">", "≥", "/", ","]))
def test_compiled_vector_helpers_match_the_closure_path(x, y, f):
    """Comparisons of a vector with a scalar, compress and catenate of small vectors (the written-
    out fast paths of tier/scalars.py) give the closure path's value, type or error."""
    both(f"X{{⍺{f}⍵}}Y", X=x, Y=y)
    both(f"Y{{⍺{f}⍵}}X", X=x, Y=y)


@settings(max_examples=300, deadline=None)
@given(operands, operands, operands, st.sampled_from(["=", "≠", "<", "≤", ">", "≥"]))
def test_fused_sieve_and_catenation_match_the_closure_path(x, y, z, f):
    """(X cmp Y)/Z and X,Y,Z compile to one helper call where its fast case holds (codegen.fused)
    and to the steps otherwise: the closure path's value, type or error (and its place) either way,
    the vector selected from being the one compared or another."""
    both(f"{{(⍺{f}⍵)/⍵}}/X Y", X=x, Y=y)
    both(f"{{(⍵{f}⍺)/⍵}}/X Y", X=x, Y=y)
    both(f"{{(⍺{f}⍵)/Z}}/X Y", X=x, Y=y, Z=z)
    both("{⍺,⍵,Z}/X Y", X=x, Y=y, Z=z)
    both("{⍺,(⍵,Z),⍺,⍵}/X Y", X=x, Y=y, Z=z)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.floats(-(2.0**60), 2.0**60, allow_nan=False, width=64), st.sampled_from(
    [0.0, -0.0, 2.0**53, -(2.0**53), 2.0**53 - 1, 2.0**53 + 2, 4.5, -4.5, 1e15, 9.3e18, -9.3e18, 2.0**63,
     1 - 2.0**-33, 1 + 2.0**-33, 3 - 1e-10, 1e6 + 1e-5, 0.5 - 1e-17, -(1 - 2.0**-33), 2.0**52 + 0.5])),
    st.sampled_from(["⌊", "⌈", "≢"]))
def test_compiled_floor_ceiling_tally_match_the_closure_path(x, f):
    both(f"{{{f}⍵}}X", X=x)
    both(f"{{{f}⍵÷2}}X", X=x)
    both(f"{{{f}⍵}}X", X=np.array([x, x]))


# ---------------------------------------------------------------- the backend corpus's dfns
def _corpus_dfns():
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    public = [json.loads(x)["expr"] for x in (data / "conformance_public.jsonl").read_text("utf-8").splitlines() if x]
    corpus = [json.loads(x) for x in (data / "backend_differential.jsonl").read_text("utf-8").splitlines() if x]
    exprs = dict.fromkeys(e for e in public + corpus if "{" in e and not any(t in e for t in ("⎕TS", "⎕AI", "⎕DL")))
    return list(exprs)


def test_the_backend_corpus_gives_the_same_with_the_tier_on_and_off():
    """Every expression of the torch-vs-NumPy corpus (and the public conformance cases) that
    holds a dfn: the compiled tier's value or error is the closure path's."""
    exprs = _corpus_dfns()
    assert len(exprs) > 500
    for src in exprs:
        both(src)


@settings(max_examples=200, deadline=None)
@given(operands, operands)
def test_partitioned_sieves_match_the_closure_path(x, y):
    """(⍵<p)/⍵, (⍵=p)/⍵ and (⍵>p)/⍵ of one statement share one partition (codegen.partitioned,
    kernels.partition), with the vector on either side and in any order; a statement that
    assigns the names, another comparison, or a float vector takes the sieves one by one:
    the closure path's value, type or error each way."""
    both("{p←⍺ ⋄ ((⍵<p)/⍵),((⍵=p)/⍵),(⍵>p)/⍵}/X Y", X=x, Y=y)
    both("{p←⍺ ⋄ ((p>⍵)/⍵),((p=⍵)/⍵),(p<⍵)/⍵}/X Y", X=x, Y=y)
    both("{p←⍺ ⋄ ((⍵>p)/⍵)((⍵<p)/⍵)((⍵≤p)/⍵)}/X Y", X=x, Y=y)
    both("{p←⍺ ⋄ ((⍵<p)/⍵),((p←0)=⍵)/⍵}/X Y", X=x, Y=y)
    both("{p←⍺ ⋄ 0=≢⍵:⍬ ⋄ ((⍵<p)/⍵),(⍵>p)/⍵}/X Y", X=x, Y=y)


def test_quicksort_with_the_partition_kernel_sorts_as_the_closure_path():
    from apl.kernels import partition

    partition.load()  # (the kernel, where Numba is installed; NumPy's sieves otherwise)
    qs = "{1≥≢⍵:⍵ ⋄ p←⍵[⌈2÷⍨≢⍵] ⋄ (∇(⍵<p)/⍵),((⍵=p)/⍵),∇(⍵>p)/⍵}"
    rng = np.random.default_rng(7)
    for v in (rng.integers(-50, 50, 300), rng.integers(0, 10**6, 2000), np.zeros(5, dtype=np.int64),
              rng.integers(-5, 5, 40)[::-2], rng.random(50) < 0.5, rng.random(40) * 10):
        got = both(f"{qs} V", V=v)
        assert got[0] == "value" and np.array_equal(got[1], np.sort(v)), v
