"""The site is written in US English: templates and the content fixtures carry no common British
spelling ("licence", "organisation", "programme"...) and no day-month-year date."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from content.core.markdown_blocks import split_front_matter
from content.core.readability import uk_spellings

ROOT = Path(settings.BASE_DIR)
TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
READ_ATTRIBUTES = re.compile(r'\b(?:aria-label|title|alt|placeholder|content)="([^"]*)"')
URL = re.compile(r"https?://\S+|page:[\w#-]+")


def template_text(source: str) -> str:
    """What a reader can see or hear from a template: text and readable attributes."""
    source = TEMPLATE_CODE.sub(" ", source)
    readable = " ".join(READ_ATTRIBUTES.findall(source))
    return TAG.sub(" ", source) + " " + readable


def article_text(path: Path) -> str:
    """An article's own words: title, summary, main points and body (not the titles of the
    papers it cites, which keep their own spelling)."""
    front, body = split_front_matter(path.read_text(encoding="utf-8"))
    meta = yaml.safe_load(front)
    own = [meta.get("title", ""), meta.get("summary", ""), *meta.get("main_points", []), body]
    return URL.sub(" ", "\n".join(own))


TEMPLATES = sorted((ROOT / "templates").rglob("*.html")) + sorted(
    (ROOT / "templates").rglob("*.txt")
)
PAGES = sorted((ROOT / "fixtures" / "pages").glob("*.md"))
ARTICLES = sorted((ROOT / "fixtures" / "articles").glob("*.md"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_use_us_spelling(path):
    assert uk_spellings(template_text(path.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("path", PAGES + ARTICLES, ids=lambda p: str(p.relative_to(ROOT)))
def test_content_fixtures_use_us_spelling(path):
    text = article_text(path) if path in ARTICLES else URL.sub(" ", path.read_text("utf-8"))
    assert uk_spellings(text) == []


def test_site_settings_use_us_spelling():
    text = URL.sub(" ", (ROOT / "fixtures" / "site.yaml").read_text(encoding="utf-8"))
    text += URL.sub(" ", (ROOT / "fixtures" / "articles" / "index.yaml").read_text("utf-8"))
    assert uk_spellings(text) == []


def test_the_check_finds_british_spellings_and_dates():
    found = uk_spellings("Licence, organisation and programme; reviewed 1 November 2026.")
    assert found == ["Licence", "organisation", "programme", "1 November 2026"]
    assert uk_spellings("License, organization and program; reviewed November 1, 2026.") == []
    seen = template_text('<p aria-labelledby="x" title="Colour key">{{ licence }}</p>')
    assert uk_spellings(seen) == ["Colour"]  # the title is read; names in code are not
