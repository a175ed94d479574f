"""One sensor's link for the length of a recording: connect, subscribe to every measurement
we decode, and after a drop reconnect with capped exponential backoff until told to stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum

from device_sync.ble import GattDecodeError, Measurement, decoder_for
from device_sync.companion.backoff import Backoff
from device_sync.companion.radio import BleClient, ClientFactory, RadioError

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
OnMeasurement = Callable[[str, Measurement], None]


class LinkState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    UNSUPPORTED = "unsupported"


class UnsupportedDeviceError(Exception):
    """The device offers none of the measurements the companion reads."""


class SensorLink:
    def __init__(
        self,
        address: str,
        factory: ClientFactory,
        on_measurement: OnMeasurement,
        backoff: Backoff,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.address = address
        self.state = LinkState.CONNECTING
        self.connections = 0
        self.bad_notifications = 0
        self._on_measurement = on_measurement
        self._backoff = backoff
        self._sleep = sleep
        self._lost = asyncio.Event()
        self._client: BleClient = factory(address, self._lost.set)

    async def run(self) -> None:
        """Keep the sensor connected until cancelled; only an unsupported device gives up."""
        attempt = 0
        while True:
            try:
                await self._connect()
            except RadioError as error:
                log.info("sensor %s: cannot connect (%s)", self.address, error)
            except UnsupportedDeviceError:
                self.state = LinkState.UNSUPPORTED
                await self._disconnect()
                return
            else:
                attempt = 0
                await self._lost.wait()
                log.info("sensor %s: link lost", self.address)
            self.state = LinkState.RECONNECTING
            await self._sleep(self._backoff.delay(attempt))
            attempt += 1

    async def _connect(self) -> None:
        self._lost.clear()
        await self._client.connect()
        readable = [
            uuid for uuid in self._client.notifiable_characteristics() if decoder_for(uuid)
        ]
        if not readable:
            raise UnsupportedDeviceError(self.address)
        for uuid in sorted(readable):
            await self._client.start_notify(uuid, self._handler(uuid))
        self.state = LinkState.CONNECTED
        self.connections += 1

    def _handler(self, uuid: str) -> Callable[[bytes], None]:
        decoder = decoder_for(uuid)
        assert decoder is not None

        def handle(data: bytes) -> None:
            try:
                measurement = decoder(data)
            except GattDecodeError as error:
                # one garbled notification must not end the recording
                self.bad_notifications += 1
                log.debug("sensor %s: %s", self.address, error)
                return
            self._on_measurement(self.address, measurement)

        return handle

    async def close(self) -> None:
        """Leave the sensor free for other apps (called once the recording stops)."""
        await self._disconnect()

    async def _disconnect(self) -> None:
        if self._client.is_connected:
            try:
                await self._client.disconnect()
            except RadioError as error:
                log.info("sensor %s: disconnect failed (%s)", self.address, error)
