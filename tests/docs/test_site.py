"""The documentation site builds with `mkdocs build --strict`, its links resolve, and it renders
in headless Chromium: docs/check_site.py does the work (see its docstring).

The build needs the docs extra (`pip install -e '.[docs]'`), the browser check Chromium from the
distribution (`apt-get install chromium`); each part is skipped without them. The whole takes
about 10 s. Set APL_DOCS_SCREENSHOTS=DIR to keep the screenshots (the glyph table, the tutorial).
"""
import importlib.util
import os
import sys
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _check_site():
    spec = importlib.util.spec_from_file_location("docs_check_site", DOCS / "check_site.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    pytest.importorskip("mkdocstrings_handlers.python")
    out = tmp_path_factory.mktemp("site") / "site"
    problems = _check_site().build(out)
    assert not problems, "\n".join(problems)
    return out


def test_the_site_builds_strict_and_every_internal_link_resolves(site):
    check = _check_site()
    problems, checked = check.check_links(site)
    assert checked > 1000
    assert not problems, "\n".join(problems)
    for page in ("index.html", "reference/index.html", "tutorial/index.html", "api-reference/index.html",
                 "examples/matmul/index.html", "bench/index.html", "keyboard.svg", "tutorial.ipynb"):
        assert (site / page).is_file(), page
    api = (site / "api-reference" / "index.html").read_text(encoding="utf-8")
    assert "apl.Session" in api and "Evaluate APL source" in api  # mkdocstrings read the docstrings


def test_the_site_works_offline(site):
    """No fonts, scripts or styles from elsewhere: every page's scripts and styles are the site's."""
    check = _check_site()
    for f in site.rglob("*.html"):
        page = check._Page()
        page.feed(f.read_text(encoding="utf-8"))
        outside = [v for tag, _, v in page.refs if v.startswith(("http:", "https:", "//")) and tag != "a"]
        assert not outside, f"{f.relative_to(site)} loads {outside}"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_the_glyph_reference_and_the_tutorial_render_in_chromium(site, tmp_path):
    check = _check_site()
    chromium = check.find_chromium()
    if chromium is None:
        pytest.skip("no Chromium (Debian: apt-get install chromium)")
    out = Path(os.environ.get("APL_DOCS_SCREENSHOTS") or tmp_path)
    problems, notes = check.check_in_browser(site, chromium, out)
    assert not problems, "\n".join(problems)
    assert any("0 missing" in n for n in notes), notes
    assert (out / "reference-glyph-table.png").stat().st_size > 10_000
