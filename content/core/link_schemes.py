"""Which link schemes rich text may hold: Wagtail's list plus ``sms:`` (the 988 crisis text line).

One rule for both sides: the page editor keeps such links when it saves (``link_entity``, the
editor's "link" feature, registered in wagtail_hooks.py; Wagtail's own drops ``sms:``), and the
output sanitiser (content.security's rich_text_safety) lets them through. Never javascript:,
data: or vbscript:.
"""

import re

from draftjs_exporter.dom import DOM
from wagtail import whitelist

ALLOWED_URL_SCHEMES = {*whitelist.ALLOWED_URL_SCHEMES, "sms"}


def check_url(url):
    """Wagtail's check_url (which also strips control characters browsers ignore) with sms:."""
    squashed = re.sub(r"[`\000-\040\177-\240\s]+", "", url.lower())
    squashed = squashed.replace("&amp;", "&").replace("\ufffd", "")
    if whitelist.PROTOCOL_RE.match(squashed):
        return url if squashed.split(":", 1)[0] in ALLOWED_URL_SCHEMES else None
    return url


def link_entity(props):
    """The editor's LINK entity as stored HTML: a page link, or an external link checked with
    this module's schemes (Wagtail's link_entity, with sms: allowed)."""
    if props.get("id") is not None:
        attributes = {"linktype": "page", "id": props["id"]}
    else:
        attributes = {"href": check_url(props.get("url") or "")}
    return DOM.create_element("a", attributes, props["children"])
