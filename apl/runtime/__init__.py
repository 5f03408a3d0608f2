"""Evaluation: environments, the AST compiler, dfns, and the session that ties them together."""
