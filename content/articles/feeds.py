"""Atom feed of articles: the newest and the most recently reviewed first."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Site

from content.core import site_url
from content.core.models import ClinicSettings

from .models import ArticlePage

FEED_LENGTH = 20


def _as_datetime(day: datetime.date | None) -> datetime.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def latest_activity(article: ArticlePage) -> datetime.datetime:
    """When the article was first published or last clinically reviewed, whichever is later."""
    moments = [article.first_published_at, _as_datetime(article.last_reviewed)]
    return max((m for m in moments if m), default=timezone.now())


class ArticlesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
        self.clinic = ClinicSettings.for_site(self.site)
        return None

    def title(self):
        return f"{self.clinic.clinic_name}: articles"

    def subtitle(self):
        return "New and recently reviewed plain-language articles about ketamine-assisted psychotherapy."

    def link(self):
        return site_url.root_url(self.request) + "/"

    def feed_url(self):
        return site_url.root_url(self.request) + reverse("articles_feed")

    def author_name(self):
        return self.clinic.clinic_name

    def items(self):
        articles = (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self.site.root_page)
            .select_related("author", "clinical_reviewer")
        )
        return sorted(articles, key=latest_activity, reverse=True)[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.meta_description

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        moments = [item.last_published_at, _as_datetime(item.last_reviewed)]
        return max((m for m in moments if m), default=latest_activity(item))
