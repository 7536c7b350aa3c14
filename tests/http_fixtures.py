"""Recorded and synthetic HTTP responses from fixtures/http, ready to replay with respx."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

HTTP_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "http"


@dataclass(frozen=True)
class Recorded:
    method: str
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    synthetic: bool
    notes: str

    def response(self) -> httpx.Response:
        """A fresh httpx.Response with this status, these headers and this body."""
        return httpx.Response(self.status, headers=self.headers, content=self.body)


def _fixture_path(name: str) -> Path:
    path = HTTP_FIXTURES / f"{name}.json"
    if ".body." in name or not path.is_file():
        raise FileNotFoundError(f"no HTTP fixture named {name!r} (looked for {path})")
    return path


def recorded(name: str) -> Recorded:
    """Load one fixture by name, e.g. ``"x-twitter/oembed-200-twitter-url-2020"``."""
    path = _fixture_path(name)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    request, response = data["request"], data["response"]
    body_file = response["body_file"]
    body = (path.parent / body_file).read_bytes() if body_file else b""
    return Recorded(
        method=request["method"],
        url=request["url"],
        status=response["status"],
        headers=[(key, value) for key, value in response["headers"]],
        body=body,
        synthetic=data["synthetic"],
        notes=data["notes"],
    )


def all_recorded() -> list[str]:
    """Every fixture name, sorted."""
    return sorted(
        path.relative_to(HTTP_FIXTURES).with_suffix("").as_posix()
        for path in HTTP_FIXTURES.glob("*/*.json")
        if ".body." not in path.name
    )
