import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from content.booking.models import BookingRequest
from content.core.models import ClinicSettings
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


def test_one_audit_entry_per_list_view_with_filters_not_search_words(
    client, intake_user, make_request
):
    shown = make_request(name="Avery Listed", kind="appointment")
    make_request(name="Blake Question", kind="question")
    make_request(name="Casey Second", kind="appointment")
    login_verified(client, intake_user)

    assert client.get(INBOX, {"kind": "appointment"}).status_code == 200
    entry = ModelLogEntry.objects.get(action="booking.list")
    assert entry.user == intake_user
    assert entry.label == "Intake inbox"
    assert entry.data["filters"] == {"kind": "appointment"}
    assert entry.data["count"] == 2
    assert shown.reference in entry.data["references"]

    # The results-only view behind the live filters and search: one more entry, and the words
    # searched for (a patient's name) are not recorded.
    assert client.get(f"{INBOX}results/", {"q": "Avery"}).status_code == 200
    assert ModelLogEntry.objects.filter(action="booking.list").count() == 2
    latest = ModelLogEntry.objects.filter(action="booking.list").first()
    assert "search" in latest.data["filters"]
    assert latest.data["references"] == [shown.reference]
    for entry in ModelLogEntry.objects.all():
        assert "Avery" not in f"{entry.label} {entry.data}"

    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Listed 2 requests (kind: appointment)" in history


def test_one_audit_entry_per_detail_view(client, intake_user, make_request):
    booking = make_request()
    login_verified(client, intake_user)
    assert client.get(f"{INBOX}inspect/{booking.pk}/").status_code == 200
    assert client.get(f"{INBOX}inspect/{booking.pk}/").status_code == 200
    entries = ModelLogEntry.objects.filter(action="booking.view")
    assert [(e.object_id, e.user) for e in entries] == [(str(booking.pk), intake_user)] * 2
    assert not ModelLogEntry.objects.filter(action="booking.list").exists()


def test_the_list_links_every_request_by_reference_and_name(client, intake_user, make_request):
    bookings = [make_request(name=f"Person Number{i}") for i in range(3)]
    login_verified(client, intake_user)
    soup = BeautifulSoup(client.get(INBOX).content, "html.parser")
    assert soup.find("h1").get_text(" ", strip=True).startswith("Intake inbox")
    for booking in bookings:
        url = f"{INBOX}inspect/{booking.pk}/"
        link_texts = {a.get_text(strip=True) for a in soup.find_all("a", href=url)}
        assert {booking.reference, booking.name} <= link_texts, booking.reference


def test_the_list_shows_local_times_with_the_zone(client, intake_user, make_request):
    booking = make_request(created_at=datetime.datetime(2026, 1, 15, 17, 30, tzinfo=datetime.UTC))
    login_verified(client, intake_user)
    listing = client.get(INBOX).content.decode()
    assert booking.reference in listing
    assert "15 Jan 2026, 09:30 PST" in listing  # 17:30 UTC is 09:30 in the clinic (Pacific)


def test_suspected_spam_is_only_shown_when_asked_for(client, intake_user, make_request):
    real = make_request(name="Real Person")
    spam = make_request(name="Spam Bot", status="spam")
    login_verified(client, intake_user)
    default = client.get(INBOX).content.decode()
    assert real.reference in default and spam.reference not in default
    only_spam = client.get(INBOX, {"status": "spam"}).content.decode()
    assert spam.reference in only_spam and real.reference not in only_spam


def test_detail_shows_words_local_times_and_contact_links(client, intake_user, make_request):
    booking = make_request(
        created_at=datetime.datetime(2026, 7, 1, 16, 5, tzinfo=datetime.UTC),
        voicemail_ok=True,
        text_ok=False,
        preferred_times="",
    )
    login_verified(client, intake_user)
    response = client.get(f"{INBOX}inspect/{booking.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    facts = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
        for div in soup.select(".c-intake-dl > div")
    }
    assert facts["Voicemail is OK"] == "Yes"
    assert facts["Text message is OK"] == "No"
    assert facts["Preferred days and times"] == "Not given"
    assert facts["Preferred provider"] == "No preference"
    assert facts["Preferred contact method"] == "Phone call"
    assert facts["Received"] == "1 Jul 2026, 09:05 PDT"
    assert facts["Agreed to be contacted"] == "Yes"
    text = soup.get_text(" ")
    for raw in ("True", "False", "None"):
        assert raw not in text.split(), raw
    assert soup.find("a", href="tel:+15105550188").get_text(strip=True) == "(510) 555-0188"
    assert soup.find("a", href="mailto:riley@example.com")
    # The status form is on the page beside the details, with visible actions.
    form = soup.find("form", method="post")
    assert form.find("select", attrs={"name": "status"})
    assert form.find("textarea", attrs={"name": "add_note"})
    assert soup.find("a", href=INBOX)
    assert soup.find("a", href=f"{INBOX}history/{booking.pk}/")
    assert "Booking requests" not in response.content.decode()  # one name: "Intake inbox"


def test_status_and_note_from_the_detail_view(client, intake_user, make_request):
    booking = make_request()
    login_verified(client, intake_user)
    url = f"{INBOX}inspect/{booking.pk}/"
    response = client.post(url, {"status": "contacted", "add_note": "Called, will call back."})
    assert response.status_code == 302
    assert response["Location"] == url
    booking.refresh_from_db()
    assert booking.status == "contacted"
    assert booking.status_changed_at is not None
    assert "intake: Called, will call back." in booking.staff_notes
    assert ModelLogEntry.objects.get(action="booking.status").data == {
        "from": "new",
        "to": "contacted",
    }
    assert ModelLogEntry.objects.filter(action="booking.note", user=intake_user).exists()

    page = client.get(url).content.decode()
    assert "Called, will call back." in page
    assert "Status: Contacted" in page

    # A move backwards is refused on the same page, with the note kept in the form.
    response = client.post(url, {"status": "new", "add_note": "Oops"})
    assert response.status_code == 200
    assert "cannot go from" in response.content.decode()
    assert "Oops" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "contacted"


def test_view_only_staff_cannot_post_a_status(client, django_user_model, make_request):
    booking = make_request()
    group, _ = Group.objects.get_or_create(name="Intake readers (test)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_bookingrequest"),
    )
    reader = django_user_model.objects.create_user("reader", "r@example.com", "pw-reader-12345")
    reader.groups.add(group)
    client.force_login(reader)
    url = f"{INBOX}inspect/{booking.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="status"' not in page.content
    assert client.post(url, {"status": "closed"}).status_code in (302, 403)
    booking.refresh_from_db()
    assert booking.status == "new"


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


def csv_rows(response):
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    return list(csv.DictReader(io.StringIO(content)))


def test_csv_export_has_labels_local_times_and_one_audit_entry(client, intake_user, make_request):
    booking = make_request(
        name="Casey Export",
        created_at=datetime.datetime(2026, 1, 15, 17, 30, tzinfo=datetime.UTC),
        voicemail_ok=True,
    )
    make_request(name="Drew Other")
    login_verified(client, intake_user)
    rows = csv_rows(client.get(INBOX, {"export": "csv"}))
    row = next(r for r in rows if r["Reference"] == booking.reference)
    assert row["Name"] == "Casey Export"
    assert row["Received"] == "15 Jan 2026, 09:30 PST"
    assert row["Preferred contact method"] == "Phone call"
    assert row["What they need"] == "Question"
    assert row["Voicemail is OK"] == "Yes"
    assert row["Text message is OK"] == "No"
    assert row["Status"] == "New"
    assert row["Preferred provider"] == "No preference"
    entry = ModelLogEntry.objects.get(action="booking.export")
    assert entry.user == intake_user
    assert entry.data["count"] == 2
    assert booking.reference in entry.data["references"]
    assert not ModelLogEntry.objects.filter(action="booking.list").exists()


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://example.com","x")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_csv_export_cells_cannot_become_formulas(client, intake_user, make_request, typed):
    booking = make_request(name=typed, preferred_times=typed, note=typed)
    login_verified(client, intake_user)
    row = next(
        r
        for r in csv_rows(client.get(INBOX, {"export": "csv"}))
        if r["Reference"] == booking.reference
    )
    for column in ("Name", "Preferred days and times", "Note"):
        assert row[column] == "'" + typed, column


def test_dashboard_panel_counts_new_requests_and_the_oldest(client, intake_user, make_request):
    now = timezone.now()
    make_request(created_at=now - datetime.timedelta(days=2, hours=3))
    make_request(created_at=now - datetime.timedelta(hours=1))
    make_request(status="contacted", created_at=now - datetime.timedelta(days=9))
    make_request(status="spam")
    login_verified(client, intake_user)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.select_one(".c-intake-panel")
    text = panel.get_text(" ", strip=True).replace("\xa0", " ")
    assert "2 new requests waiting" in text
    assert "The oldest has waited 2 days, 3 hours" in text
    assert panel.find("a", href=f"{INBOX}?status=new&ordering=created_at")


def test_dashboard_panel_when_nothing_waits(client, intake_user):
    login_verified(client, intake_user)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert "No new requests are waiting." in soup.select_one(".c-intake-panel").get_text()


def test_dashboard_panel_is_hidden_from_editors(client, editor_user, make_request):
    make_request()
    client.force_login(editor_user)
    page = client.get("/admin/").content.decode()
    assert "c-intake-panel" not in page
    assert "new request" not in page


def test_intake_dashboard_names_the_clinic_and_has_no_page_search(client, intake_user):
    login_verified(client, intake_user)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    clinic = ClinicSettings.for_site(Site.objects.get(is_default_site=True)).clinic_name
    assert soup.find("h1").get_text(strip=True) == clinic
    assert soup.find("form", role="search") is None
    assert "Search all pages" not in str(soup)


def test_editors_keep_the_page_search(client, admin_user):
    login_verified(client, admin_user)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    assert soup.find("form", role="search") is not None


def test_nobody_adds_requests_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    response = client.get(f"{INBOX}new/")
    assert response.status_code in (302, 403)
