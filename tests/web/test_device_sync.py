"""Files and live sessions from a paired device reach the journal once, with the card."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp

from bot.sandbox.telegram import FakeTelegram
from db.uow import SqlUnitOfWork
from tests.bot.conftest import ANNA, NOW
from tests.web.devices_support import BORIS, DeviceApi, api, telegram

__all__ = ["api", "telegram"]

RUN = Path(__file__).parents[1] / "data" / "activities" / "fit" / "activity-small-fenix2-run.fit"
START = NOW - timedelta(hours=2)


def upload_form(name: str, content: bytes) -> aiohttp.FormData:
    form = aiohttp.FormData()
    form.add_field("file", content, filename=name, content_type="application/octet-stream")
    return form


def ride(first: int, count: int, hr: int = 140) -> list[dict[str, Any]]:
    return [
        {"t": float(t), "hr": hr, "power": 200, "cadence": 90, "speed": 8.0, "distance": 8.0 * t}
        for t in range(first, first + count)
    ]


async def start(api: DeviceApi, token: str, client_id: str | None = None) -> int:
    body = {
        "client_session_id": client_id or str(uuid.uuid4()),
        "sport": "ride",
        "started_at": START.isoformat(),
    }
    status, started = await api.call("POST", "/sessions", token, json=body)
    assert status == 201, started
    session_id: int = started["session_id"]
    return session_id


async def test_an_uploaded_file_is_imported_once_and_carded_in_telegram(
    api: DeviceApi, telegram: FakeTelegram
) -> None:
    token = await api.pair()
    status, body = await api.call(
        "POST", "/activities", token, data=upload_form(RUN.name, RUN.read_bytes())
    )
    assert status == 201, body
    assert body["status"] == "imported"
    assert len(body["workout_ids"]) == 1
    card = next(m for m in telegram.messages(ANNA) if "Imported from the file" in (m.text or ""))
    assert "9.01 km" in (card.text or "")
    assert telegram.messages(ANNA)[-1].photo_bytes is not None

    again = await api.call(
        "POST", "/activities", token, data=upload_form("copy.fit", RUN.read_bytes())
    )
    assert again == (200, {"status": "duplicate", "workout_ids": body["workout_ids"]})


async def test_bad_uploads_are_refused_with_their_reason(api: DeviceApi) -> None:
    token = await api.pair()
    cases: list[tuple[dict[str, Any], int, str]] = [
        ({"data": upload_form("run.fit", b"definitely not a FIT file")}, 422, "not_fit"),
        ({"data": upload_form("run.fit", b"")}, 422, "empty"),
        ({"data": upload_form("notes.txt", b"hello")}, 400, "invalid"),
        ({"json": {"file": "run.fit"}}, 415, "unsupported_media_type"),
    ]
    form = aiohttp.FormData()
    form.add_field("other", b"x", filename="run.fit")
    cases.append(({"data": form}, 400, "invalid"))
    for kwargs, status, code in cases:
        got, body = await api.call("POST", "/activities", token, **kwargs)
        assert (got, body["error"]["code"]) == (status, code), body


async def test_an_upload_over_20_mb_is_refused_before_it_is_read(api: DeviceApi) -> None:
    token = await api.pair()
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": str(21 * 1024 * 1024),
    }
    response = await api.client.post("/api/v1/activities", data=b"--x\r\n", headers=headers)
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "too_large"


async def test_a_streamed_upload_without_a_length_is_cut_at_20_mb(api: DeviceApi) -> None:
    token = await api.pair()
    head = (
        b'--x\r\nContent-Disposition: form-data; name="file"; filename="big.fit"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n"
    )

    async def chunked() -> AsyncIterator[bytes]:
        yield head
        for _ in range(21):
            yield b"\0" * (1024 * 1024)
        yield b"\r\n--x--\r\n"

    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "multipart/form-data; boundary=x",
    }
    response = await api.client.post("/api/v1/activities", data=chunked(), headers=headers)
    assert response.status == 413
    assert (await response.json())["error"]["code"] == "too_large"


async def test_a_live_session_becomes_one_workout_with_its_card(
    api: DeviceApi, telegram: FakeTelegram, session_factory: Any
) -> None:
    token = await api.pair()
    session_id = await start(api, token)
    for seq, first in ((1, 600), (0, 0), (2, 1200)):  # out of order
        status, body = await api.call(
            "POST",
            f"/sessions/{session_id}/samples",
            token,
            json={"seq": seq, "samples": ride(first, 600)},
        )
        assert (status, body) == (200, {"seq": seq, "status": "stored"})
    ended = (START + timedelta(minutes=30)).isoformat()
    status, body = await api.call(
        "POST", f"/sessions/{session_id}/finish", token, json={"ended_at": ended}
    )
    assert status == 200, body
    assert body["status"] == "finished"

    card = telegram.messages(ANNA)[-2]
    assert "Recorded live" in (card.text or "")
    assert "14.39 km" in (card.text or "")
    assert telegram.messages(ANNA)[-1].photo_bytes is not None
    async with SqlUnitOfWork(session_factory, lambda: NOW) as uow:
        workout = await uow.workouts.get(ANNA, body["workout_id"])
        stored = await uow.imports.get(ANNA, body["workout_id"])
    assert workout is not None
    assert workout.duration_s == 1800
    assert workout.started_at == START
    assert stored is not None
    assert stored[0].avg_power == 200

    again = await api.call("POST", f"/sessions/{session_id}/finish", token)
    assert again == (200, body)
    late = await api.call(
        "POST", f"/sessions/{session_id}/samples", token, json={"seq": 3, "samples": ride(1800, 5)}
    )
    assert (late[0], late[1]["error"]["code"]) == (409, "session_finished")


async def test_a_batch_sent_twice_is_stored_once_and_a_changed_one_conflicts(
    api: DeviceApi,
) -> None:
    token = await api.pair()
    session_id = await start(api, token)
    path = f"/sessions/{session_id}/samples"
    assert (await api.call("POST", path, token, json={"seq": 0, "samples": ride(0, 60)}))[1][
        "status"
    ] == "stored"
    again = await api.call("POST", path, token, json={"seq": 0, "samples": ride(0, 60)})
    assert again == (200, {"seq": 0, "status": "duplicate"})
    changed = await api.call("POST", path, token, json={"seq": 0, "samples": ride(0, 60, hr=150)})
    assert (changed[0], changed[1]["error"]["code"]) == (409, "seq_conflict")


async def test_the_same_client_session_id_is_the_same_session(api: DeviceApi) -> None:
    token = await api.pair()
    client_id = str(uuid.uuid4())
    session_id = await start(api, token, client_id)
    body = {"client_session_id": client_id, "sport": "ride", "started_at": START.isoformat()}
    assert await api.call("POST", "/sessions", token, json=body) == (
        200,
        {"session_id": session_id},
    )
    other = {**body, "sport": "run"}
    status, error = await api.call("POST", "/sessions", token, json=other)
    assert (status, error["error"]["code"]) == (409, "session_differs")


async def test_bad_session_bodies_name_the_field(api: DeviceApi) -> None:
    token = await api.pair()
    good = {
        "client_session_id": str(uuid.uuid4()),
        "sport": "ride",
        "started_at": START.isoformat(),
    }
    cases = [
        ({**good, "client_session_id": "nope"}, "client_session_id"),
        ({**good, "sport": "chess"}, "sport"),
        ({**good, "started_at": "2026-11-24T06:00:00"}, "started_at"),
        ({**good, "started_at": "yesterday"}, "started_at"),
        ({**good, "started_at": (NOW + timedelta(hours=1)).isoformat()}, "started_at"),
    ]
    for body, field in cases:
        status, error = await api.call("POST", "/sessions", token, json=body)
        assert (status, error["error"].get("field")) == (400, field), error


async def test_bad_samples_are_refused_and_nothing_is_stored(api: DeviceApi) -> None:
    token = await api.pair()
    session_id = await start(api, token)
    path = f"/sessions/{session_id}/samples"
    cases = [
        ({"samples": ride(0, 5)}, "seq"),
        ({"seq": -1, "samples": ride(0, 5)}, "seq"),
        ({"seq": 0, "samples": "many"}, "samples"),
        ({"seq": 0, "samples": []}, "samples"),
        ({"seq": 0, "samples": ride(0, 3601)}, "samples"),
        ({"seq": 0, "samples": [{"hr": 120}]}, "samples[0].t"),
        ({"seq": 0, "samples": [{"t": 0, "hr": 400}]}, "samples[0].hr"),
        ({"seq": 0, "samples": [{"t": 0, "hr": "fast"}]}, "samples[0].hr"),
        ({"seq": 0, "samples": [{"t": 0, "speed": 90.0}]}, "samples[0].speed"),
        ({"seq": 0, "samples": [{"t": 0, "rr": [5000]}]}, "samples[0].rr"),
        ({"seq": 0, "samples": [{"t": -1}]}, "samples[0].t"),
    ]
    for body, field in cases:
        status, error = await api.call("POST", path, token, json=body)
        assert (status, error["error"].get("field")) == (400, field), (body, error)
    status, stored = await api.call("POST", path, token, json={"seq": 0, "samples": ride(0, 5)})
    assert stored["status"] == "stored"


async def test_another_athletes_session_is_not_found(api: DeviceApi) -> None:
    anna = await api.pair()
    session_id = await start(api, anna)
    boris = await api.pair(BORIS, name="Boris' phone")
    for path, body in (
        (f"/sessions/{session_id}/samples", {"seq": 0, "samples": ride(0, 5)}),
        (f"/sessions/{session_id}/finish", {}),
        ("/sessions/999999/finish", {}),
        ("/sessions/99999999999/finish", {}),
    ):
        status, error = await api.call("POST", path, boris, json=body)
        assert (status, error["error"]["code"]) == (404, "not_found"), path


async def test_finishing_without_samples_or_before_the_start_is_refused(api: DeviceApi) -> None:
    token = await api.pair()
    session_id = await start(api, token)
    path = f"/sessions/{session_id}/finish"
    status, error = await api.call("POST", path, token)
    assert (status, error["error"]["code"]) == (422, "empty")
    early = (START - timedelta(minutes=1)).isoformat()
    status, error = await api.call("POST", path, token, json={"ended_at": early})
    assert (status, error["error"].get("field")) == (400, "ended_at")


async def test_a_live_session_overlapping_an_uploaded_file_is_not_doubled(
    api: DeviceApi, telegram: FakeTelegram
) -> None:
    token = await api.pair()
    status, uploaded = await api.call(
        "POST", "/activities", token, data=upload_form(RUN.name, RUN.read_bytes())
    )
    assert status == 201
    async with SqlUnitOfWork(api.chat.sessions, lambda: NOW) as uow:
        workout = await uow.workouts.get(ANNA, uploaded["workout_ids"][0])
    assert workout is not None
    body = {
        "client_session_id": str(uuid.uuid4()),
        "sport": "run",
        "started_at": workout.started_at.isoformat(),
    }
    session_id = (await api.call("POST", "/sessions", token, json=body))[1]["session_id"]
    points = [{"t": float(t), "hr": 150, "speed": 3.0, "distance": 3.0 * t} for t in range(600)]
    await api.call(
        "POST", f"/sessions/{session_id}/samples", token, json={"seq": 0, "samples": points}
    )
    messages = len(telegram.messages(ANNA))
    status, finished = await api.call("POST", f"/sessions/{session_id}/finish", token)
    assert (status, finished["workout_id"]) == (200, workout.id)
    assert len(telegram.messages(ANNA)) == messages
