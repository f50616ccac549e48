from django import template
from django.conf import settings
from django.urls import translate_url
from wagtail.models import Page, Site

from content.core import fragments, translation
from content.core.phone import tel_href

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    """Top-level pages marked 'show in menus' under the site root, in the active language where
    they are translated (an untranslated one keeps its English link, marked as English). Two
    queries, then shared through the fragment cache (per language) until content changes."""
    request = context.get("request")
    current = context.get("page")
    site = Site.find_for_request(request) if request else None
    home_url, items = "/", []
    if site:
        home_url, items = fragments.cached(
            f"main-nav:{site.pk}", lambda: _menu(site, request), request=request
        )
    current_path = getattr(current, "path", "")
    return {
        "home_url": home_url,
        "items": [
            {
                "page": item,
                "active": bool(current_path) and current_path.startswith(item.path),
                "other_language": item.locale.language_code != translation.active_language(),
            }
            for item in items
        ],
        "request": request,
    }


def _menu(site, request):
    english = list(
        Page.objects.live()
        .public()
        .in_menu()
        .child_of(site.root_page)
        .select_related("locale")
        .only("pk", "title", "url_path", "path", "depth", "locale__language_code")
    )
    if translation.active_language() == translation.default_language():
        return site.root_page.get_url(request), english
    localized = translation.in_active_language([site.root_page_id, *(p.pk for p in english)])
    home = localized.get(site.root_page_id, site.root_page)
    return home.get_url(request), [localized.get(p.pk, p) for p in english]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to this page in the other language: its translation when there is one, else the
    other language's home page with a note that this page is not translated yet. Pages that are
    not Wagtail pages (search) link to the same address in the other language."""
    request = context.get("request")
    page = context.get("page")
    active = translation.active_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == active:
            continue
        url, translated = None, True
        if isinstance(page, Page) and page.pk:
            for other in translation.live_translations(page):
                if other.locale.language_code == code:
                    url = other.get_url(request)
            if url is None:
                translated = False
                url = _home_url(request, code)
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
            if url == request.get_full_path():
                url = _home_url(request, code)
        links.append({"code": code, "name": name, "url": url, "translated": translated})
    return {"links": links}


def _home_url(request, language_code):
    site = Site.find_for_request(request) if request else None
    if site is None:
        return "/"
    for other in translation.live_translations(site.root_page):
        if other.locale.language_code == language_code:
            return other.get_url(request)
    return site.root_page.get_url(request)


@register.simple_tag(takes_context=True)
def translation_status(context):
    """For a translated page: whether its English source changed after the translator last
    checked it ({"stale", "checked_at", "source_url"}); nothing for English pages."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return {}
    source = translation.source_page(page)
    if source is None or not translation.is_stale(page):
        return {}
    return {
        "stale": True,
        "checked_at": getattr(page, "source_checked_at", None),
        "source_url": source.get_url(context.get("request")),
    }


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[Alternate(language_code, hreflang, url, page)] for the head's hreflang links."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.pk:
        return []
    robots_noindex = getattr(page, "robots_noindex", None)
    request = context.get("request")
    if robots_noindex and robots_noindex(request):
        return []
    return translation.alternates(page, request)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the home page down to the current page's parent (one query)."""
    from content.core.structured_data import breadcrumb_ancestors

    ancestors = breadcrumb_ancestors(page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag
def default_crisis_numbers() -> dict[str, str]:
    """The crisis and emergency numbers for the plain error pages, drawn without the database or
    the site's settings: the numbers every clinic's settings start from (their field defaults)."""
    from content.core.models import ClinicSettings

    return {
        name: ClinicSettings._meta.get_field(name).default
        for name in ("crisis_line", "emergency_number")
    }


@register.filter(name="tel")
def tel(phone):
    """``{{ number|tel }}``: the tel: link for a phone number (content/core/phone.py)."""
    return tel_href(str(phone))


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context):
    """About this information, contact, privacy and accessibility links (Clinic settings), one
    query, then shared through the fragment cache until content or settings change."""
    from content.core.models import ClinicSettings

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    links = []
    if site:
        clinic = ClinicSettings.for_request(request)
        links = fragments.cached(
            f"footer-links:{site.pk}", lambda: clinic.footer_links(request), request=request
        )
    return {"links": links}
