"""The Spanish edition: which pages are translations of which, and how a reader moves between them.

Each Spanish page is a Wagtail translation of an English page (same ``translation_key``, locale
``es``), made with wagtail.contrib.simple_translation's "Translate" action or by the initial
content loader, and written in the ordinary page editor, where the clinical review workflow
applies. English is the source: a Spanish page records when its translator last checked it against
the English (``source_checked_at``); an English revision published after that makes it stale
(shown on the page, and listed in the admin report in content.governance).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from wagtail.models import Locale, Page

# hreflang values: the site is written for readers in the United States.
HREFLANG = {"en": "en-US", "es": "es-US"}


def hreflang(language_code: str) -> str:
    return HREFLANG.get(language_code, language_code)


def default_language() -> str:
    return settings.LANGUAGE_CODE


def active_language() -> str:
    """The active language, reduced to one of LANGUAGES (``es-us`` → ``es``)."""
    code = (translation.get_language() or default_language()).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else default_language()


def language_name(language_code: str) -> str:
    """A language's name in that language ("English", "Español")."""
    return dict(settings.LANGUAGES).get(language_code, language_code)


def live_translations(page) -> list[Page]:
    """Every live, public page sharing ``page``'s translation key (itself included), with its
    locale, in one query; remembered on the page object for the rest of the request."""
    cached = page.__dict__.get("kapsite_live_translations")
    if cached is None:
        # Live pages only; a view restriction is not checked here (it would cost a query on
        # every page): a restricted translation asks for its password when followed.
        cached = list(
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .only("url_path", "path", "depth", "locale__language_code", "last_published_at")
            .order_by("locale__language_code")
        )
        page.__dict__["kapsite_live_translations"] = cached
    return cached


@dataclass(frozen=True)
class Alternate:
    language_code: str
    hreflang: str
    url: str
    page: Page


def alternates(page, request=None) -> list[Alternate]:
    """The page in each language it is published in, as absolute URLs (for hreflang)."""
    found = []
    for other in live_translations(page):
        code = other.locale.language_code
        url = other.get_full_url(request)
        if url:
            found.append(Alternate(code, hreflang(code), url, other))
    return found


def source_page(page) -> Page | None:
    """The English page a translation was made from (None for an English page)."""
    english = default_language()
    # A translation key has at most one page per locale, so the first English page is the one.
    for other in live_translations(page):
        if other.locale.language_code == english:
            return None if other.pk == page.pk else other
    return None


def is_stale(page) -> bool:
    """True when the English source was published after this translation was last checked."""
    source = source_page(page)
    if source is None or source.last_published_at is None:
        return False
    checked = getattr(page, "source_checked_at", None)
    return checked is None or source.last_published_at > checked


def in_active_language(page_ids) -> dict[int, Page]:
    """For pages chosen in English (e.g. footer links), {chosen id: the live page to link to}:
    its translation in the active language when there is one, else itself. Two queries: the
    page view restrictions (for ``public()``), then the pages with their translations."""
    ids = {pk for pk in page_ids if pk}
    if not ids:
        return {}
    language = active_language()
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    candidates = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("title", "url_path", "path", "depth", "translation_key", "locale__language_code")
    )
    chosen, in_language = {}, {}
    for candidate in candidates:
        if candidate.pk in ids:
            chosen[candidate.pk] = candidate
        if candidate.locale.language_code == language:
            in_language[candidate.translation_key] = candidate
    return {pk: in_language.get(page.translation_key, page) for pk, page in chosen.items()}


def translation_groups(request) -> dict:
    """{translation_key: {language_code: page}} for every live page, built once per request
    (the sitemap's alternates in one query, however many pages there are)."""
    groups = getattr(request, "kapsite_translation_groups", None) if request else None
    if groups is None:
        groups = {}
        pages = (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .only("url_path", "path", "depth", "translation_key", "locale__language_code")
        )
        for page in pages:
            groups.setdefault(page.translation_key, {})[page.locale.language_code] = page
        if request is not None:
            request.kapsite_translation_groups = groups
    return groups


def translated_page_models() -> list:
    """Every concrete page model with the translation fields (translator, source_checked_at)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        and not model._meta.abstract
        and any(f.name == "source_checked_at" for f in model._meta.concrete_fields)
    ]


def _from_specific(name, models):
    values = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values(name)[:1]) for model in models
    ]
    return values[0] if len(values) == 1 else Coalesce(*values)


def translations_with_source():
    """Every page that is not in the default language, as plain Page rows annotated with its
    English source (``source_id``, ``source_title``, ``source_published_at``: the source's last
    publish), ``source_checked_at`` and ``translator_name``; one query, no per-row lookups."""
    models = translated_page_models()
    source = Page.objects.live().filter(
        translation_key=OuterRef("translation_key"), locale__language_code=default_language()
    )
    return (
        Page.objects.exclude(locale__language_code=default_language())
        .filter(content_type__in=_content_types(models))
        .annotate(
            source_id=Subquery(source.values("pk")[:1]),
            source_title=Subquery(source.values("title")[:1]),
            source_published_at=Subquery(source.values("last_published_at")[:1]),
            source_checked_at=_from_specific("source_checked_at", models),
            translator_name=_from_specific("translator__name", models),
        )
    )


def stale_translations():
    """The translations ``is_stale`` is true for, as one queryset: the English source was
    published after the page was last checked against it (or it was never checked)."""
    return translations_with_source().filter(
        Q(source_published_at__gt=F("source_checked_at"))
        | Q(source_checked_at__isnull=True, source_published_at__isnull=False)
    )


def _content_types(models):
    from django.contrib.contenttypes.models import ContentType

    return list(ContentType.objects.get_for_models(*models).values())


def spanish_locale() -> Locale:
    return Locale.objects.get(language_code="es")
