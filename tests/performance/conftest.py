import pytest


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """The whole-page cache is off in the test settings; these tests are about it."""
    settings.PAGE_CACHE_ENABLED = True
