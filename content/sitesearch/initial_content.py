"""Load the sample search synonyms (English, and Spanish from fixtures/search/es/ with the Spanish
locale) and promoted results from fixtures/search/, then build the spelling vocabulary (per
locale). Groups and promotions that exist already are kept (editors' changes win)."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page

from content.core.initial_content import ContentLoader, FixtureError

from . import vocabulary
from .models import SearchSynonym

# Synonym files per language: the default locale's, then each other language's under its code.
SYNONYM_FILES = {"en": "search/synonyms.yaml", "es": "search/es/synonyms.yaml"}


def load_synonyms(loader: ContentLoader) -> None:
    for language, path in SYNONYM_FILES.items():
        locale = Locale.objects.filter(language_code=language).first()
        if locale is not None:
            load_synonym_file(loader, path, locale)


def load_synonym_file(loader: ContentLoader, path: str, locale) -> None:
    existing = [group.term_list() for group in SearchSynonym.objects.filter(locale=locale)]
    for item in loader.read_yaml(path)["synonyms"]:
        group = SearchSynonym(terms=item["terms"], note=item.get("note", ""), locale=locale)
        group.full_clean()
        first = group.term_list()[0]
        if any(first in terms for terms in existing):
            loader.log.append(f"kept search synonyms '{first}' ({locale.language_code})")
            continue
        group.save()
        existing.append(group.term_list())
        loader.log.append(f"created search synonyms '{group.terms}' ({locale.language_code})")


def load_promotions(loader: ContentLoader) -> None:
    for item in loader.read_yaml("search/promotions.yaml")["promotions"]:
        page = Page.objects.filter(slug=item["page"]).first()
        if page is None:
            raise FixtureError(f"search promotion for '{item['query']}': no page '{item['page']}'")
        query = Query.get(item["query"])
        _, created = SearchPromotion.objects.get_or_create(
            query=query,
            page=page,
            defaults={"description": item.get("description", ""), "sort_order": 0},
        )
        verb = "created" if created else "kept"
        loader.log.append(f"{verb} search promotion '{query.query_string}'")


def load(loader: ContentLoader) -> None:
    load_synonyms(loader)
    load_promotions(loader)
    count = vocabulary.rebuild()
    loader.log.append(f"search vocabulary: {count} words")
