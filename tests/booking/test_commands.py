import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from content.booking.models import BookingRequest

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _aged(make_request, days, **fields):
    booking = make_request(**fields)
    BookingRequest.objects.filter(pk=booking.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    return booking


def test_purge_deletes_only_requests_past_retention(make_request):
    old = _aged(make_request, 91)
    recent = _aged(make_request, 89)
    assert "Deleted 1 request(s) older than 90 days." in run("purge_booking_requests")
    assert list(BookingRequest.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not BookingRequest.objects.filter(pk=old.pk).exists()


def test_purge_follows_the_setting_and_dry_run(make_request, settings):
    settings.BOOKING_RETENTION_DAYS = 30
    _aged(make_request, 31)
    _aged(make_request, 5)
    assert "1 request(s) older than 30 days." in run("purge_booking_requests", "--dry-run")
    assert BookingRequest.objects.count() == 2
    run("purge_booking_requests")
    assert BookingRequest.objects.count() == 1


@pytest.mark.parametrize("days", ["0", "-3"])
def test_purge_refuses_a_retention_under_one_day_with_a_failing_exit(make_request, days):
    from django.core.management.base import CommandError

    _aged(make_request, 120)
    with pytest.raises(CommandError, match="at least 1 day"):
        run("purge_booking_requests", "--days", days)
    assert BookingRequest.objects.count() == 1


def test_export_one_persons_requests(make_request):
    mine = make_request(email="Sam.Person@example.com", phone="(510) 555-0111", name="Sam Ñame")
    by_phone = make_request(email="", phone="(510) 555-0111", contact_method="phone")
    other = make_request(email="other@example.com", phone="(510) 555-0199")
    rows = json.loads(
        run("booking_requests_for_person", "--email", "sam.person@EXAMPLE.com", "--export")
    )
    assert [row["reference"] for row in rows] == [mine.reference]
    assert rows[0]["name"] == "Sam Ñame"
    rows = json.loads(run("booking_requests_for_person", "--phone", "+1 510.555.0111", "--export"))
    assert {row["reference"] for row in rows} == {mine.reference, by_phone.reference}
    assert other.reference not in json.dumps(rows)


def test_delete_one_persons_requests(make_request):
    make_request(email="gone@example.com")
    make_request(email="GONE@example.com", phone="(510) 555-0155")
    kept = make_request(email="kept@example.com")
    assert "Deleted 2 request(s)." in run(
        "booking_requests_for_person", "--email", "gone@example.com", "--delete"
    )
    assert list(BookingRequest.objects.values_list("pk", flat=True)) == [kept.pk]


def test_person_command_needs_an_identifier():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("booking_requests_for_person", "--export")
