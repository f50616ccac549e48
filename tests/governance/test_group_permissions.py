"""What each staff group may do with images while correcting pages."""

import pytest
from django.urls import reverse

from .conftest import login_verified

pytestmark = pytest.mark.django_db


def test_reviewers_can_open_choose_and_upload_images(client, reviewer):
    login_verified(client, reviewer)
    assert client.get(reverse("wagtailimages:index")).status_code == 200
    assert client.get(reverse("wagtailimages:add_multiple")).status_code == 200
    assert client.get(reverse("wagtailimages_chooser:choose")).status_code == 200
