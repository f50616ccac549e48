import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the site's initial content (rolled back per test)."""
    with django_db_blocker.unblock():
        call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def site_content(db):
    """Named handle on the sample content loaded for the session."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def load_content(transactional_db):
    """For transactional (live server) tests: load the initial content into the empty database."""
    call_command("load_initial_content", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with an empty whole-page cache (content/performance/page_cache.py)."""
    from content.performance import page_cache

    page_cache.purge_all()
