"""A device exchanges the athlete's one-time code for its own token (ADR 0026)."""

from __future__ import annotations

from domain.clock import Clock
from domain.devices import credentials
from domain.devices.cards import DeviceCards
from domain.devices.errors import PairingCodeError
from domain.devices.models import CodeState, DeviceKind, Paired
from domain.devices.service import device_name
from domain.ports import UnitOfWork


class PairingService:
    def __init__(self, uow: UnitOfWork, clock: Clock, cards: DeviceCards) -> None:
        self._uow = uow
        self._clock = clock
        self._cards = cards

    async def pair(self, code: str, name: str | None, kind: DeviceKind) -> Paired:
        """Exchange an open, unexpired code for a new device and its token (used up once)."""
        now = self._clock()
        name = device_name(name)
        token = credentials.new_token()
        async with self._uow:
            found = await self._uow.devices.code_by_hash(credentials.code_digest(code))
            if found is None:
                raise PairingCodeError("unknown")
            if found.state is not CodeState.OPEN:
                raise PairingCodeError("used")
            if found.expires_at <= now:
                raise PairingCodeError("expired")
            if not await self._uow.devices.use_code(found.id):
                raise PairingCodeError("used")
            device = await self._uow.devices.add_device(
                found.user_id, name, kind, credentials.digest(token), now
            )
            user = await self._uow.users.get(found.user_id)
            await self._uow.commit()
        if user is not None:
            await self._cards.paired(user, device)
        return Paired(device, token)
