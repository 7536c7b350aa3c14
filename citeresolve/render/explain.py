"""``audit --explain``: every outlet mention the detector weighed, and the rule that decided it.

So a user can see why an outlet was missed ("no cue in reach", "outside the article") as
plainly as why one was credited ("before": a cue before the name, "inverted", "credit"...).
"""

from __future__ import annotations

import json

from citeresolve.detect import Candidate
from citeresolve.document import Document

CONTEXT = 40  # characters of text shown either side of a mention


def explain_text(doc: Document, candidates: tuple[Candidate, ...]) -> str:
    """One line a mention: offset, verdict, name, outlet, rule, and the words around it."""
    lines = [f"{doc.source}: {len(candidates)} candidate mention(s)"]
    for candidate in candidates:
        verdict = "credited" if candidate.credited else "dropped "
        outlet = candidate.outlet_id or "-"
        lines.append(
            f"  {candidate.span.start:>7}  {verdict}  {candidate.name!r} ({outlet})  "
            f"[{candidate.rule}]  …{_context(doc.text, candidate)}…"
        )
    return "\n".join(lines) + "\n"


def explain_json(doc: Document, candidates: tuple[Candidate, ...]) -> str:
    """The same as JSON: {source, candidates: [{name, outlet, start, end, credited, rule}]}."""
    return (
        json.dumps(
            {
                "source": doc.source,
                "candidates": [
                    {
                        "name": c.name,
                        "outlet": c.outlet_id,
                        "start": c.span.start,
                        "end": c.span.end,
                        "credited": c.credited,
                        "rule": c.rule,
                        "context": _context(doc.text, c),
                    }
                    for c in candidates
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _context(text: str, candidate: Candidate) -> str:
    start = max(0, candidate.span.start - CONTEXT)
    return " ".join(text[start : candidate.span.end + CONTEXT].split())
