"""Build the documentation site and look at it in headless Chromium.

    python docs/check_site.py                 # build into a temporary folder, check, report
    python docs/check_site.py --out shots     # and keep the screenshots there
    python docs/check_site.py --site site --no-build      # check a site built already

What it checks:

1. `mkdocs build --strict` succeeds (unless --no-build).
2. Every internal link and image of every page resolves: the file exists and, for `#anchor`,
   the element with that id does (read from the built HTML, no browser needed).
3. In Chromium (served from 127.0.0.1, on a port of its own), the glyph reference and the
   tutorial load with no console error, no uncaught exception and no failed request; their
   images have loaded; and no glyph of the reference's tables renders as a missing-glyph box.
   That check draws each glyph in the font the page gives the table, and compares the pixels
   with those of two unassigned code points (U+0378, U+0379), which no font has: a glyph drawn
   exactly as they are is a box. It first makes sure the comparison means something (the two
   boxes are alike, a letter differs from them).
4. Screenshots of the glyph table and of the tutorial's first screen go to --out.

Chromium comes from the distribution (Debian: `apt-get install chromium`); without it, step 3
and 4 are skipped with a message (exit status 0) unless --require-browser. It is driven over the
DevTools protocol on a pipe (--remote-debugging-pipe): no extra Python package. Exit status: 0
when every check passed, 1 otherwise. tests/docs/test_site.py runs it.
"""
from __future__ import annotations

import argparse
import base64
import contextlib
import functools
import html.parser
import http.server
import json
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BROWSER_PAGES = ["reference/", "tutorial/"]  # the pages opened in Chromium
MISSING = ("\u0378", "\u0379")  # unassigned code points: every font draws them as a box


# ------------------------------------------------------------------ build and links

def build(site: Path) -> list[str]:
    """mkdocs build --strict into site; the problems (empty when it built)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                       cwd=ROOT, capture_output=True, text=True, env=env, timeout=600, check=False)
    if r.returncode:
        return [f"mkdocs build --strict failed ({r.returncode}):\n{r.stdout}{r.stderr}"]
    return []


class _Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif value and ((name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "script"))):
                self.refs.append((tag, name, value))


def _target_file(site: Path, path: str) -> Path | None:
    f = site / path.lstrip("/")
    if f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


def check_links(site: Path) -> tuple[list[str], int]:
    """Every internal href and src of every page resolves (anchors too); (problems, links checked)."""
    parsed: dict[Path, _Page] = {}

    def page(f: Path) -> _Page:
        if f not in parsed:
            p = _Page()
            p.feed(f.read_text(encoding="utf-8", errors="replace"))
            parsed[f] = p
        return parsed[f]

    problems, checked = [], 0
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel.startswith("search/"):
            continue
        base = "/" + rel
        for _, attr, value in page(f).refs:
            parts = urlsplit(value)
            if parts.scheme or parts.netloc or value.startswith(("mailto:", "data:", "javascript:")):
                continue
            checked += 1
            target = unquote(urljoin(base, parts.path)) if parts.path else base
            tf = _target_file(site, posixpath.normpath(target)) if parts.path else f
            if tf is None:
                problems.append(f"{rel}: {attr}={value!r} does not resolve")
            elif parts.fragment and tf.suffix == ".html" and unquote(parts.fragment) not in page(tf).ids:
                problems.append(f"{rel}: {attr}={value!r}: no element with id {parts.fragment!r}")
    return problems, checked


# ------------------------------------------------------------------ the browser

def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class DevTools:
    """The DevTools protocol over Chromium's --remote-debugging-pipe (fds 3 and 4, messages
    ending in a NUL byte)."""

    def __init__(self, chromium: str, profile: str):
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def fds():
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-sync", "--disable-component-update", "--mute-audio", "--hide-scrollbars",
                "--window-size=1280,1000", "--force-device-scale-factor=1", f"--user-data-dir={profile}",
                "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(args, preexec_fn=fds, stdin=subprocess.DEVNULL,  # noqa: PLW1509
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._id = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cv = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cv:
                    self._cv.notify_all()
                return
            buf += chunk
            *messages, buf = buf.split(b"\0")
            with self._cv:
                for m in messages:
                    msg = json.loads(m)
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        self.events.append(msg)
                self._cv.notify_all()

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 60):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_browser, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._cv:
            while self._id not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise TimeoutError(f"no reply to {method}")
                self._cv.wait(left)
            reply = self._replies.pop(self._id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str, session: str, since: int, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        with self._cv:
            while True:
                for e in self.events[since:]:
                    if e.get("method") == method and e.get("sessionId") == session:
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no {method} event")
                self._cv.wait(left)

    def close(self):
        with contextlib.suppress(Exception):  # it may be gone already
            self.send("Browser.close", timeout=5)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)


_GLYPH_CHECK = r"""
(async () => {
  await document.fonts.ready;
  const cells = [...document.querySelectorAll("article table td:first-child code")];
  if (!cells.length) return {error: "no glyph table"};
  const family = getComputedStyle(cells[0]).fontFamily;
  const canvas = document.createElement("canvas");
  canvas.width = 96; canvas.height = 64;
  const ctx = canvas.getContext("2d", {willReadFrequently: true});
  const draw = (ch) => {
    ctx.clearRect(0, 0, 96, 64);
    ctx.font = `40px ${family}`;
    ctx.fillStyle = "#000";
    ctx.textBaseline = "middle";
    ctx.fillText(ch, 16, 32);
    return ctx.getImageData(0, 0, 96, 64).data.join(",");
  };
  const boxes = MISSING.map(draw);
  const chars = [...new Set(cells.flatMap((c) => [...c.textContent.trim()]))];
  const missing = chars.filter((ch) => { const d = draw(ch); return boxes.includes(d) || !/[1-9]/.test(d); });
  return {family, glyphs: chars.length, missing,
          sound: boxes[0] === boxes[1] && !boxes.includes(draw("A")) && /[1-9]/.test(draw("A"))};
})()
"""

_RENDER_CHECK = r"""
(() => {
  const imgs = [...document.images];
  return {
    title: document.title,
    article: !!document.querySelector("article"),
    codeBlocks: document.querySelectorAll("article pre code").length,
    images: imgs.length,
    brokenImages: imgs.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.getAttribute("src")),
  };
})()
"""

_TABLE_RECT = r"""
(() => {
  const t = document.querySelector("article table");
  if (!t) return null;
  const r = t.getBoundingClientRect();
  return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
})()
"""


def _evaluate(dt: DevTools, session: str, expression: str):
    r = dt.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True},
                session)
    if "exceptionDetails" in r:
        raise RuntimeError(f"script failed: {r['exceptionDetails'].get('text')}")
    return r["result"].get("value")


def _problems_in(events: list[dict], session: str) -> list[str]:
    out = []
    for e in events:
        if e.get("sessionId") != session:
            continue
        method, p = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append("exception: " + (d.get("exception", {}).get("description") or d.get("text", "")))
        elif method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append("console error: " + " ".join(str(a.get("value", a.get("description", "")))
                                                   for a in p.get("args", [])))
        elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            entry = p["entry"]
            out.append(f"log error: {entry.get('text')} {entry.get('url', '')}".rstrip())
    return out


def check_in_browser(site: Path, chromium: str, out: Path | None) -> tuple[list[str], list[str]]:
    """Open the pages in Chromium; (problems, notes)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems, notes = [], []
    with tempfile.TemporaryDirectory() as profile:
        dt = DevTools(chromium, profile)
        try:
            targets = dt.send("Target.getTargets")["targetInfos"]
            target = next(t["targetId"] for t in targets if t["type"] == "page")
            session = dt.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log"):
                dt.send(f"{domain}.enable", session=session)
            for path in BROWSER_PAGES:
                since = len(dt.events)
                dt.send("Page.navigate", {"url": base + path}, session)
                dt.wait_event("Page.loadEventFired", session, since)
                time.sleep(0.5)  # late errors: the search index, fonts
                seen = _evaluate(dt, session, _RENDER_CHECK)
                problems += [f"{path}: {p}" for p in _problems_in(dt.events[since:], session)]
                if not seen["article"]:
                    problems.append(f"{path}: no article rendered")
                problems += [f"{path}: image did not load: {src}" for src in seen["brokenImages"]]
                notes.append(f"{path}: {seen['title']!r}, {seen['codeBlocks']} code blocks, "
                             f"{seen['images']} images")
                if path == "reference/":
                    g = _evaluate(dt, session, "const MISSING = " + json.dumps(list(MISSING)) + ";" + _GLYPH_CHECK)
                    if "error" in g:
                        problems.append(f"{path}: {g['error']}")
                    elif not g["sound"]:
                        problems.append(f"{path}: cannot tell missing glyphs here (boxes differ, or a letter "
                                        "draws as one)")
                    else:
                        problems += [f"{path}: glyph {ch!r} (U+{ord(ch):04X}) renders as a missing-glyph box"
                                     for ch in g["missing"]]
                        notes.append(f"{path}: {g['glyphs']} glyph characters drawn in {g['family']}, "
                                     f"{len(g['missing'])} missing")
                    rect = _evaluate(dt, session, _TABLE_RECT)
                    if out is not None and rect:
                        _shot(dt, session, out / "reference-glyph-table.png", rect)
                elif out is not None:
                    _shot(dt, session, out / f"{path.strip('/')}.png", None)
        finally:
            dt.close()
            server.shutdown()
            server.server_close()
    return problems, notes


def _shot(dt: DevTools, session: str, path: Path, rect: dict | None) -> None:
    params = {"format": "png"}
    if rect:
        params.update(clip={**rect, "scale": 1}, captureBeyondViewport=True)
    data = dt.send("Page.captureScreenshot", params, session)["data"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(data))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# ------------------------------------------------------------------ main

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Build the documentation site and check it in headless Chromium.")
    p.add_argument("--site", help="the site folder (default: a temporary one)")
    p.add_argument("--no-build", action="store_true", help="check --site as it is")
    p.add_argument("--out", help="write screenshots here")
    p.add_argument("--chromium", help="the browser to run (default: chromium from PATH)")
    p.add_argument("--require-browser", action="store_true", help="fail when no Chromium is found")
    a = p.parse_args(argv)
    if a.no_build and not a.site:
        p.error("--no-build needs --site")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(a.site) if a.site else Path(tmp) / "site"
        out = Path(a.out) if a.out else None
        start = time.monotonic()
        problems = [] if a.no_build else build(site)
        if not a.no_build:
            print(f"built the site in {time.monotonic() - start:.1f} s")
        if problems:
            print("\n".join(problems))
            return 1
        link_problems, checked = check_links(site)
        print(f"checked {checked} internal links and images: {len(link_problems)} broken")
        problems += link_problems
        chromium = a.chromium or find_chromium()
        if chromium is None:
            print("no Chromium found (Debian: apt-get install chromium): the browser checks are skipped")
            if a.require_browser:
                problems.append("no Chromium")
        else:
            start = time.monotonic()
            browser_problems, notes = check_in_browser(site, chromium, out)
            print("\n".join(notes))
            print(f"looked at {len(BROWSER_PAGES)} pages in Chromium in {time.monotonic() - start:.1f} s: "
                  f"{len(browser_problems)} problems" + (f"; screenshots in {out}" if out else ""))
            problems += browser_problems
    for line in problems:
        print("PROBLEM:", line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
