"""Every primitive function and operator, each glyph defined once (see `table.py`)."""
