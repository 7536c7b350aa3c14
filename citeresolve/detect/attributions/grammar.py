"""Cues around a mention: the phrase before it, the verb after it, bylines and datelines."""

from __future__ import annotations

import re

from citeresolve.detect import cues
from citeresolve.detect.attributions.mentions import Mention
from citeresolve.model import AttributionKind, Span

LEFT_WINDOW = 80
RIGHT_WINDOW = 80

# --- Cues ------------------------------------------------------------------------------------


def cue_around(
    text: str, start: int, end: int, *, left_anchor: int | None = None
) -> tuple[Span, AttributionKind] | None:
    """A cue phrase right before [start, end) or a reporting verb right after it.

    ``left_anchor`` lets a descriptor stand between cue and name: "according to Russian
    state news agency TASS".
    """
    anchor = start if left_anchor is None else left_anchor
    window = text[max(0, anchor - LEFT_WINDOW) : anchor]
    left = cues.LEFT_CUE.search(window)
    if left:
        kind = next(
            cues.LEFT_CUE_KINDS[k]
            for k, v in left.groupdict().items()
            if v and k in cues.LEFT_CUE_KINDS
        )
        cue_start = anchor - len(window) + left.start("cue")
        return Span.of(text, cue_start, end), kind
    right = cues.RIGHT_CUE.match(text, end, min(len(text), end + RIGHT_WINDOW))
    if right:
        if right["byline"]:
            return Span.of(text, start, right.end()), AttributionKind.BYLINE
        return Span.of(text, start, right.end()), AttributionKind.REPORT
    return None


# What: a byline line up to the outlet's name. Example: "By Jane Doe, " before "Associated Press".
# Why linear: anchored at the line start, one bounded lazy run without newlines, literals.
_BYLINE = re.compile(r"^[ \t]*By [^\n]{1,80}?(?:,| \||\s[-–—]) ?(?:and )?(?:the |The )?$")


def byline(text: str, mention: Mention) -> tuple[Span, AttributionKind] | None:
    """ "By Jane Doe, Associated Press", "By JANE DOE | Reuters": the story's own credit."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    if mention.start - line_start > 100:
        return None
    match = _BYLINE.match(text[line_start : mention.start])
    if match is None:
        return None
    start = line_start + len(match.group()) - len(match.group().lstrip(" \t"))
    return Span.of(text, start, mention.end), AttributionKind.BYLINE


def dateline(text: str, mention: Mention) -> tuple[Span, AttributionKind] | None:
    """ "(Reuters) -", "WASHINGTON (AP) —": the outlet in parentheses, then a dash."""
    if mention.start == 0 or text[mention.start - 1] != "(":
        return None
    after = re.match(r"\)\s{0,2}[-–—]", text[mention.end : mention.end + 5])
    if not after:
        return None
    return Span.of(text, mention.start - 1, mention.end + after.end()), AttributionKind.DATELINE
