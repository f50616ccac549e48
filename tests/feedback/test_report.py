"""Editors see each page's answers: a score in listings and a report by week with comments."""

import datetime

import pytest
from bs4 import BeautifulSoup

from content.feedback.models import PageFeedback
from content.feedback.reports import score_label

pytestmark = pytest.mark.django_db


def article(slug="what-is-kap"):
    from content.articles.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code="en", slug=slug)


@pytest.fixture
def answers():
    page = article()
    monday = datetime.date(2026, 11, 2)
    PageFeedback.objects.create(page=page, helpful=True, created_on=monday)
    PageFeedback.objects.create(
        page=page, helpful=False, created_on=monday + datetime.timedelta(days=2), comment="Too long"
    )
    PageFeedback.objects.create(
        page=page, helpful=True, created_on=monday + datetime.timedelta(days=7), comment="Useful"
    )
    PageFeedback.objects.create(page=article("faq"), helpful=False, created_on=monday)
    return page


def test_score_label():
    assert score_label(0, 0) == "No answers yet"
    assert score_label(2, 3) == "67% helpful (2 of 3)"


def test_page_report_counts_by_week_and_shows_comments(admin_client, answers):
    response = admin_client.get(f"/admin/feedback/pages/{answers.pk}/")
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    text = html.get_text(" ", strip=True)
    assert "67% helpful (2 of 3)" in text
    tables = html.select("table.listing")
    weeks = [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in tables[0].select("tbody tr")
    ]
    assert weeks == [["November 9, 2026", "1", "0"], ["November 2, 2026", "1", "1"]]
    comments = [
        [td.get_text(strip=True) for td in tr.select("td")] for tr in tables[1].select("tbody tr")
    ]
    assert comments == [
        ["November 9, 2026", "Yes", "Useful"],
        ["November 4, 2026", "No", "Too long"],
    ]


def test_reader_feedback_report_lists_scores(admin_client, answers):
    response = admin_client.get("/admin/feedback/")
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "What is ketamine-assisted psychotherapy?" in text
    assert "67% helpful (2 of 3)" in text
    assert "0% helpful (0 of 1)" in text


def test_page_listing_shows_the_score(admin_client, answers):
    response = admin_client.get(f"/admin/pages/{answers.get_parent().pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Feedback: 67% helpful (2 of 3)" in body
    assert f"/admin/feedback/pages/{answers.pk}/" in body


def test_people_who_cannot_edit_the_page_cannot_read_its_report(client, answers):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user = get_user_model().objects.create_user("reader", password="a-long-password-123")
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    assert client.get(f"/admin/feedback/pages/{answers.pk}/").status_code in (302, 403)
