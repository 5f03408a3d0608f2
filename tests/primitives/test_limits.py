"""Results beyond the machine: Dyalog never yields ∞ or NaN (a result beyond the largest float is a
DOMAIN ERROR, as 1E300×1E300 is), a result too large to allocate is WS FULL, a rank above 15 a
LIMIT ERROR; and no library's wording reaches an APL error's message (apl_values.error_on checks).
"""
import numpy as np
import pytest
from apl_values import BACKENDS, error_name, error_on, ev, run_on, same


# ---------------------------------------------------------------- non-finite results
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    "1E300+.×1E300",
    "1E300 1E300+.×1E300 1E300",
    "(+.×⍨⍤0) 1E300 2",
    "(2 2⍴1E300)+.×2 2⍴1E300",
    "(2 2 2⍴1E300)+.×2 2⍴1E300",
    "(1E300 1E300)+.×2 1⍴1E300",
    "(2 2⍴0J1E300)+.×2 2⍴0J1E300",
    "(+.×⍤2)⍨2 2 2⍴1E300",
    "(3 3⍴1E300)×.+3 3⍴1E300",
    "(300 300⍴1E300)⌈.×300 300⍴1E300",
    "(300 300⍴1E200)×.×300 300⍴1E200",
    "1E300×.×1E300",
    "+/1E308 1E308",
    "+/3 1E308 1E308",
    "-/1E308 ¯1E308",
    "×/1E200 1E200",
    "×⌿2 2⍴1E200",
    "+/⍤1⊢2 2⍴1E308",
    "+\\1E308 1E308",
    "1E300∘.×1E300",
    "1E300 1E300∘.×1E300",
    "24!9007199254740993",
    "1E300⌹1E¯300",
    "⌹2 2⍴1E¯310 0 0 1E¯310",
    "(2 2⍴1E300 0 0 1E300)⌹2 2⍴1E¯300 0 0 1E¯300",
])
def test_overflow_is_domain_error(src, backend):
    assert error_on(src, backend) == "DOMAIN ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_large_finite_products_still_work(backend):
    assert float(run_on("1E150+.×1E150", backend)) == pytest.approx(1e300)
    assert run_on("(2 2⍴1E150)+.×2 2⍴1E150", backend).reshape(-1).tolist() == pytest.approx([2e300] * 4)
    assert float(run_on("⌈/1E308 1E308", backend)) == 1e308
    assert run_on("(2 2⍴1 2 3 4)+.×2 2⍴5 6 7 8", backend).tolist() == [[19, 22], [43, 50]]


# ---------------------------------------------------------------- results too large
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    "⍴⍳9223372036854775807",           # was 0: the end of the range overflowed
    "2 3⍴⍳9223372036854775807",        # was zeros
    "⍳2 9223372036854775807",          # was a DOMAIN ERROR naming a NumPy ValueError
    "⍴⍳2*62",
    "(2*62) (2*62)/1 2",                # the sum of the counts overflowed
    "(9223372036854775807 9223372036854775807)/1 2",
    "1 ¯9223372036854775807/1 2",
    "⍴(4⍴2*16)⍴1",
    "⍴(4⍴2*16)↑1",
    "⍸2*62",
])
def test_unallocatable_results_are_ws_full(src, backend):
    assert error_on(src, backend) == "WS FULL"


@pytest.mark.parametrize("backend", BACKENDS)
def test_arguments_beyond_the_integers_are_domain_errors(backend):
    # 1E20 is no 64-bit integer: it used to wrap round to a negative number
    assert error_on("⍳1E20", backend) == "DOMAIN ERROR"
    assert error_on("1E20⍴1", backend) == "DOMAIN ERROR"
    assert error_on("1E20↑1", backend) == "DOMAIN ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_expand_counts_beyond_the_workspace(backend):
    assert error_on("(2*62) 1\\1 2", backend) == "WS FULL"
    same(run_on("1 0 1\\1 2", backend), np.array([1, 0, 2]))


@pytest.mark.parametrize("backend", BACKENDS)
def test_ordinary_sizes_still_work(backend):
    same(run_on("⍴⍳0", backend), np.array([0]))
    same(run_on("2 3⍴⍳6", backend), np.arange(1, 7).reshape(2, 3))
    same(run_on("(2*62)⌽⍳3", backend), np.array([2, 3, 1]))  # a rotation count, not a size


# ---------------------------------------------------------------- ranks and counts
# Dyalog's arrays have rank at most 15 (a higher one is a LIMIT ERROR); NumPy's own limit (64)
# reached the user as "DOMAIN ERROR: ValueError: maximum supported dimension…".
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    ",[0.5]⍣≡ 1.5 2.5",
    "⍴(65⍴1)⍴1",
    "⍴(16⍴1)⍴1",
    "⍴⍳65⍴1",
    "⍴⍳16⍴1",
    "⍴,[⍬](15⍴1)⍴1",
    "⍴((15⍴1)⍴1),[0.5]1",
])
def test_rank_beyond_15_is_a_limit_error(src, backend):
    assert error_on(src, backend) == "LIMIT ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
def test_rank_15_is_allowed(backend):
    assert run_on("⍴(15⍴1)⍴1", backend).tolist() == [1] * 15
    assert run_on("⍴⍳15⍴1", backend).tolist() == [1] * 15
    assert run_on("⍴,[0.5](14⍴1)⍴1", backend).tolist() == [1] * 15


@pytest.mark.parametrize("backend", BACKENDS)
def test_partitioned_enclose_with_huge_counts(backend):
    # the count of partitions overflowed int64 and reached NumPy as a negative length
    assert error_on("9223372036854775807 ⊂ 1 2", backend) == "WS FULL"
    assert error_on("(2*62) (2*62) ⊂ 1 2", backend) == "WS FULL"
    assert [np.asarray(x).tolist() for x in run_on("2 0 1 ⊂ 1 2", backend)] == [[], [1, 2], []]


# ---------------------------------------------------------------- nesting depth
def test_nesting_beyond_the_limit_is_a_limit_error_not_a_crash():
    from apl.arrays import MAX_DEPTH

    assert ev(f"≡⊂⍣{MAX_DEPTH - 1}⊢1 2") == MAX_DEPTH
    for src in (f"⊂⍣{MAX_DEPTH}⊢1 2", "x←⊂⍣100000⊢1 2 ⋄ 0", "≡⊂⍣5000⊢1 2", "⍴⍕⊂⍣5000⊢1 2",
                "{⍵=0:⍬ ⋄ 1 (∇⍵-1)}2000", "{⊂⍵}⍣2000⊢1 2"):
        assert error_name(src) == "LIMIT ERROR", src


def test_deep_recursion_is_ws_full_not_a_crash():
    assert error_name("{⍵=0:0 ⋄ 1+∇⍵-1}400000") == "WS FULL"
    assert error_name("{⍵=0:0 ⋄ ⊃∇¨⍵-1}400000") == "WS FULL"
    assert ev("{⍵=0:0 ⋄ 1+∇⍵-1}20000") == 20000


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_mix_that_cannot_fit_in_memory_is_ws_full_before_allocating(backend):
    assert error_on("≢↑1E5⍴⊂⍳1E5", backend) == "WS FULL"


def test_allocation_failures_of_every_library_are_ws_full():
    from apl.runtime.library_errors import library_error

    for e in (MemoryError(), RuntimeError("std::bad_alloc"), RuntimeError("CUDA out of memory. Tried …"),
              RuntimeError("[enforce fail at alloc_cpu.cpp:117] . DefaultCPUAllocator: not enough memory")):
        assert library_error(e).name == "WS FULL", e
