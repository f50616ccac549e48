"""Who may open which admin screen: booking requests for Intake only, page editing for
Editors and Clinical reviewers only.

Booking admin routes are discovered from the URL resolver (any admin URL whose name,
namespace or path mentions "booking", or that lives under admin/intake/); the test fails if the booking app is installed and a route is
missing from BOOKING_ROUTES, so new screens cannot slip past the matrix.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ["Editors", "Clinical reviewers", "Intake"]

# url name -> how to build its kwargs from a sample booking request (None: no kwargs).
# Filled in when the booking app lands; discovery below keeps it complete.
BOOKING_ROUTES: dict = {}


def admin_url_names(resolver=None, namespace="", prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from admin_url_names(entry, ns, route)
        elif isinstance(entry, URLPattern) and entry.name and route.startswith("admin/"):
            yield f"{namespace}{entry.name}", route


def booking_admin_routes() -> dict[str, str]:
    return {
        name: route
        for name, route in admin_url_names()
        if "booking" in name.lower() or "booking" in route or route.startswith("admin/intake")
    }


def make_user(role: str):
    group, created = Group.objects.get_or_create(name=role)
    if created or not group.permissions.exists():
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        if role == "Intake" and apps.is_installed("content.booking"):
            group.permissions.add(*Permission.objects.filter(content_type__app_label="booking"))
        if role == "Clinical reviewers":
            from wagtail.models import GroupPagePermission, Page

            root = Page.objects.get(depth=1)
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=Permission.objects.get(codename="change_page")
            )
    user = get_user_model().objects.create_user(
        f"{role.replace(' ', '-').lower()}-user", f"{role[:4].lower()}@example.com", "x" * 16
    )
    user.groups.add(group)
    return user


@pytest.fixture
def role_clients(db, client_factory=None):
    from django.test import Client

    clients = {}
    for role in ROLES:
        client = Client()
        client.force_login(make_user(role))
        clients[role] = client
    return clients


def test_booking_routes_are_all_in_the_matrix():
    if not apps.is_installed("content.booking"):
        pytest.skip("booking app not installed on this branch yet")
    discovered = booking_admin_routes()
    assert discovered, "the booking app should have admin screens"
    missing = sorted(set(discovered) - set(BOOKING_ROUTES))
    assert not missing, f"add these booking admin routes to BOOKING_ROUTES: {missing}"


def test_discovery_finds_admin_routes():
    names = dict(admin_url_names())
    assert "wagtailadmin_home" in names
    assert "wagtailadmin_pages:edit" in names


@pytest.mark.django_db
def test_booking_screens_are_for_intake_only(role_clients):
    if not apps.is_installed("content.booking"):
        pytest.skip("booking app not installed on this branch yet")
    assert BOOKING_ROUTES
    for name, build_kwargs in BOOKING_ROUTES.items():
        url = reverse(name, kwargs=build_kwargs() if build_kwargs else None)
        for role, expected in (("Editors", 403), ("Clinical reviewers", 403), ("Intake", 200)):
            response = role_clients[role].get(url)
            status = response.status_code
            if expected == 403 and status == 302:
                status = 403  # Wagtail sends users without permission back to the dashboard
            assert status == expected, (role, name, url, response.status_code)


@pytest.mark.django_db
def test_page_editing_is_for_editors_and_reviewers_not_intake(role_clients):
    from content.articles.models import ArticlePage

    article = ArticlePage.objects.live().first()
    urls = [
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
    ]
    for url in urls:
        for role, allowed in (("Editors", True), ("Clinical reviewers", True), ("Intake", False)):
            status = role_clients[role].get(url).status_code
            if allowed:
                assert status == 200, (role, url, status)
            else:
                assert status in (302, 403), (role, url, status)
    publish = reverse("wagtailadmin_pages:add_subpage", args=[article.get_parent().pk])
    denied = role_clients["Intake"].get(publish)
    assert denied.status_code in (302, 403)
    assert "/add/" not in denied.get("Location", "")
    allowed = role_clients["Editors"].get(publish)
    assert allowed.status_code == 200 or "/pages/add/" in allowed["Location"]
