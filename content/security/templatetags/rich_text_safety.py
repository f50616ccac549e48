"""Output sanitising for rich text (used by templates/wagtailcore/shared/richtext.html).

Wagtail's editor already cleans what editors type, but rich text can also arrive through
imports, the API or old revisions. Everything rendered through `|richtext` or a
RichTextBlock passes this allow-list: no <script>/<style>, no on* attributes, no
javascript: or data: links.
"""

from bs4 import BeautifulSoup
from django import template
from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule

# Wagtail's schemes plus sms: (the crisis text line), the same rule the page editor keeps.
from content.core.link_schemes import check_url

register = template.Library()


DROP_WITH_CONTENT = ("script", "style", "iframe", "object", "embed", "template", "noscript")

_link = attribute_rule({"href": check_url, "id": True, "rel": True, "title": True})
_img = attribute_rule({"src": check_url, "alt": True, "width": True, "height": True, "class": True})
_with_class = attribute_rule({"class": True, "id": True})


class OutputWhitelister(Whitelister):
    element_rules = {
        **Whitelister.element_rules,
        "a": _link,
        "img": _img,
        "div": _with_class,
        "p": _with_class,
        "span": _with_class,
        "blockquote": allow_without_attributes,
        "code": allow_without_attributes,
        "figure": _with_class,
        "figcaption": allow_without_attributes,
        "table": _with_class,
        "thead": allow_without_attributes,
        "tbody": allow_without_attributes,
        "tr": allow_without_attributes,
        "th": attribute_rule({"scope": True, "colspan": True, "rowspan": True}),
        "td": attribute_rule({"colspan": True, "rowspan": True}),
        "caption": allow_without_attributes,
        "abbr": attribute_rule({"title": True}),
    }

    def clean(self, html):
        doc = BeautifulSoup(html, "html.parser")
        for tag in doc.find_all(DROP_WITH_CONTENT):
            tag.decompose()
        self.clean_node(doc, doc)
        return doc.decode()


_whitelister = OutputWhitelister()


def sanitise_rich_text(html: str) -> str:
    return _whitelister.clean(html or "")


@register.filter(name="sanitised_rich_text")
def sanitised_rich_text(html):
    """Returns plain (unsafe-marked) text; the template marks the allow-listed result safe,
    exactly where Wagtail's own richtext.html already did `{{ html|safe }}`."""
    return sanitise_rich_text(str(html))
