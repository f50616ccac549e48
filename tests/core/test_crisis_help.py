"""Crisis links come from the clinic settings: one include, the numbers an editor sets."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from content.core.models import ClinicSettings
from content.core.phone import tel_href

pytestmark = pytest.mark.django_db


def test_changed_numbers_change_every_crisis_link(client, site_content):
    clinic = ClinicSettings.for_site(site_content)
    clinic.crisis_line = "741741"
    clinic.emergency_number = "112"
    clinic.crisis_text = "In crisis? Text 741741 any time. In an emergency, call 112."
    clinic.crisis_text_es = (
        "¿Está en crisis? Envíe un texto al 741741. En una emergencia, llame al 112."
    )
    clinic.full_clean()
    clinic.save()
    for url in ("/learn/what-is-kap/", "/no-such-page/", "/es/aprender/que-es-kap/"):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        hrefs = {a["href"] for a in soup.find_all("a", href=True)}
        assert {"tel:741741", "sms:741741", "tel:112"} <= hrefs, url
        assert "tel:988" not in hrefs and "tel:911" not in hrefs, url


def test_the_crisis_text_must_name_the_numbers_its_buttons_call(site_content):
    clinic = ClinicSettings.for_site(site_content)
    clinic.crisis_line = "741741"
    with pytest.raises(ValidationError) as caught:
        clinic.full_clean()
    assert "741741" in caught.value.message_dict["crisis_text"][0]
    assert "741741" in caught.value.message_dict["crisis_text_es"][0]


@pytest.mark.parametrize(
    ("phone", "href"),
    [
        ("(510) 555-0188", "tel:+15105550188"),
        ("+44 20 7946 0958", "tel:+442079460958"),
        ("988", "tel:988"),
        ("", ""),
    ],
)
def test_one_rule_for_tel_links(phone, href):
    assert tel_href(phone) == href
