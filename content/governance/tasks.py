"""Review reminders: each page owner gets one e-mail listing their health pages due for review.

The e-mail holds only page titles and admin links (no page content). Run it daily with
``manage.py send_review_reminders`` from cron or a systemd timer (see README).
"""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from .reviews import pages_due_for_review, pages_using_stale_facts, review_status


def _admin_url(page):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=(page.pk,))


def reminder_body(owner, pages, today, stale) -> str:
    lines = [
        f"Hello {owner.get_full_name() or owner.get_username()},",
        "",
        "These health pages you own need a clinical review:",
        "",
    ]
    for page in pages:
        lines.append(f"- {page.title} ({review_status(page, today, stale.get(page.pk))})")
        lines.append(f"  {_admin_url(page)}")
    lines += [
        "",
        "Open each page in the admin, update it and send it for clinical review.",
        "Pages stay live meanwhile; overdue pages tell readers they are being reviewed.",
    ]
    return "\n".join(lines)


@task()
def send_review_reminders() -> int:
    """E-mail every owner of a health page that is overdue, due soon or uses a stale fact."""
    today = timezone.localdate()
    stale = pages_using_stale_facts(today)
    by_owner = defaultdict(list)
    pages = pages_due_for_review(today).select_related("owner").order_by("next_review", "title")
    for page in pages:
        if page.owner and page.owner.email and page.owner.is_active:
            by_owner[page.owner].append(page)
    for owner, owned in by_owner.items():
        send_mail(
            subject=f"{len(owned)} health page{'s' if len(owned) != 1 else ''} due for review",
            message=reminder_body(owner, owned, today, stale),
            from_email=None,
            recipient_list=[owner.email],
        )
    return len(by_owner)
