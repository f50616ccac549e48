"""Rich-text page links resolved with one query per rich-text block.

Wagtail's own handler fetches linked pages as their specific types (two queries or more) and looks
up the active locale once per link (``page.localized``). A link only needs the page's URL, so this
handler fetches the base pages in one query, remembers locales per language code, and fetches
translations only when the reader's language differs from the page's.

Kept because tests/core/test_query_budget.py (home, FAQ) and tests/performance/
test_images_and_queries.py fail with Wagtail's own handler (checked in issue 21). It uses
PageLinkHandler's public ``get_many`` / ``expand_db_attributes_many``.
"""

from functools import lru_cache

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.translation import get_language
from wagtail.models import Locale, Page
from wagtail.rich_text.pages import PageLinkHandler

URL_FIELDS = ("id", "path", "depth", "url_path", "locale_id", "translation_key", "live")


@lru_cache(maxsize=16)
def _locale_id_for(language_code: str) -> int | None:
    try:
        return Locale.objects.get_for_language(language_code).pk
    except (LookupError, Locale.DoesNotExist):
        return None


@receiver(post_save, sender=Locale, dispatch_uid="rich_text_locale_saved")
@receiver(post_delete, sender=Locale, dispatch_uid="rich_text_locale_deleted")
def _forget_locales(**kwargs) -> None:
    """A locale added or removed changes the answer for its language code."""
    _locale_id_for.cache_clear()


class BatchedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page | None]:
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        pages = {str(p.pk): p for p in Page.objects.filter(id__in=ids).only(*URL_FIELDS)}
        return [pages.get(pk) for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = cls.get_many(attrs_list)
        active = _locale_id_for(get_language() or "en")
        foreign = [p.translation_key for p in pages if p and active and p.locale_id != active]
        translations = {}
        if foreign:
            translations = {
                p.translation_key: p
                for p in Page.objects.live()
                .filter(translation_key__in=foreign, locale_id=active)
                .only(*URL_FIELDS)
            }
        return [
            f'<a href="{escape(translations.get(page.translation_key, page).url)}">'
            if page
            else "<a>"
            for page in pages
        ]
