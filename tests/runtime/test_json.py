"""⎕JSON (apl/runtime/json_io.py), against the examples of Dyalog's Language Reference
(language-reference-guide/docs/system-functions/json.md: import, export, Compact, Charset,
HighRank, raw text, wrappers, name mangling; primitive-operators/i-beam/json-translate-name.md),
on both backends."""
import numpy as np
import pytest
from apl_values import BACKENDS, chars, enclose, error_on, nested, run_on, same

import apl
from apl.runtime.json_io import demangle, mangle

DOC = ('{"a": {"b": ["string 1", "string 2"], "c": true, '
       '"d": {"e": false, "f⍺": ["string 3", 123, 1000.2, null]}}}')
J = f"j←0 ⎕JSON '{DOC}' ⋄ "


def text(v):
    return "".join(np.asarray(v).reshape(-1).tolist())


@pytest.mark.parametrize("backend", BACKENDS)
def test_import_documented_example(backend):
    assert text(run_on(J + "⍕j", backend)) == "#.[JSON object]"
    same(run_on(J + "j.a.⎕NL 2", backend), np.array([["b"], ["c"]], dtype="<U1"))
    same(run_on(J + "j.a.b", backend), nested(chars("string 1"), chars("string 2")))
    same(run_on(J + "j.a.c", backend), enclose(chars("true")))
    same(run_on(J + "j.a.d.e", backend), enclose(chars("false")))
    names = run_on(J + "j.a.d.⎕NL ¯2", backend)
    assert [text(n) for n in names] == ["e", "⍙f⍙9082⍙"]
    got = run_on(J + "j.a.d.⍙f⍙9082⍙", backend)
    same(got, nested(chars("string 3"), 123, 1000.2, enclose(chars("null"))))
    assert run_on(J + "9=j.a.⎕NC 'd'", backend) == 1


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("0 ⎕JSON '[1,2,3]'", np.array([1, 2, 3])),
    ("⎕JSON '[1,2,3]'", np.array([1, 2, 3])),            # a character array: import
    ("0 ⎕JSON '3'", np.array(3)),
    ("0 ⎕JSON '-2.5e3'", np.array(-2500.0)),
    ("0 ⎕JSON '\"abc\"'", chars("abc")),
    ("0 ⎕JSON '\"a\"'", chars("a")),                     # a string is always a vector
    ("0 ⎕JSON '[]'", np.zeros(0, dtype=int)),
    ("0 ⎕JSON '[\"a\",\"bc\"]'", nested(chars("a"), chars("bc"))),
    ("0 ⎕JSON '[[1,2],[3]]'", nested(np.array([1, 2]), np.array([3]))),
    ("0 ⎕JSON '[null,2,3]'", nested(enclose(chars("null")), 2, 3)),
    ("0 ⎕JSON '\"\\u00e9\\n\"'", chars("é\n")),
    ("0 ⎕JSON 2 5⍴'[1,2][3]'", np.array([1, 2, 3])),     # a matrix: rows joined by newlines
])
def test_import(backend, src, expected):
    same(run_on(src.replace("2 5⍴'[1,2][3]'", "3 3⍴'[1,','2, ','3] '"), backend), expected)


@pytest.mark.parametrize("backend", BACKENDS)
def test_import_names(backend):
    src = "(ns←0 ⎕JSON'{\"a\": 1, \"2a\": 2, \"a\": 3}') ⋄ "
    names = run_on(src + "ns.⎕NL ¯2", backend)
    assert [text(n) for n in names] == ["a", "⍙2a"]
    assert run_on(src + "ns.a", backend) == 3                # a repeated name: the last stays
    assert run_on(src + "ns.⍙2a", backend) == 2
    assert text(run_on(src + "1 ⎕JSON ns", backend)) == '{"a":3,"2a":2}'


def test_mangling():
    assert mangle("2a") == "⍙2a" and demangle("⍙2a") == "2a"
    assert mangle("foo") == "foo" and demangle("foo") == "foo"
    assert mangle("f⍺") == "⍙f⍙9082⍙" and demangle("⍙f⍙9082⍙") == "f⍺"
    assert mangle("a b") == "⍙a⍙32⍙b" and demangle("⍙a⍙32⍙b") == "a b"
    assert demangle("⍙abc") == "⍙abc"                       # not a name mangling made
    for name in ["", "-", "x.y", "1", "é", "a⍙9082⍙"]:
        assert demangle(mangle(name)) == name


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("1 ⎕JSON 1 2 3", "[1,2,3]"),
    ("⎕JSON 1 2 3", "[1,2,3]"),                          # not characters: export
    ("1 ⎕JSON 'abc'", '"abc"'),
    ("1 ⎕JSON 'a'", '"a"'),
    ("1 ⎕JSON ''", '""'),
    ("1 ⎕JSON ⍬", "[]"),
    ("1 ⎕JSON 42", "42"),
    ("1 ⎕JSON ¯2.5 0.1 1E20 1E¯5", "[-2.5,0.1,1E20,1E-5]"),
    ("1 ⎕JSON 1 0 1=1", "[1,0,1]"),
    ("1 ⎕JSON 'null' 'true' 'false'", '["null","true","false"]'),
    ("1 ⎕JSON ⊂¨'null' 'true' 'false'", "[null,true,false]"),
    ("1 ⎕JSON 42 'text'(⊂1 'null')(⊂1 'true')(⊂1 'false')", '[42,"text",null,true,false]'),
    ("1 ⎕JSON 42 'text'(⊂'null')(⊂'true')(⊂'false')", '[42,"text",null,true,false]'),
    ("1 ⎕JSON 'a\"b\\c',⎕UCS 10 9 1", '"a\\"b\\\\c\\n\\t\\u0001"'),
    ("1 ⎕JSON (1 2)('ab' (3 4))", '[[1,2],["ab",[3,4]]]'),
    ("1 ⎕JSON ⎕NS ⍬", "{}"),
    ("(⎕JSON⍠'Compact' 0) 1 2 3", "[\n  1,\n  2,\n  3\n]"),
    ("1 (⎕JSON⍠'Charset' 'ASCII') 'dé' 'DÉ'", '["d\\u00E9","D\\u00C9"]'),
    ("1 (⎕JSON⍠'HighRank' 'Split') 2 3⍴⍳6", "[[1,2,3],[4,5,6]]"),
    ("1 (⎕JSON⍠'HighRank' 'Split') 2 3⍴'ABCDEF'", '["ABC","DEF"]'),
    ("1 (⎕JSON⍠'HighRank' 'Split') (2 2⍴'ABCD') (2 2 2⍴⍳8)", '[["AB","CD"],[[[1,2],[3,4]],[[5,6],[7,8]]]]'),
])
def test_export(backend, src, expected):
    assert text(run_on(src, backend)) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_export_documented_example(backend):
    exported = '{"a":{"b":["string 1","string 2"],"c":true,"d":{"e":false,"f⍺":["string 3",123,1000.2,null]}}}'
    assert text(run_on(J + "1 ⎕JSON j", backend)) == exported
    assert run_on(J + "⍴1 ⎕JSON j", backend) == 94
    indented = text(run_on(J + "1(⎕JSON⍠'Compact' 0)j", backend))
    assert indented.split("\n")[:4] == ["{", '  "a": {', '    "b": [', '      "string 1",']
    assert indented.split("\n")[-3:] == ["    }", "  }", "}"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_export_namespace(backend):
    src = "ns←⎕NS ⍬ ⋄ ns.range←⊂'true' ⋄ ns.min←0 ⋄ ns.max←500 ⋄ ns.values←75 300 ⋄ ns.f←{⍵} ⋄ "
    assert text(run_on(src + "1 ⎕JSON ns", backend)) == '{"max":500,"min":0,"range":true,"values":[75,300]}'
    inner = "ns←⎕NS ⍬ ⋄ ns.x←⎕NS ⍬ ⋄ ns.x.y←'z' ⋄ ns.v←ns.x ns.x ⋄ "
    assert text(run_on(inner + "1 ⎕JSON ns", backend)) == '{"v":[{"y":"z"},{"y":"z"}],"x":{"y":"z"}}'


@pytest.mark.parametrize("backend", BACKENDS)
def test_wrappers(backend):
    d = "items←'Knife' 'Fork' 'Spoon' ⋄ price←3 4 5 ⋄ qty←23 45 67 ⋄ fields←'Item' 'Price' 'Qty' ⋄ "
    rows = ['{"Item":"Knife","Price":3,"Qty":23}', '{"Item":"Fork","Price":4,"Qty":45}',
            '{"Item":"Spoon","Price":5,"Qty":67}']
    every = "[" + ",".join(rows) + "]"
    assert text(run_on(d + "1 ⎕JSON⊂2 (fields⍪⍉↑items price qty)", backend)) == every
    assert text(run_on(d + "1 ⎕JSON⊂3 ((⍉↑items price qty) fields)", backend)) == every
    assert text(run_on(d + "1 ⎕JSON⊂4 ((items price qty) fields)", backend)) == every
    assert text(run_on(d + "1 ⎕JSON⊂4 ((items price qty) fields) 2", backend)) == "[" + rows[1] + "]"
    assert text(run_on(d + "1 ⎕JSON⊂4 ((items price qty) fields)(⊂⍬)(1 3)", backend)) == \
        '[{"Item":"Knife","Qty":23},{"Item":"Fork","Qty":45},{"Item":"Spoon","Qty":67}]'
    assert text(run_on(d + "1 ⎕JSON⊂4 ((items price qty) fields) 2 (1 3)", backend)) == '[{"Item":"Fork","Qty":45}]'
    split = "1 (⎕JSON⍠'HighRank' 'Split')⊂4 (((↑items) price qty) fields)"
    assert text(run_on(d + split, backend)).startswith('[{"Item":"Knife","Price":3,"Qty":23},{"Item":"Fork ",')


@pytest.mark.parametrize("backend", BACKENDS)
def test_matrix_form(backend):
    m = run_on("0(⎕JSON⍠'Format' 'M')'{\"values\": [ 75, 300 ]}'", backend)
    assert m.shape == (4, 4)
    assert [int(x) for x in m[:, 0]] == [0, 1, 2, 2] and [int(x) for x in m[:, 3]] == [1, 2, 3, 3]
    assert text(m[1, 1]) == "values" and int(m[2, 2]) == 75 and int(m[3, 2]) == 300
    src = "1(⎕JSON⍠'M')0(⎕JSON⍠'M')'{\"a\":[1,\"x\",true,null],\"b\":{}}'"
    assert text(run_on(src, backend)) == '{"a":[1,"x",true,null],"b":{}}'
    bad = "M←0(⎕JSON⍠'Format' 'M')'{\"values\": [ 75, 300 ]}' ⋄ M[3;3]←⊂'75' ⋄ 1(⎕JSON⍠'Format' 'M')M"
    assert error_on(bad, backend) == "DOMAIN ERROR"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src", [
    "1 ⎕JSON 0 ⎕JSON '[1,\"a\",[2.5,[]],{\"k\":\"v\"}]'",
    "1 ⎕JSON 0 ⎕JSON '{\"x y\":[true,false,null],\"⍺\":{\"\":-1.5e-7}}'",
    "1 ⎕JSON 0 ⎕JSON '\"\\\\\\\"\\u0001\"'",
])
def test_round_trips(backend, src):
    once = run_on(src, backend)
    twice = run_on(src.replace("1 ⎕JSON 0 ⎕JSON", "1 ⎕JSON 0 ⎕JSON 1 ⎕JSON 0 ⎕JSON", 1), backend)
    same(once, twice)


@pytest.mark.parametrize("backend", BACKENDS)
def test_round_trip_values(backend):
    for v in ["1 2 3", "'abc'", "(1 2)('ab' (3 4))", "0.1 ¯2.5 1E300", "⍳0", "(,'a') 'bc'"]:
        assert run_on(f"x←{v} ⋄ x≡0 ⎕JSON 1 ⎕JSON x", backend) == 1, v


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, name", [
    ("0 ⎕JSON '[1,'", "DOMAIN ERROR"),
    ("0 ⎕JSON 'abc'", "DOMAIN ERROR"),
    ("⎕JSON ''", "DOMAIN ERROR"),
    ("0 ⎕JSON '[NaN]'", "DOMAIN ERROR"),
    ("0 ⎕JSON '1e999'", "DOMAIN ERROR"),
    ("0 ⎕JSON 1 2 3", "DOMAIN ERROR"),
    ("2 ⎕JSON 1", "DOMAIN ERROR"),
    ("1 ⎕JSON 2 2⍴⍳4", "DOMAIN ERROR"),                  # rank 2 without HighRank
    ("1 ⎕JSON ⊂⊂1 2", "DOMAIN ERROR"),                   # a nested scalar
    ("1 ⎕JSON 1J2", "DOMAIN ERROR"),
    ("ns←⎕NS ⍬ ⋄ ns.me←ns ⋄ 1 ⎕JSON ns", "DOMAIN ERROR"),
    ("1 (⎕JSON⍠'Compact' 2) 1", "DOMAIN ERROR"),
    ("1 (⎕JSON⍠'Nope' 1) 1", "DOMAIN ERROR"),
    ("1 (⎕JSON⍠'Dialect' 'JSON5') 1", "NONCE ERROR"),
    ("1 (⎕JSON⍠'Null' 0) 1", "NONCE ERROR"),
])
def test_errors(backend, src, name):
    assert error_on(src, backend) == name


def test_deep_nesting_is_an_apl_error():
    deep = "[" * 5000 + "]" * 5000
    assert error_on(f"0 ⎕JSON '{deep}'") in ("DOMAIN ERROR", "LIMIT ERROR", "WS FULL")


def test_trappable():
    assert run_on("{11::⎕EN ⋄ 0 ⎕JSON ⍵}'[1,'") == 11


def test_functions_with_options_describe_them_so_that_save_keeps_them():
    from apl.repl.workspace import workspace_source

    s = apl.Session()
    s.eval("j←⎕JSON⍠'Compact' 0 ⋄ m←⎕JSON⍠'M' ⋄ d←⎕JSON ⋄ p←⎕NPUT⍠('NEOL' ¯1) ⋄ q←⎕NPUT")
    text, warnings = workspace_source(s)
    assert warnings == []
    for line in ["j←⎕JSON⍠('Compact' 0)", "m←⎕JSON⍠('Format' 'M')", "d←⎕JSON", "p←⎕NPUT⍠('NEOL' ¯1)", "q←⎕NPUT"]:
        assert line in text.splitlines(), (line, text)
