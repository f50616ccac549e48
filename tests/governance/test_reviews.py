"""Content due for review: report, dashboard panel, reminder e-mails, banner and stale facts."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from content.core.models import Fact
from content.governance.reviews import pages_due_for_review, pages_using_stale_facts
from tests.factories import ArticlePageFactory, article_index

from .conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def fact(recheck_in_days, text="Esketamine nasal spray is FDA-approved for some adults."):
    return Fact.objects.create(
        text=text,
        source_url="https://www.example.com/fda",
        verified_on=days(-200),
        recheck_on=days(recheck_in_days),
    )


@pytest.fixture
def owner(db):
    return make_user("olive", "Editors", first_name="Olive")


@pytest.fixture
def review_pages(owner):
    index = article_index()

    def page(slug, due, **kwargs):
        return ArticlePageFactory(
            parent=index,
            slug=slug,
            title=slug.replace("-", " ").capitalize(),
            owner=owner,
            last_reviewed=due - datetime.timedelta(days=300),
            next_review_due=due,
            summary="Secret summary text that must not be e-mailed.",
            **kwargs,
        )

    return {
        "overdue": page("overdue-page", days(-5)),
        "soon": page("due-soon-page", days(12)),
        "later": page("reviewed-later-page", days(200)),
    }


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("sam", "sam@example.com", "a-long-pass-1")
    client.force_login(user)
    return client


def report_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("table.listing tbody td.title a")] or [
        row.find("a").get_text(strip=True) for row in soup.select("table tbody tr") if row.find("a")
    ]


def test_report_lists_overdue_and_due_soon_sorted_with_owner(admin_client, review_pages):
    response = admin_client.get(reverse("governance:due_for_review"))
    assert response.status_code == 200
    html = response.content.decode()
    titles = report_titles(response)
    assert titles.index("Overdue page") < titles.index("Due soon page")
    assert "Reviewed later page" not in titles
    assert "Overdue by 5 days" in html and "Due in 12 days" in html
    assert "Olive" in html
    reverse_sorted = admin_client.get(
        reverse("governance:due_for_review") + "?ordering=-next_review"
    )
    titles = report_titles(reverse_sorted)
    assert titles.index("Due soon page") < titles.index("Overdue page")


def test_report_needs_page_permissions(client, review_pages):
    intake = make_user("ivy")
    intake.user_permissions.add(
        __import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.get(
            codename="access_admin"
        )
    )
    client.force_login(intake)
    response = client.get(reverse("governance:due_for_review"))
    assert response.status_code == 302


def test_dashboard_panel_shows_counts(admin_client, review_pages):
    soup = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.find(id="content-due-for-review-section")
    assert panel is not None
    overdue = int(panel.select_one('[data-count="overdue"]').get_text())
    due_soon = int(panel.select_one('[data-count="due_soon"]').get_text())
    assert overdue >= 1 and due_soon >= 1
    assert due_soon == pages_due_for_review().filter(next_review__gte=TODAY).count()


def test_reminder_task_emails_owner_title_and_link_only(review_pages, owner):
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    to_owner = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(to_owner) == 1
    message = to_owner[0]
    assert message.subject == "2 health pages due for review"
    assert "Overdue page" in message.body and "Due soon page" in message.body
    assert "Reviewed later page" not in message.body
    edit_url = "http://testserver" + reverse(
        "wagtailadmin_pages:edit", args=(review_pages["overdue"].pk,)
    )
    assert edit_url in message.body
    assert "Secret summary" not in message.body
    assert "Some plain text for the reader" not in message.body


def test_overdue_banner_shows_only_when_overdue(client, review_pages):
    banner = "This page is being reviewed"
    assert banner in client.get(review_pages["overdue"].url).content.decode()
    assert banner not in client.get(review_pages["soon"].url).content.decode()


def test_page_using_stale_fact_appears_in_report(admin_client, review_pages):
    stale = fact(-1)
    fresh = fact(90, text="Call or text 988 any time.")
    uses_stale = review_pages["later"]
    uses_stale.body = [*uses_stale.body.raw_data, {"type": "fact", "value": stale.pk}]
    uses_stale.save_revision().publish()
    other = ArticlePageFactory(
        parent=article_index(),
        slug="fresh-fact-page",
        next_review_due=days(300),
        last_reviewed=days(-10),
    )
    other.body = [{"type": "fact", "value": fresh.pk}]
    other.save_revision().publish()

    assert stale.is_stale and not fresh.is_stale
    assert set(pages_using_stale_facts()) == {uses_stale.pk}
    html = admin_client.get(reverse("governance:due_for_review")).content.decode()
    assert "Reviewed later page" in html and "Stale fact" in html
    assert "Fresh fact page" not in html
    # The fact renders on the public page with its checked date.
    public = client_html = admin_client.get(other.url).content.decode()
    assert "Call or text 988 any time." in public and "checked" in client_html


def test_fact_recheck_must_follow_verification():
    bad = Fact(
        text="x", source_url="https://www.example.com", verified_on=days(0), recheck_on=days(-1)
    )
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert "recheck_on" in exc.value.message_dict


def test_planning_report_windows_reviewer_and_export(admin_client, review_pages, owner):
    index = article_index()
    in_50 = ArticlePageFactory(
        parent=index,
        slug="due-in-fifty",
        title="Due in fifty",
        last_reviewed=days(-300),
        next_review_due=days(50),
    )
    url = reverse("governance:due_for_review")
    default = report_titles(admin_client.get(url))
    assert "Due soon page" in default and "Due in fifty" not in default
    sixty = admin_client.get(url, {"due": "60"})
    assert "Due in fifty" in report_titles(sixty)
    assert "Reviewed later page" not in report_titles(sixty)
    html = sixty.content.decode()
    assert "Clinical reviewer" in html
    assert in_50.clinical_reviewer is None or in_50.clinical_reviewer.name in html
    overdue_only = report_titles(admin_client.get(url, {"due": "0"}))
    assert "Overdue page" in overdue_only and "Due soon page" not in overdue_only
    export = admin_client.get(url, {"due": "60", "export": "csv"})
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode()
    assert csv_text.splitlines()[0].startswith(
        "Title,Next review due,Last reviewed,Clinical reviewer"
    )
    assert "Due in fifty" in csv_text


def test_empty_planning_report_explains_why_and_what_comes_next(admin_client, owner):
    from content.articles.models import ArticlePage

    # Whatever the sample content's fixed dates, nothing else is due in the window.
    ArticlePage.objects.update(last_reviewed=days(-10), next_review_due=days(300))
    ArticlePageFactory(
        parent=article_index(),
        slug="reviewed-recently",
        title="Reviewed recently",
        last_reviewed=days(-10),
        next_review_due=days(120),
    )
    html = admin_client.get(reverse("governance:due_for_review"), {"due": "90"}).content.decode()
    assert "due within the chosen window or overdue" in html
    assert f"{days(120):%B %-d, %Y}" in html


def test_dashboard_panel_counts_reviews_due_this_month(admin_client, review_pages):
    soup = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.find(id="content-due-for-review-section")
    month_end = (TODAY.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    expected = (
        pages_due_for_review().filter(next_review__gte=TODAY, next_review__lt=month_end).count()
    )
    assert int(panel.select_one('[data-count="due_this_month"]').get_text()) == expected
