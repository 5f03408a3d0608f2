"""Lark's analysis of apl.lark, as plain data, made once and cached: start-up does not import lark.

Lark (with its grammar loader, ~30 ms of every start-up) is imported only to make the tables: the
LALR(1) parse table it computes for the grammar, each rule's tree shaping (which children are kept,
inlined or stand for an absent optional, and whether a rule of one child is replaced by it), and its
contextual lexer's terminals for each parser state, as the regular expressions lark's own scanners
compile, in lark's order. `lalr.py` runs them as lark's LALR parser and contextual lexer do; the
tests compare the two on every expression of the test corpora. The grammar file stays the only
source: the tables are a function of its text, lark's version and Python's, and are remade when any
of them differ.

The cache directory is $APL_CACHE_DIR, else $XDG_CACHE_HOME/apl (default ~/.cache/apl), else a folder
in the temporary directory; where none can be written the tables are made in memory at each start.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib

FORMAT = 1  # bump when the tables change shape
OPTIONS = {"parser": "lalr", "propagate_positions": True, "maybe_placeholders": True}


def _lark_version() -> str:
    """Where the installed lark is and its size and time (its version, without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("lark")
    origin = spec.origin if spec is not None else None
    if not origin:
        return "?"
    try:
        st = os.stat(origin)
    except OSError:
        return origin
    return f"{origin}:{st.st_size}:{st.st_mtime_ns}"


def key(grammar: str) -> str:
    parts = ("apl lalr tables", str(FORMAT), sys.version, _lark_version(), repr(sorted(OPTIONS.items())), grammar)
    return "\0".join(parts)


def cache_dirs():
    """Where the tables are kept, in order: $APL_CACHE_DIR alone when set, else $XDG_CACHE_HOME/apl
    (default ~/.cache/apl), then a folder in the temporary directory (looked up only when needed)."""
    explicit = os.environ.get("APL_CACHE_DIR")
    if explicit:
        yield explicit
        return
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    yield os.path.join(base, "apl")
    import tempfile

    yield os.path.join(tempfile.gettempdir(), f"apl-cache-{os.getuid() if hasattr(os, 'getuid') else 0}")


def file_name(k: str) -> str:
    return f"lalr-{zlib.crc32(k.encode('utf-8')):08x}.bin"


def make(grammar: str) -> dict:
    """The tables, from lark's own analysis of the grammar (imports lark: done once)."""
    from lark import Lark
    from lark.parse_tree_builder import ChildFilterLALR, ChildFilterLALR_NoPlaceholders, maybe_create_child_filter
    from lark.parsers.lalr_analysis import Shift

    lark = Lark(grammar, **OPTIONS)
    frontend = lark.parser
    table = frontend.parser.parser.parse_table
    (start,) = table.start_states.values()
    (end,) = table.end_states.values()

    rules, rule_index = [], {}

    def rule_number(rule) -> int:
        if rule not in rule_index:
            rule_index[rule] = len(rules)
            rules.append(_rule(rule))
        return rule_index[rule]

    def _rule(rule):
        o = rule.options
        n = len(rule.expansion)
        made = maybe_create_child_filter(rule.expansion, o.keep_all_tokens, False,
                                         o.empty_indices if OPTIONS["maybe_placeholders"] else None)
        if made is None:
            include, append_none = tuple((i, False, 0) for i in range(n)), 0
        elif made.func is ChildFilterLALR:
            include, append_none = tuple(tuple(x) for x in made.args[0]), made.args[1]
        elif made.func is ChildFilterLALR_NoPlaceholders:
            include, append_none = tuple((i, x, 0) for i, x in made.args[0]), 0
        else:
            raise NotImplementedError(f"lark's child filter {made.func.__name__}")
        name = rule.alias or o.template_source or rule.origin.name  # (lark's names are str subclasses)
        return (str(rule.origin.name), n, str(name), bool(o.expand1 and not rule.alias), include, append_none)

    states = {}
    for state, actions in table.states.items():
        states[state] = {str(sym): (True, arg) if action is Shift else (False, rule_number(arg))
                         for sym, (action, arg) in actions.items()}

    lexer = frontend.lexer
    scanners, scanner_index, state_scanner = [], {}, {}

    def scanner_number(basic) -> int:
        if id(basic) not in scanner_index:
            if basic.user_callbacks or basic.use_bytes or basic.g_regex_flags:
                raise NotImplementedError("lexer callbacks, bytes or regex flags")
            scanner = basic._build_scanner()
            if basic.callback:  # lark's `unless` callbacks (a string terminal inside a regexp's)
                raise NotImplementedError(f"lexer callbacks for {sorted(basic.callback)}")
            scanner_index[id(basic)] = len(scanners)
            patterns = tuple(str(m.pattern) for m in scanner._mres)
            allowed = tuple(sorted(map(str, scanner.allowed_types)))
            scanners.append((patterns, allowed, tuple(sorted(map(str, basic.ignore_types)))))
        return scanner_index[id(basic)]

    for state, basic in lexer.lexers.items():
        state_scanner[state] = scanner_number(basic)
    root = scanner_number(lexer.root_lexer)
    return {"start": start, "end": end, "states": states, "rules": tuple(rules), "scanners": tuple(scanners),
            "state_scanner": state_scanner, "root": root}


def _read(path: str, k: str):
    try:
        with open(path, "rb") as f:
            stored, tables = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return tables if stored == k and type(tables) is dict else None


def _write(directory: str, path: str, k: str, tables) -> bool:
    data = marshal.dumps((k, tables))
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)  # atomic: a concurrent start reads the old file or the whole new one
        return True
    except OSError:
        try:
            os.remove(tmp)
        except OSError:
            pass
        return False


def load(grammar: str) -> dict:
    """The grammar's tables: from the cache, else made (and cached where a directory can be written)."""
    k = key(grammar)
    name = file_name(k)
    for d in cache_dirs():
        tables = _read(os.path.join(d, name), k)
        if tables is not None:
            return tables
    tables = make(grammar)
    for d in cache_dirs():
        if _write(d, os.path.join(d, name), k, tables):
            break
    return tables
