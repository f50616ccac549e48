"""Who may open which admin screen: booking requests for Intake only, page editing for
Editors and Clinical reviewers only.

Users join the groups the migrations create (Editors and Clinical reviewers from
content/governance/setup.py, Intake's booking permissions from booking's migration 0002); no
permission is invented here. They sign in with a verified second factor (tests.auth), because
Intake and Clinical reviewers must use one and would otherwise be sent to 2FA setup.

Booking admin routes are discovered from the URL resolver (any admin URL whose name,
namespace or path mentions "booking", or that lives under admin/intake/); the test fails if a
route is missing from BOOKING_ROUTES, so new screens cannot slip past the matrix.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.auth import login_verified

ROLES = ["Editors", "Clinical reviewers", "Intake"]
DENIED_ROLES = ["Editors", "Clinical reviewers"]
DENIED_MESSAGE = "Sorry, you do not have permission to access this area."


def _pk(booking):
    return {"pk": booking.pk}


# url name -> how to build its kwargs from a sample booking request (None: no kwargs).
BOOKING_ROUTES: dict = {
    "booking_requests:index": None,  # the inbox list (with filters and search)
    "booking_requests:index_results": None,  # the list's filter/search results fragment
    "booking_requests:add": None,  # disabled for everyone: requests come from the public form
    "booking_requests:inspect": _pk,  # the detail view
    "booking_requests:edit": _pk,  # status change and notes
    "booking_requests:delete": _pk,
    "booking_requests:history": _pk,  # the request's audit log
    "booking_requests:history_results": _pk,
    "booking_requests:usage": _pk,
}
# Routes nobody may use, Intake included (IntakePermissionPolicy refuses "add").
CLOSED_TO_EVERYONE = {"booking_requests:add"}
# Extra query strings that are their own screens: CSV and spreadsheet export, a filtered search.
EXPORTS = ["?export=csv", "?export=xlsx"]


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
    user = get_user_model().objects.create_user(
        f"{role.replace(' ', '-').lower()}-user", f"{role[:4].lower()}@example.com", "x" * 16
    )
    user.groups.add(Group.objects.get(name=role))  # created by the migrations, not here
    return user


@pytest.fixture
def role_clients(db):
    return {role: login_verified(Client(), make_user(role)) for role in ROLES}


@pytest.fixture
def booking(db):
    from content.booking.models import BookingRequest

    return BookingRequest(
        name="Matrix Sample",
        email="matrix.sample@example.com",
        phone="(510) 555-0142",
        contact_method="phone",
        kind="question",
        preferred_times="Tuesday afternoons",
        consent_to_contact=True,
        privacy_acknowledged=True,
    ).save_with_new_reference()


def booking_values(booking):
    return [booking.name, booking.email, booking.phone, booking.preferred_times]


def assert_denied(client, response, booking, context):
    """Wagtail answers a user without permission with a redirect to the dashboard and an
    error message; the response and the page it leads to show none of the request."""
    assert response.status_code == 302, (context, response.status_code)
    assert response["Location"] == reverse("wagtailadmin_home"), context
    landing = client.get(response["Location"])
    assert landing.status_code == 200, context
    body = response.content.decode() + landing.content.decode()
    assert DENIED_MESSAGE in landing.content.decode(), context
    for value in [*booking_values(booking), booking.reference]:
        assert value not in body, (context, value)


def test_booking_routes_are_all_in_the_matrix():
    discovered = booking_admin_routes()
    assert discovered, "the booking app should have admin screens"
    missing = sorted(set(discovered) - set(BOOKING_ROUTES))
    assert not missing, f"add these booking admin routes to BOOKING_ROUTES: {missing}"
    stale = sorted(set(BOOKING_ROUTES) - set(discovered))
    assert not stale, f"these BOOKING_ROUTES no longer exist: {stale}"


def test_discovery_finds_admin_routes():
    names = dict(admin_url_names())
    assert "wagtailadmin_home" in names
    assert "wagtailadmin_pages:edit" in names


def booking_urls(booking):
    for name, build_kwargs in BOOKING_ROUTES.items():
        yield name, reverse(name, kwargs=build_kwargs(booking) if build_kwargs else None)
    index = reverse("booking_requests:index")
    for query in EXPORTS:
        yield f"export {query}", index + query
    yield "search", index + "?q=" + booking.reference


@pytest.mark.django_db
def test_booking_screens_are_for_intake_only(role_clients, booking):
    for name, url in booking_urls(booking):
        for role in DENIED_ROLES:
            client = role_clients[role]
            assert_denied(client, client.get(url), booking, (role, name, url))
        response = role_clients["Intake"].get(url)
        if name in CLOSED_TO_EVERYONE:
            assert_denied(role_clients["Intake"], response, booking, ("Intake", name, url))
        else:
            assert response.status_code == 200, ("Intake", name, url, response.status_code)


@pytest.mark.django_db
def test_intake_screens_show_the_request(role_clients, booking):
    intake = role_clients["Intake"]
    inspect = intake.get(reverse("booking_requests:inspect", kwargs=_pk(booking))).content.decode()
    for value in [*booking_values(booking), booking.reference]:
        assert value in inspect
    export = intake.get(reverse("booking_requests:index") + "?export=csv")
    assert export["Content-Type"].startswith("text/csv")
    assert booking.email in export.getvalue().decode()


@pytest.mark.django_db
def test_only_intake_can_change_status_add_notes_or_delete(role_clients, booking):
    from content.booking.models import BookingRequest

    edit = reverse("booking_requests:edit", kwargs=_pk(booking))
    delete = reverse("booking_requests:delete", kwargs=_pk(booking))
    change = {"status": "contacted", "add_note": "Left a voicemail"}
    for role in DENIED_ROLES:
        client = role_clients[role]
        assert_denied(client, client.post(edit, change), booking, (role, "edit POST"))
        assert_denied(client, client.post(delete), booking, (role, "delete POST"))
        booking.refresh_from_db()
        assert booking.status == "new"
        assert booking.staff_notes == ""

    response = role_clients["Intake"].post(edit, change)
    assert response.status_code == 302, response.content.decode()[:500]
    booking.refresh_from_db()
    assert booking.status == "contacted"
    assert "Left a voicemail" in booking.staff_notes
    response = role_clients["Intake"].post(delete)
    assert response.status_code == 302
    assert not BookingRequest.objects.filter(pk=booking.pk).exists()


@pytest.mark.django_db
def test_page_editing_is_for_editors_and_reviewers_not_intake(role_clients):
    from content.articles.models import ArticlePage

    article = ArticlePage.objects.live().filter(locale__language_code="en").first()
    urls = [
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        reverse("wagtailadmin_pages:history", args=[article.pk]),
    ]
    for url in urls:
        for role in ("Editors", "Clinical reviewers"):
            status = role_clients[role].get(url).status_code
            assert status == 200, (role, url, status)
        denied = role_clients["Intake"].get(url)
        assert denied.status_code == 302, (url, denied.status_code)
        assert denied["Location"] == reverse("wagtailadmin_home")
        assert article.title not in role_clients["Intake"].get(denied["Location"]).content.decode()

    # Adding pages under the article index: Editors only (reviewers correct, they do not add).
    add = reverse("wagtailadmin_pages:add_subpage", args=[article.get_parent().pk])
    allowed = role_clients["Editors"].get(add)
    if allowed.status_code == 302:  # only one page type fits: straight to its create form
        assert "/pages/add/" in allowed["Location"]
        allowed = role_clients["Editors"].get(allowed["Location"])
    assert allowed.status_code == 200
    for role in ("Clinical reviewers", "Intake"):
        denied = role_clients[role].get(add)
        assert denied.status_code == 302, (role, denied.status_code)
        assert denied["Location"] == reverse("wagtailadmin_home"), role
