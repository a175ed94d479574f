"""The messenger port of devices: what the athlete is told in Telegram."""

from __future__ import annotations

from typing import Protocol

from domain.activities.service import Imported
from domain.devices.models import Device
from domain.users.models import User
from domain.workouts.models import Activity


class DeviceCards(Protocol):
    """Tells the athlete in Telegram what a device did."""

    async def paired(self, user: User, device: Device) -> None: ...

    async def imported(self, user: User, imported: Imported, live: Activity | None) -> None:
        """The import card of uploaded or recorded workouts (`live`: its session's sport)."""
        ...
