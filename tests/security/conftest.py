import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# One URL per public page type in the sample content.
PUBLIC_PAGES = {
    "home": "/",
    "article index": "/learn/",
    "article": "/learn/what-is-kap/",
    "standard page": "/about/",
}

PRODUCTION_SETTING_NAMES = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_AGE",
    "DEBUG",
]


@cache
def production_settings() -> dict:
    """The security settings exactly as kapsite.settings.production computes them."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {PRODUCTION_SETTING_NAMES!r}}}))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "kapsite.settings.production",
        "SECRET_KEY": "production-settings-probe-" + "x" * 40,
        "ALLOWED_HOSTS": "kapsite.example.com",
        "SITE_URL": "https://kapsite.example.com",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    values = json.loads(out.stdout.strip().splitlines()[-1])
    if values["SECURE_PROXY_SSL_HEADER"]:
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production_security(settings):
    """Apply production's cookie and transport settings on top of the test settings."""
    for name, value in production_settings().items():
        if name != "DEBUG":
            setattr(settings, name, value)
    settings.ALLOWED_HOSTS = ["testserver", "kapsite.example.com"]
    return settings
