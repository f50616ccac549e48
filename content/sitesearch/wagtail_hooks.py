"""Admin: editors manage search synonyms (Settings › Search synonyms), next to Wagtail's
"Promoted search results"."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Search synonyms"
    add_to_settings_menu = True
    menu_order = 910
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]
    ordering = ["terms"]


register_snippet(SearchSynonymViewSet)
