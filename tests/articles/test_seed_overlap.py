"""No sentence on the site is copied from the seed blog posts (shared CONTENT.md, "Sources").

The seeds live beside the repository (``<repo>/../shared/seeds``). A run of 8 or more words in
the same order as a seed counts as copying, after lower-casing and ignoring punctuation.
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from content.articles.models import ArticlePage

SEEDS_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
RUN = 8
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _WORD.findall(text)


def ngrams(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def shared_runs(text: str, seed_grams: set[tuple[str, ...]]) -> list[str]:
    return sorted(" ".join(gram) for gram in ngrams(words(text)) & seed_grams)


@pytest.fixture(scope="module")
def seed_grams():
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed documents not found at {SEEDS_DIR} (they sit beside the repository)")
    grams = set()
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        grams |= ngrams(words(path.read_text(encoding="utf-8")))
    assert grams, f"no seed text found in {SEEDS_DIR}"
    return grams


def test_overlap_check_catches_a_copied_run(seed_grams):
    seed_text = next(iter(sorted(SEEDS_DIR.glob("*.txt")))).read_text(encoding="utf-8")
    copied = " ".join(words(seed_text)[10:20])
    assert shared_runs(f"Our own words, then {copied}.", seed_grams)
    assert not shared_runs("Ketamine is a medicine. Talk with your own doctor.", seed_grams)


@pytest.mark.django_db
def test_no_article_shares_eight_words_with_a_seed(client, seed_grams):
    pages = list(ArticlePage.objects.live().filter(locale__language_code="en"))
    assert pages
    for page in pages:
        response = client.get(page.url)
        soup = BeautifulSoup(response.content, "html.parser")
        article = soup.select_one("article.c-article")
        for refs in article.select(".c-references"):
            refs.decompose()
        runs = shared_runs(article.get_text(" "), seed_grams)
        assert not runs, f"{page.slug} repeats seed wording: {runs[:3]}"


def test_no_fixture_file_shares_eight_words_with_a_seed(seed_grams):
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    for path in sorted(fixtures.rglob("*.md")) + sorted(fixtures.rglob("*.yaml")):
        runs = shared_runs(path.read_text(encoding="utf-8"), seed_grams)
        assert not runs, f"{path.name} repeats seed wording: {runs[:3]}"
