"""The home page's ZIP search and "Was this page helpful?" in Chromium, at 375 and 1280 px,
with and without JavaScript; axe-core on every step. Screenshots go to test-artifacts/."""

import pytest

from content.feedback.models import PageFeedback
from tests.browser.helpers import axe_violations, foreign_requests, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 900}}
ARTICLE = "/learn/what-is-kap/"


@pytest.fixture(params=list(VIEWPORTS), ids=lambda w: f"{w}px")
def width(request):
    return request.param


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_zip_search_from_the_home_page_opens_the_finders_results(
    browser, load_content, live_server, artifacts_dir, width, javascript
):
    base = live_server.url
    with open_page(browser, base, VIEWPORTS[width], javascript=javascript) as page:
        page.goto(base + "/")
        if javascript:
            assert axe_violations(page) == []
        panel = page.locator(".c-find-care")
        panel.get_by_label("ZIP code or city").fill("94612")
        with page.expect_navigation():
            panel.get_by_role("button", name="Search").click()
        assert page.url.startswith(base + "/find-a-provider/?")
        assert "location=94612" in page.url
        assert page.locator("a[href^='/find-a-provider/lakeside-kap-oakland/']").count() >= 1
        if javascript:
            page.screenshot(path=artifacts_dir / f"home-zip-results-{width}.png", full_page=True)
        assert foreign_requests(page, base) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_was_this_page_helpful_answer_then_comment(
    browser, load_content, live_server, artifacts_dir, width, javascript
):
    base = live_server.url
    with open_page(browser, base, VIEWPORTS[width], javascript=javascript) as page:
        page.goto(base + ARTICLE)
        question = page.get_by_role("group", name="Was this page helpful?")
        with page.expect_navigation():
            question.get_by_role("button", name="No", exact=True).click()
        assert page.locator("h1").inner_text() == "Thank you for your feedback"
        assert PageFeedback.objects.get().helpful is False
        if javascript:
            assert axe_violations(page) == []
            page.screenshot(path=artifacts_dir / f"feedback-thanks-{width}.png", full_page=True)

        box = page.get_by_label("Tell us more (optional)")
        box.fill("x" * 501)
        with page.expect_navigation():
            page.get_by_role("button", name="Send comment").click()
        assert "500 characters or fewer" in page.locator(".c-error-summary").inner_text()
        assert page.get_by_label("Tell us more (optional)").input_value() == "x" * 501
        if javascript:
            assert axe_violations(page) == []
            page.screenshot(path=artifacts_dir / f"feedback-error-{width}.png", full_page=True)

        page.get_by_label("Tell us more (optional)").fill("The cost part could say more.")
        with page.expect_navigation():
            page.get_by_role("button", name="Send comment").click()
        assert "Your comment has been sent" in page.locator("main").inner_text()
        assert PageFeedback.objects.get().comment == "The cost part could say more."
        if javascript:
            assert axe_violations(page) == []
        assert page.context.cookies() == []
        assert foreign_requests(page, base) == []
