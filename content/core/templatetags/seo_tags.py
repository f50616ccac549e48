"""Head tags for search engines and sharing: title, description, canonical, robots, cards, JSON-LD.

A template without a Wagtail `page` (the search view, error pages) can set `seo_title`,
`seo_description`, `seo_noindex` and `canonical_url` in its context instead.
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join

from content.core import structured_data as sd
from content.core.models import ClinicSettings

register = template.Library()

SOCIAL_IMAGE_SPEC = "fill-1200x630"
DEFAULT_SOCIAL_IMAGE = ("img/social-default.png", 1200, 630)


def _clinic(request):
    return ClinicSettings.for_request(request) if request is not None else ClinicSettings()


def page_title(context) -> str:
    page = context.get("page")
    if context.get("seo_title"):
        return context["seo_title"]
    if page is not None:
        return getattr(page, "seo_title", "") or page.title
    return ""


def _social_image(page, clinic, request):
    image = page.social_image() if page is not None and hasattr(page, "social_image") else None
    image = image or (clinic.default_social_image if clinic.default_social_image_id else None)
    if image is not None:
        rendition = image.get_rendition(SOCIAL_IMAGE_SPEC)
        return {
            "url": sd.absolute(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": rendition.alt or image.title,
        }
    path, width, height = DEFAULT_SOCIAL_IMAGE
    return {
        "url": sd.absolute(request, static(path)),
        "width": width,
        "height": height,
        "alt": clinic.clinic_name,
    }


@register.simple_tag(takes_context=True)
def seo_page_title(context):
    """The page's own title (without the site name): seo_title, else title."""
    return page_title(context)


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """Everything seo_head.html prints, computed once."""
    request = context.get("request")
    page = context.get("page")
    clinic = _clinic(request)
    title = page_title(context)
    description = context.get("seo_description") or (
        getattr(page, "meta_description", "") if page is not None else ""
    )
    noindex = bool(context.get("seo_noindex"))
    canonical = context.get("canonical_url") or ""
    if page is not None and hasattr(page, "get_full_url"):
        if hasattr(page, "robots_noindex"):
            noindex = noindex or page.robots_noindex(request)
        if not canonical:
            canonical = (
                page.canonical_url(request)
                if hasattr(page, "canonical_url")
                else page.get_full_url(request)
            )
    canonical = sd.absolute(request, canonical)
    locale = getattr(page, "locale", None)
    language = locale.language_code if locale else "en"
    og_type = "article" if hasattr(page, "last_reviewed") else "website"
    published, modified = sd.publication_times(page) if og_type == "article" else (None, None)
    return {
        "title": title,
        "full_title": f"{title} | {clinic.clinic_name}" if title else clinic.clinic_name,
        "description": description,
        "canonical": canonical,
        "noindex": noindex,
        "site_name": clinic.clinic_name,
        "og_type": og_type,
        "published_time": published,
        "modified_time": modified,
        "og_locale": {"en": "en_US", "es": "es_US"}.get(language, language),
        "image": _social_image(page, clinic, request),
    }


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The site-wide clinic node, then the page's own nodes, each in its own data block."""
    request = context.get("request")
    page = context.get("page")
    nodes = [sd.clinic_organization(_clinic(request), request)]
    if page is not None and hasattr(page, "structured_data"):
        nodes.extend(page.structured_data(request))
    nodes.extend(context.get("extra_structured_data") or [])
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        ((sd.to_json_script(node),) for node in nodes),
    )


@register.simple_tag
def json_ld(node):
    """One JSON-LD object as a data block (for templates that add their own nodes)."""
    return format_html('<script type="application/ld+json">{}</script>', sd.to_json_script(node))
