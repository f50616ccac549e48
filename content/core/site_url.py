"""The site's public address, `SITE_URL`: every absolute URL the site prints starts with it.

Wagtail builds every page's full URL (canonical, sitemap, feed, JSON-LD, breadcrumbs) from the
default Site's host name and port, so that Site is kept equal to SITE_URL: on every `migrate`
(the release step), by `load_initial_content` and by `manage.py sync_site_url`. Addresses that
are not page URLs (robots.txt, the feed, the clinic's JSON-LD node, e-mails) use `root_url()`
or settings.WAGTAILADMIN_BASE_URL, which is SITE_URL.

Wagtail's Site has no scheme field: port 443 means https, any other port http. So SITE_URL is
http on any port, or https on the default port 443 (`parse` refuses https on another port).
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
    port = port or DEFAULT_PORTS[parts.scheme]
    if (parts.scheme == "https") != (port == DEFAULT_PORTS["https"]):
        raise ImproperlyConfigured(
            f"SITE_URL {url!r}: https:// must be on port 443 and http:// on another port "
            "(Wagtail's Site record has no scheme: it reads port 443 as https, any other as http)."
        )
    return parts.scheme, parts.hostname, port


def normalised(url: str) -> str:
    """SITE_URL written as Wagtail writes a Site's root URL: no default port, no slash."""
    scheme, host, port = parse(url)
    return f"{scheme}://{host}" if port == DEFAULT_PORTS[scheme] else f"{scheme}://{host}:{port}"


def public_root() -> str:
    """SITE_URL without a trailing slash, e.g. 'https://www.example.org'."""
    return settings.SITE_URL.rstrip("/")


def root_url(request=None) -> str:
    """The public root URL of the site serving this request (the default site without one)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else public_root()


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


def sync_after_migrate(sender, using="default", apps=None, **kwargs):
    """post_migrate: every `migrate` (the release step) applies the current SITE_URL."""
    if apps is not None:
        try:
            apps.get_model("wagtailcore", "Site")
        except LookupError:  # Wagtail's tables are not migrated yet (a partial migrate)
            return
    sync_default_site(using=using)
