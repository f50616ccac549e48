"""Every page type at 320 CSS px (400% zoom of a 1280 px screen) and in forced-colours mode
(Windows high contrast, emulated by Chromium): no sideways scrolling, a visible focus indicator
on every tab stop, and buttons, badges and callouts that keep their edges when the browser
replaces the site's colours (backgrounds and box shadows disappear in that mode)."""

import pytest

from tests.browser.helpers import open_page
from tests.browser.pages import PAGE_TYPES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROWEST = {"width": 320, "height": 640}
MAX_TAB_STOPS = 80
# Components whose shape comes from a background colour or a single coloured edge.
OUTLINED = (
    ".c-button:not(.c-button--link), .c-cta__link, button:not(.c-button--link), "
    ".c-callout, .c-main-points, .c-key-facts, .c-crisis, .c-booking-crisis, "
    ".c-error-summary, .c-tag, .c-status-badge, .c-sample-badge"
)

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  return {
    what: el.outerHTML.slice(0, 80),
    style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
  };
}"""

EDGES = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map((el) => {
    const s = getComputedStyle(el);
    const sides = ["Top", "Right", "Bottom", "Left"].map((side) => ({
      style: s[`border${side}Style`], width: parseFloat(s[`border${side}Width`]),
      color: s[`border${side}Color`],
    }));
    return {what: el.outerHTML.slice(0, 80), sides};
  })"""


def sideways_overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def invisible_focus(page) -> list[str]:
    """Tab stops whose focus indicator is missing, thin or transparent."""
    problems = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus is None:  # wrapped past the last tab stop
            break
        visible = (
            focus["style"] not in ("none", "hidden")
            and focus["width"] >= 2
            and focus["color"] not in ("transparent", "rgba(0, 0, 0, 0)")
        )
        if not visible:
            problems.append(f"{focus['what']} (outline {focus['style']} {focus['width']}px)")
    return problems


def focus_changes_pixels(page) -> bool:
    """The first link in the main content looks different focused and not focused."""
    link = page.locator("main a[href]").first
    if not link.count():
        return True
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    clip = {
        "x": max(box["x"] - 6, 0),
        "y": max(box["y"] - 6, 0),
        "width": min(box["width"] + 12, NARROWEST["width"]),
        "height": box["height"] + 12,
    }
    before = page.screenshot(clip=clip)
    link.focus()
    after = page.screenshot(clip=clip)
    return before != after


def unedged_components(page) -> list[str]:
    return [
        item["what"]
        for item in page.evaluate(EDGES, OUTLINED)
        if any(
            side["style"] in ("none", "hidden")
            or side["width"] < 1
            or side["color"] in ("transparent", "rgba(0, 0, 0, 0)")
            for side in item["sides"]
        )
    ]


def test_every_page_type_reflows_at_320px_and_stays_usable_in_forced_colours(
    browser, site, artifacts_dir
):
    base = site.url
    failures = []
    for name, path, status in PAGE_TYPES:
        with open_page(browser, base, NARROWEST) as page:
            assert page.goto(base + path).status == status, name
            overflow = sideways_overflow(page)
            if overflow > 0:
                failures.append(f"{name}: scrolls sideways by {overflow}px at 320px")

        with open_page(browser, base, NARROWEST, forced_colors="active") as page:
            page.goto(base + path)
            assert page.evaluate("matchMedia('(forced-colors: active)').matches")
            overflow = sideways_overflow(page)
            if overflow > 0:
                failures.append(f"{name}: scrolls sideways by {overflow}px (forced colours)")
            failures += [f"{name}: no visible focus on {p}" for p in invisible_focus(page)]
            failures += [
                f"{name}: no visible edge in forced colours: {w}" for w in unedged_components(page)
            ]
            page.evaluate("document.activeElement && document.activeElement.blur()")
            if not focus_changes_pixels(page):
                failures.append(f"{name}: focusing a link changes nothing on screen")
            page.screenshot(path=artifacts_dir / f"forced-colors-{name}-320.png", full_page=True)
    assert not failures, "\n".join(failures)
