from django.apps import AppConfig


class BookingConfig(AppConfig):
    """Contact and appointment requests: personal data with its own permissions and retention.

    Nothing outside the project wiring imports this app (see DESIGN.md).
    """

    name = "content.booking"
    label = "booking"
    verbose_name = "Booking requests"
    # Called by `manage.py load_initial_content` (see content.core.initial_content).
    initial_content_loader = "content.booking.initial_content.load"
