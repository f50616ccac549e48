"""Create the booking page (once) and point ClinicSettings.booking_page at it."""

from wagtail.models import Locale, Site

from content.core.initial_content import ContentLoader
from content.core.models import ClinicSettings, HomePage

from .models import BookingPage

SLUG = "request-an-appointment"

INTRO = (
    "<p>Ask for an appointment or a call back. It takes about two minutes. "
    "We only ask for what we need to get in touch with you.</p>"
)
NEXT_STEPS = (
    "<ol>"
    "<li>A member of our care team reads your request.</li>"
    "<li>We contact you the way you asked, to answer your question or find a time.</li>"
    "<li>If you want an appointment, we explain the first visit and what to bring.</li>"
    "</ol>"
)


def load(loader: ContentLoader):
    home = HomePage.objects.get(locale=Locale.get_default())
    page = loader.page(
        home,
        BookingPage,
        SLUG,
        {
            "title": "Request an appointment",
            "summary": "Ask for an appointment or a call back from our care team.",
            "intro": INTRO,
            "reply_time": "within 2 business days",
            "next_steps": NEXT_STEPS,
            "show_in_menus": True,
        },
    )
    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    if clinic.booking_page_id != page.pk:
        clinic.booking_page = page
        clinic.save(update_fields=["booking_page"])
        loader.log.append("set ClinicSettings.booking_page")
    load_spanish(loader, page)


def load_spanish(loader: ContentLoader, page: BookingPage) -> None:
    """The Spanish booking page (its words from fixtures/es/site.yaml); the form's labels and
    messages are translated with the rest of the interface (locale/es)."""
    site = loader.spanish_site()
    if site is None:
        return
    text = site["booking_page"]
    loader.translation_of(
        page,
        text.get("slug", "pedir-una-cita"),
        {
            **{k: v for k, v in text.items() if k != "slug"},
            "translator": loader.spanish_translator(),
        },
    )
