"""Login throttling (django-axes): per (username, address) pair and per address across usernames."""

import pytest
from django.core import mail
from django.urls import reverse

from .conftest import make_user

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"
OFFICE = "203.0.113.9"


def attempt(client, username, *, right=False, address=OFFICE):
    password = "a-long-test-password" if right else "wrong-password"
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_twelve_usernames_from_one_address_are_throttled(client):
    """Password spraying: one wrong password tried against many accounts."""
    names = [f"staff{i}" for i in range(12)]
    for name in names:
        make_user(name, "Editors")
    answers = [attempt(client, name).status_code for name in names]
    assert answers[:9] == [200] * 9  # the form again, with its error
    assert answers[9:] == [429] * 3  # the tenth failure from the address locks it
    # Even the right password is refused from that address while it is locked ...
    assert attempt(client, "staff0", right=True).status_code == 429
    assert "_auth_user_id" not in client.session
    # ... but the same account signs in from elsewhere.
    assert attempt(client, "staff0", right=True, address="198.51.100.4").status_code == 302


def test_one_persons_typos_do_not_lock_a_shared_address(client):
    make_user("lena", "Editors")
    make_user("omar", "Editors")
    for _ in range(4):
        assert attempt(client, "lena").status_code == 200
    assert attempt(client, "lena", right=True).status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    assert attempt(client, "omar", right=True).status_code == 302


def test_five_failures_still_lock_one_account_at_an_address(client):
    make_user("lena", "Editors")
    for _ in range(4):
        assert attempt(client, "lena").status_code == 200
    assert attempt(client, "lena").status_code == 429
    assert attempt(client, "lena", right=True).status_code == 429
    assert len(mail.outbox) == 0
