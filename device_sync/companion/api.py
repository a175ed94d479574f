"""The server's devices API (/api/v1) over aiohttp, with its errors split in two kinds:
`UnreachableError` (no connection, a timeout, 5xx, 429: try again later) and `RefusedError` (a 4xx
answer: trying again will not help)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp

TIMEOUT = aiohttp.ClientTimeout(total=60, connect=10)
TOO_MANY_REQUESTS = 429
SERVER_ERROR = 500


class ApiError(Exception):
    """Any failure to get an answer we can use from the server."""


class UnreachableError(ApiError):
    """The server could not be reached or is overloaded; the request may be retried."""


class RefusedError(ApiError):
    """A 4xx answer: the request was understood and refused."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Pairing:
    device_id: int
    token: str


@dataclass(frozen=True, slots=True)
class Upload:
    status: str  # imported | duplicate
    workout_ids: tuple[int, ...]


class ServerApi:
    """One aiohttp session for the life of a command: `async with ServerApi(url, token)`."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self._base = base_url.rstrip("/") + "/api/v1"
        self._token = token
        self._http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> ServerApi:
        self._http = aiohttp.ClientSession(timeout=TIMEOUT)
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._http is not None:
            await self._http.close()

    async def pair(self, code: str, name: str) -> Pairing:
        """Exchange the one-time code shown by the bot's /devices for a device token."""
        body = await self._call("POST", "/pair", json={"code": code, "name": name}, auth=False)
        return Pairing(int(body["device_id"]), str(body["token"]))

    async def me(self) -> dict[str, Any]:
        """This device, its athlete and its last sync."""
        return await self._call("GET", "/me")

    async def upload(self, filename: str, data: bytes) -> Upload:
        """Send one activity file; a refusal raises `RefusedError` with the server's reason."""
        form = aiohttp.FormData()
        form.add_field("file", data, filename=filename, content_type="application/octet-stream")
        body = await self._call("POST", "/activities", data=form)
        return Upload(str(body["status"]), tuple(body.get("workout_ids", ())))

    async def start_session(self, client_session_id: str, sport: str, started_at: datetime) -> int:
        """The server's id of a live session; the same client id always gives the same one."""
        payload = {
            "client_session_id": client_session_id,
            "sport": sport,
            "started_at": started_at.isoformat(),
        }
        body = await self._call("POST", "/sessions", json=payload)
        return int(body["session_id"])

    async def push_samples(
        self, session_id: int, seq: int, samples: Sequence[dict[str, Any]]
    ) -> str:
        """Send batch `seq`; "stored", or "duplicate" when the server had it already."""
        payload = {"seq": seq, "samples": list(samples)}
        body = await self._call("POST", f"/sessions/{session_id}/samples", json=payload)
        return str(body["status"])

    async def finish(self, session_id: int, ended_at: datetime) -> int:
        """End the session: it becomes a workout in the journal (idempotent)."""
        body = await self._call(
            "POST", f"/sessions/{session_id}/finish", json={"ended_at": ended_at.isoformat()}
        )
        return int(body["workout_id"])

    async def _call(
        self, method: str, path: str, *, auth: bool = True, **kwargs: Any
    ) -> dict[str, Any]:
        assert self._http is not None, "use ServerApi as an async context manager"
        headers = {"Authorization": f"Bearer {self._token}"} if auth and self._token else {}
        try:
            async with self._http.request(
                method, self._base + path, headers=headers, **kwargs
            ) as response:
                return await _answer(response)
        except (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError) as error:
            raise UnreachableError(str(error) or type(error).__name__) from error
        except TimeoutError as error:
            raise UnreachableError("timed out") from error
        except aiohttp.InvalidURL as error:
            raise RefusedError(0, "invalid_url", str(error)) from error


async def _answer(response: aiohttp.ClientResponse) -> dict[str, Any]:
    if response.status >= SERVER_ERROR or response.status == TOO_MANY_REQUESTS:
        raise UnreachableError(f"HTTP {response.status}")
    try:
        body = await response.json(content_type=None)
    except ValueError:
        body = None
    if response.status >= 400:
        error = body.get("error", {}) if isinstance(body, dict) else {}
        raise RefusedError(
            response.status,
            str(error.get("code") or f"http_{response.status}"),
            str(error.get("message") or response.reason or ""),
        )
    if not isinstance(body, dict):
        raise UnreachableError(f"HTTP {response.status} without a JSON object")
    return body
