import pytest
from bs4 import BeautifulSoup

from content.articles.models import ArticlePage
from tests.factories import ArticlePageFactory, article_index


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_article_shows_everything_a_reader_needs(client):
    html = soup(client.get("/learn/what-is-kap/"))
    assert html.find("h1").get_text() == "What is ketamine-assisted psychotherapy?"
    assert html.select_one(".c-lead").get_text().startswith("KAP combines")
    assert len(html.select(".c-main-points li")) >= 3
    review = html.select_one(".c-review").get_text(" ", strip=True)
    assert "Written by Jordan Lee (sample), MA, health writer" in review
    assert "Clinically reviewed by Dr. Rosa Whitfield (sample), MD, psychiatrist" in review
    assert "Page last reviewed December 3, 2026" in review  # US English dates
    assert "Next review due December 3, 2027" in review
    assert len(html.select(".c-references__item")) >= 2
    assert html.select_one(".c-references a[href^='https://doi.org/']")
    assert "minute read" in html.select_one(".c-article__meta").get_text()
    related = [a.get_text() for a in html.select(".c-related a")]
    assert "What happens during KAP?" in related
    # The disclaimer is shown once, in the footer (tests/articles/test_article_furniture.py).
    assert "does not replace advice" in html.select_one(".c-footer").get_text()
    crumbs = [a.get_text() for a in html.select(".c-breadcrumbs a")]
    assert crumbs == ["Home", "Learn about KAP"]


@pytest.mark.django_db
def test_article_with_empty_optional_fields_still_renders(client):
    page = ArticlePageFactory.build(
        title="Bare article",
        slug="bare",
        summary="",
        main_points=[],
        references=[],
        author=None,
        clinical_reviewer=None,
        topic=None,
        last_reviewed=None,
        next_review_due=None,
    )
    article_index().add_child(instance=page)
    page.save_revision().publish()
    response = client.get("/learn/bare/")
    assert response.status_code == 200
    html = soup(response)
    assert html.find("h1").get_text() == "Bare article"
    assert not html.select(".c-main-points")
    assert not html.select(".c-references")
    assert not html.select(".c-related")


@pytest.mark.django_db
def test_overdue_article_says_it_is_being_reviewed(client):
    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    page.last_reviewed = page.last_reviewed.replace(year=2024)
    page.next_review_due = page.next_review_due.replace(year=2025)
    page.save_revision().publish()
    assert "This page is being reviewed" in client.get("/learn/what-is-kap/").content.decode()


@pytest.mark.django_db
def test_index_groups_articles_by_topic(client):
    html = soup(client.get("/learn/"))
    topics = [h.get_text() for h in html.select(".c-topic h2")]
    assert topics[:1] == ["Understanding KAP"]
    links = [a["href"] for a in html.select(".c-card__title a")]
    assert "/learn/what-is-kap/" in links


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "status"), [("abc", 200), ("-1", 404), ("99", 404), ("1", 200)])
def test_bad_page_numbers_never_500(client, query, status):
    assert client.get(f"/learn/?page={query}").status_code == status


@pytest.mark.django_db
def test_index_paginates(client):
    index = article_index()
    for i in range(25):
        ArticlePageFactory(parent=index, slug=f"bulk-{i}", title=f"Bulk {i}")
    first = soup(client.get("/learn/"))
    assert first.select_one(".c-pagination a[rel=next]")["href"] == "?page=2"
    second = soup(client.get("/learn/?page=2"))
    assert second.select_one(".c-pagination a[rel=prev]")


@pytest.mark.django_db
def test_claims_link_to_numbered_references_and_back(client):
    html = soup(client.get("/learn/conditions-and-evidence/"))
    markers = html.select(".c-article__body sup.c-cite a.c-cite__link")
    assert markers, "the article cites its references in the text"
    numbers = [int(a.get_text(" ", strip=True).removeprefix("Reference ")) for a in markers]
    # Numbered in order of first citation: each new number is one more than the highest so far.
    highest = 0
    for number in numbers:
        assert number <= highest + 1
        highest = max(highest, number)
    assert markers[0].select_one(".u-visually-hidden").get_text() == "Reference "
    items = html.select(".c-references__list > li")
    for position, item in enumerate(items[:highest], start=1):
        cited = [a for a in markers if a["href"] == f"#{item['id']}"]
        assert cited and all(a.get_text(strip=True).endswith(str(position)) for a in cited)
        back = [a["href"] for a in item.select(".c-references__back a")]
        assert back == [f"#{a['id']}" for a in cited]
    evidence = [e.get_text(" ", strip=True) for e in html.select(".c-references__evidence")]
    assert "Type of evidence: Randomized trial" in evidence
    assert "Type of evidence: Regulator" in evidence


@pytest.mark.django_db
def test_a_marker_naming_no_reference_cannot_be_saved():
    from django.core.exceptions import ValidationError

    page = ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")
    page.body = [("paragraph", '<p>Claim.<a linktype="citation" key="nowhere">[^nowhere]</a></p>')]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "[^nowhere]" in str(error.value.message_dict["body"])
