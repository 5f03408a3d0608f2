"""Source text → AST: a Lark grammar for the token structure, a binder for APL's roles."""

import sys as _sys

# Lark imports the third-party `regex` module when it is installed, for an option we never use
# (regex=True), and that import is 5–7 ms of every start-up: it is made to fail while lark loads,
# and the module is left importable for everyone else.
if "regex" not in _sys.modules:
    _sys.modules["regex"] = None
    try:
        import lark.utils  # noqa: F401
    finally:
        del _sys.modules["regex"]
