"""Rich-text page links: the per-language locale lookup follows locales added or removed."""

import pytest
from wagtail.models import Locale

from content.core.rich_text import _locale_id_for

pytestmark = pytest.mark.django_db


def test_a_locale_added_later_is_seen_without_a_restart(site_content):
    Locale.objects.filter(language_code="es").delete()
    assert _locale_id_for("es") is None  # remembered as missing
    spanish = Locale.objects.create(language_code="es")
    assert _locale_id_for("es") == spanish.pk
    spanish.delete()
    assert _locale_id_for("es") is None
