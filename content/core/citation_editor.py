"""The reference marker as a rich-text feature ("citation"): how the page editor reads it from
stored HTML, stores it again, and how stored HTML renders for readers.

Stored form: ``<a linktype="citation" key="KEY">[^KEY]</a>``. The text stays the marker itself, so
the numbering (content.core.citations) finds it in stored and rendered HTML alike.
"""

from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler
from wagtail.rich_text import LinkHandler

from .citations import KEY_RE, citation_link_tag

CITATION_ENTITY = "CITATION"


class CitationElementHandler(InlineEntityElementHandler):
    """Stored ``<a linktype="citation" key="...">`` to a CITATION entity in the editor."""

    mutability = "IMMUTABLE"

    def __init__(self):
        super().__init__(CITATION_ENTITY)

    def get_attribute_data(self, attrs):
        return {"key": attrs.get("key", "")}


def citation_entity(props):
    """A CITATION entity back to stored HTML (keys that are not slugs are dropped)."""
    key = props.get("key") or ""
    if not KEY_RE.match(key):
        return DOM.create_element("span", {}, props["children"])
    return DOM.create_element("a", {"linktype": "citation", "key": key}, props["children"])


class CitationLinkHandler(LinkHandler):
    """Stored citation to reader HTML: an in-page link to the reference, numbered later."""

    identifier = "citation"

    @classmethod
    def expand_db_attributes(cls, attrs: dict) -> str:
        key = attrs.get("key", "")
        return citation_link_tag(key) if KEY_RE.match(key) else "<a>"
