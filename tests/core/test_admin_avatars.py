"""Admin pages load no avatar from another site (gravatar would leak staff email hashes)."""

import pytest
from bs4 import BeautifulSoup

from content.governance import setup
from tests.governance.conftest import make_user


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/", "/admin/account/"])
def test_admin_pages_show_no_third_party_avatar(client, path):
    editor = make_user("avatar-editor", setup.GROUP_EDITORS)
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    avatars = html.select("img.avatar, .avatar img")
    assert avatars, "the admin shows the signed-in user's avatar"
    for image in html.find_all("img"):
        src = image.get("src", "")
        assert not src.startswith(("http:", "https:", "//")), src
