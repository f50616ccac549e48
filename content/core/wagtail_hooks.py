from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    ExternalLinkElementHandler,
    PageLinkElementHandler,
)
from wagtail.admin.rich_text.editors.draftail import features as draftail_features

from .citation_editor import (
    CITATION_ENTITY,
    CitationElementHandler,
    CitationLinkHandler,
    citation_entity,
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


@hooks.register("register_rich_text_features")
def register_citation_marker(features):
    """The "Reference marker" (content.core.citations): a citation entity in the page editor,
    stored as ``<a linktype="citation" key="KEY">[^KEY]</a>`` and shown to readers as a
    numbered link to the reference."""
    features.register_link_type(CitationLinkHandler)
    features.register_editor_plugin(
        "draftail",
        "citation",
        draftail_features.EntityFeature(
            {
                "type": CITATION_ENTITY,
                "icon": "doc-full",
                "description": "Reference marker: cite one of this page's references",
            },
            js=["js/citation-marker.js"],
            css={"all": ["css/citation-marker.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "citation",
        {
            "from_database_format": {'a[linktype="citation"]': CitationElementHandler()},
            "to_database_format": {"entity_decorators": {CITATION_ENTITY: citation_entity}},
        },
    )
