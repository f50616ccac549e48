"""django-axes failure limit: per (username, address) pair and per address across usernames.

With ``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]`` axes counts the
failures of both groups and compares the larger (the address's count, which includes the
pair's) with this limit. The limit is the per-account one (5) once the pair itself has reached
it, otherwise the higher per-address one (10): a pair is locked after 5 wrong passwords, an
address after 10 across all usernames (password spraying), and a shared office address is not
locked by one person's typos.
"""

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def pair_failures(request, credentials) -> int:
    attempts = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None),
        attempt_time__gte=get_cool_off_threshold(request),
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials) -> int:
    per_account = settings.AXES_FAILURES_PER_ACCOUNT
    if pair_failures(request, credentials) >= per_account:
        return per_account
    return settings.AXES_FAILURES_PER_ADDRESS
