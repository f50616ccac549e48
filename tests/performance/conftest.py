import pytest


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The whole-page and fragment caches are off in the test settings; these tests are about
    them."""
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_SECONDS = 600
