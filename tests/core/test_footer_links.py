"""Footer links on every page: about this information, contact, privacy, accessibility."""

import pytest
from bs4 import BeautifulSoup

from content.core.models import ClinicSettings
from content.core.readability import BODY_GRADE_LIMIT, html_to_text, reading_grade

# One URL per page type that renders the site's page layout (the 500 page has no database).
PAGE_TYPES = [
    "/",
    "/learn/",
    "/learn/what-is-kap/",
    "/learn/faq/",
    "/about/",
    "/about-this-information/",
    "/find-a-provider/",
    "/find-a-provider/?location=94612&radius=25",
    "/find-a-provider/lakeside-kap-oakland/",
    "/request-an-appointment/",
    "/search/",
    "/search/?q=ketamine",
    "/no-such-page/",
]
EXPECTED = {
    "About this information": "/about-this-information/",
    "Contact us": "/request-an-appointment/",
    "Privacy notice": "/privacy/",
    "Accessibility statement": "/accessibility/",
}


def footer_links(client, url):
    response = client.get(url)
    assert response.status_code == (404 if url == "/no-such-page/" else 200), url
    footer = BeautifulSoup(response.content, "html.parser").find("footer")
    nav = footer.find("nav", attrs={"aria-label": "About this website"})
    assert nav is not None, url
    return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}


@pytest.mark.django_db
def test_every_page_type_links_the_four_footer_pages(client):
    for url in PAGE_TYPES:
        assert footer_links(client, url) == EXPECTED, url
    for href in EXPECTED.values():
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
def test_footer_links_follow_clinic_settings_and_skip_unpublished_pages(client, site_content):
    from wagtail.models import Page

    clinic = ClinicSettings.for_site(site_content)
    clinic.accessibility_page = Page.objects.get(locale__language_code="en", slug="about")
    clinic.save()
    Page.objects.get(locale__language_code="en", slug="privacy").specific.unpublish()
    links = footer_links(client, "/learn/")
    assert links["Accessibility statement"] == "/about/"
    assert "Privacy notice" not in links


@pytest.mark.django_db
def test_about_this_information_explains_writing_sources_and_review(client):
    response = client.get("/about-this-information/")
    main = BeautifulSoup(response.content, "html.parser").find("main")
    headings = [h.get_text(strip=True) for h in main.find_all("h2")]
    for heading in ("Who writes our pages", "Where the facts come from", "Who checks our pages"):
        assert heading in headings
    text = html_to_text(str(main))
    assert reading_grade(text) <= BODY_GRADE_LIMIT
    assert "988" in text
