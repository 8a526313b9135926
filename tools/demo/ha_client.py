"""A small client for the parts of Home Assistant's HTTP and websocket APIs the demo uses."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp

from .processes import DemoError

type Json = dict[str, Any]

REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=30)


class HomeAssistantClient:
    """HTTP calls against one Home Assistant, as the owner once `token` is set."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url
        self.token: str | None = None

    @property
    def client_id(self) -> str:
        """OAuth client id: Home Assistant accepts any URL; its own frontend uses its base URL."""
        return f"{self.base_url}/"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def get(self, path: str) -> Any:
        async with self.session.get(
            self.base_url + path, headers=self._headers(), timeout=REQUEST_TIMEOUT
        ) as response:
            return await _json_or_raise(response, f"GET {path}")

    async def post(self, path: str, body: Json | None = None) -> Any:
        async with self.session.post(
            self.base_url + path, json=body or {}, headers=self._headers(), timeout=REQUEST_TIMEOUT
        ) as response:
            return await _json_or_raise(response, f"POST {path}")

    async def post_form(self, path: str, form: dict[str, str]) -> Any:
        """/auth/token takes a form, as OAuth 2 says."""
        async with self.session.post(
            self.base_url + path, data=form, timeout=REQUEST_TIMEOUT
        ) as response:
            return await _json_or_raise(response, f"POST {path}")

    async def answers(self, path: str) -> bool:
        """Whether Home Assistant answers `path` with 200 yet (during start-up it refuses)."""
        return await answers_ok(self.session, self.base_url + path)

    @asynccontextmanager
    async def websocket(self) -> AsyncIterator[WebSocketCommands]:
        """An authenticated websocket connection (dashboards and registries live there)."""
        url = self.base_url.replace("http", "ws", 1) + "/api/websocket"
        async with self.session.ws_connect(url) as socket:
            commands = WebSocketCommands(socket)
            await commands.authenticate(str(self.token))
            yield commands


class WebSocketCommands:
    """Request/response over Home Assistant's websocket API (no subscriptions needed here)."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    async def authenticate(self, token: str) -> None:
        await self._socket.receive_json()  # auth_required
        await self._socket.send_json({"type": "auth", "access_token": token})
        answer = await self._socket.receive_json()
        if answer.get("type") != "auth_ok":
            raise DemoError(f"websocket login refused: {answer}")

    async def call(self, command: str, **data: Any) -> Any:
        """Send one command and return its result; an error answer raises."""
        message_id = next(self._ids)
        await self._socket.send_json({"id": message_id, "type": command, **data})
        while True:
            answer = await self._socket.receive_json()
            if answer.get("id") == message_id:
                break
        if not answer.get("success"):
            raise DemoError(f"{command} failed: {answer.get('error')}")
        return answer.get("result")


async def answers_ok(session: aiohttp.ClientSession, url: str) -> bool:
    """Whether `url` answers 200: for polling a server that is still starting."""
    try:
        async with session.get(url, timeout=REQUEST_TIMEOUT) as response:
            return response.status == 200
    except aiohttp.ClientError:
        return False


async def _json_or_raise(response: aiohttp.ClientResponse, what: str) -> Any:
    if response.status >= 400:
        raise DemoError(f"{what} answered HTTP {response.status}: {await response.text()}")
    return await response.json(content_type=None)
