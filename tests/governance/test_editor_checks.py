"""Reading grade and banned-phrase warnings in the page editor."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse

from content.core.editor_checks import page_checks
from tests.factories import ArticlePageFactory, article_index

pytestmark = pytest.mark.django_db

HARD = (
    "<p>Pharmacological interventions utilising N-methyl-D-aspartate receptor antagonism "
    "demonstrate considerable heterogeneity regarding therapeutic responsiveness across "
    "psychiatric populations characterised by treatment-resistant symptomatology.</p>"
)


def make_page(body_html, summary="You rest while staff watch over you."):
    return ArticlePageFactory(
        parent=article_index(),
        summary=summary,
        body=[
            {"type": "paragraph", "value": body_html},
            {"type": "faq_item", "value": {"question": "Is it safe?", "answer": HARD}},
        ],
    )


def test_checks_flag_hard_text_and_banned_phrases():
    page = make_page("<p>Ketamine is a breakthrough cure. 90% of people feel better.</p>")
    checks = {c.label: c for c in page_checks(page)}
    assert not checks["Banned phrases"].ok
    assert "breakthrough" in checks["Banned phrases"].message
    assert "cure" in checks["Banned phrases"].message
    assert not checks["Answer to “Is it safe?”"].ok
    assert checks["Summary"].ok
    assert not checks["Percentages"].ok
    assert not checks["Numbers and dates"].ok
    assert "90% of people feel better." in checks["Numbers and dates"].message


def test_numbers_with_a_reference_marker_are_not_flagged():
    page = make_page(
        '<p>Esketamine was approved in 2019.<a linktype="citation" key="fda-fact-sheet">'
        "[^fda-fact-sheet]</a> Call 988 for help.</p>"
    )
    assert "Numbers and dates" not in {c.label for c in page_checks(page)}


def test_plain_page_has_no_warnings():
    page = ArticlePageFactory(parent=article_index(), summary="You rest while staff watch you.")
    assert all(check.ok for check in page_checks(page))


def test_warnings_show_in_the_editor_without_blocking(client):
    user = get_user_model().objects.create_superuser("sam", "sam@example.com", "a-long-pass-1")
    client.force_login(user)
    page = make_page(HARD)
    page.save_revision()
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    soup = BeautifulSoup(response.content, "html.parser")
    panel = soup.select_one("[data-editor-checks]")
    assert panel is not None
    warnings = [li.get_text(" ", strip=True) for li in panel.select('[data-check-ok="false"]')]
    assert any(w.startswith("Warning: Body") for w in warnings)
