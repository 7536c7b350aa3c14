"""Bare URLs: web addresses written out in plain text, with or without ``http(s)://``."""

# The rules follow twitter-text's autolinker (extractUrl and its conformance cases),
# re-implemented as one fast candidate regex plus small hand-written scanners, so that
# every step is linear in the length of the text. Where this module departs from
# twitter-text, it says so below; the choices for ambiguous cases are:
#
# * Scheme-less hosts must end in a TLD from tlds.txt (the IANA root zone).
# * A scheme-less host of exactly two labels under a two-letter country-code TLD
#   (``foo.jp``, ``main.py``, ``README.md``, ``run.sh``, ``bücher.de``) needs a path,
#   a query or a fragment, except under ``.co`` and ``.tv`` (``vine.co``, ``MLB.tv``):
#   twitter-text's rule. ``bbc.co.uk`` (three labels) needs none.
# * Departure: a scheme-less host with no path whose TLD is one of the file-extension
#   gTLDs ``.zip`` and ``.mov`` (``archive.zip``, ``clip.mov``) is not a URL;
#   ``https://archive.zip`` and ``archive.zip/x`` are.
# * Departure: a scheme-less host whose TLD is capitalised but not all upper case is
#   a missing space after a full stop, not a URL (``great.Today``, ``U.S.Army``).
# * A path, query or fragment keeps letters of every script except those written
#   without spaces between words (CJK, kana, Hangul), where the URL is usually followed
#   directly by prose; scheme-less hosts take Latin, Greek and Cyrillic letters only,
#   for the same reason (twitter-text takes only Latin ones).
# * A trailing ``)``, ``]`` or ``}`` is kept when the URL holds at least as many of the
#   matching openers (``/wiki/Foo_(bar)``), dropped otherwise (``(see x.com/a)``); a
#   closer inside the URL is kept as written (twitter-text would stop there).
# * A URL ends on a letter, digit, mark, or one of ``+ - = _ # / &`` or a kept closer:
#   twitter-text's valid path ending characters. Anything else at the end is dropped.
# * Departure: a query or fragment right after the host counts as a path
#   (``foo.jp?id=1``, ``example.com#top``).
# * ``t.co`` links end after their alphanumeric slug (``t.co/abc's`` gives ``t.co/abc``)
#   and slugs longer than 40 characters are rejected, as in twitter-text.
# * URLs longer than 4096 characters are rejected, as in twitter-text.
# * In ``url`` the scheme is lower-cased (``HTTP://X.COM`` gives ``http://X.COM``).
# * No IP-address hosts, no other schemes (``ftp://``), no userinfo
#   (``https://user:pass@host`` gives nothing).

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from importlib.resources import files
from typing import NamedTuple

__all__ = ["BareUrl", "find_bare_urls"]


class BareUrl(NamedTuple):
    """A URL found in a text."""

    start: int  # offset into the text
    end: int  # text[start:end] is the URL exactly as written
    url: str  # absolute URL: the text with "https://" prepended when it had no scheme


def _load_tlds() -> frozenset[str]:
    """The top-level domains listed in tlds.txt, lower case, both punycode and Unicode."""
    listing = files("citeresolve.detect").joinpath("tlds.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower()
        for line in listing.splitlines()
        if line.strip() and not line.startswith("#")
    )


TLDS = _TLDS = _load_tlds()  # public: the attribution matcher reads sites' names too
# What: a last label that is not in the root zone but could be a name. Example: "example".
# Why linear: one bounded class run.
_UNLISTED_TLD = re.compile(r"[A-Za-z]{2,63}")
# What: a dotted-quad IPv4 host. Example: "192.168.0.1". Why linear: fixed repetition of a
# bounded digit run and a literal dot.
_IPV4 = re.compile(r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}")
_MAX_TLD_LEN = max(map(len, _TLDS))
_SHORT_DOMAIN_CCTLDS = frozenset({"co", "tv"})
_FILE_EXTENSION_TLDS = frozenset({"zip", "mov"})
_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40
_MAX_HOST_LENGTH = 253
_MAX_LABEL_LENGTH = 63

# Letters and digits a scheme-less host is made of: ASCII, Latin-1 and Latin Extended
# letters, combining diacritics, Greek, Cyrillic and Latin Extended Additional; the same
# ranges as a regex class and as a set (the candidate scan tests characters one by one).
_HOST_RANGES = (
    (0x30, 0x39),
    (0x41, 0x5A),
    (0x61, 0x7A),
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x24F),
    (0x300, 0x36F),
    (0x370, 0x3FF),
    (0x400, 0x52F),
    (0x1E00, 0x1EFF),
)
_HOST_LETTERS = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in _HOST_RANGES)
_HOST_LETTER_SET = frozenset(chr(c) for low, high in _HOST_RANGES for c in range(low, high + 1))
_HOST_RUN_CHARS = _HOST_LETTER_SET | {"_", "-"}  # what a host's first label is made of

# Scheme in any letter case, spelled out rather than using re.IGNORECASE (under which
# [a-z] would also match the Kelvin sign and the long s).
_SCHEME = r"[Hh][Tt][Tt][Pp][Ss]?://"
# Cannot backtrack catastrophically: literal classes and one optional class.
_SCHEME_AT = re.compile(_SCHEME)
# Matches the rest of a scheme-less host candidate after its first dot: host characters
# and dots, up to an embedded scheme ("e.g." in "e.g.http://x.com"). Cannot backtrack
# catastrophically: each step consumes one character behind a fixed-width lookahead.
_HOST_TAIL = re.compile(rf"(?:(?!{_SCHEME})[{_HOST_LETTERS}._\-])*")


class _Candidates:
    """The next places a URL could begin, in text order, none overlapping the last:

    * scheme: "http://" or "https://" in any case, e.g. "HTTPS://" in "(HTTPS://x.com)";
    * host: a maximal run of scheme-less host characters (_HOST_LETTERS, ".", "-", "_")
      that starts with a letter or digit, holds a dot and stops before an embedded scheme,
      e.g. "pic.twitter.com" in "pic.twitter.com/6cUPyB9YqA", "e.g." in "e.g.http://x.com".

    Every host has a dot: the scan goes from dot to dot (str.find) and reads back over the
    run before each, so most words cost nothing; a regex trying a host at every position
    of the text cost most of link detection. Linear: each dot and each run is read once.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._scheme = _SCHEME_AT.search(text)  # the next scheme, kept until passed

    def after(self, pos: int) -> tuple[str, int, int] | None:
        """(kind, start, end) of the first candidate starting at ``pos`` or later."""
        scheme = self._scheme
        if scheme is not None and scheme.start() < pos:
            scheme = self._scheme = _SCHEME_AT.search(self._text, pos)
        limit = len(self._text) if scheme is None else scheme.start()
        host = self._host(pos, limit)
        if host is not None:
            return host
        return None if scheme is None else ("scheme", scheme.start(), scheme.end())

    def _host(self, pos: int, limit: int) -> tuple[str, int, int] | None:
        """The first host candidate starting in [pos, limit)."""
        text = self._text
        dot = text.find(".", pos)
        while dot >= 0:
            start = dot
            while start > 0 and text[start - 1] in _HOST_RUN_CHARS:
                start -= 1
            if start >= limit:
                return None
            if (
                start < dot
                and start >= pos
                and text[start] in _HOST_LETTER_SET
                and text[start - 1 : start] != "."
            ):
                return "host", start, _match_end(_HOST_TAIL, text, dot + 1)
            dot = text.find(".", dot + 1)
        return None


# Characters that end a host after "http(s)://": whitespace, ASCII punctuation other
# than "-", "." and "_", Latin-1 punctuation and symbols, the general, supplemental and
# CJK punctuation blocks, fullwidth punctuation, and non-characters.
_HOST_STOP = (
    r"\s\x00-\x2c/\x3a-\x40\x5b-\x5e`\x7b-\xbf\xd7\xf7\u2000-\u206f\u2e00-\u2e7f"
    r"\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
    r"\uff5b-\uff65\ufeff\ufff0-\uffff\ud800-\udfff"
)

# Matches the run of characters after "http(s)://" that may belong to its host,
# e.g. "✪df.ws" in "http://✪df.ws/ejp", "foobar.みんな" in "http://foobar.みんな/",
# "twitter.comこれは" in "http://twitter.comこれは" (the host is cut to a known TLD later).
# Cannot backtrack catastrophically: one negated character class under one star,
# used with .match() at a fixed position.
_SCHEME_HOST = re.compile(rf"[^{_HOST_STOP}]*")

# Characters that end a path, query or fragment: whitespace and ASCII controls,
# '"', "<", ">", "\", "^", "`"; Latin-1 punctuation and symbols; general punctuation
# (quotes, dashes, "…") except the en dash; arrows, mathematical and technical symbols,
# box drawing, shapes, dingbats; supplemental punctuation; CJK, kana and Hangul (scripts
# written without spaces); private use; fullwidth forms; specials; emoji; CJK extensions.
_TAIL_STOP = (
    r"\s\x00-\x1f\x7f\"<>\\^`\x80-\xbf\xd7\xf7\u2000-\u2012\u2014-\u206f"
    r"\u2190-\u2bff\u2e00-\u2e7f\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7ff\ud800-\udfff"
    r"\ue000-\uf8ff\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe6f\ufeff\uff00-\uffef"
    r"\ufff0-\uffff\U0001f000-\U0001faff\U00020000-\U0003ffff"
)

# Matches a path, query and fragment as far as they can reach, from the "/", "?" or "#"
# after the host, e.g. "/wiki/Foo_(bar)." in "https://en.wikipedia.org/wiki/Foo_(bar). "
# (the trailing "." is dropped later). Cannot backtrack catastrophically: one negated
# character class under one star, used with .match() at a fixed position.
_TAIL = re.compile(rf"[^{_TAIL_STOP}]*")

# Matches a port: ":" and one to five digits not followed by a letter or digit,
# e.g. ":8080" in "example.com:8080/x". Cannot backtrack catastrophically: a bounded
# repeat of one class and a one-character lookahead.
_PORT = re.compile(r":[0-9]{1,5}(?![0-9A-Za-z])")

# Matches userinfo after a would-be host: ":", up to 256 characters that are not
# whitespace, "/", "?", "#" or "@", then "@", e.g. ":pass@" in "https://user.name:pass@h".
# Cannot backtrack catastrophically: a bounded repeat of one class, so at most 256 steps.
_USERINFO = re.compile(r":[^\s/?#@]{0,256}@")

# Matches a t.co slug: ASCII letters and digits, e.g. "pbY2NfTZ" in "t.co/pbY2NfTZ's".
# Cannot backtrack catastrophically: one character class under one star.
_TCO_SLUG = re.compile(r"[0-9A-Za-z]*")

# Characters after which a URL does not start: "@" and "#" (also fullwidth, U+FF20 and
# U+FF03) and "$" mark mentions, hashtags and cashtags; a scheme-less host also may not
# follow "/", ".", "-" or "_" (``path/x.com``, ``.hidden.com``).
_NOT_BEFORE_SCHEME = frozenset("@\uff20$#\uff03")
_NOT_BEFORE_HOST = _NOT_BEFORE_SCHEME | frozenset("/.-_")
_ENDING_ASCII = frozenset("+-=_#/&0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_OPENERS = "([{"
_CLOSERS = ")]}"  # _CLOSERS[i] closes _OPENERS[i]


def find_bare_urls(text: str) -> Iterator[BareUrl]:
    """The URLs written out in ``text``, in order, not overlapping.

    Finds ``http://`` and ``https://`` URLs and scheme-less ones whose host ends in
    a known top-level domain; trailing punctuation and unbalanced closing brackets are
    left out. Linear in ``len(text)``; never raises.

    >>> text = "Fire at Belgorod. https://t.co/eXAp9sjZyI pic.twitter.com/6cUPyB9YqA — Aldin"
    >>> [(u.start, u.end, u.url) for u in find_bare_urls(text)]
    [(18, 41, 'https://t.co/eXAp9sjZyI'), (42, 68, 'https://pic.twitter.com/6cUPyB9YqA')]
    >>> [u.url for u in find_bare_urls("(see en.wikipedia.org/wiki/Foo_(bar)), e.g. a@b.com")]
    ['https://en.wikipedia.org/wiki/Foo_(bar)']
    """
    if "." not in text:  # every host has a dot
        return
    pos = 0
    candidates = _Candidates(text)
    while (found := candidates.after(pos)) is not None:
        kind, start, match_end = found
        before = text[start - 1] if start else " "
        if kind == "scheme":
            host_start = match_end
            pos = host_start  # on rejection, rescan the host as plain text
            if before in _NOT_BEFORE_SCHEME or (before.isascii() and before.isalnum()):
                continue
            host_run = _match_end(_SCHEME_HOST, text, host_start)
            host_len, tld = _host(text[host_start:host_run], with_scheme=True)
            if not host_len:
                continue
            host_end = host_start + host_len
            end, resume, _ = _extent(text, host_end, text[host_start:host_end])
            pos = resume
            if end < 0 or end - start > _MAX_URL_LENGTH:
                continue
            scheme = text[start:host_start].lower()
            yield BareUrl(start, end, scheme + text[host_start:end])
        else:
            pos = match_end
            if before in _NOT_BEFORE_HOST or before in _HOST_LETTER_SET:
                continue
            host_len, tld = _host(text[start:match_end], with_scheme=False)
            if not host_len:
                continue
            host_end = start + host_len
            host = text[start:host_end]
            end, resume, has_path = _extent(text, host_end, host)
            if (
                end < 0
                or end - start + len("https://") > _MAX_URL_LENGTH
                or not _schemeless_ok(host, tld, has_path=has_path)
            ):
                pos = max(pos, resume)
                continue
            pos = resume
            yield BareUrl(start, end, "https://" + text[start:end])


def _match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where a match of ``pattern`` (which also matches the empty string) at ``pos`` ends."""
    found = pattern.match(text, pos)
    return pos if found is None else found.end()


def _host(run: str, *, with_scheme: bool) -> tuple[int, str]:
    """Length of the valid host at the start of ``run`` and its TLD, or ``(0, "")``.

    ``run`` is a run of host characters; the host is cut at the end of a known TLD
    when the run goes on with something that is not an ASCII letter or digit
    (``domain.com-that-you`` gives ``domain.com``, ``twitter.comこれ`` ``twitter.com``).
    """
    host = run.rstrip(".")
    dot = host.rfind(".")
    if dot <= 0:
        return 0, ""
    tld = host[dot + 1 :]
    if tld.lower() not in _TLDS:
        cut = _tld_prefix(tld)
        if not cut and with_scheme and (_UNLISTED_TLD.fullmatch(tld) or _IPV4.fullmatch(host)):
            # Departure from twitter-text: after "http://" a reserved name (.example, .test,
            # .internal) or an IPv4 address is still a host; the link is reported, and the
            # resolver decides whether to follow it.
            cut = len(tld)
        if not cut:
            return 0, ""
        tld = tld[:cut]
        host = host[: dot + 1 + cut]
    if len(host) > _MAX_HOST_LENGTH:
        return 0, ""
    labels = host.split(".")
    last = len(labels) - 1
    for index, label in enumerate(labels[:last]):
        # Underscores only in subdomains, not in the registered name before the TLD.
        if not _valid_label(label, underscore=index < last - 1, symbols=with_scheme):
            return 0, ""
    return len(host), tld


def _tld_prefix(label: str) -> int:
    """Length of the longest known TLD that starts ``label`` and is followed by a
    character other than an ASCII letter or digit, or 0."""
    for cut in range(min(len(label) - 1, _MAX_TLD_LEN), 0, -1):
        follower = label[cut]
        if follower.isascii() and follower.isalnum():
            continue
        if label[:cut].lower() in _TLDS:
            return cut
    return 0


def _valid_label(label: str, *, underscore: bool, symbols: bool) -> bool:
    """Whether ``label`` is a host label: letters, digits and marks (and other symbols,
    like "✪", when ``symbols``), with inner hyphens (and underscores when ``underscore``)."""
    if not 0 < len(label) <= _MAX_LABEL_LENGTH or label[0] in "-_" or label[-1] in "-_":
        return False
    if not underscore and "_" in label:
        return False
    core = label.replace("-", "").replace("_", "")
    if core.isalnum():
        return True
    allowed = ("M", "So") if symbols else ("M",)
    return all(char.isalnum() or unicodedata.category(char).startswith(allowed) for char in core)


def _extent(text: str, host_end: int, host: str) -> tuple[int, int, bool]:
    """The end of the URL whose host ends at ``host_end``, where to resume scanning,
    and whether the URL has a path, query or fragment. The end is -1 when the host
    turns out to be userinfo or part of an e-mail address."""
    size = len(text)
    at = host_end
    if at < size and text[at] == "@":
        return -1, at, False
    if at < size and text[at] == ":":
        if _USERINFO.match(text, at):
            return -1, at, False
        port = _PORT.match(text, at)
        if port:
            at = port.end()
    if at >= size or text[at] not in "/?#":
        return at, at, False
    tail_end = _match_end(_TAIL, text, at)
    end = _trim(text, at, tail_end)
    # Between end and tail_end there is no letter or digit, so no URL can start there:
    # resuming at end rescans at most that stretch once.
    if end > at + 1 and text[at] == "/" and host.lower() == "t.co":
        slug_end = _match_end(_TCO_SLUG, text, at + 1)
        if slug_end - (at + 1) > _MAX_TCO_SLUG_LENGTH:
            return -1, end, False
        if slug_end > at + 1:
            # As in twitter-text, what follows the slug is skipped, not rescanned.
            return slug_end, end, True
    return end, end, end > at


def _trim(text: str, start: int, end: int) -> int:
    """``end`` moved back over characters a URL cannot end with (``.,;:!?'"`` and the
    like, and closing brackets the URL does not open)."""
    tail = text[start:end]
    opened = [tail.count(opener) for opener in _OPENERS]
    closed = [tail.count(closer) for closer in _CLOSERS]
    while end > start:
        char = text[end - 1]
        kind = _CLOSERS.find(char)
        if kind >= 0:
            if closed[kind] <= opened[kind]:
                break  # balanced: "/wiki/Foo_(bar)" keeps its ")"
            closed[kind] -= 1
        elif _can_end(char):
            break
        elif (kind := _OPENERS.find(char)) >= 0:
            opened[kind] -= 1
        end -= 1
    return end


def _can_end(char: str) -> bool:
    """Whether a URL may end with ``char``: a letter, digit or mark, or ``+-=_#/&``."""
    if char.isascii():
        return char in _ENDING_ASCII
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _schemeless_ok(host: str, tld: str, *, has_path: bool) -> bool:
    """The extra conditions on a host written without a scheme."""
    if tld != tld.lower() and tld != tld.upper():  # "great.Today": a missing space
        return False
    if has_path:
        return True
    folded = tld.lower()
    if folded in _FILE_EXTENSION_TLDS:
        return False
    is_cctld = len(folded) == 2 and folded.isascii() and folded.isalpha()
    return not (is_cctld and host.count(".") == 1 and folded not in _SHORT_DOMAIN_CCTLDS)
