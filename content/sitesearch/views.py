"""The site search page: /search/?q=words&page=2."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

from .listings import listings
from .query import (
    ParsedQuery,
    candidate_pages,
    highlight,
    parse,
    promotions,
    search_pages,
    site_root,
    synonym_groups,
)
from .searchable import searchable_models
from .vocabulary import closest_words
from .words import clean_query, content_words

RESULTS_PER_PAGE = 10
SNIPPET_WORDS = 40
# Fewer results than this and the page offers spellings that find more.
FEW_RESULTS = 3
MAX_SUGGESTIONS = 2


def _page_number(raw) -> int:
    try:
        number = int(str(raw)[:6])
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


@dataclass
class Found:
    """What the page shows for a query: the parsed query whose results are listed (a
    corrected spelling when the typed one found nothing), and spellings to offer."""

    parsed: ParsedQuery
    pages: list = field(default_factory=list)
    relaxed: bool = False
    corrected_to: str = ""
    suggestions: list[str] = field(default_factory=list)


def spellings(parsed: ParsedQuery, locale) -> list[str]:
    """Queries with misspelt words replaced by the closest known words, best first."""
    kept = content_words(parsed.text, parsed.language)
    closest = closest_words(kept, locale)
    if not any(closest.values()):
        return []
    options = []
    for rank in range(MAX_SUGGESTIONS):
        replaced = [
            (closest[w][min(rank, len(closest[w]) - 1)] if closest.get(w) else w) for w in kept
        ]
        text = " ".join(replaced)
        if text not in options and text != " ".join(kept):
            options.append(text)
    return options


def find(query: str, site, locale, exclude_ids=()) -> Found:
    """Pages in the locale's language for the query. When few pages have every word, spellings that find more are
    offered; when none do, the best spelling's results are shown, else pages with some of the
    words."""
    groups = synonym_groups(locale)
    pages = candidate_pages(site, exclude_ids, locale)
    parsed = parse(query, locale, groups)
    outcome = search_pages(parsed, pages, allow_relaxed=False)
    found = Found(parsed=parsed, pages=outcome.pages)
    if len(found.pages) >= FEW_RESULTS or not parsed.units:
        return found
    for text in spellings(parsed, locale):
        alternative = parse(text, locale, groups)
        other = search_pages(alternative, pages, allow_relaxed=False)
        if len(other.pages) <= len(found.pages):
            continue
        if not found.pages:
            # Nothing for what was typed: show the closest spelling's results.
            found = Found(parsed=alternative, pages=other.pages, corrected_to=text)
        else:
            found.suggestions.append(text)
    if not found.pages and len(parsed.units) > 1:
        outcome = search_pages(parsed, pages)
        found.pages, found.relaxed = outcome.pages, outcome.relaxed
    return found


def result_entry(page, parsed: ParsedQuery) -> dict:
    text = getattr(page, "summary", "") or page.search_description
    snippet = highlight(Truncator(" ".join((text or "").split())).words(SNIPPET_WORDS), parsed)
    return {
        "page": page,
        "label": getattr(page, "site_search_label", ""),
        "snippet": snippet,
        "details": page.search_result_details() if hasattr(page, "search_result_details") else [],
    }


def prefetch_for_results(pages) -> None:
    """One query per relation the shown results display (e.g. a practice's treatments)."""
    for model in searchable_models():
        of_type = [p for p in pages if isinstance(p, model)]
        relations = getattr(model, "site_search_prefetch", ())
        if of_type and relations:
            prefetch_related_objects(of_type, *relations)


def _first_live(pages, site, locale):
    pages = pages.live().public().filter(locale=locale)
    if site is not None:
        pages = pages.descendant_of(site_root(site, locale))
    return pages.first()


def help_links(site, locale) -> dict:
    """Where to go when nothing matched, in the reader's language: the FAQ and the pages
    listing each searchable type (the article index, the provider directory)."""
    listing_pages = []
    for model in searchable_models():
        for parent_type in model.allowed_parent_page_models():
            if parent_type is Page:
                continue
            parent = _first_live(parent_type.objects.all(), site, locale)
            if parent is not None and parent not in listing_pages:
                listing_pages.append(parent)
    # The FAQ page's slug is English ("faq"); other languages have their translation of it.
    faq_keys = Page.objects.filter(slug="faq").values("translation_key")
    faq_pages = Page.objects.filter(translation_key__in=faq_keys)
    return {
        "faq_page": _first_live(faq_pages, site, locale),
        "listing_pages": listing_pages,
    }


@require_GET
def search(request):
    site = Site.find_for_request(request)
    locale = Locale.get_active()
    query = clean_query(request.GET.get("q"))
    picks = promotions(query, locale)
    found = None
    results_page = None
    results = []
    also_listed = []
    if query:
        picked_ids = [pick.page_id for pick in picks if pick.page_id]
        found = find(query, site, locale, picked_ids)
        paginator = Paginator(found.pages, RESULTS_PER_PAGE)
        results_page = paginator.get_page(_page_number(request.GET.get("page")))
        shown = list(results_page)
        prefetch_for_results(shown)
        results = [result_entry(page, found.parsed) for page in shown]
        if results_page.number > 1:
            picks = []
        else:
            also_listed = listings(found.parsed, site, locale)
            for listing in also_listed:
                prefetch_for_results(listing.pages)
    title = (
        gettext("Search results for “%(query)s”") % {"query": query} if query else gettext("Search")
    )
    context = {
        "query": query,
        "search_query": query,
        "found": found,
        "promotions": picks,
        "results": results,
        "results_page": results_page,
        "also_listed": also_listed,
        "seo_title": title,
        "seo_description": gettext(
            "Search our plain-language pages about ketamine-assisted psychotherapy."
        ),
        "seo_noindex": True,
        "canonical_url": reverse("search"),
    }
    if query and not results and not picks:
        context.update(help_links(site, locale))
    response = render(request, "sitesearch/search.html", context)
    if query:
        # A query can hold health details or a name: no shared cache (page cache, CDN) or disk
        # cache keeps it. The empty search page stays cacheable.
        patch_cache_control(response, private=True, no_store=True)
    return response
