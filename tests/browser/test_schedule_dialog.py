"""The page editor's "Set publishing schedule" dialog stays usable with its date picker open:
"Save schedule" is not covered (1280x900) and the picker fits on a phone (375 px)."""

import pytest
from django.contrib.auth import get_user_model

from content.articles.models import ArticlePage
from tests.auth import PASSWORD

from .helpers import leave_page_editor
from .test_two_factor_sign_in import sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VIEWPORTS = {"1280x900": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 812}}
ELEMENT_AT = "([x, y]) => document.elementFromPoint(x, y).closest('button')?.textContent.trim()"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("field", ["go_live_at", "expire_at"])
def test_save_schedule_is_not_covered_by_the_date_picker(
    browser, load_content, live_server, artifacts_dir, settings, viewport, field
):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10**9  # one ping, when the editor opens
    get_user_model().objects.create_superuser("sched", "sched@example.com", PASSWORD)
    article = ArticlePage.objects.live().get(slug="what-is-kap")
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        sign_in_with_password(page, live_server.url, "sched")
        page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
        page.locator("button[data-side-panel-toggle='status']").click()
        page.get_by_role("button", name="Set schedule").first.click()
        page.locator(f"input[name={field}]").click()
        picker = page.locator(".xdsoft_datetimepicker:visible")
        picker.wait_for()
        page.screenshot(path=artifacts_dir / f"schedule-{field}-{viewport}.png")
        save = page.get_by_role("button", name="Save schedule")
        box = save.bounding_box()
        for x in (box["x"] + 4, box["x"] + box["width"] / 2, box["x"] + box["width"] - 4):
            assert page.evaluate(ELEMENT_AT, [x, box["y"] + box["height"] / 2]) == "Save schedule"
        shown = picker.bounding_box()
        assert shown["x"] >= 0
        assert shown["x"] + shown["width"] <= VIEWPORTS[viewport]["width"] + 1
        leave_page_editor(page)
    finally:
        context.close()
