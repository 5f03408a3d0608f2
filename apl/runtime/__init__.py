"""The evaluator: the compiler of AST to closures, dfns, ⍎, system names, assignment, sessions.

Loading the package loads the compiler, which registers itself with `statements` (dfns and ⍎
run statements that the compiler compiles); see docs/architecture.md for the order inside."""
from . import compiler  # noqa: F401
