"""Which decoder reads which characteristic, and which supported services a device offers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from device_sync.ble import gatt
from device_sync.ble.cycling import (
    CscMeasurement,
    CyclingPowerMeasurement,
    decode_csc_measurement,
    decode_cycling_power_measurement,
)
from device_sync.ble.ftms import (
    IndoorBikeData,
    TreadmillData,
    decode_indoor_bike_data,
    decode_treadmill_data,
)
from device_sync.ble.heart_rate import HeartRateMeasurement, decode_heart_rate_measurement
from device_sync.ble.running import RscMeasurement, decode_rsc_measurement

Measurement = (
    HeartRateMeasurement
    | CscMeasurement
    | CyclingPowerMeasurement
    | RscMeasurement
    | IndoorBikeData
    | TreadmillData
)
Decoder = Callable[[gatt.Payload], Measurement]

DECODERS: Mapping[int, Decoder] = {
    gatt.HEART_RATE_MEASUREMENT: decode_heart_rate_measurement,
    gatt.CSC_MEASUREMENT: decode_csc_measurement,
    gatt.CYCLING_POWER_MEASUREMENT: decode_cycling_power_measurement,
    gatt.RSC_MEASUREMENT: decode_rsc_measurement,
    gatt.INDOOR_BIKE_DATA: decode_indoor_bike_data,
    gatt.TREADMILL_DATA: decode_treadmill_data,
}


@dataclass(frozen=True, slots=True)
class SupportedService:
    name: str
    uuid: int
    characteristics: tuple[int, ...]

    @property
    def full_uuid(self) -> str:
        """The 128-bit UUID a scanner reports."""
        return gatt.full_uuid(self.uuid)


SERVICES: tuple[SupportedService, ...] = (
    SupportedService("heart_rate", gatt.HEART_RATE_SERVICE, (gatt.HEART_RATE_MEASUREMENT,)),
    SupportedService(
        "cycling_speed_and_cadence",
        gatt.CYCLING_SPEED_AND_CADENCE_SERVICE,
        (gatt.CSC_MEASUREMENT,),
    ),
    SupportedService(
        "cycling_power", gatt.CYCLING_POWER_SERVICE, (gatt.CYCLING_POWER_MEASUREMENT,)
    ),
    SupportedService(
        "running_speed_and_cadence",
        gatt.RUNNING_SPEED_AND_CADENCE_SERVICE,
        (gatt.RSC_MEASUREMENT,),
    ),
    SupportedService(
        "fitness_machine",
        gatt.FITNESS_MACHINE_SERVICE,
        (gatt.INDOOR_BIKE_DATA, gatt.TREADMILL_DATA),
    ),
)


def decoder_for(characteristic_uuid: str | int) -> Decoder | None:
    """The decoder of a characteristic given as 0x2A37, "2a37" or its 128-bit UUID; else None."""
    number = gatt.short_uuid(characteristic_uuid)
    return None if number is None else DECODERS.get(number)


def supported_services(advertised_uuids: Iterable[str | int]) -> tuple[SupportedService, ...]:
    """The services we can read among those a device advertises, in SERVICES order."""
    advertised = {gatt.short_uuid(uuid) for uuid in advertised_uuids}
    return tuple(service for service in SERVICES if service.uuid in advertised)
