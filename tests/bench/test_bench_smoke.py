"""The benchmark suite runs (quick sizes, two cases) and prints a table with rows.
Timings are not asserted: they depend on the machine."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_quick_prints_a_table():
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--case", "1", "--case", "8", "--torch"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith("case "))
    assert "APL" in lines[header] and "ratio" in lines[header] and "status" in lines[header]
    rows = [ln for ln in lines[header + 2:] if "|" in ln]
    assert [r.split("|")[0].strip() for r in rows][:2] == ["1", "8"]
    assert any(r.split("|")[0].strip() == "torch" or r.split("|")[0].strip().endswith("t") for r in rows)
    assert "quick sizes: ratios only" in out.stdout and "NOT MET" not in out.stdout  # quick sizes are not judged


def test_bench_cases_are_importable_and_complete():
    sys.path.insert(0, str(ROOT))
    try:
        from bench import cases, run
    finally:
        sys.path.remove(str(ROOT))
    assert sorted(cases.CASES) == list(range(1, 21))
    ws = cases.case11(run.Config(quick=True, budget=0.0, min_runs=1, max_runs=1))
    assert [r.name.split()[0] for r in ws] == [")save", ")load"] and not ws[0].note
    rows = cases.case5(run.Config(quick=True, budget=0.0, min_runs=1, max_runs=1))
    assert len(rows) == 4 and rows[2].target.startswith("linear")
    text = run.table(rows)
    assert text.count("\n") >= 5 and "-\\v" in text


def test_bench_compiled_rows():
    """--compiled adds apl.compile against hand-written torch (c1–c6), agreeing with it."""
    out = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--case", "8", "--compiled"],
        cwd=ROOT, capture_output=True, text=True, timeout=180, check=False,
    )
    assert out.returncode == 0, out.stderr
    rows = [ln.split("|") for ln in out.stdout.splitlines() if ln[:1] == "c" and ln[1:2].isdigit()]
    assert [r[0].strip() for r in rows] == [f"c{i}" for i in range(1, 7)], out.stdout
    assert all("hand-written torch" in r[3] for r in rows)
    assert "DISAGREE" not in out.stdout and "skipped" not in out.stdout
