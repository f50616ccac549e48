"""Finding pages for a visitor's query with Wagtail's search backend, and ranking them.

1. The query's words (stop words dropped) are matched to editors' synonym groups: each word or
   phrase becomes a "unit" of alternatives ("spravato" → spravato | esketamine | "nasal spray").
2. Wagtail's search finds live pages of the searchable types matching every unit (the backend
   stems: "side effect" finds "side effects"); when none do, pages matching any unit.
3. Results are ordered: page types by ``site_search_rank`` (articles before practices), then
   title and summary matches before body-only matches, then the backend's relevance.

Queries are never stored or logged: promoted results are looked up without creating
search_promotions `Query` rows or hit counts (a query can hold a name or a health detail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html, format_html_join
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.query import And, Or, Phrase, PlainText
from wagtail.search.utils import normalise_query_string

from .models import SearchSynonym
from .searchable import searchable_models
from .words import DEFAULT_LANGUAGE, MAX_WORDS, content_words, stem, stop_words, words

MAX_RESULTS = 200
MAX_HIGHLIGHT_WORDS = 20


@dataclass
class ParsedQuery:
    """A cleaned query split into units; each unit lists what the visitor typed first, then
    its synonyms (each a string of lower-case words)."""

    text: str
    typed_words: list[str]
    units: list[list[str]] = field(default_factory=list)

    @property
    def all_terms(self) -> list[str]:
        return [term for unit in self.units for term in unit]

    @property
    def synonyms_used(self) -> list[str]:
        return [term for unit in self.units for term in unit[1:]]

    def stems(self) -> set[str]:
        return {stem(w) for term in self.all_terms for w in term.split()}


def synonym_groups(locale=None) -> dict[tuple[str, ...], list[str]]:
    """Each synonym term (as a tuple of words without stop words) → its whole group."""
    groups = SearchSynonym.objects.all()
    if locale is not None:
        groups = groups.filter(locale=locale)
    language = getattr(locale, "language_code", DEFAULT_LANGUAGE)
    lookup: dict[tuple[str, ...], list[str]] = {}
    for group in groups:
        terms = group.term_list()
        for term in terms:
            key = tuple(content_words(term, language))
            if key:
                lookup.setdefault(key, [])
                lookup[key] += [t for t in terms if t not in lookup[key]]
    return lookup


def parse(text: str, locale=None, groups=None) -> ParsedQuery:
    """Split the query into units, matching the longest synonym phrases first. ``groups``:
    ``synonym_groups(locale)``, when the caller parses several queries."""
    language = getattr(locale, "language_code", DEFAULT_LANGUAGE)
    kept = content_words(text, language)
    parsed = ParsedQuery(text=text, typed_words=words(text)[:MAX_WORDS])
    if not kept:
        return parsed
    lookup = synonym_groups(locale) if groups is None else groups
    longest = max((len(key) for key in lookup), default=1)
    i = 0
    while i < len(kept):
        for size in range(min(longest, len(kept) - i), 0, -1):
            key = tuple(kept[i : i + size])
            if size == 1 or key in lookup:
                typed = " ".join(key)
                alternatives = [typed] + [t for t in lookup.get(key, []) if t != typed]
                parsed.units.append(alternatives)
                i += size
                break
    return parsed


def _term_query(term: str):
    return Phrase(term) if " " in term else PlainText(term)


def backend_query(parsed: ParsedQuery, relaxed: bool = False):
    """Wagtail search query: every unit must match (or any, when relaxed)."""
    if all(len(unit) == 1 and " " not in unit[0] for unit in parsed.units):
        return PlainText(
            " ".join(unit[0] for unit in parsed.units), operator="or" if relaxed else "and"
        )
    parts = []
    for unit in parsed.units:
        options = [_term_query(term) for term in unit]
        parts.append(options[0] if len(options) == 1 else Or(options))
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if relaxed else And(parts)


def ranking_query(parsed: ParsedQuery):
    """One plain query of every word, so each backend scores pages with a single relevance
    expression (SQLite's bm25 is not meant to be combined across sub-queries)."""
    all_words = dict.fromkeys(w for term in parsed.all_terms for w in term.split())
    return PlainText(" ".join(all_words), operator="or")


def _matches(text_stems: set[str], term: str) -> bool:
    return all(stem(w) in text_stems for w in term.split())


def _field_tier(page, parsed: ParsedQuery) -> int:
    """0: every unit in the title and summary; 1: every unit in the title; 2: every unit in
    the title or summary; 3: some unit there; 4: only the body matched."""
    title = {stem(w) for w in words(page.title)}
    summary = {stem(w) for w in words(getattr(page, "summary", "") or "")}
    in_title = [any(_matches(title, t) for t in unit) for unit in parsed.units]
    in_summary = [any(_matches(summary, t) for t in unit) for unit in parsed.units]
    if all(in_title) and all(in_summary):
        return 0
    if all(in_title):
        return 1
    if all(a or b for a, b in zip(in_title, in_summary, strict=True)):
        return 2
    return 3 if any(in_title) or any(in_summary) else 4


def _typed_words_in_title(page, parsed: ParsedQuery) -> int:
    title = {w.casefold() for w in words(page.title)}
    return sum(1 for w in dict.fromkeys(parsed.typed_words) if w in title)


@dataclass
class SearchOutcome:
    pages: list = field(default_factory=list)
    relaxed: bool = False


def candidate_pages(site=None, exclude_ids=()):
    """Live, public pages of the searchable types (in the site), as a queryset to search."""
    pages = Page.objects.live().public().type(*searchable_models())
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    if exclude_ids:
        pages = pages.exclude(pk__in=exclude_ids)
    return pages


def search_pages(parsed: ParsedQuery, pages, allow_relaxed: bool = True) -> SearchOutcome:
    """The ``candidate_pages`` matching the query, best first; when no page matches every
    unit (and ``allow_relaxed``), pages matching some of them."""
    if not parsed.units:
        return SearchOutcome()
    relaxed = False
    matched = _matching_ids(pages, backend_query(parsed))
    if not matched and allow_relaxed and len(parsed.units) > 1:
        relaxed = True
        matched = _matching_ids(pages, backend_query(parsed, relaxed=True))
    if not matched:
        return SearchOutcome(relaxed=relaxed)
    ranked = list(
        pages.filter(pk__in=matched).specific().search(ranking_query(parsed))[:MAX_RESULTS]
    )
    position = {page.pk: n for n, page in enumerate(ranked)}
    if len(ranked) < len(matched):  # a page the ranking query missed still belongs
        missing = set(matched) - set(position)
        ranked += list(pages.filter(pk__in=missing).specific())

    def key(page):
        return (
            getattr(page, "site_search_rank", 0),
            _field_tier(page, parsed),
            -_typed_words_in_title(page, parsed),
            position.get(page.pk, len(position)),
        )

    return SearchOutcome(pages=sorted(ranked, key=key), relaxed=relaxed)


def _matching_ids(pages, query) -> list[int]:
    results = pages.search(query, order_by_relevance=False)[:MAX_RESULTS]
    return [page.pk for page in results]


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


def highlight(text: str, parsed: ParsedQuery | None):
    """Escaped text with the words matching the query (same light stem) wrapped in <mark>."""
    if not text or parsed is None:
        return escape(text or "")
    language = DEFAULT_LANGUAGE
    wanted = {s for s in parsed.stems() if s not in stop_words(language)}
    wanted = set(sorted(wanted, key=len, reverse=True)[:MAX_HIGHLIGHT_WORDS])
    if not wanted:
        return escape(text)
    parts, pos = [], 0
    for match in re.finditer(r"\w+", text):
        if stem(match.group()) in wanted:
            parts.append(text[pos : match.start()])
            parts.append(format_html("<mark>{}</mark>", match.group()))
            pos = match.end()
    parts.append(text[pos:])
    # format_html_join escapes the plain-text parts and keeps the <mark> parts.
    return format_html_join("", "{}", ((part,) for part in parts))
