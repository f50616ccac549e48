"""Admin template tags of the governance app."""

from django import template
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.admin.widgets import ButtonWithDropdown

from content.governance.bulk_actions import refused_action_urls

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def offered_bulk_action_choices(context, app_label, model_name):
    """Wagtail's bulk action buttons for a listing, without those the user may not take."""
    buttons = bulk_action_choices(context, app_label, model_name)["buttons"]
    refused = refused_action_urls(context["request"].user, app_label, model_name)
    if not refused:
        return {"buttons": buttons}
    offered = []
    for button in buttons:
        if isinstance(button, ButtonWithDropdown):
            button.dropdown_buttons = [b for b in button.dropdown_buttons if b.url not in refused]
            if not button.dropdown_buttons:
                continue
        elif button.url in refused:
            continue
        offered.append(button)
    return {"buttons": offered}
