"""'Was this page helpful?': stored without personal data, rate-limited, no cookie, no JS."""

import pytest
from bs4 import BeautifulSoup
from django.core import signing

from content.feedback.forms import TOKEN_SALT
from content.feedback.models import PageFeedback

pytestmark = pytest.mark.django_db

ARTICLE = "/learn/what-is-kap/"
READER = {"REMOTE_ADDR": "203.0.113.9", "HTTP_USER_AGENT": "Reader-Browser/1.0"}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def article_page():
    from content.articles.models import ArticlePage

    return ArticlePage.objects.get(locale__language_code="en", slug="what-is-kap")


def answer(client, page_id, helpful="yes", **extra):
    return client.post(
        "/feedback/helpful/", {"page": page_id, "helpful": helpful}, **{**READER, **extra}
    )


def comment_token(response):
    return soup(response).select_one("input[name='token']")["value"]


def test_every_health_page_asks_with_a_plain_form(client):
    html = soup(client.get(ARTICLE))
    form = html.select_one("form.c-feedback")
    assert form["method"] == "post" and form["action"] == "/feedback/helpful/"
    assert form.select_one("legend").get_text(strip=True) == "Was this page helpful?"
    buttons = {b.get_text(strip=True): b["value"] for b in form.select("button[name='helpful']")}
    assert buttons == {"Yes": "yes", "No": "no"}
    assert not form.select("input[name='csrfmiddlewaretoken']")
    # The FAQ is a health page too; pages that are not health pages do not ask.
    assert soup(client.get("/learn/faq/")).select("form.c-feedback")
    assert not soup(client.get("/about/")).select("form.c-feedback")


def test_the_article_stays_in_the_page_cache_and_sets_no_cookie(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(ARTICLE)
    second = client.get(ARTICLE)
    assert not first.cookies and not second.cookies
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")


def test_answer_is_stored_without_personal_data(client):
    page = article_page()
    response = answer(client, page.pk, "no")
    assert response.status_code == 200
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.helpful, feedback.comment) == (page.pk, False, "")
    # Only these columns exist: no address, browser, session, user or time of day.
    columns = {field.name for field in PageFeedback._meta.get_fields()}
    assert columns == {"id", "page", "helpful", "comment", "created_on"}
    stored = " ".join(str(value) for value in PageFeedback.objects.values().get().values())
    assert "203.0.113.9" not in stored and "Reader-Browser" not in stored


def test_comment_follows_the_answer(client):
    page = article_page()
    thanks = answer(client, page.pk, "yes")
    html = soup(thanks)
    hint = html.select_one(".c-field__hint").get_text()
    assert "Do not include personal or medical details" in hint
    assert not html.select("input[name='csrfmiddlewaretoken']")
    token = comment_token(thanks)
    done = client.post(
        "/feedback/comment/", {"token": token, "comment": "  Clear, thanks.  "}, **READER
    )
    assert done.status_code == 200
    assert not done.cookies
    assert "Your comment has been sent" in done.content.decode()
    assert PageFeedback.objects.get().comment == "Clear, thanks."
    # The same answer takes one comment only.
    again = client.post("/feedback/comment/", {"token": token, "comment": "More"}, **READER)
    assert again.status_code == 400
    assert PageFeedback.objects.get().comment == "Clear, thanks."


def test_empty_comment_keeps_the_answer(client):
    token = comment_token(answer(client, article_page().pk))
    done = client.post("/feedback/comment/", {"token": token, "comment": ""}, **READER)
    assert done.status_code == 200
    assert PageFeedback.objects.get().comment == ""


def test_long_comment_comes_back_with_a_plain_message(client):
    token = comment_token(answer(client, article_page().pk))
    response = client.post("/feedback/comment/", {"token": token, "comment": "x" * 600}, **READER)
    assert response.status_code == 400
    html = soup(response)
    assert "500 characters or fewer; it has 600" in html.select_one(".c-error-summary").get_text()
    assert html.select_one("textarea").get_text() == "x" * 600
    assert PageFeedback.objects.get().comment == ""


@pytest.mark.parametrize(
    "token",
    [
        "",
        "nonsense",
        signing.dumps(999999, salt="another-salt"),
        signing.dumps(999999, salt=TOKEN_SALT),
    ],
)
def test_a_comment_without_a_valid_answer_is_refused(client, token):
    response = client.post("/feedback/comment/", {"token": token, "comment": "Hi"}, **READER)
    assert response.status_code == 400
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"page": "abc", "helpful": "yes"},
        {"page": "-1", "helpful": "yes"},
        {"page": "99999999999999", "helpful": "yes"},
        {"helpful": "maybe"},
    ],
)
def test_bad_answers_get_a_plain_page_not_an_error(client, data):
    if "page" not in data and data:
        data = {**data, "page": article_page().pk}
    response = client.post("/feedback/helpful/", data, **READER)
    assert response.status_code == 400
    assert "choose Yes or No" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_only_live_health_pages_take_answers(client):
    from wagtail.models import Page

    about = Page.objects.get(locale__language_code="en", slug="about")
    assert answer(client, about.pk).status_code == 400
    page = article_page()
    page.unpublish()
    assert answer(client, page.pk).status_code == 400
    assert not PageFeedback.objects.exists()


def test_get_is_not_allowed(client):
    assert client.get("/feedback/helpful/").status_code == 405
    assert client.get("/feedback/comment/").status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
    ],
)
def test_posts_from_other_sites_are_refused(client, headers):
    response = answer(client, article_page().pk, **headers)
    assert response.status_code == 403
    assert not PageFeedback.objects.exists()


def test_posts_from_this_site_are_accepted(client):
    page = article_page()
    assert answer(client, page.pk, HTTP_SEC_FETCH_SITE="same-origin").status_code == 200
    assert answer(client, page.pk, HTTP_ORIGIN="http://testserver").status_code == 200
    assert PageFeedback.objects.count() == 2


def test_answers_are_rate_limited_per_address(client, settings):
    settings.FEEDBACK_RATE_LIMIT = "3/h"
    page = article_page()
    statuses = [answer(client, page.pk).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert PageFeedback.objects.count() == 3
    # Another address has its own allowance.
    assert answer(client, page.pk, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_comments_count_towards_the_limit(client, settings):
    settings.FEEDBACK_RATE_LIMIT = "1/h"
    token = comment_token(answer(client, article_page().pk))
    response = client.post("/feedback/comment/", {"token": token, "comment": "Hi"}, **READER)
    assert response.status_code == 429
    assert PageFeedback.objects.get().comment == ""
