"""/devices through the real Dispatcher: the list, a pairing code, revoking with a confirm."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from db.uow import SqlUnitOfWork
from domain.activities.service import Imported
from domain.devices.errors import UnauthorizedError
from domain.devices.models import Device, DeviceKind
from domain.devices.pairing import PairingService
from domain.devices.service import DeviceService
from domain.users.models import User
from domain.workouts.models import Activity
from tests.bot.conftest import NOW, Harness

CODE = re.compile(r"\b([A-Z0-9]{4})-([A-Z0-9]{4})\b")


@dataclass
class SilentCards:
    paired_devices: list[Device] = field(default_factory=list)

    async def paired(self, user: User, device: Device) -> None:
        self.paired_devices.append(device)

    async def imported(self, user: User, imported: Imported, live: Activity | None) -> None:
        raise AssertionError("nothing is imported here")


async def pair(chat: Harness, name: str) -> str:
    """What the companion does with the code on screen."""
    await chat.send("/devices")
    shown = await chat.press("Pair a device")
    found = CODE.search(shown.text or "")
    assert found is not None
    uow = SqlUnitOfWork(chat.sessions, lambda: NOW)
    paired = await PairingService(uow, lambda: NOW, SilentCards()).pair(
        found.group(), name, DeviceKind.COMPANION
    )
    await uow.close()
    return paired.token


async def test_devices_lists_nothing_yet_and_offers_pairing(chat: Harness) -> None:
    await chat.send("/start")
    shown = await chat.send("/devices")
    assert "No device is paired yet" in (shown.text or "")
    assert shown.button_data("Pair a device")


async def test_the_pairing_code_is_short_unambiguous_and_expires_in_ten_minutes(
    chat: Harness,
) -> None:
    await chat.send("/start")
    await chat.send("/devices")
    shown = await chat.press("Pair a device")
    text = shown.text or ""
    found = CODE.search(text)
    assert found is not None
    assert not set("".join(found.groups())) & set("01OILSUV5")
    assert "until 08:10" in text  # 10 minutes after NOW, in the athlete's timezone (UTC)
    assert "coachbot-sync pair" in text


async def test_paired_devices_are_listed_with_their_sync_time(chat: Harness) -> None:
    await chat.send("/start")
    token = await pair(chat, "Anna's laptop")
    uow = SqlUnitOfWork(chat.sessions, lambda: NOW)
    await DeviceService(uow, lambda: NOW).authenticate(token)
    await uow.close()

    shown = await chat.send("/devices")
    text = shown.text or ""
    assert "Anna's laptop" in text
    assert "Computer (coachbot-sync)" in text
    assert "Last sync Tue 24 Nov, 08:00" in text
    assert shown.button_data("Revoke Anna's laptop")


async def test_revoking_asks_first_and_keep_changes_nothing(chat: Harness) -> None:
    await chat.send("/start")
    await pair(chat, "Anna's laptop")
    await chat.send("/devices")
    question = await chat.press("Revoke")
    assert "Revoke Anna's laptop?" in (question.text or "")
    kept = await chat.press("No, keep it")
    assert "Anna's laptop" in (kept.text or "")
    assert kept.button_data("Revoke")


async def test_a_revoked_devices_token_fails(chat: Harness) -> None:
    await chat.send("/start")
    token = await pair(chat, "Anna's laptop")
    await chat.send("/devices")
    await chat.press("Revoke")
    done = await chat.press("Yes, revoke")
    assert "Anna's laptop is revoked" in (done.text or "")
    assert "No device is paired yet" in (done.text or "")

    uow = SqlUnitOfWork(chat.sessions, lambda: NOW)
    with pytest.raises(UnauthorizedError):
        await DeviceService(uow, lambda: NOW).authenticate(token)
    await uow.close()


async def test_pairing_codes_are_rate_limited(chat: Harness) -> None:
    await chat.send("/start")
    await chat.send("/devices")
    for _ in range(5):
        shown = await chat.press("Pair a device")
        assert CODE.search(shown.text or "")
        await chat.press("Back to devices")
    await chat.press("Pair a device")
    alert = chat.telegram.callback_answers[-1]
    assert "wait an hour" in str(alert)


async def test_devices_speaks_russian(chat: Harness) -> None:
    chat.telegram.add_user(7005, "Ира", language_code="ru")
    chat.user_id = 7005
    await chat.send("/start")
    shown = await chat.send("/devices")
    assert "Пока ни одно устройство не подключено" in (shown.text or "")
    coded = await chat.press("Подключить устройство")
    assert "Ваш код привязки" in (coded.text or "")


async def test_devices_is_in_help_and_the_command_menu(chat: Harness) -> None:
    await chat.send("/start")
    shown = await chat.send("/help")
    assert "/devices — Paired devices and sync" in (shown.text or "")


async def test_the_pairing_hint_names_the_public_url_when_it_is_set(chat: Harness) -> None:
    await chat.send("/start")
    await chat.send("/devices")
    literal = await chat.press("Pair a device")
    assert "--server URL" in (literal.text or "")
    chat.dispatcher["public_url"] = "https://coach.example.org"
    await chat.press("Back")
    shown = await chat.press("Pair a device")
    assert (shown.text or "").endswith("--server https://coach.example.org")
