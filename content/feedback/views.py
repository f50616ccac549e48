"""The public side of "Was this page helpful?": store an answer, then an optional comment.

CSRF without a token. The question sits on health pages that the whole-page cache serves to
everyone (content/performance/page_cache.py); a CSRF token would set a cookie and make those
pages uncacheable, and this feature promises readers no cookies at all. Both views are
therefore exempt from Django's token check and protected instead by:

* a same-origin check (``Sec-Fetch-Site``, else ``Origin``): browsers send one of them with
  every cross-site POST, so another site cannot make its visitors' browsers post answers here;
* no ambient authority to abuse: the views read no session or cookie and act for nobody;
* for the comment, a signed single-use token naming the stored answer (forms.comment_token),
  so a comment can only be attached to an answer its sender just gave, once.

Both steps are rate-limited per client address (``FEEDBACK_RATE_LIMIT``) with django-ratelimit
in the shared cache; the address is used for counting only and never stored.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from content.core.client_ip import client_ip
from content.core.models import ClinicalReviewMixin

from .forms import CommentForm, HelpfulForm, comment_token
from .models import PageFeedback

RATE_GROUP = "feedback"


def is_same_origin(request) -> bool:
    """False for a POST another site's page made a browser send."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is None:  # older browsers and non-browser clients: no cross-site request
        return True
    trusted = {urlsplit(o).netloc for o in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    return urlsplit(origin).netloc in {request.get_host(), *trusted}


def _address_key(group, request):
    return client_ip(request)


def over_limit(request) -> bool:
    return is_ratelimited(
        request,
        group=RATE_GROUP,
        key=_address_key,
        rate=settings.FEEDBACK_RATE_LIMIT,
        increment=True,
    )


def health_page(page_id):
    """The live, public health page with this id, or None."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    return page if isinstance(page, ClinicalReviewMixin) else None


def _problem(request, message, status, article=None):
    context = {"message": message, "article": article, "seo_noindex": True}
    return render(request, "feedback/problem.html", context, status=status)


@csrf_exempt  # see the module docstring: same-origin check instead of a token cookie
@never_cache
@require_POST
def helpful(request):
    if not is_same_origin(request):
        return _problem(request, _("We could not save your answer from this page."), 403)
    form = HelpfulForm(request.POST)
    article = health_page(form.cleaned_data["page"]) if form.is_valid() else None
    if article is None:
        return _problem(
            request, _("We could not save your answer. Please go back and choose Yes or No."), 400
        )
    if over_limit(request):
        return _problem(
            request,
            _(
                "Thank you. We have had many answers from your connection in the last hour, "
                "so this one was not saved."
            ),
            429,
            article,
        )
    feedback = PageFeedback.objects.create(page=article, helpful=form.cleaned_data["helpful"])
    comment_form = CommentForm(initial={"token": comment_token(feedback)})
    context = {"article": article, "feedback": feedback, "form": comment_form, "seo_noindex": True}
    return render(request, "feedback/thanks.html", context)


@csrf_exempt  # see the module docstring: same-origin check and a signed single-use token
@never_cache
@require_POST
def comment(request):
    if not is_same_origin(request):
        return _problem(request, _("We could not save your comment from this page."), 403)
    form = CommentForm(request.POST)
    if not form.is_valid():
        if "token" in form.errors:
            return _problem(request, form.errors["token"][0], 400)
        feedback = PageFeedback.objects.filter(pk=form.cleaned_data["token"]).first()
        context = {
            "article": feedback.page.specific if feedback else None,
            "feedback": feedback,
            "form": form,
            "seo_noindex": True,
        }
        return render(request, "feedback/thanks.html", context, status=400)
    feedback = (
        PageFeedback.objects.filter(pk=form.cleaned_data["token"]).select_related("page").first()
    )
    if feedback is None:
        return _problem(request, _("We could not match this comment to your answer."), 400)
    article = feedback.page.specific
    if feedback.comment:
        return _problem(request, _("You have already sent a comment. Thank you."), 400, article)
    text = form.cleaned_data["comment"]
    if text:
        if over_limit(request):
            return _problem(
                request,
                _(
                    "Thank you. We have had many comments from your connection in the last "
                    "hour, so this one was not saved."
                ),
                429,
                article,
            )
        feedback.comment = text
        feedback.save(update_fields=["comment"])
    context = {"article": article, "commented": bool(text), "seo_noindex": True}
    return render(request, "feedback/done.html", context)
