"""MkDocs hook (mkdocs.yml `hooks:`): the examples' and the benchmarks' pages on the site.

The pages in docs/ link to files beside the code, as they must to work on a code host:
`../examples/matmul/README.md`, `../bench/README.md`, pictures under `examples/`. This hook
mounts those files into the site at the same place relative to the repository (so
`examples/matmul/README.md` becomes the page `examples/matmul/`), and rewrites each relative
link that leaves docs/ (or, from a mounted page, goes into docs/) to its place on the site.
A link to something the site does not hold (a folder, a test file) becomes plain text naming
the path, so `mkdocs build --strict` stays green without hiding broken links among the pages.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parents[1]
# what the site mounts, relative to the repository (outputs of runs, under out/, stay out)
MOUNTS = ["bench/README.md", "examples/*.apl", "examples/*/README.md", "examples/*/*.png", "examples/*/*.apl",
          "examples/*/*.py", "examples/*/images/*.png", "examples/*/images/*.md"]

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_LINK = re.compile(r"(!?\[[^\]\n]*\])\(([^()\s]+)\)")


def mounted() -> list[str]:
    """The repository paths (posix) that the site holds besides docs/."""
    out = set()
    for pattern in MOUNTS:
        for p in ROOT.glob(pattern):
            if p.is_file() and "out" not in p.relative_to(ROOT).parts:
                out.add(p.relative_to(ROOT).as_posix())
    return sorted(out)


def on_files(files, config):
    for path in mounted():
        f = File(path, str(ROOT), config["site_dir"], config["use_directory_urls"])
        f.inclusion = InclusionLevel.NOT_IN_NAV if path.endswith(".md") else InclusionLevel.INCLUDED
        files.append(f)
    return files


_MOUNTED: set = set()


def _site_path(repo_target: str, site_files: set) -> str | None:
    """Where a repository path is on the site: docs/X at X, mounted files where they are."""
    if repo_target.startswith("docs/"):
        return repo_target[5:] if repo_target[5:] in site_files else None
    return repo_target if repo_target in _MOUNTED else None


def rewrite_links(markdown: str, repo_path: str, site_path: str, site_files: set) -> str:
    """Links of the page at repo_path (shown at site_path on the site) made to work on the site."""
    here = posixpath.dirname(repo_path)

    def fix(m):
        label, target = m.group(1), m.group(2)
        if re.match(r"[a-z]+:|#|/", target):
            return m.group(0)  # a URL, an anchor on this page, an absolute path
        path, hash_, anchor = target.partition("#")
        repo_target = posixpath.normpath(posixpath.join(here, path))
        if repo_target.startswith(".."):
            return m.group(0)
        site_target = _site_path(repo_target, site_files)
        if site_target is None:
            if not (ROOT / repo_target).exists():
                return m.group(0)  # a broken link (MkDocs reports it), or APL in brackets
            text = label[2:-1] if label.startswith("!") else label[1:-1]
            return f"`{repo_target}`" if text.strip("`") in (repo_target, path) else f"{text} (`{repo_target}`)"
        rel = posixpath.relpath(site_target, posixpath.dirname(site_path) or ".")
        return f"{label}({rel}{hash_}{anchor})"

    out, last = [], 0
    for fence in _FENCE.finditer(markdown):
        out.append(_LINK.sub(fix, markdown[last:fence.start()]))
        out.append(fence.group(0))
        last = fence.end()
    out.append(_LINK.sub(fix, markdown[last:]))
    return "".join(out)


def on_page_markdown(markdown, page, config, files):
    if not _MOUNTED:
        _MOUNTED.update(mounted())
    site_files = {f.src_uri for f in files}
    src = page.file.src_uri
    repo_path = src if src in _MOUNTED else "docs/" + src
    return rewrite_links(markdown, repo_path, page.file.src_uri, site_files)
