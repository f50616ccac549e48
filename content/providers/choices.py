"""Practices in a form's choice list, grouped by city (<optgroup>), e.g. "Preferred provider"."""

from itertools import groupby

from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

NO_CITY = _("Telehealth")


class CityGroupedChoiceIterator(ModelChoiceIterator):
    """Choices of a ModelChoiceField over ProviderPage, one group per city.

    Expects the queryset ordered by city (``ProviderPage.objects.taking_requests()`` is); the
    field still validates against its queryset as usual.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for city, pages in groupby(self.queryset, key=lambda page: page.city or NO_CITY):
            yield (city, [self.choice(page) for page in pages])
