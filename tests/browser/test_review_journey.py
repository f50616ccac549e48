"""The whole clinical review in Chromium, as the people who do it.

An editor signs in, edits an article, previews it in the side panel and sends it for clinical
review. A clinical reviewer (2FA, linked to a Person) signs in, compares the revisions and
requests changes (first without a comment, which is refused). The editor sees the comment,
fixes the page and sends it again. The reviewer approves from the dashboard and is told it is
published. The public page then shows the new words, the reviewer's name and today's date.

Each step is saved to test-artifacts/screenshots/journey/ at 1280 px; the key steps also at 390 px.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import formats, timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from content.articles.models import ArticlePage
from content.core.models import Person
from content.governance import setup
from tests.auth import PASSWORD, Authenticator, current_step

from .helpers import leave_page_editor
from .test_two_factor_sign_in import csp_violations, sign_in_with_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# One word changed, then changed again after the reviewer's comment.
FIRST_EDIT = "often used for depression"
FIXED_EDIT = "mainly used for depression"
COMMENT = "Please say “mainly”, not “often”: the studies are mostly about depression."


class Steps:
    """Numbered screenshots of one journey: every step at 1280 px, key steps also at 390 px."""

    def __init__(self, directory):
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.number = 0

    def shot(self, page, name, phone=False):
        self.number += 1
        stem = f"{self.number:02d}-{name}"
        page.screenshot(path=self.directory / f"{stem}-1280.png", full_page=True)
        if phone:
            page.set_viewport_size(PHONE)
            page.screenshot(path=self.directory / f"{stem}-390.png", full_page=True)
            page.set_viewport_size(DESKTOP)


def staff(username, group, first_name, last_name):
    user = get_user_model().objects.create_user(
        username,
        f"{username}@example.com",
        PASSWORD,
        first_name=first_name,
        last_name=last_name,
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def open_actions_for(page, title):
    """The dashboard's "Awaiting your review" row of this page, with its actions menu open."""
    row = page.locator("tr", has_text=title)
    row.get_by_role("button", name="Actions").click()
    return row


def shown_in_full(page):
    """Wait for the modal to finish fading in, so its screenshot is not half transparent."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.modal.in');"
        " return m !== null && getComputedStyle(m).opacity === '1'; }"
    )


def send_for_review(page, button_name):
    page.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        page.get_by_role("button", name=button_name).click()


def test_editor_and_reviewer_take_an_article_from_draft_to_live(
    browser, load_content, live_server, artifacts_dir, settings
):
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 10**9  # one ping, when the editor opens
    base = live_server.url
    steps = Steps(artifacts_dir / "journey")
    staff("erin", setup.GROUP_EDITORS, "Erin", "Editor")
    reviewer = staff("rosa", setup.GROUP_REVIEWERS, "Rosa", "Reviewer")
    person = Person.objects.create(name="Rosa Reviewer (sample)", credentials="MD", user=reviewer)
    device = TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True)
    article = ArticlePage.objects.live().get(slug="what-is-kap")
    title = article.title
    edit_url = f"{base}/admin/pages/{article.pk}/edit/"

    editor_context = browser.new_context(viewport=DESKTOP)
    reviewer_context = browser.new_context(viewport=DESKTOP)
    public_context = browser.new_context(viewport=DESKTOP)
    editor = editor_context.new_page()
    desk = reviewer_context.new_page()
    public = public_context.new_page()
    violations = {"editor": csp_violations(editor), "reviewer": csp_violations(desk)}
    try:
        # The editor signs in (no second factor for Editors) and edits the article.
        sign_in_with_password(editor, base, "erin")
        assert editor.url == base + "/admin/"
        steps.shot(editor, "editor-dashboard")
        editor.goto(edit_url)
        summary = editor.locator("[name=summary]")
        original = summary.input_value()
        assert "mostly used for depression" in original
        summary.fill(original.replace("mostly used for depression", FIRST_EDIT))
        steps.shot(editor, "editor-edits-summary")

        # The preview side panel shows the page as edited.
        editor.locator("button[data-side-panel-toggle='preview']").click()
        frame = editor.frame_locator("iframe[id^='w-preview-iframe']")
        expect(frame.locator("h1").first).to_have_text(title, timeout=15000)
        expect(frame.locator(".c-lead")).to_contain_text(FIRST_EDIT, timeout=15000)
        steps.shot(editor, "editor-preview-panel", phone=True)
        editor.locator("button[data-side-panel-toggle='preview']").click()

        # Sent for clinical review.
        send_for_review(editor, "Submit to Clinical review")
        expect(editor.get_by_text("has been submitted for moderation")).to_be_visible()
        steps.shot(editor, "editor-sent-for-review")

        # The reviewer signs in with a password and a code from their authenticator app.
        sign_in_with_password(desk, base, "rosa")
        assert "/admin/2fa/auth" in desk.url
        # The code the app shows now (the editor's steps may have taken minutes on a busy machine).
        app = Authenticator(bytes.fromhex(device.key), current_step())
        desk.fill("input[name=otp_token]", app.code())
        with desk.expect_navigation():
            desk.get_by_role("button", name="Continue").click()
        assert desk.url == base + "/admin/"
        expect(desk.locator("tr", has_text=title)).to_be_visible()
        steps.shot(desk, "reviewer-dashboard", phone=True)

        # Compare with the live version: exactly the changed words are marked.
        open_actions_for(desk, title)
        with desk.expect_navigation():
            desk.get_by_role("link", name="Compare with live version").click()
        expect(desk.locator("span.addition")).to_have_text(["often"])
        expect(desk.locator("span.deletion")).to_have_text(["mostly"])
        steps.shot(desk, "reviewer-compare", phone=True)

        # Request changes: refused without a comment, sent with one.
        desk.goto(base + "/admin/")
        open_actions_for(desk, title)
        desk.get_by_role("button", name="Request changes").click()
        dialog = desk.get_by_role("dialog")
        shown_in_full(desk)
        dialog.get_by_role("button", name="Request changes").click()
        expect(
            dialog.get_by_text("Say what should change, so the editor can fix it.")
        ).to_be_visible()
        steps.shot(desk, "reviewer-request-changes-without-comment", phone=True)
        dialog.locator("textarea[name=comment]").fill(COMMENT)
        with desk.expect_navigation():
            dialog.get_by_role("button", name="Request changes").click()
        steps.shot(desk, "reviewer-changes-requested")

        # The editor sees the comment on their dashboard and on the page, fixes it, sends again.
        editor.goto(base + "/admin/")
        expect(editor.get_by_text(COMMENT).first).to_be_visible()
        steps.shot(editor, "editor-dashboard-sees-comment", phone=True)
        editor.goto(edit_url)
        expect(editor.locator(".messages").get_by_text(COMMENT)).to_be_visible()
        steps.shot(editor, "editor-page-shows-comment", phone=True)
        editor.locator("[name=summary]").fill(
            original.replace("mostly used for depression", FIXED_EDIT)
        )
        send_for_review(editor, "Resubmit to Clinical review")
        steps.shot(editor, "editor-resubmitted")

        # The reviewer approves from the dashboard and is told what happened.
        desk.goto(base + "/admin/")
        open_actions_for(desk, title)
        desk.get_by_role("button", name="Approve").click()
        dialog = desk.get_by_role("dialog")
        expect(dialog.get_by_text("Approving publishes this page now")).to_be_visible()
        shown_in_full(desk)
        steps.shot(desk, "reviewer-approval-form", phone=True)
        with desk.expect_navigation():
            dialog.get_by_role("button", name="Approve").click()
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        confirmation = desk.get_by_text(f"“{title}” is approved and published now.")
        expect(confirmation).to_be_visible()
        expect(desk.get_by_text(f"as its clinical reviewer, reviewed {today}")).to_be_visible()
        steps.shot(desk, "reviewer-approved-confirmation", phone=True)

        # The public page: the new words, the approving reviewer and today's date.
        public.goto(base + article.url)
        expect(public.locator(".c-lead")).to_contain_text(FIXED_EDIT)
        expect(public.get_by_text(f"{person.name}, {person.credentials}")).to_be_visible()
        expect(public.locator("time", has_text=today).first).to_be_visible()
        steps.shot(public, "public-page", phone=True)
        assert violations == {"editor": [], "reviewer": []}
    finally:
        for tab in (editor, desk):
            leave_page_editor(tab)
        for context in (editor_context, reviewer_context, public_context):
            context.close()
