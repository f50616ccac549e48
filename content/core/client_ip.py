"""How the client's IP address is read: for the booking rate limit and admin login throttling.

Setting ``TRUSTED_PROXY_COUNT`` (environment variable of the same name, default 0):

* 0: the site is reached directly; use ``REMOTE_ADDR``. ``X-Forwarded-For`` is ignored because
  anyone can send it.
* N > 0: N reverse proxies that each append to ``X-Forwarded-For`` stand in front of gunicorn
  (e.g. 1 for a single nginx or load balancer). The client is the Nth address from the right.
  When the header has fewer entries, ``REMOTE_ADDR`` is used.

Get it wrong and either every visitor shares one counter (proxy not counted) or a client can pick
its own counter (too many hops trusted).
"""

import ipaddress

from django.conf import settings


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str:
    """REMOTE_ADDR, or the address our outermost trusted proxy saw (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    hops = int(settings.TRUSTED_PROXY_COUNT)
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            candidate = _valid_ip(forwarded[-hops])
            if candidate:
                return candidate
    return remote


def client_ip_or_none(request) -> str | None:
    """client_ip when it is a real address, else None: for records with an IP column
    (django-axes), which PostgreSQL's inet type refuses to store as "unknown" (a request
    without REMOTE_ADDR: a unix-socket bind, or Django's test client force_login)."""
    return _valid_ip(client_ip(request))
