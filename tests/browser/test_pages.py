"""Every page type in real Chromium: axe-core, network origin, keyboard entry, layout, screenshots.

One test per page type keeps the run short: live-server tests reload the content for each test.
"""

import pytest

from tests.browser.helpers import axe_violations, foreign_requests, open_page
from tests.browser.pages import PAGE_TYPES, WIDTHS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# (viewport label, colour scheme): both widths in the light theme, the dark theme on a phone.
RUNS = [("mobile", "light"), ("desktop", "light"), ("mobile", "dark")]


@pytest.mark.parametrize(("name", "path", "status"), PAGE_TYPES, ids=[p[0] for p in PAGE_TYPES])
def test_page_type(browser, site, artifacts_dir, name, path, status):
    base = site.url
    for label, scheme in RUNS:
        viewport = WIDTHS[label]
        with open_page(browser, base, viewport, color_scheme=scheme) as page:
            response = page.goto(base + path, wait_until="load")
            assert response.status == status
            assert page.locator("h1").count() == 1
            assert page.locator("main#main").count() == 1
            violations = axe_violations(page)
            assert violations == [], f"{name} at {label} ({scheme}): {violations}"
            assert foreign_requests(page, base) == []
            if scheme == "light":
                shot = artifacts_dir / f"{name}-{viewport['width']}.png"
                page.screenshot(path=shot, full_page=True)

    with open_page(browser, base, {"width": 320, "height": 640}) as page:
        page.goto(base + path)
        # The narrowest phones: no sideways scrolling, body text at least 16px.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px"
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 16

        if page.locator(".c-error-summary").count():
            # A form with errors: site.js moves focus to the error summary, whose links come next.
            assert page.evaluate("document.activeElement.matches('.c-error-summary')")
            page.keyboard.press("Tab")
            assert page.evaluate("!!document.activeElement.closest('.c-error-summary')")
            check_first_tab_stops(browser, base, path, javascript=False)
        else:
            check_first_tab_stops(browser, base, path)


def check_first_tab_stops(browser, base, path, javascript=True):
    with open_page(browser, base, WIDTHS["mobile"], javascript=javascript) as page:
        page.goto(base + path)
        # Keyboard: the skip link is the first tab stop, the crisis line the second.
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.get_attribute("href") == "#main"
        assert skip.inner_text() in ("Skip to main content", "Ir al contenido principal")
        box = skip.bounding_box()
        assert skip.is_visible() and box["y"] >= 0 and box["height"] >= 24
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:988"
        assert page.evaluate("!!document.activeElement.closest('.c-crisis')")
        # The skip link moves focus past the header into the main content.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        assert foreign_requests(page, base) == []
