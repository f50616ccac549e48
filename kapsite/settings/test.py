"""Test settings: fast password hashing, plain static storage, tasks run inline."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The sample content's address in every test (tests may override SITE_URL with `settings`).
SITE_URL = "http://localhost"
WAGTAILADMIN_BASE_URL = SITE_URL

# Serve static files straight from static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The whole-page cache is exercised by tests/performance (which turns it on); elsewhere tests
# measure and check what the views themselves render.
PAGE_CACHE_ENABLED = False
FRAGMENT_CACHE_SECONDS = 0  # on in tests/performance, like the page cache
