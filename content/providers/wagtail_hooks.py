"""Admin screens for the directory's taxonomies (one menu group)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Condition, InsuranceOption, Language, Treatment


class _TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class TreatmentViewSet(_TaxonomyViewSet):
    model = Treatment
    icon = "pick"
    menu_label = "Treatments"


class ConditionViewSet(_TaxonomyViewSet):
    model = Condition
    icon = "tag"
    menu_label = "Conditions"


class InsuranceOptionViewSet(_TaxonomyViewSet):
    model = InsuranceOption
    icon = "tag"
    menu_label = "Insurance and payment"
    list_display = ["name", "kind", "slug", "sort_order"]
    list_filter = ["kind"]


class LanguageViewSet(_TaxonomyViewSet):
    model = Language
    icon = "globe"
    menu_label = "Languages"


class ProviderTaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Provider directory"
    menu_icon = "group"
    menu_order = 300
    items = (TreatmentViewSet, ConditionViewSet, InsuranceOptionViewSet, LanguageViewSet)


register_snippet(ProviderTaxonomyGroup)
