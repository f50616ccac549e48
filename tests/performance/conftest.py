import pytest

from content.articles.models import ArticlePage
from tests import sockets
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


@pytest.fixture
def closed_port():
    """A local port nothing listens on (connections are refused)."""
    return sockets.closed_port()


@pytest.fixture
def hanging_server():
    """A local port that accepts connections and never answers (a hung Redis)."""
    server = sockets.HangingServer()
    yield server
    server.close()


@pytest.fixture
def hanging_port(hanging_server):
    return hanging_server.port


def redis_caches(settings, location, *, timeout=2.0, circuit_seconds=300):
    """Point the default, page and fragment caches at ``location`` with the project's backend."""
    backend = {
        "BACKEND": "content.performance.redis_cache.RedisCache",
        "LOCATION": location,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": timeout, "SOCKET_TIMEOUT": timeout},
        "CIRCUIT_BREAKER_SECONDS": circuit_seconds,
    }
    settings.CACHES = {
        "default": {**backend, "KEY_PREFIX": "kapsite"},
        "pages": {**backend, "KEY_PREFIX": "kapsite-pages"},
        "fragments": {**backend, "KEY_PREFIX": "kapsite-fragments"},
    }
