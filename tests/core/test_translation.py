"""content/core/translation.py: which page to link to in the active language, and a
translation's English source."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from content.core.models import HomePage, StandardPage
from content.core.translation import in_active_language, is_stale, source_page

pytestmark = pytest.mark.django_db


def english(slug):
    return Page.objects.get(slug=slug, locale=Locale.get_default())


def spanish_of(page):
    return page.get_translation(Locale.objects.get(language_code="es"))


@pytest.fixture
def untranslated(site_content):
    home = HomePage.objects.get(locale=Locale.get_default())
    page = home.add_child(instance=StandardPage(title="Only in English", slug="only-in-english"))
    page.save_revision().publish()
    return page


def test_in_active_language_links_to_the_translation_or_the_page_itself(untranslated):
    about = english("about")
    ids = [about.pk, untranslated.pk, None, 0]
    with translation.override("es"):
        chosen = {pk: page.pk for pk, page in in_active_language(ids).items()}
    assert chosen == {about.pk: spanish_of(about).pk, untranslated.pk: untranslated.pk}
    with translation.override("en"):
        chosen = {pk: page.pk for pk, page in in_active_language(ids).items()}
    assert chosen == {about.pk: about.pk, untranslated.pk: untranslated.pk}
    assert in_active_language([None, 0]) == {}


def test_in_active_language_leaves_out_pages_that_are_not_live_or_public(untranslated):
    about, privacy = english("about"), english("privacy")
    untranslated.unpublish()
    PageViewRestriction.objects.create(page=privacy, restriction_type="password", password="x")
    with translation.override("es"):
        assert list(in_active_language([about.pk, privacy.pk, untranslated.pk])) == [about.pk]


def test_in_active_language_makes_the_two_queries_its_docstring_says(
    untranslated, django_assert_num_queries
):
    ids = [english(slug).pk for slug in ("about", "privacy", "accessibility")]
    with translation.override("es"), django_assert_num_queries(2):
        assert len(in_active_language([*ids, untranslated.pk])) == 4


def test_source_page_is_the_english_page_of_a_translation(site_content):
    about = english("about")
    spanish = spanish_of(about)
    assert source_page(about) is None
    assert source_page(spanish) == about
    assert not is_stale(spanish.specific)
    about.specific.save_revision().publish()
    spanish = Page.objects.get(pk=spanish.pk).specific  # a fresh object: nothing remembered
    assert source_page(spanish) == about
    assert is_stale(spanish)
