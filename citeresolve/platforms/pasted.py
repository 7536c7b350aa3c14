"""Where a post pasted as plain text begins: the paragraph logic shared by text-form detectors.

Copied embeds keep their signature line ("— CNN (@CNN) April 1, 2022") but lose the
blockquote; line breaks inside the post become extra blank lines. So a post's body is the
signature's paragraph plus the paragraphs before it that are separated by a wider gap than
the article's usual one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from citeresolve.model import Embed, Span
from citeresolve.platforms.base import hashtags_in, mentions_in

# What: a run of blank lines between paragraphs. Example: "\n\n", "\n \n\n".
# Why linear: one character class repeated, no alternation inside the repetition.
_GAP = re.compile(r"\n[ \t\r\n]*\n")
MAX_BODY_CHARS = 2000  # longer than any pasted post we extend over; stops runaway merges


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """The gaps of one text, computed once per detection run."""

    gaps: tuple[tuple[int, int, int], ...]  # (start, end, newline count)
    usual: int  # the most common gap width in newlines

    @classmethod
    def of(cls, text: str) -> Paragraphs:
        gaps = tuple((m.start(), m.end(), m.group().count("\n")) for m in _GAP.finditer(text))
        counts = Counter(width for _, _, width in gaps)
        usual = counts.most_common(1)[0][0] if counts else 2
        return cls(gaps, usual)

    def start_of(self, pos: int) -> int:
        """Start of the paragraph holding ``pos``."""
        index = self._gap_before(pos)
        return self.gaps[index][1] if index >= 0 else 0

    def post_start(self, pos: int) -> int:
        """Start of a pasted post whose signature sits at ``pos``: join paragraphs split wider."""
        index = self._gap_before(pos)
        start = self.gaps[index][1] if index >= 0 else 0
        while index >= 0 and self.gaps[index][2] > self.usual:
            previous = self.gaps[index - 1][1] if index >= 1 else 0
            if pos - previous > MAX_BODY_CHARS:
                break
            start = previous
            index -= 1
        return start

    def _gap_before(self, pos: int) -> int:
        low, high = 0, len(self.gaps)
        while low < high:
            mid = (low + high) // 2
            if self.gaps[mid][1] <= pos:
                low = mid + 1
            else:
                high = mid
        return low - 1


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def collapse(text: str) -> str:
    """Post text as a reader sees it: paragraphs kept, runs of blank lines shortened."""
    return re.sub(r"\n[ \t\r\n]*\n", "\n\n", text).strip()


def pasted_post(
    platform: str,
    text: str,
    *,
    span: tuple[int, int],
    body: tuple[int, int],
    signature: tuple[int, int],
    handle: str | None,
    name: str | None,
    published: str | None,
) -> Embed:
    """The Embed of a post pasted as text: its whole span, its body and where it is signed."""
    content = collapse(text[body[0] : body[1]]) or None
    return Embed(
        platform=platform,
        form="text",
        span=Span.of(text, *span),
        author_handle=handle,
        author_name=name or None,
        published=published,
        text=content,
        signature=Span.of(text, *signature),
        mentions=mentions_in(content),
        hashtags=hashtags_in(content),
    )
