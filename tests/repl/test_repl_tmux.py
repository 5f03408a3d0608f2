"""End to end: `apl` on a real terminal (inside tmux), typed at and read off the screen.

Skipped where tmux is not installed. Each test runs its own tmux server (a private socket) and
kills it (and removes its socket) afterwards, whatever happens.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
ROOT = Path(__file__).resolve().parents[2]


class Terminal:
    def __init__(self, data_home: Path):
        self.dir = tempfile.mkdtemp(prefix="apltmux")  # short: socket paths are limited to ~100 bytes
        self.socket = os.path.join(self.dir, "s")
        self.data_home = data_home

    def tmux(self, *args, check=True):
        return subprocess.run([TMUX, "-S", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=10, check=check)

    def start(self):
        cmd = shlex.join(["env", f"XDG_DATA_HOME={self.data_home}", "APL_HISTORY=", "TERM=xterm-256color",
                          "LANG=C.UTF-8", "LC_ALL=C.UTF-8", sys.executable, "-m", "apl"])
        self.tmux("new-session", "-d", "-s", "apl", "-x", "100", "-y", "40", "-c", str(ROOT), cmd)

    def type(self, text: str, enter: bool = True):
        self.tmux("send-keys", "-t", "apl", "-l", text)
        if enter:
            self.tmux("send-keys", "-t", "apl", "Enter")

    def key(self, name: str):
        self.tmux("send-keys", "-t", "apl", name)

    def screen(self) -> list[str]:
        p = self.tmux("capture-pane", "-p", "-t", "apl", check=False)
        return p.stdout.splitlines()

    def wait_for(self, predicate, timeout: float = 15.0) -> list[str]:
        deadline = time.monotonic() + timeout
        lines = self.screen()
        while time.monotonic() < deadline:
            if predicate(lines):
                return lines
            time.sleep(0.05)
            lines = self.screen()
        raise AssertionError("screen never showed what was expected:\n" + "\n".join(lines))

    def wait_line(self, text: str, count: int = 1, timeout: float = 15.0) -> list[str]:
        return self.wait_for(lambda lines: sum(line.rstrip() == text for line in lines) >= count, timeout)

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "apl", check=False).returncode == 0

    def close(self):
        try:
            self.tmux("kill-server", check=False)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def term(tmp_path):
    t = Terminal(tmp_path)
    t.start()
    try:
        yield t
    finally:
        t.close()


def test_session_on_a_terminal(term):
    term.type("1+1")
    term.wait_line("2")

    # prefix keys give glyphs; input indented six spaces, results flush left
    term.type("2 3`r`i 6")
    lines = term.wait_line("4 5 6")
    assert "      2 3⍴⍳ 6" in [line.rstrip() for line in lines]
    assert "1 2 3" in [line.rstrip() for line in lines]

    # an error is shown Dyalog's way and the session goes on
    term.type("1 2+3 4 5")
    lines = term.wait_for(lambda ls: any(line.startswith("LENGTH ERROR") for line in ls))
    i = next(k for k, line in enumerate(lines) if line.startswith("LENGTH ERROR"))
    assert lines[i + 1].rstrip() == "      1 2+3 4 5"
    assert lines[i + 2].rstrip() == "         ∧"

    # a dfn over several lines
    term.type("f←{")
    term.type("⍵×2}")
    term.type("f 21")
    term.wait_line("42")

    # Ctrl-C interrupts a runaway computation; the workspace is intact
    term.type("x←7 8 9")
    term.type("{∇⍵}0")
    time.sleep(0.5)
    term.key("C-c")
    term.wait_line("INTERRUPT")
    term.type("x")
    term.wait_line("7 8 9")

    # Tab completes glyph names
    term.type("+/iota\t4", enter=True)
    term.wait_line("10")

    # )off leaves; the history was kept in $XDG_DATA_HOME/apl/history
    term.type(")off")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not term.alive()
    history = (term.data_home / "apl" / "history").read_text(encoding="utf-8")
    assert "+f 21" in history and "+2 3⍴⍳ 6" in history


def test_ctrl_d_leaves(term):
    term.type("1+1")
    term.wait_line("2")
    term.key("C-d")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not term.alive()
