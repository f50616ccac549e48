"""Purge the page cache and the CDN when what a page shows changes.

Precise purges (one page's neighbourhood) for publish, unpublish and delete of an ordinary page:
the page, its translations (their language links), its descendants (their breadcrumbs show its
title), its ancestors (listings) and its siblings (related-article links), plus /sitemap.xml.
Everything is purged when:
- the page is a home page or a top-level page, in any language (the main navigation shows those
  on every page);
- a page moves or changes its slug (rich-text links on any page resolve to its new URL);
- a snippet (people, topics...), a site setting, a Site, an image or a page view restriction is
  saved or deleted, since those appear on many pages (header, footer, review details, figures,
  what the navigation and listings show).
Every `migrate` (the release step) purges everything too: a stored page keeps the templates and
headers (CSP among them) of the release that rendered it.
The local purge runs after the transaction commits, so no request can re-cache the old content
under the new purge token; the CDN purge is then queued as a task (content.performance.tasks),
so a publish does not wait for the CDN's API.
"""

from __future__ import annotations

import functools
import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.contrib.frontend_cache import signal_handlers as wagtail_frontend_handlers
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from content.core import fragments

from . import page_cache, tasks

logger = logging.getLogger(__name__)

EXTRA_PATHS = ("/sitemap.xml",)


def _schedule(paths=(), *, everything=False) -> None:
    """After commit: a new fragment generation and the page-cache purge (a few cache writes),
    then the CDN purge, queued as a task (tasks.purge_cdn)."""
    paths = set(paths) | set(EXTRA_PATHS)

    def run():
        fragments.new_generation()
        if everything:
            page_cache.purge_all()  # the site token is part of every cached page's key
        else:
            page_cache.purge_paths(paths)
        if settings.WAGTAILFRONTENDCACHE:
            try:
                tasks.purge_cdn.enqueue(sorted(paths), everything)
            except Exception:
                logger.exception("could not queue the CDN purge of %d path(s)", len(paths))

    transaction.on_commit(run)


def _path(page) -> str | None:
    """The page's URL path on its site, e.g. '/learn/what-is-kap/' (None when not routable)."""
    parts = page.get_url_parts()
    return parts[2] if parts else None


def _neighbourhood(page) -> set[Page]:
    pages = {page}
    # Its translations show a link to it (and, in Spanish, whether the English changed since).
    pages.update(page.get_translations())
    pages.update(page.get_descendants())
    pages.update(page.get_ancestors().filter(depth__gt=1))
    pages.update(page.get_siblings(inclusive=False))
    return pages


def _is_in_navigation(page) -> bool:
    """The home page (in any language) or a page directly below it."""
    parent = page.get_parent()
    return any(
        site.root_page.translation_key in (page.translation_key, parent.translation_key)
        for site in Site.objects.select_related("root_page")
    )


def on_page_changed(sender, instance, **kwargs):
    if instance.depth <= 1:
        return
    if _is_in_navigation(instance):
        _schedule(everything=True)
        return
    _schedule(p for p in (_path(page) for page in _neighbourhood(instance)) if p)


def on_page_url_changed(sender, instance, **kwargs):
    """Move or slug change: old URLs (page and descendants) and every page (links move too)."""
    before = kwargs.get("url_path_before") or getattr(
        kwargs.get("instance_before"), "url_path", None
    )
    old_paths = set()
    if before:
        for site in Site.objects.all():
            root = site.root_page.url_path
            for page in [instance, *instance.get_descendants()]:
                old_url_path = before + page.url_path[len(instance.url_path) :]
                if old_url_path.startswith(root):
                    old_paths.add("/" + old_url_path[len(root) :])
    _schedule(old_paths, everything=True)


@functools.cache
def _shown_everywhere_models():
    # A view restriction changes what is public: navigation, listings and links on every page.
    models = [*get_snippet_models(), Site, get_image_model(), PageViewRestriction]
    models += [m for m in apps.get_models() if issubclass(m, BaseSiteSetting | BaseGenericSetting)]
    return tuple(model for model in models if not issubclass(model, Page))


def on_shared_content_changed(sender, instance, **kwargs):
    if isinstance(instance, _shown_everywhere_models()):
        _schedule(everything=True)


def on_release(sender, **kwargs):
    page_cache.purge_all()


def register():
    # Wagtail's own handlers purge only the page itself from the CDN on publish/unpublish; ours
    # purge the page's neighbourhood from both caches, so theirs would only send duplicates.
    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.disconnect(
                wagtail_frontend_handlers.page_published_signal_handler, sender=model
            )
            page_unpublished.disconnect(
                wagtail_frontend_handlers.page_unpublished_signal_handler, sender=model
            )
    page_published.connect(on_page_changed, dispatch_uid="perf-page-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="perf-page-unpublished")
    post_page_move.connect(on_page_url_changed, dispatch_uid="perf-page-moved")
    page_slug_changed.connect(on_page_url_changed, dispatch_uid="perf-slug-changed")
    post_save.connect(on_shared_content_changed, dispatch_uid="perf-shared-saved")
    post_delete.connect(on_shared_content_changed, dispatch_uid="perf-shared-deleted")
    # post_migrate is sent once per app that has models; this app has none, so core's is used.
    post_migrate.connect(
        on_release, sender=apps.get_app_config("core"), dispatch_uid="perf-release"
    )
