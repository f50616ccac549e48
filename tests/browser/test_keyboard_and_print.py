"""Keyboard-only use, the print stylesheet and the "copy link" enhancement in real Chromium."""

import pytest

from tests.browser.helpers import foreign_requests, open_page
from tests.browser.pages import WIDTHS
from tests.browser.sample_pages import BLOCK_GALLERY_SLUG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_IS_SUMMARY = "document.activeElement.matches('summary.c-faq__question')"


def tab_until(page, condition, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return True
    return False


def test_keyboard_reaches_and_opens_faq_items(browser, site):
    base = site.url
    with open_page(browser, base, WIDTHS["mobile"]) as page:
        page.goto(f"{base}/learn/{BLOCK_GALLERY_SLUG}/")
        items = page.locator("details.c-faq")
        assert items.count() == 3
        assert page.locator("details.c-faq[open]").count() == 0

        assert tab_until(page, FOCUSED_IS_SUMMARY), "no FAQ question is reachable with Tab"
        page.keyboard.press("Enter")
        assert items.nth(0).get_attribute("open") is not None
        assert items.nth(0).locator(".c-faq__answer").is_visible()

        page.keyboard.press("Tab")  # the answer has no links, so Tab goes to the next question
        assert page.evaluate(FOCUSED_IS_SUMMARY)
        page.keyboard.press("Space")
        assert items.nth(1).get_attribute("open") is not None

        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")  # closes the first again
        assert items.nth(0).get_attribute("open") is None

        # The focus indicator is visible: an outline or a box shadow on the focused question.
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; })()"
        )
        assert style[0] != "none" and style[1] != "0px" or style[2] != "none"


def test_print_shows_article_essentials_and_hides_navigation(browser, site):
    base = site.url
    with open_page(browser, base, WIDTHS["desktop"]) as page:
        page.goto(f"{base}/learn/what-is-kap/")
        assert not page.locator(".c-print-url").is_visible()  # screen: not shown
        page.emulate_media(media="print")
        for hidden in (
            ".c-header",
            ".c-nav",
            ".c-crisis",
            ".c-breadcrumbs",
            ".c-footer",
            ".c-share",
        ):
            assert not page.locator(hidden).first.is_visible(), hidden
        assert page.locator("h1").is_visible()
        url = page.locator(".c-print-url")
        assert url.is_visible() and "/learn/what-is-kap/" in url.inner_text()
        assert page.locator(".c-references").is_visible()
        assert page.locator(".c-references li").count() >= 2
        assert page.locator(".c-review time").first.is_visible()
        pdf = page.pdf(format="Letter")
        assert pdf.startswith(b"%PDF")
        assert foreign_requests(page, base) == []


@pytest.mark.parametrize(
    ("path", "label", "copied"),
    [
        ("/learn/what-is-kap/", "Copy link to this page", "Link copied."),
        ("/es/aprender/que-es-kap/", "Copiar el enlace a esta página", "Enlace copiado."),
    ],
)
def test_copy_link_button_copies_the_page_address(browser, site, path, label, copied):
    base = site.url
    with open_page(browser, base, WIDTHS["mobile"], reduced_motion="reduce") as page:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
        page.goto(base + path)
        button = page.get_by_role("button", name=label)
        assert button.is_visible()
        button.focus()
        page.keyboard.press("Enter")
        status = page.locator("#copy-link-status")
        status.wait_for(state="visible")
        assert status.inner_text() == copied
        assert page.evaluate("navigator.clipboard.readText()").endswith(path)


def test_without_javascript_pages_still_work_and_hide_js_only_controls(browser, site):
    base = site.url
    context = browser.new_context(java_script_enabled=False, viewport=WIDTHS["mobile"])
    try:
        page = context.new_page()
        page.goto(f"{base}/learn/{BLOCK_GALLERY_SLUG}/")
        assert not page.get_by_role("button", name="Copy link to this page").is_visible()
        page.locator("summary.c-faq__question").first.click()
        assert page.locator("details.c-faq").first.get_attribute("open") is not None
        # On a phone the menu is folded away; the "Menu" link opens it without JavaScript.
        nav = page.get_by_role("navigation", name="Main")
        assert not nav.is_visible()
        page.get_by_role("link", name="Menu").click()
        assert nav.is_visible()
        nav.get_by_role("link", name="Find a provider").click()
        page.wait_for_url("**/find-a-provider/")
    finally:
        context.close()


MENU_BUTTON_FOCUSED = "document.activeElement.matches('button.c-header__menu')"


def test_phone_menu_opens_and_closes_from_the_keyboard(browser, site, artifacts_dir):
    base = site.url
    with open_page(browser, base, WIDTHS["mobile"]) as page:
        page.goto(f"{base}/learn/what-is-kap/")
        nav = page.get_by_role("navigation", name="Main")
        button = page.get_by_role("button", name="Menu")
        assert not nav.is_visible()
        assert button.get_attribute("aria-expanded") == "false"
        assert button.get_attribute("aria-controls") == "site-nav"

        assert tab_until(page, MENU_BUTTON_FOCUSED, limit=10), "the menu button is not reachable"
        page.keyboard.press("Enter")
        assert nav.is_visible()
        assert button.get_attribute("aria-expanded") == "true"
        page.screenshot(path=artifacts_dir / "menu-open-375.png")
        page.keyboard.press("Tab")  # the menu comes straight after its button
        assert page.evaluate("!!document.activeElement.closest('#site-nav')")

        page.keyboard.press("Escape")
        assert not nav.is_visible()
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate(MENU_BUTTON_FOCUSED)

        page.keyboard.press("Space")
        assert nav.is_visible()
        nav.get_by_role("link", name="Find a provider").click()
        page.wait_for_url("**/find-a-provider/")
        assert not page.get_by_role("navigation", name="Main").is_visible()  # folded again


def test_wide_screens_always_show_the_menu(browser, site):
    base = site.url
    with open_page(browser, base, WIDTHS["desktop"]) as page:
        page.goto(f"{base}/learn/what-is-kap/")
        assert page.get_by_role("navigation", name="Main").is_visible()
        assert not page.get_by_role("button", name="Menu").is_visible()
        page.keyboard.press("Escape")  # nothing to close
        assert page.get_by_role("navigation", name="Main").is_visible()


LAYOUT_SHIFT = """new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 500);
})"""


@pytest.mark.parametrize("width", ["mobile", "desktop"])
def test_nothing_moves_while_the_page_loads(browser, site, width):
    """The menu link becomes a button after the first paint without moving anything (CLS 0)."""
    base = site.url
    with open_page(browser, base, WIDTHS[width]) as page:
        page.goto(f"{base}/learn/what-is-kap/", wait_until="load")
        assert page.evaluate(LAYOUT_SHIFT) == 0
