"""The site's public address, `SITE_URL`: every absolute URL the site prints starts with it.

Canonical links, Open Graph and JSON-LD URLs, the sitemap, the feed, robots.txt, e-mailed links
and "Copy link" all come from page URLs (`Page.get_full_url`, see `BasePage.get_url_parts`) or
from `root_url()` below, and both answer with SITE_URL for the site it names.

Wagtail's Site record holds a host name and a port but no scheme (only port 443 reads as
https), so the default Site is brought in line with SITE_URL by `sync_default_site()`: on every
`migrate` (the release step), by `load_initial_content` and by `manage.py sync_site_url`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse(url: str) -> tuple[str, str, int]:
    """(scheme, host name, port) of a site address; ImproperlyConfigured if it is not one."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise ImproperlyConfigured(f"SITE_URL {url!r} is not a web address: {error}") from error
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ImproperlyConfigured(
            f"SITE_URL must be an http:// or https:// address with a host name, not {url!r}."
        )
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        raise ImproperlyConfigured(
            f"SITE_URL must be the site's root address only (scheme, host, port), not {url!r}."
        )
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def public_root() -> str:
    """SITE_URL without a trailing slash, e.g. 'https://www.example.org'."""
    return settings.SITE_URL.rstrip("/")


def public_root_for(wagtail_root_url: str | None) -> str | None:
    """A Wagtail site root URL as the public sees it: SITE_URL when it is the site SITE_URL
    names (same host and port), which also gives it SITE_URL's scheme; other sites unchanged."""
    if not wagtail_root_url:
        return wagtail_root_url
    _, host, port = parse(public_root())
    parts = urlsplit(wagtail_root_url)
    if (parts.hostname, parts.port or DEFAULT_PORTS.get(parts.scheme)) == (host, port):
        return public_root()
    return wagtail_root_url


def root_url(request=None) -> str:
    """The public root URL of the site serving this request (the default site without one)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return public_root_for(site.root_url) if site else public_root()


def absolute(path: str, request=None) -> str:
    """An absolute public URL for a path on this site; a full URL stays as it is."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return root_url(request) + path


def sync_default_site(using: str = "default") -> str | None:
    """Give the default Site SITE_URL's host name and port. Returns what changed, or None."""
    from wagtail.models import Site

    _, host, port = parse(public_root())
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (host, port):
        return None
    before = f"{site.hostname}:{site.port}"
    site.hostname, site.port = host, port
    site.save(using=using, update_fields=["hostname", "port"])
    return f"default site {before} -> {host}:{port} ({public_root()})"


def sync_after_migrate(sender, apps, using="default", **kwargs):
    """post_migrate: every `migrate` (the release step) applies the current SITE_URL."""
    try:
        apps.get_model("wagtailcore", "Site")
    except LookupError:  # Wagtail's tables are not migrated yet (a partial migrate)
        return
    sync_default_site(using=using)
