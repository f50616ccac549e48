from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)

from .link_schemes import link_entity
from .rich_text import BatchedPageLinkHandler


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own
def register_batched_page_links(features):
    features.register_link_type(BatchedPageLinkHandler)


@hooks.register("register_rich_text_features", order=100)  # replaces Wagtail's "link" rule
def keep_sms_links_in_the_editor(features):
    """Wagtail's "link" feature for the editor, storing links with content.core.link_schemes:
    a saved page keeps its sms: crisis-text link instead of silently losing it."""
    features.register_converter_rule(
        "contentstate",
        "link",
        {
            "from_database_format": {
                "a[href]": ExternalLinkElementHandler("LINK"),
                'a[linktype="page"]': PageLinkElementHandler("LINK"),
            },
            "to_database_format": {"entity_decorators": {"LINK": link_entity}},
        },
    )
