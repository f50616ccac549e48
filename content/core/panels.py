"""Read-only editor panels."""

from wagtail.admin.panels import Panel


class EditorChecksPanel(Panel):
    """Reading grade and banned-phrase warnings for the page as last saved.

    Shown in the page editor so problems are visible before publishing; they never block it.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/editor_checks.html"

        def get_context_data(self, parent_context=None):
            from .editor_checks import page_checks
            from .review import (
                approval_blocker,
                is_own_submission,
                latest_changes_request,
                review_hold,
            )

            context = super().get_context_data(parent_context)
            checks = page_checks(self.instance) if self.instance else []
            context["checks"] = checks
            context["warning_count"] = sum(1 for check in checks if not check.ok)
            context["is_new"] = not getattr(self.instance, "pk", None)
            state = None if context["is_new"] else self.instance.current_workflow_state
            user = getattr(self.request, "user", None)
            context["own_submission"] = is_own_submission(state, user)
            context["approval_blocker"] = approval_blocker(self.instance, state, user)
            context["changes_request"] = latest_changes_request(state)
            context["review_hold"] = review_hold(self.instance, state, user)
            return context
