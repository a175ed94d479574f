"""Reading request bodies within their size limits, and checking JSON field by field."""

from __future__ import annotations

import json
import math
import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from aiohttp import StreamReader, web

from device_sync.api.errors import ApiError, invalid
from domain.devices.models import LiveSample

JSON_LIMIT = 1024 * 1024
E = TypeVar("E", bound=StrEnum)


def too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"the body is over {limit // (1024 * 1024)} MB")


async def read_limited(stream: StreamReader, limit: int) -> bytes:
    """The whole stream, refused as soon as it passes `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in stream.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


async def read_json(request: web.Request, optional: bool = False) -> dict[str, Any]:
    """A JSON object of at most 1 MB sent as application/json (an empty optional body: {})."""
    if request.content_length is not None and request.content_length > JSON_LIMIT:
        raise too_large(JSON_LIMIT)
    if optional and not request.can_read_body:
        return {}
    if request.content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    body = await read_limited(request.content, JSON_LIMIT)
    if optional and not body.strip():
        return {}
    try:
        data = json.loads(body, parse_constant=_no_constants)
    except (ValueError, RecursionError) as error:
        raise ApiError(400, "bad_json", f"the body is not JSON: {error}") from error
    if not isinstance(data, dict):
        raise invalid("body", "must be a JSON object")
    return data


def text(data: dict[str, Any], name: str, limit: int, required: bool = True) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise invalid(name, "is required")
        return None
    if not isinstance(value, str):
        raise invalid(name, "must be a string")
    if len(value) > limit:
        raise invalid(name, f"must be at most {limit} characters")
    return value


def integer(data: dict[str, Any], name: str, where: str | None = None) -> int | None:
    """An integer (a number with no fraction, as JSON Schema has it), or None when absent."""
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise invalid(where or name, "must be an integer")
    return value


def number(data: dict[str, Any], name: str, where: str | None = None) -> float | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise invalid(where or name, "must be a number")
    return float(value)


def choice(data: dict[str, Any], name: str, kind: type[E], default: E | None = None) -> E:
    value = data.get(name)
    if value is None and default is not None:
        return default
    allowed = [item.value for item in kind]
    if not isinstance(value, str) or value not in allowed:
        raise invalid(name, f"must be one of {', '.join(allowed)}")
    return kind(value)


def moment(data: dict[str, Any], name: str, required: bool = True) -> datetime | None:
    """An ISO 8601 date and time with its UTC offset, returned in UTC."""
    value = text(data, name, 64, required)
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise invalid(name, "must be an ISO 8601 date and time") from error
    if parsed.tzinfo is None:
        raise invalid(name, "must carry its UTC offset")
    try:
        return parsed.astimezone(UTC)
    except OverflowError as error:
        raise invalid(name, "is out of range") from error


def client_id(data: dict[str, Any], name: str) -> str:
    value = text(data, name, 64)
    try:
        return str(uuid.UUID(value))
    except (ValueError, TypeError) as error:
        raise invalid(name, "must be a UUID") from error


def samples(data: dict[str, Any]) -> list[LiveSample]:
    """The batch's points; each field's type is checked here, its range by the domain."""
    points = data.get("samples")
    if not isinstance(points, list):
        raise invalid("samples", "must be an array")
    return [_sample(point, f"samples[{index}]") for index, point in enumerate(points)]


def _sample(point: Any, where: str) -> LiveSample:
    if not isinstance(point, dict):
        raise invalid(where, "must be an object")
    t = number(point, "t", f"{where}.t")
    if t is None:
        raise invalid(f"{where}.t", "is required")
    rr = point.get("rr")
    if rr is not None and (not isinstance(rr, list) or None in rr):
        raise invalid(f"{where}.rr", "must be an array of integers")
    intervals = [integer({"rr": v}, "rr", f"{where}.rr") for v in rr or ()]
    return LiveSample(
        t=t,
        hr=integer(point, "hr", f"{where}.hr"),
        power=integer(point, "power", f"{where}.power"),
        cadence=integer(point, "cadence", f"{where}.cadence"),
        speed=number(point, "speed", f"{where}.speed"),
        distance=number(point, "distance", f"{where}.distance"),
        rr=tuple(v for v in intervals if v is not None),
    )
