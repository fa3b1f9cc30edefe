"""The client's address, seen through the reverse proxies the portal is told about (TRUSTED_PROXY_COUNT)."""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request) -> str:
    count = settings.TRUSTED_PROXY_COUNT
    ip, _routable = get_client_ip(
        request,
        proxy_count=count or None,
        proxy_order="right-most",
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
    )
    return ip or "unknown"


def ratelimit_key(group, request) -> str:
    return client_ip(request)
