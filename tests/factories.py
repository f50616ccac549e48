"""Factories for tests (wagtail-factories on factory_boy)."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Locale

from content.articles.models import ArticleIndexPage, ArticlePage, Topic
from content.core.models import Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Sample Person {n}")
    credentials = "MD"
    is_sample = True
    locale = factory.LazyFunction(Locale.get_default)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(Locale.get_default)


def _body():
    return [
        {"type": "heading", "value": {"text": "A section", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Some plain text for the reader.</p>"},
    ]


def _references():
    return [
        {
            "type": "reference",
            "value": {
                "key": "consensus-2017",
                "evidence": "guideline",
                "title": "A consensus statement on the use of ketamine in the treatment of mood disorders",
                "source": "JAMA Psychiatry",
                "year": 2017,
                "kind": "guideline",
                "url": "",
                "doi": "10.1001/jamapsychiatry.2017.0080",
                "pmid": "28249076",
            },
        },
        {
            "type": "reference",
            "value": {
                "key": "fda-fact-sheet",
                "evidence": "regulator",
                "title": "Ketamine fact sheet",
                "source": "US Food and Drug Administration",
                "year": 2023,
                "kind": "fda",
                "url": "https://www.fda.gov/",
                "doi": "",
                "pmid": "",
            },
        },
    ]


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Sample article {n}")
    slug = factory.Sequence(lambda n: f"sample-article-{n}")
    summary = "A short summary of this sample article."
    body = factory.LazyFunction(_body)
    main_points = factory.LazyFunction(lambda: [{"type": "point", "value": "One main point."}])
    references = factory.LazyFunction(_references)
    author = factory.SubFactory(PersonFactory)
    clinical_reviewer = factory.SubFactory(PersonFactory)
    topic = factory.SubFactory(TopicFactory)
    last_reviewed = datetime.date(2026, 11, 1)
    next_review_due = datetime.date(2027, 11, 1)


def article_index():
    return ArticleIndexPage.objects.get(locale__language_code="en")
