"""Form fields for the booking form that look at what was typed before Django tidies it.

Django's CharField strips surrounding whitespace before any validator runs, and Python's
str.strip() treats some control characters (\\x1c-\\x1f, \\x85) as whitespace. A phone number
of just "\\x1f" would become "" and slip past a validator. These fields check the raw value
first, so every hidden control character gets the same clear message next to its field.

Their widgets carry no ``maxlength`` attribute: a browser would silently cut what a person
pastes. The server checks the length and says how long the answer is instead.
"""

from django import forms
from django.utils.translation import ngettext_lazy

from .validators import MULTILINE_ALLOWED, reject_control_characters_in


class RawValueChecked:
    allowed_controls: frozenset[str] = frozenset()

    def to_python(self, value):
        if isinstance(value, str):
            reject_control_characters_in(value, self.allowed_controls)
        return super().to_python(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class SingleLineField(RawValueChecked, forms.CharField):
    """A one-line answer: no control characters at all."""


class EmailAddressField(RawValueChecked, forms.EmailField):
    """An email address: no control characters at all."""


# The live counter's words, translated when the form is rendered: each message's form for a count
# of 1 ("one") and for any other count ("other"), the two forms English and Spanish have. site.js
# puts the number where "%s" is.
COUNTER_MESSAGES = {
    "data-count-left-one": ngettext_lazy(
        "You have %s character left.", "You have %s characters left.", 1
    ),
    "data-count-left-other": ngettext_lazy(
        "You have %s character left.", "You have %s characters left.", 2
    ),
    "data-count-over-one": ngettext_lazy(
        "You have %s character too many.", "You have %s characters too many.", 1
    ),
    "data-count-over-other": ngettext_lazy(
        "You have %s character too many.", "You have %s characters too many.", 2
    ),
}


class NoteField(RawValueChecked, forms.CharField):
    """A multi-line answer: line breaks and tabs are fine, other control characters are not."""

    allowed_controls = MULTILINE_ALLOWED

    def to_python(self, value):
        # Browsers send a line break as CR LF; count it as one character, as the page does.
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None:
            attrs["data-max-chars"] = str(self.max_length)  # the live counter in site.js
            attrs.update(COUNTER_MESSAGES)
        return attrs


class PracticeChoiceField(forms.ModelChoiceField):
    """A practice chosen from the list. A value that cannot be a page id at all (not digits, or a
    number larger than a database id column holds) is an invalid choice, answered like any other
    wrong choice: Django's own lookup would raise an overflow error from the database (a 500)."""

    LARGEST_ID = 2**63 - 1

    def to_python(self, value):
        if value not in self.empty_values:
            text = str(value).strip()
            if not (text.isascii() and text.isdigit()) or int(text) > self.LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)
