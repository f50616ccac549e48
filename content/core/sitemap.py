"""/sitemap.xml: every live, public page of the site in every language, each with its
hreflang alternates (the same set as the page's <head>, content.core.translation).

Wagtail's own sitemap lists the descendants of the site's root page, which is the English home
page; the Spanish home page is that page's translation (a sibling in the tree), so its pages
would be missing. The items here are the descendants of the root page and of its translations,
in one query; the alternates come from one grouping query per request
(translation.translation_groups), so the sitemap costs the same number of queries however many
pages there are.
"""

from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key, depth=root.depth).only(
            "path"
        )
        under_a_root = Q()
        for page in roots:
            under_a_root |= Q(path__startswith=page.path)
        return (
            Page.objects.filter(under_a_root)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        """The entries, each page's alternates kept only where the alternate is itself listed
        (a page a page type keeps out with robots_noindex is no one's alternate either). The
        whole site fits on one sitemap page (Django's limit is 50,000 URLs)."""
        urls = super()._urls(page, protocol, domain)
        listed = {url["location"] for url in urls}
        for url in urls:
            url["alternates"] = [
                alternate
                for alternate in url.get("alternates", ())
                if alternate["location"] in listed
            ]
        return urls
