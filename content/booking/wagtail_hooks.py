from wagtail import hooks

from .admin_views import BookingRequestViewSet
from .audit import ExportFormatter, ListFormatter
from .dashboard import IntakePanel, can_see_requests


@hooks.register("register_admin_viewset")
def register_booking_inbox():
    return BookingRequestViewSet()


@hooks.register("construct_homepage_panels")
def add_intake_panel(request, panels):
    if can_see_requests(request.user):
        panels.append(IntakePanel())


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    actions.register_action("booking.list")(ListFormatter)
    actions.register_action("booking.export")(ExportFormatter)
    actions.register_action("booking.view", "View request", "Opened the request")
    actions.register_action("booking.status", "Change status", "Changed the status")
    actions.register_action("booking.note", "Add note", "Added a note")
