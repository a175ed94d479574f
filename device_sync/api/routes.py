"""The device API's routes: parse the request, one service call, answer JSON."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from aiohttp import BodyPartReader, web
from aiohttp.http_exceptions import HttpProcessingError

from device_sync.api import bodies
from device_sync.api.context import SERVICES, ApiServices
from device_sync.api.errors import ApiError, invalid
from device_sync.api.openapi import document
from domain.activities.validation import MAX_FILE_BYTES
from domain.devices.models import DeviceAuth, DeviceKind, UploadStatus
from domain.devices.service import NAME_MAX_LENGTH
from domain.workouts.models import Activity

MULTIPART_OVERHEAD = 64 * 1024
MAX_ID = 2**31 - 1


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


async def _auth(request: web.Request, services: ApiServices) -> DeviceAuth:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return await services.devices.authenticate(
        token.strip() if scheme.lower() == "bearer" else None
    )


def _session_id(request: web.Request) -> int:
    value = int(request.match_info["session_id"])
    if value > MAX_ID:
        raise ApiError(404, "not_found", "no such session of this athlete")
    return value


async def pair(request: web.Request) -> web.Response:
    data = await bodies.read_json(request)
    code = bodies.text(data, "code", 32)
    assert code is not None
    name = bodies.text(data, "name", NAME_MAX_LENGTH, required=False)
    kind = bodies.choice(data, "kind", DeviceKind, DeviceKind.COMPANION)
    async with request.app[SERVICES]() as services:
        paired = await services.pairing.pair(code, name, kind)
    return web.json_response({"device_id": paired.device.id, "token": paired.token}, status=201)


async def me(request: web.Request) -> web.Response:
    async with request.app[SERVICES]() as services:
        auth = await _auth(request, services)
    device = auth.device
    return web.json_response(
        {
            "device_id": device.id,
            "name": device.name,
            "kind": device.kind.value,
            "athlete_first_name": auth.user.first_name,
            "paired_at": _iso(device.paired_at),
            "last_sync_at": _iso(device.last_sync_at),
        }
    )


async def upload(request: web.Request) -> web.Response:
    limit = MAX_FILE_BYTES + MULTIPART_OVERHEAD
    if request.content_length is not None and request.content_length > limit:
        raise bodies.too_large(MAX_FILE_BYTES)
    if request.content_type != "multipart/form-data":
        raise ApiError(415, "unsupported_media_type", "send the file as multipart/form-data")
    async with request.app[SERVICES]() as services:
        auth = await _auth(request, services)
        name, content = await _file_part(request)
        uploaded = await services.sync.upload(auth, name, content)
    body = {"status": uploaded.status.value, "workout_ids": list(uploaded.workout_ids)}
    return web.json_response(body, status=201 if uploaded.status is UploadStatus.IMPORTED else 200)


async def _file_part(request: web.Request) -> tuple[str, bytes]:
    """The part named `file`: its name must end .fit, .gpx or .tcx; at most 20 MB read."""
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if isinstance(part, BodyPartReader) and part.name == "file":
                name = part.filename or ""
                if PurePath(name).suffix.lower() not in {".fit", ".gpx", ".tcx"}:
                    raise invalid("file", "the file name must end .fit, .gpx or .tcx")
                return name, await _read_part(part)
            await part.release()
    except (ValueError, HttpProcessingError) as error:
        raise ApiError(
            400, "bad_multipart", f"the multipart body is malformed: {error}"
        ) from error
    raise invalid("file", "is required (a multipart part named file)")


async def _read_part(part: BodyPartReader) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := await part.read_chunk(256 * 1024):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise bodies.too_large(MAX_FILE_BYTES)
        chunks.append(chunk)
    return b"".join(chunks)


async def start_session(request: web.Request) -> web.Response:
    async with request.app[SERVICES]() as services:
        auth = await _auth(request, services)
        data = await bodies.read_json(request)
        client_id = bodies.client_id(data, "client_session_id")
        sport = bodies.choice(data, "sport", Activity)
        started_at = bodies.moment(data, "started_at")
        assert started_at is not None
        started = await services.sync.start(auth, client_id, sport, started_at)
    status = 201 if started.created else 200
    return web.json_response({"session_id": started.session_id}, status=status)


async def add_samples(request: web.Request) -> web.Response:
    session_id = _session_id(request)
    async with request.app[SERVICES]() as services:
        auth = await _auth(request, services)
        data = await bodies.read_json(request)
        seq = bodies.integer(data, "seq")
        if seq is None:
            raise invalid("seq", "is required")
        points = bodies.samples(data)
        status = await services.sync.add_batch(auth, session_id, seq, points)
    return web.json_response({"seq": seq, "status": status.value})


async def finish_session(request: web.Request) -> web.Response:
    session_id = _session_id(request)
    async with request.app[SERVICES]() as services:
        auth = await _auth(request, services)
        data = await bodies.read_json(request, optional=True)
        ended_at = bodies.moment(data, "ended_at", required=False)
        workout_id = await services.sync.finish(auth, session_id, ended_at)
    return web.json_response({"status": "finished", "workout_id": workout_id})


async def openapi(_request: web.Request) -> web.Response:
    return web.json_response(document())
