"""A Spanish page goes stale when its English source is published after the translator last
checked it: the "Stale translations" admin report lists it, and the page says so to readers."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from content.articles.models import ArticlePage
from content.core.translation import is_stale, stale_translations
from content.governance import setup
from tests.auth import login_verified

from .conftest import soup_of

pytestmark = pytest.mark.django_db

REPORT = "governance:stale_translations"


def english(slug):
    return ArticlePage.objects.get(slug=slug, locale=Locale.get_default())


def spanish_of(page):
    return page.get_translation(Locale.objects.get(language_code="es")).specific


def republish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def report_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in soup.select("table tbody tr")
    ]


@pytest.fixture
def superuser_client(client):
    user = get_user_model().objects.create_superuser("sam", "sam@example.com", "a-long-pass-1")
    client.force_login(user)
    return client


def test_report_lists_a_spanish_page_only_after_its_english_source_changes(
    superuser_client, client
):
    source = english("what-is-kap")
    translated = spanish_of(source)
    assert report_rows(superuser_client.get(reverse(REPORT))) == []
    assert not soup_of(client.get(translated.url)).select_one(".c-translation-note")

    republish(source)
    rows = report_rows(superuser_client.get(reverse(REPORT)))
    assert len(rows) == 1
    page_cell, source_cell, _changed, _checked, translator_cell = rows[0][:5]
    assert translated.title in page_cell
    assert source.title in source_cell
    assert translator_cell == translated.translator.name

    # Readers of the Spanish page are told it was checked against an older English page.
    note = soup_of(client.get(translated.url)).select_one(".c-translation-note")
    assert note is not None
    assert note.find("a", href=source.url)

    # The translator checks it again: off the report, and the note goes.
    translated.source_checked_at = timezone.now()
    republish(translated)
    assert report_rows(superuser_client.get(reverse(REPORT))) == []
    assert not soup_of(client.get(translated.url)).select_one(".c-translation-note")


def test_report_query_agrees_with_is_stale():
    for slug in ("what-is-kap", "faq", "glossary"):
        republish(english(slug))
    about = Page.objects.get(slug="about", locale=Locale.get_default())
    republish(about.specific)
    listed = set(stale_translations().values_list("pk", flat=True))
    spanish = Page.objects.filter(locale__language_code="es").specific()
    assert listed == {page.pk for page in spanish if is_stale(page)}
    assert len(listed) == 4


def test_report_queries_do_not_grow_with_its_rows(superuser_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    slugs = list(
        ArticlePage.objects.filter(locale=Locale.get_default()).values_list("slug", flat=True)
    )
    republish(english(slugs[0]))
    superuser_client.get(reverse(REPORT))  # warm per-process caches
    with CaptureQueriesContext(connection) as one_row:
        assert len(report_rows(superuser_client.get(reverse(REPORT)))) == 1
    for slug in slugs[1:9]:
        republish(english(slug))
    with CaptureQueriesContext(connection) as nine_rows:
        assert len(report_rows(superuser_client.get(reverse(REPORT)))) == 9
    assert len(nine_rows) == len(one_row)


def _user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-long-1")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize("group_name", [setup.GROUP_EDITORS, setup.GROUP_REVIEWERS])
def test_editors_and_reviewers_see_the_report_in_the_reports_menu(client, group_name):
    republish(english("what-is-kap"))
    login_verified(client, _user("staff", group_name))
    rows = report_rows(client.get(reverse(REPORT)))
    assert [row for row in rows if spanish_of(english("what-is-kap")).title in row[0]]
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) in home  # the Reports menu item


def test_staff_without_page_permissions_cannot_open_the_report(client):
    user = _user("ivy", None)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login_verified(client, user)
    assert client.get(reverse(REPORT)).status_code == 302
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()
