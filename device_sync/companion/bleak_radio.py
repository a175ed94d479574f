"""The bleak adapter of device_sync.companion.radio: a thin translation, nothing decided here."""

from __future__ import annotations

from bleak import BleakClient, BleakScanner
from bleak.backends.characteristic import BleakGATTCharacteristic
from bleak.exc import BleakError

from device_sync.companion.radio import (
    Advertisement,
    DisconnectCallback,
    NotifyCallback,
    RadioError,
)

_FAILURES = (BleakError, OSError, TimeoutError)


class BleakBleClient:
    def __init__(self, address: str, on_disconnect: DisconnectCallback) -> None:
        self._address = address
        self._client = BleakClient(address, disconnected_callback=lambda _: on_disconnect())

    @property
    def address(self) -> str:
        return self._address

    @property
    def is_connected(self) -> bool:
        return self._client.is_connected

    async def connect(self) -> None:
        try:
            await self._client.connect()
        except _FAILURES as error:
            raise RadioError(str(error) or type(error).__name__) from error

    async def disconnect(self) -> None:
        try:
            await self._client.disconnect()
        except _FAILURES as error:
            raise RadioError(str(error) or type(error).__name__) from error

    def notifiable_characteristics(self) -> set[str]:
        return {
            characteristic.uuid
            for service in self._client.services
            for characteristic in service.characteristics
            if {"notify", "indicate"} & set(characteristic.properties)
        }

    async def start_notify(self, characteristic_uuid: str, callback: NotifyCallback) -> None:
        def forward(_: BleakGATTCharacteristic, data: bytearray) -> None:
            callback(bytes(data))

        try:
            await self._client.start_notify(characteristic_uuid, forward)
        except _FAILURES as error:
            raise RadioError(str(error) or type(error).__name__) from error


class BleakRadioScanner:
    async def discover(self, seconds: float) -> list[Advertisement]:
        try:
            found = await BleakScanner.discover(timeout=seconds, return_adv=True)
        except _FAILURES as error:
            raise RadioError(str(error) or type(error).__name__) from error
        return [
            Advertisement(
                address=device.address,
                name=advertisement.local_name or device.name,
                rssi=advertisement.rssi,
                service_uuids=tuple(advertisement.service_uuids),
            )
            for device, advertisement in found.values()
        ]
