"""JSON-LD on every page type, parsed with extruct and compared with the visible text."""

import datetime
import re

import extruct
import pytest

from content.articles.models import ArticlePage
from content.core.models import ClinicSettings
from tests.factories import ArticlePageFactory, article_index

from .conftest import FAQ_ITEMS, publish, soup_of


def page_data(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    nodes = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]
    return soup_of(response), nodes


def types_of(node):
    kind = node.get("@type")
    return set(kind) if isinstance(kind, list) else {kind}


def only(nodes, kind):
    found = [n for n in nodes if kind in types_of(n)]
    assert len(found) == 1, f"expected one {kind}, got {len(found)}"
    return found[0]


def squash(text):
    """Whitespace-insensitive text: single spaces, none before punctuation."""
    return re.sub(r"\s+([.,;:!?)])", r"\1", " ".join(text.split()))


def visible_breadcrumbs(soup):
    nav = soup.find("nav", attrs={"aria-label": "Breadcrumb"})
    items = nav.find_all("li")
    return [li.get_text(strip=True) for li in items], [a["href"] for a in nav.find_all("a")]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/about/", "/learn/", "/learn/what-is-kap/"])
def test_site_wide_clinic_matches_footer(client, site_content, url):
    soup, nodes = page_data(client, url)
    clinic = only(nodes, "MedicalClinic")
    settings = ClinicSettings.for_site(site_content)
    footer = soup.find("footer").get_text(" ", strip=True)
    assert clinic["name"] == settings.clinic_name and clinic["name"] in footer
    assert clinic["telephone"] == settings.phone and settings.phone in footer
    assert clinic["url"] == "http://localhost/"
    assert clinic["logo"].startswith("http://localhost/")
    address = clinic["address"]
    assert address["@type"] == "PostalAddress"
    for key in ("streetAddress", "addressLocality", "addressRegion", "postalCode"):
        assert address[key] and address[key] in footer


@pytest.mark.django_db
def test_home_has_no_breadcrumbs(client):
    _, nodes = page_data(client, "/")
    assert not [n for n in nodes if "BreadcrumbList" in types_of(n)]
    assert only(nodes, "WebPage")["url"] == "http://localhost/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/about/", "/privacy/", "/learn/", "/learn/what-is-kap/", "/learn/faq/"]
)
def test_breadcrumbs_match_the_visible_trail(client, faq_article, url):
    soup, nodes = page_data(client, url)
    crumbs = only(nodes, "BreadcrumbList")["itemListElement"]
    labels, hrefs = visible_breadcrumbs(soup)
    assert [c["name"] for c in crumbs] == labels
    assert [c["position"] for c in crumbs] == list(range(1, len(labels) + 1))
    assert [c["item"] for c in crumbs[:-1]] == [f"http://localhost{h}" for h in hrefs]
    assert crumbs[-1]["item"] == f"http://localhost{url}"
    assert crumbs[-1]["name"] == soup.h1.get_text(strip=True)


@pytest.mark.django_db
def test_article_is_a_medical_web_page_with_visible_review_details(client):
    soup, nodes = page_data(client, "/learn/what-is-kap/")
    article = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    node = only(nodes, "MedicalWebPage")
    assert node["name"] == soup.h1.get_text(strip=True) == article.title
    assert node["url"] == "http://localhost/learn/what-is-kap/"
    assert node["inLanguage"] == soup.html["lang"]
    assert node["medicalAudience"]["audienceType"] == "Patient"
    assert node["about"]["name"] == article.topic.name
    assert article.topic.name in soup.select_one(".c-article__meta").get_text()

    review = soup.select_one(".c-review")
    times = {
        dt.get_text(strip=True): dd.find("time")["datetime"]
        for dt, dd in zip(review.find_all("dt"), review.find_all("dd"), strict=True)
        if dd.find("time")
    }
    assert node["lastReviewed"] == times["Page last reviewed"]
    assert datetime.date.fromisoformat(node["lastReviewed"]) == article.last_reviewed

    review_text = review.get_text(" ", strip=True)
    for role, person in (("reviewedBy", article.clinical_reviewer), ("author", article.author)):
        assert node[role]["@type"] == "Person"
        assert node[role]["name"] == person.name and person.name in review_text
        assert node[role]["honorificSuffix"] == person.credentials
        assert person.credentials in review_text

    assert datetime.datetime.fromisoformat(node["datePublished"]) == article.first_published_at
    assert datetime.datetime.fromisoformat(node["dateModified"]) == article.last_published_at

    visible_refs = soup.select(".c-references__item")
    assert len(node["citation"]) == len(visible_refs) >= 2
    for citation, item in zip(node["citation"], visible_refs, strict=True):
        assert citation["name"] in item.get_text(" ", strip=True)
        assert citation["publisher"]["name"] in item.get_text(" ", strip=True)
        link = item.find("a")
        if link:
            assert citation["url"] == link["href"]


def answer_without_markers(details):
    """A visible FAQ answer without its numbered reference markers (links, not words)."""
    answer = details.select_one(".c-faq__answer")
    for marker in answer.select("sup.c-cite"):
        marker.decompose()
    return answer.get_text(" ")


@pytest.mark.django_db
def test_faq_page_lists_each_visible_question_and_answer(client, faq_article):
    soup, nodes = page_data(client, "/learn/faq/")
    node = only(nodes, "FAQPage")
    assert "MedicalWebPage" in types_of(node)
    visible = [
        (d.summary.get_text(strip=True), squash(answer_without_markers(d)))
        for d in soup.select("details.c-faq")
    ]
    assert len(visible) >= len(FAQ_ITEMS)
    stated = [(q["name"], squash(q["acceptedAnswer"]["text"])) for q in node["mainEntity"]]
    assert stated == visible
    assert all(q["@type"] == "Question" for q in node["mainEntity"])


@pytest.mark.django_db
def test_articles_without_faq_items_are_not_faq_pages(client):
    _, nodes = page_data(client, "/learn/what-is-kap/")
    assert not [n for n in nodes if "FAQPage" in types_of(n)]


@pytest.mark.django_db
def test_markup_in_titles_cannot_break_out_of_the_json_ld_block(client):
    title = 'Ketamine </script><script>alert("x")</script> & you'
    page = publish(ArticlePageFactory(parent=article_index(), title=title, slug="odd-title"))
    response = client.get(page.url)
    html = response.content.decode()
    assert "</script><script>alert" not in html
    nodes = extruct.extract(html, base_url="http://localhost/", syntaxes=["json-ld"])["json-ld"]
    assert only(nodes, "MedicalWebPage")["name"] == title


@pytest.mark.django_db
def test_structured_data_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get("/learn/what-is-kap/")  # warm caches (site, settings, content types)
    with django_assert_max_num_queries(40):
        assert client.get("/learn/what-is-kap/").status_code == 200
