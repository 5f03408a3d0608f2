"""⎕NGET ⎕NPUT ⎕NEXISTS ⎕NDELETE ⎕MKDIR ⎕NPARTS (apl/runtime/native_files.py), against the
examples of Dyalog's Language Reference (language-reference-guide/docs/system-functions/nget.md,
nput.md, nexists.md, ndelete.md, mkdir.md, nparts.md) and the error numbers of the Programming
Reference (error-messages/apl-errors.md: FILE ACCESS ERROR 19, FILE NAME ERROR 22), on both
backends. Every file lives under pytest's tmp_path."""
import os

import numpy as np
import pytest
from apl_values import BACKENDS, chars, error_on, nested, run_on, same


def text(v):
    return "".join(np.asarray(v).reshape(-1).tolist())


def q(path):
    """A path as an APL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


@pytest.mark.parametrize("backend", BACKENDS)
def test_nput_documented_examples(backend, tmp_path):
    f = q(tmp_path / "writing.txt")
    src = (f"txt←'mene' 'mene' 'tekel' 'upharsin' ⋄ a←(⊂txt) ⎕NPUT {f} ⋄ "
           f"b←(⊂'adding' '3' 'lines')⎕NPUT {f} 2 ⋄ LF←⎕UCS 10 ⋄ t←'adding',LF,'3',LF,'lines',LF ⋄ "
           f"c←t ⎕NPUT {f} 2 ⋄ a b c")
    same(run_on(src, backend), np.array([25, 15, 15]))
    assert (tmp_path / "writing.txt").read_bytes() == b"mene\nmene\ntekel\nupharsin\n" + b"adding\n3\nlines\n" * 2


@pytest.mark.parametrize("backend", BACKENDS)
def test_nput_neol(backend, tmp_path):
    f = q(tmp_path / "w.txt")
    t = "LF CR←⎕UCS 10 13 ⋄ t←'adding',LF,'3',CR,'lines',CR,LF ⋄ "
    crlf = "(t 'UTF-8' (13 10))"
    assert run_on(t + f"{crlf} ⎕NPUT {f} 1", backend) == 17                  # LF → CRLF
    assert (tmp_path / "w.txt").read_bytes() == b"adding\r\n3\rlines\r\n"
    assert run_on(t + f"{crlf}(⎕NPUT⍠'NEOL' 0) {f} 1", backend) == 16
    assert run_on(t + f"{crlf}(⎕NPUT⍠'NEOL' 2) {f} 1", backend) == 18
    assert (tmp_path / "w.txt").read_bytes() == b"adding\r\n3\r\nlines\r\n"
    assert run_on(f"('a1' 'b1')(⎕NPUT⍠'NEOL' ¯1) {f} 1", backend) == 5
    assert (tmp_path / "w.txt").read_bytes() == b"a1\nb1"


@pytest.mark.parametrize("backend", BACKENDS)
def test_nget(backend, tmp_path):
    p = tmp_path / "r.txt"
    p.write_bytes(b"one\r\ntwo\nthree\r\n")
    got = run_on(f"⎕NGET {q(p)}", backend)
    same(got, nested(chars("one\ntwo\nthree\n"), chars("UTF-8-NOBOM"), np.array([13, 10])))
    got = run_on(f"⎕NGET {q(p)} 1", backend)
    same(got[0], nested(chars("one"), chars("two"), chars("three")))
    same(run_on(f"⊃⎕NGET {q(p)} 2", backend), np.array([list("one  "), list("two  "), list("three")]))
    p.write_bytes("\ufeffé\n".encode("utf-8"))
    same(run_on(f"⎕NGET {q(p)}", backend), nested(chars("é\n"), chars("UTF-8-BOM"), 10))
    p.write_bytes("ab".encode("utf-16-le"))
    same(run_on(f"'UTF-16LE' ⎕NGET {q(p)}", backend), nested(chars("ab"), chars("UTF-16LE-NOBOM"), np.zeros(0)))
    p.write_bytes(b"caf\xe9")                                                 # not UTF-8: Windows-1252
    same(run_on(f"2↑⎕NGET {q(p)}", backend), nested(chars("café"), chars("Windows-1252")))
    p.write_bytes(b"")
    same(run_on(f"⊃⎕NGET {q(p)} 1", backend), np.empty(0, dtype=object))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("encoding, data", [
    ("UTF-8", "aé€\n".encode("utf-8")),
    ("UTF-8-BOM", "\ufeffaé€\n".encode("utf-8")),
    ("UTF-16", "\ufeffaé€\n".encode("utf-16-le")),
    ("UTF-16BE-NOBOM", "aé€\n".encode("utf-16-be")),
    ("UTF-32LE", "\ufeffaé€\n".encode("utf-32-le")),
    ("Windows-1252", "aé€\n".encode("cp1252")),
])
def test_encodings_round_trip(backend, tmp_path, encoding, data):
    p = tmp_path / "e.txt"
    n = run_on(f"('aé€' '{encoding}') ⎕NPUT {q(p)}", backend)
    assert p.read_bytes() == data and n == len(data)
    assert text(run_on(f"⊃⎕NGET {q(p)}", backend) if "NOBOM" not in encoding or "8" in encoding else
                run_on(f"⊃'{encoding}' ⎕NGET {q(p)}", backend)) == "aé€\n"


@pytest.mark.parametrize("backend", BACKENDS)
def test_relative_names_from_the_current_directory(backend, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_on("'hi' ⎕NPUT 'rel.txt'", backend) == 3
    assert (tmp_path / "rel.txt").read_text() == "hi\n"
    assert run_on("⎕NEXISTS 'rel.txt'", backend) == 1
    same(run_on("1 ⎕NPARTS 'rel.txt'", backend), nested(chars(os.getcwd() + "/"), chars("rel"), chars(".txt")))
    same(run_on("⊃1 ⎕NPARTS ''", backend), chars(os.getcwd() + "/"))
    same(run_on("1 ⎕NPARTS '.'", backend)[:2], nested(chars(os.path.dirname(os.getcwd()) + "/"),
                                                           chars(os.path.basename(os.getcwd())))[:2])


@pytest.mark.parametrize("backend", BACKENDS)
def test_nexists_mkdir_ndelete(backend, tmp_path):
    t = q(tmp_path / "temp")
    t2 = q(tmp_path / "temp/t1/t2")
    assert run_on(f"⎕NEXISTS {t}", backend) == 0
    assert run_on(f"⎕MKDIR {t}", backend) == 1
    assert error_on(f"⎕MKDIR {t}", backend) == "FILE NAME ERROR"         # already exists
    assert error_on(f"⎕MKDIR {t2}", backend) == "FILE NAME ERROR"        # no parent
    assert run_on(f"2 ⎕MKDIR {t2}", backend) == 1
    assert run_on(f"1 ⎕MKDIR {t2}", backend) == 0
    same(run_on(f"⎕NEXISTS {t2} ({t2},'/pd') {t}", backend), np.array([True, False, True]))
    assert run_on(f"⎕NDELETE {t2}", backend) == 1
    assert error_on(f"⎕NDELETE {t2}", backend) == "FILE NAME ERROR"
    assert run_on(f"1 ⎕NDELETE {t2}", backend) == 0
    hw = q(tmp_path / "temp/hw.txt")
    assert run_on(f"'Hello World' ⎕NPUT {hw}", backend) == 12
    assert error_on(f"⎕NDELETE {t}", backend) == "FILE ACCESS ERROR"     # not empty
    assert run_on(f"2 ⎕NDELETE {t}", backend) == 1
    assert not (tmp_path / "temp").exists()
    a, b = q(tmp_path / "a"), q(tmp_path / "b")
    same(run_on(f"⎕MKDIR {a} {b}", backend), np.array([True, True]))
    same(run_on(f"⎕NDELETE {a} {b}", backend), np.array([1, 1]))
    same(run_on("⎕NEXISTS 0⍴⊂''", backend), np.zeros(0, dtype=bool))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("src, expected", [
    ("⎕NPARTS '/a/b/c.txt'", ["/a/b/", "c", ".txt"]),
    ("⎕NPARTS 'c.tar.gz'", ["", "c.tar", ".gz"]),
    ("⎕NPARTS '/a/b/'", ["/a/b/", "", ""]),
    ("⎕NPARTS 'noext'", ["", "noext", ""]),
    ("⎕NPARTS '..'", ["", "..", ""]),
    ("1 ⎕NPARTS '/home/andys/./..'", ["/home/andys/", "..", ""]),
    ("1 ⎕NPARTS '//x//./y.z'", ["/x/", "y", ".z"]),
])
def test_nparts(backend, src, expected):
    assert [text(x) for x in run_on(src, backend)] == expected


def test_nparts_of_several():
    got = run_on("⎕NPARTS '/a/b.c' 'd'")
    assert [[text(x) for x in item] for item in got] == [["/a/", "b", ".c"], ["", "d", ""]]


@pytest.mark.parametrize("backend", BACKENDS)
def test_errors(backend, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative names: the messages hold no "torch" of tmp_path's name
    tmp_path = type(tmp_path)("")
    missing = q(tmp_path / "missing.txt")
    there = tmp_path / "there.txt"
    there.write_text("x\n")
    assert error_on(f"⎕NGET {missing}", backend) == "FILE NAME ERROR"
    assert error_on("⎕NGET '.'", backend) == "FILE NAME ERROR"   # a directory
    assert error_on(f"'y' ⎕NPUT {q(there)}", backend) == "FILE NAME ERROR"  # exists, no flag
    assert error_on(f"'y' ⎕NPUT {q(tmp_path / 'no/such/dir.txt')} 1", backend) == "FILE NAME ERROR"
    assert error_on(f"(⊂1 2) ⎕NPUT {q(there)} 1", backend) == "DOMAIN ERROR"
    assert error_on(f"('x' 'UTF-8' 7) ⎕NPUT {q(there)} 1", backend) == "DOMAIN ERROR"
    assert error_on(f"('é' 'ASCII') ⎕NPUT {q(there)} 1", backend) == "DOMAIN ERROR"
    assert error_on(f"'y' ⎕NPUT {q(there)} 3", backend) == "DOMAIN ERROR"
    assert error_on(f"('x' 'EBCDIC' 10) ⎕NPUT {q(there)} 1", backend) == "DOMAIN ERROR"
    assert error_on("⎕NEXISTS 1 2", backend) == "DOMAIN ERROR"
    assert error_on("5 ⎕MKDIR 'x'", backend) == "DOMAIN ERROR"
    assert error_on("(⎕NEXISTS⍠'Wildcard' 1) 'x'", backend) == "NONCE ERROR"
    assert error_on("⎕NGET 'a',(⎕UCS 0),'b'", backend) == "FILE NAME ERROR"
    assert there.read_text() == "x\n"


def test_permission_denied_is_file_access_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may read any file")
    p = tmp_path / "secret.txt"
    p.write_text("s")
    p.chmod(0)
    assert error_on(f"⎕NGET {q(p)}") == "FILE ACCESS ERROR"


def test_trappable(tmp_path):
    missing = q(tmp_path / "missing.txt")
    assert run_on(f"{{22::⎕EN ⋄ ⎕NGET ⍵}}{missing}") == 22
    assert run_on(f"{{0::⎕EN ⋄ ⎕NGET ⍵}}{missing}") == 22
    assert run_on("{19::⎕EN ⋄ ⎕SIGNAL 19}0") == 19


def test_shy_results(tmp_path):
    from apl_values import shown
    f = q(tmp_path / "s.txt")
    d = q(tmp_path / "d")
    assert shown(f"'x' ⎕NPUT {f} ⋄ ⎕MKDIR {d} ⋄ ⎕NDELETE {d}") == []
    assert len(shown(f"⎕NEXISTS {f}")) == 1
