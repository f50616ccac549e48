"""The booking form's rate-limit key: one counter per client address (IPv6: per /64)."""

import ipaddress

from content.core.client_ip import client_ip


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
