"""The client address used to count failed logins (django-axes)."""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the outermost of TRUSTED_PROXY_COUNT proxies saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    entry TRUSTED_PROXY_COUNT places from the right was written by our own outermost proxy;
    anything to its left may be forged by the client and is ignored.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote
