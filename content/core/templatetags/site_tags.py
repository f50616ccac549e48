from django import template
from wagtail.models import Page, Site

from content.core import fragments
from content.core.phone import tel_href

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level pages marked 'show in menus' under the site root (one query, then shared
    through the fragment cache until content changes)."""
    request = context.get("request")
    current = context.get("page")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:
        items = fragments.cached(
            f"main-nav:{site.pk}",
            lambda: list(
                Page.objects.live()
                .public()
                .in_menu()
                .child_of(site.root_page)
                .only("title", "url_path", "path", "depth")
            ),
            request=request,
        )
    current_path = getattr(current, "path", "")
    return {
        "home_url": site.root_page.url if site else "/",
        "items": [
            {"page": item, "active": bool(current_path) and current_path.startswith(item.path)}
            for item in items
        ],
        "request": request,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the home page down to the current page's parent (one query)."""
    from content.core.structured_data import breadcrumb_ancestors

    ancestors = breadcrumb_ancestors(page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.filter(name="tel")
def tel(phone):
    """``{{ number|tel }}``: the tel: link for a phone number (content/core/phone.py)."""
    return tel_href(str(phone))
