from wagtail import hooks

from .admin_views import BookingRequestViewSet


@hooks.register("register_admin_viewset")
def register_booking_inbox():
    return BookingRequestViewSet()


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    actions.register_action("booking.list", "Listed request", "Shown in the inbox list")
    actions.register_action("booking.view", "View request", "Opened the request")
    actions.register_action("booking.export", "Export request", "Exported the request")
    actions.register_action("booking.status", "Change status", "Changed the status")
    actions.register_action("booking.note", "Add note", "Added a note")
