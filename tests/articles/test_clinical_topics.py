"""The clinical points of the second review (issue 20) are on the pages patients read.

Each test reads the rendered article body, so it fails if a fixture loses the point or the page
stops showing it: the esketamine boxed warning and full "who should not have it" list, the
interactions page, the first-session page (fasting and driving per the label), the page for
pregnancy, breastfeeding, older age and teenagers, the FAQ's added answers, and lethal-means
safety advice on the crisis page.
"""

import re

import pytest
from bs4 import BeautifulSoup

from content.articles.models import ArticlePage

pytestmark = pytest.mark.django_db

NEW_PAGES = [
    "medicines-and-kap",
    "getting-ready-for-your-first-session",
    "pregnancy-breastfeeding-older-age-and-teens",
]


def _body(client, slug):
    page = ArticlePage.objects.live().get(slug=slug)
    response = client.get(page.url)
    assert response.status_code == 200, slug
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".c-article__body")


def _text(client, slug):
    return re.sub(r"\s+", " ", _body(client, slug).get_text(" ")).lower()


def _assert_all(text, needles, slug):
    missing = [needle for needle in needles if needle not in text]
    assert not missing, f"{slug} does not mention {missing}"


def test_safety_article_gives_the_boxed_warning_and_same_day_advice(client):
    text = _text(client, "safety-and-side-effects")
    _assert_all(
        text,
        [
            "boxed warning",
            "sedation",
            "dissociation",
            "slow or shallow",
            "misuse",
            "young adults",
            "call your care team the same day if your mood drops after a session",
        ],
        "safety-and-side-effects",
    )


def test_safety_article_lists_the_labels_contraindications_and_cautions(client):
    text = _text(client, "safety-and-side-effects")
    _assert_all(
        text,
        [
            "aneurysm",
            "arteriovenous malformation",
            "bleeding in the brain",
            "allergy to esketamine",
            "heart attack or stroke",
            "liver disease",
            "psychosis",
            "mania",
        ],
        "safety-and-side-effects",
    )


def test_interactions_page_names_each_group_and_the_nose_spray_timing(client):
    text = _text(client, "medicines-and-kap")
    _assert_all(
        text,
        [
            "alcohol",
            "benzodiazepines",
            "opioids",
            "stimulants",
            "mao inhibitors",
            "decongestant",
            "at least 1 hour before",
            "what to tell your team",
        ],
        "medicines-and-kap",
    )


def test_first_session_page_follows_the_label_on_food_drink_and_driving(client):
    text = _text(client, "getting-ready-for-your-first-session")
    _assert_all(
        text,
        [
            "at least 2 hours before",
            "at least 30 minutes before",
            "until the next day",
            "take you home",
            "what to bring",
            "what does the day look like",
        ],
        "getting-ready-for-your-first-session",
    )


def test_special_groups_page_covers_each_group(client):
    text = _text(client, "pregnancy-breastfeeding-older-age-and-teens")
    _assert_all(
        text,
        ["pregnan", "breastfeed", "older adults", "under 18", "988"],
        "pregnancy-breastfeeding-older-age-and-teens",
    )


@pytest.mark.parametrize(
    ("slug", "targets"),
    [
        ("safety-and-side-effects", NEW_PAGES[0::2]),
        ("what-happens-in-kap", NEW_PAGES[:2]),
        ("faq", NEW_PAGES[:2]),
    ],
)
def test_new_pages_are_linked_in_the_text_of_the_articles_that_need_them(client, slug, targets):
    hrefs = {a["href"] for a in _body(client, slug).find_all("a", href=True)}
    for target in targets:
        assert f"/learn/{target}/" in hrefs, (slug, target)


def test_faq_answers_the_added_questions(client):
    page = ArticlePage.objects.live().get(slug="faq")
    questions = " ".join(
        block.value["question"] for block in page.body if block.block_type == "faq_item"
    ).lower()
    for topic in (
        "antidepressant",
        "alcohol",
        "frightening",
        "used to ketamine",
        "miss a session",
        "how many sessions",
        "how much does it cost",
        "what else can i try",
    ):
        assert topic in questions, topic
    text = _text(client, "faq")
    _assert_all(text, ["tolerance", "dependence", "ect", "tms", "$"], "faq")
    assert "fairly safe for most people" not in text


def test_crisis_page_gives_lethal_means_safety_advice_and_no_uncited_outcome_claim(client):
    text = _text(client, "getting-help-now")
    _assert_all(
        text,
        ["time and distance", "firearms", "locked", "medicines", "hold them", "safety plan"],
        "getting-help-now",
    )
    assert "most people who contact 988" not in text
