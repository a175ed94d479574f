"""The few Bluetooth LE calls the companion makes, as Protocols; bleak is one implementation
(device_sync/companion/bleak_radio.py), the tests' replaying fake another."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

NotifyCallback = Callable[[bytes], None]
DisconnectCallback = Callable[[], None]


@dataclass(frozen=True, slots=True)
class Advertisement:
    address: str
    name: str | None
    rssi: int | None
    service_uuids: tuple[str, ...]


class RadioError(Exception):
    """The device could not be reached, or the link broke during a call."""


class BleClient(Protocol):
    """One peripheral. `connect` and `start_notify` raise RadioError when the device is out of
    reach; the disconnect callback given to the factory fires when the link drops."""

    @property
    def address(self) -> str: ...

    @property
    def is_connected(self) -> bool: ...

    async def connect(self) -> None: ...

    async def disconnect(self) -> None: ...

    def notifiable_characteristics(self) -> set[str]:
        """UUIDs of the characteristics that notify, as the device lists them once connected."""
        ...

    async def start_notify(self, characteristic_uuid: str, callback: NotifyCallback) -> None: ...


ClientFactory = Callable[[str, DisconnectCallback], BleClient]


class Scanner(Protocol):
    async def discover(self, seconds: float) -> list[Advertisement]: ...
