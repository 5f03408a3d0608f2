"""The parser runs lark's tables without lark (apl/syntax/lark_tables.py, lalr.py): made from apl.lark
by lark itself, cached, remade when the grammar (or lark, or Python) changes, and parsing exactly as
lark's own runtime does."""
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import lark
import pytest

from apl.errors import APLError
from apl.syntax import lalr, lark_tables, parser

DATA = Path(__file__).resolve().parents[1] / "data"

EXTRA = [
    "", " ", "\n", "1 (2", "'abc", "1E", "1J", "1E¯", "{", "}", "]", ")", "1 2)", "a⍝c", "⍝ only",
    "⍵.x", "ns.⎕NL 2", "#.a.b", "##.y", "f.g", "+.×", "∘.×", "1∘.×2", "x∘.5", "1.2E¯3J4", "¯.5e2",
    "[1 2 ⋄ 3 4]", "(1 2 ⋄ 3)", "(1 2\n3)", "[1\n2]", "( ⋄ )", "→", "→3", "→ 0", "a::b", "x:y", "x:",
    ":y", "a[1;]", "a[;2]", "a[]", "x[1]←2", "f←{⍺←0 ⋄ ⍺+⍵}", "{⍺⍺ ⍵⍵ ∇∇ ∇}", "'it''s'", "'a\nb'",
    "⎕IO←0 ⋄ ⍳3", "⍞", "⍬≡⍳0", "1^0", "a←b←3", "{1≥≢⍵:⍵ ⋄ p←⍵[⌈2÷⍨≢⍵] ⋄ (∇(⍵<p)/⍵),((⍵=p)/⍵),∇(⍵>p)/⍵}",
    "1 2 3\t+ 4", "x\r\ny", "１２", "a.", ".a", "..", "1..2", "∘..", "⍺.⍵", "£", "⌶", "⎕", "⎕THIS.x",
    "{}", "()", "[]", "{⋄}", "(⋄)", "[;]", "a[;;]", "{x:}", "{::}", "1 ⍝ c\n2", "{\n⍵\n}", "x←{\n\n}",
    "((((1))))", "[[1]]", "f⍤1⊢2", "+⌿[1]x", "a.b.c←1", "⍺⍺.x", "→→", "1:2:3", "a::b::c", "'", "''''",
]


def _corpus():
    public = (DATA / "conformance_public.jsonl").read_text(encoding="utf-8").splitlines()
    exprs = [json.loads(line)["expr"] for line in public if line.strip()]
    corpus = (DATA / "backend_differential.jsonl").read_text(encoding="utf-8").splitlines()
    exprs += [json.loads(line) for line in corpus[::5] if line.strip()]
    return list(dict.fromkeys(exprs + EXTRA))


class _LarkTokens(parser._Leaves, lark.Transformer):
    """The same transformer as a lark Transformer, for lark's own trees."""


for _name, _fn in vars(parser._Groups).items():
    if not _name.startswith("__") or _name == "__default__":
        setattr(_LarkTokens, _name, lark.v_args(meta=True)(_fn) if _name in parser._WITH_META else _fn)


@pytest.fixture(scope="module")
def reference():
    return lark.Lark(parser._GRAMMAR, **lark_tables.OPTIONS)


def _ours(text):
    try:
        return repr(parser.parse.__wrapped__(text))  # records compare by identity: their reprs show every field
    except APLError as e:
        return repr(("error", type(e).__name__, str(e), e.span))


def _lark(reference, text):
    try:
        parser._check_nesting(text)
        try:
            tree = reference.parse(text)
        except lark.exceptions.UnexpectedInput as exc:
            raise parser._syntax_error(text, exc) from None
        try:
            return repr(_LarkTokens(text).transform(tree))
        except lark.exceptions.VisitError as exc:
            raise exc.orig_exc from None
    except APLError as e:
        return repr(("error", type(e).__name__, str(e), e.span))


def test_parses_as_lark_does(reference):
    """Every text of the corpus gives the same statements, or the same error at the same place,
    through lalr.py and through lark itself."""
    texts = _corpus()
    assert len(texts) > 2000
    assert sum("error" in _ours(t)[:10] for t in texts) > 30  # errors are compared too
    differ = [t for t in texts if _ours(t) != _lark(reference, t)]
    assert differ == []


@pytest.mark.parametrize("text", ["1 (2", "'abc", "1E", "{", "a[1", "1 2)", "x::", "⌶", "→)"])
def test_errors_as_lark_reports_them(reference, text):
    assert _ours(text) == _lark(reference, text) and "SYNTAX ERROR" in _ours(text)


def test_no_lark_at_start_up(tmp_path):
    """A start with the cache in place does not import lark; the first start makes the cache."""
    env = dict(os.environ, APL_CACHE_DIR=str(tmp_path))
    code = "import sys, apl; print(apl.evaluate('1+1')); print('lark' in sys.modules)"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["2", "True"]
    assert len(list(tmp_path.iterdir())) == 1
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert again.stdout.split() == ["2", "False"]


def test_tables_are_remade_when_the_grammar_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("APL_CACHE_DIR", str(tmp_path))
    made = []
    make = lark_tables.make
    monkeypatch.setattr(lark_tables, "make", lambda g: made.append(g) or make(g))
    first = lark_tables.load(parser._GRAMMAR)
    assert lark_tables.load(parser._GRAMMAR) == first
    assert len(made) == 1 and len(list(tmp_path.iterdir())) == 1  # the second load read the cache
    changed = parser._GRAMMAR.replace('ASSIGN: "←"', 'ASSIGN: "←" | "⇐"')
    tables = lark_tables.load(changed)
    assert len(made) == 2 and len(list(tmp_path.iterdir())) == 2
    tree = lalr.Parser(tables).parse("x⇐1")
    assert tree.data == "start"
    with pytest.raises(lalr.UnexpectedCharacters):
        lalr.Parser(first).parse("x⇐1")


def test_stale_or_broken_cache_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("APL_CACHE_DIR", str(tmp_path))
    lark_tables.load(parser._GRAMMAR)
    (path,) = tmp_path.iterdir()
    k = lark_tables.key(parser._GRAMMAR)
    for junk in (b"", b"not marshal", marshal.dumps(("another key", {})), marshal.dumps(3)):
        path.write_bytes(junk)
        tables = lark_tables.load(parser._GRAMMAR)  # (made again: lark may number its states otherwise)
        assert lark_tables._read(str(path), k) == tables
        assert lalr.Parser(tables).parse("1+2").data == "start"


def test_unwritable_cache_still_parses(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("APL_CACHE_DIR", str(blocker / "sub"))  # cannot be made: made in memory
    assert lalr.Parser(lark_tables.load(parser._GRAMMAR)).parse("1+2").data == "start"


def test_tables_are_plain_data():
    """Only built-in types (marshal writes nothing else), and every parser state has its scanner."""
    tables = lark_tables.make(parser._GRAMMAR)
    assert marshal.loads(marshal.dumps(tables)) == tables
    assert set(tables["state_scanner"]) == set(tables["states"])
    names = {r[0] for r in tables["rules"]}
    assert type(next(iter(names))) is str and {"start", "body", "expr", "item", "index", "items"} <= names
