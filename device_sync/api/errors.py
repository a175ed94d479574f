"""Every error as JSON `{"error": {"code", "message"}}` with its 4xx status."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from domain.activities.errors import FileRefusedError, Refusal
from domain.devices.errors import ConflictError, PairingCodeError, UnauthorizedError
from domain.errors import DomainError, InvalidValueError, NotFoundError

logger = logging.getLogger(__name__)

FILE_MESSAGES = {
    Refusal.EMPTY: "the file is empty",
    Refusal.NOT_FIT: "not a .fit, .gpx or .tcx activity file",
    Refusal.NOT_XML: "not valid GPX or TCX XML",
    Refusal.BAD_CRC: "the FIT checksum does not match",
    Refusal.TRUNCATED: "the file is cut short before any usable data",
    Refusal.DAMAGED: "the file is damaged before any usable data",
    Refusal.NO_ACTIVITY: "the file holds no activity",
    Refusal.ROUTE_ONLY: "a planned route without times, not a recorded activity",
    Refusal.NO_TIMES: "track points without times",
    Refusal.NO_START: "the activity's start time is missing",
    Refusal.TOO_SHORT: "the activity is too short",
    Refusal.TOO_LONG: "the activity lasts over 24 hours",
    Refusal.FUTURE: "the activity starts in the future",
    Refusal.HEART_RATE: "heart rate outside 25-250 bpm",
    Refusal.SPEED: "speed beyond the world record for the sport",
    Refusal.BAD_VALUE: "a value is out of range",
}
CONFLICTS = {
    "seq_conflict": "a different batch is already stored under this seq",
    "session_finished": "the session is finished and takes no new samples",
    "session_differs": "this client_session_id was started with another sport or start time",
}
CODE_MESSAGES = {
    "unknown": "unknown pairing code; get a new one with /devices in the bot",
    "expired": "the pairing code expired; get a new one with /devices in the bot",
    "used": "the pairing code was already used or replaced",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.field = field


def error_response(error: ApiError) -> web.Response:
    body: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.field is not None:
        body["field"] = error.field
    return web.json_response({"error": body}, status=error.status)


def invalid(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", f"{field}: {message}", field)


def from_domain(error: DomainError) -> ApiError:
    """The status and machine code of a domain error."""
    if isinstance(error, FileRefusedError):
        if error.refusal is Refusal.TOO_LARGE:
            return ApiError(413, "too_large", "the file is over 20 MB")
        return ApiError(422, error.refusal.value, FILE_MESSAGES[error.refusal])
    if isinstance(error, InvalidValueError):
        return invalid(error.field, error.reason.replace("_", " "))
    if isinstance(error, PairingCodeError):
        return ApiError(410, f"pairing_code_{error.reason}", CODE_MESSAGES[error.reason])
    if isinstance(error, ConflictError):
        return ApiError(409, error.reason, CONFLICTS[error.reason])
    return _plain(error)


def _plain(error: DomainError) -> ApiError:
    if isinstance(error, UnauthorizedError):
        return ApiError(401, "unauthorized", "missing, unknown or revoked device token")
    if isinstance(error, NotFoundError):
        what = error.params.get("what", "resource")
        return ApiError(404, "not_found", f"no such {what} of this athlete")
    return ApiError(400, error.code, error.code.replace("_", " "))


@web.middleware
async def json_errors(request: web.Request, handler: Any) -> web.StreamResponse:
    """Domain errors, aiohttp's own (404, 405, 413) and surprises, all as the same JSON."""
    try:
        response: web.StreamResponse = await handler(request)
    except ApiError as error:
        return error_response(error)
    except DomainError as error:
        return error_response(from_domain(error))
    except web.HTTPException as error:
        if error.status < 400:
            raise
        code = error.reason.lower().replace(" ", "_")
        return error_response(ApiError(error.status, code, error.reason))
    except Exception:
        logger.exception("device API %s %s failed", request.method, request.path)
        return error_response(ApiError(500, "internal", "internal error"))
    return response
