"""Every explainer article meets the health content standard (shared CONTENT.md).

The articles come from fixtures/articles/ through ``load_initial_content`` (see conftest.py).
Each check is run per article so a failure names the page to fix.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from content.articles.models import ArticlePage
from content.core.readability import (
    BODY_GRADE_LIMIT,
    SUMMARY_GRADE_LIMIT,
    banned_phrases,
    html_to_text,
    reading_grade,
    uncited_percentages,
)

EXPLAINER_SLUGS = [
    "what-is-kap",
    "how-ketamine-works",
    "history-of-ketamine",
    "conditions-and-evidence",
    "benefits-and-expectations",
    "ways-ketamine-is-given",
    "what-happens-in-kap",
    "safety-and-side-effects",
    "cost-and-insurance",
    "finding-a-provider",
    "faq",
    "glossary",
    "getting-help-now",
    "medicines-and-kap",
    "getting-ready-for-your-first-session",
    "pregnancy-breastfeeding-older-age-and-teens",
]
FAQ_ANSWER_GRADE_LIMIT = 6.0
SUMMARY_MAX_CHARS = 160

pytestmark = pytest.mark.django_db


def _articles():
    return list(ArticlePage.objects.live().filter(locale__language_code="en").order_by("path"))


def _render(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, f"{page.slug}: {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


def _one_year_after(date):
    try:
        return date.replace(year=date.year + 1)
    except ValueError:  # 29 February
        return date.replace(year=date.year + 1, day=28)


def test_all_explainers_are_live():
    slugs = {page.slug for page in _articles()}
    missing = sorted(set(EXPLAINER_SLUGS) - slugs)
    assert not missing, f"missing articles: {missing}"


@pytest.fixture(params=EXPLAINER_SLUGS)
def article(request, db):
    return ArticlePage.objects.live().get(slug=request.param)


def test_summary_is_short_and_easy(article):
    assert article.summary, article.slug
    assert len(article.summary) <= SUMMARY_MAX_CHARS, (article.slug, len(article.summary))
    grade = reading_grade(article.summary)
    assert grade <= SUMMARY_GRADE_LIMIT, (article.slug, grade)


def test_main_points_author_reviewer_and_dates(article):
    points = [block.value for block in article.main_points]
    assert 3 <= len(points) <= 6, (article.slug, len(points))
    assert all(point.strip() for point in points)
    assert article.author and article.author.credentials
    assert article.clinical_reviewer and article.clinical_reviewer.credentials
    assert article.author.is_sample and article.clinical_reviewer.is_sample
    assert article.last_reviewed and article.next_review_due
    assert article.last_reviewed < article.next_review_due
    assert article.next_review_due <= _one_year_after(article.last_reviewed), article.slug


def test_references_are_structured_and_primary(article):
    refs = [block.value for block in article.references]
    assert len(refs) >= 2, article.slug
    for ref in refs:
        assert ref["title"] and ref["source"] and ref["year"], (article.slug, ref["title"])
        assert ref["url"] or ref["doi"] or ref["pmid"], (article.slug, ref["title"])
    primary = [
        ref
        for ref in refs
        if ref["kind"] in {"fda", "guideline"}
        or (ref["kind"] == "paper" and (ref["doi"] or ref["pmid"]))
    ]
    assert primary, f"{article.slug}: needs an FDA, guideline or peer-reviewed (DOI/PMID) source"


def test_body_reading_grade(client, article):
    soup = _render(client, article)
    body = soup.select_one(".c-article__body")
    grade = reading_grade(html_to_text(str(body)))
    assert grade <= BODY_GRADE_LIMIT, (article.slug, grade)


def test_faq_answers_are_easy_to_read(client, article):
    soup = _render(client, article)
    for item in soup.select(".c-faq"):
        question = item.select_one(".c-faq__question").get_text(strip=True)
        answer = html_to_text(str(item.select_one(".c-faq__answer")))
        assert answer, (article.slug, question)
        grade = reading_grade(answer)
        assert grade <= FAQ_ANSWER_GRADE_LIMIT, (article.slug, question, grade)


def test_no_banned_phrases_or_uncited_figures(client, article):
    soup = _render(client, article)
    main = soup.select_one("article.c-article")
    refs = main.select_one(".c-references")
    if refs:
        refs.decompose()  # titles of cited papers are quoted, not our claims
    text = main.get_text(" ")
    assert banned_phrases(text) == [], article.slug
    assert uncited_percentages(text) == [], article.slug


def test_no_empty_sections(client, article):
    soup = _render(client, article)
    body = soup.select_one(".c-article__body")
    children = [child for child in body.children if getattr(child, "name", None)]
    assert children, article.slug
    for index, child in enumerate(children):
        assert child.get_text(strip=True), (article.slug, str(child)[:80])
        if child.name == "h2":
            following = children[index + 1] if index + 1 < len(children) else None
            assert following is not None and following.name != "h2", (
                article.slug,
                child.get_text(strip=True),
            )


def test_every_internal_link_resolves(client, article):
    soup = _render(client, article)
    main = soup.select_one("main")
    checked = 0
    for link in main.find_all("a", href=True):
        href = link["href"]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        response = client.get(parts.path)
        assert response.status_code == 200, (article.slug, href, response.status_code)
        if parts.fragment:
            target = BeautifulSoup(response.content, "html.parser")
            assert target.find(id=parts.fragment), (article.slug, f"no #{parts.fragment}", href)
        checked += 1
    assert checked, f"{article.slug}: an article should link on to at least one other page"


def test_glossary_terms_have_anchors(client):
    page = ArticlePage.objects.live().get(slug="glossary")
    soup = _render(client, page)
    terms = soup.select(".c-article__body h3.c-heading")
    assert len(terms) >= 15
    assert all(term.get("id") for term in terms)


def test_articles_link_to_the_glossary():
    linking = [
        page.slug for page in _articles() if "/glossary/#" in str(page.body.render_as_block())
    ]
    assert len(linking) >= 6, linking


def test_faq_has_the_required_questions(client):
    page = ArticlePage.objects.live().get(slug="faq")
    questions = [block.value["question"] for block in page.body if block.block_type == "faq_item"]
    assert len(questions) >= 12
    joined = " ".join(questions).lower()
    for topic in ("talk therapy", "anxiety", "insurance"):
        assert topic in joined, topic


def test_crisis_page_gives_every_route_to_help(client):
    page = ArticlePage.objects.live().get(slug="getting-help-now")
    soup = _render(client, page)
    body = soup.select_one(".c-article__body")
    text = body.get_text(" ").lower()
    for needed in ("988", "text", "chat", "spanish", "tty", "asl", "911"):
        assert needed in text, needed
    hrefs = {a["href"] for a in body.find_all("a", href=True)}
    assert {"tel:988", "sms:988", "tel:911"} <= hrefs
    assert any(href.startswith("https://988lifeline.org") for href in hrefs)


def test_ways_given_compares_routes_in_a_table(client):
    page = ArticlePage.objects.live().get(slug="ways-ketamine-is-given")
    soup = _render(client, page)
    table = soup.select_one(".c-article__body table")
    header = " ".join(th.get_text() for th in table.select("thead th")).lower()
    for column in ("setting", "monitoring", "fda status", "coverage"):
        assert column in header, column
    rows = " ".join(th.get_text() for th in table.select("tbody th")).lower()
    for route in ("iv", "im", "esketamine", "oral"):
        assert route in rows, route


def test_conditions_article_labels_the_evidence_for_each_condition(client):
    page = ArticlePage.objects.live().get(slug="conditions-and-evidence")
    soup = _render(client, page)
    text = soup.select_one(".c-article__body").get_text(" ").lower()
    for condition in (
        "treatment-resistant depression",
        "major depression",
        "anxiety",
        "ptsd",
        "ocd",
        "bipolar depression",
        "substance use",
    ):
        assert condition in text, condition
    assert text.count("evidence:") >= 7
