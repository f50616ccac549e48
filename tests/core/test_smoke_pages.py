import pytest
from bs4 import BeautifulSoup

PAGES = ["/", "/learn/", "/learn/what-is-kap/", "/about/", "/privacy/", "/accessibility/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_sample_page_renders_with_site_chrome(client, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    crisis = soup.select_one(".c-crisis")
    assert crisis is not None
    assert crisis.find("a", href="tel:988") and crisis.find("a", href="sms:988")
    assert crisis.find("a", href="tel:911")
    footer = soup.find("footer")
    assert "does not replace advice" in footer.get_text()
    assert footer.find("a", href="tel:+15105550142")
    assert soup.find("nav", attrs={"aria-label": "Main"})
    assert soup.find("main", id="main")
