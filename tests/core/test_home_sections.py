"""The home page: sections an editor arranges, loaded from fixtures/site.yaml."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.core.home_blocks import HomeStreamBlock
from content.core.models import HomePage
from content.core.readability import SUMMARY_GRADE_LIMIT, reading_grade

pytestmark = pytest.mark.django_db

START_HERE_QUESTIONS = [
    "What is KAP?",
    "Is it safe?",
    "What happens in a session?",
    "What does it cost?",
]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_sample_home_page_has_every_section_in_order(client):
    home = HomePage.objects.get(locale__language_code="en")
    assert [block.block_type for block in home.body] == [
        "lead",
        "start_here",
        "find_care",
        "crisis_help",
        "topics",
        "clinic_details",
    ]
    html = soup(client.get("/"))
    main = html.find("main")
    assert main.select_one(".c-home__lead")
    questions = [a.get_text(strip=True) for a in main.select(".c-start-here .c-card__link")]
    assert questions == START_HERE_QUESTIONS
    # Each card answers its question on the article that does.
    hrefs = [a["href"] for a in main.select(".c-start-here .c-card__link")]
    assert hrefs == [
        "/learn/what-is-kap/",
        "/learn/safety-and-side-effects/",
        "/learn/what-happens-in-kap/",
        "/learn/cost-and-insurance/",
    ]
    # Every topic with its live articles.
    topics = [h.get_text(strip=True) for h in main.select(".c-topic-panel__title")]
    assert len(topics) >= 3
    listed = {a["href"] for a in main.select(".c-topic-panel__list a")}
    assert "/learn/glossary/" in listed and "/learn/what-is-kap/" in listed
    # Crisis numbers and the clinic's details (from Clinic settings).
    crisis = main.select_one(".c-home-panel--urgent")
    assert crisis.select_one("a[href='tel:988']") and crisis.select_one("a[href='sms:988']")
    assert crisis.select_one("a[href='tel:911']")
    details = main.select_one(".c-clinic-details").get_text(" ", strip=True)
    assert "(510) 555-0142" in details and "Oakland, CA 94612" in details


def test_home_lead_and_summary_read_at_grade_six_or_below():
    home = HomePage.objects.get(locale__language_code="en")
    lead = next(block.value for block in home.body if block.block_type == "lead")
    assert reading_grade(lead) <= SUMMARY_GRADE_LIMIT, lead
    assert reading_grade(home.summary) <= SUMMARY_GRADE_LIMIT, home.summary
    cards = next(block.value for block in home.body if block.block_type == "start_here")
    for card in cards["cards"]:
        assert reading_grade(card["text"]) <= SUMMARY_GRADE_LIMIT, card["text"]


def test_zip_search_lands_on_the_finders_results(client):
    form = soup(client.get("/")).select_one(".c-find-care form")
    assert form["method"] == "get"
    field = form.select_one("input[type='text']")
    label = form.select_one(f"label[for='{field['id']}']")
    assert label.get_text(strip=True) == "ZIP code or city"
    results = client.get(f"{form['action']}?{urlencode({field['name']: '94612'})}")
    assert results.status_code == 200
    page = BeautifulSoup(results.content, "html.parser")
    # The finder shows the search it ran and practices near that ZIP code.
    assert page.select_one("input[name='location']")["value"] == "94612"
    assert page.select("a[href^='/find-a-provider/'][href$='/']")


def test_an_edit_in_the_admin_changes_the_home_sections(admin_client):
    home = HomePage.objects.get(locale__language_code="en")
    learn = Page.objects.get(locale__language_code="en", slug="learn")
    finder = Page.objects.get(locale__language_code="en", slug="find-a-provider")
    safety = Page.objects.get(locale__language_code="en", slug="safety-and-side-effects")
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "body": streamfield(
                [
                    ("lead", "A new lead an editor wrote."),
                    (
                        "start_here",
                        {
                            "heading": "Begin here",
                            "cards": {
                                "count": 1,
                                "0": {
                                    "deleted": "",
                                    "order": 0,
                                    "id": "",
                                    "value": {
                                        "question": "Is it safe?",
                                        "text": "Risks and side effects.",
                                        "page": safety.pk,
                                    },
                                },
                            },
                        },
                    ),
                    ("crisis_help", {"heading": "Help right now"}),
                    (
                        "find_care",
                        {
                            "heading": "Find a clinic",
                            "text": "",
                            "finder": finder.pk,
                            "button_text": "Find",
                        },
                    ),
                    ("topics", {"heading": "Read by topic", "index": learn.pk}),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{home.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = soup(admin_client.get("/"))  # staff see the live page too (never cached)
    main = html.find("main")
    assert main.select_one(".c-home__lead").get_text(strip=True) == "A new lead an editor wrote."
    assert [h.get_text(strip=True) for h in main.select("h2")] == [
        "Begin here",
        "Help right now",
        "Find a clinic",
        "Read by topic",
    ]
    assert main.select_one(".c-find-care button").get_text(strip=True) == "Find"
    assert not main.select(".c-clinic-details")


def test_topics_section_refuses_a_page_without_topics():
    from django.core.exceptions import ValidationError

    block = HomeStreamBlock().child_blocks["topics"]
    about = Page.objects.get(locale__language_code="en", slug="about")
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "Topics", "index": about.pk}))
    learn = Page.objects.get(locale__language_code="en", slug="learn")
    assert block.clean(block.to_python({"heading": "Topics", "index": learn.pk}))


def test_home_editor_offers_the_sections(admin_client):
    home = HomePage.objects.get(locale__language_code="en")
    response = admin_client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    body = response.content.decode()
    for label in ("Start here cards", "Topics and their articles", "Find care (ZIP search)"):
        assert label in body


def test_home_blocks_follow_the_block_conventions():
    for name, block in HomeStreamBlock().child_blocks.items():
        if name in {"heading", "paragraph", "callout", "call_to_action"}:
            continue  # the shared body blocks, tested in test_blocks.py
        meta = block.meta
        assert meta.icon and meta.icon != "placeholder", name
        assert meta.template.startswith("blocks/home/"), name
        assert meta.description, name
        assert meta.preview_value, name


def test_home_renders_without_optional_sections(client):
    home = HomePage.objects.get(locale__language_code="en")
    home.body = [{"type": "lead", "value": "Only a lead."}]
    home.save_revision().publish()
    main = soup(client.get("/")).find("main")
    assert main.select_one(".c-home__lead").get_text(strip=True) == "Only a lead."
    assert not main.select("form")
