"""SSRF policy without DNS: which URLs and resolved addresses citeresolve refuses to connect to.

Nothing here touches the network. `refuse_url` runs on every hop before any connection;
`refuse_address` runs on every address getaddrinfo returns, so a name that resolves to an
internal address is caught after resolution and before connect().

Decisions that the reference fetchers disagree on, made once here:

* IPv4 written any way but the canonical dotted quad (`2130706433`, `0x7f.1`, `0177.0.0.1`,
  `127.1`, `127.000.000.001`, `0`, `127.0.0.1.`, full-width digits) is ALWAYS refused, even
  with ``allow_private``: resolvers read these spellings in ways that differ between libc,
  browsers and httpx (an address check on the string can be wrong about what gets connected
  to) and no legitimate site links to one. The reason is ``blocked_address`` when the decoded
  address is in a blocked range (the link points inside; that is what a reviewer needs to
  see) and ``invalid_url`` when it decodes to a public address or to nothing.
* The unspecified addresses 0.0.0.0 and :: are refused even with ``allow_private`` (as in
  Synapse): connect() turns them into "this host", they are never a destination.
* Ranges come from an explicit CIDR list, never from ``ipaddress.is_global``/``is_private``,
  which CPython 3.11.7 gets wrong for 192.0.0.192, 224.0.0.1, 64:ff9b::/96, 2002::/16,
  ::ffff:0:0:0/96 and more (CVE-2024-4032; RELIABILITY V8).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import NamedTuple, TypeAlias

import idna

__all__ = [
    "ALLOWED_PORTS",
    "ALLOWED_SCHEMES",
    "Refusal",
    "blocked_network",
    "refuse_address",
    "refuse_url",
]

_Address: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address


class Refusal(NamedTuple):
    """Why a link is not fetched: a machine code for the graph and one line for people."""

    reason: str  # blocked_address | blocked_scheme | blocked_port | blocked_host | invalid_url
    text: str


ALLOWED_SCHEMES: frozenset[str] = frozenset({"http", "https"})
# Web ports only: a link to :22, :25, :6379 or :11211 is a way to talk to a non-web service.
ALLOWED_PORTS: frozenset[int] = frozenset({80, 443, 8080, 8443})
_DEFAULT_PORTS = {"http": 80, "https": 443}

# GitLab refuses hosts longer than 1024 characters before doing anything else with them; we do
# the same so IDNA never sees a giant string. DNS itself allows 253 and 63 per label.
_MAX_RAW_HOST = 1024
_MAX_HOST = 253
_MAX_LABEL = 63

# Suffixes that never name a public web site (Nextcloud HostnameClassifier, RFC 6761/6762,
# RFC 8375 home.arpa, RFC 7686 onion). "arpa" covers home.arpa, in-addr.arpa and ip6.arpa.
_INTERNAL_SUFFIXES = frozenset(
    "localhost localdomain local internal intranet private corp home lan arpa onion".split()
)

# Checked in order, so a narrower range comes before the wider one that holds it.
# Synapse DEFAULT_IP_RANGE_BLOCKLIST plus the IANA special-purpose ranges that are not globally
# reachable.
_BLOCKED_V4: tuple[tuple[ipaddress.IPv4Network, str], ...] = tuple(
    (ipaddress.IPv4Network(cidr), name)
    for cidr, name in (
        ("0.0.0.0/32", "unspecified"),
        ("0.0.0.0/8", "this network"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "CGNAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "6to4 relay"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("255.255.255.255/32", "broadcast"),
        ("240.0.0.0/4", "reserved"),
    )
)

# IPv6 outside the forms that embed IPv4. Everything outside 2000::/3 is spelled out as the
# IANA registry's reserved blocks, so no public address can come from there.
_BLOCKED_V6: tuple[tuple[ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.IPv6Network(cidr), name)
    for cidr, name in (
        ("100::/64", "discard-only"),
        ("2001:2::/48", "benchmarking"),
        ("2001::/23", "IETF protocol assignments"),
        ("2001:db8::/32", "documentation"),
        ("3fff::/20", "documentation"),
        ("5f00::/16", "segment routing (SRv6)"),
        ("fc00::/7", "unique local"),
        ("fe80::/10", "link-local"),
        ("fec0::/10", "site-local"),
        ("ff00::/8", "multicast"),
        *(
            (cidr, "reserved")
            for cidr in (
                "::/8 100::/8 200::/7 400::/6 800::/5 1000::/4 4000::/3 6000::/3 8000::/3 "
                "a000::/3 c000::/3 e000::/4 f000::/5 f800::/6 fe00::/9"
            ).split()
        ),
    )
)


def _low32(value: int) -> list[tuple[str, int]]:
    """The IPv4 address in the last 32 bits (mapped, compatible, translated, NAT64 /96)."""
    return [("", value & 0xFFFFFFFF)]


def _nat64_48(value: int) -> list[tuple[str, int]]:
    """RFC 6052 /48 layout: IPv4 in bits 48-63 and 72-87, around the zero "u" octet."""
    return [("", ((value >> 64) & 0xFFFF) << 16 | (value >> 40) & 0xFFFF)]


def _sixtofour(value: int) -> list[tuple[str, int]]:
    """RFC 3056: 2002:AABB:CCDD::/48 carries the IPv4 address in bits 16-47."""
    return [("", (value >> 80) & 0xFFFFFFFF)]


def _teredo(value: int) -> list[tuple[str, int]]:
    """RFC 4380: server IPv4 in bits 32-63, client IPv4 as the bitwise NOT of the last 32 bits."""
    return [("server ", (value >> 64) & 0xFFFFFFFF), ("client ", ~value & 0xFFFFFFFF)]


class _Embedding(NamedTuple):
    network: ipaddress.IPv6Network
    name: str
    decode: Callable[[int], list[tuple[str, int]]]
    outright: bool  # blocked whatever it embeds: a gateway to IPv4 space we cannot see
    phrase: str  # how the message introduces the embedded address


# Checked before _BLOCKED_V6: all but 2002::/16 and 2001::/32 sit inside ::/8.
_EMBEDDINGS: tuple[_Embedding, ...] = tuple(
    _Embedding(ipaddress.IPv6Network(cidr), name, decode, outright, phrase)
    for cidr, name, decode, outright, phrase in (
        ("::ffff:0:0/96", "IPv4-mapped", _low32, False, "the IPv6 spelling of"),
        ("::ffff:0:0:0/96", "IPv4-translated", _low32, False, "the IPv6 spelling of"),
        ("::/96", "IPv4-compatible", _low32, False, "the IPv6 spelling of"),
        ("64:ff9b::/96", "NAT64", _low32, True, "a gateway to"),
        ("64:ff9b:1::/48", "NAT64", _nat64_48, True, "a gateway to"),
        ("2002::/16", "6to4", _sixtofour, True, "a tunnel to"),
        ("2001::/32", "Teredo", _teredo, True, "a tunnel to"),
    )
)


class _Verdict(NamedTuple):
    name: str  # the range's name, what blocked_network returns
    network: str  # its CIDR, for the message
    via: str  # what an IPv6 form embeds, for the message; "" otherwise


def _verdict4(address: ipaddress.IPv4Address) -> _Verdict | None:
    for network, name in _BLOCKED_V4:
        if address in network:
            return _Verdict(name, str(network), "")
    return None


def _where4(address: ipaddress.IPv4Address) -> str:
    """'169.254.169.254 in 169.254.0.0/16 (link-local)', or just the address if it is public."""
    verdict = _verdict4(address)
    return f"{address} in {verdict.network} ({verdict.name})" if verdict else str(address)


def _verdict6(address: ipaddress.IPv6Address) -> _Verdict | None:
    value = int(address)  # ints, so a scope id ("%eth0") never changes the answer
    if value == 0:
        return _Verdict("unspecified", "::/128", "")
    if value == 1:
        return _Verdict("loopback", "::1/128", "")
    for embedding in _EMBEDDINGS:
        if address in embedding.network:
            inner = [(role, ipaddress.IPv4Address(v4)) for role, v4 in embedding.decode(value)]
            blocked = any(_verdict4(v4) for _, v4 in inner)
            if not (embedding.outright or blocked):
                return None
            via = ", ".join(role + _where4(v4) for role, v4 in inner)
            return _Verdict(embedding.name, str(embedding.network), f"{embedding.phrase} {via}")
    for network, name in _BLOCKED_V6:
        if address in network:
            return _Verdict(name, str(network), "")
    return None


def _verdict(address: _Address) -> _Verdict | None:
    if isinstance(address, ipaddress.IPv4Address):
        return _verdict4(address)
    return _verdict6(address)


def blocked_network(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """None if the address is public; else the name of the range that blocks it.

    IPv6 forms that embed IPv4 are judged by what they embed: IPv4-mapped, -translated and
    -compatible addresses are blocked when the IPv4 inside is; NAT64, 6to4 and Teredo are
    blocked outright, since they reach IPv4 hosts we cannot see. The ranges are the explicit
    lists above, not ``ipaddress.is_global``, which 3.11.7 gets wrong for several of them.

    >>> blocked_network(ipaddress.ip_address("169.254.169.254"))
    'link-local'
    >>> blocked_network(ipaddress.ip_address("::ffff:127.0.0.1"))
    'IPv4-mapped'
    >>> blocked_network(ipaddress.ip_address("64:ff9b::5db8:d822"))
    'NAT64'
    >>> blocked_network(ipaddress.ip_address("93.184.216.34")) is None
    True
    """
    verdict = _verdict(address)
    return verdict.name if verdict else None


def _explain(shown: str, verdict: _Verdict) -> str:
    via = f", {verdict.via}" if verdict.via else ""
    return f"{shown} is in {verdict.network} ({verdict.name}){via}"


def _show(text: str, limit: int = 80) -> str:
    """Untrusted text made safe for a one-line message: escaped, and cut at `limit` characters."""
    shown = repr(text)[1:-1]
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def refuse_address(address: str) -> Refusal | None:
    """For a resolved address string (from getaddrinfo; may carry an IPv6 zone "%eth0"):
    None if public, else Refusal("blocked_address", ...).

    Anything that does not parse as an address is refused too: this is the last check before
    connect(), so it fails closed.

    >>> refuse_address("169.254.169.254")
    Refusal(reason='blocked_address', text='169.254.169.254 is in 169.254.0.0/16 (link-local)')
    >>> refuse_address("fe80::1%eth0").reason
    'blocked_address'
    >>> refuse_address("2606:4700:4700::1111") is None
    True
    """
    try:
        # IPv6Address takes the zone ("%eth0") and rejects an empty one; IPv4 has none.
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return Refusal("blocked_address", f"{_show(address)} is not an IP address")
    verdict = _verdict(parsed)
    return Refusal("blocked_address", _explain(_show(address), verdict)) if verdict else None


# A URL scheme (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )) and its colon, at the
# start: "http:" in "http://t.co/x", "javascript:" in "javascript:alert(1)". One character
# class repeated, then a ":" that class cannot match: no choice to revisit, linear time.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
# WHATWG drops tabs and newlines anywhere in a URL before parsing it, so browsers read
# "java\tscript:" as "javascript:"; the scheme is judged on that reading.
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
# ... and strips leading C0 controls and spaces.
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
# Never part of a URL we fetch: C0 controls, space, DEL, C1 controls, Unicode line breaks.
_FORBIDDEN = frozenset(
    [chr(c) for c in range(0x21)] + [chr(c) for c in range(0x7F, 0xA0)] + ["\u2028", "\u2029"]
)
_FORBIDDEN_NAMES = {"\x00": "a NUL byte", "\r": "a line break", "\n": "a line break"}
_FORBIDDEN_NAMES |= {"\t": "a tab", " ": "a space"}
# A port: ASCII digits only (str.isdigit would let "٨٠" through), e.g. "8080" in
# "example.com:8080". One class, one run: linear.
_PORT = re.compile(r"[0-9]+")
# An IPv6 zone (RFC 6874 ZoneID, unreserved characters), e.g. "eth0" in "[fe80::1%25eth0]".
# One class, one run: linear.
_ZONE = re.compile(r"[A-Za-z0-9._~\-]+")
# A host name in the form httpx sends it: lower-case letters, digits, "-", "_" and dots,
# e.g. "xn--bcher-kva.de". One class, one run: linear.
_HOST_NAME = re.compile(r"[a-z0-9._\-]+")
# One part of an IPv4 address as inet_aton reads it: hex "0x7f", octal "0177" or decimal "127"
# (octal is checked separately: "08" matches here but is not a number to inet_aton). Two
# alternatives, each one character class in one run, on a label of at most 63 characters:
# at most two linear passes.
_NUMBER = re.compile(r"0x[0-9a-f]*|[0-9]+")


def refuse_url(url: str, *, allow_private: bool = False) -> Refusal | None:
    """Checks that need no DNS, for every hop before any connection.

    In this order, the first that applies wins:

    1. ``blocked_scheme``: anything but http/https, judged the way browsers read it (tabs and
       newlines removed, so "java\\tscript:" is javascript).
    2. ``invalid_url``: no "//" and host, control characters or spaces anywhere, credentials
       (we never send any), bad port, overlong host or label, characters a host cannot have,
       IDN that does not encode, a host ending in a number that is not an IPv4 address.
    3. IPv4 not written as a canonical dotted quad: always refused, see the module docstring.
    4. ``blocked_address``, ``blocked_host`` (localhost, internal suffixes, single-label names),
       ``blocked_port`` (not in ALLOWED_PORTS): lifted by ``allow_private``, except that the
       unspecified addresses 0.0.0.0 and :: stay refused.

    None means nothing here refuses the URL; its resolved addresses still go through
    `refuse_address`.

    >>> refuse_url("https://t.co/abc") is None
    True
    >>> refuse_url("http://169.254.169.254/latest/meta-data/")
    Refusal(reason='blocked_address', text='169.254.169.254 is in 169.254.0.0/16 (link-local)')
    >>> refuse_url("http://0x7f.1/").text
    '0x7f.1 is 127.0.0.1 written in hex, as 2 parts instead of 4, in 127.0.0.0/8 (loopback)'
    >>> refuse_url("http://localhost:5000/", allow_private=True) is None
    True
    >>> refuse_url("java\\tscript:alert(1)").reason
    'blocked_scheme'
    """
    cleaned = url.translate(_TAB_NEWLINE).lstrip(_C0_AND_SPACE)
    match = _SCHEME.match(cleaned)
    if match is None:
        return Refusal("invalid_url", f"{_show(url)} has no scheme (relative links need a base)")
    scheme = match.group(1).lower()
    if scheme not in ALLOWED_SCHEMES:
        hidden = " (spelled with hidden whitespace)" if not url.startswith(match.group(0)) else ""
        return Refusal("blocked_scheme", f"{_show(scheme)}: links are never fetched{hidden}")
    for char in url:
        if char in _FORBIDDEN:
            name = _FORBIDDEN_NAMES.get(char, f"the control character U+{ord(char):04X}")
            return Refusal("invalid_url", f"the URL contains {name}")
    rest = url[len(scheme) + 1 :]
    if not rest.startswith("//"):
        return Refusal("invalid_url", f"{_show(url)} has no // before its host")
    authority = rest[2:]
    for end in "/?#":
        authority = authority.partition(end)[0]
    if "\\" in authority:
        # Browsers read "\" as "/" here, Python and httpx do not: the host would be ambiguous.
        return Refusal("invalid_url", f"the host part {_show(authority)} contains a backslash")
    if "@" in authority:
        return Refusal("invalid_url", "the URL carries credentials (user@host); none are sent")
    if authority.startswith("["):
        literal, bracket, after = authority[1:].partition("]")
        if not bracket or (after and not after.startswith(":")):
            return Refusal("invalid_url", f"{_show(authority)} is not a valid [IPv6] host")
        port_text = after[1:] if after else None
        host_refusal = _judge_ipv6(literal, allow_private=allow_private)
    else:
        host, colon, port_text_or_empty = authority.partition(":")
        if ":" in port_text_or_empty:
            return Refusal("invalid_url", f"{_show(authority)}: an IPv6 host needs [brackets]")
        port_text = port_text_or_empty if colon else None
        host_refusal = _judge_host(host, allow_private=allow_private)
    port_refusal, port = _parse_port(port_text, scheme)
    # A bad port is malformed and beats a liftable host refusal; an always-refused host beats
    # a port we would merely not allow.
    if port_refusal:
        return port_refusal
    if host_refusal:
        return host_refusal
    if port not in ALLOWED_PORTS and not allow_private:
        allowed = ", ".join(str(p) for p in sorted(ALLOWED_PORTS))
        return Refusal("blocked_port", f"port {port} is not a web port we fetch ({allowed})")
    return None


def _parse_port(text: str | None, scheme: str) -> tuple[Refusal | None, int]:
    if not text:  # absent, or "host:" with nothing after, which RFC 3986 allows
        return None, _DEFAULT_PORTS[scheme]
    if not _PORT.fullmatch(text) or len(text) > 5 or not 1 <= int(text) <= 65535:
        return Refusal("invalid_url", f"port {_show(text)} is not a number from 1 to 65535"), 0
    return None, int(text)


def _judge_ipv6(literal: str, *, allow_private: bool) -> Refusal | None:
    address_text, percent, zone = literal.partition("%")
    if percent:
        # RFC 6874 writes the "%" before a zone as "%25"; "%eth0" is what people also write.
        zone = zone.removeprefix("25")
        if not _ZONE.fullmatch(zone):
            return Refusal("invalid_url", f"[{_show(literal)}] has an invalid IPv6 zone")
    try:
        address = ipaddress.IPv6Address(address_text)
    except ValueError:
        return Refusal("invalid_url", f"[{_show(literal)}] is not an IPv6 address")
    return _judge_literal(_show(literal), address, allow_private=allow_private)


def _judge_literal(shown: str, address: _Address, *, allow_private: bool) -> Refusal | None:
    verdict = _verdict(address)
    if verdict is None or (allow_private and verdict.name != "unspecified"):
        return None
    return Refusal("blocked_address", _explain(shown, verdict))


def _judge_host(host: str, *, allow_private: bool) -> Refusal | None:
    if not host:
        return Refusal("invalid_url", "the URL has no host")
    if len(host) > _MAX_RAW_HOST:
        return Refusal("invalid_url", f"the host is {len(host)} characters long")
    lowered = host.lower()
    if lowered.isascii():
        if not _HOST_NAME.fullmatch(lowered):
            bad = next(c for c in lowered if not _HOST_NAME.fullmatch(c))
            what = "percent-encoding" if bad == "%" else repr(bad)
            return Refusal("invalid_url", f"the host {_show(host)} contains {what}")
        ascii_host = lowered
    else:
        try:
            # UTS 46 mapping, as browsers do: full-width "ｌｏｃａｌｈｏｓｔ" is judged as
            # "localhost", "１２７.０.０.１" as 127.0.0.1.
            ascii_host = idna.encode(lowered, uts46=True).decode("ascii")
        except UnicodeError:  # idna.IDNAError is one
            return Refusal("invalid_url", f"the host {_show(host)} is not a valid domain name")
    trailing_dot = ascii_host.endswith(".")
    name = ascii_host[:-1] if trailing_dot else ascii_host
    labels = name.split(".")
    if not all(labels):
        return Refusal("invalid_url", f"the host {_show(host)} has an empty label")
    if len(name) > _MAX_HOST:
        return Refusal("invalid_url", f"the host is {len(name)} characters long (at most 253)")
    if any(len(label) > _MAX_LABEL for label in labels):
        return Refusal("invalid_url", f"the host {_show(host)} has a label over 63 characters")
    if _NUMBER.fullmatch(labels[-1]):
        return _judge_ipv4(host, labels, exact=host == name, allow_private=allow_private)
    if not lowered.isascii():
        try:
            idna.encode(lowered)  # what httpx sends: without UTS 46 mapping
        except UnicodeError:
            return Refusal(
                "invalid_url",
                f"the host {_show(host)} is not a valid domain name (it reads as {name})",
            )
    suffix = next((s for s in _INTERNAL_SUFFIXES if name == s or name.endswith("." + s)), None)
    if allow_private:
        return None
    if suffix:
        return Refusal("blocked_host", f"{_show(host)} is an internal name (.{suffix})")
    if len(labels) == 1:
        return Refusal("blocked_host", f"{_show(host)} is a single-label (intranet) name")
    return None


def _inet_aton(labels: list[str]) -> ipaddress.IPv4Address | None:
    """The address glibc's inet_aton (and the WHATWG URL parser) reads, or None.

    1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills all the
    bytes the earlier ones left: "127.1" is 127.0.0.1, "2130706433" is 127.0.0.1.
    """
    if len(labels) > 4:
        return None
    values: list[int] = []
    for label in labels:
        if label.startswith("0x"):
            values.append(int(label[2:] or "0", 16))
        elif label.startswith("0") and len(label) > 1:
            if not set(label) <= set("01234567"):
                return None
            values.append(int(label, 8))
        elif _NUMBER.fullmatch(label):
            values.append(int(label))
        else:
            return None
    *head, last = values
    if any(value > 255 for value in head) or last >= 256 ** (5 - len(values)):
        return None
    value = last
    for index, part in enumerate(head):
        value |= part << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _judge_ipv4(
    host: str, labels: list[str], *, exact: bool, allow_private: bool
) -> Refusal | None:
    """A host whose last label is a number: an IPv4 address, or malformed (WHATWG does the same).

    `exact` is False when the host had a trailing dot or non-ASCII characters that map to
    ASCII digits and dots.
    """
    address = _inet_aton(labels)
    if address is None:
        return Refusal(
            "invalid_url", f"the host {_show(host)} ends in a number but is not an IPv4 address"
        )
    if exact and host == str(address):
        return _judge_literal(host, address, allow_private=allow_private)
    verdict = _verdict4(address)
    where = f", in {verdict.network} ({verdict.name})" if verdict else ""
    text = f"{_show(host)} is {address} written {_notation(labels, host)}{where}"
    return Refusal("blocked_address" if verdict else "invalid_url", text)


def _notation(labels: list[str], host: str) -> str:
    """How a non-canonical IPv4 spelling differs from the dotted quad, for the message."""
    how = []
    if not host.isascii():
        how.append("with look-alike Unicode characters")
    if any(label.startswith("0x") for label in labels):
        how.append("in hex")
    if any(label.startswith("0") and len(label) > 1 and label[1] != "x" for label in labels):
        how.append("in octal (leading zeros)")
    if len(labels) == 1:
        how.append("as one 32-bit number")
    elif len(labels) < 4:
        how.append(f"as {len(labels)} parts instead of 4")
    if host.endswith((".", "。", "．", "｡")):
        how.append("with a trailing dot")
    return ", ".join(how) or "in a non-canonical form"
