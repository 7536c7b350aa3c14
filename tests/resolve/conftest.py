"""Shared pieces of the resolution tests: a loopback fault server and a connect() guard."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.fault_server import FaultServer


@pytest.fixture(scope="session")
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


class ConnectGuard:
    """Records every connect() and lets only the fault server's address through.

    The equivalent of Synapse's ``tcpClients == 0``: a refused address must never even be
    tried, and nothing may leave the machine whatever a test gets wrong.
    """

    def __init__(self, allowed: set[tuple[str, int]]) -> None:
        self.allowed = allowed
        self.attempts: list[tuple[str, int]] = []
        self.refused: list[tuple[str, int]] = []


@pytest.fixture
def guard(server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> ConnectGuard:
    watcher = ConnectGuard({("127.0.0.1", server.port)})
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        target = (
            (str(address[0]), int(address[1])) if isinstance(address, tuple) else (str(address), 0)
        )
        watcher.attempts.append(target)
        if target not in watcher.allowed:
            watcher.refused.append(target)
            raise ConnectionRefusedError(f"test guard: no connection to {target}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    return watcher
