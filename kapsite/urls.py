from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from content.articles.feeds import ArticlesFeed
from content.core import root_files
from content.core import views as core_views
from content.core.sitemap import TranslatedSitemap
from content.security import documents, media
from content.sitesearch import views as search_views

document_urls = [
    re_path(r"^(\d+)/(.*)$", documents.serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        documents.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # Every language's pages with their hreflang alternates (content/core/sitemap.py); full
    # timestamps in <lastmod> (Django's template prints the date only).
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": TranslatedSitemap}, "template_name": "core/sitemap.xml"},
        name="sitemap",
    ),
    path("site.webmanifest", root_files.web_manifest, name="web_manifest"),
    path("feeds/articles/", ArticlesFeed(), name="articles_feed"),
    path("feedback/", include("content.feedback.urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document views with a cache policy (restricted: private, no-store).
    path("documents/", include(document_urls)),
]

# Django's own admin only when an administrator turns it on (DJANGO_ADMIN_ENABLED=true).
if settings.DJANGO_ADMIN_ENABLED:
    from django.contrib import admin

    urlpatterns.insert(0, path("django-admin/", admin.site.urls))

# Uploaded images from local disk when there is no object storage, in every environment
# (content/security/media.py: public images only, with cache headers; documents never raw).
urlpatterns += [path("media/<path:path>", media.serve_media, name="media")]

# Pages and search in each language: English at /, Spanish under /es/ (wagtail.contrib.simple_translation
# and WAGTAIL_I18N_ENABLED give each Spanish page its own translated slug). An unknown prefix is
# an ordinary 404 in the site's style.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Friendly error pages that reveal nothing (content/security/views.py).
handler400 = "content.security.views.bad_request"
handler403 = "content.security.views.permission_denied"
handler404 = "content.security.views.page_not_found"
handler500 = "content.security.views.server_error"
