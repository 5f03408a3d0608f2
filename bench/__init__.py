"""apl's benchmark suite: APL expressions against hand-written NumPy, Numba and Python.

    .venv/bin/python -m bench              # every case, full sizes (a few minutes)
    .venv/bin/python -m bench --quick      # small sizes (seconds)
    .venv/bin/python -m bench --case 4 --case 5
    .venv/bin/python -m bench --torch      # APL on the torch backend against hand-written torch

See bench/README.md for the cases and their targets.
"""
