"""Source text → AST: a Lark grammar for the token structure, a binder for APL's roles."""
