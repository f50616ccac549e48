"""No inline style=/on*= attributes and no inline script without a nonce, in templates/ and
in rendered public pages."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import PUBLIC_PAGES, ROOT

TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
STYLE_ATTR = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_ATTR = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def inline_problems(html: str) -> list[str]:
    problems = []
    if STYLE_ATTR.search(html):
        problems.append("style= attribute")
    if EVENT_ATTR.search(html):
        problems.append("on*= event attribute")
    for attrs in SCRIPT_TAG.findall(html):
        is_data = re.search(r'type\s*=\s*"application/(ld\+)?json"', attrs)
        if "src=" not in attrs and "nonce=" not in attrs and not is_data:
            problems.append(f"inline <script{attrs}> without a nonce")
    return problems


def test_scanner_finds_problems():
    assert inline_problems('<p style="color:red">') == ["style= attribute"]
    assert inline_problems('<a href="#" onclick="x()">') == ["on*= event attribute"]
    assert inline_problems("<script>alert(1)</script>")
    assert not inline_problems('<script nonce="{{ request.csp_nonce }}">x</script>')
    assert not inline_problems('<script src="/static/a.js"></script>')
    assert not inline_problems('<a class="button" href="/online/">')


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_template_has_no_inline_code(path: Path):
    assert inline_problems(path.read_text()) == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", [*PUBLIC_PAGES.values(), "/no-such-page/"])
def test_rendered_page_has_no_inline_code(client, url):
    response = client.get(url)
    html = response.content.decode()
    assert inline_problems(html) == []
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            assert attr != "style" and not attr.startswith("on"), (tag.name, attr)
