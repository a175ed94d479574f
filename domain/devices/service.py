"""Pairing codes for the athlete, device tokens checked per request, revoking (ADR 0026)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.clock import Clock
from domain.devices import credentials
from domain.devices.errors import TooManyCodesError, UnauthorizedError
from domain.devices.models import (
    Device,
    DeviceAuth,
    IssuedCode,
)
from domain.errors import InvalidValueError, NotFoundError
from domain.ports import UnitOfWork

CODE_TTL = timedelta(minutes=10)
CODES_PER_HOUR = 5
KEEP_CODES = timedelta(days=1)
# last_sync_at is written at most this often: a burst of sample batches is one write.
TOUCH_EVERY = timedelta(minutes=1)
NAME_MAX_LENGTH = 64


def device_name(text: str | None) -> str | None:
    """A name of at most 64 printable characters; blank means none."""
    if text is None or not text.strip():
        return None
    name = " ".join(text.split())
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidValueError("name", "too_long", limit=NAME_MAX_LENGTH)
    if not name.isprintable():
        raise InvalidValueError("name", "not_printable")
    return name


class DeviceService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def devices(self, user_id: int) -> list[Device]:
        """The athlete's paired devices that were not revoked, oldest first."""
        async with self._uow:
            await self._uow.read_only()
            return await self._uow.devices.active(user_id)

    async def new_code(self, user_id: int) -> IssuedCode:
        """A code valid for 10 minutes that replaces the athlete's unused one; at most five
        an hour."""
        now = self._clock()
        async with self._uow:
            recent = await self._uow.devices.codes_since(user_id, now - timedelta(hours=1))
            if recent >= CODES_PER_HOUR:
                raise TooManyCodesError(limit=CODES_PER_HOUR)
            await self._uow.devices.prune_codes(user_id, now - KEEP_CODES)
            code = credentials.new_code()
            expires = now + CODE_TTL
            await self._uow.devices.add_code(user_id, credentials.code_digest(code), now, expires)
            await self._uow.commit()
        return IssuedCode(code, expires)

    async def revoke(self, user_id: int, device_id: int) -> None:
        """The device's token stops working at once; its workouts stay."""
        async with self._uow:
            if not await self._uow.devices.revoke(user_id, device_id, self._clock()):
                raise NotFoundError(what="device")
            await self._uow.commit()

    async def device(self, user_id: int, device_id: int) -> Device:
        """One of the athlete's devices that is still paired."""
        async with self._uow:
            await self._uow.read_only()
            device = await self._uow.devices.get(user_id, device_id)
        if device is None or device.revoked_at is not None:
            raise NotFoundError(what="device")
        return device

    async def authenticate(self, token: str | None) -> DeviceAuth:
        """The device and athlete of a token that is not revoked; notes the sync time."""
        if not token:
            raise UnauthorizedError()
        now = self._clock()
        async with self._uow:
            device = await self._uow.devices.by_token(credentials.digest(token))
            if device is None or device.revoked_at is not None:
                raise UnauthorizedError()
            user = await self._uow.users.get(device.user_id)
            if user is None:
                raise UnauthorizedError()
            last = device.last_sync_at
            if last is None or now - last >= TOUCH_EVERY:
                await self._uow.devices.touch(device.id, now)
                await self._uow.commit()
                device = replace(device, last_sync_at=now)
        return DeviceAuth(device, user)
