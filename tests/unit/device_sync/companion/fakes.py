"""A replaying fake of the companion's BLE client interface, and a fake clock that the
recorder's tick and every backoff wait advance through."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from device_sync.companion.radio import (
    Advertisement,
    DisconnectCallback,
    NotifyCallback,
    RadioError,
)

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[3] / "data" / "ble" / "vectors.json").read_text()
)
START = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)


def vectors(name: str, **decoded: Any) -> list[dict[str, Any]]:
    """The valid vectors of one characteristic whose decoded fields match `decoded`."""
    return [
        vector
        for vector in VECTORS
        if vector["name"] == name
        and vector["valid"]
        and all(vector["decoded"].get(key) == value for key, value in decoded.items())
    ]


def heart_rate_vectors() -> list[dict[str, Any]]:
    """Straps' notifications with a heart rate the merger keeps (contact not reported lost)."""
    return [
        vector
        for vector in vectors("heart_rate_measurement")
        if vector["decoded"]["sensor_contact_detected"] is not False
        and 25 <= vector["decoded"]["heart_rate_bpm"] <= 250
    ]


def power_vectors() -> list[dict[str, Any]]:
    """A power meter's notifications with a power an athlete can make."""
    return [
        vector
        for vector in vectors("cycling_power_measurement")
        if 0 <= vector["decoded"]["instantaneous_power_w"] <= 3000
    ]


class FakeDevice:
    """Replays its vectors in order, one notification per characteristic each step."""

    def __init__(self, address: str, streams: dict[str, list[dict[str, Any]]]) -> None:
        self.address = address
        self.streams = streams
        self.position = dict.fromkeys(streams, 0)
        self.connected = False
        self.away = False  # out of range: connect() fails
        self.connects = 0
        self.link_up = asyncio.Event()  # set at each connection
        self.sent: list[tuple[str, dict[str, Any]]] = []
        self._subscriptions: dict[str, NotifyCallback] = {}
        self._on_disconnect: DisconnectCallback | None = None

    def step(self) -> None:
        for uuid, callback in list(self._subscriptions.items()):
            stream = self.streams[uuid]
            vector = stream[self.position[uuid] % len(stream)]
            self.position[uuid] += 1
            self.sent.append((uuid, vector))
            callback(bytes.fromhex(vector["hex"]))

    def drop(self, away: bool = True) -> None:
        """The link breaks (and with `away` the sensor stays out of reach until `back()`)."""
        self.connected, self.away = False, away
        self._subscriptions.clear()
        if self._on_disconnect is not None:
            self._on_disconnect()

    def back(self) -> None:
        self.away = False


class FakeBleClient:
    def __init__(self, device: FakeDevice, on_disconnect: DisconnectCallback) -> None:
        self._device = device
        device._on_disconnect = on_disconnect

    @property
    def address(self) -> str:
        return self._device.address

    @property
    def is_connected(self) -> bool:
        return self._device.connected

    async def connect(self) -> None:
        await asyncio.sleep(0)
        if self._device.away:
            raise RadioError(f"{self._device.address} not found")
        self._device.connected = True
        self._device.connects += 1
        self._device.link_up.set()

    async def disconnect(self) -> None:
        self._device.connected = False
        self._device._subscriptions.clear()

    def notifiable_characteristics(self) -> set[str]:
        return set(self._device.streams) | {"00002a19-0000-1000-8000-00805f9b34fb"}

    async def start_notify(self, characteristic_uuid: str, callback: NotifyCallback) -> None:
        if not self._device.connected:
            raise RadioError("not connected")
        self._device._subscriptions[characteristic_uuid] = callback


class FakeRadio:
    def __init__(self, *devices: FakeDevice) -> None:
        self.devices = {device.address: device for device in devices}

    def client(self, address: str, on_disconnect: DisconnectCallback) -> FakeBleClient:
        if address not in self.devices:
            self.devices[address] = FakeDevice(address, {})
            self.devices[address].away = True
        return FakeBleClient(self.devices[address], on_disconnect)

    def step(self) -> None:
        for device in self.devices.values():
            device.step()


class FakeScanner:
    def __init__(self, found: list[Advertisement]) -> None:
        self.found = found

    async def discover(self, seconds: float) -> list[Advertisement]:
        return self.found


Hook = Callable[["FakeTime", int, asyncio.Event], Awaitable[None] | None]


class FakeTime:
    """The recorder's clock: each tick wait moves it to the next second, steps the radio and
    runs the test's script; backoff sleeps wait for ticks (and return at once after stop)."""

    def __init__(self, radio: FakeRadio, script: Hook, start: datetime = START) -> None:
        self.now = start
        self.radio = radio
        self.script = script
        self.ticks = 0
        self.sleeps: list[float] = []
        self.stopped = False
        self._tick = asyncio.Condition()

    def clock(self) -> datetime:
        return self.now

    async def wait(self, seconds: float, stop: asyncio.Event) -> None:
        for _ in range(20):  # let the links and the pusher run between two seconds
            await asyncio.sleep(0)
        self.now += timedelta(seconds=max(0.0, seconds))
        self.ticks += 1
        self.radio.step()
        result = self.script(self, self.ticks, stop)
        if result is not None:
            await result
        self.stopped = stop.is_set()
        async with self._tick:
            self._tick.notify_all()

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        target = self.now + timedelta(seconds=seconds)
        while not self.stopped and self.now < target:
            async with self._tick:
                await self._tick.wait()
        await asyncio.sleep(0)
