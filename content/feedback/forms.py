"""The two steps of "Was this page helpful?": the answer, then an optional comment."""

from django import forms
from django.core import signing
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_CHARS

TOKEN_SALT = "feedback.comment"  # noqa: S105 - a signing namespace, not a password
TOKEN_MAX_AGE = 60 * 60  # a comment must follow its answer within the hour


class HelpfulForm(forms.Form):
    page = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": _("Choose Yes or No."),
            "invalid_choice": _("Choose Yes or No."),
        },
    )


def comment_token(feedback) -> str:
    """A signed reference to one stored answer: only its holder can add the comment."""
    return signing.dumps(feedback.pk, salt=TOKEN_SALT)


class CommentForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    comment = forms.CharField(
        label=_("Tell us more (optional)"),
        help_text=_(
            "Do not include personal or medical details, such as your name, email or health "
            "conditions. We cannot reply to comments."
        ),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_token(self):
        try:
            return signing.loads(self.cleaned_data["token"], salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                _("This form has expired. Your answer was saved; thank you.")
            ) from exc
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                _("We could not match this comment to your answer.")
            ) from exc

    def clean_comment(self):
        comment = self.cleaned_data["comment"]
        if len(comment) > COMMENT_MAX_CHARS:
            raise forms.ValidationError(
                gettext(
                    "Please shorten your comment to %(limit)d characters or fewer; it has "
                    "%(length)d."
                )
                % {"limit": COMMENT_MAX_CHARS, "length": len(comment)}
            )
        return comment
