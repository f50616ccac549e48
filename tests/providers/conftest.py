import pytest

from content.providers.models import ProviderDirectoryPage, ProviderPage

from .bulk import insert_providers

OAKLAND_94612 = (37.8085, -122.2668)

# A small directory with known places and terms (the sample providers are removed first).
KNOWN = [
    {
        "title": "Alpha Clinic",
        "slug": "alpha",
        "latitude": 37.8085,
        "longitude": -122.2668,
        "treatments": ["iv-ketamine"],
        "conditions": ["ptsd"],
        "insurance": ["self-pay"],
        "languages": ["english", "spanish"],
        "telehealth": True,
        "telehealth_states": "CA",
        "clinicians": 2,
    },
    {
        "title": "Bravo Berkeley",
        "slug": "bravo",
        "city": "Berkeley",
        "postal_code": "94704",
        "latitude": 37.8716,
        "longitude": -122.2727,
        "treatments": ["oral-ketamine"],
        "conditions": ["anxiety"],
        "insurance": ["aetna"],
        "languages": ["english"],
        "accepting_new_patients": False,
    },
    {
        "title": "Charlie San Jose",
        "slug": "charlie",
        "city": "San Jose",
        "postal_code": "95113",
        "latitude": 37.3382,
        "longitude": -121.8863,
        "treatments": ["esketamine-nasal"],
        "conditions": ["treatment-resistant-depression"],
        "insurance": ["medicare"],
        "languages": ["vietnamese"],
    },
    {
        "title": "Delta Sacramento",
        "slug": "delta",
        "city": "Sacramento",
        "postal_code": "95814",
        "latitude": 38.5816,
        "longitude": -121.4944,
        "treatments": ["iv-ketamine", "esketamine-nasal"],
        "conditions": ["ptsd", "anxiety"],
        "insurance": ["self-pay", "sliding-scale"],
        "languages": ["spanish"],
    },
    {
        "title": "Echo Los Angeles",
        "slug": "echo",
        "city": "Los Angeles",
        "postal_code": "90012",
        "latitude": 34.0522,
        "longitude": -118.2437,
        "treatments": ["im-ketamine"],
        "conditions": ["ocd"],
        "insurance": ["cigna"],
        "languages": ["english"],
    },
    {
        "title": "Foxtrot Video Therapy",
        "slug": "foxtrot",
        "street_address": "",
        "city": "",
        "state": "",
        "postal_code": "",
        "in_person": False,
        "telehealth": True,
        "telehealth_states": "CA,OR",
        "treatments": ["integration-only"],
        "conditions": ["ptsd"],
        "insurance": ["sliding-scale"],
        "languages": ["spanish"],
    },
    {
        "title": "Golf New York Video",
        "slug": "golf",
        "street_address": "",
        "city": "",
        "state": "",
        "postal_code": "",
        "in_person": False,
        "telehealth": True,
        "telehealth_states": "NY",
        "treatments": ["integration-only"],
        "conditions": ["anxiety"],
        "insurance": ["self-pay"],
        "languages": ["english"],
    },
]


@pytest.fixture
def directory(db):
    return ProviderDirectoryPage.objects.get(locale__language_code="en")


@pytest.fixture
def empty_directory(directory):
    """The directory with the sample providers unpublished (rolled back after the test)."""
    ProviderPage.objects.update(live=False)
    return directory


@pytest.fixture
def known_providers(empty_directory):
    pages = insert_providers(KNOWN, directory=empty_directory)
    return {p.slug: p for p in pages}
