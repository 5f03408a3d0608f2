"""Resolving the glyph registry's names for evaluator definitions ("structural.reshape") to the
functions of apl/primitives. table.py resolves the functions' names among the modules of
functions, operators.py the operators' among the modules of operators (operators need the table,
for inverses, so one resolver for both would be an import circle)."""
from __future__ import annotations


def resolver(*modules):
    """definition(name) for names that start with one of these modules' own names."""
    by_name = {m.__name__.rpartition(".")[2]: m for m in modules}

    def definition(name: str):
        module, _, attr = name.partition(".")
        try:
            return getattr(by_name[module], attr)
        except (KeyError, AttributeError):
            raise LookupError(f"the glyph registry names {name!r}, which apl/primitives does not define "
                              f"(or whose module is not among {sorted(by_name)})") from None

    return definition
