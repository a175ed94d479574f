"""The characteristic registry and the service names a later `scan` command shows."""

from __future__ import annotations

import pytest

from device_sync.ble import (
    decode_heart_rate_measurement,
    decode_indoor_bike_data,
    decoder_for,
    supported_services,
)
from device_sync.ble.gatt import full_uuid, short_uuid


@pytest.mark.parametrize(
    "spelling",
    [0x2A37, "2a37", "2A37", "0x2A37", "00002a37", "00002A37-0000-1000-8000-00805F9B34FB"],
)
def test_a_characteristic_is_found_by_its_short_or_full_uuid(spelling: str | int) -> None:
    assert decoder_for(spelling) is decode_heart_rate_measurement


def test_each_of_the_six_characteristics_has_its_decoder() -> None:
    for number in (0x2A37, 0x2A5B, 0x2A63, 0x2A53, 0x2AD2, 0x2ACD):
        assert decoder_for(full_uuid(number)) is not None
    assert decoder_for("00002ad2-0000-1000-8000-00805f9b34fb") is decode_indoor_bike_data


@pytest.mark.parametrize(
    "unknown", [0x2A19, "battery", "6e400003-b5a3-f393-e0a9-e50e24dcca9e", -1, ""]
)
def test_an_unsupported_or_vendor_characteristic_has_no_decoder(unknown: str | int) -> None:
    assert decoder_for(unknown) is None


def test_vendor_uuids_are_not_sig_uuids() -> None:
    assert short_uuid("6e400001-b5a3-f393-e0a9-e50e24dcca9e") is None
    assert full_uuid(0x180D) == "0000180d-0000-1000-8000-00805f9b34fb"


def test_supported_services_names_what_a_trainer_advertises_in_a_stable_order() -> None:
    advertised = [
        "00001826-0000-1000-8000-00805f9b34fb",  # fitness machine
        "0000180a-0000-1000-8000-00805f9b34fb",  # device information: not ours
        "00001818-0000-1000-8000-00805f9b34fb",  # cycling power
        "a026ee0b-0a7d-4ab3-97fa-f1500f9feb8b",  # a vendor service
        "180d",
    ]
    services = supported_services(advertised)
    assert [service.name for service in services] == [
        "heart_rate",
        "cycling_power",
        "fitness_machine",
    ]
    assert services[2].characteristics == (0x2AD2, 0x2ACD)
    assert services[0].full_uuid == "0000180d-0000-1000-8000-00805f9b34fb"


def test_a_device_with_no_supported_service_gives_nothing() -> None:
    assert supported_services(["0000180f-0000-1000-8000-00805f9b34fb"]) == ()
