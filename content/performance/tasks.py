"""CDN purges in the background: listing every page's URL and calling the CDN's API are too
slow for the editor's publish request (content.performance.signal_handlers queues this)."""

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site


def live_page_paths() -> set[str]:
    paths = set()
    for page in Page.objects.live().filter(depth__gt=1):
        parts = page.get_url_parts()
        if parts:
            paths.add(parts[2])
    return paths


def full_urls(paths) -> list[str]:
    roots = {site.root_url.rstrip("/") for site in Site.objects.all()}
    return sorted(root + path for root in roots for path in paths)


@task()
def purge_cdn(paths: list[str], everything: bool = False) -> int:
    """Ask the configured CDN(s) to drop these URL paths (every live page too, if everything)."""
    paths = set(paths)
    if everything:
        paths |= live_page_paths()
    urls = full_urls(paths)
    purge_urls_from_cache(urls)
    return len(urls)
