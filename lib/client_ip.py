"""The reader's real address, for rate limits, the beacon's reload detection and request logs.

Behind a reverse proxy (deploy/nginx.conf, a load balancer) REMOTE_ADDR is the proxy, so every
reader would look like 127.0.0.1: one person could then lock everyone out of sign-in. The
proxy appends the address it saw to `X-Forwarded-For`, but anyone can send that header too,
so it is believed only as far as `settings.TRUSTED_PROXIES` says:

- `0` (the default, or unset): no proxy is trusted; REMOTE_ADDR is the client.
- a count, e.g. `1`: that many proxies stand in front of the application (REMOTE_ADDR is the
  last of them); the client is the address the outermost one saw, the N-th from the right of
  `X-Forwarded-For`. Entries further left were sent by the client and are ignored.
- networks, e.g. `127.0.0.1/32,10.0.0.0/8`: walk from REMOTE_ADDR leftwards through
  `X-Forwarded-For` while the address is inside a trusted network; the first address outside
  them is the client (the right-most untrusted one).

`client_ip(request)` is what every consumer calls (django-axes included, through
`AXES_CLIENT_IP_CALLABLE`). `client_network(request)` is the bucket rate limits count in: an
IPv4 address as is, an IPv6 address by its /64, because one household or phone gets a whole
/64 and can pick a fresh address from it for every try.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
TrustedProxies = int | tuple[Network, ...]
UNKNOWN = "unknown"


def parse_trusted_proxies(raw: str) -> TrustedProxies:
    """Read the TRUSTED_PROXIES environment value: empty or a count, or comma-separated networks.

    Raises ValueError with a sentence saying what to write instead.
    """
    raw = raw.strip()
    if not raw:
        return 0
    if raw.isdigit():
        return int(raw)
    networks = []
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(
                f"TRUSTED_PROXIES contains {part!r}, which is neither a count nor a network. Use a number of "
                "proxy hops (e.g. 1 behind deploy/nginx.conf) or networks such as 127.0.0.1/32,10.0.0.0/8."
            ) from None
    return tuple(networks)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip().strip('"')
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # 203.0.113.9:5678
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted_setting() -> TrustedProxies:
    from django.conf import settings

    value = getattr(settings, "TRUSTED_PROXIES", 0)
    if isinstance(value, str):
        return parse_trusted_proxies(value)
    if isinstance(value, (list, tuple)):
        return tuple(ipaddress.ip_network(str(net), strict=False) for net in value)
    return int(value or 0)


def client_address(
    remote_addr: str, forwarded_for: str, trusted: TrustedProxies
) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's address from REMOTE_ADDR and X-Forwarded-For under `trusted` (see module)."""
    remote = _parse(remote_addr or "")
    if remote is None:
        return None
    if not trusted or not forwarded_for:
        return remote
    chain: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [remote]  # right to left
    for entry in reversed(forwarded_for.split(",")):
        address = _parse(entry)
        if address is None:
            break  # garbage cannot be a proxy's entry: trust nothing left of it
        chain.append(address)
    if isinstance(trusted, int):
        # chain[0] is the last proxy, chain[trusted] what the outermost trusted proxy saw.
        return chain[min(trusted, len(chain) - 1)]
    for address in chain:
        if not any(address in network for network in trusted):
            return address
    return chain[-1]


def client_ip(request: HttpRequest) -> str:
    """The client's address as a string ("unknown" when REMOTE_ADDR is missing or garbage)."""
    address = client_address(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), _trusted_setting()
    )
    return str(address) if address is not None else UNKNOWN


def network_of(ip: str) -> str:
    """The rate-limit bucket of an address: IPv4 itself, IPv6 its /64 ("2001:db8:1:2::/64")."""
    address = _parse(ip)
    if address is None:
        return ip or UNKNOWN
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def client_network(request: HttpRequest) -> str:
    """The client's rate-limit bucket (see `network_of`)."""
    return network_of(client_ip(request))
