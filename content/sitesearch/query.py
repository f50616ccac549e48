"""Cleaning a visitor's search words and finding pages for them.

Queries are never stored or logged: promoted results are looked up without creating
search_promotions `Query` rows or hit counts (a query can hold a name or a health detail).
"""

import re
import unicodedata

from django.apps import apps
from django.utils.html import escape, format_html, format_html_join
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

MAX_QUERY_LENGTH = 200
MAX_HIGHLIGHT_WORDS = 10
MAX_BACKEND_TERMS = 12
MAX_RESULTS = 200
# Format characters that are part of ordinary text: emoji sequences (👩🏽‍⚕️) and Persian or
# Indic spelling need the zero-width joiner and non-joiner, so they are kept.
JOINERS = {"\u200c", "\u200d"}

# Page types patients can find through site search (app label, model name); missing apps are skipped.
SEARCHABLE_PAGE_TYPES = [("articles", "ArticlePage"), ("providers", "ProviderPage")]


def clean_query(raw: str | None) -> str:
    """Normalised, printable, single-spaced and at most MAX_QUERY_LENGTH characters long.

    NUL and other control or format characters become spaces (PostgreSQL refuses NUL in text),
    except the joiners emoji and some scripts need.
    """
    if not raw:
        return ""
    text = unicodedata.normalize("NFKC", str(raw)[: MAX_QUERY_LENGTH * 4])
    text = "".join(
        " " if unicodedata.category(ch)[0] == "C" and ch not in JOINERS else ch for ch in text
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def searchable_models() -> list:
    models = []
    for app_label, model_name in SEARCHABLE_PAGE_TYPES:
        try:
            models.append(apps.get_model(app_label, model_name))
        except LookupError:
            continue
    return models


def backend_terms(query: str) -> str:
    """Only the words: quotes, operators and punctuation never reach the search backend
    (SQLite FTS5 rejects a stray double quote; PostgreSQL gets plain words too)."""
    return " ".join(re.findall(r"\w+", query)[:MAX_BACKEND_TERMS])


def _title_rank(page, words: list[str]) -> int:
    """0 when every query word starts a word of the title, 1 for some, 2 for none."""
    title_words = [w.casefold() for w in re.findall(r"\w+", page.title)]
    hits = sum(1 for word in words if any(t.startswith(word) for t in title_words))
    if words and hits == len(words):
        return 0
    return 1 if hits else 2


def search_pages(query: str, site=None, exclude_ids=()) -> list:
    """Live, public pages of the searchable types matching the query.

    The backend orders by relevance; title matches are then moved first (SQLite's bm25 scores
    the whole entry, so a title hit can rank below a body that repeats the word).
    """
    terms = backend_terms(query)
    if not terms:
        return []
    pages = Page.objects.live().public().type(*searchable_models())
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    if exclude_ids:
        pages = pages.exclude(pk__in=exclude_ids)
    results = list(pages.specific().search(terms)[:MAX_RESULTS])
    words = [w.casefold() for w in terms.split()]
    return sorted(results, key=lambda page: _title_rank(page, words))


def promotions(query: str) -> list[SearchPromotion]:
    """Editor-chosen results for this exact query (read-only: nothing is recorded)."""
    if not query:
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    return [pick for pick in picks if pick.page is None or (pick.page.live and pick.page.url)]


def query_words(query: str) -> list[str]:
    words = [w for w in re.findall(r"\w+", query) if len(w) >= 2]
    return sorted(set(words), key=len, reverse=True)[:MAX_HIGHLIGHT_WORDS]


def highlight(text: str, query: str):
    """Escaped text with the query's words wrapped in <mark>."""
    words = query_words(query)
    if not text or not words:
        return escape(text or "")
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    parts, pos = [], 0
    for match in pattern.finditer(text):
        parts.append(text[pos : match.start()])
        parts.append(format_html("<mark>{}</mark>", match.group()))
        pos = match.end()
    parts.append(text[pos:])
    # format_html_join escapes the plain-text parts and keeps the <mark> parts.
    return format_html_join("", "{}", ((part,) for part in parts))
