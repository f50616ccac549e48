"""Uploaded images from local disk, in every environment (content/security/media.py)."""

import urllib.error
import urllib.request

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.live_server import start_gunicorn
from tests.performance.test_gunicorn import _production_env


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def disk_media(settings, tmp_path):
    """Files on disk, as in production without object storage (tests use memory storage)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


@pytest.mark.django_db
def test_images_and_renditions_are_served_with_a_one_day_public_cache(client, disk_media, settings):
    image = get_image_model().objects.create(title="Clinic", file=get_test_image_file())
    rendition = image.get_rendition("fill-80x60")
    for url in (image.file.url, rendition.url):
        assert url.startswith("/media/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert cache_directives(response) == {"public", f"max-age={settings.KAPSITE_MEDIA_MAX_AGE}"}
        assert response.has_header("Last-Modified")
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "documents/leaflet.txt",  # documents only through /documents/<id>/<name>
        "images/../documents/leaflet.txt",
        "images/%2e%2e/documents/leaflet.txt",
        "original_images/../../pyproject.toml",
        "images/missing.png",
        "leaflet.txt",
    ],
)
def test_documents_and_anything_else_in_media_root_are_not_served(client, disk_media, path):
    (disk_media / "documents").mkdir()
    (disk_media / "documents" / "leaflet.txt").write_bytes(b"restricted handout")
    (disk_media / "leaflet.txt").write_bytes(b"stray file")
    response = client.get("/media/" + path)
    assert response.status_code in (400, 404)
    assert b"handout" not in response.content and b"stray" not in response.content


@pytest.mark.django_db
def test_nothing_is_served_from_media_url_with_another_storage(client, settings):
    # The test settings keep files in memory, as object storage would elsewhere.
    assert "InMemoryStorage" in settings.STORAGES["default"]["BACKEND"]
    image = get_image_model().objects.create(title="Clinic", file=get_test_image_file())
    assert client.get("/media/" + image.file.name).status_code == 404


def test_production_server_serves_media_from_local_disk(tmp_path, collected_static):
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    png = get_test_image_file().file.getvalue()
    (media / "images" / "photo.fill-80x60.png").write_bytes(png)
    (media / "documents").mkdir()
    (media / "documents" / "leaflet.txt").write_bytes(b"restricted handout")
    env = _production_env(
        STATIC_ROOT=str(collected_static),
        MEDIA_ROOT=str(media),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    proc, base = start_gunicorn(env)
    try:
        request = urllib.request.Request(
            base + "/media/images/photo.fill-80x60.png", headers={"Host": "localhost"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  loopback
            assert response.status == 200
            assert response.read() == png
            assert response.headers["Cache-Control"] == "public, max-age=86400"
        request = urllib.request.Request(
            base + "/media/documents/leaflet.txt", headers={"Host": "localhost"}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310  loopback
        # 404, or 503 here: this server's database is empty and the 404 page reads it.
        assert refused.value.code in (404, 503)
        assert b"restricted handout" not in refused.value.read()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
