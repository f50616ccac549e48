"""A query that names a term pages are listed by also lists those pages.

A page type sets ``site_search_listed_by`` to the name of a many-to-many field whose related
snippets have a ``name`` (practices: ``"treatments"``). When the query or its synonyms name one
of them ("spravato" names "Esketamine nasal spray (Spravato)"), the search page lists the live
pages related to it, with a link to the parent listing page filtered by it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext

from .query import ParsedQuery, site_root
from .searchable import searchable_models
from .words import DEFAULT_LANGUAGE, content_words, stem

MAX_LISTED = 5
MAX_TERMS_NAMED = 2


@dataclass
class Listing:
    term: object
    heading: str
    pages: list = field(default_factory=list)
    count: int = 0
    more_url: str = ""


# "or" in each language, splitting a name into the ways it can be said.
OR_WORDS = {"en": "or", "es": "o"}


def name_parts(name: str, language: str = DEFAULT_LANGUAGE) -> list[set[str]]:
    """The ways a name can be said, as sets of stems: "Esketamine nasal spray (Spravato)" →
    {esketamin, nasal, spray} and {spravato}; "Oral or under-the-tongue ketamine" → {oral} and
    {tongu, ketamin}."""
    or_word = OR_WORDS.get(language, OR_WORDS[DEFAULT_LANGUAGE])
    pieces = re.split(rf"[()]|\b{or_word}\b", name, flags=re.IGNORECASE)
    parts = []
    for piece in pieces:
        stems = {stem(w, language) for w in content_words(piece, language) if w != or_word}
        if stems:
            parts.append(stems)
    return parts


def names(term_name: str, parsed: ParsedQuery) -> bool:
    query_stems = parsed.stems()
    return any(part <= query_stems for part in name_parts(term_name, parsed.language))


def listings(parsed: ParsedQuery, site=None, locale=None) -> list[Listing]:
    """Pages (in the locale) listed by a term the query names (a term in the same locale)."""
    if not parsed.units:
        return []
    found = []
    for model in searchable_models():
        field_name = getattr(model, "site_search_listed_by", "")
        if not field_name:
            continue
        relation = model._meta.get_field(field_name)
        terms = relation.related_model.objects.all()
        if locale is not None and any(f.name == "locale" for f in terms.model._meta.get_fields()):
            terms = terms.filter(locale=locale)
        named = [t for t in terms if names(t.name, parsed)]
        for term in named[:MAX_TERMS_NAMED]:
            pages = (
                model.objects.live()
                .public()
                .filter(**{field_name: term})
                .filter(**({"locale": locale} if locale is not None else {}))
                .prefetch_related(*getattr(model, "site_search_prefetch", ()))
                .order_by("title")
            )
            if site is not None:
                pages = pages.descendant_of(site_root(site, locale))
            shown = list(pages[: MAX_LISTED + 1])
            if not shown:
                continue
            count = len(shown) if len(shown) <= MAX_LISTED else pages.count()
            template = getattr(model, "site_search_listing_heading", "")
            if template:
                heading = str(template) % {"term": term.name}
            else:
                plural = str(model._meta.verbose_name_plural)
                heading = gettext("%(pages)s that offer %(term)s") % {
                    "pages": f"{plural[:1].upper()}{plural[1:]}",
                    "term": term.name,
                }
            listing = Listing(
                term=term,
                heading=heading,
                pages=shown[:MAX_LISTED],
                count=count,
            )
            parent = shown[0].get_parent()
            if parent is not None:
                param = relation.related_model._meta.model_name
                listing.more_url = f"{parent.url}?{urlencode({param: term.slug})}"
            found.append(listing)
    return found
