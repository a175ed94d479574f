"""Pairing codes and device tokens with fakes: hashes only, expiry, one use, revocation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from domain.activities.service import Imported
from domain.devices import credentials
from domain.devices.errors import PairingCodeError, TooManyCodesError, UnauthorizedError
from domain.devices.models import Device, DeviceKind
from domain.devices.pairing import PairingService
from domain.devices.service import DeviceService, device_name
from domain.errors import InvalidValueError, NotFoundError
from domain.users.models import Language, Units, User
from domain.workouts.models import Activity
from tests.unit.domain.fakes import FakeUnitOfWork

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


@dataclass
class RecordingCards:
    paired_devices: list[tuple[int, Device]] = field(default_factory=list)
    imports: list[tuple[int, Imported, Activity | None]] = field(default_factory=list)

    async def paired(self, user: User, device: Device) -> None:
        self.paired_devices.append((user.id, device))

    async def imported(self, user: User, imported: Imported, live: Activity | None) -> None:
        self.imports.append((user.id, imported, live))


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    fake.users.committed[1] = User(1, "Anna", None, Language.EN, Units.METRIC, "UTC", NOW)
    return fake


def services(
    uow: FakeUnitOfWork, clock: Clock
) -> tuple[DeviceService, PairingService, RecordingCards]:
    cards = RecordingCards()
    return DeviceService(uow, clock), PairingService(uow, clock, cards), cards


def test_codes_are_eight_unambiguous_characters_and_typing_is_forgiving() -> None:
    code = credentials.new_code()
    assert len(code) == 9 and code[4] == "-"
    assert set(code.replace("-", "")) <= set(credentials.ALPHABET)
    assert credentials.code_digest(code.lower().replace("-", " ")) == credentials.code_digest(code)


async def test_only_hashes_are_stored(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    devices, pairing, _ = services(uow, clock)
    issued = await devices.new_code(1)
    paired = await pairing.pair(issued.code, "laptop", DeviceKind.COMPANION)
    stored = next(iter(uow.devices.codes.values()))
    assert stored.code_hash == credentials.code_digest(issued.code)
    assert issued.code not in stored.code_hash
    assert list(uow.devices.tokens) == [credentials.digest(paired.token)]
    assert len(paired.token) >= 43


async def test_a_code_pairs_once_and_tells_the_athlete(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    devices, pairing, cards = services(uow, clock)
    issued = await devices.new_code(1)
    paired = await pairing.pair(issued.code, "  Anna's   laptop ", DeviceKind.COMPANION)
    assert paired.device.name == "Anna's laptop"
    assert cards.paired_devices == [(1, paired.device)]
    with pytest.raises(PairingCodeError) as error:
        await pairing.pair(issued.code, None, DeviceKind.COMPANION)
    assert error.value.reason == "used"


async def test_a_code_expires_after_ten_minutes(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    devices, pairing, _ = services(uow, clock)
    issued = await devices.new_code(1)
    assert issued.expires_at == NOW + timedelta(minutes=10)
    clock.now += timedelta(minutes=10)
    with pytest.raises(PairingCodeError) as error:
        await pairing.pair(issued.code, None, DeviceKind.COMPANION)
    assert error.value.reason == "expired"


async def test_a_new_code_replaces_the_unused_one(uow: FakeUnitOfWork) -> None:
    devices, pairing, _ = services(uow, Clock())
    old = await devices.new_code(1)
    new = await devices.new_code(1)
    with pytest.raises(PairingCodeError):
        await pairing.pair(old.code, None, DeviceKind.COMPANION)
    await pairing.pair(new.code, None, DeviceKind.COMPANION)


async def test_five_codes_an_hour_then_a_wait(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    devices, _, _ = services(uow, clock)
    for _ in range(5):
        await devices.new_code(1)
    with pytest.raises(TooManyCodesError):
        await devices.new_code(1)
    clock.now += timedelta(hours=1)
    await devices.new_code(1)


async def test_an_unknown_code_is_refused(uow: FakeUnitOfWork) -> None:
    _, pairing, _ = services(uow, Clock())
    with pytest.raises(PairingCodeError) as error:
        await pairing.pair("ABCD-2346", None, DeviceKind.COMPANION)
    assert error.value.reason == "unknown"


def test_device_names_are_checked() -> None:
    assert device_name(None) is None
    assert device_name("   ") is None
    assert device_name("x" * 64) == "x" * 64
    with pytest.raises(InvalidValueError):
        device_name("x" * 65)
    with pytest.raises(InvalidValueError):
        device_name("bad\x00name")


async def test_a_revoked_token_is_refused_at_once(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    devices, pairing, _ = services(uow, clock)
    paired = await pairing.pair((await devices.new_code(1)).code, None, DeviceKind.COMPANION)
    auth = await devices.authenticate(paired.token)
    assert (auth.user.id, auth.device.id) == (1, paired.device.id)
    await devices.revoke(1, paired.device.id)
    with pytest.raises(UnauthorizedError):
        await devices.authenticate(paired.token)
    with pytest.raises(NotFoundError):
        await devices.revoke(1, paired.device.id)
    assert await devices.devices(1) == []


async def test_another_athlete_cannot_revoke_my_device(uow: FakeUnitOfWork) -> None:
    devices, pairing, _ = services(uow, Clock())
    paired = await pairing.pair((await devices.new_code(1)).code, None, DeviceKind.COMPANION)
    with pytest.raises(NotFoundError):
        await devices.revoke(2, paired.device.id)
    with pytest.raises(NotFoundError):
        await devices.device(2, paired.device.id)


async def test_the_sync_time_is_written_once_a_minute_at_most(uow: FakeUnitOfWork) -> None:
    clock = Clock()
    devices, pairing, _ = services(uow, clock)
    paired = await pairing.pair((await devices.new_code(1)).code, None, DeviceKind.COMPANION)
    for _ in range(3):
        await devices.authenticate(paired.token)
    assert uow.devices.touches == 1
    clock.now += timedelta(minutes=1)
    auth = await devices.authenticate(paired.token)
    assert (uow.devices.touches, auth.device.last_sync_at) == (2, clock.now)


@pytest.mark.parametrize("token", [None, "", "guess"])
async def test_missing_or_unknown_tokens_are_refused(
    uow: FakeUnitOfWork, token: str | None
) -> None:
    devices, _, _ = services(uow, Clock())
    with pytest.raises(UnauthorizedError):
        await devices.authenticate(token)
