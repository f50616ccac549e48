"""The intake panel on the Wagtail admin home: how many new requests wait, and for how long."""

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from wagtail.admin.ui.components import Component

from .admin_display import local_time
from .models import BookingRequest


class IntakePanel(Component):
    name = "intake_inbox"
    order = 50  # above Wagtail's own panels (100+)
    template_name = "booking/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        new = BookingRequest.objects.filter(status=BookingRequest.Status.NEW)
        oldest = new.order_by("created_at").values_list("created_at", flat=True).first()
        inbox = reverse("booking_requests:index")
        return {
            "new_count": new.count(),
            "oldest_received": local_time(oldest) if oldest else "",
            "oldest_age": timesince(oldest, timezone.now(), depth=2) if oldest else "",
            "new_url": f"{inbox}?status={BookingRequest.Status.NEW}&ordering=created_at",
            "inbox_url": inbox,
        }


def can_see_requests(user) -> bool:
    return user.has_perm("booking.view_bookingrequest")
