"""The provider page's admin form: checks the telehealth states entered as inline rows."""

from wagtail.admin.forms import WagtailAdminPageForm


class ProviderPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("telehealth_states")
        if formset is None or not all(form.is_valid() for form in formset.forms):
            return cleaned
        states = [
            form.cleaned_data["state"]
            for form in formset.forms
            if form.cleaned_data.get("state") and not form.cleaned_data.get("DELETE")
        ]
        message = self.instance.telehealth_states_error(bool(cleaned.get("telehealth")), states)
        if message:
            self.add_error("telehealth", message)
        return cleaned
