"""Frozen value types shared by the pipeline: spans, findings of detection, graph parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

JSON = Any  # a value json.dumps accepts; kept loose on purpose (mypy has no recursive JSON type)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A stretch of ``Document.text``; ``text`` is kept so evidence can be checked without the doc.

    >>> Span(0, 3, "CNN").to_dict()
    {'start': 0, 'end': 3, 'text': 'CNN'}
    """

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or self.end - self.start != len(self.text):
            raise ValueError(f"inconsistent span {self.start}:{self.end} for {self.text!r}")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(start, end, text[start:end])

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end and self.end > self.start

    def to_dict(self) -> dict[str, JSON]:
        return {"start": self.start, "end": self.end, "text": self.text}


class AttributionKind(StrEnum):
    """How the article leans on an outlet (DESIGN §3 edge ``kind``)."""

    REPORT = "report"
    DATELINE = "dateline"
    BYLINE = "byline"
    QUOTE = "quote"
    INTERVIEW = "interview"
    IMAGE_CREDIT = "image_credit"
    VIA = "via"


@dataclass(frozen=True, slots=True)
class Embed:
    """An embedded social-media post, as far as the markup or the pasted text tells."""

    platform: str
    form: str  # which markup carried it: "blockquote", "iframe", "amp", "script", "text", ...
    span: Span  # the whole embed in Document.text (zero-width for iframes and scripts)
    url: str | None = None
    post_id: str | None = None
    author_handle: str | None = None
    author_name: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    text: str | None = None
    signature: Span | None = None  # where the author is named, e.g. "— CNN (@CNN) April 1, 2022"
    mentions: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue that credits an outlet (named, from the registry) or an unnamed one."""

    span: Span  # the whole cue: "according to Reuters", "Image via The Guardian/Shutterstock"
    kind: AttributionKind
    name: str  # the outlet as written: "Reuters", "a French newspaper"
    outlet_id: str | None  # registry id; None for unnamed and unregistered outlets
    name_span: Span
    unregistered: bool = False  # a publication named in the text but not in the registry
    lang: str = "und"  # BCP 47 of the sentence it was found in; "und" when nothing tells
    refers_to: str | None = None  # a back-reference's outlet id ("the newspaper" -> "reuters")
    rule: str = ""  # which rule of the grammar credited it, for ``audit --explain``

    @property
    def unnamed(self) -> bool:
        return self.outlet_id is None and not self.unregistered


@dataclass(frozen=True, slots=True)
class Link:
    """A link the article makes: an ``<a href>`` or a URL written out in the text."""

    span: Span  # anchor text, or the URL as written
    url: str  # absolute
    origin: str  # "href" or "text"


@dataclass(frozen=True, slots=True)
class Findings:
    """Everything detection found in one Document, each with evidence spans."""

    embeds: tuple[Embed, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    links: tuple[Link, ...] = ()


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ("info", "warning", "error").index(self.value)


@dataclass(frozen=True, slots=True)
class Node:
    """A graph node; ``data`` holds the type-specific fields of DESIGN §3 in output order."""

    id: str
    type: str
    data: dict[str, JSON] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, JSON]:
        return {"id": self.id, "type": self.type, **self.data}


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    type: str
    kind: str | None = None
    cue: str | None = None
    evidence: tuple[Span, ...] = ()
    lang: str | None = None  # attributions only
    refers_to: str | None = None  # back-references only: the outlet node meant

    def to_dict(self) -> dict[str, JSON]:
        out: dict[str, JSON] = {"source": self.source, "target": self.target, "type": self.type}
        if self.cue is not None:
            out["cue"] = self.cue
        if self.kind is not None:
            out["kind"] = self.kind
        if self.lang is not None:
            out["lang"] = self.lang
        if self.refers_to is not None:
            out["refers_to"] = self.refers_to
        out["evidence"] = [span.to_dict() for span in self.evidence]
        return out


@dataclass(frozen=True, slots=True)
class Flag:
    """A finding for the fact-checker (DESIGN §3 ``findings``): something to look at."""

    code: str
    severity: Severity
    message: str
    node: str | None = None
    evidence: tuple[Span, ...] = ()

    def to_dict(self) -> dict[str, JSON]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "node": self.node,
            "evidence": [span.to_dict() for span in self.evidence],
        }
