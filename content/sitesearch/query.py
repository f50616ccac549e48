"""Finding pages for a visitor's query with Wagtail's search backend, and ranking them.

1. The query's words (stop words dropped) are matched to editors' synonym groups: each word or
   phrase becomes a "unit" of alternatives ("spravato" → spravato | esketamine | "nasal spray").
2. The full-text search finds live pages of the searchable types, in the query's language,
   matching every unit (stemmed: "side effect" finds "side effects"); when none do, pages
   matching any unit. Which full-text search depends on the language and the database:
   - English, both databases, and Spanish on SQLite: Wagtail's search backend (settings
     ``WAGTAILSEARCH_BACKENDS``: PostgreSQL's "english" configuration, or SQLite FTS5 with the
     porter tokenizer).
   - Spanish on PostgreSQL: Django's PostgreSQL full-text search with the "spanish"
     configuration (``POSTGRES_CONFIGS``) over the plain text Wagtail's index keeps for each page
     (``IndexEntry.title_text`` and ``body_text``). Wagtail's database backend has one
     configuration per index table, so a second backend alias would share (and overwrite) the
     same rows; the Spanish vectors are computed at query time instead, which is quick for a
     few hundred pages (45 Spanish pages today; add an expression index if that grows a lot).
   - SQLite has one tokenizer for the whole index: Spanish pages are stemmed with the English
     porter stemmer. With diacritics removed, it drops plural -s and -es ("efectos" finds
     "efecto", "reacciones" finds "reacción"), but not Spanish verb or gender endings
     ("segura" does not find "seguro"). Editors' synonyms cover the common gaps.
3. Results are ordered: page types by ``site_search_rank`` (articles before practices), then
   title and summary matches before body-only matches, then the backend's relevance.

Queries are never stored or logged: promoted results are looked up without creating
search_promotions `Query` rows or hit counts (a query can hold a name or a health detail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, Max
from django.db.models.functions import Cast
from django.utils.html import escape, format_html, format_html_join
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, Phrase, PlainText
from wagtail.search.utils import normalise_query_string

from .models import SearchSynonym
from .searchable import searchable_models
from .words import DEFAULT_LANGUAGE, MAX_WORDS, content_words, fold, stem, stop_words, words

MAX_RESULTS = 200
MAX_HIGHLIGHT_WORDS = 20
# PostgreSQL text search configuration per language, for languages whose pages are searched
# with Django's full-text search instead of Wagtail's backend (whose configuration is English).
POSTGRES_CONFIGS = {"es": "spanish"}


@dataclass
class ParsedQuery:
    """A cleaned query split into units; each unit lists what the visitor typed first, then
    its synonyms (each a string of lower-case words)."""

    text: str
    typed_words: list[str]
    units: list[list[str]] = field(default_factory=list)
    language: str = DEFAULT_LANGUAGE

    @property
    def all_terms(self) -> list[str]:
        return [term for unit in self.units for term in unit]

    @property
    def synonyms_used(self) -> list[str]:
        return [term for unit in self.units for term in unit[1:]]

    def stems(self) -> set[str]:
        return {stem(w, self.language) for term in self.all_terms for w in term.split()}


def language_of(locale) -> str:
    return getattr(locale, "language_code", None) or DEFAULT_LANGUAGE


def synonym_key(term: str, language: str) -> tuple[str, ...]:
    """How a synonym term or query phrase is looked up: its words without stop words, and for
    Spanish without accents ("cuanto cuesta" finds the group of "cuánto cuesta")."""
    kept = content_words(term, language)
    return tuple(fold(w) for w in kept) if language == "es" else tuple(kept)


def synonym_groups(locale=None) -> dict[tuple[str, ...], list[str]]:
    """Each synonym term (as a tuple of words without stop words) → its whole group."""
    groups = SearchSynonym.objects.all()
    if locale is not None:
        groups = groups.filter(locale=locale)
    language = language_of(locale)
    lookup: dict[tuple[str, ...], list[str]] = {}
    for group in groups:
        terms = group.term_list()
        for term in terms:
            key = synonym_key(term, language)
            if key:
                lookup.setdefault(key, [])
                lookup[key] += [t for t in terms if t not in lookup[key]]
    return lookup


def parse(text: str, locale=None, groups=None) -> ParsedQuery:
    """Split the query into units, matching the longest synonym phrases first. ``groups``:
    ``synonym_groups(locale)``, when the caller parses several queries."""
    language = language_of(locale)
    kept = content_words(text, language)
    parsed = ParsedQuery(text=text, typed_words=words(text)[:MAX_WORDS], language=language)
    if not kept:
        return parsed
    lookup = synonym_groups(locale) if groups is None else groups
    longest = max((len(key) for key in lookup), default=1)
    i = 0
    while i < len(kept):
        for size in range(min(longest, len(kept) - i), 0, -1):
            typed_key = tuple(kept[i : i + size])
            key = synonym_key(" ".join(typed_key), language) or typed_key
            if size == 1 or key in lookup:
                typed = " ".join(typed_key)
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


def _matches(text_stems: set[str], term: str, language: str) -> bool:
    return all(stem(w, language) in text_stems for w in term.split())


def _field_tier(page, parsed: ParsedQuery) -> int:
    """0: every unit in the title and summary; 1: every unit in the title; 2: every unit in
    the title or summary; 3: some unit there; 4: only the body matched."""
    language = parsed.language
    title = {stem(w, language) for w in words(page.title)}
    summary = {stem(w, language) for w in words(getattr(page, "summary", "") or "")}
    in_title = [any(_matches(title, t, language) for t in unit) for unit in parsed.units]
    in_summary = [any(_matches(summary, t, language) for t in unit) for unit in parsed.units]
    if all(in_title) and all(in_summary):
        return 0
    if all(in_title):
        return 1
    if all(a or b for a, b in zip(in_title, in_summary, strict=True)):
        return 2
    return 3 if any(in_title) or any(in_summary) else 4


def _typed_words_in_title(page, parsed: ParsedQuery) -> int:
    title = {fold(w) for w in words(page.title)}
    return sum(1 for w in dict.fromkeys(parsed.typed_words) if fold(w) in title)


@dataclass
class SearchOutcome:
    pages: list = field(default_factory=list)
    relaxed: bool = False


def site_root(site, locale=None):
    """The site's home page in the locale: each language's pages are under its own translation
    of the home page (the Site points at the default language's), else the site's root."""
    root = site.root_page
    if locale is not None and root.locale_id != locale.pk:
        root = root.get_translation_or_none(locale) or root
    return root


def candidate_pages(site=None, exclude_ids=(), locale=None):
    """Live, public pages of the searchable types (in the site, in the locale), as a queryset
    to search."""
    pages = Page.objects.live().public().type(*searchable_models())
    if locale is not None:
        pages = pages.filter(locale=locale)
    if site is not None:
        pages = pages.descendant_of(site_root(site, locale), inclusive=True)
    if exclude_ids:
        pages = pages.exclude(pk__in=exclude_ids)
    return pages


def search_pages(parsed: ParsedQuery, pages, allow_relaxed: bool = True) -> SearchOutcome:
    """The ``candidate_pages`` matching the query, best first; when no page matches every
    unit (and ``allow_relaxed``), pages matching some of them."""
    if not parsed.units:
        return SearchOutcome()
    relaxed = False
    config = postgres_config(parsed.language)
    if config:
        search = ConfigSearch(config)
        matched = search.matching_ids(pages, parsed)
        if not matched and allow_relaxed and len(parsed.units) > 1:
            relaxed = True
            matched = search.matching_ids(pages, parsed, relaxed=True)
        if not matched:
            return SearchOutcome(relaxed=relaxed)
        position = {pk: n for n, pk in enumerate(matched)}
        ranked = list(pages.filter(pk__in=matched).specific())
    else:
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


def postgres_config(language: str) -> str:
    """The text search configuration to search this language's pages with on PostgreSQL, or ""
    for Wagtail's backend."""
    if connection.vendor != "postgresql":
        return ""
    return POSTGRES_CONFIGS.get(language, "")


class ConfigSearch:
    """Full-text search of pages with one PostgreSQL text search configuration, over the plain
    text of Wagtail's index entries (titles weighted above the rest, as Wagtail does)."""

    def __init__(self, config: str):
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        self.config = config
        self._query = SearchQuery
        self._rank = SearchRank
        self.vector = SearchVector("title_text", weight="A", config=config) + SearchVector(
            "body_text", weight="C", config=config
        )

    def term_query(self, term: str):
        kind = "phrase" if " " in term else "plain"
        return self._query(term, search_type=kind, config=self.config)

    def unit_query(self, unit: list[str]):
        return reduce(or_, (self.term_query(term) for term in unit))

    def tsquery(self, parsed: ParsedQuery, relaxed: bool = False):
        return reduce(or_ if relaxed else and_, (self.unit_query(u) for u in parsed.units))

    def ranking_tsquery(self, parsed: ParsedQuery):
        all_words = dict.fromkeys(w for term in parsed.all_terms for w in term.split())
        return reduce(or_, (self.term_query(w) for w in all_words))

    def entries(self, pages):
        """Index entries of these pages, as their searchable page types (whose search fields
        include the summary and body; an entry for the base Page type holds the title only)."""
        types = [ContentType.objects.get_for_model(m).pk for m in searchable_models()]
        ids = pages.annotate(text_id=Cast("pk", output_field=CharField())).values("text_id")
        return IndexEntry.objects.filter(content_type_id__in=types, object_id__in=ids)

    def matching_ids(self, pages, parsed: ParsedQuery, relaxed: bool = False) -> list[int]:
        """Ids of the matching pages, most relevant first."""
        rows = (
            self.entries(pages)
            .annotate(document=self.vector)
            .filter(document=self.tsquery(parsed, relaxed))
            .values("object_id")
            .annotate(score=Max(self._rank(self.vector, self.ranking_tsquery(parsed))))
            .order_by("-score", "object_id")
            .values_list("object_id", flat=True)[:MAX_RESULTS]
        )
        return [int(object_id) for object_id in rows]


def promotions(query: str, locale=None) -> list[SearchPromotion]:
    """Editor-chosen results for this exact query (read-only: nothing is recorded). Promotions
    are not translatable: a promoted page in another language is replaced by its live
    translation in ``locale`` (without the editor's description, written for the other
    language), or left out when it has none."""
    if not query:
        return []
    picks = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order")
    )
    shown = []
    for pick in picks:
        if pick.page is not None and locale is not None and pick.page.locale_id != locale.pk:
            translation = pick.page.get_translation_or_none(locale)
            if translation is None:
                continue
            pick.page, pick.description = translation, ""  # shown only, never saved
        if pick.page is None or (pick.page.live and pick.page.url):
            shown.append(pick)
    return shown


def highlight(text: str, parsed: ParsedQuery | None):
    """Escaped text with the words matching the query (same light stem) wrapped in <mark>."""
    if not text or parsed is None:
        return escape(text or "")
    language = parsed.language
    wanted = {s for s in parsed.stems() if s not in stop_words(language)}
    wanted = set(sorted(wanted, key=len, reverse=True)[:MAX_HIGHLIGHT_WORDS])
    if not wanted:
        return escape(text)
    parts, pos = [], 0
    for match in re.finditer(r"\w+", text):
        if stem(match.group(), language) in wanted:
            parts.append(text[pos : match.start()])
            parts.append(format_html("<mark>{}</mark>", match.group()))
            pos = match.end()
    parts.append(text[pos:])
    # format_html_join escapes the plain-text parts and keeps the <mark> parts.
    return format_html_join("", "{}", ((part,) for part in parts))
