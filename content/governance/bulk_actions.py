"""Bulk actions are offered only to people who may take them.

Wagtail lists every registered bulk action to everyone and refuses, page by page, what a user may
not do. Bulk "Publish" and "Unpublish" of pages need the publish permission, which Editors and
Clinical reviewers never hold (their pages go live through the clinical review). So the listings
do not offer those actions to them (``templates/wagtailadmin/bulk_actions/footer.html``), and
the bulk action view refuses them (a ``before_bulk_action`` hook) with the same rule.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.permissions import page_permission_policy

# (app label, model name, action type) of the bulk actions that make pages live or take them down.
PUBLISHING_ACTIONS = {
    ("wagtailcore", "page", "publish"),
    ("wagtailcore", "page", "unpublish"),
}
NOT_YOURS_MESSAGE = (
    "You cannot publish or unpublish pages yourself. Send a page for clinical review: it goes "
    "live when a reviewer approves it."
)


def may_take_bulk_action(user, app_label, model_name, action_type) -> bool:
    if (app_label, model_name, action_type) in PUBLISHING_ACTIONS:
        return page_permission_policy.user_has_permission(user, "publish")
    return True


def refused_action_urls(user, app_label, model_name) -> set[str]:
    """The addresses of this model's bulk actions that ``user`` may not take."""
    return {
        reverse("wagtail_bulk_action", args=(app_label, model_name, action.action_type))
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
        if not may_take_bulk_action(user, app_label, model_name, action.action_type)
    }


def refuse_bulk_actions_not_offered(request, action_type, objects, action_class_instance):
    """before_bulk_action hook: a hand-made request for an action not offered does nothing."""
    opts = action_class_instance.model._meta
    if may_take_bulk_action(request.user, opts.app_label, opts.model_name, action_type):
        return None
    messages.error(request, NOT_YOURS_MESSAGE)
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root")
    )
