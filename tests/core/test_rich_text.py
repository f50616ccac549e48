"""Rich-text page links: the per-language locale lookup follows locales added or removed."""

import pytest
from wagtail.models import Locale

from content.core.rich_text import _locale_id_for

pytestmark = pytest.mark.django_db


def test_a_locale_added_later_is_seen_without_a_restart(site_content, settings):
    # French: a language the site could add (Spanish pages protect the Spanish locale).
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "Français")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    assert _locale_id_for("fr") is None  # remembered as missing
    french = Locale.objects.create(language_code="fr")
    assert _locale_id_for("fr") == french.pk
    french.delete()
    assert _locale_id_for("fr") is None
