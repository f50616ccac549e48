"""An editor opens the preview side panel of an article in Chromium: the panel shows the page
(the public page's policy, framed by the admin only) and the browser reports no CSP violation."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from content.articles.models import ArticlePage
from content.governance import setup
from tests.auth import PASSWORD

from .helpers import leave_page_editor
from .test_two_factor_sign_in import WIDTHS, csp_violations, sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", WIDTHS)
def test_preview_panel_shows_the_page(
    browser, load_content, live_server, artifacts_dir, settings, width
):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10**9  # one ping, when the editor opens
    username = f"pia-{width}"
    user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD)
    user.groups.add(Group.objects.get(name=setup.GROUP_EDITORS))
    article = ArticlePage.objects.live().get(slug="what-is-kap")
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    violations = csp_violations(page)
    try:
        sign_in_with_password(page, live_server.url, username)
        page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
        page.locator("button[data-side-panel-toggle='preview']").click()
        frame = page.frame_locator("iframe[id^='w-preview-iframe']")
        heading = frame.locator("h1").first
        heading.wait_for(timeout=15000)
        assert heading.inner_text() == article.title
        page.screenshot(path=artifacts_dir / f"editor-preview-{width}.png")
        assert violations == []
        leave_page_editor(page)
    finally:
        context.close()
