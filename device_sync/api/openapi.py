"""The OpenAPI 3.1 document of the device API, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from domain.devices.limits import MAX_BATCH_SAMPLES
from domain.devices.models import DeviceKind
from domain.workouts.models import Activity

JSON = "application/json"
ERRORS = {
    400: "Bad JSON, or a field that fails validation (named in `field`)",
    401: "Missing, unknown or revoked device token",
    404: "No such session of this athlete",
    409: "Conflicts with what is stored (code: seq_conflict, session_finished, session_differs)",
    410: "Pairing code unknown, expired or used (code: pairing_code_<reason>)",
    413: "Body too large (JSON 1 MB, file 20 MB)",
    415: "Wrong Content-Type",
    422: "Activity refused; code is the parser's reason (bad_crc, truncated, empty, ...)",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _body(name: str, required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {JSON: {"schema": _ref(name)}}}


def _responses(ok: dict[int, tuple[str, str]], errors: tuple[int, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        str(status): {"description": text, "content": {JSON: {"schema": _ref(schema)}}}
        for status, (text, schema) in ok.items()
    }
    for status in errors:
        out[str(status)] = {
            "description": ERRORS[status],
            "content": {JSON: {"schema": _ref("Error")}},
        }
    return out


def _op(
    summary: str, ok: dict[int, tuple[str, str]], errors: tuple[int, ...], **extra: Any
) -> dict[str, Any]:
    return {"summary": summary, "responses": _responses(ok, errors), **extra}


SESSION_ID = {
    "name": "session_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 0},
}
NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
OPTIONAL_INT = {"type": ["integer", "null"]}
OPTIONAL_NUMBER = {"type": ["number", "null"]}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "field": {"type": "string"},
                },
            }
        },
    },
    "PairRequest": {
        "type": "object",
        "required": ["code"],
        "properties": {
            "code": {"type": "string", "maxLength": 32, "examples": ["ABCD-2346"]},
            "name": {"type": ["string", "null"], "maxLength": 64},
            "kind": {"type": "string", "enum": [kind.value for kind in DeviceKind]},
        },
    },
    "Paired": {
        "type": "object",
        "required": ["device_id", "token"],
        "properties": {"device_id": {"type": "integer"}, "token": {"type": "string"}},
    },
    "Me": {
        "type": "object",
        "required": ["device_id", "name", "athlete_first_name", "paired_at", "last_sync_at"],
        "properties": {
            "device_id": {"type": "integer"},
            "name": {"type": ["string", "null"]},
            "kind": {"type": "string", "enum": [kind.value for kind in DeviceKind]},
            "athlete_first_name": {"type": "string"},
            "paired_at": {"type": "string", "format": "date-time"},
            "last_sync_at": NULLABLE_TIME,
        },
    },
    "Upload": {
        "type": "object",
        "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"}},
    },
    "Uploaded": {
        "type": "object",
        "required": ["status", "workout_ids"],
        "properties": {
            "status": {"type": "string", "enum": ["imported", "duplicate"]},
            "workout_ids": {"type": "array", "items": {"type": "integer"}},
        },
    },
    "SessionRequest": {
        "type": "object",
        "required": ["client_session_id", "sport", "started_at"],
        "properties": {
            "client_session_id": {"type": "string", "format": "uuid"},
            "sport": {"type": "string", "enum": [activity.value for activity in Activity]},
            "started_at": {"type": "string", "format": "date-time"},
        },
    },
    "Session": {
        "type": "object",
        "required": ["session_id"],
        "properties": {"session_id": {"type": "integer"}},
    },
    "Sample": {
        "type": "object",
        "required": ["t"],
        "properties": {
            "t": {"type": "number", "minimum": 0, "description": "seconds since the start"},
            "hr": OPTIONAL_INT,
            "power": OPTIONAL_INT,
            "cadence": OPTIONAL_INT,
            "speed": {**OPTIONAL_NUMBER, "description": "m/s"},
            "distance": {**OPTIONAL_NUMBER, "description": "metres from the start"},
            "rr": {"type": ["array", "null"], "items": {"type": "integer"}, "description": "ms"},
        },
    },
    "Batch": {
        "type": "object",
        "required": ["seq", "samples"],
        "properties": {
            "seq": {"type": "integer", "minimum": 0},
            "samples": {"type": "array", "items": _ref("Sample"), "maxItems": MAX_BATCH_SAMPLES},
        },
    },
    "BatchResult": {
        "type": "object",
        "required": ["seq", "status"],
        "properties": {
            "seq": {"type": "integer"},
            "status": {"type": "string", "enum": ["stored", "duplicate"]},
        },
    },
    "FinishRequest": {"type": "object", "properties": {"ended_at": NULLABLE_TIME}},
    "Finished": {
        "type": "object",
        "required": ["status", "workout_id"],
        "properties": {
            "status": {"type": "string", "enum": ["finished"]},
            "workout_id": {"type": "integer"},
        },
    },
}


def _paths() -> dict[str, Any]:
    authed: dict[str, Any] = {"security": [{"device": []}]}
    return {
        "/pair": {
            "post": _op(
                "Exchange a pairing code from /devices for a device token",
                {201: ("Paired", "Paired")},
                (400, 410, 413, 415),
                requestBody=_body("PairRequest"),
                security=[],
            )
        },
        "/me": {
            "get": _op("This device and its athlete", {200: ("Device", "Me")}, (401,), **authed)
        },
        "/activities": {
            "post": _op(
                "Upload a .fit, .gpx or .tcx file (at most 20 MB)",
                {201: ("Imported", "Uploaded"), 200: ("Already in the journal", "Uploaded")},
                (400, 401, 413, 415, 422),
                requestBody={
                    "required": True,
                    "content": {"multipart/form-data": {"schema": _ref("Upload")}},
                },
                **authed,
            )
        },
        "/sessions": {
            "post": _op(
                "Start a live session (idempotent by client_session_id)",
                {201: ("Started", "Session"), 200: ("Already started", "Session")},
                (400, 401, 409, 413, 415),
                requestBody=_body("SessionRequest"),
                **authed,
            )
        },
        "/sessions/{session_id}/samples": {
            "post": _op(
                "Add a batch of samples (idempotent by seq; any order)",
                {200: ("Stored or a duplicate", "BatchResult")},
                (400, 401, 404, 409, 413, 415),
                parameters=[SESSION_ID],
                requestBody=_body("Batch"),
                **authed,
            )
        },
        "/sessions/{session_id}/finish": {
            "post": _op(
                "Finish: the samples become one workout (again: the same workout)",
                {200: ("Finished", "Finished")},
                (400, 401, 404, 413, 415, 422),
                parameters=[SESSION_ID],
                requestBody=_body("FinishRequest", required=False),
                **authed,
            )
        },
    }


def document() -> dict[str, Any]:
    """The whole contract the companion is built against."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "CoachBot device API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"device": {"type": "http", "scheme": "bearer"}},
        },
    }
