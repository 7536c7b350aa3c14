"""SSRF policy without DNS: the cases of RELIABILITY.md (a) 1-4, 8, 11, 14, from GitLab's
url_blocker_spec, Synapse's URL-preview tests and Advocate's address validator."""

from __future__ import annotations

import ipaddress
import socket
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.provisional import urls

from citeresolve.resolve.addresses import (
    ALLOWED_PORTS,
    ALLOWED_SCHEMES,
    Refusal,
    blocked_network,
    refuse_address,
    refuse_url,
)

REASONS = {"blocked_address", "blocked_scheme", "blocked_port", "blocked_host", "invalid_url"}


def ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return ipaddress.ip_address(text)


def assert_refused(refusal: Refusal | None, reason: str, *fragments: str) -> None:
    assert refusal is not None, f"expected {reason}, got None"
    assert refusal.reason == reason, refusal
    assert "\n" not in refusal.text and "\r" not in refusal.text, refusal
    for fragment in fragments:
        assert fragment in refusal.text, refusal


def test_constants():
    assert frozenset({"http", "https"}) == ALLOWED_SCHEMES
    assert frozenset({80, 443, 8080, 8443}) == ALLOWED_PORTS


# --- case 1: IP literals ----------------------------------------------------------------------

CASE1 = [
    ("127.0.0.1", "loopback"),
    ("127.0.0.2", "loopback"),
    ("10.0.0.1", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"),  # AWS/GCP/Azure metadata
    ("100.64.0.1", "CGNAT"),
    ("100.100.100.200", "CGNAT"),  # Alibaba metadata
    ("192.0.0.192", "IETF protocol assignments"),  # Oracle metadata; is_global on 3.11.7
    ("0.0.0.0", "unspecified"),
    ("255.255.255.255", "broadcast"),
    ("224.0.0.1", "multicast"),  # is_global on 3.11.7
    ("240.0.0.1", "reserved"),
    ("198.18.0.1", "benchmarking"),
    ("[::1]", "loopback"),
    ("[::]", "unspecified"),
    ("[fe80::1]", "link-local"),
    ("[fe80::1%25eth0]", "link-local"),
    ("[fc00::1]", "unique local"),
    ("[fd00:ec2::254]", "unique local"),  # AWS metadata over IPv6
    ("[ff02::1]", "multicast"),
    # beyond case 1: the rest of the explicit list
    ("0.1.2.3", "this network"),
    ("192.0.2.1", "documentation"),
    ("198.51.100.7", "documentation"),
    ("203.0.113.9", "documentation"),
    ("192.88.99.1", "6to4 relay"),
    ("[2001:db8::1]", "documentation"),
    ("[3fff::1]", "documentation"),
    ("[fec0::1]", "site-local"),
    ("[100::1]", "discard-only"),
    ("[2001:2::1]", "benchmarking"),
    ("[2001:10::1]", "IETF protocol assignments"),
    ("[4000::1]", "reserved"),
    ("[5f00::1]", "segment routing (SRv6)"),
]


@pytest.mark.parametrize(("literal", "name"), CASE1, ids=[c[0] for c in CASE1])
def test_ip_literal_urls_are_refused(literal, name):
    assert_refused(refuse_url(f"http://{literal}/"), "blocked_address", f"({name})")


@pytest.mark.parametrize(("literal", "name"), CASE1, ids=[c[0] for c in CASE1])
def test_resolved_addresses_are_refused(literal, name):
    # getaddrinfo writes a zone as "%eth0", never "%25eth0"
    address = literal.strip("[]").replace("%25", "%")
    assert_refused(refuse_address(address), "blocked_address", f"({name})")
    assert blocked_network(ip(address.partition("%")[0])) == name


def test_link_local_message_names_the_range():
    assert refuse_address("169.254.169.254") == Refusal(
        "blocked_address", "169.254.169.254 is in 169.254.0.0/16 (link-local)"
    )


@pytest.mark.parametrize(
    "address", ["", "localhost", "2130706433", "127.1", "1.2.3.4%eth0", "::1%", "fe80::zz"]
)
def test_refuse_address_fails_closed_on_non_addresses(address):
    assert_refused(refuse_address(address), "blocked_address", "is not an IP address")


# --- case 2: alternative IPv4 notations (GitLab url_blocker_spec) -----------------------------

CASE2 = [
    ("2130706433", "127.0.0.1", "as one 32-bit number"),
    ("017700000001", "127.0.0.1", "in octal"),
    ("0x7f000001", "127.0.0.1", "in hex"),
    ("0x7f.1", "127.0.0.1", "in hex, as 2 parts instead of 4"),
    ("0x7f.0.0.1", "127.0.0.1", "in hex"),
    ("0177.1", "127.0.0.1", "in octal"),
    ("0177.0.0.1", "127.0.0.1", "in octal"),
    ("127.1", "127.0.0.1", "as 2 parts instead of 4"),
    ("127.0.1", "127.0.0.1", "as 3 parts instead of 4"),
    ("127.000.000.001", "127.0.0.1", "in octal"),
    ("0", "0.0.0.0", "as one 32-bit number"),
    ("0377.0377.0377.0377", "255.255.255.255", "in octal"),
    ("0xffffffff", "255.255.255.255", "in hex"),
    ("4294967295", "255.255.255.255", "as one 32-bit number"),
    ("0xff.0xff.0xff.0xff", "255.255.255.255", "in hex"),
    # beyond GitLab's list
    ("0X7F.1", "127.0.0.1", "in hex"),
    ("0x7f.0.1", "127.0.0.1", "in hex"),
    ("0x", "0.0.0.0", "in hex"),
    ("0xa9fea9fe", "169.254.169.254", "in hex"),
    ("169.254.43518", "169.254.169.254", "as 3 parts instead of 4"),
    ("10.1", "10.0.0.1", "as 2 parts instead of 4"),
    ("127.0.0.1.", "127.0.0.1", "with a trailing dot"),
    ("１２７.０.０.１", "127.0.0.1", "with look-alike Unicode characters"),
    ("127。0。0。1", "127.0.0.1", "with look-alike Unicode characters"),
]


@pytest.mark.parametrize("allow_private", [False, True], ids=["default", "allow_private"])
@pytest.mark.parametrize(("host", "address", "how"), CASE2, ids=[c[0] for c in CASE2])
def test_odd_ipv4_notations_are_always_refused(host, address, how, allow_private):
    refusal = refuse_url(f"http://{host}/", allow_private=allow_private)
    assert_refused(refusal, "blocked_address", f"{host} is {address} written", how)


def test_odd_notation_message():
    refusal = refuse_url("http://0x7f.1/")
    assert refusal is not None
    assert refusal.text == (
        "0x7f.1 is 127.0.0.1 written in hex, as 2 parts instead of 4, in 127.0.0.0/8 (loopback)"
    )


ODD_PUBLIC_OR_NOT_IPV4 = [
    ("0x5db8d822", "is 93.184.216.34 written in hex"),  # public address, odd spelling
    ("1572395042", "is 93.184.216.34 written as one 32-bit number"),
    ("93.184.216.034", "is 93.184.216.28 written in octal"),  # inet_aton reads 034 as 28
    ("1.1.1.1.1", "not an IPv4 address"),
    ("256.0.0.1", "not an IPv4 address"),
    ("1.2.3.256", "not an IPv4 address"),
    ("1.2.65536", "not an IPv4 address"),
    ("4294967296", "not an IPv4 address"),
    ("08.0.0.1", "not an IPv4 address"),  # 8 is not an octal digit
    ("0x100.0.0.1", "not an IPv4 address"),
    ("example.123", "not an IPv4 address"),  # WHATWG: a host ending in a number is IPv4
    ("example.0x1", "not an IPv4 address"),
]


@pytest.mark.parametrize("allow_private", [False, True], ids=["default", "allow_private"])
@pytest.mark.parametrize(
    ("host", "fragment"), ODD_PUBLIC_OR_NOT_IPV4, ids=[c[0] for c in ODD_PUBLIC_OR_NOT_IPV4]
)
def test_odd_spellings_of_public_addresses_are_invalid(host, fragment, allow_private):
    assert_refused(
        refuse_url(f"http://{host}/", allow_private=allow_private), "invalid_url", fragment
    )


# --- case 3: IPv6 forms that embed IPv4 -------------------------------------------------------

CASE3 = [
    ("::ffff:127.0.0.1", "IPv4-mapped", "127.0.0.1 in 127.0.0.0/8 (loopback)"),
    ("::ffff:7f00:1", "IPv4-mapped", "127.0.0.1 in 127.0.0.0/8 (loopback)"),
    ("0:0:0:0:0:ffff:169.254.169.254", "IPv4-mapped", "169.254.169.254 in 169.254.0.0/16"),
    ("::ffff:a9fe:a9fe", "IPv4-mapped", "169.254.169.254"),
    ("::ffff:10.0.0.1", "IPv4-mapped", "10.0.0.1 in 10.0.0.0/8 (private)"),
    ("::127.0.0.1", "IPv4-compatible", "127.0.0.1 in 127.0.0.0/8 (loopback)"),
    ("::a9fe:a9fe", "IPv4-compatible", "169.254.169.254"),
    ("::ffff:0:127.0.0.1", "IPv4-translated", "127.0.0.1 in 127.0.0.0/8 (loopback)"),
    ("64:ff9b::a9fe:a9fe", "NAT64", "a gateway to 169.254.169.254 in 169.254.0.0/16"),
    ("64:ff9b::a00:1", "NAT64", "a gateway to 10.0.0.1 in 10.0.0.0/8 (private)"),
    ("64:ff9b::169.254.169.254", "NAT64", "169.254.169.254"),
    ("64:ff9b:1:a9fe:a9:fe00::", "NAT64", "a gateway to 169.254.169.254"),  # RFC 6052 /48 layout
    ("64:ff9b:1::1", "NAT64", "a gateway to"),
    ("2002:a9fe:a9fe::", "6to4", "a tunnel to 169.254.169.254 in 169.254.0.0/16"),
    ("2002:7f00:1::1", "6to4", "a tunnel to 127.0.0.1 in 127.0.0.0/8 (loopback)"),
    # Advocate's Teredo case: server 65.54.227.120, client ~3f57:fdf2 = 192.168.2.13
    (
        "2001:0:4136:e378:8000:63bf:3f57:fdf2",
        "Teredo",
        "server 65.54.227.120, client 192.168.2.13 in 192.168.0.0/16 (private)",
    ),
    # outright: what they embed is public, but they reach IPv4 space we never see
    ("64:ff9b::5db8:d822", "NAT64", "a gateway to 93.184.216.34"),
    ("64:ff9b:1:5db8:d8:2200::", "NAT64", "a gateway to 93.184.216.34"),
    ("2002:5db8:d822::1", "6to4", "a tunnel to 93.184.216.34"),
    ("2001:0:5db8:d822::a247:27dd", "Teredo", "server 93.184.216.34, client 93.184.216.34"),
]


@pytest.mark.parametrize(("literal", "name", "embeds"), CASE3, ids=[c[0] for c in CASE3])
def test_ipv6_forms_embedding_ipv4_are_refused(literal, name, embeds):
    assert blocked_network(ip(literal)) == name
    assert_refused(refuse_url(f"http://[{literal}]/"), "blocked_address", f"({name})", embeds)
    assert_refused(refuse_address(literal), "blocked_address", f"({name})", embeds)


def test_teredo_decoding_matches_cpython():
    address = ipaddress.IPv6Address("2001:0:4136:e378:8000:63bf:3f57:fdf2")
    assert address.teredo == (ip("65.54.227.120"), ip("192.168.2.13"))


EMBEDDED_PUBLIC = ["::ffff:93.184.216.34", "::ffff:0:93.184.216.34", "::93.184.216.34"]


@pytest.mark.parametrize("literal", EMBEDDED_PUBLIC)
def test_mapped_translated_compatible_forms_of_public_addresses_pass(literal):
    assert blocked_network(ip(literal)) is None
    assert refuse_address(literal) is None
    assert refuse_url(f"https://[{literal}]/") is None


# --- case 4: names blocked without DNS --------------------------------------------------------

CASE4 = [
    ("localhost", ".localhost"),
    ("LOCALHOST.", ".localhost"),
    ("LocalHost", ".localhost"),
    ("foo.localhost", ".localhost"),
    ("localhost.localdomain", ".localdomain"),
    ("metadata.google.internal", ".internal"),
    ("printer.local", ".local"),
    ("wiki.intranet", ".intranet"),
    ("db.private", ".private"),
    ("mail.corp", ".corp"),
    ("nas.home", ".home"),
    ("router.lan", ".lan"),
    ("router.home.arpa", ".arpa"),
    ("1.0.0.127.in-addr.arpa", ".arpa"),
    ("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion", ".onion"),
    ("intranet", ".intranet"),
    ("redis", "single-label"),
    ("metadata", "single-label"),
    ("com.", "single-label"),
    ("ｌｏｃａｌｈｏｓｔ.", ".localhost"),  # would be invalid for httpx anyway, see below
]


@pytest.mark.parametrize(("host", "fragment"), CASE4[:-1], ids=[c[0] for c in CASE4[:-1]])
def test_internal_names_are_blocked(host, fragment):
    assert_refused(refuse_url(f"http://{host}/x"), "blocked_host", fragment)
    assert refuse_url(f"http://{host}/x", allow_private=True) is None


def test_full_width_localhost_is_refused_either_way():
    # UTS 46 reads it as "localhost"; httpx's IDNA encoding would reject it
    assert_refused(refuse_url("http://ｌｏｃａｌｈｏｓｔ/"), "invalid_url", "reads as localhost")
    assert_refused(refuse_url("http://ｌｏｃａｌｈｏｓｔ/", allow_private=True), "invalid_url")


# --- case 8: schemes --------------------------------------------------------------------------

CASE8 = [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "gopher://127.0.0.1:70/_SET%20x",
    "ftp://example.com/pub/file",
    "dict://127.0.0.1:11211/stat",
    "ldap://127.0.0.1/",
    "sftp://example.com/",
    "ws://example.com/socket",
    "data:text/html,<script>alert(1)</script>",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "  javascript:alert(1)",
    "\x00javascript:alert(1)",
    "vbscript:msgbox(1)",
    "mailto:desk@example.com",
    "tel:+15555550100",
    "view-source:http://127.0.0.1/",
    "jar:http://example.com/a.jar!/",
    "localhost:8080/admin",  # "localhost" parses as the scheme
]


@pytest.mark.parametrize("allow_private", [False, True], ids=["default", "allow_private"])
@pytest.mark.parametrize("url", CASE8, ids=[repr(u)[1:30] for u in CASE8])
def test_other_schemes_are_blocked(url, allow_private):
    assert_refused(refuse_url(url, allow_private=allow_private), "blocked_scheme", "never fetched")


def test_hidden_whitespace_in_scheme_is_named():
    assert_refused(refuse_url("java\tscript:alert(1)"), "blocked_scheme", "javascript:", "hidden")


# --- case 11: ports ---------------------------------------------------------------------------

BLOCKED_PORTS = [22, 25, 6379, 11211, 2375, 8000, 3306, 1, 65535]


@pytest.mark.parametrize("port", BLOCKED_PORTS)
def test_non_web_ports_are_blocked(port):
    assert_refused(refuse_url(f"http://example.com:{port}/"), "blocked_port", f"port {port}")
    assert refuse_url(f"http://example.com:{port}/", allow_private=True) is None


INVALID_PORTS = ["65536", "99999", "0", "123456", "-1", "+80", "8o", "80.0", "٨٠", "0x50"]


@pytest.mark.parametrize("allow_private", [False, True], ids=["default", "allow_private"])
@pytest.mark.parametrize("port", INVALID_PORTS)
def test_malformed_ports_are_invalid(port, allow_private):
    url = f"http://example.com:{port}/"
    assert_refused(refuse_url(url, allow_private=allow_private), "invalid_url", "port")


ALLOWED_PORT_URLS = [
    "http://example.com/",
    "https://example.com/",
    "http://example.com:80/",
    "https://example.com:443/",
    "http://example.com:8080/",
    "https://example.com:8443/",
    "https://example.com:80/",
    "http://example.com:/",  # empty port means the default (RFC 3986)
    "http://example.com:0080/",
]


@pytest.mark.parametrize("url", ALLOWED_PORT_URLS)
def test_web_ports_pass(url):
    assert refuse_url(url) is None


# --- case 14: malformed -----------------------------------------------------------------------

CASE14 = [
    ("http:/localhost:9201", "no //"),
    ("http:localhost", "no //"),
    ("http:\\\\127.0.0.1\\", "no //"),
    ("http://:8080", "no host"),
    ("http://", "no host"),
    ("http:///path", "no host"),
    ("http://1.1.1.1.1", "not an IPv4 address"),
    ("http://" + "a" * 1025, "1025 characters"),
    ("http://" + "a." * 127 + "com/", "characters long (at most 253)"),
    ("http://" + "a" * 64 + ".com/", "label over 63"),
    ("http://foo.baz.com\x00.example.com/", "NUL byte"),
    ("http://example.com/\r\nX-Injected: 1", "line break"),
    ("http://example.com/%0d%0a\nHost: evil", "line break"),
    ("http://exa\tmple.com/", "a tab"),
    ("http://example.com/a b", "a space"),
    (" http://example.com/", "a space"),
    ("http://example.com/\x7f", "U+007F"),
    ("http://example.com/\u2028", "U+2028"),
    ("http://user:pass@example.com/", "credentials"),
    ("http://user@example.com/", "credentials"),
    ("http://@example.com/", "credentials"),
    ("http://example.com@127.0.0.1/", "credentials"),
    ("http://evil.com\\@127.0.0.1/", "backslash"),
    ("http://[::1", "not a valid [IPv6] host"),
    ("http://[::1]x/", "not a valid [IPv6] host"),
    ("http://[127.0.0.1]/", "not an IPv6 address"),
    ("http://[v1.fe]/", "not an IPv6 address"),
    ("http://[fe80::1%25]/", "invalid IPv6 zone"),
    ("http://[fe80::1%]/", "invalid IPv6 zone"),
    ("http://[fe80::1%25eth%300]/", "invalid IPv6 zone"),
    ("http://fe80::1/", "needs [brackets]"),
    ("http://exa%6dple.com/", "percent-encoding"),
    ("http://%31%32%37.0.0.1/", "percent-encoding"),
    ("http://example!.com/", "'!'"),
    ("http://a..b.com/", "empty label"),
    ("http://.example.com/", "empty label"),
    ("http://example.com../", "empty label"),
    ("https://☃.net/", "not a valid domain name"),
    ("http://ex\u00adample.com/", "reads as example.com"),  # soft hyphen: httpx cannot encode it
    ("http://my_host.bücher.de/", "not a valid domain name"),
    ("example.com/path", "no scheme"),
    ("//127.0.0.1/", "no scheme"),
    ("/relative", "no scheme"),
    ("", "no scheme"),
]


@pytest.mark.parametrize("allow_private", [False, True], ids=["default", "allow_private"])
@pytest.mark.parametrize(("url", "fragment"), CASE14, ids=[repr(c[0])[1:40] for c in CASE14])
def test_malformed_urls_are_invalid(url, fragment, allow_private):
    assert_refused(refuse_url(url, allow_private=allow_private), "invalid_url", fragment)


def test_long_hosts_are_not_echoed_whole():
    refusal = refuse_url("http://" + "a" * 5000 + "/")
    assert refusal is not None and len(refusal.text) < 120


# --- what passes ------------------------------------------------------------------------------

PUBLIC_ADDRESSES = [
    "93.184.216.34",
    "1.1.1.1",
    "8.8.8.8",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:93.184.216.34",
    "100.63.255.255",  # just below CGNAT
    "100.128.0.0",  # just above CGNAT
    "172.15.255.255",  # just below 172.16/12
    "172.32.0.0",  # just above
    "192.169.0.1",
    "169.253.255.255",
    "169.255.0.0",
    "223.255.255.255",  # just below multicast
    "11.0.0.0",
    "9.255.255.255",
    "198.17.255.255",
    "198.20.0.0",
    "192.0.1.255",
    "192.0.3.0",
    "2001:200::1",  # just above 2001::/23
    "2001:4860:4860::8888",
    "2003::1",
]


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_public_addresses_pass(address):
    assert blocked_network(ip(address)) is None
    assert refuse_address(address) is None
    host = f"[{address}]" if ":" in address else address
    assert refuse_url(f"https://{host}/") is None


PUBLIC_URLS = [
    "https://t.co/abc",
    "http://example.com:8080/x",
    "https://bücher.de/",
    "https://BÜCHER.de/",
    "https://xn--bcher-kva.de/",
    "https://EXAMPLE.com./a",
    "HTTPS://www.Example.COM/Path?q=1#frag",
    "https://example.com?q=@127.0.0.1",  # "@" after the authority is not userinfo
    "https://example.com#@127.0.0.1",
    "https://www.bbc.co.uk/news/world-1234",
    "https://my_host.example.com/",  # httpx sends underscores as they are
    "https://" + ("a" * 63 + ".") * 3 + "b" * 61 + "/",  # 253 characters
    "https://0x7f.example.com/",  # only a number as the LAST label makes an IPv4 host
    "https://127.0.0.1.nip.io/",  # a name: its resolved address is checked after DNS
    "https://例え.jp/",
    "https://例え。jp/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS, ids=[u[:50] for u in PUBLIC_URLS])
def test_public_urls_pass(url):
    assert refuse_url(url) is None


# --- allow_private ----------------------------------------------------------------------------

LIFTED_BY_ALLOW_PRIVATE = [
    ("http://127.0.0.1:8765/x", "blocked_address"),
    ("http://localhost:5000", "blocked_host"),
    ("http://[::1]:8000/", "blocked_address"),
    ("http://10.0.0.1/", "blocked_address"),
    ("http://169.254.169.254/latest/meta-data/", "blocked_address"),
    ("http://[fc00::1]/", "blocked_address"),
    ("http://[fe80::1%25eth0]:8080/", "blocked_address"),
    ("http://[::ffff:127.0.0.1]/", "blocked_address"),
    ("http://redis:6379/", "blocked_host"),
    ("http://example.com:22/", "blocked_port"),
]


@pytest.mark.parametrize(("url", "reason"), LIFTED_BY_ALLOW_PRIVATE)
def test_allow_private_lifts_canonical_private_targets(url, reason):
    assert_refused(refuse_url(url), reason)
    assert refuse_url(url, allow_private=True) is None


NOT_LIFTED = [
    ("http://0.0.0.0/", "blocked_address"),  # never a destination (Synapse)
    ("http://[::]/", "blocked_address"),
    ("http://0.0.0.0:8080/", "blocked_address"),
    ("http://127.1:8765/", "blocked_address"),
    ("http://2130706433/", "blocked_address"),
    ("http://0x5db8d822/", "invalid_url"),
    ("file:///etc/passwd", "blocked_scheme"),
    ("http://user:pass@127.0.0.1/", "invalid_url"),
    ("http://127.0.0.1:99999/", "invalid_url"),
]


@pytest.mark.parametrize(("url", "reason"), NOT_LIFTED)
def test_allow_private_does_not_lift(url, reason):
    assert_refused(refuse_url(url, allow_private=True), reason)


# --- which refusal wins -----------------------------------------------------------------------

PRECEDENCE = [
    ("ftp://user:pass@127.0.0.1:22/", "blocked_scheme"),
    ("http://127.0.0.1:22/", "blocked_address"),  # the target matters more than the port
    ("http://localhost:22/", "blocked_host"),
    ("http://2130706433:22/", "blocked_address"),
    ("http://0x7f.1:99999/", "invalid_url"),  # malformed beats everything but the scheme
    ("http://localhost:99999/", "invalid_url"),
    ("http://user@localhost/", "invalid_url"),
]


@pytest.mark.parametrize(("url", "reason"), PRECEDENCE)
def test_precedence(url, reason):
    assert_refused(refuse_url(url), reason)


# --- properties -------------------------------------------------------------------------------

# Re-derived independently of the module: first and last address of every blocked IPv4 range.
V4_BLOCKED = [
    (int(ipaddress.IPv4Address(first)), int(ipaddress.IPv4Address(last)))
    for first, last in [
        ("0.0.0.0", "0.255.255.255"),
        ("10.0.0.0", "10.255.255.255"),
        ("100.64.0.0", "100.127.255.255"),
        ("127.0.0.0", "127.255.255.255"),
        ("169.254.0.0", "169.254.255.255"),
        ("172.16.0.0", "172.31.255.255"),
        ("192.0.0.0", "192.0.0.255"),
        ("192.0.2.0", "192.0.2.255"),
        ("192.88.99.0", "192.88.99.255"),
        ("192.168.0.0", "192.168.255.255"),
        ("198.18.0.0", "198.19.255.255"),
        ("198.51.100.0", "198.51.100.255"),
        ("203.0.113.0", "203.0.113.255"),
        ("224.0.0.0", "255.255.255.255"),  # multicast, reserved, broadcast
    ]
]


def v4_public(value: int) -> bool:
    return not any(first <= value <= last for first, last in V4_BLOCKED)


def v6_public(value: int) -> bool:
    """The IPv6 policy restated on integers: global unicast minus its special blocks, plus the
    mapped/translated/compatible spellings of public IPv4."""
    if value in (0, 1):
        return False
    if value >> 32 in (0, 0xFFFF, 0xFFFF_0000):
        return v4_public(value & 0xFFFFFFFF)
    if value >> 125 != 0b001:  # outside 2000::/3
        return False
    first, second = value >> 112, (value >> 96) & 0xFFFF
    if first == 0x2002 or (first == 0x2001 and (second < 0x200 or second == 0xDB8)):
        return False  # 6to4, 2001::/23 (Teredo, benchmarking, ORCHID...), documentation
    return value >> 108 != 0x3FFF0  # 3fff::/20 documentation


@given(st.ip_addresses(v=4))
def test_ipv4_agrees_with_the_independent_table(address):
    assert (blocked_network(address) is None) == v4_public(int(address))


@given(st.ip_addresses(v=6))
def test_ipv6_agrees_with_the_integer_restatement(address):
    assert (blocked_network(address) is None) == v6_public(int(address))


@given(st.ip_addresses())
def test_literal_urls_and_resolved_addresses_agree_with_blocked_network(address):
    blocked = blocked_network(address) is not None
    host = f"[{address}]" if address.version == 6 else str(address)
    url_refusal = refuse_url(f"https://{host}/")
    address_refusal = refuse_address(str(address))
    assert (url_refusal is not None) == blocked
    assert (address_refusal is not None) == blocked
    if blocked:
        assert url_refusal == address_refusal


blocked_ipv4 = st.sampled_from(V4_BLOCKED).flatmap(lambda r: st.integers(*r))


@given(blocked_ipv4)
def test_every_ipv6_spelling_of_a_blocked_ipv4_is_blocked(value):
    spellings = {
        "IPv4-mapped": 0xFFFF << 32 | value,
        "IPv4-translated": 0xFFFF << 48 | value,
        "NAT64": 0x64FF9B << 96 | value,
        "NAT64 /48": (0x64FF9B0001 << 80) | (value >> 16) << 64 | (value & 0xFFFF) << 40,
        "6to4": 0x2002 << 112 | value << 80,
        "Teredo client": 0x20010000 << 96 | (~value & 0xFFFFFFFF),
        "Teredo server": 0x20010000 << 96 | value << 64,
        "IPv4-compatible": value,
    }
    for form, spelling in spellings.items():
        address = ipaddress.IPv6Address(spelling)
        assert blocked_network(address) is not None, (form, address)
        assert refuse_address(str(address)) is not None, (form, address)


@given(st.integers(0, 2**32 - 1))
def test_every_ipv4_spelled_as_one_number_is_refused(value):
    for host in (str(value), hex(value), "0" + oct(value)[2:]):
        refusal = refuse_url(f"http://{host}/", allow_private=True)
        address = str(ipaddress.IPv4Address(value))
        assert refusal is not None and f"is {address} written" in refusal.text, (host, refusal)
        expected = "invalid_url" if v4_public(value) else "blocked_address"
        assert refusal.reason == expected


numeric_part = st.one_of(
    st.integers(0, 2**32).map(str),
    st.integers(0, 2**32).map(lambda n: "0" + oct(n)[2:]),
    st.integers(0, 2**32).map(hex),
    st.integers(0, 2**32).map(lambda n: "0X" + hex(n)[2:].upper()),
    st.from_regex(r"0[0-9]{1,12}", fullmatch=True),  # leading zero, maybe an 8 or 9 in it
)


@given(st.lists(numeric_part, min_size=1, max_size=5).map(".".join))
def test_numeric_hosts_decode_like_glibc_inet_aton(host):
    # socket.inet_aton is libc's parser, pure string work: the independent oracle here
    try:
        expected = socket.inet_ntoa(socket.inet_aton(host))
    except OSError:
        expected = None
    refusal = refuse_url(f"http://{host}/", allow_private=True)
    if expected is None:
        assert_refused(refusal, "invalid_url", "not an IPv4 address")
    elif host == expected:
        assert refusal is None or refusal.text.endswith("(unspecified)")
    else:
        assert refusal is not None and f"is {expected} written" in refusal.text, (host, refusal)


@given(st.text())
def test_refuse_url_never_raises_on_text(text):
    for url in (text, "http://" + text, "https://[" + text + "]/"):
        refusal = refuse_url(url)
        assert refusal is None or (refusal.reason in REASONS and "\n" not in refusal.text)


@given(urls())
def test_refuse_url_on_generated_urls(url):
    refusal = refuse_url(url)
    assert refusal is None or refusal.reason in REASONS


@pytest.mark.parametrize(
    "url",
    [
        "http://" + "0x" * 100_000,
        "http://" + "a." * 100_000 + "com/",
        "http://" + "1." * 100_000 + "1/",
        "http://[" + ":" * 100_000 + "]/",
        "http://example.com:" + "9" * 100_000 + "/",
        "http://" + "ü" * 100_000 + "/",
        "a" * 100_000 + ":",
        "http" + "\t" * 100_000 + "://x",
        "http://example.com/" + "a/" * 500_000,
    ],
    ids=["hex", "labels", "numbers", "colons", "port", "unicode", "scheme", "tabs", "path"],
)
def test_adversarial_sizes_finish_quickly(url):
    started = time.perf_counter()
    refusal = refuse_url(url)
    assert refusal is None or refusal.reason in REASONS
    assert time.perf_counter() - started < 1.0
