"""Pairing through the bot's code, the token on every route, and revoking it from /devices."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.sandbox.telegram import FakeTelegram
from tests.bot.conftest import ANNA, NOW
from tests.web.devices_support import BORIS, DeviceApi, api, telegram

__all__ = ["api", "telegram"]


async def test_a_code_from_the_bot_pairs_a_device_that_then_sees_its_athlete(
    api: DeviceApi, telegram: FakeTelegram
) -> None:
    code = await api.pairing_code()
    response = await api.client.post("/api/v1/pair", json={"code": code, "name": "Anna's laptop"})
    assert response.status == 201
    paired = await response.json()
    assert len(paired["token"]) >= 43  # 32 random bytes, urlsafe base64

    assert "Device paired: Anna's laptop" in (telegram.last_message(ANNA).text or "")
    status, me = await api.call("GET", "/me", paired["token"])
    assert status == 200
    assert me["device_id"] == paired["device_id"]
    assert me["name"] == "Anna's laptop"
    assert me["athlete_first_name"] == "Anna"
    assert me["paired_at"] == NOW.isoformat()
    assert me["last_sync_at"] == NOW.isoformat()


async def test_a_code_pairs_once(api: DeviceApi) -> None:
    code = await api.pairing_code()
    first = await api.client.post("/api/v1/pair", json={"code": code.lower().replace("-", " ")})
    assert first.status == 201
    again = await api.client.post("/api/v1/pair", json={"code": code})
    assert again.status == 410
    assert (await again.json())["error"]["code"] == "pairing_code_used"


async def test_a_code_expires_after_ten_minutes(api: DeviceApi) -> None:
    code = await api.pairing_code()
    api.clock.advance(timedelta(minutes=10))
    response = await api.client.post("/api/v1/pair", json={"code": code})
    assert response.status == 410
    assert (await response.json())["error"]["code"] == "pairing_code_expired"


async def test_a_new_code_replaces_the_unused_one(api: DeviceApi) -> None:
    old = await api.pairing_code()
    new = await api.pairing_code()
    refused = await api.client.post("/api/v1/pair", json={"code": old})
    assert (await refused.json())["error"]["code"] == "pairing_code_used"
    assert (await api.client.post("/api/v1/pair", json={"code": new})).status == 201


async def test_an_unknown_code_and_bad_bodies_are_refused_with_json_errors(
    api: DeviceApi,
) -> None:
    cases: list[tuple[dict[str, Any], int, str | None]] = [
        ({"json": {"code": "ZZZZ-9999"}}, 410, "pairing_code_unknown"),
        ({"data": b"{not json", "headers": {"Content-Type": "application/json"}}, 400, "bad_json"),
        ({"json": ["code"]}, 400, "invalid"),
        ({"json": {"name": "laptop"}}, 400, "invalid"),
        ({"json": {"code": 12345678}}, 400, "invalid"),
        ({"json": {"code": "ABCD-2346", "name": "x" * 65}}, 400, "invalid"),
        ({"json": {"code": "ABCD-2346", "kind": "toaster"}}, 400, "invalid"),
        ({"data": b"code=ABCD", "headers": {"Content-Type": "text/plain"}}, 415, None),
        (
            {
                "data": b"{" + b" " * (1024 * 1024) + b"}",
                "headers": {"Content-Type": "application/json"},
            },
            413,
            "too_large",
        ),
        (
            {"data": b'{"code": NaN}', "headers": {"Content-Type": "application/json"}},
            400,
            "bad_json",
        ),
    ]
    for kwargs, status, code in cases:
        response = await api.client.post("/api/v1/pair", **kwargs)
        body = await response.json()
        assert response.status == status, (kwargs, body)
        assert set(body["error"]) >= {"code", "message"}
        assert code is None or body["error"]["code"] == code, body


async def test_validation_errors_name_the_field(api: DeviceApi) -> None:
    response = await api.client.post("/api/v1/pair", json={"code": "ABCD-2346", "name": "x" * 65})
    error = (await response.json())["error"]
    assert error["field"] == "name"
    assert "name" in error["message"]


async def test_every_route_but_pairing_wants_a_valid_token(api: DeviceApi) -> None:
    routes = [
        ("GET", "/me"),
        ("POST", "/sessions"),
        ("POST", "/sessions/1/samples"),
        ("POST", "/sessions/1/finish"),
    ]
    for method, path in routes:
        for token in (None, "not-a-token"):
            status, body = await api.call(method, path, token, json={})
            assert status == 401, (method, path, body)
            assert body["error"]["code"] == "unauthorized"
    response = await api.client.get("/api/v1/me", headers={"Authorization": "Basic abc"})
    assert response.status == 401


async def test_a_token_revoked_in_the_bot_fails_at_once(api: DeviceApi) -> None:
    token = await api.pair()
    assert (await api.call("GET", "/me", token))[0] == 200
    await api.chat.send("/devices")
    await api.chat.press("Revoke")
    await api.chat.press("Yes, revoke")
    status, body = await api.call("GET", "/me", token)
    assert status == 401
    assert body["error"]["code"] == "unauthorized"


async def test_the_sync_time_is_written_at_most_once_a_minute(api: DeviceApi) -> None:
    token = await api.pair()
    assert (await api.call("GET", "/me", token))[1]["last_sync_at"] == NOW.isoformat()
    api.clock.advance(timedelta(seconds=59))
    assert (await api.call("GET", "/me", token))[1]["last_sync_at"] == NOW.isoformat()
    api.clock.advance(timedelta(seconds=1))
    later = (NOW + timedelta(minutes=1)).isoformat()
    assert (await api.call("GET", "/me", token))[1]["last_sync_at"] == later


async def test_unknown_api_paths_answer_json_too(api: DeviceApi) -> None:
    status, body = await api.call("GET", "/nothing-here", None)
    assert status == 404
    assert body["error"]["code"] == "not_found"
    status, body = await api.call("GET", "/pair", None)
    assert status == 405


async def test_the_openapi_document_describes_every_route(api: DeviceApi) -> None:
    response = await api.client.get("/api/v1/openapi.json")
    assert response.status == 200
    document = await response.json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/pair", "/me", "/activities", "/sessions",
        "/sessions/{session_id}/samples", "/sessions/{session_id}/finish",
    }  # fmt: skip


async def test_a_russian_athlete_gets_the_paired_notice_in_russian(
    api: DeviceApi, telegram: FakeTelegram
) -> None:
    await api.pair(BORIS, name=None)
    assert "Устройство подключено" in (telegram.last_message(BORIS).text or "")
    assert "Компьютер (coachbot-sync)" in (telegram.last_message(BORIS).text or "")
