"""The client's address, the one answer for login limits (django-axes) and form limits (django-ratelimit).

Every proxy in front of the portal appends the address it received the request from to X-Forwarded-For, so the
chain "X-Forwarded-For entries, then REMOTE_ADDR" is honest from the right for as long as each hop is one of the
operator's proxies. Walking it from the right, the first hop that is not a declared proxy is the client; what a
client writes into X-Forwarded-For itself lies further left and is never reached. A hop is a declared proxy when
it is one of the TRUSTED_PROXY_COUNT right-most hops, or when its address is in TRUSTED_PROXIES.

Both settings are read on every request, so that tests (and settings overrides) see their effect at once.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# The rate-limit key shared by requests whose client has no readable address (never an address to bind).
NO_ADDRESS = "0.0.0.0"  # noqa: S104


@lru_cache(maxsize=8)
def trusted_networks(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def parse_address(value: str) -> IPAddress | None:
    """An address as proxies write it ("203.0.113.7", "203.0.113.7:5123", "[2001:db8::1]:443"), or None."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client reaching an IPv6 socket shows as ::ffff:a.b.c.d; it is the same client as a.b.c.d.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_address(request) -> IPAddress | None:
    forwarded = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # REMOTE_ADDR is always a hop, even empty (a proxy on a Unix socket), so that counting from the right holds.
    hops = [*forwarded, request.META.get("REMOTE_ADDR", "")]
    count = settings.TRUSTED_PROXY_COUNT
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    left_most = None
    for position, hop in enumerate(reversed(hops)):
        address = parse_address(hop)
        # An empty REMOTE_ADDR is a proxy on a Unix socket: the machine's own web server, a hop to skip.
        local_socket = position == 0 and not hop.strip()
        proxy = position < count or local_socket or (
            address is not None and any(address in network for network in networks))
        if not proxy:
            return address
        if address is not None:
            left_most = address
    # Every hop is a proxy (a request made by the proxy itself): the left-most address was written by one of them.
    return left_most


def client_ip(request) -> str | None:
    """The client's address as text; AXES_CLIENT_IP_CALLABLE. None only when no hop holds an address."""
    address = client_address(request)
    return str(address) if address is not None else None


def ratelimit_ip(request) -> str:
    """RATELIMIT_IP_META_KEY, for limits declared with key="ip"; requests without an address share one count."""
    return client_ip(request) or NO_ADDRESS


def ratelimit_key(group, request) -> str:
    """The key of the portal's form limits: the address, or its /64 network for IPv6 (one household's share)."""
    address = client_address(request)
    if address is None:
        return NO_ADDRESS
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
