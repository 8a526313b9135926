"""A tiny HTTP driver for the simulator's three request forms, for tests only."""

import json
from dataclasses import dataclass
from typing import Any

import aiohttp


@dataclass
class Answer:
    """One HTTP answer: status, raw body and the decoded JSON (None if not JSON)."""

    status: int
    body: bytes
    content_type: str

    @property
    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class SimHttp:
    """Talks to a SimulatorServer over real HTTP."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self.session = session
        self.base_url = base_url

    async def get(self, method: str, **query: str) -> Answer:
        """Form 1: GET /rpc/<method>?query."""
        return await self.request("GET", f"/rpc/{method}", params=query or None)

    async def post(self, method: str, params: Any = None, *, raw: bytes | None = None) -> Answer:
        """Form 2: POST /rpc/<method> with the params object (or raw bytes) as body."""
        body = raw if raw is not None else (b"" if params is None else json.dumps(params).encode())
        return await self.request("POST", f"/rpc/{method}", data=body)

    async def rpc(
        self, method: str, params: Any = None, *, rpc_id: Any = 1, src: str = "tests"
    ) -> Answer:
        """Form 3: POST /rpc with a JSON-RPC envelope."""
        envelope: dict[str, Any] = {"src": src, "id": rpc_id, "method": method}
        if params is not None:
            envelope["params"] = params
        return await self.request("POST", "/rpc", data=json.dumps(envelope).encode())

    async def control(self, http_method: str, path: str, body: Any = None) -> Answer:
        """The /_sim/ control surface."""
        data = None if body is None else json.dumps(body).encode()
        return await self.request(http_method, f"/_sim/{path}", data=data)

    async def request(self, http_method: str, path: str, **kwargs: Any) -> Answer:
        async with self.session.request(http_method, self.base_url + path, **kwargs) as resp:
            return Answer(resp.status, await resp.read(), resp.content_type)

    async def result(self, method: str, params: Any = None) -> Any:
        """The bare result of a successful form-2 call."""
        answer = await self.post(method, params)
        assert answer.status == 200, answer.body
        return answer.json
