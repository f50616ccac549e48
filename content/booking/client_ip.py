"""How the client's IP address is read, for the per-client rate limit.

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
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    hops = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
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


def ratelimit_key(group, request) -> str:
    """Key function for django-ratelimit."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        # One household or phone usually holds a whole /64.
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return address
