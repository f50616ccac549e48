"""Responsive renditions in rendered HTML; uncached renders within a fixed query budget."""

from bs4 import BeautifulSoup
from wagtail.images.models import Rendition

from content.performance.images import image_block_specs

IMAGE_ARTICLE = "/learn/what-happens-in-kap/"


def test_article_image_is_a_responsive_lazy_picture(client, site_content):
    html = BeautifulSoup(client.get(IMAGE_ARTICLE, HTTP_HOST="localhost").content, "html.parser")
    picture = html.select_one("figure.c-figure picture")
    assert picture is not None
    types = {source["type"] for source in picture.find_all("source")}
    assert {"image/avif", "image/webp"} <= types
    img = picture.find("img")
    assert img["width"] and img["height"]
    assert img["loading"] == "lazy"
    assert img["alt"].startswith("Drawing of a quiet room")
    assert "480w" in img["srcset"] and "960w" in img["srcset"]


def test_renditions_exist_before_the_first_render(client, site_content):
    """load_initial_content made every rendition, so rendering creates none."""
    before = Rendition.objects.count()
    assert before >= len(image_block_specs())
    client.get(IMAGE_ARTICLE, HTTP_HOST="localhost")
    assert Rendition.objects.count() == before


# Budgets (queries) with every cache empty (page, fragments, site root paths), measured with
# 50 articles; they must not grow with content. test_fragments.py holds the tighter budgets of
# a page-cache miss once the shared fragments are warm.
BUDGETS = {
    # Every page type: +1 since the Spanish edition (the page's translations, read once for its
    # language link and hreflang).
    "home": ("/", 20),  # its sections' chosen pages, the topics' articles, the footer links
    "article index": ("/learn/", 20),  # + the footer links
    # Articles: + previous/next within the topic, the footer links and the social image (the lead
    # image and its card rendition, 4 queries where the article has an image).
    "article": ("/learn/what-is-kap/", 21),
    "article with image": (IMAGE_ARTICLE, 26),
    "faq": ("/learn/faq/", 27),
    "standard page": ("/about/", 17),
}


def test_uncached_query_budget_with_fifty_articles(
    client, settings, fifty_articles, django_assert_max_num_queries
):
    from django.core.cache import caches

    from content.core import fragments

    settings.PAGE_CACHE_ENABLED = False
    for name, (url, budget) in BUDGETS.items():
        client.get(url, HTTP_HOST="localhost")  # warm per-process caches (content types)
        fragments.new_generation()
        caches["default"].clear()  # Wagtail's site root paths
        with django_assert_max_num_queries(budget, info=name):
            response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, name
