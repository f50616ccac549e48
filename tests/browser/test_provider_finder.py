"""The provider finder in Chromium at 390 px and 1280 px: the results summary is in view after
a search (with and without JavaScript), no list under an error, axe finds nothing (issue 18)."""

import pytest

from tests.browser.helpers import axe_violations, foreign_requests, open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
FINDER = "/find-a-provider/"


def summary_in_first_viewport(page, viewport):
    box = page.locator("#results").bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_results_summary_is_in_view_after_a_search_on_a_phone(
    browser, load_content, live_server, artifacts_dir, javascript
):
    base = live_server.url
    # Reduced motion turns the site's smooth scrolling off, so the landing position is final
    # when measured (with smooth scrolling the measure raced the animation).
    with open_page(browser, base, PHONE, javascript=javascript, reduced_motion="reduce") as page:
        page.goto(base + FINDER)
        page.fill("#id_location", "94612")
        page.click("#search-form button[type=submit]")
        page.wait_for_load_state("load")
        assert page.url.endswith("#results")
        summary = page.locator("#results").inner_text()
        assert "practices within 25 miles of Oakland, CA 94612" in summary
        assert summary_in_first_viewport(page, PHONE)
        if javascript:
            assert page.evaluate("document.activeElement.id") == "results"
        assert page.locator(".c-provider-card").count() >= 1
        assert page.locator(".c-results-map svg").count() == 1
        assert foreign_requests(page, base) == []
        if javascript:  # axe-core runs as a script in the page
            assert axe_violations(page) == []
            page.screenshot(path=artifacts_dir / "finder-results-390.png", full_page=True)
            page.evaluate("window.scrollTo(0, 0)")
            page.goto(base + FINDER + "?location=94612&sort=name#results")
            page.screenshot(path=artifacts_dir / "finder-results-390-viewport.png")


def test_finder_at_desktop_width_and_errors_have_no_list(
    browser, load_content, live_server, artifacts_dir
):
    base = live_server.url
    with open_page(browser, base, DESKTOP, reduced_motion="reduce") as page:
        page.goto(base + FINDER)
        assert axe_violations(page) == []
        page.screenshot(path=artifacts_dir / "finder-start-1280.png", full_page=True)
        page.goto(
            base
            + FINDER
            + "?location=94612&radius=50&treatment=iv-ketamine&treatment=im-ketamine#results"
        )
        assert summary_in_first_viewport(page, DESKTOP)
        assert axe_violations(page) == []
        assert foreign_requests(page, base) == []
        page.screenshot(path=artifacts_dir / "finder-results-1280.png", full_page=True)
        # The card link leads to the provider page, whose "Back to results" returns to this search.
        page.locator(".c-provider-card .c-card__title a").first.click()
        page.wait_for_load_state("load")
        page.get_by_role("link", name="Back to results").click()
        page.wait_for_load_state("load")
        assert "treatment=iv-ketamine&treatment=im-ketamine" in page.url
        assert page.url.endswith("#results")

    for viewport, label in ((PHONE, "390"), (DESKTOP, "1280")):
        with open_page(browser, base, viewport) as page:
            for name, query in (("error", "location=00000"), ("ambiguous", "location=Oakland")):
                # The form's action ends in "#results"; focus still lands on the error summary.
                page.goto(base + FINDER + "?" + query + "#results")
                page.wait_for_load_state("load")
                assert page.locator(".c-error-summary").count() == 1
                assert page.locator(".c-provider-card").count() == 0
                # JavaScript moves focus to the error summary, not past it.
                assert page.evaluate("document.activeElement.matches('.c-error-summary')")
                assert axe_violations(page) == []
                page.screenshot(path=artifacts_dir / f"finder-{name}-{label}.png", full_page=True)
            assert page.locator(".c-place-choices a").first.inner_text() == "Oakland, CA"
