"""The explainer library: topics, the article index and article pages."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from content.core.blocks import BodyStreamBlock, section_headings
from content.core.models import BasePage, ClinicalReviewMixin, reading_minutes

ARTICLES_PER_PAGE = 20
# "On this page" contents are shown for articles with at least this many sections.
CONTENTS_MIN_SECTIONS = 3


@register_snippet
class Topic(TranslatableMixin, models.Model):
    """A group of articles on the index page, e.g. 'Understanding KAP'."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80)
    description = models.CharField(max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    # Site search suggests spellings from these names (content.sitesearch.vocabulary).
    site_search_vocabulary_field = "name"

    def __str__(self):
        return self.name


class ArticleIndexPage(BasePage):
    intro = models.TextField(blank=True, max_length=600)

    parent_page_types = ["core.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    # One per home page, that is one per language (the Spanish home has its own).
    max_count_per_parent = 1
    # The query parameters this page reads: the whole-page cache keys on these only.
    cache_query_params = ("page",)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "article index"

    def get_articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("topic")
            .order_by("topic__sort_order", "topic__name", "path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_articles(), ARTICLES_PER_PAGE)
        page_number = request.GET.get("page") or 1
        try:
            articles = paginator.page(page_number)
        except PageNotAnInteger:
            articles = paginator.page(1)
        except EmptyPage as exc:
            raise Http404("No such page of articles") from exc
        context.update(articles=articles, topic_groups=group_by_topic(articles))
        return context

    def topic_groups(self):
        """Every live article with a topic, grouped by topic (one query); for the home page."""
        articles = self.get_articles().filter(topic__isnull=False).defer_streamfields()
        return group_by_topic(articles)


def group_by_topic(articles):
    """[{"topic": topic, "articles": [...]}] for articles already ordered by topic."""
    groups = []
    for article in articles:
        if not groups or groups[-1]["topic"] != article.topic:
            groups.append({"topic": article.topic, "articles": []})
        groups[-1]["articles"].append(article)
    return groups


class ArticlePage(ClinicalReviewMixin, BasePage):
    """One explainer article: summary, main points, body, review details and references."""

    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    main_points = StreamField(
        [("point", blocks.CharBlock(max_length=240))],
        blank=True,
        help_text="Three to five short sentences a reader can take away.",
    )
    body = StreamField(BodyStreamBlock())

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []
    route_select_related = ("locale", "topic", "author", "clinical_reviewer", "translator")
    # Site search: health articles (and the FAQ) come before provider listings.
    site_search_label = gettext_lazy("Article")
    site_search_rank = 0

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("topic"),
        FieldPanel("main_points"),
        FieldPanel("body"),
        *ClinicalReviewMixin.review_panels,
        MultiFieldPanel([InlinePanel("related_links", label="Related article")], heading="Related"),
    ]
    promote_panels = [*Page.promote_panels, *BasePage.translation_panels]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("main_points"),
        index.FilterField("topic"),
    ]

    class Meta:
        verbose_name = "article"

    @property
    def reading_time(self):
        return reading_minutes(self.body)

    def contents(self):
        """Links to the body's main sections, or [] for a short page (fewer than 3)."""
        headings = [h for h in section_headings(self.body) if h["anchor"]]
        return headings if len(headings) >= CONTENTS_MIN_SECTIONS else []

    def topic_neighbours(self):
        """(previous, next) live articles in this article's topic and language, in the index's
        order (one query); either may be None."""
        if not self.topic_id:
            return None, None
        siblings = list(
            ArticlePage.objects.live()
            .public()
            .filter(topic_id=self.topic_id, locale_id=self.locale_id)
            .order_by("path")
            .only("id", "title", "path", "url_path", "depth")
        )
        ids = [sibling.pk for sibling in siblings]
        if self.pk not in ids:
            return None, None
        position = ids.index(self.pk)
        previous = siblings[position - 1] if position > 0 else None
        following = siblings[position + 1] if position + 1 < len(siblings) else None
        return previous, following

    def related_articles(self, limit=3):
        """Chosen related articles, else others in the same topic and language (one query
        either way)."""
        chosen = [
            link.related_page
            for link in self.related_links.select_related("related_page")
            if link.related_page.live
        ]
        if chosen:
            return chosen[:limit]
        if not self.topic_id:
            return []
        return list(
            ArticlePage.objects.live()
            .public()
            .filter(topic_id=self.topic_id, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .order_by("path")[:limit]
        )


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related_page")]
