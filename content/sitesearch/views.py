"""The site search page: /search/?q=words&page=2."""

from django.apps import apps
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .query import clean_query, highlight, promotions, search_pages

RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 40


def _page_number(raw) -> int:
    try:
        number = int(str(raw)[:6])
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def snippet(page, query: str):
    """The page's search description or summary, else the start of its body text."""
    text = getattr(page, "meta_description", "") or page.search_description
    if not text and hasattr(page, "body"):
        text = strip_tags(page.body.render_as_block())
    return highlight(Truncator(" ".join((text or "").split())).words(SNIPPET_WORDS), query)


def _first_live(app_label: str, model_name: str, site, **filters):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    pages = model.objects.live().public().filter(**filters)
    if site is not None:
        pages = pages.descendant_of(site.root_page)
    return pages.first()


def suggestions(site) -> dict:
    """Where to go when nothing matched: the FAQ, the articles, the provider directory."""
    return {
        "faq_page": _first_live("articles", "ArticlePage", site, slug="faq"),
        "articles_page": _first_live("articles", "ArticleIndexPage", site),
        "directory_page": _first_live("providers", "ProviderDirectoryPage", site),
    }


@require_GET
def search(request):
    site = Site.find_for_request(request)
    query = clean_query(request.GET.get("q"))
    picks = promotions(query)
    results_page = None
    results = []
    if query:
        picked_ids = [pick.page_id for pick in picks if pick.page_id]
        paginator = Paginator(search_pages(query, site, picked_ids), RESULTS_PER_PAGE)
        results_page = paginator.get_page(_page_number(request.GET.get("page")))
        results = [{"page": page, "snippet": snippet(page, query)} for page in results_page]
        if results_page.number > 1:
            picks = []
    title = f"Search results for “{query}”" if query else "Search"
    context = {
        "query": query,
        "promotions": picks,
        "results": results,
        "results_page": results_page,
        "seo_title": title,
        "seo_description": "Search our plain-language pages about ketamine-assisted psychotherapy.",
        "seo_noindex": True,
        "canonical_url": reverse("search"),
        **suggestions(site),
    }
    response = render(request, "sitesearch/search.html", context)
    if query:
        # A query can hold health details or a name: no shared cache (page cache, CDN) or disk
        # cache keeps it. The empty search page stays cacheable.
        patch_cache_control(response, private=True, no_store=True)
    return response
