"""Front-end budgets and rules that need no browser: sizes, no third parties, no inline code."""

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "static"
TEMPLATES = ROOT / "templates"

CSS_BUDGET = 30 * 1024  # gzipped bytes, all stylesheets together
JS_BUDGET = 15 * 1024  # gzipped bytes, all scripts together


def gzipped_size(paths):
    return sum(len(gzip.compress(p.read_bytes(), compresslevel=9)) for p in paths)


def test_css_is_under_30_kb_gzipped():
    files = sorted(STATIC.rglob("*.css"))
    assert files, "no stylesheets found"
    size = gzipped_size(files)
    assert size < CSS_BUDGET, f"CSS is {size} bytes gzipped ({[f.name for f in files]})"


def test_js_is_under_15_kb_gzipped():
    files = sorted(STATIC.rglob("*.js"))
    assert files, "no scripts found"
    size = gzipped_size(files)
    assert size < JS_BUDGET, f"JS is {size} bytes gzipped ({[f.name for f in files]})"


def test_static_files_load_nothing_from_other_sites():
    for path in [*STATIC.rglob("*.css"), *STATIC.rglob("*.js")]:
        text = path.read_text()
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", text), path
        assert "fonts.googleapis" not in text and "cdn" not in text.lower(), path


TEMPLATE_FILES = sorted(TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_styles_scripts_or_third_party_assets(path):
    text = path.read_text()
    soup = BeautifulSoup(text, "html.parser")
    assert not soup.find_all(style=True), "inline style= attribute (breaks a strict CSP)"
    assert not soup.find_all("style"), "inline <style> element"
    for script in soup.find_all("script"):
        assert (
            script.get("src")
            or script.get("type") in ("application/ld+json",)
            or script.get("nonce")
        ), "inline <script> without a nonce"
        if script.get("src"):
            src = script["src"]
            assert "{% static" in src or "{% url" in src or src.startswith("/"), src
    assert not re.search(r"<(link|script|img)[^>]+(src|href)=[\"']https?://", text)
    assert not re.search(r"\son[a-z]+=[\"']", text), "inline event handler attribute"


def test_base_template_loads_script_deferred_from_own_origin(client, db):
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script", src=True)
    assert scripts
    for script in scripts:
        assert script["src"].startswith("/static/")
        assert script.has_attr("defer") or script.get("type") == "module"
    sheets = soup.find_all("link", rel="stylesheet")
    assert {s["href"].rsplit("/", 1)[-1].split(".")[0] for s in sheets} >= {"site", "print"}
    assert all(s["href"].startswith("/static/") for s in sheets)
    print_sheet = next(s for s in sheets if "print" in s["href"])
    assert print_sheet.get("media") == "print"  # does not block rendering on screen


def test_stylesheet_defines_the_design_tokens_and_preferences():
    css = (STATIC / "css" / "site.css").read_text()
    for token in ("--color-text", "--color-bg", "--color-focus", "--space-3", "--measure"):
        assert token in css
    assert "@media (prefers-color-scheme: dark)" in css
    assert "@media (prefers-reduced-motion: reduce)" in css
    assert ":focus-visible" in css
    for component in ("c-error-summary", "c-field--error", "c-skip-link", "c-crisis", "fieldset"):
        assert component in css


def test_editors_get_wagtail_accessibility_checker_in_the_userbar(client, db, django_user_model):
    admin = django_user_model.objects.create_superuser("editor-a11y", "editor@example.com", "x")
    client.force_login(admin)
    response = client.get("/")
    soup = BeautifulSoup(response.content, "html.parser")
    userbar = soup.find(attrs={"data-wagtail-userbar": True})
    assert userbar is not None
    assert userbar.find(id="checker-trigger") is not None  # the axe-based content checker
    assert soup.find(id="checker-axe-configuration") is not None


def test_visitors_get_no_userbar(client, db):
    response = client.get("/")
    assert b"data-wagtail-userbar" not in response.content
