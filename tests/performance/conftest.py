import pytest

from content.articles.models import ArticlePage
from tests.factories import ArticlePageFactory, article_index


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The whole-page and fragment caches are off in the test settings; these tests are about
    them."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_SECONDS = 600


@pytest.fixture
def fifty_articles(site_content):
    """Query budgets are measured with 50 articles: they must not grow with content."""
    index = article_index()
    while ArticlePage.objects.count() < 50:
        ArticlePageFactory(parent=index)
