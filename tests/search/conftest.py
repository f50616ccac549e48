import pytest
from django.core.management import call_command


@pytest.fixture
def search_index(db):
    """The initial content is loaded once per session; make sure it is in the search index."""
    from wagtail.models import Page

    call_command("update_index", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Page.objects.live().search("ketamine").count() > 0
