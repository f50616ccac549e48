import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from content.booking.models import BookingRequest
from tests.auth import login_verified

pytestmark = pytest.mark.django_db

INBOX = "/admin/intake/"


@pytest.fixture
def intake_user(django_user_model):
    user = django_user_model.objects.create_user("intake", "intake@example.com", "pw-intake-12345")
    user.groups.add(Group.objects.get(name="Intake"))
    return user


@pytest.fixture
def editor_user(django_user_model):
    """An editor: can use the admin and edit pages, but is not in the Intake group."""
    group, _ = Group.objects.get_or_create(name="Editors (test)")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("editor", "editor@example.com", "pw-editor-12345")
    user.groups.add(group)
    return user


def test_intake_group_has_only_booking_permissions():
    codenames = set(Group.objects.get(name="Intake").permissions.values_list("codename", flat=True))
    assert {"view_bookingrequest", "change_bookingrequest", "access_admin"} <= codenames
    assert "add_bookingrequest" not in codenames


def test_editor_without_intake_cannot_list_or_open_requests(client, editor_user, make_request):
    booking = make_request()
    client.force_login(editor_user)
    home = client.get("/admin/")
    assert home.status_code == 200
    assert "Intake inbox" not in home.content.decode()
    for url in [
        INBOX,
        f"{INBOX}inspect/{booking.pk}/",
        f"{INBOX}edit/{booking.pk}/",
        f"{INBOX}?export=csv",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert booking.reference not in response.content.decode()
        assert "Riley" not in response.content.decode()
    assert not ModelLogEntry.objects.filter(action__startswith="booking.").exists()


def test_anonymous_is_sent_to_login(client, make_request):
    booking = make_request()
    response = client.get(f"{INBOX}inspect/{booking.pk}/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_intake_can_list_filter_search_and_open(client, intake_user, make_request):
    first = make_request(name="Avery Listed", kind="appointment")
    second = make_request(name="Blake Question", kind="question", status="contacted")
    login_verified(client, intake_user)
    home = client.get("/admin/")
    assert "Intake inbox" in home.content.decode()

    listing = client.get(INBOX).content.decode()
    assert first.reference in listing and second.reference in listing
    filtered = client.get(INBOX, {"status": "contacted"}).content.decode()
    assert second.reference in filtered and first.reference not in filtered
    by_kind = client.get(INBOX, {"kind": "appointment"}).content.decode()
    assert first.reference in by_kind and second.reference not in by_kind
    searched = client.get(INBOX, {"q": "Avery"}).content.decode()
    assert first.reference in searched and second.reference not in searched

    detail = client.get(f"{INBOX}inspect/{first.pk}/")
    assert detail.status_code == 200
    assert "Avery Listed" in detail.content.decode()
    entry = ModelLogEntry.objects.get(action="booking.view")
    assert entry.user == intake_user
    assert entry.object_id == str(first.pk)
    assert entry.label == f"Request {first.reference}"


def test_each_request_shown_in_the_list_is_logged(client, intake_user, make_request):
    shown = make_request(name="Avery Listed", kind="appointment")
    hidden = make_request(name="Blake Question", kind="question")
    login_verified(client, intake_user)

    assert client.get(INBOX, {"kind": "appointment"}).status_code == 200
    entries = ModelLogEntry.objects.filter(action="booking.list")
    assert [(e.object_id, e.user) for e in entries] == [(str(shown.pk), intake_user)]
    assert entries[0].label == f"Request {shown.reference}"

    # The results-only view behind the live filters and search is logged the same way.
    assert client.get(f"{INBOX}results/", {"q": "Blake"}).status_code == 200
    assert ModelLogEntry.objects.filter(action="booking.list", object_id=str(hidden.pk)).exists()
    for entry in ModelLogEntry.objects.all():
        assert "Avery" not in f"{entry.label} {entry.data}"

    history = client.get(f"{INBOX}history/{shown.pk}/").content.decode()
    assert "Listed request" in history


def test_intake_sees_a_failed_notification_in_the_inbox(client, intake_user, make_request):
    booking = make_request()
    BookingRequest.objects.filter(pk=booking.pk).update(notification_status="failed")
    login_verified(client, intake_user)
    listing = client.get(INBOX, {"notification_status": "failed"}).content.decode()
    assert booking.reference in listing
    assert "Failed" in listing


def test_status_change_with_note_is_logged(client, intake_user, make_request):
    booking = make_request()
    login_verified(client, intake_user)
    response = client.post(
        f"{INBOX}edit/{booking.pk}/",
        {"status": "contacted", "add_note": "Left a voicemail, will try again Friday."},
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == "contacted"
    assert booking.status_changed_at is not None
    assert "intake: Left a voicemail" in booking.staff_notes
    status_entry = ModelLogEntry.objects.get(action="booking.status")
    assert status_entry.data == {"from": "new", "to": "contacted"}
    assert status_entry.user == intake_user
    assert ModelLogEntry.objects.filter(action="booking.note").exists()
    assert ModelLogEntry.objects.filter(action="wagtail.edit").exists()
    # Log entries never carry the person's details.
    for entry in ModelLogEntry.objects.all():
        assert "Riley" not in f"{entry.label} {entry.data}"

    history = client.get(f"{INBOX}history/{booking.pk}/")
    assert history.status_code == 200
    assert "Change status" in history.content.decode()


def test_status_cannot_move_backwards(client, intake_user, make_request):
    booking = make_request(status="closed")
    login_verified(client, intake_user)
    response = client.post(f"{INBOX}edit/{booking.pk}/", {"status": "new"})
    assert response.status_code == 200
    assert "cannot go from" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "closed"
    # Spam is always allowed.
    client.post(f"{INBOX}edit/{booking.pk}/", {"status": "spam"})
    booking.refresh_from_db()
    assert booking.status == "spam"


def test_csv_export_is_logged(client, intake_user, make_request):
    booking = make_request(name="Casey Export")
    login_verified(client, intake_user)
    response = client.get(INBOX, {"export": "csv"})
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    rows = list(csv.reader(io.StringIO(content)))
    assert any("Casey Export" in row for row in rows)
    assert ModelLogEntry.objects.filter(action="booking.export", object_id=str(booking.pk)).exists()


def test_nobody_adds_requests_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    response = client.get(f"{INBOX}new/")
    assert response.status_code in (302, 403)
