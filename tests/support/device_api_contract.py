"""A small aiohttp app that keeps the devices API contract (/api/v1) in memory, for the
companion's tests; it can refuse connections for a while and lose an answer after storing."""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import threading
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web

T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
FIRST_NAME = "Anna"
MAX_SAMPLES = 3600


def _error(status: int, code: str, message: str) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status)


@dataclass
class LiveSession:
    session_id: int
    client_session_id: str
    sport: str
    started_at: str
    batches: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    workout_id: int | None = None


@dataclass
class ContractState:
    codes: dict[str, bool] = field(default_factory=dict)  # code -> still usable
    tokens: dict[str, int] = field(default_factory=dict)
    sessions: dict[int, LiveSession] = field(default_factory=dict)
    files: dict[str, list[int]] = field(default_factory=dict)  # sha256 -> workout ids
    workouts: int = 0
    duplicates: int = 0
    lose_answers: int = 0  # the next N sample batches are stored, then answered with a 503
    last_sync_at: str | None = None

    def workout(self) -> int:
        self.workouts += 1
        return self.workouts

    def samples(self, session_id: int) -> list[dict[str, Any]]:
        batches = self.sessions[session_id].batches
        return [sample for seq in sorted(batches) for sample in batches[seq]]


def _state(request: web.Request) -> ContractState:
    return request.app[STATE]


STATE = web.AppKey("state", ContractState)


@web.middleware
async def _auth(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path != "/api/v1/pair":
        header = request.headers.get("Authorization", "")
        if header.removeprefix("Bearer ") not in _state(request).tokens:
            return _error(401, "unauthorized", "bad or revoked device token")
    return await handler(request)


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except json.JSONDecodeError as error:
        raise web.HTTPBadRequest(text="not JSON") from error
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="not an object")
    return body


async def pair(request: web.Request) -> web.Response:
    state, body = _state(request), await _json(request)
    code = str(body.get("code", ""))
    if code not in state.codes:
        return _error(404, "unknown_code", "no such pairing code")
    if not state.codes[code]:
        return _error(410, "code_used", "this pairing code was used already")
    state.codes[code] = False
    token = secrets.token_urlsafe(24)
    state.tokens[token] = len(state.tokens) + 1
    return web.json_response({"device_id": state.tokens[token], "token": token}, status=201)


async def me(request: web.Request) -> web.Response:
    state = _state(request)
    return web.json_response(
        {
            "device_id": 1,
            "name": "laptop",
            "athlete_first_name": FIRST_NAME,
            "paired_at": "2026-12-01T08:00:00+00:00",
            "last_sync_at": state.last_sync_at,
        }
    )


async def activities(request: web.Request) -> web.Response:
    state = _state(request)
    form = await request.post()
    upload = form.get("file")
    if not isinstance(upload, web.FileField):
        return _error(400, "no_file", "a multipart part named file is required")
    data = upload.file.read()
    if not data.startswith((b"\x0e", b"\x0c", b"<?xml")):
        return _error(422, "bad_file", "this is not an activity file")
    digest = hashlib.sha256(data).hexdigest()
    if digest in state.files:
        return web.json_response({"status": "duplicate", "workout_ids": state.files[digest]})
    state.files[digest] = [state.workout()]
    return web.json_response(
        {"status": "imported", "workout_ids": state.files[digest]}, status=201
    )


async def start_session(request: web.Request) -> web.Response:
    state, body = _state(request), await _json(request)
    for session in state.sessions.values():
        if session.client_session_id == body["client_session_id"]:
            return web.json_response({"session_id": session.session_id})
    session_id = len(state.sessions) + 1
    state.sessions[session_id] = LiveSession(
        session_id, str(body["client_session_id"]), str(body["sport"]), str(body["started_at"])
    )
    return web.json_response({"session_id": session_id}, status=201)


def _session(request: web.Request) -> LiveSession:
    session = _state(request).sessions.get(int(request.match_info["id"]))
    if session is None:
        raise web.HTTPNotFound(text="no such session")
    return session


async def samples(request: web.Request) -> web.Response:
    state, session, body = _state(request), _session(request), await _json(request)
    seq, batch = int(body["seq"]), list(body["samples"])
    if len(batch) > MAX_SAMPLES or any("t" not in sample for sample in batch):
        return _error(400, "bad_samples", "up to 3600 samples, each with t")
    if seq in session.batches:
        if session.batches[seq] != batch:
            return _error(409, "seq_conflict", "another payload under this seq")
        state.duplicates += 1
        return web.json_response({"seq": seq, "status": "duplicate"})
    if session.workout_id is not None:
        return _error(409, "finished", "the session is finished")
    session.batches[seq] = batch
    state.last_sync_at = "2026-12-01T09:00:00+00:00"
    if state.lose_answers:
        state.lose_answers -= 1
        return _error(503, "lost", "stored, but the answer is lost on the way")
    return web.json_response({"seq": seq, "status": "stored"})


async def finish(request: web.Request) -> web.Response:
    state, session = _state(request), _session(request)
    await _json(request)
    if session.workout_id is None:
        session.workout_id = state.workout()
    return web.json_response({"status": "finished", "workout_id": session.workout_id})


def build_contract_app(state: ContractState) -> web.Application:
    app = web.Application(middlewares=[_auth])
    app[STATE] = state
    app.router.add_post("/api/v1/pair", pair)
    app.router.add_get("/api/v1/me", me)
    app.router.add_post("/api/v1/activities", activities)
    app.router.add_post("/api/v1/sessions", start_session)
    app.router.add_post("/api/v1/sessions/{id}/samples", samples)
    app.router.add_post("/api/v1/sessions/{id}/finish", finish)
    return app


class Switchable:
    """Serves an app on 127.0.0.1 and can go down (connections refused, open ones cut) and
    come back on the same port."""

    def __init__(self, app: web.Application) -> None:
        self._runner = web.AppRunner(app)
        self._site: web.TCPSite | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        await self._runner.setup()
        await self.up()
        address = self._runner.addresses[0]
        self.port = int(address[1])

    async def up(self) -> None:
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await self._site.start()

    async def down(self) -> None:
        assert self._site is not None
        await self._site.stop()
        self._site = None
        server = self._runner.server
        assert server is not None
        for connection in server.connections:
            connection.force_close()

    async def close(self) -> None:
        await self._runner.cleanup()


class ThreadedServer:
    """A Switchable in its own thread and loop, for tests that call the CLI's main()."""

    def __init__(self, build: Callable[[], Awaitable[web.Application]]) -> None:
        self._build = build
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.server: Switchable | None = None

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=60)

    def start(self) -> str:
        self._thread.start()

        async def start() -> Switchable:
            server = Switchable(await self._build())
            await server.start()
            return server

        self.server = self.run(start())
        return self.server.url

    def stop(self) -> None:
        if self.server is not None:
            self.run(self.server.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()
