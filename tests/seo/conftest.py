import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from tests.factories import ArticlePageFactory, article_index

FAQ_ITEMS = [
    ("Does KAP replace talk therapy?", "No. KAP adds a watched ketamine session to talk therapy."),
    ("Will my insurance pay?", "Some plans pay for esketamine. Ask your plan before you start."),
]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def live_pages():
    """Every live, public page on the default site (specific instances)."""
    return list(Page.objects.live().public().filter(depth__gt=1).specific())


@pytest.fixture
def faq_article(db):
    """The FAQ: the sample content's article with slug 'faq', else one made of faq_item blocks."""
    from content.articles.models import ArticlePage

    existing = ArticlePage.objects.live().filter(slug="faq").first()
    if existing is not None:
        return existing
    body = [
        {"type": "faq_item", "value": {"question": q, "answer": f"<p>{a}</p>"}}
        for q, a in FAQ_ITEMS
    ]
    page = ArticlePageFactory(
        parent=article_index(),
        title="Questions people often ask about KAP",
        slug="faq",
        summary="Short answers to common questions about KAP, cost and safety.",
        body=body,
    )
    return publish(page)
