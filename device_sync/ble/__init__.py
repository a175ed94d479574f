"""Bluetooth LE GATT decoders for the companion: standard library only, no server imports."""

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
from device_sync.ble.gatt import GattDecodeError, Payload
from device_sync.ble.heart_rate import HeartRateMeasurement, decode_heart_rate_measurement
from device_sync.ble.registry import (
    DECODERS,
    SERVICES,
    Measurement,
    SupportedService,
    decoder_for,
    supported_services,
)
from device_sync.ble.revolutions import (
    CadenceSpeedTracker,
    SpeedCadence,
    power_from_accumulated_torque,
)
from device_sync.ble.running import RscMeasurement, decode_rsc_measurement

__all__ = [
    "DECODERS",
    "SERVICES",
    "CadenceSpeedTracker",
    "CscMeasurement",
    "CyclingPowerMeasurement",
    "GattDecodeError",
    "HeartRateMeasurement",
    "IndoorBikeData",
    "Measurement",
    "Payload",
    "RscMeasurement",
    "SpeedCadence",
    "SupportedService",
    "TreadmillData",
    "decode_csc_measurement",
    "decode_cycling_power_measurement",
    "decode_heart_rate_measurement",
    "decode_indoor_bike_data",
    "decode_rsc_measurement",
    "decode_treadmill_data",
    "decoder_for",
    "power_from_accumulated_torque",
    "supported_services",
]
